//! Writing a [`Form`] as an ODK XForm, as pyxform (the reference converter) writes it, so that a
//! questionnaire authored for Pathways runs offline in ODK Collect or KoboCollect: the primary
//! instance, secondary instances for choice lists and files, binds (`relevant`, `constraint`,
//! `calculate`, `required`, preloads), itext translations, and body controls with their
//! appearance, repeats with their template, and itemsets filtered by `choice_filter`.

mod body;
mod itext;
mod refs;
mod types;
mod xml;

use std::collections::HashMap;

use itext::{Itext, Text};
use refs::Tree;
use xml::El;

use crate::model::{ContainerKind, Form, Item, Kind, Question};

#[derive(Debug, thiserror::Error, PartialEq)]
pub enum XFormError {
    #[error("`${{{0}}}` names no question of the form")]
    Unknown(String),
    #[error("`${{{0}}}` is ambiguous: more than one question of the form has that name")]
    Ambiguous(String),
}

/// The XForm of a form. `fallback_id` names the form when its settings give no `form_id`
/// (pyxform uses the file name).
pub fn xform(form: &Form, fallback_id: &str) -> Result<String, XFormError> {
    let root = form
        .settings
        .get("name")
        .filter(|n| !n.is_empty())
        .map_or("data", String::as_str);
    let id = Some(form.id()).filter(|s| !s.is_empty()).unwrap_or(fallback_id);
    let title = Some(form.title()).filter(|s| !s.is_empty()).unwrap_or(id);
    let mut w = Writer {
        form,
        tree: Tree::new(root),
        index: HashMap::new(),
        default_lang: form
            .default_language()
            .filter(|l| !l.is_empty())
            .unwrap_or("default")
            .to_string(),
        itext: Itext::default(),
        binds: vec![],
        setvalues: vec![],
        files: vec![],
    };
    w.index_items(&form.items, None);
    w.meta_names();
    let lists = w.choice_instances()?;
    let mut data = El::new(root).attr("id", id);
    if !form.version().is_empty() {
        data.set("version", form.version());
    }
    for n in w.instance_nodes(&form.items, false) {
        data.push(n);
    }
    data.push(w.meta_instance());
    let items = &form.items;
    let mut body = vec![];
    w.controls(items, &mut body)?;
    w.meta_binds()?;

    let mut model = El::new("model").attr("odk:xforms-version", "1.0.0");
    let default_lang = w.default_lang.clone();
    let itext = std::mem::take(&mut w.itext);
    if !itext.is_empty() {
        model.push(itext.element(&default_lang));
    }
    model.push(El::new("instance").child(data));
    let mut seen: Vec<String> = vec![];
    for inst in w.files.drain(..).chain(lists) {
        let id = inst
            .attrs
            .iter()
            .find(|(k, _)| k == "id")
            .map(|(_, v)| v.clone())
            .unwrap_or_default();
        if !seen.contains(&id) {
            seen.push(id);
            model.push(inst);
        }
    }
    for b in w.binds.drain(..).chain(w.setvalues.drain(..)) {
        model.push(b);
    }
    let mut html = El::new("h:html");
    for (k, v) in [
        ("xmlns", "http://www.w3.org/2002/xforms"),
        ("xmlns:h", "http://www.w3.org/1999/xhtml"),
        ("xmlns:ev", "http://www.w3.org/2001/xml-events"),
        ("xmlns:xsd", "http://www.w3.org/2001/XMLSchema"),
        ("xmlns:jr", "http://openrosa.org/javarosa"),
        ("xmlns:orx", "http://openrosa.org/xforms"),
        ("xmlns:odk", "http://www.opendatakit.org/xforms"),
    ] {
        html.set(k, v);
    }
    let head = El::new("h:head").child(El::new("h:title").text(title)).child(model);
    let mut b = El::new("h:body");
    for c in body {
        b.push(c);
    }
    Ok(html.child(head).child(b).document())
}

struct Writer<'a> {
    form: &'a Form,
    tree: Tree,
    /// Tree index of each item, by its address.
    index: HashMap<usize, usize>,
    default_lang: String,
    itext: Itext,
    binds: Vec<El>,
    /// `setvalue` actions of the model (defaults computed when the form opens).
    setvalues: Vec<El>,
    /// Instances read from files (select from file, external instances, last-saved).
    files: Vec<El>,
}

fn key<T>(x: &T) -> usize {
    std::ptr::from_ref(x) as usize
}

