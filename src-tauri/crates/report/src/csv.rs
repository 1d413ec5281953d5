//! CSV exports: creators, findings and posts, one row each.
//!
//! Main items: [`CsvOptions`] (BOM, delimiter, decimal mark), the writers
//! [`write_creators`], [`write_findings`], [`write_posts`], the export formats
//! [`CreatorsCsv`] and [`FindingsCsv`], and [`unescape_cell`].
//!
//! Output is UTF-8 and RFC 4180 (CRLF line ends, quotes where needed) through
//! the `csv` crate. [`CsvOptions::excel_europe`] adds a byte-order mark, `;` as
//! delimiter and `,` as decimal mark so that Excel in European locales opens
//! the file in columns with numbers as numbers.
//!
//! Formula injection is neutralised: a text cell that starts with `=`, `+`,
//! `-`, `@`, a tab or a carriage return is written with a leading `'`, which
//! spreadsheets show as text. Cells that already start with `'` get one more,
//! so the escape is reversible: [`unescape_cell`] gives back the original.
//! Numbers Scout writes itself (which may be negative) are never escaped.
//! Fractions stay fractions (`0.034` for 3.4 %), dates are RFC 3339 in UTC,
//! unknown values are empty cells.

use std::borrow::Cow;
use std::fmt::Write as _;
use std::io::Write;
use std::ops::Range as Span;

use chrono::{DateTime, SecondsFormat, Utc};
use scout_core::checks::benchmarks::{Basis, Statistic};
use scout_core::{Finding, Verdict};

use crate::model::{CreatorReport, PostRow, ReportInput};
use crate::{Export, ReportError};

/// How a CSV file is laid out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CsvOptions {
    /// Start with a UTF-8 byte-order mark (Excel needs it to read UTF-8).
    pub bom: bool,
    /// Field delimiter, `b','` or `b';'`.
    pub delimiter: u8,
    /// Write decimals with a comma (`0,034`), as European spreadsheets expect.
    pub decimal_comma: bool,
}

impl Default for CsvOptions {
    /// Plain RFC 4180: no BOM, `,`, decimal point.
    fn default() -> Self {
        Self {
            bom: false,
            delimiter: b',',
            decimal_comma: false,
        }
    }
}

impl CsvOptions {
    /// BOM, `;` and decimal comma: opens right in Excel with a European locale.
    pub fn excel_europe() -> Self {
        Self {
            bom: true,
            delimiter: b';',
            decimal_comma: true,
        }
    }
}

/// The UTF-8 byte-order mark written when [`CsvOptions::bom`] is set.
pub const BOM: &[u8] = b"\xEF\xBB\xBF";

/// Columns of the creators CSV, in order.
pub const CREATOR_COLUMNS: &[&str] = &[
    "platform",
    "handle",
    "display_name",
    "url",
    "tier",
    "followers",
    "following",
    "posts_count",
    "engagement_rate",
    "engagement_rate_basis",
    "engagement_rate_statistic",
    "er_expected_low",
    "er_expected_high",
    "er_verdict",
    "authentic_er_low",
    "authentic_er_mid",
    "authentic_er_high",
    "authenticity_score",
    "authenticity_verdict",
    "authenticity_confidence",
    "authenticity_method",
    "fit_score",
    "fit_verdict",
    "fit_confidence",
    "fit_method",
    "risk_findings",
    "watch_findings",
    "sponsored_posts",
    "disclosed_posts",
    "undisclosed_posts",
    "cost_low",
    "cost_high",
    "cost_currency",
    "status",
    "tags",
    "note",
    "data_date",
];

/// Columns of the findings CSV, in order.
pub const FINDING_COLUMNS: &[&str] = &[
    "platform",
    "handle",
    "check",
    "title",
    "verdict",
    "value",
    "expected_low",
    "expected_high",
    "confidence",
    "explanation",
    "evidence_ids",
    "method_version",
    "data_date",
];

/// Columns of the posts CSV, in order.
pub const POST_COLUMNS: &[&str] = &[
    "platform",
    "handle",
    "post_id",
    "url",
    "kind",
    "created_at",
    "title",
    "text",
    "likes",
    "replies",
    "reposts",
    "quotes",
    "views",
    "er",
    "sponsored_label",
    "data_date",
];

