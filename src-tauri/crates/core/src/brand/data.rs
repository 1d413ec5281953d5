//! The editable data behind brand fit, bundled: [`BrandData`] holds the [`FitWeights`], the
//! [`SafetyLists`] and the [`DisclosureRules`], each shipped inside the binary
//! (`include_str!` of `data/brand/…`) and replaceable by the user's edited copy.
//! Errors reading them are [`BrandDataError`].

use regex::Regex;

use super::disclosure::DisclosureRules;
use super::safety::SafetyLists;
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
}
