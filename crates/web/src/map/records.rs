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
use crate::AppState;
use crate::auth::MaybeAuth;
use crate::routes::Routes;
use crate::ui::filters;
use crate::ui::{OrBack, Page, UiResult, page, render, text};

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

fn history_rows(h: Vec<AuditEntry>) -> Vec<HistoryRow> {
    h.into_iter()
        .map(|e| {
            let ch = if e.entry.action == "create" {
                vec![]
            } else {
                changes(&e.entry.before, &e.entry.after)
            };
            HistoryRow {
                at: e.at,
                who: e.entry.actor_email,
                action: e.entry.action,
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
    owner: Option<String>,
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
    let fields = match &domain {
        Some(d) => columns_of(kind)
            .iter()
            .zip(to_row(&rec.id, d))
            .filter(|(_, v)| !v.is_empty())
            .map(|(k, v)| (k.to_string(), v))
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
        label: domain.map(|d| d.label()).unwrap_or_else(|| rec.id.clone()),
        owner: rec.owner.clone(),
        id: rec.id.clone(),
        fields,
        version: rec.version,
        updated_at: rec.updated_at.clone(),
        can_edit,
        history: history_rows(history),
        error: None,
    }))
}
