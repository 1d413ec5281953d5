//! Discovery tables: runs, discovered creators (paged and filtered in SQL),
//! results per run, saved searches, dismissals per brief and identity links.
//!
//! Main types: [`DiscoveredInput`] (what a run writes per creator),
//! [`DiscoveredRow`] (what a page shows), [`DiscoveredQuery`] (filters, order,
//! page), [`DiscoveryRunRow`], [`SavedSearchRow`], [`LinkRow`].

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use rusqlite::{Connection, OptionalExtension, Row, params};
use scout_core::Platform;
use serde::{Deserialize, Serialize};

use scout_core::checks::benchmarks::{Basis, Statistic};

use crate::codec::{Key, Time};
use crate::error::{Result, StoreError};

/// One creator as a run found it (written by [`crate::Store::finish_discovery_run`]).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DiscoveredInput {
    /// Platform.
    pub platform: Platform,
    /// Stable platform id.
    pub platform_id: String,
    /// Handle.
    pub handle: String,
    /// Display name.
    pub display_name: Option<String>,
    /// Followers, where known.
    pub followers: Option<u64>,
    /// Language (declared or detected).
    pub language: Option<String>,
    /// Country, where given.
    pub country: Option<String>,
    /// Last activity.
    pub last_active: Option<DateTime<Utc>>,
    /// Ranking score.
    pub score: f64,
    /// The full candidate with reasons, as JSON (the façade's type).
    pub data: String,
}

/// A discovered creator in a result page: what the run found, its row id, and
/// whether the run asked for found it first.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DiscoveredRow {
    /// Row id.
    pub id: i64,
    /// What was found (score: of the run asked for, or the latest).
    #[serde(flatten)]
    pub found: DiscoveredInput,
    /// First found by the run asked for (new since the previous runs).
    pub is_new: bool,
    /// The creator's figures when it has been vetted (the Creators table's facts).
    pub vetted: Option<VettedFacts>,
}

/// What the workspace knows of a discovered creator once vetted.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct VettedFacts {
    /// The stored creator.
    pub account_id: i64,
    /// The declared engagement rate the Creators table shows, if computed.
    pub er: Option<crate::facts::RateFact>,
    /// Authenticity 0–100, as shown.
    pub authenticity: Option<f64>,
}

/// Filters, order and page of a discovered-creators query. Every filter runs in SQL.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct DiscoveredQuery {
    /// Only the results of this run (else every discovered creator).
    pub run_id: Option<i64>,
    /// Only these platforms (empty = all).
    pub platforms: Vec<Platform>,
    /// Followers at least.
    pub min_followers: Option<u64>,
    /// Followers at most.
    pub max_followers: Option<u64>,
    /// Language code.
    pub language: Option<String>,
    /// Country code.
    pub country: Option<String>,
    /// Active on or after.
    pub active_since: Option<DateTime<Utc>>,
    /// Declared engagement rate at least (a fraction; only vetted creators pass).
    pub min_er: Option<f64>,
    /// Declared engagement rate at most (a fraction; only vetted creators pass).
    pub max_er: Option<f64>,
    /// Leave out creators dismissed for this brief (`""` = dismissed without a brief).
    pub hide_dismissed_for: Option<String>,
    /// Only creators new in `run_id`.
    pub only_new: bool,
    /// Page offset.
    pub offset: usize,
    /// Page size (0 = 50).
    pub limit: usize,
}

/// A discovery run.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DiscoveryRunRow {
    /// Id.
    pub id: i64,
    /// Query (or the seed, for a `like` run).
    pub query: String,
    /// `search` or `like`.
    pub kind: String,
    /// Platforms asked (JSON array).
    pub platforms: String,
    /// Brief.
    pub brief: Option<String>,
    /// Saved search it belongs to.
    pub saved_search_id: Option<i64>,
    /// Start.
    pub started_at: DateTime<Utc>,
    /// End.
    pub finished_at: Option<DateTime<Utc>>,
    /// Per-source outcomes (JSON).
    pub outcomes: String,
}

/// A saved search.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SavedSearchRow {
    /// Id.
    pub id: i64,
    /// Name.
    pub name: String,
    /// Query.
    pub query: String,
    /// Platforms (JSON array).
    pub platforms: String,
    /// Filters (JSON).
    pub filters: String,
    /// Brief.
    pub brief: Option<String>,
    /// Created.
    pub created_at: DateTime<Utc>,
}

