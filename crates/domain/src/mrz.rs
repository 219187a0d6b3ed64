//! The machine-readable zone of a passport (ICAO Doc 9303, part 4: the TD3 format, two lines of 44
//! characters): reading it field by field, checking its five check digits, and comparing it with
//! what a case officer typed. A screening check reports each finding in words; nothing here
//! decides anything.
//!
//! Invariants: a line is never read beyond its 44 characters; a check digit is computed exactly as
//! Doc 9303 §4.9 says (weights 7, 3, 1; `<` is 0, letters A–Z are 10–35); a reading that fails
//! names the line and the character positions (1-based) it concerns.

use serde::Serialize;
use thiserror::Error;

/// Why two lines are not a TD3 machine-readable zone at all (as opposed to a zone whose check
/// digits do not match, which [`Td3::problems`] reports).
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum MrzError {
    #[error("line {line} has {found} characters; a passport MRZ line has 44")]
    Length { line: u8, found: usize },
    #[error("line {line}, position {position}: `{found}` is not a letter, a digit or `<`")]
    Character { line: u8, position: usize, found: char },
    #[error("line 1 starts with `{found}`: a passport MRZ starts with `P`")]
    NotPassport { found: String },
}

/// The value of one MRZ character in a check-digit sum.
fn value(c: char) -> u32 {
    match c {
        '0'..='9' => c as u32 - '0' as u32,
        'A'..='Z' => c as u32 - 'A' as u32 + 10,
        _ => 0,
    }
}

/// The check digit of a field (Doc 9303 §4.9).
pub fn check_digit(field: &str) -> char {
    const WEIGHTS: [u32; 3] = [7, 3, 1];
    let sum: u32 = field.chars().enumerate().map(|(i, c)| value(c) * WEIGHTS[i % 3]).sum();
    char::from_digit(sum % 10, 10).unwrap_or('0')
}

/// A passport MRZ read field by field, with its check digits as printed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Td3 {
    /// `P` and the type's second letter (`<` for none).
    pub document_type: String,
    /// ISO 3166-1 alpha-3 (or ICAO's codes such as `D<<`).
    pub issuing_state: String,
    pub surname: String,
    pub given_names: String,
    pub document_number: String,
    pub nationality: String,
    /// `YYMMDD`, as printed.
    pub birth_date: String,
    /// `M`, `F` or `<` (unspecified).
    pub sex: char,
    /// `YYMMDD`, as printed.
    pub expiry_date: String,
    pub personal_number: String,
    line2: String,
}

/// One finding about an MRZ, in words, with what it concerns.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MrzProblem {
    /// The field concerned: `document_number`, `birth_date`, `expiry_date`, `personal_number`,
    /// `composite`, or a typed field the zone contradicts.
    pub field: &'static str,
    pub message: String,
}

fn text(s: &str) -> String {
    s.trim_end_matches('<').replace('<', " ").trim().to_string()
}

impl Td3 {
    /// Reads two lines (surrounding spaces ignored, letters upper-cased).
    pub fn read(line1: &str, line2: &str) -> Result<Td3, MrzError> {
        let norm = |s: &str| s.trim().to_ascii_uppercase();
        let (l1, l2) = (norm(line1), norm(line2));
        for (n, l) in [(1u8, &l1), (2, &l2)] {
            if let Some((i, c)) = l
                .chars()
                .enumerate()
                .find(|(_, c)| !(c.is_ascii_uppercase() || c.is_ascii_digit() || *c == '<'))
            {
                return Err(MrzError::Character {
                    line: n,
                    position: i + 1,
                    found: c,
                });
            }
            let found = l.chars().count();
            if found != 44 {
                return Err(MrzError::Length { line: n, found });
            }
        }
        if !l1.starts_with('P') {
            return Err(MrzError::NotPassport {
                found: l1.chars().take(2).collect(),
            });
        }
        // Only ASCII is left: byte offsets are character offsets.
        let (names, rest) = l1[5..].split_once("<<").unwrap_or((&l1[5..], ""));
        Ok(Td3 {
            document_type: l1[..2].to_string(),
            issuing_state: l1[2..5].to_string(),
            surname: text(names),
            given_names: text(rest),
            document_number: l2[..9].to_string(),
            nationality: l2[10..13].to_string(),
            birth_date: l2[13..19].to_string(),
            sex: l2.as_bytes()[20] as char,
            expiry_date: l2[21..27].to_string(),
            personal_number: l2[28..42].to_string(),
            line2: l2,
        })
    }

