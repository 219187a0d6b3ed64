//! The shared vocabularies: economies, countries, stages and themes, kinds of institutions and
//! relationships, permit types, sectors and statistical indicators.
//!
//! They are data (`data/vocab/*.csv`), parsed here; Rust code never spells a stage or an economy
//! as a literal to decide something, it asks the vocabulary.
//!
//! Their words in the other languages are data too (`data/vocab/i18n/<locale>.csv`: list, code,
//! label, description); [`Vocabulary::in_locale`] gives the vocabulary as a reader of that
//! language sees it. Serbian Cyrillic is the Serbian Latin file transliterated; a word a file
//! lacks stays English.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::locale::Locale;
use crate::script::text_to_cyrillic;

/// The code lists a translation file may name, as its `list` column spells them.
pub const TRANSLATED_LISTS: &[&str] = &[
    "economies",
    "countries",
    "stages",
    "institution_kinds",
    "relationship_kinds",
    "permit_types",
    "sectors",
    "indicators",
];

/// One code's words in one language.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Words {
    pub label: String,
    /// The description (an indicator's definition, an economy's footnote); empty: the
    /// English one is kept.
    pub description: String,
}

/// A code with its English label and an optional longer description.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Code {
    pub code: String,
    pub label: String,
    pub description: String,
}

/// A stage of the labour-migration process or a cross-cutting theme.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Stage {
    pub code: String,
    pub label: String,
    pub description: String,
    /// `true` for the cross-cutting themes (data, CoO cooperation), `false` for the nine stages.
    pub theme: bool,
}

/// A statistical indicator: what is counted, in which unit. Figures under different indicators are
/// never summed or compared as if they were the same.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Indicator {
    pub code: String,
    pub label: String,
    pub definition: String,
    pub unit: String,
    /// `flow`, `stock` or `quota`.
    pub measure: String,
    /// The indicator whose series this one continues under a new definition (a break in
    /// series: the two are never read as one trend).
    pub continues: Option<String>,
}

/// Who a published document is attributed to, and its disclaimer: set per deployment in
/// `data/publication.csv`, since funders and implementers differ between programmes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Default)]
pub struct Publication {
    /// Who funds the programme ("the European Union"); empty when not set.
    pub funder: String,
    /// Who produced the document; empty when not set.
    pub implementer: String,
    pub disclaimer: String,
}

impl Publication {
    /// The attribution as EU-funded publications print it, or a plain statement of who
    /// prepared the document when no funder is set.
    pub fn attribution(&self) -> String {
        let implementer = if self.implementer.is_empty() {
            "the programme's analysts"
        } else {
            self.implementer.as_str()
        };
        if self.funder.is_empty() {
            format!("Prepared by {implementer} from the evidence recorded in Pathways.")
        } else {
            format!(
                "This publication was produced with the financial support of {f}. Its contents are the sole responsibility of {implementer} and do not necessarily reflect the views of {f}.",
                f = self.funder
            )
        }
    }
}

/// An economy of the region, with the names used in publications.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Economy {
    pub code: String,
    pub name: String,
    /// The name as printed in documents meant for publication ("Kosovo*").
    pub display_name: String,
    pub footnote: String,
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct Vocabulary {
    pub economies: Vec<Economy>,
    /// Countries of Origin and other countries (ISO 3166-1 alpha-2) that facts may refer to.
    pub countries: Vec<Code>,
    /// Which countries are the programme's Countries of Origin.
    pub origins: Vec<String>,
    pub stages: Vec<Stage>,
    pub institution_kinds: Vec<Code>,
    pub relationship_kinds: Vec<Code>,
    pub permit_types: Vec<Code>,
    pub sectors: Vec<Code>,
    pub indicators: Vec<Indicator>,
    pub publication: Publication,
    /// The words of the codes in other languages: locale → (list, code) → words.
    #[serde(skip)]
    pub translations: BTreeMap<Locale, BTreeMap<(String, String), Words>>,
}

fn codes(list: &[Code]) -> Vec<&str> {
    list.iter().map(|c| c.code.as_str()).collect()
}

/// The code under which regional aggregates (as reported by a source) are recorded.
pub const REGION: &str = "WB6";

impl Vocabulary {
    /// Every code of every list with its words: kinds, permit types, countries, sectors, stages,
    /// indicators and economies (by display name). The one place documents turn a code into
    /// words from.
    pub fn words(&self) -> impl Iterator<Item = (&str, &str)> {
        [
            &self.institution_kinds,
            &self.relationship_kinds,
            &self.permit_types,
            &self.countries,
            &self.sectors,
        ]
        .into_iter()
        .flatten()
        .map(|c| (c.code.as_str(), c.label.as_str()))
        .chain(self.stages.iter().map(|s| (s.code.as_str(), s.label.as_str())))
        .chain(self.indicators.iter().map(|i| (i.code.as_str(), i.label.as_str())))
        .chain(
            self.economies
                .iter()
                .map(|e| (e.code.as_str(), e.display_name.as_str())),
        )
    }

