//! The mapping exercise: questionnaires and rounds (analysts), the round dashboard, the response
//! form that focal points fill in page by page — every change saved at once and the page
//! re-rendered from the server's evaluation (skip logic, calculations, errors) — submission, review
//! with comments per question, and the versions of a response with their differences; in the
//! browser and over the JSON API.
//!
//! Without JavaScript the same pages work as plain forms: a page's Save button posts all its
//! answers and only those that differ from the stored ones are saved.

mod api;
mod dashboard;
mod form;
mod review;
mod view;

use crate::AppState;
use crate::routes::Routes;

pub fn routes() -> Routes {
    Routes::new()
        .merge(dashboard::routes())
        .merge(form::routes())
        .merge(review::routes())
        .merge(api::routes())
}

/// A response's state as the reader's language names it.
fn state_label(s: &AppState, state: impl std::fmt::Display) -> String {
    s.i18n.t(&format!("rstate-{state}"))
}

/// `?form_lang=` of an export: the questionnaire language of the labels, or codes when absent
/// or empty. (Not `lang`, which is the interface's language.)
#[derive(serde::Deserialize, Default)]
struct LangQuery {
    #[serde(rename = "form_lang")]
    lang: Option<String>,
}

impl LangQuery {
    fn lang(&self) -> Option<&str> {
        self.lang.as_deref().filter(|l| !l.is_empty())
    }
}
