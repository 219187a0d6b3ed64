//! How a case import reads what permit systems write: dates in the formats of the region
//! (`14.02.1991`, `14/02/1991`) are read as dates, a country by its name as its code; a value that
//! still cannot be read is set aside — the field keeps what could be read of it (the year of an
//! impossible date of birth, the letters and digits of a passport number) or nothing, the value as
//! written is kept on the case (`CaseFields::set_aside`) and counted per column with its first
//! lines for the import's report. What makes a case (a name, a nationality, a date of birth or
//! its year, a passport number) is not set aside: a row without it is refused with its line.

use pathways_domain::case::CaseFields;
use pathways_domain::date;
use pathways_linkage::date::{DateCell, read_date};
use pathways_linkage::quality::Unreadable;

/// The date formats case files are read in, the ISO date first.
fn formats() -> Vec<String> {
    ["%Y-%m-%d", "%d.%m.%Y", "%d/%m/%Y", "%Y/%m/%d", "%d-%m-%Y"]
        .iter()
        .map(|f| f.to_string())
        .collect()
}

fn iso(d: pathways_linkage::date::Date) -> String {
    format!("{:04}-{:02}-{:02}", d.y, d.m, d.d)
}

/// What reading a row leniently needs to know.
pub(crate) struct Reader<'a> {
    formats: Vec<String>,
    /// Country codes and names (lower case) of the vocabulary.
    countries: &'a [(String, String)],
    pathways: &'a [String],
}

