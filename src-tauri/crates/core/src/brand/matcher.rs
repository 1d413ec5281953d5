//! Phrase lists matched on word boundaries, case-insensitively, in one regex pass.
//!
//! Main type: [`PhraseMatcher`]. Each phrase becomes one alternative of a single regex:
//! words joined by any run of spaces or hyphens, `\b` at an edge that is a letter or digit,
//! `\B` before a leading `#`/`@` (so `#ad` matches `#ad` but not `x#ad` or `#adidas`), and an
//! optional list of inflection endings after the last word (`gun` + `s`). Longer phrases are
//! tried first, so `hate speech` wins over `hate`. `class` never matches `ass`.

use regex::{Regex, RegexBuilder, RegexSet, RegexSetBuilder};

/// A compiled list of phrases, each with a payload returned on a match.
#[derive(Debug, Clone)]
pub struct PhraseMatcher<T> {
    regex: Option<Regex>,
    /// Each phrase alone, anchored at both ends: which phrase a match is, without asking
    /// the combined regex for capture groups (slow on a long list: every alternative is a
    /// group).
    which: Option<RegexSet>,
    payloads: Vec<T>,
    phrases: Vec<String>,
}

/// One match: where it is, the text matched, and the phrase's payload.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PhraseMatch<'a, T> {
    /// Byte offset of the start in the searched text.
    pub start: usize,
    /// Byte offset of the end.
    pub end: usize,
    /// The phrase as listed.
    pub phrase: &'a str,
    /// The payload given with the phrase.
    pub payload: &'a T,
}

/// A phrase to compile: the text, inflection endings allowed after its last word, payload.
#[derive(Debug, Clone)]
pub struct PhraseSpec<T> {
    /// The phrase (`hate speech`, `#ad`, `@brand`).
    pub phrase: String,
    /// Optional endings after the last word (`["s", "es"]`).
    pub endings: Vec<String>,
    /// Returned with each match.
    pub payload: T,
}

impl<T> PhraseMatcher<T> {
    /// A matcher with no phrase (never matches).
    pub fn empty() -> Self {
        Self {
            regex: None,
            which: None,
            payloads: Vec::new(),
            phrases: Vec::new(),
        }
    }

    /// Compile phrases; blank phrases are skipped. Fails only if the combined pattern is too
    /// large for the regex engine.
    pub fn new(specs: Vec<PhraseSpec<T>>) -> Result<Self, regex::Error> {
        let mut specs: Vec<PhraseSpec<T>> = specs
            .into_iter()
            .filter(|s| !s.phrase.trim().is_empty())
            .collect();
        // Longest first, so leftmost-first alternation prefers the longer phrase.
        specs.sort_by_key(|s| std::cmp::Reverse(s.phrase.chars().count()));
        let alternatives: Vec<String> = specs
            .iter()
            .map(|s| phrase_pattern(&s.phrase, &s.endings))
            .collect();
        let pattern = format!(
            "(?i){}",
            alternatives
                .iter()
                .map(|a| format!("(?:{a})"))
                .collect::<Vec<_>>()
                .join("|")
        );
        let (regex, which) = if specs.is_empty() {
            (None, None)
        } else {
            (
                Some(
                    RegexBuilder::new(&pattern)
                        .size_limit(256 << 20)
                        .dfa_size_limit(64 << 20)
                        .build()?,
                ),
                Some(
                    RegexSetBuilder::new(alternatives.iter().map(|a| format!("(?i)^(?:{a})$")))
                        .size_limit(256 << 20)
                        .dfa_size_limit(64 << 20)
                        .build()?,
                ),
            )
        };
        let phrases = specs.iter().map(|s| s.phrase.trim().to_string()).collect();
        let payloads = specs.into_iter().map(|s| s.payload).collect();
        Ok(Self {
            regex,
            which,
            payloads,
            phrases,
        })
    }

