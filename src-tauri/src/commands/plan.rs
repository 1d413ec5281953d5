//! Campaign-plan commands: solve a plan over a shortlist (with the comparison plans), save
//! it, open a saved one, run it as a campaign and read what it delivered.

use scout::plan::{CampaignStart, CreatorResultView, PlanRequest, PlanView};
use tauri::State;

use crate::error::IpcResult;
use crate::state::{AppState, blocking};

/// Solve a plan (the optimised hybrid, with all-mega, all-micro and the saved plans beside it).
#[tauri::command]
#[specta::specta]
pub async fn plan_shortlist(
    state: State<'_, AppState>,
    request: PlanRequest,
) -> IpcResult<PlanView> {
    blocking(&state.workspace, move |ws| ws.plan(&request)).await
}

/// Solve and save a plan under `name` (a draft of the same name is replaced).
#[tauri::command]
#[specta::specta]
pub async fn save_plan(
    state: State<'_, AppState>,
    name: String,
    request: PlanRequest,
) -> IpcResult<PlanView> {
    blocking(&state.workspace, move |ws| ws.save_plan(&name, &request)).await
}

/// A saved plan as it was decided.
#[tauri::command]
#[specta::specta]
pub async fn get_saved_plan(
    state: State<'_, AppState>,
    shortlist: String,
    name: String,
) -> IpcResult<PlanView> {
    blocking(&state.workspace, move |ws| ws.saved_plan(&shortlist, &name)).await
}

/// Mark a saved plan as running between two dates, with what identifies its posts.
#[tauri::command]
#[specta::specta]
pub async fn start_campaign(
    state: State<'_, AppState>,
    shortlist: String,
    plan: String,
    start: CampaignStart,
) -> IpcResult<()> {
    blocking(&state.workspace, move |ws| {
        ws.start_campaign(&shortlist, &plan, &start)
    })
    .await
}

/// What a running plan delivered per creator (from each creator's latest snapshot).
#[tauri::command]
#[specta::specta]
pub async fn campaign_results(
    state: State<'_, AppState>,
    shortlist: String,
    plan: String,
) -> IpcResult<Vec<CreatorResultView>> {
    blocking(&state.workspace, move |ws| {
        ws.campaign_results(&shortlist, &plan)
    })
    .await
}
