//! The app crate's integration tests, as one test binary: every use case per role and economy,
//! against an in-memory database — records and their audit, questionnaire rounds, events, the
//! analysis, the documents, validation exercises, the roadmap and the screening of cases.

mod accounts;
mod analysis;
mod documents;
mod events;
mod federation;
mod identity;
mod languages;
mod records;
mod registers;
mod roadmap;
mod rounds;
mod screening;
mod support;
mod work;
