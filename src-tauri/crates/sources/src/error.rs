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
    /// Network failure (DNS, connect, timeout, TLS).
    #[error("No connection to {host}: check the network, then retry (detail: {message})")]
    Network {
        /// host
        host: String,
        /// what went wrong
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
            SourceError::Credentials { .. } => "credentials",
        }
    }
}
