//! `scout plan`, `scout fee` and `scout rates`: the campaign-mix planner's commands.

use anyhow::{Context, Result, bail};
use clap::{Args, Subcommand};
use scout::Workspace;
use scout::plan::{PlanRequest, PlanView, TierShare};
use std::path::PathBuf;

/// Arguments of `scout plan`.
#[derive(Args)]
pub struct PlanArgs {
    /// The shortlist to plan.
    #[arg(long)]
    pub shortlist: String,
    /// Budget, in the rate card's currency (USD by default).
    #[arg(long)]
    pub budget: f64,
    /// What to maximise: awareness (people reached), engagement (authentic engagements) or conversion (engagements × Brand Fit).
    #[arg(long, default_value = "engagement")]
    pub objective: String,
    /// Brief for Brand Fit (needed for conversion).
    #[arg(long)]
    pub brief: Option<String>,
    /// Posts per creator at most (default 1).
    #[arg(long, value_name = "N")]
    pub max_posts: Option<u32>,
    /// Minimum share of the budget for a tier, e.g. `micro=0.3` (repeatable).
    #[arg(long, value_name = "TIER=SHARE")]
    pub min_share: Vec<String>,
    /// Maximum share of the budget for a tier, e.g. `mega=0.5` (repeatable).
    #[arg(long, value_name = "TIER=SHARE")]
    pub max_share: Vec<String>,
    /// At most this many creators.
    #[arg(long, value_name = "N")]
    pub max_creators: Option<u32>,
    /// Allow creators with a risk verdict (left out by default).
    #[arg(long)]
    pub include_risk: bool,
    /// A creator that must be in the plan (repeatable).
    #[arg(long, value_name = "HANDLE")]
    pub pin: Vec<String>,
    /// A creator to leave out (repeatable).
    #[arg(long, value_name = "HANDLE")]
    pub exclude: Vec<String>,
    /// Save the plan under this name (compared with later plans; can be started as a campaign).
    #[arg(long, value_name = "NAME")]
    pub save: Option<String>,
    /// Print JSON.
    #[arg(long)]
    pub json: bool,
}

/// `scout rates …`.
#[derive(Subcommand)]
pub enum RatesCmd {
    /// Write the rate card (or the reach table) in force, to edit and put in the data folder.
    Export {
        /// Output file.
        #[arg(short, long)]
        output: PathBuf,
        /// The reach table instead of the rate card.
        #[arg(long)]
        reach: bool,
    },
    /// Where edited tables go, and which are in force.
    Path,
}

fn shares(list: &[String], flag: &str) -> Result<Vec<TierShare>> {
    list.iter()
        .map(|s| {
            let Some((tier, share)) = s.split_once('=') else {
                bail!("--{flag} {s}: write it as TIER=SHARE, e.g. micro=0.3");
            };
            let share: f64 = share
                .trim()
                .trim_end_matches('%')
                .parse()
                .with_context(|| format!("--{flag} {s}: the share must be a number such as 0.3"))?;
            let share = if s.trim_end().ends_with('%') {
                share / 100.0
            } else {
                share
            };
            Ok(TierShare {
                tier: tier.trim().to_string(),
                share,
            })
        })
        .collect()
}

/// `scout plan`.
pub fn plan(ws: &Workspace, a: PlanArgs) -> Result<i32> {
    let req = PlanRequest {
        shortlist: a.shortlist,
        budget: a.budget,
        objective: a.objective,
        brief: a.brief,
        max_posts: a.max_posts.map(f64::from),
        min_share: shares(&a.min_share, "min-share")?,
        max_share: shares(&a.max_share, "max-share")?,
        max_creators: a.max_creators.map(f64::from),
        include_risk: a.include_risk,
        pin: a.pin,
        exclude: a.exclude,
    };
    let view = match &a.save {
        Some(name) => ws.save_plan(name, &req)?,
        None => ws.plan(&req)?,
    };
    if a.json {
        println!("{}", serde_json::to_string_pretty(&json(&view))?);
    } else {
        print_plan(&view);
        if let Some(name) = &a.save {
            println!("\nSaved as plan '{name}'.");
        }
    }
    Ok(0)
}

