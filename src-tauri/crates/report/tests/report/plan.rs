//! The campaign plan section: a report carrying a saved plan shows it on its own pages
//! (facts, creators, tiers with the chart, comparison, assumptions with sources) and, once
//! the plan runs, its measured results per creator and deliverable.

use chrono::{TimeZone, Utc};
use scout_core::{Platform, Tier};
use scout_report::pdf::render_pdf;
use scout_report::plan::{
    CampaignCreatorReport, CampaignReport, DeliverableReport, PlanAssumption, PlanCompareReport,
    PlanPickReport, PlanReport, PlanTierReport,
};
use scout_report::{PdfOptions, ReportInput};

use crate::support::sample;
use crate::tools;

/// A plan worked by hand: 2 micro creators (USD 400 + 2 × 300) and one mega (USD 3,000)
/// out of USD 5,000; tier shares 40 % / 60 % of the cost.
pub fn plan() -> PlanReport {
    PlanReport {
        name: "Autumn hybrid".into(),
        objective: "engagement".into(),
        unit: "authentic engagements".into(),
        brief: None,
        currency: "USD".into(),
        budget: 5_000.0,
        total_cost: 5_000.0,
        total_value: [1_500.0, 2_000.0, 2_600.0],
        optimal: true,
        picks: vec![
            PlanPickReport {
                handle: "big.star".into(),
                platform: Platform::Instagram,
                tier: Some(Tier::Mega),
                posts: 1,
                cost: 3_000.0,
                quoted: true,
                value: [500.0, 800.0, 1_100.0],
            },
            PlanPickReport {
                handle: "lena.makeup".into(),
                platform: Platform::Instagram,
                tier: Some(Tier::Micro),
                posts: 2,
                cost: 600.0,
                quoted: false,
                value: [600.0, 700.0, 850.0],
            },
            PlanPickReport {
                handle: "kiez.kitchen".into(),
                platform: Platform::Tiktok,
                tier: Some(Tier::Micro),
                posts: 1,
                cost: 1_400.0,
                quoted: false,
                value: [400.0, 500.0, 650.0],
            },
        ],
        tiers: vec![
            PlanTierReport {
                tier: Some(Tier::Micro),
                creators: 2,
                posts: 3,
                cost: 2_000.0,
                value: [1_000.0, 1_200.0, 1_500.0],
            },
            PlanTierReport {
                tier: Some(Tier::Mega),
                creators: 1,
                posts: 1,
                cost: 3_000.0,
                value: [500.0, 800.0, 1_100.0],
            },
        ],
        comparison: vec![
            PlanCompareReport {
                name: "Optimised hybrid".into(),
                cost: 5_000.0,
                value: [1_500.0, 2_000.0, 2_600.0],
                creators: 3,
                posts: 4,
                note: None,
            },
            PlanCompareReport {
                name: "All mega".into(),
                cost: 3_000.0,
                value: [500.0, 800.0, 1_100.0],
                creators: 1,
                posts: 1,
                note: Some("only one mega creator is plannable".into()),
            },
        ],
        binding: vec!["the budget of 5,000 is spent down to 0 and no further post fits".into()],
        marginal_value_per_1000: 310.0,
        notes: vec![],
        assumptions: vec![PlanAssumption {
            what: "Reach per post, instagram".into(),
            value: "37.7% from 0 followers".into(),
            source: "Minter.io 2019 Instagram feed-post medians".into(),
        }],
        tables: "Rate card scout-rates-2026-12 · reach table scout-reach-2026-12".into(),
        campaign: None,
    }
}

