//! The shape of per-post engagement: dispersion (robust coefficient of
//! variation), outlier posts (robust z-score over 3.5), likes per comment
//! against the platform norm, and engagement that is too uniform (coefficient
//! of variation under a threshold: likes from a pod or a seller arrive in
//! near-fixed amounts). All four run on the platform's declared rates (per
//! follower or per view, see [`super::engagement_rate::declared_rate`]).

use chrono::Duration;

use super::benchmarks::{Basis, Benchmarks};
use super::not_enough;
use super::plain::{self, Noun};

const POST: Noun = Noun::new("post", "posts");
use crate::metrics::{Count, MIN_POST_AGE_HOURS, Metrics, PostRate, stats};
use crate::{Evidence, EvidenceKind, Finding, PostKind, Range, Snapshot, Verdict};

/// Check id: robust dispersion.
pub const DISPERSION: &str = "engagement_shape.dispersion";
/// Check id: outlier posts.
pub const OUTLIERS: &str = "engagement_shape.outliers";
/// Check id: likes per comment.
pub const LIKE_COMMENT: &str = "engagement_shape.like_comment_ratio";
/// Check id: too uniform.
pub const UNIFORMITY: &str = "engagement_shape.uniformity";
/// Method version of the shape checks.
pub const METHOD: &str = "engagement_shape/1";
/// Rated posts needed for dispersion, outliers and uniformity: a median and
/// MAD from fewer than eight points move too much for a z-score of 3.5 to mean anything.
pub const MIN_POSTS: usize = 8;
/// Posts with likes and comments known needed for the likes-per-comment ratio.
pub const MIN_RATIO_POSTS: usize = 5;
/// Posts at which confidence reaches 1.
pub const FULL_POSTS: usize = 30;

fn declared_rates<'m>(metrics: &'m Metrics, benchmarks: &Benchmarks) -> Option<&'m [PostRate]> {
    let basis = benchmarks.engagement(metrics.platform)?.basis?;
    Some(match basis {
        Basis::PerFollower => &metrics.per_post,
        Basis::PerView => &metrics.per_post_view,
    })
}

/// All four shape findings.
pub fn checks(snapshot: &Snapshot, metrics: &Metrics, benchmarks: &Benchmarks) -> Vec<Finding> {
    let rates = declared_rates(metrics, benchmarks);
    let mut out = match rates {
        Some(r) if r.len() >= MIN_POSTS => {
            let values: Vec<f64> = r.iter().map(|p| p.rate).collect();
            vec![
                dispersion(&values, benchmarks),
                outliers(r, benchmarks),
                uniformity(&values, benchmarks),
            ]
        }
        _ => {
            let n = rates.map_or(0, <[PostRate]>::len);
            let why = if rates.is_none() {
                format!(
                    "No engagement formula is declared for {} in the benchmark table.",
                    metrics.platform
                )
            } else {
                match n {
                    0 => format!("No post has a measurable rate (need {MIN_POSTS})."),
                    n => format!(
                        "Only {} {} a measurable rate (need {MIN_POSTS}).",
                        plain::counted_figure(n, POST),
                        if n == 1 { "has" } else { "have" }
                    ),
                }
            };
            vec![
                not_enough(DISPERSION, "Engagement dispersion", METHOD, why.clone()),
                not_enough(OUTLIERS, "Outlier posts", METHOD, why.clone()),
                not_enough(UNIFORMITY, "Engagement too uniform", METHOD, why),
            ]
        }
    };
    out.insert(2, like_comment_ratio(snapshot, benchmarks));
    out
}

fn dispersion(values: &[f64], b: &Benchmarks) -> Finding {
    let title = "Engagement dispersion";
    let Some(rcv) = stats::robust_cv(values) else {
        return not_enough(
            DISPERSION,
            title,
            METHOD,
            "The median post has no engagement, so dispersion is undefined.",
        );
    };
    let t = &b.thresholds.engagement_dispersion;
    let verdict = t.verdict(rcv);
    Finding {
        check: DISPERSION.to_string(),
        title: title.to_string(),
        value: Some(rcv),
        expected: Some(t.ok_range()),
        verdict,
        confidence: stats::sample_confidence(values.len(), MIN_POSTS, FULL_POSTS),
        evidence: Vec::new(),
        explanation: format!(
            "Engagement on a typical post differs by about {:.0}% from the median post, over {} posts{}.",
            rcv * 100.0,
            values.len(),
            if verdict == Verdict::Ok {
                ""
            } else {
                ": engagement swings so much that averages mislead"
            }
        ),
        method_version: METHOD.to_string(),
    }
}

