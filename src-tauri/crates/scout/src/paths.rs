//! Where the workspace lives: resolved here, once, for both shells.

use std::path::PathBuf;

/// Environment variable that overrides the data folder.
pub const DATA_DIR_ENV: &str = "SCOUT_DATA_DIR";

/// The data folder: `explicit`, else `$SCOUT_DATA_DIR`, else the OS app-data folder
/// (`~/.local/share/scout` on Linux, `~/Library/Application Support/app.scout.Scout`
/// on macOS, `%APPDATA%\Scout\Scout\data` on Windows).
pub fn data_dir(explicit: Option<PathBuf>) -> Option<PathBuf> {
    explicit
        .or_else(|| {
            std::env::var_os(DATA_DIR_ENV)
                .filter(|v| !v.is_empty())
                .map(PathBuf::from)
        })
        .or_else(|| {
            directories::ProjectDirs::from("app", "Scout", "Scout")
                .map(|d| d.data_dir().to_path_buf())
        })
}
