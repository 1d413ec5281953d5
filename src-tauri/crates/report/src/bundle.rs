//! The audit bundle beside a PDF: [`Bundle`], [`write_report`], [`verify_bundle`].
//!
//! `report.pdf` is written with `report.bundle.json` beside it. The bundle
//! holds the report's complete [`ReportInput`] (`inputs`, authoritative), a
//! readable summary derived from it (fetch times per creator, thresholds,
//! method versions), the embedded fonts' hashes, and the PDF's file name,
//! size and SHA-256. [`verify_bundle`] checks that the PDF beside a bundle is
//! byte for byte the one it describes; [`rerender_matches`] goes further and
//! renders the inputs again to show that they give exactly that PDF.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use scout_core::Platform;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::ReportError;
use crate::fonts::FontSet;
use crate::model::{MethodVersion, ReportInput, Threshold};
use crate::pdf::{self, Paper, PdfOptions};

/// The bundle format this crate writes and reads.
pub const BUNDLE_FORMAT: &str = "scout-report-bundle/1";

/// What a client needs to audit a PDF report.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Bundle {
    /// Always [`BUNDLE_FORMAT`].
    pub format: String,
    /// The software that made the PDF, e.g. `scout-report 0.1.0 (typst 0.15)`.
    pub generator: String,
    /// When the report was generated (also the PDF's creation date).
    pub generated_at: DateTime<Utc>,
    /// The PDF this bundle describes.
    pub pdf: PdfDigest,
    /// When each creator's data was fetched, and the snapshots behind the follower history.
    pub fetch_times: Vec<FetchTime>,
    /// Thresholds used (copied from `inputs.method`).
    pub thresholds: Vec<Threshold>,
    /// Every method version used: those stated in `inputs.method` and those on findings and scores.
    pub method_versions: Vec<MethodVersion>,
    /// The embedded font files, by SHA-256.
    pub fonts: Vec<FontDigest>,
    /// The report's complete input: the PDF is a function of this and the generator.
    pub inputs: ReportInput,
}

/// The PDF's identity.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PdfDigest {
    /// File name of the PDF, in the bundle's folder.
    pub file: String,
    /// Size in bytes.
    pub bytes: u64,
    /// SHA-256 of the PDF, lowercase hex.
    pub sha256: String,
    /// Paper size it was rendered on.
    pub paper: PaperName,
}

/// Paper size as stored in a bundle.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum PaperName {
    /// ISO A4.
    A4,
    /// US Letter.
    Letter,
}

impl From<Paper> for PaperName {
    fn from(p: Paper) -> Self {
        match p {
            Paper::A4 => PaperName::A4,
            Paper::Letter => PaperName::Letter,
        }
    }
}

impl From<PaperName> for Paper {
    fn from(p: PaperName) -> Self {
        match p {
            PaperName::A4 => Paper::A4,
            PaperName::Letter => Paper::Letter,
        }
    }
}

/// When one creator's data was fetched.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FetchTime {
    /// Platform.
    pub platform: Platform,
    /// Handle.
    pub handle: String,
    /// The snapshot the figures come from.
    pub fetched_at: DateTime<Utc>,
    /// Every snapshot in the follower history, oldest first.
    pub snapshots: Vec<DateTime<Utc>>,
}

/// One embedded font file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FontDigest {
    /// File name.
    pub file: String,
    /// SHA-256, lowercase hex.
    pub sha256: String,
}

/// The bundle path for a PDF path: `report.pdf` → `report.bundle.json`.
pub fn bundle_path_for(pdf_path: &Path) -> Result<PathBuf, ReportError> {
    let stem = pdf_path
        .file_stem()
        .filter(|s| !s.is_empty())
        .ok_or_else(|| ReportError::NotAFilePath(pdf_path.to_path_buf()))?;
    let mut name = stem.to_os_string();
    name.push(".bundle.json");
    Ok(pdf_path.with_file_name(name))
}

