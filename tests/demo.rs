//! The demo workspace through the façade: loads, covers tiers and platforms, and the
//! planted anomalies are found by the checks.

use scout::Workspace;
use scout_core::Verdict;

#[test]
fn the_demo_loads_sixty_marked_creators_across_tiers_and_platforms() {
    let dir = tempfile::tempdir().unwrap();
    let ws = Workspace::open(Some(dir.path().to_path_buf())).unwrap();
    assert!(ws.info().unwrap().is_empty);
    let info = ws.load_demo().unwrap();
    assert_eq!(info.creators, 60);
    assert!(info.has_demo);
    let all = scout::views::CreatorQuery {
        limit: Some(100),
        ..Default::default()
    };
    let page = ws.list_creators(&all).unwrap();
    assert_eq!(page.total, 60);
    let rows = page.rows;
    assert_eq!(rows.len(), 60);
    assert!(rows.iter().all(|r| r.is_demo));
    for tier in ["nano", "micro", "mid", "macro", "mega"] {
        assert!(
            rows.iter()
                .any(|r| r.tier.map(scout_core::Tier::key) == Some(tier)),
            "tier {tier}"
        );
    }
    for p in [
        "bluesky",
        "youtube",
        "mastodon",
        "tiktok",
        "instagram",
        "twitch",
    ] {
        assert!(rows.iter().any(|r| r.platform.key() == p), "platform {p}");
    }
    // Loading twice replaces, never duplicates.
    ws.load_demo().unwrap();
    assert_eq!(ws.list_creators(&all).unwrap().total, 60);
    ws.clear_demo().unwrap();
    assert!(ws.info().unwrap().is_empty);
}

#[test]
fn the_planted_anomalies_are_found_and_ordinary_creators_mostly_pass() {
    use scout::demo::{Anomaly, DEMO_SEED, generate};
    let dir = tempfile::tempdir().unwrap();
    let ws = Workspace::open(Some(dir.path().to_path_buf())).unwrap();
    ws.load_demo().unwrap();
    let planted = generate(
        DEMO_SEED,
        chrono::Utc::now(),
        &scout_core::TierBounds::default(),
    );
    let verdict_of = |handle: &str, check: &str| -> Verdict {
        let row = ws
            .find_creator(handle)
            .unwrap_or_else(|e| panic!("{handle}: {e}"));
        let detail = ws.creator(row.id, None).unwrap();
        detail
            .findings
            .iter()
            .find(|f| f.check == check)
            .map_or_else(|| panic!("{handle}: no {check}"), |f| f.verdict)
    };
    let mut ordinary_with_risk = 0;
    let mut ordinary = 0;
    for c in &planted {
        let snap = c.snapshots.last().unwrap();
        let handle = format!("{}:{}", snap.platform.key(), snap.profile.handle);
        match c.anomaly {
            Some(Anomaly::BoughtFollowers) => {
                assert_ne!(
                    verdict_of(&handle, "audience.suspicious_share"),
                    Verdict::Ok,
                    "{handle}"
                );
                assert_ne!(
                    verdict_of(&handle, "growth.followers"),
                    Verdict::Ok,
                    "{handle}: the bought batch is a spike"
                );
            }
            Some(Anomaly::EngagementPod) => {
                assert_eq!(
                    verdict_of(&handle, "comment_quality.pod"),
                    Verdict::Risk,
                    "{handle}"
                );
                let row = ws.find_creator(&handle).unwrap();
                let pod = ws
                    .creator(row.id, None)
                    .unwrap()
                    .findings
                    .into_iter()
                    .find(|f| f.check == "comment_quality.pod")
                    .unwrap();
                assert!(
                    pod.evidence.iter().any(|e| e.id.contains("growth")),
                    "pod accounts are named: {:?}",
                    pod.evidence
                );
            }
            Some(Anomaly::DeadAudience) => {
                assert_eq!(
                    verdict_of(&handle, "engagement_rate"),
                    Verdict::Risk,
                    "{handle}"
                );
            }
            Some(Anomaly::FollowUnfollow) => assert_eq!(
                verdict_of(&handle, "growth.following_sawtooth"),
                Verdict::Risk,
                "{handle}"
            ),
            Some(Anomaly::BoughtLikes) => assert_ne!(
                verdict_of(&handle, "comment_quality.generic_share"),
                Verdict::Ok,
                "{handle}"
            ),
            Some(Anomaly::UndisclosedAds) | None => {
                ordinary += 1;
                let row = ws.find_creator(&handle).unwrap();
                if row.risks > 0 {
                    ordinary_with_risk += 1;
                }
            }
        }
    }
    assert!(
        ordinary_with_risk * 10 <= ordinary,
        "{ordinary_with_risk} of {ordinary} ordinary demo creators carry a risk finding"
    );
}

