//! XLSForm fixtures built cell by cell (with rust_xlsxwriter directly, not with this crate's
//! writer): a form using groups, nested repeats, two languages, choice_filter, or_other, types the
//! web form does not render and an unknown column is read whole; it survives write → read; a
//! broken form is refused with every problem placed by sheet, row and column.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use pathways_xlsform::model::{ContainerKind, Item, Kind, text_in};
use pathways_xlsform::{FormError, inspect, read, write};

mod common;
use common::{book, md_book};

const SURVEY: &str = "
    | type                           | name         | label::English (en)              | label::Shqip (sq) | hint::English (en) | required | relevant     | constraint         | constraint_message::English (en) | calculation    | choice_filter      | appearance | repeat_count | x_reviewer_note |
    | start                          | started      |                                  |                   |                    |          |              |                    |                                  |                |                    |            |              |                 |
    | begin group                    | institutions | Institutions                     | Institucionet     |                    |          |              |                    |                                  |                |                    | field-list |              | page 1          |
    | integer                        | n_inst       | How many institutions?           | Sa institucione?  | Count all          | yes      |              | . >= 0 and . <= 50 | Between 0 and 50                 |                |                    |            |              |                 |
    | begin repeat                   | inst         | Institution                      | Institucioni      |                    |          |              |                    |                                  |                |                    |            | ${n_inst}    |                 |
    | text                           | inst_name    | Name                             | Emri              |                    | yes      |              |                    |                                  |                |                    |            |              |                 |
    | select_one stage or_other      | inst_stage   | Stage                            | Faza              |                    |          |              |                    |                                  |                |                    |            |              |                 |
    | begin repeat                   | mandate      | Mandate                          | Mandati           |                    |          |              |                    |                                  |                |                    |            |              |                 |
    | select_one sector              | sector       | Sector                           | Sektori           |                    |          |              |                    |                                  |                |                    |            |              |                 |
    | select_one subsector           | subsector    | Subsector                        | Nënsektori        |                    |          |              |                    |                                  |                | sector = ${sector} | minimal    |              |                 |
    | end repeat                     |              |                                  |                   |                    |          |              |                    |                                  |                |                    |            |              |                 |
    | end repeat                     |              |                                  |                   |                    |          |              |                    |                                  |                |                    |            |              |                 |
    | end group                      |              |                                  |                   |                    |          |              |                    |                                  |                |                    |            |              |                 |
    | calculate                      | total        |                                  |                   |                    |          |              |                    |                                  | count(${inst}) |                    |            |              |                 |
    | note                           | summary      | You listed ${total} institutions |                   |                    |          | ${total} > 0 |                    |                                  |                |                    |            |              |                 |
    | geopoint                       | office       | Office location                  |                   |                    |          |              |                    |                                  |                |                    |            |              |                 |
    | select_one_from_file sites.csv | site         | Site                             |                   |                    |          |              |                    |                                  |                |                    |            |              |                 |
    | begin loop over stage          | per_stage    | Per stage                        |                   |                    |          |              |                    |                                  |                |                    |            |              |                 |
    | decimal                        | days         | Processing days                  |                   |                    |          |              |                    |                                  |                |                    |            |              |                 |
    | end loop                       |              |                                  |                   |                    |          |              |                    |                                  |                |                    |            |              |                 |
";

const CHOICES: &str = "
    | list_name | name        | label::English (en) | label::Shqip (sq) | sector |
    | stage     | pre_arrival | Pre-arrival         | Para mbërritjes   |        |
    | stage     | admission   | Admission           | Pranimi           |        |
    | sector    | agri        | Agriculture         | Bujqësia          |        |
    | sector    | build       | Construction        | Ndërtimi          |        |
    | subsector | fruit       | Fruit               | Fruta             | agri   |
    | subsector | roads       | Roads               | Rrugë             | build  |
";

const SETTINGS: &str = "
    | form_title   | form_id      | version    | default_language |
    | Mapping test | mapping_test | 2026112801 | English (en)     |
";

fn good() -> Vec<u8> {
    md_book(&[("survey", SURVEY), ("choices", CHOICES), ("settings", SETTINGS)])
}

