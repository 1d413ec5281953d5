//! The Bluesky connector against the fixture creator `lena-okafor.bsky.social`
//! (figures worked out by hand in `tests/fixtures/bluesky/README.md`) and the
//! AppView's error bodies.

use scout_core::{AccountKey, AccountRef, Part, Platform, PostKind};
use scout_sources::bluesky::BlueskySource;
use scout_sources::http::{HttpClient, HttpConfig};
use scout_sources::{FetchContext, FetchLimits, Fetched, NoCredentials, Source, SourceError};
use url::Url;

use crate::replay::bluesky::{DID, HANDLE, creator_routes, creator_routes_with, post_uri, xrpc};
use crate::replay::{ReplayServer, Reply, Route, fixture};

fn no_progress(_: &str) {}

fn ctx(limits: FetchLimits) -> FetchContext<'static> {
    FetchContext {
        credentials: &NoCredentials,
        limits,
        progress: &no_progress,
    }
}

fn source(server: &ReplayServer, config: HttpConfig) -> BlueskySource {
    let http = HttpClient::new(config).expect("client");
    BlueskySource::with_base_url(http, Url::parse(&server.base_url).expect("base url"))
}

async fn fetch(server: &ReplayServer, account: &AccountRef) -> Result<Fetched, SourceError> {
    source(server, HttpConfig::for_tests())
        .fetch(account, &ctx(FetchLimits::default()))
        .await
}

fn creator() -> AccountRef {
    AccountRef::handle(Platform::Bluesky, HANDLE)
}

fn rkey(id: &str) -> &str {
    id.rsplit('/').next().unwrap()
}

