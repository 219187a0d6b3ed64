//! The documents of the third activity, as `pathways_reports` models: the joint regional roadmap,
//! a tailored annex per economy and the progress report (the minutes of a validation exercise
//! are in `minutes`).
//! Like the papers, they name the six economies with their display names (Kosovo* with its
//! footnote), and carry a "Draft" mark until the priorities they answer are validated; demo
//! content says so on the cover and in every action.

use std::collections::BTreeMap;

use pathways_domain::Principal;
use pathways_domain::roadmap::{status_label, type_label};
use pathways_domain::vocab::REGION;
use pathways_reports::model::{Block, Document, Section};
use pathways_reports::svg;

use super::timeline::gantt_rows;

use crate::analysis::blocks::table;
use crate::roadmap::{ActionView, Coverage, Dashboard};
use crate::{App, AppError, Result};

const TIMEFRAMES: &str = "Timeframes: short, up to 12 months; medium, up to 24 months; long, beyond 24 months.";
const SCALE: &str = "Status on the completion scale of the Open Government Partnership's Independent Reporting Mechanism: not started, limited, substantial, complete; an action without any report shows its status as drafted.";

/// What every roadmap document is built from, read once for all of them.
struct Basis {
    actions: Vec<ActionView>,
    d: Dashboard,
    c: Context,
    /// Each economy's screening practices: (status, what is checked) by economy and stage.
    practices: BTreeMap<(String, String), (String, String)>,
    /// The day of the newest change to an action or its progress: the roadmap's "as of".
    as_of: String,
}

/// What the documents need besides the actions.
struct Context {
    names: BTreeMap<String, String>,
    alignment: Vec<pathways_domain::roadmap::Alignment>,
    footnote: String,
    demo: bool,
    draft: bool,
}

impl App {
    async fn roadmap_basis(&self, p: &Principal) -> Result<Basis> {
        let (actions, d) = self.roadmap_dashboard(p).await?;
        let c = self.roadmap_context(&actions, &d.coverage).await?;
        let practices = self
            .evidence()
            .await?
            .into_iter()
            .flat_map(|e| {
                let economy = e.economy.clone();
                e.practices
                    .into_iter()
                    .map(move |p| ((economy.clone(), p.stage), (p.status, p.check)))
            })
            .collect();
        let as_of = actions
            .iter()
            .flat_map(|a| [Some(a.updated_at.as_str()), a.last_update.as_deref()])
            .flatten()
            .map(|t| t.get(..10).unwrap_or(t))
            .max()
            .map_or_else(crate::today, str::to_string);
        Ok(Basis {
            actions,
            d,
            c,
            practices,
            as_of,
        })
    }

    async fn roadmap_context(&self, actions: &[ActionView], coverage: &[Coverage]) -> Result<Context> {
        let mut tx = self.store.read().await?;
        let names = tx
            .records(&pathways_storage::RecordQuery {
                kind: "institution".into(),
                ..Default::default()
            })
            .await?
            .into_iter()
            .map(|r| {
                let name = r.body["name"].as_str().unwrap_or(&r.id).to_string();
                (r.id, name)
            })
            .collect();
        Ok(Context {
            names,
            alignment: self.alignment()?,
            footnote: self.vocab.economy("XK").map(|e| e.footnote.clone()).unwrap_or_default(),
            demo: actions.iter().any(|a| a.action.demo),
            draft: coverage.is_empty() || coverage.iter().any(|c| c.standing == "proposed"),
        })
    }

