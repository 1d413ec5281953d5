//! Cross-platform identity: which accounts are the same person, how sure, and why.
//!
//! Main items: [`Profile`] (what identity reads of one account: its links, with
//! whether the platform verified them), [`Confidence`], [`Link`] and the pure
//! [`links_for`].
//!
//! Levels (the evidence is kept as sentences a scout can read):
//! - **confirmed**: links in both directions between the two profiles; a Mastodon
//!   profile field with `verified_at` (its instance checked a `rel="me"` backlink)
//!   to a site that is the other account's Bluesky domain handle (the owner of that
//!   domain controls both); the website of a Bluesky domain handle (Bluesky checked
//!   the domain's DNS or `.well-known` record) linking to an account that links back
//!   to the site or to the Bluesky profile;
//! - **likely**: a one-way link from a page the creator controls (a profile link,
//!   a link-in-bio page linked from the profile, or the website of its domain
//!   handle) to the other account;
//! - **possible**: the same or a similar handle or display name only: shown as a
//!   suggestion, never linked automatically (a handle existing elsewhere is not the
//!   same person).

use std::collections::HashMap;

use scout_core::Platform;
use scout_sources::discovery::linkinbio::{LinkInBio, LinkedProfile};
use serde::{Deserialize, Serialize};

/// How sure a link is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Confidence {
    /// Proven by the platforms or by links both ways.
    Confirmed,
    /// One-way link from a page the creator controls.
    Likely,
    /// Same or similar name only.
    Possible,
}

impl Confidence {
    /// `confirmed`, `likely`, `possible`.
    pub fn key(self) -> &'static str {
        match self {
            Confidence::Confirmed => "confirmed",
            Confidence::Likely => "likely",
            Confidence::Possible => "possible",
        }
    }
}

/// One account as identity sees it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Profile {
    /// Platform.
    pub platform: Platform,
    /// Stable id.
    pub id: String,
    /// Handle.
    pub handle: String,
    /// Display name.
    pub display_name: Option<String>,
    /// Profile URL.
    pub url: String,
    /// Links on the profile: URL and, for Mastodon fields, when the instance verified it.
    pub links: Vec<(String, Option<String>)>,
}

/// A link from one account to another.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Link {
    /// The other account's platform (or network key, e.g. `x`, for accounts Scout does not read).
    pub network: String,
    /// Its platform, when Scout reads it.
    pub platform: Option<Platform>,
    /// Its id (the handle for accounts only known by a link).
    pub id: String,
    /// Its handle.
    pub handle: String,
    /// How sure.
    pub confidence: Confidence,
    /// Why, in sentences.
    pub evidence: Vec<String>,
}

/// `example.org/path` of a URL: no scheme, no `www.`, no trailing slash, lower case.
pub fn norm_url(url: &str) -> String {
    let u = url.trim().to_lowercase();
    let u = u
        .trim_start_matches("https://")
        .trim_start_matches("http://")
        .trim_start_matches("www.")
        .trim_start_matches("m.");
    let u = u.split(['?', '#']).next().unwrap_or_default();
    u.trim_end_matches('/').to_string()
}

/// A handle reduced for comparison: lower case, letters and digits only.
pub fn norm_handle(h: &str) -> String {
    let h = h.split('@').find(|s| !s.is_empty()).unwrap_or_default();
    let h = h.split('.').next().unwrap_or_default();
    h.chars()
        .filter(char::is_ascii_alphanumeric)
        .collect::<String>()
        .to_lowercase()
}

fn norm_name(n: &str) -> String {
    n.chars()
        .filter(|c| c.is_alphanumeric())
        .collect::<String>()
        .to_lowercase()
}

/// Whether `url` points at `p`'s profile (by URL, or by platform and handle).
fn points_at(url: &str, p: &Profile) -> bool {
    let n = norm_url(url);
    if n == norm_url(&p.url) {
        return true;
    }
    if let Some(lp) = scout_sources::discovery::linkinbio::profile_of(url) {
        return lp.platform == Some(p.platform)
            && (lp.handle.eq_ignore_ascii_case(&p.handle)
                || lp.handle.eq_ignore_ascii_case(&p.id)
                || lp
                    .handle
                    .trim_start_matches('@')
                    .eq_ignore_ascii_case(p.handle.trim_start_matches('@')));
    }
    false
}

fn is_domain_handle(p: &Profile) -> bool {
    p.platform == Platform::Bluesky
        && scout_sources::discovery::bluesky::is_domain_handle(&p.handle)
}

