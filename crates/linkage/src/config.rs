//! The linkage configuration: which input columns feed which fields, the id column, the blocking
//! rules and the comparison levels. Read from TOML; a default for the worker schema ships with the
//! crate (`default.toml`).

use serde::Deserialize;

use crate::LinkError;

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// The column holding each record's identifier.
    pub id: String,
    #[serde(rename = "field")]
    pub fields: Vec<FieldConfig>,
    #[serde(rename = "blocking")]
    pub blocking: Vec<BlockingRule>,
    /// Rules whose pairs train the m probabilities (not scored). A field is trained by the rules
    /// that do not block on it, so a good set blocks on different fields: e.g. the passport (to
    /// learn names and dates) and the birth date with the nationality (to learn passports).
    /// Without any, the blocking rules are used.
    #[serde(default, rename = "training")]
    pub training: Vec<BlockingRule>,
    /// Largest number of pairs a training rule contributes (a sample of its blocks beyond).
    #[serde(default = "default_training_pairs")]
    pub training_pairs: usize,
    /// Largest block a rule may produce; larger blocks (a placeholder date shared by thousands)
    /// are skipped and reported, since comparing all their pairs says little and costs much.
    #[serde(default = "default_max_block")]
    pub max_block: usize,
    /// Random pairs drawn to estimate the u probabilities.
    #[serde(default = "default_u_sample")]
    pub u_sample: usize,
    /// Expectation-maximisation iterations for the m probabilities.
    #[serde(default = "default_em_iterations")]
    pub em_iterations: usize,
}

fn default_max_block() -> usize {
    400
}
fn default_training_pairs() -> usize {
    500_000
}
fn default_u_sample() -> usize {
    1_000_000
}
fn default_em_iterations() -> usize {
    25
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FieldType {
    /// A personal name from `given` and `surname` columns and/or one `full` column.
    PersonName,
    Date,
    Document,
    Categorical,
    Text,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FieldConfig {
    pub name: String,
    #[serde(rename = "type")]
    pub kind: FieldType,
    /// The column for single-column fields.
    #[serde(default)]
    pub column: Option<String>,
    /// Person names: the given-name column.
    #[serde(default)]
    pub given: Option<String>,
    /// Person names: the surname column.
    #[serde(default)]
    pub surname: Option<String>,
    /// Person names: a full-name column, used where given and surname are empty.
    #[serde(default)]
    pub full: Option<String>,
    /// Jaro-Winkler thresholds for the similarity levels (names, text), highest first.
    #[serde(default = "default_jw")]
    pub jaro_winkler: Vec<f64>,
    /// Edit distances for the near-match levels of documents, smallest first.
    #[serde(default = "default_edits")]
    pub edit_distance: Vec<usize>,
    /// Date formats accepted, tried in order (`%Y-%m-%d`, `%d.%m.%Y`, `%d/%m/%Y`, `%Y%m%d`).
    #[serde(default = "default_date_formats")]
    pub formats: Vec<String>,
    /// What an unreadable value of this field is: `missing` (the default: counted, reported with
    /// its first lines, and compared as missing or by what can be read of it) or `error` (the
    /// register is refused at its line, as with `--strict` for every field).
    #[serde(default)]
    pub invalid: Invalid,
    /// Categorical fields: the codes a value may have (as written or in a known spelling, e.g.
    /// `male` for `m`); any other is unreadable. Empty: any value.
    #[serde(default)]
    pub values: Vec<String>,
    /// Weigh an exact agreement by how common the value is.
    #[serde(default)]
    pub term_frequency: bool,
}

fn default_jw() -> Vec<f64> {
    vec![0.94, 0.88]
}
fn default_edits() -> Vec<usize> {
    vec![1, 2]
}
fn default_date_formats() -> Vec<String> {
    ["%Y-%m-%d", "%d.%m.%Y", "%d/%m/%Y", "%Y%m%d"]
        .iter()
        .map(|s| s.to_string())
        .collect()
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Invalid {
    Error,
    #[default]
    Missing,
}

/// A blocking rule: records agreeing on every key are compared.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BlockingRule {
    pub name: String,
    /// Keys as `field.key`: person names `sorted`, `phonetic`, `initials`, `surname_phonetic`,
    /// `given_phonetic`; dates `ymd`, `year`, `month_day`; documents `value`, `ocr`;
    /// categorical and text `value`.
    pub keys: Vec<String>,
    /// This rule's own largest block (default: the configuration's `max_block`).
    #[serde(default)]
    pub max_block: Option<usize>,
}

pub const DEFAULT_TOML: &str = include_str!("default.toml");

impl Config {
    pub fn from_toml(text: &str) -> Result<Config, LinkError> {
        let c: Config = toml::from_str(text).map_err(|e| LinkError::Config(e.to_string()))?;
        c.check()?;
        Ok(c)
    }

    pub fn default_worker() -> Config {
        // The shipped default is tested to parse; an error here is a build defect, reported anyway.
        Config::from_toml(DEFAULT_TOML).unwrap_or_else(|_| Config {
            id: "record_id".into(),
            fields: vec![],
            blocking: vec![],
            max_block: default_max_block(),
            training: vec![],
            training_pairs: default_training_pairs(),
            u_sample: default_u_sample(),
            em_iterations: default_em_iterations(),
        })
    }

    fn check(&self) -> Result<(), LinkError> {
        let bad = |m: String| Err(LinkError::Config(m));
        if self.fields.is_empty() {
            return bad("at least one [[field]] is needed".into());
        }
        if self.fields.len() > 16 {
            return bad("at most 16 fields".into());
        }
        for f in &self.fields {
            let single = f.column.is_some();
            match f.kind {
                FieldType::PersonName if f.given.is_none() && f.surname.is_none() && f.full.is_none() => {
                    return bad(format!(
                        "field `{}`: a person_name needs given, surname or full",
                        f.name
                    ));
                }
                FieldType::PersonName => {}
                _ if !single => return bad(format!("field `{}`: `column` is required", f.name)),
                _ => {}
            }
            if f.jaro_winkler.windows(2).any(|w| w[0] <= w[1]) {
                return bad(format!("field `{}`: jaro_winkler thresholds must decrease", f.name));
            }
        }
        if self.blocking.is_empty() {
            return bad("at least one [[blocking]] rule is needed".into());
        }
        for r in self.blocking.iter().chain(&self.training) {
            for k in &r.keys {
                let Some((field, key)) = k.split_once('.') else {
                    return bad(format!("blocking rule `{}`: key `{k}` is not field.key", r.name));
                };
                let Some(f) = self.fields.iter().find(|f| f.name == field) else {
                    return bad(format!("blocking rule `{}`: unknown field `{field}`", r.name));
                };
                let ok = match f.kind {
                    FieldType::PersonName => {
                        ["sorted", "phonetic", "initials", "surname_phonetic", "given_phonetic"].contains(&key)
                    }
                    FieldType::Date => ["ymd", "year", "month_day"].contains(&key),
                    FieldType::Document => ["value", "ocr"].contains(&key),
                    FieldType::Categorical | FieldType::Text => key == "value",
                };
                if !ok {
                    return bad(format!(
                        "blocking rule `{}`: `{key}` is not a key of field `{field}`",
                        r.name
                    ));
                }
            }
        }
        Ok(())
    }

    /// Every input column the configuration reads.
    pub fn columns(&self) -> Vec<&str> {
        let mut out = vec![self.id.as_str()];
        for f in &self.fields {
            for c in [&f.column, &f.given, &f.surname, &f.full].into_iter().flatten() {
                out.push(c);
            }
        }
        out
    }
}
