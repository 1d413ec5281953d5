//! Bluesky discovery over XRPC.
//!
//! Main type: [`BlueskyDiscovery`]. Requests (to the public AppView, or to the
//! user's PDS with an app-password session for post search):
//!
//! - `app.bsky.actor.searchActors?q=…&limit=25[&cursor=…]` (role `search_actors:<page>`):
//!   actors without counts since 2025; the last page simply has no cursor (cursors
//!   are opaque: `".7::teslime.bsky.social"`, `"25"`, a timestamp…);
//! - `app.bsky.actor.getProfiles?actors=…` ×≤25 (role `profiles:<n>`): counts for those actors;
//! - `app.bsky.graph.getSuggestedFollowsByActor?actor=…` (role `suggested:<actor>`):
//!   "more like this"; `isFallback: true` marks generic suggestions, kept as weak hits;
//! - `app.bsky.feed.searchPosts?q=…&limit=100[&cursor=…]` (role `search_posts:<page>`):
//!   answered 403 by the public AppView since 2025, so it is sent with a session
//!   (`com.atproto.server.createSession` against the user's PDS with an app
//!   password); a 403 or a missing password is [`SourceError::Credentials`]
//!   naming the Bluesky app password;
//! - `app.bsky.feed.getLikes` / `getRepostedBy` / `getQuotes?uri=…` for expansion;
//! - `app.bsky.graph.getActorStarterPacks?actor=…` (role `starter_packs:<actor>`): the
//!   packs an account made; `app.bsky.graph.getStarterPack?starterPack=…` (role
//!   `starter_pack:<at-uri>`): one pack with a sample of up to 12 members
//!   (`listItemsSample`, profile views without counts) — "more like" a creator;
//! - `app.bsky.graph.getList?list=…` ([`list_members`], cursor): a curated list's
//!   members; not requested by runs yet (a list is reached only from a starter pack,
//!   whose member sample is read instead);
//! - `app.bsky.unspecced.getPopularFeedGenerators?query=…&limit=25` (role
//!   `feed_generators:<query>`): feeds matching a query, each with its creator;
//! - `app.bsky.unspecced.getTaggedSuggestions` (role `tagged_suggestions`, no
//!   parameters): Bluesky's topic suggestions `{tag, subjectType, subject}` (a DID
//!   for an account — `user` in captures, `actor` in the lexicon — or a feed at-uri).
//!
//! Mapping is pure: [`actors_page`], [`profiles`], [`suggestions`], [`posts_page`],
//! [`likes`], [`reposted_by`], [`pick_starter_packs`], [`starter_pack_members`],
//! [`list_members`], [`feed_creators`], [`tagged_actors`].

use serde::Deserialize;
use serde::de::DeserializeOwned;
use url::Url;

use super::{Candidate, Hit, Page, ProfileLink, excerpt};
use crate::bluesky::map::{bio_links, parse_time, post_url, profile_url};
pub use crate::bluesky::wire::{Facet, FacetFeature, PostRecord, PostView, ProfileView};
use crate::bluesky::wire::{Label, ProfileViewBasic, ProfileViewDetailed};
use crate::http::{self, HttpClient, Request};
use crate::{CredentialProblem, Credentials, RawResponse, SecretName, SourceError};
use scout_core::Platform;

const PLATFORM: Platform = Platform::Bluesky;

/// Actors per `searchActors` page (the API maximum is 100; 25 keeps one enrichment call per page).
pub const ACTOR_PAGE_SIZE: usize = 25;
/// Actors per `getProfiles` call (the API maximum).
pub const PROFILES_PER_CALL: usize = 25;
/// Posts per `searchPosts` page (the API maximum).
pub const POST_PAGE_SIZE: usize = 100;
/// The default PDS for app-password sessions.
pub const DEFAULT_PDS_BASE_URL: &str = "https://bsky.social";

/// What the user is told when post search is not available.
pub const NEEDS_APP_PASSWORD: &str = "Bluesky app password (post search needs a signed-in session since 2025: add your handle and an app password in Settings → API keys, or with `scout keys set bluesky`)";

/// `searchActors` / `getSuggestions` output.
#[derive(Debug, Clone, Deserialize)]
pub struct ActorsPage {
    /// Actors.
    pub actors: Vec<ProfileView>,
    /// Next page; absent on the last page.
    pub cursor: Option<String>,
}

/// `getProfiles` output.
#[derive(Debug, Clone, Deserialize)]
pub struct Profiles {
    /// Detailed profiles, with counts.
    pub profiles: Vec<ProfileViewDetailed>,
}

/// `getSuggestedFollowsByActor` output.
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Suggestions {
    /// Suggested accounts.
    pub suggestions: Vec<ProfileView>,
    /// Generic suggestions, not specific to the actor.
    #[serde(default)]
    pub is_fallback: bool,
}

/// `searchPosts` / `getQuotes` output.
#[derive(Debug, Clone, Deserialize)]
pub struct PostsPage {
    /// Posts.
    pub posts: Vec<PostView>,
    /// Next page; absent on the last page.
    pub cursor: Option<String>,
}

/// One like.
#[derive(Debug, Clone, Deserialize)]
pub struct Like {
    /// Who liked.
    pub actor: ProfileView,
}

