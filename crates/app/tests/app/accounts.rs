//! Account administration through the use cases: only admins invite, change roles, reset and
//! disable; a one-time link sets a password once and only while it works; a reset stops the old
//! password and the sessions at once; nobody changes their own role or resets their own password.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use pathways_app::domain::Role;
use pathways_app::domain::states::LinkPurpose;
use pathways_app::{App, AppError, AuditQuery};

use crate::support::who;

const PW: &str = "a long enough password";

async fn admin(app: &App) -> pathways_app::domain::Principal {
    app.add_user(&pathways_app::auth::system("t"), "root@test", Role::Admin, None, PW)
        .await
        .unwrap();
    app.principal_by_email("root@test").await.unwrap()
}

fn invalid_field(e: AppError) -> String {
    match e {
        AppError::Invalid(p) => p[0].field.clone().unwrap_or_default(),
        other => panic!("expected a refusal naming a field, got {other:?}"),
    }
}

#[tokio::test]
async fn an_invited_user_chooses_a_password_once_with_the_link() {
    let app = App::in_memory().await.unwrap();
    let root = admin(&app).await;
    let l = app
        .invite_user(&root, " fp.me@test ", Role::FocalPoint, Some("me"))
        .await
        .unwrap();
    assert_eq!(
        (l.purpose, l.user.economy.as_deref()),
        (LinkPurpose::Invite, Some("ME"))
    );
    // No password yet: signing in fails until the link is used.
    assert!(matches!(
        app.authenticate("fp.me@test", PW).await,
        Err(AppError::Unauthenticated)
    ));
    let (user, purpose) = app.password_link(&l.token).await.unwrap();
    assert_eq!((user.email.as_str(), purpose), ("fp.me@test", LinkPurpose::Invite));
    assert_eq!(
        invalid_field(app.set_password_by_link(&l.token, "short").await.unwrap_err()),
        "password"
    );
    let p = app.set_password_by_link(&l.token, PW).await.unwrap();
    assert_eq!((p.role, p.economy.as_deref()), (Role::FocalPoint, Some("ME")));
    assert_eq!(app.authenticate("fp.me@test", PW).await.unwrap().email, "fp.me@test");
    // The link worked once.
    assert_eq!(invalid_field(app.password_link(&l.token).await.unwrap_err()), "link");
    assert_eq!(
        invalid_field(
            app.set_password_by_link(&l.token, "another long password")
                .await
                .unwrap_err()
        ),
        "link"
    );
    assert_eq!(
        invalid_field(app.password_link("pwl_made_up").await.unwrap_err()),
        "link"
    );
    let log = app
        .audit(
            &root,
            &AuditQuery {
                limit: 20,
                ..Default::default()
            },
        )
        .await
        .unwrap();
    let actions: Vec<&str> = log.iter().map(|a| a.entry.action.as_str()).collect();
    assert!(
        actions.contains(&"user_invite") && actions.contains(&"password_set"),
        "{actions:?}"
    );
}

#[tokio::test]
async fn a_reset_stops_the_old_password_and_sessions_and_a_newer_link_replaces_an_older_one() {
    let app = App::in_memory().await.unwrap();
    let root = admin(&app).await;
    app.add_user(&root, "an@test", Role::Analyst, None, PW).await.unwrap();
    let p = app.authenticate("an@test", PW).await.unwrap();
    let (sid, _) = app.start_session(&p, 1).await.unwrap();
    let first = app.reset_password(&root, "an@test").await.unwrap();
    assert_eq!(first.purpose, LinkPurpose::Reset);
    assert!(
        app.authenticate("an@test", PW).await.is_err(),
        "the old password stopped"
    );
    assert!(app.session(&sid).await.is_err(), "the session ended");
    let second = app.reset_password(&root, "an@test").await.unwrap();
    assert_eq!(
        invalid_field(app.password_link(&first.token).await.unwrap_err()),
        "link"
    );
    app.set_password_by_link(&second.token, "a brand new passphrase")
        .await
        .unwrap();
    assert!(app.authenticate("an@test", "a brand new passphrase").await.is_ok());
    // A disabled account's link does not work.
    let third = app.reset_password(&root, "an@test").await.unwrap();
    app.set_user_disabled(&root, "an@test", true).await.unwrap();
    assert_eq!(
        invalid_field(app.password_link(&third.token).await.unwrap_err()),
        "link"
    );
}

