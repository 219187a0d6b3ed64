//! Words for what the map stores as codes: field names ("name_local" → "Name in the local
//! language"), vocabulary codes (`employment_service`, `pre_departure`, `_T`, NACE letters,
//! indicator codes), owners (`XK` → Kosovo*) and references to institutions (`al-akpa` → its name).
//! Pages show these words; the codes stay in URLs, filters' values, exports and the API.

use std::collections::HashMap;

use pathways_app::domain::Kind;
use serde_json::Value;

use crate::AppState;
use crate::i18n::Messages;
use crate::ui::text;

/// Fields that hold the id of an institution.
pub(crate) const INSTITUTION_FIELDS: &[&str] = &[
    "from",
    "to",
    "responsible",
    "authority",
    "issuing_institution",
    "operator",
];

/// The label of a field of a record, from the messages (`field-NAME`).
pub(crate) fn field(tr: &Messages, name: &str) -> String {
    tr.t(&format!("field-{name}"))
}

/// The words for one kind's coded values.
pub(crate) struct Labels {
    /// Per field, code → label.
    options: HashMap<String, HashMap<String, String>>,
    institutions: HashMap<String, String>,
    owners: HashMap<String, String>,
}

impl Labels {
    /// The labels of `kind`'s coded fields; `institutions` are the institutions' names by id.
    pub(crate) fn new(s: &AppState, kind: Kind, institutions: HashMap<String, String>) -> Labels {
        let v = s.app.vocab();
        let fields = pathways_app::domain::dataset::header(kind);
        let options = fields
            .iter()
            .filter_map(|f| {
                let opts = super::lists::options(s, kind, f)?;
                Some((f.to_string(), opts.into_iter().collect()))
            })
            .collect();
        let mut owners: HashMap<String, String> = v
            .economies
            .iter()
            .map(|e| (e.code.clone(), e.display_name.clone()))
            .collect();
        owners.extend(v.countries.iter().map(|c| (c.code.clone(), c.label.clone())));
        owners.insert(pathways_app::domain::vocab::REGION.into(), s.i18n.t("opt-region"));
        Labels {
            options,
            institutions,
            owners,
        }
    }

    /// The labels of `kind`, with the names of every institution the reader may see.
    pub(crate) async fn load(s: &AppState, reader: &pathways_app::domain::Principal, kind: Kind) -> Labels {
        let names = match s.app.list(reader, Kind::Institution, &Default::default()).await {
            Ok(list) => list
                .into_iter()
                .map(|r| (r.id.clone(), text(&r.body["name"])))
                .collect(),
            // The page still shows the ids; the error is the list's to report.
            Err(_) => HashMap::new(),
        };
        Labels::new(s, kind, names)
    }

    /// An owner (economy, country or the region) by name.
    pub(crate) fn owner(&self, code: &str) -> String {
        self.owners.get(code).cloned().unwrap_or_else(|| code.to_string())
    }

    /// A field's value as words: each code of a `;`-separated list by its label, an institution by
    /// its name; text that is not a code as it is.
    pub(crate) fn value(&self, field: &str, raw: &str) -> String {
        if field == "economy" {
            return self.owner(raw);
        }
        let one = |code: &str| -> String {
            let code = code.trim();
            if INSTITUTION_FIELDS.contains(&field) {
                return self.institutions.get(code).cloned().unwrap_or_else(|| code.to_string());
            }
            self.options
                .get(field)
                .and_then(|o| o.get(code))
                .cloned()
                .unwrap_or_else(|| code.to_string())
        };
        let coded = INSTITUTION_FIELDS.contains(&field) || self.options.contains_key(field);
        if !coded {
            return raw.to_string();
        }
        raw.split(';')
            .filter(|c| !c.trim().is_empty())
            .map(one)
            .collect::<Vec<_>>()
            .join("; ")
    }

    /// A JSON value of a field as words (for templates that read records as JSON).
    pub(crate) fn of(&self, field: &str, v: &Value) -> String {
        match v {
            Value::Array(items) => items
                .iter()
                .map(|i| self.value(field, &text(i)))
                .collect::<Vec<_>>()
                .join("; "),
            other => self.value(field, &text(other)),
        }
    }
}
