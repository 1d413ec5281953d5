//! After the campaign: which of a creator's posts are the campaign's deliverables, and what
//! they delivered against the plan.
//!
//! A post is a deliverable when it was published inside the campaign window and names the
//! brand (name, handle or hashtag, case-insensitive on word boundaries, with the brand-fit
//! competitor matcher), or when the user linked it (by post id or URL, at any date). A
//! sponsorship signal (the disclosure rules' matcher) alone is not enough when the campaign
//! names its brand: another brand's paid post in the window is not a deliverable; only a
//! campaign that names no brand term counts every sponsored post in the window. Per deliverable: views as the reach proxy (when the platform
//! shows them), engagements under the platform's interaction formula
//! ([`crate::metrics::interactions`]), authentic engagements (× (1 − suspicious share), with
//! the share's range) and disclosure compliance under the brief's jurisdictions. Per creator:
//! realised cost per authentic engagement against the planned one.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::estimate::{CostPer, Span};
use crate::brand::brief::{Brief, Competitor, Jurisdiction};
use crate::brand::competitors;
use crate::brand::disclosure::DisclosureRules;
use crate::brand::score::CompetitorParams;
use crate::metrics::interactions;
use crate::{PostKind, Snapshot};

/// What identifies a campaign's posts.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CampaignSpec {
    /// First moment of the campaign.
    pub starts_at: DateTime<Utc>,
    /// Last moment of the campaign.
    pub ends_at: DateTime<Utc>,
    /// The brand's names (matched on word boundaries).
    pub names: Vec<String>,
    /// The brand's handles, without `@`.
    pub handles: Vec<String>,
    /// Campaign hashtags, without `#`.
    pub hashtags: Vec<String>,
    /// Posts the user linked (post ids or URLs).
    pub linked: Vec<String>,
    /// Jurisdictions whose disclosure rules apply.
    pub jurisdictions: Vec<Jurisdiction>,
}

/// One deliverable and what it delivered.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Deliverable {
    /// Post id.
    pub post_id: String,
    /// Post URL.
    pub url: Option<String>,
    /// Publication time.
    pub date: DateTime<Utc>,
    /// The post's opening words.
    pub excerpt: String,
    /// Why it counts (`linked`, `mentions @acme`, `sponsored: #ad`).
    pub found_by: Vec<String>,
    /// Views (the reach proxy), when the platform shows them.
    pub views: Option<u64>,
    /// Engagements under the platform's formula; `None` when a required count is unknown.
    pub engagements: Option<u64>,
    /// Engagements × (1 − suspicious share), with its range.
    pub authentic_engagements: Option<Span>,
    /// Sponsored and disclosed as every chosen jurisdiction its audience falls under
    /// requires ([`DisclosureRules::audience_of`]).
    pub disclosed: bool,
    /// The rules it breaks, in words (empty when disclosed).
    pub breaches: Vec<String>,
}

/// A creator's delivered results.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CreatorResults {
    /// The deliverables found, oldest first.
    pub deliverables: Vec<Deliverable>,
    /// Sum of views over deliverables with views.
    pub views: u64,
    /// Sum of engagements over deliverables with known counts.
    pub engagements: u64,
    /// Sum of authentic engagements.
    pub authentic_engagements: Span,
    /// Realised cost per authentic engagement (cost / authentic engagements).
    pub realised_cpe: Option<CostPer>,
    /// Deliverables disclosed properly / deliverables.
    pub disclosed_share: Option<f64>,
}

fn excerpt(text: &str) -> String {
    let t: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if t.chars().count() > 140 {
        format!("{}…", t.chars().take(139).collect::<String>())
    } else {
        t
    }
}

