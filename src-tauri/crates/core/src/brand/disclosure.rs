//! Disclosure compliance: which posts are sponsored, and whether each sponsored post is
//! disclosed the way the brief's jurisdictions require.
//!
//! Main types: [`DisclosureRules`] (compiled from `data/brand/disclosure.toml`: labels per
//! language, sponsorship signals, rules per jurisdiction), [`PostSignals`] (what one post
//! shows), [`Breach`] (one rule one post breaks) and the report rows [`SponsoredPost`],
//! [`DisclosedPost`], [`UndisclosedPost`] gathered in [`DisclosureReport`].
//!
//! A post is sponsored when the platform labels it, when it carries any advertising label in
//! any language (`#ad`, `Anzeige`, `Publicité`…), a vague one (`#sp`, `#collab`, `#gifted`), a
//! discount code or an affiliate link. "Thanks @brand" is noted but is not a signal on its own.
//! Each sponsored post is then judged against every chosen jurisdiction: an accepted label
//! present (clear wording), placed upfront (first lines / characters before "more"), and not
//! mixed into a run of hashtags; France adds the retouched / virtual image mentions and its
//! banned promotions.

use std::collections::{BTreeMap, HashSet};

use regex::Regex;
use serde::{Deserialize, Serialize};

use super::brief::Jurisdiction;
use super::data::{BrandDataError, compile_regex};
use super::matcher::{PhraseMatcher, PhraseSpec};
use super::text;
use crate::Post;

/// Shipped disclosure data (labels per language, signals, jurisdiction rules, with sources).
pub const SHIPPED_DISCLOSURE_TOML: &str = include_str!("../../data/brand/disclosure.toml");

/// The disclosure data file as written.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DisclosureFile {
    /// Labels per ISO 639-1 language.
    pub labels: BTreeMap<String, LanguageLabels>,
    /// Signals that are not words (links).
    pub signals: SignalSpec,
    /// Rules per jurisdiction code (`US`, `UK`, `FR`, `EU`).
    pub jurisdictions: BTreeMap<String, JurisdictionSpec>,
    /// Credit a sponsored post earns under one jurisdiction's rules.
    #[serde(default)]
    pub credit: CreditSpec,
}

/// Credit a sponsored post earns under one jurisdiction's rules: 1 when it meets them,
/// `partial` when it carries a clear advertising label that the rules find wanting (not
/// upfront, buried in hashtags, a wording or language this regulator does not accept, the
/// platform's label only, a missing image mention), 0 with no clear label at all or a
/// banned promotion.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CreditSpec {
    /// Credit for a clear label the rules find wanting (0–1).
    pub partial: f64,
}

impl Default for CreditSpec {
    fn default() -> Self {
        Self { partial: 0.5 }
    }
}

/// Advertising labels and signals in one language.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct LanguageLabels {
    /// Words that say plainly that a post is advertising.
    #[serde(default)]
    pub clear: Vec<String>,
    /// Label words (`ad`, `Werbung`, `publicité`): a clear label when they open a line of a
    /// post in this language (or of unknown language), or when written as `#word`, `word:`,
    /// `[word]`, `(word)` or `word |` in any post; inside a sentence they are ordinary words
    /// ("je déteste la publicité").
    #[serde(default)]
    pub label_words: Vec<String>,
    /// Vague words that signal a deal but do not disclose it (`#sp`, `#collab`).
    #[serde(default)]
    pub weak: Vec<String>,
    /// Labels (from `label_words`, `clear` or `weak`) that count only when the post is in
    /// this language (`pub` is French for ad but an English word).
    #[serde(default)]
    pub same_language_only: Vec<String>,
    /// Regexes for thanks to a brand (`thanks @brand`): vague, and no signal on their own.
    #[serde(default)]
    pub thanks_patterns: Vec<String>,
    /// Words that introduce a discount code in capitals (`promo code GLOW`, `Rabattcode`).
    #[serde(default)]
    pub code_keywords: Vec<String>,
    /// Short words (`code`) that introduce a discount code only when the code mixes letters
    /// and digits (`code GLOW20`, not `source code MIT`).
    #[serde(default)]
    pub code_words: Vec<String>,
}

/// Sponsorship signals found in links.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct SignalSpec {
    /// Hosts of affiliate link shorteners and networks (a link to one of these or a
    /// subdomain is an affiliate link).
    #[serde(default)]
    pub affiliate_domains: Vec<String>,
    /// Query parameters (`key` or `key=value`) that mark affiliate links.
    #[serde(default)]
    pub affiliate_params: Vec<String>,
}

