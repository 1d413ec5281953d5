//! `Workspace::vet` over the loopback replay server (the file `scout-tests`
//! uses, included by path: `scout-tests` depends on this crate): the real
//! Bluesky source, HTTP client and store run, nothing touches the network.
//!
//! - Bounded concurrency is really bounded: the replay server counts how many
//!   profile requests it is answering at once.
//! - Cancelling aborts a vet in the middle of a request: the request is dropped
//!   (the server sees its client hang up), the run is recorded as cancelled and
//!   nothing else is stored.

#[allow(dead_code)]
#[path = "../../../../tests/support/replay.rs"]
mod replay;

use std::sync::{Arc, Mutex};
use std::time::Duration;

use replay::bluesky::{HANDLE, creator_routes, creator_routes_with, xrpc};
use replay::{ReplayServer, Reply, Route};
use scout::views::VetEvent;
use scout::{Cancel, Workspace};
use scout_sources::Registry;
use scout_sources::bluesky::BlueskySource;
use scout_sources::http::{HttpClient, HttpConfig};
use scout_store::RunStatus;

/// A workspace in a fresh folder whose vets go to `server`.
fn workspace(server: &ReplayServer) -> (tempfile::TempDir, Workspace) {
    let dir = tempfile::tempdir().expect("temp dir");
    let ws = Workspace::open(Some(dir.path().to_path_buf())).expect("workspace");
    let http = HttpClient::new(HttpConfig::for_tests()).expect("client");
    let base = url::Url::parse(&server.base_url).expect("url");
    ws.use_registry(Registry::from_sources(vec![Box::new(
        BlueskySource::with_base_url(http, base),
    )]))
    .expect("registry");
    (dir, ws)
}

type Events = Arc<Mutex<Vec<VetEvent>>>;
type OnEvent = Arc<dyn Fn(VetEvent) + Send + Sync>;

fn events() -> (Events, OnEvent) {
    let seen = Arc::new(Mutex::new(Vec::new()));
    let sink = Arc::clone(&seen);
    (
        seen,
        Arc::new(move |e| sink.lock().expect("events").push(e)),
    )
}

fn profile_route(reply: Reply) -> Route {
    Route::get(xrpc("app.bsky.actor.getProfile"))
        .query("actor", HANDLE)
        .reply(reply)
}

#[tokio::test]
async fn at_most_concurrency_vets_are_in_flight() {
    // Each profile answer is held back, so every vet that has started is still
    // waiting on it when the next ones start.
    let slow = profile_route(
        Reply::fixture("bluesky/getProfile_lena-okafor.json").delay(Duration::from_millis(300)),
    );
    let server = ReplayServer::start(creator_routes_with("profile", slow)).await;
    let (_dir, ws) = workspace(&server);
    let inputs = vec![HANDLE.to_string(); 7];
    let (_, on_event) = events();
    let outcomes = ws.vet(inputs, on_event, Cancel::new()).await;
    assert_eq!(outcomes.len(), 7);
    for o in &outcomes {
        assert!(o.error.is_none(), "{o:?}");
    }
    assert_eq!(server.hits("profile"), 7);
    assert_eq!(
        server.max_in_flight("profile"),
        scout::CONCURRENCY,
        "vets run {} at a time, not fewer, not more",
        scout::CONCURRENCY
    );
}

#[tokio::test]
async fn cancelling_aborts_the_request_in_flight_and_stores_nothing_but_the_run() {
    // The follower page never comes (an hour is far past any test).
    let stuck = Route::get(xrpc("app.bsky.graph.getFollowers"))
        .query("actor", replay::bluesky::DID)
        .without_query("cursor")
        .reply(
            Reply::fixture("bluesky/getFollowers_lena-okafor_page1.json")
                .delay(Duration::from_secs(3600)),
        );
    let server = Arc::new(ReplayServer::start(creator_routes_with("followers:1", stuck)).await);
    let (dir, ws) = workspace(&server);
    let cancel = Cancel::new();
    let (seen, on_event) = events();
    let run = tokio::spawn({
        let ws = ws.clone();
        let cancel = cancel.clone();
        async move { ws.vet(vec![HANDLE.to_string()], on_event, cancel).await }
    });
    server.wait_for_hits("followers:1", 1).await;
    assert_eq!(server.in_flight("followers:1"), 1);
    cancel.cancel();
    // Before the change this waited for the response (an hour, then the read
    // timeout and retries); now the request is dropped at once.
    let outcomes = tokio::time::timeout(Duration::from_secs(20), run)
        .await
        .expect("the vet stops when cancelled, without waiting for the response")
        .expect("the vet task");
    assert_eq!(outcomes.len(), 1);
    assert_eq!(outcomes[0].error_code.as_deref(), Some("cancelled"));
    assert_eq!(outcomes[0].creator_id, None);
    let last = seen
        .lock()
        .expect("events")
        .last()
        .cloned()
        .expect("events");
    assert_eq!(last.error_code.as_deref(), Some("cancelled"));

    // The server saw its client hang up: the held-back reply is no longer pending.
    let hung_up = tokio::time::timeout(Duration::from_secs(10), async {
        while server.in_flight("followers:1") > 0 {
            tokio::task::yield_now().await;
            tokio::time::sleep(Duration::from_millis(5)).await;
        }
    })
    .await;
    assert!(hung_up.is_ok(), "the request was still open on the server");

    // Nothing stored but the run, which says it was cancelled.
    let store = scout_store::Store::open(&dir.path().join("scout.db")).unwrap();
    assert!(store.accounts().unwrap().is_empty(), "no account stored");
    let runs = store.recent_runs(10).unwrap();
    assert_eq!(runs.len(), 1);
    assert_eq!(runs[0].status, RunStatus::Error);
    assert_eq!(runs[0].error_code.as_deref(), Some("cancelled"));
    assert!(runs[0].finished_at.is_some());
}

#[tokio::test]
async fn inputs_queued_when_cancelled_are_not_started() {
    let server = ReplayServer::start(creator_routes()).await;
    let (_dir, ws) = workspace(&server);
    let cancel = Cancel::new();
    cancel.cancel();
    let (_, on_event) = events();
    let outcomes = ws.vet(vec![HANDLE.to_string(); 4], on_event, cancel).await;
    assert!(
        outcomes
            .iter()
            .all(|o| o.error_code.as_deref() == Some("cancelled"))
    );
    assert_eq!(server.total_hits(), 0, "no request was sent");
}
