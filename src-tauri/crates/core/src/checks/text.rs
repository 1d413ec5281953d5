//! Comment text handling shared by the comment-quality checks: NFKC
//! normalisation ([`normalise`]), emoji detection on grapheme clusters
//! ([`is_emoji_only`]), the generic-comment lexicon ([`GenericLexicon`], shipped
//! as `core/data/generic_comments.toml`) and the resulting [`CommentClass`].
//!
//! Emoji are recognised per extended grapheme cluster with the `emojis` crate's
//! current Unicode emoji data, so ZWJ sequences (👨‍👩‍👧‍👦), skin tones (👍🏽),
//! flags and keycaps (#️⃣) are one emoji each, while a bare `1` or `#` is text.

use std::collections::HashSet;
use std::sync::{Arc, LazyLock, OnceLock};

use regex::Regex;
use serde::Deserialize;
use unicode_normalization::UnicodeNormalization;
use unicode_segmentation::UnicodeSegmentation;

/// The shipped lexicon.
pub const GENERIC_TOML: &str = include_str!("../../data/generic_comments.toml");

/// NFKC-normalised text (full-width letters, ligatures and compatibility forms folded).
pub fn nfkc(text: &str) -> String {
    text.nfkc().collect()
}

/// Whether one grapheme cluster is an emoji (fully, minimally or un-qualified).
pub fn is_emoji_grapheme(grapheme: &str) -> bool {
    emojis::get(grapheme).is_some()
}

/// Whether `text` holds at least one emoji and nothing else but whitespace.
pub fn is_emoji_only(text: &str) -> bool {
    let text = nfkc(text);
    let mut any = false;
    for g in text.graphemes(true) {
        if g.chars().all(char::is_whitespace) {
            continue;
        }
        if !is_emoji_grapheme(g) {
            return false;
        }
        any = true;
    }
    any
}

/// A comment reduced to the words that carry meaning.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Normalised {
    /// Lowercase words without emoji, mentions, hashtags or punctuation;
    /// apostrophes dropped, runs of three or more equal letters collapsed to one.
    pub words: Vec<String>,
    /// The text held at least one emoji.
    pub had_emoji: bool,
    /// The text held at least one `@mention`.
    pub had_mention: bool,
    /// The text held at least one `#hashtag`.
    pub had_hashtag: bool,
}

impl Normalised {
    /// The words joined by single spaces.
    pub fn joined(&self) -> String {
        self.words.join(" ")
    }
}

fn collapse_runs(word: &str) -> String {
    let chars: Vec<char> = word.chars().collect();
    let mut out = String::with_capacity(word.len());
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let mut j = i;
        while j < chars.len() && chars[j] == c {
            j += 1;
        }
        let run = j - i;
        let keep = if run >= 3 && c.is_alphabetic() {
            1
        } else {
            run
        };
        out.extend(std::iter::repeat_n(c, keep));
        i = j;
    }
    out
}

/// Normalise a comment: NFKC, lowercase, emoji out (noted), `@mentions` and
/// `#hashtags` out (noted), apostrophes dropped, other punctuation to spaces,
/// letter runs of 3+ collapsed.
pub fn normalise(text: &str) -> Normalised {
    let lowered = nfkc(text).to_lowercase();
    let mut n = Normalised::default();
    let mut without_emoji = String::with_capacity(lowered.len());
    for g in lowered.graphemes(true) {
        if !g.chars().all(char::is_whitespace) && is_emoji_grapheme(g) {
            n.had_emoji = true;
            without_emoji.push(' ');
        } else {
            without_emoji.push_str(g);
        }
    }
    for token in without_emoji.split_whitespace() {
        if token.starts_with('@') && token.chars().count() > 1 {
            n.had_mention = true;
            continue;
        }
        if token.starts_with('#') && token.chars().count() > 1 {
            n.had_hashtag = true;
            continue;
        }
        let cleaned: String = token
            .chars()
            .filter(|c| !matches!(c, '\'' | '’' | 'ʼ' | '`' | '´'))
            .map(|c| if c.is_alphanumeric() { c } else { ' ' })
            .collect();
        n.words
            .extend(cleaned.split_whitespace().map(collapse_runs));
    }
    n
}