#[test]
fn a_rich_form_is_read_whole() {
    let form = read(&good()).unwrap();
    assert_eq!(form.title(), "Mapping test");
    assert_eq!(form.version(), "2026112801");
    assert_eq!(form.languages(), vec!["English (en)", "Shqip (sq)"]);
    let names: Vec<&str> = form.items.iter().map(|i| i.name()).collect();
    assert_eq!(
        names,
        vec![
            "started",
            "institutions",
            "total",
            "summary",
            "office",
            "site",
            "per_stage"
        ]
    );
    let Item::Container(g) = &form.items[1] else {
        panic!("a group")
    };
    assert_eq!(g.kind, ContainerKind::Group);
    assert_eq!(
        g.cells.get("x_reviewer_note").map(String::as_str),
        Some("page 1"),
        "unknown column kept"
    );
    let Item::Container(rep) = &g.children[1] else {
        panic!("a repeat")
    };
    assert_eq!(
        (rep.kind, rep.cells.get("repeat_count").map(String::as_str)),
        (ContainerKind::Repeat, Some("${n_inst}"))
    );
    let Item::Container(nested) = &rep.children[2] else {
        panic!("a nested repeat")
    };
    assert_eq!(nested.kind, ContainerKind::Repeat);
    let Item::Question(sub) = &nested.children[1] else {
        panic!("a question")
    };
    assert_eq!(
        sub.cells.get("choice_filter").map(String::as_str),
        Some("sector = ${sector}")
    );
    let Item::Question(stage) = &rep.children[1] else {
        panic!("a question")
    };
    assert_eq!(
        stage.kind,
        Kind::SelectOne {
            list: "stage".into(),
            or_other: true
        }
    );
    assert_eq!(text_in(&stage.cells, "label", "Shqip (sq)"), Some("Faza"));
    let s = inspect::summarise(&form);
    assert_eq!(s.questions, 11);
    assert_eq!(s.not_renderable.len(), 3, "{:?}", s.not_renderable);
    assert_eq!(s.containers.len(), 4);
    assert_eq!(
        s.choice_lists,
        vec![("stage".into(), 2), ("sector".into(), 2), ("subsector".into(), 2)]
    );
    assert_eq!(s.other_columns, vec!["x_reviewer_note"]);
    let text = s.to_text();
    assert!(text.contains("institutions/inst/mandate (repeat, 2 items)"), "{text}");
    assert!(text.contains("site (select_one_from_file sites.csv)"), "{text}");
}

#[test]
fn read_write_read_gives_the_same_form() {
    let form = read(&good()).unwrap();
    let again = read(&write(&form).unwrap()).unwrap();
    assert_eq!(form, again);
    // And once more: the written form is stable.
    assert_eq!(read(&write(&again).unwrap()).unwrap(), again);
}

#[test]
fn a_broken_form_is_refused_with_every_problem_placed() {
    let survey: &[&[&str]] = &[
        &["type", "name", "label", "relevant", "calculation"],
        &["text", "a", "A", "", ""],
        &["text", "a", "A again", "", ""],
        &["select_one colours", "b", "B", "", ""],
        &["begin group", "g", "G", "${nobody} = 1", ""],
        &["integer", "c", "C", "${a} >", ""],
        &["end repeat", "", "", "", ""],
        &["calculate", "d", "", "", ""],
        &["integer", "e", "", "", ""],
        &["text", "bad name", "F", "", ""],
        &["selectone x", "f", "F", "", ""],
    ];
    let err = read(&book(&[
        ("survey", survey),
        ("choices", &[&["list_name", "name", "label"], &["yes_no", "yes", "Yes"]]),
    ]))
    .unwrap_err();
    let FormError::Invalid(problems) = err else {
        panic!("{err}")
    };
    let found: Vec<String> = problems.iter().map(ToString::to_string).collect();
    let expect = [
        "sheet `survey`, row 3, column B `name`: the name `a` is used twice at the same level",
        "sheet `survey`, row 4, column A `type`: the choice list `colours` is not in the choices sheet",
        "sheet `survey`, row 5, column D `relevant`: `${nobody}` refers to no question of the form",
        "sheet `survey`, row 6, column D `relevant`: `${a} >`: at character 7: the expression ends where a value was expected",
        "sheet `survey`, row 7, column A `type`: `end repeat` closes a group",
        "sheet `survey`, row 8, column E `calculation`: calculate `d` has no calculation",
        "sheet `survey`, row 9, column C `label`: `e` has no label or hint",
        "sheet `survey`, row 10, column B `name`: `bad name` is not a valid name",
        "sheet `survey`, row 11, column A `type`: unknown question type `selectone x`",
        "sheet `survey`, row 5, column A `type`: group `g` is never closed",
    ];
    for e in expect {
        assert!(
            found.iter().any(|f| f.starts_with(e)),
            "missing: {e}\nfound:\n{}",
            found.join("\n")
        );
    }
    assert_eq!(found.len(), expect.len(), "{}", found.join("\n"));
}

