//! Authenticity checks, one module per check; each returns [`crate::Finding`]s.
//!
//! Entry points: [`run`] (metrics, findings and the [`score::AuthenticityScore`]
//! with its breakdown) and [`run_all`] (the findings plus the score as a finding).
//! Both are pure functions of the snapshot, the stored history
//! ([`growth::HistoryPoint`]), and a [`CheckContext`] holding the tier bounds,
//! the [`Benchmarks`] table, the workspace peers and `now`.
//!
//! | check id | module | minimum data |
//! |---|---|---|
//! | `engagement_rate` | [`engagement_rate`] | [`engagement_rate::MIN_POSTS`] posts with known counts |
//! | `engagement_rate.peer_percentile` | [`engagement_rate`] | [`engagement_rate::MIN_PEERS`] peers |
//! | `engagement_shape.dispersion`, `.outliers`, `.uniformity` | [`engagement_shape`] | [`engagement_shape::MIN_POSTS`] rated posts |
//! | `engagement_shape.like_comment_ratio` | [`engagement_shape`] | [`engagement_shape::MIN_RATIO_POSTS`] posts |
//! | `comment_quality.generic_share` | [`generic_comments`] | [`generic_comments::MIN_COMMENTS`] comments |
//! | `comment_quality.near_duplicates` | [`near_duplicates`] | [`near_duplicates::MIN_COMMENTS`] long comments on 2+ posts |
//! | `comment_quality.language_mismatch` | [`language_mismatch`] | [`language_mismatch::MIN_COMMENTS`] confidently detected comments |
//! | `comment_quality.pod` | [`pods`] | [`pods::MIN_POSTS`] posts with comments |
//! | `audience.suspicious_share`, `engagement_rate.authentic` | [`suspicious_share`] | [`suspicious_share::MIN_ACCOUNTS`] scored accounts |
//! | `growth.followers`, `growth.following_sawtooth` | [`growth`] | [`growth::MIN_POINTS_SPIKES`] / [`growth::MIN_POINTS_SAWTOOTH`] snapshots |
//! | `views_to_followers` | [`views_to_followers`] | [`views_to_followers::MIN_VIDEOS`] videos with views |
//! | `authenticity_score` | [`score`] | checks covering `score.min_weight_covered` of the weight |
//!
//! With less data a check answers [`crate::Verdict::NotEnoughData`] and says why;
//! a part the source could not fetch is reported with the snapshot's own reason.

pub mod benchmarks;
pub mod bots;
pub mod engagement_rate;
pub mod engagement_shape;
pub mod generic_comments;
pub mod growth;
pub mod language_mismatch;
pub mod near_duplicates;
pub mod plain;
pub mod pods;
pub mod score;
pub mod suspicious_share;
pub mod text;
pub mod views_to_followers;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

pub use benchmarks::Benchmarks;
pub use growth::HistoryPoint;
pub use score::AuthenticityScore;

use crate::metrics::{self, Metrics};
use crate::{Comment, Finding, Part, Snapshot, TierBounds, Verdict};

/// Per-account bot probabilities from the bot model, for one sample.
#[derive(Debug, Clone, Copy)]
pub struct AccountScores<'a> {
    /// Which sample was scored ([`Part::FollowerSample`] or [`Part::EngagerSample`]).
    pub sample: Part,
    /// `(account id, probability of being a bot)`, probabilities in 0..=1.
    pub scores: &'a [(String, f64)],
}

/// Everything a check may compare with besides the snapshot itself.
#[derive(Debug, Clone, Copy)]
pub struct CheckContext<'a> {
    /// Tier bounds in use.
    pub bounds: &'a TierBounds,
    /// Benchmark table in use.
    pub benchmarks: &'a Benchmarks,
    /// The declared engagement rate (see [`engagement_rate::declared_rate`]) of
    /// the workspace's other creators on the same platform and tier.
    pub peers: &'a [f64],
    /// The time of the run.
    pub now: DateTime<Utc>,
    /// Bot probabilities for a follower or engager sample, when scored.
    pub account_scores: Option<AccountScores<'a>>,
}

