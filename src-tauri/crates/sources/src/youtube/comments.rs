//! Comments without a Data API key: the `InnerTube` `youtubei/v1/next` answer to
//! a watch page's comments continuation.
//!
//! Since 2024 YouTube sends each comment in two places: the thread list
//! (`onResponseReceivedEndpoints[].reloadContinuationItemsCommand` or
//! `appendContinuationItemsAction` → `continuationItems[]` →
//! `commentThreadRenderer.commentViewModel.commentViewModel.commentKey`), which
//! gives the order, and the entity store (`frameworkUpdates.entityBatchUpdate.
//! mutations[]` whose `entityKey` is that key → `payload.commentEntityPayload`
//! with `properties` (id, text, published time), `author` and `toolbar` (like
//! and reply counts as displayed)). [`keyless_comments`] joins the two; the
//! header's `commentsCount` is the video's total, and a `continuationItemRenderer`
//! gives the next page's token. The first page's token is on the watch page
//! ([`comments_token`]).
//!
//! The vet does not send this request yet: keyless vets mark comments missing
//! and read them through the Data API when a key is set. Published times are
//! YouTube's relative words ("9 years ago"), kept as text, never turned into a
//! date.

use scout_core::Comment;
use serde_json::Value;

use super::page::approx_count;

/// One comment of the page, with what the core comment has no field for.
#[derive(Debug, Clone, PartialEq)]
pub struct KeylessComment {
    /// The comment (no date: YouTube gives only relative words).
    pub comment: Comment,
    /// Author's display name as shown (usually the `@handle`).
    pub author_name: String,
    /// "9 years ago", as YouTube displays it.
    pub published_text: String,
    /// Replies, when shown.
    pub replies: Option<u64>,
    /// The video's own channel wrote it.
    pub by_creator: bool,
}

/// A page of comments.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct KeylessComments {
    /// Comments in display order.
    pub comments: Vec<KeylessComment>,
    /// The video's comment total from the header, when this page has it.
    pub total: Option<u64>,
    /// Token of the next page.
    pub next: Option<String>,
    /// Threads whose entity was missing from the answer (left out).
    pub unmatched: usize,
}

fn items(data: &Value) -> impl Iterator<Item = &Value> {
    data.get("onResponseReceivedEndpoints")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(|e| {
            e.get("reloadContinuationItemsCommand")
                .or_else(|| e.get("appendContinuationItemsAction"))
        })
        .filter_map(|c| c.get("continuationItems").and_then(Value::as_array))
        .flatten()
}

fn text(v: &Value, pointer: &str) -> String {
    v.pointer(pointer)
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_string()
}

/// The token that asks `youtubei/v1/next` for a video's comments, from its watch
/// page data (`ytInitialData`): the `continuationItemRenderer` of the
/// `comment-item-section` in the page's results (the same request the page
/// makes when its comments scroll into view). `None` when comments are off or
/// the page has no such section.
pub fn comments_token(watch_data: &Value) -> Option<String> {
    watch_data
        .pointer("/contents/twoColumnWatchNextResults/results/results/contents")?
        .as_array()?
        .iter()
        .filter_map(|c| c.get("itemSectionRenderer"))
        .filter(|s| {
            s.get("sectionIdentifier").and_then(Value::as_str) == Some("comment-item-section")
        })
        .filter_map(|s| s.get("contents").and_then(Value::as_array))
        .flatten()
        .find_map(|c| {
            c.pointer("/continuationItemRenderer/continuationEndpoint/continuationCommand/token")
                .and_then(Value::as_str)
                .map(str::to_string)
        })
}

