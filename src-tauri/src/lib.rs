//! Scout desktop shell: a thin Tauri 2 layer over the [`scout`] façade.
//!
//! [`run`] builds the app — the single-instance, window-state, notification, dialog and
//! opener plugins, the native [`menu`], the managed [`state::AppState`] (the
//! [`scout::Workspace`] opened from `SCOUT_DATA_DIR` or the OS app-data folder, and its
//! [`scout::JobQueue`], whose runner is started here), and the typed IPC surface from
//! [`specta_builder`]: the commands in [`commands`] and the
//! [`commands::vet::VetProgress`], [`commands::jobs::JobProgress`] and
//! [`menu::MenuAction`] events. TypeScript bindings for that surface are generated into
//! `ui/src/ipc/bindings.ts` by this crate's tests.

pub mod commands;
pub mod error;
pub mod menu;
pub mod state;

use std::collections::HashMap;
use std::fmt::Write as _;
use std::sync::{Arc, Mutex, PoisonError};

use scout::jobs::{JobEvent, JobListener};
use tauri::{AppHandle, Manager};
use tauri_plugin_dialog::{DialogExt, MessageDialogKind};
use tauri_plugin_notification::NotificationExt;
use tauri_specta::{Builder, Event, collect_commands, collect_events};

use crate::commands::{
    briefs, creators, discover, jobs, plan, reports, settings, shortlists, team, vet,
};
use crate::state::AppState;

/// A job that ran at least this long earns a system notification when it ends while
/// the window is in the background.
const LONG_JOB_SECS: i64 = 20;

/// The typed IPC surface: every command and event the UI may use.
pub fn specta_builder() -> Builder<tauri::Wry> {
    Builder::<tauri::Wry>::new()
        .commands(collect_commands![
            settings::workspace_info,
            settings::load_demo,
            settings::clear_demo,
            settings::get_tier_bounds,
            settings::set_tier_bounds,
            settings::get_report_author,
            settings::set_report_author,
            settings::key_status,
            settings::set_key,
            settings::clear_key,
            settings::benchmark_table,
            settings::rate_limits,
            settings::backup_workspace,
            settings::restore_workspace,
            creators::list_creators,
            creators::get_creator,
            creators::find_creator,
            creators::compare_creators,
            vet::vet,
            vet::cancel_vet,
            shortlists::list_shortlists,
            shortlists::get_shortlist,
            shortlists::create_shortlist,
            shortlists::delete_shortlist,
            shortlists::add_to_shortlist,
            shortlists::tag_creators,
            shortlists::remove_from_shortlist,
            shortlists::set_entry_status,
            shortlists::set_entry_note,
            briefs::list_briefs,
            briefs::save_brief,
            briefs::delete_brief,
            briefs::get_brief_form,
            briefs::save_brief_form,
            briefs::brief_choices,
            reports::export_csv,
            reports::export_csv_creators,
            reports::report_pdf,
            reports::report_pdf_with_plan,
            reports::open_path,
            reports::reveal_path,
            jobs::enqueue_vet,
            jobs::enqueue_vet_into_shortlist,
            jobs::enqueue_vet_file,
            jobs::enqueue_refresh,
            jobs::list_jobs,
            jobs::get_job,
            jobs::cancel_job,
            jobs::retry_job,
            jobs::dismiss_job,
            jobs::get_refresh_schedule,
            jobs::set_refresh_schedule,
            plan::plan_shortlist,
            plan::save_plan,
            plan::get_saved_plan,
            plan::start_campaign,
            plan::campaign_results,
            discover::discover,
            discover::cancel_discover,
            discover::dismiss_discovered,
            discover::linked_accounts,
            discover::decide_link,
            discover::saved_searches,
            team::team_status,
            team::team_join,
            team::team_sync,
            team::team_leave,
            team::shortlist_activity,
        ])
        .events(collect_events![
            vet::VetProgress,
            discover::DiscoverProgress,
            jobs::JobProgress,
            team::TeamSyncState,
            menu::MenuAction
        ])
        // One TypeScript type per Rust type: the UI only reads what Rust serializes.
        .disable_serde_phases()
}

