//! Mastodon discovery, per instance, keyless.
//!
//! Main type: [`MastodonDiscovery`]. Requests to one instance (or
//! `SCOUT_MASTODON_BASE_URL`), each within the instance's 300 requests / 5 min
//! (the HTTP client's per-host quota for any Mastodon host, 1/s with a burst of 5):
//!
//! - `GET /api/v2/search?q=…&type=accounts&limit=40` (role `search:<instance>`):
//!   one page of up to 40 accounts (no `resolve`, no `offset`: anonymous
//!   clients get one page);
//! - `GET /api/v1/timelines/tag/:tag?limit=40[&max_id=…]` (role `tag:<instance>:<page>`):
//!   the authors of recent posts with the hashtag, each with the post as
//!   evidence; paged by the `max_id` of the `Link: rel="next"` header
//!   ([`crate::link_header::next_max_id`]), or the last status id without one;
//! - `GET /api/v1/directory?order=active&local=true&limit=40` (role `directory:<instance>`):
//!   accounts that opted into the profile directory;
//! - `GET /api/v1/trends/tags` (role `trends:<instance>`): trending hashtags ([`trend_tags`]).
//!
//! `GET /api/v2/suggestions` ([`suggestions`]) is parsed but not requested: it answers
//! only a signed-in user of the instance (see [`Suggestion`]).
//!
//! Profile fields keep their `verified_at` (the instance checked a `rel="me"`
//! backlink): the identity step uses it as confirmed evidence.

use chrono::{DateTime, NaiveDate, Utc};
use serde::Deserialize;
use url::Url;

use super::{Candidate, Hit, Page, ProfileLink, excerpt};
use crate::http::{self, HttpClient, Request};
use crate::link_header;
pub use crate::mastodon::wire::{Account, Field, Status, StatusTag};
use crate::mastodon::{html_links, html_to_text};
use crate::{RawResponse, SourceError};
use scout_core::Platform;

const PLATFORM: Platform = Platform::Mastodon;

/// Accounts or statuses per request (the API maximum for these endpoints).
pub const PAGE_SIZE: usize = 40;
/// The instances searched when the user has set none.
pub const DEFAULT_INSTANCES: [&str; 4] = [
    "mastodon.social",
    "mastodon.online",
    "mstdn.social",
    "fosstodon.org",
];
/// Mastodon's documented default: requests per window per IP.
pub const REQUESTS_PER_WINDOW: u32 = 300;
/// The window of [`REQUESTS_PER_WINDOW`], in seconds.
pub const WINDOW_SECS: u32 = 300;

/// `/api/v2/search` output (only accounts are read).
#[derive(Debug, Clone, Deserialize)]
pub struct SearchResults {
    /// Accounts.
    #[serde(default)]
    pub accounts: Vec<Account>,
}

/// A trending tag.
#[derive(Debug, Clone, Deserialize)]
pub struct TagHistory {
    /// Day (unix seconds as a string).
    pub day: String,
    /// Accounts that used the tag that day (a string of digits).
    pub accounts: String,
    /// Uses that day.
    pub uses: String,
}

/// The Tag entity.
#[derive(Debug, Clone, Deserialize)]
pub struct Tag {
    /// Name.
    pub name: String,
    /// Tag page.
    pub url: Option<String>,
    /// Daily use history, newest first.
    #[serde(default)]
    pub history: Vec<TagHistory>,
}

/// `/api/v2/suggestions` entry: an account the instance suggests to its signed-in user.
///
/// Not requested by discovery runs: the endpoint needs a user access token
/// (`read` scope) of an account on that instance, and Scout keeps no Mastodon
/// sign-in yet (it searches instances anonymously). The parser is ready for when it does.
#[derive(Debug, Clone, Deserialize)]
pub struct Suggestion {
    /// Why, as the instance says (`featured`, `most_followed`, `most_interactions`,
    /// `similar_to_recently_followed`, `friends_of_friends`).
    #[serde(default)]
    pub sources: Vec<String>,
    /// The deprecated single reason (`staff`, `global`, `past_interactions`), used
    /// when `sources` is absent (servers before 4.3).
    pub source: Option<String>,
    /// The account.
    pub account: Account,
}

