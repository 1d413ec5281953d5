//! Twitch discovery, with the user's client id and secret (the connector's app
//! token, cache and 401 refresh):
//!
//! - `GET /helix/search/channels?query=…&first=100[&after=…]` (role
//!   `search_channels:<page>`): channels whose name matches, with broadcaster
//!   language, live state, last stream start and the current stream title
//!   ([`search_channels`]; a title containing a query word is its own reason);
//! - `GET /helix/search/categories?query=…&first=20` (role `search_categories`):
//!   categories (games) whose name matches ([`SearchCategories`]);
//! - `GET /helix/games/top?first=100` (role `games_top`): categories by current
//!   viewers, used to order the matched categories (the most watched first) and to
//!   say their rank ([`pick_categories`]);
//! - `GET /helix/streams?game_id=…&first=100[&after=…]` (role
//!   `streams:<category>:<page>`): live streams in a matched category, whose
//!   broadcasters become candidates ([`stream_candidates`]);
//! - `GET /helix/channels/followers?broadcaster_id=…&first=1` (role
//!   `followers:<id>`): a channel's follower total (the only count Helix gives an
//!   app token), asked for a bounded number of candidates ([`FollowerTotal`]).
//!
//! Shapes follow the corpus captures (`twitch/helix-search-*`, `helix-games-top_*`,
//! `helix-streams_*`; ruby-twitch-api cassettes): `box_art_url` is a
//! `{width}x{height}` template in `games/top` and already sized in
//! `search/categories`; `pagination` is `{}` on the last page; the 2021 streams
//! capture carries `tag_ids` and no `tags`.
//!
//! Main items: [`TwitchDiscovery`], the wire types [`SearchChannels`],
//! [`SearchCategories`], [`Streams`] and the pure [`search_channels`],
//! [`pick_categories`], [`stream_candidates`].

use std::fmt::Write as _;

use chrono::{DateTime, Utc};
use serde::Deserialize;

use super::{Candidate, Hit, Page};
use crate::http;
use crate::twitch::TwitchSource;
use crate::{Credentials, SourceError};
use scout_core::Platform;

const PLATFORM: Platform = Platform::Twitch;

/// Channels per page (the API maximum).
pub const PAGE_SIZE: usize = 100;

/// One channel of `search/channels`.
#[derive(Debug, Clone, Deserialize)]
pub struct Channel {
    /// Broadcaster id.
    pub id: String,
    /// Login.
    pub broadcaster_login: String,
    /// Display name.
    #[serde(default)]
    pub display_name: String,
    /// ISO 639-1 language, or `other`.
    #[serde(default)]
    pub broadcaster_language: String,
    /// Current / last game.
    #[serde(default)]
    pub game_name: String,
    /// Stream title.
    #[serde(default)]
    pub title: String,
    /// Avatar.
    pub thumbnail_url: Option<String>,
    /// Live now.
    #[serde(default)]
    pub is_live: bool,
    /// Start of the live stream (empty when offline).
    #[serde(default)]
    pub started_at: String,
    /// Tags.
    #[serde(default)]
    pub tags: Vec<String>,
}

/// `{"cursor": …}` (empty object on the last page).
#[derive(Debug, Clone, Default, Deserialize)]
pub struct Pagination {
    /// Next page cursor.
    pub cursor: Option<String>,
}

/// `search/channels` output.
#[derive(Debug, Clone, Deserialize)]
pub struct SearchChannels {
    /// Channels.
    pub data: Vec<Channel>,
    /// Paging.
    #[serde(default)]
    pub pagination: Pagination,
}

/// The query's words of more than two characters, lowercased (what a title is matched on).
fn query_words(query: &str) -> Vec<String> {
    query
        .split_whitespace()
        .map(|w| w.trim_start_matches('#').to_lowercase())
        .filter(|w| w.chars().count() > 2)
        .collect()
}

