//! Entities (ODK Central's entity lists): the `entities` sheet declares which lists a form creates
//! or updates entities of, the survey's `save_to` column which questions become properties.
//! Checked as pyxform checks them, and each declaration placed in the container (the survey, a
//! group or a repeat) where its `meta/entity` block goes — the deepest container holding its
//! `save_to` questions and references, one entity per container — as pyxform places it.

use std::collections::{BTreeMap, HashMap, HashSet};

use crate::model::{ContainerKind, Form, Item};
use crate::problem::Problem;
use crate::rules::{text_references, valid_name};
use crate::sheet::Sheet;

/// Columns of the entities sheet.
const COLUMNS: &[&str] = &[
    "list_name",
    "dataset",
    "label",
    "entity_id",
    "create_if",
    "update_if",
    "repeat",
];

/// A container on the way from the survey root: its name and whether it is a repeat (the
/// survey itself is a scope boundary like a repeat).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(crate) struct Node {
    pub name: String,
    pub boundary: bool,
}

/// A path of containers from the survey root (`/survey/group/repeat`).
pub(crate) type Path = Vec<Node>;

fn root() -> Path {
    vec![Node {
        name: "survey".into(),
        boundary: true,
    }]
}

fn show(p: &[Node]) -> String {
    format!("/{}", p.iter().map(|n| n.name.as_str()).collect::<Vec<_>>().join("/"))
}

/// The path up to the nearest boundary (repeat or survey) at or above the end of `p`.
fn scope(p: &[Node]) -> Path {
    match p.iter().rposition(|n| n.boundary) {
        Some(i) => p[..=i].to_vec(),
        None => root(),
    }
}

/// Repeats on the path (the survey root not counted).
fn repeats(p: &[Node]) -> usize {
    p.iter().skip(1).filter(|n| n.boundary).count()
}

/// Containers below the nearest boundary.
fn below_boundary(p: &[Node]) -> usize {
    p.iter().rev().take_while(|n| !n.boundary).count()
}

/// One entity declaration, as its row says it.
#[derive(Debug, Clone)]
pub(crate) struct Declaration {
    pub row: u32,
    pub dataset: String,
    pub entity_id: Option<String>,
    pub create_if: Option<String>,
    pub update_if: Option<String>,
    pub label: Option<String>,
}

impl Declaration {
    pub fn creates(&self) -> bool {
        self.entity_id.is_none() || self.create_if.is_some()
    }
}

pub(crate) fn declarations(form: &Form) -> Vec<Declaration> {
    form.entities
        .iter()
        .map(|e| {
            // Headers of the entities sheet are read whatever their case.
            let get = |k: &str| {
                e.cells
                    .iter()
                    .find(|(h, v)| h.eq_ignore_ascii_case(k) && !v.is_empty())
                    .map(|(_, v)| v.clone())
            };
            Declaration {
                row: e.row.0,
                // `dataset` is the column's older name.
                dataset: get("list_name").or_else(|| get("dataset")).unwrap_or_default(),
                entity_id: get("entity_id"),
                create_if: get("create_if"),
                update_if: get("update_if"),
                label: get("label"),
            }
        })
        .collect()
}

/// A question's `save_to`: the list it saves to and the property.
pub(crate) fn save_to(decls: &[Declaration], value: &str) -> Option<(String, String)> {
    match value.split_once('#') {
        Some((d, p)) => Some((d.to_string(), p.to_string())),
        None => (decls.len() == 1).then(|| (decls[0].dataset.clone(), value.to_string())),
    }
}

/// A problem of a `save_to` value: the survey row (none for an `end` row) and why.
type SaveToProblem = (Option<u32>, String);

/// Where a list is referred to: the container path, the row, and the property saved (none for a
/// question named in the declaration's expressions).
#[derive(Debug, Clone)]
struct Reference {
    path: Path,
    row: u32,
    property: Option<String>,
    question: String,
}

