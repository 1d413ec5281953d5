//! The data one vetting run gathers: a profile, its recent posts, replies and samples.
//!
//! Counts are `Option<u64>`: `None` means the source did not say (hidden,
//! not exposed, not fetched), which is different from zero. Checks that need
//! a missing part answer "not enough data", never a guess.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::Platform;

/// What a user typed, resolved to one account on one platform (no network yet).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct AccountRef {
    /// The platform the account lives on.
    pub platform: Platform,
    /// How the account is named in the input.
    pub key: AccountKey,
    /// For federated platforms (Mastodon): the account's home instance host.
    pub instance: Option<String>,
}

/// The ways an input can name an account.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "kind", content = "value", rename_all = "snake_case")]
pub enum AccountKey {
    /// A handle / username, without a leading `@` (`alice.bsky.social`, `mkbhd`).
    Handle(String),
    /// A stable platform id (Bluesky DID, YouTube `UC…` channel id, numeric id).
    Id(String),
    /// YouTube legacy `/c/NAME` custom URL.
    CustomUrl(String),
    /// YouTube legacy `/user/NAME` URL.
    LegacyUser(String),
    /// A video or post id whose author is the account (resolved by the source).
    Content(String),
}

impl AccountRef {
    /// A handle-keyed reference.
    pub fn handle(platform: Platform, handle: impl Into<String>) -> Self {
        Self {
            platform,
            key: AccountKey::Handle(handle.into()),
            instance: None,
        }
    }

    /// Short human form, e.g. `bluesky:alice.bsky.social` or `mastodon:@bob@mastodon.social`.
    pub fn display(&self) -> String {
        let v = match &self.key {
            AccountKey::Handle(h) => match &self.instance {
                Some(i) => format!("@{h}@{i}"),
                None => h.clone(),
            },
            AccountKey::Id(v) => v.clone(),
            AccountKey::CustomUrl(v) => format!("c/{v}"),
            AccountKey::LegacyUser(v) => format!("user/{v}"),
            AccountKey::Content(v) => format!("content/{v}"),
        };
        format!("{}:{v}", self.platform.key())
    }
}

/// An account's public profile at one moment.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct Profile {
    /// Stable platform id (DID, channel id, numeric user id, `user@instance` for Mastodon).
    pub id: String,
    /// Handle without a leading `@` (for Mastodon: `user@instance`).
    pub handle: String,
    /// Display name, if set.
    pub display_name: Option<String>,
    /// Biography / description text.
    pub bio: Option<String>,
    /// Avatar image URL.
    pub avatar_url: Option<String>,
    /// Canonical public profile URL.
    pub url: String,
    /// Followers (subscribers on YouTube).
    pub followers: Option<u64>,
    /// Accounts followed.
    pub following: Option<u64>,
    /// Total posts / videos as the profile states it.
    pub posts_count: Option<u64>,
    /// Total likes received (TikTok "hearts"), where given.
    pub total_likes: Option<u64>,
    /// Total views (YouTube channel views), where given.
    pub total_views: Option<u64>,
    /// Account creation time, where given.
    pub created_at: Option<DateTime<Utc>>,
    /// Verified badge, where the platform has one.
    pub verified: Option<bool>,
    /// Private / protected account.
    pub is_private: Option<bool>,
    /// Links from the bio or profile fields.
    pub links: Vec<String>,
    /// Country / market, where the source states it.
    pub country: Option<String>,
    /// Moderation or self labels the platform attaches.
    pub labels: Vec<String>,
}

/// What kind of item a post is, relative to the creator.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum PostKind {
    /// The creator's own post (including quotes and self-thread continuations).
    #[default]
    Original,
    /// A re-share of someone else's post (Bluesky repost, Mastodon boost).
    Repost,
    /// The creator's reply to someone else.
    Reply,
}

/// One post, video or stream recording with its counts at fetch time.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct Post {
    /// Platform id (Bluesky at-uri, video id, status id).
    pub id: String,
    /// Public URL.
    pub url: Option<String>,
    /// Original, repost or reply.
    pub kind: PostKind,
    /// Publication time.
    pub created_at: DateTime<Utc>,
    /// Caption, post text or video description.
    pub text: String,
    /// Video title, where the platform has titles.
    pub title: Option<String>,
    /// Likes / favourites / hearts. `None` when unknown or hidden.
    pub likes: Option<u64>,
    /// True when the platform hides the like count (Instagram): not zero, unknown.
    pub likes_hidden: bool,
    /// Replies / comments.
    pub replies: Option<u64>,
    /// Reposts / boosts / shares.
    pub reposts: Option<u64>,
    /// Quote posts.
    pub quotes: Option<u64>,
    /// Views / plays.
    pub views: Option<u64>,
    /// The platform's own paid-partnership label, where the source exposes it.
    pub sponsored_label: Option<bool>,
    /// Declared or detected languages (BCP-47 codes), where given.
    pub languages: Vec<String>,
    /// Duration in seconds for videos.
    pub duration_secs: Option<u64>,
    /// For reposts: the original author's handle.
    pub reposted_from: Option<String>,
}