/// The JSON `scout plan --json` prints: the fields first, then the ranges and comparison.
pub fn json(v: &PlanView) -> serde_json::Value {
    serde_json::json!({
        "budget": v.budget,
        "objective": v.objective,
        "currency": v.currency,
        "unit": v.unit,
        "chosen": v.chosen.iter().map(|p| serde_json::json!({
            "handle": p.handle,
            "posts": p.posts,
            "cost": p.cost,
            "value": p.value,
            "value_low": p.value_low,
            "value_high": p.value_high,
            "fee_source": p.fee_source,
            "tier": p.tier,
        })).collect::<Vec<_>>(),
        "candidates": v.candidates.iter().map(|c| serde_json::json!({
            "handle": c.handle,
            "cost_per_post": c.cost_per_post,
            "value_per_post": c.value_per_post,
            "max_posts": c.max_posts,
            "excluded_reason": c.excluded_reason,
            "fee_source": c.fee_source,
            "tier": c.tier,
            "cpe": c.cpe,
            "cpe_low": c.cpe_low,
            "cpe_high": c.cpe_high,
            "cpm": c.cpm,
        })).collect::<Vec<_>>(),
        "total_cost": v.total_cost,
        "total_value": v.total_value,
        "total_value_low": v.total_value_low,
        "total_value_high": v.total_value_high,
        "binding_constraints": v.binding_constraints,
        "marginal_value_per_1000": v.marginal_value_per_1000,
        "optimal": v.optimal,
        "notes": v.notes,
        "comparison": v.comparison,
        "rate_card_version": v.rate_card_version,
        "reach_version": v.reach_version,
    })
}

fn money(cur: &str, x: f64) -> String {
    let r = x.round() as i64;
    let s = r.abs().to_string();
    let mut out = String::new();
    for (i, ch) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(ch);
    }
    format!("{}{cur} {out}", if r < 0 { "-" } else { "" })
}

fn num(x: f64) -> String {
    money("", x).trim().to_string()
}

fn print_plan(v: &PlanView) {
    let c = &v.currency;
    println!(
        "Plan for '{}': {} within {} ({} creators, {} posts)",
        v.shortlist,
        v.unit,
        money(c, v.budget),
        v.chosen.len(),
        v.chosen.iter().map(|p| p.posts).sum::<f64>()
    );
    println!(
        "{:<28} {:>6} {:>5} {:>12} {:>10}  {:>24}",
        "creator", "tier", "posts", "cost", "fee", "value (range)"
    );
    for p in &v.chosen {
        println!(
            "{:<28} {:>6} {:>5} {:>12} {:>10}  {:>10} ({}–{})",
            p.handle,
            p.tier.as_deref().unwrap_or("?"),
            p.posts,
            money(c, p.cost),
            p.fee_source,
            num(p.value),
            num(p.value_low),
            num(p.value_high)
        );
    }
    println!(
        "Total: {} for {} {} (range {}–{})",
        money(c, v.total_cost),
        num(v.total_value),
        v.unit,
        num(v.total_value_low),
        num(v.total_value_high)
    );
    println!(
        "Next 1,000 of budget adds: {} {}",
        num(v.marginal_value_per_1000),
        v.unit
    );
    for b in &v.binding_constraints {
        println!("Binds: {} — {}", b.constraint, b.detail);
    }
    for n in &v.notes {
        println!("Note: {n}");
    }
    let left: Vec<_> = v
        .candidates
        .iter()
        .filter(|c| c.excluded_reason.is_some())
        .collect();
    if !left.is_empty() {
        println!("\nLeft out:");
        for x in left {
            println!(
                "  {}: {}",
                x.handle,
                x.excluded_reason.as_deref().unwrap_or_default()
            );
        }
    }
    println!("\nPlans compared:");
    for s in &v.comparison {
        println!(
            "  {:<22} {:>12}  {:>10} {} (range {}–{}), {} creators{}",
            s.name,
            money(c, s.total_cost),
            num(s.total_value),
            v.unit,
            num(s.total_value_low),
            num(s.total_value_high),
            s.creators,
            s.note
                .as_deref()
                .map(|n| format!(" — {n}"))
                .unwrap_or_default()
        );
    }
    println!(
        "\nTables: rate card {}, reach {}.",
        v.rate_card_version, v.reach_version
    );
}

