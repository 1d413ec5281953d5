//! After the campaign: a saved plan run as a campaign, its deliverables found in a refresh
//! over the replay server, and its results in the CLI and the PDF.
//!
//! The deliverables are planted in the repository's own Bluesky author feed
//! (`tests/fixtures/bluesky/getAuthorFeed_lena-okafor_page1.json`, the AppView's format):
//! the first vet sees the feed as it is; before the refresh two post texts are edited in
//! memory, nothing else in the response changes. Post #1 (2025-06-28T17:38:12Z; 158 likes,
//! 10 replies, 5 reposts, 2 quotes) then names the brand with `#ad`; post #4
//! (2025-06-26T23:17:12Z; 179 + 10 + 5 + 2) names it without any disclosure; post #5
//! (2025-06-25, before the window) is linked by hand.

use scout_tests::cli::Scout;
use scout_tests::replay::bluesky::{DID, HANDLE, creator_routes_with, post_uri};
use scout_tests::replay::{ReplayServer, Reply, Route, fixture};
use serde_json::Value;
use std::process::Command;

fn feed_with_deliverables() -> Vec<u8> {
    let mut feed: Value =
        serde_json::from_slice(&fixture("bluesky/getAuthorFeed_lena-okafor_page1.json")).unwrap();
    let items = feed["feed"].as_array_mut().unwrap();
    items[0]["post"]["record"]["text"] =
        "Long run done: 32 km, 1,400 m up. Fuelled by Okafor Trail Mix oatcakes. #ad".into();
    items[3]["post"]["record"]["text"] =
        "Cloud inversion over Glenmore, with my Okafor Trail Mix flask. #4".into();
    serde_json::to_vec(&feed).unwrap()
}

