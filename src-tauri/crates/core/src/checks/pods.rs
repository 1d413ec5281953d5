//! Comment pods: the same accounts commenting on most posts, within minutes of
//! posting, in the same order (members of an engagement group drop the link in
//! a chat and comment right away). The accounts are named as evidence.
//!
//! Method ([`analyse`]): the analysed posts are the creator's original posts
//! with at least one comment by another account. A *regular* comments on at
//! least `pod.min_coverage` of them; a regular is *fast* when the median delay
//! between posting and their first comment, over at least [`MIN_TIMED`] posts,
//! is at most `pod.window_minutes`. The *order consistency* of a group is the
//! mean, over pairs of members seen together on at least [`MIN_TIMED`] posts,
//! of the share of those posts on which the pair appears in its usual order.
//! Verdict ([`check`]): `pod.risk_accounts` fast regulars or more is a risk,
//! `pod.watch_accounts` a watch; slower regulars who always comment in the same
//! order (consistency ≥ `pod.order_consistency_watch`, at least
//! `pod.risk_accounts` of them) are worth a look. Loyal fans who comment on
//! everything at their own pace are fine.

use std::collections::{BTreeMap, HashMap};

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::benchmarks::{Benchmarks, PodParams};
use super::plain::{self, Noun};
use super::{audience_comments, not_enough};
use crate::metrics::stats;
use crate::{Evidence, EvidenceKind, Finding, PostKind, Range, Snapshot, Verdict};

/// Check id.
pub const CHECK: &str = "comment_quality.pod";
/// Method version.
pub const METHOD: &str = "pods/1";
/// Posts with comments needed: "most posts" means little over fewer than five.
pub const MIN_POSTS: usize = 5;
/// Posts at which confidence reaches 1.
pub const FULL_POSTS: usize = 20;
/// Timed posts needed to judge one account's speed or one pair's order.
pub const MIN_TIMED: usize = 3;

/// One account that comments on most posts.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Regular {
    /// Account id.
    pub account_id: String,
    /// Handle (the id when the source gave none).
    pub handle: String,
    /// Analysed posts the account commented on.
    pub posts: usize,
    /// Median minutes from posting to the account's first comment, over timed posts.
    pub median_delay_minutes: Option<f64>,
    /// Posts on which the delay is known.
    pub timed_posts: usize,
    /// Median position of the account among a post's commenters (1 = first).
    pub median_position: Option<f64>,
    /// Fast: median delay within the pod window over enough timed posts.
    pub fast: bool,
}

/// What [`analyse`] found.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PodAnalysis {
    /// Analysed posts (original posts with comments by others).
    pub posts: usize,
    /// Regulars, most posts first, then by handle.
    pub regulars: Vec<Regular>,
    /// Order consistency of the fast regulars (or of all regulars when fewer
    /// than two are fast); `None` when no pair was seen together often enough.
    pub order_consistency: Option<f64>,
}

impl PodAnalysis {
    /// The fast regulars.
    pub fn fast(&self) -> impl Iterator<Item = &Regular> {
        self.regulars.iter().filter(|r| r.fast)
    }
}

#[derive(Default)]
struct Account<'a> {
    handle: &'a str,
    /// post id -> earliest known comment time (None when untimed)
    first: BTreeMap<&'a str, Option<DateTime<Utc>>>,
}

fn order_consistency(
    group: &[&str],
    firsts: &HashMap<&str, BTreeMap<&str, Option<DateTime<Utc>>>>,
) -> Option<f64> {
    let mut pair_scores = Vec::new();
    for (i, a) in group.iter().enumerate() {
        for b in &group[i + 1..] {
            let (fa, fb) = (&firsts[a], &firsts[b]);
            let mut before = 0usize;
            let mut together = 0usize;
            for (post, ta) in fa {
                if let (Some(ta), Some(Some(tb))) = (ta, fb.get(post)) {
                    together += 1;
                    if ta < tb || (ta == tb && a < b) {
                        before += 1;
                    }
                }
            }
            if together >= MIN_TIMED {
                pair_scores.push(before.max(together - before) as f64 / together as f64);
            }
        }
    }
    stats::mean(&pair_scores)
}

