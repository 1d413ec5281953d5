//! Authenticity checks, one module per check; each returns [`crate::Finding`]s.
pub mod bots;
