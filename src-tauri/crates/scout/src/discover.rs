//! Discovery runs: a query (keywords and `#hashtags`) over every chosen source
//! that can search, expansion from known creators, ranking explained by
//! reasons, filters, identity links, stored runs, dismissals and saved searches.
//!
//! Main items: [`DiscoverRequest`] → [`Workspace::discover`] → [`DiscoveryRunView`]
//! (per-source [`SourceOutcome`]s and a ranked page of [`DiscoveredView`]s), the pure
//! [`rank`] (score = sum of the weights of the reasons, [`WEIGHTS`]) and
//! [`Filters::keep`], [`Workspace::discover_like`] (expansion),
//! [`Workspace::identity`].

use std::collections::{HashMap, HashSet};
use std::fmt::Write as _;
use std::sync::{Arc, OnceLock};

use chrono::{DateTime, Utc};
pub use scout_core::Platform;
use scout_core::TierBounds;
use scout_core::checks::plain::{Noun, counted_figure as count_of};
use scout_sources::discovery::bluesky::BlueskyDiscovery;
use scout_sources::discovery::linkinbio::{LinkInBio, LinkInBioFetcher, service_of};
use scout_sources::discovery::mastodon::{DEFAULT_INSTANCES, MastodonDiscovery};
use scout_sources::discovery::twitch::TwitchDiscovery;
use scout_sources::discovery::youtube::{DAILY_QUOTA, SEARCH_LIST_UNITS, YoutubeDiscovery};
use scout_sources::discovery::{Candidate, Hit, Query, Searchability, merge, searchability};
use scout_sources::http::HttpClient;
use scout_sources::{Credentials, SecretName, SourceError};
use scout_store::{DiscoveredInput, DiscoveredQuery, DiscoveredRow, LinkRow};
use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::identity::{self, Confidence};
use crate::keys::Keychain;
use crate::{Cancel, Workspace};

/// Counted nouns for the source notes, so they read "1 request", "3 requests"
/// (core's plural helper, as every other surface), never "request(s)".
const REQUEST: Noun = Noun::new("request", "requests");
const ACCOUNT: Noun = Noun::new("account", "accounts");
const CREATOR: Noun = Noun::new("creator", "creators");
const KNOWN_CREATOR: Noun = Noun::new("known creator", "known creators");
const BLUESKY_CREATOR: Noun = Noun::new("Bluesky creator", "Bluesky creators");
const INTERACTION: Noun = Noun::new("interaction", "interactions");
const CHANNEL: Noun = Noun::new("channel", "channels");
const MEMBER: Noun = Noun::new("member", "members");
const STARTER_PACK: Noun = Noun::new("starter pack", "starter packs");

/// Settings key: the Mastodon instances searched (JSON array of hosts).
pub const INSTANCES_KEY: &str = "discovery/mastodon_instances";
/// Settings key: the share (0–1) of the daily YouTube quota a run may spend.
pub const YOUTUBE_SHARE_KEY: &str = "discovery/youtube_quota_share";
/// Settings key prefix: YouTube units spent on a day (`…/<YYYY-MM-DD>`).
const YOUTUBE_SPENT_KEY: &str = "discovery/youtube_units_spent";
/// Default share of the daily YouTube quota one day's discovery may use.
pub const DEFAULT_YOUTUBE_SHARE: f64 = 0.2;
/// Pages read per source and query term (each source's own page size).
pub const DEFAULT_PAGES: usize = 2;
/// Commenters below this many followers are not proposed by expansion.
pub const COMMENTER_FOLLOWER_FLOOR: u64 = 1_000;
/// Link-in-bio pages fetched per run (for the best-ranked candidates).
pub const LINK_PAGES_PER_RUN: usize = 10;
/// Said in every Mastodon outcome: why `/api/v2/suggestions` is not asked.
pub const MASTODON_SUGGESTIONS_NOTE: &str = "the instances' follow suggestions are not asked: they answer only a signed-in Mastodon account, and Scout searches instances anonymously";
/// Said in a keyless YouTube outcome of a `#tag` search: why the hashtag page is not read.
pub const YOUTUBE_HASHTAG_NOTE: &str = "; #tag pages are not read (their data request needs a token from the hashtag page, a format Scout has no capture of): tags are searched as words";
/// Twitch channels whose follower total a search asks (one request each; the first found).
pub const TWITCH_FOLLOWER_LOOKUPS: usize = 25;
/// Hashtags of the known creators' stored posts whose recent posts "more like" reads
/// (the ones most creators share first).
pub const SEED_HASHTAGS: usize = 3;
/// Starter packs read per Bluesky creator in "more like" (the most joined first).
pub const STARTER_PACKS_PER_SEED: usize = 2;

/// The weight of each kind of reason in the score (one definition; the reasons
/// shown carry these numbers).
pub const WEIGHTS: Weights = Weights {
    profile_search: 3.0,
    post_match: 2.0,
    hashtag: 2.0,
    directory: 0.5,
    suggested: 2.0,
    suggested_fallback: 0.5,
    per_seed_overlap: 3.0,
    engaged: 1.0,
    keyword_in_bio: 1.0,
    fit_per_point: 0.05,
    starter_pack: 1.0,
    listed: 1.0,
    feed_creator: 2.0,
    tagged_suggestion: 2.5,
    instance_suggested: 1.0,
    stream_title: 1.0,
    live_in_category: 1.5,
};

/// Reason weights (see [`WEIGHTS`]).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Weights {
    /// The account search returned it.
    pub profile_search: f64,
    /// A post or video matched the query.
    pub post_match: f64,
    /// A post used a hashtag of the query.
    pub hashtag: f64,
    /// Listed in an instance directory.
    pub directory: f64,
    /// Suggested as similar by the platform.
    pub suggested: f64,
    /// A generic (fallback) suggestion.
    pub suggested_fallback: f64,
    /// Each known creator that mentioned / engaged with / was suggested near it.
    pub per_seed_overlap: f64,
    /// Each engagement seen (like, repost, quote, reply).
    pub engaged: f64,
    /// Each query keyword found in its bio or name.
    pub keyword_in_bio: f64,
    /// Each point of Fit (0–100) against the chosen brief.
    pub fit_per_point: f64,
    /// Each starter pack it is in (the pack's creator also counts as overlap).
    pub starter_pack: f64,
    /// Each curated list it is on.
    pub listed: f64,
    /// Each feed it made that the feed search returned for the query.
    pub feed_creator: f64,
    /// Bluesky suggests it for a `#tag` of the query.
    pub tagged_suggestion: f64,
    /// The instance suggests it to its signed-in user.
    pub instance_suggested: f64,
    /// Its Twitch stream title contains a query word.
    pub stream_title: f64,
    /// Live in a Twitch category the query matched.
    pub live_in_category: f64,
}

/// A discovery request.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct DiscoverRequest {
    /// Keywords and `#hashtags`.
    pub query: String,
    /// Sources to search (empty = all).
    pub platforms: Vec<Platform>,
    /// Filters.
    pub filters: Filters,
    /// Brief for Fit and dismissals.
    pub brief: Option<String>,
    /// Results on the returned page (0 = 50).
    pub limit: usize,
    /// Pages per source and term (0 = [`DEFAULT_PAGES`]).
    pub pages: usize,
    /// The saved search this run belongs to.
    pub saved_search: Option<String>,
    /// Mastodon instances for this run (empty = the Settings list).
    pub instances: Vec<String>,
}

/// A discovery run as a person asks for it, in the CLI or the app: a search by
/// keywords and `#hashtags`, the re-run of a saved search, or "more like" a shortlist
/// or a creator; [`Workspace::run_discovery`] turns it into a run.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct DiscoverSpec {
    /// Keywords and `#hashtags` (a search).
    pub query: Option<String>,
    /// A shortlist (by name) or a stored creator to expand from instead of searching.
    pub like: Option<String>,
    /// A saved search to re-run (its own query, sources, filters and brief).
    pub saved: Option<String>,
    /// Save this search under a name before running it.
    pub save_as: Option<String>,
    /// Platform names as typed (`bluesky`, `yt`, …; empty = every source).
    pub platforms: Vec<String>,
    /// A tier (`nano` … `mega`): the follower range of the workspace's tier bounds.
    pub tier: Option<String>,
    /// Result filters (their `platforms` are ignored: see `platforms`).
    pub filters: Filters,
    /// Brief for Fit and dismissals.
    pub brief: Option<String>,
    /// Results on the returned page (0 = 50).
    pub limit: usize,
    /// Pages per source and term (0 = [`DEFAULT_PAGES`]).
    pub pages: usize,
    /// Mastodon instances (empty = the Settings list).
    pub instances: Vec<String>,
}

/// A saved search as the app lists it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct SavedSearchView {
    /// Its name.
    pub name: String,
    /// Keywords and `#hashtags`.
    pub query: String,
    /// Platform keys searched (empty = every source).
    pub platforms: Vec<String>,
    /// Its brief, if any.
    pub brief: Option<String>,
    /// When it was saved (RFC 3339).
    pub created_at: String,
}

/// Result filters; each bound is inclusive.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Filters {
    /// Platforms to show (empty = all).
    pub platforms: Vec<Platform>,
    /// Followers at least.
    pub min_followers: Option<u64>,
    /// Followers at most.
    pub max_followers: Option<u64>,
    /// Language code (declared, or detected from bio and posts).
    pub language: Option<String>,
    /// Country code, where the source gives one.
    pub country: Option<String>,
    /// Active on or after.
    pub active_since: Option<DateTime<Utc>>,
    /// Only creators new since earlier runs.
    pub only_new: bool,
    /// Declared engagement rate at least (a fraction, e.g. 0.02 for 2%). Known only for
    /// creators vetted since they were found, so it applies to stored results (the
    /// page a run returns and later pages), not to [`Filters::keep`].
    #[serde(default)]
    pub min_er: Option<f64>,
    /// Declared engagement rate at most (a fraction); as `min_er`.
    #[serde(default)]
    pub max_er: Option<f64>,
}

/// Parse platform names (`bluesky`, `yt`, …) as typed by a user, in the CLI or the app;
/// an unknown name is an [`Error::Invalid`] that lists the six accepted names.
pub fn parse_platforms<S: AsRef<str>>(names: &[S]) -> Result<Vec<Platform>> {
    names
        .iter()
        .map(|n| {
            n.as_ref()
                .parse::<Platform>()
                .map_err(|e| Error::Invalid(e.to_string()))
        })
        .collect()
}

impl Filters {
    /// Set the follower range to a tier's bounds (`nano`, `micro`, `mid`, `macro`, `mega`).
    pub fn with_tier(mut self, tier: &str, bounds: &TierBounds) -> Result<Self> {
        let (lo, hi) = match tier.to_ascii_lowercase().as_str() {
            "nano" => (0, bounds.micro - 1),
            "micro" => (bounds.micro, bounds.mid - 1),
            "mid" => (bounds.mid, bounds.macro_ - 1),
            "macro" => (bounds.macro_, bounds.mega - 1),
            "mega" => (bounds.mega, u64::MAX),
            other => {
                return Err(Error::Invalid(format!(
                    "tier '{other}': expected nano, micro, mid, macro or mega"
                )));
            }
        };
        self.min_followers = Some(lo);
        self.max_followers = (hi != u64::MAX).then_some(hi);
        Ok(self)
    }