/// Candidates of a `search/channels` page, and the next cursor. A channel whose
/// stream title contains a word of `query` also gets a [`Hit::StreamTitle`].
pub fn search_channels(answer: &SearchChannels, query: &str) -> (Vec<Candidate>, Option<String>) {
    let words = query_words(query);
    let candidates = answer
        .data
        .iter()
        .map(|ch| {
            let login = ch.broadcaster_login.to_lowercase();
            let mut c = Candidate::new(
                PLATFORM,
                &ch.id,
                &login,
                format!("https://www.twitch.tv/{login}"),
            );
            c.display_name = Some(ch.display_name.clone()).filter(|s| !s.is_empty());
            c.avatar_url = ch.thumbnail_url.clone().filter(|s| !s.is_empty());
            c.language =
                Some(ch.broadcaster_language.clone()).filter(|l| !l.is_empty() && l != "other");
            c.last_active = DateTime::parse_from_rfc3339(&ch.started_at)
                .ok()
                .map(|t| t.with_timezone(&Utc));
            let mut text = ch.title.clone();
            if !ch.game_name.is_empty() {
                let _ = write!(text, " ({})", ch.game_name);
            }
            if !ch.tags.is_empty() {
                let _ = write!(text, " #{}", ch.tags.join(" #"));
            }
            if !text.trim().is_empty() {
                c.post_texts.push(text.trim().to_string());
            }
            c.hits.push(Hit::ProfileSearch {
                query: query.to_string(),
            });
            let title = ch.title.to_lowercase();
            if words.iter().any(|w| title.contains(w.as_str())) {
                c.hits.push(Hit::StreamTitle {
                    query: query.to_string(),
                    title: super::excerpt(&ch.title, 120),
                });
            }
            c
        })
        .collect();
    let next = answer.pagination.cursor.clone().filter(|c| !c.is_empty());
    (candidates, next)
}

/// Categories matched per run: streams are read for this many (the most watched first).
pub const CATEGORIES_PER_RUN: usize = 3;
/// Categories asked of `search/categories`.
pub const CATEGORY_SEARCH_SIZE: usize = 20;
/// Categories asked of `games/top` (the API maximum).
pub const TOP_GAMES_SIZE: usize = 100;

/// One category (game) of `search/categories` or `games/top`.
#[derive(Debug, Clone, Deserialize)]
pub struct Category {
    /// Category (game) id.
    pub id: String,
    /// Its name.
    #[serde(default)]
    pub name: String,
    /// Box art (`{width}x{height}` template in `games/top`, sized in `search/categories`).
    pub box_art_url: Option<String>,
}

/// `search/categories` and `games/top` output: `{"data":[Category],"pagination":{…}}`.
#[derive(Debug, Clone, Deserialize)]
pub struct SearchCategories {
    /// Categories, in the API's order.
    pub data: Vec<Category>,
    /// Paging (`{}` on the last page).
    #[serde(default)]
    pub pagination: Pagination,
}

/// A category whose live streams are read, with its place by current viewers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CategoryPick {
    /// Category id (`game_id` of `streams`).
    pub id: String,
    /// Its name.
    pub name: String,
    /// 1-based place in `games/top` (most viewers first), when it is there.
    pub rank: Option<u32>,
}

/// The categories to read streams of: those `search/categories` matched, the
/// ones `games/top` places first (by place), then the others in search order;
/// at most `max`. Categories without a name are left out.
pub fn pick_categories(
    found: &SearchCategories,
    top: Option<&SearchCategories>,
    max: usize,
) -> Vec<CategoryPick> {
    let place = |id: &str| -> Option<u32> {
        top?.data
            .iter()
            .position(|t| t.id == id)
            .and_then(|i| u32::try_from(i + 1).ok())
    };
    let mut seen = std::collections::HashSet::new();
    let mut picks: Vec<(usize, CategoryPick)> = found
        .data
        .iter()
        .filter(|c| !c.id.is_empty() && !c.name.trim().is_empty())
        .filter(|c| seen.insert(c.id.clone()))
        .enumerate()
        .map(|(i, c)| {
            (
                i,
                CategoryPick {
                    id: c.id.clone(),
                    name: c.name.trim().to_string(),
                    rank: place(&c.id),
                },
            )
        })
        .collect();
    picks.sort_by_key(|(i, p)| (p.rank.unwrap_or(u32::MAX), *i));
    picks.into_iter().take(max).map(|(_, p)| p).collect()
}

