//! Mastodon connector (any instance, no key needed).
//!
//! Main type: [`MastodonSource`]. One vet sends, to the account's home
//! instance (or to `SCOUT_MASTODON_BASE_URL` when set, the account keeping its
//! instance in its handle `user@instance`):
//!
//! 1. `GET /api/v1/accounts/lookup?acct=USER` (role `lookup`);
//! 2. `GET /api/v1/accounts/:id/statuses?limit=40[&max_id=…]` (roles
//!    `statuses:1`, `statuses:2`, …) until enough original posts are read or
//!    [`MAX_STATUS_PAGES`] pages; boosts and replies to other accounts go to
//!    `other_posts`;
//! 3. `GET /api/v1/statuses/:id/context` for the most-replied original posts
//!    (role `context:<status id>`): their descendants become comments;
//! 4. `GET /api/v1/accounts/:id/followers?limit=80` (role `followers:1`) for a
//!    follower sample.
//!
//! Statuses are paged by the `max_id` of the response's `Link: rel="next"`
//! header ([`crate::link_header::next_max_id`]; no `rel="next"` = the last
//! page); without a header, by the last status id of the page (the id Mastodon
//! puts there for this endpoint). Suspended accounts are [`SourceError::Unavailable`], an
//! unknown account (HTTP 404) [`SourceError::NotFound`]. Inputs `@user@instance`
//! ([`parse_acct`]) and `https://instance/@user` ([`parse_url`]).

mod map;
pub mod wire;

use std::collections::HashSet;

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use scout_core::{AccountKey, AccountRef, Part, Platform, PostKind, Snapshot};
use serde::de::DeserializeOwned;
use url::Url;

use crate::http::{self, HttpClient, Request};
use crate::input::InputError;
use crate::link_header;
use crate::{Credentials, FetchContext, Fetched, RawResponse, Source, SourceError};

pub use map::{html_links, html_to_text};
use wire::{Account, ApiError, Context, Status};

const PLATFORM: Platform = Platform::Mastodon;

/// Statuses per page (the API maximum).
pub const STATUS_PAGE_SIZE: usize = 40;
/// At most this many status pages per vet (200 statuses).
pub const MAX_STATUS_PAGES: usize = 5;
/// Followers per page (the API maximum); one page is read.
pub const FOLLOWER_PAGE_SIZE: usize = 80;

const ROLE_LOOKUP: &str = "lookup";
const ROLE_STATUSES: &str = "statuses:";
const ROLE_CONTEXT: &str = "context:";
const ROLE_FOLLOWERS: &str = "followers:";

/// Hosts that use `/@name` paths but are not Mastodon.
const NOT_MASTODON: &[&str] = &[
    "youtube.com",
    "youtu.be",
    "tiktok.com",
    "instagram.com",
    "twitch.tv",
    "bsky.app",
    "medium.com",
    "threads.net",
    "threads.com",
    "x.com",
    "twitter.com",
];

/// Reads public Mastodon accounts on any instance.
#[derive(Debug, Clone)]
pub struct MastodonSource {
    http: HttpClient,
    base_override: Option<Url>,
}

impl MastodonSource {
    /// A source that talks to each account's own instance, or to
    /// `SCOUT_MASTODON_BASE_URL` when that variable is set.
    pub fn new(http: HttpClient) -> Self {
        Self {
            http,
            base_override: None,
        }
    }

    /// A source that sends every request to `base` (tests, proxies).
    pub fn with_base_url(http: HttpClient, base: Url) -> Self {
        Self {
            http,
            base_override: Some(base),
        }
    }

    fn base_for(&self, instance: &str) -> Url {
        match &self.base_override {
            Some(base) => base.clone(),
            None => http::base_url("mastodon", &format!("https://{instance}")),
        }
    }

    async fn send(&self, url: Url, role: String) -> Result<RawResponse, SourceError> {
        self.http.send(Request::get(PLATFORM, role, url)).await
    }
}

