//! YouTube discovery: keyless through the public results page, or with a Data API key.
//!
//! Main type: [`YoutubeDiscovery`].
//!
//! **Keyless.** `GET /results?search_query=…&sp=EgIQAg%3D%3D` (role `results:1`;
//! `sp` = the Channels filter) embeds `var ytInitialData = {…}`; its
//! `twoColumnSearchResultsRenderer` holds `channelRenderer`s and, on unfiltered
//! pages, `videoRenderer`s whose owner is a channel. In today's
//! `channelRenderer` the `subscriberCountText` holds the **@handle** and
//! `videoCountText` the **subscriber count** ("234k subscribers"); older pages
//! had them the other way round, so each text is read for what it says
//! ([`renderer_channels`]). The next page is a `POST /youtubei/v1/search`
//! (role `results:<n>`) with the `continuationItemRenderer` token and the
//! page's client version; its items come under `onResponseReceivedCommands`
//! (`appendContinuationItemsAction`); the last page has no token.
//!
//! **With a key.** `GET {api}/search?part=snippet&type=channel|video&q=…&maxResults=50`
//! costs [`SEARCH_LIST_UNITS`] quota units a call (the daily default is 10,000);
//! the channels found are enriched by `channels.list?part=snippet,statistics`
//! (1 unit per 50). [`quota_cost`] is what a run will spend, shown before it runs.

use serde::Deserialize;
use serde_json::Value;
use url::Url;

use super::{Candidate, Hit, Page, ProfileLink, excerpt};
use crate::http::{self, HttpClient, Request};
use crate::youtube::api::{ChannelList, Thumbnails};
use crate::youtube::page::{approx_count, embedded_json, text_of};
use crate::{CredentialProblem, Credentials, RawResponse, SecretName, SourceError};
use scout_core::Platform;

const PLATFORM: Platform = Platform::Youtube;

/// Quota units one `search.list` call costs (YouTube Data API v3 quota table).
pub const SEARCH_LIST_UNITS: u32 = 100;
/// Quota units one `channels.list` call costs.
pub const CHANNELS_LIST_UNITS: u32 = 1;
/// The default daily quota of a Data API project.
pub const DAILY_QUOTA: u32 = 10_000;
/// `sp` of the results page's Channels filter.
pub const CHANNELS_FILTER: &str = "EgIQAg==";
/// Results per `search.list` page (the API maximum).
pub const API_PAGE_SIZE: u32 = 50;

/// The quota a keyed search of `pages` pages of channels and `pages` of videos costs.
pub fn quota_cost(pages: u32, with_videos: bool) -> u32 {
    let searches = pages * if with_videos { 2 } else { 1 };
    searches * SEARCH_LIST_UNITS + searches * CHANNELS_LIST_UNITS
}

fn all_under<'a>(v: &'a Value, key: &str, out: &mut Vec<&'a Value>) {
    match v {
        Value::Object(map) => {
            for (k, x) in map {
                if k == key {
                    out.push(x);
                } else {
                    all_under(x, key, out);
                }
            }
        }
        Value::Array(items) => items.iter().for_each(|x| all_under(x, key, out)),
        _ => {}
    }
}

fn thumb(v: &Value) -> Option<String> {
    let list = v.pointer("/thumbnail/thumbnails")?.as_array()?;
    let url = list.last()?.get("url")?.as_str()?;
    Some(if url.starts_with("//") {
        format!("https:{url}")
    } else {
        url.to_string()
    })
}

fn channel_url(id: &str, handle: Option<&str>) -> String {
    match handle {
        Some(h) => format!("https://www.youtube.com/@{}", h.trim_start_matches('@')),
        None => format!("https://www.youtube.com/channel/{id}"),
    }
}