    /// Whether a ranked candidate passes (the in-memory twin of the SQL filter,
    /// used to re-filter a result set without the store).
    pub fn keep(&self, r: &Ranked) -> bool {
        let c = &r.candidate;
        (self.platforms.is_empty() || self.platforms.contains(&c.platform))
            && self
                .min_followers
                .is_none_or(|m| c.followers.is_some_and(|f| f >= m))
            && self
                .max_followers
                .is_none_or(|m| c.followers.is_some_and(|f| f <= m))
            && self.language.as_deref().is_none_or(|l| {
                r.language
                    .as_deref()
                    .is_some_and(|x| x.eq_ignore_ascii_case(l))
            })
            && self.country.as_deref().is_none_or(|k| {
                c.country
                    .as_deref()
                    .is_some_and(|x| x.eq_ignore_ascii_case(k))
            })
            && self
                .active_since
                .is_none_or(|t| c.last_active.is_some_and(|a| a >= t))
    }
}

/// A candidate with its score and the reasons behind it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Ranked {
    /// The candidate.
    pub candidate: Candidate,
    /// Sum of the reasons' weights.
    pub score: f64,
    /// Reasons, strongest first: `(weight, sentence)`.
    pub reasons: Vec<(f64, String)>,
    /// Language code (the candidate's, filled by detection at discovery time).
    pub language: Option<String>,
    /// Identity links found in this run.
    pub linked: Vec<identity::Link>,
}

/// Detect the language of a candidate from its bio and post texts (whatlang, ISO 639-1).
pub fn detect_language(c: &Candidate) -> Option<String> {
    if let Some(l) = &c.language {
        return Some(l.split('-').next().unwrap_or(l).to_lowercase());
    }
    let mut text = c.bio.clone().unwrap_or_default();
    for t in c.post_texts.iter().take(5) {
        text.push('\n');
        text.push_str(t);
    }
    if text.chars().filter(|c| c.is_alphabetic()).count() < 20 {
        return None;
    }
    let info = whatlang::detect(&text)?;
    if !info.is_reliable() && info.confidence() < 0.5 {
        return None;
    }
    isolang_code(info.lang())
}

fn isolang_code(l: whatlang::Lang) -> Option<String> {
    use whatlang::Lang;
    Some(
        match l {
            Lang::Eng => "en",
            Lang::Fra => "fr",
            Lang::Deu => "de",
            Lang::Spa => "es",
            Lang::Por => "pt",
            Lang::Ita => "it",
            Lang::Nld => "nl",
            Lang::Jpn => "ja",
            Lang::Kor => "ko",
            Lang::Cmn => "zh",
            Lang::Rus => "ru",
            Lang::Pol => "pl",
            Lang::Swe => "sv",
            Lang::Dan => "da",
            Lang::Tur => "tr",
            Lang::Ara => "ar",
            Lang::Hin => "hi",
            Lang::Ukr => "uk",
            _ => return None,
        }
        .to_string(),
    )
}

fn seed_of(hit: &Hit) -> Option<&str> {
    match hit {
        Hit::Engaged { with, .. } => Some(with),
        Hit::Mentioned { by, .. } | Hit::StarterPack { by, .. } => Some(by),
        Hit::Suggested {
            of,
            fallback: false,
        } => Some(of),
        _ => None,
    }
}

/// Rank candidates: each reason adds its [`WEIGHTS`] entry; `seeds` is the
/// number of known creators an expansion started from (for "4 of your 12");
/// `fit` gives a Fit score (0–100) per candidate index when a brief was chosen.
/// Ties break by followers (more first), then handle.
pub fn rank(
    candidates: Vec<Candidate>,
    query: &Query,
    seeds: usize,
    fit: &dyn Fn(&Candidate) -> Option<f64>,
) -> Vec<Ranked> {
    let w = WEIGHTS;
    let keywords: Vec<String> = query
        .keywords
        .split_whitespace()
        .map(str::to_lowercase)
        .filter(|k| k.chars().count() > 2)
        .collect();
    let mut out: Vec<Ranked> = candidates
        .into_iter()
        .map(|c| {
            let mut reasons: Vec<(f64, String)> = Vec::new();
            let platform = c.platform.name();
            for hit in &c.hits {
                match hit {
                    Hit::ProfileSearch { query } => reasons.push((
                        w.profile_search,
                        format!("{platform} account search for \"{query}\" returned it"),
                    )),
                    Hit::PostSearch {
                        query,
                        excerpt,
                        url,
                    } => reasons.push((
                        w.post_match,
                        format!(
                            "a post matched \"{query}\": “{excerpt}”{}",
                            url.as_deref()
                                .map(|u| format!(" ({u})"))
                                .unwrap_or_default()
                        ),
                    )),
                    Hit::Hashtag { tag, excerpt, url } => reasons.push((
                        w.hashtag,
                        format!(
                            "posted #{tag}: “{excerpt}”{}",
                            url.as_deref()
                                .map(|u| format!(" ({u})"))
                                .unwrap_or_default()
                        ),
                    )),
                    Hit::Directory { instance } => reasons.push((
                        w.directory,
                        format!("listed in the profile directory of {instance}"),
                    )),
                    Hit::Suggested { of, fallback: true } => reasons.push((
                        w.suggested_fallback,
                        format!(
                            "a generic Bluesky suggestion (weak) when asking for accounts like {of}"
                        ),
                    )),
                    Hit::StarterPack { name, by, url } => reasons.push((
                        w.starter_pack,
                        format!(
                            "in the starter pack ‘{name}’ by @{by}{}",
                            url.as_deref()
                                .map(|u| format!(" ({u})"))
                                .unwrap_or_default()
                        ),
                    )),
                    Hit::Listed { list, by, url } => reasons.push((
                        w.listed,
                        format!(
                            "on the list ‘{list}’ by @{by}{}",
                            url.as_deref()
                                .map(|u| format!(" ({u})"))
                                .unwrap_or_default()
                        ),
                    )),
                    Hit::FeedCreator {
                        feed,
                        query,
                        likes,
                        url,
                    } => reasons.push((
                        w.feed_creator,
                        format!(
                            "made the Bluesky feed ‘{feed}’{} that the feed search for \"{query}\" returned{}",
                            likes.map(|n| format!(" ({n} likes)")).unwrap_or_default(),
                            url.as_deref()
                                .map(|u| format!(" ({u})"))
                                .unwrap_or_default()
                        ),
                    )),
                    Hit::TaggedSuggestion { tag } => reasons.push((
                        w.tagged_suggestion,
                        format!("suggested by Bluesky for #{tag}"),
                    )),
                    Hit::InstanceSuggested { instance, sources } => reasons.push((
                        w.instance_suggested,
                        format!(
                            "suggested by {instance}{}",
                            if sources.is_empty() {
                                String::new()
                            } else {
                                format!(" ({})", sources.join(", ").replace('_', " "))
                            }
                        ),
                    )),
                    Hit::StreamTitle { query, title } => reasons.push((
                        w.stream_title,
                        format!("its channel title matches \"{query}\": “{title}”"),
                    )),
                    Hit::LiveInCategory {
                        category,
                        query,
                        rank,
                        title,
                        viewers,
                        url: _,
                    } => reasons.push((
                        w.live_in_category,
                        format!(
                            "streams in the Twitch category ‘{category}’{}, which the category search for \"{query}\" matched: “{title}”{}",
                            rank.map(|r| format!(" (#{r} by viewers on Twitch now)"))
                                .unwrap_or_default(),
                            viewers
                                .map(|v| format!(" ({v} viewer{} when read)", if v == 1 { "" } else { "s" }))
                                .unwrap_or_default()
                        ),
                    )),
                    Hit::Suggested { .. } | Hit::Engaged { .. } | Hit::Mentioned { .. } => {}
                }
            }
            let engaged: Vec<&Hit> = c
                .hits
                .iter()
                .filter(|h| matches!(h, Hit::Engaged { .. }))
                .collect();
            if !engaged.is_empty() {
                let kinds: HashSet<&str> = engaged
                    .iter()
                    .filter_map(|h| {
                        if let Hit::Engaged { how, .. } = h {
                            Some(how.as_str())
                        } else {
                            None
                        }
                    })
                    .collect();
                let mut kinds: Vec<&str> = kinds.into_iter().collect();
                kinds.sort_unstable();
                reasons.push((
                    w.engaged * engaged.len() as f64,
                    format!(
                        "{} with known creators' posts ({})",
                        count_of(engaged.len(), INTERACTION),
                        kinds.join(", ")
                    ),
                ));
            }
            let seeds_hit: HashSet<String> = c
                .hits
                .iter()
                .filter_map(seed_of)
                .map(str::to_lowercase)
                .collect();
            if !seeds_hit.is_empty() {
                let mut names: Vec<&str> = c.hits.iter().filter_map(seed_of).collect();
                names.sort_unstable();
                names.dedup_by(|a, b| a.eq_ignore_ascii_case(b));
                let has = |f: fn(&Hit) -> bool| c.hits.iter().filter(|h| seed_of(h).is_some()).any(f);
                let mut whats = Vec::new();
                if has(|h| matches!(h, Hit::Mentioned { .. })) {
                    whats.push("mentioned by or engaged with");
                } else if has(|h| matches!(h, Hit::Engaged { .. })) {
                    whats.push("engaged with");
                }
                if has(|h| matches!(h, Hit::Suggested { .. })) {
                    whats.push("suggested as similar to");
                }
                if has(|h| matches!(h, Hit::StarterPack { .. })) {
                    whats.push("in the starter packs of");
                }
                let what = whats.join(" or ");
                let of = if seeds > 0 {
                    format!("{} of your {seeds} known creators", seeds_hit.len())
                } else {
                    count_of(seeds_hit.len(), KNOWN_CREATOR)
                };
                reasons.push((
                    w.per_seed_overlap * seeds_hit.len() as f64,
                    format!("{what} {of} ({})", names.join(", ")),
                ));
            }
            let text = format!(
                "{} {}",
                c.display_name.as_deref().unwrap_or_default(),
                c.bio.as_deref().unwrap_or_default()
            )
            .to_lowercase();
            for k in &keywords {
                if text.contains(k.as_str()) {
                    reasons.push((w.keyword_in_bio, format!("bio or name contains \"{k}\"")));
                }
            }
            if let Some(f) = fit(&c) {
                reasons.push((
                    w.fit_per_point * f,
                    format!("Fit {f:.0}/100 against the brief (bio and recent posts)"),
                ));
            }
            reasons.sort_by(|a, b| b.0.total_cmp(&a.0));
            let score = reasons.iter().map(|r| r.0).sum();
            let language = c
                .language
                .as_ref()
                .map(|l| l.split('-').next().unwrap_or(l).to_lowercase());
            Ranked {
                candidate: c,
                score,
                reasons,
                language,
                linked: Vec::new(),
            }
        })
        .collect();
    sort_ranked(&mut out);
    out
}

/// Order by score, then followers (more first), then handle.
pub fn sort_ranked(out: &mut [Ranked]) {
    out.sort_by(|a, b| {
        b.score
            .total_cmp(&a.score)
            .then(
                b.candidate
                    .followers
                    .unwrap_or(0)
                    .cmp(&a.candidate.followers.unwrap_or(0)),
            )
            .then(a.candidate.handle.cmp(&b.candidate.handle))
    });
}

/// One source's outcome in a run.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct SourceOutcome {
    /// Platform key.
    pub platform: String,
    /// `results`, `needs_key`, `not_searchable`, `error`, `cancelled`.
    pub status: String,
    /// What happened, in a sentence.
    pub message: String,
    /// Candidates it returned.
    pub found: u32,
    /// Requests sent.
    pub requests: u32,
}

/// One identity link as shown.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct LinkedAccountView {
    /// Stored link id (0 when not stored yet).
    #[cfg_attr(feature = "specta", specta(type = i32))]
    pub id: i64,
    /// Platform or network key (`instagram`, `x`).
    pub platform: String,
    /// Handle.
    pub handle: String,
    /// `confirmed`, `likely`, `possible`.
    pub confidence: String,
    /// Evidence sentences.
    pub evidence: Vec<String>,
    /// `suggested`, `accepted`, `rejected`.
    pub decision: String,
}

