//! Pure mapping from stored Bluesky responses to a [`Snapshot`]: no network,
//! no clock. [`build_snapshot`] is used both right after a fetch and by
//! `reparse`, so the two always agree.
//!
//! Response roles (stored in [`RawResponse::role`]):
//! - `profile`: `app.bsky.actor.getProfile`;
//! - `feed:<page>:<keep>`: page `<page>` (1-based) of `app.bsky.feed.getAuthorFeed`
//!   of a fetch that keeps the newest `<keep>` original posts;
//! - `thread:<at-uri>`: `app.bsky.feed.getPostThread` of one original post;
//! - `followers:<page>:<keep>`: page of `app.bsky.graph.getFollowers` of a fetch
//!   that samples up to `<keep>` followers.
//!
//! Classification of author-feed items: an item with a `#reasonRepost` reason is
//! a repost; a post whose record replies to a post (parent) or thread (root) of
//! another account is a reply to others; everything else the creator wrote —
//! including self-thread continuations and quote posts — is original.

use std::collections::HashSet;

use chrono::{DateTime, Utc};
use scout_core::{Comment, Part, Platform, Post, PostKind, Profile, SampledAccount, Snapshot};
use serde::de::DeserializeOwned;
use url::Url;

use super::wire::{
    AuthorFeed, Followers, PostThread, PostView, ProfileView, ProfileViewDetailed, ThreadNode,
    XrpcError,
};
use crate::{RawResponse, SourceError};

const PLATFORM: Platform = Platform::Bluesky;

/// Role of the profile response.
pub const ROLE_PROFILE: &str = "profile";
/// Role kind of author-feed pages (`feed:<page>:<keep>`).
pub const ROLE_FEED: &str = "feed";
/// Role prefix of thread responses (`thread:<at-uri>`).
pub const ROLE_THREAD: &str = "thread:";
/// Role kind of follower pages (`followers:<page>:<keep>`).
pub const ROLE_FOLLOWERS: &str = "followers";

/// Handle the AppView shows when an account's handle does not verify.
const INVALID_HANDLE: &str = "handle.invalid";

/// `kind:page:keep`.
pub fn paged_role(kind: &str, page: usize, keep: usize) -> String {
    format!("{kind}:{page}:{keep}")
}

/// `(page, keep)` of a `kind:page:keep` role.
fn parse_paged_role(role: &str, kind: &str) -> Option<(usize, usize)> {
    let rest = role.strip_prefix(kind)?.strip_prefix(':')?;
    let (page, keep) = rest.split_once(':')?;
    Some((page.parse().ok()?, keep.parse().ok()?))
}

/// Whether the response is a 2xx.
pub fn is_success(raw: &RawResponse) -> bool {
    (200..300).contains(&raw.status)
}

/// Decode a JSON body into `T`; on failure a [`SourceError::LayoutChanged`]
/// naming the endpoint and the field path (`feed[3].post.uri`).
pub fn decode<T: DeserializeOwned>(raw: &RawResponse, endpoint: &str) -> Result<T, SourceError> {
    let mut de = serde_json::Deserializer::from_slice(&raw.body);
    let value = serde_path_to_error::deserialize(&mut de).map_err(|e| layout(endpoint, &e))?;
    de.end().map_err(|e| SourceError::LayoutChanged {
        platform: PLATFORM,
        what: format!("{endpoint}: trailing data after the JSON body ({e})"),
    })?;
    Ok(value)
}

fn layout(endpoint: &str, e: &serde_path_to_error::Error<serde_json::Error>) -> SourceError {
    let inner = e.inner();
    let path = e.path().to_string();
    let what = if inner.is_eof() {
        format!("{endpoint}: the JSON body is cut off ({inner})")
    } else if inner.is_syntax() {
        format!("{endpoint}: the body is not JSON ({inner})")
    } else {
        let message = inner.to_string();
        // serde names a missing field in the message and points the path at its parent.
        let missing = message
            .strip_prefix("missing field `")
            .and_then(|rest| rest.split_once('`'))
            .map(|(field, _)| field.to_string());
        match missing {
            Some(field) if path == "." => format!("{endpoint}: missing field `{field}`"),
            Some(field) => format!("{endpoint}: missing field `{path}.{field}`"),
            None => format!("{endpoint}: field `{path}`: {message}"),
        }
    };
    SourceError::LayoutChanged {
        platform: PLATFORM,
        what,
    }
}

