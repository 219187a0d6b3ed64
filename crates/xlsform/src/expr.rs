//! The XLSForm expression language (the XPath subset ODK forms use in `relevant`, `constraint`,
//! `calculation`, `choice_filter`, `repeat_count`, `default`): a tokenizer and a precedence-climbing
//! parser producing an [`Expr`] tree. Errors give the character offset and what was expected, so
//! that a form author can find the mistake in the cell.

use std::fmt;

use serde::Serialize;

/// A parsed expression.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Expr {
    Number {
        value: f64,
    },
    String {
        value: String,
    },
    /// `${name}`: the value of another question.
    Reference {
        name: String,
    },
    /// `.`: the current question's value.
    Current,
    /// `..`: the enclosing group or repeat.
    Parent,
    /// A path such as `/data/group/q` or `../q`, kept as written.
    Path {
        path: String,
    },
    Unary {
        op: UnaryOp,
        operand: Box<Expr>,
    },
    Binary {
        op: BinaryOp,
        left: Box<Expr>,
        right: Box<Expr>,
    },
    Call {
        function: String,
        args: Vec<Expr>,
    },
    /// `base[predicate]`: the nodes of `base` the predicate keeps (`instance('l')/root/item[name = ${q}]`).
    Filter {
        base: Box<Expr>,
        predicate: Box<Expr>,
    },
    /// `base/path`: a path continued from a call or a filter (`instance('l')/root/item`).
    Step {
        base: Box<Expr>,
        path: String,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum UnaryOp {
    Neg,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum BinaryOp {
    Or,
    And,
    Eq,
    Ne,
    Lt,
    Le,
    Gt,
    Ge,
    Add,
    Sub,
    Mul,
    Div,
    Mod,
    /// `|`: node-set union, accepted for completeness.
    Union,
}

impl BinaryOp {
    fn symbol(self) -> &'static str {
        match self {
            BinaryOp::Or => "or",
            BinaryOp::And => "and",
            BinaryOp::Eq => "=",
            BinaryOp::Ne => "!=",
            BinaryOp::Lt => "<",
            BinaryOp::Le => "<=",
            BinaryOp::Gt => ">",
            BinaryOp::Ge => ">=",
            BinaryOp::Add => "+",
            BinaryOp::Sub => "-",
            BinaryOp::Mul => "*",
            BinaryOp::Div => "div",
            BinaryOp::Mod => "mod",
            BinaryOp::Union => "|",
        }
    }

    /// Binding strength: higher binds tighter (XPath 1.0 order).
    fn precedence(self) -> u8 {
        match self {
            BinaryOp::Or => 1,
            BinaryOp::And => 2,
            BinaryOp::Eq | BinaryOp::Ne => 3,
            BinaryOp::Lt | BinaryOp::Le | BinaryOp::Gt | BinaryOp::Ge => 4,
            BinaryOp::Add | BinaryOp::Sub => 5,
            BinaryOp::Mul | BinaryOp::Div | BinaryOp::Mod => 6,
            BinaryOp::Union => 7,
        }
    }
}

/// Why an expression could not be parsed, and where (character offset from 0).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("at character {}: {message}", offset + 1)]
pub struct SyntaxError {
    pub offset: usize,
    pub message: String,
}

#[derive(Debug, Clone, PartialEq)]
enum Token {
    Number(f64),
    Str(String),
    Reference(String),
    Name(String),
    Path(String),
    Dot,
    DotDot,
    LParen,
    RParen,
    LBracket,
    RBracket,
    Comma,
    Op(BinaryOp),
    Minus,
}

fn describe(t: &Token) -> String {
    match t {
        Token::Number(n) => format!("the number {n}"),
        Token::Str(s) => format!("the string '{s}'"),
        Token::Reference(r) => format!("${{{r}}}"),
        Token::Name(n) => format!("`{n}`"),
        Token::Path(p) => format!("the path `{p}`"),
        Token::Dot => "`.`".into(),
        Token::DotDot => "`..`".into(),
        Token::LParen => "`(`".into(),
        Token::RParen => "`)`".into(),
        Token::LBracket => "`[`".into(),
        Token::RBracket => "`]`".into(),
        Token::Comma => "`,`".into(),
        Token::Op(op) => format!("`{}`", op.symbol()),
        Token::Minus => "`-`".into(),
    }
}

fn is_name_start(c: char) -> bool {
    c.is_alphabetic() || c == '_'
}

fn is_name_char(c: char) -> bool {
    c.is_alphanumeric() || matches!(c, '_' | '-' | '.' | ':')
}

fn tokenize(src: &str) -> Result<Vec<(usize, Token)>, SyntaxError> {
    let chars: Vec<(usize, char)> = src.char_indices().collect();
    let mut out = vec![];
    let mut i = 0;
    let err = |offset: usize, message: String| SyntaxError { offset, message };
    while i < chars.len() {
        let (at, c) = chars[i];
        let next = chars.get(i + 1).map(|x| x.1);
        match c {
            c if c.is_whitespace() => i += 1,
            '(' => {
                out.push((at, Token::LParen));
                i += 1;
            }
            ')' => {
                out.push((at, Token::RParen));
                i += 1;
            }
            ',' => {
                out.push((at, Token::Comma));
                i += 1;
            }
            '+' => {
                out.push((at, Token::Op(BinaryOp::Add)));
                i += 1;
            }
            '-' => {
                out.push((at, Token::Minus));
                i += 1;
            }
            '*' => {
                out.push((at, Token::Op(BinaryOp::Mul)));
                i += 1;
            }
            '|' => {
                out.push((at, Token::Op(BinaryOp::Union)));
                i += 1;
            }
            '=' => {
                out.push((at, Token::Op(BinaryOp::Eq)));
                i += 1;
            }
            '!' if next == Some('=') => {
                out.push((at, Token::Op(BinaryOp::Ne)));
                i += 2;
            }
            '<' | '>' => {
                let (op, len) = match (c, next) {
                    ('<', Some('=')) => (BinaryOp::Le, 2),
                    ('<', _) => (BinaryOp::Lt, 1),
                    ('>', Some('=')) => (BinaryOp::Ge, 2),
                    _ => (BinaryOp::Gt, 1),
                };
                out.push((at, Token::Op(op)));
                i += len;
            }
            '\'' | '"' => {
                let quote = c;
                let mut j = i + 1;
                let mut s = String::new();
                while j < chars.len() && chars[j].1 != quote {
                    s.push(chars[j].1);
                    j += 1;
                }
                if j >= chars.len() {
                    return Err(err(at, format!("the string opened here with {quote} is never closed")));
                }
                out.push((at, Token::Str(s)));
                i = j + 1;
            }
            '[' => {
                out.push((at, Token::LBracket));
                i += 1;
            }
            ']' => {
                out.push((at, Token::RBracket));
                i += 1;
            }
            // `$name`: an XPath variable, which XForms leave to the client.
            '$' if next.is_some_and(is_name_start) => {
                let mut j = i + 1;
                let mut name = String::from("$");
                while j < chars.len() && is_name_char(chars[j].1) {
                    name.push(chars[j].1);
                    j += 1;
                }
                out.push((at, Token::Path(name)));
                i = j;
            }
            '$' => {
                if next != Some('{') {
                    return Err(err(at, "`$` must start a reference such as ${name}".into()));
                }
                let mut j = i + 2;
                let mut name = String::new();
                while j < chars.len() && chars[j].1 != '}' {
                    name.push(chars[j].1);
                    j += 1;
                }
                if j >= chars.len() {
                    return Err(err(at, "the reference opened here with ${ is never closed".into()));
                }
                // `${last-saved#q}`: q's value in the last form saved on the device.
                let bare = name.strip_prefix("last-saved#").unwrap_or(&name);
                if bare.is_empty() || !bare.chars().next().is_some_and(is_name_start) || !bare.chars().all(is_name_char)
                {
                    return Err(err(at, format!("`${{{name}}}` is not a valid question name")));
                }
                out.push((at, Token::Reference(name)));
                i = j + 1;
            }
            '/' => {
                // A path: `/data/x`, or `//x`; a lone `/` is an error (division is `div`).
                let mut j = i;
                let mut path = String::new();
                while j < chars.len() && (chars[j].1 == '/' || is_name_char(chars[j].1) || chars[j].1 == '*') {
                    path.push(chars[j].1);
                    j += 1;
                }
                if path.trim_matches('/').is_empty() {
                    return Err(err(at, "`/` is not division in forms: write `div`".into()));
                }
                out.push((at, Token::Path(path)));
                i = j;
            }
            '.' => {
                if next.is_some_and(|d| d.is_ascii_digit()) {
                    let (n, j) = number(&chars, i);
                    out.push((at, Token::Number(n)));
                    i = j;
                } else if next == Some('.') {
                    // `..` possibly followed by a path: `../x`.
                    let mut j = i + 2;
                    let mut path = String::from("..");
                    while j < chars.len() && (chars[j].1 == '/' || is_name_char(chars[j].1)) {
                        path.push(chars[j].1);
                        j += 1;
                    }
                    out.push((at, if path == ".." { Token::DotDot } else { Token::Path(path) }));
                    i = j;
                } else {
                    out.push((at, Token::Dot));
                    i += 1;
                }
            }
            c if c.is_ascii_digit() => {
                let (n, j) = number(&chars, i);
                out.push((at, Token::Number(n)));
                i = j;
            }
            c if is_name_start(c) => {
                let mut j = i;
                let mut name = String::new();
                while j < chars.len() && is_name_char(chars[j].1) {
                    name.push(chars[j].1);
                    j += 1;
                }
                // A trailing `-` belongs to the next token (`a -1` is rare, `x-1` a name in XPath).
                let tok = match name.as_str() {
                    "and" => Token::Op(BinaryOp::And),
                    "or" => Token::Op(BinaryOp::Or),
                    "div" => Token::Op(BinaryOp::Div),
                    "mod" => Token::Op(BinaryOp::Mod),
                    _ => Token::Name(name),
                };
                out.push((at, tok));
                i = j;
            }
            other => return Err(err(at, format!("unexpected character `{other}`"))),
        }
    }
    Ok(out)
}

fn number(chars: &[(usize, char)], mut j: usize) -> (f64, usize) {
    let mut s = String::new();
    while j < chars.len() && (chars[j].1.is_ascii_digit() || chars[j].1 == '.') {
        s.push(chars[j].1);
        j += 1;
    }
    (s.parse().unwrap_or(f64::NAN), j)
}

/// The longest expression read (in bytes). Real forms stay far below it; a longer one is refused
/// before it is tokenised.
pub const MAX_LENGTH: usize = 10_000;
/// How deep an expression's tree may be. Evaluating, printing and dropping a tree recurse once per
/// level; a long sum of answers (`${a} + ${b} + …`) is as deep as it has terms.
pub const MAX_DEPTH: usize = 1_000;
/// How deeply brackets, calls and signs may nest: the parser recurses through a few frames for
/// each, so this is what bounds its stack (a few hundred would overflow a thread's stack).
pub const MAX_NESTING: usize = 200;

struct Parser {
    tokens: Vec<(usize, Token)>,
    pos: usize,
    len: usize,
    /// How deep the parse is at this point (calls, and operators chained so far).
    depth: usize,
}

impl Parser {
    fn peek(&self) -> Option<&Token> {
        self.tokens.get(self.pos).map(|t| &t.1)
    }

    fn offset(&self) -> usize {
        self.tokens.get(self.pos).map_or(self.len, |t| t.0)
    }

    fn error<T>(&self, message: String) -> Result<T, SyntaxError> {
        Err(SyntaxError {
            offset: self.offset(),
            message,
        })
    }

    fn binary_op(&self) -> Option<BinaryOp> {
        match self.peek()? {
            Token::Op(op) => Some(*op),
            Token::Minus => Some(BinaryOp::Sub),
            // Inside an expression, `and`/`or`/`div`/`mod` arrive as names only when quoted; plain
            // names in operator position are an error caught by the caller.
            _ => None,
        }
    }

    /// One level deeper, refused beyond [`MAX_NESTING`].
    fn deeper(&mut self) -> Result<(), SyntaxError> {
        self.depth += 1;
        if self.depth > MAX_NESTING {
            return self.error(format!(
                "brackets, calls and signs nest more than {MAX_NESTING} levels deep here"
            ));
        }
        Ok(())
    }

    fn expression(&mut self, min: u8) -> Result<Expr, SyntaxError> {
        let entered = self.depth;
        self.deeper()?;
        let mut left = self.unary()?;
        while let Some(op) = self.binary_op() {
            let p = op.precedence();
            if p < min {
                break;
            }
            self.pos += 1;
            let right = self.expression(p + 1)?;
            left = Expr::Binary {
                op,
                left: Box::new(left),
                right: Box::new(right),
            };
        }
        self.depth = entered;
        Ok(left)
    }

    fn unary(&mut self) -> Result<Expr, SyntaxError> {
        if self.peek() == Some(&Token::Minus) {
            self.pos += 1;
            let entered = self.depth;
            self.deeper()?;
            let operand = self.unary()?;
            self.depth = entered;
            return Ok(Expr::Unary {
                op: UnaryOp::Neg,
                operand: Box::new(operand),
            });
        }
        self.postfix()
    }

    /// A primary followed by predicates `[…]` and path steps `/…`.
    fn postfix(&mut self) -> Result<Expr, SyntaxError> {
        let mut e = self.primary()?;
        loop {
            match self.peek() {
                Some(Token::LBracket) => {
                    self.pos += 1;
                    let entered = self.depth;
                    self.deeper()?;
                    let predicate = self.expression(0)?;
                    self.depth = entered;
                    if self.peek() != Some(&Token::RBracket) {
                        return self.error("a `]` is missing here".into());
                    }
                    self.pos += 1;
                    e = Expr::Filter {
                        base: Box::new(e),
                        predicate: Box::new(predicate),
                    };
                }
                // A path continues a call or a filter; after a path or a step it would read back
                // as one longer path, so it is not taken as a step there.
                Some(Token::Path(p)) if p.starts_with('/') && matches!(e, Expr::Call { .. } | Expr::Filter { .. }) => {
                    let path = p.clone();
                    self.pos += 1;
                    e = Expr::Step {
                        base: Box::new(e),
                        path,
                    };
                }
                _ => return Ok(e),
            }
        }
    }

    fn primary(&mut self) -> Result<Expr, SyntaxError> {
        let Some(tok) = self.peek().cloned() else {
            return self.error("the expression ends where a value was expected".into());
        };
        self.pos += 1;
        match tok {
            Token::Number(value) if value.is_finite() => Ok(Expr::Number { value }),
            Token::Number(_) => {
                self.pos -= 1;
                self.error("this number is malformed".into())
            }
            Token::Str(value) => Ok(Expr::String { value }),
            Token::Reference(name) => Ok(Expr::Reference { name }),
            Token::Dot => Ok(Expr::Current),
            Token::DotDot => Ok(Expr::Parent),
            Token::Path(path) => Ok(Expr::Path { path }),
            Token::LParen => {
                let e = self.expression(0)?;
                if self.peek() != Some(&Token::RParen) {
                    return self.error("a `)` is missing here".into());
                }
                self.pos += 1;
                Ok(e)
            }
            Token::Name(name) => {
                if self.peek() != Some(&Token::LParen) {
                    // A bare name is a relative path (a child of the current node).
                    return Ok(Expr::Path { path: name });
                }
                self.pos += 1;
                let mut args = vec![];
                if self.peek() == Some(&Token::RParen) {
                    self.pos += 1;
                } else {
                    loop {
                        args.push(self.expression(0)?);
                        match self.peek() {
                            Some(Token::Comma) => self.pos += 1,
                            Some(Token::RParen) => {
                                self.pos += 1;
                                break;
                            }
                            Some(t) => {
                                let t = describe(t);
                                return self.error(format!("expected `,` or `)` in the call to {name}(), found {t}"));
                            }
                            None => return self.error(format!("the call to {name}() is never closed")),
                        }
                    }
                }
                Ok(Expr::Call { function: name, args })
            }
            other => {
                self.pos -= 1;
                self.error(format!("expected a value, found {}", describe(&other)))
            }
        }
    }
}

/// The depth of a tree, measured without recursion.
fn tree_depth(e: &Expr) -> usize {
    let mut deepest = 0;
    let mut stack = vec![(e, 1)];
    while let Some((e, d)) = stack.pop() {
        deepest = deepest.max(d);
        match e {
            Expr::Unary { operand, .. } => stack.push((operand, d + 1)),
            Expr::Binary { left, right, .. } => {
                stack.push((left, d + 1));
                stack.push((right, d + 1));
            }
            Expr::Call { args, .. } => stack.extend(args.iter().map(|a| (a, d + 1))),
            _ => {}
        }
    }
    deepest
}

/// Parses an expression as written in a form cell.
pub fn parse(src: &str) -> Result<Expr, SyntaxError> {
    if src.len() > MAX_LENGTH {
        return Err(SyntaxError {
            offset: 0,
            message: format!(
                "the expression is {} characters long; at most {MAX_LENGTH} are read",
                src.len()
            ),
        });
    }
    let tokens = tokenize(src)?;
    if tokens.is_empty() {
        return Err(SyntaxError {
            offset: 0,
            message: "the expression is empty".into(),
        });
    }
    let mut p = Parser {
        tokens,
        pos: 0,
        len: src.len(),
        depth: 0,
    };
    let e = p.expression(0)?;
    if let Some(t) = p.peek() {
        let t = describe(t);
        return p.error(format!("unexpected {t} after a complete expression"));
    }
    if tree_depth(&e) > MAX_DEPTH {
        return Err(SyntaxError {
            offset: 0,
            message: format!("the expression is more than {MAX_DEPTH} levels deep"),
        });
    }
    Ok(e)
}

impl Expr {
    /// The question names referenced with `${...}`, in order of appearance.
    pub fn references(&self) -> Vec<&str> {
        let mut out = vec![];
        self.walk(&mut |e| {
            if let Expr::Reference { name } = e {
                out.push(name.as_str());
            }
        });
        out
    }

    /// The functions called, in order of appearance.
    pub fn functions(&self) -> Vec<&str> {
        let mut out = vec![];
        self.walk(&mut |e| {
            if let Expr::Call { function, .. } = e {
                out.push(function.as_str());
            }
        });
        out
    }

    fn walk<'a>(&'a self, f: &mut dyn FnMut(&'a Expr)) {
        f(self);
        match self {
            Expr::Unary { operand, .. } => operand.walk(f),
            Expr::Binary { left, right, .. } => {
                left.walk(f);
                right.walk(f);
            }
            Expr::Call { args, .. } => args.iter().for_each(|a| a.walk(f)),
            Expr::Filter { base, predicate } => {
                base.walk(f);
                predicate.walk(f);
            }
            Expr::Step { base, .. } => base.walk(f),
            _ => {}
        }
    }
}

/// Writes the expression back in a canonical form (fully parenthesised binary operations), which
/// parses to the same tree.
impl fmt::Display for Expr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Expr::Number { value } => write!(f, "{value}"),
            Expr::String { value } if value.contains('\'') => write!(f, "\"{value}\""),
            Expr::String { value } => write!(f, "'{value}'"),
            Expr::Reference { name } => write!(f, "${{{name}}}"),
            Expr::Current => write!(f, "."),
            Expr::Parent => write!(f, ".."),
            Expr::Path { path } => write!(f, "{path}"),
            Expr::Unary { operand, .. } => write!(f, "-({operand})"),
            Expr::Binary { op, left, right } => write!(f, "({left} {} {right})", op.symbol()),
            Expr::Call { function, args } => {
                write!(f, "{function}(")?;
                for (i, a) in args.iter().enumerate() {
                    if i > 0 {
                        write!(f, ", ")?;
                    }
                    write!(f, "{a}")?;
                }
                write!(f, ")")
            }
            // `-(x)[p]` would read back as the negation of a filtered `x`, so a negated base keeps
            // the brackets it was written with.
            Expr::Filter { base, predicate } if matches!(**base, Expr::Unary { .. }) => {
                write!(f, "({base})[{predicate}]")
            }
            Expr::Filter { base, predicate } => write!(f, "{base}[{predicate}]"),
            Expr::Step { base, path } => write!(f, "{base}{path}"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn precedence_follows_xpath() {
        let cases = [
            ("1 + 2 * 3", "(1 + (2 * 3))"),
            (
                "${a} > 3 and ${b} = 'x' or not(${c})",
                "(((${a} > 3) and (${b} = 'x')) or not(${c}))",
            ),
            ("-${a} + 1", "(-(${a}) + 1)"),
            ("10 div 2 mod 3", "((10 div 2) mod 3)"),
            (". >= 0 and . <= 120", "((. >= 0) and (. <= 120))"),
            ("selected(${q}, 'other')", "selected(${q}, 'other')"),
            ("count-selected(${q})>=1", "(count-selected(${q}) >= 1)"),
            ("if(${a}='', 0, ${a})", "if((${a} = ''), 0, ${a})"),
            ("today()", "today()"),
            ("${x} != \"it's\"", "(${x} != \"it's\")"),
            (".5 + 1.25", "(0.5 + 1.25)"),
            ("/data/g/q = ../q", "(/data/g/q = ../q)"),
            ("position(..)", "position(..)"),
            // Found by the fuzzer: a bracketed negation keeps its brackets before a predicate.
            ("(-0)[1]", "(-(0))[1]"),
            ("-0[1]", "-(0[1])"),
        ];
        for (src, want) in cases {
            let e = parse(src).unwrap_or_else(|err| panic!("{src}: {err}"));
            assert_eq!(e.to_string(), want, "{src}");
            assert_eq!(parse(&e.to_string()).unwrap(), e, "reparse {src}");
        }
    }

    #[test]
    fn errors_say_where_and_why() {
        let cases = [
            ("${a} >", 6, "ends where a value was expected"),
            ("(${a} + 1", 9, "`)` is missing"),
            ("${a", 0, "never closed"),
            ("'abc", 0, "never closed"),
            ("${a} 3", 5, "after a complete expression"),
            ("concat(${a} ${b})", 12, "expected `,` or `)`"),
            ("${a} / 2", 5, "write `div`"),
            ("${1a} = 1", 0, "not a valid question name"),
            ("", 0, "empty"),
            ("# = 1", 0, "unexpected character"),
        ];
        for (src, offset, msg) in cases {
            let e = parse(src).unwrap_err();
            assert_eq!(e.offset, offset, "{src}: {e}");
            assert!(e.message.contains(msg), "{src}: {e}");
        }
    }

    #[test]
    fn lookups_in_other_instances_read_back_as_written() {
        for src in [
            "instance('yn')/root/item[name = ${a}]/label",
            "instance('c')/root/item",
            "/data/x[1]",
        ] {
            let e = parse(src).unwrap();
            assert_eq!(parse(&e.to_string()).unwrap(), e, "{src}");
        }
        // Two paths in a row are not one path continued (found by fuzzing).
        assert!(parse("//m /x").is_err());
    }

    #[test]
    fn references_and_functions_are_listed() {
        let e = parse("if(selected(${a}, 'x'), ${b} + ${a}, 0)").unwrap();
        assert_eq!(e.references(), vec!["a", "b", "a"]);
        assert_eq!(e.functions(), vec!["if", "selected"]);
    }

    proptest::proptest! {
        #[test]
        fn parsing_never_panics(s in "\\PC{0,40}") {
            let _ = parse(&s);
        }

        #[test]
        fn printed_expressions_parse_back(
            a in "[a-z][a-z0-9_]{0,6}", n in 0u32..1000, s in "[a-z ]{0,8}", op in 0usize..6
        ) {
            let ops = ["+", "and", "=", "<=", "mod", "or"];
            let src = format!("concat(${{{a}}}, '{s}') {} {n} {} -${{{a}}}", ops[op], ops[(op + 1) % 6]);
            let e = parse(&src).unwrap();
            proptest::prop_assert_eq!(parse(&e.to_string()).unwrap(), e);
        }
    }
}

#[cfg(test)]
mod limits {
    use super::*;

    /// Issue 15: a long or deeply nested expression is refused with a message, not a stack
    /// overflow; long but flat sums of many answers, as real forms have, are read.
    #[test]
    fn nesting_and_length_are_bounded() {
        let refused = |src: &str| parse(src).unwrap_err().message;
        let deep = format!("{}1{}", "(".repeat(300), ")".repeat(300));
        assert!(refused(&deep).contains("nest more than 200"), "{}", refused(&deep));
        assert!(refused(&format!("{}1", "-".repeat(300))).contains("nest more than"));
        assert!(refused(&format!("{}1{}", "abs(".repeat(300), ")".repeat(300))).contains("nest more than"));
        assert!(refused(&("1 + ".repeat(3_000) + "1")).contains("at most 10000"));
        let chain = (0..1_500).map(|_| "1").collect::<Vec<_>>().join("+");
        assert!(refused(&chain).contains("more than 1000 levels deep"));
        let sum: Vec<String> = (0..300).map(|i| format!("${{q{i}}}")).collect();
        assert!(parse(&sum.join(" + ")).is_ok(), "a sum of 300 answers");
        assert!(parse(&format!("{}1{}", "(".repeat(150), ")".repeat(150))).is_ok());
    }
}
