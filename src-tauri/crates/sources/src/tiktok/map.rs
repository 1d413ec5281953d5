//! Pure mapping of TikTok's embedded page data: [`profile_page`] reads any of
//! the three page variants into one [`ProfilePage`]; [`video_author`] reads a
//! video page's author; [`snapshot`] builds Scout's snapshot parts.

use chrono::DateTime;
use scout_core::{Post, PostKind, Profile, Snapshot};
use serde::de::DeserializeOwned;
use serde_json::Value;

use super::wire::{Item, ItemStats, Stats, User, UserDetail, UserInfo, Variant};

/// What a profile page says, whichever variant it was.
#[derive(Debug, Clone)]
pub struct ProfilePage {
    /// TikTok's status code (0 = found).
    pub status_code: Option<i64>,
    /// TikTok's status message.
    pub status_msg: Option<String>,
    /// The account, when found.
    pub user: Option<User>,
    /// Its counts (`statsV2` preferred, `stats` where missing).
    pub stats: Stats,
    /// Embedded recent videos, newest first.
    pub items: Vec<Item>,
}

fn from_value<T: DeserializeOwned + Default>(v: Option<&Value>, what: &str) -> Result<T, String> {
    match v {
        None | Some(Value::Null) => Ok(T::default()),
        Some(v) => serde_json::from_value(v.clone()).map_err(|e| format!("{what} ({e})")),
    }
}

fn status_of(v: Option<&Value>) -> Option<i64> {
    match v? {
        Value::Number(n) => n.as_i64(),
        Value::String(s) => s.trim().parse().ok(),
        _ => None,
    }
}

/// Read a profile page's embedded data. `Err` names the missing or malformed path.
pub fn profile_page(
    variant: Variant,
    root: &Value,
    requested: &str,
) -> Result<ProfilePage, String> {
    match variant {
        Variant::Universal => {
            let scope = root
                .get("__DEFAULT_SCOPE__")
                .ok_or("__UNIVERSAL_DATA_FOR_REHYDRATION__.__DEFAULT_SCOPE__")?;
            let detail = scope
                .get("webapp.user-detail")
                .ok_or("__DEFAULT_SCOPE__[\"webapp.user-detail\"]")?;
            let detail: UserDetail = from_value(Some(detail), "webapp.user-detail")?;
            let info = detail.user_info.unwrap_or_default();
            let stats = info
                .stats_v2
                .unwrap_or_default()
                .or(info.stats.unwrap_or_default());
            Ok(ProfilePage {
                status_code: detail.status_code,
                status_msg: detail.status_msg,
                user: info
                    .user
                    .filter(|u| !u.unique_id.is_empty() || !u.id.is_empty()),
                stats,
                // Recent pages put `itemList` beside `userInfo`, some inside it.
                items: if detail.item_list.is_empty() {
                    info.item_list
                } else {
                    detail.item_list
                },
            })
        }
        Variant::Sigi => {
            let users = root.pointer("/UserModule/users").and_then(Value::as_object);
            let page_id = root.pointer("/UserPage/uniqueId").and_then(Value::as_str);
            let key = users.and_then(|users| {
                page_id
                    .filter(|id| users.contains_key(*id))
                    .map(str::to_string)
                    .or_else(|| {
                        users
                            .keys()
                            .find(|k| k.eq_ignore_ascii_case(requested))
                            .cloned()
                    })
                    .or_else(|| users.keys().next().cloned())
            });
            let user: Option<User> = match &key {
                Some(k) => Some(from_value(
                    users.and_then(|u| u.get(k)),
                    "UserModule.users",
                )?),
                None => None,
            };
            let stats: Stats = match &key {
                Some(k) => from_value(
                    root.pointer("/UserModule/stats").and_then(|s| s.get(k)),
                    "UserModule.stats",
                )?,
                None => Stats::default(),
            };
            let mut items: Vec<Item> = Vec::new();
            if let Some(module) = root.get("ItemModule").and_then(Value::as_object) {
                for item in module.values() {
                    items.push(from_value(Some(item), "ItemModule")?);
                }
            }
            items.sort_by_key(|i| std::cmp::Reverse(i.create_time));
            Ok(ProfilePage {
                status_code: status_of(root.pointer("/UserPage/statusCode")),
                status_msg: None,
                user: user.filter(|u| !u.unique_id.is_empty() || !u.id.is_empty()),
                stats,
                items,
            })
        }
        Variant::NextData => {
            let props = root
                .pointer("/props/pageProps")
                .ok_or("__NEXT_DATA__.props.pageProps")?;
            let info: UserInfo = from_value(props.get("userInfo"), "pageProps.userInfo")?;
            let items: Vec<Item> = from_value(props.get("items"), "pageProps.items")?;
            let status = status_of(props.get("statusCode")).or_else(|| {
                // `serverCode` is an HTTP-like code (200 found, 404 not found).
                status_of(props.get("serverCode"))
                    .filter(|c| *c != 200)
                    .map(|_| 10202)
            });
            let stats = info
                .stats_v2
                .unwrap_or_default()
                .or(info.stats.unwrap_or_default());
            Ok(ProfilePage {
                status_code: status,
                status_msg: None,
                user: info
                    .user
                    .filter(|u| !u.unique_id.is_empty() || !u.id.is_empty()),
                stats,
                items,
            })
        }
    }
}