/// One live stream of `GET /helix/streams`.
#[derive(Debug, Clone, Deserialize)]
pub struct Stream {
    /// Stream id.
    #[serde(default)]
    pub id: String,
    /// Broadcaster id.
    pub user_id: String,
    /// Broadcaster login.
    pub user_login: String,
    /// Broadcaster display name.
    #[serde(default)]
    pub user_name: String,
    /// Category id.
    #[serde(default)]
    pub game_id: String,
    /// Category name.
    #[serde(default)]
    pub game_name: String,
    /// Stream title.
    #[serde(default)]
    pub title: String,
    /// Viewers now.
    pub viewer_count: Option<u64>,
    /// Stream start (RFC 3339).
    #[serde(default)]
    pub started_at: String,
    /// ISO 639-1 language, or `other`.
    #[serde(default)]
    pub language: String,
    /// Tags (absent from captures before 2022, which carry `tag_ids`).
    #[serde(default)]
    pub tags: Option<Vec<String>>,
}

/// `streams` output: `{"data":[Stream],"pagination":{…}}`.
#[derive(Debug, Clone, Deserialize)]
pub struct Streams {
    /// Live streams, most viewers first.
    pub data: Vec<Stream>,
    /// Paging (`{}` on the last page).
    #[serde(default)]
    pub pagination: Pagination,
}

/// The broadcasters of a `streams` page as candidates (each with a
/// [`Hit::LiveInCategory`] for `category`, found by the category search for
/// `query`), and the next cursor. Streams without an id or login are left out.
pub fn stream_candidates(
    answer: &Streams,
    category: &CategoryPick,
    query: &str,
) -> (Vec<Candidate>, Option<String>) {
    let candidates = answer
        .data
        .iter()
        .filter(|s| !s.user_id.is_empty() && !s.user_login.is_empty())
        .map(|s| {
            let login = s.user_login.to_lowercase();
            let url = format!("https://www.twitch.tv/{login}");
            let mut c = Candidate::new(PLATFORM, &s.user_id, &login, url.clone());
            c.display_name = Some(s.user_name.clone()).filter(|n| !n.is_empty());
            c.language = Some(s.language.clone()).filter(|l| !l.is_empty() && l != "other");
            c.last_active = DateTime::parse_from_rfc3339(&s.started_at)
                .ok()
                .map(|t| t.with_timezone(&Utc));
            let mut text = s.title.clone();
            if let Some(tags) = s.tags.as_ref().filter(|t| !t.is_empty()) {
                let _ = write!(text, " #{}", tags.join(" #"));
            }
            if !text.trim().is_empty() {
                c.post_texts.push(text.trim().to_string());
            }
            c.hits.push(Hit::LiveInCategory {
                category: category.name.clone(),
                query: query.to_string(),
                rank: category.rank,
                title: super::excerpt(&s.title, 120),
                viewers: s.viewer_count,
                url: Some(url),
            });
            c
        })
        .collect();
    let next = answer.pagination.cursor.clone().filter(|c| !c.is_empty());
    (candidates, next)
}

/// `GET /helix/channels/followers` as an app token sees it: `{"total":N,"data":[],…}`.
#[derive(Debug, Clone, Deserialize)]
pub struct FollowerTotal {
    /// Followers of the broadcaster.
    pub total: Option<u64>,
}

/// Twitch discovery requests, over the connector (shared app token).
#[derive(Debug, Clone)]
pub struct TwitchDiscovery {
    source: TwitchSource,
}

impl TwitchDiscovery {
    /// Over `source`.
    pub fn new(source: TwitchSource) -> Self {
        Self { source }
    }

    /// A Helix `GET` answered 200, decoded as `T` (`what` names the shape in errors).
    async fn get<T: serde::de::DeserializeOwned>(
        &self,
        credentials: &dyn Credentials,
        url: url::Url,
        role: &str,
        what: &str,
        raws: &mut Vec<crate::RawResponse>,
    ) -> Result<T, SourceError> {
        let raw = self.source.helix_get(credentials, url, role, raws).await?;
        if raw.status != 200 {
            return Err(SourceError::Http {
                platform: PLATFORM,
                host: self.source.api_base().host_str().unwrap_or("-").to_string(),
                status: raw.status,
            });
        }
        let answer = serde_json::from_slice(&raw.body).map_err(|e| SourceError::LayoutChanged {
            platform: PLATFORM,
            what: format!("helix {what} ({e})"),
        })?;
        raws.push(raw);
        Ok(answer)
    }

