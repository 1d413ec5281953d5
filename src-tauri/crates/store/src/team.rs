//! The team sync's local side: the link to a team server ([`TeamLink`]), the outbox
//! of local ops not yet accepted, the log of ops the server numbered, and the shared
//! state (shortlists, entries, briefs, snapshots) materialised from them.
//!
//! Invariants:
//! - While linked, every edit of shared data records its op in the outbox in the same
//!   transaction as the edit; a viewer's edit is refused before anything changes.
//! - The shared state of an entity is always a function of `team_log ∪ team_outbox`
//!   under the rules of `scout_core::sync` (last writer wins by `(clock, device)`,
//!   add-wins membership, newest note, newest brief version), so replicas that hold
//!   the same log agree, and a rejected op is undone by materialising again.
//! - A pulled page is applied with the cursor in one transaction: a crash mid-sync
//!   resumes after the last page applied, never skipping or doubling an op.

use std::collections::BTreeSet;

use base64::Engine as _;
use chrono::{DateTime, Utc};
use rusqlite::{Connection, OptionalExtension, params};
use scout_core::sync::api::{LoggedOp, PushOutcome};
use scout_core::sync::{Entity, Hlc, Op, Role, SnapshotValue, Stamp};
use scout_core::{Platform, Snapshot};
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};

use crate::codec::{Key, Time};
use crate::error::{Result, StoreError};
use crate::ids::{AccountId, ShortlistId, SnapshotId};
use crate::snapshots::{self, RawResponseRecord};
use crate::{brands, shortlists};

/// The link of this workspace to a team server.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TeamLink {
    /// Server base URL.
    pub server_url: String,
    /// Team workspace name.
    pub workspace: String,
    /// This device's public id.
    pub device: String,
    /// This device's name.
    pub device_name: String,
    /// This device's role.
    pub role: Role,
    /// Sequence number of the last op applied.
    pub cursor: i64,
    /// When this workspace joined.
    pub joined_at: DateTime<Utc>,
    /// When the last sync finished without error.
    pub last_sync_at: Option<DateTime<Utc>>,
    /// The last sync's error, if it failed.
    pub last_error: Option<String>,
}

/// A local op waiting for the server.
#[derive(Debug, Clone, PartialEq)]
pub struct OutboxOp {
    /// Outbox row id.
    pub id: i64,
    /// The op.
    pub op: Op,
}

/// One line of a shortlist's activity: who changed what, when.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ActivityRow {
    /// Sequence number; `None` while the edit waits to be sent.
    pub seq: Option<i64>,
    /// The device name that made it.
    pub author: String,
    /// When the server accepted it (or when it was made, while pending).
    pub at: DateTime<Utc>,
    /// `name`, `client`, `notes`, `deleted`, `member`, `status`, `tags`, `note`.
    pub field: String,
    /// The new value.
    pub value: Value,
    /// The creator concerned (platform and handle), for entry edits.
    pub creator: Option<(Platform, String)>,
}

/// Counts for `scout team status`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct TeamCounts {
    /// Local ops not yet accepted.
    pub pending: u32,
    /// Ops applied from the log.
    pub applied: u32,
    /// Snapshots shared with or from the team.
    pub snapshots: u32,
}

/// What applying a page of the log did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Applied {
    /// Ops applied.
    pub ops: u32,
    /// Snapshots added to this workspace.
    pub snapshots: u32,
}

#[derive(Serialize, Deserialize)]
struct SharedSnapshot {
    snapshot: Snapshot,
    raw: Vec<RawResponseRecord>,
}

/// The largest compressed snapshot shared with its raw responses; larger ones are
/// shared without them (the server refuses values over 6 MiB).
const MAX_SHARED_BYTES: usize = 4 * 1024 * 1024;

pub(crate) fn link(c: &Connection) -> Result<Option<TeamLink>> {
    Ok(c.prepare_cached(
        "SELECT server_url, workspace, device, device_name, role, cursor, joined_at,
                last_sync_at, last_error FROM team_link WHERE id = 1",
    )?
    .query_row([], |r| {
        Ok(TeamLink {
            server_url: r.get(0)?,
            workspace: r.get(1)?,
            device: r.get(2)?,
            device_name: r.get(3)?,
            role: r.get::<_, Key<Role>>(4)?.0,
            cursor: r.get(5)?,
            joined_at: r.get::<_, Time>(6)?.0,
            last_sync_at: r.get::<_, Option<Time>>(7)?.map(|t| t.0),
            last_error: r.get(8)?,
        })
    })
    .optional()?)
}