/// Every `save_to` and every question the declarations name, by list, with the problems of
/// each `save_to` value.
fn references(
    form: &Form,
    decls: &[Declaration],
    problems: &mut Vec<SaveToProblem>,
) -> BTreeMap<String, Vec<Reference>> {
    let named: HashMap<&str, Vec<&str>> = decls.iter().fold(HashMap::new(), |mut m, d| {
        for col in [&d.entity_id, &d.create_if, &d.update_if, &d.label]
            .into_iter()
            .flatten()
        {
            for r in text_references(col) {
                m.entry(r).or_default().push(&d.dataset);
            }
        }
        m
    });
    let mut out: BTreeMap<String, Vec<Reference>> = BTreeMap::new();
    fn walk(items: &[Item], path: &mut Path, visit: &mut dyn FnMut(&Item, &Path)) {
        for it in items {
            visit(it, path);
            if let Item::Container(c) = it {
                path.push(Node {
                    name: c.name.clone(),
                    boundary: c.kind == ContainerKind::Repeat,
                });
                walk(&c.children, path, visit);
                path.pop();
            }
        }
    }
    let mut visit = |it: &Item, path: &Path| {
        let row = it.row().0;
        if let Item::Container(c) = it
            && c.end_cells.get("save_to").is_some_and(|v| !v.is_empty())
        {
            problems.push((
                None,
                format!(
                    "the end of `{}`: groups and repeats cannot be saved as entity properties",
                    c.name
                ),
            ));
        }
        if let Some(v) = it.cells().get("save_to").filter(|v| !v.is_empty()) {
            let at = |m: String| (Some(row), m);
            if decls.is_empty() {
                problems.push(at("save_to needs an entity list declared on the entities sheet".into()));
                return;
            }
            if v.matches('#').count() > 1 {
                problems.push(at(format!(
                    "`{v}`: write one `#` between the list name and the property"
                )));
                return;
            }
            if !v.contains('#') && decls.len() > 1 {
                problems.push(at(format!(
                    "`{v}`: with more than one entity list, write list#property"
                )));
                return;
            }
            let Some((dataset, property)) = save_to(decls, v) else {
                return;
            };
            if !decls.iter().any(|d| d.dataset == dataset) {
                problems.push(at(format!("the entity list `{dataset}` is not on the entities sheet")));
                return;
            }
            let why = if matches!(it, Item::Container(_)) {
                Some("groups and repeats cannot be saved as entity properties".to_string())
            } else if property.eq_ignore_ascii_case("name") || property.eq_ignore_ascii_case("label") {
                Some(format!(
                    "`{property}` is reserved: entities have a name and a label of their own"
                ))
            } else if property.starts_with("__") {
                Some(format!(
                    "`{property}`: property names cannot begin with two underscores"
                ))
            } else if !valid_name(&property) {
                Some(format!("`{property}` is not a valid property name"))
            } else {
                out.get(&dataset)
                    .and_then(|refs| refs.iter().find(|r| r.property.as_deref() == Some(property.as_str())))
                    .map(|r| format!("the property `{property}` is already saved by row {}", r.row))
            };
            if let Some(w) = why {
                problems.push(at(w));
                return;
            }
            out.entry(dataset).or_default().push(Reference {
                path: path.clone(),
                row,
                property: Some(property),
                question: it.name().to_string(),
            });
        }
        if let Some(lists) = named.get(it.name()) {
            for d in lists {
                out.entry(d.to_string()).or_default().push(Reference {
                    path: path.clone(),
                    row,
                    property: None,
                    question: it.name().to_string(),
                });
            }
        }
    };
    walk(&form.items, &mut root(), &mut visit);
    out
}

/// Why the entities cannot be placed, and the row (of the survey or the entities sheet) to fix.
struct Refusal {
    on_entities_sheet: bool,
    row: u32,
    message: String,
}

impl Refusal {
    fn entities(row: u32, message: String) -> Refusal {
        Refusal {
            on_entities_sheet: true,
            row,
            message,
        }
    }
    fn survey(row: u32, message: String) -> Refusal {
        Refusal {
            on_entities_sheet: false,
            row,
            message,
        }
    }
}

/// Where one list asks to be placed.
struct Request {
    scope: Path,
    dataset: String,
    path: Path,
    row: u32,
    lineages: Vec<Path>,
}

