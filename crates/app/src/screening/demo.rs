//! The synthetic screening caseload `serve --demo` seeds, so that a newcomer sees screening at
//! work: for each economy a register of employers and of licensed local agencies, for each main
//! Country of Origin a list of licensed agencies, and a few hundred cases in every state — with
//! verification requests open, overdue and answered, decisions with their reasons and what followed
//! them (permits issued, entries, absconding, onward movement). Everything
//! is made up (people, firms, agencies, licence numbers), marked synthetic, and goes through the
//! same use cases as real work, as the demo officers and liaisons.
//!
//! The generator is seeded: every run makes the same caseload.

use pathways_domain::case::CaseFields;
use pathways_domain::identity::PersonRecordKind;
use pathways_domain::mrz::{Holder, mistype_number_digit, write_td3};
use pathways_domain::register::RegisterKind;
use pathways_domain::screening::CaseState;
use rand::rngs::StdRng;
use rand::{Rng, RngCore, SeedableRng};

use super::decisions::DecisionInput;
use crate::accounts::DEMO_COUNTRIES;
use crate::{App, Result};

/// Cases per economy.
pub const CASES_PER_ECONOMY: usize = 240;

/// Given names and surnames per Country of Origin (ISO alpha-2, and the MRZ's alpha-3).
const PEOPLE: &[(&str, &str, &[&str], &[&str])] = &[
    (
        "NP",
        "NPL",
        &[
            "Ram", "Sita", "Bikash", "Sunita", "Krishna", "Anita", "Suman", "Gita", "Dipak", "Sarita",
        ],
        &[
            "Thapa", "Gurung", "Tamang", "Shrestha", "Rai", "Magar", "Adhikari", "Karki", "Limbu", "Bhandari",
        ],
    ),
    (
        "BD",
        "BGD",
        &[
            "Md", "Abdul", "Rahim", "Karim", "Nasrin", "Shirin", "Jamal", "Rubel", "Sohel", "Mitu",
        ],
        &[
            "Rahman", "Hossain", "Islam", "Uddin", "Akter", "Begum", "Miah", "Alam", "Sarker", "Khatun",
        ],
    ),
    (
        "IN",
        "IND",
        &[
            "Rajesh", "Sunil", "Priya", "Amit", "Deepak", "Kavita", "Manoj", "Anil", "Pooja", "Ravi",
        ],
        &[
            "Kumar", "Singh", "Sharma", "Yadav", "Das", "Nair", "Patel", "Reddy", "Gupta", "Verma",
        ],
    ),
    (
        "PK",
        "PAK",
        &[
            "Muhammad", "Ali", "Imran", "Bilal", "Ayesha", "Usman", "Hamza", "Saima", "Tariq", "Asif",
        ],
        &[
            "Khan", "Ahmed", "Hussain", "Iqbal", "Butt", "Malik", "Raza", "Shah", "Anwar", "Javed",
        ],
    ),
    (
        "LK",
        "LKA",
        &[
            "Nimal", "Kamal", "Sunil", "Chamari", "Dilani", "Ruwan", "Kasun", "Nadeesha", "Saman", "Tharindu",
        ],
        &[
            "Perera",
            "Fernando",
            "Silva",
            "Jayasuriya",
            "Bandara",
            "Dissanayake",
            "Herath",
            "Kumara",
            "Rathnayake",
            "Wijesinghe",
        ],
    ),
    (
        "PH",
        "PHL",
        &[
            "Jose", "Maria", "Juan", "Ana", "Mark", "Joy", "Ramon", "Liza", "Paolo", "Grace",
        ],
        &[
            "Santos",
            "Reyes",
            "Cruz",
            "Bautista",
            "Garcia",
            "Mendoza",
            "Torres",
            "Villanueva",
            "Ramos",
            "Aquino",
        ],
    ),
    (
        "UZ",
        "UZB",
        &[
            "Aziz", "Dilshod", "Rustam", "Malika", "Sardor", "Nodira", "Bekzod", "Jasur", "Shahlo", "Otabek",
        ],
        &[
            "Karimov",
            "Rakhimov",
            "Yusupov",
            "Tashkentova",
            "Aliyev",
            "Nazarov",
            "Saidov",
            "Umarov",
            "Ergashev",
            "Mirzaev",
        ],
    ),
    (
        "TR",
        "TUR",
        &[
            "Mehmet", "Ahmet", "Ayse", "Fatma", "Mustafa", "Emine", "Hasan", "Zeynep", "Ali", "Elif",
        ],
        &[
            "Yilmaz", "Kaya", "Demir", "Sahin", "Celik", "Yildiz", "Aydin", "Ozturk", "Arslan", "Dogan",
        ],
    ),
];

