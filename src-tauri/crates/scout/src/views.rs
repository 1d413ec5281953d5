//! View types: what the shells show. These cross the desktop app's IPC boundary
//! (TypeScript types are generated from them with specta, feature `specta`) and
//! are printed as JSON by the CLI.
//!
//! Ids and counts are integers (`"id": 60`, never `60.0`). specta refuses to export
//! 64-bit integers (JavaScript numbers hold integers exactly only up to 2^53), so
//! each one is exported as `number` with `#[specta(type = u32)]` / `i32`: row ids,
//! follower, like and view counts stay far below 2^53, and the JSON carries the
//! exact integer whatever the TypeScript annotation says. Platform, tier, verdict,
//! stage, status, basis and statistic cross as typed string unions (the core
//! enums derive `specta::Type` behind its `specta` feature). Scores are whole
//! points, as shown ([`scout_core::checks::score::shown`]).

use scout_core::checks::benchmarks::{Basis, Statistic};
use scout_core::{EvidenceKind, Platform, ShortlistStatus, Tier, Verdict};
use serde::{Deserialize, Serialize};

#[cfg(feature = "specta")]
use specta::Type;

/// One row of the Creators table.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(Type))]
pub struct CreatorRow {
    /// Local account id.
    #[cfg_attr(feature = "specta", specta(type = i32))]
    pub id: i64,
    /// Platform key (`bluesky`, `youtube`, …).
    pub platform: Platform,
    /// Platform display name (`YouTube`).
    pub platform_name: String,
    /// The platform's word for its audience (`followers`, `subscribers`).
    pub audience_word: String,
    /// Handle (without `@`).
    pub handle: String,
    /// Display name.
    pub display_name: Option<String>,
    /// Profile URL.
    pub url: String,
    /// Avatar URL.
    pub avatar_url: Option<String>,
    /// Followers / subscribers at the latest snapshot.
    #[cfg_attr(feature = "specta", specta(type = Option<u32>))]
    pub followers: Option<u64>,
    /// Tier key (`nano` … `mega`).
    pub tier: Option<Tier>,
    /// The engagement rate (fraction) in the platform's declared formula
    /// (`engagement_rate_basis`, `engagement_rate_statistic`); `None` with too few posts.
    pub engagement_rate: Option<f64>,
    /// What the rate is divided by: `per_follower` or `per_view` (the platform's declared basis).
    pub engagement_rate_basis: Option<Basis>,
    /// How the per-post rates are summarised: `median` or `mean`.
    pub engagement_rate_statistic: Option<Statistic>,
    /// Authenticity score 0–100, whole points.
    pub authenticity: Option<f64>,
    /// Brand Fit 0–100 for the selected brief.
    pub fit: Option<f64>,
    /// Latest snapshot time (RFC 3339).
    pub last_vetted: String,
    /// Demo data flag.
    pub is_demo: bool,
    /// Number of findings with verdict `risk`.
    pub risks: u32,
}

/// What one page of the Creators table asks for: filters (each optional), sort and
/// paging. Keys are the ones the table shows (`bluesky`, `micro`, `approved`).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(Type))]
#[serde(default)]
pub struct CreatorQuery {
    /// Platform key.
    pub platform: Option<String>,
    /// Tier key (`nano` … `mega`).
    pub tier: Option<String>,
    /// Followers at least.
    pub min_followers: Option<f64>,
    /// Followers at most.
    pub max_followers: Option<f64>,
    /// Engagement rate (fraction) at least.
    pub min_er: Option<f64>,
    /// Engagement rate (fraction) at most.
    pub max_er: Option<f64>,
    /// Authenticity at least.
    pub min_authenticity: Option<f64>,
    /// Authenticity at most.
    pub max_authenticity: Option<f64>,
    /// The brief Fit is scored against (needed for the Fit filter and sort).
    pub brief: Option<String>,
    /// Fit at least.
    pub min_fit: Option<f64>,
    /// Fit at most.
    pub max_fit: Option<f64>,
    /// Only creators on this shortlist (by name).
    pub shortlist: Option<String>,
    /// Only creators with a shortlist entry in this status.
    pub status: Option<String>,
    /// Only creators with a shortlist entry carrying this tag.
    pub tag: Option<String>,
    /// Handle or display name contains this.
    pub text: Option<String>,
    /// Sort column: `name`, `handle`, `platform`, `followers` (default), `tier`, `er`,
    /// `authenticity`, `fit`, `risks`, `last_vetted`. Unknown values sort last.
    pub sort: Option<String>,
    /// Descending.
    pub desc: bool,
    /// Page size (default 50, at most 1,000).
    pub limit: Option<u32>,
    /// Rows to skip.
    pub offset: Option<u32>,
}

