//! The team server against a real PostgreSQL (the throwaway cluster `dev.sh test`
//! starts; `SCOUT_TEST_DATABASE_URL`), each test on its own fresh database, over HTTP.

use std::process::Command;

use base64::Engine as _;
use reqwest::StatusCode;
use scout_core::sync::{Hlc, Op, Role};
use scout_server::api::{JoinResponse, PullResponse, PushOutcome, PushResponse};
use scout_server::{Server, db, testing};
use serde_json::{Value, json};
use sha2::Digest as _;

struct T {
    db_url: String,
    pool: sqlx::PgPool,
    server: Option<Server>,
    base: String,
    http: reqwest::Client,
}

macro_rules! setup {
    ($name:expr) => {
        match testing::database($name).await {
            Some((db_url, pool)) => T::start(db_url, pool).await,
            None => return,
        }
    };
}

impl T {
    async fn start(db_url: String, pool: sqlx::PgPool) -> T {
        let server = Server::start(pool.clone(), "127.0.0.1:0".parse().unwrap(), None)
            .await
            .unwrap();
        let base = format!("http://{}", server.addr);
        T {
            db_url,
            pool,
            server: Some(server),
            base,
            http: reqwest::Client::new(),
        }
    }

    /// Stop the server and start a new one on the same database (a new port).
    async fn restart(&mut self) {
        self.server.take().unwrap().stop().await.unwrap();
        let server = Server::start(self.pool.clone(), "127.0.0.1:0".parse().unwrap(), None)
            .await
            .unwrap();
        self.base = format!("http://{}", server.addr);
        self.server = Some(server);
    }

    async fn invite(&self, role: Role) -> String {
        db::create_invite(&self.pool, "acme", role, chrono::Duration::hours(1))
            .await
            .unwrap()
            .code
    }

    async fn join(&self, role: Role, name: &str) -> JoinResponse {
        let code = self.invite(role).await;
        let r = self
            .http
            .post(format!("{}/v1/join", self.base))
            .json(&json!({"code": code, "device_name": name}))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), StatusCode::OK);
        r.json().await.unwrap()
    }

    async fn push(&self, token: &str, ops: &[Op]) -> (StatusCode, Value) {
        let r = self
            .http
            .post(format!("{}/v1/ops", self.base))
            .bearer_auth(token)
            .json(&json!({ "ops": ops }))
            .send()
            .await
            .unwrap();
        (r.status(), r.json().await.unwrap())
    }

    async fn push_ok(&self, token: &str, ops: &[Op]) -> PushResponse {
        let (status, body) = self.push(token, ops).await;
        assert_eq!(status, StatusCode::OK, "{body}");
        serde_json::from_value(body).unwrap()
    }

    async fn pull(&self, token: &str, after: i64, limit: i64) -> PullResponse {
        let r = self
            .http
            .get(format!("{}/v1/ops?after={after}&limit={limit}", self.base))
            .bearer_auth(token)
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), StatusCode::OK);
        r.json().await.unwrap()
    }

    async fn head(&self) -> i64 {
        sqlx::query_scalar("SELECT coalesce(max(head), 0) FROM workspaces")
            .fetch_one(&self.pool)
            .await
            .unwrap()
    }

    async fn op_count(&self) -> i64 {
        sqlx::query_scalar("SELECT count(*) FROM ops")
            .fetch_one(&self.pool)
            .await
            .unwrap()
    }
}

const LIST: &str = "00112233445566778899aabbccddeeff";

fn op(entity: &str, field: &str, value: Value, ms: i64) -> Op {
    Op {
        entity: entity.into(),
        field: field.into(),
        value,
        hlc: Hlc { ms, counter: 0 },
    }
}

fn list(field: &str, value: Value, ms: i64) -> Op {
    op(&format!("shortlist/{LIST}"), field, value, ms)
}

fn entry(field: &str, value: Value, ms: i64) -> Op {
    op(
        &format!("entry/{LIST}/mastodon/alice@example.social"),
        field,
        value,
        ms,
    )
}

