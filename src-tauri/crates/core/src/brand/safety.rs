//! Brand safety: GARM-category phrase lists matched on word boundaries in the creator's
//! posts and reposts, each hit with its post and phrase, and a risk per category weighed
//! against the brief's sensitivity (the "suitability" pattern: the same content is fine for
//! one brand and a risk for another).
//!
//! Main types: [`SafetyLists`] (compiled from `data/brand/safety/<lang>.toml`),
//! [`SafetyFile`], [`SafetyHit`], [`CategoryRisk`], [`RiskLevel`].
//!
//! Risk per category: `high` with a severe (floor) phrase, or with at least
//! `high_posts` posts that are also at least `high_share` of the posts; `medium` with at
//! least `medium_posts` posts that are also at least `medium_share` of them; `low` with any
//! hit; else `none`.
//! The brief's sensitivity sets how much risk it tolerates (`low` → up to medium, `medium` →
//! up to low, `high` → none); one level above tolerance is "watch", two or more is "risk".
//! A hit on a banned topic of the brief is always a risk.

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

use super::brief::{Brief, SafetyCategory, SensitivityLevel};
use super::data::BrandDataError;
use super::matcher::{PhraseMatcher, PhraseSpec};
use super::score::SafetyParams;
use super::text;
use crate::{Post, PostKind, Verdict};

/// The shipped lists: (file name, TOML text).
pub const SHIPPED_SAFETY_TOML: [(&str, &str); 5] = [
    ("en.toml", include_str!("../../data/brand/safety/en.toml")),
    ("es.toml", include_str!("../../data/brand/safety/es.toml")),
    ("fr.toml", include_str!("../../data/brand/safety/fr.toml")),
    ("de.toml", include_str!("../../data/brand/safety/de.toml")),
    ("pt.toml", include_str!("../../data/brand/safety/pt.toml")),
];

/// One language's lists as written.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SafetyFile {
    /// ISO 639-1 code of the list.
    pub language: String,
    /// Endings tried after the last word of a phrase (plurals: `s`, `es`).
    #[serde(default)]
    pub endings: Vec<String>,
    /// Innocent phrases that contain a listed word (`glue gun`); blanked before matching.
    #[serde(default)]
    pub allow: Vec<String>,
    /// Phrases per category.
    pub categories: BTreeMap<SafetyCategory, CategoryTerms>,
}

/// The phrases of one category in one language.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct CategoryTerms {
    /// Phrases that make content sensitive in this category.
    #[serde(default)]
    pub terms: Vec<String>,
    /// Phrases at the GARM floor (never suitable): one post makes the risk high.
    #[serde(default)]
    pub severe: Vec<String>,
}

#[derive(Debug, Clone)]
struct Payload {
    category: SafetyCategory,
    language: String,
    severe: bool,
}

/// Compiled safety lists for every language.
#[derive(Debug, Clone)]
pub struct SafetyLists {
    files: Vec<SafetyFile>,
    matcher: PhraseMatcher<Payload>,
    allow: PhraseMatcher<()>,
}

/// One phrase found in one post.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SafetyHit {
    /// Category.
    pub category: SafetyCategory,
    /// The listed phrase that matched.
    pub phrase: String,
    /// The post.
    pub post_id: String,
    /// Its URL.
    pub url: Option<String>,
    /// Text around the hit.
    pub excerpt: String,
    /// Language of the list the phrase came from (`banned` for the brief's banned topics).
    pub language: String,
    /// Whether the phrase is at the GARM floor.
    pub severe: bool,
    /// Whether the post is a repost of someone else's.
    pub in_repost: bool,
}

/// How much content of a category the creator shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum RiskLevel {
    /// No hit.
    None,
    /// One post.
    Low,
    /// A few posts.
    Medium,
    /// A pattern, or a floor-level phrase.
    High,
}

impl RiskLevel {
    fn rank(self) -> i32 {
        match self {
            RiskLevel::None => 0,
            RiskLevel::Low => 1,
            RiskLevel::Medium => 2,
            RiskLevel::High => 3,
        }
    }

    /// Lowercase key.
    pub fn key(self) -> &'static str {
        match self {
            RiskLevel::None => "none",
            RiskLevel::Low => "low",
            RiskLevel::Medium => "medium",
            RiskLevel::High => "high",
        }
    }
}

