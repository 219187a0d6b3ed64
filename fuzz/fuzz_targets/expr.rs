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
            // Printing brackets every operation, so a long flat chain prints deeper than the parser
            // reads; any printed form the parser accepts reads back to the same tree.
            match parse(&printed) {
                Ok(again) => assert_eq!(again, e, "{src:?} printed as {printed:?}"),
                Err(err) => assert!(
                    err.message.contains("nest more than") || err.message.contains("at most"),
                    "{src:?} printed as {printed:?}, which does not read back: {err}"
                ),
            }
            let _ = eval(&e, &Ctx);
        }
        Err(err) => assert!(err.offset <= src.len(), "{src:?}: {err}"),
    }
});
