//! Account features for the bot model: [`BotFeatures`] (what a source told us, every field
//! optional) and its encoding into the model's columns ([`encode`], [`COLUMNS`]).
//!
//! The features are the ones the InstaFake data set records (Akyon & Kalfaoglu, 2019):
//! follower, following and post counts, biography length, avatar, private flag, username
//! length and digits. A feature a source does not give is `None`; the encoding turns it into
//! a missing-indicator column set to 1 and a value column the scaler imputes with the
//! training mean, so the model never sees a made-up zero.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::SampledAccount;

use super::BotModelError;

/// What one account's profile says, as far as the source told us. `None` = not given.
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize, Deserialize)]
pub struct BotFeatures {
    /// Followers.
    pub followers: Option<u64>,
    /// Accounts followed.
    pub following: Option<u64>,
    /// Posts / media.
    pub posts: Option<u64>,
    /// Characters in the biography (0 = empty biography, `None` = not given).
    pub bio_length: Option<u32>,
    /// Has a profile picture.
    pub has_avatar: Option<bool>,
    /// Private / locked account.
    pub is_private: Option<bool>,
    /// Characters in the username (without `@`, instance or hosting domain).
    pub username_length: Option<u32>,
    /// Digits in the username.
    pub username_digits: Option<u32>,
    /// Days since the account was created. Shown as context only: the training data has no
    /// creation dates, so the model does not weigh it.
    pub account_age_days: Option<f64>,
}

/// The aspect of an account a model column describes; explanations are given per group.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FeatureGroup {
    /// Followers, following and their ratio.
    FollowBalance,
    /// Post count.
    Posts,
    /// Biography length.
    Bio,
    /// Profile picture.
    Avatar,
    /// Private flag.
    Private,
    /// Username length and digits.
    Handle,
}

/// Number of model columns.
pub const N_COLUMNS: usize = 31;

/// The model's columns in order: name and the group an explanation files it under.
/// A shipped model must list exactly these names (checked when it is loaded).
pub const COLUMNS: [(&str, FeatureGroup); N_COLUMNS] = [
    ("log_followers", FeatureGroup::FollowBalance),
    ("log_following", FeatureGroup::FollowBalance),
    ("follow_ratio_log", FeatureGroup::FollowBalance),
    ("follow_ratio_log_excess", FeatureGroup::FollowBalance),
    ("follow_ratio_log_over_1", FeatureGroup::FollowBalance),
    ("follow_ratio_log_over_2", FeatureGroup::FollowBalance),
    ("log_followers_over_10", FeatureGroup::FollowBalance),
    ("log_followers_over_100", FeatureGroup::FollowBalance),
    ("log_following_over_100", FeatureGroup::FollowBalance),
    ("log_following_over_1000", FeatureGroup::FollowBalance),
    ("log_posts", FeatureGroup::Posts),
    ("no_posts", FeatureGroup::Posts),
    ("log_posts_over_3", FeatureGroup::Posts),
    ("log_posts_over_10", FeatureGroup::Posts),
    ("log_posts_over_100", FeatureGroup::Posts),
    ("posts_per_follower_log", FeatureGroup::Posts),
    ("bio_length", FeatureGroup::Bio),
    ("empty_bio", FeatureGroup::Bio),
    ("has_avatar", FeatureGroup::Avatar),
    ("is_private", FeatureGroup::Private),
    ("username_length", FeatureGroup::Handle),
    ("username_digits", FeatureGroup::Handle),
    ("username_digit_share", FeatureGroup::Handle),
    ("followers_missing", FeatureGroup::FollowBalance),
    ("following_missing", FeatureGroup::FollowBalance),
    ("posts_missing", FeatureGroup::Posts),
    ("bio_missing", FeatureGroup::Bio),
    ("avatar_missing", FeatureGroup::Avatar),
    ("private_missing", FeatureGroup::Private),
    ("username_length_missing", FeatureGroup::Handle),
    ("username_digits_missing", FeatureGroup::Handle),
];

