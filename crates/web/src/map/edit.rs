//! Forms to create, edit and delete a record, with the conflict page when someone else saved
//! first.

use std::collections::BTreeMap;

use askama::Template;
use axum::Form;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use pathways_app::AppError;
use pathways_app::StoredRecord;
use pathways_app::domain::dataset::{from_fields, header as columns_of, to_row};
use pathways_app::domain::{Action, Kind, Principal, Record};
use serde_json::Value;

use super::api::kind_of;
use super::labels::options;
use crate::AppState;
use crate::auth::{Auth, MaybeAuth};
use crate::routes::Routes;
use crate::ui::{OrBack, Page, SignedIn, UiResult, fail, page, render, text};

pub(super) fn routes() -> Routes {
    Routes::new()
        .get("/{plural}/new", new_form)
        .post("/{plural}/new", create)
        .get("/{plural}/{id}/edit", edit_form)
        .post("/{plural}/{id}/edit", save)
        .post("/{plural}/{id}/delete", delete)
}

enum Input {
    Text,
    Area,
    Number,
    Select(Vec<(String, String)>),
    /// Several codes from a list (stored `;`-separated): a box to tick for each.
    Checks(Vec<(String, String)>),
    /// A date that may be known only to the year or month (a source's date): a year, a month
    /// to choose by name and an optional day, joined into `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
    PartialDate(Vec<(String, String)>),
}

impl Field {
    /// Whether `code` is among the field's `;`-separated values (a ticked box).
    fn has(&self, code: &str) -> bool {
        self.value.split(';').any(|v| v.trim() == code)
    }

    /// The year, month and day of a partial date as the form shows them (blank where not known).
    fn date_part(&self, i: usize) -> &str {
        self.value.split('-').nth(i).unwrap_or("")
    }
}

/// The parts of a partial date, as the form names them (`source_date.year`, …).
const DATE_PARTS: [&str; 3] = ["year", "month", "day"];

/// Joins a partial date's parts into one value: the year, then the month and day as far as they
/// are given. A day without a month, or non-digits, are kept as typed so that the record's own
/// check reports them where the user can see them, never silently dropped.
fn join_date(year: &str, month: &str, day: &str) -> String {
    let (year, month, day) = (year.trim(), month.trim(), day.trim());
    let pad = |v: &str| if v.len() == 1 { format!("0{v}") } else { v.to_string() };
    match (month.is_empty(), day.is_empty()) {
        (true, true) => year.to_string(),
        (false, true) => format!("{year}-{}", pad(month)),
        _ => format!("{year}-{}-{}", pad(month), pad(day)),
    }
}

struct Field {
    name: String,
    label: String,
    input: Input,
    value: String,
    required: bool,
    hint: String,
}

struct ConflictView {
    message: String,
    changes: Vec<(String, String, String)>,
}

#[derive(Template)]
#[template(path = "map/edit.html")]
struct EditPage<'a> {
    page: Page<'a>,
    title: String,
    action: String,
    version: i64,
    fields: Vec<Field>,
    problems: Vec<String>,
    conflict: Option<ConflictView>,
}

const REQUIRED: [&str; 14] = [
    "economy",
    "kind",
    "name",
    "mandate",
    "power",
    "interest",
    "from",
    "to",
    "permit_type",
    "legal_basis",
    "indicator",
    "period",
    "value",
    "check",
];

