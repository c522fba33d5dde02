//! The analyst's desk: a local web server over a sitrep archive, for one
//! analyst or a small team.
//!
//! It shows what the command line shows, in pages a person reads: the
//! documents with full-text search in English and Arabic, each document's
//! text with every extracted fact marked, claim groups with every source's
//! value, events over time and space, quotes by speaker, and the audit log.
//! Machine output is a suggestion: from a document's page the analyst
//! confirms, corrects or rejects any item, adds one the extractor missed,
//! and merges or splits events; the archive keeps those decisions beside
//! the records ([`sitrep_store::review`]), and exports and the report use
//! the reviewed state.
//!
//! Pages are HTML rendered here, with one small script of our own
//! (`assets/app.js`) for selecting text and following evidence links;
//! there is no build step. Safety is the default, see [`security`]: it
//! binds loopback unless told otherwise, any other address needs an access
//! token, POSTs are checked against cross-site requests, and document
//! content is escaped everywhere under a strict Content-Security-Policy.
//!
//! SQLite work runs on blocking threads with a small pool of connections;
//! the archive is in WAL mode, so pages keep answering while `sitrep add`
//! writes. Linking the archive for the figures, timeline and quotes is
//! cached until the archive changes ([`cache`]).
//!
//! Dependencies: `axum` (routing, forms, middleware over hyper) and `tokio`
//! (the runtime it needs, blocking threads for SQLite, timeouts);
//! `rusqlite` (already the archive's) for the cheap change probe. The
//! browser tests speak WebDriver through a few dozen lines of their own
//! over a socket rather than a client crate and its dependency tree.
//!
//! ```no_run
//! # async fn run() -> Result<(), sitrep_web::WebError> {
//! let config = sitrep_web::Config::new("sitrep.db".into());
//! sitrep_web::serve(config, |addr| println!("Serving at http://{addr}/")).await
//! # }
//! ```

pub mod cache;
mod documents;
mod export;
mod figures;
pub mod html;
mod quotes;
mod review;
pub mod security;
mod timeline;

use axum::extract::{FromRequestParts, Path, State};
use axum::http::request::Parts;
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::Router;
use sitrep_record::FactKind;
use sitrep_store::{Archive, StoreError};
use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use thiserror::Error;

/// The kinds of fact, in the order pages list them.
pub const KINDS: &[FactKind] = FactKind::ALL;

/// How to serve.
#[derive(Clone, Debug)]
pub struct Config {
    pub archive: PathBuf,
    pub host: IpAddr,
    /// 0 picks a free port.
    pub port: u16,
    /// Needed for any address other than loopback.
    pub token: Option<String>,
    /// Who reviews, for the audit log, until the analyst sets a name in the
    /// page; `analyst` when not given.
    pub user: Option<String>,
}

impl Config {
    /// Loopback, port 8080, no token.
    pub fn new(archive: PathBuf) -> Config {
        Config { archive, host: IpAddr::V4(Ipv4Addr::LOCALHOST), port: 8080, token: None, user: None }
    }

    /// Refuses what would not be safe: another address without a token.
    pub fn check(&self) -> Result<(), WebError> {
        if !self.host.is_loopback() && self.token.as_deref().is_none_or(|t| t.trim().is_empty()) {
            return Err(WebError::TokenRequired(self.host));
        }
        if let Some(t) = &self.token {
            if t.trim().chars().count() < 8 {
                return Err(WebError::WeakToken);
            }
        }
        Ok(())
    }
}

#[derive(Debug, Error)]
pub enum WebError {
    #[error("serving on {0} would let other machines in: give an access token with --token (or bind 127.0.0.1)")]
    TokenRequired(IpAddr),
    #[error("the access token is too short: use at least 8 characters (e.g. `openssl rand -hex 16`)")]
    WeakToken,
    #[error("there is no archive at {0}: make one with `sitrep add` first, or point --archive at one")]
    NoArchive(PathBuf),
    #[error("{0}")]
    Archive(String),
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("cannot listen on {addr}: {source}")]
    Bind { addr: SocketAddr, source: std::io::Error },
    #[error("the operating system gave no random bytes for the desk's tokens: {0}")]
    Random(String),
    #[error("the server stopped: {0}")]
    Serve(std::io::Error),
}