    fn action_section(&self, c: &Context, a: &ActionView) -> Section {
        let x = &a.action;
        let stage = |s: &String| self.vocab.stage(s).map_or(s.clone(), |v| v.label.clone());
        let refs: Vec<String> = x
            .alignment
            .iter()
            .map(|code| {
                c.alignment
                    .iter()
                    .find(|r| &r.code == code)
                    .map_or(code.clone(), |r| format!("{} ({})", r.reference, r.title))
            })
            .collect();
        let mut rows = vec![
            vec!["Type".into(), type_label(&x.kind).into()],
            vec![
                "Scope".into(),
                self.scope_words(&x.scope, "Regional (all six economies)"),
            ],
            vec![
                "Lead institution".into(),
                x.lead
                    .as_ref()
                    .map_or("–".into(), |l| c.names.get(l).cloned().unwrap_or(l.clone())),
            ],
            vec![
                "Partners".into(),
                if x.partners.is_empty() {
                    "–".into()
                } else {
                    x.partners.join("; ")
                },
            ],
            vec![
                "Timeframe".into(),
                format!("{} ({} to {})", a.timeframe, x.start, x.end),
            ],
            vec![
                "Priority areas".into(),
                x.priorities.iter().map(stage).collect::<Vec<_>>().join("; "),
            ],
            vec!["EU alignment".into(), refs.join("; ")],
            vec!["Status".into(), status_label(&x.status).into()],
        ];
        if let Some(from) = &x.from_catalogue {
            rows.push(vec!["Drafted from".into(), format!("catalogue intervention {from}")]);
        }
        let mut s = Section::new(&x.title);
        if x.demo {
            s = s.block(Block::Note {
                text: "Demo content: seeded by `serve --demo` to show the cycle; not an agreed action.".into(),
            });
        }
        s = s.para(&x.rationale).block(table("The action", &["", ""], rows, vec![]));
        if !x.milestones.is_empty() {
            s = s.block(table(
                "Milestones",
                &["Milestone", "Due", "Reached"],
                x.milestones
                    .iter()
                    .map(|m| {
                        vec![
                            m.title.clone(),
                            m.due.clone(),
                            m.done_on.clone().unwrap_or_else(|| {
                                if a.overdue.iter().any(|o| o.title == m.title) {
                                    "overdue".into()
                                } else {
                                    "–".into()
                                }
                            }),
                        ]
                    })
                    .collect(),
                vec![],
            ));
        }
        if !a.indicators.is_empty() {
            s = s.block(table(
                "Indicators",
                &[
                    "Indicator",
                    "Unit",
                    "Baseline",
                    "Target",
                    "Actual",
                    "Source of the actual",
                ],
                a.indicators
                    .iter()
                    .map(|i| {
                        vec![
                            i.indicator.name.clone(),
                            i.indicator.unit.clone(),
                            i.baseline_text(),
                            i.target_text(),
                            i.actual_text(),
                            i.from.clone(),
                        ]
                    })
                    .collect(),
                vec![],
            ));
        }
        s
    }

    fn gantt_of(&self, actions: &[&ActionView], title: &str) -> Block {
        let rows = gantt_rows(actions, |s| self.scope_words(s, "Regional"));
        Block::Figure {
            caption: title.into(),
            svg: svg::gantt(title, &rows, &crate::today()),
            definition: format!(
                "Bars run from each action's start to its end date, labelled with its status; diamonds are milestones (filled when reached); the dashed line is today. {TIMEFRAMES}"
            ),
        }
    }

    fn coverage_block(&self, coverage: &[Coverage], actions: &[ActionView]) -> Block {
        // The same intervention is often drafted for the region and for several economies: one
        // line per title, with the scopes it has.
        let answered = |ids: &[String]| -> String {
            let mut by_title: Vec<(String, Vec<String>)> = vec![];
            for a in actions.iter().filter(|a| ids.contains(&a.id)) {
                match by_title.iter_mut().find(|(t, _)| *t == a.action.title) {
                    Some((_, scopes)) => scopes.push(a.action.scope.clone()),
                    None => by_title.push((a.action.title.clone(), vec![a.action.scope.clone()])),
                }
            }
            by_title
                .iter()
                .map(|(t, scopes)| {
                    let named: Vec<String> = scopes.iter().map(|s| self.scope_words(s, "Regional")).collect();
                    format!("{t} ({})", named.join(", "))
                })
                .collect::<Vec<_>>()
                .join("; ")
        };
        table(
            "Priority areas and the actions that answer them",
            &["Priority area", "Standing", "Actions (scope)"],
            coverage
                .iter()
                .map(|c| {
                    vec![
                        c.label.clone(),
                        c.standing.clone(),
                        if c.actions.is_empty() {
                            "GAP: no action answers this priority yet".into()
                        } else {
                            answered(&c.actions)
                        },
                    ]
                })
                .collect(),
            vec!["“validated” and “amended” priorities were agreed by the delegates in the validation exercise; “proposed” ones await it. Scope: WB6 for a regional action, else the economy's code.".into()],
        )
    }

    fn alignment_annex(&self, c: &Context, actions: &[ActionView]) -> Section {
        Section::new("Annex: EU alignment references").block(table(
            "References the actions are aligned with",
            &[
                "Reference",
                "Instrument",
                "What it asks",
                "Actions",
                "Source",
                "Confidence",
            ],
            c.alignment
                .iter()
                .map(|r| {
                    vec![
                        r.title.clone(),
                        r.reference.clone(),
                        r.summary.clone(),
                        actions
                            .iter()
                            .filter(|a| a.action.alignment.contains(&r.code))
                            .count()
                            .to_string(),
                        r.source.clone(),
                        r.confidence.clone(),
                    ]
                })
                .collect(),
            vec![],
        ))
    }

