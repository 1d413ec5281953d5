//! Property tests: every parser over mutated real responses returns a snapshot
//! or a specific error, never panics.
//!
//! Seeds are the repository's own fixtures (`tests/fixtures/<source>/`, always)
//! and, when `SCOUT_CORPUS` is set, the real captures under
//! `$SCOUT_CORPUS/fixtures/<source>/` (a configured corpus without a source's
//! folder, or without files of a kind listed here, fails; an unset one prints a
//! visible skip line and the repository's fixtures still run). Each seed is first
//! parsed unmutated (a success capture must parse), then proptest mutates one
//! response of the set (see `mutate`: truncations, type swaps, huge and negative
//! numbers, deep nesting, invalid UTF-8) and runs the same code a vet or a
//! `scout reparse` runs: `Source::reparse` for the six sources, the discovery
//! decoders and mappers, the link-in-bio page parser, YouTube's watch page. A
//! panic, or an error without a message, fails the case; proptest shrinks it to
//! the smallest mutation and prints it with the seed's name.
//!
//! `PROPTEST_CASES` changes the number of cases per parser (default 64).

#[allow(dead_code)]
#[path = "../../../../../tests/support/replay.rs"]
mod replay;

mod mutate;

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use proptest::test_runner::{Config, TestCaseError, TestRunner};
use scout_sources::bluesky::BlueskySource;
use scout_sources::http::{HttpClient, HttpConfig};
use scout_sources::instagram::InstagramSource;
use scout_sources::mastodon::MastodonSource;
use scout_sources::tiktok::TiktokSource;
use scout_sources::twitch::TwitchSource;
use scout_sources::youtube::YoutubeSource;
use scout_sources::{RawResponse, Source, SourceError};

use crate::mutate::Mutation;
use crate::replay::{corpus_dir, fixture, fixture_path};

// ---------------------------------------------------------------------------
// The harness.
// ---------------------------------------------------------------------------

fn cases() -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(64)
}

fn at() -> DateTime<Utc> {
    DateTime::from_timestamp(1_762_000_000, 0).expect("a time")
}

fn raw(role: &str, url: &str, status: u16, body: Vec<u8>) -> RawResponse {
    RawResponse {
        role: role.into(),
        url: url.into(),
        status,
        content_type: None,
        fetched_at: at(),
        body,
    }
}

fn http() -> HttpClient {
    HttpClient::new(HttpConfig::for_tests()).expect("client")
}

fn local() -> url::Url {
    url::Url::parse("http://127.0.0.1:9").expect("url")
}

/// A specific error: typed, with a code and a message that says something.
fn specific(e: &SourceError) -> Result<(), String> {
    let message = e.to_string();
    if e.code().is_empty() || message.trim().is_empty() {
        return Err(format!("an error without a code or message: {e:?}"));
    }
    Ok(())
}

/// Run `check` over `seeds` × proptest's mutations; panic with the seed's name
/// and the minimal mutation on failure (a panic inside `check` is a failure).
fn property<S>(
    test: &str,
    seeds: &[S],
    label: impl Fn(&S) -> String,
    check: impl Fn(&S, &[Mutation]) -> Result<(), String>,
) {
    assert!(!seeds.is_empty(), "{test}: no seeds");
    let mut runner = TestRunner::new(Config {
        cases: cases(),
        failure_persistence: None,
        ..Config::default()
    });
    let result = runner.run(&(0..seeds.len(), mutate::mutations()), |(i, muts)| {
        check(&seeds[i], &muts)
            .map_err(|e| TestCaseError::fail(format!("{}: {e}", label(&seeds[i]))))
    });
    if let Err(e) = result {
        let mut names = String::new();
        for (i, s) in seeds.iter().enumerate() {
            let _ = writeln!(names, "  seed {i}: {}", label(s));
        }
        panic!("{test}: {e}\nseeds (the first number of the minimal input):\n{names}");
    }
}

