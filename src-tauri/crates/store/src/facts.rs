//! The Creators table in SQL: one `creator_facts` row per account (its latest
//! snapshot and the figures the table sorts and filters by), Brand Fit per
//! snapshot and brief version in `creator_fit`, and [`CreatorQuery`] → one
//! [`FactsPage`] (a page of [`FactsRow`]s plus the total), sorted and filtered
//! with indexes, never by loading every creator.
//!
//! The store keeps each row's snapshot columns current whenever a snapshot is
//! saved, re-parsed or the demo data is removed, and marks the row stale; the
//! façade computes the check-derived figures ([`CreatorFacts`]) for stale rows
//! and writes them back in one transaction.

use chrono::{DateTime, Utc};
use rusqlite::types::Value;
use rusqlite::{Connection, Row, params, params_from_iter};
use scout_core::checks::benchmarks::{Basis, Statistic};
use scout_core::{Platform, ShortlistStatus, Tier};
use serde::{Deserialize, Serialize};

use crate::codec::{Key, Time, real};
use crate::error::{Result, StoreError};
use crate::ids::{AccountId, ShortlistId, SnapshotId};

/// The check-derived figures of one snapshot, as the façade computed them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CreatorFacts {
    /// The snapshot they were computed from (a row whose latest snapshot changed
    /// meanwhile stays stale).
    pub snapshot_id: SnapshotId,
    /// Tier under the tier bounds in force.
    pub tier: Option<Tier>,
    /// The declared engagement rate the table shows.
    pub er: Option<RateFact>,
    /// Authenticity score 0–100.
    pub authenticity: Option<f64>,
    /// Findings with verdict `risk`.
    pub risks: u32,
}

/// An engagement rate with its definition.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct RateFact {
    /// The rate (fraction).
    pub value: f64,
    /// Per follower or per view.
    pub basis: Basis,
    /// Mean or median of the per-post rates.
    pub statistic: Statistic,
    /// Posts behind it.
    pub posts: u32,
}

/// A column the Creators table sorts by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SortColumn {
    /// Display name (else handle), ignoring ASCII case.
    Name,
    /// Handle, ignoring ASCII case.
    Handle,
    /// Platform key.
    Platform,
    /// Followers / subscribers.
    #[default]
    Followers,
    /// Tier, nano → mega.
    Tier,
    /// The declared engagement rate.
    Er,
    /// Authenticity score.
    Authenticity,
    /// Fit for the query's brief.
    Fit,
    /// Risk findings.
    Risks,
    /// Latest snapshot time.
    LastVetted,
}

impl SortColumn {
    /// Every column.
    pub const ALL: [SortColumn; 10] = [
        SortColumn::Name,
        SortColumn::Handle,
        SortColumn::Platform,
        SortColumn::Followers,
        SortColumn::Tier,
        SortColumn::Er,
        SortColumn::Authenticity,
        SortColumn::Fit,
        SortColumn::Risks,
        SortColumn::LastVetted,
    ];

    /// The key used on the command line and over IPC (`followers`, `last_vetted`).
    pub fn key(self) -> &'static str {
        match self {
            SortColumn::Name => "name",
            SortColumn::Handle => "handle",
            SortColumn::Platform => "platform",
            SortColumn::Followers => "followers",
            SortColumn::Tier => "tier",
            SortColumn::Er => "er",
            SortColumn::Authenticity => "authenticity",
            SortColumn::Fit => "fit",
            SortColumn::Risks => "risks",
            SortColumn::LastVetted => "last_vetted",
        }
    }

    /// The SQL expression, and whether it can be NULL.
    fn expr(self) -> (&'static str, bool) {
        match self {
            SortColumn::Name => ("f.name_key", false),
            SortColumn::Handle => ("f.handle_key", false),
            SortColumn::Platform => ("f.platform", false),
            SortColumn::Followers => ("f.followers", true),
            SortColumn::Tier => ("f.tier_rank", true),
            SortColumn::Er => ("f.er_value", true),
            SortColumn::Authenticity => ("f.authenticity", true),
            SortColumn::Fit => ("fit.fit", true),
            SortColumn::Risks => ("f.risks", true),
            SortColumn::LastVetted => ("f.fetched_at", false),
        }
    }
}

impl std::str::FromStr for SortColumn {
    type Err = StoreError;

    fn from_str(s: &str) -> Result<Self> {
        let s = s.trim().to_ascii_lowercase().replace('-', "_");
        let alias = match s.as_str() {
            "audience" | "subscribers" => "followers",
            "engagement_rate" | "engagement" => "er",
            "vetted" | "last_seen" => "last_vetted",
            other => other,
        };
        SortColumn::ALL
            .into_iter()
            .find(|c| c.key() == alias)
            .ok_or_else(|| {
                StoreError::invalid(format!(
                    "unknown sort column '{s}': use one of {}",
                    SortColumn::ALL.map(SortColumn::key).join(", ")
                ))
            })
    }
}

/// A brief version whose Fit scores are stored in `creator_fit`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FitKey {
    /// The brand's name (as stored).
    pub brand: String,
    /// Changes whenever the brief or the Fit method changes.
    pub version: String,
}

