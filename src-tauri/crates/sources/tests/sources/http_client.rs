//! `HttpClient` against the replay server: which statuses are retried, how
//! server hints are honoured, the size cap, redaction and transport errors.

use std::time::Duration;

use scout_core::Platform;
use scout_sources::SourceError;
use scout_sources::http::{HostLimit, HttpClient, HttpConfig, REDACTED, Request};
use url::Url;

use crate::replay::{ReplayServer, Reply, Route};

fn client() -> HttpClient {
    HttpClient::new(HttpConfig::for_tests()).expect("client")
}

fn get(server: &ReplayServer, path: &str) -> Request {
    Request::get(
        Platform::Bluesky,
        "test",
        Url::parse(&server.url(path)).expect("url"),
    )
}

const OK_BODY: &str = r#"{"ok":true}"#;

#[tokio::test]
async fn non_retryable_statuses_come_back_as_responses() {
    let server = ReplayServer::start(vec![
        Route::get("/ok").reply(Reply::json(200, OK_BODY)),
        Route::get("/bad").reply(Reply::json(
            400,
            r#"{"error":"InvalidRequest","message":"Profile not found"}"#,
        )),
        Route::get("/gone").reply(Reply::status(410)),
        Route::get("/forbidden").reply(Reply::status(403)),
    ])
    .await;
    let http = client();
    for (path, status) in [
        ("/ok", 200),
        ("/bad", 400),
        ("/gone", 410),
        ("/forbidden", 403),
    ] {
        let raw = http.send(get(&server, path)).await.expect(path);
        assert_eq!(raw.status, status, "{path}");
        assert_eq!(
            server.hits(&format!("GET {path}")),
            1,
            "{path} is not retried"
        );
    }
    let raw = http.send(get(&server, "/ok")).await.unwrap();
    assert_eq!(raw.body, OK_BODY.as_bytes());
    assert_eq!(raw.role, "test");
    assert_eq!(
        raw.content_type.as_deref(),
        Some("application/json; charset=utf-8")
    );
    // An unknown path is a plain 404 response, not an error.
    assert_eq!(
        http.send(get(&server, "/nowhere")).await.unwrap().status,
        404
    );
    assert_eq!(server.unmatched(), vec!["GET /nowhere".to_string()]);
}

#[tokio::test]
async fn too_many_requests_with_retry_after_then_success() {
    let server = ReplayServer::start(vec![
        Route::get("/x")
            .reply(
                Reply::json(
                    429,
                    r#"{"error":"RateLimitExceeded","message":"Rate Limit Exceeded"}"#,
                )
                .header("Retry-After", "0"),
            )
            .then(Reply::json(200, OK_BODY)),
    ])
    .await;
    let raw = client().send(get(&server, "/x")).await.expect("retried");
    assert_eq!(raw.status, 200);
    assert_eq!(server.hits("GET /x"), 2);
}

#[tokio::test]
async fn too_many_requests_with_ratelimit_reset_then_success() {
    // Bluesky's reset is a unix time; this one (2023-11-14) is past, so the wait is zero.
    let limited = Reply::json(
        429,
        r#"{"error":"RateLimitExceeded","message":"Rate Limit Exceeded"}"#,
    )
    .header("RateLimit-Limit", "3000")
    .header("RateLimit-Remaining", "0")
    .header("RateLimit-Reset", "1700000000")
    .header("RateLimit-Policy", "3000;w=300");
    let server = ReplayServer::start(vec![
        Route::get("/x")
            .reply(limited.clone())
            .then(limited)
            .then(Reply::json(200, OK_BODY)),
    ])
    .await;
    let raw = client().send(get(&server, "/x")).await.expect("retried");
    assert_eq!(raw.status, 200);
    assert_eq!(server.hits("GET /x"), 3);
}

#[tokio::test]
async fn too_many_requests_forever_is_rate_limited_after_all_retries() {
    let server = ReplayServer::start(vec![
        Route::get("/x").reply(Reply::status(429).header("Retry-After", "0")),
    ])
    .await;
    let err = client().send(get(&server, "/x")).await.unwrap_err();
    match err {
        SourceError::RateLimited {
            platform,
            host,
            retry_after,
        } => {
            assert_eq!(platform, Platform::Bluesky);
            assert_eq!(host, "127.0.0.1");
            assert_eq!(retry_after, Some(Duration::ZERO));
        }
        other => panic!("expected RateLimited, got {other:?}"),
    }
    // The first attempt plus HttpConfig::max_retries (4).
    assert_eq!(server.hits("GET /x"), 5);
}

