//! The Creators table queried, not loaded: [`Workspace::list_creators`] turns a
//! [`CreatorQuery`] into one [`CreatorPage`] (a page of rows and the total) that
//! the store sorts and filters in SQL over its per-account facts rows.
//!
//! The check-derived figures of a row (tier, declared engagement rate,
//! authenticity, risk count) are computed here, from the same
//! [`crate::analysis::analyse`] every other surface uses, for the rows the store
//! marked stale (a new snapshot, changed tier bounds or benchmarks, a re-parse),
//! in batches that run the checks in parallel and write back in one transaction.
//! Readers use their own connections ([`Readers`]), so a page never waits for a
//! vet's writes; the analysis cache is bounded ([`AnalysisCache`]).

use std::collections::{HashMap, VecDeque};
use std::ops::Deref;
use std::path::PathBuf;
use std::sync::{Arc, Mutex, PoisonError};

use rayon::prelude::*;
use scout_core::checks::engagement_rate::declared_formula;
use scout_core::checks::score::shown;
use scout_core::{Platform, ShortlistStatus, Snapshot, Tier, TierBounds, Verdict};
use scout_store::{
    AccountId, CreatorFacts, FactsRow, FitKey, RateFact, SnapshotId, SnapshotMeta, SortColumn,
    Store,
};

use crate::Workspace;
use crate::analysis::{self, Analysis};
use crate::briefs::LoadedBrief;
use crate::error::{Error, Result};
use crate::views::{CreatorPage, CreatorQuery, CreatorRow};

/// Rows computed per transaction when refreshing stale figures.
const BATCH: usize = 512;
/// Largest page a query may ask for.
pub const MAX_LIMIT: u32 = 1_000;
/// Page size when a query gives none.
pub const DEFAULT_LIMIT: u32 = 50;
/// Idle reader connections kept open.
const IDLE_READERS: usize = 4;
/// Analyses kept in memory (each holds a snapshot with its posts and samples).
pub(crate) const ANALYSIS_CACHE: usize = 256;

/// A small pool of read-only connections on the workspace's database file.
pub(crate) struct Readers {
    path: PathBuf,
    idle: Mutex<Vec<Store>>,
}

impl Readers {
    pub(crate) fn new(path: PathBuf) -> Self {
        Readers {
            path,
            idle: Mutex::default(),
        }
    }

    pub(crate) fn get(&self) -> Result<Reader<'_>> {
        let idle = self
            .idle
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .pop();
        let store = match idle {
            Some(s) => s,
            None => Store::open_reader(&self.path)?,
        };
        Ok(Reader {
            pool: self,
            store: Some(store),
        })
    }
}

/// A reader connection, back in the pool when dropped.
pub(crate) struct Reader<'a> {
    pool: &'a Readers,
    store: Option<Store>,
}

impl Deref for Reader<'_> {
    type Target = Store;

    fn deref(&self) -> &Store {
        self.store.as_ref().expect("present until dropped")
    }
}

impl Drop for Reader<'_> {
    fn drop(&mut self) {
        if let Some(s) = self.store.take() {
            let mut idle = self
                .pool
                .idle
                .lock()
                .unwrap_or_else(PoisonError::into_inner);
            if idle.len() < IDLE_READERS {
                idle.push(s);
            }
        }
    }
}

/// Analyses by snapshot id, with the peer rates their peer percentile was computed
/// from; the least recently inserted goes first when full.
#[derive(Default)]
pub(crate) struct AnalysisCache {
    map: HashMap<i64, (Vec<f64>, Arc<Analysis>)>,
    order: VecDeque<i64>,
}

impl AnalysisCache {
    pub(crate) fn get(&self, id: i64) -> Option<&(Vec<f64>, Arc<Analysis>)> {
        self.map.get(&id)
    }

    pub(crate) fn insert(&mut self, id: i64, peers: Vec<f64>, a: Arc<Analysis>) {
        if self.map.insert(id, (peers, a)).is_none() {
            self.order.push_back(id);
        }
        while self.map.len() > ANALYSIS_CACHE {
            match self.order.pop_front() {
                Some(old) => {
                    self.map.remove(&old);
                }
                None => break,
            }
        }
    }

