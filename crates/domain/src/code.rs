//! Vocabularies the code branches on — states, outcomes, decisions — as enums with stable text
//! codes. The code is what storage keeps, files carry and the API speaks; the enum is what code
//! compares, so that a typo no longer compiles. `codes!` declares one: `as_str`/`Display` give the
//! code, `FromStr` and serde read it back and refuse any other with the list of known codes.

/// A text that is not a code of the vocabulary it was read as.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown {vocabulary} `{code}`; expected one of: {}", expected.join(", "))]
pub struct UnknownCode {
    pub vocabulary: &'static str,
    pub code: String,
    pub expected: &'static [&'static str],
}

/// Declares an enum of stable text codes: `codes! { pub enum State ("state") { Open = "open" } }`.
macro_rules! codes {
    (
        $(#[$meta:meta])*
        $vis:vis enum $name:ident ($what:literal) {
            $( $(#[$vmeta:meta])* $variant:ident = $code:literal ),+ $(,)?
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        $vis enum $name {
            $( $(#[$vmeta])* $variant ),+
        }

        impl $name {
            /// Every value, in declaration order.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];
            /// Every code, in declaration order.
            pub const CODES: &'static [&'static str] = &[$($code),+];

            /// The stable code, as stored and sent.
            pub const fn as_str(self) -> &'static str {
                match self {
                    $($name::$variant => $code),+
                }
            }
        }

        impl ::std::fmt::Display for $name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl ::std::str::FromStr for $name {
            type Err = $crate::code::UnknownCode;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                match s {
                    $($code => Ok($name::$variant),)+
                    _ => Err($crate::code::UnknownCode {
                        vocabulary: $what,
                        code: s.to_string(),
                        expected: $name::CODES,
                    }),
                }
            }
        }

        /// Storage reads a code back as the enum (`#[sqlx(try_from = "String")]`).
        impl ::std::convert::TryFrom<String> for $name {
            type Error = $crate::code::UnknownCode;
            fn try_from(s: String) -> Result<Self, Self::Error> {
                s.parse()
            }
        }

        impl ::serde::Serialize for $name {
            fn serialize<S: ::serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.as_str())
            }
        }

        impl<'de> ::serde::Deserialize<'de> for $name {
            fn deserialize<D: ::serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let s = <::std::borrow::Cow<'de, str> as ::serde::Deserialize>::deserialize(d)?;
                s.parse().map_err(::serde::de::Error::custom)
            }
        }
    };
}

pub(crate) use codes;

#[cfg(test)]
mod tests {
    codes! {
        enum Light ("light") { Red = "red", AmberRed = "amber_red" }
    }

    #[test]
    fn codes_round_trip_and_others_are_refused_with_the_known_ones() {
        for l in Light::ALL {
            assert_eq!(l.as_str().parse::<Light>(), Ok(*l));
            assert_eq!(serde_json::to_value(l).unwrap(), serde_json::json!(l.as_str()));
            assert_eq!(
                serde_json::from_value::<Light>(serde_json::json!(l.as_str())).unwrap(),
                *l
            );
        }
        assert_eq!(Light::AmberRed.to_string(), "amber_red");
        let e = "Red".parse::<Light>().unwrap_err();
        assert_eq!(e.to_string(), "unknown light `Red`; expected one of: red, amber_red");
        assert!(serde_json::from_value::<Light>(serde_json::json!("blue")).is_err());
    }
}