/// A cross-platform identity link from account A to account B.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LinkRow {
    /// Id.
    pub id: i64,
    /// A's platform.
    pub a_platform: Platform,
    /// A's id.
    pub a_id: String,
    /// B's platform.
    pub b_platform: Platform,
    /// B's id.
    pub b_id: String,
    /// B's handle.
    pub b_handle: String,
    /// `confirmed`, `likely`, `possible`.
    pub confidence: String,
    /// Evidence sentences.
    pub evidence: Vec<String>,
    /// `suggested`, `accepted`, `rejected`.
    pub decision: String,
}

fn u64_col(v: Option<i64>) -> Option<u64> {
    v.and_then(|n| u64::try_from(n).ok())
}

fn i64_of(v: Option<u64>) -> Result<Option<i64>> {
    v.map(|n| i64::try_from(n).map_err(|_| StoreError::invalid(format!("count {n} is too large"))))
        .transpose()
}

pub(crate) fn start_run(
    c: &Connection,
    query: &str,
    kind: &str,
    platforms: &str,
    brief: Option<&str>,
    saved: Option<i64>,
    now: DateTime<Utc>,
) -> Result<i64> {
    Ok(c.prepare_cached(
        "INSERT INTO discovery_runs (query, kind, platforms, brief, saved_search_id, started_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6) RETURNING id",
    )?
    .query_row(
        params![query, kind, platforms, brief, saved, Time(now)],
        |r| r.get(0),
    )?)
}

/// Upsert every creator of a run and record its results, in one transaction.
/// A creator seen before keeps its `first_run_id`; `is_new` says it was first found now.
pub(crate) fn finish_run(
    c: &Connection,
    run: i64,
    outcomes: &str,
    found: &[DiscoveredInput],
    now: DateTime<Utc>,
) -> Result<usize> {
    let updated = c.execute(
        "UPDATE discovery_runs SET finished_at = ?2, outcomes = ?3 WHERE id = ?1",
        params![run, Time(now), outcomes],
    )?;
    if updated == 0 {
        return Err(StoreError::invalid(format!("no discovery run {run}")));
    }
    let mut upsert = c.prepare_cached(
        "INSERT INTO discovered (platform, platform_id, handle, display_name, followers, language,
             country, last_active, score, data, first_run_id, last_run_id)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?11)
         ON CONFLICT (platform, platform_id) DO UPDATE SET
             handle = excluded.handle,
             display_name = COALESCE(excluded.display_name, discovered.display_name),
             followers = COALESCE(excluded.followers, discovered.followers),
             language = COALESCE(excluded.language, discovered.language),
             country = COALESCE(excluded.country, discovered.country),
             last_active = COALESCE(excluded.last_active, discovered.last_active),
             score = excluded.score,
             data = excluded.data,
             last_run_id = excluded.last_run_id
         RETURNING id, first_run_id",
    )?;
    let mut result = c.prepare_cached(
        "INSERT OR REPLACE INTO discovery_results (run_id, discovered_id, rank, score, is_new)
         VALUES (?1, ?2, ?3, ?4, ?5)",
    )?;
    let mut new = 0;
    for (rank, d) in found.iter().enumerate() {
        let (id, first): (i64, Option<i64>) = upsert.query_row(
            params![
                Key(d.platform),
                d.platform_id,
                d.handle,
                d.display_name,
                i64_of(d.followers)?,
                d.language,
                d.country,
                d.last_active.map(Time),
                d.score,
                d.data,
                run
            ],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?;
        let is_new = first == Some(run);
        new += usize::from(is_new);
        result.execute(params![run, id, rank as i64, d.score, is_new])?;
    }
    Ok(new)
}

const ROW_COLUMNS: &str = "d.id, d.platform, d.platform_id, d.handle, d.display_name, d.followers, d.language, d.country, d.last_active";
/// The vetted creator behind a discovered one (by platform and exact platform id, the
/// accounts' unique key) and its Creators-table facts; its columns follow the row's.
const VETTED_JOIN: &str = "LEFT JOIN accounts a ON a.platform = d.platform AND a.platform_id = d.platform_id \
     LEFT JOIN creator_facts f ON f.account_id = a.id";
