//! A small XML tree and its pretty printer, enough for an XForm: elements with attributes in the
//! order they were set, text, and label text that already holds `<output/>` elements.

/// One node of the tree.
#[derive(Debug, Clone)]
pub(crate) enum Node {
    El(El),
    /// Text, escaped when printed.
    Text(String),
    /// Text already escaped that may hold `<output value="…"/>` elements.
    Markup(String),
}

#[derive(Debug, Clone)]
pub(crate) struct El {
    pub name: String,
    pub attrs: Vec<(String, String)>,
    pub children: Vec<Node>,
}

impl El {
    pub fn new(name: &str) -> El {
        El {
            name: name.to_string(),
            attrs: vec![],
            children: vec![],
        }
    }

    /// Sets an attribute (replacing one of the same name).
    pub fn attr(mut self, k: &str, v: impl Into<String>) -> El {
        self.set(k, v);
        self
    }

    pub fn set(&mut self, k: &str, v: impl Into<String>) {
        let v = v.into();
        match self.attrs.iter_mut().find(|(n, _)| n == k) {
            Some(slot) => slot.1 = v,
            None => self.attrs.push((k.to_string(), v)),
        }
    }

    pub fn child(mut self, c: El) -> El {
        self.children.push(Node::El(c));
        self
    }

    pub fn push(&mut self, c: El) {
        self.children.push(Node::El(c));
    }

    pub fn text(mut self, t: impl Into<String>) -> El {
        self.children.push(Node::Text(t.into()));
        self
    }

    pub fn markup(mut self, t: impl Into<String>) -> El {
        self.children.push(Node::Markup(t.into()));
        self
    }

    /// The document with its declaration, two spaces per level.
    pub fn document(&self) -> String {
        let mut out = String::from("<?xml version=\"1.0\"?>\n");
        self.print(&mut out, 0);
        out
    }

    fn print(&self, out: &mut String, depth: usize) {
        let pad = "  ".repeat(depth);
        out.push_str(&pad);
        out.push('<');
        out.push_str(&self.name);
        for (k, v) in &self.attrs {
            out.push(' ');
            out.push_str(k);
            out.push_str("=\"");
            out.push_str(&escape(v, true));
            out.push('"');
        }
        if self.children.is_empty() {
            out.push_str("/>\n");
            return;
        }
        out.push('>');
        let inline = self.children.iter().all(|c| !matches!(c, Node::El(_)));
        if inline {
            for c in &self.children {
                match c {
                    Node::Text(t) => out.push_str(&escape(t, false)),
                    Node::Markup(m) => out.push_str(m),
                    Node::El(_) => {}
                }
            }
        } else {
            out.push('\n');
            for c in &self.children {
                match c {
                    Node::El(e) => e.print(out, depth + 1),
                    Node::Text(t) => {
                        out.push_str(&"  ".repeat(depth + 1));
                        out.push_str(&escape(t, false));
                        out.push('\n');
                    }
                    Node::Markup(m) => {
                        out.push_str(&"  ".repeat(depth + 1));
                        out.push_str(m);
                        out.push('\n');
                    }
                }
            }
            out.push_str(&pad);
        }
        out.push_str("</");
        out.push_str(&self.name);
        out.push_str(">\n");
    }
}

/// XML escaping; in attributes quotes too.
pub(crate) fn escape(s: &str, attribute: bool) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' if attribute => out.push_str("&quot;"),
            '\n' if attribute => out.push_str("&#10;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prints_nested_elements_with_escaped_text_and_attributes() {
        let doc = El::new("a")
            .attr("x", "1 < 2 \"q\"")
            .child(El::new("b").text("t & u"))
            .child(El::new("c"))
            .child(El::new("label").markup("Hi <output value=\" /data/n \"/>"));
        assert_eq!(
            doc.document(),
            "<?xml version=\"1.0\"?>\n<a x=\"1 &lt; 2 &quot;q&quot;\">\n  <b>t &amp; u</b>\n  <c/>\n  \
             <label>Hi <output value=\" /data/n \"/></label>\n</a>\n"
        );
    }
}
