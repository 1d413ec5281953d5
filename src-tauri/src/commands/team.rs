//! Team commands: join a team server with its URL and an invite code, the sync state,
//! sync now, leave, and who changed what on a shortlist. [`start_background_sync`]
//! keeps a joined workspace in step while the app is open and sends every change of
//! the sync state to the window as the typed [`TeamSyncState`] event.
//!
//! The device token never crosses IPC: the façade keeps it in the OS keychain.

use std::time::{Duration, Instant};

use scout::Workspace;
use scout::views::{ActivityEntry, SyncReport, TeamStatus};
use serde::{Deserialize, Serialize};
use specta::Type;
use tauri::{AppHandle, State};
use tauri_specta::Event;

use crate::error::{IpcError, IpcResult};
use crate::state::{AppState, blocking};

/// Activity lines shown for one shortlist.
const ACTIVITY_LIMIT: usize = 200;

/// The team sync state changed (a sync ran, edits were queued or sent); the window's
/// sync indicator and Settings → Team show it.
#[derive(Debug, Clone, Serialize, Deserialize, Type, Event)]
pub struct TeamSyncState {
    /// The state after the change.
    pub status: TeamStatus,
}

/// This workspace's team sync state (local; no request to the server).
#[tauri::command]
#[specta::specta]
pub async fn team_status(state: State<'_, AppState>) -> IpcResult<TeamStatus> {
    blocking(&state.workspace, Workspace::team_status).await
}

/// Join the team server at `server_url` with a one-use invite code. The workspace's
/// shortlists, briefs and snapshots are queued for the team and a first sync runs
/// (its failure shows in the status; the join stands).
#[tauri::command]
#[specta::specta]
pub async fn team_join(
    app: AppHandle,
    state: State<'_, AppState>,
    server_url: String,
    code: String,
    device_name: Option<String>,
) -> IpcResult<TeamStatus> {
    if code.trim().is_empty() {
        return Err(IpcError::invalid_input(
            "Paste the invite code your team lead gave you",
        ));
    }
    let status = state
        .workspace
        .team_join(&server_url, &code, device_name.as_deref())
        .await?;
    emit_state(&app, &status);
    Ok(status)
}

/// Push queued edits and pull the team's changes now.
#[tauri::command]
#[specta::specta]
pub async fn team_sync(app: AppHandle, state: State<'_, AppState>) -> IpcResult<SyncReport> {
    let result = state.workspace.team_sync().await;
    if let Ok(status) = blocking(&state.workspace, Workspace::team_status).await {
        emit_state(&app, &status);
    }
    Ok(result?)
}

/// Stop syncing: the server revokes this device, the keychain entry goes, local data stays.
#[tauri::command]
#[specta::specta]
pub async fn team_leave(app: AppHandle, state: State<'_, AppState>) -> IpcResult<TeamStatus> {
    state.workspace.team_leave().await?;
    let status = blocking(&state.workspace, Workspace::team_status).await?;
    emit_state(&app, &status);
    Ok(status)
}

/// Who changed what on a shortlist, newest first (edits not yet sent first).
#[tauri::command]
#[specta::specta]
pub async fn shortlist_activity(
    state: State<'_, AppState>,
    name: String,
) -> IpcResult<Vec<ActivityEntry>> {
    blocking(&state.workspace, move |ws| {
        ws.shortlist_activity(&name, ACTIVITY_LIMIT)
    })
    .await
}

fn emit_state(app: &AppHandle, status: &TeamStatus) {
    let event = TeamSyncState {
        status: status.clone(),
    };
    if let Err(err) = event.emit(app) {
        tracing::warn!(%err, "could not send the team sync state to the window");
    }
}

/// How often the background loop looks at the local sync state.
pub const TICK: Duration = Duration::from_secs(5);
/// A joined workspace pulls the team's changes at least this often.
pub const EVERY: Duration = Duration::from_secs(60);
/// After a failed sync (offline, server down) queued edits wait this long before a retry.
pub const RETRY: Duration = Duration::from_secs(30);