fn snapshot(ms: i64) -> Op {
    let bytes = b"zstd bytes stand-in: the server only checks the hash".to_vec();
    let hash = hex::encode(sha2::Sha256::digest(&bytes));
    op(
        &format!("snapshot/{hash}"),
        "data",
        json!({
            "platform": "mastodon",
            "platform_id": "alice@example.social",
            "fetched_at": "2026-11-30T10:00:00Z",
            "data": base64::engine::general_purpose::STANDARD.encode(&bytes),
        }),
        ms,
    )
}

fn outcomes(r: &PushResponse) -> Vec<Result<i64, String>> {
    r.results
        .iter()
        .map(|o| match o {
            PushOutcome::Accepted { seq } => Ok(*seq),
            PushOutcome::Rejected { code, .. } => Err(code.clone()),
        })
        .collect()
}

#[tokio::test]
async fn migrations_are_idempotent_and_create_the_tables() {
    let t = setup!("migrations_are_idempotent_and_create_the_tables");
    db::migrate(&t.pool).await.unwrap();
    let tables: Vec<String> = sqlx::query_scalar(
        "SELECT table_name::text FROM information_schema.tables
         WHERE table_schema = 'public' AND table_name <> '_sqlx_migrations' ORDER BY 1",
    )
    .fetch_all(&t.pool)
    .await
    .unwrap();
    assert_eq!(
        tables,
        ["devices", "invites", "ops", "shared_accounts", "workspaces"]
    );
}

#[tokio::test]
async fn an_invite_works_once_and_an_expired_or_unknown_one_is_refused() {
    let t = setup!("an_invite_works_once_and_an_expired_or_unknown_one_is_refused");
    let code = t.invite(Role::Scout).await;
    let join = |code: String| {
        let http = t.http.clone();
        let url = format!("{}/v1/join", t.base);
        async move {
            let r = http
                .post(url)
                .json(&json!({"code": code, "device_name": "Ana"}))
                .send()
                .await
                .unwrap();
            (r.status(), r.json::<Value>().await.unwrap())
        }
    };
    let (status, body) = join(code.clone()).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body["role"], "scout");
    assert_eq!(body["workspace"], "acme");
    let (status, body) = join(code).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert_eq!(body["code"], "invite_used", "{body}");
    assert!(body["message"].as_str().unwrap().contains("already used"));

    let expired = db::create_invite(&t.pool, "acme", Role::Scout, chrono::Duration::hours(1))
        .await
        .unwrap()
        .code;
    sqlx::query(
        "UPDATE invites SET expires_at = now() - interval '1 minute' WHERE used_at IS NULL",
    )
    .execute(&t.pool)
    .await
    .unwrap();
    let (status, body) = join(expired).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert_eq!(body["code"], "invite_expired", "{body}");

    let (status, body) = join("sct-000000".into()).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert_eq!(body["code"], "invite_unknown", "{body}");
    let devices: i64 = sqlx::query_scalar("SELECT count(*) FROM devices")
        .fetch_one(&t.pool)
        .await
        .unwrap();
    assert_eq!(devices, 1, "only the first join made a device");
}

#[tokio::test]
async fn pushed_ops_get_increasing_numbers_and_a_pull_returns_what_follows() {
    let t = setup!("pushed_ops_get_increasing_numbers_and_a_pull_returns_what_follows");
    let ana = t.join(Role::Scout, "Ana").await;
    let ben = t.join(Role::Viewer, "Ben").await;
    let r = t
        .push_ok(
            &ana.token,
            &[
                list("name", json!("Spring"), 10),
                list("client", json!("Acme"), 11),
                snapshot(12),
                entry("member", json!({"add": true}), 13),
                entry("status", json!("approved"), 14),
            ],
        )
        .await;
    assert_eq!(outcomes(&r), [Ok(1), Ok(2), Ok(3), Ok(4), Ok(5)]);
    assert_eq!(r.head, 5);

    let page = t.pull(&ben.token, 0, 2).await;
    assert_eq!(page.ops.iter().map(|o| o.seq).collect::<Vec<_>>(), [1, 2]);
    assert!(page.more);
    assert_eq!(page.head, 5);
    assert_eq!(page.ops[0].author, "Ana");
    assert_eq!(page.ops[0].device, ana.device);
    assert_eq!(page.ops[1].value, json!("Acme"));
    let rest = t.pull(&ben.token, 2, 500).await;
    assert_eq!(
        rest.ops.iter().map(|o| o.seq).collect::<Vec<_>>(),
        [3, 4, 5]
    );
    assert!(!rest.more);
    assert_eq!(rest.ops[2].hlc, Hlc { ms: 14, counter: 0 });
    assert!(t.pull(&ben.token, 5, 500).await.ops.is_empty());
}

