//! Errors of the exports: [`ReportError`].

use std::path::PathBuf;

/// What can go wrong while writing a CSV, PDF or bundle.
#[derive(Debug, thiserror::Error)]
pub enum ReportError {
    /// Writing to the output failed (disk full, closed pipe, no permission).
    #[error("could not write the export: {0}")]
    Io(#[from] std::io::Error),
    /// Writing a file failed.
    #[error("could not write {path}: {source}; check that the folder exists and is writable")]
    WriteFile {
        /// The file.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
    /// The CSV writer failed (usually an I/O error underneath).
    #[error("could not write the CSV: {0}")]
    Csv(#[from] csv::Error),
    /// The input could not be serialised to JSON.
    #[error("could not serialise the report input: {0}")]
    Json(#[from] serde_json::Error),
    /// The report template failed to compile: a bug in Scout, not in the data.
    #[error("the PDF template failed ({0}); please report this as a bug with the bundle file")]
    Template(String),
    /// The PDF writer failed.
    #[error("could not produce the PDF ({0}); please report this as a bug with the bundle file")]
    Pdf(String),
    /// The output path has no file name to derive the bundle name from.
    #[error("'{0}' is not a file path: give the PDF a file name, e.g. -o report.pdf")]
    NotAFilePath(PathBuf),
}
