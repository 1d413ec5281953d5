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
    // NewPipe's "thomas" mocks: the watch page names the continuation whose
    // answer is the comments capture.
    let watch: serde_json::Value = json(
        &dir,
        "youtube/innertube-next_video-watch_thomas_newpipe.json",
    );
    assert_eq!(
        scout_sources::youtube::comments::comments_token(&watch).as_deref(),
        Some("Eg0SC0QwMEF1N2szaTZvGAYyJSIRIgtEMDBBdTdrM2k2bzAAeAJCEGNvbW1lbnRzLXNlY3Rpb24%3D")
    );
    let mrbeast: serde_json::Value = json(
        &dir,
        "youtube/innertube-next_video-2isYuQZMbdU_mrbeast_invidious-mocks.json",
    );
    assert!(
        scout_sources::youtube::comments::comments_token(&mrbeast)
            .is_some_and(|t| t.starts_with("Eg0SCzJpc1l1UVpNYmRVGAYyJS"))
    );
    assert_eq!(
        scout_sources::youtube::comments::comments_token(&serde_json::json!({})),
        None
    );
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

// ---------------------------------------------------------------------------
// Bluesky wire types against the lexicons (`bluesky/lexicons/`).
// ---------------------------------------------------------------------------

mod lexicons {
    use scout_sources::bluesky::lexicon::{Def, LexiconDoc, Lexicons};
    use scout_sources::bluesky::wire;
    use scout_sources::discovery::bluesky as disc;
    use serde::de::{self, DeserializeOwned, Visitor};