/// The accounts of a `/api/v2/suggestions` answer from `instance` (bots and
/// suspended accounts left out), each with the instance's reasons.
pub fn suggestions(answer: &[Suggestion], instance: &str) -> Vec<Candidate> {
    answer
        .iter()
        .filter(|s| usable(&s.account))
        .map(|s| {
            let mut c = account_candidate(&s.account, instance);
            let sources = if s.sources.is_empty() {
                s.source.iter().cloned().collect()
            } else {
                s.sources.clone()
            };
            c.hits.push(Hit::InstanceSuggested {
                instance: instance.to_string(),
                sources,
            });
            c
        })
        .collect()
}

/// Uses of a tag over its history (the Tag entity's `history`, newest first).
pub fn tag_uses(tag: &Tag) -> u64 {
    tag.history
        .iter()
        .filter_map(|h| h.uses.parse::<u64>().ok())
        .sum()
}

/// The host of an instance URL or a bare host.
fn host_of(instance: &str) -> String {
    let t = instance.trim().trim_end_matches('/');
    Url::parse(t)
        .ok()
        .and_then(|u| u.host_str().map(str::to_string))
        .unwrap_or_else(|| t.trim_start_matches('@').to_ascii_lowercase())
}

/// `user@instance` of an account seen on `instance`.
pub fn full_handle(a: &Account, instance: &str) -> String {
    if a.acct.contains('@') {
        a.acct.to_ascii_lowercase()
    } else {
        format!("{}@{}", a.username, instance).to_ascii_lowercase()
    }
}

fn last_status(a: &Account) -> Option<DateTime<Utc>> {
    let s = a.last_status_at.as_deref()?;
    NaiveDate::parse_from_str(s.get(..10)?, "%Y-%m-%d")
        .ok()
        .and_then(|d| d.and_hms_opt(0, 0, 0))
        .map(|d| d.and_utc())
}

/// A candidate from an account seen on `instance`.
pub fn account_candidate(a: &Account, instance: &str) -> Candidate {
    let handle = full_handle(a, instance);
    let url = a.url.clone().unwrap_or_else(|| {
        format!(
            "https://{}/@{}",
            handle.split('@').nth(1).unwrap_or(instance),
            a.username
        )
    });
    let mut c = Candidate::new(PLATFORM, &handle, &handle, url);
    c.display_name = Some(a.display_name.trim().to_string()).filter(|s| !s.is_empty());
    let bio = html_to_text(&a.note);
    c.bio = Some(bio).filter(|s| !s.is_empty());
    c.avatar_url = a.avatar.clone().filter(|u| !u.ends_with("/missing.png"));
    c.followers = a.followers_count;
    c.posts_count = a.statuses_count;
    c.last_active = last_status(a);
    for field in &a.fields {
        for link in html_links(&field.value) {
            c.links.push(ProfileLink {
                url: link,
                label: Some(html_to_text(&field.name)).filter(|s| !s.is_empty()),
                verified_at: field.verified_at.clone().filter(|s| !s.is_empty()),
            });
        }
    }
    for link in html_links(&a.note) {
        if !c.links.iter().any(|l| l.url == link) {
            c.links.push(ProfileLink {
                url: link,
                label: None,
                verified_at: None,
            });
        }
    }
    c
}

fn usable(a: &Account) -> bool {
    !a.bot && a.suspended != Some(true)
}

/// Accounts of a `/api/v2/search` answer (bots and suspended accounts left out).
pub fn search_results(answer: &SearchResults, query: &str, instance: &str) -> Vec<Candidate> {
    answer
        .accounts
        .iter()
        .filter(|a| usable(a))
        .map(|a| {
            let mut c = account_candidate(a, instance);
            c.hits.push(Hit::ProfileSearch {
                query: format!("{query} (on {instance})"),
            });
            c
        })
        .collect()
}

