//! The background job queue over the loopback replay server: a vet job runs every item
//! once; a run stopped mid-way (runner and workspace dropped, as when the app quits)
//! resumes after reopening with nothing done twice or lost; cancel stops pending and
//! running items; failed items keep their error and can be retried; the refresh
//! schedule is off by default and enqueues a refresh of the shortlist when due.

use std::collections::{HashMap, HashSet};
use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

use scout::jobs::{ItemStage, JobEvent, JobKindView, JobListener, JobState};
use scout::{JobQueue, Workspace};
use scout_sources::Registry;
use scout_sources::bluesky::BlueskySource;
use scout_sources::http::{HttpClient, HttpConfig};
use scout_store::{ItemState, JobId, Store};
use scout_tests::replay::bluesky::{
    DID, FEED_CURSOR_2, FOLLOWERS_CURSOR_2, HANDLE, post_uri, xrpc,
};
use scout_tests::replay::{ReplayServer, Reply, Route, fixture, fixture_path};

/// The handle and DID of the fixture creator's `i`-th copy.
fn cohort_member(i: usize) -> (String, String) {
    let letters = [b'a' + (i / 26) as u8, b'a' + (i % 26) as u8];
    let suffix = std::str::from_utf8(&letters).expect("ascii");
    (
        format!("cohort-{suffix}.bsky.social"),
        format!("{}{suffix}", &DID[..DID.len() - 2]),
    )
}

/// Every route a vet of the fixture creator requests (as `bluesky::creator_routes`), for
/// `n` copies of it, each under its own handle and DID: the bodies are the repository's
/// recorded responses with the handle and DID replaced.
fn cohort_routes(n: usize) -> Vec<Route> {
    let mut threads: Vec<String> = std::fs::read_dir(fixture_path("bluesky"))
        .expect("bluesky fixtures")
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .filter(|n| {
            n.starts_with("getPostThread_")
                && Path::new(n)
                    .extension()
                    .is_some_and(|x| x.eq_ignore_ascii_case("json"))
        })
        .collect();
    threads.sort();
    let mut routes = Vec::new();
    for i in 0..n {
        let (handle, did) = cohort_member(i);
        let body = |rel: &str| {
            String::from_utf8(fixture(&format!("bluesky/{rel}")))
                .expect("utf-8 fixture")
                .replace(HANDLE, &handle)
                .replace(DID, &did)
        };
        let profile = body("getProfile_lena-okafor.json");
        routes.push(
            Route::get(xrpc("app.bsky.actor.getProfile"))
                .query("actor", handle.clone())
                .named(format!("profile:{handle}"))
                .reply(Reply::json(200, profile.clone())),
        );
        routes.push(
            Route::get(xrpc("app.bsky.actor.getProfile"))
                .query("actor", did.clone())
                .reply(Reply::json(200, profile)),
        );
        routes.push(
            Route::get(xrpc("app.bsky.feed.getAuthorFeed"))
                .query("actor", did.clone())
                .without_query("cursor")
                .reply(Reply::json(
                    200,
                    body("getAuthorFeed_lena-okafor_page1.json"),
                )),
        );
        routes.push(
            Route::get(xrpc("app.bsky.feed.getAuthorFeed"))
                .query("actor", did.clone())
                .query("cursor", FEED_CURSOR_2)
                .reply(Reply::json(
                    200,
                    body("getAuthorFeed_lena-okafor_page2.json"),
                )),
        );
        routes.push(
            Route::get(xrpc("app.bsky.graph.getFollowers"))
                .query("actor", did.clone())
                .without_query("cursor")
                .reply(Reply::json(
                    200,
                    body("getFollowers_lena-okafor_page1.json"),
                )),
        );
        routes.push(
            Route::get(xrpc("app.bsky.graph.getFollowers"))
                .query("actor", did.clone())
                .query("cursor", FOLLOWERS_CURSOR_2)
                .reply(Reply::json(
                    200,
                    body("getFollowers_lena-okafor_page2.json"),
                )),
        );
        for name in &threads {
            let stem = &name["getPostThread_".len()..name.len() - ".json".len()];
            let (rkey, status) = match stem.strip_suffix("_NotFound") {
                Some(rkey) => (rkey, 400),
                None => (stem, 200),
            };
            let uri = post_uri(rkey).replace(DID, &did);
            routes.push(
                Route::get(xrpc("app.bsky.feed.getPostThread"))
                    .query("uri", uri)
                    .reply(Reply::json(status, body(name))),
            );
        }
    }
    routes
}

