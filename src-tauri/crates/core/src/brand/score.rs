//! The Brand Fit score: component weights and every threshold, as data
//! (`data/brand/weights.toml`), and the [`Component`] rows of the breakdown that sum to the
//! score.
//!
//! Main types: [`FitWeights`] (with [`ComponentWeights`], [`TopicParams`],
//! [`AudienceParams`], [`CompetitorParams`], [`SafetyParams`], [`ScoreBands`]),
//! [`Component`], [`ComponentKind`].

use serde::{Deserialize, Serialize};

use super::data::BrandDataError;
use crate::Verdict;

/// Shipped weights and thresholds.
pub const SHIPPED_WEIGHTS_TOML: &str = include_str!("../../data/brand/weights.toml");

/// Every number brand fit uses.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FitWeights {
    /// Version label of this table, quoted in reports.
    pub version: String,
    /// Weight of each component in the 0–100 score.
    pub components: ComponentWeights,
    /// Score bands for the verdict.
    pub bands: ScoreBands,
    /// Topic relevance (BM25) parameters.
    pub topic: TopicParams,
    /// Language and market parameters.
    pub audience: AudienceParams,
    /// Competitor parameters.
    pub competitors: CompetitorParams,
    /// Brand-safety parameters.
    pub safety: SafetyParams,
    /// Sponsored-versus-organic parameters.
    pub engagement: EngagementParams,
}

/// Relative weights of the five components (any positive scale; normalised to sum to 1).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(missing_docs)]
pub struct ComponentWeights {
    pub topic: f64,
    pub audience: f64,
    pub safety: f64,
    pub competitors: f64,
    pub disclosure: f64,
}

impl ComponentWeights {
    /// The weight of one component.
    pub fn get(&self, kind: ComponentKind) -> f64 {
        match kind {
            ComponentKind::Topic => self.topic,
            ComponentKind::Audience => self.audience,
            ComponentKind::Safety => self.safety,
            ComponentKind::Competitors => self.competitors,
            ComponentKind::Disclosure => self.disclosure,
        }
    }
}

/// Fit score bands: at or above `ok_from` is ok, at or above `watch_from` is watch, below is
/// risk.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ScoreBands {
    /// Lowest score judged a good fit.
    pub ok_from: f64,
    /// Lowest score judged worth a look.
    pub watch_from: f64,
}

impl ScoreBands {
    /// The verdict of a 0–100 Fit score (a component's 0–1 score times 100), judged on
    /// the score as shown (whole points, [`crate::checks::score::shown`]).
    pub fn verdict(&self, score: f64) -> Verdict {
        let score = crate::checks::score::shown(score);
        if score >= self.ok_from {
            Verdict::Ok
        } else if score >= self.watch_from {
            Verdict::Watch
        } else {
            Verdict::Risk
        }
    }
}

/// How a Fit verdict reads: Brand Fit is a match, not a danger, so a low Fit is a
/// "weak fit", never a "risk" (the app, the CLI and the PDF all say these words).
pub fn fit_words(v: Verdict) -> &'static str {
    match v {
        Verdict::Ok => "good fit",
        Verdict::Watch => "partial fit",
        Verdict::Risk => "weak fit",
        Verdict::NotEnoughData => "not enough data",
    }
}

/// BM25 and relevance parameters.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TopicParams {
    /// BM25 term-frequency saturation.
    pub k1: f64,
    /// BM25 length normalisation.
    pub b: f64,
    /// Share of on-topic posts that earns full coverage marks.
    pub saturation_share: f64,
    /// Weight of coverage (share of posts on topic) in relevance.
    pub coverage_weight: f64,
    /// Weight of breadth (share of the brief's terms found) in relevance.
    pub breadth_weight: f64,
    /// How many terms to list.
    pub top_terms: usize,
    /// How many posts to list.
    pub top_posts: usize,
}

/// Language and market parameters.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AudienceParams {
    /// Weight of the creator's own languages.
    pub creator_weight: f64,
    /// Weight of the commenters' languages.
    pub commenter_weight: f64,
    /// Weight of the creator's market (country), when the source states it.
    pub market_weight: f64,
    /// Fewest comments with a detected language before their languages count.
    pub min_comments: u32,
    /// Fewest posts with a detected language before the creator's languages count.
    pub min_posts: u32,
    /// Most comments whose language is detected, evenly spread over the stored ones (the
    /// commenters' language shares are estimated from this sample; 0 = every comment).
    #[serde(default = "default_max_comments")]
    pub max_comments: u32,
}

