//! The seven languages: every locale has every English message with the same variables, Serbian
//! Cyrillic is exactly Serbian Latin in the other script, and a page speaks the language asked
//! for by `?lang=`, by the switcher (saved with the account), or by the browser.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use pathways_app::domain::script::cyrillic_to_latin;
use pathways_web::i18n::{Locale, Messages, ftl, variables};

use crate::support::T;

#[test]
fn every_locale_has_every_english_message_with_the_same_variables() {
    let en = variables(&ftl(Locale::En));
    assert!(en.len() > 900, "{}", en.len());
    for l in Locale::ALL {
        let other = variables(&ftl(l));
        let missing: Vec<&String> = en.keys().filter(|k| !other.contains_key(*k)).collect();
        assert!(
            missing.is_empty(),
            "{l} lacks {} messages: {:?}…",
            missing.len(),
            &missing[..missing.len().min(10)]
        );
        let unknown: Vec<&String> = other.keys().filter(|k| !en.contains_key(*k)).collect();
        assert!(unknown.is_empty(), "{l} has messages English does not: {unknown:?}");
        for (id, vars) in &en {
            assert_eq!(other.get(id), Some(vars), "{l}: `{id}` must use the variables {vars:?}");
        }
    }
}

#[test]
fn a_message_file_that_breaks_the_rule_is_caught() {
    // The check above is only as good as `variables`: it must see a renamed or dropped variable.
    let en = variables("a = { $n } records\nb = Plain\n");
    let bad = variables("a = { $count } zapisa\nb = Obično { $x }\n");
    assert_ne!(en.get("a"), bad.get("a"));
    assert_ne!(en.get("b"), bad.get("b"));
    let select = variables("c = { $n ->\n   [one] one { $what }\n  *[other] many\n}\n");
    assert_eq!(select["c"].iter().collect::<Vec<_>>(), ["n", "what"]);
}

#[test]
fn serbian_cyrillic_is_serbian_latin_in_the_other_script() {
    let m = Messages::load().unwrap();
    let ids = variables(&ftl(Locale::SrLatn));
    for id in ids.keys() {
        let latin = m.t_in(Locale::SrLatn, id);
        let cyrillic = m.t_in(Locale::SrCyrl, id);
        assert_eq!(cyrillic_to_latin(&cyrillic), latin, "{id}");
        // No Serbian Latin letter is left over, outside what Cyrillic texts keep in Latin.
        for word in cyrillic.split_whitespace() {
            let w = word.trim_matches(|c: char| !c.is_alphanumeric());
            assert!(
                !w.chars().any(|c| "čćđšžČĆĐŠŽ".contains(c)),
                "{id}: `{word}` is still Latin in `{cyrillic}`"
            );
        }
    }
    assert_eq!(m.t_in(Locale::SrCyrl, "nav-map"), "Мапа");
}

#[test]
fn pages_in_a_draft_locale_say_so_and_english_does_not() {
    let m = Messages::load().unwrap();
    assert!(pathways_web::i18n::sync_scope(Locale::Sq, || m.is_draft()));
    assert!(!pathways_web::i18n::sync_scope(Locale::En, || m.is_draft()));
}

fn html_lang(page: &str) -> &str {
    let at = page.find("<html lang=\"").unwrap() + 12;
    &page[at..at + page[at..].find('"').unwrap()]
}

#[tokio::test]
async fn lang_in_the_address_chooses_the_language_and_sticks() {
    let t = T::new().await;
    let (s, h, page) = t.get("/institutions?lang=sq", "").await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(html_lang(&page), "sq");
    assert!(page.contains("Institucionet"), "the page is in Albanian");
    assert!(page.contains("class=\"draft-note\""), "a draft translation says so");
    assert_eq!(h.get(header::CONTENT_LANGUAGE).unwrap(), "sq");
    let cookie = h
        .get_all(header::SET_COOKIE)
        .iter()
        .find_map(|v| v.to_str().ok().filter(|v| v.starts_with("pathways_lang=sq")))
        .expect("the choice is kept");
    // The next page, without the parameter, stays in Albanian.
    let (_, _, next) = t.get("/practices", cookie.split(';').next().unwrap()).await;
    assert_eq!(html_lang(&next), "sq");
    // Other parameters of the address still reach the page.
    let (s, _, _) = t.get("/institutions?economy=RS&lang=mk", "").await;
    assert_eq!(s, StatusCode::OK);
    // An unknown language is English.
    let (_, _, en) = t.get("/institutions?lang=xx", "").await;
    assert_eq!(html_lang(&en), "en");
    assert!(!en.contains("class=\"draft-note\""));
}