    pub fn economy(&self, code: &str) -> Option<&Economy> {
        self.economies.iter().find(|e| e.code == code)
    }
    /// An economy's name as shown ("Kosovo*" with its asterisk), its code when unknown.
    pub fn economy_name<'a>(&'a self, code: &'a str) -> &'a str {
        self.economy(code).map_or(code, |e| e.display_name.as_str())
    }
    pub fn is_economy(&self, code: &str) -> bool {
        self.economy(code).is_some()
    }
    pub fn is_country(&self, code: &str) -> bool {
        self.countries.iter().any(|c| c.code == code)
    }
    /// An owner of facts: one of the six economies or a country.
    pub fn is_owner(&self, code: &str) -> bool {
        self.is_economy(code) || self.is_country(code)
    }
    pub fn owner_name(&self, code: &str) -> Option<&str> {
        self.economy(code)
            .map(|e| e.name.as_str())
            .or_else(|| self.countries.iter().find(|c| c.code == code).map(|c| c.label.as_str()))
    }
    pub fn stage(&self, code: &str) -> Option<&Stage> {
        self.stages.iter().find(|s| s.code == code)
    }
    /// The nine process stages, in order, without the themes.
    pub fn process_stages(&self) -> impl Iterator<Item = &Stage> {
        self.stages.iter().filter(|s| !s.theme)
    }
    pub fn indicator(&self, code: &str) -> Option<&Indicator> {
        self.indicators.iter().find(|i| i.code == code)
    }
    pub fn has(list: &[Code], code: &str) -> bool {
        list.iter().any(|c| c.code == code)
    }
    /// The vocabulary with its labels and descriptions in `locale`, English where a translation
    /// lacks a word.
    pub fn in_locale(&self, locale: Locale) -> Vocabulary {
        let mut v = self.clone();
        let source = match locale {
            Locale::En => return v,
            Locale::SrCyrl => Locale::SrLatn,
            other => other,
        };
        let Some(words) = self.translations.get(&source) else {
            return v;
        };
        let script = |s: &str| match locale {
            Locale::SrCyrl => text_to_cyrillic(s),
            _ => s.to_string(),
        };
        let find = |list: &str, code: &str| -> Option<(String, Option<String>)> {
            let w = words.get(&(list.to_string(), code.to_string()))?;
            let description = (!w.description.is_empty()).then(|| script(&w.description));
            Some((script(&w.label), description))
        };
        for e in &mut v.economies {
            if let Some((label, footnote)) = find("economies", &e.code) {
                e.name = label.trim_end_matches('*').to_string();
                e.display_name = label;
                if let Some(f) = footnote {
                    e.footnote = f;
                }
            }
        }
        for s in &mut v.stages {
            if let Some((label, description)) = find("stages", &s.code) {
                s.label = label;
                s.description = description.unwrap_or_else(|| s.description.clone());
            }
        }
        for i in &mut v.indicators {
            if let Some((label, definition)) = find("indicators", &i.code) {
                i.label = label;
                i.definition = definition.unwrap_or_else(|| i.definition.clone());
            }
        }
        for (list, codes) in [
            ("countries", &mut v.countries),
            ("institution_kinds", &mut v.institution_kinds),
            ("relationship_kinds", &mut v.relationship_kinds),
            ("permit_types", &mut v.permit_types),
            ("sectors", &mut v.sectors),
        ] {
            for c in codes.iter_mut() {
                if let Some((label, description)) = find(list, &c.code) {
                    c.label = label;
                    c.description = description.unwrap_or_else(|| c.description.clone());
                }
            }
        }
        v
    }

    /// The codes of a list, as a translation file names the list.
    pub fn codes_of(&self, list: &str) -> Vec<&str> {
        match list {
            "economies" => self.economies.iter().map(|e| e.code.as_str()).collect(),
            "countries" => codes(&self.countries),
            "stages" => self.stages.iter().map(|e| e.code.as_str()).collect(),
            "institution_kinds" => codes(&self.institution_kinds),
            "relationship_kinds" => codes(&self.relationship_kinds),
            "permit_types" => codes(&self.permit_types),
            "sectors" => codes(&self.sectors),
            "indicators" => self.indicators.iter().map(|e| e.code.as_str()).collect(),
            _ => vec![],
        }
    }

    pub fn label<'a>(list: &'a [Code], code: &'a str) -> &'a str {
        list.iter()
            .find(|c| c.code == code)
            .map(|c| c.label.as_str())
            .unwrap_or(code)
    }
}