/// The repository's files under `tests/fixtures/<dir>/` whose names start with one of `prefixes`.
fn repo_files(dir: &str, prefixes: &[&str]) -> Vec<(String, Vec<u8>)> {
    let mut out: Vec<(String, Vec<u8>)> = std::fs::read_dir(fixture_path(dir))
        .unwrap_or_else(|e| panic!("tests/fixtures/{dir}: {e}"))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_file())
        .filter_map(|p| {
            let name = p.file_name()?.to_str()?.to_string();
            (prefixes.iter().any(|x| name.starts_with(x)) && !has_ext(&name, "md"))
                .then(|| (format!("{dir}/{name}"), std::fs::read(&p).expect("fixture")))
        })
        .collect();
    out.sort_by(|a, b| a.0.cmp(&b.0));
    assert!(
        !out.is_empty(),
        "tests/fixtures/{dir}: no files starting with {prefixes:?}"
    );
    out
}

/// The corpus's files under `fixtures/<source>/` starting with each prefix, as
/// `(relative path, bytes)`. Empty (after a visible skip line) when `SCOUT_CORPUS`
/// is unset; a configured corpus without the folder or a prefix's files fails.
struct Corpus(Option<PathBuf>);

impl Corpus {
    fn new(test: &str) -> Self {
        Self(corpus_dir(test))
    }

    fn files(&self, source: &str, prefixes: &[&str]) -> Vec<(String, Vec<u8>)> {
        let Some(root) = &self.0 else {
            return Vec::new();
        };
        let dir = root.join(source);
        assert!(
            dir.is_dir(),
            "SCOUT_CORPUS is set but {} is missing",
            dir.display()
        );
        let mut names: Vec<String> = std::fs::read_dir(&dir)
            .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
            .filter_map(|e| e.ok()?.file_name().into_string().ok())
            .collect();
        names.sort();
        let mut out = Vec::new();
        for prefix in prefixes {
            let matching: Vec<&String> = names.iter().filter(|n| n.starts_with(prefix)).collect();
            assert!(
                !matching.is_empty(),
                "{}: no file starting with {prefix} (a configured corpus must hold every kind these tests mutate)",
                dir.display()
            );
            for name in matching {
                out.push((
                    format!("{source}/{name}"),
                    std::fs::read(dir.join(name)).unwrap_or_else(|e| panic!("{name}: {e}")),
                ));
            }
        }
        out
    }
}

/// The HTTP status a capture was answered with, from its name (error captures
/// are named for it); 200 otherwise.
fn status_of(name: &str) -> u16 {
    if name.contains("404") || name.contains("not_found") || name.contains("notavailable") {
        404
    } else if name.contains("401")
        || name.contains("unauthorized")
        || name.contains("require_login")
    {
        401
    } else if name.contains("RateLimit") {
        429
    } else if name.contains("error_")
        || name.contains("_NotFound")
        || name.contains("_err-")
        || name.contains("api_error_")
        || name.contains("graph_error")
    {
        400
    } else {
        200
    }
}

/// A set of stored responses for one `Source::reparse`, and which of them is mutated.
#[derive(Clone)]
struct Stored {
    label: String,
    raws: Vec<RawResponse>,
    slot: usize,
    /// The unmutated set must give a snapshot (a capture of a success).
    expect_ok: bool,
}

impl Stored {
    fn new(label: impl Into<String>, raws: Vec<RawResponse>, slot: usize, expect_ok: bool) -> Self {
        Self {
            label: label.into(),
            raws,
            slot,
            expect_ok,
        }
    }

    /// `base` with the response in `slot` replaced by `body` (and its status).
    fn with(base: &[RawResponse], slot: usize, label: &str, body: Vec<u8>) -> Self {
        let mut raws = base.to_vec();
        let status = status_of(label);
        raws[slot].body = body;
        raws[slot].status = status;
        Self::new(label, raws, slot, status == 200)
    }
}

fn reparse_property(test: &str, source: &dyn Source, seeds: &[Stored]) {
    for s in seeds {
        match source.reparse(&s.raws, at()) {
            Ok(_) => {}
            Err(e) => {
                specific(&e).unwrap_or_else(|why| panic!("{}: {why}", s.label));
                assert!(
                    !s.expect_ok,
                    "{}: the unmutated capture must parse: {e}",
                    s.label
                );
            }
        }
    }
    property(
        test,
        seeds,
        |s| {
            format!(
                "{} (response {} `{}` mutated)",
                s.label, s.slot, s.raws[s.slot].role
            )
        },
        |s, muts| {
            let mut raws = s.raws.clone();
            raws[s.slot].body = mutate::apply(&raws[s.slot].body, muts);
            match source.reparse(&raws, at()) {
                Ok(_) => Ok(()),
                Err(e) => specific(&e),
            }
        },
    );
}

