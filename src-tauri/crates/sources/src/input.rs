//! Input parsing: a profile URL, handle or prefixed handle → [`AccountRef`].
//!
//! Main items: [`parse_input`] and [`InputError`]. The dispatch, in order:
//!
//! 1. A URL (with or without `https://`) goes to the platform that owns its host:
//!    each platform module's `parse_url(&Url) -> Option<Result<AccountRef, InputError>>`
//!    answers `None` for hosts it does not own. Bluesky, YouTube, TikTok,
//!    Instagram and Twitch are asked first; any other host is tried as a
//!    Mastodon instance last (`https://instance/@user`). `at://` URIs are Bluesky.
//! 2. A platform prefix (`bsky:`, `bluesky:`, `yt:`, `youtube:`, `tiktok:`, `ig:`,
//!    `instagram:`, `twitch:`, `mastodon:`) goes to that module's
//!    `parse_prefixed(rest) -> Option<Result<AccountRef, InputError>>`
//!    (Mastodon: `parse_acct`).
//! 3. `@user@instance` or `user@instance` is Mastodon (`mastodon::parse_acct`).
//! 4. Anything else (`alice.bsky.social`, `@alice.bsky.social`, `did:plc:…`) is
//!    a Bluesky handle or DID (`bluesky::parse_prefixed`).
//!
//! Errors name the forms that are accepted.

use scout_core::AccountRef;
use url::Url;

use crate::{bluesky, instagram, mastodon, tiktok, twitch, youtube};

/// Every accepted form, for error messages: each of the six platforms by name, with
/// the forms its parser accepts (URLs with or without `https://`).
pub const ACCEPTED_FORMS: &str = "one of these forms — \
Bluesky: alice.bsky.social, @alice.bsky.social, did:plc:…, bsky.app/profile/alice.bsky.social or bsky:alice.bsky.social; \
YouTube: youtube.com/@name, youtube.com/channel/UC…, a video link (youtube.com/watch?v=…, youtu.be/…) or yt:@name; \
Mastodon: @user@mastodon.social, https://mastodon.social/@user or mastodon:user@mastodon.social; \
TikTok: tiktok.com/@name, a video link (tiktok.com/@name/video/…) or tiktok:name; \
Instagram: instagram.com/name, a post link (instagram.com/p/…) or ig:name; \
Twitch: twitch.tv/name or twitch:name";

/// An input that names no account Scout can read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("'{input}' is not a creator Scout can read: expected {expected}")]
pub struct InputError {
    /// The input as given.
    pub input: String,
    /// What was expected instead.
    pub expected: String,
}

impl InputError {
    /// An error for `input`, saying what was `expected`.
    pub fn new(input: impl Into<String>, expected: impl Into<String>) -> Self {
        Self {
            input: input.into(),
            expected: expected.into(),
        }
    }
}

/// A URL parser hook: `None` when the URL's host is not the platform's.
type UrlHook = fn(&Url) -> Option<Result<AccountRef, InputError>>;
/// A prefixed-name parser hook: `None` when `rest` is not a form the platform knows.
type PrefixHook = fn(&str) -> Option<Result<AccountRef, InputError>>;

/// URL hooks in the order they are asked. Mastodon is last: it accepts any host.
const URL_HOOKS: [UrlHook; 6] = [
    bluesky::parse_url,
    youtube::parse_url,
    tiktok::parse_url,
    instagram::parse_url,
    twitch::parse_url,
    mastodon::parse_url,
];

/// Prefixes (lower case, without the colon) and the module that parses the rest.
const PREFIXES: [(&str, PrefixHook); 10] = [
    ("bsky", bluesky::parse_prefixed),
    ("bluesky", bluesky::parse_prefixed),
    ("yt", youtube::parse_prefixed),
    ("youtube", youtube::parse_prefixed),
    ("tiktok", tiktok::parse_prefixed),
    ("ig", instagram::parse_prefixed),
    ("instagram", instagram::parse_prefixed),
    ("twitch", twitch::parse_prefixed),
    ("mastodon", mastodon_acct),
    ("masto", mastodon_acct),
];

