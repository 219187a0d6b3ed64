//! Verification with the authorities of the Countries of Origin: a case officer asks a country
//! to confirm something about a case (a demand letter, an agency's licence, a clearance, an
//! identity) by a due date; the country's liaison sees the request with an excerpt of the case —
//! the name, date of birth, passport number and agency, nothing else — and answers once:
//! confirmed, not confirmed, or cannot verify; the last answer makes the case ready for decision. A liaison of another country, and everyone but the
//! case's officers and the addressed liaisons, is answered as for an unknown id.

use pathways_domain::case::CaseFields;
use pathways_domain::screening::{CaseState, VerificationOutcome, VerificationSubject};
use pathways_domain::wording::say;
use pathways_domain::{Action, Principal, Role, date};
use pathways_storage::{RequestsBy, StoredRequest};
use serde::Serialize;
use serde_json::json;

use super::workflow::advance;
use crate::map::records::audit;
use crate::notify::Notice;
use crate::{App, AppError, Result, notify};

/// The working days (Monday to Friday) a Country of Origin has to answer when the officer gives
/// no due date. Public holidays differ by country and are not counted out.
pub const DEFAULT_DUE_WORKING_DAYS: u32 = 15;

/// The due date of a request made on `today` (`YYYY-MM-DD`) when its maker gives none.
pub(super) fn default_due(today: &str) -> Result<String> {
    let from = time::Date::parse(today, time::macros::format_description!("[year]-[month]-[day]"))
        .map_err(|e| AppError::Internal(format!("request date {today}: {e}")))?;
    Ok(working_days_after(from, DEFAULT_DUE_WORKING_DAYS))
}

/// The date `n` working days after `from`, `YYYY-MM-DD`.
fn working_days_after(from: time::Date, n: u32) -> String {
    let mut d = from;
    let mut left = n;
    while left > 0 {
        d = d.next_day().unwrap_or(d);
        if !matches!(d.weekday(), time::Weekday::Saturday | time::Weekday::Sunday) {
            left -= 1;
        }
    }
    format!("{:04}-{:02}-{:02}", d.year(), u8::from(d.month()), d.day())
}

/// What those a request is addressed to are told of it.
#[derive(Clone, Copy)]
pub(super) enum Told {
    Asked,
    Overdue,
}

/// A request as its reader sees it: the excerpt, never the case.
#[derive(Debug, Clone, Serialize)]
pub struct RequestView {
    pub id: String,
    /// For the case's officers only; a liaison works from the excerpt.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub case_id: Option<String>,
    pub economy: String,
    pub country: String,
    pub subject: VerificationSubject,
    pub question: String,
    pub excerpt: serde_json::Value,
    pub due: String,
    /// Past its due date without an answer.
    pub overdue: bool,
    pub outcome: Option<String>,
    pub comment: Option<String>,
    pub answered_at: Option<String>,
    pub created_at: String,
    /// A query to another economy's officers (`None`: a request to the Country of Origin).
    pub to_economy: Option<String>,
    /// For the officers a query is addressed to: their record behind the pseudonym (its id and
    /// what it is, in words), when it is still held.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub record: Option<(String, String)>,
}

/// Whether `p` is who a request is addressed to — who reads its excerpt and answers it: its
/// country's liaisons, or, for a query between economies, the asked economy's case officers.
pub(crate) fn addressed_to(p: &Principal, r: &StoredRequest) -> bool {
    match &r.to_economy {
        Some(e) => p.role == Role::CaseOfficer && p.may(Action::Screen, Some(e)),
        None => p.role == Role::CooLiaison && p.may(Action::Verify, Some(&r.country)),
    }
}

fn unknown(kind: &str, id: &str) -> AppError {
    AppError::NotFound {
        kind: kind.into(),
        id: id.into(),
    }
}

/// `today` (`YYYY-MM-DD`) tells whether the request is overdue.
pub(super) fn view(r: StoredRequest, for_officer: bool, today: &str) -> RequestView {
    RequestView {
        overdue: r.outcome.is_none() && r.due.as_str() < today,
        case_id: for_officer.then_some(r.case_id),
        id: r.id,
        economy: r.economy,
        country: r.country,
        subject: r.subject,
        question: r.question,
        excerpt: r.excerpt,
        due: r.due,
        outcome: r.outcome,
        comment: r.comment,
        answered_at: r.answered_at,
        created_at: r.created_at,
        to_economy: r.to_economy,
        record: None,
    }
}

