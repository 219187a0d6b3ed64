//! What a register held that could not be read as its field's kind of value: a date like
//! `1945-04-93`, a sex code nobody defined, a passport number with stray characters, a record
//! without an id. Real registers hold such values in every column; a run compares them as
//! missing (or by what can still be read of them) and says, per column, how many there were and
//! where the first ones are — unless the caller asked to be strict, when the first one stops the
//! run at its line and column.
//!
//! Tallies are kept per thread (a stretch of rows) and merged, so counting costs nothing where the
//! values are clean and takes no lock where they are not.

use serde::{Deserialize, Serialize};

/// How many examples of each column's unreadable values are kept: the first ones in the file.
pub const EXAMPLES: usize = 5;

/// One unreadable value, where it is and how it was compared.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Example {
    pub line: u64,
    pub value: String,
    /// What is wrong with it, in words ("is not a date in any of the formats …").
    pub why: String,
    /// What the run did with it ("compared by its year 1945").
    pub read_as: String,
}

/// One input column's unreadable values.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ColumnTally {
    pub column: String,
    pub count: u64,
    /// The first [`EXAMPLES`] by line.
    pub examples: Vec<Example>,
}

/// The unreadable values of a register, per input column, in the order columns were first met.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Unreadable {
    pub columns: Vec<ColumnTally>,
}

impl Unreadable {
    /// Counts one unreadable value.
    pub fn note(&mut self, column: &str, line: u64, value: &str, (why, read_as): (String, String)) {
        let tally = match self.columns.iter().position(|c| c.column == column) {
            Some(k) => &mut self.columns[k],
            None => {
                self.columns.push(ColumnTally {
                    column: column.to_string(),
                    count: 0,
                    examples: vec![],
                });
                let last = self.columns.len() - 1;
                &mut self.columns[last]
            }
        };
        tally.count += 1;
        if tally.examples.len() < EXAMPLES || tally.examples.last().is_some_and(|e| e.line > line) {
            // A value longer than any real cell is cut: the example is for a person to find it.
            let value: String = value.chars().take(80).collect();
            tally.examples.push(Example {
                line,
                value,
                why,
                read_as,
            });
            tally.examples.sort_by_key(|e| e.line);
            tally.examples.truncate(EXAMPLES);
        }
    }

    /// Adds another stretch's tally: counts add up, the first examples of both are kept.
    pub fn merge(&mut self, other: Unreadable) {
        for c in other.columns {
            match self.columns.iter_mut().find(|m| m.column == c.column) {
                Some(mine) => {
                    mine.count += c.count;
                    mine.examples.extend(c.examples);
                    mine.examples.sort_by_key(|e| e.line);
                    mine.examples.truncate(EXAMPLES);
                }
                None => self.columns.push(c),
            }
        }
    }

    /// Orders the columns as the given list (the configuration's columns), others last.
    pub fn order_by(&mut self, columns: &[&str]) {
        self.columns
            .sort_by_key(|c| columns.iter().position(|k| *k == c.column).unwrap_or(usize::MAX));
    }

    pub fn is_empty(&self) -> bool {
        self.columns.is_empty()
    }

    /// All unreadable values.
    pub fn total(&self) -> u64 {
        self.columns.iter().map(|c| c.count).sum()
    }

    /// The report a person reads at the end of a run: a line per column with its count, then its
    /// first examples by line.
    pub fn lines(&self) -> Vec<String> {
        let mut out = vec![];
        for c in &self.columns {
            let s = if c.count == 1 { "" } else { "s" };
            out.push(format!("column `{}`: {} unreadable value{s}", c.column, c.count));
            for e in &c.examples {
                out.push(format!("  line {}: `{}` — {}; {}", e.line, e.value, e.why, e.read_as));
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_first_examples_by_line_are_kept_whatever_order_stretches_merge_in() {
        let mut a = Unreadable::default();
        let mut b = Unreadable::default();
        for line in (100..120).rev() {
            a.note(
                "date_of_birth",
                line,
                "1990-13-01",
                ("not a date".into(), "missing".into()),
            );
        }
        for line in [7, 300, 3] {
            b.note("date_of_birth", line, "x", ("not a date".into(), "missing".into()));
        }
        b.note("sex", 9, "Q", ("unknown code".into(), "missing".into()));
        let mut left = b.clone();
        left.merge(a.clone());
        a.merge(b);
        for u in [&a, &left] {
            let dob = u.columns.iter().find(|c| c.column == "date_of_birth").unwrap();
            assert_eq!(dob.count, 23);
            let lines: Vec<u64> = dob.examples.iter().map(|e| e.line).collect();
            assert_eq!(lines, [3, 7, 100, 101, 102]);
        }
        a.order_by(&["record_id", "sex", "date_of_birth"]);
        assert_eq!(a.columns[0].column, "sex");
        assert_eq!(a.total(), 24);
        assert_eq!(a.lines()[0], "column `sex`: 1 unreadable value");
        assert_eq!(a.lines()[1], "  line 9: `Q` — unknown code; missing");
    }
}
