//! Near-duplicate comments across posts: the same (or nearly the same) text
//! left on different posts, as copy-paste bots and comment sellers do.
//!
//! Method: each comment by another account is normalised
//! ([`super::text::normalise`]); comments of at least [`MIN_CHARS`] characters
//! are compared pairwise by the Jaccard similarity of their character 4-gram
//! shingles, and a pair on *different* posts with similarity ≥ [`SIMILARITY`]
//! marks both comments. Shorter comments are the generic-comment check's job.

use super::benchmarks::Benchmarks;
use super::text::{NormalisedText, jaccard, normalised, shingles};
use super::{audience_comments, not_enough};
use crate::metrics::stats;
use crate::{Comment, Evidence, EvidenceKind, Finding, Snapshot};

/// Check id.
pub const CHECK: &str = "comment_quality.near_duplicates";
/// Method version.
pub const METHOD: &str = "near_duplicates/1";
/// Normalised length a comment needs to be compared.
pub const MIN_CHARS: usize = 15;
/// Shingle Jaccard similarity from which two comments count as near-duplicates.
pub const SIMILARITY: f64 = 0.7;
/// Comparable comments needed (spread over at least two posts).
pub const MIN_COMMENTS: usize = 20;
/// Comments at which confidence reaches 1.
pub const FULL_COMMENTS: usize = 200;
/// At most this many comments are compared pairwise (the first by post id, then
/// comment id), which bounds the work at two million pairs.
pub const MAX_COMPARED: usize = 2_000;
/// Evidence rows listed at most.
pub const MAX_EVIDENCE: usize = 50;

/// Judge the share of comments repeated across posts.
pub fn check(snapshot: &Snapshot, benchmarks: &Benchmarks) -> Finding {
    let title = "Near-duplicate comments across posts";
    let comments = match audience_comments(snapshot) {
        Ok(c) => c,
        Err(why) => return not_enough(CHECK, title, METHOD, why),
    };
    let mut eligible: Vec<(&Comment, std::sync::Arc<NormalisedText>)> = comments
        .into_iter()
        .map(|c| (c, normalised(&c.text)))
        .filter(|(_, t)| t.joined.chars().count() >= MIN_CHARS)
        .collect();
    eligible.sort_by(|a, b| {
        a.0.post_id
            .cmp(&b.0.post_id)
            .then_with(|| a.0.id.cmp(&b.0.id))
    });
    eligible.truncate(MAX_COMPARED);
    let posts: std::collections::BTreeSet<&str> =
        eligible.iter().map(|(c, _)| c.post_id.as_str()).collect();
    let n = eligible.len();
    if n < MIN_COMMENTS || posts.len() < 2 {
        return not_enough(
            CHECK,
            title,
            METHOD,
            format!(
                "Only {} of {MIN_CHARS} or more characters on {} (need {MIN_COMMENTS} on at least 2 posts).",
                super::plain::counted_figure(n, super::plain::Noun::new("comment", "comments")),
                super::plain::counted_figure(posts.len(), super::plain::Noun::new("post", "posts"))
            ),
        );
    }
    let sets: Vec<_> = eligible.iter().map(|(_, t)| shingles(&t.joined)).collect();
    let mut partner: Vec<Option<usize>> = vec![None; n];
    for i in 0..n {
        for j in (i + 1)..n {
            if eligible[i].0.post_id == eligible[j].0.post_id {
                continue;
            }
            let (a, b) = (sets[i].len() as f64, sets[j].len() as f64);
            if a.min(b) / a.max(b) < SIMILARITY {
                continue; // Jaccard can't reach the threshold
            }
            if jaccard(&sets[i], &sets[j]) >= SIMILARITY {
                partner[i].get_or_insert(j);
                partner[j].get_or_insert(i);
            }
        }
    }
    let flagged: Vec<(usize, usize)> = partner
        .iter()
        .enumerate()
        .filter_map(|(i, p)| p.map(|j| (i, j)))
        .collect();
    let share = flagged.len() as f64 / n as f64;
    let t = &benchmarks.thresholds.near_duplicate_share;
    Finding {
        check: CHECK.to_string(),
        title: title.to_string(),
        value: Some(share),
        expected: Some(t.ok_range()),
        verdict: t.verdict(share),
        confidence: stats::sample_confidence(n, MIN_COMMENTS, FULL_COMMENTS),
        evidence: flagged
            .iter()
            .take(MAX_EVIDENCE)
            .map(|&(i, j)| {
                let (c, o) = (eligible[i].0, eligible[j].0);
                Evidence::new(
                    EvidenceKind::Comment,
                    c.id.clone(),
                    format!(
                        "by {} on {}, like {} on {}: {}",
                        c.author_handle, c.post_id, o.id, o.post_id, c.text
                    ),
                )
            })
            .collect(),
        explanation: format!(
            "{} of {n} {} ({}) repeat, word for word or nearly, one on another post.",
            flagged.len(),
            super::plain::reply_noun(snapshot.platform).of(n),
            super::plain::percent(share)
        ),
        method_version: METHOD.to_string(),
    }
}
