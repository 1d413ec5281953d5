//! Accounts: [`AccountRow`] (an account with its latest snapshot's numbers and
//! the verdicts of its current findings, read in one query) and [`VerdictCounts`].

use chrono::{DateTime, Utc};
use rusqlite::{Connection, OptionalExtension, Row, params};
use scout_core::Platform;
use serde::{Deserialize, Serialize};

use crate::codec::{Key, Time};
use crate::error::{Result, StoreError};
use crate::findings::CURRENT_FINDINGS;
use crate::ids::AccountId;
use crate::snapshots::{META_COLUMNS, SnapshotMeta, meta_from_row};

/// How many current findings of a snapshot have each verdict.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct VerdictCounts {
    /// Within the expected range.
    pub ok: u32,
    /// Worth a look.
    pub watch: u32,
    /// Strong sign of a problem.
    pub risk: u32,
    /// Too little data to judge.
    pub not_enough_data: u32,
}

/// One account as the Creators table shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccountRow {
    /// Row id.
    pub id: AccountId,
    /// Platform.
    pub platform: Platform,
    /// Stable platform id (DID, channel id, …).
    pub platform_id: String,
    /// Handle as of the newest snapshot.
    pub handle: String,
    /// Display name as of the newest snapshot.
    pub display_name: Option<String>,
    /// Profile URL.
    pub url: String,
    /// Avatar URL.
    pub avatar_url: Option<String>,
    /// Fetch time of the oldest snapshot.
    pub first_seen: DateTime<Utc>,
    /// Fetch time of the newest snapshot.
    pub last_seen: DateTime<Utc>,
    /// Every snapshot of the account is demo data.
    pub is_demo: bool,
    /// Number of snapshots stored.
    pub snapshot_count: u32,
    /// The newest snapshot's numbers (`None` only for an account without snapshots).
    pub latest: Option<SnapshotMeta>,
    /// Verdicts of the newest snapshot's current findings (all zero before checks ran).
    pub verdicts: VerdictCounts,
}

/// Account columns, the latest snapshot's meta, snapshot count and verdict counts,
/// then `extra_columns` (starting with a comma), from `accounts a` joined with
/// `extra_joins`. Append `WHERE …` / `ORDER BY …`.
pub(crate) fn select_sql_with(extra_columns: &str, extra_joins: &str) -> String {
    // Each verdict count is a correlated lookup of the one snapshot's findings
    // (index `findings_by_snapshot`), never an aggregate over the whole table.
    let count = |verdict: &str| {
        format!(
            "(SELECT count(*) FROM findings f
              WHERE f.snapshot_id = s.id AND f.verdict = '{verdict}' AND {CURRENT_FINDINGS})"
        )
    };
    format!(
        "SELECT a.id, a.platform, a.platform_id, a.handle, a.display_name, a.url, a.avatar_url,
                a.first_seen, a.last_seen, a.is_demo,
                (SELECT count(*) FROM profile_snapshots n WHERE n.account_id = a.id),
                {}, {}, {}, {},
                {META_COLUMNS}{extra_columns}
         FROM accounts a {extra_joins}
         LEFT JOIN profile_snapshots s ON s.id = (
             SELECT l.id FROM profile_snapshots l WHERE l.account_id = a.id
             ORDER BY l.fetched_at DESC, l.id DESC LIMIT 1)",
        count("ok"),
        count("watch"),
        count("risk"),
        count("not_enough_data"),
    )
}

fn select_sql() -> String {
    select_sql_with("", "")
}

/// Read the account columns of a row of [`select_sql_with`].
pub(crate) fn from_row(r: &Row<'_>) -> rusqlite::Result<AccountRow> {
    Ok(AccountRow {
        id: r.get(0)?,
        platform: r.get::<_, Key<Platform>>(1)?.0,
        platform_id: r.get(2)?,
        handle: r.get(3)?,
        display_name: r.get(4)?,
        url: r.get(5)?,
        avatar_url: r.get(6)?,
        first_seen: r.get::<_, Time>(7)?.0,
        last_seen: r.get::<_, Time>(8)?.0,
        is_demo: r.get(9)?,
        snapshot_count: r.get(10)?,
        verdicts: VerdictCounts {
            ok: r.get(11)?,
            watch: r.get(12)?,
            risk: r.get(13)?,
            not_enough_data: r.get(14)?,
        },
        latest: match r.get::<_, Option<i64>>(15)? {
            Some(_) => Some(meta_from_row(r, 15)?),
            None => None,
        },
    })
}

/// Number of account columns [`select_sql_with`] yields before the extra ones.
pub(crate) const COLUMNS: usize = 24;

