//! Training the bot-likeness model: load the labelled InstaFake accounts
//! ([`load_instafake`] → [`Labelled`]), hide features the way sources do ([`Mask`],
//! [`SCENARIOS`]), fit linfa's logistic regression on augmented rows ([`fit`]), validate by
//! stratified k-fold ([`cross_validate`]) and assemble the shipped [`BotModel`] ([`train`]).
//!
//! The feature encoding is `scout_core::checks::bots::encode`, the very function the app
//! scores with, so training and scoring cannot drift apart.

use std::path::{Path, PathBuf};

use linfa::prelude::*;
use linfa_logistic::LogisticRegression;
use ndarray::{Array1, Array2};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use scout_core::checks::bots::{
    BotFeatures, BotModel, COLUMNS, CrossValidation, FORMAT_VERSION, KIND_LOGISTIC, Metrics,
    N_COLUMNS, Scaler, ScenarioMetrics, TrainingInfo, encode, features_from_instafake,
};
use serde_json::Value;

use crate::cv::{mean_std, metrics, stratified_folds};

/// What can stop training.
#[derive(Debug, thiserror::Error)]
pub enum TrainError {
    /// A data file could not be read.
    #[error("cannot read {path}: {source} (pass --data the folder that holds fake-v1.0/)")]
    Read {
        /// The file.
        path: PathBuf,
        /// Why.
        #[source]
        source: std::io::Error,
    },
    /// A data file is not what the InstaFake release contains.
    #[error("{path}: {message}")]
    Data {
        /// The file.
        path: PathBuf,
        /// What is wrong.
        message: String,
    },
    /// The estimator failed.
    #[error("logistic regression failed: {0}")]
    Fit(#[from] linfa_logistic::error::Error),
    /// Too few rows of a class to train or to split into folds.
    #[error(
        "need at least {needed} fake and {needed} real accounts, found {fake} fake and {real} real"
    )]
    TooFew {
        /// Rows of each class needed.
        needed: usize,
        /// Fake rows given.
        fake: usize,
        /// Real rows given.
        real: usize,
    },
}

/// One labelled account.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Labelled {
    /// Its features as the data set gives them.
    pub features: BotFeatures,
    /// `true` = fake.
    pub fake: bool,
}

/// Reads `fake-v1.0/fakeAccountData.json` and `fake-v1.0/realAccountData.json` under `dir`
/// (the InstaFake release folder). Each record's `isFake` must agree with its file.
pub fn load_instafake(dir: &Path) -> Result<Vec<Labelled>, TrainError> {
    let mut rows = Vec::new();
    for (file, fake) in [
        ("fakeAccountData.json", true),
        ("realAccountData.json", false),
    ] {
        let path = dir.join("fake-v1.0").join(file);
        let text = std::fs::read_to_string(&path).map_err(|source| TrainError::Read {
            path: path.clone(),
            source,
        })?;
        let data_err = |message: String| TrainError::Data {
            path: path.clone(),
            message,
        };
        let value: Value =
            serde_json::from_str(&text).map_err(|e| data_err(format!("not valid JSON: {e}")))?;
        let Value::Array(records) = value else {
            return Err(data_err("expected a JSON array of account records".into()));
        };
        for (i, record) in records.iter().enumerate() {
            let features = features_from_instafake(record)
                .map_err(|e| data_err(format!("record {}: {e}", i + 1)))?;
            let label = record.get("isFake").and_then(Value::as_u64);
            if label != Some(u64::from(fake)) {
                return Err(data_err(format!(
                    "record {}: isFake is {:?}, expected {} for this file",
                    i + 1,
                    record.get("isFake"),
                    u8::from(fake)
                )));
            }
            rows.push(Labelled { features, fake });
        }
    }
    Ok(rows)
}

/// A set of features hidden from an account, as a source that does not give them would.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct Mask(u8);

impl Mask {
    /// Nothing hidden.
    pub const NONE: Mask = Mask(0);
    /// Follower count.
    pub const FOLLOWERS: Mask = Mask(1);
    /// Following count.
    pub const FOLLOWING: Mask = Mask(1 << 1);
    /// Post count.
    pub const POSTS: Mask = Mask(1 << 2);
    /// Biography length.
    pub const BIO: Mask = Mask(1 << 3);
    /// Profile picture.
    pub const AVATAR: Mask = Mask(1 << 4);
    /// Private flag.
    pub const PRIVATE: Mask = Mask(1 << 5);
    /// Username length and digits.
    pub const HANDLE: Mask = Mask(1 << 6);
    /// All three counts.
    pub const COUNTS: Mask = Mask(0b111);
    /// The single-feature masks, for random masking.
    pub const EACH: [Mask; 7] = [
        Mask::FOLLOWERS,
        Mask::FOLLOWING,
        Mask::POSTS,
        Mask::BIO,
        Mask::AVATAR,
        Mask::PRIVATE,
        Mask::HANDLE,
    ];

