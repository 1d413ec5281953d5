//! A loopback HTTP server (axum) that answers from a route table, so each
//! connector runs through the real [`HttpClient`] (retries, redaction, size cap).
//!
//! A [`Route`] matches a method, an exact path and, if given, an exact set of
//! query pairs (decoded, order-free). A route with `times` answers that many
//! requests and then lets later routes for the same request answer (a 429
//! first, then a 200). Every request is recorded for assertions.

use std::path::PathBuf;
use std::sync::{Arc, Mutex, PoisonError};

use axum::body::{Body, Bytes};
use axum::http::{HeaderMap, Method, StatusCode, Uri};
use axum::response::Response;
use scout_sources::http::{HttpClient, HttpConfig};
use url::Url;

/// One canned response.
#[derive(Debug, Clone)]
pub struct Route {
    method: Method,
    path: String,
    query: Option<Vec<(String, String)>>,
    status: u16,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
    times: Option<usize>,
}

impl Route {
    /// `GET path` (any query) answering 200 with `body`.
    pub fn get(path: &str, body: impl Into<Vec<u8>>) -> Self {
        Self {
            method: Method::GET,
            path: path.to_string(),
            query: None,
            status: 200,
            headers: Vec::new(),
            body: body.into(),
            times: None,
        }
    }

    /// `POST path` answering 200 with `body`.
    pub fn post(path: &str, body: impl Into<Vec<u8>>) -> Self {
        Self {
            method: Method::POST,
            ..Self::get(path, body)
        }
    }

    /// Match only this exact query (pairs in any order).
    #[must_use]
    pub fn query(mut self, pairs: &[(&str, &str)]) -> Self {
        let mut q: Vec<(String, String)> = pairs
            .iter()
            .map(|(k, v)| ((*k).to_string(), (*v).to_string()))
            .collect();
        q.sort();
        self.query = Some(q);
        self
    }

    /// Answer with this status.
    #[must_use]
    pub fn status(mut self, status: u16) -> Self {
        self.status = status;
        self
    }

    /// Add a response header.
    #[must_use]
    pub fn header(mut self, name: &str, value: &str) -> Self {
        self.headers.push((name.to_string(), value.to_string()));
        self
    }

    /// Answer only the first `n` matching requests.
    #[must_use]
    pub fn times(mut self, n: usize) -> Self {
        self.times = Some(n);
        self
    }
}

/// A request the server saw.
#[derive(Debug, Clone)]
pub struct Seen {
    /// Method.
    pub method: String,
    /// Path.
    pub path: String,
    /// Decoded query pairs, sorted.
    pub query: Vec<(String, String)>,
    /// Request headers (lower-case names).
    pub headers: Vec<(String, String)>,
    /// Request body (form posts).
    pub body: String,
    /// Whether a route answered it.
    pub matched: bool,
}

impl Seen {
    /// `path?k=v&…` with sorted decoded pairs, for readable assertions.
    pub fn line(&self) -> String {
        if self.query.is_empty() {
            self.path.clone()
        } else {
            let q: Vec<String> = self.query.iter().map(|(k, v)| format!("{k}={v}")).collect();
            format!("{}?{}", self.path, q.join("&"))
        }
    }

    /// A header value.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

struct State {
    routes: Vec<(Route, usize)>,
    seen: Vec<Seen>,
}

/// A running loopback server.
pub struct Loopback {
    base: Url,
    state: Arc<Mutex<State>>,
}

impl Loopback {
    /// Start a server answering from `routes`.
    pub async fn start(routes: Vec<Route>) -> Self {
        let state = Arc::new(Mutex::new(State {
            routes: routes.into_iter().map(|r| (r, 0)).collect(),
            seen: Vec::new(),
        }));
        let shared = Arc::clone(&state);
        let app = axum::Router::new().fallback(
            move |method: Method, uri: Uri, headers: HeaderMap, body: Bytes| {
                let shared = Arc::clone(&shared);
                async move { answer(&shared, &method, &uri, &headers, &body) }
            },
        );
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind a loopback port");
        let addr = listener.local_addr().expect("local address");
        tokio::spawn(async move {
            axum::serve(listener, app).await.expect("loopback server");
        });
        let base = Url::parse(&format!("http://{addr}")).expect("loopback URL");
        Self { base, state }
    }

    /// The server's base URL (`http://127.0.0.1:PORT`).
    pub fn url(&self) -> Url {
        self.base.clone()
    }

    /// The server's base URL with a path prefix (`/graph/v19.0`).
    pub fn url_with(&self, path: &str) -> Url {
        self.base.join(path).expect("loopback URL with path")
    }

