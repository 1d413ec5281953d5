//! Estimates per creator and post: cost (quoted or from the [`RateCard`]), expected
//! reach (from the [`ReachTable`] or the creator's own median views), expected
//! *authentic* engagements, cost per authentic engagement (CPE) and per thousand
//! reached (CPM), each with a low–high range.
//!
//! Definitions (one each; every surface shows these):
//!
//! - **Authentic engagements per post** = authentic engagement rate × the basis of the
//!   platform's declared rate (followers for a per-follower rate, median views for a
//!   per-view rate). The authentic rate is
//!   [`authentic_engagement_rate`](crate::checks::suspicious_share::authentic_engagement_rate)
//!   of the declared rate ([`declared_rate`]) and the audience's suspicious share, the same
//!   function the `engagement_rate.authentic` finding uses. Range: the same function applied
//!   to the lower and upper quartile of the creator's per-post rates (ER dispersion), at the
//!   high and low end of the suspicious-share range.
//! - **Reach per post** = (median views per video on `prefer_views` platforms when known,
//!   else followers × the reach rate of the creator's follower band) × (1 − suspicious
//!   share), ranged over the band's low/high and the share's range.
//! - **Suspicious share**: measured from the scored audience sample when it has the check's
//!   minimum of accounts, else the reach table's `[audience]` assumption (marked `assumed`).
//! - **CPE** = cost per post / authentic engagements per post; **CPM** = cost per post /
//!   reach × 1,000. Low uses the high end of the divisor and vice versa; the high end is
//!   open (`None`) when the divisor's low end is zero.

use serde::{Deserialize, Serialize};

use super::tables::{Format, PriceBasis, RateCard, ReachTable};
use crate::checks::Benchmarks;
use crate::checks::benchmarks::Basis;
use crate::checks::engagement_rate::{MIN_POSTS, declared_rate};
use crate::checks::suspicious_share::{SuspiciousShare, authentic_engagement_rate};
use crate::metrics::{Metrics, stats};

/// A figure with its range.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Span {
    /// Low end.
    pub low: f64,
    /// The estimate.
    pub point: f64,
    /// High end.
    pub high: f64,
}

impl Span {
    /// A figure without spread.
    pub fn exact(x: f64) -> Self {
        Self {
            low: x,
            point: x,
            high: x,
        }
    }

    /// Multiply every end by `k` (k >= 0).
    #[must_use]
    pub fn scale(self, k: f64) -> Self {
        Self {
            low: self.low * k,
            point: self.point * k,
            high: self.high * k,
        }
    }

    /// Add two spans end by end.
    #[must_use]
    pub fn plus(self, o: Span) -> Self {
        Self {
            low: self.low + o.low,
            point: self.point + o.point,
            high: self.high + o.high,
        }
    }
}

/// A cost per unit with its range; the high end is open when the unit's low end is zero.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct CostPer {
    /// Low end (cost over the high end of the unit).
    pub low: f64,
    /// The estimate.
    pub point: f64,
    /// High end, `None` when unbounded.
    pub high: Option<f64>,
}

impl CostPer {
    /// `cost / units × per`.
    pub fn of(cost: f64, units: Span, per: f64) -> Option<Self> {
        (units.point > 0.0).then(|| Self {
            low: cost / units.high * per,
            point: cost / units.point * per,
            high: (units.low > 0.0).then(|| cost / units.low * per),
        })
    }
}

/// Where a fee comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FeeSource {
    /// The creator quoted it.
    Quoted,
    /// The rate card estimated it.
    Estimated,
}

impl FeeSource {
    /// `quoted` or `estimated`, as every surface shows it.
    pub fn key(self) -> &'static str {
        match self {
            FeeSource::Quoted => "quoted",
            FeeSource::Estimated => "estimated",
        }
    }
}

/// The cost of one post.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Fee {
    /// Cost per post used by the planner.
    pub per_post: f64,
    /// Range (the quote itself for a quoted fee).
    pub range: Span,
    /// Quoted or estimated.
    pub source: FeeSource,
}

/// Where the reach figure comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ReachFrom {
    /// The creator's own median views per video.
    MedianViews,
    /// Followers × the reach table's rate.
    FollowerRate,
}

