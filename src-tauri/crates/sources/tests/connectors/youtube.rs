//! YouTube against `tests/fixtures/youtube/` (figures in its README).

use std::collections::HashMap;

use scout_core::{AccountRef, Part};
use scout_sources::youtube::YoutubeSource;
use scout_sources::{NoCredentials, SecretName, Source};

use crate::loopback::{Loopback, Route, client, fixture};
use crate::{ctx, sum};

const CID: &str = "UCm1raGr0wsScoutDemo0001";
const KEY: &str = "AIzaSyScoutTestKey000000000000000000";

fn input(s: &str) -> AccountRef {
    scout_sources::parse_input(s).expect("a YouTube input")
}

fn source(server: &Loopback) -> YoutubeSource {
    YoutubeSource::with_base_urls(client(), server.url(), server.url_with("/youtube/v3"))
}

fn keyless_routes() -> Vec<Route> {
    vec![
        Route::get(
            "/@miragrows",
            fixture("youtube/channel_page_miragrows.html"),
        ),
        Route::get(
            &format!("/channel/{CID}"),
            fixture("youtube/channel_page_miragrows.html"),
        ),
        Route::get("/feeds/videos.xml", fixture("youtube/feed_miragrows.xml"))
            .query(&[("channel_id", CID)]),
    ]
}

fn key() -> HashMap<SecretName, String> {
    let mut c = HashMap::new();
    c.insert(SecretName::YoutubeApiKey, KEY.to_string());
    c
}

fn api_routes() -> Vec<Route> {
    let mut routes = vec![
        Route::get(
            "/youtube/v3/channels",
            fixture("youtube/api_channels_miragrows.json"),
        )
        .query(&[
            ("part", "snippet,statistics,contentDetails"),
            ("forHandle", "@miragrows"),
            ("key", KEY),
        ]),
        Route::get(
            "/youtube/v3/playlistItems",
            fixture("youtube/api_playlist_items_miragrows.json"),
        )
        .query(&[
            ("part", "snippet"),
            ("playlistId", "UUm1raGr0wsScoutDemo0001"),
            ("maxResults", "50"),
            ("key", KEY),
        ]),
        Route::get(
            "/youtube/v3/videos",
            fixture("youtube/api_videos_miragrows.json"),
        )
        .query(&[
            (
                "part",
                "snippet,statistics,contentDetails,paidProductPlacementDetails",
            ),
            (
                "id",
                "mgVid000006,mgVid000005,mgVid000004,mgVid000003,mgVid000002,mgVid000001",
            ),
            ("maxResults", "50"),
            ("key", KEY),
        ]),
    ];
    for id in [
        "mgVid000004",
        "mgVid000006",
        "mgVid000001",
        "mgVid000005",
        "mgVid000003",
    ] {
        routes.push(
            Route::get(
                "/youtube/v3/commentThreads",
                fixture(&format!("youtube/api_comment_threads_{id}.json")),
            )
            .query(&[
                ("part", "snippet"),
                ("videoId", id),
                ("maxResults", "100"),
                ("order", "relevance"),
                ("textFormat", "plainText"),
                ("key", KEY),
            ]),
        );
    }
    routes
}

#[tokio::test]
async fn keyless_channel_page_and_feed() {
    let server = Loopback::start(keyless_routes()).await;
    let fetched = source(&server)
        .fetch(
            &input("https://www.youtube.com/@miragrows"),
            &ctx(&NoCredentials),
        )
        .await
        .expect("vet");
    let s = &fetched.snapshot;
    assert_eq!(
        server.lines(),
        vec![
            "/@miragrows".to_string(),
            format!("/feeds/videos.xml?channel_id={CID}")
        ]
    );
    assert_eq!(s.profile.id, CID);
    assert_eq!(s.profile.handle, "miragrows");
    assert_eq!(s.profile.display_name.as_deref(), Some("Mira Grows"));
    assert_eq!(s.profile.followers, Some(12_400));
    assert_eq!(s.profile.posts_count, Some(86));
    assert_eq!(s.profile.verified, Some(true));
    assert_eq!(s.profile.links, vec!["https://mira-grows.example/"]);
    assert!(
        s.profile
            .bio
            .as_deref()
            .unwrap()
            .starts_with("Urban gardening, hot sauce and bikes")
    );
    assert!(
        s.warnings
            .iter()
            .any(|w| w.contains("\"12.4K subscribers\" read as 12400")),
        "{:?}",
        s.warnings
    );
    assert_eq!(s.posts.len(), 6);
    assert_eq!(s.posts[0].id, "mgVid000006");
    assert_eq!(s.posts[3].title.as_deref(), Some("Compost myths"));
    assert_eq!(
        s.posts[2].title.as_deref(),
        Some("The hottest sauce I've made")
    );
    assert_eq!(sum(&s.posts, |p| p.views), 77_073);
    assert_eq!(sum(&s.posts, |p| p.likes), 5_495);
    assert!(s.posts.iter().all(|p| p.replies.is_none()));
    let comments = s
        .missing
        .iter()
        .find(|m| m.part == Part::Comments)
        .expect("comments marked missing");
    assert!(
        comments.reason.contains("no YouTube API key"),
        "{}",
        comments.reason
    );
    assert!(s.is_missing(Part::FollowerSample));
    assert_eq!(
        source(&server).reparse(&fetched.raw, s.fetched_at).unwrap(),
        *s
    );
}