pub type Result<T, E = WebError> = std::result::Result<T, E>;

/// The access token, kept as its digest.
pub(crate) struct Token {
    pub digest: String,
}

/// What every handler shares.
pub struct AppState {
    archive: PathBuf,
    pub(crate) token: Option<Token>,
    pub(crate) csrf: String,
    pub(crate) user: String,
    /// Open archives, reused: opening checks the schema each time.
    pool: Mutex<Vec<Archive>>,
    pub(crate) prober: cache::Prober,
    pub(crate) cache: Arc<cache::Cache>,
    /// Wrong access tokens per client.
    pub(crate) throttle: security::Throttle,
}

pub(crate) type Shared = Arc<AppState>;

/// Connections kept open between requests; more are opened under load and
/// closed after.
const POOL: usize = 8;

impl AppState {
    /// An open archive from the pool, or a new one. Blocking.
    pub(crate) fn take(&self) -> Result<Archive> {
        if let Some(a) = self.pool.lock().unwrap_or_else(|e| e.into_inner()).pop() {
            return Ok(a);
        }
        Ok(Archive::open(&self.archive)?)
    }

    /// The archive's file name, for the report's header.
    pub(crate) fn archive_name(&self) -> Option<String> {
        self.archive.file_name().map(|n| n.to_string_lossy().into_owned())
    }

    pub(crate) fn give(&self, archive: Archive) {
        let mut pool = self.pool.lock().unwrap_or_else(|e| e.into_inner());
        if pool.len() < POOL {
            pool.push(archive);
        }
    }
}

/// Runs `f` with an archive on a blocking thread.
pub(crate) async fn db<T, F>(s: &Shared, f: F) -> Result<T, Failure>
where
    T: Send + 'static,
    F: FnOnce(&mut Archive) -> Result<T, StoreError> + Send + 'static,
{
    let s = s.clone();
    tokio::task::spawn_blocking(move || {
        let mut a = s.take().map_err(Failure::from)?;
        let out = f(&mut a);
        // A connection whose last use failed may be in a bad state.
        if out.is_ok() {
            s.give(a);
        }
        out.map_err(Failure::from)
    })
    .await
    .map_err(|e| Failure::internal(&format!("a request failed: {e}")))?
}

/// The linked archive as of now (or a moment ago; see [`cache`]).
pub(crate) async fn snapshot(s: &Shared, want: cache::Want, wait: bool) -> Result<cache::Got, Failure> {
    let st = s.clone();
    let fp = tokio::task::spawn_blocking(move || st.prober.probe())
        .await
        .map_err(|e| Failure::internal(&format!("a request failed: {e}")))??;
    let wait = if wait { None } else { Some(cache::PAGE_WAIT) };
    Ok(s.cache.get(s, want, fp, wait).await?)
}

/// An error page.
#[derive(Debug)]
pub struct Failure {
    pub status: StatusCode,
    pub title: String,
    pub message: String,
}

impl Failure {
    pub fn new(status: StatusCode, title: &str, message: &str) -> Failure {
        Failure { status, title: title.into(), message: message.into() }
    }

    pub fn not_found(message: &str) -> Failure {
        Failure::new(StatusCode::NOT_FOUND, "Not found", message)
    }

    pub fn bad_request(message: &str) -> Failure {
        Failure::new(StatusCode::BAD_REQUEST, "Not done", message)
    }

    pub fn internal(message: &str) -> Failure {
        Failure::new(StatusCode::INTERNAL_SERVER_ERROR, "Something went wrong", message)
    }
}

impl From<StoreError> for Failure {
    fn from(e: StoreError) -> Failure {
        match &e {
            StoreError::NotFound(_) | StoreError::BadPrefix(_) => Failure::not_found(&e.to_string()),
            StoreError::Review(_) | StoreError::EmptyQuery | StoreError::BadQuery(_) => {
                Failure::bad_request(&e.to_string())
            }
            _ => Failure::internal(&e.to_string()),
        }
    }
}

impl From<WebError> for Failure {
    fn from(e: WebError) -> Failure {
        match e {
            WebError::Store(s) => s.into(),
            e => Failure::internal(&e.to_string()),
        }
    }
}

