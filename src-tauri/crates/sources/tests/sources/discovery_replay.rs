//! Discovery requests over the loopback replay server, with the repository's
//! discovery fixtures (`tests/fixtures/<source>/discovery/`, written in the
//! formats of the captured responses; the people in them are invented):
//! paging to a last page without a cursor, counts from `getProfiles`, a 403 for
//! post search without a session, a 429 in the middle of a run, empty pages,
//! YouTube continuations and the Twitch app token.

use scout_core::Platform;
use scout_sources::discovery::Hit;
use scout_sources::discovery::bluesky::BlueskyDiscovery;
use scout_sources::discovery::mastodon::MastodonDiscovery;
use scout_sources::discovery::twitch::TwitchDiscovery;
use scout_sources::discovery::youtube::YoutubeDiscovery;
use scout_sources::http::{HttpClient, HttpConfig};
use scout_sources::twitch::TwitchSource;
use scout_sources::{CredentialProblem, NoCredentials, SecretName, SourceError};
use std::collections::HashMap;
use url::Url;

use crate::replay::{ReplayServer, Reply, Route, fixture};

fn client() -> HttpClient {
    HttpClient::new(HttpConfig::for_tests()).expect("client")
}

fn url(server: &ReplayServer) -> Url {
    Url::parse(&server.base_url).unwrap()
}

fn bluesky(server: &ReplayServer) -> BlueskyDiscovery {
    BlueskyDiscovery::with_base_urls(
        client(),
        url(server),
        Url::parse(&server.url("/pds")).unwrap(),
    )
}

const MAYA: &str = "did:plc:m4y4lun3soins7x2k9q0wrtz";
const ECO: &str = "did:plc:3c0sk1nc4r3l4bz9y8x7w6v";

fn actor_routes(page2: Vec<Reply>) -> Vec<Route> {
    let mut p2 = Route::get("/xrpc/app.bsky.actor.searchActors").query("cursor", "3");
    for r in page2 {
        p2 = p2.reply(r);
    }
    vec![
        Route::get("/xrpc/app.bsky.actor.searchActors")
            .query("q", "skincare")
            .without_query("cursor")
            .reply(Reply::fixture(
                "bluesky/discovery/searchActors_skincare_p1.json",
            )),
        p2,
        Route::get("/xrpc/app.bsky.actor.getProfiles")
            .query("actors", MAYA)
            .reply(Reply::fixture(
                "bluesky/discovery/getProfiles_skincare_p1.json",
            )),
        Route::get("/xrpc/app.bsky.actor.getProfiles")
            .query("actors", ECO)
            .reply(Reply::fixture(
                "bluesky/discovery/getProfiles_skincare_p2.json",
            )),
    ]
}

#[tokio::test]
async fn bluesky_actor_search_pages_to_the_end_with_counts() {
    let server = ReplayServer::start(actor_routes(vec![Reply::fixture(
        "bluesky/discovery/searchActors_skincare_p2.json",
    )]))
    .await;
    let d = bluesky(&server);
    let p1 = d.search_actors("skincare", None, 1).await.expect("page 1");
    assert_eq!(p1.candidates.len(), 3);
    assert_eq!(p1.next.as_deref(), Some("3"));
    assert_eq!(
        p1.raw.len(),
        2,
        "searchActors + one getProfiles for 3 actors"
    );
    let maya = &p1.candidates[0];
    assert_eq!(
        (maya.handle.as_str(), maya.followers),
        ("mayalune.fr", Some(24_300))
    );
    assert_eq!(maya.posts_count, Some(1_874));
    assert_eq!(
        maya.links[0].url, "https://mayalune.fr",
        "a domain handle is an own site"
    );
    assert!(
        maya.links
            .iter()
            .any(|l| l.url == "https://linktr.ee/mayalune")
    );
    let p2 = d
        .search_actors("skincare", p1.next.as_deref(), 2)
        .await
        .expect("page 2");
    assert_eq!(p2.candidates.len(), 1);
    assert!(p2.next.is_none(), "the last page has no cursor");
    assert_eq!(p2.candidates[0].followers, Some(56_100));
    assert_eq!(
        server.hits("GET /xrpc/app.bsky.actor.searchActors?cursor=3"),
        1
    );
}

