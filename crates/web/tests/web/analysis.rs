//! The analysis page: the six economies side by side with Kosovo* written as such, every score
//! with its evidence, and decisions on findings taken by analysts only.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::net::SocketAddr;

use axum::body::Body;
use axum::extract::connect_info::MockConnectInfo;
use axum::http::{Request, StatusCode, header};
use http_body_util::BodyExt;
use pathways_app::App;
use pathways_web::{AppState, router};
use tower::ServiceExt;

const PW: &str = "a long test password";

/// A signed-in download: its content type and bytes (asserting a 200).
async fn download(r: &axum::Router, uri: &str, cookie: &str) -> (String, Vec<u8>) {
    let resp = r
        .clone()
        .oneshot(
            Request::builder()
                .uri(uri)
                .header(header::COOKIE, cookie)
                .body(Body::empty())
                .unwrap(),
        )
        .await
        .unwrap();
    assert_eq!(resp.status(), StatusCode::OK, "{uri}");
    let ty = resp.headers()[header::CONTENT_TYPE].to_str().unwrap().to_string();
    (ty, resp.into_body().collect().await.unwrap().to_bytes().to_vec())
}

async fn send(r: &axum::Router, req: Request<Body>) -> (StatusCode, String) {
    let resp = r.clone().oneshot(req).await.unwrap();
    let s = resp.status();
    (
        s,
        String::from_utf8_lossy(&resp.into_body().collect().await.unwrap().to_bytes()).into_owned(),
    )
}

#[tokio::test]
async fn the_analysis_page_compares_and_only_analysts_decide() {
    let app = App::in_memory().await.unwrap();
    app.ensure_demo_users(PW).await.unwrap();
    let r = router(AppState::new(app.clone(), None, true).unwrap())
        .layer(MockConnectInfo(SocketAddr::from(([127, 0, 0, 1], 9))));
    let session = |email: &'static str| {
        let app = app.clone();
        async move {
            let p = app.authenticate(email, PW).await.unwrap();
            let (sid, csrf) = app.start_session(&p, 1).await.unwrap();
            (format!("pathways_session={sid}"), csrf)
        }
    };
    let (cookie, _) = session("viewer@demo").await;
    let (s, page) = send(
        &r,
        Request::builder()
            .uri("/analysis")
            .header(header::COOKIE, &cookie)
            .body(Body::empty())
            .unwrap(),
    )
    .await;
    assert_eq!(s, StatusCode::OK);
    assert!(page.contains("Kosovo*") && page.contains("Scores by dimension") && page.contains("not ranked"));
    assert!(page.contains("INS-1") && page.contains("DAT-7"));
    assert!(
        !page.contains("name=\"status\" value=\"accepted\""),
        "viewers do not decide"
    );
    let key = app.analysis(&pathways_app::auth::system("t")).await.unwrap().findings[0]
        .candidate
        .key
        .clone();
    let post = |cookie: String, csrf: String| {
        Request::builder()
            .method("POST")
            .uri("/analysis")
            .header(header::HOST, "pathways.test")
            .header(header::ORIGIN, "https://pathways.test")
            .header(header::COOKIE, cookie)
            .header("x-csrf-token", csrf)
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .body(Body::from(
                serde_urlencoded::to_string([("key", key.as_str()), ("status", "accepted"), ("version", "0")]).unwrap(),
            ))
            .unwrap()
    };
    let (c, t) = session("fp-rs@demo").await;
    assert_eq!(send(&r, post(c, t)).await.0, StatusCode::FORBIDDEN);
    let (c, t) = session("analyst@demo").await;
    assert_eq!(send(&r, post(c.clone(), t)).await.0, StatusCode::SEE_OTHER);
    let (_, page) = send(
        &r,
        Request::builder()
            .uri("/analysis")
            .header(header::COOKIE, &c)
            .body(Body::empty())
            .unwrap(),
    )
    .await;
    assert!(page.contains("name=\"status\" value=\"accepted\"") && page.contains("rstate accepted"));

    // The documents: a list, a paper in the browser, the annex as XLSX; not for anonymous readers.
    let (s, list) = send(
        &r,
        Request::builder()
            .uri("/documents")
            .header(header::COOKIE, &cookie)
            .body(Body::empty())
            .unwrap(),
    )
    .await;
    assert_eq!(s, StatusCode::OK);
    assert!(list.contains("/documents/country-XK.html") && list.contains("Kosovo*"));
    let (s, paper) = send(
        &r,
        Request::builder()
            .uri("/documents/country-XK.html")
            .header(header::COOKIE, &cookie)
            .body(Body::empty())
            .unwrap(),
    )
    .await;
    assert_eq!(s, StatusCode::OK);
    assert!(paper.contains("UNSCR 1244/1999"));
    let (xlsx_type, bytes) = download(&r, "/documents/regional.xlsx", &cookie).await;
    assert!(xlsx_type.contains("spreadsheetml"));
    assert_eq!(&bytes[..2], b"PK", "an XLSX (zip) file");
    assert!(list.contains("/documents/regional.pdf"));
    let (pdf_type, bytes) = download(&r, "/documents/country-ME.pdf", &cookie).await;
    assert_eq!(pdf_type, "application/pdf");
    assert!(bytes.starts_with(b"%PDF-"), "a PDF file");
    let (s, _) = send(
        &r,
        Request::builder()
            .uri("/documents/regional.html")
            .body(Body::empty())
            .unwrap(),
    )
    .await;
    assert_eq!(s, StatusCode::SEE_OTHER);
    // An unknown paper or format is the error page, in the signed-in page's frame (the error
    // travels out of the handler with `?` and is rendered by the UI error layer), with a way back.
    for uri in [
        "/documents/country-FR.html",
        "/documents/regional.odt",
        "/documents/nothing",
    ] {
        let (s, page) = send(
            &r,
            Request::builder()
                .uri(uri)
                .header(header::COOKIE, &cookie)
                .body(Body::empty())
                .unwrap(),
        )
        .await;
        assert_eq!(s, StatusCode::NOT_FOUND, "{uri}");
        assert!(
            page.contains("href=\"/documents\""),
            "{uri}: a link back to the documents"
        );
        assert!(page.contains("/logout"), "{uri}: the page knows who is signed in");
    }
}
