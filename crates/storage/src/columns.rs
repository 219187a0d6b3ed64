//! How the store reads the columns whose Rust type the database does not have on both
//! backends: JSON (kept as text, parsed here) and flags (0/1 integers, read as `bool`).
//!
//! A `FromRow` field names one of these with `#[sqlx(try_from = "…")]`.

use serde_json::Value;
use sqlx::any::{AnyTypeInfo, AnyValueRef};
use sqlx::error::BoxDynError;
use sqlx::{Any, Decode, Type};

/// A JSON column, read as its text.
pub(crate) struct JsonText(String);

/// A JSON column that may be NULL.
pub(crate) struct MaybeJson(Option<String>);

/// A 0/1 integer column read as a flag.
pub(crate) struct Flag(i64);

/// `Type` and `Decode` of a column wrapper: those of the type it holds as read.
macro_rules! read_as {
    ($wrapper:ident, $inner:ty) => {
        impl Type<Any> for $wrapper {
            fn type_info() -> AnyTypeInfo {
                <$inner as Type<Any>>::type_info()
            }
            fn compatible(ty: &AnyTypeInfo) -> bool {
                <$inner as Type<Any>>::compatible(ty)
            }
        }

        impl<'r> Decode<'r, Any> for $wrapper {
            fn decode(value: AnyValueRef<'r>) -> Result<Self, BoxDynError> {
                Ok($wrapper(<$inner as Decode<Any>>::decode(value)?))
            }
        }
    };
}

read_as!(JsonText, String);
read_as!(MaybeJson, Option<String>);
read_as!(Flag, i64);

impl TryFrom<JsonText> for Value {
    type Error = serde_json::Error;
    fn try_from(j: JsonText) -> Result<Value, serde_json::Error> {
        serde_json::from_str(&j.0)
    }
}

impl TryFrom<JsonText> for Vec<String> {
    type Error = serde_json::Error;
    fn try_from(j: JsonText) -> Result<Vec<String>, serde_json::Error> {
        serde_json::from_str(&j.0)
    }
}

impl TryFrom<MaybeJson> for Option<Value> {
    type Error = serde_json::Error;
    fn try_from(j: MaybeJson) -> Result<Option<Value>, serde_json::Error> {
        j.0.as_deref().map(serde_json::from_str).transpose()
    }
}

impl From<Flag> for bool {
    fn from(f: Flag) -> bool {
        f.0 != 0
    }
}
