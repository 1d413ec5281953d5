//! The bot model as data: [`BotModel`] (scaler, coefficients, intercept) and its model card
//! ([`TrainingInfo`], [`CrossValidation`], [`Metrics`]).
//!
//! The weights are trained by `scout-train bots` with linfa's logistic regression and
//! committed as `data/bot_model.json`; scoring here is the fitted model's own formula,
//! `sigmoid(intercept + Σ coefficient·z)`, over the scaled columns of
//! [`super::features::encode`].

use serde::{Deserialize, Serialize};

use super::BotModelError;
use super::features::{BotFeatures, COLUMNS, N_COLUMNS, encode};

/// Format version of the weights file this code reads.
pub const FORMAT_VERSION: u32 = 1;

/// The only model kind this code scores.
pub const KIND_LOGISTIC: &str = "logistic_regression";

/// Standardised values are clipped to ±this, so one absurd input (a 10,000-character
/// username) cannot outweigh every other feature. The training data stays well inside it.
pub const Z_CLIP: f64 = 10.0;

/// Lowest and highest probability reported: 1,194 labelled accounts support no more certainty.
pub const PROBABILITY_FLOOR: f64 = 1e-6;

/// Standardisation of the raw columns: `z = (x − mean) / scale` clipped to ±[`Z_CLIP`], and
/// `z = 0` (the training mean) for a missing value.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Scaler {
    /// Per-column mean of the present training values.
    pub mean: Vec<f64>,
    /// Per-column standard deviation of the present training values (1 where constant).
    pub scale: Vec<f64>,
}

impl Scaler {
    /// Scales one raw column vector; `NaN` (missing) becomes 0.
    ///
    /// Expects a validated scaler (one entry per column; see [`BotModel::validate`]).
    pub fn transform(&self, raw: &[f64; N_COLUMNS]) -> [f64; N_COLUMNS] {
        let mut z = [0.0; N_COLUMNS];
        for (j, zj) in z.iter_mut().enumerate() {
            let x = raw[j];
            *zj = if x.is_nan() {
                0.0
            } else {
                ((x - self.mean[j]) / self.scale[j]).clamp(-Z_CLIP, Z_CLIP)
            };
        }
        z
    }
}

/// Classification quality on held-out data (fractions, not percentages).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Metrics {
    /// Share of accounts classified correctly at the model's threshold.
    pub accuracy: f64,
    /// Of the accounts called fake, the share that are fake.
    pub precision: f64,
    /// Of the fake accounts, the share called fake.
    pub recall: f64,
    /// Harmonic mean of precision and recall.
    pub f1: f64,
    /// Area under the ROC curve (probability a fake outranks a real account).
    pub roc_auc: f64,
}

/// Cross-validated metrics for one way of hiding features from the held-out accounts.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ScenarioMetrics {
    /// Short id, e.g. `full`, `no_bio`, `no_counts`.
    pub scenario: String,
    /// What the held-out accounts lacked.
    pub description: String,
    /// Mean over the folds.
    pub mean: Metrics,
    /// Standard deviation over the folds.
    pub std: Metrics,
}

/// How the shipped weights were validated.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CrossValidation {
    /// Number of stratified folds.
    pub folds: usize,
    /// Seed of the fold assignment and augmentation.
    pub seed: u64,
    /// Metrics per scenario, the first being all features present.
    pub scenarios: Vec<ScenarioMetrics>,
    /// The trivial baseline that calls every account real, on the same folds.
    pub baseline_all_real: Metrics,
}

/// Where the weights come from, under which terms, and how well they did.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TrainingInfo {
    /// The labelled data and its source.
    pub data: String,
    /// The data's licence and what it means for these weights.
    pub licence: String,
    /// Fake and real accounts trained on.
    pub fake_accounts: usize,
    /// Real accounts trained on.
    pub real_accounts: usize,
    /// Library and estimator that fitted the weights.
    pub estimator: String,
    /// L2 regularisation strength given to the estimator.
    pub alpha: f64,
    /// How training rows were duplicated with features hidden.
    pub augmentation: Vec<String>,
    /// Seed of every random choice in training.
    pub seed: u64,
    /// Training date as given on the command line, if any.
    pub trained_on: Option<String>,
    /// The command that reproduces this file.
    pub command: String,
    /// Stratified cross-validation results.
    pub cross_validation: CrossValidation,
}

