//! Accounts on platforms Scout has no source for (`PeerTube`, `SoundCloud`).
//!
//! A bio or a link-in-bio page may link a `PeerTube` channel or a `SoundCloud`
//! profile. Such a link stays an outbound link: never a Scout account, never
//! linked as the same creator, its audience never added to a Scout figure. What
//! these readers give is context for that link — a name, a follower count as
//! the other platform states it — in [`OtherProfile`]. No run fetches them yet;
//! they read the public JSON APIs' answers as captured (`PeerTube`
//! `/api/v1/accounts/{name}`, `/api/v1/video-channels/{handle}`,
//! `/api/v1/accounts/{name}/videos`; `SoundCloud` api-v2 `/users/{id}` and
//! `/users/{id}/tracks`).
//!
//! [`platform_of_link`] tells which of the two a link points at.

use chrono::{DateTime, Utc};
use serde::Deserialize;
use url::Url;

/// A platform Scout has no source for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OtherPlatform {
    /// A `PeerTube` instance (any host).
    PeerTube,
    /// soundcloud.com.
    SoundCloud,
}

impl OtherPlatform {
    /// The platform's name as people write it.
    pub fn label(self) -> &'static str {
        match self {
            Self::PeerTube => "PeerTube",
            Self::SoundCloud => "SoundCloud",
        }
    }
}

/// An account elsewhere, as that platform states it: context for an outbound
/// link, not a Scout account.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OtherProfile {
    /// Which platform.
    pub platform: OtherPlatform,
    /// Public page of the account.
    pub url: String,
    /// Handle (`name@host` on `PeerTube`, the permalink on `SoundCloud`).
    pub handle: String,
    /// Display name, if set.
    pub display_name: Option<String>,
    /// Followers as the platform states them.
    pub followers: Option<u64>,
    /// Accounts followed.
    pub following: Option<u64>,
    /// Uploads (`SoundCloud` tracks), where stated.
    pub uploads: Option<u64>,
    /// Bio / description.
    pub bio: Option<String>,
    /// Verified badge, where the platform has one.
    pub verified: Option<bool>,
    /// Account creation time.
    pub created_at: Option<DateTime<Utc>>,
}

fn non_empty(s: Option<&str>) -> Option<String> {
    s.map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
}

/// Which other platform `link` points at: `soundcloud.com/<permalink>`, or a
/// `PeerTube` account or channel path (`/accounts/…`, `/a/…`, `/video-channels/…`,
/// `/c/…`) on any host. `None` for anything else.
pub fn platform_of_link(link: &str) -> Option<OtherPlatform> {
    let url = Url::parse(link).ok()?;
    let host = url
        .host_str()?
        .trim_start_matches("www.")
        .to_ascii_lowercase();
    let mut segments = url.path_segments()?.filter(|s| !s.is_empty());
    let first = segments.next()?;
    if host == "soundcloud.com" || host == "m.soundcloud.com" {
        return Some(OtherPlatform::SoundCloud);
    }
    let second = segments.next();
    (matches!(first, "accounts" | "a" | "video-channels" | "c") && second.is_some())
        .then_some(OtherPlatform::PeerTube)
}

/// `PeerTube` wire types and their mapping.
pub mod peertube {
    use super::{DateTime, Deserialize, OtherPlatform, OtherProfile, Utc, non_empty};

    /// `GET /api/v1/accounts/{name}` (also a channel's `ownerAccount`).
    #[derive(Debug, Clone, Deserialize)]
    #[serde(rename_all = "camelCase")]
    pub struct Account {
        /// Public page.
        pub url: String,
        /// Local name.
        pub name: String,
        /// Home instance.
        pub host: String,
        /// Display name.
        pub display_name: Option<String>,
        /// Description (may be `null`).
        pub description: Option<String>,
        /// Followers.
        pub followers_count: Option<u64>,
        /// Following.
        pub following_count: Option<u64>,
        /// Creation time.
        pub created_at: Option<DateTime<Utc>>,
    }

    /// `GET /api/v1/video-channels/{handle}`: an account's shape plus its owner.
    #[derive(Debug, Clone, Deserialize)]
    #[serde(rename_all = "camelCase")]
    pub struct VideoChannel {
        /// The channel's own account fields.
        #[serde(flatten)]
        pub channel: Account,
        /// The account that owns the channel.
        pub owner_account: Option<Account>,
    }

    /// `GET /api/v1/accounts/{name}/videos`: `{"total":N,"data":[Video]}`.
    #[derive(Debug, Clone, Deserialize)]
    pub struct VideosPage {
        /// All videos of the account.
        pub total: u64,
        /// This page.
        #[serde(default)]
        pub data: Vec<Video>,
    }

