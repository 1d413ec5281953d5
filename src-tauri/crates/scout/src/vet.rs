//! Vetting runs: inputs → fetch → store a snapshot → checks → findings, with
//! bounded concurrency, per-input progress events and cancellation.
//!
//! A failure (bad input, missing account, rate limit, changed layout) is
//! reported for its input alone; nothing stored before is touched, because a
//! snapshot is written in one transaction only after its fetch succeeded.

use futures::StreamExt;
use scout_sources::http::{HttpClient, HttpConfig};
use scout_sources::{FetchContext, FetchLimits, Fetched, RawResponse, Registry};
use scout_store::{JobItemId, RawResponseRecord, SnapshotId};
use std::sync::Arc;

use crate::error::{Error, Result};
use crate::keys::Keychain;
use crate::views::{VetEvent, VetOutcome, VetStage};
use crate::{Cancel, Workspace};

/// How many creators are fetched at once (each source also rate-limits per host).
pub const CONCURRENCY: usize = 3;

/// What a re-parse did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ReparseSummary {
    /// Snapshots re-parsed from their raw responses.
    pub snapshots: usize,
    /// Snapshots without raw responses (demo data), left as they were.
    pub skipped: usize,
}

pub(crate) fn to_record(r: &RawResponse) -> RawResponseRecord {
    RawResponseRecord {
        role: r.role.clone(),
        url: r.url.clone(),
        status: r.status,
        content_type: r.content_type.clone(),
        fetched_at: r.fetched_at,
        body: r.body.clone(),
    }
}

pub(crate) fn from_record(r: RawResponseRecord) -> RawResponse {
    RawResponse {
        role: r.role,
        url: r.url,
        status: r.status,
        content_type: r.content_type,
        fetched_at: r.fetched_at,
        body: r.body,
    }
}

/// Benchmarks only: `SCOUT_LOOPBACK_LIMITS=<production host>` (e.g.
/// `public.api.bsky.app`) applies that host's shipped quota to loopback hosts, so a
/// run against the local replay server is paced as the real source would be.
pub const LOOPBACK_LIMITS_ENV: &str = "SCOUT_LOOPBACK_LIMITS";

/// The shipped HTTP configuration every live pull uses (vets and discovery), with
/// [`LOOPBACK_LIMITS_ENV`] applied.
pub(crate) fn http_config() -> HttpConfig {
    let host = std::env::var(LOOPBACK_LIMITS_ENV).ok();
    http_config_with_loopback_limits(host.as_deref())
}

/// The HTTP configuration a vet uses: the shipped per-host quotas, and, when
/// `production_host` names a host with a shipped quota, that quota applied to the
/// loopback hosts too (what [`LOOPBACK_LIMITS_ENV`] does; benchmarks only).
pub fn http_config_with_loopback_limits(production_host: Option<&str>) -> HttpConfig {
    let mut config = HttpConfig::default();
    if let Some(host) = production_host {
        if let Some(limit) = config
            .rate_limits
            .iter()
            .find(|l| l.host.eq_ignore_ascii_case(host.trim()))
            .cloned()
        {
            for loopback in ["127.0.0.1", "localhost", "::1"] {
                config.rate_limits.push(scout_sources::http::HostLimit {
                    host: loopback.to_string(),
                    ..limit.clone()
                });
            }
        } else {
            tracing::warn!(
                host,
                "{LOOPBACK_LIMITS_ENV}: no shipped quota for this host"
            );
        }
    }
    config
}

/// Run blocking work (SQLite, zstd, checks) on tokio's blocking pool.
pub(crate) async fn blocking<T: Send + 'static>(
    f: impl FnOnce() -> Result<T> + Send + 'static,
) -> Result<T> {
    tokio::task::spawn_blocking(f)
        .await
        .map_err(|e| Error::Invalid(format!("a background task failed: {e}")))?
}

impl Workspace {
    pub(crate) fn registry(&self) -> Result<&Registry> {
        self.inner
            .registry
            .get_or_init(|| {
                HttpClient::new(http_config())
                    .map(Registry::new)
                    .map_err(|e| e.to_string())
            })
            .as_ref()
            .map_err(|e| Error::Invalid(format!("cannot start the HTTP client: {e}")))
    }

    /// Fetch through `registry` instead of the default sources (tests pointing them at a
    /// replay server). Only before the first vet: afterwards the sources are fixed.
    pub fn use_registry(&self, registry: Registry) -> Result<()> {
        self.inner
            .registry
            .set(Ok(registry))
            .map_err(|_| Error::Invalid("the sources are already in use".into()))
    }