#[tokio::test]
async fn video_link_resolves_to_its_channel() {
    let mut routes = keyless_routes();
    routes.push(
        Route::get("/watch", fixture("youtube/watch_page_mgVid000004.html"))
            .query(&[("v", "mgVid000004")]),
    );
    let server = Loopback::start(routes).await;
    let fetched = source(&server)
        .fetch(&input("https://youtu.be/mgVid000004"), &ctx(&NoCredentials))
        .await
        .expect("vet");
    assert_eq!(fetched.snapshot.profile.id, CID);
    assert_eq!(
        server.lines(),
        vec![
            "/watch?v=mgVid000004".to_string(),
            format!("/channel/{CID}"),
            format!("/feeds/videos.xml?channel_id={CID}")
        ]
    );
}

#[tokio::test]
async fn data_api_with_key() {
    let server = Loopback::start(api_routes()).await;
    let fetched = source(&server)
        .fetch(&input("yt:@miragrows"), &ctx(&key()))
        .await
        .expect("vet");
    server.assert_all_matched();
    // 1 channels + 1 playlistItems + 1 videos + 5 commentThreads = 8 quota units.
    assert_eq!(server.seen().len(), 8);
    let threads: Vec<String> = server
        .seen()
        .iter()
        .filter(|r| r.path.ends_with("commentThreads"))
        .filter_map(|r| {
            r.query
                .iter()
                .find(|(k, _)| k == "videoId")
                .map(|(_, v)| v.clone())
        })
        .collect();
    assert_eq!(
        threads,
        [
            "mgVid000004",
            "mgVid000006",
            "mgVid000001",
            "mgVid000005",
            "mgVid000003"
        ]
    );
    for raw in &fetched.raw {
        assert!(
            raw.url.contains("key=REDACTED") && !raw.url.contains(KEY),
            "{}",
            raw.url
        );
    }
    let s = &fetched.snapshot;
    assert_eq!(s.profile.followers, Some(12_400));
    assert_eq!(s.profile.total_views, Some(1_843_022));
    assert_eq!(s.profile.posts_count, Some(86));
    assert_eq!(s.profile.country.as_deref(), Some("DE"));
    assert_eq!(s.posts.len(), 6);
    assert_eq!(sum(&s.posts, |p| p.views), 77_217);
    assert_eq!(sum(&s.posts, |p| p.likes), 5_316);
    assert_eq!(sum(&s.posts, |p| p.replies), 391);
    assert_eq!(sum(&s.posts, |p| p.duration_secs), 3_204);
    assert_eq!(s.posts.iter().filter(|p| p.likes_hidden).count(), 1);
    assert_eq!(
        s.posts
            .iter()
            .filter(|p| p.sponsored_label == Some(true))
            .count(),
        1
    );
    assert_eq!(s.posts[0].languages, vec!["en"]);
    assert_eq!(s.comments.len(), 10);
    assert_eq!(s.comments.iter().filter_map(|c| c.likes).sum::<u64>(), 651);
    assert_eq!(
        s.comments
            .iter()
            .filter(|c| c.post_id == "mgVid000004")
            .count(),
        3
    );
    assert!(s.comments.iter().any(|c| c.author_handle == "saucebot9000" && c.author_id == "UCsauceB0tScoutDemo09000"));
    assert!(s.is_missing(Part::Likes));
    assert!(!s.is_missing(Part::Comments));
    assert_eq!(
        source(&server).reparse(&fetched.raw, s.fetched_at).unwrap(),
        *s
    );
}

