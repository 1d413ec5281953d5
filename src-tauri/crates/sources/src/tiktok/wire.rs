//! The data TikTok embeds in its web pages, and how Scout finds it.
//!
//! The structure follows yt-dlp's TikTok extractor (`yt_dlp/extractor/tiktok.py`):
//! `TikTokBaseIE._get_universal_data` reads
//! `<script id="__UNIVERSAL_DATA_FOR_REHYDRATION__">` → `__DEFAULT_SCOPE__`;
//! `TikTokBaseIE._get_sigi_state` reads `<script id="SIGI_STATE">` (or
//! `sigi-persisted-data`); `_extract_web_data_and_status` also falls back to
//! `__NEXT_DATA__` (`props.pageProps`) and takes a non-zero `statusCode` as
//! "not available"; `TikTokUserIE._get_sec_uid` reads
//! `webapp.user-detail.userInfo.user` (universal) and `UserModule.users`
//! (SIGI); `_parse_aweme_video_web` reads an item's `stats.{playCount,
//! diggCount, shareCount, commentCount}`, `createTime`, `desc` and
//! `video.duration`.
//!
//! Main items: [`find_page_data`] (which script, parsed), [`UserDetail`],
//! [`UserInfo`], [`User`], [`Stats`], [`Item`]. Counts may be numbers or
//! strings (`statsV2` holds strings, and `heartCount` can exceed 2^31), so
//! every count goes through [`lenient_count`].

use serde::{Deserialize, Deserializer};
use serde_json::Value;

/// A count sent as a number or a string of digits; negative or unreadable → `None`.
pub fn lenient_count<'de, D: Deserializer<'de>>(d: D) -> Result<Option<u64>, D::Error> {
    Ok(count_of(
        &Option::<Value>::deserialize(d)?.unwrap_or(Value::Null),
    ))
}

/// [`lenient_count`] on a parsed value.
pub fn count_of(v: &Value) -> Option<u64> {
    match v {
        Value::Number(n) => n.as_u64().or_else(|| {
            n.as_f64()
                .filter(|f| f.is_finite() && *f >= 0.0)
                .map(|f| f as u64)
        }),
        Value::String(s) => s.trim().parse().ok(),
        _ => None,
    }
}

/// Unix seconds sent as a number or a string.
fn lenient_time<'de, D: Deserializer<'de>>(d: D) -> Result<Option<i64>, D::Error> {
    Ok(match Option::<Value>::deserialize(d)? {
        Some(Value::Number(n)) => n.as_i64(),
        Some(Value::String(s)) => s.trim().parse().ok(),
        _ => None,
    })
}

/// Which embedded script a page carried.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Variant {
    /// `__UNIVERSAL_DATA_FOR_REHYDRATION__` (current pages).
    Universal,
    /// `SIGI_STATE` / `sigi-persisted-data` (2022–2023 pages).
    Sigi,
    /// `__NEXT_DATA__` (2020–2021 pages).
    NextData,
}

/// The parsed JSON of the first embedded-data script found in `html`.
pub fn find_page_data(html: &str) -> Option<(Variant, Result<Value, serde_json::Error>)> {
    let doc = scraper::Html::parse_document(html);
    let candidates = [
        (
            "script#__UNIVERSAL_DATA_FOR_REHYDRATION__",
            Variant::Universal,
        ),
        ("script#SIGI_STATE", Variant::Sigi),
        ("script#sigi-persisted-data", Variant::Sigi),
        ("script#__NEXT_DATA__", Variant::NextData),
    ];
    for (css, variant) in candidates {
        let Ok(selector) = scraper::Selector::parse(css) else {
            continue;
        };
        if let Some(script) = doc.select(&selector).next() {
            let text: String = script.text().collect();
            return Some((variant, serde_json::from_str(text.trim())));
        }
    }
    None
}

/// `__DEFAULT_SCOPE__["webapp.user-detail"]`.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct UserDetail {
    /// 0 on success; 10202 / 10221 no such user; 10222 private.
    #[serde(default, deserialize_with = "lenient_time")]
    pub status_code: Option<i64>,
    /// Message for a non-zero status.
    pub status_msg: Option<String>,
    /// The profile.
    pub user_info: Option<UserInfo>,
    /// Recent videos, where the page embeds them.
    #[serde(default)]
    pub item_list: Vec<Item>,
}

/// `userInfo`: `{user, stats, statsV2}`.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct UserInfo {
    /// The account.
    pub user: Option<User>,
    /// Counts as numbers.
    pub stats: Option<Stats>,
    /// The same counts as strings (exact for large values).
    pub stats_v2: Option<Stats>,
    /// Recent videos, on pages that nest them here.
    #[serde(default)]
    pub item_list: Vec<Item>,
}

/// A TikTok account as embedded in its page.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct User {
    /// Numeric id (a string).
    #[serde(default)]
    pub id: String,
    /// The @name.
    #[serde(default)]
    pub unique_id: String,
    /// Display name.
    pub nickname: Option<String>,
    /// Biography.
    pub signature: Option<String>,
    /// Avatar, large.
    pub avatar_larger: Option<String>,
    /// Avatar, medium.
    pub avatar_medium: Option<String>,
    /// Verified badge.
    pub verified: Option<bool>,
    /// Private account.
    pub private_account: Option<bool>,
    /// Private account (older pages).
    pub secret: Option<bool>,
    /// Account creation time (unix seconds), where given.
    #[serde(default, deserialize_with = "lenient_time")]
    pub create_time: Option<i64>,
    /// Region code, where given.
    pub region: Option<String>,
    /// Link in the bio.
    pub bio_link: Option<BioLink>,
}