/// Start the desktop app; returns when the last window closes.
pub fn run() {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_env("SCOUT_LOG")
                .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("warn")),
        )
        .with_writer(std::io::stderr)
        .init();

    let builder = specta_builder();
    let result = tauri::Builder::default()
        // First, so a second launch hands over to the running one before anything starts.
        .plugin(tauri_plugin_single_instance::init(|app, _args, _cwd| {
            focus_main_window(app);
        }))
        .plugin(tauri_plugin_window_state::Builder::default().build())
        .plugin(tauri_plugin_notification::init())
        .plugin(tauri_plugin_dialog::init())
        .plugin(tauri_plugin_opener::init())
        .menu(menu::build)
        .on_menu_event(|app, event| menu::on_event(app, &event))
        .invoke_handler(builder.invoke_handler())
        .setup(move |app| {
            builder.mount_events(app);
            let opened = scout::Workspace::open(None)
                .and_then(|ws| scout::JobQueue::open(&ws).map(|queue| (ws, queue)));
            match opened {
                Ok((workspace, queue)) => {
                    app.manage(AppState::new(workspace.clone(), queue.clone()));
                    start_jobs(app.handle().clone(), queue);
                    team::start_background_sync(app.handle().clone(), workspace);
                }
                Err(err) => {
                    tracing::error!(%err, "could not open the workspace");
                    let handle = app.handle().clone();
                    app.dialog()
                        .message(format!("{err}\n\nSet SCOUT_DATA_DIR to a writable folder, or fix the folder above, then start Scout again."))
                        .title("Scout cannot open its data folder")
                        .kind(MessageDialogKind::Error)
                        .show(move |_| handle.exit(1));
                }
            }
            Ok(())
        })
        .run(tauri::generate_context!());
    if let Err(err) = result {
        eprintln!("Scout could not start: {err}");
        std::process::exit(1);
    }
}

/// Bring the main window to the front (a second launch, a notification click).
fn focus_main_window(app: &AppHandle) {
    if let Some(window) = app.get_webview_window("main") {
        let _ = window.unminimize();
        let _ = window.show();
        let _ = window.set_focus();
    }
}

/// Run the job queue for the life of the app, forwarding its events to the window and
/// notifying the system when a long job ends while the window is in the background.
fn start_jobs(app: AppHandle, queue: scout::JobQueue) {
    // The finish time each job was last notified for (a retried job may end again).
    let notified: Mutex<HashMap<u32, String>> = Mutex::default();
    let listener: JobListener = Arc::new(move |event: JobEvent| {
        if event.settled {
            notify_if_long(&app, &event, &notified);
        }
        if let Err(err) = (jobs::JobProgress { event }).emit(&app) {
            tracing::warn!(%err, "could not send job progress to the window");
        }
    });
    tauri::async_runtime::spawn(async move { queue.run(listener).await });
}

fn notify_if_long(app: &AppHandle, event: &JobEvent, notified: &Mutex<HashMap<u32, String>>) {
    let job = &event.job;
    let (Some(finished), Ok(created)) = (job.finished_at.as_deref(), chrono_parse(&job.created_at))
    else {
        return;
    };
    let Ok(ended) = chrono_parse(finished) else {
        return;
    };
    {
        let mut seen = notified.lock().unwrap_or_else(PoisonError::into_inner);
        if seen.get(&job.id).map(String::as_str) == Some(finished) {
            return;
        }
        seen.insert(job.id, finished.to_owned());
    }
    let focused = app
        .get_webview_window("main")
        .and_then(|w| w.is_focused().ok())
        .unwrap_or(false);
    if focused || (ended - created).num_seconds() < LONG_JOB_SECS {
        return;
    }
    let mut body = format!("{} done", job.done);
    if job.failed > 0 {
        let _ = write!(body, ", {} failed", job.failed);
    }
    if job.cancelled > 0 {
        let _ = write!(body, ", {} cancelled", job.cancelled);
    }
    if let Err(err) = app
        .notification()
        .builder()
        .title(format!("{} finished", job.title))
        .body(body)
        .show()
    {
        tracing::warn!(%err, "could not show a system notification");
    }
}

fn chrono_parse(s: &str) -> Result<chrono::DateTime<chrono::FixedOffset>, chrono::ParseError> {
    chrono::DateTime::parse_from_rfc3339(s)
}

#[cfg(test)]
mod bindings {
    //! The committed TypeScript bindings must match what the Rust side generates.
    //! Regenerate with `SCOUT_UPDATE_BINDINGS=1 cargo test -p scout-app bindings`.

    use std::path::Path;

    use specta_typescript::Typescript;

    const HEADER: &str = "// Generated by tauri-specta from src-tauri (commands, events) and the scout crate's views.\n// Do not edit: regenerate with `SCOUT_UPDATE_BINDINGS=1 cargo test -p scout-app bindings`.\n";

    #[test]
    fn typescript_bindings_are_up_to_date() {
        let committed = Path::new(env!("CARGO_MANIFEST_DIR")).join("../ui/src/ipc/bindings.ts");
        let dir = tempfile::tempdir().expect("temp dir");
        let fresh_path = dir.path().join("bindings.ts");
        super::specta_builder()
            .export(Typescript::default().header(HEADER), &fresh_path)
            .expect("export TypeScript bindings");
        let fresh = std::fs::read_to_string(&fresh_path).expect("read fresh bindings");

        if std::env::var_os("SCOUT_UPDATE_BINDINGS").is_some() {
            std::fs::write(&committed, &fresh).expect("write ui/src/ipc/bindings.ts");
            return;
        }
        let current = std::fs::read_to_string(&committed).unwrap_or_default();
        assert!(
            current == fresh,
            "ui/src/ipc/bindings.ts is out of date with the Rust commands and views; \
             regenerate it with `SCOUT_UPDATE_BINDINGS=1 cargo test -p scout-app bindings` and commit it"
        );
    }
}