pub(crate) fn all(c: &Connection) -> Result<Vec<AccountRow>> {
    let mut stmt = c.prepare_cached(&format!(
        "{} ORDER BY a.last_seen DESC, a.id DESC",
        select_sql()
    ))?;
    let rows = stmt.query_map([], from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub(crate) fn by_id(c: &Connection, id: AccountId) -> Result<AccountRow> {
    c.prepare_cached(&format!("{} WHERE a.id = ?1", select_sql()))?
        .query_row([id], from_row)
        .optional()?
        .ok_or_else(|| StoreError::not_found(id.to_string()))
}

/// The accounts with these ids, in the order given (unknown ids are left out), in one
/// query over a JSON array of the ids.
pub(crate) fn by_ids(c: &Connection, ids: &[AccountId]) -> Result<Vec<AccountRow>> {
    let list = format!(
        "[{}]",
        ids.iter()
            .map(|id| id.0.to_string())
            .collect::<Vec<_>>()
            .join(",")
    );
    let mut stmt = c.prepare_cached(&format!(
        "{} JOIN (SELECT min(CAST(j.key AS INTEGER)) AS pos, CAST(j.value AS INTEGER) AS id
                  FROM json_each(?1) j GROUP BY CAST(j.value AS INTEGER)) w ON w.id = a.id
         ORDER BY w.pos",
        select_sql()
    ))?;
    let rows = stmt.query_map([list], from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub(crate) fn find(
    c: &Connection,
    platform: Platform,
    handle_or_id: &str,
) -> Result<Option<AccountRow>> {
    let needle = handle_or_id.trim();
    let handle = needle.strip_prefix('@').unwrap_or(needle);
    // An exact platform id wins over a handle; among handles, the most recently seen.
    Ok(c.prepare_cached(&format!(
        "{} WHERE a.platform = ?1 AND (a.platform_id = ?2 OR a.handle = ?3 COLLATE NOCASE)
         ORDER BY a.platform_id = ?2 DESC, a.last_seen DESC LIMIT 1",
        select_sql()
    ))?
    .query_row(params![Key(platform), needle, handle], from_row)
    .optional()?)
}

pub(crate) fn find_anywhere(c: &Connection, handle_or_id: &str) -> Result<Vec<AccountRow>> {
    let needle = handle_or_id.trim();
    let handle = needle.strip_prefix('@').unwrap_or(needle);
    let mut stmt = c.prepare_cached(&format!(
        "{} WHERE a.id IN (SELECT id FROM accounts WHERE handle = ?1 COLLATE NOCASE
                           UNION SELECT id FROM accounts WHERE platform_id = ?2)
         ORDER BY a.last_seen DESC, a.id DESC",
        select_sql()
    ))?;
    let rows = stmt.query_map(params![handle, needle], from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub(crate) fn delete(c: &Connection, id: AccountId) -> Result<()> {
    match c
        .prepare_cached("DELETE FROM accounts WHERE id = ?1")?
        .execute([id])?
    {
        0 => Err(StoreError::not_found(id.to_string())),
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Store;
    use crate::testdata::{at, finding, rich_snapshot};
    use scout_core::{Profile, Snapshot, Verdict};

    fn snapshot(
        platform: Platform,
        id: &str,
        handle: &str,
        followers: u64,
        when: &str,
    ) -> Snapshot {
        let profile = Profile {
            id: id.into(),
            handle: handle.into(),
            url: format!("https://example.test/{handle}"),
            followers: Some(followers),
            ..Profile::default()
        };
        Snapshot::new(platform, profile, at(when))
    }

    #[test]
    fn accounts_by_ids_keeps_the_given_order_once_each_and_skips_unknown_ids() {
        let mut store = Store::open_in_memory().unwrap();
        let mut ids = Vec::new();
        for (i, h) in ["ann", "bob", "cy"].iter().enumerate() {
            let snap = snapshot(
                Platform::Bluesky,
                &format!("did:{h}"),
                h,
                100 * (i as u64 + 1),
                "2025-01-01T00:00:00Z",
            );
            let sid = store.save_snapshot(&snap, &[], false).unwrap();
            ids.push(store.snapshot_meta(sid).unwrap().account_id);
        }
        let ask = [ids[2], ids[0], AccountId(9_999), ids[2]];
        let got: Vec<String> = store
            .accounts_by_ids(&ask)
            .unwrap()
            .into_iter()
            .map(|a| a.handle)
            .collect();
        assert_eq!(got, ["cy", "ann"]);
        assert!(store.accounts_by_ids(&[]).unwrap().is_empty());
    }

    #[test]
    fn accounts_list_carries_latest_counts_and_current_verdicts() {
        let mut store = Store::open_in_memory().unwrap();
        let old = store
            .save_snapshot(
                &snapshot(
                    Platform::Youtube,
                    "UC1",
                    "chef",
                    900,
                    "2025-01-01T00:00:00Z",
                ),
                &[],
                false,
            )
            .unwrap();
        let new = store
            .save_snapshot(
                &snapshot(
                    Platform::Youtube,
                    "UC1",
                    "chef",
                    1_200,
                    "2025-02-01T00:00:00Z",
                ),
                &[],
                false,
            )
            .unwrap();
        store
            .save_snapshot(
                &snapshot(Platform::Tiktok, "77", "dancer", 50, "2025-01-15T00:00:00Z"),
                &[],
                true,
            )
            .unwrap();
        // Findings on the old snapshot must not count; on the new one only the current set.
        let t1 = at("2025-02-01T01:00:00Z");
        let t2 = at("2025-02-02T01:00:00Z");
        store
            .save_findings(old, &[finding("er", "er/1", Verdict::Risk, 0.1)], t1)
            .unwrap();
        store
            .save_findings(
                new,
                &[
                    finding("er", "er/1", Verdict::Risk, 0.1),
                    finding("growth", "growth/1", Verdict::Ok, 0.2),
                    finding("bots", "bots/1", Verdict::NotEnoughData, 0.0),
                ],
                t1,
            )
            .unwrap();
        store
            .save_findings(new, &[finding("er", "er/2", Verdict::Watch, 0.1)], t2)
            .unwrap();

        let rows = store.accounts().unwrap();
        let summary: Vec<_> = rows
            .iter()
            .map(|r| {
                (
                    r.handle.as_str(),
                    r.platform,
                    r.snapshot_count,
                    r.latest.as_ref().and_then(|m| m.followers),
                    r.is_demo,
                )
            })
            .collect();
        assert_eq!(
            summary,
            [
                ("chef", Platform::Youtube, 2, Some(1_200), false),
                ("dancer", Platform::Tiktok, 1, Some(50), true)
            ]
        );
        assert_eq!(rows[0].latest.as_ref().unwrap().id, new);
        assert_eq!(
            rows[0].verdicts,
            VerdictCounts {
                ok: 1,
                watch: 1,
                risk: 0,
                not_enough_data: 1
            }
        );
        assert_eq!(rows[1].verdicts, VerdictCounts::default());
        assert_eq!(store.account(rows[1].id).unwrap(), rows[1]);
    }

    /// One account's row must look up that account's findings through an index,
    /// not aggregate the whole findings table (0.9 s per row at 20,000 creators).
    #[test]
    fn one_accounts_row_searches_its_findings_by_index() {
        let store = Store::open_in_memory().unwrap();
        let sql = format!("EXPLAIN QUERY PLAN {} WHERE a.id = ?1", select_sql());
        let plan: Vec<String> = store
            .conn
            .prepare(&sql)
            .unwrap()
            .query_map([1], |r| r.get::<_, String>(3))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap();
        let text = plan.join("\n");
        assert!(
            !plan
                .iter()
                .any(|l| l.starts_with("SCAN") || l.contains("MATERIALIZE")),
            "full scan or materialised aggregate in:\n{text}"
        );
        assert!(text.contains("findings_by_snapshot"), "{text}");
    }

    #[test]
    fn find_account_by_id_or_handle() {
        let mut store = Store::open_in_memory().unwrap();
        let id = store.save_snapshot(&rich_snapshot(), &[], false).unwrap();
        let account = store.snapshot_meta(id).unwrap().account_id;
        for input in [
            "did:plc:alice",
            "alice.bsky.social",
            "@Alice.BSKY.social",
            " alice.bsky.social ",
        ] {
            let got = store.find_account(Platform::Bluesky, input).unwrap();
            assert_eq!(got.map(|r| r.id), Some(account), "{input}");
        }
        assert!(
            store
                .find_account(Platform::Mastodon, "alice.bsky.social")
                .unwrap()
                .is_none()
        );
        assert!(
            store
                .find_account(Platform::Bluesky, "bob.bsky.social")
                .unwrap()
                .is_none()
        );
    }

    #[test]
    fn an_exact_platform_id_beats_another_accounts_handle() {
        let mut store = Store::open_in_memory().unwrap();
        // Account 1's handle equals account 2's id (Twitch logins vs numeric ids can collide).
        store
            .save_snapshot(
                &snapshot(Platform::Twitch, "111", "222", 5, "2025-03-01T00:00:00Z"),
                &[],
                false,
            )
            .unwrap();
        store
            .save_snapshot(
                &snapshot(Platform::Twitch, "222", "zed", 6, "2025-01-01T00:00:00Z"),
                &[],
                false,
            )
            .unwrap();
        let got = store
            .find_account(Platform::Twitch, "222")
            .unwrap()
            .unwrap();
        assert_eq!(got.handle, "zed");
    }

    #[test]
    fn deleting_an_account_removes_its_data() {
        let mut store = Store::open_in_memory().unwrap();
        let snap = store
            .save_snapshot(&rich_snapshot(), &crate::testdata::raw_responses(), false)
            .unwrap();
        let account = store.snapshot_meta(snap).unwrap().account_id;
        let list = store.create_shortlist("Spring", None).unwrap();
        store.add_to_shortlist(list, account).unwrap();
        store.delete_account(account).unwrap();
        assert!(store.accounts().unwrap().is_empty());
        assert!(store.shortlist_entries(list).unwrap().is_empty());
        let leftovers: i64 = store
            .conn
            .query_row(
                "SELECT (SELECT count(*) FROM posts) + (SELECT count(*) FROM comments)
                      + (SELECT count(*) FROM raw_responses) + (SELECT count(*) FROM follower_samples)
                      + (SELECT count(*) FROM post_metrics)",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(leftovers, 0);
        assert!(matches!(
            store.delete_account(account),
            Err(StoreError::NotFound { .. })
        ));
        assert!(matches!(
            store.account(account),
            Err(StoreError::NotFound { .. })
        ));
    }
}
