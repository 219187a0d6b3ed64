//! The mapping exercise in the browser: questionnaires and rounds (analysts), the round dashboard,
//! the response form that focal points fill in page by page — every change saved at once and the
//! page re-rendered from the server's evaluation (skip logic, calculations, errors) — submission,
//! review with comments per question, and the versions of a response with their differences.
//!
//! Without JavaScript the same pages work as plain forms: a page's Save button posts all its
//! answers and only those that differ from the stored ones are saved.

use std::collections::{BTreeMap, HashMap};

use askama::Template;
use axum::extract::{Multipart, Path, Query, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use pathways_app::AppError;
use pathways_app::domain::Action;
use pathways_app::rounds::{Changes, Decision, ResponseView, answers_of, diff, env_for};
use pathways_xlsform::engine::QuestionState;
use pathways_xlsform::model::{ContainerKind, Form, Item, Kind, text_in};

use crate::AppState;
use crate::auth::MaybeAuth;
use crate::routes::Routes;
use crate::ui::{Page, SignedIn, error_page, page, render, upload};

pub fn routes() -> Routes {
    Routes::new()
        .get("/rounds", rounds_page)
        .post("/rounds", open_round)
        .post("/questionnaires", import_questionnaire)
        .get("/questionnaires/{id}/form.xlsx", download_form)
        .get("/rounds/{id}", round_page)
        .post("/rounds/{id}/state", round_state)
        .get("/rounds/{id}/export.xlsx", export_xlsx)
        .get("/rounds/{id}/export.csv", export_csv)
        .get("/responses/{id}", response_page)
        .post("/responses/{id}/save", save)
        .post("/responses/{id}/submit", submit)
        .get("/responses/{id}/review", review_page)
        .post("/responses/{id}/review", review)
        .get("/responses/{id}/versions", versions_page)
}

use crate::ui::{form_get as first, form_pairs as pairs};

fn state_label(s: &AppState, state: &str) -> String {
    s.i18n.t(&format!("rstate-{state}"))
}

// ---- questionnaires and rounds ------------------------------------------------------------------

struct QuestionnaireRow {
    id: String,
    title: String,
    form_id: String,
    version: String,
    file_name: String,
    created_at: String,
}

struct RoundRow {
    id: String,
    title: String,
    deadline: String,
    state: String,
    economies: String,
}

#[derive(Template)]
#[template(path = "rounds.html")]
struct RoundsPage<'a> {
    page: Page<'a>,
    rounds: Vec<RoundRow>,
    manage: bool,
    questionnaires: Vec<QuestionnaireRow>,
    economies: Vec<(String, String)>,
    problems: Vec<String>,
}

async fn rounds_view(s: &AppState, auth: SignedIn, flash: Option<String>, problems: Vec<String>) -> Response {
    let p = auth.0.principal.clone();
    let mauth = MaybeAuth(Some(auth.0));
    let manage = p.may(Action::ManageRounds, None);
    let rounds = match s.app.rounds(&p).await {
        Ok(r) => r,
        Err(e) => return error_page(s, &mauth, e, "/"),
    };
    let questionnaires = if manage {
        s.app
            .questionnaires(&p)
            .await
            .unwrap_or_default()
            .into_iter()
            .map(|q| QuestionnaireRow {
                id: q.id,
                title: q.title,
                form_id: q.form_id,
                version: q.version,
                file_name: q.file_name,
                created_at: q.created_at,
            })
            .collect()
    } else {
        vec![]
    };
    let mut pg = page(s, &mauth);
    pg.flash = flash;
    render(RoundsPage {
        page: pg,
        rounds: rounds
            .into_iter()
            .map(|r| RoundRow {
                state: state_label(s, &r.state),
                economies: r
                    .economies
                    .iter()
                    .map(|e| s.app.vocab().economy(e).map_or(e.clone(), |x| x.display_name.clone()))
                    .collect::<Vec<_>>()
                    .join(", "),
                id: r.id,
                title: r.title,
                deadline: r.deadline,
            })
            .collect(),
        manage,
        questionnaires,
        economies: s
            .app
            .vocab()
            .economies
            .iter()
            .map(|e| (e.code.clone(), e.display_name.clone()))
            .collect(),
        problems,
    })
}

