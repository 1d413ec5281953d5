//! Scale benchmarks (issue 9): a generated workspace of `SCOUT_BENCH_CREATORS`
//! creators (default 100,000, three snapshots each), then the Creators table's
//! first page cold, every sort and a set of filters, one creator's detail, storing
//! and analysing one vetted snapshot, and the database size per creator.
//!
//! Run in a release build: `cargo bench -p scout --bench scale`. Figures are
//! printed as a table; nothing here asserts a time (targets: first page < 150 ms
//! cold, any page < 100 ms, detail < 100 ms, store + analyse < 50 ms, demo
//! generation < 2 min).

use std::time::{Duration, Instant};

use scout::Workspace;
use scout::views::CreatorQuery;

fn ms(d: Duration) -> String {
    format!("{:.1} ms", d.as_secs_f64() * 1e3)
}

fn time<T>(f: impl FnOnce() -> T) -> (T, Duration) {
    let t = Instant::now();
    let out = f();
    (out, t.elapsed())
}

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn db_size(dir: &std::path::Path) -> u64 {
    std::fs::read_dir(dir).map_or(0, |d| {
        d.filter_map(Result::ok)
            .filter(|e| e.file_name().to_string_lossy().starts_with(scout::DB_FILE))
            .filter_map(|e| e.metadata().ok())
            .map(|m| m.len())
            .sum()
    })
}

