//! The one HTTP client every source uses.
//!
//! Main types: [`HttpClient`] (cheap to clone; one per process), [`HttpConfig`]
//! (timeouts, size cap, retry policy, per-host quotas), [`HostLimit`] (one
//! host's rate-limit quota, see [`default_rate_limits`]) and [`Request`] (what a
//! connector asks for). [`base_url`] resolves a source's base URL, letting tests
//! point a connector at a loopback replay server with `SCOUT_<NAME>_BASE_URL`.
//!
//! [`HttpClient::send`] waits for the host's rate-limit bucket, sends, and retries
//! with exponential backoff and full jitter on 408, 429, 5xx, timeouts and
//! connection errors, honouring `Retry-After` (seconds or HTTP date) and
//! Bluesky's `ratelimit-reset` (unix seconds). When retries are used up, a 429
//! becomes [`SourceError::RateLimited`], a 408/5xx [`SourceError::Http`] and a
//! transport failure [`SourceError::Network`]. Every other status is returned as
//! `Ok(RawResponse)`: the connector reads the body and maps it to a typed error.
//! Bodies over [`HttpConfig::max_body_bytes`] are refused while streaming
//! ([`SourceError::TooLarge`]). Secrets passed as [`Request::secret_param`] never
//! appear in [`RawResponse::url`], errors or logs.

use std::collections::HashMap;
use std::num::NonZeroU32;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use chrono::{DateTime, Utc};
use governor::clock::{Clock, Reference};
use governor::middleware::NoOpMiddleware;
use governor::nanos::Nanos;
use governor::state::{InMemoryState, NotKeyed};
use governor::{Quota, RateLimiter};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use reqwest::StatusCode;
use reqwest::header::{CONTENT_TYPE, HeaderMap, RETRY_AFTER};
use scout_core::Platform;
use url::Url;

use crate::{RawResponse, SourceError};

/// The host pattern in a [`HostLimit`] that applies to every host not listed
/// by name (each such host gets its own bucket with this quota).
pub const ANY_HOST: &str = "*";

/// Value that replaces a secret query parameter in stored URLs.
pub const REDACTED: &str = "REDACTED";

/// One host's request quota: `per_second` sustained, up to `burst` at once.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HostLimit {
    /// Exact host name (`public.api.bsky.app`) or [`ANY_HOST`].
    pub host: String,
    /// Sustained requests per second (at least 1).
    pub per_second: u32,
    /// Requests allowed back to back before the sustained rate applies (at least 1).
    pub burst: u32,
}

impl HostLimit {
    /// A quota for `host`.
    pub fn new(host: impl Into<String>, per_second: u32, burst: u32) -> Self {
        Self {
            host: host.into(),
            per_second,
            burst,
        }
    }
}

