//! The campaign-mix planner over a shortlist: [`PlanRequest`] in, [`PlanView`] out, with
//! the single-tier comparison plans and the user's saved plans beside it. Quoted fees,
//! saved plans and campaigns are stored through `scout-store`; every figure comes from
//! `scout_core::plan` (estimates and the optimiser) — nothing is recomputed here.
//!
//! The rate card and reach table in force are `<data dir>/rate_card.toml` and
//! `<data dir>/reach.toml` when the user put edited copies there, else the shipped ones.

use std::collections::BTreeMap;
use std::path::Path;

use scout_core::checks::suspicious_share::{DEFAULT_CUTOFFS, MIN_ACCOUNTS, suspicious_share};
use scout_core::plan::{
    self as core_plan, Candidate, Constraints, CreatorFacts, Estimate, Format, Objective,
    PlanError, PlanResult, RateCard, ReachTable,
};
use scout_core::{Tier, Verdict};
use scout_store::{AccountId, NewPlan, PlanItemRow};
use serde::{Deserialize, Serialize};

#[cfg(feature = "specta")]
use specta::Type;

use crate::error::{Error, Result};
use crate::workspace::Workspace;

/// File name of a user-edited rate card in the data folder.
pub const RATE_CARD_FILE: &str = "rate_card.toml";
/// File name of a user-edited reach table in the data folder.
pub const REACH_FILE: &str = "reach.toml";
/// The shipped rate card, with its comments.
pub const SHIPPED_RATE_CARD_TOML: &str = scout_core::plan::tables::RATE_CARD_TOML;
/// The shipped reach table, with its comments.
pub const SHIPPED_REACH_TOML: &str = scout_core::plan::tables::REACH_TOML;

/// A share of the budget for one tier.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(Type))]
pub struct TierShare {
    /// Tier key (`nano` … `mega`).
    pub tier: String,
    /// Share of the budget, 0–1.
    pub share: f64,
}

/// What to plan.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(Type))]
pub struct PlanRequest {
    /// Shortlist name.
    pub shortlist: String,
    /// Budget in the rate card's currency.
    pub budget: f64,
    /// `awareness`, `engagement` or `conversion`.
    pub objective: String,
    /// Brief for Brand Fit (needed for `conversion`).
    pub brief: Option<String>,
    /// Posts per creator at most (default 1).
    pub max_posts: Option<f64>,
    /// Minimum budget shares per tier.
    pub min_share: Vec<TierShare>,
    /// Maximum budget shares per tier.
    pub max_share: Vec<TierShare>,
    /// At most this many creators.
    pub max_creators: Option<f64>,
    /// Allow creators with a risk verdict.
    pub include_risk: bool,
    /// Creators that must be in the plan (handles).
    pub pin: Vec<String>,
    /// Creators left out (handles).
    pub exclude: Vec<String>,
}

/// A creator the plan buys.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(Type))]
pub struct PlanPickView {
    /// Local account id.
    pub creator_id: f64,
    /// Handle.
    pub handle: String,
    /// Platform key.
    pub platform: String,
    /// Tier key.
    pub tier: Option<String>,
    /// Posts bought.
    pub posts: f64,
    /// Cost of those posts.
    pub cost: f64,
    /// `quoted` or `estimated`.
    pub fee_source: String,
    /// Value for the objective.
    pub value: f64,
    /// Low end of the value.
    pub value_low: f64,
    /// High end of the value.
    pub value_high: f64,
}

/// One shortlisted creator with its estimates and how the optimiser treated it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(Type))]
pub struct PlanCandidateView {
    /// Local account id.
    pub creator_id: f64,
    /// Handle.
    pub handle: String,
    /// Platform key.
    pub platform: String,
    /// Tier key.
    pub tier: Option<String>,
    /// Followers at the latest snapshot.
    pub followers: Option<f64>,
    /// Deliverable priced (`post`, `short_video`, …).
    pub format: Option<String>,
    /// Cost per post.
    pub cost_per_post: Option<f64>,
    /// `quoted` or `estimated` (none without a fee).
    pub fee_source: Option<String>,
    /// Rate-card range of the fee (the quote itself when quoted).
    pub fee_low: Option<f64>,
    /// High end of the fee.
    pub fee_high: Option<f64>,
    /// Value per post for the objective.
    pub value_per_post: Option<f64>,
    /// People reached per post.
    pub reach: Option<f64>,
    /// Low end of reach.
    pub reach_low: Option<f64>,
    /// High end of reach.
    pub reach_high: Option<f64>,
    /// `median_views` or `follower_rate`.
    pub reach_from: Option<String>,
    /// Authentic engagements per post.
    pub engagements: Option<f64>,
    /// Low end.
    pub engagements_low: Option<f64>,
    /// High end.
    pub engagements_high: Option<f64>,
    /// Suspicious share used: `measured` or `assumed`.
    pub share_from: String,
    /// The suspicious share used.
    pub share: f64,
    /// Cost per authentic engagement.
    pub cpe: Option<f64>,
    /// Low end.
    pub cpe_low: Option<f64>,
    /// High end (none when unbounded).
    pub cpe_high: Option<f64>,
    /// Cost per 1,000 reached.
    pub cpm: Option<f64>,
    /// Low end.
    pub cpm_low: Option<f64>,
    /// High end (none when unbounded).
    pub cpm_high: Option<f64>,
    /// Brand Fit used for conversion.
    pub fit: Option<f64>,
    /// Posts the optimiser could give it (0 when excluded).
    pub max_posts: f64,
    /// Why it was left out, if it was.
    pub excluded_reason: Option<String>,
}

/// The estimate for one post by one creator, as the Compare page shows it (the same
/// `scout_core::plan::estimate` the planner uses).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(Type))]
pub struct CostEstimateView {
    /// The rate card's currency (quoted fees are in it too).
    pub currency: String,
    /// Deliverable priced (`post`, `short_video`, …).
    pub format: Option<String>,
    /// `quoted` or `estimated` (none without a fee).
    pub fee_source: Option<String>,
    /// Cost per post.
    pub cost_per_post: Option<f64>,
    /// Rate-card range of the fee (the quote itself when quoted).
    pub fee_low: Option<f64>,
    /// High end of the fee.
    pub fee_high: Option<f64>,
    /// Authentic engagements per post.
    pub engagements: Option<f64>,
    /// Low end.
    pub engagements_low: Option<f64>,
    /// High end.
    pub engagements_high: Option<f64>,
    /// Suspicious share used: `measured` or `assumed`.
    pub share_from: String,
    /// Cost per authentic engagement.
    pub cpe: Option<f64>,
    /// Low end.
    pub cpe_low: Option<f64>,
    /// High end (none when unbounded).
    pub cpe_high: Option<f64>,
    /// Why a figure of the estimate is missing, in words.
    pub missing: Vec<String>,
}