impl App {
    /// A request about case `case_id` to `country`'s authority, by one of the case's officers.
    /// The case moves to "awaiting the CoO" (through screening, when it was only received).
    pub async fn request_verification(
        &self,
        p: &Principal,
        case_id: &str,
        country: &str,
        subject: &str,
        due: Option<&str>,
        question: &str,
    ) -> Result<RequestView> {
        self.make_request(p, case_id, country, subject, due, question, None)
            .await
    }

    /// A request as [`App::request_verification`] makes it, or, for the synthetic demo caseload,
    /// as if made on `made_on` (`YYYY-MM-DD`): its due date then counts from that day and may
    /// have passed, as real overdue requests have.
    #[allow(clippy::too_many_arguments)]
    pub(crate) async fn make_request(
        &self,
        p: &Principal,
        case_id: &str,
        country: &str,
        subject: &str,
        due: Option<&str>,
        question: &str,
        made_on: Option<&str>,
    ) -> Result<RequestView> {
        let mut tx = self.store.write().await?;
        let c = tx.case(case_id).await?.ok_or_else(|| unknown("case", case_id))?;
        if !p.may(Action::Screen, Some(&c.economy)) {
            return Err(unknown("case", case_id));
        }
        let country = country.trim().to_ascii_uppercase();
        if !self.vocab().countries.iter().any(|x| x.code == country) {
            return Err(AppError::invalid(
                "country",
                say("not-vocab-country", &[("code", &country)]),
            ));
        }
        let subject: VerificationSubject = subject
            .parse()
            .map_err(|e: pathways_domain::code::UnknownCode| AppError::invalid("subject", e.to_string()))?;
        let today = made_on.map_or_else(crate::today, str::to_string);
        let due = match due.map(str::trim).filter(|d| !d.is_empty()) {
            Some(d) if !date::is_date(d) => {
                return Err(AppError::invalid("due", say("not-date", &[("value", d)])));
            }
            Some(d) if d < today.as_str() => {
                return Err(AppError::invalid("due", say("date-passed", &[("value", d)])));
            }
            Some(d) => d.to_string(),
            None => default_due(&today)?,
        };
        let fields: CaseFields =
            serde_json::from_value(c.fields.clone()).map_err(|e| AppError::Internal(format!("case {case_id}: {e}")))?;
        // Only what the authority needs to find its record, and the document in question.
        let excerpt = json!({
            "name": fields.name(),
            "date_of_birth": fields.date_of_birth,
            "passport_number": fields.passport_number,
            "nationality": fields.nationality,
            "agency": if fields.coo_agency.is_empty() { fields.local_agency.clone() } else { fields.coo_agency.clone() },
            "employer": if subject == VerificationSubject::DemandLetter { fields.employer.clone() } else { String::new() },
        });
        let r = StoredRequest {
            id: format!("vr_{}", uuid::Uuid::new_v4().simple()),
            case_id: c.id.clone(),
            economy: c.economy.clone(),
            country,
            subject,
            question: question.trim().to_string(),
            excerpt,
            due,
            outcome: None,
            comment: None,
            answered_by: None,
            answered_at: None,
            created_by: p.email.clone(),
            // A back-dated request was sent that morning, but never later than now: a request
            // dated today must not sort above the ones sent after it.
            created_at: {
                let now = pathways_storage::now();
                made_on
                    .map(|d| format!("{d}T09:00:00Z"))
                    .filter(|at| *at < now)
                    .unwrap_or(now)
            },
            to_economy: None,
        };
        tx.insert_request(&r).await?;
        if matches!(c.state, CaseState::Received | CaseState::Screening) {
            advance(&mut tx, &c, CaseState::AwaitingCoo, &p.email).await?;
        }
        if made_on.is_none() {
            self.tell_addressees(&mut tx, &r, Told::Asked).await?;
        }
        tx.append_audit(&pathways_storage::NewAudit {
            after: Some(json!({"request": r.id, "country": r.country, "subject": r.subject.as_str(), "due": r.due})),
            ..audit(p, "case.verification_request", "case", &c.id, Some(&c.economy))
        })
        .await?;
        tx.commit().await?;
        Ok(view(r, true, &crate::today()))
    }

