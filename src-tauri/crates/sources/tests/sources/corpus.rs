//! Every response on disk through a named parser.
//!
//! - The repository's Bluesky fixtures, always, through the wire types chosen by
//!   file-name prefix (`getProfile_`, `getAuthorFeed_`, …).
//! - With `SCOUT_CORPUS` set, **every file** under `$SCOUT_CORPUS/fixtures/`
//!   (see its PROVENANCE.md): each is either read by a parser in [`PARSERS`]
//!   (matched by path prefix; Bluesky through the wire types, every other source
//!   through its `Source::reparse`, the code a re-parse of stored responses runs)
//!   or listed in [`NOT_PARSED_YET`] with the reason. A file in neither fails, a
//!   listed file that a parser now reads fails ("remove it from the list"), and a
//!   listed file that is not in the corpus fails. So a new capture can never be
//!   skipped silently, and the list shrinks as parsers are added.
//! - A configured corpus without `fixtures/`, or one of the six sources without
//!   files, fails; an unset `SCOUT_CORPUS` prints a visible skip line.

use std::collections::BTreeMap;
use std::io::Write as _;
use std::path::{Path, PathBuf};

use scout_sources::bluesky::map::{
    classify_feed, map_follower, map_profile, thread_comments, uri_did,
};
use scout_sources::bluesky::wire::{
    AuthorFeed, Followers, PostThread, PostView, ProfileView, ProfileViewDetailed, XrpcError,
};
use scout_sources::http::{HttpClient, HttpConfig};
use scout_sources::instagram::InstagramSource;
use scout_sources::mastodon::MastodonSource;
use scout_sources::twitch::TwitchSource;
use scout_sources::youtube::YoutubeSource;
use scout_sources::{RawResponse, Source, SourceError};
use serde::Deserialize;
use serde::de::DeserializeOwned;

use crate::replay::{corpus_dir, fixture, fixture_path};

#[derive(Deserialize)]
struct Profiles {
    profiles: Vec<ProfileViewDetailed>,
}

#[derive(Deserialize)]
struct Posts {
    posts: Vec<PostView>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct RepostedBy {
    reposted_by: Vec<ProfileView>,
}

#[derive(Deserialize)]
struct ResolvedHandle {
    did: String,
}

fn raw_of(path: &Path) -> RawResponse {
    RawResponse {
        role: "corpus".into(),
        url: format!("file://{}", path.display()),
        status: 200,
        content_type: Some("application/json".into()),
        fetched_at: chrono::DateTime::from_timestamp(1_751_328_000, 0).unwrap(),
        body: std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display())),
    }
}

fn decode<T: DeserializeOwned>(path: &Path, endpoint: &str) -> T {
    scout_sources::bluesky::map::decode(&raw_of(path), endpoint)
        .unwrap_or_else(|e: SourceError| panic!("{}: {e}", path.display()))
}

fn check_post(path: &Path, post: &PostView) {
    let name = path.display();
    assert!(
        post.uri.starts_with("at://did:"),
        "{name}: post uri {}",
        post.uri
    );
    assert!(post.author.did.starts_with("did:"), "{name}: author did");
    assert!(!post.author.handle.is_empty(), "{name}: author handle");
    assert!(!post.record.created_at.is_empty(), "{name}: createdAt");
}

/// Parse one file; returns how many items (posts, accounts, …) it held.
fn check_file(path: &Path) -> usize {
    let file = path
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or_default()
        .to_string();
    let prefix = file.split('_').next().unwrap_or_default();
    if file.starts_with("error_") || file.ends_with("_NotFound.json") {
        let e: XrpcError = decode(path, "error");
        assert!(!e.error.is_empty(), "{file}: error name");
        assert!(
            e.message.as_deref().is_some_and(|m| !m.is_empty()),
            "{file}: error message"
        );
        return 1;
    }
    match prefix {
        "getProfile" => {
            let p: ProfileViewDetailed = decode(path, "app.bsky.actor.getProfile");
            assert!(p.did.starts_with("did:"), "{file}");
            assert!(!p.handle.is_empty(), "{file}");
            if !p.labels.iter().any(|l| l.val == "!takedown") {
                let profile =
                    map_profile(&p, &mut Vec::new()).unwrap_or_else(|e| panic!("{file}: {e}"));
                assert!(profile.followers.is_some(), "{file}: followersCount");
                assert!(
                    profile.url.starts_with("https://bsky.app/profile/"),
                    "{file}"
                );
            }
            1
        }
        "getProfiles" => {
            let p: Profiles = decode(path, "app.bsky.actor.getProfiles");
            assert!(!p.profiles.is_empty(), "{file}");
            for profile in &p.profiles {
                assert!(profile.did.starts_with("did:"), "{file}");
                map_profile(profile, &mut Vec::new()).unwrap_or_else(|e| panic!("{file}: {e}"));
            }
            p.profiles.len()
        }
        "getAuthorFeed" => {
            let feed: AuthorFeed = decode(path, "app.bsky.feed.getAuthorFeed");
            assert!(!feed.feed.is_empty(), "{file}: empty feed");
            for item in &feed.feed {
                check_post(path, &item.post);
            }
            // The author is whoever wrote the non-repost items.
            let author = feed
                .feed
                .iter()
                .find(|i| i.reason.is_none())
                .map(|i| i.post.author.did.clone())
                .unwrap_or_default();
            let mut warnings = Vec::new();
            let (originals, others) = classify_feed(
                std::slice::from_ref(&feed),
                &author,
                usize::MAX,
                &mut warnings,
            );
            assert!(
                warnings.iter().all(|w| !w.contains("no readable date")),
                "{file}: {warnings:?}"
            );
            assert_eq!(
                originals.len() + others.len(),
                feed.feed.len(),
                "{file}: every item is classified; {warnings:?}"
            );
            feed.feed.len()
        }
        "getPostThread" => {
            let thread: PostThread = decode(path, "app.bsky.feed.getPostThread");
            let root = thread
                .thread
                .visible_post()
                .unwrap_or_else(|| panic!("{file}: no thread post"));
            check_post(path, root);
            let comments = thread_comments(&thread, &root.uri, uri_did(&root.uri), &mut Vec::new());
            assert!(
                comments
                    .iter()
                    .all(|c| !c.id.is_empty() && c.post_id == root.uri),
                "{file}"
            );
            1 + comments.len()
        }
        "getFollowers" | "getFollows" => {
            let f: Followers = decode(path, "app.bsky.graph.getFollowers");
            assert!(f.subject.did.starts_with("did:"), "{file}: subject");
            assert!(!f.followers.is_empty(), "{file}: no accounts");
            for account in &f.followers {
                let sampled = map_follower(account);
                assert!(
                    sampled.id.starts_with("did:") && !sampled.handle.is_empty(),
                    "{file}"
                );
                assert!(sampled.has_avatar.is_some(), "{file}");
            }
            f.followers.len()
        }
        "getPosts" | "getQuotes" => {
            let p: Posts = decode(path, "app.bsky.feed.getPosts");
            assert!(!p.posts.is_empty(), "{file}");
            for post in &p.posts {
                check_post(path, post);
            }
            p.posts.len()
        }
        "getRepostedBy" => {
            let r: RepostedBy = decode(path, "app.bsky.feed.getRepostedBy");
            assert!(
                r.reposted_by.iter().all(|a| a.did.starts_with("did:")),
                "{file}"
            );
            r.reposted_by.len()
        }
        "resolveHandle" => {
            let r: ResolvedHandle = decode(path, "com.atproto.identity.resolveHandle");
            assert!(r.did.starts_with("did:"), "{file}");
            1
        }
        other => panic!("{file}: no wire type for the prefix '{other}'; add one to this test"),
    }
}