impl CostEstimateView {
    pub(crate) fn of(e: &Estimate, currency: &str) -> Self {
        Self {
            currency: currency.to_string(),
            format: e.format.map(|f| f.key().to_string()),
            fee_source: e.fee.map(|f| f.source.key().to_string()),
            cost_per_post: e.fee.map(|f| f.per_post),
            fee_low: e.fee.map(|f| f.range.low),
            fee_high: e.fee.map(|f| f.range.high),
            engagements: e.engagements.map(|s| s.point),
            engagements_low: e.engagements.map(|s| s.low),
            engagements_high: e.engagements.map(|s| s.high),
            share_from: match e.share_from {
                core_plan::estimate::ShareFrom::Measured => "measured",
                core_plan::estimate::ShareFrom::Assumed => "assumed",
            }
            .to_string(),
            cpe: e.cpe.map(|c| c.point),
            cpe_low: e.cpe.map(|c| c.low),
            cpe_high: e.cpe.and_then(|c| c.high),
            missing: e.missing.clone(),
        }
    }
}

/// Per-tier totals.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(Type))]
pub struct PlanTierView {
    /// Tier key (`unknown` without a follower count).
    pub tier: String,
    /// Creators.
    pub creators: f64,
    /// Posts.
    pub posts: f64,
    /// Cost.
    pub cost: f64,
    /// Value.
    pub value: f64,
    /// Low end.
    pub value_low: f64,
    /// High end.
    pub value_high: f64,
}

/// A constraint that holds the plan back.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(Type))]
pub struct BindingView {
    /// `budget`, `max_posts`, `max_creators`, `min_share.<tier>`, `max_share.<tier>`.
    pub constraint: String,
    /// In words.
    pub detail: String,
    /// Value relaxing it would add.
    pub gain: f64,
}

/// A plan's totals, for the comparison.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(Type))]
pub struct PlanSummaryView {
    /// Name shown.
    pub name: String,
    /// `optimised`, `all_mega`, `all_micro` or `saved`.
    pub kind: String,
    /// Objective key.
    pub objective: String,
    /// Budget.
    pub budget: f64,
    /// Cost.
    pub total_cost: f64,
    /// Value.
    pub total_value: f64,
    /// Low end.
    pub total_value_low: f64,
    /// High end.
    pub total_value_high: f64,
    /// Creators.
    pub creators: f64,
    /// Posts.
    pub posts: f64,
    /// Why the plan is empty or impossible, if it is.
    pub note: Option<String>,
    /// For saved plans: `draft`, `running` or `done`.
    pub status: Option<String>,
}

/// One assumption behind the plan, with its source.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(Type))]
pub struct AssumptionView {
    /// What is assumed.
    pub what: String,
    /// The value, in words.
    pub value: String,
    /// Where it comes from.
    pub source: String,
}

/// A solved plan with everything the shells show.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(Type))]
pub struct PlanView {
    /// Shortlist name.
    pub shortlist: String,
    /// Saved name, when saved.
    pub name: Option<String>,
    /// Objective key.
    pub objective: String,
    /// What one unit of value is (`authentic engagements`).
    pub unit: String,
    /// Brief used for Fit.
    pub brief: Option<String>,
    /// Currency of every amount.
    pub currency: String,
    /// Budget.
    pub budget: f64,
    /// The creators bought, most valuable first.
    pub chosen: Vec<PlanPickView>,
    /// Every shortlisted creator.
    pub candidates: Vec<PlanCandidateView>,
    /// Cost.
    pub total_cost: f64,
    /// Value.
    pub total_value: f64,
    /// Low end of the value.
    pub total_value_low: f64,
    /// High end of the value.
    pub total_value_high: f64,
    /// Per tier.
    pub tiers: Vec<PlanTierView>,
    /// Constraints that bind.
    pub binding_constraints: Vec<BindingView>,
    /// Value of the next 1,000 of budget.
    pub marginal_value_per_1000: f64,
    /// Proven optimal (see the notes otherwise).
    pub optimal: bool,
    /// Remarks.
    pub notes: Vec<String>,
    /// This plan, the all-mega and all-micro plans, and saved plans.
    pub comparison: Vec<PlanSummaryView>,
    /// Assumptions and their sources.
    pub assumptions: Vec<AssumptionView>,
    /// Rate card version.
    pub rate_card_version: String,
    /// Reach table version.
    pub reach_version: String,
}

fn read_optional(path: &Path) -> Result<Option<String>> {
    match std::fs::read_to_string(path) {
        Ok(t) => Ok(Some(t)),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(Error::io("cannot read", path, e)),
    }
}

fn parse_tier(s: &str) -> Result<Tier> {
    let k = s.trim().to_ascii_lowercase();
    Tier::ALL.into_iter().find(|t| t.key() == k).ok_or_else(|| {
        Error::Invalid(format!(
            "unknown tier '{s}': use nano, micro, mid, macro or mega"
        ))
    })
}

fn count(v: Option<f64>, what: &str) -> Result<Option<u32>> {
    v.map(|x| {
        if x.is_finite() && x >= 0.0 && x.fract() == 0.0 && x <= f64::from(u32::MAX) {
            Ok(x as u32)
        } else {
            Err(Error::Invalid(format!(
                "{what} {x} must be a whole number of at least 0"
            )))
        }
    })
    .transpose()
}

fn plan_error(e: &PlanError) -> Error {
    Error::Invalid(e.to_string())
}

/// A creator's candidate data before the objective is applied.
struct Row {
    id: AccountId,
    platform: scout_core::Platform,
    followers: Option<u64>,
    estimate: Estimate,
    candidate: Candidate,
}

impl Workspace {
    /// The rate card and reach table in force (edited copies in the data folder win).
    pub fn plan_tables(&self) -> Result<(RateCard, ReachTable)> {
        let dir = self.data_dir();
        let card_path = dir.join(RATE_CARD_FILE);
        let reach_path = dir.join(REACH_FILE);
        let card = match read_optional(&card_path)? {
            Some(t) => RateCard::from_toml(&t).map_err(|e| {
                Error::Invalid(format!(
                    "{}: {e} (delete the file to use the shipped table)",
                    card_path.display()
                ))
            })?,
            None => RateCard::default(),
        };
        let reach = match read_optional(&reach_path)? {
            Some(t) => ReachTable::from_toml(&t).map_err(|e| {
                Error::Invalid(format!(
                    "{}: {e} (delete the file to use the shipped table)",
                    reach_path.display()
                ))
            })?,
            None => ReachTable::default(),
        };
        Ok((card, reach))
    }

