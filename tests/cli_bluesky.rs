//! The Bluesky vertical slice through the real CLI binary and the loopback replay server.

use scout_tests::cli::{Scout, assert_close};
use scout_tests::replay::bluesky::{self, HANDLE, creator_routes, creator_routes_with};
use scout_tests::replay::{ReplayServer, Reply, Route, fixture};
use serde_json::Value;

fn scout(server: &ReplayServer, dir: &std::path::Path) -> Scout {
    Scout::new(dir).env("SCOUT_BLUESKY_BASE_URL", &server.base_url)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn vet_show_shortlist_export_give_the_hand_computed_figures() {
    let server = ReplayServer::start(creator_routes()).await;
    let dir = tempfile::tempdir().unwrap();
    let scout = scout(&server, dir.path());

    let out = scout.ok(&["vet", &format!("https://bsky.app/profile/{HANDLE}")]);
    assert!(out.contains(HANDLE), "{out}");
    assert!(
        server.unmatched().is_empty(),
        "unexpected requests: {:?}",
        server.unmatched()
    );
    assert_eq!(
        server.hits("feed:2"),
        1,
        "the cursor was followed once, and page 3 not requested"
    );

    let json: Value = serde_json::from_str(&scout.ok(&["show", HANDLE, "--json"])).unwrap();
    assert_eq!(json["platform"], "bluesky");
    assert_eq!(json["handle"], HANDLE);
    assert_eq!(json["display_name"], "Lena Okafor");
    assert_eq!(json["followers"], 12_500.0);
    assert_eq!(json["following"], 431.0);
    assert_eq!(json["posts_count"], 1_873.0);
    assert_eq!(json["tier"], "micro");
    assert_eq!(json["posts_analyzed"], 50.0);
    // Counts are integers in JSON ("12500", never "12500.0").
    for key in [
        "followers",
        "following",
        "posts_count",
        "posts_analyzed",
        "snapshots",
    ] {
        assert!(json[key].is_u64(), "{key} is not an integer: {}", json[key]);
    }
    let listed: Value = serde_json::from_str(&scout.ok(&["list", "--json"])).unwrap();
    assert!(listed[0]["id"].is_i64(), "id: {}", listed[0]["id"]);
    assert!(
        listed[0]["followers"].is_u64(),
        "{}",
        listed[0]["followers"]
    );
    assert_eq!(listed[0]["engagement_rate"], json["engagement_rate"]);
    let auth = listed[0]["authenticity"].as_f64().unwrap();
    assert!(
        (auth - auth.round()).abs() < f64::EPSILON,
        "score shown rounded: {auth}"
    );
    // Sum of interactions 11,434 over 50 posts and 12,500 followers (README of the fixture).
    assert_close(
        json["rate_summaries"]["per_follower_mean"]
            .as_f64()
            .unwrap(),
        228.68 / 12_500.0,
        1e-9,
        "mean ER",
    );
    assert_close(
        json["rate_summaries"]["per_follower_median"]
            .as_f64()
            .unwrap(),
        192.5 / 12_500.0,
        1e-9,
        "median ER",
    );
    // 50 posts over 35.588194 days.
    let span_days = 35.0 + (14.0 * 60.0 + 7.0) / 1440.0;
    assert_close(
        json["posts_per_week"].as_f64().unwrap(),
        50.0 / (span_days / 7.0),
        1e-6,
        "posts per week",
    );
    assert_eq!(
        json["last_post_at"].as_str().unwrap().get(..19),
        Some("2025-06-28T17:38:12")
    );
    assert!(json["vetted_at"].as_str().is_some());
    assert_eq!(json["comments_sampled"], 39.0);
    assert_eq!(json["follower_sample"], 150.0);

    scout.ok(&[
        "shortlist",
        "new",
        "Trail brands",
        "--client",
        "Okafor Outdoor",
    ]);
    scout.ok(&["shortlist", "add", "Trail brands", HANDLE]);
    scout.ok(&["shortlist", "status", "Trail brands", HANDLE, "approved"]);
    scout.ok(&[
        "shortlist",
        "note",
        "Trail brands",
        HANDLE,
        "=HYPERLINK(\"x\") strong hiking niche",
    ]);
    let shown = scout.ok(&["shortlist", "show", "Trail brands", "--json"]);
    let shown: Value = serde_json::from_str(&shown).unwrap();
    assert_eq!(shown["entries"][0]["status"], "approved");
    assert_eq!(shown["summary"]["approved"], 1.0);

    let csv_path = dir.path().join("out.csv");
    scout.ok(&[
        "export",
        "csv",
        "--shortlist",
        "Trail brands",
        "-o",
        csv_path.to_str().unwrap(),
        "--keys",
    ]);
    let mut reader = csv::Reader::from_path(&csv_path).unwrap();
    let headers = reader.headers().unwrap().clone();
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 1);
    let col = |name: &str| {
        let i = headers
            .iter()
            .position(|h| h == name)
            .unwrap_or_else(|| panic!("no column {name} in {headers:?}"));
        rows[0][i].to_string()
    };
    assert_eq!(col("handle"), HANDLE);
    assert_eq!(col("followers"), "12500");
    // One truth: the CSV's engagement rate is show --json's, with the same basis and
    // statistic (Bluesky declares the median per follower: 192.5 / 12,500).
    // The CSV states rates as percentages with two decimals.
    assert_eq!(col("engagement_rate"), "1.54", "192.5 / 12,500 = 1.54 %");
    assert_eq!(
        col("engagement_rate"),
        format!("{:.2}", json["engagement_rate"].as_f64().unwrap() * 100.0)
    );
    assert_close(
        json["engagement_rate"].as_f64().unwrap(),
        192.5 / 12_500.0,
        1e-12,
        "show ER",
    );
    assert_eq!(col("engagement_rate_basis"), "per_follower");
    assert_eq!(col("engagement_rate_statistic"), "median");
    assert_eq!(json["engagement_rate_basis"], "per_follower");
    assert_eq!(json["engagement_rate_statistic"], "median");
    // … and the PDF's (its bundle holds the report's inputs as they were).
    let pdf_path = dir.path().join("out.pdf");
    scout.ok(&[
        "report",
        "pdf",
        "--shortlist",
        "Trail brands",
        "-o",
        pdf_path.to_str().unwrap(),
    ]);
    let bundle: Value =
        serde_json::from_str(&std::fs::read_to_string(dir.path().join("out.bundle.json")).unwrap())
            .unwrap();
    let reported = &bundle["inputs"]["creators"][0];
    assert_eq!(reported["engagement_rate"], json["engagement_rate"]);
    assert_eq!(reported["er_basis"], "per_follower");
    assert_eq!(reported["er_statistic"], "median");
    assert_eq!(col("status"), "approved");
    // Formula injection neutralised: the note does not start with '='.
    assert!(!col("note").starts_with('='), "{}", col("note"));
    assert!(col("note").contains("HYPERLINK"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_error_is_one_clear_line_and_keeps_what_was_stored() {
    let dir = tempfile::tempdir().unwrap();
    // First a good vet, so there is something to keep.
    let server = ReplayServer::start(creator_routes()).await;
    scout(&server, dir.path()).ok(&["vet", HANDLE]);
    drop(server);

    let cases: Vec<(&str, Route, &str)> = vec![
        (
            "unknown handle",
            Route::get(bluesky::xrpc("app.bsky.actor.getProfile"))
                .query("actor", HANDLE)
                .reply(Reply::json(
                    400,
                    fixture("bluesky/error_getProfile_ProfileNotFound.json"),
                )),
            "no account",
        ),
        (
            "deactivated",
            Route::get(bluesky::xrpc("app.bsky.actor.getProfile"))
                .query("actor", HANDLE)
                .reply(Reply::json(
                    400,
                    fixture("bluesky/error_getProfile_AccountDeactivated.json"),
                )),
            "deactivated",
        ),
        (
            "suspended",
            Route::get(bluesky::xrpc("app.bsky.actor.getProfile"))
                .query("actor", HANDLE)
                .reply(Reply::json(
                    400,
                    fixture("bluesky/error_getProfile_AccountTakedown.json"),
                )),
            "suspended",
        ),
        (
            "truncated JSON",
            Route::get(bluesky::xrpc("app.bsky.actor.getProfile"))
                .query("actor", HANDLE)
                .reply(Reply::json(
                    200,
                    &br#"{"did":"did:plc:lk4x2tqdo6m3c7wzjy5vbh2a","handle":"lena-okaf"#[..],
                )),
            "expected shape",
        ),
    ];
    for (what, route, needle) in cases {
        let server = ReplayServer::start(creator_routes_with("profile", route)).await;
        let err = scout(&server, dir.path()).fails(&["vet", HANDLE]);
        assert_eq!(err.trim().lines().count(), 1, "{what}: one line, got {err}");
        assert!(err.to_lowercase().contains(needle), "{what}: {err}");
        // What was stored before is intact.
        let json: Value =
            serde_json::from_str(&scout(&server, dir.path()).ok(&["show", HANDLE, "--json"]))
                .unwrap();
        assert_eq!(json["followers"], 12_500.0, "{what}");
        assert_eq!(json["snapshots"], 1.0, "{what}: no snapshot added");
    }

    // A malformed input names what was expected.
    let server = ReplayServer::start(vec![]).await;
    let err = scout(&server, dir.path()).fails(&["vet", "not a handle!"]);
    assert_eq!(err.trim().lines().count(), 1, "{err}");
    assert!(err.contains("expected"), "{err}");
    for platform in [
        "Bluesky:",
        "YouTube:",
        "Mastodon:",
        "TikTok:",
        "Instagram:",
        "Twitch:",
    ] {
        assert!(err.contains(platform), "{err}");
    }
    assert_eq!(
        err.matches("not a handle!").count(),
        1,
        "the input said once: {err}"
    );
    // Nothing listens on this port: a network error, in one line.
    let err = Scout::new(dir.path())
        .env("SCOUT_BLUESKY_BASE_URL", "http://127.0.0.1:9")
        .fails(&["vet", HANDLE]);
    assert_eq!(err.trim().lines().count(), 1, "{err}");
    assert!(
        err.contains("No connection to 127.0.0.1: check the network, then retry"),
        "{err}"
    );
    for internal in ["os error", "Connection refused", "detail"] {
        assert!(!err.contains(internal), "{err}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn refresh_revets_shortlisted_creators_and_grows_the_history() {
    let server = ReplayServer::start(creator_routes()).await;
    let dir = tempfile::tempdir().unwrap();
    let scout = scout(&server, dir.path());
    scout.ok(&["vet", HANDLE]);
    scout.ok(&["shortlist", "new", "Watch"]);
    scout.ok(&["shortlist", "add", "Watch", HANDLE]);
    let out = scout.ok(&["refresh"]);
    assert!(out.contains(HANDLE), "{out}");
    let json: Value = serde_json::from_str(&scout.ok(&["show", HANDLE, "--json"])).unwrap();
    assert_eq!(json["snapshots"], 2.0, "refresh appended a snapshot");
    let growth = json["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["check"] == "growth.followers")
        .expect("growth finding");
    assert_eq!(
        growth["verdict"], "not_enough_data",
        "two snapshots are too few for spikes: {growth}"
    );
    // Re-parsing the stored raw responses rebuilds the same figures.
    let out = scout.ok(&["reparse"]);
    assert!(out.contains("Re-parsed 2 snapshots"), "{out}");
    let again: Value = serde_json::from_str(&scout.ok(&["show", HANDLE, "--json"])).unwrap();
    assert_eq!(
        again["rate_summaries"]["per_follower_mean"],
        json["rate_summaries"]["per_follower_mean"]
    );
    assert_eq!(again["followers"], json["followers"]);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_edited_benchmark_table_in_the_data_folder_is_used_and_a_broken_one_is_named() {
    let server = ReplayServer::start(creator_routes()).await;
    let dir = tempfile::tempdir().unwrap();
    let scout = scout(&server, dir.path());
    scout.ok(&["vet", HANDLE]);
    let band = |json: &Value| {
        let f = json["findings"]
            .as_array()
            .unwrap()
            .iter()
            .find(|f| f["check"] == "engagement_rate")
            .unwrap()
            .clone();
        (
            f["expected_low"].as_f64().unwrap(),
            f["expected_high"].as_f64().unwrap(),
            f["verdict"].as_str().unwrap().to_string(),
        )
    };
    let shipped: Value = serde_json::from_str(&scout.ok(&["show", HANDLE, "--json"])).unwrap();
    assert_eq!(
        band(&shipped),
        (0.0016, 0.0522, "ok".to_string()),
        "shipped Bluesky micro band"
    );

    // The scout narrows the band so that this creator's median (0.0154) is above it.
    let table = dir.path().join("benchmarks.toml");
    scout.ok(&["benchmarks", "export", "-o", table.to_str().unwrap()]);
    let text = std::fs::read_to_string(&table).unwrap();
    let edited = text.replace(
        "micro = { low = 0.0016, high = 0.0522 }",
        "micro = { low = 0.0016, high = 0.0100 }",
    );
    assert_ne!(
        text, edited,
        "the Bluesky micro row is in the exported table"
    );
    std::fs::write(&table, edited).unwrap();
    assert!(scout.ok(&["benchmarks", "path"]).contains("in use"));
    scout.ok(&["vet", HANDLE]);
    let json: Value = serde_json::from_str(&scout.ok(&["show", HANDLE, "--json"])).unwrap();
    let (low, high, verdict) = band(&json);
    assert_eq!((low, high), (0.0016, 0.0100));
    assert_ne!(verdict, "ok", "0.0154 is above the edited band");

    std::fs::write(&table, "version = 3\n[engagement_rate").unwrap();
    let err = scout.fails(&["list"]);
    assert_eq!(err.trim().lines().count(), 1, "{err}");
    assert!(err.contains("benchmarks.toml"), "{err}");
}
