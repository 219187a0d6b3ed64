//! The checks of a case and the rules that govern them. The rules are data per economy
//! (`data/screening/rules.csv`): which checks apply, to which pathways, with which threshold, and
//! the version each result is stored with. The checks here read what the application layer
//! looked up — the employer and agencies in their registers, the employer's recent
//! applications, earlier cases that may be the same person — and say what they found in words.
//!
//! Invariants: a check informs and never decides; a register that was never loaded gives
//! `pending`, never `pass`; every result names its evidence (which register entry, which dates,
//! which counts); an economy's own rule replaces the regional (`*`) rule for the same check.

use serde::Serialize;

use crate::Problem;
use crate::case::{CaseFields, Check};
use crate::code::codes;
use crate::dataset::csv_rows;
use crate::register::{Agency, Employer, EmployerStatus};
use crate::screening::CheckResult;
use crate::wording::say;

/// Where the shipped rules live, for problems that name the file.
pub const RULES_FILE: &str = "screening/rules.csv";

codes! {
    /// The checks a case can be given.
    pub enum CheckCode ("check") {
        PassportMrz = "passport_mrz",
        PassportExpiry = "passport_expiry",
        EmployerRegister = "employer_register",
        EmployerVolume = "employer_volume",
        LocalAgencyLicence = "local_agency_licence",
        CooAgencyLicence = "coo_agency_licence",
        EarlierCases = "earlier_cases",
        RecordsAbroad = "records_abroad",
    }
}

/// The `pathways` of a rule that applies to no pathway: the economy has switched the check off.
pub const NO_PATHWAY: &str = "none";

impl CheckCode {
    /// Whether the check reads a threshold (and what it means).
    pub fn threshold(self) -> Option<&'static str> {
        match self {
            CheckCode::PassportExpiry => Some("days the passport must outlast the contract"),
            CheckCode::EmployerVolume => Some("applications per employee in 90 days"),
            CheckCode::EarlierCases => Some("match probability from which a record is shown for review (0 to 1)"),
            CheckCode::RecordsAbroad => {
                Some("Dice similarity from which a record in another economy's encoded register is shown (0 to 1)")
            }
            _ => None,
        }
    }
}

/// One rule: a check, for an economy (or `*`, every economy), the pathways it applies to, and its
/// threshold.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Rule {
    pub economy: String,
    pub check: CheckCode,
    /// `None`: every pathway.
    pub pathways: Option<Vec<String>>,
    /// Days for `passport_expiry`; applications per employee in 90 days for `employer_volume`.
    pub threshold: Option<f64>,
    pub version: String,
}

impl Rule {
    /// The version a result is stored with: the economy the rule is for, and its version.
    pub fn stamp(&self) -> String {
        format!("{}:{}", self.economy, self.version)
    }
}

/// Every rule, regional and per economy.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Rules(pub Vec<Rule>);

impl Rules {
    /// Reads the rules file; every problem names its line and column.
    pub fn parse(text: &str, economies: &[String]) -> Result<Rules, Vec<Problem>> {
        let mut problems = vec![];
        let mut out: Vec<Rule> = vec![];
        let cols = ["economy", "check", "pathways", "threshold", "version"];
        for (line, r) in csv_rows(RULES_FILE, text, &cols, &mut problems) {
            let at = |field: &str, message: String| Problem {
                file: RULES_FILE.into(),
                line: Some(line),
                field: Some(field.into()),
                message,
            };
            if r[0] != "*" && !economies.contains(&r[0]) {
                problems.push(at(
                    "economy",
                    format!("`{}`: `*` or one of {}", r[0], economies.join(", ")),
                ));
            }
            let check = match r[1].parse::<CheckCode>() {
                Ok(c) => c,
                Err(e) => {
                    problems.push(at("check", e.to_string()));
                    continue;
                }
            };
            let threshold = match r[3].as_str() {
                "" => None,
                t => match t.parse::<f64>() {
                    Ok(v) if check == CheckCode::EarlierCases && !(v > 0.0 && v < 1.0) => {
                        problems.push(at(
                            "threshold",
                            format!("`{t}`: a match probability between 0 and 1 (e.g. 0.5)"),
                        ));
                        None
                    }
                    Ok(v) if check == CheckCode::RecordsAbroad && !(v > 0.0 && v < 1.0) => {
                        problems.push(at(
                            "threshold",
                            format!("`{t}`: a Dice similarity between 0 and 1 (e.g. 0.8)"),
                        ));
                        None
                    }
                    Ok(v) if v.is_finite() && v >= 0.0 => Some(v),
                    _ => {
                        problems.push(at("threshold", format!("`{t}` is not a number of zero or more")));
                        None
                    }
                },
            };
            if r[4].is_empty() {
                problems.push(at(
                    "version",
                    "every rule carries the version its results are stored with".into(),
                ));
            }
            if out.iter().any(|x| x.economy == r[0] && x.check == check) {
                problems.push(at(
                    "check",
                    format!("{} has a second rule for {}", r[0], check.as_str()),
                ));
            }
            out.push(Rule {
                economy: r[0].clone(),
                check,
                pathways: match r[2].as_str() {
                    "*" | "" => None,
                    NO_PATHWAY => Some(vec![]),
                    list => Some(list.split(';').map(|p| p.trim().to_string()).collect()),
                },
                threshold,
                version: r[4].clone(),
            });
        }
        if problems.is_empty() {
            Ok(Rules(out))
        } else {
            Err(problems)
        }
    }