/// One jurisdiction's rules.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct JurisdictionSpec {
    /// Human name (`United States — FTC`).
    pub name: String,
    /// Where the rules come from.
    pub sources: Vec<String>,
    /// Languages whose `clear` labels this regulator accepts (`*` = any).
    #[serde(default)]
    pub label_languages: Vec<String>,
    /// Languages (ISO 639-1) of the audience these rules protect: a sponsored post in one of
    /// them is judged by these rules (a French post by France's, an English one by the UK's);
    /// empty = every post. See [`DisclosureRules::audience_of`].
    #[serde(default)]
    pub audience_languages: Vec<String>,
    /// Further accepted labels (e.g. the statutory French wording).
    #[serde(default)]
    pub accepted: Vec<String>,
    /// Regexes for further accepted labels (`#BrandPartner`).
    #[serde(default)]
    pub accepted_patterns: Vec<String>,
    /// Labels this regulator does not accept even though they are clear elsewhere.
    #[serde(default)]
    pub not_accepted: Vec<String>,
    /// Whether the platform's own paid-partnership label is enough on its own.
    pub platform_label_sufficient: bool,
    /// A label must start within this many characters of the caption (0 = no rule).
    pub upfront_chars: usize,
    /// … and within this many lines.
    pub upfront_lines: usize,
    /// A hashtag label inside a run of at least this many hashtags/mentions is buried (0 = no
    /// rule).
    pub buried_hashtag_run: usize,
    /// What to write instead, quoted in messages.
    pub advice: String,
    /// Mentions required when images are retouched or generated.
    #[serde(default)]
    pub image_labels: Vec<ImageLabelSpec>,
    /// Promotions banned outright, by key.
    #[serde(default)]
    pub banned_promotions: BTreeMap<String, BannedPromotionSpec>,
}

/// A mention a post must carry when its text says the images were altered.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ImageLabelSpec {
    /// Rule key (`retouched_images_label`).
    pub key: String,
    /// Words that say the image was altered (`filtre`, `facetune`).
    pub cues: Vec<String>,
    /// Phrases that deny it (`no filter`), removed before looking for cues.
    #[serde(default)]
    pub negations: Vec<String>,
    /// The mentions that satisfy the rule (`images retouchées`).
    pub labels: Vec<String>,
    /// The rule in words.
    pub message: String,
}

/// A kind of promotion a jurisdiction bans.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BannedPromotionSpec {
    /// The rule in words.
    pub message: String,
    /// Words that show the post promotes it.
    pub terms: Vec<String>,
}

/// How a label reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LabelKind {
    /// Says plainly that the post is an ad.
    Clear,
    /// Vague shorthand (`#sp`, `#collab`): a sign of a deal, not a disclosure.
    Vague,
    /// Thanks to a brand: not a disclosure, and not a sign of a deal on its own.
    Thanks,
}

/// Why Scout thinks a post is sponsored.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SignalKind {
    /// The platform's own paid-partnership label.
    PlatformLabel,
    /// An advertising label in the text.
    Label,
    /// A vague label.
    VagueLabel,
    /// A discount code.
    DiscountCode,
    /// An affiliate link.
    AffiliateLink,
    /// Thanks to a mentioned account (supporting only).
    Thanks,
}

/// One signal with what was seen.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Signal {
    /// What kind of signal.
    pub kind: SignalKind,
    /// The text seen (`#ad`, `GLOW20`, the link).
    pub text: String,
}

/// A label found in a caption.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FoundLabel {
    /// The text as written.
    pub text: String,
    /// The listed phrase it matched (lowercase key for comparisons).
    pub phrase: String,
    /// The label word it was made from (`ad` for `#ad`), else the phrase; lowercase.
    pub word: String,
    /// The language lists it is in (that apply to this post), first one first.
    pub languages: Vec<String>,
    /// Clear, vague or thanks.
    pub kind: LabelKind,
    /// Byte offset in the caption.
    pub start: usize,
}

/// Everything disclosure-related one post shows.
#[derive(Debug, Clone, PartialEq)]
pub struct PostSignals {
    /// Title and text, NFKC, title first.
    pub caption: String,
    /// The post's language, if known.
    pub language: Option<String>,
    /// The platform's paid-partnership label.
    pub platform_label: bool,
    /// Labels found, in caption order.
    pub labels: Vec<FoundLabel>,
    /// Discount codes.
    pub codes: Vec<String>,
    /// Affiliate links.
    pub affiliate_links: Vec<String>,
    /// Mentioned handles.
    pub mentions: Vec<String>,
}

impl PostSignals {
    /// Whether the post is sponsored (any signal except thanks).
    pub fn is_sponsored(&self) -> bool {
        self.platform_label
            || self.labels.iter().any(|l| l.kind != LabelKind::Thanks)
            || !self.codes.is_empty()
            || !self.affiliate_links.is_empty()
    }

    /// The signals, for the report.
    pub fn signals(&self) -> Vec<Signal> {
        let mut out = Vec::new();
        if self.platform_label {
            out.push(Signal {
                kind: SignalKind::PlatformLabel,
                text: "paid partnership".into(),
            });
        }
        for l in &self.labels {
            let kind = match l.kind {
                LabelKind::Clear => SignalKind::Label,
                LabelKind::Vague => SignalKind::VagueLabel,
                LabelKind::Thanks => SignalKind::Thanks,
            };
            out.push(Signal {
                kind,
                text: l.text.clone(),
            });
        }
        out.extend(self.codes.iter().map(|c| Signal {
            kind: SignalKind::DiscountCode,
            text: c.clone(),
        }));
        out.extend(self.affiliate_links.iter().map(|c| Signal {
            kind: SignalKind::AffiliateLink,
            text: c.clone(),
        }));
        out
    }
}