#[tokio::test]
async fn a_retry_after_longer_than_the_cap_fails_at_once() {
    let server = ReplayServer::start(vec![
        Route::get("/x")
            .reply(Reply::status(429).header("Retry-After", "3600"))
            .then(Reply::json(200, OK_BODY)),
    ])
    .await;
    let err = client().send(get(&server, "/x")).await.unwrap_err();
    assert!(
        matches!(err, SourceError::RateLimited { retry_after: Some(d), .. } if d == Duration::from_secs(3600)),
        "{err:?}"
    );
    assert_eq!(server.hits("GET /x"), 1);
    assert!(err.to_string().contains("retry after 3600s"), "{err}");
}

#[tokio::test]
async fn server_errors_and_408_are_retried() {
    let server = ReplayServer::start(vec![
        Route::get("/x")
            .reply(Reply::status(500))
            .then(Reply::status(502))
            .then(Reply::json(200, OK_BODY)),
        Route::get("/slow")
            .reply(Reply::status(408))
            .then(Reply::json(200, OK_BODY)),
    ])
    .await;
    let http = client();
    assert_eq!(http.send(get(&server, "/x")).await.unwrap().status, 200);
    assert_eq!(server.hits("GET /x"), 3);
    assert_eq!(http.send(get(&server, "/slow")).await.unwrap().status, 200);
    assert_eq!(server.hits("GET /slow"), 2);
}

#[tokio::test]
async fn server_errors_forever_become_an_http_error() {
    let server = ReplayServer::start(vec![Route::get("/x").reply(Reply::status(503))]).await;
    let err = client().send(get(&server, "/x")).await.unwrap_err();
    assert!(
        matches!(err, SourceError::Http { status: 503, .. }),
        "{err:?}"
    );
    assert_eq!(server.hits("GET /x"), 5);
}

fn small_cap_client(limit: usize) -> HttpClient {
    HttpClient::new(HttpConfig {
        max_body_bytes: limit,
        ..HttpConfig::for_tests()
    })
    .unwrap()
}

#[tokio::test]
async fn a_body_over_the_cap_is_refused() {
    let server = ReplayServer::start(vec![
        Route::get("/big").reply(Reply::json(200, vec![b' '; 4096])),
        Route::get("/fits").reply(Reply::json(200, vec![b' '; 1024])),
    ])
    .await;
    let http = small_cap_client(1024);
    let err = http.send(get(&server, "/big")).await.unwrap_err();
    assert!(
        matches!(
            err,
            SourceError::TooLarge {
                limit_bytes: 1024,
                ..
            }
        ),
        "{err:?}"
    );
    assert_eq!(server.hits("GET /big"), 1, "a refused body is not retried");
    assert_eq!(
        http.send(get(&server, "/fits")).await.unwrap().body.len(),
        1024
    );
}

#[tokio::test]
async fn a_compressed_body_is_capped_while_streaming() {
    // 182 bytes on the wire, 25,801 bytes once decompressed: the declared
    // length is under the cap, so only the check while streaming can refuse it.
    let inflated = 1 + 258 * 100;
    let gz = gzip_run(b'a', 100);
    assert!(gz.len() < 1024, "compressed size {}", gz.len());
    let server = ReplayServer::start(vec![
        Route::get("/bomb").reply(Reply::json(200, gz.clone()).header("content-encoding", "gzip")),
        Route::get("/small")
            .reply(Reply::json(200, gzip_run(b'a', 1)).header("content-encoding", "gzip")),
    ])
    .await;
    let err = small_cap_client(1024)
        .send(get(&server, "/bomb"))
        .await
        .unwrap_err();
    assert!(
        matches!(
            err,
            SourceError::TooLarge {
                limit_bytes: 1024,
                ..
            }
        ),
        "{err:?}"
    );
    // Under a large cap the same body decompresses to exactly `inflated` bytes.
    let raw = client().send(get(&server, "/bomb")).await.unwrap();
    assert_eq!(raw.body.len(), inflated);
    assert!(raw.body.iter().all(|b| *b == b'a'));
    assert_eq!(
        client()
            .send(get(&server, "/small"))
            .await
            .unwrap()
            .body
            .len(),
        259
    );
}

#[tokio::test]
async fn connection_refused_is_a_network_error() {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    drop(listener);
    let url = Url::parse(&format!("http://127.0.0.1:{port}/x")).unwrap();
    let err = client()
        .send(Request::get(Platform::Bluesky, "test", url))
        .await
        .unwrap_err();
    match &err {
        SourceError::Network { host, message } => {
            assert_eq!(host, "127.0.0.1");
            assert!(message.starts_with("could not connect"), "{message}");
        }
        other => panic!("expected Network, got {other:?}"),
    }
    assert_eq!(err.code(), "network");
    assert_eq!(
        err.to_string(),
        "No connection to 127.0.0.1: check the network, then retry"
    );
}

