//! Creator commands: the Creators table and one creator's page.

use scout::views::{CreatorDetail, CreatorPage, CreatorQuery, CreatorRow};
use tauri::State;

use crate::error::IpcResult;
use crate::state::{AppState, blocking};

/// One page of the Creators table (sorted and filtered in SQL) and the total;
/// `query.brief` selects the brief Fit is scored against.
#[tauri::command]
#[specta::specta]
pub async fn list_creators(
    state: State<'_, AppState>,
    query: CreatorQuery,
) -> IpcResult<CreatorPage> {
    blocking(&state.workspace, move |ws| ws.list_creators(&query)).await
}

/// One creator's page.
#[tauri::command]
#[specta::specta]
pub async fn get_creator(
    state: State<'_, AppState>,
    id: i32,
    brief: Option<String>,
) -> IpcResult<CreatorDetail> {
    let id = i64::from(id);
    blocking(&state.workspace, move |ws| ws.creator(id, brief.as_deref())).await
}

/// A stored creator by handle, URL or the input first used to add them.
#[tauri::command]
#[specta::specta]
pub async fn find_creator(state: State<'_, AppState>, input: String) -> IpcResult<CreatorRow> {
    blocking(&state.workspace, move |ws| ws.find_creator(&input)).await
}
