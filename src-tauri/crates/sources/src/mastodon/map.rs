//! Pure mapping from Mastodon wire types to Scout's snapshot parts: [`profile`],
//! [`post`] (with [`classify`] keeping boosts and replies to others apart),
//! [`comment`], [`sampled_account`], and the HTML helpers [`html_to_text`] and
//! [`html_links`].

use scout_core::{Comment, Post, PostKind, Profile, SampledAccount};
use scraper::{Html, Node};

use super::wire::{Account, Status};

/// Plain text of a Mastodon HTML fragment: paragraphs become blank lines,
/// `<br>` a newline, entities decoded, tags dropped.
pub fn html_to_text(html: &str) -> String {
    if !html.contains('<') && !html.contains('&') {
        return html.trim().to_string();
    }
    let fragment = Html::parse_fragment(html);
    let mut out = String::new();
    let mut paragraphs = 0usize;
    for node in fragment.root_element().descendants() {
        match node.value() {
            Node::Text(text) => out.push_str(text),
            Node::Element(el) => match el.name() {
                "br" => out.push('\n'),
                "p" => {
                    if paragraphs > 0 {
                        out.push_str("\n\n");
                    }
                    paragraphs += 1;
                }
                _ => {}
            },
            _ => {}
        }
    }
    out.trim().to_string()
}

/// The `href`s of links in an HTML fragment that point outside (hashtag and
/// mention links are left out).
pub fn html_links(html: &str) -> Vec<String> {
    if !html.contains("href") {
        return Vec::new();
    }
    let fragment = Html::parse_fragment(html);
    let mut links = Vec::new();
    for node in fragment.root_element().descendants() {
        if let Node::Element(el) = node.value() {
            if el.name() != "a" {
                continue;
            }
            let class = el.attr("class").unwrap_or_default();
            let rel = el.attr("rel").unwrap_or_default();
            if class.contains("mention")
                || class.contains("hashtag")
                || rel.split(' ').any(|r| r == "tag")
            {
                continue;
            }
            if let Some(href) = el.attr("href")
                && (href.starts_with("http://") || href.starts_with("https://"))
                && !links.iter().any(|l| l == href)
            {
                links.push(href.to_string());
            }
        }
    }
    links
}

/// Whether an avatar URL is the server's "missing" placeholder.
fn is_placeholder_avatar(url: &str) -> bool {
    url.is_empty() || url.ends_with("/missing.png")
}

/// `user@instance` for an account on `instance` (keeps a remote `acct` as is).
pub fn full_handle(account: &Account, instance: &str) -> String {
    if account.acct.contains('@') {
        account.acct.clone()
    } else {
        format!("{}@{instance}", account.username)
    }
}

/// The profile of the looked-up account.
pub fn profile(account: &Account, instance: &str) -> Profile {
    let handle = full_handle(account, instance);
    let mut links = html_links(&account.note);
    for field in &account.fields {
        for link in html_links(&field.value) {
            if !links.contains(&link) {
                links.push(link);
            }
        }
        // Plain-text field values that are URLs (some servers do not linkify).
        let value = html_to_text(&field.value);
        if (value.starts_with("https://") || value.starts_with("http://"))
            && !value.contains(' ')
            && !links.contains(&value)
        {
            links.push(value);
        }
    }
    let mut labels = Vec::new();
    if account.bot {
        labels.push("bot".to_string());
    }
    if account.group {
        labels.push("group".to_string());
    }
    if account.limited == Some(true) {
        labels.push("limited".to_string());
    }
    if let Some(moved) = &account.moved {
        labels.push(format!("moved:{}", moved.acct));
    }
    if account.noindex == Some(true) {
        labels.push("noindex".to_string());
    }
    let display_name = Some(account.display_name.trim())
        .filter(|s| !s.is_empty())
        .map(str::to_string);
    let bio = Some(html_to_text(&account.note)).filter(|s| !s.is_empty());
    let avatar_url = account.avatar.clone().filter(|a| !is_placeholder_avatar(a));
    Profile {
        id: handle.clone(),
        handle: handle.clone(),
        display_name,
        bio,
        avatar_url,
        url: account
            .url
            .clone()
            .unwrap_or_else(|| format!("https://{instance}/@{}", account.username)),
        followers: account.followers_count,
        following: account.following_count,
        posts_count: account.statuses_count,
        total_likes: None,
        total_views: None,
        created_at: account.created_at,
        verified: None,
        is_private: Some(account.locked),
        links,
        country: None,
        labels,
    }
}