    fn status_table(&self, d: &Dashboard) -> Block {
        table(
            "Actions by status",
            &["Status", "Actions"],
            d.status_counts
                .iter()
                .map(|(s, n)| vec![status_label(s).into(), n.to_string()])
                .collect(),
            vec![SCALE.into()],
        )
    }

    /// The joint regional roadmap.
    pub async fn roadmap_document(&self, p: &Principal) -> Result<Document> {
        Ok(self.roadmap_of(&self.roadmap_basis(p).await?))
    }

    fn roadmap_of(&self, b: &Basis) -> Document {
        let (actions, d, c) = (&b.actions, &b.d, &b.c);
        let economies: Vec<String> = self.vocab.economies.iter().map(|e| e.display_name.clone()).collect();
        let summary = Section::new("Summary")
            .para(format!(
                "This roadmap sets out {} coordinated actions for {} to improve the screening of third-country workers and cooperation with their Countries of Origin: {} regional and {} for single economies, each aligned with EU law and policy and monitored against indicators.",
                actions.len(),
                economies.join(", "),
                actions.iter().filter(|a| a.action.scope == REGION).count(),
                actions.iter().filter(|a| a.action.scope != REGION).count()
            ))
            .para(format!(
                "{} of {} priority areas are answered by at least one action; {}",
                d.coverage.iter().filter(|x| !x.actions.is_empty()).count(),
                d.coverage.len(),
                if d.coverage.iter().any(|x| x.actions.is_empty()) {
                    "the others are shown as gaps below."
                } else {
                    "none is left without an action."
                }
            ))
            .block(Block::Note {
                text: format!("{TIMEFRAMES} {SCALE}"),
            });
        let priorities = Section::new("Priority areas and coverage").block(self.coverage_block(&d.coverage, actions));
        let all: Vec<&ActionView> = actions.iter().collect();
        let timeline = Section::new("Timeline").block(self.gantt_of(&all, "The roadmap's actions over time"));
        let mut regional = Section::new("Regional actions");
        for a in actions.iter().filter(|a| a.action.scope == REGION) {
            regional = regional.subsection(self.action_section(c, a));
        }
        if regional.subsections.is_empty() {
            regional = regional.para("No regional action yet.");
        }
        let mut by_economy = Section::new("Actions by economy");
        for e in &self.vocab.economies {
            let mut s = Section::new(&e.display_name);
            let mine: Vec<&ActionView> = actions.iter().filter(|a| a.action.scope == e.code).collect();
            if mine.is_empty() {
                s = s.para(format!(
                    "No action specific to {} yet; the regional actions apply.",
                    e.display_name
                ));
            } else {
                s = s.block(table(
                    &format!("Actions of {}", e.display_name),
                    &["Action", "Type", "Lead institution", "Timeframe", "Status"],
                    mine.iter()
                        .map(|a| {
                            vec![
                                a.action.title.clone(),
                                type_label(&a.action.kind).into(),
                                a.action
                                    .lead
                                    .as_ref()
                                    .map_or("–".into(), |l| c.names.get(l).cloned().unwrap_or(l.clone())),
                                format!("{} ({} to {})", a.timeframe, a.action.start, a.action.end),
                                status_label(&a.action.status).into(),
                            ]
                        })
                        .collect(),
                    vec!["Each action is set out in full in the economy's annex.".into()],
                ));
            }
            by_economy = by_economy.subsection(s);
        }
        let monitoring = Section::new("Monitoring").block(self.status_table(d)).block(table(
            "Overdue milestones",
            &["Action", "Milestone", "Due"],
            d.overdue
                .iter()
                .map(|(_, t, m)| vec![t.clone(), m.title.clone(), m.due.clone()])
                .collect(),
            vec![],
        ));
        Document {
            name: "roadmap".into(),
            title: "Joint regional roadmap".into(),
            subtitle: if c.demo {
                "Screening of third-country workers and cooperation with Countries of Origin · DEMO CONTENT seeded to show the cycle".into()
            } else {
                "Screening of third-country workers and cooperation with Countries of Origin in the Western Balkans"
                    .into()
            },
            draft: c.draft || c.demo,
            date: b.as_of.clone(),
            sections: vec![
                summary,
                priorities,
                timeline,
                regional,
                by_economy,
                monitoring,
                self.alignment_annex(c, actions),
            ],
            footnotes: vec![c.footnote.clone()],
            data: vec![],
            labels: Default::default(),
        }
    }

