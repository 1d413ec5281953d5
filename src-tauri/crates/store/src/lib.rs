//! Scout's local store: one `SQLite` file, typed operations, no SQL outside this crate.
//!
//! Main types: [`Store`] (open a database, every read and write), [`Batch`]
//! (several writes in one transaction), [`StoreError`], the row ids
//! [`AccountId`], [`SnapshotId`], [`ShortlistId`], [`RunId`], and the rows the
//! shells show: [`AccountRow`], [`SnapshotMeta`], [`ShortlistSummary`],
//! [`EntryRow`], [`BrandRow`], [`RunRow`], [`RawResponseRecord`]; the Creators
//! table queried in SQL: [`CreatorQuery`] → [`FactsPage`] of [`FactsRow`]s, with
//! the check-derived figures the façade writes back as [`CreatorFacts`]; and the
//! background jobs' [`JobRow`], [`JobItemRow`], [`ClaimedItem`]; discovery:
//! [`DiscoveredRow`] (paged with [`DiscoveredQuery`]), [`DiscoveryRunRow`],
//! [`SavedSearchRow`], [`LinkRow`].
//!
//! Invariants:
//! - Snapshots are append-only: saving a vet adds a snapshot, it never changes an
//!   earlier one (only `replace_snapshot_parse` rewrites a snapshot's parsed rows,
//!   from its own stored raw responses).
//! - Every multi-row write runs in one `IMMEDIATE` transaction; an error rolls it
//!   back, so nothing stored before the call is lost or half-changed.
//! - The file runs in WAL mode with foreign keys on and a busy timeout, so the
//!   app and the CLI can use it at the same time.
//! - The schema moves forward only, by numbered migrations embedded in the binary;
//!   an existing database is copied to `<file>.bak-v<old version>` before it is
//!   migrated.

mod accounts;
mod backup;
mod brands;
mod codec;
mod demo;
mod discovery;
mod error;
mod facts;
mod findings;
mod ids;
mod jobs;
mod plans;
mod runs;
mod schema;
mod settings;
mod shortlists;
mod snapshots;
mod team;
#[cfg(test)]
mod testdata;

use std::fmt;
use std::fs;

/// The page cache of a bulk write ([`Store::batch`]), in KiB (SQLite's negative
/// `cache_size`): enough to keep the hot index pages of a 100,000-creator demo load.
const BATCH_CACHE_KIB: i64 = -196_608;
use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use rusqlite::{Connection, Transaction, TransactionBehavior};
use scout_core::{Finding, Platform, ShortlistStatus, Snapshot, Tier};
use serde::Serialize;
use serde::de::DeserializeOwned;

pub use accounts::{AccountRow, VerdictCounts};
pub use backup::check_workspace_file;
pub use brands::BrandRow;
pub use demo::ClearedDemo;
pub use discovery::{
    DiscoveredInput, DiscoveredQuery, DiscoveredRow, DiscoveryRunRow, LinkRow, SavedSearchRow,
    VettedFacts,
};
pub use error::{Result, StoreError};
pub use facts::{CreatorFacts, CreatorQuery, FactsPage, FactsRow, FitKey, RateFact, SortColumn};
pub use findings::StoredFinding;
pub use ids::{AccountId, JobId, JobItemId, RunId, ShortlistId, SnapshotId};
pub use jobs::{ClaimedItem, ItemOutcome, ItemState, JobItemRow, JobKind, JobRow};
pub use plans::{NewPlan, PlanId, PlanItemRow, PlanRow, QuotedFee};
pub use runs::{RunRow, RunStatus};
pub use schema::{SCHEMA_VERSION, backup_path};
pub use settings::keys as setting_keys;
pub use shortlists::{EntryRow, ShortlistSummary};
pub use snapshots::{PostMetricsAt, RawResponseRecord, SnapshotMeta};
pub use team::{ActivityRow, Applied, OutboxOp, TeamCounts, TeamLink};

/// The clock a store stamps `created_at` / `updated_at` / `started_at` with.
type Clock = Box<dyn Fn() -> DateTime<Utc> + Send + Sync>;

/// An open Scout database.
///
/// Reads take `&self`, writes `&mut self`. `Store` is `Send` (not `Sync`): a
/// shell that shares it between threads wraps it in a `Mutex`, or opens one
/// `Store` per thread on the same file (WAL lets them work side by side).
pub struct Store {
    conn: Connection,
    path: Option<PathBuf>,
    clock: Clock,
}

impl fmt::Debug for Store {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Store")
            .field("path", &self.path)
            .finish_non_exhaustive()
    }
}

impl Store {
    /// Open (creating if needed, with its folder) the database at `path` and bring
    /// its schema up to date. An existing database at an older schema is first
    /// copied to `<path>.bak-v<old version>`.
    pub fn open(path: &Path) -> Result<Store> {
        Self::open_with(path, schema::MIGRATIONS)
    }

