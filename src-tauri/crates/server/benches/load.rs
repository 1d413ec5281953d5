//! Load test against the real server on a real PostgreSQL: 20 simulated clients each
//! push 1,000 operations (in syncs of 50, each sync a push followed by pulling
//! everything new) and pull everyone else's; at the end every client must hold the
//! whole log and the same last-writer-wins state. Prints operations per second,
//! p50/p99 sync latency and the PostgreSQL size per 100,000 operations.
//!
//! `bash tests/support/with-postgres.sh cargo bench -p scout-server --bench load`
//! (needs `SCOUT_TEST_DATABASE_URL`; refuses to run without it).
//! `SCOUT_LOAD_CLIENTS` / `SCOUT_LOAD_OPS` change the 20 × 1,000.

use std::collections::BTreeMap;
use std::time::{Duration, Instant};

use scout_core::sync::{Hlc, Op, Role};
use scout_server::api::{JoinResponse, PullResponse, PushOutcome, PushResponse};
use scout_server::{Server, db, testing};
use serde_json::{Value, json};

/// Ops per sync.
const BATCH: usize = 50;
/// Shortlists the clients edit concurrently.
const LISTS: usize = 20;

/// (entity, field) → (clock, device, value): the last-writer-wins state a replica derives.
type State = BTreeMap<(String, String), (Hlc, String, Value)>;

struct Client {
    http: reqwest::Client,
    base: String,
    token: String,
    cursor: i64,
    state: State,
    pulled: usize,
}

impl Client {
    async fn join(http: &reqwest::Client, base: &str, code: &str, name: &str) -> Client {
        let r = http
            .post(format!("{base}/v1/join"))
            .json(&json!({"code": code, "device_name": name}))
            .send()
            .await
            .expect("join");
        assert!(r.status().is_success(), "join: {}", r.status());
        let j: JoinResponse = r.json().await.expect("join body");
        Client {
            http: http.clone(),
            base: base.to_string(),
            token: j.token,
            cursor: 0,
            state: State::new(),
            pulled: 0,
        }
    }

    async fn push(&self, ops: &[Op]) {
        let r = self
            .http
            .post(format!("{}/v1/ops", self.base))
            .bearer_auth(&self.token)
            .json(&json!({ "ops": ops }))
            .send()
            .await
            .expect("push");
        assert!(r.status().is_success(), "push: {}", r.status());
        let body: PushResponse = r.json().await.expect("push body");
        assert!(
            body.results
                .iter()
                .all(|o| matches!(o, PushOutcome::Accepted { .. })),
            "every op accepted"
        );
    }

    async fn pull_all(&mut self) -> i64 {
        loop {
            let r = self
                .http
                .get(format!(
                    "{}/v1/ops?after={}&limit=500",
                    self.base, self.cursor
                ))
                .bearer_auth(&self.token)
                .send()
                .await
                .expect("pull");
            assert!(r.status().is_success(), "pull: {}", r.status());
            let page: PullResponse = r.json().await.expect("pull body");
            for op in page.ops {
                self.cursor = op.seq;
                self.pulled += 1;
                let key = (op.entity, op.field);
                let newer = self
                    .state
                    .get(&key)
                    .is_none_or(|(hlc, dev, _)| (op.hlc, &op.device) > (*hlc, dev));
                if newer {
                    self.state.insert(key, (op.hlc, op.device, op.value));
                }
            }
            if !page.more {
                return page.head;
            }
        }
    }
}

fn list_key(i: usize) -> String {
    format!("{:032x}", 0xabc0_0000_u64 + i as u64)
}

fn env_or(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

async fn db_size(pool: &sqlx::PgPool) -> i64 {
    sqlx::query_scalar("SELECT pg_database_size(current_database())")
        .fetch_one(pool)
        .await
        .expect("database size")
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i]
}

