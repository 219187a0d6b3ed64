//! Screening of work-permit cases (issue 20): an economy's case officers create, read and work on
//! its cases; nobody else reads a person's data. Every read of a case is logged (who, when, which
//! door); the general audit records that a case changed, never its personal data, since analysts
//! read the audit.
//!
//! `cases` holds the use cases on one case, `verification` the requests to Countries of Origin
//! and their answers, `decisions` the officer's moves, decision and outcomes (`workflow` the one
//! way a case changes state), `checks` the rules run with the registers `registers` loads,
//! `import` the cases of a file (`caseload` the economy's cases in memory for it), `files` the
//! documents kept with cases and requests, `figures` the dashboards and published figures,
//! `retention` purges and exports, `rules` an economy's rules as its officers set them,
//! `identity` the economy's person index and its review queue, `federation` the encoded registers
//! exchanged with other economies and the queries about them, `demo`
//! the synthetic caseload.

mod caseload;
pub mod cases;
mod channel;
pub(crate) mod checks;
pub mod decisions;
mod demo;
pub mod federation;
pub mod figures;
pub mod files;
pub mod identity;
pub mod import;
mod lenient;
pub mod persons;
pub mod registers;
pub mod retention;
pub mod rules;
pub mod training;
pub mod verification;
mod workflow;
pub use demo::CASES_PER_ECONOMY;
