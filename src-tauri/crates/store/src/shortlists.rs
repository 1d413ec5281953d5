//! Shortlists and their entries: [`ShortlistSummary`] (a shortlist with counts
//! per review status) and [`EntryRow`] (an account on a shortlist with its
//! status, note and tags).

use chrono::{DateTime, Utc};
use rusqlite::{Connection, ErrorCode, OptionalExtension, params};
use scout_core::ShortlistStatus;
use serde::{Deserialize, Serialize};

use crate::accounts::{self, AccountRow};
use crate::codec::{Json, Key, Time, to_json};
use crate::error::{Result, StoreError};
use crate::ids::{AccountId, ShortlistId};

/// A shortlist with how many entries it has in each status.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ShortlistSummary {
    /// Row id.
    pub id: ShortlistId,
    /// Unique name.
    pub name: String,
    /// Client the shortlist is for.
    pub client: Option<String>,
    /// Free notes.
    pub notes: Option<String>,
    /// When it was created.
    pub created_at: DateTime<Utc>,
    /// Last change to the shortlist itself (name, client, notes).
    pub updated_at: DateTime<Utc>,
    /// All entries.
    pub entries: u32,
    /// Entries not yet reviewed.
    pub candidates: u32,
    /// Entries under review.
    pub vetting: u32,
    /// Approved entries.
    pub approved: u32,
    /// Rejected entries.
    pub rejected: u32,
}

/// One account on a shortlist.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EntryRow {
    /// The account, with its latest numbers.
    pub account: AccountRow,
    /// Review status.
    pub status: ShortlistStatus,
    /// The scout's note.
    pub note: Option<String>,
    /// Tags.
    pub tags: Vec<String>,
    /// When it was added.
    pub added_at: DateTime<Utc>,
    /// Last change of status, note or tags.
    pub updated_at: DateTime<Utc>,
}

fn is_unique_violation(e: &rusqlite::Error) -> bool {
    matches!(e, rusqlite::Error::SqliteFailure(f, _) if f.code == ErrorCode::ConstraintViolation
        && f.extended_code == rusqlite::ffi::SQLITE_CONSTRAINT_UNIQUE)
}

fn clean_name(name: &str) -> Result<&str> {
    let name = name.trim();
    if name.is_empty() {
        Err(StoreError::invalid("a shortlist without a name"))
    } else {
        Ok(name)
    }
}

pub(crate) fn create(
    c: &Connection,
    name: &str,
    client: Option<&str>,
    now: DateTime<Utc>,
) -> Result<ShortlistId> {
    let name = clean_name(name)?;
    c.prepare_cached(
        "INSERT INTO shortlists (name, client, created_at, updated_at, team_key)
         VALUES (?1, ?2, ?3, ?3, lower(hex(randomblob(16))))
         RETURNING id",
    )?
    .query_row(params![name, client, Time(now)], |r| r.get(0))
    .map_err(|e| {
        if is_unique_violation(&e) {
            StoreError::ShortlistExists(name.to_owned())
        } else {
            e.into()
        }
    })
}

