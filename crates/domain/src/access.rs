//! Roles and the permission rule: who may do what to which economy's data.
//!
//! The rule is decided here, once, and `app` asks it for every use case, so the web UI and the JSON
//! API cannot drift apart.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Hash)]
#[serde(rename_all = "kebab-case")]
pub enum Role {
    Admin,
    Analyst,
    FocalPoint,
    Viewer,
    /// Screens the work-permit cases of one economy.
    CaseOfficer,
    /// Answers the verification requests addressed to one Country of Origin.
    CooLiaison,
}

impl Role {
    pub fn parse(s: &str) -> Option<Self> {
        match s.trim().to_ascii_lowercase().replace('_', "-").as_str() {
            "admin" => Some(Self::Admin),
            "analyst" => Some(Self::Analyst),
            "focal-point" => Some(Self::FocalPoint),
            "viewer" => Some(Self::Viewer),
            "case-officer" => Some(Self::CaseOfficer),
            "coo-liaison" => Some(Self::CooLiaison),
            _ => None,
        }
    }
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Admin => "admin",
            Self::Analyst => "analyst",
            Self::FocalPoint => "focal-point",
            Self::Viewer => "viewer",
            Self::CaseOfficer => "case-officer",
            Self::CooLiaison => "coo-liaison",
        }
    }
    pub const ALL: [Role; 6] = [
        Role::Admin,
        Role::Analyst,
        Role::FocalPoint,
        Role::Viewer,
        Role::CaseOfficer,
        Role::CooLiaison,
    ];

    /// What a user of this role is scoped to: an economy, a Country of Origin, or nothing.
    pub fn scope(self) -> Scope {
        match self {
            Role::FocalPoint | Role::CaseOfficer => Scope::Economy,
            Role::CooLiaison => Scope::Country,
            Role::Admin | Role::Analyst | Role::Viewer => Scope::None,
        }
    }
}

/// What a role's users are scoped to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// One of the six economies.
    Economy,
    /// One Country of Origin (ISO 3166-1 alpha-2).
    Country,
    None,
}

/// The authenticated user on whose behalf a use case runs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Principal {
    pub user_id: String,
    pub email: String,
    pub role: Role,
    /// The economy a focal point or case officer is scoped to, or the Country of Origin of a CoO
    /// liaison ([`Role::scope`]); `None` for the other roles.
    pub economy: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    /// Read published mapping data.
    Read,
    /// Create, edit or delete a fact belonging to an economy (or a Country of Origin).
    Write,
    /// Read the audit log.
    ReadAudit,
    /// Manage users and tokens.
    ManageUsers,
    /// Import files that may span several economies.
    Import,
    /// Add questionnaires, open and close rounds.
    ManageRounds,
    /// Read an economy's questionnaire response (drafts included).
    ReadResponse,
    /// Fill in and submit an economy's response.
    Answer,
    /// Approve, mark as having issues, reject or reset a response.
    Review,
    /// Run a validation exercise (items, participants, rounds, outcomes) and draft or edit
    /// roadmap actions.
    Plan,
    /// Report progress on an economy's roadmap actions.
    ReportProgress,
    /// Read and work on an economy's work-permit cases (personal data): create and edit them,
    /// send verification requests, decide. Only that economy's case officers — not analysts, not
    /// admins, who manage users and not case content.
    Screen,
    /// Read the log of who read an economy's cases: its case officers and admins.
    ReadCaseLog,
    /// Read and answer the verification requests addressed to a Country of Origin: its liaisons.
    Verify,
    /// Add and retire the keys the economies agreed for their encoded registers: admins.
    ManageFederation,
}

