//! Safe by default.
//!
//! - **Who may ask.** Without a token the server answers only requests
//!   addressed to a loopback name (`Host: 127.0.0.1:…`, `localhost`,
//!   `[::1]`), which also stops DNS-rebinding pages from reading it. With a
//!   token every request must carry it: `?token=` on the first visit (which
//!   trades it for an `HttpOnly; SameSite=Strict` cookie and drops it from
//!   the address), the cookie, or `Authorization: Bearer`. Comparisons run
//!   in constant time over SHA-256 digests, so neither the token's length
//!   nor its prefix leaks through timing. A client that keeps sending
//!   wrong tokens is made to wait ([`Throttle`]): after a few, each
//!   further wrong one doubles the time before it may try again, so
//!   guessing is thousands of times slower than asking. The redirect that
//!   drops the token from the address goes only to a path on this server.
//! - **Cross-site requests.** Every POST needs the server's CSRF token (a
//!   hidden form field or an `X-CSRF-Token` header), drawn at start from
//!   the operating system's random source (`getrandom`); and when the browser says where
//!   a request comes from, it must be this site: `Sec-Fetch-Site` is
//!   `same-origin` or `none`, `Origin` names the host asked.
//! - **What a page may do.** Every response carries a Content-Security-Policy
//!   that allows only this server's own script and styles and no framing,
//!   so even text that escaped escaping could not run or load anything;
//!   `nosniff` and `no-referrer` besides.

use crate::{Shared, Token};
use axum::body::{to_bytes, Body};
use axum::extract::{ConnectInfo, Request, State};
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use percent_encoding::percent_decode_str;
use sha2::{Digest, Sha256};
use std::collections::HashMap;
use std::net::{IpAddr, SocketAddr};
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// The policy of every page.
pub const CSP: &str = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; \
                       form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

/// The largest form a POST may send. Reviews are small; a generous bound
/// keeps a hostile client from making the server buffer much.
const MAX_FORM: usize = 256 * 1024;

/// The cookie that carries the access token (as its digest).
pub const TOKEN_COOKIE: &str = "sitrep_token";

/// A form or a query string decoded (by axum's `Form` and `Query`, over
/// `form_urlencoded`): its pairs in order, a key as often as it was sent.
pub type Pairs = Vec<(String, String)>;

/// The first value of `key`.
pub fn first<'p>(pairs: &'p Pairs, key: &str) -> Option<&'p str> {
    pairs.iter().find(|(k, _)| k == key).map(|(_, v)| v.as_str())
}

/// `n` random bytes as hex, from the operating system's random source.
/// Without one there is no safe CSRF token: the server does not start.
pub fn random_hex(n: usize) -> Result<String, getrandom::Error> {
    let mut bytes = vec![0u8; n];
    getrandom::fill(&mut bytes)?;
    Ok(hex(&bytes))
}

pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// SHA-256 of `s`, as hex.
pub fn digest(s: &str) -> String {
    hex(&Sha256::digest(s.as_bytes()))
}

