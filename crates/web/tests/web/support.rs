//! The one test harness of the web tests: an in-memory application with the demo accounts, its
//! router (with a client address, as a real connection has), and requests as a browser or an API
//! client makes them.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::net::SocketAddr;

use axum::Router;
use axum::body::Body;
use axum::extract::connect_info::MockConnectInfo;
use axum::http::{Request, StatusCode, header};
use http_body_util::BodyExt;
use pathways_app::App;
use pathways_web::{AppState, router};
use serde_json::Value;
use tower::ServiceExt;

pub(crate) const PW: &str = "a long test password";

pub(crate) struct T {
    pub(crate) router: Router,
    pub(crate) app: App,
    pub(crate) state: AppState,
}

impl T {
    pub(crate) async fn new() -> T {
        let app = App::in_memory().await.unwrap();
        app.ensure_demo_users(PW).await.unwrap();
        let state = AppState::new(app.clone(), None, true).unwrap();
        T {
            router: router(state.clone()).layer(MockConnectInfo(SocketAddr::from(([127, 0, 0, 1], 9999)))),
            app,
            state,
        }
    }

    /// The response as it is: status, headers and the body's bytes.
    pub(crate) async fn send_raw(&self, req: Request<Body>) -> (StatusCode, axum::http::HeaderMap, Vec<u8>) {
        let r = self.router.clone().oneshot(req).await.unwrap();
        let (parts, body) = r.into_parts();
        let bytes = body.collect().await.unwrap().to_bytes();
        (parts.status, parts.headers, bytes.to_vec())
    }

    pub(crate) async fn send(&self, req: Request<Body>) -> (StatusCode, axum::http::HeaderMap, String) {
        let (s, h, b) = self.send_raw(req).await;
        (s, h, String::from_utf8_lossy(&b).into_owned())
    }

    pub(crate) async fn token(&self, email: &str) -> String {
        self.app
            .issue_token(&pathways_app::auth::system("test"), email, 90, "test")
            .await
            .unwrap()
    }

    /// A signed-in browser: the session cookie and its CSRF token.
    pub(crate) async fn session(&self, email: &str) -> (String, String) {
        let p = self.app.authenticate(email, PW).await.unwrap();
        let (sid, csrf) = self.app.start_session(&p, 1).await.unwrap();
        (format!("pathways_session={sid}"), csrf)
    }

    pub(crate) async fn api(
        &self,
        method: &str,
        path: &str,
        token: Option<&str>,
        body: Option<Value>,
    ) -> (StatusCode, Value) {
        let mut b = Request::builder().method(method).uri(path);
        if let Some(t) = token {
            b = b.header(header::AUTHORIZATION, format!("Bearer {t}"));
        }
        let req = match body {
            Some(v) => b
                .header(header::CONTENT_TYPE, "application/json")
                .body(Body::from(v.to_string()))
                .unwrap(),
            None => b.body(Body::empty()).unwrap(),
        };
        let (s, _, text) = self.send(req).await;
        (s, serde_json::from_str(&text).unwrap_or(Value::Null))
    }

    pub(crate) async fn page(&self, path: &str, cookie: Option<&str>) -> (StatusCode, axum::http::HeaderMap, String) {
        let mut b = Request::builder().uri(path);
        if let Some(c) = cookie {
            b = b.header(header::COOKIE, c);
        }
        self.send(b.body(Body::empty()).unwrap()).await
    }

    pub(crate) async fn post_form(
        &self,
        path: &str,
        cookie: &str,
        form: &[(&str, &str)],
        origin: Option<&str>,
    ) -> (StatusCode, axum::http::HeaderMap, String) {
        let mut b = Request::builder()
            .method("POST")
            .uri(path)
            .header(header::HOST, "pathways.test")
            .header(header::COOKIE, cookie)
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded");
        if let Some(o) = origin {
            b = b.header(header::ORIGIN, o);
        }
        self.send(b.body(Body::from(serde_urlencoded::to_string(form).unwrap())).unwrap())
            .await
    }

    /// A GET with a cookie (`""` for none).
    pub(crate) async fn get(&self, path: &str, cookie: &str) -> (StatusCode, axum::http::HeaderMap, String) {
        self.page(path, (!cookie.is_empty()).then_some(cookie)).await
    }

    /// The API with a token.
    pub(crate) async fn api_as(
        &self,
        method: &str,
        path: &str,
        token: &str,
        body: Option<Value>,
    ) -> (StatusCode, Value) {
        self.api(method, path, Some(token), body).await
    }

    /// A page's status and text, with a cookie (`""` for none).
    pub(crate) async fn text(&self, path: &str, cookie: &str) -> (StatusCode, String) {
        let (s, _, body) = self.get(path, cookie).await;
        (s, body)
    }

