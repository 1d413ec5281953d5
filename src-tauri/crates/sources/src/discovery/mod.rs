//! Discovery: finding creators by topic, and expanding from known ones.
//!
//! Main types: [`Candidate`] (one account a search or an expansion turned up,
//! with what is known of it without a vet and every [`Hit`] that explains why
//! it came up), [`Page`] (one page of candidates, its next-page token and the
//! raw responses read), [`Searchability`] (what a platform can do for a query
//! with the credentials at hand). One module per platform, in the connectors'
//! style (request, serde wire types tolerant of unknown fields, pure mapping):
//!
//! | module | endpoints |
//! |---|---|
//! | [`bluesky`] | `app.bsky.actor.searchActors` (cursor), `getProfiles` (25 a call, counts), `app.bsky.graph.getSuggestedFollowsByActor` (`isFallback` = weak), `app.bsky.feed.searchPosts` (only with an app-password session), `getLikes` / `getRepostedBy` / `getQuotes`, `getActorStarterPacks` / `getStarterPack` / `getList`, `unspecced.getPopularFeedGenerators`, `unspecced.getTaggedSuggestions` |
//! | [`mastodon`] | `/api/v2/search?type=accounts`, `/api/v1/timelines/tag/:tag` (`max_id`), `/api/v1/directory`, `/api/v1/trends/tags`; `/api/v2/suggestions` (parsed only: signed-in users) |
//! | [`youtube`] | keyless results page (`ytInitialData`) and `youtubei/v1/search` continuations; Data API `search.list` (100 quota units a call); hashtag `browse` pages (parsed only) |
//! | [`twitch`] | `helix/search/channels`, `helix/search/categories` + `helix/games/top` → `helix/streams` (broadcasters live in a matched category), `helix/channels/followers` (totals); client id + secret |
//! | [`linkinbio`] | link-in-bio pages (Linktree, bio.site, instabio, linkbio.co, link.me, lit.link, litt.ly) → the accounts they link |
//!
//! TikTok and Instagram have no public search: [`searchability`] says so.

pub mod bluesky;
pub mod linkinbio;
pub mod mastodon;
pub mod twitch;
pub mod youtube;

use chrono::{DateTime, Utc};
use scout_core::Platform;
use serde::{Deserialize, Serialize};

use crate::{Credentials, RawResponse, SecretName};

/// How a candidate came up: one piece of evidence a reason is built from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Hit {
    /// The platform's account search returned it for `query`.
    ProfileSearch {
        /// the query sent
        query: String,
    },
    /// One of its posts or videos matched `query` (post search, video search).
    PostSearch {
        /// the query sent
        query: String,
        /// an excerpt of the post or the video title
        excerpt: String,
        /// link to the post or video
        url: Option<String>,
    },
    /// It posted with `#tag` recently.
    Hashtag {
        /// the tag, without `#`
        tag: String,
        /// an excerpt of the post
        excerpt: String,
        /// link to the post
        url: Option<String>,
    },
    /// It is listed in the instance's profile directory (opted into discovery).
    Directory {
        /// the instance
        instance: String,
    },
    /// The platform suggests it as similar to `of`.
    Suggested {
        /// the account the suggestion is for
        of: String,
        /// the platform said these are generic suggestions (`isFallback`): weak evidence
        fallback: bool,
    },
    /// It engaged with a known creator's post (like, repost, quote, reply).
    Engaged {
        /// `like`, `repost`, `quote`, `reply`
        how: String,
        /// the known creator whose post it was
        with: String,
        /// link to that post
        url: Option<String>,
    },
    /// It is a member of a Bluesky starter pack (`app.bsky.graph.getStarterPack`).
    StarterPack {
        /// the pack's name
        name: String,
        /// the pack's creator (handle)
        by: String,
        /// link to the pack on bsky.app
        url: Option<String>,
    },
    /// It is on a curated Bluesky list (`app.bsky.graph.getList`, purpose `curatelist`
    /// or `referencelist`; moderation lists are never read as recommendations).
    Listed {
        /// the list's name
        list: String,
        /// the list's creator (handle)
        by: String,
        /// link to the list on bsky.app
        url: Option<String>,
    },
    /// It created a Bluesky feed that the feed search returned for `query`
    /// (`app.bsky.unspecced.getPopularFeedGenerators?query=`).
    FeedCreator {
        /// the feed's display name
        feed: String,
        /// the query sent
        query: String,
        /// likes of the feed, where given
        likes: Option<u64>,
        /// link to the feed on bsky.app
        url: Option<String>,
    },
    /// Bluesky suggests it for the topic `tag` (`app.bsky.unspecced.getTaggedSuggestions`).
    TaggedSuggestion {
        /// the topic tag, lowercased
        tag: String,
    },
    /// The instance suggests it to its signed-in user (`/api/v2/suggestions`).
    InstanceSuggested {
        /// the instance
        instance: String,
        /// why, as the instance says (`friends_of_friends`, `most_followed`, …)
        sources: Vec<String>,
    },
    /// Its channel's stream title contains a word of `query` (Twitch channel search).
    StreamTitle {
        /// the query sent
        query: String,
        /// an excerpt of the title
        title: String,
    },
    /// It is live in a Twitch category that the category search returned for `query`.
    LiveInCategory {
        /// the category (game) name
        category: String,
        /// the query sent
        query: String,
        /// the category's place by current viewers (`games/top`), when in the top 100
        rank: Option<u32>,
        /// an excerpt of the stream title
        title: String,
        /// viewers of the stream when it was read
        viewers: Option<u64>,
        /// the channel
        url: Option<String>,
    },
    /// A known creator mentioned it in a post.
    Mentioned {
        /// the known creator
        by: String,
        /// an excerpt of the post
        excerpt: String,
        /// link to the post
        url: Option<String>,
    },
}

