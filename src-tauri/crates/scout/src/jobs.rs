//! Background jobs: [`JobQueue`] runs vet, refresh and report jobs whose items are
//! persisted in the store, so a run survives page changes and restarts.
//!
//! Views: [`JobView`] (a job with its counts and overall state), [`JobItemView`],
//! [`JobDetail`], the [`JobEvent`] the runner streams, and [`RefreshSchedule`].
//!
//! Guarantees:
//! - A vet item is marked done in the same transaction that stores its snapshot, so an
//!   item is either done with its result or still to do — never done twice, never lost.
//! - Opening a queue puts items left `running` by a stopped process back to `pending`;
//!   the runner then resumes where it stopped.
//! - Cancelling a job cancels its pending items at once and its running ones at their
//!   next cancellation point; failed and cancelled items can be retried.
//! - The scheduled refresh (off by default) enqueues a refresh of the shortlisted
//!   creators when its interval has passed since the last one.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use chrono::{DateTime, Utc};
use futures::StreamExt;
use scout_store::{
    ClaimedItem, ItemOutcome, ItemState, JobId, JobItemId, JobItemRow, JobKind, JobRow,
};
use serde::{Deserialize, Serialize};

#[cfg(feature = "specta")]
use specta::Type;

use crate::error::{Error, Result};
use crate::{Cancel, Workspace};

/// How many items run at once (each source also rate-limits per host).
pub const CONCURRENCY: usize = crate::vet::CONCURRENCY;

/// How many jobs the panel lists.
pub const RECENT_JOBS: usize = 30;

/// Largest file of handles [`JobQueue::enqueue_vet_file`] reads.
pub const MAX_HANDLES_FILE_BYTES: u64 = 1024 * 1024;

/// How often an idle runner looks at the refresh schedule.
const SCHEDULE_TICK: Duration = Duration::from_secs(60);

/// Settings key of the [`RefreshSchedule`].
const SCHEDULE_KEY: &str = "refresh_schedule";
/// Settings key of when the schedule last enqueued a refresh.
const LAST_SCHEDULED_KEY: &str = "refresh_schedule_last";

/// What a job does, as it crosses IPC (a typed union in the bindings).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "specta", derive(Type))]
pub enum JobKindView {
    /// Vet the inputs a user gave.
    Vet,
    /// Re-vet shortlisted creators.
    Refresh,
    /// Write a PDF report of a shortlist.
    Report,
}

impl From<JobKind> for JobKindView {
    fn from(k: JobKind) -> Self {
        match k {
            JobKind::Vet => JobKindView::Vet,
            JobKind::Refresh => JobKindView::Refresh,
            JobKind::Report => JobKindView::Report,
        }
    }
}

/// Where a whole job stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "specta", derive(Type))]
pub enum JobState {
    /// Nothing started yet.
    Queued,
    /// Some item started, some left.
    Running,
    /// Every item done.
    Done,
    /// Settled, some item failed.
    Failed,
    /// Settled, some item cancelled, none failed.
    Cancelled,
}

/// Where one item of a job stands: the stage names the UI shows (its labels are
/// keyed by this union, so a stage Rust sends and the UI does not name fails `tsc`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "specta", derive(Type))]
pub enum ItemStage {
    /// Waiting for the runner.
    Pending,
    /// Being worked on.
    Running,
    /// Finished with its result stored.
    Done,
    /// Ended with an error; can be retried.
    Failed,
    /// Cancelled before it finished; can be retried.
    Cancelled,
}

impl From<ItemState> for ItemStage {
    fn from(s: ItemState) -> Self {
        match s {
            ItemState::Pending => ItemStage::Pending,
            ItemState::Running => ItemStage::Running,
            ItemState::Done => ItemStage::Done,
            ItemState::Failed => ItemStage::Failed,
            ItemState::Cancelled => ItemStage::Cancelled,
        }
    }
}