/// `getLikes` output.
#[derive(Debug, Clone, Deserialize)]
pub struct Likes {
    /// The post.
    pub uri: String,
    /// Likes.
    pub likes: Vec<Like>,
    /// Next page.
    pub cursor: Option<String>,
}

/// `getRepostedBy` output.
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RepostedBy {
    /// The post.
    pub uri: String,
    /// Who reposted.
    pub reposted_by: Vec<ProfileView>,
    /// Next page.
    pub cursor: Option<String>,
}

/// The `record` of a starter pack (`app.bsky.graph.starterpack`; only what is shown).
#[derive(Debug, Clone, Deserialize)]
pub struct StarterPackRecord {
    /// Name, e.g. "Tech Folks".
    pub name: String,
    /// Description.
    pub description: Option<String>,
}

/// `app.bsky.graph.defs#starterPackViewBasic`.
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct StarterPackViewBasic {
    /// at-uri of the pack.
    pub uri: String,
    /// The pack record.
    pub record: StarterPackRecord,
    /// Who made it.
    pub creator: ProfileViewBasic,
    /// Members, where given.
    pub list_item_count: Option<u64>,
    /// People who joined Bluesky through it.
    pub joined_all_time_count: Option<u64>,
    /// Moderation labels.
    #[serde(default)]
    pub labels: Vec<Label>,
}

/// `app.bsky.graph.getActorStarterPacks` output.
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ActorStarterPacks {
    /// The packs the actor made.
    pub starter_packs: Vec<StarterPackViewBasic>,
    /// Next page; absent on the last page.
    pub cursor: Option<String>,
}

/// `app.bsky.graph.defs#listItemView`.
#[derive(Debug, Clone, Deserialize)]
pub struct ListItemView {
    /// at-uri of the list item record.
    pub uri: String,
    /// The member.
    pub subject: ProfileView,
}

/// `app.bsky.graph.defs#listViewBasic`.
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ListViewBasic {
    /// at-uri of the list.
    pub uri: String,
    /// Name.
    pub name: String,
    /// `app.bsky.graph.defs#curatelist`, `#modlist` or `#referencelist`.
    pub purpose: String,
    /// Members.
    pub list_item_count: Option<u64>,
}

/// `app.bsky.graph.defs#starterPackView`.
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct StarterPackView {
    /// at-uri of the pack.
    pub uri: String,
    /// The pack record.
    pub record: StarterPackRecord,
    /// Who made it.
    pub creator: ProfileViewBasic,
    /// The list behind it.
    pub list: Option<ListViewBasic>,
    /// Up to 12 members.
    #[serde(default)]
    pub list_items_sample: Vec<ListItemView>,
    /// People who joined Bluesky through it.
    pub joined_all_time_count: Option<u64>,
    /// Moderation labels.
    #[serde(default)]
    pub labels: Vec<Label>,
}

/// `app.bsky.graph.getStarterPack` output.
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct StarterPack {
    /// The pack.
    pub starter_pack: StarterPackView,
}

/// `app.bsky.graph.defs#listView`.
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ListView {
    /// at-uri of the list.
    pub uri: String,
    /// Name.
    pub name: String,
    /// `app.bsky.graph.defs#curatelist`, `#modlist` or `#referencelist`.
    pub purpose: String,
    /// Who made it.
    pub creator: ProfileView,
    /// Members.
    pub list_item_count: Option<u64>,
}

/// `app.bsky.graph.getList` output.
#[derive(Debug, Clone, Deserialize)]
pub struct ListPage {
    /// The list.
    pub list: ListView,
    /// Members on this page.
    pub items: Vec<ListItemView>,
    /// Next page; absent on the last page.
    pub cursor: Option<String>,
}

/// `app.bsky.feed.defs#generatorView` (only what is shown).
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct GeneratorView {
    /// at-uri of the feed.
    pub uri: String,
    /// Who made it.
    pub creator: ProfileView,
    /// Name shown in the app.
    pub display_name: String,
    /// Description.
    pub description: Option<String>,
    /// Likes.
    pub like_count: Option<u64>,
    /// Moderation labels.
    #[serde(default)]
    pub labels: Vec<Label>,
}

/// `app.bsky.unspecced.getPopularFeedGenerators` output.
#[derive(Debug, Clone, Deserialize)]
pub struct FeedGenerators {
    /// Feeds.
    pub feeds: Vec<GeneratorView>,
    /// Next page; absent on the last page.
    pub cursor: Option<String>,
}

/// `app.bsky.unspecced.getTaggedSuggestions#suggestion`.
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct TaggedSuggestion {
    /// Topic, e.g. `science`.
    pub tag: String,
    /// `user` (captures) or `actor` (lexicon) for an account, `feed` for a feed.
    pub subject_type: String,
    /// A DID (accounts) or a feed generator at-uri.
    pub subject: String,
}

/// `app.bsky.unspecced.getTaggedSuggestions` output.
#[derive(Debug, Clone, Deserialize)]
pub struct TaggedSuggestions {
    /// Suggestions, grouped by tag.
    pub suggestions: Vec<TaggedSuggestion>,
}

/// `com.atproto.server.createSession` output (only what is used; tokens never stored).
#[derive(Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SessionResponse {
    /// Access token.
    pub access_jwt: String,
    /// The signed-in DID.
    pub did: String,
}

impl std::fmt::Debug for SessionResponse {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SessionResponse")
            .field("did", &self.did)
            .finish_non_exhaustive()
    }
}