fn request(dataset: &str, decl_row: u32, refs: &[Reference]) -> Result<Request, Refusal> {
    let mut deepest_scope: Option<Path> = None;
    let mut deepest_scope_ref: Option<&Reference> = None;
    let mut deepest_container: Option<(&Reference, usize)> = None;
    let mut deepest_saveto: Option<(&Reference, usize)> = None;
    let mut lineages: Vec<Path> = vec![];
    let mut boundaries = vec![];
    for r in refs {
        let sub = below_boundary(&r.path);
        let b = scope(&r.path);
        let deeper = deepest_scope.as_ref().is_none_or(|d| repeats(&b) > repeats(d));
        if deeper {
            if deepest_scope.as_ref() != Some(&b) {
                deepest_container = Some((r, sub));
                if r.property.is_some() {
                    deepest_saveto = Some((r, sub));
                }
            }
            deepest_scope = Some(b.clone());
            deepest_scope_ref = Some(r);
        }
        boundaries.push((r, b.clone()));
        let in_deepest = deepest_scope.as_ref() == Some(&b);
        if deepest_container.is_none_or(|(_, n)| in_deepest && sub > n) {
            deepest_container = Some((r, sub));
        }
        if r.property.is_some() {
            if !lineages.contains(&r.path) {
                lineages.push(r.path.clone());
            }
            if deepest_saveto.is_none_or(|(_, n)| in_deepest && sub > n) {
                deepest_saveto = Some((r, sub));
            }
        }
    }
    let (Some(deepest_scope), Some(scope_ref)) = (deepest_scope, deepest_scope_ref) else {
        return Err(Refusal::entities(
            decl_row,
            format!("the entity list `{dataset}` is referred to nowhere"),
        ));
    };
    let mut requested = match (deepest_saveto, deepest_container) {
        (Some((r, _)), _) | (None, Some((r, _))) => r.path.clone(),
        (None, None) => root(),
    };
    if let Some(first) = lineages.first() {
        let min = lineages.iter().map(Vec::len).min().unwrap_or(0);
        let mut common: Path = first[..min].to_vec();
        if lineages.len() > 1 {
            for i in 0..min {
                if lineages.iter().any(|l| l[i] != first[i]) {
                    common = first[..i].to_vec();
                    break;
                }
            }
            let saveto_scope = deepest_saveto.map_or_else(root, |(r, _)| scope(&r.path));
            let key = |p: &Path| (repeats(p), below_boundary(p));
            requested = if key(&common) > key(&saveto_scope) {
                common
            } else {
                saveto_scope
            };
        } else {
            requested = common;
        }
    }
    let requested_scope = scope(&requested);
    for (r, b) in &boundaries {
        if deepest_scope.get(..b.len()) != Some(&b[..]) {
            let other = show(&scope_ref.path);
            return Err(match &r.property {
                Some(_) => Refusal::survey(
                    r.row,
                    format!(
                        "the entity list `{dataset}` is referred to in {other}, which does not contain this save_to in {}",
                        show(&r.path)
                    ),
                ),
                None => Refusal::entities(
                    decl_row,
                    format!(
                        "the entity list `{dataset}` is referred to in {other}, which does not contain `{}` in {}",
                        r.question,
                        show(&r.path)
                    ),
                ),
            });
        }
        if r.property.is_some() && requested_scope != *b {
            return Err(Refusal::survey(
                r.row,
                format!(
                    "the entity list `{dataset}` is saved to in {}, which does not contain this save_to in {}",
                    show(&requested),
                    show(&r.path)
                ),
            ));
        }
    }
    Ok(Request {
        scope: deepest_scope,
        dataset: dataset.to_string(),
        path: requested,
        row: decl_row,
        lineages,
    })
}

/// The container each list's `meta/entity` goes in, or the problem that stops it.
fn allocate(decls: &[Declaration], refs: &BTreeMap<String, Vec<Reference>>) -> Result<Vec<(Path, String)>, Refusal> {
    let mut by_scope: Vec<(Path, Vec<Request>)> = vec![];
    let mut push = |r: Request| match by_scope.iter_mut().find(|(s, _)| *s == r.scope) {
        Some((_, v)) => v.push(r),
        None => by_scope.push((r.scope.clone(), vec![r])),
    };
    for d in decls {
        match refs.get(&d.dataset) {
            Some(rs) => push(request(&d.dataset, d.row, rs)?),
            None => push(Request {
                scope: root(),
                dataset: d.dataset.clone(),
                path: root(),
                row: d.row,
                lineages: vec![],
            }),
        }
    }
    if by_scope.len() == 1 && by_scope[0].0 == root() && by_scope[0].1.len() == 1 {
        return Ok(vec![(root(), by_scope[0].1[0].dataset.clone())]);
    }
    let mut allocations: Vec<(Path, String)> = vec![];
    let mut reserved: HashMap<Path, String> = HashMap::new();
    for (scope_path, mut requests) in by_scope {
        let limit = scope_path.len() - 1;
        requests.sort_by_key(|r| r.row);
        for req in requests {
            let mut conflict: Option<String> = None;
            let mut depth = req.path.len();
            while depth > limit {
                let here: Path = req.path[..depth].to_vec();
                let taken = allocations
                    .iter()
                    .find(|(p, _)| *p == here)
                    .map(|(_, d)| d.clone())
                    .or_else(|| reserved.get(&here).cloned());
                match taken {
                    Some(other) => {
                        conflict = Some(other);
                        if let Some(owner) = req.lineages.iter().find_map(|l| reserved.get(l)) {
                            conflict = Some(owner.clone());
                            break;
                        }
                    }
                    None => {
                        conflict = None;
                        allocations.push((here.clone(), req.dataset.clone()));
                        reserved.insert(here.clone(), req.dataset.clone());
                        for l in &req.lineages {
                            for i in (here.len()..=l.len()).rev() {
                                reserved.insert(l[..i].to_vec(), req.dataset.clone());
                            }
                        }
                        break;
                    }
                }
                depth -= 1;
            }
            if let Some(other) = conflict {
                let other_row = decls.iter().find(|d| d.dataset == other).map_or(0, |d| d.row);
                return Err(Refusal::entities(
                    req.row,
                    format!(
                        "each container may hold one entity, and none is left in {} (row {other_row} has it)",
                        show(&scope_path)
                    ),
                ));
            }
        }
    }
    Ok(allocations)
}