/// The shipped per-host quotas: each at or below what the source documents.
///
/// | host | documented limit | quota here |
/// |---|---|---|
/// | `public.api.bsky.app` | Bluesky AppView: 3000 requests / 5 min per IP (docs.bsky.app, "Rate Limits") | 10/s, burst 10 |
/// | `bsky.social` | Bluesky PDS: 3000 requests / 5 min per IP | 10/s, burst 10 |
/// | `www.googleapis.com`, `youtube.googleapis.com` | YouTube Data API v3: 10 000 quota units / day / project; no per-second figure | 5/s, burst 5 |
/// | `www.youtube.com` | public web pages: none documented; be polite | 1/s, burst 2 |
/// | `api.twitch.tv` | Twitch Helix: 800 points / min per client id (≈13/s) | 10/s, burst 10 |
/// | `id.twitch.tv` | Twitch OAuth token endpoint: none documented; one token per run | 1/s, burst 2 |
/// | `graph.facebook.com` | Instagram Graph API: 200 calls / hour × users (business discovery) | 1/s, burst 3 |
/// | `www.instagram.com`, `www.tiktok.com` | public web pages: none documented; be polite | 1/s, burst 2 |
/// | any other host (Mastodon instances) | Mastodon default: 300 requests / 5 min per IP (docs.joinmastodon.org, "Rate limits") | 1/s, burst 5 |
///
/// Loopback hosts (`localhost`, `127.0.0.1`, `::1`: replay servers in tests, local
/// proxies) are limited only when listed by name.
pub fn default_rate_limits() -> Vec<HostLimit> {
    vec![
        HostLimit::new("public.api.bsky.app", 10, 10),
        HostLimit::new("bsky.social", 10, 10),
        HostLimit::new("www.googleapis.com", 5, 5),
        HostLimit::new("youtube.googleapis.com", 5, 5),
        HostLimit::new("www.youtube.com", 1, 2),
        HostLimit::new("api.twitch.tv", 10, 10),
        HostLimit::new("id.twitch.tv", 1, 2),
        HostLimit::new("graph.facebook.com", 1, 3),
        HostLimit::new("www.instagram.com", 1, 2),
        HostLimit::new("www.tiktok.com", 1, 2),
        HostLimit::new(ANY_HOST, 1, 5),
    ]
}

/// The default `User-Agent`: names the tool and what it does.
pub const DEFAULT_USER_AGENT: &str = concat!(
    "Scout/",
    env!("CARGO_PKG_VERSION"),
    " (+local creator vetting; https://example.invalid/scout)"
);

/// How the client behaves. [`Default`] is the shipped configuration.
#[derive(Clone, Debug)]
pub struct HttpConfig {
    /// `User-Agent` sent with every request.
    pub user_agent: String,
    /// Time allowed to open a connection.
    pub connect_timeout: Duration,
    /// Time allowed between two reads of the response.
    pub read_timeout: Duration,
    /// Largest accepted body (decompressed).
    pub max_body_bytes: usize,
    /// Retries after the first attempt.
    pub max_retries: u32,
    /// First backoff step; step `n` waits a random time in `[0, base_backoff * 2^n]`.
    pub base_backoff: Duration,
    /// Longest wait the client accepts, from a server hint or its own backoff.
    /// A 429 asking for longer fails at once with [`SourceError::RateLimited`].
    pub max_retry_wait: Duration,
    /// Per-host quotas; see [`default_rate_limits`]. Hosts with no entry and no
    /// [`ANY_HOST`] entry are not limited.
    pub rate_limits: Vec<HostLimit>,
    /// Seed of the jitter generator (deterministic backoff sequences in tests).
    pub jitter_seed: u64,
}

impl Default for HttpConfig {
    fn default() -> Self {
        Self {
            user_agent: DEFAULT_USER_AGENT.to_string(),
            connect_timeout: Duration::from_secs(10),
            read_timeout: Duration::from_secs(30),
            max_body_bytes: 8 * 1024 * 1024,
            max_retries: 4,
            base_backoff: Duration::from_millis(500),
            max_retry_wait: Duration::from_secs(60),
            rate_limits: default_rate_limits(),
            jitter_seed: 0x5C0_u64,
        }
    }
}

impl HttpConfig {
    /// A configuration for tests: short timeouts and backoffs (milliseconds), no
    /// rate limits, same retry count and size cap as the default.
    pub fn for_tests() -> Self {
        Self {
            connect_timeout: Duration::from_secs(2),
            read_timeout: Duration::from_secs(5),
            base_backoff: Duration::from_millis(1),
            max_retry_wait: Duration::from_millis(50),
            rate_limits: Vec::new(),
            ..Self::default()
        }
    }
}

/// The HTTP method of a [`Request`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Method {
    /// `GET`.
    Get,
    /// `POST` with an `application/x-www-form-urlencoded` body.
    PostForm(Vec<(String, String)>),
    /// `POST` with a JSON body (`application/json`); the body may hold secrets
    /// (a session's password) and is never stored or logged.
    PostJson(serde_json::Value),
}

