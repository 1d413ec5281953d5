//! Test support.

pub mod replay;
