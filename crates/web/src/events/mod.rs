//! Consultations and workshops in the browser: the list of events, an event with its rendered
//! notes, participants, decisions, follow-ups (overdue ones marked), findings and attachments, and
//! the form to record or edit one. Lists (participants, follow-ups, findings) are rows of inputs
//! with blank rows to add more, so the form stays a plain HTML form without a script; problems
//! name the list and the row.
//!
//! Page structs (askama) list their fields one a line like every feature's: alike on purpose.

use askama::Template;
use axum::extract::{Multipart, Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use pathways_app::AppError;
use pathways_app::domain::event::{EVENT_KINDS, Event};
use pathways_app::domain::{Action, Kind};
use serde_json::{Value, json};

use crate::AppState;
use crate::auth::MaybeAuth;
use crate::routes::Routes;
use crate::ui::{OrBack, Page, SignedIn, UiResult, fail, page, render, upload};
use axum::http::Method;

mod api;

pub fn routes() -> Routes {
    Routes::new()
        .merge(api::routes())
        .get("/events", list)
        .get("/events/new", new_form)
        .post("/events/new", create)
        .get("/events/{id}", show)
        .get("/events/{id}/edit", edit_form)
        .post("/events/{id}/edit", save)
        .post("/events/{id}/delete", delete)
        .method(
            Method::POST,
            "/events/{id}/attachments",
            axum::routing::post(attach).layer(axum::extract::DefaultBodyLimit::max(crate::ui::UPLOAD_LIMIT)),
        )
        .get("/attachments/{id}", download)
}

fn pairs(body: &str) -> Vec<(String, String)> {
    serde_urlencoded::from_str::<Vec<(String, String)>>(body).unwrap_or_default()
}

fn first(f: &[(String, String)], key: &str) -> String {
    f.iter()
        .find(|(k, _)| k == key)
        .map(|(_, v)| v.trim().to_string())
        .unwrap_or_default()
}

/// The rows of a list the form shows as a row of inputs per entry: the values of `fields`, each
/// sent once per row in order. A row whose fields are blank is dropped (a trailing choice that
/// always has a value, such as a follow-up's state, is not looked at).
fn rows(f: &[(String, String)], fields: &[&str], looked_at: usize) -> Vec<Vec<String>> {
    let columns: Vec<Vec<String>> = fields
        .iter()
        .map(|name| {
            f.iter()
                .filter(|(k, _)| k == name)
                .map(|(_, v)| v.trim().to_string())
                .collect()
        })
        .collect();
    let n = columns.iter().map(Vec::len).max().unwrap_or(0);
    (0..n)
        .map(|i| {
            columns
                .iter()
                .map(|c| c.get(i).cloned().unwrap_or_default())
                .collect::<Vec<_>>()
        })
        .filter(|row| row.iter().take(looked_at).any(|v| !v.is_empty()))
        .collect()
}

/// The event as the form posted it.
fn from_form(f: &[(String, String)]) -> Value {
    let economies: Vec<String> = f
        .iter()
        .filter(|(k, _)| k == "economy")
        .map(|(_, v)| v.clone())
        .collect();
    let institutions: Vec<String> = f
        .iter()
        .filter(|(k, _)| k == "institution")
        .map(|(_, v)| v.clone())
        .collect();
    let part = |v: &[String], i: usize| v.get(i).cloned().unwrap_or_default();
    json!({
        "kind": first(f, "kind"),
        "title": first(f, "title"),
        "date": first(f, "date"),
        "place": first(f, "place"),
        "economies": economies,
        "institutions": institutions,
        "persons": rows(f, &["person_name", "person_role", "person_institution"], 3).iter().map(|v| json!({"name": part(v, 0), "role": part(v, 1), "institution": part(v, 2)})).collect::<Vec<_>>(),
        "agenda": first(f, "agenda"),
        "notes": first(f, "notes"),
        "decisions": first(f, "decisions").lines().map(str::trim).filter(|l| !l.is_empty()).collect::<Vec<_>>(),
        "follow_ups": rows(f, &["follow_action", "follow_owner", "follow_due", "follow_state"], 3).iter().map(|v| json!({"action": part(v, 0), "owner": part(v, 1), "due": part(v, 2), "done": part(v, 3) == "done"})).collect::<Vec<_>>(),
        "findings": rows(f, &["finding_economy", "finding_stage", "finding_text"], 3).iter().map(|v| json!({"economy": part(v, 0).to_uppercase(), "stage": part(v, 1), "text": part(v, 2)})).collect::<Vec<_>>(),
    })
}

/// The event's lists as the form shows them, one entry per line.
struct FormValues {
    kind: String,
    title: String,
    date: String,
    place: String,
    economies: Vec<String>,
    institutions: Vec<String>,
    /// (name, role, institution), with blank rows to add more.
    persons: Vec<(String, String, String)>,
    agenda: String,
    notes: String,
    decisions: String,
    /// (action, owner, due date, done), with blank rows.
    follow_ups: Vec<(String, String, String, bool)>,
    /// (economy, stage, text), with blank rows.
    findings: Vec<(String, String, String)>,
}

/// Blank rows shown under a list's entries, for adding more without a script.
const BLANK_ROWS: usize = 2;

fn to_form(v: &Value) -> FormValues {
    let s = |k: &str| v[k].as_str().unwrap_or("").to_string();
    let list = |k: &str| -> Vec<Value> { v[k].as_array().cloned().unwrap_or_default() };
    let strs = |k: &str| -> Vec<String> { list(k).iter().filter_map(|x| x.as_str().map(str::to_string)).collect() };
    let t = |x: &Value| x.as_str().unwrap_or("").to_string();
    FormValues {
        kind: s("kind"),
        title: s("title"),
        date: s("date"),
        place: s("place"),
        economies: strs("economies"),
        institutions: strs("institutions"),
        persons: list("persons")
            .iter()
            .map(|p| (t(&p["name"]), t(&p["role"]), t(&p["institution"])))
            .chain(std::iter::repeat_n(Default::default(), BLANK_ROWS + 1))
            .collect(),
        agenda: s("agenda"),
        notes: s("notes"),
        decisions: strs("decisions").join("\n"),
        follow_ups: list("follow_ups")
            .iter()
            .map(|x| {
                (
                    t(&x["action"]),
                    t(&x["owner"]),
                    t(&x["due"]),
                    x["done"].as_bool() == Some(true),
                )
            })
            .chain(std::iter::repeat_n(Default::default(), BLANK_ROWS))
            .collect(),
        findings: list("findings")
            .iter()
            .map(|x| (t(&x["economy"]), t(&x["stage"]), t(&x["text"])))
            .chain(std::iter::repeat_n(Default::default(), BLANK_ROWS))
            .collect(),
    }
}

struct EventRow {
    id: String,
    title: String,
    kind: String,
    date: String,
    economies: String,
    open_follow_ups: usize,
    findings: usize,
}

#[derive(Template)]
#[template(path = "events/events.html")]
struct EventsPage<'a> {
    page: Page<'a>,
    events: Vec<EventRow>,
    can_record: bool,
}

