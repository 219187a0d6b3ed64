//! A work-permit case as a case officer types it, its validation field by field, and the checks
//! that can be run on the case alone (the passport's machine-readable zone, the passport's
//! expiry against the contract). Checks that read registers (agency licences, employers) or
//! earlier cases are computed where the registers are, with the same [`Check`] shape.
//!
//! Invariants: a check informs and never decides — it has a result and an explanation in words,
//! and the version of the rule that produced it; a case that does not validate is never stored;
//! a date of birth may be a year alone (many documents give no more), every other date is a real
//! calendar date. The checks that read registers and earlier cases, and the rules per economy,
//! are in [`crate::checks`].

use serde::{Deserialize, Serialize};

use crate::Problem;
use crate::date;
use crate::mrz::{Td3, Typed};
use crate::screening::CheckResult;
use crate::wording::say;

/// The version of the rules in this file, stored with every result they give.
pub const RULES_VERSION: &str = "2026-12-1";

/// What a case officer records about an application. Optional fields are empty when unknown.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(default)]
pub struct CaseFields {
    /// The economy whose permit authority handles the case.
    pub economy: String,
    pub given_name: String,
    pub surname: String,
    /// As written in the passport, where the given name and surname cannot be told apart.
    pub full_name: String,
    /// `YYYY-MM-DD`, or `YYYY` when only the year is known.
    pub date_of_birth: String,
    /// `F`, `M` or `X`.
    pub sex: String,
    /// ISO 3166-1 alpha-2.
    pub nationality: String,
    pub passport_number: String,
    pub passport_expiry: String,
    /// The two lines of the passport's machine-readable zone, when typed or scanned.
    pub mrz: Vec<String>,
    /// The employer, by its register id or name.
    pub employer: String,
    /// The local licensed agency, and the agency in the Country of Origin (register ids or names).
    pub local_agency: String,
    pub coo_agency: String,
    /// The legal pathway (a pathway record of the economy's map).
    pub pathway: String,
    /// ISCO-08 unit group (four digits).
    pub occupation: String,
    /// NACE section letter.
    pub sector: String,
    pub contract_start: String,
    pub contract_end: String,
    /// `YYYY-MM-DD`: the day the application was lodged; the day the case is opened when empty.
    /// Licences and the employer's recent applications are checked as of this day.
    pub application_date: String,
    /// Values an import could not read, as the file wrote them, by field: the field holds what
    /// could be read of it (the year of an impossible date) or nothing, and the officer sees what
    /// was there. Kept until the field is filled in.
    #[serde(skip_serializing_if = "std::collections::BTreeMap::is_empty")]
    pub set_aside: std::collections::BTreeMap<String, String>,
}

/// One check's result on a case: what was checked, what it found, why, and by which rules.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Check {
    /// Stable: `passport_mrz`, `passport_expiry`, `coo_agency_licence`, ...
    pub code: String,
    pub result: CheckResult,
    /// In words, for the officer: what was compared with what.
    pub explanation: String,
    pub rules_version: String,
}

fn check(code: &str, result: CheckResult, explanation: impl Into<String>) -> Check {
    Check {
        code: code.into(),
        result,
        explanation: explanation.into(),
        rules_version: RULES_VERSION.into(),
    }
}

/// What validation needs to know from outside the case: the economies, the countries and the
/// economy's pathways.
pub struct Known<'a> {
    pub economies: &'a [String],
    pub countries: &'a [String],
    pub pathways: &'a [String],
}

/// A person's name as written: the full name, or else the given name and surname.
pub fn person_name(given: &str, surname: &str, full: &str) -> String {
    if full.trim().is_empty() {
        format!("{} {}", given.trim(), surname.trim()).trim().to_string()
    } else {
        full.trim().to_string()
    }
}

