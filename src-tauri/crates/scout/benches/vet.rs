//! Vet benchmark (issue 9): `SCOUT_BENCH_VET_CREATORS` Bluesky creators (default
//! 200) vetted by `Workspace::vet` over the loopback replay server **with the
//! production rate limits applied** (`scout::http_config_with_loopback_limits`, the
//! configuration the benchmark-only switch `SCOUT_LOOPBACK_LIMITS=public.api.bsky.app`
//! gives a vet: the real AppView quota on loopback), then
//! the wall time against the minimum that quota allows for the requests the run
//! actually made: a GCRA quota of `r`/s with a burst of `b` lets `n` requests
//! through no faster than `(n − b) / r` seconds. Goal: at most 1.1× that.
//!
//! Every creator is the repository's Bluesky fixture creator (`tests/fixtures/bluesky/`,
//! the real AppView formats: profile, two author-feed pages, ten threads, two
//! follower pages) under its own handle and DID, so each vet is a distinct account
//! with its own requests; the bodies are the fixtures with those two strings replaced.
//!
//! `cargo bench -p scout --bench vet` (release). Prints a table; asserts only that
//! every vet succeeded and no request went unanswered.

#[allow(dead_code, unused_imports)]
#[path = "../../../../tests/support/replay.rs"]
mod replay;

use std::sync::Arc;
use std::time::Instant;

use replay::bluesky::{DID, FEED_CURSOR_2, FOLLOWERS_CURSOR_2, HANDLE, xrpc};
use replay::{ReplayServer, Reply, Route, fixture, fixture_path};
use scout::{Cancel, Workspace};
use scout_sources::Registry;
use scout_sources::bluesky::BlueskySource;
use scout_sources::http::HttpClient;

const PRODUCTION_HOST: &str = "public.api.bsky.app";

/// The handle and DID of bench creator `i` (a DID of the `did:plc:` shape: 24 base32 letters).
fn identity(i: usize) -> (String, String) {
    let letters: String = format!("{i:06}")
        .bytes()
        .map(|d| char::from(b'a' + (d - b'0')))
        .collect();
    (
        format!("bench-{letters}.bsky.social"),
        format!("did:plc:benchcreator{letters}aa"),
    )
}

/// Every route a vet of creator `i` requests (as `replay::bluesky::creator_routes`
/// for the fixture creator), its bodies rewritten to its handle and DID.
fn routes_for(i: usize, threads: &[(String, u16, String)]) -> Vec<Route> {
    let (handle, did) = identity(i);
    let body = |rel: &str| -> Vec<u8> {
        String::from_utf8(fixture(rel))
            .expect("UTF-8 fixture")
            .replace(HANDLE, &handle)
            .replace(DID, &did)
            .into_bytes()
    };
    let ok = |rel: &str| Reply::json(200, body(rel));
    let mut routes = vec![
        Route::get(xrpc("app.bsky.actor.getProfile"))
            .query("actor", handle.as_str())
            .named(format!("{i}:profile"))
            .reply(ok("bluesky/getProfile_lena-okafor.json")),
        Route::get(xrpc("app.bsky.feed.getAuthorFeed"))
            .query("actor", did.as_str())
            .without_query("cursor")
            .named(format!("{i}:feed:1"))
            .reply(ok("bluesky/getAuthorFeed_lena-okafor_page1.json")),
        Route::get(xrpc("app.bsky.feed.getAuthorFeed"))
            .query("actor", did.as_str())
            .query("cursor", FEED_CURSOR_2)
            .named(format!("{i}:feed:2"))
            .reply(ok("bluesky/getAuthorFeed_lena-okafor_page2.json")),
        Route::get(xrpc("app.bsky.graph.getFollowers"))
            .query("actor", did.as_str())
            .without_query("cursor")
            .named(format!("{i}:followers:1"))
            .reply(ok("bluesky/getFollowers_lena-okafor_page1.json")),
        Route::get(xrpc("app.bsky.graph.getFollowers"))
            .query("actor", did.as_str())
            .query("cursor", FOLLOWERS_CURSOR_2)
            .named(format!("{i}:followers:2"))
            .reply(ok("bluesky/getFollowers_lena-okafor_page2.json")),
    ];
    for (rkey, status, rel) in threads {
        routes.push(
            Route::get(xrpc("app.bsky.feed.getPostThread"))
                .query("uri", format!("at://{did}/app.bsky.feed.post/{rkey}"))
                .named(format!("{i}:thread:{rkey}"))
                .reply(Reply::json(*status, body(rel))),
        );
    }
    routes
}

