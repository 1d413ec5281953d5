//! The demo workspace through the façade: loads, covers tiers and platforms, and the
//! planted anomalies are found by the checks.

use scout::Workspace;

#[test]
fn the_demo_loads_sixty_marked_creators_across_tiers_and_platforms() {
    let dir = tempfile::tempdir().unwrap();
    let ws = Workspace::open(Some(dir.path().to_path_buf())).unwrap();
    assert!(ws.info().unwrap().is_empty);
    let info = ws.load_demo().unwrap();
    assert_eq!(info.creators as u32, 60);
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
            rows.iter().any(|r| r.tier.as_deref() == Some(tier)),
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
        assert!(rows.iter().any(|r| r.platform == p), "platform {p}");
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
    let verdict_of = |handle: &str, check: &str| -> String {
        let row = ws
            .find_creator(handle)
            .unwrap_or_else(|e| panic!("{handle}: {e}"));
        let detail = ws.creator(row.id as i64, None).unwrap();
        detail
            .findings
            .iter()
            .find(|f| f.check == check)
            .map_or_else(|| panic!("{handle}: no {check}"), |f| f.verdict.clone())
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
                    "ok",
                    "{handle}"
                );
                assert_ne!(
                    verdict_of(&handle, "growth.followers"),
                    "ok",
                    "{handle}: the bought batch is a spike"
                );
            }
            Some(Anomaly::EngagementPod) => {
                assert_eq!(
                    verdict_of(&handle, "comment_quality.pod"),
                    "risk",
                    "{handle}"
                );
                let row = ws.find_creator(&handle).unwrap();
                let pod = ws
                    .creator(row.id as i64, None)
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
                assert_eq!(verdict_of(&handle, "engagement_rate"), "risk", "{handle}");
            }
            Some(Anomaly::FollowUnfollow) => assert_eq!(
                verdict_of(&handle, "growth.following_sawtooth"),
                "risk",
                "{handle}"
            ),
            Some(Anomaly::BoughtLikes) => assert_ne!(
                verdict_of(&handle, "comment_quality.generic_share"),
                "ok",
                "{handle}"
            ),
            Some(Anomaly::UndisclosedAds) | None => {
                ordinary += 1;
                let row = ws.find_creator(&handle).unwrap();
                if row.risks > 0.0 {
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
