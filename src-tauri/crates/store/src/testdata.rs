//! Hand-written test data: a snapshot that sets every field, raw responses, findings.

use chrono::{DateTime, Utc};
use scout_core::{
    Comment, Evidence, EvidenceKind, Finding, MissingPart, Part, Platform, Post, PostKind, Profile,
    Range, SampledAccount, Snapshot, Verdict,
};

use crate::RawResponseRecord;

/// Parse an RFC 3339 time (test input only).
pub(crate) fn at(s: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(s)
        .expect("test timestamp")
        .with_timezone(&Utc)
}

fn follower(id: &str, handle: &str, followers: Option<u64>) -> SampledAccount {
    SampledAccount {
        id: id.into(),
        handle: handle.into(),
        display_name: None,
        bio: None,
        has_avatar: Some(false),
        followers,
        following: Some(4_990),
        posts_count: Some(0),
        created_at: Some(at("2025-02-27T03:14:15.926535897Z")),
        is_private: None,
    }
}

/// A Bluesky snapshot in which every optional field of every type is used at
/// least once set and once unset, with sub-second times and non-ASCII text.
pub(crate) fn rich_snapshot() -> Snapshot {
    let profile = Profile {
        id: "did:plc:alice".into(),
        handle: "alice.bsky.social".into(),
        display_name: Some("Alice 🌿 Gärtner".into()),
        bio: Some("Urban gardening, zero waste.\nCollabs: alice@example.com".into()),
        avatar_url: Some("https://cdn.bsky.app/img/avatar/plain/did:plc:alice/bafk@jpeg".into()),
        url: "https://bsky.app/profile/alice.bsky.social".into(),
        followers: Some(12_480),
        following: Some(311),
        posts_count: Some(2_045),
        total_likes: None,
        total_views: None,
        created_at: Some(at("2023-05-02T18:21:09.104Z")),
        verified: Some(false),
        is_private: None,
        links: vec!["https://alice.garden".into()],
        country: None,
        labels: vec!["!no-unauthenticated".into()],
    };
    let mut snap = Snapshot::new(Platform::Bluesky, profile, at("2025-03-01T12:00:00Z"));
    snap.posts = vec![
        Post {
            id: "at://did:plc:alice/app.bsky.feed.post/3kq1".into(),
            url: Some("https://bsky.app/profile/alice.bsky.social/post/3kq1".into()),
            kind: PostKind::Original,
            created_at: at("2025-02-28T08:30:00.123456789Z"),
            text: "Balcony tomatoes, week 6 🍅 #ad with @seedco".into(),
            title: None,
            likes: Some(342),
            likes_hidden: false,
            replies: Some(17),
            reposts: Some(9),
            quotes: Some(2),
            views: None,
            sponsored_label: Some(true),
            languages: vec!["en".into(), "de".into()],
            duration_secs: None,
            reposted_from: None,
        },
        Post {
            id: "at://did:plc:alice/app.bsky.feed.post/3kp9".into(),
            url: None,
            kind: PostKind::Original,
            created_at: at("2025-02-20T19:05:00Z"),
            text: String::new(),
            title: Some("Compost 101".into()),
            likes: None,
            likes_hidden: true,
            replies: Some(0),
            reposts: None,
            quotes: None,
            views: Some(u64::try_from(i64::MAX).unwrap()),
            sponsored_label: None,
            languages: Vec::new(),
            duration_secs: Some(754),
            reposted_from: None,
        },
    ];
    snap.other_posts = vec![Post {
        id: "at://did:plc:bob/app.bsky.feed.post/3kz0".into(),
        url: Some("https://bsky.app/profile/bob.example/post/3kz0".into()),
        kind: PostKind::Repost,
        created_at: at("2025-02-25T10:00:00Z"),
        text: "Seed swap on Saturday".into(),
        likes: Some(88),
        reposted_from: Some("bob.example".into()),
        ..Post::default()
    }];
    snap.comments = vec![
        Comment {
            id: "at://did:plc:carol/app.bsky.feed.post/c1".into(),
            post_id: "at://did:plc:alice/app.bsky.feed.post/3kq1".into(),
            author_id: "did:plc:carol".into(),
            author_handle: "carol.bsky.social".into(),
            text: "Which variety is that? Mine split every year".into(),
            created_at: Some(at("2025-02-28T09:01:02.5Z")),
            likes: Some(3),
            author: Some(SampledAccount {
                display_name: Some("Carol".into()),
                bio: Some("allotment #42".into()),
                has_avatar: Some(true),
                ..follower("did:plc:carol", "carol.bsky.social", Some(150))
            }),
        },
        Comment {
            id: "at://did:plc:bot1/app.bsky.feed.post/c2".into(),
            post_id: "at://did:plc:alice/app.bsky.feed.post/3kq1".into(),
            author_id: "did:plc:bot1".into(),
            author_handle: "promo4u.bsky.social".into(),
            text: "Nice post!! 🔥🔥".into(),
            created_at: None,
            likes: None,
            author: None,
        },
    ];
    snap.follower_sample = Some(vec![
        follower("did:plc:f1", "f1.bsky.social", Some(2)),
        SampledAccount {
            is_private: Some(true),
            ..follower("did:plc:f2", "f2.bsky.social", None)
        },
    ]);
    snap.engager_sample = Some(vec![SampledAccount {
        id: "did:plc:e1".into(),
        handle: "e1.bsky.social".into(),
        ..SampledAccount::default()
    }]);
    snap.missing = vec![MissingPart {
        part: Part::Views,
        reason: "Bluesky shows no view counts".into(),
    }];
    snap.warnings =
        vec!["post 3kx: unknown embed type app.bsky.embed.video#view, text kept".into()];
    snap
}

/// Two raw responses: a JSON profile and a 4 KiB repetitive feed page.
pub(crate) fn raw_responses() -> Vec<RawResponseRecord> {
    let feed: Vec<u8> = b"{\"feed\":["
        .iter()
        .copied()
        .chain(std::iter::repeat_n(b'x', 4087))
        .collect();
    vec![
        RawResponseRecord {
            role: "profile".into(),
            url:
                "https://public.api.bsky.app/xrpc/app.bsky.actor.getProfile?actor=alice.bsky.social"
                    .into(),
            status: 200,
            content_type: Some("application/json; charset=utf-8".into()),
            fetched_at: at("2025-03-01T11:59:58.250Z"),
            body: br#"{"did":"did:plc:alice","handle":"alice.bsky.social"}"#.to_vec(),
        },
        RawResponseRecord {
            role: "feed".into(),
            url: "https://public.api.bsky.app/xrpc/app.bsky.feed.getAuthorFeed?actor=did:plc:alice"
                .into(),
            status: 200,
            content_type: None,
            fetched_at: at("2025-03-01T11:59:59Z"),
            body: feed,
        },
    ]
}

/// A finding with every field set.
pub(crate) fn finding(check: &str, method: &str, verdict: Verdict, value: f64) -> Finding {
    Finding {
        check: check.into(),
        title: format!("{check} title"),
        value: Some(value),
        expected: Some(Range {
            low: Some(0.01),
            high: None,
        }),
        verdict,
        confidence: 0.75,
        evidence: vec![Evidence::new(
            EvidenceKind::Post,
            "3kq1",
            "342 likes on 12 480 followers",
        )],
        explanation: format!("{check} explained."),
        method_version: method.into(),
    }
}
