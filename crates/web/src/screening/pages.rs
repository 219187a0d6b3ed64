//! Screening in the browser. A case officer's desk (`/screening`): the economy's cases with
//! filters, the figures per Country of Origin, the registers loaded; a case's page with its
//! checks in words, its requests to Countries of Origin, the moves of its workflow, the decision
//! form (reasons and a note) and what followed. A liaison's desk (`/screening/requests`): the
//! requests addressed to their country, each with its excerpt and the answer form. Everyone else
//! sees the figures, never a person. Every page that shows a case logs the read as a UI read.
//!
//! Page structs (askama) list their fields one a line like every feature's: alike on purpose.

use askama::Template;
use axum::extract::{Multipart, Path, Query, State};
use axum::response::{IntoResponse, Redirect};
use pathways_app::domain::case::CaseFields;
use pathways_app::domain::register::RegisterKind;
use pathways_app::domain::screening::CaseState;
use pathways_app::domain::{Action, Role};
use pathways_app::screening::cases::{CaseQuery, CaseView, Channel};
use pathways_app::screening::decisions::DecisionInput;
use pathways_app::screening::figures::CooFigures;
use pathways_app::screening::verification::RequestView;
use pathways_app::{AppError, RegisterImport};

use super::files::{FileRow, file_rows};
use crate::AppState;
use crate::auth::MaybeAuth;
use crate::routes::Routes;
use crate::ui::{
    OrBack, Page, SignedIn, UiResult, country_choices, country_name, form_get, form_pairs, label, page, render,
};

pub(super) fn routes() -> Routes {
    Routes::new()
        .get("/screening", desk)
        .get("/screening/cases/new", new_case_form)
        .post("/screening/cases/new", create_case)
        .get("/screening/cases/{id}", case_page)
        .post("/screening/cases/{id}/requests", send_request)
        .post("/screening/cases/{id}/state", move_case)
        .post("/screening/cases/{id}/decision", decide)
        .post("/screening/cases/{id}/outcomes", record_outcome)
        .post("/screening/registers", load_register)
}

struct CaseRow {
    id: String,
    name: String,
    nationality: String,
    applied_on: String,
    state: String,
    /// Checks that failed or were flagged, by label.
    concerns: String,
    synthetic: bool,
}

fn row(s: &AppState, c: &CaseView) -> CaseRow {
    CaseRow {
        id: c.id.clone(),
        name: c.fields.name(),
        nationality: country_name(s, &c.fields.nationality),
        applied_on: c.fields.application_date.clone(),
        state: label(s, "case-state", c.state.as_str()),
        concerns: c
            .checks
            .iter()
            .filter(|k| matches!(k.result.as_str(), "fail" | "flag"))
            .map(|k| label(s, "check", &k.code))
            .collect::<Vec<_>>()
            .join(", "),
        synthetic: c.synthetic,
    }
}

pub(super) struct FigureRow {
    pub(super) country: String,
    pub(super) economy: String,
    pub(super) sent: String,
    pub(super) open: String,
    pub(super) overdue: String,
    pub(super) answered: String,
    pub(super) median_days: String,
    pub(super) confirmed: String,
}

pub(super) fn figure_rows(s: &AppState, figures: Vec<CooFigures>) -> Vec<FigureRow> {
    let n = |v: Option<i64>| v.map_or_else(|| s.i18n.t("screening-suppressed"), |x| x.to_string());
    figures
        .into_iter()
        .map(|f| FigureRow {
            economy: f
                .economy
                .as_deref()
                .map(|e| s.vocab().economy(e).map_or(e.to_string(), |x| x.display_name.clone()))
                .unwrap_or_default(),
            country: f.country_label,
            sent: n(f.sent),
            open: n(f.open),
            overdue: n(f.overdue),
            answered: n(f.answered),
            median_days: f.median_answer_days.map_or("–".into(), |d| format!("{d:.1}")),
            confirmed: f.confirmed_share.map_or("–".into(), |d| crate::i18n::percent(d, 0)),
        })
        .collect()
}

#[derive(Template)]
#[template(path = "screening/desk.html")]
struct DeskPage<'a> {
    page: Page<'a>,
    officer: bool,
    cases: Vec<CaseRow>,
    states: Vec<(String, String)>,
    state: String,
    q: String,
    figures: Vec<FigureRow>,
    registers: Vec<(String, String, String, String)>,
    countries: Vec<(String, String)>,
    economy: String,
}