    /// Vet several inputs; `on_event` sees every stage of every input.
    pub async fn vet(
        &self,
        inputs: Vec<String>,
        on_event: Arc<dyn Fn(VetEvent) + Send + Sync>,
        cancel: Cancel,
    ) -> Vec<VetOutcome> {
        let emit = |index: usize,
                    input: &str,
                    stage: VetStage,
                    message: String,
                    code: Option<&str>,
                    id: Option<i64>| VetEvent {
            index: u32::try_from(index).unwrap_or(u32::MAX),
            input: input.to_string(),
            stage,
            message,
            error_code: code.map(str::to_string),
            creator_id: id,
        };
        for (i, input) in inputs.iter().enumerate() {
            on_event(emit(
                i,
                input,
                VetStage::Queued,
                "waiting".into(),
                None,
                None,
            ));
        }
        let results = futures::stream::iter(inputs.into_iter().enumerate())
            .map(|(i, input)| {
                let on_event = on_event.clone();
                let cancel = cancel.clone();
                async move {
                    if cancel.is_cancelled() {
                        let e = Error::Cancelled;
                        on_event(emit(
                            i,
                            &input,
                            VetStage::Failed,
                            e.to_string(),
                            Some(e.code()),
                            None,
                        ));
                        return (
                            i,
                            VetOutcome {
                                input,
                                creator_id: None,
                                handle: None,
                                error_code: Some(e.code().into()),
                                error: Some(e.to_string()),
                            },
                        );
                    }
                    let progress = {
                        let on_event = on_event.clone();
                        let input = input.clone();
                        move |msg: &str| {
                            on_event(emit(
                                i,
                                &input,
                                VetStage::Fetching,
                                msg.to_string(),
                                None,
                                None,
                            ));
                        }
                    };
                    match self.vet_one(&input, &progress, &cancel, None).await {
                        Ok((id, handle)) => {
                            on_event(emit(
                                i,
                                &input,
                                VetStage::Done,
                                format!("stored a snapshot of {handle}"),
                                None,
                                Some(id),
                            ));
                            (
                                i,
                                VetOutcome {
                                    input,
                                    creator_id: Some(id),
                                    handle: Some(handle),
                                    error_code: None,
                                    error: None,
                                },
                            )
                        }
                        Err(e) => {
                            on_event(emit(
                                i,
                                &input,
                                VetStage::Failed,
                                e.to_string(),
                                Some(e.code()),
                                None,
                            ));
                            (
                                i,
                                VetOutcome {
                                    input,
                                    creator_id: None,
                                    handle: None,
                                    error_code: Some(e.code().into()),
                                    error: Some(e.to_string()),
                                },
                            )
                        }
                    }
                }
            })
            .buffer_unordered(CONCURRENCY)
            .collect::<Vec<_>>()
            .await;
        let mut results = results;
        results.sort_by_key(|(i, _)| *i);
        results.into_iter().map(|(_, o)| o).collect()
    }

    /// Vet one input: fetch, store a snapshot, run the checks. With `item`, the
    /// snapshot is stored in the same transaction that marks that job item done.
    pub(crate) async fn vet_one(
        &self,
        input: &str,
        progress: &(dyn Fn(&str) + Send + Sync),
        cancel: &Cancel,
        item: Option<JobItemId>,
    ) -> Result<(i64, String)> {
        let account =
            scout_sources::parse_input(input).map_err(scout_sources::SourceError::from)?;
        let run = self.store().start_run(input)?;
        let fetched = {
            let ctx = FetchContext {
                credentials: &Keychain,
                limits: FetchLimits::default(),
                progress,
            };
            // Cancellation drops the fetch future, and with it the request in flight.
            let result = match self.registry() {
                Ok(reg) => tokio::select! {
                    biased;
                    () = cancel.cancelled() => Err(Error::Cancelled),
                    r = reg.fetch(&account, &ctx) => r.map_err(Error::from),
                },
                Err(e) => Err(e),
            };
            match result {
                Ok(f) => f,
                Err(e) => {
                    self.store()
                        .finish_run(run, Err((e.code(), &e.to_string())))?;
                    return Err(e);
                }
            }
        };
        if cancel.is_cancelled() {
            self.store()
                .finish_run(run, Err(("cancelled", "cancelled before storing")))?;
            return Err(Error::Cancelled);
        }
        progress("storing the snapshot");
        // SQLite writes, zstd and the checks block: they run on the blocking pool so
        // the other in-flight fetches keep going.
        let ws = self.clone();
        let id = blocking(move || ws.store_fetched(run, fetched, item)).await?;
        progress("running the checks");
        let ws = self.clone();
        blocking(move || ws.check_snapshot(id)).await
    }

