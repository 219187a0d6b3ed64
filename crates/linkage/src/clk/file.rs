//! The encoded-register file: an optional origin line (which economy exported it, when), the
//! header line naming the encoding's parameters and the key's fingerprint (and the blocking rules
//! when keys are carried: `blocks=name:max;…`), then `id,encoding[,keys]` per record (the
//! filter's little-endian words in base64, and the record's keyed blocking keys likewise). Two files encoded differently are
//! refused rather than compared. Identifiers are written as they are (quoted where CSV needs it,
//! never neutralised): they must read back unchanged.
//!
//! Pure: the caller reads and writes the bytes.

use std::io::Write;

use base64::Engine;

use super::{Blocks, Encoded, Scheme};
use crate::LinkError;

/// Who exported an encoded register, when (`pathways-federated/1 economy=RS exported=…`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Origin {
    pub economy: String,
    /// RFC 3339.
    pub exported: String,
}

impl Origin {
    fn line(&self) -> String {
        format!(
            "pathways-federated/1 economy={} exported={}",
            self.economy, self.exported
        )
    }

    fn parse(line: &str) -> Option<Origin> {
        let mut parts = line.split_whitespace();
        if parts.next()? != "pathways-federated/1" {
            return None;
        }
        let (mut economy, mut exported) = (None, None);
        for p in parts {
            match p.split_once('=')? {
                ("economy", v) => economy = Some(v.to_string()),
                ("exported", v) => exported = Some(v.to_string()),
                _ => return None,
            }
        }
        Some(Origin {
            economy: economy?,
            exported: exported?,
        })
    }
}

/// An encoded register as read.
#[derive(Debug, Clone)]
pub struct EncodedFile {
    pub origin: Option<Origin>,
    pub scheme: Scheme,
    /// The fingerprint of the key it was encoded under.
    pub key: String,
    pub encoded: Encoded,
}

/// Writes an encoded register: the origin line when there is one, the header line, then
/// `id,encoding` per record.
pub fn write_encoded(
    out: &mut dyn Write,
    origin: Option<&Origin>,
    scheme: &Scheme,
    key: &str,
    enc: &Encoded,
) -> std::io::Result<()> {
    if let Some(o) = origin {
        writeln!(out, "{}", o.line())?;
    }
    match &enc.blocks {
        Some(b) => writeln!(out, "{} blocks={}", scheme.header(key), b.header())?,
        None => writeln!(out, "{}", scheme.header(key))?,
    }
    let b64 = base64::engine::general_purpose::STANDARD;
    let mut w = csv::WriterBuilder::new().has_headers(false).from_writer(out);
    let mut bytes = Vec::with_capacity(enc.words * 8);
    let mut keys = vec![];
    for i in 0..enc.len() {
        bytes.clear();
        for word in enc.filter(i) {
            bytes.extend_from_slice(&word.to_le_bytes());
        }
        match &enc.blocks {
            Some(b) => {
                let n = b.rules.len();
                keys.clear();
                for k in &b.keys[i * n..(i + 1) * n] {
                    keys.extend_from_slice(&k.to_le_bytes());
                }
                w.write_record([enc.ids[i].as_str(), &b64.encode(&bytes), &b64.encode(&keys)])
            }
            None => w.write_record([enc.ids[i].as_str(), &b64.encode(&bytes)]),
        }
        .map_err(std::io::Error::other)?;
    }
    w.flush()
}

fn at(line: u64, message: impl Into<String>) -> LinkError {
    LinkError::Input {
        line,
        column: None,
        message: message.into(),
    }
}

