//! Figures from the captures that issue 10 brought under a parser, counted by
//! hand from the files (noted beside each assertion). Each test returns early
//! when `SCOUT_CORPUS` is unset (CI sets it).

use std::path::PathBuf;

use scout_sources::RawResponse;

use crate::replay::corpus_dir;

fn corpus(test: &str) -> Option<PathBuf> {
    corpus_dir(&format!("sources::more_corpus::{test}"))
}

fn raw(dir: &std::path::Path, rel: &str) -> RawResponse {
    let path = dir.join(rel);
    RawResponse {
        role: "corpus".into(),
        url: "https://open.tiktokapis.com/v2/user/info/".into(),
        status: 200,
        content_type: Some("application/json".into()),
        fetched_at: chrono::DateTime::from_timestamp(1_751_328_000, 0).unwrap(),
        body: std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display())),
    }
}

#[test]
fn tiktok_official_user_info() {
    use scout_sources::tiktok::official::read_user_info;
    let Some(dir) = corpus("tiktok_official_user_info") else {
        return;
    };
    // Full fields: 1 follower, 8 following, 2 likes, not verified, empty bio.
    let p = read_user_info(&raw(
        &dir,
        "tiktok/official-api-v2_user-info_full_tiktok-rs.json",
    ))
    .unwrap();
    assert_eq!(p.id, "_000fwZ23Mw4RY9cB4lDQyKCgQg4Ft6SyTuE");
    assert_eq!(p.display_name.as_deref(), Some("122755990"));
    assert_eq!(
        (p.followers, p.following, p.total_likes),
        (Some(1), Some(8), Some(2))
    );
    assert_eq!(p.verified, Some(false));
    assert_eq!(p.bio, None, "bio_description is empty");
    assert_eq!(
        p.url, "https://vm.tiktok.com/ZMYB4T1Ky/",
        "no username asked for"
    );
    assert_eq!(p.handle, p.id);
    assert!(
        p.avatar_url
            .as_deref()
            .unwrap()
            .ends_with("/1594805258216454")
    );
    assert_eq!(p.posts_count, None, "video_count was not asked for");

    // Basic fields: the avatar and ids only; no counts invented.
    let p = read_user_info(&raw(
        &dir,
        "tiktok/official-api-v2_user-info_basic_tiktok-rs.json",
    ))
    .unwrap();
    assert_eq!(p.id, "723f24d7-e717-40f8-a2b6-cb8464cd23b4");
    assert_eq!(p.followers, None);
    assert!(p.avatar_url.unwrap().ends_with("~c5_168x168.jpeg"));

    // The invalid-token error: a specific error in TikTok's words.
    let e = read_user_info(&raw(
        &dir,
        "tiktok/official-api-v2_user-info_err-invalid-token_tiktok-rs.json",
    ))
    .unwrap_err();
    assert_eq!(e.code(), "credentials");
    assert_eq!(
        e.to_string(),
        "TikTok: the official API (open.tiktokapis.com) rejected the access token as invalid (The access token is invalid or not found in the request.)"
    );
}

fn json<T: serde::de::DeserializeOwned>(dir: &std::path::Path, rel: &str) -> T {
    let path = dir.join(rel);
    serde_json::from_slice(
        &std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display())),
    )
    .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

#[test]
fn twitch_channels_and_retired_follows() {
    use scout_sources::twitch::channels::{
        ChannelsResponse, UsersFollowsResponse, channel_info, followed_channels,
    };
    let Some(dir) = corpus("twitch_channels_and_retired_follows") else {
        return;
    };
    // Two broadcasters: alexwayfer (ru, "Делаю Тетрис", Software and Game
    // Development) and streamassistantbot (en, "Test", Science & Technology).
    let a: ChannelsResponse = json(
        &dir,
        "twitch/helix-channels_two-broadcasters_ruby-twitch-api.json",
    );
    let info = channel_info(&a);
    assert_eq!(info.len(), 2);
    assert_eq!(info[0].login, "alexwayfer");
    assert_eq!(info[0].language.as_deref(), Some("ru"));
    assert_eq!(info[0].title.as_deref(), Some("Делаю Тетрис"));
    assert_eq!(
        info[0].game.as_deref(),
        Some("Software and Game Development")
    );
    assert_eq!(info[1].game.as_deref(), Some("Science & Technology"));
    assert!(
        info.iter().all(|c| c.tags.is_empty()),
        "a 2022 answer has no tags"
    );

    // users/follows: total 57, all 57 on the page; the newest follow is delta_fix
    // (2022-11-07T17:22:26Z).
    let f: UsersFollowsResponse = json(
        &dir,
        "twitch/helix-users-follows_from_alexwayfer_ruby-twitch-api.json",
    );
    assert_eq!(f.total, 57);
    let (follows, complete) = followed_channels(&f);
    assert_eq!(follows.len(), 57);
    assert!(complete);
    assert_eq!(follows[0].0, "delta_fix");
    assert_eq!(follows[0].1.to_rfc3339(), "2022-11-07T17:22:26+00:00");
    assert!(f.data.iter().all(|e| e.from_login == "alexwayfer"));
}