/// A job as the jobs panel shows it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(Type))]
pub struct JobView {
    /// Job id.
    pub id: u32,
    /// `vet` | `refresh` | `report`.
    pub kind: JobKindView,
    /// One line ("Vet 3 creators").
    pub title: String,
    /// `queued` (nothing started yet) | `running` | `done` (every item done) |
    /// `failed` (settled, some failed) | `cancelled` (settled, some cancelled, none failed).
    pub state: JobState,
    /// Items in all.
    pub total: u32,
    /// Items waiting.
    pub pending: u32,
    /// Items in progress.
    pub running: u32,
    /// Items done.
    pub done: u32,
    /// Items failed.
    pub failed: u32,
    /// Items cancelled.
    pub cancelled: u32,
    /// When it was created (RFC 3339).
    pub created_at: String,
    /// When its last item settled (RFC 3339), `None` while it works.
    pub finished_at: Option<String>,
}

/// One item of a job.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(Type))]
pub struct JobItemView {
    /// Item id.
    pub id: u32,
    /// Its job.
    pub job: u32,
    /// Order within the job, from 0.
    pub position: u32,
    /// What it works on (handle, URL, shortlist).
    pub input: String,
    /// `pending` | `running` | `done` | `failed` | `cancelled`.
    pub state: ItemStage,
    /// What it is doing now ("fetching posts (page 2)"), or its one-line error.
    pub message: String,
    /// How many times it was started.
    pub attempts: u32,
    /// Error code when failed (`not_found`, `rate_limited`, …).
    pub error_code: Option<String>,
    /// The creator a vet stored.
    #[cfg_attr(feature = "specta", specta(type = Option<i32>))]
    pub creator_id: Option<i64>,
    /// That creator's handle.
    pub handle: Option<String>,
    /// A result that is not a creator (a report's path).
    pub result: Option<String>,
}

/// A job with its items.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(Type))]
pub struct JobDetail {
    /// The job.
    pub job: JobView,
    /// Its items in order.
    pub items: Vec<JobItemView>,
}

/// What the runner reports: an item changed (state or progress message), with its job's
/// counts after the change. `settled` is true once the job has nothing left to do.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(Type))]
pub struct JobEvent {
    /// The job after the change.
    pub job: JobView,
    /// The item that changed.
    pub item: JobItemView,
    /// The job has no pending or running items left.
    pub settled: bool,
}

/// When shortlisted creators are re-vetted without anyone asking.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(Type))]
pub struct RefreshSchedule {
    /// Hours between two refreshes; `None` = off (the default).
    pub every_hours: Option<f64>,
}

/// Who hears the runner's events.
pub type JobListener = Arc<dyn Fn(JobEvent) + Send + Sync>;

/// A vet job's parameters: the shortlist each vetted creator joins, if any.
#[derive(Debug, Default, Serialize, Deserialize)]
struct VetParams {
    #[serde(default)]
    shortlist: Option<String>,
}

/// The parameters of a report job.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
struct ReportParams {
    brief: Option<String>,
    path: PathBuf,
}

/// The job runner over one workspace. Cheap to clone; clones share the wake-up signal
/// and the cancellation tokens.
#[derive(Clone)]
pub struct JobQueue {
    ws: Workspace,
    shared: Arc<Shared>,
}

struct Shared {
    wake: tokio::sync::Notify,
    tokens: Mutex<HashMap<i64, Cancel>>,
}

impl std::fmt::Debug for JobQueue {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("JobQueue").finish_non_exhaustive()
    }
}

fn job_state(j: &JobRow) -> JobState {
    if !j.is_settled() {
        if j.running == 0 && j.done + j.failed + j.cancelled == 0 {
            JobState::Queued
        } else {
            JobState::Running
        }
    } else if j.failed > 0 {
        JobState::Failed
    } else if j.cancelled > 0 {
        JobState::Cancelled
    } else {
        JobState::Done
    }
}

