//! Public pages speak the reader's language, not the database's: field names, vocabulary codes,
//! owners and references to institutions are shown as words; codes stay in links and exports.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use axum::http::StatusCode;

use crate::support::{T, visible};

#[tokio::test]
async fn lists_and_record_pages_show_words_not_codes() {
    let t = T::new().await;
    let (s, _, page) = t.get("/institutions?economy=RS", "").await;
    assert_eq!(s, StatusCode::OK);
    let text = visible(&page);
    assert!(
        text.contains("Public employment service") && text.contains("Serbia"),
        "kinds and owners as words"
    );
    assert!(!text.contains("employment_service") && !text.contains(" RS "), "{text}");
    assert!(text.contains("Name (English)"), "column headers are labels");

    let (_, _, page) = t.get("/relationships?economy=AL", "").await;
    let text = visible(&page);
    assert!(
        text.contains("National Agency for Employment and Skills"),
        "institutions by name"
    );
    assert!(!text.contains("al-akpa"), "{text}");

    let (_, _, page) = t.get("/observations?economy=RS", "").await;
    let text = visible(&page);
    let at = text
        .find("_T")
        .map(|i| &text[i.saturating_sub(80)..(i + 40).min(text.len())]);
    assert!(at.is_none() && text.contains("Total"), "totals as words: {at:?}");
    assert!(!text.contains("RS_WORK_PERMITS_NSZ "), "indicators by label");
    assert!(page.contains("<label>Indicator"), "filters are labelled");
    assert!(
        page.contains(">Work permits issued — Kosovo*<"),
        "shared labels told apart, Kosovo* as such"
    );

    let (_, _, page) = t.get("/institutions/rs-nsz", "").await;
    let text = visible(&page);
    for word in ["Name (local language)", "Labour demand", "Serbia", "UTC"] {
        assert!(text.contains(word), "{word} in {text}");
    }
    for code in ["name_local", "source_date", "demand;monitoring", "employment_service"] {
        assert!(!text.contains(code), "{code} in {text}");
    }
    assert!(page.contains("href=\"/economies/RS\""), "codes stay in links");
    let nanos = regex_like_nanos(&text);
    assert!(!nanos, "times to the minute, not nanoseconds: {text}");
}

/// Whether the text holds a time with fractional seconds (`13:08:35.729242299Z`).
fn regex_like_nanos(text: &str) -> bool {
    text.match_indices(':').any(|(i, _)| {
        let rest = &text[i + 1..];
        rest.len() > 4 && rest.as_bytes()[2] == b'.' && rest[..2].chars().all(|c| c.is_ascii_digit())
    })
}

/// Issue 17, point 14: an unknown list reads as such, in words ("no list of records `users`"),
/// not as the database's "collection with id".
#[tokio::test]
async fn an_unknown_list_says_so_in_words() {
    let t = T::new().await;
    let (s, _, page) = t.get("/users", "").await;
    assert_eq!(s, StatusCode::NOT_FOUND);
    assert!(page.contains("no list of records `users`"), "{}", visible(&page));
    assert!(!page.contains("with id"));
}

/// Issue 17, point 13: cumulative figures over overlapping periods are not drawn as bars side by
/// side (a later bar would read as growth); yearly figures are.
#[tokio::test]
async fn overlapping_cumulative_periods_are_not_drawn_as_growth() {
    let t = T::new().await;
    let (_, _, page) = t.get("/economies/RS", "").await;
    assert!(
        !page.contains("<title>Single permits positively resolved (permits)</title>"),
        "2024-02/2024-11 and 2024-02/2025-01 overlap"
    );
    assert!(
        page.contains("<title>Work permits issued (NSZ) (permits)</title>"),
        "yearly figures are charted"
    );
    assert!(page.contains("2024-02/2025-01"), "the figures stay in the table");
}

/// A validation exercise's state reads as words on its list and its page.
#[tokio::test]
async fn exercise_states_read_as_words() {
    let t = T::new().await;
    let (id, _) = crate::support::exercise_with_delegate(&t.app, "Priorities", "fp-rs@demo").await;
    let (cookie, _) = t.session("analyst@demo").await;
    for path in ["/exercises".to_string(), format!("/exercises/{id}")] {
        let (_, _, page) = t.get(&path, &cookie).await;
        assert!(page.contains(">being prepared<") && !page.contains(">draft<"), "{path}");
    }
}

/// Issue 17, point 13: the regional picture shows the stage × economy matrix (not only the
/// analysis page), every economy a column, Kosovo* as such, each cell in words.
#[tokio::test]
async fn the_regional_picture_shows_the_stage_by_economy_matrix() {
    let t = T::new().await;
    let (_, _, home) = t.get("/", "").await;
    let at = home.find("id=\"matrix\"").expect("the matrix section");
    let matrix = &home[at..];
    for name in ["Albania", "Kosovo*", "Serbia", "Labour demand"] {
        assert!(matrix.contains(name), "{name}");
    }
    assert!(
        matrix.contains(">partial<") || matrix.contains(">complete<"),
        "cells in words"
    );
}

/// Issue 17, point 13: a cross-economy chart of each economy's latest figure, every bar with its
/// own series and period in words, and a gap (not a zero) where an economy publishes none.
#[tokio::test]
async fn the_regional_picture_compares_each_economys_latest_figure_under_its_definition() {
    let t = T::new().await;
    let (_, _, home) = t.get("/", "").await;
    let at = home.find("id=\"compare\"").expect("the comparison");
    let chart = &home[at..at + home[at..].find("</svg>").unwrap()];
    assert!(chart.contains(">41,319<") && chart.contains("Single permits positively resolved"));
    assert!(
        chart.contains("February 2024 – January 2025"),
        "periods in words: {chart}"
    );
    assert!(chart.contains(">Kosovo*<") && !chart.contains("2024-02/2025-01"));
    // The card beside it gives the same period in words.
    assert!(
        home.contains("Work permits issued · January–June 2024"),
        "BA's half-year"
    );

    // Remove Kosovo*'s only figure: its row stays, as a gap.
    let analyst = pathways_app::auth::system("test");
    for o in t
        .app
        .list(&analyst, pathways_app::domain::Kind::Observation, &Default::default())
        .await
        .unwrap()
    {
        if o.owner.as_deref() == Some("XK") {
            t.app
                .delete(&analyst, pathways_app::domain::Kind::Observation, &o.id, o.version)
                .await
                .unwrap();
        }
    }
    let (_, _, home) = t.get("/", "").await;
    let at = home.find("id=\"compare\"").unwrap();
    let chart = &home[at..at + home[at..].find("</svg>").unwrap()];
    assert!(chart.contains("Kosovo*: no figure published"), "{chart}");
}
