//! The demo workspace through the façade: loads, covers tiers and platforms, and the
//! planted anomalies are found by the checks.

use scout::Workspace;

#[test]
fn the_demo_loads_sixty_marked_creators_across_tiers_and_platforms() {
    let dir = tempfile::tempdir().unwrap();
    let ws = Workspace::open(Some(dir.path().to_path_buf())).unwrap();
    assert!(ws.info().unwrap().is_empty);
    let info = ws.load_demo().unwrap();
    assert_eq!(info.creators, 60.0);
    assert!(info.has_demo);
    let rows = ws.creators(None).unwrap();
    assert_eq!(rows.len(), 60);
    assert!(rows.iter().all(|r| r.is_demo));
    for tier in ["nano", "micro", "mid", "macro", "mega"] {
        assert!(rows.iter().any(|r| r.tier.as_deref() == Some(tier)), "tier {tier}");
    }
    for p in ["bluesky", "youtube", "mastodon", "tiktok", "instagram", "twitch"] {
        assert!(rows.iter().any(|r| r.platform == p), "platform {p}");
    }
    // Loading twice replaces, never duplicates.
    ws.load_demo().unwrap();
    assert_eq!(ws.creators(None).unwrap().len(), 60);
    ws.clear_demo().unwrap();
    assert!(ws.info().unwrap().is_empty);
}
