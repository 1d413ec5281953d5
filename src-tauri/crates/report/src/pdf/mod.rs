//! The PDF vetting report: [`render`] with [`PdfOptions`], and [`Pdf`] as an [`Export`] format.
//!
//! Layout is done by typst used as a library: an in-memory [`World`] serves
//! the template (`assets/report.typ`, compiled into the crate), the report's
//! data as a virtual JSON file (see [`view`]) and the embedded fonts
//! ([`crate::fonts`]). Creator text only ever travels inside that JSON and is
//! shown with plain text functions, so it cannot inject markup. Charts are
//! drawn with typst shapes, so they are vector graphics in the PDF.
//!
//! Why typst: it gives tables that break across pages with repeated headers,
//! proper text shaping (Arabic, CJK, combining marks), bidi, font fallback and
//! font subsetting, and a readable template, where a low-level PDF crate
//! (krilla, printpdf, lopdf) would need hand-written layout code for all of
//! it. It is maintained, pure Rust, and deterministic given a fixed date.
//!
//! Reproducible: the PDF's creation date and the template's `today` are
//! [`ReportInput::generated_at`], the document id is derived from the input,
//! fonts are embedded, nothing reads the clock; the same input gives the same
//! bytes.

mod format;
mod plan_view;
mod view;

use std::io::Write;
use std::sync::OnceLock;

use chrono::{DateTime, Datelike, Timelike, Utc};
use sha2::{Digest, Sha256};
use typst::diag::{FileError, FileResult, SourceDiagnostic};
use typst::foundations::{Bytes, Datetime, Duration, Smart};
use typst::syntax::{FileId, RootedPath, Source, VirtualPath, VirtualRoot};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Library, LibraryExt, World, WorldExt};
use typst_layout::PagedDocument;

use crate::fonts::FontSet;
use crate::model::ReportInput;
use crate::{Export, ReportError};

/// The typst version the report is laid out with.
pub const TYPST_VERSION: &str = "0.15";

/// The template, compiled into the crate.
const TEMPLATE: &str = include_str!("../../assets/report.typ");
const TEMPLATE_PATH: &str = "/report.typ";
const DATA_PATH: &str = "/input.json";

/// Paper size.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Paper {
    /// ISO A4, 210 × 297 mm.
    #[default]
    A4,
    /// US Letter, 8.5 × 11 in.
    Letter,
}

impl Paper {
    fn typst_name(self) -> &'static str {
        match self {
            Paper::A4 => "a4",
            Paper::Letter => "us-letter",
        }
    }
}

/// Options of the PDF report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct PdfOptions {
    /// Paper size.
    pub paper: Paper,
}

/// The PDF report as an [`Export`] format.
#[derive(Debug, Clone, Copy, Default)]
pub struct Pdf(pub PdfOptions);

impl Export for Pdf {
    fn extension(&self) -> &'static str {
        "pdf"
    }

    fn export(&self, input: &ReportInput, out: &mut dyn Write) -> Result<(), ReportError> {
        out.write_all(&render(input, &self.0)?)?;
        Ok(())
    }
}

/// Renders the vetting report to PDF bytes.
pub fn render(input: &ReportInput, options: &PdfOptions) -> Result<Vec<u8>, ReportError> {
    Ok(render_pdf(input, options)?.bytes)
}

/// A rendered report with its page count and the layout engine's warnings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RenderedPdf {
    /// The PDF.
    pub bytes: Vec<u8>,
    /// Number of pages: cover, summary (one page per ~25 creators), one per creator, appendix.
    pub pages: usize,
    /// Warnings from typst (none expected; kept for diagnosis and tests).
    pub warnings: Vec<String>,
}