async fn rounds_page(State(s): State<AppState>, auth: SignedIn) -> Response {
    rounds_view(&s, auth, None, vec![]).await
}

async fn import_questionnaire(State(s): State<AppState>, auth: SignedIn, m: Multipart) -> Response {
    let p = auth.0.principal.clone();
    let r = async {
        pathways_app::rounds::may_add_questionnaire(&p)?;
        let (name, bytes) = upload(m).await?;
        s.app.import_questionnaire(&p, &name, &bytes).await
    }
    .await;
    match r {
        Ok(q) => {
            let msg = s
                .i18n
                .fmt("questionnaire-imported", &[("title", q.title), ("version", q.version)]);
            rounds_view(&s, auth, Some(msg), vec![]).await
        }
        Err(AppError::Invalid(problems)) => {
            let problems = problems.iter().map(ToString::to_string).collect();
            (
                StatusCode::UNPROCESSABLE_ENTITY,
                rounds_view(&s, auth, None, problems).await,
            )
                .into_response()
        }
        Err(e) => error_page(&s, &MaybeAuth(Some(auth.0)), e, "/rounds"),
    }
}

async fn download_form(State(s): State<AppState>, auth: SignedIn, Path(id): Path<String>) -> Response {
    match s.app.questionnaire(&id).await {
        Ok(q) => download(
            q.xlsx,
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            &format!("{}-{}.xlsx", q.form_id, q.version),
        ),
        Err(e) => error_page(&s, &MaybeAuth(Some(auth.0)), e, "/rounds"),
    }
}

async fn open_round(State(s): State<AppState>, auth: SignedIn, body: String) -> Response {
    let p = auth.0.principal.clone();
    let f = pairs(&body);
    let economies: Vec<String> = f
        .iter()
        .filter(|(k, _)| k == "economy")
        .map(|(_, v)| v.clone())
        .collect();
    let r = s
        .app
        .open_round(
            &p,
            first(&f, "questionnaire").unwrap_or(""),
            first(&f, "title").unwrap_or(""),
            &economies,
            first(&f, "deadline").unwrap_or(""),
        )
        .await;
    match r {
        Ok(r) => Redirect::to(&format!("/rounds/{}", r.id)).into_response(),
        Err(AppError::Invalid(problems)) => {
            let problems = problems.iter().map(ToString::to_string).collect();
            (
                StatusCode::UNPROCESSABLE_ENTITY,
                rounds_view(&s, auth, None, problems).await,
            )
                .into_response()
        }
        Err(e) => error_page(&s, &MaybeAuth(Some(auth.0)), e, "/rounds"),
    }
}

struct DashRow {
    response_id: String,
    economy: String,
    state: String,
    state_code: String,
    answered: String,
    errors: usize,
    updated: String,
}

#[derive(Template)]
#[template(path = "round.html")]
struct RoundPage<'a> {
    page: Page<'a>,
    id: String,
    title: String,
    questionnaire: String,
    questionnaire_id: String,
    deadline: String,
    days: i64,
    open: bool,
    manage: bool,
    rows: Vec<DashRow>,
    languages: Vec<String>,
}

async fn round_page(State(s): State<AppState>, auth: SignedIn, Path(id): Path<String>) -> Response {
    let p = auth.0.principal.clone();
    let mauth = MaybeAuth(Some(auth.0));
    let d = match s.app.dashboard(&p, &id).await {
        Ok(d) => d,
        Err(e) => return error_page(&s, &mauth, e, "/rounds"),
    };
    render(RoundPage {
        page: page(&s, &mauth),
        id: d.round.id.clone(),
        title: d.round.title.clone(),
        questionnaire: d.questionnaire_title.clone(),
        questionnaire_id: d.round.questionnaire_id.clone(),
        deadline: d.round.deadline.clone(),
        days: d.days_to_deadline,
        open: d.round.state == "open",
        manage: p.may(Action::ManageRounds, None),
        languages: match s.app.form(&d.round.questionnaire_id).await {
            Ok(f) => f.form.languages().into_iter().filter(|l| !l.is_empty()).collect(),
            Err(_) => vec![],
        },
        rows: d
            .rows
            .into_iter()
            .map(|r| DashRow {
                economy: s
                    .app
                    .vocab()
                    .economy(&r.economy)
                    .map_or(r.economy.clone(), |e| e.display_name.clone()),
                state: state_label(&s, &r.state),
                state_code: r.state,
                answered: format!("{:.0} %", r.answered * 100.0),
                errors: r.errors,
                updated: format!(
                    "{} ({})",
                    r.updated_at.get(..16).unwrap_or(&r.updated_at).replace('T', " "),
                    r.updated_by
                ),
                response_id: r.response_id,
            })
            .collect(),
    })
}