#[tokio::test]
async fn secret_query_values_are_sent_but_not_stored() {
    let server = ReplayServer::start(vec![
        Route::get("/youtube/v3/channels")
            .query("key", "AIzaSECRET")
            .reply(Reply::json(200, OK_BODY)),
    ])
    .await;
    let url = Url::parse(&server.url("/youtube/v3/channels?part=snippet&key=AIzaSECRET")).unwrap();
    let req = Request::get(Platform::Youtube, "channel", url).secret_param("key");
    let raw = client().send(req).await.unwrap();
    assert_eq!(raw.status, 200, "the real key reached the server");
    assert_eq!(
        raw.url,
        format!(
            "{}/youtube/v3/channels?part=snippet&key={REDACTED}",
            server.base_url
        )
    );
    assert!(!raw.url.contains("SECRET"));
}

#[tokio::test]
async fn form_posts_are_sent() {
    let server = ReplayServer::start(vec![Route::post("/oauth2/token").reply(Reply::json(
        200,
        r#"{"access_token":"t","expires_in":5000000,"token_type":"bearer"}"#,
    ))])
    .await;
    let url = Url::parse(&server.url("/oauth2/token")).unwrap();
    let req = Request::get(Platform::Twitch, "token", url)
        .post_form(vec![("grant_type".into(), "client_credentials".into())])
        .header("Accept", "application/json");
    assert_eq!(client().send(req).await.unwrap().status, 200);
    assert_eq!(server.hits("POST /oauth2/token"), 1);
}

#[tokio::test]
async fn a_named_quota_applies_to_loopback() {
    let server = ReplayServer::start(vec![Route::get("/x").reply(Reply::json(200, OK_BODY))]).await;
    let config = HttpConfig {
        rate_limits: vec![HostLimit::new("127.0.0.1", 1000, 3)],
        ..HttpConfig::for_tests()
    };
    let http = HttpClient::new(config).unwrap();
    for _ in 0..3 {
        assert_eq!(http.send(get(&server, "/x")).await.unwrap().status, 200);
    }
    assert_eq!(server.hits("GET /x"), 3);
}

/// A gzip member whose deflate stream is one fixed-Huffman block: the literal
/// `byte`, then `copies` back-references of length 258 at distance 1.
fn gzip_run(byte: u8, copies: usize) -> Vec<u8> {
    struct Bits {
        out: Vec<u8>,
        acc: u32,
        n: u32,
    }
    impl Bits {
        /// `count` bits of `value`, least significant first.
        fn put(&mut self, value: u32, count: u32) {
            for i in 0..count {
                self.acc |= ((value >> i) & 1) << self.n;
                self.n += 1;
                if self.n == 8 {
                    self.out.push(self.acc as u8);
                    self.acc = 0;
                    self.n = 0;
                }
            }
        }
        /// A Huffman code of `count` bits, most significant first.
        fn code(&mut self, code: u32, count: u32) {
            for i in (0..count).rev() {
                self.put((code >> i) & 1, 1);
            }
        }
    }
    let mut bits = Bits {
        out: Vec::new(),
        acc: 0,
        n: 0,
    };
    bits.put(1, 1); // BFINAL
    bits.put(1, 2); // BTYPE = fixed Huffman
    assert!(byte < 144);
    bits.code(0x30 + u32::from(byte), 8); // literal 0..143: 8-bit codes from 0x30
    for _ in 0..copies {
        bits.code(0xC0 + (285 - 280), 8); // length 258 = symbol 285, no extra bits
        bits.code(0, 5); // distance 1 = code 0, no extra bits
    }
    bits.code(0, 7); // end of block = symbol 256
    if bits.n > 0 {
        bits.out.push(bits.acc as u8);
    }
    let data = vec![byte; 1 + 258 * copies];
    let mut gz = vec![0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 255];
    gz.extend_from_slice(&bits.out);
    gz.extend_from_slice(&crc32(&data).to_le_bytes());
    gz.extend_from_slice(&(data.len() as u32).to_le_bytes());
    gz
}

fn crc32(data: &[u8]) -> u32 {
    let mut crc = !0u32;
    for &b in data {
        crc ^= u32::from(b);
        for _ in 0..8 {
            crc = if crc & 1 == 1 {
                (crc >> 1) ^ 0xEDB8_8320
            } else {
                crc >> 1
            };
        }
    }
    !crc
}

// ---------------------------------------------------------------------------
// Waits on tokio's paused clock: the replay server runs on the test's runtime
// and stamps each arrival with tokio's (virtual) clock, so the gaps below are
// exactly what the client waited, and no test sleeps in real time. A client
// that ignored `Retry-After`, `ratelimit-reset` or its rate limiter would send
// the next request within its backoff (at most `base_backoff`, 500 ms) and fail.
// ---------------------------------------------------------------------------

