//! The registers a case is checked against — an economy's employers and licensed local agencies,
//! and a Country of Origin's list of licensed recruitment agencies (the lists DMW, eMigrate, DoFE
//! and BEOE publish) — read from a table row by row.
//!
//! Invariants: a register is read whole or not at all (every bad row is reported, with its line
//! and column, and nothing is kept); a licence or an employer appears once per register; every
//! status is one of its vocabulary; every date is a real calendar date. Lookups compare ids and
//! names without case, spaces or punctuation, since the same agency is typed many ways.

use serde::{Deserialize, Serialize};

use crate::Problem;
use crate::code::codes;
use crate::date;
use crate::screening::LicenceStatus;
use crate::wording::say;

codes! {
    /// Which register a table is.
    pub enum RegisterKind ("register") {
        Employers = "employers",
        LocalAgencies = "local_agencies",
        CooAgencies = "coo_agencies",
    }
}

codes! {
    /// Where an employer stands in the business register.
    pub enum EmployerStatus ("employer status") {
        Active = "active",
        Inactive = "inactive",
        /// Excluded from hiring foreign workers after sanctions (Directive 2009/52/EC, Article 7).
        Sanctioned = "sanctioned",
        Closed = "closed",
    }
}

/// An employer of an economy's register.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Employer {
    /// The registration number.
    pub id: String,
    pub name: String,
    pub status: EmployerStatus,
    /// Employees on the payroll, when the register says.
    pub employees: Option<u32>,
    /// NACE section letter.
    pub sector: String,
}

/// A licensed recruitment agency, of an economy or of a Country of Origin.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Agency {
    pub licence: String,
    pub name: String,
    pub status: LicenceStatus,
    /// `YYYY-MM-DD`; empty when the list gives none.
    pub valid_from: String,
    pub valid_to: String,
}

impl Agency {
    /// Whether the licence allowed placing workers on `day` (`YYYY-MM-DD`), and if not, why.
    pub fn valid_on(&self, day: &str) -> Result<(), String> {
        if !self.status.may_place() {
            return Err(say(&format!("licence-is-{}", self.status.as_str()), &[]));
        }
        if !self.valid_from.is_empty() && day < self.valid_from.as_str() {
            return Err(say("licence-starts", &[("day", &self.valid_from)]));
        }
        if !self.valid_to.is_empty() && day > self.valid_to.as_str() {
            return Err(say("licence-ended", &[("day", &self.valid_to)]));
        }
        Ok(())
    }
}

/// The key ids and names are compared by: letters and digits, upper case.
pub fn key(s: &str) -> String {
    s.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_uppercase)
        .collect()
}

/// A table as an importer reads it: where it came from (file, and sheet), its header, its rows
/// with the line the user sees, and how to name a column for them.
pub struct TableIn<'a> {
    pub source: &'a str,
    pub header: &'a [String],
    pub rows: Vec<(u64, &'a [String])>,
    pub column_label: &'a (dyn Fn(usize) -> String + Sync),
}

/// The accepted headers of each column (the first is the one written in templates).
const LICENCE: &[&str] = &["licence", "licence_number", "license", "license_number", "licence no"];
const NAME: &[&str] = &["name", "agency", "employer", "company"];
const STATUS: &[&str] = &["status"];
const VALID_FROM: &[&str] = &["valid_from", "issued", "issued_on"];
const VALID_TO: &[&str] = &["valid_to", "expires", "expiry", "valid_until"];
const ID: &[&str] = &["id", "registration_number", "registration", "tax_id"];
const EMPLOYEES: &[&str] = &["employees", "staff", "headcount"];
const SECTOR: &[&str] = &["sector", "nace"];

struct Columns<'t, 'a> {
    table: &'t TableIn<'a>,
    problems: Vec<Problem>,
}

impl<'t, 'a> Columns<'t, 'a> {
    fn find(&mut self, names: &[&str], required: bool) -> Option<usize> {
        let found = self.table.header.iter().position(|h| {
            let h = h.trim().to_lowercase().replace(' ', "_");
            names.iter().any(|n| n.replace(' ', "_") == h)
        });
        if found.is_none() && required {
            self.problems.push(Problem {
                file: self.table.source.into(),
                line: Some(1),
                field: Some(names[0].into()),
                message: say(
                    "missing-column-also",
                    &[("column", names[0]), ("names", &names[1..].join(", "))],
                ),
            });
        }
        found
    }

