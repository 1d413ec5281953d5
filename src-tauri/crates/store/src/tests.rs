//! Store-level tests: opening files, WAL with two connections, backup before
//! migrating, newer-schema refusal, and rollback of failed writes.

use rusqlite_migration::M;
use scout_core::{ShortlistStatus, Verdict};

use crate::schema::{MIGRATIONS, user_version};
use crate::testdata::{at, finding, raw_responses, rich_snapshot};
use crate::{SCHEMA_VERSION, Store, StoreError, backup_path};

const INIT_SQL: &str = include_str!("../migrations/0001_init.sql");
/// The shipped migrations plus one more, standing in for the next release's schema
/// (built from [`MIGRATIONS`], so a new shipped migration needs no change here).
fn next() -> &'static [M<'static>] {
    static NEXT: std::sync::OnceLock<Vec<M<'static>>> = std::sync::OnceLock::new();
    NEXT.get_or_init(|| {
        let mut all = MIGRATIONS.to_vec();
        all.push(M::up("ALTER TABLE accounts ADD COLUMN notes TEXT;"));
        all
    })
}

/// Schema v1 alone: a database written by the first release.
const V1: &[M<'static>] = &[M::up(INIT_SQL)];

fn count(store: &Store, table: &str) -> i64 {
    store
        .conn
        .query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))
        .unwrap()
}

#[test]
fn open_creates_the_file_and_its_folder_in_wal_mode() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("nested/data/scout.db");
    let store = Store::open(&path).unwrap();
    assert!(path.is_file());
    assert_eq!(store.path(), Some(path.as_path()));
    assert_eq!(store.schema_version().unwrap(), SCHEMA_VERSION);
    let mode: String = store
        .conn
        .query_row("PRAGMA journal_mode", [], |r| r.get(0))
        .unwrap();
    assert_eq!(mode, "wal");
    let fk: bool = store
        .conn
        .query_row("PRAGMA foreign_keys", [], |r| r.get(0))
        .unwrap();
    assert!(fk);
    let busy: i64 = store
        .conn
        .query_row("PRAGMA busy_timeout", [], |r| r.get(0))
        .unwrap();
    assert_eq!(busy, 5_000);
    // A fresh file needs no backup.
    assert!(!backup_path(&path, 0).exists());
}

#[test]
fn reopening_keeps_data_and_takes_no_backup_at_the_same_version() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("scout.db");
    let id = Store::open(&path)
        .unwrap()
        .save_snapshot(&rich_snapshot(), &[], false)
        .unwrap();
    let store = Store::open(&path).unwrap();
    assert_eq!(store.load_snapshot(id).unwrap(), rich_snapshot());
    let names: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .filter(|n| n.contains(".bak-"))
        .collect();
    assert!(names.is_empty(), "{names:?}");
}

#[test]
fn two_connections_work_side_by_side_under_wal() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("scout.db");
    let mut app = Store::open(&path).unwrap();
    let mut cli = Store::open(&path).unwrap();

    let snap = cli
        .save_snapshot(&rich_snapshot(), &raw_responses(), false)
        .unwrap();
    assert_eq!(app.load_snapshot(snap).unwrap(), rich_snapshot());
    let list = app.create_shortlist("Spring", None).unwrap();
    let account = app.accounts().unwrap()[0].id;
    app.add_to_shortlist(list, account).unwrap();
    cli.set_entry_status(list, account, ShortlistStatus::Approved)
        .unwrap();
    assert_eq!(app.shortlist(list).unwrap().approved, 1);

    // A reader in the middle of a read transaction does not block a writer (WAL).
    let reading = app.conn.unchecked_transaction().unwrap();
    let before: i64 = reading
        .query_row("SELECT count(*) FROM findings", [], |r| r.get(0))
        .unwrap();
    cli.save_findings(
        snap,
        &[finding("er", "er/1", Verdict::Ok, 0.03)],
        at("2025-03-01T13:00:00Z"),
    )
    .unwrap();
    let during: i64 = reading
        .query_row("SELECT count(*) FROM findings", [], |r| r.get(0))
        .unwrap();
    assert_eq!(
        (before, during),
        (0, 0),
        "the reader keeps its consistent view"
    );
    drop(reading);
    assert_eq!(app.findings(snap).unwrap().len(), 1);
}