#[derive(serde::Deserialize, Default)]
struct DeskQuery {
    state: Option<String>,
    q: Option<String>,
}

async fn desk(State(s): State<AppState>, auth: SignedIn, Query(dq): Query<DeskQuery>) -> UiResult {
    let p = auth.0.principal.clone();
    if p.role == Role::CooLiaison {
        return Ok(Redirect::to("/screening/requests").into_response());
    }
    let mauth = MaybeAuth(Some(auth.0));
    let officer = p.role == Role::CaseOfficer && p.may(Action::Screen, p.economy.as_deref());
    let (cases, registers) = if officer {
        let q = CaseQuery {
            state: dq.state.clone(),
            q: dq.q.clone(),
            limit: Some(200),
            ..Default::default()
        };
        let cases = s.app.cases(&p, &q, Channel::Ui).await.back("/screening")?;
        let regs: Vec<RegisterImport> = s.app.register_imports(&p).await.back("/")?;
        (
            cases.iter().map(|c| row(&s, c)).collect(),
            regs.into_iter()
                .map(|r| {
                    (
                        label(&s, "register", r.kind.as_str()),
                        r.scope,
                        format!("{} ({} rows)", r.file, r.rows),
                        crate::i18n::timestamp(r.imported_at.get(..10).unwrap_or_default()),
                    )
                })
                .collect(),
        )
    } else {
        (vec![], vec![])
    };
    let figures = figure_rows(&s, s.app.coo_dashboard(&p).await.back("/")?);
    Ok(render(DeskPage {
        page: page(&s, &mauth),
        officer,
        cases,
        states: CaseState::ALL
            .iter()
            .map(|c| (c.as_str().to_string(), label(&s, "case-state", c.as_str())))
            .collect(),
        state: dq.state.unwrap_or_default(),
        q: dq.q.unwrap_or_default(),
        figures,
        registers,
        countries: country_choices(&s),
        economy: p.economy.clone().unwrap_or_default(),
    }))
}

#[derive(Template)]
#[template(path = "screening/case_new.html")]
struct NewCasePage<'a> {
    page: Page<'a>,
    f: CaseFields,
    countries: Vec<(String, String)>,
    problems: Vec<String>,
}

async fn new_case_form(State(s): State<AppState>, auth: SignedIn) -> UiResult {
    let p = auth.0.principal.clone();
    if !(p.role == Role::CaseOfficer && p.may(Action::Screen, p.economy.as_deref())) {
        return Err(AppError::Forbidden("only case officers open cases".into())).back("/screening");
    }
    let mauth = MaybeAuth(Some(auth.0));
    Ok(render(NewCasePage {
        page: page(&s, &mauth),
        f: CaseFields {
            economy: p.economy.clone().unwrap_or_default(),
            ..Default::default()
        },
        countries: country_choices(&s),
        problems: vec![],
    }))
}

fn fields_from(f: &[(String, String)], economy: &str) -> CaseFields {
    let g = |k: &str| form_get(f, k).unwrap_or_default().trim().to_string();
    let mrz: Vec<String> = [g("mrz1"), g("mrz2")].into_iter().filter(|l| !l.is_empty()).collect();
    CaseFields {
        economy: economy.to_string(),
        given_name: g("given_name"),
        surname: g("surname"),
        full_name: g("full_name"),
        date_of_birth: g("date_of_birth"),
        sex: g("sex"),
        nationality: g("nationality"),
        passport_number: g("passport_number"),
        passport_expiry: g("passport_expiry"),
        mrz,
        employer: g("employer"),
        local_agency: g("local_agency"),
        coo_agency: g("coo_agency"),
        pathway: g("pathway"),
        occupation: g("occupation"),
        sector: g("sector"),
        contract_start: g("contract_start"),
        contract_end: g("contract_end"),
        application_date: g("application_date"),
        set_aside: Default::default(),
    }
}