/// The link when this workspace is linked and may write; a viewer's edit is refused.
pub(crate) fn guard(c: &Connection) -> Result<Option<TeamLink>> {
    let link = link(c)?;
    if let Some(l) = &link
        && !l.role.can_write()
    {
        return Err(StoreError::ReadOnly {
            workspace: l.workspace.clone(),
            role: l.role.key(),
        });
    }
    Ok(link)
}

fn tick(c: &Connection, now: DateTime<Utc>) -> Result<Hlc> {
    let last: Hlc = c
        .prepare_cached("SELECT hlc_ms, hlc_counter FROM team_link WHERE id = 1")?
        .query_row([], |r| {
            Ok(Hlc {
                ms: r.get(0)?,
                counter: r.get(1)?,
            })
        })?;
    let next = last.tick(now.timestamp_millis());
    c.prepare_cached("UPDATE team_link SET hlc_ms = ?1, hlc_counter = ?2 WHERE id = 1")?
        .execute(params![next.ms, next.counter])?;
    Ok(next)
}

fn enqueue(
    c: &Connection,
    now: DateTime<Utc>,
    entity: &str,
    field: &str,
    value: &Value,
) -> Result<()> {
    let hlc = tick(c, now)?;
    c.prepare_cached(
        "INSERT INTO team_outbox (entity, field, value_json, hlc_ms, hlc_counter, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?
    .execute(params![
        entity,
        field,
        value.to_string(),
        hlc.ms,
        hlc.counter,
        Time(now)
    ])?;
    Ok(())
}

pub(crate) fn list_key(c: &Connection, id: ShortlistId) -> Result<String> {
    c.prepare_cached("SELECT team_key FROM shortlists WHERE id = ?1")?
        .query_row([id], |r| r.get(0))
        .optional()?
        .ok_or_else(|| StoreError::not_found(id.to_string()))
}

fn account_key(c: &Connection, id: AccountId) -> Result<(Platform, String)> {
    c.prepare_cached("SELECT platform, platform_id FROM accounts WHERE id = ?1")?
        .query_row([id], |r| Ok((r.get::<_, Key<Platform>>(0)?.0, r.get(1)?)))
        .optional()?
        .ok_or_else(|| StoreError::not_found(id.to_string()))
}

fn entry_entity(c: &Connection, list: ShortlistId, account: AccountId) -> Result<String> {
    let (platform, platform_id) = account_key(c, account)?;
    Ok(Entity::Entry {
        list: list_key(c, list)?,
        platform,
        platform_id,
    }
    .key())
}

// ----- recording local edits ------------------------------------------------------------

/// A shortlist field edited locally (`name`, `client`, `notes`).
pub(crate) fn record_list(
    c: &Connection,
    now: DateTime<Utc>,
    id: ShortlistId,
    field: &str,
    value: &Value,
) -> Result<()> {
    if link(c)?.is_some() {
        enqueue(
            c,
            now,
            &format!("shortlist/{}", list_key(c, id)?),
            field,
            value,
        )?;
    }
    Ok(())
}

/// A shortlist created locally.
pub(crate) fn record_created(c: &Connection, now: DateTime<Utc>, id: ShortlistId) -> Result<()> {
    if link(c)?.is_none() {
        return Ok(());
    }
    let (name, client): (String, Option<String>) = c
        .prepare_cached("SELECT name, client FROM shortlists WHERE id = ?1")?
        .query_row([id], |r| Ok((r.get(0)?, r.get(1)?)))?;
    record_list(c, now, id, "name", &json!(name))?;
    if client.is_some() {
        record_list(c, now, id, "client", &json!(client))?;
    }
    Ok(())
}

/// A shortlist deleted locally (its key read before the row went).
pub(crate) fn record_deleted(c: &Connection, now: DateTime<Utc>, key: &str) -> Result<()> {
    if link(c)?.is_some() {
        enqueue(c, now, &format!("shortlist/{key}"), "deleted", &json!(true))?;
    }
    Ok(())
}

/// An entry field edited locally (`status`, `tags`, `note`).
pub(crate) fn record_entry(
    c: &Connection,
    now: DateTime<Utc>,
    list: ShortlistId,
    account: AccountId,
    field: &str,
    value: &Value,
) -> Result<()> {
    if link(c)?.is_some() {
        enqueue(c, now, &entry_entity(c, list, account)?, field, value)?;
    }
    Ok(())
}

/// A creator added locally: its newest snapshot is shared first (the server accepts
/// an entry only for a creator the team has a snapshot of).
pub(crate) fn record_added(
    c: &Connection,
    now: DateTime<Utc>,
    list: ShortlistId,
    account: AccountId,
) -> Result<()> {
    if link(c)?.is_none() {
        return Ok(());
    }
    share_account(c, now, account)?;
    enqueue(
        c,
        now,
        &entry_entity(c, list, account)?,
        "member",
        &json!({"add": true}),
    )
}

/// A creator removed locally: the remove cancels the adds this device has seen.
pub(crate) fn record_removed(
    c: &Connection,
    now: DateTime<Utc>,
    list: ShortlistId,
    account: AccountId,
) -> Result<()> {
    let Some(l) = link(c)? else { return Ok(()) };
    let entity = entry_entity(c, list, account)?;
    let observed: Vec<Stamp> = member_ops(c, &l.device, &entity)?
        .into_iter()
        .filter(|(_, v)| v.get("add").is_some())
        .map(|(s, _)| s)
        .collect();
    enqueue(c, now, &entity, "member", &json!({ "remove": observed }))
}

/// A brief saved (`Some`) or deleted (`None`) locally.
pub(crate) fn record_brief(
    c: &Connection,
    now: DateTime<Utc>,
    name: &str,
    brief: Option<&Value>,
) -> Result<()> {
    if link(c)?.is_some() {
        enqueue(
            c,
            now,
            &Entity::brief(name).key(),
            "version",
            &brief.cloned().unwrap_or(Value::Null),
        )?;
    }
    Ok(())
}

/// A snapshot saved locally (a vet) while linked: shared with the team.
pub(crate) fn record_snapshot(c: &Connection, now: DateTime<Utc>, id: SnapshotId) -> Result<()> {
    if link(c)?.is_some() {
        share_snapshot(c, now, id)?;
    }
    Ok(())
}

/// Share the account's newest snapshot unless one of its snapshots already is.
fn share_account(c: &Connection, now: DateTime<Utc>, account: AccountId) -> Result<()> {
    let shared = c
        .prepare_cached(
            "SELECT 1 FROM team_snapshots t JOIN profile_snapshots s ON s.id = t.snapshot_id
             WHERE s.account_id = ?1",
        )?
        .exists([account])?;
    if !shared && let Some(id) = snapshots::latest_id(c, account)? {
        share_snapshot(c, now, id)?;
    }
    Ok(())
}

fn compress(shared: &SharedSnapshot) -> Result<Vec<u8>> {
    let json = serde_json::to_vec(shared)
        .map_err(|e| StoreError::invalid(format!("a shared snapshot: {e}")))?;
    zstd::bulk::compress(&json, 9)
        .map_err(|e| StoreError::invalid(format!("compressing a shared snapshot: {e}")))
}

fn share_snapshot(c: &Connection, now: DateTime<Utc>, id: SnapshotId) -> Result<()> {
    if c.prepare_cached("SELECT 1 FROM team_snapshots WHERE snapshot_id = ?1")?
        .exists([id])?
    {
        return Ok(());
    }
    let mut shared = SharedSnapshot {
        snapshot: snapshots::load(c, id)?,
        raw: snapshots::raw_of_snapshot(c, id)?,
    };
    let mut bytes = compress(&shared)?;
    if bytes.len() > MAX_SHARED_BYTES {
        tracing::warn!(%id, size = bytes.len(), "raw responses too large to share; sharing the snapshot without them");
        shared.raw.clear();
        bytes = compress(&shared)?;
    }
    let hash = {
        use sha2::Digest as _;
        hex::encode(sha2::Sha256::digest(&bytes))
    };
    let value = SnapshotValue {
        platform: shared.snapshot.platform,
        platform_id: shared.snapshot.profile.id.clone(),
        fetched_at: shared.snapshot.fetched_at.to_rfc3339(),
        data: base64::engine::general_purpose::STANDARD.encode(&bytes),
    };
    c.prepare_cached("INSERT OR IGNORE INTO team_snapshots (hash, snapshot_id) VALUES (?1, ?2)")?
        .execute(params![hash, id])?;
    enqueue(
        c,
        now,
        &format!("snapshot/{hash}"),
        "data",
        &serde_json::to_value(&value).map_err(|e| StoreError::invalid(e.to_string()))?,
    )
}

// ----- joining, leaving -----------------------------------------------------------------

/// Link to a server and queue the whole shared state of this workspace (shortlists,
/// entries with their snapshots, briefs) for the first push.
pub(crate) fn join(c: &Connection, now: DateTime<Utc>, l: &TeamLink) -> Result<()> {
    if let Some(old) = link(c)? {
        return Err(StoreError::invalid(format!(
            "a second team link: this workspace already syncs with {} ({}); run `scout team leave` first",
            old.server_url, old.workspace
        )));
    }
    c.execute("DELETE FROM team_outbox", [])?;
    c.execute("DELETE FROM team_log", [])?;
    c.execute("DELETE FROM team_snapshots", [])?;
    c.prepare_cached(
        "INSERT INTO team_link (id, server_url, workspace, device, device_name, role, cursor, joined_at)
         VALUES (1, ?1, ?2, ?3, ?4, ?5, 0, ?6)",
    )?
    .execute(params![
        l.server_url,
        l.workspace,
        l.device,
        l.device_name,
        Key(l.role),
        Time(now)
    ])?;
    if !l.role.can_write() {
        return Ok(());
    }
    let lists: Vec<(ShortlistId, Option<String>)> = c
        .prepare("SELECT id, notes FROM shortlists ORDER BY id")?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    for (id, notes) in lists {
        record_created(c, now, id)?;
        if notes.is_some() {
            record_list(c, now, id, "notes", &json!(notes))?;
        }
        for e in shortlists::entries(c, id)? {
            record_added(c, now, id, e.account.id)?;
            record_entry(c, now, id, e.account.id, "status", &json!(e.status.key()))?;
            if let Some(note) = &e.note {
                record_entry(c, now, id, e.account.id, "note", &json!(note))?;
            }
            if !e.tags.is_empty() {
                record_entry(c, now, id, e.account.id, "tags", &json!(e.tags))?;
            }
        }
    }
    for b in brands::all(c)? {
        record_brief(c, now, &b.name, Some(&b.brief))?;
    }
    Ok(())
}

/// Unlink: the link, outbox and log go; every shortlist, brief and snapshot stays.
pub(crate) fn leave(c: &Connection) -> Result<()> {
    c.execute_batch(
        "DELETE FROM team_link; DELETE FROM team_outbox; DELETE FROM team_log; DELETE FROM team_snapshots;",
    )?;
    Ok(())
}

pub(crate) fn set_sync_result(
    c: &Connection,
    now: DateTime<Utc>,
    error: Option<&str>,
) -> Result<()> {
    match error {
        None => c.execute(
            "UPDATE team_link SET last_sync_at = ?1, last_error = NULL WHERE id = 1",
            [Time(now)],
        )?,
        Some(e) => c.execute("UPDATE team_link SET last_error = ?1 WHERE id = 1", [e])?,
    };
    Ok(())
}

pub(crate) fn counts(c: &Connection) -> Result<TeamCounts> {
    Ok(c.query_row(
        "SELECT (SELECT count(*) FROM team_outbox), (SELECT count(*) FROM team_log),
                (SELECT count(*) FROM team_snapshots)",
        [],
        |r| {
            Ok(TeamCounts {
                pending: r.get(0)?,
                applied: r.get(1)?,
                snapshots: r.get(2)?,
            })
        },
    )?)
}

// ----- pushing --------------------------------------------------------------------------

/// The oldest outbox ops, at most `limit` and about `max_bytes` of values (at least one).
pub(crate) fn outbox(c: &Connection, limit: usize, max_bytes: usize) -> Result<Vec<OutboxOp>> {
    let mut stmt = c.prepare_cached(
        "SELECT id, entity, field, value_json, hlc_ms, hlc_counter FROM team_outbox
         ORDER BY id LIMIT ?1",
    )?;
    let rows = stmt.query_map([limit as i64], |r| {
        Ok((
            r.get::<_, i64>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, String>(2)?,
            r.get::<_, String>(3)?,
            Hlc {
                ms: r.get(4)?,
                counter: r.get(5)?,
            },
        ))
    })?;
    let mut out = Vec::new();
    let mut bytes = 0;
    for row in rows {
        let (id, entity, field, value, hlc) = row?;
        if !out.is_empty() && bytes + value.len() > max_bytes {
            break;
        }
        bytes += value.len();
        let value = serde_json::from_str(&value)
            .map_err(|e| StoreError::corrupt(format!("outbox op {id}: {e}")))?;
        out.push(OutboxOp {
            id,
            op: Op {
                entity,
                field,
                value,
                hlc,
            },
        });
    }
    Ok(out)
}

/// The server's answer to a push: accepted ops move from the outbox into the log with
/// their numbers; rejected ones are dropped and their entities materialised again
/// (the server's state comes back). Returns the rejections' messages.
pub(crate) fn acknowledge(
    c: &Connection,
    now: DateTime<Utc>,
    sent: &[OutboxOp],
    results: &[PushOutcome],
) -> Result<Vec<String>> {
    let Some(l) = link(c)? else {
        return Ok(Vec::new());
    };
    let mut rejected = Vec::new();
    let mut touched = BTreeSet::new();
    for (o, result) in sent.iter().zip(results) {
        c.prepare_cached("DELETE FROM team_outbox WHERE id = ?1")?
            .execute([o.id])?;
        match result {
            PushOutcome::Accepted { seq } => {
                insert_log(
                    c,
                    &LoggedOp {
                        seq: *seq,
                        entity: o.op.entity.clone(),
                        field: o.op.field.clone(),
                        value: o.op.value.clone(),
                        hlc: o.op.hlc,
                        device: l.device.clone(),
                        author: l.device_name.clone(),
                        at: now,
                    },
                )?;
            }
            PushOutcome::Rejected { message, .. } => {
                rejected.push(format!("{} {}: {message}", o.op.entity, o.op.field));
                touched.insert(o.op.entity.clone());
            }
        }
    }
    for entity in touched {
        materialise(c, now, &l.device, &entity)?;
    }
    Ok(rejected)
}

/// Drop one outbox op the server called malformed and undo it locally.
pub(crate) fn drop_op(c: &Connection, now: DateTime<Utc>, id: i64) -> Result<()> {
    let Some(l) = link(c)? else { return Ok(()) };
    let entity: Option<String> = c
        .prepare_cached("DELETE FROM team_outbox WHERE id = ?1 RETURNING entity")?
        .query_row([id], |r| r.get(0))
        .optional()?;
    if let Some(entity) = entity {
        materialise(c, now, &l.device, &entity)?;
    }
    Ok(())
}

fn insert_log(c: &Connection, op: &LoggedOp) -> Result<bool> {
    // Snapshot data lives in the snapshot tables once applied; the log keeps the reference.
    let value = if op.field == "data" && op.entity.starts_with("snapshot/") {
        let mut v = op.value.clone();
        if let Some(o) = v.as_object_mut() {
            o.insert("data".into(), Value::Null);
        }
        v
    } else {
        op.value.clone()
    };
    Ok(c.prepare_cached(
        "INSERT INTO team_log (seq, entity, field, value_json, hlc_ms, hlc_counter, device, author, at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9) ON CONFLICT (seq) DO NOTHING",
    )?
    .execute(params![
        op.seq,
        op.entity,
        op.field,
        value.to_string(),
        op.hlc.ms,
        op.hlc.counter,
        op.device,
        op.author,
        Time(op.at)
    ])? > 0)
}

// ----- pulling --------------------------------------------------------------------------

/// Apply a page of the log after the cursor, and move the cursor, in one transaction.
pub(crate) fn apply(c: &Connection, now: DateTime<Utc>, ops: &[LoggedOp]) -> Result<Applied> {
    let Some(l) = link(c)? else {
        return Err(StoreError::invalid(
            "pulled ops: this workspace is not linked to a team",
        ));
    };
    let mut applied = Applied::default();
    let mut lists = BTreeSet::new();
    let mut rest = BTreeSet::new();
    let mut cursor = l.cursor;
    let mut clock = Hlc::default();
    for op in ops.iter().filter(|o| o.seq > l.cursor) {
        cursor = cursor.max(op.seq);
        clock = clock.max(op.hlc);
        let checked = Op {
            entity: op.entity.clone(),
            field: op.field.clone(),
            value: op.value.clone(),
            hlc: op.hlc,
        }
        .check();
        let (entity, change) = match checked {
            Ok(x) => x,
            Err(e) => {
                tracing::warn!(seq = op.seq, "skipping an op this version cannot read: {e}");
                continue;
            }
        };
        let fresh = insert_log(c, op)?;
        applied.ops += 1;
        match (entity, change) {
            (Entity::Snapshot { hash }, scout_core::sync::Change::Snapshot(v)) => {
                if fresh && apply_snapshot(c, now, &hash, &v)? {
                    applied.snapshots += 1;
                }
            }
            (Entity::Shortlist { .. }, _) => {
                lists.insert(op.entity.clone());
            }
            _ => {
                rest.insert(op.entity.clone());
            }
        }
    }
    for entity in lists.iter().chain(&rest) {
        materialise(c, now, &l.device, entity)?;
    }
    let seen = Hlc {
        ms: c.query_row("SELECT hlc_ms FROM team_link WHERE id = 1", [], |r| {
            r.get(0)
        })?,
        counter: c.query_row("SELECT hlc_counter FROM team_link WHERE id = 1", [], |r| {
            r.get(0)
        })?,
    }
    .observe(clock);
    c.prepare_cached(
        "UPDATE team_link SET cursor = ?1, hlc_ms = ?2, hlc_counter = ?3 WHERE id = 1",
    )?
    .execute(params![cursor, seen.ms, seen.counter])?;
    Ok(applied)
}

fn apply_snapshot(
    c: &Connection,
    now: DateTime<Utc>,
    hash: &str,
    v: &SnapshotValue,
) -> Result<bool> {
    if c.prepare_cached("SELECT 1 FROM team_snapshots WHERE hash = ?1")?
        .exists([hash])?
    {
        return Ok(false);
    }
    let bytes = base64::engine::general_purpose::STANDARD
        .decode(&v.data)
        .map_err(|e| StoreError::corrupt(format!("shared snapshot {hash}: {e}")))?;
    let json = zstd::bulk::decompress(&bytes, 256 * 1024 * 1024)
        .map_err(|e| StoreError::corrupt(format!("shared snapshot {hash}: {e}")))?;
    let shared: SharedSnapshot = serde_json::from_slice(&json)
        .map_err(|e| StoreError::corrupt(format!("shared snapshot {hash}: {e}")))?;
    let id = snapshots::save(c, &shared.snapshot, &shared.raw, false, now)?;
    c.prepare_cached("INSERT INTO team_snapshots (hash, snapshot_id) VALUES (?1, ?2)")?
        .execute(params![hash, id])?;
    Ok(true)
}

/// The winning value of a last-writer-wins (or newest-kept) field over log ∪ outbox.
fn winner(c: &Connection, me: &str, entity: &str, field: &str) -> Result<Option<Value>> {
    let v: Option<String> = c
        .prepare_cached(
            "SELECT value_json FROM (
               SELECT value_json, hlc_ms, hlc_counter, device FROM team_log WHERE entity = ?1 AND field = ?2
               UNION ALL
               SELECT value_json, hlc_ms, hlc_counter, ?3 FROM team_outbox WHERE entity = ?1 AND field = ?2)
             ORDER BY hlc_ms DESC, hlc_counter DESC, device DESC LIMIT 1",
        )?
        .query_row(params![entity, field, me], |r| r.get(0))
        .optional()?;
    v.map(|s| {
        serde_json::from_str(&s).map_err(|e| StoreError::corrupt(format!("{entity} {field}: {e}")))
    })
    .transpose()
}

