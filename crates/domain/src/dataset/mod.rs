//! The reference dataset: parsing and checking the CSV files shipped in `data/`.
//!
//! Files arrive as `(name, contents)` pairs; nothing here touches the file system. Every problem is
//! reported with its file, line and column, and all of them are collected before giving up, so that
//! whoever maintains the data fixes a broken file in one pass.

use std::collections::{BTreeMap, HashMap};

use crate::entity::{
    AgencyRegulation, CooSystem, Framework, Institution, Kind, Observation, Pathway, Practice, PracticeStatus, Record,
    Relationship, TOTAL,
};
use crate::vocab::Vocabulary;
use crate::{Confidence, Problem, Provenance};

mod vocab;
use vocab::read_vocab;

/// A record of the dataset with the place it was read from.
#[derive(Debug, Clone)]
pub struct Entry {
    pub id: String,
    pub record: Record,
    pub file: String,
    pub line: u64,
}

#[derive(Debug, Clone, Default)]
pub struct Dataset {
    pub vocab: Vocabulary,
    pub entries: Vec<Entry>,
}

/// The data files of a record kind, in load order (institutions first: others refer to them).
pub fn record_file(kind: Kind) -> String {
    format!("{}.csv", kind.plural().replace('-', "_"))
}

/// Calls the macro `$then` with the dataset's file names relative to `data/`, vocabularies first
/// and then the records in load order: the one list of them. A macro, so that a caller can
/// embed the files with `include_str!`, which takes only literals.
#[macro_export]
macro_rules! with_data_files {
    ($then:ident) => {
        $then!(
            "vocab/economies.csv",
            "vocab/countries.csv",
            "vocab/stages.csv",
            "vocab/institution_kinds.csv",
            "vocab/relationship_kinds.csv",
            "vocab/permit_types.csv",
            "vocab/sectors.csv",
            "vocab/indicators.csv",
            "vocab/i18n/sq.csv",
            "vocab/i18n/sr-Latn.csv",
            "vocab/i18n/mk.csv",
            "vocab/i18n/bs.csv",
            "vocab/i18n/cnr.csv",
            "publication.csv",
            "institutions.csv",
            "relationships.csv",
            "pathways.csv",
            "observations.csv",
            "practices.csv",
            "agency_regulations.csv",
            "coo_systems.csv",
            "frameworks.csv",
        )
    };
}

macro_rules! names {
    ($($name:literal),* $(,)?) => {
        &[$($name),*]
    };
}

/// All file names the dataset consists of, relative to `data/`.
pub const FILE_NAMES: &[&str] = with_data_files!(names);

/// All file names the dataset consists of, relative to `data/`.
pub fn file_names() -> Vec<String> {
    FILE_NAMES.iter().map(|s| s.to_string()).collect()
}

/// One CSV row being read, with the problems found so far.
struct Row<'a> {
    file: &'a str,
    line: u64,
    cols: &'a HashMap<String, usize>,
    rec: &'a csv::StringRecord,
    problems: &'a mut Vec<Problem>,
}

