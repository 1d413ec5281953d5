//! The campaign-mix optimiser: which creators, how many posts each, within a budget.
//!
//! A mixed-integer program solved with `good_lp` over the pure-Rust `microlp` backend
//! (branch and bound; no C toolchain). Variables: posts per creator `x_i ∈ {0..cap_i}`
//! (integer) and, only when the number of creators is capped, `y_i ∈ {0,1}` with
//! `x_i ≤ cap_i · y_i`. Maximise `Σ value_i · x_i` subject to
//!
//! - budget: `Σ cost_i · x_i ≤ B`;
//! - tier shares: `Σ_{i ∈ t} cost_i · x_i ≥ min_t · B` and `≤ max_t · B` (shares of the budget);
//! - at most `N` creators: `Σ y_i ≤ N`;
//! - pinned creators post at least once; excluded creators (named, or with a risk verdict
//!   unless allowed) get no variable.
//!
//! Values are the estimates of [`super::estimate`] for the objective (reach, authentic
//! engagements, or authentic engagements × Brand Fit / 100), counted in full for every post
//! (no overlap between a creator's repeated posts). The problem is scaled (costs by the
//! budget, values by the largest value) before it reaches the solver, and every solution is
//! checked against the constraints in exact arithmetic before it is returned.
//!
//! Known limits of microlp (0.6): branch and bound without cuts, so a creator cap over a
//! large shortlist took 13 s at 200 creators when handed over whole. Such models are first
//! reduced exactly ([`Model::solve_reduced`]): the dual of the linear relaxation gives a
//! bound and a reduced value per creator; a plan over the most promising creators gives an
//! incumbent; every creator whose bound with one post falls below the incumbent cannot be
//! in a better plan and is dropped; the survivors are searched briefly from the incumbent.
//! The plan is reported with the gap the bound proves (typically 0.3% at 200 creators;
//! 0 when the search proves the optimum). Otherwise a time limit
//! ([`TIME_LIMIT_SECONDS`]) stops the search with the best plan found, reported as not
//! proven optimal.
//!
//! After solving, [`solve`] reports which constraints bind (relaxing them would raise the
//! plan's value, each tested by solving again) and the marginal value of the next 1,000 of
//! budget.

use std::collections::BTreeMap;

use good_lp::{
    Expression, ProblemVariables, ResolutionError, Solution, SolverModel, Variable,
    WithInitialSolution, WithMipGap, WithTimeLimit, microlp, variable,
};
use serde::{Deserialize, Serialize};

use super::estimate::Span;
use crate::Tier;
use crate::checks::plain::{Noun, counted_figure};

const POST: Noun = Noun::new("post", "posts");
const CREATOR: Noun = Noun::new("creator", "creators");

/// Wall-clock budget of one solve, seconds.
pub const TIME_LIMIT_SECONDS: f64 = 10.0;
/// Budget step of the marginal value.
pub const MARGINAL_STEP: f64 = 1000.0;
/// Relative optimality gap accepted when the number of creators is capped on a shortlist of
/// more than [`EXACT_UP_TO`] plannable creators (branch and bound on the creator binaries
/// otherwise takes tens of seconds at 200 creators); smaller problems are solved exactly.
pub const CAPPED_MIP_GAP: f32 = 0.002;
/// Time the search over the survivors of the exact reduction may take, seconds (its plan is
/// reported with the gap the bound proves).
pub const REDUCED_TIME_LIMIT_SECONDS: f64 = 0.06;
/// Relative gap at which the searches of the exact reduction stop.
pub const REDUCED_MIP_GAP: f32 = 0.002;
/// Plannable creators up to which every problem is solved to proven optimality.
pub const EXACT_UP_TO: usize = 30;
/// Default posts per creator.
pub const DEFAULT_MAX_POSTS: u32 = 1;

/// What a plan maximises.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Objective {
    /// People reached.
    Awareness,
    /// Authentic engagements.
    Engagement,
    /// Authentic engagements weighted by Brand Fit for a brief.
    Conversion,
}

impl Objective {
    /// Every objective.
    pub const ALL: [Objective; 3] = [
        Objective::Awareness,
        Objective::Engagement,
        Objective::Conversion,
    ];

    /// Lowercase key.
    pub fn key(self) -> &'static str {
        match self {
            Objective::Awareness => "awareness",
            Objective::Engagement => "engagement",
            Objective::Conversion => "conversion",
        }
    }

    /// What one unit of value is, for people.
    pub fn unit(self) -> &'static str {
        match self {
            Objective::Awareness => "people reached",
            Objective::Engagement => "authentic engagements",
            Objective::Conversion => "Fit-weighted authentic engagements",
        }
    }
}

impl std::str::FromStr for Objective {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        Objective::ALL
            .into_iter()
            .find(|o| o.key().eq_ignore_ascii_case(s.trim()))
            .ok_or_else(|| {
                format!("unknown objective '{s}': use awareness, engagement or conversion")
            })
    }
}

/// One creator the optimiser may pick.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Candidate {
    /// Stable id (the caller's account id).
    pub id: String,
    /// Handle shown to people.
    pub handle: String,
    /// Tier, when the follower count is known.
    pub tier: Option<Tier>,
    /// Cost per post, when quoted or on the rate card.
    pub cost_per_post: Option<f64>,
    /// Value per post for the objective, when it can be estimated.
    pub value_per_post: Option<Span>,
    /// Why the value is unknown (from the estimate).
    pub value_missing: Option<String>,
    /// Why the cost is unknown (from the estimate).
    pub cost_missing: Option<String>,
    /// A finding of this creator has a risk verdict.
    pub risk: bool,
}

