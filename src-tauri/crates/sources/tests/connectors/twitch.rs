//! Twitch against `tests/fixtures/twitch/` (figures in its README).

use std::collections::HashMap;

use scout_core::{AccountRef, Part};
use scout_sources::twitch::TwitchSource;
use scout_sources::{NoCredentials, SecretName, Source};

use crate::loopback::{Loopback, Route, client, fixture};
use crate::{ctx, sum};

const TOKEN: &str = "8k3xq0w1rz5ty7ub2vn4mc6ld9hgfs";
const CLIENT_SECRET: &str = "s3cr3t-client-secret-value";

fn creds() -> HashMap<SecretName, String> {
    let mut c = HashMap::new();
    c.insert(SecretName::TwitchClientId, "scoutclientid123".to_string());
    c.insert(SecretName::TwitchClientSecret, CLIENT_SECRET.to_string());
    c
}

fn scoutdemo() -> AccountRef {
    scout_sources::parse_input("https://www.twitch.tv/ScoutDemo").expect("a Twitch URL")
}

fn routes() -> Vec<Route> {
    vec![
        Route::post("/oauth2/token", fixture("twitch/token.json")),
        Route::get("/helix/users", fixture("twitch/users_scoutdemo.json"))
            .query(&[("login", "scoutdemo")]),
        Route::get(
            "/helix/channels/followers",
            fixture("twitch/channel_followers_scoutdemo.json"),
        )
        .query(&[("broadcaster_id", "712345678"), ("first", "1")]),
        Route::get("/helix/videos", fixture("twitch/videos_scoutdemo.json"))
            .query(&[("user_id", "712345678"), ("first", "50")]),
    ]
}

fn source(server: &Loopback) -> TwitchSource {
    TwitchSource::with_base_urls(client(), server.url(), server.url())
}

#[tokio::test]
async fn vet_reads_channel_followers_and_videos() {
    let server = Loopback::start(routes()).await;
    let source = source(&server);
    let fetched = source
        .fetch(&scoutdemo(), &ctx(&creds()))
        .await
        .expect("vet");
    server.assert_all_matched();
    let s = &fetched.snapshot;
    assert_eq!(s.profile.id, "712345678");
    assert_eq!(s.profile.handle, "scoutdemo");
    assert_eq!(s.profile.followers, Some(48_211));
    assert_eq!(
        s.profile.total_views, None,
        "view_count 0 is Twitch's deprecated placeholder"
    );
    assert_eq!(s.profile.labels, vec!["affiliate"]);
    assert_eq!(s.posts.len(), 6);
    assert_eq!(sum(&s.posts, |p| p.views), 18_807);
    assert_eq!(sum(&s.posts, |p| p.duration_secs), 38_084);
    assert_eq!(s.posts[0].id, "2281000006");
    assert!(s.posts.iter().all(|p| p.likes.is_none()));
    for part in [Part::Likes, Part::Comments, Part::FollowerSample] {
        assert!(s.is_missing(part), "{part:?}");
    }

    // The token request carried the form; the stored response does not carry the token.
    let seen = server.seen();
    let post = seen.iter().find(|r| r.method == "POST").unwrap();
    assert!(
        post.body.contains("grant_type=client_credentials"),
        "{}",
        post.body
    );
    let users = seen.iter().find(|r| r.path == "/helix/users").unwrap();
    assert_eq!(
        users.header("authorization"),
        Some(format!("Bearer {TOKEN}").as_str())
    );
    assert_eq!(users.header("client-id"), Some("scoutclientid123"));
    assert_eq!(fetched.raw.len(), 4);
    for raw in &fetched.raw {
        let body = String::from_utf8_lossy(&raw.body);
        assert!(
            !body.contains(TOKEN) && !raw.url.contains(TOKEN),
            "token leaked in {}",
            raw.role
        );
        assert!(
            !body.contains(CLIENT_SECRET) && !raw.url.contains(CLIENT_SECRET),
            "secret leaked in {}",
            raw.role
        );
    }
    assert!(String::from_utf8_lossy(&fetched.raw[0].body).contains("REDACTED"));

    // The token is cached: a second vet asks for none.
    source
        .fetch(&scoutdemo(), &ctx(&creds()))
        .await
        .expect("second vet");
    assert_eq!(
        server.seen().iter().filter(|r| r.method == "POST").count(),
        1
    );
    assert_eq!(
        source.reparse(&fetched.raw, s.fetched_at).expect("reparse"),
        *s
    );
}

