//! Creator tiers by audience size; the bounds are data the user can edit.

use serde::{Deserialize, Serialize};
use std::fmt;

/// Audience-size tier.
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Tier {
    /// Under `micro` followers (default 10K).
    Nano,
    /// `micro` ≤ followers < `mid` (default 10K–100K).
    Micro,
    /// `mid` ≤ followers < `macro` (default 100K–500K).
    Mid,
    /// `macro` ≤ followers < `mega` (default 500K–1M).
    Macro,
    /// `mega` and above (default 1M+).
    Mega,
}

impl Tier {
    /// All tiers, smallest first.
    pub const ALL: [Tier; 5] = [Tier::Nano, Tier::Micro, Tier::Mid, Tier::Macro, Tier::Mega];

    /// Lowercase key.
    pub fn key(self) -> &'static str {
        match self {
            Tier::Nano => "nano",
            Tier::Micro => "micro",
            Tier::Mid => "mid",
            Tier::Macro => "macro",
            Tier::Mega => "mega",
        }
    }
}

impl fmt::Display for Tier {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.key())
    }
}

/// Lower follower bounds of each tier above nano. Must be strictly increasing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct TierBounds {
    /// First follower count that is micro.
    pub micro: u64,
    /// First follower count that is mid.
    pub mid: u64,
    /// First follower count that is macro.
    #[serde(rename = "macro")]
    pub macro_: u64,
    /// First follower count that is mega.
    pub mega: u64,
}

impl Default for TierBounds {
    fn default() -> Self {
        Self {
            micro: 10_000,
            mid: 100_000,
            macro_: 500_000,
            mega: 1_000_000,
        }
    }
}

/// Tier bounds that are not strictly increasing.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
#[error("tier bounds must increase: micro {micro} < mid {mid} < macro {macro_} < mega {mega}")]
pub struct BadTierBounds {
    /// micro bound given
    pub micro: u64,
    /// mid bound given
    pub mid: u64,
    /// macro bound given
    pub macro_: u64,
    /// mega bound given
    pub mega: u64,
}

impl TierBounds {
    /// Checked constructor.
    pub fn new(micro: u64, mid: u64, macro_: u64, mega: u64) -> Result<Self, BadTierBounds> {
        if 0 < micro && micro < mid && mid < macro_ && macro_ < mega {
            Ok(Self {
                micro,
                mid,
                macro_,
                mega,
            })
        } else {
            Err(BadTierBounds {
                micro,
                mid,
                macro_,
                mega,
            })
        }
    }

    /// The tier of an audience size.
    pub fn tier(&self, followers: u64) -> Tier {
        if followers >= self.mega {
            Tier::Mega
        } else if followers >= self.macro_ {
            Tier::Macro
        } else if followers >= self.mid {
            Tier::Mid
        } else if followers >= self.micro {
            Tier::Micro
        } else {
            Tier::Nano
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bounds_are_inclusive_below() {
        let b = TierBounds::default();
        assert_eq!(b.tier(9_999), Tier::Nano);
        assert_eq!(b.tier(10_000), Tier::Micro);
        assert_eq!(b.tier(99_999), Tier::Micro);
        assert_eq!(b.tier(100_000), Tier::Mid);
        assert_eq!(b.tier(499_999), Tier::Mid);
        assert_eq!(b.tier(500_000), Tier::Macro);
        assert_eq!(b.tier(999_999), Tier::Macro);
        assert_eq!(b.tier(1_000_000), Tier::Mega);
    }

    #[test]
    fn edited_bounds_apply_and_bad_ones_are_refused() {
        let b = TierBounds::new(5_000, 50_000, 250_000, 2_000_000).unwrap();
        assert_eq!(b.tier(6_000), Tier::Micro);
        assert_eq!(b.tier(1_500_000), Tier::Macro);
        assert!(TierBounds::new(10, 10, 20, 30).is_err());
    }
}