/// The panel's view of a stored job.
pub fn job_view(j: &JobRow) -> JobView {
    JobView {
        id: ipc_id(j.id.get()),
        kind: j.kind.into(),
        title: j.title.clone(),
        state: job_state(j),
        total: j.total(),
        pending: j.pending,
        running: j.running,
        done: j.done,
        failed: j.failed,
        cancelled: j.cancelled,
        created_at: j.created_at.to_rfc3339(),
        finished_at: j.finished_at.map(|t| t.to_rfc3339()),
    }
}

fn item_view(i: &JobItemRow, message: Option<&str>) -> JobItemView {
    let message = match (message, i.state) {
        (Some(m), _) => m.to_string(),
        (None, ItemState::Pending) => "waiting".to_string(),
        (None, ItemState::Running) => "starting".to_string(),
        (None, ItemState::Done) => match (&i.handle, &i.result) {
            (Some(h), _) => format!("stored a snapshot of {h}"),
            (None, Some(r)) => format!("wrote {r}"),
            (None, None) => "done".to_string(),
        },
        (None, ItemState::Failed | ItemState::Cancelled) => i
            .error_message
            .clone()
            .unwrap_or_else(|| i.state.key().to_string()),
    };
    JobItemView {
        id: ipc_id(i.id.get()),
        job: ipc_id(i.job_id.get()),
        position: i.position,
        input: i.input.clone(),
        state: i.state.into(),
        message,
        attempts: i.attempts,
        error_code: i.error_code.clone(),
        creator_id: i.account_id.map(scout_store::AccountId::get),
        handle: i.handle.clone(),
        result: i.result.clone(),
    }
}

/// Job and item ids cross IPC as plain numbers (a TypeScript `number`, never `null`).
fn ipc_id(id: i64) -> u32 {
    u32::try_from(id).unwrap_or(u32::MAX)
}

fn job_id(id: i64) -> JobId {
    JobId(id)
}

impl JobQueue {
    /// A runner over `ws`. Items a stopped process left `running` go back to `pending`
    /// (they stored nothing: a finished item is marked done with its result).
    pub fn open(ws: &Workspace) -> Result<JobQueue> {
        let requeued = ws.store().requeue_running_job_items()?;
        if requeued > 0 {
            tracing::info!(requeued, "resuming interrupted job items");
        }
        Ok(JobQueue {
            ws: ws.clone(),
            shared: Arc::new(Shared {
                wake: tokio::sync::Notify::new(),
                tokens: Mutex::default(),
            }),
        })
    }

    fn enqueue(
        &self,
        kind: JobKind,
        title: &str,
        params: &serde_json::Value,
        inputs: &[String],
    ) -> Result<JobView> {
        let id = self.ws.store().create_job(kind, title, params, inputs)?;
        self.shared.wake.notify_one();
        self.view(id)
    }

    fn view(&self, id: JobId) -> Result<JobView> {
        Ok(job_view(&self.ws.store().job(id)?))
    }

    /// Queue a vet of `inputs` (handles or profile URLs; blank ones dropped).
    pub fn enqueue_vet(&self, inputs: Vec<String>) -> Result<JobView> {
        self.enqueue_vet_into(inputs, None)
    }

    /// Queue a vet of `inputs`; with a shortlist, each creator joins it as soon as it is
    /// vetted (one that fails to vet does not).
    pub fn enqueue_vet_into(
        &self,
        inputs: Vec<String>,
        shortlist: Option<&str>,
    ) -> Result<JobView> {
        let inputs: Vec<String> = inputs
            .into_iter()
            .map(|s| s.trim().to_owned())
            .filter(|s| !s.is_empty())
            .collect();
        if inputs.is_empty() {
            return Err(Error::Invalid(
                "type at least one handle or profile URL to vet".into(),
            ));
        }
        let shortlist = match shortlist.map(str::trim).filter(|s| !s.is_empty()) {
            // An unknown shortlist is refused now, not once per creator.
            Some(name) => {
                self.ws.shortlist_id(name)?;
                Some(name.to_owned())
            }
            None => None,
        };
        let what = match inputs.as_slice() {
            [one] => one.clone(),
            many => format!("{} creators", many.len()),
        };
        let title = match &shortlist {
            Some(name) => format!("Vet {what} into {name}"),
            None => format!("Vet {what}"),
        };
        let params = serde_json::to_value(VetParams { shortlist })
            .map_err(|e| Error::Invalid(format!("vet job parameters: {e}")))?;
        self.enqueue(JobKind::Vet, &title, &params, &inputs)
    }