/// Encodes features into the model's raw columns (before scaling). A value column whose
/// input is missing holds `NaN`, which the scaler replaces by the training mean; missing
/// indicators are always 0 or 1.
pub fn encode(f: &BotFeatures) -> [f64; N_COLUMNS] {
    let ln1p = |v: u64| (v as f64).ln_1p();
    let flag = |b: bool| if b { 1.0 } else { 0.0 };
    let missing = |present: bool| if present { 0.0 } else { 1.0 };
    let or_nan = |v: Option<f64>| v.unwrap_or(f64::NAN);

    let followers = f.followers.map(ln1p);
    let following = f.following.map(ln1p);
    let posts = f.posts.map(ln1p);
    let ratio = followers.zip(following).map(|(fr, fg)| fg - fr);
    let posts_per_follower = posts.zip(followers).map(|(p, fr)| p - fr);
    let digit_share = f.username_digits.zip(f.username_length).map(|(d, l)| {
        if l == 0 {
            0.0
        } else {
            f64::from(d) / f64::from(l)
        }
    });

    [
        or_nan(followers),
        or_nan(following),
        or_nan(ratio),
        or_nan(ratio.map(|r| r.max(0.0))),
        or_nan(ratio.map(|r| (r - 1.0).max(0.0))),
        or_nan(ratio.map(|r| (r - 2.0).max(0.0))),
        or_nan(followers.map(|v| hinge(v, 10))),
        or_nan(followers.map(|v| hinge(v, 100))),
        or_nan(following.map(|v| hinge(v, 100))),
        or_nan(following.map(|v| hinge(v, 1000))),
        or_nan(posts),
        or_nan(f.posts.map(|p| flag(p == 0))),
        or_nan(posts.map(|v| hinge(v, 3))),
        or_nan(posts.map(|v| hinge(v, 10))),
        or_nan(posts.map(|v| hinge(v, 100))),
        or_nan(posts_per_follower),
        or_nan(f.bio_length.map(f64::from)),
        or_nan(f.bio_length.map(|b| flag(b == 0))),
        or_nan(f.has_avatar.map(flag)),
        or_nan(f.is_private.map(flag)),
        or_nan(f.username_length.map(f64::from)),
        or_nan(f.username_digits.map(f64::from)),
        or_nan(digit_share),
        missing(f.followers.is_some()),
        missing(f.following.is_some()),
        missing(f.posts.is_some()),
        missing(f.bio_length.is_some()),
        missing(f.has_avatar.is_some()),
        missing(f.is_private.is_some()),
        missing(f.username_length.is_some()),
        missing(f.username_digits.is_some()),
    ]
}

/// `max(0, v − ln(1 + knot))`: a log-count's excess over a count, so a linear model can bend.
fn hinge(log1p_value: f64, knot: u64) -> f64 {
    (log1p_value - (knot as f64).ln_1p()).max(0.0)
}

/// The part of a handle comparable to an Instagram username: without a leading `@`, a
/// Mastodon `@instance` part or the `.bsky.social` hosting suffix. `None` when nothing is left.
pub fn username_of(handle: &str) -> Option<&str> {
    let h = handle.trim().trim_start_matches('@');
    let h = h.split('@').next().unwrap_or(h);
    let h = h.strip_suffix(".bsky.social").unwrap_or(h);
    (!h.is_empty()).then_some(h)
}

/// Features of a sampled follower or engager. `now` dates the account age.
pub fn features_from_account(acc: &SampledAccount, now: DateTime<Utc>) -> BotFeatures {
    let username = username_of(&acc.handle);
    BotFeatures {
        followers: acc.followers,
        following: acc.following,
        posts: acc.posts_count,
        bio_length: acc
            .bio
            .as_deref()
            .map(|b| u32::try_from(b.trim().chars().count()).unwrap_or(u32::MAX)),
        has_avatar: acc.has_avatar,
        is_private: acc.is_private,
        username_length: username.map(|u| u32::try_from(u.chars().count()).unwrap_or(u32::MAX)),
        username_digits: username.map(|u| {
            u32::try_from(u.chars().filter(char::is_ascii_digit).count()).unwrap_or(u32::MAX)
        }),
        account_age_days: acc
            .created_at
            .map(|c| ((now - c).num_seconds() as f64 / 86_400.0).max(0.0)),
    }
}

