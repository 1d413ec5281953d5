//! Snapshots: saving a vet (account upsert, snapshot, posts, post metrics,
//! comments, samples, raw responses), loading it back exactly, growth history
//! ([`SnapshotMeta`], [`PostMetricsAt`]) and the stored raw responses
//! ([`RawResponseRecord`], zstd-compressed, SHA-256 checked).

use chrono::{DateTime, Utc};
use rusqlite::{Connection, OptionalExtension, Row, ToSql, params, params_from_iter};
use scout_core::{
    Comment, MissingPart, Platform, Post, PostKind, Profile, SampledAccount, Snapshot,
};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::codec::{Json, Key, Time, to_json};
use crate::error::{Result, StoreError};
use crate::ids::{AccountId, RunId, SnapshotId};

/// zstd level for raw bodies: fast, and JSON/HTML compress 5–10× at it.
const ZSTD_LEVEL: i32 = 3;

/// One HTTP response a vet used, as stored for audit and re-parsing. The façade
/// converts `scout_sources::RawResponse` to and from this (same fields).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RawResponseRecord {
    /// What the response was for (`profile`, `feed:2`, `thread:<id>`, `followers`).
    pub role: String,
    /// Requested URL, secrets already redacted.
    pub url: String,
    /// HTTP status.
    pub status: u16,
    /// `Content-Type` header, if any.
    pub content_type: Option<String>,
    /// When it was received.
    pub fetched_at: DateTime<Utc>,
    /// Body bytes, uncompressed.
    pub body: Vec<u8>,
}

/// A snapshot's headline numbers, for growth charts and lists.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SnapshotMeta {
    /// The snapshot.
    pub id: SnapshotId,
    /// Whose snapshot it is.
    pub account_id: AccountId,
    /// When the data was fetched.
    pub fetched_at: DateTime<Utc>,
    /// Followers at that time (`None`: not given).
    pub followers: Option<u64>,
    /// Following at that time.
    pub following: Option<u64>,
    /// Posts count the profile stated.
    pub posts_count: Option<u64>,
    /// Total likes the profile stated.
    pub total_likes: Option<u64>,
    /// Total views the profile stated.
    pub total_views: Option<u64>,
    /// Generated demo data.
    pub is_demo: bool,
}

/// One post's counts as one snapshot measured them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PostMetricsAt {
    /// The snapshot that measured them.
    pub snapshot_id: SnapshotId,
    /// When.
    pub measured_at: DateTime<Utc>,
    /// Likes.
    pub likes: Option<u64>,
    /// The platform hid the like count.
    pub likes_hidden: bool,
    /// Replies.
    pub replies: Option<u64>,
    /// Reposts.
    pub reposts: Option<u64>,
    /// Quotes.
    pub quotes: Option<u64>,
    /// Views.
    pub views: Option<u64>,
}

pub(crate) const META_COLUMNS: &str = "s.id, s.account_id, s.fetched_at, s.followers, s.following, \
     s.posts_count, s.total_likes, s.total_views, s.is_demo";

/// Read [`META_COLUMNS`] starting at column `at`.
pub(crate) fn meta_from_row(row: &Row<'_>, at: usize) -> rusqlite::Result<SnapshotMeta> {
    Ok(SnapshotMeta {
        id: row.get(at)?,
        account_id: row.get(at + 1)?,
        fetched_at: row.get::<_, Time>(at + 2)?.0,
        followers: row.get(at + 3)?,
        following: row.get(at + 4)?,
        posts_count: row.get(at + 5)?,
        total_likes: row.get(at + 6)?,
        total_views: row.get(at + 7)?,
        is_demo: row.get(at + 8)?,
    })
}

const SECTION_POSTS: &str = "post";
const SECTION_OTHER: &str = "other";
const SAMPLE_FOLLOWER: &str = "follower";
const SAMPLE_ENGAGER: &str = "engager";

pub(crate) fn save(
    c: &Connection,
    snap: &Snapshot,
    raw: &[RawResponseRecord],
    is_demo: bool,
    now: DateTime<Utc>,
) -> Result<SnapshotId> {
    let (account, id) = save_rows(c, snap, raw, is_demo, now)?;
    crate::facts::refresh(c, account)?;
    Ok(id)
}

