//! Reading an XLSForm workbook into a [`Form`], or refusing it with every problem found, each
//! placed by sheet, row and column the way the author sees them in the spreadsheet.

use std::collections::{BTreeMap, HashMap, HashSet};

use crate::expr;
use crate::model::{Choice, ChoiceList, Container, ContainerKind, Form, Item, Kind, Position, Question, language_of};
pub use crate::problem::{FormError, Problem};
use crate::rules::{text_references, valid_name};
use crate::sheet::{Sheet, Table, sheet_of, workbook_tables};

/// Reads a form kept as one CSV text per sheet (`survey`, `choices`, `settings`), the
/// diff-friendly way the shipped questionnaire is authored.
pub fn read_csv(sheets: &[(&str, &str)]) -> Result<Form, FormError> {
    let mut tables = vec![];
    for (name, text) in sheets {
        let mut rdr = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .from_reader(text.as_bytes());
        let mut rows = vec![];
        for (i, rec) in rdr.records().enumerate() {
            let rec = rec.map_err(|e| {
                FormError::Invalid(vec![Problem {
                    sheet: name.to_string(),
                    row: Some(i as u32 + 1),
                    column: None,
                    message: format!("broken CSV line: {e}"),
                }])
            })?;
            rows.push(rec.iter().map(str::to_string).collect());
        }
        tables.push(Table {
            name: name.to_string(),
            first_row: 0,
            first_col: 0,
            rows,
        });
    }
    read_tables(&tables)
}

/// Types the converter accepts that the web form does not render, by their first word.
const NOT_RENDERABLE: &[&str] = &[
    "geopoint",
    "geotrace",
    "geoshape",
    "start-geopoint",
    "image",
    "photo",
    "audio",
    "background-audio",
    "video",
    "file",
    "barcode",
    "start",
    "end",
    "today",
    "deviceid",
    "subscriberid",
    "simserial",
    "phonenumber",
    "username",
    "email",
    "audit",
    "xml-external",
    "csv-external",
    "location",
    // Aliases pyxform accepts for the types above.
    "gps",
    "imei",
    "uri:deviceid",
    "uri:subscriberid",
    "uri:simserial",
    "uri:phonenumber",
    "uri:username",
    "uri:email",
    "background-geopoint",
];

/// Types that need a list after them.
const WITH_LIST: &[&str] = &[
    "select_one_from_file",
    "select_multiple_from_file",
    "select_one_external",
    "rank",
];

enum Row {
    Question(Kind),
    Begin(ContainerKind, Option<String>),
    End(ContainerKind),
}