fn member_ops(c: &Connection, me: &str, entity: &str) -> Result<Vec<(Stamp, Value)>> {
    let mut stmt = c.prepare_cached(
        "SELECT value_json, hlc_ms, hlc_counter, device FROM team_log WHERE entity = ?1 AND field = 'member'
         UNION ALL
         SELECT value_json, hlc_ms, hlc_counter, ?2 FROM team_outbox WHERE entity = ?1 AND field = 'member'",
    )?;
    let rows = stmt.query_map(params![entity, me], |r| {
        Ok((
            r.get::<_, String>(0)?,
            Stamp {
                hlc: Hlc {
                    ms: r.get(1)?,
                    counter: r.get(2)?,
                },
                device: r.get(3)?,
            },
        ))
    })?;
    let mut out = Vec::new();
    for row in rows {
        let (v, s) = row?;
        let v: Value =
            serde_json::from_str(&v).map_err(|e| StoreError::corrupt(format!("{entity}: {e}")))?;
        out.push((s, v));
    }
    Ok(out)
}

fn text(v: Option<Value>) -> Option<String> {
    v.and_then(|v| v.as_str().map(str::to_string))
        .filter(|s| !s.trim().is_empty())
}

/// Make the local rows of `entity` what log ∪ outbox say.
fn materialise(c: &Connection, now: DateTime<Utc>, me: &str, entity: &str) -> Result<()> {
    match Entity::parse(entity) {
        Ok(Entity::Shortlist { key }) => materialise_list(c, now, me, &key),
        Ok(Entity::Entry {
            list,
            platform,
            platform_id,
        }) => materialise_entry(c, now, me, entity, &list, platform, &platform_id),
        Ok(Entity::Brief { .. }) => match winner(c, me, entity, "version")? {
            Some(v) if v.is_object() => {
                let name = v
                    .get("name")
                    .and_then(Value::as_str)
                    .unwrap_or_default()
                    .to_string();
                brands::save(c, &name, &v, now)
            }
            _ => {
                let name = entity.trim_start_matches("brief/");
                c.execute("DELETE FROM brands WHERE name = ?1", [name])?;
                Ok(())
            }
        },
        _ => Ok(()),
    }
}