fn form_fields(
    s: &AppState,
    kind: Kind,
    values: &BTreeMap<String, String>,
    institutions: &[(String, String)],
) -> Vec<Field> {
    columns_of(kind)
        .iter()
        .filter(|c| **c != "id")
        .map(|c| {
            let name = c.to_string();
            let input = if *c == "source_date" {
                Input::PartialDate(
                    (1..=12)
                        .map(|m| (format!("{m:02}"), s.i18n.t(&format!("month-{m}"))))
                        .collect(),
                )
            } else if matches!(
                *c,
                "from" | "to" | "responsible" | "issuing_institution" | "authority" | "operator"
            ) {
                Input::Select(institutions.to_vec())
            } else if let (true, Some(o)) = (*c == "stages", options(s, kind, c)) {
                Input::Checks(o)
            } else if let Some(o) = options(s, kind, c) {
                Input::Select(o)
            } else if matches!(*c, "power" | "interest" | "value") {
                Input::Number
            } else if matches!(
                *c,
                "mandate"
                    | "notes"
                    | "note"
                    | "description"
                    | "content"
                    | "purpose"
                    | "wb6_relevance"
                    | "licensing"
                    | "source"
                    | "looked_in"
                    | "legal_basis"
            ) {
                Input::Area
            } else {
                Input::Text
            };
            let required = REQUIRED.contains(c)
                || matches!(*c, "source" | "source_date" | "confidence")
                || (kind == Kind::Practice && matches!(*c, "stage" | "status"))
                || (kind == Kind::AgencyRegulation && matches!(*c, "scope" | "licensing"))
                || (kind == Kind::CooSystem && matches!(*c, "purpose" | "wb6_relevance"));
            let hint = match *c {
                "stages" => s.i18n.t("hint-stages"),
                "source_date" => s.i18n.t("hint-partial-date"),
                "period" => s.i18n.t("hint-period"),
                "looked_in" => s.i18n.t("hint-looked-in"),
                "power" | "interest" => s.i18n.t("hint-scale"),
                _ => String::new(),
            };
            Field {
                label: s.i18n.t(&format!("field-{c}")),
                value: values.get(&name).cloned().unwrap_or_default(),
                name,
                input,
                required,
                hint,
            }
        })
        .collect()
}

async fn institution_options(s: &AppState, p: &Principal) -> Vec<(String, String)> {
    let f = pathways_app::map::records::ListFilter::default();
    s.app
        .list(p, Kind::Institution, &f)
        .await
        .unwrap_or_default()
        .iter()
        .map(|r| {
            (
                r.id.clone(),
                format!("{} – {}", r.owner.clone().unwrap_or_default(), text(&r.body["name"])),
            )
        })
        .collect()
}

fn values_of(kind: Kind, rec: &StoredRecord) -> BTreeMap<String, String> {
    match Record::from_json(kind, rec.body.clone()) {
        Ok(d) => columns_of(kind)
            .iter()
            .map(|c| c.to_string())
            .zip(to_row(&rec.id, &d))
            .collect(),
        Err(_) => BTreeMap::new(),
    }
}

async fn new_form(
    State(s): State<AppState>,
    SignedIn(auth): SignedIn,
    Path(plural): Path<String>,
    Query(q): Query<BTreeMap<String, String>>,
) -> UiResult {
    let kind = kind_of(&plural).back("/")?;
    // A form nobody could save is not offered: viewers change nothing.
    if !auth.principal.may(Action::Write, auth.principal.economy.as_deref()) {
        return fail(
            AppError::Forbidden("viewers cannot make changes".into()),
            format!("/{plural}"),
        );
    }
    let mut values = BTreeMap::new();
    let economy = q
        .get("economy")
        .cloned()
        .or(auth.principal.economy.clone())
        .unwrap_or_default();
    values.insert("economy".to_string(), economy);
    Ok(new_record_form(&s, &auth, kind, &plural, &values, vec![]).await)
}

/// The form for a new record of `kind`, filled with `values`, with the `problems` it had.
async fn new_record_form(
    s: &AppState,
    auth: &Auth,
    kind: Kind,
    plural: &str,
    values: &BTreeMap<String, String>,
    problems: Vec<String>,
) -> Response {
    let insts = institution_options(s, &auth.principal).await;
    render(EditPage {
        page: page(s, &MaybeAuth(Some(auth.clone()))),
        title: s
            .i18n
            .fmt("new-title", &[("kind", s.i18n.t(&format!("kind-{}", kind.as_str())))]),
        action: format!("/{plural}/new"),
        version: 0,
        fields: form_fields(s, kind, values, &insts),
        problems,
        conflict: None,
    })
}

fn submitted(form: &[(String, String)]) -> (Vec<(String, String)>, i64) {
    let version = form
        .iter()
        .find(|(k, _)| k == "version")
        .and_then(|(_, v)| v.parse().ok())
        .unwrap_or(0);
    // A field sent more than once (the ticked boxes of a list) is one value, `;`-separated.
    let mut fields: Vec<(String, String)> = vec![];
    for (k, v) in form.iter().filter(|(k, _)| k != "csrf_token" && k != "version") {
        match fields.iter_mut().find(|(name, _)| name == k) {
            Some((_, joined)) if !v.is_empty() => {
                if !joined.is_empty() {
                    joined.push(';');
                }
                joined.push_str(v);
            }
            Some(_) => {}
            None => fields.push((k.clone(), v.clone())),
        }
    }
    (join_dates(fields), version)
}