/// One page of the Creators table: filters, sort, paging. Ranges are inclusive;
/// a range filter leaves out rows whose value is unknown.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct CreatorQuery {
    /// Only this platform.
    pub platform: Option<Platform>,
    /// Only this tier.
    pub tier: Option<Tier>,
    /// Followers at least.
    pub min_followers: Option<u64>,
    /// Followers at most.
    pub max_followers: Option<u64>,
    /// Engagement rate (fraction) at least.
    pub min_er: Option<f64>,
    /// Engagement rate (fraction) at most.
    pub max_er: Option<f64>,
    /// Authenticity at least.
    pub min_authenticity: Option<f64>,
    /// Authenticity at most.
    pub max_authenticity: Option<f64>,
    /// The brief Fit is read for (needed for `min_fit`/`max_fit` and the Fit sort).
    pub fit: Option<FitKey>,
    /// Fit at least.
    pub min_fit: Option<f64>,
    /// Fit at most.
    pub max_fit: Option<f64>,
    /// Only creators on this shortlist (with `status`/`tag`: that entry's).
    pub shortlist: Option<ShortlistId>,
    /// Only creators with a shortlist entry in this status.
    pub status: Option<ShortlistStatus>,
    /// Only creators with a shortlist entry carrying this tag (ignoring ASCII case).
    pub tag: Option<String>,
    /// Handle or display name contains this (ignoring ASCII case).
    pub text: Option<String>,
    /// Sort column (rows with an unknown value come last either way).
    pub sort: SortColumn,
    /// Descending.
    pub desc: bool,
    /// Page size.
    pub limit: u32,
    /// Rows to skip.
    pub offset: u64,
}

/// A row of the Creators table as stored.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FactsRow {
    /// Account.
    pub account_id: AccountId,
    /// Latest snapshot.
    pub snapshot_id: SnapshotId,
    /// Platform.
    pub platform: Platform,
    /// Handle.
    pub handle: String,
    /// Display name.
    pub display_name: Option<String>,
    /// Profile URL.
    pub url: String,
    /// Avatar URL.
    pub avatar_url: Option<String>,
    /// Every snapshot is demo data.
    pub is_demo: bool,
    /// Latest snapshot time.
    pub fetched_at: DateTime<Utc>,
    /// Followers at the latest snapshot.
    pub followers: Option<u64>,
    /// The check-derived figures (`None` while stale: never computed).
    pub tier: Option<Tier>,
    /// Declared engagement rate.
    pub er: Option<RateFact>,
    /// Authenticity.
    pub authenticity: Option<f64>,
    /// Risk findings.
    pub risks: Option<u32>,
    /// Fit for the query's brief.
    pub fit: Option<f64>,
}

/// One page and the number of rows matching the filters.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct FactsPage {
    /// The page.
    pub rows: Vec<FactsRow>,
    /// Rows matching the filters (all pages).
    pub total: u64,
}

/// The base columns of an account's row from `accounts` and its latest snapshot.
const REFRESH_SELECT: &str = "
    SELECT a.id, s.id, a.platform, lower(a.handle), lower(coalesce(a.display_name, a.handle)),
           a.is_demo, s.fetched_at, s.followers
    FROM accounts a
    JOIN profile_snapshots s ON s.id = (
        SELECT l.id FROM profile_snapshots l WHERE l.account_id = a.id
        ORDER BY l.fetched_at DESC, l.id DESC LIMIT 1)";

const REFRESH_UPSERT: &str = "
    ON CONFLICT (account_id) DO UPDATE SET
      snapshot_id = excluded.snapshot_id, platform = excluded.platform,
      handle_key = excluded.handle_key, name_key = excluded.name_key,
      is_demo = excluded.is_demo, fetched_at = excluded.fetched_at,
      followers = excluded.followers, stale = 1";

const INSERT_COLUMNS: &str = "INSERT INTO creator_facts (account_id, snapshot_id, platform, \
     handle_key, name_key, is_demo, fetched_at, followers)";

/// Bring an account's row in line with its latest snapshot and mark it stale
/// (its history changed, so its figures must be recomputed).
pub(crate) fn refresh(c: &Connection, account: AccountId) -> Result<()> {
    c.prepare_cached(&format!(
        "{INSERT_COLUMNS} {REFRESH_SELECT} WHERE a.id = ?1 {REFRESH_UPSERT}"
    ))?
    .execute([account])?;
    Ok(())
}

/// Rows for every account that has snapshots but no row (after demo snapshots of a
/// real account were removed, the cascade took its row).
pub(crate) fn restore_missing(c: &Connection) -> Result<usize> {
    Ok(c.execute(
        &format!(
            "{INSERT_COLUMNS} {REFRESH_SELECT}
             WHERE NOT EXISTS (SELECT 1 FROM creator_facts x WHERE x.account_id = a.id)
             {REFRESH_UPSERT}"
        ),
        [],
    )?)
}

pub(crate) fn mark_all_stale(c: &Connection) -> Result<usize> {
    Ok(c.execute("UPDATE creator_facts SET stale = 1 WHERE stale = 0", [])?)
}

