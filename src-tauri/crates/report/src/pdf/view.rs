//! The template's data: [`View`], built from a [`ReportInput`] with every
//! figure formatted, every creator text made safe and every chart reduced to
//! coordinates between 0 and 1.
//!
//! Keeping formatting and chart maths here (in Rust, unit-tested) leaves the
//! typst template with drawing and layout only. The view is derived data and
//! is not part of the bundle: the bundle holds the [`ReportInput`].

use std::collections::BTreeSet;
use std::fmt::Write as _;

use chrono::{DateTime, Utc};
use scout_core::{Finding, ShortlistStatus, TierBounds, Verdict};
use serde::Serialize;

use crate::fonts::FontSet;
use crate::model::{CreatorReport, MethodInfo, ReportInput, ScoreBreakdown};
use crate::text::{Limit, clean};

use super::format::{
    capitalise, fmt_axis_count, fmt_compact, fmt_date, fmt_date_long, fmt_datetime, fmt_int,
    fmt_number, fmt_pct, fmt_pct_axis, fmt_range_pct, fmt_score, status_key, status_label,
    tier_label, verdict_key,
};

/// How much of a creator's data one page shows. The view offers each creator
/// at [`Detail::LEVELS`]; the template takes the first that fits on one page,
/// so that a report has exactly one page per creator. Everything left out is
/// in the CSV exports and the bundle, and the page says how much was left out.
#[derive(Debug, Clone, Copy)]
pub struct Detail {
    /// Risk and watch findings shown.
    pub findings: usize,
    /// Evidence rows quoted per finding.
    pub evidence: usize,
    /// Score components listed per breakdown.
    pub components: usize,
    /// Undisclosed sponsored posts listed.
    pub undisclosed: usize,
    /// Bio.
    pub bio: Limit,
    /// Scout's note.
    pub note: Limit,
    /// A finding's explanation.
    pub explanation: Limit,
    /// An evidence quote.
    pub quote: Limit,
    /// A score component's detail line; `None` leaves it out.
    pub component_note: Option<Limit>,
    /// Tags, joined.
    pub tags: Limit,
    /// The basis of a cost estimate; `None` leaves it out.
    pub cost_basis: Option<Limit>,
    /// Disclosure rules, joined; `None` leaves them out.
    pub rules: Option<Limit>,
    /// An undisclosed post's excerpt; `None` leaves it out.
    pub excerpt: Option<Limit>,
}

/// A finding's plain summary: wrapped, never cut (a level that cannot hold it
/// shows fewer findings instead).
const EXPLANATION: Limit = Limit::block(600, 6);
/// A score component's explanation: wrapped in full, or left out at the tighter
/// levels, never cut off with "…".
const COMPONENT_NOTE: Limit = Limit::block(600, 6);
/// A disclosure rule's message: wrapped in full.
const RULE: Limit = Limit::block(300, 3);

impl Detail {
    /// Everything a page normally holds.
    pub const FULL: Detail = Detail {
        findings: 4,
        evidence: 2,
        components: 7,
        undisclosed: 2,
        bio: Limit::block(260, 4),
        note: Limit::block(420, 6),
        explanation: EXPLANATION,
        quote: Limit::line(95),
        component_note: Some(COMPONENT_NOTE),
        tags: Limit::line(100),
        cost_basis: Some(Limit::line(60)),
        rules: Some(Limit::line(150)),
        excerpt: Some(Limit::line(60)),
    };
    /// For a creator with long texts and many findings.
    pub const COMPACT: Detail = Detail {
        findings: 3,
        evidence: 1,
        components: 5,
        undisclosed: 1,
        bio: Limit::block(170, 3),
        note: Limit::block(260, 4),
        explanation: EXPLANATION,
        quote: Limit::line(80),
        component_note: Some(COMPONENT_NOTE),
        tags: Limit::line(60),
        cost_basis: Some(Limit::line(30)),
        rules: Some(Limit::line(100)),
        excerpt: Some(Limit::line(50)),
    };
    /// Shorter texts and no component details.
    pub const TIGHT: Detail = Detail {
        findings: 3,
        evidence: 1,
        components: 5,
        undisclosed: 1,
        bio: Limit::block(140, 3),
        note: Limit::block(200, 3),
        explanation: EXPLANATION,
        quote: Limit::line(70),
        component_note: None,
        tags: Limit::line(50),
        cost_basis: None,
        rules: Some(Limit::line(90)),
        excerpt: Some(Limit::line(40)),
    };
    /// The least a creator page shows.
    pub const MINIMAL: Detail = Detail {
        findings: 2,
        evidence: 1,
        components: 4,
        undisclosed: 1,
        bio: Limit::block(100, 2),
        note: Limit::block(150, 3),
        explanation: EXPLANATION,
        quote: Limit::line(60),
        component_note: None,
        tags: Limit::line(40),
        cost_basis: None,
        rules: None,
        excerpt: None,
    };
    /// The levels the template tries, most detailed first.
    pub const LEVELS: [Detail; 4] = [
        Detail::FULL,
        Detail::COMPACT,
        Detail::TIGHT,
        Detail::MINIMAL,
    ];
}

/// Everything the template shows.
#[derive(Debug, Serialize)]
pub struct View {
    pub title: String,
    /// Empty when the shortlist names no client: the line is left out.
    pub client: String,
    pub brief: String,
    pub shortlist: String,
    pub author: String,
    pub date: String,
    pub date_long: String,
    pub status_line: String,
    pub summary: Vec<SummaryRow>,
    /// Whether any creator has a cost estimate (the summary's "Est. cost" column
    /// is left out when none has).
    pub has_cost: bool,
    /// Every sponsored post without adequate disclosure, by creator, for the
    /// appendix the creator pages refer to when they cannot list them all.
    pub undisclosed: Vec<UndisclosedGroup>,
    /// Each creator at every [`Detail`] level.
    pub creators: Vec<Vec<CreatorView>>,
    pub method: MethodView,
    pub software: String,
    /// The chosen campaign plan's section, when the report carries one.
    pub plan: Option<super::plan_view::PlanSection>,
}