/// Replaces each partial date's parts (`NAME.year`, `NAME.month`, `NAME.day`) by one `NAME`
/// field, where the first part stood.
fn join_dates(fields: Vec<(String, String)>) -> Vec<(String, String)> {
    let part = |fields: &[(String, String)], name: &str, p: &str| {
        let key = format!("{name}.{p}");
        fields
            .iter()
            .find(|(k, _)| *k == key)
            .map(|(_, v)| v.clone())
            .unwrap_or_default()
    };
    let mut out: Vec<(String, String)> = vec![];
    for (k, v) in &fields {
        match k.rsplit_once('.') {
            Some((name, p)) if DATE_PARTS.contains(&p) => {
                if !out.iter().any(|(o, _)| o == name) {
                    let [y, m, d] = DATE_PARTS.map(|p| part(&fields, name, p));
                    out.push((name.to_string(), join_date(&y, &m, &d)));
                }
            }
            _ => out.push((k.clone(), v.clone())),
        }
    }
    out
}

async fn create(
    State(s): State<AppState>,
    SignedIn(auth): SignedIn,
    Path(plural): Path<String>,
    Form(form): Form<Vec<(String, String)>>,
) -> UiResult {
    let kind = kind_of(&plural).back("/")?;
    let (mut fields, _) = submitted(&form);
    fields.push(("id".into(), String::new()));
    let result = match from_fields(kind, &fields) {
        Ok(rec) => s.app.create(&auth.principal, kind, rec.to_json()).await,
        Err(ps) => Err(AppError::Invalid(ps)),
    };
    Ok(match result {
        Ok(r) => Redirect::to(&format!("/{plural}/{}", r.id)).into_response(),
        Err(AppError::Invalid(ps)) => {
            let values: BTreeMap<String, String> = fields.into_iter().collect();
            let problems = ps.iter().map(crate::i18n::problem).collect();
            let form = new_record_form(&s, &auth, kind, &plural, &values, problems).await;
            (StatusCode::UNPROCESSABLE_ENTITY, form).into_response()
        }
        Err(e) => return fail(e, format!("/{plural}")),
    })
}

async fn edit_form(
    State(s): State<AppState>,
    SignedIn(auth): SignedIn,
    Path((plural, id)): Path<(String, String)>,
) -> UiResult {
    let mauth = MaybeAuth(Some(auth.clone()));
    let back = format!("/{plural}/{id}");
    let r = async {
        let kind = kind_of(&plural)?;
        let rec = s.app.get(&auth.principal, kind, &id).await?;
        if !auth.principal.may(Action::Write, rec.owner.as_deref()) {
            return Err(AppError::Forbidden(
                s.i18n
                    .fmt("forbidden-edit", &[("owner", rec.owner.clone().unwrap_or_default())]),
            ));
        }
        Ok((kind, rec))
    }
    .await;
    let (kind, rec) = r.back(&back)?;
    let insts = institution_options(&s, &auth.principal).await;
    Ok(render(EditPage {
        page: page(&s, &mauth),
        title: s.i18n.fmt(
            "edit-title",
            &[(
                "label",
                Record::from_json(kind, rec.body.clone())
                    .map(|d| d.label())
                    .unwrap_or_default(),
            )],
        ),
        action: format!("/{plural}/{id}/edit"),
        version: rec.version,
        fields: form_fields(&s, kind, &values_of(kind, &rec), &insts),
        problems: vec![],
        conflict: None,
    }))
}

