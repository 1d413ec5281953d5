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
//!
//! The first row holds headers a spreadsheet user reads ([`CREATOR_HEADERS`]);
//! each column also has a stable machine key ([`CREATOR_COLUMNS`], same order,
//! documented in the README), written instead with [`CsvOptions::machine_keys`]
//! (`scout export csv --keys`). Rates are percentages with two decimals
//! (`3.40` for 3.4 %, the header says "%"), scores whole points, confidences
//! whole percents; counts are integers, dates RFC 3339 in UTC, unknown values
//! empty cells.

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
    /// Write decimals with a comma (`3,40`), as European spreadsheets expect.
    pub decimal_comma: bool,
    /// Head the columns with their stable machine keys (`engagement_rate`) instead of
    /// the headers a spreadsheet user reads (`Engagement rate (%)`), for scripts.
    pub machine_keys: bool,
}

impl Default for CsvOptions {
    /// Plain RFC 4180: no BOM, `,`, decimal point.
    fn default() -> Self {
        Self {
            bom: false,
            delimiter: b',',
            decimal_comma: false,
            machine_keys: false,
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
            machine_keys: false,
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

/// Headers of the creators CSV, in the order of [`CREATOR_COLUMNS`].
pub const CREATOR_HEADERS: &[&str] = &[
    "Platform",
    "Handle",
    "Name",
    "Profile URL",
    "Tier",
    "Followers",
    "Following",
    "Posts",
    "Engagement rate (%)",
    "Engagement rate basis",
    "Engagement rate statistic",
    "Usual engagement rate from (%)",
    "Usual engagement rate to (%)",
    "Engagement rate verdict",
    "Authentic engagement rate low (%)",
    "Authentic engagement rate (%)",
    "Authentic engagement rate high (%)",
    "Authenticity (0-100)",
    "Authenticity verdict",
    "Authenticity confidence (%)",
    "Authenticity method",
    "Brand Fit (0-100)",
    "Brand Fit verdict",
    "Brand Fit confidence (%)",
    "Brand Fit method",
    "Risk findings",
    "Watch findings",
    "Sponsored posts",
    "Disclosed sponsored posts",
    "Undisclosed sponsored posts",
    "Cost per post from",
    "Cost per post to",
    "Currency",
    "Status",
    "Tags",
    "Note",
    "Data date (UTC)",
];

/// Headers of the findings CSV, in the order of [`FINDING_COLUMNS`].
pub const FINDING_HEADERS: &[&str] = &[
    "Platform",
    "Handle",
    "Check",
    "Finding",
    "Verdict",
    "Summary",
    "Value as shown",
    "Value",
    "Usual from",
    "Usual to",
    "Confidence (%)",
    "Method detail",
    "Evidence",
    "Method version",
    "Data date (UTC)",
];

/// Headers of the posts CSV, in the order of [`POST_COLUMNS`].
pub const POST_HEADERS: &[&str] = &[
    "Platform",
    "Handle",
    "Post id",
    "URL",
    "Kind",
    "Published (UTC)",
    "Title",
    "Text",
    "Likes",
    "Replies or comments",
    "Reposts or shares",
    "Quotes",
    "Views",
    "Engagement rate (%)",
    "Paid partnership label",
    "Data date (UTC)",
];

/// Columns of the findings CSV, in order.
pub const FINDING_COLUMNS: &[&str] = &[
    "platform",
    "handle",
    "check",
    "title",
    "verdict",
    "summary",
    "value_shown",
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
    let mut table = Table::new(out, *options, CREATOR_COLUMNS, CREATOR_HEADERS)?;
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
        r.percent(c.engagement_rate);
        r.opt_text(c.er_basis.map(basis_key));
        r.opt_text(c.er_statistic.map(statistic_key));
        r.percent(c.er_expected.and_then(|e| e.low));
        r.percent(c.er_expected.and_then(|e| e.high));
        r.opt_text(c.er_verdict.map(Verdict::label));
        r.percent(c.authentic_er.map(|e| e.low));
        r.percent(c.authentic_er.map(|e| e.mid));
        r.percent(c.authentic_er.map(|e| e.high));
        for score in [&c.authenticity, &c.fit] {
            r.fixed(score.as_ref().map(|s| s.score.round()), 0);
            r.opt_text(score.as_ref().map(|s| s.verdict.label()));
            r.fixed(
                score.as_ref().and_then(|s| s.confidence).map(|c| c * 100.0),
                0,
            );
            r.opt_text(score.as_ref().map(|s| s.method_version.as_str()));
        }
        r.uint(Some(risk as u64));
        r.uint(Some(watch as u64));
        r.uint(c.disclosure.as_ref().map(|d| u64::from(d.sponsored_posts)));
        r.uint(c.disclosure.as_ref().map(|d| u64::from(d.disclosed_posts)));
        r.uint(c.disclosure.as_ref().map(|d| d.undisclosed.len() as u64));
        r.fixed(c.estimated_cost.as_ref().map(|e| e.low), 0);
        r.fixed(c.estimated_cost.as_ref().map(|e| e.high), 0);
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
    let mut table = Table::new(out, *options, FINDING_COLUMNS, FINDING_HEADERS)?;
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
    r.text(&scout_core::checks::plain::summary(f, c.platform));
    r.opt_text(scout_core::checks::plain::display_value(f, c.platform).as_deref());
    r.rounded(f.value);
    r.rounded(f.expected.and_then(|e| e.low));
    r.rounded(f.expected.and_then(|e| e.high));
    r.fixed(Some(f.confidence * 100.0), 0);
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
    let mut table = Table::new(out, *options, POST_COLUMNS, POST_HEADERS)?;
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
        r.percent(p.er);
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
    fn new(
        mut out: W,
        options: CsvOptions,
        keys: &[&str],
        headers: &[&str],
    ) -> Result<Self, ReportError> {
        debug_assert_eq!(keys.len(), headers.len());
        let header = if options.machine_keys { keys } else { headers };
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

    /// A number with a fixed count of decimals (the column states the precision).
    fn fixed(&mut self, v: Option<f64>, decimals: usize) {
        let comma = self.decimal_comma;
        self.push(|b| {
            if let Some(v) = v.filter(|v| v.is_finite()) {
                let start = b.len();
                // -0.00 reads oddly in a sheet.
                let v = if v.abs() < 0.5 * 10f64.powi(-i32::try_from(decimals).unwrap_or(0)) {
                    0.0
                } else {
                    v
                };
                let _ = write!(b, "{v:.decimals$}");
                if comma && let Some(dot) = b[start..].find('.') {
                    b.replace_range(start + dot..=start + dot, ",");
                }
            }
        });
    }

    /// A fraction as a percentage with two decimals: 0.034 → `3.40`.
    fn percent(&mut self, v: Option<f64>) {
        self.fixed(v.map(|v| v * 100.0), 2);
    }

    /// A value of any unit, to at most four significant decimals: no float noise.
    fn rounded(&mut self, v: Option<f64>) {
        self.float(v.map(|v| (v * 10_000.0).round() / 10_000.0));
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

    #[test]
    fn every_column_has_a_key_and_a_header() {
        assert_eq!(CREATOR_COLUMNS.len(), CREATOR_HEADERS.len());
        assert_eq!(FINDING_COLUMNS.len(), FINDING_HEADERS.len());
        assert_eq!(POST_COLUMNS.len(), POST_HEADERS.len());
    }

    #[test]
    fn rates_are_percentages_with_two_decimals_and_scores_whole() {
        let mut r = Row {
            buf: String::new(),
            spans: Vec::new(),
            decimal_comma: false,
        };
        r.percent(Some(0.024_304_479_048_067_6));
        r.fixed(Some(86.000_000_000_000_01_f64.round()), 0);
        r.percent(Some(-0.000_001));
        r.rounded(Some(68.557_123));
        let cells: Vec<&str> = r.spans.iter().map(|s| &r.buf[s.clone()]).collect();
        assert_eq!(cells, ["2.43", "86", "0.00", "68.5571"]);
    }

    #[test]
    fn headers_read_as_words_unless_machine_keys_are_asked_for() {
        let mut out = Vec::new();
        write_creators(&[], &CsvOptions::default(), &mut out).unwrap();
        let text = String::from_utf8(out).unwrap();
        assert!(
            text.starts_with("Platform,Handle,Name,Profile URL"),
            "{text}"
        );
        assert!(text.contains("Engagement rate (%)"));
        let mut out = Vec::new();
        let keys = CsvOptions {
            machine_keys: true,
            ..CsvOptions::default()
        };
        write_creators(&[], &keys, &mut out).unwrap();
        let text = String::from_utf8(out).unwrap();
        assert!(
            text.starts_with("platform,handle,display_name,url"),
            "{text}"
        );
        assert!(text.contains("engagement_rate,engagement_rate_basis,engagement_rate_statistic"));
    }
}
