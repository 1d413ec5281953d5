//! Backup and restore of a whole workspace database to one file.
//!
//! [`Store::backup_to`] writes a consistent copy with `VACUUM INTO` (WAL contents
//! included; a temporary name renamed at the end, so a backup is never half-written).
//! [`check_workspace_file`] says whether a file is a Scout workspace this build can open
//! (an SQLite file, Scout's tables, a known schema version, intact pages).
//! [`Store::restore_from`] copies such a file over the open database with SQLite's
//! online backup API, so other connections to the file (readers) see the restored
//! data at their next read, then migrates it if it is older.

use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};

use rusqlite::{Connection, OpenFlags};

use crate::Store;
use crate::error::{Result, StoreError};
use crate::schema::{self, SCHEMA_VERSION};

/// Tables every Scout workspace has had since schema v1.
const REQUIRED_TABLES: &[&str] = &[
    "accounts",
    "profile_snapshots",
    "shortlists",
    "shortlist_entries",
];

fn not_a_workspace(path: &Path, reason: impl Into<String>) -> StoreError {
    StoreError::NotAWorkspace {
        path: path.to_path_buf(),
        reason: reason.into(),
    }
}

fn io(action: &'static str, path: &Path) -> impl FnOnce(std::io::Error) -> StoreError {
    let path = path.to_path_buf();
    move |source| StoreError::Io {
        action,
        path,
        source,
    }
}

/// Check that `path` is a Scout workspace this build can restore; returns its schema version.
pub fn check_workspace_file(path: &Path) -> Result<usize> {
    let mut header = [0u8; 16];
    let mut file = fs::File::open(path).map_err(io("open", path))?;
    let n = file.read(&mut header).map_err(io("read", path))?;
    if n < header.len() || &header != b"SQLite format 3\0" {
        return Err(not_a_workspace(path, "it is not an SQLite database"));
    }
    let conn = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY)
        .map_err(|e| not_a_workspace(path, format!("SQLite cannot open it ({e})")))?;
    let version = schema::user_version(&conn)
        .map_err(|e| not_a_workspace(path, format!("its schema version cannot be read ({e})")))?;
    if version == 0 {
        return Err(not_a_workspace(
            path,
            "it is an SQLite database but not a Scout workspace (no schema version)",
        ));
    }
    if version > SCHEMA_VERSION {
        return Err(not_a_workspace(
            path,
            format!(
                "it was made by a newer Scout (schema v{version}; this one knows up to v{SCHEMA_VERSION}): update Scout first"
            ),
        ));
    }
    for table in REQUIRED_TABLES {
        let found: bool = conn
            .query_row(
                "SELECT EXISTS (SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?1)",
                [table],
                |r| r.get(0),
            )
            .map_err(|e| not_a_workspace(path, format!("its tables cannot be read ({e})")))?;
        if !found {
            return Err(not_a_workspace(
                path,
                format!("it is an SQLite database without Scout's `{table}` table"),
            ));
        }
    }
    let check: String = conn
        .query_row("PRAGMA quick_check", [], |r| r.get(0))
        .map_err(|e| not_a_workspace(path, format!("its pages cannot be checked ({e})")))?;
    if check != "ok" {
        return Err(not_a_workspace(path, format!("it is damaged ({check})")));
    }
    Ok(version)
}

/// `VACUUM INTO` a temporary file beside `dest`, then rename it to `dest`.
pub(crate) fn vacuum_into(conn: &Connection, dest: &Path) -> Result<()> {
    let mut tmp_name = dest.file_name().unwrap_or_default().to_os_string();
    tmp_name.push(format!(".tmp-{}", std::process::id()));
    let tmp: PathBuf = dest.with_file_name(tmp_name);
    if tmp.exists() {
        fs::remove_file(&tmp).map_err(io("remove stale backup", &tmp))?;
    }
    let tmp_str = tmp.to_str().ok_or_else(|| StoreError::Io {
        action: "back up database to",
        path: tmp.clone(),
        source: std::io::Error::new(std::io::ErrorKind::InvalidInput, "path is not valid UTF-8"),
    })?;
    if let Err(e) = conn.execute("VACUUM INTO ?1", [tmp_str]) {
        let _ = fs::remove_file(&tmp);
        return Err(e.into());
    }
    fs::rename(&tmp, dest).map_err(io("back up database to", dest))?;
    Ok(())
}