fn has_takedown(labels: &[Label]) -> bool {
    labels.iter().any(|l| l.val == "!takedown")
}

/// A candidate from an actor view.
pub fn actor_candidate(a: &ProfileView) -> Candidate {
    let mut c = Candidate::new(PLATFORM, &a.did, &a.handle, profile_url(&a.handle, &a.did));
    c.display_name = a.display_name.clone().filter(|s| !s.trim().is_empty());
    c.bio = a.description.clone().filter(|s| !s.trim().is_empty());
    c.avatar_url.clone_from(&a.avatar);
    c.followers = a.followers_count;
    c.posts_count = a.posts_count;
    c.links = own_links(&a.handle, a.description.as_deref());
    c
}

/// The links a Bluesky profile shows: its domain handle (a site the owner controls,
/// unless it is a `*.bsky.social` name) and the links in its bio.
pub fn own_links(handle: &str, bio: Option<&str>) -> Vec<ProfileLink> {
    let mut links = Vec::new();
    if is_domain_handle(handle) {
        links.push(ProfileLink {
            url: format!("https://{handle}"),
            label: Some("domain handle".into()),
            verified_at: None,
        });
    }
    for url in bio.map(bio_links).unwrap_or_default() {
        if !links.iter().any(|l| l.url == url) {
            links.push(ProfileLink {
                url,
                label: None,
                verified_at: None,
            });
        }
    }
    links
}

/// A handle that is the owner's own domain (proved by DNS or `.well-known` to Bluesky).
pub fn is_domain_handle(handle: &str) -> bool {
    let h = handle.to_ascii_lowercase();
    h.contains('.')
        && !h.ends_with(".bsky.social")
        && h != "handle.invalid"
        && !h.ends_with(".bsky.app")
}

/// A page of `searchActors` for `query`.
pub fn actors_page(page: &ActorsPage, query: &str) -> (Vec<Candidate>, Option<String>) {
    let candidates = page
        .actors
        .iter()
        .filter(|a| !has_takedown(&a.labels))
        .map(|a| {
            let mut c = actor_candidate(a);
            c.hits.push(Hit::ProfileSearch {
                query: query.to_string(),
            });
            c
        })
        .collect();
    (candidates, page.cursor.clone().filter(|c| !c.is_empty()))
}

/// Fill counts (followers, posts) of `candidates` from a `getProfiles` answer;
/// a candidate known only by its DID also gets its handle and profile link.
pub fn profiles(candidates: &mut [Candidate], answer: &Profiles) {
    for p in &answer.profiles {
        if let Some(c) = candidates
            .iter_mut()
            .find(|c| c.platform == PLATFORM && c.id == p.did)
        {
            if c.handle == c.id && p.handle != "handle.invalid" {
                c.handle.clone_from(&p.handle);
                c.url = profile_url(&p.handle, &p.did);
            }
            if c.avatar_url.is_none() {
                c.avatar_url.clone_from(&p.avatar);
            }
            c.followers = p.followers_count.or(c.followers);
            c.posts_count = p.posts_count.or(c.posts_count);
            if c.display_name.is_none() {
                c.display_name = p.display_name.clone().filter(|s| !s.trim().is_empty());
            }
            if c.bio.is_none() {
                c.bio = p.description.clone().filter(|s| !s.trim().is_empty());
                c.links = own_links(&p.handle, p.description.as_deref());
            }
        }
    }
}

/// Suggested follows for `of`.
pub fn suggestions(answer: &Suggestions, of: &str) -> Vec<Candidate> {
    answer
        .suggestions
        .iter()
        .filter(|a| !has_takedown(&a.labels))
        .map(|a| {
            let mut c = actor_candidate(a);
            c.hits.push(Hit::Suggested {
                of: of.to_string(),
                fallback: answer.is_fallback,
            });
            c
        })
        .collect()
}

/// The authors of a `searchPosts` page, each with the matching post as evidence
/// (a `#tag` in the query matched against the post's tags and text).
pub fn posts_page(
    page: &PostsPage,
    query: &str,
    hashtags: &[String],
) -> (Vec<Candidate>, Option<String>) {
    let mut out = Vec::new();
    for p in &page.posts {
        if has_takedown(&p.author.labels) {
            continue;
        }
        let mut c = actor_candidate(&ProfileView::from(&p.author));
        let url = Some(post_url(&p.author.handle, &p.author.did, &p.uri));
        let text = &p.record.text;
        let tags: Vec<String> = p
            .record
            .facets
            .iter()
            .flat_map(|f| f.features.iter().filter_map(|x| x.tag.clone()))
            .map(|t| t.to_lowercase())
            .collect();
        let lower = text.to_lowercase();
        let matched_tag = hashtags
            .iter()
            .find(|t| tags.contains(t) || lower.contains(&format!("#{t}")));
        c.hits.push(match matched_tag {
            Some(tag) => Hit::Hashtag {
                tag: tag.clone(),
                excerpt: excerpt(text, 140),
                url,
            },
            None => Hit::PostSearch {
                query: query.to_string(),
                excerpt: excerpt(text, 140),
                url,
            },
        });
        c.post_texts.push(text.clone());
        c.language = p.record.langs.first().cloned();
        c.last_active = parse_time(&p.record.created_at);
        out.push(c);
    }
    (
        super::merge(out),
        page.cursor.clone().filter(|c| !c.is_empty()),
    )
}