/// `@user@instance` (or `user@instance`) → a
/// Mastodon account. `None` when `s` does not have that shape.
pub(crate) fn parse_acct(s: &str) -> Option<Result<AccountRef, InputError>> {
    let trimmed = s.trim();
    let rest = trimmed.strip_prefix('@').unwrap_or(trimmed);
    let (user, instance) = rest.split_once('@')?;
    let bad = || InputError::new(trimmed, "a Mastodon address like @user@mastodon.social");
    let user = user.trim();
    let valid_user = !user.is_empty()
        && user
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '.' || c == '-');
    let instance = instance.trim().trim_end_matches('/').to_ascii_lowercase();
    let valid_instance = instance.contains('.')
        && !instance.starts_with('.')
        && !instance.ends_with('.')
        && instance
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '.' || c == '-' || c == ':');
    if !valid_user || !valid_instance {
        return Some(Err(bad()));
    }
    Some(Ok(AccountRef {
        platform: PLATFORM,
        key: AccountKey::Handle(user.to_string()),
        instance: Some(instance),
    }))
}

/// `https://instance/@user` (or `/@user@other.instance`, `/users/user`) → a
/// Mastodon account. `None` for other shapes and for known non-Mastodon hosts.
pub(crate) fn parse_url(url: &Url) -> Option<Result<AccountRef, InputError>> {
    let host = url.host_str()?.to_ascii_lowercase();
    let bare = host.strip_prefix("www.").unwrap_or(&host);
    if NOT_MASTODON
        .iter()
        .any(|h| bare == *h || bare.ends_with(&format!(".{h}")))
    {
        return None;
    }
    let mut segments = url.path_segments()?.filter(|s| !s.is_empty());
    let first = segments.next()?;
    let name = if let Some(name) = first.strip_prefix('@') {
        name.to_string()
    } else if first == "users" {
        segments.next()?.to_string()
    } else {
        return None;
    };
    let instance = match url.port() {
        Some(port) => format!("{host}:{port}"),
        None => host.clone(),
    };
    let acct = if name.contains('@') {
        format!("@{name}")
    } else {
        format!("@{name}@{instance}")
    };
    parse_acct(&acct)
}

fn parse_json<T: DeserializeOwned>(raw: &RawResponse, what: &str) -> Result<T, SourceError> {
    serde_json::from_slice(&raw.body).map_err(|e| SourceError::LayoutChanged {
        platform: PLATFORM,
        what: format!("{what} ({e})"),
    })
}

fn host_of(raw: &RawResponse) -> String {
    Url::parse(&raw.url)
        .ok()
        .and_then(|u| u.host_str().map(str::to_string))
        .unwrap_or_else(|| "-".into())
}

fn is_success(raw: &RawResponse) -> bool {
    (200..300).contains(&raw.status)
}

/// The account in a lookup response, or the typed error its status and body mean.
fn read_lookup(raw: &RawResponse, display: &str) -> Result<Account, SourceError> {
    match raw.status {
        200..=299 => {}
        404 => {
            return Err(SourceError::NotFound {
                platform: PLATFORM,
                account: display.to_string(),
            });
        }
        410 => {
            return Err(SourceError::Unavailable {
                platform: PLATFORM,
                account: display.to_string(),
                state: "gone".into(),
            });
        }
        status => {
            return Err(SourceError::Http {
                platform: PLATFORM,
                host: host_of(raw),
                status,
            });
        }
    }
    let account: Account = parse_json(raw, "account lookup: an Account object")?;
    if account.suspended == Some(true) {
        return Err(SourceError::Unavailable {
            platform: PLATFORM,
            account: display.to_string(),
            state: "suspended".into(),
        });
    }
    Ok(account)
}

/// The numeric suffix of a paged role (`statuses:3` → 3).
fn page_of(role: &str, prefix: &str) -> usize {
    role.strip_prefix(prefix)
        .and_then(|n| n.parse().ok())
        .unwrap_or(usize::MAX)
}