/// Whether the suspicious share was measured.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ShareFrom {
    /// From the scored audience sample.
    Measured,
    /// The reach table's assumption.
    Assumed,
}

/// Everything the estimate reads about one creator.
#[derive(Debug, Clone, Copy)]
pub struct CreatorFacts<'a> {
    /// Metrics of the latest snapshot.
    pub metrics: &'a Metrics,
    /// The benchmark table (for the declared engagement-rate formula).
    pub benchmarks: &'a Benchmarks,
    /// The suspicious share of the scored audience sample, when it has enough accounts.
    pub share: Option<&'a SuspiciousShare>,
    /// A fee the creator quoted per post.
    pub quoted_fee: Option<f64>,
    /// The deliverable; the platform's default format when `None`.
    pub format: Option<Format>,
    /// Brand Fit 0–100 for the brief, when a brief is given and Fit has data.
    pub fit: Option<f64>,
}

/// Estimates for one post by one creator.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Estimate {
    /// The deliverable priced.
    pub format: Option<Format>,
    /// Cost per post, when quoted or on the rate card.
    pub fee: Option<Fee>,
    /// People reached per post.
    pub reach: Option<Span>,
    /// Where the reach comes from.
    pub reach_from: Option<ReachFrom>,
    /// Authentic engagements per post.
    pub engagements: Option<Span>,
    /// The suspicious share used.
    pub share: Span,
    /// Measured or assumed.
    pub share_from: ShareFrom,
    /// Cost per authentic engagement.
    pub cpe: Option<CostPer>,
    /// Cost per 1,000 people reached.
    pub cpm: Option<CostPer>,
    /// Brand Fit 0–100 used for conversion.
    pub fit: Option<f64>,
    /// Why a figure is missing, in words.
    pub missing: Vec<String>,
}

/// The share used as a [`SuspiciousShare`] (the assumed one has no cut-off breakdown).
fn share_used(facts: &CreatorFacts<'_>, reach: &ReachTable) -> (SuspiciousShare, ShareFrom) {
    match facts.share {
        Some(s) => (s.clone(), ShareFrom::Measured),
        None => (
            SuspiciousShare {
                n: 0,
                dropped: 0,
                point: reach.audience.point,
                low: reach.audience.low,
                high: reach.audience.high,
                by_cutoff: Vec::new(),
            },
            ShareFrom::Assumed,
        ),
    }
}

/// Estimate one post.
pub fn estimate(facts: &CreatorFacts<'_>, card: &RateCard, reach: &ReachTable) -> Estimate {
    let m = facts.metrics;
    let platform = m.platform;
    let mut missing = Vec::new();
    let (share, share_from) = share_used(facts, reach);
    let format = facts.format.or_else(|| card.default_format(platform));

    // Fee.
    let fee = if let Some(q) = facts.quoted_fee.filter(|q| q.is_finite() && *q > 0.0) {
        Some(Fee {
            per_post: q,
            range: Span::exact(q),
            source: FeeSource::Quoted,
        })
    } else {
        estimated_fee(m, card, format, &mut missing)
    };

    // Reach before the suspicious share.
    let (gross, reach_from) = gross_reach(m, reach, &mut missing);
    let reach_span = gross.map(|g| Span {
        low: g.low * (1.0 - share.high),
        point: g.point * (1.0 - share.point),
        high: g.high * (1.0 - share.low),
    });

    // Authentic engagements.
    let engagements = authentic_engagements(m, facts.benchmarks, &share, &mut missing);

    let cpe = match (fee, engagements) {
        (Some(f), Some(e)) => CostPer::of(f.per_post, e, 1.0),
        _ => None,
    };
    let cpm = match (fee, reach_span) {
        (Some(f), Some(r)) => CostPer::of(f.per_post, r, 1000.0),
        _ => None,
    };
    Estimate {
        format,
        fee,
        reach: reach_span,
        reach_from: gross.and(reach_from),
        engagements,
        share: Span {
            low: share.low,
            point: share.point,
            high: share.high,
        },
        share_from,
        cpe,
        cpm,
        fit: facts.fit,
        missing,
    }
}