impl CaseFields {
    /// The text of a field by its name (empty for a name that is no field of text).
    pub fn text(&self, field: &str) -> &str {
        match field {
            "given_name" => &self.given_name,
            "surname" => &self.surname,
            "full_name" => &self.full_name,
            "date_of_birth" => &self.date_of_birth,
            "sex" => &self.sex,
            "nationality" => &self.nationality,
            "passport_number" => &self.passport_number,
            "passport_expiry" => &self.passport_expiry,
            "employer" => &self.employer,
            "local_agency" => &self.local_agency,
            "coo_agency" => &self.coo_agency,
            "pathway" => &self.pathway,
            "occupation" => &self.occupation,
            "sector" => &self.sector,
            "contract_start" => &self.contract_start,
            "contract_end" => &self.contract_end,
            "application_date" => &self.application_date,
            _ => "",
        }
    }

    /// Keeps what an import set aside from `before` for the fields an edit left as they were
    /// read (a field the officer filled in or corrected no longer needs it).
    pub fn keep_set_aside(&mut self, before: &CaseFields) {
        self.set_aside = before
            .set_aside
            .iter()
            .filter(|(field, _)| match field.as_str() {
                "mrz" => self.mrz == before.mrz,
                f => self.text(f) == before.text(f),
            })
            .map(|(f, v)| (f.clone(), v.clone()))
            .collect();
    }

    /// The person's name as written (see [`person_name`]).
    pub fn name(&self) -> String {
        person_name(&self.given_name, &self.surname, &self.full_name)
    }

    /// Every problem with the case, by field; empty when it may be stored.
    pub fn validate(&self, known: &Known<'_>) -> Vec<Problem> {
        let mut out = vec![];
        let mut bad = |field: &str, message: String| out.push(Problem::field(field, message));
        if !known.economies.contains(&self.economy) {
            bad("economy", say("not-economy", &[("value", &self.economy)]));
        }
        if self.full_name.trim().is_empty() && (self.surname.trim().is_empty() || self.given_name.trim().is_empty()) {
            bad("surname", say("case-name-required", &[]));
        }
        let dob = self.date_of_birth.trim();
        let year_only = dob.len() == 4 && dob.bytes().all(|b| b.is_ascii_digit());
        if !(year_only || date::is_date(dob)) {
            bad("date_of_birth", say("not-birth-date", &[("value", dob)]));
        }
        if !["F", "M", "X", ""].contains(&self.sex.trim()) {
            bad("sex", say("case-sex", &[("value", &self.sex)]));
        }
        if !known.countries.contains(&self.nationality) {
            bad("nationality", say("not-country", &[("value", &self.nationality)]));
        }
        let passport = self.passport_number.trim();
        if passport.is_empty() || passport.len() > 20 || !passport.chars().all(|c| c.is_ascii_alphanumeric()) {
            bad("passport_number", say("passport-number", &[("value", passport)]));
        }
        for (field, value) in [
            ("passport_expiry", &self.passport_expiry),
            ("contract_start", &self.contract_start),
            ("contract_end", &self.contract_end),
            ("application_date", &self.application_date),
        ] {
            if !value.is_empty() && !date::is_date(value) {
                bad(field, say("not-date", &[("value", value)]));
            }
        }
        if date::is_date(&self.contract_start)
            && date::is_date(&self.contract_end)
            && self.contract_end < self.contract_start
        {
            bad("contract_end", say("contract-ends-before-start", &[]));
        }
        if !self.mrz.is_empty() && self.mrz.len() != 2 {
            bad("mrz", say("mrz-lines", &[("value", &self.mrz.len().to_string())]));
        }
        if !self.pathway.is_empty() && !known.pathways.contains(&self.pathway) {
            bad(
                "pathway",
                say("not-pathway", &[("value", &self.pathway), ("economy", &self.economy)]),
            );
        }
        let isco = self.occupation.len() == 4 && self.occupation.bytes().all(|b| b.is_ascii_digit());
        if !self.occupation.is_empty() && !isco {
            bad("occupation", say("isco", &[("value", &self.occupation)]));
        }
        out
    }

