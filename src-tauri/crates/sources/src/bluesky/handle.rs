//! Bluesky inputs: handles and DIDs, validated with the AT Protocol rules, and
//! `bsky.app` / `at://` URLs. Used by [`crate::input`] through [`parse_url`],
//! [`parse_at_uri`] and [`parse_prefixed`]; [`validate_handle`] and
//! [`validate_did`] are the syntax checks.

use scout_core::{AccountKey, AccountRef, Platform};
use url::Url;

use crate::input::InputError;

/// Accepted Bluesky forms, for error messages.
pub const BLUESKY_FORMS: &str = "a Bluesky handle (alice.bsky.social or @alice.bsky.social), a DID \
(did:plc:… or did:web:…), bsky:<handle> or https://bsky.app/profile/<handle or DID>";

/// Web hosts whose `/profile/<actor>` pages are Bluesky profiles.
const PROFILE_HOSTS: &[&str] = &[
    "bsky.app",
    "www.bsky.app",
    "staging.bsky.app",
    "main.bsky.dev",
];

/// Top-level domains the handle spec says must not be used for handles.
const DISALLOWED_TLDS: &[&str] = &[
    "alt",
    "arpa",
    "example",
    "internal",
    "invalid",
    "local",
    "localhost",
    "onion",
];

/// Why a handle is not valid, or `Ok` with the normalised (lower-case) handle.
///
/// Rules (atproto "Handle" spec): at most 253 ASCII characters; at least two
/// dot-separated segments; each segment 1–63 of `a-z 0-9 -`, not starting or
/// ending with `-`; the last segment (TLD) does not start with a digit; TLDs
/// reserved for special use are refused.
pub fn validate_handle(handle: &str) -> Result<String, String> {
    if handle.is_empty() {
        return Err("the handle is empty".into());
    }
    if handle.len() > 253 {
        return Err("a handle has at most 253 characters".into());
    }
    if !handle.is_ascii() {
        return Err("a handle is ASCII only (use the punycode form, xn--…)".into());
    }
    let segments: Vec<&str> = handle.split('.').collect();
    if segments.len() < 2 {
        return Err(
            "a handle has at least two parts separated by dots, like alice.bsky.social".into(),
        );
    }
    for segment in &segments {
        if segment.is_empty() || segment.len() > 63 {
            return Err("each part of a handle has 1 to 63 characters".into());
        }
        if !segment
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-')
        {
            return Err("a handle holds only letters, digits, hyphens and dots".into());
        }
        if segment.starts_with('-') || segment.ends_with('-') {
            return Err("a part of a handle cannot start or end with a hyphen".into());
        }
    }
    let tld = segments[segments.len() - 1].to_ascii_lowercase();
    if tld.as_bytes()[0].is_ascii_digit() {
        return Err("the last part of a handle cannot start with a digit".into());
    }
    if DISALLOWED_TLDS.contains(&tld.as_str()) {
        return Err(format!("handles ending in .{tld} are not public"));
    }
    Ok(handle.to_ascii_lowercase())
}

/// Why a DID is not one Bluesky uses, or `Ok` with the DID.
///
/// `did:plc:` + 24 characters of base32 (`a-z`, `2-7`), or `did:web:` + a host name.
pub fn validate_did(did: &str) -> Result<String, String> {
    if let Some(id) = did.strip_prefix("did:plc:") {
        if id.len() == 24
            && id
                .bytes()
                .all(|b| b.is_ascii_lowercase() || (b'2'..=b'7').contains(&b))
        {
            return Ok(did.to_string());
        }
        return Err("a did:plc identifier is 24 characters of a-z and 2-7".into());
    }
    if let Some(host) = did.strip_prefix("did:web:") {
        return validate_handle(host)
            .map(|_| did.to_ascii_lowercase())
            .map_err(|_| "a did:web identifier is a host name, like did:web:example.com".into());
    }
    Err("Bluesky accounts have did:plc: or did:web: identifiers".into())
}

/// A handle or DID (optionally with a leading `@`) → account reference.
fn parse_actor(actor: &str, input: &str) -> Result<AccountRef, InputError> {
    let actor = actor.trim();
    let actor = actor.strip_prefix('@').unwrap_or(actor);
    let invalid = |why: String| InputError::new(input, format!("{BLUESKY_FORMS} ({why})"));
    if actor.starts_with("did:") {
        let did = validate_did(actor).map_err(invalid)?;
        return Ok(AccountRef {
            platform: Platform::Bluesky,
            key: AccountKey::Id(did),
            instance: None,
        });
    }
    let handle = validate_handle(actor).map_err(invalid)?;
    Ok(AccountRef::handle(Platform::Bluesky, handle))
}

