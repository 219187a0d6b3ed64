//! Administration: the audit log page (admins and analysts) and the user screens (admins).

use std::collections::BTreeMap;

use askama::Template;
use axum::extract::{Query, State};
use pathways_app::AuditQuery;
use pathways_app::domain::Kind;

use crate::AppState;
use crate::auth::MaybeAuth;
use crate::routes::Routes;
use crate::ui::{OrBack, Page, SignedIn, UiResult, page, render};

mod api;
mod users;

pub fn routes() -> Routes {
    Routes::new()
        .get("/audit", audit)
        .merge(users::routes())
        .merge(api::routes())
}

// ---- audit, import ----------------------------------------------------------------------------

struct AuditRow {
    seq: i64,
    at: String,
    actor_email: String,
    action: String,
    entity: String,
    link: Option<String>,
    owner: String,
    note: String,
}

#[derive(Template)]
#[template(path = "admin/audit.html")]
struct AuditPage<'a> {
    page: Page<'a>,
    entries: Vec<AuditRow>,
    economy: String,
    actor: String,
    entity_id: String,
    older: Option<i64>,
    query: String,
}

async fn audit(
    State(s): State<AppState>,
    SignedIn(auth): SignedIn,
    Query(params): Query<BTreeMap<String, String>>,
) -> UiResult {
    let mauth = MaybeAuth(Some(auth.clone()));
    let get = |k: &str| params.get(k).filter(|v| !v.is_empty()).cloned();
    let q = AuditQuery {
        entity_id: get("entity_id"),
        entity_kind: None,
        owner: get("economy").map(|e| e.to_ascii_uppercase()),
        actor_email: get("actor"),
        before_seq: get("before").and_then(|b| b.parse().ok()),
        limit: 100,
    };
    let entries = s.app.audit(&auth.principal, &q).await.back("/")?;
    let older = (entries.len() == 100).then(|| entries.last().map(|e| e.seq)).flatten();
    let rows = entries
        .into_iter()
        .map(|e| AuditRow {
            link: match (&e.entry.entity_kind, &e.entry.entity_id) {
                (Some(k), Some(id)) => Kind::parse(k).map(|k| format!("/{}/{id}", k.plural())),
                _ => None,
            },
            entity: match e.entry.entity_kind.as_deref() {
                Some(k) => format!(
                    "{} {}",
                    s.i18n.t(&format!("audit-kind-{}", k.replace('_', "-"))),
                    e.entry.entity_id.unwrap_or_default()
                ),
                None => e.entry.entity_id.unwrap_or_default(),
            },
            seq: e.seq,
            at: crate::ui::when(&e.at),
            actor_email: e.entry.actor_email,
            action: s.i18n.t(&format!("audit-{}", e.entry.action.replace(['.', '_'], "-"))),
            owner: e.entry.owner.unwrap_or_default(),
            note: e.entry.note.unwrap_or_default(),
        })
        .collect();
    let mut rest = params.clone();
    rest.remove("before");
    Ok(render(AuditPage {
        page: page(&s, &mauth),
        entries: rows,
        economy: q.owner.unwrap_or_default(),
        actor: q.actor_email.unwrap_or_default(),
        entity_id: q.entity_id.unwrap_or_default(),
        older,
        query: serde_urlencoded::to_string(&rest).unwrap_or_default(),
    }))
}