#[derive(Debug, Serialize)]
pub struct UndisclosedGroup {
    pub creator: String,
    /// `[date, rule, excerpt, url]`.
    pub posts: Vec<[String; 4]>,
}

#[derive(Debug, Serialize)]
pub struct SummaryRow {
    pub index: usize,
    pub name: String,
    pub handle: String,
    pub platform: String,
    pub tier: String,
    pub followers: String,
    pub er: String,
    pub er_verdict: &'static str,
    pub authentic_er: String,
    pub authenticity: String,
    pub authenticity_verdict: &'static str,
    pub fit: String,
    pub fit_verdict: &'static str,
    pub status: String,
    pub status_key: &'static str,
    pub cost: String,
}

#[derive(Debug, Serialize)]
pub struct CreatorView {
    pub index: usize,
    pub of: usize,
    pub name: String,
    pub handle: String,
    pub platform: String,
    pub status: String,
    pub status_key: &'static str,
    pub facts: Vec<[String; 2]>,
    pub bio: Option<String>,
    pub scores: Vec<ScoreTile>,
    pub er_chart: Result<BarChart, String>,
    pub follower_chart: Result<LineChart, String>,
    pub authenticity: Result<BreakdownView, String>,
    pub fit: Result<BreakdownView, String>,
    pub findings: Vec<FindingView>,
    pub more_findings: usize,
    pub findings_line: String,
    pub disclosure: Result<DisclosureView, String>,
    pub note: Option<String>,
    pub data_date: String,
}

#[derive(Debug, Serialize)]
pub struct ScoreTile {
    pub label: &'static str,
    pub value: String,
    pub verdict: &'static str,
    pub verdict_label: String,
}

#[derive(Debug, Serialize, PartialEq)]
pub struct BarChart {
    pub bars: Vec<Bar>,
    pub band: Option<[f64; 2]>,
    pub median: Option<f64>,
    pub yticks: Vec<Tick>,
    pub xlabels: Vec<Tick>,
    pub caption: String,
    /// `[swatch, words]`; swatch is `bar`, `high`, `median` or `band`.
    pub legend: Vec<[String; 2]>,
}

#[derive(Debug, Serialize, PartialEq)]
pub struct Bar {
    pub x: f64,
    pub w: f64,
    pub h: f64,
    pub high: bool,
}

#[derive(Debug, Serialize, PartialEq)]
pub struct Tick {
    pub at: f64,
    pub label: String,
}

#[derive(Debug, Serialize, PartialEq)]
pub struct LineChart {
    pub points: Vec<[f64; 2]>,
    pub yticks: Vec<Tick>,
    pub xlabels: Vec<Tick>,
    pub caption: String,
}

#[derive(Debug, Serialize)]
pub struct BreakdownView {
    pub score: String,
    pub verdict: &'static str,
    pub verdict_label: String,
    pub meta: String,
    pub rows: Vec<ComponentRow>,
    pub more: usize,
    /// The components not listed, as a complete statement ("Also counted: Likes
    /// per comment (5%, ok), Views to followers (4%, ok)."); empty when all are listed.
    pub more_line: String,
}

#[derive(Debug, Serialize)]
pub struct ComponentRow {
    pub name: String,
    pub score: Option<f64>,
    pub score_label: String,
    pub weight: String,
    pub verdict: &'static str,
    pub detail: String,
}

#[derive(Debug, Serialize)]
pub struct FindingView {
    pub verdict: &'static str,
    pub verdict_label: String,
    pub title: String,
    pub measure: String,
    pub explanation: String,
    pub evidence: Vec<EvidenceView>,
    pub more_evidence: usize,
}

#[derive(Debug, Serialize)]
pub struct EvidenceView {
    pub id: String,
    pub quote: String,
}

#[derive(Debug, Serialize)]
pub struct DisclosureView {
    pub headline: String,
    pub verdict: &'static str,
    pub rules: String,
    pub undisclosed: Vec<[String; 3]>,
    pub more: usize,
    /// The posts not listed here, as a complete statement pointing at the appendix.
    pub more_line: String,
}

#[derive(Debug, Serialize)]
pub struct MethodView {
    pub formulas: Vec<[String; 3]>,
    pub thresholds: Vec<[String; 4]>,
    pub benchmarks: Vec<[String; 5]>,
    pub versions: Vec<[String; 2]>,
    pub tiers: String,
    pub data_dates: Vec<[String; 4]>,
    pub fonts: String,
}

/// Makes creator text safe (see [`crate::text`]).
fn q(s: &str, limit: Limit) -> String {
    let fonts = FontSet::get();
    clean(s, limit, |c| fonts.covers(c))
}

/// " (median per view)": how the creator's engagement rate is measured.
fn er_words(c: &CreatorReport) -> String {
    match (c.er_statistic, c.er_basis) {
        (Some(s), Some(b)) => format!(" ({} {})", s.word(), b.words(c.platform)),
        (None, Some(b)) => format!(" ({})", b.words(c.platform)),
        _ => String::new(),
    }
}

