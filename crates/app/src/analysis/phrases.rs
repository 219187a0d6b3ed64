//! The words documents share, in the app's locale: names of economies and vocabulary codes,
//! breakdowns, periods, the framework's levels, measures, dimensions and questions, a document's
//! file stem, the Kosovo* name and footnote, and the labels the renderers add around the text.

use pathways_analysis::Level;
use pathways_reports::model::Labels;
use serde_json::Value;

use super::blocks::t;
use crate::{App, w};

impl App {
    pub(super) fn name_of(&self, code: &str) -> String {
        self.vocab
            .economy(code)
            .map_or(code.to_string(), |e| e.display_name.clone())
    }

    /// A breakdown code of a statistic in words: `_T` is the total; citizenships are economies
    /// or countries, sectors NACE sections, sexes women and men.
    pub(super) fn breakdown(&self, field: &str, v: &serde_json::Value) -> String {
        let code = t(v);
        match (field, code.as_str()) {
            (_, "_T") => crate::w!(self, "doc-total"),
            ("sex", "F") => crate::w!(self, "doc-women"),
            ("sex", "M") => crate::w!(self, "doc-men"),
            ("sector", c) => self
                .vocab
                .sectors
                .iter()
                .find(|x| x.code == c)
                .map_or(code.clone(), |x| x.label.clone()),
            (_, c) => match self.vocab.economy(c) {
                Some(e) => e.display_name.clone(),
                None => self.vocab.owner_name(c).map_or(code.clone(), str::to_string),
            },
        }
    }

    /// The words for a vocabulary code (stages, kinds, permit types, countries, sectors,
    /// indicators, economies); never the code as stored.
    pub(super) fn word(&self, code: &str) -> String {
        self.vocab
            .words()
            .find(|(c, _)| *c == code)
            .map_or_else(|| code.replace('_', " "), |(_, w)| w.to_string())
    }

    /// An indicator's question in the app's locale.
    pub(super) fn question(&self, i: &pathways_analysis::framework::Indicator) -> String {
        super::framework_words(self.locale, &i.code).unwrap_or_else(|| i.question.clone())
    }

    /// A dimension's label in the app's locale.
    pub(super) fn dimension_label(&self, d: &pathways_analysis::framework::Dimension) -> String {
        super::framework_words(self.locale, &d.code).unwrap_or_else(|| d.label.clone())
    }

    /// What kind of figure a measure is (`flow`, `stock`, `quota`, `register`), in words.
    pub(super) fn measure_name(&self, measure: &str) -> String {
        match measure {
            "flow" => w!(self, "doc-measure-flow"),
            "stock" => w!(self, "doc-measure-stock"),
            "quota" => w!(self, "doc-measure-quota"),
            "register" => w!(self, "doc-measure-register"),
            other => other.to_string(),
        }
    }

    /// A dimension's score in words for a table: the mean with its coverage, "withheld" when
    /// too few indicators have evidence, "no evidence" when none has.
    pub(super) fn dimension_words(&self, d: Option<&(Option<f64>, usize, usize)>) -> String {
        match d {
            Some((Some(m), with, of)) if pathways_analysis::score::well_covered(*with, *of) => {
                // Rounded as the charts round it (half to even), so table and chart agree.
                let rounded: f64 = format!("{m:.0}").parse().unwrap_or(*m);
                w!(
                    self,
                    "doc-dimension-score",
                    score = self.number(rounded),
                    with = with,
                    of = of
                )
            }
            Some((Some(_), with, of)) => w!(self, "doc-dimension-withheld", with = with, of = of),
            _ => w!(self, "doc-level-none"),
        }
    }

    /// An indicator's level in words.
    pub(super) fn level_text(&self, l: Option<Level>) -> String {
        match l {
            Some(Level::Complete) => crate::w!(self, "doc-level-complete"),
            Some(Level::Partial) => crate::w!(self, "doc-level-partial"),
            Some(Level::Absent) => crate::w!(self, "doc-level-absent"),
            None => crate::w!(self, "doc-level-none"),
        }
    }

