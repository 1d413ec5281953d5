//! Twitch inputs: `twitch.tv/NAME`, a video URL `twitch.tv/videos/ID` (its
//! owner resolved through Helix) and `twitch:NAME`.

use scout_core::{AccountKey, AccountRef, Platform};
use url::Url;

use crate::input::InputError;

const EXPECTED: &str = "a Twitch channel URL (twitch.tv/name) or twitch:name";

/// Top-level paths that are not channels.
const RESERVED: &[&str] = &[
    "directory",
    "settings",
    "search",
    "p",
    "downloads",
    "jobs",
    "turbo",
    "subscriptions",
    "inventory",
    "wallet",
    "drops",
    "friends",
    "messages",
    "payments",
    "prime",
];

fn account(key: AccountKey) -> AccountRef {
    AccountRef {
        platform: Platform::Twitch,
        key,
        instance: None,
    }
}

/// A Twitch login: 3–25 letters, digits or `_` (lower-cased).
pub(crate) fn is_login(s: &str) -> bool {
    (3..=25).contains(&s.len()) && s.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
}

/// A twitch.tv URL → the channel. `None` for other hosts.
pub(crate) fn parse_url(url: &Url) -> Option<Result<AccountRef, InputError>> {
    let host = url.host_str()?.to_ascii_lowercase();
    if !["twitch.tv", "www.twitch.tv", "m.twitch.tv", "go.twitch.tv"].contains(&host.as_str()) {
        return None;
    }
    let fail = || Some(Err(InputError::new(url.as_str(), EXPECTED)));
    let segments: Vec<&str> = url
        .path_segments()
        .map(|s| s.filter(|p| !p.is_empty()).collect())
        .unwrap_or_default();
    match segments.as_slice() {
        ["videos", id, ..] if !id.is_empty() && id.chars().all(|c| c.is_ascii_digit()) => {
            Some(Ok(account(AccountKey::Content((*id).to_string()))))
        }
        [name, ..] if is_login(name) && !RESERVED.contains(name) && *name != "videos" => {
            Some(Ok(account(AccountKey::Handle(name.to_ascii_lowercase()))))
        }
        _ => fail(),
    }
}

/// The part after `twitch:`: a login name.
pub(crate) fn parse_prefixed(rest: &str) -> Option<Result<AccountRef, InputError>> {
    crate::input::prefixed_username(Platform::Twitch, rest, is_login, EXPECTED)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(s: &str) -> AccountKey {
        parse_url(&Url::parse(s).unwrap()).unwrap().unwrap().key
    }

    #[test]
    fn channel_urls() {
        assert_eq!(
            key("https://www.twitch.tv/Day9tv"),
            AccountKey::Handle("day9tv".into())
        );
        assert_eq!(
            key("https://twitch.tv/vgbootcamp/videos"),
            AccountKey::Handle("vgbootcamp".into())
        );
        assert_eq!(
            key("https://www.twitch.tv/videos/1652727194"),
            AccountKey::Content("1652727194".into())
        );
        assert!(
            parse_url(&Url::parse("https://www.twitch.tv/directory").unwrap())
                .unwrap()
                .is_err()
        );
        assert!(parse_url(&Url::parse("https://bsky.app/profile/x").unwrap()).is_none());
        assert_eq!(
            parse_prefixed("Day9tv").unwrap().unwrap().key,
            AccountKey::Handle("day9tv".into())
        );
        assert!(parse_prefixed("a").unwrap().is_err());
    }
}
