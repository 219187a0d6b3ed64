//! The indicator framework: dimensions and indicators read from CSV, with each indicator's rule
//! parsed and checked (unknown stages, kinds or rule words are refused with file, line and column).

use pathways_domain::Problem;
use pathways_domain::dataset::csv_rows as rows;
use serde::Serialize;

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Dimension {
    pub code: String,
    pub label: String,
    pub description: String,
}

/// Which facet of a practice a rule reads.
#[derive(Debug, Clone, Copy, Serialize, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum Facet {
    Status,
    Mode,
    Time,
    /// The legal basis the practice states (an agreement counts as one instrument).
    Basis,
}

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
#[serde(tag = "rule", rename_all = "snake_case")]
pub enum Rule {
    Practice {
        stage: String,
        facet: Facet,
    },
    PracticesLegalBasis,
    InstitutionsStages,
    InstitutionsKind {
        kind: String,
    },
    PathwaysCount,
    PathwaysType {
        permit_type: String,
    },
    PathwaysField {
        field: String,
    },
    Agency {
        field: String,
    },
    Relationships {
        kind: String,
        /// Only relationships with an institution of a Country of Origin count.
        with_origin: bool,
    },
    ObservationsCitizenship,
    ObservationsSector,
    ObservationsYears,
    Answer {
        question: String,
    },
    /// The first alternative that has evidence.
    Or {
        rules: Vec<Rule>,
    },
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Indicator {
    pub code: String,
    pub dimension: String,
    pub question: String,
    pub why: String,
    pub reference: String,
    pub rule: Rule,
    /// The rule as written in the file.
    pub rule_source: String,
    pub rule_text: String,
}

#[derive(Debug, Clone, Serialize, PartialEq, Default)]
pub struct Framework {
    pub dimensions: Vec<Dimension>,
    pub indicators: Vec<Indicator>,
}

/// Vocabulary the rules are checked against.
pub struct Codes<'a> {
    pub stages: &'a [String],
    pub institution_kinds: &'a [String],
    pub relationship_kinds: &'a [String],
    pub permit_types: &'a [String],
}

const PATHWAY_FIELDS: [&str; 3] = ["employer_change", "lmt_required", "quota"];
const AGENCY_FIELDS: [&str; 3] = ["licensing", "public_register", "worker_fees_banned"];

fn parse_one(s: &str, codes: &Codes) -> Result<Rule, String> {
    let s = s.trim();
    let (head, rest) = s.split_once(':').ok_or_else(|| format!("`{s}` has no `:`"))?;
    let known = |list: &[String], v: &str, what: &str| -> Result<String, String> {
        if list.iter().any(|x| x == v) {
            Ok(v.to_string())
        } else {
            Err(format!("`{v}` is not a {what}"))
        }
    };
    Ok(match head {
        "practice" => {
            let mut parts = rest.split(':');
            let stage = known(codes.stages, parts.next().unwrap_or(""), "stage or theme")?;
            let facet = match parts.next() {
                None => Facet::Status,
                Some("mode") => Facet::Mode,
                Some("time") => Facet::Time,
                Some("basis") => Facet::Basis,
                Some(other) => {
                    return Err(format!(
                        "`{other}`: a practice rule reads its status, `mode`, `time` or `basis`"
                    ));
                }
            };
            Rule::Practice { stage, facet }
        }
        "practices" if rest == "legal_basis" => Rule::PracticesLegalBasis,
        "institutions" if rest == "stages" => Rule::InstitutionsStages,
        "institutions" => match rest.strip_prefix("kind=") {
            Some(k) => Rule::InstitutionsKind {
                kind: known(codes.institution_kinds, k, "kind of institution")?,
            },
            None => return Err(format!("`{s}`: institutions:stages or institutions:kind=KIND")),
        },
        "pathways" if rest == "count" => Rule::PathwaysCount,
        "pathways" => match rest.strip_prefix("type=") {
            Some(t) => Rule::PathwaysType {
                permit_type: known(codes.permit_types, t, "permit type")?,
            },
            None if PATHWAY_FIELDS.contains(&rest) => Rule::PathwaysField { field: rest.into() },
            None => {
                return Err(format!(
                    "`{s}`: pathways:count, pathways:type=TYPE or one of {}",
                    PATHWAY_FIELDS.join(", ")
                ));
            }
        },
        "agency" if AGENCY_FIELDS.contains(&rest) => Rule::Agency { field: rest.into() },
        "relationships" => {
            let (kind, with_origin) = match rest.strip_suffix(":origin") {
                Some(k) => (k, true),
                None => (rest, false),
            };
            Rule::Relationships {
                kind: known(codes.relationship_kinds, kind, "kind of relationship")?,
                with_origin,
            }
        }
        "observations" => match rest {
            "citizenship" => Rule::ObservationsCitizenship,
            "sector" => Rule::ObservationsSector,
            "years" => Rule::ObservationsYears,
            _ => return Err(format!("`{s}`: observations:citizenship, :sector or :years")),
        },
        "answer" if !rest.is_empty() && rest.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') => {
            Rule::Answer { question: rest.into() }
        }
        _ => return Err(format!("`{s}` is not a rule (see data/framework/README.md)")),
    })
}