/// One request a connector sends.
#[derive(Debug, Clone)]
pub struct Request {
    /// The platform asking (named in errors).
    pub platform: Platform,
    /// Stored with the raw response, e.g. `profile`, `feed:2`.
    pub role: String,
    /// Method and form body.
    pub method: Method,
    /// Full URL including query.
    pub url: Url,
    /// Extra headers (may hold secrets: never stored or logged).
    pub headers: Vec<(String, String)>,
    /// Query keys whose values are replaced by [`REDACTED`] in the stored URL.
    pub secret_params: Vec<String>,
}

impl Request {
    /// A `GET` of `url`.
    pub fn get(platform: Platform, role: impl Into<String>, url: Url) -> Self {
        Self {
            platform,
            role: role.into(),
            method: Method::Get,
            url,
            headers: Vec::new(),
            secret_params: Vec::new(),
        }
    }

    /// Add a header.
    #[must_use]
    pub fn header(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.headers.push((name.into(), value.into()));
        self
    }

    /// Mark a query parameter as secret (redacted in [`RawResponse::url`]).
    #[must_use]
    pub fn secret_param(mut self, key: impl Into<String>) -> Self {
        self.secret_params.push(key.into());
        self
    }

    /// Make this a form `POST` with `fields`.
    #[must_use]
    pub fn post_form(mut self, fields: Vec<(String, String)>) -> Self {
        self.method = Method::PostForm(fields);
        self
    }

    /// Make this a JSON `POST` with `body`.
    #[must_use]
    pub fn post_json(mut self, body: serde_json::Value) -> Self {
        self.method = Method::PostJson(body);
        self
    }

    /// The URL with secret query values replaced by [`REDACTED`].
    pub fn redacted_url(&self) -> String {
        redact_url(&self.url, &self.secret_params)
    }
}

/// `SCOUT_<NAME>_BASE_URL` if set to a valid URL (trailing slash trimmed), else `default`.
///
/// `name` is upper-cased (`base_url("bluesky", …)` reads `SCOUT_BLUESKY_BASE_URL`).
/// An unparsable override is ignored with a warning.
///
/// # Panics
/// If `default` is not a valid URL (a programming error in the caller).
pub fn base_url(name: &str, default: &str) -> Url {
    let var = format!("SCOUT_{}_BASE_URL", name.to_ascii_uppercase());
    if let Ok(value) = std::env::var(&var) {
        let trimmed = value.trim().trim_end_matches('/');
        match Url::parse(trimmed) {
            Ok(url) => return url,
            Err(e) => tracing::warn!("{var} is not a valid URL ({e}); using {default}"),
        }
    }
    Url::parse(default.trim_end_matches('/')).expect("default base URL must be valid")
}

/// `base` with `path` (slash-separated, no leading slash needed) appended as
/// path segments, keeping any path prefix `base` already has (a replay server
/// mounted under `/bsky` keeps working). Query parameters are added by the caller.
pub fn endpoint(base: &Url, path: &str) -> Url {
    let mut url = base.clone();
    if let Ok(mut segments) = url.path_segments_mut() {
        segments
            .pop_if_empty()
            .extend(path.split('/').filter(|s| !s.is_empty()));
    }
    url
}

/// A [`governor`] clock on tokio's clock, so the rate limiter and the sleeps it
/// asks for run on the same time: real time in production, virtual time under
/// `tokio::time::pause` in tests (governor's default clock would keep real time
/// while the sleeps are virtual).
#[derive(Debug, Clone, Copy, Default)]
pub struct TokioClock;

/// An instant of [`TokioClock`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct TokioInstant(tokio::time::Instant);

impl std::ops::Add<Nanos> for TokioInstant {
    type Output = Self;

    fn add(self, other: Nanos) -> Self {
        Self(self.0 + Duration::from(other))
    }
}