    /// Set a creator's quoted fee per post (replaces the rate card's estimate); `None` clears it.
    pub fn set_quoted_fee(
        &self,
        creator_id: i64,
        fee: Option<f64>,
        format: Option<&str>,
    ) -> Result<()> {
        let account = self.account(creator_id)?;
        if let Some(f) = format {
            f.parse::<Format>().map_err(Error::Invalid)?;
        }
        let mut store = self.store();
        match fee {
            Some(fee) => store.set_quoted_fee(account.id, fee, format, None)?,
            None => store.clear_quoted_fee(account.id)?,
        }
        Ok(())
    }

    /// One creator's estimate for one post (fee, authentic engagements, cost per
    /// engagement, …) by `scout_core::plan::estimate`, from its latest snapshot's analysis,
    /// its audience sample's suspicious share and its quoted fee: the one place these facts
    /// are put together (the planner and the Compare page both use it).
    pub(crate) fn estimate_of(
        &self,
        account: &scout_store::AccountRow,
        quoted: Option<&scout_store::QuotedFee>,
        brief: Option<&crate::briefs::LoadedBrief>,
        card: &RateCard,
        reach: &ReachTable,
    ) -> Result<(std::sync::Arc<crate::analysis::Analysis>, Estimate)> {
        let a = self.analysis_of(account)?;
        let probs: Vec<(String, f64)> = a
            .bot_scores
            .iter()
            .map(|s| (s.account_id.clone(), s.probability))
            .collect();
        let share = suspicious_share(&probs, &DEFAULT_CUTOFFS).filter(|s| s.n >= MIN_ACCOUNTS);
        let fit = brief.and_then(|b| b.score(&a.snapshot));
        let facts = CreatorFacts {
            metrics: &a.metrics,
            benchmarks: self.benchmarks(),
            share: share.as_ref(),
            quoted_fee: quoted.map(|q| q.fee),
            format: quoted
                .and_then(|q| q.format.as_deref())
                .and_then(|f| f.parse().ok()),
            fit,
        };
        let estimate = core_plan::estimate(&facts, card, reach);
        Ok((a, estimate))
    }

    fn plan_rows(
        &self,
        req: &PlanRequest,
        objective: Objective,
    ) -> Result<(Vec<Row>, RateCard, ReachTable)> {
        let (card, reach) = self.plan_tables()?;
        let brief = req
            .brief
            .as_deref()
            .filter(|b| !b.trim().is_empty())
            .map(|b| self.load_brief(b))
            .transpose()?;
        if objective == Objective::Conversion && brief.is_none() {
            return Err(Error::Invalid(
                "the conversion objective weighs engagements by Brand Fit: choose a brief".into(),
            ));
        }
        let sl = self
            .store()
            .shortlist_by_name(&req.shortlist)?
            .ok_or_else(|| Error::NotFound(format!("no shortlist named '{}'", req.shortlist)))?;
        let entries = self.store().shortlist_entries(sl.id)?;
        let ids: Vec<AccountId> = entries.iter().map(|e| e.account.id).collect();
        let fees = self.store().quoted_fees(&ids)?;
        let mut rows = Vec::with_capacity(entries.len());
        for e in entries.iter().filter(|e| e.account.latest.is_some()) {
            let (a, estimate) = self.estimate_of(
                &e.account,
                fees.get(&e.account.id),
                brief.as_ref(),
                &card,
                &reach,
            )?;
            let value = core_plan::value_per_post(&estimate, objective);
            let candidate = Candidate {
                id: e.account.id.get().to_string(),
                handle: e.account.handle.clone(),
                tier: a.metrics.tier,
                cost_per_post: estimate.fee.map(|f| f.per_post),
                value_per_post: value.as_ref().ok().copied(),
                value_missing: value.err(),
                cost_missing: estimate.missing.iter().find(|m| m.contains("fee")).cloned(),
                risk: a.findings.iter().any(|f| f.verdict == Verdict::Risk),
            };
            rows.push(Row {
                id: e.account.id,
                platform: e.account.platform,
                followers: a.metrics.followers,
                estimate,
                candidate,
            });
        }
        Ok((rows, card, reach))
    }

    /// Solve a plan for a shortlist, with the comparison plans and the saved ones.
    pub fn plan(&self, req: &PlanRequest) -> Result<PlanView> {
        let objective: Objective = req.objective.parse().map_err(Error::Invalid)?;
        let (rows, card, reach) = self.plan_rows(req, objective)?;
        let constraints = constraints_of(req)?;
        let candidates: Vec<Candidate> = rows.iter().map(|r| r.candidate.clone()).collect();
        let result =
            core_plan::solve(objective, &candidates, &constraints).map_err(|e| plan_error(&e))?;
        let mut comparison = vec![summary("Optimised hybrid", "optimised", &result, None)];
        for (name, kind, tier) in [
            ("All mega", "all_mega", Tier::Mega),
            ("All micro", "all_micro", Tier::Micro),
        ] {
            let mut c = Constraints::with_budget(constraints.budget);
            c.max_posts = constraints.max_posts;
            c.max_creators = constraints.max_creators;
            c.include_risk = constraints.include_risk;
            c.exclude.clone_from(&constraints.exclude);
            c.only_tiers = Some(vec![tier]);
            comparison.push(match core_plan::solve(objective, &candidates, &c) {
                Ok(r) => {
                    let note = r.notes.first().cloned().or_else(|| {
                        r.chosen
                            .is_empty()
                            .then(|| format!("no plannable {tier} creator on the shortlist"))
                    });
                    summary(name, kind, &r, note)
                }
                Err(e) => PlanSummaryView {
                    name: name.into(),
                    kind: kind.into(),
                    objective: objective.key().into(),
                    budget: constraints.budget,
                    total_cost: 0.0,
                    total_value: 0.0,
                    total_value_low: 0.0,
                    total_value_high: 0.0,
                    creators: 0.0,
                    posts: 0.0,
                    note: Some(e.to_string()),
                    status: None,
                },
            });
        }
        comparison.extend(self.saved_summaries(&req.shortlist)?);
        Ok(self.view(req, objective, &rows, &result, comparison, &card, &reach))
    }

    fn saved_summaries(&self, shortlist: &str) -> Result<Vec<PlanSummaryView>> {
        let Some(sl) = self.store().shortlist_by_name(shortlist)? else {
            return Ok(Vec::new());
        };
        let plans = self.store().plans(sl.id)?;
        Ok(plans
            .into_iter()
            .filter_map(|p| {
                let v: PlanView = serde_json::from_value(p.result).ok()?;
                Some(PlanSummaryView {
                    name: p.name,
                    kind: "saved".into(),
                    objective: v.objective,
                    budget: v.budget,
                    total_cost: v.total_cost,
                    total_value: v.total_value,
                    total_value_low: v.total_value_low,
                    total_value_high: v.total_value_high,
                    creators: v.chosen.len() as f64,
                    posts: v.chosen.iter().map(|c| c.posts).sum(),
                    note: None,
                    status: Some(p.status),
                })
            })
            .collect())
    }

