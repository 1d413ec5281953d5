//! Background jobs: [`JobRow`] (a job with its item counts), [`JobItemRow`],
//! [`JobKind`], [`ItemState`] and [`ClaimedItem`] (what the runner works on).
//!
//! An item moves `pending → running → done | failed | cancelled`; `failed` and
//! `cancelled` items can go back to `pending` (retry). A vet item is marked done in
//! the same transaction that stores its snapshot ([`crate::Store::save_snapshot_for_job_item`]),
//! so after a crash an item is either done with its snapshot or still to do: items
//! left `running` go back to `pending` when the runner starts.

use chrono::{DateTime, Utc};
use rusqlite::{Connection, OptionalExtension, Row, params};
use serde::{Deserialize, Serialize};

use crate::codec::{Json, Key, Time, to_json};
use crate::error::{Result, StoreError};
use crate::ids::{AccountId, JobId, JobItemId, SnapshotId};

/// What a job does.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum JobKind {
    /// Vet the inputs a user gave.
    Vet,
    /// Re-vet shortlisted creators (by hand or on the schedule).
    Refresh,
    /// Write a PDF report of a shortlist.
    Report,
}

impl JobKind {
    /// The stored key (`vet`, `refresh`, `report`).
    pub fn key(self) -> &'static str {
        match self {
            JobKind::Vet => "vet",
            JobKind::Refresh => "refresh",
            JobKind::Report => "report",
        }
    }
}

/// Where one item of a job stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ItemState {
    /// Waiting for the runner.
    Pending,
    /// Being worked on (or the process stopped while it was).
    Running,
    /// Finished with its result stored.
    Done,
    /// Ended with an error (kept in the row); can be retried.
    Failed,
    /// Cancelled before it finished; can be retried.
    Cancelled,
}

impl ItemState {
    /// The stored key.
    pub fn key(self) -> &'static str {
        match self {
            ItemState::Pending => "pending",
            ItemState::Running => "running",
            ItemState::Done => "done",
            ItemState::Failed => "failed",
            ItemState::Cancelled => "cancelled",
        }
    }
}

/// A job with how many of its items are in each state.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct JobRow {
    /// Row id.
    pub id: JobId,
    /// What it does.
    pub kind: JobKind,
    /// One line for the jobs panel ("Vet 3 creators").
    pub title: String,
    /// Runner parameters beyond the items' inputs.
    pub params: serde_json::Value,
    /// When it was created.
    pub created_at: DateTime<Utc>,
    /// Items waiting.
    pub pending: u32,
    /// Items in progress.
    pub running: u32,
    /// Items done.
    pub done: u32,
    /// Items failed.
    pub failed: u32,
    /// Items cancelled.
    pub cancelled: u32,
    /// When its last item settled (`None` while any item is pending or running).
    pub finished_at: Option<DateTime<Utc>>,
}

impl JobRow {
    /// Every item of the job.
    pub fn total(&self) -> u32 {
        self.pending + self.running + self.done + self.failed + self.cancelled
    }

    /// No item is pending or running.
    pub fn is_settled(&self) -> bool {
        self.pending == 0 && self.running == 0
    }
}

/// One item of a job.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct JobItemRow {
    /// Row id.
    pub id: JobItemId,
    /// Its job.
    pub job_id: JobId,
    /// Order within the job, from 0.
    pub position: u32,
    /// What to work on (handle, URL, shortlist name).
    pub input: String,
    /// Where it stands.
    pub state: ItemState,
    /// How many times the runner started it.
    pub attempts: u32,
    /// When the last attempt started.
    pub started_at: Option<DateTime<Utc>>,
    /// When it settled.
    pub finished_at: Option<DateTime<Utc>>,
    /// The account a vet stored.
    pub account_id: Option<AccountId>,
    /// That account's handle.
    pub handle: Option<String>,
    /// The snapshot a vet stored.
    pub snapshot_id: Option<SnapshotId>,
    /// A result that is not a snapshot (a report's path).
    pub result: Option<String>,
    /// Error code when it failed.
    pub error_code: Option<String>,
    /// Error message when it failed.
    pub error_message: Option<String>,
}

/// An item the runner just moved to `running`, with what it needs to run it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ClaimedItem {
    /// The item.
    pub id: JobItemId,
    /// Its job.
    pub job_id: JobId,
    /// The job's kind.
    pub kind: JobKind,
    /// The job's parameters.
    pub params: serde_json::Value,
    /// Order within the job.
    pub position: u32,
    /// What to work on.
    pub input: String,
}

