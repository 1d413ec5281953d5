//! Hand-built snapshots for the metric and check tests.

use chrono::{DateTime, Duration, TimeZone, Utc};

use crate::{Comment, Platform, Post, Profile, Snapshot};

/// 2025-01-01T00:00Z plus `days` days and `minutes` minutes.
pub(crate) fn at(days: i64, minutes: i64) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2025, 1, 1, 0, 0, 0)
        .single()
        .expect("valid base date")
        + Duration::days(days)
        + Duration::minutes(minutes)
}

/// An empty snapshot fetched at day 30.
pub(crate) fn snapshot(platform: Platform, followers: Option<u64>) -> Snapshot {
    let profile = Profile {
        id: "creator-id".into(),
        handle: "creator".into(),
        url: "https://example.invalid/creator".into(),
        followers,
        ..Profile::default()
    };
    Snapshot::new(platform, profile, at(30, 0))
}

/// An original post with likes / replies / reposts (quotes and views unknown).
pub(crate) fn post(
    id: &str,
    created_at: DateTime<Utc>,
    likes: Option<u64>,
    replies: Option<u64>,
    reposts: Option<u64>,
) -> Post {
    Post {
        id: id.into(),
        created_at,
        likes,
        replies,
        reposts,
        ..Post::default()
    }
}

/// A comment by `author` (id and handle alike) on `post_id`.
pub(crate) fn comment(
    id: &str,
    post_id: &str,
    author: &str,
    text: &str,
    created_at: Option<DateTime<Utc>>,
) -> Comment {
    Comment {
        id: id.into(),
        post_id: post_id.into(),
        author_id: author.into(),
        author_handle: author.into(),
        text: text.into(),
        created_at,
        ..Comment::default()
    }
}
