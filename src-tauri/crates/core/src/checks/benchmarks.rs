//! The benchmark table: [`Benchmarks`], parsed from TOML by [`Benchmarks::from_toml`];
//! [`Benchmarks::default`] is the shipped `core/data/benchmarks.toml`.
//!
//! Every number in the table carries its source in the file; checks copy the
//! relevant source into their findings' explanations and every report states
//! the table's [`Benchmarks::version`]. A user's edited copy is validated on
//! load ([`BenchmarkError`] says which entry is wrong and how to fix it).

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::{Platform, Range, Tier, Verdict};

/// The shipped default table.
pub const DEFAULT_TOML: &str = include_str!("../../data/benchmarks.toml");

/// A benchmark table that could not be used.
#[derive(Debug, thiserror::Error)]
pub enum BenchmarkError {
    /// The text is not valid TOML or misses a required entry.
    #[error("benchmark table is not valid: {0}; compare it with the shipped benchmarks.toml")]
    Parse(#[from] toml::de::Error),
    /// An entry has an impossible value.
    #[error(
        "benchmark entry `{path}` is invalid: {problem}; fix that entry and load the table again"
    )]
    Invalid {
        /// Dotted path of the entry, e.g. `engagement_rate.instagram.tiers.nano`.
        path: String,
        /// What is wrong with it.
        problem: String,
    },
}

/// What an engagement rate is divided by.
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Basis {
    /// Interactions / followers.
    PerFollower,
    /// Interactions / views.
    PerView,
}

impl Basis {
    /// In words: "per follower" (subscriber on YouTube) or "per view" (play on TikTok).
    pub fn words(self, platform: Platform) -> String {
        match self {
            Basis::PerFollower => format!("per {}", platform.audience_word().trim_end_matches('s')),
            Basis::PerView => match platform {
                Platform::Tiktok => "per play".into(),
                _ => "per view".into(),
            },
        }
    }
}

/// Which summary of the per-post rates is compared.
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Statistic {
    /// The median of the per-post rates.
    Median,
    /// The mean of the per-post rates.
    Mean,
}

impl Statistic {
    /// "median" or "mean".
    pub fn word(self) -> &'static str {
        match self {
            Statistic::Median => "median",
            Statistic::Mean => "mean",
        }
    }
}

/// An expected band for one platform and tier.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Band {
    /// Lowest ordinary value.
    pub low: f64,
    /// Highest ordinary value.
    pub high: f64,
    /// The publication's "average" band, where it gives one.
    #[serde(default)]
    pub typical: Option<[f64; 2]>,
    /// Notes on how this row was derived.
    #[serde(default)]
    pub note: Option<String>,
}

impl Band {
    /// The ordinary range `[low, high]`.
    pub fn range(&self) -> Range {
        Range::new(self.low, self.high)
    }
}

/// Benchmarks of one figure on one platform, per tier.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PlatformBenchmark {
    /// Denominator of the rate (engagement rate tables only).
    #[serde(default)]
    pub basis: Option<Basis>,
    /// Summary compared (engagement rate tables only).
    #[serde(default)]
    pub statistic: Option<Statistic>,
    /// Short citation used in explanations, e.g. `Modash 2024`.
    pub cite: String,
    /// Where the numbers come from (publication, year, URL).
    pub source: String,
    /// How they were mapped onto Scout's tiers.
    #[serde(default)]
    pub note: Option<String>,
    /// One band per tier; a missing tier means "no benchmark".
    pub tiers: BTreeMap<Tier, Band>,
}

/// How far outside a band a value must be to count as a risk.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RiskFactors {
    /// Below `low × risk_below_factor` is a risk.
    pub risk_below_factor: f64,
    /// Above `high × risk_above_factor` is a risk.
    pub risk_above_factor: f64,
    /// Why these factors.
    pub source: String,
}

impl RiskFactors {
    /// Verdict of `value` against `band`: inside ok, outside watch, far outside risk.
    pub fn verdict(&self, value: f64, band: &Band) -> Verdict {
        if value < band.low * self.risk_below_factor || value > band.high * self.risk_above_factor {
            Verdict::Risk
        } else if value < band.low || value > band.high {
            Verdict::Watch
        } else {
            Verdict::Ok
        }
    }
}

/// Likes-per-comment norms per platform.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LikeCommentRatios {
    /// Where the numbers come from.
    pub source: String,
    /// One band per platform.
    pub platforms: BTreeMap<Platform, Band>,
}

