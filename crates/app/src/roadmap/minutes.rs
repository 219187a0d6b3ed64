//! The minutes of a validation exercise, as a `pathways_reports` model: when and how it was held,
//! who convened it and which delegations took part, the consensus rule, every closed round's
//! aggregates with Kendall's W, and the outcomes — never who rated what.

use std::collections::BTreeMap;

use pathways_domain::Principal;
use pathways_domain::states::{ExercisePart, ExerciseStatus};
use pathways_reports::model::{Document, Section};

use crate::analysis::blocks::table;
use crate::{App, Result};

impl App {
    /// The minutes of a validation exercise: items, rule, every closed round's aggregates and
    /// Kendall's W, and the outcomes. Never who rated what.
    pub async fn exercise_minutes(&self, p: &Principal, id: &str) -> Result<Document> {
        let view = self.exercise(p, id).await?;
        let participants = self.store.read().await?.participants(id).await?;
        let mut per_economy: BTreeMap<String, usize> = BTreeMap::new();
        for x in participants.iter().filter(|x| x.role == ExercisePart::Delegate) {
            *per_economy.entry(x.economy.clone().unwrap_or_default()).or_default() += 1;
        }
        let panel = table(
            "The panel",
            &["Economy", "Delegates"],
            per_economy
                .iter()
                .map(|(e, n)| {
                    vec![
                        self.vocab.economy(e).map_or(e.clone(), |x| x.display_name.clone()),
                        n.to_string(),
                    ]
                })
                .chain(std::iter::once(vec![
                    "Observers".into(),
                    participants
                        .iter()
                        .filter(|x| x.role == ExercisePart::Observer)
                        .count()
                        .to_string(),
                ]))
                .collect(),
            vec!["Ratings are anonymous: these minutes give aggregates only.".into()],
        );
        let mut rounds = Section::new("Rounds");
        for r in &view.rounds {
            let rows = view
                .items
                .iter()
                .filter_map(|i| {
                    r.items.get(&i.id).map(|s| {
                        if s.withheld {
                            let dash = || "–".to_string();
                            return vec![
                                i.text.clone(),
                                s.n.to_string(),
                                dash(),
                                dash(),
                                dash(),
                                dash(),
                                "not enough responses to publish".into(),
                            ];
                        }
                        vec![
                            i.text.clone(),
                            s.n.to_string(),
                            format!("{:.1}", s.median),
                            format!("{:.2}", s.iqr),
                            s.distribution
                                .iter()
                                .map(|n| n.to_string())
                                .collect::<Vec<_>>()
                                .join(" "),
                            format!("{} / {} / {}", s.agree, s.disagree, s.amend),
                            if s.consensus { "consensus" } else { "no consensus" }.into(),
                        ]
                    })
                })
                .collect();
            rounds = rounds.subsection(
                Section::new(format!("Round {}", r.round))
                    .para(format!(
                        "Opened {}, closed {}. {} delegates rated every item; Kendall's W = {}.",
                        r.opened_at.get(..10).unwrap_or(&r.opened_at),
                        r.closed_at.as_deref().and_then(|x| x.get(..10)).unwrap_or("–"),
                        r.raters,
                        r.kendalls_w
                            .map_or("not computable or not published".into(), |w| format!("{w:.3}"))
                    ))
                    .block(table(
                        &format!("Ratings in round {}", r.round),
                        &["Item", "Ratings", "Median", "IQR", "Ratings 1…9", "Agree / disagree / amend", "Result"],
                        rows,
                        vec!["Kendall's W measures how far the delegates rank the items alike (0: no agreement, 1: complete agreement), corrected for ties.".into()],
                    )),
            );
        }
        if view.rounds.is_empty() {
            rounds = rounds.para("No round has closed yet.");
        }
        // When and how the exercise was held, who convened it and which delegations took part:
        // what the minutes of a meeting record, for a meeting held as rounds online.
        // `exercise` has checked that `p` may read it; its row holds who set it up, and when.
        let stored = self.store.read().await?.exercise(&view.id).await?;
        let day = |t: &str| t.get(..10).unwrap_or(t).to_string();
        let held = match (view.rounds.first(), view.rounds.last()) {
            (Some(first), Some(last)) => format!(
                "{} to {}",
                day(&first.opened_at),
                last.closed_at.as_deref().map_or("the round still open".into(), day)
            ),
            _ => "no round has closed yet".into(),
        };
        let delegations: Vec<String> = per_economy
            .keys()
            .map(|e| self.vocab.economy(e).map_or(e.clone(), |x| x.display_name.clone()))
            .collect();
        let absent: Vec<String> = self
            .vocab
            .economies
            .iter()
            .filter(|e| !per_economy.contains_key(&e.code))
            .map(|e| e.display_name.clone())
            .collect();
        let meeting = table(
            "The meeting",
            &["", ""],
            vec![
                vec!["Held".into(), held],
                vec![
                    "Format".into(),
                    format!(
                        "Online, in Pathways: {} round{} of anonymous ratings (Delphi)",
                        view.rounds.len(),
                        if view.rounds.len() == 1 { "" } else { "s" }
                    ),
                ],
                vec![
                    "Convened and chaired by".into(),
                    stored.as_ref().map_or("–".into(), |e| e.created_by.clone()),
                ],
                vec![
                    "Set up on".into(),
                    stored.as_ref().map_or("–".into(), |e| day(&e.created_at)),
                ],
                vec![
                    "Delegations present".into(),
                    if delegations.is_empty() {
                        "none".into()
                    } else {
                        delegations.join(", ")
                    },
                ],
                vec![
                    "Not represented".into(),
                    if absent.is_empty() {
                        "–".into()
                    } else {
                        absent.join(", ")
                    },
                ],
            ],
            vec![],
        );
        let outcomes = Section::new("Outcomes").block(table(
            "Items and their outcome",
            &["Item", "Kind", "Outcome", "Agreed wording", "Round"],
            view.items
                .iter()
                .map(|i| {
                    vec![
                        i.text.clone(),
                        match i.kind.as_str() {
                            "finding" => "Finding".into(),
                            "priority" => "Priority area".into(),
                            other => other.replace('_', " "),
                        },
                        i.outcome.map_or("open", |o| o.as_str()).to_string(),
                        i.final_text.clone().unwrap_or_default(),
                        i.decided_in.map_or("–".into(), |r| r.to_string()),
                    ]
                })
                .collect(),
            vec![],
        ));
        Ok(Document {
            name: format!("minutes-{}", &view.id.get(..8).unwrap_or(&view.id)),
            title: format!("Minutes: {}", view.title),
            subtitle: format!(
                "Validation of the findings and priorities by the delegations of Albania, Bosnia and Herzegovina, Kosovo*, Montenegro, North Macedonia and Serbia{}",
                if view.demo {
                    " · DEMO CONTENT with sample ratings"
                } else {
                    ""
                }
            ),
            draft: view.status != ExerciseStatus::Closed,
            // The minutes speak as of the last round's close, not of the day they are printed.
            date: view
                .rounds
                .iter()
                .filter_map(|r| r.closed_at.as_deref())
                .max()
                .map(day)
                .or_else(|| stored.as_ref().map(|e| day(&e.created_at)))
                .unwrap_or_else(crate::today),
            sections: vec![
                Section::new("The exercise")
                    .block(meeting)
                    .para(format!("Consensus rule: {}.", view.rule))
                    .block(panel),
                rounds,
                outcomes,
            ],
            footnotes: vec![self.vocab.economy("XK").map(|e| e.footnote.clone()).unwrap_or_default()],
            data: vec![],
            labels: Default::default(),
        })
    }
}