    /// The roadmap tailored to one economy: its own actions in full and the regional ones.
    pub async fn roadmap_annex(&self, p: &Principal, economy: &str) -> Result<Document> {
        let Some(e) = self.vocab.economy(economy) else {
            return Err(AppError::NotFound {
                kind: "economy".into(),
                id: economy.into(),
            });
        };
        Ok(self.annex_of(&self.roadmap_basis(p).await?, e))
    }

    fn annex_of(&self, b: &Basis, e: &pathways_domain::vocab::Economy) -> Document {
        let (actions, c) = (&b.actions, &b.c);
        let economy = e.code.as_str();
        let mine: Vec<&ActionView> = actions.iter().filter(|a| a.action.scope == economy).collect();
        let regional: Vec<&ActionView> = actions.iter().filter(|a| a.action.scope == REGION).collect();
        let mut own = Section::new(format!("Actions of {}", e.display_name));
        for a in &mine {
            own = own.subsection(self.action_section(c, a));
        }
        if mine.is_empty() {
            own = own.para(format!("No action specific to {} yet.", e.display_name));
        }
        let mut reg = Section::new("Regional actions in which it takes part");
        for a in &regional {
            reg = reg.subsection(self.action_section(c, a));
        }
        if regional.is_empty() {
            reg = reg.para("No regional action yet.");
        }
        let both: Vec<&ActionView> = mine.iter().chain(regional.iter()).copied().collect();
        let standing = self.standing_of(b, e);
        Document {
            name: format!("roadmap-{economy}"),
            title: format!("Joint regional roadmap: annex for {}", e.display_name),
            subtitle: if c.demo {
                "Tailored actions, milestones and indicators · DEMO CONTENT".into()
            } else {
                "Tailored actions, milestones and indicators".into()
            },
            draft: c.draft || c.demo,
            date: b.as_of.clone(),
            sections: vec![
                Section::new("Summary")
                    .para(format!(
                        "{} has {} actions of its own and takes part in {} regional actions of the joint roadmap for the six economies (Albania, Bosnia and Herzegovina, Kosovo*, Montenegro, North Macedonia, Serbia).",
                        e.display_name,
                        mine.len(),
                        regional.len()
                    ))
                    .block(Block::Note {
                        text: format!("{TIMEFRAMES} {SCALE}"),
                    }),
                standing,
                Section::new("Timeline").block(self.gantt_of(&both, &format!("Actions concerning {}", e.display_name))),
                own,
                reg,
            ],
            footnotes: vec![c.footnote.clone()],
            data: vec![],
            labels: Default::default(),
        }
    }

    /// Where one economy stands on each of the roadmap's priority areas: its own check today,
    /// and the actions (its own and regional ones) that answer it — so that each annex says what
    /// the roadmap means for that economy, and which of its gaps no action answers yet.
    fn standing_of(&self, b: &Basis, e: &pathways_domain::vocab::Economy) -> Section {
        let mut gaps_without_action = vec![];
        let rows: Vec<Vec<String>> =
            b.d.coverage
                .iter()
                .map(|cov| {
                    let today = match b.practices.get(&(e.code.clone(), cov.stage.clone())) {
                        Some((status, check)) => match status.as_str() {
                            "complete" => format!("in place: {check}"),
                            "partial" => format!("partial: {check}"),
                            "absent" => format!("absent: {check}"),
                            _ => "not established by any source (a gap to verify)".into(),
                        },
                        None => "not established by any source (a gap to verify)".into(),
                    };
                    let answering: Vec<String> = b
                        .actions
                        .iter()
                        .filter(|a| cov.actions.contains(&a.id))
                        .filter(|a| a.action.scope == e.code || a.action.scope == REGION)
                        .map(|a| {
                            format!(
                                "{} ({})",
                                a.action.title,
                                if a.action.scope == REGION { "regional" } else { "own" }
                            )
                        })
                        .collect();
                    if answering.is_empty() && !today.starts_with("in place") {
                        gaps_without_action.push(cov.label.clone());
                    }
                    vec![
                        cov.label.clone(),
                        match cov.standing.as_str() {
                            "validated" => "validated by the delegations".into(),
                            "amended" => "amended by the delegations".into(),
                            _ => "proposed, not yet validated".into(),
                        },
                        today,
                        if answering.is_empty() {
                            "none yet".into()
                        } else {
                            answering.join("; ")
                        },
                    ]
                })
                .collect();
        let mut s = Section::new(format!("Where {} stands", e.display_name));
        if rows.is_empty() {
            return s.para(
                "The roadmap has no priority area yet: the analysis's priorities have not been put to the delegations.",
            );
        }
        s = s.para(if gaps_without_action.is_empty() {
            format!(
                "Every priority area at which {}'s check is not in place is answered by at least one action.",
                e.display_name
            )
        } else {
            format!(
                "At {} the check of {} is not in place and no action of the roadmap answers it yet.",
                gaps_without_action.join(", "),
                e.display_name
            )
        });
        s.block(table(
            &format!("The roadmap's priority areas and {}", e.display_name),
            &[
                "Priority area",
                "Standing",
                &format!("{}'s check today", e.display_name),
                "Actions that answer it",
            ],
            rows,
            vec![
                "The check's status is the one recorded in the map of screening practices, with what is checked."
                    .into(),
            ],
        ))
    }