/// The constraints of one plan.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Constraints {
    /// Budget, in the rate card's currency.
    pub budget: f64,
    /// Posts per creator at most.
    pub max_posts: u32,
    /// Minimum share of the budget per tier (0..=1).
    #[serde(default)]
    pub min_share: BTreeMap<Tier, f64>,
    /// Maximum share of the budget per tier (0..=1).
    #[serde(default)]
    pub max_share: BTreeMap<Tier, f64>,
    /// At most this many creators.
    #[serde(default)]
    pub max_creators: Option<u32>,
    /// Allow creators with a risk verdict.
    #[serde(default)]
    pub include_risk: bool,
    /// Creators that must post at least once (handles or ids).
    #[serde(default)]
    pub pin: Vec<String>,
    /// Creators left out (handles or ids).
    #[serde(default)]
    pub exclude: Vec<String>,
    /// Only these tiers (the single-tier comparison plans); all when `None`.
    #[serde(default)]
    pub only_tiers: Option<Vec<Tier>>,
}

impl Constraints {
    /// A budget with every other constraint at its default.
    pub fn with_budget(budget: f64) -> Self {
        Self {
            budget,
            max_posts: DEFAULT_MAX_POSTS,
            min_share: BTreeMap::new(),
            max_share: BTreeMap::new(),
            max_creators: None,
            include_risk: false,
            pin: Vec::new(),
            exclude: Vec::new(),
            only_tiers: None,
        }
    }
}

/// One creator in the plan.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Pick {
    /// Candidate id.
    pub id: String,
    /// Handle.
    pub handle: String,
    /// Tier.
    pub tier: Option<Tier>,
    /// Posts bought.
    pub posts: u32,
    /// `posts × cost_per_post`.
    pub cost: f64,
    /// `posts × value_per_post`, with its range.
    pub value: Span,
}

/// How the optimiser treated one candidate.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CandidateOutcome {
    /// Candidate id.
    pub id: String,
    /// Handle.
    pub handle: String,
    /// Tier.
    pub tier: Option<Tier>,
    /// Cost per post.
    pub cost_per_post: Option<f64>,
    /// Value per post (point).
    pub value_per_post: Option<f64>,
    /// Posts it could get (0 when excluded).
    pub max_posts: u32,
    /// Why it was left out, if it was.
    pub excluded_reason: Option<String>,
}

/// A constraint that holds the plan back.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Binding {
    /// Stable key: `budget`, `max_posts`, `min_share.micro`, `max_share.mega`, `max_creators`.
    pub constraint: String,
    /// In words, with the value relaxing it would add.
    pub detail: String,
    /// Value the plan would gain if the constraint were relaxed (the next 1,000 of budget,
    /// one more post per creator, one more creator, or the share rule dropped).
    pub gain: f64,
}

/// Per-tier totals of a plan.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TierTotal {
    /// Tier (`None`: unknown).
    pub tier: Option<Tier>,
    /// Creators.
    pub creators: u32,
    /// Posts.
    pub posts: u32,
    /// Cost.
    pub cost: f64,
    /// Value, with range.
    pub value: Span,
}

/// The optimiser's answer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PlanResult {
    /// The objective.
    pub objective: Objective,
    /// The budget.
    pub budget: f64,
    /// The creators picked, most valuable first.
    pub chosen: Vec<Pick>,
    /// Every candidate and how it was treated.
    pub candidates: Vec<CandidateOutcome>,
    /// Sum of the picks' cost.
    pub total_cost: f64,
    /// Sum of the picks' value, with range.
    pub total_value: Span,
    /// Per tier.
    pub tiers: Vec<TierTotal>,
    /// Constraints that bind, with what relaxing them would add.
    pub binding_constraints: Vec<Binding>,
    /// Value of the next 1,000 of budget.
    pub marginal_value_per_1000: f64,
    /// Whether optimality was proven (within [`CAPPED_MIP_GAP`] for a capped creator count
    /// on a large shortlist; false when the time limit stopped the search).
    pub optimal: bool,
    /// Plain-language remarks (nothing affordable, everything affordable, …).
    pub notes: Vec<String>,
}

/// A plan that cannot be made.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum PlanError {
    /// An input is out of range.
    #[error("{0}")]
    Invalid(String),
    /// No plan satisfies the constraints; `constraint` names the one that cannot be met.
    #[error("no plan meets the constraint {constraint}: {message}")]
    Infeasible {
        /// Stable key of the constraint (`min_share.micro`, `pin`, `max_creators`, …).
        constraint: String,
        /// What cannot be met and what to change.
        message: String,
    },
    /// The solver failed.
    #[error("the optimiser failed: {0}")]
    Solver(String),
}

/// An item the solver sees.
#[derive(Debug, Clone)]
struct Item {
    idx: usize,
    cost: f64,
    value: f64,
    cap: u32,
    tier: Option<Tier>,
    pinned: bool,
}

/// The pure model the solver answers (also used by tests' exact solutions).
#[derive(Debug, Clone)]
pub(crate) struct Model {
    items: Vec<Item>,
    budget: f64,
    min_share: BTreeMap<Tier, f64>,
    max_share: BTreeMap<Tier, f64>,
    max_creators: Option<u32>,
    /// Items above which a capped model is first reduced exactly ([`Model::solve_reduced`]);
    /// [`EXACT_UP_TO`] in plans, lower in tests so that small models take that path too.
    reduce_above: usize,
}

/// A solution: posts per item.
#[derive(Debug, Clone)]
struct Solved {
    posts: Vec<u32>,
    value: f64,
    optimal: bool,
    /// Proven only within a gap of the best possible, not exactly.
    within_gap: bool,
    /// The relative gap proven (0 when exact).
    gap: f64,
}

