//! What a form holds, in the terms an author checks after uploading it: questions by type, groups
//! and repeats with their nesting, languages, choice lists, and the logic (expressions) per column.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use serde::Serialize;

use crate::model::{ContainerKind, Form, Item, language_of};
use crate::read::{EXPRESSION_COLUMNS, is_yes_no};

#[derive(Debug, Serialize)]
pub struct Summary {
    pub title: String,
    pub form_id: String,
    pub version: String,
    pub default_language: Option<String>,
    pub languages: Vec<String>,
    pub questions: usize,
    pub by_type: BTreeMap<String, usize>,
    /// Questions kept in the model that the web form does not render, with their types.
    pub not_renderable: Vec<(String, String)>,
    /// Groups, repeats and loops as `path/name` with their kind and number of direct children.
    pub containers: Vec<(String, ContainerKind, usize)>,
    /// Choice lists with their number of choices.
    pub choice_lists: Vec<(String, usize)>,
    /// Expressions per column (relevant, constraint, calculation, ...): question, expression.
    pub expressions: BTreeMap<String, Vec<(String, String)>>,
    /// Columns the model keeps without interpreting them.
    pub other_columns: Vec<String>,
}

pub fn summarise(form: &Form) -> Summary {
    let mut s = Summary {
        title: form.title().to_string(),
        form_id: form.id().to_string(),
        version: form.version().to_string(),
        default_language: form.default_language().map(str::to_string),
        languages: form.languages(),
        questions: 0,
        by_type: BTreeMap::new(),
        not_renderable: vec![],
        containers: vec![],
        choice_lists: form.choices.iter().map(|l| (l.name.clone(), l.choices.len())).collect(),
        expressions: BTreeMap::new(),
        other_columns: form
            .survey_columns
            .iter()
            .filter(|c| !crate::model::KNOWN_COLUMNS.contains(&language_of(c).map_or(c.as_str(), |(b, _)| b)))
            .cloned()
            .collect(),
    };
    for (path, it) in form.walk() {
        match it {
            Item::Question(q) => {
                s.questions += 1;
                *s.by_type.entry(q.kind.name().to_string()).or_default() += 1;
                if !q.kind.is_renderable() {
                    s.not_renderable.push((q.name.clone(), q.kind.written()));
                }
            }
            Item::Container(c) => {
                let mut p = path.join("/");
                if !p.is_empty() {
                    p.push('/');
                }
                p.push_str(&c.name);
                s.containers.push((p, c.kind, c.children.len()));
            }
        }
        for &col in EXPRESSION_COLUMNS {
            if let Some(v) = it.cells().get(col) {
                let plain = matches!(col, "required" | "read_only") && is_yes_no(v);
                if !plain {
                    s.expressions
                        .entry(col.to_string())
                        .or_default()
                        .push((it.name().to_string(), v.clone()));
                }
            }
        }
    }
    s
}

impl Summary {
    /// The summary as the text `pathways questionnaire inspect` prints.
    pub fn to_text(&self) -> String {
        let mut o = String::new();
        let _ = writeln!(
            o,
            "form: {} (id {}, version {})",
            self.title, self.form_id, self.version
        );
        let langs: Vec<String> = self
            .languages
            .iter()
            .map(|l| {
                if l.is_empty() {
                    "(default)".to_string()
                } else {
                    l.clone()
                }
            })
            .collect();
        let _ = writeln!(
            o,
            "languages: {}{}",
            langs.join(", "),
            self.default_language
                .as_ref()
                .map(|d| format!(" — default {d}"))
                .unwrap_or_default()
        );
        let _ = writeln!(o, "questions: {}", self.questions);
        for (t, n) in &self.by_type {
            let _ = writeln!(o, "  {t:<24} {n}");
        }
        if !self.not_renderable.is_empty() {
            let _ = writeln!(o, "kept but not shown by the web form: {}", self.not_renderable.len());
            for (name, t) in &self.not_renderable {
                let _ = writeln!(o, "  {name} ({t})");
            }
        }
        let _ = writeln!(o, "groups and repeats: {}", self.containers.len());
        for (p, k, n) in &self.containers {
            let items = if *n == 1 { "item" } else { "items" };
            let _ = writeln!(o, "  {p} ({}, {n} {items})", format!("{k:?}").to_lowercase());
        }
        let _ = writeln!(o, "choice lists: {}", self.choice_lists.len());
        for (l, n) in &self.choice_lists {
            let _ = writeln!(o, "  {l} ({n} choices)");
        }
        let total: usize = self.expressions.values().map(Vec::len).sum();
        let _ = writeln!(o, "expressions: {total}");
        for (col, list) in &self.expressions {
            let _ = writeln!(o, "  {col}: {}", list.len());
            for (q, e) in list {
                let _ = writeln!(o, "    {q}: {e}");
            }
        }
        if !self.other_columns.is_empty() {
            let _ = writeln!(o, "other columns kept: {}", self.other_columns.join(", "));
        }
        o
    }
}