#[derive(serde::Deserialize, Default)]
struct ExportQuery {
    lang: Option<String>,
}

/// A file download. Never rendered by the browser as a page of ours: an attachment, not sniffed,
/// and sandboxed should a browser open it anyway.
pub(crate) fn download(bytes: Vec<u8>, content_type: &str, name: &str) -> Response {
    let name: String = name
        .chars()
        .filter(|c| !c.is_control() && !matches!(c, '"' | '\\'))
        .collect();
    (
        [
            (header::CONTENT_TYPE, content_type.to_string()),
            (header::CONTENT_DISPOSITION, format!("attachment; filename=\"{name}\"")),
            (header::X_CONTENT_TYPE_OPTIONS, "nosniff".to_string()),
            (header::CONTENT_SECURITY_POLICY, "sandbox".to_string()),
        ],
        bytes,
    )
        .into_response()
}

async fn export_xlsx(
    State(s): State<AppState>,
    auth: SignedIn,
    Path(id): Path<String>,
    Query(q): Query<ExportQuery>,
) -> Response {
    let p = auth.0.principal.clone();
    let lang = q.lang.filter(|l| !l.is_empty());
    match s.app.export_responses_xlsx(&p, &id, lang.as_deref()).await {
        Ok(b) => download(
            b,
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            "responses.xlsx",
        ),
        Err(e) => error_page(&s, &MaybeAuth(Some(auth.0)), e, &format!("/rounds/{id}")),
    }
}

async fn export_csv(
    State(s): State<AppState>,
    auth: SignedIn,
    Path(id): Path<String>,
    Query(q): Query<ExportQuery>,
) -> Response {
    let p = auth.0.principal.clone();
    let lang = q.lang.filter(|l| !l.is_empty());
    match s.app.export_responses_csv(&p, &id, lang.as_deref()).await {
        Ok(b) => download(b, "text/csv; charset=utf-8", "responses.csv"),
        Err(e) => error_page(&s, &MaybeAuth(Some(auth.0)), e, &format!("/rounds/{id}")),
    }
}

async fn round_state(State(s): State<AppState>, auth: SignedIn, Path(id): Path<String>, body: String) -> Response {
    let p = auth.0.principal.clone();
    let open = first(&pairs(&body), "open") == Some("true");
    match s.app.set_round_open(&p, &id, open).await {
        Ok(_) => Redirect::to(&format!("/rounds/{id}")).into_response(),
        Err(e) => error_page(&s, &MaybeAuth(Some(auth.0)), e, &format!("/rounds/{id}")),
    }
}

// ---- the response form ------------------------------------------------------------------------

/// One line of a rendered page: a question, or the opening or closing of a group or repeat
/// instance (the template stays flat; nesting is in `depth`).
pub struct Row {
    /// `group`, `group-end`, `instance`, `instance-end`, `add`, or the input of a question:
    /// `text`, `area`, `integer`, `decimal`, `date`, `radio`, `select`, `checks`, `note`, `ack`,
    /// `range`, `unsupported`.
    kind: &'static str,
    id: String,
    path: String,
    label: String,
    hint: String,
    required: bool,
    error: String,
    comment: String,
    value: String,
    choices: Vec<(String, String, bool)>,
    /// For a repeat instance: its path and number (Remove); for `add`: the repeat path.
    repeat: String,
    index: usize,
    can_change: bool,
    min: String,
    max: String,
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
    name: String,
    label: String,
    errors: usize,
    current: bool,
}

const GENERAL: &str = "_general";

