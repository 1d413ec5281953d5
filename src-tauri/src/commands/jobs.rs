//! Background job commands: queue a vet, a refresh or a report; list jobs and their
//! items; cancel, retry, clear; the refresh schedule. The runner itself is started by
//! [`crate::run`] and streams [`JobProgress`] events.

use scout::jobs::{JobDetail, JobEvent, JobView, RefreshSchedule};
use serde::{Deserialize, Serialize};
use specta::Type;
use tauri::State;
use tauri_specta::Event;

use crate::error::{IpcResult, row_id};
use crate::state::{AppState, blocking};

/// An item of a job changed (state or progress message), with its job's counts.
#[derive(Debug, Clone, Serialize, Deserialize, Type, Event)]
pub struct JobProgress {
    /// What changed.
    pub event: JobEvent,
}

/// Queue a vet of `inputs` (handles or profile URLs); resolves with the queued job.
#[tauri::command]
#[specta::specta]
pub async fn enqueue_vet(state: State<'_, AppState>, inputs: Vec<String>) -> IpcResult<JobView> {
    let queue = state.jobs.clone();
    blocking(&state.workspace, move |_| queue.enqueue_vet(inputs)).await
}

/// Queue a vet of handles or profile URLs whose creators join `shortlist` as each one
/// is vetted (from the Discover page: vet the chosen results straight into a shortlist).
#[tauri::command]
#[specta::specta]
pub async fn enqueue_vet_into_shortlist(
    state: State<'_, AppState>,
    inputs: Vec<String>,
    shortlist: String,
) -> IpcResult<JobView> {
    let queue = state.jobs.clone();
    blocking(&state.workspace, move |_| {
        queue.enqueue_vet_into(inputs, Some(&shortlist))
    })
    .await
}

/// Queue a re-vet of every shortlisted creator; `null` when nothing is shortlisted.
#[tauri::command]
#[specta::specta]
pub async fn enqueue_refresh(state: State<'_, AppState>) -> IpcResult<Option<JobView>> {
    let queue = state.jobs.clone();
    blocking(&state.workspace, move |_| queue.enqueue_refresh()).await
}

/// The jobs panel: the newest jobs, newest first.
#[tauri::command]
#[specta::specta]
pub async fn list_jobs(state: State<'_, AppState>) -> IpcResult<Vec<JobView>> {
    let queue = state.jobs.clone();
    blocking(&state.workspace, move |_| queue.jobs()).await
}

/// One job with its items.
#[tauri::command]
#[specta::specta]
pub async fn get_job(state: State<'_, AppState>, id: f64) -> IpcResult<JobDetail> {
    let id = row_id(id)?;
    let queue = state.jobs.clone();
    blocking(&state.workspace, move |_| queue.job(id)).await
}

/// Cancel a job (pending items at once, running ones at their next stop).
#[tauri::command]
#[specta::specta]
pub async fn cancel_job(state: State<'_, AppState>, id: f64) -> IpcResult<JobView> {
    let id = row_id(id)?;
    let queue = state.jobs.clone();
    blocking(&state.workspace, move |_| queue.cancel(id)).await
}

/// Retry a job's failed and cancelled items, or only `item`.
#[tauri::command]
#[specta::specta]
pub async fn retry_job(
    state: State<'_, AppState>,
    id: f64,
    item: Option<f64>,
) -> IpcResult<JobView> {
    let id = row_id(id)?;
    let item = item.map(row_id).transpose()?;
    let queue = state.jobs.clone();
    blocking(&state.workspace, move |_| queue.retry(id, item)).await
}

/// Clear a finished job from the panel.
#[tauri::command]
#[specta::specta]
pub async fn dismiss_job(state: State<'_, AppState>, id: f64) -> IpcResult<()> {
    let id = row_id(id)?;
    let queue = state.jobs.clone();
    blocking(&state.workspace, move |_| queue.dismiss(id)).await
}

/// The scheduled refresh of shortlisted creators.
#[tauri::command]
#[specta::specta]
pub async fn get_refresh_schedule(state: State<'_, AppState>) -> IpcResult<RefreshSchedule> {
    blocking(&state.workspace, scout::Workspace::refresh_schedule).await
}

/// Switch the scheduled refresh on (every `every_hours`) or off (`null`).
#[tauri::command]
#[specta::specta]
pub async fn set_refresh_schedule(
    state: State<'_, AppState>,
    every_hours: Option<f64>,
) -> IpcResult<RefreshSchedule> {
    blocking(&state.workspace, move |ws| {
        ws.set_refresh_schedule(every_hours)
    })
    .await
}

/// Queue a vet of the handles in a `.csv` or `.txt` file dropped on the window. The
/// file is read on the Rust side; the page never sees its content.
#[tauri::command]
#[specta::specta]
pub async fn enqueue_vet_file(state: State<'_, AppState>, path: String) -> IpcResult<JobView> {
    let queue = state.jobs.clone();
    let path = std::path::PathBuf::from(path);
    blocking(&state.workspace, move |_| queue.enqueue_vet_file(&path)).await
}
