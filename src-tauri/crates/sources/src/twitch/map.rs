//! Pure mapping from Helix wire types to Scout's snapshot parts: [`profile`],
//! [`post`] and the duration parser [`duration_secs`].

use scout_core::{Post, PostKind, Profile};

use super::wire::{User, Video};

/// Seconds in a Twitch duration such as `3h45m54s`, `41m50s` or `54s`.
pub fn duration_secs(s: &str) -> Option<u64> {
    let mut total = 0u64;
    let mut number = String::new();
    for c in s.trim().chars() {
        if c.is_ascii_digit() {
            number.push(c);
            continue;
        }
        let n: u64 = number.parse().ok()?;
        number.clear();
        total += match c {
            'h' => n * 3600,
            'm' => n * 60,
            's' => n,
            _ => return None,
        };
    }
    number.is_empty().then_some(total)
}

/// The channel's profile; `followers` from `/helix/channels/followers` `total`.
pub fn profile(user: &User, followers: Option<u64>) -> Profile {
    let mut labels = Vec::new();
    for label in [&user.broadcaster_type, &user.kind] {
        if !label.is_empty() {
            labels.push(label.clone());
        }
    }
    Profile {
        id: user.id.clone(),
        handle: user.login.clone(),
        display_name: user.display_name.clone().filter(|d| !d.is_empty()),
        bio: user.description.clone().filter(|d| !d.is_empty()),
        avatar_url: user.profile_image_url.clone().filter(|d| !d.is_empty()),
        url: format!("https://www.twitch.tv/{}", user.login),
        followers,
        following: None,
        posts_count: None,
        total_likes: None,
        // Deprecated by Twitch: 0 means "not reported", not "no views".
        total_views: user.view_count.filter(|v| *v > 0),
        created_at: user.created_at,
        verified: Some(user.broadcaster_type == "partner"),
        is_private: Some(false),
        links: Vec::new(),
        country: None,
        labels,
    }
}

/// One video as a post (its title is the title, its description the text).
pub fn post(video: &Video) -> Option<Post> {
    let created_at = video.published_at.or(video.created_at)?;
    Some(Post {
        id: video.id.clone(),
        url: video.url.clone(),
        kind: PostKind::Original,
        created_at,
        text: video.description.clone(),
        title: Some(video.title.clone()).filter(|t| !t.is_empty()),
        likes: None,
        likes_hidden: false,
        replies: None,
        reposts: None,
        quotes: None,
        views: video.view_count,
        sponsored_label: None,
        languages: video
            .language
            .iter()
            .filter(|l| !l.is_empty() && *l != "other")
            .cloned()
            .collect(),
        duration_secs: video.duration.as_deref().and_then(duration_secs),
        reposted_from: None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations() {
        assert_eq!(duration_secs("3h45m54s"), Some(3 * 3600 + 45 * 60 + 54));
        assert_eq!(duration_secs("41m50s"), Some(2510));
        assert_eq!(duration_secs("54s"), Some(54));
        assert_eq!(duration_secs("1h"), Some(3600));
        assert_eq!(duration_secs("12"), None);
        assert_eq!(duration_secs("1x"), None);
    }
}