/// `https://bsky.app/profile/<handle or DID>[/…]` → account. `None` for other hosts.
pub(crate) fn parse_url(url: &Url) -> Option<Result<AccountRef, InputError>> {
    let host = url.host_str()?.to_ascii_lowercase();
    if !PROFILE_HOSTS.contains(&host.as_str()) {
        return None;
    }
    let mut segments = url.path_segments()?.filter(|s| !s.is_empty());
    Some(match (segments.next(), segments.next()) {
        (Some("profile"), Some(actor)) => parse_actor(actor, url.as_str()),
        _ => Err(InputError::new(url.as_str(), BLUESKY_FORMS)),
    })
}

/// `at://<handle or DID>[/collection/rkey]` → the account that owns the record.
pub(crate) fn parse_at_uri(uri: &str) -> Result<AccountRef, InputError> {
    let rest = &uri["at://".len().min(uri.len())..];
    let authority = rest.split('/').next().unwrap_or_default();
    parse_actor(authority, uri)
}

/// A bare or `bsky:`-prefixed handle or DID (`alice.bsky.social`,
/// `@alice.bsky.social`, `did:plc:…`). Always `Some`: the `Option` keeps the
/// signature every platform's prefix hook shares.
#[allow(clippy::unnecessary_wraps)]
pub(crate) fn parse_prefixed(rest: &str) -> Option<Result<AccountRef, InputError>> {
    Some(parse_actor(rest, rest.trim()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn handle_rules() {
        let ok = [
            ("jbgruber.bsky.social", "jbgruber.bsky.social"),
            ("FavStats.EU", "favstats.eu"),
            ("8.cn", "8.cn"),
            ("xn--notarealidn.com", "xn--notarealidn.com"),
            ("a-b.c-d.test", "a-b.c-d.test"),
            ("john.t", "john.t"),
        ];
        for (input, normalised) in ok {
            assert_eq!(validate_handle(input).as_deref(), Ok(normalised), "{input}");
        }
        let long_segment = format!("{}.com", "a".repeat(64));
        let too_long = format!("{}.com", vec!["a".repeat(63); 4].join("."));
        let max_len = format!(
            "{}.{}.com",
            vec!["a".repeat(63); 3].join("."),
            "b".repeat(57)
        );
        assert_eq!(max_len.len(), 253);
        assert!(validate_handle(&max_len).is_ok());
        let bad = [
            "",
            "jbgruber",
            "jbgruber.",
            ".bsky.social",
            "a..b",
            "under_score.bsky.social",
            "-dash.bsky.social",
            "dash-.bsky.social",
            "numeric.123",
            "numeric.1com",
            "emoji🙂.bsky.social",
            "alice.local",
            "handle.invalid",
            "a.onion",
            long_segment.as_str(),
            too_long.as_str(),
        ];
        for input in bad {
            assert!(validate_handle(input).is_err(), "{input}");
        }
    }

    #[test]
    fn did_rules() {
        assert!(validate_did("did:plc:ntd53albt5ffa4rgervvgibd").is_ok());
        assert!(validate_did("did:web:example.com").is_ok());
        for bad in [
            "did:plc:short",
            "did:plc:NTD53ALBT5FFA4RGERVVGIBD",
            "did:plc:ntd53albt5ffa4rgervvgib1",
            "did:web:localhost",
            "did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK",
            "did:",
        ] {
            assert!(validate_did(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn urls_of_other_hosts_are_not_ours() {
        let url = Url::parse("https://youtube.com/@alice").unwrap();
        assert!(parse_url(&url).is_none());
    }

    #[test]
    fn at_uris() {
        assert_eq!(
            parse_at_uri("at://did:plc:ntd53albt5ffa4rgervvgibd/app.bsky.feed.post/3ljhlu2ijic2z")
                .unwrap()
                .key,
            AccountKey::Id("did:plc:ntd53albt5ffa4rgervvgibd".into())
        );
        assert!(parse_at_uri("at://").is_err());
    }
}