/// One page of the Creators table.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(Type))]
pub struct CreatorPage {
    /// The rows of this page.
    pub rows: Vec<CreatorRow>,
    /// Creators matching the filters, on all pages.
    pub total: u32,
}

/// A finding as shown (mirrors `scout_core::Finding`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(Type))]
pub struct FindingView {
    /// Check id.
    pub check: String,
    /// Title.
    pub title: String,
    /// One plain sentence a client reads (no method words).
    pub summary: String,
    /// The measured value formatted for people ("3.4%", "86 / 100").
    pub display_value: Option<String>,
    /// Measured value.
    pub value: Option<f64>,
    /// Expected range low.
    pub expected_low: Option<f64>,
    /// Expected range high.
    pub expected_high: Option<f64>,
    /// `ok` | `watch` | `risk` | `not_enough_data`.
    pub verdict: Verdict,
    /// 0..1.
    pub confidence: f64,
    /// The finding's figures in plain words (the detail behind the summary).
    pub explanation: String,
    /// How the check measures, in the method's own terms (robust z-scores, MAD),
    /// when it has more to say than the explanation (`scout_core::checks::plain::method`).
    pub method: Option<String>,
    /// Evidence rows.
    pub evidence: Vec<EvidenceView>,
    /// Method version.
    pub method_version: String,
}

/// One evidence row.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(Type))]
pub struct EvidenceView {
    /// `post` | `comment` | `account` | `snapshot`.
    pub kind: EvidenceKind,
    /// The id.
    pub id: String,
    /// A quote or figure.
    pub note: Option<String>,
}

/// A post as shown on the Creator page.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(Type))]
pub struct PostView {
    /// Platform id.
    pub id: String,
    /// URL.
    pub url: Option<String>,
    /// RFC 3339.
    pub created_at: String,
    /// Text or description (truncated for display by the UI).
    pub text: String,
    /// Title (videos).
    pub title: Option<String>,
    /// Likes (`None`: hidden or unknown).
    #[cfg_attr(feature = "specta", specta(type = Option<u32>))]
    pub likes: Option<u64>,
    /// Like count hidden by the creator.
    pub likes_hidden: bool,
    /// Replies / comments.
    #[cfg_attr(feature = "specta", specta(type = Option<u32>))]
    pub replies: Option<u64>,
    /// Reposts / boosts / shares.
    #[cfg_attr(feature = "specta", specta(type = Option<u32>))]
    pub reposts: Option<u64>,
    /// Quotes.
    #[cfg_attr(feature = "specta", specta(type = Option<u32>))]
    pub quotes: Option<u64>,
    /// Views.
    #[cfg_attr(feature = "specta", specta(type = Option<u32>))]
    pub views: Option<u64>,
    /// Engagement rate of this post (fraction).
    pub engagement_rate: Option<f64>,
    /// Sponsored (label or detected).
    pub sponsored: bool,
}

/// One point of a time series (RFC 3339 time, value).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(Type))]
pub struct SeriesPoint {
    /// RFC 3339.
    pub at: String,
    /// Value.
    pub value: f64,
    /// Optional label (post id).
    pub label: Option<String>,
}

/// A component of a score breakdown.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(Type))]
pub struct ScorePart {
    /// Component name.
    pub name: String,
    /// Weight (0..1, renormalised).
    pub weight: f64,
    /// Component score 0–100.
    pub score: f64,
    /// Contribution to the total (points).
    pub contribution: f64,
    /// Why.
    pub explanation: String,
}

/// Brand Fit of a creator against one brief, with its breakdown (the Creator page's
/// "Brand Fit" card; the PDF shows the same parts).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(Type))]
pub struct FitView {
    /// The brief it is scored against.
    pub brief: String,
    /// Fit 0–100, whole points (the table's figure).
    pub score: f64,
    /// Verdict against the brief's score bands.
    pub verdict: Verdict,
    /// The verdict in words: "good fit", "partial fit" or "weak fit".
    pub verdict_words: String,
    /// Topic, audience, safety, competitors, disclosure: points of each.
    pub parts: Vec<ScorePart>,
}