    /// Queue a vet of the handles and profile URLs in a `.csv`, `.tsv` or `.txt` file (a
    /// file dropped on the window): every cell that names a creator, in order, once.
    pub fn enqueue_vet_file(&self, path: &Path) -> Result<JobView> {
        let name = path.file_name().map_or_else(
            || path.display().to_string(),
            |n| n.to_string_lossy().into_owned(),
        );
        let ext = path
            .extension()
            .map(|e| e.to_string_lossy().to_ascii_lowercase())
            .unwrap_or_default();
        if !matches!(ext.as_str(), "csv" | "tsv" | "txt") {
            return Err(Error::Invalid(format!(
                "{name} is not a list of handles: drop a .csv or .txt file with one handle or profile URL per line or cell"
            )));
        }
        let size = std::fs::metadata(path)
            .map_err(|e| Error::io("cannot read", path, e))?
            .len();
        if size > MAX_HANDLES_FILE_BYTES {
            return Err(Error::Invalid(format!(
                "{name} is {} KiB: a list of handles up to {} KiB is accepted",
                size / 1024,
                MAX_HANDLES_FILE_BYTES / 1024
            )));
        }
        let bytes = std::fs::read(path).map_err(|e| Error::io("cannot read", path, e))?;
        let text = String::from_utf8(bytes).map_err(|_| {
            Error::Invalid(format!(
                "{name} is not UTF-8 text: save it as UTF-8 CSV or text"
            ))
        })?;
        let inputs = handles_in_text(&text);
        if inputs.is_empty() {
            return Err(Error::Invalid(format!(
                "no handle or profile URL found in {name}: put one per line, or in a column"
            )));
        }
        let n = inputs.len();
        let mut job = self.enqueue_vet(inputs)?;
        job.title = format!(
            "Vet {n} creator{} from {name}",
            if n == 1 { "" } else { "s" }
        );
        Ok(job)
    }

    /// Queue a re-vet of every shortlisted creator (grows the growth history);
    /// `None` when nothing is shortlisted.
    pub fn enqueue_refresh(&self) -> Result<Option<JobView>> {
        let inputs = self.ws.shortlisted_inputs()?;
        if inputs.is_empty() {
            return Ok(None);
        }
        let title = format!(
            "Refresh {} shortlisted creator{}",
            inputs.len(),
            if inputs.len() == 1 { "" } else { "s" }
        );
        self.enqueue(JobKind::Refresh, &title, &serde_json::json!({}), &inputs)
            .map(Some)
    }

    /// Queue the PDF report of a shortlist (with its audit bundle) to `path`.
    pub fn enqueue_report(
        &self,
        shortlist: &str,
        brief: Option<&str>,
        path: PathBuf,
    ) -> Result<JobView> {
        // Fail now, not in the background, when the shortlist does not exist.
        self.ws.shortlist(shortlist)?;
        let params = ReportParams {
            brief: brief.map(str::to_owned),
            path,
        };
        let params = serde_json::to_value(&params)
            .map_err(|e| Error::Invalid(format!("report parameters: {e}")))?;
        self.enqueue(
            JobKind::Report,
            &format!("Report on {shortlist}"),
            &params,
            &[shortlist.to_owned()],
        )
    }