    /// Solve and save a plan under `name` (a draft of the same name is replaced).
    #[allow(clippy::float_cmp)] // ids travel as f64 and compare exactly
    pub fn save_plan(&self, name: &str, req: &PlanRequest) -> Result<PlanView> {
        let mut view = self.plan(req)?;
        view.name = Some(name.trim().to_string());
        let sl = self
            .store()
            .shortlist_by_name(&req.shortlist)?
            .ok_or_else(|| Error::NotFound(format!("no shortlist named '{}'", req.shortlist)))?;
        let items: Vec<PlanItemRow> = view
            .chosen
            .iter()
            .map(|p| {
                let c = view
                    .candidates
                    .iter()
                    .find(|c| c.creator_id == p.creator_id);
                PlanItemRow {
                    account: AccountId(p.creator_id as i64),
                    posts: p.posts as u32,
                    cost: p.cost,
                    fee_source: p.fee_source.clone(),
                    value: p.value,
                    engagements: c.and_then(|c| c.engagements),
                    reach: c.and_then(|c| c.reach),
                }
            })
            .collect();
        let request = serde_json::to_value(req).map_err(|e| Error::Invalid(e.to_string()))?;
        let result = serde_json::to_value(&view).map_err(|e| Error::Invalid(e.to_string()))?;
        self.store().save_plan(&NewPlan {
            shortlist: sl.id,
            name,
            objective: &view.objective,
            budget: view.budget,
            request: &request,
            result: &result,
            items: &items,
        })?;
        Ok(view)
    }

    /// A saved plan as it was decided.
    pub fn saved_plan(&self, shortlist: &str, name: &str) -> Result<PlanView> {
        let sl = self
            .store()
            .shortlist_by_name(shortlist)?
            .ok_or_else(|| Error::NotFound(format!("no shortlist named '{shortlist}'")))?;
        let row = self.store().plan_by_name(sl.id, name)?.ok_or_else(|| {
            Error::NotFound(format!("no plan named '{name}' for shortlist '{shortlist}': save one with `scout plan … --save {name}`"))
        })?;
        serde_json::from_value(row.result)
            .map_err(|e| Error::Invalid(format!("saved plan '{name}' cannot be read: {e}")))
    }

    /// The saved plans of a shortlist.
    pub fn saved_plans(&self, shortlist: &str) -> Result<Vec<PlanSummaryView>> {
        self.saved_summaries(shortlist)
    }

    #[allow(clippy::too_many_arguments)]
    fn view(
        &self,
        req: &PlanRequest,
        objective: Objective,
        rows: &[Row],
        r: &PlanResult,
        comparison: Vec<PlanSummaryView>,
        card: &RateCard,
        reach: &ReachTable,
    ) -> PlanView {
        let by_id: BTreeMap<&str, &Row> =
            rows.iter().map(|x| (x.candidate.id.as_str(), x)).collect();
        let chosen = r
            .chosen
            .iter()
            .map(|p| {
                let row = by_id.get(p.id.as_str());
                PlanPickView {
                    creator_id: row.map_or(0.0, |x| x.id.get() as f64),
                    handle: p.handle.clone(),
                    platform: row
                        .map(|x| x.platform.key().to_string())
                        .unwrap_or_default(),
                    tier: p.tier.map(|t| t.key().to_string()),
                    posts: f64::from(p.posts),
                    cost: p.cost,
                    fee_source: row
                        .and_then(|x| x.estimate.fee)
                        .map_or("estimated", |f| f.source.key())
                        .to_string(),
                    value: p.value.point,
                    value_low: p.value.low,
                    value_high: p.value.high,
                }
            })
            .collect();
        let candidates = r
            .candidates
            .iter()
            .filter_map(|c| {
                let x = by_id.get(c.id.as_str())?;
                let e = &x.estimate;
                Some(PlanCandidateView {
                    creator_id: x.id.get() as f64,
                    handle: c.handle.clone(),
                    platform: x.platform.key().to_string(),
                    tier: c.tier.map(|t| t.key().to_string()),
                    followers: x.followers.map(|f| f as f64),
                    format: e.format.map(|f| f.key().to_string()),
                    cost_per_post: c.cost_per_post,
                    fee_source: e.fee.map(|f| f.source.key().to_string()),
                    fee_low: e.fee.map(|f| f.range.low),
                    fee_high: e.fee.map(|f| f.range.high),
                    value_per_post: c.value_per_post,
                    reach: e.reach.map(|s| s.point),
                    reach_low: e.reach.map(|s| s.low),
                    reach_high: e.reach.map(|s| s.high),
                    reach_from: e.reach_from.map(|f| {
                        match f {
                            core_plan::estimate::ReachFrom::MedianViews => "median_views",
                            core_plan::estimate::ReachFrom::FollowerRate => "follower_rate",
                        }
                        .to_string()
                    }),
                    engagements: e.engagements.map(|s| s.point),
                    engagements_low: e.engagements.map(|s| s.low),
                    engagements_high: e.engagements.map(|s| s.high),
                    share_from: match e.share_from {
                        core_plan::estimate::ShareFrom::Measured => "measured",
                        core_plan::estimate::ShareFrom::Assumed => "assumed",
                    }
                    .to_string(),
                    share: e.share.point,
                    cpe: e.cpe.map(|c| c.point),
                    cpe_low: e.cpe.map(|c| c.low),
                    cpe_high: e.cpe.and_then(|c| c.high),
                    cpm: e.cpm.map(|c| c.point),
                    cpm_low: e.cpm.map(|c| c.low),
                    cpm_high: e.cpm.and_then(|c| c.high),
                    fit: e.fit,
                    max_posts: f64::from(c.max_posts),
                    excluded_reason: c.excluded_reason.clone(),
                })
            })
            .collect();
        PlanView {
            shortlist: req.shortlist.clone(),
            name: None,
            objective: objective.key().to_string(),
            unit: objective.unit().to_string(),
            brief: req.brief.clone().filter(|b| !b.trim().is_empty()),
            currency: card.currency.clone(),
            budget: r.budget,
            chosen,
            candidates,
            total_cost: r.total_cost,
            total_value: r.total_value.point,
            total_value_low: r.total_value.low,
            total_value_high: r.total_value.high,
            tiers: r
                .tiers
                .iter()
                .map(|t| PlanTierView {
                    tier: t
                        .tier
                        .map_or_else(|| "unknown".to_string(), |t| t.key().to_string()),
                    creators: f64::from(t.creators),
                    posts: f64::from(t.posts),
                    cost: t.cost,
                    value: t.value.point,
                    value_low: t.value.low,
                    value_high: t.value.high,
                })
                .collect(),
            binding_constraints: r
                .binding_constraints
                .iter()
                .map(|b| BindingView {
                    constraint: b.constraint.clone(),
                    detail: b.detail.clone(),
                    gain: b.gain,
                })
                .collect(),
            marginal_value_per_1000: r.marginal_value_per_1000,
            optimal: r.optimal,
            notes: r.notes.clone(),
            comparison,
            assumptions: assumptions(rows, card, reach, self.benchmarks().version.as_str()),
            rate_card_version: card.version.clone(),
            reach_version: reach.version.clone(),
        }
    }
}

