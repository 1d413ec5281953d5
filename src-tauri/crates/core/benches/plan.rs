//! Benchmark: a plan over a 200-creator shortlist (target < 1 s), including the extra
//! solves behind the binding constraints and the marginal value.
//!
//! `cargo bench -p scout-core --bench plan` prints the figures; nothing is asserted.

use std::hint::black_box;
use std::time::{Duration, Instant};

use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use scout_core::plan::{Candidate, Constraints, Objective, Span, solve};
use scout_core::{Tier, TierBounds};

/// 200 creators with log-uniform audiences (2K–5M), Instagram-like prices ($10 per 1,000
/// followers, ±30 %) and authentic engagements at 0.5–6 % of followers.
fn shortlist(n: usize, seed: u64) -> Vec<Candidate> {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let bounds = TierBounds::default();
    (0..n)
        .map(|i| {
            let followers = 10f64.powf(rng.random_range(3.3..6.7));
            let cost = (followers / 1000.0 * 10.0 * rng.random_range(0.7..1.3)).round();
            let er = rng.random_range(0.005..0.06) * if followers > 500_000.0 { 0.4 } else { 1.0 };
            let value = followers * er;
            Candidate {
                id: i.to_string(),
                handle: format!("creator{i}"),
                tier: Some(bounds.tier(followers as u64)),
                cost_per_post: Some(cost),
                value_per_post: Some(Span {
                    low: value * 0.6,
                    point: value,
                    high: value * 1.3,
                }),
                value_missing: None,
                cost_missing: None,
                risk: rng.random_bool(0.05),
            }
        })
        .collect()
}

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn main() {
    let cands = shortlist(200, 42);
    let mut budget_only = Constraints::with_budget(50_000.0);
    budget_only.max_posts = 3;
    let mut shares = budget_only.clone();
    shares.min_share.insert(Tier::Micro, 0.3);
    shares.max_share.insert(Tier::Mega, 0.5);
    let mut capped = shares.clone();
    capped.max_creators = Some(20);
    for (name, c) in [
        ("budget, 3 posts each", &budget_only),
        ("+ micro >= 30 %, mega <= 50 %", &shares),
        ("+ at most 20 creators", &capped),
    ] {
        let mut times = Vec::new();
        let mut last = None;
        for _ in 0..5 {
            let start = Instant::now();
            let r = solve(Objective::Engagement, black_box(&cands), black_box(c)).expect("plan");
            times.push(start.elapsed());
            last = Some(r);
        }
        let r = last.expect("ran");
        println!(
            "plan over 200 creators ({name}): median {:.3} s (max {:.3} s); {} creators, {} posts, cost {:.0}, value {:.0}, optimal {}, binding {:?}, notes {:?}",
            median(times.clone()).as_secs_f64(),
            times.iter().max().expect("ran").as_secs_f64(),
            r.chosen.len(),
            r.chosen.iter().map(|p| p.posts).sum::<u32>(),
            r.total_cost,
            r.total_value.point,
            r.optimal,
            r.binding_constraints
                .iter()
                .map(|b| b.constraint.as_str())
                .collect::<Vec<_>>(),
            r.notes
        );
    }
}
