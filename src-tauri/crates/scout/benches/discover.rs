//! Re-rank and filter 10,000 discovered creators (goal: under 50 ms).
//!
//! `cargo bench -p scout --bench discover`. Candidates are generated with a seeded
//! generator (mixed platforms, 1–4 hits each, bios, follower counts), then
//! ranked with `scout::discover::rank` and filtered with `Filters::keep`; the
//! median of 15 runs is printed.

use std::time::Instant;

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

fn main() {
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
