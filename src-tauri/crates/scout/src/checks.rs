//! Bridge to `scout-core`'s authenticity checks: builds their context from the
//! workspace (benchmarks, peers, bot probabilities, history) and maps the
//! results into views and the report's method appendix.

use chrono::{DateTime, Utc};
use scout_core::checks::bots::AccountBotScore;
use scout_core::checks::engagement_rate::DeclaredRate;
use scout_core::checks::{AccountScores, Benchmarks, CheckContext, HistoryPoint};
use scout_core::{Finding, Part, Snapshot, TierBounds};
use scout_store::SnapshotMeta;
use std::sync::Arc;

use crate::analysis::Analysis;
use crate::views::ScorePart;

pub(crate) struct Checked {
    pub findings: Vec<Finding>,
    pub score: Option<f64>,
    pub breakdown: Vec<ScorePart>,
    pub declared: Option<DeclaredRate>,
    pub authentic_er: Option<(f64, f64, f64)>,
}

/// File name of a user-edited benchmark table in the data folder (replaces the shipped one).
pub const BENCHMARKS_FILE: &str = "benchmarks.toml";

fn title_of(check: &str) -> String {
    let s = check.replace(['.', '_'], " ");
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().collect::<String>() + c.as_str())
        .unwrap_or_default()
}

#[allow(clippy::too_many_arguments)]
pub(crate) fn run(
    snapshot: &Snapshot,
    history: &[SnapshotMeta],
    bounds: &TierBounds,
    bots: &[AccountBotScore],
    peers: &[f64],
    b: &Benchmarks,
    now: DateTime<Utc>,
) -> Checked {
    let earlier: Vec<HistoryPoint> = history
        .iter()
        .filter(|m| m.fetched_at < snapshot.fetched_at)
        .map(|m| HistoryPoint {
            fetched_at: m.fetched_at,
            followers: m.followers,
            following: m.following,
            posts_count: m.posts_count,
        })
        .collect();
    let probs: Vec<(String, f64)> = bots
        .iter()
        .map(|s| (s.account_id.clone(), s.probability))
        .collect();
    let sample = if snapshot.follower_sample.is_some() {
        Part::FollowerSample
    } else {
        Part::EngagerSample
    };
    let ctx = CheckContext {
        bounds,
        benchmarks: b,
        peers,
        now,
        account_scores: (!probs.is_empty()).then_some(AccountScores {
            sample,
            scores: &probs,
        }),
    };
    let run = scout_core::checks::run(snapshot, &earlier, &ctx);
    let mut findings = run.findings;
    findings.push(run.score.to_finding(&b.score));
    let breakdown = run
        .score
        .breakdown
        .iter()
        .map(|c| {
            let f = findings.iter().find(|f| f.check == c.check);
            ScorePart {
                name: f.map_or_else(|| title_of(&c.check), |f| f.title.clone()),
                weight: c.normalised_weight,
                score: c.points,
                contribution: c.contribution,
                explanation: f.map(|f| f.explanation.clone()).unwrap_or_default(),
            }
        })
        .collect();
    Checked {
        findings,
        score: run.score.score,
        breakdown,
        declared: run.declared,
        authentic_er: run.authentic.map(|a| (a.low, a.point, a.high)),
    }
}

/// Every single-value threshold of the benchmark table, flattened for the report.
pub(crate) fn thresholds(b: &Benchmarks) -> Vec<scout_report::Threshold> {
    fn walk(
        prefix: &str,
        v: &serde_json::Value,
        version: &str,
        out: &mut Vec<scout_report::Threshold>,
    ) {
        match v {
            serde_json::Value::Number(n) => {
                if let Some(x) = n.as_f64() {
                    out.push(scout_report::Threshold {
                        key: prefix.to_string(),
                        label: title_of(prefix),
                        value: x,
                        unit: None,
                        source: Some(format!("Scout benchmarks {version}")),
                    });
                }
            }
            serde_json::Value::Object(m) => {
                for (k, v) in m {
                    walk(&format!("{prefix}.{k}"), v, version, out);
                }
            }
            _ => {}
        }
    }
    let mut out = Vec::new();
    let Ok(serde_json::Value::Object(map)) = serde_json::to_value(&b.thresholds) else {
        return out;
    };
    for (k, v) in &map {
        walk(k, v, &b.version, &mut out);
    }
    out
}

/// The engagement benchmark rows the report's creators were judged against.
pub(crate) fn benchmarks_used(
    b: &Benchmarks,
    analyses: &[Arc<Analysis>],
) -> Vec<scout_report::Benchmark> {
    let mut out: Vec<scout_report::Benchmark> = Vec::new();
    for a in analyses {
        let (p, Some(tier)) = (a.snapshot.platform, a.metrics.tier) else {
            continue;
        };
        if out.iter().any(|x| x.platform == p && x.tier == tier) {
            continue;
        }
        if let (Some(table), Some(band)) = (b.engagement(p), b.engagement_band(p, tier)) {
            out.push(scout_report::Benchmark {
                platform: p,
                tier,
                metric: "engagement_rate".into(),
                low: band.low,
                median: band.typical.map(|[lo, hi]| f64::midpoint(lo, hi)),
                high: band.high,
                source: table.source.clone(),
            });
        }
    }
    out.sort_by(|x, y| x.platform.cmp(&y.platform).then(x.tier.cmp(&y.tier)));
    out
}