/// Builds the template's view of a report.
pub fn build(input: &ReportInput) -> View {
    let n = input.creators.len();
    let summary = input
        .creators
        .iter()
        .enumerate()
        .map(|(i, c)| summary_row(i + 1, c))
        .collect();
    let creators = input
        .creators
        .iter()
        .enumerate()
        .map(|(i, c)| {
            Detail::LEVELS
                .iter()
                .map(|detail| creator_view(i + 1, n, c, input.method.tier_bounds.as_ref(), detail))
                .collect()
        })
        .collect();
    let dash = || "—".to_string();
    View {
        title: q(&input.title, Limit::line(80)),
        client: input
            .client
            .as_deref()
            .map(|s| q(s, Limit::line(80)))
            .unwrap_or_default(),
        brief: input
            .brief_name
            .as_deref()
            .map_or_else(dash, |s| q(s, Limit::line(80))),
        shortlist: q(&input.shortlist_name, Limit::line(80)),
        author: input
            .author
            .as_deref()
            .map_or_else(dash, |s| q(s, Limit::line(80))),
        date: fmt_date(input.generated_at),
        date_long: fmt_date_long(input.generated_at),
        status_line: status_line(&input.creators),
        summary,
        has_cost: input.creators.iter().any(|c| c.estimated_cost.is_some()),
        undisclosed: undisclosed_groups(&input.creators),
        creators,
        method: method_view(input),
        plan: input.plan.as_ref().map(super::plan_view::build),
        software: format!(
            "scout-report {} · typst {}",
            env!("CARGO_PKG_VERSION"),
            crate::pdf::TYPST_VERSION
        ),
    }
}

fn status_line(creators: &[CreatorReport]) -> String {
    let mut s = format!(
        "{} creator{}",
        creators.len(),
        if creators.len() == 1 { "" } else { "s" }
    );
    for status in [
        ShortlistStatus::Approved,
        ShortlistStatus::Vetting,
        ShortlistStatus::Candidate,
        ShortlistStatus::Rejected,
    ] {
        let k = creators.iter().filter(|c| c.status == Some(status)).count();
        if k > 0 {
            let _ = write!(s, " · {k} {}", status_label(Some(status)).to_lowercase());
        }
    }
    s
}

fn summary_row(index: usize, c: &CreatorReport) -> SummaryRow {
    SummaryRow {
        index,
        name: q(&c.name(), Limit::line(34).narrow(14)),
        handle: q(&format!("@{}", c.handle), Limit::line(34).narrow(18)),
        platform: c.platform.name().to_string(),
        tier: c.tier.map_or_else(|| "—".into(), |t| capitalise(t.key())),
        followers: c.followers.map_or_else(|| "—".into(), fmt_compact),
        er: c.engagement_rate.map_or_else(|| "—".into(), fmt_pct),
        er_verdict: verdict_key(c.er_verdict),
        authentic_er: c
            .authentic_er
            .map_or_else(|| "—".into(), |e| fmt_pct(e.mid)),
        authenticity: c
            .authenticity
            .as_ref()
            .map_or_else(|| "—".into(), |s| fmt_score(s.score)),
        authenticity_verdict: verdict_key(c.authenticity.as_ref().map(|s| s.verdict)),
        fit: c
            .fit
            .as_ref()
            .map_or_else(|| "—".into(), |s| fmt_score(s.score)),
        fit_verdict: verdict_key(c.fit.as_ref().map(|s| s.verdict)),
        status: status_label(c.status).to_string(),
        status_key: status_key(c.status),
        cost: c
            .estimated_cost
            .as_ref()
            .map_or_else(|| "—".into(), |e| fmt_money(e.low, e.high, &e.currency)),
    }
}