    fn store_fetched(
        &self,
        run: scout_store::RunId,
        fetched: Fetched,
        item: Option<JobItemId>,
    ) -> Result<SnapshotId> {
        let Fetched { snapshot, raw } = fetched;
        let records: Vec<RawResponseRecord> = raw.iter().map(to_record).collect();
        let id: SnapshotId = {
            let mut store = self.store();
            let saved = match item {
                Some(item) => store.save_snapshot_for_job_item(&snapshot, &records, item),
                None => store.save_snapshot(&snapshot, &records, false),
            };
            match saved {
                Ok(id) => {
                    store.finish_run(run, Ok(id))?;
                    id
                }
                Err(e) => {
                    let err = Error::from(e);
                    store.finish_run(run, Err((err.code(), &err.to_string())))?;
                    return Err(err);
                }
            }
        };
        Ok(id)
    }

    /// Run the checks on a stored snapshot (findings stored, table figures
    /// computed); the creator's id and handle.
    fn check_snapshot(&self, id: SnapshotId) -> Result<(i64, String)> {
        let row = {
            let store = self.reader()?;
            let meta = store.snapshot_meta(id)?;
            store.account(meta.account_id)?
        };
        self.analysis_of_snapshot(&row, id)?;
        Ok((row.id.get(), row.handle))
    }

    /// Store one fetched snapshot with its raw responses and run its checks, as a vet
    /// does once the fetch succeeded (blocking: call it off the async runtime).
    /// Returns the creator's id.
    pub fn save_and_check(
        &self,
        snapshot: &scout_core::Snapshot,
        raw: &[RawResponse],
    ) -> Result<i64> {
        let records: Vec<RawResponseRecord> = raw.iter().map(to_record).collect();
        let id = self.store().save_snapshot(snapshot, &records, false)?;
        Ok(self.check_snapshot(id)?.0)
    }

    /// Re-parse every stored snapshot from its raw responses with the current parsers,
    /// then re-run the checks.
    pub fn reparse_all(&self) -> Result<ReparseSummary> {
        let registry = self.registry()?;
        let accounts = self.store().accounts()?;
        let mut summary = ReparseSummary::default();
        for a in accounts {
            let metas = self.store().snapshots_of(a.id)?;
            for m in metas {
                let raw = self.store().raw_responses(m.id)?;
                if raw.is_empty() {
                    summary.skipped += 1;
                    continue;
                }
                let raw: Vec<RawResponse> = raw.into_iter().map(from_record).collect();
                let snap = registry.source(a.platform).reparse(&raw, m.fetched_at)?;
                self.store().replace_snapshot_parse(m.id, &snap)?;
                summary.snapshots += 1;
            }
        }
        self.invalidate();
        // Bind each list first: a store guard must not live across the loop body.
        let accounts = self.store().accounts()?;
        for a in accounts {
            let metas = self.store().snapshots_of(a.id)?;
            for m in metas {
                let analysis = self.analysis_of_snapshot(&a, m.id)?;
                self.store()
                    .save_findings(m.id, &analysis.findings, Self::now())?;
            }
        }
        Ok(summary)
    }
}

#[cfg(test)]
mod loopback_limit_tests {
    use super::http_config_with_loopback_limits;

    fn loopback(host: Option<&str>) -> Vec<(String, u32, u32)> {
        http_config_with_loopback_limits(host)
            .rate_limits
            .into_iter()
            .filter(|l| matches!(l.host.as_str(), "127.0.0.1" | "localhost" | "::1"))
            .map(|l| (l.host, l.per_second, l.burst))
            .collect()
    }

    #[test]
    fn the_switch_gives_loopback_a_production_hosts_quota() {
        assert!(
            loopback(None).is_empty(),
            "loopback is unlimited by default"
        );
        assert!(loopback(Some("no.such.host")).is_empty());
        let appview = scout_sources::http::default_rate_limits()
            .into_iter()
            .find(|l| l.host == "public.api.bsky.app")
            .unwrap();
        let got = loopback(Some(" Public.API.bsky.app "));
        assert_eq!(got.len(), 3, "{got:?}");
        assert!(
            got.iter()
                .all(|(_, r, b)| (*r, *b) == (appview.per_second, appview.burst)),
            "{got:?}"
        );
    }
}
