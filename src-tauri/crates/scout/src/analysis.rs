//! Running every check on a stored snapshot, and turning results into views.
//!
//! [`analyse`] is the one place the façade calls `scout-core`'s pure checks:
//! metrics, the authenticity checks with the bot model's probabilities for the
//! follower and engager samples, and the authenticity score.

use chrono::{DateTime, Utc};
use scout_core::checks::bots::{AccountBotScore, BotModel};
use scout_core::checks::engagement_rate::DeclaredRate;
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
    /// The engagement rate in the platform's declared formula (basis, statistic,
    /// band): the one rate every surface shows.
    pub declared: Option<DeclaredRate>,
    /// Authentic engagement rate (low, point, high): the `engagement_rate.authentic`
    /// finding's figures, when it has them.
    pub authentic_er: Option<(f64, f64, f64)>,
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
    analyse_owned(snapshot.clone(), history, bounds, peers, benchmarks, now)
}

/// As [`analyse`], keeping the snapshot it is given instead of a copy.
pub fn analyse_owned(
    snapshot: Snapshot,
    history: &[SnapshotMeta],
    bounds: &TierBounds,
    peers: &[f64],
    benchmarks: &scout_core::checks::Benchmarks,
    now: DateTime<Utc>,
) -> Analysis {
    let metrics = metrics::compute(&snapshot, bounds, now);
    let mut bot_scores = Vec::new();
    let model = bot_model();
    if let Some(sample) = &snapshot.follower_sample {
        bot_scores.extend(model.score_accounts(sample, now));
    } else if let Some(sample) = &snapshot.engager_sample {
        bot_scores.extend(model.score_accounts(sample, now));
    }
    let checked = crate::checks::run(
        &snapshot,
        history,
        bounds,
        &bot_scores,
        peers,
        benchmarks,
        now,
    );
    Analysis {
        snapshot,
        metrics,
        findings: checked.findings,
        authenticity: checked.score,
        authenticity_breakdown: checked.breakdown,
        declared: checked.declared,
        authentic_er: checked.authentic_er,
        bot_scores,
        history: history
            .iter()
            .filter_map(|m| m.followers.map(|f| (m.fetched_at, f)))
            .collect(),
    }
}

/// The Creators-table row of an account from its analysis: the same row the table
/// shows ([`crate::table::row_view`] over [`crate::table::facts_of`]), so the
/// Creator page, the table, the CLI and the exports show one set of figures.
pub fn creator_row(
    row: &AccountRow,
    a: &Analysis,
    fit: Option<f64>,
    benchmarks: &scout_core::checks::Benchmarks,
) -> CreatorRow {
    let p = &a.snapshot.profile;
    let facts = crate::table::facts_of(
        row.latest
            .as_ref()
            .map_or(scout_store::SnapshotId(0), |m| m.id),
        a,
    );
    crate::table::row_view(
        &scout_store::FactsRow {
            account_id: row.id,
            snapshot_id: facts.snapshot_id,
            platform: row.platform,
            handle: row.handle.clone(),
            display_name: p.display_name.clone().or_else(|| row.display_name.clone()),
            url: row.url.clone(),
            avatar_url: p.avatar_url.clone().or_else(|| row.avatar_url.clone()),
            is_demo: row.is_demo,
            fetched_at: a.snapshot.fetched_at,
            followers: p.followers,
            tier: facts.tier,
            er: facts.er,
            authenticity: facts.authenticity,
            risks: Some(facts.risks),
            fit,
        },
        benchmarks,
    )
}

/// A finding as the shells show it: a plain summary and the formatted value first
/// (`scout_core::checks::plain`), the method detail beside them.
pub fn finding_view(f: &Finding, platform: scout_core::Platform) -> FindingView {
    FindingView {
        check: f.check.clone(),
        title: f.title.clone(),
        summary: scout_core::checks::plain::summary(f, platform),
        display_value: scout_core::checks::plain::display_value(f, platform),
        value: f.value,
        expected_low: f.expected.and_then(|r| r.low),
        expected_high: f.expected.and_then(|r| r.high),
        verdict: f.verdict,
        confidence: f.confidence,
        explanation: f.explanation.clone(),
        method: scout_core::checks::plain::method(&f.check),
        evidence: f
            .evidence
            .iter()
            .map(|e| EvidenceView {
                kind: e.kind,
                id: e.id.clone(),
                note: e.note.clone(),
            })
            .collect(),
        method_version: f.method_version.clone(),
    }
}