    /// Both masks' features hidden.
    #[must_use]
    pub const fn union(self, other: Mask) -> Mask {
        Mask(self.0 | other.0)
    }

    /// Whether every feature of `other` is hidden by `self`.
    pub const fn contains(self, other: Mask) -> bool {
        self.0 & other.0 == other.0
    }

    /// `f` with the masked features set to `None`.
    pub fn apply(self, f: &BotFeatures) -> BotFeatures {
        let mut out = *f;
        if self.contains(Mask::FOLLOWERS) {
            out.followers = None;
        }
        if self.contains(Mask::FOLLOWING) {
            out.following = None;
        }
        if self.contains(Mask::POSTS) {
            out.posts = None;
        }
        if self.contains(Mask::BIO) {
            out.bio_length = None;
        }
        if self.contains(Mask::AVATAR) {
            out.has_avatar = None;
        }
        if self.contains(Mask::PRIVATE) {
            out.is_private = None;
        }
        if self.contains(Mask::HANDLE) {
            out.username_length = None;
            out.username_digits = None;
        }
        out
    }
}

/// A way sources hide features: evaluated in cross-validation and used to augment training.
#[derive(Debug, Clone, Copy)]
pub struct Scenario {
    /// Short id.
    pub id: &'static str,
    /// What the accounts lack, in words.
    pub description: &'static str,
    /// The hidden features.
    pub mask: Mask,
}

/// The evaluated scenarios, all features first.
pub const SCENARIOS: [Scenario; 6] = [
    Scenario {
        id: "full",
        description: "all eight InstaFake features given",
        mask: Mask::NONE,
    },
    Scenario {
        id: "no_bio",
        description: "biography length not given",
        mask: Mask::BIO,
    },
    Scenario {
        id: "no_private",
        description: "private flag not given (platforms without private accounts, e.g. Bluesky, YouTube)",
        mask: Mask::PRIVATE,
    },
    Scenario {
        id: "no_counts",
        description: "follower, following and post counts not given",
        mask: Mask::COUNTS,
    },
    Scenario {
        id: "no_avatar",
        description: "profile picture not given",
        mask: Mask::AVATAR,
    },
    Scenario {
        id: "profile_card",
        description: "only handle, avatar and bio given (liker and reply lists)",
        mask: Mask::COUNTS.union(Mask::PRIVATE),
    },
];

/// Training settings. [`TrainConfig::default`] produced the shipped weights.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TrainConfig {
    /// Seed for fold assignment and random masking.
    pub seed: u64,
    /// L2 regularisation strength (linfa's `alpha`, on the summed log-loss).
    pub alpha: f64,
    /// Random-mask copies added per training row, on top of one copy per scenario.
    pub random_masks: usize,
    /// Probability that a random mask hides each single feature.
    pub mask_probability: f64,
    /// Solver iteration cap.
    pub max_iterations: u64,
    /// Folds for cross-validation.
    pub folds: usize,
}

impl Default for TrainConfig {
    fn default() -> Self {
        Self {
            seed: 42,
            alpha: 1.0,
            random_masks: 2,
            mask_probability: 0.3,
            max_iterations: 1000,
            folds: 5,
        }
    }
}

impl TrainConfig {
    /// How training rows are augmented, in words (for the model card).
    pub fn augmentation(&self) -> Vec<String> {
        let mut out: Vec<String> = SCENARIOS
            .iter()
            .map(|s| format!("one copy of every training account with {}", s.description))
            .collect();
        if self.random_masks > 0 {
            out.push(format!(
                "{} more copies with each feature (followers, following, posts, bio, avatar, \
                 private, handle) hidden independently with probability {}",
                self.random_masks, self.mask_probability
            ));
        }
        out
    }
}