    /// These rules with `economy`'s own replaced by `own` (an economy's rule set as it was last
    /// saved).
    pub fn with_own(&self, economy: &str, own: Vec<Rule>) -> Rules {
        let mut out: Vec<Rule> = self.0.iter().filter(|r| r.economy != economy).cloned().collect();
        out.extend(own);
        Rules(out)
    }

    /// The rules of `economy` (its own, else the regional), one per check, and whether each is
    /// the economy's own.
    pub fn of_economy(&self, economy: &str) -> Vec<(&Rule, bool)> {
        CheckCode::ALL
            .iter()
            .filter_map(|c| {
                let own = self.0.iter().find(|r| r.check == *c && r.economy == economy);
                match own {
                    Some(r) => Some((r, true)),
                    None => self
                        .0
                        .iter()
                        .find(|r| r.check == *c && r.economy == "*")
                        .map(|r| (r, false)),
                }
            })
            .collect()
    }

    /// The rules as the rules file writes them (its header first): what an economy's saved set
    /// is kept as, and read back with [`Rules::parse`].
    pub fn to_csv(rules: &[Rule]) -> String {
        let mut out = String::from("economy,check,pathways,threshold,version\n");
        for r in rules {
            let pathways = match &r.pathways {
                None => "*".to_string(),
                Some(ps) if ps.is_empty() => NO_PATHWAY.to_string(),
                Some(ps) => ps.join(";"),
            };
            let threshold = r.threshold.map(|t| t.to_string()).unwrap_or_default();
            out.push_str(&format!(
                "{},{},{pathways},{threshold},{}\n",
                r.economy,
                r.check.as_str(),
                r.version
            ));
        }
        out
    }

    /// The rules that apply to a case of `economy` on `pathway`: the economy's own for a check,
    /// else the regional one; a rule limited to other pathways does not apply.
    pub fn for_case(&self, economy: &str, pathway: &str) -> Vec<&Rule> {
        CheckCode::ALL
            .iter()
            .filter_map(|c| {
                let own = self.0.iter().find(|r| r.check == *c && r.economy == economy);
                own.or_else(|| self.0.iter().find(|r| r.check == *c && r.economy == "*"))
            })
            .filter(|r| r.pathways.as_ref().is_none_or(|ps| ps.iter().any(|p| p == pathway)))
            .collect()
    }

    /// The Dice similarity from which a record of another economy's encoded register is shown
    /// with a case of this economy and pathway; `None` when the check does not run for it.
    pub fn abroad_threshold(&self, economy: &str, pathway: &str) -> Option<f64> {
        self.for_case(economy, pathway)
            .iter()
            .find(|r| r.check == CheckCode::RecordsAbroad)
            .map(|r| r.threshold.unwrap_or(DEFAULT_ABROAD_DICE))
    }

    /// The match probability from which a record of the person index is shown for review with a
    /// case of this economy and pathway; `None` when the identity check does not run for it.
    pub fn review_threshold(&self, economy: &str, pathway: &str) -> Option<f64> {
        self.for_case(economy, pathway)
            .iter()
            .find(|r| r.check == CheckCode::EarlierCases)
            .map(|r| r.review())
    }
}