pub(crate) fn summaries(
    c: &Connection,
    only: Option<ShortlistId>,
) -> Result<Vec<ShortlistSummary>> {
    let mut stmt = c.prepare_cached(
        "SELECT l.id, l.name, l.client, l.notes, l.created_at, l.updated_at,
                count(e.id),
                coalesce(sum(e.status = 'candidate'), 0), coalesce(sum(e.status = 'vetting'), 0),
                coalesce(sum(e.status = 'approved'), 0), coalesce(sum(e.status = 'rejected'), 0)
         FROM shortlists l LEFT JOIN shortlist_entries e ON e.shortlist_id = l.id
         WHERE ?1 IS NULL OR l.id = ?1
         GROUP BY l.id
         ORDER BY l.name COLLATE NOCASE, l.id",
    )?;
    let rows = stmt.query_map([only], |r| {
        Ok(ShortlistSummary {
            id: r.get(0)?,
            name: r.get(1)?,
            client: r.get(2)?,
            notes: r.get(3)?,
            created_at: r.get::<_, Time>(4)?.0,
            updated_at: r.get::<_, Time>(5)?.0,
            entries: r.get(6)?,
            candidates: r.get(7)?,
            vetting: r.get(8)?,
            approved: r.get(9)?,
            rejected: r.get(10)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub(crate) fn id_by_name(c: &Connection, name: &str) -> Result<Option<ShortlistId>> {
    Ok(
        c.prepare_cached("SELECT id FROM shortlists WHERE name = ?1")?
            .query_row([name.trim()], |r| r.get(0))
            .optional()?,
    )
}

fn ensure_shortlist(c: &Connection, id: ShortlistId) -> Result<()> {
    if c.prepare_cached("SELECT 1 FROM shortlists WHERE id = ?1")?
        .exists([id])?
    {
        Ok(())
    } else {
        Err(StoreError::not_found(id.to_string()))
    }
}

pub(crate) fn rename(
    c: &Connection,
    id: ShortlistId,
    name: &str,
    now: DateTime<Utc>,
) -> Result<()> {
    let name = clean_name(name)?;
    let changed = c
        .prepare_cached("UPDATE shortlists SET name = ?2, updated_at = ?3 WHERE id = ?1")?
        .execute(params![id, name, Time(now)])
        .map_err(|e| {
            if is_unique_violation(&e) {
                StoreError::ShortlistExists(name.to_owned())
            } else {
                e.into()
            }
        })?;
    if changed == 0 {
        Err(StoreError::not_found(id.to_string()))
    } else {
        Ok(())
    }
}

/// Set the `client` or `notes` column.
pub(crate) fn set_text(
    c: &Connection,
    id: ShortlistId,
    column: &'static str,
    value: Option<&str>,
    now: DateTime<Utc>,
) -> Result<()> {
    debug_assert!(matches!(column, "client" | "notes"));
    let changed = c
        .prepare_cached(&format!(
            "UPDATE shortlists SET {column} = ?2, updated_at = ?3 WHERE id = ?1"
        ))?
        .execute(params![id, value, Time(now)])?;
    if changed == 0 {
        Err(StoreError::not_found(id.to_string()))
    } else {
        Ok(())
    }
}

pub(crate) fn delete(c: &Connection, id: ShortlistId) -> Result<()> {
    match c
        .prepare_cached("DELETE FROM shortlists WHERE id = ?1")?
        .execute([id])?
    {
        0 => Err(StoreError::not_found(id.to_string())),
        _ => Ok(()),
    }
}

pub(crate) fn add(
    c: &Connection,
    id: ShortlistId,
    account: AccountId,
    now: DateTime<Utc>,
) -> Result<()> {
    ensure_shortlist(c, id)?;
    if !c
        .prepare_cached("SELECT 1 FROM accounts WHERE id = ?1")?
        .exists([account])?
    {
        return Err(StoreError::not_found(account.to_string()));
    }
    c.prepare_cached(
        "INSERT INTO shortlist_entries (shortlist_id, account_id, status, added_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?4)
         ON CONFLICT (shortlist_id, account_id) DO NOTHING",
    )?
    .execute(params![
        id,
        account,
        Key(ShortlistStatus::Candidate),
        Time(now)
    ])?;
    Ok(())
}

pub(crate) fn has_entry(c: &Connection, id: ShortlistId, account: AccountId) -> Result<bool> {
    Ok(c.prepare_cached(
        "SELECT 1 FROM shortlist_entries WHERE shortlist_id = ?1 AND account_id = ?2",
    )?
    .exists(params![id, account])?)
}

pub(crate) fn remove(c: &Connection, id: ShortlistId, account: AccountId) -> Result<()> {
    ensure_shortlist(c, id)?;
    c.prepare_cached("DELETE FROM shortlist_entries WHERE shortlist_id = ?1 AND account_id = ?2")?
        .execute(params![id, account])?;
    Ok(())
}

/// Update one column of an entry; a missing entry is `NotFound`.
fn update_entry(
    c: &Connection,
    id: ShortlistId,
    account: AccountId,
    column: &'static str,
    value: &dyn rusqlite::ToSql,
    now: DateTime<Utc>,
) -> Result<()> {
    let changed = c
        .prepare_cached(&format!(
            "UPDATE shortlist_entries SET {column} = ?3, updated_at = ?4
             WHERE shortlist_id = ?1 AND account_id = ?2"
        ))?
        .execute(params![id, account, value, Time(now)])?;
    if changed == 0 {
        ensure_shortlist(c, id)?;
        return Err(StoreError::not_found(format!("{account} on {id}")));
    }
    Ok(())
}

pub(crate) fn set_status(
    c: &Connection,
    id: ShortlistId,
    account: AccountId,
    status: ShortlistStatus,
    now: DateTime<Utc>,
) -> Result<()> {
    update_entry(c, id, account, "status", &Key(status), now)
}

pub(crate) fn set_note(
    c: &Connection,
    id: ShortlistId,
    account: AccountId,
    note: Option<&str>,
    now: DateTime<Utc>,
) -> Result<()> {
    update_entry(c, id, account, "note", &note, now)
}

pub(crate) fn set_tags(
    c: &Connection,
    id: ShortlistId,
    account: AccountId,
    tags: &[String],
    now: DateTime<Utc>,
) -> Result<()> {
    update_entry(
        c,
        id,
        account,
        "tags_json",
        &to_json(tags, "entry tags")?,
        now,
    )
}

pub(crate) fn entries(c: &Connection, id: ShortlistId) -> Result<Vec<EntryRow>> {
    ensure_shortlist(c, id)?;
    let sql = accounts::select_sql_with(
        ", e.status, e.note, e.tags_json, e.added_at, e.updated_at",
        "JOIN shortlist_entries e ON e.account_id = a.id",
    );
    let mut stmt = c.prepare_cached(&format!(
        "{sql} WHERE e.shortlist_id = ?1 ORDER BY e.added_at, e.id"
    ))?;
    let at = accounts::COLUMNS;
    let rows = stmt.query_map([id], |r| {
        Ok(EntryRow {
            account: accounts::from_row(r)?,
            status: r.get::<_, Key<ShortlistStatus>>(at)?.0,
            note: r.get(at + 1)?,
            tags: r.get::<_, Json<Vec<String>>>(at + 2)?.0,
            added_at: r.get::<_, Time>(at + 3)?.0,
            updated_at: r.get::<_, Time>(at + 4)?.0,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The names of the shortlists `account` is on, in the order of [`summaries`]: one query.
pub(crate) fn names_of(c: &Connection, account: AccountId) -> Result<Vec<String>> {
    let mut stmt = c.prepare_cached(
        "SELECT l.name FROM shortlists l
         WHERE l.id IN (SELECT e.shortlist_id FROM shortlist_entries e WHERE e.account_id = ?1)
         ORDER BY l.name COLLATE NOCASE, l.id",
    )?;
    let rows = stmt.query_map([account], |r| r.get::<_, String>(0))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Store;
    use crate::testdata::{at, rich_snapshot};
    use scout_core::{Platform, Profile, Snapshot};
    use std::sync::Arc;
    use std::sync::atomic::{AtomicI64, Ordering};

    /// A store whose clock advances one minute per write, from 2025-03-01 10:00.
    fn store() -> Store {
        let minutes = Arc::new(AtomicI64::new(0));
        Store::open_in_memory().unwrap().with_clock(move || {
            at("2025-03-01T10:00:00Z")
                + chrono::Duration::minutes(minutes.fetch_add(1, Ordering::SeqCst))
        })
    }

    fn account(store: &mut Store, id: &str) -> AccountId {
        let profile = Profile {
            id: id.into(),
            handle: id.into(),
            url: String::new(),
            ..Profile::default()
        };
        let snap = Snapshot::new(Platform::Mastodon, profile, at("2025-02-01T00:00:00Z"));
        let sid = store.save_snapshot(&snap, &[], false).unwrap();
        store.snapshot_meta(sid).unwrap().account_id
    }

    #[test]
    fn many_are_added_in_one_write_and_an_unknown_account_adds_none() {
        let mut s = store();
        let list = s.create_shortlist("Spring", None).unwrap();
        let a = account(&mut s, "a");
        let b = account(&mut s, "b");
        s.add_to_shortlist(list, a).unwrap();
        s.set_entry_note(list, a, Some("keep me")).unwrap();
        assert_eq!(s.add_many_to_shortlist(list, &[a, b, b]).unwrap(), 1);
        let entries = s.shortlist_entries(list).unwrap();
        assert_eq!(entries.len(), 2);
        assert_eq!(
            entries
                .iter()
                .find(|e| e.account.id == a)
                .unwrap()
                .note
                .as_deref(),
            Some("keep me"),
            "an account already on the list keeps its entry"
        );
        let c = account(&mut s, "c");
        let err = s
            .add_many_to_shortlist(list, &[c, AccountId(9_999)])
            .unwrap_err();
        assert!(matches!(err, StoreError::NotFound { .. }), "{err}");
        assert_eq!(
            s.shortlist_entries(list).unwrap().len(),
            2,
            "one unknown account leaves the list as it was"
        );
    }

    #[test]
    fn duplicate_names_are_a_typed_error_ignoring_case() {
        let mut s = store();
        s.create_shortlist("Spring Launch", Some("Acme")).unwrap();
        let err = s.create_shortlist(" spring launch ", None).unwrap_err();
        assert!(
            matches!(&err, StoreError::ShortlistExists(n) if n == "spring launch"),
            "{err}"
        );
        assert_eq!(err.code(), "store.shortlist_exists");
        assert!(matches!(
            s.create_shortlist("  ", None),
            Err(StoreError::Invalid { .. })
        ));
        assert_eq!(s.shortlists().unwrap().len(), 1);
    }

    #[test]
    fn names_of_an_account_in_one_query() {
        let mut s = store();
        let spring = s.create_shortlist("Spring", None).unwrap();
        let autumn = s.create_shortlist("autumn", None).unwrap();
        let _winter = s.create_shortlist("Winter", None).unwrap();
        let a = account(&mut s, "a@x");
        let b = account(&mut s, "b@x");
        s.add_to_shortlist(spring, a).unwrap();
        s.add_to_shortlist(autumn, a).unwrap();
        s.add_to_shortlist(spring, b).unwrap();
        assert_eq!(s.shortlists_of(a).unwrap(), ["autumn", "Spring"]);
        assert_eq!(s.shortlists_of(b).unwrap(), ["Spring"]);
        s.remove_from_shortlist(spring, a).unwrap();
        assert_eq!(s.shortlists_of(a).unwrap(), ["autumn"]);
        let c = account(&mut s, "c@x");
        assert!(s.shortlists_of(c).unwrap().is_empty());
    }

    #[test]
    fn summaries_count_entries_per_status() {
        let mut s = store();
        let list = s.create_shortlist("Spring", Some("Acme")).unwrap();
        let empty = s.create_shortlist("autumn", None).unwrap();
        let a = account(&mut s, "a@x");
        let b = account(&mut s, "b@x");
        let c = account(&mut s, "c@x");
        for acc in [a, b, c] {
            s.add_to_shortlist(list, acc).unwrap();
        }
        s.set_entry_status(list, a, ShortlistStatus::Approved)
            .unwrap();
        s.set_entry_status(list, b, ShortlistStatus::Rejected)
            .unwrap();

        let all = s.shortlists().unwrap();
        let counts: Vec<_> = all
            .iter()
            .map(|l| {
                (
                    l.name.as_str(),
                    l.entries,
                    l.candidates,
                    l.vetting,
                    l.approved,
                    l.rejected,
                )
            })
            .collect();
        assert_eq!(
            counts,
            [("autumn", 0, 0, 0, 0, 0), ("Spring", 3, 1, 0, 1, 1)]
        );
        assert_eq!(all[1].client.as_deref(), Some("Acme"));
        assert_eq!(all[1].created_at, at("2025-03-01T10:00:00Z"));
        assert_eq!(s.shortlist(empty).unwrap(), all[0]);
        assert_eq!(
            s.shortlist_by_name("SPRING").unwrap().map(|l| l.id),
            Some(list)
        );
        assert!(s.shortlist_by_name("winter").unwrap().is_none());
    }

    #[test]
    fn adding_twice_is_idempotent_and_keeps_review_state() {
        let mut s = store();
        let list = s.create_shortlist("Spring", None).unwrap(); // 10:00
        let a = account(&mut s, "a@x"); // 10:01
        s.add_to_shortlist(list, a).unwrap(); // 10:02
        s.set_entry_status(list, a, ShortlistStatus::Vetting)
            .unwrap(); // 10:03
        s.set_entry_note(list, a, Some("great fit, check rates"))
            .unwrap(); // 10:04
        s.set_entry_tags(list, a, &["food".into(), "de".into()])
            .unwrap(); // 10:05
        s.add_to_shortlist(list, a).unwrap(); // 10:06, no change

        let entries = s.shortlist_entries(list).unwrap();
        assert_eq!(entries.len(), 1);
        let e = &entries[0];
        assert_eq!(e.account.id, a);
        assert_eq!(e.account.platform_id, "a@x");
        assert_eq!(e.status, ShortlistStatus::Vetting);
        assert_eq!(e.note.as_deref(), Some("great fit, check rates"));
        assert_eq!(e.tags, ["food", "de"]);
        assert_eq!(e.added_at, at("2025-03-01T10:02:00Z"));
        assert_eq!(e.updated_at, at("2025-03-01T10:05:00Z"));
    }

    #[test]
    fn entries_keep_the_order_they_were_added_and_can_be_removed() {
        let mut s = store();
        let list = s.create_shortlist("Spring", None).unwrap();
        let snap = s.save_snapshot(&rich_snapshot(), &[], false).unwrap();
        let alice = s.snapshot_meta(snap).unwrap().account_id;
        let b = account(&mut s, "b@x");
        s.add_to_shortlist(list, b).unwrap();
        s.add_to_shortlist(list, alice).unwrap();
        let order: Vec<_> = s
            .shortlist_entries(list)
            .unwrap()
            .iter()
            .map(|e| e.account.id)
            .collect();
        assert_eq!(order, [b, alice]);
        let alice_entry = &s.shortlist_entries(list).unwrap()[1];
        assert_eq!(
            alice_entry
                .account
                .latest
                .as_ref()
                .and_then(|m| m.followers),
            Some(12_480)
        );

        s.remove_from_shortlist(list, b).unwrap();
        s.remove_from_shortlist(list, b).unwrap();
        let order: Vec<_> = s
            .shortlist_entries(list)
            .unwrap()
            .iter()
            .map(|e| e.account.id)
            .collect();
        assert_eq!(order, [alice]);
    }

    #[test]
    fn rename_and_delete() {
        let mut s = store();
        let a = s.create_shortlist("Spring", None).unwrap();
        s.create_shortlist("Summer", None).unwrap();
        assert!(matches!(
            s.rename_shortlist(a, "summer"),
            Err(StoreError::ShortlistExists(_))
        ));
        s.rename_shortlist(a, "Spring (final)").unwrap();
        s.set_shortlist_client(a, Some("Acme GmbH")).unwrap();
        s.set_shortlist_notes(a, Some("budget 5k")).unwrap();
        let l = s.shortlist(a).unwrap();
        assert_eq!(
            (l.name.as_str(), l.client.as_deref(), l.notes.as_deref()),
            ("Spring (final)", Some("Acme GmbH"), Some("budget 5k"))
        );
        // Renaming to its own name in another case is allowed.
        s.rename_shortlist(a, "SPRING (final)").unwrap();

        let acc = account(&mut s, "a@x");
        s.add_to_shortlist(a, acc).unwrap();
        s.delete_shortlist(a).unwrap();
        assert!(matches!(s.shortlist(a), Err(StoreError::NotFound { .. })));
        assert!(matches!(
            s.delete_shortlist(a),
            Err(StoreError::NotFound { .. })
        ));
        assert!(matches!(
            s.shortlist_entries(a),
            Err(StoreError::NotFound { .. })
        ));
        // The account survives its shortlist.
        assert_eq!(s.account(acc).unwrap().id, acc);
    }

    #[test]
    fn unknown_shortlists_accounts_and_entries_are_not_found() {
        let mut s = store();
        let list = s.create_shortlist("Spring", None).unwrap();
        let a = account(&mut s, "a@x");
        let missing = ShortlistId(99);
        assert!(matches!(
            s.add_to_shortlist(missing, a),
            Err(StoreError::NotFound { .. })
        ));
        assert!(matches!(
            s.add_to_shortlist(list, AccountId(99)),
            Err(StoreError::NotFound { .. })
        ));
        let err = s
            .set_entry_status(list, a, ShortlistStatus::Approved)
            .unwrap_err();
        assert!(
            matches!(&err, StoreError::NotFound { what } if what == "account 1 on shortlist 1"),
            "{err}"
        );
        let err = s.set_entry_note(missing, a, None).unwrap_err();
        assert!(
            matches!(&err, StoreError::NotFound { what } if what == "shortlist 99"),
            "{err}"
        );
        assert!(matches!(
            s.rename_shortlist(missing, "x"),
            Err(StoreError::NotFound { .. })
        ));
    }
}
