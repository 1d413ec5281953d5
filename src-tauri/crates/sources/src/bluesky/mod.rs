//! Bluesky connector: the public AppView, no key needed.
//!
//! Main type: [`BlueskySource`]. One vet sends, to `https://public.api.bsky.app`
//! (or `SCOUT_BLUESKY_BASE_URL`):
//!
//! 1. `app.bsky.actor.getProfile?actor=…` (role `profile`);
//! 2. `app.bsky.feed.getAuthorFeed?actor=<did>&limit=100&filter=posts_with_replies[&cursor=…]`
//!    (roles `feed:<page>:<keep>`) until the newest `keep` original posts are
//!    read, the feed ends or [`MAX_FEED_PAGES`] pages were read; reposts and
//!    replies to others go to `other_posts`;
//! 3. `app.bsky.feed.getPostThread?uri=…&depth=6` for the most-engaged original
//!    posts with replies (roles `thread:<at-uri>`): their replies, flattened,
//!    become comments;
//! 4. `app.bsky.graph.getFollowers?actor=<did>&limit=100[&cursor=…]` (roles
//!    `followers:<page>:<keep>`) for a follower sample.
//!
//! The snapshot is built from the stored responses by the pure
//! [`map::build_snapshot`], which is also what [`Source::reparse`] runs.
//! Errors: unknown account → [`SourceError::NotFound`]; suspended, taken down or
//! deactivated → [`SourceError::Unavailable`]; a body in an unexpected shape →
//! [`SourceError::LayoutChanged`] naming the field. Inputs: see [`handle`].

pub mod handle;
pub mod lexicon;
pub mod map;
pub mod wire;

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use scout_core::{AccountKey, AccountRef, Platform, Snapshot};
use url::Url;

use crate::http::{self, HttpClient, Request};
use crate::input::InputError;
use crate::{Credentials, FetchContext, Fetched, RawResponse, Source, SourceError};

pub(crate) use handle::{parse_at_uri, parse_prefixed, parse_url};
use map::{
    ROLE_FEED, ROLE_FOLLOWERS, ROLE_PROFILE, ROLE_THREAD, decode, error_for, is_success, paged_role,
};
use wire::{AuthorFeed, Followers, ProfileViewDetailed};

const PLATFORM: Platform = Platform::Bluesky;

/// The public, unauthenticated AppView.
pub const DEFAULT_BASE_URL: &str = "https://public.api.bsky.app";
/// Items per author-feed page (the API maximum).
pub const FEED_PAGE_SIZE: usize = 100;
/// At most this many author-feed pages per vet (accounts that mostly repost).
pub const MAX_FEED_PAGES: usize = 10;
/// Followers per page (the API maximum).
pub const FOLLOWER_PAGE_SIZE: usize = 100;
/// Reply depth requested per thread.
pub const THREAD_DEPTH: u32 = 6;

/// Reads public Bluesky accounts through the AppView's XRPC API.
#[derive(Debug, Clone)]
pub struct BlueskySource {
    http: HttpClient,
    base: Url,
}

impl BlueskySource {
    /// A source on [`DEFAULT_BASE_URL`], or `SCOUT_BLUESKY_BASE_URL` when set.
    pub fn new(http: HttpClient) -> Self {
        Self {
            base: http::base_url("bluesky", DEFAULT_BASE_URL),
            http,
        }
    }

    /// A source that sends every request to `base` (tests, proxies).
    pub fn with_base_url(http: HttpClient, base: Url) -> Self {
        Self { http, base }
    }

    /// The base URL in use.
    pub fn base_url(&self) -> &Url {
        &self.base
    }

    async fn xrpc(
        &self,
        method: &str,
        params: &[(&str, &str)],
        role: String,
    ) -> Result<RawResponse, SourceError> {
        let mut url = http::endpoint(&self.base, &format!("xrpc/{method}"));
        url.query_pairs_mut().extend_pairs(params);
        self.http.send(Request::get(PLATFORM, role, url)).await
    }

    async fn fetch_feed(
        &self,
        did: &str,
        account: &str,
        keep: usize,
        ctx: &FetchContext<'_>,
        raw: &mut Vec<RawResponse>,
    ) -> Result<Vec<AuthorFeed>, SourceError> {
        let mut feeds: Vec<AuthorFeed> = Vec::new();
        if keep == 0 {
            return Ok(feeds);
        }
        let limit = FEED_PAGE_SIZE.to_string();
        let mut cursor: Option<String> = None;
        for page in 1..=MAX_FEED_PAGES {
            (ctx.progress)(&format!("Bluesky: reading posts (page {page})"));
            let mut params = vec![
                ("actor", did),
                ("limit", limit.as_str()),
                ("filter", "posts_with_replies"),
            ];
            if let Some(c) = &cursor {
                params.push(("cursor", c.as_str()));
            }
            let response = self
                .xrpc(
                    "app.bsky.feed.getAuthorFeed",
                    &params,
                    paged_role(ROLE_FEED, page, keep),
                )
                .await?;
            if !is_success(&response) {
                return Err(error_for(&response, account));
            }
            let feed: AuthorFeed = decode(&response, "app.bsky.feed.getAuthorFeed")?;
            raw.push(response);
            let next = feed.cursor.clone().filter(|c| !c.is_empty());
            let empty = feed.feed.is_empty();
            feeds.push(feed);
            let (originals, _) = map::classify_feed(&feeds, did, keep, &mut Vec::new());
            if originals.len() >= keep || empty || next.is_none() {
                break;
            }
            cursor = next;
        }
        Ok(feeds)
    }

