//! A loopback HTTP server that replays recorded source responses, so tests run
//! the real HTTP client, rate limiter and retries without touching the network.
//!
//! Main types: [`ReplayServer`] (started on `127.0.0.1:0`, exposes
//! [`ReplayServer::base_url`] and per-route hit counts), [`Route`] (method, path
//! and optional query constraints, answering with a scripted sequence of
//! replies) and [`Reply`] (status, headers, body from bytes or a fixture file).
//! Fixture helpers: [`fixture`] reads `tests/fixtures/<rel>` from the
//! repository, [`corpus_fixture`] reads `$SCOUT_CORPUS/fixtures/<rel>` when the
//! variable is set ([`corpus_dir`]: a visible skip line when it is unset, a
//! failure when it names a folder without `fixtures/`).
//! [`bluesky::creator_routes`] serves the Bluesky fixture creator.
//!
//! For timing tests a reply can be held back ([`Reply::delay`]); the server
//! records when each request arrived ([`ReplayServer::arrivals`], on tokio's
//! clock, so a test with paused time sees virtual instants) and how many
//! requests a route was answering at once ([`ReplayServer::max_in_flight`];
//! a request whose client hung up stops counting when hyper drops it).
//!
//! ```text
//! let server = ReplayServer::start(vec![
//!     Route::get("/xrpc/app.bsky.actor.getProfile")
//!         .query("actor", "alice.bsky.social")
//!         .reply(Reply::status(429).header("Retry-After", "0"))
//!         .then(Reply::json(200, fixture("bluesky/getProfile_alice.json"))),
//! ]).await;
//! // … point the connector at server.base_url …
//! assert_eq!(server.hits("GET /xrpc/app.bsky.actor.getProfile?actor=alice.bsky.social"), 2);
//! ```
//!
//! This file depends only on `axum` and `tokio`, so the `scout-sources` crate's
//! own integration tests include it with `#[path]` (no copy, no dependency cycle).

use std::collections::HashMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use axum::Router;
use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{HeaderName, HeaderValue, StatusCode};
use axum::response::Response;
use tokio::net::TcpListener;
use tokio::sync::Notify;
use tokio::task::JoinHandle;
use tokio::time::Instant;

/// One scripted response.
#[derive(Debug, Clone)]
pub struct Reply {
    status: u16,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
    delay: Duration,
}

impl Reply {
    /// An empty-bodied reply with `status`.
    pub fn status(status: u16) -> Self {
        Self {
            status,
            headers: Vec::new(),
            body: Vec::new(),
            delay: Duration::ZERO,
        }
    }

    /// Hold the reply back for `delay` (on tokio's clock) before sending it.
    #[must_use]
    pub fn delay(mut self, delay: Duration) -> Self {
        self.delay = delay;
        self
    }

    /// A JSON reply (`content-type: application/json; charset=utf-8`).
    pub fn json(status: u16, body: impl Into<Vec<u8>>) -> Self {
        Self::status(status)
            .header("content-type", "application/json; charset=utf-8")
            .body(body)
    }

    /// A 200 JSON reply with the bytes of repository fixture `rel` (see [`fixture`]).
    pub fn fixture(rel: &str) -> Self {
        Self::json(200, fixture(rel))
    }

    /// Add a response header (`Retry-After`, `ratelimit-reset`, `content-type`, …).
    #[must_use]
    pub fn header(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.headers.push((name.into(), value.into()));
        self
    }

    /// Set the body.
    #[must_use]
    pub fn body(mut self, body: impl Into<Vec<u8>>) -> Self {
        self.body = body.into();
        self
    }

    /// Set the body from any file (absolute path, or relative to the working directory).
    ///
    /// # Panics
    /// If the file cannot be read.
    #[must_use]
    pub fn body_file(self, path: impl AsRef<Path>) -> Self {
        let path = path.as_ref();
        let bytes = std::fs::read(path)
            .unwrap_or_else(|e| panic!("replay: cannot read {}: {e}", path.display()));
        self.body(bytes)
    }
}

