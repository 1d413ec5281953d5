//! Serde mirrors of the Instagram responses Scout reads.
//!
//! * The public web profile JSON, `GET /api/v1/users/web_profile_info/?username=`
//!   ([`WebProfileResponse`] → [`WebUser`] → [`TimelineMedia`] → [`MediaNode`]).
//!   The structure is the GraphQL `User` node that instaloader reads in
//!   `instaloader/structures.py` (`Profile._obtain_metadata` stores
//!   `metadata['data']['user']`; `Profile.followers` = `edge_followed_by.count`,
//!   `followees` = `edge_follow.count`, `mediacount` =
//!   `edge_owner_to_timeline_media.count`; `Post.likes` =
//!   `edge_media_preview_like.count`, `Post.comments` =
//!   `edge_media_to_comment.count`, `Post.caption` =
//!   `edge_media_to_caption.edges[0].node.text`, `Post.video_view_count`,
//!   `Post.is_sponsored` = non-empty `edge_media_to_sponsor_user.edges`).
//! * An error / login-wall body `{"message":"…","require_login":true,"status":"fail"}`
//!   ([`WebStatus`]; instaloader's `InstaloaderContext.get_json` treats any
//!   `status` other than `"ok"` as a failure).
//! * The Graph API business discovery response ([`GraphResponse`] →
//!   [`BusinessDiscovery`] → [`GraphMedia`]) and the Graph error body
//!   ([`GraphErrorBody`]), as captured in the corpus.
//!
//! Unknown fields are ignored; every count is optional.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Deserializer};

/// `{"data":{"user":{…}},"status":"ok"}`.
#[derive(Debug, Clone, Deserialize)]
pub struct WebProfileResponse {
    /// Payload; `user` is `null` for an unknown username.
    pub data: Option<WebData>,
    /// `"ok"` or `"fail"`.
    pub status: Option<String>,
}

/// `data` of a web profile response.
#[derive(Debug, Clone, Deserialize)]
pub struct WebData {
    /// The profile, or `null`.
    pub user: Option<WebUser>,
}

/// `{"count": N}` edges.
#[derive(Debug, Clone, Copy, Deserialize)]
pub struct Count {
    /// The count; Instagram sends `-1` (or nothing) when it hides it.
    pub count: Option<i64>,
}

/// A bio link (`bio_links[]`).
#[derive(Debug, Clone, Deserialize)]
pub struct BioLink {
    /// Target URL.
    pub url: Option<String>,
}

/// The profile node of the web profile JSON.
#[derive(Debug, Clone, Deserialize)]
pub struct WebUser {
    /// Numeric id as a string.
    pub id: String,
    /// Username.
    pub username: String,
    /// Display name.
    pub full_name: Option<String>,
    /// Biography.
    pub biography: Option<String>,
    /// Bio links.
    #[serde(default)]
    pub bio_links: Vec<BioLink>,
    /// Website in the profile.
    pub external_url: Option<String>,
    /// Followers.
    pub edge_followed_by: Option<Count>,
    /// Following.
    pub edge_follow: Option<Count>,
    /// Private account.
    pub is_private: Option<bool>,
    /// Verified badge.
    pub is_verified: Option<bool>,
    /// Business account.
    pub is_business_account: Option<bool>,
    /// Creator / business ("professional") account.
    pub is_professional_account: Option<bool>,
    /// Category shown on the profile.
    pub category_name: Option<String>,
    /// The owner hid like and view counts on all posts.
    pub hide_like_and_view_counts: Option<bool>,
    /// Avatar (HD).
    pub profile_pic_url_hd: Option<String>,
    /// Avatar.
    pub profile_pic_url: Option<String>,
    /// Recent posts (the first page, 12 on the web).
    pub edge_owner_to_timeline_media: Option<TimelineMedia>,
}

/// `edge_owner_to_timeline_media`.
#[derive(Debug, Clone, Deserialize)]
pub struct TimelineMedia {
    /// Total posts.
    pub count: Option<u64>,
    /// This page of posts.
    #[serde(default)]
    pub edges: Vec<MediaEdge>,
}

/// `{"node": {…}}`.
#[derive(Debug, Clone, Deserialize)]
pub struct MediaEdge {
    /// The post.
    pub node: MediaNode,
}

