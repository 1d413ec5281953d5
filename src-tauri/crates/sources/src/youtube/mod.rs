//! YouTube connector: the public channel page and uploads feed without a key,
//! the Data API v3 with one.
//!
//! Main type: [`YoutubeSource`]. Inputs: `youtube.com/@handle`, `/channel/UC…`,
//! `/c/NAME`, `/user/NAME`, and video links (`watch?v=`, `youtu.be/`,
//! `/shorts/`), which resolve to their channel.
//!
//! **Without a key** one vet sends (base `SCOUT_YOUTUBE_BASE_URL`, default
//! `https://www.youtube.com`):
//! 1. for a video link, the watch page `GET /watch?v=ID` (role `watch_page`):
//!    its `ytInitialPlayerResponse.videoDetails.channelId`;
//! 2. the channel page, `GET /@handle` (or `/channel/UC…`, `/c/NAME`,
//!    `/user/NAME`; role `channel_page`): `ytInitialData` gives the id, name,
//!    description, handle, links and the subscriber count *as displayed*
//!    ("1.38M subscribers", rounded by YouTube: the snapshot says so in a
//!    warning);
//! 3. the uploads feed `GET /feeds/videos.xml?channel_id=UC…` (role `feed`):
//!    the 15 latest videos with views (`media:statistics`) and likes (from
//!    `media:starRating`: count × (average − 1) / 4).
//!
//! Comments need the API: without a key they are marked missing (the keyless
//! `InnerTube` comments answer has a reader, [`comments`], that no vet calls yet).
//!
//! **With a key** (`SecretName::YoutubeApiKey`, sent as the `key` query
//! parameter and redacted from stored URLs; base `SCOUT_YOUTUBE_API_BASE_URL`,
//! default `https://www.googleapis.com/youtube/v3`) one vet costs these quota
//! units (the default daily quota is 10 000 units, so about 1 250 vets a day):
//!
//! | request | role | units |
//! |---|---|---|
//! | `channels.list?part=snippet,statistics,contentDetails` (`forHandle`, `id` or `forUsername`) | `channels` | 1 |
//! | `playlistItems.list?part=snippet&maxResults=50` of the uploads playlist | `playlist:1` | 1 per page (1 for 50 videos) |
//! | `videos.list?part=snippet,statistics,contentDetails,paidProductPlacementDetails` for up to 50 ids | `videos` | 1 |
//! | `commentThreads.list?part=snippet&maxResults=100&order=relevance` for the [`MAX_COMMENT_VIDEOS`] most-viewed videos with comments | `comments:<video id>` | 1 each (up to 5) |
//!
//! That is **8 units** for a default vet (3 + 5 comment threads); a video link
//! adds 1 (`videos.list?part=snippet` to find the channel, role
//! `video_owner`), and a legacy `/c/NAME` link adds one web page request (the
//! API cannot look custom URLs up) but no units.

pub(crate) mod api;
pub mod comments;
mod feed;
mod input;
mod map;
pub mod page;

use std::collections::HashSet;

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use scout_core::{AccountKey, AccountRef, Part, Platform, Snapshot};
use serde::de::DeserializeOwned;
use url::Url;

use crate::error::CredentialProblem;
use crate::http::{self, HttpClient, Request};
use crate::{Credentials, FetchContext, Fetched, RawResponse, SecretName, Source, SourceError};

pub(crate) use input::{parse_prefixed, parse_url};
pub use page::approx_count;

/// The `ytInitialData` object a YouTube page embeds, if it has one that parses.
pub fn embedded_initial_data(html: &str) -> Option<serde_json::Value> {
    page::embedded_json(html, "ytInitialData")?.ok()
}

const PLATFORM: Platform = Platform::Youtube;