const VETTED_COLUMNS: &str =
    "a.id, f.er_value, f.er_basis, f.er_statistic, f.er_posts, f.authenticity";

fn discovered_from(r: &Row<'_>) -> rusqlite::Result<DiscoveredRow> {
    Ok(DiscoveredRow {
        id: r.get(0)?,
        found: DiscoveredInput {
            platform: r.get::<_, Key<Platform>>(1)?.0,
            platform_id: r.get(2)?,
            handle: r.get(3)?,
            display_name: r.get(4)?,
            followers: u64_col(r.get(5)?),
            language: r.get(6)?,
            country: r.get(7)?,
            last_active: r.get::<_, Option<Time>>(8)?.map(|t| t.0),
            score: r.get(9)?,
            data: r.get(10)?,
        },
        is_new: r.get::<_, i64>(11)? != 0,
        vetted: vetted_from(r, 12)?,
    })
}

fn vetted_from(r: &Row<'_>, at: usize) -> rusqlite::Result<Option<VettedFacts>> {
    let Some(account_id) = r.get::<_, Option<i64>>(at)? else {
        return Ok(None);
    };
    let er = match (
        r.get::<_, Option<f64>>(at + 1)?,
        r.get::<_, Option<Key<Basis>>>(at + 2)?,
        r.get::<_, Option<Key<Statistic>>>(at + 3)?,
    ) {
        (Some(value), Some(basis), Some(statistic)) => Some(crate::facts::RateFact {
            value,
            basis: basis.0,
            statistic: statistic.0,
            posts: r.get::<_, Option<u32>>(at + 4)?.unwrap_or(0),
        }),
        _ => None,
    };
    Ok(Some(VettedFacts {
        account_id,
        er,
        authenticity: r.get(at + 5)?,
    }))
}

fn where_clause(q: &DiscoveredQuery, args: &mut Vec<Box<dyn rusqlite::ToSql>>) -> String {
    let mut conds: Vec<String> = Vec::new();
    let push = |args: &mut Vec<Box<dyn rusqlite::ToSql>>, v: Box<dyn rusqlite::ToSql>| {
        args.push(v);
        format!("?{}", args.len())
    };
    if let Some(run) = q.run_id {
        let p = push(args, Box::new(run));
        conds.push(format!("r.run_id = {p}"));
        if q.only_new {
            conds.push("r.is_new = 1".into());
        }
    }
    if !q.platforms.is_empty() {
        let ps: Vec<String> = q
            .platforms
            .iter()
            .map(|p| push(args, Box::new(p.key().to_string())))
            .collect();
        conds.push(format!("d.platform IN ({})", ps.join(", ")));
    }
    if let Some(min) = q.min_followers {
        let p = push(args, Box::new(i64::try_from(min).unwrap_or(i64::MAX)));
        conds.push(format!("d.followers >= {p}"));
    }
    if let Some(max) = q.max_followers {
        let p = push(args, Box::new(i64::try_from(max).unwrap_or(i64::MAX)));
        conds.push(format!("d.followers <= {p}"));
    }
    if let Some(lang) = &q.language {
        let p = push(args, Box::new(lang.to_lowercase()));
        conds.push(format!("lower(d.language) = {p}"));
    }
    if let Some(country) = &q.country {
        let p = push(args, Box::new(country.to_uppercase()));
        conds.push(format!("upper(d.country) = {p}"));
    }
    if let Some(since) = q.active_since {
        let p = push(args, Box::new(crate::codec::format_time(since)));
        conds.push(format!("d.last_active >= {p}"));
    }
    if let Some(min) = q.min_er {
        let p = push(args, Box::new(min));
        conds.push(format!("f.er_value >= {p}"));
    }
    if let Some(max) = q.max_er {
        let p = push(args, Box::new(max));
        conds.push(format!("f.er_value <= {p}"));
    }
    if let Some(brief) = &q.hide_dismissed_for {
        let p = push(args, Box::new(brief.clone()));
        conds.push(format!(
            "NOT EXISTS (SELECT 1 FROM dismissals x WHERE x.discovered_id = d.id AND x.brief = {p})"
        ));
    }
    if conds.is_empty() {
        String::new()
    } else {
        format!("WHERE {}", conds.join(" AND "))
    }
}

