//! The public sources Scout reads, and the words each uses for its counts.

use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// A public source of creator profiles.
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Platform {
    /// Bluesky (AT Protocol AppView).
    Bluesky,
    /// YouTube channels.
    Youtube,
    /// Mastodon (any instance).
    Mastodon,
    /// TikTok.
    Tiktok,
    /// Instagram.
    Instagram,
    /// Twitch.
    Twitch,
}

impl Platform {
    /// Every platform, in display order.
    pub const ALL: [Platform; 6] = [
        Platform::Bluesky,
        Platform::Youtube,
        Platform::Mastodon,
        Platform::Tiktok,
        Platform::Instagram,
        Platform::Twitch,
    ];

    /// Stable lowercase key (`"bluesky"`), used in the database and files.
    pub fn key(self) -> &'static str {
        match self {
            Platform::Bluesky => "bluesky",
            Platform::Youtube => "youtube",
            Platform::Mastodon => "mastodon",
            Platform::Tiktok => "tiktok",
            Platform::Instagram => "instagram",
            Platform::Twitch => "twitch",
        }
    }

    /// Human name (`"YouTube"`).
    pub fn name(self) -> &'static str {
        match self {
            Platform::Bluesky => "Bluesky",
            Platform::Youtube => "YouTube",
            Platform::Mastodon => "Mastodon",
            Platform::Tiktok => "TikTok",
            Platform::Instagram => "Instagram",
            Platform::Twitch => "Twitch",
        }
    }

    /// The platform's own word for its audience ("followers", "subscribers").
    pub fn audience_word(self) -> &'static str {
        match self {
            Platform::Youtube => "subscribers",
            _ => "followers",
        }
    }

    /// The platform's own word for one piece of content.
    pub fn post_word(self) -> &'static str {
        match self {
            Platform::Bluesky | Platform::Instagram => "post",
            Platform::Mastodon => "toot",
            Platform::Youtube | Platform::Tiktok | Platform::Twitch => "video",
        }
    }

    /// The platform's own word for a re-share.
    pub fn repost_word(self) -> &'static str {
        match self {
            Platform::Mastodon => "boosts",
            Platform::Tiktok => "shares",
            _ => "reposts",
        }
    }

    /// True where engagement is best measured per view rather than per follower.
    pub fn is_video(self) -> bool {
        matches!(
            self,
            Platform::Youtube | Platform::Tiktok | Platform::Twitch
        )
    }
}

impl fmt::Display for Platform {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// A platform name that Scout does not know.
#[derive(Debug, thiserror::Error)]
#[error(
    "unknown platform '{0}': expected one of bluesky, youtube, mastodon, tiktok, instagram, twitch"
)]
pub struct UnknownPlatform(pub String);

impl FromStr for Platform {
    type Err = UnknownPlatform;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_ascii_lowercase().as_str() {
            "bluesky" | "bsky" => Ok(Platform::Bluesky),
            "youtube" | "yt" => Ok(Platform::Youtube),
            "mastodon" => Ok(Platform::Mastodon),
            "tiktok" => Ok(Platform::Tiktok),
            "instagram" | "ig" => Ok(Platform::Instagram),
            "twitch" => Ok(Platform::Twitch),
            other => Err(UnknownPlatform(other.to_string())),
        }
    }
}
