//! Scout's public-source connectors.
//!
//! Main types: [`Source`] (one per platform, one folder each), [`Registry`]
//! (picks the source for an [`AccountRef`]), [`http::HttpClient`] (the one HTTP
//! client every source uses: per-host rate limits, retries with backoff, size
//! cap, timeouts), [`SourceError`] (typed errors shared by all sources),
//! [`RawResponse`] (every response a vet used, kept for audit and re-parsing),
//! [`input::parse_input`] (URL / handle → [`AccountRef`]) and [`discovery`]
//! (topic search, expansion and link-in-bio pages, one module per platform).
//!
//! Inside a connector: the requests, the raw wire types (serde mirrors that
//! tolerate unknown fields) and a pure mapping from raw responses to a
//! [`scout_core::Snapshot`], so stored responses can be re-parsed offline.

pub mod bluesky;
pub mod credentials;
pub mod discovery;
pub mod error;
pub mod http;
pub mod input;
pub mod instagram;
pub mod link_header;
pub mod mastodon;
pub mod other_platforms;
pub mod registry;
pub mod tiktok;
pub mod twitch;
pub mod youtube;

pub use credentials::{Credentials, NoCredentials, SecretName};
pub use error::{CredentialProblem, SourceError};
pub use input::{InputError, parse_input};
pub use registry::Registry;

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use scout_core::{AccountRef, Platform, Snapshot};
use serde::{Deserialize, Serialize};

/// One HTTP response a vet used, as received (body decompressed), with secrets
/// redacted from the URL. Stored compressed by `scout-store` for audit and `reparse`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RawResponse {
    /// What this response is for, e.g. `profile`, `feed`, `thread:<post id>`,
    /// `followers`; the connector's `reparse` uses it to route responses.
    pub role: String,
    /// Requested URL with secret query values replaced by `REDACTED`.
    pub url: String,
    /// HTTP status.
    pub status: u16,
    /// `Content-Type` header, if any.
    pub content_type: Option<String>,
    /// When it was received.
    pub fetched_at: DateTime<Utc>,
    /// Body bytes (decompressed).
    pub body: Vec<u8>,
}

/// How much one vet fetches. Defaults follow the product brief.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FetchLimits {
    /// Original posts to analyse (default 50).
    pub posts: usize,
    /// Most-engaged posts whose replies are fetched (default 10).
    pub threads: usize,
    /// Follower sample size (default 500).
    pub followers: usize,
}

impl Default for FetchLimits {
    fn default() -> Self {
        Self {
            posts: 50,
            threads: 10,
            followers: 500,
        }
    }
}

/// What a source needs besides the account: secrets, limits and a progress sink.
pub struct FetchContext<'a> {
    /// Secrets from the OS keychain (never logged, never stored).
    pub credentials: &'a dyn Credentials,
    /// How much to fetch.
    pub limits: FetchLimits,
    /// Progress messages ("fetching posts 2/3"), shown by the shells.
    pub progress: &'a (dyn Fn(&str) + Send + Sync),
}

/// The result of one fetch: the parsed snapshot and every raw response used.
#[derive(Debug, Clone)]
pub struct Fetched {
    /// The parsed snapshot.
    pub snapshot: Snapshot,
    /// The raw responses, in request order.
    pub raw: Vec<RawResponse>,
}

/// A public source of creator data. One implementation per platform.
#[async_trait]
pub trait Source: Send + Sync {
    /// The platform this source reads.
    fn platform(&self) -> Platform;

    /// Fetch the profile, recent posts, replies and samples of one account.
    async fn fetch(
        &self,
        account: &AccountRef,
        ctx: &FetchContext<'_>,
    ) -> Result<Fetched, SourceError>;

    /// Re-parse stored raw responses into a snapshot, without the network.
    fn reparse(
        &self,
        raw: &[RawResponse],
        fetched_at: DateTime<Utc>,
    ) -> Result<Snapshot, SourceError>;

    /// What this source gives without credentials, and what a key adds (for UI/CLI).
    fn capabilities(&self, credentials: &dyn Credentials) -> String;
}