/// Find the regulars, their speed and their order. `Err` says why the
/// snapshot cannot show a pod.
pub fn analyse(snapshot: &Snapshot, params: &PodParams) -> Result<PodAnalysis, String> {
    let comments = audience_comments(snapshot)?;
    let post_times: HashMap<&str, DateTime<Utc>> = snapshot
        .posts
        .iter()
        .filter(|p| p.kind == PostKind::Original)
        .map(|p| (p.id.as_str(), p.created_at))
        .collect();
    let mut accounts: BTreeMap<&str, Account<'_>> = BTreeMap::new();
    let mut per_post: BTreeMap<&str, Vec<(DateTime<Utc>, &str)>> = BTreeMap::new();
    let mut any_timed = false;
    for c in comments
        .iter()
        .filter(|c| post_times.contains_key(c.post_id.as_str()))
    {
        let acc = accounts.entry(c.author_id.as_str()).or_default();
        if acc.handle.is_empty() {
            acc.handle = if c.author_handle.is_empty() {
                &c.author_id
            } else {
                &c.author_handle
            };
        }
        let slot = acc.first.entry(c.post_id.as_str()).or_insert(None);
        if let Some(t) = c.created_at {
            any_timed = true;
            *slot = Some(slot.map_or(t, |old| old.min(t)));
        }
        per_post.entry(c.post_id.as_str()).or_default();
    }
    let n_posts = per_post.len();
    if n_posts < MIN_POSTS {
        return Err(format!(
            "Only {} {} comments by other accounts (need {MIN_POSTS}).",
            plain::counted_figure(n_posts, POST),
            if n_posts == 1 { "has" } else { "have" }
        ));
    }
    if !any_timed {
        return Err(
            "The source gave no comment times, so speed and order cannot be judged.".to_string(),
        );
    }
    for (id, acc) in &accounts {
        for (post, t) in &acc.first {
            if let Some(t) = t {
                per_post.entry(post).or_default().push((*t, id));
            }
        }
    }
    for list in per_post.values_mut() {
        list.sort();
    }
    let firsts: HashMap<&str, BTreeMap<&str, Option<DateTime<Utc>>>> = accounts
        .iter()
        .map(|(id, a)| (*id, a.first.clone()))
        .collect();

    let mut regulars = Vec::new();
    for (id, acc) in &accounts {
        let posts = acc.first.len();
        if (posts as f64) < params.min_coverage * n_posts as f64 {
            continue;
        }
        let delays: Vec<f64> = acc
            .first
            .iter()
            .filter_map(|(post, t)| {
                let t = (*t)?;
                Some(((t - post_times[post]).num_seconds() as f64 / 60.0).max(0.0))
            })
            .collect();
        let positions: Vec<f64> = acc
            .first
            .keys()
            .filter_map(|post| {
                per_post[post]
                    .iter()
                    .position(|(_, a)| a == id)
                    .map(|p| (p + 1) as f64)
            })
            .collect();
        let median_delay = stats::median(&delays);
        regulars.push(Regular {
            account_id: (*id).to_string(),
            handle: acc.handle.to_string(),
            posts,
            median_delay_minutes: median_delay,
            timed_posts: delays.len(),
            median_position: stats::median(&positions),
            fast: delays.len() >= MIN_TIMED
                && median_delay.is_some_and(|d| d <= params.window_minutes),
        });
    }
    regulars.sort_by(|a, b| b.posts.cmp(&a.posts).then_with(|| a.handle.cmp(&b.handle)));
    let fast: Vec<&str> = regulars
        .iter()
        .filter(|r| r.fast)
        .map(|r| r.account_id.as_str())
        .collect();
    let group: Vec<&str> = if fast.len() >= 2 {
        fast
    } else {
        regulars.iter().map(|r| r.account_id.as_str()).collect()
    };
    let consistency = order_consistency(&group, &firsts);
    Ok(PodAnalysis {
        posts: n_posts,
        regulars,
        order_consistency: consistency,
    })
}