#[tokio::test]
async fn missing_keys_are_a_credentials_error() {
    let server = Loopback::start(routes()).await;
    let source = source(&server);
    let err = source
        .fetch(&scoutdemo(), &ctx(&NoCredentials))
        .await
        .unwrap_err();
    assert_eq!(err.code(), "credentials");
    assert!(err.to_string().contains("scout keys set twitch"), "{err}");
    assert!(server.seen().is_empty());
    assert!(
        source
            .capabilities(&NoCredentials)
            .contains("no keyless access")
    );
}

#[tokio::test]
async fn expired_token_is_refreshed_once() {
    let mut r = vec![
        Route::get("/helix/users", fixture("twitch/unauthorized.json"))
            .status(401)
            .times(1),
    ];
    r.extend(routes());
    let server = Loopback::start(r).await;
    let source = source(&server);
    let fetched = source
        .fetch(&scoutdemo(), &ctx(&creds()))
        .await
        .expect("vet after a refresh");
    assert_eq!(fetched.snapshot.profile.followers, Some(48_211));
    assert_eq!(
        server.seen().iter().filter(|r| r.method == "POST").count(),
        2
    );
}

#[tokio::test]
async fn rejected_credentials() {
    let server = Loopback::start(vec![
        Route::post("/oauth2/token", fixture("twitch/token.json")),
        Route::get("/helix/users", fixture("twitch/unauthorized.json")).status(401),
    ])
    .await;
    let err = source(&server)
        .fetch(&scoutdemo(), &ctx(&creds()))
        .await
        .unwrap_err();
    assert_eq!(err.code(), "credentials", "{err}");
    assert!(err.to_string().contains("invalid or expired"), "{err}");

    let server = Loopback::start(vec![
        Route::post("/oauth2/token", fixture("twitch/token_invalid_secret.json")).status(403),
    ])
    .await;
    let err = source(&server)
        .fetch(&scoutdemo(), &ctx(&creds()))
        .await
        .unwrap_err();
    assert_eq!(err.code(), "credentials", "{err}");
    assert!(err.to_string().contains("Twitch client secret"), "{err}");
    assert!(!err.to_string().contains(CLIENT_SECRET));
}

#[tokio::test]
async fn unknown_channel_is_not_found() {
    let server = Loopback::start(vec![
        Route::post("/oauth2/token", fixture("twitch/token.json")),
        Route::get("/helix/users", fixture("twitch/users_empty.json")),
    ])
    .await;
    let err = source(&server)
        .fetch(&scoutdemo(), &ctx(&creds()))
        .await
        .unwrap_err();
    assert_eq!(err.code(), "not_found", "{err}");
    assert!(err.to_string().contains("scoutdemo"), "{err}");
}

#[tokio::test]
async fn rate_limited_videos_are_retried() {
    let mut r = vec![
        Route::get("/helix/videos", "")
            .status(429)
            .header("Retry-After", "0")
            .times(2),
    ];
    r.extend(routes());
    let server = Loopback::start(r).await;
    let fetched = source(&server)
        .fetch(&scoutdemo(), &ctx(&creds()))
        .await
        .expect("vet after two 429s");
    assert_eq!(fetched.snapshot.posts.len(), 6);
    assert_eq!(
        server
            .lines()
            .iter()
            .filter(|l| l.starts_with("/helix/videos"))
            .count(),
        3
    );
}