/// Fitted weights over [`COLUMNS`]: scaler, coefficients (positive = more bot-like), intercept.
#[derive(Debug, Clone, PartialEq)]
pub struct Weights {
    /// Column standardisation fitted on the training rows.
    pub scaler: Scaler,
    /// Coefficients on the scaled columns.
    pub coefficients: Vec<f64>,
    /// Intercept.
    pub intercept: f64,
}

impl Weights {
    /// Log-odds of being fake, scored exactly as `scout-core` scores the shipped model.
    pub fn log_odds(&self, f: &BotFeatures) -> f64 {
        let z = self.scaler.transform(&encode(f));
        self.intercept
            + z.iter()
                .zip(&self.coefficients)
                .map(|(a, b)| a * b)
                .sum::<f64>()
    }
}

/// The training rows for `rows`: each account once per scenario plus
/// `cfg.random_masks` random masks drawn from `rng`.
pub fn augment(rows: &[Labelled], cfg: &TrainConfig, rng: &mut ChaCha8Rng) -> Vec<Labelled> {
    let mut out = Vec::with_capacity(rows.len() * (SCENARIOS.len() + cfg.random_masks));
    for row in rows {
        for s in &SCENARIOS {
            out.push(Labelled {
                features: s.mask.apply(&row.features),
                fake: row.fake,
            });
        }
        for _ in 0..cfg.random_masks {
            let mut mask = Mask::NONE;
            for m in Mask::EACH {
                if rng.random_bool(cfg.mask_probability) {
                    mask = mask.union(m);
                }
            }
            out.push(Labelled {
                features: mask.apply(&row.features),
                fake: row.fake,
            });
        }
    }
    out
}

/// Mean and standard deviation of each column over the present (non-NaN) values;
/// scale 1 where a column is constant or never present.
pub fn fit_scaler(raw: &[[f64; N_COLUMNS]]) -> Scaler {
    let mut mean = vec![0.0; N_COLUMNS];
    let mut scale = vec![1.0; N_COLUMNS];
    for j in 0..N_COLUMNS {
        let present: Vec<f64> = raw.iter().map(|r| r[j]).filter(|x| !x.is_nan()).collect();
        if present.is_empty() {
            continue;
        }
        let n = present.len() as f64;
        let mu = present.iter().sum::<f64>() / n;
        let sd = (present.iter().map(|x| (x - mu).powi(2)).sum::<f64>() / n).sqrt();
        mean[j] = mu;
        if sd > 1e-12 {
            scale[j] = sd;
        }
    }
    Scaler { mean, scale }
}

/// Fits the scaler and linfa's logistic regression on `rows` augmented with masks.
pub fn fit(
    rows: &[Labelled],
    cfg: &TrainConfig,
    rng: &mut ChaCha8Rng,
) -> Result<Weights, TrainError> {
    let fake = rows.iter().filter(|r| r.fake).count();
    let real = rows.len() - fake;
    if fake == 0 || real == 0 {
        return Err(TrainError::TooFew {
            needed: 1,
            fake,
            real,
        });
    }
    let train = augment(rows, cfg, rng);
    let raw: Vec<[f64; N_COLUMNS]> = train.iter().map(|r| encode(&r.features)).collect();
    let scaler = fit_scaler(&raw);
    let mut x = Array2::<f64>::zeros((raw.len(), N_COLUMNS));
    for (i, r) in raw.iter().enumerate() {
        for (j, z) in scaler.transform(r).into_iter().enumerate() {
            x[[i, j]] = z;
        }
    }
    let y: Array1<bool> = train.iter().map(|r| r.fake).collect();
    let fitted = LogisticRegression::default()
        .alpha(cfg.alpha)
        .max_iterations(cfg.max_iterations)
        .fit(&Dataset::new(x, y))?;
    // linfa's probabilities are for its "positive" class, the larger one; flip to P(fake).
    let sign = if fitted.labels().pos.class { 1.0 } else { -1.0 };
    Ok(Weights {
        scaler,
        coefficients: fitted.params().iter().map(|w| sign * w).collect(),
        intercept: sign * fitted.intercept(),
    })
}