fn host_of(raw: &RawResponse) -> String {
    Url::parse(&raw.url)
        .ok()
        .and_then(|u| u.host_str().map(str::to_string))
        .unwrap_or_else(|| "-".into())
}

/// The typed error a failed XRPC response means, for `account` (as the user named it).
///
/// `AccountTakedown` → unavailable (suspended / taken down), `AccountDeactivated`
/// → unavailable (deactivated), `Profile not found` / `ActorNotFound` /
/// `NotFound` / HTTP 404 → not found, 429 → rate limited, anything else → HTTP error.
pub fn error_for(raw: &RawResponse, account: &str) -> SourceError {
    let body: Option<XrpcError> = serde_json::from_slice(&raw.body).ok();
    let account = account.to_string();
    let unavailable = |state: &str| SourceError::Unavailable {
        platform: PLATFORM,
        account: account.clone(),
        state: state.into(),
    };
    if let Some(XrpcError { error, message }) = &body {
        let message = message.as_deref().unwrap_or_default().to_ascii_lowercase();
        match error.as_str() {
            "AccountTakedown" if message.contains("suspend") => return unavailable("suspended"),
            "AccountTakedown" => return unavailable("taken down"),
            "AccountDeactivated" => return unavailable("deactivated"),
            "ActorNotFound" | "NotFound" => {
                return SourceError::NotFound {
                    platform: PLATFORM,
                    account,
                };
            }
            "InvalidRequest" if message.contains("not found") => {
                return SourceError::NotFound {
                    platform: PLATFORM,
                    account,
                };
            }
            _ => {}
        }
    }
    match raw.status {
        404 => SourceError::NotFound {
            platform: PLATFORM,
            account,
        },
        429 => SourceError::RateLimited {
            platform: PLATFORM,
            host: host_of(raw),
            retry_after: None,
        },
        status => SourceError::Http {
            platform: PLATFORM,
            host: host_of(raw),
            status,
        },
    }
}

/// One line describing a failed response, for warnings.
fn describe_failure(raw: &RawResponse) -> String {
    match serde_json::from_slice::<XrpcError>(&raw.body) {
        Ok(XrpcError {
            error,
            message: Some(m),
        }) => format!("HTTP {} {error}: {m}", raw.status),
        Ok(XrpcError {
            error,
            message: None,
        }) => format!("HTTP {} {error}", raw.status),
        Err(_) => format!("HTTP {}", raw.status),
    }
}

/// Parse an atproto datetime (RFC 3339).
pub fn parse_time(s: &str) -> Option<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(s)
        .ok()
        .map(|d| d.with_timezone(&Utc))
}

/// The DID that owns an at-uri (`at://did:plc:x/app.bsky.feed.post/y` → `did:plc:x`).
pub fn uri_did(uri: &str) -> &str {
    uri.strip_prefix("at://")
        .and_then(|rest| rest.split('/').next())
        .unwrap_or_default()
}

/// The record key of an at-uri (its last segment).
pub fn uri_rkey(uri: &str) -> &str {
    uri.rsplit('/').next().unwrap_or_default()
}

/// Profile page URL; falls back to the DID when the handle does not verify.
pub fn profile_url(handle: &str, did: &str) -> String {
    let actor = if handle == INVALID_HANDLE || handle.is_empty() {
        did
    } else {
        handle
    };
    format!("https://bsky.app/profile/{actor}")
}

/// Public web URL of a post.
pub fn post_url(author_handle: &str, author_did: &str, uri: &str) -> String {
    format!(
        "{}/post/{}",
        profile_url(author_handle, author_did),
        uri_rkey(uri)
    )
}

fn non_empty(s: Option<&str>) -> Option<String> {
    s.map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
}

