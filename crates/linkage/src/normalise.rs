//! Normalisation of the values real registers hold: Unicode NFC, Serbian and Macedonian Cyrillic
//! to Latin, one explicit diacritics table, case and spacing, honorifics and particles, the
//! transliteration variants of South Asian names, and a phonetic key for transliterated names.
//!
//! Everything ends in lower-case ASCII letters, digits and single spaces, so that comparisons work
//! on bytes.

use unicode_normalization::UnicodeNormalization;

/// Serbian and Macedonian Cyrillic → Serbian/Macedonian Latin (before diacritics folding).
/// Lower case only: the input is lower-cased first.
fn cyrillic(c: char) -> Option<&'static str> {
    Some(match c {
        'а' => "a",
        'б' => "b",
        'в' => "v",
        'г' => "g",
        'д' => "d",
        'ђ' => "đ",
        'ѓ' => "ǵ",
        'е' => "e",
        'ж' => "ž",
        'з' => "z",
        'ѕ' => "dz",
        'и' => "i",
        'ј' => "j",
        'к' => "k",
        'л' => "l",
        'љ' => "lj",
        'м' => "m",
        'н' => "n",
        'њ' => "nj",
        'о' => "o",
        'п' => "p",
        'р' => "r",
        'с' => "s",
        'т' => "t",
        'ћ' => "ć",
        'ќ' => "ḱ",
        'у' => "u",
        'ф' => "f",
        'х' => "h",
        'ц' => "c",
        'ч' => "č",
        'џ' => "dž",
        'ш' => "š",
        // Russian letters that appear in the same registers.
        'й' => "j",
        'ы' => "y",
        'э' => "e",
        'ю' => "ju",
        'я' => "ja",
        'щ' => "šč",
        'ъ' | 'ь' => "",
        'ё' => "e",
        _ => return None,
    })
}

/// The one diacritics table: Latin letters with marks → ASCII. `đ` becomes `dj` so that Serbian
/// "Đorđe" and Cyrillic "Ђорђе" meet.
fn fold_latin(c: char) -> Option<&'static str> {
    Some(match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'ă' | 'ą' => "a",
        'æ' => "ae",
        'ç' | 'ć' | 'č' | 'ĉ' | 'ċ' => "c",
        'ď' => "d",
        'đ' | 'ð' => "dj",
        'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ĕ' | 'ė' | 'ę' | 'ě' => "e",
        'ğ' | 'ĝ' | 'ġ' | 'ģ' | 'ǵ' => "g",
        'ĥ' | 'ħ' => "h",
        'ì' | 'í' | 'î' | 'ï' | 'ĩ' | 'ī' | 'ĭ' | 'į' | 'ı' => "i",
        'ĵ' => "j",
        'ķ' | 'ḱ' => "k",
        'ĺ' | 'ļ' | 'ľ' | 'ŀ' | 'ł' => "l",
        'ñ' | 'ń' | 'ņ' | 'ň' => "n",
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' | 'ŏ' | 'ő' => "o",
        'œ' => "oe",
        'ŕ' | 'ŗ' | 'ř' => "r",
        'ś' | 'ŝ' | 'ş' | 'š' | 'ș' => "s",
        'ß' => "ss",
        'ţ' | 'ť' | 'ŧ' | 'ț' => "t",
        'ù' | 'ú' | 'û' | 'ü' | 'ũ' | 'ū' | 'ŭ' | 'ů' | 'ű' | 'ų' => "u",
        'ŵ' => "w",
        'ý' | 'ÿ' | 'ŷ' => "y",
        'ź' | 'ż' | 'ž' => "z",
        'þ' => "th",
        _ => return None,
    })
}

/// Folds any text to lower-case ASCII words separated by single spaces.
pub fn fold(s: &str) -> String {
    // Most register values are plain ASCII: no normalisation or table needed.
    if s.is_ascii() {
        let mut out = String::with_capacity(s.len());
        for b in s.bytes() {
            if b.is_ascii_alphanumeric() {
                out.push(b.to_ascii_lowercase() as char);
            } else if !out.is_empty() && !out.ends_with(' ') {
                out.push(' ');
            }
        }
        if out.ends_with(' ') {
            out.pop();
        }
        return out;
    }
    let mut out = String::with_capacity(s.len());
    let mut space = true;
    let push = |piece: &str, out: &mut String, space: &mut bool| {
        for b in piece.chars() {
            if b.is_ascii_alphanumeric() {
                out.push(b.to_ascii_lowercase());
                *space = false;
            } else if !*space {
                out.push(' ');
                *space = true;
            }
        }
    };
    for c in s.nfc().flat_map(char::to_lowercase) {
        if c.is_ascii() {
            let mut buf = [0u8; 4];
            push(c.encode_utf8(&mut buf), &mut out, &mut space);
        } else if let Some(t) = cyrillic(c) {
            // Cyrillic goes through Latin with diacritics, then the same folding table.
            for l in t.chars() {
                match fold_latin(l) {
                    Some(f) => push(f, &mut out, &mut space),
                    None => push(l.encode_utf8(&mut [0u8; 4]), &mut out, &mut space),
                }
            }
        } else if let Some(f) = fold_latin(c) {
            push(f, &mut out, &mut space);
        } else {
            // Anything else: keep its base letters if it decomposes to ASCII, else a separator.
            let base: String = std::iter::once(c).nfd().filter(char::is_ascii).collect();
            push(if base.is_empty() { " " } else { &base }, &mut out, &mut space);
        }
    }
    if out.ends_with(' ') {
        out.pop();
    }
    out
}