/// A discovered creator as shown.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct DiscoveredView {
    /// Row id.
    #[cfg_attr(feature = "specta", specta(type = i32))]
    pub id: i64,
    /// Platform key.
    pub platform: String,
    /// Handle.
    pub handle: String,
    /// Display name.
    pub display_name: Option<String>,
    /// Profile URL.
    pub url: String,
    /// Followers, where the source gives them.
    #[cfg_attr(feature = "specta", specta(type = Option<u32>))]
    pub followers: Option<u64>,
    /// The platform rounds the figure ("48.2k").
    pub followers_rounded: bool,
    /// Language (declared or detected).
    pub language: Option<String>,
    /// Country, where given.
    pub country: Option<String>,
    /// Last activity (RFC 3339).
    pub last_active: Option<String>,
    /// Score (sum of the reasons' weights).
    pub score: f64,
    /// Reasons, strongest first, each with its weight.
    pub reasons: Vec<String>,
    /// Identity links.
    pub linked_accounts: Vec<LinkedAccountView>,
    /// First found by this run.
    pub is_new: bool,
    /// The stored creator, once vetted (its Creator page).
    #[cfg_attr(feature = "specta", specta(type = Option<i32>))]
    pub creator_id: Option<i64>,
    /// Once vetted: core's declared engagement rate (fraction), as the Creators table shows it.
    pub engagement_rate: Option<f64>,
    /// What the rate is divided by: `per_follower` or `per_view`.
    pub engagement_rate_basis: Option<scout_core::checks::benchmarks::Basis>,
    /// How the per-post rates are summarised: `median` or `mean`.
    pub engagement_rate_statistic: Option<scout_core::checks::benchmarks::Statistic>,
    /// Once vetted: Authenticity 0–100, whole points.
    pub authenticity: Option<f64>,
    /// The platform's word for its audience (`followers`, `subscribers`).
    pub audience_word: String,
}

/// A finished run.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct DiscoveryRunView {
    /// Run id.
    #[cfg_attr(feature = "specta", specta(type = i32))]
    pub run_id: i64,
    /// Query.
    pub query: String,
    /// Per-source outcomes.
    pub outcomes: Vec<SourceOutcome>,
    /// The first page of ranked, filtered results.
    pub results: Vec<DiscoveredView>,
    /// How many results pass the filters.
    pub total: u32,
    /// How many were never found before.
    pub new_count: u32,
}

/// Progress of a run, per source.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct DiscoverEvent {
    /// Platform key.
    pub platform: String,
    /// `searching`, `done`, `skipped`, `failed`.
    pub stage: String,
    /// Message.
    pub message: String,
}

/// What a saved search keeps besides its query, platforms and brief.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
struct SavedParts {
    #[serde(flatten)]
    filters: Filters,
    #[serde(default)]
    instances: Vec<String>,
}

/// What is stored per discovered creator (the `data` column).
#[derive(Debug, Clone, Serialize, Deserialize)]
struct Stored {
    candidate: Candidate,
    reasons: Vec<(f64, String)>,
    language: Option<String>,
    linked: Vec<identity::Link>,
}

fn http() -> Result<HttpClient> {
    static CLIENT: OnceLock<std::result::Result<HttpClient, String>> = OnceLock::new();
    CLIENT
        .get_or_init(|| HttpClient::new(crate::vet::http_config()).map_err(|e| e.to_string()))
        .clone()
        .map_err(|e| Error::Invalid(format!("cannot start the HTTP client: {e}")))
}

struct SourceRun {
    outcome: SourceOutcome,
    candidates: Vec<Candidate>,
}

fn outcome(
    p: Platform,
    status: &str,
    message: String,
    found: usize,
    requests: usize,
) -> SourceOutcome {
    SourceOutcome {
        platform: p.key().into(),
        status: status.into(),
        message,
        found: u32::try_from(found).unwrap_or(u32::MAX),
        requests: u32::try_from(requests).unwrap_or(u32::MAX),
    }
}

fn error_outcome(p: Platform, e: &SourceError, found: usize, requests: usize) -> SourceOutcome {
    let status = if e.code() == "credentials" {
        "needs_key"
    } else {
        "error"
    };
    let kept = if found > 0 {
        format!(" ({found} found before it are kept)")
    } else {
        String::new()
    };
    outcome(p, status, format!("{e}{kept}"), found, requests)
}

fn done(p: Platform, candidates: Vec<Candidate>, requests: usize, note: &str) -> SourceRun {
    let n = candidates.len();
    SourceRun {
        outcome: outcome(
            p,
            "results",
            format!("{n} found with {}{note}", count_of(requests, REQUEST)),
            n,
            requests,
        ),
        candidates,
    }
}

impl Workspace {
    /// Mastodon instances searched (the user's list, else [`DEFAULT_INSTANCES`]).
    pub fn discovery_instances(&self) -> Result<Vec<String>> {
        Ok(self
            .store()
            .get_setting::<Vec<String>>(INSTANCES_KEY)?
            .filter(|v| !v.is_empty())
            .unwrap_or_else(|| DEFAULT_INSTANCES.iter().map(|s| (*s).to_string()).collect()))
    }

    /// Set the Mastodon instances to search.
    pub fn set_discovery_instances(&self, instances: &[String]) -> Result<()> {
        let clean: Vec<String> = instances
            .iter()
            .map(|i| {
                i.trim()
                    .trim_start_matches("https://")
                    .trim_end_matches('/')
                    .to_lowercase()
            })
            .filter(|i| !i.is_empty())
            .collect();
        if clean.iter().any(|i| i.contains('/') || !i.contains('.')) {
            return Err(Error::Invalid(
                "Mastodon instances are host names such as mastodon.social".into(),
            ));
        }
        Ok(self.store().set_setting(INSTANCES_KEY, &clean)?)
    }

    /// What each source can do for a search now, with what a keyed YouTube search will cost.
    pub fn discovery_sources(&self) -> Vec<SourceOutcome> {
        Platform::ALL
            .iter()
            .map(|&p| match searchability(p, &Keychain) {
                Searchability::Ready(how) => outcome(p, "ready", how, 0, 0),
                Searchability::NeedsKey { what } => {
                    outcome(p, "needs_key", format!("needs {what}"), 0, 0)
                }
                Searchability::NotSearchable { why } => outcome(p, "not_searchable", why, 0, 0),
            })
            .collect()
    }

    fn youtube_budget(&self, day: &str) -> Result<(u32, u32)> {
        let share = self
            .store()
            .get_setting::<f64>(YOUTUBE_SHARE_KEY)?
            .unwrap_or(DEFAULT_YOUTUBE_SHARE)
            .clamp(0.0, 1.0);
        let allowed = (f64::from(DAILY_QUOTA) * share).floor() as u32;
        let spent = self
            .store()
            .get_setting::<u32>(&format!("{YOUTUBE_SPENT_KEY}/{day}"))?
            .unwrap_or(0);
        Ok((allowed, spent))
    }

    /// Set the share of the daily YouTube quota discovery may use (0–1).
    pub fn set_youtube_quota_share(&self, share: f64) -> Result<()> {
        if !(0.0..=1.0).contains(&share) {
            return Err(Error::Invalid(format!(
                "YouTube quota share {share}: expected a number from 0 to 1"
            )));
        }
        Ok(self.store().set_setting(YOUTUBE_SHARE_KEY, &share)?)
    }