/// `scout fee CREATOR AMOUNT` / `--clear`.
pub fn fee(
    ws: &Workspace,
    creator: &str,
    amount: Option<f64>,
    format: Option<&str>,
    clear: bool,
) -> Result<i32> {
    let row = ws.find_creator(creator)?;
    match (amount, clear) {
        (_, true) => {
            ws.set_quoted_fee(row.id, None, None)?;
            println!(
                "Quoted fee of {} removed: the rate card's estimate applies again.",
                row.handle
            );
        }
        (Some(a), false) => {
            ws.set_quoted_fee(row.id, Some(a), format)?;
            println!(
                "{} quoted {a} per post; plans use it (shown as \"quoted\").",
                row.handle
            );
        }
        (None, false) => bail!("give the quoted amount per post, or --clear"),
    }
    Ok(0)
}

/// `scout rates …`.
pub fn rates(ws: &Workspace, cmd: RatesCmd) -> Result<i32> {
    let dir = ws.data_dir();
    match cmd {
        RatesCmd::Export { output, reach } => {
            let (card, table) = ws.plan_tables()?;
            let (text, default) = if reach {
                (toml::to_string(&table)?, scout_core_text(true))
            } else {
                (toml::to_string(&card)?, scout_core_text(false))
            };
            // The shipped file keeps its comments; an edited table is written as data.
            let in_force = dir.join(if reach {
                scout::plan::REACH_FILE
            } else {
                scout::plan::RATE_CARD_FILE
            });
            let body = if in_force.is_file() {
                text
            } else {
                default.to_string()
            };
            std::fs::write(&output, body)
                .with_context(|| format!("cannot write {}", output.display()))?;
            eprintln!(
                "Wrote {}. Edit it and copy it to {} to use it.",
                output.display(),
                in_force.display()
            );
        }
        RatesCmd::Path => {
            for f in [scout::plan::RATE_CARD_FILE, scout::plan::REACH_FILE] {
                let p = dir.join(f);
                println!(
                    "{}: {}",
                    p.display(),
                    if p.is_file() {
                        "in force (edited)"
                    } else {
                        "absent (the shipped table is in force)"
                    }
                );
            }
        }
    }
    Ok(0)
}

fn scout_core_text(reach: bool) -> &'static str {
    if reach {
        scout::plan::SHIPPED_REACH_TOML
    } else {
        scout::plan::SHIPPED_RATE_CARD_TOML
    }
}

