//! Settings and workspace commands: workspace facts, the demo workspace, tier bounds
//! and API keys (the keychain: secrets go in, only set/not-set comes out), the benchmark table
//! and rate limits in force, and backup and restore of the workspace.

use scout::settings::{BackupView, BenchmarkTableView, RateLimitView, RestoreView};
use scout::views::{KeyStatus, ReportAuthor, TierBoundsView, WorkspaceInfo};
use std::path::Path;
use tauri::State;

use crate::error::{IpcError, IpcResult};
use crate::state::{AppState, blocking};

/// Data folder, creator count, demo and first-run flags, app version.
#[tauri::command]
#[specta::specta]
pub async fn workspace_info(state: State<'_, AppState>) -> IpcResult<WorkspaceInfo> {
    blocking(&state.workspace, scout::Workspace::info).await
}

/// Fill the workspace with the demo creators (marked as demo everywhere).
#[tauri::command]
#[specta::specta]
pub async fn load_demo(state: State<'_, AppState>) -> IpcResult<WorkspaceInfo> {
    blocking(&state.workspace, scout::Workspace::load_demo).await
}

/// Remove every demo creator.
#[tauri::command]
#[specta::specta]
pub async fn clear_demo(state: State<'_, AppState>) -> IpcResult<()> {
    blocking(&state.workspace, scout::Workspace::clear_demo).await
}

/// The follower bounds between tiers.
#[tauri::command]
#[specta::specta]
pub async fn get_tier_bounds(state: State<'_, AppState>) -> IpcResult<TierBoundsView> {
    blocking(&state.workspace, scout::Workspace::tier_bounds).await
}

/// Replace the tier bounds (they must increase: micro < mid < macro < mega).
#[tauri::command]
#[specta::specta]
pub async fn set_tier_bounds(state: State<'_, AppState>, bounds: TierBoundsView) -> IpcResult<()> {
    // The façade validates (positive, increasing) and says what is wrong.
    blocking(&state.workspace, move |ws| ws.set_tier_bounds(&bounds)).await
}

/// Who prepares reports: the PDF cover's "Prepared by".
#[tauri::command]
#[specta::specta]
pub async fn get_report_author(state: State<'_, AppState>) -> IpcResult<ReportAuthor> {
    blocking(&state.workspace, scout::Workspace::report_author).await
}

/// Set who prepares reports (name and agency, each optional); returns what was stored.
#[tauri::command]
#[specta::specta]
pub async fn set_report_author(
    state: State<'_, AppState>,
    author: ReportAuthor,
) -> IpcResult<ReportAuthor> {
    blocking(&state.workspace, move |ws| ws.set_report_author(&author)).await
}

/// Which API keys are set (never their values) and what each adds.
#[tauri::command]
#[specta::specta]
pub async fn key_status(state: State<'_, AppState>) -> IpcResult<Vec<KeyStatus>> {
    let workspace = state.workspace.clone();
    tauri::async_runtime::spawn_blocking(move || workspace.key_status())
        .await
        .map_err(|err| IpcError::internal(format!("could not read the keychain: {err}")))
}

/// Store a secret in the OS keychain under `name` (e.g. `youtube-api-key`).
#[tauri::command]
#[specta::specta]
pub async fn set_key(state: State<'_, AppState>, name: String, secret: String) -> IpcResult<()> {
    // The keychain layer trims, refuses an empty secret and names the key.
    blocking(&state.workspace, move |ws| ws.set_key(&name, &secret)).await
}

/// Remove a secret from the OS keychain.
#[tauri::command]
#[specta::specta]
pub async fn clear_key(state: State<'_, AppState>, name: String) -> IpcResult<()> {
    blocking(&state.workspace, move |ws| ws.clear_key(&name)).await
}

/// The benchmark table in force (the shipped one, or the user's copy in the data folder).
#[tauri::command]
#[specta::specta]
pub async fn benchmark_table(state: State<'_, AppState>) -> IpcResult<BenchmarkTableView> {
    blocking(&state.workspace, |ws| Ok(ws.benchmark_table())).await
}

/// The per-host request quotas every vet runs with.
#[tauri::command]
#[specta::specta]
pub async fn rate_limits(state: State<'_, AppState>) -> IpcResult<Vec<RateLimitView>> {
    blocking(&state.workspace, |ws| Ok(ws.rate_limits())).await
}

/// Back the whole workspace up to one file (the path the native save dialog gave).
#[tauri::command]
#[specta::specta]
pub async fn backup_workspace(state: State<'_, AppState>, path: String) -> IpcResult<BackupView> {
    blocking(&state.workspace, move |ws| ws.backup(Path::new(&path))).await
}

/// Replace the workspace with a backup file, checked first; the workspace as it was is
/// kept aside in the data folder.
#[tauri::command]
#[specta::specta]
pub async fn restore_workspace(state: State<'_, AppState>, path: String) -> IpcResult<RestoreView> {
    blocking(&state.workspace, move |ws| ws.restore(Path::new(&path))).await
}