fn same(name: &str, c: &Candidate) -> bool {
    let n = name.trim().trim_start_matches('@');
    n.eq_ignore_ascii_case(c.handle.trim_start_matches('@')) || n == c.id
}

fn money(x: f64) -> String {
    let r = x.round() as i64;
    let s = r.abs().to_string();
    let mut out = String::new();
    for (i, ch) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(ch);
    }
    if r < 0 { format!("-{out}") } else { out }
}

fn pct(x: f64) -> String {
    format!("{:.0}%", x * 100.0)
}

/// Validate the constraints' numbers.
fn validate(c: &Constraints, candidates: &[Candidate]) -> Result<(), PlanError> {
    if !(c.budget.is_finite() && c.budget >= 0.0) {
        return Err(PlanError::Invalid(format!(
            "budget {} must be a number of at least 0",
            c.budget
        )));
    }
    for (kind, map) in [("min_share", &c.min_share), ("max_share", &c.max_share)] {
        for (t, s) in map {
            if !(s.is_finite() && (0.0..=1.0).contains(s)) {
                return Err(PlanError::Invalid(format!(
                    "{kind} {t}={s} must be a share between 0 and 1 (0.3 means 30% of the budget)"
                )));
            }
        }
    }
    for (t, lo) in &c.min_share {
        if let Some(hi) = c.max_share.get(t)
            && lo > hi
        {
            return Err(PlanError::Invalid(format!(
                "min_share {t}={lo} is above max_share {t}={hi}"
            )));
        }
    }
    for name in c.pin.iter().chain(&c.exclude) {
        if !candidates.iter().any(|cand| same(name, cand)) {
            return Err(PlanError::Invalid(format!(
                "'{name}' is not on the shortlist: pin or exclude creators by their handle"
            )));
        }
    }
    if let Some(name) = c
        .pin
        .iter()
        .find(|p| c.exclude.iter().any(|e| e.eq_ignore_ascii_case(p)))
    {
        return Err(PlanError::Invalid(format!(
            "'{name}' is both pinned and excluded"
        )));
    }
    Ok(())
}

