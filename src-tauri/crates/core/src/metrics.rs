//! Engagement metrics: engagement rate per post (mean, median), posting cadence, recency.
//!
//! Owned by the metrics work; see `engagement.rs`.
