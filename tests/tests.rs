//! End-to-end tests across Scout's crates, in one binary (fast to link, shared helpers).
//! A test target of the `scout-cli` package (`cargo test -p scout-cli --test tests`), so
//! cargo builds the `scout` binary before the run and the tests never build it
//! (`scout_tests::cli::scout_bin`); the helpers are the `scout-tests` library.
//!
//! Modules:
//! - `cli_bluesky`: `scout vet` → `show --json` → shortlist → `export csv` over the replay server,
//!   checked against figures worked out by hand from `tests/fixtures/bluesky/README.md`;
//!   every error path gives one line and keeps what was stored.
//! - `cli_sources`: one creator per keyless source (YouTube page + feed and video links,
//!   Mastodon, TikTok, Instagram with a hidden like count) through `scout vet` / `show --json`
//!   against hand-computed figures; per-source error paths (not found, private, login walls,
//!   changed layouts, truncated bodies, Retry-After) give one line and keep what was stored;
//!   Twitch without keys says how to set them.
//! - `cli_discover`: `scout discover` across every source at once (ranking by hand-worked reasons,
//!   per-source outcomes, a 429 mid-run, filters at their edges, dismissals, saved searches) and
//!   `scout identity` (confirmed / likely / possible links with evidence, decisions kept).
//! - `cli_reports`: briefs and Brand Fit, the PDF report with its audit bundle (pdftotext, verify,
//!   reproducible bytes), Excel CSV, and `scout bots score`.
//! - `cli_campaign`: a saved plan run as a campaign; deliverables planted in the Bluesky feed
//!   are found by a refresh over the replay server; results in the CLI (`scout campaign`) and the PDF.
//! - `jobs`: the background job queue over the replay server — every item once, a run
//!   stopped mid-way resumes after reopening with nothing done twice, cancel, retry of a
//!   failed item, the refresh schedule.
//! - `demo`: the demo workspace loads, covers every tier and platform, and its planted anomalies
//!   are found by the checks.

mod cli_bluesky;
mod cli_campaign;
mod cli_discover;
mod cli_reports;
mod cli_sources;
mod demo;
mod jobs;