    /// The newest jobs not dismissed, newest first.
    pub fn jobs(&self) -> Result<Vec<JobView>> {
        Ok(self
            .ws
            .store()
            .recent_jobs(RECENT_JOBS)?
            .iter()
            .map(job_view)
            .collect())
    }

    /// One job with its items.
    pub fn job(&self, id: i64) -> Result<JobDetail> {
        let store = self.ws.store();
        let job = store.job(job_id(id))?;
        let items = store.job_items(job_id(id))?;
        Ok(JobDetail {
            job: job_view(&job),
            items: items.iter().map(|i| item_view(i, None)).collect(),
        })
    }

    fn token(&self, job: JobId) -> Cancel {
        self.shared
            .tokens
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .entry(job.get())
            .or_default()
            .clone()
    }

    /// Cancel a job: its pending items at once, its running ones at their next
    /// cancellation point.
    pub fn cancel(&self, id: i64) -> Result<JobView> {
        let id = job_id(id);
        self.ws.store().cancel_job(id)?;
        self.token(id).cancel();
        self.view(id)
    }

    /// Put a job's failed and cancelled items (or only `item`) back in the queue.
    pub fn retry(&self, id: i64, item: Option<i64>) -> Result<JobView> {
        let id = job_id(id);
        // A fresh token: the old one stays cancelled for items still stopping.
        self.shared
            .tokens
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .remove(&id.get());
        let n = self.ws.store().retry_job(id, item.map(JobItemId))?;
        if n > 0 {
            self.shared.wake.notify_one();
        }
        self.view(id)
    }

    /// Clear a finished job from the panel.
    pub fn dismiss(&self, id: i64) -> Result<()> {
        let id = job_id(id);
        let mut store = self.ws.store();
        if !store.job(id)?.is_settled() {
            return Err(Error::Invalid(
                "this job is still working: cancel it before clearing it".into(),
            ));
        }
        Ok(store.dismiss_job(id)?)
    }

    /// Run items until none is pending (new jobs queued meanwhile included), then return.
    pub async fn run_until_idle(&self, on_event: &JobListener) {
        // Owned clones in the stream: the runner future stays `Send + 'static` for spawning.
        let claims = futures::stream::unfold(self.clone(), |queue| async move {
            match queue.claim() {
                Ok(Some(item)) => Some((item, queue)),
                Ok(None) => None,
                Err(e) => {
                    tracing::error!("could not take the next job item: {e}");
                    None
                }
            }
        });
        let (queue, on_event) = (self.clone(), Arc::clone(on_event));
        claims
            .map(move |item| {
                let (queue, on_event) = (queue.clone(), Arc::clone(&on_event));
                async move { queue.run_item(item, &on_event).await }
            })
            .buffer_unordered(CONCURRENCY)
            .for_each(|()| async {})
            .await;
    }

    /// Run forever: work through the queue, then wait for a new job or the next
    /// look at the refresh schedule.
    pub async fn run(&self, on_event: JobListener) {
        loop {
            if let Err(e) = self.schedule_refresh_if_due(Utc::now()) {
                tracing::warn!("could not check the refresh schedule: {e}");
            }
            self.run_until_idle(&on_event).await;
            let _ = tokio::time::timeout(SCHEDULE_TICK, self.shared.wake.notified()).await;
        }
    }

    /// One indexed single-row update, run in place like the vet's own store writes: a
    /// runner that is dropped (the app quits) leaves no claim still in flight.
    fn claim(&self) -> Result<Option<ClaimedItem>> {
        Ok(self.ws.store().claim_job_item()?)
    }

    fn emit(&self, on_event: &JobListener, item: JobItemId, message: Option<&str>) {
        let (job, row) = {
            let store = self.ws.store();
            let row = match store.job_item(item) {
                Ok(r) => r,
                Err(e) => return tracing::warn!("job event: {e}"),
            };
            match store.job(row.job_id) {
                Ok(j) => (j, row),
                Err(e) => return tracing::warn!("job event: {e}"),
            }
        };
        on_event(JobEvent {
            settled: job.is_settled(),
            job: job_view(&job),
            item: item_view(&row, message),
        });
    }

