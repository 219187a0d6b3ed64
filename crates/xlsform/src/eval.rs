//! Evaluating expressions with ODK's semantics: values are strings, numbers, booleans, dates or
//! node-sets (all the answers of a question inside a repeat); an unanswered question is the empty
//! string; conversions follow XPath 1.0 (empty → NaN as a number, non-empty → true as a boolean),
//! and a string written as `YYYY-MM-DD` counts as a date where a number is needed, as ODK clients
//! do. The caller supplies answers, the clock and the repeat position through [`Context`], so that
//! evaluation stays pure and repeatable.

use std::cell::RefCell;
use std::collections::HashMap;

use crate::expr::{BinaryOp, Expr, UnaryOp};

/// A value during evaluation.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Str(String),
    Num(f64),
    Bool(bool),
    /// Days since 1970-01-01.
    Date(i64),
    /// Days since 1970-01-01 with the time of day as a fraction (UTC).
    DateTime(f64),
    /// The answers of a question across repeat instances (or of a repeat: one per instance).
    Nodes(Vec<Value>),
}

/// What an expression can see.
pub trait Context {
    /// The value of `${name}` from where the expression is evaluated: a single value, or the
    /// node-set of every instance when the question is in a repeat the expression is not in.
    fn reference(&self, name: &str) -> Value;
    /// A bare name or a path's last step: in a `choice_filter`, a column of the choice being
    /// filtered; elsewhere a question, as `${name}` is.
    fn path(&self, name: &str) -> Value {
        self.reference(name)
    }
    /// `.`: the value of the question the expression belongs to.
    fn current(&self) -> Value;
    /// `position(..)`: the 1-based index of the enclosing repeat instance.
    fn position(&self) -> Option<usize>;
    /// Today's date in days since 1970-01-01, and now in seconds since 1970 (UTC).
    fn today(&self) -> i64;
    fn now(&self) -> f64;
    /// A new unique identifier (for `uuid()`), which the caller generates.
    fn uuid(&self) -> String;
    /// The label of a choice of the question `question` (for `jr:choice-name`).
    fn choice_label(&self, _question: &str, _value: &str) -> Option<String> {
        None
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum EvalError {
    #[error("unknown function {0}()")]
    UnknownFunction(String),
    #[error("{function}() takes {expected} argument(s), {got} given")]
    Arity {
        function: String,
        expected: &'static str,
        got: usize,
    },
    #[error("regex(): `{pattern}` is not a valid pattern: {reason}")]
    Regex { pattern: String, reason: String },
    /// Lookups in other instances (choice lists, files) are left to ODK clients.
    #[error("`{0}` reads another instance, which the web form does not evaluate")]
    OtherInstance(String),
}

/// Days since 1970-01-01 of a civil date.
pub fn days_from_civil(y: i64, m: u32, d: u32) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m as i64 + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d as i64 - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The civil date of days since 1970-01-01.
pub fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (yoe + era * 400 + i64::from(m <= 2), m, d)
}

/// Parses `YYYY-MM-DD` (optionally followed by a time, which is ignored) into days.
pub fn parse_date(s: &str) -> Option<i64> {
    let s = s.trim();
    let date = s.get(..10)?;
    let mut parts = date.split('-');
    let y: i64 = parts.next()?.parse().ok()?;
    let m: u32 = parts.next()?.parse().ok()?;
    let d: u32 = parts.next()?.parse().ok()?;
    if date.len() != 10 || !(1..=12).contains(&m) || d == 0 {
        return None;
    }
    let days = days_from_civil(y, m, d);
    // Refuse 31 April and the like: the date must come back the same.
    (civil_from_days(days) == (y, m, d)).then_some(days)
}

/// XPath's string form of a number: integers without a decimal point.
pub fn number_to_string(n: f64) -> String {
    if n.is_nan() {
        "NaN".into()
    } else if n.is_infinite() {
        if n > 0.0 { "Infinity" } else { "-Infinity" }.into()
    } else if n == n.trunc() && n.abs() < 1e15 {
        format!("{}", n as i64)
    } else {
        format!("{n}")
    }
}

fn date_string(days: i64) -> String {
    let (y, m, d) = civil_from_days(days);
    format!("{y:04}-{m:02}-{d:02}")
}

impl Value {
    pub fn as_string(&self) -> String {
        match self {
            Value::Str(s) => s.clone(),
            Value::Num(n) => number_to_string(*n),
            Value::Bool(b) => b.to_string(),
            Value::Date(d) => date_string(*d),
            Value::DateTime(t) => {
                let days = t.floor() as i64;
                let secs = ((t - t.floor()) * 86_400.0).round() as i64;
                format!(
                    "{}T{:02}:{:02}:{:02}.000Z",
                    date_string(days),
                    secs / 3600,
                    (secs / 60) % 60,
                    secs % 60
                )
            }
            Value::Nodes(n) => n.first().map(Value::as_string).unwrap_or_default(),
        }
    }