/// Authors of a tag timeline page, each with its post as evidence; and the
/// `max_id` of the next page (the last status id), `None` when the page is empty.
pub fn tag_timeline(
    statuses: &[Status],
    tag: &str,
    instance: &str,
) -> (Vec<Candidate>, Option<String>) {
    let mut out = Vec::new();
    for s in statuses {
        let s = s.reblog.as_deref().unwrap_or(s);
        if !usable(&s.account) {
            continue;
        }
        let mut c = account_candidate(&s.account, instance);
        let text = html_to_text(&s.content);
        c.hits.push(Hit::Hashtag {
            tag: tag.to_lowercase(),
            excerpt: excerpt(&text, 140),
            url: s.url.clone(),
        });
        c.language.clone_from(&s.language);
        c.last_active = Some(c.last_active.map_or(s.created_at, |t| t.max(s.created_at)));
        c.post_texts.push(text);
        out.push(c);
    }
    let next = statuses.last().map(|s| s.id.clone());
    (super::merge(out), next)
}

/// Accounts of a directory page.
pub fn directory(accounts: &[Account], instance: &str) -> Vec<Candidate> {
    accounts
        .iter()
        .filter(|a| usable(a))
        .map(|a| {
            let mut c = account_candidate(a, instance);
            c.hits.push(Hit::Directory {
                instance: instance.to_string(),
            });
            c
        })
        .collect()
}

/// Trending tags with their uses over the history given (newest first).
pub fn trend_tags(tags: &[Tag]) -> Vec<(String, u64)> {
    tags.iter()
        .map(|t| (t.name.to_lowercase(), tag_uses(t)))
        .collect()
}

fn decode<T: serde::de::DeserializeOwned>(raw: &RawResponse, what: &str) -> Result<T, SourceError> {
    match raw.status {
        200..=299 => serde_json::from_slice(&raw.body).map_err(|e| SourceError::LayoutChanged {
            platform: PLATFORM,
            what: format!("{what} ({e})"),
        }),
        status => Err(SourceError::Http {
            platform: PLATFORM,
            host: Url::parse(&raw.url)
                .ok()
                .and_then(|u| u.host_str().map(str::to_string))
                .unwrap_or_default(),
            status,
        }),
    }
}

/// Mastodon discovery requests.
#[derive(Debug, Clone)]
pub struct MastodonDiscovery {
    http: HttpClient,
    base_override: Option<Url>,
}

impl MastodonDiscovery {
    /// Each instance at `https://<instance>`, or `SCOUT_MASTODON_BASE_URL` for all.
    pub fn new(http: HttpClient) -> Self {
        let base_override = std::env::var("SCOUT_MASTODON_BASE_URL")
            .ok()
            .and_then(|v| Url::parse(v.trim().trim_end_matches('/')).ok());
        Self {
            http,
            base_override,
        }
    }

    /// Every instance served by `base` (tests).
    pub fn with_base_url(http: HttpClient, base: Url) -> Self {
        Self {
            http,
            base_override: Some(base),
        }
    }

    fn url(&self, instance: &str, path: &str, params: &[(&str, &str)]) -> Url {
        let base = self.base_override.clone().unwrap_or_else(|| {
            Url::parse(&format!("https://{}", host_of(instance)))
                .unwrap_or_else(|_| http::base_url("mastodon", "https://mastodon.social"))
        });
        let mut url = http::endpoint(&base, path);
        url.query_pairs_mut().extend_pairs(params);
        url
    }

    async fn get(&self, url: Url, role: String) -> Result<RawResponse, SourceError> {
        self.http.send(Request::get(PLATFORM, role, url)).await
    }

    /// Account search on `instance`: one page of up to 40.
    pub async fn search_accounts(&self, instance: &str, query: &str) -> Result<Page, SourceError> {
        let host = host_of(instance);
        let limit = PAGE_SIZE.to_string();
        let url = self.url(
            &host,
            "api/v2/search",
            &[("q", query), ("type", "accounts"), ("limit", &limit)],
        );
        let raw = self.get(url, format!("search:{host}")).await?;
        let answer: SearchResults = decode(&raw, "/api/v2/search: {accounts: [Account]}")?;
        Ok(Page {
            candidates: search_results(&answer, query, &host),
            next: None,
            raw: vec![raw],
        })
    }

