//! Scout's exports: CSV files for spreadsheets and PDF vetting reports a client can audit.
//!
//! Main types: [`ReportInput`] (everything a report shows, as plain data; the
//! façade builds it from the store), the formats behind the [`Export`] trait
//! ([`csv::CreatorsCsv`], [`csv::FindingsCsv`], [`pdf::Pdf`]), [`CsvOptions`],
//! [`PdfOptions`], and the audit [`bundle`] ([`bundle::Bundle`],
//! [`bundle::write_report`], [`bundle::verify_bundle`]).
//!
//! - [`csv`]: creators, findings and posts as RFC 4180 CSV, with an Excel
//!   (BOM, `;`, decimal comma) option and formula injection neutralised.
//! - [`pdf`]: a vetting report laid out by typst (used as a library) from
//!   `assets/report.typ`, with embedded fonts ([`fonts`]) and vector charts.
//! - [`bundle`]: the JSON beside a PDF holding its inputs, fetch times,
//!   thresholds, method versions and SHA-256, and its verification.
//! - [`plan`]: the chosen campaign plan and its measured results, a section of the PDF.
//! - [`text`]: how creator text is made safe to lay out.
//!
//! Invariants: no clock reads (the report date is [`ReportInput::generated_at`]),
//! no system fonts, stable ordering: the same input gives the same bytes.

pub mod bundle;
pub mod csv;
mod error;
pub mod fonts;
pub mod model;
pub mod pdf;
pub mod plan;
pub mod text;

use std::io::Write;

pub use crate::csv::CsvOptions;
pub use crate::error::ReportError;
pub use crate::model::{
    Benchmark, CostEstimate, CreatorReport, DisclosureSummary, Estimate, FollowerPoint, Formula,
    MethodInfo, MethodVersion, PostEngagement, PostRow, ReportInput, ScoreBreakdown,
    ScoreComponent, Threshold, UndisclosedPost,
};
pub use crate::pdf::PdfOptions;

/// One export format: writes a report's data to a byte sink.
pub trait Export {
    /// File extension without the dot, e.g. `"csv"`.
    fn extension(&self) -> &'static str;

    /// Writes `input` in this format.
    fn export(&self, input: &ReportInput, out: &mut dyn Write) -> Result<(), ReportError>;
}