#[test]
fn an_older_database_is_backed_up_before_migrating() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("scout.db");
    let id = Store::open(&path)
        .unwrap()
        .save_snapshot(&rich_snapshot(), &[], false)
        .unwrap();

    let shipped = MIGRATIONS.len();
    let upgraded = Store::open_with(&path, next()).unwrap();
    assert_eq!(upgraded.schema_version().unwrap(), shipped + 1);
    assert_eq!(upgraded.load_snapshot(id).unwrap(), rich_snapshot());

    // The backup is the database as it was: the shipped schema, with the snapshot.
    let backup = dir.path().join(format!("scout.db.bak-v{shipped}"));
    assert_eq!(backup_path(&path, shipped), backup);
    assert!(backup.is_file());
    let old = rusqlite::Connection::open(&backup).unwrap();
    assert_eq!(user_version(&old).unwrap(), shipped);
    let snapshots: i64 = old
        .query_row("SELECT count(*) FROM profile_snapshots", [], |r| r.get(0))
        .unwrap();
    assert_eq!(snapshots, 1);
    let has_notes: bool = old
        .query_row(
            "SELECT count(*) FROM pragma_table_info('accounts') WHERE name = 'notes'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert!(!has_notes);
    let leftovers = std::fs::read_dir(dir.path())
        .unwrap()
        .filter(|e| {
            e.as_ref()
                .unwrap()
                .file_name()
                .to_string_lossy()
                .contains(".tmp-")
        })
        .count();
    assert_eq!(leftovers, 0);
}

#[test]
fn a_newer_database_is_refused_and_left_alone() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("scout.db");
    drop(Store::open_with(&path, next()).unwrap());
    let newer = MIGRATIONS.len() + 1;
    let err = Store::open(&path).unwrap_err();
    assert!(
        matches!(&err, StoreError::TooNew { found, supported, .. } if *found == newer && *supported == MIGRATIONS.len()),
        "{err}"
    );
    assert!(err.to_string().contains("update Scout"), "{err}");
    let conn = rusqlite::Connection::open(&path).unwrap();
    assert_eq!(user_version(&conn).unwrap(), newer);
}

#[test]
fn a_v1_database_gains_a_creators_table_row_per_account() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("scout.db");
    drop(Store::open_with(&path, V1).unwrap());
    let v1 = rusqlite::Connection::open(&path).unwrap();
    v1.execute_batch(
        "INSERT INTO accounts (id, platform, platform_id, handle, url, first_seen, last_seen)
         VALUES (7, 'bluesky', 'did:plc:x', 'old.bsky.social', 'https://bsky.app/profile/old',
                 '2025-01-01T00:00:00.000000000Z', '2025-01-02T00:00:00.000000000Z');
         INSERT INTO profile_snapshots (id, account_id, fetched_at, followers, profile_json, stored_at)
         VALUES (1, 7, '2025-01-01T00:00:00.000000000Z', 5, '{}', '2025-01-01T00:00:00.000000000Z'),
                (2, 7, '2025-01-02T00:00:00.000000000Z', 9, '{}', '2025-01-02T00:00:00.000000000Z');",
    )
    .unwrap();
    drop(v1);
    let store = Store::open(&path).unwrap();
    assert_eq!(store.schema_version().unwrap(), SCHEMA_VERSION);
    assert_eq!(store.count_stale_facts().unwrap(), 1);
    let page = store
        .creators_page(&crate::CreatorQuery {
            limit: 10,
            ..crate::CreatorQuery::default()
        })
        .unwrap();
    assert_eq!(page.total, 1);
    let row = &page.rows[0];
    assert_eq!(
        (row.snapshot_id.get(), row.followers, row.handle.as_str()),
        (2, Some(9), "old.bsky.social")
    );
}

#[test]
fn a_reader_reads_beside_the_writer_and_cannot_write() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("scout.db");
    let mut writer = Store::open(&path).unwrap();
    let reader = Store::open_reader(&path).unwrap();
    writer.save_snapshot(&rich_snapshot(), &[], false).unwrap();
    assert_eq!(reader.creator_count().unwrap(), (1, false));
    let mut reader = reader;
    assert!(reader.mark_facts_stale().is_err());
}

#[test]
fn a_file_that_is_not_a_database_is_reported() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("scout.db");
    std::fs::write(
        &path,
        b"this is a text file, not SQLite, and it is long enough to have a header",
    )
    .unwrap();
    let err = Store::open(&path).unwrap_err();
    assert!(matches!(err, StoreError::Corrupt { .. }), "{err}");
}

#[test]
fn a_constraint_error_mid_save_rolls_the_whole_snapshot_back() {
    let mut store = Store::open_in_memory().unwrap();
    let first = store
        .save_snapshot(&rich_snapshot(), &raw_responses(), false)
        .unwrap();
    let before: Vec<i64> = [
        "accounts",
        "profile_snapshots",
        "posts",
        "post_metrics",
        "comments",
        "raw_responses",
    ]
    .iter()
    .map(|t| count(&store, t))
    .collect();
    // Fail on the second comment: the account upsert, snapshot, posts and first comment
    // have already been written inside the transaction by then.
    store
        .conn
        .execute_batch(
            "CREATE TRIGGER fail_second_comment BEFORE INSERT ON comments
             WHEN NEW.position = 1 AND NEW.snapshot_id > 1
             BEGIN SELECT RAISE(ABORT, 'forced failure'); END;",
        )
        .unwrap();
    let mut second = rich_snapshot();
    second.fetched_at = at("2025-03-09T00:00:00Z");
    second.profile.handle = "changed".into();
    let err = store
        .save_snapshot(&second, &raw_responses(), false)
        .unwrap_err();
    assert!(matches!(&err, StoreError::Sqlite(_)), "{err}");

    let after: Vec<i64> = [
        "accounts",
        "profile_snapshots",
        "posts",
        "post_metrics",
        "comments",
        "raw_responses",
    ]
    .iter()
    .map(|t| count(&store, t))
    .collect();
    assert_eq!(after, before);
    let account = &store.accounts().unwrap()[0];
    assert_eq!(account.handle, "alice.bsky.social");
    assert_eq!(account.last_seen, at("2025-03-01T12:00:00Z"));
    assert_eq!(store.load_snapshot(first).unwrap(), rich_snapshot());
}

