//! Public pages kept for anonymous readers: served from memory until the next change, never
//! for a signed-in reader, and each language kept apart.

use axum::http::StatusCode;
use serde_json::json;

use crate::support::T;

#[tokio::test]
async fn a_public_page_is_kept_until_the_next_change_and_only_for_anonymous_readers() {
    let t = T::new().await;
    let hits = || t.state.pages.hits();
    let (s, _, first) = t.get("/economies/RS", "").await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(hits(), 0);
    let (_, headers, again) = t.get("/economies/RS", "").await;
    assert_eq!(hits(), 1, "the second anonymous reading is served from memory");
    assert_eq!(first, again);
    assert!(
        headers.get("content-security-policy").is_some(),
        "the edge's headers are still added"
    );

    // Another language is another page.
    let (_, _, albanian) = t.get("/economies/RS?lang=sq", "").await;
    assert_ne!(albanian, first);

    // A signed-in reader is never served a kept page, nor leaves one.
    let (cookie, _) = t.session("analyst@demo").await;
    let before = hits();
    let (_, _, signed_in) = t.get("/economies/RS", &cookie).await;
    let _ = t.get("/economies/RS", &cookie).await;
    assert_eq!(hits(), before);
    assert!(signed_in.contains("analyst@demo"));
    assert!(!first.contains("analyst@demo"));

    // A change to the map: the next anonymous reading shows it.
    let token = t.token("analyst@demo").await;
    let (_, current) = t.api_as("GET", "/api/v1/institutions/rs-nsz", &token, None).await;
    let (s, v) = t
        .api_as(
            "PATCH",
            "/api/v1/institutions/rs-nsz",
            &token,
            Some(json!({"version": current["version"], "name": "National Employment Service (renamed)"})),
        )
        .await;
    assert_eq!(s, StatusCode::OK, "{v}");
    let before = hits();
    let (_, _, after) = t.get("/economies/RS", "").await;
    assert_eq!(hits(), before, "rendered again after the change");
    assert!(after.contains("National Employment Service (renamed)"));
    let _ = t.get("/economies/RS", "").await;
    assert_eq!(hits(), before + 1, "and kept again");
}