#[tokio::test]
async fn fetches_the_creator_across_pages() {
    let server = ReplayServer::start(creator_routes()).await;
    let fetched = fetch(&server, &creator()).await.expect("fetch");
    let s = &fetched.snapshot;

    // Profile.
    assert_eq!(s.platform, Platform::Bluesky);
    assert_eq!(s.profile.id, DID);
    assert_eq!(s.profile.handle, HANDLE);
    assert_eq!(s.profile.display_name.as_deref(), Some("Lena Okafor"));
    assert_eq!(
        s.profile.url,
        "https://bsky.app/profile/lena-okafor.bsky.social"
    );
    assert_eq!(s.profile.followers, Some(12_500));
    assert_eq!(s.profile.following, Some(431));
    assert_eq!(s.profile.posts_count, Some(1_873));
    assert_eq!(
        s.profile.links,
        vec!["https://okafor-trails.example/kit".to_string()]
    );
    assert_eq!(
        s.profile.created_at.unwrap().to_rfc3339(),
        "2023-05-14T09:12:44.318+00:00"
    );
    assert!(s.profile.labels.is_empty());

    // The newest 50 originals, from both feed pages; page 3 is never asked for.
    assert_eq!(s.posts.len(), 50);
    assert!(s.posts.iter().all(|p| p.kind == PostKind::Original));
    assert_eq!(rkey(&s.posts[0].id), "3lsop366iim5i");
    assert_eq!(rkey(&s.posts[49].id), "3lpv7gf5h6igq");
    assert_eq!(
        s.posts[0].url.as_deref(),
        Some("https://bsky.app/profile/lena-okafor.bsky.social/post/3lsop366iim5i")
    );
    assert_eq!(
        s.posts[0].created_at.to_rfc3339(),
        "2025-06-28T17:38:12+00:00"
    );
    // Self-thread continuations #2, #3 and the quote post #7 are original.
    assert_eq!(rkey(&s.posts[1].id), "3lsn7qlz2kqri");
    assert_eq!(rkey(&s.posts[2].id), "3lslqg2lvwz7q");
    assert_eq!(rkey(&s.posts[6].id), "3lsefpuhmsilt");
    // Counts: #20 went viral; the sum over the 50 is 11,434 interactions.
    let viral = &s.posts[19];
    assert_eq!(rkey(&viral.id), "3lrmwcr4de5xx");
    assert_eq!(
        (viral.likes, viral.replies, viral.reposts, viral.quotes),
        (Some(2000), Some(10), Some(5), Some(2))
    );
    assert_eq!(
        s.posts
            .iter()
            .map(scout_core::Post::interactions)
            .sum::<u64>(),
        11_434
    );
    assert_eq!(s.posts.iter().filter_map(|p| p.likes).sum::<u64>(), 10_584);
    // Languages: 5 German, 4 undeclared, 41 English.
    assert_eq!(s.posts.iter().filter(|p| p.languages == ["de"]).count(), 5);
    assert_eq!(s.posts.iter().filter(|p| p.languages.is_empty()).count(), 4);
    assert_eq!(s.posts.iter().filter(|p| p.languages == ["en"]).count(), 41);

    // Reposts and replies to others seen before the cut: 6 + 6.
    assert_eq!(s.other_posts.len(), 12);
    let reposts: Vec<_> = s
        .other_posts
        .iter()
        .filter(|p| p.kind == PostKind::Repost)
        .collect();
    assert_eq!(reposts.len(), 6);
    assert_eq!(
        reposts[0].reposted_from.as_deref(),
        Some("fellrunning.news")
    );
    assert_eq!(
        reposts[1].reposted_from.as_deref(),
        Some("highland-weather.bsky.social")
    );
    let replies: Vec<_> = s
        .other_posts
        .iter()
        .filter(|p| p.kind == PostKind::Reply)
        .collect();
    assert_eq!(replies.len(), 6);
    // Position 10 answers her own reply, in someone else's thread: a reply to others.
    assert_eq!(rkey(&replies[0].id), "3lsbize6u5gbu");

    // Comments: 7 on #20, 4 on each of 8 other threads, none on #13 (deleted).
    assert_eq!(s.comments.len(), 39);
    assert!(
        s.comments.iter().all(|c| c.author_id != DID),
        "the creator's own replies are not comments"
    );
    assert_eq!(
        s.comments
            .iter()
            .filter(|c| c.post_id == post_uri("3lrmwcr4de5xx"))
            .count(),
        7
    );
    assert_eq!(
        s.comments
            .iter()
            .filter(|c| c.post_id == post_uri("3lsefpuhmsilt"))
            .count(),
        4
    );
    assert_eq!(
        s.comments
            .iter()
            .filter(|c| c.post_id == post_uri("3lryoylwxcfb3"))
            .count(),
        0
    );
    // Threads were read most-engaged first: #20's replies come first.
    assert_eq!(s.comments[0].post_id, post_uri("3lrmwcr4de5xx"));
    let first = &s.comments[0];
    assert_eq!(first.author_handle, "hillwalker-jo.bsky.social");
    assert_eq!(first.text, "This is brilliant, saving for the weekend!");
    assert_eq!(first.likes, Some(4));
    let author = first.author.as_ref().expect("author features");
    assert_eq!(author.has_avatar, Some(true));
    assert_eq!(
        author.created_at.unwrap().to_rfc3339(),
        "2023-08-02T19:44:10.215+00:00"
    );
    assert!(
        s.warnings
            .iter()
            .any(|w| w.contains("3lryoylwxcfb3") && w.contains("NotFound")),
        "{:?}",
        s.warnings
    );

    // Follower sample: both pages, 150 accounts.
    let sample = s.follower_sample.as_ref().expect("sample");
    assert_eq!(sample.len(), 150);
    assert_eq!(
        sample
            .iter()
            .filter(|a| a.has_avatar == Some(false))
            .count(),
        30
    );
    assert_eq!(sample.iter().filter(|a| a.bio.is_none()).count(), 50);
    assert_eq!(
        sample
            .iter()
            .filter(|a| a.has_avatar == Some(false) && a.bio.is_none())
            .count(),
        10
    );
    assert_eq!(
        sample.iter().filter(|a| a.display_name.is_none()).count(),
        15
    );
    assert!(
        sample
            .iter()
            .all(|a| a.followers.is_none() && a.following.is_none() && a.posts_count.is_none())
    );
    assert_eq!(sample[0].handle, "rory-001.bsky.social");

    assert!(s.is_missing(Part::Views));
    assert!(s.is_missing(Part::EngagerSample));
    assert!(!s.is_missing(Part::FollowerSample));
    assert!(!s.is_missing(Part::Posts));

    // Requests: one each, nothing unexpected (no feed page 3).
    assert!(server.unmatched().is_empty(), "{:?}", server.unmatched());
    for route in [
        "profile",
        "feed:1",
        "feed:2",
        "followers:1",
        "followers:2",
        "thread:3lryoylwxcfb3",
        "thread:3lsfv2fz5i7nl",
    ] {
        assert_eq!(server.hits(route), 1, "{route}");
    }
    assert_eq!(server.hits("profile-by-did"), 0);
    let roles: Vec<&str> = fetched.raw.iter().map(|r| r.role.as_str()).collect();
    assert_eq!(roles.len(), 15);
    assert_eq!(&roles[..3], ["profile", "feed:1:50", "feed:2:50"]);
    assert_eq!(roles[3], format!("thread:{}", post_uri("3lrmwcr4de5xx")));
    assert_eq!(&roles[13..], ["followers:1:500", "followers:2:500"]);

    // Re-parsing the stored responses gives the same snapshot.
    let again = source(&server, HttpConfig::for_tests())
        .reparse(&fetched.raw, s.fetched_at)
        .expect("reparse");
    assert_eq!(&again, s);
}

