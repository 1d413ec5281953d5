//! `scout list`: one page of the Creators table, sorted and filtered by the store.

use anyhow::Result;
use scout::Workspace;
use scout::views::CreatorQuery;

use crate::print;

/// Filters, sort and paging of `scout list`.
#[derive(Debug, clap::Args)]
pub struct ListArgs {
    /// Score Brand Fit against this brief (and allow --sort fit, --min-fit).
    #[arg(long)]
    pub brief: Option<String>,
    /// Only this platform (bluesky, youtube, mastodon, tiktok, instagram, twitch).
    #[arg(long)]
    pub platform: Option<String>,
    /// Only this tier (nano, micro, mid, macro, mega).
    #[arg(long)]
    pub tier: Option<String>,
    /// Followers at least.
    #[arg(long)]
    pub min_followers: Option<u64>,
    /// Followers at most.
    #[arg(long)]
    pub max_followers: Option<u64>,
    /// Engagement rate at least, in percent (2.5 = 2.5 %).
    #[arg(long)]
    pub min_er: Option<f64>,
    /// Engagement rate at most, in percent.
    #[arg(long)]
    pub max_er: Option<f64>,
    /// Authenticity at least (0–100).
    #[arg(long)]
    pub min_authenticity: Option<f64>,
    /// Authenticity at most (0–100).
    #[arg(long)]
    pub max_authenticity: Option<f64>,
    /// Fit at least (0–100; needs --brief).
    #[arg(long)]
    pub min_fit: Option<f64>,
    /// Only creators on this shortlist.
    #[arg(long)]
    pub shortlist: Option<String>,
    /// Only creators with a shortlist entry in this status (candidate, vetting, approved, rejected).
    #[arg(long)]
    pub status: Option<String>,
    /// Only creators with a shortlist entry carrying this tag.
    #[arg(long)]
    pub tag: Option<String>,
    /// Handle or display name contains this.
    #[arg(long)]
    pub search: Option<String>,
    /// Sort column: name, handle, platform, followers, tier, er, authenticity, fit, risks, `last_vetted`.
    #[arg(long, default_value = "followers")]
    pub sort: String,
    /// Sort descending.
    #[arg(long)]
    pub desc: bool,
    /// Rows per page (1–1000).
    #[arg(long, default_value_t = scout::DEFAULT_LIMIT)]
    pub limit: u32,
    /// Rows to skip.
    #[arg(long, default_value_t = 0)]
    pub offset: u32,
    /// Print JSON (the page's rows).
    #[arg(long)]
    pub json: bool,
}

impl ListArgs {
    fn query(&self) -> CreatorQuery {
        CreatorQuery {
            platform: self.platform.clone(),
            tier: self.tier.clone(),
            min_followers: self.min_followers.map(|v| v as f64),
            max_followers: self.max_followers.map(|v| v as f64),
            min_er: self.min_er.map(|p| p / 100.0),
            max_er: self.max_er.map(|p| p / 100.0),
            min_authenticity: self.min_authenticity,
            max_authenticity: self.max_authenticity,
            brief: self.brief.clone(),
            min_fit: self.min_fit,
            max_fit: None,
            shortlist: self.shortlist.clone(),
            status: self.status.clone(),
            tag: self.tag.clone(),
            text: self.search.clone(),
            sort: Some(self.sort.clone()),
            desc: self.desc,
            limit: Some(self.limit),
            offset: Some(self.offset),
        }
    }
}

/// Run `scout list`.
pub fn run(ws: &Workspace, args: &ListArgs) -> Result<i32> {
    let page = ws.list_creators(&args.query())?;
    if args.json {
        println!("{}", serde_json::to_string_pretty(&page.rows)?);
    } else if page.total == 0 && ws.info()?.is_empty {
        println!(
            "No creators yet. Vet one with `scout vet <url>` or load the demo with `scout demo`."
        );
    } else if page.rows.is_empty() {
        println!("No creators match these filters ({} in all).", page.total);
    } else {
        print::creators_table(&page.rows, args.brief.is_some());
        let first = u64::from(args.offset) + 1;
        let last = u64::from(args.offset) + page.rows.len() as u64;
        println!(
            "{first}–{last} of {}",
            crate::words::n(page.total, crate::words::CREATOR)
        );
    }
    Ok(0)
}