    #[allow(clippy::too_many_arguments)]
    async fn search_source(
        &self,
        p: Platform,
        q: &Query,
        pages: usize,
        instances: &[String],
        creds: &dyn Credentials,
        cancel: &Cancel,
        emit: &(dyn Fn(DiscoverEvent) + Send + Sync),
    ) -> SourceRun {
        let ev = |stage: &str, message: String| {
            emit(DiscoverEvent {
                platform: p.key().into(),
                stage: stage.into(),
                message,
            });
        };
        match searchability(p, creds) {
            Searchability::NotSearchable { why } => {
                ev("skipped", why.clone());
                return SourceRun {
                    outcome: outcome(p, "not_searchable", why, 0, 0),
                    candidates: Vec::new(),
                };
            }
            Searchability::NeedsKey { what } => {
                let m = format!("needs {what}");
                ev("skipped", m.clone());
                return SourceRun {
                    outcome: outcome(p, "needs_key", m, 0, 0),
                    candidates: Vec::new(),
                };
            }
            Searchability::Ready(how) => ev("searching", how),
        }
        let http = match http() {
            Ok(h) => h,
            Err(e) => {
                return SourceRun {
                    outcome: outcome(p, "error", e.to_string(), 0, 0),
                    candidates: Vec::new(),
                };
            }
        };
        let text = q.search_text();
        let mut found = Vec::new();
        let mut requests = 0usize;
        // Cancelling drops the request in flight (the source's future is dropped):
        // what the earlier pages found is kept.
        let work = Box::pin(async {
            match p {
                Platform::Bluesky => {
                    let d = BlueskyDiscovery::new(http);
                    let mut cursor: Option<String> = None;
                    for page in 1..=pages {
                        if cancel.is_cancelled() {
                            break;
                        }
                        ev("searching", format!("accounts, page {page}"));
                        let got = d.search_actors(&text, cursor.as_deref(), page).await?;
                        requests += got.raw.len();
                        found.extend(got.candidates);
                        cursor = got.next;
                        if cursor.is_none() {
                            break;
                        }
                    }
                    // Feeds matching the query (their creators), and Bluesky's topic
                    // suggestions for the #tags: a failure of either is said in the
                    // outcome and does not fail the source.
                    let mut notes = String::new();
                    if !text.is_empty() && !cancel.is_cancelled() {
                        ev("searching", format!("feeds matching \"{text}\""));
                        match d.feed_generators(&text).await {
                            Ok(got) => {
                                requests += got.raw.len();
                                found.extend(got.candidates);
                            }
                            Err(e) => {
                                requests += 1;
                                let _ = write!(notes, "; the feed search failed ({e})");
                            }
                        }
                    }
                    if !q.hashtags.is_empty() && !cancel.is_cancelled() {
                        ev("searching", "Bluesky's suggestions by topic".into());
                        match d.tagged_suggestions(&q.hashtags).await {
                            Ok(got) => {
                                requests += got.raw.len();
                                found.extend(got.candidates);
                            }
                            Err(e) => {
                                requests += 1;
                                let _ = write!(notes, "; the topic suggestions failed ({e})");
                            }
                        }
                    }
                    let has_password = creds
                        .get(SecretName::BlueskyAppPassword)
                        .is_some_and(|v| !v.trim().is_empty());
                    if !has_password {
                        return Ok(format!(
                            "{notes}; post search not run: needs a {}",
                            scout_sources::discovery::bluesky::NEEDS_APP_PASSWORD
                        ));
                    }
                    if cancel.is_cancelled() {
                        return Ok(String::new());
                    }
                    let session = d.session(creds).await?;
                    requests += 1;
                    let mut cursor: Option<String> = None;
                    for page in 1..=pages {
                        if cancel.is_cancelled() {
                            break;
                        }
                        ev("searching", format!("posts, page {page}"));
                        let got = d
                            .search_posts(
                                &q.text,
                                &q.hashtags,
                                cursor.as_deref(),
                                page,
                                Some(&session),
                            )
                            .await?;
                        requests += got.raw.len();
                        found.extend(got.candidates);
                        cursor = got.next;
                        if cursor.is_none() {
                            break;
                        }
                    }
                    Ok(notes)
                }
                Platform::Mastodon => {
                    let d = MastodonDiscovery::new(http);
                    let instances: Vec<String> = if instances.is_empty() {
                        self.discovery_instances().unwrap_or_else(|_| {
                            DEFAULT_INSTANCES.iter().map(|s| (*s).to_string()).collect()
                        })
                    } else {
                        instances.to_vec()
                    };
                    let mut failures = Vec::new();
                    for instance in &instances {
                        if cancel.is_cancelled() {
                            break;
                        }
                        ev("searching", format!("accounts on {instance}"));
                        if !text.is_empty() {
                            match d.search_accounts(instance, &text).await {
                                Ok(got) => {
                                    requests += 1;
                                    found.extend(got.candidates);
                                }
                                Err(e) => {
                                    requests += 1;
                                    failures.push(format!("{instance}: {e}"));
                                    continue;
                                }
                            }
                        }
                        for tag in &q.hashtags {
                            let mut max_id: Option<String> = None;
                            for page in 1..=pages {
                                if cancel.is_cancelled() {
                                    break;
                                }
                                ev("searching", format!("#{tag} on {instance}, page {page}"));
                                match d.tag_timeline(instance, tag, max_id.as_deref(), page).await {
                                    Ok(got) => {
                                        requests += 1;
                                        found.extend(got.candidates);
                                        max_id = got.next;
                                    }
                                    Err(e) => {
                                        requests += 1;
                                        failures.push(format!("{instance} #{tag}: {e}"));
                                        break;
                                    }
                                }
                                if max_id.is_none() {
                                    break;
                                }
                            }
                        }
                    }
                    if failures.len() == instances.len() && !failures.is_empty() && found.is_empty()
                    {
                        return Err(SourceError::Network {
                            host: instances.join(", "),
                            message: failures.join("; "),
                        });
                    }
                    let base = if failures.is_empty() {
                        format!(" on {}", instances.join(", "))
                    } else {
                        format!(
                            " on {} ({} failed: {})",
                            instances.join(", "),
                            failures.len(),
                            failures.join("; ")
                        )
                    };
                    Ok(format!("{base}; {MASTODON_SUGGESTIONS_NOTE}"))
                }
                Platform::Youtube => {
                    let d = YoutubeDiscovery::new(http);
                    if YoutubeDiscovery::has_key(creds) {
                        let day = Utc::now().format("%Y-%m-%d").to_string();
                        let (allowed, mut spent) =
                            self.youtube_budget(&day)
                                .map_err(|e| SourceError::Network {
                                    host: "settings".into(),
                                    message: e.to_string(),
                                })?;
                        let per_page = SEARCH_LIST_UNITS + 1;
                        let mut token: Option<String> = None;
                        let mut stopped = false;
                        for page in 1..=pages {
                            if cancel.is_cancelled() {
                                break;
                            }
                            if spent + per_page > allowed {
                                stopped = true;
                                break;
                            }
                            ev(
                                "searching",
                                format!(
                                    "search.list page {page} ({per_page} quota units; {spent} of {allowed} spent today)"
                                ),
                            );
                            let got = d
                                .search_list(creds, &text, "channel", token.as_deref(), page)
                                .await;
                            spent += per_page;
                            let _ = self
                                .store()
                                .set_setting(&format!("{YOUTUBE_SPENT_KEY}/{day}"), &spent);
                            let got = got?;
                            requests += got.raw.len();
                            found.extend(got.candidates);
                            token = got.next;
                            if token.is_none() {
                                break;
                            }
                        }
                        Ok(format!(
                            "; {spent} of the {allowed} YouTube quota units allowed today spent{}",
                            if stopped {
                                " (stopped at the share you set)"
                            } else {
                                ""
                            }
                        ))
                    } else {
                        ev("searching", "results page 1".into());
                        let (first, mut cont) = d.results_page(&text).await?;
                        requests += 1;
                        found.extend(first.candidates);
                        for page in 2..=pages {
                            if cancel.is_cancelled() {
                                break;
                            }
                            let Some(c) = cont.take() else { break };
                            ev("searching", format!("results page {page}"));
                            let (got, next) = d.continuation(&text, &c, page).await?;
                            requests += 1;
                            found.extend(got.candidates);
                            cont = next;
                        }
                        let tags = if q.hashtags.is_empty() {
                            ""
                        } else {
                            YOUTUBE_HASHTAG_NOTE
                        };
                        Ok(format!(
                            " (keyless: subscriber counts rounded by YouTube){tags}"
                        ))
                    }
                }
                Platform::Twitch => {
                    let d = TwitchDiscovery::new(scout_sources::twitch::TwitchSource::new(http));
                    let mut after: Option<String> = None;
                    for page in 1..=pages {
                        if cancel.is_cancelled() {
                            break;
                        }
                        ev("searching", format!("channels, page {page}"));
                        let got = d.search(creds, &text, after.as_deref(), page).await?;
                        requests += got.raw.len();
                        found.extend(got.candidates);
                        after = got.next;
                        if after.is_none() {
                            break;
                        }
                    }
                    // Categories (games) matching the query, the most watched first, and
                    // the broadcasters live in them. A failure here is said in the
                    // outcome and keeps the channels found.
                    let mut notes = String::new();
                    if !cancel.is_cancelled() {
                        ev("searching", format!("categories matching \"{text}\""));
                        let top = match d.top_games(creds).await {
                            Ok((top, raws)) => {
                                requests += raws.len();
                                Some(top)
                            }
                            Err(e) => {
                                requests += 1;
                                let _ =
                                    write!(notes, "; the top categories could not be read ({e})");
                                None
                            }
                        };
                        match d.categories(creds, &text, top.as_ref()).await {
                            Ok((picks, raws)) => {
                                requests += raws.len();
                                if picks.is_empty() {
                                    let _ = write!(notes, "; no category matches \"{text}\"");
                                }
                                for cat in &picks {
                                    let mut after: Option<String> = None;
                                    let mut live = 0usize;
                                    for page in 1..=pages {
                                        if cancel.is_cancelled() {
                                            break;
                                        }
                                        ev(
                                            "searching",
                                            format!("live in ‘{}’, page {page}", cat.name),
                                        );
                                        match d
                                            .streams(creds, cat, &text, after.as_deref(), page)
                                            .await
                                        {
                                            Ok(got) => {
                                                requests += got.raw.len();
                                                live += got.candidates.len();
                                                found.extend(got.candidates);
                                                after = got.next;
                                            }
                                            Err(e) => {
                                                requests += 1;
                                                let _ = write!(
                                                    notes,
                                                    "; the live streams in ‘{}’ failed on page {page} ({e})",
                                                    cat.name
                                                );
                                                break;
                                            }
                                        }
                                        if after.is_none() {
                                            break;
                                        }
                                    }
                                    let _ = write!(notes, "; {live} live in ‘{}’", cat.name);
                                }
                            }
                            Err(e) => {
                                requests += 1;
                                let _ = write!(notes, "; the category search failed ({e})");
                            }
                        }
                    }
                    // Follower totals (one request each) for the first ones found.
                    let mut merged = merge(std::mem::take(&mut found));
                    let asked = merged.len().min(TWITCH_FOLLOWER_LOOKUPS);
                    let mut failed = 0usize;
                    if asked > 0 && !cancel.is_cancelled() {
                        ev(
                            "searching",
                            format!("follower totals of {}", count_of(asked, CHANNEL)),
                        );
                        let totals = futures::future::join_all(
                            merged[..asked]
                                .iter()
                                .map(|c| d.follower_total(creds, &c.id)),
                        )
                        .await;
                        requests += asked;
                        for (c, t) in merged.iter_mut().zip(totals) {
                            match t {
                                Ok(n) => c.followers = n,
                                Err(_) => failed += 1,
                            }
                        }
                    }
                    found = merged;
                    let rest = found.len() - asked;
                    let _ = write!(
                        notes,
                        "; follower totals read for {}{}{}",
                        asked - failed,
                        if failed > 0 {
                            format!(" ({failed} failed)")
                        } else {
                            String::new()
                        },
                        if rest > 0 {
                            format!(", the other {rest} get theirs with a vet")
                        } else {
                            String::new()
                        }
                    );
                    Ok(notes)
                }
                Platform::Tiktok | Platform::Instagram => Ok(String::new()),
            }
        });
        let r: std::result::Result<String, SourceError> = tokio::select! {
            r = work => r,
            () = cancel.cancelled() => Ok(String::new()),
        };
        let found = merge(found);
        match r {
            _ if cancel.is_cancelled() => {
                ev("failed", "cancelled".into());
                SourceRun {
                    outcome: outcome(
                        p,
                        "cancelled",
                        format!("cancelled after {} found", found.len()),
                        found.len(),
                        requests,
                    ),
                    candidates: found,
                }
            }
            Ok(note) => {
                ev("done", format!("{} found", found.len()));
                done(p, found, requests, &note)
            }
            Err(e) => {
                ev("failed", e.to_string());
                SourceRun {
                    outcome: error_outcome(p, &e, found.len(), requests),
                    candidates: found,
                }
            }
        }
    }

    /// Run a discovery search on every chosen source at once; results are ranked,
    /// linked across platforms, stored, and the first filtered page returned.
    pub async fn discover(
        &self,
        req: DiscoverRequest,
        on_event: Arc<dyn Fn(DiscoverEvent) + Send + Sync>,
        cancel: Cancel,
    ) -> Result<DiscoveryRunView> {
        let q = Query::parse(&req.query);
        if q.keywords.is_empty() && q.hashtags.is_empty() {
            return Err(Error::Invalid(
                "the query is empty: give keywords and/or #hashtags".into(),
            ));
        }
        let platforms = if req.platforms.is_empty() {
            Platform::ALL.to_vec()
        } else {
            req.platforms.clone()
        };
        let pages = if req.pages == 0 {
            DEFAULT_PAGES
        } else {
            req.pages
        };
        let run_id = self.begin_run(&req, "search", &platforms)?;
        let creds = Keychain;
        let runs = futures::future::join_all(platforms.iter().map(|&p| {
            self.search_source(
                p,
                &q,
                pages,
                &req.instances,
                &creds,
                &cancel,
                on_event.as_ref(),
            )
        }))
        .await;
        let mut outcomes = Vec::new();
        let mut all = Vec::new();
        for r in runs {
            outcomes.push(r.outcome);
            all.extend(r.candidates);
        }
        self.finish(run_id, &req, &q, 0, merge(all), outcomes, &cancel)
            .await
    }

    fn begin_run(&self, req: &DiscoverRequest, kind: &str, platforms: &[Platform]) -> Result<i64> {
        let keys: Vec<&str> = platforms.iter().map(|p| p.key()).collect();
        let platforms_json = serde_json::to_string(&keys).unwrap_or_else(|_| "[]".into());
        let saved = match &req.saved_search {
            Some(name) => self.store().saved_search(name)?.map(|s| s.id),
            None => None,
        };
        Ok(self.store().start_discovery_run(
            &req.query,
            kind,
            &platforms_json,
            req.brief.as_deref(),
            saved,
        )?)
    }