/// A route: method + path, optional query constraints, and the replies it gives
/// in order (the last reply repeats once the script is used up).
#[derive(Debug, Clone)]
pub struct Route {
    name: Option<String>,
    method: String,
    path: String,
    query: Vec<(String, QueryRule)>,
    replies: Vec<Reply>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum QueryRule {
    Equals(String),
    Absent,
}

impl Route {
    /// A route for `method` (e.g. `"GET"`) and exact `path` (e.g. `/xrpc/app.bsky.actor.getProfile`).
    pub fn new(method: &str, path: impl Into<String>) -> Self {
        Self {
            name: None,
            method: method.to_ascii_uppercase(),
            path: path.into(),
            query: Vec::new(),
            replies: Vec::new(),
        }
    }

    /// A `GET` route.
    pub fn get(path: impl Into<String>) -> Self {
        Self::new("GET", path)
    }

    /// A `POST` route.
    pub fn post(path: impl Into<String>) -> Self {
        Self::new("POST", path)
    }

    /// Require query parameter `key` to equal `value` (after percent-decoding).
    /// Parameters not named are ignored.
    #[must_use]
    pub fn query(mut self, key: impl Into<String>, value: impl Into<String>) -> Self {
        self.query
            .push((key.into(), QueryRule::Equals(value.into())));
        self
    }

    /// Require query parameter `key` to be absent (e.g. the first page has no `cursor`).
    #[must_use]
    pub fn without_query(mut self, key: impl Into<String>) -> Self {
        self.query.push((key.into(), QueryRule::Absent));
        self
    }

    /// Name the route for [`ReplayServer::hits`]; default `"METHOD path?k=v&…"`.
    #[must_use]
    pub fn named(mut self, name: impl Into<String>) -> Self {
        self.name = Some(name.into());
        self
    }

    /// Append a reply to the script.
    #[must_use]
    pub fn reply(mut self, reply: Reply) -> Self {
        self.replies.push(reply);
        self
    }

    /// Same as [`Route::reply`]; reads better for the second and later replies.
    #[must_use]
    pub fn then(self, reply: Reply) -> Self {
        self.reply(reply)
    }

    /// The name hit counts are kept under.
    pub fn key(&self) -> String {
        if let Some(name) = &self.name {
            return name.clone();
        }
        let mut key = format!("{} {}", self.method, self.path);
        for (i, (k, rule)) in self.query.iter().enumerate() {
            key.push(if i == 0 { '?' } else { '&' });
            match rule {
                QueryRule::Equals(v) => {
                    let _ = write!(key, "{k}={v}");
                }
                QueryRule::Absent => {
                    let _ = write!(key, "!{k}");
                }
            }
        }
        key
    }