fn constraints_of(req: &PlanRequest) -> Result<Constraints> {
    let mut c = Constraints::with_budget(req.budget);
    if let Some(n) = count(req.max_posts, "posts per creator")? {
        c.max_posts = n;
    }
    c.max_creators = count(req.max_creators, "number of creators")?;
    for (list, map) in [
        (&req.min_share, &mut c.min_share),
        (&req.max_share, &mut c.max_share),
    ] {
        for s in list {
            map.insert(parse_tier(&s.tier)?, s.share);
        }
    }
    c.include_risk = req.include_risk;
    c.pin.clone_from(&req.pin);
    c.exclude.clone_from(&req.exclude);
    Ok(c)
}

fn summary(name: &str, kind: &str, r: &PlanResult, note: Option<String>) -> PlanSummaryView {
    PlanSummaryView {
        name: name.into(),
        kind: kind.into(),
        objective: r.objective.key().into(),
        budget: r.budget,
        total_cost: r.total_cost,
        total_value: r.total_value.point,
        total_value_low: r.total_value.low,
        total_value_high: r.total_value.high,
        creators: r.chosen.len() as f64,
        posts: r.chosen.iter().map(|p| f64::from(p.posts)).sum(),
        note,
        status: None,
    }
}

/// The assumptions behind the estimates, one row per table entry used.
fn assumptions(
    rows: &[Row],
    card: &RateCard,
    reach: &ReachTable,
    benchmarks: &str,
) -> Vec<AssumptionView> {
    let mut out = Vec::new();
    let mut seen = std::collections::BTreeSet::new();
    for r in rows {
        let p = r.platform;
        if let Some(format) = r.estimate.format
            && r.estimate
                .fee
                .is_some_and(|f| f.source == core_plan::FeeSource::Estimated)
            && let (Some(rates), Some(tier)) = (card.rates(p, format), r.candidate.tier)
            && seen.insert(format!("fee/{p}/{}/{tier}", format.key()))
            && let Some(price) = rates.tiers.get(&tier)
        {
            let per = match rates.basis {
                core_plan::tables::PriceBasis::Followers => "followers",
                core_plan::tables::PriceBasis::Views => "median views",
            };
            out.push(AssumptionView {
                what: format!("Fee, {p} {} ({tier})", format.label()),
                value: format!(
                    "{} {:.2} per 1,000 {per} (range {:.2}–{:.2})",
                    card.currency, price.point, price.low, price.high
                ),
                source: match &rates.note {
                    Some(n) => format!("{} {n}", rates.source),
                    None => rates.source.clone(),
                },
            });
        }
        if let Some(pr) = reach.platform(p)
            && seen.insert(format!("reach/{p}"))
        {
            let value = if pr.prefer_views {
                "the creator's median views per video (table rate only without views)".to_string()
            } else {
                pr.bands
                    .iter()
                    .map(|b| format!("{:.1}% from {} followers", b.rate * 100.0, b.from))
                    .collect::<Vec<_>>()
                    .join("; ")
            };
            out.push(AssumptionView {
                what: format!("Reach per post, {p}"),
                value,
                source: pr.source.clone(),
            });
        }
    }
    if rows
        .iter()
        .any(|r| r.estimate.share_from == core_plan::estimate::ShareFrom::Assumed)
    {
        let a = &reach.audience;
        out.push(AssumptionView {
            what: "Suspicious share where the audience sample was not scored".into(),
            value: format!(
                "{:.0}% (range {:.0}–{:.0}%)",
                a.point * 100.0,
                a.low * 100.0,
                a.high * 100.0
            ),
            source: a.source.clone(),
        });
    }
    out.push(AssumptionView {
        what: "Authentic engagements per post".into(),
        value: "authentic engagement rate × the platform's declared basis (followers or median views); range from the lower and upper quartile of per-post rates and the suspicious-share range".into(),
        source: format!("Scout benchmarks {benchmarks} (declared engagement-rate formula per platform); Scout method"),
    });
    out.push(AssumptionView {
        what: "Repeated posts".into(),
        value:
            "each post by the same creator is counted in full (no overlap between its audiences)"
                .into(),
        source: "Scout method: a simplification; keep posts per creator low for awareness".into(),
    });
    out
}

#[cfg(test)]
#[allow(clippy::float_cmp)]
mod tests {
    use super::*;

    fn request(shortlist: &str, budget: f64, objective: &str) -> PlanRequest {
        PlanRequest {
            shortlist: shortlist.into(),
            budget,
            objective: objective.into(),
            brief: None,
            max_posts: None,
            min_share: Vec::new(),
            max_share: Vec::new(),
            max_creators: None,
            include_risk: false,
            pin: Vec::new(),
            exclude: Vec::new(),
        }
    }

