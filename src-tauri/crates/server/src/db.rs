//! The database: embedded migrations ([`migrate`]), invites, devices and the op log.
//! Runtime-checked queries (no database is needed to build).

use axum::http::StatusCode;
use base64::Engine as _;
use chrono::{DateTime, Duration, Utc};
use scout_core::sync::{Change, Entity, Hlc, Op, Role};
use sqlx::postgres::{PgPool, PgPoolOptions};
use sqlx::{Postgres, Row, Transaction};

use crate::api::{DeviceInfo, Invite, JoinResponse, LoggedOp, Me, PushOutcome, PushResponse};
use crate::error::ApiError;
use crate::{hash_secret, random_hex};

/// The embedded migrations (`migrations/*.sql`).
pub static MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("./migrations");

/// The largest value one op may carry (a shared snapshot with its raw responses).
pub const MAX_VALUE_BYTES: usize = 6 * 1024 * 1024;
/// The most bytes of op values one pull page returns (at least one op is always returned).
pub const MAX_PAGE_BYTES: usize = 8 * 1024 * 1024;

/// Connect to PostgreSQL (a small pool).
pub async fn connect(url: &str) -> anyhow::Result<PgPool> {
    PgPoolOptions::new()
        .max_connections(8)
        .acquire_timeout(std::time::Duration::from_secs(10))
        .connect(url)
        .await
        .map_err(|e| anyhow::anyhow!("cannot connect to PostgreSQL at {}: {e}", redact(url)))
}

/// The URL with any password replaced by `***` (for messages and logs).
pub fn redact(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(s), Some(at)) if at > s => {
            let creds = &url[s + 3..at];
            match creds.split_once(':') {
                Some((user, _)) => format!("{}{user}:***{}", &url[..s + 3], &url[at..]),
                None => url.to_string(),
            }
        }
        _ => url.to_string(),
    }
}

/// Bring the schema up to date (idempotent).
pub async fn migrate(pool: &PgPool) -> anyhow::Result<()> {
    MIGRATOR
        .run(pool)
        .await
        .map_err(|e| anyhow::anyhow!("migrating the team database failed: {e}"))
}

/// The calling device, after its token checked out.
#[derive(Debug, Clone)]
pub struct Device {
    /// Row id.
    pub id: i64,
    /// Public id.
    pub public_id: String,
    /// Name.
    pub name: String,
    /// Workspace row id.
    pub workspace_id: i64,
    /// Workspace name.
    pub workspace: String,
    /// Role.
    pub role: Role,
}

fn role_of(s: &str) -> Role {
    s.parse().unwrap_or(Role::Viewer)
}

/// Create an invite code for `workspace` (created when new), valid for `expires_in`.
pub async fn create_invite(
    pool: &PgPool,
    workspace: &str,
    role: Role,
    expires_in: Duration,
) -> anyhow::Result<Invite> {
    let workspace = workspace.trim();
    anyhow::ensure!(!workspace.is_empty(), "a workspace needs a name");
    anyhow::ensure!(
        expires_in > Duration::zero(),
        "an invite must expire in the future"
    );
    let mut tx = pool.begin().await?;
    let ws: i64 = sqlx::query_scalar(
        "INSERT INTO workspaces (name) VALUES ($1)
         ON CONFLICT (name) DO UPDATE SET name = excluded.name RETURNING id",
    )
    .bind(workspace)
    .fetch_one(&mut *tx)
    .await?;
    let code = format!("sct-{}", random_hex(16));
    let expires_at = Utc::now() + expires_in;
    sqlx::query(
        "INSERT INTO invites (workspace_id, code_hash, role, expires_at) VALUES ($1, $2, $3, $4)",
    )
    .bind(ws)
    .bind(hash_secret(&code))
    .bind(role.key())
    .bind(expires_at)
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(Invite {
        code,
        role,
        workspace: workspace.to_string(),
        expires_at,
    })
}

