//! The primary instance of an XForm: one node per question, group and repeat (a repeat written
//! twice, as its template and its first instance), the nodes pyxform adds (`q_other`,
//! `r_count`, `meta`), and legacy loops unrolled into one group per choice.

use std::collections::BTreeMap;

use super::xml::El;
use super::{Writer, XFormError, dynamic_default, is_reference, key, or_other, types};
use crate::model::{Container, ContainerKind, Form, Item, Kind};

/// Where nodes are written: outside any repeat, in a repeat's template (whose own repeats are
/// templates; its groups are written as outside), or in its first instance (where nested
/// repeats are written once, without a template).
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Copy {
    Outside,
    Template,
    First,
}

/// Whether a question is the form's audit log (kept under `meta`).
pub(super) fn is_audit(kind: &Kind) -> bool {
    matches!(kind, Kind::NotRenderable { written, .. } if written == "audit")
}

/// The items with each `begin loop over LIST` unrolled: a group per choice, named after it and
/// labelled with its label, holding the loop's items with `%(label)s` and `%(name)s` replaced.
pub(super) fn unroll_loops(form: &Form, items: &[Item]) -> Vec<Item> {
    items
        .iter()
        .map(|it| match it {
            Item::Container(c) if c.kind == ContainerKind::Loop => {
                let choices = c
                    .list
                    .as_deref()
                    .and_then(|l| form.choice_list(l))
                    .map(|l| l.choices.clone());
                let children = choices
                    .unwrap_or_default()
                    .into_iter()
                    .map(|ch| {
                        let label = ch.cells.get("label").cloned().unwrap_or_default();
                        let fill = |cells: &BTreeMap<String, String>| -> BTreeMap<String, String> {
                            cells
                                .iter()
                                .map(|(k, v)| (k.clone(), v.replace("%(label)s", &label).replace("%(name)s", &ch.name)))
                                .collect()
                        };
                        let inner = unroll_loops(form, &c.children)
                            .into_iter()
                            .map(|mut i| {
                                match &mut i {
                                    Item::Question(q) => q.cells = fill(&q.cells),
                                    Item::Container(k) => k.cells = fill(&k.cells),
                                }
                                i
                            })
                            .collect();
                        let mut cells = BTreeMap::new();
                        cells.insert("label".to_string(), label.clone());
                        Item::Container(Container {
                            row: c.row,
                            kind: ContainerKind::Group,
                            name: ch.name.clone(),
                            list: None,
                            cells,
                            end_cells: BTreeMap::new(),
                            children: inner,
                        })
                    })
                    .collect();
                Item::Container(Container {
                    kind: ContainerKind::Group,
                    children,
                    ..c.clone()
                })
            }
            Item::Container(c) => Item::Container(Container {
                children: unroll_loops(form, &c.children),
                ..c.clone()
            }),
            q => q.clone(),
        })
        .collect()
}