/// One post (`GraphImage`, `GraphVideo`, `GraphSidecar`).
#[derive(Debug, Clone, Deserialize)]
pub struct MediaNode {
    /// Shortcode: the post is at `/p/<shortcode>/`.
    pub shortcode: String,
    /// Unix time of publication.
    pub taken_at_timestamp: Option<i64>,
    /// Caption.
    pub edge_media_to_caption: Option<CaptionEdges>,
    /// Comments.
    pub edge_media_to_comment: Option<Count>,
    /// Likes (older responses).
    pub edge_liked_by: Option<Count>,
    /// Likes (instaloader's `Post.likes`).
    pub edge_media_preview_like: Option<Count>,
    /// The owner hid likes and views on this post.
    pub like_and_view_counts_disabled: Option<bool>,
    /// Comments turned off.
    pub comments_disabled: Option<bool>,
    /// Video views.
    pub video_view_count: Option<u64>,
    /// Video length in seconds.
    pub video_duration: Option<f64>,
    /// Instagram's "Paid partnership" label, where the node carries it.
    pub is_paid_partnership: Option<bool>,
    /// Brand partners tagged as sponsors.
    pub edge_media_to_sponsor_user: Option<SponsorEdges>,
    /// `clips` for reels.
    pub product_type: Option<String>,
}

/// `edge_media_to_caption`.
#[derive(Debug, Clone, Deserialize)]
pub struct CaptionEdges {
    /// Caption nodes (the first is the caption).
    #[serde(default)]
    pub edges: Vec<CaptionEdge>,
}

/// `{"node":{"text":"…"}}`.
#[derive(Debug, Clone, Deserialize)]
pub struct CaptionEdge {
    /// The caption node.
    pub node: CaptionNode,
}

/// Caption text.
#[derive(Debug, Clone, Deserialize)]
pub struct CaptionNode {
    /// Text.
    #[serde(default)]
    pub text: String,
}

/// `edge_media_to_sponsor_user`.
#[derive(Debug, Clone, Deserialize)]
pub struct SponsorEdges {
    /// Sponsor nodes.
    #[serde(default)]
    pub edges: Vec<serde_json::Value>,
}

/// Any web JSON body's status fields (errors, rate limits, login walls).
#[derive(Debug, Clone, Default, Deserialize)]
pub struct WebStatus {
    /// Message ("Please wait a few minutes before you try again.").
    pub message: Option<String>,
    /// Set when Instagram wants a login.
    pub require_login: Option<bool>,
}

/// `GET /{ig-user-id}?fields=business_discovery.username(NAME){…}`.
#[derive(Debug, Clone, Deserialize)]
pub struct GraphResponse {
    /// The discovered account.
    pub business_discovery: Option<BusinessDiscovery>,
}

/// The account found by business discovery.
#[derive(Debug, Clone, Deserialize)]
pub struct BusinessDiscovery {
    /// Graph id.
    pub id: String,
    /// Instagram numeric id.
    pub ig_id: Option<serde_json::Value>,
    /// Username.
    pub username: Option<String>,
    /// Display name.
    pub name: Option<String>,
    /// Biography.
    pub biography: Option<String>,
    /// Website.
    pub website: Option<String>,
    /// Avatar.
    pub profile_picture_url: Option<String>,
    /// Followers.
    pub followers_count: Option<u64>,
    /// Following.
    pub follows_count: Option<u64>,
    /// Posts.
    pub media_count: Option<u64>,
    /// Recent media.
    pub media: Option<GraphMediaPage>,
}

/// `media{…}` of business discovery.
#[derive(Debug, Clone, Deserialize)]
pub struct GraphMediaPage {
    /// Media, newest first.
    #[serde(default)]
    pub data: Vec<GraphMedia>,
}

/// One media object of the Graph API.
#[derive(Debug, Clone, Deserialize)]
pub struct GraphMedia {
    /// Graph media id.
    pub id: String,
    /// Caption.
    pub caption: Option<String>,
    /// Likes; absent when the owner hides them.
    pub like_count: Option<u64>,
    /// Comments.
    pub comments_count: Option<u64>,
    /// Publication time, e.g. `2022-06-27T19:55:59+0000`.
    #[serde(default, deserialize_with = "graph_time")]
    pub timestamp: Option<DateTime<Utc>>,
    /// Public URL.
    pub permalink: Option<String>,
}

/// Graph API times use a `+0000` offset, which RFC 3339 parsers reject.
fn graph_time<'de, D: Deserializer<'de>>(d: D) -> Result<Option<DateTime<Utc>>, D::Error> {
    let Some(s) = Option::<String>::deserialize(d)? else {
        return Ok(None);
    };
    DateTime::parse_from_str(&s, "%Y-%m-%dT%H:%M:%S%z")
        .or_else(|_| DateTime::parse_from_rfc3339(&s))
        .map(|t| Some(t.with_timezone(&Utc)))
        .map_err(serde::de::Error::custom)
}

/// `{"error":{"message":…,"type":…,"code":110,"error_subcode":2207013,…}}`.
#[derive(Debug, Clone, Deserialize)]
pub struct GraphErrorBody {
    /// The error.
    pub error: GraphError,
}

/// A Graph API error.
#[derive(Debug, Clone, Deserialize)]
pub struct GraphError {
    /// Error code (110 user not found, 190 bad token, 4/17/32/613 rate limits).
    pub code: Option<i64>,
    /// Sub-code (2207013: "Cannot find User").
    pub error_subcode: Option<i64>,
}