/// Which side of a threshold is bad.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Direction {
    /// Higher values are worse.
    Above,
    /// Lower values are worse.
    Below,
}

/// A watch / risk threshold on one value.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Threshold {
    /// Which side is bad.
    pub direction: Direction,
    /// From here on: watch.
    pub watch: f64,
    /// From here on: risk (`None`: this value alone is never a risk).
    #[serde(default)]
    pub risk: Option<f64>,
    /// Where the numbers come from.
    pub source: String,
}

impl Threshold {
    /// The verdict of a value.
    pub fn verdict(&self, value: f64) -> Verdict {
        let past = |t: f64| match self.direction {
            Direction::Above => value >= t,
            Direction::Below => value <= t,
        };
        if self.risk.is_some_and(past) {
            Verdict::Risk
        } else if past(self.watch) {
            Verdict::Watch
        } else {
            Verdict::Ok
        }
    }

    /// The ordinary range (the side of `watch` that is ok).
    pub fn ok_range(&self) -> Range {
        match self.direction {
            Direction::Above => Range {
                low: None,
                high: Some(self.watch),
            },
            Direction::Below => Range {
                low: Some(self.watch),
                high: None,
            },
        }
    }
}

/// A two-sided band on a percentile.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PercentileBand {
    /// Below this: watch.
    pub low: f64,
    /// Above this: watch.
    pub high: f64,
    /// Why.
    pub source: String,
}

/// Thresholds of the single-value checks.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Thresholds {
    /// Share of generic comments.
    pub generic_comment_share: Threshold,
    /// Share of comments repeated across posts.
    pub near_duplicate_share: Threshold,
    /// Share of confidently detected comments in languages the creator does not post in.
    pub language_mismatch_share: Threshold,
    /// Share of suspicious accounts in a sample.
    pub suspicious_share: Threshold,
    /// Coefficient of variation of per-post engagement (too uniform).
    pub engagement_uniformity: Threshold,
    /// Robust coefficient of variation of per-post engagement (erratic).
    pub engagement_dispersion: Threshold,
    /// Share of outlier posts.
    pub outlier_post_share: Threshold,
    /// Peer percentile band.
    pub peer_percentile: PercentileBand,
}

/// Parameters of the comment-pod check.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PodParams {
    /// Share of analysed posts an account must comment on to be a regular.
    pub min_coverage: f64,
    /// A regular whose median delay after posting is at most this is fast.
    pub window_minutes: f64,
    /// Fast regulars for a risk.
    pub risk_accounts: usize,
    /// Fast regulars for a watch.
    pub watch_accounts: usize,
    /// Pairwise order consistency of regulars that is worth a look.
    pub order_consistency_watch: f64,
    /// Why.
    pub source: String,
}

/// Parameters of the growth checks.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GrowthParams {
    /// Minimum distance of a daily growth rate from the median rate to be a spike or drop.
    pub min_spike_rate_per_day: f64,
    /// A following move must be at least this share of the following count…
    pub sawtooth_min_move_share: f64,
    /// …and at least this many accounts.
    pub sawtooth_min_move_abs: u64,
    /// Why.
    pub source: String,
}

/// Parameters of the authenticity score.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ScoreParams {
    /// Points for an ok verdict.
    pub ok_points: f64,
    /// Points for a watch verdict.
    pub watch_points: f64,
    /// Points for a risk verdict.
    pub risk_points: f64,
    /// A score at least this high is ok.
    pub ok_at_least: f64,
    /// A score at least this high (and below `ok_at_least`) is watch.
    pub watch_at_least: f64,
    /// Share of the total weight that must have data for a score.
    pub min_weight_covered: f64,
    /// Why these weights.
    pub source: String,
    /// Weight per check id.
    pub weights: BTreeMap<String, f64>,
}

impl ScoreParams {
    /// The verdict of a 0–100 score (the authenticity score, or one of its parts'
    /// points): at least `ok_at_least` ok, at least `watch_at_least` watch, else risk,
    /// judged on the score as shown (whole points, [`super::score::shown`]).
    pub fn verdict(&self, score: f64) -> Verdict {
        let score = super::score::shown(score);
        if score >= self.ok_at_least {
            Verdict::Ok
        } else if score >= self.watch_at_least {
            Verdict::Watch
        } else {
            Verdict::Risk
        }
    }