/// One rule a sponsored post breaks.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Breach {
    /// Jurisdiction code (`US`, `UK`, `FR`, `EU`; `any` when the brief names none).
    pub jurisdiction: String,
    /// Stable rule id (`us.unclear_label`, `fr.retouched_images_label`).
    pub rule: String,
    /// The rule and what the post did, in words.
    pub message: String,
}

/// A sponsored post and why Scout thinks so.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SponsoredPost {
    /// Post id.
    pub post_id: String,
    /// Post URL.
    pub url: Option<String>,
    /// Publication time.
    pub date: chrono::DateTime<chrono::Utc>,
    /// The signals seen.
    pub signals: Vec<Signal>,
}

/// A sponsored post disclosed as every jurisdiction it addresses requires.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DisclosedPost {
    /// Post id.
    pub post_id: String,
    /// Post URL.
    pub url: Option<String>,
    /// The labels that satisfied the rules (plus `paid partnership` for the platform label).
    pub labels: Vec<String>,
    /// The jurisdictions it was judged by ([`DisclosureRules::audience_of`]).
    #[serde(default)]
    pub judged_under: Vec<String>,
}

/// A sponsored post that breaks at least one rule.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct UndisclosedPost {
    /// Post id.
    pub post_id: String,
    /// Post URL.
    pub url: Option<String>,
    /// Rule ids broken (`us.label_not_upfront`).
    pub rules_broken: Vec<String>,
    /// Each breach in words.
    pub breaches: Vec<Breach>,
    /// The jurisdictions it was judged by ([`DisclosureRules::audience_of`]).
    #[serde(default)]
    pub judged_under: Vec<String>,
    /// Its credit 0–1: the mean over `judged_under` of 1 (rules met), the partial credit
    /// (a clear label found wanting) or 0 (no clear label).
    #[serde(default)]
    pub compliance: f64,
}

/// How one sponsored post fares under the jurisdictions it addresses.
#[derive(Debug, Clone, PartialEq)]
pub struct Judgement {
    /// The jurisdictions it was judged by (codes; `any` when none was chosen).
    pub judged_under: Vec<String>,
    /// The labels that satisfied the rules.
    pub labels: Vec<String>,
    /// Every breach.
    pub breaches: Vec<Breach>,
    /// Credit 0–1: the mean over `judged_under` of each jurisdiction's credit.
    pub compliance: f64,
}

/// The disclosure part of a Fit report.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct DisclosureReport {
    /// Jurisdictions judged (codes).
    pub jurisdictions: Vec<String>,
    /// Original posts examined.
    pub posts_examined: u32,
    /// Every sponsored post.
    pub sponsored_posts: Vec<SponsoredPost>,
    /// Sponsored posts disclosed properly.
    pub disclosed_sponsored_posts: Vec<DisclosedPost>,
    /// Sponsored posts breaking a rule, with the rules.
    pub undisclosed_sponsored_posts: Vec<UndisclosedPost>,
    /// Sponsored posts / posts examined (`None` without posts).
    pub share_sponsored: Option<f64>,
    /// Properly disclosed / sponsored (`None` without sponsored posts).
    pub share_disclosed: Option<f64>,
    /// Mean credit of the sponsored posts (1 for a disclosed post, its
    /// [`UndisclosedPost::compliance`] otherwise); `None` without sponsored posts. The
    /// disclosure component of Fit.
    #[serde(default)]
    pub compliance: Option<f64>,
}

#[derive(Debug, Clone)]
struct LabelPayload {
    /// (language, counts only in posts of that language)
    sources: Vec<(String, bool)>,
    kind: LabelKind,
    word: String,
}

#[derive(Debug, Clone)]
struct CompiledImageRule {
    spec: ImageLabelSpec,
    cues: PhraseMatcher<()>,
    negations: PhraseMatcher<()>,
    labels: PhraseMatcher<()>,
}

#[derive(Debug, Clone)]
struct CompiledJurisdiction {
    code: String,
    spec: JurisdictionSpec,
    any_language: bool,
    languages: HashSet<String>,
    accepted: PhraseMatcher<()>,
    accepted_patterns: Vec<Regex>,
    not_accepted: HashSet<String>,
    images: Vec<CompiledImageRule>,
    banned: Vec<(String, BannedPromotionSpec, PhraseMatcher<()>)>,
}

/// Compiled disclosure rules.
#[derive(Debug, Clone)]
pub struct DisclosureRules {
    file: DisclosureFile,
    labels: PhraseMatcher<LabelPayload>,
    line_start: Vec<(String, Regex)>,
    strong_codes: Option<Regex>,
    weak_codes: Option<Regex>,
    thanks: Vec<(String, Regex)>,
    jurisdictions: BTreeMap<Jurisdiction, CompiledJurisdiction>,
    generic: CompiledJurisdiction,
}

const FILE: &str = "disclosure.toml";

fn phrases(list: &[String]) -> Result<PhraseMatcher<()>, BrandDataError> {
    PhraseMatcher::new(
        list.iter()
            .map(|p| PhraseSpec {
                phrase: p.clone(),
                endings: Vec::new(),
                payload: (),
            })
            .collect(),
    )
    .map_err(|e| BrandDataError::Regex {
        file: FILE.into(),
        pattern: list.join(" | "),
        message: e.to_string(),
    })
}