/// One link on a profile, with whether the platform checked it points back.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProfileLink {
    /// The URL as given (normalised to start with a scheme).
    pub url: String,
    /// The field label (Mastodon fields), if any.
    pub label: Option<String>,
    /// When the platform verified a `rel="me"` backlink (Mastodon `verified_at`).
    pub verified_at: Option<String>,
}

/// An account found by discovery, before any vet.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Candidate {
    /// Platform.
    pub platform: Platform,
    /// Stable platform id (DID, channel id, `user@instance`, numeric Twitch id).
    pub id: String,
    /// Handle without `@` (Mastodon `user@instance`; YouTube the `@handle` when known, else the channel id).
    pub handle: String,
    /// Display name.
    pub display_name: Option<String>,
    /// Bio as plain text.
    pub bio: Option<String>,
    /// Avatar URL.
    pub avatar_url: Option<String>,
    /// Public profile URL.
    pub url: String,
    /// Followers / subscribers, when the source gives them.
    pub followers: Option<u64>,
    /// The follower figure is rounded by the platform ("234k subscribers").
    pub followers_rounded: bool,
    /// Posts / videos.
    pub posts_count: Option<u64>,
    /// Links from the profile (website, fields, bio links).
    pub links: Vec<ProfileLink>,
    /// Language the source declares (Twitch broadcaster language, post languages).
    pub language: Option<String>,
    /// Country the source declares, where any does.
    pub country: Option<String>,
    /// Last activity the source shows (last post, last status date, stream start).
    pub last_active: Option<DateTime<Utc>>,
    /// Recent post texts seen while searching (for language and Fit).
    pub post_texts: Vec<String>,
    /// Why it came up.
    pub hits: Vec<Hit>,
}

impl Candidate {
    /// A candidate with only its identity set.
    pub fn new(
        platform: Platform,
        id: impl Into<String>,
        handle: impl Into<String>,
        url: impl Into<String>,
    ) -> Self {
        Self {
            platform,
            id: id.into(),
            handle: handle.into(),
            display_name: None,
            bio: None,
            avatar_url: None,
            url: url.into(),
            followers: None,
            followers_rounded: false,
            posts_count: None,
            links: Vec::new(),
            language: None,
            country: None,
            last_active: None,
            post_texts: Vec::new(),
            hits: Vec::new(),
        }
    }

