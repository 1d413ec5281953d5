//! Team sync end to end: real `scout-server` on a real PostgreSQL (the throwaway
//! cluster `dev.sh test` starts, `SCOUT_TEST_DATABASE_URL`), real workspaces, the
//! real OS keychain (CI runs this binary inside `keyctl session` with
//! `SCOUT_KEYCHAIN=keyutils`), and the real `scout` binary for the CLI flows.
//!
//! Covers: three scouts editing offline and online converge; each conflict rule
//! (last writer wins per field, a concurrent add wins over a remove, notes append-only,
//! briefs versioned, snapshots shared once); a viewer's edit refused and not applied;
//! used and expired invites; a revoked device; a server restart; a CLI sync killed
//! mid-way resumes without loss or duplicates; the token never reaches the database
//! file, logs or exports.

// Scouts a, b, c, a viewer v, a team t, handles h: short names read best here.
#![allow(clippy::many_single_char_names)]

use std::collections::BTreeMap;
use std::net::SocketAddr;
use std::path::Path;
use std::time::Duration;

use scout::Workspace;
use scout_core::sync::Role;
use scout_server::{Server, db, testing};
use scout_tests::cli::scout_bin;

struct Team {
    pool: scout_server::PgPool,
    server: Option<Server>,
    addr: SocketAddr,
    url: String,
}

impl Team {
    async fn start(test: &str) -> Option<Team> {
        let (_, pool) = testing::database(test).await?;
        let server = Server::start(pool.clone(), "127.0.0.1:0".parse().unwrap(), None)
            .await
            .unwrap();
        let addr = server.addr;
        Some(Team {
            pool,
            server: Some(server),
            addr,
            url: format!("http://{addr}"),
        })
    }

    async fn stop(&mut self) {
        self.server.take().unwrap().stop().await.unwrap();
    }

    /// Start again on the same address (clients keep their URL).
    async fn restart(&mut self) {
        self.server = Some(
            Server::start(self.pool.clone(), self.addr, None)
                .await
                .unwrap(),
        );
    }

    async fn code(&self, role: Role) -> String {
        db::create_invite(&self.pool, "acme", role, chrono::Duration::hours(1))
            .await
            .unwrap()
            .code
    }

    async fn member(&self, role: Role, name: &str) -> (tempfile::TempDir, Workspace) {
        let dir = tempfile::tempdir().unwrap();
        let ws = Workspace::open(Some(dir.path().to_path_buf())).unwrap();
        self.join(&ws, role, name).await;
        (dir, ws)
    }

    async fn join(&self, ws: &Workspace, role: Role, name: &str) {
        let status = ws
            .team_join(&self.url, &self.code(role).await, Some(name))
            .await
            .unwrap();
        assert!(status.joined);
        assert_eq!(status.last_error, None, "{status:?}");
    }

    async fn op_count(&self, like: &str) -> i64 {
        sqlx_count(&self.pool, like).await
    }
}

async fn sqlx_count(pool: &scout_server::PgPool, like: &str) -> i64 {
    testing::count_ops(pool, like).await.unwrap()
}

macro_rules! team {
    ($name:expr) => {
        match Team::start($name).await {
            Some(t) => t,
            None => return,
        }
    };
}

/// A workspace with the demo creators and a shortlist "Spring" of the first `n`.
/// The workspace's creators (the first page of up to `MAX_LIMIT`, enough for the demo).
fn creators(ws: &Workspace) -> scout::views::CreatorPage {
    ws.list_creators(&scout::views::CreatorQuery {
        limit: Some(scout::MAX_LIMIT),
        ..scout::views::CreatorQuery::default()
    })
    .unwrap()
}

fn demo_with_list(n: usize) -> (tempfile::TempDir, Workspace, Vec<String>) {
    let dir = tempfile::tempdir().unwrap();
    let ws = Workspace::open(Some(dir.path().to_path_buf())).unwrap();
    ws.load_demo().unwrap();
    ws.create_shortlist("Spring", Some("Acme")).unwrap();
    let creators = creators(&ws).rows;
    let picked: Vec<_> = creators.iter().take(n).collect();
    ws.add_to_shortlist("Spring", &picked.iter().map(|c| c.id).collect::<Vec<_>>())
        .unwrap();
    let handles = picked.iter().map(|c| c.handle.clone()).collect();
    (dir, ws, handles)
}