/// One body for a pure parser: `(label, bytes, must parse unmutated)`.
type Blob = (String, Vec<u8>, bool);

fn blobs(files: Vec<(String, Vec<u8>)>) -> Vec<Blob> {
    files
        .into_iter()
        .map(|(l, b)| {
            let ok = status_of(&l) == 200;
            (l, b, ok)
        })
        .collect()
}

/// `parse` gives `Ok(items)` or `Err(why)`; a panic or an empty `why` fails.
fn pure_property(test: &str, seeds: &[Blob], parse: impl Fn(&str, &[u8]) -> Result<usize, String>) {
    for (label, bytes, ok) in seeds {
        match parse(label, bytes) {
            Ok(_) => {}
            Err(why) => assert!(!ok, "{label}: the unmutated capture must parse: {why}"),
        }
    }
    property(
        test,
        seeds,
        |s| s.0.clone(),
        |(label, bytes, _), muts| match parse(label, &mutate::apply(bytes, muts)) {
            Err(why) if why.trim().is_empty() => Err("an error without a message".into()),
            Ok(_) | Err(_) => Ok(()),
        },
    );
}

fn has_ext(name: &str, ext: &str) -> bool {
    Path::new(name)
        .extension()
        .is_some_and(|x| x.eq_ignore_ascii_case(ext))
}

fn file_name(label: &str) -> &str {
    label.rsplit('/').next().unwrap_or(label)
}

// ---------------------------------------------------------------------------
// Bluesky.
// ---------------------------------------------------------------------------

const BSKY: &str =
    "http://127.0.0.1:9/xrpc/app.bsky.actor.getProfile?actor=lena-okafor.bsky.social";

fn bluesky_base() -> Vec<RawResponse> {
    let mut v = vec![
        raw(
            "profile",
            BSKY,
            200,
            fixture("bluesky/getProfile_lena-okafor.json"),
        ),
        raw(
            "feed:1:50",
            BSKY,
            200,
            fixture("bluesky/getAuthorFeed_lena-okafor_page1.json"),
        ),
        raw(
            "feed:2:50",
            BSKY,
            200,
            fixture("bluesky/getAuthorFeed_lena-okafor_page2.json"),
        ),
    ];
    for (label, body) in repo_files("bluesky", &["getPostThread_"]) {
        let name = file_name(&label);
        let id = name
            .trim_start_matches("getPostThread_")
            .trim_end_matches(".json")
            .trim_end_matches("_NotFound");
        let role = format!("thread:at://did:plc:lk4x2tqdo6m3c7wzjy5vbh2a/app.bsky.feed.post/{id}");
        v.push(raw(&role, BSKY, status_of(name), body));
    }
    v.push(raw(
        "followers:1:500",
        BSKY,
        200,
        fixture("bluesky/getFollowers_lena-okafor_page1.json"),
    ));
    v.push(raw(
        "followers:2:500",
        BSKY,
        200,
        fixture("bluesky/getFollowers_lena-okafor_page2.json"),
    ));
    v
}

#[test]
fn bluesky_reparse_survives_mutations() {
    let test = "prop::bluesky_reparse_survives_mutations";
    let base = bluesky_base();
    let mut seeds: Vec<Stored> = (0..base.len())
        .map(|slot| Stored::new("bluesky fixture creator", base.clone(), slot, true))
        .collect();
    for (label, body) in repo_files("bluesky", &["error_", "getProfile_lena-okafor_takedown"]) {
        let mut s = Stored::with(&base, 0, &label, body);
        s.expect_ok = false;
        seeds.push(s);
    }
    let corpus = Corpus::new(test);
    let thread = base
        .iter()
        .position(|r| r.role.starts_with("thread:"))
        .expect("a thread");
    let followers = base
        .iter()
        .position(|r| r.role.starts_with("followers:"))
        .expect("followers");
    for (prefixes, slot) in [
        (&["getProfile_"][..], 0),
        (&["getAuthorFeed_"][..], 1),
        (&["getPostThread_"][..], thread),
        (&["getFollowers_", "getFollows_"][..], followers),
    ] {
        for (label, body) in corpus.files("bluesky", prefixes) {
            if label.contains("getProfiles_") {
                continue;
            }
            seeds.push(Stored::with(&base, slot, &label, body));
        }
    }
    let source = BlueskySource::with_base_url(http(), local());
    reparse_property(test, &source, &seeds);
}