/// A category's risk for this creator against the brief's sensitivity.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CategoryRisk {
    /// Category.
    pub category: SafetyCategory,
    /// Human label.
    pub label: String,
    /// Posts with at least one hit.
    pub posts_with_hits: u32,
    /// Posts scanned (originals and reposts).
    pub posts_scanned: u32,
    /// `posts_with_hits / posts_scanned`.
    pub share: f64,
    /// Posts with a floor-level phrase.
    pub severe_posts: u32,
    /// The creator's risk.
    pub risk: RiskLevel,
    /// The brief's sensitivity.
    pub sensitivity: SensitivityLevel,
    /// Ok, watch or risk.
    pub verdict: Verdict,
    /// Distinct phrases found (up to 10).
    pub phrases: Vec<String>,
}

impl SafetyLists {
    /// The shipped lists (English, Spanish, French, German, Portuguese).
    pub fn shipped() -> Result<Self, BrandDataError> {
        Self::from_tomls(SHIPPED_SAFETY_TOML.iter().copied())
    }

    /// Lists from `(file name, TOML)` pairs, one per language (the user's edited copies).
    pub fn from_tomls<'a>(
        files: impl IntoIterator<Item = (&'a str, &'a str)>,
    ) -> Result<Self, BrandDataError> {
        let mut parsed = Vec::new();
        for (name, text) in files {
            let f: SafetyFile = toml::from_str(text).map_err(|e| BrandDataError::Toml {
                file: name.to_string(),
                message: e.to_string(),
            })?;
            if f.categories.contains_key(&SafetyCategory::BannedTopic) {
                return Err(BrandDataError::Invalid {
                    file: name.to_string(),
                    message: "banned_topic is the brief's own list, not a safety list category"
                        .into(),
                });
            }
            parsed.push(f);
        }
        Self::compile(parsed)
    }

    fn compile(files: Vec<SafetyFile>) -> Result<Self, BrandDataError> {
        let mut specs = Vec::new();
        let mut seen = BTreeSet::new();
        for f in &files {
            for (cat, terms) in &f.categories {
                for (list, severe) in [(&terms.severe, true), (&terms.terms, false)] {
                    for p in list {
                        let key = (text::fold(p.trim()), *cat);
                        if !seen.insert(key) {
                            continue;
                        }
                        specs.push(PhraseSpec {
                            phrase: p.clone(),
                            endings: f.endings.clone(),
                            payload: Payload {
                                category: *cat,
                                language: f.language.clone(),
                                severe,
                            },
                        });
                    }
                }
            }
        }
        let matcher = PhraseMatcher::new(specs).map_err(|e| BrandDataError::Regex {
            file: "safety/*.toml".into(),
            pattern: "all safety phrases".into(),
            message: e.to_string(),
        })?;
        let allow = PhraseMatcher::new(
            files
                .iter()
                .flat_map(|f| {
                    f.allow.iter().map(|p| PhraseSpec {
                        phrase: p.clone(),
                        endings: f.endings.clone(),
                        payload: (),
                    })
                })
                .collect(),
        )
        .map_err(|e| BrandDataError::Regex {
            file: "safety/*.toml".into(),
            pattern: "allow phrases".into(),
            message: e.to_string(),
        })?;
        Ok(Self {
            files,
            matcher,
            allow,
        })
    }

    /// The lists as read.
    pub fn files(&self) -> &[SafetyFile] {
        &self.files
    }

    /// Number of phrases compiled.
    pub fn len(&self) -> usize {
        self.matcher.len()
    }

    /// Whether there are no phrases.
    pub fn is_empty(&self) -> bool {
        self.matcher.is_empty()
    }

    /// Scan posts (originals and reposts) for safety phrases and the brief's banned topics;
    /// returns every hit and the risk per category.
    pub fn scan<'p>(
        &self,
        posts: impl IntoIterator<Item = &'p Post>,
        brief: &Brief,
        params: &SafetyParams,
    ) -> (Vec<SafetyHit>, Vec<CategoryRisk>) {
        let banned = PhraseMatcher::new(
            brief
                .banned_topics
                .iter()
                .map(|b| PhraseSpec {
                    phrase: b.clone(),
                    endings: Vec::new(),
                    payload: (),
                })
                .collect(),
        )
        // Banned topics are escaped literals; a pattern too large for the engine is the only
        // failure, and then the brief's banned topics are simply not matched.
        .unwrap_or_else(|_| PhraseMatcher::empty());
        let mut hits = Vec::new();
        let mut scanned = 0u32;
        for post in posts {
            scanned += 1;
            let body = match &post.title {
                Some(t) if !t.trim().is_empty() => format!("{}\n{}", t.trim(), post.text),
                _ => post.text.clone(),
            };
            let body = text::match_text(&body);
            // Blank allowed phrases, keeping byte offsets, so excerpts come from `body`.
            let mut blanked = body.clone();
            let spans: Vec<(usize, usize)> = self
                .allow
                .find_iter(&body)
                .map(|m| (m.start, m.end))
                .collect();
            for (a, b) in spans.into_iter().rev() {
                blanked.replace_range(a..b, &" ".repeat(b - a));
            }
            let in_repost = post.kind == PostKind::Repost;
            let mut seen = BTreeSet::new();
            for m in self.matcher.find_iter(&blanked) {
                if seen.insert((m.payload.category, m.phrase.to_string())) {
                    hits.push(SafetyHit {
                        category: m.payload.category,
                        phrase: m.phrase.to_string(),
                        post_id: post.id.clone(),
                        url: post.url.clone(),
                        excerpt: text::excerpt(&body, m.start, m.end, params.excerpt_chars),
                        language: m.payload.language.clone(),
                        severe: m.payload.severe,
                        in_repost,
                    });
                }
            }
            for m in banned.find_iter(&body) {
                if seen.insert((SafetyCategory::BannedTopic, m.phrase.to_string())) {
                    hits.push(SafetyHit {
                        category: SafetyCategory::BannedTopic,
                        phrase: m.phrase.to_string(),
                        post_id: post.id.clone(),
                        url: post.url.clone(),
                        excerpt: text::excerpt(&body, m.start, m.end, params.excerpt_chars),
                        language: "banned".into(),
                        severe: true,
                        in_repost,
                    });
                }
            }
        }
        let mut categories: Vec<SafetyCategory> = SafetyCategory::GARM.to_vec();
        if !brief.banned_topics.is_empty() {
            categories.push(SafetyCategory::BannedTopic);
        }
        let risks = categories
            .into_iter()
            .map(|c| category_risk(c, &hits, scanned, brief.sensitivity.get(c), params))
            .collect();
        (hits, risks)
    }
}

