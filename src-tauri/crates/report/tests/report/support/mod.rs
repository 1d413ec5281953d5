//! Hand-built report inputs for the tests, the example and the benchmarks.
//!
//! Three creators chosen to exercise the report: full data in Cyrillic
//! (Instagram), a risk finding and hostile text in Greek with Arabic
//! (YouTube), and a creator with too little data in Japanese and Korean
//! (TikTok). The figures are round so that expected output can be worked out
//! by hand.
#![allow(dead_code)]

use chrono::{DateTime, Duration, TimeZone, Utc};
use scout_core::checks::benchmarks::{Basis, Statistic};
use scout_core::{
    Evidence, EvidenceKind, Finding, Platform, Range, ShortlistStatus, Tier, TierBounds, Verdict,
};
use scout_report::{
    Benchmark, CostEstimate, CreatorReport, DisclosureSummary, Estimate, FollowerPoint, Formula,
    MethodInfo, MethodVersion, PostEngagement, ReportInput, ScoreBreakdown, ScoreComponent,
    Threshold, UndisclosedPost,
};

pub fn at(y: i32, m: u32, d: u32, h: u32, min: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(y, m, d, h, min, 0)
        .single()
        .expect("valid fixture date")
}

/// The report date of every fixture.
pub fn generated_at() -> DateTime<Utc> {
    at(2026, 10, 2, 9, 0)
}

#[allow(clippy::too_many_arguments)] // one argument per field of a finding, read in order
fn finding(
    check: &str,
    title: &str,
    value: Option<f64>,
    expected: Option<Range>,
    verdict: Verdict,
    confidence: f64,
    evidence: Vec<Evidence>,
    explanation: &str,
) -> Finding {
    Finding {
        check: check.into(),
        title: title.into(),
        value,
        expected,
        verdict,
        confidence,
        evidence,
        explanation: explanation.into(),
        method_version: format!("{}/1", check.split('.').next().unwrap_or(check)),
    }
}

fn component(
    name: &str,
    check: &str,
    score: Option<f64>,
    weight: f64,
    verdict: Verdict,
    detail: &str,
) -> ScoreComponent {
    ScoreComponent {
        name: name.into(),
        check: Some(check.into()),
        score,
        weight,
        verdict,
        detail: if detail.is_empty() {
            None
        } else {
            Some(detail.into())
        },
    }
}