    /// The progress report: where every action stands, what was reported, and the indicators.
    pub async fn progress_report(&self, p: &Principal) -> Result<Document> {
        let b = self.roadmap_basis(p).await?;
        self.progress_of(&b).await
    }

    async fn progress_of(&self, b: &Basis) -> Result<Document> {
        let (actions, d, c) = (&b.actions, &b.d, &b.c);
        let updates = self.store.read().await?.updates(None).await?;
        let title_of = |id: &str| {
            actions
                .iter()
                .find(|a| a.id == id)
                .map_or(id.to_string(), |a| format!("{} · {}", a.action.scope, a.action.title))
        };
        let reported = Section::new("Progress reported").block(table(
            "Every progress update, oldest first",
            &[
                "Date",
                "Action",
                "Status reached",
                "What was done",
                "Evidence",
                "Reported by",
            ],
            updates
                .iter()
                .map(|u| {
                    vec![
                        u.reported_at.get(..10).unwrap_or(&u.reported_at).to_string(),
                        title_of(&u.action_id),
                        status_label(u.body["status"].as_str().unwrap_or("")).into(),
                        u.body["note"].as_str().unwrap_or("").into(),
                        u.body["evidence"].as_str().unwrap_or("").into(),
                        u.reported_by.clone(),
                    ]
                })
                .collect(),
            vec!["Updates are never edited; a correction is a later update.".into()],
        ));
        let indicators = Section::new("Indicators").block(table(
            "Indicator progress",
            &[
                "Action",
                "Indicator",
                "Baseline",
                "Target",
                "Actual",
                "Progress",
                "Source of the actual",
            ],
            d.indicators.iter().map(|(t, i)| i.row(t).to_vec()).collect(),
            vec!["Progress is the share of the way from baseline to target.".into()],
        ));
        let standing = Section::new("Where the actions stand")
            .block(self.status_table(d))
            .block(table(
                "Actions",
                &["Scope", "Action", "Status", "Last report", "Overdue milestones"],
                actions
                    .iter()
                    .map(|a| {
                        vec![
                            self.scope_words(&a.action.scope, "Regional (all six economies)"),
                            a.action.title.clone(),
                            status_label(&a.action.status).into(),
                            a.last_update
                                .as_deref()
                                .and_then(|x| x.get(..10))
                                .unwrap_or("none")
                                .to_string(),
                            a.overdue
                                .iter()
                                .map(|m| format!("{} ({})", m.title, m.due))
                                .collect::<Vec<_>>()
                                .join("; "),
                        ]
                    })
                    .collect(),
                vec![],
            ));
        Ok(Document {
            name: "roadmap-progress".into(),
            title: "Joint regional roadmap: progress report".into(),
            subtitle: format!(
                "Monitoring of the actions agreed by Albania, Bosnia and Herzegovina, Kosovo*, Montenegro, North Macedonia and Serbia{}",
                if c.demo { " · DEMO CONTENT" } else { "" }
            ),
            draft: c.draft || c.demo,
            date: b.as_of.clone(),
            sections: vec![
                standing,
                Section::new("Coverage of the priorities").block(self.coverage_block(&d.coverage, actions)),
                reported,
                indicators,
            ],
            footnotes: vec![c.footnote.clone()],
            data: vec![],
            labels: Default::default(),
        })
    }

    /// The roadmap, the six annexes and the progress report.
    pub async fn roadmap_documents(&self, p: &Principal) -> Result<Vec<Document>> {
        let b = self.roadmap_basis(p).await?;
        let mut out = vec![self.roadmap_of(&b)];
        for e in &self.vocab.economies {
            out.push(self.annex_of(&b, e));
        }
        out.push(self.progress_of(&b).await?);
        Ok(out)
    }
}