/// The last path segment of an at-uri (the record key).
fn rkey(uri: &str) -> &str {
    uri.rsplit('/').next().unwrap_or_default()
}

/// A starter pack's page on bsky.app (`/starter-pack/<creator handle>/<rkey>`).
pub fn starter_pack_url(creator_handle: &str, uri: &str) -> String {
    format!(
        "https://bsky.app/starter-pack/{creator_handle}/{}",
        rkey(uri)
    )
}

/// A list's page on bsky.app (`/profile/<creator>/lists/<rkey>`).
pub fn list_url(creator_handle: &str, uri: &str) -> String {
    format!(
        "https://bsky.app/profile/{creator_handle}/lists/{}",
        rkey(uri)
    )
}

/// A feed's page on bsky.app (`/profile/<creator>/feed/<rkey>`).
pub fn feed_url(creator_handle: &str, uri: &str) -> String {
    format!(
        "https://bsky.app/profile/{creator_handle}/feed/{}",
        rkey(uri)
    )
}

/// The at-uris of at most `cap` of an actor's starter packs: the ones most people
/// joined Bluesky through first (ties keep the answer's order); taken-down packs left out.
pub fn pick_starter_packs(answer: &ActorStarterPacks, cap: usize) -> Vec<String> {
    let mut packs: Vec<&StarterPackViewBasic> = answer
        .starter_packs
        .iter()
        .filter(|p| !has_takedown(&p.labels))
        .collect();
    packs.sort_by_key(|p| std::cmp::Reverse(p.joined_all_time_count.unwrap_or(0)));
    packs.into_iter().take(cap).map(|p| p.uri.clone()).collect()
}

fn members<'a>(
    items: impl Iterator<Item = &'a ListItemView>,
    owner_did: &str,
    hit: &Hit,
) -> Vec<Candidate> {
    let out = items
        .map(|i| &i.subject)
        .filter(|a| !has_takedown(&a.labels) && a.did != owner_did)
        .map(|a| {
            let mut c = actor_candidate(a);
            c.hits.push(hit.clone());
            c
        })
        .collect();
    super::merge(out)
}

/// The members in a starter pack's sample (its creator left out), each with the pack as evidence.
pub fn starter_pack_members(answer: &StarterPack) -> Vec<Candidate> {
    let p = &answer.starter_pack;
    if has_takedown(&p.labels) {
        return Vec::new();
    }
    let hit = Hit::StarterPack {
        name: p.record.name.trim().to_string(),
        by: p.creator.handle.clone(),
        url: Some(starter_pack_url(&p.creator.handle, &p.uri)),
    };
    members(p.list_items_sample.iter(), &p.creator.did, &hit)
}

/// The members on a `getList` page (its creator left out) and the next cursor. A
/// moderation list (`#modlist`: accounts its creator mutes or blocks) gives none.
pub fn list_members(page: &ListPage) -> (Vec<Candidate>, Option<String>) {
    let l = &page.list;
    let next = page.cursor.clone().filter(|c| !c.is_empty());
    if l.purpose.ends_with("#modlist") {
        return (Vec::new(), next);
    }
    let hit = Hit::Listed {
        list: l.name.trim().to_string(),
        by: l.creator.handle.clone(),
        url: Some(list_url(&l.creator.handle, &l.uri)),
    };
    (members(page.items.iter(), &l.creator.did, &hit), next)
}

/// The creators of the feeds a feed search returned for `query`, each with its feed(s).
pub fn feed_creators(answer: &FeedGenerators, query: &str) -> Vec<Candidate> {
    let out = answer
        .feeds
        .iter()
        .filter(|f| !has_takedown(&f.labels) && !has_takedown(&f.creator.labels))
        .map(|f| {
            let mut c = actor_candidate(&f.creator);
            c.hits.push(Hit::FeedCreator {
                feed: f.display_name.trim().to_string(),
                query: query.to_string(),
                likes: f.like_count,
                url: Some(feed_url(&f.creator.handle, &f.uri)),
            });
            c
        })
        .collect();
    super::merge(out)
}

/// The accounts Bluesky suggests for any of `tags` (lowercase, without `#`), as
/// DID-only candidates (handle = DID until `getProfiles` fills it), in the answer's
/// order; feeds are left out.
pub fn tagged_actors(answer: &TaggedSuggestions, tags: &[String]) -> Vec<Candidate> {
    let out = answer
        .suggestions
        .iter()
        .filter(|s| matches!(s.subject_type.as_str(), "user" | "actor"))
        .filter(|s| s.subject.starts_with("did:"))
        .filter_map(|s| {
            let tag = s.tag.to_lowercase();
            tags.contains(&tag).then(|| {
                let mut c = Candidate::new(
                    PLATFORM,
                    &s.subject,
                    &s.subject,
                    profile_url(&s.subject, &s.subject),
                );
                c.hits.push(Hit::TaggedSuggestion { tag });
                c
            })
        })
        .collect();
    super::merge(out)
}

/// Likers of `creator`'s post.
pub fn likes(answer: &Likes, creator: &str, post_link: Option<&str>) -> Vec<Candidate> {
    engaged(
        answer.likes.iter().map(|l| &l.actor),
        "like",
        creator,
        post_link,
    )
}