/// Equal byte strings, in time that depends only on their lengths.
pub fn same(a: &[u8], b: &[u8]) -> bool {
    if a.len() != b.len() {
        return false;
    }
    a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// Whether `given` is the token, compared digest to digest.
fn token_matches(token: &Token, given: &str) -> bool {
    same(digest(given).as_bytes(), token.digest.as_bytes())
}

/// A cookie's value from the request, if it has that cookie, its
/// percent-encoding undone (this server writes every cookie value through
/// [`crate::html::url_part`]). The header is `name=value` pairs split by
/// `;` (RFC 6265 §4.2), which needs no parser of its own; the decoding is
/// `percent-encoding`'s.
pub fn cookie(headers: &HeaderMap, name: &str) -> Option<String> {
    headers.get_all(header::COOKIE).iter().filter_map(|v| v.to_str().ok()).find_map(|v| {
        v.split(';').find_map(|pair| {
            let (k, val) = pair.trim().split_once('=')?;
            (k == name).then(|| percent_decode_str(val.trim()).decode_utf8_lossy().into_owned())
        })
    })
}

/// A short page for a refused request.
pub fn refusal(status: StatusCode, title: &str, why: &str) -> Response {
    let body = format!(
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>{t}</title></head>\
         <body><h1>{t}</h1><p>{w}</p></body></html>\n",
        t = crate::html::esc(title),
        w = crate::html::esc(why)
    );
    (status, [(header::CONTENT_TYPE, "text/html; charset=utf-8")], body).into_response()
}

/// Wrong tokens a client may send before it is made to wait.
const FREE_FAILURES: u32 = 5;
/// The wait after the first wrong token past those; it doubles with each.
const FIRST_WAIT: Duration = Duration::from_millis(250);
/// The longest wait.
const LONGEST_WAIT: Duration = Duration::from_secs(60);
/// A client not heard from for this long starts afresh.
const FORGET_AFTER: Duration = Duration::from_secs(15 * 60);
/// Clients remembered at once; past this, those waiting longest go first.
const MOST_CLIENTS: usize = 4096;

/// Wrong access tokens per client address (`None`: a request with no
/// address, as tests drive the router). Only tokens a client presents in
/// the query or as `Bearer` count: the cookie holds a 256-bit digest no
/// one guesses, and a browser with a stale one should not be locked out.
#[derive(Default)]
pub struct Throttle {
    clients: Mutex<HashMap<Option<IpAddr>, Strikes>>,
}

#[derive(Clone, Copy)]
struct Strikes {
    failures: u32,
    until: Instant,
    last: Instant,
}

impl Throttle {
    /// How long `client` must still wait, if it must.
    pub fn wait(&self, client: Option<IpAddr>) -> Option<Duration> {
        let clients = self.clients.lock().unwrap_or_else(|e| e.into_inner());
        let now = Instant::now();
        clients.get(&client).and_then(|s| s.until.checked_duration_since(now)).filter(|d| !d.is_zero())
    }

    /// Notes a wrong token from `client`.
    pub fn failed(&self, client: Option<IpAddr>) {
        let mut clients = self.clients.lock().unwrap_or_else(|e| e.into_inner());
        let now = Instant::now();
        if clients.len() >= MOST_CLIENTS {
            clients.retain(|_, s| now.duration_since(s.last) < FORGET_AFTER);
            if clients.len() >= MOST_CLIENTS {
                // Under a flood of addresses: keep those made to wait longest.
                let mut until: Vec<Instant> = clients.values().map(|s| s.until).collect();
                until.sort();
                let cut = until[until.len() / 2];
                clients.retain(|_, s| s.until > cut);
            }
        }
        let s = clients.entry(client).or_insert(Strikes { failures: 0, until: now, last: now });
        if now.duration_since(s.last) >= FORGET_AFTER {
            s.failures = 0;
        }
        s.failures += 1;
        s.last = now;
        if s.failures > FREE_FAILURES {
            let doublings = (s.failures - FREE_FAILURES - 1).min(16);
            s.until = now + (FIRST_WAIT * 2u32.pow(doublings)).min(LONGEST_WAIT);
        }
    }

    /// A client that gave the right token starts afresh.
    pub fn succeeded(&self, client: Option<IpAddr>) {
        let mut clients = self.clients.lock().unwrap_or_else(|e| e.into_inner());
        clients.remove(&client);
    }
}

fn too_many(wait: Duration) -> Response {
    let secs = wait.as_secs_f64().ceil().max(1.0) as u64;
    let mut r = refusal(
        StatusCode::TOO_MANY_REQUESTS,
        "Too many wrong tokens",
        &format!("This address sent too many wrong access tokens. Wait {secs} s and try again with the right one."),
    );
    r.headers_mut().insert(header::RETRY_AFTER, HeaderValue::from(secs));
    r
}

/// Where to send a browser after it traded its token for a cookie: this
/// request's path, only ever on this server. `//evil.example/` is a path
/// to the router but another site to a browser, and some browsers read
/// `/\evil.example` the same way: leading slashes and backslashes become
/// one slash.
fn local_path(path: &str) -> String {
    format!("/{}", path.trim_start_matches(['/', '\\']))
}

/// The host a request names, without its port, lowercased.
fn host_name(headers: &HeaderMap) -> Option<String> {
    let host = headers.get(header::HOST)?.to_str().ok()?.trim().to_ascii_lowercase();
    if let Some(rest) = host.strip_prefix('[') {
        return rest.split_once(']').map(|(h, _)| h.to_string());
    }
    Some(host.rsplit_once(':').map_or(host.clone(), |(h, _)| h.to_string()))
}

/// Names that can only mean this machine.
fn is_loopback_name(host: &str) -> bool {
    host == "localhost"
        || host.ends_with(".localhost")
        || host.parse::<std::net::IpAddr>().is_ok_and(|ip| ip.is_loopback())
}

/// Refuses what this server must not answer; see the module docs.
pub async fn guard(State(s): State<Shared>, req: Request, next: Next) -> Response {
    let headers = req.headers();
    match &s.token {
        None => {
            // A page elsewhere that points its own name at 127.0.0.1 (DNS
            // rebinding) sends its own name as Host: refused.
            let host = host_name(headers);
            if !host.as_deref().is_some_and(is_loopback_name) {
                return refusal(
                    StatusCode::FORBIDDEN,
                    "Not this address",
                    "This sitrep desk answers only at 127.0.0.1 or localhost. To serve other machines, start it \
                     with --host and an access --token.",
                );
            }
        }
        Some(token) => {
            let client = req.extensions().get::<ConnectInfo<SocketAddr>>().map(|c| c.0.ip());
            if let Some(wait) = s.throttle.wait(client) {
                return too_many(wait);
            }
            let query = req.uri().query().unwrap_or("");
            let from_query =
                form_urlencoded::parse(query.as_bytes()).find(|(k, _)| k == "token").map(|(_, v)| v.into_owned());
            if let Some(given) = from_query {
                if !token_matches(token, &given) {
                    s.throttle.failed(client);
                    return unauthorized();
                }
                s.throttle.succeeded(client);
                // Trade the token for a cookie and take it out of the address
                // bar and the history.
                let rest: Vec<String> = query
                    .split('&')
                    .filter(|p| !p.is_empty() && p.split('=').next() != Some("token"))
                    .map(str::to_string)
                    .collect();
                let mut to = local_path(req.uri().path());
                if !rest.is_empty() {
                    to.push('?');
                    to.push_str(&rest.join("&"));
                }
                let mut r = Response::new(Body::empty());
                *r.status_mut() = StatusCode::SEE_OTHER;
                let h = r.headers_mut();
                h.insert(header::LOCATION, HeaderValue::from_str(&to).unwrap_or(HeaderValue::from_static("/")));
                let c = format!("{TOKEN_COOKIE}={}; Path=/; HttpOnly; SameSite=Strict", token.digest);
                h.insert(header::SET_COOKIE, HeaderValue::from_str(&c).expect("hex is a valid header"));
                return r;
            }
            let bearer = headers
                .get(header::AUTHORIZATION)
                .and_then(|v| v.to_str().ok())
                .and_then(|v| v.strip_prefix("Bearer "))
                .map(|t| token_matches(token, t.trim()));
            let cookie = cookie(headers, TOKEN_COOKIE).is_some_and(|c| same(c.as_bytes(), token.digest.as_bytes()));
            if bearer == Some(false) {
                s.throttle.failed(client);
            }
            if bearer != Some(true) && !cookie {
                return unauthorized();
            }
            if bearer == Some(true) {
                s.throttle.succeeded(client);
            }
        }
    }
    if req.method() == Method::POST {
        return match csrf(&s, req).await {
            Ok(req) => next.run(req).await,
            Err(r) => r,
        };
    }
    if req.method() != Method::GET && req.method() != Method::HEAD {
        return refusal(StatusCode::METHOD_NOT_ALLOWED, "Not allowed", "Only GET and POST are answered here.");
    }
    next.run(req).await
}

fn unauthorized() -> Response {
    let mut r = refusal(
        StatusCode::UNAUTHORIZED,
        "Access token needed",
        "This sitrep desk needs its access token. Open the address printed when it started (it ends in \
         ?token=…), or send the token as Authorization: Bearer.",
    );
    r.headers_mut().insert(header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer realm=\"sitrep\""));
    r
}