/// Lena: Instagram micro, everything known, approved.
pub fn lena() -> CreatorReport {
    let fetched = at(2026, 10, 1, 14, 3);
    let mut c = CreatorReport::new(Platform::Instagram, "lena.smirnova", fetched);
    c.display_name = Some("Лена Смирнова".into());
    c.url = Some("https://www.instagram.com/lena.smirnova/".into());
    c.tier = Some(Tier::Micro);
    c.followers = Some(48_210);
    c.following = Some(612);
    c.posts_count = Some(1_204);
    c.engagement_rate = Some(0.034);
    c.er_basis = Some(Basis::PerFollower);
    c.er_statistic = Some(Statistic::Median);
    c.er_expected = Some(Range::new(0.01, 0.05));
    c.er_verdict = Some(Verdict::Ok);
    c.authentic_er = Some(Estimate {
        low: 0.021,
        mid: 0.026,
        high: 0.029,
    });
    c.authenticity = Some(ScoreBreakdown {
        score: 82.0,
        verdict: Verdict::Ok,
        confidence: Some(0.8),
        method_version: "authenticity_score/1".into(),
        components: vec![
            component(
                "Follower quality",
                "audience.suspicious_share",
                Some(88.0),
                0.3,
                Verdict::Ok,
                "6% of a 200-account follower sample look automated",
            ),
            component(
                "Comment quality",
                "comment_quality.generic_share",
                Some(64.0),
                0.25,
                Verdict::Watch,
                "18% generic comments",
            ),
            component(
                "Engagement pattern",
                "engagement_shape.dispersion",
                Some(90.0),
                0.25,
                Verdict::Ok,
                "",
            ),
            component(
                "Growth",
                "growth.followers",
                Some(85.0),
                0.2,
                Verdict::Ok,
                "no spikes in 4 snapshots",
            ),
        ],
    });
    c.fit = Some(ScoreBreakdown {
        score: 74.0,
        verdict: Verdict::Ok,
        confidence: Some(0.7),
        method_version: "brand_fit/1".into(),
        components: vec![
            component(
                "Topic relevance",
                "brand_fit.topics",
                Some(80.0),
                0.4,
                Verdict::Ok,
                "skincare, wellness",
            ),
            component(
                "Audience language",
                "brand_fit.language",
                Some(90.0),
                0.2,
                Verdict::Ok,
                "ru 71%, en 22%",
            ),
            component(
                "Brand safety",
                "brand_fit.safety",
                Some(100.0),
                0.2,
                Verdict::Ok,
                "",
            ),
            component(
                "Competitor mentions",
                "brand_fit.competitors",
                Some(30.0),
                0.2,
                Verdict::Watch,
                "2 posts mention a competitor",
            ),
        ],
    });
    c.status = Some(ShortlistStatus::Approved);
    c.note = Some("Strong skincare content; ask about the two competitor posts from August before contracting.".into());
    c.tags = vec!["skincare".into(), "ru".into()];
    c.estimated_cost = Some(CostEstimate {
        low: 800.0,
        high: 1200.0,
        currency: "EUR".into(),
        basis: Some("rate card 2026: Instagram micro, one feed post".into()),
    });
    // Twelve posts, one every five days, newest first as a source returns them.
    let ers = [
        0.031, 0.027, 0.045, 0.022, 0.029, 0.038, 0.024, 0.061, 0.029, 0.026, 0.033, 0.043,
    ];
    c.er_per_post = ers
        .iter()
        .enumerate()
        .map(|(i, er)| PostEngagement {
            post_id: format!("C{:03}", 100 - i),
            date: fetched - Duration::days(5 * i as i64 + 1),
            er: Some(*er),
        })
        .collect();
    c.follower_history = vec![
        FollowerPoint {
            date: at(2026, 7, 1, 10, 0),
            followers: 44_900,
        },
        FollowerPoint {
            date: at(2026, 8, 1, 10, 0),
            followers: 46_050,
        },
        FollowerPoint {
            date: at(2026, 9, 1, 10, 0),
            followers: 47_300,
        },
        FollowerPoint {
            date: fetched,
            followers: 48_210,
        },
    ];
    c.findings = vec![
        finding(
            "engagement_rate",
            "Engagement rate",
            Some(0.034),
            Some(Range::new(0.01, 0.05)),
            Verdict::Ok,
            0.9,
            vec![],
            "Mean engagement of the last 12 posts is within the normal range for Instagram micro creators.",
        ),
        finding(
            "comment_quality.generic_share",
            "Generic comments",
            Some(0.18),
            Some(Range {
                low: None,
                high: Some(0.15),
            }),
            Verdict::Watch,
            0.75,
            vec![
                Evidence::new(
                    EvidenceKind::Comment,
                    "17958",
                    "=HYPERLINK(\"http://evil.example\",\"click\")",
                ),
                Evidence::new(EvidenceKind::Comment, "17961", "Great pic!! 🔥🔥"),
                Evidence::new(EvidenceKind::Comment, "17990", "Nice 👍🏽"),
            ],
            "18% of 240 comments are generic praise, above the 15% Scout treats as normal.",
        ),
        finding(
            "brand_fit.competitors",
            "Competitor mentions",
            Some(2.0),
            Some(Range {
                low: None,
                high: Some(0.0),
            }),
            Verdict::Watch,
            0.9,
            vec![Evidence::new(
                EvidenceKind::Post,
                "C088",
                "Morning routine with @rivalskin serum",
            )],
            "Two recent posts mention a competitor of the brand.",
        ),
    ];
    c.disclosure = Some(DisclosureSummary {
        sponsored_posts: 3,
        disclosed_posts: 2,
        rules: vec!["FTC: #ad or paid-partnership label, visible without tapping more".into()],
        undisclosed: vec![UndisclosedPost {
            post_id: "C093".into(),
            date: at(2026, 9, 5, 18, 0),
            url: Some("https://www.instagram.com/p/C093/".into()),
            rule: "FTC: disclosure hidden after 'more'".into(),
            excerpt: Some("Love my new serum from @glowlab ✨ link in bio".into()),
        }],
    });
    c.bio = Some("Skincare & wellness 🌿 | Москва → Berlin\ncollab: lena@example.com".into());
    c
}