    pub(crate) fn clear(&mut self) {
        self.map.clear();
        self.order.clear();
    }

    #[cfg(test)]
    pub(crate) fn len(&self) -> usize {
        self.map.len()
    }
}

/// The figures the Creators table keeps for a snapshot, from its analysis: core's
/// declared engagement rate (basis, statistic) and the authenticity score as shown
/// (whole points, so a filter on 70 matches the "70" a scout reads).
pub(crate) fn facts_of(id: SnapshotId, a: &Analysis) -> CreatorFacts {
    CreatorFacts {
        snapshot_id: id,
        tier: a.metrics.tier,
        er: a.declared.as_ref().map(|d| RateFact {
            value: d.value,
            basis: d.basis,
            statistic: d.statistic,
            posts: u32::try_from(d.posts).unwrap_or(u32::MAX),
        }),
        authenticity: a.authenticity.map(shown),
        risks: u32::try_from(
            a.findings
                .iter()
                .filter(|f| f.verdict == Verdict::Risk)
                .count(),
        )
        .unwrap_or(u32::MAX),
    }
}

/// Analyse a snapshot for its table figures (peers do not enter them).
pub(crate) fn analyse_for_facts(
    snapshot: Snapshot,
    history: &[SnapshotMeta],
    bounds: &TierBounds,
    benchmarks: &scout_core::checks::Benchmarks,
) -> Analysis {
    let history: Vec<SnapshotMeta> = history
        .iter()
        .filter(|m| m.fetched_at <= snapshot.fetched_at)
        .cloned()
        .collect();
    let at = snapshot.fetched_at;
    analysis::analyse_owned(snapshot, &history, bounds, &[], benchmarks, at)
}

fn parse_key<T: std::str::FromStr>(what: &str, v: Option<&str>) -> Result<Option<T>>
where
    T::Err: std::fmt::Display,
{
    match v.map(str::trim).filter(|s| !s.is_empty()) {
        None => Ok(None),
        Some(s) => s
            .parse()
            .map(Some)
            .map_err(|e| Error::Invalid(format!("{what} '{s}': {e}"))),
    }
}

fn tier_key(s: &str) -> Result<Tier> {
    Tier::ALL
        .into_iter()
        .find(|t| t.key().eq_ignore_ascii_case(s.trim()))
        .ok_or_else(|| {
            Error::Invalid(format!(
                "unknown tier '{s}': use one of {}",
                Tier::ALL.map(Tier::key).join(", ")
            ))
        })
}

fn whole(what: &str, v: Option<f64>) -> Result<Option<u64>> {
    match v {
        None => Ok(None),
        Some(x) if x.is_finite() && x >= 0.0 => Ok(Some(x.round() as u64)),
        Some(x) => Err(Error::Invalid(format!(
            "{what} {x} must be a whole number of at least 0"
        ))),
    }
}

fn finite(what: &str, v: Option<f64>) -> Result<Option<f64>> {
    match v {
        Some(x) if !x.is_finite() => Err(Error::Invalid(format!("{what} {x} is not a number"))),
        other => Ok(other),
    }
}

