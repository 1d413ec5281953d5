//! Brand briefs: stored as JSON in the store, edited and exchanged as TOML,
//! scored with `scout-core`'s brand fit.

use scout_core::Snapshot;
use scout_core::Verdict;
use scout_core::brand::{self, BrandData, Brief, FitContext, FitReport};
use scout_report::{DisclosureSummary, ScoreBreakdown, ScoreComponent, UndisclosedPost};
use std::sync::OnceLock;

use crate::error::{Error, Result};
use crate::views::BriefSummary;
use crate::workspace::Workspace;

/// The shipped brand data (weights, safety lists, disclosure rules).
pub(crate) fn brand_data() -> Result<&'static BrandData> {
    static DATA: OnceLock<std::result::Result<BrandData, String>> = OnceLock::new();
    DATA.get_or_init(|| BrandData::shipped().map_err(|e| e.to_string()))
        .as_ref()
        .map_err(|e| Error::Invalid(format!("brand data tables: {e}")))
}

/// A brief loaded for scoring.
pub(crate) struct LoadedBrief {
    pub name: String,
    pub brief: Brief,
}

impl LoadedBrief {
    /// The full Fit report of a snapshot, computed at the snapshot's fetch time.
    pub(crate) fn fit(&self, snapshot: &Snapshot) -> Result<FitReport> {
        let data = brand_data()?;
        Ok(brand::fit(
            snapshot,
            &self.brief,
            &FitContext::new(snapshot.fetched_at, data),
        ))
    }

    /// Brand Fit 0–100 (`None` if the data tables failed to load).
    pub(crate) fn score(&self, snapshot: &Snapshot) -> Option<f64> {
        self.fit(snapshot)
            .ok()
            .filter(|r| r.verdict != Verdict::NotEnoughData)
            .map(|r| r.score)
    }

    /// Fit with its breakdown for the Creator page; `None` when not scored (the same
    /// rule as [`LoadedBrief::score`], so the page and the table agree).
    pub(crate) fn fit_view(&self, snapshot: &Snapshot) -> Option<crate::views::FitView> {
        let r = self
            .fit(snapshot)
            .ok()
            .filter(|r| r.verdict != Verdict::NotEnoughData)?;
        Some(crate::views::FitView {
            brief: self.name.clone(),
            score: scout_core::checks::score::shown(r.score),
            verdict: r.verdict,
            verdict_words: brand::score::fit_words(r.verdict).to_string(),
            parts: r
                .breakdown
                .iter()
                .map(|c| crate::views::ScorePart {
                    name: c.component.label().to_string(),
                    weight: c.weight,
                    score: c.score.map_or(0.0, |s| s * 100.0),
                    contribution: c.contribution,
                    explanation: c.explanation.clone(),
                })
                .collect(),
        })
    }

    /// The Fit breakdown and disclosure summary as the report shows them.
    pub(crate) fn report_parts(
        &self,
        snapshot: &Snapshot,
    ) -> Option<(ScoreBreakdown, DisclosureSummary)> {
        let r = self.fit(snapshot).ok()?;
        let bands = brand_data().ok()?.weights.bands;
        let fit = ScoreBreakdown {
            score: scout_core::checks::score::shown(r.score),
            verdict: r.verdict,
            confidence: None,
            method_version: r.method_version.clone(),
            components: r
                .breakdown
                .iter()
                .map(|c| ScoreComponent {
                    name: c.component.label().to_string(),
                    check: None,
                    score: c.score.map(|s| s * 100.0),
                    weight: c.weight,
                    verdict: brand::component_verdict(c.score, &bands),
                    detail: Some(c.explanation.clone()),
                })
                .collect(),
        };
        let posts: std::collections::HashMap<&str, &scout_core::Post> =
            snapshot.posts.iter().map(|p| (p.id.as_str(), p)).collect();
        let d = &r.disclosure;
        let disclosure = DisclosureSummary {
            sponsored_posts: d.sponsored_posts.len() as u32,
            disclosed_posts: d.disclosed_sponsored_posts.len() as u32,
            rules: d
                .jurisdictions
                .iter()
                .map(|j| format!("{j} disclosure rules"))
                .collect(),
            undisclosed: d
                .undisclosed_sponsored_posts
                .iter()
                .map(|u| {
                    let post = posts.get(u.post_id.as_str());
                    UndisclosedPost {
                        post_id: u.post_id.clone(),
                        date: post.map_or(snapshot.fetched_at, |p| p.created_at),
                        url: u.url.clone(),
                        rule: u
                            .breaches
                            .iter()
                            .map(|b| b.message.clone())
                            .collect::<Vec<_>>()
                            .join("; "),
                        excerpt: post.map(|p| p.text.chars().take(140).collect()),
                    }
                })
                .collect(),
        };
        Some((fit, disclosure))
    }
}