/// The website of a Bluesky domain handle (`https://<handle>`), which Scout fetches
/// like a link-in-bio page to see whom it links.
pub fn domain_site_url(platform: Platform, handle: &str) -> Option<String> {
    (platform == Platform::Bluesky && scout_sources::discovery::bluesky::is_domain_handle(handle))
        .then(|| format!("https://{}", handle.to_ascii_lowercase()))
}

/// `p`'s domain-handle website (normalised) and what it says, when it was fetched.
fn domain_site<'a>(
    p: &Profile,
    pages: &'a HashMap<String, LinkInBio>,
) -> Option<(String, &'a LinkInBio)> {
    if !is_domain_handle(p) {
        return None;
    }
    let site = norm_url(&p.handle);
    pages.get(&site).map(|page| (site, page))
}

/// Every link from `subject` to the accounts in `others`, plus accounts on
/// other networks its link-in-bio pages name. `pages` are the link-in-bio pages
/// fetched from profile links (page URL → what it says) of every profile.
#[allow(clippy::implicit_hasher)]
pub fn links_for(
    subject: &Profile,
    others: &[Profile],
    pages: &HashMap<String, LinkInBio>,
) -> Vec<Link> {
    let page_of = |url: &str| pages.get(&norm_url(url));
    let mut out: Vec<Link> = Vec::new();
    for other in others {
        if other.platform == subject.platform && other.id.eq_ignore_ascii_case(&subject.id) {
            continue;
        }
        let mut evidence = Vec::new();
        let mut confidence = None;
        let forward = subject.links.iter().find(|(u, _)| points_at(u, other));
        let backward = other.links.iter().find(|(u, _)| points_at(u, subject));
        if let (Some((f, _)), Some((b, _))) = (forward, backward) {
            confidence = Some(Confidence::Confirmed);
            evidence.push(format!("{} links to {} ({f})", subject.url, other.url));
            evidence.push(format!("{} links back to {} ({b})", other.url, subject.url));
        }
        // Mastodon verified field ↔ Bluesky domain handle.
        for (a, b) in [(subject, other), (other, subject)] {
            if a.platform == Platform::Mastodon && is_domain_handle(b) {
                let site = norm_url(&b.handle);
                if let Some((u, Some(at))) = a
                    .links
                    .iter()
                    .find(|(u, v)| v.is_some() && norm_url(u) == site)
                {
                    confidence = Some(Confidence::Confirmed);
                    evidence.push(format!(
                        "{}'s profile field {u} was verified by the instance on {} (the site links back with rel=\"me\"), and {} is the domain handle of {} on Bluesky",
                        a.handle,
                        at.get(..10).unwrap_or(at),
                        b.handle,
                        b.url
                    ));
                }
            }
        }
        // The website of a Bluesky domain handle ↔ the other account.
        if confidence.is_none() {
            for (a, b) in [(subject, other), (other, subject)] {
                let Some((site, page)) = domain_site(a, pages) else {
                    continue;
                };
                let Some(lp) = page.profiles.iter().find(|lp| points_at(&lp.url, b)) else {
                    continue;
                };
                let back = b
                    .links
                    .iter()
                    .find(|(u, _)| norm_url(u) == site || points_at(u, a));
                if let Some((u, _)) = back {
                    confidence = Some(Confidence::Confirmed);
                    evidence.push(format!(
                        "{} is the domain handle of {} on Bluesky (Bluesky checked the domain), its website links to {} ({}), and {} links back ({u})",
                        a.handle, a.url, b.url, lp.url, b.url
                    ));
                } else {
                    confidence = Some(Confidence::Likely);
                    evidence.push(format!(
                        "the website of {}'s domain handle ({site}) links to {} ({}); no link back was found",
                        a.url, b.url, lp.url
                    ));
                }
                break;
            }
        }
        if confidence.is_none() {
            if let Some((u, _)) = forward.or(backward) {
                let (from, to) = if forward.is_some() {
                    (subject, other)
                } else {
                    (other, subject)
                };
                confidence = Some(Confidence::Likely);
                evidence.push(format!(
                    "{} links to {} ({u}); no link back was found",
                    from.url, to.url
                ));
            } else {
                // Through a link-in-bio page of either profile.
                for (a, b) in [(subject, other), (other, subject)] {
                    for (u, _) in &a.links {
                        if let Some(page) = page_of(u)
                            && let Some(lp) = page.profiles.iter().find(|lp| {
                                lp.platform == Some(b.platform)
                                    && (lp.handle.eq_ignore_ascii_case(&b.handle)
                                        || lp.handle.eq_ignore_ascii_case(&b.id))
                            })
                        {
                            confidence = Some(Confidence::Likely);
                            evidence.push(format!(
                                "{} links its {} page {u}, which links {} ({})",
                                a.url,
                                page.service.as_deref().unwrap_or("link-in-bio"),
                                b.url,
                                lp.url
                            ));
                        }
                    }
                    if confidence.is_some() {
                        break;
                    }
                }
            }
        }
        if confidence.is_none() {
            let same_handle = !norm_handle(&subject.handle).is_empty()
                && norm_handle(&subject.handle) == norm_handle(&other.handle);
            let same_name = matches!((&subject.display_name, &other.display_name), (Some(a), Some(b)) if !norm_name(a).is_empty() && norm_name(a) == norm_name(b));
            if same_handle || same_name {
                confidence = Some(Confidence::Possible);
                if same_handle {
                    evidence.push(format!("same handle ({} and {}) but no link between the profiles: possibly someone else", subject.handle, other.handle));
                }
                if same_name {
                    evidence.push(format!("same display name (\"{}\") but no link between the profiles: possibly someone else", other.display_name.as_deref().unwrap_or_default()));
                }
            }
        }
        if let Some(confidence) = confidence {
            out.push(Link {
                network: other.platform.key().to_string(),
                platform: Some(other.platform),
                id: other.id.clone(),
                handle: other.handle.clone(),
                confidence,
                evidence,
            });
        }
    }
    // Accounts named only on the subject's own link-in-bio pages (Instagram, TikTok, X…).
    for (u, _) in &subject.links {
        let Some(page) = page_of(u) else { continue };
        for lp in &page.profiles {
            if out.iter().any(|l| same_account(l, lp))
                || lp.platform == Some(subject.platform)
                    && lp.handle.eq_ignore_ascii_case(&subject.handle)
            {
                continue;
            }
            out.push(Link {
                network: lp.network.clone(),
                platform: lp.platform,
                id: lp.handle.clone(),
                handle: lp.handle.clone(),
                confidence: Confidence::Likely,
                evidence: vec![if domain_site(subject, pages)
                    .is_some_and(|(site, _)| site == norm_url(u))
                {
                    format!(
                        "the website of {}'s domain handle ({u}) links {}",
                        subject.url, lp.url
                    )
                } else {
                    format!(
                        "{} links its {} page {u}, which links {}",
                        subject.url,
                        page.service.as_deref().unwrap_or("link-in-bio"),
                        lp.url
                    )
                }],
            });
        }
    }
    out.sort_by(|a, b| {
        a.confidence
            .cmp(&b.confidence)
            .then(a.network.cmp(&b.network))
            .then(a.handle.cmp(&b.handle))
    });
    out
}

