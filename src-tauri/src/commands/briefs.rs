//! Brand brief commands: list, save (create or update from TOML, or from the form), delete, the
//! form's fields and the codes it accepts.

use scout::brief_form::{BriefChoices, BriefForm};
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

/// A brief's fields for the Brands form.
#[tauri::command]
#[specta::specta]
pub async fn get_brief_form(state: State<'_, AppState>, name: String) -> IpcResult<BriefForm> {
    blocking(&state.workspace, move |ws| ws.brief_form(&name)).await
}

/// Save a brief from the Brands form (`previous`: the name it was opened under, so
/// what the form does not show is kept and a rename replaces it). Problems come back
/// as `invalid_input`, every one named.
#[tauri::command]
#[specta::specta]
pub async fn save_brief_form(
    state: State<'_, AppState>,
    form: BriefForm,
    previous: Option<String>,
) -> IpcResult<BriefSummary> {
    blocking(&state.workspace, move |ws| {
        ws.save_brief_form(&form, previous.as_deref())
    })
    .await
}

/// The languages, markets and jurisdictions a brief accepts (from `scout-core`'s tables).
#[tauri::command]
#[specta::specta]
pub fn brief_choices() -> BriefChoices {
    scout::brief_form::brief_choices()
}