/// Use an invite code: a new device with a new token. The code works once, before it expires.
pub async fn join(pool: &PgPool, code: &str, device_name: &str) -> Result<JoinResponse, ApiError> {
    let name = device_name.trim();
    if name.is_empty() || name.chars().count() > 100 {
        return Err(ApiError::bad_request(
            "invalid_name",
            "the device name must be 1–100 characters",
        ));
    }
    let mut tx = pool.begin().await?;
    let row = sqlx::query(
        "SELECT i.id, i.role, i.expires_at, i.used_at, w.id AS ws, w.name, w.head
         FROM invites i JOIN workspaces w ON w.id = i.workspace_id
         WHERE i.code_hash = $1 FOR UPDATE OF i",
    )
    .bind(hash_secret(code))
    .fetch_optional(&mut *tx)
    .await?;
    let Some(row) = row else {
        return Err(ApiError::new(
            StatusCode::FORBIDDEN,
            "invite_unknown",
            "this invite code is not known: check it, or ask your admin for a new one",
        ));
    };
    if row.get::<Option<DateTime<Utc>>, _>("used_at").is_some() {
        return Err(ApiError::new(
            StatusCode::FORBIDDEN,
            "invite_used",
            "this invite code was already used (each code works once): ask your admin for a new one",
        ));
    }
    if row.get::<DateTime<Utc>, _>("expires_at") <= Utc::now() {
        return Err(ApiError::new(
            StatusCode::FORBIDDEN,
            "invite_expired",
            "this invite code has expired: ask your admin for a new one",
        ));
    }
    let role = role_of(row.get("role"));
    let token = random_hex(32);
    let public_id = random_hex(8);
    let device: i64 = sqlx::query_scalar(
        "INSERT INTO devices (public_id, workspace_id, name, role, token_hash)
         VALUES ($1, $2, $3, $4, $5) RETURNING id",
    )
    .bind(&public_id)
    .bind(row.get::<i64, _>("ws"))
    .bind(name)
    .bind(role.key())
    .bind(hash_secret(&token))
    .fetch_one(&mut *tx)
    .await?;
    sqlx::query("UPDATE invites SET used_at = now(), used_by = $2 WHERE id = $1")
        .bind(row.get::<i64, _>("id"))
        .bind(device)
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    tracing::info!(device = %public_id, role = %role, "device joined");
    Ok(JoinResponse {
        workspace: row.get("name"),
        device: public_id,
        role,
        token,
        head: row.get("head"),
    })
}

/// The device a bearer token belongs to; revoked and unknown tokens are refused.
pub async fn authenticate(pool: &PgPool, token: &str) -> Result<Device, ApiError> {
    let row = sqlx::query(
        "UPDATE devices d SET last_seen_at = now()
         FROM workspaces w
         WHERE d.token_hash = $1 AND d.revoked_at IS NULL AND w.id = d.workspace_id
         RETURNING d.id, d.public_id, d.name, d.role, d.workspace_id, w.name AS workspace",
    )
    .bind(hash_secret(token))
    .fetch_optional(pool)
    .await?
    .ok_or_else(ApiError::unauthorized)?;
    Ok(Device {
        id: row.get("id"),
        public_id: row.get("public_id"),
        name: row.get("name"),
        workspace_id: row.get("workspace_id"),
        workspace: row.get("workspace"),
        role: role_of(row.get("role")),
    })
}

/// The calling device's view of itself.
pub async fn me(pool: &PgPool, device: &Device) -> Result<Me, ApiError> {
    let head: i64 = sqlx::query_scalar("SELECT head FROM workspaces WHERE id = $1")
        .bind(device.workspace_id)
        .fetch_one(pool)
        .await?;
    Ok(Me {
        workspace: device.workspace.clone(),
        device: device.public_id.clone(),
        device_name: device.name.clone(),
        role: device.role,
        head,
    })
}

