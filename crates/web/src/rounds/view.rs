//! What a page of the response form shows: the rows built from the server's evaluation of the
//! answers (relevance, calculations, constraints, labels in the chosen language), the page tabs
//! and the reviewer's comments beside each question.

use std::collections::{BTreeMap, HashMap};

use pathways_app::AppError;
use pathways_app::domain::Action;
use pathways_app::domain::states::{ResponseState, RoundState};
use pathways_app::rounds::{ResponseView, answers_of, env_for};
use pathways_xlsform::engine::QuestionState;
use pathways_xlsform::model::{ContainerKind, Form, Item, Kind, text_in};

use super::state_label;
use crate::AppState;

// ---- the response form ------------------------------------------------------------------------

/// One line of a rendered page: a question, or the opening or closing of a group or repeat
/// instance (the template stays flat; nesting is in `depth`).
pub struct Row {
    /// `group`, `group-end`, `instance`, `instance-end`, `add`, or the input of a question:
    /// `text`, `area`, `integer`, `decimal`, `date`, `radio`, `select`, `checks`, `note`, `ack`,
    /// `range`, `unsupported`.
    pub(super) kind: &'static str,
    pub(super) id: String,
    pub(super) path: String,
    pub(super) label: String,
    pub(super) hint: String,
    pub(super) required: bool,
    pub(super) error: String,
    pub(super) comment: String,
    pub(super) value: String,
    pub(super) choices: Vec<(String, String, bool)>,
    /// For a repeat instance: its path and number (Remove); for `add`: the repeat path.
    pub(super) repeat: String,
    pub(super) index: usize,
    pub(super) can_change: bool,
    pub(super) min: String,
    pub(super) max: String,
}

impl Row {
    fn blank(kind: &'static str) -> Row {
        Row {
            kind,
            id: String::new(),
            path: String::new(),
            label: String::new(),
            hint: String::new(),
            required: false,
            error: String::new(),
            comment: String::new(),
            value: String::new(),
            choices: vec![],
            repeat: String::new(),
            index: 0,
            can_change: false,
            min: String::new(),
            max: String::new(),
        }
    }
}

/// A page of the form: a top-level group, or the questions outside any group.
pub struct PageTab {
    pub(super) name: String,
    pub(super) label: String,
    pub(super) errors: usize,
    /// Reviewers commented on a question of this page (the focal point has something to read).
    pub(super) commented: bool,
    pub(super) current: bool,
}

const GENERAL: &str = "_general";

pub(super) fn page_of(path: &str, form: &Form) -> String {
    let head = path.split('/').next().unwrap_or("");
    let head = head.split('[').next().unwrap_or(head);
    let is_group = form
        .items
        .iter()
        .any(|it| matches!(it, Item::Container(c) if c.name == head && c.kind == ContainerKind::Group));
    if is_group && path.contains('/') {
        head.to_string()
    } else {
        GENERAL.to_string()
    }
}

/// `${name}` in a label, filled with the answer nearest to where the label is shown.
fn fill(text: &str, at: &str, by_name: &HashMap<&str, Vec<&QuestionState>>) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(i) = rest.find("${") {
        out.push_str(&rest[..i]);
        let after = &rest[i + 2..];
        let Some(j) = after.find('}') else {
            out.push_str(&rest[i..]);
            return out;
        };
        let name = after[..j].trim();
        let shared = |q: &&&QuestionState| q.path.chars().zip(at.chars()).take_while(|(a, b)| a == b).count();
        let v = by_name
            .get(name)
            .and_then(|qs| qs.iter().max_by_key(shared))
            .map(|q| q.value.clone())
            .unwrap_or_default();
        out.push_str(&v);
        rest = &after[j + 1..];
    }
    out.push_str(rest);
    out
}

struct Build<'a> {
    s: &'a AppState,
    form: &'a Form,
    view: &'a ResponseView,
    lang: &'a str,
    questions: HashMap<&'a str, &'a QuestionState>,
    by_name: HashMap<&'a str, Vec<&'a QuestionState>>,
    comments: BTreeMap<String, String>,
    can_answer: bool,
    /// Whether a missing required answer is shown as a problem (after a submission was refused,
    /// or once reviewers sent the response back); before, an empty form is not a page of errors.
    show_required: bool,
    /// Choices after `choice_filter`, per question path.
    filtered: HashMap<String, Vec<String>>,
    rows: Vec<Row>,
}