async fn save(
    State(s): State<AppState>,
    SignedIn(auth): SignedIn,
    Path((plural, id)): Path<(String, String)>,
    Form(form): Form<Vec<(String, String)>>,
) -> UiResult {
    let mauth = MaybeAuth(Some(auth.clone()));
    let back = format!("/{plural}/{id}");
    let kind = match kind_of(&plural) {
        Ok(k) => k,
        Err(e) => return fail(e, "/"),
    };
    let (mut fields, version) = submitted(&form);
    fields.push(("id".into(), id.clone()));
    let result = match from_fields(kind, &fields) {
        Ok(rec) => {
            let mut patch = rec.to_json();
            // Fields left empty in the form clear the stored value.
            if let (Ok(current), Value::Object(p)) = (s.app.get(&auth.principal, kind, &id).await, &mut patch) {
                if let Value::Object(c) = &current.body {
                    for k in c.keys() {
                        p.entry(k.clone()).or_insert(Value::Null);
                    }
                }
                p.insert("version".into(), Value::from(version));
            }
            s.app.update(&auth.principal, kind, &id, patch).await
        }
        Err(ps) => Err(AppError::Invalid(ps)),
    };
    let values: BTreeMap<String, String> = fields.iter().cloned().collect();
    let insts = institution_options(&s, &auth.principal).await;
    let title = s.i18n.fmt("edit-title", &[("label", id.clone())]);
    Ok(match result {
        Ok(_) => Redirect::to(&format!("{back}#history")).into_response(),
        Err(AppError::Invalid(ps)) => {
            let t = EditPage {
                page: page(&s, &mauth),
                title,
                action: format!("{back}/edit"),
                version,
                fields: form_fields(&s, kind, &values, &insts),
                problems: ps.iter().map(crate::i18n::problem).collect(),
                conflict: None,
            };
            (StatusCode::UNPROCESSABLE_ENTITY, render(t)).into_response()
        }
        Err(e @ AppError::Conflict { .. }) => {
            let message = e.to_string();
            let AppError::Conflict { current, .. } = e else {
                return fail(AppError::Internal("conflict".into()), &back);
            };
            let theirs = values_of(kind, &current);
            let diff = theirs
                .iter()
                .filter(|(k, v)| values.get(*k).is_some_and(|y| y != *v))
                .map(|(k, v)| (k.clone(), v.clone(), values.get(k).cloned().unwrap_or_default()))
                .collect();
            // The form keeps what the user typed and now carries the current version, so saving
            // again is a deliberate overwrite after seeing the other change.
            let t = EditPage {
                page: page(&s, &mauth),
                title,
                action: format!("{back}/edit"),
                version: current.version,
                fields: form_fields(&s, kind, &values, &insts),
                problems: vec![],
                conflict: Some(ConflictView { message, changes: diff }),
            };
            (StatusCode::CONFLICT, render(t)).into_response()
        }
        Err(e) => return fail(e, back),
    })
}

async fn delete(
    State(s): State<AppState>,
    SignedIn(auth): SignedIn,
    Path((plural, id)): Path<(String, String)>,
    Form(form): Form<Vec<(String, String)>>,
) -> UiResult {
    let _mauth = MaybeAuth(Some(auth.clone()));
    let (_, version) = submitted(&form);
    let r = async {
        let kind = kind_of(&plural)?;
        s.app.delete(&auth.principal, kind, &id, version).await
    }
    .await;
    let () = r.back(format!("/{plural}/{id}"))?;
    Ok(Redirect::to(&format!("/{plural}")).into_response())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pairs(v: &[(&str, &str)]) -> Vec<(String, String)> {
        v.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect()
    }

    #[test]
    fn a_source_date_is_joined_to_the_precision_given() {
        let form = |y, m, d| {
            pairs(&[
                ("name", "Agency"),
                ("source_date.year", y),
                ("source_date.month", m),
                ("source_date.day", d),
                ("confidence", "high"),
            ])
        };
        assert_eq!(
            join_dates(form("2024", "", "")),
            pairs(&[("name", "Agency"), ("source_date", "2024"), ("confidence", "high")])
        );
        assert_eq!(join_dates(form("2024", "03", ""))[1].1, "2024-03");
        assert_eq!(join_dates(form("2024", "3", "7"))[1].1, "2024-03-07");
    }

    #[test]
    fn a_day_without_a_month_is_kept_for_the_record_check_to_refuse() {
        let joined = join_dates(pairs(&[("source_date.year", "2024"), ("source_date.day", "7")]));
        assert_eq!(joined, pairs(&[("source_date", "2024--07")]));
        assert!(!pathways_app::domain::provenance::is_partial_date(&joined[0].1));
    }
}