/// Default base URL of the web pages and feeds.
pub const DEFAULT_WEB_BASE: &str = "https://www.youtube.com";
/// Default base URL of the Data API v3.
pub const DEFAULT_API_BASE: &str = "https://www.googleapis.com/youtube/v3";
/// Videos whose comment threads are read with a key (1 unit each).
pub const MAX_COMMENT_VIDEOS: usize = 5;
/// Videos read with a key (one `playlistItems` page, one `videos.list` call).
pub const MAX_API_VIDEOS: usize = 50;
/// Quota units of a default vet with a key.
pub const UNITS_PER_VET: u32 = 3 + MAX_COMMENT_VIDEOS as u32;

const ROLE_PAGE: &str = "channel_page";
const ROLE_WATCH: &str = "watch_page";
const ROLE_FEED: &str = "feed";
const ROLE_CHANNELS: &str = "channels";
const ROLE_VIDEO_OWNER: &str = "video_owner";
const ROLE_PLAYLIST: &str = "playlist:";
const ROLE_VIDEOS: &str = "videos";
const ROLE_COMMENTS: &str = "comments:";

const NO_KEY_COMMENTS: &str = "no YouTube API key: comments are read only through the YouTube Data API (add a key in Settings)";
const NO_SUBSCRIBER_LIST: &str = "YouTube does not publish subscriber lists";

/// Reads YouTube channels.
#[derive(Debug, Clone)]
pub struct YoutubeSource {
    http: HttpClient,
    web_base: Url,
    api_base: Url,
}

impl YoutubeSource {
    /// A source using `SCOUT_YOUTUBE_BASE_URL` / `SCOUT_YOUTUBE_API_BASE_URL`
    /// when set, else the public hosts.
    pub fn new(http: HttpClient) -> Self {
        let web = http::base_url("youtube", DEFAULT_WEB_BASE);
        let api = http::base_url("youtube_api", DEFAULT_API_BASE);
        Self::with_base_urls(http, web, api)
    }

    /// A source talking to the given web and API base URLs (tests).
    pub fn with_base_urls(http: HttpClient, web_base: Url, api_base: Url) -> Self {
        Self {
            http,
            web_base,
            api_base,
        }
    }

    async fn get(&self, url: Url, role: &str) -> Result<RawResponse, SourceError> {
        self.http.send(Request::get(PLATFORM, role, url)).await
    }

    /// An API call: `key` added as a secret query parameter.
    async fn api(
        &self,
        method: &str,
        params: &[(&str, &str)],
        key: &str,
        role: &str,
    ) -> Result<RawResponse, SourceError> {
        let mut url = http::endpoint(&self.api_base, method);
        {
            let mut q = url.query_pairs_mut();
            for (k, v) in params {
                q.append_pair(k, v);
            }
            q.append_pair("key", key);
        }
        self.http
            .send(Request::get(PLATFORM, role, url).secret_param("key"))
            .await
    }

    /// Fetch the channel page for a channel path (`@handle`, `channel/UC…`, …).
    async fn channel_page(
        &self,
        path: &str,
        raw: &mut Vec<RawResponse>,
    ) -> Result<page::ChannelPage, SourceError> {
        let resp = self
            .get(http::endpoint(&self.web_base, path), ROLE_PAGE)
            .await?;
        let page = read_channel_page(&resp)?;
        raw.push(resp);
        Ok(page)
    }

    /// The channel id of a video, from its watch page.
    async fn watch_channel(
        &self,
        video_id: &str,
        raw: &mut Vec<RawResponse>,
    ) -> Result<String, SourceError> {
        let mut url = http::endpoint(&self.web_base, "watch");
        url.query_pairs_mut().append_pair("v", video_id);
        let resp = self.get(url, ROLE_WATCH).await?;
        if resp.status == 404 {
            return Err(SourceError::NotFound {
                platform: PLATFORM,
                account: format!("video {video_id}"),
            });
        }
        let html = String::from_utf8_lossy(&resp.body).into_owned();
        raw.push(resp);
        page::watch_channel_id(&html).map_err(|what| {
            if what.starts_with("video unavailable") {
                SourceError::NotFound {
                    platform: PLATFORM,
                    account: format!("video {video_id} ({what})"),
                }
            } else {
                SourceError::LayoutChanged {
                    platform: PLATFORM,
                    what: format!("watch page: {what}"),
                }
            }
        })
    }

