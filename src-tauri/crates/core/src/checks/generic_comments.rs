//! Share of generic comments: emoji-only, mention-only, and short praise or
//! filler in several languages (see [`super::text::GenericLexicon`]). The
//! creator's own replies and empty comments are left out.

use super::benchmarks::Benchmarks;
use super::text::{CommentClass, GenericLexicon};
use super::{audience_comments, not_enough};
use crate::metrics::stats;
use crate::{Evidence, EvidenceKind, Finding, Snapshot};

/// Check id.
pub const CHECK: &str = "comment_quality.generic_share";
/// Method version.
pub const METHOD: &str = "generic_comments/1";
/// Comments needed: with fewer than 20, one comment moves the share by over five points.
pub const MIN_COMMENTS: usize = 20;
/// Comments at which confidence reaches 1.
pub const FULL_COMMENTS: usize = 200;
/// Evidence rows listed at most.
pub const MAX_EVIDENCE: usize = 50;

fn class_note(class: CommentClass) -> &'static str {
    match class {
        CommentClass::EmojiOnly => "emoji only",
        CommentClass::MentionOnly => "mentions only",
        CommentClass::GenericPhrase => "generic phrase",
        CommentClass::Empty | CommentClass::Substantive => "",
    }
}

/// Judge the share of generic comments with the shipped lexicon.
pub fn check(snapshot: &Snapshot, benchmarks: &Benchmarks) -> Finding {
    check_with(snapshot, benchmarks, GenericLexicon::shipped())
}

/// Judge the share of generic comments with a given lexicon.
pub fn check_with(
    snapshot: &Snapshot,
    benchmarks: &Benchmarks,
    lexicon: &GenericLexicon,
) -> Finding {
    let title = "Generic comments";
    let comments = match audience_comments(snapshot) {
        Ok(c) => c,
        Err(why) => return not_enough(CHECK, title, METHOD, why),
    };
    let classified: Vec<_> = comments
        .iter()
        .map(|c| (*c, lexicon.classify(&c.text)))
        .filter(|(_, class)| *class != CommentClass::Empty)
        .collect();
    let n = classified.len();
    if n < MIN_COMMENTS {
        return not_enough(
            CHECK,
            title,
            METHOD,
            format!(
                "Only {} by other accounts with any text (need {MIN_COMMENTS}).",
                super::plain::counted_figure(n, super::plain::Noun::new("comment", "comments"))
            ),
        );
    }
    let generic: Vec<_> = classified
        .iter()
        .filter(|(_, class)| class.is_generic())
        .collect();
    let count = |k: CommentClass| generic.iter().filter(|(_, class)| *class == k).count();
    let share = generic.len() as f64 / n as f64;
    let t = &benchmarks.thresholds.generic_comment_share;
    Finding {
        check: CHECK.to_string(),
        title: title.to_string(),
        value: Some(share),
        expected: Some(t.ok_range()),
        verdict: t.verdict(share),
        confidence: stats::sample_confidence(n, MIN_COMMENTS, FULL_COMMENTS),
        evidence: generic
            .iter()
            .take(MAX_EVIDENCE)
            .map(|(c, class)| {
                Evidence::new(
                    EvidenceKind::Comment,
                    c.id.clone(),
                    format!("{}: {}", class_note(*class), c.text),
                )
            })
            .collect(),
        explanation: format!(
            "{} of {n} {} ({}) are generic: {} emoji only, {} only a mention, {}.",
            generic.len(),
            super::plain::reply_noun(snapshot.platform).of(n),
            super::plain::percent(share),
            count(CommentClass::EmojiOnly),
            count(CommentClass::MentionOnly),
            super::plain::counted_figure(
                count(CommentClass::GenericPhrase),
                super::plain::Noun::new("stock phrase", "stock phrases")
            )
        ),
        method_version: METHOD.to_string(),
    }
}