/// Groups with the `table-list` appearance written as pyxform writes them: a field list led by
/// a note holding the group's label and a select showing the choices as column headings, each
/// select of the group without its own choice labels.
pub(super) fn table_lists(items: &[Item]) -> Vec<Item> {
    items
        .iter()
        .map(|it| match it {
            Item::Container(c)
                if c.kind == ContainerKind::Group
                    && c.cells
                        .get("appearance")
                        .is_some_and(|a| a.split_whitespace().any(|w| w == "table-list")) =>
            {
                let mut cells = c.cells.clone();
                let label = cells.remove("label");
                let hint = cells.remove("hint");
                let others: Vec<&str> = c.cells["appearance"]
                    .split_whitespace()
                    .filter(|w| *w != "table-list")
                    .collect();
                let mut appearance = vec!["field-list"];
                appearance.extend(others);
                cells.insert("appearance".into(), appearance.join(" "));
                let mut children = vec![];
                let row = c.row.0;
                if let Some(l) = label {
                    let mut nc = BTreeMap::new();
                    nc.insert("label".to_string(), l);
                    if let Some(h) = hint {
                        nc.insert("hint".to_string(), h);
                    }
                    children.push(Item::Question(crate::model::Question {
                        row: c.row,
                        kind: Kind::Note,
                        name: format!("generated_table_list_label_{row}"),
                        cells: nc,
                    }));
                }
                let first_select = c.children.iter().find_map(|ch| match ch {
                    Item::Question(q) => match &q.kind {
                        Kind::SelectOne { list, .. } | Kind::SelectMultiple { list, .. } => Some(list.clone()),
                        _ => None,
                    },
                    Item::Container(_) => None,
                });
                if let Some(list) = first_select {
                    let mut hc = BTreeMap::new();
                    hc.insert("label".to_string(), " ".to_string());
                    hc.insert("appearance".to_string(), "label".to_string());
                    children.push(Item::Question(crate::model::Question {
                        row: c.row,
                        kind: Kind::SelectOne { list, or_other: false },
                        name: format!("reserved_name_for_field_list_labels_{}", row + 1),
                        cells: hc,
                    }));
                }
                for ch in &c.children {
                    let mut ch = ch.clone();
                    if let Item::Question(q) = &mut ch
                        && matches!(q.kind, Kind::SelectOne { .. } | Kind::SelectMultiple { .. })
                    {
                        let a = q.cells.get("appearance").map_or(String::new(), |a| format!("{a} "));
                        q.cells.insert("appearance".into(), format!("{a}list-nolabel"));
                    }
                    children.push(ch);
                }
                Item::Container(Container {
                    cells,
                    children,
                    ..c.clone()
                })
            }
            Item::Container(c) => Item::Container(Container {
                children: table_lists(&c.children),
                ..c.clone()
            }),
            q => q.clone(),
        })
        .collect()
}