/// A [`Normalised`] text with its words already joined, as [`normalised`] remembers it.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct NormalisedText {
    /// The normalisation.
    pub normalised: Normalised,
    /// [`Normalised::joined`].
    pub joined: String,
}

/// Texts whose normalisation is remembered (a few MB at most).
const NORMALISED_CAPACITY: usize = 16_384;

static NORMALISED: LazyLock<quick_cache::sync::Cache<String, Arc<NormalisedText>>> =
    LazyLock::new(|| quick_cache::sync::Cache::new(NORMALISED_CAPACITY));

/// [`normalise`] of `text` with its joined words, remembered per exact text in a
/// bounded cache: the generic-comment, near-duplicate and language checks all read a
/// comment's normalised words, and NFKC, grapheme segmentation and emoji lookup were
/// the largest share of a creator's checks. The answer is the same as [`normalise`].
pub fn normalised(text: &str) -> Arc<NormalisedText> {
    if let Some(hit) = NORMALISED.get(text) {
        return hit;
    }
    let normalised = normalise(text);
    let joined = normalised.joined();
    let value = Arc::new(NormalisedText { normalised, joined });
    NORMALISED.insert(text.to_string(), Arc::clone(&value));
    value
}

/// What a comment is, for the generic-share check.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CommentClass {
    /// Nothing but whitespace.
    Empty,
    /// Emoji only (punctuation allowed).
    EmojiOnly,
    /// Mentions only (tagging friends), emoji allowed.
    MentionOnly,
    /// Short praise or filler from the lexicon, or hashtags / punctuation only.
    GenericPhrase,
    /// Anything else.
    Substantive,
}

impl CommentClass {
    /// Emoji-only, mention-only or generic phrase.
    pub fn is_generic(self) -> bool {
        matches!(
            self,
            CommentClass::EmojiOnly | CommentClass::MentionOnly | CommentClass::GenericPhrase
        )
    }
}

/// The lexicon could not be read.
#[derive(Debug, thiserror::Error)]
#[error(
    "generic comment lexicon is not valid TOML: {0}; compare it with the shipped generic_comments.toml"
)]
pub struct LexiconError(#[from] toml::de::Error);

#[derive(Deserialize)]
struct LexiconFile {
    max_words: usize,
    languages: std::collections::BTreeMap<String, LanguageList>,
}

#[derive(Deserialize)]
struct LanguageList {
    phrases: Vec<String>,
    words: Vec<String>,
}

/// Generic phrases and words in several languages, matched on [`Normalised`] text.
#[derive(Debug, Clone)]
pub struct GenericLexicon {
    max_words: usize,
    phrases: HashSet<String>,
    words: HashSet<String>,
    laughter: Regex,
}

fn normalise_entry(entry: &str) -> String {
    normalise(entry).joined()
}

impl GenericLexicon {
    /// Parse a lexicon file (same shape as the shipped one).
    pub fn from_toml(text: &str) -> Result<Self, LexiconError> {
        let file: LexiconFile = toml::from_str(text)?;
        let mut phrases = HashSet::new();
        let mut words = HashSet::new();
        for list in file.languages.values() {
            phrases.extend(list.phrases.iter().map(|p| normalise_entry(p)));
            words.extend(list.words.iter().map(|w| normalise_entry(w)));
        }
        phrases.remove("");
        words.remove("");
        let laughter = Regex::new(r"^(?:(?:[hj][aeiu])+h?|k+|(?:rs)+|(?:lol)+|lmao|mdr|xd)$")
            .expect("laughter pattern is a valid regex");
        Ok(Self {
            max_words: file.max_words,
            phrases,
            words,
            laughter,
        })
    }

    /// The shipped lexicon, parsed once.
    pub fn shipped() -> &'static GenericLexicon {
        static LEXICON: OnceLock<GenericLexicon> = OnceLock::new();
        LEXICON.get_or_init(|| {
            GenericLexicon::from_toml(GENERIC_TOML)
                .expect("the shipped generic_comments.toml parses (tested)")
        })
    }

    fn is_generic_word(&self, word: &str) -> bool {
        self.words.contains(word) || self.laughter.is_match(word)
    }

    /// Classify one comment.
    pub fn classify(&self, text: &str) -> CommentClass {
        if text.trim().is_empty() {
            return CommentClass::Empty;
        }
        let t = normalised(text);
        let n = &t.normalised;
        if n.words.is_empty() {
            // Emoji-only text never leaves words (emoji go, and lowercasing leaves them
            // emoji), so this test is needed only here.
            if is_emoji_only(text) {
                return CommentClass::EmojiOnly;
            }
            return if n.had_mention {
                CommentClass::MentionOnly
            } else if n.had_emoji {
                CommentClass::EmojiOnly
            } else {
                CommentClass::GenericPhrase
            };
        }
        if self.phrases.contains(&t.joined) {
            return CommentClass::GenericPhrase;
        }
        if n.words.len() <= self.max_words && n.words.iter().all(|w| self.is_generic_word(w)) {
            return CommentClass::GenericPhrase;
        }
        CommentClass::Substantive
    }
}

