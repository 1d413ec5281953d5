//! Text handling shared by the brand checks: Unicode normalisation, hashtag splitting,
//! language detection and the per-language [`Analyzer`] (words, stop words, stems).
//!
//! Pipeline for ranking: NFKC → URLs removed → hashtags expanded (`#SummerSkincare` →
//! `summer skincare`; `#skincare2024` → `skincare 2024`; lowercase tags split against a
//! vocabulary) → Unicode words (UAX #29, `unicode-segmentation`) → lowercase → French/Italian
//! elisions dropped (`l'été` → `été`) → stop words dropped (NLTK lists, `stop-words` crate) →
//! Snowball stem of the language (`rust-stemmers`).

use std::collections::HashSet;
use std::hash::BuildHasher;
use std::sync::LazyLock;

use regex::Regex;
use rust_stemmers::{Algorithm, Stemmer};
use unicode_normalization::UnicodeNormalization;
use unicode_segmentation::UnicodeSegmentation;

/// NFKC normalisation: compatibility forms folded (`ﬁ` → `fi`, mathematical bold → plain).
pub fn normalize(text: &str) -> String {
    text.nfkc().collect()
}

/// NFKC + lowercase.
pub fn fold(text: &str) -> String {
    normalize(text).to_lowercase()
}

static URL_RE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:https?://|www\.)[^\s<>()]+").expect("URL pattern is valid")
});
static HASHTAG_RE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"#([\p{L}\p{M}\p{N}_]+)").expect("hashtag pattern is valid"));
static MENTION_RE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:^|[^\w@])@([\w](?:[\w.]*\w)?)").expect("mention pattern is valid")
});

/// URLs in a text, as written.
pub fn urls(text: &str) -> Vec<&str> {
    URL_RE.find_iter(text).map(|m| m.as_str()).collect()
}

/// Hashtag bodies (without `#`), as written.
pub fn hashtags(text: &str) -> Vec<&str> {
    HASHTAG_RE
        .captures_iter(text)
        .filter_map(|c| c.get(1))
        .map(|m| m.as_str())
        .collect()
}

/// Mentioned handles (without `@`), lowercased.
pub fn mentions(text: &str) -> Vec<String> {
    MENTION_RE
        .captures_iter(text)
        .filter_map(|c| c.get(1))
        .map(|m| m.as_str().to_lowercase())
        .collect()
}

/// Split a hashtag body on case changes, letter/digit changes and underscores, lowercased:
/// `SummerSkincare` → `[summer, skincare]`, `SEOTips` → `[seo, tips]`, `skincare2024` →
/// `[skincare, 2024]`, `summer_skincare` → `[summer, skincare]`.
pub fn split_hashtag(body: &str) -> Vec<String> {
    let body = body.trim_start_matches('#');
    let chars: Vec<char> = body.chars().collect();
    let mut parts = Vec::new();
    let mut cur = String::new();
    for (i, &c) in chars.iter().enumerate() {
        if c == '_' || c == '-' {
            if !cur.is_empty() {
                parts.push(std::mem::take(&mut cur));
            }
            continue;
        }
        if let Some(&prev) = cur.chars().last().as_ref() {
            let next = chars.get(i + 1).copied();
            let boundary = (prev.is_lowercase() && c.is_uppercase())
                || (prev.is_alphabetic() && c.is_numeric())
                || (prev.is_numeric() && c.is_alphabetic())
                || (prev.is_uppercase()
                    && c.is_uppercase()
                    && next.is_some_and(char::is_lowercase));
            if boundary {
                parts.push(std::mem::take(&mut cur));
            }
        }
        cur.push(c);
    }
    if !cur.is_empty() {
        parts.push(cur);
    }
    parts.into_iter().map(|p| p.to_lowercase()).collect()
}

/// Split a hashtag as [`split_hashtag`] does, then split any lowercase run that starts or
/// ends with a vocabulary word of 4+ letters (`summerskincare` with `skincare` known →
/// `summer skincare`), or that is made entirely of vocabulary words.
pub fn split_hashtag_with<S: BuildHasher>(
    body: &str,
    vocabulary: &HashSet<String, S>,
) -> Vec<String> {
    let mut out = Vec::new();
    for piece in split_hashtag(body) {
        match split_known(&piece, vocabulary) {
            Some(parts) => out.extend(parts),
            None => out.push(piece),
        }
    }
    out
}