impl<'a> Reader<'a> {
    pub(crate) fn new(countries: &'a [(String, String)], pathways: &'a [String]) -> Reader<'a> {
        Reader {
            formats: formats(),
            countries,
            pathways,
        }
    }

    /// Reads the fields of one row (line `line`), setting aside what cannot be read and counting
    /// it under the file's own column name (`column`).
    pub(crate) fn read(&self, f: &mut CaseFields, line: u64, column: &dyn Fn(&str) -> String, u: &mut Unreadable) {
        // What is set aside: the field, the value as written, why, and what was kept of it.
        let mut aside: Vec<(&str, String, &str, String)> = vec![];
        // A date of birth: a date, a year, or the year of what is no date.
        let raw = f.date_of_birth.trim().to_string();
        let year = raw.len() == 4 && raw.bytes().all(|b| b.is_ascii_digit());
        let as_held = raw.is_empty() || date::is_date(&raw) || year;
        if !as_held {
            match read_date(&raw, &self.formats) {
                DateCell::Date(d) => f.date_of_birth = iso(d),
                DateCell::Year(d) => f.date_of_birth = format!("{:04}", d.y),
                DateCell::Unreadable(Some(d)) => {
                    f.date_of_birth = format!("{:04}", d.y);
                    aside.push((
                        "date_of_birth",
                        raw,
                        "not a date",
                        format!("read as the year {:04}", d.y),
                    ));
                }
                // Left as written: no year can be read, and a case needs one (refused below).
                DateCell::Unreadable(None) | DateCell::Empty => {}
            }
        }
        for (field, value) in [
            ("passport_expiry", &mut f.passport_expiry),
            ("contract_start", &mut f.contract_start),
            ("contract_end", &mut f.contract_end),
            ("application_date", &mut f.application_date),
        ] {
            let raw = value.trim().to_string();
            if raw.is_empty() || date::is_date(&raw) {
                continue;
            }
            match read_date(&raw, &self.formats) {
                DateCell::Date(d) => *value = iso(d),
                _ => {
                    value.clear();
                    aside.push((field, raw, "not a date", "left empty".into()));
                }
            }
        }
        if date::is_date(&f.contract_start) && date::is_date(&f.contract_end) && f.contract_end < f.contract_start {
            let raw = std::mem::take(&mut f.contract_end);
            aside.push((
                "contract_end",
                raw,
                "ends before the contract starts",
                "left empty".into(),
            ));
        }
        let sex = f.sex.trim().to_ascii_uppercase();
        f.sex = match sex.as_str() {
            "F" | "M" | "X" | "" => sex,
            "FEMALE" | "Ž" | "Ж" | "W" => "F".into(),
            "MALE" | "MUŠKI" | "М" => "M".into(),
            _ => {
                let raw = std::mem::take(&mut f.sex);
                aside.push(("sex", raw, "not a sex code (F, M, X)", "left empty".into()));
                String::new()
            }
        };
        let nationality = f.nationality.trim();
        if !self.countries.iter().any(|(code, _)| code == nationality)
            && let Some((code, _)) = self
                .countries
                .iter()
                .find(|(_, name)| *name == nationality.to_lowercase())
        {
            f.nationality = code.clone();
        }
        let passport = f.passport_number.trim();
        if !passport.chars().all(|c| c.is_ascii_alphanumeric()) {
            let kept: String = passport.chars().filter(char::is_ascii_alphanumeric).collect();
            let raw = std::mem::replace(&mut f.passport_number, kept.to_ascii_uppercase());
            let read_as = format!("read as {}", f.passport_number);
            aside.push(("passport_number", raw, "characters a passport number has not", read_as));
        }
        if !f.pathway.is_empty() && !self.pathways.contains(&f.pathway) {
            let raw = std::mem::take(&mut f.pathway);
            aside.push((
                "pathway",
                raw,
                "not a legal pathway of the economy",
                "left empty".into(),
            ));
        }
        let isco = f.occupation.len() == 4 && f.occupation.bytes().all(|b| b.is_ascii_digit());
        if !f.occupation.is_empty() && !isco {
            let raw = std::mem::take(&mut f.occupation);
            aside.push(("occupation", raw, "not an ISCO-08 unit group", "left empty".into()));
        }
        if !f.mrz.is_empty() && f.mrz.len() != 2 {
            let raw = std::mem::take(&mut f.mrz).join(" / ");
            aside.push(("mrz", raw, "a passport MRZ has two lines", "left empty".into()));
        }
        for (field, raw, why, read_as) in aside {
            u.note(&column(field), line, &raw, (why.to_string(), read_as));
            f.set_aside.insert(field.to_string(), raw);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reader_test(f: &mut CaseFields) -> Unreadable {
        let countries = vec![("NP".to_string(), "nepal".to_string())];
        let pathways = vec!["rs-seasonal".to_string()];
        let r = Reader::new(&countries, &pathways);
        let mut u = Unreadable::default();
        r.read(f, 7, &|c: &str| c.to_string(), &mut u);
        u
    }

    #[test]
    fn regional_formats_are_read_and_the_rest_is_set_aside_with_what_was_written() {
        let mut f = CaseFields {
            date_of_birth: "1945-04-93".into(),
            passport_expiry: "14.02.2031".into(),
            contract_start: "2027-05-01".into(),
            contract_end: "2026-05-01".into(),
            sex: "male".into(),
            nationality: "Nepal".into(),
            passport_number: "pa 123-4567".into(),
            pathway: "nowhere".into(),
            occupation: "cook".into(),
            ..Default::default()
        };
        let u = reader_test(&mut f);
        assert_eq!(f.date_of_birth, "1945");
        assert_eq!(f.passport_expiry, "2031-02-14");
        assert_eq!((f.sex.as_str(), f.nationality.as_str()), ("M", "NP"));
        assert_eq!(f.passport_number, "PA1234567");
        assert!(f.contract_end.is_empty() && f.pathway.is_empty() && f.occupation.is_empty());
        assert_eq!(f.set_aside["date_of_birth"], "1945-04-93");
        assert_eq!(f.set_aside["passport_number"], "pa 123-4567");
        assert_eq!(f.set_aside["contract_end"], "2026-05-01");
        assert_eq!(u.total(), 5, "{:?}", u.lines());
        assert!(u.lines().iter().any(|l| l.contains("line 7")), "{:?}", u.lines());
    }

    #[test]
    fn what_makes_a_case_is_left_for_the_validation_to_refuse() {
        let mut f = CaseFields {
            date_of_birth: "unknown".into(),
            nationality: "Atlantis".into(),
            ..Default::default()
        };
        let u = reader_test(&mut f);
        assert_eq!(
            (f.date_of_birth.as_str(), f.nationality.as_str()),
            ("unknown", "Atlantis")
        );
        assert!(u.is_empty() && f.set_aside.is_empty());
    }
}