fn routes(planted: bool) -> Vec<Route> {
    let feed = Route::get("/xrpc/app.bsky.feed.getAuthorFeed")
        .query("actor", DID)
        .without_query("cursor");
    let feed = if planted {
        feed.reply(Reply::json(200, feed_with_deliverables()))
    } else {
        feed.reply(Reply::fixture(
            "bluesky/getAuthorFeed_lena-okafor_page1.json",
        ))
    };
    creator_routes_with("feed:1", feed)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_running_plan_finds_planted_deliverables_after_a_refresh() {
    let dir = tempfile::tempdir().unwrap();
    let before = ReplayServer::start(routes(false)).await;
    let scout = Scout::new(dir.path()).env("SCOUT_BLUESKY_BASE_URL", &before.base_url);
    scout.ok(&["vet", HANDLE]);
    scout.ok(&["shortlist", "new", "Trail"]);
    scout.ok(&["shortlist", "add", "Trail", HANDLE]);
    scout.ok(&["fee", HANDLE, "250"]);
    // The creator has a finding with a risk verdict: pinned, the plan takes her anyway.
    let plan: Value = serde_json::from_str(&scout.ok(&[
        "plan",
        "--shortlist",
        "Trail",
        "--budget",
        "1000",
        "--max-posts",
        "2",
        "--pin",
        HANDLE,
        "--save",
        "Summer",
        "--json",
    ]))
    .unwrap();
    assert_eq!(plan["chosen"][0]["handle"], HANDLE, "{plan:#}");
    assert_eq!(plan["chosen"][0]["posts"], 2.0);
    assert_eq!(plan["chosen"][0]["cost"], 500.0);

    let err = scout.fails(&[
        "campaign",
        "results",
        "--shortlist",
        "Trail",
        "--plan",
        "Summer",
    ]);
    assert!(err.contains("not running"), "{err}");
    scout.ok(&[
        "campaign",
        "start",
        "--shortlist",
        "Trail",
        "--plan",
        "Summer",
        "--from",
        "2025-06-26",
        "--to",
        "2025-06-28",
        "--brand",
        "Okafor Trail Mix",
    ]);
    // Before the refresh the stored posts name no brand: nothing delivered yet.
    let none: Value = serde_json::from_str(&scout.ok(&[
        "campaign",
        "results",
        "--shortlist",
        "Trail",
        "--plan",
        "Summer",
        "--json",
    ]))
    .unwrap();
    assert_eq!(
        none["creators"][0]["deliverables"]
            .as_array()
            .unwrap()
            .len(),
        0
    );

    // The creator posts; a refresh over the replay server finds the posts.
    let after = ReplayServer::start(routes(true)).await;
    let scout = Scout::new(dir.path()).env("SCOUT_BLUESKY_BASE_URL", &after.base_url);
    scout.ok(&["refresh"]);
    assert!(after.hits("feed:1") >= 1, "the refresh fetched the feed");
    scout.ok(&[
        "campaign",
        "link",
        "--shortlist",
        "Trail",
        "--plan",
        "Summer",
        "--creator",
        HANDLE,
        "--post",
        &post_uri("3lsheexnditip"),
    ]);
    let r: Value = serde_json::from_str(&scout.ok(&[
        "campaign",
        "results",
        "--shortlist",
        "Trail",
        "--plan",
        "Summer",
        "--json",
    ]))
    .unwrap();
    assert_eq!(r["terms"], serde_json::json!(["Okafor Trail Mix"]));
    let me = &r["creators"][0];
    assert_eq!(me["handle"], HANDLE);
    assert_eq!(me["planned_posts"], 2);
    let d = me["deliverables"].as_array().unwrap();
    assert_eq!(d.len(), 3, "{d:?}");
    let by_id = |rkey: &str| {
        d.iter()
            .find(|x| x["post_id"] == post_uri(rkey))
            .unwrap_or_else(|| panic!("no deliverable {rkey} in {d:?}"))
    };
    let first = by_id("3lsop366iim5i");
    assert!(first["disclosed"].as_bool().unwrap(), "{first}");
    assert!(
        first["found_by"]
            .as_array()
            .unwrap()
            .iter()
            .any(|f| f.as_str().unwrap().contains("Okafor Trail Mix")),
        "{first}"
    );
    let fourth = by_id("3lskb3imb56e5");
    assert!(!fourth["disclosed"].as_bool().unwrap());
    assert!(
        fourth["breaches"][0]
            .as_str()
            .unwrap()
            .starts_with("no disclosure at all"),
        "{fourth}"
    );
    let linked = by_id("3lsheexnditip");
    assert_eq!(linked["found_by"], serde_json::json!(["linked"]));
    // Engagements: likes + replies + reposts + quotes of the three posts:
    // #1 175, #4 196, #5 (feed position 6) as in the fixture.
    let fifth = {
        let feed: Value =
            serde_json::from_slice(&fixture("bluesky/getAuthorFeed_lena-okafor_page1.json"))
                .unwrap();
        let p = &feed["feed"][5]["post"];
        ["likeCount", "replyCount", "repostCount", "quoteCount"]
            .iter()
            .map(|k| p[k].as_f64().unwrap())
            .sum::<f64>()
    };
    assert_eq!(me["engagements"], 175.0 + 196.0 + fifth);
    let a = me["authentic"].as_array().unwrap();
    let (lo, mid, hi) = (
        a[0].as_f64().unwrap(),
        a[1].as_f64().unwrap(),
        a[2].as_f64().unwrap(),
    );
    assert!(lo <= mid && mid <= hi && hi <= me["engagements"].as_f64().unwrap());
    // Realised cost per authentic engagement: the 500 paid over the authentic engagements.
    let cpe = me["realised_cpe"].as_f64().unwrap();
    assert!((cpe - 500.0 / mid).abs() < 1e-9, "{cpe} vs {}", 500.0 / mid);
    assert!(me["planned_cpe"].as_f64().is_some());

    // The same in words, and in the PDF as its own section.
    let text = scout.ok(&[
        "campaign",
        "results",
        "--shortlist",
        "Trail",
        "--plan",
        "Summer",
    ]);
    assert!(
        text.contains("not disclosed: no disclosure at all"),
        "{text}"
    );
    assert!(text.contains("2025-06-26"), "{text}");
    let pdf = dir.path().join("trail.pdf");
    scout.ok(&[
        "report",
        "pdf",
        "--shortlist",
        "Trail",
        "--plan",
        "Summer",
        "-o",
        pdf.to_str().unwrap(),
    ]);
    let out = Command::new("pdftotext").arg(&pdf).arg("-").output();
    let Ok(out) = out else {
        assert!(
            std::env::var_os("CI").is_none(),
            "CI installs poppler-utils"
        );
        return;
    };
    let text = String::from_utf8_lossy(&out.stdout);
    for expected in [
        "Campaign plan: Summer",
        "quoted",
        "Campaign results: Summer",
        "2025-06-26 to 2025-06-28",
        "3 of 2 planned posts found",
        "Okafor Trail Mix",
        "no disclosure at all",
    ] {
        assert!(
            text.contains(expected),
            "missing {expected:?} in the PDF:\n{text}"
        );
    }
}
