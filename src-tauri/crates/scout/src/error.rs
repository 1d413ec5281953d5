//! The façade's error: one type both shells map, with a stable machine code.

use scout_sources::SourceError;
use scout_store::StoreError;

use crate::keys::KeyError;

/// A failure of a workspace operation. `Display` is one line a user can act on.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The local store failed.
    #[error(transparent)]
    Store(#[from] StoreError),
    /// A source failed (network, not found, rate limited, …).
    #[error(transparent)]
    Source(#[from] SourceError),
    /// The keychain failed.
    #[error(transparent)]
    Key(#[from] KeyError),
    /// Something named does not exist.
    #[error("{0}")]
    NotFound(String),
    /// An argument is not acceptable.
    #[error("{0}")]
    Invalid(String),
    /// A file could not be read or written.
    #[error("{action} {path}: {source}")]
    Io {
        /// What was attempted.
        action: &'static str,
        /// The path.
        path: String,
        /// The cause.
        source: std::io::Error,
    },
    /// A report could not be produced.
    #[error("report: {0}")]
    Report(String),
    /// Team sync failed; `code` is one of `team.not_joined`, `team.revoked`,
    /// `team.unreachable`, `team.server`, `team.refused`.
    #[error("{message}")]
    Team {
        /// Stable code.
        code: &'static str,
        /// What happened and what to do.
        message: String,
    },
    /// The operation was cancelled.
    #[error("cancelled")]
    Cancelled,
}

impl Error {
    /// Stable code the shells branch on (never on message text).
    pub fn code(&self) -> &'static str {
        match self {
            Error::Store(e) => e.code(),
            Error::Source(e) => e.code(),
            Error::Key(_) => "keychain",
            Error::NotFound(_) => "not_found",
            Error::Invalid(_) => "invalid_input",
            Error::Io { .. } => "io",
            Error::Report(_) => "report",
            Error::Team { code, .. } => code,
            Error::Cancelled => "cancelled",
        }
    }

    pub(crate) fn io(action: &'static str, path: &std::path::Path, source: std::io::Error) -> Self {
        Error::Io {
            action,
            path: path.display().to_string(),
            source,
        }
    }
}

/// Result of a workspace operation.
pub type Result<T, E = Error> = std::result::Result<T, E>;