/// Giorgos: YouTube mid, a growth spike (risk), hostile text everywhere.
pub fn giorgos() -> CreatorReport {
    let fetched = at(2026, 9, 28, 8, 30);
    let mut c = CreatorReport::new(Platform::Youtube, "giorgos.cooks", fetched);
    c.display_name = Some("Γιώργος Παπαδόπουλος".into());
    c.url = Some("https://www.youtube.com/@giorgos.cooks".into());
    c.tier = Some(Tier::Mid);
    c.followers = Some(312_400);
    c.following = None;
    c.posts_count = Some(402);
    c.engagement_rate = Some(0.052);
    c.er_basis = Some(Basis::PerView);
    c.er_statistic = Some(Statistic::Median);
    c.er_expected = Some(Range::new(0.02, 0.06));
    c.er_verdict = Some(Verdict::Ok);
    c.authentic_er = Some(Estimate {
        low: 0.031,
        mid: 0.038,
        high: 0.044,
    });
    c.authenticity = Some(ScoreBreakdown {
        score: 58.0,
        verdict: Verdict::Watch,
        confidence: Some(0.6),
        method_version: "authenticity_score/1".into(),
        components: vec![
            component(
                "Follower quality",
                "audience.suspicious_share",
                None,
                0.3,
                Verdict::NotEnoughData,
                "YouTube gives no subscriber list",
            ),
            component(
                "Comment quality",
                "comment_quality.generic_share",
                Some(71.0),
                0.3,
                Verdict::Ok,
                "",
            ),
            component(
                "Growth",
                "growth.followers",
                Some(20.0),
                0.4,
                Verdict::Risk,
                "+42% in one week in August",
            ),
        ],
    });
    c.fit = Some(ScoreBreakdown {
        score: 66.0,
        verdict: Verdict::Ok,
        confidence: Some(0.65),
        method_version: "brand_fit/1".into(),
        components: vec![component(
            "Topic relevance",
            "brand_fit.topics",
            Some(66.0),
            1.0,
            Verdict::Ok,
            "cooking, nutrition",
        )],
    });
    c.status = Some(ShortlistStatus::Vetting);
    // Control characters, a right-to-left override that is never closed, a very long URL.
    c.note = Some(
        "Check\u{0007} the August spike \u{202E}before approving\u{0000}. Source: https://example.com/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa/report"
            .into(),
    );
    c.tags = vec!["=cmd|' /C calc'!A0".into()];
    c.estimated_cost = Some(CostEstimate {
        low: 4500.0,
        high: 4500.0,
        currency: "EUR".into(),
        basis: None,
    });
    let ers = [0.047, 0.052, 0.061, 0.039, 0.058, 0.044];
    c.er_per_post = ers
        .iter()
        .enumerate()
        .map(|(i, er)| PostEngagement {
            post_id: format!("vid{i}"),
            date: fetched - Duration::days(7 * i as i64 + 2),
            er: Some(*er),
        })
        .collect();
    c.follower_history = vec![
        FollowerPoint {
            date: at(2026, 8, 1, 8, 0),
            followers: 210_000,
        },
        FollowerPoint {
            date: fetched,
            followers: 312_400,
        },
    ];
    c.findings = vec![
        finding(
            "growth.followers",
            "Follower growth spike",
            Some(0.42),
            Some(Range {
                low: None,
                high: Some(0.1),
            }),
            Verdict::Risk,
            0.85,
            vec![
                Evidence::new(
                    EvidenceKind::Snapshot,
                    "2026-08-01T08:00:00Z",
                    "210,000 subscribers",
                ),
                Evidence::new(
                    EvidenceKind::Snapshot,
                    "2026-09-28T08:30:00Z",
                    "312,400 subscribers",
                ),
            ],
            "Subscribers grew 42% between two snapshots a week apart; organic growth at this size rarely exceeds 10%.",
        ),
        finding(
            "audience.suspicious_share",
            "Suspicious followers",
            None,
            None,
            Verdict::NotEnoughData,
            0.0,
            vec![],
            "YouTube gives no subscriber list, so the follower sample check could not run.",
        ),
        finding(
            "comment_quality.language_mismatch",
            "Comment language",
            Some(0.12),
            Some(Range {
                low: None,
                high: Some(0.25),
            }),
            Verdict::Ok,
            0.7,
            vec![Evidence::new(
                EvidenceKind::Comment,
                "Ugx1",
                "مرحبا! وصفة رائعة",
            )],
            "12% of comments are in a language the channel does not post in.",
        ),
    ];
    c.disclosure = Some(DisclosureSummary {
        sponsored_posts: 0,
        disclosed_posts: 0,
        rules: vec![],
        undisclosed: vec![],
    });
    c.bio = Some("Μαγειρική κάθε Κυριακή · مرحبا بكم\u{202E} · recipes: supercalifragilisticexpialidocious_and_even_longer_words_without_spaces".into());
    c
}

