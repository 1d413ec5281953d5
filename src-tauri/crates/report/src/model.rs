//! The report's input: everything a CSV or PDF export shows, as plain data.
//!
//! Main types: [`ReportInput`] (one shortlist or creator list), [`CreatorReport`]
//! (one creator's figures, scores, findings and notes), [`MethodInfo`] (the
//! formulas, thresholds, benchmarks and method versions actually used) and
//! [`PostRow`] (one row of the posts CSV).
//!
//! These types are the bundle's `inputs` as they are: serialising a
//! [`ReportInput`] is how a client can audit what a PDF was made from. They are
//! deliberately independent of the check modules in `scout-core`: the façade
//! maps its results into plain numbers and strings here. Fractions are
//! fractions (an engagement rate of 3.4 % is `0.034`), scores are 0–100, and a
//! missing figure is `None`, never zero: exports show "—" or "not enough data".

use chrono::{DateTime, Utc};
use scout_core::checks::benchmarks::{Basis, Statistic};
use scout_core::{Finding, Platform, Range, ShortlistStatus, Tier, TierBounds, Verdict};
use serde::{Deserialize, Serialize};

/// One report: a shortlist (or any list of creators) with the method used.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReportInput {
    /// Document title, e.g. "Creator vetting report".
    pub title: String,
    /// The client the report is for.
    #[serde(default)]
    pub client: Option<String>,
    /// The brand brief the fit scores were computed against.
    #[serde(default)]
    pub brief_name: Option<String>,
    /// The shortlist's name (or a description of the filtered list).
    pub shortlist_name: String,
    /// Who prepared the report.
    #[serde(default)]
    pub author: Option<String>,
    /// The report's date. Passed in, never read from the clock, so that the
    /// same state gives the same bytes; it is also the PDF's creation date.
    pub generated_at: DateTime<Utc>,
    /// The creators, in the order the report shows them.
    pub creators: Vec<CreatorReport>,
    /// The method actually used.
    #[serde(default)]
    pub method: MethodInfo,
    /// The chosen campaign plan, shown as its own section (with its results once it runs).
    #[serde(default)]
    pub plan: Option<crate::plan::PlanReport>,
}

/// Everything the report shows about one creator.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CreatorReport {
    /// The platform.
    pub platform: Platform,
    /// Handle without a leading `@`.
    pub handle: String,
    /// Display name, if set.
    #[serde(default)]
    pub display_name: Option<String>,
    /// Public profile URL.
    #[serde(default)]
    pub url: Option<String>,
    /// Audience-size tier.
    #[serde(default)]
    pub tier: Option<Tier>,
    /// Followers (subscribers on YouTube).
    #[serde(default)]
    pub followers: Option<u64>,
    /// Accounts followed.
    #[serde(default)]
    pub following: Option<u64>,
    /// Posts / videos as the profile states it.
    #[serde(default)]
    pub posts_count: Option<u64>,
    /// The engagement rate (fraction) in the platform's declared formula: the same
    /// figure the app and the CLI show (`scout-core`'s declared rate).
    #[serde(default)]
    pub engagement_rate: Option<f64>,
    /// What the rate is divided by: followers or views.
    #[serde(default)]
    pub er_basis: Option<Basis>,
    /// How the per-post rates are summarised: median or mean.
    #[serde(default)]
    pub er_statistic: Option<Statistic>,
    /// The benchmark range for this platform and tier (fractions).
    #[serde(default)]
    pub er_expected: Option<Range>,
    /// How the engagement rate compares with the benchmark.
    #[serde(default)]
    pub er_verdict: Option<Verdict>,
    /// Engagement rate after removing suspicious engagement (fractions).
    #[serde(default)]
    pub authentic_er: Option<Estimate>,
    /// The Authenticity score and how it was made.
    #[serde(default)]
    pub authenticity: Option<ScoreBreakdown>,
    /// The Brand Fit score and how it was made; `None` without a brief.
    #[serde(default)]
    pub fit: Option<ScoreBreakdown>,
    /// Shortlist status; `None` for a creator list that is not a shortlist.
    #[serde(default)]
    pub status: Option<ShortlistStatus>,
    /// The scout's note.
    #[serde(default)]
    pub note: Option<String>,
    /// The scout's tags.
    #[serde(default)]
    pub tags: Vec<String>,
    /// Estimated cost of one post, where a rate card applies.
    #[serde(default)]
    pub estimated_cost: Option<CostEstimate>,
    /// When the data behind these figures was fetched (the data date).
    pub fetched_at: DateTime<Utc>,
    /// Engagement rate of each recent post, for the chart (any order; sorted by date when drawn).
    #[serde(default)]
    pub er_per_post: Vec<PostEngagement>,
    /// Follower counts over time, one point per stored snapshot.
    #[serde(default)]
    pub follower_history: Vec<FollowerPoint>,
    /// Every finding of the checks run on the snapshot.
    #[serde(default)]
    pub findings: Vec<Finding>,
    /// Sponsored-post disclosure check; `None` when it was not run.
    #[serde(default)]
    pub disclosure: Option<DisclosureSummary>,
    /// Biography text.
    #[serde(default)]
    pub bio: Option<String>,
}