// ---------------------------------------------------------------------------
// YouTube: the channel page (ytInitialData in HTML), the uploads feed, the Data API, the watch page.
// ---------------------------------------------------------------------------

const YT_PAGE: &str = "https://www.youtube.com/@miragrows";
const YT_API: &str = "https://www.googleapis.com/youtube/v3/x?key=REDACTED";

/// An HTML page whose script assigns `json` to `var_name`, as YouTube serves it.
fn page_with(var_name: &str, json: &[u8]) -> Vec<u8> {
    let mut page =
        format!("<!DOCTYPE html><html><body><script nonce=\"n\">var {var_name} = ").into_bytes();
    page.extend_from_slice(json);
    page.extend_from_slice(b";</script></body></html>");
    page
}

fn youtube_keyless() -> Vec<RawResponse> {
    vec![
        raw(
            "channel_page",
            YT_PAGE,
            200,
            fixture("youtube/channel_page_miragrows.html"),
        ),
        raw("feed", YT_PAGE, 200, fixture("youtube/feed_miragrows.xml")),
    ]
}

fn youtube_api() -> Vec<RawResponse> {
    let mut v = vec![
        raw(
            "channels",
            YT_API,
            200,
            fixture("youtube/api_channels_miragrows.json"),
        ),
        raw(
            "playlist:1",
            YT_API,
            200,
            fixture("youtube/api_playlist_items_miragrows.json"),
        ),
        raw(
            "videos",
            YT_API,
            200,
            fixture("youtube/api_videos_miragrows.json"),
        ),
    ];
    for (label, body) in repo_files("youtube", &["api_comment_threads_"]) {
        let id = file_name(&label)
            .trim_start_matches("api_comment_threads_")
            .trim_end_matches(".json")
            .to_string();
        v.push(raw(&format!("comments:{id}"), YT_API, 200, body));
    }
    v
}

#[test]
fn youtube_reparse_survives_mutations() {
    let test = "prop::youtube_reparse_survives_mutations";
    let keyless = youtube_keyless();
    let api = youtube_api();
    let mut seeds = vec![
        Stored::new("youtube channel page miragrows", keyless.clone(), 0, true),
        Stored::new("youtube uploads feed miragrows", keyless.clone(), 1, true),
    ];
    for slot in 0..api.len() {
        seeds.push(Stored::new(
            "youtube Data API miragrows",
            api.clone(),
            slot,
            true,
        ));
    }
    for (label, body) in repo_files(
        "youtube",
        &[
            "channel_page_terminated",
            "channel_page_without",
            "consent_page",
        ],
    ) {
        let mut s = Stored::with(&keyless, 0, &label, body);
        s.expect_ok = false;
        seeds.push(s);
    }
    let comments = api.len() - 1;
    for (label, body) in repo_files("youtube", &["api_error_"]) {
        let mut s = Stored::with(&api, comments, &label, body);
        s.expect_ok = false;
        seeds.push(s);
    }
    let corpus = Corpus::new(test);
    for (label, body) in corpus.files("youtube", &["channel-page_"]) {
        seeds.push(Stored::with(&keyless, 0, &label, body));
    }
    for (label, body) in corpus.files("youtube", &["innertube-browse_channel"]) {
        seeds.push(Stored::with(
            &keyless,
            0,
            &label,
            page_with("ytInitialData", &body),
        ));
    }
    for (label, body) in corpus.files("youtube", &["feeds-videos.xml_"]) {
        let mut s = Stored::with(&keyless, 1, &label, body);
        // An unavailable feed's 404 page gives a snapshot without posts.
        s.expect_ok = true;
        seeds.push(s);
    }
    for (prefix, slot) in [
        ("data-api-v3_channels.list_", 0),
        ("data-api-v3_playlistItems.list_", 1),
        ("data-api-v3_videos.list_", 2),
        ("data-api-v3_commentThreads.list_", comments),
    ] {
        for (label, body) in corpus.files("youtube", &[prefix]) {
            seeds.push(Stored::with(&api, slot, &label, body));
        }
    }
    let source = YoutubeSource::with_base_urls(http(), local(), local());
    reparse_property(test, &source, &seeds);
}