    #[allow(clippy::too_many_arguments)]
    async fn finish(
        &self,
        run_id: i64,
        req: &DiscoverRequest,
        q: &Query,
        seeds: usize,
        candidates: Vec<Candidate>,
        outcomes: Vec<SourceOutcome>,
        cancel: &Cancel,
    ) -> Result<DiscoveryRunView> {
        let brief = match &req.brief {
            Some(b) => Some(self.load_brief(b)?),
            None => None,
        };
        let fit = |c: &Candidate| brief.as_ref().and_then(|b| b.score(&candidate_snapshot(c)));
        // Language once per run (declared, else detected); re-ranking reuses it.
        let candidates: Vec<Candidate> = candidates
            .into_iter()
            .map(|mut c| {
                c.language = detect_language(&c);
                c
            })
            .collect();
        let mut ranked = rank(candidates, q, seeds, &fit);
        // Link-in-bio pages of the best-ranked candidates, then identity across the result set.
        let pages = if cancel.is_cancelled() {
            HashMap::new()
        } else {
            self.link_pages(&ranked).await
        };
        attach_links(&mut ranked, &pages);
        let ws = self.clone();
        let outcomes_json = serde_json::to_string(&outcomes).unwrap_or_else(|_| "[]".into());
        let inputs: Vec<DiscoveredInput> = ranked.iter().map(to_input).collect();
        let links: Vec<LinkRow> = ranked.iter().flat_map(link_rows).collect();
        let new_count = tokio::task::spawn_blocking(move || -> Result<usize> {
            let mut store = ws.store();
            let n = store.finish_discovery_run(run_id, &outcomes_json, &inputs)?;
            store.upsert_links(&links)?;
            Ok(n)
        })
        .await
        .map_err(|e| Error::Invalid(format!("the store task failed: {e}")))??;
        let (results, total) = self.discovered_page(
            Some(run_id),
            &req.filters,
            req.brief.as_deref(),
            0,
            req.limit,
        )?;
        Ok(DiscoveryRunView {
            run_id,
            query: req.query.clone(),
            outcomes,
            results,
            total: u32::try_from(total).unwrap_or(u32::MAX),
            new_count: u32::try_from(new_count).unwrap_or(u32::MAX),
        })
    }

    async fn link_pages(&self, ranked: &[Ranked]) -> HashMap<String, LinkInBio> {
        let Ok(http) = http() else {
            return HashMap::new();
        };
        let fetcher = LinkInBioFetcher::new(http);
        let mut urls: Vec<(Platform, String)> = Vec::new();
        for r in ranked {
            let c = &r.candidate;
            let site = identity::domain_site_url(c.platform, &c.handle);
            for l in &c.links {
                let fetch = service_of(&l.url).is_some()
                    || site
                        .as_deref()
                        .is_some_and(|s| identity::norm_url(s) == identity::norm_url(&l.url));
                if fetch && !urls.iter().any(|(_, u)| u == &l.url) {
                    urls.push((c.platform, l.url.clone()));
                }
            }
            if urls.len() >= LINK_PAGES_PER_RUN {
                break;
            }
        }
        let got = futures::future::join_all(urls.iter().map(|(p, u)| fetcher.fetch(*p, u))).await;
        let mut pages = HashMap::new();
        for ((_, url), r) in urls.iter().zip(got) {
            match r {
                Ok((page, _)) => {
                    pages.insert(identity::norm_url(url), page);
                }
                Err(e) => tracing::debug!("link-in-bio page {url}: {e}"),
            }
        }
        pages
    }

    /// A page of a run's results (or of every discovered creator), filtered in SQL.
    pub fn discovered_page(
        &self,
        run: Option<i64>,
        f: &Filters,
        brief: Option<&str>,
        offset: usize,
        limit: usize,
    ) -> Result<(Vec<DiscoveredView>, usize)> {
        let q = DiscoveredQuery {
            run_id: run,
            platforms: f.platforms.clone(),
            min_followers: f.min_followers,
            max_followers: f.max_followers,
            language: f.language.clone(),
            country: f.country.clone(),
            active_since: f.active_since,
            min_er: f.min_er,
            max_er: f.max_er,
            hide_dismissed_for: Some(brief.unwrap_or_default().to_string()),
            only_new: f.only_new,
            offset,
            limit,
        };
        let store = self.store();
        let (rows, total) = store.discovered_page(&q)?;
        let keys: Vec<(Platform, &str)> = rows
            .iter()
            .map(|r| (r.found.platform, r.found.platform_id.as_str()))
            .collect();
        let links = store.links_of_many(&keys)?;
        let views = rows.iter().map(|r| row_view(r, &links)).collect();
        Ok((views, total))
    }

    /// Dismiss discovered creators for a brief (or for no brief): later results leave them out.
    pub fn dismiss_discovered(&self, ids: &[i64], brief: Option<&str>) -> Result<usize> {
        Ok(self
            .store()
            .dismiss_discovered(ids, brief.unwrap_or_default())?)
    }

    /// Save a search under a name (replacing one of that name).
    pub fn save_search(&self, name: &str, req: &DiscoverRequest) -> Result<()> {
        let keys: Vec<&str> = req.platforms.iter().map(|p| p.key()).collect();
        let filters = serde_json::to_string(&SavedParts {
            filters: req.filters.clone(),
            instances: req.instances.clone(),
        })
        .map_err(|e| Error::Invalid(e.to_string()))?;
        self.store().save_search(
            name,
            &req.query,
            &serde_json::to_string(&keys).unwrap_or_default(),
            &filters,
            req.brief.as_deref(),
        )?;
        Ok(())
    }

    /// The request of a saved search (re-run it with [`Workspace::discover`]; results
    /// first found by that run are marked new).
    pub fn saved_search_request(&self, name: &str) -> Result<DiscoverRequest> {
        let s = self
            .store()
            .saved_search(name)?
            .ok_or_else(|| Error::NotFound(format!("no saved search '{name}'")))?;
        let keys: Vec<String> = serde_json::from_str(&s.platforms).unwrap_or_default();
        let parts: SavedParts = serde_json::from_str(&s.filters).unwrap_or_default();
        Ok(DiscoverRequest {
            query: s.query,
            platforms: keys.iter().filter_map(|k| k.parse().ok()).collect(),
            filters: parts.filters,
            instances: parts.instances,
            brief: s.brief,
            saved_search: Some(s.name),
            ..DiscoverRequest::default()
        })
    }

    /// Saved search names.
    pub fn saved_searches(&self) -> Result<Vec<String>> {
        Ok(self
            .store()
            .saved_searches()?
            .into_iter()
            .map(|s| s.name)
            .collect())
    }

    /// The saved searches, by name, with what each searches.
    pub fn saved_search_views(&self) -> Result<Vec<SavedSearchView>> {
        Ok(self
            .store()
            .saved_searches()?
            .into_iter()
            .map(|s| SavedSearchView {
                platforms: serde_json::from_str(&s.platforms).unwrap_or_default(),
                name: s.name,
                query: s.query,
                brief: s.brief,
                created_at: s.created_at.to_rfc3339(),
            })
            .collect())
    }

    /// Run discovery as asked for by a [`DiscoverSpec`]: re-run a saved search (results
    /// first found by this run are marked new; `only_new` keeps just those), expand
    /// "more like" a seed, or search (saved first under `save_as` when given).
    pub async fn run_discovery(
        &self,
        spec: DiscoverSpec,
        on_event: Arc<dyn Fn(DiscoverEvent) + Send + Sync>,
        cancel: Cancel,
    ) -> Result<DiscoveryRunView> {
        let given = [
            spec.query.is_some(),
            spec.like.is_some(),
            spec.saved.is_some(),
        ];
        if given.iter().filter(|g| **g).count() > 1 {
            return Err(Error::Invalid(
                "a run is one of: a query, more like a shortlist or creator, or a saved search"
                    .into(),
            ));
        }
        let mut req = if let Some(name) = &spec.saved {
            let mut req = self.saved_search_request(name)?;
            req.filters.only_new |= spec.filters.only_new;
            req
        } else {
            let mut filters = Filters {
                platforms: Vec::new(),
                ..spec.filters.clone()
            };
            if let Some(t) = spec
                .tier
                .as_deref()
                .map(str::trim)
                .filter(|t| !t.is_empty())
            {
                filters = filters.with_tier(t, &self.bounds()?)?;
            }
            DiscoverRequest {
                query: spec.query.clone().unwrap_or_default().trim().to_owned(),
                platforms: parse_platforms(&spec.platforms)?,
                filters,
                brief: spec.brief.clone(),
                ..DiscoverRequest::default()
            }
        };
        req.limit = spec.limit;
        req.pages = spec.pages;
        if !spec.instances.is_empty() {
            req.instances.clone_from(&spec.instances);
        }
        if let Some(name) = spec
            .save_as
            .as_deref()
            .map(str::trim)
            .filter(|n| !n.is_empty())
        {
            if spec.like.is_some() || spec.saved.is_some() {
                return Err(Error::Invalid(
                    "only a query search can be saved (not more-like or a saved search)".into(),
                ));
            }
            if req.query.is_empty() {
                return Err(Error::Invalid(
                    "type keywords or #hashtags to save a search".into(),
                ));
            }
            self.save_search(name, &req)?;
            req.saved_search = Some(name.to_owned());
        }
        match &spec.like {
            Some(seed) => self.discover_like(seed.trim(), req, on_event, cancel).await,
            None if req.query.is_empty() => Err(Error::Invalid(
                "type keywords or #hashtags to search for (e.g. \"sustainable skincare #zerodechet\"), or name a shortlist or creator to find more like, or a saved search".into(),
            )),
            None => self.discover(req, on_event, cancel).await,
        }
    }

    /// Expansion: from a shortlist (by name) or one stored creator, collect the
    /// accounts they mention, repost, and the commenters above
    /// [`COMMENTER_FOLLOWER_FLOOR`] from their stored snapshots, plus Bluesky's
    /// suggested follows and the members of their starter packs (at most
    /// [`STARTER_PACKS_PER_SEED`] packs per creator); ranked by overlap
    /// ("mentioned by 4 of your 12", "in the starter packs of 2 of your 3").
    pub async fn discover_like(
        &self,
        seed: &str,
        req: DiscoverRequest,
        on_event: Arc<dyn Fn(DiscoverEvent) + Send + Sync>,
        cancel: Cancel,
    ) -> Result<DiscoveryRunView> {
        let accounts = match self.shortlist(seed) {
            Ok(list) => list
                .entries
                .iter()
                .map(|e| self.account(e.creator.id))
                .collect::<Result<Vec<_>>>()?,
            Err(_) => vec![self.find_account(seed)?],
        };
        if accounts.is_empty() {
            return Err(Error::Invalid(format!(
                "'{seed}' has no creators to expand from"
            )));
        }
        let mut req = req;
        req.query = format!("like {seed}");
        let run_id = self.begin_run(&req, "like", &Platform::ALL)?;
        let mut found = Vec::new();
        let mut bsky_seeds = Vec::new();
        let known: HashSet<(Platform, String)> = accounts
            .iter()
            .map(|a| (a.platform, a.platform_id.to_lowercase()))
            .collect();
        let mut snaps = Vec::new();
        for a in &accounts {
            let Some(meta) = &a.latest else { continue };
            let snap = self.store().load_snapshot(meta.id)?;
            found.extend(expansion_from_snapshot(&snap, COMMENTER_FOLLOWER_FLOOR));
            snaps.push(snap);
            if a.platform == Platform::Bluesky {
                bsky_seeds.push(a.handle.clone());
            }
        }
        let mut requests = 0;
        let mut outcomes = vec![outcome(
            Platform::Bluesky,
            "results",
            format!(
                "{} from the stored posts and comments of {}",
                count_of(found.len(), ACCOUNT),
                count_of(accounts.len(), CREATOR)
            ),
            found.len(),
            0,
        )];
        if let Ok(http) = http() {
            let d = BlueskyDiscovery::new(http.clone());
            for h in &bsky_seeds {
                if cancel.is_cancelled() {
                    break;
                }
                on_event(DiscoverEvent {
                    platform: "bluesky".into(),
                    stage: "searching".into(),
                    message: format!("suggested follows for {h}"),
                });
                match d.suggested_follows(h).await {
                    Ok(p) => {
                        requests += p.raw.len();
                        found.extend(p.candidates);
                    }
                    Err(e) => outcomes.push(error_outcome(Platform::Bluesky, &e, 0, requests)),
                }
            }
            if !bsky_seeds.is_empty() {
                outcomes.push(outcome(
                    Platform::Bluesky,
                    "results",
                    format!(
                        "suggested follows for {}, {}",
                        count_of(bsky_seeds.len(), BLUESKY_CREATOR),
                        count_of(requests, REQUEST)
                    ),
                    0,
                    requests,
                ));
            }
            let (members, packs_outcomes) =
                starter_pack_expansion(&d, &bsky_seeds, &cancel, on_event.as_ref()).await;
            found.extend(members);
            outcomes.extend(packs_outcomes);
            // Accounts sharing the known creators' hashtags: the tags' recent posts on
            // the Mastodon instances searched (keyless; Bluesky's post search needs a session).
            let tags = seed_hashtags(&snaps, SEED_HASHTAGS, &advertising_tags()?);
            if !tags.is_empty() && !cancel.is_cancelled() {
                let instances = if req.instances.is_empty() {
                    self.discovery_instances()?
                } else {
                    req.instances.clone()
                };
                let (tagged, o) = hashtag_expansion(
                    &MastodonDiscovery::new(http),
                    &tags,
                    &instances,
                    &cancel,
                    on_event.as_ref(),
                )
                .await;
                found.extend(tagged);
                outcomes.push(o);
            }
        }
        let found: Vec<Candidate> = merge(found)
            .into_iter()
            .filter(|c| !known.contains(&(c.platform, c.id.to_lowercase())))
            .collect();
        let q = Query::default();
        self.finish(run_id, &req, &q, accounts.len(), found, outcomes, &cancel)
            .await
    }

