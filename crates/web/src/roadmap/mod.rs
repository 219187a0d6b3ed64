//! The third activity: validation exercises (build, invite, run rounds, rate, remind, decide
//! outcomes, minutes), the roadmap (monitoring dashboard, coverage of the priorities, actions by
//! economy, timeline, drafting from the catalogue, documents), an action's page with its history and
//! the progress form, and the user's notifications; in the browser and over the JSON API. Every page
//! calls the same use cases as the API, so a delegate's page carries only their own answers and the
//! closed rounds' aggregates.

mod actions;
mod api;
mod exercises;

use crate::routes::Routes;

pub fn routes() -> Routes {
    Routes::new()
        .merge(exercises::routes())
        .merge(actions::routes())
        .merge(api::routes())
}