/// Checks a POST's origin and CSRF token; the request, its body restored.
async fn csrf(s: &Shared, req: Request) -> Result<Request, Response> {
    let forbidden = |why: &str| refusal(StatusCode::FORBIDDEN, "Refused: not from this site", why);
    let headers = req.headers();
    if let Some(site) = headers.get("sec-fetch-site") {
        if !matches!(site.to_str().unwrap_or(""), "same-origin" | "none") {
            return Err(forbidden("The browser says this request comes from another site."));
        }
    }
    // Under `Referrer-Policy: no-referrer` browsers send `Origin: null` on
    // their own form posts; Sec-Fetch-Site (checked above) and the CSRF
    // token then decide. A named origin must be this server.
    if let Some(origin) = headers.get(header::ORIGIN).filter(|o| o.as_bytes() != b"null") {
        let origin = origin.to_str().unwrap_or("");
        let host = headers.get(header::HOST).and_then(|h| h.to_str().ok()).unwrap_or("");
        let authority = origin.strip_prefix("http://").or_else(|| origin.strip_prefix("https://"));
        if host.is_empty() || authority.is_none_or(|a| !a.eq_ignore_ascii_case(host)) {
            return Err(forbidden("The request's Origin is not this server."));
        }
    }
    let header_token = headers.get("x-csrf-token").and_then(|v| v.to_str().ok()).map(str::to_string);
    let (parts, body) = req.into_parts();
    let bytes = to_bytes(body, MAX_FORM)
        .await
        .map_err(|_| refusal(StatusCode::PAYLOAD_TOO_LARGE, "Too large", "The form is too large."))?;
    let given =
        header_token.or_else(|| form_urlencoded::parse(&bytes).find(|(k, _)| k == "csrf").map(|(_, v)| v.into_owned()));
    if !given.is_some_and(|g| same(g.as_bytes(), s.csrf.as_bytes())) {
        return Err(forbidden(
            "The form has no valid CSRF token. Reload the page (the server may have restarted) and try again.",
        ));
    }
    Ok(Request::from_parts(parts, Body::from(bytes)))
}