    /// The checks that need nothing but the case, as the tests below read them; cases are
    /// checked through [`crate::checks::run`] with their economy's rules.
    #[cfg(test)]
    fn own_checks(&self, margin_days: u32) -> Vec<Check> {
        vec![self.mrz_check(), self.expiry_check(margin_days)]
    }

    pub(crate) fn mrz_check(&self) -> Check {
        const CODE: &str = "passport_mrz";
        let [l1, l2] = self.mrz.as_slice() else {
            return check(CODE, CheckResult::Pending, say("check-mrz-none", &[]));
        };
        let zone = match Td3::read(l1, l2) {
            Ok(z) => z,
            Err(e) => {
                return check(
                    CODE,
                    CheckResult::Fail,
                    say("check-mrz-unreadable", &[("why", &e.to_string())]),
                );
            }
        };
        let mut problems: Vec<String> = zone.problems().into_iter().map(|p| p.message).collect();
        let typed = Typed {
            passport_number: Some(&self.passport_number),
            date_of_birth: Some(&self.date_of_birth),
            passport_expiry: Some(self.passport_expiry.as_str()).filter(|s| !s.is_empty()),
            sex: Some(&self.sex),
            surname: Some(self.surname.as_str()).filter(|s| !s.is_empty()),
        };
        problems.extend(zone.contradictions(&typed).into_iter().map(|p| p.message));
        if problems.is_empty() {
            check(
                CODE,
                CheckResult::Pass,
                say("check-mrz-holds", &[("number", &zone.number())]),
            )
        } else {
            check(
                CODE,
                CheckResult::Fail,
                say("check-mrz-fails", &[("problems", &problems.join("; "))]),
            )
        }
    }

    pub(crate) fn expiry_check(&self, margin_days: u32) -> Check {
        const CODE: &str = "passport_expiry";
        let (Some(expiry), Some(end)) = (date::parse(&self.passport_expiry), date::parse(&self.contract_end)) else {
            return check(CODE, CheckResult::Pending, say("check-expiry-unknown", &[]));
        };
        let needed = add_days(end, margin_days);
        if (expiry.0, expiry.1, expiry.2) >= needed {
            check(
                CODE,
                CheckResult::Pass,
                say(
                    "check-expiry-pass",
                    &[
                        ("expiry", &self.passport_expiry),
                        ("days", &margin_days.to_string()),
                        ("end", &self.contract_end),
                    ],
                ),
            )
        } else {
            check(
                CODE,
                CheckResult::Flag,
                say(
                    "check-expiry-flag",
                    &[
                        ("expiry", &self.passport_expiry),
                        ("days", &margin_days.to_string()),
                        ("end", &self.contract_end),
                    ],
                ),
            )
        }
    }
}

