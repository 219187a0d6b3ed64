//! The map of who screens whom: the regional overview and economy profiles, lists of every kind of
//! record with filters and exports, a record's page and history, the forms that change records,
//! imports, and the same records over the JSON API.

mod api;
mod edit;
mod import;
mod labels;
mod lists;
mod overview;
mod records;

pub use api::{filter_fields, kind_of, list_filter};

use crate::routes::Routes;

pub fn routes() -> Routes {
    Routes::new()
        .merge(overview::routes())
        .merge(import::routes())
        .merge(lists::routes())
        .merge(records::routes())
        .merge(edit::routes())
        .merge(api::routes())
}