/// `http(s)://…` and `www.…` links in a bio, trailing punctuation removed.
pub fn bio_links(bio: &str) -> Vec<String> {
    let mut links = Vec::new();
    for word in bio.split_whitespace() {
        let lower = word.to_ascii_lowercase();
        if lower.starts_with("http://")
            || lower.starts_with("https://")
            || lower.starts_with("www.")
        {
            let link = word.trim_end_matches(['.', ',', ';', ':', '!', '?', ')', ']', '"', '\'']);
            if link.len() > 4 && !links.iter().any(|l| l == link) {
                links.push(link.to_string());
            }
        }
    }
    links
}

/// Map the profile; moderation labels that hide the account are errors.
pub fn map_profile(
    p: &ProfileViewDetailed,
    warnings: &mut Vec<String>,
) -> Result<Profile, SourceError> {
    let labels: Vec<String> = p.labels.iter().map(|l| l.val.clone()).collect();
    let account = if p.handle == INVALID_HANDLE {
        p.did.clone()
    } else {
        p.handle.clone()
    };
    for (label, state) in [("!takedown", "taken down"), ("!suspend", "suspended")] {
        if labels.iter().any(|l| l == label) {
            return Err(SourceError::Unavailable {
                platform: PLATFORM,
                account,
                state: state.into(),
            });
        }
    }
    if labels.iter().any(|l| l == "!no-unauthenticated") {
        warnings.push(format!(
            "{account} asks apps not to show the account to logged-out viewers (label !no-unauthenticated)"
        ));
    }
    if p.handle == INVALID_HANDLE {
        warnings.push(format!(
            "{} has a handle that does not verify (handle.invalid)",
            p.did
        ));
    }
    let created_at = p.created_at.as_deref().and_then(parse_time);
    if p.created_at.is_some() && created_at.is_none() {
        warnings.push(format!(
            "profile createdAt is not a date: {:?}",
            p.created_at
        ));
    }
    let bio = non_empty(p.description.as_deref());
    Ok(Profile {
        id: p.did.clone(),
        handle: p.handle.clone(),
        display_name: non_empty(p.display_name.as_deref()),
        links: bio.as_deref().map(bio_links).unwrap_or_default(),
        bio,
        avatar_url: p.avatar.clone(),
        url: profile_url(&p.handle, &p.did),
        followers: p.followers_count,
        following: p.follows_count,
        posts_count: p.posts_count,
        total_likes: None,
        total_views: None,
        created_at,
        verified: p
            .verification
            .as_ref()
            .map(|v| v.verified_status == "valid"),
        is_private: Some(false),
        country: None,
        labels,
    })
}

/// Map one post view. `None` (with a warning) when it has no readable date.
pub fn map_post(view: &PostView, kind: PostKind, warnings: &mut Vec<String>) -> Option<Post> {
    let Some(created_at) =
        parse_time(&view.record.created_at).or_else(|| parse_time(&view.indexed_at))
    else {
        warnings.push(format!("post {} has no readable date; skipped", view.uri));
        return None;
    };
    Some(Post {
        id: view.uri.clone(),
        url: Some(post_url(&view.author.handle, &view.author.did, &view.uri)),
        kind,
        created_at,
        text: view.record.text.clone(),
        title: None,
        likes: view.like_count,
        likes_hidden: false,
        replies: view.reply_count,
        reposts: view.repost_count,
        quotes: view.quote_count,
        views: None,
        sponsored_label: None,
        languages: view.record.langs.clone(),
        duration_secs: None,
        reposted_from: (kind == PostKind::Repost).then(|| view.author.handle.clone()),
    })
}