/// The channel(s) credited in a video's `ownerText` run: one channel, or the
/// collaborators listed in its dialog (`listItemViewModel`: title, "@handle • 317k
/// subscribers", browse id).
fn video_owners(owner: &Value) -> Vec<Candidate> {
    if let Some(id) = owner
        .pointer("/navigationEndpoint/browseEndpoint/browseId")
        .and_then(Value::as_str)
    {
        let handle = owner
            .pointer("/navigationEndpoint/browseEndpoint/canonicalBaseUrl")
            .and_then(Value::as_str)
            .filter(|s| s.starts_with("/@"))
            .map(|s| s.trim_start_matches("/@").to_string());
        let mut c = Candidate::new(
            PLATFORM,
            id,
            handle.clone().unwrap_or_else(|| id.to_string()),
            channel_url(id, handle.as_deref()),
        );
        c.display_name = owner
            .get("text")
            .and_then(Value::as_str)
            .map(str::to_string);
        return vec![c];
    }
    let mut items = Vec::new();
    all_under(owner, "listItemViewModel", &mut items);
    items
        .into_iter()
        .filter_map(|item| {
            let mut ids = Vec::new();
            all_under(item, "browseId", &mut ids);
            let id = ids.first()?.as_str()?;
            let subtitle = item
                .pointer("/subtitle/content")
                .and_then(Value::as_str)
                .unwrap_or_default();
            let clean: String = subtitle
                .chars()
                .filter(|c| !matches!(c, '\u{200e}' | '\u{2068}' | '\u{2069}'))
                .collect();
            let mut handle = None;
            let mut subscribers = None;
            for part in clean.split('•') {
                let part = part.trim();
                if let Some(h) = part.strip_prefix('@') {
                    handle = Some(h.to_string());
                } else if part.to_lowercase().contains("subscriber") {
                    subscribers = approx_count(part);
                }
            }
            let mut c = Candidate::new(
                PLATFORM,
                id,
                handle.clone().unwrap_or_else(|| id.to_string()),
                channel_url(id, handle.as_deref()),
            );
            c.display_name = item
                .pointer("/title/content")
                .and_then(Value::as_str)
                .map(|t| t.trim().to_string());
            if let Some((n, rounded)) = subscribers {
                c.followers = Some(n);
                c.followers_rounded = rounded;
            }
            Some(c)
        })
        .collect()
}

/// Channels in a results page or a search/continuation response: every
/// `channelRenderer` (found by `query`'s channel search) and the owner of every
/// `videoRenderer` (its title as evidence). Also the continuation token, if any.
pub fn renderer_channels(data: &Value, query: &str) -> (Vec<Candidate>, Option<String>) {
    let mut out = Vec::new();
    let mut channels = Vec::new();
    all_under(data, "channelRenderer", &mut channels);
    for r in channels {
        let Some(id) = r.get("channelId").and_then(Value::as_str) else {
            continue;
        };
        let mut handle = r
            .pointer("/navigationEndpoint/browseEndpoint/canonicalBaseUrl")
            .and_then(Value::as_str)
            .filter(|s| s.starts_with("/@"))
            .map(|s| s.trim_start_matches("/@").to_string());
        let mut subscribers = None;
        let mut videos = None;
        for key in ["subscriberCountText", "videoCountText"] {
            let Some(text) = r.get(key).and_then(text_of) else {
                continue;
            };
            let lower = text.to_lowercase();
            if text.starts_with('@') {
                handle.get_or_insert(text.trim().trim_start_matches('@').to_string());
            } else if lower.contains("subscriber") {
                subscribers = approx_count(&text);
            } else if lower.contains("video") {
                videos = approx_count(&text).map(|(n, _)| n);
            }
        }
        let mut c = Candidate::new(
            PLATFORM,
            id,
            handle.clone().unwrap_or_else(|| id.to_string()),
            channel_url(id, handle.as_deref()),
        );
        c.display_name = r.get("title").and_then(text_of);
        c.bio = r
            .get("descriptionSnippet")
            .and_then(text_of)
            .filter(|s| !s.trim().is_empty());
        c.avatar_url = thumb(r);
        if let Some((n, rounded)) = subscribers {
            c.followers = Some(n);
            c.followers_rounded = rounded;
        }
        c.posts_count = videos;
        c.hits.push(Hit::ProfileSearch {
            query: query.to_string(),
        });
        out.push(c);
    }
    out.extend(video_channels(data, |title, url| Hit::PostSearch {
        query: query.to_string(),
        excerpt: excerpt(title, 140),
        url: Some(url),
    }));
    (super::merge(out), continuation_token(data))
}

