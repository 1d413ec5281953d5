//! Instagram against `tests/fixtures/instagram/` (figures in its README).

use std::collections::HashMap;

use scout_core::{AccountRef, Part};
use scout_sources::instagram::InstagramSource;
use scout_sources::{NoCredentials, SecretName, Source};

use crate::loopback::{Loopback, Route, client, fixture};
use crate::{ctx, sum};

const WEB_PATH: &str = "/api/v1/users/web_profile_info/";
const GRAPH_PATH: &str = "/graph/v19.0/17841400000000001";
const GRAPH_TOKEN: &str = "EAAGraphTokenForTests000000";

fn mira() -> AccountRef {
    scout_sources::parse_input("https://www.instagram.com/mira.grows/").expect("an Instagram URL")
}

fn graph_creds() -> HashMap<SecretName, String> {
    let mut c = HashMap::new();
    c.insert(SecretName::InstagramGraphToken, GRAPH_TOKEN.to_string());
    c.insert(
        SecretName::InstagramGraphUserId,
        "17841400000000001".to_string(),
    );
    c
}

fn source(server: &Loopback) -> InstagramSource {
    InstagramSource::with_base_urls(client(), server.url(), server.url_with("/graph/v19.0"))
}

fn web_route() -> Route {
    Route::get(
        WEB_PATH,
        fixture("instagram/web_profile_info_mira.grows.json"),
    )
    .query(&[("username", "mira.grows")])
}

#[tokio::test]
async fn public_web_profile() {
    let server = Loopback::start(vec![web_route()]).await;
    let fetched = source(&server)
        .fetch(&mira(), &ctx(&NoCredentials))
        .await
        .expect("vet");
    server.assert_all_matched();
    assert_eq!(
        server.seen()[0].header("x-ig-app-id"),
        Some("936619743392459")
    );
    let s = &fetched.snapshot;
    assert_eq!(s.profile.id, "58230911475");
    assert_eq!(s.profile.followers, Some(48_730));
    assert_eq!(s.profile.following, Some(412));
    assert_eq!(s.profile.posts_count, Some(318));
    assert_eq!(
        s.profile.links,
        vec![
            "https://mira-grows.example/",
            "https://shop.mira-grows.example/"
        ]
    );
    assert_eq!(s.posts.len(), 6);
    assert_eq!(s.posts[0].id, "DBx1aSidE06");
    assert_eq!(sum(&s.posts, |p| p.likes), 4_400);
    assert_eq!(sum(&s.posts, |p| p.replies), 158);
    assert_eq!(sum(&s.posts, |p| p.views), 49_920);
    // The hidden like count is unknown, never zero.
    let hidden: Vec<_> = s.posts.iter().filter(|p| p.likes_hidden).collect();
    assert_eq!(hidden.len(), 1);
    assert_eq!(
        (hidden[0].id.as_str(), hidden[0].likes),
        ("DBx1aHidE04", None)
    );
    assert!(s.is_missing(Part::Likes));
    // Brand partner tagged → the platform's own paid-partnership signal.
    assert_eq!(
        s.posts
            .iter()
            .filter(|p| p.sponsored_label == Some(true))
            .count(),
        1
    );
    assert_eq!(
        s.posts
            .iter()
            .find(|p| p.id == "DBx1aReeL05")
            .unwrap()
            .url
            .as_deref(),
        Some("https://www.instagram.com/reel/DBx1aReeL05/")
    );
    assert!(s.is_missing(Part::Comments) && s.is_missing(Part::FollowerSample));
    assert_eq!(
        source(&server).reparse(&fetched.raw, s.fetched_at).unwrap(),
        *s
    );
}

#[tokio::test]
async fn graph_business_discovery() {
    let server = Loopback::start(vec![Route::get(
        GRAPH_PATH,
        fixture("instagram/graph_business_discovery_mira.grows.json"),
    )])
    .await;
    let fetched = source(&server)
        .fetch(&mira(), &ctx(&graph_creds()))
        .await
        .expect("vet");
    server.assert_all_matched();
    let seen = &server.seen()[0];
    let fields = seen
        .query
        .iter()
        .find(|(k, _)| k == "fields")
        .map(|(_, v)| v.as_str())
        .unwrap();
    assert!(
        fields.starts_with("business_discovery.username(mira.grows){followers_count"),
        "{fields}"
    );
    assert!(
        fields.contains("media.limit(50){caption,like_count,comments_count"),
        "{fields}"
    );
    let raw = &fetched.raw[0];
    assert!(
        raw.url.contains("access_token=REDACTED") && !raw.url.contains(GRAPH_TOKEN),
        "{}",
        raw.url
    );
    let s = &fetched.snapshot;
    assert_eq!(s.profile.id, "58230911475");
    assert_eq!(s.profile.followers, Some(48_730));
    assert_eq!(s.posts.len(), 4);
    assert_eq!(sum(&s.posts, |p| p.likes), 3_387);
    assert_eq!(sum(&s.posts, |p| p.replies), 132);
    assert_eq!(s.posts.iter().filter(|p| p.likes_hidden).count(), 1);
    assert_eq!(s.posts[1].id, "DBx1aReeL05");
    assert!(s.is_missing(Part::Views));
}