/// Everything the Creator page shows.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(Type))]
pub struct CreatorDetail {
    /// The table row (headline figures).
    pub row: CreatorRow,
    /// Bio.
    pub bio: Option<String>,
    /// Following.
    #[cfg_attr(feature = "specta", specta(type = Option<u32>))]
    pub following: Option<u64>,
    /// Posts count as the profile states it.
    #[cfg_attr(feature = "specta", specta(type = Option<u32>))]
    pub posts_count: Option<u64>,
    /// Posts behind the engagement rate.
    pub engagement_rate_posts: u32,
    /// The band the engagement rate is judged against (platform and tier), low end.
    pub engagement_rate_low: Option<f64>,
    /// High end of that band.
    pub engagement_rate_high: Option<f64>,
    /// The engagement rate's verdict against its band.
    pub engagement_rate_verdict: Option<Verdict>,
    /// Original posts analysed.
    pub posts_analyzed: u32,
    /// Posts per week.
    pub posts_per_week: Option<f64>,
    /// Last post time (RFC 3339).
    pub last_post_at: Option<String>,
    /// Days since the last post.
    pub days_since_last_post: Option<f64>,
    /// Views per follower (video platforms).
    pub views_to_followers: Option<f64>,
    /// The ER formula used, in words (from `scout-core`).
    pub er_formula: String,
    /// Authentic ER range (low, high) when a sample allowed it.
    pub authentic_er_low: Option<f64>,
    /// Authentic ER high.
    pub authentic_er_high: Option<f64>,
    /// Authenticity breakdown.
    pub authenticity_breakdown: Vec<ScorePart>,
    /// ER per post over time.
    pub er_series: Vec<SeriesPoint>,
    /// The chart's count beside the posts analysed, in the platform's words
    /// ("49 of 50 videos": posts younger than a day or with hidden counts have no rate).
    pub er_series_label: String,
    /// Why there is no engagement rate, in plain words (core's summary of the
    /// engagement-rate finding: "Twitch does not show likes or comments on videos, …").
    pub er_unavailable: Option<String>,
    /// Why there is no Authenticity score, in plain words (core's summary of the
    /// score finding), when there is none.
    pub authenticity_unavailable: Option<String>,
    /// The platform's word for its posts, plural ("videos", "toots").
    pub posts_word: String,
    /// Followers at each snapshot.
    pub follower_series: Vec<SeriesPoint>,
    /// Findings of the latest snapshot.
    pub findings: Vec<FindingView>,
    /// Recent original posts, newest first.
    pub posts: Vec<PostView>,
    /// The posts table's count columns, in the platform's own words (no column that
    /// every post lacks).
    pub post_columns: Vec<PostColumn>,
    /// Parts the source could not give, with the reason.
    pub missing: Vec<String>,
    /// Shortlists this creator is on.
    pub shortlists: Vec<String>,
    /// Snapshots stored.
    pub snapshots: u32,
    /// Brand Fit against the brief asked for, with its breakdown (`None` without one).
    pub fit: Option<FitView>,
}

/// A shortlist in the list.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(Type))]
pub struct ShortlistSummary {
    /// Local id.
    #[cfg_attr(feature = "specta", specta(type = i32))]
    pub id: i64,
    /// Unique name.
    pub name: String,
    /// Client, if set.
    pub client: Option<String>,
    /// Entries.
    pub entries: u32,
    /// Entries approved.
    pub approved: u32,
    /// RFC 3339.
    pub created_at: String,
}

/// One entry of a shortlist.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(Type))]
pub struct ShortlistEntryView {
    /// The creator.
    pub creator: CreatorRow,
    /// `candidate` | `vetting` | `approved` | `rejected`.
    pub status: ShortlistStatus,
    /// Note.
    pub note: String,
    /// Tags.
    pub tags: Vec<String>,
    /// RFC 3339.
    pub added_at: String,
}

/// A shortlist with its entries.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(Type))]
pub struct ShortlistDetail {
    /// Summary.
    pub summary: ShortlistSummary,
    /// Entries.
    pub entries: Vec<ShortlistEntryView>,
}

/// Progress of one input in a vetting run.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(Type))]
pub struct VetEvent {
    /// Index of the input in the run.
    pub index: u32,
    /// The input as typed.
    pub input: String,
    /// `queued` | `fetching` | `storing` | `checking` | `done` | `failed`.
    pub stage: VetStage,
    /// Human message ("fetching posts (page 2)", or the one-line error).
    pub message: String,
    /// Error code when failed (`not_found`, `rate_limited`, …).
    pub error_code: Option<String>,
    /// The creator's id when done.
    #[cfg_attr(feature = "specta", specta(type = Option<i32>))]
    pub creator_id: Option<i64>,
}