/// Save one creator's snapshots (the same account, any order) as [`save`] does each,
/// refreshing the account's table row once at the end instead of after every one.
/// Returns each snapshot's [`SnapshotMeta`] in input order, as [`meta`] would read it
/// back (built from the values just written, without a query).
pub(crate) fn save_history(
    c: &Connection,
    snaps: &[Snapshot],
    is_demo: bool,
    now: DateTime<Utc>,
) -> Result<Vec<SnapshotMeta>> {
    let mut metas = Vec::with_capacity(snaps.len());
    let mut accounts = Vec::with_capacity(1);
    for snap in snaps {
        let (account, id) = save_rows(c, snap, &[], is_demo, now)?;
        if !accounts.contains(&account) {
            accounts.push(account);
        }
        let p = &snap.profile;
        metas.push(SnapshotMeta {
            id,
            account_id: account,
            fetched_at: snap.fetched_at,
            followers: p.followers,
            following: p.following,
            posts_count: p.posts_count,
            total_likes: p.total_likes,
            total_views: p.total_views,
            is_demo,
        });
    }
    for account in accounts {
        crate::facts::refresh(c, account)?;
    }
    Ok(metas)
}

/// The `profile_snapshots` columns parsed from the responses, in the order of
/// [`parsed_values`]: the INSERT of a new snapshot and the UPDATE of a re-parse
/// bind them as `?1`–`?12`.
const PARSED_COLUMNS: [&str; 12] = [
    "fetched_at",
    "followers",
    "following",
    "posts_count",
    "total_likes",
    "total_views",
    "bio",
    "profile_json",
    "missing_json",
    "warnings_json",
    "has_follower_sample",
    "has_engager_sample",
];

/// The values of [`PARSED_COLUMNS`] for `snap`.
fn parsed_values(snap: &Snapshot) -> Result<[Box<dyn ToSql + '_>; 12]> {
    let p = &snap.profile;
    Ok([
        Box::new(Time(snap.fetched_at)),
        Box::new(p.followers),
        Box::new(p.following),
        Box::new(p.posts_count),
        Box::new(p.total_likes),
        Box::new(p.total_views),
        Box::new(&p.bio),
        Box::new(to_json(p, "profile")?),
        Box::new(to_json(&snap.missing, "missing parts")?),
        Box::new(to_json(&snap.warnings, "warnings")?),
        Box::new(snap.follower_sample.is_some()),
        Box::new(snap.engager_sample.is_some()),
    ])
}

/// The account, the snapshot row with all its columns, its child rows and raw responses.
fn save_rows(
    c: &Connection,
    snap: &Snapshot,
    raw: &[RawResponseRecord],
    is_demo: bool,
    now: DateTime<Utc>,
) -> Result<(AccountId, SnapshotId)> {
    static INSERT: std::sync::LazyLock<String> = std::sync::LazyLock::new(|| {
        format!(
            "INSERT INTO profile_snapshots ({}, account_id, is_demo, stored_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)
             RETURNING id",
            PARSED_COLUMNS.join(", ")
        )
    });
    let account = upsert_account(c, snap, is_demo)?;
    let parsed = parsed_values(snap)?;
    let own: [&dyn ToSql; 3] = [&account, &is_demo, &Time(now)];
    let id: SnapshotId = c.prepare_cached(&INSERT)?.query_row(
        params_from_iter(parsed.iter().map(|v| &**v).chain(own)),
        |r| r.get(0),
    )?;
    write_children(c, id, snap)?;
    insert_raw(c, Some(id), None, raw, 0)?;
    Ok((account, id))
}

/// Insert or refresh the account a snapshot belongs to. Display fields follow the
/// newest snapshot, so storing an older one never rolls a rename back.
fn upsert_account(c: &Connection, snap: &Snapshot, is_demo: bool) -> Result<AccountId> {
    let p = &snap.profile;
    if p.id.trim().is_empty() {
        return Err(StoreError::invalid(format!(
            "a {} snapshot of '{}' without the account's platform id",
            snap.platform.name(),
            p.handle
        )));
    }
    let id = c
        .prepare_cached(
            "INSERT INTO accounts (platform, platform_id, handle, display_name, url, avatar_url,
                                   first_seen, last_seen, is_demo)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7, ?8)
             ON CONFLICT (platform, platform_id) DO UPDATE SET
               handle       = iif(excluded.last_seen >= accounts.last_seen, excluded.handle, accounts.handle),
               display_name = iif(excluded.last_seen >= accounts.last_seen, excluded.display_name, accounts.display_name),
               url          = iif(excluded.last_seen >= accounts.last_seen, excluded.url, accounts.url),
               avatar_url   = iif(excluded.last_seen >= accounts.last_seen, excluded.avatar_url, accounts.avatar_url),
               first_seen   = min(accounts.first_seen, excluded.first_seen),
               last_seen    = max(accounts.last_seen, excluded.last_seen),
               is_demo      = accounts.is_demo AND excluded.is_demo
             RETURNING id",
        )?
        .query_row(
            params![
                Key(snap.platform),
                p.id,
                p.handle,
                p.display_name,
                p.url,
                p.avatar_url,
                Time(snap.fetched_at),
                is_demo
            ],
            |r| r.get(0),
        )?;
    Ok(id)
}

