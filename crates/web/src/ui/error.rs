//! The one error type of UI handlers. A handler returns `UiResult` and uses `?` on any use case:
//! the error becomes the error page a user sees (404, 403, 409, 422 with the problems listed, a
//! sign-in redirect when the session is gone), with the caller's page context and a link back.
//!
//! `IntoResponse` has no access to the state or the caller, so the error travels out of the handler
//! as a response extension and [`render_failures`], a layer every request passes, renders the page.
//! Forms that are re-shown with their problems (422) and the conflict page render themselves: they
//! are answers, not failures.

use std::sync::Arc;

use axum::extract::{Request, State};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use pathways_app::AppError;

use crate::AppState;

/// What a UI handler returns.
pub type UiResult<T = Response> = Result<T, UiError>;

/// A use case's error on its way to the error page, with where the page's "back" link leads.
#[derive(Debug)]
pub struct UiError {
    error: AppError,
    /// `None`: the page the request came from (its path without the last segment).
    back: Option<String>,
}

impl From<AppError> for UiError {
    fn from(error: AppError) -> UiError {
        UiError { error, back: None }
    }
}

/// `result.back("/rounds")?`: fail to the error page with a link to `/rounds`.
pub trait OrBack<T> {
    fn back(self, to: impl Into<String>) -> UiResult<T>;
}

impl<T> OrBack<T> for Result<T, AppError> {
    fn back(self, to: impl Into<String>) -> UiResult<T> {
        self.map_err(|error| UiError {
            error,
            back: Some(to.into()),
        })
    }
}

/// Fails to the error page with a link to `back`: for errors a handler finds itself.
pub fn fail<T>(error: AppError, back: impl Into<String>) -> UiResult<T> {
    Err(error).back(back)
}

/// Carries the error from the handler to [`render_failures`].
#[derive(Clone)]
struct Failed(Arc<UiError>);

impl IntoResponse for UiError {
    fn into_response(self) -> Response {
        let mut r = crate::error::status(&self.error).into_response();
        r.extensions_mut().insert(Failed(Arc::new(self)));
        r
    }
}

/// Where "back" leads when the handler did not say: up one segment from the request's path.
fn parent(path: &str) -> String {
    match path.trim_end_matches('/').rsplit_once('/') {
        Some((up, _)) if !up.is_empty() => up.to_string(),
        _ => "/".to_string(),
    }
}

/// Renders the error page for a UI handler's failure, as the caller would see any page.
pub async fn render_failures(State(s): State<AppState>, req: Request, next: Next) -> Response {
    let headers = req.headers().clone();
    let path = req.uri().path().to_string();
    let mut response = next.run(req).await;
    let Some(Failed(failure)) = response.extensions_mut().remove::<Failed>() else {
        return response;
    };
    let auth = crate::auth::caller(&s, &headers).await;
    let back = failure.back.clone().unwrap_or_else(|| parent(&path));
    super::error_page(&s, &auth, &failure.error, &back)
}

#[cfg(test)]
mod tests {
    use super::parent;

    #[test]
    fn back_leads_up_one_segment() {
        assert_eq!(parent("/rounds/r1/state"), "/rounds/r1");
        assert_eq!(parent("/rounds"), "/");
        assert_eq!(parent("/"), "/");
        assert_eq!(parent("/events/e1/"), "/events");
    }
}
