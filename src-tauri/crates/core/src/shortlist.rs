//! Shortlist review status.

use serde::{Deserialize, Serialize};
use std::str::FromStr;

/// Where a creator stands on a shortlist.
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum ShortlistStatus {
    /// Added, not yet reviewed.
    #[default]
    Candidate,
    /// Under review.
    Vetting,
    /// Approved for the campaign.
    Approved,
    /// Rejected.
    Rejected,
}

impl ShortlistStatus {
    /// Lowercase key.
    pub fn key(self) -> &'static str {
        match self {
            ShortlistStatus::Candidate => "candidate",
            ShortlistStatus::Vetting => "vetting",
            ShortlistStatus::Approved => "approved",
            ShortlistStatus::Rejected => "rejected",
        }
    }
}

/// A status name that is not one of the four.
#[derive(Debug, thiserror::Error)]
#[error("unknown status '{0}': expected candidate, vetting, approved or rejected")]
pub struct UnknownStatus(pub String);

impl FromStr for ShortlistStatus {
    type Err = UnknownStatus;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_ascii_lowercase().as_str() {
            "candidate" => Ok(Self::Candidate),
            "vetting" => Ok(Self::Vetting),
            "approved" => Ok(Self::Approved),
            "rejected" => Ok(Self::Rejected),
            o => Err(UnknownStatus(o.to_string())),
        }
    }
}
