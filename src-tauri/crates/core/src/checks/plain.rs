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

/// A number with thousands separators and `decimals` places: 2858.63 → "2,858.6"
/// (one place); negative numbers keep their sign.
#[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
pub fn number(v: f64, decimals: usize) -> String {
    if !v.is_finite() {
        return "—".into();
    }
    let fixed = format!("{:.*}", decimals, v.abs());
    let (int, frac) = fixed.split_once('.').unwrap_or((&fixed, ""));
    let whole = int.parse::<u64>().map_or_else(|_| int.to_string(), count);
    let sign = if v < 0.0 && fixed.chars().any(|c| c.is_ascii_digit() && c != '0') {
        "-"
    } else {
        ""
    };
    if frac.is_empty() {
        format!("{sign}{whole}")
    } else {
        format!("{sign}{whole}.{frac}")
    }
}

/// A noun's singular and plural, so counts read "1 account", "3 accounts"
/// (never "account(s)" or "replys").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Noun {
    /// "reply".
    pub one: &'static str,
    /// "replies".
    pub many: &'static str,
}

impl Noun {
    /// A noun from its two forms.
    pub const fn new(one: &'static str, many: &'static str) -> Self {
        Self { one, many }
    }

    /// The form for `n` things.
    pub fn of(self, n: usize) -> &'static str {
        if n == 1 { self.one } else { self.many }
    }
}

/// "no accounts", "1 account", "1,234 accounts".
pub fn counted(n: usize, noun: Noun) -> String {
    match n {
        0 => format!("no {}", noun.many),
        n => format!("{} {}", count(n as u64), noun.of(n)),
    }
}

/// "1 account", "0 accounts": like [`counted`] but with a figure for zero
/// (inside a sentence that already negates, or beside other figures).
pub fn counted_figure(n: usize, noun: Noun) -> String {
    format!("{} {}", count(n as u64), noun.of(n))
}

/// "once", "twice", "3 times".
pub fn times(n: usize) -> String {
    match n {
        1 => "once".into(),
        2 => "twice".into(),
        n => format!("{} times", count(n as u64)),
    }
}

/// The platform's word for one piece of content and its plural ("video", "videos").
pub fn post_noun(platform: Platform) -> Noun {
    match platform {
        Platform::Bluesky | Platform::Instagram => Noun::new("post", "posts"),
        Platform::Mastodon => Noun::new("toot", "toots"),
        Platform::Youtube | Platform::Tiktok | Platform::Twitch => Noun::new("video", "videos"),
    }
}

/// The platform's word for a comment under a post ("reply" on Bluesky and Mastodon).
pub fn reply_noun(platform: Platform) -> Noun {
    match platform {
        Platform::Bluesky | Platform::Mastodon => Noun::new("reply", "replies"),
        _ => Noun::new("comment", "comments"),
    }
}

/// A number of days for people: "35 days", "1 day", "2.5 days".
pub fn days(d: f64) -> String {
    if !d.is_finite() {
        return "—".into();
    }
    let r = (d * 10.0).round() / 10.0;
    if (r - 1.0).abs() < f64::EPSILON {
        "1 day".into()
    } else if r.fract() == 0.0 {
        format!("{r:.0} days")
    } else {
        format!("{r:.1} days")
    }
}

