//! Brand briefs: stored as JSON, edited as TOML, scored with `scout-core`'s brand fit.

use scout_core::Snapshot;

use crate::error::{Error, Result};
use crate::workspace::Workspace;

/// A brief loaded for scoring.
pub(crate) struct LoadedBrief {
    pub name: String,
}

impl LoadedBrief {
    pub(crate) fn score(&self, _snapshot: &Snapshot) -> f64 {
        0.0
    }
}

impl Workspace {
    pub(crate) fn load_brief(&self, name: &str) -> Result<LoadedBrief> {
        let row = self.store().brand(name)?;
        row.map(|r| LoadedBrief { name: r.name }).ok_or_else(|| Error::NotFound(format!("no brief named '{name}'")))
    }
}
