//! Entity declarations in the XForm (ODK XForms entities spec): a `meta/entity` block in the
//! container each list was placed in, with the binds that compute its id, label and conditions,
//! and the `save_to` properties on the questions' binds.

use super::xml::El;
use super::{Writer, XFormError};
use crate::entities::{Declaration, Path};

/// An entity block written in the form: its list, and the tree index of its `entity` node.
pub(super) struct Placed {
    pub decl: Declaration,
    pub entity: usize,
}

impl Writer<'_> {
    /// Adds the `meta/entity` nodes of the lists placed in the container at `path` (tree index
    /// `at`, `None` for the survey root, whose `meta` already exists).
    pub(super) fn place_entities(&mut self, path: &Path, at: Option<usize>, meta: Option<usize>) {
        let Some((_, decl)) = self.placements.iter().find(|(p, _)| p == path).cloned() else {
            return;
        };
        let meta = meta.unwrap_or_else(|| self.tree.add("meta", at, false));
        let entity = self.tree.add("entity", Some(meta), false);
        if let Some(c) = at {
            self.entity_at.insert(c, self.placed.len());
        } else {
            self.entity_at_root = Some(self.placed.len());
        }
        self.placed.push(Placed { decl, entity });
    }

    /// The `entity` element of a placed list.
    pub(super) fn entity_node(&self, p: &Placed) -> El {
        let mut e = El::new("entity").attr("dataset", p.decl.dataset.as_str());
        if p.decl.creates() {
            e.set("create", "1");
        }
        if p.decl.entity_id.is_some() {
            e.set("update", "1");
            for a in ["baseVersion", "trunkVersion", "branchId"] {
                e.set(a, "");
            }
        }
        e.set("id", "");
        if p.decl.label.is_some() {
            e.push(El::new("label"));
        }
        e
    }

    /// The binds and actions of every placed entity.
    pub(super) fn entity_binds(&mut self) -> Result<(), XFormError> {
        let placed: Vec<(Declaration, usize)> = self.placed.iter().map(|p| (p.decl.clone(), p.entity)).collect();
        for (d, at) in placed {
            let path = self.tree.xpath(at);
            let calc = |w: &Self, node: &str, expr: &str| -> Result<El, XFormError> {
                Ok(El::new("bind")
                    .attr("nodeset", format!("{path}/{node}"))
                    .attr("calculate", w.tree.paths_from_entity(expr, at)?)
                    .attr("readonly", "true()")
                    .attr("type", "string"))
            };
            if let Some(c) = &d.create_if {
                let b = calc(self, "@create", c)?;
                self.binds.push(b);
            }
            if let Some(u) = &d.update_if {
                let b = calc(self, "@update", u)?;
                self.binds.push(b);
            }
            if let Some(id) = &d.entity_id {
                let lookup = format!("instance('{}')/root/item[name={id}]", d.dataset);
                for (node, field) in [
                    ("@baseVersion", "__version"),
                    ("@trunkVersion", "__trunkVersion"),
                    ("@branchId", "__branchId"),
                ] {
                    let b = calc(self, node, &format!("{lookup}/{field}"))?;
                    self.binds.push(b);
                }
            }
            let mut id = El::new("bind")
                .attr("nodeset", format!("{path}/@id"))
                .attr("readonly", "true()")
                .attr("type", "string");
            if let Some(e) = &d.entity_id {
                id.set("calculate", self.tree.paths_from_entity(e, at)?);
            }
            self.binds.push(id);
            if d.entity_id.is_none() {
                self.setvalues.push(
                    El::new("setvalue")
                        .attr("ref", format!("{path}/@id"))
                        .attr("event", "odk-instance-first-load")
                        .attr("value", "uuid()"),
                );
                self.on_new_repeat(at, &format!("{path}/@id"), "uuid()");
            }
            if let Some(l) = &d.label {
                let b = calc(self, "label", l)?;
                self.binds.push(b);
            }
        }
        Ok(())
    }

    /// The entities version the form needs: lists in repeats or more than one list need 2025.1.
    pub(super) fn entities_version(&self) -> Option<&'static str> {
        if self.form.entities.is_empty() {
            return None;
        }
        let nested = self
            .placements
            .iter()
            .any(|(p, _)| p.iter().skip(1).any(|n| n.boundary));
        Some(if self.form.entities.len() > 1 || nested {
            "2025.1.0"
        } else {
            "2024.1.0"
        })
    }

    /// The property a question saves to, if any (`list#property` or, with one list, `property`;
    /// the reader has checked which).
    pub(super) fn saves_to(&self, cells: &std::collections::BTreeMap<String, String>) -> Option<String> {
        let v = cells.get("save_to").filter(|v| !v.is_empty())?;
        Some(v.split_once('#').map_or(v.as_str(), |(_, p)| p).to_string())
    }
}
