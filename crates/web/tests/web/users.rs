//! The administrator's user screens over HTTP: inviting shows a one-time link once, the invited
//! user chooses a password with it (and signs in), a role change and a reset take effect, and a
//! refused form says which field is wrong. Who may reach the screens is in the permission matrix.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use axum::http::{StatusCode, header};

use crate::support::T;

/// The one-time link's path in a page that shows one.
fn link_in(page: &str) -> String {
    let at = page.find("/welcome/pwl_").expect("a link on the page");
    page[at..].split(['<', '"']).next().unwrap().to_string()
}

/// An anonymous browser's form post: the pre-session cookie and the same value as its CSRF field.
async fn anonymous_post(t: &T, path: &str, form: &[(&str, &str)]) -> (StatusCode, axum::http::HeaderMap, String) {
    let mut fields = vec![("csrf_token", "pre-token")];
    fields.extend_from_slice(form);
    t.post(path, "pathways_pre=pre-token", &fields).await
}

#[tokio::test]
async fn an_admin_invites_a_focal_point_who_sets_a_password_and_signs_in() {
    let t = T::new().await;
    let (cookie, csrf) = t.session("admin@demo").await;
    let (s, _, page) = t.get("/admin/users", &cookie).await;
    assert_eq!(s, StatusCode::OK);
    assert!(
        page.contains("fp-rs@demo") && page.contains("focal point"),
        "roles as words"
    );
    let invite = [
        ("csrf_token", csrf.as_str()),
        ("email", "new.fp@example.org"),
        ("role", "focal-point"),
        ("economy", ""),
    ];
    let (s, _, page) = t.post("/admin/users", &cookie, &invite).await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "a focal point needs an economy");
    assert!(
        page.contains("economy") && page.contains("new.fp@example.org"),
        "the form keeps its values"
    );
    let invite = [
        ("csrf_token", csrf.as_str()),
        ("email", "new.fp@example.org"),
        ("role", "focal-point"),
        ("economy", "ME"),
    ];
    let (s, _, page) = t.post("/admin/users", &cookie, &invite).await;
    assert_eq!(s, StatusCode::OK);
    let link = link_in(&page);
    let (_, _, again) = t.get("/admin/users", &cookie).await;
    assert!(!again.contains(&link), "the link is shown once");
    assert!(again.contains("invited, no password yet"));

    let (s, _, welcome) = t.get(&link, "").await;
    assert_eq!(s, StatusCode::OK);
    assert!(welcome.contains("new.fp@example.org") && welcome.contains("You have been invited"));
    let (s, _, refused) = anonymous_post(
        &t,
        &link,
        &[("password", "a fine long password"), ("repeat", "another one")],
    )
    .await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(refused.contains("the two passwords differ"));
    let (s, h, _) = anonymous_post(
        &t,
        &link,
        &[("password", "a fine long password"), ("repeat", "a fine long password")],
    )
    .await;
    assert_eq!(s, StatusCode::SEE_OTHER);
    let to = h[header::LOCATION].to_str().unwrap();
    assert!(to.starts_with("/login?password-set"), "{to}");
    let (_, _, login) = t.get(to, "").await;
    assert!(login.contains("Your password is saved") && login.contains("new.fp@example.org"));
    let p = t
        .app
        .authenticate("new.fp@example.org", "a fine long password")
        .await
        .unwrap();
    assert_eq!(p.economy.as_deref(), Some("ME"));
    let (s, _, _) = t.get(&link, "").await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "the link worked once");
}

#[tokio::test]
async fn an_admin_changes_a_role_and_resets_a_password() {
    let t = T::new().await;
    let (cookie, csrf) = t.session("admin@demo").await;
    let change = [
        ("csrf_token", csrf.as_str()),
        ("email", "viewer@demo"),
        ("role", "analyst"),
        ("economy", ""),
    ];
    let (s, h, _) = t.post("/admin/users/role", &cookie, &change).await;
    assert_eq!(
        (s, h[header::LOCATION].to_str().unwrap()),
        (StatusCode::SEE_OTHER, "/admin/users")
    );
    assert_eq!(
        t.app.principal_by_email("viewer@demo").await.unwrap().role,
        pathways_app::domain::Role::Analyst
    );
    let (viewer_cookie, _) = t.session("fp-al@demo").await;
    let reset = [("csrf_token", csrf.as_str()), ("email", "fp-al@demo")];
    let (s, _, page) = t.post("/admin/users/reset", &cookie, &reset).await;
    assert_eq!(s, StatusCode::OK);
    assert!(page.contains("Password reset"));
    let link = link_in(&page);
    let (s, _, _) = t.get("/rounds", &viewer_cookie).await;
    assert_eq!(s, StatusCode::SEE_OTHER, "the reset user was signed out");
    let (_, _, welcome) = t.get(&link, "").await;
    assert!(welcome.contains("An administrator reset your password"));
    // An admin's own row offers no role change, reset or disabling.
    let (_, _, list) = t.get("/admin/users", &cookie).await;
    let own = &list[list.find("<td>admin@demo").unwrap()..];
    let own = &own[..own.find("</tr>").unwrap()];
    assert!(!own.contains("<form"), "{own}");
}