fn json_files(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_file() && p.extension().is_some_and(|x| x == "json"))
        .collect();
    files.sort();
    files
}

#[test]
fn repository_fixtures_parse() {
    let files = json_files(&fixture_path("bluesky"));
    // 2 profiles, 2 feed pages, 10 threads, 2 follower pages, 4 error bodies.
    assert_eq!(files.len(), 20, "{files:?}");
    for file in &files {
        check_file(file);
    }
}

// ---------------------------------------------------------------------------
// The whole corpus: a named parser per file, or an explicit entry in NOT_PARSED_YET.
// ---------------------------------------------------------------------------

/// A parser of corpus files: the files whose path (relative to `fixtures/`)
/// starts with `prefix` (the longest matching prefix wins), its name in
/// failure messages, and the function: `Ok(items read)` or `Err(why not)`.
struct Parser {
    prefix: &'static str,
    name: &'static str,
    parse: fn(&Path) -> Result<usize, String>,
}

/// Every parser the corpus is read with. Add an entry when a parser for a new
/// kind of response lands, and remove its files from [`NOT_PARSED_YET`].
const PARSERS: &[Parser] = &[
    // Bluesky: the wire types, by endpoint (`check_file` above).
    bsky("bluesky/getProfile_"),
    bsky("bluesky/getProfiles_"),
    bsky("bluesky/getAuthorFeed_"),
    bsky("bluesky/getPostThread_"),
    bsky("bluesky/getFollowers_"),
    bsky("bluesky/getFollows_"),
    bsky("bluesky/getPosts_"),
    bsky("bluesky/getQuotes_"),
    bsky("bluesky/getRepostedBy_"),
    bsky("bluesky/resolveHandle_"),
    // The lexicons: schemas, read by `scout_sources::bluesky::lexicon`; the
    // conformance test (`more_corpus::lexicons`) checks the wire types against them.
    Parser {
        prefix: "bluesky/lexicons/",
        name: "bluesky lexicon (schema)",
        parse: bluesky_lexicon,
    },
    // YouTube.
    Parser {
        prefix: "youtube/channel-page_",
        name: "youtube channel page (ytInitialData)",
        parse: youtube_channel_page,
    },
    Parser {
        prefix: "youtube/innertube-browse_channel",
        name: "youtube channel page data (InnerTube browse = ytInitialData)",
        parse: youtube_browse,
    },
    Parser {
        prefix: "youtube/innertube-next_video-",
        name: "youtube watch page data (ytInitialData)",
        parse: youtube_watch_next,
    },
    Parser {
        prefix: "youtube/innertube-next_comments-continuation_",
        name: "youtube keyless comments (InnerTube next continuation)",
        parse: youtube_keyless_comments,
    },
    Parser {
        prefix: "youtube/innertube-player_video-",
        name: "youtube watch page player data (ytInitialPlayerResponse)",
        parse: youtube_watch_player,
    },
    Parser {
        prefix: "youtube/feeds-videos.xml_",
        name: "youtube uploads feed",
        parse: youtube_feed,
    },
    Parser {
        prefix: "youtube/data-api-v3_channels.list_",
        name: "youtube Data API channels.list",
        parse: youtube_api_channels,
    },
    Parser {
        prefix: "youtube/data-api-v3_playlistItems.list_",
        name: "youtube Data API playlistItems.list",
        parse: youtube_api_playlist,
    },
    Parser {
        prefix: "youtube/data-api-v3_videos.list_",
        name: "youtube Data API videos.list",
        parse: youtube_api_videos,
    },
    Parser {
        prefix: "youtube/data-api-v3_commentThreads.list_",
        name: "youtube Data API commentThreads.list",
        parse: youtube_api_comments,
    },
    // Mastodon.
    Parser {
        prefix: "mastodon/accounts-get_",
        name: "mastodon account (lookup)",
        parse: mastodon_lookup,
    },
    Parser {
        prefix: "mastodon/accounts-lookup_",
        name: "mastodon account (lookup)",
        parse: mastodon_lookup,
    },
    Parser {
        prefix: "mastodon/docs-example_accounts-get_",
        name: "mastodon account (lookup)",
        parse: mastodon_lookup,
    },
    Parser {
        prefix: "mastodon/docs-example_entity-Account",
        name: "mastodon account (lookup)",
        parse: mastodon_lookup,
    },
    Parser {
        prefix: "mastodon/accounts-statuses_",
        name: "mastodon account statuses",
        parse: mastodon_statuses,
    },
    Parser {
        prefix: "mastodon/statuses-get_",
        name: "mastodon status",
        parse: mastodon_status,
    },
    Parser {
        prefix: "mastodon/docs-example_entity-Status",
        name: "mastodon status",
        parse: mastodon_status,
    },
    Parser {
        prefix: "mastodon/docs-example_statuses-get",
        name: "mastodon status",
        parse: mastodon_status,
    },
    Parser {
        prefix: "mastodon/statuses-context_",
        name: "mastodon status context (replies)",
        parse: mastodon_context,
    },
    Parser {
        prefix: "mastodon/accounts-followers_",
        name: "mastodon account list (follower sample)",
        parse: mastodon_accounts,
    },
    Parser {
        prefix: "mastodon/accounts-following_",
        name: "mastodon account list (follower sample)",
        parse: mastodon_accounts,
    },
    Parser {
        prefix: "mastodon/statuses-favourited_by_",
        name: "mastodon account list (follower sample)",
        parse: mastodon_accounts,
    },
    // HTTP Link headers beside Mastodon list bodies (`*.link-header.txt`, matched
    // as `link-header:<path>`): `scout_sources::link_header`, which the connector
    // and discovery page with.
    Parser {
        prefix: "link-header:mastodon/",
        name: "Link header (RFC 8288) paging",
        parse: mastodon_link_header,
    },
    // TikTok's official API (`scout_sources::tiktok::official`).
    Parser {
        prefix: "tiktok/official-api-v2_user-info_",
        name: "tiktok official API v2 user/info",
        parse: tiktok_user_info,
    },
    // Platforms Scout has no source for: context for an outbound link
    // (`scout_sources::other_platforms`).
    Parser {
        prefix: "peertube/api-v1-accounts_",
        name: "peertube account / its videos (other platform)",
        parse: peertube_account,
    },
    Parser {
        prefix: "peertube/api-v1-video-channels_",
        name: "peertube channel (other platform)",
        parse: peertube_channel,
    },
    Parser {
        prefix: "soundcloud/api-v2-users_",
        name: "soundcloud user / its tracks (other platform)",
        parse: soundcloud_user,
    },
    // Instagram.
    Parser {
        prefix: "instagram/graph-api-v14_business_discovery_",
        name: "instagram Graph business discovery",
        parse: instagram_graph,
    },
    // Twitch.
    Parser {
        prefix: "twitch/helix-users_",
        name: "twitch Helix users",
        parse: twitch_users,
    },
    Parser {
        prefix: "twitch/helix-videos_",
        name: "twitch Helix videos",
        parse: twitch_videos,
    },
    Parser {
        prefix: "twitch/helix-channels_",
        name: "twitch Helix channel information",
        parse: twitch_channels,
    },
    Parser {
        prefix: "twitch/helix-users-follows_",
        name: "twitch Helix users/follows (retired)",
        parse: twitch_users_follows,
    },
    Parser {
        prefix: "twitch/id-oauth2-validate_401",
        name: "twitch error body",
        parse: twitch_error,
    },
    // Discovery (issue 10): `scout_sources::discovery`, figures in `discovery_corpus`.
    disc(
        "bluesky/searchActors_",
        "bluesky discovery: actor search",
        d_bsky_actors,
    ),
    disc(
        "bluesky/searchActorsTypeahead_",
        "bluesky discovery: actor search",
        d_bsky_actors,
    ),
    disc(
        "bluesky/getSuggestions_",
        "bluesky discovery: actor list",
        d_bsky_actors,
    ),
    disc(
        "bluesky/searchPosts_",
        "bluesky discovery: post search authors",
        d_bsky_posts,
    ),
    disc(
        "bluesky/getSuggestedFollowsByActor_",
        "bluesky discovery: suggested follows",
        d_bsky_suggested,
    ),
    disc(
        "bluesky/getLikes_",
        "bluesky discovery: likers",
        d_bsky_likes,
    ),
    disc(
        "youtube/innertube-search_",
        "youtube discovery: search renderers",
        d_yt_innertube,
    ),
    disc(
        "youtube/results-page_",
        "youtube discovery: results page",
        d_yt_results,
    ),
    disc(
        "youtube/data-api-v3_search.list_",
        "youtube discovery: search.list",
        d_yt_search_list,
    ),
    disc(
        "mastodon/accounts-search_",
        "mastodon discovery: account list",
        d_masto_accounts,
    ),
    disc(
        "mastodon/directory_",
        "mastodon discovery: directory",
        d_masto_accounts,
    ),
    disc(
        "mastodon/search-v2_",
        "mastodon discovery: search",
        d_masto_search,
    ),
    disc(
        "mastodon/timelines-tag_",
        "mastodon discovery: tag timeline",
        d_masto_tag,
    ),
    disc(
        "mastodon/trends-tags_",
        "mastodon discovery: trending tags",
        d_masto_trends,
    ),
    disc(
        "mastodon/trends_",
        "mastodon discovery: trending tags",
        d_masto_trends,
    ),
    disc(
        "twitch/helix-search-channels_",
        "twitch discovery: channel search",
        d_twitch_search,
    ),
    disc(
        "twitch/helix-search-categories_",
        "twitch discovery: category search",
        d_twitch_categories,
    ),
    disc(
        "twitch/helix-games-top_",
        "twitch discovery: top categories",
        d_twitch_categories,
    ),
    disc(
        "twitch/helix-streams_",
        "twitch discovery: live streams in a category",
        d_twitch_streams,
    ),
    disc("linkinbio/", "link-in-bio page", d_linkinbio),
    disc(
        "bluesky/getActorStarterPacks_",
        "bluesky discovery: an account's starter packs",
        d_bsky_actor_packs,
    ),
    disc(
        "bluesky/getStarterPack_",
        "bluesky discovery: starter pack members",
        d_bsky_pack,
    ),
    disc(
        "bluesky/getList_",
        "bluesky discovery: list members",
        d_bsky_list,
    ),
    disc(
        "bluesky/unspecced-getPopularFeedGenerators_",
        "bluesky discovery: feed creators",
        d_bsky_feeds,
    ),
    disc(
        "bluesky/unspecced-getTaggedSuggestions_",
        "bluesky discovery: suggestions by topic",
        d_bsky_tagged,
    ),
    disc(
        "youtube/innertube-browse_hashtag-",
        "youtube discovery: hashtag browse",
        d_yt_hashtag,
    ),
    disc(
        "mastodon/suggestions-v2_",
        "mastodon discovery: follow suggestions (signed-in only)",
        d_masto_suggestions,
    ),
    disc(
        "mastodon/docs-example_entity-Tag",
        "mastodon discovery: a Tag entity",
        d_masto_tag_entity,
    ),
];