    fn matches(&self, method: &str, path: &str, query: &[(String, String)]) -> bool {
        self.method == method
            && self.path == path
            && self.query.iter().all(|(k, rule)| {
                let value = query.iter().find(|(qk, _)| qk == k).map(|(_, v)| v);
                match rule {
                    QueryRule::Equals(expected) => value == Some(expected),
                    QueryRule::Absent => value.is_none(),
                }
            })
    }
}

struct Shared {
    routes: Vec<Route>,
    hits: Mutex<Vec<usize>>,
    unmatched: Mutex<Vec<String>>,
    /// Per route: when each request arrived.
    arrivals: Mutex<Vec<Vec<Instant>>>,
    /// Per route: (answering now, most at once).
    in_flight: Mutex<Vec<(usize, usize)>>,
    /// Woken whenever a request arrives.
    arrived: Notify,
}

/// Counts one request as in flight on its route until dropped (also when
/// hyper drops the handler because the client hung up).
struct InFlight {
    shared: Arc<Shared>,
    index: usize,
}

impl InFlight {
    fn enter(shared: &Arc<Shared>, index: usize) -> Self {
        let mut counts = shared
            .in_flight
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        let (now, max) = &mut counts[index];
        *now += 1;
        *max = (*max).max(*now);
        Self {
            shared: Arc::clone(shared),
            index,
        }
    }
}

impl Drop for InFlight {
    fn drop(&mut self) {
        let mut counts = self
            .shared
            .in_flight
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        counts[self.index].0 -= 1;
    }
}

/// A running replay server. Stops when dropped.
pub struct ReplayServer {
    /// `http://127.0.0.1:<port>` (no trailing slash).
    pub base_url: String,
    shared: Arc<Shared>,
    task: JoinHandle<()>,
}

impl ReplayServer {
    /// Start serving `routes` on a free loopback port. A request matching several
    /// routes goes to the one with the most query constraints (then the first).
    /// A request matching none gets 404 with a body naming it, and is recorded
    /// in [`ReplayServer::unmatched`].
    ///
    /// # Panics
    /// If no loopback port can be bound, or a route has no reply.
    pub async fn start(routes: Vec<Route>) -> ReplayServer {
        for route in &routes {
            assert!(
                !route.replies.is_empty(),
                "replay: route {} has no reply",
                route.key()
            );
        }
        let listener = TcpListener::bind("127.0.0.1:0")
            .await
            .expect("replay: bind 127.0.0.1:0");
        let addr = listener.local_addr().expect("replay: local address");
        let shared = Arc::new(Shared {
            hits: Mutex::new(vec![0; routes.len()]),
            arrivals: Mutex::new(vec![Vec::new(); routes.len()]),
            in_flight: Mutex::new(vec![(0, 0); routes.len()]),
            routes,
            unmatched: Mutex::new(Vec::new()),
            arrived: Notify::new(),
        });
        let app = Router::new()
            .fallback(handle)
            .with_state(Arc::clone(&shared));
        let task = tokio::spawn(async move {
            // Ends only when the task is aborted (on drop).
            let _ = axum::serve(listener, app).await;
        });
        ReplayServer {
            base_url: format!("http://{addr}"),
            shared,
            task,
        }
    }

    /// `base_url` + `path`.
    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base_url)
    }

    fn index(&self, key: &str) -> usize {
        self.shared
            .routes
            .iter()
            .position(|r| r.key() == key)
            .unwrap_or_else(|| {
                let keys: Vec<String> = self.shared.routes.iter().map(Route::key).collect();
                panic!("replay: no route '{key}'; routes are {keys:?}")
            })
    }

    /// How many requests the route with this [`Route::key`] (or name) received.
    ///
    /// # Panics
    /// If no route has that key (a typo in the test).
    pub fn hits(&self, key: &str) -> usize {
        let index = self.index(key);
        self.shared
            .hits
            .lock()
            .unwrap_or_else(PoisonError::into_inner)[index]
    }

    /// When each request to the route `key` arrived, in order, on tokio's clock
    /// (virtual instants under `tokio::time::pause`).
    ///
    /// # Panics
    /// If no route has that key.
    pub fn arrivals(&self, key: &str) -> Vec<Instant> {
        let index = self.index(key);
        self.shared
            .arrivals
            .lock()
            .unwrap_or_else(PoisonError::into_inner)[index]
            .clone()
    }

    /// How many requests the route `key` is answering right now (a delayed
    /// reply counts until it is sent or its client hangs up).
    ///
    /// # Panics
    /// If no route has that key.
    pub fn in_flight(&self, key: &str) -> usize {
        let index = self.index(key);
        self.shared
            .in_flight
            .lock()
            .unwrap_or_else(PoisonError::into_inner)[index]
            .0
    }

    /// The most requests the route `key` was answering at once.
    ///
    /// # Panics
    /// If no route has that key.
    pub fn max_in_flight(&self, key: &str) -> usize {
        let index = self.index(key);
        self.shared
            .in_flight
            .lock()
            .unwrap_or_else(PoisonError::into_inner)[index]
            .1
    }

    /// Wait until the route `key` has received at least `n` requests.
    ///
    /// # Panics
    /// If no route has that key.
    pub async fn wait_for_hits(&self, key: &str, n: usize) {
        loop {
            let arrived = self.shared.arrived.notified();
            if self.hits(key) >= n {
                return;
            }
            arrived.await;
        }
    }

    /// Hit counts of every route, by key.
    pub fn all_hits(&self) -> HashMap<String, usize> {
        let hits = self
            .shared
            .hits
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        self.shared
            .routes
            .iter()
            .zip(hits.iter())
            .map(|(r, h)| (r.key(), *h))
            .collect()
    }

    /// Total requests served by routes (unmatched requests not counted).
    pub fn total_hits(&self) -> usize {
        self.shared
            .hits
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .iter()
            .sum()
    }

    /// Requests that matched no route, as `"METHOD /path?query"`.
    pub fn unmatched(&self) -> Vec<String> {
        self.shared
            .unmatched
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
    }
}