impl Workspace {
    /// One page of the Creators table and the number of creators matching the
    /// filters, sorted and filtered in SQL (never by loading every creator). Figures
    /// that went stale are recomputed first, in batches.
    pub fn list_creators(&self, query: &CreatorQuery) -> Result<CreatorPage> {
        let wants_fit = query.min_fit.is_some()
            || query.max_fit.is_some()
            || query.sort.as_deref().is_some_and(|s| s.trim() == "fit");
        let brief = match query.brief.as_deref().filter(|b| !b.trim().is_empty()) {
            Some(name) => Some(self.fit_brief(name)?),
            None => None,
        };
        if brief.is_none() && wants_fit {
            return Err(Error::Invalid(
                "a Fit filter or sort needs a brief: choose the brief Fit is scored against".into(),
            ));
        }
        // A Fit filter or sort needs every creator's Fit, in SQL over `creator_fit`;
        // otherwise the page is found without Fit and only its own rows are scored now,
        // the others in the background.
        let fit = match &brief {
            Some((b, key)) if wants_fit => {
                self.fill_fits(b, key)?;
                Some(key.clone())
            }
            _ => None,
        };
        let limit = query.limit.unwrap_or(DEFAULT_LIMIT);
        if limit == 0 || limit > MAX_LIMIT {
            return Err(Error::Invalid(format!(
                "page size {limit}: ask for 1 to {MAX_LIMIT} rows"
            )));
        }
        let q = scout_store::CreatorQuery {
            platform: parse_key::<Platform>("platform", query.platform.as_deref())?,
            tier: query.tier.as_deref().map(tier_key).transpose()?,
            min_followers: whole("minimum followers", query.min_followers)?,
            max_followers: whole("maximum followers", query.max_followers)?,
            min_er: finite("minimum engagement rate", query.min_er)?,
            max_er: finite("maximum engagement rate", query.max_er)?,
            min_authenticity: finite("minimum authenticity", query.min_authenticity)?,
            max_authenticity: finite("maximum authenticity", query.max_authenticity)?,
            fit,
            min_fit: finite("minimum Fit", query.min_fit)?,
            max_fit: finite("maximum Fit", query.max_fit)?,
            shortlist: match query.shortlist.as_deref().filter(|s| !s.trim().is_empty()) {
                Some(name) => Some(self.shortlist_id(name)?),
                None => None,
            },
            status: query
                .status
                .as_deref()
                .filter(|s| !s.trim().is_empty())
                .map(|s| {
                    s.parse::<ShortlistStatus>()
                        .map_err(|e| Error::Invalid(e.to_string()))
                })
                .transpose()?,
            tag: query.tag.clone().filter(|t| !t.trim().is_empty()),
            text: query.text.clone().filter(|t| !t.trim().is_empty()),
            sort: match query.sort.as_deref().filter(|s| !s.trim().is_empty()) {
                Some(s) => s
                    .parse::<SortColumn>()
                    .map_err(|e| Error::Invalid(e.to_string()))?,
                None => SortColumn::Followers,
            },
            desc: query.desc,
            limit,
            offset: u64::from(query.offset.unwrap_or(0)),
        };
        self.refresh_facts()?;
        let mut page = self.reader()?.creators_page(&q)?;
        if let (Some((b, key)), None) = (&brief, &q.fit) {
            let ids: Vec<SnapshotId> = page.rows.iter().map(|r| r.snapshot_id).collect();
            let fits = self.page_fits(b, key, &ids)?;
            for r in &mut page.rows {
                r.fit = fits.get(&r.snapshot_id).copied().flatten();
            }
            self.fill_fits_in_background(name_of(b), key);
        }
        Ok(CreatorPage {
            rows: page
                .rows
                .iter()
                .map(|r| row_view(r, self.benchmarks()))
                .collect(),
            total: u32::try_from(page.total).unwrap_or(u32::MAX),
        })
    }

    /// Compute the figures of every stale row, [`BATCH`] rows per transaction, the
    /// checks of a batch in parallel. Returns the rows computed.
    pub fn refresh_facts(&self) -> Result<usize> {
        // One refresher at a time: a second caller waits, then finds nothing stale.
        let _one = self
            .inner
            .refreshing
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        let bounds = self.bounds()?;
        let mut done = 0;
        loop {
            let stale = self.reader()?.stale_facts(BATCH)?;
            if stale.is_empty() {
                return Ok(done);
            }
            let inputs = {
                let reader = self.reader()?;
                stale
                    .iter()
                    .map(|&(account, id)| {
                        Ok((id, reader.load_snapshot(id)?, reader.snapshots_of(account)?))
                    })
                    .collect::<Result<Vec<_>>>()?
            };
            let benchmarks = self.benchmarks();
            let facts: Vec<CreatorFacts> = inputs
                .into_par_iter()
                .map(|(id, snap, history)| {
                    facts_of(id, &analyse_for_facts(snap, &history, &bounds, benchmarks))
                })
                .collect();
            let updated = self.store().save_facts(&facts)?;
            done += updated;
            // Rows that moved on to a newer snapshot meanwhile stay stale; the next round sees them.
        }
    }

