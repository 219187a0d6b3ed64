//! Writing a [`Form`] as an ODK XForm, as pyxform (the reference converter) writes it, so that a
//! questionnaire authored for Pathways runs offline in ODK Collect or KoboCollect: the primary
//! instance, secondary instances for choice lists and files, binds (`relevant`, `constraint`,
//! `calculate`, `required`, preloads), itext translations, and body controls with their
//! appearance, repeats with their template, and itemsets filtered by `choice_filter`.

mod body;
mod entity;
mod instance;
mod itext;
mod refs;
mod types;
mod xml;

/// Whether a question of this kind is shown in ODK clients (has a body control), and so needs a
/// label or hint.
pub fn shown(kind: &Kind) -> bool {
    types::of(kind).control.is_some_and(|c| c != "action")
}

use std::collections::HashMap;

use itext::{Itext, Text};
use refs::Tree;
use xml::El;

use crate::model::{Form, Kind, Question};

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
    // Legacy loops are written as the groups they stand for.
    let unrolled = Form {
        items: instance::table_lists(&instance::unroll_loops(form, &form.items)),
        ..form.clone()
    };
    let form = &unrolled;
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
        repeat_actions: vec![],
        triggered: HashMap::new(),
        placements: crate::entities::placements(form),
        placed: vec![],
        entity_at: HashMap::new(),
        entity_at_root: None,
    };
    let mut root_path = vec![crate::entities::Node {
        name: "survey".into(),
        boundary: true,
    }];
    w.index_items(&form.items, None, &mut root_path);
    w.meta_names();
    w.triggers()?;
    let lists = w.choice_instances()?;
    let mut data = El::new(root).attr("id", id);
    // Attributes the settings give the instance root (`attribute::xyz`), and its namespace.
    for (k, v) in &form.settings {
        if let Some(attr) = k.strip_prefix("attribute::") {
            data.set(attr, v.as_str());
        }
    }
    if let Some(ns) = form.settings.get("instance_xmlns").filter(|n| !n.is_empty()) {
        data.set("xmlns", ns.as_str());
    }
    data.set("id", id);
    if !form.version().is_empty() {
        data.set("version", form.version());
    }
    // Compact (SMS) submissions: the prefix and delimiter of the encoded message.
    for (setting, attr) in [("prefix", "odk:prefix"), ("delimiter", "odk:delimiter")] {
        if let Some(v) = form.settings.get(setting).filter(|v| !v.is_empty()) {
            data.set(attr, v.as_str());
        }
    }
    for n in w.instance_nodes(&form.items, instance::Copy::Outside)? {
        data.push(n);
    }
    data.push(w.meta_instance());
    let items = &form.items;
    let mut body = vec![];
    // Entities first: their actions in repeats go into the repeat's body.
    w.entity_binds()?;
    w.controls(items, &mut body)?;
    w.meta_binds()?;

    w.file_instances();
    let mut model = El::new("model").attr("odk:xforms-version", "1.0.0");
    let entities_version = w.entities_version();
    if let Some(v) = entities_version {
        model.set("entities:entities-version", v);
    }
    if let Some(sub) = submission(form) {
        model.push(sub);
    }
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
    // Namespaces the settings declare (`namespaces`: `esri="http://…"`), and the entities one.
    let mut extra: Vec<(String, String)> = form
        .settings
        .get("namespaces")
        .map(|n| {
            n.split_whitespace()
                .filter_map(|p| p.split_once('='))
                .filter(|(k, _)| !k.is_empty())
                .map(|(k, v)| (k.to_string(), v.replace(['"', '\''], "")))
                .collect()
        })
        .unwrap_or_default();
    if entities_version.is_some() {
        extra.push(("entities".into(), "http://www.opendatakit.org/xforms/entities".into()));
    }
    for (k, v) in extra {
        let attr = format!("xmlns:{k}");
        if !html.attrs.iter().any(|(a, _)| *a == attr) {
            html.set(&attr, v);
        }
    }
    let head = El::new("h:head").child(El::new("h:title").text(title)).child(model);
    let mut b = El::new("h:body");
    if let Some(style) = form.settings.get("style").filter(|s| !s.is_empty()) {
        b.set("class", style.as_str());
    }
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
    /// `setvalue` actions run when a repetition is added, by the repeat they belong to.
    repeat_actions: Vec<(usize, El)>,
    /// Actions run when a question's value changes (the `trigger` column), by that question.
    triggered: HashMap<String, Vec<El>>,
    /// The container each entity list goes in, and the blocks written so far.
    placements: Vec<(crate::entities::Path, crate::entities::Declaration)>,
    placed: Vec<entity::Placed>,
    /// Placed entities by the tree index of their container, and the survey root's.
    entity_at: HashMap<usize, usize>,
    entity_at_root: Option<usize>,
}