/// Original, boost, or reply to someone else. A reply to the creator's own
/// status (a self-thread continuation) counts as original.
pub fn classify(status: &Status, own_id: &str) -> PostKind {
    if status.reblog.is_some() {
        PostKind::Repost
    } else if status.in_reply_to_id.is_some()
        && status.in_reply_to_account_id.as_deref() != Some(own_id)
    {
        PostKind::Reply
    } else {
        PostKind::Original
    }
}

/// Text of a status: the content warning (if any) then the content.
fn status_text(status: &Status) -> String {
    let body = html_to_text(&status.content);
    let warning = status.spoiler_text.trim();
    if warning.is_empty() {
        body
    } else if body.is_empty() {
        warning.to_string()
    } else {
        format!("{warning}\n\n{body}")
    }
}

/// One status as a post. For a boost the text and counts are the boosted status's.
pub fn post(status: &Status, own_id: &str) -> Post {
    let kind = classify(status, own_id);
    let shown = status.reblog.as_deref().unwrap_or(status);
    Post {
        id: status.id.clone(),
        url: shown.url.clone(),
        kind,
        created_at: status.created_at,
        text: status_text(shown),
        title: None,
        likes: shown.favourites_count,
        likes_hidden: false,
        replies: shown.replies_count,
        reposts: shown.reblogs_count,
        quotes: shown.quotes_count,
        views: None,
        sponsored_label: None,
        languages: shown.language.iter().cloned().collect(),
        duration_secs: None,
        reposted_from: status.reblog.as_ref().map(|r| r.account.acct.clone()),
    }
}

/// Features of an embedded account, for bot checks.
pub fn sampled_account(account: &Account) -> SampledAccount {
    SampledAccount {
        id: account.id.clone(),
        handle: account.acct.clone(),
        display_name: Some(account.display_name.trim())
            .filter(|s| !s.is_empty())
            .map(str::to_string),
        bio: Some(html_to_text(&account.note)),
        has_avatar: account.avatar.as_deref().map(|a| !is_placeholder_avatar(a)),
        followers: account.followers_count,
        following: account.following_count,
        posts_count: account.statuses_count,
        created_at: account.created_at,
        is_private: Some(account.locked),
    }
}

/// A reply in a thread under the creator's status `root_id`.
pub fn comment(status: &Status, root_id: &str) -> Comment {
    Comment {
        id: status.id.clone(),
        post_id: root_id.to_string(),
        author_id: status.account.id.clone(),
        author_handle: status.account.acct.clone(),
        text: status_text(status),
        created_at: Some(status.created_at),
        likes: status.favourites_count,
        author: Some(sampled_account(&status.account)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_paragraphs_and_breaks() {
        assert_eq!(
            html_to_text("<p>a<br>b</p><p>c &amp; d</p>"),
            "a\nb\n\nc & d"
        );
        assert_eq!(html_to_text("plain"), "plain");
        assert_eq!(html_to_text(""), "");
    }

    #[test]
    fn invisible_link_spans_keep_the_full_url() {
        let html = r#"<p><a href="http://www.chainsawriot.com" rel="nofollow noopener noreferrer"><span class="invisible">http://www.</span><span class="">chainsawriot.com</span><span class="invisible"></span></a></p>"#;
        assert_eq!(html_to_text(html), "http://www.chainsawriot.com");
        assert_eq!(
            html_links(html),
            vec!["http://www.chainsawriot.com".to_string()]
        );
    }

    #[test]
    fn mentions_and_hashtags_are_not_links() {
        let html = r#"<p><a href="https://x.social/tags/rstats" class="mention hashtag" rel="tag">&#35;<span>rstats</span></a> <span class="h-card"><a href="https://x.social/@bob" class="u-url mention">@<span>bob</span></a></span> <a href="https://example.org/">example.org</a></p>"#;
        assert_eq!(html_links(html), vec!["https://example.org/".to_string()]);
        assert_eq!(html_to_text(html), "#rstats @bob example.org");
    }
}