/// What real published forms write and pyxform reads: type aliases, the legacy `select one from`,
/// `label:English` with one colon, notes without a name, unlabelled choices, typographic quotes,
/// choices from an earlier answer, `${last-saved#q}`, a stray `required` on a row of its own.
#[test]
fn forms_as_pyxform_reads_them_are_read() {
    let survey: &[&[&str]] = &[
        &[
            "type",
            "name",
            "label:English",
            "label:French",
            "relevant",
            "default",
            "required",
        ],
        &["gps", "where", "Where", "Où", "", "", ""],
        &["uri:deviceid", "device", "", "", "", "", ""],
        &["select one from yn", "q", "Q", "Q", "", "", ""],
        &["select all that apply from yn", "m", "M", "M", "", "", ""],
        &["select_one ${m}", "again", "Again", "Encore", "", "", ""],
        &["note", "", "Read this", "Lisez", "", "", ""],
        &["text", "t", "T", "T", "${q} = “yes”", "${last-saved#t}", ""],
        &["", "", "", "", "", "", "yes"],
    ];
    let choices: &[&[&str]] = &[&["list_name", "name", "label"], &["yn", "yes", ""], &["yn", "no", "No"]];
    let form = read(&book(&[("survey", survey), ("choices", choices)])).unwrap();
    assert!(
        form.survey_columns.iter().any(|c| c == "label::English"),
        "{:?}",
        form.survey_columns
    );
    let names: Vec<String> = form.questions().map(|q| q.name.clone()).collect();
    assert_eq!(
        names,
        ["where", "device", "q", "m", "again", "generated_note_name_7", "t"]
    );
    let t = form.questions().find(|q| q.name == "t").unwrap();
    assert_eq!(t.cells["relevant"], "${q} = \"yes\"");
    assert!(
        !form
            .questions()
            .find(|q| q.name == "again")
            .unwrap()
            .kind
            .is_renderable()
    );
}

#[test]
fn choices_and_structure_problems() {
    let survey: &[&[&str]] = &[&["type", "name", "label"], &["select_one l", "q", "Q"]];
    let choices: &[&[&str]] = &[
        &["list_name", "name", "label"],
        &["l", "x", "X"],
        &["l", "x", "X again"],
        &["l", "", "No name"],
        &["l", "y", ""],
    ];
    let FormError::Invalid(p) = read(&book(&[("survey", survey), ("choices", choices)])).unwrap_err() else {
        panic!()
    };
    let text: Vec<String> = p.iter().map(ToString::to_string).collect();
    assert!(
        text.iter()
            .any(|t| t.starts_with("sheet `choices`, row 3, column B `name`: list `l` has choice `x` twice")),
        "{text:?}"
    );
    assert!(
        text.iter()
            .any(|t| t.starts_with("sheet `choices`, row 4, column B `name`: a choice of list `l` has no name")),
        "{text:?}"
    );
    // A choice without a label is read (shown by its name), as pyxform reads it.
    assert!(!text.iter().any(|t| t.contains("row 5")), "{text:?}");
    // Duplicates are allowed when the settings say so.
    let choices: &[&[&str]] = &[
        &["list_name", "name", "label"],
        &["l", "x", "X"],
        &["l", "x", "X again"],
    ];
    let settings: &[&[&str]] = &[&["allow_choice_duplicates"], &["yes"]];
    assert!(
        read(&book(&[
            ("survey", survey),
            ("choices", choices),
            ("settings", settings)
        ]))
        .is_ok()
    );

    let no_survey = book(&[("choices", choices)]);
    assert!(read(&no_survey).unwrap_err().to_string().contains("no `survey` sheet"));
    let no_name: &[&[&str]] = &[&["type", "label"], &["text", "Q"]];
    // Named at the first question, as pyxform names it.
    let e = read(&book(&[("survey", no_name)])).unwrap_err().to_string();
    assert!(
        e.contains("row 2") && e.contains("the header has no `name` column"),
        "{e}"
    );
    assert!(matches!(read(b"type,name\ntext,a\n"), Err(FormError::Unreadable(_))));
}