impl Drop for ReplayServer {
    fn drop(&mut self) {
        self.task.abort();
    }
}

async fn handle(State(shared): State<Arc<Shared>>, request: Request) -> Response {
    let method = request.method().as_str().to_ascii_uppercase();
    let path = request.uri().path().to_string();
    let raw_query = request.uri().query().unwrap_or("").to_string();
    let query = parse_query(&raw_query);
    let best = shared
        .routes
        .iter()
        .enumerate()
        .filter(|(_, r)| r.matches(&method, &path, &query))
        .max_by_key(|(i, r)| (r.query.len(), std::cmp::Reverse(*i)))
        .map(|(i, _)| i);
    let Some(index) = best else {
        let line = if raw_query.is_empty() {
            format!("{method} {path}")
        } else {
            format!("{method} {path}?{raw_query}")
        };
        shared
            .unmatched
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .push(line.clone());
        let mut response = Response::new(Body::from(format!("replay: no route for {line}")));
        *response.status_mut() = StatusCode::NOT_FOUND;
        return response;
    };
    let _counted = InFlight::enter(&shared, index);
    shared
        .arrivals
        .lock()
        .unwrap_or_else(PoisonError::into_inner)[index]
        .push(Instant::now());
    let nth = {
        let mut hits = shared.hits.lock().unwrap_or_else(PoisonError::into_inner);
        hits[index] += 1;
        hits[index] - 1
    };
    shared.arrived.notify_waiters();
    let replies = &shared.routes[index].replies;
    let reply = &replies[nth.min(replies.len() - 1)];
    if !reply.delay.is_zero() {
        tokio::time::sleep(reply.delay).await;
    }
    build_response(reply)
}

