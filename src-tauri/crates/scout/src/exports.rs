//! Exports and reports: the façade fills `scout-report`'s input model from the store
//! and the checks, then writes CSV or PDF (with its audit bundle).

use chrono::{DateTime, Utc};
use scout_core::{PostKind, ShortlistStatus};
use scout_report::{
    CreatorReport, CsvOptions, Estimate, FollowerPoint, Formula, MethodInfo, MethodVersion,
    PdfOptions, PostEngagement, PostRow, ReportInput, ScoreBreakdown, ScoreComponent,
};
use scout_store::{AccountId, AccountRow};
use std::path::Path;

use crate::analysis::Analysis;
use crate::briefs::LoadedBrief;
use crate::error::{Error, Result};
use crate::views::{ExportResult, ReportAuthor};

/// Settings key of who prepares reports.
const AUTHOR_KEY: &str = "report/author";
use crate::{CsvTable, Workspace};

struct Entry {
    row: AccountRow,
    status: Option<ShortlistStatus>,
    note: Option<String>,
    tags: Vec<String>,
}

impl Workspace {
    fn entries(&self, shortlist: Option<&str>) -> Result<(Vec<Entry>, Option<String>)> {
        let store = self.store();
        match shortlist {
            Some(name) => {
                let s = store
                    .shortlist_by_name(name)?
                    .ok_or_else(|| Error::NotFound(format!("no shortlist named '{name}'")))?;
                let entries = store
                    .shortlist_entries(s.id)?
                    .into_iter()
                    .filter(|e| e.account.latest.is_some())
                    .map(|e| Entry {
                        row: e.account,
                        status: Some(e.status),
                        note: e.note,
                        tags: e.tags,
                    })
                    .collect();
                Ok((entries, s.client))
            }
            None => Ok((
                store
                    .accounts()?
                    .into_iter()
                    .filter(|a| a.latest.is_some())
                    .map(|row| Entry {
                        row,
                        status: None,
                        note: None,
                        tags: Vec::new(),
                    })
                    .collect(),
                None,
            )),
        }
    }

    #[allow(clippy::many_single_char_names)]
    fn creator_report(
        &self,
        e: &Entry,
        a: &Analysis,
        brief: Option<&LoadedBrief>,
    ) -> CreatorReport {
        let score_params = &self.benchmarks().score;
        let s = &a.snapshot;
        let m = &a.metrics;
        let mut c = CreatorReport::new(s.platform, s.profile.handle.clone(), s.fetched_at);
        c.display_name.clone_from(&s.profile.display_name);
        c.url = Some(s.profile.url.clone());
        c.tier = m.tier;
        c.followers = s.profile.followers;
        c.following = s.profile.following;
        c.posts_count = s.profile.posts_count;
        // The declared rate (core's one definition) and the band the engagement-rate
        // finding compared it with.
        let formula =
            scout_core::checks::engagement_rate::declared_formula(s.platform, self.benchmarks());
        c.engagement_rate = a.declared.as_ref().map(|d| d.value);
        c.er_basis = formula.map(|f| f.0);
        c.er_statistic = formula.map(|f| f.1);
        if let Some(f) = a.findings.iter().find(|f| f.check == "engagement_rate") {
            c.er_expected = f.expected;
            c.er_verdict = Some(f.verdict);
        }
        c.authentic_er = a
            .authentic_er
            .map(|(low, mid, high)| Estimate { low, mid, high });
        let authenticity_finding = a
            .findings
            .iter()
            .find(|f| f.check == scout_core::checks::score::CHECK);
        c.authenticity = a.authenticity.map(|score| ScoreBreakdown {
            score: scout_core::checks::score::shown(score),
            verdict: authenticity_finding
                .map_or_else(|| score_params.verdict(score), |f| f.verdict),
            confidence: None,
            method_version: "authenticity/1".into(),
            components: a
                .authenticity_breakdown
                .iter()
                .map(|p| ScoreComponent {
                    name: p.name.clone(),
                    check: None,
                    score: Some(p.score),
                    weight: p.weight,
                    verdict: score_params.verdict(p.score),
                    detail: Some(p.explanation.clone()),
                })
                .collect(),
        });
        if let Some((fit, disclosure)) = brief.and_then(|b| b.report_parts(s)) {
            c.fit = Some(fit);
            c.disclosure = Some(disclosure);
        }
        c.status = e.status;
        c.note.clone_from(&e.note);
        c.tags.clone_from(&e.tags);
        let per_post = match c.er_basis {
            Some(scout_core::checks::benchmarks::Basis::PerView) => &m.per_post_view,
            _ => &m.per_post,
        };
        c.er_per_post = per_post
            .iter()
            .map(|r| PostEngagement {
                post_id: r.post_id.clone(),
                date: r.created_at,
                er: Some(r.rate),
            })
            .collect();
        c.follower_history = a
            .history
            .iter()
            .map(|(date, followers)| FollowerPoint {
                date: *date,
                followers: *followers,
            })
            .collect();
        c.findings.clone_from(&a.findings);
        c.bio.clone_from(&s.profile.bio);
        c
    }

