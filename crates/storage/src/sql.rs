//! Statements assembled piece by piece, and the few pieces of SQL the two backends spell
//! differently.
//!
//! Placeholders are numbered (`$1`, `$2`, …), which SQLite and PostgreSQL both read; a statement
//! built here numbers them as its arguments are bound, so a filter added in the middle cannot
//! shift the ones after it. Everything else in the store is written once in the SQL both share.

use std::fmt::Write as _;

use sqlx::any::AnyArguments;
use sqlx::{Any, Arguments, Encode, Type};

use crate::{Backend, Result, StorageError};

/// A statement and its arguments, as they are pushed.
pub(crate) struct Sql {
    text: String,
    args: AnyArguments<'static>,
    bound: usize,
}

impl Sql {
    pub fn new(text: impl Into<String>) -> Sql {
        Sql {
            text: text.into(),
            args: AnyArguments::default(),
            bound: 0,
        }
    }

    pub fn push(&mut self, text: &str) -> &mut Sql {
        self.text.push_str(text);
        self
    }

    /// Binds `value` and writes its placeholder where the statement has got to.
    pub fn bind<T>(&mut self, value: T) -> Result<&mut Sql>
    where
        T: 'static + Encode<'static, Any> + Type<Any> + Send,
    {
        self.bound += 1;
        let _ = write!(self.text, "${}", self.bound);
        self.args
            .add(value)
            .map_err(|e| StorageError::Database(sqlx::Error::Encode(e)))?;
        Ok(self)
    }

    /// Rows of values for a multi-row `INSERT … VALUES`: `(…), (…)`, a placeholder for each
    /// value, the values bound by `row` for each item.
    pub fn values<I>(&mut self, items: &[I], mut row: impl FnMut(&mut Row<'_>, &I) -> Result<()>) -> Result<&mut Sql> {
        self.text.push_str(" VALUES ");
        for (i, item) in items.iter().enumerate() {
            self.text.push_str(if i == 0 { "(" } else { ", (" });
            let mut r = Row { sql: self, first: true };
            row(&mut r, item)?;
            self.text.push(')');
        }
        Ok(self)
    }

    /// Binds `value` to the next placeholder number without writing it: for a piece of text
    /// that already names it (`${bound() + 1}`), perhaps more than once.
    pub fn skip_bind<T>(&mut self, value: T) -> Result<&mut Sql>
    where
        T: 'static + Encode<'static, Any> + Type<Any> + Send,
    {
        self.bound += 1;
        self.args
            .add(value)
            .map_err(|e| StorageError::Database(sqlx::Error::Encode(e)))?;
        Ok(self)
    }

    /// How many arguments are bound so far.
    pub fn bound(&self) -> usize {
        self.bound
    }

    #[cfg(test)]
    pub fn text(&self) -> &str {
        &self.text
    }

    pub fn into_parts(self) -> (String, AnyArguments<'static>) {
        (self.text, self.args)
    }
}

/// One row of a multi-row `VALUES`.
pub(crate) struct Row<'a> {
    sql: &'a mut Sql,
    first: bool,
}

impl Row<'_> {
    pub fn bind<T>(&mut self, value: T) -> Result<&mut Self>
    where
        T: 'static + Encode<'static, Any> + Type<Any> + Send,
    {
        if !self.first {
            self.sql.text.push_str(", ");
        }
        self.first = false;
        self.sql.bind(value)?;
        Ok(self)
    }
}

impl Backend {
    /// The text of a top-level field `key` of the JSON text in `column` (NULL when it is
    /// missing); `key` is a placeholder or a quoted literal naming the field.
    pub(crate) fn json_field(self, column: &str, key: &str) -> String {
        match self {
            Backend::Sqlite => format!("json_extract({column}, '$.' || {key})"),
            Backend::Postgres => format!("({column}::jsonb ->> {key})"),
        }
    }

    /// The elements of the JSON array in field `key` of `column`, as a table `alias` with one
    /// column, `value`, the text of each element (a string's own text, unquoted).
    pub(crate) fn json_elements(self, column: &str, key: Option<&str>, alias: &str) -> String {
        match (self, key) {
            (Backend::Sqlite, Some(key)) => format!("json_each({column}, '$.' || {key}) {alias}"),
            (Backend::Sqlite, None) => format!("json_each({column}) {alias}"),
            (Backend::Postgres, Some(key)) => format!(
                "jsonb_array_elements_text(CASE jsonb_typeof({column}::jsonb -> {key}) WHEN 'array' THEN {column}::jsonb -> {key} ELSE '[]' END) AS {alias}(value)"
            ),
            (Backend::Postgres, None) => format!(
                "jsonb_array_elements_text(CASE jsonb_typeof({column}::jsonb) WHEN 'array' THEN {column}::jsonb ELSE '[]' END) AS {alias}(value)"
            ),
        }
    }

    /// Whether field `key` of the JSON in `column` is an array.
    pub(crate) fn json_is_array(self, column: &str, key: &str) -> String {
        match self {
            Backend::Sqlite => format!("json_type({column}, '$.' || {key}) = 'array'"),
            Backend::Postgres => format!("jsonb_typeof({column}::jsonb -> {key}) = 'array'"),
        }
    }

    /// The days from one RFC 3339 time to another, as a fraction.
    pub(crate) fn days_between(self, from: &str, to: &str) -> String {
        match self {
            Backend::Sqlite => format!("(julianday({to}) - julianday({from}))"),
            Backend::Postgres => {
                format!("(EXTRACT(EPOCH FROM ({to}::timestamptz - {from}::timestamptz)) / 86400.0)::double precision")
            }
        }
    }

    /// Whether `needle` occurs in `haystack`.
    pub(crate) fn contains(self, haystack: &str, needle: &str) -> String {
        match self {
            Backend::Sqlite => format!("instr({haystack}, {needle}) > 0"),
            Backend::Postgres => format!("strpos({haystack}, {needle}) > 0"),
        }
    }

    /// The column that orders rows as they were stored: SQLite's rowid, PostgreSQL's identity
    /// column in the tables that need one.
    pub(crate) fn stored_order(self) -> &'static str {
        match self {
            Backend::Sqlite => "rowid",
            Backend::Postgres => "seq",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_number_in_the_order_values_are_bound() {
        let mut q = Sql::new("SELECT 1 WHERE a = ");
        q.bind("x").unwrap();
        q.push(" AND b IN ");
        q.values(&[1_i64, 2], |r, v| {
            r.bind(*v)?.bind("y")?;
            Ok(())
        })
        .unwrap();
        assert_eq!(q.text(), "SELECT 1 WHERE a = $1 AND b IN  VALUES ($2, $3), ($4, $5)");
    }
}