impl Rule {
    /// The `earlier_cases` rule's review threshold, the default when it sets none.
    fn review(&self) -> f64 {
        self.threshold.unwrap_or(DEFAULT_REVIEW)
    }
}

/// What a register said about a name in a case.
#[derive(Debug, Clone, PartialEq)]
pub enum Found<T> {
    /// The case names nothing.
    NotNamed,
    /// No such register has been loaded.
    NoRegister,
    /// The register is loaded and does not hold the name.
    Missing,
    Entry(T),
}

/// A record of the economy's person index (an earlier case, an earlier permit, a crossing, an
/// absconding report) that the linkage engine found may be the same person, or that an officer
/// confirmed is.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EarlierRecord {
    pub id: String,
    /// The record in words ("case of 2026-03-01, decided: refuse", "an absconding report of
    /// 2025-11-02: left the employer").
    pub what: String,
    pub probability: f64,
    /// What agreed and what did not, field by field, in words.
    pub agreement: String,
    /// An officer confirmed the same person.
    pub confirmed: bool,
}
/// A record of another economy's encoded register whose encoding is close to the case's: no name,
/// only the economy, the record's pseudonym and the Dice similarity of the two encodings.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AbroadRecord {
    /// The economy's code.
    pub economy: String,
    /// The economy's name, for the officer.
    pub economy_name: String,
    /// The record's pseudonym in that economy's export.
    pub record: String,
    pub dice: f64,
}

/// The encoded registers of other economies a case was matched against.
#[derive(Debug, Clone, PartialEq)]
pub struct Abroad {
    /// Per register: the economy's name, the day it was exported, its records.
    pub registers: Vec<(String, String, usize)>,
    /// Those at or above the threshold, the closest first.
    pub hits: Vec<AbroadRecord>,
}

/// What the application layer looked up for one case.
#[derive(Debug, Clone)]
pub struct Evidence<'a> {
    /// `YYYY-MM-DD`: the day the application was lodged.
    pub applied_on: &'a str,
    pub employer: Found<&'a Employer>,
    /// The employer's applications in the 90 days up to `applied_on`, this one included.
    pub employer_recent: u32,
    pub local_agency: Found<&'a Agency>,
    pub coo_agency: Found<&'a Agency>,
    /// The name of the Country of Origin whose list the CoO agency was looked up in.
    pub coo_name: &'a str,
    pub earlier: &'a [EarlierRecord],
    /// How many records the person index holds (cases and register records): what "none" means.
    pub index_size: usize,
    pub abroad: &'a Abroad,
}

fn check(rule: &Rule, result: CheckResult, explanation: impl Into<String>) -> Check {
    Check {
        code: rule.check.as_str().into(),
        result,
        explanation: explanation.into(),
        rules_version: rule.stamp(),
    }
}

/// Runs the rules that apply on a case with what was looked up.
pub fn run(fields: &CaseFields, rules: &[&Rule], ev: &Evidence<'_>) -> Vec<Check> {
    rules
        .iter()
        .map(|rule| {
            let mut c = match rule.check {
                CheckCode::PassportMrz => fields.mrz_check(),
                CheckCode::PassportExpiry => fields.expiry_check(rule.threshold.map_or(90, |d| d as u32)),
                CheckCode::EmployerRegister => employer_register(rule, &fields.employer, &ev.employer),
                CheckCode::EmployerVolume => employer_volume(rule, ev),
                CheckCode::LocalAgencyLicence => licence(
                    rule,
                    ("local", ""),
                    &fields.local_agency,
                    &ev.local_agency,
                    ev.applied_on,
                ),
                CheckCode::CooAgencyLicence => licence(
                    rule,
                    ("coo", ev.coo_name),
                    &fields.coo_agency,
                    &ev.coo_agency,
                    ev.applied_on,
                ),
                CheckCode::EarlierCases => earlier_cases(rule, ev.earlier, ev.index_size),
                CheckCode::RecordsAbroad => records_abroad(rule, ev.abroad),
            };
            c.code = rule.check.as_str().into();
            c.rules_version = rule.stamp();
            c
        })
        .collect()
}

