//! The static assets compiled into the binary (styles, scripts, the vendored htmx and Swagger UI)
//! and the offline API documentation page.

use axum::extract::Path;
use axum::http::{StatusCode, header};
use axum::response::{Html, IntoResponse, Response};

use crate::routes::Routes;

pub fn routes() -> Routes {
    Routes::new().get("/static/{file}", asset).get("/api/docs", api_docs)
}

// ---- assets -----------------------------------------------------------------------------------

#[derive(rust_embed::RustEmbed)]
#[folder = "static/"]
struct Assets;

async fn asset(Path(file): Path<String>) -> Response {
    match Assets::get(&file) {
        Some(f) => {
            let mime = mime_guess::from_path(&file).first_or_octet_stream().to_string();
            // File names carry versions where they change, so they can be cached for long.
            (
                [
                    (header::CONTENT_TYPE, mime),
                    (header::CACHE_CONTROL, "public, max-age=86400".to_string()),
                ],
                f.data.into_owned(),
            )
                .into_response()
        }
        None => (StatusCode::NOT_FOUND, "not found").into_response(),
    }
}

async fn api_docs() -> Response {
    Html(include_str!("../../static/swagger.html")).into_response()
}