fn local_list(c: &Connection, key: &str) -> Result<Option<ShortlistId>> {
    Ok(
        c.prepare_cached("SELECT id FROM shortlists WHERE team_key = ?1")?
            .query_row([key], |r| r.get(0))
            .optional()?,
    )
}

/// A name no other local shortlist has: `name`, else `name (<key prefix>)`.
fn free_name(c: &Connection, name: &str, key: &str) -> Result<String> {
    let taken = |n: &str| -> Result<bool> {
        Ok(
            c.prepare_cached("SELECT 1 FROM shortlists WHERE name = ?1 AND team_key IS NOT ?2")?
                .exists(params![n, key])?,
        )
    };
    if !taken(name)? {
        return Ok(name.to_string());
    }
    let alt = format!("{name} ({})", &key[..key.len().min(6)]);
    if taken(&alt)? {
        Ok(format!("{name} ({key})"))
    } else {
        Ok(alt)
    }
}

fn materialise_list(c: &Connection, now: DateTime<Utc>, me: &str, key: &str) -> Result<()> {
    let entity = format!("shortlist/{key}");
    let local = local_list(c, key)?;
    let deleted = winner(c, me, &entity, "deleted")?.is_some();
    let name = text(winner(c, me, &entity, "name")?);
    let (Some(name), false) = (name, deleted) else {
        if let Some(id) = local {
            shortlists::delete(c, id)?;
        }
        return Ok(());
    };
    let name = free_name(c, name.trim(), key)?;
    let client = text(winner(c, me, &entity, "client")?);
    let notes = text(winner(c, me, &entity, "notes")?);
    match local {
        Some(id) => {
            c.prepare_cached(
                "UPDATE shortlists SET name = ?2, client = ?3, notes = ?4, updated_at = ?5
                 WHERE id = ?1 AND (name IS NOT ?2 OR client IS NOT ?3 OR notes IS NOT ?4)",
            )?
            .execute(params![id, name, client, notes, Time(now)])?;
        }
        None => {
            c.prepare_cached(
                "INSERT INTO shortlists (name, client, notes, created_at, updated_at, team_key)
                 VALUES (?1, ?2, ?3, ?4, ?4, ?5)",
            )?
            .execute(params![name, client, notes, Time(now), key])?;
        }
    }
    Ok(())
}