/// One page of discovered creators, best first, and the total matching.
pub(crate) fn page(c: &Connection, q: &DiscoveredQuery) -> Result<(Vec<DiscoveredRow>, usize)> {
    let mut args: Vec<Box<dyn rusqlite::ToSql>> = Vec::new();
    let from = if q.run_id.is_some() {
        format!(
            "FROM discovery_results r JOIN discovered d ON d.id = r.discovered_id {VETTED_JOIN}"
        )
    } else {
        format!("FROM discovered d {VETTED_JOIN}")
    };
    let (score, new, order) = if q.run_id.is_some() {
        ("r.score", "r.is_new", "r.rank, d.id")
    } else {
        ("d.score", "0", "d.score DESC, d.id")
    };
    let filter = where_clause(q, &mut args);
    let refs: Vec<&dyn rusqlite::ToSql> = args.iter().map(AsRef::as_ref).collect();
    let total: i64 = c
        .prepare(&format!("SELECT count(*) {from} {filter}"))?
        .query_row(refs.as_slice(), |r| r.get(0))?;
    let limit = if q.limit == 0 { 50 } else { q.limit };
    let sql = format!(
        "SELECT {ROW_COLUMNS}, {score}, d.data, {new}, {VETTED_COLUMNS} {from} {filter} ORDER BY {order} LIMIT {limit} OFFSET {}",
        q.offset
    );
    let rows = c
        .prepare(&sql)?
        .query_map(refs.as_slice(), discovered_from)?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok((rows, usize::try_from(total).unwrap_or(0)))
}

pub(crate) fn discovered_by_id(c: &Connection, id: i64) -> Result<Option<DiscoveredRow>> {
    Ok(c.prepare_cached(&format!(
        "SELECT {ROW_COLUMNS}, d.score, d.data, 0, {VETTED_COLUMNS} FROM discovered d {VETTED_JOIN} WHERE d.id = ?1"
    ))?
    .query_row([id], discovered_from)
    .optional()?)
}

pub(crate) fn discovered_by_key(
    c: &Connection,
    platform: Platform,
    id: &str,
) -> Result<Option<DiscoveredRow>> {
    Ok(c.prepare_cached(&format!(
        "SELECT {ROW_COLUMNS}, d.score, d.data, 0, {VETTED_COLUMNS} FROM discovered d {VETTED_JOIN} WHERE d.platform = ?1 AND lower(d.platform_id) = lower(?2)"
    ))?
    .query_row(params![Key(platform), id], discovered_from)
    .optional()?)
}

pub(crate) fn dismiss(
    c: &Connection,
    ids: &[i64],
    brief: &str,
    now: DateTime<Utc>,
) -> Result<usize> {
    let mut stmt = c.prepare_cached(
        "INSERT OR IGNORE INTO dismissals (discovered_id, brief, dismissed_at) VALUES (?1, ?2, ?3)",
    )?;
    let mut n = 0;
    for id in ids {
        n += stmt.execute(params![id, brief, Time(now)])?;
    }
    Ok(n)
}

fn run_from(r: &Row<'_>) -> rusqlite::Result<DiscoveryRunRow> {
    Ok(DiscoveryRunRow {
        id: r.get(0)?,
        query: r.get(1)?,
        kind: r.get(2)?,
        platforms: r.get(3)?,
        brief: r.get(4)?,
        saved_search_id: r.get(5)?,
        started_at: r.get::<_, Time>(6)?.0,
        finished_at: r.get::<_, Option<Time>>(7)?.map(|t| t.0),
        outcomes: r.get(8)?,
    })
}

const RUN_COLUMNS: &str =
    "id, query, kind, platforms, brief, saved_search_id, started_at, finished_at, outcomes";

pub(crate) fn runs(c: &Connection, limit: usize) -> Result<Vec<DiscoveryRunRow>> {
    Ok(c.prepare_cached(&format!(
        "SELECT {RUN_COLUMNS} FROM discovery_runs ORDER BY started_at DESC, id DESC LIMIT ?1"
    ))?
    .query_map([limit as i64], run_from)?
    .collect::<rusqlite::Result<_>>()?)
}

