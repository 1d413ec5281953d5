//! Connector tests over a loopback HTTP server, in the sources' real formats.
//!
//! Modules:
//! - `loopback`: the axum route-table server and fixture loaders;
//! - `youtube`, `mastodon`, `tiktok`, `instagram`, `twitch`: each connector
//!   against the repository fixtures (`tests/fixtures/<source>/`), with the
//!   figures worked out by hand in each fixture folder's README, plus the
//!   error paths (404, private, 429 with Retry-After, login walls, truncated
//!   JSON, changed layouts);
//! - `corpus`: the real captured responses under `$SCOUT_CORPUS/fixtures/`
//!   (skipped when `SCOUT_CORPUS` is unset).

mod corpus;
mod instagram;
mod loopback;
mod mastodon;
mod tiktok;
mod twitch;
mod youtube;

use scout_sources::{Credentials, FetchContext, FetchLimits};

fn quiet(_: &str) {}

/// A fetch context with default limits and no progress output.
pub fn ctx(credentials: &dyn Credentials) -> FetchContext<'_> {
    FetchContext {
        credentials,
        limits: FetchLimits::default(),
        progress: &quiet,
    }
}

/// Sum of an optional count over posts.
pub fn sum(posts: &[scout_core::Post], f: impl Fn(&scout_core::Post) -> Option<u64>) -> u64 {
    posts.iter().filter_map(f).sum()
}