fn build_response(reply: &Reply) -> Response {
    let mut response = Response::new(Body::from(reply.body.clone()));
    *response.status_mut() =
        StatusCode::from_u16(reply.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    for (name, value) in &reply.headers {
        if let (Ok(n), Ok(v)) = (
            HeaderName::from_bytes(name.as_bytes()),
            HeaderValue::from_str(value),
        ) {
            response.headers_mut().append(n, v);
        }
    }
    response
}

/// `a=1&b=x%20y` → `[("a","1"),("b","x y")]` (`+` is a space).
fn parse_query(query: &str) -> Vec<(String, String)> {
    query
        .split('&')
        .filter(|p| !p.is_empty())
        .map(|pair| {
            let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
            (percent_decode(k), percent_decode(v))
        })
        .collect()
}

fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'+' => out.push(b' '),
            b'%' if i + 2 < bytes.len() => {
                let hex = std::str::from_utf8(&bytes[i + 1..i + 3])
                    .ok()
                    .and_then(|h| u8::from_str_radix(h, 16).ok());
                if let Some(b) = hex {
                    out.push(b);
                    i += 3;
                    continue;
                }
                out.push(b'%');
            }
            b => out.push(b),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// The repository root: the nearest ancestor of this crate's manifest directory
/// that holds `tests/fixtures`.
///
/// # Panics
/// If there is none (the test runs outside the repository).
pub fn repo_root() -> PathBuf {
    let start = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    start
        .ancestors()
        .find(|dir| dir.join("tests").join("fixtures").is_dir())
        .map_or_else(
            || panic!("replay: no tests/fixtures above {}", start.display()),
            Path::to_path_buf,
        )
}

/// Path of repository fixture `rel` (e.g. `bluesky/getProfile_x.json`).
pub fn fixture_path(rel: &str) -> PathBuf {
    repo_root().join("tests").join("fixtures").join(rel)
}

/// Bytes of repository fixture `tests/fixtures/<rel>`.
///
/// # Panics
/// If it cannot be read.
pub fn fixture(rel: &str) -> Vec<u8> {
    let path = fixture_path(rel);
    std::fs::read(&path)
        .unwrap_or_else(|e| panic!("replay: cannot read fixture {}: {e}", path.display()))
}

/// `$SCOUT_CORPUS/fixtures` when `SCOUT_CORPUS` is set. When it is unset,
/// prints a skip line naming `test` on the real stderr (libtest does not
/// capture it, so a skipped corpus check shows in every run) and returns `None`.
///
/// # Panics
/// If `SCOUT_CORPUS` is set but `$SCOUT_CORPUS/fixtures` is not a folder: a
/// configured corpus that is missing fails, it is never skipped.
pub fn corpus_dir(test: &str) -> Option<PathBuf> {
    let Some(root) = std::env::var_os("SCOUT_CORPUS") else {
        skip_line(test);
        return None;
    };
    let dir = PathBuf::from(&root).join("fixtures");
    assert!(
        dir.is_dir(),
        "SCOUT_CORPUS={} but {} is not a folder: point SCOUT_CORPUS at the shared corpus (the folder holding fixtures/ and datasets/)",
        PathBuf::from(root).display(),
        dir.display()
    );
    Some(dir)
}

/// Print `SKIPPED <test>: SCOUT_CORPUS is not set` straight to stderr, past
/// libtest's output capture.
pub fn skip_line(test: &str) {
    use std::io::Write as _;
    let _ = writeln!(
        std::io::stderr(),
        "SKIPPED {test}: SCOUT_CORPUS is not set (CI sets it to the shared corpus)"
    );
}

/// Bytes of `$SCOUT_CORPUS/fixtures/<rel>`; `None` when the corpus is not configured.
///
/// # Panics
/// If the corpus is configured but missing, or the file cannot be read.
pub fn corpus_fixture(rel: &str) -> Option<Vec<u8>> {
    let path = corpus_dir(rel)?.join(rel);
    Some(
        std::fs::read(&path)
            .unwrap_or_else(|e| panic!("replay: cannot read corpus file {}: {e}", path.display())),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn query_parsing_decodes() {
        assert_eq!(
            parse_query("uri=at%3A%2F%2Fdid%3Aplc%3Aabc&limit=100&q=a+b&flag"),
            vec![
                ("uri".to_string(), "at://did:plc:abc".to_string()),
                ("limit".to_string(), "100".to_string()),
                ("q".to_string(), "a b".to_string()),
                ("flag".to_string(), String::new()),
            ]
        );
        assert_eq!(percent_decode("100%"), "100%");
        assert_eq!(percent_decode("%zz"), "%zz");
    }

    #[test]
    fn route_keys_and_matching() {
        let r = Route::get("/x").query("a", "1").without_query("cursor");
        assert_eq!(r.key(), "GET /x?a=1&!cursor");
        assert!(r.matches(
            "GET",
            "/x",
            &[("a".into(), "1".into()), ("z".into(), "9".into())]
        ));
        assert!(!r.matches(
            "GET",
            "/x",
            &[("a".into(), "1".into()), ("cursor".into(), "c".into())]
        ));
        assert!(!r.matches("POST", "/x", &[("a".into(), "1".into())]));
        assert_eq!(Route::get("/x").named("profile").key(), "profile");
    }
}

/// The Bluesky fixture creator `lena-okafor.bsky.social` (figures in
/// `tests/fixtures/bluesky/README.md`) and the routes that serve it.
pub mod bluesky {
    use super::{Reply, Route, fixture_path};

    /// Handle.
    pub const HANDLE: &str = "lena-okafor.bsky.social";
    /// DID (author feed and followers are requested by DID).
    pub const DID: &str = "did:plc:lk4x2tqdo6m3c7wzjy5vbh2a";
    /// Cursor that asks for page 2 of the author feed.
    pub const FEED_CURSOR_2: &str = "2025-06-05T23:45:12.000Z";
    /// Cursor that asks for page 2 of the followers.
    pub const FOLLOWERS_CURSOR_2: &str = "3lrx5jwkd7c2k";

    /// `/xrpc/<method>`.
    pub fn xrpc(method: &str) -> String {
        format!("/xrpc/{method}")
    }

    /// at-uri of one of the creator's posts.
    pub fn post_uri(rkey: &str) -> String {
        format!("at://{DID}/app.bsky.feed.post/{rkey}")
    }

    /// Everything a vet of the creator requests, named `profile`, `profile-by-did`,
    /// `feed:1`, `feed:2`, `thread:<rkey>` (10 routes; `3lryoylwxcfb3` answers 400
    /// `NotFound`), `followers:1` and `followers:2`. A request for feed page 3
    /// matches nothing (and shows up in `ReplayServer::unmatched`).
    ///
    /// # Panics
    /// If the fixture folder cannot be read.
    pub fn creator_routes() -> Vec<Route> {
        let mut routes = vec![
            Route::get(xrpc("app.bsky.actor.getProfile"))
                .query("actor", HANDLE)
                .named("profile")
                .reply(Reply::fixture("bluesky/getProfile_lena-okafor.json")),
            Route::get(xrpc("app.bsky.actor.getProfile"))
                .query("actor", DID)
                .named("profile-by-did")
                .reply(Reply::fixture("bluesky/getProfile_lena-okafor.json")),
            Route::get(xrpc("app.bsky.feed.getAuthorFeed"))
                .query("actor", DID)
                .without_query("cursor")
                .named("feed:1")
                .reply(Reply::fixture(
                    "bluesky/getAuthorFeed_lena-okafor_page1.json",
                )),
            Route::get(xrpc("app.bsky.feed.getAuthorFeed"))
                .query("actor", DID)
                .query("cursor", FEED_CURSOR_2)
                .named("feed:2")
                .reply(Reply::fixture(
                    "bluesky/getAuthorFeed_lena-okafor_page2.json",
                )),
            Route::get(xrpc("app.bsky.graph.getFollowers"))
                .query("actor", DID)
                .without_query("cursor")
                .named("followers:1")
                .reply(Reply::fixture(
                    "bluesky/getFollowers_lena-okafor_page1.json",
                )),
            Route::get(xrpc("app.bsky.graph.getFollowers"))
                .query("actor", DID)
                .query("cursor", FOLLOWERS_CURSOR_2)
                .named("followers:2")
                .reply(Reply::fixture(
                    "bluesky/getFollowers_lena-okafor_page2.json",
                )),
        ];
        let dir = fixture_path("bluesky");
        let mut names: Vec<String> = std::fs::read_dir(&dir)
            .unwrap_or_else(|e| panic!("replay: cannot list {}: {e}", dir.display()))
            .filter_map(|entry| entry.ok()?.file_name().into_string().ok())
            .filter(|name| {
                name.starts_with("getPostThread_")
                    && std::path::Path::new(name)
                        .extension()
                        .is_some_and(|x| x.eq_ignore_ascii_case("json"))
            })
            .collect();
        names.sort();
        for name in names {
            let stem = &name["getPostThread_".len()..name.len() - ".json".len()];
            let (rkey, status) = match stem.strip_suffix("_NotFound") {
                Some(rkey) => (rkey, 400),
                None => (stem, 200),
            };
            routes.push(
                Route::get(xrpc("app.bsky.feed.getPostThread"))
                    .query("uri", post_uri(rkey))
                    .named(format!("thread:{rkey}"))
                    .reply(Reply::json(
                        status,
                        super::fixture(&format!("bluesky/{name}")),
                    )),
            );
        }
        routes
    }

    /// [`creator_routes`] with the route named `name` replaced by `route`
    /// (keeping the name), e.g. to script a 429 before the profile.
    ///
    /// # Panics
    /// If no route has that name.
    pub fn creator_routes_with(name: &str, route: Route) -> Vec<Route> {
        let mut routes = creator_routes();
        let slot = routes
            .iter_mut()
            .find(|r| r.key() == name)
            .unwrap_or_else(|| panic!("replay: no route '{name}'"));
        *slot = route.named(name);
        routes
    }
}