#[test]
fn youtube_watch_page_survives_mutations() {
    let test = "prop::youtube_watch_page_survives_mutations";
    let mut seeds = blobs(repo_files("youtube", &["watch_page_"]));
    let corpus = Corpus::new(test);
    for (label, body) in corpus.files("youtube", &["innertube-next_video-"]) {
        seeds.push((label, page_with("ytInitialData", &body), true));
    }
    for (label, body) in corpus.files("youtube", &["innertube-player_video-"]) {
        seeds.push((label, page_with("ytInitialPlayerResponse", &body), true));
    }
    pure_property(test, &seeds, |_, bytes| {
        scout_sources::youtube::page::watch_channel_id(&String::from_utf8_lossy(bytes))
            .map(|id| id.len())
    });
}

// ---------------------------------------------------------------------------
// Mastodon.
// ---------------------------------------------------------------------------

const MASTODON: &str = "https://mastodon.example/api/v1/accounts/lookup?acct=mira";

fn mastodon_base() -> Vec<RawResponse> {
    let mut v = vec![
        raw(
            "lookup",
            MASTODON,
            200,
            fixture("mastodon/lookup_mira.json"),
        ),
        raw(
            "statuses:1",
            MASTODON,
            200,
            fixture("mastodon/statuses_mira_p1.json"),
        ),
        raw(
            "statuses:2",
            MASTODON,
            200,
            fixture("mastodon/statuses_mira_p2.json"),
        ),
    ];
    for (label, body) in repo_files("mastodon", &["context_"]) {
        let id = file_name(&label)
            .trim_start_matches("context_")
            .trim_end_matches(".json")
            .to_string();
        v.push(raw(&format!("context:{id}"), MASTODON, 200, body));
    }
    v.push(raw(
        "followers:1",
        MASTODON,
        200,
        fixture("mastodon/followers_mira.json"),
    ));
    v
}

#[test]
fn mastodon_reparse_survives_mutations() {
    let test = "prop::mastodon_reparse_survives_mutations";
    let base = mastodon_base();
    let mut seeds: Vec<Stored> = (0..base.len())
        .map(|slot| Stored::new("mastodon fixture creator", base.clone(), slot, true))
        .collect();
    for (label, body) in repo_files("mastodon", &["lookup_not_found", "lookup_suspended"]) {
        let mut s = Stored::with(&base, 0, &label, body);
        s.expect_ok = false;
        seeds.push(s);
    }
    let context = base
        .iter()
        .position(|r| r.role.starts_with("context:"))
        .expect("a context");
    let followers = base.len() - 1;
    let corpus = Corpus::new(test);
    for (label, body) in corpus.files(
        "mastodon",
        &[
            "accounts-get_",
            "accounts-lookup_",
            "docs-example_accounts-get_",
            "docs-example_entity-Account",
        ],
    ) {
        let mut s = Stored::with(&base, 0, &label, body);
        s.expect_ok = s.expect_ok && !label.contains("suspended");
        seeds.push(s);
    }
    for (label, body) in corpus.files("mastodon", &["accounts-statuses_"]) {
        if has_ext(&label, "json") {
            seeds.push(Stored::with(&base, 1, &label, body));
        }
    }
    for (label, body) in corpus.files(
        "mastodon",
        &[
            "statuses-get_",
            "docs-example_entity-Status",
            "docs-example_statuses-get",
        ],
    ) {
        // One status, read as a page of one.
        seeds.push(Stored::with(
            &base,
            1,
            &label,
            [b"[".to_vec(), body, b"]".to_vec()].concat(),
        ));
    }
    for (label, body) in corpus.files("mastodon", &["statuses-context_"]) {
        seeds.push(Stored::with(&base, context, &label, body));
    }
    for (label, body) in corpus.files(
        "mastodon",
        &[
            "accounts-followers_",
            "accounts-following_",
            "statuses-favourited_by_",
        ],
    ) {
        if has_ext(&label, "json") {
            seeds.push(Stored::with(&base, followers, &label, body));
        }
    }
    let source = MastodonSource::with_base_url(http(), local());
    reparse_property(test, &source, &seeds);
}