    /// Points earned by a verdict (`None` for not enough data).
    pub fn points(&self, verdict: Verdict) -> Option<f64> {
        match verdict {
            Verdict::Ok => Some(self.ok_points),
            Verdict::Watch => Some(self.watch_points),
            Verdict::Risk => Some(self.risk_points),
            Verdict::NotEnoughData => None,
        }
    }
}

/// The whole benchmark table.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Benchmarks {
    /// Table version, stated in every report.
    pub version: String,
    /// Risk factors for banded figures (engagement rate, views to followers).
    pub engagement_rate_verdict: RiskFactors,
    /// Engagement rate bands per platform and tier.
    pub engagement_rate: BTreeMap<Platform, PlatformBenchmark>,
    /// Median views / followers bands per video platform and tier.
    pub views_to_followers: BTreeMap<Platform, PlatformBenchmark>,
    /// Likes per comment per platform.
    pub like_comment_ratio: LikeCommentRatios,
    /// Single-value thresholds.
    pub thresholds: Thresholds,
    /// Pod check parameters.
    pub pod: PodParams,
    /// Growth check parameters.
    pub growth: GrowthParams,
    /// Authenticity score parameters.
    pub score: ScoreParams,
}

impl Default for Benchmarks {
    fn default() -> Self {
        Self::from_toml(DEFAULT_TOML)
            .expect("the shipped benchmarks.toml parses and validates (tested)")
    }
}

fn invalid(path: impl Into<String>, problem: impl Into<String>) -> BenchmarkError {
    BenchmarkError::Invalid {
        path: path.into(),
        problem: problem.into(),
    }
}

/// `low <= x <= high` for a finite `x` (NaN is never in range).
fn in_range(x: f64, low: f64, high: f64) -> bool {
    x.is_finite() && (low..=high).contains(&x)
}

fn check_band(path: &str, band: &Band) -> Result<(), BenchmarkError> {
    if !(band.low.is_finite() && band.high.is_finite() && band.low >= 0.0) {
        return Err(invalid(
            path,
            "low and high must be finite and not negative",
        ));
    }
    if band.low >= band.high {
        return Err(invalid(
            path,
            format!("low {} must be below high {}", band.low, band.high),
        ));
    }
    if let Some([a, b]) = band.typical
        && !(a.is_finite() && b.is_finite() && a <= b)
    {
        return Err(invalid(
            path,
            format!("typical [{a}, {b}] must be finite and ascending"),
        ));
    }
    Ok(())
}

fn check_threshold(path: &str, t: &Threshold) -> Result<(), BenchmarkError> {
    if !t.watch.is_finite() {
        return Err(invalid(path, "watch must be a finite number"));
    }
    if let Some(r) = t.risk {
        let ordered = match t.direction {
            Direction::Above => r >= t.watch,
            Direction::Below => r <= t.watch,
        };
        if !r.is_finite() || !ordered {
            return Err(invalid(
                path,
                format!(
                    "risk {r} must lie beyond watch {} in the bad direction",
                    t.watch
                ),
            ));
        }
    }
    Ok(())
}

impl Benchmarks {
    /// Parse and validate a table (the shipped one or a user's edited copy).
    pub fn from_toml(text: &str) -> Result<Self, BenchmarkError> {
        let b: Benchmarks = toml::from_str(text)?;
        b.validate()?;
        Ok(b)
    }

    /// Check every number for impossible values.
    pub fn validate(&self) -> Result<(), BenchmarkError> {
        self.validate_bands()?;
        self.validate_thresholds()?;
        self.validate_parameters()
    }

    fn validate_bands(&self) -> Result<(), BenchmarkError> {
        let factors = &self.engagement_rate_verdict;
        if !in_range(factors.risk_below_factor, f64::MIN_POSITIVE, 1.0) {
            return Err(invalid(
                "engagement_rate_verdict.risk_below_factor",
                "must be in (0, 1]",
            ));
        }
        if !in_range(factors.risk_above_factor, 1.0, f64::MAX) {
            return Err(invalid(
                "engagement_rate_verdict.risk_above_factor",
                "must be at least 1",
            ));
        }
        for (table, map) in [
            ("engagement_rate", &self.engagement_rate),
            ("views_to_followers", &self.views_to_followers),
        ] {
            for (platform, pb) in map {
                if table == "engagement_rate" && (pb.basis.is_none() || pb.statistic.is_none()) {
                    return Err(invalid(
                        format!("{table}.{}", platform.key()),
                        "basis and statistic must be declared",
                    ));
                }
                for (tier, band) in &pb.tiers {
                    check_band(
                        &format!("{table}.{}.tiers.{}", platform.key(), tier.key()),
                        band,
                    )?;
                }
            }
        }
        for (platform, band) in &self.like_comment_ratio.platforms {
            check_band(
                &format!("like_comment_ratio.platforms.{}", platform.key()),
                band,
            )?;
        }
        Ok(())
    }