/// Check every op's shape first (a malformed batch changes nothing), then append the
/// acceptable ones in one transaction under the workspace's lock.
pub async fn push(pool: &PgPool, device: &Device, ops: &[Op]) -> Result<PushResponse, ApiError> {
    if !device.role.can_write() {
        return Err(ApiError::forbidden(format!(
            "your role in '{}' is {}: it can read but not change anything",
            device.workspace, device.role
        )));
    }
    let mut checked = Vec::with_capacity(ops.len());
    for (i, op) in ops.iter().enumerate() {
        let invalid = |message: String| {
            ApiError::new(
                StatusCode::UNPROCESSABLE_ENTITY,
                "invalid_op",
                format!("op {i} ({}): {message}; nothing was stored", op.entity),
            )
        };
        let (entity, change) = op.check().map_err(|e| invalid(e.to_string()))?;
        if op.value.to_string().len() > MAX_VALUE_BYTES {
            return Err(invalid(format!(
                "the value is larger than {MAX_VALUE_BYTES} bytes"
            )));
        }
        if let (Entity::Snapshot { hash }, Change::Snapshot(s)) = (&entity, &change) {
            use sha2::Digest as _;
            let bytes = base64::engine::general_purpose::STANDARD
                .decode(&s.data)
                .map_err(|e| invalid(format!("snapshot data is not base64: {e}")))?;
            if hex::encode(sha2::Sha256::digest(&bytes)) != *hash {
                return Err(invalid(
                    "the snapshot data does not match its SHA-256 name".into(),
                ));
            }
        }
        checked.push((entity, change));
    }

    let mut tx = pool.begin().await?;
    // The lock that orders pushes: held until commit.
    let mut head: i64 = sqlx::query_scalar("SELECT head FROM workspaces WHERE id = $1 FOR UPDATE")
        .bind(device.workspace_id)
        .fetch_one(&mut *tx)
        .await?;
    let mut results = Vec::with_capacity(ops.len());
    for (op, (entity, change)) in ops.iter().zip(&checked) {
        // A retry of an op this device already pushed.
        if let Some(seq) = sqlx::query_scalar::<_, i64>(
            "SELECT seq FROM ops WHERE device_id = $1 AND hlc_ms = $2 AND hlc_counter = $3",
        )
        .bind(device.id)
        .bind(op.hlc.ms)
        .bind(op.hlc.counter)
        .fetch_optional(&mut *tx)
        .await?
        {
            results.push(PushOutcome::Accepted { seq });
            continue;
        }
        match transition(&mut tx, device.workspace_id, entity, change).await? {
            Transition::Refuse(code, message) => {
                results.push(PushOutcome::Rejected {
                    code: code.to_string(),
                    message,
                });
            }
            Transition::Existing(seq) => results.push(PushOutcome::Accepted { seq }),
            Transition::Append => {
                head += 1;
                sqlx::query(
                    "INSERT INTO ops (workspace_id, seq, entity, field, value, hlc_ms, hlc_counter, device_id)
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
                )
                .bind(device.workspace_id)
                .bind(head)
                .bind(&op.entity)
                .bind(&op.field)
                .bind(&op.value)
                .bind(op.hlc.ms)
                .bind(op.hlc.counter)
                .bind(device.id)
                .execute(&mut *tx)
                .await?;
                if let Change::Snapshot(s) = change {
                    sqlx::query(
                        "INSERT INTO shared_accounts (workspace_id, platform, platform_id)
                         VALUES ($1, $2, $3) ON CONFLICT DO NOTHING",
                    )
                    .bind(device.workspace_id)
                    .bind(s.platform.key())
                    .bind(&s.platform_id)
                    .execute(&mut *tx)
                    .await?;
                }
                results.push(PushOutcome::Accepted { seq: head });
            }
        }
    }
    sqlx::query("UPDATE workspaces SET head = $2 WHERE id = $1")
        .bind(device.workspace_id)
        .bind(head)
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    Ok(PushResponse { results, head })
}

