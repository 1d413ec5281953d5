//! Views to followers on video platforms: median views per video / followers,
//! against the platform and tier band. Far below: a dormant or bought audience;
//! far above: bought views (recommendation reach alone rarely gets there).
//! Not run at all on platforms that are not video platforms.

use super::benchmarks::Benchmarks;
use super::not_enough;
use crate::metrics::{Metrics, stats};
use crate::{Finding, Verdict};

/// Check id.
pub const CHECK: &str = "views_to_followers";
/// Method version.
pub const METHOD: &str = "views_to_followers/1";
/// Videos with known views needed.
pub const MIN_VIDEOS: usize = 5;
/// Videos at which confidence reaches 1.
pub const FULL_VIDEOS: usize = 30;

/// The finding, or nothing on platforms without views.
pub fn check(metrics: &Metrics, benchmarks: &Benchmarks) -> Option<Finding> {
    let platform = metrics.platform;
    if !platform.is_video() {
        return None;
    }
    let title = "Views to followers";
    let Some(pb) = benchmarks.views_to_followers.get(&platform) else {
        return Some(not_enough(
            CHECK,
            title,
            METHOD,
            format!("The benchmark table has no views-to-followers band for {platform}."),
        ));
    };
    let Some(tier) = metrics.tier else {
        return Some(not_enough(
            CHECK,
            title,
            METHOD,
            "The follower count is unknown.",
        ));
    };
    let Some(band) = pb.tiers.get(&tier) else {
        return Some(not_enough(
            CHECK,
            title,
            METHOD,
            format!("No {tier} band for {platform}."),
        ));
    };
    let n = metrics.views_sample;
    let value = match metrics.views_to_followers {
        Some(v) if n >= MIN_VIDEOS => v,
        _ => {
            return Some(not_enough(
                CHECK,
                title,
                METHOD,
                format!(
                    "Only {} with a known view count (need {MIN_VIDEOS}).",
                    super::plain::counted_figure(n, super::plain::post_noun(platform))
                ),
            ));
        }
    };
    let verdict = benchmarks.engagement_rate_verdict.verdict(value, band);
    let position = match verdict {
        Verdict::Ok => "within",
        _ if value < band.low => "below",
        _ => "above",
    };
    Some(Finding {
        check: CHECK.to_string(),
        title: title.to_string(),
        value: Some(value),
        expected: Some(band.range()),
        verdict,
        confidence: stats::sample_confidence(n, MIN_VIDEOS, FULL_VIDEOS),
        evidence: Vec::new(),
        explanation: format!(
            "The median video has {} views ({n} videos), {} of the {} {}, {position} the {tier} {platform} range {}–{} ({}).",
            super::plain::number(metrics.median_views.unwrap_or(0.0), 0),
            super::plain::percent(value),
            super::plain::count(metrics.followers.unwrap_or(0)),
            platform.audience_word(),
            super::plain::percent(band.low),
            super::plain::percent(band.high),
            pb.cite
        ),
        method_version: METHOD.to_string(),
    })
}