    /// A signed-in download: its content type and bytes (asserting a 200).
    pub(crate) async fn download(&self, path: &str, cookie: &str) -> (String, Vec<u8>) {
        let req = Request::builder().uri(path).header(header::COOKIE, cookie);
        let (s, h, bytes) = self.send_raw(req.body(Body::empty()).unwrap()).await;
        assert_eq!(s, StatusCode::OK, "{path}");
        (h[header::CONTENT_TYPE].to_str().unwrap().to_string(), bytes)
    }

    /// A form a signed-in page posts as the browser does: from the same origin, with the CSRF token
    /// in its header (as htmx sends it), and marked as an htmx request when `htmx`.
    pub(crate) async fn submit(
        &self,
        path: &str,
        (cookie, csrf): &(String, String),
        form: &[(&str, &str)],
        htmx: bool,
    ) -> (StatusCode, axum::http::HeaderMap, String) {
        let mut b = Request::builder()
            .method("POST")
            .uri(path)
            .header(header::HOST, "pathways.test")
            .header(header::ORIGIN, "https://pathways.test")
            .header(header::COOKIE, cookie)
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .header("x-csrf-token", csrf);
        if htmx {
            b = b.header("hx-request", "true");
        }
        self.send(b.body(Body::from(serde_urlencoded::to_string(form).unwrap())).unwrap())
            .await
    }

    /// The API as `email` (with a token issued for the call), a JSON body or none.
    pub(crate) async fn api_by(
        &self,
        method: &str,
        path: &str,
        email: &str,
        body: Option<Value>,
    ) -> (StatusCode, Value) {
        let token = self.token(email).await;
        self.api(method, path, Some(&token), body).await
    }

    /// The API as `email` with a body of any content type; the answer's bytes.
    pub(crate) async fn api_bytes(
        &self,
        method: &str,
        path: &str,
        email: &str,
        body: Option<Body>,
        content_type: &str,
    ) -> (StatusCode, Vec<u8>) {
        let token = self.token(email).await;
        let req = Request::builder()
            .method(method)
            .uri(path)
            .header(header::AUTHORIZATION, format!("Bearer {token}"))
            .header(header::CONTENT_TYPE, content_type)
            .body(body.unwrap_or_else(Body::empty))
            .unwrap();
        let (s, _, b) = self.send_raw(req).await;
        (s, b)
    }

    /// A same-site form post (no `Origin` header).
    pub(crate) async fn post(
        &self,
        path: &str,
        cookie: &str,
        form: &[(&str, &str)],
    ) -> (StatusCode, axum::http::HeaderMap, String) {
        self.post_form(path, cookie, form, None).await
    }

    /// A file posted as a browser posts a form: the CSRF token as a field, then the file.
    pub(crate) async fn upload(
        &self,
        path: &str,
        cookie: &str,
        csrf: &str,
        name: &str,
        bytes: &[u8],
    ) -> (StatusCode, String) {
        let boundary = "test-boundary";
        let mut body = format!(
            "--{boundary}\r\nContent-Disposition: form-data; name=\"csrf_token\"\r\n\r\n{csrf}\r\n--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{name}\"\r\nContent-Type: application/octet-stream\r\n\r\n"
        )
        .into_bytes();
        body.extend_from_slice(bytes);
        body.extend_from_slice(format!("\r\n--{boundary}--\r\n").as_bytes());
        let (s, _, text) = self
            .send(
                Request::builder()
                    .method("POST")
                    .uri(path)
                    .header(header::COOKIE, cookie)
                    .header(
                        header::CONTENT_TYPE,
                        format!("multipart/form-data; boundary={boundary}"),
                    )
                    .body(Body::from(body))
                    .unwrap(),
            )
            .await;
        (s, text)
    }
}

/// An exercise on the first priority area with one delegate invited, its round not yet open:
/// the exercise's id and version.
pub(crate) async fn exercise_with_delegate(app: &App, title: &str, delegate: &str) -> (String, i64) {
    let analyst = app.principal_by_email("analyst@demo").await.unwrap();
    let stage = app.analysis(&analyst).await.unwrap().priorities[0].stage.clone();
    let e = app
        .create_exercise(&analyst, title, &[], &[stage], Default::default(), false)
        .await
        .unwrap();
    app.invite_to_exercise(&analyst, &e.id, delegate, "delegate")
        .await
        .unwrap();
    (e.id, e.version)
}

/// The text a reader sees: the page without its tags, attributes and the menu.
pub(crate) fn visible(page: &str) -> String {
    let main = &page[page.find("<main").unwrap()..page.find("</main>").unwrap()];
    let mut out = String::new();
    let mut in_tag = false;
    for c in main.chars() {
        match c {
            '<' => in_tag = true,
            '>' => {
                in_tag = false;
                out.push(' ');
            }
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    out
}