/// Character 4-gram shingles of a normalised text (the whole text as one shingle
/// when shorter), sorted and without repeats. A shingle is four `char`s, so two
/// texts share a shingle exactly when they share those four characters.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Shingles(Vec<[char; 4]>);

impl Shingles {
    /// How many distinct shingles.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Whether there are none (only for an empty text).
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

/// The shingles of `joined` (see [`Shingles`]).
pub fn shingles(joined: &str) -> Shingles {
    let chars: Vec<char> = joined.chars().collect();
    if chars.is_empty() {
        return Shingles(Vec::new());
    }
    if chars.len() < 4 {
        // A short text is one shingle; the NUL padding never occurs in normalised text.
        let mut one = ['\0'; 4];
        one[..chars.len()].copy_from_slice(&chars);
        return Shingles(vec![one]);
    }
    let mut v: Vec<[char; 4]> = chars.windows(4).map(|w| [w[0], w[1], w[2], w[3]]).collect();
    v.sort_unstable();
    v.dedup();
    Shingles(v)
}

/// Jaccard similarity of two shingle sets (1.0 for two empty sets).
pub fn jaccard(a: &Shingles, b: &Shingles) -> f64 {
    if a.is_empty() && b.is_empty() {
        return 1.0;
    }
    let (mut i, mut j, mut inter) = (0, 0, 0usize);
    while i < a.0.len() && j < b.0.len() {
        match a.0[i].cmp(&b.0[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                inter += 1;
                i += 1;
                j += 1;
            }
        }
    }
    let inter = inter as f64;
    let union = (a.len() + b.len()) as f64 - inter;
    inter / union
}

/// What `whatlang` detected in one text.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct LangGuess {
    /// The language.
    pub lang: whatlang::Lang,
    /// whatlang's confidence, 0–1.
    pub confidence: f64,
    /// Whether whatlang calls the detection reliable.
    pub reliable: bool,
}

/// Texts whose detection is remembered (about 4 MB at most).
const DETECTED_CAPACITY: usize = 32_768;

static DETECTED: LazyLock<quick_cache::sync::Cache<String, Option<LangGuess>>> =
    LazyLock::new(|| quick_cache::sync::Cache::new(DETECTED_CAPACITY));

