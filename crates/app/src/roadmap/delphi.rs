//! The model of a validation exercise: its items, the aggregates of each closed round, the rule
//! items must meet, and the view one participant receives. The statistics here are computed from
//! ratings; who may see which of them is decided in `exercise`.

use std::collections::BTreeMap;

use pathways_analysis::consensus::{ItemStats, Rule, item_stats};
use pathways_domain::states::{ExercisePart, ExerciseStatus, Outcome};
use pathways_storage::{Participant, StoredRating};
use serde::{Deserialize, Serialize};

/// An item put to the delegates: an accepted finding or a priority area.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Item {
    /// `finding:<key>` or `priority:<stage>`.
    pub id: String,
    pub kind: String,
    /// The finding's key or the stage code.
    pub reference: String,
    pub text: String,
    #[serde(default)]
    pub economies: Vec<String>,
    /// Set once decided.
    #[serde(default)]
    pub outcome: Option<Outcome>,
    /// The wording validated (the amended one for `amended`).
    #[serde(default)]
    pub final_text: Option<String>,
    /// The round in which it was decided.
    #[serde(default)]
    pub decided_in: Option<i64>,
}

/// The aggregate of one item in one closed round: what every participant may see.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct ItemRound {
    pub n: usize,
    pub median: f64,
    pub q1: f64,
    pub q3: f64,
    pub iqr: f64,
    /// How many rated 1, 2, …, 9.
    pub distribution: [usize; 9],
    pub agree: usize,
    pub disagree: usize,
    pub amend: usize,
    /// The amendments proposed, without their authors.
    pub amendments: Vec<String>,
    /// The comments made, without their authors.
    pub comments: Vec<String>,
    pub consensus: bool,
    /// Fewer raters than the exercise's minimum panel: only `n` is shown, nothing else.
    #[serde(default)]
    pub withheld: bool,
}

impl ItemRound {
    /// What may be shown of an aggregate of fewer raters than the minimum panel: their number.
    fn withheld(&self) -> ItemRound {
        ItemRound {
            n: self.n,
            median: 0.0,
            q1: 0.0,
            q3: 0.0,
            iqr: 0.0,
            distribution: [0; 9],
            agree: 0,
            disagree: 0,
            amend: 0,
            amendments: vec![],
            comments: vec![],
            consensus: false,
            withheld: true,
        }
    }
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct RoundRecord {
    pub round: i64,
    pub opened_at: String,
    #[serde(default)]
    pub closed_at: Option<String>,
    #[serde(default)]
    pub items: BTreeMap<String, ItemRound>,
    /// Kendall's W over the delegates who rated every item of the round.
    #[serde(default)]
    pub kendalls_w: Option<f64>,
    #[serde(default)]
    pub raters: usize,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct ExerciseBody {
    pub items: Vec<Item>,
    pub min_median: f64,
    pub max_iqr: f64,
    /// The smallest panel whose aggregates and comments are shown.
    #[serde(default = "default_min_panel")]
    pub min_panel: usize,
    /// Whether the analysts may read each delegate's answers (off by default).
    #[serde(default)]
    pub reveal_answers: bool,
    #[serde(default)]
    pub rounds: Vec<RoundRecord>,
    #[serde(default)]
    pub demo: bool,
}

fn default_min_panel() -> usize {
    pathways_analysis::consensus::MIN_PANEL
}

impl ExerciseBody {
    pub fn rule(&self) -> Rule {
        Rule {
            min_median: self.min_median,
            max_iqr: self.max_iqr,
            min_panel: self.min_panel,
        }
    }

    /// The closed rounds as anyone may see them: an item rated by fewer than the minimum panel
    /// shows only how many rated it, and Kendall's W of too small a panel is not shown.
    pub fn published_rounds(&self) -> Vec<RoundRecord> {
        let rule = self.rule();
        self.rounds
            .iter()
            .filter(|r| r.closed_at.is_some())
            .map(|r| RoundRecord {
                items: r
                    .items
                    .iter()
                    .map(|(k, s)| (k.clone(), if rule.publishable(s.n) { s.clone() } else { s.withheld() }))
                    .collect(),
                kendalls_w: r.kendalls_w.filter(|_| rule.publishable(r.raters)),
                ..r.clone()
            })
            .collect()
    }
    pub fn open_items(&self) -> impl Iterator<Item = &Item> {
        self.items.iter().filter(|i| i.outcome.is_none())
    }
}

/// An exercise as one participant may see it.
#[derive(Debug, Clone, Serialize)]
pub struct ExerciseView {
    pub id: String,
    pub title: String,
    pub status: ExerciseStatus,
    pub round: i64,
    pub version: i64,
    pub rule: String,
    pub reveal_answers: bool,
    pub demo: bool,
    pub items: Vec<Item>,
    /// The closed rounds' aggregates (what everyone may see).
    pub rounds: Vec<RoundRecord>,
    /// This user's part: `delegate`, `observer`, `analyst` or none.
    pub my_role: Option<ExercisePart>,
    /// This user's answers in the running round, by item.
    pub my_current: BTreeMap<String, StoredRating>,
    /// This user's answers in the previous round, by item.
    pub my_previous: BTreeMap<String, StoredRating>,
    /// For analysts: every participant and whether they have answered every open item.
    pub participants: Vec<(Participant, bool)>,
    /// Only when the exercise reveals answers, for analysts.
    pub revealed: Vec<StoredRating>,
}

/// The statistics of one item's ratings in one round.
pub fn item_round(ratings: &[&StoredRating], rule: Rule) -> Option<ItemRound> {
    let values: Vec<f64> = ratings.iter().map(|r| r.rating as f64).collect();
    let ItemStats { n, median, q1, q3, iqr } = item_stats(&values)?;
    let mut distribution = [0usize; 9];
    for r in ratings {
        if let Some(slot) = usize::try_from(r.rating - 1).ok().and_then(|i| distribution.get_mut(i)) {
            *slot += 1;
        }
    }
    let count = |s: &str| ratings.iter().filter(|r| r.stance == s).count();
    let mut amendments: Vec<String> = ratings
        .iter()
        .filter(|r| r.stance == "amend" && !r.amendment.trim().is_empty())
        .map(|r| r.amendment.trim().to_string())
        .collect();
    let mut comments: Vec<String> = ratings
        .iter()
        .filter(|r| !r.comment.trim().is_empty())
        .map(|r| r.comment.trim().to_string())
        .collect();
    // Sorted, so that the order does not tell who wrote what.
    amendments.sort();
    comments.sort();
    let stats = ItemStats { n, median, q1, q3, iqr };
    Some(ItemRound {
        n,
        median,
        q1,
        q3,
        iqr,
        distribution,
        agree: count("agree"),
        disagree: count("disagree"),
        amend: count("amend"),
        amendments,
        comments,
        consensus: rule.holds(&stats),
        withheld: false,
    })
}

/// The rule as the reader sees it.
pub fn rule_text(b: &ExerciseBody) -> String {
    format!(
        "validated when the median rating is at least {} and the interquartile range at most {} (ratings 1–9; quartiles interpolated linearly)",
        b.min_median, b.max_iqr
    )
}