fn summary(brief: &Brief) -> Result<BriefSummary> {
    Ok(BriefSummary {
        name: brief.name.clone(),
        toml: brief.to_toml().map_err(|e| Error::Invalid(e.to_string()))?,
        topics: brief.topics.iter().map(|t| t.term.clone()).collect(),
        competitors: brief.competitors.iter().map(|c| c.name.clone()).collect(),
        jurisdictions: brief
            .jurisdictions
            .iter()
            .map(|j| j.code().to_string())
            .collect(),
    })
}

/// A brief's TOML from plain lists (`scout brief new`).
#[allow(clippy::too_many_arguments)]
pub fn brief_toml_from_lists(
    name: &str,
    topics: &[String],
    languages: &[String],
    markets: &[String],
    competitors: &[String],
    banned_topics: &[String],
    jurisdictions: &[String],
) -> Result<String> {
    let mut t = toml::Table::new();
    t.insert("name".into(), toml::Value::String(name.to_string()));
    let list = |v: &[String]| {
        toml::Value::Array(
            v.iter()
                .map(|s| toml::Value::String(s.trim().to_string()))
                .collect(),
        )
    };
    t.insert("topics".into(), list(topics));
    t.insert("languages".into(), list(languages));
    t.insert("markets".into(), list(markets));
    t.insert("competitors".into(), list(competitors));
    t.insert("banned_topics".into(), list(banned_topics));
    t.insert("jurisdictions".into(), list(jurisdictions));
    let text = toml::to_string(&t).map_err(|e| Error::Invalid(e.to_string()))?;
    // Validate through the same path as an import.
    Brief::from_toml(&text).map_err(|e| Error::Invalid(e.to_string()))?;
    Ok(text)
}

impl Workspace {
    pub(crate) fn load_brief(&self, name: &str) -> Result<LoadedBrief> {
        let row = self.store().brand(name)?.ok_or_else(|| {
            Error::NotFound(format!(
                "no brief named '{name}': import one with `scout brief import FILE.toml`"
            ))
        })?;
        let brief = Brief::from_json_value(row.brief)
            .map_err(|e| Error::Invalid(format!("stored brief '{name}' is invalid: {e}")))?;
        Ok(LoadedBrief {
            name: row.name,
            brief,
        })
    }

    /// Every brief.
    pub fn briefs(&self) -> Result<Vec<BriefSummary>> {
        let rows = self.store().brands()?;
        rows.into_iter()
            .filter_map(|r| Brief::from_json_value(r.brief).ok())
            .map(|b| summary(&b))
            .collect()
    }

    /// Create or replace a brief from its TOML (unknown keys are an error naming the key).
    pub fn save_brief_toml(&self, toml_text: &str) -> Result<BriefSummary> {
        let brief = Brief::from_toml(toml_text).map_err(|e| Error::Invalid(e.to_string()))?;
        brief
            .validate()
            .map_err(|e| Error::Invalid(e.to_string()))?;
        self.store()
            .save_brand(&brief.name, &brief.to_json_value())?;
        summary(&brief)
    }

    /// A brief as TOML.
    pub fn brief_toml(&self, name: &str) -> Result<String> {
        self.load_brief(name)?
            .brief
            .to_toml()
            .map_err(|e| Error::Invalid(e.to_string()))
    }

    /// Delete a brief.
    pub fn delete_brief(&self, name: &str) -> Result<()> {
        self.load_brief(name)?;
        Ok(self.store().delete_brand(name)?)
    }

    /// `scout fit --json`: the creator's Fit report against a brief, as JSON.
    pub fn fit_json(&self, creator_id: i64, brief: &str) -> Result<serde_json::Value> {
        let b = self.load_brief(brief)?;
        let row = self.account(creator_id)?;
        let a = self.analysis_of(&row)?;
        let report = b.fit(&a.snapshot)?;
        serde_json::to_value(&report).map_err(|e| Error::Invalid(e.to_string()))
    }

    /// The Fit report's findings (for the Creator page).
    pub fn fit_findings(
        &self,
        creator_id: i64,
        brief: &str,
    ) -> Result<Vec<crate::views::FindingView>> {
        let b = self.load_brief(brief)?;
        let row = self.account(creator_id)?;
        let a = self.analysis_of(&row)?;
        let report = b.fit(&a.snapshot)?;
        let bands = &brand_data()?.weights.bands;
        Ok(report
            .findings(bands)
            .iter()
            .map(|f| crate::analysis::finding_view(f, a.snapshot.platform))
            .collect())
    }
}
