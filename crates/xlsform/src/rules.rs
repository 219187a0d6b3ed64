//! The rules pyxform applies beyond a form's structure, which Pathways applies the same way so
//! that a form one refuses the other refuses too: names reserved or unique across the form, the
//! `parameters` each type accepts and their values, and `${name}` references outside the survey's
//! expressions (choice labels, the settings' `instance_name`). Each problem names its sheet, row
//! and column.

use std::collections::{HashMap, HashSet};

use crate::model::{ContainerKind, Form, Item, Kind, language_of};
use crate::problem::Problem;
use crate::sheet::Sheet;

/// A name as XML allows it: a letter or `_` first, then letters, digits, `_`, `-`, `.` (and `:`,
/// which namespaced names use).
pub(crate) fn valid_name(n: &str) -> bool {
    let mut c = n.chars();
    c.next().is_some_and(|f| f.is_alphabetic() || f == '_')
        && c.all(|x| x.is_alphanumeric() || matches!(x, '_' | '-' | '.' | ':'))
}

/// Why an Android package name (`org.example.app`) is wrong, as pyxform checks it.
fn package_name(v: &str) -> Option<String> {
    let why = if v.trim().is_empty() {
        "the package name is missing"
    } else if !v.contains('.') {
        "a package name has at least one `.` separator"
    } else if v.ends_with('.') {
        "a package name cannot end in `.`"
    } else if v.split('.').any(str::is_empty) {
        "the segments between dots cannot be empty"
    } else if v.split('.').any(|s| s.starts_with('_')) {
        "a segment cannot begin with `_`"
    } else if v.split('.').any(|s| s.starts_with(|c: char| c.is_ascii_digit())) {
        "a segment cannot begin with a digit"
    } else if v.chars().any(|c| !(c.is_ascii_alphanumeric() || c == '.' || c == '_')) {
        "a package name holds only letters, digits, dots and `_`"
    } else {
        return None;
    };
    Some(format!("`app={v}` is not an Android package name: {why}"))
}

/// Why the audit's parameters do not fit together (`None`: they do).
fn audit(given: &HashMap<&str, &str>) -> Vec<String> {
    let mut out = vec![];
    for k in ["track-changes", "identify-user"] {
        if let Some(v) = given.get(k).filter(|v| !matches!(**v, "true" | "false")) {
            out.push(format!("`{k}` is true or false, not `{v}`"));
        }
    }
    if let Some(v) = given.get("track-changes-reasons").filter(|v| **v != "on-form-edit") {
        out.push(format!("`track-changes-reasons` can only be on-form-edit, not `{v}`"));
    }
    let location = ["location-priority", "location-min-interval", "location-max-age"];
    if location.iter().any(|k| given.contains_key(k)) {
        if !location.iter().all(|k| given.contains_key(k)) {
            out.push("a located audit needs location-priority, location-min-interval and location-max-age".into());
            return out;
        }
        if let Some(p) = given
            .get("location-priority")
            .filter(|p| !matches!(**p, "no-power" | "low-power" | "balanced" | "high-accuracy"))
        {
            out.push(format!(
                "`location-priority` is no-power, low-power, balanced or high-accuracy, not `{p}`"
            ));
        }
        let min = given.get("location-min-interval").and_then(|v| v.parse::<i64>().ok());
        let max = given.get("location-max-age").and_then(|v| v.parse::<i64>().ok());
        match (min, max) {
            (Some(m), _) if m < 0 => out.push("`location-min-interval` must be 0 or more".into()),
            (Some(m), Some(x)) if x < m => {
                out.push("`location-max-age` must be at least `location-min-interval`".into());
            }
            (None, _) | (_, None) => out.push("location-min-interval and location-max-age are whole seconds".into()),
            _ => {}
        }
    }
    out
}

/// Names the XForm keeps for itself.
const RESERVED: &[&str] = &["meta"];

/// Names reserved for form metadata, and repeats named once in the whole form (each repeat is a
/// node set addressed by its name alone).
pub(crate) fn names(form: &Form, survey: &Sheet, problems: &mut Vec<Problem>) {
    let mut repeats: HashSet<&str> = HashSet::new();
    for (_, it) in form.walk() {
        let row = Some(it.row().0);
        if RESERVED.contains(&it.name()) {
            problems.push(survey.at(
                row,
                Some("name"),
                format!("the name `{}` is reserved for the form's metadata", it.name()),
            ));
        }
        if let Item::Container(c) = it
            && c.kind == ContainerKind::Repeat
            && !c.name.is_empty()
            && !repeats.insert(&c.name)
        {
            problems.push(survey.at(
                row,
                Some("name"),
                format!(
                    "a repeat is already named `{}`: repeat names are unique in the whole form",
                    c.name
                ),
            ));
        }
    }
}

