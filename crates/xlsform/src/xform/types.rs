//! What each question type becomes in an XForm: its bind type, its body control (if any), the
//! media an upload takes, and the value a metadata question is preloaded with — pyxform's
//! question type table for the types Pathways reads.

use crate::model::Kind;

/// How a type is written in the XForm.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Spec {
    pub bind_type: Option<&'static str>,
    /// The body element; `None` for calculations and metadata.
    pub control: Option<&'static str>,
    pub mediatype: Option<&'static str>,
    /// `jr:preload` and `jr:preloadParams`.
    pub preload: Option<(&'static str, &'static str)>,
    pub readonly: bool,
    /// The constraint and hint a legacy type brings with it (`percentage`, `phone number`).
    pub constraint: Option<&'static str>,
    pub hint: Option<&'static str>,
}

const fn spec(bind_type: &'static str, control: Option<&'static str>) -> Spec {
    Spec {
        bind_type: Some(bind_type),
        control,
        mediatype: None,
        preload: None,
        readonly: false,
        constraint: None,
        hint: None,
    }
}

const fn constrained(bind_type: &'static str, constraint: &'static str, hint: Option<&'static str>) -> Spec {
    Spec {
        constraint: Some(constraint),
        hint,
        ..spec(bind_type, Some("input"))
    }
}

const fn upload(media: &'static str) -> Spec {
    Spec {
        mediatype: Some(media),
        ..spec("binary", Some("upload"))
    }
}

const fn preload(bind_type: &'static str, how: &'static str, param: &'static str) -> Spec {
    Spec {
        preload: Some((how, param)),
        ..spec(bind_type, None)
    }
}

/// The spec of a question's kind.
pub(crate) fn of(kind: &Kind) -> Spec {
    match kind {
        Kind::Text => spec("string", Some("input")),
        Kind::Integer => spec("int", Some("input")),
        Kind::Decimal => spec("decimal", Some("input")),
        Kind::Range => spec("int", Some("range")),
        Kind::SelectOne { .. } => spec("string", Some("select1")),
        Kind::SelectMultiple { .. } => spec("string", Some("select")),
        Kind::Date => spec("date", Some("input")),
        Kind::Time => spec("time", Some("input")),
        Kind::DateTime => spec("dateTime", Some("input")),
        Kind::Note => Spec {
            readonly: true,
            ..spec("string", Some("input"))
        },
        Kind::Calculate | Kind::Hidden => spec("string", None),
        Kind::Acknowledge => spec("string", Some("trigger")),
        Kind::NotRenderable { written, .. } => {
            match written.as_str() {
                "percentage" => return constrained("int", "0 <= . and . <= 100", None),
                "phone number" => return constrained("string", "regex(., '^\\d*$')", Some("Enter numbers only.")),
                "number of days in last month" => {
                    return constrained("int", "0 <= . and . <= 31", Some("Enter a number 0-31."));
                }
                "number of days in last six months" => {
                    return constrained("int", "0 <= . and . <= 183", Some("Enter a number 0-183."));
                }
                "number of days in last year" => {
                    return constrained("int", "0 <= . and . <= 365", Some("Enter a number 0-365."));
                }
                "trigger" => {
                    return Spec {
                        bind_type: None,
                        ..spec("string", Some("trigger"))
                    };
                }
                _ => {}
            }
            let first = written.split_whitespace().next().unwrap_or("");
            if let Some(param) = crate::kinds::PROPERTIES.iter().find(|p| **p == first) {
                return Spec {
                    preload: Some(("property", param)),
                    ..spec("string", None)
                };
            }
            match first {
                "geopoint" | "gps" | "location" => spec("geopoint", Some("input")),
                "geotrace" => spec("geotrace", Some("input")),
                "geoshape" => spec("geoshape", Some("input")),
                "start-geopoint" => spec("geopoint", Some("action")),
                "background-geopoint" => spec("geopoint", Some("trigger")),
                "image" | "photo" => upload("image/*"),
                "audio" => upload("audio/*"),
                "video" => upload("video/*"),
                "file" => upload("application/*"),
                "osm" => upload("osm/*"),
                "background-audio" => spec("binary", Some("action")),
                "barcode" => spec("barcode", Some("input")),
                "audit" => spec("binary", None),
                "start" => preload("dateTime", "timestamp", "start"),
                "end" => preload("dateTime", "timestamp", "end"),
                "today" => preload("date", "date", "today"),
                "imei" => preload("string", "property", "deviceid"),
                "select_one_from_file" | "select_one" | "select1" | "select" | "add" => {
                    if written.contains("multiple") || written.contains("all that apply") {
                        spec("string", Some("select"))
                    } else {
                        spec("string", Some("select1"))
                    }
                }
                "select_multiple_from_file" | "select_multiple" => spec("string", Some("select")),
                "select_one_external" => spec("string", Some("input")),
                "rank" => spec("odk:rank", Some("odk:rank")),
                // External instances have no node of their own.
                _ => Spec {
                    bind_type: None,
                    control: None,
                    ..spec("string", None)
                },
            }
        }
    }
}

/// Types that declare an external instance rather than a node.
pub(crate) fn is_external_instance(kind: &Kind) -> bool {
    matches!(kind, Kind::NotRenderable { written, .. } if written == "xml-external" || written == "csv-external")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn nr(w: &str) -> Kind {
        Kind::NotRenderable {
            written: w.into(),
            list: None,
        }
    }

    #[test]
    fn aliases_write_as_the_type_they_stand_for() {
        assert_eq!(of(&nr("location")), of(&nr("geopoint")));
        assert_eq!(of(&nr("percentage")).constraint, Some("0 <= . and . <= 100"));
        assert_eq!(of(&nr("trigger")).bind_type, None);
        assert_eq!(of(&nr("uri:email")).preload, Some(("property", "uri:email")));
        assert_eq!(of(&nr("image")).mediatype, Some("image/*"));
        assert!(of(&Kind::Note).readonly);
        assert!(of(&Kind::Calculate).control.is_none());
        assert!(is_external_instance(&nr("csv-external")));
    }
}