/// What pyxform refuses beyond structure is refused here too, each problem placed: a reserved
/// name, a repeat name used twice in the form, parameters a type does not take or of the wrong
/// kind, a `seed` without `randomize`, references in choice labels and `instance_name` that name
/// no question, an invalid settings `name`. Valid parameters and a group named like the form
/// are read.
#[test]
fn names_parameters_and_references_are_checked_as_pyxform_checks_them() {
    let refused = |sheets: &[(&str, &[&[&str]])], expect: &str| {
        let Err(FormError::Invalid(p)) = read(&book(sheets)) else {
            panic!("accepted, expected: {expect}")
        };
        let text: Vec<String> = p.iter().map(ToString::to_string).collect();
        assert!(text.iter().any(|t| t.contains(expect)), "{expect} not in {text:?}");
    };
    let s: &[&str] = &["type", "name", "label", "parameters"];
    refused(
        &[("survey", &[s, &["text", "meta", "M", ""]])],
        "row 2, column B `name`: the name `meta` is reserved",
    );
    refused(
        &[(
            "survey",
            &[
                s,
                &["begin repeat", "r", "R", ""],
                &["text", "a", "A", ""],
                &["end repeat", "", "", ""],
                &["begin group", "g", "G", ""],
                &["begin repeat", "r", "R2", ""],
                &["text", "b", "B", ""],
                &["end repeat", "", "", ""],
                &["end group", "", "", ""],
            ],
        )],
        "row 6, column B `name`: a repeat is already named `r`",
    );
    for (params, expect) in [
        ("start=0;end=10;step=0", "`step` must not be 0"),
        ("start=0 end=10 step=x", "`step` must be a number, not `x`"),
        ("foo=1", "`foo` is not a parameter of this type"),
    ] {
        refused(&[("survey", &[s, &["range", "r", "R", params]])], expect);
    }
    refused(
        &[("survey", &[s, &["image", "i", "I", "max-pixels=abc"]])],
        "`max-pixels` must be a whole number",
    );
    refused(
        &[("survey", &[s, &["audio", "a", "A", "quality=super"]])],
        "`quality` is normal",
    );
    refused(
        &[("survey", &[s, &["geopoint", "g", "G", "capture-accuracy=x"]])],
        "`capture-accuracy` must be a number",
    );
    let yn: &[&[&str]] = &[
        &["list_name", "name", "label"],
        &["yn", "yes", "Yes"],
        &["yn", "no", "No"],
    ];
    refused(
        &[
            ("survey", &[s, &["select_one yn", "q", "Q", "randomize=maybe"]]),
            ("choices", yn),
        ],
        "`randomize` is true or false",
    );
    refused(
        &[
            ("survey", &[s, &["select_one yn", "q", "Q", "seed=3"]]),
            ("choices", yn),
        ],
        "a `seed` needs `randomize=true`",
    );
    let labelled: &[&[&str]] = &[&["list_name", "name", "label"], &["yn", "yes", "Yes ${nope}"]];
    refused(
        &[
            ("survey", &[s, &["select_one yn", "q", "Q", ""]]),
            ("choices", labelled),
        ],
        "sheet `choices`, row 2, column C `label`: `${nope}` refers to no question",
    );
    refused(
        &[
            ("survey", &[s, &["text", "a", "A", ""]]),
            ("settings", &[&["instance_name"], &["concat(${nope})"]]),
        ],
        "sheet `settings`, row 2, column A `instance_name`: `${nope}` refers to no question",
    );
    refused(
        &[
            ("survey", &[s, &["text", "a", "A", ""]]),
            ("settings", &[&["name"], &["bad name"]]),
        ],
        "`bad name` is not a valid name",
    );
    // Read: parameters of the right kind, a seed with randomize, a group named like the form.
    read(&book(&[
        (
            "survey",
            &[
                s,
                &["range", "r", "R", "start=0 end=10 step=2"],
                &["select_one yn", "q", "Q", "randomize=true seed=3"],
                &["begin group", "data", "G", ""],
                &["text", "a", "A", ""],
                &["end group", "", "", ""],
            ],
        ),
        ("choices", yn),
        ("settings", &[&["form_id", "instance_name"], &["data", "concat(${a})"]]),
    ]))
    .unwrap();
}