fn materialise_entry(
    c: &Connection,
    now: DateTime<Utc>,
    me: &str,
    entity: &str,
    list: &str,
    platform: Platform,
    platform_id: &str,
) -> Result<()> {
    let Some(list_id) = local_list(c, list)? else {
        return Ok(());
    };
    let account: Option<AccountId> = c
        .prepare_cached("SELECT id FROM accounts WHERE platform = ?1 AND platform_id = ?2")?
        .query_row(params![Key(platform), platform_id], |r| r.get(0))
        .optional()?;
    let Some(account) = account else {
        tracing::warn!(
            entity,
            "an entry for a creator this workspace has no snapshot of"
        );
        return Ok(());
    };
    let ops = member_ops(c, me, entity)?;
    let adds: Vec<&Stamp> = ops
        .iter()
        .filter(|(_, v)| v.get("add").is_some())
        .map(|(s, _)| s)
        .collect();
    let removes: Vec<Vec<Stamp>> = ops
        .iter()
        .filter_map(|(_, v)| v.get("remove"))
        .filter_map(|v| serde_json::from_value(v.clone()).ok())
        .collect();
    if !scout_core::sync::is_member(adds, removes.iter().map(Vec::as_slice)) {
        c.prepare_cached(
            "DELETE FROM shortlist_entries WHERE shortlist_id = ?1 AND account_id = ?2",
        )?
        .execute(params![list_id, account])?;
        return Ok(());
    }
    let status = winner(c, me, entity, "status")?
        .and_then(|v| {
            v.as_str()
                .and_then(|s| s.parse::<scout_core::ShortlistStatus>().ok())
        })
        .unwrap_or_default();
    let tags: Vec<String> = winner(c, me, entity, "tags")?
        .and_then(|v| serde_json::from_value(v).ok())
        .unwrap_or_default();
    let note = text(winner(c, me, entity, "note")?);
    let tags_json = serde_json::to_string(&tags).unwrap_or_else(|_| "[]".into());
    c.prepare_cached(
        "INSERT INTO shortlist_entries (shortlist_id, account_id, status, note, tags_json, added_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6)
         ON CONFLICT (shortlist_id, account_id) DO UPDATE SET
           status = excluded.status, note = excluded.note, tags_json = excluded.tags_json,
           updated_at = iif(status IS NOT excluded.status OR note IS NOT excluded.note
                            OR tags_json IS NOT excluded.tags_json, excluded.updated_at, updated_at)",
    )?
    .execute(params![list_id, account, Key(status), note, tags_json, Time(now)])?;
    Ok(())
}