fn same_account(l: &Link, lp: &LinkedProfile) -> bool {
    l.network == lp.network
        && (l.handle.eq_ignore_ascii_case(&lp.handle) || l.id.eq_ignore_ascii_case(&lp.handle))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(
        platform: Platform,
        id: &str,
        handle: &str,
        name: &str,
        url: &str,
        links: &[(&str, Option<&str>)],
    ) -> Profile {
        Profile {
            platform,
            id: id.into(),
            handle: handle.into(),
            display_name: Some(name.into()),
            url: url.into(),
            links: links
                .iter()
                .map(|(u, v)| ((*u).to_string(), v.map(str::to_string)))
                .collect(),
        }
    }

    #[test]
    fn verified_field_and_domain_handle_confirm_impostor_stays_possible() {
        let masto = p(
            Platform::Mastodon,
            "maya@mastodon.social",
            "maya@mastodon.social",
            "Maya Lune 🌿",
            "https://mastodon.social/@maya",
            &[("https://mayalune.fr", Some("2026-03-02T18:11:40.512+00:00"))],
        );
        let bsky = p(
            Platform::Bluesky,
            "did:plc:m",
            "mayalune.fr",
            "Maya Lune",
            "https://bsky.app/profile/mayalune.fr",
            &[("https://mayalune.fr", None)],
        );
        let impostor = p(
            Platform::Bluesky,
            "did:plc:i",
            "mayalune.bsky.social",
            "Maya Lune",
            "https://bsky.app/profile/mayalune.bsky.social",
            &[],
        );
        let links = links_for(&masto, &[bsky.clone(), impostor], &HashMap::new());
        assert_eq!(links.len(), 2);
        assert_eq!(
            (links[0].handle.as_str(), links[0].confidence),
            ("mayalune.fr", Confidence::Confirmed)
        );
        assert!(links[0].evidence[0].contains("verified by the instance on 2026-03-02"));
        assert_eq!(
            (links[1].handle.as_str(), links[1].confidence),
            ("mayalune.bsky.social", Confidence::Possible)
        );
        assert!(
            links[1]
                .evidence
                .iter()
                .all(|e| e.contains("possibly someone else"))
        );
        // Without the verification the same field is one-way only: likely.
        let mut unverified = masto.clone();
        unverified.links[0].1 = None;
        unverified
            .links
            .push(("https://bsky.app/profile/mayalune.fr".into(), None));
        let links = links_for(&unverified, &[bsky], &HashMap::new());
        assert_eq!(links[0].confidence, Confidence::Likely);
        assert!(links[0].evidence[0].contains("no link back"));
    }

    #[test]
    fn a_domain_handles_website_confirms_with_a_link_back_and_is_likely_without() {
        // The site at the domain handle, as parse_page reads any HTML page.
        let site = scout_sources::discovery::linkinbio::parse_page(
            r#"<!doctype html><html><head><title>Maya Lune</title><link rel="canonical" href="https://mayalune.fr/"></head>
            <body><nav><a href="/blog">Blog</a>
            <a rel="me" href="https://www.youtube.com/@MayaLuneSoins">YouTube</a>
            <a rel="me" href="https://www.instagram.com/mayalune.soins/">Instagram</a></nav></body></html>"#,
        );
        let pages = HashMap::from([("mayalune.fr".to_string(), site)]);
        let bsky = p(
            Platform::Bluesky,
            "did:plc:m",
            "mayalune.fr",
            "Maya Lune",
            "https://bsky.app/profile/mayalune.fr",
            &[("https://mayalune.fr", None)],
        );
        let yt_back = p(
            Platform::Youtube,
            "UC1",
            "MayaLuneSoins",
            "Maya",
            "https://www.youtube.com/@MayaLuneSoins",
            &[("https://mayalune.fr/", None)],
        );
        let yt_silent = Profile {
            links: Vec::new(),
            ..yt_back.clone()
        };
        let namesake = p(
            Platform::Youtube,
            "UC9",
            "MayaLune",
            "Maya Lune",
            "https://www.youtube.com/@MayaLune",
            &[],
        );

        let links = links_for(&bsky, &[yt_back.clone(), namesake.clone()], &pages);
        let yt = links.iter().find(|l| l.id == "UC1").unwrap();
        assert_eq!(yt.confidence, Confidence::Confirmed, "{:?}", yt.evidence);
        assert!(
            yt.evidence[0].contains("its website links to https://www.youtube.com/@MayaLuneSoins")
        );
        // The same from the other side.
        let back = links_for(&yt_back, std::slice::from_ref(&bsky), &pages);
        assert_eq!(back[0].confidence, Confidence::Confirmed);
        // No link back from the channel: the site alone is one-way, likely.
        let links = links_for(&bsky, &[yt_silent], &pages);
        let yt = links.iter().find(|l| l.id == "UC1").unwrap();
        assert_eq!(yt.confidence, Confidence::Likely);
        assert!(yt.evidence[0].contains("no link back"));
        // A channel the site does not link stays a name match only.
        let links = links_for(&bsky, &[namesake], &pages);
        let n = links.iter().find(|l| l.id == "UC9").unwrap();
        assert_eq!(n.confidence, Confidence::Possible);
        // The Instagram account the site names is listed from the website.
        let links = links_for(&bsky, &[], &pages);
        let ig = links.iter().find(|l| l.network == "instagram").unwrap();
        assert_eq!(
            (ig.handle.as_str(), ig.confidence),
            ("mayalune.soins", Confidence::Likely)
        );
        assert!(ig.evidence[0].contains("website"), "{:?}", ig.evidence);
        // Without the fetched site nothing is claimed.
        let links = links_for(&bsky, &[yt_back], &HashMap::new());
        assert!(links.iter().all(|l| l.confidence != Confidence::Confirmed));
    }

    #[test]
    fn links_both_ways_confirm() {
        let yt = p(
            Platform::Youtube,
            "UC1",
            "MayaLuneSoins",
            "Maya",
            "https://www.youtube.com/@MayaLuneSoins",
            &[("https://bsky.app/profile/mayalune.fr", None)],
        );
        let bsky = p(
            Platform::Bluesky,
            "did:plc:m",
            "mayalune.fr",
            "Maya",
            "https://bsky.app/profile/mayalune.fr",
            &[("https://youtube.com/@mayalunesoins", None)],
        );
        let links = links_for(&yt, &[bsky], &HashMap::new());
        assert_eq!(links[0].confidence, Confidence::Confirmed);
        assert_eq!(links[0].evidence.len(), 2);
    }

    #[test]
    fn handles_normalise() {
        assert_eq!(norm_handle("Hadil.Honey"), "hadil");
        assert_eq!(norm_handle("maya@mastodon.social"), "maya");
        assert_eq!(
            norm_url("https://www.YouTube.com/@X/?si=1"),
            "youtube.com/@x"
        );
    }
}