/// The comments of a `youtubei/v1/next` comments answer for `video_id`.
pub fn keyless_comments(data: &Value, video_id: &str) -> KeylessComments {
    let entities: std::collections::HashMap<&str, &Value> = data
        .pointer("/frameworkUpdates/entityBatchUpdate/mutations")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(|m| {
            let key = m.get("entityKey")?.as_str()?;
            Some((key, m.pointer("/payload/commentEntityPayload")?))
        })
        .collect();
    let mut page = KeylessComments::default();
    for item in items(data) {
        if let Some(h) = item.get("commentsHeaderRenderer") {
            page.total = h
                .pointer("/commentsCount/runs/0/text")
                .and_then(Value::as_str)
                .and_then(approx_count)
                .map(|(n, _)| n);
        }
        if let Some(token) = item
            .pointer("/continuationItemRenderer/continuationEndpoint/continuationCommand/token")
            .and_then(Value::as_str)
        {
            page.next = Some(token.to_string());
        }
        let Some(key) = item
            .pointer("/commentThreadRenderer/commentViewModel/commentViewModel/commentKey")
            .and_then(Value::as_str)
        else {
            continue;
        };
        let Some(e) = entities.get(key) else {
            page.unmatched += 1;
            continue;
        };
        let id = text(e, "/properties/commentId");
        if id.is_empty() {
            page.unmatched += 1;
            continue;
        }
        let author_name = text(e, "/author/displayName");
        let count = |p: &str| approx_count(&text(e, p)).map(|(n, _)| n);
        page.comments.push(KeylessComment {
            comment: Comment {
                id,
                post_id: video_id.to_string(),
                author_id: text(e, "/author/channelId"),
                author_handle: author_name.trim_start_matches('@').to_string(),
                text: text(e, "/properties/content/content"),
                created_at: None,
                likes: count("/toolbar/likeCountNotliked")
                    .or_else(|| count("/toolbar/likeCountA11y")),
                author: None,
            },
            author_name,
            published_text: text(e, "/properties/publishedTime"),
            replies: count("/toolbar/replyCount"),
            by_creator: e
                .pointer("/author/isCreator")
                .and_then(Value::as_bool)
                .unwrap_or(false),
        });
    }
    page
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn threads_are_joined_to_their_entities_in_list_order() {
        let data = serde_json::json!({
            "onResponseReceivedEndpoints": [{"appendContinuationItemsAction": {"continuationItems": [
                {"commentThreadRenderer": {"commentViewModel": {"commentViewModel": {"commentKey": "B"}}}},
                {"commentThreadRenderer": {"commentViewModel": {"commentViewModel": {"commentKey": "A"}}}},
                {"commentThreadRenderer": {"commentViewModel": {"commentViewModel": {"commentKey": "gone"}}}},
                {"continuationItemRenderer": {"continuationEndpoint": {"continuationCommand": {"token": "T2"}}}}
            ]}}],
            "frameworkUpdates": {"entityBatchUpdate": {"mutations": [
                {"entityKey": "A", "payload": {"commentEntityPayload": {"properties": {"commentId": "a", "content": {"content": "first"}, "publishedTime": "1 day ago"}, "author": {"channelId": "UCa", "displayName": "@ana", "isCreator": true}, "toolbar": {"likeCountNotliked": "1.2K", "replyCount": "3"}}}},
                {"entityKey": "B", "payload": {"commentEntityPayload": {"properties": {"commentId": "b", "content": {"content": "second"}}, "author": {"channelId": "UCb", "displayName": "@bo"}, "toolbar": {"likeCountNotliked": " ", "likeCountA11y": "0 likes", "replyCount": ""}}}}
            ]}}
        });
        let page = keyless_comments(&data, "vid");
        let ids: Vec<&str> = page
            .comments
            .iter()
            .map(|c| c.comment.id.as_str())
            .collect();
        assert_eq!(ids, ["b", "a"]);
        assert_eq!(page.unmatched, 1);
        assert_eq!(page.next.as_deref(), Some("T2"));
        let a = &page.comments[1];
        assert_eq!(a.comment.likes, Some(1_200));
        assert_eq!(a.replies, Some(3));
        assert!(a.by_creator);
        assert_eq!(a.comment.author_handle, "ana");
        assert_eq!(a.comment.post_id, "vid");
        assert_eq!(page.comments[0].comment.likes, Some(0));
        assert_eq!(page.comments[0].replies, None);
    }
}