#[tokio::test]
async fn the_browser_language_decides_for_visitors() {
    let t = T::new().await;
    let req = Request::builder()
        .uri("/")
        .header(header::ACCEPT_LANGUAGE, "de-DE,de;q=0.9,mk;q=0.8,en;q=0.5")
        .body(Body::empty())
        .unwrap();
    let (_, _, page) = t.send(req).await;
    assert_eq!(html_lang(&page), "mk");
    let (_, _, page) = t.get("/", "").await;
    assert_eq!(html_lang(&page), "en");
}

#[tokio::test]
async fn a_users_language_is_saved_with_the_account_and_audited() {
    let t = T::new().await;
    let (cookie, csrf) = t.session("fp-rs@demo").await;
    let (s, h, _) = t
        .post_form(
            "/account/language",
            &cookie,
            &[("csrf_token", &csrf), ("lang", "sr-Cyrl"), ("back", "/rounds")],
            None,
        )
        .await;
    assert_eq!(s, StatusCode::SEE_OTHER);
    assert_eq!(h.get(header::LOCATION).unwrap(), "/rounds");
    assert!(
        h.get_all(header::SET_COOKIE)
            .iter()
            .any(|v| v.to_str().unwrap().starts_with("pathways_lang=sr-Cyrl"))
    );
    let p = t.app.principal_by_email("fp-rs@demo").await.unwrap();
    assert_eq!(t.app.language(&p).await.unwrap(), Some(Locale::SrCyrl));
    let (_, audit) = t
        .text("/audit?actor=fp-rs%40demo", &t.session("admin@demo").await.0)
        .await;
    assert!(
        audit.contains("sr-Cyrl"),
        "the change is audited: {}",
        &audit[audit.find("<main").unwrap()..]
    );
    // The page in Serbian Cyrillic.
    let (_, _, page) = t.get("/account", &format!("{cookie}; pathways_lang=sr-Cyrl")).await;
    assert_eq!(html_lang(&page), "sr-Cyrl");
    assert!(page.contains("Мој налог"), "{}", &page[..page.len().min(3000)]);
    // A language that does not exist is refused and changes nothing.
    let (s, _, _) = t
        .post_form(
            "/account/language",
            &cookie,
            &[("csrf_token", &csrf), ("lang", "xx")],
            None,
        )
        .await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(t.app.language(&p).await.unwrap(), Some(Locale::SrCyrl));
    // Without the CSRF token nothing is saved.
    let (s, _, _) = t.post_form("/account/language", &cookie, &[("lang", "en")], None).await;
    assert_eq!(s, StatusCode::FORBIDDEN);
    assert_eq!(t.app.language(&p).await.unwrap(), Some(Locale::SrCyrl));
}

#[tokio::test]
async fn an_api_error_speaks_the_callers_language_and_keeps_its_code() {
    let t = T::new().await;
    let token = t.token("viewer@demo").await;
    let ask = |lang: &'static str| {
        Request::builder()
            .uri("/api/v1/institutions/nowhere")
            .header(header::AUTHORIZATION, format!("Bearer {token}"))
            .header(header::ACCEPT_LANGUAGE, lang)
            .body(Body::empty())
            .unwrap()
    };
    let (s, _, body) = t.send(ask("sq")).await;
    assert_eq!(s, StatusCode::NOT_FOUND);
    let v: serde_json::Value = serde_json::from_str(&body).unwrap();
    assert_eq!(v["error"]["code"], "not_found");
    assert_eq!(v["error"]["message"], "nuk ka institucion `nowhere`");
    let (_, _, body) = t.send(ask("en")).await;
    let v: serde_json::Value = serde_json::from_str(&body).unwrap();
    assert_eq!(v["error"]["message"], "no institution `nowhere`");
    let (_, _, body) = t.send(ask("sr-Cyrl")).await;
    let v: serde_json::Value = serde_json::from_str(&body).unwrap();
    assert_eq!(v["error"]["message"], "не постоји институција `nowhere`");
    // A refusal's reason too.
    let audit = Request::builder()
        .uri("/api/v1/audit")
        .header(header::AUTHORIZATION, format!("Bearer {token}"))
        .header(header::ACCEPT_LANGUAGE, "mk")
        .body(Body::empty())
        .unwrap();
    let (s, _, body) = t.send(audit).await;
    assert_eq!(s, StatusCode::FORBIDDEN);
    let v: serde_json::Value = serde_json::from_str(&body).unwrap();
    assert_eq!(v["error"]["code"], "forbidden");
    assert_eq!(
        v["error"]["message"],
        "дневникот за ревизија можат да го читаат само администраторите и аналитичарите"
    );
}

