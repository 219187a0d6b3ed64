//! Where each element of the form sits in the XForm instance, and `${name}` references turned
//! into XPath the way pyxform writes them: absolute paths, or paths relative to the nearest
//! repeat both ends share (so that a reference inside a repeat means the same repetition).

use std::collections::HashMap;

use super::XFormError;

/// An element of the instance: a question, group or repeat.
#[derive(Debug, Clone)]
pub(crate) struct Elem {
    /// Names from below the root down to this element.
    pub segs: Vec<String>,
    /// Indices of the containers above, outermost first.
    pub ancestors: Vec<usize>,
    pub is_repeat: bool,
}

/// Every element, in document order, and the names that find them.
#[derive(Debug, Default)]
pub(crate) struct Tree {
    pub root: String,
    pub elems: Vec<Elem>,
    /// `None` when two elements share the name (a reference to it is ambiguous).
    by_name: HashMap<String, Option<usize>>,
}

impl Tree {
    pub fn new(root: &str) -> Tree {
        Tree {
            root: root.to_string(),
            ..Tree::default()
        }
    }

    pub fn add(&mut self, name: &str, parent: Option<usize>, is_repeat: bool) -> usize {
        let (mut segs, mut ancestors) = match parent {
            Some(p) => (self.elems[p].segs.clone(), self.elems[p].ancestors.clone()),
            None => (vec![], vec![]),
        };
        if let Some(p) = parent {
            ancestors.push(p);
        }
        segs.push(name.to_string());
        let i = self.elems.len();
        self.elems.push(Elem {
            segs,
            ancestors,
            is_repeat,
        });
        self.by_name
            .entry(name.to_string())
            .and_modify(|v| *v = None)
            .or_insert(Some(i));
        i
    }

    /// The repeat nearest above element `i`, if any.
    pub fn nearest_repeat(&self, i: usize) -> Option<usize> {
        self.elems[i]
            .ancestors
            .iter()
            .rev()
            .find(|a| self.elems[**a].is_repeat)
            .copied()
    }

    pub fn xpath(&self, i: usize) -> String {
        format!("/{}/{}", self.root, self.elems[i].segs.join("/"))
    }

    fn find(&self, name: &str) -> Result<usize, XFormError> {
        match self.by_name.get(name) {
            Some(Some(i)) => Ok(*i),
            Some(None) => Err(XFormError::Ambiguous(name.to_string())),
            None => Err(XFormError::Unknown(name.to_string())),
        }
    }

    /// The path to `target` from `source` through their lowest common repeat, if they share one.
    fn relative(&self, source: usize, target: usize) -> Option<String> {
        let s = &self.elems[source].ancestors;
        let t = &self.elems[target].ancestors;
        let lcar = s.iter().rev().find(|a| self.elems[**a].is_repeat && t.contains(a))?;
        let steps = s.len() - s.iter().position(|a| a == lcar)?;
        let depth = self.elems[*lcar].segs.len();
        let below = self.elems[target].segs[depth..].join("/");
        Some(format!("{}/{below}", vec![".."; steps].join("/")))
    }

    /// `text` with each `${name}` replaced by its path, as seen from `context`. `use_current`
    /// prefixes relative paths with `current()/` (predicates over another instance).
    pub fn paths(&self, text: &str, context: Option<usize>, use_current: bool) -> Result<String, XFormError> {
        self.replace(text, |m, at| {
            let path = self.path_of(m, text, at, context, use_current)?;
            Ok(format!(" {path} "))
        })
    }

    /// `text` with each `${name}` replaced by its path as an entity's label or attribute sees it
    /// (`entity` is the entity node): relative to the nearest container both share, as pyxform
    /// writes entity expressions.
    pub fn paths_from_entity(&self, text: &str, entity: usize) -> Result<String, XFormError> {
        self.replace(text, |m, at| {
            let current = if in_instance_predicate(text, at) {
                "current()/"
            } else {
                ""
            };
            if let Some(n) = m.strip_prefix("last-saved#") {
                return Ok(format!(" instance('__last-saved'){} ", self.xpath(self.find(n)?)));
            }
            let target = self.find(m)?;
            let mut chain = vec![entity];
            chain.extend(self.elems[entity].ancestors.iter().rev());
            let t = &self.elems[target].ancestors;
            let shared = chain.iter().enumerate().find(|(_, a)| t.contains(a));
            Ok(match shared {
                Some((i, a)) => {
                    let depth = self.elems[*a].segs.len();
                    format!(
                        " {current}{}/{} ",
                        vec![".."; i + 1].join("/"),
                        self.elems[target].segs[depth..].join("/")
                    )
                }
                None => format!(" {} ", self.xpath(target)),
            })
        })
    }