#[tokio::test]
async fn a_retried_push_is_acknowledged_with_the_same_numbers_and_stored_once() {
    let t = setup!("a_retried_push_is_acknowledged_with_the_same_numbers_and_stored_once");
    let ana = t.join(Role::Scout, "Ana").await;
    let ops = [
        list("name", json!("Spring"), 10),
        list("notes", json!("x"), 11),
    ];
    let first = t.push_ok(&ana.token, &ops).await;
    let again = t.push_ok(&ana.token, &ops).await;
    assert_eq!(outcomes(&first), outcomes(&again));
    assert_eq!(t.op_count().await, 2);
    // The same snapshot shared by another device is the same entity: acknowledged, not stored twice.
    let ben = t.join(Role::Scout, "Ben").await;
    let s1 = t.push_ok(&ana.token, &[snapshot(20)]).await;
    let s2 = t.push_ok(&ben.token, &[snapshot(5)]).await;
    assert_eq!(outcomes(&s1), outcomes(&s2));
    assert_eq!(t.op_count().await, 3);
}

#[tokio::test]
async fn a_viewer_cannot_change_anything() {
    let t = setup!("a_viewer_cannot_change_anything");
    let viewer = t.join(Role::Viewer, "Client").await;
    let (status, body) = t
        .push(&viewer.token, &[list("name", json!("Mine"), 1)])
        .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert_eq!(body["code"], "forbidden");
    assert!(
        body["message"].as_str().unwrap().contains("viewer"),
        "{body}"
    );
    assert_eq!(t.op_count().await, 0);
    assert_eq!(t.head().await, 0);
    // …and cannot invite either.
    let r = t
        .http
        .post(format!("{}/v1/invites", t.base))
        .bearer_auth(&viewer.token)
        .json(&json!({"role": "admin"}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn transitions_are_checked_against_the_log() {
    let t = setup!("transitions_are_checked_against_the_log");
    let ana = t.join(Role::Scout, "Ana").await;
    // No shortlist yet: an entry edit is refused; no shared snapshot: an add is refused.
    let r = t
        .push_ok(&ana.token, &[entry("status", json!("vetting"), 1)])
        .await;
    assert_eq!(outcomes(&r), [Err("shortlist_unknown".into())]);
    let r = t
        .push_ok(
            &ana.token,
            &[
                list("name", json!("Spring"), 2),
                entry("member", json!({"add": true}), 3),
                snapshot(4),
                entry("member", json!({"add": true}), 5),
            ],
        )
        .await;
    assert_eq!(
        outcomes(&r),
        [Ok(1), Err("creator_unknown".into()), Ok(2), Ok(3)]
    );
    // A deleted shortlist stays deleted: later edits of it and its entries are refused.
    let r = t
        .push_ok(
            &ana.token,
            &[
                list("deleted", json!(true), 6),
                list("name", json!("Spring again"), 7),
                entry("note", json!("late"), 8),
            ],
        )
        .await;
    assert_eq!(
        outcomes(&r),
        [
            Ok(4),
            Err("shortlist_deleted".into()),
            Err("shortlist_deleted".into())
        ]
    );
    assert_eq!(t.head().await, 4, "refused ops take no number");
}

#[tokio::test]
async fn malformed_and_oversized_requests_get_a_clear_4xx_and_change_nothing() {
    let t = setup!("malformed_and_oversized_requests_get_a_clear_4xx_and_change_nothing");
    let ana = t.join(Role::Scout, "Ana").await;
    let url = format!("{}/v1/ops", t.base);
    let send = |body: Vec<u8>, ctype: &'static str| {
        let r = t
            .http
            .post(&url)
            .bearer_auth(&ana.token)
            .header("content-type", ctype)
            .body(body);
        async move {
            let r = r.send().await.unwrap();
            (r.status(), r.json::<Value>().await.unwrap())
        }
    };
    let (s, b) = send(b"{\"ops\": [".to_vec(), "application/json").await;
    assert_eq!(s, StatusCode::BAD_REQUEST, "{b}");
    assert_eq!(b["code"], "malformed");
    let (s, b) = send(br#"{"ops": [{"entity": 1}]}"#.to_vec(), "application/json").await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{b}");
    assert_eq!(b["code"], "malformed");
    let (s, b) = send(b"ops".to_vec(), "text/plain").await;
    assert_eq!(s, StatusCode::UNSUPPORTED_MEDIA_TYPE, "{b}");
    let mut big = br#"{"ops": [], "pad": ""#.to_vec();
    big.extend(std::iter::repeat_n(b'x', scout_server::MAX_BODY_BYTES + 1));
    big.extend(br#""}"#);
    let (s, b) = send(big, "application/json").await;
    assert_eq!(s, StatusCode::PAYLOAD_TOO_LARGE, "{b}");
    assert_eq!(b["code"], "too_large");

    // One bad op in a batch: the whole batch is refused, naming the op.
    let (s, b) = t
        .push(
            &ana.token,
            &[
                list("name", json!("Spring"), 1),
                entry("status", json!("maybe"), 2),
            ],
        )
        .await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{b}");
    assert_eq!(b["code"], "invalid_op");
    let msg = b["message"].as_str().unwrap();
    assert!(msg.starts_with("op 1 (entry/"), "{msg}");
    assert!(msg.contains("unknown status 'maybe'"), "{msg}");
    // A snapshot whose bytes do not match its name.
    let mut bad = snapshot(3);
    bad.entity = format!("snapshot/{}", "0".repeat(64));
    let (s, b) = t.push(&ana.token, &[bad]).await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{b}");
    assert!(b["message"].as_str().unwrap().contains("SHA-256"), "{b}");
    // A bad pull query, an unknown endpoint, no token.
    let r = t
        .http
        .get(format!("{}/v1/ops?after=-1", t.base))
        .bearer_auth(&ana.token)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::BAD_REQUEST);
    let r = t.http.get(format!("{}/v2/x", t.base)).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::NOT_FOUND);
    let r = t
        .http
        .get(format!("{}/v1/me", t.base))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::UNAUTHORIZED);
    assert_eq!(t.op_count().await, 0);
    assert_eq!(t.head().await, 0);
}

#[tokio::test]
async fn concurrent_pushes_get_gapless_numbers_in_commit_order() {
    let t = setup!("concurrent_pushes_get_gapless_numbers_in_commit_order");
    let owner = t.join(Role::Scout, "Owner").await;
    t.push_ok(&owner.token, &[list("name", json!("Spring"), 1)])
        .await;
    let mut tasks = Vec::new();
    for i in 0..8 {
        let d = t.join(Role::Scout, &format!("Scout {i}")).await;
        let http = t.http.clone();
        let url = format!("{}/v1/ops", t.base);
        tasks.push(tokio::spawn(async move {
            for n in 0..10 {
                let ops: Vec<Op> = (0..5)
                    .map(|k| list("notes", json!(format!("{i}-{n}-{k}")), 100 + n * 10 + k))
                    .collect();
                let r = http
                    .post(&url)
                    .bearer_auth(&d.token)
                    .json(&json!({ "ops": ops }))
                    .send()
                    .await
                    .unwrap();
                assert_eq!(r.status(), StatusCode::OK);
            }
        }));
    }
    for task in tasks {
        task.await.unwrap();
    }
    let mut seqs = Vec::new();
    let mut after = 0;
    loop {
        let page = t.pull(&owner.token, after, 1000).await;
        seqs.extend(page.ops.iter().map(|o| o.seq));
        after = page.ops.last().map_or(after, |o| o.seq);
        if !page.more {
            break;
        }
    }
    assert_eq!(seqs, (1..=401).collect::<Vec<_>>());
}

#[tokio::test]
async fn a_revoked_device_is_refused_at_once_and_a_restarted_server_keeps_the_log() {
    let mut t = setup!("a_revoked_device_is_refused_at_once_and_a_restarted_server_keeps_the_log");
    let ana = t.join(Role::Scout, "Ana").await;
    let ben = t.join(Role::Scout, "Ben").await;
    t.push_ok(&ana.token, &[list("name", json!("Spring"), 1)])
        .await;
    t.restart().await;
    let page = t.pull(&ben.token, 0, 500).await;
    assert_eq!(page.ops.len(), 1);
    t.push_ok(&ben.token, &[list("notes", json!("after restart"), 2)])
        .await;
    assert_eq!(t.pull(&ana.token, 1, 500).await.ops[0].seq, 2);

    // Revoked with the real command: the very next request is refused.
    let out = Command::new(env!("CARGO_BIN_EXE_scout-server"))
        .args([
            "revoke",
            "--database-url",
            &t.db_url,
            "--device",
            &ben.device,
        ])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let (status, body) = t.push(&ben.token, &[list("notes", json!("x"), 3)]).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    assert_eq!(body["code"], "unauthorized");
    let r = t
        .http
        .get(format!("{}/v1/ops?after=0", t.base))
        .bearer_auth(&ben.token)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::UNAUTHORIZED);
    // Leaving revokes one's own token.
    let r = t
        .http
        .post(format!("{}/v1/leave", t.base))
        .bearer_auth(&ana.token)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::NO_CONTENT);
    let r = t
        .http
        .get(format!("{}/v1/me", t.base))
        .bearer_auth(&ana.token)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::UNAUTHORIZED);
    assert_eq!(t.op_count().await, 2);
}