#[test]
fn an_unstorable_count_rolls_back_and_says_why() {
    let mut store = Store::open_in_memory().unwrap();
    let mut snap = rich_snapshot();
    snap.comments[1].likes = Some(u64::MAX);
    let err = store.save_snapshot(&snap, &[], false).unwrap_err();
    assert!(matches!(err, StoreError::Invalid { .. }), "{err}");
    assert!(store.is_empty().unwrap());
    assert_eq!(count(&store, "profile_snapshots"), 0);
}

#[test]
fn a_failing_batch_stores_nothing() {
    let mut store = Store::open_in_memory().unwrap();
    store.create_shortlist("Spring", None).unwrap();
    let err = store
        .batch(|b| {
            b.save_snapshot(&rich_snapshot(), &[], true)?;
            b.save_brand("Seed Co", &serde_json::json!({"keywords": ["garden"]}))?;
            b.create_shortlist("spring", None)
        })
        .unwrap_err();
    assert!(matches!(err, StoreError::ShortlistExists(_)), "{err}");
    assert!(store.accounts().unwrap().is_empty());
    assert!(store.brands().unwrap().is_empty());
    assert_eq!(store.shortlists().unwrap().len(), 1);
}

#[test]
fn error_messages_say_what_to_do() {
    let e = StoreError::Busy;
    assert!(e.to_string().contains("try again"));
    assert_eq!(e.code(), "store.busy");
    let e = StoreError::NotFound {
        what: "shortlist 'x'".into(),
    };
    assert_eq!(e.to_string(), "shortlist 'x' not found");
}

#[test]
fn store_can_move_between_threads() {
    fn assert_send<T: Send>() {}
    assert_send::<Store>();
    let mut store = Store::open_in_memory().unwrap();
    let id = std::thread::spawn(move || {
        store
            .save_snapshot(&rich_snapshot(), &[], false)
            .map(|id| (id, store))
    })
    .join()
    .unwrap()
    .unwrap()
    .0;
    assert_eq!(id.get(), 1);
}

#[test]
fn a_bulk_write_leaves_no_write_ahead_log_behind() {
    // A later connection must not have to read a WAL as big as the bulk write.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("scout.db");
    let mut store = Store::open(&path).unwrap();
    let reader = Store::open_reader(&path).unwrap();
    store
        .batch(|b| {
            for i in 0..50 {
                let mut s = rich_snapshot();
                s.profile.id = format!("bulk-{i}");
                s.profile.handle = format!("bulk{i}.example");
                b.save_snapshot(&s, &[], true)?;
            }
            Ok(())
        })
        .unwrap();
    let wal = dir.path().join("scout.db-wal");
    let len = std::fs::metadata(&wal).map_or(0, |m| m.len());
    assert_eq!(len, 0, "the WAL holds {len} bytes after the batch");
    // The reader opened before still sees everything, and the page cache is back
    // at its default size.
    assert_eq!(reader.accounts().unwrap().len(), 50);
    let cache: i64 = store
        .conn
        .query_row("PRAGMA cache_size", [], |r| r.get(0))
        .unwrap();
    assert_eq!(cache, -2000);
}

#[test]
fn a_creators_history_saved_at_once_points_its_table_row_at_the_newest_snapshot() {
    let mut store = Store::open_in_memory().unwrap();
    let mut older = rich_snapshot();
    older.fetched_at = at("2025-01-01T10:00:00Z");
    older.profile.followers = Some(900);
    let mut newer = rich_snapshot();
    newer.fetched_at = at("2025-02-01T10:00:00Z");
    // Newest first: the row must follow the fetch time, not the order of saving.
    let metas = store
        .batch(|b| b.save_history(&[newer.clone(), older.clone()], true))
        .unwrap();
    // What the save returns is what a read gives back.
    for m in &metas {
        assert_eq!(*m, store.snapshot_meta(m.id).unwrap());
    }
    let ids: Vec<_> = metas.iter().map(|m| m.id).collect();
    assert_eq!(ids.len(), 2);
    assert_eq!(store.load_snapshot(ids[0]).unwrap(), newer);
    assert_eq!(store.load_snapshot(ids[1]).unwrap(), older);
    let stale = store.stale_facts(10).unwrap();
    assert_eq!(stale.len(), 1, "{stale:?}");
    assert_eq!(stale[0].1, ids[0]);
}