impl Build<'_> {
    fn text(&self, cells: &BTreeMap<String, String>, col: &str, at: &str) -> String {
        text_in(cells, col, self.lang)
            .map(|t| fill(t, at, &self.by_name))
            .unwrap_or_default()
    }

    fn items(&mut self, items: &[Item], prefix: &str, depth: usize) {
        for it in items {
            let path = if prefix.is_empty() {
                it.name().to_string()
            } else {
                format!("{prefix}/{}", it.name())
            };
            match it {
                Item::Container(c) => {
                    if self.view.state.containers.get(&path) == Some(&false) {
                        continue;
                    }
                    let label = self.text(&c.cells, "label", &path);
                    if c.kind == ContainerKind::Group {
                        let mut r = Row::blank("group");
                        r.label = label;
                        r.hint = self.text(&c.cells, "hint", &path);
                        r.index = depth;
                        self.rows.push(r);
                        self.items(&c.children, &path, depth + 1);
                        self.rows.push(Row::blank("group-end"));
                        continue;
                    }
                    let count = self.view.state.repeats.get(&path).copied().unwrap_or(0);
                    let fixed = c.cells.contains_key("repeat_count") || c.kind == ContainerKind::Loop;
                    for i in 1..=count {
                        let mut r = Row::blank("instance");
                        r.label = format!("{label} {i}");
                        r.repeat = path.clone();
                        r.index = i;
                        r.can_change = self.can_answer && !fixed;
                        r.id = format!("{path}[{i}]");
                        self.rows.push(r);
                        self.items(&c.children, &format!("{path}[{i}]"), depth + 1);
                        self.rows.push(Row::blank("instance-end"));
                    }
                    if self.can_answer && !fixed {
                        let mut r = Row::blank("add");
                        r.label = self.s.i18n.fmt("response-add", &[("what", label)]);
                        r.repeat = path.clone();
                        r.id = format!("add-{path}");
                        self.rows.push(r);
                    }
                }
                Item::Question(q) => {
                    let Some(st) = self.questions.get(path.as_str()) else {
                        continue;
                    };
                    if !st.relevant || matches!(q.kind, Kind::Calculate | Kind::Hidden) {
                        continue;
                    }
                    let multiline = q.cells.get("appearance").is_some_and(|a| a.contains("multiline"));
                    let list: Vec<(String, String)> = match q.kind.list().and_then(|l| self.form.choice_list(l)) {
                        Some(l) => {
                            let allowed = self.filtered.get(&path);
                            l.choices
                                .iter()
                                .filter(|c| allowed.is_none_or(|a| a.contains(&c.name)))
                                .map(|c| {
                                    (
                                        c.name.clone(),
                                        text_in(&c.cells, "label", self.lang).unwrap_or(&c.name).to_string(),
                                    )
                                })
                                .collect()
                        }
                        None => vec![],
                    };
                    let minimal = q.cells.get("appearance").is_some_and(|a| a.contains("minimal"));
                    let kind: &'static str = match &q.kind {
                        Kind::Text if multiline => "area",
                        Kind::Text => "text",
                        Kind::Integer => "integer",
                        Kind::Decimal => "decimal",
                        Kind::Date => "date",
                        Kind::Range => "range",
                        Kind::SelectOne { .. } if minimal || list.len() > 7 => "select",
                        Kind::SelectOne { .. } => "radio",
                        Kind::SelectMultiple { .. } => "checks",
                        Kind::Note => "note",
                        Kind::Acknowledge => "ack",
                        _ => "unsupported",
                    };
                    let picked: Vec<&str> = st.value.split_whitespace().collect();
                    let mut choices: Vec<(String, String, bool)> = list
                        .into_iter()
                        .map(|(v, l)| (v.clone(), l, picked.contains(&v.as_str())))
                        .collect();
                    if matches!(
                        q.kind,
                        Kind::SelectOne { or_other: true, .. } | Kind::SelectMultiple { or_other: true, .. }
                    ) {
                        choices.push((
                            "other".into(),
                            self.s.i18n.t("response-other"),
                            picked.contains(&"other"),
                        ));
                    }
                    let mut r = Row::blank(kind);
                    r.id = format!("q-{path}");
                    r.label = self.text(&q.cells, "label", &path);
                    r.hint = if kind == "unsupported" {
                        self.s.i18n.fmt("response-unsupported", &[("type", q.kind.written())])
                    } else {
                        self.text(&q.cells, "hint", &path)
                    };
                    r.required = st.required;
                    let missing = st.value.trim().is_empty();
                    r.error = if missing && !self.show_required {
                        String::new()
                    } else {
                        st.error.clone().unwrap_or_default()
                    };
                    r.comment = self.comments.get(&path).cloned().unwrap_or_default();
                    r.value = st.value.clone();
                    r.choices = choices;
                    r.can_change = self.can_answer && !st.read_only;
                    if kind == "range" {
                        let params = q.cells.get("parameters").cloned().unwrap_or_default();
                        let get = |k: &str, d: &str| {
                            params
                                .split([' ', ';', ','])
                                .find_map(|p| {
                                    p.split_once('=')
                                        .filter(|(a, _)| a.trim() == k)
                                        .map(|(_, v)| v.trim().to_string())
                                })
                                .unwrap_or_else(|| d.to_string())
                        };
                        r.min = get("start", "1");
                        r.max = get("end", "10");
                    }
                    let or_other = matches!(
                        q.kind,
                        Kind::SelectOne { or_other: true, .. } | Kind::SelectMultiple { or_other: true, .. }
                    );
                    let other_path = format!("{path}_other");
                    r.path = path;
                    r.index = depth;
                    self.rows.push(r);
                    // The "specify other" answer that `or_other` brings.
                    if or_other
                        && let Some(o) = self.questions.get(other_path.as_str())
                        && o.relevant
                    {
                        let mut r = Row::blank("text");
                        r.id = format!("q-{other_path}");
                        r.label = self.s.i18n.t("response-specify-other");
                        r.required = o.required;
                        r.error = if o.value.trim().is_empty() && !self.show_required {
                            String::new()
                        } else {
                            o.error.clone().unwrap_or_default()
                        };
                        r.value = o.value.clone();
                        r.can_change = self.can_answer;
                        r.path = other_path;
                        r.index = depth;
                        self.rows.push(r);
                    }
                }
            }
        }
    }
}

