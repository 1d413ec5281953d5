//! Serde mirrors of the YouTube Data API v3 responses Scout reads:
//! `channels.list` ([`ChannelList`]), `playlistItems.list` ([`PlaylistItemList`]),
//! `videos.list` ([`VideoList`]), `commentThreads.list` ([`CommentThreadList`])
//! and the error body ([`ApiErrorBody`]).
//!
//! Shapes follow the captured responses in the corpus (python-youtube test
//! data). Counts arrive as strings (`"subscriberCount": "1927873"`); they are
//! read with [`string_count`], which also accepts numbers.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Deserializer};
use serde_json::Value;

/// A count sent as a string of digits or a number.
pub fn string_count<'de, D: Deserializer<'de>>(d: D) -> Result<Option<u64>, D::Error> {
    Ok(match Option::<Value>::deserialize(d)? {
        Some(Value::String(s)) => s.trim().parse().ok(),
        Some(Value::Number(n)) => n.as_u64(),
        _ => None,
    })
}

/// `{"url": …}` of a thumbnail.
#[derive(Debug, Clone, Deserialize)]
pub struct Thumbnail {
    /// Image URL.
    pub url: Option<String>,
}

/// Thumbnail sizes.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct Thumbnails {
    /// 88 px.
    pub default: Option<Thumbnail>,
    /// 240 px.
    pub medium: Option<Thumbnail>,
    /// 800 px.
    pub high: Option<Thumbnail>,
}

impl Thumbnails {
    /// The largest available.
    pub fn best(&self) -> Option<String> {
        [&self.high, &self.medium, &self.default]
            .into_iter()
            .flatten()
            .find_map(|t| t.url.clone())
    }
}

/// `channels.list`.
#[derive(Debug, Clone, Deserialize)]
pub struct ChannelList {
    /// Matching channels (absent or empty when none).
    #[serde(default)]
    pub items: Vec<Channel>,
}

/// One channel.
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Channel {
    /// `UC…` id.
    pub id: String,
    /// `part=snippet`.
    pub snippet: Option<ChannelSnippet>,
    /// `part=statistics`.
    pub statistics: Option<ChannelStatistics>,
    /// `part=contentDetails`.
    pub content_details: Option<ChannelContentDetails>,
}

/// Channel snippet.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ChannelSnippet {
    /// Name.
    pub title: Option<String>,
    /// Description.
    pub description: Option<String>,
    /// `@handle`.
    pub custom_url: Option<String>,
    /// Creation time.
    pub published_at: Option<DateTime<Utc>>,
    /// Avatars.
    #[serde(default)]
    pub thumbnails: Thumbnails,
    /// Country code, where set.
    pub country: Option<String>,
}

/// Channel statistics (string counts).
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
#[allow(clippy::struct_field_names)] // mirrors the wire names
pub struct ChannelStatistics {
    /// Total views.
    #[serde(default, deserialize_with = "string_count")]
    pub view_count: Option<u64>,
    /// Subscribers, rounded by YouTube to three significant figures.
    #[serde(default, deserialize_with = "string_count")]
    pub subscriber_count: Option<u64>,
    /// The owner hides the subscriber count.
    pub hidden_subscriber_count: Option<bool>,
    /// Public videos.
    #[serde(default, deserialize_with = "string_count")]
    pub video_count: Option<u64>,
}

/// Channel content details.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ChannelContentDetails {
    /// Related playlists.
    pub related_playlists: Option<RelatedPlaylists>,
}

/// Related playlists of a channel.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct RelatedPlaylists {
    /// The uploads playlist (`UU…`).
    pub uploads: Option<String>,
}

/// `playlistItems.list`.
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PlaylistItemList {
    /// Next page, if any.
    pub next_page_token: Option<String>,
    /// Items.
    #[serde(default)]
    pub items: Vec<PlaylistItem>,
}

/// One playlist item.
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PlaylistItem {
    /// `part=snippet`.
    pub snippet: Option<PlaylistItemSnippet>,
    /// `part=contentDetails`.
    pub content_details: Option<PlaylistItemContent>,
}

impl PlaylistItem {
    /// The video's id, from either part.
    pub fn video_id(&self) -> Option<&str> {
        self.content_details
            .as_ref()
            .and_then(|c| c.video_id.as_deref())
            .or_else(|| {
                self.snippet
                    .as_ref()
                    .and_then(|s| s.resource_id.as_ref())
                    .and_then(|r| r.video_id.as_deref())
            })
    }
}

/// Playlist item snippet.
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PlaylistItemSnippet {
    /// `{"kind":"youtube#video","videoId":…}`.
    pub resource_id: Option<ResourceId>,
}

/// A resource id.
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ResourceId {
    /// Video id.
    pub video_id: Option<String>,
}

/// Playlist item content details.
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PlaylistItemContent {
    /// Video id.
    pub video_id: Option<String>,
}

/// `videos.list`.
#[derive(Debug, Clone, Deserialize)]
pub struct VideoList {
    /// Videos.
    #[serde(default)]
    pub items: Vec<Video>,
}