/// Reposters of `creator`'s post.
pub fn reposted_by(answer: &RepostedBy, creator: &str, post_link: Option<&str>) -> Vec<Candidate> {
    engaged(answer.reposted_by.iter(), "repost", creator, post_link)
}

/// Quoters of `creator`'s post (a `getQuotes` answer).
pub fn quotes(answer: &PostsPage, creator: &str, post_link: Option<&str>) -> Vec<Candidate> {
    let authors: Vec<ProfileView> = answer.posts.iter().map(|p| (&p.author).into()).collect();
    engaged(authors.iter(), "quote", creator, post_link)
}

fn engaged<'a>(
    actors: impl Iterator<Item = &'a ProfileView>,
    how: &str,
    creator: &str,
    post_link: Option<&str>,
) -> Vec<Candidate> {
    actors
        .filter(|a| !has_takedown(&a.labels))
        .map(|a| {
            let mut c = actor_candidate(a);
            c.hits.push(Hit::Engaged {
                how: how.into(),
                with: creator.into(),
                url: post_link.map(str::to_string),
            });
            c
        })
        .collect()
}

/// Decode a 2xx body, or the typed error of a failed call.
fn read<T: DeserializeOwned>(
    raw: &RawResponse,
    endpoint: &str,
    subject: &str,
) -> Result<T, SourceError> {
    if !(200..300).contains(&raw.status) {
        return Err(crate::bluesky::map::error_for(raw, subject));
    }
    crate::bluesky::map::decode(raw, endpoint)
}

/// An app-password session (its token lives only in memory).
#[derive(Clone)]
pub struct Session {
    token: String,
    /// The signed-in account.
    pub did: String,
}

impl std::fmt::Debug for Session {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Session")
            .field("did", &self.did)
            .finish_non_exhaustive()
    }
}

fn needs_password(problem: CredentialProblem) -> SourceError {
    SourceError::Credentials {
        platform: PLATFORM,
        which: NEEDS_APP_PASSWORD.into(),
        problem,
    }
}

/// Bluesky discovery requests.
#[derive(Debug, Clone)]
pub struct BlueskyDiscovery {
    http: HttpClient,
    appview: Url,
    pds: Url,
}

impl BlueskyDiscovery {
    /// On the public AppView (`SCOUT_BLUESKY_BASE_URL`) and `bsky.social`
    /// (`SCOUT_BLUESKY_PDS_BASE_URL`) for sessions.
    pub fn new(http: HttpClient) -> Self {
        Self {
            appview: http::base_url("bluesky", crate::bluesky::DEFAULT_BASE_URL),
            pds: http::base_url("bluesky_pds", DEFAULT_PDS_BASE_URL),
            http,
        }
    }

    /// Against explicit base URLs (tests).
    pub fn with_base_urls(http: HttpClient, appview: Url, pds: Url) -> Self {
        Self { http, appview, pds }
    }

    fn url(base: &Url, method: &str, params: &[(&str, &str)]) -> Url {
        let mut url = http::endpoint(base, &format!("xrpc/{method}"));
        if !params.is_empty() {
            url.query_pairs_mut().extend_pairs(params);
        }
        url
    }

    /// One `searchActors` page for `query`, its actors' counts filled by `getProfiles`.
    pub async fn search_actors(
        &self,
        query: &str,
        cursor: Option<&str>,
        page_no: usize,
    ) -> Result<Page, SourceError> {
        let limit = ACTOR_PAGE_SIZE.to_string();
        let mut params = vec![("q", query), ("limit", limit.as_str())];
        if let Some(c) = cursor {
            params.push(("cursor", c));
        }
        let url = Self::url(&self.appview, "app.bsky.actor.searchActors", &params);
        let raw = self
            .http
            .send(Request::get(
                PLATFORM,
                format!("search_actors:{page_no}"),
                url,
            ))
            .await?;
        let answer: ActorsPage = read(&raw, "app.bsky.actor.searchActors", query)?;
        let (mut candidates, next) = actors_page(&answer, query);
        let mut all_raw = vec![raw];
        all_raw.extend(self.enrich(&mut candidates).await?);
        Ok(Page {
            candidates,
            next,
            raw: all_raw,
        })
    }

    /// Fill follower and post counts with `getProfiles`, 25 actors a call.
    pub async fn enrich(
        &self,
        candidates: &mut [Candidate],
    ) -> Result<Vec<RawResponse>, SourceError> {
        let dids: Vec<String> = candidates
            .iter()
            .filter(|c| c.platform == PLATFORM && c.followers.is_none())
            .map(|c| c.id.clone())
            .collect();
        let mut raws = Vec::new();
        for (i, chunk) in dids.chunks(PROFILES_PER_CALL).enumerate() {
            let params: Vec<(&str, &str)> = chunk.iter().map(|d| ("actors", d.as_str())).collect();
            let url = Self::url(&self.appview, "app.bsky.actor.getProfiles", &params);
            let raw = self
                .http
                .send(Request::get(PLATFORM, format!("profiles:{}", i + 1), url))
                .await?;
            let answer: Profiles = read(&raw, "app.bsky.actor.getProfiles", "profiles")?;
            profiles(candidates, &answer);
            raws.push(raw);
        }
        Ok(raws)
    }

