//! Test support.

pub mod cli;
pub mod replay;