fn employer_register(rule: &Rule, named: &str, found: &Found<&Employer>) -> Check {
    match found {
        Found::NotNamed => check(rule, CheckResult::Pending, say("check-employer-none", &[])),
        Found::NoRegister => check(rule, CheckResult::Pending, say("check-employer-no-register", &[])),
        Found::Missing => check(
            rule,
            CheckResult::Flag,
            say("check-employer-missing", &[("named", named)]),
        ),
        Found::Entry(e) => {
            let (result, id) = match e.status {
                EmployerStatus::Active => (CheckResult::Pass, "check-employer-active"),
                EmployerStatus::Sanctioned => (CheckResult::Fail, "check-employer-sanctioned"),
                EmployerStatus::Inactive => (CheckResult::Fail, "check-employer-inactive"),
                EmployerStatus::Closed => (CheckResult::Fail, "check-employer-closed"),
            };
            check(rule, result, say(id, &[("name", &e.name), ("id", &e.id)]))
        }
    }
}

fn employer_volume(rule: &Rule, ev: &Evidence<'_>) -> Check {
    let ratio = rule.threshold.unwrap_or(0.5);
    let Found::Entry(e) = &ev.employer else {
        return check(rule, CheckResult::Pending, say("check-volume-unknown", &[]));
    };
    let Some(staff) = e.employees else {
        return check(
            rule,
            CheckResult::Pending,
            say("check-volume-no-staff", &[("name", &e.name)]),
        );
    };
    let limit = (f64::from(staff) * ratio).ceil().max(1.0) as u32;
    let n = ev.employer_recent;
    let values = [
        ("name", e.name.clone()),
        ("count", n.to_string()),
        ("day", ev.applied_on.to_string()),
        ("staff", staff.to_string()),
        ("limit", limit.to_string()),
        ("ratio", ratio.to_string()),
    ];
    let values: Vec<(&str, &str)> = values.iter().map(|(k, v)| (*k, v.as_str())).collect();
    if n > limit {
        check(rule, CheckResult::Flag, say("check-volume-flag", &values))
    } else {
        check(rule, CheckResult::Pass, say("check-volume-pass", &values))
    }
}

/// Whose licence a check reads: the economy's register (`local`) or a Country of Origin's list
/// (`coo`, with the country's name) — the prefix of the check's wordings.
fn licence(rule: &Rule, whose: (&str, &str), named: &str, found: &Found<&Agency>, day: &str) -> Check {
    let (prefix, country) = whose;
    let id = |what: &str| format!("check-{prefix}-{what}");
    match found {
        Found::NotNamed => check(rule, CheckResult::Pass, say(&id("none"), &[])),
        Found::NoRegister => check(
            rule,
            CheckResult::Pending,
            say(&id("no-register"), &[("country", country)]),
        ),
        Found::Missing => check(
            rule,
            CheckResult::Flag,
            say(&id("missing"), &[("named", named), ("country", country)]),
        ),
        Found::Entry(a) => {
            let values = [
                ("name", a.name.as_str()),
                ("licence", &a.licence),
                ("day", day),
                ("country", country),
            ];
            match a.valid_on(day) {
                Ok(()) => check(rule, CheckResult::Pass, say(&id("valid"), &values)),
                Err(why) => check(
                    rule,
                    CheckResult::Fail,
                    say(&id("invalid"), &[values.as_slice(), &[("why", why.as_str())]].concat()),
                ),
            }
        }
    }
}

fn earlier_cases(rule: &Rule, earlier: &[EarlierRecord], index_size: usize) -> Check {
    let threshold = crate::identity::percent(rule.review());
    if earlier.is_empty() {
        return check(
            rule,
            CheckResult::Pass,
            say(
                "check-earlier-none",
                &[("count", &index_size.to_string()), ("threshold", &threshold)],
            ),
        );
    }
    let confirmed: Vec<String> = earlier
        .iter()
        .filter(|e| e.confirmed)
        .map(|e| say("earlier-record", &[("what", &e.what), ("agreement", &e.agreement)]))
        .collect();
    let suggested: Vec<String> = earlier
        .iter()
        .filter(|e| !e.confirmed)
        .map(|e| {
            say(
                "earlier-record-probability",
                &[
                    ("what", &e.what),
                    ("agreement", &e.agreement),
                    ("probability", &crate::identity::percent(e.probability)),
                ],
            )
        })
        .collect();
    let (confirmed, count, records) = (confirmed.join("; "), suggested.len().to_string(), suggested.join("; "));
    let values = [
        ("confirmed", confirmed.as_str()),
        ("count", &count),
        ("records", &records),
    ];
    let id = match (confirmed.is_empty(), suggested.is_empty()) {
        (false, true) => "check-earlier-confirmed",
        (true, _) => "check-earlier-suggested",
        (false, false) => "check-earlier-both",
    };
    check(rule, CheckResult::Flag, say(id, &values))
}