// ---------------------------------------------------------------------------
// TikTok (the profile page's embedded JSON), Instagram, Twitch.
// ---------------------------------------------------------------------------

#[test]
fn tiktok_reparse_survives_mutations() {
    // The corpus holds only official-API responses, which the page-based
    // connector does not read (see `NOT_PARSED_YET`): the repository's pages are the seeds.
    let url = "https://www.tiktok.com/@mira.grows";
    let mut seeds = Vec::new();
    for (label, body) in repo_files("tiktok", &["profile_", "captcha", "no_embedded"]) {
        let ok = ["profile_mira.grows", "profile_nextpage", "profile_oldpage"]
            .iter()
            .any(|p| label.contains(p));
        seeds.push(Stored::new(
            label,
            vec![raw("profile_page", url, 200, body)],
            0,
            ok,
        ));
    }
    let source = TiktokSource::with_base_url(http(), local());
    reparse_property("prop::tiktok_reparse_survives_mutations", &source, &seeds);
}

#[test]
fn instagram_reparse_survives_mutations() {
    let test = "prop::instagram_reparse_survives_mutations";
    let web_url = "https://www.instagram.com/api/v1/users/web_profile_info/?username=mira.grows";
    let graph_url = "https://graph.facebook.com/v19.0/1?fields=business_discovery.username(mira.grows)&access_token=REDACTED";
    let web = vec![raw(
        "web_profile",
        web_url,
        200,
        fixture("instagram/web_profile_info_mira.grows.json"),
    )];
    let graph = vec![raw(
        "graph_profile",
        graph_url,
        200,
        fixture("instagram/graph_business_discovery_mira.grows.json"),
    )];
    let mut seeds = Vec::new();
    for (label, body) in repo_files(
        "instagram",
        &["web_profile_info_", "login_page", "require_login"],
    ) {
        let mut s = Stored::with(&web, 0, &label, body);
        s.expect_ok = label.contains("mira.grows");
        seeds.push(s);
    }
    for (label, body) in repo_files("instagram", &["graph_"]) {
        seeds.push(Stored::with(&graph, 0, &label, body));
    }
    let corpus = Corpus::new(test);
    for (label, body) in corpus.files("instagram", &["graph-api-v14_business_discovery_"]) {
        seeds.push(Stored::with(&graph, 0, &label, body));
    }
    let source = InstagramSource::with_base_urls(http(), local(), local());
    reparse_property(test, &source, &seeds);
}

#[test]
fn twitch_reparse_survives_mutations() {
    let test = "prop::twitch_reparse_survives_mutations";
    let url = "https://api.twitch.tv/helix/x?login=scoutdemo";
    let base = vec![
        raw("user", url, 200, fixture("twitch/users_scoutdemo.json")),
        raw(
            "followers",
            url,
            200,
            fixture("twitch/channel_followers_scoutdemo.json"),
        ),
        raw("videos", url, 200, fixture("twitch/videos_scoutdemo.json")),
    ];
    let mut seeds: Vec<Stored> = (0..base.len())
        .map(|slot| Stored::new("twitch fixture creator", base.clone(), slot, true))
        .collect();
    for (label, body) in repo_files("twitch", &["users_empty", "unauthorized"]) {
        let mut s = Stored::with(&base, 0, &label, body);
        s.expect_ok = false;
        seeds.push(s);
    }
    let corpus = Corpus::new(test);
    for (prefix, slot) in [
        ("helix-users_", 0),
        ("id-oauth2-validate_401", 0),
        ("helix-videos_", 2),
    ] {
        for (label, body) in corpus.files("twitch", &[prefix]) {
            seeds.push(Stored::with(&base, slot, &label, body));
        }
    }
    let source = TwitchSource::with_base_urls(http(), local(), local());
    reparse_property(test, &source, &seeds);
}

// ---------------------------------------------------------------------------
// Discovery: search, suggestions, engagers, directory, tags, trends, results pages.
// ---------------------------------------------------------------------------

fn bsky_raw(bytes: &[u8]) -> RawResponse {
    raw("discovery", BSKY, 200, bytes.to_vec())
}

