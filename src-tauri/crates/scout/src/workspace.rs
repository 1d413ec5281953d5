//! [`Workspace`]: a data folder with its store, the source registry and the keychain.

use chrono::{DateTime, Utc};
use scout_core::{AccountKey, Platform, ShortlistStatus, TierBounds};
use scout_store::{AccountId, AccountRow, ShortlistId, SnapshotId, Store};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, MutexGuard};

use crate::analysis::{self, Analysis};
use crate::error::{Error, Result};
use crate::keys::{Keychain, secret_by_key};
use crate::views::{
    CreatorRow, KeyStatus, ShortlistDetail, ShortlistEntryView, ShortlistSummary, TierBoundsView,
    WorkspaceInfo,
};

/// File name of the database inside the data folder.
pub const DB_FILE: &str = "scout.db";
const TIER_BOUNDS_KEY: &str = "tier_bounds";
/// Settings key of the fingerprint of the benchmark table the cached facts were made with.
pub(crate) const BENCHMARKS_FINGERPRINT_KEY: &str = "benchmarks_fingerprint";
/// Version of what the table facts mean ([`crate::table::facts_of`]): a change of
/// definition (v2: the declared rate needs `MIN_POSTS` posts, scores as shown)
/// makes facts stored by an older build stale.
const FACTS_VERSION: u32 = 2;

/// Mark every table row stale when its figures were computed with another benchmark
/// table than `fingerprint` (at open, and after a restore), and remember this one.
pub(crate) fn follow_benchmarks(store: &mut Store, fingerprint: &str) -> Result<()> {
    if store
        .get_setting::<String>(BENCHMARKS_FINGERPRINT_KEY)?
        .as_deref()
        != Some(fingerprint)
    {
        store.mark_facts_stale()?;
        store.set_setting(BENCHMARKS_FINGERPRINT_KEY, &fingerprint)?;
    }
    Ok(())
}

/// The user's `benchmarks.toml` in the data folder when present (an error names the file
/// and the bad entry), else the shipped table; with a fingerprint of the text used.
pub(crate) fn load_benchmarks(dir: &Path) -> Result<(scout_core::checks::Benchmarks, String)> {
    use std::hash::{Hash, Hasher};
    let path = dir.join(crate::checks::BENCHMARKS_FILE);
    let text = match std::fs::read_to_string(&path) {
        Ok(t) => Some(t),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
        Err(e) => return Err(Error::io("cannot read", &path, e)),
    };
    let table = match &text {
        Some(t) => scout_core::checks::Benchmarks::from_toml(t).map_err(|e| {
            Error::Invalid(format!(
                "{}: {e} (delete the file to use the shipped table)",
                path.display()
            ))
        })?,
        None => scout_core::checks::Benchmarks::default(),
    };
    let mut h = std::collections::hash_map::DefaultHasher::new();
    text.as_deref()
        .unwrap_or(scout_core::checks::benchmarks::DEFAULT_TOML)
        .hash(&mut h);
    let fingerprint = format!("{}-{:016x}-facts{FACTS_VERSION}", table.version, h.finish());
    Ok((table, fingerprint))
}

/// A workspace: one data folder, shared by the desktop app and the CLI.
#[derive(Clone)]
pub struct Workspace {
    pub(crate) inner: Arc<Inner>,
}

pub(crate) struct Inner {
    pub(crate) dir: PathBuf,
    /// The one writer connection.
    store: Mutex<Store>,
    /// Read-only connections: pages and details never wait for a vet's writes.
    readers: crate::table::Readers,
    /// Held while stale table figures are being computed.
    pub(crate) refreshing: Mutex<()>,
    /// Held while one batch of Fit scores is computed and stored.
    pub(crate) fitting: Mutex<()>,
    /// Brief versions whose Fit a background thread is filling in.
    pub(crate) fits_filling: Mutex<std::collections::HashSet<String>>,
    /// Analyses of snapshots, by snapshot id, bounded (snapshots are append-only, so
    /// a cached analysis only goes stale when tier bounds or a re-parse change it).
    cache: Mutex<crate::table::AnalysisCache>,
    pub(crate) registry: std::sync::OnceLock<std::result::Result<scout_sources::Registry, String>>,
    /// The benchmark table in force: `<data dir>/benchmarks.toml` when the user put one
    /// there, else the shipped table.
    benchmarks: scout_core::checks::Benchmarks,
}