#[tokio::test]
async fn api_errors_are_typed() {
    let server = Loopback::start(vec![
        Route::get(
            "/youtube/v3/channels",
            fixture("youtube/api_error_quota_exceeded.json"),
        )
        .status(403),
    ])
    .await;
    let err = source(&server)
        .fetch(&input("yt:@miragrows"), &ctx(&key()))
        .await
        .unwrap_err();
    assert_eq!(err.code(), "rate_limited", "{err}");

    let server = Loopback::start(vec![
        Route::get(
            "/youtube/v3/channels",
            fixture("youtube/api_error_key_invalid.json"),
        )
        .status(400),
    ])
    .await;
    let err = source(&server)
        .fetch(&input("yt:@miragrows"), &ctx(&key()))
        .await
        .unwrap_err();
    assert_eq!(err.code(), "credentials", "{err}");
    assert!(!err.to_string().contains(KEY));

    let server = Loopback::start(vec![Route::get("/youtube/v3/channels", r#"{"kind":"youtube#channelListResponse","etag":"x","pageInfo":{"totalResults":0,"resultsPerPage":5}}"#)]).await;
    let err = source(&server)
        .fetch(&input("yt:@nobody"), &ctx(&key()))
        .await
        .unwrap_err();
    assert_eq!(err.code(), "not_found", "{err}");
    assert!(err.to_string().contains("@nobody"), "{err}");
}

#[tokio::test]
async fn page_problems() {
    let cases = [
        (
            "youtube/channel_page_without_initial_data.html",
            "layout_changed",
            "ytInitialData",
        ),
        (
            "youtube/channel_page_terminated.html",
            "unavailable",
            "terminated",
        ),
        (
            "youtube/consent_page.html",
            "login_wall",
            "YouTube Data API key",
        ),
    ];
    for (file, code, words) in cases {
        let server = Loopback::start(vec![Route::get("/@miragrows", fixture(file))]).await;
        let err = source(&server)
            .fetch(
                &input("https://www.youtube.com/@miragrows"),
                &ctx(&NoCredentials),
            )
            .await
            .unwrap_err();
        assert_eq!(err.code(), code, "{file}: {err}");
        assert!(err.to_string().contains(words), "{file}: {err}");
    }

    let page = String::from_utf8(fixture("youtube/channel_page_miragrows.html")).unwrap();
    let cut = page.replacen("\"microformat\":{", "\"microformat\":", 1);
    let server = Loopback::start(vec![Route::get("/@miragrows", cut)]).await;
    let err = source(&server)
        .fetch(
            &input("https://www.youtube.com/@miragrows"),
            &ctx(&NoCredentials),
        )
        .await
        .unwrap_err();
    assert_eq!(err.code(), "layout_changed", "{err}");
    assert!(
        err.to_string().contains("ytInitialData does not parse"),
        "{err}"
    );

    let server = Loopback::start(vec![Route::get("/@miragrows", "").status(404)]).await;
    let err = source(&server)
        .fetch(
            &input("https://www.youtube.com/@miragrows"),
            &ctx(&NoCredentials),
        )
        .await
        .unwrap_err();
    assert_eq!(err.code(), "not_found", "{err}");
}

#[tokio::test]
async fn feed_trouble() {
    // A feed that answers 404 leaves the posts missing but keeps the profile.
    let server = Loopback::start(vec![
        Route::get(
            "/@miragrows",
            fixture("youtube/channel_page_miragrows.html"),
        ),
        Route::get(
            "/feeds/videos.xml",
            "<!DOCTYPE html><html lang=en><title>Error 404 (Not Found)!!1</title></html>",
        )
        .status(404),
    ])
    .await;
    let s = source(&server)
        .fetch(
            &input("https://www.youtube.com/@miragrows"),
            &ctx(&NoCredentials),
        )
        .await
        .expect("vet")
        .snapshot;
    assert_eq!(s.profile.followers, Some(12_400));
    assert!(s.posts.is_empty() && s.is_missing(Part::Posts));

    // A 429 with Retry-After: 0 is retried.
    let mut routes = vec![
        Route::get("/feeds/videos.xml", "")
            .status(429)
            .header("Retry-After", "0")
            .times(1),
    ];
    routes.extend(keyless_routes());
    let server = Loopback::start(routes).await;
    let s = source(&server)
        .fetch(
            &input("https://www.youtube.com/@miragrows"),
            &ctx(&NoCredentials),
        )
        .await
        .expect("vet")
        .snapshot;
    assert_eq!(s.posts.len(), 6);
}