/// The Dice similarity from which a record of another economy is shown when the rule sets none.
pub const DEFAULT_ABROAD_DICE: f64 = 0.8;

fn records_abroad(rule: &Rule, abroad: &Abroad) -> Check {
    if abroad.registers.is_empty() {
        return check(rule, CheckResult::Pending, say("check-abroad-none", &[]));
    }
    let held: Vec<String> = abroad
        .registers
        .iter()
        .map(|(name, day, n)| {
            say(
                "abroad-register",
                &[
                    ("economy", name),
                    ("count", &n.to_string()),
                    ("day", day.get(..10).unwrap_or(day)),
                ],
            )
        })
        .collect();
    let threshold = rule.threshold.unwrap_or(DEFAULT_ABROAD_DICE);
    if abroad.hits.is_empty() {
        return check(
            rule,
            CheckResult::Pass,
            say(
                "check-abroad-pass",
                &[
                    ("registers", &held.join("; ")),
                    ("threshold", &format!("{threshold:.2}")),
                ],
            ),
        );
    }
    let hits: Vec<String> = abroad
        .hits
        .iter()
        .map(|h| {
            say(
                "abroad-hit",
                &[("economy", &h.economy_name), ("dice", &format!("{:.2}", h.dice))],
            )
        })
        .collect();
    check(
        rule,
        CheckResult::Flag,
        say(
            "check-abroad-flag",
            &[("count", &hits.len().to_string()), ("records", &hits.join("; "))],
        ),
    )
}

/// The match probability from which a record is shown for review when the economy's rule sets
/// none.
pub const DEFAULT_REVIEW: f64 = 0.5;

#[cfg(test)]
mod tests {
    use super::*;

    static NO_ABROAD: Abroad = Abroad {
        registers: Vec::new(),
        hits: Vec::new(),
    };
    use crate::screening::LicenceStatus;

    const SHIPPED: &str = include_str!("../../../data/screening/rules.csv");

    fn economies() -> Vec<String> {
        ["AL", "BA", "ME", "MK", "RS", "XK"].map(String::from).to_vec()
    }

    #[test]
    fn the_shipped_rules_read_and_every_check_has_a_regional_rule() {
        let rules = Rules::parse(SHIPPED, &economies()).unwrap();
        let all = rules.for_case("RS", "rs-single-permit");
        assert_eq!(all.len(), CheckCode::ALL.len());
        assert!(all.iter().all(|r| r.economy == "*"));
    }

    #[test]
    fn an_economys_rule_replaces_the_regional_one_and_pathways_limit_it() {
        let text = "economy,check,pathways,threshold,version\n*,employer_volume,*,0.5,1\nRS,employer_volume,*,0.2,3\nRS,coo_agency_licence,rs-seasonal,,3\n";
        let rules = Rules::parse(text, &economies()).unwrap();
        let rs = rules.for_case("RS", "rs-single-permit");
        assert_eq!(rs.len(), 1);
        assert_eq!((rs[0].threshold, rs[0].stamp().as_str()), (Some(0.2), "RS:3"));
        assert_eq!(rules.for_case("RS", "rs-seasonal").len(), 2);
        assert_eq!(rules.for_case("AL", "x")[0].threshold, Some(0.5));
        let bad = "economy,check,pathways,threshold,version\nZZ,horoscope,*,-1,\n*,passport_mrz,*,x,\n";
        let fields: Vec<_> = Rules::parse(bad, &economies())
            .unwrap_err()
            .into_iter()
            .map(|p| (p.line.unwrap(), p.field.unwrap()))
            .collect();
        assert_eq!(
            fields,
            [
                (2, "economy".into()),
                (2, "check".into()),
                (3, "threshold".into()),
                (3, "version".into())
            ]
        );
    }