/// The headers every response carries; a handler may set a stricter or
/// different Content-Security-Policy (the raw original, the report).
pub async fn headers(req: Request, next: Next) -> Response {
    let mut r = next.run(req).await;
    let h = r.headers_mut();
    if !h.contains_key(header::CONTENT_SECURITY_POLICY) {
        h.insert(header::CONTENT_SECURITY_POLICY, HeaderValue::from_static(CSP));
    }
    h.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    h.insert(header::REFERRER_POLICY, HeaderValue::from_static("no-referrer"));
    h.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    h.insert("cross-origin-opener-policy", HeaderValue::from_static("same-origin"));
    h.insert("cross-origin-resource-policy", HeaderValue::from_static("same-origin"));
    if !h.contains_key(header::CACHE_CONTROL) {
        h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
    r
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forms_decode() {
        let uri: axum::http::Uri = "/x?a=1+2&b=%D8%AD%D9%84%D8%A8&c&d=%zz&e=100%&f=%4&a=3".parse().unwrap();
        let axum::extract::Query(pairs) = axum::extract::Query::<Pairs>::try_from_uri(&uri).unwrap();
        let want: Pairs = [("a", "1 2"), ("b", "حلب"), ("c", ""), ("d", "%zz"), ("e", "100%"), ("f", "%4"), ("a", "3")]
            .into_iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        assert_eq!(pairs, want);
        assert_eq!(first(&pairs, "a"), Some("1 2"));
        let mut h = HeaderMap::new();
        h.insert(header::COOKIE, HeaderValue::from_static("a=1; sitrep_user=Rana%20%D8%AD; b=2"));
        assert_eq!(cookie(&h, "sitrep_user").as_deref(), Some("Rana ح"));
        assert_eq!(cookie(&h, "b").as_deref(), Some("2"));
        assert_eq!(cookie(&h, "c"), None);
    }

    #[test]
    fn comparisons_and_randomness() {
        assert!(same(b"abc", b"abc") && !same(b"abc", b"abd") && !same(b"abc", b"ab"));
        let (a, b) = (random_hex(32).unwrap(), random_hex(32).unwrap());
        assert_eq!(a.len(), 64);
        assert_ne!(a, b);
    }

    #[test]
    fn redirects_stay_on_this_server() {
        assert_eq!(local_path("//evil.example/"), "/evil.example/");
        assert_eq!(local_path("/\\evil.example"), "/evil.example");
        assert_eq!(local_path("/documents/abc"), "/documents/abc");
        assert_eq!(local_path(""), "/");
    }

    #[test]
    fn wrong_tokens_make_a_client_wait_longer_and_longer() {
        let t = Throttle::default();
        let a = Some("192.0.2.1".parse().unwrap());
        let b = Some("192.0.2.2".parse().unwrap());
        for _ in 0..FREE_FAILURES {
            t.failed(a);
            assert_eq!(t.wait(a), None, "the first few are free");
        }
        t.failed(a);
        let first = t.wait(a).expect("then it waits");
        assert!(first <= FIRST_WAIT && first > FIRST_WAIT / 2, "{first:?}");
        t.failed(a);
        assert!(t.wait(a).unwrap() > FIRST_WAIT, "and each wrong one doubles it");
        assert_eq!(t.wait(b), None, "per client");
        for _ in 0..100 {
            t.failed(a);
        }
        assert!(t.wait(a).unwrap() <= LONGEST_WAIT);
        t.succeeded(a);
        assert_eq!(t.wait(a), None);
    }

    #[test]
    fn loopback_names() {
        assert!(is_loopback_name("localhost") && is_loopback_name("127.0.0.1") && is_loopback_name("::1"));
        assert!(!is_loopback_name("evil.example") && !is_loopback_name("192.168.1.2"));
        let mut h = HeaderMap::new();
        h.insert(header::HOST, HeaderValue::from_static("[::1]:8080"));
        assert_eq!(host_name(&h).as_deref(), Some("::1"));
        h.insert(header::HOST, HeaderValue::from_static("LocalHost:80"));
        assert_eq!(host_name(&h).as_deref(), Some("localhost"));
    }
}