fn main() {
    let n: usize = std::env::var("SCOUT_BENCH_CREATORS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(100_000);
    // `SCOUT_BENCH_DIR` keeps the workspace (and reuses one already generated there,
    // skipping the generation step) so the query figures can be re-measured without
    // generating 100,000 creators again.
    let kept = std::env::var_os("SCOUT_BENCH_DIR").map(std::path::PathBuf::from);
    let temp = tempfile::tempdir().expect("temp dir");
    let path = kept.clone().unwrap_or_else(|| temp.path().to_path_buf());
    let mut rows: Vec<(String, String, &str)> = Vec::new();

    let ws = Workspace::open(Some(path.clone())).expect("open workspace");
    let existing = ws.info().expect("workspace info").creators as usize;
    let n = if kept.is_some() && existing > 0 {
        rows.push((
            format!("scout demo --creators {existing}: reused from SCOUT_BENCH_DIR"),
            "—".into(),
            "< 120 s",
        ));
        existing
    } else {
        let (_info, gen_time) = time(|| ws.load_demo_n(n).expect("demo"));
        rows.push((
            format!("scout demo --creators {n} (3 snapshots each beyond the first 60)"),
            format!("{:.1} s", gen_time.as_secs_f64()),
            "< 120 s",
        ));
        n
    };
    drop(ws);
    let size = db_size(&path);
    rows.push((
        "database size per creator".into(),
        format!(
            "{:.1} KiB ({:.0} MiB in all)",
            size as f64 / 1024.0 / n as f64,
            size as f64 / 1024.0 / 1024.0
        ),
        "—",
    ));

    // Cold: a freshly opened workspace (new connections, empty caches).
    let ws = Workspace::open(Some(path.clone())).expect("reopen");
    let first = CreatorQuery {
        sort: Some("followers".into()),
        desc: true,
        limit: Some(50),
        ..CreatorQuery::default()
    };
    let (page, cold) = time(|| ws.list_creators(&first).expect("first page"));
    assert_eq!(page.rows.len(), 50);
    rows.push((
        "first page, list --sort followers --desc --limit 50 (cold)".into(),
        ms(cold),
        "< 150 ms",
    ));

    let mut pages: Vec<(String, Duration)> = Vec::new();
    for sort in [
        "name",
        "handle",
        "platform",
        "followers",
        "tier",
        "er",
        "authenticity",
        "risks",
        "last_vetted",
    ] {
        for desc in [false, true] {
            for offset in [0, 5_000] {
                let q = CreatorQuery {
                    sort: Some(sort.into()),
                    desc,
                    limit: Some(50),
                    offset: Some(offset),
                    ..CreatorQuery::default()
                };
                let (_, d) = time(|| ws.list_creators(&q).expect("page"));
                pages.push((format!("sort {sort} desc={desc} offset={offset}"), d));
            }
        }
    }
    let filters: Vec<(&str, CreatorQuery)> = vec![
        (
            "platform=youtube sort followers",
            CreatorQuery {
                platform: Some("youtube".into()),
                desc: true,
                ..CreatorQuery::default()
            },
        ),
        (
            "tier=micro sort er",
            CreatorQuery {
                tier: Some("micro".into()),
                sort: Some("er".into()),
                desc: true,
                ..CreatorQuery::default()
            },
        ),
        (
            "followers 10k–50k sort authenticity",
            CreatorQuery {
                min_followers: Some(10_000.0),
                max_followers: Some(50_000.0),
                sort: Some("authenticity".into()),
                ..CreatorQuery::default()
            },
        ),
        (
            "ER 2–4 % sort followers",
            CreatorQuery {
                min_er: Some(0.02),
                max_er: Some(0.04),
                desc: true,
                ..CreatorQuery::default()
            },
        ),
        (
            "authenticity ≥ 80, platform=instagram",
            CreatorQuery {
                min_authenticity: Some(80.0),
                platform: Some("instagram".into()),
                ..CreatorQuery::default()
            },
        ),
        (
            "text 'anna' sort followers",
            CreatorQuery {
                text: Some("anna".into()),
                desc: true,
                ..CreatorQuery::default()
            },
        ),
    ];
    for (name, q) in &filters {
        let (_, d) = time(|| ws.list_creators(q).expect("filtered page"));
        pages.push(((*name).to_string(), d));
    }
    let worst = pages.iter().max_by_key(|(_, d)| *d).expect("pages").clone();
    rows.push((
        format!("any sort/filter page ({} pages), median", pages.len()),
        ms(median(pages.iter().map(|(_, d)| *d).collect())),
        "< 100 ms",
    ));
    rows.push((format!("  slowest: {}", worst.0), ms(worst.1), "< 100 ms"));

    // One creator's detail, first view (checks run, findings stored).
    let ids: Vec<i64> = page.rows.iter().take(10).map(|r| r.id).collect();
    let details: Vec<Duration> = ids
        .iter()
        .map(|id| time(|| ws.creator(*id, None).expect("detail")).1)
        .collect();
    rows.push((
        "one creator's detail (first view, 10 creators), median".into(),
        ms(median(details.clone())),
        "< 100 ms",
    ));
    rows.push((
        "  slowest detail".into(),
        ms(*details.iter().max().expect("details")),
        "< 100 ms",
    ));

    // Storing and analysing one vetted snapshot (what a vet does after fetching).
    let now = chrono::Utc::now();
    let fresh: Vec<_> =
        scout::demo::Generator::new(0xBEEF, 10, now, &scout_core::TierBounds::default())
            .map(|mut c| {
                let mut s = c.snapshots.pop().expect("snapshot");
                s.profile.id = format!("bench-{}", s.profile.id);
                s.profile.handle = format!("bench.{}", s.profile.handle);
                s
            })
            .collect();
    let stores: Vec<Duration> = fresh
        .iter()
        .map(|s| time(|| ws.save_and_check(s, &[]).expect("store + analyse")).1)
        .collect();
    rows.push((
        "store + analyse one vetted snapshot (10 runs), median".into(),
        ms(median(stores)),
        "< 50 ms",
    ));

    println!("\n| measure ({n} creators) | figure | goal |\n|---|---|---|");
    for (what, figure, goal) in rows {
        println!("| {what} | {figure} | {goal} |");
    }
    println!("\nEvery page:");
    for (name, d) in pages {
        println!("  {name:<45} {}", ms(d));
    }
}