impl Post {
    /// Sum of the interaction counts that are known (likes + replies + reposts + quotes).
    pub fn interactions(&self) -> u64 {
        self.likes.unwrap_or(0)
            + self.replies.unwrap_or(0)
            + self.reposts.unwrap_or(0)
            + self.quotes.unwrap_or(0)
    }
}

/// A reply or comment on one of the creator's posts.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct Comment {
    /// Platform id of the comment.
    pub id: String,
    /// Id of the creator's post it replies to.
    pub post_id: String,
    /// Author's stable id.
    pub author_id: String,
    /// Author's handle.
    pub author_handle: String,
    /// Comment text.
    pub text: String,
    /// When it was written.
    pub created_at: Option<DateTime<Utc>>,
    /// Likes on the comment.
    pub likes: Option<u64>,
    /// The author's account features, where the source embeds them.
    pub author: Option<SampledAccount>,
}

/// One account from a follower or engager sample, with the features bot checks use.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct SampledAccount {
    /// Stable id.
    pub id: String,
    /// Handle / username.
    pub handle: String,
    /// Display name.
    pub display_name: Option<String>,
    /// Biography text (its length is a bot feature).
    pub bio: Option<String>,
    /// Has a custom avatar.
    pub has_avatar: Option<bool>,
    /// Followers.
    pub followers: Option<u64>,
    /// Following.
    pub following: Option<u64>,
    /// Posts / media count.
    pub posts_count: Option<u64>,
    /// Account creation time.
    pub created_at: Option<DateTime<Utc>>,
    /// Private account.
    pub is_private: Option<bool>,
}

/// A part of a snapshot that a vet can be missing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Part {
    /// Recent posts.
    Posts,
    /// Replies / comments.
    Comments,
    /// Follower sample.
    FollowerSample,
    /// Engager (liker) sample.
    EngagerSample,
    /// Like counts (hidden or not exposed).
    Likes,
    /// View counts.
    Views,
    /// Follower count.
    FollowerCount,
}

/// A declared gap in a snapshot, with the reason, so later checks say "not enough data".
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MissingPart {
    /// What is missing.
    pub part: Part,
    /// Why (e.g. "TikTok's public page gives no follower list", "no YouTube API key").
    pub reason: String,
}

/// Everything one vet gathered about one account, dated. Snapshots are append-only.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Snapshot {
    /// Which platform.
    pub platform: Platform,
    /// The profile at fetch time.
    pub profile: Profile,
    /// When the data was fetched.
    pub fetched_at: DateTime<Utc>,
    /// The creator's original posts, newest first.
    pub posts: Vec<Post>,
    /// Reposts of others and replies to others, kept apart from original posts.
    pub other_posts: Vec<Post>,
    /// Replies / comments on the creator's posts.
    pub comments: Vec<Comment>,
    /// A sample of followers; `None` when the source gives none.
    pub follower_sample: Option<Vec<SampledAccount>>,
    /// A sample of engagers (likers); `None` when the source gives none.
    pub engager_sample: Option<Vec<SampledAccount>>,
    /// Parts the source could not provide, with the reason.
    pub missing: Vec<MissingPart>,
    /// Non-fatal notes from parsing (unexpected but tolerated data).
    pub warnings: Vec<String>,
}

impl Snapshot {
    /// An empty snapshot for a profile (parts filled in by the caller).
    pub fn new(platform: Platform, profile: Profile, fetched_at: DateTime<Utc>) -> Self {
        Self {
            platform,
            profile,
            fetched_at,
            posts: Vec::new(),
            other_posts: Vec::new(),
            comments: Vec::new(),
            follower_sample: None,
            engager_sample: None,
            missing: Vec::new(),
            warnings: Vec::new(),
        }
    }

    /// Whether a part was declared missing.
    pub fn is_missing(&self, part: Part) -> bool {
        self.missing.iter().any(|m| m.part == part)
    }

    /// Declare a part missing (once).
    pub fn mark_missing(&mut self, part: Part, reason: impl Into<String>) {
        if !self.is_missing(part) {
            self.missing.push(MissingPart {
                part,
                reason: reason.into(),
            });
        }
    }
}