impl IntoResponse for Failure {
    fn into_response(self) -> Response {
        let body = format!(
            "<h1>{}</h1>\n<p class=\"error\">{}</p>\n<p><a href=\"/documents\">Back to the documents</a></p>",
            html::esc(&self.title),
            html::esc(&self.message)
        );
        let chrome =
            html::Chrome { title: &self.title, section: "", query: "", user: "", csrf: "", flash: None, stale: false };
        (self.status, [(header::CONTENT_TYPE, "text/html; charset=utf-8")], html::page(&chrome, &body)).into_response()
    }
}

/// Cookie names.
const USER_COOKIE: &str = "sitrep_user";
const FLASH_COOKIE: &str = "sitrep_flash";

/// What a page needs from the request: who is reviewing, a message left by
/// the last action, the CSRF token to put in forms.
pub(crate) struct Ctx {
    pub user: String,
    pub flash: Option<String>,
    pub csrf: String,
}

impl FromRequestParts<Shared> for Ctx {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, s: &Shared) -> Result<Ctx, Self::Rejection> {
        let user = security::cookie(&parts.headers, USER_COOKIE)
            .map(|u| u.trim().to_string())
            .filter(|u| !u.is_empty())
            .unwrap_or_else(|| s.user.clone());
        let flash = security::cookie(&parts.headers, FLASH_COOKIE).filter(|f| !f.is_empty());
        Ok(Ctx { user, flash, csrf: s.csrf.clone() })
    }
}

impl Ctx {
    /// A page; a flash message shown on it is cleared.
    pub fn page(&self, title: &str, section: &str, query: &str, stale: bool, body: &str) -> Response {
        let chrome = html::Chrome {
            title,
            section,
            query,
            user: &self.user,
            csrf: &self.csrf,
            flash: self.flash.as_deref(),
            stale,
        };
        let mut r = ([(header::CONTENT_TYPE, "text/html; charset=utf-8")], html::page(&chrome, body)).into_response();
        if self.flash.is_some() {
            r.headers_mut().append(
                header::SET_COOKIE,
                HeaderValue::from_static("sitrep_flash=; Path=/; Max-Age=0; HttpOnly; SameSite=Strict"),
            );
        }
        r
    }

    /// The hidden field every form carries.
    pub fn csrf_field(&self) -> String {
        format!("<input type=\"hidden\" name=\"csrf\" value=\"{}\">", html::esc(&self.csrf))
    }
}

/// A 303 to `to` that leaves `message` for the next page.
pub(crate) fn see_other(to: &str, message: &str) -> Response {
    let mut r = Redirect::to(to).into_response();
    let c = format!("{FLASH_COOKIE}={}; Path=/; HttpOnly; SameSite=Strict", html::url_part(message));
    if let Ok(v) = HeaderValue::from_str(&c) {
        r.headers_mut().append(header::SET_COOKIE, v);
    }
    r
}

/// The application, without a socket (tests drive it directly).
pub fn app(config: Config) -> Result<Router> {
    config.check()?;
    if !config.archive.is_file() {
        return Err(WebError::NoArchive(config.archive.clone()));
    }
    // Opening once up front brings the schema up to date and fails early
    // on a file that is not an archive.
    let first = Archive::open(&config.archive)?;
    let user = config.user.as_deref().map(str::trim).filter(|u| !u.is_empty()).unwrap_or("analyst").to_string();
    let state = Arc::new(AppState {
        prober: cache::Prober::new(&config.archive),
        archive: config.archive,
        token: config.token.map(|t| Token { digest: security::digest(t.trim()) }),
        csrf: security::random_hex(32).map_err(|e| WebError::Random(e.to_string()))?,
        user,
        pool: Mutex::new(vec![first]),
        cache: Arc::default(),
        throttle: security::Throttle::default(),
    });
    Ok(Router::new()
        .route("/", get(|| async { Redirect::to("/documents") }))
        .route("/documents", get(documents::list))
        .route("/documents/{id}", get(documents::show))
        .route("/documents/{id}/raw", get(documents::raw))
        .route("/documents/{id}/review", post(review::review))
        .route("/documents/{id}/review-group", post(review::review_group))
        .route("/events/merge", post(review::merge))
        .route("/events/split", post(review::split))
        .route("/events/{id}", get(timeline::event))
        .route("/figures", get(figures::page))
        .route("/figures.json", get(export::figures_json))
        .route("/timeline", get(timeline::page))
        .route("/timeline.json", get(export::timeline_json))
        .route("/quotes", get(quotes::page))
        .route("/audit", get(review::audit))
        .route("/user", post(review::set_user))
        .route("/export/{format}", get(export::export))
        .route("/report", get(export::report))
        .route("/assets/app.js", get(assets_js))
        .route("/assets/app.css", get(assets_css))
        .route(
            "/assets/map.js",
            get(|| async { asset("text/javascript; charset=utf-8", include_str!("assets/map.js")) }),
        )
        .route("/assets/map/boundaries.js", get(boundaries_js))
        .route("/assets/vendor/{file}", get(vendor))
        .fallback(not_found)
        .layer(axum::middleware::from_fn_with_state(state.clone(), security::guard))
        .layer(axum::middleware::from_fn(security::headers))
        .with_state(state))
}

