//! Comments in languages unrelated to the creator's: bought comments often come
//! from farms writing in other languages than the creator's audience.
//!
//! The creator's languages are those of at least [`CREATOR_LANGUAGE_SHARE`] of
//! their posts, taken from the posts' declared languages (Bluesky `langs`,
//! Mastodon `language`) or, where none is declared, detected with `whatlang`.
//! Comments count only when `whatlang` is confident (its `is_reliable`) on at
//! least [`MIN_CHARS`] characters of normalised text; unsure comments are left
//! out, never guessed.

use std::collections::BTreeMap;

use whatlang::Lang;

use super::benchmarks::Benchmarks;
use super::{audience_comments, not_enough};
use crate::metrics::stats;
use crate::{Evidence, EvidenceKind, Finding, PostKind, Snapshot};

/// Check id.
pub const CHECK: &str = "comment_quality.language_mismatch";
/// Method version.
pub const METHOD: &str = "language_mismatch/1";
/// Normalised characters a text needs before its language is detected.
pub const MIN_CHARS: usize = 20;
/// Posts with a known language needed to name the creator's languages.
pub const MIN_POSTS: usize = 3;
/// Share of posts a language needs to count as one of the creator's.
pub const CREATOR_LANGUAGE_SHARE: f64 = 0.2;
/// Confidently detected comments needed.
pub const MIN_COMMENTS: usize = 20;
/// Comments at which confidence reaches 1.
pub const FULL_COMMENTS: usize = 200;
/// Evidence rows listed at most.
pub const MAX_EVIDENCE: usize = 50;

/// The `whatlang` language of a BCP-47 tag's primary subtag (`pt-BR` → Portuguese).
pub fn lang_from_tag(tag: &str) -> Option<Lang> {
    let primary = tag.split(['-', '_']).next()?.to_ascii_lowercase();
    let code = match primary.as_str() {
        "af" => "afr",
        "ak" => "aka",
        "am" => "amh",
        "ar" => "ara",
        "az" => "aze",
        "be" => "bel",
        "bg" => "bul",
        "bn" => "ben",
        "ca" => "cat",
        "cs" => "ces",
        "cy" => "cym",
        "da" => "dan",
        "de" => "deu",
        "el" => "ell",
        "en" => "eng",
        "eo" => "epo",
        "es" => "spa",
        "et" => "est",
        "fa" => "pes",
        "fi" => "fin",
        "fr" => "fra",
        "gu" => "guj",
        "he" | "iw" => "heb",
        "hi" => "hin",
        "hr" => "hrv",
        "hu" => "hun",
        "hy" => "hye",
        "id" | "in" => "ind",
        "it" => "ita",
        "ja" => "jpn",
        "jv" => "jav",
        "ka" => "kat",
        "km" => "khm",
        "kn" => "kan",
        "ko" => "kor",
        "la" => "lat",
        "lt" => "lit",
        "lv" => "lav",
        "mk" => "mkd",
        "ml" => "mal",
        "mr" => "mar",
        "my" => "mya",
        "nb" | "no" | "nn" => "nob",
        "ne" => "nep",
        "nl" => "nld",
        "or" => "ori",
        "pa" => "pan",
        "pl" => "pol",
        "pt" => "por",
        "ro" => "ron",
        "ru" => "rus",
        "si" => "sin",
        "sk" => "slk",
        "sl" => "slv",
        "sn" => "sna",
        "sr" => "srp",
        "sv" => "swe",
        "ta" => "tam",
        "te" => "tel",
        "th" => "tha",
        "tk" => "tuk",
        "tl" => "tgl",
        "tr" => "tur",
        "uk" => "ukr",
        "ur" => "urd",
        "uz" => "uzb",
        "vi" => "vie",
        "yi" => "yid",
        "zh" => "cmn",
        "zu" => "zul",
        other if other.len() == 3 => other,
        _ => return None,
    };
    Lang::from_code(code)
}