    fn at(&self, line: u64, col: Option<usize>, message: String) -> Problem {
        Problem {
            file: self.table.source.into(),
            line: Some(line),
            field: col.map(|c| (self.table.column_label)(c)),
            message,
        }
    }
}

fn cell(row: &[String], col: Option<usize>) -> &str {
    col.and_then(|c| row.get(c)).map_or("", |s| s.trim())
}

/// Reads a list of licensed agencies.
pub fn read_agencies(t: &TableIn<'_>) -> Result<Vec<Agency>, Vec<Problem>> {
    let mut c = Columns {
        table: t,
        problems: vec![],
    };
    let (licence, name, status) = (c.find(LICENCE, true), c.find(NAME, true), c.find(STATUS, true));
    let (from, to) = (c.find(VALID_FROM, false), c.find(VALID_TO, false));
    if !c.problems.is_empty() {
        return Err(c.problems);
    }
    let mut out: Vec<Agency> = vec![];
    let mut seen = std::collections::HashMap::new();
    for (line, row) in &t.rows {
        let line = *line;
        let l = cell(row, licence);
        if l.is_empty() {
            let p = c.at(line, licence, say("licence-required", &[]));
            c.problems.push(p);
        } else if let Some(first) = seen.insert(key(l), line) {
            let p = c.at(
                line,
                licence,
                say("licence-twice", &[("value", l), ("line", &first.to_string())]),
            );
            c.problems.push(p);
        }
        if cell(row, name).is_empty() {
            let p = c.at(line, name, say("agency-name-required", &[]));
            c.problems.push(p);
        }
        let st = match cell(row, status).to_lowercase().parse::<LicenceStatus>() {
            Ok(s) => Some(s),
            Err(e) => {
                let p = c.at(line, status, e.to_string());
                c.problems.push(p);
                None
            }
        };
        let mut day = |col: Option<usize>| {
            let v = cell(row, col);
            if !v.is_empty() && !date::is_date(v) {
                let p = c.at(line, col, say("not-date", &[("value", v)]));
                c.problems.push(p);
            }
            v.to_string()
        };
        let (valid_from, valid_to) = (day(from), day(to));
        if !valid_from.is_empty() && !valid_to.is_empty() && valid_to < valid_from {
            let p = c.at(
                line,
                to,
                say(
                    "licence-ends-before-start",
                    &[("end", &valid_to), ("start", &valid_from)],
                ),
            );
            c.problems.push(p);
        }
        if let Some(status) = st {
            out.push(Agency {
                licence: l.to_string(),
                name: cell(row, name).to_string(),
                status,
                valid_from,
                valid_to,
            });
        }
    }
    if c.problems.is_empty() {
        Ok(out)
    } else {
        Err(c.problems)
    }
}