impl Principal {
    /// Whether this principal may perform `action` on data owned by `owner` (an economy or country
    /// code; `None` for data that belongs to no economy, such as frameworks).
    pub fn may(&self, action: Action, owner: Option<&str>) -> bool {
        let own = || matches!((owner, self.economy.as_deref()), (Some(o), Some(e)) if o.eq_ignore_ascii_case(e));
        match (self.role, action) {
            (_, Action::Read) => true,
            // Personal data of cases is the economy's case officers' and the CoO's liaisons'.
            (Role::CaseOfficer, Action::Screen | Action::ReadCaseLog) => own(),
            (Role::CooLiaison, Action::Verify) => own(),
            (Role::Admin, Action::ReadCaseLog) => true,
            (_, Action::Screen | Action::Verify | Action::ReadCaseLog) => false,
            (Role::CaseOfficer | Role::CooLiaison, _) => false,
            (Role::Admin, _) => true,
            (Role::Analyst, Action::ManageUsers | Action::ManageFederation) => false,
            (Role::Analyst, _) => true,
            (
                Role::FocalPoint,
                Action::Write | Action::Import | Action::ReadResponse | Action::Answer | Action::ReportProgress,
            ) => own(),
            (Role::FocalPoint, _) => false,
            (Role::Viewer, _) => false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn who(role: Role, economy: Option<&str>) -> Principal {
        Principal {
            user_id: "u".into(),
            email: "e".into(),
            role,
            economy: economy.map(str::to_string),
        }
    }

    #[test]
    fn focal_point_writes_only_own_economy() {
        let fp = who(Role::FocalPoint, Some("RS"));
        assert!(fp.may(Action::Write, Some("RS")));
        for other in ["AL", "BA", "ME", "MK", "XK", "NP"] {
            assert!(!fp.may(Action::Write, Some(other)), "{other}");
        }
        assert!(!fp.may(Action::Write, None));
        assert!(!fp.may(Action::ReadAudit, Some("RS")));
        assert!(fp.may(Action::Read, Some("AL")));
    }

    #[test]
    fn viewer_writes_nothing() {
        let v = who(Role::Viewer, None);
        for e in ["AL", "BA", "ME", "MK", "RS", "XK"] {
            assert!(!v.may(Action::Write, Some(e)));
            assert!(v.may(Action::Read, Some(e)));
        }
        assert!(!v.may(Action::ReadAudit, None));
    }

    #[test]
    fn analyst_and_admin() {
        let a = who(Role::Analyst, None);
        assert!(a.may(Action::Write, Some("XK")) && a.may(Action::ReadAudit, None));
        assert!(!a.may(Action::ManageUsers, None));
        assert!(who(Role::Admin, None).may(Action::ManageUsers, None));
        // The keys of encoded registers are the deployment's administrators' alone.
        assert!(!a.may(Action::ManageFederation, None));
        assert!(who(Role::Admin, None).may(Action::ManageFederation, None));
        for role in [Role::FocalPoint, Role::CaseOfficer, Role::CooLiaison, Role::Viewer] {
            assert!(!who(role, Some("RS")).may(Action::ManageFederation, None));
        }
    }

    #[test]
    fn responses_per_role_and_economy() {
        let economies = ["AL", "BA", "ME", "MK", "RS", "XK"];
        for own in economies {
            let fp = who(Role::FocalPoint, Some(own));
            for e in economies {
                assert_eq!(fp.may(Action::ReadResponse, Some(e)), e == own, "{own} reads {e}");
                assert_eq!(fp.may(Action::Answer, Some(e)), e == own, "{own} answers {e}");
                assert!(!fp.may(Action::Review, Some(e)));
            }
            assert!(!fp.may(Action::ManageRounds, None));
        }
        let v = who(Role::Viewer, None);
        for e in economies {
            for a in [Action::ReadResponse, Action::Answer, Action::Review] {
                assert!(!v.may(a, Some(e)));
            }
        }
        for r in [Role::Analyst, Role::Admin] {
            let p = who(r, None);
            assert!(p.may(Action::ManageRounds, None));
            for e in economies {
                assert!(
                    p.may(Action::Review, Some(e))
                        && p.may(Action::ReadResponse, Some(e))
                        && p.may(Action::Answer, Some(e))
                );
            }
        }
    }

    #[test]
    fn cases_are_their_economys_officers_and_requests_their_countrys_liaisons() {
        let economies = ["AL", "BA", "ME", "MK", "RS", "XK"];
        for own in economies {
            let officer = who(Role::CaseOfficer, Some(own));
            for e in economies {
                assert_eq!(officer.may(Action::Screen, Some(e)), e == own, "{own} screens {e}");
                assert_eq!(officer.may(Action::ReadCaseLog, Some(e)), e == own);
                assert!(!officer.may(Action::Write, Some(e)) && !officer.may(Action::Answer, Some(e)));
            }
            assert!(!officer.may(Action::Verify, Some("NP")) && !officer.may(Action::ManageUsers, None));
            for r in [Role::Admin, Role::Analyst, Role::Viewer] {
                assert!(!who(r, None).may(Action::Screen, Some(own)), "{r:?} sees no person");
            }
            assert!(!who(Role::FocalPoint, Some(own)).may(Action::Screen, Some(own)));
            assert!(who(Role::Admin, None).may(Action::ReadCaseLog, Some(own)));
            assert!(!who(Role::Analyst, None).may(Action::ReadCaseLog, Some(own)));
        }
        for own in ["NP", "BD", "IN", "PK", "LK", "PH"] {
            let liaison = who(Role::CooLiaison, Some(own));
            for c in ["NP", "BD", "IN", "PK", "LK", "PH"] {
                assert_eq!(liaison.may(Action::Verify, Some(c)), c == own, "{own} answers for {c}");
            }
            for e in economies {
                assert!(!liaison.may(Action::Screen, Some(e)) && !liaison.may(Action::Write, Some(e)));
            }
            assert!(!who(Role::Admin, None).may(Action::Verify, Some(own)));
        }
        assert_eq!(Role::CaseOfficer.scope(), Scope::Economy);
        assert_eq!(Role::CooLiaison.scope(), Scope::Country);
        assert_eq!(Role::Analyst.scope(), Scope::None);
    }

    #[test]
    fn roles_parse() {
        for r in Role::ALL {
            assert_eq!(Role::parse(r.as_str()), Some(r));
        }
        assert_eq!(Role::parse("focal_point"), Some(Role::FocalPoint));
        assert_eq!(Role::parse("root"), None);
    }

    #[test]
    fn roadmap_per_role_and_economy() {
        for e in ["AL", "BA", "ME", "MK", "RS", "XK"] {
            let fp = who(Role::FocalPoint, Some(e));
            assert!(fp.may(Action::ReportProgress, Some(e)));
            assert!(
                !fp.may(Action::Plan, Some(e)),
                "focal points rate and report, they do not plan"
            );
            assert!(
                !fp.may(Action::ReportProgress, None),
                "regional actions are the analysts'"
            );
            for other in ["AL", "BA", "ME", "MK", "RS", "XK"].iter().filter(|o| **o != e) {
                assert!(!fp.may(Action::ReportProgress, Some(other)), "{e} on {other}");
            }
            assert!(!who(Role::Viewer, None).may(Action::ReportProgress, Some(e)));
        }
        for r in [Role::Analyst, Role::Admin] {
            assert!(who(r, None).may(Action::Plan, None) && who(r, None).may(Action::ReportProgress, Some("XK")));
        }
        assert!(!who(Role::Viewer, None).may(Action::Plan, None));
    }
}