enum Transition {
    Append,
    Existing(i64),
    Refuse(&'static str, String),
}

async fn has_op(
    tx: &mut Transaction<'_, Postgres>,
    ws: i64,
    entity: &str,
    field: &str,
) -> Result<Option<i64>, ApiError> {
    Ok(sqlx::query_scalar(
        "SELECT seq FROM ops WHERE workspace_id = $1 AND entity = $2 AND field = $3 LIMIT 1",
    )
    .bind(ws)
    .bind(entity)
    .bind(field)
    .fetch_optional(&mut **tx)
    .await?)
}

/// The allowed transitions, against the log so far.
async fn transition(
    tx: &mut Transaction<'_, Postgres>,
    ws: i64,
    entity: &Entity,
    change: &Change,
) -> Result<Transition, ApiError> {
    if let Some(key) = entity.shortlist_key() {
        let list = format!("shortlist/{key}");
        if has_op(tx, ws, &list, "deleted").await?.is_some() {
            return Ok(Transition::Refuse(
                "shortlist_deleted",
                "the shortlist was deleted by a team member".into(),
            ));
        }
        let is_create = matches!(change, Change::ShortlistName(_));
        if !is_create && has_op(tx, ws, &list, "name").await?.is_none() {
            return Ok(Transition::Refuse(
                "shortlist_unknown",
                "the shortlist was never shared (its name must come first)".into(),
            ));
        }
    }
    match (entity, change) {
        (
            Entity::Entry {
                platform,
                platform_id,
                ..
            },
            Change::EntryAdd,
        ) => {
            let shared: bool = sqlx::query_scalar(
                "SELECT EXISTS (SELECT 1 FROM shared_accounts
                 WHERE workspace_id = $1 AND platform = $2 AND platform_id = $3)",
            )
            .bind(ws)
            .bind(platform.key())
            .bind(platform_id)
            .fetch_one(&mut **tx)
            .await?;
            if !shared {
                return Ok(Transition::Refuse(
                    "creator_unknown",
                    format!(
                        "no snapshot of {}:{platform_id} was shared first",
                        platform.key()
                    ),
                ));
            }
            Ok(Transition::Append)
        }
        // Immutable: the first copy stays; an identical copy (same hash) is acknowledged.
        (Entity::Snapshot { .. }, Change::Snapshot(_)) => {
            match has_op(tx, ws, &entity.key(), "data").await? {
                Some(seq) => Ok(Transition::Existing(seq)),
                None => Ok(Transition::Append),
            }
        }
        _ => Ok(Transition::Append),
    }
}

/// Ops after `after`, at most `limit` and about [`MAX_PAGE_BYTES`] of values.
pub async fn pull(
    pool: &PgPool,
    device: &Device,
    after: i64,
    limit: i64,
) -> Result<(Vec<LoggedOp>, i64, bool), ApiError> {
    let head: i64 = sqlx::query_scalar("SELECT head FROM workspaces WHERE id = $1")
        .bind(device.workspace_id)
        .fetch_one(pool)
        .await?;
    let rows = sqlx::query(
        "SELECT o.seq, o.entity, o.field, o.value, o.hlc_ms, o.hlc_counter, o.received_at,
                d.public_id, d.name, octet_length(o.value::text) AS size
         FROM ops o JOIN devices d ON d.id = o.device_id
         WHERE o.workspace_id = $1 AND o.seq > $2 AND o.seq <= $3
         ORDER BY o.seq LIMIT $4",
    )
    .bind(device.workspace_id)
    .bind(after)
    .bind(head)
    .bind(limit)
    .fetch_all(pool)
    .await?;
    let mut ops = Vec::with_capacity(rows.len());
    let mut bytes = 0usize;
    for r in rows {
        let size = usize::try_from(r.get::<i32, _>("size")).unwrap_or(0);
        if !ops.is_empty() && bytes + size > MAX_PAGE_BYTES {
            break;
        }
        bytes += size;
        ops.push(LoggedOp {
            seq: r.get("seq"),
            entity: r.get("entity"),
            field: r.get("field"),
            value: r.get("value"),
            hlc: Hlc {
                ms: r.get("hlc_ms"),
                counter: r.get("hlc_counter"),
            },
            device: r.get("public_id"),
            author: r.get("name"),
            at: r.get("received_at"),
        });
    }
    let last = ops.last().map_or(after, |o| o.seq);
    Ok((ops, head, last < head))
}