/// Stratified k-fold cross-validation of [`fit`]: for each fold, train on the others
/// (augmented) and score the held-out accounts under every [`Scenario`].
pub fn cross_validate(rows: &[Labelled], cfg: &TrainConfig) -> Result<CrossValidation, TrainError> {
    let labels: Vec<bool> = rows.iter().map(|r| r.fake).collect();
    let fake = labels.iter().filter(|&&l| l).count();
    let real = rows.len() - fake;
    if fake < cfg.folds || real < cfg.folds {
        return Err(TrainError::TooFew {
            needed: cfg.folds,
            fake,
            real,
        });
    }
    let folds = stratified_folds(&labels, cfg.folds, cfg.seed);
    let mut rng = ChaCha8Rng::seed_from_u64(cfg.seed);
    let mut per_scenario: Vec<Vec<Metrics>> = vec![Vec::new(); SCENARIOS.len()];
    let mut baseline = Vec::new();
    for k in 0..cfg.folds {
        let train: Vec<Labelled> = rows
            .iter()
            .zip(&folds)
            .filter(|(_, f)| **f != k)
            .map(|(r, _)| *r)
            .collect();
        let test: Vec<Labelled> = rows
            .iter()
            .zip(&folds)
            .filter(|(_, f)| **f == k)
            .map(|(r, _)| *r)
            .collect();
        let weights = fit(&train, cfg, &mut rng)?;
        let test_labels: Vec<bool> = test.iter().map(|r| r.fake).collect();
        for (s, out) in SCENARIOS.iter().zip(per_scenario.iter_mut()) {
            // Log-odds ≥ 0 ⇔ probability ≥ 0.5, the shipped threshold.
            let log_odds: Vec<f64> = test
                .iter()
                .map(|r| weights.log_odds(&s.mask.apply(&r.features)))
                .collect();
            out.push(metrics(&test_labels, &log_odds, 0.0));
        }
        baseline.push(metrics(&test_labels, &vec![-1.0; test.len()], 0.0));
    }
    let scenarios = SCENARIOS
        .iter()
        .zip(per_scenario)
        .map(|(s, m)| {
            let (mean, std) = mean_std(&m);
            ScenarioMetrics {
                scenario: s.id.into(),
                description: s.description.into(),
                mean,
                std,
            }
        })
        .collect();
    Ok(CrossValidation {
        folds: cfg.folds,
        seed: cfg.seed,
        scenarios,
        baseline_all_real: mean_std(&baseline).0,
    })
}

/// Where the data comes from, for the model card.
pub const DATA_NOTE: &str = "InstaFake fake-account set fake-v1.0 (Fatih C. Akyon and Esat \
Kalfaoglu, \"Instagram Fake and Automated Account Detection\", 2019, \
https://github.com/fcakyon/instafake-dataset): anonymised Instagram accounts collected in the \
second half of 2018, labelled fake or real. Not redistributed with Scout.";

/// The licence and what it means for the weights, for the model card.
pub const LICENCE_NOTE: &str = "The InstaFake data is licensed CC BY-NC 4.0 \
(https://creativecommons.org/licenses/by-nc/4.0/). These weights are derived from that \
non-commercial data: attribution is given here and in the README; commercial use of the \
shipped weights may need retraining on other data or the data authors' permission.";

