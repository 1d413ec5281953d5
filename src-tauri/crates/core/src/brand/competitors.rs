//! Competitor mentions: posts naming a competitor of the brief (name or alias on word
//! boundaries, `@handle`, `#hashtag`), with the date and whether the post was sponsored. A
//! sponsored post for a competitor within `conflict_window_days` of `now` is a conflict.
//!
//! Main type: [`CompetitorMention`].

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::brief::Brief;
use super::matcher::{PhraseMatcher, PhraseSpec};
use super::score::CompetitorParams;
use super::text;
use crate::Post;
use crate::checks::plain::{Noun, counted_figure};

/// A post that names a competitor.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CompetitorMention {
    /// Post id.
    pub post_id: String,
    /// Post URL.
    pub url: Option<String>,
    /// The competitor's name as the brief has it.
    pub competitor: String,
    /// What the post says (`@glossier`, `Glossier`).
    pub matched: String,
    /// Publication time.
    pub date: DateTime<Utc>,
    /// Days between the post and `now`.
    pub days_ago: i64,
    /// Whether the post is sponsored.
    pub sponsored: bool,
    /// Sponsored and recent: a conflict for the brand.
    pub conflict: bool,
}

/// The matcher for a brief's competitors (payload: index into `brief.competitors`).
pub(crate) fn matcher(brief: &Brief) -> PhraseMatcher<usize> {
    let mut specs = Vec::new();
    for (i, c) in brief.competitors.iter().enumerate() {
        let mut add = |phrase: String| {
            specs.push(PhraseSpec {
                phrase,
                endings: Vec::new(),
                payload: i,
            });
        };
        if c.match_name {
            add(c.name.clone());
        }
        for a in &c.aliases {
            add(a.clone());
        }
        for h in &c.handles {
            add(format!("@{h}"));
        }
        for h in &c.hashtags {
            add(format!("#{h}"));
        }
    }
    // Names, handles and hashtags are escaped literals; only an absurdly long list could be
    // too large for the regex engine, and then no competitor is matched.
    PhraseMatcher::new(specs).unwrap_or_else(|_| PhraseMatcher::empty())
}

/// Find competitor mentions in original posts; `sponsored(post)` says whether a post is
/// sponsored.
pub(crate) fn mentions<'p>(
    posts: impl IntoIterator<Item = (&'p Post, bool)>,
    brief: &Brief,
    now: DateTime<Utc>,
    p: &CompetitorParams,
) -> Vec<CompetitorMention> {
    let m = matcher(brief);
    if m.is_empty() {
        return Vec::new();
    }
    let mut out = Vec::new();
    for (post, sponsored) in posts {
        let body = match &post.title {
            Some(t) => format!("{t}\n{}", post.text),
            None => post.text.clone(),
        };
        let body = text::match_text(&body);
        let mut seen = Vec::new();
        for hit in m.find_iter(&body) {
            if seen.contains(hit.payload) {
                continue;
            }
            seen.push(*hit.payload);
            let days_ago = (now - post.created_at).num_days();
            out.push(CompetitorMention {
                post_id: post.id.clone(),
                url: post.url.clone(),
                competitor: brief.competitors[*hit.payload].name.clone(),
                matched: body[hit.start..hit.end].to_string(),
                date: post.created_at,
                days_ago,
                sponsored,
                conflict: sponsored && days_ago <= p.conflict_window_days,
            });
        }
    }
    out.sort_by(|a, b| {
        b.date
            .cmp(&a.date)
            .then_with(|| a.competitor.cmp(&b.competitor))
    });
    out
}

/// The competitor component: 1 minus penalties for conflicts, older sponsored posts and
/// (capped) organic mentions.
pub(crate) fn component(
    mentions: &[CompetitorMention],
    brief: &Brief,
    posts: u32,
    p: &CompetitorParams,
) -> (Option<f64>, String) {
    if brief.competitors.is_empty() {
        return (None, "the brief names no competitors".into());
    }
    if posts == 0 {
        return (None, "no posts to search".into());
    }
    let conflicts = mentions.iter().filter(|m| m.conflict).count();
    let old = mentions
        .iter()
        .filter(|m| m.sponsored && !m.conflict)
        .count();
    let organic = mentions.iter().filter(|m| !m.sponsored).count();
    let penalty = conflicts as f64 * p.conflict_penalty
        + old as f64 * p.old_sponsored_penalty
        + (organic as f64 * p.organic_penalty).min(p.max_organic_penalty);
    let score = (1.0 - penalty).max(0.0);
    let explanation = if mentions.is_empty() {
        format!("no competitor named in {posts} posts")
    } else {
        let mut names: Vec<&str> = Vec::new();
        for m in mentions {
            if !names.contains(&m.competitor.as_str()) {
                names.push(&m.competitor);
            }
        }
        format!(
            "{} for a competitor in the last {} days (−{} each), {old} older sponsored (−{} each), {} (−{} each, at most −{}): {}",
            counted_figure(conflicts, Noun::new("sponsored post", "sponsored posts")),
            p.conflict_window_days,
            p.conflict_penalty,
            p.old_sponsored_penalty,
            counted_figure(organic, Noun::new("organic mention", "organic mentions")),
            p.organic_penalty,
            p.max_organic_penalty,
            names.join(", ")
        )
    };
    (Some(score), explanation)
}