    pub fn as_number(&self) -> f64 {
        match self {
            Value::Num(n) => *n,
            Value::Bool(b) => f64::from(u8::from(*b)),
            Value::Date(d) => *d as f64,
            Value::DateTime(t) => *t,
            Value::Str(s) => {
                let t = s.trim();
                if t.is_empty() {
                    return f64::NAN;
                }
                // XPath numbers: digits, one point, an optional leading minus; no exponent.
                let ok = t
                    .strip_prefix('-')
                    .unwrap_or(t)
                    .chars()
                    .all(|c| c.is_ascii_digit() || c == '.')
                    && t.matches('.').count() <= 1
                    && t != "."
                    && t != "-";
                if ok {
                    t.parse().unwrap_or(f64::NAN)
                } else {
                    parse_date(t).map_or(f64::NAN, |d| d as f64)
                }
            }
            Value::Nodes(n) => n.first().map_or(f64::NAN, Value::as_number),
        }
    }

    pub fn as_bool(&self) -> bool {
        match self {
            Value::Bool(b) => *b,
            Value::Num(n) => *n != 0.0 && !n.is_nan(),
            Value::Str(s) => !s.is_empty(),
            Value::Date(_) | Value::DateTime(_) => true,
            Value::Nodes(n) => !n.is_empty(),
        }
    }

    /// The values as a list: a node-set's members, or the value itself.
    fn items(&self) -> Vec<Value> {
        match self {
            Value::Nodes(n) => n.clone(),
            other => vec![other.clone()],
        }
    }