/// The owners of every `videoRenderer` under `data`, each with the hit `hit(title, watch URL)`.
fn video_channels(data: &Value, hit: impl Fn(&str, String) -> Hit) -> Vec<Candidate> {
    let mut out = Vec::new();
    let mut video_renderers = Vec::new();
    all_under(data, "videoRenderer", &mut video_renderers);
    for v in video_renderers {
        let owner = v
            .pointer("/ownerText/runs/0")
            .or_else(|| v.pointer("/longBylineText/runs/0"));
        let Some(owner) = owner else { continue };
        let title = v.get("title").and_then(text_of).unwrap_or_default();
        let video_id = v.get("videoId").and_then(Value::as_str).unwrap_or_default();
        let snippet = v
            .pointer("/detailedMetadataSnippets/0/snippetText")
            .and_then(text_of)
            .unwrap_or_default();
        for mut c in video_owners(owner) {
            c.hits.push(hit(
                &title,
                format!("https://www.youtube.com/watch?v={video_id}"),
            ));
            c.post_texts
                .push(format!("{title}\n{snippet}").trim().to_string());
            out.push(c);
        }
    }
    out
}

/// The first continuation token under `data`, if any.
fn continuation_token(data: &Value) -> Option<String> {
    let mut tokens = Vec::new();
    all_under(data, "continuationItemRenderer", &mut tokens);
    tokens.iter().find_map(|r| {
        r.pointer("/continuationEndpoint/continuationCommand/token")
            .and_then(Value::as_str)
            .map(str::to_string)
    })
}

/// The channels of a hashtag page's videos (`/hashtag/<tag>`, `InnerTube` `browse` with
/// `browseId` `FEhashtag`): the items of `onResponseReceivedActions` →
/// `reloadContinuationItemsCommand` (first page) or `appendContinuationItemsAction`
/// (later pages) → `richItemRenderer` → `videoRenderer`, each channel with its
/// video as a `#tag` hit; and the next page's continuation token.
///
/// Not requested by runs yet: the first page is a `POST /youtubei/v1/browse` whose
/// body carries a `continuation` token (a protobuf naming the tag) that the
/// `/hashtag/<tag>` page embeds; no capture of that page or of the request body is in
/// the corpus, so Scout does not build it. Keyless `#tag` searches go through the
/// results page instead.
pub fn hashtag_browse(data: &Value, tag: &str) -> (Vec<Candidate>, Option<String>) {
    let items = data.get("onResponseReceivedActions").unwrap_or(data);
    let tag = tag.trim_start_matches('#').to_lowercase();
    let out = video_channels(items, |title, url| Hit::Hashtag {
        tag: tag.clone(),
        excerpt: excerpt(title, 140),
        url: Some(url),
    });
    (super::merge(out), continuation_token(items))
}

/// The web client version a results page declares (`INNERTUBE_CLIENT_VERSION`).
pub fn client_version(html: &str) -> Option<String> {
    let at =
        html.find("\"INNERTUBE_CLIENT_VERSION\":\"")? + "\"INNERTUBE_CLIENT_VERSION\":\"".len();
    let rest = &html[at..];
    Some(rest[..rest.find('"')?].to_string())
}

/// `search.list` output.
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SearchList {
    /// Results.
    #[serde(default)]
    pub items: Vec<SearchResult>,
    /// Next page.
    pub next_page_token: Option<String>,
}

