//! The Creator page and `scout show`: views built from an account's analysis.

use scout_core::PostKind;
use scout_core::checks::engagement_rate::formula_text;
use scout_core::checks::plain::{Noun, counted_figure, post_noun};
use scout_core::metrics::post_counts;

use crate::Workspace;
use crate::analysis::{creator_row, finding_view};
use crate::error::Result;
use crate::views::{CreatorDetail, CreatorSummary, PostColumn, PostView, SeriesPoint};

impl Workspace {
    /// Everything the Creator page shows; Fit against `brief` when given.
    pub fn creator(&self, id: i64, brief: Option<&str>) -> Result<CreatorDetail> {
        let row = self.account(id)?;
        let a = self.analysis_of(&row)?;
        let fit_view = match brief {
            Some(b) => self.load_brief(b)?.fit_view(&a.snapshot),
            None => None,
        };
        let fit = fit_view.as_ref().map(|f| f.score);
        let m = &a.metrics;
        let s = &a.snapshot;
        let disclosure = crate::briefs::brand_data().ok().map(|d| &d.disclosure);
        // The posts table shows each post's rate in the declared basis.
        let per_post = match scout_core::checks::engagement_rate::declared_formula(
            a.snapshot.platform,
            self.benchmarks(),
        )
        .map(|f| f.0)
        {
            Some(scout_core::checks::benchmarks::Basis::PerView) => &m.per_post_view,
            _ => &m.per_post,
        };
        let rates: std::collections::HashMap<&str, f64> = per_post
            .iter()
            .map(|r| (r.post_id.as_str(), r.rate))
            .collect();
        let shortlists = self.reader()?.shortlists_of(row.id)?;
        let findings: Vec<_> = a
            .findings
            .iter()
            .map(|f| finding_view(f, s.platform))
            .collect();
        let unavailable = |check: &str| {
            findings
                .iter()
                .find(|f| f.check == check && f.verdict == scout_core::Verdict::NotEnoughData)
                .map(|f| f.summary.clone())
        };
        let posts_noun = post_noun(s.platform);
        let er_series_label = series_label(per_post.len(), m.posts_analyzed, posts_noun);
        Ok(CreatorDetail {
            row: creator_row(&row, &a, fit, self.benchmarks()),
            bio: s.profile.bio.clone(),
            following: s.profile.following,
            posts_count: s.profile.posts_count,
            engagement_rate_posts: a
                .declared
                .as_ref()
                .map_or(0, |d| u32::try_from(d.posts).unwrap_or(u32::MAX)),
            engagement_rate_low: a.declared.as_ref().and_then(|d| d.band).and_then(|b| b.low),
            engagement_rate_high: a
                .declared
                .as_ref()
                .and_then(|d| d.band)
                .and_then(|b| b.high),
            engagement_rate_verdict: a.declared.as_ref().map(|d| d.verdict),
            posts_analyzed: u32::try_from(m.posts_analyzed).unwrap_or(u32::MAX),
            posts_per_week: m.posts_per_week,
            last_post_at: last_post(s).map(|t| t.to_rfc3339()),
            days_since_last_post: m.days_since_last_post,
            views_to_followers: m.views_to_followers,
            er_formula: formula_text(s.platform, self.benchmarks()),
            authentic_er_low: a.authentic_er.map(|r| r.0),
            authentic_er_high: a.authentic_er.map(|r| r.2),
            authenticity_breakdown: a.authenticity_breakdown.clone(),
            er_unavailable: a
                .declared
                .is_none()
                .then(|| unavailable(scout_core::checks::engagement_rate::CHECK))
                .flatten(),
            authenticity_unavailable: a
                .authenticity
                .is_none()
                .then(|| unavailable(scout_core::checks::score::CHECK))
                .flatten(),
            er_series_label,
            posts_word: posts_noun.many.to_string(),
            er_series: per_post
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
            findings,
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
                    likes: p.likes,
                    likes_hidden: p.likes_hidden,
                    replies: p.replies,
                    reposts: p.reposts,
                    quotes: p.quotes,
                    views: p.views,
                    engagement_rate: rates.get(p.id.as_str()).copied(),
                    sponsored: disclosure.is_some_and(|d| d.is_sponsored(p)),
                })
                .collect(),
            post_columns: post_columns(s),
            missing: s.missing.iter().map(|m| m.reason.clone()).collect(),
            shortlists,
            snapshots: row.snapshot_count,
            fit: fit_view,
        })
    }

    /// `scout show --json`.
    pub fn creator_summary(&self, id: i64) -> Result<CreatorSummary> {
        let row = self.account(id)?;
        let a = self.analysis_of(&row)?;
        let m = &a.metrics;
        let s = &a.snapshot;
        let d = a.declared.as_ref();
        let formula =
            scout_core::checks::engagement_rate::declared_formula(s.platform, self.benchmarks());
        Ok(CreatorSummary {
            platform: s.platform,
            handle: s.profile.handle.clone(),
            display_name: s.profile.display_name.clone(),
            url: s.profile.url.clone(),
            followers: s.profile.followers,
            following: s.profile.following,
            posts_count: s.profile.posts_count,
            tier: m.tier,
            engagement_rate: d.map(|d| d.value),
            engagement_rate_basis: formula.map(|f| f.0),
            engagement_rate_statistic: formula.map(|f| f.1),
            engagement_rate_low: d.and_then(|d| d.band).and_then(|b| b.low),
            engagement_rate_high: d.and_then(|d| d.band).and_then(|b| b.high),
            rate_summaries: crate::views::RateSummaries {
                per_follower_mean: m.engagement_rate_mean,
                per_follower_median: m.engagement_rate_median,
                per_view_mean: m.engagement_per_view_mean,
                per_view_median: m.engagement_per_view_median,
            },
            posts_analyzed: u32::try_from(m.posts_analyzed).unwrap_or(u32::MAX),
            posts_per_week: m.posts_per_week,
            last_post_at: last_post(s).map(|t| t.to_rfc3339()),
            days_since_last_post: m.days_since_last_post,
            views_to_followers: m.views_to_followers,
            authenticity: a.authenticity.map(scout_core::checks::score::shown),
            comments_sampled: u32::try_from(s.comments.len()).unwrap_or(u32::MAX),
            follower_sample: s
                .follower_sample
                .as_ref()
                .map(|v| u32::try_from(v.len()).unwrap_or(u32::MAX)),
            vetted_at: s.fetched_at.to_rfc3339(),
            snapshots: row.snapshot_count,
            missing: s.missing.iter().map(|m| m.reason.clone()).collect(),
            findings: a
                .findings
                .iter()
                .map(|f| finding_view(f, s.platform))
                .collect(),
        })
    }
}