    /// Label text: escaped, each `instance(…)` lookup and each `${name}` an `<output/>` element.
    pub fn outputs(&self, text: &str, context: Option<usize>) -> Result<(String, bool), XFormError> {
        let escaped = super::xml::escape(text, false);
        let mut changed = false;
        let mut out = String::with_capacity(escaped.len());
        let mut last = 0;
        for (start, end) in instance_spans(&escaped) {
            let piece = &escaped[last..start];
            out.push_str(&self.replace(piece, |m, at| {
                changed = true;
                let path = self.path_of(m, piece, at, context, false)?;
                Ok(format!("<output value=\" {path} \"/>"))
            })?);
            let value = self.paths(&escaped[start..end], context, false)?;
            out.push_str(&format!("<output value=\"{}\"/>", super::xml::escape(&value, true)));
            changed = true;
            last = end;
        }
        let rest = &escaped[last..];
        out.push_str(&self.replace(rest, |m, at| {
            changed = true;
            let path = self.path_of(m, rest, at, context, false)?;
            Ok(format!("<output value=\" {path} \"/>"))
        })?);
        Ok((out, changed))
    }

    fn path_of(
        &self,
        reference: &str,
        text: &str,
        at: usize,
        context: Option<usize>,
        use_current: bool,
    ) -> Result<String, XFormError> {
        let (last_saved, name) = match reference.strip_prefix("last-saved#") {
            Some(n) => (true, n),
            None => (false, reference),
        };
        let target = self.find(name)?;
        if !last_saved
            && let Some(source) = context
            && relative_allowed(text, at)
            && let Some(rel) = self.relative(source, target)
        {
            let current = use_current || in_instance_predicate(text, at);
            return Ok(if current { format!("current()/{rel}") } else { rel });
        }
        let prefix = if last_saved { "instance('__last-saved')" } else { "" };
        Ok(format!("{prefix}{}", self.xpath(target)))
    }

    fn replace(
        &self,
        text: &str,
        mut f: impl FnMut(&str, usize) -> Result<String, XFormError>,
    ) -> Result<String, XFormError> {
        let mut out = String::with_capacity(text.len());
        let mut rest = text;
        let mut offset = 0;
        while let Some(start) = rest.find("${") {
            let Some(len) = rest[start..].find('}') else { break };
            let inner = &rest[start + 2..start + len];
            out.push_str(&rest[..start]);
            if inner.is_empty() || inner.contains(char::is_whitespace) {
                out.push_str(&rest[start..=start + len]);
            } else {
                out.push_str(&f(inner.trim(), offset + start)?);
            }
            offset += start + len + 1;
            rest = &rest[start + len + 1..];
        }
        out.push_str(rest);
        Ok(out)
    }
}

/// Where `instance('…')` lookups lie in label text, as pyxform finds them: the call, then a path
/// that runs to the next whitespace outside a `[…]` predicate.
fn instance_spans(s: &str) -> Vec<(usize, usize)> {
    let b = s.as_bytes();
    let mut out = vec![];
    let mut i = 0;
    while let Some(k) = s[i..].find("instance(") {
        let start = i + k;
        let mut j = start + "instance(".len();
        let Some(&quote) = b.get(j).filter(|q| **q == b'\'' || **q == b'"') else {
            i = j;
            continue;
        };
        let Some(close) = s[j + 1..].find(quote as char) else {
            break;
        };
        j = j + 1 + close + 1;
        if b.get(j) != Some(&b')') {
            i = j;
            continue;
        }
        j += 1;
        if b.get(j) == Some(&b'/') {
            let mut depth = 0usize;
            while j < b.len() {
                match b[j] {
                    b'[' => depth += 1,
                    b']' => depth = depth.saturating_sub(1),
                    c if c.is_ascii_whitespace() && depth == 0 => break,
                    _ => {}
                }
                j += 1;
            }
        }
        out.push((start, j));
        i = j;
    }
    out
}

