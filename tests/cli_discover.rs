//! `scout discover` and `scout identity` through the real binary and the replay
//! server, with the discovery fixtures (`tests/fixtures/*/discovery/`, people
//! described in `tests/fixtures/bluesky/discovery/README.md`).
//!
//! The query "skincare #zerodechet" runs on every source at once: Bluesky account
//! search (2 pages: 3 + 1 actors, counts from getProfiles), Mastodon account search
//! and the #zerodechet timeline on one instance, the keyless YouTube results page
//! and its continuations, Twitch (no keys: "needs a key"), TikTok and Instagram
//! ("not searchable"). Bluesky post search is not sent without an app password.
//!
//! Reasons and scores worked out by hand from `scout::discover::WEIGHTS`:
//! - Maya on Mastodon (`maya@mastodon.social`): account search (+3), #zerodechet
//!   post (+2) = 5.0 — the top result;
//! - `ecoskin.lab` on Bluesky: account search (+3), bio contains "skincare" (+1) = 4.0;
//! - `mayalune.fr`: account search (+3) = 3.0 (its bio is in French: no "skincare");
//! - `rina@eldritch.cafe`: account search (+3), #zerodechet post (+2), bio
//!   contains "skincare" (+1) = 6.0 — ranked first.

use std::path::Path;

use scout_tests::cli::Scout;
use scout_tests::replay::bluesky::{self as lena, creator_routes};
use scout_tests::replay::{ReplayServer, Reply, Route, fixture};
use serde_json::Value;

const ENV: [&str; 8] = [
    "SCOUT_BLUESKY_BASE_URL",
    "SCOUT_BLUESKY_PDS_BASE_URL",
    "SCOUT_MASTODON_BASE_URL",
    "SCOUT_YOUTUBE_BASE_URL",
    "SCOUT_YOUTUBE_API_BASE_URL",
    "SCOUT_TWITCH_BASE_URL",
    "SCOUT_TWITCH_AUTH_BASE_URL",
    "SCOUT_LINKINBIO_BASE_URL",
];

fn scout(server: &ReplayServer, dir: &Path) -> Scout {
    ENV.iter()
        .fold(Scout::new(dir), |s, var| s.env(var, &server.base_url))
        .env("SCOUT_KEYCHAIN", "keyutils")
}

fn html(rel: &str) -> Reply {
    Reply::status(200)
        .header("content-type", "text/html; charset=utf-8")
        .body(fixture(rel))
}

fn routes(bluesky_page2: Reply) -> Vec<Route> {
    vec![
        Route::get("/xrpc/app.bsky.actor.searchActors")
            .query("q", "skincare")
            .without_query("cursor")
            .reply(Reply::fixture(
                "bluesky/discovery/searchActors_skincare_p1.json",
            )),
        Route::get("/xrpc/app.bsky.actor.searchActors")
            .query("cursor", "3")
            .named("bluesky page 2")
            .reply(bluesky_page2),
        Route::get("/xrpc/app.bsky.actor.getProfiles")
            .query("actors", "did:plc:m4y4lun3soins7x2k9q0wrtz")
            .reply(Reply::fixture(
                "bluesky/discovery/getProfiles_skincare_p1.json",
            )),
        Route::get("/xrpc/app.bsky.actor.getProfiles")
            .query("actors", "did:plc:3c0sk1nc4r3l4bz9y8x7w6v")
            .reply(Reply::fixture(
                "bluesky/discovery/getProfiles_skincare_p2.json",
            )),
        Route::get("/api/v2/search")
            .query("q", "skincare")
            .reply(Reply::fixture(
                "mastodon/discovery/search-v2_q-skincare_mastodon.social.json",
            )),
        Route::get("/api/v1/timelines/tag/zerodechet").reply(Reply::fixture(
            "mastodon/discovery/timelines-tag_zerodechet_p1.json",
        )),
        Route::get("/results")
            .query("search_query", "skincare")
            .reply(html(
                "youtube/discovery/results-page_q-sustainable-skincare.html",
            )),
        Route::post("/youtubei/v1/search")
            .reply(Reply::fixture(
                "youtube/discovery/innertube-search_continuation_p2.json",
            ))
            .then(Reply::fixture(
                "youtube/discovery/innertube-search_continuation_last-page.json",
            )),
        // The feed search finds no feed for "skincare"; Bluesky curates no #zerodechet topic.
        Route::get("/xrpc/app.bsky.unspecced.getPopularFeedGenerators")
            .query("query", "skincare")
            .reply(Reply::fixture(
                "bluesky/discovery/unspecced-getPopularFeedGenerators_empty.json",
            )),
        Route::get("/xrpc/app.bsky.unspecced.getTaggedSuggestions").reply(Reply::fixture(
            "bluesky/discovery/unspecced-getTaggedSuggestions.json",
        )),
        Route::get("/linktr.ee/mayalune").reply(html("linkinbio/discovery/linktree_mayalune.html")),
        // The website of Bluesky's domain handle mayalune.fr.
        Route::get("/mayalune.fr").reply(html("linkinbio/discovery/site_mayalune.fr.html")),
    ]
}