#[tokio::test]
async fn smaller_limits_stop_early_and_reparse_alike() {
    let server = ReplayServer::start(creator_routes()).await;
    let limits = FetchLimits {
        posts: 10,
        threads: 2,
        followers: 120,
    };
    let src = source(&server, HttpConfig::for_tests());
    let fetched = src.fetch(&creator(), &ctx(limits)).await.expect("fetch");
    let s = &fetched.snapshot;
    assert_eq!(s.posts.len(), 10);
    // Items up to #10 (feed position 12): reposts at 5, replies at 10.
    assert_eq!(s.other_posts.len(), 2);
    assert_eq!(server.hits("feed:2"), 0);
    // The two most engaged of #1–#10: #7 (217) and #6 (210), 4 replies each.
    assert_eq!(server.hits("thread:3lsefpuhmsilt"), 1);
    assert_eq!(server.hits("thread:3lsfv2fz5i7nl"), 1);
    assert_eq!(server.hits("thread:3lrmwcr4de5xx"), 0);
    assert_eq!(s.comments.len(), 8);
    // 100 from page 1, then 20 of page 2's 50.
    assert_eq!(s.follower_sample.as_ref().unwrap().len(), 120);
    assert_eq!(server.hits("followers:2"), 1);
    assert_eq!(src.reparse(&fetched.raw, s.fetched_at).unwrap(), *s);
}

#[tokio::test]
async fn a_did_input_reads_the_same_creator() {
    let server = ReplayServer::start(creator_routes()).await;
    let by_did = AccountRef {
        platform: Platform::Bluesky,
        key: AccountKey::Id(DID.into()),
        instance: None,
    };
    let fetched = fetch(&server, &by_did).await.expect("fetch");
    assert_eq!(fetched.snapshot.profile.handle, HANDLE);
    assert_eq!(server.hits("profile-by-did"), 1);
    assert_eq!(server.hits("profile"), 0);
}

fn profile_error(status: u16, file: &str) -> Vec<Route> {
    vec![
        Route::get(xrpc("app.bsky.actor.getProfile"))
            .named("profile")
            .reply(Reply::json(status, fixture(file))),
    ]
}

#[tokio::test]
async fn an_unknown_handle_is_not_found() {
    let server = ReplayServer::start(profile_error(
        400,
        "bluesky/error_getProfile_ProfileNotFound.json",
    ))
    .await;
    let err = fetch(
        &server,
        &AccountRef::handle(Platform::Bluesky, "nobody-here.bsky.social"),
    )
    .await
    .unwrap_err();
    match &err {
        SourceError::NotFound { platform, account } => {
            assert_eq!(*platform, Platform::Bluesky);
            assert_eq!(account, "nobody-here.bsky.social");
        }
        other => panic!("expected NotFound, got {other:?}"),
    }
    assert_eq!(server.hits("profile"), 1, "a 400 is not retried");
}

#[tokio::test]
async fn a_deactivated_account_is_unavailable() {
    let server = ReplayServer::start(profile_error(
        400,
        "bluesky/error_getProfile_AccountDeactivated.json",
    ))
    .await;
    let err = fetch(&server, &creator()).await.unwrap_err();
    assert!(
        matches!(&err, SourceError::Unavailable { state, .. } if state == "deactivated"),
        "{err:?}"
    );
    assert_eq!(
        err.to_string(),
        "Bluesky: 'lena-okafor.bsky.social' is deactivated"
    );
}

