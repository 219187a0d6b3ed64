//! A country paper's gaps, in two lists that are never mixed: gaps in policy and practice (a
//! check that is absent or only partial, an indicator scored absent) and gaps in our evidence (a
//! check no source establishes, an indicator without evidence). The second are questions to put
//! to the economy, not findings of absence.

use std::collections::BTreeMap;

use pathways_analysis::Level;
use pathways_analysis::synthesis::Synthesis;
use pathways_reports::model::Section;

use super::blocks::{list_or, t};
use crate::App;
use crate::analysis::Analysis;
use crate::map::overview::Profile;

impl App {
    pub(super) fn gaps(&self, a: &Analysis, profile: &Profile, themes: &BTreeMap<String, Synthesis>) -> Section {
        let name = &profile.summary.display_name;
        let mut policy = vec![];
        let mut evidence = vec![];
        for st in &self.vocab.stages {
            let practice = profile.practices.iter().find(|x| x["stage"] == st.code.as_str());
            let check = practice.map(|x| t(&x["check"])).unwrap_or_default();
            match practice.and_then(|x| x["status"].as_str()) {
                Some("absent") => policy.push(format!("{}: {check} — no such check exists.", st.label)),
                Some("partial") => policy.push(format!(
                    "{}: {check} — exists, but limited in law or in practice.",
                    st.label
                )),
                Some("complete") => {}
                _ => {
                    // Where the evidence was sought without result, as recorded.
                    let looked: Vec<&str> = themes
                        .get(&st.code)
                        .map(|s| s.looked_in.iter().map(String::as_str).collect())
                        .unwrap_or_default();
                    evidence.push(format!(
                        "{}: no source establishes whether and how it is checked{}.",
                        st.label,
                        if looked.is_empty() {
                            String::new()
                        } else {
                            format!(" (looked in: {})", looked.join("; "))
                        }
                    ));
                }
            }
        }
        if let Some(scores) = a.scores.economies.iter().find(|e| e.economy == profile.summary.code) {
            let of = |want: Option<Level>| -> Vec<&str> {
                a.framework
                    .indicators
                    .iter()
                    .filter(|i| scores.indicators.get(&i.code).and_then(|x| x.level) == want)
                    .map(|i| i.question.trim_end_matches('?'))
                    .collect()
            };
            let total = a.framework.indicators.len();
            let absent = of(Some(Level::Absent));
            if !absent.is_empty() {
                policy.push(format!(
                    "Indicators answered “no” on the evidence we hold ({} of {total}): {}.",
                    absent.len(),
                    absent.join("; ")
                ));
            }
            let unknown = of(None);
            if !unknown.is_empty() {
                evidence.push(format!(
                    "Indicators without evidence yet ({} of {total}): {}.",
                    unknown.len(),
                    unknown.join("; ")
                ));
            }
        }
        Section::new("Gaps")
            .para(format!(
                "What is missing in {name}, kept in two lists: gaps in policy and practice, which the recommendations answer, and gaps in our evidence, which are questions for the economy's institutions to answer before any conclusion is drawn."
            ))
            .subsection(Section::new("Gaps in policy and practice").block(list_or(
                policy,
                "No check is recorded as absent or partial, and no indicator as absent.",
            )))
            .subsection(Section::new("Gaps in the evidence").block(list_or(
                evidence,
                "Every stage has a source, and every indicator has evidence.",
            )))
    }
}
