//! The Documents page: the six country papers and the regional comparative analysis, generated
//! from the current evidence on each request, to read in the browser or download. Signed-in users
//! only while the documents are drafts of work in progress.

use askama::Template;
use axum::extract::{Path, State};
use axum::response::{Html, IntoResponse, Response};
use pathways_app::AppError;

use crate::AppState;
use crate::auth::MaybeAuth;
use crate::i18n::Locale;
use crate::routes::Routes;
use crate::ui::{OrBack, Page, SignedIn, UiResult, page, render};

pub fn routes() -> Routes {
    Routes::new().get("/documents", list).get("/documents/{file}", file)
}

#[derive(Template)]
#[template(path = "documents/documents.html")]
struct DocumentsPage<'a> {
    page: Page<'a>,
    /// File stem, title, and the language it is written in (its own name for itself).
    docs: Vec<(String, String, &'static str)>,
}

async fn list(State(s): State<AppState>, auth: SignedIn) -> Response {
    let mauth = MaybeAuth(Some(auth.0));
    // Each paper in English and in each language of its economy's administration.
    let mut docs = vec![];
    for e in &s.vocab().economies {
        let title = s.i18n.fmt("documents-country", &[("economy", e.display_name.clone())]);
        docs.push((format!("country-{}", e.code), title.clone(), Locale::En.native_name()));
        for l in Locale::of_economy_all(&e.code) {
            docs.push((
                format!("country-{}.{}", e.code, l.tag()),
                title.clone(),
                l.native_name(),
            ));
        }
    }
    // The regional analysis is read by all six delegations: in every locale.
    for l in Locale::ALL {
        let name = match l {
            Locale::En => "regional".to_string(),
            other => format!("regional.{}", other.tag()),
        };
        docs.push((name, s.i18n.t("documents-regional"), l.native_name()));
    }
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
        Some(rest) => match rest.split_once('.') {
            None => s.app.country_paper(&p, rest).await,
            Some((code, tag)) => match Locale::parse(tag).filter(|l| l.tag() == tag) {
                Some(l) => s.app.in_locale(l).country_paper(&p, code).await,
                None => Err(not_found(name)),
            },
        },
        None if name == "regional" => s.app.regional_report(&p).await,
        None => match name
            .strip_prefix("regional.")
            .and_then(|tag| Locale::parse(tag).filter(|l| l.tag() == tag))
        {
            Some(l) => s.app.in_locale(l).regional_report(&p).await,
            None => Err(not_found(name)),
        },
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
