//! Brand briefs and brand fit: topic relevance, language and market fit, competitor
//! mentions, brand safety, disclosure compliance, sponsored-versus-organic engagement and
//! the 0–100 Brand Fit score whose breakdown sums to it.
//!
//! Main types: [`Brief`] (one client's brief, TOML in and out), [`fit`] (the check: a pure
//! function of a [`Snapshot`], a brief and a [`FitContext`]), [`FitReport`] (everything the
//! check found, serialised for `scout fit --json`; its [`FitReport::findings`] feed reports),
//! [`BrandData`] (the editable data: [`FitWeights`], [`SafetyLists`], [`DisclosureRules`]).
//!
//! The data lives in `data/brand/` and is compiled into the binary; the user may replace any
//! file with an edited copy (`FitWeights::from_toml`, `SafetyLists::from_tomls`,
//! `DisclosureRules::from_toml`). Each file cites where its lists and rules come from.

pub mod audience;
pub mod brief;
pub mod choices;
pub mod competitors;
pub mod data;
pub mod disclosure;
pub mod engagement;
pub mod matcher;
pub mod relevance;
pub mod safety;
pub mod score;
pub mod text;

#[cfg(test)]
mod tests;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

pub use audience::{LanguageFit, LanguageShare, MarketFit};
pub use brief::{
    Brief, BriefError, BriefProblem, Competitor, EXAMPLE_BRIEF_TOML, Jurisdiction, SafetyCategory,
    Sensitivity, SensitivityLevel, Term,
};
pub use competitors::CompetitorMention;
pub use data::{BrandData, BrandDataError};
pub use disclosure::{
    Breach, DisclosedPost, DisclosureReport, DisclosureRules, SHIPPED_DISCLOSURE_TOML, Signal,
    SignalKind, SponsoredPost, UndisclosedPost,
};
pub use engagement::{ErBasis, SponsoredVsOrganic};
pub use relevance::{PostMatch, TermMatch, TopicFit};
pub use safety::{CategoryRisk, RiskLevel, SHIPPED_SAFETY_TOML, SafetyHit, SafetyLists};
pub use score::{Component, ComponentKind, FitWeights, SHIPPED_WEIGHTS_TOML};

use crate::finding::{Evidence, EvidenceKind, Finding, Range, Verdict};
use crate::{Platform, Post, PostKind, Snapshot};

/// Version of the brand-fit method, stamped on every finding.
pub const METHOD_VERSION: &str = "brand_fit/1";

/// What [`fit`] needs besides the snapshot and the brief: the time and the data tables.
#[derive(Debug, Clone, Copy)]
pub struct FitContext<'a> {
    /// "Now", for recency (competitor conflicts).
    pub now: DateTime<Utc>,
    /// Weights and thresholds.
    pub weights: &'a FitWeights,
    /// Brand-safety lists.
    pub safety: &'a SafetyLists,
    /// Disclosure labels and rules.
    pub disclosure: &'a DisclosureRules,
}

impl<'a> FitContext<'a> {
    /// A context over one bundle of data.
    pub fn new(now: DateTime<Utc>, data: &'a BrandData) -> Self {
        Self {
            now,
            weights: &data.weights,
            safety: &data.safety,
            disclosure: &data.disclosure,
        }
    }
}

