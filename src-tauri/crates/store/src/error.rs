//! [`StoreError`]: everything that can go wrong reading or writing the store,
//! each variant saying what failed and what the user can do about it.

use std::path::PathBuf;

use rusqlite::ErrorCode;

/// A failed store operation. Every write that returns an error has been rolled
/// back: nothing stored before the call is lost or half-changed.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// An `SQLite` error not covered by a more specific variant.
    #[error("database error: {0}")]
    Sqlite(#[source] rusqlite::Error),

    /// Another process (the app or the CLI) held a lock for longer than the busy timeout.
    #[error(
        "the database is busy: another Scout window or `scout` command is writing to it; try again in a moment"
    )]
    Busy,

    /// A schema migration failed; the database was left at its old version.
    #[error(
        "could not upgrade the database schema: {0}; the database was left at its old version and a backup (scout.db.bak-v<N>) sits next to it"
    )]
    Migration(String),

    /// The database was written by a newer Scout than this one.
    #[error(
        "the database at {path} uses schema v{found} but this Scout only knows up to v{supported}: update Scout, or point SCOUT_DATA_DIR at another folder"
    )]
    TooNew {
        /// Database file.
        path: PathBuf,
        /// Schema version found in the file.
        found: usize,
        /// Newest schema version this build knows.
        supported: usize,
    },

    /// A row the caller named does not exist.
    #[error("{what} not found")]
    NotFound {
        /// What was looked for, e.g. `snapshot 12`, `shortlist 'Spring'`.
        what: String,
    },

    /// A shortlist with that name already exists (names are case-insensitive).
    #[error("a shortlist named '{0}' already exists: choose another name or add to that shortlist")]
    ShortlistExists(String),

    /// A value cannot be stored as given (e.g. a count beyond 2^63, a NaN score).
    #[error("cannot store {what}")]
    Invalid {
        /// What was refused and why.
        what: String,
    },

    /// Stored data could not be read back into its type.
    #[error(
        "stored data is damaged ({what}): re-vet the creator, or restore a backup (scout.db.bak-v<N>) of the database"
    )]
    Corrupt {
        /// What could not be read.
        what: String,
    },

    /// This workspace syncs with a team in which its role may only read.
    #[error(
        "your role in the team workspace '{workspace}' is {role}: it can read but not change shortlists or briefs; ask your team's admin for a scout invite"
    )]
    ReadOnly {
        /// The team workspace.
        workspace: String,
        /// The role (`viewer`).
        role: &'static str,
    },

    /// A file offered for restore is not a Scout workspace this build can open.
    #[error(
        "{path} cannot be restored: {reason}; choose a file made by Settings → Back up or `scout backup`"
    )]
    NotAWorkspace {
        /// The file.
        path: PathBuf,
        /// What is wrong with it.
        reason: String,
    },

    /// A file-system operation on the database folder failed.
    #[error("could not {action} {path}: {source}; check the folder exists and is writable")]
    Io {
        /// What was being done (`create folder`, `back up database to`).
        action: &'static str,
        /// The path involved.
        path: PathBuf,
        /// The OS error.
        #[source]
        source: std::io::Error,
    },
}

impl StoreError {
    /// A stable machine-readable code for the error (for IPC `{ code, message }`).
    pub fn code(&self) -> &'static str {
        match self {
            StoreError::Sqlite(_) => "store.sqlite",
            StoreError::Busy => "store.busy",
            StoreError::Migration(_) => "store.migration",
            StoreError::TooNew { .. } => "store.too_new",
            StoreError::NotFound { .. } => "store.not_found",
            StoreError::ShortlistExists(_) => "store.shortlist_exists",
            StoreError::Invalid { .. } => "store.invalid",
            StoreError::Corrupt { .. } => "store.corrupt",
            StoreError::Io { .. } => "store.io",
            StoreError::NotAWorkspace { .. } => "store.not_a_workspace",
            StoreError::ReadOnly { .. } => "team.read_only",
        }
    }

    pub(crate) fn not_found(what: impl Into<String>) -> Self {
        StoreError::NotFound { what: what.into() }
    }

    pub(crate) fn corrupt(what: impl Into<String>) -> Self {
        StoreError::Corrupt { what: what.into() }
    }

    pub(crate) fn invalid(what: impl Into<String>) -> Self {
        StoreError::Invalid { what: what.into() }
    }
}

impl From<rusqlite::Error> for StoreError {
    fn from(e: rusqlite::Error) -> Self {
        use rusqlite::Error as E;
        match e {
            E::SqliteFailure(f, _)
                if matches!(f.code, ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked) =>
            {
                StoreError::Busy
            }
            E::SqliteFailure(f, msg)
                if matches!(f.code, ErrorCode::DatabaseCorrupt | ErrorCode::NotADatabase) =>
            {
                StoreError::corrupt(msg.unwrap_or_else(|| f.to_string()))
            }
            E::FromSqlConversionFailure(col, ty, err) => StoreError::corrupt(format!(
                "column {col} holds {ty} that does not convert: {err}"
            )),
            E::InvalidColumnType(_, name, ty) => {
                StoreError::corrupt(format!("column '{name}' holds an unexpected {ty}"))
            }
            E::IntegralValueOutOfRange(col, v) => {
                StoreError::corrupt(format!("column {col} holds {v}, out of range"))
            }
            E::ToSqlConversionFailure(err) => StoreError::invalid(err.to_string()),
            other => StoreError::Sqlite(other),
        }
    }
}

impl From<rusqlite_migration::Error> for StoreError {
    fn from(e: rusqlite_migration::Error) -> Self {
        match e {
            rusqlite_migration::Error::RusqliteError { err, query } => {
                match StoreError::from(err) {
                    StoreError::Busy => StoreError::Busy,
                    StoreError::Sqlite(err) if query.is_empty() => {
                        StoreError::Migration(err.to_string())
                    }
                    StoreError::Sqlite(err) => {
                        let first = query
                            .lines()
                            .find(|l| !l.trim().is_empty())
                            .unwrap_or_default();
                        StoreError::Migration(format!("{err} (while running `{}`)", first.trim()))
                    }
                    other => StoreError::Migration(other.to_string()),
                }
            }
            other => StoreError::Migration(other.to_string()),
        }
    }
}

/// Result alias for store operations.
pub type Result<T, E = StoreError> = std::result::Result<T, E>;