/// Parse one user input into an account reference (no network).
pub fn parse_input(input: &str) -> Result<AccountRef, InputError> {
    // Platform parsers see only part of the input; report the whole of it.
    parse_trimmed(input.trim()).map_err(|e| InputError {
        input: input.trim().to_string(),
        ..e
    })
}

fn parse_trimmed(trimmed: &str) -> Result<AccountRef, InputError> {
    let fail = || InputError::new(trimmed, ACCEPTED_FORMS);
    if trimmed.is_empty() {
        return Err(fail());
    }

    // 1. URLs, with or without a scheme; `at://` URIs name a Bluesky account.
    if trimmed
        .get(..5)
        .is_some_and(|s| s.eq_ignore_ascii_case("at://"))
    {
        return bluesky::parse_at_uri(trimmed);
    }
    if let Some(url) = as_url(trimmed) {
        for hook in URL_HOOKS {
            if let Some(result) = hook(&url) {
                return result;
            }
        }
        return Err(fail());
    }

    // 2. Platform prefixes (`did:` is not one: DIDs are Bluesky ids).
    if let Some((prefix, rest)) = trimmed.split_once(':') {
        let prefix = prefix.to_ascii_lowercase();
        if let Some((_, hook)) = PREFIXES.iter().find(|(p, _)| *p == prefix) {
            return hook(rest.trim()).unwrap_or_else(|| Err(fail()));
        }
    }

    // 3. Fediverse addresses.
    if trimmed.trim_start_matches('@').contains('@') {
        return mastodon_acct(trimmed).unwrap_or_else(|| Err(fail()));
    }

    // 4. Bluesky handle or DID. A bare word that is not one gets the list of every
    // platform's forms (the input could have meant any of the six), not Bluesky's rules.
    bluesky::parse_prefixed(trimmed)
        .unwrap_or_else(|| Err(fail()))
        .map_err(|_| fail())
}

/// `user@instance` or `@user@instance` → Mastodon (via `mastodon::parse_acct`,
/// which wants the leading `@`).
fn mastodon_acct(rest: &str) -> Option<Result<AccountRef, InputError>> {
    let rest = rest.trim();
    mastodon::parse_acct(&format!("@{}", rest.strip_prefix('@').unwrap_or(rest)))
}

/// Read `s` as an http(s) URL. Without a scheme, `host.tld/path` is
/// taken as `https://host.tld/path` (a bare `alice.bsky.social` is a handle, not a URL).
fn as_url(s: &str) -> Option<Url> {
    let lower = s.to_ascii_lowercase();
    if lower.starts_with("http://") || lower.starts_with("https://") {
        return Url::parse(s).ok();
    }
    if s.contains("://") {
        return None;
    }
    let (host, _) = s.split_once('/')?;
    if host.contains('.') && !host.contains('@') && !host.contains(':') {
        return Url::parse(&format!("https://{s}")).ok();
    }
    None
}

