//! The plan section's data: [`PlanSection`], built from a [`PlanReport`] with every figure
//! formatted, creator text made safe, and the tier chart reduced to fractions of the plot
//! (budget and value of each tier as shares of the plan's totals, the value's range as a
//! whisker).

use serde::Serialize;

use crate::fonts::FontSet;
use crate::plan::{CampaignReport, PlanReport};
use crate::text::{Limit, clean};

use super::format::{capitalise, fmt_date, fmt_int, fmt_pct, fmt_pct_axis};

/// Everything the template's plan pages show.
#[derive(Debug, Serialize)]
pub struct PlanSection {
    pub name: String,
    pub headline: String,
    pub facts: Vec<[String; 2]>,
    /// Creator, platform, tier, posts, cost, fee, value (range).
    pub picks: Vec<[String; 7]>,
    /// Tier, creators, posts, cost, share of cost, value (range), share of value.
    pub tiers: Vec<[String; 7]>,
    pub chart: Result<TierChart, String>,
    /// Plan, creators, posts, cost, value (range), note.
    pub comparison: Vec<[String; 6]>,
    pub binding: Vec<String>,
    pub notes: Vec<String>,
    /// What, value, source.
    pub assumptions: Vec<[String; 3]>,
    pub tables: String,
    pub campaign: Option<CampaignSection>,
}

/// Budget and value per tier, as fractions of the plot's height.
#[derive(Debug, Serialize, PartialEq)]
pub struct TierChart {
    pub groups: Vec<TierGroup>,
    pub yticks: Vec<super::view::Tick>,
    pub caption: String,
    pub legend: Vec<String>,
}

/// One tier's two bars.
#[derive(Debug, Serialize, PartialEq)]
pub struct TierGroup {
    pub label: String,
    /// Share of the plan's cost, as a fraction of the plot.
    pub cost: f64,
    /// Share of the plan's value (point), as a fraction of the plot.
    pub value: f64,
    /// The value's low and high ends, as fractions of the plot.
    pub range: [f64; 2],
    pub cost_label: String,
    pub value_label: String,
}

/// A running plan's results.
#[derive(Debug, Serialize)]
pub struct CampaignSection {
    pub window: String,
    pub terms: String,
    /// Creator, planned, delivered, views, engagements, authentic (range), realised CPE, planned CPE, disclosed.
    pub rows: Vec<[String; 9]>,
    /// Date, creator, post (id and excerpt), found by, disclosure.
    pub deliverables: Vec<DeliverableRow>,
    pub totals: String,
}

/// One deliverable.
#[derive(Debug, Serialize)]
pub struct DeliverableRow {
    pub date: String,
    pub creator: String,
    pub post: String,
    pub url: String,
    pub excerpt: String,
    pub found_by: String,
    pub disclosed: bool,
    pub disclosure: String,
}

fn q(s: &str, limit: Limit) -> String {
    let fonts = FontSet::get();
    clean(s, limit, |c| fonts.covers(c))
}

fn money(currency: &str, v: f64) -> String {
    if v.is_finite() {
        format!("{currency} {}", fmt_int(v.round().max(0.0) as u64))
    } else {
        "—".into()
    }
}

fn count(v: f64) -> String {
    if v.is_finite() {
        fmt_int(v.round().max(0.0) as u64)
    } else {
        "—".into()
    }
}

fn ranged(v: [f64; 3]) -> String {
    if (v[2] - v[0]).abs() < 0.5 {
        count(v[1])
    } else {
        format!("{} ({}–{})", count(v[1]), count(v[0]), count(v[2]))
    }
}

fn per(currency: &str, v: Option<f64>) -> String {
    match v {
        Some(x) if x.is_finite() => format!("{currency} {x:.2}"),
        _ => "—".into(),
    }
}

fn tier_name(t: Option<scout_core::Tier>) -> String {
    t.map_or_else(|| "Unknown".into(), |t| capitalise(t.key()))
}