fn kind_label(s: &AppState, k: &str) -> String {
    s.i18n.t(&format!("event-kind-{k}"))
}

async fn list(State(s): State<AppState>, auth: SignedIn) -> UiResult {
    let p = auth.0.principal.clone();
    let mauth = MaybeAuth(Some(auth.0));
    let events = s.app.events(&p).await.back("/")?;
    let rows = events
        .iter()
        .map(|e| {
            let b = &e.body;
            EventRow {
                id: e.id.clone(),
                title: b["title"].as_str().unwrap_or("").into(),
                kind: kind_label(&s, b["kind"].as_str().unwrap_or("")),
                date: b["date"].as_str().unwrap_or("").into(),
                economies: crate::ui::text(&b["economies"]),
                open_follow_ups: b["follow_ups"]
                    .as_array()
                    .map_or(0, |a| a.iter().filter(|f| f["done"].as_bool() != Some(true)).count()),
                findings: b["findings"].as_array().map_or(0, Vec::len),
            }
        })
        .collect();
    Ok(render(EventsPage {
        page: page(&s, &mauth),
        events: rows,
        can_record: p.may(Action::Write, p.economy.as_deref()),
    }))
}

#[derive(Template)]
#[template(path = "events/event_edit.html")]
struct EditPage<'a> {
    page: Page<'a>,
    title: String,
    action: String,
    version: i64,
    v: FormValues,
    kinds: Vec<(String, String)>,
    economies: Vec<(String, String)>,
    institutions: Vec<(String, String)>,
    /// Where a finding was made: the six economies and the region.
    finding_places: Vec<(String, String)>,
    /// Stages and themes a finding is about, by label.
    stages: Vec<(String, String)>,
    problems: Vec<String>,
}