async fn create_case(State(s): State<AppState>, auth: SignedIn, body: String) -> UiResult {
    let p = auth.0.principal.clone();
    let mauth = MaybeAuth(Some(auth.0));
    let f = form_pairs(&body);
    let fields = fields_from(&f, p.economy.as_deref().unwrap_or_default());
    match s.app.create_case(&p, fields.clone(), false).await {
        Ok(c) => Ok(Redirect::to(&format!("/screening/cases/{}", c.id)).into_response()),
        Err(AppError::Invalid(ps)) => Ok((
            axum::http::StatusCode::UNPROCESSABLE_ENTITY,
            render(NewCasePage {
                page: page(&s, &mauth),
                f: fields,
                countries: country_choices(&s),
                problems: ps.iter().map(crate::i18n::problem).collect(),
            }),
        )
            .into_response()),
        Err(e) => Err(e).back("/screening"),
    }
}

struct CheckRow {
    label: String,
    result: String,
    /// `pass`, `flag`, `fail` or `pending`: the CSS class that colours the result.
    class: String,
    explanation: String,
    rules_version: String,
}

pub(super) struct RequestRow {
    pub(super) id: String,
    pub(super) country: String,
    pub(super) subject: String,
    pub(super) due: String,
    pub(super) overdue: bool,
    pub(super) outcome: String,
    pub(super) comment: String,
}

pub(super) fn request_row(s: &AppState, r: &RequestView) -> RequestRow {
    RequestRow {
        id: r.id.clone(),
        // A query between economies is addressed to the economy, not the person's country.
        country: match &r.to_economy {
            Some(e) => s.vocab().economy_name(e).to_string(),
            None => country_name(s, &r.country),
        },
        subject: label(s, "subject", r.subject.as_str()),
        due: r.due.clone(),
        overdue: r.overdue,
        outcome: r
            .outcome
            .as_deref()
            .map_or_else(|| s.i18n.t("screening-awaiting"), |o| label(s, "verification", o)),
        comment: r.comment.clone().unwrap_or_default(),
    }
}

#[derive(Template)]
#[template(path = "screening/case.html")]
struct CasePage<'a> {
    page: Page<'a>,
    /// The day a retention purge removed the person's data; empty if never.
    purged_on: String,
    files: Vec<FileRow>,
    /// Where the upload form posts; empty when no file may be attached.
    attach_to: String,
    id: String,
    version: i64,
    synthetic: bool,
    name: String,
    state: String,
    details: Vec<(String, String)>,
    checks: Vec<CheckRow>,
    requests: Vec<RequestRow>,
    subjects: Vec<(String, String)>,
    countries: Vec<(String, String)>,
    nationality: String,
    moves: Vec<(String, String)>,
    decidable: bool,
    /// Requests are sent until the case is decided.
    can_request: bool,
    decisions: Vec<(String, String)>,
    reasons: Vec<(String, String, String)>,
    decision: Option<(String, String, String, String)>,
    outcomes: Vec<(String, String, String)>,
    outcome_kinds: Vec<(String, String)>,
    can_record_outcome: bool,
    history: Vec<(i64, String, String, String)>,
    identity: super::identity::CaseIdentity,
    abroad: super::federation::CaseAbroad,
}