// ----- activity -------------------------------------------------------------------------

/// Who changed what on a shortlist, newest first: pending local edits, then the log.
pub(crate) fn activity(c: &Connection, id: ShortlistId, limit: usize) -> Result<Vec<ActivityRow>> {
    let key = list_key(c, id)?;
    let me = link(c)?.map(|l| l.device_name).unwrap_or_default();
    let list = format!("shortlist/{key}");
    let lo = format!("entry/{key}/");
    let hi = format!("entry/{key}0");
    let mut stmt = c.prepare_cached(
        "SELECT * FROM (
           SELECT NULL AS seq, entity, field, value_json, ?4 AS author, created_at AS at, id AS ord, 1 AS pending
           FROM team_outbox WHERE entity = ?1 OR (entity >= ?2 AND entity < ?3)
           UNION ALL
           SELECT seq, entity, field, value_json, author, at, seq, 0
           FROM team_log WHERE entity = ?1 OR (entity >= ?2 AND entity < ?3))
         ORDER BY pending DESC, ord DESC LIMIT ?5",
    )?;
    let rows = stmt.query_map(params![list, lo, hi, me, limit as i64], |r| {
        Ok((
            r.get::<_, Option<i64>>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, String>(2)?,
            r.get::<_, String>(3)?,
            r.get::<_, String>(4)?,
            r.get::<_, Time>(5)?.0,
        ))
    })?;
    let mut out = Vec::new();
    for row in rows {
        let (seq, entity, field, value, author, at) = row?;
        let creator = match Entity::parse(&entity) {
            Ok(Entity::Entry {
                platform,
                platform_id,
                ..
            }) => {
                let handle: Option<String> = c
                    .prepare_cached(
                        "SELECT handle FROM accounts WHERE platform = ?1 AND platform_id = ?2",
                    )?
                    .query_row(params![Key(platform), platform_id], |r| r.get(0))
                    .optional()?;
                Some((platform, handle.unwrap_or(platform_id)))
            }
            _ => None,
        };
        out.push(ActivityRow {
            seq,
            author,
            at,
            field,
            value: serde_json::from_str(&value).unwrap_or(Value::Null),
            creator,
        });
    }
    Ok(out)
}

/// Every note on an entry, oldest first, with author and time (notes are append-only).
pub(crate) fn notes(
    c: &Connection,
    list: ShortlistId,
    account: AccountId,
) -> Result<Vec<ActivityRow>> {
    let entity = entry_entity(c, list, account)?;
    let me = link(c)?.map(|l| l.device_name).unwrap_or_default();
    let mut stmt = c.prepare_cached(
        "SELECT seq, value_json, author, at FROM (
           SELECT seq, value_json, author, at, hlc_ms, hlc_counter, device FROM team_log WHERE entity = ?1 AND field = 'note'
           UNION ALL
           SELECT NULL, value_json, ?2, created_at, hlc_ms, hlc_counter, '' FROM team_outbox WHERE entity = ?1 AND field = 'note')
         ORDER BY hlc_ms, hlc_counter, device",
    )?;
    let rows = stmt.query_map(params![entity, me], |r| {
        Ok(ActivityRow {
            seq: r.get(0)?,
            author: r.get(2)?,
            at: r.get::<_, Time>(3)?.0,
            field: "note".into(),
            value: serde_json::from_str(&r.get::<_, String>(1)?).unwrap_or(Value::Null),
            creator: None,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}
