//! Core engagement metrics of one snapshot: [`Metrics`], computed by [`compute`].
//!
//! Definitions (all fractions, never percentages):
//!
//! - **Interactions** of a post: the sum of the counts its platform exposes,
//!   see [`interaction_formula`]. A post whose *required* counts are not all
//!   known (hidden likes, comments turned off, a count the source did not give)
//!   is excluded and listed in [`Metrics::excluded`]; an unknown count is never
//!   read as zero.
//! - **Engagement rate per follower** of a post: interactions / followers.
//!   [`Metrics::engagement_rate_mean`] and [`Metrics::engagement_rate_median`]
//!   summarise the per-post rates of the original posts that qualify.
//! - **Engagement rate per view** (video platforms only): interactions / views
//!   of each post whose views are known and positive.
//! - **Posts per week**: `n / max(newest − oldest, 1 day)` in weeks, over the `n`
//!   original posts in the snapshot. One post gives `None` (no span to measure);
//!   posts all published within a day count as published over one day, so a
//!   burst cannot produce an infinite rate.
//! - **Days since last post**: `now − newest post`, in fractional days, floored
//!   at 0 (a post time after `now` is clock skew, not the future).
//! - **Views to followers** (video platforms only): median views / followers.
//!
//! Posts younger than [`MIN_POST_AGE_HOURS`] at fetch time are left out of the
//! rates and view figures because their counts are still growing; they still
//! count for cadence and recency.

pub mod stats;
#[cfg(test)]
pub(crate) mod testkit;

use std::fmt;

use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};

use crate::{Part, Platform, Post, PostKind, Snapshot, Tier, TierBounds};

/// Version of the metric definitions, stated in reports.
pub const METHOD_VERSION: &str = "metrics/1";

/// Posts younger than this at fetch time are left out of rates (counts still growing).
pub const MIN_POST_AGE_HOURS: i64 = 24;

/// One interaction count a post can carry.
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Count {
    /// Likes / favourites / hearts.
    Likes,
    /// Replies / comments.
    Replies,
    /// Reposts / boosts / shares.
    Reposts,
    /// Quote posts.
    Quotes,
    /// Views / plays.
    Views,
}

impl Count {
    /// Lowercase name used in explanations.
    pub fn name(self) -> &'static str {
        match self {
            Count::Likes => "likes",
            Count::Replies => "replies",
            Count::Reposts => "reposts",
            Count::Quotes => "quotes",
            Count::Views => "views",
        }
    }

    /// The platform's own word for this count ("comments" on YouTube, "plays" on TikTok).
    pub fn word(self, platform: Platform) -> String {
        match (self, platform) {
            (Count::Likes, Platform::Mastodon) => "favourites".into(),
            (Count::Replies, Platform::Bluesky | Platform::Mastodon) => "replies".into(),
            (Count::Replies, _) => "comments".into(),
            (Count::Reposts, p) => p.repost_word().into(),
            (Count::Views, Platform::Tiktok) => "plays".into(),
            (c, _) => c.name().into(),
        }
    }

    /// The post's value for this count; a hidden like count is `None`.
    pub fn of(self, post: &Post) -> Option<u64> {
        match self {
            Count::Likes if post.likes_hidden => None,
            Count::Likes => post.likes,
            Count::Replies => post.replies,
            Count::Reposts => post.reposts,
            Count::Quotes => post.quotes,
            Count::Views => post.views,
        }
    }
}

/// Which counts make up "interactions" on a platform.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct InteractionFormula {
    /// Counts that must all be known for a post to be used.
    pub required: &'static [Count],
    /// Counts added when known (sources of some eras do not give them).
    pub optional: &'static [Count],
}

/// The one interaction formula per platform.
///
/// | platform | required | optional |
/// |---|---|---|
/// | Bluesky, Mastodon | likes, replies, reposts | quotes |
/// | TikTok | likes, replies (comments), reposts (shares) | — |
/// | Instagram, YouTube | likes, replies (comments) | — |
/// | Twitch | likes, replies | — (Twitch publishes neither, so no post qualifies) |
pub fn interaction_formula(platform: Platform) -> InteractionFormula {
    const SOCIAL: &[Count] = &[Count::Likes, Count::Replies, Count::Reposts];
    const QUOTES: &[Count] = &[Count::Quotes];
    const LIKES_REPLIES: &[Count] = &[Count::Likes, Count::Replies];
    match platform {
        Platform::Bluesky | Platform::Mastodon => InteractionFormula {
            required: SOCIAL,
            optional: QUOTES,
        },
        Platform::Tiktok => InteractionFormula {
            required: SOCIAL,
            optional: &[],
        },
        Platform::Instagram | Platform::Youtube | Platform::Twitch => InteractionFormula {
            required: LIKES_REPLIES,
            optional: &[],
        },
    }
}