/// Reads an encoded register written by [`write_encoded`]; errors name the line.
pub fn parse_encoded(text: &str) -> Result<EncodedFile, LinkError> {
    let (first, rest) = text.split_once('\n').unwrap_or((text, ""));
    let first = first.trim_end_matches('\r');
    let (origin, header, header_line, body) = match Origin::parse(first) {
        Some(o) => {
            let (h, body) = rest.split_once('\n').unwrap_or((rest, ""));
            (Some(o), h.trim_end_matches('\r'), 2, body)
        }
        None if first.starts_with("pathways-federated/") => {
            return Err(at(
                1,
                "the origin line is not `pathways-federated/1 economy=… exported=…`",
            ));
        }
        None => (None, first, 1, rest),
    };
    // The blocking rules are the file's, not the encoding's: taken out before the header is read.
    let mut rules = None;
    let header: String = header
        .split(' ')
        .filter(|t| match t.strip_prefix("blocks=") {
            Some(v) => {
                rules = Some(Blocks::parse_header(v));
                false
            }
            None => true,
        })
        .collect::<Vec<_>>()
        .join(" ");
    let rules = match rules {
        Some(Some(r)) => Some(r),
        Some(None) => return Err(at(header_line, "the blocking rules are not `name:max;…`")),
        None => None,
    };
    let (scheme, key) = Scheme::parse_header(&header).ok_or_else(|| {
        at(
            header_line,
            "not a Pathways encoding file (expected a `pathways-clk/1 ...` line)",
        )
    })?;
    let words = scheme.bits.div_ceil(64);
    let mut enc = Encoded {
        words,
        ..Default::default()
    };
    let mut blocks = rules.map(|rules| Blocks { rules, keys: vec![] });
    let b64 = base64::engine::general_purpose::STANDARD;
    let mut filter = vec![0u64; words];
    let mut rdr = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(body.as_bytes());
    for record in rdr.records() {
        // Lines are counted from the first line, which the reader did not see.
        let record = record.map_err(|e| {
            let line = e.position().map_or(0, |p| p.line()) + header_line;
            at(line, format!("broken CSV line: {e}"))
        })?;
        let line = record.position().map_or(0, |p| p.line()) + header_line;
        let (Some(id), Some(data)) = (record.get(0), record.get(1)) else {
            return Err(at(line, "expected `id,encoding`"));
        };
        match (&mut blocks, record.get(2), record.len()) {
            (None, None, 2) => {}
            (Some(b), Some(k), 3) => {
                let bytes = b64
                    .decode(k.trim())
                    .map_err(|e| at(line, format!("the blocking keys are not base64: {e}")))?;
                if bytes.len() != b.rules.len() * 8 {
                    return Err(at(
                        line,
                        format!(
                            "{} blocking keys, the header names {} rules",
                            bytes.len() / 8,
                            b.rules.len()
                        ),
                    ));
                }
                b.keys.extend(
                    bytes
                        .chunks_exact(8)
                        .map(|c| u64::from_le_bytes(c.try_into().unwrap_or([0; 8]))),
                );
            }
            (None, ..) => return Err(at(line, "expected `id,encoding`")),
            (Some(_), ..) => return Err(at(line, "expected `id,encoding,blocking keys`")),
        }
        let bytes = b64
            .decode(data.trim())
            .map_err(|e| at(line, format!("the encoding is not base64: {e}")))?;
        if bytes.len() != words * 8 {
            return Err(at(
                line,
                format!(
                    "the encoding has {} bits, the header says {}",
                    bytes.len() * 8,
                    scheme.bits
                ),
            ));
        }
        for (w, chunk) in filter.iter_mut().zip(bytes.chunks_exact(8)) {
            *w = u64::from_le_bytes(chunk.try_into().unwrap_or([0; 8]));
        }
        enc.push(id.to_string(), &filter);
    }
    enc.blocks = blocks;
    Ok(EncodedFile {
        origin,
        scheme,
        key,
        encoded: enc,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::clk::Hardening;

    fn sample() -> (Scheme, Encoded) {
        let scheme = Scheme {
            bits: 128,
            fields: vec![("name".into(), 2, 20)],
            hardening: Hardening::Xor,
        };
        let mut enc = Encoded {
            words: 2,
            ..Default::default()
        };
        enc.push("a,1".into(), &[1, u64::MAX]);
        enc.push("b".into(), &[0, 7]);
        (scheme, enc)
    }

    #[test]
    fn a_federated_file_round_trips_with_its_origin() {
        let (scheme, enc) = sample();
        let origin = Origin {
            economy: "RS".into(),
            exported: "2026-12-07T08:00:00Z".into(),
        };
        let mut out = vec![];
        write_encoded(&mut out, Some(&origin), &scheme, "abcdef", &enc).unwrap();
        let back = parse_encoded(std::str::from_utf8(&out).unwrap()).unwrap();
        assert_eq!(back.origin, Some(origin));
        assert_eq!((back.scheme, back.key.as_str()), (scheme, "abcdef"));
        assert_eq!(back.encoded.ids, enc.ids);
        assert_eq!(back.encoded.bits, enc.bits);
        assert_eq!(back.encoded.counts, vec![65, 3]);
    }

    #[test]
    fn blocking_keys_round_trip_with_their_rules() {
        let (scheme, mut enc) = sample();
        enc.blocks = Some(Blocks {
            rules: vec![
                crate::clk::BlockRule {
                    name: "passport".into(),
                    max_block: 2000,
                },
                crate::clk::BlockRule {
                    name: "name_dob".into(),
                    max_block: 60,
                },
            ],
            keys: vec![1, 0, u64::MAX, 7],
        });
        let mut out = vec![];
        write_encoded(&mut out, None, &scheme, "k", &enc).unwrap();
        let text = String::from_utf8(out).unwrap();
        assert!(
            text.lines()
                .next()
                .unwrap()
                .ends_with(" blocks=passport:2000;name_dob:60")
        );
        let back = parse_encoded(&text).unwrap();
        assert_eq!(back.encoded.blocks, enc.blocks);
        assert_eq!(back.scheme, scheme);
        // A line without its keys, in a file that carries them, is refused with its line.
        let cut = text.replacen(
            &text.lines().nth(2).unwrap().rsplit_once(',').unwrap().1.to_string(),
            "",
            1,
        );
        let cut = cut.replacen(",\n", "\n", 1);
        assert!(parse_encoded(&cut).is_err());
    }

    #[test]
    fn faults_name_their_line() {
        let (scheme, enc) = sample();
        let mut out = vec![];
        write_encoded(&mut out, None, &scheme, "k", &enc).unwrap();
        let text = String::from_utf8(out).unwrap() + "c,AAAA\n";
        let e = parse_encoded(&text).unwrap_err().to_string();
        assert!(e.contains("line 4") && e.contains("has 24 bits"), "{e}");
        let e = parse_encoded("pathways-federated/1 economy=RS\nx")
            .unwrap_err()
            .to_string();
        assert!(e.contains("line 1"), "{e}");
        let e = parse_encoded("name,dob\n").unwrap_err().to_string();
        assert!(e.contains("line 1") && e.contains("not a Pathways encoding"), "{e}");
    }
}
