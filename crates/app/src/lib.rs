//! Use cases of Pathways.
pub mod reference;
