//! What a `type` cell says, read as pyxform reads it (case-sensitive): the question types, the
//! older names it still accepts, the select commands before a list name, and `begin`/`end` of
//! groups, repeats and loops.

use crate::model::{ContainerKind, Kind};

/// Types the converter accepts that the web form does not render, as pyxform spells them (types
/// are case-sensitive there).
const NOT_RENDERABLE: &[&str] = &[
    "geopoint",
    "geotrace",
    "geoshape",
    "start-geopoint",
    "image",
    "audio",
    "background-audio",
    "video",
    "file",
    "barcode",
    "start",
    "end",
    "today",
    "audit",
    "xml-external",
    "csv-external",
    "background-geopoint",
    "osm",
    "trigger",
    // Types that carry their own constraint and hint.
    "percentage",
    "phone number",
    "number of days in last month",
    "number of days in last six months",
    "number of days in last year",
];

/// Device properties a question is preloaded with (the type's own name is the property).
pub(crate) const PROPERTIES: &[&str] = &[
    "deviceid",
    "subscriberid",
    "simserial",
    "phonenumber",
    "username",
    "email",
    "uri:deviceid",
    "uri:subscriberid",
    "uri:simserial",
    "uri:phonenumber",
    "uri:username",
    "uri:email",
];

/// Older names pyxform still reads, and the type each stands for.
const ALIASES: &[(&str, &str)] = &[
    ("string", "text"),
    ("q string", "text"),
    ("add text prompt", "text"),
    ("int", "integer"),
    ("q int", "integer"),
    ("add integer prompt", "integer"),
    ("q decimal", "decimal"),
    ("add decimal prompt", "decimal"),
    ("q date", "date"),
    ("add date prompt", "date"),
    ("datetime", "dateTime"),
    ("date time", "dateTime"),
    ("q dateTime", "dateTime"),
    ("q date time", "dateTime"),
    ("add dateTime prompt", "dateTime"),
    ("add date time prompt", "dateTime"),
    ("q note", "note"),
    ("add note prompt", "note"),
    ("q calculate", "calculate"),
    ("add calculate prompt", "calculate"),
    ("q acknowledge", "acknowledge"),
    ("add acknowledge prompt", "acknowledge"),
    ("gps", "geopoint"),
    ("location", "geopoint"),
    ("q location", "geopoint"),
    ("add location prompt", "geopoint"),
    ("q geopoint", "geopoint"),
    ("q geotrace", "geotrace"),
    ("q geoshape", "geoshape"),
    ("photo", "image"),
    ("picture", "image"),
    ("q picture", "image"),
    ("q image", "image"),
    ("add image prompt", "image"),
    ("q audio", "audio"),
    ("add audio prompt", "audio"),
    ("q video", "video"),
    ("add video prompt", "video"),
    ("add file prompt", "file"),
    ("q barcode", "barcode"),
    ("add barcode prompt", "barcode"),
    ("imei", "deviceid"),
    ("device id", "deviceid"),
    ("get device id", "deviceid"),
    ("sim id", "simserial"),
    ("get sim id", "simserial"),
    ("subscriber id", "subscriberid"),
    ("get subscriber id", "subscriberid"),
    ("get phone number", "phonenumber"),
    ("start time", "start"),
    ("get start time", "start"),
    ("end time", "end"),
    ("get end time", "end"),
    ("get today", "today"),
];

/// The select commands pyxform reads before a list name, and whether each selects many.
const SELECTS: &[(&str, bool)] = &[
    ("add select one prompt using", false),
    ("add select multiple prompt using", true),
    ("select all that apply from", true),
    ("select all that apply", true),
    ("select one from", false),
    ("select1", false),
    ("select_one", false),
    ("select one", false),
    ("select_multiple", true),
];

/// Types that need a list (or file) after them.
const WITH_LIST: &[&str] = &[
    "select_one_from_file",
    "select_multiple_from_file",
    "select one from file",
    "select multiple from file",
    "select_one_external",
    "rank",
];

pub(crate) enum Row {
    Question(Kind),
    Begin(ContainerKind, Option<String>),
    End(ContainerKind),
}