    /// Fold `other` (the same account seen again) into `self`: keeps every hit
    /// and post text, fills what `self` lacks.
    pub fn absorb(&mut self, other: Candidate) {
        macro_rules! fill {
            ($($f:ident),*) => { $( if self.$f.is_none() { self.$f = other.$f; } )* };
        }
        fill!(
            display_name,
            bio,
            avatar_url,
            posts_count,
            language,
            country,
            last_active
        );
        if self.followers.is_none()
            || (self.followers_rounded && !other.followers_rounded && other.followers.is_some())
        {
            self.followers = other.followers;
            self.followers_rounded = other.followers_rounded;
        }
        if self.handle == self.id && other.handle != other.id {
            self.handle = other.handle;
        }
        for link in other.links {
            if !self.links.iter().any(|l| l.url == link.url) {
                self.links.push(link);
            }
        }
        for text in other.post_texts {
            if !self.post_texts.contains(&text) {
                self.post_texts.push(text);
            }
        }
        for hit in other.hits {
            if !self.hits.contains(&hit) {
                self.hits.push(hit);
            }
        }
    }
}

/// Merge candidates naming the same account (same platform and id), keeping first-seen order.
pub fn merge(candidates: Vec<Candidate>) -> Vec<Candidate> {
    let mut out: Vec<Candidate> = Vec::with_capacity(candidates.len());
    let mut index: std::collections::HashMap<(Platform, String), usize> =
        std::collections::HashMap::new();
    for c in candidates {
        let key = (c.platform, c.id.to_lowercase());
        if let Some(&i) = index.get(&key) {
            out[i].absorb(c);
        } else {
            index.insert(key, out.len());
            out.push(c);
        }
    }
    out
}

/// One page of a discovery request.
#[derive(Debug, Clone, Default)]
pub struct Page {
    /// Candidates on this page.
    pub candidates: Vec<Candidate>,
    /// The token for the next page; `None` on the last page.
    pub next: Option<String>,
    /// Raw responses read for this page, in request order.
    pub raw: Vec<RawResponse>,
}

/// What a platform can do for a topic search with the credentials at hand.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Searchability {
    /// It can search now; the string says how (shown before a run).
    Ready(String),
    /// It could search with a credential the user has not added.
    NeedsKey {
        /// what to add, e.g. "Twitch client id and secret"
        what: String,
    },
    /// The platform offers no search Scout can use.
    NotSearchable {
        /// why, in plain words
        why: String,
    },
}

/// What `platform` can do for a search with these credentials.
pub fn searchability(platform: Platform, credentials: &dyn Credentials) -> Searchability {
    let has = |n: SecretName| credentials.get(n).is_some_and(|v| !v.trim().is_empty());
    match platform {
        Platform::Bluesky => Searchability::Ready(if has(SecretName::BlueskyAppPassword) {
            "account search and post search (your app password)".into()
        } else {
            "account search; post search needs a Bluesky app password".into()
        }),
        Platform::Mastodon => Searchability::Ready(
            "account search, hashtag timelines and the profile directory on each instance in Settings".into(),
        ),
        Platform::Youtube => Searchability::Ready(if has(SecretName::YoutubeApiKey) {
            format!(
                "Data API search.list ({} quota units a page)",
                youtube::SEARCH_LIST_UNITS
            )
        } else {
            "the public results page (rounded subscriber counts)".into()
        }),
        Platform::Twitch => {
            if has(SecretName::TwitchClientId) && has(SecretName::TwitchClientSecret) {
                Searchability::Ready(
                    "helix channel search, and live streams in the categories (games) the query matches".into(),
                )
            } else {
                Searchability::NeedsKey {
                    what: "a Twitch client id and secret (dev.twitch.tv/console)".into(),
                }
            }
        }
        Platform::Tiktok => Searchability::NotSearchable {
            why: "TikTok has no public search: TikTok accounts come only from links on other profiles and link-in-bio pages, or handles you paste".into(),
        },
        Platform::Instagram => Searchability::NotSearchable {
            why: "Instagram has no public search: Instagram accounts come only from links on other profiles and link-in-bio pages, or handles you paste".into(),
        },
    }
}