/// Write everything parsed from the responses: the snapshot's columns and its child rows.
fn write_parse(c: &Connection, id: SnapshotId, snap: &Snapshot) -> Result<()> {
    static UPDATE: std::sync::LazyLock<String> = std::sync::LazyLock::new(|| {
        let set: Vec<String> = PARSED_COLUMNS
            .iter()
            .enumerate()
            .map(|(i, col)| format!("{col} = ?{}", i + 1))
            .collect();
        format!(
            "UPDATE profile_snapshots SET {} WHERE id = ?13",
            set.join(", ")
        )
    });
    let parsed = parsed_values(snap)?;
    let own: [&dyn ToSql; 1] = [&id];
    c.prepare_cached(&UPDATE)?
        .execute(params_from_iter(parsed.iter().map(|v| &**v).chain(own)))?;
    write_children(c, id, snap)
}

/// A snapshot's child rows: posts with their metrics, comments and samples.
fn write_children(c: &Connection, id: SnapshotId, snap: &Snapshot) -> Result<()> {
    insert_posts(c, id, snap.fetched_at, SECTION_POSTS, &snap.posts)?;
    insert_posts(c, id, snap.fetched_at, SECTION_OTHER, &snap.other_posts)?;
    insert_comments(c, id, &snap.comments)?;
    if let Some(sample) = &snap.follower_sample {
        insert_samples(c, id, SAMPLE_FOLLOWER, sample)?;
    }
    if let Some(sample) = &snap.engager_sample {
        insert_samples(c, id, SAMPLE_ENGAGER, sample)?;
    }
    Ok(())
}

fn insert_posts(
    c: &Connection,
    id: SnapshotId,
    measured_at: DateTime<Utc>,
    section: &str,
    posts: &[Post],
) -> Result<()> {
    let mut post_stmt = c.prepare_cached(
        "INSERT INTO posts (snapshot_id, section, position, post_id, url, kind, created_at, text,
                            title, languages_json, sponsored_label, duration_secs, reposted_from)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
    )?;
    let mut metric_stmt = c.prepare_cached(
        "INSERT INTO post_metrics (post_row_id, snapshot_id, measured_at, likes, likes_hidden,
                                   replies, reposts, quotes, views)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
    )?;
    for (position, post) in posts.iter().enumerate() {
        post_stmt.execute(params![
            id,
            section,
            position,
            post.id,
            post.url,
            Key(post.kind),
            Time(post.created_at),
            post.text,
            post.title,
            to_json(&post.languages, "post languages")?,
            post.sponsored_label,
            post.duration_secs,
            post.reposted_from,
        ])?;
        let row = c.last_insert_rowid();
        metric_stmt.execute(params![
            row,
            id,
            Time(measured_at),
            post.likes,
            post.likes_hidden,
            post.replies,
            post.reposts,
            post.quotes,
            post.views,
        ])?;
    }
    Ok(())
}

fn insert_comments(c: &Connection, id: SnapshotId, comments: &[Comment]) -> Result<()> {
    let mut stmt = c.prepare_cached(
        "INSERT INTO comments (snapshot_id, position, comment_id, post_id, author_id,
                               author_handle, text, created_at, likes, author_json)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
    )?;
    for (position, cm) in comments.iter().enumerate() {
        let author = cm
            .author
            .as_ref()
            .map(|a| to_json(a, "comment author"))
            .transpose()?;
        stmt.execute(params![
            id,
            position,
            cm.id,
            cm.post_id,
            cm.author_id,
            cm.author_handle,
            cm.text,
            cm.created_at.map(Time),
            cm.likes,
            author,
        ])?;
    }
    Ok(())
}

