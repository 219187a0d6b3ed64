//! Screening of work-permit cases on the web: the JSON API and the pages of the case officers'
//! and the CoO liaisons' desks, with the permissions of the use cases — a case is its economy's
//! case officers', a request its country's liaisons'.

mod api;
mod federation;
mod files;
mod identity;
mod pages;
mod requests;
mod rules;

use crate::routes::Routes;

pub fn routes() -> Routes {
    Routes::new()
        .merge(api::routes())
        .merge(federation::routes())
        .merge(files::routes())
        .merge(identity::routes())
        .merge(pages::routes())
        .merge(requests::routes())
        .merge(rules::routes())
}
