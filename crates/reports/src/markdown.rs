//! Markdown of event notes rendered to safe HTML: no HTML of the author's own reaches the page (it
//! is shown as text), and links keep only web, mail and relative destinations, so that notes cannot
//! carry scripts.

use pulldown_cmark::{CowStr, Event, Options, Parser, Tag, html};

fn safe_url(url: &str) -> bool {
    let u = url.trim().to_ascii_lowercase();
    u.starts_with("https://")
        || u.starts_with("http://")
        || u.starts_with("mailto:")
        || u.starts_with('/')
        || u.starts_with('#')
}

/// Renders Markdown to HTML that is safe to embed.
pub fn to_html(md: &str) -> String {
    let parser = Parser::new_ext(md, Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH).map(|ev| match ev {
        Event::Html(s) | Event::InlineHtml(s) => Event::Text(s),
        Event::Start(Tag::Link {
            link_type,
            dest_url,
            title,
            id,
        }) if !safe_url(&dest_url) => Event::Start(Tag::Link {
            link_type,
            dest_url: CowStr::Borrowed("#"),
            title,
            id,
        }),
        Event::Start(Tag::Image { dest_url, .. }) => Event::Text(dest_url),
        Event::End(pulldown_cmark::TagEnd::Image) => Event::Text(CowStr::Borrowed("")),
        other => other,
    });
    let mut out = String::new();
    html::push_html(&mut out, parser);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_is_kept_and_html_is_not() {
        let h = to_html(
            "**Agreed**: more checks.\n\n<script>alert(1)</script>\n\n[ok](https://example.org) [bad](javascript:alert(1)) <img src=x onerror=alert(1)>",
        );
        assert!(h.contains("<strong>Agreed</strong>"));
        assert!(!h.contains("<script>") && h.contains("&lt;script&gt;"), "{h}");
        assert!(h.contains(r#"<a href="https://example.org">ok</a>"#));
        assert!(!h.contains("javascript:"), "{h}");
        assert!(!h.contains("<img"), "{h}");
    }
}