/// The InstaFake field names, in the order [`features_from_instafake`] reads them.
pub const INSTAFAKE_FIELDS: [&str; 8] = [
    "userFollowerCount",
    "userFollowingCount",
    "userMediaCount",
    "userBiographyLength",
    "userHasProfilPic",
    "userIsPrivate",
    "usernameLength",
    "usernameDigitCount",
];

/// Features from one record with InstaFake's field names (`userFollowerCount`, …).
///
/// Any field may be absent or `null` (→ not given). Counts may be JSON numbers (`12`,
/// `12.0`) or strings (`"12"`); flags may be `0`/`1`, `true`/`false` or those as strings.
/// Other fields (such as `isFake`) are ignored. A record that is not an object, or a field
/// holding something else (a negative or fractional count, text), is an error naming the field.
pub fn features_from_instafake(record: &Value) -> Result<BotFeatures, BotModelError> {
    let obj = record
        .as_object()
        .ok_or_else(|| BotModelError::RecordNotObject {
            found: json_kind(record),
        })?;
    let get = |name: &'static str| obj.get(name).filter(|v| !v.is_null());
    let count = |name: &'static str| get(name).map(|v| parse_count(name, v)).transpose();
    let small = |name: &'static str| {
        count(name)?
            .map(|v| {
                u32::try_from(v).map_err(|_| invalid(name, &Value::from(v), "a count below 2^32"))
            })
            .transpose()
    };
    let flag = |name: &'static str| get(name).map(|v| parse_flag(name, v)).transpose();
    Ok(BotFeatures {
        followers: count("userFollowerCount")?,
        following: count("userFollowingCount")?,
        posts: count("userMediaCount")?,
        bio_length: small("userBiographyLength")?,
        has_avatar: flag("userHasProfilPic")?,
        is_private: flag("userIsPrivate")?,
        username_length: small("usernameLength")?,
        username_digits: small("usernameDigitCount")?,
        account_age_days: None,
    })
}

pub(super) fn json_kind(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

fn invalid(field: &'static str, v: &Value, expected: &'static str) -> BotModelError {
    BotModelError::InvalidField {
        field,
        value: v.to_string(),
        expected,
    }
}

fn parse_count(field: &'static str, v: &Value) -> Result<u64, BotModelError> {
    const EXPECTED: &str = "a whole number of at least 0";
    let as_float = match v {
        Value::Number(n) => {
            if let Some(u) = n.as_u64() {
                return Ok(u);
            }
            n.as_f64()
        }
        Value::String(s) => {
            let s = s.trim();
            if let Ok(u) = s.parse::<u64>() {
                return Ok(u);
            }
            s.parse::<f64>().ok()
        }
        _ => None,
    };
    match as_float {
        // Whole numbers written as floats ("12.0"); `u64::MAX as f64` rounds up, hence `<`.
        Some(x) if x.is_finite() && x >= 0.0 && x.fract() == 0.0 && x < u64::MAX as f64 => {
            Ok(x as u64)
        }
        _ => Err(invalid(field, v, EXPECTED)),
    }
}

fn parse_flag(field: &'static str, v: &Value) -> Result<bool, BotModelError> {
    const EXPECTED: &str = "0, 1, true or false";
    match v {
        Value::Bool(b) => Ok(*b),
        Value::Number(n) => match n.as_f64() {
            Some(x) if x.abs() < 1e-9 => Ok(false),
            Some(x) if (x - 1.0).abs() < 1e-9 => Ok(true),
            _ => Err(invalid(field, v, EXPECTED)),
        },
        Value::String(s) => match s.trim().to_ascii_lowercase().as_str() {
            "0" | "false" => Ok(false),
            "1" | "true" => Ok(true),
            _ => Err(invalid(field, v, EXPECTED)),
        },
        _ => Err(invalid(field, v, EXPECTED)),
    }
}