impl DisclosureRules {
    /// The shipped rules.
    pub fn shipped() -> Result<Self, BrandDataError> {
        Self::from_toml(SHIPPED_DISCLOSURE_TOML)
    }

    /// Rules from a TOML text in the shipped format (a user's edited copy).
    pub fn from_toml(text: &str) -> Result<Self, BrandDataError> {
        let file: DisclosureFile = toml::from_str(text).map_err(|e| BrandDataError::Toml {
            file: FILE.into(),
            message: e.to_string(),
        })?;
        Self::compile(file)
    }

    /// The data these rules were compiled from.
    pub fn file(&self) -> &DisclosureFile {
        &self.file
    }

    fn compile(file: DisclosureFile) -> Result<Self, BrandDataError> {
        // One entry per distinct phrase, remembering every language list it is in.
        let mut entries: Vec<(String, LabelPayload)> = Vec::new();
        let mut add = |phrase: String, lang: &str, same: bool, kind: LabelKind, word: String| {
            let key = text::fold(phrase.trim());
            match entries.iter_mut().find(|(k, _)| *k == key) {
                Some((_, p)) => {
                    p.sources.push((lang.to_string(), same));
                    if kind == LabelKind::Clear {
                        p.kind = LabelKind::Clear;
                    }
                }
                None => entries.push((
                    key,
                    LabelPayload {
                        sources: vec![(lang.to_string(), same)],
                        kind,
                        word,
                    },
                )),
            }
        };
        let mut line_start = Vec::new();
        let mut thanks = Vec::new();
        let mut strong = Vec::new();
        let mut weak = Vec::new();
        let alternation = |list: &[String]| -> Vec<String> {
            list.iter()
                .map(|k| {
                    k.split_whitespace()
                        .map(regex::escape)
                        .collect::<Vec<_>>()
                        .join(r"\s+")
                })
                .collect()
        };
        for (lang, l) in &file.labels {
            let same: HashSet<String> =
                l.same_language_only.iter().map(|s| text::fold(s)).collect();
            for (list, kind) in [(&l.clear, LabelKind::Clear), (&l.weak, LabelKind::Vague)] {
                for p in list {
                    let folded = text::fold(p.trim());
                    add(
                        p.trim().to_string(),
                        lang,
                        same.contains(&folded),
                        kind,
                        folded,
                    );
                }
            }
            for w in &l.label_words {
                let w = text::fold(w.trim());
                let only_here = same.contains(&w);
                let tag = format!("#{}", w.replace(' ', ""));
                let forms = [
                    tag,
                    format!("{w}:"),
                    format!("{w} :"),
                    format!("[{w}]"),
                    format!("({w})"),
                    format!("{w} |"),
                ];
                for form in forms {
                    add(form, lang, only_here, LabelKind::Clear, w.clone());
                }
            }
            if !l.label_words.is_empty() {
                let pattern = format!(
                    r"(?im)^[\s\p{{P}}\p{{S}}&&[^#@]]*((?:{})\b)",
                    alternation(&l.label_words).join("|")
                );
                line_start.push((lang.clone(), compile_regex(FILE, &pattern)?));
            }
            for p in &l.thanks_patterns {
                thanks.push((lang.clone(), compile_regex(FILE, &format!("(?i){p}"))?));
            }
            strong.extend(alternation(&l.code_keywords));
            weak.extend(alternation(&l.code_words));
        }
        let labels = PhraseMatcher::new(
            entries
                .into_iter()
                .map(|(phrase, payload)| PhraseSpec {
                    phrase,
                    endings: Vec::new(),
                    payload,
                })
                .collect(),
        )
        .map_err(|e| BrandDataError::Regex {
            file: FILE.into(),
            pattern: "labels".into(),
            message: e.to_string(),
        })?;
        let code_regex = |mut keywords: Vec<String>| -> Result<Option<Regex>, BrandDataError> {
            if keywords.is_empty() {
                return Ok(None);
            }
            keywords.sort_by_key(|k| std::cmp::Reverse(k.len()));
            keywords.dedup();
            let pattern = format!(
                r#"(?i:\b(?:{})\b)\s*[:\-–]?\s*["'“”‘’«»]?\s*([A-Z0-9][A-Z0-9_\-]{{2,24}})\b"#,
                keywords.join("|")
            );
            compile_regex(FILE, &pattern).map(Some)
        };
        let strong_codes = code_regex(strong)?;
        let weak_codes = code_regex(weak)?;
        let mut jurisdictions = BTreeMap::new();
        for (code, spec) in &file.jurisdictions {
            let j: Jurisdiction =
                code.parse()
                    .map_err(
                        |e: super::brief::UnknownJurisdiction| BrandDataError::Invalid {
                            file: FILE.into(),
                            message: e.to_string(),
                        },
                    )?;
            jurisdictions.insert(j, compile_jurisdiction(j.code(), spec.clone())?);
        }
        for j in Jurisdiction::ALL {
            if !jurisdictions.contains_key(&j) {
                return Err(BrandDataError::Invalid {
                    file: FILE.into(),
                    message: format!(
                        "no rules for jurisdiction {j}: add a [jurisdictions.{j}] table"
                    ),
                });
            }
        }
        let generic = compile_jurisdiction(
            "any",
            JurisdictionSpec {
                name: "No jurisdiction chosen: any clear label".into(),
                sources: Vec::new(),
                label_languages: vec!["*".into()],
                audience_languages: Vec::new(),
                accepted: Vec::new(),
                accepted_patterns: Vec::new(),
                not_accepted: Vec::new(),
                platform_label_sufficient: true,
                upfront_chars: 0,
                upfront_lines: 0,
                buried_hashtag_run: 0,
                advice: "a clear label such as \"Ad\"".into(),
                image_labels: Vec::new(),
                banned_promotions: BTreeMap::new(),
            },
        )?;
        Ok(Self {
            file,
            labels,
            line_start,
            strong_codes,
            weak_codes,
            thanks,
            jurisdictions,
            generic,
        })
    }