/// The pieces of a response page that both the full page and the htmx fragment show.
pub struct FormView {
    pub(super) id: String,
    pub(super) round_id: String,
    pub(super) round_title: String,
    pub(super) economy: String,
    pub(super) state: String,
    pub(super) state_code: String,
    pub(super) version: i64,
    pub(super) answered: String,
    pub(super) errors: usize,
    pub(super) tabs: Vec<PageTab>,
    pub(super) current: String,
    pub(super) rows: Vec<Row>,
    pub(super) lang: String,
    /// `lang` encoded for a URL.
    pub(super) lang_q: String,
    pub(super) languages: Vec<String>,
    pub(super) can_answer: bool,
    pub(super) can_review: bool,
    pub(super) general_note: String,
    pub(super) problems: Vec<String>,
    /// Problems of a refused submission: link to the question's page, question label, message.
    pub(super) missing: Vec<(String, String, String)>,
    /// Missing answers are shown (kept through saves with a hidden `check` field).
    pub(super) checking: bool,
    /// (answer, their value, your value) when a save was refused.
    pub(super) conflict: Vec<(String, String, String)>,
    pub(super) saved: bool,
}

/// The form language a respondent reads by default: the interface's, when the form has it and it
/// is not English; else, for someone scoped to an economy, that economy's own language.
fn own_language(languages: &[String], p: &pathways_app::domain::Principal) -> Option<String> {
    use crate::i18n::Locale;
    let tag_of = |l: &str| {
        l.rsplit_once('(')
            .and_then(|(_, rest)| rest.strip_suffix(')'))
            .map(str::to_string)
    };
    let find = |locale: Locale| {
        languages
            .iter()
            .find(|l| tag_of(l).is_some_and(|t| t.eq_ignore_ascii_case(locale.tag())))
            .cloned()
    };
    let ui = crate::i18n::current();
    if ui != Locale::En
        && let Some(l) = find(ui)
    {
        return Some(l);
    }
    p.economy.as_deref().and_then(Locale::of_economy).and_then(find)
}

