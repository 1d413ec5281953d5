//! Bridge to `scout-core`'s authenticity checks (wired as they land).

use chrono::{DateTime, Utc};
use scout_core::checks::bots::AccountBotScore;
use scout_core::metrics::Metrics;
use scout_core::{Finding, Snapshot, TierBounds};
use scout_store::SnapshotMeta;

use crate::views::ScorePart;

pub(crate) struct Checked {
    pub findings: Vec<Finding>,
    pub score: Option<f64>,
    pub breakdown: Vec<ScorePart>,
    pub authentic_er: Option<(f64, f64)>,
}

pub(crate) fn run(
    _snapshot: &Snapshot,
    _metrics: &Metrics,
    _history: &[SnapshotMeta],
    _bounds: &TierBounds,
    _bots: &[AccountBotScore],
    _now: DateTime<Utc>,
) -> Checked {
    Checked { findings: Vec::new(), score: None, breakdown: Vec::new(), authentic_er: None }
}
