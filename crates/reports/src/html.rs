//! The HTML rendering of a document: one standalone, self-contained file (styles inline, figures as
//! inline SVG), with a table of contents and numbered sections. Deterministic: the same model gives
//! the same bytes.

use std::fmt::Write;

use crate::model::{Block, Document, Section};
use crate::svg::esc;

const STYLE: &str = "body{font-family:system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1.2rem;color:#1d2939;line-height:1.5}\
h1{font-size:1.9rem;margin-bottom:.2rem}h2{margin-top:2.2rem;border-bottom:2px solid #1f4e79;padding-bottom:.2rem}h3{margin-top:1.6rem}\
.subtitle{color:#475467;font-size:1.1rem}.draft{display:inline-block;border:2px solid #b42318;color:#b42318;font-weight:700;padding:.1rem .6rem;letter-spacing:.1em;text-transform:uppercase}\
table{border-collapse:collapse;width:100%;margin:.6rem 0}th,td{border:1px solid #d0d5dd;padding:.3rem .5rem;text-align:left;vertical-align:top;font-size:.92rem}th{background:#eef1f5}\
caption{caption-side:top;text-align:left;font-weight:600;padding:.3rem 0}.tnotes,.def{color:#475467;font-size:.85rem}\
figure{margin:1rem 0}figcaption{font-weight:600}.note{background:#fff8e6;border-left:4px solid #f5b301;padding:.5rem .8rem}\
nav.toc ol{padding-left:1.2rem;list-style:none}a{color:#0b5cad}td a,li a,p a{overflow-wrap:anywhere}footer{margin-top:3rem;border-top:1px solid #d0d5dd;color:#475467;font-size:.85rem}";

fn number(prefix: &str, i: usize) -> String {
    if prefix.is_empty() {
        format!("{}", i + 1)
    } else {
        format!("{prefix}.{}", i + 1)
    }
}

fn anchor(n: &str) -> String {
    format!("s{}", n.replace('.', "-"))
}

fn toc(out: &mut String, sections: &[Section], prefix: &str) {
    out.push_str("<ol>");
    for (i, s) in sections.iter().enumerate() {
        let n = number(prefix, i);
        let _ = write!(out, "<li><a href=\"#{}\">{} {}</a>", anchor(&n), n, esc(&s.title));
        if !s.subsections.is_empty() && prefix.is_empty() {
            toc(out, &s.subsections, &n);
        }
        out.push_str("</li>");
    }
    out.push_str("</ol>");
}

/// Text with every web address made a link a reader can follow (escaped like all text; only
/// `http://` and `https://` addresses become links, without the punctuation that closes them).
fn linked(text: &str) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(at) = ["https://", "http://"].iter().filter_map(|p| rest.find(p)).min() {
        out.push_str(&esc(&rest[..at]));
        let tail = &rest[at..];
        let end = tail
            .find(|c: char| c.is_whitespace() || "\"<>".contains(c))
            .unwrap_or(tail.len());
        let url = tail[..end].trim_end_matches(['.', ',', ';', ':', ')']);
        let _ = write!(out, "<a href=\"{0}\">{0}</a>", esc(url));
        rest = &tail[url.len()..];
    }
    out.push_str(&esc(rest));
    out
}

fn block(out: &mut String, b: &Block) {
    match b {
        Block::Paragraph { text } => {
            let _ = write!(out, "<p>{}</p>", linked(text));
        }
        Block::List { items } => {
            out.push_str("<ul>");
            for i in items {
                let _ = write!(out, "<li>{}</li>", linked(i));
            }
            out.push_str("</ul>");
        }
        Block::Table {
            caption,
            header,
            rows,
            notes,
        } => {
            let _ = write!(out, "<table><caption>{}</caption><thead><tr>", esc(caption));
            for h in header {
                let _ = write!(out, "<th scope=\"col\">{}</th>", esc(h));
            }
            out.push_str("</tr></thead><tbody>");
            for r in rows {
                out.push_str("<tr>");
                for c in r {
                    let _ = write!(out, "<td>{}</td>", linked(c));
                }
                out.push_str("</tr>");
            }
            out.push_str("</tbody></table>");
            for n in notes {
                let _ = write!(out, "<p class=\"tnotes\">{}</p>", linked(n));
            }
        }
        Block::Figure {
            caption,
            svg,
            definition,
        } => {
            // The SVG comes from this crate's chart functions, which escape every text they draw.
            let _ = write!(
                out,
                "<figure><figcaption>{}</figcaption>{svg}<p class=\"def\">{}</p></figure>",
                esc(caption),
                esc(definition)
            );
        }
        Block::Note { text } => {
            let _ = write!(out, "<div class=\"note\">{}</div>", linked(text));
        }
    }
}

fn section(out: &mut String, s: &Section, n: &str, depth: usize) {
    let h = (depth + 2).min(6);
    let _ = write!(
        out,
        "<section id=\"{}\"><h{h}>{} {}</h{h}>",
        anchor(n),
        n,
        esc(&s.title)
    );
    for b in &s.blocks {
        block(out, b);
    }
    for (i, sub) in s.subsections.iter().enumerate() {
        section(out, sub, &number(n, i), depth + 1);
    }
    out.push_str("</section>");
}

/// The document as a standalone HTML file.
pub fn render(d: &Document) -> String {
    let mut out = String::with_capacity(64 * 1024);
    let _ = write!(
        out,
        "<!doctype html><html lang=\"{}\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>{}</title><style>{STYLE}</style></head><body><header>",
        esc(&d.labels.lang),
        esc(&d.title)
    );
    if d.draft {
        let _ = write!(out, "<p class=\"draft\">{}</p>", esc(&d.labels.draft));
    }
    let _ = write!(
        out,
        "<h1>{}</h1><p class=\"subtitle\">{}</p><p class=\"def\">{} {}</p></header><nav class=\"toc\" aria-label=\"{contents}\"><h2>{contents}</h2>",
        esc(&d.title),
        esc(&d.subtitle),
        esc(&d.labels.evidence_as_of),
        esc(d.shown_date()),
        contents = esc(&d.labels.contents),
    );
    toc(&mut out, &d.sections, "");
    out.push_str("</nav><main>");
    for (i, s) in d.sections.iter().enumerate() {
        section(&mut out, s, &number("", i), 0);
    }
    out.push_str("</main><footer>");
    for f in &d.footnotes {
        let _ = write!(out, "<p>{}</p>", esc(f));
    }
    out.push_str("</footer></body></html>\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sources_are_links_and_stay_escaped() {
        assert_eq!(
            linked("Source: https://x.org/a_b?c=1&d=2; confidence high."),
            "Source: <a href=\"https://x.org/a_b?c=1&amp;d=2\">https://x.org/a_b?c=1&amp;d=2</a>; confidence high."
        );
        assert_eq!(
            linked("(see http://a.example/x). And <b>"),
            "(see <a href=\"http://a.example/x\">http://a.example/x</a>). And &lt;b&gt;"
        );
        assert_eq!(
            linked("javascript:alert(1) and no address"),
            "javascript:alert(1) and no address"
        );
        assert_eq!(
            linked("https://a.example ; https://b.example"),
            "<a href=\"https://a.example\">https://a.example</a> ; <a href=\"https://b.example\">https://b.example</a>"
        );
    }
}