/// A form that creates entities in a repeat (ODK Central entity lists) reads, writes back with
/// its entities sheet and `save_to` column intact, and its XForm carries the `meta/entity` block
/// in the repeat with the id set for each new repetition; a `save_to` naming no declared list is
/// refused with its row.
#[test]
fn entity_forms_round_trip_and_declare_their_entities() {
    let survey: &[&[&str]] = &[
        &["type", "name", "label", "save_to"],
        &["text", "household", "Household", ""],
        &["begin repeat", "members", "Members", ""],
        &["text", "first", "First name", "given"],
        &["integer", "age", "Age", "age"],
        &["end repeat", "", "", ""],
    ];
    let entities: &[&[&str]] = &[
        &["list_name", "label"],
        &["people", "concat(${first}, ' ', ${household})"],
    ];
    let bytes = book(&[("survey", survey), ("entities", entities)]);
    let form = read(&bytes).unwrap();
    assert_eq!(form.entities.len(), 1);
    assert_eq!(read(&write(&form).unwrap()).unwrap(), form);
    let xml = pathways_xlsform::xform::xform(&form, "people_form").unwrap();
    assert!(xml.contains("entities:entities-version=\"2025.1.0\""), "{xml}");
    assert!(xml.contains("<entity dataset=\"people\" create=\"1\" id=\"\">"));
    assert!(xml.contains("nodeset=\"/data/members/first\" type=\"string\" entities:saveto=\"given\""));
    assert!(
        xml.contains("<setvalue ref=\"/data/members/meta/entity/@id\" event=\"odk-new-repeat\" value=\"uuid()\"/>")
    );
    // The label reads the member's own name (relative) and the household (absolute).
    assert!(
        xml.contains("calculate=\"concat( ../../../first , ' ',  /data/household )\""),
        "{xml}"
    );

    let wrong: &[&[&str]] = &[
        &["type", "name", "label", "save_to"],
        &["text", "first", "First", "households#given"],
    ];
    let e = read(&book(&[("survey", wrong), ("entities", entities)]))
        .unwrap_err()
        .to_string();
    assert!(
        e.contains("row 2") && e.contains("`households` is not on the entities sheet"),
        "{e}"
    );
}

/// An OpenStreetMap question's tags come from the `osm` sheet: kept on the way back to a
/// workbook and written as `<tag>` elements of its upload control.
#[test]
fn osm_tags_round_trip_and_reach_the_xform() {
    let survey: &[&[&str]] = &[&["type", "name", "label"], &["osm building", "b", "Building"]];
    let osm: &[&[&str]] = &[&["list_name", "name", "label"], &["building", "addr:city", "City"]];
    let form = read(&book(&[("survey", survey), ("osm", osm)])).unwrap();
    assert_eq!(read(&write(&form).unwrap()).unwrap(), form);
    let xml = pathways_xlsform::xform::xform(&form, "osm").unwrap();
    assert!(xml.contains("<upload ref=\"/data/b\" mediatype=\"osm/*\">"), "{xml}");
    assert!(
        xml.contains("<tag key=\"addr:city\">\n        <label>City</label>"),
        "{xml}"
    );
}