fn d_bsky_actor_packs(path: &Path) -> Result<usize, String> {
    let a: scout_sources::discovery::bluesky::ActorStarterPacks = d_json(path)?;
    nonempty(
        scout_sources::discovery::bluesky::pick_starter_packs(&a, usize::MAX).len(),
        "starter packs",
    )
}

fn d_bsky_pack(path: &Path) -> Result<usize, String> {
    let p: scout_sources::discovery::bluesky::StarterPack = d_json(path)?;
    nonempty(
        scout_sources::discovery::bluesky::starter_pack_members(&p).len(),
        "members",
    )
}

fn d_bsky_list(path: &Path) -> Result<usize, String> {
    let p: scout_sources::discovery::bluesky::ListPage = d_json(path)?;
    nonempty(
        scout_sources::discovery::bluesky::list_members(&p).0.len(),
        "members",
    )
}

fn d_bsky_feeds(path: &Path) -> Result<usize, String> {
    let f: scout_sources::discovery::bluesky::FeedGenerators = d_json(path)?;
    nonempty(
        scout_sources::discovery::bluesky::feed_creators(&f, "q").len(),
        "feed creators",
    )
}

fn d_bsky_tagged(path: &Path) -> Result<usize, String> {
    let t: scout_sources::discovery::bluesky::TaggedSuggestions = d_json(path)?;
    let tags: Vec<String> = t.suggestions.iter().map(|s| s.tag.to_lowercase()).collect();
    nonempty(
        scout_sources::discovery::bluesky::tagged_actors(&t, &tags).len(),
        "suggested accounts",
    )
}

