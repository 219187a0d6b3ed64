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
use crate::ui::{Page, SignedIn, error_page, page, render};

pub fn routes() -> Routes {
    Routes::new().get("/documents", list).get("/documents/{file}", file)
}

#[derive(Template)]
#[template(path = "documents.html")]
struct DocumentsPage<'a> {
    page: Page<'a>,
    docs: Vec<(String, String)>,
}

async fn list(State(s): State<AppState>, auth: SignedIn) -> Response {
    let mauth = MaybeAuth(Some(auth.0));
    let mut docs: Vec<(String, String)> = s
        .app
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

async fn file(State(s): State<AppState>, auth: SignedIn, Path(file): Path<String>) -> Response {
    let p = auth.0.principal.clone();
    let mauth = MaybeAuth(Some(auth.0));
    let Some((name, _)) = file.rsplit_once('.') else {
        return error_page(
            &s,
            &mauth,
            AppError::NotFound {
                kind: "document".into(),
                id: file,
            },
            "/documents",
        );
    };
    let doc = match name.strip_prefix("country-") {
        Some(code) => s.app.country_paper(&p, code).await,
        None if name == "regional" => s.app.regional_report(&p).await,
        None => Err(AppError::NotFound {
            kind: "document".into(),
            id: name.into(),
        }),
    };
    let doc = match doc {
        Ok(d) => d,
        Err(e) => return error_page(&s, &mauth, e, "/documents"),
    };
    send_document(&s, &mauth, doc, &file, "/documents").await
}

/// A document in the format its file name asks for (`.html` shown, the others downloaded as
/// `<document name>.<ext>`).
pub(crate) async fn send_document(
    s: &AppState,
    mauth: &MaybeAuth,
    doc: pathways_reports::model::Document,
    file: &str,
    back: &str,
) -> Response {
    let ext = file.rsplit_once('.').map_or("", |(_, e)| e);
    let Some(format) = pathways_report_pdf::Format::parse(ext) else {
        return error_page(
            s,
            mauth,
            AppError::NotFound {
                kind: "document format".into(),
                id: ext.into(),
            },
            back,
        );
    };
    if format == pathways_report_pdf::Format::Html {
        return Html(pathways_reports::html::render(&doc)).into_response();
    }
    let name = format!("{}.{ext}", doc.name);
    // Laying out a PDF takes the better part of a second: keep it off the async workers.
    let renderer = s.renderer.clone();
    let rendered = tokio::task::spawn_blocking(move || renderer.render(&doc, format)).await;
    match rendered {
        Ok(Ok(bytes)) => crate::rounds_ui::download(bytes, format.mime(), &name),
        Ok(Err(e)) => error_page(s, mauth, AppError::Internal(e.to_string()), back),
        Err(e) => error_page(s, mauth, AppError::Internal(e.to_string()), back),
    }
}