#[tokio::test]
async fn roles_change_with_their_scope_and_never_ones_own() {
    let app = App::in_memory().await.unwrap();
    let root = admin(&app).await;
    app.add_user(&root, "v@test", Role::Viewer, None, PW).await.unwrap();
    let u = app
        .change_role(&root, "v@test", Role::FocalPoint, Some("xk"))
        .await
        .unwrap();
    assert_eq!((u.role.as_str(), u.economy.as_deref()), ("focal-point", Some("XK")));
    assert_eq!(app.principal_by_email("v@test").await.unwrap().role, Role::FocalPoint);
    assert_eq!(
        invalid_field(
            app.change_role(&root, "v@test", Role::FocalPoint, None)
                .await
                .unwrap_err()
        ),
        "economy"
    );
    assert_eq!(
        invalid_field(
            app.change_role(&root, "v@test", Role::Analyst, Some("RS"))
                .await
                .unwrap_err()
        ),
        "economy"
    );
    assert_eq!(
        invalid_field(
            app.change_role(&root, "v@test", Role::FocalPoint, Some("FR"))
                .await
                .unwrap_err()
        ),
        "economy"
    );
    let u = app.change_role(&root, "v@test", Role::Analyst, None).await.unwrap();
    assert_eq!((u.role.as_str(), u.economy), ("analyst", None));
    assert_eq!(
        invalid_field(
            app.change_role(&root, "root@test", Role::Viewer, None)
                .await
                .unwrap_err()
        ),
        "role"
    );
    assert_eq!(
        invalid_field(app.reset_password(&root, "root@test").await.unwrap_err()),
        "email"
    );
    assert_eq!(
        invalid_field(app.reset_password(&root, " ").await.unwrap_err()),
        "email"
    );
    assert!(matches!(
        app.reset_password(&root, "nobody@test").await,
        Err(AppError::NotFound { .. })
    ));
}

/// Issue 20: a case officer is scoped to an economy, a CoO liaison to a country; each is refused
/// without its scope or with the other kind of scope.
#[tokio::test]
async fn case_officers_have_an_economy_and_coo_liaisons_a_country() {
    let app = App::in_memory().await.unwrap();
    let root = admin(&app).await;
    let officer = app
        .add_user(&root, "co@test", Role::CaseOfficer, Some("rs"), PW)
        .await
        .unwrap();
    assert_eq!(
        (officer.role.as_str(), officer.economy.as_deref()),
        ("case-officer", Some("RS"))
    );
    let liaison = app
        .add_user(&root, "np@test", Role::CooLiaison, Some("np"), PW)
        .await
        .unwrap();
    assert_eq!(
        (liaison.role.as_str(), liaison.economy.as_deref()),
        ("coo-liaison", Some("NP"))
    );
    assert_eq!(app.principal_by_email("np@test").await.unwrap().role, Role::CooLiaison);
    for (role, scope) in [
        (Role::CaseOfficer, None),
        (Role::CaseOfficer, Some("NP")),
        (Role::CooLiaison, None),
        (Role::CooLiaison, Some("RS")),
        (Role::CooLiaison, Some("ZZ")),
    ] {
        let e = app.add_user(&root, "x@test", role, scope, PW).await.unwrap_err();
        assert_eq!(invalid_field(e), "economy", "{role:?} {scope:?}");
    }
    let moved = app
        .change_role(&root, "co@test", Role::CooLiaison, Some("BD"))
        .await
        .unwrap();
    assert_eq!(
        (moved.role.as_str(), moved.economy.as_deref()),
        ("coo-liaison", Some("BD"))
    );
}

#[tokio::test]
async fn only_admins_administer_accounts() {
    let app = App::in_memory().await.unwrap();
    let root = admin(&app).await;
    app.add_user(&root, "x@test", Role::Viewer, None, PW).await.unwrap();
    for role in [Role::Viewer, Role::FocalPoint, Role::Analyst] {
        let economy = (role == Role::FocalPoint).then_some("RS");
        let p = who(role, economy);
        let forbidden = |r: Result<(), AppError>| assert!(matches!(r, Err(AppError::Forbidden(_))), "{role:?}");
        forbidden(app.accounts(&p).await.map(|_| ()));
        forbidden(app.invite_user(&p, "new@test", Role::Viewer, None).await.map(|_| ()));
        forbidden(app.reset_password(&p, "x@test").await.map(|_| ()));
        forbidden(app.change_role(&p, "x@test", Role::Admin, None).await.map(|_| ()));
        forbidden(app.set_user_disabled(&p, "x@test", true).await.map(|_| ()));
    }
    let accounts = app.accounts(&root).await.unwrap();
    assert_eq!(accounts.len(), 2);
    assert!(accounts.iter().all(|a| a.has_password));
    // Inviting an address already in use is refused, naming the field.
    assert_eq!(
        invalid_field(app.invite_user(&root, "X@test", Role::Viewer, None).await.unwrap_err()),
        "email"
    );
}