/// Parses a rule: one or more alternatives separated by `|`.
pub fn parse_rule(s: &str, codes: &Codes) -> Result<Rule, String> {
    let parts: Vec<&str> = s.split('|').collect();
    if parts.len() == 1 {
        return parse_one(s, codes);
    }
    Ok(Rule::Or {
        rules: parts.iter().map(|p| parse_one(p, codes)).collect::<Result<_, _>>()?,
    })
}

/// Reads the framework from `dimensions.csv` and `indicators.csv`, reporting every problem.
pub fn parse_framework(dimensions: &str, indicators: &str, codes: &Codes) -> Result<Framework, Vec<Problem>> {
    let mut problems = vec![];
    let mut f = Framework::default();
    for (line, r) in rows(
        "framework/dimensions.csv",
        dimensions,
        &["code", "label", "description"],
        &mut problems,
    ) {
        if r[0].is_empty() || r[1].is_empty() {
            problems.push(Problem {
                file: "framework/dimensions.csv".into(),
                line: Some(line),
                field: Some("code".into()),
                message: "a dimension needs a code and a label".into(),
            });
            continue;
        }
        f.dimensions.push(Dimension {
            code: r[0].clone(),
            label: r[1].clone(),
            description: r[2].clone(),
        });
    }
    let cols = ["code", "dimension", "question", "why", "reference", "rule", "rule_text"];
    for (line, r) in rows("framework/indicators.csv", indicators, &cols, &mut problems) {
        let at = |field: &str, message: String| Problem {
            file: "framework/indicators.csv".into(),
            line: Some(line),
            field: Some(field.into()),
            message,
        };
        for (i, c) in cols.iter().enumerate() {
            if r[i].is_empty() {
                problems.push(at(c, "required".into()));
            }
        }
        if !f.dimensions.iter().any(|d| d.code == r[1]) {
            problems.push(at(
                "dimension",
                format!("`{}` is not a dimension of dimensions.csv", r[1]),
            ));
        }
        if f.indicators.iter().any(|i| i.code == r[0]) {
            problems.push(at("code", format!("`{}` appears twice", r[0])));
        }
        match parse_rule(&r[5], codes) {
            Ok(rule) => f.indicators.push(Indicator {
                code: r[0].clone(),
                dimension: r[1].clone(),
                question: r[2].clone(),
                why: r[3].clone(),
                reference: r[4].clone(),
                rule,
                rule_source: r[5].clone(),
                rule_text: r[6].clone(),
            }),
            Err(m) => problems.push(at("rule", m)),
        }
    }
    if problems.is_empty() { Ok(f) } else { Err(problems) }
}