#[tokio::main(flavor = "multi_thread")]
async fn main() {
    assert!(
        std::env::var(testing::ENV).is_ok(),
        "{} is not set: run under tests/support/with-postgres.sh",
        testing::ENV
    );
    let clients = env_or("SCOUT_LOAD_CLIENTS", 20);
    let per_client = env_or("SCOUT_LOAD_OPS", 1000);
    let (_, pool) = testing::database("load").await.expect("test database");
    let server = Server::start(pool.clone(), "127.0.0.1:0".parse().unwrap(), None)
        .await
        .expect("server");
    let base = format!("http://{}", server.addr);
    let http = reqwest::Client::new();

    // The lead creates the shortlists everyone edits.
    let code = db::create_invite(&pool, "acme", Role::Scout, chrono::Duration::hours(1))
        .await
        .unwrap()
        .code;
    let lead = Client::join(&http, &base, &code, "Lead").await;
    let setup: Vec<Op> = (0..LISTS)
        .map(|i| Op {
            entity: format!("shortlist/{}", list_key(i)),
            field: "name".into(),
            value: json!(format!("List {i}")),
            hlc: Hlc {
                ms: 1,
                counter: i32::try_from(i).unwrap(),
            },
        })
        .collect();
    lead.push(&setup).await;
    let size_before = db_size(&pool).await;

    let mut members = Vec::new();
    for c in 0..clients {
        let code = db::create_invite(&pool, "acme", Role::Scout, chrono::Duration::hours(1))
            .await
            .unwrap()
            .code;
        members.push(Client::join(&http, &base, &code, &format!("Scout {c}")).await);
    }

    let started = Instant::now();
    let tasks: Vec<_> = members
        .into_iter()
        .enumerate()
        .map(|(c, mut client)| {
            tokio::spawn(async move {
                let mut latencies = Vec::new();
                let mut sent = 0;
                let mut round = 0_i64;
                while sent < per_client {
                    let n = BATCH.min(per_client - sent);
                    let ops: Vec<Op> = (0..n)
                        .map(|k| {
                            let i = sent + k;
                            Op {
                                entity: format!("shortlist/{}", list_key((c + i) % LISTS)),
                                field: if i % 2 == 0 { "client" } else { "notes" }.into(),
                                value: json!(format!("client {c} edit {i}")),
                                hlc: Hlc {
                                    ms: 1_000 + round * 10 + (c as i64 % 7),
                                    counter: i32::try_from(k).unwrap(),
                                },
                            }
                        })
                        .collect();
                    let t0 = Instant::now();
                    client.push(&ops).await;
                    client.pull_all().await;
                    latencies.push(t0.elapsed());
                    sent += n;
                    round += 1;
                }
                (client, latencies)
            })
        })
        .collect();
    let mut done = Vec::new();
    for t in tasks {
        done.push(t.await.expect("client task"));
    }
    let elapsed = started.elapsed();

    // Everyone pulls the rest, then every replica must agree.
    let mut latencies: Vec<Duration> = Vec::new();
    let mut heads = Vec::new();
    for (client, l) in &mut done {
        latencies.append(l);
        heads.push(client.pull_all().await);
    }
    let total_ops = clients * per_client;
    let expected_head = (LISTS + total_ops) as i64;
    assert!(heads.iter().all(|h| *h == expected_head), "{heads:?}");
    let first = &done[0].0.state;
    for (client, _) in &done {
        assert_eq!(
            client.cursor, expected_head,
            "every client has the whole log"
        );
        assert_eq!(client.pulled as i64, expected_head);
        assert_eq!(&client.state, first, "replicas converge");
    }
    let size_after = db_size(&pool).await;
    latencies.sort();
    let per_100k = (size_after - size_before) as f64 * 100_000.0 / total_ops as f64;
    println!(
        "clients                 {clients} × {per_client} ops (syncs of {BATCH}: push, then pull all new)"
    );
    println!("converged               yes: {expected_head} ops on every replica, same state");
    println!(
        "throughput              {:.0} ops/s pushed ({total_ops} ops in {:.2} s; each also pulled by {} others)",
        total_ops as f64 / elapsed.as_secs_f64(),
        elapsed.as_secs_f64(),
        clients - 1
    );
    println!(
        "sync latency            p50 {:.1} ms, p99 {:.1} ms ({} syncs)",
        percentile(&latencies, 0.50).as_secs_f64() * 1e3,
        percentile(&latencies, 0.99).as_secs_f64() * 1e3,
        latencies.len()
    );
    println!(
        "PostgreSQL size         {:.1} MiB per 100,000 ops (database grew {:.1} MiB)",
        per_100k / 1_048_576.0,
        (size_after - size_before) as f64 / 1_048_576.0
    );
    server.stop().await.expect("stop");
}
