//! A cancellation token for vetting runs.
//!
//! Cancelling stops a run at once: inputs still queued are not started, and a
//! vet in the middle of a request drops it (the connection is closed, the
//! source's future is dropped), records its run as cancelled and stores
//! nothing else. Backed by [`tokio_util::sync::CancellationToken`].

use tokio_util::sync::CancellationToken;

/// Cloneable; cancelling one clone cancels them all.
#[derive(Debug, Clone, Default)]
pub struct Cancel(CancellationToken);

impl Cancel {
    /// A fresh, not-cancelled token.
    pub fn new() -> Self {
        Self::default()
    }
    /// Cancel every holder: queued work does not start, in-flight requests are dropped.
    pub fn cancel(&self) {
        self.0.cancel();
    }
    /// Whether cancellation was asked for.
    pub fn is_cancelled(&self) -> bool {
        self.0.is_cancelled()
    }
    /// Completes when cancellation is asked for (at once if it already was).
    pub async fn cancelled(&self) {
        self.0.cancelled().await;
    }
}
