//! TikTok's official API v2 `GET /v2/user/info/?fields=…` (open.tiktokapis.com).
//!
//! Scout's TikTok connector reads the public profile page and sends no
//! request here: this endpoint answers only for the user who authorised an
//! approved TikTok app (an OAuth user token), so it fits a creator who connects
//! their own account, which Scout does not offer yet. What is here is the wire
//! format as captured (the `tiktok-rs` test bodies: a basic and a full answer
//! and the invalid-token error) and its mapping to [`scout_core::Profile`], so
//! such answers read the same as the page's figures.
//!
//! Every answer is an envelope `{"data": {"user": {…}}, "error": {"code",
//! "message", "log_id"}}`; `code = "ok"` is success. `access_token_invalid` is
//! [`SourceError::TokenRejected`]; any other code is
//! [`SourceError::Unavailable`] with TikTok's code and message.

use scout_core::{Platform, Profile};
use serde::Deserialize;

use crate::{RawResponse, SourceError};

const PLATFORM: Platform = Platform::Tiktok;
const API: &str = "official API (open.tiktokapis.com)";

/// The `/v2/user/info/` answer.
#[derive(Debug, Clone, Deserialize)]
pub struct UserInfoResponse {
    /// `{"user": …}` on success, `{}` on an error.
    #[serde(default)]
    pub data: UserInfoData,
    /// The status envelope (`code = "ok"` on success).
    pub error: ApiError,
}

/// `data` of the answer.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct UserInfoData {
    /// The user, with the fields that were asked for.
    pub user: Option<User>,
}

/// The user: only the requested `fields` are present (`open_id` always).
#[derive(Debug, Clone, Default, Deserialize)]
pub struct User {
    /// The user's id for this app.
    pub open_id: String,
    /// The user's id across the developer's apps.
    pub union_id: Option<String>,
    /// Avatar (168 px).
    pub avatar_url: Option<String>,
    /// Avatar (100 px).
    pub avatar_url_100: Option<String>,
    /// Avatar (large).
    pub avatar_large_url: Option<String>,
    /// Display name.
    pub display_name: Option<String>,
    /// Bio.
    pub bio_description: Option<String>,
    /// A `vm.tiktok.com` link to the profile.
    pub profile_deep_link: Option<String>,
    /// Verified badge.
    pub is_verified: Option<bool>,
    /// The @handle (scope `user.info.profile`).
    pub username: Option<String>,
    /// Followers.
    pub follower_count: Option<u64>,
    /// Accounts followed.
    pub following_count: Option<u64>,
    /// Likes received over all videos.
    pub likes_count: Option<u64>,
    /// Public videos.
    pub video_count: Option<u64>,
}

/// The status envelope of every answer.
#[derive(Debug, Clone, Deserialize)]
pub struct ApiError {
    /// `ok`, `access_token_invalid`, `scope_not_authorized`, …
    pub code: String,
    /// Human words (empty on success).
    #[serde(default)]
    pub message: String,
    /// TikTok's request id, for support.
    pub log_id: Option<String>,
}

/// Read a `/v2/user/info/` answer into a profile.
///
/// # Errors
/// [`SourceError::LayoutChanged`] for a body that is not the envelope, or `ok`
/// without a user; [`SourceError::TokenRejected`] for `access_token_invalid`;
/// [`SourceError::Unavailable`] for any other error code.
pub fn read_user_info(raw: &RawResponse) -> Result<Profile, SourceError> {
    let answer: UserInfoResponse =
        serde_json::from_slice(&raw.body).map_err(|e| SourceError::LayoutChanged {
            platform: PLATFORM,
            what: format!("/v2/user/info/: {{data, error}} ({e})"),
        })?;
    match answer.error.code.as_str() {
        "ok" => {}
        "access_token_invalid" => {
            return Err(SourceError::TokenRejected {
                platform: PLATFORM,
                api: API.into(),
                message: answer.error.message,
            });
        }
        code => {
            return Err(SourceError::Unavailable {
                platform: PLATFORM,
                account: "the authorised user".into(),
                state: format!("refused by the {API}: {code} ({})", answer.error.message),
            });
        }
    }
    let user = answer.data.user.ok_or_else(|| SourceError::LayoutChanged {
        platform: PLATFORM,
        what: "/v2/user/info/: data.user".into(),
    })?;
    Ok(map_user(user))
}

/// The profile a user gives: counts as TikTok states them, the handle when
/// `username` was asked for (else the open id), the public URL from the handle
/// or the deep link.
pub fn map_user(user: User) -> Profile {
    let non_empty = |s: Option<String>| s.filter(|s| !s.trim().is_empty());
    let username = non_empty(user.username);
    let url = match (&username, &user.profile_deep_link) {
        (Some(name), _) => format!("https://www.tiktok.com/@{name}"),
        (None, Some(link)) => link.clone(),
        (None, None) => String::new(),
    };
    Profile {
        handle: username.unwrap_or_else(|| user.open_id.clone()),
        id: user.open_id,
        display_name: non_empty(user.display_name),
        bio: non_empty(user.bio_description),
        avatar_url: non_empty(user.avatar_large_url)
            .or(non_empty(user.avatar_url))
            .or(non_empty(user.avatar_url_100)),
        url,
        followers: user.follower_count,
        following: user.following_count,
        posts_count: user.video_count,
        total_likes: user.likes_count,
        verified: user.is_verified,
        ..Profile::default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn raw(body: &str) -> RawResponse {
        RawResponse {
            role: "user_info".into(),
            url: "https://open.tiktokapis.com/v2/user/info/".into(),
            status: 200,
            content_type: None,
            fetched_at: chrono::DateTime::from_timestamp(0, 0).unwrap(),
            body: body.as_bytes().to_vec(),
        }
    }

    #[test]
    fn username_and_video_count_when_asked_for() {
        let p = read_user_info(&raw(
            r#"{"data":{"user":{"open_id":"o1","username":"mira","video_count":12,"display_name":" ","profile_deep_link":"https://vm.tiktok.com/x/"}},"error":{"code":"ok","message":"","log_id":"1"}}"#,
        ))
        .unwrap();
        assert_eq!(p.handle, "mira");
        assert_eq!(p.url, "https://www.tiktok.com/@mira");
        assert_eq!(p.posts_count, Some(12));
        assert_eq!(p.display_name, None, "a blank name is no name");
    }

    #[test]
    fn other_error_codes_and_bad_bodies() {
        let e = read_user_info(&raw(
            r#"{"data":{},"error":{"code":"scope_not_authorized","message":"no scope","log_id":"2"}}"#,
        ))
        .unwrap_err();
        assert_eq!(e.code(), "unavailable");
        assert!(
            e.to_string().contains("scope_not_authorized (no scope)"),
            "{e}"
        );
        let e = read_user_info(&raw(r#"{"data":{},"error":{"code":"ok"}}"#)).unwrap_err();
        assert_eq!(e.code(), "layout_changed");
        let e = read_user_info(&raw("<html>")).unwrap_err();
        assert_eq!(e.code(), "layout_changed");
    }
}
