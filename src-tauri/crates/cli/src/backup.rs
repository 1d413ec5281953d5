//! `scout backup FILE` / `scout restore FILE`: the whole workspace to one file and back.

use std::path::Path;

use anyhow::{Context, Result};
use scout::Workspace;

/// Write the workspace to `file`.
pub fn backup(ws: &Workspace, file: &Path) -> Result<i32> {
    let b = ws
        .backup(file)
        .with_context(|| format!("backing up the workspace to {}", file.display()))?;
    println!(
        "Backed up {} to {} ({} bytes, schema v{}).",
        ws.data_dir().display(),
        b.path,
        b.bytes,
        b.schema_version
    );
    Ok(0)
}

/// Replace the workspace with the backup in `file` (checked first; the old state kept aside).
pub fn restore(ws: &Workspace, file: &Path) -> Result<i32> {
    let r = ws
        .restore(file)
        .with_context(|| format!("restoring the workspace from {}", file.display()))?;
    println!(
        "Restored {} from {} ({} creators). The workspace as it was is kept at {}.",
        ws.data_dir().display(),
        r.restored_from,
        r.info.creators,
        r.kept_aside
    );
    Ok(0)
}
