//! Vetting commands: run the pipeline over several inputs, streaming per-input
//! progress as the typed [`VetProgress`] event, and cancel a run.

use std::sync::Arc;

use scout::views::{VetEvent, VetOutcome};
use serde::{Deserialize, Serialize};
use specta::Type;
use tauri::{AppHandle, State};
use tauri_specta::Event;

use crate::error::{IpcError, IpcResult};
use crate::state::AppState;

/// Progress of one input of a vetting run, tagged with the run id the UI chose so a
/// page only listens to its own run.
#[derive(Debug, Clone, Serialize, Deserialize, Type, Event)]
pub struct VetProgress {
    /// The run id passed to [`vet`].
    pub run: String,
    /// What happened to which input.
    pub event: VetEvent,
}

/// Vet `inputs` (handles or profile URLs). Emits [`VetProgress`] for every stage of
/// every input and resolves with one outcome per input, in input order. A failed
/// input does not stop the others; it is reported in its outcome.
#[tauri::command]
#[specta::specta]
pub async fn vet(
    app: AppHandle,
    state: State<'_, AppState>,
    run: String,
    inputs: Vec<String>,
) -> IpcResult<Vec<VetOutcome>> {
    let inputs: Vec<String> = inputs
        .into_iter()
        .map(|s| s.trim().to_owned())
        .filter(|s| !s.is_empty())
        .collect();
    if inputs.is_empty() {
        return Err(IpcError::invalid_input(
            "Type at least one handle or profile URL to vet",
        ));
    }
    let cancel = state.start_run(&run);
    let run_id = run.clone();
    let on_event = Arc::new(move |event: VetEvent| {
        let progress = VetProgress {
            run: run_id.clone(),
            event,
        };
        if let Err(err) = progress.emit(&app) {
            tracing::warn!(%err, "could not emit vetting progress");
        }
    });
    let outcomes = state.workspace.vet(inputs, on_event, cancel).await;
    state.finish_run(&run);
    Ok(outcomes)
}

/// Ask a running vetting run to stop after the inputs in flight; `false` when the run
/// already finished.
#[tauri::command]
#[specta::specta]
pub async fn cancel_vet(state: State<'_, AppState>, run: String) -> IpcResult<bool> {
    Ok(state.cancel_run(&run))
}
