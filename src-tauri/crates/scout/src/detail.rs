//! The Creator page and `scout show`: views built from an account's analysis.

use scout_core::{Platform, PostKind};

use crate::Workspace;
use crate::analysis::{creator_row, finding_view};
use crate::error::Result;
use crate::views::{CreatorDetail, CreatorSummary, PostView, SeriesPoint};

fn er_formula(p: Platform) -> String {
    let per_follower = "mean of per-post (likes + replies + reposts + quotes) / followers";
    match p {
        Platform::Youtube => format!("{per_follower}; also per view: (likes + comments) / views"),
        Platform::Tiktok => {
            format!("{per_follower}; also per view: (likes + comments + shares) / plays")
        }
        Platform::Twitch => {
            "Twitch publishes no likes or comments on videos: views only".to_string()
        }
        _ => per_follower.to_string(),
    }
}

impl Workspace {
    /// Everything the Creator page shows; Fit against `brief` when given.
    pub fn creator(&self, id: i64, brief: Option<&str>) -> Result<CreatorDetail> {
        let row = self.account(id)?;
        let a = self.analysis_of(&row)?;
        let fit = match brief {
            Some(b) => self.load_brief(b)?.score(&a.snapshot),
            None => None,
        };
        let m = &a.metrics;
        let s = &a.snapshot;
        let rates: std::collections::HashMap<&str, f64> = m
            .per_post
            .iter()
            .map(|r| (r.post_id.as_str(), r.rate))
            .collect();
        let shortlists = {
            let store = self.store();
            let mut names = Vec::new();
            for sl in store.shortlists()? {
                if store
                    .shortlist_entries(sl.id)?
                    .iter()
                    .any(|e| e.account.id == row.id)
                {
                    names.push(sl.name);
                }
            }
            names
        };
        Ok(CreatorDetail {
            row: creator_row(&row, &a, fit),
            bio: s.profile.bio.clone(),
            following: s.profile.following.map(|v| v as f64),
            posts_count: s.profile.posts_count.map(|v| v as f64),
            engagement_rate_median: m.engagement_rate_median,
            posts_analyzed: m.posts_analyzed as f64,
            posts_per_week: m.posts_per_week,
            last_post_at: last_post(s).map(|t| t.to_rfc3339()),
            days_since_last_post: m.days_since_last_post,
            views_to_followers: m.views_to_followers,
            er_formula: er_formula(s.platform),
            authentic_er_low: a.authentic_er.map(|r| r.0),
            authentic_er_high: a.authentic_er.map(|r| r.1),
            authenticity_breakdown: a.authenticity_breakdown.clone(),
            er_series: m
                .per_post
                .iter()
                .map(|r| SeriesPoint {
                    at: r.created_at.to_rfc3339(),
                    value: r.rate,
                    label: Some(r.post_id.clone()),
                })
                .collect(),
            follower_series: a
                .history
                .iter()
                .map(|(t, f)| SeriesPoint {
                    at: t.to_rfc3339(),
                    value: *f as f64,
                    label: None,
                })
                .collect(),
            findings: a.findings.iter().map(finding_view).collect(),
            posts: s
                .posts
                .iter()
                .filter(|p| p.kind == PostKind::Original)
                .map(|p| PostView {
                    id: p.id.clone(),
                    url: p.url.clone(),
                    created_at: p.created_at.to_rfc3339(),
                    text: p.text.clone(),
                    title: p.title.clone(),
                    likes: p.likes.map(|v| v as f64),
                    likes_hidden: p.likes_hidden,
                    replies: p.replies.map(|v| v as f64),
                    reposts: p.reposts.map(|v| v as f64),
                    quotes: p.quotes.map(|v| v as f64),
                    views: p.views.map(|v| v as f64),
                    engagement_rate: rates.get(p.id.as_str()).copied(),
                    sponsored: p.sponsored_label == Some(true)
                        || crate::briefs::looks_sponsored(&p.text),
                })
                .collect(),
            missing: s.missing.iter().map(|m| m.reason.clone()).collect(),
            shortlists,
            snapshots: f64::from(row.snapshot_count),
        })
    }

    /// `scout show --json`.
    pub fn creator_summary(&self, id: i64) -> Result<CreatorSummary> {
        let row = self.account(id)?;
        let a = self.analysis_of(&row)?;
        let m = &a.metrics;
        let s = &a.snapshot;
        Ok(CreatorSummary {
            platform: s.platform.key().to_string(),
            handle: s.profile.handle.clone(),
            display_name: s.profile.display_name.clone(),
            url: s.profile.url.clone(),
            followers: s.profile.followers.map(|v| v as f64),
            following: s.profile.following.map(|v| v as f64),
            posts_count: s.profile.posts_count.map(|v| v as f64),
            tier: m.tier.map(|t| t.key().to_string()),
            engagement_rate_mean: m.engagement_rate_mean,
            engagement_rate_median: m.engagement_rate_median,
            engagement_per_view_mean: m.engagement_per_view_mean,
            posts_analyzed: m.posts_analyzed as f64,
            posts_per_week: m.posts_per_week,
            last_post_at: last_post(s).map(|t| t.to_rfc3339()),
            days_since_last_post: m.days_since_last_post,
            views_to_followers: m.views_to_followers,
            authenticity: a.authenticity,
            comments_sampled: s.comments.len() as f64,
            follower_sample: s.follower_sample.as_ref().map(|v| v.len() as f64),
            vetted_at: s.fetched_at.to_rfc3339(),
            snapshots: f64::from(row.snapshot_count),
            missing: s.missing.iter().map(|m| m.reason.clone()).collect(),
            findings: a.findings.iter().map(finding_view).collect(),
        })
    }
}

fn last_post(s: &scout_core::Snapshot) -> Option<chrono::DateTime<chrono::Utc>> {
    s.posts
        .iter()
        .filter(|p| p.kind == PostKind::Original)
        .map(|p| p.created_at)
        .max()
}
