//! Pure mapping from Instagram wire types to Scout's snapshot parts:
//! [`web_profile`] / [`web_post`] for the public web profile JSON and
//! [`graph_profile`] / [`graph_post`] for Graph API business discovery.
//!
//! A hidden like count is never zero: it maps to `likes: None,
//! likes_hidden: true` (the owner's `hide_like_and_view_counts`, a post's
//! `like_and_view_counts_disabled`, a count of `-1` or no count at all).

use chrono::DateTime;
use scout_core::{Post, PostKind, Profile};

use super::wire::{BusinessDiscovery, GraphMedia, MediaNode, WebUser};

fn non_empty(s: Option<&String>) -> Option<String> {
    s.map(|v| v.trim().to_string()).filter(|v| !v.is_empty())
}

fn count(c: Option<super::wire::Count>) -> Option<u64> {
    c.and_then(|c| c.count).and_then(|n| u64::try_from(n).ok())
}

/// The profile in the web profile JSON.
pub fn web_profile(user: &WebUser) -> Profile {
    let mut links: Vec<String> = Vec::new();
    for url in user
        .external_url
        .iter()
        .chain(user.bio_links.iter().filter_map(|l| l.url.as_ref()))
    {
        let url = url.trim();
        if !url.is_empty() && !links.iter().any(|l| l == url) {
            links.push(url.to_string());
        }
    }
    let mut labels = Vec::new();
    if user.is_business_account == Some(true) {
        labels.push("business".to_string());
    } else if user.is_professional_account == Some(true) {
        labels.push("creator".to_string());
    }
    if let Some(category) = non_empty(user.category_name.as_ref()) {
        labels.push(format!("category:{category}"));
    }
    Profile {
        id: user.id.clone(),
        handle: user.username.clone(),
        display_name: non_empty(user.full_name.as_ref()),
        bio: non_empty(user.biography.as_ref()),
        avatar_url: non_empty(user.profile_pic_url_hd.as_ref())
            .or_else(|| non_empty(user.profile_pic_url.as_ref())),
        url: format!("https://www.instagram.com/{}/", user.username),
        followers: count(user.edge_followed_by),
        following: count(user.edge_follow),
        posts_count: user
            .edge_owner_to_timeline_media
            .as_ref()
            .and_then(|m| m.count),
        total_likes: None,
        total_views: None,
        created_at: None,
        verified: user.is_verified,
        is_private: user.is_private,
        links,
        country: None,
        labels,
    }
}

/// One post of the web profile JSON. `hide_all` is the owner's
/// `hide_like_and_view_counts`. `None` when the node has no timestamp.
pub fn web_post(node: &MediaNode, hide_all: bool) -> Option<Post> {
    let created_at = DateTime::from_timestamp(node.taken_at_timestamp?, 0)?;
    let like_count = node
        .edge_media_preview_like
        .or(node.edge_liked_by)
        .and_then(|c| c.count);
    let hidden = hide_all
        || node.like_and_view_counts_disabled == Some(true)
        || like_count.is_none_or(|n| n < 0);
    let likes = if hidden {
        None
    } else {
        like_count.and_then(|n| u64::try_from(n).ok())
    };
    let views = if hidden { None } else { node.video_view_count };
    let text = node
        .edge_media_to_caption
        .as_ref()
        .and_then(|c| c.edges.first())
        .map(|e| e.node.text.clone())
        .unwrap_or_default();
    let sponsored_label = node.is_paid_partnership.or_else(|| {
        node.edge_media_to_sponsor_user
            .as_ref()
            .map(|s| !s.edges.is_empty())
    });
    let path = if node.product_type.as_deref() == Some("clips") {
        "reel"
    } else {
        "p"
    };
    Some(Post {
        id: node.shortcode.clone(),
        url: Some(format!(
            "https://www.instagram.com/{path}/{}/",
            node.shortcode
        )),
        kind: PostKind::Original,
        created_at,
        text,
        title: None,
        likes,
        likes_hidden: hidden,
        replies: if node.comments_disabled == Some(true) {
            None
        } else {
            count(node.edge_media_to_comment)
        },
        reposts: None,
        quotes: None,
        views,
        sponsored_label,
        languages: Vec::new(),
        duration_secs: node
            .video_duration
            .filter(|d| d.is_finite() && *d >= 0.0)
            .map(|d| d.round() as u64),
        reposted_from: None,
    })
}