async fn case_page(State(s): State<AppState>, auth: SignedIn, Path(id): Path<String>) -> UiResult {
    let p = auth.0.principal.clone();
    let mauth = MaybeAuth(Some(auth.0));
    let c = s.app.case(&p, &id, Channel::Ui).await.back("/screening")?;
    let f = &c.fields;
    let t = |k: &str| s.i18n.t(k);
    let mut details = vec![
        (t("case-date-of-birth"), f.date_of_birth.clone()),
        (t("case-sex"), f.sex.clone()),
        (t("case-nationality"), country_name(&s, &f.nationality)),
        (
            t("case-passport"),
            format!("{} ({} {})", f.passport_number, t("case-expires"), f.passport_expiry),
        ),
        (t("case-employer"), f.employer.clone()),
        (t("case-local-agency"), f.local_agency.clone()),
        (t("case-coo-agency"), f.coo_agency.clone()),
        (t("case-occupation"), f.occupation.clone()),
        (t("case-contract"), format!("{} – {}", f.contract_start, f.contract_end)),
        (t("case-application-date"), f.application_date.clone()),
        // What an import could not read, as the file wrote it.
        (
            t("case-set-aside"),
            f.set_aside
                .iter()
                .map(|(field, raw)| format!("{}: “{raw}”", label(&s, "case-field", field)))
                .collect::<Vec<_>>()
                .join("; "),
        ),
    ];
    if f.set_aside.is_empty() {
        details.pop();
    }
    let reasons = s.app.decision_reasons();
    let decision = c.decision.as_ref().map(|d| {
        let codes: Vec<String> = d["reasons"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|r| r.as_str())
            .map(|r| {
                reasons
                    .iter()
                    .find(|x| x.code == r)
                    .map_or(r.to_string(), |x| x.label.clone())
            })
            .collect();
        (
            label(&s, "decision", d["decision"].as_str().unwrap_or_default()),
            codes.join("; "),
            d["note"].as_str().unwrap_or_default().to_string(),
            format!(
                "{}, {}",
                d["by"].as_str().unwrap_or_default(),
                crate::i18n::timestamp(d["at"].as_str().unwrap_or_default().get(..10).unwrap_or_default())
            ),
        )
    });
    let with = |request: Option<&str>| match request.and_then(|r| c.verification_requests.iter().find(|x| x.id == r)) {
        None => t("screening-file-case"),
        Some(r) => s.i18n.fmt(
            "screening-file-request",
            &[
                ("country", country_name(&s, &r.country)),
                ("subject", label(&s, "subject", r.subject.as_str())),
            ],
        ),
    };
    let identity = super::identity::case_identity(&s, &p, &id).await;
    let abroad = super::federation::case_abroad(&s, &p, &id).await;
    Ok(render(CasePage {
        page: page(&s, &mauth),
        purged_on: c
            .purged_at
            .as_deref()
            .and_then(|d| d.get(..10))
            .map(crate::i18n::timestamp)
            .unwrap_or_default(),
        files: file_rows(&c.files, with),
        attach_to: if c.state == CaseState::Closed {
            String::new()
        } else {
            format!("/screening/cases/{}/files", c.id)
        },
        id: c.id.clone(),
        version: c.version,
        synthetic: c.synthetic,
        name: f.name(),
        state: label(&s, "case-state", c.state.as_str()),
        details,
        checks: c
            .checks
            .iter()
            .map(|k| CheckRow {
                label: label(&s, "check", &k.code),
                result: label(&s, "check-result", k.result.as_str()),
                class: k.result.as_str().to_string(),
                explanation: crate::i18n::said(&k.explanation),
                rules_version: k.rules_version.clone(),
            })
            .collect(),
        requests: c.verification_requests.iter().map(|r| request_row(&s, r)).collect(),
        subjects: pathways_app::domain::screening::VerificationSubject::ALL
            .iter()
            .map(|x| (x.as_str().to_string(), label(&s, "subject", x.as_str())))
            .collect(),
        countries: country_choices(&s),
        nationality: f.nationality.clone(),
        moves: CaseState::ALL
            .iter()
            .filter(|to| c.state.may_move_to(**to))
            .map(|to| (to.as_str().to_string(), label(&s, "case-move", to.as_str())))
            .collect(),
        decidable: c.state.decidable(),
        can_request: !matches!(c.state, CaseState::Decided | CaseState::Closed),
        decisions: pathways_app::domain::screening::CaseDecision::ALL
            .iter()
            .map(|d| (d.as_str().to_string(), label(&s, "decision", d.as_str())))
            .collect(),
        reasons: reasons
            .iter()
            .map(|r| {
                let fits: Vec<String> = r.decisions.iter().map(|d| label(&s, "decision", d.as_str())).collect();
                (r.code.clone(), r.label.clone(), fits.join(", "))
            })
            .collect(),
        decision,
        outcomes: c
            .outcomes
            .iter()
            .map(|o| (o.day.clone(), label(&s, "outcome", o.kind.as_str()), o.note.clone()))
            .collect(),
        outcome_kinds: pathways_app::domain::screening::OutcomeKind::ALL
            .iter()
            .map(|k| (k.as_str().to_string(), label(&s, "outcome", k.as_str())))
            .collect(),
        can_record_outcome: matches!(c.state, CaseState::Decided | CaseState::Closed),
        history: c
            .history
            .iter()
            .map(|v| {
                (
                    v.version,
                    label(&s, "case-state", &v.state),
                    v.changed_by.clone(),
                    crate::ui::when(&v.changed_at),
                )
            })
            .collect(),
        identity,
        abroad,
    }))
}

