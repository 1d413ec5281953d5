//! youtube connector.