fn category_risk(
    category: SafetyCategory,
    hits: &[SafetyHit],
    scanned: u32,
    sensitivity: SensitivityLevel,
    p: &SafetyParams,
) -> CategoryRisk {
    let mine: Vec<&SafetyHit> = hits.iter().filter(|h| h.category == category).collect();
    let posts: BTreeSet<&str> = mine.iter().map(|h| h.post_id.as_str()).collect();
    let severe: BTreeSet<&str> = mine
        .iter()
        .filter(|h| h.severe)
        .map(|h| h.post_id.as_str())
        .collect();
    let n = posts.len() as u32;
    let share = if scanned == 0 {
        0.0
    } else {
        (f64::from(n) / f64::from(scanned) * 10_000.0).round() / 10_000.0
    };
    let risk = if n == 0 {
        RiskLevel::None
    } else if !severe.is_empty() || (n >= p.high_posts && share >= p.high_share) {
        RiskLevel::High
    } else if n >= p.medium_posts && share >= p.medium_share {
        RiskLevel::Medium
    } else {
        RiskLevel::Low
    };
    let verdict = suitability(risk, sensitivity);
    let mut phrases: Vec<String> = Vec::new();
    for h in &mine {
        if !phrases.contains(&h.phrase) && phrases.len() < 10 {
            phrases.push(h.phrase.clone());
        }
    }
    CategoryRisk {
        category,
        label: category.label().to_string(),
        posts_with_hits: n,
        posts_scanned: scanned,
        share,
        severe_posts: severe.len() as u32,
        risk,
        sensitivity,
        verdict,
        phrases,
    }
}

/// Weigh a creator's risk against the brand's sensitivity.
pub fn suitability(risk: RiskLevel, sensitivity: SensitivityLevel) -> Verdict {
    let tolerance = match sensitivity {
        SensitivityLevel::Low => 2,
        SensitivityLevel::Medium => 1,
        SensitivityLevel::High => 0,
    };
    match risk.rank() - tolerance {
        i32::MIN..=0 => Verdict::Ok,
        1 => Verdict::Watch,
        _ => Verdict::Risk,
    }
}