fn page_of(path: &str, form: &Form) -> String {
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
    id: String,
    round_id: String,
    round_title: String,
    economy: String,
    state: String,
    state_code: String,
    version: i64,
    answered: String,
    errors: usize,
    tabs: Vec<PageTab>,
    current: String,
    rows: Vec<Row>,
    lang: String,
    /// `lang` encoded for a URL.
    lang_q: String,
    languages: Vec<String>,
    can_answer: bool,
    can_review: bool,
    general_note: String,
    problems: Vec<String>,
    /// Problems of a refused submission: link to the question's page, question label, message.
    missing: Vec<(String, String, String)>,
    /// Missing answers are shown (kept through saves with a hidden `check` field).
    checking: bool,
    /// (answer, their value, your value) when a save was refused.
    conflict: Vec<(String, String, String)>,
    saved: bool,
}

async fn form_view(
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
        .unwrap_or_else(|| form.default_language().unwrap_or("").to_string());
    let editable = matches!(view.response.state.as_str(), "draft" | "has_issues") && view.round.state == "open";
    let can_answer = editable && p.may(Action::Answer, Some(&view.response.economy));
    let comments: BTreeMap<String, String> = serde_json::from_value(view.response.comments.clone()).unwrap_or_default();
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
            errors: view.state.errors().filter(|q| page_of(&q.path, form) == name).count(),
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
        show_required: show_required || view.response.state == "has_issues",
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
            .app
            .vocab()
            .economy(&view.response.economy)
            .map_or(view.response.economy.clone(), |e| e.display_name.clone()),
        state: state_label(s, &view.response.state),
        state_code: view.response.state.clone(),
        version: view.response.version,
        answered: format!("{:.0} %", view.answered * 100.0),
        errors: view.errors,
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

#[derive(Template)]
#[template(path = "response.html")]
struct ResponsePage<'a> {
    page: Page<'a>,
    f: FormView,
}

#[derive(Template)]
#[template(path = "response_fragment.html")]
struct ResponseFragment<'a> {
    page: Page<'a>,
    f: FormView,
}

#[derive(serde::Deserialize, Default)]
struct PageQuery {
    page: Option<String>,
    lang: Option<String>,
    /// Set after a refused submission: missing answers are shown on every page.
    check: Option<String>,
}

async fn response_page(
    State(s): State<AppState>,
    auth: SignedIn,
    Path(id): Path<String>,
    Query(q): Query<PageQuery>,
) -> Response {
    let p = auth.0.principal.clone();
    let mauth = MaybeAuth(Some(auth.0));
    match form_view(&s, &p, &id, q.page.as_deref(), q.lang.as_deref(), q.check.is_some()).await {
        Ok(f) => render(ResponsePage {
            page: page(&s, &mauth),
            f,
        }),
        Err(e) => error_page(&s, &mauth, e, "/rounds"),
    }
}

