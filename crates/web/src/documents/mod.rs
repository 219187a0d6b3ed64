//! The Documents page: the six country papers and the regional comparative analysis, generated
//! from the current evidence on each request, to read in the browser or download. Signed-in users
//! only while the documents are drafts of work in progress.

use askama::Template;
use axum::extract::{Path, State};
use axum::response::{Html, IntoResponse, Response};
use pathways_app::AppError;

use crate::AppState;
use crate::auth::MaybeAuth;
use crate::routes::Routes;
use crate::ui::{OrBack, Page, SignedIn, UiResult, page, render};

pub fn routes() -> Routes {
    Routes::new().get("/documents", list).get("/documents/{file}", file)
}

#[derive(Template)]
#[template(path = "documents/documents.html")]
struct DocumentsPage<'a> {
    page: Page<'a>,
    docs: Vec<(String, String)>,
}

async fn list(State(s): State<AppState>, auth: SignedIn) -> Response {
    let mauth = MaybeAuth(Some(auth.0));
    let mut docs: Vec<(String, String)> = s
        .vocab()
        .economies
        .iter()
        .map(|e| {
            (
                format!("country-{}", e.code),
                format!("{}: country paper", e.display_name),
            )
        })
        .collect();
    docs.push(("regional".into(), s.i18n.t("documents-regional")));
    render(DocumentsPage {
        page: page(&s, &mauth),
        docs,
    })
}

async fn file(State(s): State<AppState>, auth: SignedIn, Path(file): Path<String>) -> UiResult {
    let p = auth.0.principal;
    let not_found = |id: &str| AppError::NotFound {
        kind: "document".into(),
        id: id.into(),
    };
    let (name, _) = file
        .rsplit_once('.')
        .ok_or_else(|| not_found(&file))
        .back("/documents")?;
    let doc = match name.strip_prefix("country-") {
        Some(code) => s.app.country_paper(&p, code).await,
        None if name == "regional" => s.app.regional_report(&p).await,
        None => Err(not_found(name)),
    }
    .back("/documents")?;
    send_document(&s, doc, &file, "/documents").await
}

/// A document in the format its file name asks for (`.html` shown, the others downloaded as
/// `<document name>.<ext>`).
pub(crate) async fn send_document(
    s: &AppState,
    doc: pathways_reports::model::Document,
    file: &str,
    back: &str,
) -> UiResult {
    let ext = file.rsplit_once('.').map_or("", |(_, e)| e);
    let format = pathways_report_pdf::Format::parse(ext)
        .ok_or_else(|| AppError::NotFound {
            kind: "document format".into(),
            id: ext.into(),
        })
        .back(back)?;
    if format == pathways_report_pdf::Format::Html {
        return Ok(Html(pathways_reports::html::render(&doc)).into_response());
    }
    let name = format!("{}.{ext}", doc.name);
    // Laying out a PDF takes the better part of a second: keep it off the async workers.
    let renderer = s.renderer.clone();
    let bytes = tokio::task::spawn_blocking(move || renderer.render(&doc, format))
        .await
        .map_err(|e| AppError::Internal(e.to_string()))
        .and_then(|r| r.map_err(|e| AppError::Internal(e.to_string())))
        .back(back)?;
    Ok(crate::ui::download(bytes, format.mime(), &name))
}