pub(crate) fn parse_type(t: &str) -> Result<Row, String> {
    let words: Vec<&str> = t.split_whitespace().collect();
    let joined = words.join(" ");
    let resolved = ALIASES
        .iter()
        .find(|(a, _)| *a == joined)
        .map_or(joined.as_str(), |(_, to)| to);
    let w: Vec<&str> = resolved.split(' ').collect();
    let plain = |k: Kind| Ok(Row::Question(k));
    match w.as_slice() {
        ["begin", "group"] | ["begin_group"] => return Ok(Row::Begin(ContainerKind::Group, None)),
        ["end", "group"] | ["end_group"] => return Ok(Row::End(ContainerKind::Group)),
        ["begin", "repeat"] | ["begin_repeat"] => return Ok(Row::Begin(ContainerKind::Repeat, None)),
        ["end", "repeat"] | ["end_repeat"] => return Ok(Row::End(ContainerKind::Repeat)),
        ["begin", "loop", "over", l] | ["begin_loop", "over", l] | ["begin", "loop", l] | ["begin_loop", l] => {
            return Ok(Row::Begin(ContainerKind::Loop, Some(l.to_string())));
        }
        ["end", "loop"] | ["end_loop"] => return Ok(Row::End(ContainerKind::Loop)),
        ["text"] => return plain(Kind::Text),
        ["integer"] => return plain(Kind::Integer),
        ["decimal"] => return plain(Kind::Decimal),
        ["range"] => return plain(Kind::Range),
        ["date"] => return plain(Kind::Date),
        ["time"] => return plain(Kind::Time),
        ["dateTime"] => return plain(Kind::DateTime),
        ["note"] => return plain(Kind::Note),
        ["calculate"] => return plain(Kind::Calculate),
        ["acknowledge"] => return plain(Kind::Acknowledge),
        ["hidden"] => return plain(Kind::Hidden),
        [] => return Err("the type is empty".into()),
        _ => {}
    }
    if NOT_RENDERABLE.contains(&resolved) || PROPERTIES.contains(&resolved) {
        return plain(Kind::NotRenderable {
            written: resolved.to_string(),
            list: None,
        });
    }
    // `osm LIST`: the tags come from the `osm` sheet, which the web form does not read.
    if w.len() == 2 && w[0] == "osm" {
        return plain(Kind::NotRenderable {
            written: resolved.to_string(),
            list: None,
        });
    }
    if let Some(cmd) = WITH_LIST.iter().find(|c| resolved.starts_with(&format!("{c} "))) {
        let rest: Vec<&str> = resolved[cmd.len()..].split_whitespace().collect();
        return match rest.as_slice() {
            [list] => plain(Kind::NotRenderable {
                written: format!(
                    "{} {list}",
                    cmd.replace("select one from file", "select_one_from_file")
                        .replace("select multiple from file", "select_multiple_from_file")
                ),
                list: Some(list.to_string()),
            }),
            [] => Err(format!("`{t}` needs the name of a choice list after it")),
            _ => Err(format!("`{t}` has extra words after the list name")),
        };
    }
    let Some((cmd, multiple)) = SELECTS
        .iter()
        .find(|(c, _)| resolved == *c || resolved.starts_with(&format!("{c} ")))
    else {
        return Err(format!("unknown question type `{t}`"));
    };
    let rest: Vec<&str> = resolved[cmd.len()..].split_whitespace().collect();
    let Some((list, after)) = rest.split_first() else {
        return Err(format!("`{t}` needs the name of a choice list after it"));
    };
    // Choices from an earlier answer (`select_one ${q}`): the web form cannot render them.
    if list.starts_with("${") {
        if !after.is_empty() {
            return Err(format!("`{t}` has extra words after `{list}`"));
        }
        return plain(Kind::NotRenderable {
            written: resolved.to_string(),
            list: None,
        });
    }
    let or_other = match after {
        [] => false,
        ["or_other"] | ["or", "other"] | ["or", "specify", "other"] => true,
        _ => {
            return Err(format!(
                "`{}` after the list name: only `or_other` may follow",
                after.join(" ")
            ));
        }
    };
    let list = list.to_string();
    plain(if *multiple {
        Kind::SelectMultiple { list, or_other }
    } else {
        Kind::SelectOne { list, or_other }
    })
}