    /// The document number without its filler.
    pub fn number(&self) -> String {
        self.document_number.trim_end_matches('<').to_string()
    }

    /// Each check digit that does not match its field, in words with its position on line 2.
    pub fn problems(&self) -> Vec<MrzProblem> {
        let l = &self.line2;
        let mut out = vec![];
        let mut check = |field: &'static str, what: &str, data: &str, at: usize| {
            let printed = l.as_bytes()[at] as char;
            let expected = check_digit(data);
            // An empty personal number may carry `<` as its check digit.
            let empty_ok = field == "personal_number" && printed == '<' && data.chars().all(|c| c == '<');
            if printed != expected && !empty_ok {
                out.push(MrzProblem {
                    field,
                    message: crate::wording::say(
                        what,
                        &[
                            ("position", &(at + 1).to_string()),
                            ("printed", &printed.to_string()),
                            ("expected", &expected.to_string()),
                        ],
                    ),
                });
            }
        };
        check("document_number", "mrz-digit-number", &l[..9], 9);
        check("birth_date", "mrz-digit-birth", &l[13..19], 19);
        check("expiry_date", "mrz-digit-expiry", &l[21..27], 27);
        check("personal_number", "mrz-digit-personal", &l[28..42], 42);
        let composite = format!("{}{}{}", &l[..10], &l[13..20], &l[21..43]);
        check("composite", "mrz-digit-composite", &composite, 43);
        out
    }

    /// Where the zone contradicts what was typed: passport number, date of birth (`YYYY-MM-DD`,
    /// or `YYYY` alone, whose year is compared), sex, passport expiry and surname.
    pub fn contradictions(&self, typed: &Typed<'_>) -> Vec<MrzProblem> {
        let mut out = vec![];
        let mut differ = |field: &'static str, what: &str, zone: String, typed: &str| {
            out.push(MrzProblem {
                field,
                message: crate::wording::say(what, &[("zone", &zone), ("typed", typed)]),
            });
        };
        if let Some(n) = typed.passport_number {
            let n: String = n
                .chars()
                .filter(|c| c.is_ascii_alphanumeric())
                .collect::<String>()
                .to_ascii_uppercase();
            if !n.is_empty() && n != self.number() {
                differ("passport_number", "mrz-differs-number", self.number(), &n);
            }
        }
        if let Some(d) = typed.date_of_birth
            && !matches_date(&self.birth_date, d)
        {
            differ("date_of_birth", "mrz-differs-birth", yymmdd_words(&self.birth_date), d);
        }
        if let Some(d) = typed.passport_expiry
            && !matches_date(&self.expiry_date, d)
        {
            differ(
                "passport_expiry",
                "mrz-differs-expiry",
                yymmdd_words(&self.expiry_date),
                d,
            );
        }
        if let Some(s) = typed.sex {
            let s = s.trim().to_ascii_uppercase();
            if matches!(s.as_str(), "M" | "F") && self.sex != '<' && s != self.sex.to_string() {
                differ("sex", "mrz-differs-sex", self.sex.to_string(), &s);
            }
        }
        if let Some(surname) = typed.surname {
            // The MRZ transliterates and truncates names: compare letters only, up to what fits.
            let letters = |s: &str| -> String {
                s.chars()
                    .filter(|c| c.is_ascii_alphabetic())
                    .collect::<String>()
                    .to_ascii_uppercase()
            };
            let (zone, case) = (letters(&self.surname), letters(surname));
            if !case.is_empty() && !zone.is_empty() && !case.starts_with(&zone) && !zone.starts_with(&case) {
                differ("surname", "mrz-differs-surname", self.surname.clone(), surname);
            }
        }
        out
    }
}

/// The fields of a case the zone is compared with.
#[derive(Debug, Clone, Copy, Default)]
pub struct Typed<'a> {
    pub passport_number: Option<&'a str>,
    pub date_of_birth: Option<&'a str>,
    pub passport_expiry: Option<&'a str>,
    pub sex: Option<&'a str>,
    pub surname: Option<&'a str>,
}

/// The holder and passport a zone is written for: the reverse of [`Td3::read`], for the
/// synthetic demo caseload and for tests.
#[derive(Debug, Clone, Copy)]
pub struct Holder<'a> {
    pub surname: &'a str,
    pub given_names: &'a str,
    /// ISO 3166-1 alpha-3, which is both the issuing state and the nationality.
    pub nationality: &'a str,
    pub number: &'a str,
    /// `YYYY-MM-DD`.
    pub date_of_birth: &'a str,
    /// `M`, `F` or `<`.
    pub sex: char,
    /// `YYYY-MM-DD`.
    pub expiry: &'a str,
}

