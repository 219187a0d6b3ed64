//! Checks on the shape of the source tree that a compiler does not make: no two modules of a crate
//! reach into each other (directly or round a loop), and no source file grows past what one reader
//! holds in mind unless its `//!` says why it is one piece.
//!
//! The module graph is read from the source text: a reference `crate::a::b` or `super::c` from a
//! file is an edge between the two sibling modules under the deepest module both sit in. A child
//! naming its ancestor (`crate::AppState` from `crate::ui`) is no edge: a parent owns its children.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// A crate's modules by path (`["ui", "forms"]`), with the file that holds each.
struct Crate {
    name: String,
    modules: BTreeMap<Vec<String>, PathBuf>,
}

fn crates() -> Vec<Crate> {
    let mut out = Vec::new();
    let Ok(entries) = std::fs::read_dir(workspace().join("crates")) else {
        return out;
    };
    let mut dirs: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    dirs.sort();
    for dir in dirs {
        let src = dir.join("src");
        let root = ["lib.rs", "main.rs"].iter().map(|f| src.join(f)).find(|p| p.exists());
        let Some(root) = root else { continue };
        let mut modules = BTreeMap::new();
        modules.insert(Vec::new(), root);
        collect(&src, &mut Vec::new(), &mut modules);
        let name = dir
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        out.push(Crate { name, modules });
    }
    out
}

fn collect(dir: &Path, prefix: &mut Vec<String>, modules: &mut BTreeMap<Vec<String>, PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for entry in entries.filter_map(Result::ok) {
        let path = entry.path();
        let name = entry.file_name().to_string_lossy().into_owned();
        if path.is_dir() {
            if path.join("mod.rs").exists() {
                prefix.push(name);
                modules.insert(prefix.clone(), path.join("mod.rs"));
                collect(&path, prefix, modules);
                prefix.pop();
            }
        } else if let Some(stem) = name.strip_suffix(".rs")
            && !["lib", "main", "mod"].contains(&stem)
        {
            let mut m = prefix.clone();
            m.push(stem.to_string());
            // `foo.rs` beside a `foo/` folder of submodules.
            let sub = dir.join(stem);
            modules.insert(m.clone(), path);
            if sub.is_dir() {
                let mut p = m;
                collect(&sub, &mut p, modules);
            }
        }
    }
}

/// Module paths named in `text` as `crate::…` or `super::…`, each as written (first segments).
fn references(text: &str, here: &[String]) -> Vec<Vec<String>> {
    let mut out = Vec::new();
    let code: String = text
        .lines()
        .filter(|l| {
            let t = l.trim_start();
            !t.starts_with("//")
        })
        .collect::<Vec<_>>()
        .join("\n");
    let bytes = code.as_bytes();
    for start in ["crate::", "super::"] {
        let mut from = 0;
        while let Some(i) = code[from..].find(start) {
            let at = from + i;
            from = at + start.len();
            if at > 0 && (bytes[at - 1].is_ascii_alphanumeric() || bytes[at - 1] == b'_') {
                continue;
            }
            let base: Vec<String> = if start == "crate::" {
                Vec::new()
            } else {
                let mut b = here.to_vec();
                b.pop();
                // `super::super::x`
                let mut rest = &code[from..];
                while let Some(r) = rest.strip_prefix("super::") {
                    b.pop();
                    rest = r;
                    from += "super::".len();
                }
                b
            };
            for path in use_tree(&code[from..]) {
                let mut full = base.clone();
                full.extend(path);
                out.push(full);
            }
        }
    }
    out
}

/// The paths a use tree (or a plain path) at the start of `s` names: `a::b::c`, `{a, b::{c, d}}`.
fn use_tree(s: &str) -> Vec<Vec<String>> {
    let mut out = Vec::new();
    parse_tree(s.as_bytes(), &mut 0, Vec::new(), &mut out);
    out
}

fn parse_tree(s: &[u8], i: &mut usize, prefix: Vec<String>, out: &mut Vec<Vec<String>>) {
    let mut path = prefix;
    loop {
        while *i < s.len() && s[*i].is_ascii_whitespace() {
            *i += 1;
        }
        if *i < s.len() && s[*i] == b'{' {
            *i += 1;
            loop {
                parse_tree(s, i, path.clone(), out);
                while *i < s.len() && s[*i].is_ascii_whitespace() {
                    *i += 1;
                }
                if *i < s.len() && s[*i] == b',' {
                    *i += 1;
                    continue;
                }
                if *i < s.len() && s[*i] == b'}' {
                    *i += 1;
                }
                return;
            }
        }
        let start = *i;
        while *i < s.len() && (s[*i].is_ascii_alphanumeric() || s[*i] == b'_') {
            *i += 1;
        }
        if start == *i {
            out.push(path);
            return;
        }
        path.push(String::from_utf8_lossy(&s[start..*i]).into_owned());
        if s.get(*i..*i + 2) == Some(b"::") {
            *i += 2;
        } else {
            out.push(path);
            return;
        }
    }
}

/// The deepest module a written path names.
fn resolve(path: &[String], modules: &BTreeMap<Vec<String>, PathBuf>) -> Vec<String> {
    let mut best = Vec::new();
    for n in 1..=path.len() {
        if modules.contains_key(&path[..n]) {
            best = path[..n].to_vec();
        } else {
            break;
        }
    }
    best
}