pub(crate) fn run(c: &Connection, id: i64) -> Result<Option<DiscoveryRunRow>> {
    Ok(c.prepare_cached(&format!(
        "SELECT {RUN_COLUMNS} FROM discovery_runs WHERE id = ?1"
    ))?
    .query_row([id], run_from)
    .optional()?)
}

pub(crate) fn save_search(
    c: &Connection,
    name: &str,
    query: &str,
    platforms: &str,
    filters: &str,
    brief: Option<&str>,
    now: DateTime<Utc>,
) -> Result<i64> {
    if name.trim().is_empty() {
        return Err(StoreError::invalid("a saved search needs a name"));
    }
    Ok(c.prepare_cached(
        "INSERT INTO saved_searches (name, query, platforms, filters, brief, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)
         ON CONFLICT (name) DO UPDATE SET query = excluded.query, platforms = excluded.platforms,
             filters = excluded.filters, brief = excluded.brief
         RETURNING id",
    )?
    .query_row(
        params![name.trim(), query, platforms, filters, brief, Time(now)],
        |r| r.get(0),
    )?)
}

fn saved_from(r: &Row<'_>) -> rusqlite::Result<SavedSearchRow> {
    Ok(SavedSearchRow {
        id: r.get(0)?,
        name: r.get(1)?,
        query: r.get(2)?,
        platforms: r.get(3)?,
        filters: r.get(4)?,
        brief: r.get(5)?,
        created_at: r.get::<_, Time>(6)?.0,
    })
}

pub(crate) fn saved_searches(c: &Connection) -> Result<Vec<SavedSearchRow>> {
    Ok(c.prepare_cached(
        "SELECT id, name, query, platforms, filters, brief, created_at FROM saved_searches ORDER BY name",
    )?
    .query_map([], saved_from)?
    .collect::<rusqlite::Result<_>>()?)
}

pub(crate) fn saved_search(c: &Connection, name: &str) -> Result<Option<SavedSearchRow>> {
    Ok(c.prepare_cached(
        "SELECT id, name, query, platforms, filters, brief, created_at FROM saved_searches WHERE name = ?1",
    )?
    .query_row([name.trim()], saved_from)
    .optional()?)
}

/// Store suggested links, keeping a decision the user already made.
pub(crate) fn upsert_links(c: &Connection, links: &[LinkRow], now: DateTime<Utc>) -> Result<()> {
    let mut stmt = c.prepare_cached(
        "INSERT INTO linked_accounts (a_platform, a_id, b_platform, b_id, b_handle, confidence, evidence, decision, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, 'suggested', ?8)
         ON CONFLICT (a_platform, a_id, b_platform, b_id) DO UPDATE SET
             b_handle = excluded.b_handle, confidence = excluded.confidence,
             evidence = excluded.evidence, updated_at = excluded.updated_at",
    )?;
    for l in links {
        let evidence = crate::codec::to_json(&l.evidence, "link evidence")?;
        stmt.execute(params![
            Key(l.a_platform),
            l.a_id,
            Key(l.b_platform),
            l.b_id,
            l.b_handle,
            l.confidence,
            evidence,
            Time(now)
        ])?;
    }
    Ok(())
}

fn link_from(r: &Row<'_>) -> rusqlite::Result<LinkRow> {
    Ok(LinkRow {
        id: r.get(0)?,
        a_platform: r.get::<_, Key<Platform>>(1)?.0,
        a_id: r.get(2)?,
        b_platform: r.get::<_, Key<Platform>>(3)?.0,
        b_id: r.get(4)?,
        b_handle: r.get(5)?,
        confidence: r.get(6)?,
        evidence: r.get::<_, crate::codec::Json<Vec<String>>>(7)?.0,
        decision: r.get(8)?,
    })
}

pub(crate) fn links_of(c: &Connection, platform: Platform, id: &str) -> Result<Vec<LinkRow>> {
    Ok(c.prepare_cached(
        "SELECT id, a_platform, a_id, b_platform, b_id, b_handle, confidence, evidence, decision
         FROM linked_accounts WHERE a_platform = ?1 AND lower(a_id) = lower(?2)
         ORDER BY CASE confidence WHEN 'confirmed' THEN 0 WHEN 'likely' THEN 1 ELSE 2 END, b_platform, b_id",
    )?
    .query_map(params![Key(platform), id], link_from)?
    .collect::<rusqlite::Result<_>>()?)
}

