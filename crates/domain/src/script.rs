//! Serbian's two scripts: the standard one-to-one transliteration between Latin (`sr-Latn`) and
//! Cyrillic (`sr-Cyrl`), so that the Cyrillic texts of the platform can be produced from the
//! Latin ones and checked against them.
//!
//! Latin `lj`, `nj` and `dž` are one letter each (љ, њ, џ) except in the few words where they
//! join a prefix to a stem (`nadživeti`, `injekcija`, `konjunkcija`); those are kept as two.

/// Latin letters and digraphs → Cyrillic, longest first within each letter.
const LATIN: &[(&str, &str)] = &[
    ("Dž", "Џ"),
    ("DŽ", "Џ"),
    ("dž", "џ"),
    ("Lj", "Љ"),
    ("LJ", "Љ"),
    ("lj", "љ"),
    ("Nj", "Њ"),
    ("NJ", "Њ"),
    ("nj", "њ"),
    ("A", "А"),
    ("B", "Б"),
    ("V", "В"),
    ("G", "Г"),
    ("D", "Д"),
    ("Đ", "Ђ"),
    ("E", "Е"),
    ("Ž", "Ж"),
    ("Z", "З"),
    ("I", "И"),
    ("J", "Ј"),
    ("K", "К"),
    ("L", "Л"),
    ("M", "М"),
    ("N", "Н"),
    ("O", "О"),
    ("P", "П"),
    ("R", "Р"),
    ("S", "С"),
    ("T", "Т"),
    ("Ć", "Ћ"),
    ("U", "У"),
    ("F", "Ф"),
    ("H", "Х"),
    ("C", "Ц"),
    ("Č", "Ч"),
    ("Š", "Ш"),
    ("a", "а"),
    ("b", "б"),
    ("v", "в"),
    ("g", "г"),
    ("d", "д"),
    ("đ", "ђ"),
    ("e", "е"),
    ("ž", "ж"),
    ("z", "з"),
    ("i", "и"),
    ("j", "ј"),
    ("k", "к"),
    ("l", "л"),
    ("m", "м"),
    ("n", "н"),
    ("o", "о"),
    ("p", "п"),
    ("r", "р"),
    ("s", "с"),
    ("t", "т"),
    ("ć", "ћ"),
    ("u", "у"),
    ("f", "ф"),
    ("h", "х"),
    ("c", "ц"),
    ("č", "ч"),
    ("š", "ш"),
];

/// Word beginnings where a Latin digraph is two letters (prefix + stem), in lower case.
const SPLIT: &[&str] = &[
    "nadž",
    "odž",
    "podž",
    "predž",
    "injek",
    "konjug",
    "konjunk",
    "konjuk",
    "vanjezič",
];

/// Serbian Latin → Cyrillic. Text that is not Serbian Latin (digits, punctuation, `{ $name }`
/// placeholders of message files, markup) is left as it is when written between `{` and `}` or
/// `<` and `>`.
pub fn latin_to_cyrillic(s: &str) -> String {
    let mut out = String::with_capacity(s.len() * 2);
    let mut rest = s;
    let mut word_start = true;
    while let Some(c) = rest.chars().next() {
        // Placeholders and markup are code, not words.
        if c == '{' || c == '<' {
            let close = if c == '{' { '}' } else { '>' };
            let end = rest.find(close).map_or(rest.len(), |i| i + close.len_utf8());
            out.push_str(&rest[..end]);
            rest = &rest[end..];
            word_start = true;
            continue;
        }
        if word_start
            && let Some(prefix) = SPLIT
                .iter()
                .find(|p| rest.get(..p.len()).is_some_and(|head| head.to_lowercase() == **p))
        {
            // The prefix letter by letter, so its last two letters stay two.
            for ch in rest[..prefix.len()].chars() {
                out.push_str(&single(ch));
            }
            rest = &rest[prefix.len()..];
            word_start = false;
            continue;
        }
        let (from, to) = LATIN
            .iter()
            .find(|(l, _)| rest.starts_with(l))
            .map_or_else(|| (c.len_utf8(), c.to_string()), |(l, cy)| (l.len(), cy.to_string()));
        out.push_str(&to);
        rest = &rest[from..];
        word_start = !c.is_alphanumeric();
    }
    out
}

fn single(c: char) -> String {
    let mut buf = [0u8; 4];
    let s: &str = c.encode_utf8(&mut buf);
    LATIN
        .iter()
        .find(|(l, _)| *l == s)
        .map_or_else(|| c.to_string(), |(_, cy)| cy.to_string())
}

/// Serbian Cyrillic → Latin (always one-to-one in this direction).
pub fn cyrillic_to_latin(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        let mut buf = [0u8; 4];
        let cy: &str = c.encode_utf8(&mut buf);
        // The first Latin spelling of each Cyrillic letter is its standard one (`Lj`, not `LJ`).
        match LATIN.iter().find(|(_, k)| *k == cy) {
            Some((l, _)) => out.push_str(l),
            None => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn serbian_latin_and_cyrillic_map_one_to_one() {
        let pairs = [
            ("Beograd", "Београд"),
            ("Ljubljana i Njegoš", "Љубљана и Његош"),
            (
                "džep, Đorđe, ćevap, čaša, šuma, žena",
                "џеп, Ђорђе, ћевап, чаша, шума, жена",
            ),
            ("Ministarstvo unutrašnjih poslova", "Министарство унутрашњих послова"),
            ("Nacionalna služba za zapošljavanje", "Национална служба за запошљавање"),
        ];
        for (latin, cyrillic) in pairs {
            assert_eq!(latin_to_cyrillic(latin), cyrillic, "{latin}");
            assert_eq!(cyrillic_to_latin(cyrillic), latin, "{cyrillic}");
        }
    }

    #[test]
    fn prefixes_keep_their_two_letters() {
        assert_eq!(latin_to_cyrillic("nadživeti"), "надживети");
        assert_eq!(latin_to_cyrillic("Injekcija"), "Инјекција");
        assert_eq!(latin_to_cyrillic("konjunkcija"), "конјункција");
        // Elsewhere the digraph is one letter.
        assert_eq!(latin_to_cyrillic("konj"), "коњ");
    }

    #[test]
    fn placeholders_and_markup_stay_as_written() {
        assert_eq!(
            latin_to_cyrillic("Zahtev { $count } za <strong>Srbiju</strong>"),
            "Захтев { $count } за <strong>Србију</strong>"
        );
        assert_eq!(latin_to_cyrillic("2024: 12,5 %"), "2024: 12,5 %");
    }
}