#[tokio::test]
async fn a_429_mid_run_is_retried_and_a_lasting_one_is_reported() {
    let server = ReplayServer::start(actor_routes(vec![
        Reply::status(429).header("Retry-After", "0"),
        Reply::fixture("bluesky/discovery/searchActors_skincare_p2.json"),
    ]))
    .await;
    let d = bluesky(&server);
    let p2 = d
        .search_actors("skincare", Some("3"), 2)
        .await
        .expect("retried");
    assert_eq!(p2.candidates.len(), 1);
    assert_eq!(
        server.hits("GET /xrpc/app.bsky.actor.searchActors?cursor=3"),
        2
    );

    let server = ReplayServer::start(actor_routes(vec![
        Reply::status(429).header("Retry-After", "0"),
    ]))
    .await;
    let err = bluesky(&server)
        .search_actors("skincare", Some("3"), 2)
        .await
        .expect_err("429 every time");
    assert!(
        matches!(
            err,
            SourceError::RateLimited {
                platform: Platform::Bluesky,
                ..
            }
        ),
        "{err}"
    );
}

#[tokio::test]
async fn an_empty_page_ends_the_search() {
    let server = ReplayServer::start(vec![
        Route::get("/xrpc/app.bsky.actor.searchActors")
            .reply(Reply::fixture("bluesky/discovery/searchActors_empty.json")),
        Route::get("/api/v1/timelines/tag/zerodechet").reply(Reply::fixture(
            "mastodon/discovery/timelines-tag_zerodechet_p2.json",
        )),
    ])
    .await;
    let p = bluesky(&server)
        .search_actors("nothing", None, 1)
        .await
        .unwrap();
    assert!(p.candidates.is_empty() && p.next.is_none());
    assert_eq!(p.raw.len(), 1, "no getProfiles call for an empty page");
    let m = MastodonDiscovery::with_base_url(client(), url(&server));
    let p = m
        .tag_timeline("mastodon.social", "zerodechet", None, 1)
        .await
        .unwrap();
    assert!(p.candidates.is_empty() && p.next.is_none());
}

#[tokio::test]
async fn post_search_without_a_session_is_a_403_that_asks_for_an_app_password() {
    let server = ReplayServer::start(vec![
        Route::get("/xrpc/app.bsky.feed.searchPosts").reply(Reply::status(403)),
        Route::post("/pds/xrpc/com.atproto.server.createSession").reply(Reply::status(401)),
    ])
    .await;
    let d = bluesky(&server);
    let err = d
        .search_posts("#zerodechet", &["zerodechet".into()], None, 1, None)
        .await
        .expect_err("403");
    assert!(
        matches!(&err, SourceError::Credentials { problem: CredentialProblem::Missing, which, .. } if which.contains("app password")),
        "{err}"
    );
    assert!(err.to_string().contains("scout keys set bluesky"), "{err}");
    // No password stored: no session request is sent.
    let err = d.session(&NoCredentials).await.expect_err("no password");
    assert!(matches!(
        err,
        SourceError::Credentials {
            problem: CredentialProblem::Missing,
            ..
        }
    ));
    assert_eq!(
        server.hits("POST /pds/xrpc/com.atproto.server.createSession"),
        0
    );
    // A wrong password: the PDS refuses, reported as invalid.
    let mut creds = HashMap::new();
    creds.insert(SecretName::BlueskyIdentifier, "scout.example".to_string());
    creds.insert(
        SecretName::BlueskyAppPassword,
        "xxxx-xxxx-xxxx-xxxx".to_string(),
    );
    let err = d.session(&creds).await.expect_err("refused");
    assert!(matches!(
        err,
        SourceError::Credentials {
            problem: CredentialProblem::Invalid,
            ..
        }
    ));
}

#[tokio::test]
async fn suggested_follows_carry_their_evidence() {
    let server = ReplayServer::start(vec![
        Route::get("/xrpc/app.bsky.graph.getSuggestedFollowsByActor")
            .query("actor", "mayalune.fr")
            .reply(Reply::fixture(
                "bluesky/discovery/getSuggestedFollowsByActor_mayalune.fr.json",
            )),
        Route::get("/xrpc/app.bsky.actor.getProfiles").reply(Reply::fixture(
            "bluesky/discovery/getProfiles_skincare_p1.json",
        )),
    ])
    .await;
    let p = bluesky(&server)
        .suggested_follows("mayalune.fr")
        .await
        .unwrap();
    assert_eq!(p.candidates.len(), 2);
    assert_eq!(
        p.candidates[0].hits,
        vec![Hit::Suggested {
            of: "mayalune.fr".into(),
            fallback: false
        }]
    );
    assert_eq!(
        p.candidates[0].followers,
        Some(8_900),
        "filled by getProfiles"
    );
}

