//! Raw wire types of the Bluesky AppView (XRPC JSON), mirroring the
//! `app.bsky.*` lexicons: only the fields Scout reads, unknown fields ignored.
//! Fields the lexicon marks required are required here, so a response that
//! lacks them is reported as a layout change naming the field.
//!
//! Main types: [`ProfileViewDetailed`] (`app.bsky.actor.getProfile`),
//! [`AuthorFeed`] / [`FeedViewPost`] / [`PostView`] (`app.bsky.feed.getAuthorFeed`),
//! [`PostThread`] / [`ThreadNode`] (`app.bsky.feed.getPostThread`),
//! [`Followers`] / [`ProfileView`] (`app.bsky.graph.getFollowers`, `getFollows`),
//! [`XrpcError`] (the `{"error","message"}` body of every failed call).

use serde::Deserialize;

/// `com.atproto.label.defs#label` (only its value).
#[derive(Debug, Clone, Deserialize, PartialEq, Eq)]
pub struct Label {
    /// Label value, e.g. `!takedown`, `porn`, `!no-unauthenticated`.
    pub val: String,
}

/// `app.bsky.actor.defs#verificationState` (only the status).
#[derive(Debug, Clone, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct VerificationState {
    /// `valid`, `invalid` or `none`.
    pub verified_status: String,
}

/// `app.bsky.actor.defs#profileViewDetailed`.
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ProfileViewDetailed {
    /// Account DID.
    pub did: String,
    /// Handle (`handle.invalid` when it does not verify).
    pub handle: String,
    /// Display name.
    pub display_name: Option<String>,
    /// Bio.
    pub description: Option<String>,
    /// Avatar URL.
    pub avatar: Option<String>,
    /// Followers.
    pub followers_count: Option<u64>,
    /// Accounts followed.
    pub follows_count: Option<u64>,
    /// Posts.
    pub posts_count: Option<u64>,
    /// Account creation time (RFC 3339).
    pub created_at: Option<String>,
    /// Moderation and self labels.
    #[serde(default)]
    pub labels: Vec<Label>,
    /// Blue-check verification, where present.
    pub verification: Option<VerificationState>,
}

/// `app.bsky.actor.defs#profileViewBasic` (post authors, repost reasons).
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ProfileViewBasic {
    /// DID.
    pub did: String,
    /// Handle.
    pub handle: String,
    /// Display name.
    pub display_name: Option<String>,
    /// Avatar URL.
    pub avatar: Option<String>,
    /// Account creation time.
    pub created_at: Option<String>,
    /// Moderation and self labels.
    #[serde(default)]
    pub labels: Vec<Label>,
}

/// `app.bsky.actor.defs#profileView`: follower lists, and the actors that
/// search, suggestions, likes and reposts return (counts only where the AppView adds them).
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ProfileView {
    /// DID.
    pub did: String,
    /// Handle.
    pub handle: String,
    /// Display name.
    pub display_name: Option<String>,
    /// Bio.
    pub description: Option<String>,
    /// Avatar URL.
    pub avatar: Option<String>,
    /// Account creation time.
    pub created_at: Option<String>,
    /// Followers (only some endpoints).
    pub followers_count: Option<u64>,
    /// Posts (only some endpoints).
    pub posts_count: Option<u64>,
    /// When the AppView last indexed the profile.
    pub indexed_at: Option<String>,
    /// Moderation and self labels.
    #[serde(default)]
    pub labels: Vec<Label>,
}

impl From<&ProfileViewBasic> for ProfileView {
    fn from(b: &ProfileViewBasic) -> Self {
        Self {
            did: b.did.clone(),
            handle: b.handle.clone(),
            display_name: b.display_name.clone(),
            description: None,
            avatar: b.avatar.clone(),
            created_at: b.created_at.clone(),
            followers_count: None,
            posts_count: None,
            indexed_at: None,
            labels: b.labels.clone(),
        }
    }
}

/// `com.atproto.repo.strongRef`.
#[derive(Debug, Clone, Deserialize)]
pub struct StrongRef {
    /// at-uri of the record.
    pub uri: String,
}

/// `app.bsky.feed.post#replyRef` (inside a post record).
#[derive(Debug, Clone, Deserialize)]
pub struct RecordReplyRef {
    /// Thread root.
    pub root: StrongRef,
    /// Direct parent.
    pub parent: StrongRef,
}