/// "1st", "22nd", "11th".
pub fn ordinal(n: u64) -> String {
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
            format!("{} likes per {}", fmt_ratio(v), reply_noun(platform).one)
        }
        // A coefficient of variation reads as how much posts differ from the typical one.
        engagement_shape::DISPERSION | engagement_shape::UNIFORMITY => {
            format!("±{:.0}% between {}", v * 100.0, post_noun(platform).many)
        }
        // The value is the largest robust z, a method figure; people read the changes.
        growth::FOLLOWERS => counted(
            f.evidence.len(),
            Noun::new("sudden change", "sudden changes"),
        ),
        growth::SAWTOOTH => counted(v.round().max(0.0) as usize, Noun::new("cycle", "cycles")),
        pods::CHECK => counted(
            v.round().max(0.0) as usize,
            Noun::new("account", "accounts"),
        ),
        score::CHECK | "brand_fit" => format!("{} / 100", whole(v)),
        views_to_followers::CHECK => percent(v),
        "brand_fit.competitors" => counted(
            v.round().max(0.0) as usize,
            Noun::new("conflict", "conflicts"),
        ),
        _ if (0.0..=1.0).contains(&v) => percent(v),
        _ if v.fract() == 0.0 => whole(v),
        _ => format!("{v:.2}"),
    })
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
        if let Some(why) = unmeasurable(&f.check, platform) {
            return format!("{why}, so {} cannot be judged there.", subject(&f.check));
        }
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
                    "The balance of likes and {} ({value}) is normal for {platform}.",
                    reply_noun(platform).many
                )
            } else if below(f) {
                format!(
                    "{} are unusually many for the likes ({value}), as with giveaways or comment groups.",
                    capitalised(reply_noun(platform).many)
                )
            } else {
                format!(
                    "Likes far outrun {} ({value}), which can mean bought likes.",
                    reply_noun(platform).many
                )
            }
        }
        generic_comments::CHECK => {
            if ok {
                format!(
                    "Most {} are real reactions ({value} generic).",
                    reply_noun(platform).many
                )
            } else {
                format!(
                    "{value} of {} are generic praise or emoji only, typical of bought or automated {}.",
                    reply_noun(platform).many,
                    reply_noun(platform).many
                )
            }
        }
        near_duplicates::CHECK => {
            if ok {
                format!(
                    "{} are not copied between {}.",
                    capitalised(reply_noun(platform).many),
                    post_noun(platform).many
                )
            } else {
                format!(
                    "{value} of longer {} repeat word for word across {}.",
                    reply_noun(platform).many,
                    post_noun(platform).many
                )
            }
        }
        language_mismatch::CHECK => {
            if ok {
                format!(
                    "{} are mostly in the creator's languages.",
                    capitalised(reply_noun(platform).many)
                )
            } else {
                format!(
                    "{value} of {} are in languages the creator does not post in.",
                    reply_noun(platform).many
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

/// How a check measures, in the method's own terms (robust z-scores, MAD): the
/// detail behind the plain explanation, shown one click away in the app and in
/// the PDF's method appendix. `None` for checks whose method is a formula the
/// appendix already states (the engagement rate).
pub fn method(check: &str) -> Option<String> {
    Some(match check {
        engagement_shape::DISPERSION => {
            "Robust coefficient of variation of the per-post rates: 1.4826 × MAD / median (MAD: median absolute deviation from the median)."
        }
        engagement_shape::OUTLIERS => {
            "Share of posts whose rate has a robust z-score beyond ±3.5: z = (rate − median) / (1.4826 × MAD)."
        }
        engagement_shape::UNIFORMITY => {
            "Coefficient of variation of the per-post rates: standard deviation / mean; a value under the threshold is too uniform."
        }
        engagement_shape::LIKE_COMMENT => {
            "Sum of likes / sum of comments over the original posts older than 24 h that show both, against the platform's norm."
        }
        growth::FOLLOWERS => {
            "Daily growth rate of each interval between snapshots; an interval is a sudden rise or fall when its robust z-score, (rate − median rate) / (1.4826 × MAD), is beyond ±3.5 and it differs from the median rate by at least the threshold's share of followers a day."
        }
        growth::SAWTOOTH => {
            "A rise of the following count directly followed by a fall, each moving at least the threshold's share and number of accounts."
        }
        pods::CHECK => {
            "Accounts commenting on at least the threshold's share of the posts; fast when their median first comment comes within the window after posting; order consistency is the share of post pairs where the same accounts comment in the same order."
        }
        generic_comments::CHECK => {
            "Each non-empty comment by another account classed as emoji-only, mention-only, a stock phrase (the shipped phrase lists, by language) or a real reaction; share generic = generic / non-empty."
        }
        near_duplicates::CHECK => {
            return Some(format!(
                "Comments of {} or more characters compared pairwise by Jaccard similarity of character 4-gram shingles after normalising; a pair on different posts at {} or more marks both.",
                near_duplicates::MIN_CHARS,
                near_duplicates::SIMILARITY
            ));
        }
        language_mismatch::CHECK => {
            return Some(format!(
                "The creator's languages are those of at least {:.0}% of the posts (declared, or detected with whatlang); a comment counts when whatlang is confident on {} or more characters; share of counted comments in other languages.",
                language_mismatch::CREATOR_LANGUAGE_SHARE * 100.0,
                language_mismatch::MIN_CHARS
            ));
        }
        suspicious_share::CHECK => {
            "Each sampled account scored by the shipped bot model; share at or above the 0.5 cut-off, with the range over cut-offs 0.3 / 0.5 / 0.7 and 95% Wilson intervals."
        }
        suspicious_share::AUTHENTIC_CHECK => {
            "Engagement rate × (1 − suspicious share), with the share's range carried through."
        }
        views_to_followers::CHECK => {
            "Median views per video / followers, against the platform and tier band."
        }
        engagement_rate::PEER_CHECK => {
            "Mid-rank percentile of the creator's engagement rate among the workspace's creators on the same platform and tier."
        }
        score::CHECK => {
            "Σ (normalised weight × points) over the weighted checks with data: ok 100, watch 50, risk 0 points; checks without data are left out and the weights renormalised."
        }
        _ => return None,
    }
    .to_string())
}

/// Why a check can never run on a platform, in plain words ("Twitch does not show
/// likes or comments on videos"), from what the platform publishes on a post
/// ([`crate::metrics::post_counts`]) and the counts the engagement formula needs
/// ([`crate::metrics::interaction_formula`]); `None` when the check can run there
/// given enough data.
pub fn unmeasurable(check: &str, platform: Platform) -> Option<String> {
    use crate::metrics::{Count, interaction_formula, post_counts};
    let shown = post_counts(platform);
    let posts = post_noun(platform).many;
    let hidden: Vec<String> = interaction_formula(platform)
        .required
        .iter()
        .filter(|c| !shown.contains(c))
        .map(|c| c.word(platform))
        .collect();
    let no_engagement = (!hidden.is_empty()).then(|| {
        format!(
            "{platform} does not show {} on {posts}",
            hidden.join(" or ")
        )
    });
    let no_comments = (!shown.contains(&Count::Replies)).then(|| {
        format!(
            "{platform} does not show {} on {posts}",
            reply_noun(platform).many
        )
    });
    match check {
        engagement_rate::CHECK
        | engagement_rate::PEER_CHECK
        | suspicious_share::AUTHENTIC_CHECK
        | engagement_shape::DISPERSION
        | engagement_shape::OUTLIERS
        | engagement_shape::UNIFORMITY
        | engagement_shape::LIKE_COMMENT
        | score::CHECK => no_engagement,
        generic_comments::CHECK
        | near_duplicates::CHECK
        | language_mismatch::CHECK
        | pods::CHECK => no_comments,
        // No follower list and no commenters: no accounts to look at.
        suspicious_share::CHECK if platform == Platform::Twitch => no_comments.map(|_| {
            format!(
                "{platform} does not publish who follows an account or show {} on {posts}",
                reply_noun(platform).many
            )
        }),
        // Twitch on purpose (benchmarks.toml): VOD views mix live and archive
        // audiences, and no published figure relates them to followers.
        views_to_followers::CHECK if platform == Platform::Twitch => Some(format!(
            "No published figure relates {platform} video views to followers"
        )),
        _ => None,
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

    #[test]
    fn counts_read_with_proper_plurals() {
        let account = Noun::new("account", "accounts");
        assert_eq!(counted(0, account), "no accounts");
        assert_eq!(counted(1, account), "1 account");
        assert_eq!(counted(1_200, account), "1,200 accounts");
        assert_eq!(counted(3, Noun::new("spike", "spikes")), "3 spikes");
        assert_eq!(times(1), "once");
        assert_eq!(times(2), "twice");
        assert_eq!(number(2_858.63, 1), "2,858.6");
        assert_eq!(number(-16.64, 1), "-16.6");
        assert_eq!(number(-0.01, 1), "0.0");
        assert_eq!(days(35.0), "35 days");
        assert_eq!(days(1.0), "1 day");
        assert_eq!(days(2.46), "2.5 days");
        assert_eq!(reply_noun(Platform::Bluesky).many, "replies");
        assert_eq!(post_noun(Platform::Twitch).of(2), "videos");
    }

    /// Issue 14: "Most replys are real reactions" on Bluesky.
    #[test]
    fn bluesky_summaries_say_replies() {
        for check in [
            generic_comments::CHECK,
            near_duplicates::CHECK,
            language_mismatch::CHECK,
            engagement_shape::LIKE_COMMENT,
        ] {
            for verdict in [Verdict::Ok, Verdict::Risk] {
                let f = finding(check, 0.2, Some(0.1), Some(0.3), verdict);
                let s = summary(&f, Platform::Bluesky);
                assert!(!s.contains("replys") && !s.contains("Replys"), "{s}");
                assert!(s.to_lowercase().contains("replies"), "{s}");
            }
        }
        let lc = finding(
            engagement_shape::LIKE_COMMENT,
            7.4,
            Some(1.5),
            Some(60.0),
            Verdict::Ok,
        );
        assert_eq!(
            display_value(&lc, Platform::Bluesky).unwrap(),
            "7.4 likes per reply"
        );
    }

    /// Issue 14: a bare "0.53" and a robust z of "+0.0" beside plain sentences.
    #[test]
    fn shape_and_growth_values_say_what_they_are() {
        let d = finding(
            engagement_shape::DISPERSION,
            0.53,
            Some(0.0),
            Some(1.2),
            Verdict::Ok,
        );
        assert_eq!(
            display_value(&d, Platform::Tiktok).unwrap(),
            "±53% between videos"
        );
        let mut g = finding(growth::FOLLOWERS, 0.0, Some(-3.5), Some(3.5), Verdict::Ok);
        assert_eq!(
            display_value(&g, Platform::Tiktok).unwrap(),
            "no sudden changes"
        );
        g.evidence.push(crate::Evidence::new(
            crate::EvidenceKind::Snapshot,
            "2026-11-01",
            "jump",
        ));
        assert_eq!(
            display_value(&g, Platform::Tiktok).unwrap(),
            "1 sudden change"
        );
    }

    /// Issue 14: 14 of 16 checks "Not enough data" on Twitch, with no reason given.
    #[test]
    fn checks_twitch_cannot_run_say_why() {
        let mut f = finding(
            engagement_rate::CHECK,
            0.0,
            None,
            None,
            Verdict::NotEnoughData,
        );
        f.value = None;
        assert_eq!(
            summary(&f, Platform::Twitch),
            "Twitch does not show likes or comments on videos, so the engagement rate cannot be judged there."
        );
        f.check = generic_comments::CHECK.into();
        assert_eq!(
            summary(&f, Platform::Twitch),
            "Twitch does not show comments on videos, so the comments cannot be judged there."
        );
        f.check = score::CHECK.into();
        assert!(
            summary(&f, Platform::Twitch).starts_with("Twitch does not show likes or comments")
        );
        // Elsewhere a short sample is only "not enough data yet".
        f.check = generic_comments::CHECK.into();
        assert_eq!(
            summary(&f, Platform::Youtube),
            "Not enough data yet to judge the comments."
        );
        for check in [growth::FOLLOWERS, growth::SAWTOOTH] {
            assert_eq!(unmeasurable(check, Platform::Twitch), None);
        }
        for p in Platform::ALL {
            if p != Platform::Twitch {
                assert_eq!(unmeasurable(engagement_rate::CHECK, p), None, "{p}");
            }
        }
    }
}
