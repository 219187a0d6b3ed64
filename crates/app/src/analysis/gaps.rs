//! A country paper's gaps, in two lists that are never mixed: gaps in policy and practice (a
//! check that is absent or only partial, an indicator scored absent) and gaps in our evidence (a
//! check no source establishes, an indicator without evidence). The second are questions to put
//! to the economy, not findings of absence.

use std::collections::BTreeMap;

use pathways_analysis::Level;
use pathways_analysis::synthesis::Synthesis;
use pathways_reports::model::Section;

use super::blocks::{list_or, t};
use crate::analysis::Analysis;
use crate::map::overview::Profile;
use crate::{App, w};

impl App {
    pub(super) fn gaps(&self, a: &Analysis, profile: &Profile, themes: &BTreeMap<String, Synthesis>) -> Section {
        let name = &profile.summary.display_name;
        let mut policy = vec![];
        let mut evidence = vec![];
        for st in &self.vocab.stages {
            let practice = profile.practices.iter().find(|x| x["stage"] == st.code.as_str());
            let check = practice.map(|x| t(&x["check"])).unwrap_or_default();
            match practice.and_then(|x| x["status"].as_str()) {
                Some("absent") => policy.push(w!(self, "paper-gap-absent", stage = st.label, check = check)),
                Some("partial") => policy.push(w!(self, "paper-gap-partial", stage = st.label, check = check)),
                Some("complete") => {}
                _ => {
                    // Where the evidence was sought without result, as recorded.
                    let looked: Vec<&str> = themes
                        .get(&st.code)
                        .map(|s| s.looked_in.iter().map(String::as_str).collect())
                        .unwrap_or_default();
                    evidence.push(if looked.is_empty() {
                        w!(self, "paper-gap-unknown", stage = st.label)
                    } else {
                        w!(
                            self,
                            "paper-gap-unknown-looked",
                            stage = st.label,
                            looked = looked.join("; ")
                        )
                    });
                }
            }
        }
        if let Some(scores) = a.scores.economies.iter().find(|e| e.economy == profile.summary.code) {
            let of = |want: Option<Level>| -> Vec<String> {
                a.framework
                    .indicators
                    .iter()
                    .filter(|i| scores.indicators.get(&i.code).and_then(|x| x.level) == want)
                    .map(|i| self.question(i).trim_end_matches('?').to_string())
                    .collect()
            };
            let total = a.framework.indicators.len();
            let absent = of(Some(Level::Absent));
            if !absent.is_empty() {
                policy.push(w!(
                    self,
                    "paper-gap-indicators-no",
                    n = absent.len(),
                    total = total,
                    indicators = absent.join("; ")
                ));
            }
            let unknown = of(None);
            if !unknown.is_empty() {
                evidence.push(w!(
                    self,
                    "paper-gap-indicators-unknown",
                    n = unknown.len(),
                    total = total,
                    indicators = unknown.join("; ")
                ));
            }
        }
        Section::new(w!(self, "paper-gaps"))
            .para(w!(self, "paper-gaps-intro", name = name))
            .subsection(
                Section::new(w!(self, "paper-gaps-policy")).block(list_or(policy, &w!(self, "paper-gaps-policy-none"))),
            )
            .subsection(
                Section::new(w!(self, "paper-gaps-evidence"))
                    .block(list_or(evidence, &w!(self, "paper-gaps-evidence-none"))),
            )
    }
}
