//! Files kept with a case or a verification request, on the web: the API (list, upload as the
//! request's raw body, download) and the desks' upload forms and download link. Who may attach
//! is asked before a byte of the upload is read; a download is never rendered as one of our
//! pages (see `ui::download`).

use std::collections::BTreeMap;

use axum::Json;
use axum::body::Bytes;
use axum::extract::{DefaultBodyLimit, Multipart, Path, Query, State};
use axum::http::{Method, StatusCode};
use axum::response::{IntoResponse, Redirect};
use pathways_app::screening::cases::Channel;
use pathways_app::screening::files::Attached;
use serde_json::{Value, json};
use utoipa_axum::routes;

use crate::AppState;
use crate::auth::Auth;
use crate::error::ApiResult;
use crate::routes::{IdPath, Routes};
use crate::ui::{OrBack, SignedIn, UPLOAD_LIMIT, UiResult, upload};

pub(super) fn routes() -> Routes {
    let limit = |r: axum::routing::MethodRouter<AppState>| r.layer(DefaultBodyLimit::max(UPLOAD_LIMIT));
    Routes::new()
        .api(routes!(case_files))
        .api_with(routes!(attach_to_case), limit)
        .api(routes!(request_files))
        .api_with(routes!(attach_to_request), limit)
        .api(routes!(file))
        .method(
            Method::POST,
            "/screening/cases/{id}/files",
            axum::routing::post(attach_to_case_form).layer(DefaultBodyLimit::max(UPLOAD_LIMIT)),
        )
        .method(
            Method::POST,
            "/screening/requests/{id}/files",
            axum::routing::post(attach_to_request_form).layer(DefaultBodyLimit::max(UPLOAD_LIMIT)),
        )
        .get("/screening/files/{id}", download)
}

/// An API upload: the body is the file, `?file_name=` names it.
async fn keep(
    s: &AppState,
    auth: &Auth,
    to: Attached<'_>,
    params: &BTreeMap<String, String>,
    body: &[u8],
) -> ApiResult {
    let name = params.get("file_name").map_or("file", String::as_str);
    let f = s.app.attach_case_file(&auth.principal, to, name, body).await?;
    Ok((StatusCode::CREATED, Json(json!(f))).into_response())
}

/// A case's files and its requests' (name, type, size, SHA-256), for its case officers; a read
/// of the case, logged.
#[utoipa::path(get, path = "/api/v1/cases/{id}/files", params(IdPath), responses((status = 200, description = "the files, oldest first")))]
async fn case_files(State(s): State<AppState>, auth: Auth, Path(id): Path<String>) -> ApiResult<Json<Value>> {
    let items = s.app.case_file_list(&auth.principal, &id, Channel::Api).await?;
    Ok(Json(json!({"count": items.len(), "items": items})))
}

/// Keep a file with a case: the body is the file (a PDF, PNG or JPEG of at most 10 MB; its
/// type is read from its bytes). `?file_name=` names it.
#[utoipa::path(
    post,
    path = "/api/v1/cases/{id}/files",
    params(IdPath, ("file_name" = Option<String>, Query)),
    request_body(content = Vec<u8>, content_type = "application/octet-stream", description = "the file itself"),
    responses((status = 201, description = "kept, with its SHA-256")),
)]
async fn attach_to_case(
    State(s): State<AppState>,
    auth: Auth,
    Path(id): Path<String>,
    Query(params): Query<BTreeMap<String, String>>,
    body: Bytes,
) -> ApiResult {
    keep(&s, &auth, Attached::Case(&id), &params, &body).await
}

/// The files that go with a verification request, for the liaisons of its country and the
/// officers of its economy.
#[utoipa::path(get, path = "/api/v1/verification-requests/{id}/files", params(IdPath), responses((status = 200, description = "the files, oldest first")))]
async fn request_files(State(s): State<AppState>, auth: Auth, Path(id): Path<String>) -> ApiResult<Json<Value>> {
    let items = s.app.request_files(&auth.principal, &id).await?;
    Ok(Json(json!({"count": items.len(), "items": items})))
}