fn id_of(ws: &Workspace, handle: &str) -> i64 {
    ws.find_creator(handle).unwrap().id
}

type Entries = BTreeMap<String, (String, String, Vec<String>)>;

/// What a scout sees: every shortlist's client and entries (handle → status, note,
/// tags), and every brief as TOML.
/// Shortlists (client, entries) by name, and briefs' TOML by name.
type State = (
    BTreeMap<String, (Option<String>, Entries)>,
    BTreeMap<String, String>,
);

fn state(ws: &Workspace) -> State {
    let mut lists = BTreeMap::new();
    for s in ws.shortlists().unwrap() {
        let detail = ws.shortlist(&s.name).unwrap();
        let entries = detail
            .entries
            .iter()
            .map(|e| {
                (
                    e.creator.handle.clone(),
                    (e.status.key().to_string(), e.note.clone(), e.tags.clone()),
                )
            })
            .collect();
        lists.insert(s.name.clone(), (s.client.clone(), entries));
    }
    let briefs = ws
        .briefs()
        .unwrap()
        .iter()
        .map(|b| (b.name.clone(), ws.brief_toml(&b.name).unwrap()))
        .collect();
    (lists, briefs)
}

fn brief(name: &str, topic: &str) -> String {
    scout::brief_toml_from_lists(
        name,
        &[topic.to_string()],
        &["en".into()],
        &["US".into()],
        &[],
        &[],
        &["US".into()],
    )
    .unwrap()
}

/// The wall clock moves on, so the next edit's clock is later (LWW order is by clock).
async fn tick() {
    tokio::time::sleep(Duration::from_millis(3)).await;
}

