//! Instagram inputs: `instagram.com/USER`, a post URL `/p/CODE/`, `/reel/CODE/`
//! or `/tv/CODE/` (its owner is resolved by the source) and `ig:USER`.

use scout_core::{AccountKey, AccountRef, Platform};
use url::Url;

use crate::input::InputError;

const EXPECTED: &str =
    "an Instagram profile or post URL (instagram.com/user, instagram.com/p/CODE/) or ig:user";

/// Top-level paths that are not profiles.
const RESERVED: &[&str] = &[
    "explore",
    "accounts",
    "direct",
    "about",
    "legal",
    "developer",
    "reels",
    "stories",
    "web",
    "api",
    "graphql",
    "challenge",
];

fn account(key: AccountKey) -> AccountRef {
    AccountRef {
        platform: Platform::Instagram,
        key,
        instance: None,
    }
}

/// An Instagram username: 1–30 letters, digits, `.` or `_`.
pub(crate) fn is_username(s: &str) -> bool {
    (1..=30).contains(&s.len())
        && s.chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '.' || c == '_')
}

fn is_shortcode(s: &str) -> bool {
    (5..=40).contains(&s.len())
        && s.chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
}

/// An instagram.com URL → the account. `None` for other hosts.
pub(crate) fn parse_url(url: &Url) -> Option<Result<AccountRef, InputError>> {
    let host = url.host_str()?.to_ascii_lowercase();
    if !["instagram.com", "www.instagram.com", "m.instagram.com"].contains(&host.as_str()) {
        return None;
    }
    let fail = || Some(Err(InputError::new(url.as_str(), EXPECTED)));
    let segments: Vec<&str> = url
        .path_segments()
        .map(|s| s.filter(|p| !p.is_empty()).collect())
        .unwrap_or_default();
    match segments.as_slice() {
        ["p" | "reel" | "reels" | "tv", code, ..] if is_shortcode(code) => {
            Some(Ok(account(AccountKey::Content((*code).to_string()))))
        }
        [user, "p" | "reel", code, ..] if is_username(user) && is_shortcode(code) => {
            Some(Ok(account(AccountKey::Handle(user.to_ascii_lowercase()))))
        }
        ["stories", user, ..] if is_username(user) && !RESERVED.contains(user) => {
            Some(Ok(account(AccountKey::Handle(user.to_ascii_lowercase()))))
        }
        [user, ..]
            if is_username(user)
                && !RESERVED.contains(user)
                && !["p", "tv", "reel"].contains(user) =>
        {
            Some(Ok(account(AccountKey::Handle(user.to_ascii_lowercase()))))
        }
        _ => fail(),
    }
}

/// The part after `ig:` / `instagram:`: `user` or `@user`.
pub(crate) fn parse_prefixed(rest: &str) -> Option<Result<AccountRef, InputError>> {
    crate::input::prefixed_username(Platform::Instagram, rest, is_username, EXPECTED)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(s: &str) -> AccountKey {
        parse_url(&Url::parse(s).unwrap()).unwrap().unwrap().key
    }

    #[test]
    fn profile_and_post_urls() {
        assert_eq!(
            key("https://www.instagram.com/bluebottle/"),
            AccountKey::Handle("bluebottle".into())
        );
        assert_eq!(
            key("https://instagram.com/Blue.Bottle?hl=en"),
            AccountKey::Handle("blue.bottle".into())
        );
        assert_eq!(
            key("https://www.instagram.com/p/CfUjwr8vyv2/"),
            AccountKey::Content("CfUjwr8vyv2".into())
        );
        assert_eq!(
            key("https://www.instagram.com/reel/Cay3CTXLREt/?igsh=x"),
            AccountKey::Content("Cay3CTXLREt".into())
        );
        assert_eq!(
            key("https://www.instagram.com/bluebottle/p/CfUjwr8vyv2/"),
            AccountKey::Handle("bluebottle".into())
        );
        assert!(
            parse_url(&Url::parse("https://www.instagram.com/explore/").unwrap())
                .unwrap()
                .is_err()
        );
        assert!(
            parse_url(&Url::parse("https://www.instagram.com/").unwrap())
                .unwrap()
                .is_err()
        );
        assert!(parse_url(&Url::parse("https://www.twitch.tv/x").unwrap()).is_none());
        assert_eq!(
            parse_prefixed("@qq122755990").unwrap().unwrap().key,
            AccountKey::Handle("qq122755990".into())
        );
    }
}
