//! Mastodon against `tests/fixtures/mastodon/` (figures in its README).

use scout_core::{AccountRef, Part, PostKind};
use scout_sources::mastodon::MastodonSource;
use scout_sources::{NoCredentials, Source};

use crate::loopback::{Loopback, Route, client, fixture};
use crate::{ctx, sum};

const OWN: &str = "109876543210000001";
const THREADS: [&str; 3] = [
    "113300000000000000",
    "113299999999993000",
    "113299999999958000",
];

fn mira() -> AccountRef {
    scout_sources::parse_input("https://social.scout.test/@mira").expect("a Mastodon profile URL")
}

fn routes() -> Vec<Route> {
    let statuses = format!("/api/v1/accounts/{OWN}/statuses");
    let mut routes = vec![
        Route::get(
            "/api/v1/accounts/lookup",
            fixture("mastodon/lookup_mira.json"),
        )
        .query(&[("acct", "mira")]),
        Route::get(&statuses, fixture("mastodon/statuses_mira_p1.json")).query(&[("limit", "40")]),
        Route::get(&statuses, fixture("mastodon/statuses_mira_p2.json"))
            .query(&[("limit", "40"), ("max_id", "113299999999961000")]),
        Route::get(
            &format!("/api/v1/accounts/{OWN}/followers"),
            fixture("mastodon/followers_mira.json"),
        )
        .query(&[("limit", "80")]),
    ];
    for id in THREADS {
        routes.push(Route::get(
            &format!("/api/v1/statuses/{id}/context"),
            fixture(&format!("mastodon/context_{id}.json")),
        ));
    }
    routes
}

#[tokio::test]
async fn vet_reads_profile_posts_threads_and_followers() {
    let server = Loopback::start(routes()).await;
    let source = MastodonSource::with_base_url(client(), server.url());
    let fetched = source
        .fetch(&mira(), &ctx(&NoCredentials))
        .await
        .expect("vet");
    server.assert_all_matched();
    let s = &fetched.snapshot;

    assert_eq!(s.profile.handle, "mira@social.scout.test");
    assert_eq!(s.profile.followers, Some(1234));
    assert_eq!(s.profile.following, Some(210));
    assert_eq!(s.profile.posts_count, Some(345));
    assert_eq!(
        s.profile.links,
        vec![
            "https://mira-grows.example",
            "https://shop.mira-grows.example"
        ]
    );

    // 30 originals on page 1, 11 on page 2 (one a self-thread continuation).
    assert_eq!(s.posts.len(), 41);
    assert!(s.posts.iter().all(|p| p.kind == PostKind::Original));
    assert_eq!(sum(&s.posts, |p| p.likes), 480);
    assert_eq!(sum(&s.posts, |p| p.reposts), 71);
    assert_eq!(sum(&s.posts, |p| p.replies), 7);
    assert_eq!(s.posts[0].id, "113300000000000000");
    assert_eq!(s.posts[0].text, "Chilli seedlings are up #0");

    // 7 boosts and 4 replies to others are kept apart.
    assert_eq!(
        s.other_posts
            .iter()
            .filter(|p| p.kind == PostKind::Repost)
            .count(),
        7
    );
    assert_eq!(
        s.other_posts
            .iter()
            .filter(|p| p.kind == PostKind::Reply)
            .count(),
        4
    );
    let boost = s
        .other_posts
        .iter()
        .find(|p| p.kind == PostKind::Repost)
        .unwrap();
    assert_eq!(
        boost.reposted_from.as_deref(),
        Some("seedlibrary@garden.example")
    );
    assert_eq!(boost.likes, Some(95));

    // Replies by others under the 3 threads (the creator's own answer is left out).
    assert_eq!(s.comments.len(), 6);
    assert_eq!(
        s.comments
            .iter()
            .filter(|c| c.post_id == THREADS[0])
            .count(),
        3
    );
    assert!(s.comments.iter().all(|c| c.author_id != OWN));
    let bot = s
        .comments
        .iter()
        .find(|c| c.author_handle == "hotsaucebot@bots.example")
        .unwrap();
    assert_eq!(bot.author.as_ref().unwrap().posts_count, Some(9000));

    let sample = s.follower_sample.as_ref().expect("a follower sample");
    assert_eq!(sample.len(), 6);
    assert_eq!(
        sample
            .iter()
            .filter(|a| a.has_avatar == Some(false))
            .count(),
        2
    );
    assert!(!s.is_missing(Part::FollowerSample));

    // 1 lookup + 2 status pages + 3 threads + 1 follower page.
    assert_eq!(fetched.raw.len(), 7);
    let again = source.reparse(&fetched.raw, s.fetched_at).expect("reparse");
    assert_eq!(&again, s);
}

/// [`routes`] with page 1 of the statuses answering this `Link` header (the
/// shape of the captured `accounts-statuses_…link-header.txt`).
fn routes_with_link(link: &str) -> Vec<Route> {
    let mut routes = routes();
    let page1 = routes.remove(1).header("link", link);
    routes.insert(1, page1);
    routes
}