/// The shortcode in a permalink (`https://www.instagram.com/p/CODE/` → `CODE`).
pub fn shortcode_of(permalink: &str) -> Option<&str> {
    let path = permalink.split("instagram.com/").nth(1)?;
    let mut parts = path.split('/').filter(|p| !p.is_empty());
    match parts.next()? {
        "p" | "reel" | "tv" => parts.next(),
        _ => None,
    }
}

/// The profile found by business discovery.
pub fn graph_profile(bd: &BusinessDiscovery, username: &str) -> Profile {
    let handle = bd.username.clone().unwrap_or_else(|| username.to_string());
    let id = match &bd.ig_id {
        Some(serde_json::Value::Number(n)) => n.to_string(),
        Some(serde_json::Value::String(s)) => s.clone(),
        _ => bd.id.clone(),
    };
    Profile {
        id,
        handle: handle.clone(),
        display_name: non_empty(bd.name.as_ref()),
        bio: non_empty(bd.biography.as_ref()),
        avatar_url: non_empty(bd.profile_picture_url.as_ref()),
        url: format!("https://www.instagram.com/{handle}/"),
        followers: bd.followers_count,
        following: bd.follows_count,
        posts_count: bd.media_count,
        total_likes: None,
        total_views: None,
        created_at: None,
        verified: None,
        // Business discovery only finds public professional accounts.
        is_private: Some(false),
        links: non_empty(bd.website.as_ref()).into_iter().collect(),
        country: None,
        labels: vec!["professional".to_string()],
    }
}

/// One media object from business discovery. `None` without a timestamp.
pub fn graph_post(media: &GraphMedia) -> Option<Post> {
    let created_at = media.timestamp?;
    let id = media
        .permalink
        .as_deref()
        .and_then(shortcode_of)
        .map_or_else(|| media.id.clone(), str::to_string);
    Some(Post {
        id,
        url: media.permalink.clone(),
        kind: PostKind::Original,
        created_at,
        text: media.caption.clone().unwrap_or_default(),
        title: None,
        likes: media.like_count,
        likes_hidden: media.like_count.is_none(),
        replies: media.comments_count,
        reposts: None,
        quotes: None,
        views: None,
        sponsored_label: None,
        languages: Vec::new(),
        duration_secs: None,
        reposted_from: None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shortcodes_from_permalinks() {
        assert_eq!(
            shortcode_of("https://www.instagram.com/p/CfUjwr8vyv2/"),
            Some("CfUjwr8vyv2")
        );
        assert_eq!(
            shortcode_of("https://www.instagram.com/reel/Cay3CTXLREt/"),
            Some("Cay3CTXLREt")
        );
        assert_eq!(shortcode_of("https://www.instagram.com/bluebottle/"), None);
        assert_eq!(shortcode_of("https://example.org/p/x"), None);
    }

    fn node(json: &str) -> MediaNode {
        serde_json::from_str(json).unwrap()
    }

    #[test]
    fn hidden_likes_are_unknown_not_zero() {
        let base = r#""id":"1","shortcode":"AbCdEf1","taken_at_timestamp":1700000000,"edge_media_to_comment":{"count":3}"#;
        let shown = web_post(
            &node(&format!(
                r#"{{{base},"edge_media_preview_like":{{"count":12}}}}"#
            )),
            false,
        )
        .unwrap();
        assert_eq!((shown.likes, shown.likes_hidden), (Some(12), false));
        let minus_one = web_post(
            &node(&format!(
                r#"{{{base},"edge_media_preview_like":{{"count":-1}}}}"#
            )),
            false,
        )
        .unwrap();
        assert_eq!((minus_one.likes, minus_one.likes_hidden), (None, true));
        let absent = web_post(&node(&format!("{{{base}}}")), false).unwrap();
        assert_eq!((absent.likes, absent.likes_hidden), (None, true));
        let disabled = web_post(
            &node(&format!(r#"{{{base},"edge_media_preview_like":{{"count":5}},"like_and_view_counts_disabled":true}}"#)),
            false,
        )
        .unwrap();
        assert_eq!((disabled.likes, disabled.likes_hidden), (None, true));
        let owner_hides = web_post(
            &node(&format!(
                r#"{{{base},"edge_media_preview_like":{{"count":5}}}}"#
            )),
            true,
        )
        .unwrap();
        assert_eq!((owner_hides.likes, owner_hides.likes_hidden), (None, true));
        assert_eq!(owner_hides.replies, Some(3));
    }
}