impl Reference for TokioInstant {
    fn duration_since(&self, earlier: Self) -> Nanos {
        Nanos::from(self.0.saturating_duration_since(earlier.0))
    }

    fn saturating_sub(&self, duration: Nanos) -> Self {
        Self(
            self.0
                .checked_sub(Duration::from(duration))
                .unwrap_or(self.0),
        )
    }
}

impl Clock for TokioClock {
    type Instant = TokioInstant;

    fn now(&self) -> TokioInstant {
        TokioInstant(tokio::time::Instant::now())
    }
}

type HostLimiter = RateLimiter<NotKeyed, InMemoryState, TokioClock, NoOpMiddleware<TokioInstant>>;

/// The HTTP client shared by every source. Clone freely (an `Arc` inside).
#[derive(Clone)]
pub struct HttpClient {
    inner: Arc<Inner>,
}

struct Inner {
    client: reqwest::Client,
    config: HttpConfig,
    limiters: Mutex<HashMap<String, Arc<HostLimiter>>>,
    rng: Mutex<StdRng>,
}

impl std::fmt::Debug for HttpClient {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("HttpClient")
            .field("config", &self.inner.config)
            .finish_non_exhaustive()
    }
}

/// What one attempt produced, before the retry decision.
enum Attempt {
    /// A complete response.
    Response(RawResponse, HeaderMap),
    /// A transport failure worth retrying (connect error, timeout).
    Transient(String),
}

impl HttpClient {
    /// Build a client. Fails only if the TLS backend cannot start or a quota is zero.
    pub fn new(config: HttpConfig) -> Result<Self, SourceError> {
        for limit in &config.rate_limits {
            if limit.per_second == 0 || limit.burst == 0 {
                return Err(SourceError::Network {
                    host: limit.host.clone(),
                    message: "rate limit must allow at least 1 request per second and a burst of 1"
                        .into(),
                });
            }
        }
        let client = reqwest::Client::builder()
            .user_agent(config.user_agent.clone())
            .connect_timeout(config.connect_timeout)
            .read_timeout(config.read_timeout)
            .gzip(true)
            .brotli(true)
            .deflate(true)
            .redirect(reqwest::redirect::Policy::limited(5))
            .build()
            .map_err(|e| SourceError::Network {
                host: "-".into(),
                message: format!("could not start the HTTP client: {}", e.without_url()),
            })?;
        let rng = StdRng::seed_from_u64(config.jitter_seed);
        Ok(Self {
            inner: Arc::new(Inner {
                client,
                config,
                limiters: Mutex::new(HashMap::new()),
                rng: Mutex::new(rng),
            }),
        })
    }

    /// A client with [`HttpConfig::default`].
    pub fn with_defaults() -> Result<Self, SourceError> {
        Self::new(HttpConfig::default())
    }

    /// The configuration in use.
    pub fn config(&self) -> &HttpConfig {
        &self.inner.config
    }

    /// Send `req`: rate limit, retry, size cap. See the module docs for which
    /// statuses come back as `Ok` and which as errors.
    pub async fn send(&self, req: Request) -> Result<RawResponse, SourceError> {
        self.send_keeping_headers(req).await.map(|(raw, _)| raw)
    }

    /// [`send`](Self::send), also returning the response's `Link` header (the
    /// paging links Mastodon sends; read with [`crate::link_header`]).
    pub async fn send_with_link(
        &self,
        req: Request,
    ) -> Result<(RawResponse, Option<String>), SourceError> {
        let (raw, headers) = self.send_keeping_headers(req).await?;
        let link = headers
            .get_all(reqwest::header::LINK)
            .iter()
            .filter_map(|v| v.to_str().ok())
            .collect::<Vec<_>>()
            .join(", ");
        Ok((raw, (!link.is_empty()).then_some(link)))
    }