#[tokio::test]
async fn personal_account_falls_back_to_the_web_profile() {
    let server = Loopback::start(vec![
        Route::get(GRAPH_PATH, fixture("instagram/graph_error_not_found.json")).status(400),
        web_route(),
    ])
    .await;
    let fetched = source(&server)
        .fetch(&mira(), &ctx(&graph_creds()))
        .await
        .expect("vet");
    assert_eq!(fetched.snapshot.posts.len(), 6);
    assert!(
        fetched.snapshot.warnings[0].contains("not a business or creator account"),
        "{:?}",
        fetched.snapshot.warnings
    );
    assert_eq!(fetched.raw.len(), 2);
}

#[tokio::test]
async fn expired_graph_token() {
    let server = Loopback::start(vec![
        Route::get(
            GRAPH_PATH,
            fixture("instagram/graph_error_token_expired.json"),
        )
        .status(400),
    ])
    .await;
    let err = source(&server)
        .fetch(&mira(), &ctx(&graph_creds()))
        .await
        .unwrap_err();
    assert_eq!(err.code(), "credentials", "{err}");
    assert!(!err.to_string().contains(GRAPH_TOKEN));
}

#[tokio::test]
async fn login_walls_are_typed_errors() {
    // A redirect to the login page (followed by the client).
    let server = Loopback::start(vec![
        Route::get(WEB_PATH, "")
            .status(302)
            .header("Location", "/accounts/login/?next=%2Fmira.grows%2F"),
        Route::get("/accounts/login/", fixture("instagram/login_page.html"))
            .header("Content-Type", "text/html; charset=utf-8"),
    ])
    .await;
    let err = source(&server)
        .fetch(&mira(), &ctx(&NoCredentials))
        .await
        .unwrap_err();
    assert_eq!(err.code(), "login_wall", "{err}");
    assert!(err.to_string().contains("Graph API token"), "{err}");

    // `{"require_login":true}` / "Please wait a few minutes".
    let server = Loopback::start(vec![
        Route::get(WEB_PATH, fixture("instagram/require_login.json")).status(401),
    ])
    .await;
    let err = source(&server)
        .fetch(&mira(), &ctx(&NoCredentials))
        .await
        .unwrap_err();
    assert_eq!(err.code(), "login_wall", "{err}");

    // A post link whose page is behind the login.
    let server = Loopback::start(vec![Route::get(
        "/p/DBx1aSidE06/",
        fixture("instagram/login_page.html"),
    )])
    .await;
    let post = scout_sources::parse_input("https://www.instagram.com/p/DBx1aSidE06/").unwrap();
    let err = source(&server)
        .fetch(&post, &ctx(&NoCredentials))
        .await
        .unwrap_err();
    assert_eq!(err.code(), "login_wall", "{err}");
    assert!(
        err.to_string()
            .contains("profile link instead of a post link"),
        "{err}"
    );
}

#[tokio::test]
async fn private_unknown_and_broken() {
    let server = Loopback::start(vec![Route::get(
        WEB_PATH,
        fixture("instagram/web_profile_info_private.json"),
    )])
    .await;
    let err = source(&server)
        .fetch(&mira(), &ctx(&NoCredentials))
        .await
        .unwrap_err();
    assert_eq!(err.code(), "private", "{err}");
    assert!(err.to_string().contains("closed.garden"), "{err}");

    let server = Loopback::start(vec![Route::get(
        WEB_PATH,
        fixture("instagram/web_profile_info_not_found.json"),
    )])
    .await;
    assert_eq!(
        source(&server)
            .fetch(&mira(), &ctx(&NoCredentials))
            .await
            .unwrap_err()
            .code(),
        "not_found"
    );
    let server = Loopback::start(vec![Route::get(WEB_PATH, "").status(404)]).await;
    assert_eq!(
        source(&server)
            .fetch(&mira(), &ctx(&NoCredentials))
            .await
            .unwrap_err()
            .code(),
        "not_found"
    );

    let body = fixture("instagram/web_profile_info_mira.grows.json");
    let server =
        Loopback::start(vec![Route::get(WEB_PATH, body[..body.len() - 40].to_vec())]).await;
    let err = source(&server)
        .fetch(&mira(), &ctx(&NoCredentials))
        .await
        .unwrap_err();
    assert_eq!(err.code(), "layout_changed", "{err}");
    assert!(err.to_string().contains("web profile"), "{err}");

    let server = Loopback::start(vec![
        Route::get(WEB_PATH, "")
            .status(429)
            .header("Retry-After", "3600"),
    ])
    .await;
    let err = source(&server)
        .fetch(&mira(), &ctx(&NoCredentials))
        .await
        .unwrap_err();
    assert_eq!(err.code(), "rate_limited", "{err}");
}