/// The handle after a `platform:` prefix (`user` or `@user`), lower-cased, if `valid`
/// accepts it; otherwise an error naming what was `expected`. Shared by the sources
/// whose prefixed form is a plain username.
#[allow(clippy::unnecessary_wraps)] // returns the prefix-hook signature directly
pub(crate) fn prefixed_username(
    platform: scout_core::Platform,
    rest: &str,
    valid: impl Fn(&str) -> bool,
    expected: &str,
) -> Option<Result<AccountRef, InputError>> {
    let name = rest.trim().trim_start_matches('@');
    Some(if valid(name) {
        Ok(AccountRef::handle(platform, name.to_ascii_lowercase()))
    } else {
        Err(InputError::new(rest.trim(), expected))
    })
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_bare_input_that_is_no_handle_lists_every_platform_form() {
        for input in ["not a handle!", "hello", "a..b"] {
            let err = parse_input(input).unwrap_err();
            for form in [
                "Bluesky: alice.bsky.social",
                "bsky.app/profile/",
                "YouTube: youtube.com/@name",
                "youtube.com/channel/UC",
                "yt:@name",
                "Mastodon: @user@mastodon.social",
                "TikTok: tiktok.com/@name",
                "tiktok:name",
                "Instagram: instagram.com/name",
                "ig:name",
                "Twitch: twitch.tv/name",
                "twitch:name",
            ] {
                assert!(
                    err.expected.contains(form),
                    "{input}: {} lacks {form}",
                    err.expected
                );
            }
        }
    }

    use super::*;
    use scout_core::{AccountKey, Platform};

    #[test]
    fn every_example_in_the_help_is_accepted_for_its_platform() {
        for (example, platform) in [
            ("alice.bsky.social", Platform::Bluesky),
            ("@alice.bsky.social", Platform::Bluesky),
            ("bsky.app/profile/alice.bsky.social", Platform::Bluesky),
            ("bsky:alice.bsky.social", Platform::Bluesky),
            ("youtube.com/@name", Platform::Youtube),
            ("yt:@name", Platform::Youtube),
            ("@user@mastodon.social", Platform::Mastodon),
            ("https://mastodon.social/@user", Platform::Mastodon),
            ("mastodon:user@mastodon.social", Platform::Mastodon),
            ("tiktok.com/@name", Platform::Tiktok),
            ("tiktok:name", Platform::Tiktok),
            ("instagram.com/name", Platform::Instagram),
            ("ig:name", Platform::Instagram),
            ("twitch.tv/name", Platform::Twitch),
            ("twitch:name", Platform::Twitch),
        ] {
            assert!(
                ACCEPTED_FORMS.contains(example),
                "{example} is not in the help"
            );
            let got = parse_input(example).unwrap_or_else(|e| panic!("{example}: {e}"));
            assert_eq!(got.platform, platform, "{example}");
        }
    }

    fn bsky_handle(h: &str) -> AccountRef {
        AccountRef::handle(Platform::Bluesky, h)
    }

    fn bsky_did(d: &str) -> AccountRef {
        AccountRef {
            platform: Platform::Bluesky,
            key: AccountKey::Id(d.into()),
            instance: None,
        }
    }

    #[test]
    fn bluesky_forms() {
        let did = "did:plc:ntd53albt5ffa4rgervvgibd";
        let cases: Vec<(&str, AccountRef)> = vec![
            (
                "https://bsky.app/profile/jbgruber.bsky.social",
                bsky_handle("jbgruber.bsky.social"),
            ),
            (
                "https://bsky.app/profile/JBGruber.bsky.social/",
                bsky_handle("jbgruber.bsky.social"),
            ),
            (
                "http://bsky.app/profile/favstats.eu",
                bsky_handle("favstats.eu"),
            ),
            ("bsky.app/profile/favstats.eu", bsky_handle("favstats.eu")),
            (
                "https://www.bsky.app/profile/favstats.eu?ref=x",
                bsky_handle("favstats.eu"),
            ),
            (
                "https://bsky.app/profile/favstats.eu/post/3ldyeiceffk2q",
                bsky_handle("favstats.eu"),
            ),
            (
                "https://bsky.app/profile/did:plc:ntd53albt5ffa4rgervvgibd",
                bsky_did(did),
            ),
            (
                "at://did:plc:ntd53albt5ffa4rgervvgibd/app.bsky.feed.post/3ljhlu2ijic2z",
                bsky_did(did),
            ),
            ("at://favstats.eu", bsky_handle("favstats.eu")),
            ("@jbgruber.bsky.social", bsky_handle("jbgruber.bsky.social")),
            (
                "  jbgruber.bsky.social  ",
                bsky_handle("jbgruber.bsky.social"),
            ),
            ("did:plc:ntd53albt5ffa4rgervvgibd", bsky_did(did)),
            ("did:web:example.com", bsky_did("did:web:example.com")),
            (
                "bsky:jbgruber.bsky.social",
                bsky_handle("jbgruber.bsky.social"),
            ),
            (
                "BSKY:@jbgruber.bsky.social",
                bsky_handle("jbgruber.bsky.social"),
            ),
            ("bluesky:did:plc:ntd53albt5ffa4rgervvgibd", bsky_did(did)),
            ("xn--ls8h.test", bsky_handle("xn--ls8h.test")),
        ];
        for (input, expected) in cases {
            assert_eq!(parse_input(input), Ok(expected), "{input}");
        }
    }

    #[test]
    fn rejected_inputs_name_the_accepted_forms() {
        for input in [
            "",
            "   ",
            "justaword",
            "@justaword",
            "bsky:justaword",
            "https://bsky.app/",
            "https://bsky.app/search?q=x",
            "https://bsky.app/profile/",
            "https://bsky.app/profile/not_valid.bsky.social",
            "did:plc:short",
            "did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK",
            "ftp://bsky.app/profile/alice.bsky.social",
        ] {
            let err = parse_input(input).expect_err(input);
            assert_eq!(err.input, input.trim());
            assert!(!err.expected.is_empty(), "{input}");
            let line = err.to_string();
            assert!(!line.contains('\n'), "one line: {line}");
        }
        let err = parse_input("justaword").unwrap_err();
        assert!(err.to_string().contains("bsky.app/profile"), "{err}");
    }

    #[test]
    fn dispatch_reaches_every_platform() {
        let id = |platform, v: &str| AccountRef {
            platform,
            key: AccountKey::Id(v.into()),
            instance: None,
        };
        let masto = |user: &str, instance: &str| AccountRef {
            platform: Platform::Mastodon,
            key: AccountKey::Handle(user.into()),
            instance: Some(instance.into()),
        };
        let cases: Vec<(&str, AccountRef)> = vec![
            (
                "https://www.youtube.com/@mkbhd",
                AccountRef::handle(Platform::Youtube, "mkbhd"),
            ),
            (
                "youtube.com/channel/UCBJycsmduvYEL83R_U4JriQ",
                id(Platform::Youtube, "UCBJycsmduvYEL83R_U4JriQ"),
            ),
            (
                "yt:UCBJycsmduvYEL83R_U4JriQ",
                id(Platform::Youtube, "UCBJycsmduvYEL83R_U4JriQ"),
            ),
            (
                "https://www.tiktok.com/@khaby.lame",
                AccountRef::handle(Platform::Tiktok, "khaby.lame"),
            ),
            (
                "tiktok:@khaby.lame",
                AccountRef::handle(Platform::Tiktok, "khaby.lame"),
            ),
            (
                "https://www.instagram.com/natgeo/",
                AccountRef::handle(Platform::Instagram, "natgeo"),
            ),
            (
                "ig:natgeo",
                AccountRef::handle(Platform::Instagram, "natgeo"),
            ),
            (
                "https://www.twitch.tv/shroud",
                AccountRef::handle(Platform::Twitch, "shroud"),
            ),
            (
                "twitch:shroud",
                AccountRef::handle(Platform::Twitch, "shroud"),
            ),
            (
                "https://mastodon.social/@Gargron",
                masto("Gargron", "mastodon.social"),
            ),
            (
                "@Gargron@mastodon.social",
                masto("Gargron", "mastodon.social"),
            ),
            (
                "Gargron@mastodon.social",
                masto("Gargron", "mastodon.social"),
            ),
            (
                "mastodon:@Gargron@mastodon.social",
                masto("Gargron", "mastodon.social"),
            ),
        ];
        for (input, expected) in cases {
            let got = parse_input(input).unwrap_or_else(|e| panic!("{input}: {e}"));
            assert_eq!(got.platform, expected.platform, "{input}");
            assert_eq!(got.key, expected.key, "{input}");
            assert_eq!(got.instance, expected.instance, "{input}");
        }
        // A platform's own complaint keeps the whole input.
        let err = parse_input("yt:  ").unwrap_err();
        assert_eq!(err.input, "yt:");
    }

    #[test]
    fn url_detection() {
        assert!(as_url("alice.bsky.social").is_none());
        assert!(as_url("did:plc:abc").is_none());
        assert!(as_url("@bob@mastodon.social").is_none());
        assert_eq!(
            as_url("bsky.app/profile/a.b").unwrap().as_str(),
            "https://bsky.app/profile/a.b"
        );
        assert!(as_url("https://bsky.app/profile/a.b").is_some());
    }
}