fn default_max_comments() -> u32 {
    200
}

/// Competitor parameters.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CompetitorParams {
    /// A sponsored competitor post this recent (days before `now`) is a conflict.
    pub conflict_window_days: i64,
    /// Score lost per conflicting post.
    pub conflict_penalty: f64,
    /// Score lost per older sponsored competitor post.
    pub old_sponsored_penalty: f64,
    /// Score lost per organic competitor mention.
    pub organic_penalty: f64,
    /// Cap on the organic penalty.
    pub max_organic_penalty: f64,
}

/// Brand-safety parameters: how many posts make a category's risk low / medium / high, and
/// what a watch or a risk costs.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SafetyParams {
    /// Posts with hits for medium risk …
    pub medium_posts: u32,
    /// … and at least this share of posts.
    pub medium_share: f64,
    /// Posts with hits for high risk …
    pub high_posts: u32,
    /// … and at least this share of posts.
    pub high_share: f64,
    /// Score lost per category judged "watch".
    pub watch_penalty: f64,
    /// Score lost per category judged "risk".
    pub risk_penalty: f64,
    /// Characters of context each side of a hit.
    pub excerpt_chars: usize,
}

/// Sponsored-versus-organic parameters.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EngagementParams {
    /// Fewest posts on each side before comparing.
    pub min_posts: u32,
    /// Sponsored ER below this fraction of organic ER is a sign of ad fatigue.
    pub fatigue_ratio: f64,
}

impl FitWeights {
    /// The shipped table.
    pub fn shipped() -> Result<Self, BrandDataError> {
        Self::from_toml(SHIPPED_WEIGHTS_TOML)
    }

    /// A table from TOML (the user's edited copy); every key is required.
    pub fn from_toml(text: &str) -> Result<Self, BrandDataError> {
        let w: FitWeights = toml::from_str(text).map_err(|e| BrandDataError::Toml {
            file: "weights.toml".into(),
            message: e.to_string(),
        })?;
        w.validate()?;
        Ok(w)
    }

    fn validate(&self) -> Result<(), BrandDataError> {
        let bad = |message: String| {
            Err(BrandDataError::Invalid {
                file: "weights.toml".into(),
                message,
            })
        };
        let c = &self.components;
        let all = [c.topic, c.audience, c.safety, c.competitors, c.disclosure];
        if all.iter().any(|w| !w.is_finite() || *w < 0.0) || all.iter().sum::<f64>() <= 0.0 {
            return bad(
                "component weights must be non-negative numbers with a positive sum".into(),
            );
        }
        if !(self.bands.watch_from <= self.bands.ok_from
            && (0.0..=100.0).contains(&self.bands.ok_from))
        {
            return bad("bands: watch_from must be at most ok_from, both within 0–100".into());
        }
        let t = &self.topic;
        if !(t.k1 >= 0.0
            && (0.0..=1.0).contains(&t.b)
            && t.saturation_share > 0.0
            && t.saturation_share <= 1.0)
        {
            return bad("topic: k1 ≥ 0, 0 ≤ b ≤ 1, 0 < saturation_share ≤ 1".into());
        }
        if t.coverage_weight < 0.0
            || t.breadth_weight < 0.0
            || t.coverage_weight + t.breadth_weight <= 0.0
        {
            return bad(
                "topic: coverage_weight and breadth_weight must be ≥ 0 with a positive sum".into(),
            );
        }
        let a = &self.audience;
        if a.creator_weight < 0.0 || a.commenter_weight < 0.0 || a.market_weight < 0.0 {
            return bad("audience: weights must be ≥ 0".into());
        }
        if self.competitors.conflict_window_days < 0 {
            return bad("competitors: conflict_window_days must be ≥ 0".into());
        }
        let s = &self.safety;
        if !(0.0..=1.0).contains(&s.medium_share) || !(0.0..=1.0).contains(&s.high_share) {
            return bad("safety: shares must be within 0–1".into());
        }
        Ok(())
    }
}