    fn method_info(&self, analyses: &[std::sync::Arc<Analysis>]) -> Result<MethodInfo> {
        let mut versions: Vec<MethodVersion> = analyses
            .iter()
            .flat_map(|a| {
                a.findings.iter().map(|f| MethodVersion {
                    check: f.check.clone(),
                    version: f.method_version.clone(),
                })
            })
            .collect();
        versions.push(MethodVersion {
            check: "metrics".into(),
            version: scout_core::metrics::METHOD_VERSION.into(),
        });
        versions.sort_by(|a, b| a.check.cmp(&b.check));
        versions.dedup();
        // One engagement-rate formula per platform in the report, in core's words.
        let mut platforms: Vec<scout_core::Platform> =
            analyses.iter().map(|a| a.snapshot.platform).collect();
        platforms.sort();
        platforms.dedup();
        let er_formulas: Vec<Formula> = platforms
            .into_iter()
            .map(|p| Formula {
                name: format!("Engagement rate on {p}"),
                expression: scout_core::checks::engagement_rate::formula_text(p, self.benchmarks()),
                note: Some(format!(
                    "needs at least {} posts; posts younger than 24 h, hidden or unknown counts are left out, never counted as zero",
                    scout_core::checks::engagement_rate::MIN_POSTS
                )),
            })
            .collect();
        Ok(MethodInfo {
            formulas: er_formulas
                .into_iter()
                .chain([
                Formula {
                    name: "Authentic engagement rate".into(),
                    expression: "engagement rate × (1 − share of suspicious accounts in the sample), as a range over cut-offs and the sampling interval".into(),
                    note: None,
                },
                Formula {
                    name: "Posts per week".into(),
                    expression: "n original posts / (newest − oldest post, at least one day) in weeks".into(),
                    note: None,
                },
            ])
            .chain(check_methods(analyses))
            .collect(),
            thresholds: crate::checks::thresholds(self.benchmarks()),
            benchmarks: crate::checks::benchmarks_used(self.benchmarks(), analyses),
            method_versions: versions,
            tier_bounds: Some(self.bounds()?),
        })
    }

    /// Build the report input for a shortlist (or every creator).
    pub fn report_input(
        &self,
        shortlist: Option<&str>,
        brief: Option<&str>,
        generated_at: DateTime<Utc>,
        author: Option<&str>,
    ) -> Result<ReportInput> {
        let brief = brief.map(|b| self.load_brief(b)).transpose()?;
        let (entries, client) = self.entries(shortlist)?;
        let mut creators = Vec::new();
        let mut analyses = Vec::new();
        for e in &entries {
            let a = self.analysis_of(&e.row)?;
            creators.push(self.creator_report(e, &a, brief.as_ref()));
            analyses.push(a);
        }
        Ok(ReportInput {
            title: "Creator vetting report".into(),
            client,
            brief_name: brief.map(|b| b.name.clone()),
            shortlist_name: shortlist.unwrap_or("All creators").to_string(),
            author: author.map(str::to_string),
            generated_at,
            creators,
            method: self.method_info(&analyses)?,
            plan: None,
        })
    }

    /// One CSV table as bytes (`excel_eu`: BOM, `;` and decimal commas).
    pub fn csv_bytes(
        &self,
        table: CsvTable,
        shortlist: Option<&str>,
        brief: Option<&str>,
        excel_eu: bool,
    ) -> Result<Vec<u8>> {
        self.csv_bytes_with(table, shortlist, brief, &csv_options(excel_eu, false))
    }

