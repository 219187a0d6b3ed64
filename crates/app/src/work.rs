//! "My work": what is waiting for a user, from their role and economy — responses to fill in or
//! fix, responses to review, ratings due, exercises between rounds, roadmap milestones and event
//! follow-ups overdue, invitations not yet taken up. The notifications that tell of a change are
//! in `notify`.
//!
//! Nothing here is stored: the list is read from the state of the work itself each time, so it is
//! never stale and nothing has to be ticked off by hand.

use pathways_domain::states::{ExercisePart, ExerciseStatus, ResponseState, RoundState};
use pathways_domain::{Action, Principal, Role};
use pathways_storage::now;
use serde::Serialize;

use crate::roadmap::exercise::body_of;
use crate::{App, Result};

/// What a user is asked to do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub enum Task {
    /// A response of their economy, still a draft.
    Fill,
    /// A response of their economy sent back with comments.
    Fix,
    /// A submitted response to review.
    Review,
    /// A running round of a validation exercise they have not rated in full.
    Rate,
    /// An exercise between rounds: outcomes to decide or the next round to open.
    Decide,
    /// A roadmap action with a milestone past its date and not reached.
    Report,
    /// A follow-up agreed at a consultation or workshop, past its date and not done.
    FollowUp,
    /// Invited users who have not chosen a password yet.
    Invited,
}

impl Task {
    /// The stable code (the message key's suffix in the UI).
    pub fn as_str(self) -> &'static str {
        match self {
            Task::Fill => "fill",
            Task::Fix => "fix",
            Task::Review => "review",
            Task::Rate => "rate",
            Task::Decide => "decide",
            Task::Report => "report",
            Task::FollowUp => "follow-up",
            Task::Invited => "invited",
        }
    }
}

/// One thing waiting for the user.
#[derive(Debug, Clone, Serialize)]
pub struct WorkItem {
    pub task: Task,
    /// What it is about (a round and economy, an exercise, an action).
    pub title: String,
    pub link: String,
    /// The date it is due, `YYYY-MM-DD`, when there is one.
    pub due: Option<String>,
    /// Past its date.
    pub late: bool,
}

fn today() -> String {
    now().get(..10).unwrap_or_default().to_string()
}

impl App {
    /// What is waiting for `p`, late items first, then by date.
    pub async fn my_work(&self, p: &Principal) -> Result<Vec<WorkItem>> {
        let today = today();
        let mut out = vec![];
        let mut tx = self.store.read().await?;
        for round in tx.rounds().await? {
            if round.state != RoundState::Open {
                continue;
            }
            for r in tx.responses(&round.id).await? {
                let own = p.role == Role::FocalPoint && p.economy.as_deref() == Some(r.economy.as_str());
                let task = match r.state {
                    ResponseState::Draft if own => Task::Fill,
                    ResponseState::HasIssues if own => Task::Fix,
                    ResponseState::Submitted if p.may(Action::Review, Some(&r.economy)) => Task::Review,
                    _ => continue,
                };
                let economy = self
                    .vocab()
                    .economy(&r.economy)
                    .map_or(r.economy.clone(), |e| e.display_name.clone());
                let link = match task {
                    Task::Review => format!("/responses/{}/review", r.id),
                    _ => format!("/responses/{}", r.id),
                };
                let due = (task != Task::Review).then(|| round.deadline.clone());
                out.push(WorkItem {
                    task,
                    title: format!("{} — {economy}", round.title),
                    link,
                    late: due.as_deref().is_some_and(|d| d < today.as_str()),
                    due,
                });
            }
        }
        for e in tx.exercises().await? {
            let body = body_of(&e)?;
            let task = match e.status {
                ExerciseStatus::Open => {
                    let waiting = self
                        .answered(&mut tx, &e, &body)
                        .await?
                        .into_iter()
                        .any(|(x, done)| x.user_id == p.user_id && x.role == ExercisePart::Delegate && !done);
                    if !waiting {
                        continue;
                    }
                    Task::Rate
                }
                ExerciseStatus::Paused if p.may(Action::Plan, None) => Task::Decide,
                _ => continue,
            };
            out.push(WorkItem {
                task,
                title: e.title.clone(),
                link: format!("/exercises/{}", e.id),
                due: None,
                late: false,
            });
        }
        if p.may(Action::ManageUsers, None) {
            let pending = tx
                .users()
                .await?
                .iter()
                .filter(|u| u.password_hash.is_none() && !u.disabled)
                .count();
            if pending > 0 {
                out.push(WorkItem {
                    task: Task::Invited,
                    title: pending.to_string(),
                    link: "/admin/users".into(),
                    due: None,
                    late: false,
                });
            }
        }
        drop(tx);
        for a in self.roadmap(p).await? {
            let mine = match p.role {
                Role::FocalPoint => p.economy.as_deref() == Some(a.action.scope.as_str()),
                _ => p.may(Action::Plan, None),
            };
            if let (true, Some(first)) = (mine, a.overdue.first()) {
                out.push(WorkItem {
                    task: Task::Report,
                    title: a.action.title.clone(),
                    link: format!("/roadmap/actions/{}", a.id),
                    due: Some(first.due.clone()),
                    late: true,
                });
            }
        }
        // Follow-ups of the events the user takes part in (their economy's, or all for analysts).
        if p.role != Role::Viewer {
            for e in self.events(p).await? {
                let event = e.body["title"].as_str().unwrap_or_default();
                for f in e.body["follow_ups"].as_array().into_iter().flatten() {
                    let due = f["due"].as_str().unwrap_or_default();
                    if f["done"].as_bool() != Some(true) && !due.is_empty() && due < today.as_str() {
                        out.push(WorkItem {
                            task: Task::FollowUp,
                            title: format!("{} ({event})", f["action"].as_str().unwrap_or_default()),
                            link: format!("/events/{}", e.id),
                            due: Some(due.to_string()),
                            late: true,
                        });
                    }
                }
            }
        }
        out.sort_by(|a, b| (!a.late, a.due.is_none(), &a.due, a.task).cmp(&(!b.late, b.due.is_none(), &b.due, b.task)));
        Ok(out)
    }
}
