//! Findings in words a client reads: [`summary`] gives one plain sentence per
//! finding and [`display_value`] its measured value formatted for people
//! ("3.4%", "86 / 100", "37 likes per comment"). The finding's own
//! explanation, check id, thresholds and method version stay the method detail
//! (one click away in the app, in the PDF's method appendix and the CSV).
//!
//! Defined once here so the app, the CLI and the PDF say the same thing.

use crate::{Finding, Platform, Verdict};

use super::{
    engagement_rate, engagement_shape, generic_comments, growth, language_mismatch,
    near_duplicates, pods, score, suspicious_share, views_to_followers,
};

/// A fraction as a percentage for people: 0.034 → "3.4%", 0.0045 → "0.45%".
pub fn percent(v: f64) -> String {
    if !v.is_finite() {
        return "—".into();
    }
    let p = v * 100.0;
    if p != 0.0 && p.abs() < 1.0 {
        format!("{p:.2}%")
    } else {
        format!("{p:.1}%")
    }
}

/// A count with thousands separators: 1364474 → "1,364,474".
pub fn count(v: u64) -> String {
    let digits = v.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(ch);
    }
    out
}

fn ordinal(n: u64) -> String {
    let suffix = match (n % 10, n % 100) {
        (_, 11..=13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    };
    format!("{n}{suffix}")
}

/// Whether the value is below the low end of the expected range.
fn below(f: &Finding) -> bool {
    matches!((f.value, f.expected.and_then(|r| r.low)), (Some(v), Some(l)) if v < l)
}

/// The finding's measured value as a person reads it, or `None` when it has none.
#[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
pub fn display_value(f: &Finding, platform: Platform) -> Option<String> {
    let v = f.value.filter(|v| v.is_finite())?;
    let whole = |v: f64| count(v.round().max(0.0) as u64);
    Some(match f.check.as_str() {
        engagement_rate::PEER_CHECK => {
            format!("{} percentile", ordinal((v * 100.0).round() as u64))
        }
        engagement_shape::LIKE_COMMENT => {
            format!("{} likes per {}", fmt_ratio(v), singular(platform))
        }
        engagement_shape::DISPERSION | engagement_shape::UNIFORMITY => format!("{v:.2}"),
        growth::FOLLOWERS => format!("{v:+.1}"),
        growth::SAWTOOTH => format!("{} cycle{}", whole(v), plural(v)),
        pods::CHECK => format!("{} account{}", whole(v), plural(v)),
        score::CHECK | "brand_fit" => format!("{} / 100", whole(v)),
        views_to_followers::CHECK => percent(v),
        "brand_fit.competitors" => format!("{} conflict{}", whole(v), plural(v)),
        _ if (0.0..=1.0).contains(&v) => percent(v),
        _ if v.fract() == 0.0 => whole(v),
        _ => format!("{v:.2}"),
    })
}

/// "s" unless the count rounds to one.
fn plural(v: f64) -> &'static str {
    if (v.round() - 1.0).abs() < f64::EPSILON {
        ""
    } else {
        "s"
    }
}

fn singular(platform: Platform) -> &'static str {
    match platform {
        Platform::Bluesky | Platform::Mastodon => "reply",
        _ => "comment",
    }
}

fn fmt_ratio(v: f64) -> String {
    if v >= 10.0 {
        format!("{v:.0}")
    } else {
        format!("{v:.1}")
    }
}