/// `scout campaign …`: run a saved plan as a campaign and measure what it delivered.
#[derive(Subcommand)]
pub enum CampaignCmd {
    /// Mark a saved plan as running between two dates, with what identifies its posts.
    Start {
        /// The shortlist the plan was made for.
        #[arg(long)]
        shortlist: String,
        /// The saved plan's name.
        #[arg(long)]
        plan: String,
        /// First day (YYYY-MM-DD or RFC 3339).
        #[arg(long)]
        from: String,
        /// Last day, inclusive (YYYY-MM-DD or RFC 3339).
        #[arg(long)]
        to: String,
        /// The brand's name as posts write it (repeatable).
        #[arg(long = "brand", value_name = "NAME")]
        names: Vec<String>,
        /// The brand's handle (repeatable).
        #[arg(long = "brand-handle", value_name = "HANDLE")]
        handles: Vec<String>,
        /// A campaign hashtag (repeatable).
        #[arg(long = "hashtag", value_name = "TAG")]
        hashtags: Vec<String>,
    },
    /// Count one of a creator's posts (id or URL) as a deliverable of the campaign.
    Link {
        /// The shortlist.
        #[arg(long)]
        shortlist: String,
        /// The running plan.
        #[arg(long)]
        plan: String,
        /// The creator's handle or profile URL.
        #[arg(long)]
        creator: String,
        /// The post's id or URL.
        #[arg(long)]
        post: String,
    },
    /// What the campaign delivered per creator, from each creator's latest snapshot
    /// (`scout refresh` first to see new posts).
    Results {
        /// The shortlist.
        #[arg(long)]
        shortlist: String,
        /// The running plan.
        #[arg(long)]
        plan: String,
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
}

/// `scout campaign`.
pub fn campaign(ws: &Workspace, cmd: CampaignCmd) -> Result<i32> {
    match cmd {
        CampaignCmd::Start {
            shortlist,
            plan,
            from,
            to,
            names,
            handles,
            hashtags,
        } => {
            let start = scout::plan::CampaignStart {
                starts: from.clone(),
                ends: to.clone(),
                names,
                handles: handles
                    .iter()
                    .map(|h| h.trim_start_matches('@').to_string())
                    .collect(),
                hashtags: hashtags
                    .iter()
                    .map(|h| h.trim_start_matches('#').to_string())
                    .collect(),
            };
            ws.start_campaign(&shortlist, &plan, &start)?;
            println!("Plan '{plan}' is running from {from} to {to}.");
        }
        CampaignCmd::Link {
            shortlist,
            plan,
            creator,
            post,
        } => {
            ws.link_campaign_post(&shortlist, &plan, &creator, &post)?;
            println!("Linked {post} to plan '{plan}' as a deliverable of {creator}.");
        }
        CampaignCmd::Results {
            shortlist,
            plan,
            json,
        } => {
            let r = ws.plan_report(&shortlist, &plan)?;
            let Some(c) = r.campaign else {
                bail!("plan '{plan}' is not running: start it with `scout campaign start`");
            };
            if json {
                println!("{}", serde_json::to_string_pretty(&c)?);
                return Ok(0);
            }
            let cur = &r.currency;
            println!(
                "Campaign '{plan}' ({} to {}), found by {}",
                c.starts_at.format("%Y-%m-%d"),
                c.ends_at.format("%Y-%m-%d"),
                if c.terms.is_empty() {
                    "linked posts".to_string()
                } else {
                    c.terms.join(", ")
                }
            );
            println!(
                "{:<24} {:>7} {:>9} {:>10} {:>11} {:>24} {:>10} {:>10} {:>9}",
                "creator",
                "planned",
                "delivered",
                "views",
                "engagements",
                "authentic (range)",
                "CPE real",
                "CPE plan",
                "disclosed"
            );
            let cpe =
                |x: Option<f64>| x.map_or_else(|| "—".to_string(), |v| format!("{cur} {v:.2}"));
            for row in &c.creators {
                let disclosed = row.deliverables.iter().filter(|d| d.disclosed).count();
                println!(
                    "{:<24} {:>7} {:>9} {:>10} {:>11} {:>24} {:>10} {:>10} {:>9}",
                    format!("@{}", row.handle),
                    row.planned_posts,
                    row.deliverables.len(),
                    row.views.map_or_else(|| "—".to_string(), num),
                    num(row.engagements),
                    format!(
                        "{} ({}–{})",
                        num(row.authentic[1]),
                        num(row.authentic[0]),
                        num(row.authentic[2])
                    ),
                    cpe(row.realised_cpe),
                    cpe(row.planned_cpe),
                    if row.deliverables.is_empty() {
                        "—".to_string()
                    } else {
                        format!("{disclosed} of {}", row.deliverables.len())
                    }
                );
                for d in &row.deliverables {
                    println!(
                        "    {} {} {} “{}” · {} · {}",
                        d.date.format("%Y-%m-%d"),
                        d.post_id,
                        d.url.as_deref().unwrap_or(""),
                        d.excerpt,
                        d.found_by.join("; "),
                        if d.disclosed {
                            "disclosed".to_string()
                        } else {
                            format!("not disclosed: {}", d.breaches.join("; "))
                        }
                    );
                }
            }
        }
    }
    Ok(0)
}
