//! Serde mirrors of the Mastodon REST API entities Scout reads: [`Account`],
//! [`Status`], [`Context`] and the error body [`ApiError`]; discovery reads the
//! same entities (search, hashtag timelines, the directory).
//!
//! Field names follow the API docs (docs.joinmastodon.org, `entities/Account`,
//! `entities/Status`, `entities/Context`) and the captured responses in the
//! corpus. Unknown fields are ignored; fields that some servers or versions
//! omit are `Option` or defaulted.

use chrono::{DateTime, Utc};
use serde::Deserialize;

/// `GET /api/v1/accounts/lookup`, `/api/v1/accounts/:id`, and every embedded account.
#[derive(Debug, Clone, Deserialize)]
pub struct Account {
    /// Local database id on the answering server (a string of digits).
    pub id: String,
    /// Username without the domain.
    pub username: String,
    /// `user` for local accounts, `user@domain` for remote ones.
    pub acct: String,
    /// Display name (may be empty).
    #[serde(default)]
    pub display_name: String,
    /// Follow requests need approval ("protected").
    #[serde(default)]
    pub locked: bool,
    /// Declared automated account.
    #[serde(default)]
    pub bot: bool,
    /// A group actor.
    #[serde(default)]
    pub group: bool,
    /// Creation time (some servers round it to midnight).
    pub created_at: Option<DateTime<Utc>>,
    /// Biography as HTML.
    #[serde(default)]
    pub note: String,
    /// Public profile page.
    pub url: Option<String>,
    /// Avatar image (a `missing.png` placeholder when unset).
    pub avatar: Option<String>,
    /// Followers.
    pub followers_count: Option<u64>,
    /// Following.
    pub following_count: Option<u64>,
    /// Statuses posted.
    pub statuses_count: Option<u64>,
    /// Date of the last status (`2026-04-11`; a date, not a time).
    pub last_status_at: Option<String>,
    /// Profile metadata fields (name/value HTML pairs).
    #[serde(default)]
    pub fields: Vec<Field>,
    /// Set (true) when the account is suspended.
    pub suspended: Option<bool>,
    /// Set (true) when the account is limited (silenced) by its server.
    pub limited: Option<bool>,
    /// The account it moved to, if it moved.
    pub moved: Option<Box<Account>>,
    /// The user hides follower and following lists.
    pub hide_collections: Option<bool>,
    /// The user opted out of search engine indexing.
    pub noindex: Option<bool>,
}

/// One profile metadata field.
#[derive(Debug, Clone, Deserialize)]
pub struct Field {
    /// Label.
    #[serde(default)]
    pub name: String,
    /// Value as HTML (links are `<a href>`).
    #[serde(default)]
    pub value: String,
    /// When the instance verified the `rel="me"` backlink of the link in `value`.
    pub verified_at: Option<String>,
}

/// One status (toot) from `/api/v1/accounts/:id/statuses` or a context.
#[derive(Debug, Clone, Deserialize)]
pub struct Status {
    /// Status id.
    pub id: String,
    /// Publication time.
    pub created_at: DateTime<Utc>,
    /// The status it replies to.
    pub in_reply_to_id: Option<String>,
    /// The account it replies to.
    pub in_reply_to_account_id: Option<String>,
    /// Content warning text.
    #[serde(default)]
    pub spoiler_text: String,
    /// ISO 639 language code, if declared.
    pub language: Option<String>,
    /// Public page of the status.
    pub url: Option<String>,
    /// Replies.
    pub replies_count: Option<u64>,
    /// Boosts.
    pub reblogs_count: Option<u64>,
    /// Favourites.
    pub favourites_count: Option<u64>,
    /// Quotes (Mastodon 4.4+).
    pub quotes_count: Option<u64>,
    /// Content as HTML (empty for boosts).
    #[serde(default)]
    pub content: String,
    /// Hashtags used.
    #[serde(default)]
    pub tags: Vec<StatusTag>,
    /// The boosted status, for a boost.
    pub reblog: Option<Box<Status>>,
    /// The author.
    pub account: Account,
}

/// A hashtag used in a status.
#[derive(Debug, Clone, Deserialize)]
pub struct StatusTag {
    /// Name without `#`.
    pub name: String,
}

/// `GET /api/v1/statuses/:id/context`.
#[derive(Debug, Clone, Deserialize)]
pub struct Context {
    /// Replies to the status, and replies to those.
    #[serde(default)]
    pub descendants: Vec<Status>,
}

/// An error body: `{"error":"Record not found"}`.
#[derive(Debug, Clone, Deserialize)]
pub struct ApiError {
    /// The message.
    pub error: String,
}
