//! End-to-end tests across Scout's crates, in one binary (fast to link, shared helpers).
//!
//! Modules:
//! - `cli_bluesky`: `scout vet` → `show --json` → shortlist → `export csv` over the replay server,
//!   checked against figures worked out by hand from `tests/fixtures/bluesky/README.md`;
//!   every error path gives one line and keeps what was stored.
//! - `demo`: the demo workspace loads, covers every tier and platform, and its planted anomalies
//!   are found by the checks.

mod cli_bluesky;
mod demo;