fn creator_view(
    index: usize,
    of: usize,
    c: &CreatorReport,
    bounds: Option<&TierBounds>,
    detail: &Detail,
) -> CreatorView {
    // Why a figure is missing, in core's plain words ("Twitch does not show likes or
    // comments on videos, …"), from the finding that could not be judged.
    let why_not = |check: &str| {
        c.findings
            .iter()
            .find(|f| f.check == check && f.verdict == Verdict::NotEnoughData)
            .map(|f| scout_core::checks::plain::summary(f, c.platform))
    };
    let er_check = scout_core::checks::engagement_rate::CHECK;
    let no_figure = if scout_core::checks::plain::unmeasurable(er_check, c.platform).is_some() {
        format!("not measurable on {}", c.platform.name())
    } else {
        "not enough data".to_string()
    };
    let mut facts: Vec<[String; 2]> = Vec::new();
    let mut fact = |k: &str, v: String| facts.push([k.to_string(), v]);
    if let Some(url) = &c.url {
        fact("Profile", q(url, Limit::line(40)));
    }
    fact(
        "Tier",
        c.tier.map_or_else(|| "—".into(), |t| tier_label(t, bounds)),
    );
    fact(
        &capitalise(c.platform.audience_word()),
        c.followers.map_or_else(|| "—".into(), fmt_int),
    );
    fact("Following", c.following.map_or_else(|| "—".into(), fmt_int));
    fact(
        &format!("{}s", capitalise(c.platform.post_word())),
        c.posts_count.map_or_else(|| "—".into(), fmt_int),
    );
    fact(
        "Engagement rate",
        c.engagement_rate.map_or_else(
            || no_figure.clone(),
            |v| format!("{}{}", fmt_pct(v), er_words(c)),
        ),
    );
    if let Some(e) = c.er_expected {
        let tier = c
            .tier
            .map(|t| format!(" ({} {})", c.platform.name(), t.key()))
            .unwrap_or_default();
        fact(
            "Expected rate",
            format!("{}{tier}", fmt_range_pct(e.low, e.high)),
        );
    }
    fact(
        "Authentic rate",
        c.authentic_er.map_or_else(
            || no_figure.clone(),
            |e| {
                format!(
                    "{} (range {}–{})",
                    fmt_pct(e.mid),
                    fmt_pct(e.low),
                    fmt_pct(e.high)
                )
            },
        ),
    );
    fact(
        "Estimated cost",
        c.estimated_cost.as_ref().map_or_else(
            || "no rate card applies".into(),
            |e| {
                let basis = e
                    .basis
                    .as_deref()
                    .zip(detail.cost_basis)
                    .map(|(b, limit)| format!(" · {}", q(b, limit)))
                    .unwrap_or_default();
                format!("{} per post{basis}", fmt_money(e.low, e.high, &e.currency))
            },
        ),
    );
    if !c.tags.is_empty() {
        let tags: Vec<String> = c.tags.iter().map(|t| q(t, Limit::line(30))).collect();
        fact("Tags", q(&tags.join(", "), detail.tags));
    }
    fact("Data date", fmt_datetime(c.fetched_at));

    let mut scores = vec![tile("Authenticity", c.authenticity.as_ref(), verdict_words)];
    scores.push(tile("Brand Fit", c.fit.as_ref(), fit_words));

    let (risk, watch) = c.risk_watch_counts();
    let nodata = c
        .findings
        .iter()
        .filter(|f| f.verdict == Verdict::NotEnoughData)
        .count();
    let ok = c
        .findings
        .iter()
        .filter(|f| f.verdict == Verdict::Ok)
        .count();
    let findings_line = if c.findings.is_empty() {
        "No checks were run on this snapshot.".to_string()
    } else {
        let n = c.findings.len();
        format!(
            "{n} check{}: {risk} risk · {watch} watch · {ok} ok · {nodata} not enough data",
            if n == 1 { "" } else { "s" }
        )
    };

    CreatorView {
        index,
        of,
        name: q(&c.name(), Limit::line(44)),
        handle: q(&format!("@{}", c.handle), Limit::line(60)),
        platform: c.platform.name().to_string(),
        status: status_label(c.status).to_string(),
        status_key: status_key(c.status),
        facts,
        bio: c.bio.as_deref().map(|b| q(b, detail.bio)).filter(|b| !b.is_empty()),
        scores,
        er_chart: er_chart(c).map_err(|e| {
            if scout_core::checks::plain::unmeasurable(er_check, c.platform).is_some() {
                why_not(er_check).unwrap_or(e)
            } else {
                e
            }
        }),
        follower_chart: follower_chart(c),
        authenticity: c.authenticity.as_ref().map(|s| breakdown(s, detail, verdict_words)).ok_or_else(|| {
            why_not(scout_core::checks::score::CHECK).unwrap_or_else(|| {
                "Not enough data for an Authenticity score: it needs posts with visible counts and comments or a follower sample.".to_string()
            })
        }),
        fit: c.fit.as_ref().map(|s| breakdown(s, detail, fit_words)).ok_or_else(|| {
            "No Brand Fit score: no brand brief was selected for this report.".to_string()
        }),
        findings: worst_findings(&c.findings, c.platform, detail),
        more_findings: c
            .findings
            .iter()
            .filter(|f| matches!(f.verdict, Verdict::Risk | Verdict::Watch))
            .count()
            .saturating_sub(detail.findings),
        findings_line,
        disclosure: disclosure(c, detail),
        note: c.note.as_deref().map(|n| q(n, detail.note)).filter(|n| !n.is_empty()),
        data_date: fmt_datetime(c.fetched_at),
    }
}

/// How a verdict reads on a score.
fn verdict_words(v: Verdict) -> &'static str {
    v.label()
}

/// Brand Fit is a match, not a danger: a low Fit is a "weak fit", never a "risk"
/// (core's words, the same in the app).
fn fit_words(v: Verdict) -> &'static str {
    scout_core::brand::score::fit_words(v)
}

fn tile(
    label: &'static str,
    s: Option<&ScoreBreakdown>,
    words: fn(Verdict) -> &'static str,
) -> ScoreTile {
    match s {
        Some(s) => ScoreTile {
            label,
            value: fmt_score(s.score),
            verdict: verdict_key(Some(s.verdict)),
            verdict_label: words(s.verdict).to_string(),
        },
        None => ScoreTile {
            label,
            value: "—".into(),
            verdict: "nodata",
            verdict_label: "not scored".into(),
        },
    }
}

fn breakdown(
    s: &ScoreBreakdown,
    detail: &Detail,
    words: fn(Verdict) -> &'static str,
) -> BreakdownView {
    let rows = s
        .components
        .iter()
        .take(detail.components)
        .map(|c| ComponentRow {
            name: q(&c.name, Limit::block(60, 2)),
            score: c.score.map(|v| (v / 100.0).clamp(0.0, 1.0)),
            score_label: c.score.map_or_else(|| "—".into(), fmt_score),
            weight: format!("{:.0}%", c.weight * 100.0),
            verdict: verdict_key(Some(c.verdict)),
            detail: c
                .detail
                .as_deref()
                .zip(detail.component_note)
                .map(|(d, l)| q(d, l))
                .unwrap_or_default(),
        })
        .collect();
    // Method versions are in the appendix, not in the body a client reads.
    let mut meta = String::new();
    if let Some(conf) = s.confidence {
        let _ = write!(meta, "confidence {:.0}%", conf * 100.0);
    }
    BreakdownView {
        score: fmt_score(s.score),
        verdict: verdict_key(Some(s.verdict)),
        verdict_label: words(s.verdict).to_string(),
        meta,
        rows,
        more: s.components.len().saturating_sub(detail.components),
        more_line: more_components(
            &s.components[s.components.len().min(detail.components)..],
            words,
        ),
    }
}