    #[test]
    fn a_demo_shortlist_becomes_a_plan_with_comparisons_quotes_and_saved_plans() {
        let dir = tempfile::tempdir().unwrap();
        let ws = Workspace::open(Some(dir.path().to_path_buf())).unwrap();
        ws.load_demo().unwrap();
        let rows = ws
            .list_creators(&crate::views::CreatorQuery {
                limit: Some(100),
                ..crate::views::CreatorQuery::default()
            })
            .unwrap()
            .rows;
        ws.create_shortlist("Launch", None).unwrap();
        let ids: Vec<i64> = rows.iter().map(|r| r.id).collect();
        ws.add_to_shortlist("Launch", &ids).unwrap();

        let v = ws.plan(&request("Launch", 20_000.0, "engagement")).unwrap();
        assert!(!v.chosen.is_empty());
        assert!(v.total_cost <= 20_000.0 + 1e-6);
        assert_eq!(v.candidates.len(), rows.len());
        assert!(v.total_value_low <= v.total_value && v.total_value <= v.total_value_high);
        let kinds: Vec<&str> = v.comparison.iter().map(|c| c.kind.as_str()).collect();
        assert_eq!(&kinds[..3], ["optimised", "all_mega", "all_micro"]);
        assert!(v.assumptions.iter().any(
            |a| a.source.contains("Minter.io") || a.source.contains("Influencer Marketing Hub")
        ));
        // Every chosen creator's value is its per-post estimate × posts (one definition).
        for p in &v.chosen {
            let c = v
                .candidates
                .iter()
                .find(|c| c.creator_id == p.creator_id)
                .unwrap();
            assert!((c.value_per_post.unwrap() * p.posts - p.value).abs() < 1e-6);
            assert_eq!(
                c.engagements, c.value_per_post,
                "engagement objective values engagements"
            );
        }

        // A quoted fee replaces the estimate and is marked quoted.
        let first = &v.chosen[0];
        ws.set_quoted_fee(first.creator_id as i64, Some(1.0), None)
            .unwrap();
        let q = ws.plan(&request("Launch", 20_000.0, "engagement")).unwrap();
        let c = q
            .candidates
            .iter()
            .find(|c| c.creator_id == first.creator_id)
            .unwrap();
        assert_eq!(
            (c.cost_per_post, c.fee_source.as_deref()),
            (Some(1.0), Some("quoted"))
        );
        assert!(
            q.chosen
                .iter()
                .any(|p| p.creator_id == first.creator_id && p.fee_source == "quoted")
        );

        // Impossible tier shares name the constraint.
        let mut bad = request("Launch", 20_000.0, "awareness");
        bad.min_share = vec![
            TierShare {
                tier: "micro".into(),
                share: 0.7,
            },
            TierShare {
                tier: "mega".into(),
                share: 0.5,
            },
        ];
        let err = ws.plan(&bad).unwrap_err();
        assert!(err.to_string().contains("min_share"), "{err}");
        // Conversion needs a brief.
        let err = ws
            .plan(&request("Launch", 20_000.0, "conversion"))
            .unwrap_err();
        assert!(err.to_string().contains("brief"), "{err}");

        // Saved plans read back as decided and join the comparison.
        let saved = ws
            .save_plan("Hybrid A", &request("Launch", 20_000.0, "engagement"))
            .unwrap();
        let back = ws.saved_plan("Launch", "Hybrid A").unwrap();
        assert_eq!(back.total_cost, saved.total_cost);
        let again = ws.plan(&request("Launch", 10_000.0, "engagement")).unwrap();
        assert!(
            again
                .comparison
                .iter()
                .any(|c| c.kind == "saved" && c.name == "Hybrid A")
        );

        // An edited rate card in the data folder is used; a broken one is refused by name.
        let edited = SHIPPED_RATE_CARD_TOML.replace(
            "version = \"scout-rates-2026-12\"",
            "version = \"my-rates\"",
        );
        std::fs::write(dir.path().join(RATE_CARD_FILE), edited).unwrap();
        assert_eq!(
            ws.plan(&request("Launch", 5_000.0, "awareness"))
                .unwrap()
                .rate_card_version,
            "my-rates"
        );
        std::fs::write(dir.path().join(RATE_CARD_FILE), "version = 1").unwrap();
        let err = ws
            .plan(&request("Launch", 5_000.0, "awareness"))
            .unwrap_err();
        assert!(err.to_string().contains("rate_card.toml"), "{err}");
    }
}

/// One deliverable as the shells show it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(Type))]
pub struct DeliverableView {
    /// Post id.
    pub post_id: String,
    /// Post URL.
    pub url: Option<String>,
    /// Publication time (RFC 3339).
    pub date: String,
    /// Opening words.
    pub excerpt: String,
    /// Why it counts.
    pub found_by: Vec<String>,
    /// Views (reach proxy).
    pub views: Option<f64>,
    /// Engagements.
    pub engagements: Option<f64>,
    /// Authentic engagements.
    pub authentic_engagements: Option<f64>,
    /// Disclosed as the rules require.
    pub disclosed: bool,
    /// Rules broken.
    pub breaches: Vec<String>,
}

/// One creator's results against the plan.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(Type))]
pub struct CreatorResultView {
    /// Handle.
    pub handle: String,
    /// Posts planned.
    pub planned_posts: f64,
    /// Deliverables found.
    pub delivered_posts: f64,
    /// Cost planned.
    pub cost: f64,
    /// Views over deliverables.
    pub views: f64,
    /// Engagements over deliverables.
    pub engagements: f64,
    /// Authentic engagements (point, low, high).
    pub authentic_engagements: f64,
    /// Low end.
    pub authentic_low: f64,
    /// High end.
    pub authentic_high: f64,
    /// Realised cost per authentic engagement.
    pub realised_cpe: Option<f64>,
    /// Planned cost per authentic engagement.
    pub planned_cpe: Option<f64>,
    /// Share of deliverables properly disclosed.
    pub disclosed_share: Option<f64>,
    /// The deliverables.
    pub deliverables: Vec<DeliverableView>,
}

/// A campaign to start.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(Type))]
pub struct CampaignStart {
    /// Start (RFC 3339 or YYYY-MM-DD).
    pub starts: String,
    /// End (RFC 3339 or YYYY-MM-DD, inclusive day).
    pub ends: String,
    /// Brand names.
    pub names: Vec<String>,
    /// Brand handles.
    pub handles: Vec<String>,
    /// Campaign hashtags.
    pub hashtags: Vec<String>,
}

fn parse_when(s: &str, end_of_day: bool) -> Result<chrono::DateTime<chrono::Utc>> {
    if let Ok(t) = chrono::DateTime::parse_from_rfc3339(s.trim()) {
        return Ok(t.to_utc());
    }
    let d = chrono::NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d")
        .map_err(|_| Error::Invalid(format!("date '{s}': write it as YYYY-MM-DD")))?;
    let t = if end_of_day {
        d.and_hms_opt(23, 59, 59)
    } else {
        d.and_hms_opt(0, 0, 0)
    }
    .expect("valid time of day");
    Ok(t.and_utc())
}

impl Workspace {
    fn plan_row(&self, shortlist: &str, name: &str) -> Result<scout_store::PlanRow> {
        let sl = self
            .store()
            .shortlist_by_name(shortlist)?
            .ok_or_else(|| Error::NotFound(format!("no shortlist named '{shortlist}'")))?;
        self.store().plan_by_name(sl.id, name)?.ok_or_else(|| {
            Error::NotFound(format!(
                "no plan named '{name}' for shortlist '{shortlist}'"
            ))
        })
    }

    /// Mark a saved plan running between two dates, with what identifies its posts.
    pub fn start_campaign(&self, shortlist: &str, plan: &str, c: &CampaignStart) -> Result<()> {
        let row = self.plan_row(shortlist, plan)?;
        let starts = parse_when(&c.starts, false)?;
        let ends = parse_when(&c.ends, true)?;
        if c.names.is_empty() && c.handles.is_empty() && c.hashtags.is_empty() {
            return Err(Error::Invalid(
                "name the brand (a name, handle or hashtag) so its posts can be found".into(),
            ));
        }
        let json = serde_json::to_value(c).map_err(|e| Error::Invalid(e.to_string()))?;
        Ok(self.store().start_campaign(row.id, starts, ends, &json)?)
    }

