//! The words of the documents Pathways writes (country papers, the regional analysis): one
//! Fluent file per locale in `crates/app/i18n/`, kept like the interface's (English the
//! reference, Serbian Cyrillic transliterated from Serbian Latin, English as the fallback message
//! by message).
//!
//! An [`App`] writes in one locale ([`App::in_locale`] gives the same app writing in another):
//! its vocabulary, its words ([`w!`](crate::w)) and its numbers all follow it, so a builder never
//! mixes two languages.

use pathways_domain::locale::Locale;
use pathways_domain::vocab::Vocabulary;
use pathways_intl::messages::{self, Catalogue};

use crate::App;

fn source(locale: Locale) -> Option<&'static str> {
    Some(match locale {
        Locale::En => include_str!("../i18n/en.ftl"),
        Locale::Sq => include_str!("../i18n/sq.ftl"),
        Locale::SrLatn => include_str!("../i18n/sr-Latn.ftl"),
        Locale::Mk => include_str!("../i18n/mk.ftl"),
        Locale::Bs => include_str!("../i18n/bs.ftl"),
        Locale::Cnr => include_str!("../i18n/cnr.ftl"),
        Locale::SrCyrl => return None,
    })
}

/// The documents' message file of a locale as it is loaded, for the completeness test.
pub fn ftl(locale: Locale) -> String {
    messages::ftl(source, locale)
}

pub(crate) fn load() -> Result<Catalogue, messages::MessagesError> {
    Catalogue::load("crates/app/i18n", source)
}

/// The vocabulary in every locale, English first, with the indicators' units in the documents'
/// words (`doc-unit-permits`: units are not among the vocabulary's translated lists).
pub(crate) fn vocabularies(english: &Vocabulary, words: &Catalogue) -> Vec<(Locale, std::sync::Arc<Vocabulary>)> {
    Locale::ALL
        .into_iter()
        .map(|locale| {
            let mut vocab = english.in_locale(locale);
            if locale != Locale::En {
                for i in &mut vocab.indicators {
                    let key = format!("doc-unit-{}", i.unit);
                    if words.has(&key) {
                        i.unit = words.fmt_in(locale, &key, &[]);
                    }
                }
            }
            (locale, std::sync::Arc::new(vocab))
        })
        .collect()
}

/// A document's message in the app's locale: `w!(app, "paper-gaps")`, or with variables
/// `w!(app, "paper-gaps-intro", name = name)`.
#[macro_export]
macro_rules! w {
    ($app:expr, $key:literal) => {
        $app.word_in_locale($key, &[])
    };
    ($app:expr, $key:literal, $($k:ident = $v:expr),+ $(,)?) => {
        $app.word_in_locale($key, &[$((stringify!($k), ($v).to_string())),+])
    };
}

impl App {
    /// The same app writing in `locale`: the vocabulary in that locale's words.
    pub fn in_locale(&self, locale: Locale) -> App {
        App {
            vocab: self.vocab_in(locale).clone(),
            locale,
            ..self.clone()
        }
    }

    /// The documents' vocabulary in `locale` (made once, when the app was).
    pub(crate) fn vocab_in(&self, locale: Locale) -> &std::sync::Arc<Vocabulary> {
        self.vocabs
            .iter()
            .find(|(l, _)| *l == locale)
            .map_or(&self.vocabs[0].1, |(_, v)| v)
    }

    /// The locale this app writes documents in.
    pub fn locale(&self) -> Locale {
        self.locale
    }

    /// How the locales write numbers and dates, loaded once for the process.
    pub fn intl(&self) -> &std::sync::Arc<pathways_intl::Intl> {
        &self.intl
    }

    #[doc(hidden)]
    pub fn word_in_locale(&self, key: &str, args: &[(&str, String)]) -> String {
        self.words.fmt_in(self.locale, key, args)
    }

    /// A figure as the app's locale writes it.
    pub(crate) fn number(&self, v: f64) -> String {
        self.intl.get(self.locale).number(v)
    }

    /// A percentage (given in percent) rounded to `digits` decimals.
    pub(crate) fn percent(&self, v: f64, digits: u8) -> String {
        self.intl.get(self.locale).percent(v, digits)
    }
}
