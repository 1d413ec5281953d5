//! Brand Fit for the Creators table (issue 14): the first page after choosing a
//! brief on a demo workspace of `SCOUT_BENCH_CREATORS` creators (default 60, the
//! app's demo), cold (nothing scored for the brief yet), then warm (every Fit
//! cached in `creator_fit`), then a Fit sort and filter in SQL over the cache, and
//! a changed brief (every Fit stale again).
//!
//! Run in a release build: `cargo bench -p scout --bench fit`. Figures are printed
//! as a table; nothing here asserts a time (target: the first page with a newly
//! chosen brief < 1 s on the 60-creator demo).

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

const BRIEF: &str = include_str!("../../core/data/brand/example_brief.toml");

fn main() {
    let n: usize = std::env::var("SCOUT_BENCH_CREATORS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(60);
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().to_path_buf();
    let ws = Workspace::open(Some(path.clone())).expect("open workspace");
    ws.load_demo_n(n).expect("demo");
    let brief = ws.save_brief_toml(BRIEF).expect("brief").name;
    drop(ws);

    let mut rows: Vec<(String, String)> = Vec::new();
    let ws = Workspace::open(Some(path.clone())).expect("reopen");
    let page = CreatorQuery {
        brief: Some(brief.clone()),
        sort: Some("followers".into()),
        desc: true,
        limit: Some(50),
        ..CreatorQuery::default()
    };
    let (first, cold) = time(|| ws.list_creators(&page).expect("first page"));
    assert!(!first.rows.is_empty());
    rows.push((
        format!("first page with a newly chosen brief ({n} creators, cold)"),
        ms(cold),
    ));
    let (all, fill) = time(|| ws.finish_fits(&brief).expect("background fits"));
    rows.push((
        format!("Fit of the other creators in the background ({all} scored)"),
        ms(fill),
    ));
    let (_, warm) = time(|| ws.list_creators(&page).expect("warm page"));
    rows.push(("the same page again (every Fit cached)".into(), ms(warm)));
    let by_fit = CreatorQuery {
        sort: Some("fit".into()),
        desc: true,
        min_fit: Some(30.0),
        ..page.clone()
    };
    let (sorted, t) = time(|| ws.list_creators(&by_fit).expect("fit sort"));
    rows.push((
        format!(
            "sort by Fit, Fit ≥ 30 ({} of {n} match, SQL over the cache)",
            sorted.total
        ),
        ms(t),
    ));
    // A changed brief: every cached Fit is for the old version.
    let edited = BRIEF.replace("\"cruelty free\"", "\"cruelty free\", \"vegan\"");
    ws.save_brief_toml(&edited).expect("edited brief");
    let (_, t) = time(|| ws.list_creators(&page).expect("edited brief page"));
    rows.push(("first page after the brief is edited".into(), ms(t)));
    let (_, t) = time(|| ws.list_creators(&by_fit).expect("fit sort, edited"));
    rows.push((
        "sort by Fit right after the edit (scores every creator first)".into(),
        ms(t),
    ));

    let width = rows.iter().map(|r| r.0.chars().count()).max().unwrap_or(0);
    println!("\nBrand Fit benchmark ({n} creators)\n");
    for (what, figure) in &rows {
        println!("{what:<width$}  {figure:>10}");
    }
}
