//! Scout's application layer: the one surface both shells (desktop app, `scout` CLI) call.
//!
//! Main types: [`Workspace`] (a data folder: the SQLite store, the source
//! registry, the keychain), [`Error`] (typed, with a stable [`Error::code`]),
//! [`Cancel`], and the [`views`] the shells display. Vetting runs, discovery,
//! shortlist operations, briefs, exports and the [`demo`] workspace live here;
//! the shells only convert arguments and print or render results.
#![deny(missing_docs)]

pub mod cancel;
pub mod demo;
pub mod keys;
pub mod paths;
pub mod views;

pub use cancel::Cancel;

pub mod analysis;
mod briefs;
mod checks;
pub mod error;
mod workspace;

pub use error::{Error, Result};
pub use workspace::{CsvTable, Workspace};