/// One `search.list` result.
#[derive(Debug, Clone, Deserialize)]
pub struct SearchResult {
    /// What it is.
    pub id: SearchId,
    /// Snippet.
    pub snippet: Option<SearchSnippet>,
}

/// `{kind, channelId | videoId}`.
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SearchId {
    /// `youtube#channel` / `youtube#video`.
    pub kind: String,
    /// Channel id (channels).
    pub channel_id: Option<String>,
    /// Video id (videos).
    pub video_id: Option<String>,
}

/// A result's snippet.
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SearchSnippet {
    /// The channel (owner, for videos).
    pub channel_id: Option<String>,
    /// Title (channel name or video title).
    #[serde(default)]
    pub title: String,
    /// Description (truncated by the API).
    #[serde(default)]
    pub description: String,
    /// Owner name (videos).
    pub channel_title: Option<String>,
    /// Thumbnails.
    #[serde(default)]
    pub thumbnails: Thumbnails,
    /// Publication time.
    pub published_at: Option<String>,
}

/// Channels of a `search.list` page (channels, and the owners of videos).
pub fn search_list(answer: &SearchList, query: &str) -> (Vec<Candidate>, Option<String>) {
    let mut out = Vec::new();
    for item in &answer.items {
        let Some(s) = &item.snippet else { continue };
        let Some(channel) = item.id.channel_id.clone().or_else(|| s.channel_id.clone()) else {
            continue;
        };
        let mut c = Candidate::new(PLATFORM, &channel, &channel, channel_url(&channel, None));
        if item.id.kind.ends_with("#channel") {
            c.display_name = Some(s.title.clone());
            c.bio = Some(s.description.clone()).filter(|d| !d.is_empty());
            c.avatar_url = s.thumbnails.best();
            c.hits.push(Hit::ProfileSearch {
                query: query.to_string(),
            });
        } else {
            c.display_name.clone_from(&s.channel_title);
            let url = item
                .id
                .video_id
                .as_ref()
                .map(|v| format!("https://www.youtube.com/watch?v={v}"));
            c.hits.push(Hit::PostSearch {
                query: query.to_string(),
                excerpt: excerpt(&s.title, 140),
                url,
            });
            c.post_texts
                .push(format!("{}\n{}", s.title, s.description).trim().to_string());
            c.last_active = s
                .published_at
                .as_deref()
                .and_then(|t| chrono::DateTime::parse_from_rfc3339(t).ok())
                .map(|t| t.with_timezone(&chrono::Utc));
        }
        out.push(c);
    }
    (super::merge(out), answer.next_page_token.clone())
}

/// Fill handle, counts, country and links from `channels.list`.
pub fn enrich_channels(candidates: &mut [Candidate], answer: &ChannelList) {
    for ch in &answer.items {
        let Some(c) = candidates
            .iter_mut()
            .find(|c| c.platform == PLATFORM && c.id == ch.id)
        else {
            continue;
        };
        if let Some(s) = &ch.snippet {
            if let Some(h) = s.custom_url.as_deref().filter(|h| h.starts_with('@')) {
                c.handle = h.trim_start_matches('@').to_string();
                c.url = channel_url(&ch.id, Some(h));
            }
            c.display_name = s.title.clone().or(c.display_name.take());
            if let Some(d) = s.description.clone().filter(|d| !d.is_empty()) {
                c.links = crate::bluesky::map::bio_links(&d)
                    .into_iter()
                    .map(|url| ProfileLink {
                        url,
                        label: None,
                        verified_at: None,
                    })
                    .collect();
                c.bio = Some(d);
            }
            c.country.clone_from(&s.country);
            c.avatar_url = c.avatar_url.take().or_else(|| s.thumbnails.best());
        }
        if let Some(st) = &ch.statistics {
            if st.hidden_subscriber_count != Some(true) {
                c.followers = st.subscriber_count;
                c.followers_rounded = false;
            }
            c.posts_count = st.video_count;
        }
    }
}