    /// A reporting period in words (`January–June 2024`).
    pub(super) fn period_words(&self, p: &str) -> String {
        pathways_domain::period::period_in_words(p, |m| crate::w!(self, "doc-month", month = (m as usize - 1) % 12 + 1))
    }

    /// An observation's breakdown in words: "Total", or its citizenship, sector and sex.
    pub(super) fn breakdown_of(&self, o: &Value) -> String {
        let parts: Vec<String> = ["citizenship", "sector", "sex"]
            .iter()
            .filter(|f| o[**f] != "_T")
            .map(|f| self.breakdown(f, &o[*f]))
            .collect();
        if parts.is_empty() {
            crate::w!(self, "doc-total")
        } else {
            parts.join("; ")
        }
    }

    /// Kosovo's name without its asterisk, as the app's locale writes it (what a document
    /// that names it contains).
    pub(super) fn kosovo_name(&self) -> String {
        self.vocab
            .economy("XK")
            .map_or_else(|| "Kosovo".into(), |e| e.name.clone())
    }

    /// A document's file stem in the app's locale: `country-RS` in English, `country-RS.sr-Cyrl`
    /// in another.
    pub(super) fn document_name(&self, stem: &str) -> String {
        match self.locale {
            pathways_domain::locale::Locale::En => stem.to_string(),
            l => format!("{stem}.{}", l.tag()),
        }
    }

    /// The words the renderers add around a document, in the app's locale.
    pub(super) fn labels(&self) -> Labels {
        // The separators are read off a figure as the locale writes it ("1,234.5", "1.234,5").
        let sample = self.number(1234.5);
        let between = |a: char, b: char| -> String {
            let start = sample.find(a).map_or(0, |i| i + a.len_utf8());
            let end = sample.find(b).unwrap_or(start);
            sample.get(start..end).unwrap_or_default().to_string()
        };
        Labels {
            lang: self.locale.tag().into(),
            kicker: w!(self, "doc-label-kicker"),
            contents: w!(self, "doc-label-contents"),
            draft: w!(self, "doc-label-draft"),
            draft_note: w!(self, "doc-label-draft-note"),
            evidence_as_of: w!(self, "doc-label-evidence-as-of"),
            date: String::new(),
            generated: w!(self, "doc-label-generated"),
            notes: w!(self, "doc-label-notes"),
            compared: w!(self, "doc-label-compared"),
            page: w!(self, "doc-label-page"),
            of: w!(self, "doc-label-of"),
            marked: self
                .vocab
                .economy("XK")
                .map_or_else(|| "Kosovo*".into(), |e| e.display_name.clone()),
            about_sheet: w!(self, "doc-label-about-sheet"),
            data_sheet: w!(self, "doc-label-data-sheet"),
            columns: [
                w!(self, "doc-data-economy"),
                w!(self, "doc-col-indicator"),
                w!(self, "doc-data-measure"),
                w!(self, "doc-data-unit"),
                w!(self, "doc-col-period"),
                w!(self, "doc-data-period-code"),
                w!(self, "doc-data-citizenship"),
                w!(self, "doc-data-sector"),
                w!(self, "doc-data-sex"),
                w!(self, "doc-col-value"),
                w!(self, "doc-data-flag"),
                w!(self, "doc-col-note"),
                w!(self, "doc-col-source"),
                w!(self, "doc-data-source-date"),
                w!(self, "doc-data-confidence"),
                w!(self, "doc-data-definition"),
            ],
            group_separator: between('1', '2'),
            decimal_separator: between('4', '5'),
        }
    }

    pub(super) fn kosovo_footnote(&self) -> String {
        self.vocab.economy("XK").map(|e| e.footnote.clone()).unwrap_or_default()
    }
}
