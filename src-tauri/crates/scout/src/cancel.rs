//! A cooperative cancellation token for vetting runs.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

/// Cloneable; cancelling one clone cancels them all.
#[derive(Debug, Clone, Default)]
pub struct Cancel(Arc<AtomicBool>);

impl Cancel {
    /// A fresh, not-cancelled token.
    pub fn new() -> Self {
        Self::default()
    }
    /// Ask every holder to stop at the next safe point.
    pub fn cancel(&self) {
        self.0.store(true, Ordering::SeqCst);
    }
    /// Whether cancellation was asked for.
    pub fn is_cancelled(&self) -> bool {
        self.0.load(Ordering::SeqCst)
    }
}