fn d_yt_hashtag(path: &Path) -> Result<usize, String> {
    let v: serde_json::Value = d_json(path)?;
    nonempty(
        scout_sources::discovery::youtube::hashtag_browse(&v, "tag")
            .0
            .len(),
        "channels",
    )
}

fn d_masto_suggestions(path: &Path) -> Result<usize, String> {
    let s: Vec<scout_sources::discovery::mastodon::Suggestion> = d_json(path)?;
    nonempty(
        scout_sources::discovery::mastodon::suggestions(&s, "instance").len(),
        "accounts",
    )
}

fn d_masto_tag_entity(path: &Path) -> Result<usize, String> {
    let t: scout_sources::discovery::mastodon::Tag = d_json(path)?;
    if t.name.is_empty() || t.history.is_empty() {
        return Err("a tag without name or history".into());
    }
    Ok(1)
}

const fn disc(
    prefix: &'static str,
    name: &'static str,
    parse: fn(&Path) -> Result<usize, String>,
) -> Parser {
    Parser {
        prefix,
        name,
        parse,
    }
}

fn d_json<T: serde::de::DeserializeOwned>(path: &Path) -> Result<T, String> {
    serde_json::from_slice(&read(path)).map_err(|e| e.to_string())
}

fn nonempty(n: usize, what: &str) -> Result<usize, String> {
    if n == 0 {
        Err(format!("no {what}"))
    } else {
        Ok(n)
    }
}

fn d_bsky_actors(path: &Path) -> Result<usize, String> {
    let page: scout_sources::discovery::bluesky::ActorsPage = d_json(path)?;
    nonempty(
        scout_sources::discovery::bluesky::actors_page(&page, "q")
            .0
            .len(),
        "actors",
    )
}

fn d_bsky_posts(path: &Path) -> Result<usize, String> {
    let page: scout_sources::discovery::bluesky::PostsPage = d_json(path)?;
    nonempty(
        scout_sources::discovery::bluesky::posts_page(&page, "q", &[])
            .0
            .len(),
        "authors",
    )
}

fn d_bsky_suggested(path: &Path) -> Result<usize, String> {
    let s: scout_sources::discovery::bluesky::Suggestions = d_json(path)?;
    nonempty(
        scout_sources::discovery::bluesky::suggestions(&s, "x").len(),
        "suggestions",
    )
}

fn d_bsky_likes(path: &Path) -> Result<usize, String> {
    let l: scout_sources::discovery::bluesky::Likes = d_json(path)?;
    nonempty(
        scout_sources::discovery::bluesky::likes(&l, "x", None).len(),
        "likers",
    )
}

fn d_yt_innertube(path: &Path) -> Result<usize, String> {
    let v: serde_json::Value = d_json(path)?;
    let data = v.get("onResponseReceivedCommands").unwrap_or(&v);
    let (c, next) = scout_sources::discovery::youtube::renderer_channels(data, "q");
    // The last page of a search holds only "No more results" and no token.
    if c.is_empty() && next.is_none() {
        Ok(0)
    } else {
        nonempty(c.len(), "channels")
    }
}

fn d_yt_results(path: &Path) -> Result<usize, String> {
    let html = String::from_utf8_lossy(&read(path)).into_owned();
    let data = scout_sources::youtube::embedded_initial_data(&html).ok_or("no ytInitialData")?;
    nonempty(
        scout_sources::discovery::youtube::renderer_channels(&data, "q")
            .0
            .len(),
        "channels",
    )
}

fn d_yt_search_list(path: &Path) -> Result<usize, String> {
    let r: scout_sources::discovery::youtube::SearchList = d_json(path)?;
    nonempty(
        scout_sources::discovery::youtube::search_list(&r, "q")
            .0
            .len(),
        "channels",
    )
}

fn d_masto_accounts(path: &Path) -> Result<usize, String> {
    let a: Vec<scout_sources::discovery::mastodon::Account> = d_json(path)?;
    nonempty(a.len(), "accounts")?;
    Ok(scout_sources::discovery::mastodon::directory(&a, "instance").len())
}

fn d_masto_search(path: &Path) -> Result<usize, String> {
    let r: scout_sources::discovery::mastodon::SearchResults = d_json(path)?;
    nonempty(
        scout_sources::discovery::mastodon::search_results(&r, "q", "instance").len(),
        "accounts",
    )
}