/// One plain sentence: what the finding means for the creator, without method words.
pub fn summary(f: &Finding, platform: Platform) -> String {
    if f.verdict == Verdict::NotEnoughData {
        return format!("Not enough data yet to judge {}.", subject(&f.check));
    }
    let ok = f.verdict == Verdict::Ok;
    let risk = f.verdict == Verdict::Risk;
    let strongly = if risk { "far " } else { "" };
    let value = display_value(f, platform).unwrap_or_default();
    match f.check.as_str() {
        engagement_rate::CHECK | suspicious_share::AUTHENTIC_CHECK => {
            let what = if f.check == engagement_rate::CHECK {
                "Engagement"
            } else {
                "Engagement without the suspicious accounts"
            };
            if ok {
                format!(
                    "{what} ({value}) is in the usual range for creators of this size on {platform}."
                )
            } else if below(f) {
                format!(
                    "{what} ({value}) is {strongly}below the usual range for creators of this size on {platform}: the audience may be inactive or bought."
                )
            } else {
                format!(
                    "{what} ({value}) is {strongly}above the usual range for creators of this size on {platform}: likes may be bought or traded."
                )
            }
        }
        engagement_rate::PEER_CHECK => {
            if ok {
                format!(
                    "Engagement ranks at the {value} of similar creators in this workspace: ordinary."
                )
            } else {
                format!(
                    "Engagement ranks at the {value} of similar creators in this workspace: an outlier worth a look."
                )
            }
        }
        engagement_shape::DISPERSION => {
            if ok {
                "Engagement is steady from post to post.".into()
            } else {
                "Engagement swings a lot from post to post, so averages can mislead.".into()
            }
        }
        engagement_shape::OUTLIERS => {
            if ok {
                "No post stands out with unusual engagement.".into()
            } else {
                format!("{value} of posts have unusually high or low engagement.")
            }
        }
        engagement_shape::UNIFORMITY => {
            if ok {
                "Engagement varies naturally between posts.".into()
            } else {
                "Engagement is suspiciously even across posts, as when likes are delivered in fixed amounts.".into()
            }
        }
        engagement_shape::LIKE_COMMENT => {
            if ok {
                format!(
                    "The balance of likes and {}s ({value}) is normal for {platform}.",
                    singular(platform)
                )
            } else if below(f) {
                format!(
                    "{}s are unusually many for the likes ({value}), as with giveaways or comment groups.",
                    capitalised(singular(platform))
                )
            } else {
                format!(
                    "Likes far outrun {}s ({value}), which can mean bought likes.",
                    singular(platform)
                )
            }
        }
        generic_comments::CHECK => {
            if ok {
                format!(
                    "Most {}s are real reactions ({value} generic).",
                    singular(platform)
                )
            } else {
                format!(
                    "{value} of {}s are generic praise or emoji only, typical of bought or automated {}s.",
                    singular(platform),
                    singular(platform)
                )
            }
        }
        near_duplicates::CHECK => {
            if ok {
                format!(
                    "{}s are not copied between posts.",
                    capitalised(singular(platform))
                )
            } else {
                format!(
                    "{value} of longer {}s repeat word for word across posts.",
                    singular(platform)
                )
            }
        }
        language_mismatch::CHECK => {
            if ok {
                format!(
                    "{}s are mostly in the creator's languages.",
                    capitalised(singular(platform))
                )
            } else {
                format!(
                    "{value} of {}s are in languages the creator does not post in.",
                    singular(platform)
                )
            }
        }
        pods::CHECK => {
            if ok {
                "No group of accounts comments on every post right after it goes up.".into()
            } else {
                format!(
                    "{value} comment on most posts within minutes of publishing, like an engagement pod."
                )
            }
        }
        suspicious_share::CHECK => {
            if ok {
                format!(
                    "Few sampled {} look fake ({value}).",
                    platform.audience_word()
                )
            } else {
                format!("{value} of sampled {} look fake.", platform.audience_word())
            }
        }
        growth::FOLLOWERS => {
            if ok {
                format!("No sudden jump or fall in {}.", platform.audience_word())
            } else {
                format!(
                    "{} jumped or fell suddenly between snapshots, as when followers are bought or purged.",
                    capitalised(platform.audience_word())
                )
            }
        }
        growth::SAWTOOTH => {
            if ok {
                "No follow-then-unfollow pattern in the accounts the creator follows.".into()
            } else {
                "The creator repeatedly follows many accounts and then unfollows them, a growth trick.".into()
            }
        }
        views_to_followers::CHECK => {
            if ok {
                format!(
                    "Videos reach a usual share of {} ({value}).",
                    platform.audience_word()
                )
            } else if below(f) {
                format!(
                    "Videos reach few of the {} ({value}): much of the audience may be inactive.",
                    platform.audience_word()
                )
            } else {
                format!(
                    "Videos reach far more people than the {} ({value}).",
                    platform.audience_word()
                )
            }
        }
        score::CHECK => match f.verdict {
            Verdict::Ok => format!("Authenticity {value}: audience and engagement look genuine."),
            Verdict::Watch => format!("Authenticity {value}: some signs are worth a look."),
            _ => format!("Authenticity {value}: several strong signs of bought or fake activity."),
        },
        "brand_fit" => match f.verdict {
            Verdict::Ok => format!("Brand Fit {value}: a good match for the brief."),
            Verdict::Watch => format!("Brand Fit {value}: a partial match for the brief."),
            _ => format!("Brand Fit {value}: a weak match for the brief."),
        },
        _ => {
            let title = f.title.trim_end_matches('.');
            let sentence = match f.verdict {
                Verdict::Ok => format!("{title}: no concern ({value})."),
                Verdict::Watch => format!("{title}: worth a look ({value})."),
                _ => format!("{title}: a concern ({value})."),
            };
            sentence.replace(" ()", "")
        }
    }
}