/// Whether the background loop should sync now: never when not joined; when local
/// edits are queued, at once (or after [`RETRY`] when the last attempt failed);
/// otherwise every [`EVERY`]. `since` is the time since the last attempt (`None`: none yet).
pub fn sync_due(status: &TeamStatus, since: Option<Duration>) -> bool {
    if !status.joined {
        return false;
    }
    let Some(since) = since else {
        return true;
    };
    let failed = status.last_error.is_some();
    if status.pending > 0 && status.can_edit {
        return since >= if failed { RETRY } else { TICK };
    }
    since >= EVERY
}

/// Keep a joined workspace in step for the life of the app: every [`TICK`] read the
/// local state (on the blocking pool), sync when [`sync_due`] says so (the façade runs
/// one sync at a time, so a button press and this loop never overlap), and emit
/// [`TeamSyncState`] whenever the state differs from what the window last heard.
pub fn start_background_sync(app: AppHandle, workspace: Workspace) {
    tauri::async_runtime::spawn(async move {
        let mut last_attempt: Option<Instant> = None;
        let mut last_sent: Option<TeamStatus> = None;
        loop {
            let status = match blocking(&workspace, Workspace::team_status).await {
                Ok(s) => s,
                Err(err) => {
                    tracing::warn!(%err, "could not read the team sync state");
                    tokio::time::sleep(TICK).await;
                    continue;
                }
            };
            let status = if sync_due(&status, last_attempt.map(|t| t.elapsed())) {
                last_attempt = Some(Instant::now());
                if let Err(err) = workspace.team_sync().await {
                    // Recorded in the status as `last_error`; the window shows it.
                    tracing::info!(%err, "background team sync failed");
                }
                blocking(&workspace, Workspace::team_status)
                    .await
                    .unwrap_or(status)
            } else {
                status
            };
            if last_sent.as_ref() != Some(&status) {
                emit_state(&app, &status);
                last_sent = Some(status);
            }
            tokio::time::sleep(TICK).await;
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    fn status(joined: bool, pending: u32, can_edit: bool, failed: bool) -> TeamStatus {
        TeamStatus {
            joined,
            server_url: joined.then(|| "https://team.example:8443".into()),
            workspace: None,
            device: None,
            device_name: None,
            role: None,
            can_edit,
            cursor: 0,
            pending,
            applied: 0,
            shared_snapshots: 0,
            joined_at: None,
            last_sync_at: None,
            last_error: failed.then(|| "cannot be reached".into()),
            keychain_entry: None,
        }
    }

    const S: fn(u64) -> Option<Duration> = |s| Some(Duration::from_secs(s));

    #[test]
    fn never_syncs_a_workspace_that_has_not_joined() {
        assert!(!sync_due(&status(false, 5, true, false), None));
        assert!(!sync_due(&status(false, 5, true, false), S(3600)));
    }

    #[test]
    fn syncs_at_once_after_starting_and_after_a_local_edit() {
        assert!(sync_due(&status(true, 0, true, false), None));
        assert!(sync_due(&status(true, 1, true, false), S(5)));
        assert!(!sync_due(&status(true, 1, true, false), S(4)));
    }

    #[test]
    fn pulls_every_minute_when_nothing_is_queued() {
        assert!(!sync_due(&status(true, 0, true, false), S(59)));
        assert!(sync_due(&status(true, 0, true, false), S(60)));
    }

    #[test]
    fn backs_off_while_the_server_cannot_be_reached() {
        assert!(!sync_due(&status(true, 3, true, true), S(10)));
        assert!(sync_due(&status(true, 3, true, true), S(30)));
    }

    #[test]
    fn a_viewer_with_nothing_to_send_only_pulls() {
        assert!(!sync_due(&status(true, 2, false, false), S(10)));
        assert!(sync_due(&status(true, 2, false, false), S(60)));
    }
}
