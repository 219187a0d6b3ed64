//! A record's page: its fields with provenance, and its history.

use std::collections::BTreeMap;

use askama::Template;
use axum::extract::{Path, State};
use pathways_app::AppError;
use pathways_app::AuditEntry;
use pathways_app::domain::dataset::{header as columns_of, to_row};
use pathways_app::domain::{Action, Record};
use serde_json::Value;

use super::api::kind_of;
use super::labels::{self, Labels};
use crate::AppState;
use crate::auth::MaybeAuth;
use crate::i18n::Messages;
use crate::routes::Routes;
use crate::ui::filters;
use crate::ui::{OrBack, Page, UiResult, page, render, text, when};

pub(super) fn routes() -> Routes {
    Routes::new().get("/{plural}/{id}", record)
}

// ---- records ----------------------------------------------------------------------------------

struct HistoryRow {
    at: String,
    who: String,
    action: String,
    version: i64,
    changes: Vec<(String, String, String)>,
    note: Option<String>,
}

/// Flattens a body to `field → text` (provenance fields prefixed), for diffs.
fn flat(v: &Option<Value>) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    if let Some(Value::Object(m)) = v {
        for (k, x) in m {
            if let Value::Object(inner) = x {
                for (k2, y) in inner {
                    out.insert(format!("{k}.{k2}"), text(y));
                }
            } else {
                out.insert(k.clone(), text(x));
            }
        }
    }
    out
}

fn changes(before: &Option<Value>, after: &Option<Value>) -> Vec<(String, String, String)> {
    let (b, a) = (flat(before), flat(after));
    let keys: std::collections::BTreeSet<&String> = b.keys().chain(a.keys()).collect();
    keys.into_iter()
        .filter_map(|k| {
            let (x, y) = (
                b.get(k).cloned().unwrap_or_default(),
                a.get(k).cloned().unwrap_or_default(),
            );
            (x != y).then(|| (k.clone(), x, y))
        })
        .collect()
}

/// The CSV column a flattened body key is shown under (provenance is kept apart in a body).
fn column_of(key: &str) -> &str {
    match key {
        "provenance.date" => "source_date",
        k => k.strip_prefix("provenance.").unwrap_or(k),
    }
}

/// A record's title in words: what `Record::label` says with codes, said with their labels.
fn title(labels: &Labels, tr: &Messages, r: &Record) -> String {
    match r {
        Record::Relationship(x) => format!(
            "{} → {} ({})",
            labels.value("from", &x.from),
            labels.value("to", &x.to),
            labels.value("kind", &x.kind)
        ),
        Record::Observation(x) => format!(
            "{} — {}, {}",
            labels.value("indicator", &x.indicator),
            labels.owner(&x.economy),
            tr.period(&x.period)
        ),
        Record::Practice(x) => format!("{}: {}", labels.value("stage", &x.stage), x.check),
        other => other.label(),
    }
}

fn history_rows(h: Vec<AuditEntry>, tr: &Messages, labels: &Labels) -> Vec<HistoryRow> {
    h.into_iter()
        .map(|e| {
            let ch = if e.entry.action == "create" {
                vec![]
            } else {
                changes(&e.entry.before, &e.entry.after)
                    .into_iter()
                    .map(|(k, b, a)| {
                        let col = column_of(&k);
                        (labels::field(tr, col), labels.value(col, &b), labels.value(col, &a))
                    })
                    .collect()
            };
            let action = match e.entry.action.as_str() {
                "create" | "update" | "delete" => tr.t(&format!("record-{}", e.entry.action)),
                other => other.to_string(),
            };
            HistoryRow {
                at: when(&e.at),
                who: e.entry.actor_email,
                action,
                version: e.entry.version.unwrap_or(0),
                changes: ch,
                note: e.entry.note,
            }
        })
        .collect()
}

#[derive(Template)]
#[template(path = "map/record.html")]
struct RecordPage<'a> {
    page: Page<'a>,
    plural: String,
    kind_title: String,
    id: String,
    label: String,
    /// The owner's name and code.
    owner: Option<(String, String)>,
    fields: Vec<(String, String)>,
    version: i64,
    updated_at: String,
    can_edit: bool,
    history: Vec<HistoryRow>,
    error: Option<String>,
}

async fn record(State(s): State<AppState>, auth: MaybeAuth, Path((plural, id)): Path<(String, String)>) -> UiResult {
    let back = format!("/{plural}");
    let r = async {
        let kind = kind_of(&plural)?;
        let rec = s.app.get(&auth.reader(), kind, &id).await?;
        let history = match &auth.0 {
            Some(a) => s.app.history(&a.principal, kind, &id).await?,
            None => vec![],
        };
        Ok::<_, AppError>((kind, rec, history))
    }
    .await;
    let (kind, rec, history) = r.back(&back)?;
    let domain = Record::from_json(kind, rec.body.clone()).ok();
    let labels = Labels::load(&s, &auth.reader(), kind).await;
    let fields = match &domain {
        Some(d) => columns_of(kind)
            .iter()
            .zip(to_row(&rec.id, d))
            .filter(|(k, v)| !v.is_empty() && **k != "id")
            .map(|(k, v)| (labels::field(&s.i18n, k), labels.value(k, &v)))
            .collect(),
        None => vec![],
    };
    let can_edit = auth
        .0
        .as_ref()
        .is_some_and(|a| a.principal.may(Action::Write, rec.owner.as_deref()));
    Ok(render(RecordPage {
        page: page(&s, &auth),
        kind_title: s.i18n.t(&format!("kind-{}", kind.as_str())),
        plural,
        label: domain
            .map(|d| title(&labels, &s.i18n, &d))
            .unwrap_or_else(|| rec.id.clone()),
        owner: rec.owner.clone().map(|o| (labels.owner(&o), o)),
        id: rec.id.clone(),
        fields,
        version: rec.version,
        updated_at: when(&rec.updated_at),
        can_edit,
        history: history_rows(history, &s.i18n, &labels),
        error: None,
    }))
}