    fn validate_thresholds(&self) -> Result<(), BenchmarkError> {
        let th = &self.thresholds;
        for (name, threshold) in [
            ("generic_comment_share", &th.generic_comment_share),
            ("near_duplicate_share", &th.near_duplicate_share),
            ("language_mismatch_share", &th.language_mismatch_share),
            ("suspicious_share", &th.suspicious_share),
            ("engagement_uniformity", &th.engagement_uniformity),
            ("engagement_dispersion", &th.engagement_dispersion),
            ("outlier_post_share", &th.outlier_post_share),
        ] {
            check_threshold(&format!("thresholds.{name}"), threshold)?;
        }
        let peer = &th.peer_percentile;
        if !(in_range(peer.low, 0.0, 1.0) && in_range(peer.high, 0.0, 1.0) && peer.low < peer.high)
        {
            return Err(invalid(
                "thresholds.peer_percentile",
                "need 0 <= low < high <= 1",
            ));
        }
        Ok(())
    }

    fn validate_parameters(&self) -> Result<(), BenchmarkError> {
        let pod = &self.pod;
        if !(in_range(pod.min_coverage, f64::MIN_POSITIVE, 1.0)
            && in_range(pod.window_minutes, f64::MIN_POSITIVE, f64::MAX))
        {
            return Err(invalid(
                "pod",
                "min_coverage must be in (0, 1] and window_minutes positive",
            ));
        }
        if pod.watch_accounts == 0 || pod.watch_accounts > pod.risk_accounts {
            return Err(invalid("pod", "need 1 <= watch_accounts <= risk_accounts"));
        }
        let growth = &self.growth;
        if !(in_range(growth.min_spike_rate_per_day, 0.0, f64::MAX)
            && in_range(growth.sawtooth_min_move_share, 0.0, f64::MAX))
        {
            return Err(invalid(
                "growth",
                "rates and shares must be finite and not negative",
            ));
        }
        let score = &self.score;
        if score.weights.values().any(|w| !in_range(*w, 0.0, f64::MAX))
            || score.weights.values().sum::<f64>() <= 0.0
        {
            return Err(invalid(
                "score.weights",
                "weights must be finite, not negative, and not all zero",
            ));
        }
        if score.watch_at_least > score.ok_at_least || !in_range(score.min_weight_covered, 0.0, 1.0)
        {
            return Err(invalid(
                "score",
                "need watch_at_least <= ok_at_least and min_weight_covered in [0, 1]",
            ));
        }
        Ok(())
    }

    /// The engagement-rate benchmark of a platform, if the table has one.
    pub fn engagement(&self, platform: Platform) -> Option<&PlatformBenchmark> {
        self.engagement_rate.get(&platform)
    }

    /// The engagement-rate band of a platform and tier, if the table has one.
    pub fn engagement_band(&self, platform: Platform, tier: Tier) -> Option<&Band> {
        self.engagement_rate.get(&platform)?.tiers.get(&tier)
    }

