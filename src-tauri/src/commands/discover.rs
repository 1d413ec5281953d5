//! Discovery commands: search the sources for new creators (streaming per-source
//! progress as [`DiscoverProgress`]), dismiss results, and a creator's linked accounts
//! on other platforms with the scout's accept / reject decision.

use std::sync::Arc;

use scout::discover::{
    DiscoverEvent, DiscoverSpec, DiscoveryRunView, Filters, LinkedAccountView, SavedSearchView,
};

use serde::{Deserialize, Serialize};
use specta::Type;
use tauri::{AppHandle, State};
use tauri_specta::Event;

use crate::error::{IpcError, IpcResult};
use crate::state::{AppState, blocking};

/// Progress of one source in a discovery run, tagged with the run id the UI chose.
#[derive(Debug, Clone, Serialize, Deserialize, Type, Event)]
pub struct DiscoverProgress {
    /// The run id passed to [`discover`].
    pub run: String,
    /// What happened on which source.
    pub event: DiscoverEvent,
}

/// What the Discover page asks for.
#[derive(Debug, Clone, Default, Serialize, Deserialize, Type)]
pub struct DiscoverQuery {
    /// Keywords and `#hashtags`.
    pub query: String,
    /// Platform keys to search (empty = every source).
    pub platforms: Vec<String>,
    /// A tier key (`nano` … `mega`): the follower range of the workspace's tier bounds.
    pub tier: Option<String>,
    /// Followers at least.
    pub min_followers: Option<u32>,
    /// Followers at most.
    pub max_followers: Option<u32>,
    /// Language code (ISO 639-1), declared or detected.
    pub language: Option<String>,
    /// Brief: adds a quick Fit to the ranking; dismissals are per brief.
    pub brief: Option<String>,
    /// Only creators never found before (for a saved search: new since its earlier runs).
    pub only_new: bool,
    /// Engagement rate at least (fraction); only creators vetted since pass.
    pub min_er: Option<f64>,
    /// Engagement rate at most (fraction).
    pub max_er: Option<f64>,
    /// Country code, where the source gives one.
    pub country: Option<String>,
    /// Only creators whose last post is within this many days.
    pub active_within_days: Option<u32>,
    /// Find more like this shortlist (by name) or stored creator instead of searching.
    pub like: Option<String>,
    /// Re-run this saved search (its own query, sources, filters and brief).
    pub saved: Option<String>,
    /// Save the search under this name before running it.
    pub save_as: Option<String>,
}

fn non_empty(s: Option<String>) -> Option<String> {
    s.map(|s| s.trim().to_owned()).filter(|s| !s.is_empty())
}

/// Search the chosen sources for `query`; every source runs at once and reports its
/// progress and outcome (results, needs a key, not searchable, error). Resolves with
/// the ranked first page of results.
#[tauri::command]
#[specta::specta]
pub async fn discover(
    app: AppHandle,
    state: State<'_, AppState>,
    run: String,
    query: DiscoverQuery,
) -> IpcResult<DiscoveryRunView> {
    let spec = DiscoverSpec {
        query: non_empty(Some(query.query))
            .filter(|_| query.like.is_none() && query.saved.is_none()),
        like: non_empty(query.like),
        saved: non_empty(query.saved),
        save_as: non_empty(query.save_as),
        platforms: query.platforms,
        tier: non_empty(query.tier),
        filters: Filters {
            platforms: Vec::new(),
            min_followers: query.min_followers.map(u64::from),
            max_followers: query.max_followers.map(u64::from),
            language: non_empty(query.language),
            country: non_empty(query.country).map(|c| c.to_uppercase()),
            active_since: query
                .active_within_days
                .map(|d| chrono::Utc::now() - chrono::Duration::days(i64::from(d))),
            only_new: query.only_new,
            min_er: query.min_er,
            max_er: query.max_er,
        },
        brief: non_empty(query.brief),
        limit: 100,
        ..DiscoverSpec::default()
    };
    let cancel = state.start_run(&run);
    let run_id = run.clone();
    let on_event = Arc::new(move |event: DiscoverEvent| {
        let progress = DiscoverProgress {
            run: run_id.clone(),
            event,
        };
        if let Err(err) = progress.emit(&app) {
            tracing::warn!(%err, "could not emit discovery progress");
        }
    });
    let result = state.workspace.run_discovery(spec, on_event, cancel).await;
    state.finish_run(&run);
    result.map_err(IpcError::from)
}

/// Stop a discovery run: sources still searching end as cancelled and what they found
/// so far is kept. `false` when the run already finished.
#[tauri::command]
#[specta::specta]
pub async fn cancel_discover(state: State<'_, AppState>, run: String) -> IpcResult<bool> {
    Ok(state.cancel_run(&run))
}

/// Leave these discovered creators out of later results (for a brief, or for no brief).
#[tauri::command]
#[specta::specta]
pub async fn dismiss_discovered(
    state: State<'_, AppState>,
    ids: Vec<i32>,
    brief: Option<String>,
) -> IpcResult<u32> {
    let ids: Vec<i64> = ids.into_iter().map(i64::from).collect();
    let brief = non_empty(brief);
    let n = blocking(&state.workspace, move |ws| {
        ws.dismiss_discovered(&ids, brief.as_deref())
    })
    .await?;
    Ok(u32::try_from(n).unwrap_or(u32::MAX))
}

/// The accounts on other platforms that look like the same person as this creator
/// (`platform:handle`, a handle or a URL), each with its confidence and evidence.
#[tauri::command]
#[specta::specta]
pub async fn linked_accounts(
    state: State<'_, AppState>,
    creator: String,
) -> IpcResult<Vec<LinkedAccountView>> {
    let (_, links) = state
        .workspace
        .identity(&creator)
        .await
        .map_err(IpcError::from)?;
    Ok(links)
}

/// Accept (`true`) or reject a suggested link between two accounts.
#[tauri::command]
#[specta::specta]
pub async fn decide_link(state: State<'_, AppState>, link_id: i32, accept: bool) -> IpcResult<()> {
    blocking(&state.workspace, move |ws| {
        ws.decide_link(i64::from(link_id), accept)
    })
    .await
}

/// The saved searches, by name, with what each searches.
#[tauri::command]
#[specta::specta]
pub async fn saved_searches(state: State<'_, AppState>) -> IpcResult<Vec<SavedSearchView>> {
    blocking(&state.workspace, scout::Workspace::saved_search_views).await
}