/// Hanako: TikTok nano, too little data for most checks, no brief fit.
pub fn hanako() -> CreatorReport {
    let fetched = at(2026, 9, 30, 22, 15);
    let mut c = CreatorReport::new(Platform::Tiktok, "hanako.yamada", fetched);
    c.display_name = Some("山田花子".into());
    c.url = Some("https://www.tiktok.com/@hanako.yamada".into());
    c.tier = Some(Tier::Nano);
    c.followers = Some(8_950);
    c.following = Some(301);
    c.posts_count = Some(57);
    c.engagement_rate = None;
    c.status = Some(ShortlistStatus::Candidate);
    c.er_per_post = vec![PostEngagement {
        post_id: "7301".into(),
        date: at(2026, 9, 20, 12, 0),
        er: Some(0.081),
    }];
    c.follower_history = vec![FollowerPoint {
        date: fetched,
        followers: 8_950,
    }];
    c.findings = vec![finding(
        "engagement_rate",
        "Engagement rate",
        None,
        None,
        Verdict::NotEnoughData,
        0.0,
        vec![],
        "Only 1 video with visible counts; at least 5 are needed.",
    )];
    c.bio = Some("東京のカフェ巡り ☕ 한국어도 OK".into());
    c
}

pub fn method() -> MethodInfo {
    MethodInfo {
        formulas: vec![
            Formula {
                name: "Engagement rate (per follower)".into(),
                expression: "(likes + comments + reposts + quotes) / followers, per post; mean and median over the recent posts".into(),
                note: Some("Hidden like counts are left out, not counted as zero.".into()),
            },
            Formula {
                name: "Engagement rate (per view)".into(),
                expression: "(likes + comments) / views, per video".into(),
                note: None,
            },
            Formula {
                name: "Authentic engagement rate".into(),
                expression: "engagement rate × (1 − suspicious share of engagers)".into(),
                note: Some("Range from the sample's 90% interval.".into()),
            },
        ],
        thresholds: vec![
            Threshold {
                key: "comment_quality.generic_share.watch".into(),
                label: "Generic comments, watch above".into(),
                value: 0.15,
                unit: Some("fraction".into()),
                source: Some("Scout default, calibrated on the labelled comment set".into()),
            },
            Threshold {
                key: "growth.followers.spike".into(),
                label: "Follower growth spike per week".into(),
                value: 0.1,
                unit: Some("fraction".into()),
                source: None,
            },
            Threshold {
                key: "engagement_rate.min_posts".into(),
                label: "Posts needed for an engagement rate".into(),
                value: 5.0,
                unit: Some("posts".into()),
                source: None,
            },
        ],
        benchmarks: vec![
            Benchmark {
                platform: Platform::Youtube,
                tier: Tier::Mid,
                metric: "engagement_rate".into(),
                low: 0.02,
                median: Some(0.04),
                high: 0.06,
                source: "Scout benchmark table 2026-09 (editable)".into(),
            },
            Benchmark {
                platform: Platform::Instagram,
                tier: Tier::Micro,
                metric: "engagement_rate".into(),
                low: 0.01,
                median: Some(0.024),
                high: 0.05,
                source: "Scout benchmark table 2026-09 (editable)".into(),
            },
        ],
        method_versions: vec![
            MethodVersion { check: "engagement_rate".into(), version: "engagement_rate/1".into() },
            MethodVersion { check: "authenticity_score".into(), version: "authenticity_score/1".into() },
        ],
        tier_bounds: Some(TierBounds::default()),
    }
}