const JOB_COLUMNS: &str = "j.id, j.kind, j.title, j.params_json, j.created_at,
    COALESCE(SUM(i.state = 'pending'), 0), COALESCE(SUM(i.state = 'running'), 0),
    COALESCE(SUM(i.state = 'done'), 0), COALESCE(SUM(i.state = 'failed'), 0),
    COALESCE(SUM(i.state = 'cancelled'), 0), MAX(i.finished_at)";

fn job_from_row(r: &Row<'_>) -> rusqlite::Result<JobRow> {
    let mut job = JobRow {
        id: r.get(0)?,
        kind: r.get::<_, Key<JobKind>>(1)?.0,
        title: r.get(2)?,
        params: r.get::<_, Json<serde_json::Value>>(3)?.0,
        created_at: r.get::<_, Time>(4)?.0,
        pending: r.get(5)?,
        running: r.get(6)?,
        done: r.get(7)?,
        failed: r.get(8)?,
        cancelled: r.get(9)?,
        finished_at: r.get::<_, Option<Time>>(10)?.map(|t| t.0),
    };
    if !job.is_settled() {
        job.finished_at = None;
    }
    Ok(job)
}

const ITEM_COLUMNS: &str = "i.id, i.job_id, i.position, i.input, i.state, i.attempts,
    i.started_at, i.finished_at, i.account_id, a.handle, i.snapshot_id, i.result,
    i.error_code, i.error_message";

fn item_from_row(r: &Row<'_>) -> rusqlite::Result<JobItemRow> {
    Ok(JobItemRow {
        id: r.get(0)?,
        job_id: r.get(1)?,
        position: r.get(2)?,
        input: r.get(3)?,
        state: r.get::<_, Key<ItemState>>(4)?.0,
        attempts: r.get(5)?,
        started_at: r.get::<_, Option<Time>>(6)?.map(|t| t.0),
        finished_at: r.get::<_, Option<Time>>(7)?.map(|t| t.0),
        account_id: r.get(8)?,
        handle: r.get(9)?,
        snapshot_id: r.get(10)?,
        result: r.get(11)?,
        error_code: r.get(12)?,
        error_message: r.get(13)?,
    })
}

pub(crate) fn create(
    c: &Connection,
    kind: JobKind,
    title: &str,
    params: &serde_json::Value,
    inputs: &[String],
    now: DateTime<Utc>,
) -> Result<JobId> {
    if inputs.is_empty() {
        return Err(StoreError::invalid("a job without items"));
    }
    let id: JobId = c
        .prepare_cached(
            "INSERT INTO jobs (kind, title, params_json, created_at) VALUES (?1, ?2, ?3, ?4)
             RETURNING id",
        )?
        .query_row(
            params![
                Key(kind),
                title,
                to_json(params, "job parameters")?,
                Time(now)
            ],
            |r| r.get(0),
        )?;
    let mut insert = c.prepare_cached(
        "INSERT INTO job_items (job_id, position, input, state) VALUES (?1, ?2, ?3, 'pending')",
    )?;
    for (position, input) in inputs.iter().enumerate() {
        insert.execute(params![id, position as i64, input])?;
    }
    Ok(id)
}

pub(crate) fn get(c: &Connection, id: JobId) -> Result<JobRow> {
    c.prepare_cached(&format!(
        "SELECT {JOB_COLUMNS} FROM jobs j LEFT JOIN job_items i ON i.job_id = j.id
         WHERE j.id = ?1 GROUP BY j.id"
    ))?
    .query_row([id], job_from_row)
    .optional()?
    .ok_or_else(|| StoreError::not_found(id.to_string()))
}

