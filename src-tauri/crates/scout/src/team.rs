//! Team sync: join a team server with an invite code, push the outbox of local edits,
//! pull the team's log after the last applied number, leave. The store records every
//! shared edit's op in the same transaction as the edit (`scout-store`), so this module
//! only moves ops between the store and the server, and the device token between the
//! OS keychain and the `Authorization` header.

use std::time::Duration;

use reqwest::StatusCode;
use scout_core::sync::api::{ErrorBody, JoinResponse, PullResponse, PushOutcome, PushResponse};
use scout_store::{ActivityRow, TeamLink};

use crate::error::{Error, Result};
use crate::keys::TeamToken;
use crate::views::{ActivityEntry, SyncReport, TeamStatus};
use crate::workspace::Workspace;

/// Ops per push.
const PUSH_OPS: usize = 500;
/// About this many bytes of op values per push (the server takes 16 MiB).
const PUSH_BYTES: usize = 6 * 1024 * 1024;
/// Ops per pull page.
const PULL_OPS: i64 = 500;

/// One sync at a time in this process (the app's background sync and a button press).
static SYNC: tokio::sync::Mutex<()> = tokio::sync::Mutex::const_new(());

fn team_err(code: &'static str, message: impl Into<String>) -> Error {
    Error::Team {
        code,
        message: message.into(),
    }
}

fn http() -> Result<reqwest::Client> {
    reqwest::Client::builder()
        .connect_timeout(Duration::from_secs(10))
        .timeout(Duration::from_secs(120))
        .user_agent(concat!("scout/", env!("CARGO_PKG_VERSION")))
        .build()
        .map_err(|e| {
            team_err(
                "team.unreachable",
                format!("cannot start an HTTP client: {e}"),
            )
        })
}

fn normalise_url(url: &str) -> Result<String> {
    let url = url.trim().trim_end_matches('/');
    let parsed = reqwest::Url::parse(url).map_err(|e| {
        Error::Invalid(format!(
            "'{url}' is not a server URL ({e}): use https://host:port"
        ))
    })?;
    if !matches!(parsed.scheme(), "http" | "https") || parsed.host_str().is_none() {
        return Err(Error::Invalid(format!(
            "'{url}' is not a server URL: use https://host:port"
        )));
    }
    Ok(url.to_string())
}

fn unreachable(server: &str, e: &reqwest::Error) -> Error {
    // reqwest's message names the URL, which holds no secret (the token is a header).
    team_err(
        "team.unreachable",
        format!(
            "the team server {server} cannot be reached ({e}); your edits stay queued and go out on the next sync"
        ),
    )
}

async fn error_of(server: &str, r: reqwest::Response) -> Error {
    let status = r.status();
    let body = r.json::<ErrorBody>().await.ok();
    let message = body.map_or_else(|| status.to_string(), |b| b.message);
    match status {
        StatusCode::UNAUTHORIZED => team_err(
            "team.revoked",
            format!(
                "{server} refused this device: {message}. Your local edits are kept; run `scout team leave` and join again with a new invite"
            ),
        ),
        s if s.is_client_error() => team_err("team.refused", format!("{server}: {message}")),
        _ => team_err(
            "team.server",
            format!("{server} failed: {message}; try again later"),
        ),
    }
}

fn status_view(link: Option<&TeamLink>, counts: scout_store::TeamCounts) -> TeamStatus {
    TeamStatus {
        joined: link.is_some(),
        server_url: link.map(|l| l.server_url.clone()),
        workspace: link.map(|l| l.workspace.clone()),
        device: link.map(|l| l.device.clone()),
        device_name: link.map(|l| l.device_name.clone()),
        role: link.map(|l| l.role.key().to_string()),
        can_edit: link.is_none_or(|l| l.role.can_write()),
        cursor: link.map_or(0, |l| l.cursor),
        pending: counts.pending,
        applied: counts.applied,
        shared_snapshots: counts.snapshots,
        joined_at: link.map(|l| l.joined_at.to_rfc3339()),
        last_sync_at: link.and_then(|l| l.last_sync_at.map(|t| t.to_rfc3339())),
        last_error: link.and_then(|l| l.last_error.clone()),
        keychain_entry: link.map(|l| {
            TeamToken::new(&l.server_url, &l.workspace, &l.device)
                .entry_name()
                .to_string()
        }),
    }
}

