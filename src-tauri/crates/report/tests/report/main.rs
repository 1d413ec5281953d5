//! Integration tests of scout-report, one binary.
//!
//! - `csv_export`: CSV round trips (hostile cells, Excel option), exact output.
//! - `pdf`: the PDF's text (pdftotext), page count, fonts, vector charts,
//!   text staying on the page, reproducible bytes.
//! - `golden`: rendered pages (pdftoppm) against committed reference PNGs.
//! - `plan`: the campaign plan section and its results.
//! - `bundle`: writing, verifying and tampering with the audit bundle.
//!
//! The PDF checks use poppler-utils. Without them the tests say so and pass
//! locally; with `CI` set they fail, because CI installs poppler-utils.

mod support;
mod tools;

mod bundle;
mod csv_export;
mod golden;
mod pdf;
mod plan;