    /// Every non-overlapping match in `text`, left to right.
    pub fn find_iter<'a>(&'a self, text: &'a str) -> impl Iterator<Item = PhraseMatch<'a, T>> + 'a {
        // The leftmost-first match of the combined regex, then the first phrase that
        // matches exactly that text: the alternative the combined regex took (an earlier
        // one matching the same span would have been taken instead; the edges' `\b`/`\B`
        // read the same in the span as in the text, since the match already passed them).
        self.regex.iter().flat_map(move |re| {
            re.find_iter(text).filter_map(move |m| {
                let i = self.which.as_ref()?.matches(m.as_str()).iter().next()?;
                Some(PhraseMatch {
                    start: m.start(),
                    end: m.end(),
                    phrase: &self.phrases[i],
                    payload: &self.payloads[i],
                })
            })
        })
    }

    /// Whether any phrase occurs in `text`.
    pub fn is_match(&self, text: &str) -> bool {
        self.regex.as_ref().is_some_and(|re| re.is_match(text))
    }

    /// Number of phrases compiled.
    pub fn len(&self) -> usize {
        self.phrases.len()
    }

    /// Whether no phrase was compiled.
    pub fn is_empty(&self) -> bool {
        self.phrases.is_empty()
    }
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// The regex for one phrase (without the surrounding group).
fn phrase_pattern(phrase: &str, endings: &[String]) -> String {
    let phrase = phrase.trim();
    let words: Vec<&str> = phrase.split_whitespace().collect();
    let mut body = words
        .iter()
        .map(|w| escape_word(w))
        .collect::<Vec<_>>()
        .join(r"[\s\-]+");
    let first = phrase.chars().next().unwrap_or(' ');
    let last = phrase.chars().last().unwrap_or(' ');
    let endings: Vec<String> = endings
        .iter()
        .filter(|e| !e.is_empty() && e.chars().all(char::is_alphabetic))
        .map(|e| regex::escape(e))
        .collect();
    if is_word_char(last) && !endings.is_empty() {
        body = format!("{body}(?:{})?", endings.join("|"));
    }
    let left = if is_word_char(first) { r"\b" } else { r"\B" };
    let right = if is_word_char(last) { r"\b" } else { "" };
    format!("{left}{body}{right}")
}

/// Escape a word, letting an apostrophe match both `'` and `’`.
fn escape_word(word: &str) -> String {
    let mut out = String::new();
    for c in word.chars() {
        if c == '\'' || c == '’' {
            out.push_str("['’]");
        } else {
            out.push_str(&regex::escape(&c.to_string()));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use rstest::rstest;

    fn matcher(phrases: &[&str], endings: &[&str]) -> PhraseMatcher<usize> {
        PhraseMatcher::new(
            phrases
                .iter()
                .enumerate()
                .map(|(i, p)| PhraseSpec {
                    phrase: (*p).to_string(),
                    endings: endings.iter().map(|e| (*e).to_string()).collect(),
                    payload: i,
                })
                .collect(),
        )
        .expect("test phrases compile")
    }

    fn found(m: &PhraseMatcher<usize>, text: &str) -> Vec<String> {
        m.find_iter(text)
            .map(|x| text[x.start..x.end].to_string())
            .collect()
    }

    #[rstest]
    #[case(&["ass"], "first class assessment, classic", &[])]
    #[case(&["ass"], "what an ASS.", &["ASS"])]
    #[case(&["gun"], "glue guns and a gun", &["guns", "gun"])]
    #[case(&["gun"], "gunther and begun", &[])]
    #[case(&["#ad"], "#ad love it", &["#ad"])]
    #[case(&["#ad"], "love it #Ad", &["#Ad"])]
    #[case(&["#ad"], "#adidas x#ad", &[])]
    #[case(&["ad:"], "AD: new drop", &["AD:"])]
    #[case(&["hate speech", "hate"], "no hate-speech here, hate it", &["hate-speech", "hate"])]
    #[case(&["images retouchées"], "Images  retouchées ✨", &["Images  retouchées"])]
    #[case(&["l'alcool"], "pas de l’alcool", &["l’alcool"])]
    #[case(&["@glossier"], "merci @Glossier! et @glossierfan", &["@Glossier"])]
    fn phrases_match_on_word_boundaries_only(
        #[case] phrases: &[&str],
        #[case] text: &str,
        #[case] want: &[&str],
    ) {
        assert_eq!(found(&matcher(phrases, &["s"]), text), want);
    }

    #[test]
    fn payload_identifies_the_phrase() {
        let m = matcher(&["beer", "craft beer"], &[]);
        let hits: Vec<(usize, &str)> = m
            .find_iter("Craft beer night")
            .map(|x| (*x.payload, x.phrase))
            .collect();
        assert_eq!(hits, [(1, "craft beer")]);
    }

    #[test]
    fn empty_list_matches_nothing() {
        let m = matcher(&[], &[]);
        assert!(m.is_empty());
        assert!(!m.is_match("anything"));
        assert_eq!(m.find_iter("anything").count(), 0);
    }
}