/// Everything brand fit found for one creator and one brief.
///
/// JSON keys (for `scout fit --json`): `score`, `verdict`, `breakdown`, `topic`, `languages`,
/// `competitor_mentions`, `safety` (hits), `safety_risk`, `sponsored_posts`,
/// `disclosed_sponsored_posts`, `undisclosed_sponsored_posts`, `share_sponsored`,
/// `share_disclosed`, `jurisdictions`, `sponsored_vs_organic`, and identification fields.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FitReport {
    /// The brief's name.
    pub brief: String,
    /// The creator's platform.
    pub platform: Platform,
    /// The creator's handle.
    pub creator: String,
    /// The creator's profile URL.
    pub profile_url: String,
    /// When the snapshot was fetched.
    pub snapshot_fetched_at: DateTime<Utc>,
    /// The `now` the check ran with.
    pub computed_at: DateTime<Utc>,
    /// Brand Fit, 0–100: the sum of the breakdown's contributions.
    pub score: f64,
    /// Ok / watch / risk from the score bands, raised to risk by a safety risk and to at
    /// least watch by a competitor conflict; not enough data without posts.
    pub verdict: Verdict,
    /// One row per component.
    pub breakdown: Vec<Component>,
    /// Topic relevance.
    pub topic: TopicFit,
    /// Languages and market.
    pub languages: LanguageFit,
    /// Posts naming a competitor.
    pub competitor_mentions: Vec<CompetitorMention>,
    /// Every brand-safety hit.
    pub safety: Vec<SafetyHit>,
    /// Risk per category against the brief's sensitivity.
    pub safety_risk: Vec<CategoryRisk>,
    /// Sponsored posts and disclosure compliance (flattened into the top level).
    #[serde(flatten)]
    pub disclosure: DisclosureReport,
    /// Engagement of sponsored against organic posts.
    pub sponsored_vs_organic: SponsoredVsOrganic,
    /// The weights table used.
    pub weights_version: String,
    /// The method version.
    pub method_version: String,
}

/// The language of a post: the platform's declaration, else detection on its text.
pub fn post_language(post: &Post) -> Option<String> {
    post.languages
        .iter()
        .find_map(|l| audience::declared(l))
        .or_else(|| {
            let body = match &post.title {
                Some(t) => format!("{t}\n{}", post.text),
                None => post.text.clone(),
            };
            text::detect_language(&body).map(|d| d.code)
        })
}

/// Score a creator's snapshot against a brief. Pure: the same inputs give the same report.
pub fn fit(snapshot: &Snapshot, brief: &Brief, ctx: &FitContext<'_>) -> FitReport {
    let w = ctx.weights;
    let originals: Vec<&Post> = snapshot
        .posts
        .iter()
        .filter(|p| p.kind != PostKind::Reply)
        .collect();
    let languages: Vec<Option<String>> = originals.iter().map(|p| post_language(p)).collect();

    let (disclosure, signals) = ctx.disclosure.report(
        originals
            .iter()
            .zip(&languages)
            .map(|(p, l)| (*p, l.as_deref())),
        &brief.jurisdictions,
    );
    let sponsored: Vec<(&Post, bool)> = signals
        .iter()
        .map(|(p, s)| (*p, s.is_sponsored()))
        .collect();

    let docs: Vec<relevance::Doc<'_>> = originals
        .iter()
        .zip(&languages)
        .map(|(p, l)| relevance::Doc {
            post: p,
            language: l.as_deref(),
        })
        .collect();
    let topic = relevance::topic_fit(&docs, brief, &w.topic);

    // An evenly spread sample of at most `max_comments` (whatlang per comment was the
    // largest cost of Fit on a creator with many comments).
    let every = match w.audience.max_comments as usize {
        0 => 1,
        max => snapshot.comments.len().div_ceil(max).max(1),
    };
    let comment_languages: Vec<Option<String>> = snapshot
        .comments
        .iter()
        .step_by(every)
        .map(|c| text::detect_language(&c.text).map(|d| d.code))
        .collect();
    let languages_fit = audience::language_fit(
        &languages,
        &comment_languages,
        snapshot.profile.country.as_deref(),
        brief,
        &w.audience,
    );

    let competitor_mentions =
        competitors::mentions(sponsored.iter().copied(), brief, ctx.now, &w.competitors);

    let scanned: Vec<&Post> = originals
        .iter()
        .copied()
        .chain(
            snapshot
                .other_posts
                .iter()
                .filter(|p| p.kind == PostKind::Repost),
        )
        .collect();
    let (safety_hits, safety_risk) = ctx.safety.scan(scanned.iter().copied(), brief, &w.safety);

    let sponsored_vs_organic = engagement::compare(
        &sponsored,
        snapshot.platform,
        snapshot.profile.followers,
        &w.engagement,
    );

    let n = originals.len() as u32;
    let (safety_score, safety_text) =
        safety::component(&safety_risk, scanned.len() as u32, &w.safety);
    let (competitor_score, competitor_text) =
        competitors::component(&competitor_mentions, brief, n, &w.competitors);
    let (disclosure_score, disclosure_text) = disclosure_component(&disclosure);
    let parts = vec![
        (
            ComponentKind::Topic,
            topic.relevance,
            relevance::explain(&topic),
        ),
        (
            ComponentKind::Audience,
            languages_fit.matched,
            audience::explain(&languages_fit, snapshot.platform),
        ),
        (ComponentKind::Safety, safety_score, safety_text),
        (
            ComponentKind::Competitors,
            competitor_score,
            competitor_text,
        ),
        (ComponentKind::Disclosure, disclosure_score, disclosure_text),
    ];
    let any_scored = parts.iter().any(|(_, s, _)| s.is_some());
    let (breakdown, score) = score::breakdown(&w.components, parts);

    let verdict = if n == 0 || !any_scored {
        Verdict::NotEnoughData
    } else {
        let band = w.bands.verdict(score);
        if safety_risk.iter().any(|r| r.verdict == Verdict::Risk) {
            Verdict::Risk
        } else if band == Verdict::Ok && competitor_mentions.iter().any(|m| m.conflict) {
            Verdict::Watch
        } else {
            band
        }
    };

    FitReport {
        brief: brief.name.clone(),
        platform: snapshot.platform,
        creator: snapshot.profile.handle.clone(),
        profile_url: snapshot.profile.url.clone(),
        snapshot_fetched_at: snapshot.fetched_at,
        computed_at: ctx.now,
        score,
        verdict,
        breakdown,
        topic,
        languages: languages_fit,
        competitor_mentions,
        safety: safety_hits,
        safety_risk,
        disclosure,
        sponsored_vs_organic,
        weights_version: w.version.clone(),
        method_version: METHOD_VERSION.to_string(),
    }
}

