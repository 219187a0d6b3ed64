//! Counts over the screening tables, for the dashboards and the published figures: verification
//! requests per Country of Origin (sent, open, overdue, answered, confirmed, and the days each
//! answer took), and per economy, quarter and nationality the cases, refusals, requests,
//! absconding reports and agencies whose licence failed. Every count here is of rows; who may see
//! which is the application's to say.

use serde::Serialize;

use crate::{RequestsBy, Result, Tx};

/// The requests of one economy to one country.
#[derive(Debug, Clone, Default, PartialEq, Serialize, sqlx::FromRow)]
pub struct RequestCounts {
    pub economy: String,
    pub country: String,
    pub sent: i64,
    pub open: i64,
    pub overdue: i64,
    pub answered: i64,
    pub confirmed: i64,
}

/// What the quarterly counts are broken down by, beside economy and quarter.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CountBy {
    /// The nationality of the case (a request's: the country asked).
    Nationality,
    /// The legal pathway of the case.
    Pathway,
}

/// One count of the quarterly figures: `measure` of `economy` in `quarter` for nationals of
/// `country`, or (counted by pathway) on the pathway `country` names.
#[derive(Debug, Clone, PartialEq, Serialize, sqlx::FromRow)]
pub struct QuarterCount {
    pub economy: String,
    /// `YYYY-Qn`.
    pub quarter: String,
    pub country: String,
    pub measure: String,
    pub n: i64,
}

/// The days one answer took, with where and when the request was made.
#[derive(Debug, Clone, PartialEq, Serialize, sqlx::FromRow)]
pub struct AnswerDays {
    pub economy: String,
    pub country: String,
    pub quarter: String,
    pub days: f64,
}

/// The SQL of a `YYYY-Qn` quarter from an ISO date or timestamp column.
fn quarter(col: &str) -> String {
    format!("substr({col}, 1, 4) || '-Q' || ((CAST(substr({col}, 6, 2) AS INTEGER) + 2) / 3)")
}

impl Tx {
    /// Verification requests (to Countries of Origin) per economy and country, of all or of those `scope` selects; overdue as of
    /// `today`.
    pub async fn request_counts(
        &mut self,
        scope: Option<(RequestsBy, &str)>,
        today: &str,
    ) -> Result<Vec<RequestCounts>> {
        let filter = scope.map_or_else(
            || "WHERE $2 IS NULL".to_string(),
            |(by, _)| format!("WHERE {} = $2", by.column()),
        );
        // Queries between economies are not verification with a Country of Origin.
        let filter = format!("{filter} AND to_economy IS NULL");
        let sql = format!(
            "SELECT economy, country, COUNT(*) AS sent,
                    COUNT(*) FILTER (WHERE outcome IS NULL) AS open,
                    COUNT(*) FILTER (WHERE outcome IS NULL AND due < $1) AS overdue,
                    COUNT(*) FILTER (WHERE outcome IS NOT NULL) AS answered,
                    COUNT(*) FILTER (WHERE outcome = 'confirmed') AS confirmed
             FROM verification_requests {filter} GROUP BY economy, country ORDER BY economy, country"
        );
        Ok(sqlx::query_as(&sql)
            .bind(today)
            .bind(scope.map(|(_, c)| c))
            .fetch_all(&mut *self.tx)
            .await?)
    }

    /// The days each answered request took, in the same scope as [`Tx::request_counts`];
    /// `synthetic` cases counted or not.
    pub async fn answer_days(&mut self, scope: Option<(RequestsBy, &str)>, synthetic: bool) -> Result<Vec<AnswerDays>> {
        let filter = scope.map_or_else(
            || "AND $1 IS NULL".to_string(),
            |(by, _)| format!("AND r.{} = $1", by.column()),
        );
        let sql = format!(
            "SELECT r.economy, r.country, {} AS quarter, {} AS days
             FROM verification_requests r JOIN cases c ON c.id = r.case_id
             WHERE r.outcome IS NOT NULL AND r.to_economy IS NULL AND (c.synthetic = 0 OR $2) {filter}",
            quarter("r.created_at"),
            self.backend.days_between("r.created_at", "r.answered_at"),
        );
        Ok(sqlx::query_as(&sql)
            .bind(scope.map(|(_, c)| c))
            .bind(synthetic)
            .fetch_all(&mut *self.tx)
            .await?)
    }