#[tokio::test]
async fn mastodon_account_search_and_tag_timeline() {
    let server = ReplayServer::start(vec![
        Route::get("/api/v2/search")
            .query("q", "skincare")
            .query("type", "accounts")
            .reply(Reply::fixture(
                "mastodon/discovery/search-v2_q-skincare_mastodon.social.json",
            )),
        Route::get("/api/v1/timelines/tag/zerodechet")
            .without_query("max_id")
            .reply(Reply::fixture(
                "mastodon/discovery/timelines-tag_zerodechet_p1.json",
            )),
    ])
    .await;
    let m = MastodonDiscovery::with_base_url(client(), url(&server));
    let p = m
        .search_accounts("mastodon.social", "skincare")
        .await
        .unwrap();
    // 3 accounts, the bot left out.
    assert_eq!(p.candidates.len(), 2);
    let maya = &p.candidates[0];
    assert_eq!(maya.id, "maya@mastodon.social");
    assert_eq!(maya.followers, Some(6_120));
    let site = maya
        .links
        .iter()
        .find(|l| l.url == "https://mayalune.fr")
        .unwrap();
    assert_eq!(
        site.verified_at.as_deref(),
        Some("2026-03-02T18:11:40.512+00:00")
    );
    assert_eq!(p.candidates[1].id, "rina@eldritch.cafe");

    let p = m
        .tag_timeline("mastodon.social", "zerodechet", None, 1)
        .await
        .unwrap();
    assert_eq!(p.candidates.len(), 2);
    assert!(p.next.is_none(), "fewer than 40 statuses: the last page");
    assert!(
        matches!(&p.candidates[0].hits[0], Hit::Hashtag { tag, excerpt, .. } if tag == "zerodechet" && excerpt.starts_with("Mon baume"))
    );
}

#[tokio::test]
async fn youtube_keyless_search_follows_continuations_to_the_last_page() {
    let server = ReplayServer::start(vec![
        Route::get("/results")
            .query("search_query", "sustainable skincare")
            .reply(
                Reply::status(200)
                    .header("content-type", "text/html; charset=utf-8")
                    .body(fixture(
                        "youtube/discovery/results-page_q-sustainable-skincare.html",
                    )),
            ),
        Route::post("/youtubei/v1/search")
            .reply(Reply::fixture(
                "youtube/discovery/innertube-search_continuation_p2.json",
            ))
            .then(Reply::fixture(
                "youtube/discovery/innertube-search_continuation_last-page.json",
            )),
    ])
    .await;
    let y = YoutubeDiscovery::with_base_urls(
        client(),
        url(&server),
        Url::parse(&server.url("/youtube/v3")).unwrap(),
    );
    let (p1, cont) = y.results_page("sustainable skincare").await.unwrap();
    assert_eq!(p1.candidates.len(), 2);
    assert_eq!(p1.candidates[0].handle, "MayaLuneSoins");
    assert_eq!(
        (
            p1.candidates[0].followers,
            p1.candidates[0].followers_rounded
        ),
        (Some(48_200), true)
    );
    assert_eq!(p1.candidates[1].followers, Some(1_310_000));
    let cont = cont.expect("a continuation");
    assert_eq!(cont.client_version, "2.20261101.01.00");
    let (p2, cont) = y
        .continuation("sustainable skincare", &cont, 2)
        .await
        .unwrap();
    assert_eq!(p2.candidates[0].handle, "ZeroWasteBeautyLab");
    let (p3, cont) = y
        .continuation("sustainable skincare", &cont.unwrap(), 3)
        .await
        .unwrap();
    assert!(
        p3.candidates.is_empty() && cont.is_none(),
        "No more results"
    );
    assert_eq!(server.hits("POST /youtubei/v1/search"), 2);
}

#[tokio::test]
async fn twitch_channel_search_with_the_app_token() {
    let server = ReplayServer::start(vec![
        Route::post("/oauth2/token").reply(Reply::fixture("twitch/token.json")),
        Route::get("/helix/search/channels")
            .query("query", "skincare")
            .reply(Reply::fixture(
                "twitch/discovery/helix-search-channels_q-skincare.json",
            )),
    ])
    .await;
    let source = TwitchSource::with_base_urls(client(), url(&server), url(&server));
    let t = TwitchDiscovery::new(source);
    let err = t
        .search(&NoCredentials, "skincare", None, 1)
        .await
        .expect_err("no key");
    assert!(matches!(
        err,
        SourceError::Credentials {
            problem: CredentialProblem::Missing,
            ..
        }
    ));
    let mut creds = HashMap::new();
    creds.insert(SecretName::TwitchClientId, "cid".to_string());
    creds.insert(SecretName::TwitchClientSecret, "secret".to_string());
    let p = t.search(&creds, "skincare", None, 1).await.unwrap();
    assert_eq!(p.candidates.len(), 2);
    assert!(p.next.is_none(), "pagination {{}} on the last page");
    assert_eq!(p.candidates[0].language.as_deref(), Some("fr"));
    assert!(p.candidates[1].last_active.is_some(), "live: started_at");
    assert!(p.raw.iter().all(
        |r| !String::from_utf8_lossy(&r.body).contains("access_token\":\"")
            || String::from_utf8_lossy(&r.body).contains("REDACTED")
    ));
}