/// The two lines of a TD3 zone for `h`, with its five check digits (the empty optional-data field
/// has the check digit `0`, which Doc 9303 allows beside `<`).
pub fn write_td3(h: &Holder<'_>) -> [String; 2] {
    let upper = |s: &str| s.to_uppercase().replace([' ', '-'], "<");
    let name = format!("{}<<{}", upper(h.surname), upper(h.given_names));
    let line1: String = format!("P<{}{name:<<39}", h.nationality).chars().take(44).collect();
    let yymmdd = |d: &str| d.replace('-', "").get(2..8).unwrap_or_default().to_string();
    let (doc, birth, expiry, optional) = (
        format!("{:<<9}", h.number),
        yymmdd(h.date_of_birth),
        yymmdd(h.expiry),
        "<".repeat(14),
    );
    let body = format!(
        "{doc}{}{}{birth}{}{}{expiry}{}{optional}{}",
        check_digit(&doc),
        h.nationality,
        check_digit(&birth),
        h.sex,
        check_digit(&expiry),
        check_digit(&optional)
    );
    let composite = format!("{}{}{}", &body[..10], &body[13..20], &body[21..43]);
    [line1, format!("{body}{}", check_digit(&composite))]
}

/// `line2` with the document number's check digit mistyped (one more, modulo 10), as forged or
/// badly keyed zones have: for the synthetic demo caseload and tests.
pub fn mistype_number_digit(line2: &str) -> String {
    let mut out = line2.to_string();
    if let Some(d) = line2.get(9..10).and_then(|c| c.parse::<u8>().ok()) {
        out.replace_range(9..10, &((d + 1) % 10).to_string());
    }
    out
}

/// Whether an MRZ date (`YYMMDD`) agrees with a typed one (`YYYY-MM-DD`, or `YYYY`, compared by
/// its last two digits since the zone has no century).
fn matches_date(zone: &str, typed: &str) -> bool {
    let digits: String = typed.chars().filter(char::is_ascii_digit).collect();
    match digits.len() {
        8 => digits[2..] == *zone,
        4 => digits[2..4] == zone[..2],
        // Nothing comparable was typed: no contradiction to report.
        _ => true,
    }
}

