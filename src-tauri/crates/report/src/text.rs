//! Safe quoting of creator text (bios, captions, comments, notes) for the PDF.
//!
//! Main items: [`Limit`] and [`clean`]. Creator text never reaches the
//! template as markup: it travels as a JSON string and is shown with plain text
//! functions. This module makes sure it cannot break the layout either:
//!
//! - control characters are dropped (tabs become spaces; newlines are kept only
//!   where the place allows several lines);
//! - explicit bidi embeddings, overrides and isolates (U+202A–202E, U+2066–2069)
//!   are dropped, so an unbalanced right-to-left override cannot flip the rest
//!   of the page; text with right-to-left letters is wrapped in one
//!   first-strong isolate, so it keeps its own direction without reordering
//!   the labels around it;
//! - a run of more than [`LONG_RUN`] characters without a break opportunity
//!   (a long word, "aaaaaaaa…") gets zero-width spaces, so it wraps instead of
//!   overflowing its column (they stay invisible, but do show up in text
//!   copied from the PDF, so ordinary words and URLs, which break at `/`,
//!   are left alone);
//! - a character no embedded font covers is spelled out (`[:fire:]`,
//!   `[U+E000]`) instead of becoming an empty box;
//! - text is cut to a length that keeps one creator on one page, with "…".

use std::fmt::Write as _;

use unicode_segmentation::UnicodeSegmentation;

/// Characters in a row with no break opportunity before a zero-width space is
/// inserted, unless a [`Limit`] says otherwise.
pub const LONG_RUN: usize = 24;

const ZWSP: char = '\u{200B}';
const FSI: char = '\u{2068}';
const PDI: char = '\u{2069}';

/// How much of a text a place in the report can hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limit {
    /// Most user-perceived characters (graphemes) kept; longer text ends in "…".
    pub graphemes: usize,
    /// Most lines kept; 1 turns every line break into a space. Further lines
    /// are joined with spaces.
    pub lines: usize,
    /// Longest run of characters without a break opportunity the place can hold.
    pub run: usize,
}

impl Limit {
    /// One line of at most `graphemes` characters.
    pub const fn line(graphemes: usize) -> Self {
        Self {
            graphemes,
            lines: 1,
            run: LONG_RUN,
        }
    }

    /// Up to `lines` lines, at most `graphemes` characters in all.
    pub const fn block(graphemes: usize, lines: usize) -> Self {
        Self {
            graphemes,
            lines,
            run: LONG_RUN,
        }
    }

    /// The same limit for a narrow column: break runs longer than `run`.
    #[must_use]
    pub const fn narrow(self, run: usize) -> Self {
        Self { run, ..self }
    }
}

/// Makes creator text safe to show: see the module docs for each step.
///
/// `covers` tells whether some embedded font has a glyph for a character.
pub fn clean(text: &str, limit: Limit, covers: impl Fn(char) -> bool) -> String {
    let flat = strip_controls(text);
    let shaped = shape_lines(&flat, limit.lines.max(1));
    let cut = truncate(&shaped, limit.graphemes);
    let mut out = String::with_capacity(cut.len() + 8);
    let mut run = 0usize;
    let mut rtl = false;
    for g in cut.graphemes(true) {
        if g == " " || g == "\n" {
            out.push_str(g);
            run = 0;
            continue;
        }
        if run >= limit.run.max(1) {
            out.push(ZWSP);
            run = 0;
        }
        render_grapheme(g, &covers, &mut out);
        run += 1;
        let first = g.chars().next().unwrap_or(' ');
        rtl |= is_strong_rtl(first);
        // Line breaking already allows a break after these (UAX #14).
        if is_breaking_ideograph(first)
            || matches!(first, '-' | '\u{2010}' | '\u{2013}' | '/' | '?' | '!')
        {
            run = 0;
        }
    }
    if rtl {
        out.insert(0, FSI);
        out.push(PDI);
    }
    out
}

/// Drops control, bidi-control and other invisible format characters; maps
/// line separators to `\n` and other whitespace to a space.
fn strip_controls(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\r' => {
                if chars.peek() != Some(&'\n') {
                    out.push('\n');
                }
            }
            '\n' | '\u{2028}' | '\u{2029}' | '\u{0085}' => out.push('\n'),
            '\t' => out.push(' '),
            '\u{202A}'..='\u{202E}'
            | '\u{2066}'..='\u{2069}'
            | '\u{206A}'..='\u{206F}'
            | '\u{FEFF}'
            | '\u{FFF9}'..='\u{FFFB}' => {}
            c if c.is_control() => {}
            c if c.is_whitespace() => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// Collapses spaces, drops blank lines and keeps at most `max_lines` lines.
fn shape_lines(text: &str, max_lines: usize) -> String {
    let mut out = String::with_capacity(text.len());
    let mut lines = 0usize;
    for line in text.split('\n') {
        let mut words = line.split(' ').filter(|w| !w.is_empty()).peekable();
        if words.peek().is_none() {
            continue;
        }
        if lines > 0 {
            out.push(if lines < max_lines { '\n' } else { ' ' });
        }
        lines += 1;
        for (i, w) in words.enumerate() {
            if i > 0 {
                out.push(' ');
            }
            out.push_str(w);
        }
    }
    out
}

/// Cuts to `max` graphemes, ending in "…" when something was cut.
fn truncate(text: &str, max: usize) -> String {
    if text.grapheme_indices(true).nth(max).is_none() {
        return text.to_string();
    }
    let keep = max.saturating_sub(1);
    let end = text
        .grapheme_indices(true)
        .nth(keep)
        .map_or(text.len(), |(i, _)| i);
    let mut s = text[..end].trim_end().to_string();
    s.push('…');
    s
}