    /// Whether a post looks sponsored, by the same signals the disclosure check uses
    /// (the platform's label, advertising labels as whole tags or words, discount
    /// codes, affiliate links), in the post's own language. `#adventure` is not `#ad`.
    pub fn is_sponsored(&self, post: &Post) -> bool {
        let language = super::post_language(post);
        self.signals(post, language.as_deref()).is_sponsored()
    }

    /// What one post shows: labels, codes, affiliate links, mentions.
    pub fn signals(&self, post: &Post, language: Option<&str>) -> PostSignals {
        let caption = match &post.title {
            Some(t) if !t.trim().is_empty() => {
                text::normalize(&format!("{}\n{}", t.trim(), post.text))
            }
            _ => text::normalize(&post.text),
        };
        let mut labels: Vec<FoundLabel> = Vec::new();
        for m in self.labels.find_iter(&caption) {
            let languages: Vec<String> = m
                .payload
                .sources
                .iter()
                .filter(|(lang, same)| !same || language == Some(lang.as_str()))
                .map(|(lang, _)| lang.clone())
                .collect();
            if languages.is_empty() {
                continue;
            }
            labels.push(FoundLabel {
                text: caption[m.start..m.end].to_string(),
                phrase: m.phrase.to_lowercase(),
                word: m.payload.word.clone(),
                languages,
                kind: m.payload.kind,
                start: m.start,
            });
        }
        for (lang, re) in &self.line_start {
            // "Ad" opening a line is a label in English, a preposition in Italian.
            if language.is_some_and(|l| l != lang.as_str()) {
                continue;
            }
            for c in re.captures_iter(&caption) {
                if let Some(m) = c.get(1)
                    && !labels
                        .iter()
                        .any(|l| l.start <= m.start() && m.start() < l.start + l.text.len())
                {
                    labels.push(FoundLabel {
                        text: m.as_str().to_string(),
                        phrase: text::fold(m.as_str()),
                        word: text::fold(m.as_str()),
                        languages: vec![lang.clone()],
                        kind: LabelKind::Clear,
                        start: m.start(),
                    });
                }
            }
        }
        for (lang, re) in &self.thanks {
            for m in re.find_iter(&caption) {
                labels.push(FoundLabel {
                    text: m.as_str().to_string(),
                    phrase: text::fold(m.as_str()),
                    word: "thanks".into(),
                    languages: vec![lang.clone()],
                    kind: LabelKind::Thanks,
                    start: m.start(),
                });
            }
        }
        labels.sort_by_key(|l| l.start);
        let mut codes: Vec<String> = Vec::new();
        for (re, need_digit) in [(&self.strong_codes, false), (&self.weak_codes, true)] {
            let Some(re) = re else { continue };
            for c in re.captures_iter(&caption) {
                let Some(m) = c.get(1) else { continue };
                let code = m.as_str();
                let has_letter = code.chars().any(char::is_alphabetic);
                let has_digit = code.chars().any(|c| c.is_ascii_digit());
                let shouty = !code.chars().any(char::is_lowercase);
                if has_letter
                    && shouty
                    && (has_digit || !need_digit)
                    && !codes.iter().any(|c| c == code)
                {
                    codes.push(code.to_string());
                }
            }
        }
        let affiliate_links = text::urls(&caption)
            .into_iter()
            .filter(|u| self.is_affiliate(u))
            .map(str::to_string)
            .collect();
        PostSignals {
            mentions: text::mentions(&caption),
            caption,
            language: language.map(str::to_string),
            platform_label: post.sponsored_label == Some(true),
            labels,
            codes,
            affiliate_links,
        }
    }

    fn is_affiliate(&self, url: &str) -> bool {
        let lower = url.to_lowercase();
        let rest = lower.split_once("://").map_or(lower.as_str(), |(_, r)| r);
        let (host, tail) = rest.split_once(['/', '?', '#']).unwrap_or((rest, ""));
        let host = host.trim_start_matches("www.");
        if self
            .file
            .signals
            .affiliate_domains
            .iter()
            .any(|d| host == d.as_str() || host.ends_with(&format!(".{d}")))
        {
            return true;
        }
        let query = tail.split_once('?').map_or("", |(_, q)| q);
        query.split('&').any(|pair| {
            let key = pair.split_once('=').map_or(pair, |(k, _)| k);
            self.file
                .signals
                .affiliate_params
                .iter()
                .any(|p| match p.split_once('=') {
                    Some(_) => pair == p.as_str(),
                    None => key == p.as_str(),
                })
        })
    }

