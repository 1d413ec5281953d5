//! The native menu bar with its keyboard shortcuts. Items that act inside the page
//! (go to a page, open the command palette, focus the table filter, show About) are sent
//! to the UI as the typed [`MenuAction`] event; clipboard, window and quit items are the
//! platform's own.

use serde::{Deserialize, Serialize};
use specta::Type;
use tauri::menu::{Menu, MenuBuilder, MenuEvent, MenuItemBuilder, SubmenuBuilder};
use tauri::{AppHandle, Runtime};
use tauri_specta::Event;

/// A menu item the UI carries out; `action` is the item's id (see [`ACTIONS`]).
#[derive(Debug, Clone, Serialize, Deserialize, Type, Event)]
pub struct MenuAction {
    /// `go:creators`, `go:add`, `go:shortlists`, `go:brands`, `go:reports`,
    /// `go:settings`, `palette`, `find`, `jobs`, `about`, `open-file`.
    pub action: String,
}

/// `(id, label, accelerator)` of every item the UI handles, by submenu.
const FILE: &[(&str, &str, Option<&str>)] = &[
    ("go:add", "Add creators…", Some("CmdOrCtrl+N")),
    ("open-file", "Vet handles from a file…", Some("CmdOrCtrl+O")),
];
const EDIT_FIND: (&str, &str, Option<&str>) = ("find", "Find in table", Some("CmdOrCtrl+F"));
const VIEW: &[(&str, &str, Option<&str>)] = &[
    ("palette", "Command palette…", Some("CmdOrCtrl+K")),
    ("jobs", "Background jobs", Some("CmdOrCtrl+J")),
    ("go:creators", "Creators", Some("CmdOrCtrl+1")),
    ("go:shortlists", "Shortlists", Some("CmdOrCtrl+2")),
    ("go:brands", "Brands", Some("CmdOrCtrl+3")),
    ("go:reports", "Reports", Some("CmdOrCtrl+4")),
    ("go:settings", "Settings", Some("CmdOrCtrl+,")),
];
const HELP_ABOUT: (&str, &str, Option<&str>) = ("about", "About Scout", None);

/// Every id the UI is sent.
pub const ACTIONS: &[&str] = &[
    "go:add",
    "open-file",
    "find",
    "palette",
    "jobs",
    "go:creators",
    "go:shortlists",
    "go:brands",
    "go:reports",
    "go:settings",
    "about",
];

fn item<R: Runtime>(
    app: &AppHandle<R>,
    (id, label, accel): (&str, &str, Option<&str>),
) -> tauri::Result<tauri::menu::MenuItem<R>> {
    let mut b = MenuItemBuilder::with_id(id, label);
    if let Some(a) = accel {
        b = b.accelerator(a);
    }
    b.build(app)
}

/// The menu bar: File, Edit, View, Help (and the app menu on macOS).
pub fn build<R: Runtime>(app: &AppHandle<R>) -> tauri::Result<Menu<R>> {
    let mut file = SubmenuBuilder::new(app, "File");
    for entry in FILE {
        file = file.item(&item(app, *entry)?);
    }
    let file = file.separator().close_window().quit().build()?;
    let edit = SubmenuBuilder::new(app, "Edit")
        .undo()
        .redo()
        .separator()
        .cut()
        .copy()
        .paste()
        .select_all()
        .separator()
        .item(&item(app, EDIT_FIND)?)
        .build()?;
    let mut view = SubmenuBuilder::new(app, "View");
    for (i, entry) in VIEW.iter().enumerate() {
        if i == 2 {
            view = view.separator();
        }
        view = view.item(&item(app, *entry)?);
    }
    let view = view.separator().fullscreen().build()?;
    let help = SubmenuBuilder::new(app, "Help")
        .item(&item(app, HELP_ABOUT)?)
        .build()?;
    let mut menu = MenuBuilder::new(app);
    if cfg!(target_os = "macos") {
        let app_menu = SubmenuBuilder::new(app, "Scout")
            .item(&item(app, HELP_ABOUT)?)
            .separator()
            .services()
            .separator()
            .hide()
            .hide_others()
            .show_all()
            .separator()
            .quit()
            .build()?;
        menu = menu.item(&app_menu);
    }
    menu.items(&[&file, &edit, &view, &help]).build()
}

/// Forward a menu click the UI handles as [`MenuAction`].
pub fn on_event<R: Runtime>(app: &AppHandle<R>, event: &MenuEvent) {
    let id = event.id().as_ref();
    if let Some(action) = ACTIONS.iter().find(|a| **a == id) {
        let action = MenuAction {
            action: (*action).to_string(),
        };
        if let Err(err) = action.emit(app) {
            tracing::warn!(%err, "could not send a menu action to the window");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_item_the_ui_handles_is_in_the_menu_once() {
        let mut ids: Vec<&str> = FILE
            .iter()
            .chain(VIEW)
            .chain([&EDIT_FIND, &HELP_ABOUT])
            .map(|(id, _, _)| *id)
            .collect();
        ids.sort_unstable();
        let mut actions = ACTIONS.to_vec();
        actions.sort_unstable();
        assert_eq!(ids, actions);
    }
}