/// Solve a plan for `objective` over `candidates` under `constraints`.
pub fn solve(
    objective: Objective,
    candidates: &[Candidate],
    constraints: &Constraints,
) -> Result<PlanResult, PlanError> {
    validate(constraints, candidates)?;
    let mut outcomes = Vec::with_capacity(candidates.len());
    let mut items = Vec::new();
    for (idx, c) in candidates.iter().enumerate() {
        let pinned = constraints.pin.iter().any(|p| same(p, c));
        let reason = if constraints.exclude.iter().any(|e| same(e, c)) {
            Some("excluded by you".to_string())
        } else if c.risk && !constraints.include_risk && !pinned {
            Some("has a risk verdict (allow with include risk, or pin the creator)".to_string())
        } else if constraints
            .only_tiers
            .as_ref()
            .is_some_and(|ts| !c.tier.is_some_and(|t| ts.contains(&t)))
        {
            Some(match c.tier {
                Some(t) => format!("{t} tier, outside this plan's tiers"),
                None => "tier unknown (no follower count)".to_string(),
            })
        } else if c.cost_per_post.is_none_or(|x| !(x.is_finite() && x > 0.0)) {
            Some(format!(
                "no rate: {}",
                c.cost_missing
                    .as_deref()
                    .unwrap_or("no quoted fee and no rate-card price")
            ))
        } else if c
            .value_per_post
            .is_none_or(|v| !(v.point.is_finite() && v.point >= 0.0))
        {
            Some(format!(
                "no {} estimate: {}",
                objective.unit(),
                c.value_missing.as_deref().unwrap_or("not enough data")
            ))
        } else if constraints.max_posts == 0 {
            Some("posts per creator is 0".to_string())
        } else {
            None
        };
        if let Some(r) = &reason
            && pinned
        {
            return Err(PlanError::Infeasible {
                constraint: "pin".into(),
                message: format!("pinned creator {} cannot be planned: {r}", c.handle),
            });
        }
        let cap = if reason.is_some() {
            0
        } else {
            constraints.max_posts
        };
        outcomes.push(CandidateOutcome {
            id: c.id.clone(),
            handle: c.handle.clone(),
            tier: c.tier,
            cost_per_post: c.cost_per_post,
            value_per_post: c.value_per_post.map(|v| v.point),
            max_posts: cap,
            excluded_reason: reason,
        });
        if cap > 0 {
            items.push(Item {
                idx,
                cost: c.cost_per_post.unwrap_or_default(),
                value: c.value_per_post.map_or(0.0, |v| v.point),
                cap,
                tier: c.tier,
                pinned,
            });
        }
    }
    let model = Model {
        items,
        budget: constraints.budget,
        min_share: constraints.min_share.clone(),
        max_share: constraints.max_share.clone(),
        max_creators: constraints.max_creators,
        reduce_above: EXACT_UP_TO,
    };
    precheck(&model)?;
    let base = match model.solve() {
        Ok(s) => s,
        Err(PlanError::Infeasible { .. }) => return Err(diagnose(&model)),
        Err(e) => return Err(e),
    };

    // Marginal value of the next 1,000 and binding constraints, each by solving again.
    let mut binding = Vec::new();
    let mut more = model.clone();
    more.budget += MARGINAL_STEP;
    let marginal = more
        .solve_from(&base.posts)
        .map_or(0.0, |s| (s.value - base.value).max(0.0));
    let spent: f64 = model
        .items
        .iter()
        .zip(&base.posts)
        .map(|(it, &x)| it.cost * f64::from(x))
        .sum();
    let left = model.budget - spent;
    let cheapest_addable = model
        .items
        .iter()
        .zip(&base.posts)
        .filter(|(it, x)| **x < it.cap && it.value > 0.0)
        .map(|(it, _)| it.cost)
        .fold(f64::INFINITY, f64::min);
    if marginal > 1e-9 || cheapest_addable > left + 1e-9 && cheapest_addable.is_finite() {
        binding.push(Binding {
            constraint: "budget".into(),
            detail: format!(
                "the budget of {} is spent down to {} and no further post fits; the next 1,000 adds {:.0} {}",
                money(model.budget),
                money(left),
                marginal,
                objective.unit()
            ),
            gain: marginal,
        });
    }
    if model
        .items
        .iter()
        .zip(&base.posts)
        .any(|(it, &x)| x == it.cap)
    {
        let mut m = model.clone();
        for it in &mut m.items {
            it.cap += 1;
        }
        if let Ok(s) = m.solve_from(&base.posts)
            && s.value > base.value + 1e-9
        {
            let gain = s.value - base.value;
            binding.push(Binding {
                constraint: "max_posts".into(),
                detail: format!(
                    "{} per creator at most; one more each would add {gain:.0} {}",
                    counted_figure(constraints.max_posts as usize, POST),
                    objective.unit()
                ),
                gain,
            });
        }
    }
    if let Some(n) = model.max_creators {
        let mut m = model.clone();
        m.max_creators = Some(n + 1);
        if let Ok(s) = m.solve_from(&base.posts)
            && s.value > base.value + 1e-9
        {
            let gain = s.value - base.value;
            binding.push(Binding {
                constraint: "max_creators".into(),
                detail: format!(
                    "at most {}; one more would add {gain:.0} {}",
                    counted_figure(n as usize, CREATOR),
                    objective.unit()
                ),
                gain,
            });
        }
    }
    for (kind, map) in [
        ("min_share", &model.min_share),
        ("max_share", &model.max_share),
    ] {
        for (t, s) in map {
            let mut m = model.clone();
            if kind == "min_share" {
                m.min_share.remove(t);
            } else {
                m.max_share.remove(t);
            }
            if let Ok(r) = m.solve_from(&base.posts)
                && r.value > base.value + 1e-9
            {
                let gain = r.value - base.value;
                binding.push(Binding {
                    constraint: format!("{kind}.{t}"),
                    detail: format!(
                        "{} {} of the budget on {t} creators; without this rule the plan would add {gain:.0} {}",
                        if kind == "min_share" { "at least" } else { "at most" },
                        pct(*s),
                        objective.unit()
                    ),
                    gain,
                });
            }
        }
    }

    // Totals.
    let mut chosen: Vec<Pick> = model
        .items
        .iter()
        .zip(&base.posts)
        .filter(|(_, x)| **x > 0)
        .map(|(it, &x)| {
            let c = &candidates[it.idx];
            Pick {
                id: c.id.clone(),
                handle: c.handle.clone(),
                tier: c.tier,
                posts: x,
                cost: it.cost * f64::from(x),
                value: c
                    .value_per_post
                    .unwrap_or(Span::exact(0.0))
                    .scale(f64::from(x)),
            }
        })
        .collect();
    chosen.sort_by(|a, b| {
        b.value
            .point
            .total_cmp(&a.value.point)
            .then_with(|| a.handle.cmp(&b.handle))
    });
    let total_cost: f64 = chosen.iter().map(|p| p.cost).sum();
    let total_value = chosen
        .iter()
        .fold(Span::exact(0.0), |acc, p| acc.plus(p.value));
    let mut tiers: Vec<TierTotal> = Vec::new();
    for p in &chosen {
        if let Some(t) = tiers.iter_mut().find(|t| t.tier == p.tier) {
            t.creators += 1;
            t.posts += p.posts;
            t.cost += p.cost;
            t.value = t.value.plus(p.value);
        } else {
            tiers.push(TierTotal {
                tier: p.tier,
                creators: 1,
                posts: p.posts,
                cost: p.cost,
                value: p.value,
            });
        }
    }
    tiers.sort_by_key(|t| t.tier);
    let mut notes = Vec::new();
    let plannable = model.items.len();
    if plannable == 0 {
        notes
            .push("no creator on the shortlist can be planned (see each one's reason)".to_string());
    } else if chosen.is_empty() {
        let cheapest = model
            .items
            .iter()
            .map(|i| i.cost)
            .fold(f64::INFINITY, f64::min);
        notes.push(format!(
            "nothing is affordable: the cheapest post costs {}, over the budget of {}",
            money(cheapest),
            money(model.budget)
        ));
    } else if model
        .items
        .iter()
        .zip(&base.posts)
        .all(|(it, &x)| x == it.cap)
    {
        notes.push(format!(
            "everything is affordable: every plannable creator gets the maximum of {} and {} of the budget is left",
            counted_figure(constraints.max_posts as usize, POST),
            money(model.budget - total_cost)
        ));
    }
    if base.within_gap {
        notes.push(format!(
            "with a cap on the number of creators over {} plannable creators, the plan is proven within {:.2}% of the best possible (not searched to the exact optimum)",
            EXACT_UP_TO,
            base.gap * 100.0
        ));
    }
    if !base.optimal && !base.within_gap {
        notes.push(format!(
            "the search stopped after {TIME_LIMIT_SECONDS:.0} s with the best plan found; it is not proven optimal"
        ));
    }
    Ok(PlanResult {
        objective,
        budget: constraints.budget,
        chosen,
        candidates: outcomes,
        total_cost,
        total_value,
        tiers,
        binding_constraints: binding,
        marginal_value_per_1000: marginal,
        optimal: base.optimal,
        notes,
    })
}