    fn as_date(&self) -> Option<i64> {
        match self {
            Value::Date(d) => Some(*d),
            Value::DateTime(t) => Some(t.floor() as i64),
            Value::Num(n) if n.is_finite() => Some(n.floor() as i64),
            Value::Str(s) => parse_date(s),
            Value::Nodes(n) => n.first().and_then(Value::as_date),
            _ => None,
        }
    }
}

fn compare(op: BinaryOp, a: &Value, b: &Value) -> bool {
    // A node-set compares true if any member does (XPath 1.0).
    if let Value::Nodes(n) = a {
        return n.iter().any(|x| compare(op, x, b));
    }
    if let Value::Nodes(n) = b {
        return n.iter().any(|y| compare(op, a, y));
    }
    let numeric = |a: &Value, b: &Value| (a.as_number(), b.as_number());
    match op {
        BinaryOp::Eq | BinaryOp::Ne => {
            let eq = match (a, b) {
                (Value::Bool(_), _) | (_, Value::Bool(_)) => a.as_bool() == b.as_bool(),
                (Value::Num(_) | Value::Date(_) | Value::DateTime(_), _)
                | (_, Value::Num(_) | Value::Date(_) | Value::DateTime(_)) => {
                    let (x, y) = numeric(a, b);
                    x == y
                }
                _ => a.as_string() == b.as_string(),
            };
            if op == BinaryOp::Eq { eq } else { !eq }
        }
        _ => {
            let (x, y) = numeric(a, b);
            match op {
                BinaryOp::Lt => x < y,
                BinaryOp::Le => x <= y,
                BinaryOp::Gt => x > y,
                _ => x >= y,
            }
        }
    }
}

fn arity(function: &str, args: &[Expr], min: usize, max: usize, expected: &'static str) -> Result<(), EvalError> {
    if args.len() < min || args.len() > max {
        return Err(EvalError::Arity {
            function: function.to_string(),
            expected,
            got: args.len(),
        });
    }
    Ok(())
}

fn selected_items(s: &str) -> Vec<&str> {
    s.split_whitespace().collect()
}

/// ODK rounds half away from zero.
fn round_to(x: f64, digits: i32) -> f64 {
    let f = 10f64.powi(digits);
    let r = (x * f).abs().round() * x.signum() / f;
    if r == 0.0 { 0.0 } else { r }
}

thread_local! {
    static REGEX_CACHE: RefCell<HashMap<String, regex::Regex>> = RefCell::new(HashMap::new());
}

fn regex_match(s: &str, pattern: &str) -> Result<bool, EvalError> {
    REGEX_CACHE.with_borrow_mut(|cache| {
        if let Some(r) = cache.get(pattern) {
            return Ok(r.is_match(s));
        }
        let r = regex::Regex::new(pattern).map_err(|e| EvalError::Regex {
            pattern: pattern.to_string(),
            reason: e.to_string(),
        })?;
        let m = r.is_match(s);
        if cache.len() > 256 {
            cache.clear();
        }
        cache.insert(pattern.to_string(), r);
        Ok(m)
    })
}

/// `format-date` with the ODK patterns (%Y %y %m %n %b %d %e %a %H %h %M %S %3).
fn format_date(v: &Value, fmt: &str) -> String {
    let (days, secs) = match v {
        Value::DateTime(t) => (t.floor() as i64, ((t - t.floor()) * 86_400.0).round() as i64),
        other => match other.as_date() {
            Some(d) => (d, 0),
            None => return String::new(),
        },
    };
    let (y, m, d) = civil_from_days(days);
    const MONTHS: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    const DAYS: [&str; 7] = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"];
    let mut out = String::new();
    let mut chars = fmt.chars();
    while let Some(c) = chars.next() {
        if c != '%' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('Y') => out.push_str(&format!("{y:04}")),
            Some('y') => out.push_str(&format!("{:02}", y.rem_euclid(100))),
            Some('m') => out.push_str(&format!("{m:02}")),
            Some('n') => out.push_str(&m.to_string()),
            Some('b') => out.push_str(MONTHS[(m as usize).saturating_sub(1) % 12]),
            Some('d') => out.push_str(&format!("{d:02}")),
            Some('e') => out.push_str(&d.to_string()),
            Some('a') => out.push_str(DAYS[days.rem_euclid(7) as usize]),
            Some('H') => out.push_str(&format!("{:02}", secs / 3600)),
            Some('h') => out.push_str(&(secs / 3600).to_string()),
            Some('M') => out.push_str(&format!("{:02}", (secs / 60) % 60)),
            Some('S') => out.push_str(&format!("{:02}", secs % 60)),
            Some('3') => out.push_str("000"),
            Some(other) => {
                out.push('%');
                out.push(other);
            }
            None => out.push('%'),
        }
    }
    out
}