    /// Accounts Bluesky suggests for `actor` (handle or DID), with counts.
    pub async fn suggested_follows(&self, actor: &str) -> Result<Page, SourceError> {
        let url = Self::url(
            &self.appview,
            "app.bsky.graph.getSuggestedFollowsByActor",
            &[("actor", actor)],
        );
        let raw = self
            .http
            .send(Request::get(PLATFORM, format!("suggested:{actor}"), url))
            .await?;
        let answer: Suggestions = read(&raw, "app.bsky.graph.getSuggestedFollowsByActor", actor)?;
        let mut candidates = suggestions(&answer, actor);
        let mut all_raw = vec![raw];
        all_raw.extend(self.enrich(&mut candidates).await?);
        Ok(Page {
            candidates,
            next: None,
            raw: all_raw,
        })
    }

    /// The at-uris of at most `cap` starter packs `actor` made ([`pick_starter_packs`]),
    /// and the response read.
    pub async fn actor_starter_packs(
        &self,
        actor: &str,
        cap: usize,
    ) -> Result<(Vec<String>, RawResponse), SourceError> {
        let url = Self::url(
            &self.appview,
            "app.bsky.graph.getActorStarterPacks",
            &[("actor", actor)],
        );
        let raw = self
            .http
            .send(Request::get(
                PLATFORM,
                format!("starter_packs:{actor}"),
                url,
            ))
            .await?;
        let answer: ActorStarterPacks = read(&raw, "app.bsky.graph.getActorStarterPacks", actor)?;
        Ok((pick_starter_packs(&answer, cap), raw))
    }

    /// The sampled members of one starter pack (at-uri `uri`), with counts.
    pub async fn starter_pack(&self, uri: &str) -> Result<Page, SourceError> {
        let url = Self::url(
            &self.appview,
            "app.bsky.graph.getStarterPack",
            &[("starterPack", uri)],
        );
        let raw = self
            .http
            .send(Request::get(PLATFORM, format!("starter_pack:{uri}"), url))
            .await?;
        let answer: StarterPack = read(&raw, "app.bsky.graph.getStarterPack", uri)?;
        let mut candidates = starter_pack_members(&answer);
        let mut all_raw = vec![raw];
        all_raw.extend(self.enrich(&mut candidates).await?);
        Ok(Page {
            candidates,
            next: None,
            raw: all_raw,
        })
    }

    /// The creators of the feeds matching `query` (one page of 25), with counts.
    pub async fn feed_generators(&self, query: &str) -> Result<Page, SourceError> {
        let limit = ACTOR_PAGE_SIZE.to_string();
        let url = Self::url(
            &self.appview,
            "app.bsky.unspecced.getPopularFeedGenerators",
            &[("query", query), ("limit", limit.as_str())],
        );
        let raw = self
            .http
            .send(Request::get(
                PLATFORM,
                format!("feed_generators:{query}"),
                url,
            ))
            .await?;
        let answer: FeedGenerators =
            read(&raw, "app.bsky.unspecced.getPopularFeedGenerators", query)?;
        let mut candidates = feed_creators(&answer, query);
        let mut all_raw = vec![raw];
        all_raw.extend(self.enrich(&mut candidates).await?);
        Ok(Page {
            candidates,
            next: None,
            raw: all_raw,
        })
    }

    /// The accounts Bluesky suggests for any of `tags`, enriched by `getProfiles`
    /// (handle, name, bio, counts); a DID `getProfiles` does not return (deleted,
    /// taken down) is left out.
    pub async fn tagged_suggestions(&self, tags: &[String]) -> Result<Page, SourceError> {
        let url = Self::url(
            &self.appview,
            "app.bsky.unspecced.getTaggedSuggestions",
            &[],
        );
        let raw = self
            .http
            .send(Request::get(PLATFORM, "tagged_suggestions", url))
            .await?;
        let answer: TaggedSuggestions = read(
            &raw,
            "app.bsky.unspecced.getTaggedSuggestions",
            "tagged suggestions",
        )?;
        let mut candidates = tagged_actors(&answer, tags);
        let mut all_raw = vec![raw];
        all_raw.extend(self.enrich(&mut candidates).await?);
        candidates.retain(|c| c.handle != c.id);
        Ok(Page {
            candidates,
            next: None,
            raw: all_raw,
        })
    }

    /// Sign in with the user's handle and app password (from the keychain).
    pub async fn session(&self, credentials: &dyn Credentials) -> Result<Session, SourceError> {
        let get = |n: SecretName| {
            credentials
                .get(n)
                .map(|v| v.trim().to_string())
                .filter(|v| !v.is_empty())
        };
        let (Some(identifier), Some(password)) = (
            get(SecretName::BlueskyIdentifier),
            get(SecretName::BlueskyAppPassword),
        ) else {
            return Err(needs_password(CredentialProblem::Missing));
        };
        let url = http::endpoint(&self.pds, "xrpc/com.atproto.server.createSession");
        let body = serde_json::json!({ "identifier": identifier, "password": password });
        let raw = self
            .http
            .send(Request::get(PLATFORM, "session", url).post_json(body))
            .await?;
        match raw.status {
            200..=299 => {
                let s: SessionResponse =
                    serde_json::from_slice(&raw.body).map_err(|e| SourceError::LayoutChanged {
                        platform: PLATFORM,
                        what: format!("com.atproto.server.createSession: {{accessJwt, did}} ({e})"),
                    })?;
                Ok(Session {
                    token: s.access_jwt,
                    did: s.did,
                })
            }
            400 | 401 | 403 => Err(needs_password(CredentialProblem::Invalid)),
            status => Err(SourceError::Http {
                platform: PLATFORM,
                host: self.pds.host_str().unwrap_or("-").to_string(),
                status,
            }),
        }
    }