fn with_campaign() -> PlanReport {
    let mut p = plan();
    p.campaign = Some(CampaignReport {
        starts_at: Utc.with_ymd_and_hms(2026, 10, 1, 0, 0, 0).unwrap(),
        ends_at: Utc.with_ymd_and_hms(2026, 10, 31, 23, 59, 59).unwrap(),
        terms: vec!["Glow Lab".into(), "#glowlabserum".into()],
        creators: vec![CampaignCreatorReport {
            handle: "lena.makeup".into(),
            planned_posts: 2,
            cost: 600.0,
            views: None,
            engagements: 900.0,
            authentic: [700.0, 765.0, 810.0],
            realised_cpe: Some(0.78),
            planned_cpe: Some(0.86),
            deliverables: vec![DeliverableReport {
                date: Utc.with_ymd_and_hms(2026, 10, 12, 9, 0, 0).unwrap(),
                url: Some("https://www.instagram.com/p/DQx1/".into()),
                post_id: "DQx1".into(),
                excerpt: "Mein Serum-Ritual mit Glow Lab".into(),
                found_by: vec!["mentions Glow Lab".into()],
                disclosed: false,
                breaches: vec!["no #ad or paid-partnership label".into()],
            }],
        }],
    });
    p
}

fn report(plan: PlanReport) -> ReportInput {
    let mut input = sample();
    input.plan = Some(plan);
    input
}

#[test]
fn the_plan_is_its_own_section_with_tiers_comparison_and_sources() {
    let without = render_pdf(&sample(), &PdfOptions::default()).unwrap();
    let out = render_pdf(&report(plan()), &PdfOptions::default()).unwrap();
    assert!(out.warnings.is_empty(), "{:?}", out.warnings);
    assert_eq!(out.pages, without.pages + 1, "the plan takes one page");
    if !tools::available("pdftotext") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let pdf = tools::save(dir.path(), "plan.pdf", &out.bytes);
    let text = tools::text(&pdf, None);
    for expected in [
        "Campaign plan: Autumn hybrid",
        "3 creators, 4 posts for USD 5,000 of USD 5,000",
        "2,000 (1,500–2,600)",
        "@big.star",
        "quoted",
        "estimated",
        // Tier shares worked by hand: 2,000 / 5,000 and 3,000 / 5,000 of cost;
        // 1,200 / 2,000 and 800 / 2,000 of value.
        "40.0%",
        "60.0%",
        "All mega",
        "only one mega creator is plannable",
        "Minter.io 2019 Instagram feed-post medians",
        "adds about 310 authentic engagements",
        "the budget of 5,000 is spent down to 0",
    ] {
        assert!(text.contains(expected), "missing {expected:?} in:\n{text}");
    }
    assert!(
        !text.contains("Campaign results"),
        "no results before the plan runs"
    );
}

#[test]
fn a_running_plan_adds_its_results_per_creator_and_deliverable() {
    let out = render_pdf(&report(with_campaign()), &PdfOptions::default()).unwrap();
    assert!(out.warnings.is_empty(), "{:?}", out.warnings);
    if !tools::available("pdftotext") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let pdf = tools::save(dir.path(), "campaign.pdf", &out.bytes);
    let text = tools::text(&pdf, None);
    for expected in [
        "Campaign results: Autumn hybrid",
        "2026-10-01 to 2026-10-31",
        "Glow Lab, #glowlabserum",
        "1 of 2 planned posts found",
        "765 (700–810)",
        "USD 0.78",
        "USD 0.86",
        "0 of 1",
        "2026-10-12",
        "Mein Serum-Ritual mit Glow Lab",
        "no #ad or paid",
    ] {
        assert!(text.contains(expected), "missing {expected:?} in:\n{text}");
    }
}

/// Writes the plan pages as PNGs for a look (`SCOUT_PLAN_PNG=DIR`); not a check.
#[test]
fn plan_pages_to_png_on_request() {
    let Some(dir) = std::env::var_os("SCOUT_PLAN_PNG") else {
        return;
    };
    let out = render_pdf(&report(with_campaign()), &PdfOptions::default()).unwrap();
    let dir = std::path::PathBuf::from(dir);
    let pdf = tools::save(&dir, "plan.pdf", &out.bytes);
    let status = std::process::Command::new("pdftoppm")
        .args(["-png", "-r", "60", "-f", "6", "-l", "7"])
        .arg(&pdf)
        .arg(dir.join("plan"))
        .status()
        .unwrap();
    assert!(status.success());
}