/// `whatlang`'s detection of `text`, remembered per exact text in a bounded cache:
/// detection is the slowest step of a creator's checks (about 90 µs a text), and the
/// same captions, titles and comments are checked again on every refresh, by the
/// comment-language check and by Fit. The answer is the same as calling whatlang.
pub fn detect_lang(text: &str) -> Option<LangGuess> {
    if let Some(hit) = DETECTED.get(text) {
        return hit;
    }
    let guess = whatlang::detect(text).map(|i| LangGuess {
        lang: i.lang(),
        confidence: i.confidence(),
        reliable: i.is_reliable(),
    });
    DETECTED.insert(text.to_string(), guess);
    guess
}

#[cfg(test)]
mod tests {
    use super::*;
    use rstest::rstest;

    #[rstest]
    #[case("😍", true)]
    #[case("🔥🔥🔥", true)]
    #[case("  👏 👏  ", true)]
    #[case("👍🏽", true)] // skin tone modifier
    #[case("👋🏿👋🏻", true)]
    #[case("👨‍👩‍👧‍👦", true)] // ZWJ family
    #[case("🏳️‍🌈", true)] // ZWJ flag
    #[case("❤️‍🔥", true)] // ZWJ heart on fire
    #[case("🧑🏽‍💻", true)] // ZWJ with skin tone
    #[case("🇩🇪", true)] // regional indicator flag
    #[case("#️⃣", true)] // keycap is an emoji…
    #[case("1️⃣", true)]
    #[case("❤", true)] // unqualified heart
    #[case("1", false)] // …but a bare digit is not
    #[case("#", false)] // …nor a bare number sign
    #[case("*", false)]
    #[case("10/10", false)]
    #[case("😍 nice", false)]
    #[case("", false)]
    #[case("   ", false)]
    fn emoji_only(#[case] text: &str, #[case] want: bool) {
        assert_eq!(is_emoji_only(text), want, "{text:?}");
    }

    #[rstest]
    #[case("Niiiice pic!!! 😍", &["nice", "pic"])]
    #[case("J'ADORE", &["jadore"])]
    #[case("Ｎｉｃｅ", &["nice"])] // full-width folded by NFKC
    #[case("@anna look at this #tbt", &["look", "at", "this"])]
    #[case("good  -  book", &["good", "book"])]
    fn normalisation(#[case] text: &str, #[case] want: &[&str]) {
        assert_eq!(normalise(text).words, want);
    }

    #[rstest]
    // English
    #[case("Nice pic! 😍", CommentClass::GenericPhrase)]
    #[case("love this!!", CommentClass::GenericPhrase)]
    #[case("So cute 🥰🥰", CommentClass::GenericPhrase)]
    #[case("Awesome", CommentClass::GenericPhrase)]
    #[case("check my profile", CommentClass::GenericPhrase)]
    #[case("hahaha", CommentClass::GenericPhrase)]
    // Spanish
    #[case("¡Qué linda! 😍", CommentClass::GenericPhrase)]
    #[case("me encanta", CommentClass::GenericPhrase)]
    #[case("Hermosa foto", CommentClass::GenericPhrase)]
    #[case("jajaja", CommentClass::GenericPhrase)]
    // German
    #[case("Sehr schön!", CommentClass::GenericPhrase)]
    #[case("Tolles Bild 👍", CommentClass::GenericPhrase)]
    #[case("Weiter so!!", CommentClass::GenericPhrase)]
    // Portuguese
    #[case("Muito lindo!", CommentClass::GenericPhrase)]
    #[case("amei 😍😍", CommentClass::GenericPhrase)]
    #[case("perfeita demais", CommentClass::GenericPhrase)]
    #[case("kkkkkk", CommentClass::GenericPhrase)]
    // French
    #[case("Trop beau !", CommentClass::GenericPhrase)]
    #[case("J'adore ❤️", CommentClass::GenericPhrase)]
    #[case("magnifique", CommentClass::GenericPhrase)]
    // other generic shapes
    #[case("😍😍😍", CommentClass::EmojiOnly)]
    #[case("🔥🔥!!", CommentClass::EmojiOnly)]
    #[case("@maria_22 @joao.p", CommentClass::MentionOnly)]
    #[case("@maria_22 😂", CommentClass::MentionOnly)]
    #[case("#love #instagood", CommentClass::GenericPhrase)]
    #[case("   ", CommentClass::Empty)]
    // substantive
    #[case("Where did you buy that jacket?", CommentClass::Substantive)]
    #[case("¿Dónde compraste la chaqueta?", CommentClass::Substantive)]
    #[case("Welche Kamera benutzt du dafür?", CommentClass::Substantive)]
    #[case("Qual é o nome dessa música?", CommentClass::Substantive)]
    #[case("C'est quelle marque, la veste ?", CommentClass::Substantive)]
    #[case("1", CommentClass::Substantive)]
    #[case("love the colours in the second photo", CommentClass::Substantive)]
    fn classification(#[case] text: &str, #[case] want: CommentClass) {
        assert_eq!(GenericLexicon::shipped().classify(text), want, "{text:?}");
    }