fn outliers(rates: &[PostRate], b: &Benchmarks) -> Finding {
    let values: Vec<f64> = rates.iter().map(|p| p.rate).collect();
    let z = stats::robust_z_scores(&values);
    let flagged: Vec<(&PostRate, f64)> = rates
        .iter()
        .zip(z)
        .filter(|(_, z)| z.abs() > stats::OUTLIER_Z)
        .collect();
    let share = flagged.len() as f64 / rates.len() as f64;
    let t = &b.thresholds.outlier_post_share;
    let verdict = t.verdict(share);
    let median = stats::median(&values).unwrap_or(0.0);
    Finding {
        check: OUTLIERS.to_string(),
        title: "Outlier posts".to_string(),
        value: Some(share),
        expected: Some(t.ok_range()),
        verdict,
        confidence: stats::sample_confidence(rates.len(), MIN_POSTS, FULL_POSTS),
        evidence: flagged
            .iter()
            .map(|(p, z)| {
                Evidence::new(
                    EvidenceKind::Post,
                    p.post_id.clone(),
                    format!(
                        "rate {} ({:.1} times the usual variation {} the median)",
                        plain::percent(p.rate),
                        z.abs(),
                        if *z > 0.0 { "above" } else { "below" }
                    ),
                )
            })
            .collect(),
        explanation: format!(
            "{} of {} posts {} an engagement rate more than {} times the usual variation away from the median rate of {}.",
            match flagged.len() {
                0 => "None".to_string(),
                n => plain::count(n as u64),
            },
            rates.len(),
            if flagged.len() == 1 { "has" } else { "have" },
            stats::OUTLIER_Z,
            plain::percent(median)
        ),
        method_version: METHOD.to_string(),
    }
}

fn uniformity(values: &[f64], b: &Benchmarks) -> Finding {
    let title = "Engagement too uniform";
    let Some(cv) = stats::coefficient_of_variation(values) else {
        return not_enough(
            UNIFORMITY,
            title,
            METHOD,
            "The posts have no engagement, so uniformity is undefined.",
        );
    };
    let t = &b.thresholds.engagement_uniformity;
    let verdict = t.verdict(cv);
    Finding {
        check: UNIFORMITY.to_string(),
        title: title.to_string(),
        value: Some(cv),
        expected: Some(t.ok_range()),
        verdict,
        confidence: stats::sample_confidence(values.len(), MIN_POSTS, FULL_POSTS),
        evidence: Vec::new(),
        explanation: format!(
            "Engagement per post varies by about {:.0}% around the average over {} posts{}.",
            cv * 100.0,
            values.len(),
            if verdict == Verdict::Ok {
                ""
            } else {
                "; organic engagement varies far more, near-fixed amounts suggest a pod or bought likes"
            }
        ),
        method_version: METHOD.to_string(),
    }
}

/// Likes per comment: the sum of likes over the sum of replies of the original
/// posts older than [`MIN_POST_AGE_HOURS`] whose likes and replies are both known.
pub fn like_comment_ratio(snapshot: &Snapshot, b: &Benchmarks) -> Finding {
    let title = "Likes per comment";
    let Some(band) = b.like_comment_ratio.platforms.get(&snapshot.platform) else {
        return not_enough(
            LIKE_COMMENT,
            title,
            METHOD,
            format!(
                "The benchmark table has no likes-per-comment norm for {}.",
                snapshot.platform
            ),
        );
    };
    let min_age = Duration::hours(MIN_POST_AGE_HOURS);
    let pairs: Vec<(u64, u64)> = snapshot
        .posts
        .iter()
        .filter(|p| p.kind == PostKind::Original && snapshot.fetched_at - p.created_at >= min_age)
        .filter_map(|p| Some((Count::Likes.of(p)?, Count::Replies.of(p)?)))
        .collect();
    if pairs.len() < MIN_RATIO_POSTS {
        return not_enough(
            LIKE_COMMENT,
            title,
            METHOD,
            format!(
                "Only {} {} both likes and comments (need {MIN_RATIO_POSTS}).",
                plain::counted_figure(pairs.len(), POST),
                if pairs.len() == 1 { "shows" } else { "show" }
            ),
        );
    }
    let likes: u64 = pairs.iter().map(|p| p.0).sum();
    let replies: u64 = pairs.iter().map(|p| p.1).sum();
    if replies == 0 {
        return not_enough(
            LIKE_COMMENT,
            title,
            METHOD,
            format!(
                "The {} posts have {} likes and no comments, so there is no ratio.",
                pairs.len(),
                plain::count(likes)
            ),
        );
    }
    let ratio = likes as f64 / replies as f64;
    let verdict = b.engagement_rate_verdict.verdict(ratio, band);
    let reading = match verdict {
        Verdict::Ok => "",
        _ if ratio < band.low => "; comments rival likes, as giveaways and comment pods produce",
        _ => "; likes far outrun conversation, as bought likes produce",
    };
    Finding {
        check: LIKE_COMMENT.to_string(),
        title: title.to_string(),
        value: Some(ratio),
        expected: Some(Range::new(band.low, band.high)),
        verdict,
        confidence: stats::sample_confidence(pairs.len(), MIN_RATIO_POSTS, FULL_POSTS),
        evidence: Vec::new(),
        explanation: format!(
            "{} likes over {} {} on {} posts is {ratio:.1} likes per {} against a {} norm of {}–{}{reading}.",
            plain::count(likes),
            plain::count(replies),
            plain::reply_noun(snapshot.platform).of(replies as usize),
            pairs.len(),
            plain::reply_noun(snapshot.platform).one,
            snapshot.platform,
            plain::number(band.low, usize::from(band.low.fract() != 0.0)),
            plain::number(band.high, usize::from(band.high.fract() != 0.0))
        ),
        method_version: METHOD.to_string(),
    }
}