/// `key=value` pairs as the `parameters` column writes them (separated by spaces, `;` or `,`).
fn pairs(s: &str) -> Result<Vec<(String, String)>, String> {
    s.split([' ', ';', ','])
        .filter(|p| !p.trim().is_empty())
        .map(|p| match p.split_once('=') {
            Some((k, v)) if !k.trim().is_empty() => Ok((k.trim().to_ascii_lowercase(), v.trim().to_string())),
            _ => Err(format!("`{p}` is not `key=value`")),
        })
        .collect()
}

fn number(v: &str) -> Option<f64> {
    v.parse::<f64>().ok().filter(|x| x.is_finite())
}

/// Why a parameter's value is wrong for its key (`None`: right).
type ValueCheck = fn(&str, &str) -> Option<String>;

/// The parameters a type accepts, and how their values are checked.
fn accepted(kind: &Kind) -> Option<(&'static [&'static str], ValueCheck)> {
    // Types kept as written (`Image`) are matched as pyxform reads them, case aside.
    Some(match kind.name().to_ascii_lowercase().as_str() {
        "range" => (
            &["start", "end", "step", "tick_interval", "placeholder", "tick_labelset"][..],
            |k, v| match k {
                "start" | "end" | "tick_interval" | "placeholder" => number(v)
                    .is_none()
                    .then(|| format!("`{k}` must be a number, not `{v}`")),
                "step" => match number(v) {
                    None => Some(format!("`step` must be a number, not `{v}`")),
                    Some(0.0) => Some("`step` must not be 0".to_string()),
                    Some(_) => None,
                },
                _ => None,
            },
        ),
        "image" => (&["max-pixels", "app"][..], |k, v| match k {
            "max-pixels" => v
                .parse::<i64>()
                .is_err()
                .then(|| format!("`max-pixels` must be a whole number, not `{v}`")),
            // `app` is checked where the appearance is known.
            _ => None,
        }),
        "audio" => (&["quality"][..], |_, v| {
            (!["normal", "voice-only", "low", "external"].contains(&v))
                .then(|| format!("`quality` is normal, voice-only, low or external, not `{v}`"))
        }),
        "background-audio" => (&["quality"][..], |_, v| {
            (!["normal", "voice-only", "low"].contains(&v))
                .then(|| format!("`quality` of background audio is normal, voice-only or low, not `{v}`"))
        }),
        "geopoint" => (
            &[
                "capture-accuracy",
                "warning-accuracy",
                "allow-mock-accuracy",
                "reference-geometry",
            ][..],
            |k, v| match k {
                "allow-mock-accuracy" => {
                    (!["true", "false"].contains(&v)).then(|| format!("`{k}` is true or false, not `{v}`"))
                }
                "reference-geometry" => None,
                _ => number(v)
                    .is_none()
                    .then(|| format!("`{k}` must be a number, not `{v}`")),
            },
        ),
        "geotrace" | "geoshape" => (
            &["allow-mock-accuracy", "incremental", "reference-geometry"][..],
            |k, v| match k {
                "allow-mock-accuracy" => {
                    (!["true", "false"].contains(&v)).then(|| format!("`{k}` is true or false, not `{v}`"))
                }
                "incremental" => (!matches!(v, "yes" | "Yes" | "YES" | "true" | "True" | "TRUE" | "true()"))
                    .then(|| format!("`incremental` can only be true, not `{v}`")),
                _ => None,
            },
        ),
        "select_one" | "select_multiple" | "rank" | "select_one_external" => {
            (&["randomize", "seed"][..], |k, v| match k {
                "randomize" => (!["true", "false"].contains(&v.to_ascii_lowercase().as_str()))
                    .then(|| format!("`randomize` is true or false, not `{v}`")),
                _ => None,
            })
        }
        "select_one_from_file" | "select_multiple_from_file" => {
            (&["randomize", "seed", "value", "label"][..], |k, v| match k {
                "randomize" => (!["true", "false"].contains(&v.to_ascii_lowercase().as_str()))
                    .then(|| format!("`randomize` is true or false, not `{v}`")),
                "value" | "label" => (!valid_name(v)).then(|| {
                    format!("`{k}={v}` must name a column: start with a letter or _, then letters, digits, _, - or .")
                }),
                _ => None,
            })
        }
        "text" => (&["rows"][..], |_, v| {
            v.parse::<u32>()
                .is_err()
                .then(|| format!("`rows` must be a whole number, not `{v}`"))
        }),
        "audit" => (
            &[
                "location-priority",
                "location-min-interval",
                "location-max-age",
                "track-changes",
                "track-changes-reasons",
                "identify-user",
            ][..],
            |_, _| None,
        ),
        _ => return None,
    })
}