/// Renders the vetting report, also returning its page count and warnings.
pub fn render_pdf(input: &ReportInput, options: &PdfOptions) -> Result<RenderedPdf, ReportError> {
    let view = view::build(input);
    let mut data = serde_json::to_value(&view)?;
    if let Some(obj) = data.as_object_mut() {
        obj.insert("paper".into(), options.paper.typst_name().into());
    }
    let world = ReportWorld::new(serde_json::to_vec(&data)?, input.generated_at);
    let warned = typst::compile::<PagedDocument>(&world);
    let warnings = warned
        .warnings
        .iter()
        .map(|w| w.message.to_string())
        .collect();
    let document = warned
        .output
        .map_err(|e| ReportError::Template(messages_at(&world, &e)))?;
    let ident = hex::encode(Sha256::digest(serde_json::to_vec(input)?));
    let pdf_options = typst_pdf::PdfOptions {
        ident: Smart::Custom(format!("scout-report/{ident}")),
        creator: Smart::Custom(Some(format!(
            "Scout (scout-report {})",
            env!("CARGO_PKG_VERSION")
        ))),
        timestamp: Some(typst_pdf::Timestamp::new_utc(to_typst_datetime(
            input.generated_at,
        ))),
        ..typst_pdf::PdfOptions::default()
    };
    let bytes =
        typst_pdf::pdf(&document, &pdf_options).map_err(|e| ReportError::Pdf(messages(&e)))?;
    let pages = document.pages().len();
    // Keep typst's memo cache from growing without bound in a long-running app.
    typst::comemo::evict(8);
    Ok(RenderedPdf {
        bytes,
        pages,
        warnings,
    })
}

/// Diagnostics with the template line they point at.
fn messages_at(world: &ReportWorld, diags: &[SourceDiagnostic]) -> String {
    diags
        .iter()
        .map(|d| {
            let line = world
                .range(d.span)
                .and_then(|r| world.main.lines().byte_to_line(r.start))
                .map(|l| format!("report.typ:{}: ", l + 1))
                .unwrap_or_default();
            format!("{line}{}", messages(std::slice::from_ref(d)))
        })
        .collect::<Vec<_>>()
        .join(" | ")
}

fn messages(diags: &[SourceDiagnostic]) -> String {
    diags
        .iter()
        .map(|d| {
            let mut m = d.message.to_string();
            for h in &d.hints {
                m.push_str("; hint: ");
                m.push_str(&h.v);
            }
            m
        })
        .collect::<Vec<_>>()
        .join(" | ")
}

fn to_typst_datetime(d: DateTime<Utc>) -> Datetime {
    Datetime::from_ymd_hms(
        d.year(),
        d.month() as u8,
        d.day() as u8,
        d.hour() as u8,
        d.minute() as u8,
        d.second() as u8,
    )
    .unwrap_or_else(|| Datetime::from_ymd(1970, 1, 1).expect("the epoch is a valid date"))
}

fn file_id(path: &str) -> FileId {
    let vpath = VirtualPath::new(path).expect("template paths are valid virtual paths");
    FileId::new(RootedPath::new(VirtualRoot::Project, vpath))
}

fn library() -> &'static LazyHash<Library> {
    static LIBRARY: OnceLock<LazyHash<Library>> = OnceLock::new();
    LIBRARY.get_or_init(|| LazyHash::new(Library::default()))
}

/// The in-memory world: one template, one data file, the embedded fonts.
struct ReportWorld {
    main: Source,
    data_id: FileId,
    data: Bytes,
    today: Datetime,
}

impl ReportWorld {
    fn new(data: Vec<u8>, today: DateTime<Utc>) -> Self {
        Self {
            main: Source::new(file_id(TEMPLATE_PATH), TEMPLATE.to_string()),
            data_id: file_id(DATA_PATH),
            data: Bytes::new(data),
            today: to_typst_datetime(today),
        }
    }
}

impl World for ReportWorld {
    fn library(&self) -> &LazyHash<Library> {
        library()
    }

    fn book(&self) -> &LazyHash<FontBook> {
        &FontSet::get().book
    }

    fn main(&self) -> FileId {
        self.main.id()
    }

    fn source(&self, id: FileId) -> FileResult<Source> {
        if id == self.main.id() {
            Ok(self.main.clone())
        } else {
            Err(FileError::NotFound(id.vpath().get_without_slash().into()))
        }
    }

    fn file(&self, id: FileId) -> FileResult<Bytes> {
        if id == self.data_id {
            Ok(self.data.clone())
        } else if id == self.main.id() {
            Ok(Bytes::from_string(self.main.clone()))
        } else {
            Err(FileError::NotFound(id.vpath().get_without_slash().into()))
        }
    }

    fn font(&self, index: usize) -> Option<Font> {
        FontSet::get().fonts.get(index).cloned()
    }

    fn today(&self, _offset: Option<Duration>) -> Option<Datetime> {
        Some(self.today)
    }
}