/// Describes `pdf` (named `pdf_file` in the same folder) and the input it was made from.
pub fn make_bundle(
    input: &ReportInput,
    options: &PdfOptions,
    pdf_file: &str,
    pdf: &[u8],
) -> Bundle {
    let fetch_times = input
        .creators
        .iter()
        .map(|c| {
            let mut snapshots: Vec<DateTime<Utc>> =
                c.follower_history.iter().map(|p| p.date).collect();
            snapshots.sort();
            snapshots.dedup();
            FetchTime {
                platform: c.platform,
                handle: c.handle.clone(),
                fetched_at: c.fetched_at,
                snapshots,
            }
        })
        .collect();
    let mut versions: Vec<MethodVersion> = input.method.method_versions.clone();
    let mut add = |check: &str, version: &str| {
        if !version.is_empty()
            && !versions
                .iter()
                .any(|v| v.check == check && v.version == version)
        {
            versions.push(MethodVersion {
                check: check.to_string(),
                version: version.to_string(),
            });
        }
    };
    for c in &input.creators {
        for f in &c.findings {
            add(&f.check, &f.method_version);
        }
        for s in [&c.authenticity, &c.fit].into_iter().flatten() {
            add(
                s.method_version.split('/').next().unwrap_or_default(),
                &s.method_version,
            );
        }
    }
    versions.sort_by(|a, b| (&a.check, &a.version).cmp(&(&b.check, &b.version)));
    Bundle {
        format: BUNDLE_FORMAT.to_string(),
        generator: generator(),
        generated_at: input.generated_at,
        pdf: PdfDigest {
            file: pdf_file.to_string(),
            bytes: pdf.len() as u64,
            sha256: sha256_hex(pdf),
            paper: options.paper.into(),
        },
        fetch_times,
        thresholds: input.method.thresholds.clone(),
        method_versions: versions,
        fonts: FontSet::get()
            .files
            .iter()
            .map(|(file, sha256)| FontDigest {
                file: file.clone(),
                sha256: sha256.clone(),
            })
            .collect(),
        inputs: input.clone(),
    }
}

fn generator() -> String {
    format!(
        "scout-report {} (typst {})",
        env!("CARGO_PKG_VERSION"),
        pdf::TYPST_VERSION
    )
}

/// SHA-256 of bytes, lowercase hex.
pub fn sha256_hex(bytes: &[u8]) -> String {
    hex::encode(Sha256::digest(bytes))
}

/// Writes a bundle as pretty JSON with a final newline.
pub fn write_bundle<W: Write>(bundle: &Bundle, mut out: W) -> Result<(), ReportError> {
    serde_json::to_writer_pretty(&mut out, bundle)?;
    out.write_all(b"\n")?;
    out.flush()?;
    Ok(())
}

/// What [`write_report`] wrote.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WrittenReport {
    /// The PDF.
    pub pdf_path: PathBuf,
    /// The bundle beside it.
    pub bundle_path: PathBuf,
    /// PDF size in bytes.
    pub bytes: u64,
    /// SHA-256 of the PDF.
    pub sha256: String,
}

/// Renders the report to `pdf_path` and writes the bundle beside it
/// (`report.pdf` → `report.bundle.json`). Each file is written to a temporary
/// name first and renamed, so a reader never sees half a file.
pub fn write_report(
    input: &ReportInput,
    options: &PdfOptions,
    pdf_path: &Path,
) -> Result<WrittenReport, ReportError> {
    let bundle_path = bundle_path_for(pdf_path)?;
    let file_name = pdf_path
        .file_name()
        .and_then(|n| n.to_str())
        .ok_or_else(|| ReportError::NotAFilePath(pdf_path.to_path_buf()))?
        .to_string();
    let pdf_bytes = pdf::render(input, options)?;
    let bundle = make_bundle(input, options, &file_name, &pdf_bytes);
    let mut json = Vec::new();
    write_bundle(&bundle, &mut json)?;
    write_atomically(pdf_path, &pdf_bytes)?;
    write_atomically(&bundle_path, &json)?;
    Ok(WrittenReport {
        pdf_path: pdf_path.to_path_buf(),
        bundle_path,
        bytes: bundle.pdf.bytes,
        sha256: bundle.pdf.sha256,
    })
}

fn write_atomically(path: &Path, bytes: &[u8]) -> Result<(), ReportError> {
    let mut tmp_name = path
        .file_name()
        .map(std::ffi::OsStr::to_os_string)
        .unwrap_or_default();
    tmp_name.push(".partial");
    let tmp = path.with_file_name(tmp_name);
    let err = |source| ReportError::WriteFile {
        path: path.to_path_buf(),
        source,
    };
    fs::write(&tmp, bytes).map_err(err)?;
    fs::rename(&tmp, path).map_err(|e| {
        let _ = fs::remove_file(&tmp);
        err(e)
    })
}

/// A bundle whose PDF matches.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VerifyOk {
    /// The PDF that was checked.
    pub pdf_path: PathBuf,
    /// Its SHA-256 (equal to the bundle's).
    pub sha256: String,
    /// Its size.
    pub bytes: u64,
}