impl Writer<'_> {
    pub(super) fn index_items(&mut self, items: &[Item], parent: Option<usize>, path: &mut crate::entities::Path) {
        for it in items {
            match it {
                Item::Question(q) => {
                    if types::is_external_instance(&q.kind) || is_audit(&q.kind) {
                        continue;
                    }
                    let i = self.tree.add(&q.name, parent, false);
                    self.index.insert(key(it), i);
                    if or_other(&q.kind) {
                        self.tree.add(&format!("{}_other", q.name), parent, false);
                    }
                }
                Item::Container(c) => {
                    if let Some(count) = c.cells.get("repeat_count")
                        && !count.is_empty()
                        && !is_reference(count)
                    {
                        self.tree.add(&format!("{}_count", c.name), parent, false);
                    }
                    let i = self.tree.add(&c.name, parent, c.kind == ContainerKind::Repeat);
                    self.index.insert(key(it), i);
                    path.push(crate::entities::Node {
                        name: c.name.clone(),
                        boundary: c.kind == ContainerKind::Repeat,
                    });
                    self.index_items(&c.children, Some(i), path);
                    self.place_entities(path, Some(i), None);
                    path.pop();
                }
            }
        }
    }

    fn audit(&self) -> Option<&crate::model::Question> {
        self.form.questions().find(|q| is_audit(&q.kind))
    }

    pub(super) fn meta_names(&mut self) {
        let meta = self.tree.add("meta", None, false);
        let root = vec![crate::entities::Node {
            name: "survey".into(),
            boundary: true,
        }];
        self.place_entities(&root, None, Some(meta));
        if self.audit().is_some() {
            self.tree.add("audit", Some(meta), false);
        }
        self.tree.add("instanceID", Some(meta), false);
        if self.form.settings.contains_key("instance_name") {
            self.tree.add("instanceName", Some(meta), false);
        }
    }

    pub(super) fn meta_instance(&self) -> El {
        let mut meta = El::new("meta");
        if let Some(p) = self.entity_at_root {
            meta.push(self.entity_node(&self.placed[p]));
        }
        if self.audit().is_some() {
            meta.push(El::new("audit"));
        }
        meta.push(El::new("instanceID"));
        if self.form.settings.contains_key("instance_name") {
            meta.push(El::new("instanceName"));
        }
        meta
    }

    pub(super) fn meta_binds(&mut self) -> Result<(), XFormError> {
        let root = self.tree.root.clone();
        if let Some(a) = self.audit() {
            let mut b = El::new("bind")
                .attr("nodeset", format!("/{root}/meta/audit"))
                .attr("type", "binary");
            if let Some(p) = a.cells.get("parameters") {
                for (k, v) in super::body::params(p) {
                    b.set(&format!("odk:{k}"), v);
                }
            }
            self.binds.push(b);
        }
        self.binds.push(
            El::new("bind")
                .attr("nodeset", format!("/{root}/meta/instanceID"))
                .attr("type", "string")
                .attr("readonly", "true()")
                .attr("jr:preload", "uid"),
        );
        if let Some(name) = self.form.settings.get("instance_name") {
            let calc = self.tree.paths(name, None, false)?;
            self.binds.push(
                El::new("bind")
                    .attr("nodeset", format!("/{root}/meta/instanceName"))
                    .attr("type", "string")
                    .attr("calculate", calc),
            );
        }
        Ok(())
    }

    /// The primary instance's nodes for `items`.
    pub(super) fn instance_nodes(&self, items: &[Item], copy: Copy) -> Result<Vec<El>, XFormError> {
        let mut out = vec![];
        for it in items {
            match it {
                Item::Question(q) => {
                    if types::is_external_instance(&q.kind) || is_audit(&q.kind) {
                        continue;
                    }
                    let mut n = El::new(&q.name);
                    if let Some(d) = q.cells.get("default")
                        && !d.is_empty()
                        && !dynamic_default(d, &q.kind)
                    {
                        // An image's default names a file shipped with the form.
                        let image = types::of(&q.kind).mediatype == Some("image/*");
                        n = n.text(if image { format!("jr://images/{d}") } else { d.clone() });
                    }
                    if let Some(tag) = q.cells.get("compact_tag") {
                        n.set("odk:tag", tag.as_str());
                    }
                    for (k, v) in &q.cells {
                        if let Some(attr) = k.strip_prefix("instance::") {
                            let at = self.index.get(&key(it)).copied();
                            n.set(attr, self.tree.paths(v, at, false)?);
                        }
                    }
                    out.push(n);
                    if or_other(&q.kind) {
                        out.push(El::new(&format!("{}_other", q.name)));
                    }
                }
                Item::Container(c) => {
                    if let Some(count) = c.cells.get("repeat_count")
                        && !count.is_empty()
                        && !is_reference(count)
                    {
                        out.push(El::new(&format!("{}_count", c.name)));
                    }
                    let node = |inner: Copy, template: bool| -> Result<El, XFormError> {
                        let mut n = El::new(&c.name);
                        if template {
                            n.set("jr:template", "");
                        }
                        for ch in self.instance_nodes(&c.children, inner)? {
                            n.push(ch);
                        }
                        if let Some(p) = self.index.get(&key(it)).and_then(|i| self.entity_at.get(i)) {
                            n.push(El::new("meta").child(self.entity_node(&self.placed[*p])));
                        }
                        Ok(n)
                    };
                    match (c.kind == ContainerKind::Repeat, copy) {
                        // A group inside a template is written as outside any repeat (its repeats
                        // get their own template), as pyxform writes it.
                        (false, Copy::Template) => out.push(node(Copy::Outside, false)?),
                        (false, _) => out.push(node(copy, false)?),
                        (true, Copy::Outside) => {
                            out.push(node(Copy::Template, true)?);
                            out.push(node(Copy::First, false)?);
                        }
                        (true, Copy::Template) => out.push(node(Copy::Template, true)?),
                        (true, Copy::First) => out.push(node(Copy::First, false)?),
                    }
                }
            }
        }
        Ok(out)
    }
}