/// The language of a text when `whatlang` is confident, else `None`.
pub fn detect(text: &str) -> Option<Lang> {
    let t = super::text::normalised(text);
    if t.joined.chars().count() < MIN_CHARS {
        return None;
    }
    super::text::detect_lang(&t.joined)
        .filter(|g| g.reliable)
        .map(|g| g.lang)
}

/// The creator's languages (each on at least [`CREATOR_LANGUAGE_SHARE`] of the
/// posts with a known language), ordered by ISO 639-3 code, and how many posts had one.
pub fn creator_languages(snapshot: &Snapshot) -> (Vec<Lang>, usize) {
    let mut counts: BTreeMap<&'static str, (Lang, usize)> = BTreeMap::new();
    let mut known = 0;
    for post in snapshot
        .posts
        .iter()
        .filter(|p| p.kind == PostKind::Original)
    {
        let mut langs: Vec<Lang> = post
            .languages
            .iter()
            .filter_map(|t| lang_from_tag(t))
            .collect();
        if langs.is_empty() {
            let text = match &post.title {
                Some(t) => format!("{t}. {}", post.text),
                None => post.text.clone(),
            };
            langs.extend(detect(&text));
        }
        let unique: BTreeMap<&'static str, Lang> =
            langs.into_iter().map(|l| (l.code(), l)).collect();
        if unique.is_empty() {
            continue;
        }
        known += 1;
        for (code, l) in unique {
            counts.entry(code).or_insert((l, 0)).1 += 1;
        }
    }
    let list = counts
        .into_values()
        .filter(|&(_, c)| c as f64 >= CREATOR_LANGUAGE_SHARE * known as f64)
        .map(|(l, _)| l)
        .collect();
    (list, known)
}

/// Judge the share of confidently detected comments in other languages.
pub fn check(snapshot: &Snapshot, benchmarks: &Benchmarks) -> Finding {
    let title = "Comments in unrelated languages";
    let comments = match audience_comments(snapshot) {
        Ok(c) => c,
        Err(why) => return not_enough(CHECK, title, METHOD, why),
    };
    let (creator, known) = creator_languages(snapshot);
    if known < MIN_POSTS || creator.is_empty() {
        return not_enough(
            CHECK,
            title,
            METHOD,
            format!(
                "The language of only {} is known (need {MIN_POSTS}), so the creator's language is unclear.",
                super::plain::counted_figure(known, super::plain::Noun::new("post", "posts"))
            ),
        );
    }
    let detected: Vec<_> = comments
        .iter()
        .filter_map(|c| Some((*c, detect(&c.text)?)))
        .collect();
    let n = detected.len();
    if n < MIN_COMMENTS {
        return not_enough(
            CHECK,
            title,
            METHOD,
            format!(
                "The language of only {n} of {} comments could be detected with confidence (need {MIN_COMMENTS}).",
                comments.len()
            ),
        );
    }
    let other: Vec<_> = detected
        .iter()
        .filter(|(_, l)| !creator.contains(l))
        .collect();
    let share = other.len() as f64 / n as f64;
    let t = &benchmarks.thresholds.language_mismatch_share;
    let names: Vec<&str> = creator.iter().map(|l| l.eng_name()).collect();
    Finding {
        check: CHECK.to_string(),
        title: title.to_string(),
        value: Some(share),
        expected: Some(t.ok_range()),
        verdict: t.verdict(share),
        confidence: stats::sample_confidence(n, MIN_COMMENTS, FULL_COMMENTS),
        evidence: other
            .iter()
            .take(MAX_EVIDENCE)
            .map(|(c, l)| {
                Evidence::new(
                    EvidenceKind::Comment,
                    c.id.clone(),
                    format!("{}: {}", l.eng_name(), c.text),
                )
            })
            .collect(),
        explanation: format!(
            "{} of {n} {} whose language is clear ({}) are in languages the creator does not post in (the creator posts in {}).",
            other.len(),
            super::plain::reply_noun(snapshot.platform).of(n),
            super::plain::percent(share),
            names.join(", ")
        ),
        method_version: METHOD.to_string(),
    }
}
