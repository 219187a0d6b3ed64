//! What the app's use-case tests share: the six economies, the principals they act as, the
//! applicant a screening test opens a case for, and a case's check by its code.

#![allow(clippy::unwrap_used)]

use pathways_app::domain::case::CaseFields;
use pathways_app::domain::screening::CheckResult;
use pathways_app::domain::{Principal, Role};
use pathways_app::screening::cases::CaseView;

/// A Nepalese man applying in `economy` on 2026-11-02.
pub(crate) fn person(economy: &str, given: &str, surname: &str, dob: &str, passport: &str) -> CaseFields {
    CaseFields {
        economy: economy.into(),
        given_name: given.into(),
        surname: surname.into(),
        date_of_birth: dob.into(),
        sex: "M".into(),
        nationality: "NP".into(),
        passport_number: passport.into(),
        application_date: "2026-11-02".into(),
        ..Default::default()
    }
}

/// A case's check of that code: its result and what it says.
pub(crate) fn check(c: &CaseView, code: &str) -> (CheckResult, String) {
    let k = c.checks.iter().find(|k| k.code == code).unwrap();
    (k.result, k.explanation.clone())
}

pub(crate) const ECONOMIES: [&str; 6] = ["AL", "BA", "ME", "MK", "RS", "XK"];

/// A user of `role` (in `economy` for a focal point), as the use cases see them once signed in.
pub(crate) fn who(role: Role, economy: Option<&str>) -> Principal {
    Principal {
        user_id: format!("u-{}", role.as_str()),
        email: format!("{}@test", role.as_str()),
        role,
        economy: economy.map(str::to_string),
    }
}

pub(crate) fn analyst() -> Principal {
    who(Role::Analyst, None)
}