    /// One video.
    #[derive(Debug, Clone, Deserialize)]
    #[serde(rename_all = "camelCase")]
    pub struct Video {
        /// Title.
        pub name: String,
        /// Watch page.
        pub url: String,
        /// Views.
        pub views: Option<u64>,
        /// Likes.
        pub likes: Option<u64>,
        /// Publication time.
        pub published_at: Option<DateTime<Utc>>,
    }

    /// The profile an account (or channel) states.
    pub fn profile(a: &Account) -> OtherProfile {
        OtherProfile {
            platform: OtherPlatform::PeerTube,
            url: a.url.clone(),
            handle: format!("{}@{}", a.name, a.host),
            display_name: non_empty(a.display_name.as_deref()),
            followers: a.followers_count,
            following: a.following_count,
            uploads: None,
            bio: non_empty(a.description.as_deref()),
            verified: None,
            created_at: a.created_at,
        }
    }

    /// A channel's profile, with its video total when a videos page was read.
    pub fn channel_profile(c: &VideoChannel, videos: Option<&VideosPage>) -> OtherProfile {
        OtherProfile {
            uploads: videos.map(|v| v.total),
            ..profile(&c.channel)
        }
    }
}

/// `SoundCloud` wire types and their mapping.
pub mod soundcloud {
    use super::{DateTime, Deserialize, OtherPlatform, OtherProfile, Utc, non_empty};

    /// api-v2 `/users/{id}`.
    #[derive(Debug, Clone, Deserialize)]
    pub struct User {
        /// Numeric id.
        pub id: u64,
        /// URL name (`soundcloud.com/<permalink>`).
        pub permalink: String,
        /// Public page.
        pub permalink_url: String,
        /// Display name.
        pub username: Option<String>,
        /// Bio.
        pub description: Option<String>,
        /// Followers.
        pub followers_count: Option<u64>,
        /// Following.
        pub followings_count: Option<u64>,
        /// Public tracks.
        pub track_count: Option<u64>,
        /// Verified badge.
        pub verified: Option<bool>,
        /// Creation time.
        pub created_at: Option<DateTime<Utc>>,
    }

    /// api-v2 `/users/{id}/tracks`: `{"collection":[Track],"next_href":…}`.
    #[derive(Debug, Clone, Deserialize)]
    pub struct TracksPage {
        /// This page of tracks.
        #[serde(default)]
        pub collection: Vec<Track>,
        /// The next page, if any.
        pub next_href: Option<String>,
    }

    /// One track with its counts.
    #[derive(Debug, Clone, Deserialize)]
    pub struct Track {
        /// Title.
        pub title: String,
        /// Public page.
        pub permalink_url: String,
        /// Plays.
        pub playback_count: Option<u64>,
        /// Likes.
        pub likes_count: Option<u64>,
        /// Comments.
        pub comment_count: Option<u64>,
        /// Reposts.
        pub reposts_count: Option<u64>,
        /// Publication time.
        pub created_at: Option<DateTime<Utc>>,
    }

    /// The profile a user states.
    pub fn profile(u: &User) -> OtherProfile {
        OtherProfile {
            platform: OtherPlatform::SoundCloud,
            url: u.permalink_url.clone(),
            handle: u.permalink.clone(),
            display_name: non_empty(u.username.as_deref()),
            followers: u.followers_count,
            following: u.followings_count,
            uploads: u.track_count,
            bio: non_empty(u.description.as_deref()),
            verified: u.verified,
            created_at: u.created_at,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_to_other_platforms() {
        let p = |s| platform_of_link(s);
        assert_eq!(
            p("https://soundcloud.com/dubmatix"),
            Some(OtherPlatform::SoundCloud)
        );
        assert_eq!(
            p("https://framatube.org/accounts/framasoft"),
            Some(OtherPlatform::PeerTube)
        );
        assert_eq!(
            p("https://video.lqdn.fr/video-channels/lqdn_channel"),
            Some(OtherPlatform::PeerTube)
        );
        assert_eq!(
            p("https://tube.example/c/kitchen"),
            Some(OtherPlatform::PeerTube)
        );
        assert_eq!(p("https://example.com/accounts"), None, "no name");
        assert_eq!(p("https://example.com/blog/accounts"), None);
        assert_eq!(p("https://soundcloud.com/"), None);
        assert_eq!(p("not a url"), None);
    }

    #[test]
    fn blank_names_and_bios_are_none() {
        let a: peertube::Account = serde_json::from_str(
            r#"{"url":"https://t.example/accounts/a","name":"a","host":"t.example","displayName":" ","description":null,"followersCount":3}"#,
        )
        .unwrap();
        let p = peertube::profile(&a);
        assert_eq!(p.handle, "a@t.example");
        assert_eq!((p.display_name, p.bio, p.followers), (None, None, Some(3)));
    }
}