/// One video.
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Video {
    /// Video id.
    pub id: String,
    /// `part=snippet`.
    pub snippet: Option<VideoSnippet>,
    /// `part=contentDetails`.
    pub content_details: Option<VideoContent>,
    /// `part=statistics`.
    pub statistics: Option<VideoStatistics>,
    /// `part=paidProductPlacementDetails`.
    pub paid_product_placement_details: Option<PaidProductPlacement>,
}

/// Video snippet.
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct VideoSnippet {
    /// Publication time.
    pub published_at: Option<DateTime<Utc>>,
    /// Owner channel.
    pub channel_id: Option<String>,
    /// Title.
    #[serde(default)]
    pub title: String,
    /// Description.
    #[serde(default)]
    pub description: String,
    /// Language of title and description.
    pub default_language: Option<String>,
    /// Spoken language.
    pub default_audio_language: Option<String>,
}

/// Video content details.
#[derive(Debug, Clone, Deserialize)]
pub struct VideoContent {
    /// ISO 8601 duration (`PT21M7S`).
    pub duration: Option<String>,
}

/// Video statistics (string counts; `likeCount` absent when hidden,
/// `commentCount` absent when comments are off).
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
#[allow(clippy::struct_field_names)] // mirrors the wire names
pub struct VideoStatistics {
    /// Views.
    #[serde(default, deserialize_with = "string_count")]
    pub view_count: Option<u64>,
    /// Likes.
    #[serde(default, deserialize_with = "string_count")]
    pub like_count: Option<u64>,
    /// Comments.
    #[serde(default, deserialize_with = "string_count")]
    pub comment_count: Option<u64>,
}

/// `paidProductPlacementDetails`.
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PaidProductPlacement {
    /// The creator declared a paid promotion.
    pub has_paid_product_placement: Option<bool>,
}

/// `commentThreads.list`.
#[derive(Debug, Clone, Deserialize)]
pub struct CommentThreadList {
    /// Threads.
    #[serde(default)]
    pub items: Vec<CommentThread>,
}

/// One comment thread.
#[derive(Debug, Clone, Deserialize)]
pub struct CommentThread {
    /// Snippet.
    pub snippet: CommentThreadSnippet,
}

/// Comment thread snippet.
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CommentThreadSnippet {
    /// The video.
    pub video_id: Option<String>,
    /// The top-level comment.
    pub top_level_comment: ApiComment,
}

/// A comment.
#[derive(Debug, Clone, Deserialize)]
pub struct ApiComment {
    /// Comment id.
    pub id: String,
    /// Snippet.
    pub snippet: ApiCommentSnippet,
}

/// Comment snippet.
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ApiCommentSnippet {
    /// Author name (`@handle` on current channels).
    #[serde(default)]
    pub author_display_name: String,
    /// `{"value": "UC…"}`.
    pub author_channel_id: Option<AuthorChannelId>,
    /// Plain text.
    pub text_original: Option<String>,
    /// HTML text.
    pub text_display: Option<String>,
    /// Likes.
    pub like_count: Option<u64>,
    /// Publication time.
    pub published_at: Option<DateTime<Utc>>,
}

/// `authorChannelId`.
#[derive(Debug, Clone, Deserialize)]
pub struct AuthorChannelId {
    /// `UC…`.
    pub value: String,
}

/// `{"error":{"code":403,"message":…,"errors":[{"reason":"quotaExceeded",…}]}}`.
#[derive(Debug, Clone, Deserialize)]
pub struct ApiErrorBody {
    /// The error.
    pub error: ApiError,
}

/// An API error.
#[derive(Debug, Clone, Deserialize)]
pub struct ApiError {
    /// Message.
    #[serde(default)]
    pub message: String,
    /// Details with `reason`.
    #[serde(default)]
    pub errors: Vec<ApiErrorItem>,
}

/// One error detail.
#[derive(Debug, Clone, Deserialize)]
pub struct ApiErrorItem {
    /// `quotaExceeded`, `keyInvalid`, `commentsDisabled`, …
    #[serde(default)]
    pub reason: String,
}

/// Seconds of an ISO 8601 duration like `PT21M7S`, `PT1H2M`, `P1DT2H`.
pub fn iso_duration_secs(s: &str) -> Option<u64> {
    let rest = s.trim().strip_prefix('P')?;
    let mut total = 0u64;
    let mut number = String::new();
    let mut in_time = false;
    for c in rest.chars() {
        match c {
            'T' => in_time = true,
            '0'..='9' => number.push(c),
            unit => {
                let n: u64 = number.parse().ok()?;
                number.clear();
                total += match (unit, in_time) {
                    ('W', false) => n * 7 * 86_400,
                    ('D', false) => n * 86_400,
                    ('H', true) => n * 3600,
                    ('M', true) => n * 60,
                    ('S', true) => n,
                    _ => return None,
                };
            }
        }
    }
    number.is_empty().then_some(total)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn iso_durations() {
        assert_eq!(iso_duration_secs("PT21M7S"), Some(1267));
        assert_eq!(iso_duration_secs("PT1H2M"), Some(3720));
        assert_eq!(iso_duration_secs("P1DT2H"), Some(93_600));
        assert_eq!(iso_duration_secs("PT0S"), Some(0));
        assert_eq!(iso_duration_secs("21M"), None);
        assert_eq!(iso_duration_secs("PT5"), None);
    }
}