/// An `app.bsky.feed.post` record (the `record` of a post view).
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PostRecord {
    /// Post text.
    pub text: String,
    /// Client-declared creation time.
    pub created_at: String,
    /// Declared languages.
    #[serde(default)]
    pub langs: Vec<String>,
    /// Set when the post is a reply.
    pub reply: Option<RecordReplyRef>,
    /// Rich-text facets (mentions, links, tags).
    #[serde(default)]
    pub facets: Vec<Facet>,
}

/// `app.bsky.richtext.facet`.
#[derive(Debug, Clone, Deserialize)]
pub struct Facet {
    /// Features: mention (`did`), link (`uri`), tag (`tag`).
    #[serde(default)]
    pub features: Vec<FacetFeature>,
}

/// One facet feature.
#[derive(Debug, Clone, Deserialize)]
pub struct FacetFeature {
    /// `app.bsky.richtext.facet#mention` / `#link` / `#tag`.
    #[serde(rename = "$type")]
    pub kind: Option<String>,
    /// Mentioned DID.
    pub did: Option<String>,
    /// Tag without `#`.
    pub tag: Option<String>,
}

/// `app.bsky.feed.defs#postView`.
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PostView {
    /// at-uri.
    pub uri: String,
    /// Author.
    pub author: ProfileViewBasic,
    /// The post record.
    pub record: PostRecord,
    /// Replies.
    pub reply_count: Option<u64>,
    /// Reposts.
    pub repost_count: Option<u64>,
    /// Likes.
    pub like_count: Option<u64>,
    /// Quote posts.
    pub quote_count: Option<u64>,
    /// When the AppView indexed it.
    pub indexed_at: String,
}

/// `app.bsky.feed.defs#reasonRepost` / `#reasonPin`.
#[derive(Debug, Clone, Deserialize)]
pub struct Reason {
    /// `app.bsky.feed.defs#reasonRepost` or `app.bsky.feed.defs#reasonPin`.
    #[serde(rename = "$type")]
    pub kind: String,
}

impl Reason {
    /// A repost by the feed's author.
    pub fn is_repost(&self) -> bool {
        self.kind.ends_with("#reasonRepost")
    }
}

/// `app.bsky.feed.defs#feedViewPost`.
#[derive(Debug, Clone, Deserialize)]
pub struct FeedViewPost {
    /// The post.
    pub post: PostView,
    /// Why it is in the feed (repost, pin), if not authored there.
    pub reason: Option<Reason>,
}

/// `app.bsky.feed.getAuthorFeed` output.
#[derive(Debug, Clone, Deserialize)]
pub struct AuthorFeed {
    /// Next page cursor.
    pub cursor: Option<String>,
    /// Items, newest first.
    pub feed: Vec<FeedViewPost>,
}

/// One node of a thread: `#threadViewPost`, `#notFoundPost` or `#blockedPost`.
#[derive(Debug, Clone, Deserialize)]
pub struct ThreadNode {
    /// Union discriminator.
    #[serde(rename = "$type")]
    pub kind: Option<String>,
    /// The post (thread view posts only).
    pub post: Option<PostView>,
    /// Replies (thread view posts only).
    pub replies: Option<Vec<ThreadNode>>,
}

impl ThreadNode {
    /// The post, unless this node is a not-found or blocked placeholder.
    pub fn visible_post(&self) -> Option<&PostView> {
        match self.kind.as_deref() {
            Some(kind) if !kind.ends_with("#threadViewPost") => None,
            _ => self.post.as_ref(),
        }
    }
}

/// `app.bsky.feed.getPostThread` output.
#[derive(Debug, Clone, Deserialize)]
pub struct PostThread {
    /// The requested post with its parents and replies.
    pub thread: ThreadNode,
}

/// `app.bsky.graph.getFollowers` (and `getFollows`) output.
#[derive(Debug, Clone, Deserialize)]
pub struct Followers {
    /// The account whose followers these are.
    pub subject: ProfileView,
    /// Followers (for `getFollows`: the `follows` key), newest first.
    #[serde(alias = "follows")]
    pub followers: Vec<ProfileView>,
    /// Next page cursor.
    pub cursor: Option<String>,
}

/// The body of a failed XRPC call.
#[derive(Debug, Clone, Deserialize, PartialEq, Eq)]
pub struct XrpcError {
    /// Error name: `InvalidRequest`, `AccountTakedown`, `AccountDeactivated`, `NotFound`, …
    pub error: String,
    /// Human message, e.g. `Profile not found`.
    pub message: Option<String>,
}
