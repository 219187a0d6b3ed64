//! The comparative analysis: the indicator framework (data in `data/framework/`), the evidence of
//! one economy as the map and the approved questionnaire answers give it, and the scores — per
//! indicator, dimension and economy, each with the trace of the facts that produced it — and the
//! syntheses the documents render (what is known, contested and not known on a theme). Pure:
//! the caller reads the files and the records and hands them over.

pub mod consensus;
pub mod findings;
pub mod framework;
pub mod score;
pub mod synthesis;

pub use framework::{Dimension, Framework, Indicator, Rule, parse_framework};
pub use score::{Evidence, Level, Score, Scores, score, scores};