pub(super) async fn form_view(
    s: &AppState,
    p: &pathways_app::domain::Principal,
    id: &str,
    page_name: Option<&str>,
    lang: Option<&str>,
    show_required: bool,
) -> Result<FormView, AppError> {
    let view = s.app.response(p, id).await?;
    let loaded = s.app.form(&view.round.questionnaire_id).await?;
    let form = &loaded.form;
    let languages = form.languages();
    let lang = lang
        .filter(|l| languages.iter().any(|x| x == l))
        .map(str::to_string)
        .or_else(|| own_language(&languages, p))
        .unwrap_or_else(|| form.default_language().unwrap_or("").to_string());
    let editable = view.response.state.editable() && view.round.state == RoundState::Open;
    let can_answer = editable && p.may(Action::Answer, Some(&view.response.economy));
    let comments: BTreeMap<String, String> = serde_json::from_value(view.response.comments.clone()).unwrap_or_default();
    // A missing answer counts as a problem only once the user is asked for it (a refused
    // submission, or sent back); before, a blank form is not a page of red counts.
    let asking = show_required || view.response.state == ResponseState::HasIssues;
    let tried = |q: &&QuestionState| asking || !q.value.trim().is_empty();
    // Pages: top-level groups in order; questions outside groups make the first page.
    let mut tabs: Vec<PageTab> = vec![];
    for it in &form.items {
        let name = match it {
            Item::Container(c) if c.kind == ContainerKind::Group => c.name.clone(),
            _ => GENERAL.to_string(),
        };
        if tabs.iter().any(|t| t.name == name) {
            continue;
        }
        if view.state.containers.get(&name) == Some(&false) {
            continue;
        }
        let label = match it {
            Item::Container(c) if c.kind == ContainerKind::Group => {
                text_in(&c.cells, "label", &lang).unwrap_or(&c.name).to_string()
            }
            _ => s.i18n.t("response-general"),
        };
        tabs.push(PageTab {
            errors: view
                .state
                .errors()
                .filter(tried)
                .filter(|q| page_of(&q.path, form) == name)
                .count(),
            commented: comments
                .iter()
                .any(|(path, c)| path != "_note" && !c.trim().is_empty() && page_of(path, form) == name),
            name,
            label,
            current: false,
        });
    }
    let current = page_name
        .filter(|n| tabs.iter().any(|t| t.name == *n))
        .map(str::to_string)
        .or_else(|| tabs.first().map(|t| t.name.clone()))
        .unwrap_or_else(|| GENERAL.to_string());
    for t in &mut tabs {
        t.current = t.name == current;
    }
    // Filtered choices only where a filter exists (each needs an evaluation).
    let answers = answers_of(&view.response.answers)?;
    let env = env_for(form);
    let mut filtered = HashMap::new();
    for q in &view.state.questions {
        if page_of(&q.path, form) != current || !q.relevant {
            continue;
        }
        let has_filter = form
            .questions()
            .any(|x| x.name == q.name && x.cells.contains_key("choice_filter"));
        if has_filter {
            let allowed = loaded
                .engine
                .choices(&answers, &env, &q.path)
                .into_iter()
                .map(|c| c.name)
                .collect();
            filtered.insert(q.path.clone(), allowed);
        }
    }
    let mut by_name: HashMap<&str, Vec<&QuestionState>> = HashMap::new();
    for q in &view.state.questions {
        by_name.entry(q.name.as_str()).or_default().push(q);
    }
    let mut b = Build {
        s,
        form,
        view: &view,
        lang: &lang,
        questions: view.state.questions.iter().map(|q| (q.path.as_str(), q)).collect(),
        by_name,
        comments: comments.clone(),
        can_answer,
        show_required: show_required || view.response.state == ResponseState::HasIssues,
        filtered,
        rows: vec![],
    };
    if current == GENERAL {
        let loose: Vec<Item> = form
            .items
            .iter()
            .filter(|it| !matches!(it, Item::Container(c) if c.kind == ContainerKind::Group))
            .cloned()
            .collect();
        b.items(&loose, "", 0);
    } else if let Some(Item::Container(c)) = form.items.iter().find(|it| it.name() == current) {
        b.items(&c.children, &c.name, 0);
    }
    let rows = b.rows;
    Ok(FormView {
        id: view.response.id.clone(),
        round_id: view.round.id.clone(),
        round_title: view.round.title.clone(),
        economy: s
            .vocab()
            .economy(&view.response.economy)
            .map_or(view.response.economy.clone(), |e| e.display_name.clone()),
        state: state_label(s, view.response.state),
        state_code: view.response.state.to_string(),
        version: view.response.version,
        answered: crate::i18n::percent(view.answered * 100.0, 0),
        errors: view.state.errors().filter(tried).count(),
        tabs,
        current,
        rows,
        lang_q: crate::ui::urlencode(&lang),
        lang,
        languages,
        can_answer,
        can_review: p.may(Action::Review, Some(&view.response.economy)),
        general_note: comments.get("_note").cloned().unwrap_or_default(),
        checking: show_required,
        problems: vec![],
        missing: vec![],
        conflict: vec![],
        saved: false,
    })
}