/// Writes one row per creator: every metric, score, verdict, status, note and the data date.
pub fn write_creators<W: Write>(
    creators: &[CreatorReport],
    options: &CsvOptions,
    out: W,
) -> Result<(), ReportError> {
    let mut table = Table::new(out, *options, CREATOR_COLUMNS)?;
    for c in creators {
        let (risk, watch) = c.risk_watch_counts();
        let r = &mut table.row;
        r.text(c.platform.key());
        r.text(&c.handle);
        r.opt_text(c.display_name.as_deref());
        r.opt_text(c.url.as_deref());
        r.opt_text(c.tier.map(scout_core::Tier::key));
        r.uint(c.followers);
        r.uint(c.following);
        r.uint(c.posts_count);
        r.float(c.engagement_rate);
        r.opt_text(c.er_basis.map(basis_key));
        r.opt_text(c.er_statistic.map(statistic_key));
        r.float(c.er_expected.and_then(|e| e.low));
        r.float(c.er_expected.and_then(|e| e.high));
        r.opt_text(c.er_verdict.map(Verdict::label));
        r.float(c.authentic_er.map(|e| e.low));
        r.float(c.authentic_er.map(|e| e.mid));
        r.float(c.authentic_er.map(|e| e.high));
        for score in [&c.authenticity, &c.fit] {
            r.float(score.as_ref().map(|s| s.score));
            r.opt_text(score.as_ref().map(|s| s.verdict.label()));
            r.float(score.as_ref().and_then(|s| s.confidence));
            r.opt_text(score.as_ref().map(|s| s.method_version.as_str()));
        }
        r.uint(Some(risk as u64));
        r.uint(Some(watch as u64));
        r.uint(c.disclosure.as_ref().map(|d| u64::from(d.sponsored_posts)));
        r.uint(c.disclosure.as_ref().map(|d| u64::from(d.disclosed_posts)));
        r.uint(c.disclosure.as_ref().map(|d| d.undisclosed.len() as u64));
        r.float(c.estimated_cost.as_ref().map(|e| e.low));
        r.float(c.estimated_cost.as_ref().map(|e| e.high));
        r.opt_text(c.estimated_cost.as_ref().map(|e| e.currency.as_str()));
        r.opt_text(c.status.map(scout_core::ShortlistStatus::key));
        r.text(&c.tags.join("; "));
        r.opt_text(c.note.as_deref());
        r.date(c.fetched_at);
        table.flush_row()?;
    }
    table.finish()
}

/// Writes one row per finding, with its evidence ids (`kind:id`, joined by `; `).
pub fn write_findings<W: Write>(
    creators: &[CreatorReport],
    options: &CsvOptions,
    out: W,
) -> Result<(), ReportError> {
    let mut table = Table::new(out, *options, FINDING_COLUMNS)?;
    let mut ids = String::new();
    for c in creators {
        for f in &c.findings {
            write_finding(&mut table.row, c, f, &mut ids);
            table.flush_row()?;
        }
    }
    table.finish()
}

fn write_finding(r: &mut Row, c: &CreatorReport, f: &Finding, ids: &mut String) {
    r.text(c.platform.key());
    r.text(&c.handle);
    r.text(&f.check);
    r.text(&f.title);
    r.text(f.verdict.label());
    r.float(f.value);
    r.float(f.expected.and_then(|e| e.low));
    r.float(f.expected.and_then(|e| e.high));
    r.float(Some(f.confidence));
    r.text(&f.explanation);
    ids.clear();
    for (i, e) in f.evidence.iter().enumerate() {
        if i > 0 {
            ids.push_str("; ");
        }
        ids.push_str(evidence_kind_key(e.kind));
        ids.push(':');
        ids.push_str(&e.id);
    }
    r.text(ids);
    r.text(&f.method_version);
    r.date(c.fetched_at);
}

/// `per_follower` | `per_view`, as in `benchmarks.toml` and `scout show --json`.
pub fn basis_key(b: Basis) -> &'static str {
    match b {
        Basis::PerFollower => "per_follower",
        Basis::PerView => "per_view",
    }
}

/// `median` | `mean`, as in `benchmarks.toml` and `scout show --json`.
pub fn statistic_key(s: Statistic) -> &'static str {
    match s {
        Statistic::Median => "median",
        Statistic::Mean => "mean",
    }
}

/// Lowercase key of an evidence kind, as used in `evidence_ids`.
pub fn evidence_kind_key(kind: scout_core::EvidenceKind) -> &'static str {
    match kind {
        scout_core::EvidenceKind::Post => "post",
        scout_core::EvidenceKind::Comment => "comment",
        scout_core::EvidenceKind::Account => "account",
        scout_core::EvidenceKind::Snapshot => "snapshot",
    }
}

/// Writes one row per post.
pub fn write_posts<'a, W: Write>(
    posts: impl IntoIterator<Item = &'a PostRow>,
    options: &CsvOptions,
    out: W,
) -> Result<(), ReportError> {
    let mut table = Table::new(out, *options, POST_COLUMNS)?;
    for p in posts {
        let r = &mut table.row;
        r.text(p.platform.key());
        r.text(&p.handle);
        r.text(&p.post_id);
        r.opt_text(p.url.as_deref());
        r.text(&p.kind);
        r.date(p.created_at);
        r.opt_text(p.title.as_deref());
        r.text(&p.text);
        r.uint(p.likes);
        r.uint(p.replies);
        r.uint(p.reposts);
        r.uint(p.quotes);
        r.uint(p.views);
        r.float(p.er);
        r.opt_text(p.sponsored_label.map(|b| if b { "true" } else { "false" }));
        r.date(p.fetched_at);
        table.flush_row()?;
    }
    table.finish()
}

/// The creators CSV as an [`Export`] format.
#[derive(Debug, Clone, Copy, Default)]
pub struct CreatorsCsv(pub CsvOptions);