    async fn send_keeping_headers(
        &self,
        req: Request,
    ) -> Result<(RawResponse, HeaderMap), SourceError> {
        let host = req.url.host_str().unwrap_or("-").to_string();
        let config = &self.inner.config;
        let mut attempt: u32 = 0;
        loop {
            self.wait_for_quota(&host).await;
            let outcome = self.attempt_once(&req, &host).await?;
            let retries_left = attempt < config.max_retries;
            match outcome {
                Attempt::Response(raw, headers) => {
                    let status = raw.status;
                    if !is_retryable_status(status) {
                        return Ok((raw, headers));
                    }
                    let hint = retry_hint(&headers, Utc::now());
                    if status == 429 {
                        let too_long = hint.is_some_and(|h| h > config.max_retry_wait);
                        if !retries_left || too_long {
                            return Err(SourceError::RateLimited {
                                platform: req.platform,
                                host,
                                retry_after: hint,
                            });
                        }
                    } else if !retries_left {
                        return Err(SourceError::Http {
                            platform: req.platform,
                            host,
                            status,
                        });
                    }
                    let wait = hint
                        .map_or_else(|| self.backoff(attempt), |h| h.min(config.max_retry_wait));
                    tracing::debug!(role = %req.role, status, wait_ms = wait.as_millis(), "retrying {}", req.redacted_url());
                    tokio::time::sleep(wait).await;
                }
                Attempt::Transient(message) => {
                    if !retries_left {
                        return Err(SourceError::Network { host, message });
                    }
                    let wait = self.backoff(attempt);
                    tracing::debug!(role = %req.role, wait_ms = wait.as_millis(), "retrying after {message}");
                    tokio::time::sleep(wait).await;
                }
            }
            attempt += 1;
        }
    }

    /// Full-jitter exponential backoff for retry number `attempt` (0-based).
    fn backoff(&self, attempt: u32) -> Duration {
        let config = &self.inner.config;
        let ceiling = config
            .base_backoff
            .checked_mul(2u32.saturating_pow(attempt.min(16)))
            .unwrap_or(config.max_retry_wait)
            .min(config.max_retry_wait);
        let nanos = u64::try_from(ceiling.as_nanos()).unwrap_or(u64::MAX);
        if nanos == 0 {
            return Duration::ZERO;
        }
        let mut rng = self
            .inner
            .rng
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        Duration::from_nanos(rng.random_range(0..=nanos))
    }

    /// Wait until `host`'s bucket allows one more request.
    async fn wait_for_quota(&self, host: &str) {
        let Some(limiter) = self.limiter_for(host) else {
            return;
        };
        while let Err(not_until) = limiter.check() {
            tokio::time::sleep(not_until.wait_time_from(TokioClock.now())).await;
        }
    }

    fn limiter_for(&self, host: &str) -> Option<Arc<HostLimiter>> {
        let limits = &self.inner.config.rate_limits;
        let named = limits.iter().find(|l| l.host.eq_ignore_ascii_case(host));
        // Loopback hosts (replay servers, local proxies) get a quota only when named.
        let limit = named.or_else(|| {
            if is_loopback(host) {
                None
            } else {
                limits.iter().find(|l| l.host == ANY_HOST)
            }
        })?;
        let mut map = self
            .inner
            .limiters
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        let limiter = map.entry(host.to_ascii_lowercase()).or_insert_with(|| {
            // Zero quotas are rejected in `new`; `MIN` is never used.
            let per_second = NonZeroU32::new(limit.per_second).unwrap_or(NonZeroU32::MIN);
            let burst = NonZeroU32::new(limit.burst).unwrap_or(NonZeroU32::MIN);
            Arc::new(RateLimiter::direct_with_clock(
                Quota::per_second(per_second).allow_burst(burst),
                TokioClock,
            ))
        });
        Some(Arc::clone(limiter))
    }

