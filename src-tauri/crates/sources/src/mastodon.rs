//! mastodon connector.
