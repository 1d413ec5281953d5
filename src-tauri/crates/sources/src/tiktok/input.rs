//! TikTok inputs: `tiktok.com/@user`, a video URL `tiktok.com/@user/video/ID`
//! (its author is in the URL), `tiktok.com/embed/v2/ID` (author resolved from
//! the video page) and `tiktok:user`.

use scout_core::{AccountKey, AccountRef, Platform};
use url::Url;

use crate::input::InputError;

const EXPECTED: &str =
    "a TikTok profile or video URL (tiktok.com/@user, tiktok.com/@user/video/ID) or tiktok:user";

fn account(key: AccountKey) -> AccountRef {
    AccountRef {
        platform: Platform::Tiktok,
        key,
        instance: None,
    }
}

/// A TikTok username: 2–24 letters, digits, `_` or `.`.
pub(crate) fn is_username(s: &str) -> bool {
    (2..=24).contains(&s.len())
        && s.chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '.')
}

fn is_video_id(s: &str) -> bool {
    (10..=25).contains(&s.len()) && s.chars().all(|c| c.is_ascii_digit())
}

/// A tiktok.com URL → the account. `None` for other hosts.
pub(crate) fn parse_url(url: &Url) -> Option<Result<AccountRef, InputError>> {
    let host = url.host_str()?.to_ascii_lowercase();
    if !(host == "tiktok.com" || host.ends_with(".tiktok.com")) {
        return None;
    }
    let fail = || Some(Err(InputError::new(url.as_str(), EXPECTED)));
    if host == "vm.tiktok.com" || host == "vt.tiktok.com" {
        // Short links need a redirect to resolve; ask for the full link.
        return Some(Err(InputError::new(
            url.as_str(),
            "the full TikTok link (open the short link and copy tiktok.com/@user/…)",
        )));
    }
    let segments: Vec<&str> = url
        .path_segments()
        .map(|s| s.filter(|p| !p.is_empty()).collect())
        .unwrap_or_default();
    match segments.as_slice() {
        [user, ..] if user.starts_with('@') => {
            let name = user.trim_start_matches('@');
            if is_username(name) {
                Some(Ok(account(AccountKey::Handle(name.to_ascii_lowercase()))))
            } else if let [_, "video", id, ..] = segments.as_slice() {
                if is_video_id(id) {
                    Some(Ok(account(AccountKey::Content((*id).to_string()))))
                } else {
                    fail()
                }
            } else {
                fail()
            }
        }
        ["embed", "v2", id, ..] | ["embed" | "video", id, ..] if is_video_id(id) => {
            Some(Ok(account(AccountKey::Content((*id).to_string()))))
        }
        _ => fail(),
    }
}

/// The part after `tiktok:`: `user` or `@user`.
pub(crate) fn parse_prefixed(rest: &str) -> Option<Result<AccountRef, InputError>> {
    crate::input::prefixed_username(Platform::Tiktok, rest, is_username, EXPECTED)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(s: &str) -> AccountKey {
        parse_url(&Url::parse(s).unwrap()).unwrap().unwrap().key
    }

    #[test]
    fn profile_and_video_urls() {
        assert_eq!(
            key("https://www.tiktok.com/@scout.demo"),
            AccountKey::Handle("scout.demo".into())
        );
        assert_eq!(
            key("https://www.tiktok.com/@Scout.Demo?lang=en"),
            AccountKey::Handle("scout.demo".into())
        );
        assert_eq!(
            key("https://www.tiktok.com/@patroxofficial/video/6742501081818877190"),
            AccountKey::Handle("patroxofficial".into())
        );
        assert_eq!(
            key("https://www.tiktok.com/embed/v2/6742501081818877190"),
            AccountKey::Content("6742501081818877190".into())
        );
        assert!(
            parse_url(&Url::parse("https://www.tiktok.com/foryou").unwrap())
                .unwrap()
                .is_err()
        );
        assert!(
            parse_url(&Url::parse("https://vm.tiktok.com/ZMabc/").unwrap())
                .unwrap()
                .is_err()
        );
        assert!(parse_url(&Url::parse("https://www.instagram.com/x").unwrap()).is_none());
        assert_eq!(
            parse_prefixed("@Scout_1").unwrap().unwrap().key,
            AccountKey::Handle("scout_1".into())
        );
    }
}