/// `YYMMDD` as `YY-MM-DD` for a reader (the century is not in the zone).
fn yymmdd_words(d: &str) -> String {
    match (d.get(..2), d.get(2..4), d.get(4..6)) {
        (Some(y), Some(m), Some(day)) => format!("{y}-{m}-{day} (YY-MM-DD)"),
        _ => d.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    // The specimen of ICAO Doc 9303 part 4, Appendix A (Utopia, Anna Maria Eriksson).
    const L1: &str = "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<";
    const L2: &str = "L898902C36UTO7408122F1204159ZE184226B<<<<<10";

    #[test]
    fn a_written_zone_reads_back_with_every_check_digit_holding() {
        let h = Holder {
            surname: "Tamang",
            given_names: "Sunita Kumari",
            nationality: "NPL",
            number: "PA1234567",
            date_of_birth: "1994-03-17",
            sex: 'F',
            expiry: "2031-01-31",
        };
        let [l1, l2] = write_td3(&h);
        let z = Td3::read(&l1, &l2).unwrap();
        assert!(z.problems().is_empty(), "{:?}", z.problems());
        assert_eq!(
            (z.surname.as_str(), z.given_names.as_str(), z.number()),
            ("TAMANG", "SUNITA KUMARI", "PA1234567".into())
        );
        assert_eq!(
            (z.birth_date.as_str(), z.sex, z.expiry_date.as_str()),
            ("940317", 'F', "310131")
        );
    }

    #[test]
    fn the_icao_specimen_reads_and_its_check_digits_hold() {
        let z = Td3::read(L1, L2).unwrap();
        assert_eq!(z.surname, "ERIKSSON");
        assert_eq!(z.given_names, "ANNA MARIA");
        assert_eq!(z.number(), "L898902C3");
        assert_eq!(
            (z.nationality.as_str(), z.birth_date.as_str(), z.sex),
            ("UTO", "740812", 'F')
        );
        assert_eq!(z.expiry_date, "120415");
        assert!(z.problems().is_empty(), "{:?}", z.problems());
        assert_eq!(check_digit("L898902C3"), '6');
        assert_eq!(check_digit("740812"), '2');
        assert_eq!(check_digit("120415"), '9');
    }

    #[test]
    fn each_wrong_check_digit_is_named_with_its_position() {
        let mut l2: Vec<char> = L2.chars().collect();
        l2[9] = '7'; // passport number's digit
        let z = Td3::read(L1, &l2.iter().collect::<String>()).unwrap();
        let p = z.problems();
        let fields: Vec<&str> = p.iter().map(|x| x.field).collect();
        assert_eq!(
            fields,
            ["document_number", "composite"],
            "the composite covers the number's digit"
        );
        assert!(
            p[0].message.contains("position 10") && p[0].message.contains("gives 6"),
            "{}",
            p[0].message
        );
        let mut l2: Vec<char> = L2.chars().collect();
        l2[19] = '0'; // date of birth's digit
        let z = Td3::read(L1, &l2.iter().collect::<String>()).unwrap();
        assert_eq!(z.problems()[0].field, "birth_date");
    }

    /// Two lines made by the rule, as a passport printer would.
    fn make(number: &str, nat: &str, birth: &str, sex: char, expiry: &str) -> (String, String) {
        let l1 = format!("P<{nat}{:<<39}", "TAMANG<<SUNITA")
            .chars()
            .take(44)
            .collect::<String>();
        let doc = format!("{number:<<9}");
        let opt = "<".repeat(14);
        let body = format!(
            "{doc}{}{nat}{birth}{}{sex}{expiry}{}{opt}<",
            check_digit(&doc),
            check_digit(birth),
            check_digit(expiry)
        );
        let composite = format!("{}{}{}", &body[..10], &body[13..20], &body[21..43]);
        (l1, format!("{body}{}", check_digit(&composite)))
    }

    proptest::proptest! {
        #[test]
        fn every_zone_made_by_the_rule_holds_and_any_changed_check_digit_is_caught(
            number in "[A-Z0-9]{6,9}",
            nat in "[A-Z]{3}",
            birth in "[0-9]{6}",
            expiry in "[0-9]{6}",
            female in proptest::bool::ANY,
            at in proptest::sample::select(vec![9usize, 19, 27, 43]),
            by in 1u32..10,
        ) {
            let (l1, l2) = make(&number, &nat, &birth, if female { 'F' } else { 'M' }, &expiry);
            let z = Td3::read(&l1, &l2).unwrap();
            proptest::prop_assert!(z.problems().is_empty(), "{:?}", z.problems());
            proptest::prop_assert_eq!(z.number(), number.clone());
            let mut changed: Vec<char> = l2.chars().collect();
            let d = changed[at].to_digit(10).unwrap();
            changed[at] = char::from_digit((d + by) % 10, 10).unwrap();
            let z = Td3::read(&l1, &changed.iter().collect::<String>()).unwrap();
            proptest::prop_assert!(!z.problems().is_empty(), "a changed digit at {} went unnoticed", at + 1);
        }
    }

    #[test]
    fn what_is_not_a_passport_mrz_is_refused_with_where() {
        assert_eq!(Td3::read(L1, &L2[..40]), Err(MrzError::Length { line: 2, found: 40 }));
        assert_eq!(
            Td3::read(&L1.replace('P', "I"), L2),
            Err(MrzError::NotPassport { found: "I<".into() })
        );
        let bad = format!("{}é{}", &L2[..5], &L2[6..]);
        assert!(matches!(
            Td3::read(L1, &bad),
            Err(MrzError::Character {
                line: 2,
                position: 6,
                ..
            })
        ));
        // Lower case and surrounding spaces are a typing matter, not a different zone.
        assert!(Td3::read(&format!("  {}", L1.to_lowercase()), L2).is_ok());
    }

    #[test]
    fn the_zone_is_compared_with_what_was_typed() {
        let z = Td3::read(L1, L2).unwrap();
        let same = Typed {
            passport_number: Some("l898902c3"),
            date_of_birth: Some("1974-08-12"),
            passport_expiry: Some("2012-04-15"),
            sex: Some("F"),
            surname: Some("Eriksson"),
        };
        assert!(z.contradictions(&same).is_empty());
        // A year-only date of birth is compared by its year.
        assert!(
            z.contradictions(&Typed {
                date_of_birth: Some("1974"),
                ..same
            })
            .is_empty()
        );
        let other = Typed {
            passport_number: Some("L898902C4"),
            date_of_birth: Some("1975-08-12"),
            sex: Some("M"),
            surname: Some("Andersson"),
            ..same
        };
        let fields: Vec<&str> = z.contradictions(&other).iter().map(|p| p.field).collect();
        assert_eq!(fields, ["passport_number", "date_of_birth", "sex", "surname"]);
    }
}