/// A fitted logistic regression over [`COLUMNS`], with its scaler and model card.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BotModel {
    /// Weights-file format version ([`FORMAT_VERSION`]).
    pub format: u32,
    /// Model kind ([`KIND_LOGISTIC`]).
    pub kind: String,
    /// Column names, in order; must equal [`COLUMNS`].
    pub columns: Vec<String>,
    /// Standardisation of the columns.
    pub scaler: Scaler,
    /// One coefficient per column, on the scaled values; positive = more bot-like.
    pub coefficients: Vec<f64>,
    /// Intercept (log-odds of being fake for an account with every column at its mean).
    pub intercept: f64,
    /// Probability at or above which an account is called fake.
    pub threshold: f64,
    /// Provenance and validation.
    pub training: TrainingInfo,
}

/// The committed weights (see `data/bot_model.json`).
const SHIPPED_JSON: &str = include_str!("../../../data/bot_model.json");

static SHIPPED: std::sync::LazyLock<BotModel> = std::sync::LazyLock::new(|| {
    // Compiled-in data, not outside input; the `shipped_model_loads` test checks it parses.
    BotModel::from_json(SHIPPED_JSON).expect("data/bot_model.json is a valid bot model")
});

impl BotModel {
    /// The model shipped with Scout (trained on InstaFake; see [`TrainingInfo`]), parsed once.
    pub fn shipped() -> &'static BotModel {
        &SHIPPED
    }

    /// Reads and checks a weights file.
    pub fn from_json(json: &str) -> Result<BotModel, BotModelError> {
        let model: BotModel = serde_json::from_str(json).map_err(BotModelError::Parse)?;
        model.validate()?;
        Ok(model)
    }

    /// The weights file text (pretty JSON, stable byte for byte for the same model).
    pub fn to_json(&self) -> Result<String, BotModelError> {
        let mut s = serde_json::to_string_pretty(self).map_err(BotModelError::Parse)?;
        s.push('\n');
        Ok(s)
    }

    /// Checks format, kind, column names, lengths and that every number is finite.
    pub fn validate(&self) -> Result<(), BotModelError> {
        if self.format != FORMAT_VERSION {
            return Err(BotModelError::Format {
                found: self.format,
                expected: FORMAT_VERSION,
            });
        }
        if self.kind != KIND_LOGISTIC {
            return Err(BotModelError::Kind(self.kind.clone()));
        }
        let expected: Vec<&str> = COLUMNS.iter().map(|(n, _)| *n).collect();
        if self.columns != expected {
            return Err(BotModelError::Columns {
                found: self.columns.join(", "),
                expected: expected.join(", "),
            });
        }
        for (what, v) in [
            ("scaler.mean", &self.scaler.mean),
            ("scaler.scale", &self.scaler.scale),
            ("coefficients", &self.coefficients),
        ] {
            if v.len() != N_COLUMNS {
                return Err(BotModelError::Length {
                    what,
                    found: v.len(),
                    expected: N_COLUMNS,
                });
            }
            if v.iter().any(|x| !x.is_finite()) {
                return Err(BotModelError::NotFinite(what));
            }
        }
        if self.scaler.scale.iter().any(|s| *s <= 0.0) {
            return Err(BotModelError::NotFinite("scaler.scale (must be > 0)"));
        }
        if !self.intercept.is_finite() {
            return Err(BotModelError::NotFinite("intercept"));
        }
        if !(self.threshold > 0.0 && self.threshold < 1.0) {
            return Err(BotModelError::NotFinite("threshold (must lie in (0, 1))"));
        }
        Ok(())
    }

    /// Per-column log-odds contributions `coefficient·z` for one account.
    pub fn contributions(&self, f: &BotFeatures) -> [f64; N_COLUMNS] {
        let z = self.scaler.transform(&encode(f));
        let mut c = [0.0; N_COLUMNS];
        for (j, cj) in c.iter_mut().enumerate() {
            *cj = self.coefficients[j] * z[j];
        }
        c
    }

    /// Log-odds of being fake.
    pub fn log_odds(&self, f: &BotFeatures) -> f64 {
        self.intercept + self.contributions(f).iter().sum::<f64>()
    }

    /// Probability that the account is fake, within
    /// [[`PROBABILITY_FLOOR`], 1 − [`PROBABILITY_FLOOR`]] for any input.
    pub fn probability(&self, f: &BotFeatures) -> f64 {
        sigmoid(self.log_odds(f)).clamp(PROBABILITY_FLOOR, 1.0 - PROBABILITY_FLOOR)
    }

    /// Whether the account is called fake at the model's threshold.
    pub fn is_likely_fake(&self, f: &BotFeatures) -> bool {
        self.probability(f) >= self.threshold
    }
}

/// The logistic function, written so neither tail overflows.
pub fn sigmoid(x: f64) -> f64 {
    if x >= 0.0 {
        1.0 / (1.0 + (-x).exp())
    } else {
        let e = x.exp();
        e / (1.0 + e)
    }
}
