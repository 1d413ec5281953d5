//! Share of suspicious accounts in a follower or engager sample, as a range,
//! and the authentic engagement rate that follows from it.
//!
//! The bot model (see [`super::bots`]) gives each sampled account a probability
//! of being fake. An account is suspicious when its probability is at least a
//! cut-off; since any single cut-off is arbitrary, the share is computed at
//! several ([`DEFAULT_CUTOFFS`], the 0.3 / 0.5 / 0.7 that SRF Data's 2017
//! influencer study reported its range with), each with a 95 % Wilson
//! interval for sampling error. The reported range runs from the lowest Wilson
//! bound to the highest; the point value is the share at 0.5.
//!
//! Authentic engagement rate = engagement rate × (1 − suspicious share), with
//! the range carried through ([`authentic_engagement_rate`]).

use serde::{Deserialize, Serialize};

use super::benchmarks::{Band, Benchmarks};
use super::{AccountScores, missing_reason, not_enough, pct};
use crate::metrics::stats;
use crate::{Evidence, EvidenceKind, Finding, Part, Snapshot, Verdict};

/// Check id of the suspicious share.
pub const CHECK: &str = "audience.suspicious_share";
/// Check id of the authentic engagement rate.
pub const AUTHENTIC_CHECK: &str = "engagement_rate.authentic";
/// Method version.
pub const METHOD: &str = "suspicious_share/1";
/// Cut-offs applied by default.
pub const DEFAULT_CUTOFFS: [f64; 3] = [0.3, 0.5, 0.7];
/// The cut-off that gives the point value.
pub const POINT_CUTOFF: f64 = 0.5;
/// Scored accounts needed: with 30 the 95 % Wilson interval is still about ±17 points wide.
pub const MIN_ACCOUNTS: usize = 30;
/// Accounts at which confidence reaches 1 (±5 points at a share near 30 %).
pub const FULL_ACCOUNTS: usize = 400;
/// Evidence rows listed at most (the most suspicious first).
pub const MAX_EVIDENCE: usize = 25;

/// The share at one cut-off.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CutoffShare {
    /// Probability from which an account counts as suspicious.
    pub cutoff: f64,
    /// Accounts at or above the cut-off.
    pub suspicious: usize,
    /// `suspicious / n`.
    pub share: f64,
    /// 95 % Wilson interval, low end.
    pub wilson_low: f64,
    /// 95 % Wilson interval, high end.
    pub wilson_high: f64,
}

/// The suspicious share of a sample as a range.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SuspiciousShare {
    /// Accounts with a usable probability.
    pub n: usize,
    /// Probabilities dropped (not finite or outside 0..=1) or duplicate ids.
    pub dropped: usize,
    /// Share at [`POINT_CUTOFF`] (or the middle cut-off when 0.5 is not among them).
    pub point: f64,
    /// Lowest Wilson bound over the cut-offs.
    pub low: f64,
    /// Highest Wilson bound over the cut-offs.
    pub high: f64,
    /// Per cut-off, ascending.
    pub by_cutoff: Vec<CutoffShare>,
}

/// Compute the suspicious share from `(account id, probability)` pairs.
/// Duplicate ids keep their first probability. `None` when no account is usable
/// or no cut-off is given.
pub fn suspicious_share(
    probabilities: &[(String, f64)],
    cutoffs: &[f64],
) -> Option<SuspiciousShare> {
    let mut seen = std::collections::HashSet::new();
    let mut usable = Vec::new();
    let mut dropped = 0;
    for (id, p) in probabilities {
        if !(p.is_finite() && (0.0..=1.0).contains(p) && seen.insert(id.as_str())) {
            dropped += 1;
            continue;
        }
        usable.push(*p);
    }
    let n = usable.len();
    let mut cutoffs: Vec<f64> = cutoffs.iter().copied().filter(|c| c.is_finite()).collect();
    cutoffs.sort_by(f64::total_cmp);
    cutoffs.dedup();
    if n == 0 || cutoffs.is_empty() {
        return None;
    }
    let by_cutoff: Vec<CutoffShare> = cutoffs
        .iter()
        .map(|&cutoff| {
            let suspicious = usable.iter().filter(|&&p| p >= cutoff).count();
            let (wilson_low, wilson_high) =
                stats::wilson_interval(suspicious, n, stats::Z_95).unwrap_or((0.0, 1.0));
            CutoffShare {
                cutoff,
                suspicious,
                share: suspicious as f64 / n as f64,
                wilson_low,
                wilson_high,
            }
        })
        .collect();
    let point = by_cutoff
        .iter()
        .find(|c| (c.cutoff - POINT_CUTOFF).abs() < 1e-12)
        .unwrap_or(&by_cutoff[by_cutoff.len() / 2])
        .share;
    let low = by_cutoff
        .iter()
        .map(|c| c.wilson_low)
        .fold(f64::INFINITY, f64::min);
    let high = by_cutoff
        .iter()
        .map(|c| c.wilson_high)
        .fold(f64::NEG_INFINITY, f64::max);
    Some(SuspiciousShare {
        n,
        dropped,
        point,
        low,
        high,
        by_cutoff,
    })
}

/// An engagement rate with the suspicious share taken out.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct AuthenticEngagement {
    /// `rate × (1 − point)`.
    pub point: f64,
    /// `rate × (1 − share.high)`.
    pub low: f64,
    /// `rate × (1 − share.low)`.
    pub high: f64,
}