fn d_masto_tag(path: &Path) -> Result<usize, String> {
    let s: Vec<scout_sources::discovery::mastodon::Status> = d_json(path)?;
    nonempty(
        scout_sources::discovery::mastodon::tag_timeline(&s, "t", "instance")
            .0
            .len(),
        "authors",
    )
}

fn d_masto_trends(path: &Path) -> Result<usize, String> {
    let t: Vec<scout_sources::discovery::mastodon::Tag> = d_json(path)?;
    nonempty(
        scout_sources::discovery::mastodon::trend_tags(&t).len(),
        "tags",
    )
}

fn d_twitch_search(path: &Path) -> Result<usize, String> {
    let r: scout_sources::discovery::twitch::SearchChannels = d_json(path)?;
    nonempty(
        scout_sources::discovery::twitch::search_channels(&r, "q")
            .0
            .len(),
        "channels",
    )
}

fn d_twitch_categories(path: &Path) -> Result<usize, String> {
    let r: scout_sources::discovery::twitch::SearchCategories = d_json(path)?;
    nonempty(
        scout_sources::discovery::twitch::pick_categories(&r, Some(&r), usize::MAX).len(),
        "categories",
    )
}

fn d_twitch_streams(path: &Path) -> Result<usize, String> {
    let r: scout_sources::discovery::twitch::Streams = d_json(path)?;
    let category = scout_sources::discovery::twitch::CategoryPick {
        id: "0".into(),
        name: "category".into(),
        rank: None,
    };
    nonempty(
        scout_sources::discovery::twitch::stream_candidates(&r, &category, "q")
            .0
            .len(),
        "streams",
    )
}

fn d_linkinbio(path: &Path) -> Result<usize, String> {
    let text = String::from_utf8_lossy(&read(path)).into_owned();
    let page = if path.extension().is_some_and(|x| x == "json") {
        scout_sources::discovery::linkinbio::parse_next_data(&text)?
    } else {
        scout_sources::discovery::linkinbio::parse_page(&text)
    };
    nonempty(page.profiles.len(), "linked profiles")
}

/// Corpus files no parser reads yet, each with the reason. An entry ending in
/// `/` covers a folder of files that are not responses. Remove an entry when a
/// parser in [`PARSERS`] starts reading the file (the test fails until you do).
///
/// Empty since issue 10: every capture has a parser. Keep it (and the checks
/// below) so a new capture without one must be listed here with its reason.
const NOT_PARSED_YET: &[(&str, &str)] = &[];

/// Folders that must hold at least one file when the corpus is configured.
const SOURCES: &[&str] = &[
    "bluesky",
    "youtube",
    "mastodon",
    "tiktok",
    "instagram",
    "twitch",
];

/// Files at the top of `fixtures/` that document the corpus.
const DOCUMENTS: &[&str] = &["PROVENANCE.md"];

const fn bsky(prefix: &'static str) -> Parser {
    Parser {
        prefix,
        name: "bluesky wire types",
        parse: bluesky_file,
    }
}

#[allow(clippy::unnecessary_wraps)] // the signature every parser shares
fn bluesky_file(path: &Path) -> Result<usize, String> {
    Ok(check_file(path))
}