    /// A deserializer that records the field names a struct asks for.
    struct FieldNames<'a>(&'a mut Option<&'static [&'static str]>);

    impl<'de> de::Deserializer<'de> for FieldNames<'_> {
        type Error = de::value::Error;
        fn deserialize_any<V: Visitor<'de>>(self, _: V) -> Result<V::Value, Self::Error> {
            Err(de::Error::custom("not a struct"))
        }
        fn deserialize_struct<V: Visitor<'de>>(
            self,
            _: &'static str,
            fields: &'static [&'static str],
            _: V,
        ) -> Result<V::Value, Self::Error> {
            *self.0 = Some(fields);
            Err(de::Error::custom("recorded"))
        }
        serde::forward_to_deserialize_any! {
            bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes
            byte_buf option unit unit_struct newtype_struct seq tuple tuple_struct map enum
            identifier ignored_any
        }
    }

    /// The field names `T` reads (serde's names, after renames).
    fn fields_of<T: DeserializeOwned>() -> &'static [&'static str] {
        let mut names = None;
        let _ = T::deserialize(FieldNames(&mut names));
        names.unwrap_or_else(|| panic!("{} is not a struct", std::any::type_name::<T>()))
    }

    /// One wire type against the lexicon definitions it decodes (a `ref`
    /// string, or `out:<nsid>` for a query's output), each tagged with its
    /// `$type` when it is a union member.
    struct Check {
        defs: &'static [&'static str],
        tagged: bool,
        run: fn(&Lexicons, &[&str], bool) -> Vec<String>,
    }

    /// Fields Scout reads that the lexicons do not declare, each with the reason
    /// (all `Option`s, so an answer without them still decodes).
    const UNDECLARED: &[(&str, &str, &str)] = &[
        (
            "ProfileView",
            "followersCount",
            "older AppView answers carried counts in profileView (getSuggestedFollowsByActor_atproto-dart.json); discovery fills them from getProfiles when absent",
        ),
        ("ProfileView", "postsCount", "as followersCount"),
    ];

    /// Unknown-typed `record` fields: the record lexicon each holds, or `None`
    /// when that lexicon is not in the corpus (the minimal answer is then not
    /// built: only the field names are checked).
    fn record_of(name: &str) -> Option<&'static str> {
        if name.starts_with("StarterPack") {
            None // app.bsky.graph.starterpack is not among the captured lexicons
        } else {
            Some("app.bsky.feed.post")
        }
    }

    fn check<T: DeserializeOwned>(lex: &Lexicons, defs: &[&str], tagged: bool) -> Vec<String> {
        let name = std::any::type_name::<T>()
            .rsplit("::")
            .next()
            .unwrap_or_default();
        let mut problems = Vec::new();
        let mut declared = Vec::new();
        for r in defs {
            let found: Option<(&str, &Def)> = match r.strip_prefix("out:") {
                Some(nsid) => lex.output(nsid).map(|d| (nsid, d)),
                None => lex.resolve(r, ""),
            };
            let Some((id, def)) = found else {
                problems.push(format!("{name}: {r} is not in the lexicons"));
                continue;
            };
            declared.extend(lex.property_names(def, id));
            // The smallest answer the lexicon allows must decode.
            let Some(record) = record_of(name) else {
                continue;
            };
            match lex.minimal(def, id, &[("record", record)]) {
                Ok(mut v) => {
                    if tagged {
                        v["$type"] = serde_json::json!(r);
                    }
                    if let Err(e) = serde_json::from_value::<T>(v.clone()) {
                        problems.push(format!(
                            "{name}: requires a field {r} makes optional ({e}); minimal answer {v}"
                        ));
                    }
                }
                Err(e) => problems.push(format!("{name}: {r}: {e}")),
            }
        }
        for field in fields_of::<T>() {
            let excused = UNDECLARED.iter().any(|(t, f, _)| *t == name && f == field);
            if *field != "$type" && !excused && !declared.iter().any(|d| d == field) {
                problems.push(format!(
                    "{name}: reads '{field}', which {defs:?} do not declare"
                ));
            }
        }
        problems
    }

    const A: &str = "app.bsky.actor.defs";

    fn checks() -> Vec<Check> {
        macro_rules! c {
            ($t:ty, $tagged:expr, $($d:expr),+) => {
                Check { defs: &[$($d),+], tagged: $tagged, run: check::<$t> }
            };
        }
        let _ = A;
        vec![
            c!(
                wire::ProfileViewDetailed,
                false,
                "app.bsky.actor.defs#profileViewDetailed"
            ),
            c!(
                wire::ProfileViewBasic,
                false,
                "app.bsky.actor.defs#profileViewBasic"
            ),
            c!(wire::ProfileView, false, "app.bsky.actor.defs#profileView"),
            c!(
                wire::VerificationState,
                false,
                "app.bsky.actor.defs#verificationState"
            ),
            c!(wire::Label, false, "com.atproto.label.defs#label"),
            c!(wire::PostView, false, "app.bsky.feed.defs#postView"),
            c!(wire::PostRecord, false, "app.bsky.feed.post"),
            c!(wire::RecordReplyRef, false, "app.bsky.feed.post#replyRef"),
            c!(wire::StrongRef, false, "com.atproto.repo.strongRef"),
            c!(wire::Facet, false, "app.bsky.richtext.facet"),
            c!(
                wire::FacetFeature,
                true,
                "app.bsky.richtext.facet#mention",
                "app.bsky.richtext.facet#link",
                "app.bsky.richtext.facet#tag"
            ),
            c!(wire::FeedViewPost, false, "app.bsky.feed.defs#feedViewPost"),
            c!(
                wire::Reason,
                true,
                "app.bsky.feed.defs#reasonRepost",
                "app.bsky.feed.defs#reasonPin"
            ),
            c!(wire::AuthorFeed, false, "out:app.bsky.feed.getAuthorFeed"),
            c!(
                wire::ThreadNode,
                true,
                "app.bsky.feed.defs#threadViewPost",
                "app.bsky.feed.defs#notFoundPost",
                "app.bsky.feed.defs#blockedPost"
            ),
            c!(wire::PostThread, false, "out:app.bsky.feed.getPostThread"),
            c!(
                wire::Followers,
                false,
                "out:app.bsky.graph.getFollowers",
                "out:app.bsky.graph.getFollows"
            ),
            c!(
                disc::ActorsPage,
                false,
                "out:app.bsky.actor.searchActors",
                "out:app.bsky.actor.getSuggestions"
            ),
            c!(disc::Profiles, false, "out:app.bsky.actor.getProfiles"),
            c!(
                disc::Suggestions,
                false,
                "out:app.bsky.graph.getSuggestedFollowsByActor"
            ),
            c!(disc::PostsPage, false, "out:app.bsky.feed.searchPosts"),
            c!(disc::Likes, false, "out:app.bsky.feed.getLikes"),
            c!(disc::Like, false, "app.bsky.feed.getLikes#like"),
            c!(
                disc::ActorStarterPacks,
                false,
                "out:app.bsky.graph.getActorStarterPacks"
            ),
            c!(
                disc::StarterPackViewBasic,
                false,
                "app.bsky.graph.defs#starterPackViewBasic"
            ),
            c!(
                disc::StarterPack,
                false,
                "out:app.bsky.graph.getStarterPack"
            ),
            c!(
                disc::StarterPackView,
                false,
                "app.bsky.graph.defs#starterPackView"
            ),
            c!(disc::ListPage, false, "out:app.bsky.graph.getList"),
            c!(disc::ListView, false, "app.bsky.graph.defs#listView"),
            c!(
                disc::ListViewBasic,
                false,
                "app.bsky.graph.defs#listViewBasic"
            ),
            c!(
                disc::ListItemView,
                false,
                "app.bsky.graph.defs#listItemView"
            ),
            c!(
                disc::FeedGenerators,
                false,
                "out:app.bsky.unspecced.getPopularFeedGenerators"
            ),
            c!(
                disc::GeneratorView,
                false,
                "app.bsky.feed.defs#generatorView"
            ),
            c!(
                disc::TaggedSuggestions,
                false,
                "out:app.bsky.unspecced.getTaggedSuggestions"
            ),
            c!(
                disc::TaggedSuggestion,
                false,
                "app.bsky.unspecced.getTaggedSuggestions#suggestion"
            ),
        ]
    }

    /// The lexicons of the corpus, each checked to be the document its file names.
    pub fn load(dir: &std::path::Path) -> Result<Lexicons, String> {
        let mut lex = Lexicons::default();
        let mut files: Vec<_> = std::fs::read_dir(dir)
            .map_err(|e| format!("{}: {e}", dir.display()))?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .collect();
        files.sort();
        for path in files {
            let doc: LexiconDoc =
                serde_json::from_slice(&std::fs::read(&path).map_err(|e| e.to_string())?)
                    .map_err(|e| format!("{}: {e}", path.display()))?;
            let stem = path
                .file_stem()
                .and_then(|s| s.to_str())
                .unwrap_or_default();
            if doc.id != stem || doc.lexicon != 1 || doc.defs.is_empty() {
                return Err(format!(
                    "{}: id {} (lexicon {})",
                    path.display(),
                    doc.id,
                    doc.lexicon
                ));
            }
            lex.insert(doc);
        }
        Ok(lex)
    }

    /// Every problem of every wire type against `lex`.
    pub fn problems(lex: &Lexicons) -> Vec<String> {
        checks()
            .iter()
            .flat_map(|c| (c.run)(lex, c.defs, c.tagged))
            .collect()
    }

    #[test]
    fn scout_bluesky_wire_types_conform_to_the_lexicons() {
        let Some(dir) = super::corpus("lexicons::scout_bluesky_wire_types_conform_to_the_lexicons")
        else {
            return;
        };
        let lex = load(&dir.join("bluesky/lexicons")).unwrap();
        assert_eq!(lex.docs.len(), 34);
        let problems = problems(&lex);
        assert!(problems.is_empty(), "{}", problems.join("\n"));
    }

    #[test]
    fn the_check_catches_drift() {
        let Some(dir) = super::corpus("lexicons::the_check_catches_drift") else {
            return;
        };
        let mut lex = load(&dir.join("bluesky/lexicons")).unwrap();
        // A lexicon that stopped requiring `indexedAt` on a post view: Scout's
        // `PostView.indexed_at: String` would reject such answers.
        let feed = lex.docs.get_mut("app.bsky.feed.defs").unwrap();
        feed.defs
            .get_mut("postView")
            .unwrap()
            .required
            .retain(|r| r != "indexedAt");
        // A renamed count: Scout still reads `followersCount`.
        let actor = lex.docs.get_mut("app.bsky.actor.defs").unwrap();
        let detailed = actor.defs.get_mut("profileViewDetailed").unwrap();
        let count = detailed.properties.remove("followersCount").unwrap();
        detailed.properties.insert("followerCount".into(), count);
        let problems = problems(&lex);
        assert!(
            problems.iter().any(|p| p.starts_with(
                "PostView: requires a field app.bsky.feed.defs#postView makes optional"
            ) && p.contains("indexedAt")),
            "{problems:#?}"
        );
        assert!(
            problems
                .iter()
                .any(|p| p.starts_with("ProfileViewDetailed: reads 'followersCount'")),
            "{problems:#?}"
        );
    }
}
