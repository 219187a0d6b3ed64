//! The analysis page: the six economies side by side with Kosovo* written as such, every score
//! with its evidence, and decisions on findings taken by analysts only.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use axum::http::StatusCode;

use crate::support::T;

#[tokio::test]
async fn the_analysis_page_compares_and_only_analysts_decide() {
    let t = T::new().await;
    let (cookie, _) = t.session("viewer@demo").await;
    let (s, page) = t.text("/analysis", &cookie).await;
    assert_eq!(s, StatusCode::OK);
    assert!(page.contains("Kosovo*") && page.contains("Scores by dimension") && page.contains("not ranked"));
    assert!(page.contains("INS-1") && page.contains("DAT-7"));
    assert!(
        !page.contains("name=\"status\" value=\"accepted\""),
        "viewers do not decide"
    );
    let key = t.app.analysis(&pathways_app::auth::system("t")).await.unwrap().findings[0]
        .candidate
        .key
        .clone();
    let decide = [("key", key.as_str()), ("status", "accepted"), ("version", "0")];
    let fp = t.session("fp-rs@demo").await;
    assert_eq!(
        t.submit("/analysis", &fp, &decide, false).await.0,
        StatusCode::FORBIDDEN
    );
    let analyst = t.session("analyst@demo").await;
    assert_eq!(
        t.submit("/analysis", &analyst, &decide, false).await.0,
        StatusCode::SEE_OTHER
    );
    let c = analyst.0;
    let (_, page) = t.text("/analysis", &c).await;
    assert!(page.contains("name=\"status\" value=\"accepted\"") && page.contains("rstate accepted"));

    // The documents: a list, a paper in the browser, the annex as XLSX; not for anonymous readers.
    let (s, list) = t.text("/documents", &cookie).await;
    assert_eq!(s, StatusCode::OK);
    assert!(list.contains("/documents/country-XK.html") && list.contains("Kosovo*"));
    let (s, paper) = t.text("/documents/country-XK.html", &cookie).await;
    assert_eq!(s, StatusCode::OK);
    assert!(paper.contains("UNSCR 1244/1999"));
    let (xlsx_type, bytes) = t.download("/documents/regional.xlsx", &cookie).await;
    assert!(xlsx_type.contains("spreadsheetml"));
    assert_eq!(&bytes[..2], b"PK", "an XLSX (zip) file");
    assert!(list.contains("/documents/regional.pdf"));
    let (pdf_type, bytes) = t.download("/documents/country-ME.pdf", &cookie).await;
    assert_eq!(pdf_type, "application/pdf");
    assert!(bytes.starts_with(b"%PDF-"), "a PDF file");
    let (s, _) = t.text("/documents/regional.html", "").await;
    assert_eq!(s, StatusCode::SEE_OTHER);
    // An unknown paper or format is the error page, in the signed-in page's frame (the error
    // travels out of the handler with `?` and is rendered by the UI error layer), with a way back.
    // Each paper in its economy's languages too: Serbia's in Cyrillic, North Macedonia's in
    // Macedonian and Albanian; a language Pathways does not write is no document.
    for (uri, tag) in [
        ("/documents/country-RS.sr-Cyrl.html", "sr-Cyrl"),
        ("/documents/country-MK.mk.html", "mk"),
        ("/documents/country-MK.sq.html", "sq"),
        ("/documents/regional.cnr.html", "cnr"),
    ] {
        assert!(list.contains(uri), "{uri} listed");
        let (s, paper) = t.text(uri, &cookie).await;
        assert_eq!(s, StatusCode::OK, "{uri}");
        assert!(paper.contains(&format!("<html lang=\"{tag}\"")), "{uri}");
        assert!(!paper.contains("Institutions and their mandates"), "{uri} in English");
    }
    let (_, paper) = t.text("/documents/country-RS.sr-Cyrl.html", &cookie).await;
    assert!(paper.contains("Србија: радне миграције"));
    assert!(list.contains("Српски (ћирилица)"), "the language is named");
    let (pdf_type, bytes) = t.download("/documents/country-RS.sr-Cyrl.pdf", &cookie).await;
    assert_eq!(pdf_type, "application/pdf");
    assert!(bytes.starts_with(b"%PDF-"));
    for uri in [
        "/documents/country-FR.html",
        "/documents/regional.odt",
        "/documents/nothing",
        "/documents/country-RS.xx.html",
        "/documents/country-RS.sr-cyrl.html",
        "/documents/regional.xx.html",
    ] {
        let (s, page) = t.text(uri, &cookie).await;
        assert_eq!(s, StatusCode::NOT_FOUND, "{uri}");
        assert!(
            page.contains("href=\"/documents\""),
            "{uri}: a link back to the documents"
        );
        assert!(page.contains("/logout"), "{uri}: the page knows who is signed in");
    }
}