/// The result of one run of every check on one snapshot.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CheckRun {
    /// The metrics the checks were computed from.
    pub metrics: Metrics,
    /// One finding per check (the score not included).
    pub findings: Vec<Finding>,
    /// The authenticity score with its breakdown.
    pub score: AuthenticityScore,
    /// The engagement rate in the platform's declared formula, with its band
    /// (what every surface shows as "the engagement rate").
    pub declared: Option<engagement_rate::DeclaredRate>,
    /// The authentic engagement rate behind the `engagement_rate.authentic`
    /// finding, with its range (`None` when that finding has no value).
    pub authentic: Option<suspicious_share::AuthenticEngagement>,
    /// Version of the benchmark table used.
    pub benchmarks_version: String,
}

/// Run every check and the score.
pub fn run(snapshot: &Snapshot, history: &[HistoryPoint], ctx: &CheckContext<'_>) -> CheckRun {
    let m = metrics::compute(snapshot, ctx.bounds, ctx.now);
    let b = ctx.benchmarks;
    let mut findings = Vec::new();
    let er = engagement_rate::check(snapshot, &m, b);
    findings.push(engagement_rate::peer_percentile(&m, b, ctx.peers));
    findings.extend(engagement_shape::checks(snapshot, &m, b));
    findings.push(generic_comments::check(snapshot, b));
    findings.push(near_duplicates::check(snapshot, b));
    findings.push(language_mismatch::check(snapshot, b));
    findings.push(pods::check(snapshot, b));
    let declared = engagement_rate::declared_rate(&m, b);
    let band = m.tier.and_then(|t| b.engagement_band(m.platform, t));
    let authentic = suspicious_share::authentic_estimate(
        ctx.account_scores,
        declared.as_ref().map(|d| d.value),
        band,
    );
    findings.extend(suspicious_share::checks(
        snapshot,
        ctx.account_scores,
        declared.as_ref().map(|d| d.value),
        band,
        b,
    ));
    findings.extend(growth::checks(
        history,
        &HistoryPoint::from_snapshot(snapshot),
        b,
    ));
    findings.extend(views_to_followers::check(&m, b));
    findings.insert(0, er);
    let score = score::authenticity_score(&findings, &b.score);
    CheckRun {
        metrics: m,
        findings,
        score,
        declared,
        authentic,
        benchmarks_version: b.version.clone(),
    }
}

/// Run every check; the last finding is the authenticity score.
pub fn run_all(
    snapshot: &Snapshot,
    history: &[HistoryPoint],
    ctx: &CheckContext<'_>,
) -> Vec<Finding> {
    let r = run(snapshot, history, ctx);
    let mut findings = r.findings;
    findings.push(r.score.to_finding(&ctx.benchmarks.score));
    findings
}

/// A finding that says "not enough data" and why.
pub(crate) fn not_enough(
    check: &str,
    title: &str,
    method: &str,
    why: impl Into<String>,
) -> Finding {
    Finding {
        check: check.to_string(),
        title: title.to_string(),
        value: None,
        expected: None,
        verdict: Verdict::NotEnoughData,
        confidence: 0.0,
        evidence: Vec::new(),
        explanation: why.into(),
        method_version: method.to_string(),
    }
}

/// A fraction as a percentage for explanations (`0.0345` → `3.45%`).
pub(crate) fn pct(x: f64) -> String {
    format!("{:.2}%", x * 100.0)
}

/// The snapshot's reason for a missing part, if declared.
pub(crate) fn missing_reason(snapshot: &Snapshot, part: Part) -> Option<String> {
    snapshot
        .missing
        .iter()
        .find(|m| m.part == part)
        .map(|m| m.reason.clone())
}

/// Whether a comment is the creator's own reply.
pub(crate) fn is_creator(snapshot: &Snapshot, c: &Comment) -> bool {
    let p = &snapshot.profile;
    (!p.id.is_empty() && c.author_id == p.id)
        || (!p.handle.is_empty() && c.author_handle.eq_ignore_ascii_case(&p.handle))
}

/// Comments by anyone but the creator, or why there are none to judge.
pub(crate) fn audience_comments(snapshot: &Snapshot) -> Result<Vec<&Comment>, String> {
    if let Some(why) = missing_reason(snapshot, Part::Comments) {
        return Err(format!("comments were not fetched: {why}"));
    }
    let comments: Vec<&Comment> = snapshot
        .comments
        .iter()
        .filter(|c| !is_creator(snapshot, c))
        .collect();
    if comments.is_empty() {
        return Err("the snapshot holds no comments by other accounts".to_string());
    }
    Ok(comments)
}

#[cfg(test)]
mod tests;
