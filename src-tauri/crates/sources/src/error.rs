//! Typed errors shared by every source. Messages say what failed and what the user can do,
//! and never contain a secret.

use scout_core::Platform;
use std::time::Duration;

/// Why a credential could not be used.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CredentialProblem {
    /// Not set in the keychain.
    Missing,
    /// Rejected by the service.
    Invalid,
}

/// An error from a source. `Display` is one line a user can act on.
#[derive(Debug, thiserror::Error)]
pub enum SourceError {
    /// The input could not be read as an account on any platform.
    #[error(transparent)]
    Input(#[from] crate::input::InputError),
    /// No such account.
    #[error("{platform}: no account '{account}' (check the spelling, or the account was deleted)")]
    NotFound {
        /// platform
        platform: Platform,
        /// account as given
        account: String,
    },
    /// The account exists but is private / protected.
    #[error("{platform}: '{account}' is private; Scout reads only public accounts")]
    Private {
        /// platform
        platform: Platform,
        /// account
        account: String,
    },
    /// The account was deactivated, suspended or taken down.
    #[error("{platform}: '{account}' is {state}")]
    Unavailable {
        /// platform
        platform: Platform,
        /// account
        account: String,
        /// "deactivated", "suspended", "taken down"
        state: String,
    },
    /// Rate limited and retries were used up.
    #[error("{platform}: rate limited by {host}{}; try again later", retry_after.map(|d| format!(" (retry after {}s)", d.as_secs())).unwrap_or_default())]
    RateLimited {
        /// platform
        platform: Platform,
        /// host that limited us
        host: String,
        /// how long the server asked us to wait
        retry_after: Option<Duration>,
    },
    /// The source wants a login to show this page.
    #[error(
        "{platform}: the public page asks for a login or a check instead of the profile; {hint}"
    )]
    LoginWall {
        /// platform
        platform: Platform,
        /// which credential would help
        hint: String,
    },
    /// The response was not in the expected shape (parser out of date, or a changed page).
    #[error(
        "{platform}: the response was not in the expected shape ({what}); the source may have changed its layout"
    )]
    LayoutChanged {
        /// the source whose layout changed
        platform: Platform,
        /// the field or element that was missing or wrong
        what: String,
    },
    /// Network failure (DNS, connect, timeout, TLS). `Display` says it in plain
    /// words ([`network_words`]: "No connection to bsky.app: check the network");
    /// the transport's own wording stays in `message` for logs.
    #[error("{}", network_words(host, message))]
    Network {
        /// host
        host: String,
        /// what went wrong (the transport's words, e.g. "could not connect: failed
        /// to lookup address information: …")
        message: String,
    },
    /// The response exceeded the size cap.
    #[error("response from {host} is larger than the {limit_bytes}-byte limit; refused")]
    TooLarge {
        /// host
        host: String,
        /// limit in bytes
        limit_bytes: usize,
    },
    /// An unexpected HTTP status.
    #[error("{platform}: unexpected HTTP {status} from {host}")]
    Http {
        /// platform
        platform: Platform,
        /// host
        host: String,
        /// status code
        status: u16,
    },
    /// A credential is missing or was rejected.
    #[error("{platform}: the {which} is {}; set it with `scout keys set {}` or in Settings", match problem { CredentialProblem::Missing => "not set", CredentialProblem::Invalid => "invalid or expired" }, platform.key())]
    Credentials {
        /// platform
        platform: Platform,
        /// which secret (label, never the value)
        which: String,
        /// missing or invalid
        problem: CredentialProblem,
    },
    /// An official API answered that the access token sent is invalid (TikTok's
    /// `error.code = access_token_invalid`); `message` is the API's own words.
    #[error("{platform}: the {api} rejected the access token as invalid ({message})")]
    TokenRejected {
        /// platform
        platform: Platform,
        /// which API, e.g. "official API (open.tiktokapis.com)"
        api: String,
        /// the API's message
        message: String,
    },
}

impl SourceError {
    /// Stable machine code for shells (`not_found`, `rate_limited`, …).
    pub fn code(&self) -> &'static str {
        match self {
            SourceError::Input(_) => "invalid_input",
            SourceError::NotFound { .. } => "not_found",
            SourceError::Private { .. } => "private",
            SourceError::Unavailable { .. } => "unavailable",
            SourceError::RateLimited { .. } => "rate_limited",
            SourceError::LoginWall { .. } => "login_wall",
            SourceError::LayoutChanged { .. } => "layout_changed",
            SourceError::Network { .. } => "network",
            SourceError::TooLarge { .. } => "too_large",
            SourceError::Http { .. } => "http",
            SourceError::Credentials { .. } | SourceError::TokenRejected { .. } => "credentials",
        }
    }
}

/// What kind of transport failure a [`SourceError::Network`] message describes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NetworkProblem {
    /// The host name could not be looked up (offline, no DNS).
    Lookup,
    /// Nothing accepted the connection.
    Refused,
    /// The host did not answer in time.
    Timeout,
    /// The secure connection could not be set up (certificate, TLS).
    Tls,
    /// The connection broke or the request failed otherwise.
    Other,
    /// Not a transport failure (a setting or an address Scout could not use).
    Setup,
}

