//! Brand brief commands: list, save (create or update from TOML), delete.

use scout::views::BriefSummary;
use tauri::State;

use crate::error::IpcResult;
use crate::state::{AppState, blocking};

/// Every saved brief.
#[tauri::command]
#[specta::specta]
pub async fn list_briefs(state: State<'_, AppState>) -> IpcResult<Vec<BriefSummary>> {
    blocking(&state.workspace, scout::Workspace::briefs).await
}

/// Validate and save a brief written as TOML; creates it or replaces the brief of the
/// same name. Validation problems come back as `invalid_input` with the reason.
#[tauri::command]
#[specta::specta]
pub async fn save_brief(state: State<'_, AppState>, toml: String) -> IpcResult<BriefSummary> {
    blocking(&state.workspace, move |ws| ws.save_brief_toml(&toml)).await
}

/// Delete a brief.
#[tauri::command]
#[specta::specta]
pub async fn delete_brief(state: State<'_, AppState>, name: String) -> IpcResult<()> {
    blocking(&state.workspace, move |ws| ws.delete_brief(&name)).await
}