    async fn run_item(&self, item: ClaimedItem, on_event: &JobListener) {
        let cancel = self.token(item.job_id);
        self.emit(on_event, item.id, None);
        let outcome = match item.kind {
            JobKind::Vet | JobKind::Refresh => self.run_vet(&item, &cancel, on_event).await,
            JobKind::Report => self.run_report(&item).await,
        };
        let settled = match &outcome {
            // A vet marked itself done with its snapshot.
            Ok(None) => Ok(true),
            Ok(Some(path)) => self.ws.store().finish_job_item(
                item.id,
                &ItemOutcome::Done {
                    snapshot: None,
                    result: Some(path),
                },
            ),
            Err(Error::Cancelled) => self.ws.store().finish_job_item(
                item.id,
                &ItemOutcome::Cancelled {
                    message: "cancelled while it was running",
                },
            ),
            Err(e) => self.ws.store().finish_job_item(
                item.id,
                &ItemOutcome::Failed {
                    code: e.code(),
                    message: &e.to_string(),
                },
            ),
        };
        if let Err(e) = settled {
            tracing::error!("could not record how {} ended: {e}", item.id);
        }
        self.emit(on_event, item.id, None);
    }

    /// `Ok(None)`: the item is done (marked with its snapshot by the vet itself).
    async fn run_vet(
        &self,
        item: &ClaimedItem,
        cancel: &Cancel,
        on_event: &JobListener,
    ) -> Result<Option<String>> {
        if cancel.is_cancelled() {
            return Err(Error::Cancelled);
        }
        let progress = |msg: &str| self.emit(on_event, item.id, Some(msg));
        let params: VetParams = serde_json::from_value(item.params.clone()).unwrap_or_default();
        let (creator, _) = self
            .ws
            .vet_one(&item.input, &progress, cancel, Some(item.id))
            .await?;
        if let Some(name) = params.shortlist {
            let ws = self.ws.clone();
            let added = tokio::task::spawn_blocking(move || ws.add_to_shortlist(&name, &[creator]))
                .await
                .map_err(|e| Error::Invalid(format!("the shortlist task failed: {e}")));
            // The vet itself is done and stored; say why the creator is not on the list.
            if let Err(e) = added.and_then(|r| r) {
                tracing::warn!(
                    "vetted {} but could not add it to the shortlist: {e}",
                    item.input
                );
                self.emit(
                    on_event,
                    item.id,
                    Some(&format!("vetted, but not added to the shortlist: {e}")),
                );
            }
        }
        Ok(None)
    }

    async fn run_report(&self, item: &ClaimedItem) -> Result<Option<String>> {
        let params: ReportParams = serde_json::from_value(item.params.clone())
            .map_err(|e| Error::Invalid(format!("report job parameters: {e}")))?;
        let ws = self.ws.clone();
        let shortlist = item.input.clone();
        let written = tokio::task::spawn_blocking(move || {
            ws.report_pdf(&shortlist, params.brief.as_deref(), &params.path)
        })
        .await
        .map_err(|e| Error::Report(format!("the report task failed: {e}")))??;
        Ok(Some(written.path))
    }

    /// Enqueue a refresh when the schedule is on, its interval has passed since the last
    /// scheduled one (or since it was switched on) and no refresh is already queued.
    pub fn schedule_refresh_if_due(&self, now: DateTime<Utc>) -> Result<Option<JobView>> {
        let Some(every) = self.ws.refresh_schedule()?.every_hours else {
            return Ok(None);
        };
        let last: Option<DateTime<Utc>> = self.ws.store().get_setting(LAST_SCHEDULED_KEY)?;
        let due = last
            .is_none_or(|t| now.signed_duration_since(t).num_seconds() as f64 >= every * 3600.0);
        if !due || self.ws.store().has_active_job(JobKind::Refresh)? {
            return Ok(None);
        }
        self.ws.store().set_setting(LAST_SCHEDULED_KEY, &now)?;
        self.enqueue_refresh()
    }
}

