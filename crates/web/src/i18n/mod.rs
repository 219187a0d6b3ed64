//! UI text in the platform's seven locales, through Fluent message files (`i18n/<tag>.ftl`), and
//! the locale of the request being answered.
//!
//! English is the reference: every other file carries the same message ids with the same
//! variables (a test holds them to it). Serbian Cyrillic has no file of its own — it is the
//! Serbian Latin file transliterated ([`cyrillic`]), so the two scripts can never say different
//! things. A message missing from a locale falls back to English, message by message, so a
//! gap shows as English text, never as an id. Each locale has a review status
//! (`i18n/status/<tag>.toml`); pages in a locale still marked draft say so.
//!
//! The locale is chosen per request by [`negotiate::choose`] and kept in a task-local, so that
//! `tr.t(…)` in a template and `s.i18n.t(…)` in a handler both speak the caller's language
//! without every function passing it along.

pub mod cyrillic;
pub mod negotiate;

use std::collections::{BTreeMap, BTreeSet};

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
pub use pathways_domain::locale::Locale;
use pathways_intl::{Formats, Intl};

#[derive(Debug, thiserror::Error)]
pub enum I18nError {
    #[error("i18n/{locale}.ftl: {message}")]
    Parse { locale: String, message: String },
    #[error("i18n/status/{locale}.toml: {message}")]
    Status { locale: String, message: String },
    #[error(transparent)]
    Intl(#[from] pathways_intl::IntlError),
}

tokio::task_local! {
    /// The locale of the request being answered (set by [`negotiate::choose`]).
    static LOCALE: Locale;
}

/// The locale of the request being answered; English outside a request.
pub fn current() -> Locale {
    LOCALE.try_with(|l| *l).unwrap_or_default()
}

/// Runs `f` with `locale` as the current one (a request, a test, a document rendered for
/// someone).
pub async fn scope<F: std::future::Future>(locale: Locale, f: F) -> F::Output {
    LOCALE.scope(locale, f).await
}

/// Runs `f` synchronously with `locale` as the current one.
pub fn sync_scope<R>(locale: Locale, f: impl FnOnce() -> R) -> R {
    LOCALE.sync_scope(locale, f)
}

/// The source of each locale's message file; Serbian Cyrillic is derived, not stored.
fn source(locale: Locale) -> Option<&'static str> {
    Some(match locale {
        Locale::En => include_str!("../../i18n/en.ftl"),
        Locale::Sq => include_str!("../../i18n/sq.ftl"),
        Locale::SrLatn => include_str!("../../i18n/sr-Latn.ftl"),
        Locale::Mk => include_str!("../../i18n/mk.ftl"),
        Locale::Bs => include_str!("../../i18n/bs.ftl"),
        Locale::Cnr => include_str!("../../i18n/cnr.ftl"),
        Locale::SrCyrl => return None,
    })
}

fn status_source(locale: Locale) -> &'static str {
    match locale {
        Locale::En => include_str!("../../i18n/status/en.toml"),
        Locale::Sq => include_str!("../../i18n/status/sq.toml"),
        Locale::SrLatn => include_str!("../../i18n/status/sr-Latn.toml"),
        Locale::SrCyrl => include_str!("../../i18n/status/sr-Cyrl.toml"),
        Locale::Mk => include_str!("../../i18n/status/mk.toml"),
        Locale::Bs => include_str!("../../i18n/status/bs.toml"),
        Locale::Cnr => include_str!("../../i18n/status/cnr.toml"),
    }
}

/// The text of a locale's message file as it is loaded (for Serbian Cyrillic: the
/// transliterated Serbian Latin file).
pub fn ftl(locale: Locale) -> String {
    match source(locale) {
        Some(s) => s.to_string(),
        None => cyrillic::file_to_cyrillic(source(Locale::SrLatn).unwrap_or_default()),
    }
}

/// The messages for code that has no state at hand (`IntoResponse` of an API error, template
/// filters): the ones the server loaded, set once by [`AppState::new`](crate::AppState::new).
static GLOBAL: std::sync::OnceLock<std::sync::Arc<Messages>> = std::sync::OnceLock::new();

pub fn set_global(m: std::sync::Arc<Messages>) {
    let _ = GLOBAL.set(m);
}

pub fn global() -> Option<&'static Messages> {
    GLOBAL.get().map(|m| m.as_ref())
}