/// Why a bundle does not verify. Each message is one line a client can act on.
#[derive(Debug, thiserror::Error)]
pub enum VerifyError {
    /// The bundle file could not be read.
    #[error("cannot read the bundle {path}: {source}")]
    ReadBundle {
        /// Bundle path.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
    /// The bundle is not valid JSON of the expected shape.
    #[error("{path} is not a Scout report bundle: {source}")]
    ParseBundle {
        /// Bundle path.
        path: PathBuf,
        /// Why.
        source: serde_json::Error,
    },
    /// The bundle has another format version.
    #[error(
        "{path} has format '{found}', this Scout reads '{BUNDLE_FORMAT}': verify it with the Scout version that wrote it"
    )]
    UnsupportedFormat {
        /// Bundle path.
        path: PathBuf,
        /// The format it states.
        found: String,
    },
    /// The bundle names a PDF outside its own folder.
    #[error(
        "the bundle names the PDF '{name}', which is not a plain file name in the bundle's folder; the bundle was edited"
    )]
    BadPdfName {
        /// The name in the bundle.
        name: String,
    },
    /// The PDF is not beside the bundle.
    #[error(
        "cannot read the PDF {path} that the bundle describes: {source}; keep the PDF in the same folder as its bundle"
    )]
    ReadPdf {
        /// Expected PDF path.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
    /// The PDF differs from the one the bundle describes.
    #[error(
        "MISMATCH: {path} has SHA-256 {actual} ({actual_bytes} bytes) but the bundle records {expected} ({expected_bytes} bytes); the PDF was changed after it was generated"
    )]
    Mismatch {
        /// The PDF.
        path: PathBuf,
        /// SHA-256 the bundle records.
        expected: String,
        /// SHA-256 of the file.
        actual: String,
        /// Size the bundle records.
        expected_bytes: u64,
        /// Size of the file.
        actual_bytes: u64,
    },
}

/// Reads a bundle file.
pub fn read_bundle(path: &Path) -> Result<Bundle, VerifyError> {
    let text = fs::read(path).map_err(|source| VerifyError::ReadBundle {
        path: path.to_path_buf(),
        source,
    })?;
    // Check the format first, so a future bundle gets the right message rather than a parse error.
    if let Ok(serde_json::Value::Object(obj)) = serde_json::from_slice::<serde_json::Value>(&text)
        && let Some(found) = obj.get("format").and_then(|f| f.as_str())
        && found != BUNDLE_FORMAT
    {
        return Err(VerifyError::UnsupportedFormat {
            path: path.to_path_buf(),
            found: found.to_string(),
        });
    }
    serde_json::from_slice(&text).map_err(|source| VerifyError::ParseBundle {
        path: path.to_path_buf(),
        source,
    })
}

/// Checks that the PDF beside a bundle is the one the bundle describes.
pub fn verify_bundle(path: &Path) -> Result<VerifyOk, VerifyError> {
    let bundle = read_bundle(path)?;
    let name = &bundle.pdf.file;
    let plain = Path::new(name)
        .file_name()
        .is_some_and(|n| n == name.as_str());
    if !plain {
        return Err(VerifyError::BadPdfName { name: name.clone() });
    }
    let pdf_path = path.with_file_name(name);
    let bytes = fs::read(&pdf_path).map_err(|source| VerifyError::ReadPdf {
        path: pdf_path.clone(),
        source,
    })?;
    let actual = sha256_hex(&bytes);
    if actual != bundle.pdf.sha256.to_ascii_lowercase() {
        return Err(VerifyError::Mismatch {
            path: pdf_path,
            expected: bundle.pdf.sha256,
            actual,
            expected_bytes: bundle.pdf.bytes,
            actual_bytes: bytes.len() as u64,
        });
    }
    Ok(VerifyOk {
        pdf_path,
        sha256: actual,
        bytes: bytes.len() as u64,
    })
}

/// Renders a bundle's inputs again and tells whether they give exactly the PDF it records.
pub fn rerender_matches(bundle: &Bundle) -> Result<bool, ReportError> {
    let options = PdfOptions {
        paper: bundle.pdf.paper.into(),
    };
    let bytes = pdf::render(&bundle.inputs, &options)?;
    Ok(sha256_hex(&bytes) == bundle.pdf.sha256.to_ascii_lowercase())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bundle_sits_beside_the_pdf() {
        assert_eq!(
            bundle_path_for(Path::new("out/report.pdf")).unwrap(),
            Path::new("out/report.bundle.json")
        );
        assert_eq!(
            bundle_path_for(Path::new("report")).unwrap(),
            Path::new("report.bundle.json")
        );
        assert!(bundle_path_for(Path::new("/")).is_err());
    }

    #[test]
    fn sha256_is_the_standard_digest() {
        // SHA-256("abc") from FIPS 180-2, appendix B.1.
        assert_eq!(
            sha256_hex(b"abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }
}