async fn send_request(State(s): State<AppState>, auth: SignedIn, Path(id): Path<String>, body: String) -> UiResult {
    let p = auth.0.principal;
    let f = form_pairs(&body);
    let g = |k: &str| form_get(&f, k).unwrap_or_default().to_string();
    let due = g("due");
    s.app
        .request_verification(
            &p,
            &id,
            &g("country"),
            &g("subject"),
            Some(due.as_str()),
            &g("question"),
        )
        .await
        .back(format!("/screening/cases/{id}"))?;
    Ok(Redirect::to(&format!("/screening/cases/{id}")).into_response())
}

async fn move_case(State(s): State<AppState>, auth: SignedIn, Path(id): Path<String>, body: String) -> UiResult {
    let p = auth.0.principal;
    let f = form_pairs(&body);
    let version = form_get(&f, "version").and_then(|v| v.parse().ok());
    s.app
        .move_case(&p, &id, form_get(&f, "state").unwrap_or_default(), version)
        .await
        .back(format!("/screening/cases/{id}"))?;
    Ok(Redirect::to(&format!("/screening/cases/{id}")).into_response())
}

async fn decide(State(s): State<AppState>, auth: SignedIn, Path(id): Path<String>, body: String) -> UiResult {
    let p = auth.0.principal;
    let f = form_pairs(&body);
    let input = DecisionInput {
        decision: form_get(&f, "decision").unwrap_or_default().to_string(),
        reasons: f
            .iter()
            .filter(|(k, _)| k == "reason")
            .map(|(_, v)| v.clone())
            .collect(),
        note: form_get(&f, "note").unwrap_or_default().to_string(),
        version: form_get(&f, "version").and_then(|v| v.parse().ok()),
    };
    s.app
        .decide(&p, &id, input)
        .await
        .back(format!("/screening/cases/{id}"))?;
    Ok(Redirect::to(&format!("/screening/cases/{id}")).into_response())
}

async fn record_outcome(State(s): State<AppState>, auth: SignedIn, Path(id): Path<String>, body: String) -> UiResult {
    let p = auth.0.principal;
    let f = form_pairs(&body);
    let g = |k: &str| form_get(&f, k).unwrap_or_default();
    s.app
        .record_outcome(&p, &id, g("kind"), g("day"), g("note"))
        .await
        .back(format!("/screening/cases/{id}"))?;
    Ok(Redirect::to(&format!("/screening/cases/{id}")).into_response())
}

/// A register from the desk's upload form: the kind and scope come first in the form, so the
/// caller's right to load it is known before the file is read.
async fn load_register(State(s): State<AppState>, auth: SignedIn, mut m: Multipart) -> UiResult {
    let p = auth.0.principal;
    // Only officers and liaisons load registers: refused before a byte of the form is read.
    if !matches!(p.role, Role::CaseOfficer | Role::CooLiaison) {
        return Err(AppError::Forbidden(
            "registers are loaded by case officers and CoO liaisons".into(),
        ))
        .back("/screening");
    }
    let mut kind = None;
    let mut scope = String::new();
    while let Ok(Some(field)) = m.next_field().await {
        match field.name() {
            Some("kind") => kind = field.text().await.ok(),
            Some("scope") => scope = field.text().await.unwrap_or_default(),
            Some("file") => {
                let kind: RegisterKind = kind
                    .as_deref()
                    .unwrap_or_default()
                    .parse()
                    .map_err(|e: pathways_app::domain::code::UnknownCode| AppError::invalid("kind", e.to_string()))
                    .back("/screening")?;
                pathways_app::screening::registers::may_load(&p, kind, &scope.to_ascii_uppercase())
                    .back("/screening")?;
                let name = field.file_name().unwrap_or("register.csv").to_string();
                let bytes = field
                    .bytes()
                    .await
                    .map_err(|e| AppError::invalid("file", e.to_string()))
                    .back("/screening")?;
                s.app
                    .load_register(&p, kind, &scope, &name, &bytes, false)
                    .await
                    .back("/screening")?;
                return Ok(Redirect::to("/screening").into_response());
            }
            _ => {}
        }
    }
    Err(AppError::invalid(
        "file",
        pathways_app::domain::wording::say("no-file-uploaded", &[]),
    ))
    .back("/screening")
}
