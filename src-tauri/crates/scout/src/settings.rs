//! What Settings shows beside keys and the team: the benchmark table in force (from
//! `scout-core`'s data, or the user's `benchmarks.toml` in the data folder), the per-host
//! rate limits every vet runs with, and backup and restore of the workspace to one file.

use chrono::Utc;
use scout_core::checks::benchmarks::{Basis, PlatformBenchmark, Statistic};
use scout_core::{Platform, Tier};
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

#[cfg(feature = "specta")]
use specta::Type;

use crate::error::{Error, Result};
use crate::views::WorkspaceInfo;
use crate::workspace::{DB_FILE, Workspace, load_benchmarks};

/// One tier's band of a benchmark table.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(Type))]
pub struct BandView {
    /// The tier.
    pub tier: Tier,
    /// Lowest ordinary value (a fraction).
    pub low: f64,
    /// Highest ordinary value.
    pub high: f64,
    /// The publication's "average" band, low end, where it gives one.
    pub typical_low: Option<f64>,
    /// Its high end.
    pub typical_high: Option<f64>,
}

/// One platform's benchmark rows.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(Type))]
pub struct PlatformBenchmarkView {
    /// The platform.
    pub platform: Platform,
    /// What the rate is divided by (engagement rate tables only).
    pub basis: Option<Basis>,
    /// How per-post rates are summarised (engagement rate tables only).
    pub statistic: Option<Statistic>,
    /// Short citation.
    pub cite: String,
    /// Where the numbers come from.
    pub source: String,
    /// One band per tier (tiers without a benchmark are left out).
    pub tiers: Vec<BandView>,
}

/// The benchmark table in force.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(Type))]
pub struct BenchmarkTableView {
    /// Table version, stated in every report.
    pub version: String,
    /// The user's edited copy in the data folder, when one is in force (else the shipped table).
    pub user_file: Option<String>,
    /// Engagement rate bands per platform and tier.
    pub engagement_rate: Vec<PlatformBenchmarkView>,
    /// Median views / followers bands per video platform and tier.
    pub views_to_followers: Vec<PlatformBenchmarkView>,
}

/// One host's request quota.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(Type))]
pub struct RateLimitView {
    /// Host name, or `*` for every host not listed (Mastodon instances, link-in-bio pages).
    pub host: String,
    /// Sustained requests per second.
    pub per_second: u32,
    /// Requests allowed back to back.
    pub burst: u32,
}

/// A backup written.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(Type))]
pub struct BackupView {
    /// The file written.
    pub path: String,
    /// Its size in bytes.
    pub bytes: f64,
    /// The schema version it holds.
    pub schema_version: u32,
}

/// A restore done.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(Type))]
pub struct RestoreView {
    /// The file restored from.
    pub restored_from: String,
    /// Where the workspace as it was before the restore was kept.
    pub kept_aside: String,
    /// The restored file's schema version (migrated to this build's when older).
    pub schema_version: u32,
    /// The workspace now.
    pub info: WorkspaceInfo,
}

fn platform_views(
    table: &std::collections::BTreeMap<Platform, PlatformBenchmark>,
) -> Vec<PlatformBenchmarkView> {
    table
        .iter()
        .map(|(platform, b)| PlatformBenchmarkView {
            platform: *platform,
            basis: b.basis,
            statistic: b.statistic,
            cite: b.cite.clone(),
            source: b.source.clone(),
            tiers: b
                .tiers
                .iter()
                .map(|(tier, band)| BandView {
                    tier: *tier,
                    low: band.low,
                    high: band.high,
                    typical_low: band.typical.map(|t| t[0]),
                    typical_high: band.typical.map(|t| t[1]),
                })
                .collect(),
        })
        .collect()
}

fn size_of(path: &Path) -> Result<f64> {
    let meta = std::fs::metadata(path).map_err(|e| Error::io("cannot read", path, e))?;
    #[allow(clippy::cast_precision_loss)] // a file size shown to people
    Ok(meta.len() as f64)
}

impl Workspace {
    /// The benchmark table every check in this workspace compares with.
    pub fn benchmark_table(&self) -> BenchmarkTableView {
        let b = self.benchmarks();
        let user = self.data_dir().join(crate::checks::BENCHMARKS_FILE);
        BenchmarkTableView {
            version: b.version.clone(),
            user_file: user.is_file().then(|| user.display().to_string()),
            engagement_rate: platform_views(&b.engagement_rate),
            views_to_followers: platform_views(&b.views_to_followers),
        }
    }

    /// The per-host request quotas a vet runs with.
    pub fn rate_limits(&self) -> Vec<RateLimitView> {
        crate::vet::http_config()
            .rate_limits
            .into_iter()
            .map(|l| RateLimitView {
                host: l.host,
                per_second: l.per_second,
                burst: l.burst,
            })
            .collect()
    }

    /// Write the whole workspace (creators, snapshots, shortlists, briefs, plans, jobs,
    /// settings) to one file.
    pub fn backup(&self, dest: &Path) -> Result<BackupView> {
        self.store().backup_to(dest)?;
        let version = scout_store::check_workspace_file(dest)?;
        Ok(BackupView {
            path: dest.display().to_string(),
            bytes: size_of(dest)?,
            schema_version: u32::try_from(version).unwrap_or(u32::MAX),
        })
    }

