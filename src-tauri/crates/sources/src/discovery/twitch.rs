//! Twitch discovery: `GET /helix/search/channels?query=…&first=100[&after=…]`
//! (role `search_channels:<page>`) with the user's client id and secret (the
//! connector's app token). Channels carry their broadcaster language, live
//! state and last stream start, not follower counts (a vet reads those).
//!
//! Main items: [`TwitchDiscovery`], the wire type [`SearchChannels`] and the pure
//! [`search_channels`].

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

/// Candidates of a `search/channels` page, and the next cursor.
pub fn search_channels(answer: &SearchChannels, query: &str) -> (Vec<Candidate>, Option<String>) {
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
            c
        })
        .collect();
    let next = answer.pagination.cursor.clone().filter(|c| !c.is_empty());
    (candidates, next)
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