#[tokio::test]
async fn a_refusal_and_its_reason_are_said_in_the_callers_language() {
    let t = T::new().await;
    let token = t.token("fp-al@demo").await;
    let delete = |lang: &'static str| {
        Request::builder()
            .method("DELETE")
            .uri("/api/v1/institutions/rs-nsz?version=1")
            .header(header::AUTHORIZATION, format!("Bearer {token}"))
            .header(header::ACCEPT_LANGUAGE, lang)
            .body(Body::empty())
            .unwrap()
    };
    let said = |body: String| serde_json::from_str::<serde_json::Value>(&body).unwrap()["error"]["message"].clone();
    let (s, _, body) = t.send(delete("en")).await;
    assert_eq!(s, StatusCode::FORBIDDEN);
    assert_eq!(
        said(body),
        "you may not delete data of RS (you are a focal point for AL)"
    );
    let (_, _, body) = t.send(delete("sq")).await;
    assert_eq!(
        said(body),
        "nuk mund të fshini të dhënat e RS (jeni pikë kontakti për AL)"
    );
    let (_, _, body) = t.send(delete("sr-Cyrl")).await;
    assert_eq!(
        said(body),
        "не смете брисати податке за RS (ви сте контакт особа за AL)"
    );
    let (_, _, body) = t.send(delete("bs")).await;
    assert_eq!(
        said(body),
        "ne smijete brisati podatke za RS (vi ste kontakt osoba za AL)"
    );
    // A code's English label inside a use case's problem is the reader's label for the code.
    let tr = |l: Locale, m: &str| pathways_web::i18n::sync_scope(l, || pathways_web::i18n::said(m));
    let m = pathways_app::domain::wording::say(
        "case-cannot-move",
        &[("case_state", "awaiting coo"), ("to_state", "received")],
    );
    assert_eq!(
        tr(Locale::En, &m),
        "a case cannot move from Awaiting the Country of Origin to Received"
    );
    assert!(
        tr(Locale::Mk, &m).starts_with("предметот не може да премине од состојба "),
        "{}",
        tr(Locale::Mk, &m)
    );
    assert!(!tr(Locale::Mk, &m).contains("awaiting"), "{}", tr(Locale::Mk, &m));

    // A check's explanation kept with a case is said again in the reader's words, the records
    // and comparisons it lists included (a comparison may hold the list's own separator).
    use pathways_app::domain::wording::say as w;
    let agreement = [
        w("cmp-name-alike", &[("similarity", "0.94")]),
        w("cmp-dob-1-january", &[]),
        w("cmp-passport-else", &[]),
    ]
    .join(", ");
    let record = w(
        "earlier-record-probability",
        &[
            (
                "what",
                &w(
                    "record-case",
                    &[("id", "case_1"), ("day", "2026-03-01"), ("outcome", "in screening")],
                ),
            ),
            ("agreement", &agreement),
            ("probability", "62 %"),
        ],
    );
    let m = w("check-earlier-suggested", &[("count", "1"), ("records", &record)]);
    assert_eq!(tr(Locale::En, &m), m);
    let sq = tr(Locale::Sq, &m);
    assert!(sq.starts_with("Regjistrime që mund të jenë i njëjti person (1): çështja case_1, aplikuar më 2026-03-01: në verifikim — emra të ngjashëm (ngjashmëri të paktën 0.94), e njëjta datëlindje, 1 janar"), "{sq}");
    assert!(sq.contains(", numra pasaporte të ndryshëm (pasaportë e rinovuar ose dokument tjetër) — probabiliteti i përputhjes 62 %."), "{sq}");
    let cyrillic = tr(Locale::SrCyrl, &m);
    assert!(cyrillic.contains("исти датум рођења, 1. јануар"), "{cyrillic}");
    assert!(!cyrillic.contains("same"), "{cyrillic}");
    // A list whose items end in a value: each item is read alone.
    let registers = ["Albania", "Montenegro", "North Macedonia", "Kosovo*"]
        .map(|e| {
            w(
                "abroad-register",
                &[("economy", e), ("count", "244"), ("day", "2026-12-07")],
            )
        })
        .join("; ");
    let m = w("check-abroad-pass", &[("registers", &registers), ("threshold", "0.80")]);
    let mk = tr(Locale::Mk, &m);
    assert!(
        mk.contains("Albania: 244 записи, извезено на 2026-12-07; Montenegro: 244 записи"),
        "{mk}"
    );
    assert!(mk.contains("; Kosovo*: 244 записи, извезено на 2026-12-07"), "{mk}");
    assert!(!mk.contains("records"), "{mk}");
}

