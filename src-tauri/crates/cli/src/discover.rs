//! `scout discover` and `scout identity`: argument conversion and printing only.

use anyhow::{Context, Result};
use clap::Args;
use scout::discover::{
    DiscoverEvent, DiscoverSpec, DiscoveredView, Filters, LinkedAccountView, SourceOutcome,
};
use scout::{Cancel, Workspace};
use std::io::IsTerminal;
use std::sync::Arc;

/// `scout discover`.
#[derive(Args)]
pub struct DiscoverArgs {
    /// Keywords and/or #hashtags (quote them), e.g. "sustainable skincare #zerodechet".
    pub query: Option<String>,
    /// Expand from a shortlist (by name) or one stored creator instead of searching.
    #[arg(long, value_name = "SHORTLIST_OR_CREATOR", conflicts_with = "query")]
    pub like: Option<String>,
    /// Sources to search (repeat; default: all): bluesky, youtube, mastodon, tiktok, instagram, twitch.
    #[arg(long = "platform", value_name = "P")]
    pub platforms: Vec<String>,
    /// Tier: nano, micro, mid, macro, mega (the workspace's tier bounds).
    #[arg(long)]
    pub tier: Option<String>,
    /// Followers at least.
    #[arg(long)]
    pub min_followers: Option<u64>,
    /// Followers at most.
    #[arg(long)]
    pub max_followers: Option<u64>,
    /// Language (ISO 639-1, declared or detected from bio and posts), e.g. fr.
    #[arg(long)]
    pub lang: Option<String>,
    /// Country code, where the source gives one.
    #[arg(long)]
    pub country: Option<String>,
    /// Engagement rate at least, in percent (e.g. 2.5); only creators vetted since they were found pass.
    #[arg(long, value_name = "PERCENT")]
    pub min_er: Option<f64>,
    /// Engagement rate at most, in percent.
    #[arg(long, value_name = "PERCENT")]
    pub max_er: Option<f64>,
    /// Only creators active within this many days (their last post).
    #[arg(long, value_name = "DAYS")]
    pub active_within: Option<u32>,
    /// Brief: adds a quick Fit to the ranking; dismissals are per brief.
    #[arg(long)]
    pub brief: Option<String>,
    /// Results to print.
    #[arg(long, default_value_t = 20)]
    pub limit: usize,
    /// Pages per source and term.
    #[arg(long, default_value_t = scout::discover::DEFAULT_PAGES)]
    pub pages: usize,
    /// Save this search under a name (re-run it with --saved NAME).
    #[arg(long, value_name = "NAME")]
    pub save: Option<String>,
    /// Re-run a saved search; results new since its earlier runs are marked.
    #[arg(long, value_name = "NAME", conflicts_with_all = ["query", "like"])]
    pub saved: Option<String>,
    /// Only results never found before.
    #[arg(long)]
    pub only_new: bool,
    /// Dismiss these result ids (for --brief, or for no brief) and exit.
    #[arg(long, value_name = "ID", num_args = 1..)]
    pub dismiss: Vec<i64>,
    /// Mastodon instance to search (repeat; default: the Settings list).
    #[arg(long = "instance", value_name = "HOST")]
    pub instances: Vec<String>,
    /// Print JSON.
    #[arg(long)]
    pub json: bool,
}

/// `scout identity`.
#[derive(Args)]
pub struct IdentityArgs {
    /// A stored creator or a discovered account (handle, URL, platform:handle).
    pub creator: String,
    /// Accept a suggested link by id.
    #[arg(long, value_name = "LINK_ID")]
    pub accept: Option<i64>,
    /// Reject a suggested link by id.
    #[arg(long, value_name = "LINK_ID")]
    pub reject: Option<i64>,
    /// Print JSON.
    #[arg(long)]
    pub json: bool,
}

fn link_json(l: &LinkedAccountView) -> serde_json::Value {
    serde_json::json!({
        "id": l.id, "platform": l.platform, "handle": l.handle,
        "confidence": l.confidence, "evidence": l.evidence, "decision": l.decision,
    })
}

fn result_json(r: &DiscoveredView) -> serde_json::Value {
    serde_json::json!({
        "id": r.id,
        "platform": r.platform,
        "handle": r.handle,
        "display_name": r.display_name,
        "url": r.url,
        "followers": r.followers,
        "followers_rounded": r.followers_rounded,
        "language": r.language,
        "country": r.country,
        "last_active": r.last_active,
        "creator_id": r.creator_id,
        "engagement_rate": r.engagement_rate,
        "engagement_rate_basis": r.engagement_rate_basis,
        "engagement_rate_statistic": r.engagement_rate_statistic,
        "authenticity": r.authenticity,
        "score": r.score,
        "reasons": r.reasons,
        "linked_accounts": r.linked_accounts.iter().map(link_json).collect::<Vec<_>>(),
        "is_new": r.is_new,
    })
}

fn print_outcomes(outcomes: &[SourceOutcome]) {
    for o in outcomes {
        eprintln!("  {:<9} {:<14} {}", o.platform, o.status, o.message);
    }
}

