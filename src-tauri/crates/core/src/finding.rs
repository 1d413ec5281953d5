//! A finding: the explainable result of one check.

use serde::{Deserialize, Serialize};

/// How a check judges what it measured.
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    /// Within the expected range.
    Ok,
    /// Outside the usual range, worth a look.
    Watch,
    /// A strong sign of a problem.
    Risk,
    /// Too little data to judge; never a guess.
    NotEnoughData,
}

impl Verdict {
    /// Human label.
    pub fn label(self) -> &'static str {
        match self {
            Verdict::Ok => "ok",
            Verdict::Watch => "watch",
            Verdict::Risk => "risk",
            Verdict::NotEnoughData => "not enough data",
        }
    }
}

/// An expected range a value was compared with (either bound may be open).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, Default)]
pub struct Range {
    /// Lower bound, inclusive.
    pub low: Option<f64>,
    /// Upper bound, inclusive.
    pub high: Option<f64>,
}

impl Range {
    /// A closed range.
    pub fn new(low: f64, high: f64) -> Self {
        Self {
            low: Some(low),
            high: Some(high),
        }
    }

    /// Whether `v` lies inside.
    pub fn contains(&self, v: f64) -> bool {
        self.low.is_none_or(|l| v >= l) && self.high.is_none_or(|h| v <= h)
    }
}

/// What an evidence id points at.
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EvidenceKind {
    /// A post id.
    Post,
    /// A comment id.
    Comment,
    /// An account (follower, engager, commenter) id or handle.
    Account,
    /// A snapshot, by its fetch time.
    Snapshot,
}

/// One row of evidence behind a finding.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Evidence {
    /// What `id` refers to.
    pub kind: EvidenceKind,
    /// The id (post id, comment id, account handle, snapshot time).
    pub id: String,
    /// A short quote or figure that shows why it is evidence.
    pub note: Option<String>,
}

impl Evidence {
    /// Evidence with a note.
    pub fn new(kind: EvidenceKind, id: impl Into<String>, note: impl Into<String>) -> Self {
        Self {
            kind,
            id: id.into(),
            note: Some(note.into()),
        }
    }
}

/// The explainable result of one check on one snapshot.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Finding {
    /// Stable check id, e.g. `engagement_rate`, `comment_quality.generic_share`.
    pub check: String,
    /// Human title.
    pub title: String,
    /// The measured value, if any (fractions as fractions: 0.034, not 3.4).
    pub value: Option<f64>,
    /// The range the value was compared with.
    pub expected: Option<Range>,
    /// The verdict.
    pub verdict: Verdict,
    /// Confidence 0..=1, from sample sizes.
    pub confidence: f64,
    /// Evidence rows (post, comment, account ids).
    pub evidence: Vec<Evidence>,
    /// One sentence a client can read.
    pub explanation: String,
    /// Version of the method that produced it, e.g. `engagement_rate/1`.
    pub method_version: String,
}