/// Titles and particles that say nothing about who a person is.
const DROP: &[&str] = &[
    "mr", "mrs", "ms", "miss", "mx", "dr", "prof", "eng", "engr", "sir", "madam", "sri", "shri", "shree", "smt",
    "kumari", "mst", "mosammat", "mosamat", "most", "mohtarma", "hajji", "haji", "alhaj", "alhaji", "jr", "junior",
    "sr", "senior", "bin", "binti", "binte", "bint", "ibn",
];

/// Transliteration variants → one canonical spelling.
const VARIANTS: &[(&str, &[&str])] = &[
    (
        "muhammad",
        &[
            "mohammad", "mohammed", "muhammed", "mohamed", "mohamad", "mohd", "md", "mohammod", "muhamad", "mohmmad",
            "mahammad", "mohamod", "mohammud",
        ],
    ),
    (
        "hossain",
        &[
            "hussain", "hossen", "hosen", "husain", "hussein", "hossein", "hosain", "hussen", "husein",
        ],
    ),
    (
        "chowdhury",
        &[
            "choudhury",
            "chaudhary",
            "chaudhry",
            "chowdhary",
            "choudhary",
            "chaudhari",
            "chowdury",
            "chaudhuri",
            "choudhuri",
        ],
    ),
    ("akter", &["akhter", "aktar", "akhtar", "akthar", "aktter"]),
    ("shaikh", &["sheikh", "shekh", "seikh", "sheik", "shaik"]),
    ("rahman", &["rehman", "rahaman", "rahmaan"]),
    ("ahmed", &["ahmad", "ahamed", "ahammed", "ahmmed", "ahamad"]),
    ("hasan", &["hassan", "hasaan"]),
    ("mahmud", &["mahmood", "mahmoud", "mehmood", "mahamud"]),
    ("uddin", &["uddeen", "udin", "uddyn"]),
    ("islam", &["islaam", "eslam"]),
    ("khatun", &["khatoon", "khaton", "khatoun"]),
    ("begum", &["begam", "begom"]),
    ("abdul", &["abdool", "abdoul", "abdal"]),
    ("bahadur", &["bdr", "bahadoor"]),
    ("shrestha", &["shresta", "srestha", "shrestra"]),
    ("sharma", &["sarma", "sharmaa"]),
    ("kumar", &["kumaar", "kr"]),
    ("yadav", &["yadaw", "jadav"]),
    ("mohan", &["mohon"]),
    ("krishna", &["krisna", "krishnan"]),
    ("mohammadi", &["muhammadi"]),
    ("maria", &["ma"]),
    ("jose", &["josef"]),
    ("ali", &["aly"]),
    ("khan", &["kahn"]),
    ("iqbal", &["ikbal"]),
    ("miah", &["mia", "mian"]),
    ("sultana", &["sultanah"]),
];

fn variant(token: &str) -> &str {
    static TABLE: std::sync::OnceLock<rustc_hash::FxHashMap<&'static str, &'static str>> = std::sync::OnceLock::new();
    let table = TABLE.get_or_init(|| {
        let mut t = rustc_hash::FxHashMap::default();
        for (canon, forms) in VARIANTS {
            for f in *forms {
                t.entry(*f).or_insert(*canon);
            }
        }
        t
    });
    table.get(token).copied().unwrap_or(token)
}

/// The tokens of a personal name: folded, titles and particles dropped, variants canonicalised.
///
/// Applying it to its own output changes nothing: single-word titles go first, then two-word
/// particles are removed until none is left (dropping "jr" from "s jr o" makes a new "s o").
pub fn name_tokens(s: &str) -> Vec<String> {
    let folded = fold(s);
    let mut tokens: Vec<&str> = folded
        .split(' ')
        .filter(|t| !t.is_empty() && !DROP.contains(t))
        .collect();
    // Two-word particles ("s/o" folds to "s o") and the split "ud din" need a token "o" or "ud".
    if tokens.iter().any(|t| matches!(*t, "o" | "ud")) {
        join_particles(&mut tokens);
    }
    tokens.into_iter().map(|t| variant(t).to_string()).collect()
}