/// The `parameters` of each question: keys its type accepts, values of the right kind.
pub(crate) fn parameters(form: &Form, survey: &Sheet, problems: &mut Vec<Problem>) {
    for (_, it) in form.walk() {
        let Item::Question(q) = it else { continue };
        let Some(written) = q.cells.get("parameters").filter(|p| !p.trim().is_empty()) else {
            continue;
        };
        let Some((keys, check)) = accepted(&q.kind) else {
            continue;
        };
        let row = Some(q.row.0);
        let mut at = |m: String| problems.push(survey.at(row, Some("parameters"), m));
        let pairs = match pairs(written) {
            Ok(p) => p,
            Err(m) => {
                at(m);
                continue;
            }
        };
        let given: HashMap<&str, &str> = pairs.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
        for (k, v) in &pairs {
            if !keys.contains(&k.as_str()) {
                at(format!(
                    "`{k}` is not a parameter of this type (it takes {})",
                    keys.join(", ")
                ));
            } else if let Some(m) = check(k, v) {
                at(m);
            }
        }
        if let Some(seed) = given.get("seed") {
            if !given.contains_key("randomize") {
                at("a `seed` needs `randomize=true`".into());
            } else if number(seed).is_none() && !(seed.starts_with("${") && seed.ends_with('}')) {
                at(format!("`seed={seed}` must be a number or a reference such as ${{q}}"));
            }
        }
        // An app takes the photo only where no appearance (or `annotate`) asks for another.
        let appearance = q.cells.get("appearance").map_or("", String::as_str);
        if q.kind.name() == "image"
            && (appearance.is_empty() || appearance == "annotate")
            && let Some(m) = given.get("app").and_then(|a| package_name(a))
        {
            at(m);
        }
        if q.kind.name() == "audit" {
            for m in audit(&given) {
                at(m);
            }
        }
        if let Some(g) = given.get("reference-geometry") {
            let repeat = g.strip_prefix("${").and_then(|r| r.strip_suffix('}')).is_some_and(|r| {
                form.walk()
                    .iter()
                    .any(|(_, it)| matches!(it, Item::Container(c) if c.kind == ContainerKind::Repeat && c.name == r))
            });
            if !repeat && !crate::instances::secondary(form).iter().any(|i| i == g) {
                at(format!(
                    "`reference-geometry={g}` names no choice list, external instance or file, nor a repeat as ${{name}}"
                ));
            }
        }
        if q.kind == Kind::Range {
            let appearance = q.cells.get("appearance").map_or("", String::as_str);
            for m in range(&given, appearance, |l| {
                form.choice_list(l)
                    .map(|c| c.choices.iter().map(|x| x.name.as_str()).collect())
            }) {
                at(m);
            }
        }
    }
}

/// Whether `x` is a whole multiple of `step` (decimal steps included).
fn multiple_of(x: f64, step: f64) -> bool {
    let r = x / step;
    (r - r.round()).abs() < 1e-9
}

