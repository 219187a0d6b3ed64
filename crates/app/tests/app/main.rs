//! The app crate's integration tests, as one test binary: every use case per role and economy,
//! against an in-memory database — records and their audit, questionnaire rounds, events, the
//! analysis, the documents, validation exercises and the roadmap.

mod accounts;
mod analysis;
mod documents;
mod events;
mod records;
mod roadmap;
mod rounds;
mod support;
mod work;