/// Saves what a page posted: with htmx, only the answer that changed (`only`); without, every
/// answer of the page whose value differs from the stored one. Answers arrive as `a:PATH`.
async fn save(
    State(s): State<AppState>,
    auth: SignedIn,
    Path(id): Path<String>,
    headers: HeaderMap,
    body: String,
) -> Response {
    let p = auth.0.principal.clone();
    let mauth = MaybeAuth(Some(auth.0));
    let f = pairs(&body);
    let htmx = headers.contains_key("hx-request");
    let page_name = first(&f, "page").map(str::to_string);
    let lang = first(&f, "lang").map(str::to_string);
    let version: i64 = first(&f, "version").and_then(|v| v.parse().ok()).unwrap_or(0);
    let mut posted: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for (k, v) in &f {
        if let Some(path) = k.strip_prefix("a:") {
            posted.entry(path.to_string()).or_default().push(v.clone());
        }
    }
    let touched: Vec<String> = match first(&f, "only") {
        Some(one) => vec![one.to_string()],
        None => f
            .iter()
            .filter(|(k, _)| k == "touched")
            .map(|(_, v)| v.clone())
            .collect(),
    };
    let current = match s.app.response(&p, &id).await {
        Ok(v) => v,
        Err(e) => return error_page(&s, &mauth, e, "/rounds"),
    };
    let mut changes = Changes::default();
    for path in &touched {
        let new = posted
            .get(path)
            .map(|v| {
                v.iter()
                    .map(|x| x.trim())
                    .filter(|x| !x.is_empty())
                    .collect::<Vec<_>>()
                    .join(" ")
            })
            .unwrap_or_default();
        let old = current
            .state
            .question(path)
            .map(|q| q.value.clone())
            .unwrap_or_default();
        if new != old {
            changes.set.insert(path.clone(), new);
        }
    }
    if let Some(r) = first(&f, "add") {
        changes.add.push(r.to_string());
    }
    if let Some((r, i)) = first(&f, "remove").and_then(|x| x.rsplit_once('|'))
        && let Ok(i) = i.parse()
    {
        changes.remove.push((r.to_string(), i));
    }
    let mut problems = vec![];
    let mut conflict = vec![];
    let mut saved = false;
    if !changes.set.is_empty() || !changes.add.is_empty() || !changes.remove.is_empty() {
        match s.app.save_answers(&p, &id, version, &changes).await {
            Ok(_) => saved = true,
            Err(AppError::ResponseConflict {
                current, overlapping, ..
            }) => {
                let theirs = answers_of(&current.answers).unwrap_or_default();
                for k in overlapping {
                    let their = theirs.values.get(&k).cloned().unwrap_or_default();
                    let yours = changes
                        .set
                        .get(&k)
                        .cloned()
                        .unwrap_or_else(|| s.i18n.t("response-repeat-change"));
                    conflict.push((k, their, yours));
                }
            }
            Err(AppError::Invalid(ps)) => problems = ps.iter().map(ToString::to_string).collect(),
            Err(e) => return error_page(&s, &mauth, e, &format!("/responses/{id}")),
        }
    }
    if !htmx && problems.is_empty() && conflict.is_empty() {
        let mut url = format!(
            "/responses/{id}?page={}",
            crate::ui::urlencode(page_name.as_deref().unwrap_or(""))
        );
        if let Some(l) = &lang {
            url.push_str(&format!("&lang={}", crate::ui::urlencode(l)));
        }
        return Redirect::to(&url).into_response();
    }
    let checking = first(&f, "check").is_some();
    let mut fv = match form_view(&s, &p, &id, page_name.as_deref(), lang.as_deref(), checking).await {
        Ok(f) => f,
        Err(e) => return error_page(&s, &mauth, e, "/rounds"),
    };
    fv.problems = problems;
    fv.conflict = conflict;
    fv.saved = saved;
    let status = if fv.conflict.is_empty() && fv.problems.is_empty() {
        StatusCode::OK
    } else if fv.conflict.is_empty() {
        StatusCode::UNPROCESSABLE_ENTITY
    } else {
        StatusCode::CONFLICT
    };
    if htmx {
        // htmx swaps only 2xx answers by default; the refusal is part of the page, so send 200.
        render(ResponseFragment {
            page: page(&s, &mauth),
            f: fv,
        })
    } else {
        (
            status,
            render(ResponsePage {
                page: page(&s, &mauth),
                f: fv,
            }),
        )
            .into_response()
    }
}

async fn submit(State(s): State<AppState>, auth: SignedIn, Path(id): Path<String>, body: String) -> Response {
    let p = auth.0.principal.clone();
    let mauth = MaybeAuth(Some(auth.0));
    let f = pairs(&body);
    let version: i64 = first(&f, "version").and_then(|v| v.parse().ok()).unwrap_or(0);
    match s.app.submit(&p, &id, version).await {
        Ok(_) => Redirect::to(&format!("/responses/{id}")).into_response(),
        Err(AppError::Invalid(ps)) => {
            let mut fv = match form_view(&s, &p, &id, first(&f, "page"), first(&f, "lang"), true).await {
                Ok(f) => f,
                Err(e) => return error_page(&s, &mauth, e, "/rounds"),
            };
            // Each problem names its question and links to the page it is on.
            if let Ok(view) = s.app.response(&p, &id).await
                && let Ok(loaded) = s.app.form(&view.round.questionnaire_id).await
            {
                let form = &loaded.form;
                let lang = fv.lang.clone();
                for pr in &ps {
                    let path = pr.field.clone().unwrap_or_default();
                    let name = path
                        .rsplit('/')
                        .next()
                        .unwrap_or("")
                        .split('[')
                        .next()
                        .unwrap_or("")
                        .to_string();
                    let label = form
                        .questions()
                        .find(|q| q.name == name)
                        .and_then(|q| text_in(&q.cells, "label", &lang))
                        .unwrap_or(&name)
                        .to_string();
                    let href = format!(
                        "/responses/{id}?page={}&lang={}&check=1#q-{path}",
                        crate::ui::urlencode(&page_of(&path, form)),
                        fv.lang_q
                    );
                    fv.missing.push((href, label, pr.message.clone()));
                }
            } else {
                fv.problems = ps.iter().map(ToString::to_string).collect();
            }
            (
                StatusCode::UNPROCESSABLE_ENTITY,
                render(ResponsePage {
                    page: page(&s, &mauth),
                    f: fv,
                }),
            )
                .into_response()
        }
        Err(e) => error_page(&s, &mauth, e, &format!("/responses/{id}")),
    }
}