impl Row<'_> {
    fn problem(&mut self, field: &str, message: impl Into<String>) {
        self.problems.push(Problem {
            file: self.file.to_string(),
            line: Some(self.line),
            field: Some(field.to_string()),
            message: message.into(),
        });
    }
    fn get(&self, col: &str) -> Option<String> {
        let v = self
            .cols
            .get(col)
            .and_then(|i| self.rec.get(*i))
            .map(str::trim)
            .unwrap_or("");
        (!v.is_empty()).then(|| v.to_string())
    }
    fn req(&mut self, col: &str) -> String {
        self.get(col).unwrap_or_else(|| {
            self.problem(col, "is required");
            String::new()
        })
    }
    fn list(&self, col: &str) -> Vec<String> {
        self.get(col)
            .map(|v| {
                v.split(';')
                    .map(|s| s.trim().to_string())
                    .filter(|s| !s.is_empty())
                    .collect()
            })
            .unwrap_or_default()
    }
    fn yes_no(&mut self, col: &str) -> Option<bool> {
        let v = self.get(col)?;
        match v.to_ascii_lowercase().as_str() {
            "yes" | "true" => Some(true),
            "no" | "false" => Some(false),
            "unknown" => None,
            _ => {
                self.problem(col, format!("`{v}` is not yes, no or unknown"));
                None
            }
        }
    }
    fn number<T: std::str::FromStr>(&mut self, col: &str) -> Option<T> {
        let v = self.req(col);
        if v.is_empty() {
            return None;
        }
        let r = v.replace([',', '_'], "").parse::<T>().ok();
        if r.is_none() {
            self.problem(col, format!("`{v}` is not a number"));
        }
        r
    }
    fn provenance(&mut self) -> Provenance {
        let confidence = match self.get("confidence") {
            Some(c) => Confidence::parse(&c).unwrap_or_else(|| {
                self.problem("confidence", format!("`{c}` is not high, medium or low"));
                Confidence::Low
            }),
            None => {
                self.problem("confidence", "is required");
                Confidence::Low
            }
        };
        Provenance {
            source: self.req("source"),
            date: self.req("source_date"),
            confidence,
            looked_in: self.get("looked_in"),
        }
    }
}

pub const PROVENANCE_COLS: [&str; 4] = ["source", "source_date", "confidence", "looked_in"];

pub fn columns(kind: Kind) -> &'static [&'static str] {
    match kind {
        Kind::Institution => &[
            "id",
            "economy",
            "kind",
            "name",
            "name_local",
            "acronym",
            "stages",
            "mandate",
            "power",
            "interest",
            "website",
        ],
        Kind::Relationship => &["id", "economy", "from", "to", "kind", "description", "since"],
        Kind::Pathway => &[
            "id",
            "economy",
            "permit_type",
            "name",
            "legal_basis",
            "issuing_institution",
            "quota",
            "validity",
            "lmt_required",
            "employer_change",
            "processing_time",
            "fees",
            "notes",
        ],
        Kind::Observation => &[
            "id",
            "economy",
            "indicator",
            "period",
            "citizenship",
            "sector",
            "sex",
            "pathway",
            "value",
            "flag",
            "note",
        ],
        Kind::Practice => &[
            "id",
            "economy",
            "stage",
            "check",
            "status",
            "responsible",
            "legal_basis",
            "mode",
            "processing_time",
            "notes",
        ],
        Kind::AgencyRegulation => &[
            "id",
            "economy",
            "scope",
            "authority",
            "legal_basis",
            "licensing",
            "public_register",
            "worker_fees_banned",
            "notes",
        ],
        Kind::CooSystem => &[
            "id",
            "economy",
            "name",
            "operator",
            "purpose",
            "public_lookup",
            "wb6_relevance",
        ],
        Kind::Framework => &["id", "name", "category", "content"],
    }
}