fn parse_type(t: &str) -> Result<Row, String> {
    let words: Vec<&str> = t.split_whitespace().collect();
    let lower: Vec<String> = words.iter().map(|w| w.to_ascii_lowercase()).collect();
    let w: Vec<&str> = lower.iter().map(String::as_str).collect();
    let list_arg = |n: usize| -> Result<String, String> {
        words
            .get(n)
            .map(|s| s.to_string())
            .ok_or_else(|| format!("`{t}` needs the name of a choice list after it"))
    };
    Ok(match w.as_slice() {
        ["begin", "group"] | ["begin_group"] => Row::Begin(ContainerKind::Group, None),
        ["end", "group"] | ["end_group"] => Row::End(ContainerKind::Group),
        ["begin", "repeat"] | ["begin_repeat"] => Row::Begin(ContainerKind::Repeat, None),
        ["end", "repeat"] | ["end_repeat"] => Row::End(ContainerKind::Repeat),
        ["begin", "loop", "over", _] | ["begin_loop", "over", _] | ["begin", "loop", _] => {
            Row::Begin(ContainerKind::Loop, words.last().map(|s| s.to_string()))
        }
        ["end", "loop"] | ["end_loop"] => Row::End(ContainerKind::Loop),
        ["text"] | ["string"] => Row::Question(Kind::Text),
        ["integer"] | ["int"] => Row::Question(Kind::Integer),
        ["decimal"] => Row::Question(Kind::Decimal),
        ["range"] => Row::Question(Kind::Range),
        ["date"] => Row::Question(Kind::Date),
        ["time"] => Row::Question(Kind::Time),
        ["datetime"] => Row::Question(Kind::DateTime),
        ["note"] => Row::Question(Kind::Note),
        ["calculate"] => Row::Question(Kind::Calculate),
        ["acknowledge"] | ["trigger"] => Row::Question(Kind::Acknowledge),
        ["hidden"] => Row::Question(Kind::Hidden),
        ["select_one" | "select1", ..]
        | ["select", "one", ..]
        | ["select_multiple", ..]
        | ["select", "multiple", ..]
        | ["select", "all", "that", "apply", ..] => {
            let (multiple, at) = match w.as_slice() {
                ["select_one" | "select1", ..] => (false, 1),
                ["select", "one", ..] => (false, 2),
                ["select_multiple", ..] => (true, 1),
                ["select", "multiple", ..] => (true, 2),
                _ => (true, 4),
            };
            // The legacy `select one from LIST`, `select all that apply from LIST`.
            let at = if w.get(at) == Some(&"from") { at + 1 } else { at };
            let list = list_arg(at)?;
            // Choices from an earlier answer (`select_one ${q}`): the web form cannot render them.
            if list.starts_with("${") {
                if w.len() > at + 1 {
                    return Err(format!("`{t}` has extra words after `{list}`"));
                }
                return Ok(Row::Question(Kind::NotRenderable {
                    written: words.join(" "),
                    list: None,
                }));
            }
            let or_other = match w.get(at + 1) {
                None => false,
                Some(&"or_other") => true,
                Some(other) => return Err(format!("`{other}` after the list name: only `or_other` may follow")),
            };
            if w.len() > at + 2 {
                return Err(format!("`{t}` has extra words after `or_other`"));
            }
            Row::Question(if multiple {
                Kind::SelectMultiple { list, or_other }
            } else {
                Kind::SelectOne { list, or_other }
            })
        }
        [first, ..] if WITH_LIST.contains(first) => Row::Question(Kind::NotRenderable {
            written: words.join(" "),
            list: Some(list_arg(1)?),
        }),
        [first] if NOT_RENDERABLE.contains(first) => Row::Question(Kind::NotRenderable {
            written: words.join(" "),
            list: None,
        }),
        [] => return Err("the type is empty".into()),
        _ => return Err(format!("unknown question type `{t}`")),
    })
}

/// Columns holding expressions; `required` and `read_only` only when not a plain yes/no.
pub(crate) const EXPRESSION_COLUMNS: &[&str] = &[
    "relevant",
    "constraint",
    "calculation",
    "choice_filter",
    "repeat_count",
    "required",
    "read_only",
    "trigger",
];

pub(crate) fn is_yes_no(v: &str) -> bool {
    matches!(
        v.to_ascii_lowercase().as_str(),
        "yes" | "no" | "true" | "false" | "true()" | "false()" | "1" | "0"
    )
}

struct Frame {
    container: Option<Container>,
    items: Vec<Item>,
}

/// Reads a form from the bytes of an `.xlsx`, `.xls` or `.ods` file.
pub fn read(bytes: &[u8]) -> Result<Form, FormError> {
    read_tables(&workbook_tables(bytes)?)
}