impl Store {
    /// Write a consistent copy of the whole database to `dest` (replacing a file there).
    pub fn backup_to(&self, dest: &Path) -> Result<()> {
        if let Some(own) = self.path.as_deref() {
            let same = match (fs::canonicalize(own), fs::canonicalize(dest)) {
                (Ok(a), Ok(b)) => a == b,
                _ => false,
            };
            if same {
                return Err(StoreError::Invalid {
                    what: format!(
                        "a backup over the workspace's own database ({}): choose another file",
                        dest.display()
                    ),
                });
            }
        }
        if let Some(dir) = dest
            .parent()
            .filter(|d| !d.as_os_str().is_empty() && !d.is_dir())
        {
            return Err(StoreError::Io {
                action: "back up database to",
                path: dir.to_path_buf(),
                source: std::io::Error::new(
                    std::io::ErrorKind::NotFound,
                    "the folder does not exist",
                ),
            });
        }
        vacuum_into(&self.conn, dest)
    }

    /// Replace the whole database with the workspace in `src`, checked first by
    /// [`check_workspace_file`] (nothing changes when it is refused). The caller keeps
    /// the current state aside first ([`Store::backup_to`]). Returns the restored
    /// file's schema version (the database is then migrated to this build's).
    pub fn restore_from(&mut self, src: &Path) -> Result<usize> {
        let version = check_workspace_file(src)?;
        let from = Connection::open_with_flags(src, OpenFlags::SQLITE_OPEN_READ_ONLY)?;
        {
            let backup = rusqlite::backup::Backup::new(&from, &mut self.conn)?;
            backup.run_to_completion(256, std::time::Duration::from_millis(0), None)?;
        }
        drop(from);
        schema::configure(&self.conn)?;
        schema::migrate(&mut self.conn, self.path.as_deref(), schema::MIGRATIONS)?;
        Ok(version)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn store_with_shortlist(dir: &Path, name: &str) -> Store {
        let mut s = Store::open(&dir.join("scout.db")).unwrap();
        s.create_shortlist(name, None).unwrap();
        s
    }

    #[test]
    fn a_backup_restores_the_state_it_was_taken_in_and_readers_see_it() {
        let dir = tempfile::tempdir().unwrap();
        let mut s = store_with_shortlist(dir.path(), "Before");
        let file = dir.path().join("backup.scout");
        s.backup_to(&file).unwrap();
        assert_eq!(check_workspace_file(&file).unwrap(), SCHEMA_VERSION);

        s.create_shortlist("After", None).unwrap();
        let reader = Store::open_reader(&dir.path().join("scout.db")).unwrap();
        assert_eq!(reader.shortlists().unwrap().len(), 2);

        assert_eq!(s.restore_from(&file).unwrap(), SCHEMA_VERSION);
        let names: Vec<String> = s
            .shortlists()
            .unwrap()
            .into_iter()
            .map(|l| l.name)
            .collect();
        assert_eq!(names, ["Before"]);
        let names: Vec<String> = reader
            .shortlists()
            .unwrap()
            .into_iter()
            .map(|l| l.name)
            .collect();
        assert_eq!(
            names,
            ["Before"],
            "a reader opened before the restore sees it"
        );
        // The store still writes.
        s.create_shortlist("Later", None).unwrap();
    }

    #[test]
    fn files_that_are_not_workspaces_are_refused_and_nothing_changes() {
        let dir = tempfile::tempdir().unwrap();
        let mut s = store_with_shortlist(dir.path(), "Kept");

        let text = dir.path().join("notes.txt");
        fs::write(&text, "name,handle\nAlice,@alice\n").unwrap();
        let err = s.restore_from(&text).unwrap_err();
        assert_eq!(err.code(), "store.not_a_workspace");
        assert!(err.to_string().contains("not an SQLite database"), "{err}");

        let other = dir.path().join("other.db");
        Connection::open(&other)
            .unwrap()
            .execute_batch("CREATE TABLE t (x); PRAGMA user_version = 3;")
            .unwrap();
        let err = s.restore_from(&other).unwrap_err();
        assert!(
            err.to_string().contains("without Scout's `accounts` table"),
            "{err}"
        );

        let plain = dir.path().join("plain.db");
        Connection::open(&plain)
            .unwrap()
            .execute_batch("CREATE TABLE t (x);")
            .unwrap();
        let err = s.restore_from(&plain).unwrap_err();
        assert!(err.to_string().contains("not a Scout workspace"), "{err}");

        let newer = dir.path().join("newer.scout");
        s.backup_to(&newer).unwrap();
        Connection::open(&newer)
            .unwrap()
            .pragma_update(None, "user_version", SCHEMA_VERSION + 1)
            .unwrap();
        let err = s.restore_from(&newer).unwrap_err();
        assert!(err.to_string().contains("newer Scout"), "{err}");

        let names: Vec<String> = s
            .shortlists()
            .unwrap()
            .into_iter()
            .map(|l| l.name)
            .collect();
        assert_eq!(names, ["Kept"]);
        let err = s.backup_to(&dir.path().join("scout.db")).unwrap_err();
        assert!(err.to_string().contains("own database"), "{err}");
    }
}