    /// Judge one sponsored post against the chosen jurisdictions (none chosen: only "some
    /// label present"). Returns the labels that satisfied the rules and the breaches.
    pub fn judge(
        &self,
        signals: &PostSignals,
        chosen: &[Jurisdiction],
    ) -> (Vec<String>, Vec<Breach>) {
        let rules: Vec<&CompiledJurisdiction> = if chosen.is_empty() {
            vec![&self.generic]
        } else {
            chosen
                .iter()
                .filter_map(|j| self.jurisdictions.get(j))
                .collect()
        };
        let j = self.judge_by(signals, &rules);
        (j.labels, j.breaches)
    }

    /// The chosen jurisdictions a post in `language` addresses: those whose audience speaks
    /// it (`audience_languages`: a French post is judged by France's rules, an English one by
    /// the UK's or the FTC's), with those that protect every audience (the EU's, "in the
    /// language of the audience"). When the language is unknown, or no chosen jurisdiction's
    /// audience speaks it, every chosen jurisdiction: nothing tells whom the post addresses.
    pub fn audience_of(
        &self,
        language: Option<&str>,
        chosen: &[Jurisdiction],
    ) -> Vec<Jurisdiction> {
        let spec = |j: &Jurisdiction| self.jurisdictions.get(j).map(|c| &c.spec);
        let speaks = |j: &Jurisdiction| {
            language.is_some_and(|l| {
                spec(j).is_some_and(|s| s.audience_languages.iter().any(|a| a == l))
            })
        };
        if !chosen.iter().any(speaks) {
            return chosen.to_vec();
        }
        chosen
            .iter()
            .copied()
            .filter(|j| speaks(j) || spec(j).is_some_and(|s| s.audience_languages.is_empty()))
            .collect()
    }

    fn speaks(&self, j: Jurisdiction, language: &str) -> bool {
        self.jurisdictions
            .get(&j)
            .is_some_and(|c| c.spec.audience_languages.iter().any(|a| a == language))
    }

    /// Judge one sponsored post by the chosen jurisdictions its audience falls under
    /// ([`DisclosureRules::audience_of`] of the post's language and of the language of any
    /// clear label in it), with partial credit.
    pub fn judge_post(&self, signals: &PostSignals, chosen: &[Jurisdiction]) -> Judgement {
        let rules: Vec<&CompiledJurisdiction> = if chosen.is_empty() {
            vec![&self.generic]
        } else {
            // The post's language, and that of a clear label opening it (« Collaboration
            // commerciale » on an English caption addresses a French audience too).
            let mut langs: Vec<&str> = signals.language.iter().map(String::as_str).collect();
            for l in signals.labels.iter().filter(|l| l.kind == LabelKind::Clear) {
                langs.extend(l.languages.iter().map(String::as_str));
            }
            let mut under: Vec<Jurisdiction> = Vec::new();
            for l in langs {
                let a = self.audience_of(Some(l), chosen);
                if a.len() < chosen.len() || a.iter().any(|j| self.speaks(*j, l)) {
                    under.extend(
                        a.into_iter()
                            .filter(|j| !under.contains(j))
                            .collect::<Vec<_>>(),
                    );
                }
            }
            if under.is_empty() {
                under = chosen.to_vec();
            }
            chosen
                .iter()
                .filter(|j| under.contains(j))
                .filter_map(|j| self.jurisdictions.get(j))
                .collect()
        };
        self.judge_by(signals, &rules)
    }

    fn judge_by(&self, signals: &PostSignals, rules: &[&CompiledJurisdiction]) -> Judgement {
        let mut ok_labels = Vec::new();
        let mut breaches = Vec::new();
        let mut credit = 0.0;
        let has_clear = signals.labels.iter().any(|l| l.kind == LabelKind::Clear);
        for j in rules {
            let (labels, mut b) = judge_one(j, signals);
            for l in labels {
                if !ok_labels.contains(&l) {
                    ok_labels.push(l);
                }
            }
            credit += if b.is_empty() {
                1.0
            } else if b.iter().any(|x| {
                x.rule.ends_with(".no_label")
                    || x.rule.contains(".banned_promotion.")
                    || (x.rule.ends_with(".unclear_label") && !has_clear)
            }) {
                0.0
            } else {
                self.file.credit.partial.clamp(0.0, 1.0)
            };
            breaches.append(&mut b);
        }
        Judgement {
            judged_under: rules.iter().map(|j| j.code.clone()).collect(),
            labels: ok_labels,
            breaches,
            compliance: if rules.is_empty() {
                0.0
            } else {
                credit / rules.len() as f64
            },
        }
    }

    /// The human name and sources of a jurisdiction's rules.
    pub fn jurisdiction_spec(&self, j: Jurisdiction) -> Option<&JurisdictionSpec> {
        self.jurisdictions.get(&j).map(|c| &c.spec)
    }

