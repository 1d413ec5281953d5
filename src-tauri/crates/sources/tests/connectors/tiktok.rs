//! TikTok against `tests/fixtures/tiktok/` (figures and provenance in its README).

use scout_core::{AccountRef, Part};
use scout_sources::tiktok::TiktokSource;
use scout_sources::{NoCredentials, Source};

use crate::loopback::{Loopback, Route, client, fixture};
use crate::{ctx, sum};

fn account(input: &str) -> AccountRef {
    scout_sources::parse_input(input).expect("a TikTok input")
}

async fn vet(
    routes: Vec<Route>,
    input: &str,
) -> (
    Loopback,
    Result<scout_sources::Fetched, scout_sources::SourceError>,
) {
    let server = Loopback::start(routes).await;
    let source = TiktokSource::with_base_url(client(), server.url());
    let result = source.fetch(&account(input), &ctx(&NoCredentials)).await;
    (server, result)
}

#[tokio::test]
async fn universal_data_profile_with_videos() {
    let (server, result) = vet(
        vec![Route::get(
            "/@mira.grows",
            fixture("tiktok/profile_mira.grows.html"),
        )],
        "https://www.tiktok.com/@mira.grows",
    )
    .await;
    let fetched = result.expect("vet");
    server.assert_all_matched();
    assert_eq!(
        server.seen()[0].header("user-agent"),
        Some(scout_sources::tiktok::PAGE_USER_AGENT)
    );
    let s = &fetched.snapshot;
    assert_eq!(s.profile.id, "6900000000000000001");
    assert_eq!(s.profile.handle, "mira.grows");
    assert_eq!(s.profile.followers, Some(186_432));
    assert_eq!(s.profile.following, Some(312));
    // Above 2^31: read from the string in statsV2 (the old `heart` wrapped around).
    assert_eq!(s.profile.total_likes, Some(3_214_567_890));
    assert_eq!(s.profile.posts_count, Some(421));
    assert_eq!(s.profile.links, vec!["mira-grows.example"]);
    assert_eq!(s.posts.len(), 5);
    assert_eq!(s.posts[0].id, "7431000000000000005");
    assert_eq!(sum(&s.posts, |p| p.views), 3_831_837);
    assert_eq!(sum(&s.posts, |p| p.likes), 320_546);
    assert_eq!(sum(&s.posts, |p| p.replies), 6_526);
    assert_eq!(sum(&s.posts, |p| p.reposts), 16_109);
    assert_eq!(sum(&s.posts, |p| p.duration_secs), 220);
    assert!(s.is_missing(Part::FollowerSample) && s.is_missing(Part::Comments));
    assert!(!s.is_missing(Part::Posts));
    let source = TiktokSource::with_base_url(client(), server.url());
    assert_eq!(source.reparse(&fetched.raw, s.fetched_at).unwrap(), *s);
}

#[tokio::test]
async fn video_link_reads_its_author() {
    // The author is in the URL: straight to the profile.
    let (server, result) = vet(
        vec![Route::get(
            "/@mira.grows",
            fixture("tiktok/profile_mira.grows.html"),
        )],
        "https://www.tiktok.com/@mira.grows/video/7431000000000000003",
    )
    .await;
    assert_eq!(result.expect("vet").snapshot.profile.handle, "mira.grows");
    assert_eq!(server.lines(), vec!["/@mira.grows"]);

    // An embed link has no author: the video page names it.
    let (server, result) = vet(
        vec![
            Route::get(
                "/@_/video/7431000000000000003",
                fixture("tiktok/video_7431000000000000003.html"),
            ),
            Route::get("/@mira.grows", fixture("tiktok/profile_mira.grows.html")),
        ],
        "https://www.tiktok.com/embed/v2/7431000000000000003",
    )
    .await;
    let fetched = result.expect("vet");
    assert_eq!(fetched.snapshot.profile.followers, Some(186_432));
    assert_eq!(
        server.lines(),
        vec!["/@_/video/7431000000000000003", "/@mira.grows"]
    );
}

#[tokio::test]
async fn older_page_layouts() {
    let (_, result) = vet(
        vec![Route::get(
            "/@oldpage.demo",
            fixture("tiktok/profile_oldpage.demo_sigi.html"),
        )],
        "tiktok:oldpage.demo",
    )
    .await;
    let s = result.expect("SIGI_STATE page").snapshot;
    assert_eq!(s.profile.followers, Some(2_400_000));
    assert_eq!(s.profile.total_likes, Some(3_214_567_890));
    assert_eq!(s.posts.len(), 2);
    assert_eq!(sum(&s.posts, |p| p.views), 195_350);
    assert_eq!(sum(&s.posts, |p| p.likes), 14_881);

    let (_, result) = vet(
        vec![Route::get(
            "/@nextpage.demo",
            fixture("tiktok/profile_nextpage.demo_next_data.html"),
        )],
        "https://www.tiktok.com/@nextpage.demo",
    )
    .await;
    let s = result.expect("__NEXT_DATA__ page").snapshot;
    assert_eq!(
        (s.profile.followers, s.profile.total_likes, s.posts.len()),
        (Some(51_000), Some(880_000), 1)
    );
    assert_eq!(s.posts[0].views, Some(1_250_400));
}

#[tokio::test]
async fn status_codes_and_walls() {
    let cases = [
        ("tiktok/profile_not_found.html", "not_found"),
        ("tiktok/profile_private.html", "private"),
        ("tiktok/profile_challenge.html", "login_wall"),
        ("tiktok/captcha.html", "login_wall"),
        ("tiktok/no_embedded_data.html", "layout_changed"),
    ];
    for (file, code) in cases {
        let (_, result) = vet(
            vec![Route::get("/@mira.grows", fixture(file))],
            "tiktok:mira.grows",
        )
        .await;
        let err = result.expect_err(file);
        assert_eq!(err.code(), code, "{file}: {err}");
    }
    let (_, result) = vet(
        vec![Route::get(
            "/@mira.grows",
            fixture("tiktok/no_embedded_data.html"),
        )],
        "tiktok:mira.grows",
    )
    .await;
    let err = result.unwrap_err().to_string();
    assert!(err.contains("__UNIVERSAL_DATA_FOR_REHYDRATION__"), "{err}");

    let page = fixture("tiktok/profile_mira.grows.html");
    let cut = String::from_utf8(page).unwrap().replacen(
        "\"needFix\":true}}}</script>",
        "\"needFix\":tr</script>",
        1,
    );
    let (_, result) = vet(vec![Route::get("/@mira.grows", cut)], "tiktok:mira.grows").await;
    let err = result.unwrap_err();
    assert_eq!(err.code(), "layout_changed", "{err}");
    assert!(err.to_string().contains("does not parse"), "{err}");

    let (_, result) = vet(
        vec![Route::get("/@mira.grows", "").status(404)],
        "tiktok:mira.grows",
    )
    .await;
    assert_eq!(result.unwrap_err().code(), "not_found");
    let (_, result) = vet(
        vec![
            Route::get("/@mira.grows", "")
                .status(429)
                .header("Retry-After", "90"),
        ],
        "tiktok:mira.grows",
    )
    .await;
    assert_eq!(result.unwrap_err().code(), "rate_limited");
}