fn estimated_fee(
    m: &Metrics,
    card: &RateCard,
    format: Option<Format>,
    missing: &mut Vec<String>,
) -> Option<Fee> {
    let platform = m.platform;
    let Some(format) = format else {
        missing.push(format!(
            "the rate card has no prices for {platform}; quote a fee"
        ));
        return None;
    };
    let Some(rates) = card.rates(platform, format) else {
        missing.push(format!(
            "the rate card has no {} prices for {platform}; quote a fee",
            format.label()
        ));
        return None;
    };
    let Some(tier) = m.tier else {
        missing.push(
            "the follower count is unknown, so the tier's price is unknown; quote a fee".into(),
        );
        return None;
    };
    let Some(price) = rates.tiers.get(&tier) else {
        missing.push(format!(
            "the rate card has no {tier} price for {} on {platform}; quote a fee",
            format.label()
        ));
        return None;
    };
    let base = match rates.basis {
        PriceBasis::Followers => m.followers.map(|f| f as f64),
        PriceBasis::Views => m.median_views,
    };
    let Some(base) = base.filter(|b| *b > 0.0) else {
        missing.push(match rates.basis {
            PriceBasis::Followers => "the follower count is unknown; quote a fee".to_string(),
            PriceBasis::Views => format!(
                "{platform} prices are per 1,000 views and no video views are known; quote a fee"
            ),
        });
        return None;
    };
    let k = base / 1000.0;
    Some(Fee {
        per_post: price.point * k,
        range: Span {
            low: price.low * k,
            point: price.point * k,
            high: price.high * k,
        },
        source: FeeSource::Estimated,
    })
}

fn gross_reach(
    m: &Metrics,
    reach: &ReachTable,
    missing: &mut Vec<String>,
) -> (Option<Span>, Option<ReachFrom>) {
    let platform = m.platform;
    let Some(pr) = reach.platform(platform) else {
        missing.push(format!("the reach table has no rates for {platform}"));
        return (None, None);
    };
    if pr.prefer_views
        && let Some(v) = m.median_views.filter(|v| *v > 0.0)
    {
        return (Some(Span::exact(v)), Some(ReachFrom::MedianViews));
    }
    let Some(f) = m.followers else {
        missing.push("the follower count is unknown, so reach is unknown".into());
        return (None, None);
    };
    let Some(band) = pr.band(f) else {
        missing.push(format!(
            "no video views are known and the reach table has no {platform} rate ({})",
            pr.source
        ));
        return (None, None);
    };
    let f = f as f64;
    (
        Some(Span {
            low: f * band.low.unwrap_or(band.rate),
            point: f * band.rate,
            high: f * band.high.unwrap_or(band.rate),
        }),
        Some(ReachFrom::FollowerRate),
    )
}

fn authentic_engagements(
    m: &Metrics,
    b: &Benchmarks,
    share: &SuspiciousShare,
    missing: &mut Vec<String>,
) -> Option<Span> {
    let Some(d) = declared_rate(m, b).filter(|d| d.posts >= MIN_POSTS) else {
        missing.push(format!(
            "the engagement rate could not be measured (need {MIN_POSTS} posts with every count)"
        ));
        return None;
    };
    let (rates, base, what): (Vec<f64>, Option<f64>, &str) = match d.basis {
        Basis::PerFollower => (
            m.per_post.iter().map(|r| r.rate).collect(),
            m.followers.map(|f| f as f64),
            "followers",
        ),
        Basis::PerView => (
            m.per_post_view.iter().map(|r| r.rate).collect(),
            m.median_views,
            "median views",
        ),
    };
    let Some(base) = base.filter(|b| *b > 0.0) else {
        missing.push(format!("the rate is per {what}, which are unknown"));
        return None;
    };
    let q1 = stats::quantile(&rates, 0.25)
        .unwrap_or(d.value)
        .min(d.value);
    let q3 = stats::quantile(&rates, 0.75)
        .unwrap_or(d.value)
        .max(d.value);
    Some(Span {
        low: authentic_engagement_rate(q1, share).low * base,
        point: authentic_engagement_rate(d.value, share).point * base,
        high: authentic_engagement_rate(q3, share).high * base,
    })
}