#[tokio::test]
async fn statuses_page_by_the_link_header() {
    // rel="next" names the max_id of page 2 (the last id of page 1, as Mastodon sends it).
    let link = format!(
        "<https://social.scout.test/api/v1/accounts/{OWN}/statuses?limit=40&max_id=113299999999961000>; rel=\"next\", <https://social.scout.test/api/v1/accounts/{OWN}/statuses?limit=40&min_id=113300000000000000>; rel=\"prev\""
    );
    let server = Loopback::start(routes_with_link(&link)).await;
    let source = MastodonSource::with_base_url(client(), server.url());
    let fetched = source
        .fetch(&mira(), &ctx(&NoCredentials))
        .await
        .expect("vet");
    server.assert_all_matched();
    assert_eq!(fetched.snapshot.posts.len(), 41, "both pages read");

    // A full page whose Link header has no rel="next" is the last page.
    let link = format!(
        "<https://social.scout.test/api/v1/accounts/{OWN}/statuses?limit=40&min_id=113300000000000000>; rel=\"prev\""
    );
    let server = Loopback::start(routes_with_link(&link)).await;
    let source = MastodonSource::with_base_url(client(), server.url());
    let fetched = source
        .fetch(&mira(), &ctx(&NoCredentials))
        .await
        .expect("vet");
    assert_eq!(fetched.snapshot.posts.len(), 30, "page 1 only");
    assert!(
        server
            .seen()
            .iter()
            .all(|r| !r.query.iter().any(|(k, _)| k == "max_id")),
        "{:?}",
        server.lines()
    );
}

#[tokio::test]
async fn unknown_account_is_not_found() {
    let server = Loopback::start(vec![
        Route::get(
            "/api/v1/accounts/lookup",
            fixture("mastodon/lookup_not_found.json"),
        )
        .status(404),
    ])
    .await;
    let source = MastodonSource::with_base_url(client(), server.url());
    let err = source
        .fetch(&mira(), &ctx(&NoCredentials))
        .await
        .unwrap_err();
    assert_eq!(err.code(), "not_found", "{err}");
    assert!(err.to_string().contains("@mira@social.scout.test"), "{err}");
}

#[tokio::test]
async fn suspended_account_is_unavailable() {
    let server = Loopback::start(vec![Route::get(
        "/api/v1/accounts/lookup",
        fixture("mastodon/lookup_suspended.json"),
    )])
    .await;
    let source = MastodonSource::with_base_url(client(), server.url());
    let err = source
        .fetch(&mira(), &ctx(&NoCredentials))
        .await
        .unwrap_err();
    assert_eq!(err.code(), "unavailable", "{err}");
    assert!(err.to_string().contains("suspended"), "{err}");
}

#[tokio::test]
async fn rate_limit_with_retry_after() {
    // Retried once (Retry-After: 0), then served.
    let mut retried = vec![
        Route::get("/api/v1/accounts/lookup", "")
            .status(429)
            .header("Retry-After", "0")
            .times(1),
    ];
    retried.extend(routes());
    let server = Loopback::start(retried).await;
    let source = MastodonSource::with_base_url(client(), server.url());
    let fetched = source
        .fetch(&mira(), &ctx(&NoCredentials))
        .await
        .expect("vet after one 429");
    assert_eq!(fetched.snapshot.posts.len(), 41);
    assert_eq!(
        server
            .lines()
            .iter()
            .filter(|l| l.starts_with("/api/v1/accounts/lookup"))
            .count(),
        2
    );

    // A Retry-After longer than the client accepts: a typed error with the wait.
    let server = Loopback::start(vec![
        Route::get("/api/v1/accounts/lookup", "")
            .status(429)
            .header("Retry-After", "120"),
    ])
    .await;
    let source = MastodonSource::with_base_url(client(), server.url());
    let err = source
        .fetch(&mira(), &ctx(&NoCredentials))
        .await
        .unwrap_err();
    assert_eq!(err.code(), "rate_limited", "{err}");
    assert!(err.to_string().contains("120s"), "{err}");
}

#[tokio::test]
async fn truncated_json_is_a_layout_change() {
    let body = fixture("mastodon/statuses_mira_p1.json");
    let mut routes = routes();
    routes.insert(
        1,
        Route::get(
            &format!("/api/v1/accounts/{OWN}/statuses"),
            body[..body.len() / 2].to_vec(),
        ),
    );
    let server = Loopback::start(routes).await;
    let source = MastodonSource::with_base_url(client(), server.url());
    let err = source
        .fetch(&mira(), &ctx(&NoCredentials))
        .await
        .unwrap_err();
    assert_eq!(err.code(), "layout_changed", "{err}");
    assert!(err.to_string().contains("account statuses"), "{err}");
}