/// Split author-feed pages (in order) into the newest `keep` original posts and
/// the reposts / replies to others seen before the cut. Items are taken in feed
/// order and the walk stops once `keep` originals are collected.
pub fn classify_feed(
    pages: &[AuthorFeed],
    creator_did: &str,
    keep: usize,
    warnings: &mut Vec<String>,
) -> (Vec<Post>, Vec<Post>) {
    let mut originals = Vec::new();
    let mut others = Vec::new();
    let mut seen = HashSet::new();
    if keep == 0 {
        return (originals, others);
    }
    for item in pages.iter().flat_map(|p| p.feed.iter()) {
        let post = &item.post;
        let is_repost = item
            .reason
            .as_ref()
            .is_some_and(super::wire::Reason::is_repost);
        let kind = if is_repost {
            PostKind::Repost
        } else if post.author.did != creator_did {
            warnings.push(format!(
                "feed item {} is by another account and is not a repost; skipped",
                post.uri
            ));
            continue;
        } else {
            match &post.record.reply {
                Some(reply)
                    if uri_did(&reply.parent.uri) != creator_did
                        || uri_did(&reply.root.uri) != creator_did =>
                {
                    PostKind::Reply
                }
                _ => PostKind::Original,
            }
        };
        // A repost and the original post share a uri; key reposts apart.
        if !seen.insert((post.uri.clone(), is_repost)) {
            continue;
        }
        let Some(mapped) = map_post(post, kind, warnings) else {
            continue;
        };
        if kind == PostKind::Original {
            originals.push(mapped);
            if originals.len() >= keep {
                break;
            }
        } else {
            others.push(mapped);
        }
    }
    (originals, others)
}

/// The `n` most-engaged posts (likes + replies + reposts + quotes; ties go to
/// the newer post) that have replies to read. Posts whose reply count is known
/// to be zero are left out (nothing to fetch).
pub fn most_engaged(posts: &[Post], n: usize) -> Vec<&Post> {
    let mut ranked: Vec<(usize, &Post)> = posts.iter().enumerate().collect();
    ranked.sort_by(|(ia, a), (ib, b)| b.interactions().cmp(&a.interactions()).then(ia.cmp(ib)));
    ranked
        .into_iter()
        .take(n)
        .map(|(_, p)| p)
        .filter(|p| p.replies != Some(0))
        .collect()
}

/// The replies in a thread (nested replies flattened, depth first), as comments
/// on `root_id`. Replies by the creator are not comments, but replies to them are.
pub fn thread_comments(
    thread: &PostThread,
    root_id: &str,
    creator_did: &str,
    warnings: &mut Vec<String>,
) -> Vec<Comment> {
    let mut out = Vec::new();
    let mut stack: Vec<&ThreadNode> = thread.thread.replies.iter().flatten().rev().collect();
    while let Some(node) = stack.pop() {
        if let Some(post) = node.visible_post().filter(|p| p.author.did != creator_did) {
            let created_at = parse_time(&post.record.created_at);
            if created_at.is_none() {
                warnings.push(format!("reply {} has no readable date", post.uri));
            }
            out.push(Comment {
                id: post.uri.clone(),
                post_id: root_id.to_string(),
                author_id: post.author.did.clone(),
                author_handle: post.author.handle.clone(),
                text: post.record.text.clone(),
                created_at,
                likes: post.like_count,
                author: Some(SampledAccount {
                    id: post.author.did.clone(),
                    handle: post.author.handle.clone(),
                    display_name: non_empty(post.author.display_name.as_deref()),
                    bio: None,
                    has_avatar: Some(post.author.avatar.is_some()),
                    followers: None,
                    following: None,
                    posts_count: None,
                    created_at: post.author.created_at.as_deref().and_then(parse_time),
                    is_private: Some(false),
                }),
            });
        }
        stack.extend(node.replies.iter().flatten().rev());
    }
    out
}

/// A follower (`profileView`) as a sampled account. Counts are not in a
/// `profileView`, so they stay unknown.
pub fn map_follower(p: &ProfileView) -> SampledAccount {
    SampledAccount {
        id: p.did.clone(),
        handle: p.handle.clone(),
        display_name: non_empty(p.display_name.as_deref()),
        bio: non_empty(p.description.as_deref()),
        has_avatar: Some(p.avatar.is_some()),
        followers: None,
        following: None,
        posts_count: None,
        created_at: p.created_at.as_deref().and_then(parse_time),
        is_private: Some(false),
    }
}