pub(crate) fn stale(c: &Connection, limit: usize) -> Result<Vec<(AccountId, SnapshotId)>> {
    let mut stmt = c.prepare_cached(
        "SELECT account_id, snapshot_id FROM creator_facts WHERE stale = 1
         ORDER BY account_id LIMIT ?1",
    )?;
    let rows = stmt.query_map([i64::try_from(limit).unwrap_or(i64::MAX)], |r| {
        Ok((r.get(0)?, r.get(1)?))
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub(crate) fn count_stale(c: &Connection) -> Result<u64> {
    Ok(c.query_row(
        "SELECT count(*) FROM creator_facts WHERE stale = 1",
        [],
        |r| r.get(0),
    )?)
}

/// Write computed figures; a row whose latest snapshot is no longer the one
/// computed from is left stale. Returns the rows updated.
pub(crate) fn save(c: &Connection, facts: &[CreatorFacts], now: DateTime<Utc>) -> Result<usize> {
    let mut stmt = c.prepare_cached(
        "UPDATE creator_facts SET tier = ?2, tier_rank = ?3, er_value = ?4, er_basis = ?5,
                er_statistic = ?6, er_posts = ?7, authenticity = ?8, risks = ?9,
                stale = 0, computed_at = ?10
         WHERE snapshot_id = ?1",
    )?;
    let mut n = 0;
    for f in facts {
        let er_value = f.er.map(|e| real(e.value, "engagement rate")).transpose()?;
        let authenticity = f
            .authenticity
            .map(|a| real(a, "authenticity"))
            .transpose()?;
        n += stmt.execute(params![
            f.snapshot_id,
            f.tier.map(Key),
            f.tier.map(tier_rank),
            er_value,
            f.er.map(|e| Key(e.basis)),
            f.er.map(|e| Key(e.statistic)),
            f.er.map(|e| e.posts),
            authenticity,
            f.risks,
            Time(now),
        ])?;
    }
    Ok(n)
}

fn tier_rank(t: Tier) -> i64 {
    Tier::ALL.iter().position(|x| *x == t).unwrap_or(0) as i64
}

pub(crate) fn count(c: &Connection) -> Result<(u64, bool)> {
    Ok(c.query_row(
        "SELECT count(*), EXISTS (SELECT 1 FROM accounts WHERE is_demo = 1) FROM creator_facts",
        [],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?)
}

/// Declared rates of the other creators on `platform` in `tier` whose rate rests on
/// at least `min_posts` posts (fresh rows only).
pub(crate) fn peer_rates(
    c: &Connection,
    platform: Platform,
    tier: Tier,
    exclude: AccountId,
    min_posts: u32,
) -> Result<Vec<f64>> {
    let mut stmt = c.prepare_cached(
        "SELECT er_value FROM creator_facts
         WHERE platform = ?1 AND tier = ?2 AND er_value IS NOT NULL
           AND account_id != ?3 AND er_posts >= ?4 AND stale = 0",
    )?;
    let rows = stmt.query_map(params![Key(platform), Key(tier), exclude, min_posts], |r| {
        r.get(0)
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

fn brand_id(c: &Connection, name: &str) -> Result<i64> {
    c.prepare_cached("SELECT id FROM brands WHERE name = ?1")?
        .query_row([name], |r| r.get(0))
        .map_err(|e| match e {
            rusqlite::Error::QueryReturnedNoRows => {
                StoreError::not_found(format!("brand brief '{name}'"))
            }
            e => e.into(),
        })
}

/// Latest snapshots with no stored Fit for `key`, at most `limit`.
pub(crate) fn missing_fits(c: &Connection, key: &FitKey, limit: usize) -> Result<Vec<SnapshotId>> {
    let brand = brand_id(c, &key.brand)?;
    let mut stmt = c.prepare_cached(
        "SELECT f.snapshot_id FROM creator_facts f
         WHERE NOT EXISTS (SELECT 1 FROM creator_fit x
                           WHERE x.brand_id = ?1 AND x.brief_version = ?2
                             AND x.snapshot_id = f.snapshot_id)
         ORDER BY f.account_id LIMIT ?3",
    )?;
    let rows = stmt.query_map(
        params![brand, key.version, i64::try_from(limit).unwrap_or(i64::MAX)],
        |r| r.get(0),
    )?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The stored Fit of each of `ids` that has one for `key` (a snapshot scored
/// `NotEnoughData` has a row with no value); snapshots not scored yet are left out.
pub(crate) fn stored_fits(
    c: &Connection,
    key: &FitKey,
    ids: &[SnapshotId],
) -> Result<Vec<(SnapshotId, Option<f64>)>> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let brand = brand_id(c, &key.brand)?;
    let list = serde_json::to_string(&ids.iter().map(|i| i.get()).collect::<Vec<i64>>())
        .map_err(|e| StoreError::invalid(e.to_string()))?;
    let mut stmt = c.prepare_cached(
        "SELECT snapshot_id, fit FROM creator_fit
         WHERE brand_id = ?1 AND brief_version = ?2
           AND snapshot_id IN (SELECT value FROM json_each(?3))",
    )?;
    let rows = stmt.query_map(params![brand, key.version, list], |r| {
        Ok((r.get(0)?, r.get(1)?))
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub(crate) fn save_fits(
    c: &Connection,
    key: &FitKey,
    fits: &[(SnapshotId, Option<f64>)],
) -> Result<()> {
    let brand = brand_id(c, &key.brand)?;
    // Older versions of this brief are never read again.
    c.prepare_cached("DELETE FROM creator_fit WHERE brand_id = ?1 AND brief_version != ?2")?
        .execute(params![brand, key.version])?;
    let mut stmt = c.prepare_cached(
        "INSERT OR REPLACE INTO creator_fit (snapshot_id, brand_id, brief_version, fit)
         VALUES (?1, ?2, ?3, ?4)",
    )?;
    for (id, fit) in fits {
        let fit = fit.map(|v| real(v, "fit")).transpose()?;
        stmt.execute(params![id, brand, key.version, fit])?;
    }
    Ok(())
}

/// The `WHERE` clause, its parameters, and the Fit join, for `q`.
struct Filter {
    joins: String,
    clause: String,
    params: Vec<Value>,
}

fn escape_like(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('%');
    for ch in s.chars() {
        if matches!(ch, '%' | '_' | '\\') {
            out.push('\\');
        }
        out.push(ch.to_ascii_lowercase());
    }
    out.push('%');
    out
}

/// Conditions and their numbered parameters.
#[derive(Default)]
struct Conds {
    conds: Vec<String>,
    params: Vec<Value>,
}

impl Conds {
    /// Push a parameter; its placeholder.
    fn bind(&mut self, v: Value) -> String {
        self.params.push(v);
        format!("?{}", self.params.len())
    }

    fn push(&mut self, cond: String) {
        self.conds.push(cond);
    }

    fn range(&mut self, col: &str, lo: Option<Value>, hi: Option<Value>) {
        if let Some(lo) = lo {
            let ph = self.bind(lo);
            self.push(format!("{col} >= {ph}"));
        }
        if let Some(hi) = hi {
            let ph = self.bind(hi);
            self.push(format!("{col} <= {ph}"));
        }
    }
}

/// An enum's serde key as text (what `Key` stores).
fn key_text<T: Serialize>(v: &T) -> String {
    match serde_json::to_value(v) {
        Ok(serde_json::Value::String(s)) => s,
        _ => String::new(),
    }
}

fn filter(conn: &Connection, q: &CreatorQuery) -> Result<Filter> {
    let mut where_ = Conds::default();
    let mut joins = String::new();
    if let Some(p) = q.platform {
        let ph = where_.bind(Value::Text(key_text(&p)));
        where_.push(format!("f.platform = {ph}"));
    }
    if let Some(t) = q.tier {
        let ph = where_.bind(Value::Integer(tier_rank(t)));
        where_.push(format!("f.tier_rank = {ph}"));
    }
    let int = |v: u64| Value::Integer(i64::try_from(v).unwrap_or(i64::MAX));
    where_.range(
        "f.followers",
        q.min_followers.map(int),
        q.max_followers.map(int),
    );
    where_.range(
        "f.er_value",
        q.min_er.map(Value::Real),
        q.max_er.map(Value::Real),
    );
    where_.range(
        "f.authenticity",
        q.min_authenticity.map(Value::Real),
        q.max_authenticity.map(Value::Real),
    );
    if let Some(key) = &q.fit {
        let brand = where_.bind(Value::Integer(brand_id(conn, &key.brand)?));
        let version = where_.bind(Value::Text(key.version.clone()));
        joins = format!(
            " JOIN creator_fit fit ON fit.brand_id = {brand} AND fit.brief_version = {version}
                                 AND fit.snapshot_id = f.snapshot_id"
        );
        where_.range(
            "fit.fit",
            q.min_fit.map(Value::Real),
            q.max_fit.map(Value::Real),
        );
    } else if q.min_fit.is_some() || q.max_fit.is_some() || q.sort == SortColumn::Fit {
        return Err(StoreError::invalid(
            "a Fit filter or sort needs a brief: choose the brief Fit is scored against",
        ));
    }
    if q.shortlist.is_some() || q.status.is_some() || q.tag.is_some() {
        let mut inner = vec!["e.account_id = f.account_id".to_string()];
        if let Some(s) = q.shortlist {
            let ph = where_.bind(Value::Integer(s.get()));
            inner.push(format!("e.shortlist_id = {ph}"));
        }
        if let Some(s) = q.status {
            let ph = where_.bind(Value::Text(s.key().to_string()));
            inner.push(format!("e.status = {ph}"));
        }
        if let Some(tag) = &q.tag {
            let ph = where_.bind(Value::Text(tag.trim().to_string()));
            inner.push(format!(
                "EXISTS (SELECT 1 FROM json_each(e.tags_json) t WHERE t.value = {ph} COLLATE NOCASE)"
            ));
        }
        where_.push(format!(
            "EXISTS (SELECT 1 FROM shortlist_entries e WHERE {})",
            inner.join(" AND ")
        ));
    }
    if let Some(text) = q.text.as_deref().map(str::trim).filter(|t| !t.is_empty()) {
        let ph = where_.bind(Value::Text(escape_like(text.trim_start_matches('@'))));
        where_.push(format!(
            "(f.handle_key LIKE {ph} ESCAPE '\\' OR f.name_key LIKE {ph} ESCAPE '\\')"
        ));
    }
    let clause = if where_.conds.is_empty() {
        String::new()
    } else {
        format!(" WHERE {}", where_.conds.join(" AND "))
    };
    Ok(Filter {
        joins,
        clause,
        params: where_.params,
    })
}

const ROW_COLUMNS: &str = "f.account_id, f.snapshot_id, f.platform, a.handle, a.display_name, \
     a.url, a.avatar_url, a.is_demo, f.fetched_at, f.followers, f.tier, f.er_value, f.er_basis, \
     f.er_statistic, f.er_posts, f.authenticity, f.risks, f.stale";

fn row_from(r: &Row<'_>, has_fit: bool) -> rusqlite::Result<FactsRow> {
    let stale: bool = r.get(17)?;
    let er = match (
        r.get::<_, Option<f64>>(11)?,
        r.get::<_, Option<Key<Basis>>>(12)?,
        r.get::<_, Option<Key<Statistic>>>(13)?,
    ) {
        (Some(value), Some(basis), Some(statistic)) => Some(RateFact {
            value,
            basis: basis.0,
            statistic: statistic.0,
            posts: r.get::<_, Option<u32>>(14)?.unwrap_or(0),
        }),
        _ => None,
    };
    Ok(FactsRow {
        account_id: r.get(0)?,
        snapshot_id: r.get(1)?,
        platform: r.get::<_, Key<Platform>>(2)?.0,
        handle: r.get(3)?,
        display_name: r.get(4)?,
        url: r.get(5)?,
        avatar_url: r.get(6)?,
        is_demo: r.get(7)?,
        fetched_at: r.get::<_, Time>(8)?.0,
        followers: r.get(9)?,
        tier: r.get::<_, Option<Key<Tier>>>(10)?.map(|k| k.0),
        er,
        authenticity: r.get(15)?,
        risks: if stale { None } else { r.get(16)? },
        fit: if has_fit { r.get(18)? } else { None },
    })
}

pub(crate) fn page(c: &Connection, q: &CreatorQuery) -> Result<FactsPage> {
    let f = filter(c, q)?;
    let (expr, nullable) = q.sort.expr();
    let (total, non_null): (u64, u64) = c
        .prepare_cached(&format!(
            "SELECT count(*), count({expr}) FROM creator_facts f{}{}",
            f.joins, f.clause
        ))?
        .query_row(params_from_iter(f.params.iter()), |r| {
            Ok((r.get(0)?, r.get(1)?))
        })?;
    let dir = if q.desc { "DESC" } else { "ASC" };
    let has_fit = q.fit.is_some();
    let fit_col = if has_fit { ", fit.fit" } else { "" };
    let and_or_where = |extra: &str| {
        if f.clause.is_empty() {
            format!(" WHERE {extra}")
        } else {
            format!("{} AND {extra}", f.clause)
        }
    };
    let select = |clause: &str, order: &str, limit: u64, offset: u64| -> Result<Vec<FactsRow>> {
        let mut params = f.params.clone();
        params.push(Value::Integer(i64::try_from(limit).unwrap_or(i64::MAX)));
        params.push(Value::Integer(i64::try_from(offset).unwrap_or(i64::MAX)));
        let n = params.len();
        // The page's ids first, from the facts table and its indexes alone; the
        // accounts are joined to those rows only (joining before the sort would look
        // up every matching account: seconds for a wide filter at 100,000).
        let joins = &f.joins;
        let sql = format!(
            "SELECT {ROW_COLUMNS}{fit_col} FROM (
                 SELECT f.account_id AS pick FROM creator_facts f{joins}{clause}
                 ORDER BY {order} LIMIT ?{} OFFSET ?{n}
             ) page
             JOIN creator_facts f ON f.account_id = page.pick
             JOIN accounts a ON a.id = f.account_id{joins}
             ORDER BY {order}",
            n - 1
        );
        let mut stmt = c.prepare_cached(&sql)?;
        let rows = stmt.query_map(params_from_iter(params.iter()), |r| row_from(r, has_fit))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    };
    let limit = u64::from(q.limit);
    let mut rows = Vec::new();
    if nullable {
        // Known values first in the asked order, then the unknown ones, so each part
        // walks its index (SQLite keeps NULLs first in an index).
        if q.offset < non_null {
            rows = select(
                &and_or_where(&format!("{expr} IS NOT NULL")),
                &format!("{expr} {dir}, f.account_id {dir}"),
                limit,
                q.offset,
            )?;
        }
        let got = rows.len() as u64;
        if got < limit && q.offset + got < total {
            let offset = q.offset.saturating_sub(non_null);
            rows.extend(select(
                &and_or_where(&format!("{expr} IS NULL")),
                &format!("f.account_id {dir}"),
                limit - got,
                offset,
            )?);
        }
    } else {
        rows = select(
            &f.clause,
            &format!("{expr} {dir}, f.account_id {dir}"),
            limit,
            q.offset,
        )?;
    }
    Ok(FactsPage { rows, total })
}

/// The query plan of a page's id query (the part that walks the indexes), for tests
/// that check the indexes are used.
#[cfg(test)]
pub(crate) fn plan(c: &Connection, q: &CreatorQuery) -> Result<Vec<String>> {
    let f = filter(c, q)?;
    let (expr, _) = q.sort.expr();
    let dir = if q.desc { "DESC" } else { "ASC" };
    let sql = format!(
        "EXPLAIN QUERY PLAN SELECT f.account_id FROM creator_facts f{}{}
         ORDER BY {expr} {dir}, f.account_id {dir} LIMIT 50",
        f.joins, f.clause
    );
    let mut stmt = c.prepare(&sql)?;
    let rows = stmt.query_map(params_from_iter(f.params.iter()), |r| r.get::<_, String>(3))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Store;
    use crate::testdata::at;
    use scout_core::{Profile, Snapshot};

    fn snap(
        platform: Platform,
        id: &str,
        name: Option<&str>,
        followers: Option<u64>,
        when: &str,
    ) -> Snapshot {
        let profile = Profile {
            id: id.into(),
            handle: id.into(),
            display_name: name.map(str::to_string),
            url: format!("https://example.test/{id}"),
            followers,
            ..Profile::default()
        };
        Snapshot::new(platform, profile, at(when))
    }

    fn rate(value: f64) -> RateFact {
        RateFact {
            value,
            basis: Basis::PerFollower,
            statistic: Statistic::Median,
            posts: 20,
        }
    }

    /// Compute every stale row with `f(snapshot id)`.
    fn compute(store: &mut Store, f: impl Fn(SnapshotId) -> CreatorFacts) {
        let stale = store.stale_facts(1_000).unwrap();
        let facts: Vec<_> = stale.into_iter().map(|(_, s)| f(s)).collect();
        store.save_facts(&facts).unwrap();
    }

    /// Six creators: followers 100…600 (one unknown), rates falling with followers.
    fn workspace() -> (Store, Vec<AccountId>) {
        let mut store = Store::open_in_memory().unwrap();
        let mut ids = Vec::new();
        for (i, (p, f)) in [
            (Platform::Bluesky, Some(300)),
            (Platform::Youtube, Some(100)),
            (Platform::Bluesky, None),
            (Platform::Bluesky, Some(600)),
            (Platform::Youtube, Some(500)),
            (Platform::Bluesky, Some(300)),
        ]
        .into_iter()
        .enumerate()
        {
            let name = (i % 2 == 0).then(|| format!("Zed {i}"));
            let id = store
                .save_snapshot(
                    &snap(
                        p,
                        &format!("acct{i}"),
                        name.as_deref(),
                        f,
                        "2025-01-01T00:00:00Z",
                    ),
                    &[],
                    false,
                )
                .unwrap();
            ids.push(store.snapshot_meta(id).unwrap().account_id);
        }
        compute(&mut store, |s| CreatorFacts {
            snapshot_id: s,
            tier: Some(if s.get() % 2 == 0 {
                Tier::Micro
            } else {
                Tier::Nano
            }),
            er: (s.get() != 2).then(|| rate(0.01 * s.get() as f64)),
            authenticity: Some(50.0 + s.get() as f64),
            risks: u32::try_from(s.get() % 3).unwrap(),
        });
        (store, ids)
    }

    fn handles(page: &FactsPage) -> Vec<&str> {
        page.rows.iter().map(|r| r.handle.as_str()).collect()
    }

    fn q(sort: SortColumn, desc: bool) -> CreatorQuery {
        CreatorQuery {
            sort,
            desc,
            limit: 50,
            ..CreatorQuery::default()
        }
    }

    #[test]
    fn a_saved_snapshot_makes_its_row_stale_until_computed() {
        let mut store = Store::open_in_memory().unwrap();
        let first = store
            .save_snapshot(
                &snap(
                    Platform::Bluesky,
                    "a",
                    None,
                    Some(10),
                    "2025-01-02T00:00:00Z",
                ),
                &[],
                false,
            )
            .unwrap();
        assert_eq!(store.count_stale_facts().unwrap(), 1);
        compute(&mut store, |s| CreatorFacts {
            snapshot_id: s,
            tier: Some(Tier::Nano),
            er: Some(rate(0.02)),
            authenticity: Some(80.0),
            risks: 1,
        });
        assert_eq!(store.count_stale_facts().unwrap(), 0);
        let page = store
            .creators_page(&q(SortColumn::Followers, true))
            .unwrap();
        assert_eq!(page.total, 1);
        assert_eq!(page.rows[0].snapshot_id, first);
        assert_eq!(page.rows[0].risks, Some(1));
        assert_eq!(page.rows[0].er, Some(rate(0.02)));

        // An older snapshot saved later keeps the newest as the row's snapshot, but the
        // history changed, so the figures are recomputed.
        store
            .save_snapshot(
                &snap(
                    Platform::Bluesky,
                    "a",
                    None,
                    Some(5),
                    "2025-01-01T00:00:00Z",
                ),
                &[],
                false,
            )
            .unwrap();
        let row = &store
            .creators_page(&q(SortColumn::Followers, true))
            .unwrap()
            .rows[0];
        assert_eq!(
            (row.snapshot_id, row.followers, row.risks),
            (first, Some(10), None)
        );
        // A newer one moves the row; figures computed for the old snapshot do not clear it.
        let newer = store
            .save_snapshot(
                &snap(
                    Platform::Bluesky,
                    "a",
                    Some("Al"),
                    Some(20),
                    "2025-01-03T00:00:00Z",
                ),
                &[],
                false,
            )
            .unwrap();
        let stale_fact = CreatorFacts {
            snapshot_id: first,
            tier: None,
            er: None,
            authenticity: None,
            risks: 0,
        };
        assert_eq!(store.save_facts(&[stale_fact]).unwrap(), 0);
        let row = &store
            .creators_page(&q(SortColumn::Followers, true))
            .unwrap()
            .rows[0];
        assert_eq!((row.snapshot_id, row.followers), (newer, Some(20)));
        assert_eq!(row.display_name.as_deref(), Some("Al"));
        assert_eq!(
            store.stale_facts(10).unwrap(),
            vec![(row.account_id, newer)]
        );
    }

    #[test]
    fn sorts_put_unknown_values_last_and_break_ties_by_id() {
        let (store, _) = workspace();
        let desc = store
            .creators_page(&q(SortColumn::Followers, true))
            .unwrap();
        assert_eq!(
            handles(&desc),
            ["acct3", "acct4", "acct5", "acct0", "acct1", "acct2"]
        );
        let asc = store
            .creators_page(&q(SortColumn::Followers, false))
            .unwrap();
        assert_eq!(
            handles(&asc),
            ["acct1", "acct0", "acct5", "acct4", "acct3", "acct2"]
        );
        // Unknown ER (acct1 = snapshot 2) last both ways.
        let er = store.creators_page(&q(SortColumn::Er, false)).unwrap();
        assert_eq!(
            handles(&er),
            ["acct0", "acct2", "acct3", "acct4", "acct5", "acct1"]
        );
        // Name: display name, else handle.
        let name = store.creators_page(&q(SortColumn::Name, false)).unwrap();
        assert_eq!(
            handles(&name),
            ["acct1", "acct3", "acct5", "acct0", "acct2", "acct4"]
        );
        let tier = store.creators_page(&q(SortColumn::Tier, true)).unwrap();
        assert_eq!(
            handles(&tier),
            ["acct5", "acct3", "acct1", "acct4", "acct2", "acct0"]
        );
    }

    #[test]
    fn pages_cross_from_known_to_unknown_values() {
        let (store, _) = workspace();
        let mut seen = Vec::new();
        for offset in (0..6).step_by(4) {
            let page = store
                .creators_page(&CreatorQuery {
                    limit: 4,
                    offset,
                    ..q(SortColumn::Followers, true)
                })
                .unwrap();
            assert_eq!(page.total, 6);
            seen.extend(handles(&page).into_iter().map(str::to_string));
        }
        assert_eq!(seen, ["acct3", "acct4", "acct5", "acct0", "acct1", "acct2"]);
        let past = store
            .creators_page(&CreatorQuery {
                offset: 9,
                ..q(SortColumn::Followers, true)
            })
            .unwrap();
        assert_eq!((past.rows.len(), past.total), (0, 6));
    }

    #[test]
    fn filters_combine_and_count_every_match() {
        let (mut store, ids) = workspace();
        let page = store
            .creators_page(&CreatorQuery {
                platform: Some(Platform::Bluesky),
                min_followers: Some(300),
                ..q(SortColumn::Followers, true)
            })
            .unwrap();
        assert_eq!(handles(&page), ["acct3", "acct5", "acct0"]);
        assert_eq!(page.total, 3);
        let page = store
            .creators_page(&CreatorQuery {
                tier: Some(Tier::Micro),
                min_er: Some(0.035),
                max_authenticity: Some(55.5),
                ..q(SortColumn::Er, true)
            })
            .unwrap();
        assert_eq!(handles(&page), ["acct3"]);
        let page = store
            .creators_page(&CreatorQuery {
                text: Some("ZED 4".into()),
                ..q(SortColumn::Followers, true)
            })
            .unwrap();
        assert_eq!(handles(&page), ["acct4"]);
        // LIKE wildcards are literal.
        let page = store
            .creators_page(&CreatorQuery {
                text: Some("acct_".into()),
                ..q(SortColumn::Followers, true)
            })
            .unwrap();
        assert_eq!(page.total, 0);

        let list = store.create_shortlist("Spring", None).unwrap();
        store.add_to_shortlist(list, ids[1]).unwrap();
        store.add_to_shortlist(list, ids[4]).unwrap();
        store
            .set_entry_status(list, ids[4], ShortlistStatus::Approved)
            .unwrap();
        store
            .set_entry_tags(list, ids[1], &["Vegan".to_string()])
            .unwrap();
        let on = |q: CreatorQuery| {
            handles(&store.creators_page(&q).unwrap())
                .into_iter()
                .map(str::to_string)
                .collect::<Vec<_>>()
        };
        assert_eq!(
            on(CreatorQuery {
                shortlist: Some(list),
                ..q(SortColumn::Followers, true)
            }),
            ["acct4", "acct1"]
        );
        assert_eq!(
            on(CreatorQuery {
                status: Some(ShortlistStatus::Approved),
                ..q(SortColumn::Followers, true)
            }),
            ["acct4"]
        );
        assert_eq!(
            on(CreatorQuery {
                tag: Some("vegan".into()),
                ..q(SortColumn::Followers, true)
            }),
            ["acct1"]
        );
    }

    #[test]
    fn fit_is_read_for_one_brief_version() {
        let (mut store, _) = workspace();
        store
            .save_brand("Acme", &serde_json::json!({"name": "Acme"}))
            .unwrap();
        let key = FitKey {
            brand: "Acme".into(),
            version: "v1".into(),
        };
        assert!(matches!(
            store.creators_page(&q(SortColumn::Fit, true)),
            Err(StoreError::Invalid { .. })
        ));
        let missing = store.missing_fits(&key, 100).unwrap();
        assert_eq!(missing.len(), 6);
        let fits: Vec<_> = missing
            .iter()
            .map(|s| (*s, (s.get() != 3).then_some(s.get() as f64 * 10.0)))
            .collect();
        store.save_fits(&key, &fits).unwrap();
        assert!(store.missing_fits(&key, 100).unwrap().is_empty());
        let page = store
            .creators_page(&CreatorQuery {
                fit: Some(key.clone()),
                min_fit: Some(20.0),
                ..q(SortColumn::Fit, true)
            })
            .unwrap();
        assert_eq!(handles(&page), ["acct5", "acct4", "acct3", "acct1"]);
        assert_eq!(page.rows[0].fit, Some(60.0));
        // A new version needs its own scores.
        let v2 = FitKey {
            version: "v2".into(),
            ..key
        };
        assert_eq!(store.missing_fits(&v2, 100).unwrap().len(), 6);
    }

    #[test]
    fn peers_are_the_same_platform_and_tier_without_the_creator() {
        let (mut store, ids) = workspace();
        // Bluesky micro (even snapshot ids): acct1 (s2, no rate), acct3 (s4), acct5 (s6).
        let mut got = store
            .peer_rates(Platform::Bluesky, Tier::Micro, ids[3], 5)
            .unwrap();
        got.sort_by(f64::total_cmp);
        assert_eq!(got, [0.06]);
        assert_eq!(
            store
                .peer_rates(Platform::Bluesky, Tier::Micro, ids[0], 21)
                .unwrap(),
            Vec::<f64>::new()
        );
        // Stale rows are not peers.
        store.mark_facts_stale().unwrap();
        assert!(
            store
                .peer_rates(Platform::Bluesky, Tier::Micro, ids[0], 5)
                .unwrap()
                .is_empty()
        );
    }

    #[test]
    fn sorted_pages_walk_an_index() {
        let (store, _) = workspace();
        for col in SortColumn::ALL
            .into_iter()
            .filter(|c| *c != SortColumn::Fit)
        {
            for desc in [false, true] {
                let plan = plan(&store.conn, &q(col, desc)).unwrap().join("\n");
                assert!(
                    !plan.contains("TEMP B-TREE"),
                    "{col:?} desc={desc}:\n{plan}"
                );
            }
        }
        let plan = plan(
            &store.conn,
            &CreatorQuery {
                platform: Some(Platform::Youtube),
                ..q(SortColumn::Followers, true)
            },
        )
        .unwrap()
        .join("\n");
        assert!(
            plan.contains("creator_facts_by_platform_followers"),
            "{plan}"
        );
    }

    #[test]
    fn removing_demo_snapshots_of_a_real_account_keeps_its_row() {
        let mut store = Store::open_in_memory().unwrap();
        store
            .save_snapshot(
                &snap(
                    Platform::Bluesky,
                    "a",
                    None,
                    Some(10),
                    "2025-01-01T00:00:00Z",
                ),
                &[],
                false,
            )
            .unwrap();
        store
            .save_snapshot(
                &snap(
                    Platform::Bluesky,
                    "a",
                    None,
                    Some(99),
                    "2025-02-01T00:00:00Z",
                ),
                &[],
                true,
            )
            .unwrap();
        store
            .save_snapshot(
                &snap(
                    Platform::Bluesky,
                    "d",
                    None,
                    Some(5),
                    "2025-02-01T00:00:00Z",
                ),
                &[],
                true,
            )
            .unwrap();
        store.clear_demo().unwrap();
        let page = store
            .creators_page(&q(SortColumn::Followers, true))
            .unwrap();
        assert_eq!(handles(&page), ["a"]);
        assert_eq!(page.rows[0].followers, Some(10));
        assert_eq!(store.creator_count().unwrap(), (1, false));
    }
}
