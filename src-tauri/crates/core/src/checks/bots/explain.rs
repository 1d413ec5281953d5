//! Why the model scored an account as it did: [`BotReason`] per [`FeatureGroup`], in words a
//! client can read ("following 4,812 vs 12 followers", "no avatar", "7 digits in handle").

use serde::{Deserialize, Serialize};

use super::features::{BotFeatures, COLUMNS, FeatureGroup};
use super::model::BotModel;

/// One aspect of an account and how far it pushed the score.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BotReason {
    /// The aspect.
    pub group: FeatureGroup,
    /// Its summed log-odds contribution relative to an average training account;
    /// positive = more bot-like.
    pub log_odds: f64,
    /// What the account shows, in words.
    pub text: String,
    /// True when the source did not give this aspect (the contribution is then the
    /// model's allowance for not knowing).
    pub missing: bool,
}

const GROUPS: [FeatureGroup; 6] = [
    FeatureGroup::FollowBalance,
    FeatureGroup::Posts,
    FeatureGroup::Bio,
    FeatureGroup::Avatar,
    FeatureGroup::Private,
    FeatureGroup::Handle,
];

impl BotModel {
    /// Every aspect with its contribution, most bot-like first (ties in group order).
    pub fn explain(&self, f: &BotFeatures) -> Vec<BotReason> {
        let contributions = self.contributions(f);
        let mut reasons: Vec<BotReason> = GROUPS
            .iter()
            .map(|&group| {
                let log_odds = COLUMNS
                    .iter()
                    .zip(contributions)
                    .filter(|((_, g), _)| *g == group)
                    .map(|(_, c)| c)
                    .sum();
                let (text, missing) = describe(group, f);
                BotReason {
                    group,
                    log_odds,
                    text,
                    missing,
                }
            })
            .collect();
        reasons.sort_by(|a, b| b.log_odds.total_cmp(&a.log_odds));
        reasons
    }

    /// The given aspects that point towards a bot, strongest first, at most `max`, joined by
    /// `"; "`: e.g. `"following 4,812 vs 12 followers; no avatar; 7 digits in handle"`.
    /// Empty when nothing the source gave looks bot-like.
    pub fn evidence_note(&self, f: &BotFeatures, max: usize) -> String {
        self.explain(f)
            .into_iter()
            .filter(|r| !r.missing && r.log_odds > 0.0)
            .take(max)
            .map(|r| r.text)
            .collect::<Vec<_>>()
            .join("; ")
    }
}

fn describe(group: FeatureGroup, f: &BotFeatures) -> (String, bool) {
    let text = match group {
        FeatureGroup::FollowBalance => match (f.following, f.followers) {
            (Some(fg), Some(fr)) => {
                format!(
                    "following {} vs {} {}",
                    thousands(fg),
                    thousands(fr),
                    plural(fr, "follower")
                )
            }
            (Some(fg), None) => format!("following {}", thousands(fg)),
            (None, Some(fr)) => format!("{} {}", thousands(fr), plural(fr, "follower")),
            (None, None) => return ("follower and following counts not given".into(), true),
        },
        FeatureGroup::Posts => match f.posts {
            Some(0) => "no posts".into(),
            Some(p) => format!("{} {}", thousands(p), plural(p, "post")),
            None => return ("post count not given".into(), true),
        },
        FeatureGroup::Bio => match f.bio_length {
            Some(0) => "empty bio".into(),
            Some(n) => format!(
                "bio of {} {}",
                thousands(n.into()),
                plural(n.into(), "character")
            ),
            None => return ("bio not given".into(), true),
        },
        FeatureGroup::Avatar => match f.has_avatar {
            Some(true) => "has an avatar".into(),
            Some(false) => "no avatar".into(),
            None => return ("avatar not given".into(), true),
        },
        FeatureGroup::Private => match f.is_private {
            Some(true) => "private account".into(),
            Some(false) => "public account".into(),
            None => return ("private flag not given".into(), true),
        },
        FeatureGroup::Handle => match (f.username_digits, f.username_length) {
            (Some(0), Some(len)) => format!("{len}-character handle without digits"),
            (Some(0), None) => "no digits in handle".into(),
            (Some(d), _) => format!("{d} {} in handle", plural(d.into(), "digit")),
            (None, Some(len)) => format!("{len}-character handle"),
            (None, None) => return ("handle not given".into(), true),
        },
    };
    (text, false)
}

fn plural(n: u64, word: &str) -> String {
    if n == 1 {
        word.to_owned()
    } else {
        format!("{word}s")
    }
}

/// `4812` → `"4,812"`.
fn thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(ch);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::thousands;

    #[test]
    fn thousands_groups_by_three() {
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(4812), "4,812");
        assert_eq!(thousands(1_234_567), "1,234,567");
    }
}