/// Reads an economy's register of employers.
pub fn read_employers(t: &TableIn<'_>) -> Result<Vec<Employer>, Vec<Problem>> {
    let mut c = Columns {
        table: t,
        problems: vec![],
    };
    let (id, name, status) = (c.find(ID, true), c.find(NAME, true), c.find(STATUS, true));
    let (employees, sector) = (c.find(EMPLOYEES, false), c.find(SECTOR, false));
    if !c.problems.is_empty() {
        return Err(c.problems);
    }
    let mut out = vec![];
    let mut seen = std::collections::HashMap::new();
    for (line, row) in &t.rows {
        let line = *line;
        let i = cell(row, id);
        if i.is_empty() {
            let p = c.at(line, id, say("registration-required", &[]));
            c.problems.push(p);
        } else if let Some(first) = seen.insert(key(i), line) {
            let p = c.at(
                line,
                id,
                say("listed-twice", &[("value", i), ("line", &first.to_string())]),
            );
            c.problems.push(p);
        }
        if cell(row, name).is_empty() {
            let p = c.at(line, name, say("employer-name-required", &[]));
            c.problems.push(p);
        }
        let st = match cell(row, status).to_lowercase().parse::<EmployerStatus>() {
            Ok(s) => Some(s),
            Err(e) => {
                let p = c.at(line, status, e.to_string());
                c.problems.push(p);
                None
            }
        };
        let n = cell(row, employees);
        let staff = if n.is_empty() {
            None
        } else if let Ok(v) = n.parse::<u32>() {
            Some(v)
        } else {
            let p = c.at(line, employees, say("not-employee-count", &[("value", n)]));
            c.problems.push(p);
            None
        };
        if let Some(status) = st {
            out.push(Employer {
                id: i.to_string(),
                name: cell(row, name).to_string(),
                status,
                employees: staff,
                sector: cell(row, sector).to_uppercase(),
            });
        }
    }
    if c.problems.is_empty() {
        Ok(out)
    } else {
        Err(c.problems)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table<'a>(
        header: &'a [String],
        rows: &'a [Vec<String>],
        label: &'a (dyn Fn(usize) -> String + Sync),
    ) -> TableIn<'a> {
        TableIn {
            source: "np.csv",
            header,
            rows: rows
                .iter()
                .enumerate()
                .map(|(i, r)| (i as u64 + 2, r.as_slice()))
                .collect(),
            column_label: label,
        }
    }

    fn cells(s: &str) -> Vec<String> {
        s.split(',').map(str::to_string).collect()
    }

    #[test]
    fn an_agency_list_reads_with_aliases_and_each_licence_knows_its_validity() {
        let header = cells("License Number,Name,Status,Issued,Valid_To");
        let rows = vec![
            cells("1042/079,Everest Manpower,valid,2022-01-01,2027-06-30"),
            cells("88,Himal HR,Banned,,"),
        ];
        let label = |i: usize| format!("col {i}");
        let list = read_agencies(&table(&header, &rows, &label)).unwrap();
        assert_eq!(list[1].status, LicenceStatus::Banned);
        assert_eq!(list[0].valid_on("2026-12-01"), Ok(()));
        assert_eq!(
            list[0].valid_on("2027-07-01").unwrap_err(),
            "its licence ended on 2027-06-30"
        );
        assert_eq!(list[1].valid_on("2026-12-01").unwrap_err(), "its licence is banned");
        assert_eq!(key(" 1042/079 "), key("1042-079"));
    }

    #[test]
    fn every_bad_row_is_named_by_line_and_column_and_nothing_is_kept() {
        let header = cells("licence,name,status,valid_from,valid_to");
        let rows = vec![
            cells("A1,Alpha,valid,2020-01-01,2019-01-01"),
            cells("a-1,Alpha again,revoked,2020-02-30,"),
            cells(",,valid,,"),
        ];
        let label = |i: usize| ["licence", "name", "status", "valid_from", "valid_to"][i].to_string();
        let problems = read_agencies(&table(&header, &rows, &label)).unwrap_err();
        let at: Vec<(u64, &str)> = problems
            .iter()
            .map(|p| (p.line.unwrap(), p.field.as_deref().unwrap()))
            .collect();
        assert_eq!(
            at,
            [
                (2, "valid_to"),
                (3, "licence"),
                (3, "status"),
                (3, "valid_from"),
                (4, "licence"),
                (4, "name")
            ]
        );
        assert!(problems[1].message.contains("line 2"), "{}", problems[1]);
        assert!(problems[2].message.contains("valid, suspended"), "{}", problems[2]);
    }

    #[test]
    fn an_employer_register_needs_its_columns_and_whole_headcounts() {
        let label = |i: usize| format!("col {i}");
        let missing = read_employers(&table(&cells("name,status"), &[], &label)).unwrap_err();
        assert_eq!(missing[0].field.as_deref(), Some("id"));
        let header = cells("registration_number,name,status,employees,sector");
        let rows = vec![
            cells("RS-100,Gradnja doo,active,12,f"),
            cells("RS-101,Farma,closed,twelve,A"),
        ];
        let bad = read_employers(&table(&header, &rows, &label)).unwrap_err();
        assert_eq!((bad[0].line, bad[0].field.as_deref()), (Some(3), Some("col 3")));
        let ok = read_employers(&table(&header, &rows[..1], &label)).unwrap();
        assert_eq!((ok[0].employees, ok[0].sector.as_str()), (Some(12), "F"));
    }
}