/// Infeasibility that can be named without solving.
fn precheck(m: &Model) -> Result<(), PlanError> {
    let b = m.budget;
    let min_total: f64 = m.min_share.values().sum();
    if min_total > 1.0 + 1e-9 {
        return Err(PlanError::Infeasible {
            constraint: "min_share".into(),
            message: format!(
                "the minimum shares add up to {} of the budget; lower them to 100% or less",
                pct(min_total)
            ),
        });
    }
    let pinned: Vec<&Item> = m.items.iter().filter(|i| i.pinned).collect();
    let pinned_cost: f64 = pinned.iter().map(|i| i.cost).sum();
    if pinned_cost > b + 1e-9 {
        return Err(PlanError::Infeasible {
            constraint: "pin".into(),
            message: format!(
                "one post from each pinned creator costs {}, over the budget of {}; raise the budget or unpin a creator",
                money(pinned_cost),
                money(b)
            ),
        });
    }
    if let Some(n) = m.max_creators
        && pinned.len() > n as usize
    {
        return Err(PlanError::Infeasible {
            constraint: "max_creators".into(),
            message: format!(
                "{} creators are pinned but at most {n} may be chosen",
                pinned.len()
            ),
        });
    }
    for (t, s) in &m.min_share {
        let need = s * b;
        if need <= 0.0 {
            continue;
        }
        let cap: f64 = m
            .items
            .iter()
            .filter(|i| i.tier == Some(*t))
            .map(|i| i.cost * f64::from(i.cap))
            .sum();
        let n = m.items.iter().filter(|i| i.tier == Some(*t)).count();
        if cap + 1e-9 < need {
            return Err(PlanError::Infeasible {
                constraint: format!("min_share.{t}"),
                message: format!(
                    "at least {} of the budget ({}) must go to {t} creators, but the {n} plannable {t} {} can take at most {}; lower the share, allow more posts per creator, or add {t} creators",
                    pct(*s),
                    money(need),
                    CREATOR.of(n),
                    money(cap)
                ),
            });
        }
    }
    for (t, s) in &m.max_share {
        let pinned_t: f64 = pinned
            .iter()
            .filter(|i| i.tier == Some(*t))
            .map(|i| i.cost)
            .sum();
        if pinned_t > s * b + 1e-9 {
            return Err(PlanError::Infeasible {
                constraint: format!("max_share.{t}"),
                message: format!(
                    "at most {} of the budget ({}) may go to {t} creators, but the pinned {t} creators cost {}",
                    pct(*s),
                    money(s * b),
                    money(pinned_t)
                ),
            });
        }
    }
    Ok(())
}

/// Name the constraint behind an infeasible model: the first whose removal restores feasibility.
fn diagnose(m: &Model) -> PlanError {
    let mut candidates: Vec<(String, Model)> = Vec::new();
    for t in m.min_share.keys() {
        let mut x = m.clone();
        x.min_share.remove(t);
        candidates.push((format!("min_share.{t}"), x));
    }
    if m.max_creators.is_some() {
        let mut x = m.clone();
        x.max_creators = None;
        candidates.push(("max_creators".into(), x));
    }
    for t in m.max_share.keys() {
        let mut x = m.clone();
        x.max_share.remove(t);
        candidates.push((format!("max_share.{t}"), x));
    }
    for (name, x) in candidates {
        if x.solve().is_ok() {
            return PlanError::Infeasible {
                message: format!(
                    "with the other constraints as they are, no whole number of posts satisfies {name}; relax it (or the budget)"
                ),
                constraint: name,
            };
        }
    }
    PlanError::Infeasible {
        constraint: "combined".into(),
        message: "the budget, tier shares, creator cap and pins cannot all hold together; relax one of them".into(),
    }
}

impl Model {
    /// Solve with microlp; `Infeasible` when no plan exists.
    fn solve(&self) -> Result<Solved, PlanError> {
        let hint = self.greedy();
        self.solve_from(&hint)
    }

    /// A feasible-if-possible starting plan: best value per cost first, within the budget
    /// and the creator cap (pinned creators first). microlp ignores a hint that breaks a
    /// constraint, so tier shares are not considered here.
    fn greedy(&self) -> Vec<u32> {
        let mut order: Vec<usize> = (0..self.items.len()).collect();
        order.sort_by(|&a, &b| {
            let (ia, ib) = (&self.items[a], &self.items[b]);
            ib.pinned
                .cmp(&ia.pinned)
                .then((ib.value / ib.cost).total_cmp(&(ia.value / ia.cost)))
        });
        let mut posts = vec![0u32; self.items.len()];
        let mut left = self.budget;
        let mut creators = 0u32;
        for i in order {
            let it = &self.items[i];
            if self.max_creators.is_some_and(|n| creators >= n) {
                break;
            }
            let k = ((left / it.cost).floor().max(0.0) as u32).min(it.cap);
            if k > 0 {
                posts[i] = k;
                left -= it.cost * f64::from(k);
                creators += 1;
            }
        }
        posts
    }

    /// Solve starting from `hint` (posts per item), typically the answer of a tighter model.
    ///
    /// With a cap on the number of creators over more than [`EXACT_UP_TO`] items, the exact
    /// reduction of [`Model::solve_reduced`] runs first; only when it cannot settle the
    /// problem does branch and bound see every item (with [`CAPPED_MIP_GAP`]).
    fn solve_from(&self, hint: &[u32]) -> Result<Solved, PlanError> {
        if self.max_creators.is_some()
            && self.items.len() > self.reduce_above
            && let Some(s) = self.solve_reduced(hint)
        {
            return Ok(s);
        }
        self.solve_mip(hint)
    }

    /// The model restricted to the items at `keep` (positions), solved without reduction.
    fn restricted(&self, keep: &[usize]) -> Model {
        Model {
            items: keep.iter().map(|&k| self.items[k].clone()).collect(),
            budget: self.budget,
            min_share: self.min_share.clone(),
            max_share: self.max_share.clone(),
            max_creators: self.max_creators,
            reduce_above: usize::MAX,
        }
    }