#[tokio::test]
async fn an_admin_invites_and_revokes_through_the_api() {
    let t = setup!("an_admin_invites_and_revokes_through_the_api");
    let admin = t.join(Role::Admin, "Lead").await;
    let scout = t.join(Role::Scout, "Ana").await;
    let r = t
        .http
        .post(format!("{}/v1/invites", t.base))
        .bearer_auth(&scout.token)
        .json(&json!({"role": "scout"}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::FORBIDDEN, "a scout cannot invite");
    let invite: Value = t
        .http
        .post(format!("{}/v1/invites", t.base))
        .bearer_auth(&admin.token)
        .json(&json!({"role": "viewer", "expires_in_hours": 2}))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(invite["role"], "viewer");
    let joined: JoinResponse = t
        .http
        .post(format!("{}/v1/join", t.base))
        .json(&json!({"code": invite["code"], "device_name": "Account manager"}))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(joined.role, Role::Viewer);
    let devices: Value = t
        .http
        .get(format!("{}/v1/devices", t.base))
        .bearer_auth(&admin.token)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(devices.as_array().unwrap().len(), 3);
    assert!(!devices.to_string().contains(&scout.token));
    let r = t
        .http
        .post(format!("{}/v1/devices/{}/revoke", t.base, scout.device))
        .bearer_auth(&admin.token)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::NO_CONTENT);
    let r = t
        .http
        .get(format!("{}/v1/me", t.base))
        .bearer_auth(&scout.token)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::UNAUTHORIZED);
}

