//! The fonts embedded in every PDF: [`EmbeddedFont`], [`EMBEDDED`] and [`FontSet`].
//!
//! All font bytes are compiled into the crate (`assets/fonts/`, licences and
//! provenance in its README) and no system font is ever read, so the same
//! input gives the same PDF on every machine. The set: Noto Sans (body: Latin,
//! Greek, Cyrillic), `DejaVu` Sans (Hebrew, Arabic, symbols, emoticons), Noto
//! Sans Symbols2 (monochrome pictographs), a subset of Noto Sans CJK SC
//! (Chinese, Japanese, Korean) and, from typst-assets, `DejaVu` Sans Mono (ids).

use std::sync::OnceLock;

use sha2::{Digest, Sha256};
use typst::foundations::Bytes;
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;

/// One embedded font file.
#[derive(Debug, Clone, Copy)]
pub struct EmbeddedFont {
    /// File name under `assets/fonts/` (or `typst-assets:` for the mono face).
    pub file: &'static str,
    /// The bytes.
    pub data: &'static [u8],
}

/// The font files this crate embeds, in fallback order.
pub const EMBEDDED: &[EmbeddedFont] = &[
    EmbeddedFont {
        file: "NotoSans-Regular.ttf",
        data: include_bytes!("../assets/fonts/NotoSans-Regular.ttf"),
    },
    EmbeddedFont {
        file: "NotoSans-Bold.ttf",
        data: include_bytes!("../assets/fonts/NotoSans-Bold.ttf"),
    },
    EmbeddedFont {
        file: "DejaVuSans.ttf",
        data: include_bytes!("../assets/fonts/DejaVuSans.ttf"),
    },
    EmbeddedFont {
        file: "NotoSansSymbols2-Regular.ttf",
        data: include_bytes!("../assets/fonts/NotoSansSymbols2-Regular.ttf"),
    },
    EmbeddedFont {
        file: "NotoSansCJKsc-Regular-subset.otf",
        data: include_bytes!("../assets/fonts/NotoSansCJKsc-Regular-subset.otf"),
    },
];

/// The font families the template asks for, in fallback order.
pub const FAMILIES: &[&str] = &[
    "Noto Sans",
    "DejaVu Sans",
    "Noto Sans Symbols2",
    "Noto Sans CJK SC",
    "DejaVu Sans Mono",
];

/// The loaded fonts and their book, built once per process.
pub struct FontSet {
    /// Metadata typst selects fonts from.
    pub book: LazyHash<FontBook>,
    /// The fonts, indexed like the book.
    pub fonts: Vec<Font>,
    /// `(file, SHA-256)` of every font file, for the bundle.
    pub files: Vec<(String, String)>,
}

impl FontSet {
    /// The process-wide font set.
    pub fn get() -> &'static FontSet {
        static SET: OnceLock<FontSet> = OnceLock::new();
        SET.get_or_init(FontSet::load)
    }

    fn load() -> FontSet {
        let mut fonts = Vec::new();
        let mut files = Vec::new();
        for f in EMBEDDED {
            fonts.extend(Font::iter(Bytes::new(f.data)));
            files.push((f.file.to_string(), hex::encode(Sha256::digest(f.data))));
        }
        for data in typst_assets::fonts() {
            let loaded: Vec<Font> = Font::iter(Bytes::new(data))
                .filter(|font| font.info().family == "DejaVu Sans Mono")
                .collect();
            if let Some(first) = loaded.first() {
                let name = format!(
                    "typst-assets:{} {:?} {:?}",
                    first.info().family,
                    first.info().variant.style,
                    first.info().variant.weight
                );
                files.push((name, hex::encode(Sha256::digest(data))));
            }
            fonts.extend(loaded);
        }
        let book = LazyHash::new(FontBook::from_fonts(&fonts));
        FontSet { book, fonts, files }
    }

    /// Whether any loaded font has a glyph for `c`.
    pub fn covers(&self, c: char) -> bool {
        let cp = u32::from(c);
        self.fonts.iter().any(|f| f.info().coverage.contains(cp))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_family_the_template_names_is_loaded() {
        let set = FontSet::get();
        for family in FAMILIES {
            assert!(
                set.book.contains_family(&family.to_lowercase()),
                "font family {family} missing from the embedded set"
            );
        }
    }

    #[test]
    fn the_embedded_fonts_cover_the_scripts_the_report_promises() {
        let set = FontSet::get();
        // Latin, Greek, Cyrillic, Hebrew, Arabic, Chinese, Japanese kana, Hangul,
        // an emoticon and a pictograph.
        for c in ['é', 'Ω', 'Ж', 'ש', 'ع', '中', 'あ', '한', '😀', '🌍'] {
            assert!(set.covers(c), "{c} (U+{:04X}) is not covered", u32::from(c));
        }
        // No colour emoji font is embedded: the fire emoji has no glyph and is spelled out.
        assert!(!set.covers('🔥'));
    }
}