    /// Replace the workspace with a backup. The file is checked first (an SQLite file with
    /// Scout's tables at a schema this build knows; nothing changes when it is refused);
    /// the workspace as it was is kept aside as `scout.db.before-restore-<time>` in the
    /// data folder; then the backup is copied in and the workspace reads it at once.
    pub fn restore(&self, src: &Path) -> Result<RestoreView> {
        scout_store::check_workspace_file(src)?;
        let stamp = Utc::now().format("%Y%m%dT%H%M%S");
        let aside: PathBuf = self
            .data_dir()
            .join(format!("{DB_FILE}.before-restore-{stamp}"));
        let version = {
            let mut store = self.store();
            store.backup_to(&aside)?;
            let version = store.restore_from(src)?;
            // Facts stored with another benchmark table are stale, as at open.
            let (_, fingerprint) = load_benchmarks(self.data_dir())?;
            crate::workspace::follow_benchmarks(&mut store, &fingerprint)?;
            version
        };
        self.clear_cache();
        Ok(RestoreView {
            restored_from: src.display().to_string(),
            kept_aside: aside.display().to_string(),
            schema_version: u32::try_from(version).unwrap_or(u32::MAX),
            info: self.info()?,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_backup_taken_then_changed_then_restored_gives_the_old_state_back() {
        let dir = tempfile::tempdir().unwrap();
        let ws = Workspace::open(Some(dir.path().join("data"))).unwrap();
        ws.create_shortlist("Spring launch", Some("Acme")).unwrap();
        ws.save_brief_toml("name = \"Acme\"\ntopics = [\"running\"]\n")
            .unwrap();
        let file = dir.path().join("acme.scoutbackup");
        let b = ws.backup(&file).unwrap();
        assert!(b.bytes > 0.0);
        assert_eq!(b.schema_version as usize, scout_store::SCHEMA_VERSION);

        ws.delete_shortlist("Spring launch").unwrap();
        ws.create_shortlist("Autumn", None).unwrap();
        ws.delete_brief("Acme").unwrap();

        let r = ws.restore(&file).unwrap();
        let names: Vec<String> = ws
            .shortlists()
            .unwrap()
            .into_iter()
            .map(|s| s.name)
            .collect();
        assert_eq!(names, ["Spring launch"]);
        assert_eq!(ws.briefs().unwrap()[0].name, "Acme");
        // The state before the restore is kept aside, and is itself a workspace.
        let aside = PathBuf::from(&r.kept_aside);
        assert!(aside.starts_with(dir.path().join("data")));
        scout_store::check_workspace_file(&aside).unwrap();
        let before = scout_store::Store::open(&aside).unwrap();
        let names: Vec<String> = before
            .shortlists()
            .unwrap()
            .into_iter()
            .map(|s| s.name)
            .collect();
        assert_eq!(names, ["Autumn"]);
        // And the workspace keeps working on the restored data.
        ws.create_shortlist("After restore", None).unwrap();
        assert_eq!(ws.shortlists().unwrap().len(), 2);
    }

    #[test]
    fn restoring_a_file_that_is_not_a_workspace_is_refused_and_changes_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let ws = Workspace::open(Some(dir.path().join("data"))).unwrap();
        ws.create_shortlist("Kept", None).unwrap();
        let csv = dir.path().join("handles.csv");
        std::fs::write(&csv, "handle\n@alice.bsky.social\n").unwrap();
        let err = ws.restore(&csv).unwrap_err();
        assert_eq!(err.code(), "store.not_a_workspace");
        assert!(err.to_string().contains("not an SQLite database"), "{err}");
        assert!(err.to_string().contains("handles.csv"), "{err}");
        assert_eq!(ws.shortlists().unwrap()[0].name, "Kept");
        let aside = std::fs::read_dir(dir.path().join("data"))
            .unwrap()
            .filter_map(std::result::Result::ok)
            .any(|e| e.file_name().to_string_lossy().contains("before-restore"));
        assert!(!aside, "nothing is kept aside for a refused file");
    }

    #[test]
    fn settings_show_the_benchmark_table_and_rate_limits_in_force() {
        let dir = tempfile::tempdir().unwrap();
        let ws = Workspace::open(Some(dir.path().to_path_buf())).unwrap();
        let t = ws.benchmark_table();
        let shipped = scout_core::checks::Benchmarks::default();
        assert_eq!(t.version, shipped.version);
        assert!(t.user_file.is_none());
        let ig = t
            .engagement_rate
            .iter()
            .find(|p| p.platform == Platform::Instagram)
            .unwrap();
        let micro = ig.tiers.iter().find(|b| b.tier == Tier::Micro).unwrap();
        let band = &shipped.engagement_rate[&Platform::Instagram].tiers[&Tier::Micro];
        assert!((micro.low - band.low).abs() < f64::EPSILON);
        assert!((micro.high - band.high).abs() < f64::EPSILON);
        let limits = ws.rate_limits();
        assert!(
            limits
                .iter()
                .any(|l| l.host == "public.api.bsky.app" && l.per_second > 0)
        );
        assert!(limits.iter().any(|l| l.host == "*"));
    }
}