    async fn fetch_keyless(
        &self,
        account: &AccountRef,
        ctx: &FetchContext<'_>,
    ) -> Result<Vec<RawResponse>, SourceError> {
        let mut raw = Vec::new();
        let path = match &account.key {
            AccountKey::Content(video_id) => {
                (ctx.progress)("YouTube: finding the video's channel");
                format!("channel/{}", self.watch_channel(video_id, &mut raw).await?)
            }
            key => channel_path(key),
        };
        (ctx.progress)("YouTube: reading the channel page");
        let page = self.channel_page(&path, &mut raw).await?;
        (ctx.progress)("YouTube: reading the uploads feed");
        let mut url = http::endpoint(&self.web_base, "feeds/videos.xml");
        url.query_pairs_mut()
            .append_pair("channel_id", &page.channel_id);
        raw.push(self.get(url, ROLE_FEED).await?);
        Ok(raw)
    }

    async fn fetch_with_key(
        &self,
        account: &AccountRef,
        key: &str,
        ctx: &FetchContext<'_>,
    ) -> Result<Vec<RawResponse>, SourceError> {
        let mut raw = Vec::new();
        (ctx.progress)("YouTube: looking the channel up (Data API)");
        let (param, value) = match &account.key {
            AccountKey::Handle(h) => ("forHandle", format!("@{}", h.trim_start_matches('@'))),
            AccountKey::Id(id) => ("id", id.clone()),
            AccountKey::LegacyUser(u) => ("forUsername", u.clone()),
            AccountKey::CustomUrl(_) => {
                // The API cannot look up legacy custom URLs: read the id from the page.
                let page = self
                    .channel_page(&channel_path(&account.key), &mut raw)
                    .await?;
                ("id", page.channel_id)
            }
            AccountKey::Content(video_id) => {
                let resp = self
                    .api(
                        "videos",
                        &[("part", "snippet"), ("id", video_id)],
                        key,
                        ROLE_VIDEO_OWNER,
                    )
                    .await?;
                let list: api::VideoList = read_api(&resp, "videos.list: {items: [Video]}")?;
                raw.push(resp);
                let owner = list
                    .items
                    .iter()
                    .find_map(|v| v.snippet.as_ref().and_then(|s| s.channel_id.clone()));
                let owner = owner.ok_or_else(|| SourceError::NotFound {
                    platform: PLATFORM,
                    account: format!("video {video_id}"),
                })?;
                ("id", owner)
            }
        };
        let resp = self
            .api(
                "channels",
                &[
                    ("part", "snippet,statistics,contentDetails"),
                    (param, &value),
                ],
                key,
                ROLE_CHANNELS,
            )
            .await?;
        let channel = read_channel(&resp)?;
        raw.push(resp);

        let uploads = channel
            .content_details
            .as_ref()
            .and_then(|c| c.related_playlists.as_ref())
            .and_then(|r| r.uploads.clone())
            .unwrap_or_else(|| format!("UU{}", channel.id.get(2..).unwrap_or_default()));
        let wanted = ctx.limits.posts.clamp(1, MAX_API_VIDEOS);
        let mut ids: Vec<String> = Vec::new();
        let mut page_token: Option<String> = None;
        for page_no in 1.. {
            (ctx.progress)(&format!("YouTube: listing uploads, page {page_no}"));
            let max = wanted.to_string();
            let mut params = vec![
                ("part", "snippet"),
                ("playlistId", uploads.as_str()),
                ("maxResults", max.as_str()),
            ];
            if let Some(t) = &page_token {
                params.push(("pageToken", t.as_str()));
            }
            let resp = self
                .api(
                    "playlistItems",
                    &params,
                    key,
                    &format!("{ROLE_PLAYLIST}{page_no}"),
                )
                .await?;
            if resp.status == 404 {
                // A channel without uploads has no uploads playlist.
                raw.push(resp);
                break;
            }
            let list: api::PlaylistItemList =
                read_api(&resp, "playlistItems.list: {items: [PlaylistItem]}")?;
            raw.push(resp);
            let before = ids.len();
            for id in list.items.iter().filter_map(api::PlaylistItem::video_id) {
                if ids.len() < wanted && !ids.iter().any(|x| x == id) {
                    ids.push(id.to_string());
                }
            }
            page_token = list.next_page_token;
            // Stop at the end, at the limit, or if a page brought nothing new.
            if ids.len() >= wanted || page_token.is_none() || ids.len() == before {
                break;
            }
        }

        if !ids.is_empty() {
            (ctx.progress)("YouTube: reading video statistics");
            let joined = ids.join(",");
            let parts = "snippet,statistics,contentDetails,paidProductPlacementDetails";
            let resp = self
                .api(
                    "videos",
                    &[("part", parts), ("id", &joined), ("maxResults", "50")],
                    key,
                    ROLE_VIDEOS,
                )
                .await?;
            let list: api::VideoList = read_api(&resp, "videos.list: {items: [Video]}")?;
            raw.push(resp);
            let mut by_views: Vec<&api::Video> = list
                .items
                .iter()
                .filter(|v| {
                    v.statistics
                        .as_ref()
                        .and_then(|s| s.comment_count)
                        .unwrap_or(0)
                        > 0
                })
                .collect();
            by_views.sort_by_key(|v| {
                std::cmp::Reverse(
                    v.statistics
                        .as_ref()
                        .and_then(|s| s.view_count)
                        .unwrap_or(0),
                )
            });
            let top: Vec<String> = by_views
                .iter()
                .take(ctx.limits.threads.min(MAX_COMMENT_VIDEOS))
                .map(|v| v.id.clone())
                .collect();
            for (i, video_id) in top.iter().enumerate() {
                (ctx.progress)(&format!(
                    "YouTube: reading comments {}/{}",
                    i + 1,
                    top.len()
                ));
                let params = [
                    ("part", "snippet"),
                    ("videoId", video_id.as_str()),
                    ("maxResults", "100"),
                    ("order", "relevance"),
                    ("textFormat", "plainText"),
                ];
                raw.push(
                    self.api(
                        "commentThreads",
                        &params,
                        key,
                        &format!("{ROLE_COMMENTS}{video_id}"),
                    )
                    .await?,
                );
            }
        }
        Ok(raw)
    }
}