/// Authentic engagement rate = `rate × (1 − suspicious share)`, with its range.
pub fn authentic_engagement_rate(rate: f64, share: &SuspiciousShare) -> AuthenticEngagement {
    AuthenticEngagement {
        point: rate * (1.0 - share.point),
        low: rate * (1.0 - share.high),
        high: rate * (1.0 - share.low),
    }
}

/// The authentic engagement rate the `engagement_rate.authentic` finding states,
/// with its range: `None` whenever that finding says "not enough data" (no
/// scored sample, fewer than [`MIN_ACCOUNTS`] accounts, no declared rate or no band).
pub fn authentic_estimate(
    scores: Option<AccountScores<'_>>,
    declared_rate: Option<f64>,
    band: Option<&Band>,
) -> Option<AuthenticEngagement> {
    let (scores, rate, _) = (scores?, declared_rate?, band?);
    let share =
        suspicious_share(scores.scores, &DEFAULT_CUTOFFS).filter(|s| s.n >= MIN_ACCOUNTS)?;
    Some(authentic_engagement_rate(rate, &share))
}

fn sample_name(part: Part) -> &'static str {
    match part {
        Part::EngagerSample => "engager",
        _ => "follower",
    }
}

/// The suspicious-share finding and the authentic-engagement finding.
/// `scores` is `None` when no sample was scored; `declared_rate` is the
/// creator's engagement rate in the platform's declared formula and `band` its
/// benchmark band, which the authentic rate is judged against.
pub fn checks(
    snapshot: &Snapshot,
    scores: Option<AccountScores<'_>>,
    declared_rate: Option<f64>,
    band: Option<&Band>,
    benchmarks: &Benchmarks,
) -> Vec<Finding> {
    let title = "Suspicious accounts in the audience sample";
    let a_title = "Authentic engagement rate";
    let Some(scores) = scores else {
        let why = missing_reason(snapshot, Part::FollowerSample)
            .or_else(|| missing_reason(snapshot, Part::EngagerSample))
            .map_or_else(
                || "No follower or engager sample was scored by the bot model.".to_string(),
                |r| format!("No audience sample was available: {r}"),
            );
        return vec![
            not_enough(CHECK, title, METHOD, why.clone()),
            not_enough(AUTHENTIC_CHECK, a_title, METHOD, why),
        ];
    };
    let kind = sample_name(scores.sample);
    let share = suspicious_share(scores.scores, &DEFAULT_CUTOFFS);
    let Some(s) = share.filter(|s| s.n >= MIN_ACCOUNTS) else {
        let n = suspicious_share(scores.scores, &DEFAULT_CUTOFFS).map_or(0, |s| s.n);
        let why = format!(
            "Only {} {kind} {} scored (need {MIN_ACCOUNTS}).",
            super::plain::count(n as u64),
            if n == 1 {
                "account was"
            } else {
                "accounts were"
            }
        );
        return vec![
            not_enough(CHECK, title, METHOD, why.clone()),
            not_enough(AUTHENTIC_CHECK, a_title, METHOD, why),
        ];
    };
    let t = &benchmarks.thresholds.suspicious_share;
    let confidence = stats::sample_confidence(s.n, MIN_ACCOUNTS, FULL_ACCOUNTS);
    let mut worst: Vec<&(String, f64)> = scores
        .scores
        .iter()
        .filter(|(_, p)| p.is_finite() && *p >= POINT_CUTOFF)
        .collect();
    worst.sort_by(|a, b| b.1.total_cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    let share_finding = Finding {
        check: CHECK.to_string(),
        title: title.to_string(),
        value: Some(s.point),
        expected: Some(t.ok_range()),
        verdict: t.verdict(s.point),
        confidence,
        evidence: worst
            .iter()
            .take(MAX_EVIDENCE)
            .map(|(id, p)| {
                Evidence::new(
                    EvidenceKind::Account,
                    id.clone(),
                    format!("bot probability {p:.2}"),
                )
            })
            .collect(),
        explanation: format!(
            "{} of {} sampled {kind}s look fake (between {} and {}, depending on how sure the bot model must be and allowing for the sample's size).",
            super::plain::percent(s.point),
            super::plain::count(s.n as u64),
            super::plain::percent(s.low),
            super::plain::percent(s.high)
        ),
        method_version: METHOD.to_string(),
    };
    let authentic = match (declared_rate, band) {
        (Some(rate), Some(band)) => {
            let a = authentic_engagement_rate(rate, &s);
            let verdict = benchmarks.engagement_rate_verdict.verdict(a.point, band);
            Finding {
                check: AUTHENTIC_CHECK.to_string(),
                title: a_title.to_string(),
                value: Some(a.point),
                expected: Some(band.range()),
                verdict,
                confidence,
                evidence: Vec::new(),
                explanation: format!(
                    "Without the {} of the sample that looks fake, the engagement rate of {} becomes {} (between {} and {}), {} the usual range of {}–{}.",
                    super::plain::percent(s.point),
                    pct(rate),
                    pct(a.point),
                    pct(a.low),
                    pct(a.high),
                    if verdict == Verdict::Ok {
                        "within"
                    } else if a.point < band.low {
                        "below"
                    } else {
                        "above"
                    },
                    pct(band.low),
                    pct(band.high)
                ),
                method_version: METHOD.to_string(),
            }
        }
        (None, _) => not_enough(
            AUTHENTIC_CHECK,
            a_title,
            METHOD,
            "The engagement rate itself could not be measured.",
        ),
        (Some(_), None) => not_enough(
            AUTHENTIC_CHECK,
            a_title,
            METHOD,
            "No engagement benchmark for this platform and tier.",
        ),
    };
    vec![share_finding, authentic]
}