/// The instance an account lives on: the host of its profile URL, else of the lookup URL.
fn instance_of(account: &Account, lookup: &RawResponse) -> String {
    let from = |s: &str| {
        Url::parse(s).ok().and_then(|u| {
            u.host_str().map(|h| match u.port() {
                Some(p) => format!("{h}:{p}"),
                None => h.to_string(),
            })
        })
    };
    account
        .url
        .as_deref()
        .and_then(from)
        .or_else(|| from(&lookup.url))
        .unwrap_or_else(|| "-".into())
}

fn error_message(raw: &RawResponse) -> String {
    serde_json::from_slice::<ApiError>(&raw.body)
        .map_or_else(|_| format!("HTTP {}", raw.status), |e| e.error)
}

/// Build a snapshot from stored responses (the pure half of a vet).
fn snapshot_from(raw: &[RawResponse], fetched_at: DateTime<Utc>) -> Result<Snapshot, SourceError> {
    let lookup =
        raw.iter()
            .find(|r| r.role == ROLE_LOOKUP)
            .ok_or_else(|| SourceError::LayoutChanged {
                platform: PLATFORM,
                what: "the stored responses hold no account lookup".into(),
            })?;
    let display = Url::parse(&lookup.url)
        .ok()
        .and_then(|u| {
            u.query_pairs()
                .find(|(k, _)| k == "acct")
                .map(|(_, v)| v.into_owned())
        })
        .unwrap_or_default();
    let account = read_lookup(lookup, &display)?;
    let instance = instance_of(&account, lookup);
    let mut snap = Snapshot::new(PLATFORM, map::profile(&account, &instance), fetched_at);

    let mut pages: Vec<&RawResponse> = raw
        .iter()
        .filter(|r| r.role.starts_with(ROLE_STATUSES))
        .collect();
    pages.sort_by_key(|r| page_of(&r.role, ROLE_STATUSES));
    let mut seen = HashSet::new();
    for page in &pages {
        if !is_success(page) {
            snap.warnings.push(format!(
                "status page {} failed: {}",
                page.role,
                error_message(page)
            ));
            continue;
        }
        let statuses: Vec<Status> = parse_json(page, "account statuses: an array of Status")?;
        for status in statuses {
            if !seen.insert(status.id.clone()) {
                continue;
            }
            let post = map::post(&status, &account.id);
            if post.kind == PostKind::Original {
                snap.posts.push(post);
            } else {
                snap.other_posts.push(post);
            }
        }
    }
    if pages.is_empty() {
        snap.mark_missing(Part::Posts, "no statuses were fetched for this account");
    }
    snap.posts.sort_by_key(|p| std::cmp::Reverse(p.created_at));
    snap.other_posts
        .sort_by_key(|p| std::cmp::Reverse(p.created_at));

    let mut seen_comments = HashSet::new();
    for ctx in raw.iter().filter(|r| r.role.starts_with(ROLE_CONTEXT)) {
        let root = ctx.role.trim_start_matches(ROLE_CONTEXT);
        if !is_success(ctx) {
            snap.warnings.push(format!(
                "replies to status {root} could not be read: {}",
                error_message(ctx)
            ));
            continue;
        }
        let context: Context = parse_json(ctx, "status context: {ancestors, descendants}")?;
        for status in context
            .descendants
            .iter()
            .filter(|s| s.account.id != account.id)
        {
            if seen_comments.insert(status.id.clone()) {
                snap.comments.push(map::comment(status, root));
            }
        }
    }

    let mut follower_pages: Vec<&RawResponse> = raw
        .iter()
        .filter(|r| r.role.starts_with(ROLE_FOLLOWERS))
        .collect();
    follower_pages.sort_by_key(|r| page_of(&r.role, ROLE_FOLLOWERS));
    if follower_pages.is_empty() {
        let reason = if account.hide_collections == Some(true) {
            "the account hides its follower list"
        } else {
            "no follower page was fetched"
        };
        snap.mark_missing(Part::FollowerSample, reason);
    } else {
        let mut sample = Vec::new();
        let mut ids = HashSet::new();
        for page in follower_pages {
            if !is_success(page) {
                snap.warnings.push(format!(
                    "follower page {} failed: {}",
                    page.role,
                    error_message(page)
                ));
                continue;
            }
            let accounts: Vec<Account> = parse_json(page, "followers: an array of Account")?;
            for a in &accounts {
                if ids.insert(a.id.clone()) {
                    sample.push(map::sampled_account(a));
                }
            }
        }
        if sample.is_empty() && account.followers_count.unwrap_or(0) > 0 {
            snap.mark_missing(
                Part::FollowerSample,
                "the instance returned no followers (the account may hide its follower list)",
            );
        } else {
            snap.follower_sample = Some(sample);
        }
    }
    Ok(snap)
}

