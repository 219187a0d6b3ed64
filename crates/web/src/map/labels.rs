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
    /// Legal pathways by id → name (an observation's pathway breakdown).
    pathways: HashMap<String, String>,
    /// The word for a total (every pathway).
    total: String,
    owners: HashMap<String, String>,
}

impl Labels {
    /// The labels of `kind`'s coded fields; `institutions` are the institutions' names by id.
    pub(crate) fn new(s: &AppState, kind: Kind, institutions: HashMap<String, String>) -> Labels {
        let v = s.vocab();
        let fields = pathways_app::domain::dataset::header(kind);
        let options = fields
            .iter()
            .filter_map(|f| {
                let opts = options(s, kind, f)?;
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
            pathways: HashMap::new(),
            total: s.i18n.t("opt-total"),
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
        let mut labels = Labels::new(s, kind, names);
        if kind == Kind::Observation
            && let Ok(list) = s.app.list(reader, Kind::Pathway, &Default::default()).await
        {
            labels.pathways = list
                .into_iter()
                .map(|r| (r.id.clone(), text(&r.body["name"])))
                .collect();
        }
        labels
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
        if field == "pathway" {
            return match raw {
                "" | pathways_app::domain::entity::TOTAL => self.total.clone(),
                id => self.pathways.get(id).cloned().unwrap_or_else(|| id.to_string()),
            };
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

/// Coded options for a field, from the vocabulary.
pub(crate) fn options(s: &AppState, kind: Kind, field: &str) -> Option<Vec<(String, String)>> {
    let v = s.vocab();
    let codes = |l: &[pathways_app::domain::vocab::Code]| {
        l.iter().map(|c| (c.code.clone(), c.label.clone())).collect::<Vec<_>>()
    };
    let yn = || {
        vec![
            ("yes".to_string(), s.i18n.t("opt-yes")),
            ("no".to_string(), s.i18n.t("opt-no")),
            ("unknown".to_string(), s.i18n.t("opt-unknown")),
        ]
    };
    Some(match (kind, field) {
        (_, "stage" | "stages") => v.stages.iter().map(|st| (st.code.clone(), st.label.clone())).collect(),
        (Kind::Institution, "kind") => codes(&v.institution_kinds),
        (Kind::Relationship, "kind") => codes(&v.relationship_kinds),
        (_, "permit_type") => codes(&v.permit_types),
        (_, "sector") => std::iter::once(("_T".into(), s.i18n.t("opt-total")))
            .chain(codes(&v.sectors))
            .collect(),
        (_, "indicator") => {
            // Readers see labels; where two economies' indicators share one, the economy (the
            // code's prefix) tells them apart.
            let shared = |label: &str| v.indicators.iter().filter(|i| i.label == label).count() > 1;
            v.indicators
                .iter()
                .map(|i| {
                    let owner = i.code.split('_').next().unwrap_or("");
                    let label = match (shared(&i.label), v.economy(owner)) {
                        (true, Some(e)) => format!("{} — {}", i.label, e.display_name),
                        _ => i.label.clone(),
                    };
                    (i.code.clone(), label)
                })
                .collect()
        }
        (_, "status") => ["absent", "partial", "complete", "unknown"]
            .iter()
            .map(|x| (x.to_string(), s.i18n.status(x)))
            .collect(),
        (_, "confidence") => ["high", "medium", "low"]
            .iter()
            .map(|x| (x.to_string(), x.to_string()))
            .collect(),
        (_, "mode") => ["digital", "paper", "mixed"]
            .iter()
            .map(|x| (x.to_string(), x.to_string()))
            .collect(),
        (_, "sex") => vec![
            ("_T".into(), s.i18n.t("opt-total")),
            ("M".into(), s.i18n.t("opt-male")),
            ("F".into(), s.i18n.t("opt-female")),
        ],
        (_, "flag") => vec![
            ("p".into(), s.i18n.t("opt-flag-p")),
            ("e".into(), s.i18n.t("opt-flag-e")),
            ("b".into(), s.i18n.t("opt-flag-b")),
        ],
        (_, "category") => pathways_app::domain::entity::FRAMEWORK_CATEGORIES
            .iter()
            .map(|x| (x.to_string(), x.to_string()))
            .collect(),
        (_, "citizenship") => std::iter::once(("_T".into(), s.i18n.t("opt-total")))
            .chain(v.economies.iter().map(|e| (e.code.clone(), e.display_name.clone())))
            .chain(codes(&v.countries))
            .collect(),
        (
            _,
            "quota" | "lmt_required" | "employer_change" | "public_register" | "worker_fees_banned" | "public_lookup",
        ) => yn(),
        (Kind::Institution, "economy") => v
            .economies
            .iter()
            .map(|e| (e.code.clone(), e.display_name.clone()))
            .chain(codes(&v.countries))
            .collect(),
        (Kind::CooSystem, "economy") => v
            .origins
            .iter()
            .map(|c| (c.clone(), v.owner_name(c).unwrap_or(c).to_string()))
            .collect(),
        (Kind::Observation, "economy") => v
            .economies
            .iter()
            .map(|e| (e.code.clone(), e.display_name.clone()))
            .chain(std::iter::once((
                pathways_app::domain::vocab::REGION.to_string(),
                s.i18n.t("opt-region"),
            )))
            .collect(),
        (_, "economy") => v
            .economies
            .iter()
            .map(|e| (e.code.clone(), e.display_name.clone()))
            .chain(codes(&v.countries))
            .collect(),
        _ => return None,
    })
}
