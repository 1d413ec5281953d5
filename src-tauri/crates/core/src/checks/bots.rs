//! Bot-likeness of sampled accounts (followers, likers, repliers): a probability of being
//! fake per account, with the reasons in words.
//!
//! Main types: [`BotFeatures`] (what the source told us about one account, every field
//! optional), [`BotModel`] (the shipped logistic regression, loaded from the committed
//! weights `data/bot_model.json`), [`BotReason`] (one aspect's push towards "bot"),
//! [`AccountBotScore`] (one sampled account scored).
//!
//! ```
//! use scout_core::checks::bots::{BotFeatures, BotModel};
//! let f = BotFeatures { followers: Some(12), following: Some(4812), posts: Some(0),
//!     has_avatar: Some(false), ..BotFeatures::default() };
//! let model = BotModel::shipped();
//! assert!(model.probability(&f) > 0.9);
//! ```
//!
//! The weights are fitted by `scout-train bots` (linfa logistic regression) on the InstaFake
//! fake-account set, whose licence is CC BY-NC 4.0; the model card inside the file carries the
//! cross-validated figures and the licence note. Sources differ in what they expose, so every
//! feature may be missing: missing values get an indicator column and the training mean, and
//! the model was trained on copies of the data with features hidden so it copes.

mod explain;
mod features;
mod model;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::SampledAccount;

pub use explain::BotReason;
pub use features::{
    BotFeatures, COLUMNS, FeatureGroup, INSTAFAKE_FIELDS, N_COLUMNS, encode, features_from_account,
    features_from_instafake, username_of,
};
pub use model::{
    BotModel, CrossValidation, FORMAT_VERSION, KIND_LOGISTIC, Metrics, PROBABILITY_FLOOR, Scaler,
    ScenarioMetrics, TrainingInfo, Z_CLIP, sigmoid,
};

/// What went wrong loading a bot model or reading account records.
#[derive(Debug, thiserror::Error)]
pub enum BotModelError {
    /// The weights file is not JSON of the expected shape.
    #[error("the bot model file is not a valid bot model: {0}")]
    Parse(#[source] serde_json::Error),
    /// The weights file has another format version.
    #[error(
        "bot model file format {found} is not supported (this Scout reads format {expected}); \
         retrain it with this version's `scout-train bots`"
    )]
    Format {
        /// Version in the file.
        found: u32,
        /// Version this code reads.
        expected: u32,
    },
    /// The weights file describes another kind of model.
    #[error("bot model kind `{0}` is not supported (expected `logistic_regression`)")]
    Kind(String),
    /// The weights file's columns are not this code's features.
    #[error(
        "the bot model's columns do not match this Scout's features (file: {found}; expected: \
         {expected}); retrain it with this version's `scout-train bots`"
    )]
    Columns {
        /// Columns in the file.
        found: String,
        /// Columns this code encodes.
        expected: String,
    },
    /// A per-column list has the wrong length.
    #[error("bot model `{what}` has {found} entries, expected one per column ({expected})")]
    Length {
        /// Which list.
        what: &'static str,
        /// Its length.
        found: usize,
        /// The number of columns.
        expected: usize,
    },
    /// A weight is NaN, infinite or out of range.
    #[error("bot model `{0}` holds a value that is not a usable number")]
    NotFinite(&'static str),
    /// The account records are not JSON.
    #[error("the account records are not valid JSON: {0}")]
    InputJson(#[source] serde_json::Error),
    /// The account records are not a JSON array.
    #[error("the account records must be a JSON array of objects, found {found}")]
    NotArray {
        /// What was found instead.
        found: &'static str,
    },
    /// One record of an array is unusable.
    #[error("record {number} (counting from 1): {source}")]
    Record {
        /// Position in the array, from 1.
        number: usize,
        /// What is wrong with it.
        #[source]
        source: Box<BotModelError>,
    },
    /// A record is not a JSON object.
    #[error("an account record must be a JSON object, found {found}")]
    RecordNotObject {
        /// What was found instead.
        found: &'static str,
    },
    /// A field holds a value of the wrong kind.
    #[error("field `{field}` is {value}, expected {expected} (or leave it out / null if unknown)")]
    InvalidField {
        /// The field name.
        field: &'static str,
        /// The value as JSON.
        value: String,
        /// What would have been accepted.
        expected: &'static str,
    },
}

/// One sampled account scored by the bot model.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AccountBotScore {
    /// The account's stable id.
    pub account_id: String,
    /// The account's handle.
    pub handle: String,
    /// Probability of being fake.
    pub probability: f64,
    /// At or above the model's threshold.
    pub likely_fake: bool,
    /// The bot-like aspects in words (see [`BotModel::evidence_note`]); may be empty.
    pub note: String,
    /// The features the score was computed from.
    pub features: BotFeatures,
}

impl BotModel {
    /// Scores each account of a follower or engager sample, in order.
    pub fn score_accounts(
        &self,
        accounts: &[SampledAccount],
        now: DateTime<Utc>,
    ) -> Vec<AccountBotScore> {
        accounts
            .iter()
            .map(|acc| {
                let features = features_from_account(acc, now);
                let probability = self.probability(&features);
                AccountBotScore {
                    account_id: acc.id.clone(),
                    handle: acc.handle.clone(),
                    probability,
                    likely_fake: probability >= self.threshold,
                    note: self.evidence_note(&features, 3),
                    features,
                }
            })
            .collect()
    }

    /// Probability of being fake for each record of a JSON array with InstaFake's field
    /// names (see [`features_from_instafake`]), in order. Backs
    /// `scout bots score --format instafake FILE`.
    pub fn score_instafake_json(&self, json: &str) -> Result<Vec<f64>, BotModelError> {
        Ok(read_instafake_json(json)?
            .iter()
            .map(|f| self.probability(f))
            .collect())
    }
}

/// Features for each record of a JSON array with InstaFake's field names, in order.
pub fn read_instafake_json(json: &str) -> Result<Vec<BotFeatures>, BotModelError> {
    let value: serde_json::Value = serde_json::from_str(json).map_err(BotModelError::InputJson)?;
    let serde_json::Value::Array(records) = value else {
        return Err(BotModelError::NotArray {
            found: features::json_kind(&value),
        });
    };
    records
        .iter()
        .enumerate()
        .map(|(i, r)| {
            features_from_instafake(r).map_err(|e| BotModelError::Record {
                number: i + 1,
                source: Box::new(e),
            })
        })
        .collect()
}

#[cfg(test)]
mod tests;