    /// The identity links of a stored creator or a discovered account (`platform:handle`),
    /// computed against every discovered and stored account and its link-in-bio pages,
    /// stored (a decision already made is kept) and returned.
    pub async fn identity(
        &self,
        input: &str,
    ) -> Result<(identity::Profile, Vec<LinkedAccountView>)> {
        let subject = self.identity_profile(input)?;
        let others = self.identity_pool()?;
        let mut pages = HashMap::new();
        if let Ok(http) = http() {
            let fetcher = LinkInBioFetcher::new(http);
            let site = identity::domain_site_url(subject.platform, &subject.handle)
                .map(|s| identity::norm_url(&s));
            for (u, _) in &subject.links {
                let fetch = service_of(u).is_some()
                    || site.as_deref() == Some(identity::norm_url(u).as_str());
                if fetch && let Ok((page, _)) = fetcher.fetch(subject.platform, u).await {
                    pages.insert(identity::norm_url(u), page);
                }
            }
        }
        let links = identity::links_for(&subject, &others, &pages);
        let rows: Vec<LinkRow> = links
            .iter()
            .filter_map(|l| link_row(subject.platform, &subject.id, l))
            .collect();
        self.store().upsert_links(&rows)?;
        let stored = self.store().links_of(subject.platform, &subject.id)?;
        let mut views: Vec<LinkedAccountView> =
            links.iter().map(|l| link_view(l, &stored)).collect();
        views.sort_by_key(|v| match v.confidence.as_str() {
            "confirmed" => 0,
            "likely" => 1,
            _ => 2,
        });
        Ok((subject, views))
    }

    /// Accept or reject a suggested identity link.
    pub fn decide_link(&self, link_id: i64, accept: bool) -> Result<()> {
        Ok(self
            .store()
            .decide_link(link_id, if accept { "accepted" } else { "rejected" })?)
    }

    fn identity_profile(&self, input: &str) -> Result<identity::Profile> {
        if let Ok(row) = self.find_account(input) {
            let snap = match &row.latest {
                Some(m) => Some(self.store().load_snapshot(m.id)?),
                None => None,
            };
            let mut links: Vec<(String, Option<String>)> = snap
                .as_ref()
                .map(|s| s.profile.links.iter().map(|l| (l.clone(), None)).collect())
                .unwrap_or_default();
            // A discovered record of the same account knows verified fields.
            if let Some(d) = self
                .store()
                .discovered_by_key(row.platform, &row.platform_id)?
                && let Ok(s) = serde_json::from_str::<Stored>(&d.found.data)
            {
                for l in s.candidate.links {
                    links.retain(|(u, _)| identity::norm_url(u) != identity::norm_url(&l.url));
                    links.push((l.url, l.verified_at));
                }
            }
            if row.platform == Platform::Bluesky
                && scout_sources::discovery::bluesky::is_domain_handle(&row.handle)
            {
                links.push((format!("https://{}", row.handle), None));
            }
            return Ok(identity::Profile {
                platform: row.platform,
                id: row.platform_id,
                handle: row.handle,
                display_name: row.display_name,
                url: row.url,
                links,
            });
        }
        let account =
            scout_sources::parse_input(input).map_err(|e| Error::Invalid(e.to_string()))?;
        let key = match (&account.key, &account.instance) {
            (scout_core::AccountKey::Handle(h), Some(i)) => format!("{h}@{i}"),
            (scout_core::AccountKey::Handle(h) | scout_core::AccountKey::Id(h), _) => h.clone(),
            _ => input.to_string(),
        };
        let pool = self.identity_pool()?;
        pool.into_iter()
            .find(|p| {
                p.platform == account.platform
                    && (p.id.eq_ignore_ascii_case(&key) || p.handle.eq_ignore_ascii_case(&key))
            })
            .ok_or_else(|| {
                Error::NotFound(format!(
                    "no stored or discovered creator matches '{input}': vet it or discover it first"
                ))
            })
    }

    /// Every stored and discovered account, as identity profiles (discovered ones
    /// carry verified-field dates).
    fn identity_pool(&self) -> Result<Vec<identity::Profile>> {
        let store = self.store();
        let mut out: Vec<identity::Profile> = Vec::new();
        let (rows, _) = store.discovered_page(&DiscoveredQuery {
            limit: 100_000,
            ..DiscoveredQuery::default()
        })?;
        for r in rows {
            if let Ok(s) = serde_json::from_str::<Stored>(&r.found.data) {
                out.push(candidate_profile(&s.candidate));
            }
        }
        for a in store.accounts()? {
            if out
                .iter()
                .any(|p| p.platform == a.platform && p.id.eq_ignore_ascii_case(&a.platform_id))
            {
                continue;
            }
            let links = match &a.latest {
                Some(m) => store
                    .load_snapshot(m.id)?
                    .profile
                    .links
                    .into_iter()
                    .map(|l| (l, None))
                    .collect(),
                None => Vec::new(),
            };
            out.push(identity::Profile {
                platform: a.platform,
                id: a.platform_id,
                handle: a.handle,
                display_name: a.display_name,
                url: a.url,
                links,
            });
        }
        Ok(out)
    }
}

/// Identity profile of a candidate (its links, with verified dates).
pub fn candidate_profile(c: &Candidate) -> identity::Profile {
    identity::Profile {
        platform: c.platform,
        id: c.id.clone(),
        handle: c.handle.clone(),
        display_name: c.display_name.clone(),
        url: c.url.clone(),
        links: c
            .links
            .iter()
            .map(|l| (l.url.clone(), l.verified_at.clone()))
            .collect(),
    }
}

/// "More like" Bluesky creators through their starter packs: for each seed (handle),
/// `getActorStarterPacks`, then `getStarterPack` for at most
/// [`STARTER_PACKS_PER_SEED`] of them (the most joined first), their sampled members
/// enriched with counts. A failed request is one `error` outcome naming what failed
/// (the seed, the pack); the rest go on. The last outcome sums up what was read.
/// The hashtags the known creators' stored posts use, the most shared first (then the
/// most used, then by name), each with the creators using it; at most `max`. Tags of
/// digits only ("#1") and the advertising labels in `skip` (`#ad`, `#publi`) are not
/// topics and are left out.
pub fn seed_hashtags<S: std::hash::BuildHasher>(
    snaps: &[scout_core::Snapshot],
    max: usize,
    skip: &HashSet<String, S>,
) -> Vec<(String, Vec<String>)> {
    static RE: OnceLock<regex::Regex> = OnceLock::new();
    let re = RE.get_or_init(|| {
        regex::Regex::new(r"(?:^|[\s(])#([\p{L}\p{N}_]{2,})").expect("hashtag pattern")
    });
    let mut by_tag: HashMap<String, (Vec<String>, usize)> = HashMap::new();
    for snap in snaps {
        for post in snap.posts.iter().chain(snap.other_posts.iter()) {
            for m in re.captures_iter(&post.text) {
                let tag = m[1].to_lowercase();
                if tag.chars().all(|c| c.is_ascii_digit()) || skip.contains(&tag) {
                    continue;
                }
                let e = by_tag.entry(tag).or_default();
                e.1 += 1;
                if !e
                    .0
                    .iter()
                    .any(|h| h.eq_ignore_ascii_case(&snap.profile.handle))
                {
                    e.0.push(snap.profile.handle.clone());
                }
            }
        }
    }
    let mut tags: Vec<(String, (Vec<String>, usize))> = by_tag.into_iter().collect();
    tags.sort_by(|a, b| {
        b.1.0
            .len()
            .cmp(&a.1.0.len())
            .then(b.1.1.cmp(&a.1.1))
            .then(a.0.cmp(&b.0))
    });
    tags.into_iter()
        .take(max)
        .map(|(t, (who, _))| (t, who))
        .collect()
}

/// Every advertising label of core's disclosure data (clear, label and vague words of
/// every language) as a hashtag: lowercased, without `#` or spaces.
pub fn advertising_tags() -> Result<HashSet<String>> {
    let file = crate::briefs::brand_data()?.disclosure.file();
    Ok(file
        .labels
        .values()
        .flat_map(|l| l.clear.iter().chain(&l.label_words).chain(&l.weak))
        .map(|w| {
            w.chars()
                .filter(|c| !c.is_whitespace() && *c != '#')
                .collect::<String>()
                .to_lowercase()
        })
        .filter(|w| !w.is_empty())
        .collect())
}

/// The authors of the first page of each tag's timeline on each instance.
async fn hashtag_expansion(
    d: &MastodonDiscovery,
    tags: &[(String, Vec<String>)],
    instances: &[String],
    cancel: &Cancel,
    on_event: &(dyn Fn(DiscoverEvent) + Send + Sync),
) -> (Vec<Candidate>, SourceOutcome) {
    let mut found = Vec::new();
    let mut requests = 0usize;
    let mut failures = Vec::new();
    for (tag, _) in tags {
        for instance in instances {
            if cancel.is_cancelled() {
                break;
            }
            on_event(DiscoverEvent {
                platform: "mastodon".into(),
                stage: "searching".into(),
                message: format!("#{tag} on {instance}"),
            });
            requests += 1;
            match d.tag_timeline(instance, tag, None, 1).await {
                Ok(p) => found.extend(p.candidates),
                Err(e) => failures.push(format!("{instance} #{tag}: {e}")),
            }
        }
    }
    let found = merge(found);
    let named: Vec<String> = tags
        .iter()
        .map(|(t, who)| format!("#{t} (used by {})", who.join(", ")))
        .collect();
    let failed = if failures.is_empty() {
        String::new()
    } else {
        format!("; {} failed: {}", failures.len(), failures.join("; "))
    };
    let o = outcome(
        Platform::Mastodon,
        if found.is_empty() && !failures.is_empty() {
            "error"
        } else {
            "results"
        },
        format!(
            "{} posting the known creators' hashtags {} on {}, {}{failed}",
            count_of(found.len(), ACCOUNT),
            named.join(", "),
            instances.join(", "),
            count_of(requests, REQUEST)
        ),
        found.len(),
        requests,
    );
    (found, o)
}

