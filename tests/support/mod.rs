//! Test support.

pub mod replay;
pub mod cli;