fn disclosure_component(d: &DisclosureReport) -> (Option<f64>, String) {
    if d.posts_examined == 0 {
        return (None, "no posts to examine".into());
    }
    let sponsored = d.sponsored_posts.len();
    if sponsored == 0 {
        return (
            Some(1.0),
            format!("no sponsored post among {} posts", d.posts_examined),
        );
    }
    let mut counts: Vec<(String, usize)> = Vec::new();
    for u in &d.undisclosed_sponsored_posts {
        for r in &u.rules_broken {
            match counts.iter_mut().find(|(k, _)| k == r) {
                Some((_, c)) => *c += 1,
                None => counts.push((r.clone(), 1)),
            }
        }
    }
    let rules: Vec<String> = counts.iter().map(|(r, c)| format!("{r} ×{c}")).collect();
    let share = d
        .compliance
        .unwrap_or(d.disclosed_sponsored_posts.len() as f64 / sponsored as f64);
    let partly = d
        .undisclosed_sponsored_posts
        .iter()
        .filter(|u| u.compliance > 0.0)
        .count();
    (
        Some(share),
        format!(
            "{} of {} sponsored posts properly disclosed{} under {}, each judged by the rules of its audience ({:.0}% of posts are sponsored){}",
            d.disclosed_sponsored_posts.len(),
            sponsored,
            if partly > 0 {
                format!(", {partly} partly")
            } else {
                String::new()
            },
            d.jurisdictions.join(", "),
            d.share_sponsored.unwrap_or(0.0) * 100.0,
            if rules.is_empty() {
                String::new()
            } else {
                format!("; broken: {}", rules.join(", "))
            }
        ),
    )
}

fn confidence(n: usize, full_at: usize) -> f64 {
    ((n as f64 / full_at as f64).min(1.0) * 100.0).round() / 100.0
}

/// The verdict of one Fit component's 0–1 score (the score bands divided by 100).
pub fn component_verdict(score: Option<f64>, bands: &score::ScoreBands) -> Verdict {
    score.map_or(Verdict::NotEnoughData, |s| bands.verdict(s * 100.0))
}