/// The links of many accounts at once (one query per platform among them), keyed
/// by platform and lower-cased id, each list in [`links_of`]'s order.
pub(crate) fn links_of_many(
    c: &Connection,
    accounts: &[(Platform, &str)],
) -> Result<HashMap<(Platform, String), Vec<LinkRow>>> {
    let mut by_platform: HashMap<Platform, Vec<String>> = HashMap::new();
    for (p, id) in accounts {
        by_platform.entry(*p).or_default().push(id.to_lowercase());
    }
    let mut out: HashMap<(Platform, String), Vec<LinkRow>> = HashMap::new();
    for (platform, ids) in by_platform {
        let sql = "SELECT id, a_platform, a_id, b_platform, b_id, b_handle, confidence, evidence, decision
             FROM linked_accounts WHERE a_platform = ?1 AND lower(a_id) IN (SELECT value FROM json_each(?2))
             ORDER BY CASE confidence WHEN 'confirmed' THEN 0 WHEN 'likely' THEN 1 ELSE 2 END, b_platform, b_id";
        let ids_json =
            serde_json::to_string(&ids).map_err(|e| StoreError::invalid(e.to_string()))?;
        let mut stmt = c.prepare_cached(sql)?;
        let rows = stmt.query_map(params![Key(platform), ids_json], link_from)?;
        for row in rows {
            let row = row?;
            out.entry((platform, row.a_id.to_lowercase()))
                .or_default()
                .push(row);
        }
    }
    Ok(out)
}