/// Builds the plan section.
pub fn build(p: &PlanReport) -> PlanSection {
    let cur = q(&p.currency, Limit::line(8));
    let unit = q(&p.unit, Limit::line(60));
    let mut facts = vec![
        [
            "Objective".to_string(),
            format!("{} ({unit})", capitalise(&p.objective)),
        ],
        ["Budget".into(), money(&cur, p.budget)],
        [
            "Planned cost".into(),
            format!(
                "{} ({} of the budget)",
                money(&cur, p.total_cost),
                if p.budget > 0.0 {
                    fmt_pct(p.total_cost / p.budget)
                } else {
                    "—".into()
                }
            ),
        ],
        [
            "Expected value".into(),
            format!("{} {unit}", ranged(p.total_value)),
        ],
        [
            "Next 1,000 of budget".into(),
            format!("adds about {} {unit}", count(p.marginal_value_per_1000)),
        ],
    ];
    if let Some(b) = &p.brief {
        facts.push(["Brief (Brand Fit)".into(), q(b, Limit::line(80))]);
    }
    if !p.optimal {
        facts.push([
            "Optimality".into(),
            "not proven: the search stopped at its time limit with the best plan found".into(),
        ]);
    }
    let picks = p
        .picks
        .iter()
        .map(|k| {
            [
                format!("@{}", q(&k.handle, Limit::line(40))),
                k.platform.name().to_string(),
                tier_name(k.tier),
                k.posts.to_string(),
                money(&cur, k.cost),
                if k.quoted { "quoted" } else { "estimated" }.to_string(),
                ranged(k.value),
            ]
        })
        .collect();
    let tiers = p
        .tiers
        .iter()
        .map(|t| {
            [
                tier_name(t.tier),
                t.creators.to_string(),
                t.posts.to_string(),
                money(&cur, t.cost),
                share(t.cost, p.total_cost),
                ranged(t.value),
                share(t.value[1], p.total_value[1]),
            ]
        })
        .collect();
    let comparison = p
        .comparison
        .iter()
        .map(|c| {
            [
                q(&c.name, Limit::line(40)),
                c.creators.to_string(),
                c.posts.to_string(),
                money(&cur, c.cost),
                ranged(c.value),
                c.note
                    .as_deref()
                    .map(|n| q(n, Limit::line(160)))
                    .unwrap_or_default(),
            ]
        })
        .collect();
    PlanSection {
        name: q(&p.name, Limit::line(60)),
        headline: format!(
            "{} creators, {} posts for {} of {}: {} {unit} expected",
            p.picks.len(),
            p.picks.iter().map(|k| k.posts).sum::<u32>(),
            money(&cur, p.total_cost),
            money(&cur, p.budget),
            ranged(p.total_value)
        ),
        facts,
        picks,
        tiers,
        chart: tier_chart(p),
        comparison,
        binding: p.binding.iter().map(|b| q(b, Limit::line(200))).collect(),
        notes: p.notes.iter().map(|n| q(n, Limit::line(200))).collect(),
        assumptions: p
            .assumptions
            .iter()
            .map(|a| {
                [
                    q(&a.what, Limit::line(80)),
                    q(&a.value, Limit::line(240)),
                    q(&a.source, Limit::line(240)),
                ]
            })
            .collect(),
        tables: q(&p.tables, Limit::line(120)),
        campaign: p.campaign.as_ref().map(|c| campaign(c, &cur)),
    }
}

fn share(part: f64, whole: f64) -> String {
    if whole > 0.0 && part.is_finite() {
        fmt_pct(part / whole)
    } else {
        "—".into()
    }
}