impl FitReport {
    /// The report as findings (`brand_fit`, `brand_fit.topic`, `brand_fit.language`,
    /// `brand_fit.competitors`, `brand_fit.safety.<category>` for each category with hits,
    /// `brand_fit.disclosure`, `brand_fit.sponsored_engagement`), titled with the brief's name.
    /// `bands` are the score bands of the weights used (`weights.bands`).
    pub fn findings(&self, bands: &score::ScoreBands) -> Vec<Finding> {
        let b = &self.brief;
        let component = |k: ComponentKind| self.breakdown.iter().find(|c| c.component == k);
        let mut out = Vec::new();
        let breakdown_text: Vec<String> = self
            .breakdown
            .iter()
            .filter(|c| c.weight > 0.0)
            .map(|c| {
                format!(
                    "{} {:.1}",
                    c.component.label().to_lowercase(),
                    c.contribution
                )
            })
            .collect();
        out.push(Finding {
            check: "brand_fit".into(),
            title: format!("Brand Fit for brief '{b}'"),
            value: Some(self.score),
            expected: Some(Range {
                low: Some(bands.ok_from),
                high: Some(100.0),
            }),
            verdict: self.verdict,
            confidence: confidence(self.topic.posts as usize, 20),
            evidence: self
                .topic
                .top_posts
                .iter()
                .map(|p| {
                    Evidence::new(
                        EvidenceKind::Post,
                        &p.post_id,
                        format!("topic match: {}", p.terms.join(", ")),
                    )
                })
                .collect(),
            explanation: format!(
                "Brand Fit {:.0}/100 = {}",
                self.score,
                breakdown_text.join(" + ")
            ),
            method_version: METHOD_VERSION.into(),
        });

        let topic_score = component(ComponentKind::Topic).and_then(|c| c.score);
        out.push(Finding {
            check: "brand_fit.topic".into(),
            title: format!("Topic relevance for brief '{b}'"),
            value: self.topic.relevance,
            expected: Some(Range {
                low: Some(bands.ok_from / 100.0),
                high: Some(1.0),
            }),
            verdict: component_verdict(topic_score, bands),
            confidence: confidence(self.topic.posts as usize, 20),
            evidence: self
                .topic
                .top_posts
                .iter()
                .map(|p| {
                    Evidence::new(
                        EvidenceKind::Post,
                        &p.post_id,
                        format!("BM25 {:.2}: {}", p.score, p.terms.join(", ")),
                    )
                })
                .collect(),
            explanation: relevance::explain(&self.topic),
            method_version: METHOD_VERSION.into(),
        });

        out.push(Finding {
            check: "brand_fit.language".into(),
            title: format!("Language & market for brief '{b}'"),
            value: self.languages.matched,
            expected: Some(Range {
                low: Some(bands.ok_from / 100.0),
                high: Some(1.0),
            }),
            verdict: component_verdict(self.languages.matched, bands),
            confidence: confidence(
                self.languages.posts_with_language as usize
                    + self.languages.comments_with_language as usize,
                40,
            ),
            evidence: Vec::new(),
            explanation: audience::explain(&self.languages, self.platform),
            method_version: METHOD_VERSION.into(),
        });

        let conflicts = self
            .competitor_mentions
            .iter()
            .filter(|m| m.conflict)
            .count();
        out.push(Finding {
            check: "brand_fit.competitors".into(),
            title: format!("Competitor mentions for brief '{b}'"),
            value: Some(conflicts as f64),
            expected: Some(Range::new(0.0, 0.0)),
            verdict: if component(ComponentKind::Competitors).is_some_and(|c| c.score.is_none()) {
                Verdict::NotEnoughData
            } else if conflicts > 0 {
                Verdict::Risk
            } else if self.competitor_mentions.is_empty() {
                Verdict::Ok
            } else {
                Verdict::Watch
            },
            confidence: confidence(self.topic.posts as usize, 20),
            evidence: self
                .competitor_mentions
                .iter()
                .map(|m| {
                    Evidence::new(
                        EvidenceKind::Post,
                        &m.post_id,
                        format!(
                            "{} ('{}') on {}{}",
                            m.competitor,
                            m.matched,
                            m.date.format("%Y-%m-%d"),
                            if m.conflict {
                                ", sponsored: conflict"
                            } else if m.sponsored {
                                ", sponsored"
                            } else {
                                ""
                            }
                        ),
                    )
                })
                .collect(),
            explanation: component(ComponentKind::Competitors)
                .map_or_else(String::new, |c| c.explanation.clone()),
            method_version: METHOD_VERSION.into(),
        });

        for r in self
            .safety_risk
            .iter()
            .filter(|r| r.risk != RiskLevel::None)
        {
            out.push(Finding {
                check: format!("brand_fit.safety.{}", r.category.key()),
                title: format!("{} for brief '{b}'", r.label),
                value: Some(r.share),
                expected: Some(Range::new(0.0, 0.0)),
                verdict: r.verdict,
                confidence: confidence(r.posts_scanned as usize, 20),
                evidence: self
                    .safety
                    .iter()
                    .filter(|h| h.category == r.category)
                    .map(|h| {
                        Evidence::new(
                            EvidenceKind::Post,
                            &h.post_id,
                            format!("'{}': {}", h.phrase, h.excerpt),
                        )
                    })
                    .collect(),
                explanation: format!(
                    "{} of {} posts ({:.0}%) mention {}: {} risk against {} sensitivity",
                    r.posts_with_hits,
                    r.posts_scanned,
                    r.share * 100.0,
                    r.phrases
                        .iter()
                        .map(|p| format!("'{p}'"))
                        .collect::<Vec<_>>()
                        .join(", "),
                    r.risk.key(),
                    r.sensitivity.key()
                ),
                method_version: METHOD_VERSION.into(),
            });
        }

        let d = &self.disclosure;
        let disclosure_verdict = match d.share_disclosed {
            _ if d.posts_examined == 0 => Verdict::NotEnoughData,
            None => Verdict::Ok,
            Some(s) if s >= 1.0 => Verdict::Ok,
            Some(s) if s >= 0.8 => Verdict::Watch,
            Some(_) => Verdict::Risk,
        };
        out.push(Finding {
            check: "brand_fit.disclosure".into(),
            title: format!(
                "Disclosure of sponsored posts ({})",
                d.jurisdictions.join(", ")
            ),
            value: d.share_disclosed,
            expected: Some(Range::new(1.0, 1.0)),
            verdict: disclosure_verdict,
            confidence: confidence(d.sponsored_posts.len(), 5),
            evidence: d
                .undisclosed_sponsored_posts
                .iter()
                .map(|u| {
                    Evidence::new(
                        EvidenceKind::Post,
                        &u.post_id,
                        u.breaches
                            .iter()
                            .map(|x| x.message.clone())
                            .collect::<Vec<_>>()
                            .join(" | "),
                    )
                })
                .collect(),
            explanation: component(ComponentKind::Disclosure)
                .map_or_else(String::new, |c| c.explanation.clone()),
            method_version: METHOD_VERSION.into(),
        });

        let e = &self.sponsored_vs_organic;
        let pct = |x: Option<f64>| x.map_or("n/a".to_string(), |v| format!("{:.2}%", v * 100.0));
        out.push(Finding {
            check: "brand_fit.sponsored_engagement".into(),
            title: "Sponsored versus organic engagement".into(),
            value: e.ratio,
            expected: Some(Range {
                low: Some(e.fatigue_ratio),
                high: None,
            }),
            verdict: match e.ratio {
                None => Verdict::NotEnoughData,
                Some(_) if e.ad_fatigue => Verdict::Watch,
                Some(_) => Verdict::Ok,
            },
            confidence: confidence(e.n_sponsored.min(e.n_organic) as usize, 5),
            evidence: Vec::new(),
            explanation: format!(
                "sponsored posts engage {} ({} posts), organic {} ({} posts){}",
                pct(e.er_sponsored),
                e.n_sponsored,
                pct(e.er_organic),
                e.n_organic,
                e.ratio.map_or(String::new(), |r| format!(": ratio {r:.2}"))
            ),
            method_version: METHOD_VERSION.into(),
        });
        out
    }
}