/// One truth (issue 9): the Creators row, the Creator page, `show --json`, the CSV and the
/// PDF's input carry the same engagement rate, basis and statistic (median per view on
/// YouTube and TikTok), and the same Authenticity verdict as the score's finding.
#[test]
fn every_surface_shows_the_declared_engagement_rate_and_the_same_verdicts() {
    use scout_core::checks::benchmarks::{Basis, Statistic};
    let dir = tempfile::tempdir().unwrap();
    let ws = Workspace::open(Some(dir.path().to_path_buf())).unwrap();
    ws.load_demo().unwrap();
    let rows = ws
        .list_creators(&scout::views::CreatorQuery {
            limit: Some(100),
            ..Default::default()
        })
        .unwrap()
        .rows;
    assert_eq!(rows.len(), 60);
    let shortlist = "All demo";
    ws.create_shortlist(shortlist, None).unwrap();
    let ids: Vec<i64> = rows.iter().map(|r| r.id).collect();
    ws.add_to_shortlist(shortlist, &ids).unwrap();
    let input = ws
        .report_input(Some(shortlist), None, chrono::Utc::now(), None)
        .unwrap();
    let csv = ws
        .csv_bytes(scout::CsvTable::Creators, Some(shortlist), None, false)
        .unwrap();
    let mut reader = csv::Reader::from_reader(csv.as_slice());
    let col = |name: &str| {
        scout_report::csv::CREATOR_COLUMNS
            .iter()
            .position(|h| *h == name)
            .unwrap()
    };
    let csv_rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    let mut per_view_rates = 0;
    for row in &rows {
        let detail = ws.creator(row.id, None).unwrap();
        let summary = ws.creator_summary(row.id).unwrap();
        let er = detail
            .findings
            .iter()
            .find(|f| f.check == "engagement_rate")
            .unwrap();
        if let Some(v) = er.value {
            assert_eq!(
                detail.row.engagement_rate,
                Some(v),
                "{}: page vs finding",
                row.handle
            );
        }
        // The table row (the store's facts table) and the Creator page show one figure.
        assert_eq!(
            row.engagement_rate, detail.row.engagement_rate,
            "{}: table vs page",
            row.handle
        );
        assert_eq!(row.engagement_rate_basis, detail.row.engagement_rate_basis);
        assert_eq!(row.authenticity, detail.row.authenticity, "{}", row.handle);
        let row = &detail.row;
        assert_eq!(
            summary.engagement_rate, row.engagement_rate,
            "{}",
            row.handle
        );
        let video = matches!(
            row.platform,
            scout_core::Platform::Youtube | scout_core::Platform::Tiktok
        );
        let want_basis = if video || row.platform == scout_core::Platform::Twitch {
            Basis::PerView
        } else {
            Basis::PerFollower
        };
        assert_eq!(
            row.engagement_rate_basis,
            Some(want_basis),
            "{}",
            row.handle
        );
        assert_eq!(row.engagement_rate_statistic, Some(Statistic::Median));
        if video && row.engagement_rate.is_some() {
            per_view_rates += 1;
        }
        let report = input
            .creators
            .iter()
            .find(|c| c.handle == row.handle && c.platform == row.platform)
            .unwrap();
        assert_eq!(
            report.engagement_rate, row.engagement_rate,
            "{}: PDF",
            row.handle
        );
        assert_eq!(report.er_basis, row.engagement_rate_basis);
        assert_eq!(report.er_statistic, row.engagement_rate_statistic);
        let csv_row = csv_rows
            .iter()
            .find(|r| r[col("handle")] == row.handle && r[col("platform")] == *row.platform.key())
            .unwrap();
        assert_eq!(
            csv_row[col("engagement_rate")],
            row.engagement_rate
                .map_or_else(String::new, |v| format!("{:.2}", v * 100.0)),
            "{}: CSV",
            row.handle
        );
        // The Authenticity verdict is the score finding's, in the app and the PDF.
        let score = detail
            .findings
            .iter()
            .find(|f| f.check == "authenticity_score")
            .unwrap();
        if let Some(a) = &report.authenticity {
            assert_eq!(a.verdict, score.verdict, "{}: PDF verdict", row.handle);
            assert_eq!(Some(a.score), row.authenticity);
        }
    }
    assert!(
        per_view_rates >= 4,
        "video creators have per-view rates: {per_view_rates}"
    );
}