/// The actor a stored request asked for (its `actor` query value), for error messages.
fn requested_actor(raw: &RawResponse) -> String {
    Url::parse(&raw.url)
        .ok()
        .and_then(|u| {
            u.query_pairs()
                .find(|(k, _)| k == "actor")
                .map(|(_, v)| v.into_owned())
        })
        .unwrap_or_else(|| "?".into())
}

/// Paged responses of one kind, in page order, with the `keep` of the fetch.
fn pages<'a>(raw: &'a [RawResponse], kind: &str) -> (Vec<&'a RawResponse>, usize) {
    let mut found: Vec<(usize, usize, &RawResponse)> = raw
        .iter()
        .filter_map(|r| parse_paged_role(&r.role, kind).map(|(page, keep)| (page, keep, r)))
        .collect();
    found.sort_by_key(|(page, _, _)| *page);
    let keep = found.iter().map(|(_, keep, _)| *keep).max().unwrap_or(0);
    (found.into_iter().map(|(_, _, r)| r).collect(), keep)
}

/// Build the snapshot from stored responses (see the module docs for roles).
pub fn build_snapshot(
    raw: &[RawResponse],
    fetched_at: DateTime<Utc>,
) -> Result<Snapshot, SourceError> {
    let profile_raw =
        raw.iter()
            .find(|r| r.role == ROLE_PROFILE)
            .ok_or_else(|| SourceError::LayoutChanged {
                platform: PLATFORM,
                what: "stored responses hold no `profile` response".into(),
            })?;
    if !is_success(profile_raw) {
        return Err(error_for(profile_raw, &requested_actor(profile_raw)));
    }
    let wire: ProfileViewDetailed = decode(profile_raw, "app.bsky.actor.getProfile")?;
    let mut warnings = Vec::new();
    let profile = map_profile(&wire, &mut warnings)?;
    let creator_did = wire.did.clone();
    let mut snapshot = Snapshot::new(PLATFORM, profile, fetched_at);

    // Posts.
    let (feed_raw, keep_posts) = pages(raw, ROLE_FEED);
    let mut feeds = Vec::with_capacity(feed_raw.len());
    for page in &feed_raw {
        if !is_success(page) {
            return Err(error_for(page, &snapshot.profile.handle));
        }
        feeds.push(decode::<AuthorFeed>(page, "app.bsky.feed.getAuthorFeed")?);
    }
    let (posts, other_posts) = classify_feed(&feeds, &creator_did, keep_posts, &mut warnings);
    if feed_raw.is_empty() {
        snapshot.mark_missing(Part::Posts, "the author feed was not fetched");
    }
    snapshot.posts = posts;
    snapshot.other_posts = other_posts;

    // Replies on the most-engaged posts.
    let mut seen_comments = HashSet::new();
    for thread_raw in raw.iter().filter(|r| r.role.starts_with(ROLE_THREAD)) {
        let root_id = &thread_raw.role[ROLE_THREAD.len()..];
        if !is_success(thread_raw) {
            warnings.push(format!(
                "replies to {root_id} could not be read ({})",
                describe_failure(thread_raw)
            ));
            continue;
        }
        let thread: PostThread = decode(thread_raw, "app.bsky.feed.getPostThread")?;
        for comment in thread_comments(&thread, root_id, &creator_did, &mut warnings) {
            if seen_comments.insert(comment.id.clone()) {
                snapshot.comments.push(comment);
            }
        }
    }

    // Follower sample.
    let (follower_raw, keep_followers) = pages(raw, ROLE_FOLLOWERS);
    if follower_raw.is_empty() {
        snapshot.mark_missing(Part::FollowerSample, "the follower list was not fetched");
    } else {
        let mut sample = Vec::new();
        let mut seen = HashSet::new();
        for page in &follower_raw {
            if !is_success(page) {
                return Err(error_for(page, &snapshot.profile.handle));
            }
            let followers: Followers = decode(page, "app.bsky.graph.getFollowers")?;
            for f in &followers.followers {
                if sample.len() < keep_followers && seen.insert(f.did.clone()) {
                    sample.push(map_follower(f));
                }
            }
        }
        snapshot.follower_sample = Some(sample);
    }

    if snapshot.profile.followers.is_none() {
        snapshot.mark_missing(
            Part::FollowerCount,
            "the Bluesky profile gave no follower count",
        );
    }
    snapshot.mark_missing(Part::Views, "Bluesky shows no view counts");
    snapshot.mark_missing(
        Part::EngagerSample,
        "likers are not sampled on Bluesky; the follower sample is used",
    );
    snapshot.warnings = warnings;
    Ok(snapshot)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn raw(role: &str, status: u16, body: &str) -> RawResponse {
        RawResponse {
            role: role.into(),
            url:
                "https://public.api.bsky.app/xrpc/app.bsky.actor.getProfile?actor=alice.bsky.social"
                    .into(),
            status,
            content_type: Some("application/json; charset=utf-8".into()),
            fetched_at: DateTime::from_timestamp(1_735_689_600, 0).unwrap(),
            body: body.as_bytes().to_vec(),
        }
    }

    #[test]
    fn roles() {
        assert_eq!(paged_role(ROLE_FEED, 2, 50), "feed:2:50");
        assert_eq!(parse_paged_role("feed:2:50", ROLE_FEED), Some((2, 50)));
        assert_eq!(
            parse_paged_role("followers:1:500", ROLE_FOLLOWERS),
            Some((1, 500))
        );
        assert_eq!(parse_paged_role("feed:2:50", ROLE_FOLLOWERS), None);
        assert_eq!(parse_paged_role("feedx:2:50", ROLE_FEED), None);
        assert_eq!(parse_paged_role("feed:two:50", ROLE_FEED), None);
    }

    #[test]
    fn uris() {
        let uri = "at://did:plc:ntd53albt5ffa4rgervvgibd/app.bsky.feed.post/3ljhlu2ijic2z";
        assert_eq!(uri_did(uri), "did:plc:ntd53albt5ffa4rgervvgibd");
        assert_eq!(uri_rkey(uri), "3ljhlu2ijic2z");
        assert_eq!(
            post_url(
                "jbgruber.bsky.social",
                "did:plc:ntd53albt5ffa4rgervvgibd",
                uri
            ),
            "https://bsky.app/profile/jbgruber.bsky.social/post/3ljhlu2ijic2z"
        );
        assert_eq!(
            post_url("handle.invalid", "did:plc:ntd53albt5ffa4rgervvgibd", uri),
            "https://bsky.app/profile/did:plc:ntd53albt5ffa4rgervvgibd/post/3ljhlu2ijic2z"
        );
    }

    #[test]
    fn xrpc_errors_map_to_typed_errors() {
        let cases = [
            (
                400,
                r#"{"error":"InvalidRequest","message":"Profile not found"}"#,
                "not_found",
            ),
            (
                400,
                r#"{"error":"ActorNotFound","message":"Actor not found"}"#,
                "not_found",
            ),
            (
                400,
                r#"{"error":"AccountTakedown","message":"Account has been suspended"}"#,
                "unavailable",
            ),
            (
                400,
                r#"{"error":"AccountDeactivated","message":"Account is deactivated"}"#,
                "unavailable",
            ),
            (
                400,
                r#"{"error":"InvalidRequest","message":"Error: actor must be a valid did or a handle"}"#,
                "http",
            ),
            (404, "<html>not here</html>", "not_found"),
            (
                401,
                r#"{"error":"AuthMissing","message":"Authentication Required"}"#,
                "http",
            ),
        ];
        for (status, body, code) in cases {
            let err = error_for(&raw("profile", status, body), "alice.bsky.social");
            assert_eq!(err.code(), code, "{body}");
        }
        let suspended = error_for(
            &raw(
                "profile",
                400,
                r#"{"error":"AccountTakedown","message":"Account has been suspended"}"#,
            ),
            "alice.bsky.social",
        );
        assert!(
            matches!(suspended, SourceError::Unavailable { ref state, .. } if state == "suspended")
        );
        let taken = error_for(
            &raw(
                "profile",
                400,
                r#"{"error":"AccountTakedown","message":"Account has been taken down"}"#,
            ),
            "alice.bsky.social",
        );
        assert!(
            matches!(taken, SourceError::Unavailable { ref state, .. } if state == "taken down")
        );
        let deactivated = error_for(
            &raw(
                "profile",
                400,
                r#"{"error":"AccountDeactivated","message":"Account is deactivated"}"#,
            ),
            "a.b",
        );
        assert_eq!(deactivated.to_string(), "Bluesky: 'a.b' is deactivated");
    }

    #[test]
    fn decode_names_missing_fields() {
        let body = r#"{"feed":[{"post":{"author":{"did":"did:plc:x","handle":"a.b"},"record":{"text":"t","createdAt":"2025-01-01T00:00:00Z"},"indexedAt":"2025-01-01T00:00:00Z"}}]}"#;
        let err = decode::<AuthorFeed>(&raw("feed:1:50", 200, body), "app.bsky.feed.getAuthorFeed")
            .unwrap_err();
        match err {
            SourceError::LayoutChanged { what, .. } => {
                assert_eq!(
                    what,
                    "app.bsky.feed.getAuthorFeed: missing field `feed[0].post.uri`"
                );
            }
            other => panic!("{other:?}"),
        }
        let err = decode::<ProfileViewDetailed>(
            &raw("profile", 200, r#"{"handle":"a.b"}"#),
            "app.bsky.actor.getProfile",
        )
        .unwrap_err();
        assert!(
            matches!(err, SourceError::LayoutChanged { ref what, .. } if what == "app.bsky.actor.getProfile: missing field `did`")
        );
        let err = decode::<ProfileViewDetailed>(
            &raw("profile", 200, r#"{"did":"did:plc:x","handle":"#),
            "p",
        )
        .unwrap_err();
        assert!(
            matches!(err, SourceError::LayoutChanged { ref what, .. } if what.contains("cut off")),
            "{err:?}"
        );
        let err = decode::<ProfileViewDetailed>(&raw("profile", 200, "<html>"), "p").unwrap_err();
        assert!(
            matches!(err, SourceError::LayoutChanged { ref what, .. } if what.contains("not JSON")),
            "{err:?}"
        );
        let err =
            decode::<ProfileViewDetailed>(&raw("profile", 200, r#"{"did":7,"handle":"a.b"}"#), "p")
                .unwrap_err();
        assert!(
            matches!(err, SourceError::LayoutChanged { ref what, .. } if what.starts_with("p: field `did`")),
            "{err:?}"
        );
    }

    #[test]
    fn takedown_labels_make_the_profile_unavailable() {
        let body = r#"{"did":"did:plc:ntd53albt5ffa4rgervvgibd","handle":"a.bsky.social","labels":[{"src":"did:plc:ar7c4by46qjdydhdevvrndac","uri":"did:plc:ntd53albt5ffa4rgervvgibd","val":"!takedown","cts":"2025-01-01T00:00:00.000Z"}]}"#;
        let wire: ProfileViewDetailed = decode(&raw("profile", 200, body), "p").unwrap();
        let err = map_profile(&wire, &mut Vec::new()).unwrap_err();
        assert!(matches!(err, SourceError::Unavailable { ref state, .. } if state == "taken down"));
    }

    #[test]
    fn bio_links_are_found() {
        assert_eq!(
            bio_links("Blog: https://example.com/a, and www.example.org. Not: example.net"),
            vec![
                "https://example.com/a".to_string(),
                "www.example.org".to_string()
            ]
        );
    }

    #[test]
    fn most_engaged_prefers_interactions_then_newer() {
        let post = |id: &str, likes: u64, replies: u64| Post {
            id: id.into(),
            likes: Some(likes),
            replies: Some(replies),
            ..Post::default()
        };
        let posts = vec![
            post("a", 5, 1),
            post("b", 10, 1),
            post("c", 5, 1),
            post("d", 50, 0),
        ];
        let ids: Vec<&str> = most_engaged(&posts, 3)
            .iter()
            .map(|p| p.id.as_str())
            .collect();
        // d is the most engaged but has no replies to read.
        assert_eq!(ids, vec!["b", "a"]);
    }
}