/// Revoke a device by public id (in `workspace` when given). Its token stops working at once.
pub async fn revoke(
    pool: &PgPool,
    public_id: &str,
    workspace: Option<i64>,
) -> Result<bool, ApiError> {
    let n = sqlx::query(
        "UPDATE devices SET revoked_at = now()
         WHERE public_id = $1 AND revoked_at IS NULL AND ($2::BIGINT IS NULL OR workspace_id = $2)",
    )
    .bind(public_id)
    .bind(workspace)
    .execute(pool)
    .await?
    .rows_affected();
    if n > 0 {
        tracing::info!(device = %public_id, "device revoked");
    }
    Ok(n > 0)
}

/// Every device (of `workspace` when given), newest first.
pub async fn devices(pool: &PgPool, workspace: Option<i64>) -> Result<Vec<DeviceInfo>, ApiError> {
    let rows = sqlx::query(
        "SELECT d.public_id, d.name, d.role, w.name AS workspace, d.created_at, d.last_seen_at, d.revoked_at
         FROM devices d JOIN workspaces w ON w.id = d.workspace_id
         WHERE $1::BIGINT IS NULL OR d.workspace_id = $1
         ORDER BY d.created_at DESC, d.id DESC",
    )
    .bind(workspace)
    .fetch_all(pool)
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| DeviceInfo {
            device: r.get("public_id"),
            name: r.get("name"),
            role: role_of(r.get("role")),
            workspace: r.get("workspace"),
            joined_at: r.get("created_at"),
            last_seen_at: r.get("last_seen_at"),
            revoked_at: r.get("revoked_at"),
        })
        .collect())
}

/// Parse a duration such as `30m`, `12h`, `7d` (a bare number is hours).
pub fn parse_duration(s: &str) -> anyhow::Result<Duration> {
    let s = s.trim();
    let (num, unit) = s.split_at(s.find(|c: char| !c.is_ascii_digit()).unwrap_or(s.len()));
    let n: i64 = num
        .parse()
        .map_err(|_| anyhow::anyhow!("'{s}' is not a duration such as 30m, 12h or 7d"))?;
    let d = match unit {
        "m" | "min" => Duration::minutes(n),
        "" | "h" => Duration::hours(n),
        "d" => Duration::days(n),
        _ => anyhow::bail!("'{s}' is not a duration such as 30m, 12h or 7d"),
    };
    anyhow::ensure!(d > Duration::zero(), "the duration '{s}' must be positive");
    Ok(d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations() {
        assert_eq!(parse_duration("30m").unwrap(), Duration::minutes(30));
        assert_eq!(parse_duration("12").unwrap(), Duration::hours(12));
        assert_eq!(parse_duration("7d").unwrap(), Duration::days(7));
        assert!(parse_duration("0h").is_err());
        assert!(parse_duration("soon").is_err());
        assert!(parse_duration("3w").is_err());
    }

    #[test]
    fn passwords_are_redacted_from_database_urls() {
        assert_eq!(
            redact("postgres://scout:hunter2@db:5432/team"),
            "postgres://scout:***@db:5432/team"
        );
        assert_eq!(redact("postgres://db/team"), "postgres://db/team");
    }
}
