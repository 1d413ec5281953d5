//! Sponsored versus organic engagement: the mean engagement rate of sponsored posts against
//! organic ones. Sponsored posts that engage far less than organic ones are a sign of ad
//! fatigue (the audience scrolls past the ads).
//!
//! Main type: [`SponsoredVsOrganic`]. Engagement rate of a post = (likes + replies +
//! reposts + quotes) / views on video platforms when views are known, else / followers. Posts
//! whose like count is hidden or unknown are left out rather than counted as zero.

use serde::{Deserialize, Serialize};

use super::score::EngagementParams;
use crate::{Platform, Post};

/// What engagement rates are divided by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ErBasis {
    /// Per view (video platforms).
    Views,
    /// Per follower.
    Followers,
}

/// Mean engagement rate of sponsored and organic posts.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SponsoredVsOrganic {
    /// Mean ER of sponsored posts (`None` with no usable sponsored post).
    pub er_sponsored: Option<f64>,
    /// Mean ER of organic posts.
    pub er_organic: Option<f64>,
    /// Sponsored posts used.
    pub n_sponsored: u32,
    /// Organic posts used.
    pub n_organic: u32,
    /// `er_sponsored / er_organic`, when both sides have at least `min_posts` posts.
    pub ratio: Option<f64>,
    /// What ER is divided by (`None` when neither views nor followers are known).
    pub basis: Option<ErBasis>,
    /// The threshold used: sponsored ER below this fraction of organic ER is ad fatigue.
    pub fatigue_ratio: f64,
    /// Whether sponsored posts engage less than `fatigue_ratio` × organic ones.
    pub ad_fatigue: bool,
}

/// Compare sponsored and organic posts; `posts` pairs each original post with whether it is
/// sponsored.
pub(crate) fn compare(
    posts: &[(&Post, bool)],
    platform: Platform,
    followers: Option<u64>,
    p: &EngagementParams,
) -> SponsoredVsOrganic {
    let usable = |post: &Post| !post.likes_hidden && post.likes.is_some();
    let by_views = platform.is_video()
        && posts
            .iter()
            .any(|(post, _)| usable(post) && post.views.is_some_and(|v| v > 0));
    let basis = if by_views {
        Some(ErBasis::Views)
    } else if followers.is_some_and(|f| f > 0) {
        Some(ErBasis::Followers)
    } else {
        None
    };
    let er = |post: &Post| -> Option<f64> {
        if !usable(post) {
            return None;
        }
        let denominator = match basis? {
            ErBasis::Views => post.views.filter(|v| *v > 0)?,
            ErBasis::Followers => followers.filter(|f| *f > 0)?,
        };
        Some(post.interactions() as f64 / denominator as f64)
    };
    let (mut sponsored, mut organic) = (Vec::new(), Vec::new());
    for (post, is_sponsored) in posts {
        if let Some(v) = er(post) {
            if *is_sponsored {
                sponsored.push(v);
            } else {
                organic.push(v);
            }
        }
    }
    let mean = |v: &[f64]| (!v.is_empty()).then(|| v.iter().sum::<f64>() / v.len() as f64);
    let er_sponsored = mean(&sponsored);
    let er_organic = mean(&organic);
    let enough =
        sponsored.len() as u32 >= p.min_posts.max(1) && organic.len() as u32 >= p.min_posts.max(1);
    let ratio = match (er_sponsored, er_organic) {
        (Some(s), Some(o)) if enough && o > 0.0 => Some((s / o * 10_000.0).round() / 10_000.0),
        _ => None,
    };
    SponsoredVsOrganic {
        er_sponsored,
        er_organic,
        n_sponsored: sponsored.len() as u32,
        n_organic: organic.len() as u32,
        ratio,
        basis,
        fatigue_ratio: p.fatigue_ratio,
        ad_fatigue: ratio.is_some_and(|r| r < p.fatigue_ratio),
    }
}