    /// Link a creator's post (id or URL) to a running plan as a deliverable.
    pub fn link_campaign_post(
        &self,
        shortlist: &str,
        plan: &str,
        creator: &str,
        post: &str,
    ) -> Result<()> {
        let row = self.plan_row(shortlist, plan)?;
        let account = self.find_account(creator)?;
        Ok(self.store().link_plan_post(row.id, account.id, post)?)
    }

    /// What a running plan delivered, per creator, from each creator's latest snapshot
    /// (refresh the shortlist first to see new posts).
    pub fn campaign_results(&self, shortlist: &str, plan: &str) -> Result<Vec<CreatorResultView>> {
        let row = self.plan_row(shortlist, plan)?;
        let (Some(starts_at), Some(ends_at), Some(campaign)) =
            (row.starts_at, row.ends_at, row.campaign.clone())
        else {
            return Err(Error::Invalid(format!(
                "plan '{plan}' is not running: start it with `scout campaign start`"
            )));
        };
        let c: CampaignStart =
            serde_json::from_value(campaign).map_err(|e| Error::Invalid(e.to_string()))?;
        let (items, links) = {
            let store = self.store();
            (store.plan_items(row.id)?, store.plan_links(row.id)?)
        };
        let saved: Option<PlanView> = serde_json::from_value(row.result).ok();
        let brief = saved
            .as_ref()
            .and_then(|v| v.brief.clone())
            .and_then(|b| self.load_brief(&b).ok());
        let rules = &crate::briefs::brand_data()?.disclosure;
        let mut out = Vec::new();
        for it in items {
            let account = self.account(it.account.get())?;
            let a = self.analysis_of(&account)?;
            let cand = saved.as_ref().and_then(|v| {
                v.candidates
                    .iter()
                    .find(|x| x.creator_id as i64 == it.account.get())
            });
            let share = cand.map_or(core_plan::Span::exact(0.0), |_| {
                let e = &self.plan_share(&a);
                *e
            });
            let spec = core_plan::campaign::CampaignSpec {
                starts_at,
                ends_at,
                names: c.names.clone(),
                handles: c.handles.clone(),
                hashtags: c.hashtags.clone(),
                linked: links
                    .iter()
                    .filter(|(acc, _)| *acc == it.account)
                    .map(|(_, p)| p.clone())
                    .collect(),
                jurisdictions: brief
                    .as_ref()
                    .map(|b| b.brief.jurisdictions.clone())
                    .unwrap_or_default(),
            };
            let r = core_plan::campaign::creator_results(&a.snapshot, &spec, rules, share, it.cost);
            out.push(CreatorResultView {
                handle: account.handle.clone(),
                planned_posts: f64::from(it.posts),
                delivered_posts: r.deliverables.len() as f64,
                cost: it.cost,
                views: r.views as f64,
                engagements: r.engagements as f64,
                authentic_engagements: r.authentic_engagements.point,
                authentic_low: r.authentic_engagements.low,
                authentic_high: r.authentic_engagements.high,
                realised_cpe: r.realised_cpe.map(|c| c.point),
                planned_cpe: it
                    .engagements
                    .filter(|e| *e > 0.0)
                    .map(|e| it.cost / (e * f64::from(it.posts))),
                disclosed_share: r.disclosed_share,
                deliverables: r
                    .deliverables
                    .into_iter()
                    .map(|d| DeliverableView {
                        post_id: d.post_id,
                        url: d.url,
                        date: d.date.to_rfc3339(),
                        excerpt: d.excerpt,
                        found_by: d.found_by,
                        views: d.views.map(|v| v as f64),
                        engagements: d.engagements.map(|v| v as f64),
                        authentic_engagements: d.authentic_engagements.map(|s| s.point),
                        disclosed: d.disclosed,
                        breaches: d.breaches,
                    })
                    .collect(),
            });
        }
        Ok(out)
    }

    /// The suspicious share a plan uses for a creator (measured, else the reach table's assumption).
    fn plan_share(&self, a: &crate::analysis::Analysis) -> core_plan::Span {
        let probs: Vec<(String, f64)> = a
            .bot_scores
            .iter()
            .map(|s| (s.account_id.clone(), s.probability))
            .collect();
        if let Some(s) = suspicious_share(&probs, &DEFAULT_CUTOFFS).filter(|s| s.n >= MIN_ACCOUNTS)
        {
            core_plan::Span {
                low: s.low,
                point: s.point,
                high: s.high,
            }
        } else {
            let r = self
                .plan_tables()
                .map_or_else(|_| ReachTable::default().audience, |(_, r)| r.audience);
            core_plan::Span {
                low: r.low,
                point: r.point,
                high: r.high,
            }
        }
    }
}

#[cfg(test)]
#[allow(clippy::float_cmp)] // exact figures worked by hand
mod campaign_tests {
    use super::*;

    #[test]
    fn a_running_plan_finds_linked_deliverables_and_states_compliance() {
        let dir = tempfile::tempdir().unwrap();
        let ws = Workspace::open(Some(dir.path().to_path_buf())).unwrap();
        ws.load_demo().unwrap();
        let rows = ws
            .list_creators(&crate::views::CreatorQuery {
                limit: Some(100),
                ..crate::views::CreatorQuery::default()
            })
            .unwrap()
            .rows;
        ws.create_shortlist("Launch", None).unwrap();
        let ids: Vec<i64> = rows.iter().take(20).map(|r| r.id).collect();
        ws.add_to_shortlist("Launch", &ids).unwrap();
        let req = PlanRequest {
            shortlist: "Launch".into(),
            budget: 20_000.0,
            objective: "engagement".into(),
            brief: None,
            max_posts: None,
            min_share: Vec::new(),
            max_share: Vec::new(),
            max_creators: None,
            include_risk: false,
            pin: Vec::new(),
            exclude: Vec::new(),
        };
        let v = ws.save_plan("Spring", &req).unwrap();
        let err = ws.campaign_results("Launch", "Spring").unwrap_err();
        assert!(err.to_string().contains("not running"), "{err}");
        let start = CampaignStart {
            starts: "2000-01-01".into(),
            ends: "2000-01-02".into(),
            names: vec!["NoSuchBrandXyz".into()],
            handles: vec![],
            hashtags: vec![],
        };
        ws.start_campaign("Launch", "Spring", &start).unwrap();
        // Link one of the first pick's posts: it is a deliverable whatever its date.
        let pick = &v.chosen[0];
        let account = ws.account(pick.creator_id as i64).unwrap();
        let a = ws.analysis_of(&account).unwrap();
        let post = a
            .snapshot
            .posts
            .iter()
            .find(|p| p.kind == scout_core::PostKind::Original)
            .unwrap();
        ws.link_campaign_post("Launch", "Spring", &pick.handle, &post.id)
            .unwrap();
        let r = ws.campaign_results("Launch", "Spring").unwrap();
        assert_eq!(r.len(), v.chosen.len());
        let mine = r.iter().find(|x| x.handle == pick.handle).unwrap();
        assert_eq!(mine.delivered_posts, 1.0);
        assert_eq!(mine.deliverables[0].post_id, post.id);
        assert!(
            mine.deliverables[0]
                .found_by
                .contains(&"linked".to_string())
        );
        // Nobody else posted for a brand that does not exist in 2000.
        assert!(
            r.iter()
                .filter(|x| x.handle != pick.handle)
                .all(|x| x.delivered_posts == 0.0)
        );

        // The PDF's plan section carries the saved figures and the results.
        let rep = ws.plan_report("Launch", "Spring").unwrap();
        assert_eq!(rep.total_cost, v.total_cost);
        assert_eq!(rep.picks.len(), v.chosen.len());
        assert_eq!(rep.picks[0].handle, pick.handle);
        let running = rep.campaign.as_ref().expect("running");
        assert_eq!(running.terms, vec!["NoSuchBrandXyz".to_string()]);
        let mine = running
            .creators
            .iter()
            .find(|x| x.handle == pick.handle)
            .unwrap();
        assert_eq!(mine.deliverables[0].post_id, post.id);
        assert_eq!(mine.deliverables[0].date, post.created_at);
        let plain = dir.path().join("plain.pdf");
        let with = dir.path().join("with.pdf");
        let without_plan = ws
            .report_pdf_plan("Launch", None, &plain, None, None, None)
            .unwrap();
        let with_plan = ws
            .report_pdf_plan("Launch", None, &with, None, None, Some("Spring"))
            .unwrap();
        assert!(
            with_plan.count >= without_plan.count + 2,
            "{} vs {} pages",
            with_plan.count,
            without_plan.count
        );
        let err = ws
            .report_pdf_plan("Launch", None, &with, None, None, Some("Nope"))
            .unwrap_err();
        assert!(err.to_string().contains("no plan named 'Nope'"), "{err}");
    }
}

