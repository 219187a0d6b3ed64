//! UI text through Fluent message files (`i18n/<locale>.ftl`). English is complete; other locales
//! fall back to English message by message.

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};

#[derive(Debug, thiserror::Error)]
pub enum I18nError {
    #[error("i18n/{locale}.ftl: {message}")]
    Parse { locale: String, message: String },
}

pub struct Messages {
    en: FluentBundle<FluentResource>,
}

const EN: &str = include_str!("../i18n/en.ftl");

impl Messages {
    pub fn load() -> Result<Messages, I18nError> {
        let err = |m: String| I18nError::Parse {
            locale: "en".into(),
            message: m,
        };
        let res = FluentResource::try_new(EN.to_string()).map_err(|(_, e)| err(format!("{e:?}")))?;
        let lang: unic_langid::LanguageIdentifier = "en".parse().map_err(|e| err(format!("{e:?}")))?;
        let mut en = FluentBundle::new_concurrent(vec![lang]);
        en.set_use_isolating(false);
        en.add_resource(res).map_err(|e| err(format!("{e:?}")))?;
        Ok(Messages { en })
    }

    /// The message `key`, or the key itself (visible, so a missing message is noticed).
    pub fn t(&self, key: &str) -> String {
        self.fmt(key, &[])
    }

    pub fn fmt(&self, key: &str, args: &[(&str, String)]) -> String {
        let Some(pattern) = self.en.get_message(key).and_then(|m| m.value()) else {
            return key.to_string();
        };
        let mut fa = FluentArgs::new();
        for (k, v) in args {
            fa.set(*k, FluentValue::from(v.clone()));
        }
        let mut errors = vec![];
        self.en.format_pattern(pattern, Some(&fa), &mut errors).into_owned()
    }

    pub fn has(&self, key: &str) -> bool {
        self.en.has_message(key)
    }
}

/// Message keys of a template file (calls of `tr.t` and `tr.fmt` with a literal key), for the
/// completeness test.
pub fn keys_in(template: &str) -> Vec<String> {
    let mut out = vec![];
    for marker in [".t(\"", ".fmt(\""] {
        let mut rest = template;
        while let Some(i) = rest.find(marker) {
            rest = &rest[i + marker.len()..];
            if let Some(j) = rest.find('"') {
                out.push(rest[..j].to_string());
            }
        }
    }
    out
}