    /// Brief `name` loaded for scoring, with the key its Fit scores are cached under:
    /// the brief's content, the brand-fit method and this build, so an edited brief or a
    /// changed method never reads an old score.
    pub(crate) fn fit_brief(&self, name: &str) -> Result<(LoadedBrief, FitKey)> {
        use std::hash::{Hash, Hasher};
        let brief = self.load_brief(name)?;
        let mut h = std::collections::hash_map::DefaultHasher::new();
        serde_json::to_string(&brief.brief)
            .map_err(|e| Error::Invalid(format!("brief '{name}': {e}")))?
            .hash(&mut h);
        scout_core::brand::METHOD_VERSION.hash(&mut h);
        // The weights and thresholds too: a new weights table re-scores every creator.
        format!("{:?}", crate::briefs::brand_data()?.weights).hash(&mut h);
        let key = FitKey {
            brand: brief.name.clone(),
            version: format!("{}-{:016x}", env!("CARGO_PKG_VERSION"), h.finish()),
        };
        Ok((brief, key))
    }

    /// Score `ids` against `brief` (snapshots loaded for Fit only, scored in parallel)
    /// and store the scores in one transaction.
    fn score_fits(
        &self,
        brief: &LoadedBrief,
        key: &FitKey,
        ids: &[SnapshotId],
    ) -> Result<Vec<(SnapshotId, Option<f64>)>> {
        if ids.is_empty() {
            return Ok(Vec::new());
        }
        let snaps = {
            let reader = self.reader()?;
            ids.iter()
                .map(|&id| Ok((id, reader.load_snapshot(id)?)))
                .collect::<Result<Vec<(SnapshotId, Snapshot)>>>()?
        };
        let fits: Vec<(SnapshotId, Option<f64>)> = snaps
            .par_iter()
            .map(|(id, s)| (*id, brief.score(s)))
            .collect();
        self.store().save_fits(key, &fits)?;
        Ok(fits)
    }

    /// The Fit of each of a page's snapshots: the cached ones in one query, the rest
    /// scored now.
    fn page_fits(
        &self,
        brief: &LoadedBrief,
        key: &FitKey,
        ids: &[SnapshotId],
    ) -> Result<HashMap<SnapshotId, Option<f64>>> {
        let mut fits: HashMap<SnapshotId, Option<f64>> =
            self.reader()?.stored_fits(key, ids)?.into_iter().collect();
        let missing: Vec<SnapshotId> = ids
            .iter()
            .copied()
            .filter(|id| !fits.contains_key(id))
            .collect();
        fits.extend(self.score_fits(brief, key, &missing)?);
        Ok(fits)
    }

    /// Fit for every latest snapshot that has none for this version of the brief,
    /// [`BATCH`] at a time. Returns the snapshots scored.
    fn fill_fits(&self, brief: &LoadedBrief, key: &FitKey) -> Result<usize> {
        let mut done = 0;
        loop {
            match self.fill_fit_batch(brief, key)? {
                0 => return Ok(done),
                n => done += n,
            }
        }
    }

    /// Score one batch of up to [`BATCH`] latest snapshots that have no Fit for this
    /// version of the brief, and store it; 0 when nothing is missing. One batch at a
    /// time across threads (a page, the background fill, a Fit sort): a second caller
    /// waits for the batch, then finds it stored. The one load-and-score step of both
    /// [`Self::fill_fits`] and the background fill.
    fn fill_fit_batch(&self, brief: &LoadedBrief, key: &FitKey) -> Result<usize> {
        let _one = self
            .inner
            .fitting
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        let missing = self.reader()?.missing_fits(key, BATCH)?;
        if missing.is_empty() {
            return Ok(0);
        }
        Ok(self.score_fits(brief, key, &missing)?.len())
    }

    /// Score every creator that has no Fit yet for brief `name`, now (what the
    /// background fill after a page does). Returns the snapshots scored.
    pub fn finish_fits(&self, name: &str) -> Result<usize> {
        let (brief, key) = self.fit_brief(name)?;
        self.fill_fits(&brief, &key)
    }