    /// Examine original posts: which are sponsored, and which of those break which rule.
    pub fn report<'p>(
        &self,
        posts: impl IntoIterator<Item = (&'p Post, Option<&'p str>)>,
        chosen: &[Jurisdiction],
    ) -> (DisclosureReport, Vec<(&'p Post, PostSignals)>) {
        let mut report = DisclosureReport {
            jurisdictions: if chosen.is_empty() {
                vec!["any".into()]
            } else {
                chosen.iter().map(|j| j.code().to_string()).collect()
            },
            ..DisclosureReport::default()
        };
        let mut all = Vec::new();
        let mut credit = 0.0;
        for (post, lang) in posts {
            report.posts_examined += 1;
            let s = self.signals(post, lang);
            if s.is_sponsored() {
                report.sponsored_posts.push(SponsoredPost {
                    post_id: post.id.clone(),
                    url: post.url.clone(),
                    date: post.created_at,
                    signals: s.signals(),
                });
                let Judgement {
                    judged_under,
                    labels,
                    breaches,
                    compliance,
                } = self.judge_post(&s, chosen);
                credit += if breaches.is_empty() { 1.0 } else { compliance };
                if breaches.is_empty() {
                    report.disclosed_sponsored_posts.push(DisclosedPost {
                        post_id: post.id.clone(),
                        url: post.url.clone(),
                        labels,
                        judged_under,
                    });
                } else {
                    let mut rules: Vec<String> = Vec::new();
                    for b in &breaches {
                        if !rules.contains(&b.rule) {
                            rules.push(b.rule.clone());
                        }
                    }
                    report.undisclosed_sponsored_posts.push(UndisclosedPost {
                        post_id: post.id.clone(),
                        url: post.url.clone(),
                        rules_broken: rules,
                        breaches,
                        judged_under,
                        compliance,
                    });
                }
            }
            all.push((post, s));
        }
        let n = report.posts_examined;
        let sponsored = report.sponsored_posts.len() as u32;
        report.share_sponsored = (n > 0).then(|| f64::from(sponsored) / f64::from(n));
        report.share_disclosed = (sponsored > 0)
            .then(|| report.disclosed_sponsored_posts.len() as f64 / f64::from(sponsored));
        report.compliance = (sponsored > 0).then(|| credit / f64::from(sponsored));
        (report, all)
    }
}

fn compile_jurisdiction(
    code: &str,
    spec: JurisdictionSpec,
) -> Result<CompiledJurisdiction, BrandDataError> {
    let accepted = phrases(&spec.accepted)?;
    let accepted_patterns = spec
        .accepted_patterns
        .iter()
        .map(|p| compile_regex(FILE, &format!("(?i){p}")))
        .collect::<Result<Vec<_>, _>>()?;
    let mut images = Vec::new();
    for rule in &spec.image_labels {
        images.push(CompiledImageRule {
            cues: phrases(&rule.cues)?,
            negations: phrases(&rule.negations)?,
            labels: phrases(&rule.labels)?,
            spec: rule.clone(),
        });
    }
    let mut banned = Vec::new();
    for (key, b) in &spec.banned_promotions {
        banned.push((key.clone(), b.clone(), phrases(&b.terms)?));
    }
    Ok(CompiledJurisdiction {
        code: code.to_string(),
        any_language: spec.label_languages.iter().any(|l| l == "*"),
        languages: spec.label_languages.iter().cloned().collect(),
        not_accepted: spec.not_accepted.iter().map(|s| s.to_lowercase()).collect(),
        accepted,
        accepted_patterns,
        images,
        banned,
        spec,
    })
}

/// A label occurrence that counts for a jurisdiction.
struct Occurrence {
    text: String,
    start: usize,
}