    fn open_with(
        path: &Path,
        migrations: &'static [rusqlite_migration::M<'static>],
    ) -> Result<Store> {
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            fs::create_dir_all(dir).map_err(|source| StoreError::Io {
                action: "create folder",
                path: dir.to_path_buf(),
                source,
            })?;
        }
        let mut conn = Connection::open(path)?;
        schema::configure(&conn)?;
        schema::migrate(&mut conn, Some(path), migrations)?;
        Ok(Store {
            conn,
            path: Some(path.to_path_buf()),
            clock: Box::new(Utc::now),
        })
    }

    /// Open an existing database for reading only (a reader beside the one writer:
    /// WAL lets it read while the writer writes). The schema must be current.
    pub fn open_reader(path: &Path) -> Result<Store> {
        let conn = Connection::open_with_flags(
            path,
            rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY | rusqlite::OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )?;
        conn.busy_timeout(std::time::Duration::from_secs(5))?;
        conn.set_prepared_statement_cache_capacity(schema::STATEMENT_CACHE);
        let found = schema::user_version(&conn)?;
        if found != SCHEMA_VERSION {
            return Err(StoreError::TooNew {
                path: path.to_path_buf(),
                found,
                supported: SCHEMA_VERSION,
            });
        }
        Ok(Store {
            conn,
            path: Some(path.to_path_buf()),
            clock: Box::new(Utc::now),
        })
    }

    /// A private in-memory database at the newest schema (tests, previews).
    pub fn open_in_memory() -> Result<Store> {
        let mut conn = Connection::open_in_memory()?;
        schema::configure(&conn)?;
        schema::migrate(&mut conn, None, schema::MIGRATIONS)?;
        Ok(Store {
            conn,
            path: None,
            clock: Box::new(Utc::now),
        })
    }

    /// Stamp times from `clock` instead of the system clock (deterministic tests,
    /// imports that replay history).
    #[must_use]
    pub fn with_clock(mut self, clock: impl Fn() -> DateTime<Utc> + Send + Sync + 'static) -> Self {
        self.clock = Box::new(clock);
        self
    }

    /// The database file, `None` for an in-memory store.
    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    /// The schema version of the open database (equals [`SCHEMA_VERSION`] once open).
    pub fn schema_version(&self) -> Result<usize> {
        schema::user_version(&self.conn)
    }

    /// Run several writes in one transaction: all of them are stored, or none
    /// (when `f` or any write returns an error). The fast path for bulk imports
    /// such as the demo data.
    pub fn batch<T>(&mut self, f: impl FnOnce(&Batch<'_>) -> Result<T>) -> Result<T> {
        let now = (self.clock)();
        // A bulk write touches far more index pages than SQLite's default 2 MiB cache
        // holds; with a bigger cache each page is written to the WAL once instead of
        // being spilled and re-read. Set back afterwards so an idle store stays small.
        let cache: i64 = self
            .conn
            .pragma_query_value(None, "cache_size", |r| r.get(0))?;
        self.conn
            .pragma_update(None, "cache_size", BATCH_CACHE_KIB)?;
        let out = (|| -> Result<T> {
            let tx = self
                .conn
                .transaction_with_behavior(TransactionBehavior::Immediate)?;
            let batch = Batch { tx, now };
            let out = f(&batch)?;
            batch.tx.commit()?;
            Ok(out)
        })();
        self.conn.pragma_update(None, "cache_size", cache)?;
        let out = out?;
        // The batch is committed: a failed checkpoint must not report it as lost.
        if let Err(e) = self.checkpoint() {
            tracing::warn!("could not empty the write-ahead log after a bulk write: {e}");
        }
        Ok(out)
    }

    /// Copy the write-ahead log into the database file and empty it. A bulk write
    /// leaves a WAL as big as the data it wrote, and every later connection would
    /// first have to read all of it (seconds for a large demo workspace); readers
    /// that are still open keep their snapshot and the log is then only emptied in
    /// part, which is harmless.
    pub fn checkpoint(&self) -> Result<()> {
        if self.path.is_some() {
            // The row says (busy, log frames, checkpointed frames); busy only means a
            // reader kept part of the log, which the next checkpoint copies.
            self.conn
                .query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))?;
        }
        Ok(())
    }

    fn write<T>(&mut self, f: impl FnOnce(&Connection, DateTime<Utc>) -> Result<T>) -> Result<T> {
        let now = (self.clock)();
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let out = f(&tx, now)?;
        tx.commit()?;
        Ok(out)
    }

    /// Reads run in one (deferred) transaction so they see one consistent state.
    fn read<T>(&self, f: impl FnOnce(&Connection) -> Result<T>) -> Result<T> {
        let tx = self.conn.unchecked_transaction()?;
        let out = f(&tx)?;
        tx.commit()?;
        Ok(out)
    }

    // ----- discovery -------------------------------------------------------------------------

    /// Record the start of a discovery run; its id.
    pub fn start_discovery_run(
        &mut self,
        query: &str,
        kind: &str,
        platforms_json: &str,
        brief: Option<&str>,
        saved_search: Option<i64>,
    ) -> Result<i64> {
        self.write(|c, now| {
            discovery::start_run(c, query, kind, platforms_json, brief, saved_search, now)
        })
    }

    /// Finish a run: its outcomes, and every creator it found in rank order, in one
    /// transaction. Returns how many were new (never found by an earlier run).
    pub fn finish_discovery_run(
        &mut self,
        run: i64,
        outcomes_json: &str,
        found: &[DiscoveredInput],
    ) -> Result<usize> {
        self.write(|c, now| discovery::finish_run(c, run, outcomes_json, found, now))
    }

    /// One page of discovered creators (filters, order and paging in SQL) and the total.
    pub fn discovered_page(&self, q: &DiscoveredQuery) -> Result<(Vec<DiscoveredRow>, usize)> {
        self.read(|c| discovery::page(c, q))
    }

    /// A discovered creator by row id.
    pub fn discovered(&self, id: i64) -> Result<Option<DiscoveredRow>> {
        self.read(|c| discovery::discovered_by_id(c, id))
    }

    /// A discovered creator by platform and platform id.
    pub fn discovered_by_key(
        &self,
        platform: Platform,
        platform_id: &str,
    ) -> Result<Option<DiscoveredRow>> {
        self.read(|c| discovery::discovered_by_key(c, platform, platform_id))
    }

    /// Dismiss creators for a brief (`""` for none): later results for it leave them out.
    pub fn dismiss_discovered(&mut self, ids: &[i64], brief: &str) -> Result<usize> {
        self.write(|c, now| discovery::dismiss(c, ids, brief, now))
    }

    /// The newest discovery runs.
    pub fn discovery_runs(&self, limit: usize) -> Result<Vec<DiscoveryRunRow>> {
        self.read(|c| discovery::runs(c, limit))
    }

    /// One discovery run.
    pub fn discovery_run(&self, id: i64) -> Result<Option<DiscoveryRunRow>> {
        self.read(|c| discovery::run(c, id))
    }

    /// Save (or replace) a named search; its id.
    pub fn save_search(
        &mut self,
        name: &str,
        query: &str,
        platforms_json: &str,
        filters_json: &str,
        brief: Option<&str>,
    ) -> Result<i64> {
        self.write(|c, now| {
            discovery::save_search(c, name, query, platforms_json, filters_json, brief, now)
        })
    }

    /// Every saved search, by name.
    pub fn saved_searches(&self) -> Result<Vec<SavedSearchRow>> {
        self.read(discovery::saved_searches)
    }

    /// A saved search by name.
    pub fn saved_search(&self, name: &str) -> Result<Option<SavedSearchRow>> {
        self.read(|c| discovery::saved_search(c, name))
    }

    /// Store suggested identity links (a decision already made is kept).
    pub fn upsert_links(&mut self, links: &[LinkRow]) -> Result<()> {
        self.write(|c, now| discovery::upsert_links(c, links, now))
    }

    /// The identity links of one account, confirmed first.
    pub fn links_of(&self, platform: Platform, platform_id: &str) -> Result<Vec<LinkRow>> {
        self.read(|c| discovery::links_of(c, platform, platform_id))
    }

    /// The identity links of many accounts in one read (a page of results), keyed by
    /// platform and lower-cased platform id; each list confirmed first.
    pub fn links_of_many(
        &self,
        accounts: &[(Platform, &str)],
    ) -> Result<std::collections::HashMap<(Platform, String), Vec<LinkRow>>> {
        self.read(|c| discovery::links_of_many(c, accounts))
    }

    /// Accept or reject a suggested link.
    pub fn decide_link(&mut self, id: i64, decision: &str) -> Result<()> {
        self.write(|c, now| discovery::decide_link(c, id, decision, now))
    }

    // ----- snapshots -------------------------------------------------------------------------

    /// Store one vet: upsert the account (by platform + platform id), append a
    /// snapshot with its posts, post metrics, comments, samples and raw
    /// responses. `is_demo` marks generated demo data (see [`Store::clear_demo`]).
    pub fn save_snapshot(
        &mut self,
        snap: &Snapshot,
        raw: &[RawResponseRecord],
        is_demo: bool,
    ) -> Result<SnapshotId> {
        self.write(|c, now| {
            let id = snapshots::save(c, snap, raw, is_demo, now)?;
            if !is_demo {
                team::record_snapshot(c, now, id)?;
            }
            Ok(id)
        })
    }

    /// Store many snapshots (without raw responses) in one transaction; ids in input order.
    pub fn save_snapshots(&mut self, snaps: &[Snapshot], is_demo: bool) -> Result<Vec<SnapshotId>> {
        self.write(|c, now| {
            snaps
                .iter()
                .map(|s| snapshots::save(c, s, &[], is_demo, now))
                .collect()
        })
    }

    /// The snapshot exactly as it was saved (or last re-parsed).
    pub fn load_snapshot(&self, id: SnapshotId) -> Result<Snapshot> {
        self.read(|c| snapshots::load(c, id))
    }

    /// The newest snapshot of an account (by `fetched_at`), `None` if it has none.
    pub fn latest_snapshot(&self, account: AccountId) -> Result<Option<(SnapshotId, Snapshot)>> {
        self.read(|c| {
            snapshots::latest_id(c, account)?
                .map(|id| snapshots::load(c, id).map(|s| (id, s)))
                .transpose()
        })
    }

    /// Summary of one snapshot (account, time, headline counts, demo flag).
    pub fn snapshot_meta(&self, id: SnapshotId) -> Result<SnapshotMeta> {
        self.read(|c| snapshots::meta(c, id))
    }

    /// Every snapshot of an account, oldest first: the growth history.
    pub fn snapshots_of(&self, account: AccountId) -> Result<Vec<SnapshotMeta>> {
        self.read(|c| snapshots::of_account(c, account))
    }

    /// One post's counts in every snapshot of `account` that saw it, oldest first.
    pub fn post_history(&self, account: AccountId, post_id: &str) -> Result<Vec<PostMetricsAt>> {
        self.read(|c| snapshots::post_history(c, account, post_id))
    }

    /// The raw responses stored with a snapshot, decompressed and checked, in saved order.
    pub fn raw_responses(&self, snapshot: SnapshotId) -> Result<Vec<RawResponseRecord>> {
        self.read(|c| snapshots::raw_of_snapshot(c, snapshot))
    }

    /// Replace a snapshot's parsed content (profile, posts, metrics, comments,
    /// samples, gaps, warnings) with a re-parse of its raw responses, keeping its
    /// id and raw responses. The re-parsed profile must be the same account.
    pub fn replace_snapshot_parse(&mut self, id: SnapshotId, snap: &Snapshot) -> Result<()> {
        self.write(|c, _| snapshots::replace_parse(c, id, snap))
    }

    // ----- accounts --------------------------------------------------------------------------

    /// Every account with its latest snapshot's counts, newest-seen first (one query).
    pub fn accounts(&self) -> Result<Vec<AccountRow>> {
        self.read(accounts::all)
    }

    /// One account.
    pub fn account(&self, id: AccountId) -> Result<AccountRow> {
        self.read(|c| accounts::by_id(c, id))
    }

    /// The accounts with these ids, in the order given, duplicates and unknown ids left
    /// out (one query).
    pub fn accounts_by_ids(&self, ids: &[AccountId]) -> Result<Vec<AccountRow>> {
        self.read(|c| accounts::by_ids(c, ids))
    }

    /// Find an account by platform id (exact) or handle (case-insensitive, a
    /// leading `@` ignored). `None` when Scout has not stored it yet.
    pub fn find_account(
        &self,
        platform: Platform,
        handle_or_id: &str,
    ) -> Result<Option<AccountRow>> {
        self.read(|c| accounts::find(c, platform, handle_or_id))
    }

    /// Delete an account with all its snapshots, findings, raw responses and
    /// shortlist entries.
    pub fn delete_account(&mut self, id: AccountId) -> Result<()> {
        self.write(|c, _| accounts::delete(c, id))
    }

    /// Accounts whose handle (ignoring ASCII case, a leading `@` ignored) or platform id
    /// is `handle_or_id`, on any platform, most recently seen first.
    pub fn find_accounts_anywhere(&self, handle_or_id: &str) -> Result<Vec<AccountRow>> {
        self.read(|c| accounts::find_anywhere(c, handle_or_id))
    }

    /// How many accounts have a snapshot, and whether any of them is demo data.
    pub fn creator_count(&self) -> Result<(u64, bool)> {
        self.read(facts::count)
    }

    // ----- the Creators table ----------------------------------------------------------------

    /// One page of the Creators table and the number of matching rows, sorted and
    /// filtered in SQL. Rows whose figures are stale carry the figures last computed.
    pub fn creators_page(&self, query: &CreatorQuery) -> Result<FactsPage> {
        self.read(|c| facts::page(c, query))
    }

    /// Up to `limit` rows whose figures must be (re)computed: (account, latest snapshot).
    pub fn stale_facts(&self, limit: usize) -> Result<Vec<(AccountId, SnapshotId)>> {
        self.read(|c| facts::stale(c, limit))
    }

    /// How many rows wait for their figures.
    pub fn count_stale_facts(&self) -> Result<u64> {
        self.read(facts::count_stale)
    }

    /// Store computed figures in one transaction (a row whose latest snapshot changed
    /// since stays stale). Returns the rows updated.
    pub fn save_facts(&mut self, facts: &[CreatorFacts]) -> Result<usize> {
        self.write(|c, now| facts::save(c, facts, now))
    }

    /// Mark every row's figures stale (tier bounds, benchmarks or parsers changed).
    pub fn mark_facts_stale(&mut self) -> Result<usize> {
        self.write(|c, _| facts::mark_all_stale(c))
    }

    /// Declared engagement rates of the other creators on `platform` in `tier`, each
    /// resting on at least `min_posts` posts: the workspace peers (one indexed query).
    pub fn peer_rates(
        &self,
        platform: Platform,
        tier: Tier,
        exclude: AccountId,
        min_posts: u32,
    ) -> Result<Vec<f64>> {
        self.read(|c| facts::peer_rates(c, platform, tier, exclude, min_posts))
    }

    /// Latest snapshots with no Fit stored for `key`, at most `limit`.
    pub fn missing_fits(&self, key: &FitKey, limit: usize) -> Result<Vec<SnapshotId>> {
        self.read(|c| facts::missing_fits(c, key, limit))
    }

    /// The stored Fit of each of `ids` scored for `key` (one query; unscored ones left out).
    pub fn stored_fits(
        &self,
        key: &FitKey,
        ids: &[SnapshotId],
    ) -> Result<Vec<(SnapshotId, Option<f64>)>> {
        self.read(|c| facts::stored_fits(c, key, ids))
    }

    /// Store Fit scores for `key` in one transaction (older versions of the brief are dropped).
    pub fn save_fits(&mut self, key: &FitKey, fits: &[(SnapshotId, Option<f64>)]) -> Result<()> {
        self.write(|c, _| facts::save_fits(c, key, fits))
    }

    // ----- findings --------------------------------------------------------------------------

    /// Store check results for a snapshot. Findings whose `method_version` was
    /// stored before for this snapshot replace that earlier set; other methods'
    /// findings stay.
    pub fn save_findings(
        &mut self,
        snapshot: SnapshotId,
        findings: &[Finding],
        computed_at: DateTime<Utc>,
    ) -> Result<()> {
        self.write(|c, _| findings::save(c, snapshot, findings, computed_at))
    }

    /// The current findings of a snapshot: for each check, the most recently computed.
    pub fn findings(&self, snapshot: SnapshotId) -> Result<Vec<Finding>> {
        self.read(|c| findings::current(c, snapshot))
    }

    /// Every finding ever stored for a snapshot, with when it was computed, oldest first.
    pub fn finding_history(&self, snapshot: SnapshotId) -> Result<Vec<StoredFinding>> {
        self.read(|c| findings::history(c, snapshot))
    }

    // ----- shortlists ------------------------------------------------------------------------

    /// Create an empty shortlist. Names are unique, ignoring ASCII case.
    pub fn create_shortlist(&mut self, name: &str, client: Option<&str>) -> Result<ShortlistId> {
        self.write(|c, now| {
            team::guard(c)?;
            let id = shortlists::create(c, name, client, now)?;
            team::record_created(c, now, id)?;
            Ok(id)
        })
    }

    /// Every shortlist with its entry counts per status, by name.
    pub fn shortlists(&self) -> Result<Vec<ShortlistSummary>> {
        self.read(|c| shortlists::summaries(c, None))
    }

    /// One shortlist's summary.
    pub fn shortlist(&self, id: ShortlistId) -> Result<ShortlistSummary> {
        self.read(|c| {
            shortlists::summaries(c, Some(id))?
                .pop()
                .ok_or_else(|| StoreError::not_found(id.to_string()))
        })
    }

    /// A shortlist by name (ignoring ASCII case).
    pub fn shortlist_by_name(&self, name: &str) -> Result<Option<ShortlistSummary>> {
        self.read(|c| match shortlists::id_by_name(c, name)? {
            Some(id) => Ok(shortlists::summaries(c, Some(id))?.pop()),
            None => Ok(None),
        })
    }

    /// Rename a shortlist; another shortlist's name → [`StoreError::ShortlistExists`].
    pub fn rename_shortlist(&mut self, id: ShortlistId, name: &str) -> Result<()> {
        self.write(|c, now| {
            team::guard(c)?;
            shortlists::rename(c, id, name, now)?;
            team::record_list(c, now, id, "name", &serde_json::json!(name.trim()))
        })
    }

    /// Set or clear a shortlist's client.
    pub fn set_shortlist_client(&mut self, id: ShortlistId, client: Option<&str>) -> Result<()> {
        self.write(|c, now| {
            team::guard(c)?;
            shortlists::set_text(c, id, "client", client, now)?;
            team::record_list(c, now, id, "client", &serde_json::json!(client))
        })
    }

    /// Set or clear a shortlist's notes.
    pub fn set_shortlist_notes(&mut self, id: ShortlistId, notes: Option<&str>) -> Result<()> {
        self.write(|c, now| {
            team::guard(c)?;
            shortlists::set_text(c, id, "notes", notes, now)?;
            team::record_list(c, now, id, "notes", &serde_json::json!(notes))
        })
    }

    /// Delete a shortlist and its entries (the accounts stay).
    pub fn delete_shortlist(&mut self, id: ShortlistId) -> Result<()> {
        self.write(|c, now| {
            team::guard(c)?;
            let key = team::list_key(c, id)?;
            shortlists::delete(c, id)?;
            team::record_deleted(c, now, &key)
        })
    }

    /// Add an account as a candidate; adding it again changes nothing.
    pub fn add_to_shortlist(&mut self, id: ShortlistId, account: AccountId) -> Result<()> {
        self.write(|c, now| {
            team::guard(c)?;
            if shortlists::has_entry(c, id, account)? {
                return Ok(());
            }
            shortlists::add(c, id, account, now)?;
            team::record_added(c, now, id, account)
        })
    }

    /// Add accounts as candidates in one transaction (those already on the list are left
    /// as they are); how many were new. One commit for the lot: adding 10,000 creators
    /// is one write, not 10,000.
    pub fn add_many_to_shortlist(
        &mut self,
        id: ShortlistId,
        accounts: &[AccountId],
    ) -> Result<usize> {
        self.write(|c, now| {
            team::guard(c)?;
            let mut added = 0;
            for &account in accounts {
                if shortlists::has_entry(c, id, account)? {
                    continue;
                }
                shortlists::add(c, id, account, now)?;
                team::record_added(c, now, id, account)?;
                added += 1;
            }
            Ok(added)
        })
    }

    /// Remove an account from a shortlist (not an error if it was not on it).
    pub fn remove_from_shortlist(&mut self, id: ShortlistId, account: AccountId) -> Result<()> {
        self.write(|c, now| {
            team::guard(c)?;
            let had = shortlists::has_entry(c, id, account)?;
            shortlists::remove(c, id, account)?;
            if had {
                team::record_removed(c, now, id, account)?;
            }
            Ok(())
        })
    }

    /// Set an entry's review status.
    pub fn set_entry_status(
        &mut self,
        id: ShortlistId,
        account: AccountId,
        status: ShortlistStatus,
    ) -> Result<()> {
        self.write(|c, now| {
            team::guard(c)?;
            shortlists::set_status(c, id, account, status, now)?;
            team::record_entry(
                c,
                now,
                id,
                account,
                "status",
                &serde_json::json!(status.key()),
            )
        })
    }

    /// Set or clear an entry's note.
    pub fn set_entry_note(
        &mut self,
        id: ShortlistId,
        account: AccountId,
        note: Option<&str>,
    ) -> Result<()> {
        self.write(|c, now| {
            team::guard(c)?;
            shortlists::set_note(c, id, account, note, now)?;
            team::record_entry(
                c,
                now,
                id,
                account,
                "note",
                &serde_json::json!(note.unwrap_or("")),
            )
        })
    }

    /// Replace an entry's tags.
    pub fn set_entry_tags(
        &mut self,
        id: ShortlistId,
        account: AccountId,
        tags: &[String],
    ) -> Result<()> {
        self.write(|c, now| {
            team::guard(c)?;
            shortlists::set_tags(c, id, account, tags, now)?;
            team::record_entry(c, now, id, account, "tags", &serde_json::json!(tags))
        })
    }

    /// The names of the shortlists an account is on (by name), in one query.
    pub fn shortlists_of(&self, account: AccountId) -> Result<Vec<String>> {
        self.read(|c| shortlists::names_of(c, account))
    }

    /// A shortlist's entries with their accounts, in the order they were added.
    pub fn shortlist_entries(&self, id: ShortlistId) -> Result<Vec<EntryRow>> {
        self.read(|c| shortlists::entries(c, id))
    }

    // ----- brands ----------------------------------------------------------------------------

    /// Create or replace a brand brief (stored as JSON; names ignore ASCII case).
    pub fn save_brand(&mut self, name: &str, brief: &serde_json::Value) -> Result<()> {
        self.write(|c, now| {
            team::guard(c)?;
            brands::save(c, name, brief, now)?;
            team::record_brief(c, now, name, Some(brief))
        })
    }

    /// A brand brief by name.
    pub fn brand(&self, name: &str) -> Result<Option<BrandRow>> {
        self.read(|c| brands::get(c, name))
    }

    /// Every brand brief, by name.
    pub fn brands(&self) -> Result<Vec<BrandRow>> {
        self.read(brands::all)
    }

    /// Delete a brand brief.
    pub fn delete_brand(&mut self, name: &str) -> Result<()> {
        self.write(|c, now| {
            team::guard(c)?;
            brands::delete(c, name)?;
            team::record_brief(c, now, name, None)
        })
    }

    // ----- team sync ------------------------------------------------------------------------

    /// The link to a team server, `None` when this workspace does not sync.
    pub fn team_link(&self) -> Result<Option<TeamLink>> {
        self.read(team::link)
    }

    /// Link to a team server and queue this workspace's shortlists (with their
    /// creators' snapshots), entries and briefs for the first push.
    pub fn team_join(&mut self, link: &TeamLink) -> Result<()> {
        self.write(|c, now| team::join(c, now, link))
    }

    /// Unlink from the team (the outbox and log go; shortlists, briefs and snapshots stay).
    pub fn team_leave(&mut self) -> Result<()> {
        self.write(|c, _| team::leave(c))
    }

    /// The oldest local ops waiting for the server (at most `limit`, about `max_bytes`).
    pub fn team_outbox(&self, limit: usize, max_bytes: usize) -> Result<Vec<OutboxOp>> {
        self.read(|c| team::outbox(c, limit, max_bytes))
    }

    /// Record the server's answer to a push of `sent`; returns the rejections' messages
    /// (their edits are undone locally).
    pub fn team_acknowledge(
        &mut self,
        sent: &[OutboxOp],
        results: &[scout_core::sync::api::PushOutcome],
    ) -> Result<Vec<String>> {
        self.write(|c, now| team::acknowledge(c, now, sent, results))
    }

    /// Drop an outbox op the server refused as malformed, undoing it locally.
    pub fn team_drop_op(&mut self, id: i64) -> Result<()> {
        self.write(|c, now| team::drop_op(c, now, id))
    }

    /// Apply a pulled page of the log (ops after the cursor) and move the cursor.
    pub fn team_apply(&mut self, ops: &[scout_core::sync::api::LoggedOp]) -> Result<Applied> {
        self.write(|c, now| team::apply(c, now, ops))
    }

    /// Note how the last sync went (`None`: it succeeded).
    pub fn team_sync_result(&mut self, error: Option<&str>) -> Result<()> {
        self.write(|c, now| team::set_sync_result(c, now, error))
    }

    /// Pending, applied and shared counts.
    pub fn team_counts(&self) -> Result<TeamCounts> {
        self.read(team::counts)
    }

    /// Who changed what on a shortlist, newest first (pending local edits first).
    pub fn team_activity(&self, id: ShortlistId, limit: usize) -> Result<Vec<ActivityRow>> {
        self.read(|c| team::activity(c, id, limit))
    }

    /// Every note on an entry with its author and time, oldest first.
    pub fn team_notes(&self, id: ShortlistId, account: AccountId) -> Result<Vec<ActivityRow>> {
        self.read(|c| team::notes(c, id, account))
    }

    // ----- runs ------------------------------------------------------------------------------

    /// Record that a vet run started for `input` (what the user typed).
    pub fn start_run(&mut self, input: &str) -> Result<RunId> {
        self.write(|c, now| runs::start(c, input, now))
    }

    /// Record how a run ended: the snapshot it stored, or an error `(code, message)`.
    pub fn finish_run(
        &mut self,
        run: RunId,
        outcome: Result<SnapshotId, (&str, &str)>,
    ) -> Result<()> {
        self.write(|c, now| runs::finish(c, run, outcome, now))
    }

    /// Keep the raw responses of a run that stored no snapshot (a failed vet), for audit.
    pub fn save_run_responses(&mut self, run: RunId, raw: &[RawResponseRecord]) -> Result<()> {
        self.write(|c, _| snapshots::save_run_raw(c, run, raw))
    }

    /// The raw responses kept for a run without a snapshot.
    pub fn run_responses(&self, run: RunId) -> Result<Vec<RawResponseRecord>> {
        self.read(|c| snapshots::raw_of_run(c, run))
    }

    /// One run.
    pub fn run(&self, id: RunId) -> Result<RunRow> {
        self.read(|c| runs::get(c, id))
    }

    /// The `n` most recently started runs, newest first.
    pub fn recent_runs(&self, n: usize) -> Result<Vec<RunRow>> {
        self.read(|c| runs::recent(c, n))
    }

    // ----- jobs ------------------------------------------------------------------------------

    /// Create a job with one pending item per input, in order.
    pub fn create_job(
        &mut self,
        kind: JobKind,
        title: &str,
        params: &serde_json::Value,
        inputs: &[String],
    ) -> Result<JobId> {
        self.write(|c, now| jobs::create(c, kind, title, params, inputs, now))
    }

    /// One job with its item counts.
    pub fn job(&self, id: JobId) -> Result<JobRow> {
        self.read(|c| jobs::get(c, id))
    }

    /// The `n` newest jobs not dismissed, newest first.
    pub fn recent_jobs(&self, n: usize) -> Result<Vec<JobRow>> {
        self.read(|c| jobs::recent(c, n))
    }

    /// A job's items in order.
    pub fn job_items(&self, job: JobId) -> Result<Vec<JobItemRow>> {
        self.read(|c| jobs::items(c, job))
    }

    /// One job item.
    pub fn job_item(&self, id: JobItemId) -> Result<JobItemRow> {
        self.read(|c| jobs::item(c, id))
    }

    /// Move the next pending item (oldest job first, then by position) to `running`
    /// and return it; `None` when nothing is pending.
    pub fn claim_job_item(&mut self) -> Result<Option<ClaimedItem>> {
        self.write(jobs::claim)
    }

    /// Settle a running item. An item that is no longer running (its job was
    /// cancelled and it was settled meanwhile) is left as it is; returns whether it changed.
    pub fn finish_job_item(&mut self, id: JobItemId, outcome: &ItemOutcome<'_>) -> Result<bool> {
        self.write(|c, now| jobs::finish(c, id, outcome, now))
    }

    /// Store a vet's snapshot (as [`Store::save_snapshot`]) and mark the job item that
    /// ran it done, in one transaction: either both happen or neither.
    pub fn save_snapshot_for_job_item(
        &mut self,
        snap: &Snapshot,
        raw: &[RawResponseRecord],
        item: JobItemId,
    ) -> Result<SnapshotId> {
        self.write(|c, now| {
            let id = snapshots::save(c, snap, raw, false, now)?;
            let outcome = ItemOutcome::Done {
                snapshot: Some(id),
                result: None,
            };
            if !jobs::finish(c, item, &outcome, now)? {
                return Err(StoreError::invalid(format!(
                    "a snapshot for {item}, which is no longer running"
                )));
            }
            Ok(id)
        })
    }

    /// Cancel a job's pending items; returns how many.
    pub fn cancel_job(&mut self, job: JobId) -> Result<usize> {
        self.write(|c, now| jobs::cancel(c, job, now))
    }

    /// Put a job's failed and cancelled items (or only `item`) back to pending; returns how many.
    pub fn retry_job(&mut self, job: JobId, item: Option<JobItemId>) -> Result<usize> {
        self.write(|c, _| jobs::retry(c, job, item))
    }

    /// Put every running item back to pending (at startup: whoever ran them is gone).
    pub fn requeue_running_job_items(&mut self) -> Result<usize> {
        self.write(|c, _| jobs::requeue_running(c))
    }

    /// Hide a job from [`Store::recent_jobs`].
    pub fn dismiss_job(&mut self, job: JobId) -> Result<()> {
        self.write(|c, _| jobs::dismiss(c, job))
    }

    /// Whether a job of `kind` still has pending or running items.
    pub fn has_active_job(&self, kind: JobKind) -> Result<bool> {
        self.read(|c| jobs::active_of_kind(c, kind))
    }

    // ----- settings --------------------------------------------------------------------------

    /// A setting's value, `None` when unset. See [`setting_keys`] for the known keys.
    pub fn get_setting<T: DeserializeOwned>(&self, key: &str) -> Result<Option<T>> {
        self.read(|c| settings::get(c, key))
    }

    /// Set a setting (stored as JSON).
    pub fn set_setting<T: Serialize + ?Sized>(&mut self, key: &str, value: &T) -> Result<()> {
        self.write(|c, now| settings::set(c, key, value, now))
    }

    /// Remove a setting (back to the built-in default).
    pub fn remove_setting(&mut self, key: &str) -> Result<()> {
        self.write(|c, _| settings::remove(c, key))
    }

    // ----- demo ------------------------------------------------------------------------------

    /// True when no account, shortlist or brand is stored (settings do not count).
    pub fn is_empty(&self) -> Result<bool> {
        self.read(demo::is_empty)
    }

    /// Remove the demo data: demo snapshots, accounts with only demo snapshots,
    /// and shortlists whose entries were all demo accounts.
    pub fn clear_demo(&mut self) -> Result<ClearedDemo> {
        self.write(|c, _| demo::clear(c))
    }
}

