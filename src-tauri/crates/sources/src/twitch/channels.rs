//! Two Helix answers the vet does not request, read so their captures have a
//! parser and their meaning is written down:
//!
//! - `GET /helix/channels?broadcaster_id=…` (up to 100 ids): a channel's stream
//!   title, current category (game) and broadcast language ([`ChannelsResponse`],
//!   [`channel_info`]). The vet gets the language and recent titles from
//!   `/helix/videos`, and discovery gets title and game from `search/channels`
//!   and `streams`, so no run sends this request today; [`channel_info`] is the
//!   mapping a caller would use.
//! - `GET /helix/users/follows?from_id=…` ([`UsersFollowsResponse`]): the
//!   channels a user follows. Twitch retired this endpoint in 2023 (it answers
//!   410 now); the vet reads the follower total from `/helix/channels/followers`
//!   instead and never calls it. [`followed_channels`] reads captured answers.
//!
//! Shapes are the captured ruby-twitch-api cassettes in the corpus.

use chrono::{DateTime, Utc};
use serde::Deserialize;

/// `GET /helix/channels`: `{"data":[Channel]}`.
#[derive(Debug, Clone, Deserialize)]
pub struct ChannelsResponse {
    /// One entry per broadcaster id asked for (unknown ids are left out).
    #[serde(default)]
    pub data: Vec<Channel>,
}

/// One channel's information.
#[derive(Debug, Clone, Deserialize)]
pub struct Channel {
    /// Broadcaster's user id.
    pub broadcaster_id: String,
    /// Login (lower case).
    pub broadcaster_login: String,
    /// Display name.
    #[serde(default)]
    pub broadcaster_name: String,
    /// ISO 639-1 language of the broadcast, or `other`.
    #[serde(default)]
    pub broadcaster_language: String,
    /// Category id (empty when none is set).
    #[serde(default)]
    pub game_id: String,
    /// Category name.
    #[serde(default)]
    pub game_name: String,
    /// Stream title.
    #[serde(default)]
    pub title: String,
    /// Tags (absent in older answers).
    #[serde(default)]
    pub tags: Vec<String>,
}

/// What a channel says about itself, blanks as `None`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChannelInfo {
    /// Login.
    pub login: String,
    /// Stream title.
    pub title: Option<String>,
    /// Current category.
    pub game: Option<String>,
    /// Broadcast language (`None` for `other` or blank).
    pub language: Option<String>,
    /// Tags.
    pub tags: Vec<String>,
}

/// The channel info of each entry, in answer order.
pub fn channel_info(answer: &ChannelsResponse) -> Vec<ChannelInfo> {
    let some = |s: &str| (!s.trim().is_empty()).then(|| s.to_string());
    answer
        .data
        .iter()
        .map(|c| ChannelInfo {
            login: c.broadcaster_login.clone(),
            title: some(&c.title),
            game: some(&c.game_name),
            language: some(&c.broadcaster_language).filter(|l| l != "other"),
            tags: c.tags.clone(),
        })
        .collect()
}

/// `GET /helix/users/follows` (retired): `{"total":N,"data":[Follow],"pagination":{…}}`.
#[derive(Debug, Clone, Deserialize)]
pub struct UsersFollowsResponse {
    /// How many channels the user follows in all.
    pub total: u64,
    /// This page of follows.
    #[serde(default)]
    pub data: Vec<Follow>,
}

/// One follow edge.
#[derive(Debug, Clone, Deserialize)]
pub struct Follow {
    /// Follower's id.
    pub from_id: String,
    /// Follower's login.
    pub from_login: String,
    /// Followed channel's id.
    pub to_id: String,
    /// Followed channel's login.
    pub to_login: String,
    /// Followed channel's display name.
    #[serde(default)]
    pub to_name: String,
    /// When the follow began.
    pub followed_at: DateTime<Utc>,
}

/// The logins followed on this page, newest follow first, and whether the page
/// holds the whole list (`total` entries).
pub fn followed_channels(answer: &UsersFollowsResponse) -> (Vec<(String, DateTime<Utc>)>, bool) {
    let mut follows: Vec<(String, DateTime<Utc>)> = answer
        .data
        .iter()
        .map(|f| (f.to_login.clone(), f.followed_at))
        .collect();
    follows.sort_by_key(|f| std::cmp::Reverse(f.1));
    let complete = u64::try_from(follows.len()).is_ok_and(|n| n == answer.total);
    (follows, complete)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blanks_and_other_are_none() {
        let a: ChannelsResponse = serde_json::from_str(
            r#"{"data":[{"broadcaster_id":"1","broadcaster_login":"a","broadcaster_name":"A","broadcaster_language":"other","game_id":"","game_name":"","title":" ","delay":0,"tags":["Cozy"]}]}"#,
        )
        .unwrap();
        let info = channel_info(&a);
        assert_eq!(
            info,
            vec![ChannelInfo {
                login: "a".into(),
                title: None,
                game: None,
                language: None,
                tags: vec!["Cozy".into()]
            }]
        );
    }

    #[test]
    fn a_partial_follows_page_is_not_complete() {
        let a: UsersFollowsResponse = serde_json::from_str(
            r#"{"total":3,"data":[{"from_id":"1","from_login":"a","from_name":"A","to_id":"2","to_login":"old","to_name":"Old","followed_at":"2021-01-01T00:00:00Z"},{"from_id":"1","from_login":"a","from_name":"A","to_id":"3","to_login":"new","to_name":"New","followed_at":"2022-01-01T00:00:00Z"}],"pagination":{"cursor":"x"}}"#,
        )
        .unwrap();
        let (f, complete) = followed_channels(&a);
        assert_eq!(f[0].0, "new");
        assert!(!complete);
    }
}