    /// The quarterly counts per economy and nationality, or per economy and pathway (`by`), of
    /// real cases only unless `synthetic`: `cases` by application date, `refusals` by decision
    /// date (and `refused:<reason>` for each reason refusals gave, a refusal counted under
    /// each), `requests_sent`, `requests_answered` and `requests_overdue` (as of `today`) by
    /// request date, `absconding` by the day it was reported, `agencies_failed` (distinct CoO
    /// agencies whose licence check failed) by application date. The `country` of a row holds
    /// the nationality or the pathway (empty when the case names none).
    pub async fn quarter_counts(&mut self, synthetic: bool, today: &str, by: CountBy) -> Result<Vec<QuarterCount>> {
        // The column a row is counted by: on `cases` itself, or on the case `c` a request or an
        // outcome belongs to; a request's nationality is the country it was sent to.
        let b = self.backend;
        let (own, case, request) = match by {
            CountBy::Nationality => (
                "nationality".to_string(),
                "c.nationality".to_string(),
                "r.country".to_string(),
            ),
            CountBy::Pathway => {
                let pathway = format!("COALESCE({}, '')", b.json_field("c.fields", "'pathway'"));
                (
                    format!("COALESCE({}, '')", b.json_field("fields", "'pathway'")),
                    pathway.clone(),
                    pathway,
                )
            }
        };
        let refused = format!("{} = 'refuse'", b.json_field("decision", "'decision'"));
        let reasons = b.json_elements("cases.decision", Some("'reasons'"), "why");
        let checks = b.json_elements("cases.checks", None, "k");
        let agency = b.json_field("fields", "'coo_agency'");
        let (code, result) = (b.json_field("k.value", "'code'"), b.json_field("k.value", "'result'"));
        let sql = format!(
            "SELECT economy, {q_applied} AS quarter, {own} AS country, 'cases' AS measure, COUNT(*) AS n
               FROM cases WHERE (synthetic = 0 OR $1) AND applied_on <> '' GROUP BY 1, 2, 3
             UNION ALL
             SELECT economy, {q_decided}, {own}, 'refusals', COUNT(*)
               FROM cases WHERE (synthetic = 0 OR $1) AND {refused} GROUP BY 1, 2, 3
             UNION ALL
             SELECT economy, {q_decided}, {own}, 'refused:' || why.value, COUNT(*)
               FROM cases, {reasons}
               WHERE (synthetic = 0 OR $1) AND {refused} GROUP BY 1, 2, 3, 4
             UNION ALL
             SELECT r.economy, {q_asked}, {request}, 'requests_sent', COUNT(*)
               FROM verification_requests r JOIN cases c ON c.id = r.case_id WHERE (c.synthetic = 0 OR $1) GROUP BY 1, 2, 3
             UNION ALL
             SELECT r.economy, {q_asked}, {request}, 'requests_answered', COUNT(*)
               FROM verification_requests r JOIN cases c ON c.id = r.case_id
               WHERE (c.synthetic = 0 OR $1) AND r.outcome IS NOT NULL GROUP BY 1, 2, 3
             UNION ALL
             SELECT r.economy, {q_asked}, {request}, 'requests_overdue', COUNT(*)
               FROM verification_requests r JOIN cases c ON c.id = r.case_id
               WHERE (c.synthetic = 0 OR $1) AND r.outcome IS NULL AND r.due < $2 GROUP BY 1, 2, 3
             UNION ALL
             SELECT o.economy, {q_day}, {case}, 'absconding', COUNT(*)
               FROM case_outcomes o JOIN cases c ON c.id = o.case_id
               WHERE (c.synthetic = 0 OR $1) AND o.kind = 'absconding_reported' GROUP BY 1, 2, 3
             UNION ALL
             SELECT economy, {q_applied}, {own}, 'agencies_failed', COUNT(DISTINCT {agency})
               FROM cases, {checks}
               WHERE (synthetic = 0 OR $1) AND {code} = 'coo_agency_licence'
                 AND {result} = 'fail' GROUP BY 1, 2, 3",
            q_applied = quarter("applied_on"),
            q_decided = quarter(&b.json_field("decision", "'at'")),
            q_asked = quarter("r.created_at"),
            q_day = quarter("o.day"),
        );
        Ok(sqlx::query_as(&sql)
            .bind(synthetic)
            .bind(today)
            .fetch_all(&mut *self.tx)
            .await?)
    }
}
