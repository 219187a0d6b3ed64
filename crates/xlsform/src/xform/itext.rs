//! Translations of an XForm (`<itext>`): labels, hints, messages and media per language, with
//! the text each element shows when it has more than one language or has media. Every language
//! carries every text, "-" where the author wrote none, as pyxform writes it.

use std::collections::BTreeMap;

use super::xml::El;
use crate::model::language_of;

/// The media columns and the itext form each writes.
pub(crate) const MEDIA: &[(&str, &str)] = &[
    ("image", "image"),
    ("media::image", "image"),
    ("big-image", "big-image"),
    ("media::big-image", "big-image"),
    ("audio", "audio"),
    ("media::audio", "audio"),
    ("video", "video"),
    ("media::video", "video"),
];

/// A cell's text: one string, or one per language.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Text {
    None,
    Plain(String),
    ByLanguage(Vec<(String, String)>),
}

impl Text {
    pub fn is_some(&self) -> bool {
        !matches!(self, Text::None)
    }

    /// Per language, the plain text under the default language.
    pub fn by_language(&self, default: &str) -> Vec<(String, String)> {
        match self {
            Text::None => vec![],
            Text::Plain(t) => vec![(default.to_string(), t.clone())],
            Text::ByLanguage(v) => v.clone(),
        }
    }

    pub fn has_reference(&self) -> bool {
        match self {
            Text::None => false,
            Text::Plain(t) => t.contains("${"),
            Text::ByLanguage(v) => v.iter().any(|(_, t)| t.contains("${")),
        }
    }
}

/// The text of column `base` in a row: per language when any `base::language` cell has a
/// value (the unsuffixed cell then counting for the default language), else the plain cell.
pub(crate) fn text(cells: &BTreeMap<String, String>, base: &str, default: &str) -> Text {
    let mut langs: Vec<(String, String)> = cells
        .iter()
        .filter_map(|(k, v)| {
            let (b, l) = language_of(k)?;
            (b == base && !v.is_empty()).then(|| (l.to_string(), v.clone()))
        })
        .collect();
    let plain = cells.get(base).filter(|v| !v.is_empty());
    if langs.is_empty() {
        return plain.map_or(Text::None, |p| Text::Plain(p.clone()));
    }
    if let Some(p) = plain
        && !langs.iter().any(|(l, _)| l == default)
    {
        langs.insert(0, (default.to_string(), p.clone()));
    }
    Text::ByLanguage(langs)
}

/// A row's media: (language, itext form, file).
pub(crate) fn media(cells: &BTreeMap<String, String>, default: &str) -> Vec<(String, String, String)> {
    let mut out = vec![];
    for (col, form) in MEDIA {
        for (k, v) in cells {
            if v.is_empty() {
                continue;
            }
            let lang = if k == col {
                default.to_string()
            } else {
                match language_of(k) {
                    Some((b, l)) if b == *col => l.to_string(),
                    _ => continue,
                }
            };
            out.push((lang, form.to_string(), v.clone()));
        }
    }
    out
}

/// A value of a text: its form ("long", "guidance", "image", …), its content (escaped markup),
/// and whether it holds `<output/>` elements.
type Values = BTreeMap<String, (String, bool)>;

/// The translations being collected: language → text id → values.
#[derive(Debug, Default)]
pub(crate) struct Itext {
    langs: Vec<(String, Vec<(String, Values)>)>,
}

impl Itext {
    pub fn add(&mut self, lang: &str, id: &str, form: &str, markup: String, parsed: bool) {
        let pos = match self.langs.iter().position(|(l, _)| l == lang) {
            Some(p) => p,
            None => {
                self.langs.push((lang.to_string(), vec![]));
                self.langs.len() - 1
            }
        };
        let texts = &mut self.langs[pos].1;
        let t = match texts.iter().position(|(i, _)| i == id) {
            Some(t) => t,
            None => {
                texts.push((id.to_string(), Values::new()));
                texts.len() - 1
            }
        };
        texts[t].1.insert(form.to_string(), (markup, parsed));
    }

    pub fn is_empty(&self) -> bool {
        self.langs.is_empty()
    }

    /// `<itext>`, every language holding every text.
    pub fn element(mut self, default: &str) -> El {
        let mut all: Vec<(String, Vec<String>)> = vec![];
        for (_, texts) in &self.langs {
            for (id, values) in texts {
                let pos = match all.iter().position(|(i, _)| i == id) {
                    Some(p) => p,
                    None => {
                        all.push((id.clone(), vec![]));
                        all.len() - 1
                    }
                };
                for form in values.keys() {
                    if !all[pos].1.contains(form) {
                        all[pos].1.push(form.clone());
                    }
                }
            }
        }
        let mut itext = El::new("itext");
        for (lang, texts) in &mut self.langs {
            let mut tr = El::new("translation").attr("lang", lang.as_str());
            if lang == default {
                tr.set("default", "true()");
            }
            for (id, forms) in &all {
                if !texts.iter().any(|(i, _)| i == id) {
                    texts.push((id.clone(), Values::new()));
                }
                let Some((_, values)) = texts.iter().find(|(i, _)| i == id) else {
                    continue;
                };
                let mut t = El::new("text").attr("id", id.as_str());
                for form in forms {
                    let (markup, _) = values.get(form).cloned().unwrap_or_else(|| ("-".into(), false));
                    let v = match form.as_str() {
                        "long" => El::new("value").markup(markup),
                        "guidance" => El::new("value").attr("form", "guidance").markup(markup),
                        _ if markup == "-" => continue,
                        "image" | "big-image" => El::new("value")
                            .attr("form", form.as_str())
                            .markup(format!("jr://images/{markup}")),
                        _ => El::new("value")
                            .attr("form", form.as_str())
                            .markup(format!("jr://{form}/{markup}")),
                    };
                    t.push(v);
                }
                tr.push(t);
            }
            itext.push(tr);
        }
        itext
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cells(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
        pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect()
    }

    #[test]
    fn a_row_is_translated_only_when_it_has_a_language_cell() {
        let c = cells(&[("label", "A"), ("label::fr", "Afr"), ("hint", "h")]);
        assert_eq!(
            text(&c, "label", "default"),
            Text::ByLanguage(vec![("default".into(), "A".into()), ("fr".into(), "Afr".into())])
        );
        assert_eq!(text(&c, "hint", "default"), Text::Plain("h".into()));
        // The default language's own column wins over the unsuffixed one.
        assert_eq!(
            text(&c, "label", "fr"),
            Text::ByLanguage(vec![("fr".into(), "Afr".into())])
        );
    }

    #[test]
    fn every_language_gets_every_text() {
        let mut it = Itext::default();
        it.add("en", "/data/a:label", "long", "A".into(), false);
        it.add("fr", "/data/b:label", "long", "B".into(), false);
        it.add("fr", "/data/b:label", "image", "b.png".into(), false);
        let mut doc = String::new();
        for tr in it.element("en").children {
            if let super::super::xml::Node::El(e) = tr {
                doc.push_str(&e.document());
            }
        }
        assert!(doc.contains("<translation lang=\"en\" default=\"true()\">"));
        assert_eq!(doc.matches("<value>-</value>").count(), 2);
        assert_eq!(doc.matches("jr://images/b.png").count(), 1);
    }
}