/// The `max_id` of the next statuses page: the `Link: rel="next"` header's
/// when the instance sent one (no `rel="next"`: the last page), else the last
/// status id of this page (the same id; a header Scout cannot read is logged).
fn next_page(link: Option<&str>, url: &Url, statuses: &[Status]) -> Option<String> {
    let from_body = || statuses.last().map(|s| s.id.clone());
    match link.map(|l| link_header::next_max_id(l, url)) {
        Some(Ok(next)) => next,
        Some(Err(e)) => {
            tracing::warn!("Mastodon statuses: {e}; paging by the last status id");
            from_body()
        }
        None => from_body(),
    }
}

/// User and instance of a Mastodon account reference.
fn user_and_instance(account: &AccountRef) -> Result<(String, String), SourceError> {
    match (&account.key, &account.instance) {
        (AccountKey::Handle(user), Some(instance)) => {
            Ok((user.trim_start_matches('@').to_string(), instance.clone()))
        }
        _ => Err(SourceError::Input(InputError {
            input: account.display(),
            expected: "a Mastodon address like @user@mastodon.social".into(),
        })),
    }
}

#[async_trait]
impl Source for MastodonSource {
    fn platform(&self) -> Platform {
        PLATFORM
    }

    async fn fetch(
        &self,
        account: &AccountRef,
        ctx: &FetchContext<'_>,
    ) -> Result<Fetched, SourceError> {
        let (user, instance) = user_and_instance(account)?;
        let display = format!("@{user}@{instance}");
        let base = self.base_for(&instance);
        let mut raw = Vec::new();

        (ctx.progress)(&format!("Mastodon: looking up {display}"));
        let mut url = http::endpoint(&base, "api/v1/accounts/lookup");
        url.query_pairs_mut().append_pair("acct", &user);
        let lookup = self.send(url, ROLE_LOOKUP.into()).await?;
        let me = read_lookup(&lookup, &display)?;
        raw.push(lookup);

        let mut max_id: Option<String> = None;
        let mut originals = 0usize;
        for page in 1..=MAX_STATUS_PAGES {
            (ctx.progress)(&format!("Mastodon: reading statuses, page {page}"));
            let mut url = http::endpoint(&base, &format!("api/v1/accounts/{}/statuses", me.id));
            url.query_pairs_mut()
                .append_pair("limit", &STATUS_PAGE_SIZE.to_string());
            if let Some(id) = &max_id {
                url.query_pairs_mut().append_pair("max_id", id);
            }
            let request = Request::get(PLATFORM, format!("{ROLE_STATUSES}{page}"), url.clone());
            let (resp, link) = self.http.send_with_link(request).await?;
            if !is_success(&resp) {
                raw.push(resp);
                break;
            }
            let statuses: Vec<Status> = parse_json(&resp, "account statuses: an array of Status")?;
            raw.push(resp);
            originals += statuses
                .iter()
                .filter(|s| map::classify(s, &me.id) == PostKind::Original)
                .count();
            max_id = next_page(link.as_deref(), &url, &statuses);
            if max_id.is_none()
                || statuses.len() < STATUS_PAGE_SIZE
                || originals >= ctx.limits.posts
            {
                break;
            }
        }

        // The most-replied original posts get their threads read.
        let partial = snapshot_from(&raw, Utc::now())?;
        let mut threads: Vec<_> = partial
            .posts
            .iter()
            .filter(|p| p.replies.unwrap_or(0) > 0)
            .collect();
        threads.sort_by(|a, b| {
            b.replies
                .cmp(&a.replies)
                .then_with(|| b.created_at.cmp(&a.created_at))
        });
        let threads: Vec<String> = threads
            .iter()
            .take(ctx.limits.threads)
            .map(|p| p.id.clone())
            .collect();
        for (i, id) in threads.iter().enumerate() {
            (ctx.progress)(&format!(
                "Mastodon: reading replies {}/{}",
                i + 1,
                threads.len()
            ));
            let url = http::endpoint(&base, &format!("api/v1/statuses/{id}/context"));
            raw.push(self.send(url, format!("{ROLE_CONTEXT}{id}")).await?);
        }

        if me.hide_collections != Some(true) && ctx.limits.followers > 0 {
            (ctx.progress)("Mastodon: sampling followers");
            let mut url = http::endpoint(&base, &format!("api/v1/accounts/{}/followers", me.id));
            let limit = ctx.limits.followers.min(FOLLOWER_PAGE_SIZE);
            url.query_pairs_mut()
                .append_pair("limit", &limit.to_string());
            raw.push(self.send(url, format!("{ROLE_FOLLOWERS}1")).await?);
        }

        let snapshot = snapshot_from(&raw, Utc::now())?;
        Ok(Fetched { snapshot, raw })
    }

