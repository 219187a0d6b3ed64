//! Running a form the way the web form does on every change: skip logic, calculations over
//! repeats, repeat counts, required/constraint/type errors with the form's messages, filtered
//! choices, and values of questions that are not relevant being ignored.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use pathways_xlsform::engine::{Answers, Engine, Env};
use pathways_xlsform::eval::days_from_civil;
use pathways_xlsform::read;

const SURVEY: &str = "
    | type                 | name         | label                  | required | relevant                | constraint         | constraint_message | calculation    | choice_filter      | repeat_count | default |
    | integer              | n_inst       | How many institutions? | yes      |                         | . >= 0 and . <= 50 | Between 0 and 50   |                |                    |              |         |
    | begin repeat         | inst         | Institution            |          |                         |                    |                    |                |                    | ${n_inst}    |         |
    | text                 | inst_name    | Name                   | yes      |                         |                    |                    |                |                    |              |         |
    | select_one sector    | sector       | Sector                 |          |                         |                    |                    |                |                    |              |         |
    | select_one subsector | sub          | Subsector              |          |                         |                    |                    |                | sector = ${sector} |              |         |
    | integer              | staff        | Staff                  |          |                         |                    |                    |                |                    |              |         |
    | end repeat           |              |                        |          |                         |                    |                    |                |                    |              |         |
    | calculate            | total_staff  |                        |          |                         |                    |                    | sum(${staff})  |                    |              |         |
    | calculate            | n_rows       |                        |          |                         |                    |                    | count(${inst}) |                    |              |         |
    | select_one yn        | has_agencies | Are agencies licensed? |          |                         |                    |                    |                |                    |              | no      |
    | begin group          | agencies     | Agencies               |          | ${has_agencies} = 'yes' |                    |                    |                |                    |              |         |
    | integer              | n_agencies   | How many?              | yes      |                         |                    |                    |                |                    |              |         |
    | note                 | big          | That is many           |          | ${n_agencies} > 10      |                    |                    |                |                    |              |         |
    | end group            |              |                        |          |                         |                    |                    |                |                    |              |         |
    | date                 | surveyed     | Date                   |          |                         | . <= today()       |                    |                |                    |              |         |
    | text                 | later        | Why so many staff?     |          | ${total_staff} > 100    |                    |                    |                |                    |              |         |
";

const CHOICES: &str = "
    | list_name | name  | label        | sector |
    | sector    | agri  | Agriculture  |        |
    | sector    | build | Construction |        |
    | subsector | fruit | Fruit        | agri   |
    | subsector | grain | Grain        | agri   |
    | subsector | roads | Roads        | build  |
    | yn        | yes   | Yes          |        |
    | yn        | no    | No           |        |
";

fn engine() -> Engine {
    Engine::new(&read(&common::md_book(&[("survey", SURVEY), ("choices", CHOICES)])).unwrap())
}

fn env() -> Env {
    Env {
        today: days_from_civil(2026, 11, 28),
        now: 0.0,
        uuid: "uuid:1".into(),
        language: String::new(),
    }
}

fn answers(pairs: &[(&str, &str)]) -> Answers {
    let mut a = Answers::default();
    for (k, v) in pairs {
        a.values.insert(k.to_string(), v.to_string());
    }
    a
}

#[test]
fn an_empty_response_asks_for_what_is_required_and_hides_what_is_not_relevant() {
    let e = engine();
    let mut a = Answers::default();
    e.apply_defaults(&mut a, "");
    assert_eq!(
        a.values.get("has_agencies").map(String::as_str),
        Some("no"),
        "default applied"
    );
    let s = e.evaluate(&a, &env());
    assert_eq!(
        s.question("n_inst").unwrap().error.as_deref(),
        Some("This answer is required.")
    );
    assert_eq!(s.repeats.get("inst"), Some(&0));
    let n = s.question("agencies/n_agencies").unwrap();
    assert!(!n.relevant && n.error.is_none(), "{n:?}");
    assert_eq!(s.containers.get("agencies"), Some(&false));
    assert_eq!(s.question("n_rows").unwrap().value, "0");
    assert_eq!(s.question("total_staff").unwrap().value, "0");
}

#[test]
fn repeat_count_calculations_and_filters_follow_the_answers() {
    let e = engine();
    let a = answers(&[
        ("n_inst", "2"),
        ("inst[1]/inst_name", "Ministry of Interior"),
        ("inst[1]/sector", "agri"),
        ("inst[1]/sub", "roads"),
        ("inst[1]/staff", "60"),
        ("inst[2]/staff", "50"),
    ]);
    let s = e.evaluate(&a, &env());
    assert_eq!(s.repeats.get("inst"), Some(&2));
    assert_eq!(s.question("n_rows").unwrap().value, "2");
    assert_eq!(s.question("total_staff").unwrap().value, "110");
    assert!(
        s.question("later").unwrap().relevant,
        "total above 100 shows the follow-up"
    );
    assert_eq!(
        s.question("inst[2]/inst_name").unwrap().error.as_deref(),
        Some("This answer is required.")
    );
    assert!(s.question("inst[1]/inst_name").unwrap().error.is_none());
    let offered: Vec<String> = e
        .choices(&a, &env(), "inst[1]/sub")
        .into_iter()
        .map(|c| c.name)
        .collect();
    assert_eq!(offered, vec!["fruit", "grain"]);
    assert_eq!(
        s.question("inst[1]/sub").unwrap().error.as_deref(),
        Some("Not a choice of this question: roads.")
    );
    // Fewer institutions: the follow-up disappears with the staff of the second.
    let mut b = a.clone();
    b.values.insert("n_inst".into(), "1".into());
    let s = e.evaluate(&b, &env());
    assert_eq!(s.question("total_staff").unwrap().value, "60");
    assert!(!s.question("later").unwrap().relevant);
    assert!(s.question("inst[2]/staff").is_none());
}

