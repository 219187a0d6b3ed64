//! Serbian Cyrillic messages from the Serbian Latin message file, by the standard one-to-one
//! transliteration ([`pathways_domain::script`]).
//!
//! Only what a reader reads is transliterated: message ids, attribute names, variant keys,
//! `{ $placeables }`, markup and comments stay as written; the text itself goes through
//! [`text_to_cyrillic`], which keeps in Latin what Serbian Cyrillic writing keeps in Latin.

use pathways_domain::script::text_to_cyrillic;

/// A whole message file, transliterated.
pub fn file_to_cyrillic(ftl: &str) -> String {
    let mut out = String::with_capacity(ftl.len() * 2);
    for line in ftl.split_inclusive('\n') {
        out.push_str(&line_to_cyrillic(line));
    }
    out
}

fn line_to_cyrillic(line: &str) -> String {
    let trimmed = line.trim_start();
    if trimmed.is_empty() || trimmed.starts_with('#') {
        return line.to_string();
    }
    let indent = &line[..line.len() - trimmed.len()];
    // `id = text` or `.attribute = text`: the name stays.
    let head_end = if indent.is_empty() || trimmed.starts_with('.') {
        trimmed.find('=').map(|i| i + 1)
    } else if trimmed.starts_with('[') || trimmed.starts_with("*[") {
        trimmed.find(']').map(|i| i + 1)
    } else {
        Some(0)
    };
    let Some(head_end) = head_end else {
        return line.to_string();
    };
    let (head, text) = trimmed.split_at(head_end);
    format!("{indent}{head}{}", text_to_cyrillic(text))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_keys_and_placeables_stay_and_text_is_cyrillic() {
        let ftl = "# Komentar\nnav-map = Mapa\ncount = { $n ->\n    [one] { $n } zahtev\n   *[other] { $n } zahteva\n}\n.title = Naslov\n";
        assert_eq!(
            file_to_cyrillic(ftl),
            "# Komentar\nnav-map = Мапа\ncount = { $n ->\n    [one] { $n } захтев\n   *[other] { $n } захтева\n}\n.title = Наслов\n"
        );
    }
}