/// The five parts of the Fit score.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ComponentKind {
    /// Topic relevance.
    Topic,
    /// Language and market fit.
    Audience,
    /// Brand safety against the brief's sensitivity.
    Safety,
    /// Competitor mentions and conflicts.
    Competitors,
    /// Disclosure compliance.
    Disclosure,
}

impl ComponentKind {
    /// All components in breakdown order.
    pub const ALL: [ComponentKind; 5] = [
        ComponentKind::Topic,
        ComponentKind::Audience,
        ComponentKind::Safety,
        ComponentKind::Competitors,
        ComponentKind::Disclosure,
    ];

    /// Human label.
    pub fn label(self) -> &'static str {
        match self {
            ComponentKind::Topic => "Topic relevance",
            ComponentKind::Audience => "Language & market",
            ComponentKind::Safety => "Brand safety",
            ComponentKind::Competitors => "Competitors",
            ComponentKind::Disclosure => "Disclosure",
        }
    }
}

/// One row of the breakdown. `contribution = weight × score × 100`, and the contributions
/// sum to the Fit score. A component without data gets weight 0 and the others share its
/// weight.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Component {
    /// Which component.
    pub component: ComponentKind,
    /// Effective weight (0–1; the weights of scored components sum to 1).
    pub weight: f64,
    /// The component's own score, 0–1 (`None` when not scored for lack of data).
    pub score: Option<f64>,
    /// Points it adds to the 0–100 score.
    pub contribution: f64,
    /// How the score came about, in words.
    pub explanation: String,
}

/// Round to two decimals.
pub(crate) fn round2(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
}

/// Build the breakdown from component scores; returns the rows and the total.
pub(crate) fn breakdown(
    weights: &ComponentWeights,
    parts: Vec<(ComponentKind, Option<f64>, String)>,
) -> (Vec<Component>, f64) {
    let total_weight: f64 = parts
        .iter()
        .filter(|(_, s, _)| s.is_some())
        .map(|(k, _, _)| weights.get(*k))
        .sum();
    let mut rows = Vec::new();
    for (kind, score, explanation) in parts {
        let weight = match score {
            Some(_) if total_weight > 0.0 => weights.get(kind) / total_weight,
            _ => 0.0,
        };
        let contribution = round2(weight * score.unwrap_or(0.0).clamp(0.0, 1.0) * 100.0);
        rows.push(Component {
            component: kind,
            weight: (weight * 10_000.0).round() / 10_000.0,
            score: score.map(|s| (s.clamp(0.0, 1.0) * 10_000.0).round() / 10_000.0),
            contribution,
            explanation,
        });
    }
    let total = round2(rows.iter().map(|r| r.contribution).sum());
    (rows, total)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shipped_weights_load() {
        let w = FitWeights::shipped().expect("shipped weights are valid");
        assert!((w.topic.k1 - 1.2).abs() < 1e-12);
        assert!((w.topic.b - 0.75).abs() < 1e-12);
    }

    #[test]
    fn missing_component_shares_its_weight() {
        let w = ComponentWeights {
            topic: 40.0,
            audience: 20.0,
            safety: 20.0,
            competitors: 10.0,
            disclosure: 10.0,
        };
        let (rows, total) = breakdown(
            &w,
            vec![
                (ComponentKind::Topic, Some(0.5), String::new()),
                (ComponentKind::Audience, None, String::new()),
                (ComponentKind::Safety, Some(1.0), String::new()),
                (ComponentKind::Competitors, Some(1.0), String::new()),
                (ComponentKind::Disclosure, Some(1.0), String::new()),
            ],
        );
        // Weights without audience: 40/80, 20/80, 10/80, 10/80 → 0.5·0.5 + 0.25 + 0.125 + 0.125.
        assert!((total - 75.0).abs() < 1e-9);
        assert!(rows[1].weight.abs() < 1e-12);
        assert!((rows[0].contribution - 25.0).abs() < 1e-9);
    }

    #[test]
    fn unknown_key_in_weights_is_named() {
        let text = SHIPPED_WEIGHTS_TOML.replace("[bands]", "[bands]\nokay_from = 3");
        let err = FitWeights::from_toml(&text).expect_err("unknown key is refused");
        assert!(err.to_string().contains("okay_from"), "{err}");
    }
}