pub(crate) fn decide_link(
    c: &Connection,
    id: i64,
    decision: &str,
    now: DateTime<Utc>,
) -> Result<()> {
    if !matches!(decision, "accepted" | "rejected" | "suggested") {
        return Err(StoreError::invalid(format!(
            "link decision '{decision}': expected accepted, rejected or suggested"
        )));
    }
    let n = c.execute(
        "UPDATE linked_accounts SET decision = ?2, updated_at = ?3 WHERE id = ?1",
        params![id, decision, Time(now)],
    )?;
    if n == 0 {
        return Err(StoreError::invalid(format!("no linked account {id}")));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Store;

    fn input(
        platform: Platform,
        id: &str,
        followers: Option<u64>,
        lang: &str,
        score: f64,
    ) -> DiscoveredInput {
        DiscoveredInput {
            platform,
            platform_id: id.into(),
            handle: id.into(),
            display_name: None,
            followers,
            language: Some(lang.into()),
            country: None,
            last_active: None,
            score,
            data: "{}".into(),
        }
    }

    #[test]
    fn runs_page_filter_dismiss_and_mark_new() {
        let mut s = Store::open_in_memory().unwrap();
        let r1 = s
            .start_discovery_run("skincare", "search", "[\"bluesky\"]", None, None)
            .unwrap();
        let found = vec![
            input(Platform::Bluesky, "a", Some(10_000), "fr", 3.0),
            input(Platform::Mastodon, "b@x", Some(100_000), "en", 2.0),
            input(Platform::Bluesky, "c", None, "fr", 1.0),
        ];
        assert_eq!(s.finish_discovery_run(r1, "[]", &found).unwrap(), 3);
        let q = DiscoveredQuery {
            run_id: Some(r1),
            ..Default::default()
        };
        let (rows, total) = s.discovered_page(&q).unwrap();
        assert_eq!(total, 3);
        assert_eq!(
            rows.iter()
                .map(|r| r.found.platform_id.as_str())
                .collect::<Vec<_>>(),
            ["a", "b@x", "c"]
        );
        // Follower range edges are inclusive; unknown counts fall outside any range.
        let q = DiscoveredQuery {
            run_id: Some(r1),
            min_followers: Some(10_000),
            max_followers: Some(100_000),
            ..Default::default()
        };
        assert_eq!(s.discovered_page(&q).unwrap().1, 2);
        let q = DiscoveredQuery {
            run_id: Some(r1),
            min_followers: Some(10_001),
            ..Default::default()
        };
        assert_eq!(s.discovered_page(&q).unwrap().1, 1);
        let q = DiscoveredQuery {
            run_id: Some(r1),
            platforms: vec![Platform::Bluesky],
            language: Some("FR".into()),
            ..Default::default()
        };
        assert_eq!(s.discovered_page(&q).unwrap().1, 2);
        // Paging.
        let q = DiscoveredQuery {
            run_id: Some(r1),
            offset: 2,
            limit: 2,
            ..Default::default()
        };
        let (rows, total) = s.discovered_page(&q).unwrap();
        assert_eq!(
            (rows.len(), total, rows[0].found.platform_id.as_str()),
            (1, 3, "c")
        );
        // Dismissed for a brief: hidden for that brief only.
        s.dismiss_discovered(&[rows[0].id], "acme").unwrap();
        let q = DiscoveredQuery {
            run_id: Some(r1),
            hide_dismissed_for: Some("acme".into()),
            ..Default::default()
        };
        assert_eq!(s.discovered_page(&q).unwrap().1, 2);
        let q = DiscoveredQuery {
            run_id: Some(r1),
            hide_dismissed_for: Some("other".into()),
            ..Default::default()
        };
        assert_eq!(s.discovered_page(&q).unwrap().1, 3);
        // A second run: only "d" is new.
        let r2 = s
            .start_discovery_run("skincare", "search", "[]", None, None)
            .unwrap();
        let again = vec![
            input(Platform::Bluesky, "d", Some(5), "fr", 5.0),
            input(Platform::Bluesky, "a", Some(11_000), "fr", 1.0),
        ];
        assert_eq!(s.finish_discovery_run(r2, "[]", &again).unwrap(), 1);
        let q = DiscoveredQuery {
            run_id: Some(r2),
            only_new: true,
            ..Default::default()
        };
        let (rows, _) = s.discovered_page(&q).unwrap();
        assert_eq!(rows.len(), 1);
        assert!(rows[0].is_new && rows[0].found.platform_id == "d");
        assert_eq!(
            s.discovered_by_key(Platform::Bluesky, "A")
                .unwrap()
                .unwrap()
                .found
                .followers,
            Some(11_000)
        );
    }

    #[test]
    fn links_keep_the_users_decision() {
        let mut s = Store::open_in_memory().unwrap();
        let link = LinkRow {
            id: 0,
            a_platform: Platform::Bluesky,
            a_id: "did:plc:x".into(),
            b_platform: Platform::Instagram,
            b_id: "maya".into(),
            b_handle: "maya".into(),
            confidence: "likely".into(),
            evidence: vec!["linked from linktr.ee/maya".into()],
            decision: "suggested".into(),
        };
        s.upsert_links(std::slice::from_ref(&link)).unwrap();
        let id = s.links_of(Platform::Bluesky, "did:plc:x").unwrap()[0].id;
        s.decide_link(id, "rejected").unwrap();
        s.upsert_links(&[link]).unwrap();
        let links = s.links_of(Platform::Bluesky, "did:plc:x").unwrap();
        assert_eq!((links.len(), links[0].decision.as_str()), (1, "rejected"));
        assert!(s.decide_link(id, "maybe").is_err());
        assert!(s.save_search(" ", "q", "[]", "{}", None).is_err());
    }

    #[test]
    fn links_of_many_answers_like_links_of_for_each_account() {
        let mut s = Store::open_in_memory().unwrap();
        let link = |a_platform, a_id: &str, b_platform, b_id: &str, confidence: &str| LinkRow {
            id: 0,
            a_platform,
            a_id: a_id.into(),
            b_platform,
            b_id: b_id.into(),
            b_handle: b_id.into(),
            confidence: confidence.into(),
            evidence: vec![format!("{a_id} links to {b_id}")],
            decision: "suggested".into(),
        };
        s.upsert_links(&[
            link(
                Platform::Bluesky,
                "did:plc:x",
                Platform::Instagram,
                "maya",
                "possible",
            ),
            link(
                Platform::Bluesky,
                "did:plc:x",
                Platform::Youtube,
                "UCmaya",
                "confirmed",
            ),
            link(
                Platform::Bluesky,
                "did:plc:y",
                Platform::Tiktok,
                "yan",
                "likely",
            ),
            link(
                Platform::Mastodon,
                "Ana@social",
                Platform::Bluesky,
                "ana.bsky",
                "likely",
            ),
            link(
                Platform::Youtube,
                "did:plc:x",
                Platform::Twitch,
                "other",
                "likely",
            ),
        ])
        .unwrap();
        let keys = [
            (Platform::Bluesky, "did:plc:x"),
            (Platform::Bluesky, "did:plc:y"),
            (Platform::Mastodon, "ana@SOCIAL"),
            (Platform::Bluesky, "did:plc:none"),
        ];
        let many = s.links_of_many(&keys).unwrap();
        for (p, id) in keys {
            let one = s.links_of(p, id).unwrap();
            let got = many
                .get(&(p, id.to_lowercase()))
                .cloned()
                .unwrap_or_default();
            assert_eq!(got, one, "{p:?} {id}");
        }
        // the YouTube account with the same id is not mixed in; confirmed comes first
        assert_eq!(many[&(Platform::Bluesky, "did:plc:x".to_string())].len(), 2);
        assert_eq!(
            many[&(Platform::Bluesky, "did:plc:x".to_string())][0].b_id,
            "UCmaya"
        );
        assert_eq!(many.len(), 3);
    }

    #[test]
    fn vetted_results_carry_their_facts_and_the_er_range_keeps_only_vetted_ones_within_it() {
        use crate::facts::{CreatorFacts, RateFact};
        use scout_core::{Profile, Snapshot};
        let mut s = Store::open_in_memory().unwrap();
        let run = s
            .start_discovery_run("trail", "search", "[]", None, None)
            .unwrap();
        let found = vec![
            input(Platform::Bluesky, "did:plc:low", Some(20_000), "en", 3.0),
            input(Platform::Bluesky, "did:plc:high", Some(30_000), "en", 2.0),
            input(Platform::Bluesky, "did:plc:never", Some(40_000), "en", 1.0),
        ];
        s.finish_discovery_run(run, "[]", &found).unwrap();
        // Two of them are vetted since, with declared rates 2% and 5%.
        for (id, er) in [("did:plc:low", 0.02), ("did:plc:high", 0.05)] {
            let profile = Profile {
                id: id.into(),
                handle: id.into(),
                url: format!("https://bsky.app/profile/{id}"),
                followers: Some(20_000),
                ..Profile::default()
            };
            let snap = Snapshot::new(
                Platform::Bluesky,
                profile,
                crate::testdata::at("2026-11-30T10:00:00Z"),
            );
            let snapshot_id = s.save_snapshot(&snap, &[], false).unwrap();
            s.save_facts(&[CreatorFacts {
                snapshot_id,
                tier: None,
                er: Some(RateFact {
                    value: er,
                    basis: Basis::PerFollower,
                    statistic: Statistic::Median,
                    posts: 12,
                }),
                authenticity: Some(81.0),
                risks: 0,
            }])
            .unwrap();
        }
        let page = |min_er: Option<f64>, max_er: Option<f64>| {
            let (rows, total) = s
                .discovered_page(&DiscoveredQuery {
                    run_id: Some(run),
                    min_er,
                    max_er,
                    ..Default::default()
                })
                .unwrap();
            let ids: Vec<String> = rows.iter().map(|r| r.found.platform_id.clone()).collect();
            (ids, total, rows)
        };
        let (ids, total, rows) = page(None, None);
        assert_eq!((ids.len(), total), (3, 3));
        let low = rows[0].vetted.as_ref().expect("vetted");
        assert_eq!(low.er.map(|e| e.value), Some(0.02));
        assert_eq!(low.authenticity, Some(81.0));
        assert!(rows[2].vetted.is_none(), "never vetted");
        // Inclusive edges; a creator not vetted has no rate and falls outside any range.
        assert_eq!(page(Some(0.02), None).0, ["did:plc:low", "did:plc:high"]);
        assert_eq!(page(Some(0.0201), None).0, ["did:plc:high"]);
        assert_eq!(page(None, Some(0.05)).0, ["did:plc:low", "did:plc:high"]);
        assert_eq!(page(Some(0.03), Some(0.04)).1, 0);
        assert_eq!(page(None, Some(0.049)).1, 1);
        // The single-row lookups carry the same facts.
        let one = s.discovered(rows[1].id).unwrap().unwrap();
        assert_eq!(one.vetted.unwrap().er.map(|e| e.value), Some(0.05));
    }
}