fn open(dir: &Path, server: &ReplayServer) -> (Workspace, JobQueue) {
    let ws = Workspace::open(Some(dir.to_path_buf())).expect("workspace");
    let http = HttpClient::new(HttpConfig::for_tests()).expect("http client");
    let base = url::Url::parse(&server.base_url).expect("base url");
    ws.use_registry(Registry::from_sources(vec![Box::new(
        BlueskySource::with_base_url(http, base),
    )]))
    .expect("fresh registry");
    let queue = JobQueue::open(&ws).expect("queue");
    (ws, queue)
}

fn inputs(n: usize) -> Vec<String> {
    (0..n).map(|i| cohort_member(i).0).collect()
}

/// Snapshots per account handle, read straight from the database file.
fn snapshots_per_handle(dir: &Path) -> HashMap<String, usize> {
    let store = Store::open(&dir.join("scout.db")).expect("store");
    store
        .accounts()
        .expect("accounts")
        .into_iter()
        .map(|a| {
            let n = store.snapshots_of(a.id).expect("snapshots").len();
            (a.handle, n)
        })
        .collect()
}

fn states(dir: &Path, job: JobId) -> Vec<ItemState> {
    let store = Store::open(&dir.join("scout.db")).expect("store");
    store
        .job_items(job)
        .expect("items")
        .iter()
        .map(|i| i.state)
        .collect()
}

fn collect() -> (JobListener, Arc<Mutex<Vec<JobEvent>>>) {
    let seen = Arc::new(Mutex::new(Vec::new()));
    let sink = Arc::clone(&seen);
    let listener: JobListener = Arc::new(move |e| sink.lock().unwrap().push(e));
    (listener, seen)
}

#[tokio::test]
async fn a_vet_job_runs_every_item_once_and_reports_progress() {
    let server = ReplayServer::start(cohort_routes(4)).await;
    let dir = tempfile::tempdir().unwrap();
    let (ws, queue) = open(dir.path(), &server);
    let job = queue.enqueue_vet(inputs(4)).unwrap();
    assert_eq!((job.state, job.total), (JobState::Queued, 4));
    assert_eq!(job.title, "Vet 4 creators");

    let (listener, seen) = collect();
    queue.run_until_idle(&listener).await;

    let detail = queue.job(i64::from(job.id)).unwrap();
    assert_eq!(detail.job.state, JobState::Done);
    assert_eq!(detail.job.done, 4);
    assert!(detail.job.finished_at.is_some());
    for (i, item) in detail.items.iter().enumerate() {
        assert_eq!(item.state, ItemStage::Done, "{item:?}");
        assert_eq!(item.handle.as_deref(), Some(cohort_member(i).0.as_str()));
        assert!(item.creator_id.is_some());
        assert_eq!(item.attempts, 1);
    }
    let events = seen.lock().unwrap();
    // Progress messages stream while items run; exactly one event says the job settled
    // with nothing left (the last item's).
    assert!(
        events
            .iter()
            .any(|e| e.item.state == ItemStage::Running && e.item.message.contains("reading posts")),
        "no reading progress among {} events",
        events.len()
    );
    let last = events.last().unwrap();
    assert!(last.settled && last.job.state == JobState::Done);
    assert_eq!(ws.info().unwrap().creators as usize, 4);
    assert!(server.unmatched().is_empty(), "{:?}", server.unmatched());
    for i in 0..4 {
        assert_eq!(server.hits(&format!("profile:{}", cohort_member(i).0)), 1);
    }
}

