//! Language and market fit: the creator's languages (declared by the platform or detected
//! with `whatlang` per post), their commenters' languages, and the creator's country where
//! the source states it, compared with the brief's target languages and markets.
//!
//! Main types: [`LanguageFit`], [`LanguageShare`], [`MarketFit`].

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::brief::{Brief, language_primary, market_alpha2};
use super::score::AudienceParams;

/// One language's share of posts or comments.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LanguageShare {
    /// ISO 639-1 code.
    pub code: String,
    /// English name.
    pub name: String,
    /// Posts or comments in it.
    pub count: u32,
    /// Share of those with a known language.
    pub share: f64,
}

/// The creator's market against the brief's.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MarketFit {
    /// The creator's country (ISO 3166-1 alpha-2), when the source states it.
    pub creator: Option<String>,
    /// The brief's markets.
    pub target: Vec<String>,
    /// Whether the creator's country is a target (`None` when either side is unknown).
    #[serde(rename = "match")]
    pub matched: Option<bool>,
}

/// Languages and market of a creator for a brief.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LanguageFit {
    /// The creator's languages by share of posts.
    pub creator: Vec<LanguageShare>,
    /// The commenters' languages by share of comments.
    pub commenters: Vec<LanguageShare>,
    /// The brief's target languages.
    pub target: Vec<String>,
    /// Combined match 0–1 (`None` when nothing could be compared).
    #[serde(rename = "match")]
    pub matched: Option<f64>,
    /// Share of the creator's posts in a target language.
    pub creator_match: Option<f64>,
    /// Share of comments in a target language.
    pub commenter_match: Option<f64>,
    /// Posts with a known language / posts.
    pub posts_with_language: u32,
    /// Posts examined.
    pub posts: u32,
    /// Comments with a known language.
    pub comments_with_language: u32,
    /// Comments examined.
    pub comments: u32,
    /// Market fit.
    pub markets: MarketFit,
}

fn shares(codes: &[String]) -> Vec<LanguageShare> {
    let mut counts: BTreeMap<&str, u32> = BTreeMap::new();
    for c in codes {
        *counts.entry(c.as_str()).or_default() += 1;
    }
    let total = codes.len() as f64;
    let mut out: Vec<LanguageShare> = counts
        .into_iter()
        .map(|(code, count)| LanguageShare {
            code: code.to_string(),
            name: isolang::Language::from_639_1(code)
                .map_or_else(|| code.to_string(), |l| l.to_name().to_string()),
            count,
            share: (f64::from(count) / total * 10_000.0).round() / 10_000.0,
        })
        .collect();
    out.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.code.cmp(&b.code)));
    out
}

fn share_in(codes: &[String], target: &[String]) -> Option<f64> {
    if codes.is_empty() || target.is_empty() {
        return None;
    }
    let hit = codes.iter().filter(|c| target.contains(c)).count();
    Some(hit as f64 / codes.len() as f64)
}

/// Compare languages and market. `post_languages` has one entry per original post (`None`
/// when unknown); `comment_languages` one per comment.
pub(crate) fn language_fit(
    post_languages: &[Option<String>],
    comment_languages: &[Option<String>],
    country: Option<&str>,
    brief: &Brief,
    p: &AudienceParams,
) -> LanguageFit {
    let target = brief.target_languages();
    let post_codes: Vec<String> = post_languages.iter().flatten().cloned().collect();
    let comment_codes: Vec<String> = comment_languages.iter().flatten().cloned().collect();
    let creator_match = if post_codes.len() as u32 >= p.min_posts.max(1) {
        share_in(&post_codes, &target)
    } else {
        None
    };
    let commenter_match = if comment_codes.len() as u32 >= p.min_comments.max(1) {
        share_in(&comment_codes, &target)
    } else {
        None
    };
    let markets = brief.target_markets();
    let creator_country = country.and_then(market_alpha2);
    let market_match = match (&creator_country, markets.is_empty()) {
        (Some(c), false) => Some(markets.contains(c)),
        _ => None,
    };
    let parts = [
        (creator_match, p.creator_weight),
        (commenter_match, p.commenter_weight),
        (
            market_match.map(|m| if m { 1.0 } else { 0.0 }),
            p.market_weight,
        ),
    ];
    let weight: f64 = parts
        .iter()
        .filter(|(v, _)| v.is_some())
        .map(|(_, w)| w)
        .sum();
    let matched = (weight > 0.0).then(|| {
        let s: f64 = parts.iter().filter_map(|(v, w)| v.map(|v| v * w)).sum();
        ((s / weight) * 10_000.0).round() / 10_000.0
    });
    LanguageFit {
        creator: shares(&post_codes),
        commenters: shares(&comment_codes),
        target,
        matched,
        creator_match,
        commenter_match,
        posts_with_language: post_codes.len() as u32,
        posts: post_languages.len() as u32,
        comments_with_language: comment_codes.len() as u32,
        comments: comment_languages.len() as u32,
        markets: MarketFit {
            creator: creator_country,
            target: markets,
            matched: market_match,
        },
    }
}

/// The language component's explanation.
/// A platform that shows no comments says so ("Twitch does not show comments on
/// videos"), never "0 of 0 comments".
pub(crate) fn explain(l: &LanguageFit, platform: crate::Platform) -> String {
    if l.target.is_empty() && l.markets.target.is_empty() {
        return "the brief names no target languages or markets".into();
    }
    let mut parts = Vec::new();
    if !l.target.is_empty() {
        let targets = l.target.join("/");
        parts.push(match l.creator_match {
            Some(m) => format!(
                "{:.0}% of the creator's posts in {targets} ({} of {} posts with a known language)",
                m * 100.0,
                l.posts_with_language,
                l.posts
            ),
            None => format!(
                "the creator's languages are unknown ({} of {} posts with a detectable language)",
                l.posts_with_language, l.posts
            ),
        });
        parts.push(match l.commenter_match {
            Some(m) => format!(
                "{:.0}% of comments in {targets} ({} of {} comments with a known language)",
                m * 100.0,
                l.comments_with_language,
                l.comments
            ),
            None if l.comments == 0 => {
                let replies = crate::checks::plain::reply_noun(platform).many;
                if crate::metrics::post_counts(platform).contains(&crate::metrics::Count::Replies) {
                    format!("no {replies} to read, so the commenters' languages are not counted")
                } else {
                    format!(
                        "{platform} does not show {replies} on {}, so the commenters' languages are not counted",
                        crate::checks::plain::post_noun(platform).many
                    )
                }
            }
            None => format!(
                "too few {} in a known language to count the commenters' languages ({} of {})",
                crate::checks::plain::reply_noun(platform).many,
                crate::checks::plain::count(u64::from(l.comments_with_language)),
                crate::checks::plain::counted_figure(l.comments as usize, crate::checks::plain::reply_noun(platform)),
            ),
        });
    }
    if !l.markets.target.is_empty() {
        parts.push(match (&l.markets.creator, l.markets.matched) {
            (Some(c), Some(true)) => format!("market {c} is a target"),
            (Some(c), _) => format!("market {c} is not one of {}", l.markets.target.join("/")),
            (None, _) => "the source does not state the creator's country".into(),
        });
    }
    parts.join("; ")
}

/// Primary ISO 639-1 code of a declared BCP-47 tag (`en-US` → `en`).
pub(crate) fn declared(tag: &str) -> Option<String> {
    language_primary(tag)
}