/// Reads a form from its sheets as text.
pub fn read_tables(tables: &[Table]) -> Result<Form, FormError> {
    let find = |wanted: &str| {
        tables
            .iter()
            .find(|t| t.name.trim().eq_ignore_ascii_case(wanted))
            .map(sheet_of)
    };
    let mut problems = vec![];
    let survey = find("survey");
    let choices = find("choices");
    let settings = find("settings");
    let Some(survey) = survey else {
        return Err(FormError::Invalid(vec![Problem {
            sheet: "survey".into(),
            row: None,
            column: None,
            message: "the workbook has no `survey` sheet".into(),
        }]));
    };
    for col in ["type", "name"] {
        if !survey.columns.iter().any(|c| c == col) {
            problems.push(survey.at(Some(1), None, format!("the header has no `{col}` column")));
        }
    }
    if !problems.is_empty() {
        return Err(FormError::Invalid(problems));
    }
    let mut form = Form {
        survey_columns: survey.columns.clone(),
        ..Form::default()
    };
    if let Some(s) = &settings {
        form.settings_columns = s.columns.clone();
        if let Some((_, cells)) = s.rows.first() {
            form.settings = cells.clone();
        }
    }

    // Choice lists, in order of first appearance.
    let allow_dups = form
        .settings
        .get("allow_choice_duplicates")
        .is_some_and(|v| is_yes_no(v) && !matches!(v.to_ascii_lowercase().as_str(), "no" | "false" | "false()" | "0"));
    if let Some(ch) = &choices {
        form.choices_columns = ch.columns.clone();
        for col in ["list_name", "name"] {
            if !ch.rows.is_empty() && !ch.columns.iter().any(|c| c == col) {
                problems.push(ch.at(Some(1), None, format!("the header has no `{col}` column")));
            }
        }
        let mut seen: HashSet<(String, String)> = HashSet::new();
        for (row, cells) in &ch.rows {
            let mut cells = cells.clone();
            let list = cells.remove("list_name").unwrap_or_default();
            let name = cells.remove("name").unwrap_or_default();
            if list.is_empty() {
                problems.push(ch.at(Some(*row), Some("list_name"), "the choice has no list name"));
                continue;
            }
            if name.is_empty() {
                problems.push(ch.at(
                    Some(*row),
                    Some("name"),
                    format!("a choice of list `{list}` has no name"),
                ));
                continue;
            }
            // A choice without a label is shown by its name (pyxform accepts it, with a warning).
            if !seen.insert((list.clone(), name.clone())) && !allow_dups {
                problems.push(ch.at(
                    Some(*row),
                    Some("name"),
                    format!("list `{list}` has choice `{name}` twice (set allow_choice_duplicates to allow it)"),
                ));
            }
            let choice = Choice {
                row: Position(*row),
                name,
                cells,
            };
            match form.choices.iter_mut().find(|l| l.name == list) {
                Some(l) => l.choices.push(choice),
                None => form.choices.push(ChoiceList {
                    name: list,
                    choices: vec![choice],
                }),
            }
        }
    }

    // The tree of questions and containers.
    let mut stack = vec![Frame {
        container: None,
        items: vec![],
    }];
    for (row, cells) in &survey.rows {
        let mut cells = cells.clone();
        // Typographic quotes, which word processors put in place of straight ones, read as
        // straight quotes in expressions (as pyxform reads them).
        for (column, value) in cells.iter_mut() {
            let base = language_of(column).map_or(column.as_str(), |(b, _)| b);
            if EXPRESSION_COLUMNS.contains(&base) && value.contains(['“', '”', '‘', '’']) {
                *value = value.replace(['“', '”'], "\"").replace(['‘', '’'], "'");
            }
        }
        let t = cells.remove("type").unwrap_or_default();
        let name = cells.remove("name").unwrap_or_default();
        if t.is_empty() {
            // A row with neither type, name nor label (a stray `required`, say) is no element.
            let labelled = cells.keys().any(|k| k == "label" || k.starts_with("label::"));
            if !name.is_empty() || labelled {
                problems.push(survey.at(Some(*row), Some("type"), "the row has content but no type"));
            }
            continue;
        }
        let parsed = match parse_type(&t) {
            Ok(p) => p,
            Err(m) => {
                problems.push(survey.at(Some(*row), Some("type"), m));
                continue;
            }
        };
        if let Row::End(kind) = parsed {
            let open = stack.last().and_then(|f| f.container.as_ref()).map(|c| c.kind);
            if open != Some(kind) {
                let what = match open {
                    Some(k) => format!("`{t}` closes a {k:?} that is not open (a {k:?} is open)").to_lowercase(),
                    None => format!("`{t}` has no matching begin"),
                };
                problems.push(survey.at(Some(*row), Some("type"), what));
                continue;
            }
            if let Some(frame) = stack.pop()
                && let Some(mut c) = frame.container
            {
                c.children = frame.items;
                if !name.is_empty() {
                    cells.insert("name".into(), name);
                }
                c.end_cells = cells;
                if let Some(parent) = stack.last_mut() {
                    parent.items.push(Item::Container(c));
                }
            }
            continue;
        }
        // A note needs no name: it is given one, as pyxform gives it.
        let name = match parsed {
            Row::Question(Kind::Note) if name.is_empty() => format!("generated_note_name_{row}"),
            _ => name,
        };
        if name.is_empty() {
            problems.push(survey.at(Some(*row), Some("name"), format!("the `{t}` row has no name")));
        } else if !valid_name(&name) {
            problems.push(survey.at(
                Some(*row),
                Some("name"),
                format!("`{name}` is not a valid name: start with a letter or _, then letters, digits, _, - or ."),
            ));
        }
        match parsed {
            Row::Begin(kind, list) => stack.push(Frame {
                container: Some(Container {
                    row: Position(*row),
                    kind,
                    name,
                    list,
                    cells,
                    end_cells: BTreeMap::new(),
                    children: vec![],
                }),
                items: vec![],
            }),
            Row::Question(kind) => {
                if let Some(frame) = stack.last_mut() {
                    frame.items.push(Item::Question(Question {
                        row: Position(*row),
                        kind,
                        name,
                        cells,
                    }));
                }
            }
            Row::End(_) => {}
        }
    }
    while stack.len() > 1 {
        if let Some(frame) = stack.pop()
            && let Some(mut c) = frame.container
        {
            problems.push(survey.at(
                Some(c.row.0),
                Some("type"),
                format!("{:?} `{}` is never closed", c.kind, c.name).to_lowercase(),
            ));
            c.children = frame.items;
            if let Some(parent) = stack.last_mut() {
                parent.items.push(Item::Container(c));
            }
        }
    }
    form.items = stack.pop().map(|f| f.items).unwrap_or_default();
    check(&form, &survey, choices.as_ref(), settings.as_ref(), &mut problems);
    if problems.is_empty() {
        Ok(form)
    } else {
        problems.sort_by_key(|a| (a.sheet != "survey", a.row));
        Err(FormError::Invalid(problems))
    }
}