/// Keep a file with a verification request (the document in question, or the evidence of an
/// answer): as for a case's file. The request's Country of Origin sees it.
#[utoipa::path(
    post,
    path = "/api/v1/verification-requests/{id}/files",
    params(IdPath, ("file_name" = Option<String>, Query)),
    request_body(content = Vec<u8>, content_type = "application/octet-stream", description = "the file itself"),
    responses((status = 201, description = "kept, with its SHA-256")),
)]
async fn attach_to_request(
    State(s): State<AppState>,
    auth: Auth,
    Path(id): Path<String>,
    Query(params): Query<BTreeMap<String, String>>,
    body: Bytes,
) -> ApiResult {
    keep(&s, &auth, Attached::Request(&id), &params, &body).await
}

/// Download a case file (as an attachment, never shown as a page); an officer's download is
/// logged as a read of the case.
#[utoipa::path(get, path = "/api/v1/case-files/{id}", params(IdPath), responses((status = 200, description = "the file")))]
async fn file(State(s): State<AppState>, auth: Auth, Path(id): Path<String>) -> ApiResult {
    let f = s.app.case_file(&auth.principal, &id, Channel::Api).await?;
    Ok(crate::ui::download(f.bytes, &f.content_type, &f.file_name))
}

async fn attach_form(s: &AppState, auth: SignedIn, to: Attached<'_>, m: Multipart, back: String) -> UiResult {
    let p = auth.0.principal;
    let r = async {
        s.app.may_attach_case_file(&p, to).await?;
        let (name, bytes) = upload(m).await?;
        s.app.attach_case_file(&p, to, &name, &bytes).await
    }
    .await;
    r.back(back.clone())?;
    Ok(Redirect::to(&format!("{back}#files")).into_response())
}

async fn attach_to_case_form(
    State(s): State<AppState>,
    auth: SignedIn,
    Path(id): Path<String>,
    m: Multipart,
) -> UiResult {
    attach_form(&s, auth, Attached::Case(&id), m, format!("/screening/cases/{id}")).await
}

async fn attach_to_request_form(
    State(s): State<AppState>,
    auth: SignedIn,
    Path(id): Path<String>,
    m: Multipart,
) -> UiResult {
    attach_form(&s, auth, Attached::Request(&id), m, format!("/screening/requests/{id}")).await
}

async fn download(State(s): State<AppState>, auth: SignedIn, Path(id): Path<String>) -> UiResult {
    let f = s
        .app
        .case_file(&auth.0.principal, &id, Channel::Ui)
        .await
        .back("/screening")?;
    Ok(crate::ui::download(f.bytes, &f.content_type, &f.file_name))
}

/// A file as the desks list it.
pub(super) struct FileRow {
    pub id: String,
    pub name: String,
    pub kind: &'static str,
    pub size: String,
    pub sha256: String,
    /// The case itself, or the request the file goes with.
    pub with: String,
    pub by: String,
    pub at: String,
}

/// The kind of a kept file as a reader names it.
fn kind(content_type: &str) -> &'static str {
    match content_type {
        "application/pdf" => "PDF",
        "image/png" => "PNG",
        "image/jpeg" => "JPEG",
        _ => "file",
    }
}

fn size(bytes: i64) -> String {
    if bytes >= 1_048_576 {
        format!("{:.1} MB", bytes as f64 / 1_048_576.0)
    } else {
        format!("{} kB", (bytes + 1023) / 1024)
    }
}

/// The rows of a file list; `with` names what a file is attached to (by its request's id).
pub(super) fn file_rows(files: &[pathways_app::StoredCaseFile], with: impl Fn(Option<&str>) -> String) -> Vec<FileRow> {
    files
        .iter()
        .map(|f| FileRow {
            id: f.id.clone(),
            name: f.file_name.clone(),
            kind: kind(&f.content_type),
            size: size(f.size),
            sha256: f.sha256.clone(),
            with: with(f.request_id.as_deref()),
            by: f.uploaded_by.clone(),
            at: crate::ui::when(&f.uploaded_at),
        })
        .collect()
}
