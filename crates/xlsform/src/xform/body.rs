//! The body of an XForm and what it draws on: one control per question (with its label, hint,
//! appearance and itemset), groups and repeats around them, the binds of each element in
//! document order, and the secondary instances holding choice lists and files.

use super::xml::El;
use super::{Writer, XFormError, itext, key, types};
use crate::model::{ContainerKind, Item, Kind, Question};

/// `key=value` pairs of a `parameters` cell (separated by spaces, `;` or `,`).
pub(super) fn params(s: &str) -> Vec<(String, String)> {
    s.split([' ', ';', ','])
        .filter_map(|p| p.split_once('='))
        .map(|(k, v)| (k.trim().to_ascii_lowercase(), v.trim().to_string()))
        .collect()
}

impl Writer<'_> {
    /// One `<instance>` per choice list, in the order the lists appear.
    pub(super) fn choice_instances(&mut self) -> Result<Vec<El>, XFormError> {
        let d = self.default_lang.clone();
        let mut out = vec![];
        for list in &self.form.choices {
            let searched = self.form.questions().any(|q| {
                q.kind.list() == Some(&list.name) && q.cells.get("appearance").is_some_and(|a| a.contains("search("))
            });
            if searched {
                continue;
            }
            let other = self
                .form
                .questions()
                .any(|q| super::or_other(&q.kind) && q.kind.list() == Some(&list.name));
            let needs_itext = self.list_needs_itext(&list.name);
            let mut root = El::new("root");
            let mut langs: Vec<String> = vec![];
            for (i, c) in list.choices.iter().enumerate() {
                let mut item = El::new("item");
                let id = format!("{}-{i}", list.name);
                if needs_itext {
                    item.push(El::new("itextId").text(id.as_str()));
                    let label = itext::text(&c.cells, "label", &d);
                    for (lang, t) in label.by_language(&d) {
                        let (m, p) = self.tree.outputs(&t, None)?;
                        if !langs.contains(&lang) {
                            langs.push(lang.clone());
                        }
                        self.itext.add(&lang, &id, "long", m, p);
                    }
                    for (lang, form, file) in itext::media(&c.cells, &d) {
                        self.itext.add(&lang, &id, &form, file, false);
                    }
                }
                item.push(El::new("name").text(c.name.as_str()));
                if !needs_itext && let Some(l) = c.cells.get("label").filter(|l| !l.is_empty()) {
                    item.push(El::new("label").text(l.as_str()));
                }
                for (k, v) in &c.cells {
                    let base = crate::model::language_of(k).map_or(k.as_str(), |(b, _)| b);
                    let media = itext::MEDIA.iter().any(|(m, _)| *m == base);
                    if base != "label" && !media && !v.is_empty() {
                        item.push(El::new(k).text(v.as_str()));
                    }
                }
                root.push(item);
            }
            if other && !list.choices.iter().any(|c| c.name == "other") {
                let mut item = El::new("item");
                let id = format!("{}-{}", list.name, list.choices.len());
                if needs_itext {
                    item.push(El::new("itextId").text(id.as_str()));
                    for lang in &langs {
                        self.itext.add(lang, &id, "long", "Other".into(), false);
                    }
                }
                item.push(El::new("name").text("other"));
                if !needs_itext {
                    item.push(El::new("label").text("Other"));
                }
                root.push(item);
            }
            out.push(El::new("instance").attr("id", list.name.as_str()).child(root));
        }
        Ok(out)
    }

    /// Controls for `items`, appended to `out`; binds are collected on the way.
    pub(super) fn controls(&mut self, items: &[Item], out: &mut Vec<El>) -> Result<(), XFormError> {
        for it in items {
            match it {
                Item::Question(q) => {
                    // An external instance has no control (its instance is among the files).
                    if types::is_external_instance(&q.kind) {
                        continue;
                    }
                    let Some(&at) = self.index.get(&key(it)) else { continue };
                    self.question(q, at, out)?;
                }
                Item::Container(c) => {
                    let Some(&at) = self.index.get(&key(it)) else { continue };
                    let path = self.tree.xpath(at);
                    let mut count = None;
                    if let Some(n) = c.cells.get("repeat_count").filter(|n| !n.is_empty()) {
                        if super::is_reference(n) {
                            count = Some(self.tree.paths(n, Some(at), false)?);
                        } else {
                            let parent = self.tree.elems[at].ancestors.last().copied();
                            let generated = format!("{}_count", c.name);
                            let gpath = match parent {
                                Some(p) => format!("{}/{generated}", self.tree.xpath(p)),
                                None => format!("/{}/{generated}", self.tree.root),
                            };
                            let calc = self.tree.paths(n, Some(at), false)?;
                            self.binds.push(
                                El::new("bind")
                                    .attr("nodeset", gpath.as_str())
                                    .attr("readonly", "true()")
                                    .attr("type", "string")
                                    .attr("calculate", calc),
                            );
                            count = Some(format!(" {gpath} "));
                        }
                    }
                    if let Some(b) = self.bind(&c.cells, at, None)? {
                        self.binds.push(b);
                    }
                    let mut kids = vec![];
                    let label = self.label_and_hint(&c.cells, at)?;
                    self.controls(&c.children, &mut kids)?;
                    let appearance = c.cells.get("appearance").filter(|a| !a.is_empty());
                    let mut g = El::new("group");
                    for (k, v) in &c.cells {
                        let attr = k.strip_prefix("body::").or_else(|| k.strip_prefix("control::"));
                        let attr = attr.or((k == "intent").then_some("intent"));
                        if let Some(a) = attr.filter(|a| *a != "appearance") {
                            g.set(a, self.tree.paths(v, Some(at), false)?);
                        }
                    }
                    if c.kind == ContainerKind::Repeat {
                        let mut r = El::new("repeat").attr("nodeset", path.as_str());
                        if let Some(a) = appearance {
                            r.set("appearance", a.as_str());
                        }
                        if let Some(n) = count {
                            r.set("jr:count", n);
                        }
                        for k in kids {
                            r.push(k);
                        }
                        let (mine, rest): (Vec<_>, Vec<_>) = std::mem::take(&mut self.repeat_actions)
                            .into_iter()
                            .partition(|(r, _)| *r == at);
                        self.repeat_actions = rest;
                        for (_, a) in mine {
                            r.push(a);
                        }
                        g.set("ref", path.as_str());
                        let first = label.into_iter().next().unwrap_or_else(|| El::new("label"));
                        g.push(first);
                        g.push(r);
                    } else {
                        if let Some(a) = appearance {
                            g.set("appearance", a.as_str());
                        }
                        g.set("ref", path.as_str());
                        if let Some(l) = label
                            .into_iter()
                            .next()
                            .filter(|l| !l.children.is_empty() || !l.attrs.is_empty())
                        {
                            g.push(l);
                        }
                        for k in kids {
                            g.push(k);
                        }
                    }
                    out.push(g);
                }
            }
        }
        Ok(())
    }

    fn question(&mut self, q: &Question, at: usize, out: &mut Vec<El>) -> Result<(), XFormError> {
        let spec = types::of(&q.kind);
        // A legacy type's own constraint and hint apply unless the row gives its own.
        let mut cells = q.cells.clone();
        if let Some(c) = spec.constraint {
            cells.entry("constraint".into()).or_insert_with(|| c.to_string());
        }
        if let Some(h) = spec.hint {
            cells.entry("hint".into()).or_insert_with(|| h.to_string());
        }
        if let Some(b) = self.bind(&cells, at, Some(q))? {
            self.binds.push(b);
        }
        let path = self.tree.xpath(at);
        match q.kind.name() {
            "start-geopoint" => self.setvalues.push(
                El::new("odk:setgeopoint")
                    .attr("ref", path.as_str())
                    .attr("event", "odk-instance-first-load"),
            ),
            "background-audio" => {
                let mut a = El::new("odk:recordaudio")
                    .attr("ref", path.as_str())
                    .attr("event", "odk-instance-load");
                if let Some((_, v)) = cells
                    .get("parameters")
                    .map(|p| params(p))
                    .unwrap_or_default()
                    .into_iter()
                    .find(|(k, _)| k == "quality")
                {
                    a.set("odk:quality", v);
                }
                self.setvalues.push(a);
            }
            _ => {}
        }
        if let Some(d) = cells.get("default").filter(|d| !d.is_empty())
            && super::dynamic_default(d, &q.kind)
        {
            let value = self.tree.paths(d, Some(at), false)?;
            self.setvalues.push(
                El::new("setvalue")
                    .attr("ref", path.as_str())
                    .attr("event", "odk-instance-first-load")
                    .attr("value", value.as_str()),
            );
            self.on_new_repeat(at, &path, &value);
        }
        // Texts are translated whether or not the question shows (a calculation's hint, say).
        let label_and_hint = self.label_and_hint(&cells, at)?;
        let has_text = ["label", "hint"]
            .iter()
            .any(|b| itext::text(&cells, b, &self.default_lang).is_some());
        let computed = cells.get("calculation").is_some_and(|c| !c.is_empty()) || cells.contains_key("trigger");
        let hidden_calc = computed && !has_text;
        let Some(tag) = spec.control.filter(|_| !hidden_calc) else {
            return Ok(());
        };
        if matches!(tag, "action") {
            return Ok(());
        }
        let mut c = El::new(tag).attr("ref", path.as_str());
        for l in label_and_hint {
            c.push(l);
        }
        if let Some(a) = cells.get("appearance").filter(|a| !a.is_empty()) {
            c.set("appearance", self.tree.paths(a, Some(at), false)?);
        }
        if let Some(m) = spec.mediatype {
            c.set("mediatype", m);
        }
        for (k, v) in &cells {
            if let Some(attr) = k.strip_prefix("body::").or_else(|| k.strip_prefix("control::")) {
                c.set(attr, self.tree.paths(v, Some(at), false)?);
            }
        }
        let ps = cells.get("parameters").map(|p| params(p)).unwrap_or_default();
        if q.kind == Kind::Range {
            for (k, default) in [("start", "1"), ("end", "10"), ("step", "1")] {
                let v = ps.iter().find(|(n, _)| n == k).map_or(default, |(_, v)| v.as_str());
                c.set(k, v);
            }
        }
        for (k, v) in &ps {
            match (k.as_str(), q.kind == Kind::Range) {
                ("capture-accuracy", _) => c.set("accuracyThreshold", v.as_str()),
                ("warning-accuracy", _) => c.set("unacceptableAccuracyThreshold", v.as_str()),
                // An app takes the photo only where no appearance asks for another way.
                ("app", _) if matches!(cells.get("appearance").map(String::as_str), None | Some("annotate")) => {
                    c.set("intent", v.as_str())
                }
                ("rows", _) if q.kind == Kind::Text => c.set("rows", v.as_str()),
                ("incremental", _) if matches!(q.kind.name(), "geotrace" | "geoshape") => c.set("incremental", "true"),
                ("tick_interval", true) => c.set("odk:tick-interval", v.as_str()),
                ("placeholder", true) => c.set("odk:placeholder", v.as_str()),

                _ => {}
            }
        }
        // select_one_external: a text input querying the list of the external_choices sheet.
        if let Kind::NotRenderable { written, list: Some(l) } = &q.kind
            && written.starts_with("select_one_external")
        {
            let mut query = format!("instance('{l}')/root/item");
            if let Some(f) = cells.get("choice_filter").filter(|f| !f.is_empty()) {
                query = format!("{query}[{}]", self.tree.paths(f, Some(at), true)?);
            }
            c.set("query", query);
            out.push(c);
            return Ok(());
        }
        let search = cells.get("appearance").is_some_and(|a| a.contains("search("));
        // A range's tick labels come from a choice list.
        if q.kind == Kind::Range
            && let Some((_, l)) = ps.iter().find(|(k, _)| k == "tick_labelset")
        {
            let label = if self.list_needs_itext(l) {
                "jr:itext(itextId)"
            } else {
                "label"
            };
            c.push(
                El::new("itemset")
                    .attr("nodeset", format!("instance('{l}')/root/item"))
                    .child(El::new("value").attr("ref", "name"))
                    .child(El::new("label").attr("ref", label)),
            );
        }
        if let Some(list) = q.kind.list() {
            if search && let Some(l) = self.form.choice_list(list) {
                // A select searching a file lists its choices inline, as Collect needs them.
                for ch in &l.choices {
                    let label = ch.cells.get("label").cloned().unwrap_or_default();
                    let (m, _) = self.tree.outputs(&label, None)?;
                    c.push(
                        El::new("item")
                            .child(El::new("label").markup(m))
                            .child(El::new("value").text(ch.name.as_str())),
                    );
                }
            } else {
                c.push(self.itemset(q, list, at, &ps)?);
            }
        } else if let Some((_, g)) = ps.iter().find(|(k, _)| k == "reference-geometry") {
            c.push(self.reference_geometry(q, g, at)?);
        } else if let Kind::NotRenderable { written, .. } = &q.kind
            && let Some(r) = written.split_whitespace().nth(1).filter(|r| r.starts_with("${"))
        {
            // Choices from an earlier answer: the nodes that hold it, those with a value.
            let full = self.tree.paths(r, None, false)?;
            let full = full.trim();
            let (base, leaf) = full.rsplit_once('/').unwrap_or(("", full));
            c.push(
                El::new("itemset")
                    .attr("nodeset", format!("{base}[./{leaf} != '']"))
                    .child(El::new("value").attr("ref", leaf))
                    .child(El::new("label").attr("ref", leaf)),
            );
        }
        // Calculations first, then locations, as pyxform writes them.
        let mut actions = self.triggered.get(&q.name).cloned().unwrap_or_default();
        actions.sort_by_key(|a| a.name != "setvalue");
        // An OpenStreetMap question lists the tags to fill in.
        if let Kind::NotRenderable { written, .. } = &q.kind
            && let Some(("osm", list)) = written.split_once(' ')
            && let Some(l) = self.form.osm.iter().find(|l| l.name == list.trim())
        {
            for t in &l.choices {
                let label = t.cells.get("label").cloned().unwrap_or_default();
                c.push(
                    El::new("tag")
                        .attr("key", t.name.as_str())
                        .child(El::new("label").text(label)),
                );
            }
        }
        for a in actions {
            c.push(a);
        }
        out.push(c);
        if super::or_other(&q.kind) {
            let other = format!("{path}_other");
            self.binds.push(
                El::new("bind")
                    .attr("nodeset", other.as_str())
                    .attr("type", "string")
                    .attr("relevant", format!("selected(../{}, 'other')", q.name)),
            );
            out.push(
                El::new("input")
                    .attr("ref", other)
                    .child(El::new("label").text("Specify other.")),
            );
        }
        Ok(())
    }

    /// The geometries a geo question shows for reference: another instance's items, or the
    /// `geometry` answers of a repeat.
    fn reference_geometry(&mut self, q: &Question, target: &str, at: usize) -> Result<El, XFormError> {
        let filter = q.cells.get("choice_filter").filter(|f| !f.is_empty());
        let (nodeset, value, label) = if target.starts_with("${") {
            let path = self.tree.paths(target, None, false)?;
            let path = path.trim().to_string();
            // The author's filter replaces the default one, read relative to the repeat.
            let f = match filter {
                Some(f) => self
                    .tree
                    .paths(f, Some(at), true)?
                    .replace(&format!("current()/{path}"), ".")
                    .replace(&path, "."),
                None => "./geometry != ''".to_string(),
            };
            (format!("{path}[{f}]"), "geometry", "geometry")
        } else {
            let label = if self.list_needs_itext(target) {
                "jr:itext(itextId)"
            } else {
                "label"
            };
            let mut n = format!("instance('{target}')/root/item");
            if let Some(f) = filter {
                n = format!("{n}[{}]", self.tree.paths(f, Some(at), true)?);
            }
            (n, "name", label)
        };
        Ok(El::new("itemset")
            .attr("nodeset", nodeset)
            .child(El::new("value").attr("ref", value))
            .child(El::new("label").attr("ref", label)))
    }

    /// Whether a choice list's labels live in itext (translated, with media or references).
    fn list_needs_itext(&self, list: &str) -> bool {
        let d = &self.default_lang;
        self.form.choice_list(list).is_some_and(|l| {
            l.choices.iter().any(|c| {
                let t = itext::text(&c.cells, "label", d);
                matches!(t, itext::Text::ByLanguage(_)) || t.has_reference() || !itext::media(&c.cells, d).is_empty()
            })
        })
    }

    fn itemset(&mut self, q: &Question, list: &str, at: usize, ps: &[(String, String)]) -> Result<El, XFormError> {
        let get = |k: &str| ps.iter().find(|(n, _)| n == k).map(|(_, v)| v.clone());
        let (mut nodeset, value, label) = match crate::instances::file_uri(list) {
            Some(_) => {
                let id = list.rsplit_once('.').map_or(list, |(s, _)| s);
                let geo = list.ends_with(".geojson");
                (
                    format!("instance('{id}')/root/item"),
                    get("value").unwrap_or_else(|| if geo { "id" } else { "name" }.into()),
                    get("label").unwrap_or_else(|| if geo { "title" } else { "label" }.into()),
                )
            }
            None => {
                let d = self.default_lang.clone();
                let itext = self.form.choice_list(list).is_some_and(|l| {
                    l.choices.iter().any(|c| {
                        let t = itext::text(&c.cells, "label", &d);
                        matches!(t, itext::Text::ByLanguage(_))
                            || t.has_reference()
                            || !itext::media(&c.cells, &d).is_empty()
                    })
                });
                (
                    format!("instance('{list}')/root/item"),
                    "name".into(),
                    if itext {
                        "jr:itext(itextId)".into()
                    } else {
                        "label".into()
                    },
                )
            }
        };
        if let Some(f) = q.cells.get("choice_filter").filter(|f| !f.is_empty()) {
            nodeset = format!("{nodeset}[{}]", self.tree.paths(f, Some(at), true)?);
        }
        if get("randomize").is_some_and(|r| r.eq_ignore_ascii_case("true")) {
            nodeset = match get("seed") {
                Some(s) => format!("randomize({nodeset}, {})", self.tree.paths(&s, Some(at), false)?.trim()),
                None => format!("randomize({nodeset})"),
            };
        }
        Ok(El::new("itemset")
            .attr("nodeset", nodeset)
            .child(El::new("value").attr("ref", value))
            .child(El::new("label").attr("ref", label)))
    }
}
