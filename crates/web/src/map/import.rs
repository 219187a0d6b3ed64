//! Imports of statistics (SDMX-CSV) and stakeholders (Kumu workbook), all or nothing.

use askama::Template;
use axum::extract::{Multipart, State};
use axum::http::StatusCode;
use axum::response::IntoResponse;
use pathways_app::AppError;

use crate::AppState;
use crate::auth::{Auth, MaybeAuth};
use crate::routes::Routes;
use crate::ui::{OrBack, Page, SignedIn, UiResult, fail, page, render, upload};

pub(super) fn routes() -> Routes {
    Routes::new()
        .get("/import", import_page)
        .post("/import/observations", import_observations)
        .post("/import/stakeholders", import_stakeholders)
}

#[derive(Template)]
#[template(path = "map/import.html")]
struct ImportPage<'a> {
    page: Page<'a>,
    result: Option<String>,
    problems: Vec<String>,
}

async fn import_page(State(s): State<AppState>, SignedIn(auth): SignedIn) -> UiResult {
    pathways_app::map::exchange::may_import(&auth.principal).back("/")?;
    Ok(render(ImportPage {
        page: page(&s, &MaybeAuth(Some(auth))),
        result: None,
        problems: vec![],
    }))
}

async fn import_result(
    s: &AppState,
    auth: Auth,
    r: Result<pathways_app::map::exchange::ImportReport, AppError>,
) -> UiResult {
    let mauth = MaybeAuth(Some(auth));
    Ok(match r {
        Ok(rep) => {
            let msg = s.i18n.fmt(
                "import-done",
                &[
                    ("created", rep.created.to_string()),
                    ("updated", rep.updated.to_string()),
                    ("unchanged", rep.unchanged.to_string()),
                ],
            );
            render(ImportPage {
                page: page(s, &mauth),
                result: Some(msg),
                problems: vec![],
            })
        }
        Err(AppError::Invalid(ps)) => {
            let t = ImportPage {
                page: page(s, &mauth),
                result: None,
                problems: ps.iter().map(crate::i18n::problem).collect(),
            };
            (StatusCode::UNPROCESSABLE_ENTITY, render(t)).into_response()
        }
        Err(e) => return fail(e, "/import"),
    })
}

async fn import_observations(State(s): State<AppState>, SignedIn(auth): SignedIn, m: Multipart) -> UiResult {
    pathways_app::map::exchange::may_import(&auth.principal).back("/import")?;
    let r = match upload(m).await {
        Ok((name, bytes)) => s.app.import_observations(&auth.principal, &name, &bytes).await,
        Err(e) => Err(e),
    };
    import_result(&s, auth, r).await
}

async fn import_stakeholders(State(s): State<AppState>, SignedIn(auth): SignedIn, m: Multipart) -> UiResult {
    pathways_app::map::exchange::may_import(&auth.principal).back("/import")?;
    let r = match upload(m).await {
        Ok((name, bytes)) => s.app.import_kumu(&auth.principal, &name, &bytes).await,
        Err(e) => Err(e),
    };
    import_result(&s, auth, r).await
}