#[tokio::test]
async fn lists_follow_the_readers_alphabet() {
    let t = T::new().await;
    let order = |page: &str, names: &[&str]| -> Vec<usize> {
        let body = &page[page.find("<tbody").unwrap()..];
        names.iter().map(|n| body.find(n).unwrap_or(usize::MAX)).collect()
    };
    // Albanian: "sh" is a letter after "s", so Serbia comes before Shqipëria (Albania).
    let (_, _, sq) = t.get("/institutions?lang=sq", "").await;
    let at = order(&sq, &["Bosnja dhe Hercegovina", "Serbia", "Shqipëria"]);
    assert!(at[0] < at[1] && at[1] < at[2], "{at:?}");
    // English: Albania first.
    let (_, _, en) = t.get("/institutions?lang=en", "").await;
    let at = order(&en, &["Albania", "Bosnia and Herzegovina", "Serbia"]);
    assert!(at[0] < at[1] && at[1] < at[2], "{at:?}");
}

#[test]
fn values_read_in_the_page_language() {
    let _ = Messages::load().map(|m| pathways_web::i18n::set_global(std::sync::Arc::new(m)));
    let yes = serde_json::Value::Bool(true);
    assert_eq!(
        pathways_web::i18n::sync_scope(Locale::Sq, || pathways_web::ui::text(&yes)),
        "po"
    );
    assert_eq!(
        pathways_web::i18n::sync_scope(Locale::En, || pathways_web::ui::text(&yes)),
        "yes"
    );
    let n = serde_json::json!(50397);
    assert_eq!(
        pathways_web::i18n::sync_scope(Locale::SrLatn, || pathways_web::ui::text(&n)),
        "50.397"
    );
}

#[test]
fn the_english_problem_messages_are_the_domains_own_wording() {
    // One source of the English: the interface's `problem-<id>` say exactly what the domain says.
    let en = ftl(Locale::En);
    for (id, text) in pathways_app::domain::wording::texts() {
        // `{name}` in the domain is `{ $name }` in Fluent.
        let mut want = String::new();
        let mut rest = *text;
        while let Some(open) = rest.find('{') {
            let close = open + rest[open..].find('}').unwrap();
            want.push_str(&rest[..open]);
            want.push_str(&format!("{{ ${} }}", &rest[open + 1..close]));
            rest = &rest[close + 1..];
        }
        want.push_str(rest);
        assert!(
            en.contains(&format!("\nproblem-{id} = {want}\n")),
            "problem-{id}: {want}"
        );
    }
}

#[tokio::test]
async fn a_records_problems_are_said_in_the_readers_language() {
    let t = T::new().await;
    let p = pathways_app::domain::Problem::field(
        "source_date",
        pathways_app::domain::wording::say("source-date", &[("date", "2025-13")]),
    );
    let said = |l: Locale| pathways_web::i18n::sync_scope(l, || pathways_web::i18n::problem(&p));
    assert_eq!(
        said(Locale::En),
        "Source date: `2025-13` is not a date (YYYY, YYYY-MM or YYYY-MM-DD)"
    );
    assert!(
        said(Locale::Sq).ends_with("`2025-13` nuk është datë (VVVV, VVVV-MM ose VVVV-MM-DD)"),
        "{}",
        said(Locale::Sq)
    );
    assert!(said(Locale::SrCyrl).contains("није датум"), "{}", said(Locale::SrCyrl));
    // A problem no one worded stays as written; a file's column keeps its name.
    let raw = pathways_app::domain::Problem {
        file: "figures.csv".into(),
        line: Some(3),
        field: Some("OBS_VALUE".into()),
        message: "not a number".into(),
    };
    let f = pathways_web::i18n::sync_scope(Locale::Mk, || pathways_web::i18n::problem(&raw));
    assert_eq!(f, "figures.csv:3: колона `OBS_VALUE`: not a number");
    // The API says a record's problems in the caller's language, keeping where.
    let token = t.token("analyst@demo").await;
    let req = Request::builder()
        .method("POST")
        .uri("/api/v1/institutions")
        .header(header::AUTHORIZATION, format!("Bearer {token}"))
        .header(header::ACCEPT_LANGUAGE, "sr-Latn")
        .header(header::CONTENT_TYPE, "application/json")
        .body(Body::from(
            serde_json::json!({"id": "rs-x", "economy": "RS", "name": "", "kind": "ministry", "mandate": "m",
                "stages": [], "power": 3, "interest": 3,
                "provenance": {"source": "https://x.org", "date": "2025", "confidence": "high"}})
            .to_string(),
        ))
        .unwrap();
    let (s, _, body) = t.send(req).await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    let v: serde_json::Value = serde_json::from_str(&body).unwrap();
    let problems = v["error"]["problems"].as_array().unwrap();
    assert!(
        problems
            .iter()
            .any(|p| p["field"] == "name" && p["message"] == "obavezno polje"),
        "{body}"
    );
}