/// Outcome of one input.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(Type))]
pub struct VetOutcome {
    /// The input.
    pub input: String,
    /// Creator id on success.
    #[cfg_attr(feature = "specta", specta(type = Option<i32>))]
    pub creator_id: Option<i64>,
    /// Handle on success.
    pub handle: Option<String>,
    /// Error code on failure.
    pub error_code: Option<String>,
    /// One-line error on failure.
    pub error: Option<String>,
}

/// Status of one secret in the keychain (never the value).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(Type))]
pub struct KeyStatus {
    /// Source key (`youtube`, `twitch`, `instagram`).
    pub source: String,
    /// Secret key (`youtube-api-key`).
    pub name: String,
    /// Human label.
    pub label: String,
    /// Set in the keychain.
    pub set: bool,
    /// What a key adds for this source.
    pub adds: String,
}

/// Tier bounds as shown in Settings.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(Type))]
pub struct TierBoundsView {
    /// micro bound.
    pub micro: f64,
    /// mid bound.
    pub mid: f64,
    /// macro bound.
    pub macro_: f64,
    /// mega bound.
    pub mega: f64,
}

/// A brand brief as listed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(Type))]
pub struct BriefSummary {
    /// Name.
    pub name: String,
    /// The brief as TOML (edited as text in the app).
    pub toml: String,
    /// Topics.
    pub topics: Vec<String>,
    /// Competitors.
    pub competitors: Vec<String>,
    /// Jurisdictions.
    pub jurisdictions: Vec<String>,
}

/// Workspace facts for the status bar / Settings.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(Type))]
pub struct WorkspaceInfo {
    /// Data folder.
    pub data_dir: String,
    /// Creators stored.
    pub creators: u32,
    /// Whether any creator is demo data.
    pub has_demo: bool,
    /// Whether the workspace is empty (first run: offer the demo).
    pub is_empty: bool,
    /// App version.
    pub version: String,
}

/// What a written report or export produced.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(Type))]
pub struct ExportResult {
    /// File written.
    pub path: String,
    /// Bundle written beside a PDF.
    pub bundle_path: Option<String>,
    /// Bytes.
    #[cfg_attr(feature = "specta", specta(type = u32))]
    pub bytes: u64,
    /// Rows or pages.
    pub count: u32,
}

/// `scout show --json`: one creator's headline figures (rates as fractions).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(Type))]
pub struct CreatorSummary {
    /// Platform key.
    pub platform: Platform,
    /// Handle.
    pub handle: String,
    /// Display name.
    pub display_name: Option<String>,
    /// Profile URL.
    pub url: String,
    /// Followers (subscribers on YouTube).
    #[cfg_attr(feature = "specta", specta(type = Option<u32>))]
    pub followers: Option<u64>,
    /// Following.
    #[cfg_attr(feature = "specta", specta(type = Option<u32>))]
    pub following: Option<u64>,
    /// Posts count as the profile states it.
    #[cfg_attr(feature = "specta", specta(type = Option<u32>))]
    pub posts_count: Option<u64>,
    /// Tier key.
    pub tier: Option<Tier>,
    /// The engagement rate (fraction) in the platform's declared formula: the same
    /// figure as the Creators table, the CSV's `engagement_rate` and the PDF.
    pub engagement_rate: Option<f64>,
    /// `per_follower` | `per_view`.
    pub engagement_rate_basis: Option<Basis>,
    /// `mean` | `median`.
    pub engagement_rate_statistic: Option<Statistic>,
    /// The band it is judged against, low end.
    pub engagement_rate_low: Option<f64>,
    /// High end of that band.
    pub engagement_rate_high: Option<f64>,
    /// Other summaries of the same per-post rates, for auditing the figure above
    /// (only `engagement_rate` is compared with benchmarks and shown to clients).
    pub rate_summaries: RateSummaries,
    /// Original posts analysed.
    pub posts_analyzed: u32,
    /// Posts per week over the analysed window.
    pub posts_per_week: Option<f64>,
    /// Newest original post (RFC 3339).
    pub last_post_at: Option<String>,
    /// Days from the newest post to the vet.
    pub days_since_last_post: Option<f64>,
    /// Median views / followers (video platforms).
    pub views_to_followers: Option<f64>,
    /// Authenticity score 0–100, whole points.
    pub authenticity: Option<f64>,
    /// Replies / comments stored.
    pub comments_sampled: u32,
    /// Follower sample size (`None`: the source gives none).
    pub follower_sample: Option<u32>,
    /// When the latest snapshot was fetched (RFC 3339).
    pub vetted_at: String,
    /// Snapshots stored.
    pub snapshots: u32,
    /// Parts the source could not give.
    pub missing: Vec<String>,
    /// Findings of the latest snapshot.
    pub findings: Vec<FindingView>,
}

