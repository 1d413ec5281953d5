//! Creator commands: the Creators table, one creator's page, and creators compared side by side.

use scout::compare::CompareEntry;
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

/// Two to four creators side by side (the Compare page): each one's Creator page figures,
/// its cost estimate for one post and the reason for every missing figure.
#[tauri::command]
#[specta::specta]
pub async fn compare_creators(
    state: State<'_, AppState>,
    ids: Vec<i32>,
    brief: Option<String>,
) -> IpcResult<Vec<CompareEntry>> {
    let ids: Vec<i64> = ids.into_iter().map(i64::from).collect();
    blocking(&state.workspace, move |ws| {
        ws.compare(&ids, brief.as_deref())
    })
    .await
}