fn split_known<S: BuildHasher>(
    piece: &str,
    vocabulary: &HashSet<String, S>,
) -> Option<Vec<String>> {
    if vocabulary.is_empty() || vocabulary.contains(piece) || piece.chars().count() < 6 {
        return None;
    }
    if let Some(parts) = segment_fully(piece, vocabulary) {
        return Some(parts);
    }
    // A known word at either end, the rest kept as one unknown word of 3+ letters.
    let mut best: Option<(usize, Vec<String>)> = None;
    for (i, _) in piece.char_indices().skip(1) {
        let (head, tail) = piece.split_at(i);
        let (h, t) = (head.chars().count(), tail.chars().count());
        let candidate = if vocabulary.contains(tail) && t >= 4 && h >= 3 {
            Some(t)
        } else if vocabulary.contains(head) && h >= 4 && t >= 3 {
            Some(h)
        } else {
            None
        };
        if let Some(known) = candidate
            && best.as_ref().is_none_or(|(k, _)| known > *k)
        {
            best = Some((known, vec![head.to_string(), tail.to_string()]));
        }
    }
    best.map(|(_, parts)| parts)
}

/// Segment a string entirely into vocabulary words of 2+ letters, fewest pieces first.
fn segment_fully<S: BuildHasher>(s: &str, vocabulary: &HashSet<String, S>) -> Option<Vec<String>> {
    let idx: Vec<usize> = s.char_indices().map(|(i, _)| i).chain([s.len()]).collect();
    let n = idx.len() - 1;
    // best[i] = (pieces, previous cut) for the prefix of i chars.
    let mut best: Vec<Option<(usize, usize)>> = vec![None; n + 1];
    best[0] = Some((0, 0));
    for end in 1..=n {
        for start in 0..end.saturating_sub(1) {
            let Some((pieces, _)) = best[start] else {
                continue;
            };
            if vocabulary.contains(&s[idx[start]..idx[end]])
                && best[end].is_none_or(|(p, _)| pieces + 1 < p)
            {
                best[end] = Some((pieces + 1, start));
            }
        }
    }
    let (pieces, _) = best[n]?;
    if pieces < 2 {
        return None;
    }
    let mut parts = Vec::new();
    let mut end = n;
    while end > 0 {
        let (_, start) = best[end]?;
        parts.push(s[idx[start]..idx[end]].to_string());
        end = start;
    }
    parts.reverse();
    Some(parts)
}

/// A text with URLs removed and every hashtag replaced by its split words (NFKC applied).
pub fn expand_hashtags<S: BuildHasher>(text: &str, vocabulary: &HashSet<String, S>) -> String {
    let text = normalize(text);
    let text = URL_RE.replace_all(&text, " ");
    HASHTAG_RE
        .replace_all(&text, |c: &regex::Captures<'_>| {
            format!(" {} ", split_hashtag_with(&c[1], vocabulary).join(" "))
        })
        .into_owned()
}

/// The text a check matches phrases against: NFKC text, then a line with every camelCase or
/// digit-joined hashtag spelled out (`#HateSpeech` → `hate speech`), so that phrase lists find
/// them too.
pub fn match_text(text: &str) -> String {
    let text = normalize(text);
    let spelled: Vec<String> = hashtags(&text)
        .into_iter()
        .map(split_hashtag)
        .filter(|p| p.len() > 1)
        .map(|p| p.join(" "))
        .collect();
    if spelled.is_empty() {
        text
    } else {
        format!("{text}\n{}", spelled.join(" · "))
    }
}

/// A language Scout detected or was told, as an ISO 639-1 code with a confidence.
#[derive(Debug, Clone, PartialEq)]
pub struct Detected {
    /// ISO 639-1 code (`en`).
    pub code: String,
    /// Confidence 0..=1 (1 when the platform declared it).
    pub confidence: f64,
}

/// Shortest text (letters, after removing URLs, mentions and hashtags) Scout runs language
/// detection on.
pub const MIN_DETECT_CHARS: usize = 15;

/// Detect the language of a short text with `whatlang`, ignoring URLs, mentions and hashtags.
/// `None` when the text is too short or the detector is unsure.
pub fn detect_language(text: &str) -> Option<Detected> {
    let text = normalize(text);
    let text = URL_RE.replace_all(&text, " ");
    let text = HASHTAG_RE.replace_all(&text, " ");
    let text = MENTION_RE.replace_all(&text, " ");
    let letters = text.chars().filter(|c| c.is_alphabetic()).count();
    if letters < MIN_DETECT_CHARS {
        return None;
    }
    let info = crate::checks::text::detect_lang(&text)?;
    let confident = info.reliable || info.confidence >= 0.5;
    if !confident {
        return None;
    }
    Some(Detected {
        code: whatlang_iso639_1(info.lang).to_string(),
        confidence: info.confidence,
    })
}

/// The ISO 639-1 code of a `whatlang` language (`Lang::Cmn` → `zh`, `Lang::Pes` → `fa`).
pub fn whatlang_iso639_1(lang: whatlang::Lang) -> &'static str {
    match lang.code() {
        "cmn" => "zh",
        "pes" => "fa",
        code => isolang::Language::from_639_3(code)
            .and_then(|l| l.to_639_1())
            .unwrap_or(lang.code()),
    }
}

