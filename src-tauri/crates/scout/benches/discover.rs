//! Discovery benchmarks (issue 10), `cargo bench -p scout --bench discover` (release):
//!
//! 1. Re-rank and filter 10,000 discovered creators (goal: under 50 ms). Candidates
//!    are generated with a seeded generator (mixed platforms, 1–4 hits each, bios,
//!    follower counts), then ranked with `scout::discover::rank` and filtered with
//!    `Filters::keep`; the median of 15 runs is printed.
//! 2. A discovery run against the minimum its rate limit allows: "more like" a
//!    shortlist of `SCOUT_BENCH_DISCOVER_SEEDS` Bluesky creators (default 200, from a
//!    generated demo workspace). The run's requests are answered by the loopback
//!    replay server with the repository's discovery fixtures (suggested follows,
//!    their counts from `getProfiles`, each seed's starter packs and the two packs
//!    read); the Mastodon tag timelines of the demo's hashtags (3 tags × the default
//!    instances) have no fixture and answer 404, and are counted like the rest), with the AppView's production quota applied to loopback
//!    (`SCOUT_LOOPBACK_LIMITS`). The run happens in a child process of this bench
//!    (the environment points the discovery at the replay server; this crate forbids
//!    `unsafe`, so no `set_var`), and the wall time is set against
//!    `(requests − burst) / rate` for every request the server received (answered
//!    or not: each one waited for the same bucket). Goal: a run bounded by the limit
//!    (≈ 1×).

#[allow(dead_code, unused_imports)]
#[path = "../../../../tests/support/replay.rs"]
mod replay;

use std::sync::Arc;
use std::time::Instant;

use replay::bluesky::xrpc;
use replay::{ReplayServer, Reply, Route, fixture};
use scout::views::CreatorQuery;
use scout::{Cancel, Workspace};

use scout::discover::{Filters, rank};
use scout_core::Platform;
use scout_sources::discovery::{Candidate, Hit, Query};

fn candidates(n: usize) -> Vec<Candidate> {
    let mut seed: u64 = 0x5C0_u64;
    let mut next = move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    let bios = [
        "Sustainable skincare, zero waste routines and honest reviews",
        "Soins naturels et cosmétique solide, tutos chaque semaine",
        "Gaming, speedruns and retro consoles",
        "Plant-based recipes and low-waste kitchen tips for families",
    ];
    (0..n)
        .map(|i| {
            let platform = Platform::ALL[(next() % 6) as usize];
            let mut c = Candidate::new(
                platform,
                format!("id{i}"),
                format!("creator{i}"),
                format!("https://x/{i}"),
            );
            c.followers = Some(next() % 2_000_000);
            c.bio = Some(bios[(next() % 4) as usize].to_string());
            c.post_texts.push(bios[(next() % 4) as usize].to_string());
            for h in 0..=(next() % 4) {
                c.hits.push(match (next() + h) % 4 {
                    0 => Hit::ProfileSearch {
                        query: "skincare".into(),
                    },
                    1 => Hit::Hashtag {
                        tag: "zerodechet".into(),
                        excerpt: "baume".into(),
                        url: None,
                    },
                    2 => Hit::Mentioned {
                        by: format!("seed{}", next() % 12),
                        excerpt: "hi".into(),
                        url: None,
                    },
                    _ => Hit::Suggested {
                        of: "seed1".into(),
                        fallback: next() % 2 == 0,
                    },
                });
            }
            c
        })
        .collect()
}

/// Marks the child process that runs the discovery (its value: the seed count).
const CHILD: &str = "SCOUT_BENCH_DISCOVER_CHILD";
const PRODUCTION_HOST: &str = "public.api.bsky.app";

/// The child: a demo workspace, a shortlist of its first `seeds` Bluesky creators, and
/// one "more like" run from it; prints the run's wall time as `WALL <seconds>`.
fn child(seeds: usize) {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("tokio runtime");
    let dir = tempfile::tempdir().expect("temp dir");
    let ws = Workspace::open(Some(dir.path().to_path_buf())).expect("workspace");
    ws.load_demo_n(seeds * 10).expect("demo workspace");
    let ids: Vec<i64> = ws
        .list_creators(&CreatorQuery {
            platform: Some("bluesky".into()),
            limit: Some(u32::try_from(seeds).expect("fits")),
            ..CreatorQuery::default()
        })
        .expect("Bluesky creators")
        .rows
        .iter()
        .map(|r| r.id)
        .collect();
    assert_eq!(ids.len(), seeds, "the demo has {seeds} Bluesky creators");
    ws.create_shortlist("Seeds", None).expect("shortlist");
    ws.add_to_shortlist("Seeds", &ids)
        .expect("seeds shortlisted");
    let started = Instant::now();
    let run = runtime
        .block_on(ws.discover_like(
            "Seeds",
            scout::discover::DiscoverRequest::default(),
            Arc::new(|_| {}),
            Cancel::new(),
        ))
        .expect("discovery run");
    let wall = started.elapsed().as_secs_f64();
    println!("FOUND {}", run.total);
    println!("WALL {wall}");
}

