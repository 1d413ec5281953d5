//! Every Bluesky response on disk through the matching wire type: the
//! repository's fixtures always, and `$SCOUT_CORPUS/fixtures/bluesky/` (real
//! captures) when `SCOUT_CORPUS` is set. The type is chosen by the file-name
//! prefix (`getProfile_`, `getAuthorFeed_`, …); an unknown prefix fails, so a
//! new capture cannot be skipped silently. `lexicons/` (schemas) is not read.

use std::path::{Path, PathBuf};

use scout_sources::bluesky::map::{
    classify_feed, map_follower, map_profile, thread_comments, uri_did,
};
use scout_sources::bluesky::wire::{
    AuthorFeed, Followers, PostThread, PostView, ProfileView, ProfileViewBasic,
    ProfileViewDetailed, XrpcError,
};
use scout_sources::{RawResponse, SourceError};
use serde::Deserialize;
use serde::de::DeserializeOwned;

use crate::replay::{corpus_dir, fixture_path};

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
struct Actors {
    actors: Vec<ProfileViewBasic>,
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
        "searchActorsTypeahead" => {
            let a: Actors = decode(path, "app.bsky.actor.searchActorsTypeahead");
            assert!(
                a.actors
                    .iter()
                    .all(|a| a.did.starts_with("did:") && !a.handle.is_empty()),
                "{file}"
            );
            a.actors.len()
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

#[test]
fn corpus_responses_parse() {
    let Some(corpus) = corpus_dir() else {
        eprintln!("SCOUT_CORPUS is not set: the Bluesky corpus check is skipped");
        return;
    };
    let files = json_files(&corpus.join("bluesky"));
    assert!(
        !files.is_empty(),
        "no Bluesky files under {}",
        corpus.display()
    );
    let mut items = 0;
    for file in &files {
        items += check_file(file);
    }
    assert!(
        items > files.len(),
        "{items} items in {} files",
        files.len()
    );
}
