//! The real captured responses under `$SCOUT_CORPUS/fixtures/` (see its
//! PROVENANCE.md). Each test prints a visible skip line and returns when
//! `SCOUT_CORPUS` is unset, and fails when it is set but the corpus or a file
//! is missing. Which corpus files no parser reads yet is kept in one list,
//! `NOT_PARSED_YET` in `tests/sources/corpus.rs`.
//! Every YouTube, Mastodon, Instagram and Twitch file that is a response of a
//! kind these connectors read is parsed here, through the loopback server or
//! through `reparse`; expected figures were counted from the files by hand.
//! TikTok: the corpus holds only official-API (`open.tiktokapis.com`)
//! responses, which the page-based connector does not read.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use scout_core::{AccountRef, Part, PostKind};
use scout_sources::instagram::InstagramSource;
use scout_sources::mastodon::MastodonSource;
use scout_sources::twitch::TwitchSource;
use scout_sources::youtube::YoutubeSource;
use scout_sources::{NoCredentials, RawResponse, SecretName, Source};

use crate::loopback::{Loopback, Route, client, corpus, fixture, has_corpus};
use crate::{ctx, sum};

fn input(s: &str) -> AccountRef {
    scout_sources::parse_input(s).expect("an input")
}

fn at() -> DateTime<Utc> {
    DateTime::parse_from_rfc3339("2026-11-01T00:00:00Z")
        .unwrap()
        .with_timezone(&Utc)
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

fn c(rel: &str) -> Vec<u8> {
    corpus(rel).expect("SCOUT_CORPUS is set")
}

/// An HTML page whose script assigns `json` to `var_name`, as YouTube serves it.
fn page_with(var_name: &str, json: &[u8]) -> Vec<u8> {
    let mut page =
        format!("<!DOCTYPE html><html><body><script nonce=\"n\">var {var_name} = ").into_bytes();
    page.extend_from_slice(json);
    page.extend_from_slice(b";</script></body></html>");
    page
}

fn youtube(server: &Loopback) -> YoutubeSource {
    YoutubeSource::with_base_urls(client(), server.url(), server.url_with("/youtube/v3"))
}

#[tokio::test]
async fn youtube_channel_pages_and_feeds() {
    if !has_corpus("connectors::corpus::youtube_channel_pages_and_feeds") {
        return;
    }
    let pages = [
        (
            "youtube/channel-page_videos-tab_UCs6nmQViDpUw0nuIx9c_WvA_2021_pytube.html",
            "UCs6nmQViDpUw0nuIx9c_WvA",
            1_380_000,
            "ProgrammingKnowledge",
        ),
        (
            "youtube/channel-page_videos-tab_UCs6nmQViDpUw0nuIx9c_WvA_2023_pytube.html",
            "UCs6nmQViDpUw0nuIx9c_WvA",
            1_650_000,
            "ProgrammingKnowledge",
        ),
        (
            "youtube/channel-page_shorts-tab_UCoLrcjPV5PbUrUyXq5mjc_A_2023_pytube.html",
            "UCoLrcjPV5PbUrUyXq5mjc_A",
            4_140_000,
            "MLB",
        ),
    ];
    for (file, id, subscribers, handle) in pages {
        let server = Loopback::start(vec![
            Route::get(&format!("/channel/{id}"), c(file)),
            Route::get(
                "/feeds/videos.xml",
                c("youtube/feeds-videos.xml_user-Kurzgesagt_newpipe.xml"),
            )
            .query(&[("channel_id", id)]),
        ])
        .await;
        let s = youtube(&server)
            .fetch(&input(&format!("yt:{id}")), &ctx(&NoCredentials))
            .await
            .expect(file)
            .snapshot;
        assert_eq!(s.profile.id, id, "{file}");
        assert_eq!(s.profile.followers, Some(subscribers), "{file}");
        assert_eq!(s.profile.handle, handle, "{file}");
        assert_eq!(s.profile.verified, Some(true), "{file}");
        assert!(!s.profile.links.is_empty(), "{file}");
        // The Kurzgesagt feed: 15 entries.
        assert_eq!(s.posts.len(), 15);
        assert_eq!(sum(&s.posts, |p| p.views), 34_402_499);
        assert_eq!(sum(&s.posts, |p| p.likes), 1_667_070);
    }
    // The trimmed PBS Space Time feed: one entry, 15020 ratings averaging 4.95.
    let page = raw(
        "channel_page",
        "https://www.youtube.com/@miragrows",
        200,
        fixture("youtube/channel_page_miragrows.html"),
    );
    let feed = raw(
        "feed",
        "https://www.youtube.com/feeds/videos.xml?channel_id=x",
        200,
        c("youtube/feeds-videos.xml_PBSSpaceTime_trimmed_feed-rs.xml"),
    );
    let s = youtube(&Loopback::start(vec![]).await)
        .reparse(&[page.clone(), feed], at())
        .expect("PBS feed");
    assert_eq!(
        (s.posts.len(), s.posts[0].views, s.posts[0].likes),
        (1, Some(304_321), Some(14_832))
    );
    // The 404 page of an unavailable channel's feed.
    let gone = raw(
        "feed",
        "https://www.youtube.com/feeds/videos.xml?channel_id=x",
        404,
        c("youtube/feeds-videos.xml_notavailable-404_newpipe.html"),
    );
    let s = youtube(&Loopback::start(vec![]).await)
        .reparse(&[page, gone], at())
        .expect("404 feed");
    assert!(s.is_missing(Part::Posts));
}

#[tokio::test]
async fn youtube_innertube_browse_is_channel_page_data() {
    if !has_corpus("connectors::corpus::youtube_innertube_browse_is_channel_page_data") {
        return;
    }
    let cases = [
        (
            "youtube/innertube-browse_channel_kurzgesagt_newpipe.json",
            "UCsXVk37bltHxD1rDPwtNM8Q",
            25_000_000,
            "kurzgesagt",
            Some(337),
        ),
        (
            "youtube/innertube-browse_channel_gronkh_newpipe.json",
            "UCYJ61XIK64sp6ZFFS8sctxw",
            5_040_000,
            "gronkh",
            Some(18_000),
        ),
        (
            "youtube/innertube-browse_channel_vsauce_newpipe.json",
            "UC6nSFpj9HTCZ5t-N3Rm3-HA",
            24_600_000,
            "Vsauce",
            Some(636),
        ),
        (
            "youtube/innertube-browse_channel-videos-tab_newpipe.json",
            "UCTwECeGqMZee77BjdoYtI2Q",
            8_840,
            "creativecommons",
            Some(258),
        ),
    ];
    let source = youtube(&Loopback::start(vec![]).await);
    for (file, id, subscribers, handle, videos) in cases {
        let page = raw(
            "channel_page",
            "https://www.youtube.com/@x",
            200,
            page_with("ytInitialData", &c(file)),
        );
        let s = source.reparse(&[page], at()).expect(file);
        assert_eq!(s.profile.id, id, "{file}");
        assert_eq!(s.profile.followers, Some(subscribers), "{file}");
        assert_eq!(s.profile.handle, handle, "{file}");
        assert_eq!(s.profile.posts_count, videos, "{file}");
        assert!(s.warnings.iter().any(|w| w.contains("rounded")), "{file}");
    }
}

#[tokio::test]
async fn youtube_watch_page_data_names_the_channel() {
    if !has_corpus("connectors::corpus::youtube_watch_page_data_names_the_channel") {
        return;
    }
    let cases = [
        (
            page_with(
                "ytInitialPlayerResponse",
                &c("youtube/innertube-player_video-2isYuQZMbdU_mrbeast_invidious-mocks.json"),
            ),
            "UCX6OQ3DkcsbYNE6H8uQQuVA",
        ),
        (
            page_with(
                "ytInitialData",
                &c("youtube/innertube-next_video-2isYuQZMbdU_mrbeast_invidious-mocks.json"),
            ),
            "UCX6OQ3DkcsbYNE6H8uQQuVA",
        ),
        (
            page_with(
                "ytInitialData",
                &c("youtube/innertube-next_video-watch_thomas_newpipe.json"),
            ),
            "UCvRRPcBHKCaD4CQoTjKMtwg",
        ),
    ];
    for (watch, channel) in cases {
        let server = Loopback::start(vec![
            Route::get("/watch", watch).query(&[("v", "2isYuQZMbdU")]),
            Route::get(
                &format!("/channel/{channel}"),
                c("youtube/channel-page_videos-tab_UCs6nmQViDpUw0nuIx9c_WvA_2023_pytube.html"),
            ),
            Route::get(
                "/feeds/videos.xml",
                c("youtube/feeds-videos.xml_PBSSpaceTime_trimmed_feed-rs.xml"),
            ),
        ])
        .await;
        youtube(&server)
            .fetch(
                &input("https://www.youtube.com/watch?v=2isYuQZMbdU"),
                &ctx(&NoCredentials),
            )
            .await
            .expect(channel);
        assert_eq!(server.lines()[1], format!("/channel/{channel}"));
    }
}

#[tokio::test]
async fn youtube_data_api_responses() {
    if !has_corpus("connectors::corpus::youtube_data_api_responses") {
        return;
    }
    let mut key = HashMap::new();
    key.insert(SecretName::YoutubeApiKey, "AIzaCorpusKey".to_string());
    let server = Loopback::start(vec![
        Route::get(
            "/youtube/v3/channels",
            c("youtube/data-api-v3_channels.list_GoogleDevelopers_python-youtube.json"),
        ),
        Route::get(
            "/youtube/v3/playlistItems",
            c("youtube/data-api-v3_playlistItems.list_p1_python-youtube.json"),
        ),
        Route::get(
            "/youtube/v3/videos",
            c("youtube/data-api-v3_videos.list_with-statistics_python-youtube.json"),
        ),
        Route::get(
            "/youtube/v3/commentThreads",
            c("youtube/data-api-v3_commentThreads.list_by-video_p1_python-youtube.json"),
        ),
    ])
    .await;
    let fetched = youtube(&server)
        .fetch(&input("yt:UC_x5XG1OV2P6uZZ5FSM9Ttw"), &ctx(&key))
        .await
        .expect("API vet");
    let s = &fetched.snapshot;
    assert_eq!(
        (
            s.profile.followers,
            s.profile.total_views,
            s.profile.posts_count
        ),
        (Some(1_927_873), Some(160_361_638), Some(5026))
    );
    assert_eq!(s.profile.handle, "googledevelopers");
    // No contentDetails in this capture: the uploads playlist is derived from the id.
    let playlist = server
        .seen()
        .into_iter()
        .find(|r| r.path.ends_with("playlistItems"))
        .unwrap();
    assert!(playlist.query.contains(&(
        "playlistId".to_string(),
        "UU_x5XG1OV2P6uZZ5FSM9Ttw".to_string()
    )));
    // One page of 10 ids with a next-page token: the repeated page adds nothing, paging stops.
    assert_eq!(
        server
            .lines()
            .iter()
            .filter(|l| l.starts_with("/youtube/v3/playlistItems"))
            .count(),
        2
    );
    assert_eq!(s.posts.len(), 1);
    let p = &s.posts[0];
    assert_eq!(
        (p.views, p.likes, p.replies, p.duration_secs),
        (Some(7920), Some(190), Some(32), Some(1267))
    );
    assert_eq!(s.comments.len(), 5);
    assert_eq!(s.comments.iter().filter_map(|c| c.likes).sum::<u64>(), 6);

    let source = youtube(&server);
    let other = |role: &str, file: &str| {
        raw(
            role,
            "https://www.googleapis.com/youtube/v3/x?id=UCK8sQmJBp8GCxrOtXWBpyEA&key=REDACTED",
            200,
            c(file),
        )
    };
    let s = source
        .reparse(
            &[
                other(
                    "channels",
                    "youtube/data-api-v3_channels.list_multiple_python-youtube.json",
                ),
                other(
                    "videos",
                    "youtube/data-api-v3_videos.list_multi_python-youtube.json",
                ),
                other(
                    "comments:F1UP7wRCPH8",
                    "youtube/data-api-v3_commentThreads.list_by-video_p2_python-youtube.json",
                ),
            ],
            at(),
        )
        .expect("second capture");
    assert_eq!(
        (s.profile.id.as_str(), s.profile.followers),
        ("UCK8sQmJBp8GCxrOtXWBpyEA", Some(10_700_000))
    );
    assert_eq!(s.posts.len(), 2);
    assert!(
        s.posts.iter().all(|p| p.views.is_none()),
        "this capture has no statistics part"
    );
    assert_eq!(s.comments.len(), 5);
}

#[tokio::test]
async fn mastodon_captures() {
    if !has_corpus("connectors::corpus::mastodon_captures") {
        return;
    }
    let own = "109281650341067731";
    let mut routes = vec![
        Route::get(
            "/api/v1/accounts/lookup",
            c("mastodon/accounts-get_social.tchncs.de_rtoot.json"),
        ),
        Route::get(
            &format!("/api/v1/accounts/{own}/statuses"),
            c("mastodon/accounts-statuses_social.tchncs.de_rtoot.json"),
        ),
        Route::get(
            &format!("/api/v1/accounts/{own}/followers"),
            c("mastodon/accounts-followers_social.tchncs.de_rtoot.json"),
        ),
        Route::get(
            "/api/v1/statuses/109303266941599451/context",
            c("mastodon/statuses-context_mastodon.social_large_rtoot.json"),
        ),
    ];
    for id in [
        "109303349968097604",
        "109297906588482057",
        "109296435879751800",
    ] {
        routes.push(Route::get(
            &format!("/api/v1/statuses/{id}/context"),
            c("mastodon/statuses-context_with-ancestors_social.tchncs.de_rtoot.json"),
        ));
    }
    let server = Loopback::start(routes).await;
    let source = MastodonSource::with_base_url(client(), server.url());
    let fetched = source
        .fetch(
            &input("@chainsawriot@social.tchncs.de"),
            &ctx(&NoCredentials),
        )
        .await
        .expect("vet");
    server.assert_all_matched();
    let s = &fetched.snapshot;
    assert_eq!(s.profile.followers, Some(44));
    // 20 statuses: 1 boost, 3 replies to others, 16 originals (2 of them self-replies).
    assert_eq!(s.posts.len(), 16);
    assert_eq!(
        s.other_posts
            .iter()
            .filter(|p| p.kind == PostKind::Repost)
            .count(),
        1
    );
    assert_eq!(
        s.other_posts
            .iter()
            .filter(|p| p.kind == PostKind::Reply)
            .count(),
        3
    );
    assert_eq!(
        (
            sum(&s.posts, |p| p.likes),
            sum(&s.posts, |p| p.reposts),
            sum(&s.posts, |p| p.replies)
        ),
        (13, 2, 5)
    );
    assert_eq!(s.comments.len(), 129);
    assert_eq!(s.follower_sample.as_ref().map(Vec::len), Some(3));

    // Every other capture of a kind the connector reads.
    let lookup = |file: &str| {
        raw(
            "lookup",
            "https://x.example/api/v1/accounts/lookup?acct=someone",
            200,
            c(file),
        )
    };
    for file in [
        "mastodon/accounts-lookup_mastodonpy_test_localinstance_mastodonpy.json",
        "mastodon/docs-example_accounts-get_local-user_Gargron.json",
        "mastodon/docs-example_accounts-get_remote-user.json",
        "mastodon/docs-example_entity-Account.json",
    ] {
        source.reparse(&[lookup(file)], at()).expect(file);
    }
    let err = source
        .reparse(
            &[lookup(
                "mastodon/docs-example_accounts-get_suspended-user.json",
            )],
            at(),
        )
        .unwrap_err();
    assert_eq!(err.code(), "unavailable");
    let mut gone = lookup("mastodon/accounts-lookup_notfound-404_localinstance_mastodonpy.json");
    gone.status = 404;
    assert_eq!(
        source.reparse(&[gone], at()).unwrap_err().code(),
        "not_found"
    );
    let base = lookup("mastodon/accounts-get_social.tchncs.de_rtoot.json");
    for file in [
        "mastodon/accounts-followers_social.tchncs.de_rtoot.json",
        "mastodon/accounts-following_social.tchncs.de_rtoot.json",
        "mastodon/directory_mastodon.social_rtoot.json",
        "mastodon/statuses-favourited_by_mastodon.social_rtoot.json",
    ] {
        let s = source
            .reparse(
                &[
                    base.clone(),
                    raw("followers:1", "https://x.example/f", 200, c(file)),
                ],
                at(),
            )
            .expect(file);
        assert!(!s.follower_sample.unwrap().is_empty(), "{file}");
    }
    let array = |bytes: Vec<u8>| [b"[".to_vec(), bytes, b"]".to_vec()].concat();
    for (file, wrap) in [
        (
            "mastodon/accounts-statuses_pinned_localinstance_mastodonpy.json",
            false,
        ),
        ("mastodon/statuses-get_localinstance_mastodonpy.json", true),
        (
            "mastodon/statuses-get_mastodon.social_anonymous_rtoot.json",
            true,
        ),
        ("mastodon/statuses-get_social.tchncs.de_rtoot.json", true),
        ("mastodon/docs-example_entity-Status.json", true),
        ("mastodon/docs-example_statuses-get.json", true),
    ] {
        let body = if wrap { array(c(file)) } else { c(file) };
        let s = source
            .reparse(
                &[
                    base.clone(),
                    raw("statuses:1", "https://x.example/s", 200, body),
                ],
                at(),
            )
            .expect(file);
        assert_eq!(s.posts.len() + s.other_posts.len(), 1, "{file}");
    }
}

#[tokio::test]
async fn instagram_graph_captures() {
    if !has_corpus("connectors::corpus::instagram_graph_captures") {
        return;
    }
    let mut creds = HashMap::new();
    creds.insert(
        SecretName::InstagramGraphToken,
        "EAACorpusToken".to_string(),
    );
    creds.insert(
        SecretName::InstagramGraphUserId,
        "17841400000000001".to_string(),
    );
    let cases = [
        (
            "instagram/graph-api-v14_business_discovery_bluebottle_instagram-apis-rs.json",
            "bluebottle",
            419_369,
            30,
            42_812,
            400,
        ),
        (
            "instagram/graph-api-v14_business_discovery_qq122755990_instagram-apis-rs.json",
            "qq122755990",
            26,
            1,
            2,
            3,
        ),
    ];
    for (file, name, followers, posts, likes, comments) in cases {
        let server =
            Loopback::start(vec![Route::get("/graph/v19.0/17841400000000001", c(file))]).await;
        let source = InstagramSource::with_base_urls(
            client(),
            server.url(),
            server.url_with("/graph/v19.0"),
        );
        let s = source
            .fetch(&input(&format!("ig:{name}")), &ctx(&creds))
            .await
            .expect(file)
            .snapshot;
        assert_eq!(s.profile.followers, Some(followers), "{file}");
        assert_eq!(s.posts.len(), posts, "{file}");
        assert_eq!(sum(&s.posts, |p| p.likes), likes, "{file}");
        assert_eq!(sum(&s.posts, |p| p.replies), comments, "{file}");
    }
    for file in [
        "instagram/graph-api-v14_business_discovery_err-not-exists_instagram-apis-rs.json",
        "instagram/graph-api-v14_business_discovery_err-not-business_instagram-apis-rs.json",
    ] {
        let server = Loopback::start(vec![
            Route::get("/graph/v19.0/17841400000000001", c(file)).status(400),
            Route::get("/api/v1/users/web_profile_info/", "").status(404),
        ])
        .await;
        let source = InstagramSource::with_base_urls(
            client(),
            server.url(),
            server.url_with("/graph/v19.0"),
        );
        let err = source
            .fetch(&input("ig:heyongpeng"), &ctx(&creds))
            .await
            .unwrap_err();
        assert_eq!(err.code(), "not_found", "{file}: {err}");
    }
}

#[tokio::test]
async fn twitch_captures() {
    if !has_corpus("connectors::corpus::twitch_captures") {
        return;
    }
    let mut creds = HashMap::new();
    creds.insert(SecretName::TwitchClientId, "corpusclientid".to_string());
    creds.insert(SecretName::TwitchClientSecret, "corpussecret".to_string());
    for (file, views) in [
        ("twitch/helix-users_day9tv_ruby-twitch-api.json", None),
        (
            "twitch/helix-users_day9tv_2021_ruby-twitch-api.json",
            Some(87_906_798),
        ),
    ] {
        let server = Loopback::start(vec![
            Route::post("/oauth2/token", fixture("twitch/token.json")),
            Route::get("/helix/users", c(file)),
            Route::get(
                "/helix/channels/followers",
                fixture("twitch/channel_followers_scoutdemo.json"),
            ),
            Route::get(
                "/helix/videos",
                c("twitch/helix-videos_vgbootcamp_ruby-twitch-api.json"),
            ),
        ])
        .await;
        let source = TwitchSource::with_base_urls(client(), server.url(), server.url());
        let s = source
            .fetch(&input("twitch:day9tv"), &ctx(&creds))
            .await
            .expect(file)
            .snapshot;
        assert_eq!(
            (s.profile.id.as_str(), s.profile.total_views),
            ("18587270", views),
            "{file}"
        );
        assert_eq!(s.profile.verified, Some(true));
        assert_eq!(s.posts.len(), 20);
        assert_eq!(sum(&s.posts, |p| p.views), 5_443);
        assert_eq!(sum(&s.posts, |p| p.duration_secs), 36_567);
    }
    let server = Loopback::start(vec![
        Route::post("/oauth2/token", fixture("twitch/token.json")),
        Route::get(
            "/helix/users",
            c("twitch/helix-users_401-client-id-missing_ruby-twitch-api.json"),
        )
        .status(401),
    ])
    .await;
    let err = TwitchSource::with_base_urls(client(), server.url(), server.url())
        .fetch(&input("twitch:day9tv"), &ctx(&creds))
        .await
        .unwrap_err();
    assert_eq!(err.code(), "credentials", "{err}");
    let server = Loopback::start(vec![
        Route::post(
            "/oauth2/token",
            c("twitch/id-oauth2-validate_401_ruby-twitch-api.json"),
        )
        .status(401),
    ])
    .await;
    let err = TwitchSource::with_base_urls(client(), server.url(), server.url())
        .fetch(&input("twitch:day9tv"), &ctx(&creds))
        .await
        .unwrap_err();
    assert_eq!(err.code(), "credentials", "{err}");
}