fn api_key(credentials: &dyn Credentials) -> Option<String> {
    credentials
        .get(SecretName::YoutubeApiKey)
        .map(|k| k.trim().to_string())
        .filter(|k| !k.is_empty())
}

fn api_error(raw: &RawResponse) -> SourceError {
    let body = String::from_utf8_lossy(&raw.body);
    if raw.status == 403 && body.contains("quotaExceeded") {
        return SourceError::RateLimited {
            platform: PLATFORM,
            host: "YouTube Data API (daily quota used up)".into(),
            retry_after: None,
        };
    }
    if matches!(raw.status, 400 | 401 | 403) {
        return SourceError::Credentials {
            platform: PLATFORM,
            which: SecretName::YoutubeApiKey.label().into(),
            problem: CredentialProblem::Invalid,
        };
    }
    SourceError::Http {
        platform: PLATFORM,
        host: Url::parse(&raw.url)
            .ok()
            .and_then(|u| u.host_str().map(str::to_string))
            .unwrap_or_default(),
        status: raw.status,
    }
}

/// Where the next keyless page comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Continuation {
    /// The continuation token.
    pub token: String,
    /// The web client version of the first page.
    pub client_version: String,
}

/// YouTube discovery requests.
#[derive(Debug, Clone)]
pub struct YoutubeDiscovery {
    http: HttpClient,
    web: Url,
    api: Url,
}

impl YoutubeDiscovery {
    /// On `SCOUT_YOUTUBE_BASE_URL` / `SCOUT_YOUTUBE_API_BASE_URL`, else YouTube's hosts.
    pub fn new(http: HttpClient) -> Self {
        Self {
            web: http::base_url("youtube", crate::youtube::DEFAULT_WEB_BASE),
            api: http::base_url("youtube_api", crate::youtube::DEFAULT_API_BASE),
            http,
        }
    }

    /// Against explicit base URLs (tests).
    pub fn with_base_urls(http: HttpClient, web: Url, api: Url) -> Self {
        Self { http, web, api }
    }

    /// Whether a key is set (the keyed path is used).
    pub fn has_key(credentials: &dyn Credentials) -> bool {
        api_key(credentials).is_some()
    }

    /// The first keyless results page (channels filter) for `query`.
    pub async fn results_page(
        &self,
        query: &str,
    ) -> Result<(Page, Option<Continuation>), SourceError> {
        let mut url = http::endpoint(&self.web, "results");
        url.query_pairs_mut()
            .append_pair("search_query", query)
            .append_pair("sp", CHANNELS_FILTER);
        let raw = self
            .http
            .send(
                Request::get(PLATFORM, "results:1", url)
                    .header("Accept-Language", "en-GB,en;q=0.8"),
            )
            .await?;
        if raw.status != 200 {
            return Err(SourceError::Http {
                platform: PLATFORM,
                host: self.web.host_str().unwrap_or("-").to_string(),
                status: raw.status,
            });
        }
        let html = String::from_utf8_lossy(&raw.body).into_owned();
        let data = embedded_json(&html, "ytInitialData")
            .ok_or_else(|| SourceError::LayoutChanged {
                platform: PLATFORM,
                what: "results page: no ytInitialData".into(),
            })?
            .map_err(|e| SourceError::LayoutChanged {
                platform: PLATFORM,
                what: format!("results page: ytInitialData ({e})"),
            })?;
        let (candidates, token) = renderer_channels(&data, query);
        let version = client_version(&html).unwrap_or_else(|| "2.20260101.00.00".into());
        let cont = token.map(|token| Continuation {
            token,
            client_version: version,
        });
        Ok((
            Page {
                candidates,
                next: cont.as_ref().map(|c| c.token.clone()),
                raw: vec![raw],
            },
            cont,
        ))
    }