#[tokio::test]
async fn a_run_stopped_mid_way_resumes_after_reopening_with_nothing_done_twice() {
    const N: usize = 20;
    let server = ReplayServer::start(cohort_routes(N)).await;
    let dir = tempfile::tempdir().unwrap();
    let job_id;
    {
        let (_ws, queue) = open(dir.path(), &server);
        job_id = JobId(i64::from(queue.enqueue_vet(inputs(N)).unwrap().id));
        let done = Arc::new(Mutex::new(HashSet::new()));
        let stop = Arc::new(tokio::sync::Notify::new());
        let listener: JobListener = {
            let (done, stop) = (Arc::clone(&done), Arc::clone(&stop));
            Arc::new(move |e: JobEvent| {
                let mut done = done.lock().unwrap();
                if e.item.state == ItemStage::Done && done.insert(e.item.id) && done.len() == 6 {
                    stop.notify_one();
                }
            })
        };
        tokio::select! {
            () = queue.run_until_idle(&listener) => panic!("the run finished before it was stopped"),
            () = stop.notified() => {}
        }
        // Runner and workspace dropped here, mid-run, as when the app quits.
    }
    let before = states(dir.path(), job_id);
    let done_before = before.iter().filter(|s| **s == ItemState::Done).count();
    assert!(
        (6..N).contains(&done_before),
        "{done_before} done when stopped"
    );
    assert!(
        before
            .iter()
            .all(|s| matches!(s, ItemState::Done | ItemState::Running | ItemState::Pending)),
        "{before:?}"
    );
    let per_handle = snapshots_per_handle(dir.path());
    assert_eq!(
        per_handle.len(),
        done_before,
        "a snapshot per done item, no more"
    );

    let (_ws, queue) = open(dir.path(), &server);
    let (listener, _) = collect();
    queue.run_until_idle(&listener).await;

    let detail = queue.job(job_id.get()).unwrap();
    assert_eq!(detail.job.state, JobState::Done, "{:?}", detail.job);
    assert_eq!(detail.job.done as usize, N);
    let per_handle = snapshots_per_handle(dir.path());
    assert_eq!(per_handle.len(), N, "every creator vetted");
    assert!(
        per_handle.values().all(|n| *n == 1),
        "an item vetted twice: {per_handle:?}"
    );
    // Items done before the stop were not fetched again; only the interrupted ones were.
    for (i, item) in detail.items.iter().enumerate() {
        let hits = server.hits(&format!("profile:{}", cohort_member(i).0));
        if before[i] == ItemState::Done {
            assert_eq!((hits, item.attempts), (1, 1), "{item:?}");
        } else {
            assert!(hits <= 2, "{item:?}");
        }
    }
    let snapshots: HashSet<i64> = {
        let store = Store::open(&dir.path().join("scout.db")).unwrap();
        store
            .job_items(job_id)
            .unwrap()
            .iter()
            .map(|i| i.snapshot_id.expect("done with a snapshot").get())
            .collect()
    };
    assert_eq!(snapshots.len(), N);
}