async fn starter_pack_expansion(
    d: &BlueskyDiscovery,
    seeds: &[String],
    cancel: &Cancel,
    on_event: &(dyn Fn(DiscoverEvent) + Send + Sync),
) -> (Vec<Candidate>, Vec<SourceOutcome>) {
    let mut found = Vec::new();
    let mut outcomes = Vec::new();
    let (mut requests, mut packs) = (0usize, 0usize);
    let ev = |message: String| {
        on_event(DiscoverEvent {
            platform: "bluesky".into(),
            stage: "searching".into(),
            message,
        });
    };
    for h in seeds {
        if cancel.is_cancelled() {
            break;
        }
        ev(format!("starter packs of {h}"));
        let uris = match d.actor_starter_packs(h, STARTER_PACKS_PER_SEED).await {
            Ok((uris, _)) => {
                requests += 1;
                uris
            }
            Err(e) => {
                requests += 1;
                outcomes.push(outcome(
                    Platform::Bluesky,
                    "error",
                    format!("the starter packs of {h} could not be read: {e}"),
                    0,
                    1,
                ));
                continue;
            }
        };
        for uri in uris {
            if cancel.is_cancelled() {
                break;
            }
            ev(format!("starter pack {uri}"));
            match d.starter_pack(&uri).await {
                Ok(p) => {
                    requests += p.raw.len();
                    packs += 1;
                    found.extend(p.candidates);
                }
                Err(e) => {
                    requests += 1;
                    outcomes.push(outcome(
                        Platform::Bluesky,
                        "error",
                        format!("the starter pack {uri} of {h} could not be read: {e}"),
                        0,
                        1,
                    ));
                }
            }
        }
    }
    let found = merge(found);
    if !seeds.is_empty() {
        outcomes.push(outcome(
            Platform::Bluesky,
            "results",
            format!(
                "{} of {} of {}, {}",
                count_of(found.len(), MEMBER),
                count_of(packs, STARTER_PACK),
                count_of(seeds.len(), BLUESKY_CREATOR),
                count_of(requests, REQUEST)
            ),
            found.len(),
            requests,
        ));
    }
    (found, outcomes)
}

/// Identity links among the ranked candidates themselves.
#[allow(clippy::implicit_hasher)]
pub fn attach_links(ranked: &mut [Ranked], pages: &HashMap<String, LinkInBio>) {
    let profiles: Vec<identity::Profile> = ranked
        .iter()
        .map(|r| candidate_profile(&r.candidate))
        .collect();
    for (i, r) in ranked.iter_mut().enumerate() {
        r.linked = identity::links_for(&profiles[i], &profiles, pages);
    }
}

/// The accounts a stored snapshot points at: mentions in its posts, the authors it
/// reposted, and commenters with at least `floor` followers.
pub fn expansion_from_snapshot(snap: &scout_core::Snapshot, floor: u64) -> Vec<Candidate> {
    let me = snap.profile.handle.clone();
    let platform = snap.platform;
    let mut out = Vec::new();
    let mention = regex_mention();
    for post in snap.posts.iter().chain(snap.other_posts.iter()) {
        for m in mention.captures_iter(&post.text) {
            let h = m[1].trim_end_matches('.').to_lowercase();
            if h.eq_ignore_ascii_case(&me) || h.len() < 3 {
                continue;
            }
            let (p, handle, url) = match platform {
                Platform::Mastodon if h.contains('@') => (
                    Platform::Mastodon,
                    h.clone(),
                    format!(
                        "https://{}/@{}",
                        h.split('@').nth(1).unwrap_or_default(),
                        h.split('@').next().unwrap_or_default()
                    ),
                ),
                Platform::Bluesky if h.contains('.') => (
                    Platform::Bluesky,
                    h.clone(),
                    format!("https://bsky.app/profile/{h}"),
                ),
                Platform::Youtube | Platform::Tiktok | Platform::Instagram | Platform::Twitch
                    if !h.contains('@') =>
                {
                    (platform, h.clone(), String::new())
                }
                _ => continue,
            };
            let url = if url.is_empty() {
                format!(
                    "https://{}/{}",
                    match p {
                        Platform::Youtube => "www.youtube.com/@",
                        Platform::Tiktok => "www.tiktok.com/@",
                        Platform::Instagram => "www.instagram.com",
                        _ => "www.twitch.tv",
                    },
                    handle
                )
                .replace("/@/", "/@")
            } else {
                url
            };
            let mut c = Candidate::new(p, &handle, &handle, url);
            c.hits.push(Hit::Mentioned {
                by: me.clone(),
                excerpt: scout_sources::discovery::excerpt(&post.text, 140),
                url: post.url.clone(),
            });
            out.push(c);
        }
        if let Some(from) = &post.reposted_from {
            let mut c = Candidate::new(platform, from, from, String::new());
            c.url = match platform {
                Platform::Bluesky => format!("https://bsky.app/profile/{from}"),
                _ => String::new(),
            };
            c.hits.push(Hit::Engaged {
                how: "repost".into(),
                with: me.clone(),
                url: post.url.clone(),
            });
            out.push(c);
        }
    }
    for comment in &snap.comments {
        let Some(author) = &comment.author else {
            continue;
        };
        if author.followers.is_none_or(|f| f < floor) || author.handle.eq_ignore_ascii_case(&me) {
            continue;
        }
        let url = match platform {
            Platform::Bluesky => format!("https://bsky.app/profile/{}", author.handle),
            _ => String::new(),
        };
        let mut c = Candidate::new(platform, &author.id, &author.handle, url);
        c.display_name.clone_from(&author.display_name);
        c.bio.clone_from(&author.bio);
        c.followers = author.followers;
        c.hits.push(Hit::Engaged {
            how: "reply".into(),
            with: me.clone(),
            url: None,
        });
        out.push(c);
    }
    out
}

fn regex_mention() -> &'static regex::Regex {
    static RE: OnceLock<regex::Regex> = OnceLock::new();
    RE.get_or_init(|| {
        regex::Regex::new(
            r"(?:^|[\s(])@([A-Za-z0-9_][A-Za-z0-9_.\-]*(?:@[A-Za-z0-9.\-]+\.[A-Za-z]{2,})?)",
        )
        .expect("mention pattern")
    })
}

/// A snapshot holding only what discovery knows (bio, post texts), for a quick Fit.
fn candidate_snapshot(c: &Candidate) -> scout_core::Snapshot {
    let now = Utc::now();
    scout_core::Snapshot {
        platform: c.platform,
        profile: scout_core::Profile {
            id: c.id.clone(),
            handle: c.handle.clone(),
            display_name: c.display_name.clone(),
            bio: c.bio.clone(),
            avatar_url: c.avatar_url.clone(),
            url: c.url.clone(),
            followers: c.followers,
            following: None,
            posts_count: c.posts_count,
            total_likes: None,
            total_views: None,
            created_at: None,
            verified: None,
            is_private: None,
            links: c.links.iter().map(|l| l.url.clone()).collect(),
            country: c.country.clone(),
            labels: Vec::new(),
        },
        fetched_at: now,
        posts: c
            .post_texts
            .iter()
            .enumerate()
            .map(|(i, t)| scout_core::Post {
                id: format!("d{i}"),
                created_at: c.last_active.unwrap_or(now),
                text: t.clone(),
                languages: c.language.iter().cloned().collect(),
                ..scout_core::Post::default()
            })
            .collect(),
        other_posts: Vec::new(),
        comments: Vec::new(),
        follower_sample: None,
        engager_sample: None,
        missing: Vec::new(),
        warnings: Vec::new(),
    }
}

fn to_input(r: &Ranked) -> DiscoveredInput {
    let c = &r.candidate;
    let stored = Stored {
        candidate: c.clone(),
        reasons: r.reasons.clone(),
        language: r.language.clone(),
        linked: r.linked.clone(),
    };
    DiscoveredInput {
        platform: c.platform,
        platform_id: c.id.clone(),
        handle: c.handle.clone(),
        display_name: c.display_name.clone(),
        followers: c.followers,
        language: r.language.clone(),
        country: c.country.clone(),
        last_active: c.last_active,
        score: r.score,
        data: serde_json::to_string(&stored).unwrap_or_else(|_| "{}".into()),
    }
}

fn link_row(platform: Platform, id: &str, l: &identity::Link) -> Option<LinkRow> {
    Some(LinkRow {
        id: 0,
        a_platform: platform,
        a_id: id.to_string(),
        b_platform: l.platform?,
        b_id: l.id.clone(),
        b_handle: l.handle.clone(),
        confidence: l.confidence.key().into(),
        evidence: l.evidence.clone(),
        decision: "suggested".into(),
    })
}

fn link_rows(r: &Ranked) -> Vec<LinkRow> {
    r.linked
        .iter()
        .filter(|l| l.confidence != Confidence::Possible)
        .filter_map(|l| link_row(r.candidate.platform, &r.candidate.id, l))
        .collect()
}

fn link_view(l: &identity::Link, stored: &[LinkRow]) -> LinkedAccountView {
    let s = stored
        .iter()
        .find(|s| Some(s.b_platform) == l.platform && s.b_id.eq_ignore_ascii_case(&l.id));
    LinkedAccountView {
        id: s.map_or(0, |s| s.id),
        platform: l.network.clone(),
        handle: l.handle.clone(),
        confidence: l.confidence.key().into(),
        evidence: l.evidence.clone(),
        decision: s.map_or_else(|| "suggested".into(), |s| s.decision.clone()),
    }
}

fn row_view(
    r: &DiscoveredRow,
    links: &HashMap<(Platform, String), Vec<LinkRow>>,
) -> DiscoveredView {
    let stored: Option<Stored> = serde_json::from_str(&r.found.data).ok();
    let db_links = links
        .get(&(r.found.platform, r.found.platform_id.to_lowercase()))
        .map_or(&[][..], Vec::as_slice);
    let (reasons, linked, url, rounded) = match &stored {
        Some(s) => (
            s.reasons
                .iter()
                .map(|(w, t)| format!("{t} (+{w:.1})"))
                .collect(),
            s.linked
                .iter()
                .map(|l| link_view(l, db_links))
                .filter(|l| l.decision != "rejected")
                .collect(),
            s.candidate.url.clone(),
            s.candidate.followers_rounded,
        ),
        None => (Vec::new(), Vec::new(), String::new(), false),
    };
    DiscoveredView {
        id: r.id,
        platform: r.found.platform.key().into(),
        handle: r.found.handle.clone(),
        display_name: r.found.display_name.clone(),
        url,
        followers: r.found.followers,
        followers_rounded: rounded,
        language: r.found.language.clone(),
        country: r.found.country.clone(),
        last_active: r.found.last_active.map(|t| t.to_rfc3339()),
        score: r.found.score,
        reasons,
        linked_accounts: linked,
        is_new: r.is_new,
        creator_id: r.vetted.as_ref().map(|v| v.account_id),
        engagement_rate: r.vetted.as_ref().and_then(|v| v.er).map(|e| e.value),
        engagement_rate_basis: r.vetted.as_ref().and_then(|v| v.er).map(|e| e.basis),
        engagement_rate_statistic: r.vetted.as_ref().and_then(|v| v.er).map(|e| e.statistic),
        authenticity: r.vetted.as_ref().and_then(|v| v.authenticity),
        audience_word: r.found.platform.audience_word().to_string(),
    }
}