/// The `<submission>` of a form that says where and how it is sent.
fn submission(form: &Form) -> Option<El> {
    let get = |k: &str| form.settings.get(k).filter(|v| !v.is_empty());
    let mut s = El::new("submission");
    if let Some(url) = get("submission_url") {
        s.set("action", url.as_str());
        s.set("method", "post");
    }
    if let Some(k) = get("public_key") {
        s.set("base64RsaPublicKey", k.as_str());
    }
    if let Some(v) = get("auto_send") {
        s.set("orx:auto-send", v.as_str());
    }
    if let Some(v) = get("auto_delete") {
        s.set("orx:auto-delete", v.as_str());
    }
    if get("client_editable").is_some_and(|v| matches!(v.as_str(), "yes" | "Yes" | "YES" | "true" | "True" | "TRUE")) {
        s.set("odk:client-editable", "true");
    }
    (!s.attrs.is_empty()).then_some(s)
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
pub(crate) fn dynamic_default(v: &str, kind: &Kind) -> bool {
    let dated = matches!(kind, Kind::Date | Kind::DateTime)
        || matches!(kind, Kind::NotRenderable { written, .. } if written.starts_with("geo"));
    // A function call is a name right before `(`; a bracket alone is text.
    let call = v.match_indices('(').any(|(i, _)| {
        v[..i]
            .trim_end()
            .chars()
            .next_back()
            .is_some_and(|c| c.is_alphanumeric() || c == '_')
            && !v[..i].ends_with(char::is_whitespace)
    });
    v.contains("${")
        || call
        || v.contains(['[', '+', '*', '|'])
        || (!dated && v.contains('-') && v.trim_start_matches('-').parse::<f64>().is_err())
        || v.split_whitespace().any(|w| w == "div" || w == "mod")
}

impl Writer<'_> {
    /// In a repeat, also sets `path` to `value` in each repetition added (`odk-new-repeat`),
    /// written at the end of the nearest repeat's body.
    fn on_new_repeat(&mut self, at: usize, path: &str, value: &str) {
        if let Some(r) = self.tree.nearest_repeat(at) {
            self.repeat_actions.push((
                r,
                El::new("setvalue")
                    .attr("ref", path)
                    .attr("event", "odk-new-repeat")
                    .attr("value", value),
            ));
        }
    }

    /// The actions each question's change triggers: recompute a calculation, or record a
    /// location.
    fn triggers(&mut self) -> Result<(), XFormError> {
        for (_, it) in self.form.walk() {
            let crate::model::Item::Question(q) = it else { continue };
            let Some(t) = q.cells.get("trigger").filter(|t| !t.is_empty()) else {
                continue;
            };
            let Some(&at) = self.index.get(&key(it)) else { continue };
            let path = self.tree.xpath(at);
            for r in crate::rules::text_references(t) {
                let action = if q.kind.name() == "background-geopoint" {
                    El::new("odk:setgeopoint")
                        .attr("ref", path.as_str())
                        .attr("event", "xforms-value-changed")
                } else {
                    let mut a = El::new("setvalue")
                        .attr("ref", path.as_str())
                        .attr("event", "xforms-value-changed");
                    if let Some(c) = q.cells.get("calculation").filter(|c| !c.is_empty()) {
                        a.set("value", self.tree.paths(c, Some(at), false)?);
                    }
                    a
                };
                self.triggered.entry(r.to_string()).or_default().push(action);
            }
        }
        Ok(())
    }

    /// Instances read from files: external instances, select files, `pulldata()` files and the
    /// last-saved instance.
    fn file_instances(&mut self) {
        for i in crate::instances::from_files(self.form) {
            self.files.push(El::new("instance").attr("id", i.id).attr("src", i.src));
        }
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
            && body::params(p).iter().any(|(k, v)| {
                matches!(k.as_str(), "start" | "end" | "step" | "tick_interval" | "placeholder")
                    && v.parse::<f64>().is_ok_and(|x| x.fract() != 0.0)
            })
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
            // A triggered calculation runs as an action of its trigger, not in the bind.
            if col == "calculation" && cells.get("trigger").is_some_and(|t| !t.is_empty()) {
                continue;
            }
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
        if let Some(p) = self.saves_to(cells) {
            b.set("entities:saveto", p);
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
        // Only a bind that says something is written (groups without logic, `trigger` rows).
        Ok((b.attrs.len() > 1).then_some(b))
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
            .trim_start_matches("last-saved#")
            .chars()
            .all(|c| c.is_alphanumeric() || "_-.".contains(c))
}