/// Characters that shape or join others and draw nothing themselves.
fn is_ignorable(c: char) -> bool {
    matches!(c,
        '\u{200B}'..='\u{200D}'
        | '\u{FE00}'..='\u{FE0F}'
        | '\u{E0020}'..='\u{E007F}'
        | '\u{E0100}'..='\u{E01EF}')
}

fn is_skin_tone(c: char) -> bool {
    matches!(c, '\u{1F3FB}'..='\u{1F3FF}')
}

/// Writes one grapheme, spelling out what no font can draw.
fn render_grapheme(g: &str, covers: &impl Fn(char) -> bool, out: &mut String) {
    let visible = g.chars().filter(|&c| !is_ignorable(c));
    if visible.clone().all(covers) {
        out.push_str(g);
        return;
    }
    if let Some(emoji) = emojis::get(g).or_else(|| emojis::get(&g.replace('\u{FE0F}', ""))) {
        // A toned or joined emoji whose parts other than skin tones exist: draw the parts.
        let drawable = visible.clone().filter(|&c| !is_skin_tone(c)).all(covers);
        if drawable && visible.clone().any(|c| !is_skin_tone(c)) {
            out.extend(g.chars().filter(|&c| !is_skin_tone(c)));
            return;
        }
        out.push('[');
        if emoji.group() == emojis::Group::Flags {
            out.push_str(emoji.name());
        } else if let Some(code) = emoji.shortcode() {
            out.push(':');
            out.push_str(code);
            out.push(':');
        } else {
            out.push_str(emoji.name());
        }
        out.push(']');
        return;
    }
    for c in g.chars() {
        if is_ignorable(c) || covers(c) {
            out.push(c);
        } else {
            let _ = write!(out, "[U+{:04X}]", u32::from(c));
        }
    }
}

/// Letters of right-to-left scripts (Hebrew, Arabic, Syriac, Thaana, N'Ko and presentation forms).
fn is_strong_rtl(c: char) -> bool {
    matches!(c,
        '\u{0590}'..='\u{08FF}'
        | '\u{FB1D}'..='\u{FDFF}'
        | '\u{FE70}'..='\u{FEFF}'
        | '\u{10800}'..='\u{10FFF}'
        | '\u{1E800}'..='\u{1EFFF}')
}

/// Ideographs, kana and Hangul: every one of them is a line-break opportunity.
fn is_breaking_ideograph(c: char) -> bool {
    matches!(c,
        '\u{2E80}'..='\u{9FFF}'
        | '\u{AC00}'..='\u{D7AF}'
        | '\u{F900}'..='\u{FAFF}'
        | '\u{20000}'..='\u{3FFFF}')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn all(_: char) -> bool {
        true
    }

    fn latin_only(c: char) -> bool {
        (c as u32) < 0x2000
    }

    #[test]
    fn control_and_bidi_override_characters_are_dropped() {
        let s = "a\u{0007}b\u{202E}evil\u{202C}c\u{2066}d\u{2069}\u{FEFF}";
        assert_eq!(clean(s, Limit::line(100), all), "abevilcd");
    }

    #[test]
    fn newlines_become_spaces_on_one_line_and_are_capped_in_blocks() {
        let s = "one\r\ntwo\n\n\nthree\tfour  \n five";
        assert_eq!(clean(s, Limit::line(100), all), "one two three four five");
        assert_eq!(
            clean(s, Limit::block(100, 2), all),
            "one\ntwo three four five"
        );
    }

    #[test]
    fn long_runs_get_zero_width_spaces() {
        let word = "a".repeat(55);
        let out = clean(&word, Limit::line(100), all);
        let expected = format!(
            "{}\u{200B}{}\u{200B}{}",
            "a".repeat(24),
            "a".repeat(24),
            "a".repeat(7)
        );
        assert_eq!(out, expected);
        let narrow = clean("abcdefghij", Limit::line(100).narrow(4), all);
        assert_eq!(narrow, "abcd\u{200B}efgh\u{200B}ij");
        // A slash is a break opportunity already: the run starts again after it.
        let url = format!("https://example.com/{}/x", "b".repeat(23));
        assert_eq!(clean(&url, Limit::line(100), all), url);
        // Normal words are left alone.
        assert_eq!(
            clean("normal words only", Limit::line(100), all),
            "normal words only"
        );
    }

    #[test]
    fn truncation_counts_graphemes_and_adds_an_ellipsis() {
        // "é" as e + combining acute is one grapheme.
        let s = "e\u{0301}e\u{0301}e\u{0301}e\u{0301}";
        assert_eq!(clean(s, Limit::line(3), all), "e\u{0301}e\u{0301}…");
        assert_eq!(clean(s, Limit::line(4), all), s);
    }

    #[test]
    fn uncovered_emoji_are_spelled_out_and_other_characters_named() {
        assert_eq!(clean("hot 🔥", Limit::line(50), latin_only), "hot [:fire:]");
        assert_eq!(clean("🇩🇪", Limit::line(50), latin_only), "[flag: Germany]");
        assert_eq!(clean("x\u{E000}", Limit::line(50), latin_only), "x[U+E000]");
    }

    #[test]
    fn a_skin_toned_emoji_keeps_its_base_when_only_the_tone_is_missing() {
        let covers = |c: char| c != '\u{1F3FD}';
        assert_eq!(clean("👍🏽", Limit::line(50), covers), "👍");
    }

    #[test]
    fn right_to_left_text_is_isolated() {
        assert_eq!(clean("שלום", Limit::line(50), all), "\u{2068}שלום\u{2069}");
        assert_eq!(clean("hello", Limit::line(50), all), "hello");
    }
}