/// Removes "s o", "d o", "w o" and joins "ud din" until the tokens hold neither.
fn join_particles(tokens: &mut Vec<&str>) {
    loop {
        let mut changed = false;
        let mut i = 0;
        while i + 1 < tokens.len() {
            match (tokens[i], tokens[i + 1]) {
                ("s" | "d" | "w", "o") => {
                    tokens.drain(i..i + 2);
                    changed = true;
                }
                ("ud", "din") => {
                    tokens.splice(i..i + 2, ["uddin"]);
                    changed = true;
                    i += 1;
                }
                _ => i += 1,
            }
        }
        if !changed {
            return;
        }
    }
}

/// A phonetic key for transliterated names: the consonant skeleton after merging the spellings
/// that transliteration varies on (aspirated `kh`/`gh`/`dh`..., `w`/`v`, `z`/`j`, `q`/`k`, `ph`/`f`,
/// doubled letters). The first letter is kept, vowels and `h`, `w`, `y` after it are dropped.
pub fn phonetic(token: &str) -> String {
    let b = token.as_bytes();
    let mut s: Vec<u8> = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        let next = b.get(i + 1).copied();
        let mapped = match (c, next) {
            (b'p', Some(b'h')) => {
                i += 1;
                b'f'
            }
            (b's', Some(b'h')) => {
                i += 1;
                b's'
            }
            // Cyrillic renders "ch" as ч (folded to "c") and "kh" as х (folded to "h"); the key
            // follows the Cyrillic side so both spellings meet.
            (b'c', Some(b'h')) => {
                i += 1;
                b'k'
            }
            (b'k', Some(b'h')) => {
                i += 1;
                if i == 1 { b'h' } else { b'k' }
            }
            (b'd', Some(b'z' | b'j')) => {
                i += 1;
                b'j'
            }
            (b'g' | b'b' | b'd' | b't' | b'j', Some(b'h')) => {
                i += 1;
                c
            }
            (b'c', Some(b'k')) => {
                i += 1;
                b'k'
            }
            (b'q', _) | (b'c', _) => b'k',
            (b'z', _) => b'j',
            (b'w', _) => b'v',
            (b'x', _) => b's',
            _ => c,
        };
        s.push(mapped);
        i += 1;
    }
    let mut out = String::with_capacity(s.len());
    let mut last = 0u8;
    for (i, &c) in s.iter().enumerate() {
        let vowelish = matches!(c, b'a' | b'e' | b'i' | b'o' | b'u' | b'y' | b'h' | b'v');
        if i == 0 {
            // A leading vowel is kept as one class, so "Ahmed" and "Ehmed" meet.
            let first = if matches!(c, b'a' | b'e' | b'i' | b'o' | b'u' | b'y') {
                b'a'
            } else {
                c
            };
            out.push(first as char);
            last = first;
            continue;
        }
        if vowelish {
            last = 0;
            continue;
        }
        if c != last {
            out.push(c as char);
        }
        last = c;
    }
    out
}

/// A document number: upper-case letters and digits only.
pub fn document(s: &str) -> String {
    s.chars()
        .filter(char::is_ascii_alphanumeric)
        .map(|c| c.to_ascii_uppercase())
        .collect()
}

/// A document number with the characters OCR confuses mapped to one (O→0, I/L→1, S→5, B→8, Z→2, G→6).
pub fn ocr_fold(doc: &str) -> String {
    doc.chars()
        .map(|c| match u8::try_from(c) {
            Ok(b) if b.is_ascii() => char::from(ocr_byte(b)),
            _ => c,
        })
        .collect()
}

