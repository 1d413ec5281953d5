//! Scout's application layer: the one surface both shells (desktop app, `scout` CLI) call.
//!
//! Main types: [`Workspace`] (a data folder: the SQLite store, the source
//! registry, the keychain), [`Error`] (typed, with a stable [`Error::code`]),
//! [`Cancel`], [`JobQueue`] (background vet, refresh and report jobs persisted in the
//! store), and the [`views`] the shells display. Vetting runs, discovery,
//! shortlist operations, briefs, exports and the [`demo`] workspace live here;
//! the shells only convert arguments and print or render results.
#![deny(missing_docs)]

pub mod cancel;
pub mod demo;
pub mod jobs;
pub mod keys;
pub mod paths;
pub mod views;

pub use cancel::Cancel;
pub use jobs::JobQueue;

pub mod analysis;
pub mod brief_form;
mod briefs;
pub use briefs::brief_toml_from_lists;
mod checks;
pub mod compare;
pub mod error;
pub mod settings;
mod table;
pub use table::{DEFAULT_LIMIT, MAX_LIMIT};
mod team;
mod workspace;

pub use error::{Error, Result};
pub use workspace::{CsvTable, DB_FILE, Workspace};
mod detail;
pub mod discover;
pub mod identity;
mod vet;

pub use vet::{CONCURRENCY, LOOPBACK_LIMITS_ENV, ReparseSummary, http_config_with_loopback_limits};
mod exports;
pub mod plan;

pub use checks::BENCHMARKS_FILE;
pub use exports::{csv_options, verify_report};

/// The bot-likeness model, for `scout bots score`.
pub mod bots {
    /// One probability of being fake per record of a JSON array with InstaFake's field names.
    pub fn score_instafake_json(
        json: &str,
    ) -> Result<Vec<f64>, scout_core::checks::bots::BotModelError> {
        scout_core::checks::bots::BotModel::shipped().score_instafake_json(json)
    }
}