/// Inside `indexed-repeat(…)`, the repeat and index arguments (1st, 2nd, 4th, 6th) stay
/// absolute, as pyxform writes them.
fn relative_allowed(text: &str, at: usize) -> bool {
    let mut from = 0;
    while let Some(i) = text[from..].find("indexed-repeat(") {
        let open = from + i + "indexed-repeat(".len();
        let (mut depth, mut arg) = (1, 0usize);
        let mut end = text.len();
        for (j, c) in text[open..].char_indices() {
            match c {
                '(' => depth += 1,
                ')' => {
                    depth -= 1;
                    if depth == 0 {
                        end = open + j;
                        break;
                    }
                }
                ',' if depth == 1 && open + j < at => arg += 1,
                _ => {}
            }
        }
        if at >= open && at < end {
            return ![0, 1, 3, 5].contains(&arg);
        }
        from = open;
    }
    true
}

/// Whether position `at` lies in a `[…]` predicate of an expression reading another instance.
fn in_instance_predicate(text: &str, at: usize) -> bool {
    if !text.contains("instance(") {
        return false;
    }
    let mut open = None;
    for (i, c) in text.char_indices() {
        match c {
            '[' => open = Some(i),
            ']' => {
                if open.is_some_and(|o| o < at && at < i) {
                    return true;
                }
                open = None;
            }
            _ => {}
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tree() -> Tree {
        let mut t = Tree::new("data");
        let n = t.add("n", None, false);
        let r = t.add("r", None, true);
        let g = t.add("g", Some(r), false);
        t.add("a", Some(g), false);
        t.add("b", Some(r), false);
        assert_eq!((n, r), (0, 1));
        t
    }

    #[test]
    fn references_in_the_same_repeat_are_relative() {
        let t = tree();
        // From b (in r) to a (in r/g): one step up to r, then down.
        assert_eq!(t.paths("${a} > 1", Some(4), false).unwrap(), " ../g/a  > 1");
        assert_eq!(t.paths("${b}", Some(3), false).unwrap(), " ../../b ");
        // Outside the repeat: absolute.
        assert_eq!(
            t.paths("${n} + ${a}", Some(0), false).unwrap(),
            " /data/n  +  /data/r/g/a "
        );
        assert_eq!(t.paths("${b}", Some(3), true).unwrap(), " current()/../../b ");
        assert_eq!(
            t.paths("${last-saved#n}", Some(0), false).unwrap(),
            " instance('__last-saved')/data/n "
        );
    }

    #[test]
    fn indexed_repeat_keeps_its_repeat_and_index_absolute() {
        let t = tree();
        assert_eq!(
            t.paths("indexed-repeat(${a}, ${r}, 1)", Some(4), false).unwrap(),
            "indexed-repeat( /data/r/g/a ,  /data/r , 1)"
        );
    }

    #[test]
    fn unknown_and_ambiguous_names_are_errors() {
        let mut t = tree();
        assert!(matches!(t.paths("${zz}", None, false), Err(XFormError::Unknown(_))));
        t.add("a", None, false);
        assert!(matches!(t.paths("${a}", None, false), Err(XFormError::Ambiguous(_))));
    }

    #[test]
    fn instance_lookups_in_labels_become_one_output() {
        let t = tree();
        let (m, changed) = t
            .outputs("Pick instance('c')/root/item[name = ${n}]/label now", None)
            .unwrap();
        assert!(changed);
        assert_eq!(
            m,
            "Pick <output value=\"instance('c')/root/item[name =  /data/n ]/label\"/> now"
        );
    }

    #[test]
    fn labels_get_output_elements_after_escaping() {
        let t = tree();
        assert_eq!(
            t.outputs("n < ${n}", None).unwrap(),
            ("n &lt; <output value=\" /data/n \"/>".to_string(), true)
        );
    }
}