fn at() -> chrono::DateTime<chrono::Utc> {
    chrono::DateTime::from_timestamp(1_762_000_000, 0).expect("a time")
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

fn read(path: &Path) -> Vec<u8> {
    std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The status of a captured error response, from its name (`…-404_…`,
/// `…_401…`, `…_err-…`; a suspended account is answered with 200).
fn error_status(path: &Path) -> Option<u16> {
    let name = path.file_name()?.to_str()?;
    if name.contains("-404") {
        Some(404)
    } else if name.contains("_401") {
        Some(401)
    } else if name.contains("_err-") {
        Some(400)
    } else if name.contains("suspended") {
        Some(200)
    } else {
        None
    }
}

fn http() -> HttpClient {
    HttpClient::new(HttpConfig::for_tests()).expect("client")
}

fn local() -> url::Url {
    url::Url::parse("http://127.0.0.1:9").expect("url")
}

/// What a reparse gave: `Ok(items)` for a snapshot; a typed error is a
/// successful read of an error body, a `layout_changed` error is not.
fn outcome(
    path: &Path,
    result: Result<scout_core::Snapshot, SourceError>,
    items: impl Fn(&scout_core::Snapshot) -> usize,
) -> Result<usize, String> {
    match result {
        Ok(s) if error_status(path).is_some() => Err(format!(
            "an error capture parsed as a snapshot of {}",
            s.profile.handle
        )),
        Ok(s) => Ok(items(&s)),
        Err(e) if error_status(path).is_some() && e.code() != "layout_changed" => Ok(1),
        Err(e) => Err(format!("{} ({e})", e.code())),
    }
}

fn posts_and_others(s: &scout_core::Snapshot) -> usize {
    s.posts.len() + s.other_posts.len()
}

fn youtube() -> YoutubeSource {
    YoutubeSource::with_base_urls(http(), local(), local())
}

/// An HTML page whose script assigns `json` to `var_name`, as YouTube serves it.
fn page_with(var_name: &str, json: &[u8]) -> Vec<u8> {
    let mut page =
        format!("<!DOCTYPE html><html><body><script nonce=\"n\">var {var_name} = ").into_bytes();
    page.extend_from_slice(json);
    page.extend_from_slice(b";</script></body></html>");
    page
}

const YT_PAGE_URL: &str = "https://www.youtube.com/@x";
const YT_API_URL: &str = "https://www.googleapis.com/youtube/v3/x?key=REDACTED";

fn youtube_channel_page(path: &Path) -> Result<usize, String> {
    let page = raw("channel_page", YT_PAGE_URL, 200, read(path));
    outcome(path, youtube().reparse(&[page], at()), |s| {
        usize::from(!s.profile.id.is_empty())
    })
}

fn youtube_browse(path: &Path) -> Result<usize, String> {
    let page = raw(
        "channel_page",
        YT_PAGE_URL,
        200,
        page_with("ytInitialData", &read(path)),
    );
    outcome(path, youtube().reparse(&[page], at()), |s| {
        usize::from(!s.profile.id.is_empty())
    })
}

fn youtube_watch(html: &[u8]) -> Result<usize, String> {
    scout_sources::youtube::page::watch_channel_id(&String::from_utf8_lossy(html))
        .map(|id| usize::from(id.starts_with("UC")))
}

fn youtube_watch_next(path: &Path) -> Result<usize, String> {
    youtube_watch(&page_with("ytInitialData", &read(path)))
}

fn youtube_keyless_comments(path: &Path) -> Result<usize, String> {
    let v: serde_json::Value = d_json(path)?;
    let page = scout_sources::youtube::comments::keyless_comments(&v, "video");
    if page.unmatched > 0 {
        return Err(format!(
            "{} threads without their comment entity",
            page.unmatched
        ));
    }
    if page.comments.iter().any(|c| {
        c.comment.text.is_empty() || c.comment.author_id.is_empty() || c.comment.likes.is_none()
    }) {
        return Err("a comment without text, author or likes".into());
    }
    nonempty(page.comments.len(), "comments")
}

fn youtube_watch_player(path: &Path) -> Result<usize, String> {
    youtube_watch(&page_with("ytInitialPlayerResponse", &read(path)))
}

fn youtube_feed(path: &Path) -> Result<usize, String> {
    let page = raw(
        "channel_page",
        YT_PAGE_URL,
        200,
        fixture("youtube/channel_page_miragrows.html"),
    );
    // The 404 page of an unavailable channel's feed is HTML: the posts are missing.
    let status = error_status(path).unwrap_or(200);
    let feed = raw("feed", YT_PAGE_URL, status, read(path));
    let s = youtube()
        .reparse(&[page, feed], at())
        .map_err(|e| format!("{} ({e})", e.code()))?;
    if status == 404 {
        return if s.is_missing(scout_core::Part::Posts) {
            Ok(1)
        } else {
            Err("a 404 feed gave posts".into())
        };
    }
    Ok(s.posts.len())
}

fn youtube_api_channels(path: &Path) -> Result<usize, String> {
    let channels = raw("channels", YT_API_URL, 200, read(path));
    outcome(path, youtube().reparse(&[channels], at()), |s| {
        usize::from(!s.profile.id.is_empty())
    })
}

fn api_channels_fixture() -> RawResponse {
    raw(
        "channels",
        YT_API_URL,
        200,
        fixture("youtube/api_channels_miragrows.json"),
    )
}

fn youtube_api_playlist(path: &Path) -> Result<usize, String> {
    // The playlist gives the video ids; the snapshot's posts come from videos.list.
    let playlist = raw("playlist:1", YT_API_URL, 200, read(path));
    outcome(
        path,
        youtube().reparse(&[api_channels_fixture(), playlist], at()),
        |_| 1,
    )
}

fn youtube_api_videos(path: &Path) -> Result<usize, String> {
    let videos = raw("videos", YT_API_URL, 200, read(path));
    outcome(
        path,
        youtube().reparse(&[api_channels_fixture(), videos], at()),
        |s| s.posts.len(),
    )
}

fn youtube_api_comments(path: &Path) -> Result<usize, String> {
    let comments = raw("comments:v1", YT_API_URL, 200, read(path));
    outcome(
        path,
        youtube().reparse(&[api_channels_fixture(), comments], at()),
        |s| s.comments.len(),
    )
}

const MASTODON_LOOKUP_URL: &str = "https://mastodon.example/api/v1/accounts/lookup?acct=someone";

fn mastodon() -> MastodonSource {
    MastodonSource::with_base_url(http(), local())
}

fn mastodon_base() -> RawResponse {
    raw(
        "lookup",
        MASTODON_LOOKUP_URL,
        200,
        fixture("mastodon/lookup_mira.json"),
    )
}

fn mastodon_lookup(path: &Path) -> Result<usize, String> {
    let lookup = raw(
        "lookup",
        MASTODON_LOOKUP_URL,
        error_status(path).unwrap_or(200),
        read(path),
    );
    outcome(path, mastodon().reparse(&[lookup], at()), |s| {
        usize::from(!s.profile.id.is_empty())
    })
}

fn mastodon_statuses(path: &Path) -> Result<usize, String> {
    let page = raw("statuses:1", MASTODON_LOOKUP_URL, 200, read(path));
    outcome(
        path,
        mastodon().reparse(&[mastodon_base(), page], at()),
        posts_and_others,
    )
}

fn mastodon_status(path: &Path) -> Result<usize, String> {
    // One status, read as a page of one.
    let body = [b"[".to_vec(), read(path), b"]".to_vec()].concat();
    let page = raw("statuses:1", MASTODON_LOOKUP_URL, 200, body);
    outcome(
        path,
        mastodon().reparse(&[mastodon_base(), page], at()),
        posts_and_others,
    )
}

fn mastodon_context(path: &Path) -> Result<usize, String> {
    // The context of the fixture creator's first post.
    let statuses = raw(
        "statuses:1",
        MASTODON_LOOKUP_URL,
        200,
        fixture("mastodon/statuses_mira_p1.json"),
    );
    let own: serde_json::Value =
        serde_json::from_slice(&fixture("mastodon/statuses_mira_p1.json")).expect("fixture");
    let root = own[0]["id"].as_str().expect("a status id").to_string();
    let context = raw(
        &format!("context:{root}"),
        MASTODON_LOOKUP_URL,
        200,
        read(path),
    );
    outcome(
        path,
        mastodon().reparse(&[mastodon_base(), statuses, context], at()),
        |s| s.comments.len(),
    )
}

fn mastodon_accounts(path: &Path) -> Result<usize, String> {
    let page = raw("followers:1", MASTODON_LOOKUP_URL, 200, read(path));
    outcome(
        path,
        mastodon().reparse(&[mastodon_base(), page], at()),
        |s| s.follower_sample.as_ref().map_or(0, Vec::len),
    )
}

fn instagram_graph(path: &Path) -> Result<usize, String> {
    let source = InstagramSource::with_base_urls(http(), local(), local());
    let graph = raw(
        "graph_profile",
        "https://graph.facebook.com/v19.0/1?fields=business_discovery.username(someone)&access_token=REDACTED",
        error_status(path).unwrap_or(200),
        read(path),
    );
    outcome(path, source.reparse(&[graph], at()), |s| s.posts.len())
}

fn tiktok_user_info(path: &Path) -> Result<usize, String> {
    let raw = raw(
        "user_info",
        "https://open.tiktokapis.com/v2/user/info/",
        200,
        read(path),
    );
    match scout_sources::tiktok::official::read_user_info(&raw) {
        Ok(p) if error_status(path).is_none() && !p.id.is_empty() => Ok(1),
        Ok(p) => Err(format!("an error capture read as the user {}", p.id)),
        Err(e) if error_status(path).is_some() && e.code() == "credentials" => Ok(1),
        Err(e) => Err(format!("{} ({e})", e.code())),
    }
}

fn bluesky_lexicon(path: &Path) -> Result<usize, String> {
    let doc: scout_sources::bluesky::lexicon::LexiconDoc = d_json(path)?;
    let stem = path
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or_default();
    if doc.id != stem || doc.lexicon != 1 {
        return Err(format!(
            "the file holds {} (lexicon {})",
            doc.id, doc.lexicon
        ));
    }
    nonempty(doc.defs.len(), "definitions")
}

fn file_name(path: &Path) -> &str {
    path.file_name()
        .and_then(|n| n.to_str())
        .unwrap_or_default()
}

fn other_profile(p: &scout_sources::other_platforms::OtherProfile) -> Result<usize, String> {
    use scout_sources::other_platforms::platform_of_link;
    if platform_of_link(&p.url) != Some(p.platform) {
        return Err(format!(
            "{} is not recognised as a {} link",
            p.url,
            p.platform.label()
        ));
    }
    if p.followers.is_none() || p.handle.is_empty() {
        return Err(format!("{}: no follower count or handle", p.url));
    }
    Ok(1)
}

fn peertube_account(path: &Path) -> Result<usize, String> {
    use scout_sources::other_platforms::peertube;
    if file_name(path).contains("_videos_") {
        let page: peertube::VideosPage = d_json(path)?;
        if page
            .data
            .iter()
            .any(|v| v.views.is_none() || v.published_at.is_none())
        {
            return Err("a video without views or date".into());
        }
        return nonempty(page.data.len(), "videos");
    }
    other_profile(&peertube::profile(&d_json(path)?))
}

fn peertube_channel(path: &Path) -> Result<usize, String> {
    use scout_sources::other_platforms::peertube;
    let c: peertube::VideoChannel = d_json(path)?;
    other_profile(&peertube::channel_profile(&c, None))?;
    let owner = c
        .owner_account
        .as_ref()
        .ok_or("a channel without its owner")?;
    other_profile(&peertube::profile(owner)).map(|n| n + 1)
}

fn soundcloud_user(path: &Path) -> Result<usize, String> {
    use scout_sources::other_platforms::soundcloud;
    if file_name(path).contains("_tracks_") {
        let page: soundcloud::TracksPage = d_json(path)?;
        if page.collection.iter().any(|t| t.playback_count.is_none()) {
            return Err("a track without plays".into());
        }
        return nonempty(page.collection.len(), "tracks");
    }
    other_profile(&soundcloud::profile(&d_json(path)?))
}

const LINK_HEADER_SUFFIX: &str = ".link-header.txt";

/// A captured Mastodon `Link` header, checked against the body it came with:
/// a `rel="next"` link; statuses and tag timelines page by `max_id` = the last
/// status id of the body; trends by `offset` = the tags read so far; account
/// lists by a `max_id` of the same endpoint (a relationship id, not an account's).
fn mastodon_link_header(path: &Path) -> Result<usize, String> {
    use scout_sources::link_header;
    let text = String::from_utf8(read(path)).map_err(|e| e.to_string())?;
    let name = path
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or_default();
    let body_path = path.with_file_name(name.replace(LINK_HEADER_SUFFIX, ".json"));
    let body: serde_json::Value = d_json(&body_path)?;
    let items = body
        .as_array()
        .ok_or("the body beside it is not an array")?;
    let base = url::Url::parse("https://mastodon.example/").expect("a url");
    let links = link_header::parse(&text, &base)?;
    let next = links.get("next").ok_or("no rel=\"next\" link")?;
    if name.starts_with("trends") {
        let offset = link_header::next_offset(&text, &base)?.ok_or("trends without an offset")?;
        if usize::try_from(offset).ok() != Some(items.len()) {
            return Err(format!("offset {offset} after {} tags", items.len()));
        }
        if link_header::next_max_id(&text, &base)?.is_some() {
            return Err("trends paged by max_id".into());
        }
    } else {
        let max_id = link_header::next_max_id(&text, &base)?.ok_or("no max_id in rel=next")?;
        if !max_id.bytes().all(|b| b.is_ascii_digit()) {
            return Err(format!("max_id {max_id} is not a Mastodon id"));
        }
        if name.starts_with("accounts-statuses_") || name.starts_with("timelines-tag_") {
            let last = items.last().and_then(|s| s["id"].as_str());
            if last != Some(max_id.as_str()) {
                return Err(format!("max_id {max_id}, last status {last:?}"));
            }
        }
        let endpoint = name.split('_').next().unwrap_or_default();
        let tail = match endpoint {
            "accounts-followers" => "/followers",
            "accounts-following" => "/following",
            "statuses-favourited" => "/favourited_by",
            "accounts-statuses" => "/statuses",
            _ => "",
        };
        if !next.path().ends_with(tail) {
            return Err(format!("next link {next} is not {tail}"));
        }
    }
    Ok(links.links.len())
}

const HELIX_URL: &str = "https://api.twitch.tv/helix/x?login=someone";

fn twitch() -> TwitchSource {
    TwitchSource::with_base_urls(http(), local(), local())
}

fn twitch_users(path: &Path) -> Result<usize, String> {
    let user = raw(
        "user",
        HELIX_URL,
        error_status(path).unwrap_or(200),
        read(path),
    );
    outcome(path, twitch().reparse(&[user], at()), |s| {
        usize::from(!s.profile.id.is_empty())
    })
}

fn twitch_videos(path: &Path) -> Result<usize, String> {
    let user = raw(
        "user",
        HELIX_URL,
        200,
        fixture("twitch/users_scoutdemo.json"),
    );
    let videos = raw("videos", HELIX_URL, 200, read(path));
    outcome(path, twitch().reparse(&[user, videos], at()), |s| {
        s.posts.len()
    })
}

fn twitch_channels(path: &Path) -> Result<usize, String> {
    use scout_sources::twitch::channels::{ChannelsResponse, channel_info};
    let a: ChannelsResponse = d_json(path)?;
    let info = channel_info(&a);
    if info.iter().any(|c| c.login.is_empty() || c.title.is_none()) {
        return Err(format!("a channel without login or title: {info:?}"));
    }
    nonempty(info.len(), "channels")
}

fn twitch_users_follows(path: &Path) -> Result<usize, String> {
    use scout_sources::twitch::channels::{UsersFollowsResponse, followed_channels};
    let a: UsersFollowsResponse = d_json(path)?;
    nonempty(followed_channels(&a).0.len(), "follows")
}

fn twitch_error(path: &Path) -> Result<usize, String> {
    let user = raw("user", HELIX_URL, 401, read(path));
    outcome(path, twitch().reparse(&[user], at()), |_| 0)
}

/// The parser for `rel` (a path under `fixtures/`): the longest matching
/// prefix, for response bodies (`.json`, `.html`, `.xml`) and for captured
/// `Link` headers (`*.link-header.txt`, matched as `link-header:<rel>`).
fn parser_for(rel: &str) -> Option<&'static Parser> {
    let key = if rel.ends_with(LINK_HEADER_SUFFIX) {
        format!("link-header:{rel}")
    } else if Path::new(rel)
        .extension()
        .and_then(|x| x.to_str())
        .is_some_and(|x| matches!(x, "json" | "html" | "xml"))
    {
        rel.to_string()
    } else {
        return None;
    };
    PARSERS
        .iter()
        .filter(|p| key.starts_with(p.prefix))
        .max_by_key(|p| p.prefix.len())
}

fn listed(rel: &str) -> Option<&'static str> {
    NOT_PARSED_YET
        .iter()
        .find(|(entry, _)| {
            if entry.ends_with('/') {
                rel.starts_with(entry)
            } else {
                rel == *entry
            }
        })
        .map(|(_, why)| *why)
}

/// Every file under `dir`, as `/`-separated paths relative to `root`, sorted.
fn all_files(root: &Path, dir: &Path, out: &mut Vec<String>) {
    for entry in std::fs::read_dir(dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display())) {
        let path = entry.expect("a folder entry").path();
        if path.is_dir() {
            all_files(root, &path, out);
        } else {
            let rel = path.strip_prefix(root).expect("under the root");
            let parts: Vec<String> = rel
                .components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect();
            out.push(parts.join("/"));
        }
    }
    out.sort();
}