/// A video page's status code and author `uniqueId`.
pub fn video_author(
    variant: Variant,
    root: &Value,
    video_id: &str,
) -> (Option<i64>, Option<String>) {
    let item: Option<&Value> = match variant {
        Variant::Universal => {
            root.pointer("/__DEFAULT_SCOPE__/webapp.video-detail/itemInfo/itemStruct")
        }
        Variant::Sigi => root.get("ItemModule").and_then(|m| m.get(video_id)),
        Variant::NextData => root.pointer("/props/pageProps/itemInfo/itemStruct"),
    };
    let status = match variant {
        Variant::Universal => {
            status_of(root.pointer("/__DEFAULT_SCOPE__/webapp.video-detail/statusCode"))
        }
        Variant::Sigi => status_of(root.pointer("/VideoPage/statusCode")),
        Variant::NextData => status_of(root.pointer("/props/pageProps/statusCode")),
    };
    let author = item
        .and_then(|i| serde_json::from_value::<Item>(i.clone()).ok())
        .and_then(|i| i.author_unique_id());
    (status, author)
}

/// The profile of a found page.
pub fn profile(user: &User, stats: &Stats) -> Profile {
    let non_empty = |s: &Option<String>| {
        s.as_ref()
            .map(|v| v.trim().to_string())
            .filter(|v| !v.is_empty())
    };
    Profile {
        id: if user.id.is_empty() {
            user.unique_id.clone()
        } else {
            user.id.clone()
        },
        handle: user.unique_id.clone(),
        display_name: non_empty(&user.nickname),
        bio: non_empty(&user.signature),
        avatar_url: non_empty(&user.avatar_larger).or_else(|| non_empty(&user.avatar_medium)),
        url: format!("https://www.tiktok.com/@{}", user.unique_id),
        followers: stats.follower_count,
        following: stats.following_count,
        posts_count: stats.video_count,
        total_likes: stats.heart_count.or(stats.heart),
        total_views: None,
        created_at: user
            .create_time
            .filter(|t| *t > 0)
            .and_then(|t| DateTime::from_timestamp(t, 0)),
        verified: user.verified,
        is_private: user.private_account.or(user.secret),
        links: user
            .bio_link
            .as_ref()
            .and_then(|b| non_empty(&b.link))
            .into_iter()
            .collect(),
        country: non_empty(&user.region),
        labels: Vec::new(),
    }
}

/// One embedded video as a post. `None` without an id or a time.
pub fn post(item: &Item, handle: &str) -> Option<Post> {
    if item.id.is_empty() {
        return None;
    }
    let created_at = DateTime::from_timestamp(item.create_time.filter(|t| *t > 0)?, 0)?;
    let stats: ItemStats = item
        .stats_v2
        .unwrap_or_default()
        .or(item.stats.unwrap_or_default());
    Some(Post {
        id: item.id.clone(),
        url: Some(format!(
            "https://www.tiktok.com/@{handle}/video/{}",
            item.id
        )),
        kind: PostKind::Original,
        created_at,
        text: item.desc.clone(),
        title: None,
        likes: stats.digg_count,
        likes_hidden: false,
        replies: stats.comment_count,
        reposts: stats.share_count,
        quotes: None,
        views: stats.play_count,
        sponsored_label: None,
        languages: Vec::new(),
        duration_secs: item.video.and_then(|v| v.duration).filter(|d| *d > 0),
        reposted_from: None,
    })
}

/// Fill `snap` with the page's videos; returns how many items were unusable.
pub fn add_posts(snap: &mut Snapshot, page: &ProfilePage) -> usize {
    let handle = snap.profile.handle.clone();
    let mut skipped = 0;
    for item in &page.items {
        match post(item, &handle) {
            Some(p) => snap.posts.push(p),
            None => skipped += 1,
        }
    }
    snap.posts.sort_by_key(|p| std::cmp::Reverse(p.created_at));
    skipped
}
