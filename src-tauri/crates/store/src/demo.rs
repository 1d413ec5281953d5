//! Demo data: whether the store is empty, and [`ClearedDemo`], what removing
//! the demo data took away. Demo snapshots are saved with `is_demo = true`; the
//! bulk path is [`crate::Store::batch`] / [`crate::Store::save_snapshots`].

use rusqlite::Connection;
use serde::{Deserialize, Serialize};

use crate::error::Result;

/// What [`crate::Store::clear_demo`] removed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct ClearedDemo {
    /// Accounts whose every snapshot was demo data.
    pub accounts: usize,
    /// Demo snapshots (with their posts, findings, raw responses…).
    pub snapshots: usize,
    /// Shortlists whose every entry was a demo account.
    pub shortlists: usize,
}

pub(crate) fn is_empty(c: &Connection) -> Result<bool> {
    Ok(c.query_row(
        "SELECT NOT EXISTS (SELECT 1 FROM accounts) AND NOT EXISTS (SELECT 1 FROM shortlists)
                AND NOT EXISTS (SELECT 1 FROM brands)",
        [],
        |r| r.get(0),
    )?)
}

pub(crate) fn clear(c: &Connection) -> Result<ClearedDemo> {
    let shortlists = c.execute(
        "DELETE FROM shortlists WHERE id IN (
             SELECT e.shortlist_id FROM shortlist_entries e JOIN accounts a ON a.id = e.account_id
             GROUP BY e.shortlist_id HAVING min(a.is_demo) = 1)",
        [],
    )?;
    let snapshots = c.execute("DELETE FROM profile_snapshots WHERE is_demo = 1", [])?;
    let accounts = c.execute("DELETE FROM accounts WHERE is_demo = 1", [])?;
    // Real accounts that also had demo snapshots: seen-times from what is left.
    c.execute(
        "UPDATE accounts SET
           first_seen = (SELECT min(fetched_at) FROM profile_snapshots s WHERE s.account_id = accounts.id),
           last_seen  = (SELECT max(fetched_at) FROM profile_snapshots s WHERE s.account_id = accounts.id)
         WHERE EXISTS (SELECT 1 FROM profile_snapshots s WHERE s.account_id = accounts.id)",
        [],
    )?;
    // Their Creators-table rows went with the demo snapshots: rebuild them from what is left.
    crate::facts::restore_missing(c)?;
    Ok(ClearedDemo {
        accounts,
        snapshots,
        shortlists,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testdata::{at, finding, rich_snapshot};
    use crate::{AccountId, Store};
    use scout_core::{Platform, Post, Profile, Snapshot, Verdict};

    /// Demo creator `i`: 50 posts, 5 comments, a 20-account follower sample.
    fn demo_creator(i: usize) -> Snapshot {
        let profile = Profile {
            id: format!("demo-{i}"),
            handle: format!("demo{i}.example"),
            url: format!("https://demo.invalid/{i}"),
            followers: Some(1_000 * i as u64),
            ..Profile::default()
        };
        let mut s = Snapshot::new(Platform::ALL[i % 6], profile, at("2025-03-01T00:00:00Z"));
        s.posts = (0..50)
            .map(|p| Post {
                id: format!("demo-{i}-p{p}"),
                created_at: at("2025-02-01T00:00:00Z") + chrono::Duration::hours(p),
                text: format!("demo post {p}"),
                likes: Some(p as u64 * 3),
                ..Post::default()
            })
            .collect();
        s.comments = (0..5)
            .map(|k| scout_core::Comment {
                id: format!("demo-{i}-c{k}"),
                post_id: format!("demo-{i}-p0"),
                text: "so good".into(),
                ..scout_core::Comment::default()
            })
            .collect();
        s.follower_sample = Some(
            (0..20)
                .map(|f| scout_core::SampledAccount {
                    id: format!("f{f}"),
                    handle: format!("f{f}"),
                    ..Default::default()
                })
                .collect(),
        );
        s
    }

    fn count(store: &Store, table: &str) -> i64 {
        store
            .conn
            .query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))
            .unwrap()
    }

    #[test]
    fn bulk_demo_import_in_one_batch() {
        let mut store = Store::open_in_memory().unwrap();
        assert!(store.is_empty().unwrap());
        let creators: Vec<_> = (1..=60).map(demo_creator).collect();
        let list = store
            .batch(|b| {
                let list = b.create_shortlist("Demo: spring launch", Some("Demo client"))?;
                for c in &creators {
                    let id = b.save_snapshot(c, &[], true)?;
                    b.save_findings(
                        id,
                        &[finding("er", "er/1", Verdict::Ok, 0.03)],
                        at("2025-03-01T00:01:00Z"),
                    )?;
                }
                b.add_to_shortlist(list, AccountId(1))?;
                b.add_to_shortlist(list, AccountId(2))?;
                Ok(list)
            })
            .unwrap();
        assert!(!store.is_empty().unwrap());
        assert_eq!(count(&store, "accounts"), 60);
        assert_eq!(count(&store, "posts"), 60 * 50);
        assert_eq!(count(&store, "post_metrics"), 60 * 50);
        assert_eq!(count(&store, "comments"), 60 * 5);
        assert_eq!(count(&store, "follower_samples"), 60 * 20);
        assert_eq!(count(&store, "findings"), 60);
        assert_eq!(store.shortlist(list).unwrap().entries, 2);
        assert_eq!(
            store.load_snapshot(crate::SnapshotId(7)).unwrap(),
            creators[6]
        );
    }

    #[test]
    fn clear_demo_keeps_real_data() {
        let mut store = Store::open_in_memory().unwrap();
        let ids = store
            .save_snapshots(&[demo_creator(1), demo_creator(2)], true)
            .unwrap();
        let real = store
            .save_snapshot(&rich_snapshot(), &crate::testdata::raw_responses(), false)
            .unwrap();
        // A real account that also got a (later) demo snapshot keeps its real one.
        let mut demo_of_real = rich_snapshot();
        demo_of_real.fetched_at = at("2025-06-01T00:00:00Z");
        store.save_snapshot(&demo_of_real, &[], true).unwrap();
        let alice = store.snapshot_meta(real).unwrap().account_id;
        let demo1 = store.snapshot_meta(ids[0]).unwrap().account_id;

        let demo_list = store.create_shortlist("Demo list", None).unwrap();
        store.add_to_shortlist(demo_list, demo1).unwrap();
        let mixed = store.create_shortlist("Mixed", None).unwrap();
        store.add_to_shortlist(mixed, demo1).unwrap();
        store.add_to_shortlist(mixed, alice).unwrap();
        let empty = store.create_shortlist("Empty", None).unwrap();

        let cleared = store.clear_demo().unwrap();
        assert_eq!(
            cleared,
            ClearedDemo {
                accounts: 2,
                snapshots: 3,
                shortlists: 1
            }
        );

        let accounts = store.accounts().unwrap();
        assert_eq!(accounts.len(), 1);
        assert_eq!(accounts[0].id, alice);
        assert!(!accounts[0].is_demo);
        assert_eq!(accounts[0].last_seen, at("2025-03-01T12:00:00Z"));
        assert_eq!(store.load_snapshot(real).unwrap(), rich_snapshot());
        assert_eq!(
            store.raw_responses(real).unwrap(),
            crate::testdata::raw_responses()
        );
        let lists: Vec<_> = store
            .shortlists()
            .unwrap()
            .into_iter()
            .map(|l| (l.id, l.entries))
            .collect();
        assert_eq!(lists, [(empty, 0), (mixed, 1)]);
        assert_eq!(count(&store, "posts"), 3);
    }
}