/// The fixture threads: `(rkey, status, fixture path)`.
fn threads() -> Vec<(String, u16, String)> {
    let mut names: Vec<String> = std::fs::read_dir(fixture_path("bluesky"))
        .expect("bluesky fixtures")
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .filter(|n| {
            n.starts_with("getPostThread_")
                && std::path::Path::new(n)
                    .extension()
                    .is_some_and(|x| x.eq_ignore_ascii_case("json"))
        })
        .collect();
    names.sort();
    names
        .into_iter()
        .map(|name| {
            let stem = name["getPostThread_".len()..name.len() - ".json".len()].to_string();
            let (rkey, status) = match stem.strip_suffix("_NotFound") {
                Some(rkey) => (rkey.to_string(), 400),
                None => (stem, 200),
            };
            (rkey, status, format!("bluesky/{name}"))
        })
        .collect()
}

fn main() {
    let n: usize = std::env::var("SCOUT_BENCH_VET_CREATORS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(200);
    let limit = scout_sources::http::default_rate_limits()
        .into_iter()
        .find(|l| l.host == PRODUCTION_HOST)
        .expect("a shipped quota for the Bluesky AppView");
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("tokio runtime");
    runtime.block_on(async move {
        let threads = threads();
        let routes: Vec<Route> = (0..n).flat_map(|i| routes_for(i, &threads)).collect();
        let server = ReplayServer::start(routes).await;
        // The HTTP configuration `SCOUT_LOOPBACK_LIMITS=public.api.bsky.app` gives a vet.
        let http = HttpClient::new(scout::http_config_with_loopback_limits(Some(PRODUCTION_HOST)))
            .expect("HTTP client");
        let base = url::Url::parse(&server.base_url).expect("replay URL");
        let dir = tempfile::tempdir().expect("temp dir");
        let ws = Workspace::open(Some(dir.path().to_path_buf())).expect("workspace");
        ws.use_registry(Registry::from_sources(vec![Box::new(
            BlueskySource::with_base_url(http, base),
        )]))
        .expect("registry");
        let inputs: Vec<String> = (0..n).map(|i| identity(i).0).collect();

        let started = Instant::now();
        let outcomes = ws.vet(inputs, Arc::new(|_| {}), Cancel::new()).await;
        let wall = started.elapsed().as_secs_f64();

        let failed: Vec<_> = outcomes.iter().filter(|o| o.error.is_some()).collect();
        assert!(failed.is_empty(), "{} vets failed: {:?}", failed.len(), failed.first());
        let unmatched = server.unmatched();
        assert!(unmatched.is_empty(), "requests no route answered: {unmatched:?}");
        let requests = server.total_hits();
        let minimum = requests.saturating_sub(limit.burst as usize) as f64 / f64::from(limit.per_second);
        let ratio = wall / minimum;
        println!(
            "\n| measure ({n} Bluesky creators, {PRODUCTION_HOST} quota {}/s burst {} on loopback) | figure | goal |\n|---|---|---|",
            limit.per_second, limit.burst
        );
        println!("| requests made | {requests} ({:.1} per vet) | — |", requests as f64 / n as f64);
        println!("| minimum the quota allows, (requests − burst) / rate | {minimum:.1} s | — |");
        println!("| wall time of the vet run | {wall:.1} s | — |");
        println!("| wall / minimum | {ratio:.3}× | ≤ 1.1× |");
        println!("| concurrency | {} vets at once | — |", scout::CONCURRENCY);
    });
}