/// "Also counted: Likes per comment (5% of the score, ok) and Views to followers (4%, ok)."
fn more_components(
    rest: &[crate::model::ScoreComponent],
    words: fn(Verdict) -> &'static str,
) -> String {
    if rest.is_empty() {
        return String::new();
    }
    let parts: Vec<String> = rest
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let weight = if i == 0 {
                format!("{:.0}% of the score", c.weight * 100.0)
            } else {
                format!("{:.0}%", c.weight * 100.0)
            };
            let score = c.score.map_or_else(
                || "no data".to_string(),
                |s| format!("{} / 100", fmt_score(s)),
            );
            format!(
                "{} ({weight}, {score}, {})",
                q(&c.name, Limit::line(60)),
                words(c.verdict)
            )
        })
        .collect();
    let list = match parts.as_slice() {
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
        [] => String::new(),
    };
    format!("Also counted: {list}.")
}

/// Every creator's undisclosed sponsored posts, for the appendix.
fn undisclosed_groups(creators: &[CreatorReport]) -> Vec<UndisclosedGroup> {
    creators
        .iter()
        .filter_map(|c| {
            let d = c
                .disclosure
                .as_ref()
                .filter(|d| !d.undisclosed.is_empty())?;
            Some(UndisclosedGroup {
                creator: q(
                    &format!("{} · @{} · {}", c.name(), c.handle, c.platform.name()),
                    Limit::line(90),
                ),
                posts: d
                    .undisclosed
                    .iter()
                    .map(|u| {
                        [
                            fmt_date(u.date),
                            q(&u.rule, RULE),
                            u.excerpt
                                .as_deref()
                                .map(|e| q(e, Limit::block(200, 2)))
                                .unwrap_or_default(),
                            u.url
                                .as_deref()
                                .map(|e| q(e, Limit::line(90)))
                                .unwrap_or_default(),
                        ]
                    })
                    .collect(),
            })
        })
        .collect()
}

/// Severity rank: lower is worse.
fn severity(v: Verdict) -> u8 {
    match v {
        Verdict::Risk => 0,
        Verdict::Watch => 1,
        Verdict::NotEnoughData => 2,
        Verdict::Ok => 3,
    }
}

/// The risk and watch findings, worst and most certain first.
pub fn worst_findings(
    findings: &[Finding],
    platform: scout_core::Platform,
    detail: &Detail,
) -> Vec<FindingView> {
    let mut worst: Vec<&Finding> = findings
        .iter()
        .filter(|f| matches!(f.verdict, Verdict::Risk | Verdict::Watch))
        .collect();
    worst.sort_by(|a, b| {
        severity(a.verdict)
            .cmp(&severity(b.verdict))
            .then(b.confidence.total_cmp(&a.confidence))
            .then(a.check.cmp(&b.check))
    });
    worst
        .into_iter()
        .take(detail.findings)
        .map(|f| FindingView {
            verdict: verdict_key(Some(f.verdict)),
            verdict_label: f.verdict.label().to_string(),
            title: q(&f.title, Limit::line(64)),
            measure: measure(f, platform),
            explanation: q(
                &scout_core::checks::plain::summary(f, platform),
                detail.explanation,
            ),
            evidence: f
                .evidence
                .iter()
                .take(detail.evidence)
                .map(|e| EvidenceView {
                    id: q(
                        &format!("{}:{}", crate::csv::evidence_kind_key(e.kind), e.id),
                        Limit::line(32),
                    ),
                    quote: e
                        .note
                        .as_deref()
                        .map(|n| q(n, detail.quote))
                        .unwrap_or_default(),
                })
                .collect(),
            more_evidence: f.evidence.len().saturating_sub(detail.evidence),
        })
        .collect()
}

/// "0.12% · usual 0.32%–2.61%": the value as a person reads it (`scout-core`'s
/// formatting) and the usual range; thresholds and confidence are in the appendix.
fn measure(f: &Finding, platform: scout_core::Platform) -> String {
    let value = scout_core::checks::plain::display_value(f, platform);
    let bounds = f.expected.map(|r| [r.low, r.high]).unwrap_or_default();
    let fractional = f.value.is_none_or(|v| (0.0..=1.0).contains(&v))
        && bounds.iter().flatten().all(|b| (0.0..=1.0).contains(b));
    let num = |v: f64| {
        if fractional {
            fmt_pct(v)
        } else {
            fmt_number((v * 10.0).round() / 10.0)
        }
    };
    let mut s = value.unwrap_or_else(|| "no value".into());
    if let Some(r) = f.expected {
        let range = match (r.low, r.high) {
            (Some(l), Some(h)) => Some(format!("{}–{}", num(l), num(h))),
            (Some(l), None) => Some(format!("at least {}", num(l))),
            (None, Some(h)) => Some(format!("at most {}", num(h))),
            (None, None) => None,
        };
        if let Some(range) = range {
            let _ = write!(s, " · usual {range}");
        }
    }
    s
}

fn disclosure(c: &CreatorReport, detail: &Detail) -> Result<DisclosureView, String> {
    let d = c
        .disclosure
        .as_ref()
        .ok_or_else(|| "The disclosure check was not run.".to_string())?;
    let undisclosed = d.undisclosed.len();
    let headline = if d.sponsored_posts == 0 {
        "No sponsored posts found in the recent posts.".to_string()
    } else {
        format!(
            "{} sponsored post{} · {} disclosed · {undisclosed} without adequate disclosure",
            d.sponsored_posts,
            if d.sponsored_posts == 1 { "" } else { "s" },
            d.disclosed_posts
        )
    };
    let verdict = if undisclosed > 0 { "risk" } else { "ok" };
    let rules = match detail.rules {
        Some(limit) if !d.rules.is_empty() => {
            format!("Rules checked: {}", q(&d.rules.join("; "), limit))
        }
        _ => String::new(),
    };
    Ok(DisclosureView {
        headline,
        verdict,
        rules,
        undisclosed: d
            .undisclosed
            .iter()
            .take(detail.undisclosed)
            .map(|u| {
                [
                    fmt_date(u.date),
                    q(&u.rule, RULE),
                    u.excerpt
                        .as_deref()
                        .zip(detail.excerpt)
                        .map(|(e, l)| q(e, l))
                        .unwrap_or_default(),
                ]
            })
            .collect(),
        more: undisclosed.saturating_sub(detail.undisclosed),
        more_line: match undisclosed.saturating_sub(detail.undisclosed) {
            0 => String::new(),
            1 => "1 further sponsored post without adequate disclosure is listed in the appendix (Sponsored posts without adequate disclosure).".into(),
            n => format!("{n} further sponsored posts without adequate disclosure are listed in the appendix (Sponsored posts without adequate disclosure)."),
        },
    })
}