/// The cells of a row that say yes (`yes`, `true`, `TRUE()`…) as XPath, or the expression.
fn boolean(v: &str) -> String {
    match v.trim().to_ascii_lowercase().as_str() {
        "yes" | "true" | "true()" => "true()".into(),
        "no" | "false" | "false()" => "false()".into(),
        _ => v.to_string(),
    }
}

/// A `default` pyxform computes when the form opens rather than writes into the instance.
fn dynamic_default(v: &str, kind: &Kind) -> bool {
    let dated = matches!(kind, Kind::Date | Kind::DateTime)
        || matches!(kind, Kind::NotRenderable { written, .. } if written.starts_with("geo"));
    v.contains("${")
        || v.contains(['(', '[', '{', '+', '*', '|'])
        || (!dated && v.contains('-') && v.trim_start_matches('-').parse::<f64>().is_err())
        || v.split_whitespace().any(|w| w == "div" || w == "mod")
}

impl Writer<'_> {
    fn index_items(&mut self, items: &[Item], parent: Option<usize>) {
        for it in items {
            match it {
                Item::Question(q) => {
                    if types::is_external_instance(&q.kind) {
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
                        && !is_reference(count)
                    {
                        self.tree.add(&format!("{}_count", c.name), parent, false);
                    }
                    let i = self.tree.add(&c.name, parent, c.kind == ContainerKind::Repeat);
                    self.index.insert(key(it), i);
                    self.index_items(&c.children, Some(i));
                }
            }
        }
    }

    fn meta_names(&mut self) {
        let meta = self.tree.add("meta", None, false);
        self.tree.add("instanceID", Some(meta), false);
        if self.form.settings.contains_key("instance_name") {
            self.tree.add("instanceName", Some(meta), false);
        }
    }

    fn meta_instance(&self) -> El {
        let mut meta = El::new("meta").child(El::new("instanceID"));
        if self.form.settings.contains_key("instance_name") {
            meta.push(El::new("instanceName"));
        }
        meta
    }

    fn meta_binds(&mut self) -> Result<(), XFormError> {
        let root = self.tree.root.clone();
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

    /// The primary instance's nodes for `items`; inside a repeat's template every nested repeat
    /// is a template only.
    fn instance_nodes(&self, items: &[Item], in_template: bool) -> Vec<El> {
        let mut out = vec![];
        for it in items {
            match it {
                Item::Question(q) => {
                    if types::is_external_instance(&q.kind) {
                        continue;
                    }
                    let mut n = El::new(&q.name);
                    if let Some(d) = q.cells.get("default")
                        && !d.is_empty()
                        && !dynamic_default(d, &q.kind)
                    {
                        n = n.text(d.as_str());
                    }
                    out.push(n);
                    if or_other(&q.kind) {
                        out.push(El::new(&format!("{}_other", q.name)));
                    }
                }
                Item::Container(c) => {
                    if let Some(count) = c.cells.get("repeat_count")
                        && !is_reference(count)
                    {
                        out.push(El::new(&format!("{}_count", c.name)));
                    }
                    let repeat = c.kind == ContainerKind::Repeat;
                    let node = |template: bool| {
                        let mut n = El::new(&c.name);
                        if template {
                            n.set("jr:template", "");
                        }
                        for ch in self.instance_nodes(&c.children, template || in_template) {
                            n.push(ch);
                        }
                        n
                    };
                    if repeat && !in_template {
                        out.push(node(true));
                        out.push(node(false));
                    } else {
                        out.push(node(repeat));
                    }
                }
            }
        }
        out
    }

    /// Label and hint of an element, with their translations.
    fn label_and_hint(
        &mut self,
        cells: &std::collections::BTreeMap<String, String>,
        at: usize,
    ) -> Result<Vec<El>, XFormError> {
        let d = self.default_lang.clone();
        let label = itext::text(cells, "label", &d);
        let hint = itext::text(cells, "hint", &d);
        let guidance = itext::text(cells, "guidance_hint", &d);
        let media = itext::media(cells, &d);
        let path = self.tree.xpath(at);
        let mut out = vec![];
        let labelled = label.is_some() || !media.is_empty();
        if labelled || hint.is_some() {
            out.push(if matches!(label, Text::ByLanguage(_)) || !media.is_empty() {
                for (lang, t) in label.by_language(&d) {
                    let (m, p) = self.tree.outputs(&t, Some(at))?;
                    self.itext.add(&lang, &format!("{path}:label"), "long", m, p);
                }
                for (lang, form, file) in &media {
                    self.itext
                        .add(lang, &format!("{path}:label"), form, file.clone(), false);
                }
                El::new("label").attr("ref", format!("jr:itext('{path}:label')"))
            } else if let Text::Plain(t) = &label {
                let (m, _) = self.tree.outputs(t, Some(at))?;
                El::new("label").markup(m)
            } else {
                El::new("label")
            });
        }
        if hint.is_some() || guidance.is_some() {
            if !labelled && out.is_empty() {
                out.push(El::new("label"));
            }
            if matches!(hint, Text::ByLanguage(_)) || guidance.is_some() {
                for (lang, t) in hint.by_language(&d) {
                    let (m, p) = self.tree.outputs(&t, Some(at))?;
                    self.itext.add(&lang, &format!("{path}:hint"), "long", m, p);
                }
                for (lang, t) in guidance.by_language(&d) {
                    let (m, p) = self.tree.outputs(&t, Some(at))?;
                    self.itext.add(&lang, &format!("{path}:hint"), "guidance", m, p);
                }
                if hint.is_some() || guidance.is_some() {
                    out.push(El::new("hint").attr("ref", format!("jr:itext('{path}:hint')")));
                }
            } else if let Text::Plain(t) = &hint {
                let (m, _) = self.tree.outputs(t, Some(at))?;
                out.push(El::new("hint").markup(m));
            }
        }
        Ok(out)
    }

    /// The bind of a question or container.
    fn bind(
        &mut self,
        cells: &std::collections::BTreeMap<String, String>,
        at: usize,
        q: Option<&Question>,
    ) -> Result<Option<El>, XFormError> {
        let mut b = El::new("bind").attr("nodeset", self.tree.xpath(at));
        let spec = q.map(|q| types::of(&q.kind));
        if let Some(s) = spec {
            if s.readonly {
                b.set("readonly", "true()");
            }
            if let Some(t) = s.bind_type {
                b.set("type", t);
            }
            if let Some((how, param)) = s.preload {
                b.set("jr:preload", how);
                b.set("jr:preloadParams", param);
            }
        }
        if let Some(q) = q
            && q.kind == Kind::Range
            && let Some(p) = q.cells.get("parameters")
            && body::params(p).iter().any(|(_, v)| v.contains('.'))
        {
            b.set("type", "decimal");
        }
        let d = self.default_lang.clone();
        for (col, attr) in [
            ("relevant", "relevant"),
            ("constraint", "constraint"),
            ("calculation", "calculate"),
            ("required", "required"),
            ("read_only", "readonly"),
        ] {
            if let Some(v) = cells.get(col).filter(|v| !v.is_empty()) {
                let v = if matches!(col, "required" | "read_only") {
                    boolean(v)
                } else {
                    v.clone()
                };
                b.set(attr, self.tree.paths(&v, Some(at), false)?);
            }
        }
        let path = self.tree.xpath(at);
        for (col, attr) in [
            ("constraint_message", "jr:constraintMsg"),
            ("required_message", "jr:requiredMsg"),
        ] {
            let t = itext::text(cells, col, &d);
            match &t {
                Text::None => {}
                Text::Plain(v) if !v.contains("${") => b.set(attr, v.as_str()),
                _ => {
                    for (lang, v) in t.by_language(&d) {
                        let (m, p) = self.tree.outputs(&v, Some(at))?;
                        self.itext.add(&lang, &format!("{path}:{attr}"), "long", m, p);
                    }
                    b.set(attr, format!("jr:itext('{path}:{attr}')"));
                }
            }
        }
        for (k, v) in cells {
            if let Some(attr) = k.strip_prefix("bind::")
                && !v.is_empty()
            {
                b.set(attr, self.tree.paths(v, Some(at), false)?);
            }
        }
        if let Some(q) = q
            && let Some(p) = q.cells.get("parameters")
        {
            for (k, v) in body::params(p) {
                match k.as_str() {
                    "max-pixels" => b.set("orx:max-pixels", v),
                    "quality" if q.kind.name() == "audio" => b.set("odk:quality", v),
                    "allow-mock-accuracy" => b.set("odk:allow-mock-accuracy", v),
                    _ => {}
                }
            }
        }
        // Groups without logic have no bind; questions always have one.
        Ok((q.is_some() || b.attrs.len() > 1).then_some(b))
    }
}

fn or_other(kind: &Kind) -> bool {
    matches!(
        kind,
        Kind::SelectOne { or_other: true, .. } | Kind::SelectMultiple { or_other: true, .. }
    )
}

/// Whether a value is exactly one `${name}` reference.
fn is_reference(v: &str) -> bool {
    let v = v.trim();
    v.starts_with("${")
        && v.ends_with('}')
        && v[2..v.len() - 1]
            .chars()
            .all(|c| c.is_alphanumeric() || "_-.".contains(c))
}