// ---- review and versions ------------------------------------------------------------------------

struct ReviewRow {
    path: String,
    label: String,
    value: String,
    comment: String,
    error: String,
}

#[derive(Template)]
#[template(path = "review.html")]
struct ReviewPage<'a> {
    page: Page<'a>,
    id: String,
    round_id: String,
    economy: String,
    state: String,
    state_code: String,
    version: i64,
    rows: Vec<(String, Vec<ReviewRow>)>,
    note: String,
    problems: Vec<String>,
    /// What approval would change in the map (when the response is submitted).
    proposals: Vec<ProposalRow>,
}

struct ProposalRow {
    key: String,
    label: String,
    field: String,
    current: String,
    proposed: String,
    status: String,
    status_code: String,
}

fn show(v: &serde_json::Value) -> String {
    crate::ui::text(v)
}

async fn review_rows(s: &AppState, view: &ResponseView) -> Result<Vec<(String, Vec<ReviewRow>)>, AppError> {
    let loaded = s.app.form(&view.round.questionnaire_id).await?;
    let form = &loaded.form;
    let lang = form.default_language().unwrap_or("").to_string();
    let comments: BTreeMap<String, String> = serde_json::from_value(view.response.comments.clone()).unwrap_or_default();
    let labels: HashMap<&str, String> = form
        .questions()
        .map(|q| {
            (
                q.name.as_str(),
                text_in(&q.cells, "label", &lang).unwrap_or(&q.name).to_string(),
            )
        })
        .collect();
    let mut out: Vec<(String, Vec<ReviewRow>)> = vec![];
    for q in &view.state.questions {
        if !q.relevant || q.read_only && q.value.is_empty() {
            continue;
        }
        let page_name = page_of(&q.path, form);
        let page_label = form
            .items
            .iter()
            .find(|it| it.name() == page_name)
            .map(|it| text_in(it.cells(), "label", &lang).unwrap_or(it.name()).to_string())
            .unwrap_or_else(|| s.i18n.t("response-general"));
        let row = ReviewRow {
            label: labels.get(q.name.as_str()).cloned().unwrap_or_else(|| q.name.clone()),
            value: q.value.clone(),
            comment: comments.get(&q.path).cloned().unwrap_or_default(),
            error: q.error.clone().unwrap_or_default(),
            path: q.path.clone(),
        };
        match out.last_mut() {
            Some((l, rows)) if *l == page_label => rows.push(row),
            _ => out.push((page_label, vec![row])),
        }
    }
    Ok(out)
}

async fn review_page(State(s): State<AppState>, auth: SignedIn, Path(id): Path<String>) -> Response {
    let p = auth.0.principal.clone();
    let mauth = MaybeAuth(Some(auth.0));
    let view = match s.app.response(&p, &id).await {
        Ok(v) => v,
        Err(e) => return error_page(&s, &mauth, e, "/rounds"),
    };
    if !p.may(Action::Review, Some(&view.response.economy)) {
        return error_page(
            &s,
            &mauth,
            AppError::Forbidden(s.i18n.t("review-forbidden")),
            &format!("/responses/{id}"),
        );
    }
    let rows = match review_rows(&s, &view).await {
        Ok(r) => r,
        Err(e) => return error_page(&s, &mauth, e, "/rounds"),
    };
    let comments: BTreeMap<String, String> = serde_json::from_value(view.response.comments.clone()).unwrap_or_default();
    let proposals = if view.response.state == "submitted" {
        match s.app.approval_proposals(&p, &id).await {
            Ok(list) => list
                .into_iter()
                .filter(|x| x.status != "same")
                .map(|x| ProposalRow {
                    status: s.i18n.t(&format!("proposal-{}", x.status)),
                    status_code: x.status,
                    current: x.current.as_ref().map(show).unwrap_or_default(),
                    proposed: show(&x.proposed),
                    key: x.key,
                    label: x.label,
                    field: x.field,
                })
                .collect(),
            Err(e) => return error_page(&s, &mauth, e, "/rounds"),
        }
    } else {
        vec![]
    };
    render(ReviewPage {
        proposals,
        page: page(&s, &mauth),
        id: view.response.id.clone(),
        round_id: view.round.id.clone(),
        economy: view.response.economy.clone(),
        state: state_label(&s, &view.response.state),
        state_code: view.response.state.clone(),
        version: view.response.version,
        rows,
        note: comments.get("_note").cloned().unwrap_or_default(),
        problems: vec![],
    })
}

