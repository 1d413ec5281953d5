//! Benchmarks: a 50-creator PDF report (target < 3 s) and a 100,000-row CSV (target < 1 s).
//!
//! `cargo bench -p scout-report` prints the figures; nothing is asserted.

#[path = "../tests/report/support/mod.rs"]
mod support;

use std::hint::black_box;
use std::time::{Duration, Instant};

use chrono::Duration as Days;
use scout_core::Platform;
use scout_report::csv::{write_creators, write_posts};
use scout_report::pdf::render_pdf;
use scout_report::{CsvOptions, PdfOptions, PostRow};

fn secs(d: Duration) -> String {
    format!("{:.3} s", d.as_secs_f64())
}

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn main() {
    // PDF: the first render includes loading the fonts and typst's library.
    let options = PdfOptions::default();
    let input = support::many(50);
    let start = Instant::now();
    let first = render_pdf(&input, &options).expect("render");
    let cold = start.elapsed();
    // Later renders change the data (another date each time) so that typst's
    // memoisation cannot reuse the previous layout wholesale.
    let mut warm = Vec::new();
    for k in 1..=5 {
        let mut changed = input.clone();
        changed.generated_at += Days::days(k);
        for c in &mut changed.creators {
            c.followers = c.followers.map(|f| f + k as u64);
        }
        let start = Instant::now();
        black_box(render_pdf(&changed, &options).expect("render"));
        warm.push(start.elapsed());
    }
    println!(
        "pdf: 50 creators, {} pages, {} bytes ({:.0} KiB): first render {}, then median {} (max {})",
        first.pages,
        first.bytes.len(),
        first.bytes.len() as f64 / 1024.0,
        secs(cold),
        secs(median(warm.clone())),
        secs(*warm.iter().max().expect("five runs"))
    );

    // CSV: 100,000 post rows with realistic text, and 100,000 creator rows.
    let fetched = support::generated_at();
    let posts: Vec<PostRow> = (0..100_000u64)
        .map(|i| PostRow {
            platform: Platform::Instagram,
            handle: format!("creator{}", i % 500),
            post_id: format!("C{i:08}"),
            url: Some(format!("https://www.instagram.com/p/C{i:08}/")),
            kind: "original".into(),
            created_at: fetched - Days::minutes(i as i64 * 7),
            title: None,
            text: format!(
                "Morning routine #{i}, with \"quotes\", emoji 🌿 and a -{}% code",
                i % 50
            ),
            likes: Some(1_000 + i % 977),
            replies: Some(i % 83),
            reposts: Some(i % 17),
            quotes: None,
            views: Some(10_000 + i),
            er: Some((i % 97) as f64 / 1000.0),
            sponsored_label: Some(i % 11 == 0),
            fetched_at: fetched,
        })
        .collect();
    for (label, options) in [
        ("plain", CsvOptions::default()),
        ("excel_europe", CsvOptions::excel_europe()),
    ] {
        let mut times = Vec::new();
        let mut size = 0;
        for _ in 0..5 {
            let mut out = Vec::with_capacity(32 << 20);
            let start = Instant::now();
            write_posts(&posts, &options, &mut out).expect("csv");
            times.push(start.elapsed());
            size = out.len();
        }
        println!(
            "csv posts ({label}): 100,000 rows, {:.1} MiB: median {}",
            size as f64 / 1_048_576.0,
            secs(median(times))
        );
    }
    let creators: Vec<_> = (0..100_000)
        .map(|i| support::many(3).creators[i % 3].clone())
        .collect();
    let mut times = Vec::new();
    let mut size = 0;
    for _ in 0..5 {
        let mut out = Vec::with_capacity(64 << 20);
        let start = Instant::now();
        write_creators(&creators, &CsvOptions::default(), &mut out).expect("csv");
        times.push(start.elapsed());
        size = out.len();
    }
    println!(
        "csv creators: 100,000 rows, {:.1} MiB: median {}",
        size as f64 / 1_048_576.0,
        secs(median(times))
    );
}