/// One byte of [`ocr_fold`].
pub fn ocr_byte(b: u8) -> u8 {
    match b {
        b'O' | b'Q' | b'D' => b'0',
        b'I' | b'L' => b'1',
        b'S' => b'5',
        b'B' => b'8',
        b'Z' => b'2',
        b'G' => b'6',
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn serbian_cyrillic_and_latin_meet() {
        assert_eq!(fold("Ђорђе Петровић"), "djordje petrovic");
        assert_eq!(fold("Đorđe Petrović"), "djordje petrovic");
        assert_eq!(fold("Љиљана Његош"), "ljiljana njegos");
        assert_eq!(fold("Џаковић"), "dzakovic");
        assert_eq!(
            fold("Ѓорѓи Ќосевски"),
            "gjorgji kjosevski".replace("gj", "g").replace("kj", "k")
        );
    }

    #[test]
    fn case_spacing_and_punctuation() {
        assert_eq!(fold("  MD.  Abdul-Karim  "), "md abdul karim");
        assert_eq!(fold("Müller, José"), "muller jose");
        assert_eq!(fold("Şükrü Öztürk"), "sukru ozturk");
    }

    #[test]
    fn south_asian_variants_meet() {
        for (a, b) in [
            ("Mohammad Hossain", "Md. Hussain"),
            ("Muhammad Chowdhury", "Mohd Choudhury"),
            ("Mst. Akter", "Akhter"),
            ("Shaikh Rahman", "Sheikh Rehman"),
            ("Mr. Ahmad Hossen", "Ahmed Hossain"),
            ("Ram Bahadur Shrestha", "Ram Bdr Shresta"),
            ("Jamal Ud Din", "Jamal Uddin"),
            ("Ravi s/o Kumar", "Ravi Kumar"),
            ("Ud Din Jamal", "Uddin Jamal"),
            ("Ravi S/Jr/O Kumar", "Ravi Kumar"),
        ] {
            assert_eq!(name_tokens(a), name_tokens(b), "{a} / {b}");
        }
    }

    #[test]
    fn particles_left_by_dropped_titles_are_dropped_too() {
        // Found by the property test below: "jr" dropped first left an "s o" for a second pass.
        let once = name_tokens("S'jr-Ō").join(" ");
        assert_eq!(name_tokens(&once).join(" "), once);
        assert_eq!(name_tokens("s s o o kumar"), ["kumar"]);
    }

    #[test]
    fn phonetic_keys_merge_transliterations() {
        for (a, b) in [
            ("chowdhury", "chaudhary"),
            ("akter", "akhtar"),
            ("hossain", "husain"),
            ("mohammad", "muhammad"),
            ("shaikh", "sheikh"),
            ("ahmed", "ehmed"),
            ("gurung", "gurang"),
        ] {
            assert_eq!(phonetic(a), phonetic(b), "{a} / {b}");
        }
        assert_ne!(phonetic("rahman"), phonetic("karim"));
    }

    #[test]
    fn documents_and_ocr_confusions() {
        assert_eq!(document(" ab-12 34 "), "AB1234");
        assert_eq!(ocr_fold("B0I5"), ocr_fold("8O15"));
    }

    proptest! {
        // More cases than the default: a rare input once broke idempotence on CI only.
        #![proptest_config(ProptestConfig::with_cases(4096))]

        #[test]
        fn folding_is_idempotent(s in "\\PC{0,40}") {
            let once = fold(&s);
            prop_assert_eq!(fold(&once), once.clone());
            prop_assert!(once.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b' '));
        }

        #[test]
        fn name_normalisation_is_idempotent(s in "[A-Za-zÀ-ž \\-.']{0,40}") {
            let once = name_tokens(&s).join(" ");
            prop_assert_eq!(name_tokens(&once).join(" "), once);
        }

        #[test]
        fn cyrillic_renderings_meet_their_latin_source(s in "[a-zčćžšđ]{1,12}( [a-zčćžšđ]{1,12})?") {
            let cyr = to_cyrillic(&s);
            prop_assert_eq!(fold(&cyr), fold(&s));
        }
    }

    /// Serbian Latin → Cyrillic for the test (the reverse direction is not needed by the engine).
    fn to_cyrillic(s: &str) -> String {
        let mut out = String::new();
        let chars: Vec<char> = s.chars().collect();
        let mut i = 0;
        while i < chars.len() {
            let two: String = chars[i..(i + 2).min(chars.len())].iter().collect();
            let digraph = match two.as_str() {
                "lj" => Some('љ'),
                "nj" => Some('њ'),
                "dž" => Some('џ'),
                _ => None,
            };
            if let Some(c) = digraph {
                out.push(c);
                i += 2;
                continue;
            }
            out.push(match chars[i] {
                'a' => 'а',
                'b' => 'б',
                'v' => 'в',
                'g' => 'г',
                'd' => 'д',
                'đ' => 'ђ',
                'e' => 'е',
                'ž' => 'ж',
                'z' => 'з',
                'i' => 'и',
                'j' => 'ј',
                'k' => 'к',
                'l' => 'л',
                'm' => 'м',
                'n' => 'н',
                'o' => 'о',
                'p' => 'п',
                'r' => 'р',
                's' => 'с',
                't' => 'т',
                'ć' => 'ћ',
                'u' => 'у',
                'f' => 'ф',
                'h' => 'х',
                'c' => 'ц',
                'č' => 'ч',
                'š' => 'ш',
                other => other,
            });
            i += 1;
        }
        out
    }
}