/// Find one creator's deliverables in a snapshot and total them. `share` is the suspicious
/// share used for the plan (low, point, high); `cost` what the creator was paid.
pub fn creator_results(
    snapshot: &Snapshot,
    spec: &CampaignSpec,
    rules: &DisclosureRules,
    share: Span,
    cost: f64,
) -> CreatorResults {
    let mut brief = Brief::new("campaign");
    for n in spec
        .names
        .iter()
        .map(|n| n.trim())
        .filter(|n| !n.is_empty())
    {
        let mut c = Competitor::named(n);
        // The name also as a hashtag and a handle (`#Glow`, `@glow`), case-insensitive.
        let joined: String = n.split_whitespace().collect();
        c.hashtags.push(joined.clone());
        c.handles.push(joined.to_lowercase());
        brief.competitors.push(c);
    }
    let nonblank = |v: &[String]| {
        v.iter()
            .any(|x| !x.trim().trim_start_matches(['@', '#']).is_empty())
    };
    if nonblank(&spec.handles) || nonblank(&spec.hashtags) {
        brief.competitors.push(Competitor {
            name: spec
                .names
                .first()
                .cloned()
                .unwrap_or_else(|| "brand".into()),
            aliases: Vec::new(),
            handles: spec
                .handles
                .iter()
                .map(|h| h.trim().trim_start_matches('@').to_string())
                .collect(),
            hashtags: spec
                .hashtags
                .iter()
                .map(|h| h.trim().trim_start_matches('#').to_string())
                .collect(),
            match_name: false,
        });
    }
    let params = CompetitorParams {
        conflict_window_days: 0,
        conflict_penalty: 0.0,
        old_sponsored_penalty: 0.0,
        organic_penalty: 0.0,
        max_organic_penalty: 0.0,
    };
    let originals: Vec<&crate::Post> = snapshot
        .posts
        .iter()
        .filter(|p| p.kind == PostKind::Original)
        .collect();
    let in_window =
        |p: &crate::Post| spec.starts_at <= p.created_at && p.created_at <= spec.ends_at;
    let mentions = competitors::mentions(
        originals
            .iter()
            .filter(|p| in_window(p))
            .map(|p| (*p, false)),
        &brief,
        spec.ends_at,
        &params,
    );
    let names_brand = !brief.competitors.is_empty();
    let mut out = Vec::new();
    for post in originals {
        let linked = spec.linked.iter().any(|l| {
            let l = l.trim();
            l == post.id
                || post
                    .url
                    .as_deref()
                    .is_some_and(|u| u.trim_end_matches('/') == l.trim_end_matches('/'))
        });
        let signals = rules.signals(post, crate::brand::post_language(post).as_deref());
        let mut found_by = Vec::new();
        if linked {
            found_by.push("linked".to_string());
        }
        if in_window(post) {
            for m in mentions.iter().filter(|m| m.post_id == post.id) {
                found_by.push(format!("mentions {}", m.matched));
            }
            // A sponsored post counts only when it names the brand, if the campaign names
            // one: another brand's paid post in the window is not this campaign's.
            let mentioned = !found_by.iter().all(|f| f == "linked");
            if signals.is_sponsored() && (mentioned || !names_brand) {
                let s: Vec<String> = signals.signals().iter().map(|s| s.text.clone()).collect();
                found_by.push(format!("sponsored: {}", s.join(", ")));
            }
        }
        if found_by.is_empty() {
            continue;
        }
        let breaches = rules.judge_post(&signals, &spec.jurisdictions).breaches;
        let disclosed = signals.is_sponsored() && breaches.is_empty();
        let mut breaches: Vec<String> = breaches.into_iter().map(|b| b.message).collect();
        if !signals.is_sponsored() {
            breaches.insert(0, "no disclosure at all: the post carries no label, paid-partnership tag, code or affiliate link".into());
        }
        let engagements = interactions(post, snapshot.platform).ok();
        out.push(Deliverable {
            post_id: post.id.clone(),
            url: post.url.clone(),
            date: post.created_at,
            excerpt: excerpt(&post.text),
            found_by,
            views: post.views,
            engagements,
            authentic_engagements: engagements.map(|e| {
                let e = e as f64;
                Span {
                    low: e * (1.0 - share.high),
                    point: e * (1.0 - share.point),
                    high: e * (1.0 - share.low),
                }
            }),
            disclosed,
            breaches,
        });
    }
    out.sort_by_key(|d| d.date);
    let authentic = out
        .iter()
        .filter_map(|d| d.authentic_engagements)
        .fold(Span::exact(0.0), Span::plus);
    CreatorResults {
        views: out.iter().filter_map(|d| d.views).sum(),
        engagements: out.iter().filter_map(|d| d.engagements).sum(),
        realised_cpe: CostPer::of(cost, authentic, 1.0),
        disclosed_share: (!out.is_empty())
            .then(|| out.iter().filter(|d| d.disclosed).count() as f64 / out.len() as f64),
        authentic_engagements: authentic,
        deliverables: out,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Platform;
    use crate::metrics::testkit::{at, post, snapshot};

    #[test]
    fn deliverables_are_found_by_mention_disclosure_or_link_and_totalled() {
        let mut s = snapshot(Platform::Bluesky, Some(10_000));
        let mut p1 = post("p1", at(10, 0), Some(90), Some(5), Some(5));
        p1.text = "#ad Loving my new @acme.shop trainers, code RUN10".into();
        let mut p2 = post("p2", at(12, 0), Some(40), Some(5), Some(5));
        p2.text = "Morning run with Acme shoes".into();
        let mut p3 = post("p3", at(12, 0), Some(400), Some(50), Some(50));
        p3.text = "Unrelated holiday photo".into();
        let mut p4 = post("p4", at(2, 0), Some(10), Some(0), Some(0));
        p4.text = "Old Acme post before the campaign".into();
        let mut p5 = post("p5", at(3, 0), Some(10), None, Some(0));
        p5.text = "linked by the user".into();
        p5.url = Some("https://bsky.app/profile/creator/post/p5".into());
        s.posts = vec![p1, p2, p3, p4, p5];
        let spec = CampaignSpec {
            starts_at: at(9, 0),
            ends_at: at(20, 0),
            names: vec!["Acme".into()],
            handles: vec!["acme.shop".into()],
            hashtags: vec![],
            linked: vec!["https://bsky.app/profile/creator/post/p5/".into()],
            jurisdictions: vec![],
        };
        let rules = DisclosureRules::shipped().unwrap();
        let share = Span {
            low: 0.1,
            point: 0.2,
            high: 0.3,
        };
        let r = creator_results(&s, &spec, &rules, share, 300.0);
        let ids: Vec<&str> = r.deliverables.iter().map(|d| d.post_id.as_str()).collect();
        assert_eq!(ids, ["p5", "p1", "p2"]);
        let p1 = &r.deliverables[1];
        assert!(p1.disclosed, "{p1:?}");
        assert!(
            p1.found_by.iter().any(|f| f.contains("acme")),
            "{:?}",
            p1.found_by
        );
        let p2 = &r.deliverables[2];
        assert!(!p2.disclosed && p2.breaches[0].contains("no disclosure"));
        // p5 has an unknown reply count: no engagements, not counted as zero.
        assert_eq!(r.deliverables[0].engagements, None);
        // p1 100 + p2 50 = 150 engagements; authentic 150 × 0.8 = 120 (105–135).
        assert_eq!(r.engagements, 150);
        assert!((r.authentic_engagements.point - 120.0).abs() < 1e-9);
        assert!((r.authentic_engagements.low - 105.0).abs() < 1e-9);
        let cpe = r.realised_cpe.unwrap();
        assert!((cpe.point - 2.5).abs() < 1e-9);
        assert!((r.disclosed_share.unwrap() - 1.0 / 3.0).abs() < 1e-9);
    }

    #[test]
    fn a_sponsored_post_for_another_brand_is_not_a_deliverable() {
        let mut s = snapshot(Platform::Bluesky, Some(10_000));
        let texts = [
            (
                "other",
                "#ad | Made in partnership with @northpeak. Code NORTHPEAK12 gives 15% off.",
            ),
            (
                "glowing",
                "#ad Glowing skin all week thanks to @lumina, code LUMINA10 #glowup",
            ),
            ("name", "#ad My GLOW serum routine, code SPRING10"),
            ("tag", "Evening routine #Glow"),
            ("handle", "Unboxing from @glow today"),
            ("organic", "A walk by the sea"),
        ];
        s.posts = texts
            .iter()
            .map(|(id, text)| {
                let mut p = post(id, at(12, 0), Some(10), Some(1), Some(1));
                p.text = (*text).into();
                p
            })
            .collect();
        let mut spec = CampaignSpec {
            starts_at: at(9, 0),
            ends_at: at(20, 0),
            names: vec!["Glow".into()],
            handles: vec![],
            hashtags: vec![],
            linked: vec![],
            jurisdictions: vec![],
        };
        let rules = DisclosureRules::shipped().unwrap();
        let ids = |spec: &CampaignSpec| -> Vec<String> {
            let mut v: Vec<String> = creator_results(&s, spec, &rules, Span::exact(0.0), 100.0)
                .deliverables
                .into_iter()
                .map(|d| d.post_id)
                .collect();
            v.sort();
            v
        };
        // Word-bounded and case-insensitive, in the text, a hashtag or a mention; other
        // brands' paid posts and `Glowing` / `#glowup` are not the campaign's.
        assert_eq!(ids(&spec), ["handle", "name", "tag"]);
        // The name given only as a handle or hashtag works the same.
        spec.names.clear();
        spec.hashtags = vec!["glow".into()];
        assert_eq!(ids(&spec), ["tag"]);
        // With no brand term at all, every sponsored post in the window counts.
        spec.hashtags.clear();
        assert_eq!(ids(&spec), ["glowing", "name", "other"]);
    }
}