    async fn fetch_followers(
        &self,
        did: &str,
        account: &str,
        keep: usize,
        ctx: &FetchContext<'_>,
        raw: &mut Vec<RawResponse>,
    ) -> Result<(), SourceError> {
        let mut collected = 0;
        let mut cursor: Option<String> = None;
        let max_pages = keep.div_ceil(FOLLOWER_PAGE_SIZE) + 1;
        for page in 1..=max_pages {
            if collected >= keep {
                break;
            }
            (ctx.progress)(&format!("Bluesky: sampling followers (page {page})"));
            let limit = FOLLOWER_PAGE_SIZE.min(keep - collected).to_string();
            let mut params = vec![("actor", did), ("limit", limit.as_str())];
            if let Some(c) = &cursor {
                params.push(("cursor", c.as_str()));
            }
            let response = self
                .xrpc(
                    "app.bsky.graph.getFollowers",
                    &params,
                    paged_role(ROLE_FOLLOWERS, page, keep),
                )
                .await?;
            if !is_success(&response) {
                return Err(error_for(&response, account));
            }
            let followers: Followers = decode(&response, "app.bsky.graph.getFollowers")?;
            raw.push(response);
            collected += followers.followers.len();
            cursor = followers.cursor.filter(|c| !c.is_empty());
            if cursor.is_none() || followers.followers.is_empty() {
                break;
            }
        }
        Ok(())
    }
}

/// The actor string an account reference names (handle or DID).
fn actor_of(account: &AccountRef) -> Result<String, SourceError> {
    match &account.key {
        AccountKey::Handle(h) => Ok(h.trim_start_matches('@').to_string()),
        AccountKey::Id(did) => Ok(did.clone()),
        other => Err(SourceError::Input(InputError::new(
            format!("{other:?}"),
            "a Bluesky handle or DID (Bluesky has no custom URLs or content ids)",
        ))),
    }
}

#[async_trait]
impl Source for BlueskySource {
    fn platform(&self) -> Platform {
        PLATFORM
    }

    async fn fetch(
        &self,
        account: &AccountRef,
        ctx: &FetchContext<'_>,
    ) -> Result<Fetched, SourceError> {
        let fetched_at = Utc::now();
        let actor = actor_of(account)?;
        let mut raw = Vec::new();

        (ctx.progress)("Bluesky: reading the profile");
        let response = self
            .xrpc(
                "app.bsky.actor.getProfile",
                &[("actor", actor.as_str())],
                ROLE_PROFILE.into(),
            )
            .await?;
        if !is_success(&response) {
            return Err(error_for(&response, &actor));
        }
        let profile: ProfileViewDetailed = decode(&response, "app.bsky.actor.getProfile")?;
        // Stop before reading posts of an account that is taken down.
        map::map_profile(&profile, &mut Vec::new())?;
        raw.push(response);
        let did = profile.did;

        let feeds = self
            .fetch_feed(&did, &actor, ctx.limits.posts, ctx, &mut raw)
            .await?;
        let (originals, _) = map::classify_feed(&feeds, &did, ctx.limits.posts, &mut Vec::new());
        let targets = map::most_engaged(&originals, ctx.limits.threads);
        let depth = THREAD_DEPTH.to_string();
        for (i, post) in targets.iter().enumerate() {
            (ctx.progress)(&format!(
                "Bluesky: reading replies ({}/{})",
                i + 1,
                targets.len()
            ));
            let role = format!("{ROLE_THREAD}{}", post.id);
            let params = [("uri", post.id.as_str()), ("depth", depth.as_str())];
            raw.push(
                self.xrpc("app.bsky.feed.getPostThread", &params, role)
                    .await?,
            );
        }

        if ctx.limits.followers > 0 {
            self.fetch_followers(&did, &actor, ctx.limits.followers, ctx, &mut raw)
                .await?;
        }

        let snapshot = map::build_snapshot(&raw, fetched_at)?;
        Ok(Fetched { snapshot, raw })
    }

    fn reparse(
        &self,
        raw: &[RawResponse],
        fetched_at: DateTime<Utc>,
    ) -> Result<Snapshot, SourceError> {
        map::build_snapshot(raw, fetched_at)
    }

    fn capabilities(&self, _credentials: &dyn Credentials) -> String {
        "Bluesky (public AppView, no key needed): profile and counts, the newest original posts with \
         likes, replies, reposts and quotes, replies to the most-engaged posts, and a follower sample. \
         Bluesky shows no view counts."
            .into()
    }
}
