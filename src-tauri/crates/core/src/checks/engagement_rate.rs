//! Engagement rate against the published benchmark of the creator's platform
//! and tier ([`check`]), and the creator's percentile among the workspace's
//! peers ([`peer_percentile`]). The rate compared is the platform's one
//! declared formula ([`declared_rate`]): the basis (per follower or per view)
//! and statistic (median or mean) named in the benchmark table.

use std::fmt::Write as _;

use serde::{Deserialize, Serialize};

use super::benchmarks::{Basis, Benchmarks, Statistic};
use super::{missing_reason, not_enough, pct};
use crate::metrics::{Figure, Metrics, stats};
use crate::{Evidence, EvidenceKind, Finding, Part, Range, Snapshot, Verdict};

/// Check id of the benchmark comparison.
pub const CHECK: &str = "engagement_rate";
/// Method version of the benchmark comparison.
pub const METHOD: &str = "engagement_rate/1";
/// Check id of the peer percentile.
pub const PEER_CHECK: &str = "engagement_rate.peer_percentile";
/// Method version of the peer percentile.
pub const PEER_METHOD: &str = "peer_percentile/1";
/// Posts with known counts needed to state a rate (five posts already show a creator's usual level; fewer is one lucky post).
pub const MIN_POSTS: usize = 5;
/// Posts at which confidence reaches 1 (the 30 most recent posts, as Modash and Influencer Hero use).
pub const FULL_POSTS: usize = 30;
/// Peers needed for a percentile (below five a percentile moves in 20-point steps).
pub const MIN_PEERS: usize = 5;
/// Peers at which confidence reaches 1.
pub const FULL_PEERS: usize = 30;

/// The rate a platform's benchmark is stated in, computed for one creator: the
/// one engagement rate every surface shows (Creators table, Creator page, CLI,
/// CSV, PDF), with the band it is compared against.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DeclaredRate {
    /// The rate (fraction).
    pub value: f64,
    /// Posts behind it.
    pub posts: usize,
    /// Per follower or per view.
    pub basis: Basis,
    /// Median or mean.
    pub statistic: Statistic,
    /// The platform and tier band the rate is judged against, when the table has one.
    pub band: Option<Range>,
    /// The rate's verdict against `band` (`NotEnoughData` without a band).
    pub verdict: Verdict,
}

/// The platform's declared formula: what the rate is divided by and how the
/// per-post rates are summarised (from the benchmark table).
pub fn declared_formula(
    platform: crate::Platform,
    benchmarks: &Benchmarks,
) -> Option<(Basis, Statistic)> {
    let pb = benchmarks.engagement(platform)?;
    Some((pb.basis?, pb.statistic?))
}

/// The per-post rates of the declared basis.
fn rates_of(metrics: &Metrics, basis: Basis) -> Vec<f64> {
    match basis {
        Basis::PerFollower => metrics.per_post.iter().map(|r| r.rate).collect(),
        Basis::PerView => metrics.per_post_view.iter().map(|r| r.rate).collect(),
    }
}

/// The creator's rate in the platform's declared formula, when the table has
/// one for the platform and at least [`MIN_POSTS`] posts qualify (the same
/// rule the benchmark check applies: fewer posts give "not enough data", never
/// a figure). This is the definition of "the engagement rate" everywhere.
pub fn declared_rate(metrics: &Metrics, benchmarks: &Benchmarks) -> Option<DeclaredRate> {
    let (basis, statistic) = declared_formula(metrics.platform, benchmarks)?;
    let rates = rates_of(metrics, basis);
    if rates.len() < MIN_POSTS {
        return None;
    }
    let value = match statistic {
        Statistic::Median => stats::median(&rates)?,
        Statistic::Mean => stats::mean(&rates)?,
    };
    let band = metrics
        .tier
        .and_then(|t| benchmarks.engagement_band(metrics.platform, t));
    Some(DeclaredRate {
        value,
        posts: rates.len(),
        basis,
        statistic,
        band: band.map(super::benchmarks::Band::range),
        verdict: band.map_or(Verdict::NotEnoughData, |b| {
            benchmarks.engagement_rate_verdict.verdict(value, b)
        }),
    })
}