/// Checks that need the whole tree: names, labels, lists, expressions and references.
fn check(form: &Form, survey: &Sheet, choices: Option<&Sheet>, settings: Option<&Sheet>, problems: &mut Vec<Problem>) {
    let all_names: HashMap<&str, usize> = form.walk().iter().fold(HashMap::new(), |mut m, (_, it)| {
        *m.entry(it.name()).or_default() += 1;
        m
    });
    crate::rules::names(form, survey, problems);
    crate::rules::parameters(form, survey, problems);
    crate::rules::outside_references(form, choices, settings, &all_names, problems);
    // Siblings must have distinct names (the data of a form is a tree keyed by them).
    fn siblings(items: &[Item], survey: &Sheet, problems: &mut Vec<Problem>) {
        let mut seen: HashSet<&str> = HashSet::new();
        for it in items {
            if !it.name().is_empty() && !seen.insert(it.name()) {
                problems.push(survey.at(
                    Some(it.row().0),
                    Some("name"),
                    format!("the name `{}` is used twice at the same level", it.name()),
                ));
            }
            if let Item::Container(c) = it {
                siblings(&c.children, survey, problems);
            }
        }
    }
    siblings(&form.items, survey, problems);

    for (_, it) in form.walk() {
        let row = Some(it.row().0);
        if let Item::Question(q) = it {
            let labelled = q.cells.keys().any(|k| {
                let base = language_of(k).map_or(k.as_str(), |(b, _)| b);
                matches!(base, "label" | "hint" | "media::image" | "image" | "guidance_hint")
            });
            let needs_label = q.kind.is_renderable() && !matches!(q.kind, Kind::Calculate | Kind::Hidden);
            if needs_label && !labelled {
                problems.push(survey.at(row, Some("label"), format!("`{}` has no label or hint", q.name)));
            }
            if q.kind == Kind::Calculate && !q.cells.contains_key("calculation") {
                problems.push(survey.at(
                    row,
                    Some("calculation"),
                    format!("calculate `{}` has no calculation", q.name),
                ));
            }
            if let Some(list) = q.kind.list() {
                let external = matches!(&q.kind, Kind::NotRenderable { written, .. }
                    if written.contains("_from_file") || written.contains("external"));
                if !external && form.choice_list(list).is_none() {
                    let msg = match choices {
                        Some(_) => format!("the choice list `{list}` is not in the choices sheet"),
                        None => format!("the choice list `{list}` is used but the workbook has no choices sheet"),
                    };
                    problems.push(survey.at(row, Some("type"), msg));
                }
            }
        }
        if let Item::Container(c) = it
            && let Some(list) = &c.list
            && form.choice_list(list).is_none()
        {
            problems.push(survey.at(
                row,
                Some("type"),
                format!("the loop's list `{list}` is not in the choices sheet"),
            ));
        }
        for (col, value) in it.cells() {
            let base = language_of(col).map_or(col.as_str(), |(b, _)| b);
            let mut refs: Vec<String> = vec![];
            if EXPRESSION_COLUMNS.contains(&base) && !((base == "required" || base == "read_only") && is_yes_no(value))
            {
                match expr::parse(value) {
                    Ok(e) => refs.extend(e.references().into_iter().map(str::to_string)),
                    Err(e) => {
                        problems.push(survey.at(row, Some(col), format!("`{value}`: {e}")));
                        continue;
                    }
                }
            } else if matches!(
                base,
                "default" | "label" | "hint" | "constraint_message" | "required_message" | "guidance_hint"
            ) {
                // Text with `${name}` pieces: each must name a question.
                refs.extend(text_references(value).into_iter().map(str::to_string));
            }
            for r in refs {
                // `${last-saved#q}`: the value of q in the last form saved on the device.
                let r = r.strip_prefix("last-saved#").map_or(r.clone(), str::to_string);
                match all_names.get(r.as_str()) {
                    None => problems.push(survey.at(
                        row,
                        Some(col),
                        format!("`${{{r}}}` refers to no question of the form"),
                    )),
                    Some(n) if *n > 1 => problems.push(survey.at(
                        row,
                        Some(col),
                        format!("`${{{r}}}` is ambiguous: {n} elements have that name"),
                    )),
                    _ => {}
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sheet::{canonical_header, letter};
    use pathways_sheets::excel_date;

    #[test]
    fn letters_and_dates() {
        assert_eq!(letter(0), "A");
        assert_eq!(letter(25), "Z");
        assert_eq!(letter(26), "AA");
        assert_eq!(letter(27), "AB");
        assert_eq!(excel_date(45658.0), "2025-01-01");
        assert_eq!(excel_date(36526.0), "2000-01-01");
    }

    #[test]
    fn types_parse_as_pyxform_reads_them() {
        assert!(matches!(
            parse_type("select_one yes_no or_other"),
            Ok(Row::Question(Kind::SelectOne { or_other: true, .. }))
        ));
        assert!(matches!(
            parse_type("select all that apply crops"),
            Ok(Row::Question(Kind::SelectMultiple { .. }))
        ));
        assert!(matches!(
            parse_type("begin group"),
            Ok(Row::Begin(ContainerKind::Group, None))
        ));
        assert!(matches!(
            parse_type("begin_repeat"),
            Ok(Row::Begin(ContainerKind::Repeat, None))
        ));
        assert!(matches!(
            parse_type("geopoint"),
            Ok(Row::Question(Kind::NotRenderable { .. }))
        ));
        assert!(matches!(
            parse_type("select_one_from_file sites.csv"),
            Ok(Row::Question(Kind::NotRenderable { list: Some(_), .. }))
        ));
        assert!(parse_type("select_one").is_err());
        assert!(parse_type("selectone x").is_err());
        assert!(parse_type("select_one x y").is_err());
    }

    #[test]
    fn aliases_map_to_one_header() {
        assert_eq!(
            canonical_header("Constraint Message::English (en)"),
            "constraint_message::English (en)"
        );
        assert_eq!(canonical_header("bind::relevant"), "relevant");
        assert_eq!(canonical_header("media::image"), "media::image");
        assert_eq!(canonical_header("my_column"), "my_column");
    }
}