#[tokio::test]
async fn a_suspended_account_is_unavailable() {
    let server = ReplayServer::start(profile_error(
        400,
        "bluesky/error_getProfile_AccountTakedown.json",
    ))
    .await;
    let err = fetch(&server, &creator()).await.unwrap_err();
    assert!(
        matches!(&err, SourceError::Unavailable { state, .. } if state == "suspended"),
        "{err:?}"
    );
}

#[tokio::test]
async fn a_takedown_label_is_unavailable_and_stops_the_fetch() {
    let routes = creator_routes_with(
        "profile",
        Route::get(xrpc("app.bsky.actor.getProfile")).reply(Reply::fixture(
            "bluesky/getProfile_lena-okafor_takedown-label.json",
        )),
    );
    let server = ReplayServer::start(routes).await;
    let err = fetch(&server, &creator()).await.unwrap_err();
    assert!(
        matches!(&err, SourceError::Unavailable { state, .. } if state == "taken down"),
        "{err:?}"
    );
    assert_eq!(server.hits("feed:1"), 0);
}

fn rate_limited() -> Reply {
    Reply::json(429, fixture("bluesky/error_RateLimitExceeded.json"))
        .header("RateLimit-Limit", "3000")
        .header("RateLimit-Remaining", "0")
        .header("RateLimit-Policy", "3000;w=300")
}

#[tokio::test]
async fn rate_limits_are_waited_out_then_the_fetch_succeeds() {
    let mut routes = creator_routes_with(
        "profile",
        Route::get(xrpc("app.bsky.actor.getProfile"))
            .query("actor", HANDLE)
            .reply(rate_limited().header("Retry-After", "0"))
            .then(Reply::fixture("bluesky/getProfile_lena-okafor.json")),
    );
    // Feed page 2 is limited twice with a reset time already past (2023-11-14).
    let page2 = routes.iter().position(|r| r.key() == "feed:2").unwrap();
    routes[page2] = Route::get(xrpc("app.bsky.feed.getAuthorFeed"))
        .query("actor", DID)
        .query("cursor", crate::replay::bluesky::FEED_CURSOR_2)
        .named("feed:2")
        .reply(rate_limited().header("RateLimit-Reset", "1700000000"))
        .then(rate_limited().header("RateLimit-Reset", "1700000000"))
        .then(Reply::fixture(
            "bluesky/getAuthorFeed_lena-okafor_page2.json",
        ));
    let server = ReplayServer::start(routes).await;
    let fetched = fetch(&server, &creator())
        .await
        .expect("fetch after retries");
    assert_eq!(fetched.snapshot.posts.len(), 50);
    assert_eq!(server.hits("profile"), 2);
    assert_eq!(server.hits("feed:2"), 3);
    // Only the final, successful responses are kept.
    assert!(
        fetched
            .raw
            .iter()
            .all(|r| r.status == 200 || r.role.starts_with("thread:"))
    );
}

#[tokio::test]
async fn a_rate_limit_that_never_lifts_is_rate_limited() {
    let server = ReplayServer::start(vec![
        Route::get(xrpc("app.bsky.actor.getProfile"))
            .named("profile")
            .reply(rate_limited().header("Retry-After", "0")),
    ])
    .await;
    let err = fetch(&server, &creator()).await.unwrap_err();
    assert!(
        matches!(
            err,
            SourceError::RateLimited {
                platform: Platform::Bluesky,
                ..
            }
        ),
        "{err:?}"
    );
    assert_eq!(server.hits("profile"), 5);
}

#[tokio::test]
async fn a_server_error_is_retried() {
    let routes = creator_routes_with(
        "feed:1",
        Route::get(xrpc("app.bsky.feed.getAuthorFeed"))
            .query("actor", DID)
            .without_query("cursor")
            .reply(Reply::json(
                500,
                r#"{"error":"InternalServerError","message":"Internal Server Error"}"#,
            ))
            .then(Reply::fixture(
                "bluesky/getAuthorFeed_lena-okafor_page1.json",
            )),
    );
    let server = ReplayServer::start(routes).await;
    let fetched = fetch(&server, &creator()).await.expect("fetch");
    assert_eq!(fetched.snapshot.posts.len(), 50);
    assert_eq!(server.hits("feed:1"), 2);
}

