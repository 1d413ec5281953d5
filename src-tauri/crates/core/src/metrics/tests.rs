//! Table-driven tests of [`super::compute`] with values worked out by hand.

use rstest::rstest;

use super::testkit::{at, post, snapshot};
use super::*;
use crate::Platform;

fn close(a: Option<f64>, b: f64) -> bool {
    a.is_some_and(|a| (a - b).abs() < 1e-9)
}

/// Bluesky, 1 000 followers, fetched day 30 at 00:00, `now` = day 32.
fn bluesky_case() -> Snapshot {
    let mut s = snapshot(Platform::Bluesky, Some(1_000));
    let mut p1 = post("p1", at(21, 0), Some(10), Some(2), Some(3));
    p1.quotes = Some(1); // 16 interactions -> 0.016
    let p2 = post("p2", at(23, 0), Some(20), Some(0), Some(0)); // quotes unknown: optional -> 20 -> 0.020
    let p3 = post("p3", at(25, 0), None, Some(1), Some(1)); // likes unknown -> excluded
    let mut p4 = post("p4", at(28, 0), Some(40), Some(4), Some(6));
    p4.quotes = Some(0); // 50 -> 0.050
    let p5 = post("p5", at(29, 12 * 60), Some(5), Some(0), Some(0)); // 12 h old at fetch -> too recent
    s.posts = vec![p5, p4, p3, p2, p1];
    s
}

#[test]
fn bluesky_rates_cadence_and_exclusions() {
    let m = compute(&bluesky_case(), &TierBounds::default(), at(32, 0));
    assert_eq!(m.tier, Some(Tier::Nano));
    assert_eq!(m.posts_analyzed, 5);
    // rates 0.016, 0.020, 0.050: mean 0.086 / 3, median 0.020
    assert!(close(m.engagement_rate_mean, 0.086 / 3.0));
    assert!(close(m.engagement_rate_median, 0.020));
    let ids: Vec<&str> = m.per_post.iter().map(|r| r.post_id.as_str()).collect();
    assert_eq!(ids, ["p1", "p2", "p4"], "oldest first");
    // window: day 29.5 - day 21 = 8.5 days; 5 posts / (8.5 / 7) weeks
    assert!(close(m.window_days, 8.5));
    assert!(close(m.posts_per_week, 5.0 / (8.5 / 7.0)));
    // newest post day 29.5, now day 32 -> 2.5 days
    assert!(close(m.days_since_last_post, 2.5));
    assert_eq!(
        m.excluded,
        vec![
            ExcludedPost {
                post_id: "p5".into(),
                figure: Figure::PerFollower,
                reason: Exclusion::TooRecent { age_hours: 12 }
            },
            ExcludedPost {
                post_id: "p3".into(),
                figure: Figure::PerFollower,
                reason: Exclusion::UnknownCounts {
                    counts: vec![Count::Likes]
                }
            },
        ]
    );
    assert_eq!(m.engagement_per_view_median, None, "not a video platform");
    assert_eq!(m.views_to_followers, None);
}

#[rstest]
// one post: no span, no cadence
#[case(&[0], None)]
// two posts at the same instant: span floored at one day -> 2 / (1/7)
#[case(&[0, 0], Some(14.0))]
// three posts over 14 days: 3 / 2 weeks
#[case(&[0, 7 * 1440, 14 * 1440], Some(1.5))]
fn posts_per_week_rule(#[case] minutes: &[i64], #[case] want: Option<f64>) {
    let mut s = snapshot(Platform::Mastodon, Some(100));
    s.posts = minutes
        .iter()
        .enumerate()
        .map(|(i, m)| post(&format!("p{i}"), at(1, *m), Some(1), Some(0), Some(0)))
        .collect();
    let m = compute(&s, &TierBounds::default(), at(40, 0));
    match want {
        None => assert_eq!(m.posts_per_week, None),
        Some(w) => assert!(close(m.posts_per_week, w), "{:?}", m.posts_per_week),
    }
}

#[test]
fn unknown_followers_give_no_tier_and_no_rates() {
    let mut s = bluesky_case();
    s.profile.followers = None;
    s.mark_missing(Part::FollowerCount, "profile is private");
    let m = compute(&s, &TierBounds::default(), at(32, 0));
    assert_eq!(m.tier, None);
    assert_eq!(m.engagement_rate_median, None);
    assert!(m.per_post.is_empty());
    assert!(
        m.excluded.is_empty(),
        "no per-post exclusions when the whole figure is absent"
    );
    assert!(
        m.notes.iter().any(|n| n.contains("profile is private")),
        "{:?}",
        m.notes
    );
    // cadence does not need followers
    assert!(close(m.posts_per_week, 5.0 / (8.5 / 7.0)));
}