    #[test]
    fn jaccard_of_shingles_by_hand() {
        // "abcde" -> {abcd, bcde}; "abcdf" -> {abcd, bcdf}: 1 shared of 3
        let a = shingles("abcde");
        let b = shingles("abcdf");
        assert!((jaccard(&a, &b) - 1.0 / 3.0).abs() < 1e-12);
        assert!((jaccard(&a, &a) - 1.0).abs() < 1e-12);
        // Repeated 4-grams count once; short texts are one shingle each.
        assert_eq!(shingles("aaaaaaa").len(), 1);
        assert_eq!(shingles("ab"), shingles("ab"));
        assert!(jaccard(&shingles("ab"), &shingles("abc")).abs() < 1e-12);
        assert!((jaccard(&shingles(""), &shingles("")) - 1.0).abs() < 1e-12);
        assert!(jaccard(&shingles("abcd"), &shingles("")).abs() < 1e-12);
        let (x, y) = (
            shingles("great video thanks"),
            shingles("great videos, thanks"),
        );
        assert!((jaccard(&x, &y) - jaccard(&y, &x)).abs() < 1e-12);
    }

    #[test]
    fn remembered_detection_is_whatlangs() {
        for text in [
            "Ich finde dieses Rezept wirklich großartig und werde es morgen ausprobieren",
            "This is a perfectly ordinary English sentence about breakfast",
            "Me encanta esta receta, la voy a preparar este fin de semana",
            "ok",
        ] {
            let direct = whatlang::detect(text);
            for _ in 0..2 {
                let got = detect_lang(text);
                assert_eq!(
                    got.map(|g| g.lang),
                    direct.as_ref().map(whatlang::Info::lang)
                );
                assert_eq!(
                    got.map(|g| g.reliable),
                    direct.as_ref().map(whatlang::Info::is_reliable)
                );
            }
        }
    }

    #[test]
    fn remembered_normalisation_is_normalise() {
        for text in [
            "Niiiice pic!!! 😍",
            "@anna look at this #tbt",
            "Ｎｉｃｅ",
            "🔥🔥!!",
            "",
        ] {
            for _ in 0..2 {
                let got = normalised(text);
                assert_eq!(got.normalised, normalise(text), "{text:?}");
                assert_eq!(got.joined, normalise(text).joined(), "{text:?}");
            }
        }
    }

    #[test]
    fn a_custom_lexicon_loads() {
        let lex = GenericLexicon::from_toml(
            "max_words = 2\n[languages.xx]\nphrases = [\"blorp\"]\nwords = [\"zing\"]\n",
        )
        .unwrap();
        assert_eq!(lex.classify("Blorp!"), CommentClass::GenericPhrase);
        assert_eq!(lex.classify("zing zing"), CommentClass::GenericPhrase);
        assert_eq!(lex.classify("zing zing zing"), CommentClass::Substantive);
        assert!(GenericLexicon::from_toml("max_words = \"x\"").is_err());
    }
}