/// Cross-validates, then fits the final weights on every row and assembles the model file.
pub fn train(
    rows: &[Labelled],
    cfg: &TrainConfig,
    trained_on: Option<String>,
) -> Result<BotModel, TrainError> {
    let cross_validation = cross_validate(rows, cfg)?;
    // The final fit draws its random masks from its own stream, independent of the CV's.
    let mut rng = ChaCha8Rng::seed_from_u64(cfg.seed.wrapping_add(1));
    let weights = fit(rows, cfg, &mut rng)?;
    let fake_accounts = rows.iter().filter(|r| r.fake).count();
    let mut command = format!(
        "cargo run -p scout-train -- bots --data \"$SCOUT_CORPUS/datasets/instafake\" \
         --out src-tauri/crates/core/data/bot_model.json --seed {}",
        cfg.seed
    );
    if let Some(d) = &trained_on {
        command = format!("{command} --trained-on {d}");
    }
    Ok(BotModel {
        format: FORMAT_VERSION,
        kind: KIND_LOGISTIC.into(),
        columns: COLUMNS.iter().map(|(n, _)| (*n).to_owned()).collect(),
        scaler: weights.scaler,
        coefficients: weights.coefficients,
        intercept: weights.intercept,
        threshold: 0.5,
        training: TrainingInfo {
            data: DATA_NOTE.into(),
            licence: LICENCE_NOTE.into(),
            fake_accounts,
            real_accounts: rows.len() - fake_accounts,
            estimator: "linfa-logistic 0.8 LogisticRegression (L-BFGS, L2)".into(),
            alpha: cfg.alpha,
            augmentation: cfg.augmentation(),
            seed: cfg.seed,
            trained_on,
            command,
            cross_validation,
        },
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A small, seeded, overlapping sample: fakes follow many and post little, reals the
    /// reverse, with every fifth row of each class looking like the other class.
    fn sample() -> Vec<Labelled> {
        (0..60u64)
            .map(|i| {
                let fake = i % 4 == 0;
                let looks_fake = fake != (i % 5 == 0);
                let features = BotFeatures {
                    followers: Some(if looks_fake { 5 + i } else { 300 + 7 * i }),
                    following: Some(if looks_fake {
                        1500 + 13 * i
                    } else {
                        250 + 3 * i
                    }),
                    posts: Some(if looks_fake { i % 2 } else { 20 + i }),
                    bio_length: Some(if looks_fake { 0 } else { (i % 40) as u32 }),
                    has_avatar: Some(!looks_fake || i % 3 == 0),
                    is_private: Some(i % 2 == 0),
                    username_length: Some(8 + (i % 7) as u32),
                    username_digits: Some(if looks_fake { (i % 5) as u32 } else { 0 }),
                    account_age_days: None,
                };
                Labelled { features, fake }
            })
            .collect()
    }

    fn small_config(seed: u64) -> TrainConfig {
        TrainConfig {
            seed,
            max_iterations: 200,
            ..TrainConfig::default()
        }
    }

    #[test]
    fn same_seed_gives_the_same_bytes() {
        let rows = sample();
        let a = train(&rows, &small_config(9), Some("2026-01-02".into())).expect("trains");
        let b = train(&rows, &small_config(9), Some("2026-01-02".into())).expect("trains");
        assert_eq!(a.to_json().expect("json"), b.to_json().expect("json"));
        let c = train(&rows, &small_config(10), Some("2026-01-02".into())).expect("trains");
        assert_ne!(
            a.coefficients, c.coefficients,
            "the seed drives the random masks"
        );
    }

    #[test]
    fn trained_model_is_a_valid_shippable_file() {
        let rows = sample();
        let model = train(&rows, &small_config(3), None).expect("trains");
        let reread = BotModel::from_json(&model.to_json().expect("json")).expect("valid model");
        // serde_json parses floats to within one unit in the last place, not always exactly.
        let close = |a: &[f64], b: &[f64]| {
            a.iter()
                .zip(b)
                .all(|(x, y)| (x - y).abs() <= 1e-12 * x.abs().max(1.0))
        };
        assert!(close(&reread.coefficients, &model.coefficients));
        assert!(close(&reread.scaler.mean, &model.scaler.mean));
        assert_eq!((reread.columns.len(), reread.training.seed), (N_COLUMNS, 3));
        assert_eq!(model.training.fake_accounts, 15);
        assert_eq!(model.training.real_accounts, 45);
        assert!(model.training.command.contains("--seed 3"));
        assert!(!model.training.command.contains("--trained-on"));
        assert_eq!(
            model.training.cross_validation.scenarios.len(),
            SCENARIOS.len()
        );
        // 45 of 60 rows are real: the all-real baseline is right 75 % of the time in every fold.
        assert!((model.training.cross_validation.baseline_all_real.accuracy - 0.75).abs() < 1e-12);
        // Fakes in the sample follow far more than they are followed: the model must agree.
        let fake_like = rows[0].features;
        let real_like = rows[1].features;
        assert!(model.probability(&fake_like) > 0.5 && model.probability(&real_like) < 0.5);
    }

    #[test]
    fn the_scorer_in_core_matches_the_trainer() {
        let rows = sample();
        let mut rng = ChaCha8Rng::seed_from_u64(5);
        let weights = fit(&rows, &small_config(5), &mut rng).expect("fits");
        let model = BotModel {
            format: FORMAT_VERSION,
            kind: KIND_LOGISTIC.into(),
            columns: COLUMNS.iter().map(|(n, _)| (*n).to_owned()).collect(),
            scaler: weights.scaler.clone(),
            coefficients: weights.coefficients.clone(),
            intercept: weights.intercept,
            threshold: 0.5,
            training: train(&rows, &small_config(5), None)
                .expect("trains")
                .training,
        };
        for r in &rows {
            let masked = Mask::COUNTS.apply(&r.features);
            assert!((model.log_odds(&r.features) - weights.log_odds(&r.features)).abs() < 1e-12);
            assert!((model.log_odds(&masked) - weights.log_odds(&masked)).abs() < 1e-12);
        }
    }

    #[test]
    fn augmentation_adds_one_copy_per_scenario_and_per_random_mask() {
        let rows = sample();
        let cfg = small_config(1);
        let mut rng = ChaCha8Rng::seed_from_u64(1);
        let out = augment(&rows[..2], &cfg, &mut rng);
        assert_eq!(out.len(), 2 * (SCENARIOS.len() + cfg.random_masks));
        // Row 0's scenario copies, in order: full, no_bio, no_private, no_counts, no_avatar,
        // profile_card.
        assert_eq!(out[0].features, rows[0].features);
        assert_eq!(out[1].features.bio_length, None);
        assert_eq!(out[1].features.followers, rows[0].features.followers);
        assert_eq!(out[2].features.is_private, None);
        assert_eq!(
            (
                out[3].features.followers,
                out[3].features.following,
                out[3].features.posts
            ),
            (None, None, None)
        );
        assert_eq!(out[4].features.has_avatar, None);
        assert_eq!(
            (out[5].features.posts, out[5].features.is_private),
            (None, None)
        );
        assert_eq!(out[5].features.bio_length, rows[0].features.bio_length);
        assert!(
            out.iter()
                .zip(std::iter::repeat_n(rows[0].fake, 8))
                .all(|(o, f)| o.fake == f || o.fake == rows[1].fake)
        );
    }

    #[test]
    fn scaler_ignores_missing_values() {
        let mut a = [f64::NAN; N_COLUMNS];
        let mut b = [f64::NAN; N_COLUMNS];
        a[0] = 1.0;
        b[0] = 3.0;
        a[1] = 5.0;
        let s = fit_scaler(&[a, b, [f64::NAN; N_COLUMNS]]);
        assert!((s.mean[0] - 2.0).abs() < 1e-12 && (s.scale[0] - 1.0).abs() < 1e-12);
        // One present value: constant column, scale 1.
        assert!((s.mean[1] - 5.0).abs() < 1e-12 && (s.scale[1] - 1.0).abs() < 1e-12);
        // Never present: mean 0, scale 1.
        assert!(s.mean[2].abs() < 1e-12 && (s.scale[2] - 1.0).abs() < 1e-12);
    }

    #[test]
    fn too_few_rows_for_the_folds_is_an_error() {
        let rows: Vec<Labelled> = sample()
            .into_iter()
            .filter(|r| !r.fake)
            .chain(sample().into_iter().filter(|r| r.fake).take(3))
            .collect();
        let err = cross_validate(&rows, &small_config(1)).expect_err("3 fakes for 5 folds");
        assert!(
            matches!(
                err,
                TrainError::TooFew {
                    needed: 5,
                    fake: 3,
                    real: 45
                }
            ),
            "{err}"
        );
    }

    #[test]
    fn loading_checks_labels_against_files() {
        let dir = tempfile::tempdir().expect("temp dir");
        let sub = dir.path().join("fake-v1.0");
        std::fs::create_dir(&sub).expect("mkdir");
        let rec = |fake: u8| {
            format!(
                r#"{{"userFollowerCount": 25, "userFollowingCount": 1937, "userBiographyLength": 0, "userMediaCount": 0, "userHasProfilPic": 1, "userIsPrivate": 1, "usernameDigitCount": 0, "usernameLength": 10, "isFake": {fake}}}"#
            )
        };
        std::fs::write(sub.join("fakeAccountData.json"), format!("[{}]", rec(1))).expect("write");
        std::fs::write(
            sub.join("realAccountData.json"),
            format!("[{}, {}]", rec(0), rec(0)),
        )
        .expect("write");
        let rows = load_instafake(dir.path()).expect("loads");
        assert_eq!(
            rows.iter().map(|r| r.fake).collect::<Vec<_>>(),
            [true, false, false]
        );
        assert_eq!(rows[0].features.following, Some(1937));

        std::fs::write(sub.join("realAccountData.json"), format!("[{}]", rec(1))).expect("write");
        let err = load_instafake(dir.path()).expect_err("mislabelled");
        assert!(err.to_string().contains("record 1: isFake"), "{err}");

        let err = load_instafake(&dir.path().join("nowhere")).expect_err("missing");
        assert!(matches!(err, TrainError::Read { .. }), "{err}");
    }
}