#[tokio::test]
async fn a_cut_off_body_is_a_layout_change() {
    let profile = fixture("bluesky/getProfile_lena-okafor.json");
    let routes = creator_routes_with(
        "profile",
        Route::get(xrpc("app.bsky.actor.getProfile"))
            .reply(Reply::json(200, profile[..200].to_vec())),
    );
    let server = ReplayServer::start(routes).await;
    let err = fetch(&server, &creator()).await.unwrap_err();
    match err {
        SourceError::LayoutChanged { platform, what } => {
            assert_eq!(platform, Platform::Bluesky);
            assert!(
                what.starts_with("app.bsky.actor.getProfile: the JSON body is cut off"),
                "{what}"
            );
        }
        other => panic!("expected LayoutChanged, got {other:?}"),
    }
}

#[tokio::test]
async fn a_missing_field_is_a_layout_change_naming_it() {
    let mut page: serde_json::Value =
        serde_json::from_slice(&fixture("bluesky/getAuthorFeed_lena-okafor_page1.json")).unwrap();
    page["feed"][3]["post"]["author"]
        .as_object_mut()
        .unwrap()
        .remove("did");
    let routes = creator_routes_with(
        "feed:1",
        Route::get(xrpc("app.bsky.feed.getAuthorFeed"))
            .query("actor", DID)
            .without_query("cursor")
            .reply(Reply::json(200, serde_json::to_vec(&page).unwrap())),
    );
    let server = ReplayServer::start(routes).await;
    let err = fetch(&server, &creator()).await.unwrap_err();
    match err {
        SourceError::LayoutChanged { what, .. } => {
            assert_eq!(
                what,
                "app.bsky.feed.getAuthorFeed: missing field `feed[3].post.author.did`"
            );
        }
        other => panic!("expected LayoutChanged, got {other:?}"),
    }
}

#[tokio::test]
async fn an_oversized_body_is_refused() {
    let server = ReplayServer::start(creator_routes()).await;
    // The profile (about 1 KB) fits; the first feed page (about 150 KB) does not.
    let config = HttpConfig {
        max_body_bytes: 16 * 1024,
        ..HttpConfig::for_tests()
    };
    let err = source(&server, config)
        .fetch(&creator(), &ctx(FetchLimits::default()))
        .await
        .unwrap_err();
    assert!(
        matches!(
            err,
            SourceError::TooLarge {
                limit_bytes: 16_384,
                ..
            }
        ),
        "{err:?}"
    );
    assert_eq!(server.hits("feed:1"), 1);
}

#[tokio::test]
async fn a_refused_connection_is_a_network_error() {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let base = Url::parse(&format!(
        "http://127.0.0.1:{}",
        listener.local_addr().unwrap().port()
    ))
    .unwrap();
    drop(listener);
    let src = BlueskySource::with_base_url(HttpClient::new(HttpConfig::for_tests()).unwrap(), base);
    let err = src
        .fetch(&creator(), &ctx(FetchLimits::default()))
        .await
        .unwrap_err();
    assert!(
        matches!(&err, SourceError::Network { host, .. } if host == "127.0.0.1"),
        "{err:?}"
    );
}

#[tokio::test]
async fn inputs_bluesky_has_no_use_for_are_refused() {
    let server = ReplayServer::start(creator_routes()).await;
    let account = AccountRef {
        platform: Platform::Bluesky,
        key: AccountKey::CustomUrl("x".into()),
        instance: None,
    };
    let err = fetch(&server, &account).await.unwrap_err();
    assert_eq!(err.code(), "invalid_input");
    assert_eq!(server.total_hits(), 0);
}

#[test]
fn the_default_base_url_is_the_public_appview() {
    let src = BlueskySource::with_base_url(
        HttpClient::new(HttpConfig::for_tests()).unwrap(),
        Url::parse(scout_sources::bluesky::DEFAULT_BASE_URL).unwrap(),
    );
    assert_eq!(src.base_url().as_str(), "https://public.api.bsky.app/");
    assert_eq!(src.platform(), Platform::Bluesky);
    assert!(src.capabilities(&NoCredentials).contains("no key needed"));
}