impl std::fmt::Debug for Workspace {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Workspace")
            .field("dir", &self.inner.dir)
            .finish_non_exhaustive()
    }
}

/// Which CSV table to export.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CsvTable {
    /// One row per creator.
    Creators,
    /// One row per finding.
    Findings,
    /// One row per post.
    Posts,
}

impl Workspace {
    /// Open (creating and migrating as needed) the workspace in `data_dir`, else
    /// `$SCOUT_DATA_DIR`, else the OS app-data folder.
    pub fn open(data_dir: Option<PathBuf>) -> Result<Workspace> {
        let dir = crate::paths::data_dir(data_dir).ok_or_else(|| {
            Error::Invalid("no home folder found: pass --data-dir or set SCOUT_DATA_DIR".into())
        })?;
        std::fs::create_dir_all(&dir)
            .map_err(|e| Error::io("cannot create the data folder", &dir, e))?;
        let mut store = Store::open(&dir.join(DB_FILE))?;
        let (benchmarks, fingerprint) = load_benchmarks(&dir)?;
        follow_benchmarks(&mut store, &fingerprint)?;
        Ok(Workspace {
            inner: Arc::new(Inner {
                readers: crate::table::Readers::new(dir.join(DB_FILE)),
                dir,
                store: Mutex::new(store),
                refreshing: Mutex::new(()),
                fitting: Mutex::new(()),
                fits_filling: Mutex::default(),
                cache: Mutex::default(),
                registry: std::sync::OnceLock::new(),
                benchmarks,
            }),
        })
    }

    /// The benchmark table in force (see [`crate::checks::BENCHMARKS_FILE`]).
    pub fn benchmarks(&self) -> &scout_core::checks::Benchmarks {
        &self.inner.benchmarks
    }

    /// The data folder.
    pub fn data_dir(&self) -> &Path {
        &self.inner.dir
    }