#[cfg(test)]
#[allow(clippy::float_cmp)] // exact figures worked by hand
mod tests {
    use super::*;

    fn cand(p: Platform, id: &str, followers: Option<u64>, hits: Vec<Hit>) -> Candidate {
        let mut c = Candidate::new(p, id, id, format!("https://x/{id}"));
        c.followers = followers;
        c.hits = hits;
        c
    }

    #[test]
    #[allow(clippy::many_single_char_names)]
    fn ranking_follows_hand_worked_reasons() {
        let q = Query::parse("skincare #zerodechet");
        let search = Hit::ProfileSearch {
            query: "skincare".into(),
        };
        let tag = Hit::Hashtag {
            tag: "zerodechet".into(),
            excerpt: "baume".into(),
            url: None,
        };
        let mut a = cand(
            Platform::Mastodon,
            "a",
            Some(10),
            vec![search.clone(), tag.clone()],
        );
        a.bio = Some("Skincare and balms".into());
        let b = cand(Platform::Bluesky, "b", Some(1_000), vec![search.clone()]);
        let c = cand(Platform::Bluesky, "c", Some(2_000), vec![search]);
        let weak = cand(
            Platform::Bluesky,
            "d",
            None,
            vec![Hit::Suggested {
                of: "x".into(),
                fallback: true,
            }],
        );
        let r = rank(vec![weak, b, a, c], &q, 0, &|_| None);
        // a: 3 + 2 + 1 = 6; c and b: 3 each, c first (more followers); d: 0.5.
        assert_eq!(
            r.iter()
                .map(|x| x.candidate.id.as_str())
                .collect::<Vec<_>>(),
            ["a", "c", "b", "d"]
        );
        assert_eq!(r[0].score, 6.0);
        assert_eq!(
            r[0].reasons[0],
            (
                3.0,
                "Mastodon account search for \"skincare\" returned it".to_string()
            )
        );
        assert_eq!(r[0].reasons[1].0, 2.0);
        assert_eq!(
            r[0].reasons[2],
            (1.0, "bio or name contains \"skincare\"".to_string())
        );
        assert_eq!(r[3].score, 0.5);
        assert!(r[3].reasons[0].1.contains("weak"));
    }

    #[test]
    fn overlap_counts_distinct_known_creators() {
        let m = |by: &str| Hit::Mentioned {
            by: by.into(),
            excerpt: "hi".into(),
            url: None,
        };
        let x = cand(
            Platform::Bluesky,
            "x",
            Some(5),
            vec![m("s1"), m("s2"), m("S2"), m("s3"), m("s4")],
        );
        let y = cand(Platform::Bluesky, "y", Some(5), vec![m("s1")]);
        let r = rank(vec![y, x], &Query::default(), 12, &|_| None);
        assert_eq!(r[0].candidate.id, "x");
        assert_eq!(r[0].score, 12.0, "4 distinct creators × 3");
        assert!(
            r[0].reasons[0]
                .1
                .starts_with("mentioned by or engaged with 4 of your 12 known creators"),
            "{:?}",
            r[0].reasons
        );
        assert_eq!(r[1].score, 3.0);
    }

    #[test]
    fn starter_packs_feeds_and_topic_suggestions_explain_their_score() {
        let pack = |name: &str, by: &str| Hit::StarterPack {
            name: name.into(),
            by: by.into(),
            url: Some(format!("https://bsky.app/starter-pack/{by}/x")),
        };
        // In 2 packs of seed s1 and 1 of seed s2: 3 × 1 (packs) + 2 × 3 (seeds) = 9.
        let member = cand(
            Platform::Bluesky,
            "m",
            Some(5),
            vec![
                pack("Science", "s1.example"),
                pack("Physics", "s1.example"),
                pack("Labs", "s2.example"),
            ],
        );
        // Made 2 feeds the search returned for "rstats": 2 × 2 = 4, plus the topic
        // suggestion for #rstats (+2.5) = 6.5.
        let feed = |name: &str| Hit::FeedCreator {
            feed: name.into(),
            query: "rstats".into(),
            likes: Some(2),
            url: None,
        };
        let maker = cand(
            Platform::Bluesky,
            "f",
            Some(5),
            vec![
                feed("Fave data hashtags"),
                feed("Fave Data Terms"),
                Hit::TaggedSuggestion {
                    tag: "rstats".into(),
                },
            ],
        );
        let r = rank(vec![maker, member], &Query::default(), 3, &|_| None);
        assert_eq!(r[0].candidate.id, "m");
        assert_eq!(r[0].score, 9.0);
        assert_eq!(
            r[0].reasons[0],
            (
                6.0,
                "in the starter packs of 2 of your 3 known creators (s1.example, s2.example)"
                    .to_string()
            )
        );
        assert_eq!(
            r[0].reasons[1],
            (
                1.0,
                "in the starter pack ‘Science’ by @s1.example (https://bsky.app/starter-pack/s1.example/x)"
                    .to_string()
            )
        );
        assert_eq!(r[1].score, 6.5);
        assert_eq!(
            r[1].reasons[0],
            (2.5, "suggested by Bluesky for #rstats".to_string())
        );
        assert_eq!(
            r[1].reasons[1].1,
            "made the Bluesky feed ‘Fave data hashtags’ (2 likes) that the feed search for \"rstats\" returned"
        );
        let s = cand(
            Platform::Mastodon,
            "s",
            None,
            vec![Hit::InstanceSuggested {
                instance: "mastodon.social".into(),
                sources: vec!["friends_of_friends".into(), "most_followed".into()],
            }],
        );
        let r = rank(vec![s], &Query::default(), 0, &|_| None);
        assert_eq!(
            r[0].reasons,
            vec![(
                1.0,
                "suggested by mastodon.social (friends of friends, most followed)".to_string()
            )]
        );
    }

    #[test]
    fn twitch_titles_and_categories_explain_their_score() {
        let q = Query::parse("skincare");
        let live = |cat: &str, rank: Option<u32>, viewers: u64| Hit::LiveInCategory {
            category: cat.into(),
            query: "skincare".into(),
            rank,
            title: "skincare sunday".into(),
            viewers: Some(viewers),
            url: None,
        };
        let glow = cand(
            Platform::Twitch,
            "glow",
            Some(48_211),
            vec![
                Hit::ProfileSearch {
                    query: "skincare".into(),
                },
                Hit::StreamTitle {
                    query: "skincare".into(),
                    title: "skincare sunday".into(),
                },
                live("Just Chatting", Some(1), 412),
            ],
        );
        let sam = cand(
            Platform::Twitch,
            "sam",
            Some(100),
            vec![live("Sports", None, 1)],
        );
        let r = rank(vec![sam, glow], &q, 0, &|_| None);
        // glow: 3 + 1.5 + 1 = 5.5; sam: 1.5.
        assert_eq!((r[0].candidate.id.as_str(), r[0].score), ("glow", 5.5));
        assert_eq!(
            r[0].reasons[1],
            (
                1.5,
                "streams in the Twitch category ‘Just Chatting’ (#1 by viewers on Twitch now), which the category search for \"skincare\" matched: “skincare sunday” (412 viewers when read)".to_string()
            )
        );
        assert_eq!(
            r[0].reasons[2],
            (
                1.0,
                "its channel title matches \"skincare\": “skincare sunday”".to_string()
            )
        );
        assert_eq!(r[1].score, 1.5);
        assert!(
            r[1].reasons[0].1.contains("‘Sports’, which")
                && r[1].reasons[0].1.ends_with("(1 viewer when read)"),
            "{:?}",
            r[1].reasons
        );
    }

    #[test]
    fn the_hashtags_most_known_creators_share_come_first() {
        let snap = |handle: &str, texts: &[&str]| {
            let profile = scout_core::Profile {
                handle: handle.into(),
                ..scout_core::Profile::default()
            };
            let mut s = scout_core::Snapshot::new(Platform::Mastodon, profile, Utc::now());
            for (i, t) in texts.iter().enumerate() {
                s.posts.push(scout_core::Post {
                    id: format!("{handle}{i}"),
                    text: (*t).to_string(),
                    ..scout_core::Post::default()
                });
            }
            s
        };
        let snaps = vec![
            snap(
                "ana",
                &[
                    "#ZeroDechet baume #diy #ad",
                    "encore #diy #diy",
                    "post #1 #Publicité",
                ],
            ),
            snap("bo", &["(#zerodechet) savon", "#vegan"]),
            snap("cy", &["a#notatag #vegan"]),
        ];
        // zerodechet: ana, bo (2 creators, 2 uses); vegan: bo, cy (2, 2); diy: ana (1, 3).
        // Ties on creators and uses break by name; "#1" and "a#notatag" are not tags, and
        // the advertising labels of core's disclosure data (#ad, #publicité) are no topic.
        let skip = advertising_tags().unwrap();
        assert!(
            skip.contains("ad") && skip.contains("publicité"),
            "{skip:?}"
        );
        let tags = seed_hashtags(&snaps, 3, &skip);
        assert_eq!(
            tags,
            vec![
                (
                    "vegan".to_string(),
                    vec!["bo".to_string(), "cy".to_string()]
                ),
                (
                    "zerodechet".to_string(),
                    vec!["ana".to_string(), "bo".to_string()]
                ),
                ("diy".to_string(), vec!["ana".to_string()]),
            ]
        );
        assert_eq!(seed_hashtags(&snaps, 1, &skip).len(), 1);
        assert!(seed_hashtags(&[], 3, &skip).is_empty());
        assert_eq!(
            seed_hashtags(&snaps, 9, &skip).len(),
            3,
            "no #ad, no #publicité"
        );
        let all = seed_hashtags(&snaps, 9, &HashSet::new());
        assert!(
            all.iter().any(|(t, _)| t == "ad"),
            "only the skip list leaves #ad out"
        );
    }

    #[test]
    fn filters_at_their_edges() {
        let q = Query::parse("x");
        let mut r = rank(
            vec![
                cand(Platform::Bluesky, "a", Some(10_000), vec![]),
                cand(Platform::Youtube, "b", None, vec![]),
            ],
            &q,
            0,
            &|_| None,
        );
        r[0].language = Some("fr".into());
        let f = Filters {
            min_followers: Some(10_000),
            max_followers: Some(10_000),
            ..Filters::default()
        };
        assert!(f.keep(&r[0]));
        assert!(!f.keep(&r[1]), "an unknown count is outside any range");
        let f = Filters {
            min_followers: Some(10_001),
            ..Filters::default()
        };
        assert!(!f.keep(&r[0]));
        let f = Filters {
            language: Some("FR".into()),
            platforms: vec![Platform::Bluesky],
            ..Filters::default()
        };
        assert!(f.keep(&r[0]) && !f.keep(&r[1]));
        let bounds = TierBounds::default();
        let micro = Filters::default().with_tier("micro", &bounds).unwrap();
        assert_eq!(
            (micro.min_followers, micro.max_followers),
            (Some(bounds.micro), Some(bounds.mid - 1))
        );
        assert!(Filters::default().with_tier("giant", &bounds).is_err());
    }

    #[test]
    fn language_is_detected_from_bio_and_posts() {
        let mut c = cand(Platform::Bluesky, "a", None, vec![]);
        c.bio = Some("Soins naturels, cosmétique solide et zéro déchet. Tutos chaque semaine sur la peau sensible.".into());
        assert_eq!(detect_language(&c).as_deref(), Some("fr"));
        c.language = Some("de-DE".into());
        assert_eq!(detect_language(&c).as_deref(), Some("de"), "declared wins");
        let short = cand(Platform::Bluesky, "b", None, vec![]);
        assert_eq!(detect_language(&short), None);
    }
}