    /// One request/response exchange, body read with the size cap.
    async fn attempt_once(&self, req: &Request, host: &str) -> Result<Attempt, SourceError> {
        let client = &self.inner.client;
        let limit = self.inner.config.max_body_bytes;
        let mut builder = match &req.method {
            Method::Get => client.get(req.url.clone()),
            Method::PostForm(fields) => client.post(req.url.clone()).form(fields),
            Method::PostJson(body) => client.post(req.url.clone()).json(body),
        };
        for (name, value) in &req.headers {
            builder = builder.header(name.as_str(), value.as_str());
        }
        let mut response = match builder.send().await {
            Ok(r) => r,
            Err(e) => return transport_error(&e, host),
        };
        let status = response.status();
        let headers = response.headers().clone();
        if response.content_length().is_some_and(|n| n > limit as u64) {
            return Err(SourceError::TooLarge {
                host: host.to_string(),
                limit_bytes: limit,
            });
        }
        let mut body = Vec::new();
        loop {
            match response.chunk().await {
                Ok(Some(chunk)) => {
                    if body.len() + chunk.len() > limit {
                        return Err(SourceError::TooLarge {
                            host: host.to_string(),
                            limit_bytes: limit,
                        });
                    }
                    body.extend_from_slice(&chunk);
                }
                Ok(None) => break,
                Err(e) => return transport_error(&e, host),
            }
        }
        let content_type = headers
            .get(CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .map(str::to_string);
        let raw = RawResponse {
            role: req.role.clone(),
            url: req.redacted_url(),
            status: status.as_u16(),
            content_type,
            fetched_at: Utc::now(),
            body,
        };
        Ok(Attempt::Response(raw, headers))
    }
}

/// Classify a reqwest error: transport problems are retried; anything else
/// (a malformed request, a bad header value) is a network error at once.
fn transport_error(e: &reqwest::Error, host: &str) -> Result<Attempt, SourceError> {
    let message = describe(e);
    if e.is_timeout() || e.is_connect() || e.is_request() || e.is_body() || e.is_decode() {
        Ok(Attempt::Transient(message))
    } else {
        Err(SourceError::Network {
            host: host.to_string(),
            message,
        })
    }
}

/// A one-line description of a reqwest error without its URL (which may hold secrets).
fn describe(e: &reqwest::Error) -> String {
    use std::error::Error as _;
    let kind = if e.is_timeout() {
        "timed out"
    } else if e.is_connect() {
        "could not connect"
    } else if e.is_redirect() {
        "too many redirects"
    } else if e.is_body() || e.is_decode() {
        "the response body was cut off or could not be decoded"
    } else {
        "request failed"
    };
    // Walk to the innermost cause (e.g. "Connection refused (os error 111)").
    let mut source = e.source();
    let mut detail = None;
    while let Some(s) = source {
        detail = Some(s.to_string());
        source = s.source();
    }
    match detail {
        Some(d) => format!("{kind}: {d}"),
        None => kind.to_string(),
    }
}

/// `localhost`, `127.x.x.x` or `::1`.
fn is_loopback(host: &str) -> bool {
    let bare = host.trim_start_matches('[').trim_end_matches(']');
    bare.eq_ignore_ascii_case("localhost")
        || bare
            .parse::<std::net::IpAddr>()
            .is_ok_and(|ip| ip.is_loopback())
}

/// 408, 429 and 5xx are retried.
fn is_retryable_status(status: u16) -> bool {
    status == StatusCode::REQUEST_TIMEOUT.as_u16()
        || status == StatusCode::TOO_MANY_REQUESTS.as_u16()
        || (500..600).contains(&status)
}

/// How long the server asks us to wait: `Retry-After` (delta seconds or HTTP
/// date), else `ratelimit-reset` (unix seconds, Bluesky). `None` if neither is
/// present or readable. A time already past gives zero.
pub fn retry_hint(headers: &HeaderMap, now: DateTime<Utc>) -> Option<Duration> {
    let header = |name| {
        headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .map(str::trim)
    };
    if let Some(value) = header(RETRY_AFTER.as_str()) {
        if let Ok(secs) = value.parse::<u64>() {
            return Some(Duration::from_secs(secs));
        }
        if let Ok(date) = DateTime::parse_from_rfc2822(value) {
            return Some(until(date.with_timezone(&Utc), now));
        }
    }
    let reset = header("ratelimit-reset")?.parse::<i64>().ok()?;
    let at = DateTime::from_timestamp(reset, 0)?;
    Some(until(at, now))
}

fn until(at: DateTime<Utc>, now: DateTime<Utc>) -> Duration {
    (at - now).to_std().unwrap_or(Duration::ZERO)
}

/// `url` with the values of `secret_params` replaced by [`REDACTED`].
pub fn redact_url(url: &Url, secret_params: &[String]) -> String {
    if secret_params.is_empty() || url.query().is_none() {
        return url.to_string();
    }
    let pairs: Vec<(String, String)> = url
        .query_pairs()
        .map(|(k, v)| {
            let value = if secret_params.iter().any(|s| s == &k) {
                REDACTED.to_string()
            } else {
                v.into_owned()
            };
            (k.into_owned(), value)
        })
        .collect();
    let mut redacted = url.clone();
    redacted.query_pairs_mut().clear().extend_pairs(pairs);
    redacted.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use reqwest::header::HeaderValue;

    fn at(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
    }

    #[test]
    fn retry_after_seconds() {
        let mut h = HeaderMap::new();
        h.insert(RETRY_AFTER, HeaderValue::from_static("7"));
        assert_eq!(
            retry_hint(&h, at("2025-01-01T00:00:00Z")),
            Some(Duration::from_secs(7))
        );
    }

    #[test]
    fn retry_after_http_date() {
        let mut h = HeaderMap::new();
        h.insert(
            RETRY_AFTER,
            HeaderValue::from_static("Wed, 01 Jan 2025 00:00:30 GMT"),
        );
        assert_eq!(
            retry_hint(&h, at("2025-01-01T00:00:00Z")),
            Some(Duration::from_secs(30))
        );
        // A date in the past means "now".
        assert_eq!(
            retry_hint(&h, at("2025-01-01T00:01:00Z")),
            Some(Duration::ZERO)
        );
    }

    #[test]
    fn ratelimit_reset_unix_seconds() {
        let mut h = HeaderMap::new();
        // 2025-01-01T00:00:00Z = 1735689600
        h.insert("ratelimit-reset", HeaderValue::from_static("1735689612"));
        assert_eq!(
            retry_hint(&h, at("2025-01-01T00:00:00Z")),
            Some(Duration::from_secs(12))
        );
    }

    #[test]
    fn retry_after_wins_over_ratelimit_reset() {
        let mut h = HeaderMap::new();
        h.insert("ratelimit-reset", HeaderValue::from_static("1735689612"));
        h.insert(RETRY_AFTER, HeaderValue::from_static("3"));
        assert_eq!(
            retry_hint(&h, at("2025-01-01T00:00:00Z")),
            Some(Duration::from_secs(3))
        );
    }

    #[test]
    fn unreadable_hints_are_ignored() {
        let mut h = HeaderMap::new();
        h.insert(RETRY_AFTER, HeaderValue::from_static("soon"));
        h.insert("ratelimit-reset", HeaderValue::from_static("later"));
        assert_eq!(retry_hint(&h, at("2025-01-01T00:00:00Z")), None);
        assert_eq!(
            retry_hint(&HeaderMap::new(), at("2025-01-01T00:00:00Z")),
            None
        );
    }

    #[test]
    fn retryable_statuses() {
        for s in [408, 429, 500, 502, 503, 504] {
            assert!(is_retryable_status(s), "{s}");
        }
        for s in [200, 301, 400, 401, 403, 404, 410] {
            assert!(!is_retryable_status(s), "{s}");
        }
    }

    #[test]
    fn secrets_are_redacted() {
        let url = Url::parse(
            "https://www.googleapis.com/youtube/v3/channels?part=snippet&key=AIzaSECRET&id=UC1",
        )
        .unwrap();
        let got = redact_url(&url, &["key".to_string()]);
        assert_eq!(
            got,
            "https://www.googleapis.com/youtube/v3/channels?part=snippet&key=REDACTED&id=UC1"
        );
        assert!(!got.contains("SECRET"));
        // Nothing to redact: unchanged.
        assert_eq!(redact_url(&url, &[]), url.to_string());
    }

    #[test]
    fn request_builder() {
        let url = Url::parse("https://id.twitch.tv/oauth2/token?client_secret=s3").unwrap();
        let req = Request::get(Platform::Twitch, "token", url)
            .header("Client-Id", "abc")
            .secret_param("client_secret")
            .post_form(vec![("grant_type".into(), "client_credentials".into())]);
        assert_eq!(req.role, "token");
        assert_eq!(
            req.headers,
            vec![("Client-Id".to_string(), "abc".to_string())]
        );
        assert_eq!(
            req.redacted_url(),
            "https://id.twitch.tv/oauth2/token?client_secret=REDACTED"
        );
        assert!(matches!(req.method, Method::PostForm(ref f) if f.len() == 1));
    }

    #[test]
    fn backoff_stays_within_exponential_ceiling() {
        let config = HttpConfig {
            base_backoff: Duration::from_millis(100),
            max_retry_wait: Duration::from_secs(1),
            ..HttpConfig::default()
        };
        let client = HttpClient::new(config).unwrap();
        for attempt in 0..8 {
            let ceiling =
                Duration::from_millis(100 * 2u64.pow(attempt)).min(Duration::from_secs(1));
            for _ in 0..20 {
                assert!(client.backoff(attempt) <= ceiling);
            }
        }
    }

    #[test]
    fn zero_quota_is_rejected() {
        let config = HttpConfig {
            rate_limits: vec![HostLimit::new("x", 0, 1)],
            ..HttpConfig::default()
        };
        assert!(HttpClient::new(config).is_err());
    }

    #[test]
    fn unlisted_hosts_use_the_wildcard_quota() {
        let client = HttpClient::with_defaults().unwrap();
        assert!(client.limiter_for("mastodon.social").is_some());
        let none = HttpClient::new(HttpConfig {
            rate_limits: Vec::new(),
            ..HttpConfig::default()
        })
        .unwrap();
        assert!(none.limiter_for("mastodon.social").is_none());
        // Loopback is exempt from the wildcard, but not from a named quota.
        assert!(client.limiter_for("127.0.0.1").is_none());
        assert!(client.limiter_for("localhost").is_none());
        let named = HttpClient::new(HttpConfig {
            rate_limits: vec![HostLimit::new("127.0.0.1", 1, 1)],
            ..HttpConfig::default()
        })
        .unwrap();
        assert!(named.limiter_for("127.0.0.1").is_some());
    }

    #[test]
    fn endpoint_appends_segments() {
        let base = Url::parse("https://public.api.bsky.app").unwrap();
        assert_eq!(
            endpoint(&base, "xrpc/app.bsky.actor.getProfile").as_str(),
            "https://public.api.bsky.app/xrpc/app.bsky.actor.getProfile"
        );
        let prefixed = Url::parse("http://127.0.0.1:9/bsky/").unwrap();
        assert_eq!(
            endpoint(&prefixed, "/xrpc/x").as_str(),
            "http://127.0.0.1:9/bsky/xrpc/x"
        );
    }

    #[test]
    fn base_url_default_trims_slash() {
        assert_eq!(
            base_url("scout_test_unset_source", "https://public.api.bsky.app/").as_str(),
            "https://public.api.bsky.app/"
        );
    }
}