    pub(crate) fn store(&self) -> MutexGuard<'_, Store> {
        // A panic while holding the lock leaves SQLite consistent (transactions roll back).
        self.inner
            .store
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// A read-only connection from the pool.
    pub(crate) fn reader(&self) -> Result<crate::table::Reader<'_>> {
        self.inner.readers.get()
    }

    pub(crate) fn now() -> DateTime<Utc> {
        Utc::now()
    }

    /// Facts for the status bar and Settings.
    pub fn info(&self) -> Result<WorkspaceInfo> {
        let (creators, has_demo) = self.reader()?.creator_count()?;
        Ok(WorkspaceInfo {
            data_dir: self.inner.dir.display().to_string(),
            creators: u32::try_from(creators).unwrap_or(u32::MAX),
            has_demo,
            is_empty: creators == 0,
            version: env!("CARGO_PKG_VERSION").to_string(),
        })
    }

    /// Load the demo workspace (replacing any earlier demo creators).
    pub fn load_demo(&self) -> Result<WorkspaceInfo> {
        self.load_demo_n(crate::demo::DEFAULT_CREATORS)
    }

    /// Load a demo workspace of `n` generated creators (replacing any earlier demo
    /// creators), all marked as demo data. One transaction: every snapshot is written
    /// with prepared statements, and the table figures of each chunk are computed in
    /// parallel while the next chunk is generated and written, so the table is ready
    /// when this returns.
    pub fn load_demo_n(&self, n: usize) -> Result<WorkspaceInfo> {
        use rayon::prelude::*;
        const CHUNK: usize = 1_000;
        /// A saved creator's latest snapshot, its id and its history, to analyse.
        type Work = (
            SnapshotId,
            scout_core::Snapshot,
            Vec<scout_store::SnapshotMeta>,
        );
        if n == 0 {
            return Err(Error::Invalid(
                "a demo workspace needs at least one creator".into(),
            ));
        }
        let bounds = self.bounds()?;
        let now = Self::now();
        let benchmarks = self.benchmarks();
        let mut generator = crate::demo::Generator::new(crate::demo::DEMO_SEED, n, now, &bounds);
        let analyse = |work: Vec<Work>| -> Vec<scout_store::CreatorFacts> {
            work.into_par_iter()
                .map(|(id, snap, history)| {
                    let a = crate::table::analyse_for_facts(snap, &history, &bounds, benchmarks);
                    crate::table::facts_of(id, &a)
                })
                .collect()
        };
        {
            let mut store = self.store();
            store.clear_demo()?;
            store.batch(|b| {
                let mut pending: Option<Vec<Work>> = None;
                let mut generated: Vec<crate::demo::DemoCreator> =
                    generator.by_ref().take(CHUNK).collect();
                loop {
                    if generated.is_empty() && pending.is_none() {
                        return Ok(());
                    }
                    // Three stages at once: the chunk written last time is analysed on
                    // other threads and the next one is generated on another, while this
                    // thread writes the current one (SQLite writes are serial).
                    let (saved, facts, next) = std::thread::scope(|scope| {
                        let analysing = pending.take().map(|w| scope.spawn(|| analyse(w)));
                        let generating = scope.spawn(|| {
                            generator
                                .by_ref()
                                .take(CHUNK)
                                .collect::<Vec<crate::demo::DemoCreator>>()
                        });
                        let saved = (|| -> scout_store::Result<Vec<Work>> {
                            let mut work = Vec::with_capacity(generated.len());
                            for mut c in generated.drain(..) {
                                let history = b.save_history(&c.snapshots, true)?;
                                if let (Some(last), Some(meta)) =
                                    (c.snapshots.pop(), history.last())
                                {
                                    work.push((meta.id, last, history));
                                }
                            }
                            Ok(work)
                        })();
                        let facts = analysing.map(|h| h.join().expect("demo analysis thread"));
                        let next = generating.join().expect("demo generator thread");
                        (saved, facts, next)
                    });
                    if let Some(facts) = facts {
                        b.save_facts(&facts)?;
                    }
                    let saved = saved?;
                    if !saved.is_empty() {
                        pending = Some(saved);
                    }
                    generated = next;
                }
            })?;
        }
        self.clear_cache();
        // Rows of real accounts that went stale meanwhile (none, usually).
        self.refresh_facts()?;
        self.info()
    }

    pub(crate) fn clear_cache(&self) {
        self.inner
            .cache
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .clear();
    }

    /// Remove the demo creators and their data.
    pub fn clear_demo(&self) -> Result<()> {
        self.store().clear_demo()?;
        self.clear_cache();
        Ok(())
    }

    /// Drop every cached analysis and mark every table row's figures stale.
    pub(crate) fn invalidate(&self) {
        self.inner
            .cache
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .clear();
        if let Err(e) = self.store().mark_facts_stale() {
            tracing::warn!("could not mark the table figures stale: {e}");
        }
    }

    /// How many analyses are held in memory (bounded by the cache size).
    #[cfg(test)]
    pub(crate) fn cached_analyses(&self) -> usize {
        self.inner
            .cache
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .len()
    }

    /// Tier bounds in force (the user's, else the defaults).
    pub fn bounds(&self) -> Result<TierBounds> {
        Ok(self
            .reader()?
            .get_setting::<TierBounds>(TIER_BOUNDS_KEY)?
            .unwrap_or_default())
    }

    /// Tier bounds for Settings.
    pub fn tier_bounds(&self) -> Result<TierBoundsView> {
        let b = self.bounds()?;
        Ok(TierBoundsView {
            micro: b.micro as f64,
            mid: b.mid as f64,
            macro_: b.macro_ as f64,
            mega: b.mega as f64,
        })
    }

    /// Change the tier bounds (must increase).
    pub fn set_tier_bounds(&self, b: &TierBoundsView) -> Result<()> {
        let to_u = |v: f64| {
            if v.is_finite() && v >= 1.0 {
                Ok(v.round() as u64)
            } else {
                Err(Error::Invalid(format!(
                    "tier bound {v} must be a positive whole number"
                )))
            }
        };
        let bounds = TierBounds::new(to_u(b.micro)?, to_u(b.mid)?, to_u(b.macro_)?, to_u(b.mega)?)
            .map_err(|e| Error::Invalid(e.to_string()))?;
        self.store().set_setting(TIER_BOUNDS_KEY, &bounds)?;
        self.invalidate();
        Ok(())
    }

    // ----- creators ----------------------------------------------------------------------

    /// The analysis of an account's latest snapshot (cached; findings stored on first use).
    pub(crate) fn analysis_of(&self, row: &AccountRow) -> Result<Arc<Analysis>> {
        let Some(meta) = &row.latest else {
            return Err(Error::NotFound(format!(
                "{} has no snapshot yet",
                row.handle
            )));
        };
        self.analysis_of_snapshot(row, meta.id)
    }

    /// `a` with its peer percentile computed against `peers`.
    fn with_peers(&self, mut a: Analysis, peers: &[f64]) -> Analysis {
        let peer = scout_core::checks::engagement_rate::peer_percentile(
            &a.metrics,
            self.benchmarks(),
            peers,
        );
        if let Some(f) = a.findings.iter_mut().find(|f| f.check == peer.check) {
            *f = peer;
        }
        a
    }

    pub(crate) fn analysis_of_snapshot(
        &self,
        row: &AccountRow,
        id: SnapshotId,
    ) -> Result<Arc<Analysis>> {
        let bounds = self.bounds()?;
        let cached = self
            .inner
            .cache
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .get(id.get())
            .cloned();
        if let Some((peers, a)) = cached {
            // The peer percentile follows the workspace: recompute it alone when the
            // peers changed since.
            let now = self.peer_rates(row.id, &a.snapshot, &bounds)?;
            if now == peers {
                return Ok(a);
            }
            let fresh = Arc::new(self.with_peers((*a).clone(), &now));
            self.inner
                .cache
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner)
                .insert(id.get(), now, fresh.clone());
            return Ok(fresh);
        }
        let (snapshot, history) = {
            let store = self.reader()?;
            (store.load_snapshot(id)?, store.snapshots_of(row.id)?)
        };
        let history: Vec<_> = history
            .into_iter()
            .filter(|m| m.fetched_at <= snapshot.fetched_at)
            .collect();
        let now = snapshot.fetched_at;
        // The checks run once: the table figures come from this analysis (peers do not
        // enter them), then the peer percentile is set from the others' figures.
        let base = analysis::analyse(&snapshot, &history, &bounds, &[], self.benchmarks(), now);
        self.store()
            .save_facts(&[crate::table::facts_of(id, &base)])?;
        let peers = self.peer_rates(row.id, &snapshot, &bounds)?;
        let a = Arc::new(self.with_peers(base, &peers));
        if self.reader()?.findings(id)?.is_empty() {
            self.store().save_findings(id, &a.findings, Self::now())?;
        }
        self.inner
            .cache
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .insert(id.get(), peers, a.clone());
        Ok(a)
    }

    pub(crate) fn row_view(
        &self,
        row: &AccountRow,
        brief: Option<&crate::briefs::LoadedBrief>,
    ) -> Result<CreatorRow> {
        let a = self.analysis_of(row)?;
        let fit = brief.and_then(|b| b.score(&a.snapshot));
        Ok(analysis::creator_row(row, &a, fit, self.benchmarks()))
    }

    /// Find a stored creator by what a user typed (URL, handle, `@handle`, `platform:handle`).
    pub fn find_creator(&self, input: &str) -> Result<CreatorRow> {
        let row = self.find_account(input)?;
        self.row_view(&row, None)
    }

    pub(crate) fn find_account(&self, input: &str) -> Result<AccountRow> {
        let input = input.trim();
        let store = self.reader()?;
        if let Ok(account) = scout_sources::parse_input(input) {
            let key = match &account.key {
                AccountKey::Handle(h) => match &account.instance {
                    Some(i) if account.platform == Platform::Mastodon => format!("{h}@{i}"),
                    _ => h.clone(),
                },
                AccountKey::Id(v)
                | AccountKey::CustomUrl(v)
                | AccountKey::LegacyUser(v)
                | AccountKey::Content(v) => v.clone(),
            };
            if let Some(row) = store.find_account(account.platform, &key)? {
                return Ok(row);
            }
        }
        // Fall back to the handle across platforms (demo handles, `platform:handle`).
        let (platform, bare) = match input.split_once(':') {
            Some((p, rest)) if p.parse::<Platform>().is_ok() && !rest.starts_with("//") => {
                (p.parse::<Platform>().ok(), rest)
            }
            _ => (None, input),
        };
        let bare_typed = bare.trim_start_matches('@');
        let bare = bare_typed.to_ascii_lowercase();
        // Indexed lookups by handle and platform id on every platform (never a scan of
        // every account).
        let hits: Vec<AccountRow> = store
            .find_accounts_anywhere(bare_typed)?
            .into_iter()
            .filter(|r| platform.is_none_or(|p| p == r.platform))
            .collect();
        match hits.len() {
            0 => Err(Error::NotFound(format!(
                "no stored creator matches '{input}': vet it first with `scout vet {input}`"
            ))),
            1 => Ok(hits.into_iter().next().expect("one hit")),
            _ => Err(Error::Invalid(format!(
                "'{input}' matches {} creators on different platforms: prefix the platform, e.g. {}:{bare}",
                hits.len(),
                hits[0].platform.key()
            ))),
        }
    }

    /// The stored account behind a creator id.
    pub(crate) fn account(&self, id: i64) -> Result<AccountRow> {
        Ok(self.store().account(AccountId(id))?)
    }

    /// Handles (as `platform:handle`-free vet inputs) of every shortlisted creator.
    pub fn shortlisted_inputs(&self) -> Result<Vec<String>> {
        let store = self.store();
        let mut seen = std::collections::BTreeSet::new();
        for s in store.shortlists()? {
            for e in store.shortlist_entries(s.id)? {
                if !e.account.is_demo {
                    seen.insert(e.account.url.clone());
                }
            }
        }
        Ok(seen.into_iter().collect())
    }

    // ----- shortlists --------------------------------------------------------------------

    pub(crate) fn shortlist_id(&self, name: &str) -> Result<ShortlistId> {
        self.store()
            .shortlist_by_name(name)?
            .map(|s| s.id)
            .ok_or_else(|| {
                Error::NotFound(format!(
                    "no shortlist named '{name}': create it with `scout shortlist new {name}`"
                ))
            })
    }

    /// Every shortlist.
    pub fn shortlists(&self) -> Result<Vec<ShortlistSummary>> {
        Ok(self
            .store()
            .shortlists()?
            .into_iter()
            .map(|s| summary_view(&s))
            .collect())
    }

    /// One shortlist with its entries.
    pub fn shortlist(&self, name: &str) -> Result<ShortlistDetail> {
        let id = self.shortlist_id(name)?;
        let (summary, entries) = {
            let store = self.store();
            (store.shortlist(id)?, store.shortlist_entries(id)?)
        };
        let entries = entries
            .iter()
            .filter(|e| e.account.latest.is_some())
            .map(|e| {
                Ok(ShortlistEntryView {
                    creator: self.row_view(&e.account, None)?,
                    status: e.status,
                    note: e.note.clone().unwrap_or_default(),
                    tags: e.tags.clone(),
                    added_at: e.added_at.to_rfc3339(),
                })
            })
            .collect::<Result<Vec<_>>>()?;
        Ok(ShortlistDetail {
            summary: summary_view(&summary),
            entries,
        })
    }

    /// Create a shortlist.
    pub fn create_shortlist(&self, name: &str, client: Option<&str>) -> Result<ShortlistSummary> {
        let mut store = self.store();
        let id = store.create_shortlist(name, client.filter(|c| !c.trim().is_empty()))?;
        Ok(summary_view(&store.shortlist(id)?))
    }

    /// Set or clear (`None` or empty) a shortlist's client.
    pub fn set_shortlist_client(&self, name: &str, client: Option<&str>) -> Result<()> {
        let id = self.shortlist_id(name)?;
        let client = client.map(str::trim).filter(|c| !c.is_empty());
        Ok(self.store().set_shortlist_client(id, client)?)
    }

    /// Delete a shortlist (creators stay stored).
    pub fn delete_shortlist(&self, name: &str) -> Result<()> {
        let id = self.shortlist_id(name)?;
        Ok(self.store().delete_shortlist(id)?)
    }

    /// Add creators (by id) to a shortlist; already-present ones are left as they are.
    pub fn add_to_shortlist(&self, name: &str, creator_ids: &[i64]) -> Result<()> {
        let id = self.shortlist_id(name)?;
        let accounts: Vec<AccountId> = creator_ids.iter().copied().map(AccountId).collect();
        self.store().add_many_to_shortlist(id, &accounts)?;
        Ok(())
    }

    /// Remove a creator from a shortlist.
    pub fn remove_from_shortlist(&self, name: &str, creator_id: i64) -> Result<()> {
        let id = self.shortlist_id(name)?;
        Ok(self
            .store()
            .remove_from_shortlist(id, AccountId(creator_id))?)
    }

    /// Set an entry's review status.
    pub fn set_entry_status(&self, name: &str, creator_id: i64, status: &str) -> Result<()> {
        let status: ShortlistStatus = status
            .parse()
            .map_err(|e: scout_core::shortlist::UnknownStatus| Error::Invalid(e.to_string()))?;
        let id = self.shortlist_id(name)?;
        Ok(self
            .store()
            .set_entry_status(id, AccountId(creator_id), status)?)
    }

    /// Set an entry's note (empty clears it).
    pub fn set_entry_note(&self, name: &str, creator_id: i64, note: &str) -> Result<()> {
        let id = self.shortlist_id(name)?;
        let note = Some(note.trim()).filter(|n| !n.is_empty());
        Ok(self
            .store()
            .set_entry_note(id, AccountId(creator_id), note)?)
    }

    /// Set an entry's tags.
    pub fn set_entry_tags(&self, name: &str, creator_id: i64, tags: &[String]) -> Result<()> {
        let id = self.shortlist_id(name)?;
        Ok(self
            .store()
            .set_entry_tags(id, AccountId(creator_id), tags)?)
    }

    /// Tag creators (by id) on a shortlist, from the Creators table's selection: each joins
    /// the shortlist if not already on it, and `tag` is added to its entry's tags unless
    /// it is there already (ignoring case). Returns how many entries gained the tag.
    pub fn tag_creators(&self, name: &str, creator_ids: &[i64], tag: &str) -> Result<usize> {
        let tag = tag.trim();
        if tag.is_empty() {
            return Err(Error::Invalid("a tag cannot be empty".into()));
        }
        if tag.chars().count() > 64 {
            return Err(Error::Invalid(format!(
                "a tag has at most 64 characters; '{tag}' has {}",
                tag.chars().count()
            )));
        }
        let id = self.shortlist_id(name)?;
        let accounts: Vec<AccountId> = creator_ids.iter().copied().map(AccountId).collect();
        let mut store = self.store();
        store.add_many_to_shortlist(id, &accounts)?;
        // The entries' current tags in one read, then one write per entry that changes.
        let tags: std::collections::HashMap<i64, Vec<String>> = store
            .shortlist_entries(id)?
            .into_iter()
            .map(|e| (e.account.id.0, e.tags))
            .collect();
        let mut changed = 0;
        for c in creator_ids {
            let mut now = tags.get(c).cloned().unwrap_or_default();
            if now.iter().any(|t| t.eq_ignore_ascii_case(tag)) {
                continue;
            }
            now.push(tag.to_string());
            store.set_entry_tags(id, AccountId(*c), &now)?;
            changed += 1;
        }
        Ok(changed)
    }

    // ----- keys --------------------------------------------------------------------------

    /// Which keys are set, and what each adds (never the values).
    pub fn key_status(&self) -> Vec<KeyStatus> {
        use scout_sources::SecretName as S;
        let adds = |s: S| match s {
            S::YoutubeApiKey => {
                "exact subscriber counts, likes and comments on the last 50 videos (Data API v3)"
            }
            S::TwitchClientId | S::TwitchClientSecret => {
                "required: Twitch has no keyless public data"
            }
            S::InstagramGraphToken | S::InstagramGraphUserId => {
                "business discovery through the Graph API when the public page asks for a login"
            }
            S::BlueskyIdentifier | S::BlueskyAppPassword => {
                "post and hashtag search in discovery (Bluesky answers post search only with a signed-in session)"
            }
        };
        S::ALL
            .into_iter()
            .map(|s| KeyStatus {
                source: match s {
                    S::YoutubeApiKey => "youtube",
                    S::TwitchClientId | S::TwitchClientSecret => "twitch",
                    S::InstagramGraphToken | S::InstagramGraphUserId => "instagram",
                    S::BlueskyIdentifier | S::BlueskyAppPassword => "bluesky",
                }
                .to_string(),
                name: s.key().to_string(),
                label: s.label().to_string(),
                set: Keychain::is_set(s),
                adds: adds(s).to_string(),
            })
            .collect()
    }

    /// Store a secret in the OS keychain.
    pub fn set_key(&self, name: &str, secret: &str) -> Result<()> {
        Ok(Keychain::set(secret_by_key(name)?, secret)?)
    }

    /// Remove a secret from the OS keychain.
    pub fn clear_key(&self, name: &str) -> Result<()> {
        Ok(Keychain::clear(secret_by_key(name)?)?)
    }
}

fn summary_view(s: &scout_store::ShortlistSummary) -> ShortlistSummary {
    ShortlistSummary {
        id: s.id.get(),
        name: s.name.clone(),
        client: s.client.clone(),
        entries: s.entries,
        approved: s.approved,
        created_at: s.created_at.to_rfc3339(),
    }
}
