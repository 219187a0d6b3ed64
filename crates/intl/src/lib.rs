//! Numbers, percentages, dates and the order of lists as each of Pathways' locales writes them,
//! from the Unicode CLDR data ICU4X compiles in (nothing is looked up at run time, nothing is
//! hand-written per language).
//!
//! Message files (Fluent) are read here too ([`messages`]): the interface and the documents each
//! keep a family of them.
//!
//! Montenegrin has no CLDR locale of its own; it is formatted and ordered as Serbian Latin as used
//! in Montenegro (`sr-Latn-ME`), which is what Montenegro's own administration writes.
//!
//! Invariant: no formatter here fails on a value — a number ICU4X cannot represent, or a date
//! that is not one, comes back as written, never as an error page.

pub mod messages;

use std::cmp::Ordering;

use fixed_decimal::{Decimal, FloatPrecision};
use icu_calendar::{Date, Iso};
use icu_collator::options::CollatorOptions;
use icu_collator::{Collator, CollatorBorrowed};
use icu_datetime::DateTimeFormatter;
use icu_datetime::fieldsets::{YMD, YMDT};
use icu_datetime::input::{DateTime, Time};
use icu_decimal::DecimalFormatter;
use icu_experimental::dimension::percent::formatter::PercentFormatter;
use icu_locale_core::Locale as IcuLocale;
use pathways_domain::locale::Locale;
use writeable::Writeable;

#[derive(Debug, thiserror::Error)]
#[error("no CLDR data for {locale} ({what}): {message}")]
pub struct IntlError {
    locale: Locale,
    what: &'static str,
    message: String,
}

/// The CLDR locale whose conventions a Pathways locale follows.
pub fn cldr_tag(locale: Locale) -> &'static str {
    match locale {
        // The programme's partners write British English (6 December 2026, not December 6).
        Locale::En => "en-GB",
        Locale::Sq => "sq",
        Locale::SrLatn => "sr-Latn",
        Locale::SrCyrl => "sr-Cyrl",
        Locale::Mk => "mk",
        Locale::Bs => "bs",
        Locale::Cnr => "sr-Latn-ME",
    }
}

/// Everything one locale needs to write numbers and dates and to order lists.
pub struct Formats {
    locale: Locale,
    decimal: DecimalFormatter,
    percent: PercentFormatter<DecimalFormatter>,
    date: DateTimeFormatter<YMD>,
    date_time: DateTimeFormatter<YMDT>,
    collator: CollatorBorrowed<'static>,
}

impl std::fmt::Debug for Formats {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Formats").field("locale", &self.locale).finish()
    }
}

impl Formats {
    pub fn new(locale: Locale) -> Result<Formats, IntlError> {
        let err = |what: &'static str| {
            move |e: &dyn std::fmt::Display| IntlError {
                locale,
                what,
                message: e.to_string(),
            }
        };
        let icu: IcuLocale = cldr_tag(locale).parse().map_err(|e| err("tag")(&format!("{e:?}")))?;
        let decimal = DecimalFormatter::try_new((&icu).into(), Default::default()).map_err(|e| err("numbers")(&e))?;
        let percent =
            PercentFormatter::try_new((&icu).into(), Default::default()).map_err(|e| err("percentages")(&e))?;
        let date = DateTimeFormatter::try_new((&icu).into(), YMD::medium()).map_err(|e| err("dates")(&e))?;
        let date_time =
            DateTimeFormatter::try_new((&icu).into(), YMD::medium().with_time_hm()).map_err(|e| err("times")(&e))?;
        let collator =
            Collator::try_new((&icu).into(), CollatorOptions::default()).map_err(|e| err("collation")(&e))?;
        Ok(Formats {
            locale,
            decimal,
            percent,
            date,
            date_time,
            collator,
        })
    }

    /// A figure with the locale's grouping and decimal separator (`50,397`, `50.397`,
    /// `50 397`); its decimals are kept as they are.
    pub fn number(&self, v: f64) -> String {
        match Decimal::try_from_f64(v, FloatPrecision::RoundTrip) {
            Ok(d) => self.decimal.format(&d).write_to_string().into_owned(),
            Err(_) => v.to_string(),
        }
    }

    /// A percentage given in percent (`12.5` → `12.5%`, `12,5 %`), rounded to `digits`
    /// decimals, with the locale's sign and spacing.
    pub fn percent(&self, v: f64, digits: u8) -> String {
        match Decimal::try_from_f64(round(v, digits), FloatPrecision::RoundTrip) {
            Ok(d) => self.percent.format(&d).write_to_string().into_owned(),
            Err(_) => format!("{v} %"),
        }
    }

    /// A calendar date (`6 Dec 2026`, `6. dec 2026.`); an impossible date comes back as
    /// `YYYY-MM-DD`.
    pub fn date(&self, year: i32, month: u8, day: u8) -> String {
        match Date::try_new_iso(year, month, day) {
            Ok(d) => self.date.format(&d).write_to_string().into_owned(),
            Err(_) => format!("{year:04}-{month:02}-{day:02}"),
        }
    }

    /// A stored time (RFC 3339, UTC) to the minute, marked UTC; a date alone (`2026-12-06`) as
    /// a date; anything else as it is.
    pub fn timestamp(&self, t: &str) -> String {
        let Some((y, m, d)) = ymd(t) else {
            return t.to_string();
        };
        let hm = (t.as_bytes().get(10) == Some(&b'T'))
            .then(|| Some((t.get(11..13)?.parse::<u8>().ok()?, t.get(14..16)?.parse::<u8>().ok()?)))
            .flatten();
        let Some((h, min)) = hm else {
            return self.date(y, m, d);
        };
        let (Ok(date), Ok(time)) = (Date::<Iso>::try_new_iso(y, m, d), Time::try_new(h, min, 0, 0)) else {
            return t.to_string();
        };
        let dt = DateTime { date, time };
        format!("{} UTC", self.date_time.format(&dt).write_to_string())
    }

    /// The locale's order of two texts (`č` after `c`, `ë` after `e`, Cyrillic in its own order).
    pub fn compare(&self, a: &str, b: &str) -> Ordering {
        self.collator.compare(a, b)
    }

    /// Sorts `items` by a text in the locale's order.
    pub fn sort_by_text<T>(&self, items: &mut [T], key: impl Fn(&T) -> &str) {
        items.sort_by(|a, b| self.collator.compare(key(a), key(b)));
    }
}

fn round(v: f64, digits: u8) -> f64 {
    let f = 10f64.powi(i32::from(digits));
    (v * f).round() / f
}

fn ymd(t: &str) -> Option<(i32, u8, u8)> {
    let b = t.as_bytes();
    if b.len() < 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    Some((
        t.get(..4)?.parse().ok()?,
        t.get(5..7)?.parse().ok()?,
        t.get(8..10)?.parse().ok()?,
    ))
}

/// The formats of every locale, built once.
#[derive(Debug)]
pub struct Intl {
    en: Formats,
    others: Vec<Formats>,
}

impl Intl {
    pub fn load() -> Result<Intl, IntlError> {
        Ok(Intl {
            en: Formats::new(Locale::En)?,
            others: Locale::ALL
                .iter()
                .filter(|l| **l != Locale::En)
                .map(|l| Formats::new(*l))
                .collect::<Result<_, _>>()?,
        })
    }

    pub fn get(&self, locale: Locale) -> &Formats {
        self.others.iter().find(|f| f.locale == locale).unwrap_or(&self.en)
    }
}

#[cfg(test)]
mod tests;