fn member_evidence(r: &Regular, total: usize) -> Evidence {
    let delay = r.median_delay_minutes.map_or_else(
        || "time unknown".to_string(),
        |d| format!("typically {} after posting", minutes(d)),
    );
    let position = r.median_position.map_or_else(String::new, |p| {
        format!(", typically comment number {p:.0}")
    });
    Evidence::new(
        EvidenceKind::Account,
        r.handle.clone(),
        format!(
            "commented on {} of {total} posts, {delay}{position} (account id {})",
            r.posts, r.account_id
        ),
    )
}

const POST: Noun = Noun::new("post", "posts");
const ACCOUNT: Noun = Noun::new("account", "accounts");

/// "40 seconds", "1 minute", "12 minutes", "3.5 hours".
fn minutes(m: f64) -> String {
    if m < 1.0 {
        format!("{:.0} seconds", (m * 60.0).round())
    } else if m < 90.0 {
        let r = m.round();
        if (r - 1.0).abs() < f64::EPSILON {
            "1 minute".into()
        } else {
            format!("{r:.0} minutes")
        }
    } else {
        format!("{:.1} hours", m / 60.0)
    }
}

/// Judge whether a comment pod is at work.
pub fn check(snapshot: &Snapshot, benchmarks: &Benchmarks) -> Finding {
    let title = "Comment pod";
    let p = &benchmarks.pod;
    let a = match analyse(snapshot, p) {
        Ok(a) => a,
        Err(why) => return not_enough(CHECK, title, METHOD, why),
    };
    let fast: Vec<&Regular> = a.fast().collect();
    let ordered = a
        .order_consistency
        .is_some_and(|c| c >= p.order_consistency_watch);
    let (verdict, named): (Verdict, Vec<&Regular>) = if fast.len() >= p.risk_accounts {
        (Verdict::Risk, fast.clone())
    } else if fast.len() >= p.watch_accounts {
        (Verdict::Watch, fast.clone())
    } else if a.regulars.len() >= p.risk_accounts && ordered {
        (Verdict::Watch, a.regulars.iter().collect())
    } else {
        (Verdict::Ok, Vec::new())
    };
    let order = a.order_consistency.map_or_else(String::new, |c| {
        format!(", in the same order {:.0}% of the time", c * 100.0)
    });
    let explanation = match verdict {
        Verdict::Ok => match (a.regulars.len(), fast.len()) {
            (0, _) => format!(
                "No account comments on {:.0}% or more of the {} posts: no pod pattern.",
                p.min_coverage * 100.0,
                a.posts
            ),
            (r, f) => format!(
                "{} {} on {:.0}% or more of the {} posts, {} within {} minutes of posting: no pod pattern.",
                plain::counted_figure(r, ACCOUNT),
                if r == 1 { "comments" } else { "comment" },
                p.min_coverage * 100.0,
                a.posts,
                match f {
                    0 => "none of them".to_string(),
                    f => format!("{f} of them"),
                },
                p.window_minutes
            ),
        },
        _ if !fast.is_empty() && fast.len() >= p.watch_accounts => format!(
            "{} comment on {:.0}% or more of the {} posts within {} minutes of posting{order}: {}.",
            plain::counted_figure(fast.len(), ACCOUNT),
            p.min_coverage * 100.0,
            a.posts,
            p.window_minutes,
            fast.iter()
                .map(|r| r.handle.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        ),
        _ => format!(
            "{} accounts comment on {:.0}% or more of the {} posts{order}: {}.",
            a.regulars.len(),
            p.min_coverage * 100.0,
            a.posts,
            a.regulars
                .iter()
                .map(|r| r.handle.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        ),
    };
    Finding {
        check: CHECK.to_string(),
        title: title.to_string(),
        value: Some(fast.len() as f64),
        expected: Some(Range {
            low: None,
            high: Some(p.watch_accounts.saturating_sub(1) as f64),
        }),
        verdict,
        confidence: stats::sample_confidence(a.posts, MIN_POSTS, FULL_POSTS),
        evidence: named.iter().map(|r| member_evidence(r, a.posts)).collect(),
        explanation,
        method_version: METHOD.to_string(),
    }
}