/// The cells of a CSV or text file that name a creator Scout can read (handles, profile
/// URLs), in order, each account once (a URL and a handle of the same account count
/// once); headers and other columns are skipped.
pub fn handles_in_text(text: &str) -> Vec<String> {
    let mut seen = std::collections::HashSet::new();
    text.trim_start_matches('\u{feff}')
        .lines()
        .flat_map(|line| line.split([',', ';', '\t']))
        .map(|cell| cell.trim().trim_matches('"').trim())
        .filter(|cell| !cell.is_empty())
        .filter(|cell| scout_sources::parse_input(cell).is_ok_and(|a| seen.insert(a)))
        .map(str::to_owned)
        .collect()
}

impl Workspace {
    /// The refresh schedule (off unless the user set an interval).
    pub fn refresh_schedule(&self) -> Result<RefreshSchedule> {
        Ok(self
            .store()
            .get_setting(SCHEDULE_KEY)?
            .unwrap_or(RefreshSchedule { every_hours: None }))
    }

    /// Switch the scheduled refresh on (every `every_hours`, at least 1 hour) or off
    /// (`None`). The first scheduled refresh comes one interval after switching on.
    pub fn set_refresh_schedule(&self, every_hours: Option<f64>) -> Result<RefreshSchedule> {
        let mut store = self.store();
        match every_hours {
            None => {
                store.remove_setting(SCHEDULE_KEY)?;
                store.remove_setting(LAST_SCHEDULED_KEY)?;
            }
            Some(h) if h.is_finite() && (1.0..=24.0 * 365.0).contains(&h) => {
                store.set_setting(
                    SCHEDULE_KEY,
                    &RefreshSchedule {
                        every_hours: Some(h),
                    },
                )?;
                store.set_setting(LAST_SCHEDULED_KEY, &Self::now())?;
            }
            Some(h) => {
                return Err(Error::Invalid(format!(
                    "refresh every {h} hours: choose between 1 hour and 365 days"
                )));
            }
        }
        drop(store);
        self.refresh_schedule()
    }
}

#[cfg(test)]
mod tests {
    use super::{ItemStage, JobKindView, handles_in_text};
    use scout_store::{ItemState, JobKind};

    #[test]
    fn stage_and_kind_names_are_the_stored_keys() {
        for s in [
            ItemState::Pending,
            ItemState::Running,
            ItemState::Done,
            ItemState::Failed,
            ItemState::Cancelled,
        ] {
            assert_eq!(
                serde_json::to_value(ItemStage::from(s)).unwrap(),
                serde_json::json!(s.key())
            );
        }
        for k in [JobKind::Vet, JobKind::Refresh, JobKind::Report] {
            assert_eq!(
                serde_json::to_value(JobKindView::from(k)).unwrap(),
                serde_json::json!(k.key())
            );
        }
    }

    #[test]
    fn handles_are_read_from_csv_cells_and_text_lines_once_each() {
        let csv = "\u{feff}name,profile,followers\n\
                   Lena,\"https://bsky.app/profile/lena-okafor.bsky.social\",1200\n\
                   Mira;@mira@mastodon.social;99\n\
                   again,lena-okafor.bsky.social,1\n\
                   \n\
                   youtube.com/@miragrows\n";
        assert_eq!(
            handles_in_text(csv),
            [
                "https://bsky.app/profile/lena-okafor.bsky.social",
                "@mira@mastodon.social",
                "youtube.com/@miragrows",
            ]
        );
        assert!(handles_in_text("name,followers\nLena Okafor,12\n").is_empty());
    }
}