/// Most posts drawn in the engagement chart (the most recent ones).
pub const MAX_BARS: usize = 60;

/// Engagement rate per post, oldest first, against the expected band and the median.
pub fn er_chart(c: &CreatorReport) -> Result<BarChart, String> {
    let mut posts: Vec<(DateTime<Utc>, &str, f64)> = c
        .er_per_post
        .iter()
        .filter_map(|p| {
            p.er.filter(|v| v.is_finite() && *v >= 0.0)
                .map(|er| (p.date, p.post_id.as_str(), er))
        })
        .collect();
    if posts.len() < 2 {
        return Err(format!(
            "Not enough data: {} post{} with visible counts; the chart needs at least 2.",
            posts.len(),
            if posts.len() == 1 { "" } else { "s" }
        ));
    }
    posts.sort_by(|a, b| a.0.cmp(&b.0).then(a.1.cmp(b.1)));
    // Bars stay readable up to about this many; older posts are left out.
    if posts.len() > MAX_BARS {
        posts.drain(..posts.len() - MAX_BARS);
    }
    let band = c.er_expected.and_then(|r| match (r.low, r.high) {
        (Some(l), Some(h)) if l.is_finite() && h.is_finite() && h >= l => Some([l.max(0.0), h]),
        _ => None,
    });
    let data_max = posts.iter().map(|p| p.2).fold(0.0, f64::max);
    let top_raw = [Some(data_max), band.map(|b| b[1]), c.engagement_rate]
        .into_iter()
        .flatten()
        .fold(0.0, f64::max);
    let (top, step) = nice_top(top_raw.max(0.0001) * 1.05, 4);
    let n = posts.len() as f64;
    let slot = 1.0 / n;
    let bars = posts
        .iter()
        .enumerate()
        .map(|(i, p)| Bar {
            x: i as f64 * slot + slot * 0.15,
            w: slot * 0.7,
            h: (p.2 / top).min(1.0),
            high: band.is_some_and(|b| p.2 > b[1]),
        })
        .collect();
    let yticks = ticks(0.0, top, step)
        .map(|v| Tick {
            at: v / top,
            label: fmt_pct_axis(v, step),
        })
        .collect();
    let first = posts[0].0;
    let last = posts[posts.len() - 1].0;
    let xlabels = vec![
        Tick {
            at: 0.0,
            label: fmt_date(first),
        },
        Tick {
            at: 1.0,
            label: fmt_date(last),
        },
    ];
    let basis = c
        .er_basis
        .map(|b| format!(" ({})", b.words(c.platform)))
        .unwrap_or_default();
    let any_high = band.is_some_and(|b| posts.iter().any(|p| p.2 > b[1]));
    let mut legend = vec![["bar".to_string(), format!("one {}", c.platform.post_word())]];
    if any_high {
        legend.push(["high".into(), "above the usual range".into()]);
    }
    if c.engagement_rate.is_some() {
        legend.push([
            "median".into(),
            format!(
                "the creator's {}",
                c.er_statistic.map_or("engagement rate", |s| s.word())
            ),
        ]);
    }
    if band.is_some() {
        legend.push([
            "band".into(),
            "usual range for the platform and tier".into(),
        ]);
    }
    Ok(BarChart {
        bars,
        band: band.map(|b| [(b[0] / top).min(1.0), (b[1] / top).min(1.0)]),
        median: c
            .engagement_rate
            .filter(|m| m.is_finite())
            .map(|m| (m / top).clamp(0.0, 1.0)),
        yticks,
        xlabels,
        caption: format!(
            "Engagement rate per {}{basis} · last {} {}s",
            c.platform.post_word(),
            posts.len(),
            c.platform.post_word()
        ),
        legend,
    })
}

/// Followers at each stored snapshot, placed by date.
pub fn follower_chart(c: &CreatorReport) -> Result<LineChart, String> {
    let mut pts = c.follower_history.clone();
    pts.sort_by_key(|p| p.date);
    match pts.len() {
        0 => return Err("No follower history: no snapshot had a follower count.".into()),
        1 => {
            return Err(format!(
                "One snapshot so far ({}): the history starts with the next vet.",
                fmt_date(pts[0].date)
            ));
        }
        _ => {}
    }
    let t0 = pts[0].date;
    let t1 = pts[pts.len() - 1].date;
    let span = (t1 - t0).num_seconds() as f64;
    let lo_raw = pts.iter().map(|p| p.followers).min().unwrap_or(0) as f64;
    let hi_raw = pts.iter().map(|p| p.followers).max().unwrap_or(0) as f64;
    let pad = ((hi_raw - lo_raw) * 0.15).max(hi_raw * 0.01).max(1.0);
    let (lo, hi, step) = nice_span((lo_raw - pad).max(0.0), hi_raw + pad, 4);
    let n = pts.len();
    let points = pts
        .iter()
        .enumerate()
        .map(|(i, p)| {
            let x = if span > 0.0 {
                (p.date - t0).num_seconds() as f64 / span
            } else {
                i as f64 / (n - 1) as f64
            };
            [x, (p.followers as f64 - lo) / (hi - lo)]
        })
        .collect();
    let yticks = ticks(lo, hi, step)
        .map(|v| Tick {
            at: (v - lo) / (hi - lo),
            label: fmt_axis_count(v, hi),
        })
        .collect();
    let first = pts[0].followers as f64;
    let last = pts[n - 1].followers as f64;
    let change = if first > 0.0 {
        format!(" · {:+.1}%", (last - first) / first * 100.0)
    } else {
        String::new()
    };
    let days = (t1 - t0).num_days();
    Ok(LineChart {
        points,
        yticks,
        xlabels: vec![
            Tick {
                at: 0.0,
                label: fmt_date(t0),
            },
            Tick {
                at: 1.0,
                label: fmt_date(t1),
            },
        ],
        caption: format!(
            "{} at each snapshot · {n} snapshots over {days} days{change}",
            capitalise(c.platform.audience_word())
        ),
    })
}