    /// One page of the `#tag` timeline on `instance`.
    pub async fn tag_timeline(
        &self,
        instance: &str,
        tag: &str,
        max_id: Option<&str>,
        page_no: usize,
    ) -> Result<Page, SourceError> {
        let host = host_of(instance);
        let limit = PAGE_SIZE.to_string();
        let mut params = vec![("limit", limit.as_str())];
        if let Some(m) = max_id {
            params.push(("max_id", m));
        }
        let url = self.url(&host, &format!("api/v1/timelines/tag/{tag}"), &params);
        let request = Request::get(PLATFORM, format!("tag:{host}:{page_no}"), url.clone());
        let (raw, link) = self.http.send_with_link(request).await?;
        let statuses: Vec<Status> = decode(&raw, "/api/v1/timelines/tag: [Status]")?;
        let (candidates, from_body) = tag_timeline(&statuses, tag, &host);
        // The Link header's rel="next" when sent (none: the last page), else the last id.
        let next = match link.map(|l| link_header::next_max_id(&l, &url)) {
            Some(Ok(next)) => next,
            Some(Err(e)) => {
                tracing::warn!(
                    "Mastodon tag timeline on {host}: {e}; paging by the last status id"
                );
                from_body
            }
            None => from_body,
        };
        let next = if statuses.len() < PAGE_SIZE {
            None
        } else {
            next
        };
        Ok(Page {
            candidates,
            next,
            raw: vec![raw],
        })
    }

    /// The profile directory of `instance` (most recently active local accounts).
    pub async fn directory(&self, instance: &str) -> Result<Page, SourceError> {
        let host = host_of(instance);
        let limit = PAGE_SIZE.to_string();
        let url = self.url(
            &host,
            "api/v1/directory",
            &[("order", "active"), ("local", "true"), ("limit", &limit)],
        );
        let raw = self.get(url, format!("directory:{host}")).await?;
        let accounts: Vec<Account> = decode(&raw, "/api/v1/directory: [Account]")?;
        Ok(Page {
            candidates: directory(&accounts, &host),
            next: None,
            raw: vec![raw],
        })
    }

    /// Trending tags on `instance`.
    pub async fn trends(
        &self,
        instance: &str,
    ) -> Result<(Vec<(String, u64)>, RawResponse), SourceError> {
        let host = host_of(instance);
        let url = self.url(&host, "api/v1/trends/tags", &[]);
        let raw = self.get(url, format!("trends:{host}")).await?;
        let tags: Vec<Tag> = decode(&raw, "/api/v1/trends/tags: [Tag]")?;
        Ok((trend_tags(&tags), raw))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggestions_keep_the_reasons_and_leave_bots_out() {
        let s: Vec<Suggestion> = serde_json::from_str(
            r#"[{"source":"past_interactions","sources":["friends_of_friends"],"account":{"id":"1","username":"ana","acct":"ana","url":"https://mastodon.social/@ana","followers_count":310}},
               {"source":"staff","account":{"id":"2","username":"bo","acct":"bo@mas.to"}},
               {"source":"global","sources":["most_followed"],"account":{"id":"3","username":"robot","acct":"robot","bot":true}}]"#,
        )
        .unwrap();
        let c = suggestions(&s, "mastodon.social");
        assert_eq!(
            c.iter().map(|c| c.handle.as_str()).collect::<Vec<_>>(),
            ["ana@mastodon.social", "bo@mas.to"]
        );
        assert_eq!(c[0].followers, Some(310));
        assert_eq!(
            c[0].hits,
            vec![Hit::InstanceSuggested {
                instance: "mastodon.social".into(),
                sources: vec!["friends_of_friends".into()]
            }]
        );
        assert!(
            matches!(&c[1].hits[0], Hit::InstanceSuggested { sources, .. } if sources == &["staff"]),
            "the deprecated source when sources is absent"
        );
    }

    #[test]
    fn instance_hosts() {
        assert_eq!(host_of("https://Mastodon.social/"), "mastodon.social");
        assert_eq!(host_of("fosstodon.org"), "fosstodon.org");
    }
}