/// Edges between sibling modules: (parent, from-child, to-child).
fn edges(krate: &Crate) -> BTreeSet<(Vec<String>, String, String)> {
    let mut out = BTreeSet::new();
    for (module, file) in &krate.modules {
        let Ok(text) = std::fs::read_to_string(file) else {
            continue;
        };
        for written in references(&text, module) {
            let target = resolve(&written, &krate.modules);
            let common = module.iter().zip(&target).take_while(|(a, b)| a == b).count();
            if common < module.len() && common < target.len() {
                out.insert((
                    module[..common].to_vec(),
                    module[common].clone(),
                    target[common].clone(),
                ));
            }
        }
    }
    out
}

/// Every loop among sibling modules, as its members.
fn circles(krate: &Crate) -> Vec<Vec<String>> {
    let edges = edges(krate);
    let mut by_parent: BTreeMap<Vec<String>, BTreeMap<String, BTreeSet<String>>> = BTreeMap::new();
    for (parent, from, to) in edges {
        by_parent.entry(parent).or_default().entry(from).or_default().insert(to);
    }
    let mut out = Vec::new();
    for (parent, graph) in by_parent {
        // Strongly connected components of more than one module: a pair reaching each other.
        let nodes: BTreeSet<&String> = graph.keys().chain(graph.values().flatten()).collect();
        let reach = |from: &String| {
            let mut seen = BTreeSet::new();
            let mut stack = vec![from.clone()];
            while let Some(n) = stack.pop() {
                for next in graph.get(&n).into_iter().flatten() {
                    if seen.insert(next.clone()) {
                        stack.push(next.clone());
                    }
                }
            }
            seen
        };
        let reaches: BTreeMap<&String, BTreeSet<String>> = nodes.iter().map(|n| (*n, reach(n))).collect();
        let mut done = BTreeSet::new();
        for n in &nodes {
            if done.contains(*n) || !reaches[n].contains(*n) {
                continue;
            }
            let component: Vec<String> = nodes
                .iter()
                .filter(|m| reaches[n].contains(**m) && reaches[*m].contains(*n))
                .map(|m| {
                    let mut full = parent.clone();
                    full.push((*m).clone());
                    format!("{}::{}", krate.name, full.join("::"))
                })
                .collect();
            for m in &nodes {
                if reaches[n].contains(*m) && reaches[*m].contains(*n) {
                    done.insert((*m).clone());
                }
            }
            out.push(component);
        }
    }
    out
}

#[test]
fn no_module_reaches_back_into_a_module_that_uses_it() {
    let found: Vec<Vec<String>> = crates().iter().flat_map(circles).collect();
    assert!(
        found.is_empty(),
        "modules that use each other (directly or round a loop): {found:#?}"
    );
}

#[test]
fn the_module_reader_sees_circles_and_ignores_ancestors() {
    // The checker must be able to fail: a pair using each other is found, a child naming its
    // parent's items is not an edge.
    let mut modules = BTreeMap::new();
    let dir = std::env::temp_dir().join(format!("pathways-layout-{}", std::process::id()));
    let _ = std::fs::create_dir_all(&dir);
    let files = [
        (vec![], "lib.rs", "mod a; mod b; pub struct S;"),
        (vec!["a"], "a.rs", "use crate::{b::f, S};"),
        (vec!["b"], "b.rs", "use super::a::g;\nfn f() { crate::S; }"),
        (vec!["c"], "c.rs", "// crate::a::x in a comment\nuse crate::b;"),
    ];
    for (module, file, text) in files {
        let path = dir.join(file);
        let _ = std::fs::write(&path, text);
        modules.insert(module.into_iter().map(String::from).collect(), path);
    }
    let krate = Crate {
        name: "t".into(),
        modules,
    };
    let found = circles(&krate);
    let _ = std::fs::remove_dir_all(&dir);
    assert_eq!(found, vec![vec!["t::a".to_string(), "t::b".to_string()]]);
    assert_eq!(use_tree("{a, b::{c, d}, e::f}").len(), 4);
}

/// Files whose code (their inline test module aside) runs above this many lines must say in their
/// `//!` why they are one piece.
const MAX_LINES: usize = 700;

/// Lines of code of a file, without its inline `#[cfg(test)] mod tests`.
fn code_lines(text: &str) -> usize {
    let code = text.find("#[cfg(test)]\nmod tests").map_or(text, |i| &text[..i]);
    code.lines().count()
}

#[test]
fn long_source_files_say_why_they_are_one_piece() {
    let mut long = Vec::new();
    for krate in crates() {
        for file in krate.modules.values() {
            let Ok(text) = std::fs::read_to_string(file) else {
                continue;
            };
            let lines = code_lines(&text);
            let header: String = text
                .lines()
                .take_while(|l| l.starts_with("//!"))
                .collect::<Vec<_>>()
                .join(" ");
            if lines > MAX_LINES && !header.contains("one piece") {
                long.push(format!("{} ({lines} lines)", file.display()));
            }
        }
    }
    assert!(
        long.is_empty(),
        "split these files, or say in their //! why each is one piece: {long:#?}"
    );
}
