//! The editable data behind brand fit, bundled: [`BrandData`] holds the [`FitWeights`], the
//! [`SafetyLists`] and the [`DisclosureRules`], each shipped inside the binary
//! (`include_str!` of `data/brand/…`) and replaceable by the user's edited copy.
//! Errors reading them are [`BrandDataError`].

use regex::Regex;

use super::disclosure::DisclosureRules;
use super::safety::{SHIPPED_SAFETY_TOML, SafetyLists};
use super::score::FitWeights;

/// A data file that could not be used.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum BrandDataError {
    /// Not valid TOML, or a key is unknown/missing (the message names it and the line).
    #[error(
        "brand data file {file} could not be read: {message}; fix it or delete it to use the shipped one"
    )]
    Toml {
        /// Which file.
        file: String,
        /// The parser's message.
        message: String,
    },
    /// A pattern in the file does not compile.
    #[error("brand data file {file} has a pattern that does not compile ({pattern}): {message}")]
    Regex {
        /// Which file.
        file: String,
        /// The pattern.
        pattern: String,
        /// The regex engine's message.
        message: String,
    },
    /// A value is out of range or inconsistent.
    #[error("brand data file {file} is not valid: {message}")]
    Invalid {
        /// Which file.
        file: String,
        /// What is wrong and how to fix it.
        message: String,
    },
}

pub(crate) fn compile_regex(file: &str, pattern: &str) -> Result<Regex, BrandDataError> {
    Regex::new(pattern).map_err(|e| BrandDataError::Regex {
        file: file.to_string(),
        pattern: pattern.to_string(),
        message: e.to_string(),
    })
}

/// Everything brand fit reads besides the snapshot and the brief.
#[derive(Debug, Clone)]
pub struct BrandData {
    /// Component weights and thresholds.
    pub weights: FitWeights,
    /// Brand-safety phrase lists.
    pub safety: SafetyLists,
    /// Disclosure labels and rules.
    pub disclosure: DisclosureRules,
}

impl BrandData {
    /// The data shipped with Scout.
    pub fn shipped() -> Result<Self, BrandDataError> {
        Ok(Self {
            weights: FitWeights::shipped()?,
            safety: SafetyLists::shipped()?,
            disclosure: DisclosureRules::shipped()?,
        })
    }

    /// The shipped data with the user's edited files in place of the shipped ones: a
    /// `weights.toml` text, safety lists as `(file name, text)` pairs (a file named like a
    /// shipped one, e.g. `fr.toml`, replaces it; other names add a language), and a
    /// `disclosure.toml` text. The caller reads the files; this function does no I/O.
    pub fn with_overrides(
        weights: Option<&str>,
        safety: &[(&str, &str)],
        disclosure: Option<&str>,
    ) -> Result<Self, BrandDataError> {
        let weights = match weights {
            Some(text) => FitWeights::from_toml(text)?,
            None => FitWeights::shipped()?,
        };
        let mut lists: Vec<(&str, &str)> = SHIPPED_SAFETY_TOML
            .iter()
            .copied()
            .filter(|(name, _)| !safety.iter().any(|(n, _)| n == name))
            .collect();
        lists.extend(safety.iter().copied());
        let safety = SafetyLists::from_tomls(lists)?;
        let disclosure = match disclosure {
            Some(text) => DisclosureRules::from_toml(text)?,
            None => DisclosureRules::shipped()?,
        };
        Ok(Self {
            weights,
            safety,
            disclosure,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_edited_safety_file_replaces_the_shipped_one() {
        let fr = "language = \"fr\"\n[categories.profanity]\nterms = [\"zut\"]\n";
        let data = BrandData::with_overrides(None, &[("fr.toml", fr)], None).expect("valid");
        let langs: Vec<&str> = data
            .safety
            .files()
            .iter()
            .map(|f| f.language.as_str())
            .collect();
        assert_eq!(langs, ["en", "es", "de", "pt", "fr"]);
        let fr = data
            .safety
            .files()
            .iter()
            .find(|f| f.language == "fr")
            .expect("fr");
        assert_eq!(fr.categories.len(), 1);
    }

    #[test]
    fn a_broken_override_names_the_file() {
        let err = BrandData::with_overrides(Some("version = 3"), &[], None).expect_err("invalid");
        assert!(err.to_string().contains("weights.toml"), "{err}");
    }
}
