//! A family of Fluent message files, one per locale, as the interface (`crates/web/i18n`) and the
//! documents (`crates/app/i18n`) each keep them.
//!
//! English is the reference: every other file carries the same ids with the same variables (each
//! family's completeness test holds them to it with [`variables`]). Serbian Cyrillic has no file
//! of its own — it is the Serbian Latin file transliterated ([`file_to_cyrillic`]), so the two
//! scripts can never say different things. A message missing from a locale falls back to English,
//! message by message, so a gap shows as English text, never as an id.

use std::collections::{BTreeMap, BTreeSet};

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use pathways_domain::locale::Locale;
use pathways_domain::script::text_to_cyrillic;

#[derive(Debug, thiserror::Error)]
#[error("{file}: {message}")]
pub struct MessagesError {
    pub file: String,
    pub message: String,
}

/// Where a family's files come from: the text of a locale's file, `None` for Serbian Cyrillic
/// (derived).
pub type Source = fn(Locale) -> Option<&'static str>;

/// The text of a locale's message file as it is loaded (for Serbian Cyrillic: the transliterated
/// Serbian Latin file).
pub fn ftl(source: Source, locale: Locale) -> String {
    match source(locale) {
        Some(s) => s.to_string(),
        None => file_to_cyrillic(source(Locale::SrLatn).unwrap_or_default()),
    }
}

/// One family of message files, parsed for every locale.
pub struct Catalogue {
    bundles: Vec<(Locale, FluentBundle<FluentResource>)>,
}

impl std::fmt::Debug for Catalogue {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Catalogue")
            .field("locales", &self.bundles.len())
            .finish()
    }
}

fn bundle(dir: &str, locale: Locale, text: String) -> Result<FluentBundle<FluentResource>, MessagesError> {
    let err = |m: String| MessagesError {
        file: format!("{dir}/{}.ftl", locale.tag()),
        message: m,
    };
    let res = FluentResource::try_new(text).map_err(|(_, e)| err(format!("{e:?}")))?;
    // Plural rules come from the language; Montenegrin's are Serbian's.
    let tag = match locale {
        Locale::Cnr => "sr-Latn-ME",
        other => other.tag(),
    };
    let lang: unic_langid::LanguageIdentifier = tag.parse().map_err(|e| err(format!("{e:?}")))?;
    let mut b = FluentBundle::new_concurrent(vec![lang]);
    b.set_use_isolating(false);
    b.add_resource(res).map_err(|e| err(format!("{e:?}")))?;
    Ok(b)
}

impl Catalogue {
    /// Parses the family's file of every locale; `dir` names the files in errors.
    pub fn load(dir: &str, source: Source) -> Result<Catalogue, MessagesError> {
        let mut bundles = vec![];
        for locale in Locale::ALL {
            bundles.push((locale, bundle(dir, locale, ftl(source, locale))?));
        }
        Ok(Catalogue { bundles })
    }

    /// The message in `locale`, in English when that locale lacks it, or the key itself
    /// (visible, so a missing message is noticed).
    pub fn fmt_in(&self, locale: Locale, key: &str, args: &[(&str, String)]) -> String {
        let found = [locale, Locale::En].into_iter().find_map(|l| {
            let (_, b) = self.bundles.iter().find(|(x, _)| *x == l)?;
            let pattern = b.get_message(key)?.value()?;
            Some((b, pattern))
        });
        let Some((b, pattern)) = found else {
            return key.to_string();
        };
        let mut fa = FluentArgs::new();
        for (k, v) in args {
            // Counts are numbers, so that plural variants (`[one]`, `[few]`) select on them.
            // `+1` and `007` are codes, not counts: they stay as written.
            let plain = !v.starts_with('+') && (v == "0" || !v.starts_with('0'));
            match v.parse::<i64>() {
                Ok(n) if plain => fa.set(*k, FluentValue::from(n)),
                _ => fa.set(*k, FluentValue::from(v.clone())),
            }
        }
        let mut errors = vec![];
        b.format_pattern(pattern, Some(&fa), &mut errors).into_owned()
    }

    /// Whether English has the message.
    pub fn has(&self, key: &str) -> bool {
        self.bundles
            .iter()
            .find(|(l, _)| *l == Locale::En)
            .is_some_and(|(_, b)| b.has_message(key))
    }
}