    /// One CSV table as bytes, laid out by `opts` (e.g. machine keys as headers).
    pub fn csv_bytes_with(
        &self,
        table: CsvTable,
        shortlist: Option<&str>,
        brief: Option<&str>,
        opts: &CsvOptions,
    ) -> Result<Vec<u8>> {
        let opts = *opts;
        let input = self.report_input(shortlist, brief, Self::now(), None)?;
        let mut out = Vec::new();
        let err = |e: scout_report::ReportError| Error::Report(e.to_string());
        match table {
            CsvTable::Creators => {
                scout_report::csv::write_creators(&input.creators, &opts, &mut out).map_err(err)?;
            }
            CsvTable::Findings => {
                scout_report::csv::write_findings(&input.creators, &opts, &mut out).map_err(err)?;
            }
            CsvTable::Posts => {
                let (entries, _) = self.entries(shortlist)?;
                let mut rows = Vec::new();
                for e in &entries {
                    let a = self.analysis_of(&e.row)?;
                    // Each post's rate in the platform's declared basis, like the page.
                    let per_post = match scout_core::checks::engagement_rate::declared_formula(
                        a.snapshot.platform,
                        self.benchmarks(),
                    )
                    .map(|f| f.0)
                    {
                        Some(scout_core::checks::benchmarks::Basis::PerView) => {
                            &a.metrics.per_post_view
                        }
                        _ => &a.metrics.per_post,
                    };
                    let rates: std::collections::HashMap<&str, f64> = per_post
                        .iter()
                        .map(|r| (r.post_id.as_str(), r.rate))
                        .collect();
                    for p in a.snapshot.posts.iter().chain(a.snapshot.other_posts.iter()) {
                        let er = (p.kind == PostKind::Original)
                            .then(|| rates.get(p.id.as_str()).copied())
                            .flatten();
                        rows.push(PostRow::from_post(
                            a.snapshot.platform,
                            a.snapshot.profile.handle.clone(),
                            p,
                            er,
                            a.snapshot.fetched_at,
                        ));
                    }
                }
                scout_report::csv::write_posts(&rows, &opts, &mut out).map_err(err)?;
            }
        }
        Ok(out)
    }

    /// Write one CSV table to `path`.
    pub fn export_csv_table(
        &self,
        table: CsvTable,
        shortlist: Option<&str>,
        brief: Option<&str>,
        path: &Path,
        excel_eu: bool,
    ) -> Result<ExportResult> {
        self.export_csv_table_with(table, shortlist, brief, path, &csv_options(excel_eu, false))
    }

    /// Write one CSV table to `path`, laid out by `opts`.
    pub fn export_csv_table_with(
        &self,
        table: CsvTable,
        shortlist: Option<&str>,
        brief: Option<&str>,
        path: &Path,
        opts: &CsvOptions,
    ) -> Result<ExportResult> {
        let bytes = self.csv_bytes_with(table, shortlist, brief, opts)?;
        let rows = csv::ReaderBuilder::new()
            .delimiter(opts.delimiter)
            .from_reader(bytes.as_slice())
            .records()
            .count();
        std::fs::write(path, &bytes).map_err(|e| Error::io("cannot write", path, e))?;
        Ok(ExportResult {
            path: path.display().to_string(),
            bundle_path: None,
            bytes: bytes.len() as u64,
            count: u32::try_from(rows).unwrap_or(u32::MAX),
        })
    }

    /// The creators CSV of a shortlist (or every creator) to `path`.
    pub fn export_csv(
        &self,
        shortlist: Option<&str>,
        path: &Path,
        excel_eu: bool,
    ) -> Result<ExportResult> {
        self.export_csv_table(CsvTable::Creators, shortlist, None, path, excel_eu)
    }

    /// The creators CSV of the creators chosen in the Creators table (by id, in that
    /// order; creators never vetted are left out), laid out like [`Workspace::export_csv`].
    /// Their accounts are read in one query.
    pub fn export_csv_creators(
        &self,
        creator_ids: &[i64],
        path: &Path,
        excel_eu: bool,
    ) -> Result<ExportResult> {
        if creator_ids.is_empty() {
            return Err(Error::Invalid(
                "choose at least one creator to export".into(),
            ));
        }
        let ids: Vec<AccountId> = creator_ids.iter().copied().map(AccountId).collect();
        let rows = self.store().accounts_by_ids(&ids)?;
        let mut creators = Vec::with_capacity(rows.len());
        for row in rows.into_iter().filter(|r| r.latest.is_some()) {
            let a = self.analysis_of(&row)?;
            let e = Entry {
                row,
                status: None,
                note: None,
                tags: Vec::new(),
            };
            creators.push(self.creator_report(&e, &a, None));
        }
        if creators.is_empty() {
            return Err(Error::NotFound(
                "none of the chosen creators has been vetted".into(),
            ));
        }
        let opts = csv_options(excel_eu, false);
        let mut out = Vec::new();
        scout_report::csv::write_creators(&creators, &opts, &mut out)
            .map_err(|e| Error::Report(e.to_string()))?;
        std::fs::write(path, &out).map_err(|e| Error::io("cannot write", path, e))?;
        Ok(ExportResult {
            path: path.display().to_string(),
            bundle_path: None,
            bytes: out.len() as u64,
            count: u32::try_from(creators.len()).unwrap_or(u32::MAX),
        })
    }

    /// A PDF vetting report of a shortlist, with its audit bundle beside it.
    pub fn report_pdf(
        &self,
        shortlist: &str,
        brief: Option<&str>,
        path: &Path,
    ) -> Result<ExportResult> {
        self.report_pdf_with(shortlist, brief, path, None, None)
    }