/// The Snowball algorithm for an ISO 639-1 code, where `rust-stemmers` has one.
pub fn stemmer_for(code: &str) -> Option<Algorithm> {
    Some(match code {
        "ar" => Algorithm::Arabic,
        "da" => Algorithm::Danish,
        "nl" => Algorithm::Dutch,
        "en" => Algorithm::English,
        "fi" => Algorithm::Finnish,
        "fr" => Algorithm::French,
        "de" => Algorithm::German,
        "el" => Algorithm::Greek,
        "hu" => Algorithm::Hungarian,
        "it" => Algorithm::Italian,
        "no" | "nb" | "nn" => Algorithm::Norwegian,
        "pt" => Algorithm::Portuguese,
        "ro" => Algorithm::Romanian,
        "ru" => Algorithm::Russian,
        "es" => Algorithm::Spanish,
        "sv" => Algorithm::Swedish,
        "ta" => Algorithm::Tamil,
        "tr" => Algorithm::Turkish,
        _ => return None,
    })
}

/// The NLTK stop-word list for an ISO 639-1 code, where there is one.
pub fn stop_words_for(code: &str) -> &'static [&'static str] {
    let code = match code {
        "nb" | "nn" => "no",
        c => c,
    };
    stop_words::lookup(code).unwrap_or(&[])
}

/// Words, stop words and stems for one language. English stop words are always dropped too,
/// because captions in every language mix in English.
pub struct Analyzer {
    language: Option<String>,
    stemmer: Option<Stemmer>,
    stop: HashSet<&'static str>,
}

impl std::fmt::Debug for Analyzer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Analyzer")
            .field("language", &self.language)
            .field("stems", &self.stemmer.is_some())
            .field("stop_words", &self.stop.len())
            .finish()
    }
}

impl Analyzer {
    /// An analyzer for an ISO 639-1 code; `None` (or a language without a stemmer) keeps
    /// words unstemmed.
    pub fn new(language: Option<&str>) -> Self {
        let mut stop: HashSet<&'static str> = stop_words_for("en").iter().copied().collect();
        if let Some(code) = language {
            stop.extend(stop_words_for(code).iter().copied());
        }
        Self {
            language: language.map(str::to_string),
            stemmer: language.and_then(stemmer_for).map(Stemmer::create),
            stop,
        }
    }

    /// The language this analyzer stems for.
    pub fn language(&self) -> Option<&str> {
        self.language.as_deref()
    }

    /// Whether a (lowercase) word is a stop word here.
    pub fn is_stop_word(&self, word: &str) -> bool {
        self.stop.contains(word)
    }

    /// The stem of one lowercase word.
    pub fn stem(&self, word: &str) -> String {
        match &self.stemmer {
            Some(s) => s.stem(word).into_owned(),
            None => word.to_string(),
        }
    }

    /// Index terms of a text: hashtags expanded against `vocabulary`, words lowercased,
    /// elisions, stop words, one-letter words and pure numbers dropped, then stemmed.
    pub fn terms<S: BuildHasher>(
        &self,
        text: &str,
        vocabulary: &HashSet<String, S>,
    ) -> Vec<String> {
        let expanded = expand_hashtags(text, vocabulary);
        self.words(&expanded)
            .into_iter()
            .map(|w| self.stem(&w))
            .collect()
    }

    /// The kept (unstemmed, lowercase) words of an already expanded text.
    pub fn words(&self, text: &str) -> Vec<String> {
        text.unicode_words()
            .map(str::to_lowercase)
            .map(|w| strip_elision(&w).to_string())
            .filter(|w| w.chars().count() > 1)
            .filter(|w| !w.chars().all(char::is_numeric))
            .filter(|w| !self.stop.contains(w.as_str()))
            .collect()
    }
}

/// `l'été` → `été`, `qu'il` → `il`, `d’abord` → `abord`; other words unchanged.
fn strip_elision(word: &str) -> &str {
    for apostrophe in ['\'', '’'] {
        if let Some((head, tail)) = word.split_once(apostrophe) {
            let elided = matches!(
                head,
                "l" | "d"
                    | "j"
                    | "m"
                    | "n"
                    | "s"
                    | "t"
                    | "c"
                    | "qu"
                    | "lorsqu"
                    | "puisqu"
                    | "jusqu"
                    | "dell"
                    | "nell"
                    | "all"
                    | "dall"
                    | "sull"
                    | "un"
            );
            if elided && !tail.is_empty() {
                return tail;
            }
        }
    }
    word
}