fn insert_samples(
    c: &Connection,
    id: SnapshotId,
    kind: &str,
    sample: &[SampledAccount],
) -> Result<()> {
    let mut stmt = c.prepare_cached(
        "INSERT INTO follower_samples (snapshot_id, kind, position, sampled_id, handle,
                display_name, bio, has_avatar, followers, following, posts_count, created_at,
                is_private)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
    )?;
    for (position, a) in sample.iter().enumerate() {
        stmt.execute(params![
            id,
            kind,
            position,
            a.id,
            a.handle,
            a.display_name,
            a.bio,
            a.has_avatar,
            a.followers,
            a.following,
            a.posts_count,
            a.created_at.map(Time),
            a.is_private,
        ])?;
    }
    Ok(())
}

fn insert_raw(
    c: &Connection,
    snapshot: Option<SnapshotId>,
    run: Option<RunId>,
    raw: &[RawResponseRecord],
    first_position: i64,
) -> Result<()> {
    let mut stmt = c.prepare_cached(
        "INSERT INTO raw_responses (snapshot_id, run_id, position, role, url, status, content_type,
                                    fetched_at, body_zstd, body_len, sha256)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
    )?;
    for (position, r) in (first_position..).zip(raw) {
        let body = zstd::bulk::compress(&r.body, ZSTD_LEVEL).map_err(|e| {
            StoreError::invalid(format!(
                "the {} response body of {}: compression failed: {e}",
                r.role, r.url
            ))
        })?;
        let sha = hex::encode(Sha256::digest(&r.body));
        stmt.execute(params![
            snapshot,
            run,
            position,
            r.role,
            r.url,
            r.status,
            r.content_type,
            Time(r.fetched_at),
            body,
            r.body.len(),
            sha,
        ])?;
    }
    Ok(())
}

pub(crate) fn save_run_raw(c: &Connection, run: RunId, raw: &[RawResponseRecord]) -> Result<()> {
    if !c
        .prepare_cached("SELECT 1 FROM runs WHERE id = ?1")?
        .exists([run])?
    {
        return Err(StoreError::not_found(run.to_string()));
    }
    // Appended after any responses already kept for the run.
    let next: i64 = c
        .prepare_cached(
            "SELECT coalesce(max(position) + 1, 0) FROM raw_responses WHERE run_id = ?1",
        )?
        .query_row([run], |r| r.get(0))?;
    insert_raw(c, None, Some(run), raw, next)
}

pub(crate) fn load(c: &Connection, id: SnapshotId) -> Result<Snapshot> {
    let head = c
        .prepare_cached(
            "SELECT a.platform, s.fetched_at, s.profile_json, s.missing_json, s.warnings_json,
                    s.has_follower_sample, s.has_engager_sample
             FROM profile_snapshots s JOIN accounts a ON a.id = s.account_id
             WHERE s.id = ?1",
        )?
        .query_row([id], |r| {
            Ok((
                r.get::<_, Key<Platform>>(0)?.0,
                r.get::<_, Time>(1)?.0,
                r.get::<_, Json<Profile>>(2)?.0,
                r.get::<_, Json<Vec<MissingPart>>>(3)?.0,
                r.get::<_, Json<Vec<String>>>(4)?.0,
                r.get::<_, bool>(5)?,
                r.get::<_, bool>(6)?,
            ))
        })
        .optional()?;
    let Some((platform, fetched_at, profile, missing, warnings, has_followers, has_engagers)) =
        head
    else {
        return Err(StoreError::not_found(id.to_string()));
    };
    let mut snap = Snapshot::new(platform, profile, fetched_at);
    snap.missing = missing;
    snap.warnings = warnings;
    snap.posts = load_posts(c, id, SECTION_POSTS)?;
    snap.other_posts = load_posts(c, id, SECTION_OTHER)?;
    snap.comments = load_comments(c, id)?;
    if has_followers {
        snap.follower_sample = Some(load_samples(c, id, SAMPLE_FOLLOWER)?);
    }
    if has_engagers {
        snap.engager_sample = Some(load_samples(c, id, SAMPLE_ENGAGER)?);
    }
    Ok(snap)
}

