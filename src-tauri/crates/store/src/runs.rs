//! Vet runs: [`RunRow`] and [`RunStatus`]. A run is started before fetching and
//! finished with the snapshot it stored or the error it ended with.

use chrono::{DateTime, Utc};
use rusqlite::{Connection, OptionalExtension, Row, params};
use serde::{Deserialize, Serialize};

use crate::codec::{Key, Time};
use crate::error::{Result, StoreError};
use crate::ids::{RunId, SnapshotId};

/// Where a run stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RunStatus {
    /// Started, not finished (or the process stopped before finishing it).
    Running,
    /// Stored a snapshot.
    Ok,
    /// Ended with an error.
    Error,
}

/// One vet run.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RunRow {
    /// Row id.
    pub id: RunId,
    /// What the user asked to vet (handle, URL).
    pub input: String,
    /// When it started.
    pub started_at: DateTime<Utc>,
    /// When it finished.
    pub finished_at: Option<DateTime<Utc>>,
    /// Outcome so far.
    pub status: RunStatus,
    /// The snapshot it stored (`None` if it failed, or the snapshot was deleted since).
    pub snapshot_id: Option<SnapshotId>,
    /// Error code (`SourceError` code) when it failed.
    pub error_code: Option<String>,
    /// Error message when it failed.
    pub error_message: Option<String>,
}

const COLUMNS: &str =
    "id, input, started_at, finished_at, status, snapshot_id, error_code, error_message";

fn from_row(r: &Row<'_>) -> rusqlite::Result<RunRow> {
    Ok(RunRow {
        id: r.get(0)?,
        input: r.get(1)?,
        started_at: r.get::<_, Time>(2)?.0,
        finished_at: r.get::<_, Option<Time>>(3)?.map(|t| t.0),
        status: r.get::<_, Key<RunStatus>>(4)?.0,
        snapshot_id: r.get(5)?,
        error_code: r.get(6)?,
        error_message: r.get(7)?,
    })
}

pub(crate) fn start(c: &Connection, input: &str, now: DateTime<Utc>) -> Result<RunId> {
    Ok(c.prepare_cached(
        "INSERT INTO runs (input, started_at, status) VALUES (?1, ?2, ?3) RETURNING id",
    )?
    .query_row(params![input, Time(now), Key(RunStatus::Running)], |r| {
        r.get(0)
    })?)
}

pub(crate) fn finish(
    c: &Connection,
    run: RunId,
    outcome: Result<SnapshotId, (&str, &str)>,
    now: DateTime<Utc>,
) -> Result<()> {
    let (status, snapshot, code, message) = match outcome {
        Ok(snapshot) => {
            if !c
                .prepare_cached("SELECT 1 FROM profile_snapshots WHERE id = ?1")?
                .exists([snapshot])?
            {
                return Err(StoreError::not_found(snapshot.to_string()));
            }
            (RunStatus::Ok, Some(snapshot), None, None)
        }
        Err((code, message)) => (RunStatus::Error, None, Some(code), Some(message)),
    };
    let changed = c
        .prepare_cached(
            "UPDATE runs SET finished_at = ?2, status = ?3, snapshot_id = ?4, error_code = ?5,
                             error_message = ?6
             WHERE id = ?1",
        )?
        .execute(params![
            run,
            Time(now),
            Key(status),
            snapshot,
            code,
            message
        ])?;
    if changed == 0 {
        Err(StoreError::not_found(run.to_string()))
    } else {
        Ok(())
    }
}

pub(crate) fn get(c: &Connection, id: RunId) -> Result<RunRow> {
    c.prepare_cached(&format!("SELECT {COLUMNS} FROM runs WHERE id = ?1"))?
        .query_row([id], from_row)
        .optional()?
        .ok_or_else(|| StoreError::not_found(id.to_string()))
}

pub(crate) fn recent(c: &Connection, n: usize) -> Result<Vec<RunRow>> {
    let limit = i64::try_from(n).unwrap_or(i64::MAX);
    let mut stmt = c.prepare_cached(&format!(
        "SELECT {COLUMNS} FROM runs ORDER BY started_at DESC, id DESC LIMIT ?1"
    ))?;
    let rows = stmt.query_map([limit], from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Store;
    use crate::testdata::{at, rich_snapshot};
    use std::sync::Arc;
    use std::sync::atomic::{AtomicI64, Ordering};

    fn store() -> Store {
        let secs = Arc::new(AtomicI64::new(0));
        Store::open_in_memory().unwrap().with_clock(move || {
            at("2025-03-01T10:00:00Z")
                + chrono::Duration::seconds(secs.fetch_add(10, Ordering::SeqCst))
        })
    }

    #[test]
    fn runs_record_their_outcome_newest_first() {
        let mut s = store();
        let ok = s
            .start_run("https://bsky.app/profile/alice.bsky.social")
            .unwrap(); // 10:00:00
        let snap = s.save_snapshot(&rich_snapshot(), &[], false).unwrap(); // :10
        s.finish_run(ok, Ok(snap)).unwrap(); // :20
        let bad = s.start_run("@nobody").unwrap(); // :30
        s.finish_run(bad, Err(("not_found", "Bluesky has no account 'nobody'")))
            .unwrap(); // :40
        let open = s.start_run("mkbhd").unwrap(); // :50

        let runs = s.recent_runs(10).unwrap();
        let ids: Vec<_> = runs.iter().map(|r| (r.id, r.status)).collect();
        assert_eq!(
            ids,
            [
                (open, RunStatus::Running),
                (bad, RunStatus::Error),
                (ok, RunStatus::Ok)
            ]
        );
        assert_eq!(
            runs[1],
            RunRow {
                id: bad,
                input: "@nobody".into(),
                started_at: at("2025-03-01T10:00:30Z"),
                finished_at: Some(at("2025-03-01T10:00:40Z")),
                status: RunStatus::Error,
                snapshot_id: None,
                error_code: Some("not_found".into()),
                error_message: Some("Bluesky has no account 'nobody'".into()),
            }
        );
        assert_eq!(runs[2].snapshot_id, Some(snap));
        assert_eq!(runs[0].finished_at, None);
        assert_eq!(s.recent_runs(1).unwrap().len(), 1);
        assert_eq!(s.run(ok).unwrap(), runs[2]);
    }

    #[test]
    fn finishing_unknown_runs_or_snapshots_is_not_found() {
        let mut s = store();
        let run = s.start_run("x").unwrap();
        assert!(matches!(
            s.finish_run(RunId(9), Err(("e", "m"))),
            Err(StoreError::NotFound { .. })
        ));
        assert!(matches!(
            s.finish_run(run, Ok(SnapshotId(9))),
            Err(StoreError::NotFound { .. })
        ));
        assert_eq!(s.run(run).unwrap().status, RunStatus::Running);
    }
}
