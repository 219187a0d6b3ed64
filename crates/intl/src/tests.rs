//! What readers of each language see: CLDR's separators, percent signs, month names and
//! alphabetical order.

use super::*;

fn f(l: Locale) -> Formats {
    match Formats::new(l) {
        Ok(f) => f,
        Err(e) => panic!("{e}"),
    }
}

#[test]
fn every_locale_has_its_data() {
    for l in Locale::ALL {
        let fm = f(l);
        assert!(!fm.number(1234.5).is_empty(), "{l}");
    }
}

#[test]
fn numbers_use_each_languages_separators() {
    // Albanian groups with a (no-break) space.
    let sq = f(Locale::Sq).number(1_234_567.25);
    assert_eq!(sq.replace(['\u{a0}', '\u{202f}'], " "), "1 234 567,25");
    assert_eq!(f(Locale::Mk).percent(12.54, 1).replace('\u{a0}', " "), "12,5 %");
    assert_eq!(f(Locale::En).number(50397.0), "50,397");
    assert_eq!(f(Locale::En).number(12.5), "12.5");
    assert_eq!(f(Locale::SrLatn).number(50397.0), "50.397");
    assert_eq!(f(Locale::SrLatn).number(12.5), "12,5");
    assert_eq!(f(Locale::En).percent(12.54, 1), "12.5%");
    assert_eq!(f(Locale::En).percent(2.5, 0), "3%");
}

#[test]
fn dates_and_times() {
    assert_eq!(f(Locale::En).date(2026, 12, 6), "6 Dec 2026");
    assert_eq!(
        f(Locale::En).timestamp("2026-12-06T13:08:59.123Z"),
        "6 Dec 2026, 13:08 UTC"
    );
    assert_eq!(f(Locale::En).timestamp("2026-12-06"), "6 Dec 2026");
    assert_eq!(f(Locale::En).timestamp("last year"), "last year");
    assert_eq!(f(Locale::En).date(2026, 2, 30), "2026-02-30");
    assert_eq!(f(Locale::Bs).date(2026, 12, 6), "6. dec 2026.");
    assert_eq!(
        f(Locale::SrCyrl).timestamp("2026-12-06T13:08:59Z"),
        "06.12.2026. 13:08 UTC"
    );
}

#[test]
fn lists_follow_each_alphabet() {
    fn sorted(l: Locale, words: &[&'static str]) -> Vec<&'static str> {
        let mut v = words.to_vec();
        f(l).sort_by_text(&mut v, |s| s);
        v
    }
    // Serbian, Bosnian, Montenegrin: c < č < ć < d < dž < đ, s < š, z < ž.
    for l in [Locale::SrLatn, Locale::Bs, Locale::Cnr] {
        assert_eq!(
            sorted(l, &["đak", "ćuprija", "dževap", "čaša", "cena", "dan"]),
            ["cena", "čaša", "ćuprija", "dan", "dževap", "đak"],
            "{l}"
        );
        assert_eq!(
            sorted(l, &["žena", "zima", "šuma", "sto"]),
            ["sto", "šuma", "zima", "žena"],
            "{l}"
        );
    }
    // Albanian: c < ç, e < ë, and dh, gj, ll, nj, rr, sh, th, xh, zh are letters of their own.
    assert_eq!(
        sorted(Locale::Sq, &["ëndërr", "ezull", "çelës", "copë"]),
        ["copë", "çelës", "ezull", "ëndërr"]
    );
    assert_eq!(sorted(Locale::Sq, &["dhomë", "dyqan"]), ["dyqan", "dhomë"]);
    // Serbian Cyrillic alphabet order (азбука): ђ after д, џ after ч.
    assert_eq!(
        sorted(Locale::SrCyrl, &["џеп", "ђак", "дан", "чаша", "шума"]),
        ["дан", "ђак", "чаша", "џеп", "шума"]
    );
    // Macedonian: ѓ after д, ќ after т.
    assert_eq!(
        sorted(Locale::Mk, &["ќерка", "ѓавол", "дом", "тен"]),
        ["дом", "ѓавол", "тен", "ќерка"]
    );
    // English ignores the diacritics for order.
    assert_eq!(
        sorted(Locale::En, &["Zagreb", "Čačak", "Cetinje"]),
        ["Čačak", "Cetinje", "Zagreb"]
    );
}
