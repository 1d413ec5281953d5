//! The schema: numbered, forward-only SQL migrations embedded in the binary
//! ([`MIGRATIONS`]), connection settings, and the backup taken before an
//! existing database is migrated to a newer schema.

use std::path::{Path, PathBuf};

use rusqlite::Connection;
use rusqlite_migration::{M, Migrations};

use crate::error::{Result, StoreError};

/// Every migration, in order. Version N is the state after the Nth entry.
/// Never edit a shipped entry: append a new file instead.
pub(crate) const MIGRATIONS: &[M<'static>] = &[
    M::up(include_str!("../migrations/0001_init.sql")),
    M::up(include_str!("../migrations/0002_creator_facts.sql")),
    M::up(include_str!("../migrations/0003_jobs.sql")),
    M::up(include_str!("../migrations/0004_plans.sql")),
    M::up(include_str!("../migrations/0005_discovery.sql")),
    M::up(include_str!("../migrations/0006_team.sql")),
];

/// The schema version this build writes.
pub const SCHEMA_VERSION: usize = MIGRATIONS.len();

/// How long a statement waits for another connection's lock before failing with `Busy`.
const BUSY_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(5);

/// Per-connection settings: foreign keys, a busy timeout, WAL for files.
/// How many prepared statements a connection keeps (see [`configure`]).
pub(crate) const STATEMENT_CACHE: usize = 64;

pub(crate) fn configure(conn: &Connection) -> Result<()> {
    conn.busy_timeout(BUSY_TIMEOUT)?;
    // Saving one snapshot alone runs more distinct statements than rusqlite's
    // default cache of 16 holds; once it overflows every statement is parsed again.
    conn.set_prepared_statement_cache_capacity(STATEMENT_CACHE);
    conn.pragma_update(None, "foreign_keys", true)?;
    // `journal_mode` answers with the mode now in effect; in-memory databases say "memory".
    let mode: String = conn.pragma_update_and_check(None, "journal_mode", "WAL", |r| r.get(0))?;
    if mode != "wal" && mode != "memory" {
        tracing::warn!(
            mode,
            "SQLite refused WAL mode; concurrent app + CLI use will block more"
        );
    }
    // NORMAL is durable across application crashes under WAL and much faster than FULL.
    conn.pragma_update(None, "synchronous", "NORMAL")?;
    Ok(())
}

pub(crate) fn user_version(conn: &Connection) -> Result<usize> {
    let v: i64 = conn.pragma_query_value(None, "user_version", |r| r.get(0))?;
    usize::try_from(v).map_err(|_| StoreError::corrupt(format!("schema version {v}")))
}

/// Bring `conn` to the newest schema of `migrations`. For a file database
/// (`path` given) that already holds an older schema, first copy it to
/// `<file>.bak-v<old version>` next to it.
pub(crate) fn migrate(
    conn: &mut Connection,
    path: Option<&Path>,
    migrations: &'static [M<'static>],
) -> Result<()> {
    let latest = migrations.len();
    let found = user_version(conn)?;
    if found > latest {
        return Err(StoreError::TooNew {
            path: path.map(Path::to_path_buf).unwrap_or_default(),
            found,
            supported: latest,
        });
    }
    if found == latest {
        return Ok(());
    }
    if let (Some(path), true) = (path, found > 0) {
        let backup = backup(conn, path, found)?;
        tracing::info!(from = found, to = latest, backup = %backup.display(), "migrating database");
    }
    match Migrations::from_slice(migrations).to_latest(conn) {
        Ok(()) => Ok(()),
        // Another process (app and CLI started together) may have migrated first.
        Err(_) if user_version(conn)? == latest => Ok(()),
        Err(e) => Err(e.into()),
    }
}

/// The backup path for a database at schema `version`: `scout.db` → `scout.db.bak-v1`.
pub fn backup_path(db: &Path, version: usize) -> PathBuf {
    let mut name = db.file_name().unwrap_or_default().to_os_string();
    name.push(format!(".bak-v{version}"));
    db.with_file_name(name)
}

/// A consistent copy of the open database (WAL contents included) via `VACUUM INTO`,
/// written to a temporary name and renamed, so a backup file is never half-written.
fn backup(conn: &Connection, db: &Path, version: usize) -> Result<PathBuf> {
    let target = backup_path(db, version);
    crate::backup::vacuum_into(conn, &target)?;
    Ok(target)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn migrations_validate() {
        Migrations::from_slice(MIGRATIONS).validate().unwrap();
    }

    #[test]
    fn backup_name_appends_the_old_version() {
        let p = Path::new("/data/scout.db");
        assert_eq!(backup_path(p, 3), Path::new("/data/scout.db.bak-v3"));
    }

    #[test]
    fn a_fresh_database_reaches_the_newest_version_with_all_tables() {
        let mut conn = Connection::open_in_memory().unwrap();
        configure(&conn).unwrap();
        migrate(&mut conn, None, MIGRATIONS).unwrap();
        assert_eq!(user_version(&conn).unwrap(), SCHEMA_VERSION);
        let mut tables: Vec<String> = conn
            .prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
            .unwrap()
            .query_map([], |r| r.get(0))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap();
        tables.retain(|t| !t.starts_with("sqlite_"));
        assert_eq!(
            tables,
            [
                "accounts",
                "brands",
                "comments",
                "creator_facts",
                "creator_fit",
                "discovered",
                "discovery_results",
                "discovery_runs",
                "dismissals",
                "findings",
                "follower_samples",
                "job_items",
                "jobs",
                "linked_accounts",
                "plan_items",
                "plan_links",
                "plans",
                "post_metrics",
                "posts",
                "profile_snapshots",
                "quoted_fees",
                "raw_responses",
                "runs",
                "saved_searches",
                "settings",
                "shortlist_entries",
                "shortlists",
                "team_link",
                "team_log",
                "team_outbox",
                "team_snapshots",
            ]
        );
    }
}
