//! UI text in the platform's seven locales, through Fluent message files (`i18n/<tag>.ftl`), and
//! the locale of the request being answered.
//!
//! English is the reference: every other file carries the same message ids with the same
//! variables (a test holds them to it). Serbian Cyrillic has no file of its own — it is the
//! Serbian Latin file transliterated ([`messages::file_to_cyrillic`]), so the two scripts can never say different
//! things. A message missing from a locale falls back to English, message by message, so a
//! gap shows as English text, never as an id. Each locale has a review status
//! (`i18n/status/<tag>.toml`); pages in a locale still marked draft say so.
//!
//! The locale is chosen per request by [`negotiate::choose`] and kept in a task-local, so that
//! `tr.t(…)` in a template and `s.i18n.t(…)` in a handler both speak the caller's language
//! without every function passing it along.

pub mod negotiate;

pub use pathways_domain::locale::Locale;
use pathways_intl::messages::{self, Catalogue};
use pathways_intl::{Formats, Intl};

#[derive(Debug, thiserror::Error)]
pub enum I18nError {
    #[error(transparent)]
    Parse(#[from] pathways_intl::messages::MessagesError),
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
    messages::ftl(source, locale)
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

pub struct Messages {
    catalogue: Catalogue,
    statuses: Vec<(Locale, Status)>,
    intl: std::sync::Arc<Intl>,
}

impl Messages {
    /// The messages, with formats of their own (tests, tools).
    pub fn load() -> Result<Messages, I18nError> {
        Messages::load_with(std::sync::Arc::new(Intl::load()?))
    }

    /// The messages, writing numbers and dates with `intl` (the server passes the app's, so the
    /// CLDR formats are built once per process).
    pub fn load_with(intl: std::sync::Arc<Intl>) -> Result<Messages, I18nError> {
        let mut statuses = vec![];
        for locale in Locale::ALL {
            let status: Status = toml::from_str(status_source(locale)).map_err(|e| I18nError::Status {
                locale: locale.tag().into(),
                message: e.to_string(),
            })?;
            statuses.push((locale, status));
        }
        Ok(Messages {
            catalogue: Catalogue::load("crates/web/i18n", source)?,
            statuses,
            intl,
        })
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
        self.catalogue.fmt_in(locale, key, args)
    }

    pub fn has(&self, key: &str) -> bool {
        self.catalogue.has(key)
    }

    /// The review status of a locale's translation.
    pub fn review(&self, locale: Locale) -> Option<&Status> {
        self.statuses.iter().find(|(l, _)| *l == locale).map(|(_, s)| s)
    }

    /// Whether pages in the request's locale should say the translation is a draft.
    pub fn is_draft(&self) -> bool {
        self.review(current()).is_some_and(|s| s.status == Review::Draft)
    }
}

pub use pathways_intl::messages::variables;

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

/// What a problem says, in the reader's words when the domain worded it (without where).
pub fn problem_message(p: &pathways_domain::Problem) -> String {
    said(&p.message)
}

/// An English sentence of `pathways_domain::wording` (a problem, a refusal) in the reader's
/// words; any other text as it is.
pub fn said(message: &str) -> String {
    let Some(tr) = global() else {
        return message.to_string();
    };
    // A refusal with its reason first: each part is a wording of its own, and the refusal's last
    // value would otherwise run on into the reason.
    if let Some((refused, reason)) = pathways_domain::wording::reasoned(message)
        && let (Some(refused), Some(reason)) = (worded(tr, refused), worded(tr, reason))
    {
        return format!("{refused} ({reason})");
    }
    worded(tr, message).unwrap_or_else(|| message.to_string())
}

/// The values a wording names after the code list they come from, and the message prefix of
/// that list's labels here.
const LABELLED: &[(&str, &str)] = &[
    ("case_state", "case-state-"),
    ("to_state", "case-state-"),
    ("response_state", "rstate-"),
    ("link_state", "link-"),
    ("exercise_status", "exercise-status-"),
    ("role", "role-"),
    ("kind", "audit-kind-"),
];

/// `message` in the reader's words, if it is one of the domain's wordings; a value that is a
/// code's English label is said with the reader's label for the code.
fn worded(tr: &Messages, message: &str) -> Option<String> {
    let (id, values) = pathways_domain::wording::recognise(message)?;
    translate(tr, id, &values, 4)
}

/// The wording `id` with its `values` in the reader's words; `depth` bounds how far a value is
/// read into (see [`part`]).
fn translate(tr: &Messages, id: &str, values: &[(String, String)], depth: u8) -> Option<String> {
    let key = format!("problem-{id}");
    if !tr.has(&key) {
        return None;
    }
    let label = |name: &str, value: &str| {
        let prefix = LABELLED.iter().find(|(n, _)| *n == name).map(|(_, p)| *p)?;
        [
            value.to_string(),
            value.replace(' ', "_"),
            value.replace([' ', '_'], "-"),
        ]
        .into_iter()
        .map(|v| format!("{prefix}{v}"))
        .find(|k| tr.has(k))
        .map(|k| tr.t(&k))
    };
    let args: Vec<(&str, String)> = values
        .iter()
        .map(|(k, v)| (k.as_str(), label(k, v).unwrap_or_else(|| part(tr, v, depth))))
        .collect();
    Some(tr.fmt(&key, &args))
}

/// A value inside a wording, in the reader's words where it is a wording itself or a list of
/// them (`; ` between records, `, ` between comparisons); names, numbers and dates as they are.
/// `depth` bounds the nesting a value is read into.
fn part(tr: &Messages, value: &str, depth: u8) -> String {
    if depth == 0 {
        return value.to_string();
    }
    let depth = depth - 1;
    match ["; ", ", "].into_iter().find(|sep| value.contains(sep)) {
        // One wording that holds the separator (a comparison with a comma, a record with its
        // comparisons), else a list of them.
        Some(sep) => item(tr, value, sep, depth).unwrap_or_else(|| list(tr, value, sep, depth)),
        None => item(tr, value, "", depth).unwrap_or_else(|| value.to_string()),
    }
}

/// `text` in the reader's words if it is one wording — and one item of a list separated by
/// `sep`: not when its last value, the one that runs to the end of the text, holds `sep` (it
/// swallowed the next items; a value before it ends where the wording's next words first
/// appear, so it stays inside its item).
fn item(tr: &Messages, text: &str, sep: &str, depth: u8) -> Option<String> {
    let (id, values) = pathways_domain::wording::recognise(text)?;
    if !sep.is_empty() && values.last().is_some_and(|(_, v)| v.contains(sep)) {
        return None;
    }
    translate(tr, id, &values, depth)
}

/// A list whose items may themselves hold the separator (a comparison such as "the same date of
/// birth, 1 January (…)"): each item is the longest run of pieces that is a wording.
fn list(tr: &Messages, value: &str, sep: &str, depth: u8) -> String {
    let pieces: Vec<&str> = value.split(sep).collect();
    let mut out = vec![];
    let mut i = 0;
    while i < pieces.len() {
        let found = (i + 1..=pieces.len())
            .rev()
            .find_map(|j| item(tr, &pieces[i..j].join(sep), sep, depth).map(|w| (j, w)));
        match found {
            Some((j, words)) => {
                out.push(words);
                i = j;
            }
            None => {
                out.push(pieces[i].to_string());
                i += 1;
            }
        }
    }
    out.join(sep)
}

/// A problem as the reader's language says it: where (a file and line as given, a file's column
/// by its name, a form's field by its label), then what — in the reader's words when the domain
/// worded it (`pathways_domain::wording`, `problem-<id>` here); a problem no one worded (an
/// importer's, a store's) stays as written.
pub fn problem(p: &pathways_domain::Problem) -> String {
    let Some(tr) = global() else {
        return p.to_string();
    };
    let message = problem_message(p);
    let mut out = String::new();
    if !p.file.is_empty() {
        out.push_str(&p.file);
        if let Some(line) = p.line {
            out.push_str(&format!(":{line}"));
        }
        out.push_str(": ");
        if let Some(column) = &p.field {
            out.push_str(&tr.fmt("problem-column", &[("column", column.clone())]));
            out.push_str(": ");
        }
    } else if let Some(field) = &p.field {
        let key = format!("field-{field}");
        out.push_str(&if tr.has(&key) { tr.t(&key) } else { field.clone() });
        out.push_str(": ");
    }
    out.push_str(&message);
    out
}