#[test]
fn youtube_per_view_and_views_to_followers() {
    let mut s = snapshot(Platform::Youtube, Some(10_000));
    let mut v1 = post("v1", at(10, 0), Some(50), Some(10), None);
    v1.views = Some(1_000); // 60 / 1 000 views = 0.06; 60 / 10 000 = 0.006
    let mut v2 = post("v2", at(12, 0), Some(100), None, None);
    v2.views = Some(4_000); // comments unknown: out of both rates, views still count
    let v3 = post("v3", at(14, 0), Some(30), Some(5), None); // views unknown: 35 / 10 000 = 0.0035
    let mut v4 = post("v4", at(16, 0), Some(0), Some(0), None);
    v4.views = Some(0); // per follower 0.0; per view undefined
    s.posts = vec![v4, v3, v2, v1];
    let m = compute(&s, &TierBounds::default(), at(30, 0));
    assert_eq!(m.tier, Some(Tier::Micro));
    // per follower: 0.006, 0.0035, 0.0 -> median 0.0035, mean 0.0095 / 3
    assert!(close(m.engagement_rate_median, 0.0035));
    assert!(close(m.engagement_rate_mean, 0.0095 / 3.0));
    // per view: only v1
    assert!(close(m.engagement_per_view_median, 0.06));
    assert_eq!(m.per_post_view.len(), 1);
    // views known: 1 000, 4 000, 0 -> median 1 000 -> / 10 000 = 0.1
    assert!(close(m.median_views, 1_000.0));
    assert_eq!(m.views_sample, 3);
    assert!(close(m.views_to_followers, 0.1));
    let reasons: Vec<(&str, Figure, &Exclusion)> = m
        .excluded
        .iter()
        .map(|e| (e.post_id.as_str(), e.figure, &e.reason))
        .collect();
    let unknown_replies = Exclusion::UnknownCounts {
        counts: vec![Count::Replies],
    };
    assert_eq!(
        reasons,
        vec![
            ("v4", Figure::PerView, &Exclusion::ZeroViews),
            ("v3", Figure::Views, &Exclusion::ViewsUnknown),
            ("v3", Figure::PerView, &Exclusion::ViewsUnknown),
            ("v2", Figure::PerFollower, &unknown_replies),
            ("v2", Figure::PerView, &unknown_replies),
        ]
    );
}

#[test]
fn hidden_likes_are_excluded_not_zero() {
    let mut s = snapshot(Platform::Instagram, Some(50_000));
    let mut hidden = post("h", at(10, 0), Some(0), Some(12), None);
    hidden.likes_hidden = true;
    let shown = post("s", at(11, 0), Some(990), Some(10), None); // 1 000 / 50 000 = 0.02
    s.posts = vec![shown, hidden];
    let m = compute(&s, &TierBounds::default(), at(30, 0));
    assert!(close(m.engagement_rate_median, 0.02));
    assert_eq!(m.excluded.len(), 1);
    assert_eq!(m.excluded[0].reason, Exclusion::LikesHidden);
    assert_eq!(m.excluded[0].reason.to_string(), "like count hidden");
}

#[test]
fn reposts_of_others_are_not_analysed() {
    let mut s = snapshot(Platform::Bluesky, Some(1_000));
    let mut repost = post("r", at(10, 0), Some(500), Some(0), Some(0));
    repost.kind = PostKind::Repost;
    s.posts = vec![repost, post("o", at(9, 0), Some(10), Some(0), Some(0))];
    let m = compute(&s, &TierBounds::default(), at(30, 0));
    assert_eq!(m.posts_analyzed, 1);
    assert!(close(m.engagement_rate_median, 0.01));
}

#[test]
fn recency_is_floored_at_zero() {
    let mut s = snapshot(Platform::Bluesky, Some(10));
    s.posts = vec![post("p", at(5, 0), Some(1), Some(0), Some(0))];
    let m = compute(&s, &TierBounds::default(), at(4, 0));
    assert!(close(m.days_since_last_post, 0.0));
}