/// Cut an excerpt of about `radius` characters each side of `start..end` (byte offsets into
/// `text`), on character boundaries, with `…` where it was cut and line breaks flattened.
pub fn excerpt(text: &str, start: usize, end: usize, radius: usize) -> String {
    let start = floor_char_boundary(text, start.min(text.len()));
    let end = floor_char_boundary(text, end.min(text.len()).max(start));
    let before: Vec<(usize, char)> = text[..start].char_indices().collect();
    let from = if before.len() > radius {
        before[before.len() - radius].0
    } else {
        0
    };
    let to = text[end..]
        .char_indices()
        .nth(radius)
        .map_or(text.len(), |(i, _)| end + i);
    let mut out = String::new();
    if from > 0 {
        out.push('…');
    }
    out.push_str(text[from..to].trim());
    if to < text.len() {
        out.push('…');
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn floor_char_boundary(s: &str, mut i: usize) -> usize {
    while i > 0 && !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;
    use rstest::rstest;

    #[rstest]
    #[case("SummerSkincare", &["summer", "skincare"])]
    #[case("#SummerSkincare", &["summer", "skincare"])]
    #[case("skincare2024", &["skincare", "2024"])]
    #[case("SEOTips", &["seo", "tips"])]
    #[case("summer_skincare", &["summer", "skincare"])]
    #[case("skincare", &["skincare"])]
    #[case("ÉtéParis", &["été", "paris"])]
    #[case("30DaysOfYoga", &["30", "days", "of", "yoga"])]
    fn hashtags_split_on_case_digits_and_underscores(#[case] tag: &str, #[case] want: &[&str]) {
        assert_eq!(split_hashtag(tag), want);
    }

    #[rstest]
    #[case("summerskincare", &["skincare"], &["summer", "skincare"])]
    #[case("skincareroutine", &["skincare"], &["skincare", "routine"])]
    #[case("cleanbeauty", &["clean", "beauty"], &["clean", "beauty"])]
    #[case("spfail", &["spf"], &["spfail"])]
    #[case("skincare", &["skincare"], &["skincare"])]
    fn lowercase_hashtags_split_against_the_vocabulary(
        #[case] tag: &str,
        #[case] vocab: &[&str],
        #[case] want: &[&str],
    ) {
        let vocab: HashSet<String> = vocab.iter().map(|s| (*s).to_string()).collect();
        assert_eq!(split_hashtag_with(tag, &vocab), want);
    }

    #[test]
    fn nfkc_folds_styled_letters() {
        // Mathematical bold "free" and the "ﬁ" ligature.
        assert_eq!(fold("𝐅𝐫𝐞𝐞 ﬁlter"), "free filter");
    }

    #[test]
    fn english_terms_drop_stop_words_and_stem() {
        let a = Analyzer::new(Some("en"));
        let terms = a.terms(
            "The best #SummerSkincare routines for running https://x.co/a",
            &HashSet::new(),
        );
        assert_eq!(terms, ["best", "summer", "skincar", "routin", "run"]);
    }

    #[test]
    fn french_terms_drop_elisions() {
        let a = Analyzer::new(Some("fr"));
        let terms = a.terms("L'écran de la crème solaire", &HashSet::new());
        assert_eq!(terms, ["écran", "crem", "solair"]);
    }

    #[rstest]
    #[case(
        "Ich liebe diese neue Gesichtscreme, sie ist wirklich wunderbar für meine Haut",
        "de"
    )]
    #[case(
        "J'adore cette nouvelle crème, elle est vraiment parfaite pour ma peau",
        "fr"
    )]
    #[case(
        "I really love this new moisturiser, it is perfect for my dry skin",
        "en"
    )]
    #[case(
        "Me encanta esta crema nueva, es perfecta para mi piel seca todos los días",
        "es"
    )]
    fn detects_language_of_plain_sentences(#[case] text: &str, #[case] want: &str) {
        assert_eq!(detect_language(text).map(|d| d.code).as_deref(), Some(want));
    }

    #[test]
    fn too_short_text_has_no_language() {
        assert_eq!(detect_language("#ad @brand https://x.co 🔥"), None);
    }

    #[test]
    fn mentions_and_urls_are_found() {
        let t = "Thanks @Glow.Co and @x_y! see https://shop.example/a?ref=me (mail a@b.c)";
        assert_eq!(mentions(t), ["glow.co", "x_y"]);
        assert_eq!(urls(t), ["https://shop.example/a?ref=me"]);
    }

    #[test]
    fn excerpt_cuts_on_char_boundaries() {
        let t = "ééééé hello wörld ééééé";
        let s = t.find("hello").unwrap_or(0);
        assert_eq!(excerpt(t, s, s + 5, 3), "…éé hello wö…");
    }

    #[test]
    fn match_text_spells_out_camel_case_hashtags() {
        assert_eq!(
            match_text("so sad #HateSpeech #ok"),
            "so sad #HateSpeech #ok\nhate speech"
        );
    }
}