    /// Start filling the Fit of every other creator on a background thread, unless one
    /// is already filling this version of the brief or nothing is missing. It stops
    /// when the brief changes meanwhile.
    fn fill_fits_in_background(&self, name: &str, key: &FitKey) {
        let Ok(reader) = self.reader() else { return };
        if reader.missing_fits(key, 1).map_or(true, |m| m.is_empty()) {
            return;
        }
        drop(reader);
        {
            let mut running = self
                .inner
                .fits_filling
                .lock()
                .unwrap_or_else(PoisonError::into_inner);
            if !running.insert(key.version.clone()) {
                return;
            }
        }
        let ws = self.clone();
        let version = key.version.clone();
        let (name, key) = (name.to_string(), key.clone());
        let spawned = std::thread::Builder::new()
            .name("scout-fit".into())
            .spawn(move || {
                loop {
                    let Ok((brief, now)) = ws.fit_brief(&name) else {
                        break;
                    };
                    if now != key {
                        break;
                    }
                    if !matches!(ws.fill_fit_batch(&brief, &key), Ok(n) if n > 0) {
                        break;
                    }
                }
                ws.inner
                    .fits_filling
                    .lock()
                    .unwrap_or_else(PoisonError::into_inner)
                    .remove(&key.version);
            });
        if spawned.is_err() {
            self.inner
                .fits_filling
                .lock()
                .unwrap_or_else(PoisonError::into_inner)
                .remove(&version);
        }
    }

    /// Declared engagement rates of the other creators on the account's platform
    /// and tier, from the table's fresh figures: the same whatever order the
    /// creators were vetted in.
    pub(crate) fn peer_rates(
        &self,
        account: AccountId,
        snapshot: &Snapshot,
        bounds: &TierBounds,
    ) -> Result<Vec<f64>> {
        let Some(tier) = snapshot.profile.followers.map(|f| bounds.tier(f)) else {
            return Ok(Vec::new());
        };
        self.refresh_facts()?;
        let min_posts =
            u32::try_from(scout_core::checks::engagement_rate::MIN_POSTS).unwrap_or(u32::MAX);
        let mut rates = self
            .reader()?
            .peer_rates(snapshot.platform, tier, account, min_posts)?;
        rates.sort_by(f64::total_cmp);
        Ok(rates)
    }
}

fn name_of(b: &LoadedBrief) -> &str {
    &b.name
}

