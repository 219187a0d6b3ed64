//! The secondary instances a form reads besides its choice lists: external instances
//! (`csv-external`, `xml-external`), the files selects read, `pulldata()` files and the
//! last-saved instance — each with its id and the URI ODK clients find it under. The reader
//! refuses ids that clash; the XForm writer declares each once.

use std::collections::HashMap;

use crate::model::{Form, Item, Kind, Question};
use crate::problem::Problem;
use crate::sheet::Sheet;

/// Columns whose `pulldata()` calls and `${last-saved#…}` references read another instance.
pub(crate) const EXPRESSION_COLUMNS: &[&str] = &[
    "calculation",
    "constraint",
    "read_only",
    "required",
    "relevant",
    "choice_filter",
    "default",
];

/// An instance read from a file: its id, its URI, and the row and column asking for it.
pub(crate) struct FileInstance {
    pub id: String,
    pub src: String,
    pub row: u32,
    pub column: String,
}

/// Where ODK clients find a select's file (`None`: not a kind of file they read).
pub(crate) fn file_uri(file: &str) -> Option<String> {
    match file.rsplit_once('.')?.1 {
        "csv" => Some(format!("jr://file-csv/{file}")),
        "xml" | "geojson" => Some(format!("jr://file/{file}")),
        _ => None,
    }
}

/// The instance an external-instance or select-from-file question reads: id, URI and column.
fn of_question(q: &Question) -> Option<(String, String, &'static str)> {
    let Kind::NotRenderable { written, list } = &q.kind else {
        return None;
    };
    match written.as_str() {
        "csv-external" => Some((q.name.clone(), format!("jr://file-csv/{}.csv", q.name), "name")),
        "xml-external" => Some((q.name.clone(), format!("jr://file/{}.xml", q.name), "name")),
        w if w.contains("_from_file") => {
            let file = list.as_deref()?;
            let (stem, _) = file.rsplit_once('.')?;
            Some((stem.to_string(), file_uri(file)?, "type"))
        }
        _ => None,
    }
}

/// The files `pulldata('file', …)` reads in an expression.
pub(crate) fn pulldata_files(v: &str) -> Vec<&str> {
    let mut out = vec![];
    let mut rest = v;
    while let Some(i) = rest.find("pulldata(") {
        rest = &rest[i + "pulldata(".len()..];
        let file = rest
            .split(',')
            .next()
            .unwrap_or("")
            .trim()
            .trim_matches(['\'', '"'])
            .trim();
        if !file.is_empty() {
            out.push(file);
        }
    }
    out
}

/// Every instance the form reads from a file, in row order (an id may come more than once).
pub(crate) fn from_files(form: &Form) -> Vec<FileInstance> {
    let mut out = vec![];
    for (_, it) in form.walk() {
        let row = it.row().0;
        if let Item::Question(q) = it
            && let Some((id, src, column)) = of_question(q)
        {
            out.push(FileInstance {
                id,
                src,
                row,
                column: column.into(),
            });
        }
        for (col, v) in it.cells() {
            if !EXPRESSION_COLUMNS.contains(&col.as_str()) {
                continue;
            }
            for f in pulldata_files(v) {
                out.push(FileInstance {
                    id: f.to_string(),
                    src: format!("jr://file-csv/{f}.csv"),
                    row,
                    column: col.clone(),
                });
            }
            if v.contains("${last-saved#") {
                out.push(FileInstance {
                    id: "__last-saved".into(),
                    src: "jr://instance/last-saved".into(),
                    row,
                    column: col.clone(),
                });
            }
        }
    }
    out
}

/// The names of the form's secondary instances: choice lists, external instances and the files
/// selects read (by their name without extension).
pub(crate) fn secondary(form: &Form) -> Vec<String> {
    let mut out: Vec<String> = form.choices.iter().map(|l| l.name.clone()).collect();
    out.extend(form.questions().filter_map(of_question).map(|(id, _, _)| id));
    out
}

/// Instances that would share an id: two external instances of one name, one id read from two
/// different sources, or a choice list named like a file instance.
pub(crate) fn check(form: &Form, survey: &Sheet, problems: &mut Vec<Problem>) {
    let mut externals: HashMap<&str, u32> = HashMap::new();
    for q in form.questions() {
        let external = matches!(&q.kind, Kind::NotRenderable { written, .. } if written.ends_with("-external"));
        if external && externals.insert(&q.name, q.row.0).is_some() {
            problems.push(survey.at(
                Some(q.row.0),
                Some("name"),
                format!(
                    "an external instance is already named `{}`: instance names are unique in a form",
                    q.name
                ),
            ));
        }
        if let Some((id, _, _)) = of_question(q)
            && form.choice_list(&id).is_some()
        {
            problems.push(survey.at(
                Some(q.row.0),
                Some("type"),
                format!("`{id}` names both a choice list and a file the form reads: rename one"),
            ));
        }
    }
    let mut seen: HashMap<String, String> = HashMap::new();
    for i in from_files(form) {
        match seen.get(&i.id) {
            Some(prior) if *prior != i.src => problems.push(survey.at(
                Some(i.row),
                Some(&i.column),
                format!(
                    "the instance `{}` would be read from both {prior} and {}: rename one",
                    i.id, i.src
                ),
            )),
            Some(_) => {}
            None => {
                seen.insert(i.id, i.src);
            }
        }
    }
}
