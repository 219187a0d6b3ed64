//! "My work" and the notifications of a response changing hands: the economy's focal point is
//! asked to fill in, then the analysts to review, then the focal point to fix; each change tells
//! the other side, and only them (not another economy's focal points).

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::collections::BTreeMap;

use pathways_app::App;
use pathways_app::domain::Role;
use pathways_app::rounds::Decision;
use pathways_app::work::Task;

const PW: &str = "a long enough password";
const FORM: &[u8] = include_bytes!("../../../../data/questionnaires/mapping.xlsx");

#[tokio::test]
async fn work_follows_a_response_and_each_change_notifies_the_other_side() {
    let app = App::in_memory().await.unwrap();
    let sys = pathways_app::auth::system("t");
    for (email, role, economy) in [
        ("fp-me@test", Role::FocalPoint, Some("ME")),
        ("fp-rs@test", Role::FocalPoint, Some("RS")),
        ("an@test", Role::Analyst, None),
    ] {
        app.add_user(&sys, email, role, economy, PW).await.unwrap();
    }
    let fp = app.principal_by_email("fp-me@test").await.unwrap();
    let other = app.principal_by_email("fp-rs@test").await.unwrap();
    let an = app.principal_by_email("an@test").await.unwrap();
    let q = app.import_questionnaire(&an, "mapping.xlsx", FORM).await.unwrap();
    let economies = vec!["ME".to_string(), "RS".to_string()];
    let round = app
        .open_round(&an, &q.id, "Mapping", &economies, "2099-12-31")
        .await
        .unwrap();
    let id = app
        .dashboard(&an, &round.id)
        .await
        .unwrap()
        .rows
        .into_iter()
        .find(|r| r.economy == "ME")
        .unwrap()
        .response_id;

    let work = app.my_work(&fp).await.unwrap();
    assert_eq!(work.len(), 1, "{work:?}");
    assert_eq!(
        (
            work[0].task,
            work[0].link.as_str(),
            work[0].due.as_deref(),
            work[0].late
        ),
        (
            Task::Fill,
            format!("/responses/{id}").as_str(),
            Some("2099-12-31"),
            false
        )
    );
    assert!(work[0].title.contains("Montenegro"));
    assert!(app.my_work(&an).await.unwrap().is_empty(), "nothing submitted yet");

    let v = app.save_answers(&fp, &id, 1, &crate::rounds::minimal()).await.unwrap();
    app.submit(&fp, &id, v.version).await.unwrap();
    assert!(
        app.my_work(&fp).await.unwrap().is_empty(),
        "submitted: off the focal point's list"
    );
    let work = app.my_work(&an).await.unwrap();
    assert_eq!(
        (work[0].task, work[0].link.clone()),
        (Task::Review, format!("/responses/{id}/review"))
    );
    assert_eq!(app.unread_notifications(&an).await.unwrap(), 1);
    let note = &app.notifications(&an).await.unwrap()[0];
    assert!(note.text.contains("Montenegro submitted"), "{}", note.text);

    let comments = BTreeMap::from([("st_visa/visa_status".to_string(), "Which visa?".to_string())]);
    app.review(
        &an,
        &id,
        v.version + 1,
        Decision::HasIssues,
        &comments,
        None,
        &BTreeMap::new(),
    )
    .await
    .unwrap();
    let work = app.my_work(&fp).await.unwrap();
    assert_eq!(work[0].task, Task::Fix);
    assert_eq!(app.unread_notifications(&fp).await.unwrap(), 1);
    assert!(app.notifications(&fp).await.unwrap()[0].text.contains("sent back"));
    assert_eq!(
        app.unread_notifications(&other).await.unwrap(),
        0,
        "another economy hears nothing"
    );
    app.mark_notifications_read(&fp).await.unwrap();
    assert_eq!(app.unread_notifications(&fp).await.unwrap(), 0);
}

/// A follow-up agreed at an event and past its date is on the list of the economy's focal point
/// (and the analysts'), not on another economy's, and goes when it is marked done.
#[tokio::test]
async fn overdue_event_follow_ups_are_waiting_work() {
    let app = App::in_memory().await.unwrap();
    let fp = crate::support::who(Role::FocalPoint, Some("ME"));
    let other = crate::support::who(Role::FocalPoint, Some("AL"));
    let mut event = crate::events::consultation("ME");
    event["follow_ups"] = serde_json::json!([
        {"action": "Send the register", "owner": "Ministry", "due": "2020-01-31"},
        {"action": "Publish the list", "owner": "Ministry", "due": "2099-01-31"},
        {"action": "Done already", "owner": "Ministry", "due": "2020-01-31", "done": true}
    ]);
    let e = app.create_event(&fp, event.clone()).await.unwrap();
    let work = app.my_work(&fp).await.unwrap();
    let follow: Vec<_> = work.iter().filter(|w| w.task == Task::FollowUp).collect();
    assert_eq!(follow.len(), 1, "{work:?}");
    assert!(follow[0].late && follow[0].title.starts_with("Send the register"));
    assert_eq!(follow[0].link, format!("/events/{}", e.id));
    assert!(
        app.my_work(&other)
            .await
            .unwrap()
            .iter()
            .all(|w| w.task != Task::FollowUp)
    );
    assert!(!app.my_work(&crate::support::analyst()).await.unwrap().is_empty());
}