    /// One `searchPosts` page. With a session it goes through the user's PDS;
    /// without one it asks the public AppView, which answers 403 since 2025:
    /// that 403 becomes [`SourceError::Credentials`] naming the app password.
    pub async fn search_posts(
        &self,
        query: &str,
        hashtags: &[String],
        cursor: Option<&str>,
        page_no: usize,
        session: Option<&Session>,
    ) -> Result<Page, SourceError> {
        let limit = POST_PAGE_SIZE.to_string();
        let mut params = vec![("q", query), ("limit", limit.as_str())];
        if let Some(c) = cursor {
            params.push(("cursor", c));
        }
        let base = if session.is_some() {
            &self.pds
        } else {
            &self.appview
        };
        let url = Self::url(base, "app.bsky.feed.searchPosts", &params);
        let mut req = Request::get(PLATFORM, format!("search_posts:{page_no}"), url);
        if let Some(s) = session {
            req = req.header("Authorization", format!("Bearer {}", s.token));
        }
        let raw = self.http.send(req).await?;
        if raw.status == 401 || raw.status == 403 {
            return Err(needs_password(if session.is_some() {
                CredentialProblem::Invalid
            } else {
                CredentialProblem::Missing
            }));
        }
        let answer: PostsPage = read(&raw, "app.bsky.feed.searchPosts", query)?;
        let (mut candidates, next) = posts_page(&answer, query, hashtags);
        let mut all_raw = vec![raw];
        all_raw.extend(self.enrich(&mut candidates).await?);
        Ok(Page {
            candidates,
            next,
            raw: all_raw,
        })
    }