/// Several writes in one transaction; see [`Store::batch`].
pub struct Batch<'s> {
    tx: Transaction<'s>,
    now: DateTime<Utc>,
}

impl fmt::Debug for Batch<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Batch")
            .field("now", &self.now)
            .finish_non_exhaustive()
    }
}

impl Batch<'_> {
    /// As [`Store::save_snapshot`].
    pub fn save_snapshot(
        &self,
        snap: &Snapshot,
        raw: &[RawResponseRecord],
        is_demo: bool,
    ) -> Result<SnapshotId> {
        snapshots::save(&self.tx, snap, raw, is_demo, self.now)
    }

    /// One creator's snapshots (no raw responses), as [`Batch::save_snapshot`] each, with
    /// the account's table row brought up to date once, after the last. Returns what
    /// [`Batch::snapshot_meta`] would read of each, in input order.
    pub fn save_history(&self, snaps: &[Snapshot], is_demo: bool) -> Result<Vec<SnapshotMeta>> {
        snapshots::save_history(&self.tx, snaps, is_demo, self.now)
    }

    /// As [`Store::save_findings`].
    pub fn save_findings(
        &self,
        snapshot: SnapshotId,
        findings: &[Finding],
        computed_at: DateTime<Utc>,
    ) -> Result<()> {
        findings::save(&self.tx, snapshot, findings, computed_at)
    }

    /// As [`Store::snapshot_meta`], inside the transaction.
    pub fn snapshot_meta(&self, id: SnapshotId) -> Result<SnapshotMeta> {
        snapshots::meta(&self.tx, id)
    }

    /// As [`Store::save_facts`].
    pub fn save_facts(&self, facts: &[CreatorFacts]) -> Result<usize> {
        facts::save(&self.tx, facts, self.now)
    }

    /// As [`Store::create_shortlist`].
    pub fn create_shortlist(&self, name: &str, client: Option<&str>) -> Result<ShortlistId> {
        shortlists::create(&self.tx, name, client, self.now)
    }

    /// As [`Store::set_shortlist_notes`].
    pub fn set_shortlist_notes(&self, id: ShortlistId, notes: Option<&str>) -> Result<()> {
        shortlists::set_text(&self.tx, id, "notes", notes, self.now)
    }

    /// As [`Store::add_to_shortlist`].
    pub fn add_to_shortlist(&self, id: ShortlistId, account: AccountId) -> Result<()> {
        shortlists::add(&self.tx, id, account, self.now)
    }

    /// As [`Store::set_entry_status`].
    pub fn set_entry_status(
        &self,
        id: ShortlistId,
        account: AccountId,
        status: ShortlistStatus,
    ) -> Result<()> {
        shortlists::set_status(&self.tx, id, account, status, self.now)
    }

    /// As [`Store::set_entry_note`].
    pub fn set_entry_note(
        &self,
        id: ShortlistId,
        account: AccountId,
        note: Option<&str>,
    ) -> Result<()> {
        shortlists::set_note(&self.tx, id, account, note, self.now)
    }

    /// As [`Store::set_entry_tags`].
    pub fn set_entry_tags(
        &self,
        id: ShortlistId,
        account: AccountId,
        tags: &[String],
    ) -> Result<()> {
        shortlists::set_tags(&self.tx, id, account, tags, self.now)
    }

    /// As [`Store::save_brand`].
    pub fn save_brand(&self, name: &str, brief: &serde_json::Value) -> Result<()> {
        brands::save(&self.tx, name, brief, self.now)
    }

    /// As [`Store::set_setting`].
    pub fn set_setting<T: Serialize + ?Sized>(&self, key: &str, value: &T) -> Result<()> {
        settings::set(&self.tx, key, value, self.now)
    }
}

#[cfg(test)]
mod tests;
