//! One creator per keyless source (YouTube, Mastodon, TikTok, Instagram) through the real
//! `scout` binary and the loopback replay server, and Twitch's "keys needed" answer.
//!
//! Every figure asserted here is worked out by hand from the fixture's counts (see
//! `tests/fixtures/<source>/README.md`) and the metric definitions of
//! `scout_core::metrics`: a post's interactions are the counts its platform's formula
//! requires (YouTube and Instagram: likes + comments; TikTok and Mastodon: likes +
//! comments/replies + shares/boosts, plus quotes when given); the per-post rate is
//! interactions / followers; a post whose required counts are hidden or unknown is left
//! out (never read as zero); posts younger than 24 h at fetch time are left out too, but
//! the fixtures are weeks old at "now", so none is. Every error path gives one line on
//! stderr, exits non-zero and leaves what was stored before exactly as it was.

use std::path::Path;

use scout_tests::cli::{Scout, assert_close};
use scout_tests::replay::{ReplayServer, Reply, Route, fixture};
use serde_json::Value;

/// A `text/html` reply with the bytes of repository fixture `rel`.
fn html(rel: &str) -> Reply {
    html_bytes(fixture(rel))
}

fn html_bytes(body: Vec<u8>) -> Reply {
    Reply::status(200)
        .header("content-type", "text/html; charset=utf-8")
        .body(body)
}

/// Fixture `rel` cut in the middle of the JSON that starts at `marker`, the page closed
/// properly after the cut: the embedded data is truncated, the page is not.
fn truncated_embedded_json(rel: &str, marker: &str) -> Vec<u8> {
    let page = String::from_utf8(fixture(rel)).expect("utf-8 fixture");
    let start = page
        .find(marker)
        .unwrap_or_else(|| panic!("{rel} has no {marker}"));
    let end = start + page[start..].find("</script>").expect("script end");
    let cut = start + (end - start) / 2;
    let cut = (cut..end)
        .find(|i| page.is_char_boundary(*i))
        .expect("char boundary");
    format!("{}</script></body></html>", &page[..cut]).into_bytes()
}

/// The first half of fixture `rel`.
fn first_half(rel: &str) -> Vec<u8> {
    let bytes = fixture(rel);
    bytes[..bytes.len() / 2].to_vec()
}

/// `routes` with the route named `name` replaced by `route` (keeping the name).
fn replace(mut routes: Vec<Route>, name: &str, route: Route) -> Vec<Route> {
    let slot = routes
        .iter_mut()
        .find(|r| r.key() == name)
        .unwrap_or_else(|| panic!("no route '{name}'"));
    *slot = route.named(name);
    routes
}

/// `scout` on `dir` with every variable in `env` set to the replay server's base URL.
fn scout(server: &ReplayServer, dir: &Path, env: &[&str]) -> Scout {
    env.iter()
        .fold(Scout::new(dir), |s, var| s.env(var, &server.base_url))
}

fn show(scout: &Scout, input: &str) -> Value {
    let out = scout.ok(&["show", input, "--json"]);
    serde_json::from_str(&out).unwrap_or_else(|e| panic!("show --json is not JSON ({e}): {out}"))
}

fn f64_of(json: &Value, field: &str) -> f64 {
    json[field]
        .as_f64()
        .unwrap_or_else(|| panic!("{field} is not a number in {json}"))
}

fn assert_no_unmatched(server: &ReplayServer) {
    assert!(
        server.unmatched().is_empty(),
        "unexpected requests: {:?}",
        server.unmatched()
    );
}

/// `missing` holds an entry containing every one of `needles`.
fn assert_missing(json: &Value, needles: &[&str]) {
    let missing: Vec<&str> = json["missing"]
        .as_array()
        .expect("missing is an array")
        .iter()
        .filter_map(Value::as_str)
        .collect();
    assert!(
        missing
            .iter()
            .any(|m| needles.iter().all(|n| m.contains(n))),
        "no missing part mentions {needles:?}: {missing:?}"
    );
}

/// One failing vet: the route `name` answers with `route`; the error must name `needles`.
struct Case {
    what: &'static str,
    name: &'static str,
    route: Route,
    needles: &'static [&'static str],
}

impl Case {
    fn new(
        what: &'static str,
        name: &'static str,
        route: Route,
        needles: &'static [&'static str],
    ) -> Self {
        Self {
            what,
            name,
            route,
            needles,
        }
    }
}