fn err(e: &SourceError) -> String {
    e.to_string()
}

#[test]
fn bluesky_discovery_survives_mutations() {
    use scout_sources::bluesky::map::decode;
    use scout_sources::discovery::bluesky::{
        ActorsPage, Likes, PostsPage, Profiles, RepostedBy, Suggestions, actors_page, likes,
        posts_page, profiles, quotes, reposted_by, suggestions,
    };
    let test = "prop::bluesky_discovery_survives_mutations";
    let kinds = [
        "searchActors",
        "getSuggestions_",
        "getProfiles_",
        "getSuggestedFollowsByActor_",
        "searchPosts_",
        "getQuotes_",
        "getLikes_",
        "getRepostedBy_",
    ];
    let mut seeds = blobs(repo_files("bluesky/discovery", &kinds));
    seeds.extend(blobs(Corpus::new(test).files("bluesky", &kinds)));
    pure_property(test, &seeds, |label, bytes| {
        let name = file_name(label);
        let r = bsky_raw(bytes);
        if name.starts_with("searchActors") || name.starts_with("getSuggestions_") {
            let page: ActorsPage =
                decode(&r, "app.bsky.actor.searchActors").map_err(|e| err(&e))?;
            Ok(actors_page(&page, "skincare").0.len())
        } else if name.starts_with("getProfiles_") {
            let answer: Profiles = decode(&r, "app.bsky.actor.getProfiles").map_err(|e| err(&e))?;
            let mut c: Vec<_> = answer
                .profiles
                .iter()
                .map(|p| {
                    scout_sources::discovery::Candidate::new(
                        scout_core::Platform::Bluesky,
                        p.did.clone(),
                        p.handle.clone(),
                        "u",
                    )
                })
                .collect();
            profiles(&mut c, &answer);
            Ok(c.len())
        } else if name.starts_with("getSuggestedFollowsByActor_") {
            let s: Suggestions =
                decode(&r, "app.bsky.graph.getSuggestedFollowsByActor").map_err(|e| err(&e))?;
            Ok(suggestions(&s, "x").len())
        } else if name.starts_with("searchPosts_") {
            let page: PostsPage = decode(&r, "app.bsky.feed.searchPosts").map_err(|e| err(&e))?;
            Ok(posts_page(&page, "#rstats skincare", &["rstats".into()])
                .0
                .len())
        } else if name.starts_with("getQuotes_") {
            let page: PostsPage = decode(&r, "app.bsky.feed.getQuotes").map_err(|e| err(&e))?;
            Ok(quotes(&page, "x", Some("https://bsky.app/x")).len())
        } else if name.starts_with("getLikes_") {
            let l: Likes = decode(&r, "app.bsky.feed.getLikes").map_err(|e| err(&e))?;
            Ok(likes(&l, "x", None).len())
        } else {
            let l: RepostedBy = decode(&r, "app.bsky.feed.getRepostedBy").map_err(|e| err(&e))?;
            Ok(reposted_by(&l, "x", None).len())
        }
    });
}

fn json<T: serde::de::DeserializeOwned>(bytes: &[u8]) -> Result<T, String> {
    serde_json::from_slice(bytes).map_err(|e| format!("not the expected JSON ({e})"))
}

#[test]
fn mastodon_discovery_survives_mutations() {
    use scout_sources::discovery::mastodon::{
        Account, SearchResults, Status, Tag, directory, search_results, tag_timeline, trend_tags,
    };
    use scout_sources::link_header::next_max_id;
    let test = "prop::mastodon_discovery_survives_mutations";
    let kinds = [
        "search-v2_",
        "accounts-search_",
        "directory_",
        "timelines-tag_",
        "trends-tags_",
        "trends_",
    ];
    let mut seeds = blobs(repo_files("mastodon/discovery", &kinds));
    seeds.extend(blobs(Corpus::new(test).files("mastodon", &kinds)));
    pure_property(test, &seeds, |label, bytes| {
        let name = file_name(label);
        if has_ext(name, "txt") {
            // A mutated header is an error with a reason, never a panic.
            let base = url::Url::parse("https://mastodon.social/api/v1/timelines/tag/x")
                .map_err(|e| e.to_string())?;
            return Ok(next_max_id(&String::from_utf8_lossy(bytes), &base)?.map_or(0, |s| s.len()));
        }
        if name.starts_with("search-v2_") {
            Ok(search_results(&json::<SearchResults>(bytes)?, "q", "mastodon.social").len())
        } else if name.starts_with("timelines-tag_") {
            Ok(tag_timeline(
                &json::<Vec<Status>>(bytes)?,
                "zerodechet",
                "mastodon.social",
            )
            .0
            .len())
        } else if name.starts_with("trends") {
            Ok(trend_tags(&json::<Vec<Tag>>(bytes)?).len())
        } else {
            Ok(directory(&json::<Vec<Account>>(bytes)?, "mastodon.social").len())
        }
    });
}

