//! YouTube inputs: channel URLs (`/@handle`, `/channel/UC…`, `/c/NAME`,
//! `/user/NAME`), video URLs (`watch?v=`, `youtu.be/`, `/shorts/`, `/live/`,
//! `/embed/`) and prefixed names (`yt:@handle`, `yt:UC…`).

use scout_core::{AccountKey, AccountRef, Platform};
use url::Url;

use crate::input::InputError;

const EXPECTED: &str = "a YouTube channel or video URL (youtube.com/@handle, /channel/UC…, /c/NAME, /user/NAME, \
watch?v=…, youtu.be/…, /shorts/…) or yt:@handle";

fn account(key: AccountKey) -> AccountRef {
    AccountRef {
        platform: Platform::Youtube,
        key,
        instance: None,
    }
}

/// A YouTube channel id: `UC` and 22 URL-safe base64 characters.
pub(crate) fn is_channel_id(s: &str) -> bool {
    s.len() == 24
        && s.starts_with("UC")
        && s.chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
}

/// A video id: 11 URL-safe base64 characters.
fn is_video_id(s: &str) -> bool {
    s.len() == 11
        && s.chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
}

/// A handle (without `@`): 3–30 letters, digits, `.`, `_`, `-`.
fn is_handle(s: &str) -> bool {
    (3..=30).contains(&s.chars().count())
        && s.chars()
            .all(|c| c.is_alphanumeric() || c == '.' || c == '_' || c == '-')
}

/// A legacy custom or user name.
fn is_legacy_name(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= 100
        && s.chars()
            .all(|c| c.is_alphanumeric() || c == '_' || c == '-' || c == '.')
}

fn decoded(segment: &str) -> String {
    percent_encoding::percent_decode_str(segment)
        .decode_utf8_lossy()
        .into_owned()
}

/// A youtube.com / youtu.be URL → the channel it names (or the video whose
/// channel it is). `None` for other hosts.
pub(crate) fn parse_url(url: &Url) -> Option<Result<AccountRef, InputError>> {
    let host = url.host_str()?.to_ascii_lowercase();
    let fail = || Some(Err(InputError::new(url.as_str(), EXPECTED)));
    let segments: Vec<String> = url
        .path_segments()
        .map(|s| s.filter(|p| !p.is_empty()).map(decoded).collect())
        .unwrap_or_default();
    if host == "youtu.be" {
        return match segments.first() {
            Some(id) if is_video_id(id) => Some(Ok(account(AccountKey::Content(id.clone())))),
            _ => fail(),
        };
    }
    let owned = [
        "youtube.com",
        "www.youtube.com",
        "m.youtube.com",
        "music.youtube.com",
        "youtube-nocookie.com",
        "www.youtube-nocookie.com",
    ];
    if !owned.contains(&host.as_str()) {
        return None;
    }
    let first = segments.first().map(String::as_str).unwrap_or_default();
    let second = segments.get(1).map(String::as_str).unwrap_or_default();
    let key = if let Some(handle) = first.strip_prefix('@') {
        is_handle(handle).then(|| AccountKey::Handle(handle.to_string()))
    } else {
        match first {
            "channel" => is_channel_id(second).then(|| AccountKey::Id(second.to_string())),
            "c" => is_legacy_name(second).then(|| AccountKey::CustomUrl(second.to_string())),
            "user" => is_legacy_name(second).then(|| AccountKey::LegacyUser(second.to_string())),
            "watch" => url
                .query_pairs()
                .find(|(k, _)| k == "v")
                .map(|(_, v)| v.into_owned())
                .filter(|v| is_video_id(v))
                .map(AccountKey::Content),
            "shorts" | "live" | "embed" | "v" => {
                is_video_id(second).then(|| AccountKey::Content(second.to_string()))
            }
            _ => None,
        }
    };
    match key {
        Some(key) => Some(Ok(account(key))),
        None => fail(),
    }
}

/// The part after `yt:` / `youtube:`: `@handle`, `handle` or a `UC…` channel id.
#[allow(clippy::unnecessary_wraps)] // shares the prefix-hook signature of `input.rs`
pub(crate) fn parse_prefixed(rest: &str) -> Option<Result<AccountRef, InputError>> {
    let rest = rest.trim();
    if is_channel_id(rest) {
        return Some(Ok(account(AccountKey::Id(rest.to_string()))));
    }
    let handle = rest.strip_prefix('@').unwrap_or(rest);
    if is_handle(handle) {
        Some(Ok(account(AccountKey::Handle(handle.to_string()))))
    } else {
        Some(Err(InputError::new(rest, EXPECTED)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(s: &str) -> AccountKey {
        parse_url(&Url::parse(s).unwrap()).unwrap().unwrap().key
    }

    #[test]
    fn channel_and_video_urls() {
        assert_eq!(
            key("https://www.youtube.com/@MrBeast"),
            AccountKey::Handle("MrBeast".into())
        );
        assert_eq!(
            key("https://youtube.com/@kurzgesagt/videos"),
            AccountKey::Handle("kurzgesagt".into())
        );
        assert_eq!(
            key("https://www.youtube.com/channel/UCs6nmQViDpUw0nuIx9c_WvA"),
            AccountKey::Id("UCs6nmQViDpUw0nuIx9c_WvA".into())
        );
        assert_eq!(
            key("https://www.youtube.com/c/ProgrammingKnowledge"),
            AccountKey::CustomUrl("ProgrammingKnowledge".into())
        );
        assert_eq!(
            key("https://www.youtube.com/user/Kurzgesagt"),
            AccountKey::LegacyUser("Kurzgesagt".into())
        );
        assert_eq!(
            key("https://www.youtube.com/watch?v=2isYuQZMbdU&t=10s"),
            AccountKey::Content("2isYuQZMbdU".into())
        );
        assert_eq!(
            key("https://youtu.be/2isYuQZMbdU?si=x"),
            AccountKey::Content("2isYuQZMbdU".into())
        );
        assert_eq!(
            key("https://www.youtube.com/shorts/zg40FHOAqC0"),
            AccountKey::Content("zg40FHOAqC0".into())
        );
        assert_eq!(
            key("https://m.youtube.com/live/zg40FHOAqC0"),
            AccountKey::Content("zg40FHOAqC0".into())
        );
    }

    #[test]
    fn foreign_hosts_and_bad_paths() {
        assert!(parse_url(&Url::parse("https://www.tiktok.com/@x").unwrap()).is_none());
        assert!(
            parse_url(&Url::parse("https://www.youtube.com/feed/trending").unwrap())
                .unwrap()
                .is_err()
        );
        assert!(
            parse_url(&Url::parse("https://www.youtube.com/watch?v=short").unwrap())
                .unwrap()
                .is_err()
        );
        assert!(
            parse_url(&Url::parse("https://www.youtube.com/channel/nope").unwrap())
                .unwrap()
                .is_err()
        );
    }

    #[test]
    fn prefixed_names() {
        assert_eq!(
            parse_prefixed("@MLB").unwrap().unwrap().key,
            AccountKey::Handle("MLB".into())
        );
        assert_eq!(
            parse_prefixed("UCoLrcjPV5PbUrUyXq5mjc_A")
                .unwrap()
                .unwrap()
                .key,
            AccountKey::Id("UCoLrcjPV5PbUrUyXq5mjc_A".into())
        );
        assert!(parse_prefixed("a b").unwrap().is_err());
    }
}
