//! Reading an XLSForm workbook into a [`Form`], or refusing it with every problem found, each
//! placed by sheet, row and column the way the author sees them in the spreadsheet.

use std::collections::{BTreeMap, HashMap, HashSet};

use crate::expr;
use crate::kinds::{Row, parse_type};
use crate::model::{Choice, ChoiceList, Container, Form, Item, Kind, Position, Question, language_of};
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

/// Columns holding expressions; `required` and `read_only` only when not a plain yes/no.
pub(crate) const EXPRESSION_COLUMNS: &[&str] = &[
    "relevant",
    "constraint",
    "calculation",
    "choice_filter",
    "repeat_count",
    "required",
    "read_only",
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
    read_with_warnings(bytes).map(|(f, _)| f)
}

/// Reads a workbook, with what deserves a second look in a form that is read (see [`crate::warn`]).
pub fn read_with_warnings(bytes: &[u8]) -> Result<(Form, Vec<Problem>), FormError> {
    read_tables_with_warnings(&workbook_tables(bytes)?)
}

/// Reads a form from its sheets as text.
pub fn read_tables(tables: &[Table]) -> Result<Form, FormError> {
    read_tables_with_warnings(tables).map(|(f, _)| f)
}

pub fn read_tables_with_warnings(tables: &[Table]) -> Result<(Form, Vec<Problem>), FormError> {
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
    let entities = find("entities");
    let osm = find("osm");
    let Some(survey) = survey else {
        return Err(FormError::Invalid(vec![Problem {
            sheet: "survey".into(),
            row: None,
            column: None,
            message: "the workbook has no `survey` sheet".into(),
        }]));
    };
    for sheet in [Some(&survey), choices.as_ref(), settings.as_ref()]
        .into_iter()
        .flatten()
    {
        for (raw, why) in &sheet.duplicates {
            problems.push(sheet.at(Some(1), Some(&crate::sheet::canonical_header(raw)), why.clone()));
        }
    }
    if !survey.columns.iter().any(|c| c == "type") {
        problems.push(survey.at(Some(1), None, "the header has no `type` column"));
    }
    if !survey.columns.iter().any(|c| c == "name") {
        // Named at the first question, which is the row that lacks its name.
        let first = survey.rows.first().map_or(1, |(r, _)| *r);
        problems.push(survey.at(
            Some(first),
            Some("name"),
            "this question has no name: the header has no `name` column",
        ));
    }
    if !problems.is_empty() {
        return Err(FormError::Invalid(problems));
    }
    let mut form = Form {
        survey_columns: survey.columns.clone(),
        ..Form::default()
    };
    // The tags OpenStreetMap questions offer, by list (kept like choices, never checked).
    if let Some(o) = &osm {
        form.osm_columns = o.columns.clone();
        for (row, cells) in &o.rows {
            let mut cells = cells.clone();
            let (Some(list), Some(name)) = (cells.remove("list_name"), cells.remove("name")) else {
                continue;
            };
            let tag = Choice {
                row: Position(*row),
                name,
                cells,
            };
            add_to(&mut form.osm, list, tag);
        }
    }
    if let Some(e) = &entities {
        form.entities_columns = e.columns.clone();
        form.entities = e
            .rows
            .iter()
            .map(|(row, cells)| crate::model::EntityRow {
                row: Position(*row),
                cells: cells.clone(),
            })
            .collect();
    }
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
            // A row without a list name belongs to no list; pyxform passes over it too.
            if list.is_empty() {
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
            add_to(&mut form.choices, list, choice);
        }
    }

    // The tree of questions and containers; each row's type as written, for the warnings.
    let mut types: Vec<(u32, String)> = vec![];
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
        types.push((*row, t.clone()));
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
        let name = match &parsed {
            Row::Question(Kind::Note) if name.is_empty() => format!("generated_note_name_{row}"),
            // The audit log is always `meta/audit`.
            Row::Question(Kind::NotRenderable { written, .. }) if written == "audit" => {
                if !name.is_empty() && name != "audit" {
                    problems.push(survey.at(
                        Some(*row),
                        Some("name"),
                        "an audit is always named `audit`: leave the name empty",
                    ));
                }
                "audit".to_string()
            }
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
    let external = tables
        .iter()
        .find(|t| t.name.trim().eq_ignore_ascii_case("external_choices"))
        .map(|t| {
            let sheet = sheet_of(t);
            sheet
                .rows
                .iter()
                .filter_map(|(_, cells)| cells.get("list_name").cloned())
                .collect::<HashSet<String>>()
        });
    check(
        &form,
        &survey,
        choices.as_ref(),
        settings.as_ref(),
        external,
        entities.as_ref(),
        &mut problems,
    );
    if problems.is_empty() {
        let warnings = crate::warn::warnings(&form, &survey, choices.as_ref(), &types);
        Ok((form, warnings))
    } else {
        problems.sort_by_key(|a| (a.sheet != "survey", a.row));
        Err(FormError::Invalid(problems))
    }
}

fn cells_search(cells: &BTreeMap<String, String>) -> bool {
    cells.get("appearance").is_some_and(|a| a.contains("search("))
}

/// Adds an item to its list, the list created where it first appears.
fn add_to(lists: &mut Vec<ChoiceList>, list: String, item: Choice) {
    match lists.iter_mut().find(|l| l.name == list) {
        Some(l) => l.choices.push(item),
        None => lists.push(ChoiceList {
            name: list,
            choices: vec![item],
        }),
    }
}