/// The declared formula in words, e.g. "median of per-post (likes + comments) / views".
pub fn formula_text(platform: crate::Platform, benchmarks: &Benchmarks) -> String {
    let f = crate::metrics::interaction_formula(platform);
    let word = |c: crate::metrics::Count| c.word(platform);
    let mut parts: Vec<String> = f.required.iter().map(|c| word(*c)).collect();
    parts.extend(
        f.optional
            .iter()
            .map(|c| format!("{} when known", word(*c))),
    );
    let interactions = parts.join(" + ");
    match declared_formula(platform, benchmarks) {
        None => format!("({interactions}) per post; no declared formula for {platform}"),
        Some((basis, statistic)) => {
            let stat = match statistic {
                Statistic::Median => "median",
                Statistic::Mean => "mean",
            };
            let denominator = match basis {
                Basis::PerFollower => platform.audience_word().to_string(),
                Basis::PerView => word(crate::metrics::Count::Views),
            };
            format!(
                "{stat} over the recent {}s of ({interactions}) / {denominator}",
                platform.post_word()
            )
        }
    }
}

fn describe(basis: Basis, statistic: Statistic) -> &'static str {
    match (statistic, basis) {
        (Statistic::Median, Basis::PerFollower) => "median engagement per follower",
        (Statistic::Mean, Basis::PerFollower) => "mean engagement per follower",
        (Statistic::Median, Basis::PerView) => "median engagement per view",
        (Statistic::Mean, Basis::PerView) => "mean engagement per view",
    }
}