/// A date `days` later, by whole days (calendar-exact).
fn add_days((mut y, mut m, mut d): (u32, u32, u32), days: u32) -> (u32, u32, u32) {
    for _ in 0..days {
        d += 1;
        let len = date::days_in_month(y, m).unwrap_or(31);
        if d > len {
            d = 1;
            m += 1;
            if m > 12 {
                m = 1;
                y += 1;
            }
        }
    }
    (y, m, d)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::mrz::{Holder, mistype_number_digit, write_td3};

    fn known() -> (Vec<String>, Vec<String>, Vec<String>) {
        (
            vec!["RS".into(), "AL".into()],
            vec!["NP".into(), "BD".into()],
            vec!["rs-single-permit".into()],
        )
    }

    fn sunita() -> CaseFields {
        CaseFields {
            economy: "RS".into(),
            given_name: "Sunita".into(),
            surname: "Tamang".into(),
            date_of_birth: "1994-03-17".into(),
            sex: "F".into(),
            nationality: "NP".into(),
            passport_number: "PA1234567".into(),
            passport_expiry: "2030-01-31".into(),
            pathway: "rs-single-permit".into(),
            occupation: "7112".into(),
            contract_start: "2027-01-01".into(),
            contract_end: "2028-12-31".into(),
            ..Default::default()
        }
    }

    fn with_mrz(mut c: CaseFields, nudge_number_digit: bool) -> CaseFields {
        let [l1, mut l2] = write_td3(&Holder {
            surname: "Tamang",
            given_names: "Sunita",
            nationality: "NPL",
            number: "PA1234567",
            date_of_birth: "1994-03-17",
            sex: 'F',
            expiry: "2030-01-31",
        });
        if nudge_number_digit {
            l2 = mistype_number_digit(&l2);
        }
        c.mrz = vec![l1, l2];
        c
    }

    #[test]
    fn a_complete_case_validates_and_each_bad_field_is_named() {
        let (e, c, p) = known();
        let k = Known {
            economies: &e,
            countries: &c,
            pathways: &p,
        };
        assert!(sunita().validate(&k).is_empty(), "{:?}", sunita().validate(&k));
        assert!(
            CaseFields {
                date_of_birth: "1994".into(),
                ..sunita()
            }
            .validate(&k)
            .is_empty(),
            "a year alone is a date of birth"
        );
        let bad = CaseFields {
            economy: "FR".into(),
            given_name: String::new(),
            date_of_birth: "1994-02-30".into(),
            sex: "female".into(),
            nationality: "Nepal".into(),
            passport_number: "PA 123".into(),
            contract_end: "2026-01-01".into(),
            mrz: vec!["one line".into()],
            pathway: "tourism".into(),
            occupation: "71".into(),
            ..sunita()
        };
        let fields: Vec<String> = bad.validate(&k).into_iter().filter_map(|p| p.field).collect();
        assert_eq!(
            fields,
            [
                "economy",
                "surname",
                "date_of_birth",
                "sex",
                "nationality",
                "passport_number",
                "contract_end",
                "mrz",
                "pathway",
                "occupation"
            ]
        );
    }

    #[test]
    fn the_mrz_check_passes_a_true_zone_and_fails_a_wrong_digit_or_a_contradiction() {
        let ok = with_mrz(sunita(), false).own_checks(90);
        assert_eq!(
            (ok[0].code.as_str(), ok[0].result),
            ("passport_mrz", CheckResult::Pass),
            "{ok:?}"
        );
        assert_eq!(ok[0].rules_version, RULES_VERSION);
        let wrong = with_mrz(sunita(), true).own_checks(90);
        assert_eq!(wrong[0].result, CheckResult::Fail);
        assert!(
            wrong[0].explanation.contains("check digit of the passport number"),
            "{}",
            wrong[0].explanation
        );
        let other_person = with_mrz(
            CaseFields {
                date_of_birth: "1990-03-17".into(),
                ..sunita()
            },
            false,
        )
        .own_checks(90);
        assert_eq!(other_person[0].result, CheckResult::Fail);
        assert!(other_person[0].explanation.contains("date of birth"));
        let none = sunita().own_checks(90);
        assert_eq!(none[0].result, CheckResult::Pending);
        let garbled = CaseFields {
            mrz: vec!["P<NPL".into(), "123".into()],
            ..sunita()
        }
        .own_checks(90);
        assert!(garbled[0].result == CheckResult::Fail && garbled[0].explanation.contains("44"));
    }

    #[test]
    fn a_passport_must_outlast_the_contract_by_the_margin() {
        let c = sunita(); // expires 2030-01-31, contract ends 2028-12-31
        assert_eq!(c.own_checks(90)[1].result, CheckResult::Pass);
        assert_eq!(
            c.own_checks(400)[1].result,
            CheckResult::Flag,
            "396 days is less than 400"
        );
        assert_eq!(c.own_checks(396)[1].result, CheckResult::Pass, "exactly the margin");
        let open = CaseFields {
            contract_end: String::new(),
            ..sunita()
        };
        assert_eq!(open.own_checks(90)[1].result, CheckResult::Pending);
        assert_eq!(add_days((2028, 12, 31), 1), (2029, 1, 1));
        assert_eq!(add_days((2028, 2, 28), 1), (2028, 2, 29));
    }
}