fn summary(row: &ActivityRow) -> String {
    let v = &row.value;
    let text = |v: &serde_json::Value| v.as_str().unwrap_or_default().to_string();
    match row.field.as_str() {
        "member" if v.get("add").is_some() => "added".into(),
        "member" => "removed".into(),
        "status" => format!("status → {}", text(v)),
        "note" if text(v).is_empty() => "cleared the note".into(),
        "note" => format!("note: {}", text(v)),
        "tags" => format!(
            "tags: {}",
            v.as_array()
                .map(|t| t.iter().map(text).collect::<Vec<_>>().join(", "))
                .unwrap_or_default()
        ),
        "name" => format!("named the shortlist “{}”", text(v)),
        "client" if v.is_null() => "cleared the client".into(),
        "client" => format!("client → {}", text(v)),
        "notes" if v.is_null() => "cleared the shortlist notes".into(),
        "notes" => format!("shortlist notes: {}", text(v)),
        "deleted" => "deleted the shortlist".into(),
        other => other.to_string(),
    }
}

impl Workspace {
    async fn blocking<T: Send + 'static>(
        &self,
        f: impl FnOnce(&Workspace) -> Result<T> + Send + 'static,
    ) -> Result<T> {
        let ws = self.clone();
        tokio::task::spawn_blocking(move || f(&ws))
            .await
            .map_err(|e| Error::Invalid(format!("a background task failed: {e}")))?
    }

    /// Team sync state (local; no request).
    pub fn team_status(&self) -> Result<TeamStatus> {
        let store = self.store();
        Ok(status_view(
            store.team_link()?.as_ref(),
            store.team_counts()?,
        ))
    }

    /// Join a team server with a one-use invite code: the device token goes to the OS
    /// keychain, this workspace's shortlists, entries (with their snapshots) and briefs
    /// are queued for the team, and a first sync runs (its failure is reported in the
    /// status, the join stands).
    pub async fn team_join(
        &self,
        server_url: &str,
        code: &str,
        device_name: Option<&str>,
    ) -> Result<TeamStatus> {
        let server = normalise_url(server_url)?;
        if let Some(l) = self.store().team_link()? {
            return Err(Error::Invalid(format!(
                "this workspace already syncs with {} (team workspace '{}'): run `scout team leave` first",
                l.server_url, l.workspace
            )));
        }
        let name = device_name
            .map(str::trim)
            .filter(|n| !n.is_empty())
            .map(str::to_string)
            .or_else(|| std::env::var("USER").ok().filter(|u| !u.is_empty()))
            .unwrap_or_else(|| "Scout".to_string());
        let http = http()?;
        let r = http
            .post(format!("{server}/v1/join"))
            .json(&serde_json::json!({"code": code.trim(), "device_name": name}))
            .send()
            .await
            .map_err(|e| unreachable(&server, &e))?;
        if !r.status().is_success() {
            return Err(error_of(&server, r).await);
        }
        let joined: JoinResponse = r.json().await.map_err(|e| {
            team_err(
                "team.server",
                format!("{server} answered the join oddly: {e}"),
            )
        })?;
        let token = TeamToken::new(&server, &joined.workspace, &joined.device);
        let secret = joined.token.clone();
        let stored = {
            let token = token.clone();
            tokio::task::spawn_blocking(move || token.set(&secret))
                .await
                .map_err(|e| Error::Invalid(e.to_string()))?
        };
        if let Err(e) = stored {
            // Without a keychain the token cannot be kept: give it back.
            let _ = http
                .post(format!("{server}/v1/leave"))
                .bearer_auth(&joined.token)
                .send()
                .await;
            return Err(e.into());
        }
        let link = TeamLink {
            server_url: server,
            workspace: joined.workspace,
            device: joined.device,
            device_name: name,
            role: joined.role,
            cursor: 0,
            joined_at: Self::now(),
            last_sync_at: None,
            last_error: None,
        };
        self.blocking(move |ws| Ok(ws.store().team_join(&link)?))
            .await?;
        if let Err(e) = self.team_sync().await {
            tracing::warn!("first sync after joining failed: {e}");
        }
        self.team_status()
    }

    /// Push queued edits, then pull and apply everything after the last applied number.
    /// Safe to interrupt at any point: nothing is lost or applied twice.
    pub async fn team_sync(&self) -> Result<SyncReport> {
        let _one = SYNC.lock().await;
        let out = self.sync_once().await;
        let err = out.as_ref().err().map(ToString::to_string);
        let _ = self
            .blocking(move |ws| Ok(ws.store().team_sync_result(err.as_deref())?))
            .await;
        out
    }

    async fn sync_once(&self) -> Result<SyncReport> {
        let link = self.store().team_link()?.ok_or_else(|| {
            team_err(
                "team.not_joined",
                "this workspace does not sync with a team: run `scout team join URL CODE`",
            )
        })?;
        let entry = TeamToken::new(&link.server_url, &link.workspace, &link.device);
        let token = {
            let entry = entry.clone();
            tokio::task::spawn_blocking(move || entry.read())
                .await
                .map_err(|e| Error::Invalid(e.to_string()))??
        }
        .ok_or_else(|| {
            team_err(
                "team.not_joined",
                format!(
                    "no device token in the OS keychain ({}): run `scout team leave`, then join again",
                    entry.entry_name()
                ),
            )
        })?;
        let server = link.server_url.clone();
        let http = http()?;
        let mut report = SyncReport {
            pushed: 0,
            rejected: Vec::new(),
            pulled: 0,
            snapshots: 0,
            head: 0,
        };

        // Push.
        let mut limit = PUSH_OPS;
        if link.role.can_write() {
            loop {
                let batch = self
                    .blocking(move |ws| Ok(ws.store().team_outbox(limit, PUSH_BYTES)?))
                    .await?;
                if batch.is_empty() {
                    break;
                }
                let ops: Vec<_> = batch.iter().map(|o| &o.op).collect();
                let r = http
                    .post(format!("{server}/v1/ops"))
                    .bearer_auth(&token)
                    .json(&serde_json::json!({ "ops": ops }))
                    .send()
                    .await
                    .map_err(|e| unreachable(&server, &e))?;
                match r.status() {
                    s if s.is_success() => {
                        let resp: PushResponse = r.json().await.map_err(|e| {
                            team_err(
                                "team.server",
                                format!("{server} answered a push oddly: {e}"),
                            )
                        })?;
                        report.pushed += resp
                            .results
                            .iter()
                            .filter(|o| matches!(o, PushOutcome::Accepted { .. }))
                            .count() as u32;
                        report.head = resp.head;
                        let rejected = self
                            .blocking(move |ws| {
                                Ok(ws.store().team_acknowledge(&batch, &resp.results)?)
                            })
                            .await?;
                        report.rejected.extend(rejected);
                    }
                    StatusCode::UNPROCESSABLE_ENTITY => {
                        // One op this server cannot take: drop it (undone here), send the rest.
                        let body = r.json::<ErrorBody>().await.ok();
                        let message = body.map(|b| b.message).unwrap_or_default();
                        let index = message
                            .strip_prefix("op ")
                            .and_then(|m| m.split(' ').next())
                            .and_then(|n| n.parse::<usize>().ok())
                            .filter(|i| *i < batch.len());
                        let Some(i) = index else {
                            return Err(team_err("team.refused", format!("{server}: {message}")));
                        };
                        let id = batch[i].id;
                        self.blocking(move |ws| Ok(ws.store().team_drop_op(id)?))
                            .await?;
                        report.rejected.push(message);
                    }
                    StatusCode::PAYLOAD_TOO_LARGE if batch.len() > 1 => {
                        limit = (batch.len() / 2).max(1);
                    }
                    StatusCode::PAYLOAD_TOO_LARGE => {
                        let id = batch[0].id;
                        self.blocking(move |ws| Ok(ws.store().team_drop_op(id)?))
                            .await?;
                        report.rejected.push(format!(
                            "{} {}: too large for the server",
                            batch[0].op.entity, batch[0].op.field
                        ));
                    }
                    _ => return Err(error_of(&server, r).await),
                }
            }
        }

        // Pull.
        loop {
            let after = self.store().team_link()?.map_or(0, |l| l.cursor);
            let r = http
                .get(format!("{server}/v1/ops?after={after}&limit={PULL_OPS}"))
                .bearer_auth(&token)
                .send()
                .await
                .map_err(|e| unreachable(&server, &e))?;
            if !r.status().is_success() {
                return Err(error_of(&server, r).await);
            }
            let page: PullResponse = r.json().await.map_err(|e| {
                team_err(
                    "team.server",
                    format!("{server} answered a pull oddly: {e}"),
                )
            })?;
            report.head = page.head;
            let more = page.more && !page.ops.is_empty();
            let ops = page.ops;
            let applied = self
                .blocking(move |ws| Ok(ws.store().team_apply(&ops)?))
                .await?;
            report.pulled += applied.ops;
            report.snapshots += applied.snapshots;
            if !more {
                break;
            }
        }
        Ok(report)
    }

    /// Stop syncing: the server revokes this device's token, the keychain entry is
    /// removed, and the local shortlists, briefs and snapshots stay as they are.
    pub async fn team_leave(&self) -> Result<()> {
        let Some(link) = self.store().team_link()? else {
            return Err(team_err(
                "team.not_joined",
                "this workspace does not sync with a team",
            ));
        };
        let entry = TeamToken::new(&link.server_url, &link.workspace, &link.device);
        let token = {
            let entry = entry.clone();
            tokio::task::spawn_blocking(move || entry.read())
                .await
                .map_err(|e| Error::Invalid(e.to_string()))?
        }
        .ok()
        .flatten();
        if let Some(token) = token {
            match http()?
                .post(format!("{}/v1/leave", link.server_url))
                .bearer_auth(&token)
                .send()
                .await
            {
                Ok(r) if r.status().is_success() || r.status() == StatusCode::UNAUTHORIZED => {}
                Ok(r) => tracing::warn!("the server did not confirm leaving: {}", r.status()),
                Err(e) => tracing::warn!("the server could not be told this device left: {e}"),
            }
        }
        tokio::task::spawn_blocking(move || entry.clear())
            .await
            .map_err(|e| Error::Invalid(e.to_string()))??;
        self.blocking(|ws| Ok(ws.store().team_leave()?)).await
    }

    /// Who changed what on a shortlist, newest first (edits not yet sent first).
    pub fn shortlist_activity(&self, name: &str, limit: usize) -> Result<Vec<ActivityEntry>> {
        let id = self.shortlist_id(name)?;
        let rows = self.store().team_activity(id, limit)?;
        Ok(rows
            .iter()
            .map(|r| ActivityEntry {
                pending: r.seq.is_none(),
                author: r.author.clone(),
                at: r.at.to_rfc3339(),
                creator: r.creator.as_ref().map(|(_, h)| h.clone()),
                platform: r.creator.as_ref().map(|(p, _)| p.key().to_string()),
                field: r.field.clone(),
                summary: summary(r),
            })
            .collect())
    }

    /// Every note on a shortlist entry with its author and time, oldest first.
    pub fn entry_notes(&self, name: &str, creator_id: i64) -> Result<Vec<ActivityEntry>> {
        let id = self.shortlist_id(name)?;
        let rows = self
            .store()
            .team_notes(id, scout_store::AccountId(creator_id))?;
        Ok(rows
            .iter()
            .map(|r| ActivityEntry {
                pending: r.seq.is_none(),
                author: r.author.clone(),
                at: r.at.to_rfc3339(),
                creator: None,
                platform: None,
                field: r.field.clone(),
                summary: summary(r),
            })
            .collect())
    }
}