    /// Who prepares reports (Settings; stored in the workspace).
    pub fn report_author(&self) -> Result<ReportAuthor> {
        Ok(self.store().get_setting(AUTHOR_KEY)?.unwrap_or_default())
    }

    /// Set who prepares reports: each part trimmed, at most 120 characters.
    pub fn set_report_author(&self, author: &ReportAuthor) -> Result<ReportAuthor> {
        let clean = |s: &str, what: &str| -> Result<String> {
            let t = s.trim();
            if t.chars().count() > 120 {
                return Err(Error::Invalid(format!(
                    "the {what} is {} characters long; keep it to 120",
                    t.chars().count()
                )));
            }
            if t.chars().any(char::is_control) {
                return Err(Error::Invalid(format!(
                    "the {what} contains a line break or control character; write it on one line"
                )));
            }
            Ok(t.to_string())
        };
        let a = ReportAuthor {
            name: clean(&author.name, "name")?,
            agency: clean(&author.agency, "agency")?,
        };
        self.store().set_setting(AUTHOR_KEY, &a)?;
        Ok(a)
    }

    /// [`Workspace::report_pdf`] with a fixed date (byte-identical output) and an author
    /// (`None`: the one set in Settings, if any).
    pub fn report_pdf_with(
        &self,
        shortlist: &str,
        brief: Option<&str>,
        path: &Path,
        date: Option<DateTime<Utc>>,
        author: Option<&str>,
    ) -> Result<ExportResult> {
        self.report_pdf_plan(shortlist, brief, path, date, author, None)
    }

    /// [`Workspace::report_pdf_with`] with a saved plan of the shortlist as its own section
    /// (and the campaign's results when the plan runs).
    pub fn report_pdf_plan(
        &self,
        shortlist: &str,
        brief: Option<&str>,
        path: &Path,
        date: Option<DateTime<Utc>>,
        author: Option<&str>,
        plan: Option<&str>,
    ) -> Result<ExportResult> {
        let stored = self.report_author()?.line();
        let mut input = self.report_input(
            Some(shortlist),
            brief,
            date.unwrap_or_else(Self::now),
            author.or(stored.as_deref()),
        )?;
        input.plan = plan.map(|p| self.plan_report(shortlist, p)).transpose()?;
        if input.creators.is_empty() {
            return Err(Error::Invalid(format!(
                "shortlist '{shortlist}' has no vetted creators to report on"
            )));
        }
        let options = PdfOptions::default();
        let rendered = scout_report::pdf::render_pdf(&input, &options)
            .map_err(|e| Error::Report(e.to_string()))?;
        let written = scout_report::bundle::write_report(&input, &options, path)
            .map_err(|e| Error::Report(e.to_string()))?;
        Ok(ExportResult {
            path: written.pdf_path.display().to_string(),
            bundle_path: Some(written.bundle_path.display().to_string()),
            bytes: written.bytes,
            count: u32::try_from(rendered.pages).unwrap_or(u32::MAX),
        })
    }
}

/// CSV layout: `excel_eu` gives BOM, `;` and decimal commas; `machine_keys` heads the
/// columns with their stable keys instead of the words a spreadsheet user reads.
pub fn csv_options(excel_eu: bool, machine_keys: bool) -> CsvOptions {
    let base = if excel_eu {
        CsvOptions::excel_europe()
    } else {
        CsvOptions::default()
    };
    CsvOptions {
        machine_keys,
        ..base
    }
}

/// Check a report bundle against the PDF beside it; `Ok` carries a one-line confirmation.
pub fn verify_report(bundle: &Path) -> std::result::Result<String, String> {
    scout_report::bundle::verify_bundle(bundle)
        .map(|ok| {
            format!(
                "OK: {} matches its bundle (SHA-256 {}, {} bytes)",
                ok.pdf_path.display(),
                ok.sha256,
                ok.bytes
            )
        })
        .map_err(|e| e.to_string())
}

/// How each check in the report measures (core's method words), for the PDF's
/// method appendix: the robust z-scores and MADs stay out of the body a client
/// reads but are stated here, once per check, in the order the checks ran.
fn check_methods(analyses: &[std::sync::Arc<Analysis>]) -> Vec<Formula> {
    let mut seen = std::collections::HashSet::new();
    analyses
        .iter()
        .flat_map(|a| a.findings.iter())
        .filter(|f| seen.insert(f.check.clone()))
        .filter_map(|f| {
            scout_core::checks::plain::method(&f.check).map(|m| Formula {
                name: f.title.clone(),
                expression: m,
                note: None,
            })
        })
        .collect()
}