    /// Lagrangian bound of the linear relaxation: multipliers `π ≥ 0` for the budget, the
    /// posts-per-creator form of the creator cap (`Σ x_i / cap_i ≤ N`, valid for every whole
    /// plan) and the tier-share rows, found by solving the relaxation's dual with microlp.
    /// Returns the bound `UB = π·b + Σ max(r_i·lo_i, r_i·cap_i)` and every item's reduced
    /// value `r_i = v_i − π·A_i`, in the scaled units (`costs / budget`, `values / vs`).
    ///
    /// For any `π ≥ 0` and any plan meeting the rows, `value ≤ UB`, and a plan that gives
    /// item `i` at least one post (when `r_i < 0` and `lo_i = 0`) has `value ≤ UB + r_i`:
    /// weak duality, whatever the solver's precision, because the bound is recomputed here
    /// from the multipliers it returned.
    fn lagrangian(&self, vs: f64) -> Option<(f64, Vec<f64>)> {
        let b = self.budget;
        if b <= 0.0 {
            return None;
        }
        // Rows as (coefficient per item, right-hand side), all `≤`, in scaled units.
        let mut rows: Vec<(Vec<f64>, f64)> =
            vec![(self.items.iter().map(|i| i.cost / b).collect(), 1.0)];
        if let Some(n) = self.max_creators {
            rows.push((
                self.items
                    .iter()
                    .map(|i| 1.0 / f64::from(i.cap.max(1)))
                    .collect(),
                f64::from(n),
            ));
        }
        for (t, s) in &self.min_share {
            rows.push((
                self.items
                    .iter()
                    .map(|i| if i.tier == Some(*t) { -i.cost / b } else { 0.0 })
                    .collect(),
                -s,
            ));
        }
        for (t, s) in &self.max_share {
            rows.push((
                self.items
                    .iter()
                    .map(|i| if i.tier == Some(*t) { i.cost / b } else { 0.0 })
                    .collect(),
                *s,
            ));
        }
        let mut vars = ProblemVariables::new();
        let pi: Vec<Variable> = rows.iter().map(|_| vars.add(variable().min(0.0))).collect();
        let us: Vec<Variable> = self.items.iter().map(|_| vars.add(variable())).collect();
        let objective: Expression = rows
            .iter()
            .zip(&pi)
            .map(|((_, rhs), p)| *rhs * *p)
            .sum::<Expression>()
            + us.iter().map(|u| 1.0 * *u).sum::<Expression>();
        let mut lp = vars.minimise(objective).using(microlp);
        for (k, (it, u)) in self.items.iter().zip(&us).enumerate() {
            // r_k = v_k − Σ π_j a_jk;  u_k ≥ r_k·cap_k and u_k ≥ r_k·lo_k.
            let r: Expression = Expression::from(it.value / vs)
                - rows
                    .iter()
                    .zip(&pi)
                    .map(|((a, _), p)| a[k] * *p)
                    .sum::<Expression>();
            let lo = if it.pinned { 1.0 } else { 0.0 };
            lp = lp.with((f64::from(it.cap) * r.clone()).leq(*u));
            lp = lp.with((lo * r).leq(*u));
        }
        let sol = lp.solve().ok()?;
        let p: Vec<f64> = pi.iter().map(|v| sol.value(*v).max(0.0)).collect();
        let reduced: Vec<f64> = self
            .items
            .iter()
            .enumerate()
            .map(|(k, it)| {
                it.value / vs
                    - rows
                        .iter()
                        .zip(&p)
                        .map(|((a, _), pj)| a[k] * pj)
                        .sum::<f64>()
            })
            .collect();
        let ub = rows
            .iter()
            .zip(&p)
            .map(|((_, rhs), pj)| rhs * pj)
            .sum::<f64>()
            + self
                .items
                .iter()
                .zip(&reduced)
                .map(|(it, r)| {
                    let lo = if it.pinned { 1.0 } else { 0.0 };
                    (r * f64::from(it.cap)).max(r * lo)
                })
                .sum::<f64>();
        ub.is_finite().then_some((ub, reduced))
    }