impl NetworkProblem {
    /// Classify the transport's words (the `http` module's `describe`, which starts
    /// with "timed out", "could not connect", … and ends with the OS's own cause, on
    /// Linux, macOS and Windows alike).
    pub fn of(message: &str) -> Self {
        let m = message.to_ascii_lowercase();
        let any = |words: &[&str]| words.iter().any(|w| m.contains(w));
        if any(&[
            "failed to lookup address",
            "dns error",
            "name or service not known",
            "nodename nor servname",
            "no such host is known",
            "temporary failure in name resolution",
            "no address associated",
        ]) {
            Self::Lookup
        } else if any(&[
            "connection refused",
            "actively refused",
            "os error 111",
            "os error 10061",
        ]) {
            Self::Refused
        } else if any(&["timed out", "timeout"]) {
            Self::Timeout
        } else if any(&["certificate", "tls", "ssl", "handshake"]) {
            Self::Tls
        } else if any(&[
            "could not connect",
            "request failed",
            "cut off",
            "connection reset",
            "broken pipe",
            "too many redirects",
        ]) {
            Self::Other
        } else {
            Self::Setup
        }
    }
}

/// The site a person knows for an API host: `public.api.bsky.app` → `bsky.app`,
/// `www.googleapis.com` → `youtube.com`, `api.twitch.tv` → `twitch.tv`; any other
/// host (a Mastodon instance, a loopback address) as it is.
pub fn site_of(host: &str) -> String {
    let h = host.trim_end_matches('.').to_ascii_lowercase();
    let under = |domain: &str| h == domain || h.ends_with(&format!(".{domain}"));
    let site = if under("bsky.app") || under("bsky.social") || under("bsky.network") {
        "bsky.app"
    } else if under("youtube.com") || under("googleapis.com") || under("youtu.be") {
        "youtube.com"
    } else if under("tiktok.com") {
        "tiktok.com"
    } else if under("instagram.com") || under("facebook.com") {
        "instagram.com"
    } else if under("twitch.tv") {
        "twitch.tv"
    } else {
        return host.to_string();
    };
    site.to_string()
}

/// One line a person can act on for a network failure at `host`, without the
/// transport's internals ("failed to lookup address information", "os error 111").
pub fn network_words(host: &str, message: &str) -> String {
    let site = site_of(host);
    match NetworkProblem::of(message) {
        NetworkProblem::Lookup | NetworkProblem::Refused | NetworkProblem::Other => {
            format!("No connection to {site}: check the network, then retry")
        }
        NetworkProblem::Timeout => {
            format!(
                "No connection to {site}: it did not answer in time; check the network, then retry"
            )
        }
        NetworkProblem::Tls => format!(
            "No secure connection to {site}: check the network, the computer's clock and any proxy, then retry"
        ),
        NetworkProblem::Setup => format!("Cannot reach {site}: {message}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn network(host: &str, message: &str) -> String {
        SourceError::Network {
            host: host.into(),
            message: message.into(),
        }
        .to_string()
    }

    #[test]
    fn an_offline_lookup_names_the_site_in_plain_words() {
        // The words reqwest/hyper give on Linux, macOS and Windows for a failed lookup.
        for cause in [
            "could not connect: failed to lookup address information: Name or service not known",
            "could not connect: failed to lookup address information: nodename nor servname provided, or not known",
            "could not connect: dns error: No such host is known. (os error 11001)",
            "could not connect: failed to lookup address information: Temporary failure in name resolution",
        ] {
            let text = network("public.api.bsky.app", cause);
            assert_eq!(
                text, "No connection to bsky.app: check the network, then retry",
                "{cause}"
            );
        }
    }

    #[test]
    fn each_transport_failure_reads_without_internals() {
        let cases = [
            (
                "127.0.0.1",
                "could not connect: Connection refused (os error 111)",
                "No connection to 127.0.0.1: check the network, then retry",
            ),
            (
                "www.googleapis.com",
                "timed out: operation timed out",
                "No connection to youtube.com: it did not answer in time; check the network, then retry",
            ),
            (
                "api.twitch.tv",
                "could not connect: invalid peer certificate: UnknownIssuer",
                "No secure connection to twitch.tv: check the network, the computer's clock and any proxy, then retry",
            ),
            (
                "mastodon.social",
                "the response body was cut off or could not be decoded: connection reset",
                "No connection to mastodon.social: check the network, then retry",
            ),
            (
                "www.tiktok.com",
                "could not connect: Connection refused",
                "No connection to tiktok.com: check the network, then retry",
            ),
            (
                "graph.facebook.com",
                "timed out",
                "No connection to instagram.com: it did not answer in time; check the network, then retry",
            ),
        ];
        for (host, cause, want) in cases {
            let text = network(host, cause);
            assert_eq!(text, want, "{cause}");
            for internal in ["os error", "lookup", "peer", "detail"] {
                assert!(!text.contains(internal), "{text}");
            }
        }
        // Not a transport failure: the reason is kept.
        assert_eq!(
            network(
                "api.example",
                "rate limit must allow at least 1 request per second"
            ),
            "Cannot reach api.example: rate limit must allow at least 1 request per second"
        );
    }
}
