//! Running every check on a stored snapshot, and turning results into views.
//!
//! [`analyse`] is the one place the façade calls `scout-core`'s pure checks:
//! metrics, the authenticity checks with the bot model's probabilities for the
//! follower and engager samples, and the authenticity score.

use chrono::{DateTime, Utc};
use scout_core::checks::bots::{AccountBotScore, BotModel};
use scout_core::metrics::{self, Metrics};
use scout_core::{Finding, Snapshot, TierBounds};
use scout_store::{AccountRow, SnapshotMeta};

use crate::views::{CreatorRow, EvidenceView, FindingView, ScorePart};

/// Everything computed from one snapshot.
#[derive(Debug, Clone)]
pub struct Analysis {
    /// The snapshot analysed.
    pub snapshot: Snapshot,
    /// Engagement metrics.
    pub metrics: Metrics,
    /// Every finding.
    pub findings: Vec<Finding>,
    /// Authenticity score 0–100, when enough checks had data.
    pub authenticity: Option<f64>,
    /// How the score is made up.
    pub authenticity_breakdown: Vec<ScorePart>,
    /// Authentic engagement rate (low, high), when a sample allowed it.
    pub authentic_er: Option<(f64, f64)>,
    /// Bot-likeness of the sampled accounts.
    pub bot_scores: Vec<AccountBotScore>,
    /// Follower history (time, followers).
    pub history: Vec<(DateTime<Utc>, u64)>,
}

/// The shipped bot model, loaded once.
pub fn bot_model() -> &'static BotModel {
    BotModel::shipped()
}

/// Analyse a snapshot with its account's snapshot history (oldest first, up to this one).
pub fn analyse(
    snapshot: &Snapshot,
    history: &[SnapshotMeta],
    bounds: &TierBounds,
    peers: &[f64],
    benchmarks: &scout_core::checks::Benchmarks,
    now: DateTime<Utc>,
) -> Analysis {
    let metrics = metrics::compute(snapshot, bounds, now);
    let mut bot_scores = Vec::new();
    let model = bot_model();
    if let Some(sample) = &snapshot.follower_sample {
        bot_scores.extend(model.score_accounts(sample, now));
    } else if let Some(sample) = &snapshot.engager_sample {
        bot_scores.extend(model.score_accounts(sample, now));
    }
    let checked = crate::checks::run(
        snapshot,
        &metrics,
        history,
        bounds,
        &bot_scores,
        peers,
        benchmarks,
        now,
    );
    Analysis {
        snapshot: snapshot.clone(),
        metrics,
        findings: checked.findings,
        authenticity: checked.score,
        authenticity_breakdown: checked.breakdown,
        authentic_er: checked.authentic_er,
        bot_scores,
        history: history
            .iter()
            .filter_map(|m| m.followers.map(|f| (m.fetched_at, f)))
            .collect(),
    }
}

/// The Creators-table row of an account.
pub fn creator_row(row: &AccountRow, a: &Analysis, fit: Option<f64>) -> CreatorRow {
    let p = &a.snapshot.profile;
    CreatorRow {
        id: row.id.get() as f64,
        platform: row.platform.key().to_string(),
        platform_name: row.platform.name().to_string(),
        audience_word: row.platform.audience_word().to_string(),
        handle: row.handle.clone(),
        display_name: p.display_name.clone(),
        url: row.url.clone(),
        avatar_url: p.avatar_url.clone(),
        followers: p.followers.map(|f| f as f64),
        tier: a.metrics.tier.map(|t| t.key().to_string()),
        engagement_rate: a.metrics.engagement_rate_mean,
        authenticity: a.authenticity,
        fit,
        last_vetted: a.snapshot.fetched_at.to_rfc3339(),
        is_demo: row.is_demo,
        risks: a
            .findings
            .iter()
            .filter(|f| f.verdict == scout_core::Verdict::Risk)
            .count() as f64,
    }
}

/// A finding as the shells show it.
pub fn finding_view(f: &Finding) -> FindingView {
    FindingView {
        check: f.check.clone(),
        title: f.title.clone(),
        value: f.value,
        expected_low: f.expected.and_then(|r| r.low),
        expected_high: f.expected.and_then(|r| r.high),
        verdict: serde_json::to_value(f.verdict)
            .ok()
            .and_then(|v| v.as_str().map(str::to_string))
            .unwrap_or_default(),
        confidence: f.confidence,
        explanation: f.explanation.clone(),
        evidence: f
            .evidence
            .iter()
            .map(|e| EvidenceView {
                kind: serde_json::to_value(e.kind)
                    .ok()
                    .and_then(|v| v.as_str().map(str::to_string))
                    .unwrap_or_default(),
                id: e.id.clone(),
                note: e.note.clone(),
            })
            .collect(),
        method_version: f.method_version.clone(),
    }
}
