//! Screening of work-permit cases on the web: the JSON API for now (the case officer's pages
//! follow), with the permissions of the use cases — a case is its economy's case officers'.

mod api;

use crate::routes::Routes;

pub fn routes() -> Routes {
    Routes::new().merge(api::routes())
}