/// The declarations of a form that reads (no problems), each with the container it goes in, for
/// the XForm writer.
pub(crate) fn placements(form: &Form) -> Vec<(Path, Declaration)> {
    let decls = declarations(form);
    if decls.is_empty() {
        return vec![];
    }
    let refs = references(form, &decls, &mut vec![]);
    allocate(&decls, &refs)
        .unwrap_or_default()
        .into_iter()
        .filter_map(|(path, dataset)| Some((path, decls.iter().find(|d| d.dataset == dataset)?.clone())))
        .collect()
}

/// The entities sheet and the save_to column, checked as pyxform checks them.
pub(crate) fn check(form: &Form, survey: &Sheet, sheet: Option<&Sheet>, problems: &mut Vec<Problem>) {
    let decls = declarations(form);
    // Unknown references are reported after placement, which pyxform checks first.
    let mut late = vec![];
    if let Some(sh) = sheet {
        for c in &sh.columns {
            if !COLUMNS.contains(&c.to_ascii_lowercase().as_str()) {
                problems.push(sh.at(Some(1), Some(c), format!("`{c}` is not a column of the entities sheet")));
            }
        }
        let mut seen: HashSet<&str> = HashSet::new();
        for d in &decls {
            let at = |col: &str, m: String| sh.at(Some(d.row), Some(col), m);
            let name = d.dataset.as_str();
            if name.is_empty() {
                problems.push(at("list_name", "an entity list needs a name".into()));
                continue;
            }
            if name.starts_with("__") {
                problems.push(at(
                    "list_name",
                    format!("`{name}`: list names cannot begin with two underscores"),
                ));
            } else if name.contains('.') {
                problems.push(at("list_name", format!("`{name}`: list names cannot contain a `.`")));
            } else if !valid_name(name) {
                problems.push(at("list_name", format!("`{name}` is not a valid list name")));
            }
            if !seen.insert(name) {
                problems.push(at("list_name", format!("the entity list `{name}` is declared twice")));
            }
            if d.entity_id.is_none() && d.update_if.is_some() {
                problems.push(at(
                    "entity_id",
                    format!("`{name}`: updating entities (update_if) needs an entity_id"),
                ));
            }
            if d.entity_id.is_some() && d.create_if.is_some() && d.update_if.is_none() {
                problems.push(at(
                    "update_if",
                    format!("`{name}`: with entity_id and create_if, give update_if too"),
                ));
            }
            for (col, v) in [
                ("entity_id", &d.entity_id),
                ("create_if", &d.create_if),
                ("update_if", &d.update_if),
                ("label", &d.label),
            ] {
                for r in v.as_deref().map(text_references).unwrap_or_default() {
                    if !form.walk().iter().any(|(_, it)| it.name() == r) {
                        late.push(at(col, format!("`${{{r}}}` refers to no question of the form")));
                    }
                }
            }
            if d.entity_id.is_none() && d.label.is_none() {
                problems.push(at("label", format!("`{name}`: creating entities needs a label")));
            }
        }
    }
    // Every save_to is checked even when a declaration is wrong, so that all is said at once.
    let mut saveto = vec![];
    let refs = references(form, &decls, &mut saveto);
    let clean = saveto.is_empty() && !problems.iter().any(|p| p.sheet == "entities");
    problems.extend(saveto.into_iter().map(|(row, m)| survey.at(row, Some("save_to"), m)));
    if clean
        && !decls.is_empty()
        && let Err(r) = allocate(&decls, &refs)
    {
        let sh = if r.on_entities_sheet { sheet } else { Some(survey) };
        if let Some(sh) = sh {
            problems.push(sh.at(Some(r.row), None, r.message));
        }
    }
    problems.extend(late);
}
