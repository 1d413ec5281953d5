//! Report and export commands: CSV export, PDF report, and opening what was written
//! with the system's default application (the path comes from the native save
//! dialog the UI showed).

use std::path::PathBuf;

use scout::views::ExportResult;
use tauri::{AppHandle, State};
use tauri_plugin_opener::OpenerExt;

use crate::error::{IpcError, IpcResult};
use crate::state::{AppState, blocking};

/// Write a CSV of one shortlist (or of every creator when `shortlist` is `None`) to
/// `path`; `excel_eu` uses `;` separators and decimal commas for European Excel.
#[tauri::command]
#[specta::specta]
pub async fn export_csv(
    state: State<'_, AppState>,
    shortlist: Option<String>,
    path: String,
    excel_eu: bool,
) -> IpcResult<ExportResult> {
    let path = output_path(&path)?;
    blocking(&state.workspace, move |ws| {
        ws.export_csv(shortlist.as_deref(), &path, excel_eu)
    })
    .await
}

/// Write a CSV of the creators chosen in the Creators table (by id, in that order) to `path`.
#[tauri::command]
#[specta::specta]
pub async fn export_csv_creators(
    state: State<'_, AppState>,
    creator_ids: Vec<i32>,
    path: String,
    excel_eu: bool,
) -> IpcResult<ExportResult> {
    let path = output_path(&path)?;
    let ids: Vec<i64> = creator_ids.into_iter().map(i64::from).collect();
    blocking(&state.workspace, move |ws| {
        ws.export_csv_creators(&ids, &path, excel_eu)
    })
    .await
}

/// Write the client-ready PDF report of a shortlist, scored against `brief`.
#[tauri::command]
#[specta::specta]
pub async fn report_pdf(
    state: State<'_, AppState>,
    shortlist: String,
    brief: Option<String>,
    path: String,
) -> IpcResult<ExportResult> {
    let path = output_path(&path)?;
    blocking(&state.workspace, move |ws| {
        ws.report_pdf(&shortlist, brief.as_deref(), &path)
    })
    .await
}

/// Write the PDF report of a shortlist with one of its saved plans as its own section (and
/// the campaign's results once the plan runs).
#[tauri::command]
#[specta::specta]
pub async fn report_pdf_with_plan(
    state: State<'_, AppState>,
    shortlist: String,
    brief: Option<String>,
    plan: String,
    path: String,
) -> IpcResult<ExportResult> {
    let path = output_path(&path)?;
    blocking(&state.workspace, move |ws| {
        ws.report_pdf_plan(&shortlist, brief.as_deref(), &path, None, None, Some(&plan))
    })
    .await
}

/// Open a written file with the system's default application.
#[tauri::command]
#[specta::specta]
pub async fn open_path(app: AppHandle, path: String) -> IpcResult<()> {
    let path = existing_path(&path)?;
    app.opener()
        .open_path(path.to_string_lossy(), None::<&str>)
        .map_err(|err| IpcError::new("io", format!("Could not open {}: {err}", path.display())))
}

/// Show a written file in the system's file manager.
#[tauri::command]
#[specta::specta]
pub async fn reveal_path(app: AppHandle, path: String) -> IpcResult<()> {
    let path = existing_path(&path)?;
    app.opener().reveal_item_in_dir(&path).map_err(|err| {
        IpcError::new(
            "io",
            format!("Could not show {} in its folder: {err}", path.display()),
        )
    })
}

fn output_path(path: &str) -> IpcResult<PathBuf> {
    let path = PathBuf::from(path.trim());
    if path.as_os_str().is_empty() || !path.is_absolute() {
        return Err(IpcError::invalid_input("Choose where to save the file"));
    }
    Ok(path)
}

fn existing_path(path: &str) -> IpcResult<PathBuf> {
    let path = PathBuf::from(path);
    if path.is_file() {
        Ok(path)
    } else {
        Err(IpcError::new(
            "not_found",
            format!("{} no longer exists; export it again", path.display()),
        ))
    }
}