#[test]
fn youtube_keyless_comments_continuation() {
    use scout_sources::youtube::comments::keyless_comments;
    let Some(dir) = corpus("youtube_keyless_comments_continuation") else {
        return;
    };
    let v: serde_json::Value = json(
        &dir,
        "youtube/innertube-next_comments-continuation_thomas_newpipe.json",
    );
    let page = keyless_comments(&v, "video");
    // The header says 7 comments; this page holds 3 threads, all matched, no next token.
    assert_eq!(page.total, Some(7));
    assert_eq!(page.unmatched, 0);
    assert_eq!(page.next, None);
    let ids: Vec<&str> = page
        .comments
        .iter()
        .map(|c| c.comment.id.as_str())
        .collect();
    assert_eq!(
        ids,
        [
            "Ugj1yo5xTCQt9HgCoAEC",
            "Ugyupvm3YjcpQ5RLtbp4AaABAg",
            "UgiMBVVB9XkcTHgCoAEC"
        ]
    );
    let first = &page.comments[0];
    assert_eq!(first.comment.text, "Category: Education (now in 1080p)");
    assert_eq!(first.author_name, "@Nicky-mg4up");
    assert_eq!(first.comment.author_handle, "Nicky-mg4up");
    assert_eq!(first.comment.author_id, "UCohokzP8kjo7mUmEvtLl91Q");
    assert_eq!(first.published_text, "9 years ago");
    assert_eq!(
        first.comment.created_at, None,
        "relative words are not a date"
    );
    // likeCountNotliked "1"; the others " " with likeCountA11y "0 likes".
    let likes: Vec<Option<u64>> = page.comments.iter().map(|c| c.comment.likes).collect();
    assert_eq!(likes, [Some(1), Some(0), Some(0)]);
    assert!(
        page.comments
            .iter()
            .all(|c| c.replies.is_none() && !c.by_creator)
    );
    assert_eq!(page.comments[1].comment.text, "10/10");
}

#[test]
fn peertube_and_soundcloud_accounts_as_other_platform_context() {
    use scout_sources::other_platforms::{OtherPlatform, peertube, soundcloud};
    let Some(dir) = corpus("peertube_and_soundcloud_accounts_as_other_platform_context") else {
        return;
    };
    // framasoft on framatube.org: 980 followers, 0 following, null description.
    let account: peertube::Account = json(&dir, "peertube/api-v1-accounts_framasoft_newpipe.json");
    let p = peertube::profile(&account);
    assert_eq!(p.platform, OtherPlatform::PeerTube);
    assert_eq!(p.handle, "framasoft@framatube.org");
    assert_eq!(p.display_name.as_deref(), Some("Framasoft"));
    assert_eq!(
        (p.followers, p.following, p.bio),
        (Some(980), Some(0), None)
    );
    assert_eq!(p.url, "https://framatube.org/accounts/framasoft");

    // Its videos: 712 in all, 12 on the page; the first has 98 views and 1 like.
    let videos: peertube::VideosPage = json(
        &dir,
        "peertube/api-v1-accounts_framasoft_videos_newpipe.json",
    );
    assert_eq!((videos.total, videos.data.len()), (712, 12));
    assert_eq!(
        (videos.data[0].views, videos.data[0].likes),
        (Some(98), Some(1))
    );

    // The lqdn channel (1461 followers) is owned by the lqdn account (625).
    let channel: peertube::VideoChannel =
        json(&dir, "peertube/api-v1-video-channels_lqdn_newpipe.json");
    let p = peertube::channel_profile(&channel, Some(&videos));
    assert_eq!(p.handle, "lqdn_channel@video.lqdn.fr");
    assert_eq!(p.followers, Some(1461));
    assert_eq!(p.uploads, Some(712), "the video total given");
    let owner = peertube::profile(channel.owner_account.as_ref().unwrap());
    assert_eq!(
        (owner.handle.as_str(), owner.followers),
        ("lqdn@video.lqdn.fr", Some(625))
    );

    // SoundCloud: dubmatix 2,775,276 followers, 66 following, 292 tracks, verified.
    let user: soundcloud::User = json(&dir, "soundcloud/api-v2-users_542134_dubmatix_newpipe.json");
    let p = soundcloud::profile(&user);
    assert_eq!(p.platform, OtherPlatform::SoundCloud);
    assert_eq!(p.handle, "dubmatix");
    assert_eq!(p.url, "https://soundcloud.com/dubmatix");
    assert_eq!(
        (p.followers, p.following, p.uploads),
        (Some(2_775_276), Some(66), Some(292))
    );
    assert_eq!(p.verified, Some(true));
    // Lil Uzi Vert: 3,243,390 followers, 354 tracks.
    let user: soundcloud::User = json(
        &dir,
        "soundcloud/api-v2-users_10494998_liluzivert_newpipe.json",
    );
    let p = soundcloud::profile(&user);
    assert_eq!(p.display_name.as_deref(), Some("Lil Uzi Vert"));
    assert_eq!((p.followers, p.uploads), (Some(3_243_390), Some(354)));

    // Tracks: 4 on the page, a next page; the first played 13,423 times, 1,354 likes.
    let tracks: soundcloud::TracksPage =
        json(&dir, "soundcloud/api-v2-users_73637815_tracks_newpipe.json");
    assert_eq!(tracks.collection.len(), 4);
    assert!(tracks.next_href.is_some());
    assert_eq!(tracks.collection[0].title, "HURTBOX & BAW- SILENCE");
    assert_eq!(
        (
            tracks.collection[0].playback_count,
            tracks.collection[0].likes_count
        ),
        (Some(13_423), Some(1_354))
    );
}