/// `bioLink`.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct BioLink {
    /// The link.
    pub link: Option<String>,
}

/// `stats` / `statsV2` of a user.
#[derive(Debug, Clone, Copy, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Stats {
    /// Followers.
    #[serde(default, deserialize_with = "lenient_count")]
    pub follower_count: Option<u64>,
    /// Following.
    #[serde(default, deserialize_with = "lenient_count")]
    pub following_count: Option<u64>,
    /// Likes received.
    #[serde(default, deserialize_with = "lenient_count")]
    pub heart_count: Option<u64>,
    /// Likes received (older pages; may overflow 2^31 there).
    #[serde(default, deserialize_with = "lenient_count")]
    pub heart: Option<u64>,
    /// Videos posted.
    #[serde(default, deserialize_with = "lenient_count")]
    pub video_count: Option<u64>,
}

impl Stats {
    /// `self`'s fields where set, else `other`'s.
    pub fn or(self, other: Stats) -> Stats {
        Stats {
            follower_count: self.follower_count.or(other.follower_count),
            following_count: self.following_count.or(other.following_count),
            heart_count: self.heart_count.or(other.heart_count),
            heart: self.heart.or(other.heart),
            video_count: self.video_count.or(other.video_count),
        }
    }
}

/// One video (`itemList[]`, `ItemModule[id]`, `itemInfo.itemStruct`).
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Item {
    /// Video id.
    #[serde(default)]
    pub id: String,
    /// Caption.
    #[serde(default)]
    pub desc: String,
    /// Publication time (unix seconds).
    #[serde(default, deserialize_with = "lenient_time")]
    pub create_time: Option<i64>,
    /// Author: an object on current pages, the `uniqueId` string in `SIGI_STATE`.
    pub author: Option<Value>,
    /// Counts as numbers.
    pub stats: Option<ItemStats>,
    /// Counts as strings.
    pub stats_v2: Option<ItemStats>,
    /// Video metadata.
    pub video: Option<VideoMeta>,
}

impl Item {
    /// The author's `uniqueId`, whichever form the page uses.
    pub fn author_unique_id(&self) -> Option<String> {
        match self.author.as_ref()? {
            Value::String(s) => Some(s.clone()),
            Value::Object(o) => o
                .get("uniqueId")
                .and_then(Value::as_str)
                .map(str::to_string),
            _ => None,
        }
    }
}

/// Counts of one video.
#[derive(Debug, Clone, Copy, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
#[allow(clippy::struct_field_names)] // mirrors the wire names
pub struct ItemStats {
    /// Views.
    #[serde(default, deserialize_with = "lenient_count")]
    pub play_count: Option<u64>,
    /// Likes.
    #[serde(default, deserialize_with = "lenient_count")]
    pub digg_count: Option<u64>,
    /// Comments.
    #[serde(default, deserialize_with = "lenient_count")]
    pub comment_count: Option<u64>,
    /// Shares.
    #[serde(default, deserialize_with = "lenient_count")]
    pub share_count: Option<u64>,
}

impl ItemStats {
    /// `self`'s fields where set, else `other`'s.
    pub fn or(self, other: ItemStats) -> ItemStats {
        ItemStats {
            play_count: self.play_count.or(other.play_count),
            digg_count: self.digg_count.or(other.digg_count),
            comment_count: self.comment_count.or(other.comment_count),
            share_count: self.share_count.or(other.share_count),
        }
    }
}

/// `video` of an item.
#[derive(Debug, Clone, Copy, Default, Deserialize)]
pub struct VideoMeta {
    /// Seconds.
    #[serde(default, deserialize_with = "lenient_count")]
    pub duration: Option<u64>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_accept_numbers_and_strings() {
        let s: Stats = serde_json::from_str(
            r#"{"followerCount":"9721","heartCount":3000000000,"heart":-1,"videoCount":12.0,"followingCount":null}"#,
        )
        .unwrap();
        assert_eq!(s.follower_count, Some(9721));
        assert_eq!(s.heart_count, Some(3_000_000_000));
        assert_eq!(s.heart, None);
        assert_eq!(s.video_count, Some(12));
        assert_eq!(s.following_count, None);
    }

    #[test]
    fn author_forms() {
        let a: Item = serde_json::from_str(r#"{"id":"1","author":"scout.demo"}"#).unwrap();
        let b: Item =
            serde_json::from_str(r#"{"id":"1","author":{"uniqueId":"scout.demo"}}"#).unwrap();
        assert_eq!(a.author_unique_id().as_deref(), Some("scout.demo"));
        assert_eq!(b.author_unique_id().as_deref(), Some("scout.demo"));
    }

    #[test]
    fn finds_scripts_in_order() {
        let html = r#"<html><script id="SIGI_STATE" type="application/json">{"a":1}</script>
            <script id="__UNIVERSAL_DATA_FOR_REHYDRATION__" type="application/json">{"__DEFAULT_SCOPE__":{}}</script></html>"#;
        let (variant, data) = find_page_data(html).unwrap();
        assert_eq!(variant, Variant::Universal);
        assert!(data.unwrap().get("__DEFAULT_SCOPE__").is_some());
        assert!(find_page_data("<html><body>nothing</body></html>").is_none());
    }
}