#[test]
fn constraints_types_and_messages() {
    let e = engine();
    let s = e.evaluate(&answers(&[("n_inst", "60"), ("surveyed", "2027-01-01")]), &env());
    assert_eq!(s.question("n_inst").unwrap().error.as_deref(), Some("Between 0 and 50"));
    assert_eq!(
        s.question("surveyed").unwrap().error.as_deref(),
        Some("This answer is not accepted (. <= today()).")
    );
    let s = e.evaluate(&answers(&[("n_inst", "two"), ("surveyed", "28.11.2026")]), &env());
    assert_eq!(
        s.question("n_inst").unwrap().error.as_deref(),
        Some("Enter a whole number.")
    );
    assert_eq!(
        s.question("surveyed").unwrap().error.as_deref(),
        Some("Enter a date as YYYY-MM-DD.")
    );
    let s = e.evaluate(&answers(&[("n_inst", "0"), ("surveyed", "2026-11-28")]), &env());
    assert_eq!(s.errors().count(), 0, "{:?}", s.errors().collect::<Vec<_>>());
}

#[test]
fn answers_to_questions_that_are_not_relevant_are_ignored() {
    let e = engine();
    let a = answers(&[("has_agencies", "no"), ("agencies/n_agencies", "12")]);
    let s = e.evaluate(&a, &env());
    assert!(!s.question("agencies/n_agencies").unwrap().relevant);
    assert!(
        !s.question("agencies/big").unwrap().relevant,
        "a hidden answer does not drive other logic"
    );
    let mut b = a.clone();
    b.values.insert("has_agencies".into(), "yes".into());
    let s = e.evaluate(&b, &env());
    assert!(s.question("agencies/big").unwrap().relevant);
    assert_eq!(s.errors().count(), 1, "only n_inst is missing");
}

#[test]
fn nested_repeats_count_across_instances() {
    let survey: &[&[&str]] = &[
        &["type", "name", "label", "calculation"],
        &["begin repeat", "pathway", "Pathway", ""],
        &["begin repeat", "step", "Step", ""],
        &["integer", "days", "Days", ""],
        &["end repeat", "", "", ""],
        &["calculate", "pathway_days", "", "sum(${days})"],
        &["end repeat", "", "", ""],
        &["calculate", "steps", "", "count(${step})"],
        &["calculate", "all_days", "", "sum(${days})"],
    ];
    let e = Engine::new(&read(&common::book(&[("survey", survey)])).unwrap());
    let mut a = answers(&[
        ("pathway[1]/step[1]/days", "3"),
        ("pathway[1]/step[2]/days", "4"),
        ("pathway[2]/step[1]/days", "10"),
    ]);
    a.repeats.insert("pathway".into(), 2);
    a.repeats.insert("pathway[1]/step".into(), 2);
    a.repeats.insert("pathway[2]/step".into(), 1);
    let s = e.evaluate(&a, &env());
    assert_eq!(s.question("pathway[1]/pathway_days").unwrap().value, "7");
    assert_eq!(s.question("pathway[2]/pathway_days").unwrap().value, "10");
    assert_eq!(s.question("steps").unwrap().value, "3");
    assert_eq!(s.question("all_days").unwrap().value, "17");
}

#[test]
fn removing_a_repeat_instance_moves_the_later_ones_up() {
    let mut a = answers(&[
        ("inst[1]/inst_name", "A"),
        ("inst[2]/inst_name", "B"),
        ("inst[2]/mandate[1]/sector", "agri"),
        ("inst[3]/inst_name", "C"),
        ("other", "x"),
    ]);
    a.repeats.insert("inst".into(), 3);
    a.repeats.insert("inst[2]/mandate".into(), 1);
    let before = a.clone();
    assert_eq!(a.add_instance("inst"), 4);
    assert!(a.remove_instance("inst", 2));
    assert_eq!(a.values.get("inst[1]/inst_name").map(String::as_str), Some("A"));
    assert_eq!(a.values.get("inst[2]/inst_name").map(String::as_str), Some("C"));
    assert!(!a.values.contains_key("inst[3]/inst_name"));
    assert!(
        !a.repeats.contains_key("inst[2]/mandate"),
        "the removed instance's inner repeat goes too"
    );
    assert_eq!(a.repeats.get("inst"), Some(&3));
    assert!(!a.remove_instance("inst", 9));
    let changed = before.changed_keys(&a);
    assert!(changed.contains(&"inst[2]/inst_name".to_string()), "{changed:?}");
    assert!(
        !changed.contains(&"inst#".to_string()),
        "one added, one removed: {changed:?}"
    );
    assert!(!changed.contains(&"other".to_string()));
}

#[test]
fn or_other_asks_to_specify_the_other_answer() {
    let survey: &[&[&str]] = &[&["type", "name", "label"], &["select_one yn or_other", "q", "Q"]];
    let choices: &[&[&str]] = &[&["list_name", "name", "label"], &["yn", "yes", "Yes"]];
    let e = Engine::new(&read(&common::book(&[("survey", survey), ("choices", choices)])).unwrap());
    let s = e.evaluate(&answers(&[("q", "yes")]), &env());
    assert!(!s.question("q_other").unwrap().relevant);
    let s = e.evaluate(&answers(&[("q", "other")]), &env());
    assert!(s.question("q").unwrap().error.is_none(), "other is a valid answer");
    assert_eq!(
        s.question("q_other").unwrap().error.as_deref(),
        Some("This answer is required.")
    );
    let s = e.evaluate(&answers(&[("q", "other"), ("q_other", "Ministry of Health")]), &env());
    assert_eq!(s.errors().count(), 0);
}
