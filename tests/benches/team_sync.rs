//! Team sync at workspace scale (issue 13): a scout's workspace of
//! `SCOUT_BENCH_CREATORS` generated creators (default 10,000) joins a real
//! `scout-server` on a real PostgreSQL, puts every creator on one shortlist, and
//! syncs; then a new device joins the team and syncs everything down. Prints the time
//! of each step; the target for the new device is under 30 s. Nothing is asserted
//! about time; the new device must end with every creator on the shortlist.
//!
//! `SCOUT_KEYCHAIN=keyutils keyctl session - bash tests/support/with-postgres.sh \
//!   cargo bench -p scout-tests --bench team_sync`
//! (needs `SCOUT_TEST_DATABASE_URL`; refuses to run without it).

use std::time::{Duration, Instant};

use scout::Workspace;
use scout::views::CreatorQuery;
use scout_core::sync::Role;
use scout_server::{Server, db, testing};

fn secs(d: Duration) -> String {
    format!("{:.2} s", d.as_secs_f64())
}

fn all_ids(ws: &Workspace) -> Vec<i64> {
    let mut ids = Vec::new();
    loop {
        let page = ws
            .list_creators(&CreatorQuery {
                limit: Some(scout::MAX_LIMIT),
                offset: Some(u32::try_from(ids.len()).expect("fits")),
                ..CreatorQuery::default()
            })
            .expect("a page of creators");
        if page.rows.is_empty() {
            return ids;
        }
        ids.extend(page.rows.iter().map(|r| r.id));
    }
}

#[tokio::main(flavor = "multi_thread")]
async fn main() {
    let n: usize = std::env::var("SCOUT_BENCH_CREATORS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(10_000);
    let Some((_, pool)) = testing::database("team_sync_bench").await else {
        eprintln!("team_sync bench: SCOUT_TEST_DATABASE_URL is not set (see the header)");
        std::process::exit(2);
    };
    let server = Server::start(pool.clone(), "127.0.0.1:0".parse().unwrap(), None)
        .await
        .expect("server starts");
    let url = format!("http://{}", server.addr);
    let code = |role| {
        let pool = pool.clone();
        async move {
            db::create_invite(&pool, "bench", role, chrono::Duration::hours(1))
                .await
                .expect("invite")
                .code
        }
    };

    let dir_a = tempfile::tempdir().unwrap();
    let a = Workspace::open(Some(dir_a.path().to_path_buf())).unwrap();
    let t = Instant::now();
    a.load_demo_n(n).unwrap();
    let demo = t.elapsed();
    let ids = all_ids(&a);
    assert_eq!(ids.len(), n);
    a.team_join(&url, &code(Role::Scout).await, Some("scout-a"))
        .await
        .unwrap();
    a.create_shortlist("Everyone", Some("Bench")).unwrap();
    let t = Instant::now();
    a.add_to_shortlist("Everyone", &ids).unwrap();
    let add = t.elapsed();
    let t = Instant::now();
    let pushed = a.team_sync().await.unwrap();
    let push = t.elapsed();
    assert!(pushed.rejected.is_empty(), "{:?}", pushed.rejected);

    let dir_b = tempfile::tempdir().unwrap();
    let b = Workspace::open(Some(dir_b.path().to_path_buf())).unwrap();
    let t = Instant::now();
    // Joining already syncs once; the second sync finds nothing new.
    let joined = b
        .team_join(&url, &code(Role::Scout).await, Some("scout-b"))
        .await
        .unwrap();
    let pulled = b.team_sync().await.unwrap();
    let new_device = t.elapsed();
    let got = b.shortlist("Everyone").unwrap().entries.len();
    assert_eq!(
        got, n,
        "the new device holds every creator on the shortlist"
    );

    println!("team sync of a {n}-creator workspace (real server, real PostgreSQL, loopback)");
    println!("| step | time |");
    println!("|---|---|");
    println!("| demo workspace generated | {} |", secs(demo));
    println!(
        "| {n} creators added to a shortlist (joined workspace) | {} |",
        secs(add)
    );
    println!(
        "| first sync up: {} ops pushed | {} |",
        pushed.pushed,
        secs(push)
    );
    println!(
        "| new device: join (applies {} changes, {} shared snapshots) + a second sync ({} more) | {} |",
        joined.applied,
        joined.shared_snapshots,
        pulled.pulled,
        secs(new_device)
    );
    server.stop().await.unwrap();
}