/// The three-creator sample report.
pub fn sample() -> ReportInput {
    ReportInput {
        title: "Creator vetting report".into(),
        client: Some("Glow Lab GmbH".into()),
        brief_name: Some("Glow Lab autumn serum launch".into()),
        shortlist_name: "Autumn serum – DACH micro".into(),
        author: Some("Mara Keller".into()),
        generated_at: generated_at(),
        creators: vec![lena(), giorgos(), hanako()],
        method: method(),
        plan: None,
    }
}

/// A report with `n` creators, cycling through the three samples with distinct handles.
pub fn many(n: usize) -> ReportInput {
    let mut input = sample();
    let base = [lena(), giorgos(), hanako()];
    input.creators = (0..n)
        .map(|i| {
            let mut c = base[i % 3].clone();
            c.handle = format!("{}.{i}", c.handle);
            c
        })
        .collect();
    input
}

/// A creator with every list at its longest and every text far over its limit:
/// the page must still hold one creator.
pub fn worst_case(i: usize) -> CreatorReport {
    let mut c = lena();
    let long = |n: usize| "Wort ".repeat(n / 5);
    c.handle = format!("an.extraordinarily.long.handle.name.for.layout.{i}");
    c.display_name = Some(format!(
        "Maximilian Alexander Konstantin von Musterhausen-Beispielsdorf {i}"
    ));
    c.url = Some(format!(
        "https://www.instagram.com/{}/?utm_source=a_very_long_tracking_parameter_value",
        c.handle
    ));
    c.tags = (0..20).map(|k| format!("tag-number-{k}")).collect();
    c.bio = Some(
        (0..12)
            .map(|k| format!("Line {k} of a bio: {}", long(80)))
            .collect::<Vec<_>>()
            .join("\n"),
    );
    c.note = Some(long(3000));
    c.estimated_cost.as_mut().expect("lena has a cost").basis = Some(long(400));
    for s in [c.authenticity.as_mut(), c.fit.as_mut()]
        .into_iter()
        .flatten()
    {
        s.components = (0..12)
            .map(|k| {
                component(
                    &format!("Component with a long name {k}"),
                    "x.y",
                    Some(50.0),
                    1.0 / 12.0,
                    Verdict::Watch,
                    &long(200),
                )
            })
            .collect();
    }
    c.findings = (0..10)
        .map(|k| {
            finding(
                &format!("check.number_{k}"),
                &format!(
                    "A finding with a rather long title that goes on {}",
                    long(100)
                ),
                Some(0.5),
                Some(Range::new(0.0, 0.1)),
                if k % 2 == 0 {
                    Verdict::Risk
                } else {
                    Verdict::Watch
                },
                0.9,
                (0..8)
                    .map(|e| {
                        Evidence::new(
                            EvidenceKind::Comment,
                            format!("{}{e}", "9".repeat(60)),
                            long(500),
                        )
                    })
                    .collect(),
                &long(1000),
            )
        })
        .collect();
    if let Some(d) = c.disclosure.as_mut() {
        d.rules = (0..6).map(|_| long(200)).collect();
        d.undisclosed = (0..9)
            .map(|k| UndisclosedPost {
                post_id: format!("P{k}"),
                date: at(2026, 9, 1 + k, 12, 0),
                url: None,
                rule: long(200),
                excerpt: Some(long(500)),
            })
            .collect();
    }
    c.er_per_post = (0..60)
        .map(|k| PostEngagement {
            post_id: format!("p{k}"),
            date: at(2026, 6, 1, 0, 0) + Duration::days(k),
            er: Some(0.01 + (k % 7) as f64 * 0.01),
        })
        .collect();
    c.follower_history = (0..40)
        .map(|k| FollowerPoint {
            date: at(2026, 1, 1, 0, 0) + Duration::days(7 * k),
            followers: 40_000 + (k as u64) * 250,
        })
        .collect();
    c
}