    fn reparse(
        &self,
        raw: &[RawResponse],
        fetched_at: DateTime<Utc>,
    ) -> Result<Snapshot, SourceError> {
        snapshot_from(raw, fetched_at)
    }

    fn capabilities(&self, _credentials: &dyn Credentials) -> String {
        format!(
            "Mastodon needs no key: the profile, up to {} recent statuses (boosts and replies to others kept apart), \
             the replies under the most-replied posts, and a sample of up to {FOLLOWER_PAGE_SIZE} followers, from any instance.",
            STATUS_PAGE_SIZE * MAX_STATUS_PAGES
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn url(s: &str) -> Url {
        Url::parse(s).unwrap()
    }

    #[test]
    fn acct_forms() {
        let r = parse_acct("@Gargron@mastodon.social").unwrap().unwrap();
        assert_eq!(r.key, AccountKey::Handle("Gargron".into()));
        assert_eq!(r.instance.as_deref(), Some("mastodon.social"));
        let r = parse_acct("bob@fosstodon.org").unwrap().unwrap();
        assert_eq!(r.instance.as_deref(), Some("fosstodon.org"));
        assert!(parse_acct("alice.bsky.social").is_none());
        assert!(parse_acct("@alice").is_none());
        assert!(parse_acct("@al ice@x.social").unwrap().is_err());
        assert!(parse_acct("@alice@localhost").unwrap().is_err());
    }

    #[test]
    fn profile_urls() {
        let r = parse_url(&url("https://social.tchncs.de/@chainsawriot"))
            .unwrap()
            .unwrap();
        assert_eq!(r.key, AccountKey::Handle("chainsawriot".into()));
        assert_eq!(r.instance.as_deref(), Some("social.tchncs.de"));
        let r = parse_url(&url("https://mastodon.social/@JBGruber@fosstodon.org"))
            .unwrap()
            .unwrap();
        assert_eq!(r.instance.as_deref(), Some("fosstodon.org"));
        let r = parse_url(&url("https://fosstodon.org/users/JBGruber"))
            .unwrap()
            .unwrap();
        assert_eq!(r.key, AccountKey::Handle("JBGruber".into()));
        assert!(parse_url(&url("https://www.youtube.com/@mkbhd")).is_none());
        assert!(parse_url(&url("https://www.tiktok.com/@scout")).is_none());
        assert!(parse_url(&url("https://mastodon.social/about")).is_none());
    }
}