/// The parent side of part 2: the replay server, the child, the figures.
fn discovery_run() {
    let seeds: usize = std::env::var("SCOUT_BENCH_DISCOVER_SEEDS")
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
        let json = |rel: &str| Reply::json(200, fixture(rel));
        let server = ReplayServer::start(vec![
            Route::get(xrpc("app.bsky.graph.getSuggestedFollowsByActor"))
                .named("suggested")
                .reply(json(
                    "bluesky/discovery/getSuggestedFollowsByActor_lena-okafor.json",
                )),
            Route::get(xrpc("app.bsky.actor.getProfiles"))
                .named("profiles")
                .reply(json("bluesky/discovery/getProfiles_runners.json")),
            Route::get(xrpc("app.bsky.graph.getActorStarterPacks"))
                .named("starter packs")
                .reply(json("bluesky/discovery/getActorStarterPacks_lena-okafor.json")),
            Route::get(xrpc("app.bsky.graph.getStarterPack"))
                .query("starterPack", "at://did:plc:lk4x2tqdo6m3c7wzjy5vbh2a/app.bsky.graph.starterpack/3lurbtrail0s2")
                .named("pack trail")
                .reply(json("bluesky/discovery/getStarterPack_3lurbtrail0s2.json")),
            Route::get(xrpc("app.bsky.graph.getStarterPack"))
                .query("starterPack", "at://did:plc:lk4x2tqdo6m3c7wzjy5vbh2a/app.bsky.graph.starterpack/3lgearrev0w2k")
                .named("pack gear")
                .reply(json("bluesky/discovery/getStarterPack_3lgearrev0w2k.json")),
        ])
        .await;
        let base = server.base_url.clone();
        let out = tokio::task::spawn_blocking(move || {
            std::process::Command::new(std::env::current_exe().expect("this bench"))
                .env(CHILD, seeds.to_string())
                .env(scout::LOOPBACK_LIMITS_ENV, PRODUCTION_HOST)
                .env("SCOUT_BLUESKY_BASE_URL", &base)
                .env("SCOUT_LINKINBIO_BASE_URL", &base)
                // The known creators' hashtags are read on Mastodon: on loopback too.
                .env("SCOUT_MASTODON_BASE_URL", &base)
                .output()
                .expect("the discovery child runs")
        })
        .await
        .expect("child");
        let stdout = String::from_utf8_lossy(&out.stdout);
        assert!(
            out.status.success(),
            "discovery child failed: {stdout}{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let field = |name: &str| -> f64 {
            stdout
                .lines()
                .find_map(|l| l.strip_prefix(name)?.trim().parse().ok())
                .unwrap_or_else(|| panic!("the child printed no {name}: {stdout}"))
        };
        let wall = field("WALL ");
        let found = field("FOUND ");
        let unmatched = server.unmatched();
        let requests = server.total_hits() + unmatched.len();
        let minimum =
            requests.saturating_sub(limit.burst as usize) as f64 / f64::from(limit.per_second);
        println!(
            "\n| discovery run: more like {seeds} Bluesky creators ({PRODUCTION_HOST} quota {}/s burst {} on loopback) | figure |\n|---|---|",
            limit.per_second, limit.burst
        );
        println!(
            "| requests (suggested follows {}, getProfiles {}, starter pack lists {}, packs {}; unanswered {}: {:?}) | {requests} |",
            server.hits("suggested"),
            server.hits("profiles"),
            server.hits("starter packs"),
            server.hits("pack trail") + server.hits("pack gear"),
            unmatched.len(),
            unmatched.iter().take(3).collect::<Vec<_>>()
        );
        println!("| accounts found | {found} |");
        println!("| minimum the quota allows, (requests − burst) / rate | {minimum:.1} s |");
        println!("| wall time of the run | {wall:.1} s |");
        println!("| wall / minimum | {:.3}× |", wall / minimum);
    });
}

fn main() {
    if let Some(seeds) = std::env::var(CHILD).ok().and_then(|v| v.parse().ok()) {
        child(seeds);
        return;
    }
    rank_and_filter();
    discovery_run();
}

fn rank_and_filter() {
    let all = candidates(10_000);
    let q = Query::parse("sustainable skincare #zerodechet");
    let filters = Filters {
        min_followers: Some(10_000),
        max_followers: Some(100_000),
        platforms: vec![Platform::Bluesky, Platform::Mastodon, Platform::Youtube],
        ..Filters::default()
    };
    let mut times = Vec::new();
    let mut kept = 0;
    for _ in 0..15 {
        let input = all.clone();
        let t = Instant::now();
        let ranked = rank(input, &q, 12, &|_| None);
        kept = ranked.iter().filter(|r| filters.keep(r)).count();
        times.push(t.elapsed());
    }
    times.sort();
    let median = times[times.len() / 2];
    println!(
        "discover/rank+filter 10000 creators: median {:.1} ms (min {:.1} ms, max {:.1} ms), {kept} kept; goal < 50 ms",
        median.as_secs_f64() * 1e3,
        times[0].as_secs_f64() * 1e3,
        times[times.len() - 1].as_secs_f64() * 1e3
    );
}