/// A source under test: its replay routes, the base-URL variables that point at the
/// replay server, the input to vet and the input `show` finds the creator by.
struct Source {
    routes: fn() -> Vec<Route>,
    env: &'static [&'static str],
    input: &'static str,
    shown_as: &'static str,
}

impl Source {
    /// Vet once (successfully), then run every error case against the same workspace:
    /// one line on stderr, non-zero exit, and `show --json` exactly as before.
    async fn errors_keep_the_stored_snapshot(&self, cases: Vec<Case>) {
        let dir = tempfile::tempdir().expect("temp dir");
        let server = ReplayServer::start((self.routes)()).await;
        let good = scout(&server, dir.path(), self.env);
        good.ok(&["vet", self.input]);
        assert_no_unmatched(&server);
        let before = show(&good, self.shown_as);
        assert_eq!(before["snapshots"], 1.0);
        drop(server);

        for case in cases {
            let server = ReplayServer::start(replace((self.routes)(), case.name, case.route)).await;
            let scout = scout(&server, dir.path(), self.env);
            let out = scout.run(&["vet", self.input]);
            let err = String::from_utf8_lossy(&out.stderr).into_owned();
            assert!(
                !out.status.success(),
                "{}: the vet should fail; stderr: {err}",
                case.what
            );
            assert_eq!(
                err.trim().lines().count(),
                1,
                "{}: one line on stderr, got:\n{err}",
                case.what
            );
            assert!(err.starts_with("scout: "), "{}: {err}", case.what);
            let lower = err.to_lowercase();
            for needle in case.needles {
                assert!(
                    lower.contains(needle),
                    "{}: '{needle}' not in: {err}",
                    case.what
                );
            }
            assert!(
                server.hits(case.name) >= 1,
                "{}: the scripted route was not asked",
                case.what
            );
            assert_eq!(
                show(&scout, self.shown_as),
                before,
                "{}: the stored creator changed",
                case.what
            );
        }
    }

    /// The route `name` replaced by `route` (a 429 asking to wait 1 s, then the
    /// answer): the vet waits, succeeds, and the route is asked exactly twice.
    /// Returns `show --json` of the stored creator.
    async fn waits_out_a_short_retry_after(&self, name: &str, route: Route) -> Value {
        let dir = tempfile::tempdir().expect("temp dir");
        let server = ReplayServer::start(replace((self.routes)(), name, route)).await;
        let scout = scout(&server, dir.path(), self.env);
        scout.ok(&["vet", self.input]);
        assert_eq!(server.hits(name), 2, "429, then the answer: asked twice");
        assert_no_unmatched(&server);
        let json = show(&scout, self.shown_as);
        assert_eq!(json["snapshots"], 1.0);
        json
    }
}

/// A 429 asking to wait `seconds`.
fn too_many(seconds: &str) -> Reply {
    Reply::status(429).header("Retry-After", seconds)
}

// ----- YouTube (keyless: channel page + uploads feed) --------------------------------------

mod youtube {
    use super::{Reply, Route, html};
    use scout_tests::replay::fixture;

    pub const CHANNEL_ID: &str = "UCm1raGr0wsScoutDemo0001";
    pub const ENV: &[&str] = &["SCOUT_YOUTUBE_BASE_URL", "SCOUT_YOUTUBE_API_BASE_URL"];

    pub fn page(reply: Reply) -> Route {
        Route::get("/@miragrows").named("page").reply(reply)
    }

    pub fn feed(reply: Reply) -> Route {
        Route::get("/feeds/videos.xml")
            .query("channel_id", CHANNEL_ID)
            .named("feed")
            .reply(reply)
    }

    pub fn feed_xml() -> Reply {
        Reply::status(200)
            .header("content-type", "text/xml; charset=UTF-8")
            .body(fixture("youtube/feed_miragrows.xml"))
    }

    pub fn routes() -> Vec<Route> {
        vec![
            page(html("youtube/channel_page_miragrows.html")),
            Route::get(format!("/channel/{CHANNEL_ID}"))
                .named("page-by-id")
                .reply(html("youtube/channel_page_miragrows.html")),
            feed(feed_xml()),
            Route::get("/watch")
                .query("v", "mgVid000004")
                .named("watch")
                .reply(html("youtube/watch_page_mgVid000004.html")),
        ]
    }
}