/// Evaluates `e` in `ctx`.
pub fn eval(e: &Expr, ctx: &dyn Context) -> Result<Value, EvalError> {
    Ok(match e {
        Expr::Number { value } => Value::Num(*value),
        Expr::String { value } => Value::Str(value.clone()),
        Expr::Reference { name } => ctx.reference(name),
        Expr::Current => ctx.current(),
        // `..` and paths: resolved by their last step's name, the way forms use them
        // (`../sibling`, `/data/group/question`).
        Expr::Parent => Value::Str(String::new()),
        Expr::Path { path } => match path.rsplit('/').find(|s| !s.is_empty() && *s != "..") {
            Some(name) => ctx.path(name),
            None => Value::Str(String::new()),
        },
        Expr::Unary {
            op: UnaryOp::Neg,
            operand,
        } => Value::Num(-eval(operand, ctx)?.as_number()),
        Expr::Binary { op, left, right } => match op {
            BinaryOp::Or => Value::Bool(eval(left, ctx)?.as_bool() || eval(right, ctx)?.as_bool()),
            BinaryOp::And => Value::Bool(eval(left, ctx)?.as_bool() && eval(right, ctx)?.as_bool()),
            BinaryOp::Eq | BinaryOp::Ne | BinaryOp::Lt | BinaryOp::Le | BinaryOp::Gt | BinaryOp::Ge => {
                Value::Bool(compare(*op, &eval(left, ctx)?, &eval(right, ctx)?))
            }
            BinaryOp::Union => {
                let mut v = eval(left, ctx)?.items();
                v.extend(eval(right, ctx)?.items());
                Value::Nodes(v)
            }
            _ => {
                let (a, b) = (eval(left, ctx)?, eval(right, ctx)?);
                // Date arithmetic stays a date (`today() + 30`), as in ODK.
                let dated = matches!(a, Value::Date(_))
                    && matches!(op, BinaryOp::Add | BinaryOp::Sub)
                    && !matches!(b, Value::Date(_));
                let (x, y) = (a.as_number(), b.as_number());
                let n = match op {
                    BinaryOp::Add => x + y,
                    BinaryOp::Sub => x - y,
                    BinaryOp::Mul => x * y,
                    BinaryOp::Div => x / y,
                    _ => x % y,
                };
                if dated && n.is_finite() {
                    Value::Date(n.floor() as i64)
                } else {
                    Value::Num(n)
                }
            }
        },
        Expr::Call { function, args } => call(function, args, ctx)?,
        Expr::Filter { .. } | Expr::Step { .. } => return Err(EvalError::OtherInstance(e.to_string())),
    })
}

