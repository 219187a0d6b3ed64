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

/// Names that keep their Latin spelling although they look like words.
const LATIN_NAMES: &[&str] = &["Pathways", "Excel", "Kobo", "Typst", "Splink", "Enketo"];

/// Serbian acronyms: written in Cyrillic like the words they stand for (ЕУ, УН), unlike foreign
/// ones (PDF, IOM).
const SERBIAN_ACRONYMS: &[&str] = &[
    "EU", "UN", "SB", "MSP", "SBUN", "NSZ", "MUP", "MOR", "BiH", "FBiH", "AVRSM",
];

/// Prose in Serbian Latin → Cyrillic as Serbian Cyrillic texts are written: words
/// transliterated; `{ $placeables }` and markup kept; and kept in Latin what such texts keep in
/// Latin — acronyms and product names with capitals inside the word (`PDF`, `XLSForm`),
/// code-like tokens (`F1`, `SHA-256`), addresses (`https://…`, `a@b`), file names (`data.csv`),
/// identifiers (`given_name`) — while Serbian acronyms follow the words they stand for (ЕУ, УН).
pub fn text_to_cyrillic(text: &str) -> String {
    let mut out = String::with_capacity(text.len() * 2);
    let mut rest = text;
    while !rest.is_empty() {
        // Placeables and markup are code, not words: copy them whole.
        if let Some(close) = match rest.as_bytes()[0] {
            b'{' => Some('}'),
            b'<' => Some('>'),
            _ => None,
        } {
            let end = rest.find(close).map_or(rest.len(), |i| i + 1);
            out.push_str(&rest[..end]);
            rest = &rest[end..];
            continue;
        }
        let end = rest
            .find(|c: char| c.is_whitespace() || c == '{' || c == '<')
            .unwrap_or(rest.len())
            .max(rest.chars().next().map_or(1, char::len_utf8).min(rest.len()));
        let (token, tail) = rest.split_at(end);
        if keeps_latin(token) {
            out.push_str(token);
        } else {
            out.push_str(&latin_to_cyrillic(token));
        }
        rest = tail;
    }
    out
}

/// Whether a token is written in Latin in Cyrillic text too.
fn keeps_latin(token: &str) -> bool {
    let word = token.trim_matches(|c: char| !c.is_alphanumeric());
    let stem = word.split('-').next().unwrap_or(word);
    if SERBIAN_ACRONYMS.contains(&stem) {
        return false;
    }
    let code_like = word.chars().any(|c| c.is_ascii_digit()) && word.chars().any(|c| c.is_ascii_alphabetic());
    let capitals = word.chars().skip(1).any(|c| c.is_ascii_uppercase());
    let letters = word.chars().filter(|c| c.is_alphabetic()).count();
    (capitals && letters >= 2)
        || code_like
        || word.contains("://")
        || word.contains('@')
        || word.contains('_')
        || (word.contains('.') && word.rsplit('.').next().is_some_and(|ext| (2..=5).contains(&ext.len())))
        || LATIN_NAMES.contains(&word)
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
    fn acronyms_names_addresses_and_files_stay_latin() {
        assert_eq!(
            text_to_cyrillic("Preuzmite PDF ili XLSForm sa https://x.org/a u fajl data.csv za Pathways"),
            "Преузмите PDF или XLSForm са https://x.org/a у фајл data.csv за Pathways"
        );
        assert_eq!(text_to_cyrillic("Kosovo*, Srbija."), "Косово*, Србија.");
        assert_eq!(
            text_to_cyrillic("F1 i SHA-256, usklađenost sa EU i IOM-a"),
            "F1 и SHA-256, усклађеност са ЕУ и IOM-a"
        );
    }

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