async fn edit_page(
    s: &AppState,
    mauth: &MaybeAuth,
    title: String,
    action: String,
    version: i64,
    v: FormValues,
    problems: Vec<String>,
) -> Response {
    let institutions = s
        .app
        .list(&mauth.reader(), Kind::Institution, &Default::default())
        .await
        .unwrap_or_default()
        .into_iter()
        .filter(|r| r.owner.as_deref().is_some_and(|o| s.vocab().is_economy(o)))
        .map(|r| {
            let label = format!(
                "{} — {}",
                r.owner.clone().unwrap_or_default(),
                crate::ui::text(&r.body["name"])
            );
            (r.id, label)
        })
        .collect();
    let status = if problems.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    (
        status,
        render(EditPage {
            page: page(s, mauth),
            title,
            action,
            version,
            v,
            kinds: EVENT_KINDS.iter().map(|k| (k.to_string(), kind_label(s, k))).collect(),
            economies: crate::ui::economy_choices(s),
            institutions,
            finding_places: crate::ui::economy_choices(s)
                .into_iter()
                .chain(std::iter::once((
                    pathways_app::domain::vocab::REGION.to_string(),
                    s.i18n.t("opt-region"),
                )))
                .collect(),
            stages: s
                .vocab()
                .stages
                .iter()
                .map(|st| (st.code.clone(), st.label.clone()))
                .collect(),
            problems,
        }),
    )
        .into_response()
}

async fn new_form(State(s): State<AppState>, auth: SignedIn) -> Response {
    let p = auth.0.principal.clone();
    let mauth = MaybeAuth(Some(auth.0));
    let mut v = to_form(&json!({"kind": "national_consultation"}));
    if let Some(e) = &p.economy {
        v.economies = vec![e.clone()];
    }
    edit_page(&s, &mauth, s.i18n.t("event-new"), "/events/new".into(), 0, v, vec![]).await
}

async fn create(State(s): State<AppState>, auth: SignedIn, body: String) -> UiResult {
    let p = auth.0.principal.clone();
    let mauth = MaybeAuth(Some(auth.0));
    let f = pairs(&body);
    let value = from_form(&f);
    Ok(match s.app.create_event(&p, value.clone()).await {
        Ok(e) => Redirect::to(&format!("/events/{}", e.id)).into_response(),
        Err(AppError::Invalid(ps)) => {
            let problems = ps.iter().map(crate::i18n::problem).collect();
            edit_page(
                &s,
                &mauth,
                s.i18n.t("event-new"),
                "/events/new".into(),
                0,
                to_form(&value),
                problems,
            )
            .await
        }
        Err(e) => return fail(e, "/events"),
    })
}

#[derive(Template)]
#[template(path = "events/event.html")]
struct EventPage<'a> {
    page: Page<'a>,
    id: String,
    version: i64,
    e: Event,
    kind: String,
    notes_html: String,
    institutions: Vec<(String, String)>,
    follow_ups: Vec<(String, String, String, bool, bool)>,
    findings: Vec<(String, String, String)>,
    files: Vec<pathways_app::StoredAttachment>,
    can_edit: bool,
}

async fn show(State(s): State<AppState>, auth: SignedIn, Path(id): Path<String>) -> UiResult {
    let p = auth.0.principal.clone();
    let mauth = MaybeAuth(Some(auth.0));
    let (stored, files) = s.app.event(&p, &id).await.back("/events")?;
    let e: Event = match serde_json::from_value(stored.body.clone()) {
        Ok(e) => e,
        Err(err) => return fail(AppError::Internal(err.to_string()), "/events"),
    };
    let today = pathways_app::today();
    let mut institutions = vec![];
    for i in &e.institutions {
        let name = s
            .app
            .get(&mauth.reader(), Kind::Institution, i)
            .await
            .map(|r| crate::ui::text(&r.body["name"]))
            .unwrap_or_else(|_| i.clone());
        institutions.push((i.clone(), name));
    }
    Ok(render(EventPage {
        page: page(&s, &mauth),
        kind: kind_label(&s, &e.kind),
        notes_html: crate::markdown::to_html(&e.notes),
        follow_ups: e
            .follow_ups
            .iter()
            .map(|f| {
                (
                    f.action.clone(),
                    f.owner.clone(),
                    f.due.clone(),
                    f.done,
                    !f.done && f.due < today,
                )
            })
            .collect(),
        findings: e
            .findings
            .iter()
            .map(|f| {
                let stage = s.vocab().stage(&f.stage).map_or(f.stage.clone(), |x| x.label.clone());
                (f.economy.clone(), stage, f.text.clone())
            })
            .collect(),
        institutions,
        can_edit: p.may(Action::Write, stored.owner.as_deref()),
        id: stored.id,
        version: stored.version,
        e,
        files,
    }))
}