/// The stage of one input in a vetting run.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(Type))]
#[serde(rename_all = "snake_case")]
pub enum VetStage {
    /// Waiting for a slot.
    Queued,
    /// Fetching from the source.
    Fetching,
    /// Storing the snapshot.
    Storing,
    /// Running the checks.
    Checking,
    /// Finished.
    Done,
    /// Failed (see the message).
    Failed,
}

/// One count column of the posts table.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(Type))]
pub struct PostColumn {
    /// Which count (`likes`, `replies`, `reposts`, `quotes`, `views`): the `PostView` field.
    pub count: scout_core::metrics::Count,
    /// The platform's word for it ("Comments", "Plays", "Boosts").
    pub label: String,
}

/// Mean and median of the per-post rates on both bases (`scout show --json`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(Type))]
pub struct RateSummaries {
    /// Mean of per-post interactions / followers.
    pub per_follower_mean: Option<f64>,
    /// Median of the same.
    pub per_follower_median: Option<f64>,
    /// Mean of per-post interactions / views (video platforms).
    pub per_view_mean: Option<f64>,
    /// Median of the same.
    pub per_view_median: Option<f64>,
}

/// Who prepares reports: printed as "Prepared by" on the PDF cover (Settings).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(Type))]
pub struct ReportAuthor {
    /// The scout's name ("" when not set).
    pub name: String,
    /// The agency ("" when not set).
    pub agency: String,
}

impl ReportAuthor {
    /// "Mara Keller, Northlight Talent", or `None` when neither is set.
    pub fn line(&self) -> Option<String> {
        match (self.name.trim(), self.agency.trim()) {
            ("", "") => None,
            (n, "") => Some(n.to_string()),
            ("", a) => Some(a.to_string()),
            (n, a) => Some(format!("{n}, {a}")),
        }
    }
}

/// Team sync state, for Settings → Team and `scout team status`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(Type))]
pub struct TeamStatus {
    /// Whether this workspace syncs with a team server.
    pub joined: bool,
    /// Server URL.
    pub server_url: Option<String>,
    /// Team workspace name.
    pub workspace: Option<String>,
    /// This device's id in the team.
    pub device: Option<String>,
    /// This device's name, shown to the team.
    pub device_name: Option<String>,
    /// `admin`, `scout` or `viewer`.
    pub role: Option<String>,
    /// Whether this device may edit (not a viewer).
    pub can_edit: bool,
    /// Sequence number of the last change applied.
    #[cfg_attr(feature = "specta", specta(type = i32))]
    pub cursor: i64,
    /// Local edits waiting to be sent.
    pub pending: u32,
    /// Changes applied from the team's log.
    pub applied: u32,
    /// Snapshots shared with or from the team.
    pub shared_snapshots: u32,
    /// When this workspace joined (RFC 3339).
    pub joined_at: Option<String>,
    /// When the last sync succeeded (RFC 3339).
    pub last_sync_at: Option<String>,
    /// The last sync's error, if it failed.
    pub last_error: Option<String>,
    /// The OS keychain entry that holds the device token (never the token).
    pub keychain_entry: Option<String>,
}

/// What one sync did.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(Type))]
pub struct SyncReport {
    /// Local edits the server accepted.
    pub pushed: u32,
    /// Local edits the server refused (undone here), each with the reason.
    pub rejected: Vec<String>,
    /// Changes pulled and applied.
    pub pulled: u32,
    /// Snapshots received from colleagues.
    pub snapshots: u32,
    /// The team log's newest sequence number.
    #[cfg_attr(feature = "specta", specta(type = i32))]
    pub head: i64,
}

/// One line of a shortlist's activity: who changed what, when.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(Type))]
pub struct ActivityEntry {
    /// Not yet sent to the server.
    pub pending: bool,
    /// The device name of whoever made the change.
    pub author: String,
    /// When (RFC 3339): accepted by the server, or made, while pending.
    pub at: String,
    /// The creator concerned (handle), for changes to an entry.
    pub creator: Option<String>,
    /// The creator's platform key.
    pub platform: Option<String>,
    /// The changed field (`member`, `status`, `note`, `tags`, `name`, `client`, `notes`, `deleted`).
    pub field: String,
    /// What changed, in words ("status → approved", "added", "note: …").
    pub summary: String,
}