    /// Categories whose name matches `query` (`search/categories`), ordered by
    /// `games/top` when `top` is given; at most [`CATEGORIES_PER_RUN`]. Returns the
    /// picks and the raw responses.
    pub async fn categories(
        &self,
        credentials: &dyn Credentials,
        query: &str,
        top: Option<&SearchCategories>,
    ) -> Result<(Vec<CategoryPick>, Vec<crate::RawResponse>), SourceError> {
        let mut url = http::endpoint(self.source.api_base(), "helix/search/categories");
        url.query_pairs_mut()
            .append_pair("query", query)
            .append_pair("first", &CATEGORY_SEARCH_SIZE.to_string());
        let mut raws = Vec::new();
        let found: SearchCategories = self
            .get(
                credentials,
                url,
                "search_categories",
                "search/categories: {data: [Category]}",
                &mut raws,
            )
            .await?;
        Ok((pick_categories(&found, top, CATEGORIES_PER_RUN), raws))
    }

    /// The most watched categories now (`games/top`, one page of [`TOP_GAMES_SIZE`]).
    pub async fn top_games(
        &self,
        credentials: &dyn Credentials,
    ) -> Result<(SearchCategories, Vec<crate::RawResponse>), SourceError> {
        let mut url = http::endpoint(self.source.api_base(), "helix/games/top");
        url.query_pairs_mut()
            .append_pair("first", &TOP_GAMES_SIZE.to_string());
        let mut raws = Vec::new();
        let top = self
            .get(
                credentials,
                url,
                "games_top",
                "games/top: {data: [Category]}",
                &mut raws,
            )
            .await?;
        Ok((top, raws))
    }

    /// One page of live streams in `category`; their broadcasters as candidates.
    pub async fn streams(
        &self,
        credentials: &dyn Credentials,
        category: &CategoryPick,
        query: &str,
        after: Option<&str>,
        page_no: usize,
    ) -> Result<Page, SourceError> {
        let mut url = http::endpoint(self.source.api_base(), "helix/streams");
        url.query_pairs_mut()
            .append_pair("game_id", &category.id)
            .append_pair("first", &PAGE_SIZE.to_string());
        if let Some(a) = after {
            url.query_pairs_mut().append_pair("after", a);
        }
        let mut raws = Vec::new();
        let answer: Streams = self
            .get(
                credentials,
                url,
                &format!("streams:{}:{page_no}", category.id),
                "streams: {data: [Stream]}",
                &mut raws,
            )
            .await?;
        let (candidates, next) = stream_candidates(&answer, category, query);
        Ok(Page {
            candidates,
            next,
            raw: raws,
        })
    }

    /// The follower total of broadcaster `id` (`channels/followers?first=1`).
    pub async fn follower_total(
        &self,
        credentials: &dyn Credentials,
        id: &str,
    ) -> Result<Option<u64>, SourceError> {
        let mut url = http::endpoint(self.source.api_base(), "helix/channels/followers");
        url.query_pairs_mut()
            .append_pair("broadcaster_id", id)
            .append_pair("first", "1");
        let mut raws = Vec::new();
        let answer: FollowerTotal = self
            .get(
                credentials,
                url,
                &format!("followers:{id}"),
                "channels/followers: {total: N}",
                &mut raws,
            )
            .await?;
        Ok(answer.total)
    }

    /// One page of channel search.
    pub async fn search(
        &self,
        credentials: &dyn Credentials,
        query: &str,
        after: Option<&str>,
        page_no: usize,
    ) -> Result<Page, SourceError> {
        let mut url = http::endpoint(self.source.api_base(), "helix/search/channels");
        url.query_pairs_mut()
            .append_pair("query", query)
            .append_pair("first", &PAGE_SIZE.to_string());
        if let Some(a) = after {
            url.query_pairs_mut().append_pair("after", a);
        }
        let mut raws = Vec::new();
        let raw = self
            .source
            .helix_get(
                credentials,
                url,
                &format!("search_channels:{page_no}"),
                &mut raws,
            )
            .await?;
        if raw.status != 200 {
            return Err(SourceError::Http {
                platform: PLATFORM,
                host: self.source.api_base().host_str().unwrap_or("-").to_string(),
                status: raw.status,
            });
        }
        let answer: SearchChannels =
            serde_json::from_slice(&raw.body).map_err(|e| SourceError::LayoutChanged {
                platform: PLATFORM,
                what: format!("helix search/channels: {{data: [Channel]}} ({e})"),
            })?;
        let (candidates, next) = search_channels(&answer, query);
        raws.push(raw);
        Ok(Page {
            candidates,
            next,
            raw: raws,
        })
    }
}