    /// Requests seen so far.
    pub fn seen(&self) -> Vec<Seen> {
        self.state
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .seen
            .clone()
    }

    /// `path?query` lines of the requests seen, in order.
    pub fn lines(&self) -> Vec<String> {
        self.seen().iter().map(Seen::line).collect()
    }

    /// Panics if a request found no route.
    pub fn assert_all_matched(&self) {
        let unmatched: Vec<String> = self
            .seen()
            .iter()
            .filter(|s| !s.matched)
            .map(Seen::line)
            .collect();
        assert!(
            unmatched.is_empty(),
            "requests without a route: {unmatched:?}"
        );
    }
}

fn decoded_query(uri: &Uri) -> Vec<(String, String)> {
    let mut pairs: Vec<(String, String)> = uri
        .query()
        .map(|q| {
            url::form_urlencoded::parse(q.as_bytes())
                .map(|(k, v)| (k.into_owned(), v.into_owned()))
                .collect()
        })
        .unwrap_or_default();
    pairs.sort();
    pairs
}

fn answer(
    state: &Mutex<State>,
    method: &Method,
    uri: &Uri,
    headers: &HeaderMap,
    body: &Bytes,
) -> Response {
    let query = decoded_query(uri);
    let path = percent_encoding::percent_decode_str(uri.path())
        .decode_utf8_lossy()
        .into_owned();
    let mut guard = state.lock().unwrap_or_else(PoisonError::into_inner);
    let found = guard.routes.iter_mut().find(|(r, used)| {
        r.method == *method
            && r.path == path
            && r.query.as_ref().is_none_or(|q| *q == query)
            && r.times.is_none_or(|n| *used < n)
    });
    let response = found.map(|(route, used)| {
        *used += 1;
        route.clone()
    });
    guard.seen.push(Seen {
        method: method.to_string(),
        path: path.clone(),
        query,
        headers: headers
            .iter()
            .map(|(k, v)| {
                (
                    k.as_str().to_string(),
                    v.to_str().unwrap_or_default().to_string(),
                )
            })
            .collect(),
        body: String::from_utf8_lossy(body).into_owned(),
        matched: response.is_some(),
    });
    drop(guard);
    let Some(route) = response else {
        return Response::builder()
            .status(StatusCode::NOT_IMPLEMENTED)
            .body(Body::from(format!("no route for {method} {path}")))
            .expect("response");
    };
    let mut builder = Response::builder().status(route.status);
    for (k, v) in &route.headers {
        builder = builder.header(k.as_str(), v.as_str());
    }
    builder.body(Body::from(route.body)).expect("response")
}

/// An HTTP client for tests: short timeouts and backoffs, no rate limits.
pub fn client() -> HttpClient {
    HttpClient::new(HttpConfig::for_tests()).expect("test HTTP client")
}

/// A file under the repository's `tests/fixtures/`.
pub fn fixture(rel: &str) -> Vec<u8> {
    let path = repo_root().join("tests/fixtures").join(rel);
    std::fs::read(&path).unwrap_or_else(|e| panic!("read fixture {}: {e}", path.display()))
}

/// A file under `$SCOUT_CORPUS/fixtures/`, or `None` when `SCOUT_CORPUS` is unset.
pub fn corpus(rel: &str) -> Option<Vec<u8>> {
    let root = std::env::var_os("SCOUT_CORPUS")?;
    let path = PathBuf::from(root).join("fixtures").join(rel);
    Some(
        std::fs::read(&path).unwrap_or_else(|e| panic!("read corpus file {}: {e}", path.display())),
    )
}

/// Whether the corpus is configured. When it is not, prints a skip line naming
/// `test` straight to stderr (past libtest's capture, so it shows in every run).
///
/// # Panics
/// If `SCOUT_CORPUS` is set but holds no `fixtures/` folder: a configured
/// corpus that is missing fails, it is never skipped.
pub fn has_corpus(test: &str) -> bool {
    use std::io::Write as _;
    let Some(root) = std::env::var_os("SCOUT_CORPUS") else {
        let _ = writeln!(
            std::io::stderr(),
            "SKIPPED {test}: SCOUT_CORPUS is not set (CI sets it to the shared corpus)"
        );
        return false;
    };
    let dir = PathBuf::from(&root).join("fixtures");
    assert!(
        dir.is_dir(),
        "SCOUT_CORPUS={} but {} is not a folder: point SCOUT_CORPUS at the shared corpus",
        PathBuf::from(root).display(),
        dir.display()
    );
    true
}

fn repo_root() -> PathBuf {
    // crates/sources → crates → src-tauri → repository root.
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../..")
}