impl Export for CreatorsCsv {
    fn extension(&self) -> &'static str {
        "csv"
    }

    fn export(&self, input: &ReportInput, out: &mut dyn Write) -> Result<(), ReportError> {
        write_creators(&input.creators, &self.0, out)
    }
}

/// The findings CSV as an [`Export`] format.
#[derive(Debug, Clone, Copy, Default)]
pub struct FindingsCsv(pub CsvOptions);

impl Export for FindingsCsv {
    fn extension(&self) -> &'static str {
        "csv"
    }

    fn export(&self, input: &ReportInput, out: &mut dyn Write) -> Result<(), ReportError> {
        write_findings(&input.creators, &self.0, out)
    }
}

/// Whether a text cell would be read as a formula (or is already escaped).
fn needs_escape(s: &str) -> bool {
    matches!(
        s.as_bytes().first(),
        Some(b'=' | b'+' | b'-' | b'@' | b'\t' | b'\r' | b'\'')
    )
}

/// Undoes the formula escape of a text cell read back from a Scout CSV.
pub fn unescape_cell(cell: &str) -> Cow<'_, str> {
    match cell.strip_prefix('\'') {
        Some(rest) if needs_escape(rest) => Cow::Borrowed(rest),
        _ => Cow::Borrowed(cell),
    }
}

/// A CSV writer with one reusable row buffer.
struct Table<W: Write> {
    writer: ::csv::Writer<W>,
    row: Row,
}

impl<W: Write> Table<W> {
    fn new(mut out: W, options: CsvOptions, header: &[&str]) -> Result<Self, ReportError> {
        if options.bom {
            out.write_all(BOM)?;
        }
        let mut writer = ::csv::WriterBuilder::new()
            .delimiter(options.delimiter)
            .terminator(::csv::Terminator::CRLF)
            .quote_style(::csv::QuoteStyle::Necessary)
            .from_writer(out);
        writer.write_record(header)?;
        Ok(Self {
            writer,
            row: Row {
                buf: String::new(),
                spans: Vec::new(),
                decimal_comma: options.decimal_comma,
            },
        })
    }

    fn flush_row(&mut self) -> Result<(), ReportError> {
        let Row { buf, spans, .. } = &self.row;
        self.writer
            .write_record(spans.iter().map(|s| &buf[s.clone()]))?;
        self.row.buf.clear();
        self.row.spans.clear();
        Ok(())
    }

    fn finish(mut self) -> Result<(), ReportError> {
        self.writer.flush()?;
        Ok(())
    }
}

/// The cells of the row being written, as spans of one string.
struct Row {
    buf: String,
    spans: Vec<Span<usize>>,
    decimal_comma: bool,
}

impl Row {
    fn push(&mut self, f: impl FnOnce(&mut String)) {
        let start = self.buf.len();
        f(&mut self.buf);
        self.spans.push(start..self.buf.len());
    }

    fn text(&mut self, s: &str) {
        self.push(|b| {
            if needs_escape(s) {
                b.push('\'');
            }
            b.push_str(s);
        });
    }

    fn opt_text(&mut self, s: Option<&str>) {
        self.text(s.unwrap_or(""));
    }

    fn uint(&mut self, v: Option<u64>) {
        self.push(|b| {
            if let Some(v) = v {
                let _ = write!(b, "{v}");
            }
        });
    }

    fn float(&mut self, v: Option<f64>) {
        let comma = self.decimal_comma;
        self.push(|b| {
            if let Some(v) = v.filter(|v| v.is_finite()) {
                let start = b.len();
                let _ = write!(b, "{v}");
                if comma && let Some(dot) = b[start..].find('.') {
                    b.replace_range(start + dot..=start + dot, ",");
                }
            }
        });
    }

    fn date(&mut self, d: DateTime<Utc>) {
        self.push(|b| b.push_str(&d.to_rfc3339_opts(SecondsFormat::Secs, true)));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_covers_formula_starters_and_is_reversible() {
        for hostile in [
            "=1+1", "+49 30", "-2", "@SUM(A1)", "\tx", "\rx", "'quoted", "'",
        ] {
            assert!(needs_escape(hostile), "{hostile:?}");
            let escaped = format!("'{hostile}");
            assert_eq!(unescape_cell(&escaped), hostile);
        }
        for plain in ["hello", "", "a=b", "1.5", "'x'".trim_start_matches('\'')] {
            assert!(!needs_escape(plain), "{plain:?}");
            assert_eq!(unescape_cell(plain), plain);
        }
    }

    #[test]
    fn floats_use_the_chosen_decimal_mark() {
        let mut r = Row {
            buf: String::new(),
            spans: Vec::new(),
            decimal_comma: true,
        };
        r.float(Some(0.034));
        r.float(Some(-1.5));
        r.float(Some(12.0));
        r.float(None);
        r.float(Some(f64::NAN));
        let cells: Vec<&str> = r.spans.iter().map(|s| &r.buf[s.clone()]).collect();
        assert_eq!(cells, ["0,034", "-1,5", "12", "", ""]);
    }
}