/// The keyless YouTube figures of `tests/fixtures/youtube/README.md`.
fn assert_youtube_keyless_figures(json: &Value) {
    assert_eq!(json["platform"], "youtube");
    assert_eq!(json["handle"], "miragrows");
    assert_eq!(json["display_name"], "Mira Grows");
    // "12.4K subscribers" as displayed.
    assert_eq!(json["followers"], 12_400.0);
    assert_eq!(json["posts_count"], 86.0);
    assert_eq!(json["tier"], "micro");
    assert_eq!(json["posts_analyzed"], 6.0);
    // The feed gives views and likes but no comment counts; YouTube's formula needs
    // likes + comments, so every video is left out: no rate rather than a rate that
    // reads the unknown comments as zero.
    assert!(
        json["rate_summaries"]["per_follower_mean"].is_null(),
        "{}",
        json["rate_summaries"]["per_follower_mean"]
    );
    assert!(
        json["rate_summaries"]["per_follower_median"].is_null(),
        "{}",
        json["rate_summaries"]["per_follower_median"]
    );
    assert!(
        json["rate_summaries"]["per_view_mean"].is_null(),
        "{}",
        json["rate_summaries"]["per_view_mean"]
    );
    // Views 4120, 7705, 9410, 12008, 18230, 25600: median (9410 + 12008) / 2 = 10709.
    assert_close(
        f64_of(json, "views_to_followers"),
        10_709.0 / 12_400.0,
        1e-9,
        "views to followers",
    );
    // 6 videos from 2026-09-27T10:00:00Z to 2026-10-25T10:00:05Z: 28 days and 5 s.
    let span_days = 28.0 + 5.0 / 86_400.0;
    assert_close(
        f64_of(json, "posts_per_week"),
        6.0 / (span_days / 7.0),
        1e-9,
        "posts per week",
    );
    assert_eq!(
        json["last_post_at"].as_str().and_then(|s| s.get(..19)),
        Some("2026-10-25T10:00:05")
    );
    assert_eq!(json["comments_sampled"], 0.0);
    assert!(json["follower_sample"].is_null());
    assert_missing(json, &["no YouTube API key", "comments"]);
    assert_missing(json, &["subscriber lists"]);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn youtube_channel_page_and_feed_without_a_key() {
    let server = ReplayServer::start(youtube::routes()).await;
    let dir = tempfile::tempdir().expect("temp dir");
    let scout = scout(&server, dir.path(), youtube::ENV);

    let out = scout.ok(&["vet", "https://www.youtube.com/@miragrows"]);
    assert!(out.contains("miragrows"), "{out}");
    assert_no_unmatched(&server);
    assert_eq!(server.hits("page"), 1);
    assert_eq!(server.hits("feed"), 1);
    assert_eq!(server.total_hits(), 2, "{:?}", server.all_hits());

    let json = show(&scout, "https://www.youtube.com/@miragrows");
    assert_youtube_keyless_figures(&json);
    assert_eq!(json["snapshots"], 1.0);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_youtube_video_link_vets_its_channel() {
    let server = ReplayServer::start(youtube::routes()).await;
    let dir = tempfile::tempdir().expect("temp dir");
    let scout = scout(&server, dir.path(), youtube::ENV);

    scout.ok(&["vet", "https://youtu.be/mgVid000004"]);
    assert_no_unmatched(&server);
    // The watch page names the channel id; the channel is then read by id, not handle.
    assert_eq!(server.hits("watch"), 1);
    assert_eq!(server.hits("page-by-id"), 1);
    assert_eq!(server.hits("page"), 0);
    assert_eq!(server.hits("feed"), 1);

    let json = show(&scout, "https://www.youtube.com/@miragrows");
    assert_youtube_keyless_figures(&json);
}

fn youtube_source() -> Source {
    Source {
        routes: youtube::routes,
        env: youtube::ENV,
        input: "https://www.youtube.com/@miragrows",
        shown_as: "https://www.youtube.com/@miragrows",
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn youtube_errors_are_one_line_and_keep_the_stored_snapshot() {
    let page = youtube::page;
    youtube_source()
        .errors_keep_the_stored_snapshot(vec![
            Case::new(
                "404",
                "page",
                page(
                    Reply::status(404)
                        .header("content-type", "text/html")
                        .body("<html><body>404 Not Found</body></html>"),
                ),
                &["youtube", "no account", "miragrows"],
            ),
            Case::new(
                "terminated",
                "page",
                page(html("youtube/channel_page_terminated.html")),
                &["terminated"],
            ),
            Case::new(
                "consent page",
                "page",
                page(html("youtube/consent_page.html")),
                &["asks for a login"],
            ),
            Case::new(
                "page without ytInitialData",
                "page",
                page(html("youtube/channel_page_without_initial_data.html")),
                &["expected shape", "ytinitialdata"],
            ),
            Case::new(
                "truncated ytInitialData",
                "page",
                page(html_bytes(truncated_embedded_json(
                    "youtube/channel_page_miragrows.html",
                    "{\"responseContext\"",
                ))),
                &["expected shape", "ytinitialdata"],
            ),
            Case::new(
                "truncated feed",
                "feed",
                youtube::feed(
                    Reply::status(200)
                        .header("content-type", "text/xml; charset=UTF-8")
                        .body(first_half("youtube/feed_miragrows.xml")),
                ),
                &["expected shape", "feed"],
            ),
            Case::new(
                "429 asking for longer than the client waits",
                "page",
                page(too_many("120")),
                &["rate limited", "retry after 120s"],
            ),
        ])
        .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn youtube_waits_out_a_short_retry_after() {
    let json = youtube_source()
        .waits_out_a_short_retry_after(
            "page",
            youtube::page(too_many("1")).then(html("youtube/channel_page_miragrows.html")),
        )
        .await;
    assert_youtube_keyless_figures(&json);
}

// ----- Mastodon ------------------------------------------------------------------------------

mod mastodon {
    use super::{Reply, Route};

    pub const ACCOUNT_ID: &str = "109876543210000001";
    pub const ENV: &[&str] = &["SCOUT_MASTODON_BASE_URL"];

    pub fn lookup(reply: Reply) -> Route {
        Route::get("/api/v1/accounts/lookup")
            .query("acct", "mira")
            .named("lookup")
            .reply(reply)
    }

    pub fn statuses_1(reply: Reply) -> Route {
        Route::get(format!("/api/v1/accounts/{ACCOUNT_ID}/statuses"))
            .query("limit", "40")
            .without_query("max_id")
            .named("statuses:1")
            .reply(reply)
    }

    /// The 7 requests of the README, in its order.
    pub fn routes() -> Vec<Route> {
        let mut routes = vec![
            lookup(Reply::fixture("mastodon/lookup_mira.json")),
            statuses_1(Reply::fixture("mastodon/statuses_mira_p1.json")),
            Route::get(format!("/api/v1/accounts/{ACCOUNT_ID}/statuses"))
                .query("limit", "40")
                .query("max_id", "113299999999961000")
                .named("statuses:2")
                .reply(Reply::fixture("mastodon/statuses_mira_p2.json")),
        ];
        for id in [
            "113300000000000000",
            "113299999999993000",
            "113299999999958000",
        ] {
            routes.push(
                Route::get(format!("/api/v1/statuses/{id}/context"))
                    .named(format!("context:{id}"))
                    .reply(Reply::fixture(&format!("mastodon/context_{id}.json"))),
            );
        }
        routes.push(
            Route::get(format!("/api/v1/accounts/{ACCOUNT_ID}/followers"))
                .query("limit", "80")
                .named("followers")
                .reply(Reply::fixture("mastodon/followers_mira.json")),
        );
        routes
    }
}

/// The figures of `tests/fixtures/mastodon/README.md`.
///
/// The 41 original posts' interactions (favourites + replies + boosts; the fixture has
/// no quote counts), newest first:
/// 6, 10, 18, 11, 22, 9, 15, 3, 11, 27, 12, 23, 8, 16, 24, 4, 20, 5, 13, 16, 17, 25, 5,
/// 13, 21, 14, 17, 25, 10, 26, 1, 7, 14, 16, 11, 14, 3, 9, 12, 18, 7.
/// Sum 558 (= 480 favourites + 7 replies + 71 boosts). Sorted, the 21st of 41 is 13.
fn assert_mastodon_figures(json: &Value) {
    assert_eq!(json["platform"], "mastodon");
    assert_eq!(json["handle"], "mira@social.scout.test");
    assert_eq!(json["followers"], 1_234.0);
    assert_eq!(json["following"], 210.0);
    assert_eq!(json["posts_count"], 345.0);
    assert_eq!(json["tier"], "nano");
    // 30 + 11 originals; 7 boosts and 4 replies to others are kept apart.
    assert_eq!(json["posts_analyzed"], 41.0);
    assert_close(
        f64_of(&json["rate_summaries"], "per_follower_mean"),
        558.0 / 41.0 / 1_234.0,
        1e-9,
        "mean ER",
    );
    assert_close(
        f64_of(&json["rate_summaries"], "per_follower_median"),
        13.0 / 1_234.0,
        1e-9,
        "median ER",
    );
    assert!(json["rate_summaries"]["per_view_mean"].is_null());
    // Oldest original 2026-10-15T21:00:00.123Z, newest 2026-10-30T18:00:00.123Z: 14.875 days.
    assert_close(
        f64_of(json, "posts_per_week"),
        41.0 / (14.875 / 7.0),
        1e-9,
        "posts per week",
    );
    assert_eq!(
        json["last_post_at"].as_str().and_then(|s| s.get(..19)),
        Some("2026-10-30T18:00:00")
    );
    // 3 + 2 + 1 replies by others under the three threads read.
    assert_eq!(json["comments_sampled"], 6.0);
    assert_eq!(json["follower_sample"], 6.0);
}

fn mastodon_source() -> Source {
    Source {
        routes: mastodon::routes,
        env: mastodon::ENV,
        input: "@mira@social.scout.test",
        shown_as: "@mira@social.scout.test",
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn mastodon_address_and_profile_link_vet_the_same_account() {
    let server = ReplayServer::start(mastodon::routes()).await;
    let dir = tempfile::tempdir().expect("temp dir");
    let scout = scout(&server, dir.path(), mastodon::ENV);

    let out = scout.ok(&["vet", "@mira@social.scout.test"]);
    assert!(out.contains("mira@social.scout.test"), "{out}");
    assert_no_unmatched(&server);
    for (route, hits) in server.all_hits() {
        assert_eq!(hits, 1, "{route}: each of the 7 requests once");
    }
    assert_eq!(server.total_hits(), 7);
    let json = show(&scout, "@mira@social.scout.test");
    assert_mastodon_figures(&json);
    assert_eq!(json["snapshots"], 1.0);

    // The profile link is the same account: a second snapshot of it.
    scout.ok(&["vet", "https://social.scout.test/@mira"]);
    assert_no_unmatched(&server);
    assert_eq!(server.total_hits(), 14);
    let json = show(&scout, "https://social.scout.test/@mira");
    assert_mastodon_figures(&json);
    assert_eq!(json["snapshots"], 2.0);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn mastodon_errors_are_one_line_and_keep_the_stored_snapshot() {
    let lookup = mastodon::lookup;
    mastodon_source()
        .errors_keep_the_stored_snapshot(vec![
            Case::new(
                "unknown account (404)",
                "lookup",
                lookup(Reply::json(404, fixture("mastodon/lookup_not_found.json"))),
                &["mastodon", "no account", "@mira@social.scout.test"],
            ),
            Case::new(
                "suspended",
                "lookup",
                lookup(Reply::fixture("mastodon/lookup_suspended.json")),
                &["suspended"],
            ),
            Case::new(
                "truncated JSON",
                "lookup",
                lookup(Reply::json(200, first_half("mastodon/lookup_mira.json"))),
                &["expected shape"],
            ),
            Case::new(
                "truncated statuses page",
                "statuses:1",
                mastodon::statuses_1(Reply::json(
                    200,
                    first_half("mastodon/statuses_mira_p1.json"),
                )),
                &["expected shape"],
            ),
            Case::new(
                "429 asking for longer than the client waits",
                "lookup",
                lookup(too_many("120")),
                &["rate limited", "retry after 120s"],
            ),
        ])
        .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn mastodon_waits_out_a_short_retry_after() {
    let json = mastodon_source()
        .waits_out_a_short_retry_after(
            "lookup",
            mastodon::lookup(too_many("1")).then(Reply::fixture("mastodon/lookup_mira.json")),
        )
        .await;
    assert_mastodon_figures(&json);
}

// ----- TikTok --------------------------------------------------------------------------------

mod tiktok {
    use super::{Reply, Route, html};

    pub const ENV: &[&str] = &["SCOUT_TIKTOK_BASE_URL"];

    pub fn profile(reply: Reply) -> Route {
        Route::get("/@mira.grows").named("profile").reply(reply)
    }

    pub fn routes() -> Vec<Route> {
        vec![profile(html("tiktok/profile_mira.grows.html"))]
    }
}

/// The figures of `tests/fixtures/tiktok/README.md`.
///
/// Per video (plays; diggs + comments + shares = interactions), newest first:
/// `…005` 1250400; 98200 + 1204 + 3410 = 102814
/// `…004`   84210;  6120 +  310 +   95 =   6525
/// `…003` 2301877; 201345 + 4521 + 12003 = 217869
/// `…002`   45020;  3011 +   88 +   41 =   3140 (counts only in `statsV2`)
/// `…001`  150330; 11870 +  403 +  560 =  12833
/// Sum 343181 (= 320546 + 6526 + 16109). Sorted 3140, 6525, 12833, 102814, 217869.
fn assert_tiktok_figures(json: &Value) {
    assert_eq!(json["platform"], "tiktok");
    assert_eq!(json["handle"], "mira.grows");
    assert_eq!(json["followers"], 186_432.0);
    assert_eq!(json["following"], 312.0);
    assert_eq!(json["posts_count"], 421.0);
    assert_eq!(json["tier"], "mid");
    assert_eq!(json["posts_analyzed"], 5.0);
    let f = 186_432.0;
    assert_close(
        f64_of(&json["rate_summaries"], "per_follower_mean"),
        343_181.0 / 5.0 / f,
        1e-9,
        "mean ER",
    );
    assert_close(
        f64_of(&json["rate_summaries"], "per_follower_median"),
        12_833.0 / f,
        1e-9,
        "median ER",
    );
    let per_view = (102_814.0 / 1_250_400.0
        + 6_525.0 / 84_210.0
        + 217_869.0 / 2_301_877.0
        + 3_140.0 / 45_020.0
        + 12_833.0 / 150_330.0)
        / 5.0;
    assert_close(
        f64_of(&json["rate_summaries"], "per_view_mean"),
        per_view,
        1e-9,
        "mean ER per view",
    );
    // Median plays 150330.
    assert_close(
        f64_of(json, "views_to_followers"),
        150_330.0 / f,
        1e-9,
        "views to followers",
    );
    // createTime 1791450000 … 1793170000: 1720000 s.
    assert_close(
        f64_of(json, "posts_per_week"),
        5.0 / (1_720_000.0 / 86_400.0 / 7.0),
        1e-9,
        "posts per week",
    );
    assert_eq!(
        json["last_post_at"].as_str().and_then(|s| s.get(..19)),
        Some("2026-10-28T06:46:40")
    );
    assert_eq!(json["comments_sampled"], 0.0);
    assert!(json["follower_sample"].is_null());
    assert_missing(json, &["no comment text"]);
    assert_missing(json, &["no follower list"]);
}

fn tiktok_source() -> Source {
    Source {
        routes: tiktok::routes,
        env: tiktok::ENV,
        input: "https://www.tiktok.com/@mira.grows",
        shown_as: "tiktok:mira.grows",
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn tiktok_profile_page() {
    let server = ReplayServer::start(tiktok::routes()).await;
    let dir = tempfile::tempdir().expect("temp dir");
    let scout = scout(&server, dir.path(), tiktok::ENV);
    let out = scout.ok(&["vet", "https://www.tiktok.com/@mira.grows"]);
    assert!(out.contains("mira.grows"), "{out}");
    assert_no_unmatched(&server);
    assert_eq!(server.hits("profile"), 1);
    let json = show(&scout, "https://www.tiktok.com/@mira.grows");
    assert_tiktok_figures(&json);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn tiktok_errors_are_one_line_and_keep_the_stored_snapshot() {
    let profile = tiktok::profile;
    tiktok_source()
        .errors_keep_the_stored_snapshot(vec![
            Case::new(
                "no such user (statusCode 10221)",
                "profile",
                profile(html("tiktok/profile_not_found.html")),
                &["tiktok", "no account", "mira.grows"],
            ),
            Case::new(
                "HTTP 404",
                "profile",
                profile(
                    Reply::status(404)
                        .header("content-type", "text/html")
                        .body("<html></html>"),
                ),
                &["no account", "mira.grows"],
            ),
            Case::new(
                "private (statusCode 10222)",
                "profile",
                profile(html("tiktok/profile_private.html")),
                &["is private"],
            ),
            Case::new(
                "captcha",
                "profile",
                profile(html("tiktok/captcha.html")),
                &["asks for a login"],
            ),
            Case::new(
                "challenge page",
                "profile",
                profile(html("tiktok/profile_challenge.html")),
                &["asks for a login"],
            ),
            Case::new(
                "no embedded data",
                "profile",
                profile(html("tiktok/no_embedded_data.html")),
                &["expected shape", "__universal_data_for_rehydration__"],
            ),
            Case::new(
                "truncated embedded JSON",
                "profile",
                profile(html_bytes(truncated_embedded_json(
                    "tiktok/profile_mira.grows.html",
                    "{\"__DEFAULT_SCOPE__\"",
                ))),
                &["expected shape", "does not parse"],
            ),
            Case::new(
                "429 asking for longer than the client waits",
                "profile",
                profile(too_many("120")),
                &["rate limited", "retry after 120s"],
            ),
        ])
        .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn tiktok_waits_out_a_short_retry_after() {
    let json = tiktok_source()
        .waits_out_a_short_retry_after(
            "profile",
            tiktok::profile(too_many("1")).then(html("tiktok/profile_mira.grows.html")),
        )
        .await;
    assert_tiktok_figures(&json);
}

// ----- Instagram (keyless web profile JSON) --------------------------------------------------

mod instagram {
    use super::{Reply, Route, html};

    pub const ENV: &[&str] = &["SCOUT_INSTAGRAM_BASE_URL", "SCOUT_INSTAGRAM_GRAPH_BASE_URL"];

    pub fn profile(reply: Reply) -> Route {
        Route::get("/api/v1/users/web_profile_info/")
            .query("username", "mira.grows")
            .named("profile")
            .reply(reply)
    }

    /// The profile JSON, and the login page a redirect may lead to.
    pub fn routes() -> Vec<Route> {
        vec![
            profile(Reply::fixture("instagram/web_profile_info_mira.grows.json")),
            Route::get("/accounts/login/")
                .named("login-page")
                .reply(html("instagram/login_page.html")),
        ]
    }
}

/// The figures of `tests/fixtures/instagram/README.md`.
///
/// Per post (likes + comments), newest first: `DBx1aSidE06` 812 + 34 = 846,
/// `DBx1aReeL05` 2045 + 77 = 2122, `DBx1aHidE04` hidden (count −1) + 12: left out,
/// `DBx1aImaG03` 530 + 9 = 539, `DBx1aSpoN02` 611 + 21 = 632, `DBx1aFirS01` 402 + 5 = 407.
/// Five posts count: sum 4546 (= 4400 known likes + 158 comments − the hidden post's 12);
/// sorted 407, 539, 632, 846, 2122. Reading −1 as a count would give six posts and a sum
/// of 4557; reading it as 0, six posts and 4558.
fn assert_instagram_figures(json: &Value) {
    assert_eq!(json["platform"], "instagram");
    assert_eq!(json["handle"], "mira.grows");
    assert_eq!(json["followers"], 48_730.0);
    assert_eq!(json["following"], 412.0);
    assert_eq!(json["posts_count"], 318.0);
    assert_eq!(json["tier"], "micro");
    assert_eq!(json["posts_analyzed"], 6.0);
    assert_close(
        f64_of(&json["rate_summaries"], "per_follower_mean"),
        4_546.0 / 5.0 / 48_730.0,
        1e-9,
        "mean ER",
    );
    assert_close(
        f64_of(&json["rate_summaries"], "per_follower_median"),
        632.0 / 48_730.0,
        1e-9,
        "median ER",
    );
    // Instagram is not a video platform here: no rates per view.
    assert!(json["rate_summaries"]["per_view_mean"].is_null());
    // taken_at 1791532800 … 1793260800: 20 days.
    assert_close(
        f64_of(json, "posts_per_week"),
        6.0 / (20.0 / 7.0),
        1e-9,
        "posts per week",
    );
    assert_eq!(
        json["last_post_at"].as_str().and_then(|s| s.get(..19)),
        Some("2026-10-29T08:00:00")
    );
    assert_missing(json, &["hides like counts on 1 of 6 posts"]);
    assert_missing(json, &["no comment text"]);
    assert_eq!(json["comments_sampled"], 0.0);
    assert!(json["follower_sample"].is_null());
}

fn instagram_source() -> Source {
    Source {
        routes: instagram::routes,
        env: instagram::ENV,
        input: "https://www.instagram.com/mira.grows/",
        shown_as: "https://www.instagram.com/mira.grows/",
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn instagram_web_profile_with_a_hidden_like_count() {
    let server = ReplayServer::start(instagram::routes()).await;
    let dir = tempfile::tempdir().expect("temp dir");
    let scout = scout(&server, dir.path(), instagram::ENV);
    let out = scout.ok(&["vet", "https://www.instagram.com/mira.grows/"]);
    assert!(out.contains("mira.grows"), "{out}");
    assert_no_unmatched(&server);
    assert_eq!(server.hits("profile"), 1);
    assert_eq!(server.hits("login-page"), 0);
    let json = show(&scout, "https://www.instagram.com/mira.grows/");
    assert_instagram_figures(&json);

    // The posts table shows the hidden count as empty, never −1 or 0, and gives that
    // post no rate.
    let csv_path = dir.path().join("posts.csv");
    scout.ok(&[
        "export",
        "csv",
        "--table",
        "posts",
        "--keys",
        "-o",
        csv_path.to_str().expect("utf-8 path"),
    ]);
    let mut reader = csv::Reader::from_path(&csv_path).expect("posts CSV");
    let headers = reader.headers().expect("header row").clone();
    let col = |name: &str| {
        headers
            .iter()
            .position(|h| h == name)
            .unwrap_or_else(|| panic!("no column {name} in {headers:?}"))
    };
    let (id, likes, replies, er) = (col("post_id"), col("likes"), col("replies"), col("er"));
    let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.expect("CSV row")).collect();
    assert_eq!(rows.len(), 6);
    let hidden = rows
        .iter()
        .find(|r| &r[id] == "DBx1aHidE04")
        .expect("the hidden-likes post is listed");
    assert_eq!(&hidden[likes], "", "hidden likes are not a number");
    assert_eq!(&hidden[replies], "12");
    assert_eq!(&hidden[er], "", "no rate for the hidden-likes post");
    let reel = rows
        .iter()
        .find(|r| &r[id] == "DBx1aReeL05")
        .expect("reel listed");
    assert_eq!(&reel[likes], "2045");
    // Rates are percentages with two decimals: 2,122 / 48,730 = 4.35 %.
    assert_close(
        reel[er].parse().expect("a rate"),
        2_122.0 / 48_730.0 * 100.0,
        0.005,
        "reel ER",
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn instagram_errors_are_one_line_and_keep_the_stored_snapshot() {
    let profile = instagram::profile;
    instagram_source()
        .errors_keep_the_stored_snapshot(vec![
            Case::new(
                "unknown user (user: null)",
                "profile",
                profile(Reply::fixture("instagram/web_profile_info_not_found.json")),
                &["instagram", "no account", "mira.grows"],
            ),
            Case::new(
                "HTTP 404",
                "profile",
                profile(
                    Reply::status(404)
                        .header("content-type", "text/html")
                        .body("<html></html>"),
                ),
                &["no account", "mira.grows"],
            ),
            Case::new(
                "private",
                "profile",
                profile(Reply::fixture("instagram/web_profile_info_private.json")),
                &["is private"],
            ),
            Case::new(
                "require_login JSON (401)",
                "profile",
                profile(Reply::json(401, fixture("instagram/require_login.json"))),
                &["asks for a login", "instagram graph api token"],
            ),
            Case::new(
                "redirect to the login page",
                "profile",
                profile(Reply::status(302).header("location", "/accounts/login/")),
                &["asks for a login"],
            ),
            Case::new(
                "truncated JSON",
                "profile",
                profile(Reply::json(
                    200,
                    first_half("instagram/web_profile_info_mira.grows.json"),
                )),
                &["expected shape"],
            ),
            Case::new(
                "429 asking for longer than the client waits",
                "profile",
                profile(too_many("120")),
                &["rate limited", "retry after 120s"],
            ),
        ])
        .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn instagram_waits_out_a_short_retry_after() {
    let json = instagram_source()
        .waits_out_a_short_retry_after(
            "profile",
            instagram::profile(too_many("1"))
                .then(Reply::fixture("instagram/web_profile_info_mira.grows.json")),
        )
        .await;
    assert_instagram_figures(&json);
}

// ----- Twitch (no keyless path) --------------------------------------------------------------

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn twitch_without_keys_says_how_to_set_them() {
    let server = ReplayServer::start(Vec::new()).await;
    let dir = tempfile::tempdir().expect("temp dir");
    let scout = scout(
        &server,
        dir.path(),
        &["SCOUT_TWITCH_BASE_URL", "SCOUT_TWITCH_AUTH_BASE_URL"],
    );
    let err = scout.fails(&["vet", "https://www.twitch.tv/scoutdemo"]);
    assert_eq!(err.trim().lines().count(), 1, "one line, got:\n{err}");
    assert!(err.contains("scout keys set twitch"), "{err}");
    assert!(err.contains("Twitch client id"), "{err}");
    assert!(err.contains("not set"), "{err}");
    assert_eq!(server.total_hits(), 0, "nothing is asked without keys");
    assert!(server.unmatched().is_empty(), "{:?}", server.unmatched());
    // Nothing was stored.
    let err = scout.fails(&["show", "twitch:scoutdemo", "--json"]);
    assert!(err.contains("no stored creator"), "{err}");
}
