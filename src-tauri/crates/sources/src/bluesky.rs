//! bluesky connector.