/// "49 of 50 videos", "50 videos", "no videos".
fn series_label(charted: usize, analysed: usize, noun: Noun) -> String {
    if charted == analysed {
        counted_figure(analysed, noun)
    } else {
        format!(
            "{} of {}",
            scout_core::checks::plain::count(charted as u64),
            counted_figure(analysed, noun)
        )
    }
}

fn last_post(s: &scout_core::Snapshot) -> Option<chrono::DateTime<chrono::Utc>> {
    s.posts
        .iter()
        .filter(|p| p.kind == PostKind::Original)
        .map(|p| p.created_at)
        .max()
}

/// The posts table's count columns: the platform's own counts in its own words,
/// leaving out any column no post in the snapshot has a value for.
fn post_columns(s: &scout_core::Snapshot) -> Vec<PostColumn> {
    let originals: Vec<&scout_core::Post> = s
        .posts
        .iter()
        .filter(|p| p.kind == PostKind::Original)
        .collect();
    post_counts(s.platform)
        .iter()
        .filter(|c| {
            originals.iter().any(|p| {
                c.of(p).is_some() || (**c == scout_core::metrics::Count::Likes && p.likes_hidden)
            })
        })
        .map(|c| {
            let word = c.word(s.platform);
            let mut label = word.chars();
            PostColumn {
                count: *c,
                label: label
                    .next()
                    .map(|f| f.to_uppercase().chain(label).collect())
                    .unwrap_or_default(),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use crate::Workspace;

    #[test]
    fn the_creator_page_names_every_shortlist_the_creator_is_on() {
        let dir = tempfile::tempdir().unwrap();
        let ws = Workspace::open(Some(dir.path().to_path_buf())).unwrap();
        let now = chrono::Utc::now();
        let creators: Vec<_> =
            crate::demo::Generator::new(7, 2, now, &scout_core::TierBounds::default()).collect();
        let mut ids = Vec::new();
        for c in &creators {
            let last = *ws
                .store()
                .save_snapshots(&c.snapshots, false)
                .unwrap()
                .last()
                .unwrap();
            ids.push(ws.store().snapshot_meta(last).unwrap().account_id.0);
        }
        ws.create_shortlist("Spring launch", None).unwrap();
        ws.create_shortlist("autumn", None).unwrap();
        ws.create_shortlist("Winter", None).unwrap();
        ws.add_to_shortlist("Spring launch", &ids).unwrap();
        ws.add_to_shortlist("autumn", &ids[..1]).unwrap();
        assert_eq!(
            ws.creator(ids[0], None).unwrap().shortlists,
            ["autumn", "Spring launch"]
        );
        assert_eq!(
            ws.creator(ids[1], None).unwrap().shortlists,
            ["Spring launch"]
        );
    }

    /// Issue 14: a Twitch creator showed "0 posts" beside "50 analysed", ER and
    /// Authenticity "—" and 14 checks "Not enough data" with no reason.
    #[test]
    fn a_twitch_creator_says_why_in_plain_words_and_its_counts_agree() {
        let dir = tempfile::tempdir().unwrap();
        let ws = Workspace::open(Some(dir.path().to_path_buf())).unwrap();
        let now = chrono::Utc::now();
        let mut seen = std::collections::HashSet::new();
        for c in crate::demo::Generator::new(3, 60, now, &scout_core::TierBounds::default()) {
            let platform = c.snapshots[0].platform;
            if !seen.insert(platform) {
                continue;
            }
            let last = *ws
                .store()
                .save_snapshots(&c.snapshots, false)
                .unwrap()
                .last()
                .unwrap();
            let id = ws.store().snapshot_meta(last).unwrap().account_id.0;
            let d = ws.creator(id, None).unwrap();
            let word = scout_core::checks::plain::post_noun(platform).many;
            assert_eq!(d.posts_word, word);
            // The chart's count is stated against the posts analysed.
            let charted = d.er_series.len();
            let label = if charted == d.posts_analyzed as usize {
                format!("{} {word}", d.posts_analyzed)
            } else {
                format!("{charted} of {} {word}", d.posts_analyzed)
            };
            assert_eq!(d.er_series_label, label, "{platform}");
            for f in &d.findings {
                assert!(!f.summary.contains("replys"), "{}", f.summary);
                assert!(!f.explanation.contains("(s)"), "{}", f.explanation);
            }
            if platform == scout_core::Platform::Twitch {
                assert_eq!(d.row.engagement_rate, None);
                assert_eq!(
                    d.er_unavailable.as_deref(),
                    Some(
                        "Twitch does not show likes or comments on videos, so the engagement rate cannot be judged there."
                    )
                );
                assert!(
                    d.authenticity_unavailable
                        .as_deref()
                        .is_some_and(|s| s.starts_with("Twitch does not show likes or comments")),
                    "{:?}",
                    d.authenticity_unavailable
                );
                // Every check that cannot run says why; none says only "not enough data yet".
                for f in d
                    .findings
                    .iter()
                    .filter(|f| f.verdict == scout_core::Verdict::NotEnoughData)
                {
                    assert!(
                        f.summary.starts_with("Twitch") || f.summary.starts_with("No published"),
                        "{}",
                        f.summary
                    );
                }
            } else if d.row.engagement_rate.is_some() {
                assert_eq!(d.er_unavailable, None);
            }
        }
        assert!(seen.contains(&scout_core::Platform::Twitch));
    }
}
