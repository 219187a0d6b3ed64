//! The web crate's integration tests, as one test binary (one link of the whole stack instead of
//! one per file): the router's pages and API per role and economy, sign-in and CSRF, the
//! permission matrix over every route, the security regressions, and each feature's pages.

mod analysis;
mod cache;
mod codes;
mod events;
mod labels;
mod languages;
mod navigation;
mod permissions;
mod roadmap;
mod rounds;
mod router;
mod screening;
mod security;
mod support;
mod users;