/// The web path of a channel key.
fn channel_path(key: &AccountKey) -> String {
    match key {
        AccountKey::Handle(h) => format!("@{}", h.trim_start_matches('@')),
        AccountKey::Id(id) => format!("channel/{id}"),
        AccountKey::CustomUrl(c) => format!("c/{c}"),
        AccountKey::LegacyUser(u) => format!("user/{u}"),
        AccountKey::Content(v) => format!("watch?v={v}"),
    }
}

fn host_of(raw: &RawResponse) -> String {
    Url::parse(&raw.url)
        .ok()
        .and_then(|u| u.host_str().map(str::to_string))
        .unwrap_or_else(|| "-".into())
}

/// What a stored request asked for, for error messages: the page path or the API lookup value.
fn requested(raw: &RawResponse) -> String {
    let Ok(url) = Url::parse(&raw.url) else {
        return String::new();
    };
    for key in ["forHandle", "id", "forUsername", "channel_id", "v"] {
        if let Some((_, v)) = url.query_pairs().find(|(k, _)| k == key) {
            return v.into_owned();
        }
    }
    url.path().trim_start_matches('/').to_string()
}

/// The channel in a stored channel page, or the typed error the page means.
fn read_channel_page(raw: &RawResponse) -> Result<page::ChannelPage, SourceError> {
    match raw.status {
        200..=299 => {}
        404 | 410 => {
            return Err(SourceError::NotFound {
                platform: PLATFORM,
                account: requested(raw),
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
    let html = String::from_utf8_lossy(&raw.body);
    let data = match page::embedded_json(&html, "ytInitialData") {
        Some(Ok(data)) => data,
        Some(Err(e)) => {
            return Err(SourceError::LayoutChanged {
                platform: PLATFORM,
                what: format!("ytInitialData does not parse ({e})"),
            });
        }
        None if html.contains("consent.youtube.com")
            || html.contains("Before you continue to YouTube") =>
        {
            return Err(SourceError::LoginWall {
                platform: PLATFORM,
                hint: "add a YouTube Data API key (`scout keys set youtube` or Settings) to read it through the API".into(),
            });
        }
        None => {
            return Err(SourceError::LayoutChanged {
                platform: PLATFORM,
                what: "ytInitialData script missing from the channel page".into(),
            });
        }
    };
    if data.get("header").is_none()
        && let Some(alert) = page::alert_text(&data)
    {
        let lower = alert.to_lowercase();
        let state = if lower.contains("terminated") {
            "terminated"
        } else if lower.contains("does not exist") || lower.contains("isn't available") {
            return Err(SourceError::NotFound {
                platform: PLATFORM,
                account: requested(raw),
            });
        } else {
            "unavailable"
        };
        return Err(SourceError::Unavailable {
            platform: PLATFORM,
            account: requested(raw),
            state: format!("{state} ({alert})"),
        });
    }
    page::channel_page(&data).map_err(|what| SourceError::LayoutChanged {
        platform: PLATFORM,
        what,
    })
}

/// The typed error of a failed Data API response.
fn api_error(raw: &RawResponse) -> SourceError {
    let body = serde_json::from_slice::<api::ApiErrorBody>(&raw.body).ok();
    let reasons: Vec<&str> = body
        .iter()
        .flat_map(|b| b.error.errors.iter().map(|e| e.reason.as_str()))
        .collect();
    let message = body
        .as_ref()
        .map(|b| b.error.message.as_str())
        .unwrap_or_default();
    let has = |r: &str| reasons.contains(&r);
    if has("keyInvalid")
        || has("keyExpired")
        || message.contains("API key not valid")
        || has("accessNotConfigured")
    {
        return SourceError::Credentials {
            platform: PLATFORM,
            which: SecretName::YoutubeApiKey.label().into(),
            problem: CredentialProblem::Invalid,
        };
    }
    if has("quotaExceeded")
        || has("dailyLimitExceeded")
        || has("rateLimitExceeded")
        || has("userRateLimitExceeded")
    {
        return SourceError::RateLimited {
            platform: PLATFORM,
            host: host_of(raw),
            retry_after: None,
        };
    }
    if raw.status == 404 {
        return SourceError::NotFound {
            platform: PLATFORM,
            account: requested(raw),
        };
    }
    SourceError::Http {
        platform: PLATFORM,
        host: host_of(raw),
        status: raw.status,
    }
}

fn read_api<T: DeserializeOwned>(raw: &RawResponse, what: &str) -> Result<T, SourceError> {
    if !(200..300).contains(&raw.status) {
        return Err(api_error(raw));
    }
    serde_json::from_slice(&raw.body).map_err(|e| SourceError::LayoutChanged {
        platform: PLATFORM,
        what: format!("{what} ({e})"),
    })
}

fn read_channel(raw: &RawResponse) -> Result<api::Channel, SourceError> {
    let list: api::ChannelList = read_api(raw, "channels.list: {items: [Channel]}")?;
    list.items
        .into_iter()
        .next()
        .ok_or_else(|| SourceError::NotFound {
            platform: PLATFORM,
            account: requested(raw),
        })
}

fn comment_reason(raw: &RawResponse) -> String {
    let body = serde_json::from_slice::<api::ApiErrorBody>(&raw.body).ok();
    match body
        .as_ref()
        .and_then(|b| b.error.errors.first())
        .map(|e| e.reason.as_str())
    {
        Some("commentsDisabled") => "comments are turned off".into(),
        Some(reason) if !reason.is_empty() => reason.to_string(),
        _ => format!("HTTP {}", raw.status),
    }
}

fn snapshot_from(raw: &[RawResponse], fetched_at: DateTime<Utc>) -> Result<Snapshot, SourceError> {
    if let Some(channels) = raw.iter().rev().find(|r| r.role == ROLE_CHANNELS) {
        return api_snapshot(channels, raw, fetched_at);
    }
    let Some(page_raw) = raw.iter().rev().find(|r| r.role == ROLE_PAGE) else {
        return Err(SourceError::LayoutChanged {
            platform: PLATFORM,
            what: "the stored responses hold neither a channel page nor a channels.list response"
                .into(),
        });
    };
    let page = read_channel_page(page_raw)?;
    let mut warnings = Vec::new();
    let subscribers = page.subscriber_text.as_deref().and_then(|text| {
        let parsed = approx_count(text);
        if let Some((n, true)) = parsed {
            warnings.push(format!(
                "the subscriber count is rounded by YouTube (\"{text}\" read as {n}); add a YouTube API key for the API figure"
            ));
        } else if parsed.is_none() {
            warnings.push(format!("the subscriber count \"{text}\" could not be read"));
        }
        parsed.map(|(n, _)| n)
    });
    let videos = page
        .video_count_text
        .as_deref()
        .and_then(approx_count)
        .map(|(n, _)| n);
    let mut snap = Snapshot::new(
        PLATFORM,
        map::page_profile(&page, subscribers, videos),
        fetched_at,
    );
    snap.warnings = warnings;
    if page.subscriber_text.is_none() {
        snap.mark_missing(
            Part::FollowerCount,
            "the channel hides its subscriber count",
        );
    }
    match raw.iter().rev().find(|r| r.role == ROLE_FEED) {
        Some(f) if (200..300).contains(&f.status) => {
            match feed::parse_feed(&String::from_utf8_lossy(&f.body)) {
                Ok(feed) => {
                    for entry in &feed.entries {
                        match map::feed_post(entry) {
                            Some(post) => snap.posts.push(post),
                            None => snap.warnings.push(format!(
                                "feed entry {} has no date and was left out",
                                entry.video_id
                            )),
                        }
                    }
                    snap.posts.sort_by_key(|p| std::cmp::Reverse(p.created_at));
                    if !snap.posts.is_empty() {
                        snap.warnings
                            .push("likes are read from the uploads feed's star ratings".into());
                    }
                }
                Err(e) => {
                    return Err(SourceError::LayoutChanged {
                        platform: PLATFORM,
                        what: format!("uploads feed: {e}"),
                    });
                }
            }
        }
        Some(f) => {
            snap.warnings
                .push(format!("the uploads feed answered HTTP {}", f.status));
            snap.mark_missing(
                Part::Posts,
                format!(
                    "YouTube's uploads feed for this channel is not available (HTTP {})",
                    f.status
                ),
            );
        }
        None => snap.mark_missing(Part::Posts, "no uploads feed was fetched"),
    }
    snap.mark_missing(Part::Comments, NO_KEY_COMMENTS);
    snap.mark_missing(Part::FollowerSample, NO_SUBSCRIBER_LIST);
    Ok(snap)
}

fn api_snapshot(
    channels: &RawResponse,
    raw: &[RawResponse],
    fetched_at: DateTime<Utc>,
) -> Result<Snapshot, SourceError> {
    let channel = read_channel(channels)?;
    let mut snap = Snapshot::new(PLATFORM, map::api_profile(&channel), fetched_at);
    let stats = channel.statistics.clone().unwrap_or_default();
    if stats.hidden_subscriber_count == Some(true) || stats.subscriber_count.is_none() {
        snap.mark_missing(
            Part::FollowerCount,
            "the channel hides its subscriber count",
        );
    } else if stats.subscriber_count.unwrap_or(0) >= 1000 {
        snap.warnings
            .push("the subscriber count is rounded by YouTube to three significant figures".into());
    }
    match raw.iter().rev().find(|r| r.role == ROLE_VIDEOS) {
        Some(v) => {
            let list: api::VideoList = read_api(v, "videos.list: {items: [Video]}")?;
            for video in &list.items {
                match map::api_post(video) {
                    Some(post) => snap.posts.push(post),
                    None => snap.warnings.push(format!(
                        "video {} has no publication date and was left out",
                        video.id
                    )),
                }
            }
            snap.posts.sort_by_key(|p| std::cmp::Reverse(p.created_at));
        }
        None => snap.mark_missing(Part::Posts, "the channel has no public uploads"),
    }
    let hidden = snap.posts.iter().filter(|p| p.likes_hidden).count();
    if hidden > 0 {
        snap.mark_missing(
            Part::Likes,
            format!(
                "the creator hides like counts on {hidden} of {} videos",
                snap.posts.len()
            ),
        );
    }
    let mut seen = HashSet::new();
    let mut thread_responses = 0usize;
    for c in raw.iter().filter(|r| r.role.starts_with(ROLE_COMMENTS)) {
        thread_responses += 1;
        let video_id = c.role.trim_start_matches(ROLE_COMMENTS);
        if !(200..300).contains(&c.status) {
            let err = api_error(c);
            if matches!(
                err,
                SourceError::Credentials { .. } | SourceError::RateLimited { .. }
            ) {
                snap.warnings
                    .push(format!("comments of {video_id} were not read: {err}"));
            } else {
                snap.warnings.push(format!(
                    "comments of {video_id} were not read: {}",
                    comment_reason(c)
                ));
            }
            continue;
        }
        let threads: api::CommentThreadList =
            read_api(c, "commentThreads.list: {items: [CommentThread]}")?;
        for thread in &threads.items {
            if seen.insert(thread.snippet.top_level_comment.id.clone()) {
                snap.comments.push(map::api_comment(thread, video_id));
            }
        }
    }
    if thread_responses == 0 {
        snap.mark_missing(Part::Comments, "none of the recent videos has comments");
    }
    snap.mark_missing(Part::FollowerSample, NO_SUBSCRIBER_LIST);
    Ok(snap)
}

fn api_key(credentials: &dyn Credentials) -> Option<String> {
    credentials
        .get(SecretName::YoutubeApiKey)
        .map(|k| k.trim().to_string())
        .filter(|k| !k.is_empty())
}

#[async_trait]
impl Source for YoutubeSource {
    fn platform(&self) -> Platform {
        PLATFORM
    }

    async fn fetch(
        &self,
        account: &AccountRef,
        ctx: &FetchContext<'_>,
    ) -> Result<Fetched, SourceError> {
        let raw = match api_key(ctx.credentials) {
            Some(key) => self.fetch_with_key(account, &key, ctx).await?,
            None => self.fetch_keyless(account, ctx).await?,
        };
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

    fn capabilities(&self, credentials: &dyn Credentials) -> String {
        let with_key = format!(
            "the exact API figures: subscribers (rounded by YouTube to 3 digits), total views, the last {MAX_API_VIDEOS} \
             videos with views, likes, comment counts and paid-promotion labels, and the top comments of the \
             {MAX_COMMENT_VIDEOS} most-viewed videos ({UNITS_PER_VET} quota units per vet)"
        );
        if api_key(credentials).is_some() {
            format!("YouTube with your Data API key: {with_key}.")
        } else {
            format!(
                "YouTube without a key: the channel page (name, description, links, subscribers as displayed, \
                 e.g. \"1.38M\") and the 15 latest videos from the uploads feed with views and likes; no comments. \
                 A YouTube Data API key adds {with_key}."
            )
        }
    }
}
