//! Scout desktop app entry point: everything lives in [`scout_app::run`].

// Hide the console window on Windows release builds.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

fn main() {
    scout_app::run();
}
