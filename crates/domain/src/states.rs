//! The states and decisions of the programme's workflows, as enums with their stable codes (see
//! [`crate::code`]): a questionnaire round and the responses in it, a reviewer's decision, a
//! validation exercise and the outcome of each of its items, a finding's standing, and why a
//! one-time link to set a password was made.
//!
//! The declarations below repeat one shape on purpose: each is a vocabulary, and `codes!` is
//! the one implementation behind them all.

use crate::code::codes;

codes! {
    /// A questionnaire round: open for answers, or closed.
    pub enum RoundState ("round state") {
        Open = "open",
        Closed = "closed",
    }
}

codes! {
    /// An economy's response in a round.
    pub enum ResponseState ("response state") {
        Draft = "draft",
        Submitted = "submitted",
        HasIssues = "has_issues",
        Approved = "approved",
        Rejected = "rejected",
    }
}

impl ResponseState {
    /// Whether its focal points may still change the answers (in an open round).
    pub fn editable(self) -> bool {
        matches!(self, ResponseState::Draft | ResponseState::HasIssues)
    }
}

codes! {
    /// A reviewer's decision on a submitted response.
    pub enum Decision ("review decision") {
        Approve = "approve",
        HasIssues = "has_issues",
        Reject = "reject",
        /// Back to draft, from any state (for instance to correct an approved response).
        Reset = "reset",
    }
}

codes! {
    /// A validation exercise (Delphi): built, running a round, between rounds, or closed.
    pub enum ExerciseStatus ("exercise status") {
        Draft = "draft",
        Open = "open",
        Paused = "paused",
        Closed = "closed",
    }
}

codes! {
    /// What the delegations decided about an item of a validation exercise.
    pub enum Outcome ("outcome") {
        Validated = "validated",
        Amended = "amended",
        Dropped = "dropped",
    }
}

impl Outcome {
    /// Whether the item stands (as written or as amended).
    pub fn stands(self) -> bool {
        matches!(self, Outcome::Validated | Outcome::Amended)
    }
}

codes! {
    /// A finding's standing: raised, then the analysts' decision, then the delegations' outcome.
    pub enum FindingStatus ("finding status") {
        Candidate = "candidate",
        Accepted = "accepted",
        Edited = "edited",
        Rejected = "rejected",
        Validated = "validated",
        Amended = "amended",
        Dropped = "dropped",
    }
}

impl FindingStatus {
    /// Accepted by the analysts, with or without their own wording.
    pub fn accepted(self) -> bool {
        matches!(self, FindingStatus::Accepted | FindingStatus::Edited)
    }

    /// Out of the analysis: rejected by the analysts or dropped by the delegations.
    pub fn discarded(self) -> bool {
        matches!(self, FindingStatus::Rejected | FindingStatus::Dropped)
    }
}

impl From<Outcome> for FindingStatus {
    fn from(o: Outcome) -> FindingStatus {
        match o {
            Outcome::Validated => FindingStatus::Validated,
            Outcome::Amended => FindingStatus::Amended,
            Outcome::Dropped => FindingStatus::Dropped,
        }
    }
}

codes! {
    /// One's part in a validation exercise: invited as a delegate (speaks and rates for an
    /// economy) or an observer (reads the aggregates); analysts run it without being invited.
    pub enum ExercisePart ("part in the exercise") {
        Delegate = "delegate",
        Observer = "observer",
        Analyst = "analyst",
    }
}

codes! {
    /// Why a one-time link to set a password was made.
    pub enum LinkPurpose ("link purpose") {
        /// A new account, invited by an admin: it has no password until the link is used.
        Invite = "invite",
        /// An admin reset the password: the old one stopped working.
        Reset = "reset",
    }
}
