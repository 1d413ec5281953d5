//! The registry: one [`crate::Source`] per platform.
