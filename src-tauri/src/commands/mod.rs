//! The IPC commands, one module per domain. Each command is a thin adapter:
//! convert arguments → call [`scout::Workspace`] → map the error to
//! [`IpcError`](crate::error::IpcError). No business logic lives here.
//!
//! Commands are `async` so none of them blocks the main (UI) thread; synchronous
//! façade calls run on the blocking pool through [`crate::state::blocking`].

pub mod briefs;
pub mod creators;
pub mod discover;
pub mod jobs;
pub mod plan;
pub mod reports;
pub mod settings;
pub mod shortlists;
pub mod team;
pub mod vet;
