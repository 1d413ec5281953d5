//! [`AppState`]: what the commands share — the opened [`scout::Workspace`], its
//! background [`scout::JobQueue`] and the cancellation tokens of vetting runs still in
//! progress — plus [`blocking`], which
//! runs a synchronous façade call off the async runtime's worker threads.

use std::collections::HashMap;
use std::sync::{Mutex, PoisonError};

use scout::{Cancel, JobQueue, Workspace};

use crate::error::{IpcError, IpcResult};

/// Managed Tauri state.
pub struct AppState {
    /// The workspace (cheap to clone: an `Arc` inside).
    pub workspace: Workspace,
    /// The background jobs of that workspace (cheap to clone).
    pub jobs: JobQueue,
    runs: Mutex<HashMap<String, Cancel>>,
}

impl AppState {
    /// State over an opened workspace.
    pub fn new(workspace: Workspace, jobs: JobQueue) -> Self {
        Self {
            workspace,
            jobs,
            runs: Mutex::new(HashMap::new()),
        }
    }

    /// Register a vetting run under the id the UI chose; returns its token.
    pub fn start_run(&self, run: &str) -> Cancel {
        let cancel = Cancel::new();
        self.runs
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .insert(run.to_owned(), cancel.clone());
        cancel
    }

    /// Forget a finished run.
    pub fn finish_run(&self, run: &str) {
        self.runs
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .remove(run);
    }

    /// Cancel a run; `false` when no such run is in progress.
    pub fn cancel_run(&self, run: &str) -> bool {
        let runs = self.runs.lock().unwrap_or_else(PoisonError::into_inner);
        runs.get(run).map(Cancel::cancel).is_some()
    }
}

/// Run a synchronous workspace call (SQLite, PDF layout) on the blocking pool and map
/// its error for IPC.
pub async fn blocking<T, F>(workspace: &Workspace, call: F) -> IpcResult<T>
where
    T: Send + 'static,
    F: FnOnce(&Workspace) -> scout::Result<T> + Send + 'static,
{
    let workspace = workspace.clone();
    tauri::async_runtime::spawn_blocking(move || call(&workspace))
        .await
        .map_err(|err| IpcError::internal(format!("a background task failed: {err}")))?
        .map_err(IpcError::from)
}