#[tokio::test]
async fn cancel_stops_the_job_and_retry_finishes_it() {
    const N: usize = 8;
    let server = ReplayServer::start(cohort_routes(N)).await;
    let dir = tempfile::tempdir().unwrap();
    let (_ws, queue) = open(dir.path(), &server);
    let job = queue.enqueue_vet(inputs(N)).unwrap();
    let id = i64::from(job.id);
    let listener: JobListener = {
        let queue = queue.clone();
        let cancelled = Arc::new(AtomicUsize::new(0));
        Arc::new(move |e: JobEvent| {
            if e.item.state == ItemStage::Done && cancelled.fetch_add(1, Ordering::SeqCst) == 0 {
                queue.cancel(id).expect("cancel");
            }
        })
    };
    queue.run_until_idle(&listener).await;

    let detail = queue.job(id).unwrap();
    assert_eq!(detail.job.state, JobState::Cancelled, "{:?}", detail.job);
    assert_eq!(detail.job.pending + detail.job.running, 0);
    assert_eq!(detail.job.failed, 0);
    assert!(detail.job.done >= 1 && detail.job.done as usize <= scout::jobs::CONCURRENCY);
    // Items never started were cancelled without a request.
    for (i, item) in detail.items.iter().enumerate().skip(4) {
        assert_eq!(item.state, ItemStage::Cancelled);
        assert_eq!(item.attempts, 0);
        assert_eq!(server.hits(&format!("profile:{}", cohort_member(i).0)), 0);
    }
    assert_eq!(
        snapshots_per_handle(dir.path()).len(),
        detail.job.done as usize
    );

    let retried = queue.retry(id, None).unwrap();
    assert_eq!(retried.state, JobState::Running);
    let (listener, _) = collect();
    queue.run_until_idle(&listener).await;
    let detail = queue.job(id).unwrap();
    assert_eq!(detail.job.state, JobState::Done);
    let per_handle = snapshots_per_handle(dir.path());
    assert_eq!(per_handle.len(), N);
    assert!(per_handle.values().all(|n| *n == 1), "{per_handle:?}");
}

#[tokio::test]
async fn a_failed_item_keeps_its_error_and_a_retry_of_it_succeeds() {
    let (handle, _) = cohort_member(1);
    let mut routes = cohort_routes(2);
    // The second creator's profile first answers Bluesky's "profile not found", then works.
    let i = routes
        .iter()
        .position(|r| r.key() == format!("profile:{handle}"))
        .unwrap();
    let ok = String::from_utf8(fixture("bluesky/getProfile_lena-okafor.json"))
        .unwrap()
        .replace(HANDLE, &handle)
        .replace(DID, &cohort_member(1).1);
    routes[i] = Route::get(xrpc("app.bsky.actor.getProfile"))
        .query("actor", handle.clone())
        .named(format!("profile:{handle}"))
        .reply(Reply::json(
            400,
            fixture("bluesky/error_getProfile_ProfileNotFound.json"),
        ))
        .then(Reply::json(200, ok));
    let server = ReplayServer::start(routes).await;
    let dir = tempfile::tempdir().unwrap();
    let (_ws, queue) = open(dir.path(), &server);
    let id = i64::from(queue.enqueue_vet(inputs(2)).unwrap().id);
    let (listener, _) = collect();
    queue.run_until_idle(&listener).await;

    let detail = queue.job(id).unwrap();
    assert_eq!(detail.job.state, JobState::Failed);
    let failed = &detail.items[1];
    assert_eq!(failed.state, ItemStage::Failed);
    assert_eq!(failed.error_code.as_deref(), Some("not_found"));
    assert!(!failed.message.is_empty() && failed.message != "failed");
    assert_eq!(detail.items[0].state, ItemStage::Done);

    queue.retry(id, Some(i64::from(failed.id))).unwrap();
    queue.run_until_idle(&listener).await;
    let detail = queue.job(id).unwrap();
    assert_eq!(detail.job.state, JobState::Done);
    assert_eq!(detail.items[1].attempts, 2);
    assert_eq!(detail.items[1].error_code, None);
    assert_eq!(server.hits(&format!("profile:{}", cohort_member(0).0)), 1);
    assert_eq!(snapshots_per_handle(dir.path()).len(), 2);
}