    /// Likers, reposters and quoters of one post by `creator` (at-uri `uri`).
    pub async fn engagers(
        &self,
        uri: &str,
        creator: &str,
        post_link: Option<&str>,
    ) -> Result<Page, SourceError> {
        let mut candidates = Vec::new();
        let mut raws = Vec::new();
        let limit = "100";
        for (method, role) in [
            ("app.bsky.feed.getLikes", "likes"),
            ("app.bsky.feed.getRepostedBy", "reposted_by"),
            ("app.bsky.feed.getQuotes", "quotes"),
        ] {
            let url = Self::url(&self.appview, method, &[("uri", uri), ("limit", limit)]);
            let raw = self
                .http
                .send(Request::get(PLATFORM, format!("{role}:{uri}"), url))
                .await?;
            match role {
                "likes" => candidates.extend(likes(&read(&raw, method, uri)?, creator, post_link)),
                "reposted_by" => {
                    candidates.extend(reposted_by(&read(&raw, method, uri)?, creator, post_link));
                }
                _ => candidates.extend(quotes(&read(&raw, method, uri)?, creator, post_link)),
            }
            raws.push(raw);
        }
        let mut candidates = super::merge(candidates);
        raws.extend(self.enrich(&mut candidates).await?);
        Ok(Page {
            candidates,
            next: None,
            raw: raws,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn domain_handles_are_own_sites() {
        assert!(is_domain_handle("favstats.eu"));
        assert!(!is_domain_handle("alice.bsky.social"));
        assert!(!is_domain_handle("handle.invalid"));
        let links = own_links("favstats.eu", Some("blog: https://example.org/x"));
        assert_eq!(links[0].url, "https://favstats.eu");
        assert!(
            links
                .iter()
                .any(|l| l.url.starts_with("https://example.org"))
        );
    }

    #[test]
    fn starter_packs_most_joined_first_and_members_without_their_creator() {
        let packs: ActorStarterPacks = serde_json::from_str(
            r#"{"starterPacks":[
              {"uri":"at://did:plc:c/app.bsky.graph.starterpack/a","record":{"name":"A"},"creator":{"did":"did:plc:c","handle":"c.example"},"joinedAllTimeCount":2},
              {"uri":"at://did:plc:c/app.bsky.graph.starterpack/b","record":{"name":"B"},"creator":{"did":"did:plc:c","handle":"c.example"},"joinedAllTimeCount":9,"labels":[{"val":"!takedown"}]},
              {"uri":"at://did:plc:c/app.bsky.graph.starterpack/c","record":{"name":"C"},"creator":{"did":"did:plc:c","handle":"c.example"}},
              {"uri":"at://did:plc:c/app.bsky.graph.starterpack/d","record":{"name":"D"},"creator":{"did":"did:plc:c","handle":"c.example"},"joinedAllTimeCount":5}]}"#,
        )
        .unwrap();
        // B is taken down; D (5) then A (2); C (no count) is third.
        assert_eq!(
            pick_starter_packs(&packs, 2),
            [
                "at://did:plc:c/app.bsky.graph.starterpack/d",
                "at://did:plc:c/app.bsky.graph.starterpack/a"
            ]
        );
        let pack: StarterPack = serde_json::from_str(
            r#"{"starterPack":{"uri":"at://did:plc:c/app.bsky.graph.starterpack/d","record":{"name":" Science "},"creator":{"did":"did:plc:c","handle":"c.example"},
              "listItemsSample":[{"uri":"at://x/1","subject":{"did":"did:plc:c","handle":"c.example"}},
                                 {"uri":"at://x/2","subject":{"did":"did:plc:m","handle":"m.bsky.social"}},
                                 {"uri":"at://x/3","subject":{"did":"did:plc:m","handle":"m.bsky.social"}}]}}"#,
        )
        .unwrap();
        let m = starter_pack_members(&pack);
        assert_eq!(m.len(), 1, "the creator left out, the repeat merged");
        assert_eq!(
            m[0].hits,
            vec![Hit::StarterPack {
                name: "Science".into(),
                by: "c.example".into(),
                url: Some("https://bsky.app/starter-pack/c.example/d".into())
            }]
        );
    }

    #[test]
    fn moderation_lists_are_not_recommendations() {
        let body = |purpose: &str| {
            format!(
                r#"{{"list":{{"uri":"at://did:plc:c/app.bsky.graph.list/l","name":"L","purpose":"app.bsky.graph.defs#{purpose}","creator":{{"did":"did:plc:c","handle":"c.example"}}}},
                   "items":[{{"uri":"at://x/1","subject":{{"did":"did:plc:m","handle":"m.example"}}}}],"cursor":"3lbvp43xat224"}}"#
            )
        };
        let curated: ListPage = serde_json::from_str(&body("curatelist")).unwrap();
        let (m, next) = list_members(&curated);
        assert_eq!(m.len(), 1);
        assert_eq!(next.as_deref(), Some("3lbvp43xat224"));
        let modlist: ListPage = serde_json::from_str(&body("modlist")).unwrap();
        assert!(list_members(&modlist).0.is_empty());
    }

    #[test]
    fn tagged_suggestions_keep_matching_accounts_and_get_handles_from_profiles() {
        let t: TaggedSuggestions = serde_json::from_str(
            r#"{"suggestions":[
              {"tag":"science","subjectType":"feed","subject":"at://did:plc:f/app.bsky.feed.generator/sci"},
              {"tag":"Science","subjectType":"user","subject":"did:plc:a"},
              {"tag":"science","subjectType":"actor","subject":"did:plc:b"},
              {"tag":"art","subjectType":"user","subject":"did:plc:c"}]}"#,
        )
        .unwrap();
        let mut c = tagged_actors(&t, &["science".into()]);
        assert_eq!(
            c.iter().map(|c| c.id.as_str()).collect::<Vec<_>>(),
            ["did:plc:a", "did:plc:b"]
        );
        assert_eq!(c[0].url, "https://bsky.app/profile/did:plc:a");
        let p: Profiles = serde_json::from_str(
            r#"{"profiles":[{"did":"did:plc:a","handle":"ada.example","displayName":"Ada","followersCount":1200,"postsCount":40}]}"#,
        )
        .unwrap();
        profiles(&mut c, &p);
        assert_eq!(c[0].handle, "ada.example");
        assert_eq!(c[0].url, "https://bsky.app/profile/ada.example");
        assert_eq!(c[0].followers, Some(1200));
        assert_eq!(c[0].links[0].url, "https://ada.example", "domain handle");
        assert_eq!(c[1].handle, "did:plc:b", "not returned: still a DID");
    }

    #[test]
    fn feed_creators_carry_each_feed() {
        let f: FeedGenerators = serde_json::from_str(
            r#"{"feeds":[
              {"uri":"at://did:plc:s/app.bsky.feed.generator/one","creator":{"did":"did:plc:s","handle":"s.bsky.social"},"displayName":"Fave data hashtags","likeCount":2},
              {"uri":"at://did:plc:s/app.bsky.feed.generator/two","creator":{"did":"did:plc:s","handle":"s.bsky.social"},"displayName":"Fave Data Terms","likeCount":0},
              {"uri":"at://did:plc:t/app.bsky.feed.generator/x","creator":{"did":"did:plc:t","handle":"t.bsky.social","labels":[{"val":"!takedown"}]},"displayName":"X"}]}"#,
        )
        .unwrap();
        let c = feed_creators(&f, "rstats");
        assert_eq!(c.len(), 1, "one creator, the taken-down one left out");
        assert_eq!(c[0].hits.len(), 2);
        assert_eq!(
            c[0].hits[1],
            Hit::FeedCreator {
                feed: "Fave Data Terms".into(),
                query: "rstats".into(),
                likes: Some(0),
                url: Some("https://bsky.app/profile/s.bsky.social/feed/two".into())
            }
        );
    }

    #[test]
    fn last_page_has_no_cursor_and_fallback_is_weak() {
        let page: ActorsPage = serde_json::from_str(
            r#"{"actors":[{"did":"did:plc:a","handle":"a.bsky.social","labels":[{"val":"!takedown"}]},{"did":"did:plc:b","handle":"b.example"}]}"#,
        )
        .unwrap();
        let (c, next) = actors_page(&page, "q");
        assert_eq!(c.len(), 1, "taken-down actors are left out");
        assert!(next.is_none());
        let s: Suggestions = serde_json::from_str(
            r#"{"isFallback":true,"suggestions":[{"did":"did:plc:b","handle":"b.example"}]}"#,
        )
        .unwrap();
        assert_eq!(
            suggestions(&s, "x")[0].hits,
            vec![Hit::Suggested {
                of: "x".into(),
                fallback: true
            }]
        );
    }
}
