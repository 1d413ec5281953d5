//! The request and response bodies of `scout-server`'s HTTP API (JSON), shared by the
//! server and the client (the `scout` façade).
//!
//! | method | path | who | body → answer |
//! |---|---|---|---|
//! | `POST` | `/v1/join` | anyone with an invite code | [`JoinRequest`] → [`JoinResponse`] |
//! | `GET` | `/v1/me` | a device | → [`Me`] |
//! | `POST` | `/v1/ops` | admin, scout | [`PushRequest`] → [`PushResponse`] |
//! | `GET` | `/v1/ops?after=N&limit=M` | a device | → [`PullResponse`] |
//! | `POST` | `/v1/leave` | a device | revokes its own token |
//! | `POST` | `/v1/invites` | admin | [`InviteRequest`] → [`Invite`] |
//! | `GET` | `/v1/devices` | admin | → `[`[`DeviceInfo`]`]` |
//! | `POST` | `/v1/devices/{id}/revoke` | admin | revokes that device |
//!
//! Every device request carries `Authorization: Bearer <token>`. Errors are
//! `{ "code": "...", "message": "..." }` with a 4xx or 5xx status.

use super::{Hlc, Op, Role};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// Join a workspace with an invite code.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct JoinRequest {
    /// The one-use code `scout-server invite` printed.
    pub code: String,
    /// How this device is shown to the team (a person's name, a machine).
    pub device_name: String,
}

/// A joined device's credentials and place.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct JoinResponse {
    /// The workspace's name.
    pub workspace: String,
    /// The device's public id (appears in every op it makes).
    pub device: String,
    /// The device's role.
    pub role: Role,
    /// The bearer token (shown once; the server keeps only its hash).
    pub token: String,
    /// The workspace's newest sequence number.
    pub head: i64,
}

/// Who the calling device is.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Me {
    /// Workspace name.
    pub workspace: String,
    /// Device public id.
    pub device: String,
    /// Device name.
    pub device_name: String,
    /// Role.
    pub role: Role,
    /// The workspace's newest sequence number.
    pub head: i64,
}

/// A batch of edits.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct PushRequest {
    /// In the order they were made.
    pub ops: Vec<Op>,
}

/// What became of one pushed op.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "outcome", rename_all = "snake_case")]
pub enum PushOutcome {
    /// Appended to the log with this sequence number (or already there, when retried).
    Accepted {
        /// Its sequence number.
        seq: i64,
    },
    /// Refused by a transition rule (the shortlist was deleted, the creator was never
    /// shared, …); the client drops it and restores the server's state.
    Rejected {
        /// Stable code.
        code: String,
        /// What happened, in words.
        message: String,
    },
}

/// The outcome of each pushed op, in order.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct PushResponse {
    /// One per op.
    pub results: Vec<PushOutcome>,
    /// The workspace's newest sequence number after the push.
    pub head: i64,
}

/// An op in the log.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LoggedOp {
    /// Sequence number in the workspace.
    pub seq: i64,
    /// Entity.
    pub entity: String,
    /// Field.
    pub field: String,
    /// Value.
    pub value: serde_json::Value,
    /// The editing device's clock.
    pub hlc: Hlc,
    /// The editing device's public id.
    pub device: String,
    /// The editing device's name (the author shown in activity lists).
    pub author: String,
    /// When the server accepted it.
    pub at: DateTime<Utc>,
}

/// Query of a pull.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct PullQuery {
    /// Only ops with a greater sequence number.
    #[serde(default)]
    pub after: i64,
    /// At most this many (1–1000, default 500).
    pub limit: Option<i64>,
}

/// A page of the log.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct PullResponse {
    /// Ops after `after`, in sequence order.
    pub ops: Vec<LoggedOp>,
    /// The workspace's newest sequence number.
    pub head: i64,
    /// Whether more ops follow this page.
    pub more: bool,
}

/// Create an invite (admins).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct InviteRequest {
    /// The role the joining device gets.
    pub role: Role,
    /// Hours until the code expires (default 72, at most 720).
    pub expires_in_hours: Option<i64>,
}

/// A new invite code.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Invite {
    /// The code (shown once).
    pub code: String,
    /// Role it grants.
    pub role: Role,
    /// Workspace it joins.
    pub workspace: String,
    /// When it stops working.
    pub expires_at: DateTime<Utc>,
}

/// A device, for admins.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct DeviceInfo {
    /// Public id.
    pub device: String,
    /// Name.
    pub name: String,
    /// Role.
    pub role: Role,
    /// Workspace name.
    pub workspace: String,
    /// When it joined.
    pub joined_at: DateTime<Utc>,
    /// Last authenticated request.
    pub last_seen_at: Option<DateTime<Utc>>,
    /// When it was revoked.
    pub revoked_at: Option<DateTime<Utc>>,
}

/// An error body.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ErrorBody {
    /// Stable code (`unauthorized`, `forbidden`, `invalid_op`, `too_large`, …).
    pub code: String,
    /// One line a person can act on.
    pub message: String,
}
