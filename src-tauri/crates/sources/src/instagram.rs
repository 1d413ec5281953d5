//! instagram connector.