pub(crate) fn recent(c: &Connection, n: usize) -> Result<Vec<JobRow>> {
    let limit = i64::try_from(n).unwrap_or(i64::MAX);
    let mut stmt = c.prepare_cached(&format!(
        "SELECT {JOB_COLUMNS} FROM jobs j LEFT JOIN job_items i ON i.job_id = j.id
         WHERE j.id IN (SELECT id FROM jobs WHERE dismissed = 0 ORDER BY id DESC LIMIT ?1)
         GROUP BY j.id ORDER BY j.id DESC"
    ))?;
    let rows = stmt.query_map([limit], job_from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub(crate) fn items(c: &Connection, job: JobId) -> Result<Vec<JobItemRow>> {
    get(c, job)?;
    let mut stmt = c.prepare_cached(&format!(
        "SELECT {ITEM_COLUMNS} FROM job_items i LEFT JOIN accounts a ON a.id = i.account_id
         WHERE i.job_id = ?1 ORDER BY i.position"
    ))?;
    let rows = stmt.query_map([job], item_from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub(crate) fn item(c: &Connection, id: JobItemId) -> Result<JobItemRow> {
    c.prepare_cached(&format!(
        "SELECT {ITEM_COLUMNS} FROM job_items i LEFT JOIN accounts a ON a.id = i.account_id
         WHERE i.id = ?1"
    ))?
    .query_row([id], item_from_row)
    .optional()?
    .ok_or_else(|| StoreError::not_found(id.to_string()))
}

/// Move the first pending item (oldest job first, then by position) to `running`.
pub(crate) fn claim(c: &Connection, now: DateTime<Utc>) -> Result<Option<ClaimedItem>> {
    let Some((id, job_id, position, input)) = c
        .prepare_cached(
            "UPDATE job_items SET state = 'running', attempts = attempts + 1, started_at = ?1,
                                  finished_at = NULL, error_code = NULL, error_message = NULL
             WHERE id = (SELECT id FROM job_items WHERE state = 'pending'
                         ORDER BY job_id, position LIMIT 1)
             RETURNING id, job_id, position, input",
        )?
        .query_row([Time(now)], |r| {
            Ok((
                r.get::<_, JobItemId>(0)?,
                r.get::<_, JobId>(1)?,
                r.get::<_, u32>(2)?,
                r.get::<_, String>(3)?,
            ))
        })
        .optional()?
    else {
        return Ok(None);
    };
    let (kind, params) = c
        .prepare_cached("SELECT kind, params_json FROM jobs WHERE id = ?1")?
        .query_row([job_id], |r| {
            Ok((
                r.get::<_, Key<JobKind>>(0)?.0,
                r.get::<_, Json<serde_json::Value>>(1)?.0,
            ))
        })?;
    Ok(Some(ClaimedItem {
        id,
        job_id,
        kind,
        params,
        position,
        input,
    }))
}

/// Settle a running item: done with its result, failed or cancelled with an error.
/// An item that is no longer running (cancelled meanwhile) keeps its state; returns
/// whether the item changed.
pub(crate) fn finish(
    c: &Connection,
    id: JobItemId,
    outcome: &ItemOutcome<'_>,
    now: DateTime<Utc>,
) -> Result<bool> {
    let (state, snapshot, result, code, message) = match outcome {
        ItemOutcome::Done { snapshot, result } => (ItemState::Done, *snapshot, *result, None, None),
        ItemOutcome::Failed { code, message } => {
            (ItemState::Failed, None, None, Some(*code), Some(*message))
        }
        ItemOutcome::Cancelled { message } => (
            ItemState::Cancelled,
            None,
            None,
            Some("cancelled"),
            Some(*message),
        ),
    };
    let account: Option<AccountId> = match snapshot {
        Some(s) => Some(
            c.prepare_cached("SELECT account_id FROM profile_snapshots WHERE id = ?1")?
                .query_row([s], |r| r.get(0))
                .optional()?
                .ok_or_else(|| StoreError::not_found(s.to_string()))?,
        ),
        None => None,
    };
    let changed = c
        .prepare_cached(
            "UPDATE job_items SET state = ?2, finished_at = ?3, account_id = ?4, snapshot_id = ?5,
                                  result = ?6, error_code = ?7, error_message = ?8
             WHERE id = ?1 AND state = 'running'",
        )?
        .execute(params![
            id,
            Key(state),
            Time(now),
            account,
            snapshot,
            result,
            code,
            message
        ])?;
    if changed == 0 {
        // Unknown item → not found; an item no longer running is left as it is.
        item(c, id)?;
    }
    Ok(changed > 0)
}

/// How a running item ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ItemOutcome<'a> {
    /// Finished: the snapshot it stored and/or another result (a report's path).
    Done {
        /// The snapshot a vet stored.
        snapshot: Option<SnapshotId>,
        /// Another result.
        result: Option<&'a str>,
    },
    /// Ended with an error `(code, message)`.
    Failed {
        /// Stable error code.
        code: &'a str,
        /// One line for a person.
        message: &'a str,
    },
    /// Stopped because the job was cancelled.
    Cancelled {
        /// Why, for the panel.
        message: &'a str,
    },
}

/// Pending items of a job → cancelled; returns how many.
pub(crate) fn cancel(c: &Connection, job: JobId, now: DateTime<Utc>) -> Result<usize> {
    get(c, job)?;
    Ok(c.prepare_cached(
        "UPDATE job_items SET state = 'cancelled', finished_at = ?2, error_code = 'cancelled',
                                  error_message = 'cancelled before it started'
             WHERE job_id = ?1 AND state = 'pending'",
    )?
    .execute(params![job, Time(now)])?)
}

/// Failed and cancelled items of a job (or only `item`) → pending; returns how many.
pub(crate) fn retry(c: &Connection, job: JobId, item: Option<JobItemId>) -> Result<usize> {
    get(c, job)?;
    Ok(c.prepare_cached(
        "UPDATE job_items SET state = 'pending', finished_at = NULL
             WHERE job_id = ?1 AND state IN ('failed', 'cancelled') AND (?2 IS NULL OR id = ?2)",
    )?
    .execute(params![job, item])?)
}

/// Every running item → pending (the process that ran them is gone); returns how many.
pub(crate) fn requeue_running(c: &Connection) -> Result<usize> {
    Ok(
        c.prepare_cached("UPDATE job_items SET state = 'pending' WHERE state = 'running'")?
            .execute([])?,
    )
}

/// Hide a job from [`recent`] (the caller checks it is settled).
pub(crate) fn dismiss(c: &Connection, job: JobId) -> Result<()> {
    get(c, job)?;
    c.prepare_cached("UPDATE jobs SET dismissed = 1 WHERE id = ?1")?
        .execute([job])?;
    Ok(())
}

/// Whether any job of `kind` has pending or running items.
pub(crate) fn active_of_kind(c: &Connection, kind: JobKind) -> Result<bool> {
    Ok(c.prepare_cached(
        "SELECT 1 FROM job_items i JOIN jobs j ON j.id = i.job_id
             WHERE j.kind = ?1 AND i.state IN ('pending', 'running') LIMIT 1",
    )?
    .exists([Key(kind)])?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Store;
    use crate::testdata::{at, raw_responses, rich_snapshot};
    use std::sync::Arc;
    use std::sync::atomic::{AtomicI64, Ordering};

    fn store() -> Store {
        let secs = Arc::new(AtomicI64::new(0));
        Store::open_in_memory().unwrap().with_clock(move || {
            at("2025-03-01T10:00:00Z")
                + chrono::Duration::seconds(secs.fetch_add(10, Ordering::SeqCst))
        })
    }

    fn inputs(names: &[&str]) -> Vec<String> {
        names.iter().map(|s| (*s).to_string()).collect()
    }

    fn states(s: &Store, job: JobId) -> Vec<ItemState> {
        s.job_items(job).unwrap().iter().map(|i| i.state).collect()
    }

    #[test]
    fn items_are_claimed_oldest_job_first_in_order_and_settle() {
        let mut s = store();
        let params = serde_json::json!({});
        let a = s
            .create_job(JobKind::Vet, "Vet 2", &params, &inputs(&["a", "b"]))
            .unwrap();
        let b = s
            .create_job(JobKind::Refresh, "Refresh", &params, &inputs(&["c"]))
            .unwrap();
        let claimed: Vec<(JobId, u32, String)> = std::iter::from_fn(|| s.claim_job_item().unwrap())
            .map(|c| (c.job_id, c.position, c.input))
            .collect();
        assert_eq!(
            claimed,
            [(a, 0, "a".into()), (a, 1, "b".into()), (b, 0, "c".into())]
        );
        assert_eq!(states(&s, a), [ItemState::Running, ItemState::Running]);

        let items = s.job_items(a).unwrap();
        assert!(
            s.finish_job_item(
                items[0].id,
                &ItemOutcome::Failed {
                    code: "not_found",
                    message: "Bluesky has no account 'a'"
                }
            )
            .unwrap()
        );
        let snap = s.save_snapshot(&rich_snapshot(), &[], false).unwrap();
        assert!(
            s.finish_job_item(
                items[1].id,
                &ItemOutcome::Done {
                    snapshot: Some(snap),
                    result: None
                }
            )
            .unwrap()
        );
        // Settling twice changes nothing.
        assert!(
            !s.finish_job_item(items[1].id, &ItemOutcome::Cancelled { message: "late" })
                .unwrap()
        );
        let job = s.job(a).unwrap();
        assert_eq!((job.done, job.failed, job.total()), (1, 1, 2));
        assert!(job.is_settled());
        assert!(job.finished_at.is_some());
        let items = s.job_items(a).unwrap();
        assert_eq!(items[0].error_code.as_deref(), Some("not_found"));
        assert_eq!(items[0].attempts, 1);
        assert_eq!(items[1].snapshot_id, Some(snap));
        assert_eq!(items[1].handle.as_deref(), Some("alice.bsky.social"));
        assert!(s.job(b).unwrap().finished_at.is_none());
        assert!(s.has_active_job(JobKind::Refresh).unwrap());
        assert!(!s.has_active_job(JobKind::Vet).unwrap());
        let recent: Vec<JobId> = s.recent_jobs(10).unwrap().iter().map(|j| j.id).collect();
        assert_eq!(recent, [b, a]);
        s.dismiss_job(a).unwrap();
        let recent: Vec<JobId> = s.recent_jobs(10).unwrap().iter().map(|j| j.id).collect();
        assert_eq!(recent, [b]);
    }

    #[test]
    fn the_snapshot_and_the_done_mark_are_one_transaction() {
        let mut s = store();
        let job = s
            .create_job(
                JobKind::Vet,
                "Vet",
                &serde_json::json!({}),
                &inputs(&["alice"]),
            )
            .unwrap();
        let item = s.claim_job_item().unwrap().unwrap();
        let snap = s
            .save_snapshot_for_job_item(&rich_snapshot(), &raw_responses(), item.id)
            .unwrap();
        let row = s.job_item(item.id).unwrap();
        assert_eq!((row.state, row.snapshot_id), (ItemState::Done, Some(snap)));
        assert_eq!(s.job(job).unwrap().done, 1);

        // An item that is not running refuses the snapshot, and the snapshot is rolled back.
        let before = s.accounts().unwrap()[0].clone();
        let err = s
            .save_snapshot_for_job_item(&rich_snapshot(), &[], item.id)
            .unwrap_err();
        assert!(matches!(err, StoreError::Invalid { .. }), "{err}");
        assert_eq!(s.snapshots_of(before.id).unwrap().len(), 1);
    }

    #[test]
    fn cancel_retry_and_requeue_after_a_restart() {
        let mut s = store();
        let job = s
            .create_job(
                JobKind::Vet,
                "Vet 3",
                &serde_json::json!({}),
                &inputs(&["a", "b", "c"]),
            )
            .unwrap();
        let first = s.claim_job_item().unwrap().unwrap();
        assert_eq!(s.cancel_job(job).unwrap(), 2);
        assert_eq!(
            states(&s, job),
            [
                ItemState::Running,
                ItemState::Cancelled,
                ItemState::Cancelled
            ]
        );
        // The running one is settled by whoever runs it.
        s.finish_job_item(first.id, &ItemOutcome::Cancelled { message: "stopped" })
            .unwrap();
        assert!(s.job(job).unwrap().is_settled());
        assert!(s.claim_job_item().unwrap().is_none());

        // Retry one item, then the rest.
        let items = s.job_items(job).unwrap();
        assert_eq!(s.retry_job(job, Some(items[2].id)).unwrap(), 1);
        assert_eq!(
            states(&s, job),
            [
                ItemState::Cancelled,
                ItemState::Cancelled,
                ItemState::Pending
            ]
        );
        assert_eq!(s.retry_job(job, None).unwrap(), 2);
        assert_eq!(s.job(job).unwrap().pending, 3);

        // Two running when "the process stops"; the next start puts them back, attempts kept.
        s.claim_job_item().unwrap().unwrap();
        s.claim_job_item().unwrap().unwrap();
        assert_eq!(s.requeue_running_job_items().unwrap(), 2);
        assert_eq!(s.job(job).unwrap().pending, 3);
        let again = s.claim_job_item().unwrap().unwrap();
        assert_eq!(again.position, 0);
        assert_eq!(s.job_item(again.id).unwrap().attempts, 3);
        assert!(matches!(
            s.cancel_job(JobId(99)),
            Err(StoreError::NotFound { .. })
        ));
        assert!(matches!(
            s.create_job(JobKind::Vet, "none", &serde_json::json!({}), &[]),
            Err(StoreError::Invalid { .. })
        ));
    }
}