fn call(function: &str, args: &[Expr], ctx: &dyn Context) -> Result<Value, EvalError> {
    let f = function.strip_prefix("jr:").unwrap_or(function);
    let arg = |i: usize| -> Result<Value, EvalError> { eval(&args[i], ctx) };
    let s = |i: usize| -> Result<String, EvalError> { Ok(arg(i)?.as_string()) };
    let n = |i: usize| -> Result<f64, EvalError> { Ok(arg(i)?.as_number()) };
    Ok(match f {
        "true" => {
            arity(f, args, 0, 0, "no")?;
            Value::Bool(true)
        }
        "false" => {
            arity(f, args, 0, 0, "no")?;
            Value::Bool(false)
        }
        "not" => {
            arity(f, args, 1, 1, "1")?;
            Value::Bool(!arg(0)?.as_bool())
        }
        "boolean" => {
            arity(f, args, 1, 1, "1")?;
            Value::Bool(arg(0)?.as_bool())
        }
        "boolean-from-string" => {
            arity(f, args, 1, 1, "1")?;
            Value::Bool(matches!(s(0)?.as_str(), "true" | "1"))
        }
        "string" => {
            arity(f, args, 1, 1, "1")?;
            Value::Str(s(0)?)
        }
        "number" => {
            arity(f, args, 1, 1, "1")?;
            Value::Num(n(0)?)
        }
        "int" => {
            arity(f, args, 1, 1, "1")?;
            Value::Num(n(0)?.trunc())
        }
        "round" => {
            arity(f, args, 1, 2, "1 or 2")?;
            let digits = if args.len() == 2 { n(1)? } else { 0.0 };
            Value::Num(round_to(n(0)?, if digits.is_finite() { digits as i32 } else { 0 }))
        }
        "floor" => {
            arity(f, args, 1, 1, "1")?;
            Value::Num(n(0)?.floor())
        }
        "ceiling" => {
            arity(f, args, 1, 1, "1")?;
            Value::Num(n(0)?.ceil())
        }
        "abs" => {
            arity(f, args, 1, 1, "1")?;
            Value::Num(n(0)?.abs())
        }
        "pow" => {
            arity(f, args, 2, 2, "2")?;
            Value::Num(n(0)?.powf(n(1)?))
        }
        "sqrt" => {
            arity(f, args, 1, 1, "1")?;
            Value::Num(n(0)?.sqrt())
        }
        "concat" => {
            let mut out = String::new();
            for i in 0..args.len() {
                for v in arg(i)?.items() {
                    out.push_str(&v.as_string());
                }
            }
            Value::Str(out)
        }
        "join" => {
            arity(f, args, 1, usize::MAX, "at least 1")?;
            let sep = s(0)?;
            let mut parts = vec![];
            for i in 1..args.len() {
                parts.extend(arg(i)?.items().iter().map(Value::as_string));
            }
            Value::Str(parts.join(&sep))
        }
        "contains" => {
            arity(f, args, 2, 2, "2")?;
            Value::Bool(s(0)?.contains(&s(1)?))
        }
        "starts-with" => {
            arity(f, args, 2, 2, "2")?;
            Value::Bool(s(0)?.starts_with(&s(1)?))
        }
        "ends-with" => {
            arity(f, args, 2, 2, "2")?;
            Value::Bool(s(0)?.ends_with(&s(1)?))
        }
        "substring-before" | "substring-after" => {
            arity(f, args, 2, 2, "2")?;
            let (a, b) = (s(0)?, s(1)?);
            Value::Str(match a.find(&b) {
                Some(i) if f == "substring-before" => a[..i].to_string(),
                Some(i) => a[i + b.len()..].to_string(),
                None => String::new(),
            })
        }
        "substr" => {
            // ODK: 0-based start, optional end (exclusive), in characters.
            arity(f, args, 2, 3, "2 or 3")?;
            let chars: Vec<char> = s(0)?.chars().collect();
            let len = chars.len() as f64;
            let clamp = |x: f64| if x.is_nan() { 0.0 } else { x.clamp(0.0, len) } as usize;
            let start = clamp(n(1)?);
            let end = if args.len() == 3 { clamp(n(2)?) } else { chars.len() };
            Value::Str(if start < end {
                chars[start..end].iter().collect()
            } else {
                String::new()
            })
        }
        "string-length" => {
            arity(f, args, 0, 1, "0 or 1")?;
            let v = if args.is_empty() {
                ctx.current().as_string()
            } else {
                s(0)?
            };
            Value::Num(v.chars().count() as f64)
        }
        "normalize-space" => {
            arity(f, args, 0, 1, "0 or 1")?;
            let v = if args.is_empty() {
                ctx.current().as_string()
            } else {
                s(0)?
            };
            Value::Str(v.split_whitespace().collect::<Vec<_>>().join(" "))
        }
        "translate" => {
            arity(f, args, 3, 3, "3")?;
            let (from, to): (Vec<char>, Vec<char>) = (s(1)?.chars().collect(), s(2)?.chars().collect());
            Value::Str(
                s(0)?
                    .chars()
                    .filter_map(|c| match from.iter().position(|x| *x == c) {
                        Some(i) => to.get(i).copied(),
                        None => Some(c),
                    })
                    .collect(),
            )
        }
        "regex" => {
            arity(f, args, 2, 2, "2")?;
            Value::Bool(regex_match(&s(0)?, &s(1)?)?)
        }
        "selected" => {
            arity(f, args, 2, 2, "2")?;
            let (list, v) = (s(0)?, s(1)?);
            Value::Bool(selected_items(&list).contains(&v.trim()))
        }
        "count-selected" => {
            arity(f, args, 1, 1, "1")?;
            Value::Num(selected_items(&s(0)?).len() as f64)
        }
        "selected-at" => {
            arity(f, args, 2, 2, "2")?;
            let list = s(0)?;
            let i = n(1)?;
            let items = selected_items(&list);
            Value::Str(if i.is_finite() && i >= 0.0 {
                items.get(i as usize).map(|x| x.to_string()).unwrap_or_default()
            } else {
                String::new()
            })
        }
        "choice-name" => {
            arity(f, args, 2, 2, "2")?;
            let value = s(0)?;
            let q = s(1)?;
            let q = q
                .trim()
                .trim_start_matches("${")
                .trim_end_matches('}')
                .rsplit('/')
                .next()
                .unwrap_or("")
                .to_string();
            Value::Str(ctx.choice_label(&q, &value).unwrap_or_default())
        }
        "if" => {
            arity(f, args, 3, 3, "3")?;
            if arg(0)?.as_bool() { arg(1)? } else { arg(2)? }
        }
        "coalesce" => {
            arity(f, args, 2, 2, "2")?;
            let a = arg(0)?;
            if a.as_string().is_empty() { arg(1)? } else { a }
        }
        "once" => {
            arity(f, args, 1, 1, "1")?;
            let cur = ctx.current();
            if cur.as_string().is_empty() { arg(0)? } else { cur }
        }
        "count" => {
            arity(f, args, 1, 1, "1")?;
            Value::Num(match arg(0)? {
                Value::Nodes(n) => n.len() as f64,
                _ => 1.0,
            })
        }
        "count-non-empty" => {
            arity(f, args, 1, 1, "1")?;
            Value::Num(arg(0)?.items().iter().filter(|v| !v.as_string().is_empty()).count() as f64)
        }
        "sum" => {
            arity(f, args, 1, 1, "1")?;
            Value::Num(arg(0)?.items().iter().map(Value::as_number).sum())
        }
        "min" | "max" => {
            let mut all = vec![];
            for i in 0..args.len() {
                all.extend(arg(i)?.items().iter().map(Value::as_number));
            }
            if all.is_empty() || all.iter().any(|x| x.is_nan()) {
                Value::Num(f64::NAN)
            } else if f == "min" {
                Value::Num(all.into_iter().fold(f64::INFINITY, f64::min))
            } else {
                Value::Num(all.into_iter().fold(f64::NEG_INFINITY, f64::max))
            }
        }
        "position" => {
            arity(f, args, 0, 1, "0 or 1")?;
            Value::Num(ctx.position().map_or(f64::NAN, |p| p as f64))
        }
        "today" => {
            arity(f, args, 0, 0, "no")?;
            Value::Date(ctx.today())
        }
        "now" => {
            arity(f, args, 0, 0, "no")?;
            Value::DateTime(ctx.now() / 86_400.0)
        }
        "date" | "date-time" | "decimal-date-time" | "decimal-date" => {
            arity(f, args, 1, 1, "1")?;
            let v = arg(0)?;
            match f {
                "date" => v.as_date().map_or(Value::Str(String::new()), Value::Date),
                "date-time" => match v {
                    Value::Num(x) if x.is_finite() => Value::DateTime(x),
                    other => other
                        .as_date()
                        .map_or(Value::Str(String::new()), |d| Value::DateTime(d as f64)),
                },
                _ => Value::Num(v.as_number()),
            }
        }
        "format-date" | "format-date-time" => {
            arity(f, args, 2, 2, "2")?;
            Value::Str(format_date(&arg(0)?, &s(1)?))
        }
        "uuid" => {
            arity(f, args, 0, 1, "0 or 1")?;
            Value::Str(ctx.uuid())
        }
        _ => return Err(EvalError::UnknownFunction(function.to_string())),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::expr::parse;

    struct Ctx {
        values: HashMap<&'static str, Value>,
        current: Value,
    }

    impl Context for Ctx {
        fn reference(&self, name: &str) -> Value {
            self.values.get(name).cloned().unwrap_or(Value::Str(String::new()))
        }
        fn current(&self) -> Value {
            self.current.clone()
        }
        fn position(&self) -> Option<usize> {
            Some(3)
        }
        fn today(&self) -> i64 {
            days_from_civil(2026, 11, 28)
        }
        fn now(&self) -> f64 {
            days_from_civil(2026, 11, 28) as f64 * 86_400.0 + 3_600.0 * 9.5
        }
        fn uuid(&self) -> String {
            "uuid:fixed".into()
        }
        fn choice_label(&self, q: &str, v: &str) -> Option<String> {
            (q == "stage" && v == "pre").then(|| "Pre-arrival".into())
        }
    }

    fn ctx() -> Ctx {
        let mut values = HashMap::new();
        values.insert("age", Value::Num(34.0));
        values.insert("empty", Value::Str(String::new()));
        values.insert("name", Value::Str("Ana Marić".into()));
        values.insert("langs", Value::Str("sq sr en".into()));
        values.insert("dob", Value::Date(days_from_civil(1990, 3, 7)));
        values.insert(
            "amounts",
            Value::Nodes(vec![Value::Num(2.0), Value::Str(String::new()), Value::Num(5.5)]),
        );
        values.insert("none", Value::Nodes(vec![]));
        values.insert("stage", Value::Str("pre".into()));
        values.insert("zero_text", Value::Str("0".into()));
        Ctx {
            values,
            current: Value::Str("17".into()),
        }
    }

    /// (expression, expected value as a string).
    const TABLE: &[(&str, &str)] = &[
        // Arithmetic and empty values.
        ("1 + 2 * 3", "7"),
        ("7 div 2", "3.5"),
        ("7 mod 3", "1"),
        ("-${age} + 4", "-30"),
        ("${empty} + 1", "NaN"),
        ("${age} div 0", "Infinity"),
        ("number('')", "NaN"),
        ("number(' 12 ')", "12"),
        ("number('1e3')", "NaN"),
        ("int(-3.7)", "-3"),
        ("round(2.5)", "3"),
        ("round(-2.5)", "-3"),
        ("round(3.14159, 2)", "3.14"),
        ("floor(-1.5)", "-2"),
        ("ceiling(1.2)", "2"),
        ("pow(2, 10)", "1024"),
        ("abs(-4)", "4"),
        // Comparison and coercion.
        ("${age} > 18", "true"),
        ("${age} = '34'", "true"),
        ("${age} = '34.0'", "true"),
        ("'34.0' = '34'", "false"),
        ("${empty} = ''", "true"),
        ("${empty} != ''", "false"),
        ("${empty} > 0", "false"),
        ("${empty} < 0", "false"),
        ("${zero_text} = 0", "true"),
        ("boolean(${zero_text})", "true"),
        ("boolean(0)", "false"),
        ("boolean(${empty})", "false"),
        ("true() = 'false'", "true"),
        ("not(${empty})", "true"),
        (". >= 0 and . <= 120", "true"),
        ("${age} > 18 and ${empty} or 1 = 1", "true"),
        // Strings.
        ("concat(${name}, ' (', ${age}, ')')", "Ana Marić (34)"),
        ("string-length(${name})", "9"),
        ("string-length()", "2"),
        ("substr(${name}, 4)", "Marić"),
        ("substr(${name}, 0, 3)", "Ana"),
        ("substr(${name}, 7, 100)", "ić"),
        ("substr(${name}, 5, 2)", ""),
        ("contains(${name}, 'Mar')", "true"),
        ("starts-with(${name}, 'An')", "true"),
        ("ends-with(${name}, 'x')", "false"),
        ("substring-before('a-b-c', '-')", "a"),
        ("substring-after('a-b-c', '-')", "b-c"),
        ("normalize-space('  a   b ')", "a b"),
        ("translate('abc', 'ab', 'A')", "Ac"),
        ("regex('N1234567', '^[A-Z][0-9]{7}$')", "true"),
        ("regex('n1234567', '^[A-Z][0-9]{7}$')", "false"),
        ("string(1.50)", "1.5"),
        ("string(1 = 1)", "true"),
        // Selects.
        ("selected(${langs}, 'sr')", "true"),
        ("selected(${langs}, 's')", "false"),
        ("count-selected(${langs})", "3"),
        ("count-selected(${empty})", "0"),
        ("selected-at(${langs}, 1)", "sr"),
        ("selected-at(${langs}, 9)", ""),
        ("jr:choice-name(${stage}, '${stage}')", "Pre-arrival"),
        // Control.
        ("if(${age} > 30, 'senior', 'junior')", "senior"),
        ("coalesce(${empty}, 'n/a')", "n/a"),
        ("coalesce(${name}, 'n/a')", "Ana Marić"),
        ("once(5)", "17"),
        // Node-sets from repeats.
        ("count(${amounts})", "3"),
        ("count(${none})", "0"),
        ("count-non-empty(${amounts})", "2"),
        ("sum(${amounts})", "NaN"),
        ("sum(${none})", "0"),
        ("max(${age}, 40, 12)", "40"),
        ("min(1, 2)", "1"),
        ("${amounts} = 5.5", "true"),
        ("${amounts} > 6", "false"),
        ("join(', ', ${amounts})", "2, , 5.5"),
        ("concat(${amounts})", "25.5"),
        ("position(..)", "3"),
        // Dates.
        ("today()", "2026-11-28"),
        ("format-date(today(), '%e %b %Y (%a)')", "28 Nov 2026 (Sat)"),
        ("format-date(${dob}, '%d/%m/%y')", "07/03/90"),
        ("today() + 3", "2026-12-01"),
        ("${dob} < today()", "true"),
        ("${dob} = '1990-03-07'", "true"),
        ("'2026-12-01' > today()", "true"),
        ("int((today() - ${dob}) div 365.25)", "36"),
        ("date('2024-02-29')", "2024-02-29"),
        ("date('2023-02-29')", ""),
        ("decimal-date-time('1970-01-02')", "1"),
        ("format-date-time(now(), '%H:%M')", "09:30"),
        ("now()", "2026-11-28T09:30:00.000Z"),
        ("uuid()", "uuid:fixed"),
    ];

    #[test]
    fn the_expression_table() {
        let c = ctx();
        let mut failures = vec![];
        for (src, want) in TABLE {
            let got = parse(src)
                .map_err(|e| e.to_string())
                .and_then(|e| eval(&e, &c).map_err(|e| e.to_string()));
            match got {
                Ok(v) if v.as_string() == *want => {}
                other => failures.push(format!("{src}: want {want}, got {other:?}")),
            }
        }
        assert!(failures.is_empty(), "{}", failures.join("\n"));
    }

    #[test]
    fn errors_name_the_function() {
        let c = ctx();
        let err = |src: &str| eval(&parse(src).unwrap(), &c).unwrap_err().to_string();
        assert_eq!(err("frobnicate(1)"), "unknown function frobnicate()");
        assert_eq!(err("if(1, 2)"), "if() takes 3 argument(s), 2 given");
        assert!(err("regex('a', '(')").starts_with("regex(): `(` is not a valid pattern"));
    }

    #[test]
    fn dates_round_trip() {
        for d in [-800_000i64, -1, 0, 59, 10_000, 20_000, 2_000_000] {
            let (y, m, dd) = civil_from_days(d);
            assert_eq!(days_from_civil(y, m, dd), d);
        }
        assert_eq!(parse_date("2024-04-31"), None);
        assert_eq!(parse_date("2024-4-3"), None);
    }

    proptest::proptest! {
        #[test]
        fn evaluation_never_panics(src in "[-+*=<>()., 0-9a-z${}'!]{0,30}") {
            if let Ok(e) = parse(&src) {
                let _ = eval(&e, &ctx());
            }
        }

        #[test]
        fn numbers_print_and_read_back(x in -1e9f64..1e9) {
            let s = number_to_string(x);
            proptest::prop_assert_eq!(Value::Str(s).as_number(), x);
        }
    }
}