#[tokio::test]
async fn the_refresh_schedule_is_off_by_default_and_refreshes_the_shortlist_when_due() {
    let server = ReplayServer::start(cohort_routes(3)).await;
    let dir = tempfile::tempdir().unwrap();
    let (ws, queue) = open(dir.path(), &server);
    let (listener, _) = collect();
    queue.enqueue_vet(inputs(3)).unwrap();
    queue.run_until_idle(&listener).await;
    ws.create_shortlist("Spring", None).unwrap();
    let first = ws.find_creator(&cohort_member(0).0).unwrap();
    let third = ws.find_creator(&cohort_member(2).0).unwrap();
    ws.add_to_shortlist("Spring", &[first.id, third.id])
        .unwrap();

    let now = chrono::Utc::now();
    assert_eq!(ws.refresh_schedule().unwrap().every_hours, None);
    assert!(
        queue
            .schedule_refresh_if_due(now + chrono::Duration::days(30))
            .unwrap()
            .is_none(),
        "off by default"
    );
    assert!(ws.set_refresh_schedule(Some(0.1)).is_err());
    ws.set_refresh_schedule(Some(24.0)).unwrap();
    assert!(
        queue
            .schedule_refresh_if_due(now + chrono::Duration::hours(2))
            .unwrap()
            .is_none(),
        "not due yet"
    );
    let job = queue
        .schedule_refresh_if_due(now + chrono::Duration::hours(25))
        .unwrap()
        .expect("due");
    assert_eq!(job.kind, JobKindView::Refresh);
    assert_eq!(job.total, 2);
    // Not twice while one is queued, nor again before the next interval.
    assert!(
        queue
            .schedule_refresh_if_due(now + chrono::Duration::hours(26))
            .unwrap()
            .is_none()
    );
    queue.run_until_idle(&listener).await;
    assert!(
        queue
            .schedule_refresh_if_due(now + chrono::Duration::hours(30))
            .unwrap()
            .is_none()
    );
    let per_handle = snapshots_per_handle(dir.path());
    assert_eq!(per_handle[&cohort_member(0).0], 2);
    assert_eq!(per_handle[&cohort_member(1).0], 1);
    assert_eq!(per_handle[&cohort_member(2).0], 2);
    ws.set_refresh_schedule(None).unwrap();
    assert!(
        queue
            .schedule_refresh_if_due(now + chrono::Duration::days(60))
            .unwrap()
            .is_none()
    );
}

#[tokio::test]
async fn a_vet_into_a_shortlist_adds_each_creator_once_it_is_vetted_and_only_then() {
    let (missing, _) = cohort_member(1);
    let mut routes = cohort_routes(3);
    let i = routes
        .iter()
        .position(|r| r.key() == format!("profile:{missing}"))
        .unwrap();
    routes[i] = Route::get(xrpc("app.bsky.actor.getProfile"))
        .query("actor", missing.clone())
        .named(format!("profile:{missing}"))
        .reply(Reply::json(
            400,
            fixture("bluesky/error_getProfile_ProfileNotFound.json"),
        ));
    let server = ReplayServer::start(routes).await;
    let dir = tempfile::tempdir().unwrap();
    let (ws, queue) = open(dir.path(), &server);
    ws.create_shortlist("Found on Discover", None).unwrap();

    // An unknown shortlist is refused before anything is queued.
    let err = queue
        .enqueue_vet_into(inputs(3), Some("No such list"))
        .unwrap_err();
    assert_eq!(err.code(), "not_found", "{err}");
    assert!(queue.jobs().unwrap().is_empty());

    let job = queue
        .enqueue_vet_into(inputs(3), Some("Found on Discover"))
        .unwrap();
    assert_eq!(job.title, "Vet 3 creators into Found on Discover");
    let (listener, _) = collect();
    queue.run_until_idle(&listener).await;

    let detail = queue.job(i64::from(job.id)).unwrap();
    assert_eq!(detail.items[1].state, ItemStage::Failed);
    let list = ws.shortlist("Found on Discover").unwrap();
    let mut handles: Vec<String> = list
        .entries
        .iter()
        .map(|e| e.creator.handle.clone())
        .collect();
    handles.sort();
    let mut want = vec![cohort_member(0).0, cohort_member(2).0];
    want.sort();
    assert_eq!(
        handles, want,
        "the creator that failed to vet is not on the list"
    );
}