/// Each message id of a message file with the variables its value and attributes use — what
/// must agree between locales.
pub fn variables(ftl: &str) -> BTreeMap<String, BTreeSet<String>> {
    use fluent_syntax::ast;
    fn pattern(p: &ast::Pattern<&str>, out: &mut BTreeSet<String>) {
        for e in &p.elements {
            if let ast::PatternElement::Placeable { expression } = e {
                expr(expression, out);
            }
        }
    }
    fn inline(e: &ast::InlineExpression<&str>, out: &mut BTreeSet<String>) {
        match e {
            ast::InlineExpression::VariableReference { id } => {
                out.insert(id.name.to_string());
            }
            ast::InlineExpression::Placeable { expression } => expr(expression, out),
            ast::InlineExpression::FunctionReference { arguments, .. } => {
                for a in &arguments.positional {
                    inline(a, out);
                }
            }
            _ => {}
        }
    }
    fn expr(e: &ast::Expression<&str>, out: &mut BTreeSet<String>) {
        match e {
            ast::Expression::Inline(i) => inline(i, out),
            ast::Expression::Select { selector, variants } => {
                inline(selector, out);
                for v in variants {
                    pattern(&v.value, out);
                }
            }
        }
    }
    let resource = match fluent_syntax::parser::parse(ftl) {
        Ok(r) => r,
        Err((r, _)) => r,
    };
    let mut out = BTreeMap::new();
    for entry in &resource.body {
        if let ast::Entry::Message(m) = entry {
            let mut vars = BTreeSet::new();
            if let Some(v) = &m.value {
                pattern(v, &mut vars);
            }
            for a in &m.attributes {
                pattern(&a.value, &mut vars);
            }
            out.insert(m.id.name.to_string(), vars);
        }
    }
    out
}

/// The parse errors of a message file, for the completeness tests (a file Fluent reads only in
/// part would otherwise lose messages silently).
pub fn parse_errors(ftl: &str) -> Vec<String> {
    match fluent_syntax::parser::parse(ftl) {
        Ok(_) => vec![],
        Err((_, errors)) => errors.iter().map(|e| format!("{e:?}")).collect(),
    }
}

/// A whole message file in Serbian Cyrillic, by the standard one-to-one transliteration.
///
/// Only what a reader reads is transliterated: message ids, attribute names, variant keys,
/// `{ $placeables }`, markup and comments stay as written; the text itself goes through
/// [`text_to_cyrillic`], which keeps in Latin what Serbian Cyrillic writing keeps in Latin.
pub fn file_to_cyrillic(ftl: &str) -> String {
    let mut out = String::with_capacity(ftl.len() * 2);
    for line in ftl.split_inclusive('\n') {
        out.push_str(&line_to_cyrillic(line));
    }
    out
}

fn line_to_cyrillic(line: &str) -> String {
    let trimmed = line.trim_start();
    if trimmed.is_empty() || trimmed.starts_with('#') {
        return line.to_string();
    }
    let indent = &line[..line.len() - trimmed.len()];
    // `id = text` or `.attribute = text`: the name stays.
    let head_end = if indent.is_empty() || trimmed.starts_with('.') {
        trimmed.find('=').map(|i| i + 1)
    } else if trimmed.starts_with('[') || trimmed.starts_with("*[") {
        trimmed.find(']').map(|i| i + 1)
    } else {
        Some(0)
    };
    let Some(head_end) = head_end else {
        return line.to_string();
    };
    let (head, text) = trimmed.split_at(head_end);
    format!("{indent}{head}{}", text_to_cyrillic(text))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_keys_and_placeables_stay_and_text_is_cyrillic() {
        let ftl = "# Komentar\nnav-map = Mapa\ncount = { $n ->\n    [one] { $n } zahtev\n   *[other] { $n } zahteva\n}\n.title = Naslov\n";
        assert_eq!(
            file_to_cyrillic(ftl),
            "# Komentar\nnav-map = Мапа\ncount = { $n ->\n    [one] { $n } захтев\n   *[other] { $n } захтева\n}\n.title = Наслов\n"
        );
    }

    fn source(l: Locale) -> Option<&'static str> {
        match l {
            Locale::En => {
                Some("n = { $n ->\n    [one] { $n } record\n   *[other] { $n } records\n}\nonly-en = English\n")
            }
            Locale::SrLatn => {
                Some("n = { $n ->\n    [one] { $n } zapis\n    [few] { $n } zapisa\n   *[other] { $n } zapisa\n}\n")
            }
            Locale::SrCyrl => None,
            _ => Some(""),
        }
    }

    #[test]
    fn counts_select_plurals_and_missing_messages_fall_back_to_english() {
        let c = Catalogue::load("test", source).unwrap();
        assert_eq!(c.fmt_in(Locale::En, "n", &[("n", "1".into())]), "1 record");
        assert_eq!(c.fmt_in(Locale::En, "n", &[("n", "3".into())]), "3 records");
        assert_eq!(c.fmt_in(Locale::SrCyrl, "n", &[("n", "3".into())]), "3 записа");
        assert_eq!(c.fmt_in(Locale::SrLatn, "only-en", &[]), "English");
        assert_eq!(c.fmt_in(Locale::Sq, "nowhere", &[]), "nowhere");
        // A code that looks like a number stays as written.
        assert_eq!(c.fmt_in(Locale::En, "only-en", &[("x", "007".into())]), "English");
    }
}
