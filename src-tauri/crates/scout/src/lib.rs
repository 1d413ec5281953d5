//! scout