fn tier_of_key(k: Option<&str>) -> Option<Tier> {
    k.and_then(|k| Tier::ALL.into_iter().find(|t| t.key() == k))
}

impl Workspace {
    /// A saved plan as the PDF report's plan section (the figures saved with the plan, as it
    /// was decided), with the campaign's results when the plan runs.
    pub fn plan_report(
        &self,
        shortlist: &str,
        name: &str,
    ) -> Result<scout_report::plan::PlanReport> {
        use scout_report::plan as rp;
        let v = self.saved_plan(shortlist, name)?;
        let row = self.plan_row(shortlist, name)?;
        let campaign = match (row.starts_at, row.ends_at, row.campaign.clone()) {
            (Some(starts_at), Some(ends_at), Some(c)) => {
                let c: CampaignStart =
                    serde_json::from_value(c).map_err(|e| Error::Invalid(e.to_string()))?;
                let terms = c
                    .names
                    .iter()
                    .cloned()
                    .chain(
                        c.handles
                            .iter()
                            .map(|h| format!("@{}", h.trim_start_matches('@'))),
                    )
                    .chain(
                        c.hashtags
                            .iter()
                            .map(|h| format!("#{}", h.trim_start_matches('#'))),
                    )
                    .collect();
                let results = self.campaign_results(shortlist, name)?;
                Some(rp::CampaignReport {
                    starts_at,
                    ends_at,
                    terms,
                    creators: results
                        .into_iter()
                        .map(|r| rp::CampaignCreatorReport {
                            views: r
                                .deliverables
                                .iter()
                                .any(|d| d.views.is_some())
                                .then_some(r.views),
                            handle: r.handle,
                            planned_posts: r.planned_posts as u32,
                            cost: r.cost,
                            engagements: r.engagements,
                            authentic: [r.authentic_low, r.authentic_engagements, r.authentic_high],
                            realised_cpe: r.realised_cpe,
                            planned_cpe: r.planned_cpe,
                            deliverables: r
                                .deliverables
                                .into_iter()
                                .map(|d| rp::DeliverableReport {
                                    date: chrono::DateTime::parse_from_rfc3339(&d.date)
                                        .map_or(starts_at, |t| t.to_utc()),
                                    url: d.url,
                                    post_id: d.post_id,
                                    excerpt: d.excerpt,
                                    found_by: d.found_by,
                                    disclosed: d.disclosed,
                                    breaches: d.breaches,
                                })
                                .collect(),
                        })
                        .collect(),
                })
            }
            _ => None,
        };
        Ok(rp::PlanReport {
            name: v.name.clone().unwrap_or_else(|| name.to_string()),
            objective: v.objective.clone(),
            unit: v.unit.clone(),
            brief: v.brief.clone(),
            currency: v.currency.clone(),
            budget: v.budget,
            total_cost: v.total_cost,
            total_value: [v.total_value_low, v.total_value, v.total_value_high],
            optimal: v.optimal,
            picks: v
                .chosen
                .iter()
                .map(|p| {
                    Ok(rp::PlanPickReport {
                        handle: p.handle.clone(),
                        platform: p.platform.parse().map_err(|_| {
                            Error::Invalid(format!(
                                "saved plan '{name}' names an unknown platform '{}' for @{}",
                                p.platform, p.handle
                            ))
                        })?,
                        tier: tier_of_key(p.tier.as_deref()),
                        posts: p.posts as u32,
                        cost: p.cost,
                        quoted: p.fee_source == "quoted",
                        value: [p.value_low, p.value, p.value_high],
                    })
                })
                .collect::<Result<Vec<_>>>()?,
            tiers: v
                .tiers
                .iter()
                .map(|t| rp::PlanTierReport {
                    tier: tier_of_key(Some(&t.tier)),
                    creators: t.creators as u32,
                    posts: t.posts as u32,
                    cost: t.cost,
                    value: [t.value_low, t.value, t.value_high],
                })
                .collect(),
            comparison: v
                .comparison
                .iter()
                .map(|c| rp::PlanCompareReport {
                    name: c.name.clone(),
                    cost: c.total_cost,
                    value: [c.total_value_low, c.total_value, c.total_value_high],
                    creators: c.creators as u32,
                    posts: c.posts as u32,
                    note: c.note.clone(),
                })
                .collect(),
            binding: v
                .binding_constraints
                .iter()
                .map(|b| b.detail.clone())
                .collect(),
            marginal_value_per_1000: v.marginal_value_per_1000,
            notes: v.notes.clone(),
            assumptions: v
                .assumptions
                .iter()
                .map(|a| rp::PlanAssumption {
                    what: a.what.clone(),
                    value: a.value.clone(),
                    source: a.source.clone(),
                })
                .collect(),
            tables: format!(
                "Rate card {} · reach table {} (as saved with the plan)",
                v.rate_card_version, v.reach_version
            ),
            campaign,
        })
    }
}