    /// The requests a user works on: a liaison's country's, a case officer's economy's.
    pub async fn verification_requests(&self, p: &Principal) -> Result<Vec<RequestView>> {
        let Some(scope) = p.economy.as_deref() else {
            return Err(AppError::Forbidden(say("refuse-verification", &[])));
        };
        let (by, officer) = match p.role {
            Role::CooLiaison if p.may(Action::Verify, Some(scope)) => (RequestsBy::Country, false),
            Role::CaseOfficer if p.may(Action::Screen, Some(scope)) => (RequestsBy::Economy, true),
            _ => {
                return Err(AppError::Forbidden(say("refuse-verification", &[])));
            }
        };
        let mut tx = self.store.read().await?;
        let rows = tx.requests_where(by, scope).await?;
        let today = crate::today();
        let mut out: Vec<RequestView> = rows.into_iter().map(|r| view(r, officer, &today)).collect();
        if officer {
            // Queries other economies addressed to this one: the excerpt, never their case.
            let asked = tx.requests_where(RequestsBy::ToEconomy, scope).await?;
            out.extend(asked.into_iter().map(|r| view(r, false, &today)));
            out.sort_by(|a, b| b.created_at.cmp(&a.created_at).then_with(|| a.id.cmp(&b.id)));
        }
        Ok(out)
    }

    /// One request, for the liaisons of its country (the excerpt) or the officers of its
    /// economy (with the case's id).
    pub async fn verification_request(&self, p: &Principal, id: &str) -> Result<RequestView> {
        let mut tx = self.store.read().await?;
        let r = tx
            .request(id)
            .await?
            .ok_or_else(|| unknown("verification request", id))?;
        let today = crate::today();
        if p.may(Action::Screen, Some(&r.economy)) {
            return Ok(view(r, true, &today));
        }
        if !addressed_to(p, &r) {
            return Err(unknown("verification request", id));
        }
        // The officers a query asks see their own record behind the pseudonym, to answer.
        let record = match &r.to_economy {
            Some(to) => {
                let pseudonym = r.excerpt["record"].as_str().unwrap_or_default();
                self.queried_record(&mut tx, to, pseudonym).await?
            }
            None => None,
        };
        Ok(RequestView {
            record,
            ..view(r, false, &today)
        })
    }

    /// The requests about one case, for its officers.
    pub async fn case_requests(&self, p: &Principal, case_id: &str) -> Result<Vec<RequestView>> {
        let mut tx = self.store.read().await?;
        let c = tx.case(case_id).await?.ok_or_else(|| unknown("case", case_id))?;
        if !p.may(Action::Screen, Some(&c.economy)) {
            return Err(unknown("case", case_id));
        }
        let rows = tx.requests_where(RequestsBy::Case, case_id).await?;
        let today = crate::today();
        Ok(rows.into_iter().map(|r| view(r, true, &today)).collect())
    }

    /// Reminds the liaisons of every request past its due date, and tells the officer who asked,
    /// at most once a week per request (in the app and by e-mail); returns how many requests were
    /// reminded of. The server runs it
    /// daily.
    pub async fn remind_overdue(&self) -> Result<usize> {
        let today = crate::today();
        let week_ago = (time::OffsetDateTime::now_utc() - time::Duration::days(7))
            .format(&time::format_description::well_known::Rfc3339)
            .map_err(|e| AppError::Internal(e.to_string()))?;
        let mut tx = self.store.write().await?;
        let due = tx.overdue_unreminded(&today, &week_ago).await?;
        for r in &due {
            self.tell_addressees(&mut tx, r, Told::Overdue).await?;
            // The officer who asked is told too: the case waits on the answer.
            self.tell_asker(&mut tx, r, None).await?;
            tx.mark_reminded(&r.id).await?;
        }
        tx.commit().await?;
        Ok(due.len())
    }

    /// Tells those a request is addressed to (the liaisons of its country, or the officers of the
    /// economy a query asks), in the app and by e-mail, that it was made or is overdue.
    pub(super) async fn tell_addressees(
        &self,
        tx: &mut pathways_storage::Tx,
        r: &StoredRequest,
        told: Told,
    ) -> Result<usize> {
        let link = format!("/screening/requests/{}", r.id);
        let with = |key| Notice::new(key).economy("from", &r.economy).text("due", &r.due);
        if let Some(asked) = &r.to_economy {
            let officers = notify::users_of(tx, Role::CaseOfficer, Some(asked)).await?;
            let dice = r.excerpt["dice"].as_f64().unwrap_or_default();
            let (subject, text) = match told {
                Told::Asked => (
                    with("notice-query-subject"),
                    with("notice-query").text("dice", format!("{dice:.2}")),
                ),
                Told::Overdue => (with("notice-query-overdue-subject"), with("notice-query-overdue")),
            };
            return notify::notify_and_mail(self, tx, &officers, &subject, &text, &link).await;
        }
        let liaisons = notify::users_of(tx, Role::CooLiaison, Some(&r.country)).await?;
        let what = |key| with(key).word("what", format!("notice-verify-{}", r.subject.as_str()));
        let (subject, text) = match told {
            Told::Asked => (what("notice-verify-subject"), what("notice-verify")),
            Told::Overdue => (what("notice-verify-overdue-subject"), what("notice-verify-overdue")),
        };
        notify::notify_and_mail(self, tx, &liaisons, &subject, &text, &link).await
    }

