//! The HTTP edge of Pathways: the axum router with the server-rendered UI (askama + htmx), the
//! JSON API under `/api/v1/`, sign-in, sessions, CSRF protection and static assets.
//!
//! Handlers translate HTTP to calls on [`pathways_app::App`] and back; no rule about who may do
//! what is decided here. Domain errors become HTTP responses only at this edge ([`error`]).

pub use pathways_reports::{markdown, svg};

pub mod account;
pub mod admin;
pub mod analysis;
pub mod api;
pub mod auth;
pub mod cookies;
pub mod documents;
pub mod error;
pub mod events;
pub mod i18n;
pub mod map;
pub mod ops;
pub mod roadmap;
pub mod rounds;
pub mod routes;
pub mod screening;
pub mod signin;
pub mod ui;
pub mod work;

use std::net::SocketAddr;
use std::sync::Arc;

use axum::Router;
use axum::http::{HeaderValue, header};
use axum::response::IntoResponse;
use pathways_app::App;
use tokio::sync::Mutex;
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::compression::CompressionLayer;
use tower_http::set_header::SetResponseHeaderLayer;
use tower_http::trace::TraceLayer;

/// Shared state of all handlers.
#[derive(Clone)]
pub struct AppState {
    pub app: App,
    /// While no user exists: the one-time token that lets the first admin be created in the UI.
    pub setup_token: Arc<Mutex<Option<String>>>,
    pub limiter: Arc<auth::SignInLimits>,
    /// Whether cookies get the `Secure` flag (off only for plain-HTTP loopback use).
    pub secure_cookies: bool,
    pub i18n: Arc<i18n::Messages>,
    /// The vocabulary in each locale (labels of codes as readers of that language see them).
    pub vocabs: Arc<Vec<(i18n::Locale, pathways_app::domain::vocab::Vocabulary)>>,
    /// Fonts and the Typst library, loaded once for every PDF and DOCX the server renders.
    pub renderer: Arc<pathways_report_pdf::Renderer>,
    /// What the server counts for its operators (`/metrics`).
    pub telemetry: Arc<ops::Telemetry>,
    /// Public pages kept for anonymous readers until the next write.
    pub pages: Arc<ui::cache::PageCache>,
    /// The bearer token a metrics scraper presents; without one, only local unproxied clients
    /// read `/metrics`.
    pub metrics_token: Option<String>,
}

impl AppState {
    pub fn new(app: App, setup_token: Option<String>, secure_cookies: bool) -> Result<AppState, i18n::I18nError> {
        let vocabs = i18n::Locale::ALL
            .iter()
            .map(|l| (*l, app.vocab().in_locale(*l)))
            .collect();
        let i18n = Arc::new(i18n::Messages::load_with(app.intl().clone())?);
        i18n::set_global(i18n.clone());
        Ok(AppState {
            vocabs: Arc::new(vocabs),
            app,
            setup_token: Arc::new(Mutex::new(setup_token)),
            limiter: Arc::new(auth::SignInLimits::new()),
            secure_cookies,
            i18n,
            renderer: Arc::new(pathways_report_pdf::Renderer::new()),
            telemetry: Arc::new(ops::Telemetry::default()),
            pages: Arc::default(),
            metrics_token: None,
        })
    }
}

impl AppState {
    /// The vocabulary as the request's reader sees it: codes' labels in their language.
    pub fn vocab(&self) -> &pathways_app::domain::vocab::Vocabulary {
        let l = i18n::current();
        self.vocabs
            .iter()
            .find(|(x, _)| *x == l)
            .map_or_else(|| self.app.vocab(), |(_, v)| v)
    }
}

/// The whole application router.
pub fn router(state: AppState) -> Router {
    with_edge(routes().into_router(), state)
}

/// Every route of the application, in one place, without the layers every request passes
/// through. `routes().table()` lists them.
pub fn routes() -> routes::Routes {
    routes::Routes::new()
        .merge(map::routes())
        .merge(signin::routes())
        .merge(account::routes())
        .merge(admin::routes())
        .merge(rounds::routes())
        .merge(events::routes())
        .merge(analysis::routes())
        .merge(documents::routes())
        .merge(roadmap::routes())
        .merge(screening::routes())
        .merge(work::routes())
        .merge(api::routes())
        .merge(ui::assets::routes())
        .merge(ops::routes())
        .get("/favicon.ico", favicon)
}

/// Browsers ask for `/favicon.ico` before they read the page's icon link.
async fn favicon() -> axum::response::Redirect {
    axum::response::Redirect::permanent("/static/favicon-1.svg")
}

/// `routes` wrapped in what every request passes through: CSRF and origin checks, security
/// headers, tracing, and the panic guard.
pub fn with_edge(routes: Router<AppState>, state: AppState) -> Router {
    let csp = "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; script-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'none'; object-src 'none'";
    routes
        // Innermost: a public page kept for anonymous readers is served before any handler runs,
        // in the language negotiated outside it.
        .layer(axum::middleware::from_fn_with_state(state.clone(), ui::cache::serve))
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            ui::error::render_failures,
        ))
        .layer(axum::middleware::from_fn_with_state(state.clone(), auth::csrf_guard))
        .layer(axum::middleware::from_fn(ui::remember_path))
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            i18n::negotiate::choose,
        ))
        .layer(SetResponseHeaderLayer::if_not_present(
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static(csp),
        ))
        .layer(SetResponseHeaderLayer::if_not_present(
            header::X_CONTENT_TYPE_OPTIONS,
            HeaderValue::from_static("nosniff"),
        ))
        .layer(SetResponseHeaderLayer::if_not_present(
            header::REFERRER_POLICY,
            HeaderValue::from_static("same-origin"),
        ))
        // Pages and JSON compressed for slow connections (gzip or Brotli, as the browser asks).
        .layer(CompressionLayer::new())
        .layer(TraceLayer::new_for_http())
        // Outside the rest, so a request's time counts everything the server did for it.
        .layer(axum::middleware::from_fn_with_state(state.clone(), ops::count))
        // Innermost would miss the middleware above; outermost, a panic anywhere in a request
        // becomes a logged 500 and the server goes on serving.
        .layer(CatchPanicLayer::custom(panic_response))
        .with_state(state)
}

fn panic_response(err: Box<dyn std::any::Any + Send + 'static>) -> axum::response::Response {
    let what = err
        .downcast_ref::<String>()
        .map(String::as_str)
        .or_else(|| err.downcast_ref::<&str>().copied())
        .unwrap_or("unknown");
    tracing::error!(panic = what, "a request handler panicked");
    error::ApiError(pathways_app::AppError::Internal(format!("handler panicked: {what}"))).into_response()
}

/// Serves until Ctrl-C or SIGTERM.
pub async fn serve(state: AppState, listener: tokio::net::TcpListener) -> std::io::Result<()> {
    let app = router(state).into_make_service_with_connect_info::<SocketAddr>();
    axum::serve(listener, app).with_graceful_shutdown(shutdown()).await
}

async fn shutdown() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        if let Ok(mut s) = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            s.recv().await;
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! { _ = ctrl_c => {}, _ = term => {} }
}