fn capitalised(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

fn subject(check: &str) -> &'static str {
    match check {
        engagement_rate::CHECK => "the engagement rate",
        engagement_rate::PEER_CHECK => "engagement against similar creators",
        suspicious_share::CHECK => "how many followers look fake",
        suspicious_share::AUTHENTIC_CHECK => "engagement without suspicious accounts",
        growth::FOLLOWERS => "follower growth",
        growth::SAWTOOTH => "follow-and-unfollow behaviour",
        pods::CHECK => "engagement pods",
        generic_comments::CHECK | near_duplicates::CHECK | language_mismatch::CHECK => {
            "the comments"
        }
        views_to_followers::CHECK => "views against followers",
        score::CHECK => "authenticity",
        c if c.starts_with("engagement_shape") => "the engagement pattern",
        c if c.starts_with("brand_fit") => "brand fit",
        _ => "this",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Range;

    fn finding(
        check: &str,
        value: f64,
        low: Option<f64>,
        high: Option<f64>,
        verdict: Verdict,
    ) -> Finding {
        Finding {
            check: check.into(),
            title: "T".into(),
            value: Some(value),
            expected: Some(Range { low, high }),
            verdict,
            confidence: 1.0,
            evidence: Vec::new(),
            explanation: "robust z beyond ±3.5 (1.4826 × MAD / median)".into(),
            method_version: "x/1".into(),
        }
    }

    #[test]
    fn summaries_carry_formatted_figures_and_no_method_words() {
        let er = finding(
            engagement_rate::CHECK,
            0.0012,
            Some(0.0032),
            Some(0.0261),
            Verdict::Risk,
        );
        let s = summary(&er, Platform::Instagram);
        assert_eq!(
            s,
            "Engagement (0.12%) is far below the usual range for creators of this size on Instagram: the audience may be inactive or bought."
        );
        let lc = finding(
            engagement_shape::LIKE_COMMENT,
            37.2,
            Some(8.0),
            Some(150.0),
            Verdict::Ok,
        );
        assert_eq!(
            display_value(&lc, Platform::Tiktok).unwrap(),
            "37 likes per comment"
        );
        let peer = finding(
            engagement_rate::PEER_CHECK,
            0.12,
            Some(0.05),
            Some(0.95),
            Verdict::Ok,
        );
        assert_eq!(
            display_value(&peer, Platform::Bluesky).unwrap(),
            "12th percentile"
        );
        let score_f = finding(
            score::CHECK,
            86.000_000_000_01,
            Some(70.0),
            Some(100.0),
            Verdict::Ok,
        );
        assert_eq!(
            display_value(&score_f, Platform::Bluesky).unwrap(),
            "86 / 100"
        );
        for f in [&er, &lc, &peer, &score_f] {
            let s = summary(f, Platform::Tiktok);
            for jargon in ["robust", "MAD", "method", "_", "spike(s)"] {
                assert!(!s.contains(jargon), "{s}");
            }
        }
        assert_eq!(count(1_364_474), "1,364,474");
        assert_eq!(ordinal(11), "11th");
        assert_eq!(ordinal(22), "22nd");
    }

    #[test]
    fn not_enough_data_says_what_cannot_be_judged() {
        let mut f = finding(growth::FOLLOWERS, 0.0, None, None, Verdict::NotEnoughData);
        f.value = None;
        assert_eq!(
            summary(&f, Platform::Bluesky),
            "Not enough data yet to judge follower growth."
        );
        assert_eq!(display_value(&f, Platform::Bluesky), None);
    }
}