#[tokio::test]
async fn twitch_categories_streams_and_follower_totals_with_the_app_token() {
    let server = ReplayServer::start(vec![
        Route::post("/oauth2/token").reply(Reply::fixture("twitch/token.json")),
        Route::get("/helix/games/top")
            .query("first", "100")
            .reply(Reply::fixture("twitch/discovery/helix-games-top_first100.json")),
        Route::get("/helix/search/categories")
            .query("query", "skincare")
            .reply(Reply::fixture(
                "twitch/discovery/helix-search-categories_q-skincare.json",
            )),
        Route::get("/helix/streams")
            .query("game_id", "509658")
            .without_query("after")
            .reply(Reply::fixture(
                "twitch/discovery/helix-streams_game-509658_p1.json",
            )),
        Route::get("/helix/streams")
            .query("game_id", "509658")
            .query("after", "eyJiIjp7IkN1cnNvciI6ImV5SnpJam8wTVM0eE5qVTJPVEk0TVRFNU5ESXlPQ3dpWkNJNlptRnNjMlVzSW5RaU9uUnlkV1Y5In0sImEiOnsiQ3Vyc29yIjoiIn19")
            .reply(Reply::fixture(
                "twitch/discovery/helix-streams_game-509658_p2.json",
            )),
        Route::get("/helix/channels/followers")
            .query("broadcaster_id", "655012877")
            .query("first", "1")
            .reply(Reply::fixture("twitch/channel_followers_scoutdemo.json")),
    ])
    .await;
    let source = TwitchSource::with_base_urls(client(), url(&server), url(&server));
    let t = TwitchDiscovery::new(source);
    let mut creds = HashMap::new();
    creds.insert(SecretName::TwitchClientId, "cid".to_string());
    creds.insert(SecretName::TwitchClientSecret, "secret".to_string());
    let (top, _) = t.top_games(&creds).await.unwrap();
    assert_eq!(top.data.len(), 5);
    let (picks, raws) = t.categories(&creds, "skincare", Some(&top)).await.unwrap();
    assert_eq!(raws.len(), 1);
    // Just Chatting (#1), Sports (#5), then Science & Technology (not in the top list).
    let names: Vec<(&str, Option<u32>)> = picks.iter().map(|p| (p.name.as_str(), p.rank)).collect();
    assert_eq!(
        names,
        [
            ("Just Chatting", Some(1)),
            ("Sports", Some(5)),
            ("Science & Technology", None)
        ]
    );
    let p1 = t
        .streams(&creds, &picks[0], "skincare", None, 1)
        .await
        .unwrap();
    assert_eq!(p1.candidates.len(), 2);
    assert_eq!(p1.candidates[0].handle, "glowcast");
    assert!(matches!(
        &p1.candidates[0].hits[..],
        [Hit::LiveInCategory { category, rank: Some(1), viewers: Some(412), .. }] if category == "Just Chatting"
    ));
    assert_eq!(p1.candidates[1].language.as_deref(), Some("fr"));
    let p2 = t
        .streams(&creds, &picks[0], "skincare", p1.next.as_deref(), 2)
        .await
        .unwrap();
    assert_eq!(p2.candidates[0].handle, "dermadaily");
    assert!(p2.next.is_none(), "pagination {{}} on the last page");
    assert_eq!(
        t.follower_total(&creds, "655012877").await.unwrap(),
        Some(48_211)
    );
    // An unknown category answers 404 here: an HTTP error, not a silent empty page.
    let e = t
        .streams(&creds, &picks[2], "skincare", None, 1)
        .await
        .expect_err("no route");
    assert!(matches!(e, SourceError::Http { status: 404, .. }), "{e:?}");
    assert_eq!(server.hits("POST /oauth2/token"), 1, "one app token");
}
