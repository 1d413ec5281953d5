//! Shortlist commands: create, list, open, delete; add and remove creators; set an
//! entry's status and note.

use scout::views::{ShortlistDetail, ShortlistSummary};
use tauri::State;

use crate::error::IpcResult;
use crate::state::{AppState, blocking};

/// Every shortlist, newest first.
#[tauri::command]
#[specta::specta]
pub async fn list_shortlists(state: State<'_, AppState>) -> IpcResult<Vec<ShortlistSummary>> {
    blocking(&state.workspace, scout::Workspace::shortlists).await
}

/// One shortlist with its entries.
#[tauri::command]
#[specta::specta]
pub async fn get_shortlist(state: State<'_, AppState>, name: String) -> IpcResult<ShortlistDetail> {
    blocking(&state.workspace, move |ws| ws.shortlist(&name)).await
}

/// A new, empty shortlist; `client` is optional.
#[tauri::command]
#[specta::specta]
pub async fn create_shortlist(
    state: State<'_, AppState>,
    name: String,
    client: Option<String>,
) -> IpcResult<ShortlistSummary> {
    // The store trims and refuses an empty name; the façade drops an empty client.
    blocking(&state.workspace, move |ws| {
        ws.create_shortlist(&name, client.as_deref())
    })
    .await
}

/// Delete a shortlist (its creators stay in the workspace).
#[tauri::command]
#[specta::specta]
pub async fn delete_shortlist(state: State<'_, AppState>, name: String) -> IpcResult<()> {
    blocking(&state.workspace, move |ws| ws.delete_shortlist(&name)).await
}

/// Add creators to a shortlist (already-present ones are left as they are).
#[tauri::command]
#[specta::specta]
pub async fn add_to_shortlist(
    state: State<'_, AppState>,
    name: String,
    creator_ids: Vec<i32>,
) -> IpcResult<()> {
    // Row ids cross IPC as i32 (a JS number that is always a whole number).
    let ids: Vec<i64> = creator_ids.into_iter().map(i64::from).collect();
    blocking(&state.workspace, move |ws| ws.add_to_shortlist(&name, &ids)).await
}

/// Tag creators on a shortlist (the Creators table's selection): each joins the shortlist
/// if not on it, and gains `tag` unless it has it already. Resolves with how many
/// entries gained the tag.
#[tauri::command]
#[specta::specta]
pub async fn tag_creators(
    state: State<'_, AppState>,
    name: String,
    creator_ids: Vec<i32>,
    tag: String,
) -> IpcResult<u32> {
    let ids: Vec<i64> = creator_ids.into_iter().map(i64::from).collect();
    blocking(&state.workspace, move |ws| {
        ws.tag_creators(&name, &ids, &tag)
            .map(|n| u32::try_from(n).unwrap_or(u32::MAX))
    })
    .await
}

/// Remove one creator from a shortlist.
#[tauri::command]
#[specta::specta]
pub async fn remove_from_shortlist(
    state: State<'_, AppState>,
    name: String,
    creator_id: i32,
) -> IpcResult<()> {
    let id = i64::from(creator_id);
    blocking(&state.workspace, move |ws| {
        ws.remove_from_shortlist(&name, id)
    })
    .await
}

/// Set an entry's status: `candidate`, `vetting`, `approved` or `rejected`.
#[tauri::command]
#[specta::specta]
pub async fn set_entry_status(
    state: State<'_, AppState>,
    name: String,
    creator_id: i32,
    status: String,
) -> IpcResult<()> {
    let id = i64::from(creator_id);
    blocking(&state.workspace, move |ws| {
        ws.set_entry_status(&name, id, &status)
    })
    .await
}

/// Replace an entry's note.
#[tauri::command]
#[specta::specta]
pub async fn set_entry_note(
    state: State<'_, AppState>,
    name: String,
    creator_id: i32,
    note: String,
) -> IpcResult<()> {
    let id = i64::from(creator_id);
    blocking(&state.workspace, move |ws| {
        ws.set_entry_note(&name, id, &note)
    })
    .await
}
