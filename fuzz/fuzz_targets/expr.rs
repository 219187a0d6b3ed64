//! Fuzzes the expression parser and evaluator: any text either parses or gets a syntax error with
//! an offset inside the text; a parsed expression prints to text that parses to the same tree, and
//! evaluates without panicking.

#![no_main]

use libfuzzer_sys::fuzz_target;
use pathways_xlsform::eval::{Context, Value, eval};
use pathways_xlsform::expr::parse;

struct Ctx;

impl Context for Ctx {
    fn reference(&self, name: &str) -> Value {
        match name.len() % 4 {
            0 => Value::Str(String::new()),
            1 => Value::Num(name.len() as f64),
            2 => Value::Nodes(vec![Value::Str("a b".into()), Value::Num(2.5)]),
            _ => Value::Date(19_000),
        }
    }
    fn current(&self) -> Value {
        Value::Str("12".into())
    }
    fn position(&self) -> Option<usize> {
        Some(1)
    }
    fn today(&self) -> i64 {
        20_000
    }
    fn now(&self) -> f64 {
        1.7e9
    }
    fn uuid(&self) -> String {
        "uuid:x".into()
    }
}

fuzz_target!(|data: &[u8]| {
    let Ok(src) = std::str::from_utf8(data) else { return };
    match parse(src) {
        Ok(e) => {
            let printed = e.to_string();
            assert_eq!(parse(&printed).ok(), Some(e.clone()), "{src:?} printed as {printed:?}");
            let _ = eval(&e, &Ctx);
        }
        Err(err) => assert!(err.offset <= src.len(), "{src:?}: {err}"),
    }
});