/// Sectors (NACE) and occupations (ISCO-08) the region's foreign workers are mostly hired in.
const JOBS: &[(&str, &str, &str)] = &[
    ("F", "7112", "Construction"),
    ("F", "9313", "Construction"),
    ("I", "5120", "Catering"),
    ("I", "9412", "Catering"),
    ("H", "8332", "Haulage"),
    ("C", "7212", "Metalworks"),
    ("A", "9211", "Farm"),
    ("N", "9112", "Cleaning"),
];

/// Where a demo case ends up, with how often (out of 100).
const STATES: &[(CaseState, u32)] = &[
    (CaseState::Received, 12),
    (CaseState::Screening, 18),
    (CaseState::AwaitingCoo, 18),
    (CaseState::ReadyForDecision, 10),
    (CaseState::Decided, 30),
    (CaseState::Closed, 12),
];

fn day(d: time::Date) -> String {
    format!("{:04}-{:02}-{:02}", d.year(), u8::from(d.month()), d.day())
}

impl App {
    /// Seeds the synthetic caseload once (after `ensure_demo_users`); returns the cases made, 0
    /// when a caseload is already there.
    pub async fn ensure_demo_caseload(&self) -> Result<usize> {
        if self
            .store
            .read()
            .await?
            .register_imports()
            .await?
            .iter()
            .any(|i| i.synthetic)
        {
            return Ok(0);
        }
        let mut rng = StdRng::seed_from_u64(20);
        let today = time::OffsetDateTime::now_utc().date();
        let economies: Vec<String> = self.vocab().economies.iter().map(|e| e.code.clone()).collect();
        for c in DEMO_COUNTRIES {
            let liaison = self
                .principal_by_email(&format!("coo-{}@demo", c.to_ascii_lowercase()))
                .await?;
            let mut csv = String::from("licence,name,status,valid_from,valid_to\n");
            for i in 1..=12 {
                let status = match i {
                    11 => "banned",
                    12 => "expired",
                    _ => "valid",
                };
                let to = if i == 12 { "2025-06-30" } else { "2028-12-31" };
                csv.push_str(&format!(
                    "{c}-L{i:03},Sample Overseas Recruiters {c} {i:02} (demo),{status},2021-01-01,{to}\n"
                ));
            }
            self.load_register(
                &liaison,
                RegisterKind::CooAgencies,
                c,
                "demo-licensed-agencies.csv",
                csv.as_bytes(),
                true,
            )
            .await?;
        }
        let reasons_for = |d: &str| -> Vec<String> {
            match d {
                "grant" => vec!["checks_satisfied".into()],
                _ => vec!["coo_not_confirmed".into()],
            }
        };
        let mut made = 0;
        // People who applied in an economy before: every 30th application elsewhere is one of
        // them, moving on with the same passport (what the registers exchanged between economies
        // are for).
        let mut movers: Vec<(&str, &str, &str, &str, String, String)> = vec![];
        for e in &economies {
            let before_here = movers.len();
            let officer = self
                .principal_by_email(&format!("officer-{}@demo", e.to_ascii_lowercase()))
                .await?;
            let mut employers = String::from("registration_number,name,status,employees,sector\n");
            for i in 1..=30 {
                let status = match i {
                    29 => "closed",
                    30 => "sanctioned",
                    _ => "active",
                };
                let (sector, _, kind) = JOBS[i % JOBS.len()];
                let staff = [6, 12, 25, 40, 80, 150][i % 6];
                employers.push_str(&format!(
                    "{e}-E{i:04},Sample {kind} {e} {i:02} (demo),{status},{staff},{sector}\n"
                ));
            }
            self.load_register(
                &officer,
                RegisterKind::Employers,
                e,
                "demo-employers.csv",
                employers.as_bytes(),
                true,
            )
            .await?;
            let mut local = String::from("licence,name,status,valid_from,valid_to\n");
            for i in 1..=8 {
                let status = if i == 8 { "suspended" } else { "valid" };
                local.push_str(&format!(
                    "{e}-A{i:03},Sample Staffing {e} {i:02} (demo),{status},2020-01-01,2029-12-31\n"
                ));
            }
            self.load_register(
                &officer,
                RegisterKind::LocalAgencies,
                e,
                "demo-local-agencies.csv",
                local.as_bytes(),
                true,
            )
            .await?;
            let pathways: Vec<String> = self
                .store
                .read()
                .await?
                .records(&pathways_storage::RecordQuery {
                    kind: "pathway".into(),
                    owner: Some(e.clone()),
                    ..Default::default()
                })
                .await?
                .into_iter()
                .map(|r| r.id)
                .collect();
            // The people applied for so far: every 24th application is one of them again, with
            // a renewed passport (what the identity review is for).
            let mut seen: Vec<(&str, &str, &str, &str, String)> = vec![];
            for n in 0..CASES_PER_ECONOMY {
                let mover = (n % 30 == 14 && before_here > 0).then(|| movers[rng.random_range(0..before_here)].clone());
                let (iso2, iso3, given, surname, sex, dob) = if let Some((iso2, iso3, given, surname, dob, _)) = &mover
                {
                    (*iso2, *iso3, *given, *surname, "M", dob.clone())
                } else if n % 24 == 23 && !seen.is_empty() {
                    let (iso2, iso3, given, surname, dob) = seen[rng.random_range(0..seen.len())].clone();
                    (iso2, iso3, given, surname, "M", dob)
                } else {
                    let (iso2, iso3, givens, surnames) = PEOPLE[rng.random_range(0..PEOPLE.len())];
                    let given = givens[rng.random_range(0..givens.len())];
                    let surname = surnames[rng.random_range(0..surnames.len())];
                    let sex = if rng.random_bool(0.8) { "M" } else { "F" };
                    let dob = day(today - time::Duration::days(rng.random_range(20 * 365..45 * 365)));
                    if sex == "M" {
                        seen.push((iso2, iso3, given, surname, dob.clone()));
                    }
                    (iso2, iso3, given, surname, sex, dob)
                };
                let applied = today - time::Duration::days(rng.random_range(0..365));
                let start = applied + time::Duration::days(rng.random_range(30..120));
                let end = start + time::Duration::days(365 * rng.random_range(1..3));
                // Most passports outlast the contract; a few do not.
                let expiry = end
                    + time::Duration::days(if rng.random_bool(0.93) {
                        rng.random_range(200..2500)
                    } else {
                        20
                    });
                let passport = match &mover {
                    Some((.., passport)) => passport.clone(),
                    None => format!("{}{:07}", &iso2[..1], rng.random_range(1_000_000..9_999_999)),
                };
                if mover.is_none() && sex == "M" && n % 10 == 0 {
                    movers.push((iso2, iso3, given, surname, dob.clone(), passport.clone()));
                }
                let (sector, occupation, _) = JOBS[rng.random_range(0..JOBS.len())];
                let employer_no = rng.random_range(1..=31);
                let mut fields = CaseFields {
                    economy: e.clone(),
                    given_name: given.into(),
                    surname: surname.into(),
                    date_of_birth: if rng.random_bool(0.05) {
                        dob[..4].to_string()
                    } else {
                        dob.clone()
                    },
                    sex: sex.into(),
                    nationality: iso2.into(),
                    passport_number: passport.clone(),
                    passport_expiry: day(expiry),
                    employer: if employer_no == 31 {
                        format!("Unregistered Trading {e} (demo)")
                    } else {
                        format!("{e}-E{employer_no:04}")
                    },
                    local_agency: if rng.random_bool(0.5) {
                        format!("{e}-A{:03}", rng.random_range(1..=8))
                    } else {
                        String::new()
                    },
                    coo_agency: format!("{iso2}-L{:03}", rng.random_range(1..=13)),
                    pathway: if pathways.is_empty() {
                        String::new()
                    } else {
                        pathways[n % pathways.len()].clone()
                    },
                    occupation: occupation.into(),
                    sector: sector.into(),
                    contract_start: day(start),
                    contract_end: day(end),
                    application_date: day(applied),
                    ..Default::default()
                };
                if fields.date_of_birth.len() == 10 && rng.random_bool(0.7) {
                    fields.mrz = write_td3(&Holder {
                        surname,
                        given_names: given,
                        nationality: iso3,
                        number: &passport,
                        date_of_birth: &dob,
                        sex: sex.chars().next().unwrap_or('<'),
                        expiry: &day(expiry),
                    })
                    .to_vec();
                    // A few zones carry a mistyped check digit, as forged or badly keyed ones do.
                    if rng.random_bool(0.04) {
                        fields.mrz[1] = mistype_number_digit(&fields.mrz[1]);
                    }
                }
                let c = self.create_case(&officer, fields, true).await?;
                made += 1;
                let roll = rng.random_range(0..100);
                let mut acc = 0;
                let target = STATES
                    .iter()
                    .find(|(_, w)| {
                        acc += w;
                        roll < acc
                    })
                    .map_or(CaseState::Received, |(s, _)| *s);
                if target == CaseState::Received {
                    continue;
                }
                let c = self.move_case(&officer, &c.id, "screening", Some(c.version)).await?;
                if target == CaseState::Screening {
                    continue;
                }
                // Asked some weeks after the application; overdue when the answer never came.
                let asked = applied + time::Duration::days(rng.random_range(3..20));
                let asked = day(asked.min(today));
                let subject = [
                    "demand_letter",
                    "agency_licence",
                    "police_clearance",
                    "emigration_clearance",
                    "identity",
                ][rng.random_range(0..5)];
                // Half the requests still waiting were sent lately and are not yet due.
                let fresh = target == CaseState::AwaitingCoo && rng.random_bool(0.5);
                let made_on = (!fresh).then_some(asked.as_str());
                let r = self
                    .make_request(&officer, &c.id, iso2, subject, None, "", made_on)
                    .await?;
                if target == CaseState::AwaitingCoo {
                    continue;
                }
                let liaison = self
                    .principal_by_email(&format!("coo-{}@demo", iso2.to_ascii_lowercase()))
                    .await?;
                let outcome = match rng.random_range(0..10) {
                    0..=6 => "confirmed",
                    7 | 8 => "not_confirmed",
                    _ => "cannot_verify",
                };
                self.answer(
                    &liaison,
                    &r.id,
                    outcome,
                    "Checked against our records (demo answer).",
                    false,
                )
                .await?;
                if target == CaseState::ReadyForDecision {
                    continue;
                }
                let decision = match outcome {
                    "confirmed" => "grant",
                    "not_confirmed" => "refuse",
                    _ => "suspend",
                };
                let note = match decision {
                    "grant" => "Checks read; the Country of Origin confirmed. (demo)",
                    "refuse" => "The Country of Origin did not confirm; refused. (demo)",
                    _ => "Suspended until the Country of Origin can verify. (demo)",
                };
                let decided = self
                    .decide(
                        &officer,
                        &c.id,
                        DecisionInput {
                            decision: decision.into(),
                            reasons: reasons_for(decision),
                            note: note.into(),
                            version: None,
                        },
                    )
                    .await?;
                if decision == "grant" {
                    // What followed, as far as it has happened by today.
                    let mut after = vec![("permit_issued", 25), ("entry", 60)];
                    match rng.random_range(0..100) {
                        0..=5 => after.push(("absconding_reported", 150)),
                        6..=8 => after.push(("irregular_onward_movement", 170)),
                        9..=12 => after.push(("employer_change", 200)),
                        _ => {}
                    }
                    for (kind, days) in after {
                        let on = applied + time::Duration::days(days);
                        if on <= today {
                            self.record_outcome(&officer, &decided.id, kind, &day(on), "(demo)")
                                .await?;
                        }
                    }
                }
                if target == CaseState::Closed {
                    self.move_case(&officer, &decided.id, "closed", None).await?;
                }
            }
            // Reports that permit holders left their employer: three of them applied here (one
            // written with the day first, one passport number with a stray character, as
            // registers are), one never did.
            let mut reports =
                String::from("full_name,date_of_birth,sex,nationality,passport_number,event_date,event\n");
            for (k, (iso2, _, given, surname, dob)) in seen.iter().take(3).enumerate() {
                let written = if k == 1 {
                    format!("{}.{}.{}", &dob[8..10], &dob[5..7], &dob[..4])
                } else {
                    dob.clone()
                };
                let passport = if k == 2 { "unknown#" } else { "" };
                reports.push_str(&format!(
                    "{} {given},{written},M,{iso2},{passport},{},left the employer (demo)\n",
                    surname.to_uppercase(),
                    day(today - time::Duration::days(20 + 15 * k as i64))
                ));
            }
            reports.push_str(&format!(
                "SHRESTHA Hari,1991-02-14,M,NP,N7000001,{},left the economy (demo)\n",
                day(today - time::Duration::days(40))
            ));
            self.import_person_register(
                &officer,
                PersonRecordKind::Absconding,
                "demo-absconding-reports.csv",
                reports.as_bytes(),
                false,
            )
            .await?;
        }
        self.demo_federation(&economies).await?;
        Ok(made)
    }

    /// A key for the demo's encoded registers (random, made here: a real deployment adds the key
    /// the economies agreed), and every economy's register published to the others.
    async fn demo_federation(&self, economies: &[String]) -> Result<()> {
        let admin = crate::auth::system("demo");
        if self.federation_keys(&admin).await?.is_empty() {
            let mut key = [0u8; 32];
            rand::rng().fill_bytes(&mut key);
            self.add_federation_key(&admin, hex::encode(key).as_bytes()).await?;
        }
        for e in economies {
            let officer = self
                .principal_by_email(&format!("officer-{}@demo", e.to_ascii_lowercase()))
                .await?;
            self.publish(&officer, false).await?;
        }
        let mut tx = self.store.write().await?;
        for e in economies {
            self.recheck_open(&mut tx, pathways_storage::OpenBy::Economy, e).await?;
        }
        tx.commit().await?;
        Ok(())
    }
}