impl CreatorReport {
    /// A creator with only the identifying fields set; everything else unknown.
    pub fn new(platform: Platform, handle: impl Into<String>, fetched_at: DateTime<Utc>) -> Self {
        Self {
            platform,
            handle: handle.into(),
            display_name: None,
            url: None,
            tier: None,
            followers: None,
            following: None,
            posts_count: None,
            engagement_rate: None,
            er_basis: None,
            er_statistic: None,
            er_expected: None,
            er_verdict: None,
            authentic_er: None,
            authenticity: None,
            fit: None,
            status: None,
            note: None,
            tags: Vec::new(),
            estimated_cost: None,
            fetched_at,
            er_per_post: Vec::new(),
            follower_history: Vec::new(),
            findings: Vec::new(),
            disclosure: None,
            bio: None,
        }
    }

    /// The name to show: the display name when set, else `@handle`.
    pub fn name(&self) -> String {
        match self.display_name.as_deref().map(str::trim) {
            Some(n) if !n.is_empty() => n.to_string(),
            _ => format!("@{}", self.handle),
        }
    }

    /// How many findings have each verdict: (risk, watch).
    pub fn risk_watch_counts(&self) -> (usize, usize) {
        let risk = self
            .findings
            .iter()
            .filter(|f| f.verdict == Verdict::Risk)
            .count();
        let watch = self
            .findings
            .iter()
            .filter(|f| f.verdict == Verdict::Watch)
            .count();
        (risk, watch)
    }
}

/// A low / central / high estimate.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Estimate {
    /// Low end.
    pub low: f64,
    /// Central estimate.
    pub mid: f64,
    /// High end.
    pub high: f64,
}

/// A 0–100 score with the parts it was made from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ScoreBreakdown {
    /// The score, 0–100.
    pub score: f64,
    /// The verdict the score maps to.
    pub verdict: Verdict,
    /// Confidence 0..=1, from sample sizes.
    #[serde(default)]
    pub confidence: Option<f64>,
    /// Method version, e.g. `authenticity/1`.
    #[serde(default)]
    pub method_version: String,
    /// The weighted parts.
    #[serde(default)]
    pub components: Vec<ScoreComponent>,
}

/// One weighted part of a score.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ScoreComponent {
    /// Human name, e.g. "Comment quality".
    pub name: String,
    /// The check id behind it, e.g. `comment_quality.generic_share`.
    #[serde(default)]
    pub check: Option<String>,
    /// The part's own score, 0–100; `None` when there was not enough data.
    #[serde(default)]
    pub score: Option<f64>,
    /// Weight in the total (fractions summing to 1 over the components).
    pub weight: f64,
    /// The part's verdict.
    pub verdict: Verdict,
    /// The measured value as a client reads it, e.g. "12 % generic comments".
    #[serde(default)]
    pub detail: Option<String>,
}

/// An estimated price for one post.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CostEstimate {
    /// Low end.
    pub low: f64,
    /// High end.
    pub high: f64,
    /// ISO 4217 code, e.g. "EUR".
    pub currency: String,
    /// Where the figure comes from, e.g. "rate card 2026: Instagram micro, one post".
    #[serde(default)]
    pub basis: Option<String>,
}

/// The engagement rate of one post.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PostEngagement {
    /// Platform id of the post.
    pub post_id: String,
    /// Publication time.
    pub date: DateTime<Utc>,
    /// Engagement rate (fraction); `None` when its counts are hidden.
    #[serde(default)]
    pub er: Option<f64>,
}

/// The follower count at one snapshot.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct FollowerPoint {
    /// Snapshot time.
    pub date: DateTime<Utc>,
    /// Followers then.
    pub followers: u64,
}

/// The result of the sponsored-post disclosure check.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct DisclosureSummary {
    /// Posts that look sponsored (label, brand tags, affiliate links).
    pub sponsored_posts: u32,
    /// Of those, posts with an adequate disclosure.
    pub disclosed_posts: u32,
    /// The rules checked, e.g. "FTC: clear #ad or paid-partnership label".
    #[serde(default)]
    pub rules: Vec<String>,
    /// Sponsored posts without adequate disclosure.
    #[serde(default)]
    pub undisclosed: Vec<UndisclosedPost>,
}