    /// A continuation page of a keyless search.
    pub async fn continuation(
        &self,
        query: &str,
        cont: &Continuation,
        page_no: usize,
    ) -> Result<(Page, Option<Continuation>), SourceError> {
        let mut url = http::endpoint(&self.web, "youtubei/v1/search");
        url.query_pairs_mut().append_pair("prettyPrint", "false");
        let body = serde_json::json!({
            "context": { "client": { "clientName": "WEB", "clientVersion": cont.client_version, "hl": "en-GB" } },
            "continuation": cont.token,
        });
        let raw = self
            .http
            .send(Request::get(PLATFORM, format!("results:{page_no}"), url).post_json(body))
            .await?;
        if raw.status != 200 {
            return Err(SourceError::Http {
                platform: PLATFORM,
                host: self.web.host_str().unwrap_or("-").to_string(),
                status: raw.status,
            });
        }
        let data: Value =
            serde_json::from_slice(&raw.body).map_err(|e| SourceError::LayoutChanged {
                platform: PLATFORM,
                what: format!("youtubei/v1/search continuation ({e})"),
            })?;
        let commands =
            data.get("onResponseReceivedCommands")
                .ok_or_else(|| SourceError::LayoutChanged {
                    platform: PLATFORM,
                    what: "youtubei/v1/search continuation: onResponseReceivedCommands".into(),
                })?;
        let (candidates, token) = renderer_channels(commands, query);
        let next = token.map(|token| Continuation {
            token,
            client_version: cont.client_version.clone(),
        });
        Ok((
            Page {
                candidates,
                next: next.as_ref().map(|c| c.token.clone()),
                raw: vec![raw],
            },
            next,
        ))
    }

    /// A Data API GET whose `key` parameter is a secret (kept out of logs and the
    /// stored raw response): an API error body on a non-200, else `what` decoded.
    async fn keyed_json<T: serde::de::DeserializeOwned>(
        &self,
        role: String,
        url: Url,
        what: &str,
    ) -> Result<(T, RawResponse), SourceError> {
        let raw = self
            .http
            .send(Request::get(PLATFORM, role, url).secret_param("key"))
            .await?;
        if raw.status != 200 {
            return Err(api_error(&raw));
        }
        let answer = serde_json::from_slice(&raw.body).map_err(|e| SourceError::LayoutChanged {
            platform: PLATFORM,
            what: format!("{what} ({e})"),
        })?;
        Ok((answer, raw))
    }