/// A round top for an axis from 0 with about `count` steps: (top, step).
fn nice_top(max: f64, count: u32) -> (f64, f64) {
    let step = nice_step(max / f64::from(count));
    ((max / step).ceil() * step, step)
}

/// A round axis span covering `lo..hi`: (low, high, step).
fn nice_span(lo: f64, hi: f64, count: u32) -> (f64, f64, f64) {
    let step = nice_step((hi - lo) / f64::from(count));
    let l = (lo / step).floor() * step;
    let h = (hi / step).ceil() * step;
    (l.max(0.0), h.max(l + step), step)
}

/// The smallest of 1, 2, 2.5, 5 or 10 times a power of ten that is ≥ `raw`.
fn nice_step(raw: f64) -> f64 {
    if !raw.is_finite() || raw <= 0.0 {
        return 1.0;
    }
    let mag = 10f64.powf(raw.log10().floor());
    let norm = raw / mag;
    let nice = [1.0, 2.0, 2.5, 5.0, 10.0]
        .into_iter()
        .find(|n| *n >= norm - 1e-9)
        .unwrap_or(10.0);
    nice * mag
}

fn ticks(lo: f64, hi: f64, step: f64) -> impl Iterator<Item = f64> {
    let n = ((hi - lo) / step).round() as u32;
    (0..=n).map(move |i| lo + f64::from(i) * step)
}

fn method_view(input: &ReportInput) -> MethodView {
    let m: &MethodInfo = &input.method;
    let formulas = m
        .formulas
        .iter()
        .map(|f| {
            [
                q(&f.name, Limit::line(50)),
                q(&f.expression, Limit::block(600, 6)),
                f.note
                    .as_deref()
                    .map(|n| q(n, Limit::block(400, 4)))
                    .unwrap_or_default(),
            ]
        })
        .collect();
    let thresholds = m
        .thresholds
        .iter()
        .map(|t| {
            let value = match t.unit.as_deref() {
                Some("fraction") => fmt_pct(t.value),
                Some(u) => format!("{} {}", fmt_number(t.value), q(u, Limit::line(16))),
                None => fmt_number(t.value),
            };
            [
                q(&t.label, Limit::line(60)),
                q(&t.key, Limit::line(60)),
                value,
                t.source
                    .as_deref()
                    .map_or_else(|| "Scout default".into(), |s| q(s, Limit::line(90))),
            ]
        })
        .collect();
    let mut benches: Vec<_> = m.benchmarks.iter().collect();
    benches.sort_by(|a, b| {
        (a.platform, a.tier, a.metric.as_str()).cmp(&(b.platform, b.tier, b.metric.as_str()))
    });
    let benchmarks = benches
        .iter()
        .map(|b| {
            let frac = b.high <= 1.0;
            let num = |v: f64| if frac { fmt_pct(v) } else { fmt_number(v) };
            [
                format!("{} {}", b.platform.name(), b.tier.key()),
                q(&b.metric, Limit::line(40)),
                format!("{}–{}", num(b.low), num(b.high)),
                b.median.map_or_else(|| "—".into(), num),
                q(&b.source, Limit::line(90)),
            ]
        })
        .collect();
    let mut versions: BTreeSet<(String, String)> = m
        .method_versions
        .iter()
        .map(|v| (v.check.clone(), v.version.clone()))
        .collect();
    for c in &input.creators {
        for f in &c.findings {
            if !f.method_version.is_empty() && !m.method_versions.iter().any(|v| v.check == f.check)
            {
                versions.insert((f.check.clone(), f.method_version.clone()));
            }
        }
        for s in [&c.authenticity, &c.fit].into_iter().flatten() {
            if !s.method_version.is_empty() {
                let check = s
                    .method_version
                    .split('/')
                    .next()
                    .unwrap_or_default()
                    .to_string();
                if !m.method_versions.iter().any(|v| v.check == check) {
                    versions.insert((check, s.method_version.clone()));
                }
            }
        }
    }
    let versions = versions
        .into_iter()
        .map(|(c, v)| [q(&c, Limit::line(60)), q(&v, Limit::line(60))])
        .collect();
    let tiers = m.tier_bounds.as_ref().map_or_else(
        || "Tier bounds: not stated.".to_string(),
        |b| {
            format!(
                "Tiers by audience: nano < {}, micro {}–{}, mid {}–{}, macro {}–{}, mega ≥ {}.",
                fmt_compact(b.micro),
                fmt_compact(b.micro),
                fmt_compact(b.mid),
                fmt_compact(b.mid),
                fmt_compact(b.macro_),
                fmt_compact(b.macro_),
                fmt_compact(b.mega),
                fmt_compact(b.mega)
            )
        },
    );
    let data_dates = input
        .creators
        .iter()
        .map(|c| {
            let history = match (
                c.follower_history.iter().map(|p| p.date).min(),
                c.follower_history.len(),
            ) {
                (Some(first), n) if n > 1 => format!("{n} snapshots since {}", fmt_date(first)),
                _ => "1 snapshot".to_string(),
            };
            [
                q(
                    &match c
                        .display_name
                        .as_deref()
                        .map(str::trim)
                        .filter(|n| !n.is_empty())
                    {
                        Some(name) => format!("{name} · @{}", c.handle),
                        None => format!("@{}", c.handle),
                    },
                    Limit::line(70),
                ),
                c.platform.name().to_string(),
                fmt_datetime(c.fetched_at),
                history,
            ]
        })
        .collect();
    let fonts = "Fonts embedded: Noto Sans, DejaVu Sans, Noto Sans Symbols2, Noto Sans CJK SC (subset), DejaVu Sans Mono. \
                 Characters no embedded font covers are written as [:shortcode:] or [U+XXXX]."
        .to_string();
    MethodView {
        formulas,
        thresholds,
        benchmarks,
        versions,
        tiers,
        data_dates,
        fonts,
    }
}

