//! Pure mapping to Scout's snapshot parts: from the channel page and feed
//! ([`page_profile`], [`feed_post`]) and from the Data API ([`api_profile`],
//! [`api_post`], [`api_comment`]).

use scout_core::{Comment, Post, PostKind, Profile};

use super::api::{self, Channel, CommentThread, Video};
use super::feed::Entry;
use super::page::ChannelPage;

fn non_empty(s: Option<&str>) -> Option<String> {
    s.map(str::trim)
        .filter(|v| !v.is_empty())
        .map(str::to_string)
}

/// The profile from a channel page; `subscribers` and `videos` already parsed
/// from their display texts.
pub fn page_profile(page: &ChannelPage, subscribers: Option<u64>, videos: Option<u64>) -> Profile {
    let handle = page.handle.clone().unwrap_or_else(|| {
        page.vanity_url
            .as_deref()
            .and_then(|u| u.rsplit('/').next())
            .map_or_else(|| page.channel_id.clone(), str::to_string)
    });
    let url = match &page.handle {
        Some(h) => format!("https://www.youtube.com/@{h}"),
        None => format!("https://www.youtube.com/channel/{}", page.channel_id),
    };
    Profile {
        id: page.channel_id.clone(),
        handle,
        display_name: non_empty(page.title.as_deref()),
        bio: non_empty(page.description.as_deref()),
        avatar_url: page.avatar_url.clone(),
        url,
        followers: subscribers,
        following: None,
        posts_count: videos,
        total_likes: None,
        total_views: None,
        created_at: None,
        verified: page.verified,
        is_private: Some(false),
        links: page.links.clone(),
        country: None,
        labels: Vec::new(),
    }
}

/// One feed entry as a post (likes from the star rating). `None` without a date.
pub fn feed_post(entry: &Entry) -> Option<Post> {
    Some(Post {
        id: entry.video_id.clone(),
        url: entry.link.clone().or_else(|| {
            Some(format!(
                "https://www.youtube.com/watch?v={}",
                entry.video_id
            ))
        }),
        kind: PostKind::Original,
        created_at: entry.published?,
        text: entry.description.clone(),
        title: non_empty(Some(&entry.title)),
        likes: entry.likes(),
        likes_hidden: false,
        replies: None,
        reposts: None,
        quotes: None,
        views: entry.views,
        sponsored_label: None,
        languages: Vec::new(),
        duration_secs: None,
        reposted_from: None,
    })
}

/// The profile from `channels.list`.
pub fn api_profile(channel: &Channel) -> Profile {
    let snippet = channel.snippet.clone().unwrap_or_default();
    let stats = channel.statistics.clone().unwrap_or_default();
    let handle = snippet
        .custom_url
        .as_deref()
        .map(|h| h.trim_start_matches('@').to_string());
    let hidden = stats.hidden_subscriber_count == Some(true);
    Profile {
        id: channel.id.clone(),
        handle: handle.clone().unwrap_or_else(|| channel.id.clone()),
        display_name: non_empty(snippet.title.as_deref()),
        bio: non_empty(snippet.description.as_deref()),
        avatar_url: snippet.thumbnails.best(),
        url: match &handle {
            Some(h) => format!("https://www.youtube.com/@{h}"),
            None => format!("https://www.youtube.com/channel/{}", channel.id),
        },
        followers: if hidden { None } else { stats.subscriber_count },
        following: None,
        posts_count: stats.video_count,
        total_likes: None,
        total_views: stats.view_count,
        created_at: snippet.published_at,
        verified: None,
        is_private: Some(false),
        links: Vec::new(),
        country: non_empty(snippet.country.as_deref()),
        labels: Vec::new(),
    }
}

/// One video from `videos.list`. `None` without a publication time.
pub fn api_post(video: &Video) -> Option<Post> {
    let snippet = video.snippet.as_ref()?;
    let stats = video.statistics.clone().unwrap_or_default();
    let languages = [&snippet.default_audio_language, &snippet.default_language]
        .into_iter()
        .flatten()
        .map(|l| l.trim().to_string())
        .filter(|l| !l.is_empty() && l != "zxx")
        .fold(Vec::new(), |mut acc, l| {
            if !acc.contains(&l) {
                acc.push(l);
            }
            acc
        });
    Some(Post {
        id: video.id.clone(),
        url: Some(format!("https://www.youtube.com/watch?v={}", video.id)),
        kind: PostKind::Original,
        created_at: snippet.published_at?,
        text: snippet.description.clone(),
        title: non_empty(Some(&snippet.title)),
        likes: stats.like_count,
        // The API leaves `likeCount` out when the creator hides likes.
        likes_hidden: video.statistics.is_some() && stats.like_count.is_none(),
        replies: stats.comment_count,
        reposts: None,
        quotes: None,
        views: stats.view_count,
        sponsored_label: video
            .paid_product_placement_details
            .as_ref()
            .and_then(|p| p.has_paid_product_placement),
        languages,
        duration_secs: video
            .content_details
            .as_ref()
            .and_then(|c| c.duration.as_deref())
            .and_then(api::iso_duration_secs),
        reposted_from: None,
    })
}

/// One top-level comment from `commentThreads.list` on video `video_id`.
pub fn api_comment(thread: &CommentThread, video_id: &str) -> Comment {
    let c = &thread.snippet.top_level_comment.snippet;
    Comment {
        id: thread.snippet.top_level_comment.id.clone(),
        post_id: thread
            .snippet
            .video_id
            .clone()
            .unwrap_or_else(|| video_id.to_string()),
        author_id: c
            .author_channel_id
            .as_ref()
            .map(|a| a.value.clone())
            .unwrap_or_default(),
        author_handle: c.author_display_name.trim_start_matches('@').to_string(),
        text: c
            .text_original
            .clone()
            .or_else(|| c.text_display.clone())
            .unwrap_or_default(),
        created_at: c.published_at,
        likes: c.like_count,
        author: None,
    }
}