/// The real binary: `invite` prints the code as its last line, `serve` logs requests;
/// neither the token nor the code appears in the logs or anywhere in the database.
#[tokio::test]
async fn tokens_and_codes_never_reach_the_logs_or_the_database() {
    let t = setup!("tokens_and_codes_never_reach_the_logs_or_the_database");
    let bin = env!("CARGO_BIN_EXE_scout-server");
    let out = Command::new(bin)
        .args([
            "invite",
            "--database-url",
            &t.db_url,
            "--role",
            "scout",
            "--workspace",
            "acme",
            "--expires-in",
            "2h",
        ])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stdout = String::from_utf8(out.stdout).unwrap();
    let code = stdout.lines().last().unwrap().trim().to_string();
    assert!(code.starts_with("sct-") && code.len() == 36, "{stdout}");

    let port = {
        let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        l.local_addr().unwrap().port()
    };
    let log = tempfile::NamedTempFile::new().unwrap();
    let mut child = Command::new(bin)
        .args([
            "serve",
            "--database-url",
            &t.db_url,
            "--listen",
            &format!("127.0.0.1:{port}"),
        ])
        .env("RUST_LOG", "debug")
        .stderr(log.reopen().unwrap())
        .spawn()
        .unwrap();
    let base = format!("http://127.0.0.1:{port}");
    let mut joined = None;
    for _ in 0..100 {
        if let Ok(r) = t
            .http
            .post(format!("{base}/v1/join"))
            .json(&json!({"code": code, "device_name": "Ana"}))
            .send()
            .await
        {
            joined = Some(r.json::<JoinResponse>().await.unwrap());
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    let joined = joined.expect("the server came up");
    let r = t
        .http
        .post(format!("{base}/v1/ops"))
        .bearer_auth(&joined.token)
        .json(&json!({"ops": [list("name", json!("Spring"), 1)]}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    let r = t
        .http
        .get(format!("{base}/v1/ops?after=0"))
        .bearer_auth(&joined.token)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    child.kill().unwrap();
    child.wait().unwrap();

    let logs = std::fs::read_to_string(log.path()).unwrap();
    assert!(logs.contains("push"), "the server logged: {logs}");
    assert!(
        !logs.contains(&joined.token) && !logs.contains(&code),
        "{logs}"
    );
    // Every text of every row of every table.
    let dump: Vec<String> = sqlx::query_scalar(
        "SELECT string_agg(t::text, ' ') FROM (
           SELECT row_to_json(x)::text AS t FROM workspaces x UNION ALL
           SELECT row_to_json(x)::text FROM invites x UNION ALL
           SELECT row_to_json(x)::text FROM devices x UNION ALL
           SELECT row_to_json(x)::text FROM ops x) s",
    )
    .fetch_all(&t.pool)
    .await
    .unwrap();
    let dump = dump.join(" ");
    assert!(
        dump.contains(&scout_server::hash_secret(&joined.token)),
        "the hash is stored"
    );
    assert!(!dump.contains(&joined.token) && !dump.contains(&code));
}

#[tokio::test]
async fn tls_is_served_from_a_certificate_path() {
    let Some((_url, pool)) = testing::database("tls_is_served_from_a_certificate_path").await
    else {
        return;
    };
    let cert = rcgen::generate_simple_self_signed(vec!["localhost".into()]).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let (cert_path, key_path) = (dir.path().join("cert.pem"), dir.path().join("key.pem"));
    std::fs::write(&cert_path, cert.cert.pem()).unwrap();
    std::fs::write(&key_path, cert.key_pair.serialize_pem()).unwrap();
    let server = Server::start(
        pool,
        "127.0.0.1:0".parse().unwrap(),
        Some(scout_server::Tls {
            cert: cert_path,
            key: key_path,
        }),
    )
    .await
    .unwrap();
    let http = reqwest::Client::builder()
        .add_root_certificate(reqwest::Certificate::from_pem(cert.cert.pem().as_bytes()).unwrap())
        .resolve("localhost", server.addr)
        .build()
        .unwrap();
    let port = server.addr.port();
    let r = http
        .get(format!("https://localhost:{port}/healthz"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    // Plain HTTP to the TLS port does not get an answer.
    let plain = reqwest::get(format!("http://127.0.0.1:{port}/healthz")).await;
    assert!(!matches!(plain, Ok(r) if r.status() == StatusCode::OK));
    server.stop().await.unwrap();
}