fn uppercase_first(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

/// Compare the declared rate with the platform and tier band.
pub fn check(snapshot: &Snapshot, metrics: &Metrics, benchmarks: &Benchmarks) -> Finding {
    let title = "Engagement rate";
    let platform = metrics.platform;
    let Some(pb) = benchmarks.engagement(platform) else {
        return not_enough(
            CHECK,
            title,
            METHOD,
            format!("The benchmark table declares no engagement-rate formula for {platform}."),
        );
    };
    let Some(tier) = metrics.tier else {
        let why = missing_reason(snapshot, Part::FollowerCount)
            .unwrap_or_else(|| "not given by the source".into());
        return not_enough(
            CHECK,
            title,
            METHOD,
            format!(
                "The follower count is unknown ({why}), so the tier and its benchmark are unknown."
            ),
        );
    };
    let Some(band) = pb.tiers.get(&tier) else {
        let why = if pb.tiers.is_empty() {
            format!(
                "The benchmark table has no engagement-rate band for {platform}: {}",
                pb.source
            )
        } else {
            format!("The benchmark table has no {tier} band for {platform}.")
        };
        return not_enough(CHECK, title, METHOD, why);
    };
    let declared = declared_rate(metrics, benchmarks);
    let n = pb.basis.map_or(0, |b| rates_of(metrics, b).len());
    if declared.is_none() {
        let figure = match pb.basis {
            Some(Basis::PerView) => Figure::PerView,
            _ => Figure::PerFollower,
        };
        let left_out: Vec<_> = metrics
            .excluded
            .iter()
            .filter(|e| e.figure == figure)
            .collect();
        let mut why = format!(
            "Only {} every count this formula needs (need {MIN_POSTS}); {} left out",
            match n {
                1 => "1 post has".to_string(),
                n => format!("{n} posts have"),
            },
            match left_out.len() {
                1 => "1 post was".to_string(),
                n => format!("{n} posts were"),
            }
        );
        if let Some(first) = left_out.first() {
            let _ = write!(why, ", e.g. {} ({})", first.post_id, first.reason);
        }
        if let Some(note) = metrics.notes.first() {
            let _ = write!(why, "; {note}");
        }
        why.push('.');
        return not_enough(CHECK, title, METHOD, why);
    }
    let Some(d) = declared else {
        return not_enough(CHECK, title, METHOD, "No post qualifies for the rate.");
    };
    let verdict = d.verdict;
    let what = describe(d.basis, d.statistic);
    let position = match verdict {
        Verdict::Ok => "within",
        _ if d.value < band.low => "below",
        _ => "above",
    };
    let worry = match (verdict, d.value < band.low) {
        (Verdict::Ok | Verdict::NotEnoughData, _) => "",
        (_, true) => ", which points to inactive or bought followers",
        (_, false) => ", which points to bought likes or an engagement pod",
    };
    let rates = match d.basis {
        Basis::PerFollower => &metrics.per_post,
        Basis::PerView => &metrics.per_post_view,
    };
    Finding {
        check: CHECK.to_string(),
        title: title.to_string(),
        value: Some(d.value),
        expected: Some(band.range()),
        verdict,
        confidence: stats::sample_confidence(n, MIN_POSTS, FULL_POSTS),
        evidence: rates
            .iter()
            .map(|r| {
                Evidence::new(
                    EvidenceKind::Post,
                    r.post_id.clone(),
                    format!("rate {}", pct(r.rate)),
                )
            })
            .collect(),
        explanation: format!(
            "{} of {} over {n} posts is {position} the {tier} {platform} range {}–{} ({}){worry}.",
            uppercase_first(what),
            pct(d.value),
            pct(band.low),
            pct(band.high),
            pb.cite
        ),
        method_version: METHOD.to_string(),
    }
}

/// The creator's mid-rank percentile among `peers` (declared rates of the
/// workspace's other creators on the same platform and tier).
pub fn peer_percentile(metrics: &Metrics, benchmarks: &Benchmarks, peers: &[f64]) -> Finding {
    let title = "Engagement rate among workspace peers";
    let peers: Vec<f64> = peers.iter().copied().filter(|p| p.is_finite()).collect();
    let Some(d) = declared_rate(metrics, benchmarks) else {
        return not_enough(
            PEER_CHECK,
            title,
            PEER_METHOD,
            "The creator's own engagement rate could not be measured.",
        );
    };
    if peers.len() < MIN_PEERS {
        return not_enough(
            PEER_CHECK,
            title,
            PEER_METHOD,
            format!(
                "Only {} on the same platform and tier in this workspace to compare with (need {MIN_PEERS}).",
                super::plain::counted_figure(
                    peers.len(),
                    super::plain::Noun::new("other creator", "other creators")
                )
            ),
        );
    }
    let Some(p) = stats::percentile_rank(d.value, &peers) else {
        return not_enough(PEER_CHECK, title, PEER_METHOD, "No usable peer rates.");
    };
    let band = &benchmarks.thresholds.peer_percentile;
    let verdict = if p < band.low || p > band.high {
        Verdict::Watch
    } else {
        Verdict::Ok
    };
    let tier = metrics
        .tier
        .map_or_else(|| "unknown-tier".to_string(), |t| t.to_string());
    Finding {
        check: PEER_CHECK.to_string(),
        title: title.to_string(),
        value: Some(p),
        expected: Some(Range::new(band.low, band.high)),
        verdict,
        confidence: stats::sample_confidence(peers.len(), MIN_PEERS, FULL_PEERS)
            .min(stats::sample_confidence(d.posts, MIN_POSTS, FULL_POSTS)),
        evidence: Vec::new(),
        explanation: format!(
            "A {} of {} ranks at the {} percentile of {} {tier} {} creators in this workspace.",
            describe(d.basis, d.statistic),
            pct(d.value),
            super::plain::ordinal((p * 100.0).round().max(0.0) as u64),
            peers.len(),
            metrics.platform
        ),
        method_version: PEER_METHOD.to_string(),
    }
}