#[test]
fn twitch_discovery_survives_mutations() {
    use scout_sources::discovery::twitch::{
        CategoryPick, SearchCategories, SearchChannels, Streams, pick_categories, search_channels,
        stream_candidates,
    };
    let test = "prop::twitch_discovery_survives_mutations";
    let kinds = [
        "helix-search-channels_",
        "helix-search-categories_",
        "helix-games-top_",
        "helix-streams_",
    ];
    let mut seeds = blobs(repo_files("twitch/discovery", &kinds));
    seeds.extend(blobs(Corpus::new(test).files("twitch", &kinds)));
    let category = CategoryPick {
        id: "509658".into(),
        name: "Just Chatting".into(),
        rank: Some(1),
    };
    pure_property(test, &seeds, |label, bytes| {
        let name = label.rsplit('/').next().unwrap_or(label);
        if name.starts_with("helix-search-channels_") {
            Ok(search_channels(&json::<SearchChannels>(bytes)?, "skincare")
                .0
                .len())
        } else if name.starts_with("helix-streams_") {
            Ok(
                stream_candidates(&json::<Streams>(bytes)?, &category, "skincare")
                    .0
                    .len(),
            )
        } else {
            let c = json::<SearchCategories>(bytes)?;
            Ok(pick_categories(&c, Some(&c), 3).len())
        }
    });
}

#[test]
fn youtube_discovery_survives_mutations() {
    use scout_sources::discovery::youtube::{
        SearchList, client_version, renderer_channels, search_list,
    };
    let test = "prop::youtube_discovery_survives_mutations";
    let kinds = [
        "innertube-search_",
        "results-page_",
        "data-api-v3_search.list_",
    ];
    let mut seeds = blobs(repo_files("youtube/discovery", &kinds));
    seeds.extend(blobs(Corpus::new(test).files("youtube", &kinds)));
    pure_property(test, &seeds, |label, bytes| {
        let name = file_name(label);
        if name.starts_with("results-page_") {
            // The first results page: ytInitialData and the client version in HTML.
            let html = String::from_utf8_lossy(bytes);
            let version = client_version(&html).map_or(0, |v| v.len());
            let data = scout_sources::youtube::embedded_initial_data(&html)
                .ok_or_else(|| "no ytInitialData".to_string())?;
            Ok(renderer_channels(&data, "q").0.len() + version)
        } else if name.starts_with("data-api-v3_search.list_") {
            Ok(search_list(&json::<SearchList>(bytes)?, "q").0.len())
        } else {
            // A first page or a continuation (under onResponseReceivedCommands).
            let data: serde_json::Value = json(bytes)?;
            let first = renderer_channels(&data, "q").0.len();
            let more = data
                .get("onResponseReceivedCommands")
                .map_or(0, |c| renderer_channels(c, "q").0.len());
            Ok(first + more)
        }
    });
}

#[test]
fn link_in_bio_pages_survive_mutations() {
    use scout_sources::discovery::linkinbio::{parse_next_data, parse_page};
    let test = "prop::link_in_bio_pages_survive_mutations";
    let mut seeds = blobs(repo_files("linkinbio/discovery", &[""]));
    seeds.extend(blobs(Corpus::new(test).files("linkinbio", &[""])));
    pure_property(test, &seeds, |label, bytes| {
        let text = String::from_utf8_lossy(bytes);
        if has_ext(label, "json") {
            parse_next_data(&text).map(|p| p.links.len() + p.profiles.len())
        } else {
            let p = parse_page(&text);
            Ok(p.links.len() + p.profiles.len())
        }
    });
}