async fn review(State(s): State<AppState>, auth: SignedIn, Path(id): Path<String>, body: String) -> Response {
    let p = auth.0.principal.clone();
    let mauth = MaybeAuth(Some(auth.0));
    let f = pairs(&body);
    let version: i64 = first(&f, "version").and_then(|v| v.parse().ok()).unwrap_or(0);
    let Some(decision) = first(&f, "decision").and_then(Decision::parse) else {
        return error_page(
            &s,
            &mauth,
            AppError::invalid("decision", s.i18n.t("review-choose")),
            &format!("/responses/{id}/review"),
        );
    };
    let mut comments: BTreeMap<String, String> = f
        .iter()
        .filter_map(|(k, v)| k.strip_prefix("c:").map(|path| (path.to_string(), v.clone())))
        .collect();
    let note = first(&f, "note").filter(|n| !n.trim().is_empty());
    if let Some(n) = note {
        comments.insert("_note".into(), n.to_string());
    }
    // For each answer that contradicts the map: `replace` or `keep`.
    let choices: BTreeMap<String, bool> = f
        .iter()
        .filter_map(|(k, v)| k.strip_prefix("k:").map(|key| (key.to_string(), v == "replace")))
        .collect();
    match s
        .app
        .review(&p, &id, version, decision, &comments, note, &choices)
        .await
    {
        Ok(_) => Redirect::to(&format!("/responses/{id}")).into_response(),
        Err(e) => error_page(&s, &mauth, e, &format!("/responses/{id}/review")),
    }
}

struct VersionRow {
    version: i64,
    state: String,
    by: String,
    at: String,
    note: String,
    changes: Vec<(String, String, String)>,
}

#[derive(Template)]
#[template(path = "versions.html")]
struct VersionsPage<'a> {
    page: Page<'a>,
    id: String,
    economy: String,
    versions: Vec<VersionRow>,
}

async fn versions_page(State(s): State<AppState>, auth: SignedIn, Path(id): Path<String>) -> Response {
    let p = auth.0.principal.clone();
    let mauth = MaybeAuth(Some(auth.0));
    let r = async {
        let view = s.app.response(&p, &id).await?;
        let versions = s.app.response_versions(&p, &id).await?;
        Ok::<_, AppError>((view, versions))
    }
    .await;
    let (view, versions) = match r {
        Ok(x) => x,
        Err(e) => return error_page(&s, &mauth, e, "/rounds"),
    };
    let mut rows = vec![];
    let mut previous = pathways_xlsform::engine::Answers::default();
    for v in &versions {
        let answers = answers_of(&v.answers).unwrap_or_default();
        rows.push(VersionRow {
            version: v.version,
            state: state_label(&s, &v.state),
            by: v.by_email.clone(),
            at: v.at.get(..19).unwrap_or(&v.at).replace('T', " "),
            note: v.note.clone().unwrap_or_default(),
            changes: diff(&previous, &answers)
                .into_iter()
                .map(|d| (d.key, d.before.unwrap_or_default(), d.after.unwrap_or_default()))
                .collect(),
        });
        previous = answers;
    }
    rows.reverse();
    render(VersionsPage {
        page: page(&s, &mauth),
        id: id.clone(),
        economy: view.response.economy,
        versions: rows,
    })
}