/// The shipped retry policy (real backoffs and hint cap), with `limits`.
fn production_client(limits: Vec<HostLimit>) -> HttpClient {
    HttpClient::new(HttpConfig {
        rate_limits: limits,
        ..HttpConfig::default()
    })
    .expect("client")
}

/// Gaps between consecutive arrivals.
fn gaps(arrivals: &[tokio::time::Instant]) -> Vec<Duration> {
    arrivals.windows(2).map(|w| w[1] - w[0]).collect()
}

fn assert_between(gap: Duration, low: Duration, high: Duration, what: &str) {
    assert!(
        gap >= low && gap <= high,
        "{what}: waited {gap:?}, expected between {low:?} and {high:?}"
    );
}

#[tokio::test(start_paused = true)]
async fn retry_after_seconds_is_waited_for_exactly() {
    let server = ReplayServer::start(vec![
        Route::get("/x")
            .reply(Reply::json(429, r#"{"error":"RateLimitExceeded"}"#).header("Retry-After", "7"))
            .then(Reply::json(200, OK_BODY)),
    ])
    .await;
    let raw = production_client(Vec::new())
        .send(get(&server, "/x"))
        .await
        .expect("retried");
    assert_eq!(raw.status, 200);
    let gaps = gaps(&server.arrivals("GET /x"));
    assert_eq!(gaps.len(), 1);
    assert_between(
        gaps[0],
        Duration::from_secs(7),
        Duration::from_millis(7_050),
        "Retry-After: 7",
    );
}

#[tokio::test(start_paused = true)]
async fn ratelimit_reset_is_waited_for_until_the_reset_time() {
    // Bluesky's reset is a unix time: 12 s from now (wall clock, whole seconds).
    let reset = chrono::Utc::now().timestamp() + 12;
    let limited = Reply::json(
        429,
        r#"{"error":"RateLimitExceeded","message":"Rate Limit Exceeded"}"#,
    )
    .header("RateLimit-Limit", "3000")
    .header("RateLimit-Remaining", "0")
    .header("RateLimit-Reset", reset.to_string())
    .header("RateLimit-Policy", "3000;w=300");
    let server = ReplayServer::start(vec![
        Route::get("/x")
            .reply(limited)
            .then(Reply::json(200, OK_BODY)),
    ])
    .await;
    let raw = production_client(Vec::new())
        .send(get(&server, "/x"))
        .await
        .expect("retried");
    assert_eq!(raw.status, 200);
    let gaps = gaps(&server.arrivals("GET /x"));
    assert_eq!(gaps.len(), 1);
    // Truncating "now" to whole seconds makes the wait between 11 and 12 s.
    assert_between(
        gaps[0],
        Duration::from_secs(10),
        Duration::from_millis(12_050),
        "ratelimit-reset in 12 s",
    );
}

#[tokio::test(start_paused = true)]
async fn the_rate_limiter_spaces_requests_to_the_host_quota() {
    let server = ReplayServer::start(vec![Route::get("/x").reply(Reply::json(200, OK_BODY))]).await;
    // 2 requests a second, no burst: one every 500 ms.
    let http = production_client(vec![HostLimit::new("127.0.0.1", 2, 1)]);
    for _ in 0..5 {
        assert_eq!(http.send(get(&server, "/x")).await.unwrap().status, 200);
    }
    let gaps = gaps(&server.arrivals("GET /x"));
    assert_eq!(gaps.len(), 4);
    for gap in gaps {
        assert_between(
            gap,
            Duration::from_millis(500),
            Duration::from_millis(510),
            "2/s quota",
        );
    }
}

#[tokio::test(start_paused = true)]
async fn concurrent_requests_share_one_bucket_and_the_burst() {
    let server = ReplayServer::start(vec![Route::get("/x").reply(Reply::json(200, OK_BODY))]).await;
    // 4 a second with a burst of 2: two at once, then one every 250 ms.
    let http = production_client(vec![HostLimit::new("127.0.0.1", 4, 2)]);
    let sends = (0..6).map(|_| http.send(get(&server, "/x")));
    for raw in futures::future::join_all(sends).await {
        assert_eq!(raw.unwrap().status, 200);
    }
    let mut arrivals = server.arrivals("GET /x");
    arrivals.sort();
    let gaps = gaps(&arrivals);
    assert!(gaps[0] < Duration::from_millis(10), "the burst: {gaps:?}");
    let span = *arrivals.last().unwrap() - arrivals[0];
    // 6 requests, 2 free: 4 more at 250 ms each.
    assert_between(
        span,
        Duration::from_secs(1),
        Duration::from_millis(1_020),
        "6 requests at 4/s, burst 2",
    );
}