#[test]
fn every_corpus_file_is_parsed_or_listed() {
    let Some(corpus) = corpus_dir("sources::corpus::every_corpus_file_is_parsed_or_listed") else {
        return;
    };
    let mut problems = Vec::new();
    for source in SOURCES {
        let dir = corpus.join(source);
        let mut files = Vec::new();
        if dir.is_dir() {
            all_files(&corpus, &dir, &mut files);
        }
        if files.is_empty() {
            problems.push(format!(
                "{source}/: no files in {} (a configured corpus must hold every source)",
                dir.display()
            ));
        }
    }
    let mut files = Vec::new();
    all_files(&corpus, &corpus, &mut files);
    let mut read: BTreeMap<&str, (usize, usize)> = BTreeMap::new();
    let mut waiting = 0;
    for rel in files.iter().filter(|f| !DOCUMENTS.contains(&f.as_str())) {
        match (parser_for(rel), listed(rel)) {
            (Some(parser), Some(_)) => problems.push(format!(
                "{rel}: `{}` reads it now: remove it from NOT_PARSED_YET",
                parser.name
            )),
            (Some(parser), None) => {
                let path = corpus.join(rel);
                match std::panic::catch_unwind(|| (parser.parse)(&path)) {
                    Ok(Ok(items)) => {
                        let entry = read.entry(parser.name).or_default();
                        entry.0 += 1;
                        entry.1 += items;
                    }
                    Ok(Err(why)) => problems.push(format!("{rel}: `{}`: {why}", parser.name)),
                    Err(_) => problems.push(format!(
                        "{rel}: `{}` panicked (see the message above)",
                        parser.name
                    )),
                }
            }
            (None, Some(_)) => waiting += 1,
            (None, None) => problems.push(format!(
                "{rel}: no parser reads it and it is not in NOT_PARSED_YET: add a parser to PARSERS, or list it with the reason"
            )),
        }
    }
    for (entry, _) in NOT_PARSED_YET {
        let missing = if entry.ends_with('/') {
            !files.iter().any(|f| f.starts_with(entry))
        } else {
            !files.iter().any(|f| f == entry)
        };
        if missing {
            problems.push(format!(
                "{entry}: listed in NOT_PARSED_YET but not in the corpus: remove the entry"
            ));
        }
    }
    assert!(
        problems.is_empty(),
        "{} problem(s) in {}:\n{}",
        problems.len(),
        corpus.display(),
        problems.join("\n")
    );
    let parsed: usize = read.values().map(|(f, _)| f).sum();
    assert!(parsed > 0, "no corpus file was parsed");
    let _ = writeln!(
        std::io::stderr(),
        "corpus: {parsed} files read by {} parsers, {waiting} listed as not parsed yet",
        read.len()
    );
}

#[test]
fn the_not_parsed_list_has_no_duplicates_and_every_entry_gives_a_reason() {
    let mut seen = std::collections::HashSet::new();
    for (entry, why) in NOT_PARSED_YET {
        assert!(seen.insert(entry), "{entry} is listed twice");
        assert!(why.len() > 10, "{entry}: give the reason");
        assert!(
            parser_for(entry).is_none() || entry.ends_with('/'),
            "{entry}: `{}` reads it: remove it from NOT_PARSED_YET",
            parser_for(entry).map_or("", |p| p.name)
        );
    }
}