    /// Tells the officer who made a request, in the app and by e-mail, that it was answered
    /// (`Some`) or is overdue (`None`), with the case to open.
    async fn tell_asker(
        &self,
        tx: &mut pathways_storage::Tx,
        r: &StoredRequest,
        answered: Option<VerificationOutcome>,
    ) -> Result<()> {
        let Some(asker) = tx.user_by_email(&r.created_by).await? else {
            return Ok(());
        };
        let with = |key| {
            let n = Notice::new(key)
                .text("due", &r.due)
                .word("what", format!("notice-verify-{}", r.subject.as_str()));
            match &r.to_economy {
                Some(e) => n.economy("country", e),
                None => n.country("country", &r.country),
            }
        };
        let (subject, text) = match answered {
            Some(outcome) => {
                let said = format!("notice-outcome-{}", outcome.as_str());
                (
                    with("notice-answered-subject").word("said", said.clone()),
                    with("notice-answered").word("said", said),
                )
            }
            None => (with("notice-unanswered-subject"), with("notice-unanswered")),
        };
        notify::notify_and_mail(
            self,
            tx,
            &[asker],
            &subject,
            &text,
            &format!("/screening/cases/{}", r.case_id),
        )
        .await?;
        Ok(())
    }

    /// The liaison's answer, given once; the officer who asked is told.
    pub async fn answer_verification(
        &self,
        p: &Principal,
        id: &str,
        outcome: &str,
        comment: &str,
    ) -> Result<RequestView> {
        self.answer(p, id, outcome, comment, true).await
    }

    /// An answer, telling the officer who asked when `tell` (the synthetic demo answers tell
    /// nobody).
    pub(crate) async fn answer(
        &self,
        p: &Principal,
        id: &str,
        outcome: &str,
        comment: &str,
        tell: bool,
    ) -> Result<RequestView> {
        let mut tx = self.store.write().await?;
        let r = tx
            .request(id)
            .await?
            .ok_or_else(|| unknown("verification request", id))?;
        if !addressed_to(p, &r) {
            return Err(unknown("verification request", id));
        }
        let outcome: VerificationOutcome = outcome
            .parse()
            .map_err(|e: pathways_domain::code::UnknownCode| AppError::invalid("outcome", e.to_string()))?;
        if !tx
            .answer_request(id, outcome.as_str(), comment.trim(), &p.email)
            .await?
        {
            return Err(AppError::invalid("outcome", say("request-answered", &[])));
        }
        tx.append_audit(&pathways_storage::NewAudit {
            after: Some(json!({"request": id, "outcome": outcome.as_str()})),
            ..audit(p, "case.verification_answer", "case", &r.case_id, Some(&r.economy))
        })
        .await?;
        if tell {
            self.tell_asker(&mut tx, &r, Some(outcome)).await?;
        }
        // The last answer brings the case back to its officers' desk.
        if tx.open_requests(&r.case_id).await? == 0
            && let Some(c) = tx.case(&r.case_id).await?
            && c.state == CaseState::AwaitingCoo
        {
            advance(&mut tx, &c, CaseState::ReadyForDecision, &p.email).await?;
        }
        let r = tx
            .request(id)
            .await?
            .ok_or_else(|| unknown("verification request", id))?;
        tx.commit().await?;
        Ok(view(r, false, &crate::today()))
    }
}

#[cfg(test)]
mod tests {
    use time::macros::date;

    #[test]
    fn fifteen_working_days_skip_three_weekends() {
        // Friday 4 December 2026 + 15 working days = Friday 25 December 2026.
        assert_eq!(super::working_days_after(date!(2026 - 12 - 04), 15), "2026-12-25");
        // From a Saturday, the first working day is the Monday.
        assert_eq!(super::working_days_after(date!(2026 - 12 - 05), 1), "2026-12-07");
    }
}