fn read_row(kind: Kind, r: &mut Row<'_>) -> Record {
    match kind {
        Kind::Institution => Record::Institution(Institution {
            economy: r.req("economy"),
            kind: r.req("kind"),
            name: r.req("name"),
            name_local: r.get("name_local"),
            acronym: r.get("acronym"),
            stages: r.list("stages"),
            mandate: r.req("mandate"),
            power: r.number("power").unwrap_or(0),
            interest: r.number("interest").unwrap_or(0),
            website: r.get("website"),
            provenance: r.provenance(),
        }),
        Kind::Relationship => Record::Relationship(Relationship {
            economy: r.req("economy"),
            from: r.req("from"),
            to: r.req("to"),
            kind: r.req("kind"),
            description: r.get("description"),
            since: r.get("since"),
            provenance: r.provenance(),
        }),
        Kind::Pathway => Record::Pathway(Pathway {
            economy: r.req("economy"),
            permit_type: r.req("permit_type"),
            name: r.req("name"),
            legal_basis: r.req("legal_basis"),
            issuing_institution: r.get("issuing_institution"),
            quota: r.yes_no("quota"),
            validity: r.get("validity"),
            lmt_required: r.yes_no("lmt_required"),
            employer_change: r.yes_no("employer_change"),
            processing_time: r.get("processing_time"),
            fees: r.get("fees"),
            notes: r.get("notes"),
            provenance: r.provenance(),
        }),
        Kind::Observation => Record::Observation(Observation {
            economy: r.req("economy"),
            indicator: r.req("indicator"),
            period: r.req("period"),
            citizenship: r.get("citizenship").unwrap_or_else(|| TOTAL.into()),
            sector: r.get("sector").unwrap_or_else(|| TOTAL.into()),
            sex: r.get("sex").unwrap_or_else(|| TOTAL.into()),
            pathway: r.get("pathway").unwrap_or_else(|| TOTAL.into()),
            value: r.number("value").unwrap_or(0.0),
            flag: r.get("flag"),
            note: r.get("note"),
            provenance: r.provenance(),
        }),
        Kind::Practice => {
            let status = r.req("status");
            let status = PracticeStatus::parse(&status).unwrap_or_else(|| {
                if !status.is_empty() {
                    r.problem(
                        "status",
                        format!("`{status}` is not absent, partial, complete or unknown"),
                    );
                }
                PracticeStatus::Unknown
            });
            Record::Practice(Practice {
                economy: r.req("economy"),
                stage: r.req("stage"),
                check: r.req("check"),
                status,
                responsible: r.get("responsible"),
                legal_basis: r.get("legal_basis"),
                mode: r.get("mode"),
                processing_time: r.get("processing_time"),
                notes: r.get("notes"),
                provenance: r.provenance(),
            })
        }
        Kind::AgencyRegulation => Record::AgencyRegulation(AgencyRegulation {
            economy: r.req("economy"),
            scope: r.req("scope"),
            authority: r.get("authority"),
            legal_basis: r.get("legal_basis"),
            licensing: r.req("licensing"),
            public_register: r.yes_no("public_register"),
            worker_fees_banned: r.yes_no("worker_fees_banned"),
            notes: r.get("notes"),
            provenance: r.provenance(),
        }),
        Kind::CooSystem => Record::CooSystem(CooSystem {
            economy: r.req("economy"),
            name: r.req("name"),
            operator: r.get("operator"),
            purpose: r.req("purpose"),
            public_lookup: r.yes_no("public_lookup"),
            wb6_relevance: r.req("wb6_relevance"),
            provenance: r.provenance(),
        }),
        Kind::Framework => Record::Framework(Framework {
            name: r.req("name"),
            category: r.req("category"),
            content: r.req("content"),
            provenance: r.provenance(),
        }),
    }
}

/// The CSV row of a record, in the column order of [`columns`] followed by the provenance: the
/// inverse of reading a row, so that an export can be read back as a data file.
pub fn to_row(id: &str, record: &Record) -> Vec<String> {
    let json = record.to_json();
    let kind = record.kind();
    let cell = |v: Option<&serde_json::Value>| -> String {
        match v {
            None | Some(serde_json::Value::Null) => String::new(),
            Some(serde_json::Value::String(s)) => s.clone(),
            Some(serde_json::Value::Bool(b)) => if *b { "yes" } else { "no" }.to_string(),
            Some(serde_json::Value::Array(a)) => a.iter().filter_map(|x| x.as_str()).collect::<Vec<_>>().join(";"),
            Some(other) => other.to_string(),
        }
    };
    let mut row: Vec<String> = columns(kind)
        .iter()
        .map(|c| if *c == "id" { id.to_string() } else { cell(json.get(*c)) })
        .collect();
    let p = record.provenance();
    row.push(p.source.clone());
    row.push(p.date.clone());
    row.push(p.confidence.as_str().to_string());
    row.push(p.looked_in.clone().unwrap_or_default());
    row
}