    /// One keyed `search.list` page (`kind` = `channel` or `video`), its channels
    /// enriched by `channels.list`. Costs [`SEARCH_LIST_UNITS`] + [`CHANNELS_LIST_UNITS`].
    pub async fn search_list(
        &self,
        credentials: &dyn Credentials,
        query: &str,
        kind: &str,
        page_token: Option<&str>,
        page_no: usize,
    ) -> Result<Page, SourceError> {
        let key = api_key(credentials).ok_or_else(|| SourceError::Credentials {
            platform: PLATFORM,
            which: SecretName::YoutubeApiKey.label().into(),
            problem: CredentialProblem::Missing,
        })?;
        let mut url = http::endpoint(&self.api, "search");
        url.query_pairs_mut()
            .append_pair("part", "snippet")
            .append_pair("type", kind)
            .append_pair("q", query)
            .append_pair("maxResults", &API_PAGE_SIZE.to_string());
        if let Some(t) = page_token {
            url.query_pairs_mut().append_pair("pageToken", t);
        }
        url.query_pairs_mut().append_pair("key", &key);
        let (answer, raw): (SearchList, _) = self
            .keyed_json(format!("search_list:{kind}:{page_no}"), url, "search.list")
            .await?;
        let (mut candidates, next) = search_list(&answer, query);
        let mut raws = vec![raw];
        if !candidates.is_empty() {
            let ids: Vec<&str> = candidates.iter().map(|c| c.id.as_str()).collect();
            let mut url = http::endpoint(&self.api, "channels");
            url.query_pairs_mut()
                .append_pair("part", "snippet,statistics")
                .append_pair("id", &ids.join(","))
                .append_pair("key", &key);
            let (list, raw): (ChannelList, _) = self
                .keyed_json(
                    format!("search_channels:{kind}:{page_no}"),
                    url,
                    "channels.list",
                )
                .await?;
            enrich_channels(&mut candidates, &list);
            raws.push(raw);
        }
        Ok(Page {
            candidates,
            next,
            raw: raws,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashtag_browse_credits_each_video_channel_with_the_tag() {
        let data: Value = serde_json::from_str(
            r#"{"onResponseReceivedActions":[{"reloadContinuationItemsCommand":{"targetId":"browse-feedFEhashtag","continuationItems":[
              {"richItemRenderer":{"content":{"videoRenderer":{"videoId":"v1","title":{"runs":[{"text":"Live at Tomorrowland"}]},
                "ownerText":{"runs":[{"text":"Stage One","navigationEndpoint":{"browseEndpoint":{"browseId":"UCa","canonicalBaseUrl":"/@stageone"}}}]}}}}},
              {"richItemRenderer":{"content":{"videoRenderer":{"videoId":"v2","title":{"runs":[{"text":"Second set"}]},
                "longBylineText":{"runs":[{"text":"Stage One","navigationEndpoint":{"browseEndpoint":{"browseId":"UCa"}}}]}}}}},
              {"continuationItemRenderer":{"continuationEndpoint":{"continuationCommand":{"token":"next-token"}}}}],"slot":"RELOAD_CONTINUATION_SLOT_BODY"}}]}"#,
        )
        .unwrap();
        let (c, next) = hashtag_browse(&data, "#Festival");
        assert_eq!(c.len(), 1, "both videos are one channel's");
        assert_eq!(c[0].handle, "stageone");
        assert_eq!(c[0].url, "https://www.youtube.com/@stageone");
        assert_eq!(
            c[0].hits,
            vec![
                Hit::Hashtag {
                    tag: "festival".into(),
                    excerpt: "Live at Tomorrowland".into(),
                    url: Some("https://www.youtube.com/watch?v=v1".into())
                },
                Hit::Hashtag {
                    tag: "festival".into(),
                    excerpt: "Second set".into(),
                    url: Some("https://www.youtube.com/watch?v=v2".into())
                }
            ]
        );
        assert_eq!(next.as_deref(), Some("next-token"));
    }

    #[test]
    fn channel_renderer_texts_are_read_for_what_they_say() {
        let data = serde_json::json!({"contents": [{"channelRenderer": {
            "channelId": "UC1", "title": {"simpleText": "Test"},
            "subscriberCountText": {"simpleText": "@tester"},
            "videoCountText": {"simpleText": "234k subscribers"}
        }}, {"channelRenderer": {
            "channelId": "UC2", "title": {"simpleText": "Old"},
            "subscriberCountText": {"simpleText": "1.2M subscribers"},
            "videoCountText": {"runs": [{"text": "337"}, {"text": " videos"}]}
        }}, {"continuationItemRenderer": {"continuationEndpoint": {"continuationCommand": {"token": "T"}}}}]});
        let (c, next) = renderer_channels(&data, "test");
        assert_eq!(c[0].handle, "tester");
        assert_eq!(c[0].url, "https://www.youtube.com/@tester");
        assert_eq!(c[0].followers, Some(234_000));
        assert!(c[0].followers_rounded);
        assert_eq!(c[1].handle, "UC2");
        assert_eq!(c[1].followers, Some(1_200_000));
        assert_eq!(c[1].posts_count, Some(337));
        assert_eq!(next.as_deref(), Some("T"));
    }

    #[test]
    fn quota_is_counted_before_a_run() {
        assert_eq!(quota_cost(1, false), 101);
        assert_eq!(quota_cost(2, true), 404);
    }
}