/// The safety component: 1 minus the penalties of the categories judged watch or risk.
pub(crate) fn component(
    risks: &[CategoryRisk],
    scanned: u32,
    p: &SafetyParams,
) -> (Option<f64>, String) {
    if scanned == 0 {
        return (None, "no posts to scan".into());
    }
    let describe = |v: Verdict| -> Vec<String> {
        risks
            .iter()
            .filter(|r| r.verdict == v)
            .map(|r| {
                format!(
                    "{} ({} risk, {} of {} posts, sensitivity {})",
                    r.category.key(),
                    r.risk.key(),
                    r.posts_with_hits,
                    r.posts_scanned,
                    r.sensitivity.key()
                )
            })
            .collect()
    };
    let risky = describe(Verdict::Risk);
    let watch = describe(Verdict::Watch);
    let penalty = risky.len() as f64 * p.risk_penalty + watch.len() as f64 * p.watch_penalty;
    let score = (1.0 - penalty).max(0.0);
    let explanation = if risky.is_empty() && watch.is_empty() {
        let seen: Vec<&str> = risks
            .iter()
            .filter(|r| r.risk != RiskLevel::None)
            .map(|r| r.category.key())
            .collect();
        if seen.is_empty() {
            format!("no brand-safety phrase in {scanned} posts")
        } else {
            format!(
                "within the brief's tolerance ({} mentioned, sensitivity allows it)",
                seen.join(", ")
            )
        }
    } else {
        let mut parts = Vec::new();
        if !risky.is_empty() {
            parts.push(format!("risk: {}", risky.join("; ")));
        }
        if !watch.is_empty() {
            parts.push(format!("watch: {}", watch.join("; ")));
        }
        format!(
            "{} (−{} per risk, −{} per watch)",
            parts.join(" — "),
            p.risk_penalty,
            p.watch_penalty
        )
    };
    (Some(score), explanation)
}

#[cfg(test)]
mod tests {
    use super::*;
    use rstest::rstest;

    #[rstest]
    #[case(RiskLevel::Low, SensitivityLevel::High, Verdict::Watch)]
    #[case(RiskLevel::Medium, SensitivityLevel::High, Verdict::Risk)]
    #[case(RiskLevel::Low, SensitivityLevel::Medium, Verdict::Ok)]
    #[case(RiskLevel::Medium, SensitivityLevel::Medium, Verdict::Watch)]
    #[case(RiskLevel::High, SensitivityLevel::Medium, Verdict::Risk)]
    #[case(RiskLevel::High, SensitivityLevel::Low, Verdict::Watch)]
    #[case(RiskLevel::Medium, SensitivityLevel::Low, Verdict::Ok)]
    #[case(RiskLevel::None, SensitivityLevel::High, Verdict::Ok)]
    fn risk_is_weighed_against_sensitivity(
        #[case] risk: RiskLevel,
        #[case] sensitivity: SensitivityLevel,
        #[case] want: Verdict,
    ) {
        assert_eq!(suitability(risk, sensitivity), want);
    }

    #[test]
    fn shipped_lists_cover_every_garm_category_in_five_languages() {
        let lists = SafetyLists::shipped().expect("shipped lists compile");
        let langs: BTreeSet<&str> = lists.files().iter().map(|f| f.language.as_str()).collect();
        assert_eq!(langs, BTreeSet::from(["de", "en", "es", "fr", "pt"]));
        for f in lists.files() {
            for c in SafetyCategory::GARM {
                let terms = f
                    .categories
                    .get(&c)
                    .map_or(0, |t| t.terms.len() + t.severe.len());
                assert!(
                    terms >= 3,
                    "{} has only {terms} phrases for {c}",
                    f.language
                );
            }
        }
    }

    /// A phrase that is an everyday function word in one of the five languages would flag
    /// innocent posts in that language.
    #[test]
    fn no_safety_phrase_is_a_stop_word_of_another_language() {
        let lists = SafetyLists::shipped().expect("shipped lists compile");
        for f in lists.files() {
            for (c, t) in &f.categories {
                for p in t.terms.iter().chain(&t.severe) {
                    for lang in ["en", "es", "fr", "de", "pt"] {
                        assert!(
                            !text::stop_words_for(lang).contains(&text::fold(p).as_str()),
                            "{}/{c}: '{p}' is a {lang} stop word",
                            f.language
                        );
                    }
                }
            }
        }
    }

    #[test]
    fn unknown_category_is_named() {
        let err = SafetyLists::from_tomls([(
            "xx.toml",
            "language = \"xx\"\n[categories.gambling]\nterms = [\"bet\"]\n",
        )])
        .expect_err("unknown category is refused");
        assert!(err.to_string().contains("gambling"), "{err}");
    }
}