/// The counts a platform publishes on a post, in the order a posts table shows them
/// (a count the platform never publishes has no column).
pub fn post_counts(platform: Platform) -> &'static [Count] {
    match platform {
        Platform::Bluesky => &[Count::Likes, Count::Replies, Count::Reposts, Count::Quotes],
        Platform::Mastodon => &[Count::Likes, Count::Replies, Count::Reposts],
        Platform::Tiktok => &[Count::Views, Count::Likes, Count::Replies, Count::Reposts],
        Platform::Youtube => &[Count::Views, Count::Likes, Count::Replies],
        Platform::Instagram => &[Count::Likes, Count::Replies, Count::Views],
        Platform::Twitch => &[Count::Views],
    }
}

/// Interactions of a post under its platform's formula, or the required
/// counts that are unknown.
pub fn interactions(post: &Post, platform: Platform) -> Result<u64, Vec<Count>> {
    let formula = interaction_formula(platform);
    let missing: Vec<Count> = formula
        .required
        .iter()
        .copied()
        .filter(|c| c.of(post).is_none())
        .collect();
    if !missing.is_empty() {
        return Err(missing);
    }
    let required: u64 = formula.required.iter().filter_map(|c| c.of(post)).sum();
    let optional: u64 = formula.optional.iter().filter_map(|c| c.of(post)).sum();
    Ok(required + optional)
}

/// One post's rate, for charts.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PostRate {
    /// Post id.
    pub post_id: String,
    /// Publication time.
    pub created_at: DateTime<Utc>,
    /// The rate (fraction).
    pub rate: f64,
}

/// Which figure a post was left out of.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Figure {
    /// Engagement rate per follower.
    PerFollower,
    /// Engagement rate per view.
    PerView,
    /// Median views (views to followers).
    Views,
}

/// Why a post was left out of a figure.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Exclusion {
    /// Younger than [`MIN_POST_AGE_HOURS`] when fetched.
    TooRecent {
        /// Age at fetch time, whole hours.
        age_hours: i64,
    },
    /// The platform hides the like count.
    LikesHidden,
    /// Required counts the source did not give.
    UnknownCounts {
        /// The unknown counts.
        counts: Vec<Count>,
    },
    /// The view count is unknown.
    ViewsUnknown,
    /// The view count is zero (a rate per view is undefined).
    ZeroViews,
}

impl fmt::Display for Exclusion {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Exclusion::TooRecent { age_hours } => write!(
                f,
                "only {age_hours} h old when fetched (under {MIN_POST_AGE_HOURS} h, counts still growing)"
            ),
            Exclusion::LikesHidden => f.write_str("like count hidden"),
            Exclusion::UnknownCounts { counts } => {
                let names: Vec<&str> = counts.iter().map(|c| c.name()).collect();
                write!(f, "unknown {}", names.join(", "))
            }
            Exclusion::ViewsUnknown => f.write_str("view count unknown"),
            Exclusion::ZeroViews => f.write_str("zero views"),
        }
    }
}

/// A post left out of one figure, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExcludedPost {
    /// Post id.
    pub post_id: String,
    /// The figure it was left out of.
    pub figure: Figure,
    /// Why.
    pub reason: Exclusion,
}

/// Engagement metrics of one snapshot. See the module docs for definitions.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Metrics {
    /// The platform.
    pub platform: Platform,
    /// Followers at fetch time; `None` when unknown.
    pub followers: Option<u64>,
    /// Tier from followers; `None` when followers are unknown.
    pub tier: Option<Tier>,
    /// Original posts in the snapshot (reposts and replies are not analysed).
    pub posts_analyzed: usize,
    /// Mean per-post engagement rate per follower.
    pub engagement_rate_mean: Option<f64>,
    /// Median per-post engagement rate per follower.
    pub engagement_rate_median: Option<f64>,
    /// Per-post rates per follower, oldest first.
    pub per_post: Vec<PostRate>,
    /// Mean per-post engagement rate per view (video platforms).
    pub engagement_per_view_mean: Option<f64>,
    /// Median per-post engagement rate per view (video platforms).
    pub engagement_per_view_median: Option<f64>,
    /// Per-post rates per view, oldest first (video platforms).
    pub per_post_view: Vec<PostRate>,
    /// Posts per week over the analysed window.
    pub posts_per_week: Option<f64>,
    /// Newest − oldest post time, in days (unfloored); `None` for under two posts.
    pub window_days: Option<f64>,
    /// Days from the newest post to `now`.
    pub days_since_last_post: Option<f64>,
    /// Median views over posts with known views (video platforms).
    pub median_views: Option<f64>,
    /// Posts behind [`Metrics::median_views`].
    pub views_sample: usize,
    /// Median views / followers (video platforms).
    pub views_to_followers: Option<f64>,
    /// Posts left out of a figure, with the reason.
    pub excluded: Vec<ExcludedPost>,
    /// Whole-figure gaps, e.g. "follower count unknown: …".
    pub notes: Vec<String>,
    /// [`METHOD_VERSION`].
    pub method_version: String,
}

fn original_posts(snapshot: &Snapshot) -> impl Iterator<Item = &Post> {
    snapshot
        .posts
        .iter()
        .filter(|p| p.kind == PostKind::Original)
}

fn missing_reason(snapshot: &Snapshot, part: Part) -> Option<&str> {
    snapshot
        .missing
        .iter()
        .find(|m| m.part == part)
        .map(|m| m.reason.as_str())
}