/// Reads a record from named fields (a submitted form): the same rules as a data-file row.
pub fn from_fields(kind: Kind, fields: &[(String, String)]) -> Result<Record, Vec<Problem>> {
    let mut cols = HashMap::new();
    let mut rec = csv::StringRecord::new();
    for (i, (k, v)) in fields.iter().enumerate() {
        cols.insert(k.clone(), i);
        rec.push_field(v);
    }
    let mut problems = vec![];
    let mut row = Row {
        file: kind.as_str(),
        line: 0,
        cols: &cols,
        rec: &rec,
        problems: &mut problems,
    };
    let record = read_row(kind, &mut row);
    if problems.is_empty() {
        Ok(record)
    } else {
        for p in &mut problems {
            p.file.clear();
            p.line = None;
        }
        Err(problems)
    }
}

/// The header matching [`to_row`].
pub fn header(kind: Kind) -> Vec<&'static str> {
    columns(kind).iter().chain(PROVENANCE_COLS.iter()).copied().collect()
}

/// Reads one CSV file, checking its header against `allowed` (and `required`), and calls `each`
/// for every row.
fn read_csv(
    file: &str,
    text: &str,
    allowed: &[&str],
    required: &[&str],
    problems: &mut Vec<Problem>,
    mut each: impl FnMut(&mut Row<'_>),
) {
    let mut rdr = csv::ReaderBuilder::new().flexible(false).from_reader(text.as_bytes());
    let headers = match rdr.headers() {
        Ok(h) => h.clone(),
        Err(e) => {
            problems.push(Problem {
                file: file.into(),
                line: Some(1),
                field: None,
                message: e.to_string(),
            });
            return;
        }
    };
    let mut cols = HashMap::new();
    for (i, h) in headers.iter().enumerate() {
        let h = h.trim();
        if !allowed.contains(&h) {
            problems.push(Problem {
                file: file.into(),
                line: Some(1),
                field: Some(h.into()),
                message: format!("unknown column (expected some of: {})", allowed.join(", ")),
            });
        }
        cols.insert(h.to_string(), i);
    }
    for c in required {
        if !cols.contains_key(*c) {
            problems.push(Problem {
                file: file.into(),
                line: Some(1),
                field: Some(c.to_string()),
                message: "required column is missing".into(),
            });
        }
    }
    for rec in rdr.records() {
        match rec {
            Ok(rec) => {
                let line = rec.position().map(|p| p.line()).unwrap_or(0);
                let mut row = Row {
                    file,
                    line,
                    cols: &cols,
                    rec: &rec,
                    problems,
                };
                each(&mut row);
            }
            Err(e) => {
                let line = match e.kind() {
                    csv::ErrorKind::UnequalLengths { pos: Some(p), .. } => Some(p.line()),
                    _ => e.position().map(|p| p.line()),
                };
                problems.push(Problem {
                    file: file.into(),
                    line,
                    field: None,
                    message: e.to_string(),
                });
            }
        }
    }
}

/// A valid record id: lower-case letters, digits and hyphens.
pub fn is_slug(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= 80
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

/// Parses and checks the whole dataset. Returns every problem found, or the dataset.
pub fn parse(files: &BTreeMap<String, String>) -> Result<Dataset, Vec<Problem>> {
    let mut problems = vec![];
    let vocab = read_vocab(files, &mut problems);
    let mut entries: Vec<Entry> = vec![];
    for kind in Kind::ALL {
        let file = record_file(kind);
        let Some(text) = files.get(&file) else {
            problems.push(Problem {
                file: file.clone(),
                line: None,
                field: None,
                message: "file is missing".into(),
            });
            continue;
        };
        let allowed: Vec<&str> = columns(kind).iter().chain(PROVENANCE_COLS.iter()).copied().collect();
        let required = [&["id"], &PROVENANCE_COLS[..3]].concat();
        read_csv(&file, text, &allowed, &required, &mut problems, |r| {
            let id = r.req("id");
            if !id.is_empty() && !is_slug(&id) {
                r.problem(
                    "id",
                    format!("`{id}` is not a valid id (lower-case letters, digits, hyphens)"),
                );
            }
            let record = read_row(kind, r);
            entries.push(Entry {
                id,
                record,
                file: file.clone(),
                line: r.line,
            });
        });
    }
    check_entries(&vocab, &entries, &mut problems);
    if problems.is_empty() {
        Ok(Dataset { vocab, entries })
    } else {
        Err(problems)
    }
}

fn check_entries(vocab: &Vocabulary, entries: &[Entry], problems: &mut Vec<Problem>) {
    let owners: HashMap<&str, &str> = entries
        .iter()
        .filter_map(|e| match &e.record {
            Record::Institution(i) => Some((e.id.as_str(), i.economy.as_str())),
            _ => None,
        })
        .collect();
    let lookup = |id: &str| owners.get(id).map(|s| s.to_string());
    let mut ids: HashMap<&str, (&str, u64)> = HashMap::new();
    let mut keys: HashMap<String, u64> = HashMap::new();
    for e in entries {
        let at = |field: Option<String>, message: String| Problem {
            file: e.file.clone(),
            line: Some(e.line),
            field,
            message,
        };
        if let Some((f, l)) = ids.insert(&e.id, (&e.file, e.line)) {
            problems.push(at(
                Some("id".into()),
                format!("id `{}` is already used at {f}:{l}", e.id),
            ));
        }
        if let Some(k) = e.record.natural_key()
            && let Some(l) = keys.insert(k.clone(), e.line)
        {
            problems.push(at(
                None,
                format!("duplicate of line {l} (same indicator, economy, period and breakdown)"),
            ));
        }
        for p in e.record.validate(vocab, &lookup) {
            problems.push(at(p.field, p.message));
        }
    }
}

/// The rows of a small CSV file as the named columns (trimmed, in that order) with their line
/// numbers; a missing column or a broken line is a problem naming the file and line.
pub fn csv_rows(file: &str, text: &str, columns: &[&str], problems: &mut Vec<Problem>) -> Vec<(u64, Vec<String>)> {
    let mut rdr = csv::ReaderBuilder::new().from_reader(text.as_bytes());
    let header: Vec<String> = match rdr.headers() {
        Ok(h) => h.iter().map(str::to_string).collect(),
        Err(e) => {
            problems.push(Problem {
                file: file.into(),
                line: Some(1),
                field: None,
                message: format!("cannot read the header: {e}"),
            });
            return vec![];
        }
    };
    let idx: Vec<Option<usize>> = columns.iter().map(|c| header.iter().position(|h| h == c)).collect();
    for (c, i) in columns.iter().zip(&idx) {
        if i.is_none() {
            problems.push(Problem {
                file: file.into(),
                line: Some(1),
                field: Some(c.to_string()),
                message: "missing column".into(),
            });
        }
    }
    let mut out = vec![];
    for rec in rdr.records() {
        match rec {
            Ok(r) => {
                let line = r.position().map_or(0, |p| p.line());
                out.push((
                    line,
                    idx.iter()
                        .map(|i| i.and_then(|i| r.get(i)).unwrap_or("").trim().to_string())
                        .collect(),
                ));
            }
            Err(e) => problems.push(Problem {
                file: file.into(),
                line: e.position().map(|p| p.line()),
                field: None,
                message: format!("broken CSV line: {e}"),
            }),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_list_ends_with_every_record_kind_in_load_order() {
        let records: Vec<String> = Kind::ALL.iter().map(|k| record_file(*k)).collect();
        let tail = &FILE_NAMES[FILE_NAMES.len() - records.len()..];
        assert_eq!(tail, records.iter().map(String::as_str).collect::<Vec<_>>());
        // Before the records: the code lists, and the publication settings (read with them).
        assert!(
            FILE_NAMES[..FILE_NAMES.len() - records.len()]
                .iter()
                .all(|f| f.starts_with("vocab/") || *f == "publication.csv")
        );
    }

    pub(crate) fn minimal() -> BTreeMap<String, String> {
        let mut f = BTreeMap::new();
        let mut put = |k: &str, v: &str| {
            f.insert(k.to_string(), v.to_string());
        };
        put(
            "vocab/economies.csv",
            "code,name,display_name,footnote\nRS,Serbia,Serbia,\nXK,Kosovo,Kosovo*,*This designation...\n",
        );
        put(
            "vocab/countries.csv",
            "code,label,origin\nNP,Nepal,yes\nTR,Türkiye,no\n",
        );
        put(
            "vocab/stages.csv",
            "code,label,theme,description\npermit,Permit,no,\ndata,Data,yes,\n",
        );
        put(
            "vocab/institution_kinds.csv",
            "code,label\ninterior,Ministry of interior\n",
        );
        put(
            "vocab/relationship_kinds.csv",
            "code,label\ndata_exchange,Data exchange\n",
        );
        put("vocab/permit_types.csv", "code,label\nsingle_permit,Single permit\n");
        put("vocab/sectors.csv", "code,label\nF,Construction\n");
        put(
            "vocab/indicators.csv",
            "code,label,measure,unit,definition\nWP,Work permits,flow,permits,Permits issued in the period\n",
        );
        put(
            "publication.csv",
            "funder,implementer,disclaimer\n,,The designations employed do not imply an opinion.\n",
        );
        put(
            "institutions.csv",
            "id,economy,kind,name,stages,mandate,power,interest,source,source_date,confidence\nrs-mup,RS,interior,Ministry of Interior,permit,Issues single permits,5,4,https://example.org,2025,high\nrs-nes,RS,interior,NES,permit,LMT,4,4,https://example.org,2025,high\n",
        );
        put(
            "relationships.csv",
            "id,economy,from,to,kind,source,source_date,confidence\nr1,RS,rs-mup,rs-nes,data_exchange,https://example.org,2025,high\n",
        );
        put(
            "pathways.csv",
            "id,economy,permit_type,name,legal_basis,source,source_date,confidence\np1,RS,single_permit,Single permit,Law on Foreigners,https://example.org,2025,high\n",
        );
        put(
            "observations.csv",
            "id,economy,indicator,period,citizenship,value,source,source_date,confidence\no1,RS,WP,2023,_T,\"50,397\",https://example.org,2024-01,high\no2,RS,WP,2023,NP,1074,https://example.org,2024-01,high\n",
        );
        put(
            "practices.csv",
            "id,economy,stage,check,status,responsible,source,source_date,confidence,looked_in\npr1,RS,permit,Security check,complete,rs-mup,https://example.org,2025,high,\npr2,XK,data,Data sharing,unknown,,Dossier §6,2026-11,low,dossier §6.5\n",
        );
        put(
            "agency_regulations.csv",
            "id,economy,scope,licensing,source,source_date,confidence\na1,RS,Employment agencies,Licence by MoL,https://example.org,2025,high\n",
        );
        put(
            "coo_systems.csv",
            "id,economy,name,purpose,wb6_relevance,source,source_date,confidence\nc1,NP,FEIMS,Labour permits,Individual permits,https://example.org,2025,high\n",
        );
        put(
            "frameworks.csv",
            "id,name,category,content,source,source_date,confidence\nf1,Directive (EU) 2024/1233,eu_law,Single permit,https://eur-lex.europa.eu,2024,high\n",
        );
        f
    }

    fn problems_with(file: &str, text: &str) -> Vec<Problem> {
        let mut f = minimal();
        f.insert(file.into(), text.into());
        match parse(&f) {
            Ok(_) => vec![],
            Err(p) => p,
        }
    }

    #[test]
    fn minimal_dataset_parses() {
        let d = parse(&minimal()).map_err(|p| p.iter().map(|p| p.to_string()).collect::<Vec<_>>());
        let d = d.unwrap();
        assert_eq!(d.entries.len(), 11);
        assert_eq!(d.vocab.origins, vec!["NP".to_string()]);
        let obs = d.entries.iter().find(|e| e.id == "o1").unwrap();
        assert!(matches!(&obs.record, Record::Observation(o) if o.value == 50397.0));
    }

    #[test]
    fn unknown_code_is_reported_with_file_line_and_column() {
        let p = problems_with(
            "practices.csv",
            "id,economy,stage,check,status,source,source_date,confidence\npr1,RS,permit,ok,complete,s,2025,high\npr2,RS,landing,Check,complete,s,2025,high\n",
        );
        assert_eq!(p.len(), 1, "{p:?}");
        assert_eq!(
            (p[0].file.as_str(), p[0].line, p[0].field.as_deref()),
            ("practices.csv", Some(3), Some("stage"))
        );
        assert!(p[0].message.contains("landing"));
    }

    #[test]
    fn missing_provenance_is_reported() {
        let p = problems_with(
            "pathways.csv",
            "id,economy,permit_type,name,legal_basis,source,source_date,confidence\np1,RS,single_permit,Single permit,Law,,2025,\n",
        );
        let fields: Vec<_> = p
            .iter()
            .map(|p| (p.line, p.field.clone().unwrap_or_default()))
            .collect();
        assert!(fields.contains(&(Some(2), "source".into())), "{fields:?}");
        assert!(fields.contains(&(Some(2), "confidence".into())), "{fields:?}");
    }

    #[test]
    fn dangling_reference_is_reported() {
        let p = problems_with(
            "relationships.csv",
            "id,economy,from,to,kind,source,source_date,confidence\nr1,RS,rs-mup,rs-ghost,data_exchange,s,2025,high\n",
        );
        assert_eq!(p.len(), 1, "{p:?}");
        assert_eq!((p[0].line, p[0].field.as_deref()), (Some(2), Some("to")));
        assert!(p[0].message.contains("rs-ghost"));
    }

    #[test]
    fn unknown_practice_without_looked_in_is_refused() {
        let p = problems_with(
            "practices.csv",
            "id,economy,stage,check,status,source,source_date,confidence\npr1,XK,permit,Check,unknown,Dossier,2026,low\n",
        );
        assert_eq!(p.len(), 1, "{p:?}");
        assert_eq!(p[0].field.as_deref(), Some("looked_in"));
    }

    #[test]
    fn duplicate_ids_and_observation_keys_are_refused() {
        let p = problems_with(
            "observations.csv",
            "id,economy,indicator,period,value,source,source_date,confidence\no1,RS,WP,2023,1,s,2024,high\no1,RS,WP,2023,2,s,2024,high\n",
        );
        assert_eq!(p.len(), 2, "{p:?}");
        assert!(p.iter().all(|p| p.line == Some(3)));
    }

    #[test]
    fn broken_csv_line_and_unknown_column_are_reported() {
        let p = problems_with(
            "frameworks.csv",
            "id,name,category,content,source,source_date,confidence,colour\n",
        );
        assert_eq!(p[0].field.as_deref(), Some("colour"));
        let p = problems_with(
            "frameworks.csv",
            "id,name,category,content,source,source_date,confidence\nf1,A,eu_law,B,s,2024,high\nf2,too,few\n",
        );
        assert_eq!(p.len(), 1, "{p:?}");
        assert_eq!(p[0].line, Some(3));
    }

    #[test]
    fn rows_round_trip_through_csv() {
        let d = parse(&minimal()).unwrap();
        let mut files = minimal();
        for kind in Kind::ALL {
            let mut w = csv::Writer::from_writer(vec![]);
            w.write_record(header(kind)).unwrap();
            for e in d.entries.iter().filter(|e| e.record.kind() == kind) {
                w.write_record(to_row(&e.id, &e.record)).unwrap();
            }
            files.insert(record_file(kind), String::from_utf8(w.into_inner().unwrap()).unwrap());
        }
        let again = parse(&files).unwrap();
        let pairs = |d: &Dataset| {
            d.entries
                .iter()
                .map(|e| (e.id.clone(), e.record.clone()))
                .collect::<Vec<_>>()
        };
        assert_eq!(pairs(&d), pairs(&again));
    }

    #[test]
    fn bad_number_is_reported() {
        let p = problems_with(
            "observations.csv",
            "id,economy,indicator,period,value,source,source_date,confidence\no1,RS,WP,2023,many,s,2024,high\n",
        );
        assert_eq!((p[0].line, p[0].field.as_deref()), (Some(2), Some("value")));
    }
}
