//! The campaign plan a report carries as its own section: [`PlanReport`] (the chosen plan,
//! its tiers, the plans it was compared with, the constraints that bind and the
//! assumptions with their sources) and, once the plan runs, [`CampaignReport`] (what each
//! creator delivered against the plan).
//!
//! Plain data like the rest of [`crate::model`]: the façade copies the figures the planner
//! in `scout-core` computed (nothing is recomputed here) and the PDF only formats them.

use chrono::{DateTime, Utc};
use scout_core::{Platform, Tier};
use serde::{Deserialize, Serialize};

/// A saved plan as decided, with its campaign results when it is running.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PlanReport {
    /// The plan's saved name.
    pub name: String,
    /// Objective key (`awareness`, `engagement`, `conversion`).
    pub objective: String,
    /// What one unit of value is ("authentic engagements").
    pub unit: String,
    /// Brief behind Brand Fit (conversion).
    #[serde(default)]
    pub brief: Option<String>,
    /// Currency of every amount.
    pub currency: String,
    /// Budget.
    pub budget: f64,
    /// Cost of the chosen posts.
    pub total_cost: f64,
    /// Value of the chosen posts: low, point, high.
    pub total_value: [f64; 3],
    /// Whether the optimiser proved the plan optimal (see the notes otherwise).
    pub optimal: bool,
    /// The creators bought, most valuable first.
    pub picks: Vec<PlanPickReport>,
    /// Budget and value per tier.
    pub tiers: Vec<PlanTierReport>,
    /// The comparison plans (optimised, all-mega, all-micro, saved).
    pub comparison: Vec<PlanCompareReport>,
    /// The constraints that bind, in words.
    pub binding: Vec<String>,
    /// Value of the next 1,000 of budget.
    pub marginal_value_per_1000: f64,
    /// The optimiser's remarks.
    #[serde(default)]
    pub notes: Vec<String>,
    /// Assumptions with their sources.
    pub assumptions: Vec<PlanAssumption>,
    /// Versions of the rate card and reach table used.
    pub tables: String,
    /// Results, when the plan runs as a campaign.
    #[serde(default)]
    pub campaign: Option<CampaignReport>,
}

/// One creator the plan buys.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PlanPickReport {
    /// Handle without `@`.
    pub handle: String,
    /// Platform.
    pub platform: Platform,
    /// Tier.
    #[serde(default)]
    pub tier: Option<Tier>,
    /// Posts bought.
    pub posts: u32,
    /// Cost of those posts.
    pub cost: f64,
    /// Whether the fee was quoted by the creator (else estimated from the rate card).
    pub quoted: bool,
    /// Value for the objective: low, point, high.
    pub value: [f64; 3],
}

/// One tier of the plan.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PlanTierReport {
    /// Tier (`None`: follower count unknown).
    #[serde(default)]
    pub tier: Option<Tier>,
    /// Creators.
    pub creators: u32,
    /// Posts.
    pub posts: u32,
    /// Cost.
    pub cost: f64,
    /// Value: low, point, high.
    pub value: [f64; 3],
}

/// One plan of the comparison.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PlanCompareReport {
    /// Name shown ("All mega", a saved name).
    pub name: String,
    /// Cost.
    pub cost: f64,
    /// Value: low, point, high.
    pub value: [f64; 3],
    /// Creators.
    pub creators: u32,
    /// Posts.
    pub posts: u32,
    /// Why the plan is empty or impossible, if it is.
    #[serde(default)]
    pub note: Option<String>,
}

/// One assumption and where it comes from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PlanAssumption {
    /// What is assumed.
    pub what: String,
    /// The value.
    pub value: String,
    /// Source (article or report with its date, or the method).
    pub source: String,
}

/// A running plan's results.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CampaignReport {
    /// First day of the campaign.
    pub starts_at: DateTime<Utc>,
    /// Last moment of the campaign.
    pub ends_at: DateTime<Utc>,
    /// What identifies its posts (brand names, handles, hashtags).
    pub terms: Vec<String>,
    /// One row per planned creator.
    pub creators: Vec<CampaignCreatorReport>,
}

/// One creator's results against the plan.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CampaignCreatorReport {
    /// Handle.
    pub handle: String,
    /// Posts planned.
    pub planned_posts: u32,
    /// Cost planned.
    pub cost: f64,
    /// Views over the deliverables (reach proxy), when the platform shows them.
    #[serde(default)]
    pub views: Option<f64>,
    /// Engagements over the deliverables.
    pub engagements: f64,
    /// Authentic engagements: low, point, high.
    pub authentic: [f64; 3],
    /// Realised cost per authentic engagement.
    #[serde(default)]
    pub realised_cpe: Option<f64>,
    /// Planned cost per authentic engagement.
    #[serde(default)]
    pub planned_cpe: Option<f64>,
    /// The deliverables found.
    pub deliverables: Vec<DeliverableReport>,
}

/// One post counted as a deliverable.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DeliverableReport {
    /// Publication time.
    pub date: DateTime<Utc>,
    /// Link to the post.
    #[serde(default)]
    pub url: Option<String>,
    /// Post id.
    pub post_id: String,
    /// Opening words of the post.
    pub excerpt: String,
    /// Why it counts (`linked`, `mentions …`, `#tag`).
    pub found_by: Vec<String>,
    /// Disclosed as the rules require.
    pub disclosed: bool,
    /// Rules broken, in words.
    pub breaches: Vec<String>,
}
