//! The languages Pathways speaks: English and the official languages of the six economies, with
//! Serbian in both its scripts. A locale is a vocabulary the code branches on (which message file,
//! which collation, which footnote), so it is an enum; its BCP 47 tag is how it travels (the
//! `?lang=` parameter, the cookie, the user's preference, `<html lang>`).
//!
//! Invariant: every tag [`Locale::tag`] returns is read back by [`Locale::parse`] as the same
//! locale, and a request's `Accept-Language` never yields a locale Pathways does not have.

use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub enum Locale {
    #[default]
    En,
    /// Albanian (Albania, Kosovo*, North Macedonia).
    Sq,
    /// Serbian, Latin script.
    SrLatn,
    /// Serbian, Cyrillic script — produced from [`Locale::SrLatn`] by transliteration.
    SrCyrl,
    /// Macedonian (Cyrillic).
    Mk,
    /// Bosnian (Latin).
    Bs,
    /// Montenegrin (Latin).
    Cnr,
}

impl Locale {
    /// Every locale, in the order the language switcher lists them.
    pub const ALL: [Locale; 7] = [
        Locale::En,
        Locale::Sq,
        Locale::Bs,
        Locale::Cnr,
        Locale::Mk,
        Locale::SrLatn,
        Locale::SrCyrl,
    ];

    /// The BCP 47 tag, as in `<html lang>` and the message file's name.
    pub fn tag(self) -> &'static str {
        match self {
            Locale::En => "en",
            Locale::Sq => "sq",
            Locale::SrLatn => "sr-Latn",
            Locale::SrCyrl => "sr-Cyrl",
            Locale::Mk => "mk",
            Locale::Bs => "bs",
            Locale::Cnr => "cnr",
        }
    }

    /// The language's name in itself, as a language switcher shows it.
    pub fn native_name(self) -> &'static str {
        match self {
            Locale::En => "English",
            Locale::Sq => "Shqip",
            Locale::SrLatn => "Srpski (latinica)",
            Locale::SrCyrl => "Српски (ћирилица)",
            Locale::Mk => "Македонски",
            Locale::Bs => "Bosanski",
            Locale::Cnr => "Crnogorski",
        }
    }

    /// Whether the locale is written in Cyrillic (fonts, transliterated search).
    pub fn is_cyrillic(self) -> bool {
        matches!(self, Locale::SrCyrl | Locale::Mk)
    }

    /// A tag as users and browsers write it: case and `_` do not matter, a region is ignored
    /// (`sr-Latn-RS`), a bare `sr` is the Cyrillic standard, `sh` and `hr` are read as their
    /// closest locale here (Serbian Latin, Bosnian), and `sr-ME` as Montenegrin.
    pub fn parse(tag: &str) -> Option<Locale> {
        let lower = tag.trim().replace('_', "-").to_ascii_lowercase();
        let mut parts = lower.split('-');
        let language = parts.next()?;
        let rest: Vec<&str> = parts.collect();
        let script = rest.iter().find(|p| p.len() == 4).copied();
        let region = rest.iter().find(|p| p.len() == 2).copied();
        Some(match language {
            "en" => Locale::En,
            "sq" | "sqi" | "alb" => Locale::Sq,
            "mk" | "mkd" | "mac" => Locale::Mk,
            "bs" | "bos" | "hr" | "hrv" => Locale::Bs,
            "cnr" => Locale::Cnr,
            "sh" => Locale::SrLatn,
            "sr" | "srp" => match (script, region) {
                (Some("latn"), _) => Locale::SrLatn,
                (Some("cyrl"), _) => Locale::SrCyrl,
                (None, Some("me")) => Locale::Cnr,
                _ => Locale::SrCyrl,
            },
            _ => return None,
        })
    }

    /// The best locale for an `Accept-Language` header: the first of the listed languages, by
    /// quality and then order, that Pathways has.
    pub fn negotiate(accept_language: &str) -> Option<Locale> {
        let mut ranked: Vec<(u16, usize, Locale)> = accept_language
            .split(',')
            .enumerate()
            .filter_map(|(i, item)| {
                let mut parts = item.split(';');
                let locale = Locale::parse(parts.next()?)?;
                let q = parts
                    .find_map(|p| p.trim().strip_prefix("q="))
                    .map_or(Some(1000), |q| {
                        q.trim().parse::<f32>().ok().map(|q| (q * 1000.0) as u16)
                    })?;
                (q > 0).then_some((q, i, locale))
            })
            .collect();
        ranked.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
        ranked.first().map(|r| r.2)
    }

    /// The language an economy's officials read by default (the questionnaire, the papers):
    /// the first official language of its administration.
    pub fn of_economy(economy: &str) -> Option<Locale> {
        Locale::of_economy_all(economy).first().copied()
    }

    /// Every official language of an economy's administration that Pathways has, first the one
    /// most documents use.
    pub fn of_economy_all(economy: &str) -> &'static [Locale] {
        match economy {
            "AL" => &[Locale::Sq],
            "BA" => &[Locale::Bs, Locale::SrLatn],
            "XK" => &[Locale::Sq, Locale::SrLatn],
            "ME" => &[Locale::Cnr],
            "MK" => &[Locale::Mk, Locale::Sq],
            "RS" => &[Locale::SrCyrl, Locale::SrLatn],
            _ => &[],
        }
    }
}

impl fmt::Display for Locale {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.tag())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_tag_reads_back_as_its_locale() {
        for l in Locale::ALL {
            assert_eq!(Locale::parse(l.tag()), Some(l), "{l}");
            assert_eq!(Locale::parse(&l.tag().to_uppercase()), Some(l), "{l}");
        }
    }

    #[test]
    fn tags_as_browsers_write_them() {
        assert_eq!(Locale::parse("sr-Latn-RS"), Some(Locale::SrLatn));
        assert_eq!(Locale::parse("sr_RS"), Some(Locale::SrCyrl));
        assert_eq!(Locale::parse("sr"), Some(Locale::SrCyrl));
        assert_eq!(Locale::parse("sr-ME"), Some(Locale::Cnr));
        assert_eq!(Locale::parse("en-GB"), Some(Locale::En));
        assert_eq!(Locale::parse("hr-HR"), Some(Locale::Bs));
        assert_eq!(Locale::parse("de"), None);
        assert_eq!(Locale::parse(""), None);
    }

    #[test]
    fn accept_language_picks_the_best_language_we_have() {
        assert_eq!(Locale::negotiate("de-DE,de;q=0.9,sq;q=0.8,en;q=0.7"), Some(Locale::Sq));
        assert_eq!(Locale::negotiate("en;q=0.5, mk"), Some(Locale::Mk));
        assert_eq!(Locale::negotiate("sr-Latn;q=0.9, sr-Cyrl;q=0.9"), Some(Locale::SrLatn));
        assert_eq!(Locale::negotiate("fr, de"), None);
        assert_eq!(Locale::negotiate("sq;q=0, en"), Some(Locale::En));
        assert_eq!(Locale::negotiate("*"), None);
        assert_eq!(Locale::negotiate("sq;q=bad, bs"), Some(Locale::Bs));
    }

    #[test]
    fn each_economy_reads_its_own_language_first() {
        assert_eq!(Locale::of_economy("RS"), Some(Locale::SrCyrl));
        assert_eq!(Locale::of_economy("XK"), Some(Locale::Sq));
        assert_eq!(Locale::of_economy("ME"), Some(Locale::Cnr));
        assert_eq!(Locale::of_economy("NP"), None);
    }
}
