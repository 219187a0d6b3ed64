//! The vocabularies of screening a work-permit case: its states and the moves between them, what a
//! Country of Origin is asked to verify and how it answers, a case officer's decision, a check's
//! result, and the status of an agency's licence. Each is a `codes!` enum: what storage keeps and
//! the API speaks is the code, what the code compares is the enum.
//!
//! Invariants: a case moves only along [`CaseState::may_move_to`] (received → screening → awaiting
//! the CoO → ready for decision → decided → closed, with the way back from awaiting the CoO and
//! from ready for decision to screening); a decision is only ever a person's, never a check's.

use crate::code::codes;

codes! {
    /// Where a case stands.
    pub enum CaseState ("case state") {
        Received = "received",
        Screening = "screening",
        AwaitingCoo = "awaiting_coo",
        ReadyForDecision = "ready_for_decision",
        Decided = "decided",
        Closed = "closed",
    }
}

impl CaseState {
    /// Whether a case in this state may move to `to`. Decided is reached only through a decision
    /// (with reasons), and nothing leaves Closed.
    pub fn may_move_to(self, to: CaseState) -> bool {
        use CaseState::*;
        matches!(
            (self, to),
            (Received, Screening)
                | (Screening, AwaitingCoo)
                | (Screening, ReadyForDecision)
                | (AwaitingCoo, Screening)
                | (AwaitingCoo, ReadyForDecision)
                | (ReadyForDecision, Screening)
                | (ReadyForDecision, AwaitingCoo)
                | (Decided, Closed)
        )
    }

    /// Whether an officer may still decide on a case in this state.
    pub fn decidable(self) -> bool {
        matches!(
            self,
            CaseState::Screening | CaseState::AwaitingCoo | CaseState::ReadyForDecision
        )
    }
}

codes! {
    /// A case officer's decision on an application.
    pub enum CaseDecision ("decision") {
        Grant = "grant",
        Refuse = "refuse",
        Suspend = "suspend",
    }
}

codes! {
    /// What a Country of Origin's authority is asked to confirm.
    pub enum VerificationSubject ("verification subject") {
        /// The demand letter (job offer) attested by the CoO's mission or emigration authority.
        DemandLetter = "demand_letter",
        AgencyLicence = "agency_licence",
        EmigrationClearance = "emigration_clearance",
        PoliceClearance = "police_clearance",
        Qualification = "qualification",
        Identity = "identity",
    }
}

codes! {
    /// A Country of Origin's answer to a verification request.
    pub enum VerificationOutcome ("verification outcome") {
        Confirmed = "confirmed",
        NotConfirmed = "not_confirmed",
        CannotVerify = "cannot_verify",
    }
}

codes! {
    /// What a check found. `Pending` waits for something outside the case (a register, an answer).
    pub enum CheckResult ("check result") {
        Pass = "pass",
        Flag = "flag",
        Fail = "fail",
        Pending = "pending",
    }
}

codes! {
    /// The status of a recruitment agency's licence in its register.
    pub enum LicenceStatus ("licence status") {
        Valid = "valid",
        Suspended = "suspended",
        Cancelled = "cancelled",
        Expired = "expired",
        Banned = "banned",
    }
}

codes! {
    /// What happened after a decision, as the permit authority learns it.
    pub enum OutcomeKind ("outcome") {
        PermitIssued = "permit_issued",
        Entry = "entry",
        EmployerChange = "employer_change",
        Renewal = "renewal",
        AbscondingReported = "absconding_reported",
        /// Detected moving on irregularly, e.g. at the border with the EU.
        IrregularOnwardMovement = "irregular_onward_movement",
        Return = "return",
    }
}

impl LicenceStatus {
    /// Whether an agency with this status may place workers.
    pub fn may_place(self) -> bool {
        self == LicenceStatus::Valid
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_case_moves_only_along_the_workflow() {
        use CaseState::*;
        let allowed: Vec<(CaseState, CaseState)> = CaseState::ALL
            .iter()
            .flat_map(|a| CaseState::ALL.iter().map(move |b| (*a, *b)))
            .filter(|(a, b)| a.may_move_to(*b))
            .collect();
        assert_eq!(
            allowed,
            [
                (Received, Screening),
                (Screening, AwaitingCoo),
                (Screening, ReadyForDecision),
                (AwaitingCoo, Screening),
                (AwaitingCoo, ReadyForDecision),
                (ReadyForDecision, Screening),
                (ReadyForDecision, AwaitingCoo),
                (Decided, Closed),
            ]
        );
        // Decided only through a decision; nothing leaves Closed, nothing returns to Received.
        assert!(
            CaseState::ALL
                .iter()
                .all(|s| !s.may_move_to(Decided) && !s.may_move_to(Received))
        );
        assert!(CaseState::ALL.iter().all(|s| !Closed.may_move_to(*s)));
        assert!(!Received.decidable() && !Decided.decidable() && AwaitingCoo.decidable());
    }

    #[test]
    fn codes_read_back_and_unknown_ones_are_refused_with_the_list() {
        for s in CaseState::ALL {
            assert_eq!(s.as_str().parse::<CaseState>(), Ok(*s));
        }
        let e = "approved".parse::<CaseDecision>().unwrap_err().to_string();
        assert!(e.contains("grant, refuse, suspend"), "{e}");
        assert!(LicenceStatus::Valid.may_place() && !LicenceStatus::Banned.may_place());
    }
}
