//! The menu as each role sees it: a skip link to the content first, every entry leads to a page
//! whose title carries the entry's words, the entry of the page the user is on (or a page below
//! it) is marked as current, and viewers are offered no import.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use axum::http::StatusCode;

use crate::support::T;

/// The menu's entries: (href, label, marked current).
fn menu(page: &str) -> Vec<(String, String, bool)> {
    let nav = &page[page.find("<nav aria-label=").unwrap()..];
    let nav = &nav[..nav.find("</nav>").unwrap()];
    nav.split("<a href=\"")
        .skip(1)
        .map(|a| {
            let href = a[..a.find('"').unwrap()].to_string();
            let label = a[a.find('>').unwrap() + 1..a.find("</a>").unwrap()].to_string();
            (href, label, a[..a.find('>').unwrap()].contains("aria-current=\"page\""))
        })
        .collect()
}

fn h1(page: &str) -> String {
    let at = page.find("<h1>").expect("a page title");
    page[at + 4..at + page[at..].find("</h1>").unwrap()].to_string()
}

#[tokio::test]
async fn every_menu_entry_leads_to_the_page_it_names_and_the_current_one_is_marked() {
    let t = T::new().await;
    let (cookie, _) = t.session("admin@demo").await;
    let (_, _, home) = t.get("/", &cookie).await;
    assert!(
        home.find("class=\"skip-link\" href=\"#main\"").unwrap() < home.find("<nav").unwrap(),
        "the skip link comes first"
    );
    assert!(home.contains("<main id=\"main\">"));
    let entries = menu(&home);
    assert!(entries.len() >= 15, "{entries:?}");
    for (href, label, _) in &entries {
        if href == "/" || href == "/api/docs" {
            continue;
        }
        let (s, _, page) = t.get(href, &cookie).await;
        assert_eq!(s, StatusCode::OK, "{href}");
        let title = h1(&page);
        assert!(
            title.to_lowercase().contains(&label.to_lowercase()),
            "the menu says `{label}` for {href}, whose title is `{title}`"
        );
        let marked: Vec<String> = menu(&page).into_iter().filter(|e| e.2).map(|e| e.0).collect();
        assert_eq!(marked, vec![href.clone()], "only {href} is marked on its own page");
    }
    // A page below an entry marks the entry.
    let (_, _, record) = t.get("/institutions/rs-nsz", &cookie).await;
    let marked: Vec<String> = menu(&record).into_iter().filter(|e| e.2).map(|e| e.0).collect();
    assert_eq!(marked, ["/institutions"]);
}

#[tokio::test]
async fn viewers_are_offered_no_import_and_anonymous_readers_see_the_map() {
    let t = T::new().await;
    let (viewer, _) = t.session("viewer@demo").await;
    let (_, _, page) = t.get("/", &viewer).await;
    let hrefs: Vec<String> = menu(&page).into_iter().map(|e| e.0).collect();
    assert!(
        !hrefs.contains(&"/import".to_string()) && hrefs.contains(&"/rounds".to_string()),
        "{hrefs:?}"
    );
    let (_, _, page) = t.get("/", "").await;
    let hrefs: Vec<String> = menu(&page).into_iter().map(|e| e.0).collect();
    assert!(hrefs.contains(&"/institutions".to_string()) && !hrefs.contains(&"/rounds".to_string()));
}