/// How the request's locale writes numbers and dates, for code with no state at hand (template
/// filters, chart labels); `None` before a server has loaded its messages.
fn formats() -> Option<&'static Formats> {
    global().map(Messages::formats)
}

/// A figure as the request's locale writes it.
pub fn number(v: f64) -> String {
    formats().map_or_else(|| pathways_domain::number::thousands(v), |f| f.number(v))
}

/// A percentage (given in percent) rounded to `digits` decimals, as the request's locale
/// writes it (`12%`, `12 %`).
pub fn percent(v: f64, digits: u8) -> String {
    formats().map_or_else(|| format!("{v:.0} %"), |f| f.percent(v, digits))
}

/// A stored time as the request's locale writes it (see [`Formats::timestamp`]).
pub fn timestamp(t: &str) -> String {
    formats().map_or_else(|| t.to_string(), |f| f.timestamp(t))
}

/// Whether a locale's translation has been reviewed.
#[derive(Debug, Clone, PartialEq, Eq, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Review {
    Draft,
    Reviewed,
}

#[derive(Debug, Clone, serde::Deserialize)]
pub struct Status {
    pub status: Review,
    #[serde(default)]
    pub drafted_by: String,
    #[serde(default)]
    pub reviewed_by: String,
    #[serde(default)]
    pub reviewed_on: String,
}

struct Catalogue {
    locale: Locale,
    bundle: FluentBundle<FluentResource>,
    status: Status,
}

pub struct Messages {
    catalogues: Vec<Catalogue>,
    intl: Intl,
}

fn bundle(locale: Locale, text: String) -> Result<FluentBundle<FluentResource>, I18nError> {
    let err = |m: String| I18nError::Parse {
        locale: locale.tag().into(),
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

impl Messages {
    pub fn load() -> Result<Messages, I18nError> {
        let mut catalogues = vec![];
        for locale in Locale::ALL {
            let status: Status = toml::from_str(status_source(locale)).map_err(|e| I18nError::Status {
                locale: locale.tag().into(),
                message: e.to_string(),
            })?;
            catalogues.push(Catalogue {
                locale,
                bundle: bundle(locale, ftl(locale))?,
                status,
            });
        }
        Ok(Messages {
            catalogues,
            intl: Intl::load()?,
        })
    }

    fn catalogue(&self, locale: Locale) -> Option<&Catalogue> {
        self.catalogues.iter().find(|c| c.locale == locale)
    }

    /// How the request's locale writes numbers and dates and orders lists.
    pub fn formats(&self) -> &Formats {
        self.intl.get(current())
    }

    /// The message `key` in the request's locale, or the key itself (visible, so a missing
    /// message is noticed).
    pub fn t(&self, key: &str) -> String {
        self.fmt_in(current(), key, &[])
    }

    pub fn fmt(&self, key: &str, args: &[(&str, String)]) -> String {
        self.fmt_in(current(), key, args)
    }

    pub fn t_in(&self, locale: Locale, key: &str) -> String {
        self.fmt_in(locale, key, &[])
    }

    /// The message in `locale`, in English when that locale lacks it.
    pub fn fmt_in(&self, locale: Locale, key: &str, args: &[(&str, String)]) -> String {
        let found = [locale, Locale::En].into_iter().find_map(|l| {
            let c = self.catalogue(l)?;
            let pattern = c.bundle.get_message(key)?.value()?;
            Some((c, pattern))
        });
        let Some((c, pattern)) = found else {
            return key.to_string();
        };
        let mut fa = FluentArgs::new();
        for (k, v) in args {
            fa.set(*k, FluentValue::from(v.clone()));
        }
        let mut errors = vec![];
        c.bundle.format_pattern(pattern, Some(&fa), &mut errors).into_owned()
    }

    pub fn has(&self, key: &str) -> bool {
        self.catalogue(Locale::En).is_some_and(|c| c.bundle.has_message(key))
    }

    /// The review status of a locale's translation.
    pub fn review(&self, locale: Locale) -> Option<&Status> {
        self.catalogue(locale).map(|c| &c.status)
    }

    /// Whether pages in the request's locale should say the translation is a draft.
    pub fn is_draft(&self) -> bool {
        self.review(current()).is_some_and(|s| s.status == Review::Draft)
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