async fn edit_form(State(s): State<AppState>, auth: SignedIn, Path(id): Path<String>) -> UiResult {
    let p = auth.0.principal.clone();
    let mauth = MaybeAuth(Some(auth.0));
    let (e, _) = s.app.event(&p, &id).await.back("/events")?;
    Ok(edit_page(
        &s,
        &mauth,
        s.i18n.t("event-edit"),
        format!("/events/{id}/edit"),
        e.version,
        to_form(&e.body),
        vec![],
    )
    .await)
}

async fn save(State(s): State<AppState>, auth: SignedIn, Path(id): Path<String>, body: String) -> UiResult {
    let p = auth.0.principal.clone();
    let mauth = MaybeAuth(Some(auth.0));
    let f = pairs(&body);
    let version: i64 = first(&f, "version").parse().unwrap_or(0);
    let value = from_form(&f);
    Ok(match s.app.update_event(&p, &id, version, value.clone()).await {
        Ok(_) => Redirect::to(&format!("/events/{id}")).into_response(),
        Err(AppError::Invalid(ps)) => {
            let problems = ps.iter().map(crate::i18n::problem).collect();
            edit_page(
                &s,
                &mauth,
                s.i18n.t("event-edit"),
                format!("/events/{id}/edit"),
                version,
                to_form(&value),
                problems,
            )
            .await
        }
        Err(AppError::Conflict { current, .. }) => {
            // Show the current version to edit again, with what this save would have written.
            let mut problems = vec![s.i18n.t("event-conflict")];
            for (k, yours) in value.as_object().into_iter().flatten() {
                let theirs = current.body.get(k).cloned().unwrap_or(Value::Null);
                if *yours != theirs {
                    problems.push(format!(
                        "{k}: {} → {}",
                        crate::ui::text(yours),
                        crate::ui::text(&theirs)
                    ));
                }
            }
            let v = to_form(&current.body);
            (
                StatusCode::CONFLICT,
                edit_page(
                    &s,
                    &mauth,
                    s.i18n.t("event-edit"),
                    format!("/events/{id}/edit"),
                    current.version,
                    v,
                    problems,
                )
                .await,
            )
                .into_response()
        }
        Err(e) => return fail(e, format!("/events/{id}")),
    })
}

async fn delete(State(s): State<AppState>, auth: SignedIn, Path(id): Path<String>, body: String) -> UiResult {
    let p = auth.0.principal.clone();
    let version: i64 = first(&pairs(&body), "version").parse().unwrap_or(0);
    let () = s
        .app
        .delete_event(&p, &id, version)
        .await
        .back(format!("/events/{id}"))?;
    Ok(Redirect::to("/events").into_response())
}

async fn attach(State(s): State<AppState>, auth: SignedIn, Path(id): Path<String>, m: Multipart) -> UiResult {
    let p = auth.0.principal.clone();
    let r = async {
        s.app.may_attach(&p, &id).await?;
        let (name, bytes) = upload(m).await?;
        let ct = mime_guess::from_path(&name).first_or_octet_stream().to_string();
        s.app.add_attachment(&p, &id, &name, &ct, &bytes).await
    }
    .await;
    r.back(format!("/events/{id}"))?;
    Ok(Redirect::to(&format!("/events/{id}")).into_response())
}

async fn download(State(s): State<AppState>, auth: SignedIn, Path(id): Path<String>) -> UiResult {
    let p = auth.0.principal.clone();
    let a = s.app.attachment(&p, &id).await.back("/events")?;
    let name = a.file_name.replace('"', "");
    Ok(crate::ui::download(a.bytes, &a.content_type, &name))
}