/// Budget and value per tier as shares of the plan's totals.
pub fn tier_chart(p: &PlanReport) -> Result<TierChart, String> {
    if p.tiers.is_empty() || p.total_cost <= 0.0 {
        return Err("No chart: the plan buys no posts.".into());
    }
    let total_value = p.total_value[1];
    let frac = |v: f64| {
        if total_value > 0.0 {
            v / total_value
        } else {
            0.0
        }
    };
    let top_raw = p
        .tiers
        .iter()
        .flat_map(|t| [t.cost / p.total_cost, frac(t.value[2])])
        .fold(0.0_f64, f64::max);
    let step = if top_raw > 0.5 { 0.25 } else { 0.1 };
    let top = ((top_raw.max(0.05) / step).ceil() * step).max(step);
    let groups = p
        .tiers
        .iter()
        .map(|t| TierGroup {
            label: tier_name(t.tier),
            cost: (t.cost / p.total_cost / top).clamp(0.0, 1.0),
            value: (frac(t.value[1]) / top).clamp(0.0, 1.0),
            range: [
                (frac(t.value[0]) / top).clamp(0.0, 1.0),
                (frac(t.value[2]) / top).clamp(0.0, 1.0),
            ],
            cost_label: share(t.cost, p.total_cost),
            value_label: share(t.value[1], total_value),
        })
        .collect();
    let n = (top / step).round() as u32;
    let yticks = (0..=n)
        .map(|i| {
            let v = f64::from(i) * step;
            super::view::Tick {
                at: v / top,
                label: fmt_pct_axis(v, step),
            }
        })
        .collect();
    Ok(TierChart {
        groups,
        yticks,
        caption: format!(
            "Share of the plan's budget and of its expected {} by tier",
            q(&p.unit, Limit::line(60))
        ),
        legend: vec![
            "dark: budget".into(),
            "light: value (whisker: low–high)".into(),
        ],
    })
}

fn campaign(c: &CampaignReport, cur: &str) -> CampaignSection {
    let rows = c
        .creators
        .iter()
        .map(|r| {
            let disclosed = r.deliverables.iter().filter(|d| d.disclosed).count();
            [
                format!("@{}", q(&r.handle, Limit::line(40))),
                r.planned_posts.to_string(),
                r.deliverables.len().to_string(),
                r.views.map_or_else(|| "—".into(), count),
                count(r.engagements),
                ranged(r.authentic),
                per(cur, r.realised_cpe),
                per(cur, r.planned_cpe),
                if r.deliverables.is_empty() {
                    "—".into()
                } else {
                    format!("{disclosed} of {}", r.deliverables.len())
                },
            ]
        })
        .collect();
    let mut deliverables: Vec<DeliverableRow> = c
        .creators
        .iter()
        .flat_map(|r| {
            r.deliverables.iter().map(move |d| DeliverableRow {
                date: fmt_date(d.date),
                creator: format!("@{}", q(&r.handle, Limit::line(40))),
                post: q(&d.post_id, Limit::line(40)),
                url: d
                    .url
                    .as_deref()
                    .map(|u| q(u, Limit::line(120)))
                    .unwrap_or_default(),
                excerpt: q(&d.excerpt, Limit::line(140)),
                found_by: d
                    .found_by
                    .iter()
                    .map(|f| q(f, Limit::line(60)))
                    .collect::<Vec<_>>()
                    .join("; "),
                disclosed: d.disclosed,
                disclosure: if d.disclosed {
                    "disclosed".into()
                } else {
                    q(&d.breaches.join("; "), Limit::line(200))
                },
            })
        })
        .collect();
    deliverables.sort_by(|a, b| a.date.cmp(&b.date).then(a.creator.cmp(&b.creator)));
    let delivered: usize = c.creators.iter().map(|r| r.deliverables.len()).sum();
    let planned: u32 = c.creators.iter().map(|r| r.planned_posts).sum();
    let authentic = c.creators.iter().fold([0.0; 3], |acc, r| {
        [
            acc[0] + r.authentic[0],
            acc[1] + r.authentic[1],
            acc[2] + r.authentic[2],
        ]
    });
    let disclosed = c
        .creators
        .iter()
        .flat_map(|r| &r.deliverables)
        .filter(|d| d.disclosed)
        .count();
    CampaignSection {
        window: format!("{} to {}", fmt_date(c.starts_at), fmt_date(c.ends_at)),
        terms: if c.terms.is_empty() {
            "linked posts only".into()
        } else {
            c.terms
                .iter()
                .map(|t| q(t, Limit::line(40)))
                .collect::<Vec<_>>()
                .join(", ")
        },
        rows,
        deliverables,
        totals: format!(
            "{delivered} of {planned} planned posts found; {} authentic engagements measured on them; {disclosed} of {delivered} deliverables disclosed as the rules require",
            ranged(authentic)
        ),
    }
}