fn run(server: &ReplayServer, dir: &Path, extra: &[&str]) -> Vec<Value> {
    let mut args = vec![
        "discover",
        "skincare #zerodechet",
        "--instance",
        "mastodon.social",
        "--pages",
        "3",
        "--json",
    ];
    args.extend_from_slice(extra);
    let out = scout(server, dir).ok(&args);
    serde_json::from_str(&out)
        .unwrap_or_else(|e| panic!("discover --json is not JSON ({e}): {out}"))
}

fn find<'a>(results: &'a [Value], platform: &str, handle: &str) -> &'a Value {
    results
        .iter()
        .find(|r| r["platform"] == platform && r["handle"] == handle)
        .unwrap_or_else(|| panic!("no {platform} {handle} in {results:#?}"))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_whole_discovery_run_ranks_explains_and_links() {
    let server = ReplayServer::start(routes(Reply::fixture(
        "bluesky/discovery/searchActors_skincare_p2.json",
    )))
    .await;
    let dir = tempfile::tempdir().unwrap();
    let results = run(&server, dir.path(), &["--limit", "50"]);
    // 4 Bluesky + 2 Mastodon (the bot left out) + 3 YouTube channels.
    assert_eq!(results.len(), 9, "{results:#?}");
    for r in &results {
        for field in [
            "platform",
            "handle",
            "display_name",
            "followers",
            "reasons",
            "linked_accounts",
        ] {
            assert!(r.get(field).is_some(), "{field} missing in {r}");
        }
        assert!(!r["followers"].is_null(), "these sources give counts: {r}");
        assert!(!r["reasons"].as_array().unwrap().is_empty(), "{r}");
    }
    // Ranking by hand-worked reasons.
    assert_eq!(results[0]["handle"], "rina@eldritch.cafe");
    assert_eq!(results[0]["score"], 6.0);
    assert_eq!(results[1]["handle"], "maya@mastodon.social");
    assert_eq!(results[1]["score"], 5.0);
    let reasons: Vec<&str> = results[1]["reasons"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r.as_str().unwrap())
        .collect();
    assert!(
        reasons[0].starts_with(
            "Mastodon account search for \"skincare (on mastodon.social)\" returned it (+3.0)"
        ),
        "{reasons:?}"
    );
    assert!(
        reasons[1].starts_with(
            "posted #zerodechet: “Mon baume à lèvres maison en 3 ingrédients #zerodechet”"
        ),
        "{reasons:?}"
    );
    let eco = find(&results, "bluesky", "ecoskin.lab");
    assert_eq!(
        (eco["score"].as_f64(), eco["followers"].as_f64()),
        (Some(4.0), Some(56_100.0))
    );
    let yt = find(&results, "youtube", "MayaLuneSoins");
    assert_eq!(
        (yt["followers"].as_f64(), yt["followers_rounded"].as_bool()),
        (Some(48_200.0), Some(true))
    );
    assert_eq!(
        find(&results, "youtube", "ZeroWasteBeautyLab")["followers"],
        9_870.0
    );
    assert_eq!(
        server.hits("POST /youtubei/v1/search"),
        2,
        "continued to the last page"
    );

    // Identity: the verified Mastodon field names mayalune.fr, Bluesky's domain handle: confirmed.
    let maya = find(&results, "mastodon", "maya@mastodon.social");
    let links = maya["linked_accounts"].as_array().unwrap();
    let bsky = links
        .iter()
        .find(|l| l["handle"] == "mayalune.fr")
        .expect("linked to mayalune.fr");
    assert_eq!(bsky["confidence"], "confirmed");
    assert!(
        bsky["evidence"][0]
            .as_str()
            .unwrap()
            .contains("verified by the instance on 2026-03-02")
    );
    // The YouTube channel is linked one way from the Mastodon fields: likely.
    let yt_link = links
        .iter()
        .find(|l| l["handle"] == "MayaLuneSoins")
        .expect("linked to YouTube");
    assert_eq!(yt_link["confidence"], "likely");
    // The same name on another Bluesky account, without any link: possible only.
    let imp = links
        .iter()
        .find(|l| l["handle"] == "mayalune.bsky.social")
        .expect("the impostor is suggested");
    assert_eq!(imp["confidence"], "possible");
    // Bluesky mayalune.fr → its Linktree → Instagram, TikTok (accounts Scout cannot search).
    let mf = find(&results, "bluesky", "mayalune.fr");
    let mlinks = mf["linked_accounts"].as_array().unwrap();
    for (network, handle) in [("instagram", "mayalune.soins"), ("tiktok", "maya.lune")] {
        let l = mlinks
            .iter()
            .find(|l| l["platform"] == network && l["handle"] == handle)
            .unwrap_or_else(|| panic!("{network} {handle} in {mlinks:#?}"));
        assert_eq!(l["confidence"], "likely");
        assert!(
            l["evidence"][0]
                .as_str()
                .unwrap()
                .contains("Linktree page https://linktr.ee/mayalune")
        );
    }
    assert_eq!(server.hits("GET /linktr.ee/mayalune"), 1);
    // The website of the domain handle is read too: the Twitch channel only it names.
    let tw = mlinks
        .iter()
        .find(|l| l["platform"] == "twitch" && l["handle"] == "mayalune_live")
        .unwrap_or_else(|| panic!("twitch mayalune_live in {mlinks:#?}"));
    assert_eq!(tw["confidence"], "likely");
    assert!(
        tw["evidence"][0]
            .as_str()
            .unwrap()
            .contains("website of https://bsky.app/profile/mayalune.fr's domain handle"),
        "{tw:#?}"
    );
    assert_eq!(server.hits("GET /mayalune.fr"), 1);
    // Nobody found is vetted yet: no engagement rate, so an ER range keeps none of them.
    assert!(
        results
            .iter()
            .all(|r| r["engagement_rate"].is_null() && r["creator_id"].is_null())
    );
    assert!(run(&server, dir.path(), &["--min-er", "0"]).is_empty());

    // `scout identity` shows the same, from the stored run.
    let out =
        scout(&server, dir.path()).ok(&["identity", "mastodon:@maya@mastodon.social", "--json"]);
    let id: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(id["handle"], "maya@mastodon.social");
    let confirmed: Vec<&Value> = id["linked_accounts"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|l| l["confidence"] == "confirmed")
        .collect();
    assert_eq!(confirmed.len(), 1);
    assert_eq!(confirmed[0]["handle"], "mayalune.fr");
    // Reject the impostor-level link is not possible (not stored); reject the likely one.
    let yt_id = id["linked_accounts"]
        .as_array()
        .unwrap()
        .iter()
        .find(|l| l["handle"] == "MayaLuneSoins")
        .unwrap()["id"]
        .as_f64()
        .unwrap();
    assert!(yt_id > 0.0);
    scout(&server, dir.path()).ok(&[
        "identity",
        "mastodon:@maya@mastodon.social",
        "--reject",
        &(yt_id as i64).to_string(),
    ]);
    let out =
        scout(&server, dir.path()).ok(&["identity", "mastodon:@maya@mastodon.social", "--json"]);
    let id: Value = serde_json::from_str(&out).unwrap();
    let yt = id["linked_accounts"]
        .as_array()
        .unwrap()
        .iter()
        .find(|l| l["handle"] == "MayaLuneSoins")
        .unwrap();
    assert_eq!(yt["decision"], "rejected", "a decision survives a re-run");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sources_say_what_they_could_not_do_and_a_429_mid_run_keeps_the_rest() {
    let server = ReplayServer::start(routes(Reply::status(429).header("Retry-After", "0"))).await;
    let dir = tempfile::tempdir().unwrap();
    let out = scout(&server, dir.path()).run(&[
        "discover",
        "skincare #zerodechet",
        "--instance",
        "mastodon.social",
        "--pages",
        "3",
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    let stdout = String::from_utf8_lossy(&out.stdout);
    let line = |p: &str| {
        stderr
            .lines()
            .find(|l| l.trim_start().starts_with(p))
            .unwrap_or_else(|| panic!("no {p} line in {stderr}"))
            .to_string()
    };
    assert!(
        line("bluesky").contains("error") && line("bluesky").contains("rate limited"),
        "{stderr}"
    );
    assert!(
        line("bluesky").contains("3 found") || stderr.contains("after 3"),
        "page 1 kept: {stderr}"
    );
    assert!(line("twitch").contains("needs_key"), "{stderr}");
    assert!(
        line("tiktok").contains("not_searchable") && line("tiktok").contains("no public search"),
        "{stderr}"
    );
    assert!(line("instagram").contains("not_searchable"), "{stderr}");
    assert!(line("mastodon").contains("results"), "{stderr}");
    assert!(
        line("mastodon").contains("follow suggestions are not asked")
            && line("youtube").contains("#tag pages are not read"),
        "{stderr}"
    );
    // Page 1 of Bluesky is still in the results.
    assert!(stdout.contains("mayalune.fr"), "{stdout}");
    assert!(
        !stdout.contains("ecoskin.lab"),
        "page 2 never arrived: {stdout}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn filters_at_their_edges_dismissals_and_saved_searches() {
    let server = ReplayServer::start(routes(Reply::fixture(
        "bluesky/discovery/searchActors_skincare_p2.json",
    )))
    .await;
    let dir = tempfile::tempdir().unwrap();
    // Exactly 6,120 followers passes min=6120 and max=6120; 6,121 excludes it.
    let r = run(
        &server,
        dir.path(),
        &["--min-followers", "6120", "--max-followers", "6120"],
    );
    assert_eq!(r.len(), 1, "{r:#?}");
    assert_eq!(r[0]["handle"], "maya@mastodon.social");
    assert!(
        run(
            &server,
            dir.path(),
            &["--min-followers", "6121", "--max-followers", "6121"]
        )
        .is_empty()
    );
    // Platform and language (declared on Mastodon posts; detected from French bios).
    let r = run(
        &server,
        dir.path(),
        &["--platform", "bluesky", "--lang", "fr"],
    );
    let handles: Vec<&str> = r.iter().map(|x| x["handle"].as_str().unwrap()).collect();
    assert!(
        handles.contains(&"mayalune.fr") && !handles.contains(&"ecoskin.lab"),
        "{handles:?}"
    );
    assert!(r.iter().all(|x| x["platform"] == "bluesky"));
    // Tier: micro is 10,000–99,999 by default.
    let r = run(&server, dir.path(), &["--tier", "micro"]);
    assert!(
        r.iter()
            .all(|x| (10_000.0..100_000.0).contains(&x["followers"].as_f64().unwrap())),
        "{r:#?}"
    );
    assert!(r.iter().any(|x| x["handle"] == "mayalune.fr"));
    // Dismiss one for a brief-less search: it stays out of later results.
    let all = run(&server, dir.path(), &[]);
    let eco = all.iter().find(|x| x["handle"] == "ecoskin.lab").unwrap()["id"]
        .as_f64()
        .unwrap() as i64;
    scout(&server, dir.path()).ok(&["discover", "--dismiss", &eco.to_string()]);
    let after = run(&server, dir.path(), &[]);
    assert!(!after.iter().any(|x| x["handle"] == "ecoskin.lab"));
    assert_eq!(after.len() + 1, all.len());
    // A saved search: the first run finds everything new, a re-run nothing new.
    let first = run(&server, dir.path(), &["--save", "skincare fr"]);
    assert!(
        first.iter().all(|x| x["is_new"] == false),
        "all were found by earlier runs"
    );
    let out = scout(&server, dir.path()).ok(&[
        "discover",
        "--saved",
        "skincare fr",
        "--only-new",
        "--json",
    ]);
    let new: Vec<Value> = serde_json::from_str(&out).unwrap();
    assert!(new.is_empty(), "{new:#?}");
    // An unknown tier or platform is a clear error.
    let err = scout(&server, dir.path()).fails(&["discover", "skincare", "--tier", "huge"]);
    assert!(
        err.contains("expected nano, micro, mid, macro or mega"),
        "{err}"
    );
    let err = scout(&server, dir.path()).fails(&["discover", "skincare", "--platform", "myspace"]);
    assert!(err.contains("unknown platform 'myspace'"), "{err}");
}

// ---------------------------------------------------------------------------
// Bluesky starter packs, feed creators and topic suggestions (fixtures and
// hand-worked figures in tests/fixtures/bluesky/discovery/README.md).
// ---------------------------------------------------------------------------

const ANA: &str = "did:plc:an4m0rr1s0nf3llr4c1ng7q";
const THEO: &str = "did:plc:th30k1tl4bg34rt3st5x2wq";
const PACK_TRAIL: &str =
    "at://did:plc:lk4x2tqdo6m3c7wzjy5vbh2a/app.bsky.graph.starterpack/3lurbtrail0s2";
const PACK_GEAR: &str =
    "at://did:plc:lk4x2tqdo6m3c7wzjy5vbh2a/app.bsky.graph.starterpack/3lgearrev0w2k";

/// Counts for the runners, asked for by the first DID of each `getProfiles` call.
fn runner_profiles() -> Vec<Route> {
    [ANA, THEO]
        .into_iter()
        .map(|did| {
            Route::get("/xrpc/app.bsky.actor.getProfiles")
                .query("actors", did)
                .reply(Reply::fixture("bluesky/discovery/getProfiles_runners.json"))
        })
        .collect()
}

fn like_routes(gear_pack: Reply) -> Vec<Route> {
    let mut routes = creator_routes();
    routes.extend(runner_profiles());
    routes.extend([
        Route::get("/xrpc/app.bsky.graph.getSuggestedFollowsByActor")
            .query("actor", lena::HANDLE)
            .reply(Reply::fixture(
                "bluesky/discovery/getSuggestedFollowsByActor_lena-okafor.json",
            )),
        Route::get("/xrpc/app.bsky.graph.getActorStarterPacks")
            .query("actor", lena::HANDLE)
            .reply(Reply::fixture(
                "bluesky/discovery/getActorStarterPacks_lena-okafor.json",
            )),
        Route::get("/xrpc/app.bsky.graph.getStarterPack")
            .query("starterPack", PACK_TRAIL)
            .named("pack trail")
            .reply(Reply::fixture(
                "bluesky/discovery/getStarterPack_3lurbtrail0s2.json",
            )),
        Route::get("/xrpc/app.bsky.graph.getStarterPack")
            .query("starterPack", PACK_GEAR)
            .named("pack gear")
            .reply(gear_pack),
    ]);
    routes
}

fn reasons_of(r: &Value) -> Vec<&str> {
    r["reasons"]
        .as_array()
        .unwrap()
        .iter()
        .map(|x| x.as_str().unwrap())
        .collect()
}

/// `scout discover --like` after a vet of the seed: (results, stderr with the outcomes).
fn like_run(server: &ReplayServer, dir: &Path) -> (Vec<Value>, String) {
    let s = scout(server, dir);
    s.ok(&["vet", &format!("https://bsky.app/profile/{}", lena::HANDLE)]);
    let out = s.run(&["discover", "--like", lena::HANDLE, "--json"]);
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(out.status.success(), "{stderr}");
    let results = serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("not JSON ({e}): {}", String::from_utf8_lossy(&out.stdout)));
    (results, stderr)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn more_like_a_bluesky_creator_reads_two_of_their_starter_packs() {
    let server = ReplayServer::start(like_routes(Reply::fixture(
        "bluesky/discovery/getStarterPack_3lgearrev0w2k.json",
    )))
    .await;
    let dir = tempfile::tempdir().unwrap();
    let (results, stderr) = like_run(&server, dir.path());
    // The 2 most joined packs (14 and 3 joined), not "Highland Photographers" (0).
    assert_eq!(server.hits("pack trail"), 1);
    assert_eq!(server.hits("pack gear"), 1);
    assert_eq!(
        server.hits("GET /xrpc/app.bsky.graph.getActorStarterPacks?actor=lena-okafor.bsky.social"),
        1
    );
    assert!(
        !server
            .unmatched()
            .iter()
            .any(|u| u.contains("getStarterPack")),
        "{:?}",
        server.unmatched()
    );
    // Theo: suggested + in both packs = 1 known creator × 3 + 1 + 1 = 5.
    let theo = find(&results, "bluesky", "theokitlab.bsky.social");
    assert_eq!(theo["score"], 5.0, "{theo:#}");
    assert_eq!(theo["followers"], 23_100.0, "counts from getProfiles");
    let reasons = reasons_of(theo);
    assert_eq!(
        reasons[0],
        "suggested as similar to or in the starter packs of 1 of your 1 known creators (lena-okafor.bsky.social) (+3.0)"
    );
    assert!(
        reasons.contains(
            &"in the starter pack ‘Trail Running Scotland’ by @lena-okafor.bsky.social (https://bsky.app/starter-pack/lena-okafor.bsky.social/3lurbtrail0s2) (+1.0)"
        ),
        "{reasons:?}"
    );
    assert!(
        reasons
            .iter()
            .any(|r| r.starts_with("in the starter pack ‘Outdoor Gear Reviewers’")),
        "{reasons:?}"
    );
    // Ana (pack 1) and June (pack 2): 3 + 1 = 4 each, Ana first (8,400 followers to 3,150).
    let ana = find(&results, "bluesky", "anamorrison.bsky.social");
    let june = find(&results, "bluesky", "junebennett.bsky.social");
    assert_eq!(
        (ana["score"].as_f64(), june["score"].as_f64()),
        (Some(4.0), Some(4.0))
    );
    let pos = |h: &str| results.iter().position(|r| r["handle"] == h).unwrap();
    assert!(pos("theokitlab.bsky.social") < pos("anamorrison.bsky.social"));
    assert!(pos("anamorrison.bsky.social") < pos("junebennett.bsky.social"));
    assert!(
        !results.iter().any(|r| r["handle"] == lena::HANDLE),
        "the seed is not proposed to itself"
    );
    assert!(
        stderr.contains("3 members of 2 starter packs of 1 Bluesky creator,"),
        "{stderr}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_starter_pack_that_fails_is_said_and_the_rest_are_kept() {
    let server = ReplayServer::start(like_routes(Reply::json(
        400,
        r#"{"error":"InvalidRequest","message":"Starter pack not found"}"#,
    )))
    .await;
    let dir = tempfile::tempdir().unwrap();
    let (results, stderr) = like_run(&server, dir.path());
    let line = stderr
        .lines()
        .find(|l| l.contains("3lgearrev0w2k"))
        .unwrap_or_else(|| panic!("no outcome names the failed pack: {stderr}"));
    assert!(
        line.contains("error") && line.contains("could not be read"),
        "{line}"
    );
    assert!(
        stderr.contains("2 members of 1 starter pack of 1 Bluesky creator,"),
        "{stderr}"
    );
    // June was only in the failed pack; Theo keeps the suggestion and one pack: 3 + 1.
    assert!(
        !results
            .iter()
            .any(|r| r["handle"] == "junebennett.bsky.social")
    );
    assert_eq!(
        find(&results, "bluesky", "theokitlab.bsky.social")["score"],
        4.0
    );
    assert_eq!(
        find(&results, "bluesky", "anamorrison.bsky.social")["score"],
        4.0
    );
}

fn search_routes(feeds: Reply) -> Vec<Route> {
    let mut routes = runner_profiles();
    routes.extend([
        Route::get("/xrpc/app.bsky.actor.searchActors")
            .query("q", "trail")
            .reply(Reply::fixture("bluesky/discovery/searchActors_empty.json")),
        Route::get("/xrpc/app.bsky.unspecced.getPopularFeedGenerators")
            .query("query", "trail")
            .named("feeds")
            .reply(feeds),
        Route::get("/xrpc/app.bsky.unspecced.getTaggedSuggestions")
            .named("tagged")
            .reply(Reply::fixture(
                "bluesky/discovery/unspecced-getTaggedSuggestions.json",
            )),
    ]);
    routes
}

fn bluesky_search(server: &ReplayServer, dir: &Path) -> (Vec<Value>, String) {
    let out = scout(server, dir).run(&[
        "discover",
        "trail #fitness",
        "--platform",
        "bluesky",
        "--json",
    ]);
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(out.status.success(), "{stderr}");
    (serde_json::from_slice(&out.stdout).unwrap(), stderr)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_bluesky_search_adds_feed_creators_and_topic_suggestions() {
    let server = ReplayServer::start(search_routes(Reply::fixture(
        "bluesky/discovery/unspecced-getPopularFeedGenerators_query-trail.json",
    )))
    .await;
    let dir = tempfile::tempdir().unwrap();
    let (results, stderr) = bluesky_search(&server, dir.path());
    assert_eq!(server.hits("feeds"), 1);
    assert_eq!(server.hits("tagged"), 1);
    let handles: Vec<&str> = results
        .iter()
        .map(|r| r["handle"].as_str().unwrap())
        .collect();
    // Ana: 2 feeds (2 + 2) + suggested for #fitness (2.5) + "trail" in her bio (1) = 7.5;
    // June: 1 feed (2) + bio (1) = 3; Theo: #fitness (2.5). The art account is not asked for.
    assert_eq!(
        handles,
        [
            "anamorrison.bsky.social",
            "junebennett.bsky.social",
            "theokitlab.bsky.social"
        ],
        "{stderr}"
    );
    let scores: Vec<f64> = results
        .iter()
        .map(|r| r["score"].as_f64().unwrap())
        .collect();
    assert_eq!(scores, [7.5, 3.0, 2.5]);
    let ana = reasons_of(&results[0]);
    assert_eq!(ana[0], "suggested by Bluesky for #fitness (+2.5)");
    assert!(
        ana.contains(
            &"made the Bluesky feed ‘Trail Running’ (87 likes) that the feed search for \"trail\" returned (https://bsky.app/profile/anamorrison.bsky.social/feed/aaatrailrun1) (+2.0)"
        ),
        "{ana:?}"
    );
    assert_eq!(
        results[2]["followers"], 23_100.0,
        "enriched through getProfiles"
    );
    assert_eq!(results[2]["display_name"], "Theo Kit Lab");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_failing_feed_search_is_said_and_the_topic_suggestions_are_kept() {
    let server = ReplayServer::start(search_routes(Reply::json(
        500,
        r#"{"error":"InternalServerError","message":"Internal Server Error"}"#,
    )))
    .await;
    let dir = tempfile::tempdir().unwrap();
    let (results, stderr) = bluesky_search(&server, dir.path());
    let line = stderr
        .lines()
        .find(|l| l.trim_start().starts_with("bluesky"))
        .unwrap_or_else(|| panic!("no bluesky outcome: {stderr}"));
    assert!(
        line.contains("results") && line.contains("the feed search failed"),
        "{line}"
    );
    let handles: Vec<&str> = results
        .iter()
        .map(|r| r["handle"].as_str().unwrap())
        .collect();
    // Ana: #fitness (2.5) + bio (1) = 3.5; Theo 2.5; June came only from a feed.
    assert_eq!(
        handles,
        ["anamorrison.bsky.social", "theokitlab.bsky.social"],
        "{stderr}"
    );
}

/// Ctrl-C (SIGINT) during a run: the source still waiting (Bluesky page 2, answered
/// only after a minute) ends as cancelled, what was found before is ranked, stored and
/// printed, and the CLI exits normally.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn ctrl_c_cancels_a_run_and_keeps_what_was_found() {
    let server = ReplayServer::start(routes(
        Reply::fixture("bluesky/discovery/searchActors_skincare_p2.json")
            .delay(std::time::Duration::from_secs(60)),
    ))
    .await;
    let dir = tempfile::tempdir().unwrap();
    let s = scout(&server, dir.path());
    let mut cmd = std::process::Command::new(scout_tests::cli::scout_bin());
    cmd.args([
        "discover",
        "skincare #zerodechet",
        "--instance",
        "mastodon.social",
        "--pages",
        "3",
        "--json",
    ])
    .env("SCOUT_DATA_DIR", dir.path())
    .env_remove("SCOUT_LOG")
    .stdin(std::process::Stdio::null())
    .stdout(std::process::Stdio::piped())
    .stderr(std::process::Stdio::piped());
    for (k, v) in &s.env {
        cmd.env(k, v);
    }
    let child = cmd.spawn().expect("start scout");
    let pid = child.id().to_string();
    let waited = tokio::time::timeout(
        std::time::Duration::from_secs(30),
        server.wait_for_hits("bluesky page 2", 1),
    )
    .await;
    assert!(waited.is_ok(), "page 2 was never asked");
    let killed = std::process::Command::new("kill")
        .args(["-INT", &pid])
        .status()
        .expect("kill");
    assert!(killed.success());
    let started = std::time::Instant::now();
    let out = tokio::task::spawn_blocking(move || child.wait_with_output())
        .await
        .unwrap()
        .expect("scout output");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert!(
        started.elapsed() < std::time::Duration::from_secs(50),
        "it did not wait for the slow page"
    );
    assert!(stderr.contains("Cancelling"), "{stderr}");
    let bluesky = stderr
        .lines()
        .find(|l| l.trim_start().starts_with("bluesky"))
        .unwrap_or_else(|| panic!("no bluesky outcome in {stderr}"));
    assert!(bluesky.contains("cancelled"), "{bluesky}");
    let results: Vec<Value> = serde_json::from_slice(&out.stdout).expect("JSON");
    find(&results, "bluesky", "mayalune.fr");
    assert!(
        results.iter().all(|r| r["handle"] != "ecoskin.lab"),
        "page 2 never arrived"
    );
}