/// Compute the metrics of a snapshot. Pure: `now` only feeds recency.
pub fn compute(snapshot: &Snapshot, bounds: &TierBounds, now: DateTime<Utc>) -> Metrics {
    let platform = snapshot.platform;
    let followers = snapshot.profile.followers;
    let posts: Vec<&Post> = original_posts(snapshot).collect();
    let mut excluded = Vec::new();
    let mut notes = Vec::new();

    let usable_followers = match followers {
        Some(0) => {
            notes.push("follower count is 0: rates per follower are undefined".to_string());
            None
        }
        Some(f) => Some(f),
        None => {
            let why =
                missing_reason(snapshot, Part::FollowerCount).unwrap_or("not given by the source");
            notes.push(format!(
                "follower count unknown ({why}): no rates per follower"
            ));
            None
        }
    };

    let min_age = Duration::hours(MIN_POST_AGE_HOURS);
    let mut per_post = Vec::new();
    let mut per_post_view = Vec::new();
    let mut views = Vec::new();
    for post in &posts {
        let mut exclude = |figure: Figure, reason: Exclusion| {
            excluded.push(ExcludedPost {
                post_id: post.id.clone(),
                figure,
                reason,
            });
        };
        let age = snapshot.fetched_at - post.created_at;
        if age < min_age {
            let reason = Exclusion::TooRecent {
                age_hours: age.num_hours(),
            };
            if usable_followers.is_some() {
                exclude(Figure::PerFollower, reason.clone());
            }
            if platform.is_video() {
                exclude(Figure::PerView, reason.clone());
                exclude(Figure::Views, reason);
            }
            continue;
        }
        let inter = interactions(post, platform).map_err(|missing| {
            if post.likes_hidden && missing.contains(&Count::Likes) {
                Exclusion::LikesHidden
            } else {
                Exclusion::UnknownCounts { counts: missing }
            }
        });
        if let Some(f) = usable_followers {
            match &inter {
                Ok(i) => per_post.push(PostRate {
                    post_id: post.id.clone(),
                    created_at: post.created_at,
                    rate: *i as f64 / f as f64,
                }),
                Err(reason) => exclude(Figure::PerFollower, reason.clone()),
            }
        }
        if !platform.is_video() {
            continue;
        }
        match post.views {
            Some(v) => views.push(v as f64),
            None => exclude(Figure::Views, Exclusion::ViewsUnknown),
        }
        match (&inter, post.views) {
            (Err(reason), _) => exclude(Figure::PerView, reason.clone()),
            (Ok(_), None) => exclude(Figure::PerView, Exclusion::ViewsUnknown),
            (Ok(_), Some(0)) => exclude(Figure::PerView, Exclusion::ZeroViews),
            (Ok(i), Some(v)) => per_post_view.push(PostRate {
                post_id: post.id.clone(),
                created_at: post.created_at,
                rate: *i as f64 / v as f64,
            }),
        }
    }
    let by_time = |a: &PostRate, b: &PostRate| {
        a.created_at
            .cmp(&b.created_at)
            .then_with(|| a.post_id.cmp(&b.post_id))
    };
    per_post.sort_by(by_time);
    per_post_view.sort_by(by_time);

    let rates: Vec<f64> = per_post.iter().map(|r| r.rate).collect();
    let view_rates: Vec<f64> = per_post_view.iter().map(|r| r.rate).collect();

    let newest = posts.iter().map(|p| p.created_at).max();
    let oldest = posts.iter().map(|p| p.created_at).min();
    let window = match (newest, oldest) {
        (Some(n), Some(o)) if posts.len() >= 2 => Some(n - o),
        _ => None,
    };
    let window_days = window.map(|w| w.num_seconds() as f64 / 86_400.0);
    let posts_per_week = window_days.map(|d| posts.len() as f64 / (d.max(1.0) / 7.0));
    let days_since_last_post = newest.map(|n| ((now - n).num_seconds() as f64 / 86_400.0).max(0.0));

    let median_views = if platform.is_video() {
        stats::median(&views)
    } else {
        None
    };
    let views_to_followers = match (median_views, usable_followers) {
        (Some(m), Some(f)) => Some(m / f as f64),
        _ => None,
    };
    if platform.is_video()
        && views.is_empty()
        && let Some(why) = missing_reason(snapshot, Part::Views)
    {
        notes.push(format!("view counts missing ({why})"));
    }

    Metrics {
        platform,
        followers,
        tier: followers.map(|f| bounds.tier(f)),
        posts_analyzed: posts.len(),
        engagement_rate_mean: stats::mean(&rates),
        engagement_rate_median: stats::median(&rates),
        per_post,
        engagement_per_view_mean: stats::mean(&view_rates),
        engagement_per_view_median: stats::median(&view_rates),
        per_post_view,
        posts_per_week,
        window_days,
        days_since_last_post,
        median_views,
        views_sample: if platform.is_video() { views.len() } else { 0 },
        views_to_followers,
        excluded,
        notes,
        method_version: METHOD_VERSION.to_string(),
    }
}

#[cfg(test)]
mod tests;