    /// The views-to-followers band of a platform and tier, if the table has one.
    pub fn views_band(&self, platform: Platform, tier: Tier) -> Option<&Band> {
        self.views_to_followers.get(&platform)?.tiers.get(&tier)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rstest::rstest;

    #[test]
    fn shipped_table_parses_with_the_published_figures() {
        let b = Benchmarks::default();
        assert_eq!(b.version, "scout-default-2026-11");
        // Modash Instagram 10k-50k / 50k-100k joined: below-average floor 0.32 %, high 2.61 %.
        let micro = b.engagement_band(Platform::Instagram, Tier::Micro).unwrap();
        assert_eq!((micro.low, micro.high), (0.0032, 0.0261));
        // Modash TikTok (Nov 2025) 100k-500k: 5.07 % .. 9.56 % per view.
        let tt = b.engagement(Platform::Tiktok).unwrap();
        assert_eq!(tt.basis, Some(Basis::PerView));
        assert_eq!(tt.statistic, Some(Statistic::Median));
        let mid = &tt.tiers[&Tier::Mid];
        assert_eq!((mid.low, mid.high), (0.0507, 0.0956));
        // Twitch declares its formula but has no bands on purpose.
        let twitch = b.engagement(Platform::Twitch).unwrap();
        assert_eq!(twitch.basis, Some(Basis::PerView));
        assert!(twitch.tiers.is_empty());
        assert!(b.views_band(Platform::Twitch, Tier::Mega).is_none());
        let w: f64 = b.score.weights.values().sum();
        assert!((w - 100.0).abs() < 1e-9, "weights sum to {w}");
    }

    #[test]
    fn every_platform_table_names_its_source_and_covers_every_tier() {
        let b = Benchmarks::default();
        for (p, pb) in b.engagement_rate.iter().chain(b.views_to_followers.iter()) {
            assert!(pb.source.len() > 40, "{p}: source too short");
            if *p == Platform::Twitch {
                continue;
            }
            for t in Tier::ALL {
                assert!(pb.tiers.contains_key(&t), "{p} lacks {t}");
            }
        }
    }

    #[test]
    fn derived_bluesky_and_mastodon_rows_follow_their_stated_rule() {
        // Stated rule: Instagram low / 2 and Instagram high × 2.
        let b = Benchmarks::default();
        for p in [Platform::Bluesky, Platform::Mastodon] {
            for t in Tier::ALL {
                let ig = b.engagement_band(Platform::Instagram, t).unwrap();
                let d = b.engagement_band(p, t).unwrap();
                assert!((d.low - ig.low / 2.0).abs() < 1e-12, "{p} {t} low");
                assert!((d.high - ig.high * 2.0).abs() < 1e-12, "{p} {t} high");
            }
        }
    }

    #[rstest]
    #[case(0.010, Verdict::Ok)] // inside [0.0032, 0.0261]
    #[case(0.0020, Verdict::Watch)] // below low, above low / 2 = 0.0016
    #[case(0.0015, Verdict::Risk)] // below low / 2
    #[case(0.040, Verdict::Watch)] // above high, below 2 × high = 0.0522
    #[case(0.060, Verdict::Risk)]
    fn banded_verdicts(#[case] value: f64, #[case] want: Verdict) {
        let b = Benchmarks::default();
        let band = b.engagement_band(Platform::Instagram, Tier::Micro).unwrap();
        assert_eq!(b.engagement_rate_verdict.verdict(value, band), want);
    }

    #[rstest]
    #[case(Direction::Above, 0.29, Verdict::Ok)]
    #[case(Direction::Above, 0.30, Verdict::Watch)]
    #[case(Direction::Above, 0.50, Verdict::Risk)]
    #[case(Direction::Below, 0.26, Verdict::Ok)]
    #[case(Direction::Below, 0.25, Verdict::Watch)]
    #[case(Direction::Below, 0.12, Verdict::Risk)]
    fn threshold_verdicts(#[case] direction: Direction, #[case] value: f64, #[case] want: Verdict) {
        let (watch, risk) = match direction {
            Direction::Above => (0.30, 0.50),
            Direction::Below => (0.25, 0.12),
        };
        let t = Threshold {
            direction,
            watch,
            risk: Some(risk),
            source: String::new(),
        };
        assert_eq!(t.verdict(value), want);
    }

    #[test]
    fn an_edited_table_overrides_and_bad_values_are_refused_with_the_entry_named() {
        let edited = DEFAULT_TOML.replace(
            "micro = { low = 0.0032, high = 0.0261, typical = [0.0075, 0.0111] }",
            "micro = { low = 0.01, high = 0.05 }",
        );
        let b = Benchmarks::from_toml(&edited).unwrap();
        assert!(
            (b.engagement_band(Platform::Instagram, Tier::Micro)
                .unwrap()
                .low
                - 0.01)
                .abs()
                < 1e-12
        );

        let broken = DEFAULT_TOML.replace(
            "micro = { low = 0.0032, high = 0.0261, typical = [0.0075, 0.0111] }",
            "micro = { low = 0.05, high = 0.01 }",
        );
        let err = Benchmarks::from_toml(&broken).unwrap_err();
        assert!(
            err.to_string()
                .contains("engagement_rate.instagram.tiers.micro"),
            "{err}"
        );

        let err = Benchmarks::from_toml("version = 1").unwrap_err();
        assert!(matches!(err, BenchmarkError::Parse(_)));
    }
}