fn fmt_money(low: f64, high: f64, currency: &str) -> String {
    let cur = q(currency, Limit::line(8));
    let n = |v: f64| fmt_number(v.round());
    if (high - low).abs() < 0.5 {
        format!("{} {cur}", n(low))
    } else {
        format!("{}–{} {cur}", n(low), n(high))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{FollowerPoint, PostEngagement};
    use chrono::TimeZone;
    use scout_core::Platform;
    use scout_core::Range;

    fn day(d: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 9, d, 12, 0, 0).unwrap()
    }

    #[test]
    fn nice_steps_are_round() {
        assert!((nice_step(0.013) - 0.02).abs() < 1e-12);
        assert!((nice_step(0.0021) - 0.0025).abs() < 1e-12);
        assert!((nice_step(7.0) - 10.0).abs() < 1e-12);
        let (top, step) = nice_top(0.063, 4);
        assert!(
            (step - 0.02).abs() < 1e-12 && (top - 0.08).abs() < 1e-12,
            "{top} {step}"
        );
    }

    #[test]
    fn er_chart_places_bars_oldest_first_against_the_band() {
        let mut c = CreatorReport::new(Platform::Instagram, "a", day(30));
        // Given newest first; 2% then 6% then 4%.
        c.er_per_post = vec![
            PostEngagement {
                post_id: "p3".into(),
                date: day(3),
                er: Some(0.04),
            },
            PostEngagement {
                post_id: "p2".into(),
                date: day(2),
                er: Some(0.06),
            },
            PostEngagement {
                post_id: "p1".into(),
                date: day(1),
                er: Some(0.02),
            },
            PostEngagement {
                post_id: "hidden".into(),
                date: day(4),
                er: None,
            },
        ];
        c.er_expected = Some(Range::new(0.01, 0.05));
        c.engagement_rate = Some(0.04);
        let chart = er_chart(&c).unwrap();
        // max 6% * 1.05 = 6.3% -> step 2%, top 8%.
        let heights: Vec<f64> = chart.bars.iter().map(|b| b.h).collect();
        assert_eq!(heights, vec![0.25, 0.75, 0.5]);
        assert_eq!(
            chart.bars.iter().map(|b| b.high).collect::<Vec<_>>(),
            vec![false, true, false]
        );
        assert_eq!(chart.band, Some([0.125, 0.625]));
        assert_eq!(chart.median, Some(0.5));
        let labels: Vec<&str> = chart.yticks.iter().map(|t| t.label.as_str()).collect();
        assert_eq!(labels, ["0%", "2%", "4%", "6%", "8%"]);
        assert_eq!(chart.xlabels[0].label, "2026-09-01");
        assert_eq!(chart.xlabels[1].label, "2026-09-03");
    }

    #[test]
    fn charts_say_why_when_data_is_short() {
        let mut c = CreatorReport::new(Platform::Youtube, "a", day(30));
        c.er_per_post = vec![PostEngagement {
            post_id: "v".into(),
            date: day(1),
            er: Some(0.02),
        }];
        assert_eq!(
            er_chart(&c).unwrap_err(),
            "Not enough data: 1 post with visible counts; the chart needs at least 2."
        );
        c.follower_history = vec![FollowerPoint {
            date: day(5),
            followers: 100,
        }];
        assert_eq!(
            follower_chart(&c).unwrap_err(),
            "One snapshot so far (2026-09-05): the history starts with the next vet."
        );
    }

    #[test]
    fn follower_chart_places_points_by_date() {
        let mut c = CreatorReport::new(Platform::Bluesky, "a", day(30));
        c.follower_history = vec![
            FollowerPoint {
                date: day(21),
                followers: 12_000,
            },
            FollowerPoint {
                date: day(1),
                followers: 10_000,
            },
            FollowerPoint {
                date: day(11),
                followers: 11_000,
            },
        ];
        let chart = follower_chart(&c).unwrap();
        // pad = 15% of 2,000 = 300 -> 9,700..12,300 -> step 1,000 -> axis 9,000..13,000.
        assert_eq!(chart.points, vec![[0.0, 0.25], [0.5, 0.5], [1.0, 0.75]]);
        let labels: Vec<&str> = chart.yticks.iter().map(|t| t.label.as_str()).collect();
        assert_eq!(labels, ["9K", "10K", "11K", "12K", "13K"]);
        assert!(
            chart.caption.ends_with("3 snapshots over 20 days · +20.0%"),
            "{}",
            chart.caption
        );
    }
}