    /// Exact solve by reduced-value fixing: a plan over the most promising items (by
    /// reduced value) gives an incumbent; every item whose bound `UB + r_i` falls below it
    /// cannot be in a better plan and is dropped; what is left is solved exactly. `None`
    /// when the reduction does not apply (no bound, the restricted plan is infeasible, or
    /// too many items survive) — the caller then solves the whole model.
    fn solve_reduced(&self, hint: &[u32]) -> Option<Solved> {
        let vs = self.items.iter().map(|i| i.value).fold(0.0_f64, f64::max);
        let vs = if vs > 0.0 { vs } else { 1.0 };
        let (ub, reduced) = self.lagrangian(vs)?;
        let n = self.max_creators? as usize;
        let mut order: Vec<usize> = (0..self.items.len()).collect();
        order.sort_by(|&a, &b| reduced[b].total_cmp(&reduced[a]));
        let kernel_size = (2 * n)
            .max(n + 2)
            .max(self.reduce_above)
            .min(self.items.len());
        let mut kernel: Vec<usize> = order[..kernel_size].to_vec();
        // Pinned creators, and the hint's creators so that the hint stays a feasible start
        // (a relaxed model's plan is then never worse than the plan it relaxes).
        kernel.extend(
            (0..self.items.len())
                .filter(|&k| self.items[k].pinned || hint.get(k).is_some_and(|&x| x > 0)),
        );
        kernel.sort_unstable();
        kernel.dedup();
        let sub = self.restricted(&kernel);
        let sub_hint: Vec<u32> = kernel
            .iter()
            .map(|&k| hint.get(k).copied().unwrap_or(0))
            .collect();
        let first = sub
            .solve_mip_with(&sub_hint, REDUCED_TIME_LIMIT_SECONDS, Some(REDUCED_MIP_GAP))
            .ok()?;
        let tol = 1e-7 * (ub.abs() + 1.0);
        let incumbent = first.value / vs;
        let keep: Vec<usize> = (0..self.items.len())
            .filter(|&k| {
                self.items[k].pinned || reduced[k] >= 0.0 || ub + reduced[k] >= incumbent - tol
            })
            .collect();
        let lift = |on: &[usize], posts: &[u32]| {
            let mut full = vec![0u32; self.items.len()];
            for (&k, &x) in on.iter().zip(posts) {
                full[k] = x;
            }
            full
        };
        if first.optimal
            && !first.within_gap
            && keep.iter().all(|k| kernel.binary_search(k).is_ok())
        {
            return Some(Solved {
                posts: lift(&kernel, &first.posts),
                value: first.value,
                optimal: true,
                within_gap: false,
                gap: 0.0,
            });
        }
        if keep.len() > 4 * EXACT_UP_TO {
            return None;
        }
        // The survivors, searched from the kernel's plan for a short while: the plan found
        // is within the proven gap `(UB − value) / UB` of the best possible, whatever the
        // search reached (0 when it proved the survivors' optimum).
        let sub = self.restricted(&keep);
        let start = lift(&kernel, &first.posts);
        let sub_hint: Vec<u32> = keep.iter().map(|&k| start[k]).collect();
        let second = sub
            .solve_mip_with(&sub_hint, REDUCED_TIME_LIMIT_SECONDS, Some(REDUCED_MIP_GAP))
            .ok();
        let (posts, value, exact) = match second {
            Some(s) if s.value >= first.value => {
                let exact = s.optimal && !s.within_gap;
                (lift(&keep, &s.posts), s.value, exact)
            }
            _ => (start, first.value, false),
        };
        let proven = if exact {
            0.0
        } else {
            ((ub * vs - value) / (ub * vs)).max(0.0)
        };
        Some(Solved {
            posts,
            value,
            optimal: true,
            within_gap: !exact,
            gap: proven,
        })
    }

    /// Branch and bound over every item of the model.
    fn solve_mip(&self, hint: &[u32]) -> Result<Solved, PlanError> {
        let gap =
            self.max_creators.is_some() && self.items.len() > EXACT_UP_TO.max(self.reduce_above);
        self.solve_mip_with(hint, TIME_LIMIT_SECONDS, gap.then_some(CAPPED_MIP_GAP))
    }

    /// Branch and bound with a time limit and an optional relative gap.
    fn solve_mip_with(
        &self,
        hint: &[u32],
        seconds: f64,
        mip_gap: Option<f32>,
    ) -> Result<Solved, PlanError> {
        let b = self.budget;
        if self.items.is_empty() {
            return self.check(&[]).map(|()| Solved {
                posts: vec![],
                value: 0.0,
                optimal: true,
                within_gap: false,
                gap: 0.0,
            });
        }
        // Scale: costs by the budget (or 1), values by the largest value.
        let cs = if b > 0.0 { b } else { 1.0 };
        let vs = self.items.iter().map(|i| i.value).fold(0.0_f64, f64::max);
        let vs = if vs > 0.0 { vs } else { 1.0 };
        let mut vars = ProblemVariables::new();
        let xs: Vec<Variable> = self
            .items
            .iter()
            .map(|it| {
                vars.add(
                    variable()
                        .integer()
                        .min(if it.pinned { 1.0 } else { 0.0 })
                        .max(f64::from(it.cap)),
                )
            })
            .collect();
        let ys: Option<Vec<Variable>> = self.max_creators.map(|_| {
            self.items
                .iter()
                .map(|it| vars.add(variable().binary().min(if it.pinned { 1.0 } else { 0.0 })))
                .collect()
        });
        let objective: Expression = self
            .items
            .iter()
            .zip(&xs)
            .map(|(it, x)| (it.value / vs) * *x)
            .sum();
        let mut start: Vec<(Variable, f64)> = xs
            .iter()
            .zip(hint)
            .map(|(x, &k)| (*x, f64::from(k)))
            .collect();
        if let Some(ys) = &ys {
            start.extend(
                ys.iter()
                    .zip(hint)
                    .map(|(y, &k)| (*y, if k > 0 { 1.0 } else { 0.0 })),
            );
        }
        let mut model = vars
            .maximise(objective)
            .using(microlp)
            .with_time_limit(seconds)
            .with_initial_solution(start);
        let gap = mip_gap.is_some();
        if let Some(g) = mip_gap {
            model = model
                .with_mip_gap(g)
                .map_err(|e| PlanError::Solver(e.to_string()))?;
        }
        let spend: Expression = self
            .items
            .iter()
            .zip(&xs)
            .map(|(it, x)| (it.cost / cs) * *x)
            .sum();
        model = model.with(spend.leq(b / cs));
        for (t, s) in &self.min_share {
            let e: Expression = self
                .items
                .iter()
                .zip(&xs)
                .filter(|(it, _)| it.tier == Some(*t))
                .map(|(it, x)| (it.cost / cs) * *x)
                .sum();
            model = model.with(e.geq(s * b / cs));
        }
        for (t, s) in &self.max_share {
            let e: Expression = self
                .items
                .iter()
                .zip(&xs)
                .filter(|(it, _)| it.tier == Some(*t))
                .map(|(it, x)| (it.cost / cs) * *x)
                .sum();
            model = model.with(e.leq(s * b / cs));
        }
        if let (Some(n), Some(ys)) = (self.max_creators, &ys) {
            for ((it, x), y) in self.items.iter().zip(&xs).zip(ys) {
                model = model.with((*x - f64::from(it.cap) * *y).leq(0.0));
            }
            let count: Expression = ys.iter().map(|y| 1.0 * *y).sum();
            model = model.with(count.leq(f64::from(n)));
        }
        let solution = match model.solve() {
            Ok(s) => s,
            Err(ResolutionError::Infeasible) => {
                return Err(PlanError::Infeasible {
                    constraint: "combined".into(),
                    message: String::new(),
                });
            }
            Err(e) => return Err(PlanError::Solver(e.to_string())),
        };
        let solution_status = solution.status();
        let optimal = matches!(solution.status(), good_lp::SolutionStatus::Optimal)
            || (gap && matches!(solution.status(), good_lp::SolutionStatus::GapLimit));
        let posts: Vec<u32> = xs
            .iter()
            .map(|x| solution.value(*x).round().max(0.0) as u32)
            .collect();
        self.check(&posts)?;
        let value = self
            .items
            .iter()
            .zip(&posts)
            .map(|(it, &x)| it.value * f64::from(x))
            .sum();
        Ok(Solved {
            posts,
            value,
            optimal,
            within_gap: gap && !matches!(solution_status, good_lp::SolutionStatus::Optimal),
            gap: if gap && !matches!(solution_status, good_lp::SolutionStatus::Optimal) {
                f64::from(mip_gap.unwrap_or_default())
            } else {
                0.0
            },
        })
    }

