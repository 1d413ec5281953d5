//! Serde mirrors of the Twitch responses Scout reads: the client-credentials
//! [`TokenResponse`] (`POST id.twitch.tv/oauth2/token`), Helix [`UsersResponse`]
//! (`/helix/users`), [`FollowersResponse`] (`/helix/channels/followers`),
//! [`VideosResponse`] (`/helix/videos`) and the error body [`HelixError`].
//!
//! Shapes follow the Twitch API reference and the captured Helix responses in
//! the corpus (ruby-twitch-api cassettes). Unknown fields are ignored.

use chrono::{DateTime, Utc};
use serde::Deserialize;

/// `{"access_token":"…","expires_in":5011271,"token_type":"bearer"}`.
#[derive(Debug, Clone, Deserialize)]
pub struct TokenResponse {
    /// The app access token.
    pub access_token: String,
    /// Lifetime in seconds.
    pub expires_in: Option<u64>,
}

/// `GET /helix/users`: `{"data":[User]}`.
#[derive(Debug, Clone, Deserialize)]
pub struct UsersResponse {
    /// Matching users (empty when none).
    #[serde(default)]
    pub data: Vec<User>,
}

/// One Helix user.
#[derive(Debug, Clone, Deserialize)]
pub struct User {
    /// Numeric id as a string.
    pub id: String,
    /// Login name (lower case).
    pub login: String,
    /// Display name.
    pub display_name: Option<String>,
    /// `staff`, `admin`, `global_mod` or empty.
    #[serde(default, rename = "type")]
    pub kind: String,
    /// `partner`, `affiliate` or empty.
    #[serde(default)]
    pub broadcaster_type: String,
    /// Channel description.
    pub description: Option<String>,
    /// Avatar.
    pub profile_image_url: Option<String>,
    /// Total channel views (deprecated by Twitch in 2022: now always 0).
    pub view_count: Option<u64>,
    /// Account creation time.
    pub created_at: Option<DateTime<Utc>>,
}

/// `GET /helix/channels/followers`: `{"total":N,"data":[…],"pagination":{…}}`.
/// With an app token only `total` is filled in; `data` needs a moderator's token.
#[derive(Debug, Clone, Deserialize)]
pub struct FollowersResponse {
    /// Followers of the broadcaster.
    pub total: Option<u64>,
    /// Follower entries (`user_id`, `user_login`, …; empty with an app token).
    #[serde(default)]
    pub data: Vec<serde_json::Value>,
}

/// `GET /helix/videos`: `{"data":[Video],"pagination":{"cursor":…}}`.
#[derive(Debug, Clone, Deserialize)]
pub struct VideosResponse {
    /// Videos, newest first.
    #[serde(default)]
    pub data: Vec<Video>,
}

/// One video (past broadcast, highlight or upload).
#[derive(Debug, Clone, Deserialize)]
pub struct Video {
    /// Video id.
    pub id: String,
    /// Owner's user id.
    pub user_id: Option<String>,
    /// Title.
    #[serde(default)]
    pub title: String,
    /// Description (often empty).
    #[serde(default)]
    pub description: String,
    /// Creation time.
    pub created_at: Option<DateTime<Utc>>,
    /// Publication time.
    pub published_at: Option<DateTime<Utc>>,
    /// Public page.
    pub url: Option<String>,
    /// Views.
    pub view_count: Option<u64>,
    /// ISO 639-1 language, or `other`.
    pub language: Option<String>,
    /// Duration like `3h45m54s`.
    pub duration: Option<String>,
}

/// Helix / id.twitch.tv error body: `{"error":"Unauthorized","status":401,"message":"…"}`.
#[derive(Debug, Clone, Deserialize)]
pub struct HelixError {
    /// The message.
    #[serde(default)]
    pub message: String,
}