/// Run `scout discover`.
pub fn discover(ws: &Workspace, a: &DiscoverArgs) -> Result<i32> {
    if !a.dismiss.is_empty() {
        let n = ws.dismiss_discovered(&a.dismiss, a.brief.as_deref())?;
        println!(
            "Dismissed {}{}.",
            crate::words::n(n, crate::words::CREATOR),
            a.brief
                .as_deref()
                .map(|b| format!(" for brief {b}"))
                .unwrap_or_default()
        );
        return Ok(0);
    }
    let spec = DiscoverSpec {
        query: a.query.clone(),
        like: a.like.clone(),
        saved: a.saved.clone(),
        save_as: a.save.clone(),
        platforms: a.platforms.clone(),
        tier: a.tier.clone(),
        filters: Filters {
            platforms: Vec::new(),
            min_followers: a.min_followers,
            max_followers: a.max_followers,
            language: a.lang.clone(),
            country: a.country.clone(),
            active_since: a
                .active_within
                .map(|d| chrono::Utc::now() - chrono::Duration::days(i64::from(d))),
            only_new: a.only_new,
            min_er: a.min_er.map(|p| p / 100.0),
            max_er: a.max_er.map(|p| p / 100.0),
        },
        brief: a.brief.clone(),
        limit: a.limit,
        pages: a.pages,
        instances: a.instances.clone(),
    };
    let quiet = a.json || !std::io::stderr().is_terminal();
    let on_event: Arc<dyn Fn(DiscoverEvent) + Send + Sync> = Arc::new(move |e: DiscoverEvent| {
        if !quiet {
            eprintln!("{:<9} {}", e.platform, e.message);
        }
    });
    let cancel = Cancel::new();
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .context("cannot start the async runtime")?;
    // Ctrl-C cancels the run: sources still searching stop, what was found is ranked,
    // stored and printed (a second Ctrl-C is caught too; the run ends on its own).
    let view = rt.block_on(async {
        let stop = cancel.clone();
        let watcher = tokio::spawn(async move {
            if tokio::signal::ctrl_c().await.is_ok() {
                eprintln!("Cancelling: sources still searching stop; what they found is kept.");
                stop.cancel();
            }
        });
        let view = ws.run_discovery(spec, on_event, cancel).await;
        watcher.abort();
        view
    })?;
    if a.json {
        let out: Vec<serde_json::Value> = view.results.iter().map(result_json).collect();
        println!("{}", serde_json::to_string_pretty(&out)?);
        if !std::io::stderr().is_terminal() {
            print_outcomes(&view.outcomes);
        }
        return Ok(0);
    }
    eprintln!("Sources:");
    print_outcomes(&view.outcomes);
    println!(
        "{} for \"{}\" ({} new), run {}:",
        crate::words::n(view.total, crate::words::RESULT),
        view.query,
        view.new_count,
        view.run_id
    );
    for (i, r) in view.results.iter().enumerate() {
        let followers = match r.followers {
            Some(f) => format!(
                "{}{} followers",
                if r.followers_rounded { "~" } else { "" },
                f
            ),
            None => "followers unknown".into(),
        };
        println!(
            "{:>3}. [{}] {} {} — {} — score {:.1}{}  (id {})",
            i + 1,
            r.platform,
            r.handle,
            r.display_name
                .as_deref()
                .map(|n| format!("({n})"))
                .unwrap_or_default(),
            followers,
            r.score,
            if r.is_new { " NEW" } else { "" },
            r.id
        );
        for reason in r.reasons.iter().take(4) {
            println!("       · {reason}");
        }
        for l in r
            .linked_accounts
            .iter()
            .filter(|l| l.confidence != "possible")
        {
            println!(
                "       ↔ {} {} ({}): {}",
                l.platform,
                l.handle,
                l.confidence,
                l.evidence.first().map(String::as_str).unwrap_or_default()
            );
        }
    }
    Ok(0)
}

/// Run `scout identity`.
pub fn identity(ws: &Workspace, a: &IdentityArgs) -> Result<i32> {
    if let Some(id) = a.accept.or(a.reject) {
        ws.decide_link(id, a.accept.is_some())?;
        println!(
            "Link {id} {}.",
            if a.accept.is_some() {
                "accepted"
            } else {
                "rejected"
            }
        );
        return Ok(0);
    }
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .context("cannot start the async runtime")?;
    let (subject, links) = rt.block_on(ws.identity(&a.creator))?;
    if a.json {
        let out = serde_json::json!({
            "platform": subject.platform.key(),
            "handle": subject.handle,
            "display_name": subject.display_name,
            "url": subject.url,
            "linked_accounts": links.iter().map(link_json).collect::<Vec<_>>(),
        });
        println!("{}", serde_json::to_string_pretty(&out)?);
        return Ok(0);
    }
    println!(
        "{} on {} ({})",
        subject.handle,
        subject.platform.name(),
        subject.url
    );
    if links.is_empty() {
        println!("  no other account found for this creator");
    }
    for l in &links {
        println!(
            "  {} {} — {}{}{}",
            l.platform,
            l.handle,
            l.confidence,
            if l.decision == "suggested" {
                String::new()
            } else {
                format!(", {}", l.decision)
            },
            if l.id > 0 {
                format!(" (link {})", l.id)
            } else {
                String::new()
            }
        );
        for e in &l.evidence {
            println!("      · {e}");
        }
    }
    println!("Audiences are per platform: they are never added up.");
    Ok(0)
}