fn judge_one(j: &CompiledJurisdiction, s: &PostSignals) -> (Vec<String>, Vec<Breach>) {
    let lower = j.code.to_lowercase();
    let breach = |rule: &str, message: String| Breach {
        jurisdiction: j.code.clone(),
        rule: format!("{lower}.{rule}"),
        message: format!("{}: {message}", j.spec.name),
    };
    let mut occurrences: Vec<Occurrence> = s
        .labels
        .iter()
        .filter(|l| l.kind == LabelKind::Clear)
        .filter(|l| j.any_language || l.languages.iter().any(|x| j.languages.contains(x)))
        .filter(|l| !j.not_accepted.contains(&l.phrase) && !j.not_accepted.contains(&l.word))
        .map(|l| Occurrence {
            text: l.text.clone(),
            start: l.start,
        })
        .collect();
    occurrences.extend(j.accepted.find_iter(&s.caption).map(|m| Occurrence {
        text: s.caption[m.start..m.end].to_string(),
        start: m.start,
    }));
    for re in &j.accepted_patterns {
        occurrences.extend(re.find_iter(&s.caption).map(|m| Occurrence {
            text: m.as_str().to_string(),
            start: m.start(),
        }));
    }
    occurrences.sort_by_key(|o| o.start);

    let mut breaches = Vec::new();
    let mut ok_labels = Vec::new();
    if occurrences.is_empty() {
        if s.platform_label && j.spec.platform_label_sufficient {
            ok_labels.push("paid partnership".to_string());
        } else if s.platform_label {
            breaches.push(breach(
                "platform_label_only",
                format!(
                    "only the platform's paid-partnership label; add {} in the caption",
                    j.spec.advice
                ),
            ));
        } else {
            let quote = |kind: LabelKind| -> Vec<String> {
                s.labels
                    .iter()
                    .filter(|l| l.kind == kind)
                    .map(|l| format!("'{}'", l.text))
                    .collect()
            };
            let (clear, vague, thanks) = (
                quote(LabelKind::Clear),
                quote(LabelKind::Vague),
                quote(LabelKind::Thanks),
            );
            if clear.is_empty() && vague.is_empty() && thanks.is_empty() {
                breaches.push(breach(
                    "no_label",
                    format!("sponsored but no label; add {}", j.spec.advice),
                ));
            } else {
                let mut why = Vec::new();
                if !vague.is_empty() {
                    why.push(format!(
                        "{} is too vague to disclose an ad",
                        vague.join(", ")
                    ));
                }
                if !thanks.is_empty() {
                    why.push(format!(
                        "{} thanks the brand but does not say it is an ad",
                        thanks.join(", ")
                    ));
                }
                if !clear.is_empty() {
                    why.push(format!(
                        "{} is not a wording accepted here",
                        clear.join(", ")
                    ));
                }
                breaches.push(breach(
                    "unclear_label",
                    format!("{}; use {}", why.join("; "), j.spec.advice),
                ));
            }
        }
    } else {
        let verdicts: Vec<(bool, bool)> = occurrences
            .iter()
            .map(|o| {
                (
                    is_upfront(&s.caption, o.start, &j.spec),
                    is_buried(&s.caption, o, j.spec.buried_hashtag_run),
                )
            })
            .collect();
        if let Some(i) = verdicts.iter().position(|(up, buried)| *up && !*buried) {
            ok_labels.push(occurrences[i].text.clone());
        } else {
            let first = &occurrences[0];
            let (up, buried) = verdicts[0];
            if !up {
                breaches.push(breach(
                    "label_not_upfront",
                    format!(
                        "label '{}' appears only after the first {} lines / {} characters, where readers must click \"more\"; put it at the start",
                        first.text, j.spec.upfront_lines, j.spec.upfront_chars
                    ),
                ));
            }
            if buried {
                breaches.push(breach(
                    "label_buried_in_hashtags",
                    format!(
                        "label '{}' is mixed into a run of hashtags; put it on its own, upfront",
                        first.text
                    ),
                ));
            }
        }
    }
    for rule in &j.images {
        let mut body = s.caption.clone();
        let spans: Vec<(usize, usize)> = rule
            .negations
            .find_iter(&s.caption)
            .map(|m| (m.start, m.end))
            .collect();
        for (a, b) in spans.into_iter().rev() {
            body.replace_range(a..b, &" ".repeat(b - a));
        }
        let cue = rule
            .cues
            .find_iter(&body)
            .next()
            .map(|m| body[m.start..m.end].to_string());
        if let Some(cue) = cue
            && !rule.labels.is_match(&s.caption)
        {
            breaches.push(breach(
                &rule.spec.key,
                format!("{} (the caption says '{cue}')", rule.spec.message),
            ));
        }
    }
    for (key, b, terms) in &j.banned {
        if let Some(m) = terms.find_iter(&s.caption).next() {
            breaches.push(breach(
                &format!("banned_promotion.{key}"),
                format!(
                    "{} (the caption says '{}')",
                    b.message,
                    &s.caption[m.start..m.end]
                ),
            ));
        }
    }
    (ok_labels, breaches)
}

fn is_upfront(caption: &str, start: usize, spec: &JurisdictionSpec) -> bool {
    if spec.upfront_chars == 0 {
        return true;
    }
    let before = &caption[..start];
    let chars = before.chars().count();
    let line = before.matches('\n').count();
    chars <= spec.upfront_chars && line < spec.upfront_lines.max(1)
}

/// Whether a hashtag label sits inside a run of at least `run` hashtags/mentions that is not
/// the very start of the caption.
fn is_buried(caption: &str, o: &Occurrence, run: usize) -> bool {
    if run == 0 || !o.text.starts_with('#') {
        return false;
    }
    let tokens = whitespace_tokens(caption);
    let Some(at) = tokens
        .iter()
        .position(|(off, t)| *off <= o.start && o.start < off + t.len())
    else {
        return false;
    };
    let tag = |t: &str| t.starts_with('#') || t.starts_with('@');
    if !tag(tokens[at].1) {
        return false;
    }
    let mut lo = at;
    while lo > 0 && tag(tokens[lo - 1].1) {
        lo -= 1;
    }
    let mut hi = at;
    while hi + 1 < tokens.len() && tag(tokens[hi + 1].1) {
        hi += 1;
    }
    let first_thing = at == 0;
    hi - lo + 1 >= run && !first_thing
}

/// Whitespace-separated tokens with their byte offsets.
fn whitespace_tokens(text: &str) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    for (i, c) in text.char_indices() {
        match (c.is_whitespace(), start) {
            (true, Some(s)) => {
                out.push((s, &text[s..i]));
                start = None;
            }
            (false, None) => start = Some(i),
            _ => {}
        }
    }
    if let Some(s) = start {
        out.push((s, &text[s..]));
    }
    out
}