fn load_posts(c: &Connection, id: SnapshotId, section: &str) -> Result<Vec<Post>> {
    let mut stmt = c.prepare_cached(
        "SELECT p.post_id, p.url, p.kind, p.created_at, p.text, p.title, p.languages_json,
                p.sponsored_label, p.duration_secs, p.reposted_from,
                m.likes, m.likes_hidden, m.replies, m.reposts, m.quotes, m.views
         FROM posts p LEFT JOIN post_metrics m ON m.post_row_id = p.id
         WHERE p.snapshot_id = ?1 AND p.section = ?2
         ORDER BY p.position",
    )?;
    let rows = stmt.query_map(params![id, section], |r| {
        Ok(Post {
            id: r.get(0)?,
            url: r.get(1)?,
            kind: r.get::<_, Key<PostKind>>(2)?.0,
            created_at: r.get::<_, Time>(3)?.0,
            text: r.get(4)?,
            title: r.get(5)?,
            languages: r.get::<_, Json<Vec<String>>>(6)?.0,
            sponsored_label: r.get(7)?,
            duration_secs: r.get(8)?,
            reposted_from: r.get(9)?,
            likes: r.get(10)?,
            likes_hidden: r.get::<_, Option<bool>>(11)?.unwrap_or(false),
            replies: r.get(12)?,
            reposts: r.get(13)?,
            quotes: r.get(14)?,
            views: r.get(15)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

fn load_comments(c: &Connection, id: SnapshotId) -> Result<Vec<Comment>> {
    let mut stmt = c.prepare_cached(
        "SELECT comment_id, post_id, author_id, author_handle, text, created_at, likes, author_json
         FROM comments WHERE snapshot_id = ?1 ORDER BY position",
    )?;
    let rows = stmt.query_map([id], |r| {
        Ok(Comment {
            id: r.get(0)?,
            post_id: r.get(1)?,
            author_id: r.get(2)?,
            author_handle: r.get(3)?,
            text: r.get(4)?,
            created_at: r.get::<_, Option<Time>>(5)?.map(|t| t.0),
            likes: r.get(6)?,
            author: r.get::<_, Option<Json<SampledAccount>>>(7)?.map(|j| j.0),
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

fn load_samples(c: &Connection, id: SnapshotId, kind: &str) -> Result<Vec<SampledAccount>> {
    let mut stmt = c.prepare_cached(
        "SELECT sampled_id, handle, display_name, bio, has_avatar, followers, following,
                posts_count, created_at, is_private
         FROM follower_samples WHERE snapshot_id = ?1 AND kind = ?2 ORDER BY position",
    )?;
    let rows = stmt.query_map(params![id, kind], |r| {
        Ok(SampledAccount {
            id: r.get(0)?,
            handle: r.get(1)?,
            display_name: r.get(2)?,
            bio: r.get(3)?,
            has_avatar: r.get(4)?,
            followers: r.get(5)?,
            following: r.get(6)?,
            posts_count: r.get(7)?,
            created_at: r.get::<_, Option<Time>>(8)?.map(|t| t.0),
            is_private: r.get(9)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub(crate) fn latest_id(c: &Connection, account: AccountId) -> Result<Option<SnapshotId>> {
    Ok(c.prepare_cached(
        "SELECT id FROM profile_snapshots WHERE account_id = ?1
         ORDER BY fetched_at DESC, id DESC LIMIT 1",
    )?
    .query_row([account], |r| r.get(0))
    .optional()?)
}

pub(crate) fn meta(c: &Connection, id: SnapshotId) -> Result<SnapshotMeta> {
    c.prepare_cached(&format!(
        "SELECT {META_COLUMNS} FROM profile_snapshots s WHERE s.id = ?1"
    ))?
    .query_row([id], |r| meta_from_row(r, 0))
    .optional()?
    .ok_or_else(|| StoreError::not_found(id.to_string()))
}

pub(crate) fn of_account(c: &Connection, account: AccountId) -> Result<Vec<SnapshotMeta>> {
    let mut stmt = c.prepare_cached(&format!(
        "SELECT {META_COLUMNS} FROM profile_snapshots s WHERE s.account_id = ?1
         ORDER BY s.fetched_at, s.id"
    ))?;
    let rows = stmt.query_map([account], |r| meta_from_row(r, 0))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub(crate) fn post_history(
    c: &Connection,
    account: AccountId,
    post_id: &str,
) -> Result<Vec<PostMetricsAt>> {
    let mut stmt = c.prepare_cached(
        "SELECT m.snapshot_id, m.measured_at, m.likes, m.likes_hidden, m.replies, m.reposts,
                m.quotes, m.views
         FROM posts p
         JOIN post_metrics m ON m.post_row_id = p.id
         JOIN profile_snapshots s ON s.id = p.snapshot_id
         WHERE s.account_id = ?1 AND p.post_id = ?2
         ORDER BY m.measured_at, m.snapshot_id, p.id",
    )?;
    let rows = stmt.query_map(params![account, post_id], |r| {
        Ok(PostMetricsAt {
            snapshot_id: r.get(0)?,
            measured_at: r.get::<_, Time>(1)?.0,
            likes: r.get(2)?,
            likes_hidden: r.get(3)?,
            replies: r.get(4)?,
            reposts: r.get(5)?,
            quotes: r.get(6)?,
            views: r.get(7)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub(crate) fn raw_of_snapshot(c: &Connection, id: SnapshotId) -> Result<Vec<RawResponseRecord>> {
    if !c
        .prepare_cached("SELECT 1 FROM profile_snapshots WHERE id = ?1")?
        .exists([id])?
    {
        return Err(StoreError::not_found(id.to_string()));
    }
    load_raw(c, "snapshot_id", id.get())
}

pub(crate) fn raw_of_run(c: &Connection, id: RunId) -> Result<Vec<RawResponseRecord>> {
    if !c
        .prepare_cached("SELECT 1 FROM runs WHERE id = ?1")?
        .exists([id])?
    {
        return Err(StoreError::not_found(id.to_string()));
    }
    load_raw(c, "run_id", id.get())
}

fn load_raw(c: &Connection, owner_column: &str, owner: i64) -> Result<Vec<RawResponseRecord>> {
    let mut stmt = c.prepare_cached(&format!(
        "SELECT id, role, url, status, content_type, fetched_at, body_zstd, body_len, sha256
         FROM raw_responses WHERE {owner_column} = ?1 ORDER BY position, id"
    ))?;
    let rows = stmt.query_map([owner], |r| {
        Ok((
            r.get::<_, i64>(0)?,
            RawResponseRecord {
                role: r.get(1)?,
                url: r.get(2)?,
                status: r.get(3)?,
                content_type: r.get(4)?,
                fetched_at: r.get::<_, Time>(5)?.0,
                body: r.get(6)?,
            },
            r.get::<_, usize>(7)?,
            r.get::<_, Option<String>>(8)?,
        ))
    })?;
    let mut out = Vec::new();
    for row in rows {
        let (row_id, mut rec, len, sha) = row?;
        let what = || format!("raw response {row_id} ({} {})", rec.role, rec.url);
        let body = zstd::stream::decode_all(rec.body.as_slice()).map_err(|e| {
            StoreError::corrupt(format!("{}: body does not decompress: {e}", what()))
        })?;
        if body.len() != len {
            return Err(StoreError::corrupt(format!(
                "{}: body is {} bytes, {len} were stored",
                what(),
                body.len()
            )));
        }
        if let Some(sha) = sha
            && hex::encode(Sha256::digest(&body)) != sha
        {
            return Err(StoreError::corrupt(format!(
                "{}: body does not match its SHA-256",
                what()
            )));
        }
        rec.body = body;
        out.push(rec);
    }
    Ok(out)
}

pub(crate) fn replace_parse(c: &Connection, id: SnapshotId, snap: &Snapshot) -> Result<()> {
    let stored = c
        .prepare_cached(
            "SELECT a.platform, a.platform_id, s.is_demo
             FROM profile_snapshots s JOIN accounts a ON a.id = s.account_id WHERE s.id = ?1",
        )?
        .query_row([id], |r| {
            Ok((
                r.get::<_, Key<Platform>>(0)?.0,
                r.get::<_, String>(1)?,
                r.get::<_, bool>(2)?,
            ))
        })
        .optional()?;
    let Some((platform, platform_id, is_demo)) = stored else {
        return Err(StoreError::not_found(id.to_string()));
    };
    if platform != snap.platform || platform_id != snap.profile.id {
        return Err(StoreError::invalid(format!(
            "the re-parse of {id} as {} account '{}': the snapshot belongs to {} account '{platform_id}'",
            snap.platform.name(),
            snap.profile.id,
            platform.name()
        )));
    }
    for table in ["posts", "comments", "follower_samples"] {
        c.prepare_cached(&format!("DELETE FROM {table} WHERE snapshot_id = ?1"))?
            .execute([id])?;
    }
    let account = upsert_account(c, snap, is_demo)?;
    write_parse(c, id, snap)?;
    crate::facts::refresh(c, account)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testdata::{at, rich_snapshot};
    use crate::{Store, StoreError};

    #[test]
    fn a_rich_snapshot_round_trips_exactly() {
        let mut store = Store::open_in_memory().unwrap();
        let snap = rich_snapshot();
        let id = store.save_snapshot(&snap, &[], false).unwrap();
        assert_eq!(store.load_snapshot(id).unwrap(), snap);
    }

    #[test]
    fn absent_and_empty_samples_stay_distinct() {
        let mut store = Store::open_in_memory().unwrap();
        let mut snap = rich_snapshot();
        snap.follower_sample = None;
        snap.engager_sample = Some(Vec::new());
        let id = store.save_snapshot(&snap, &[], false).unwrap();
        let back = store.load_snapshot(id).unwrap();
        assert_eq!(back.follower_sample, None);
        assert_eq!(back.engager_sample, Some(Vec::new()));
    }

    #[test]
    fn saving_again_appends_and_leaves_the_first_snapshot_unchanged() {
        let mut store = Store::open_in_memory().unwrap();
        let first = rich_snapshot();
        let a = store.save_snapshot(&first, &[], false).unwrap();

        let mut second = rich_snapshot();
        second.fetched_at = at("2025-03-08T09:00:00Z");
        second.profile.followers = Some(12_900);
        second.profile.handle = "alice-renamed.bsky.social".into();
        second.posts[0].likes = Some(410);
        second.posts.truncate(1);
        let b = store.save_snapshot(&second, &[], false).unwrap();

        assert_ne!(a, b);
        assert_eq!(store.load_snapshot(a).unwrap(), first);
        assert_eq!(store.load_snapshot(b).unwrap(), second);
        let history = store
            .snapshots_of(store.snapshot_meta(a).unwrap().account_id)
            .unwrap();
        let followers: Vec<_> = history.iter().map(|m| (m.id, m.followers)).collect();
        assert_eq!(followers, [(a, Some(12_480)), (b, Some(12_900))]);
        // Same platform id → same account; display fields follow the newest snapshot.
        let accounts = store.accounts().unwrap();
        assert_eq!(accounts.len(), 1);
        assert_eq!(accounts[0].handle, "alice-renamed.bsky.social");
        assert_eq!(accounts[0].first_seen, at("2025-03-01T12:00:00Z"));
        assert_eq!(accounts[0].last_seen, at("2025-03-08T09:00:00Z"));
    }

    #[test]
    fn an_older_snapshot_saved_later_does_not_roll_back_the_handle() {
        let mut store = Store::open_in_memory().unwrap();
        let mut newer = rich_snapshot();
        newer.fetched_at = at("2025-04-01T00:00:00Z");
        newer.profile.handle = "new.handle".into();
        store.save_snapshot(&newer, &[], false).unwrap();
        store.save_snapshot(&rich_snapshot(), &[], false).unwrap();
        let row = &store.accounts().unwrap()[0];
        assert_eq!(row.handle, "new.handle");
        assert_eq!(row.first_seen, at("2025-03-01T12:00:00Z"));
        assert_eq!(
            row.latest.as_ref().unwrap().fetched_at,
            at("2025-04-01T00:00:00Z")
        );
        let (_, latest) = store.latest_snapshot(row.id).unwrap().unwrap();
        assert_eq!(latest, newer);
    }

    #[test]
    fn post_growth_is_tracked_across_snapshots() {
        let mut store = Store::open_in_memory().unwrap();
        let a = store.save_snapshot(&rich_snapshot(), &[], false).unwrap();
        let mut later = rich_snapshot();
        later.fetched_at = at("2025-03-02T12:00:00Z");
        later.posts[0].likes = Some(377);
        later.posts[0].views = Some(9_001);
        let b = store.save_snapshot(&later, &[], false).unwrap();
        let account = store.snapshot_meta(a).unwrap().account_id;

        let h = store
            .post_history(account, "at://did:plc:alice/app.bsky.feed.post/3kq1")
            .unwrap();
        let got: Vec<_> = h
            .iter()
            .map(|m| (m.snapshot_id, m.measured_at, m.likes, m.views))
            .collect();
        assert_eq!(
            got,
            [
                (a, at("2025-03-01T12:00:00Z"), Some(342), None),
                (b, at("2025-03-02T12:00:00Z"), Some(377), Some(9_001)),
            ]
        );
        assert!(
            store
                .post_history(account, "no-such-post")
                .unwrap()
                .is_empty()
        );
    }

    #[test]
    fn raw_responses_come_back_decompressed_in_order() {
        let mut store = Store::open_in_memory().unwrap();
        let raw = crate::testdata::raw_responses();
        let id = store.save_snapshot(&rich_snapshot(), &raw, false).unwrap();
        assert_eq!(store.raw_responses(id).unwrap(), raw);
        // Stored compressed: the 4 KiB repetitive feed body is far smaller on disk.
        let (stored, len): (usize, usize) = store
            .conn
            .query_row(
                "SELECT length(body_zstd), body_len FROM raw_responses WHERE role = 'feed'",
                [],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .unwrap();
        assert_eq!(len, 4096);
        assert!(stored < 512, "compressed to {stored} bytes");
    }

    #[test]
    fn a_damaged_raw_body_is_reported_as_corrupt() {
        let mut store = Store::open_in_memory().unwrap();
        let id = store
            .save_snapshot(&rich_snapshot(), &crate::testdata::raw_responses(), false)
            .unwrap();
        let other = zstd::bulk::compress(b"{\"did\":\"did:plc:mallory\"}", 3).unwrap();
        store
            .conn
            .execute(
                "UPDATE raw_responses SET body_zstd = ?1, body_len = 25 WHERE role = 'profile'",
                [other],
            )
            .unwrap();
        let err = store.raw_responses(id).unwrap_err();
        assert!(
            matches!(&err, StoreError::Corrupt { what } if what.contains("SHA-256")),
            "{err}"
        );
    }

    #[test]
    fn reparse_replaces_parsed_rows_and_keeps_id_and_raw() {
        let mut store = Store::open_in_memory().unwrap();
        let raw = crate::testdata::raw_responses();
        let id = store.save_snapshot(&rich_snapshot(), &raw, false).unwrap();

        let mut reparsed = rich_snapshot();
        reparsed.posts.pop();
        reparsed.comments.clear();
        reparsed.follower_sample = None;
        reparsed.warnings = vec!["feed: 1 item skipped (unknown embed type)".into()];
        reparsed.profile.display_name = Some("Alice A.".into());
        store.replace_snapshot_parse(id, &reparsed).unwrap();

        assert_eq!(store.load_snapshot(id).unwrap(), reparsed);
        assert_eq!(store.raw_responses(id).unwrap(), raw);
        assert_eq!(
            store
                .snapshots_of(store.snapshot_meta(id).unwrap().account_id)
                .unwrap()
                .len(),
            1
        );
        assert_eq!(
            store.accounts().unwrap()[0].display_name.as_deref(),
            Some("Alice A.")
        );
        let orphans: i64 = store
            .conn
            .query_row(
                "SELECT count(*) FROM post_metrics WHERE post_row_id NOT IN (SELECT id FROM posts)",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(orphans, 0);
    }

    #[test]
    fn reparse_refuses_another_account_and_a_missing_snapshot() {
        let mut store = Store::open_in_memory().unwrap();
        let id = store.save_snapshot(&rich_snapshot(), &[], false).unwrap();
        let mut other = rich_snapshot();
        other.profile.id = "did:plc:bob".into();
        assert!(matches!(
            store.replace_snapshot_parse(id, &other),
            Err(StoreError::Invalid { .. })
        ));
        assert_eq!(store.load_snapshot(id).unwrap(), rich_snapshot());
        assert!(matches!(
            store.replace_snapshot_parse(SnapshotId(999), &rich_snapshot()),
            Err(StoreError::NotFound { .. })
        ));
    }

    #[test]
    fn missing_rows_are_not_found() {
        let store = Store::open_in_memory().unwrap();
        for err in [
            store.load_snapshot(SnapshotId(5)).unwrap_err(),
            store.snapshot_meta(SnapshotId(5)).unwrap_err(),
            store.raw_responses(SnapshotId(5)).unwrap_err(),
        ] {
            assert!(
                matches!(&err, StoreError::NotFound { what } if what == "snapshot 5"),
                "{err}"
            );
        }
        assert!(store.latest_snapshot(AccountId(1)).unwrap().is_none());
    }

    #[test]
    fn a_snapshot_without_platform_id_is_refused() {
        let mut store = Store::open_in_memory().unwrap();
        let mut snap = rich_snapshot();
        snap.profile.id = String::new();
        assert!(matches!(
            store.save_snapshot(&snap, &[], false),
            Err(StoreError::Invalid { .. })
        ));
        assert!(store.is_empty().unwrap());
    }

    #[test]
    fn a_failed_run_keeps_its_raw_responses() {
        let mut store = Store::open_in_memory().unwrap();
        let run = store.start_run("@alice.bsky.social").unwrap();
        let raw = crate::testdata::raw_responses();
        store.save_run_responses(run, &raw[..1]).unwrap();
        store.save_run_responses(run, &raw[1..]).unwrap();
        assert_eq!(store.run_responses(run).unwrap(), raw);
        assert!(matches!(
            store.save_run_responses(RunId(77), &raw),
            Err(StoreError::NotFound { .. })
        ));
    }
}