    #[test]
    fn an_economys_saved_set_replaces_its_rows_round_trips_through_csv_and_can_switch_a_check_off() {
        let shipped = Rules::parse(SHIPPED, &economies()).unwrap();
        let own = vec![
            Rule {
                economy: "RS".into(),
                check: CheckCode::EmployerVolume,
                pathways: None,
                threshold: Some(0.25),
                version: "v2".into(),
            },
            Rule {
                economy: "RS".into(),
                check: CheckCode::CooAgencyLicence,
                pathways: Some(vec![]),
                threshold: None,
                version: "v2".into(),
            },
        ];
        let text = Rules::to_csv(&own);
        assert!(text.contains("RS,coo_agency_licence,none,,v2"), "{text}");
        assert_eq!(Rules::parse(&text, &economies()).unwrap().0, own);
        let rules = shipped.with_own("RS", own);
        let rs = rules.for_case("RS", "rs-single-permit");
        assert_eq!(rs.len(), CheckCode::ALL.len() - 1, "switched off");
        assert!(rs.iter().any(|r| r.threshold == Some(0.25) && r.stamp() == "RS:v2"));
        let mine = rules.of_economy("RS");
        assert_eq!(mine.iter().filter(|(_, own)| *own).count(), 2);
        assert_eq!(
            rules.for_case("AL", "x").len(),
            CheckCode::ALL.len(),
            "others keep theirs"
        );
        let again = rules.with_own("RS", vec![]);
        assert!(again.of_economy("RS").iter().all(|(_, own)| !own));
    }

    fn rule(check: CheckCode, threshold: Option<f64>) -> Rule {
        Rule {
            economy: "*".into(),
            check,
            pathways: None,
            threshold,
            version: "t".into(),
        }
    }

    fn evidence<'a>(employer: Found<&'a Employer>, coo: Found<&'a Agency>, recent: u32) -> Evidence<'a> {
        Evidence {
            applied_on: "2026-11-02",
            employer,
            employer_recent: recent,
            local_agency: Found::NotNamed,
            coo_agency: coo,
            coo_name: "Nepal",
            earlier: &[],
            index_size: 0,
            abroad: &NO_ABROAD,
        }
    }

    #[test]
    fn registers_give_pass_flag_fail_or_pending_with_their_evidence() {
        let fields = CaseFields {
            employer: "RS-100".into(),
            coo_agency: "1042/079".into(),
            ..Default::default()
        };
        let firm = Employer {
            id: "RS-100".into(),
            name: "Gradnja doo".into(),
            status: EmployerStatus::Active,
            employees: Some(10),
            sector: "F".into(),
        };
        let agency = Agency {
            licence: "1042/079".into(),
            name: "Everest Manpower".into(),
            status: LicenceStatus::Valid,
            valid_from: "2022-01-01".into(),
            valid_to: "2026-06-30".into(),
        };
        let rules = [
            rule(CheckCode::EmployerRegister, None),
            rule(CheckCode::EmployerVolume, Some(0.5)),
            rule(CheckCode::CooAgencyLicence, None),
        ];
        let refs: Vec<&Rule> = rules.iter().collect();
        let got = run(&fields, &refs, &evidence(Found::Entry(&firm), Found::Entry(&agency), 6));
        let results: Vec<CheckResult> = got.iter().map(|c| c.result).collect();
        assert_eq!(results, [CheckResult::Pass, CheckResult::Flag, CheckResult::Fail]);
        assert!(
            got[1].explanation.contains("6 permit applications") && got[1].explanation.contains("allows 5"),
            "{}",
            got[1].explanation
        );
        assert!(
            got[2].explanation.contains("ended on 2026-06-30"),
            "{}",
            got[2].explanation
        );
        assert_eq!(got[0].rules_version, "*:t");

        let none = run(&fields, &refs, &evidence(Found::NoRegister, Found::NoRegister, 1));
        assert!(none.iter().all(|c| c.result == CheckResult::Pending), "{none:?}");
        let missing = run(&fields, &refs, &evidence(Found::Missing, Found::Missing, 1));
        assert_eq!(missing[0].result, CheckResult::Flag);
        assert!(
            missing[2].explanation.contains("Nepal's list"),
            "{}",
            missing[2].explanation
        );
    }
}