/// A stored table row as the shells show it: the one place a [`CreatorRow`] is
/// made (the Creator page's row comes through here too, [`analysis::creator_row`]).
/// The basis and statistic are the platform's declared formula, also when the
/// rate itself is unknown (too few posts): the column says what it would be.
pub(crate) fn row_view(r: &FactsRow, benchmarks: &scout_core::checks::Benchmarks) -> CreatorRow {
    let formula = declared_formula(r.platform, benchmarks);
    CreatorRow {
        id: r.account_id.get(),
        platform: r.platform,
        platform_name: r.platform.name().to_string(),
        audience_word: r.platform.audience_word().to_string(),
        handle: r.handle.clone(),
        display_name: r.display_name.clone(),
        url: r.url.clone(),
        avatar_url: r.avatar_url.clone(),
        followers: r.followers,
        tier: r.tier,
        engagement_rate: r.er.map(|e| e.value),
        engagement_rate_basis: r.er.map(|e| e.basis).or(formula.map(|f| f.0)),
        engagement_rate_statistic: r.er.map(|e| e.statistic).or(formula.map(|f| f.1)),
        authenticity: r.authenticity.map(shown),
        fit: r.fit.map(shown),
        last_vetted: r.fetched_at.to_rfc3339(),
        is_demo: r.is_demo,
        risks: r.risks.unwrap_or(0),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::views::TierBoundsView;
    use scout_core::checks::engagement_rate::PEER_CHECK;

    fn open() -> (tempfile::TempDir, Workspace) {
        let dir = tempfile::tempdir().unwrap();
        let ws = Workspace::open(Some(dir.path().to_path_buf())).unwrap();
        (dir, ws)
    }

    /// Store each creator's snapshots and analyse them as a vet does, in `order`.
    fn vet_in_order(ws: &Workspace, creators: &[crate::demo::DemoCreator], order: &[usize]) {
        for &i in order {
            let ids = ws
                .store()
                .save_snapshots(&creators[i].snapshots, false)
                .unwrap();
            let last = *ids.last().unwrap();
            let row = {
                let r = ws.reader().unwrap();
                r.account(r.snapshot_meta(last).unwrap().account_id)
                    .unwrap()
            };
            ws.analysis_of_snapshot(&row, last).unwrap();
        }
    }

    fn percentiles(ws: &Workspace) -> Vec<(String, Option<f64>, Verdict)> {
        let page = ws
            .list_creators(&CreatorQuery {
                sort: Some("handle".into()),
                limit: Some(100),
                ..CreatorQuery::default()
            })
            .unwrap();
        page.rows
            .iter()
            .map(|r| {
                let row = ws.account(r.id).unwrap();
                let a = ws.analysis_of(&row).unwrap();
                let f = a.findings.iter().find(|f| f.check == PEER_CHECK).unwrap();
                (r.handle.clone(), f.value, f.verdict)
            })
            .collect()
    }

    #[test]
    fn peer_percentiles_do_not_depend_on_the_vet_order() {
        let now = chrono::Utc::now();
        // Eight Bluesky creators in one tier (the demo's, moved to 20,000 followers).
        let creators: Vec<crate::demo::DemoCreator> =
            crate::demo::generate(crate::demo::DEMO_SEED, now, &TierBounds::default())
                .into_iter()
                .filter(|c| c.snapshots[0].platform == Platform::Bluesky)
                .map(|mut c| {
                    let last = c.snapshots.pop().unwrap();
                    let mut snap = last;
                    snap.profile.followers = Some(20_000);
                    c.snapshots = vec![snap];
                    c
                })
                .collect();
        assert_eq!(creators.len(), 8);
        let forward: Vec<usize> = (0..creators.len()).collect();
        let backward: Vec<usize> = forward.iter().rev().copied().collect();
        let (_a, first) = open();
        let (_b, second) = open();
        vet_in_order(&first, &creators, &forward);
        vet_in_order(&second, &creators, &backward);
        let (p1, p2) = (percentiles(&first), percentiles(&second));
        assert_eq!(p1.len(), 8);
        assert_eq!(p1, p2);
        // Every creator has its seven peers, the first vetted too.
        assert!(p1.iter().all(|(_, v, _)| v.is_some()), "{p1:?}");
    }

    #[test]
    fn changed_tier_bounds_recompute_the_table_and_the_detail() {
        let (_d, ws) = open();
        ws.load_demo().unwrap();
        let megas = |ws: &Workspace| {
            ws.list_creators(&CreatorQuery {
                tier: Some("mega".into()),
                ..CreatorQuery::default()
            })
            .unwrap()
            .total
        };
        let before = megas(&ws);
        let top = ws
            .list_creators(&CreatorQuery {
                sort: Some("followers".into()),
                desc: false,
                tier: Some("macro".into()),
                limit: Some(1),
                ..CreatorQuery::default()
            })
            .unwrap()
            .rows
            .remove(0);
        let followers = top.followers.unwrap();
        // Every macro creator becomes mega.
        let b = ws.tier_bounds().unwrap();
        ws.set_tier_bounds(&TierBoundsView {
            mega: followers as f64,
            macro_: b.macro_.min(followers as f64 - 1.0),
            ..b
        })
        .unwrap();
        assert!(megas(&ws) > before, "{} → {}", before, megas(&ws));
        let row = ws.account(top.id).unwrap();
        assert_eq!(ws.analysis_of(&row).unwrap().metrics.tier, Some(Tier::Mega));
        let listed = ws
            .list_creators(&CreatorQuery {
                text: Some(top.handle.clone()),
                ..CreatorQuery::default()
            })
            .unwrap();
        assert_eq!(listed.rows[0].tier, Some(Tier::Mega));
    }

    #[test]
    fn pages_are_sorted_filtered_and_counted() {
        let (_d, ws) = open();
        ws.load_demo().unwrap();
        let page = ws
            .list_creators(&CreatorQuery {
                platform: Some("instagram".into()),
                sort: Some("followers".into()),
                desc: true,
                limit: Some(5),
                ..CreatorQuery::default()
            })
            .unwrap();
        assert_eq!(page.total, 16);
        assert_eq!(page.rows.len(), 5);
        assert!(page.rows.iter().all(|r| r.platform == Platform::Instagram));
        let f: Vec<u64> = page.rows.iter().map(|r| r.followers.unwrap()).collect();
        assert!(f.windows(2).all(|w| w[0] >= w[1]), "{f:?}");
        // The row's figures are the detail's figures.
        let detail = ws.creator(page.rows[0].id, None).unwrap();
        assert_eq!(detail.row.authenticity, page.rows[0].authenticity);
        assert_eq!(detail.row.tier, page.rows[0].tier);
        for bad in [
            CreatorQuery {
                sort: Some("colour".into()),
                ..CreatorQuery::default()
            },
            CreatorQuery {
                tier: Some("giga".into()),
                ..CreatorQuery::default()
            },
            CreatorQuery {
                limit: Some(0),
                ..CreatorQuery::default()
            },
            CreatorQuery {
                sort: Some("fit".into()),
                ..CreatorQuery::default()
            },
        ] {
            assert!(
                matches!(ws.list_creators(&bad), Err(Error::Invalid(_))),
                "{bad:?}"
            );
        }
    }

    #[test]
    fn the_creator_page_explains_the_tables_fit_against_the_named_brief() {
        let (_d, ws) = open();
        ws.load_demo().unwrap();
        let brief = ws
            .save_brief_toml(scout_core::brand::brief::EXAMPLE_BRIEF_TOML)
            .unwrap()
            .name;
        let page = ws
            .list_creators(&CreatorQuery {
                brief: Some(brief.clone()),
                sort: Some("fit".into()),
                desc: true,
                limit: Some(100),
                ..CreatorQuery::default()
            })
            .unwrap();
        let distinct: std::collections::BTreeSet<i64> = page
            .rows
            .iter()
            .filter_map(|r| r.fit.map(|f| f as i64))
            .collect();
        // The demo's niches separate: on-topic creators score far above the rest.
        assert!(distinct.len() >= 4, "{distinct:?}");
        for row in [&page.rows[0], page.rows.last().unwrap()] {
            let d = ws.creator(row.id, Some(&brief)).unwrap();
            let fit = d.fit.expect("a breakdown");
            assert_eq!(fit.brief, brief);
            assert_eq!(Some(fit.score), row.fit, "{}", row.handle);
            assert_eq!(d.row.fit, row.fit);
            let sum: f64 = fit.parts.iter().map(|p| p.contribution).sum();
            assert!((sum - fit.score).abs() <= 0.5, "{sum} vs {}", fit.score);
            assert_eq!(fit.parts.len(), 5);
            assert_eq!(
                fit.verdict_words,
                scout_core::brand::score::fit_words(fit.verdict)
            );
        }
        assert!(ws.creator(page.rows[0].id, None).unwrap().fit.is_none());
    }

    #[test]
    fn a_page_with_a_new_brief_is_scored_first_and_agrees_with_the_fit_sort() {
        let (_d, ws) = open();
        ws.load_demo().unwrap();
        let brief = ws
            .save_brief_toml(scout_core::brand::brief::EXAMPLE_BRIEF_TOML)
            .unwrap()
            .name;
        let q = CreatorQuery {
            brief: Some(brief.clone()),
            sort: Some("followers".into()),
            desc: true,
            limit: Some(5),
            ..CreatorQuery::default()
        };
        let first = ws.list_creators(&q).unwrap();
        // The whole table is counted, and the page's own rows carry their Fit at once.
        assert_eq!(first.total, 60);
        assert_eq!(first.rows.len(), 5);
        assert!(
            first.rows.iter().all(|r| r.fit.is_some()),
            "{:?}",
            first.rows
        );
        // Whatever the background thread did meanwhile, finishing leaves nothing missing
        // and the Fit sort ranks every creator with the same scores the page showed.
        ws.finish_fits(&brief).unwrap();
        assert_eq!(ws.finish_fits(&brief).unwrap(), 0);
        let by_fit = ws
            .list_creators(&CreatorQuery {
                sort: Some("fit".into()),
                limit: Some(100),
                ..q.clone()
            })
            .unwrap();
        assert_eq!(by_fit.total, 60);
        for r in &first.rows {
            let same = by_fit.rows.iter().find(|x| x.id == r.id).unwrap();
            assert_eq!(same.fit, r.fit, "{}", r.handle);
        }
    }

    #[test]
    fn the_analysis_cache_is_bounded() {
        let (_d, ws) = open();
        let creators = crate::demo::generate(
            crate::demo::DEMO_SEED,
            chrono::Utc::now(),
            &TierBounds::default(),
        );
        let snaps: Vec<Snapshot> = creators.into_iter().flat_map(|c| c.snapshots).collect();
        let ids = ws.store().save_snapshots(&snaps, true).unwrap();
        for id in &ids {
            let row = {
                let r = ws.reader().unwrap();
                r.account(r.snapshot_meta(*id).unwrap().account_id).unwrap()
            };
            ws.analysis_of_snapshot(&row, *id).unwrap();
        }
        assert_eq!(ids.len(), 360);
        assert_eq!(ws.cached_analyses(), ANALYSIS_CACHE);
    }

    /// The table's multi-select actions: tag a selection on a shortlist (the tag filter
    /// then finds exactly them) and export only the selection.
    #[test]
    fn a_selection_is_tagged_on_a_shortlist_and_exported_alone() {
        let (dir, ws) = open();
        ws.load_demo().unwrap();
        let page = ws
            .list_creators(&CreatorQuery {
                sort: Some("handle".into()),
                limit: Some(4),
                ..CreatorQuery::default()
            })
            .unwrap();
        let ids: Vec<i64> = page.rows.iter().map(|r| r.id).collect();
        ws.create_shortlist("Spring", None).unwrap();
        ws.add_to_shortlist("Spring", &ids[..1]).unwrap();
        ws.set_entry_tags("Spring", ids[0], &["Vegan".into()])
            .unwrap();
        // The first already carries it (another case): only the other two gain it.
        assert_eq!(ws.tag_creators("Spring", &ids[..3], " vegan ").unwrap(), 2);
        assert_eq!(ws.tag_creators("Spring", &ids[..3], "vegan").unwrap(), 0);
        let tagged = ws
            .list_creators(&CreatorQuery {
                tag: Some("VEGAN".into()),
                sort: Some("handle".into()),
                ..CreatorQuery::default()
            })
            .unwrap();
        assert_eq!(
            tagged.rows.iter().map(|r| r.id).collect::<Vec<_>>(),
            ids[..3]
        );
        let detail = ws.shortlist("Spring").unwrap();
        assert_eq!(detail.entries.len(), 3);
        assert!(matches!(
            ws.tag_creators("Spring", &ids, "  "),
            Err(Error::Invalid(_))
        ));
        assert!(matches!(
            ws.tag_creators("Nope", &ids, "x"),
            Err(Error::NotFound(_))
        ));

        let path = dir.path().join("chosen.csv");
        let chosen = [ids[3], ids[1]];
        let out = ws.export_csv_creators(&chosen, &path, false).unwrap();
        assert_eq!(out.count, 2);
        let text = std::fs::read_to_string(&path).unwrap();
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines.len(), 3, "{text}");
        assert!(lines[1].contains(&page.rows[3].handle), "{text}");
        assert!(lines[2].contains(&page.rows[1].handle), "{text}");
        assert!(!text.contains(&page.rows[0].handle));
        assert!(matches!(
            ws.export_csv_creators(&[], &path, false),
            Err(Error::Invalid(_))
        ));
    }
}