    /// Check a solution against every constraint in exact arithmetic.
    fn check(&self, posts: &[u32]) -> Result<(), PlanError> {
        if self.feasible(posts) {
            Ok(())
        } else {
            Err(PlanError::Solver(
                "the solver returned a plan that breaks a constraint; it was not used".into(),
            ))
        }
    }

    /// Whether `posts` (one entry per item) satisfies every constraint.
    pub(crate) fn feasible(&self, posts: &[u32]) -> bool {
        let tol = 1e-6 * self.budget.max(1.0);
        if posts.len() != self.items.len() {
            return self.items.is_empty()
                && self.min_share.values().all(|s| *s * self.budget <= tol);
        }
        let spend = |f: &dyn Fn(&Item) -> bool| -> f64 {
            self.items
                .iter()
                .zip(posts)
                .filter(|(it, _)| f(it))
                .map(|(it, &x)| it.cost * f64::from(x))
                .sum()
        };
        if spend(&|_| true) > self.budget + tol {
            return false;
        }
        for (it, &x) in self.items.iter().zip(posts) {
            if x > it.cap || (it.pinned && x == 0) {
                return false;
            }
        }
        for (t, s) in &self.min_share {
            if spend(&|it| it.tier == Some(*t)) + tol < s * self.budget {
                return false;
            }
        }
        for (t, s) in &self.max_share {
            if spend(&|it| it.tier == Some(*t)) > s * self.budget + tol {
                return false;
            }
        }
        if let Some(n) = self.max_creators
            && posts.iter().filter(|&&x| x > 0).count() > n as usize
        {
            return false;
        }
        true
    }
}

#[cfg(test)]
impl Model {
    /// The best value by enumerating every assignment (tests only; small models).
    pub(crate) fn exact_by_enumeration(&self) -> Option<f64> {
        let n = self.items.len();
        let mut posts = vec![0u32; n];
        let mut best: Option<f64> = None;
        loop {
            if self.feasible(&posts) {
                let v: f64 = self
                    .items
                    .iter()
                    .zip(&posts)
                    .map(|(it, &x)| it.value * f64::from(x))
                    .sum();
                if best.is_none_or(|b| v > b) {
                    best = Some(v);
                }
            }
            let mut i = 0;
            loop {
                if i == n {
                    return best;
                }
                if posts[i] < self.items[i].cap {
                    posts[i] += 1;
                    break;
                }
                posts[i] = 0;
                i += 1;
            }
        }
    }

    /// The exact reduction on this model whatever its size (tests): the plan's value, the
    /// gap it claims (0 when exact), and the Lagrangian bound in value units. `None` when
    /// the reduction does not apply.
    pub(crate) fn reduced_for_test(&self) -> Option<(f64, f64, f64, Vec<u32>)> {
        let mut m = self.clone();
        m.reduce_above = 0;
        let vs = m.items.iter().map(|i| i.value).fold(0.0_f64, f64::max);
        let vs = if vs > 0.0 { vs } else { 1.0 };
        let (ub, _) = m.lagrangian(vs)?;
        let hint = m.greedy();
        let s = m.solve_reduced(&hint)?;
        Some((s.value, s.gap, ub * vs, s.posts))
    }

    /// The model `solve` would build, for tests.
    pub(crate) fn of(candidates: &[Candidate], c: &Constraints) -> Model {
        let items = candidates
            .iter()
            .enumerate()
            .filter(|(_, cand)| !cand.risk || c.include_risk)
            .filter(|(_, cand)| cand.cost_per_post.is_some() && cand.value_per_post.is_some())
            .map(|(idx, cand)| Item {
                idx,
                cost: cand.cost_per_post.unwrap_or_default(),
                value: cand.value_per_post.map_or(0.0, |v| v.point),
                cap: c.max_posts,
                tier: cand.tier,
                pinned: c.pin.iter().any(|p| same(p, cand)),
            })
            .collect();
        Model {
            items,
            budget: c.budget,
            min_share: c.min_share.clone(),
            max_share: c.max_share.clone(),
            max_creators: c.max_creators,
            reduce_above: EXACT_UP_TO,
        }
    }
}