async fn not_found() -> Failure {
    Failure::not_found("There is no page at this address.")
}

async fn assets_js(State(_): State<Shared>) -> Response {
    asset("text/javascript; charset=utf-8", include_str!("assets/app.js"))
}

async fn assets_css(State(_): State<Shared>) -> Response {
    asset("text/css; charset=utf-8", include_str!("assets/app.css"))
}

/// The map's scripts and styles, as published (see `tools/map`).
async fn vendor(Path(file): Path<String>) -> Response {
    let (kind, body) = match file.as_str() {
        "leaflet.js" => ("text/javascript; charset=utf-8", include_str!("assets/vendor/leaflet.js")),
        "leaflet.css" => ("text/css; charset=utf-8", include_str!("assets/vendor/leaflet.css")),
        "leaflet.markercluster.js" => {
            ("text/javascript; charset=utf-8", include_str!("assets/vendor/leaflet.markercluster.js"))
        }
        "MarkerCluster.css" => ("text/css; charset=utf-8", include_str!("assets/vendor/MarkerCluster.css")),
        "MarkerCluster.Default.css" => {
            ("text/css; charset=utf-8", include_str!("assets/vendor/MarkerCluster.Default.css"))
        }
        "topojson-client.min.js" => {
            ("text/javascript; charset=utf-8", include_str!("assets/vendor/topojson-client.min.js"))
        }
        _ => return Failure::not_found("There is no such file.").into_response(),
    };
    asset(kind, body)
}

/// The bundled boundaries as a script: the page's policy lets it load
/// scripts from here and nothing else (no `fetch`), and the report's files
/// are the one copy of the data.
async fn boundaries_js() -> Response {
    static JS: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    let js = JS.get_or_init(|| {
        use sitrep_report::html::boundaries::{ADMIN1_TOPOJSON, COUNTRIES_TOPOJSON};
        format!("window.SITREP_BOUNDARIES={{countries:{COUNTRIES_TOPOJSON},admin1:{ADMIN1_TOPOJSON}}};\n")
    });
    ([(header::CONTENT_TYPE, "text/javascript; charset=utf-8"), (header::CACHE_CONTROL, "max-age=86400")], js.as_str())
        .into_response()
}

fn asset(kind: &'static str, body: &'static str) -> Response {
    ([(header::CONTENT_TYPE, kind), (header::CACHE_CONTROL, "no-cache")], body).into_response()
}

/// Listens on the configured address and serves until the process ends.
/// `on_ready` is told the address, with the port chosen when it was 0.
pub async fn serve(config: Config, on_ready: impl FnOnce(SocketAddr)) -> Result<()> {
    let addr = SocketAddr::new(config.host, config.port);
    let app = app(config)?;
    let listener = tokio::net::TcpListener::bind(addr).await.map_err(|source| WebError::Bind { addr, source })?;
    let local = listener.local_addr().map_err(|source| WebError::Bind { addr, source })?;
    on_ready(local);
    // The client's address lets the guard slow down one that guesses tokens.
    axum::serve(listener, app.into_make_service_with_connect_info::<SocketAddr>()).await.map_err(WebError::Serve)
}