/// Checks that need the whole tree: names, labels, lists, expressions and references.
fn check(
    form: &Form,
    survey: &Sheet,
    choices: Option<&Sheet>,
    settings: Option<&Sheet>,
    external_lists: Option<HashSet<String>>,
    entities: Option<&Sheet>,
    problems: &mut Vec<Problem>,
) {
    let mut all_names: HashMap<&str, usize> = form.walk().iter().fold(HashMap::new(), |mut m, (_, it)| {
        *m.entry(it.name()).or_default() += 1;
        m
    });
    // The form's metadata can be referred to like a question.
    *all_names.entry("instanceID").or_default() += 1;
    if form.settings.contains_key("instance_name") {
        *all_names.entry("instanceName").or_default() += 1;
    }
    crate::rules::names(form, survey, problems);
    crate::rules::parameters(form, survey, problems);
    crate::instances::check(form, survey, problems);
    crate::entities::check(form, survey, entities, problems);
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
            let has = |bases: &[&str]| {
                q.cells
                    .keys()
                    .any(|k| bases.contains(&language_of(k).map_or(k.as_str(), |(b, _)| b)))
            };
            let labelled = has(&[
                "label",
                "hint",
                "media::image",
                "image",
                "audio",
                "video",
                "media::audio",
                "media::video",
                "big-image",
                "media::big-image",
            ]);
            // Every question shown in the form needs a label or hint (a guidance hint may be
            // hidden, so it does not count); a calculation without one is not shown.
            let shown = crate::xform::shown(&q.kind)
                && !q.cells.contains_key("calculation")
                && !q.cells.contains_key("trigger");
            if shown && !labelled {
                problems.push(survey.at(row, Some("label"), format!("`{}` has no label or hint", q.name)));
            }
            if has(&["big-image", "media::big-image"]) && !has(&["image", "media::image"]) {
                problems.push(survey.at(
                    row,
                    Some("big-image"),
                    "a big-image needs an image in the `image` column too",
                ));
            }
            if let Kind::SelectOne { or_other: true, .. } | Kind::SelectMultiple { or_other: true, .. } = q.kind
                && q.cells.contains_key("choice_filter")
            {
                problems.push(survey.at(
                    row,
                    Some("choice_filter"),
                    "a choice filter cannot be used with or_other",
                ));
            }
            if q.kind.name() == "background-geopoint" && q.cells.contains_key("calculation") {
                problems.push(survey.at(
                    row,
                    Some("calculation"),
                    "a background-geopoint records a location: its calculation column must be empty",
                ));
            }
            if q.kind.name() == "background-geopoint" && !q.cells.contains_key("trigger") {
                problems.push(survey.at(
                    row,
                    Some("trigger"),
                    "a background-geopoint needs the question whose change records it, in the `trigger` column",
                ));
            }
            if let Kind::NotRenderable {
                written,
                list: Some(file),
            } = &q.kind
                && written.contains("_from_file")
                && ![".csv", ".xml", ".geojson"].iter().any(|e| file.ends_with(e))
            {
                problems.push(survey.at(
                    row,
                    Some("type"),
                    format!("`{file}`: a select from file reads a .csv, .xml or .geojson file"),
                ));
            }
            if q.kind.name() == "select_one_external"
                && let (Some(lists), Some(l)) = (&external_lists, q.kind.list())
                && !lists.contains(l)
            {
                problems.push(survey.at(
                    row,
                    Some("type"),
                    format!("the list `{l}` is not in the external_choices sheet"),
                ));
            }
            if cells_search(&q.cells)
                && matches!(&q.kind, Kind::NotRenderable { written, .. } if written.contains("_from_file"))
            {
                problems.push(survey.at(
                    row,
                    Some("appearance"),
                    "search() cannot be used with a select from file: remove search() or use a choice list",
                ));
            }
            if q.kind.name() == "select_one_external" && external_lists.is_none() {
                problems.push(survey.at(
                    row,
                    Some("type"),
                    "select_one_external needs an `external_choices` sheet in the workbook",
                ));
            }
            // A calculate may take its value from a default alone (computed once, as a random seed).
            let computed_default = q
                .cells
                .get("default")
                .is_some_and(|d| crate::xform::dynamic_default(d, &q.kind));
            if q.kind == Kind::Calculate && !q.cells.contains_key("calculation") && !computed_default {
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
            } else if base == "trigger" {
                // The questions whose change triggers this one: `${a}, ${b}` (as pyxform reads
                // it, the references found; text between them is passed over).
                let found = text_references(value);
                let between: Vec<&str> = value
                    .split("${")
                    .skip(1)
                    .filter_map(|p| p.split_once('}'))
                    .map(|(_, after)| after)
                    .collect();
                let uncomma = between
                    .iter()
                    .take(found.len().saturating_sub(1))
                    .any(|gap| !gap.contains(','));
                if uncomma {
                    problems.push(survey.at(
                        row,
                        Some(col),
                        format!("`{value}`: put a comma between the questions of a trigger"),
                    ));
                }
                if found.is_empty() {
                    problems.push(survey.at(
                        row,
                        Some(col),
                        format!("`{value}`: the trigger lists questions as ${{name}}, separated by commas"),
                    ));
                }
                refs.extend(found.into_iter().map(str::to_string));
            } else if matches!(
                base,
                "default"
                    | "label"
                    | "hint"
                    | "constraint_message"
                    | "required_message"
                    | "guidance_hint"
                    | "appearance"
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
    use crate::model::ContainerKind;
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