/// A range's parameters taken together: the step fits the range, ticks and the placeholder fall
/// on steps, tick labels name numbers of a list.
fn range<'f>(
    given: &HashMap<&str, &str>,
    appearance: &str,
    list: impl Fn(&str) -> Option<Vec<&'f str>>,
) -> Vec<String> {
    let get = |k: &str, d: f64| given.get(k).map_or(Some(d), |v| number(v));
    let (Some(start), Some(end), Some(step)) = (get("start", 1.0), get("end", 10.0), get("step", 1.0)) else {
        return vec![];
    };
    let width = (end - start).abs();
    let mut out = vec![];
    if step != 0.0 && step.abs() > width {
        out.push(format!(
            "`step` ({step}) must not be larger than the range ({start} to {end})"
        ));
    }
    let ticks = ["tick_interval", "placeholder", "tick_labelset"];
    if !appearance.is_empty()
        && !appearance.contains("vertical")
        && !appearance.contains("no-ticks")
        && ticks.iter().any(|k| given.contains_key(k))
    {
        out.push("tick parameters need the `vertical` or `no-ticks` appearance, or none".into());
    }
    if let Some(t) = given.get("tick_interval").and_then(|v| number(v)) {
        if t == 0.0 {
            out.push("`tick_interval` must not be 0".into());
        } else if t > width {
            out.push(format!("`tick_interval` ({t}) must not be larger than the range"));
        } else if step != 0.0 && !multiple_of(t, step) {
            out.push(format!("`tick_interval` ({t}) must be a multiple of `step` ({step})"));
        }
    }
    if let Some(p) = given.get("placeholder").and_then(|v| number(v)) {
        if step != 0.0 && !multiple_of(p - start, step) {
            out.push(format!("`placeholder` ({p}) must fall on a step from `start`"));
        } else if p < start.min(end) || p > start.max(end) {
            out.push(format!("`placeholder` ({p}) must lie within the range"));
        }
    }
    if let Some(l) = given.get("tick_labelset") {
        match list(l) {
            None => out.push(format!("`tick_labelset={l}` names no choice list")),
            Some(names) => {
                let values: Vec<Option<f64>> = names.iter().map(|n| number(n)).collect();
                let tick = given.get("tick_interval").and_then(|v| number(v));
                if values.iter().any(Option::is_none) {
                    out.push(format!("the choices of `tick_labelset={l}` must all be numbers"));
                } else if values
                    .iter()
                    .flatten()
                    .any(|v| *v < start.min(end) || *v > start.max(end))
                {
                    out.push(format!("the choices of `tick_labelset={l}` must lie within the range"));
                } else if values.iter().flatten().any(|v| match tick {
                    Some(t) if t != 0.0 => !multiple_of(v - start, t),
                    _ => step != 0.0 && !multiple_of(v - start, step),
                }) {
                    out.push(format!(
                        "the choices of `tick_labelset={l}` must fall on the ticks (or steps) from `start`"
                    ));
                } else if appearance.contains("no-ticks") {
                    let mut distinct: Vec<f64> = values.iter().flatten().copied().collect();
                    distinct.sort_by(f64::total_cmp);
                    distinct.dedup();
                    if distinct.len() > 2 {
                        out.push(format!("with `no-ticks`, `tick_labelset={l}` labels only the two ends"));
                    } else if distinct != [start.min(end), start.max(end)] {
                        out.push(format!(
                            "with `no-ticks`, the choices of `tick_labelset={l}` are `start` and `end`"
                        ));
                    }
                }
            }
        }
    }
    out
}

/// `${name}` references written in label-like text.
pub(crate) fn text_references(s: &str) -> Vec<&str> {
    let mut out = vec![];
    let mut rest = s;
    while let Some(i) = rest.find("${") {
        let after = &rest[i + 2..];
        match after.find('}') {
            Some(j) => {
                out.push(after[..j].trim());
                rest = &after[j + 1..];
            }
            None => break,
        }
    }
    out
}

/// References in choice labels and in the settings' `instance_name` name questions of the form.
pub(crate) fn outside_references(
    form: &Form,
    choices: Option<&Sheet>,
    settings: Option<&Sheet>,
    known: &HashMap<&str, usize>,
    problems: &mut Vec<Problem>,
) {
    let missing = |r: &str| !known.contains_key(r.strip_prefix("last-saved#").unwrap_or(r));
    if let Some(ch) = choices {
        for list in &form.choices {
            for c in &list.choices {
                for (col, v) in &c.cells {
                    let base = language_of(col).map_or(col.as_str(), |(b, _)| b);
                    if base != "label" {
                        continue;
                    }
                    for r in text_references(v).into_iter().filter(|r| missing(r)) {
                        problems.push(ch.at(
                            Some(c.row.0),
                            Some(col),
                            format!("`${{{r}}}` refers to no question of the form"),
                        ));
                    }
                }
            }
        }
    }
    let Some(st) = settings else { return };
    let row = st.rows.first().map(|(r, _)| *r);
    if let Some(v) = form.settings.get("instance_name") {
        for r in text_references(v).into_iter().filter(|r| missing(r)) {
            problems.push(st.at(
                row,
                Some("instance_name"),
                format!("`${{{r}}}` refers to no question of the form"),
            ));
        }
    }
    // The settings' `name` names the form's root element.
    if let Some(n) = form.settings.get("name").filter(|n| !valid_name(n)) {
        problems.push(st.at(
            row,
            Some("name"),
            format!("`{n}` is not a valid name: start with a letter or _, then letters, digits, _, - or ."),
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parameters_read_as_pyxform_writes_them() {
        assert_eq!(
            pairs("start=0 end=10;step=2").unwrap(),
            [("start", "0"), ("end", "10"), ("step", "2")].map(|(k, v)| (k.to_string(), v.to_string()))
        );
        assert!(pairs("start").is_err());
        let (keys, check) = accepted(&Kind::Range).unwrap();
        assert!(keys.contains(&"tick_interval"));
        assert_eq!(check("step", "0").unwrap(), "`step` must not be 0");
        assert!(check("step", "x").is_some() && check("end", "10").is_none());
        assert!(accepted(&Kind::Integer).is_none());
    }

    #[test]
    fn references_in_text() {
        assert_eq!(text_references("Yes ${a} and ${ b }"), ["a", "b"]);
        assert!(text_references("no refs").is_empty());
    }
}