/// A sponsored post that breaks a disclosure rule.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct UndisclosedPost {
    /// Platform id.
    pub post_id: String,
    /// Publication time.
    pub date: DateTime<Utc>,
    /// Public URL.
    #[serde(default)]
    pub url: Option<String>,
    /// The rule it breaks.
    pub rule: String,
    /// A short quote from the caption.
    #[serde(default)]
    pub excerpt: Option<String>,
}

/// The method a report was made with: what a client needs to audit the figures.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct MethodInfo {
    /// Formulas, e.g. engagement rate = interactions / followers.
    #[serde(default)]
    pub formulas: Vec<Formula>,
    /// Thresholds the verdicts used.
    #[serde(default)]
    pub thresholds: Vec<Threshold>,
    /// Benchmark values used, with their sources.
    #[serde(default)]
    pub benchmarks: Vec<Benchmark>,
    /// Version of each check's method.
    #[serde(default)]
    pub method_versions: Vec<MethodVersion>,
    /// Tier bounds used.
    #[serde(default)]
    pub tier_bounds: Option<TierBounds>,
}

/// One formula.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Formula {
    /// What it computes, e.g. "Engagement rate (per follower)".
    pub name: String,
    /// The formula in words and symbols.
    pub expression: String,
    /// Caveats, e.g. "hidden like counts are left out, not counted as zero".
    #[serde(default)]
    pub note: Option<String>,
}

/// One threshold value a verdict used.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Threshold {
    /// Stable key, e.g. `comment_quality.generic_share.watch`.
    pub key: String,
    /// Human label.
    pub label: String,
    /// The value.
    pub value: f64,
    /// Unit, e.g. "fraction", "days", "%".
    #[serde(default)]
    pub unit: Option<String>,
    /// Where the value comes from.
    #[serde(default)]
    pub source: Option<String>,
}

/// One benchmark range, e.g. the normal engagement rate of Instagram micro creators.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Benchmark {
    /// Platform.
    pub platform: Platform,
    /// Tier.
    pub tier: Tier,
    /// Metric key, e.g. `engagement_rate`.
    pub metric: String,
    /// Low end of the normal range.
    pub low: f64,
    /// Typical value, where known.
    #[serde(default)]
    pub median: Option<f64>,
    /// High end of the normal range.
    pub high: f64,
    /// Where the values come from.
    pub source: String,
}

/// The version of one check's method.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MethodVersion {
    /// Check id.
    pub check: String,
    /// Version, e.g. `engagement_rate/1`.
    pub version: String,
}

/// One row of the posts CSV: a post with its counts at fetch time.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PostRow {
    /// The creator's platform.
    pub platform: Platform,
    /// The creator's handle.
    pub handle: String,
    /// Platform id of the post.
    pub post_id: String,
    /// Public URL.
    pub url: Option<String>,
    /// `original`, `repost` or `reply`.
    pub kind: String,
    /// Publication time.
    pub created_at: DateTime<Utc>,
    /// Title (videos).
    pub title: Option<String>,
    /// Caption or post text.
    pub text: String,
    /// Likes; `None` when unknown or hidden.
    pub likes: Option<u64>,
    /// Replies / comments.
    pub replies: Option<u64>,
    /// Reposts / shares.
    pub reposts: Option<u64>,
    /// Quotes.
    pub quotes: Option<u64>,
    /// Views.
    pub views: Option<u64>,
    /// Engagement rate (fraction), where computable.
    pub er: Option<f64>,
    /// The platform's paid-partnership label.
    pub sponsored_label: Option<bool>,
    /// When the counts were fetched (the data date).
    pub fetched_at: DateTime<Utc>,
}

impl PostRow {
    /// A row from a core post, with the engagement rate the checks computed.
    pub fn from_post(
        platform: Platform,
        handle: impl Into<String>,
        post: &scout_core::Post,
        er: Option<f64>,
        fetched_at: DateTime<Utc>,
    ) -> Self {
        let kind = match post.kind {
            scout_core::PostKind::Original => "original",
            scout_core::PostKind::Repost => "repost",
            scout_core::PostKind::Reply => "reply",
        };
        Self {
            platform,
            handle: handle.into(),
            post_id: post.id.clone(),
            url: post.url.clone(),
            kind: kind.to_string(),
            created_at: post.created_at,
            title: post.title.clone(),
            text: post.text.clone(),
            likes: if post.likes_hidden { None } else { post.likes },
            replies: post.replies,
            reposts: post.reposts,
            quotes: post.quotes,
            views: post.views,
            er,
            sponsored_label: post.sponsored_label,
            fetched_at,
        }
    }
}