async fn sync_all(wss: &[&Workspace]) {
    for _ in 0..2 {
        for ws in wss {
            let r = ws.team_sync().await.unwrap();
            assert!(r.rejected.is_empty(), "{:?}", r.rejected);
        }
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn three_scouts_editing_offline_and_online_converge_under_each_rule() {
    let t = team!("three_scouts_editing_offline_and_online_converge_under_each_rule");
    let (_a_dir, a, h) = demo_with_list(4);
    t.join(&a, Role::Scout, "Ana").await;
    let (_b_dir, b) = t.member(Role::Scout, "Ben").await;
    let (_c_dir, c) = t.member(Role::Scout, "Cleo").await;

    // B and C got the shortlist and the creators' snapshots (shared, not re-fetched).
    let (lists, _) = state(&b);
    assert_eq!(lists["Spring"].0.as_deref(), Some("Acme"));
    assert_eq!(lists["Spring"].1.len(), 4);
    assert_eq!(b.team_status().unwrap().shared_snapshots, 4);
    assert_eq!(creators(&b).total, 4, "only what the team shares");
    assert_eq!(t.op_count("snapshot/%").await, 4);

    // Offline: nobody syncs while these are made.
    // Last writer wins per field: A approves, B rejects later; C tags (another field).
    a.set_entry_status("Spring", id_of(&a, &h[0]), "approved")
        .unwrap();
    tick().await;
    b.set_entry_status("Spring", id_of(&b, &h[0]), "rejected")
        .unwrap();
    c.set_entry_tags("Spring", id_of(&c, &h[0]), &["food".into()])
        .unwrap();
    // Shortlist fields too: B then C set the client.
    b.set_shortlist_client("Spring", Some("Acme GmbH")).unwrap();
    tick().await;
    c.set_shortlist_client("Spring", Some("Acme AG")).unwrap();
    // Notes are append-only: both stay, the later one shows.
    a.set_entry_note("Spring", id_of(&a, &h[3]), "great fit")
        .unwrap();
    tick().await;
    c.set_entry_note("Spring", id_of(&c, &h[3]), "check rates first")
        .unwrap();
    // Briefs are versioned: A then B save "Acme".
    a.save_brief_toml(&brief("Acme", "cooking")).unwrap();
    tick().await;
    b.save_brief_toml(&brief("Acme", "baking")).unwrap();

    sync_all(&[&a, &b, &c]).await;
    let sa = state(&a);
    assert_eq!(sa, state(&b));
    assert_eq!(sa, state(&c));
    let spring = &sa.0["Spring"];
    assert_eq!(spring.0.as_deref(), Some("Acme AG"));
    assert_eq!(
        spring.1[&h[0]],
        ("rejected".into(), String::new(), vec!["food".into()])
    );
    assert_eq!(spring.1[&h[3]].1, "check rates first");
    let notes = a.entry_notes("Spring", id_of(&a, &h[3])).unwrap();
    let authors: Vec<_> = notes
        .iter()
        .map(|n| (n.author.as_str(), n.summary.as_str()))
        .collect();
    assert_eq!(
        authors,
        [
            ("Ana", "note: great fit"),
            ("Cleo", "note: check rates first")
        ]
    );
    assert!(sa.1["Acme"].contains("baking"), "{}", sa.1["Acme"]);
    assert_eq!(t.op_count("brief/%").await, 2, "both versions are kept");

    // Add-wins: A removes h[1] and syncs; C sees it and adds h[1] back while B, who has
    // not seen A's remove, removes h[1] too. C's add was not seen by either remove.
    a.remove_from_shortlist("Spring", id_of(&a, &h[1])).unwrap();
    a.team_sync().await.unwrap();
    c.team_sync().await.unwrap();
    assert!(!state(&c).0["Spring"].1.contains_key(&h[1]));
    c.add_to_shortlist("Spring", &[id_of(&c, &h[1])]).unwrap();
    b.remove_from_shortlist("Spring", id_of(&b, &h[1])).unwrap();
    // And a plain remove nobody contests: B removes h[2].
    b.remove_from_shortlist("Spring", id_of(&b, &h[2])).unwrap();
    sync_all(&[&b, &c, &a]).await;
    let sa = state(&a);
    assert_eq!(sa, state(&b));
    assert_eq!(sa, state(&c));
    let members: Vec<_> = sa.0["Spring"].1.keys().cloned().collect();
    let mut want = vec![h[0].clone(), h[1].clone(), h[3].clone()];
    want.sort();
    assert_eq!(members, want);

    // Online: an edit made after syncing wins over what it saw.
    c.set_entry_status("Spring", id_of(&c, &h[0]), "approved")
        .unwrap();
    sync_all(&[&c, &a, &b]).await;
    assert_eq!(state(&b).0["Spring"].1[&h[0]].0, "approved");

    // Who changed what.
    let activity = a.shortlist_activity("Spring", 100).unwrap();
    assert!(activity.iter().all(|e| !e.pending));
    assert!(activity.iter().any(|e| e.author == "Cleo"
        && e.summary == "status → approved"
        && e.creator.as_deref() == Some(h[0].as_str())));
    assert!(
        activity
            .iter()
            .any(|e| e.author == "Ben" && e.summary == "removed")
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn a_viewer_reads_but_its_edits_are_refused_and_not_applied() {
    let t = team!("a_viewer_reads_but_its_edits_are_refused_and_not_applied");
    let (_a_dir, a, h) = demo_with_list(2);
    t.join(&a, Role::Scout, "Ana").await;
    let (_v_dir, v) = t.member(Role::Viewer, "Client").await;
    let before = state(&v);
    assert_eq!(before.0["Spring"].1.len(), 2);
    let status = v.team_status().unwrap();
    assert_eq!(status.role.as_deref(), Some("viewer"));
    assert!(!status.can_edit);
    let id = id_of(&v, &h[0]);
    let e = v.set_entry_status("Spring", id, "approved").unwrap_err();
    assert_eq!(e.code(), "team.read_only", "{e}");
    assert!(e.to_string().contains("viewer"), "{e}");
    assert_eq!(
        v.create_shortlist("Mine", None).unwrap_err().code(),
        "team.read_only"
    );
    assert_eq!(
        v.save_brief_toml(&brief("Acme", "x")).unwrap_err().code(),
        "team.read_only"
    );
    assert_eq!(state(&v), before, "nothing applied locally");
    assert_eq!(v.team_status().unwrap().pending, 0, "nothing queued");
    // It still follows the team.
    a.set_entry_status("Spring", id_of(&a, &h[0]), "vetting")
        .unwrap();
    a.team_sync().await.unwrap();
    v.team_sync().await.unwrap();
    assert_eq!(state(&v).0["Spring"].1[&h[0]].0, "vetting");
}

#[tokio::test(flavor = "multi_thread")]
async fn an_edit_the_server_refuses_is_undone_and_reported() {
    let t = team!("an_edit_the_server_refuses_is_undone_and_reported");
    let (_a_dir, a, h) = demo_with_list(2);
    t.join(&a, Role::Scout, "Ana").await;
    let (_b_dir, b) = t.member(Role::Scout, "Ben").await;
    a.delete_shortlist("Spring").unwrap();
    a.team_sync().await.unwrap();
    // B has not seen the delete and edits the list.
    b.set_entry_status("Spring", id_of(&b, &h[0]), "approved")
        .unwrap();
    let r = b.team_sync().await.unwrap();
    assert_eq!(r.rejected.len(), 1, "{:?}", r.rejected);
    assert!(r.rejected[0].contains("deleted"), "{:?}", r.rejected);
    assert!(b.shortlists().unwrap().is_empty());
    assert_eq!(b.team_status().unwrap().pending, 0);
}

#[tokio::test(flavor = "multi_thread")]
async fn used_and_expired_invites_are_refused_and_leave_the_workspace_unlinked() {
    let t = team!("used_and_expired_invites_are_refused_and_leave_the_workspace_unlinked");
    let code = t.code(Role::Scout).await;
    let d1 = tempfile::tempdir().unwrap();
    let ws1 = Workspace::open(Some(d1.path().to_path_buf())).unwrap();
    ws1.team_join(&t.url, &code, Some("Ana")).await.unwrap();
    let d2 = tempfile::tempdir().unwrap();
    let ws2 = Workspace::open(Some(d2.path().to_path_buf())).unwrap();
    let e = ws2.team_join(&t.url, &code, Some("Ben")).await.unwrap_err();
    assert_eq!(e.code(), "team.refused");
    assert!(e.to_string().contains("already used"), "{e}");
    assert!(!ws2.team_status().unwrap().joined);

    let expired = t.code(Role::Scout).await;
    testing::expire_invites(&t.pool).await.unwrap();
    let e = ws2
        .team_join(&t.url, &expired, Some("Ben"))
        .await
        .unwrap_err();
    assert!(e.to_string().contains("expired"), "{e}");
    assert!(!ws2.team_status().unwrap().joined);
    let e = ws2
        .team_join("not a url", &expired, None)
        .await
        .unwrap_err();
    assert_eq!(e.code(), "invalid_input");
}

#[tokio::test(flavor = "multi_thread")]
async fn a_revoked_device_stops_at_once_and_keeps_its_edits() {
    let t = team!("a_revoked_device_stops_at_once_and_keeps_its_edits");
    let (_a_dir, a, h) = demo_with_list(1);
    t.join(&a, Role::Scout, "Ana").await;
    let (_b_dir, b) = t.member(Role::Scout, "Ben").await;
    b.set_entry_note("Spring", id_of(&b, &h[0]), "mine")
        .unwrap();
    let device = b.team_status().unwrap().device.unwrap();
    assert!(db::revoke(&t.pool, &device, None).await.unwrap());
    let e = b.team_sync().await.unwrap_err();
    assert_eq!(e.code(), "team.revoked", "{e}");
    let s = b.team_status().unwrap();
    assert_eq!(s.pending, 1, "the edit is kept");
    assert!(s.last_error.unwrap().contains("refused this device"));
    assert_eq!(state(&b).0["Spring"].1[&h[0]].1, "mine");
    assert_eq!(
        t.op_count("entry/%").await,
        2,
        "the revoked device's edit never arrived"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn edits_made_while_the_server_is_down_go_out_after_it_restarts() {
    let mut t = team!("edits_made_while_the_server_is_down_go_out_after_it_restarts");
    let (_a_dir, a, h) = demo_with_list(2);
    t.join(&a, Role::Scout, "Ana").await;
    let (_b_dir, b) = t.member(Role::Scout, "Ben").await;
    t.stop().await;
    a.set_entry_status("Spring", id_of(&a, &h[1]), "approved")
        .unwrap();
    let e = a.team_sync().await.unwrap_err();
    assert_eq!(e.code(), "team.unreachable", "{e}");
    assert_eq!(a.team_status().unwrap().pending, 1);
    t.restart().await;
    let r = a.team_sync().await.unwrap();
    assert_eq!(r.pushed, 1);
    b.team_sync().await.unwrap();
    assert_eq!(state(&b).0["Spring"].1[&h[1]].0, "approved");
    assert_eq!(state(&a), state(&b));
}

fn scout(dir: &Path, args: &[&str]) -> std::process::Output {
    std::process::Command::new(scout_bin())
        .arg("--data-dir")
        .arg(dir)
        .args(args)
        .env("SCOUT_LOG", "debug")
        .output()
        .unwrap()
}

fn ok(out: &std::process::Output) -> String {
    assert!(
        out.status.success(),
        "{}\n{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn files_under(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            out.extend(files_under(&p));
        } else {
            out.push(p);
        }
    }
    out
}

/// The CLI: join, a sync killed part-way through, a sync that finishes, status and
/// activity; then the token is nowhere but the keychain.
#[tokio::test(flavor = "multi_thread")]
async fn a_cli_sync_killed_midway_resumes_and_the_token_stays_in_the_keychain() {
    let t = team!("a_cli_sync_killed_midway_resumes_and_the_token_stays_in_the_keychain");
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    ok(&scout(d, &["demo"]));
    ok(&scout(d, &["shortlist", "new", "Spring"]));
    let code = t.code(Role::Scout).await;
    let joined = scout(d, &["team", "join", &t.url, &code, "--name", "Ana"]);
    let out = ok(&joined);
    assert!(out.contains("Joined 'acme' as scout."), "{out}");
    // Queue every demo creator (each with its snapshot), then kill a sync part-way.
    let ws = Workspace::open(Some(d.to_path_buf())).unwrap();
    let ids: Vec<i64> = creators(&ws).rows.iter().map(|c| c.id).collect();
    ws.add_to_shortlist("Spring", &ids).unwrap();
    let queued = ws.team_status().unwrap().pending;
    assert!(queued as usize >= 2 * ids.len(), "{queued}");
    drop(ws);
    let mut child = std::process::Command::new(scout_bin())
        .arg("--data-dir")
        .arg(d)
        .args(["team", "sync"])
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    tokio::time::sleep(Duration::from_millis(300)).await;
    let _ = child.kill();
    child.wait().unwrap();
    let out = ok(&scout(d, &["team", "sync"]));
    assert!(out.starts_with("Sent "), "{out}");
    let status: serde_json::Value =
        serde_json::from_str(&ok(&scout(d, &["team", "status", "--json"]))).unwrap();
    assert_eq!(status["pending"], 0, "{status}");
    assert_eq!(
        t.op_count("snapshot/%").await,
        ids.len() as i64,
        "each shared once"
    );
    assert_eq!(
        t.op_count("entry/%").await,
        ids.len() as i64,
        "one add per creator, none twice"
    );
    let activity = ok(&scout(d, &["team", "activity", "Spring", "--limit", "5"]));
    assert!(activity.contains("Ana"), "{activity}");

    // A colleague gets the whole list.
    let (_b_dir, b) = t.member(Role::Scout, "Ben").await;
    assert_eq!(state(&b).0["Spring"].1.len(), ids.len());

    // The token: in the keychain, nowhere else.
    let token = scout::keys::TeamToken::new(
        status["server_url"].as_str().unwrap(),
        status["workspace"].as_str().unwrap(),
        status["device"].as_str().unwrap(),
    )
    .read()
    .unwrap()
    .expect("the token is in the keychain");
    assert_eq!(token.len(), 64);
    let csv = d.join("spring.csv");
    ok(&scout(
        d,
        &[
            "export",
            "csv",
            "--shortlist",
            "Spring",
            "-o",
            csv.to_str().unwrap(),
        ],
    ));
    let mut texts = vec![
        String::from_utf8_lossy(&joined.stdout).into_owned(),
        String::from_utf8_lossy(&joined.stderr).into_owned(),
        status.to_string(),
        activity,
    ];
    for f in files_under(d) {
        texts.push(String::from_utf8_lossy(&std::fs::read(&f).unwrap()).into_owned());
    }
    for text in &texts {
        assert!(!text.contains(&token), "the token leaked");
    }
    ok(&scout(d, &["team", "leave"]));
    assert!(!ok(&scout(d, &["team", "status"])).contains("Team workspace"));
}
