//! twitch connector.