/// A query split into its words and `#hashtags`.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Query {
    /// The query as typed.
    pub text: String,
    /// The keywords (hashtags removed), joined by spaces.
    pub keywords: String,
    /// Hashtags without `#`, lowercased.
    pub hashtags: Vec<String>,
}

impl Query {
    /// Split `text` into keywords and hashtags.
    pub fn parse(text: &str) -> Self {
        let mut words = Vec::new();
        let mut hashtags = Vec::new();
        for word in text.split_whitespace() {
            if let Some(tag) = word.strip_prefix('#') {
                let tag: String = tag
                    .chars()
                    .filter(|c| c.is_alphanumeric() || *c == '_')
                    .collect();
                if !tag.is_empty() {
                    hashtags.push(tag.to_lowercase());
                }
            } else {
                words.push(word);
            }
        }
        Self {
            text: text.trim().to_string(),
            keywords: words.join(" "),
            hashtags,
        }
    }

    /// What to send to a plain-text search: the keywords, else the tags as words.
    pub fn search_text(&self) -> String {
        if self.keywords.is_empty() {
            self.hashtags.join(" ")
        } else {
            self.keywords.clone()
        }
    }
}

/// A short excerpt: the first `max` characters of `text` on one line.
pub fn excerpt(text: &str, max: usize) -> String {
    let one_line: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if one_line.chars().count() <= max {
        one_line
    } else {
        let mut s: String = one_line.chars().take(max).collect();
        s.push('…');
        s
    }
}

/// `https://` in front of a bare `www.…` or `host/…` link.
pub fn with_scheme(url: &str) -> String {
    let t = url.trim();
    if t.starts_with("http://") || t.starts_with("https://") {
        t.to_string()
    } else {
        format!("https://{}", t.trim_start_matches("//"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn queries_split_words_and_tags() {
        let q = Query::parse("sustainable skincare #CleanBeauty #zéro_déchet!");
        assert_eq!(q.keywords, "sustainable skincare");
        assert_eq!(q.hashtags, vec!["cleanbeauty", "zéro_déchet"]);
        assert_eq!(Query::parse("#rstats").search_text(), "rstats");
        assert_eq!(Query::parse("  ").search_text(), "");
    }

    #[test]
    fn merging_keeps_every_hit_and_prefers_exact_counts() {
        let mut a = Candidate::new(Platform::Youtube, "UC1", "UC1", "u");
        a.followers = Some(234_000);
        a.followers_rounded = true;
        a.hits.push(Hit::ProfileSearch { query: "x".into() });
        let mut b = Candidate::new(Platform::Youtube, "uc1", "@name", "u");
        b.followers = Some(234_567);
        b.hits.push(Hit::ProfileSearch { query: "y".into() });
        let merged = merge(vec![
            a,
            b,
            Candidate::new(Platform::Bluesky, "UC1", "h", "u"),
        ]);
        assert_eq!(merged.len(), 2);
        assert_eq!(merged[0].followers, Some(234_567));
        assert!(!merged[0].followers_rounded);
        assert_eq!(merged[0].handle, "@name");
        assert_eq!(merged[0].hits.len(), 2);
    }

    #[test]
    fn excerpts_are_one_line_and_bounded() {
        assert_eq!(excerpt("a\n b  c", 10), "a b c");
        assert_eq!(excerpt("abcdef", 3), "abc…");
        assert_eq!(
            with_scheme("www.tiktok.com/@x"),
            "https://www.tiktok.com/@x"
        );
    }

    #[test]
    fn tiktok_and_instagram_say_why_they_cannot_search() {
        let none = crate::NoCredentials;
        assert!(matches!(
            searchability(Platform::Tiktok, &none),
            Searchability::NotSearchable { why } if why.contains("no public search")
        ));
        assert!(matches!(
            searchability(Platform::Twitch, &none),
            Searchability::NeedsKey { .. }
        ));
        assert!(matches!(
            searchability(Platform::Bluesky, &none),
            Searchability::Ready(s) if s.contains("needs a Bluesky app password")
        ));
    }
}
