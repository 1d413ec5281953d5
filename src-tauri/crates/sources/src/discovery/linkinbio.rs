//! Link-in-bio pages: the accounts and sites a creator links from one page they control.
//!
//! Main items: [`parse_page`] (HTML of a page, read with `scraper`), [`parse_next_data`]
//! (a Linktree `__NEXT_DATA__` object on its own), [`LinkInBio`] (what a page
//! says), [`service_of`] (which service a URL belongs to) and [`LinkInBioFetcher`].
//!
//! Where each service keeps its links (all from captured pages):
//!
//! | service | links |
//! |---|---|
//! | Linktree (`linktr.ee`) | `<script id="__NEXT_DATA__">` → `props.pageProps.account.links[].url`, `socialLinks[].url` (also plain `<a href>`) |
//! | bio.site | plain `<a href>` |
//! | instabio (`instabio.cc`), linkbio.co | `window.__data = {…}` in a script (`links[].link`, `subs[].link`) |
//! | link.me | plain `<a href>` (and `__NEXT_DATA__`) |
//! | lit.link | plain `<a href>` |
//! | litt.ly | `<script id="data" type="text/plain">` holding base64 JSON (`blocks[]…url`) |
//!
//! Every URL found is classified: a profile on a platform Scout reads
//! ([`scout_core::Platform`], through [`crate::parse_input`]), a profile on
//! another network (X/Twitter, Facebook, Snapchat, Threads…), or another link.

use base64::Engine as _;
use scout_core::{AccountKey, AccountRef, Platform};
use scraper::{Html, Selector};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use url::Url;

use crate::http::{HttpClient, Request};
use crate::{RawResponse, SourceError};

/// The link-in-bio services Scout reads, by host.
pub const SERVICES: [(&str, &str); 8] = [
    ("linktr.ee", "Linktree"),
    ("bio.site", "bio.site"),
    ("instabio.cc", "instabio"),
    ("linkbio.co", "linkbio.co"),
    ("link.me", "link.me"),
    ("lit.link", "lit.link"),
    ("litt.ly", "litt.ly"),
    ("beacons.ai", "Beacons"),
];

/// Other social networks whose profile URLs are recognised (not read by Scout).
const OTHER_NETWORKS: [(&str, &str); 8] = [
    ("twitter.com", "x"),
    ("x.com", "x"),
    ("facebook.com", "facebook"),
    ("snapchat.com", "snapchat"),
    ("threads.net", "threads"),
    ("threads.com", "threads"),
    ("pinterest.com", "pinterest"),
    ("bigo.tv", "bigo"),
];

/// Hosts of page furniture (fonts, CDNs, trackers, payment scripts), never a creator's link.
const FURNITURE: [&str; 17] = [
    "googleusercontent.com",
    "fonts.googleapis.com",
    "fonts.gstatic.com",
    "googletagmanager.com",
    "google-analytics.com",
    "accounts.google.com",
    "polyfill.io",
    "cloudfront.net",
    "linkcdn.cc",
    "unfold-dev.com",
    "ip-api.com",
    "jquery.com",
    "payple.kr",
    "daumcdn.net",
    "kakao.com",
    "linktr.ee",
    "ggpht.com",
];

/// A profile a link-in-bio page links to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LinkedProfile {
    /// A platform Scout reads, if it is one.
    pub platform: Option<Platform>,
    /// Network key: the platform key (`instagram`) or another network (`x`, `facebook`).
    pub network: String,
    /// Handle as linked (without `@`), or the channel id.
    pub handle: String,
    /// The URL as found.
    pub url: String,
}

/// What one link-in-bio page says.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct LinkInBio {
    /// Service name (`Linktree`), if recognised.
    pub service: Option<String>,
    /// The page's own URL (canonical or `og:url`).
    pub page_url: Option<String>,
    /// The page title.
    pub title: Option<String>,
    /// Profiles it links, in page order, without repeats.
    pub profiles: Vec<LinkedProfile>,
    /// Other outbound links (shops, sites, affiliate links).
    pub links: Vec<String>,
}

/// The service of a URL, if it is a link-in-bio page Scout reads.
pub fn service_of(url: &str) -> Option<&'static str> {
    let host = Url::parse(&super::with_scheme(url))
        .ok()?
        .host_str()?
        .to_ascii_lowercase();
    let host = host.trim_start_matches("www.");
    SERVICES
        .iter()
        .find(|(h, _)| host == *h)
        .map(|(_, name)| *name)
}

fn host_matches(host: &str, domain: &str) -> bool {
    host == domain || host.ends_with(&format!(".{domain}"))
}

/// Classify one URL as a profile, or `None` for anything else.
pub fn profile_of(url: &str) -> Option<LinkedProfile> {
    let full = super::with_scheme(url);
    let parsed = Url::parse(&full).ok()?;
    let host = parsed.host_str()?.to_ascii_lowercase();
    if SERVICES.iter().any(|(h, _)| host_matches(&host, h)) {
        return None;
    }
    for (domain, network) in OTHER_NETWORKS {
        if host_matches(&host, domain) {
            let first = parsed.path_segments()?.find(|s| !s.is_empty())?;
            let skip = [
                "add",
                "user",
                "people",
                "pages",
                "profile.php",
                "intent",
                "share",
                "sharer",
                "hashtag",
                "i",
            ];
            let handle = if skip.contains(&first) {
                parsed.path_segments()?.filter(|s| !s.is_empty()).nth(1)?
            } else {
                first
            };
            let handle = handle.trim_start_matches('@');
            if handle.is_empty() {
                return None;
            }
            return Some(LinkedProfile {
                platform: None,
                network: network.into(),
                handle: handle.to_string(),
                url: url.to_string(),
            });
        }
    }
    let account = crate::parse_input(&full).ok()?;
    // A Mastodon guess needs the `/@user` form on a host that is not a known service.
    let handle = match &account.key {
        AccountKey::Handle(h)
        | AccountKey::Id(h)
        | AccountKey::CustomUrl(h)
        | AccountKey::LegacyUser(h) => h.clone(),
        AccountKey::Content(_) => return None,
    };
    let handle = match (&account.platform, &account.instance) {
        (Platform::Mastodon, Some(i)) => format!("{handle}@{i}"),
        _ => handle,
    };
    Some(LinkedProfile {
        platform: Some(account.platform),
        network: account.platform.key().to_string(),
        handle: handle.trim_start_matches('@').to_string(),
        url: url.to_string(),
    })
}

/// The account reference of a linked profile on a platform Scout reads.
pub fn account_ref(p: &LinkedProfile) -> Option<AccountRef> {
    p.platform?;
    crate::parse_input(&super::with_scheme(&p.url)).ok()
}

fn is_furniture(url: &str) -> bool {
    let Ok(parsed) = Url::parse(url) else {
        return true;
    };
    let Some(host) = parsed.host_str() else {
        return true;
    };
    let host = host.to_ascii_lowercase();
    let path = parsed.path().to_ascii_lowercase();
    FURNITURE.iter().any(|f| host_matches(&host, f))
        || host.ends_with(".internal")
        || host.starts_with("cdn.")
        || host.starts_with("static")
        || host.starts_with("media.")
        || host.starts_with("ugc.")
        || host.starts_with("assets.")
        || [
            ".css",
            ".js",
            ".png",
            ".jpg",
            ".jpeg",
            ".webp",
            ".svg",
            ".ico",
            ".woff",
            ".woff2",
            ".ttf",
            ".gif",
            ".webmanifest",
        ]
        .iter()
        .any(|ext| path.ends_with(ext))
}

fn looks_like_link(s: &str) -> bool {
    let t = s.trim();
    (t.starts_with("https://") || t.starts_with("http://") || t.starts_with("www."))
        && !t.contains(' ')
        && t.len() < 2048
}

fn walk_strings(v: &Value, out: &mut Vec<String>) {
    match v {
        Value::String(s) if looks_like_link(s) => out.push(s.trim().to_string()),
        Value::Array(items) => items.iter().for_each(|x| walk_strings(x, out)),
        Value::Object(map) => map.values().for_each(|x| walk_strings(x, out)),
        _ => {}
    }
}

/// The links of a Linktree `__NEXT_DATA__` object (`props.pageProps`).
pub fn next_data_links(data: &Value) -> Vec<String> {
    let mut out = Vec::new();
    let props = data.pointer("/props/pageProps").unwrap_or(data);
    for key in [
        "/account/links",
        "/links",
        "/account/socialLinks",
        "/socialLinks",
    ] {
        if let Some(items) = props.pointer(key).and_then(Value::as_array) {
            for item in items {
                if let Some(url) = item
                    .get("url")
                    .and_then(Value::as_str)
                    .filter(|u| looks_like_link(u))
                {
                    out.push(url.to_string());
                }
            }
        }
    }
    out
}

fn classify(
    service: Option<&str>,
    page_url: Option<String>,
    title: Option<String>,
    urls: Vec<String>,
) -> LinkInBio {
    let mut page = LinkInBio {
        service: service.map(str::to_string),
        page_url,
        title,
        ..LinkInBio::default()
    };
    for raw in urls {
        let url = super::with_scheme(&raw.replace("&amp;", "&"));
        if is_furniture(&url) || service_of(&url).is_some() {
            continue;
        }
        if let Some(p) = profile_of(&url) {
            let dup = page
                .profiles
                .iter()
                .any(|q| q.network == p.network && q.handle.eq_ignore_ascii_case(&p.handle));
            if !dup {
                page.profiles.push(p);
            }
        } else if !page.links.contains(&url) {
            page.links.push(url);
        }
    }
    page
}

/// A Linktree `__NEXT_DATA__` JSON object given on its own (as the corpus keeps one).
pub fn parse_next_data(json: &str) -> Result<LinkInBio, String> {
    let data: Value =
        serde_json::from_str(json).map_err(|e| format!("__NEXT_DATA__ is not JSON ({e})"))?;
    let username = data
        .pointer("/props/pageProps/account/username")
        .or_else(|| data.pointer("/props/pageProps/username"))
        .and_then(Value::as_str);
    let title = data
        .pointer("/props/pageProps/pageTitle")
        .and_then(Value::as_str)
        .map(str::to_string);
    Ok(classify(
        Some("Linktree"),
        username.map(|u| format!("https://linktr.ee/{u}")),
        title,
        next_data_links(&data),
    ))
}

/// Parse a link-in-bio page's HTML.
pub fn parse_page(html: &str) -> LinkInBio {
    let doc = Html::parse_document(html);
    let sel = |s: &str| Selector::parse(s).expect("static selector");
    let meta = |prop: &str| {
        doc.select(&sel(&format!("meta[property=\"{prop}\"]")))
            .find_map(|m| m.value().attr("content").map(str::to_string))
    };
    let canonical = doc
        .select(&sel("link[rel=\"canonical\"]"))
        .find_map(|l| l.value().attr("href").map(str::to_string))
        .or_else(|| meta("og:url"));
    let title = meta("og:title").or_else(|| {
        doc.select(&sel("title"))
            .next()
            .map(|t| t.text().collect::<String>().trim().to_string())
    });
    let service = canonical.as_deref().and_then(service_of);

    let mut urls = Vec::new();
    for script in doc.select(&sel("script")) {
        let text: String = script.text().collect();
        let id = script.value().attr("id").unwrap_or_default();
        if id == "__NEXT_DATA__" {
            if let Ok(data) = serde_json::from_str::<Value>(&text) {
                // Only the creator's own links: the rest of the object is the
                // service's configuration (integrations, partner offers).
                urls.extend(next_data_links(&data));
            }
        } else if id == "data" && script.value().attr("type") == Some("text/plain") {
            if let Ok(bytes) = base64::engine::general_purpose::STANDARD.decode(text.trim())
                && let Ok(data) = serde_json::from_slice::<Value>(&bytes)
            {
                walk_strings(&data, &mut urls);
            }
        } else if let Some(at) = text.find("window.__data") {
            let after = &text[at + "window.__data".len()..];
            if let Some(eq) = after.find('=') {
                let value = after[eq + 1..].trim_start();
                let mut stream = serde_json::Deserializer::from_str(value).into_iter::<Value>();
                if let Some(Ok(data)) = stream.next() {
                    walk_strings(&data, &mut urls);
                }
            }
        }
    }
    for a in doc.select(&sel("a[href]")) {
        if let Some(href) = a.value().attr("href").filter(|h| looks_like_link(h)) {
            urls.push(href.to_string());
        }
    }
    let own_host = canonical
        .as_deref()
        .and_then(|c| Url::parse(c).ok())
        .and_then(|u| u.host_str().map(str::to_ascii_lowercase));
    let urls = urls
        .into_iter()
        .filter(|u| {
            let host = Url::parse(&super::with_scheme(u))
                .ok()
                .and_then(|x| x.host_str().map(str::to_ascii_lowercase));
            host.is_none() || host != own_host
        })
        .collect();
    classify(service, canonical, title, urls)
}

/// Fetches link-in-bio pages.
#[derive(Debug, Clone)]
pub struct LinkInBioFetcher {
    http: HttpClient,
    base_override: Option<Url>,
}

impl LinkInBioFetcher {
    /// Pages fetched from their own hosts, or from `SCOUT_LINKINBIO_BASE_URL`
    /// (the page's host and path appended) when set.
    pub fn new(http: HttpClient) -> Self {
        let base_override = std::env::var("SCOUT_LINKINBIO_BASE_URL")
            .ok()
            .and_then(|v| Url::parse(v.trim().trim_end_matches('/')).ok());
        Self {
            http,
            base_override,
        }
    }

    /// Every page fetched from `base/<host>/<path>` (tests).
    pub fn with_base_url(http: HttpClient, base: Url) -> Self {
        Self {
            http,
            base_override: Some(base),
        }
    }

    /// Fetch and parse the page at `url`, for a profile on `platform`.
    pub async fn fetch(
        &self,
        platform: Platform,
        url: &str,
    ) -> Result<(LinkInBio, RawResponse), SourceError> {
        let target = Url::parse(&super::with_scheme(url)).map_err(|e| SourceError::Network {
            host: url.to_string(),
            message: format!("not a URL ({e})"),
        })?;
        let request_url = match &self.base_override {
            Some(base) => crate::http::endpoint(
                base,
                &format!("{}{}", target.host_str().unwrap_or_default(), target.path()),
            ),
            None => target.clone(),
        };
        let raw = self
            .http
            .send(Request::get(
                platform,
                format!("linkinbio:{target}"),
                request_url,
            ))
            .await?;
        if raw.status != 200 {
            return Err(SourceError::Http {
                platform,
                host: target.host_str().unwrap_or("-").to_string(),
                status: raw.status,
            });
        }
        let mut page = parse_page(&String::from_utf8_lossy(&raw.body));
        if page.page_url.is_none() {
            page.page_url = Some(target.to_string());
        }
        Ok((page, raw))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn profile_urls_are_classified() {
        let p = profile_of("https://www.instagram.com/bellarmrz/?hl=en").unwrap();
        assert_eq!(
            (p.platform, p.handle.as_str()),
            (Some(Platform::Instagram), "bellarmrz")
        );
        let p = profile_of("www.tiktok.com/@1004karin").unwrap();
        assert_eq!(
            (p.platform, p.handle.as_str()),
            (Some(Platform::Tiktok), "1004karin")
        );
        let p = profile_of("https://twitter.com/karinhime1004").unwrap();
        assert_eq!(
            (p.network.as_str(), p.handle.as_str()),
            ("x", "karinhime1004")
        );
        let p = profile_of("https://www.snapchat.com/add/Shawddiecold").unwrap();
        assert_eq!(p.handle, "Shawddiecold");
        assert!(profile_of("https://babeoriginal.com/products/essential-eyelash-serum").is_none());
        assert!(
            profile_of("https://youtu.be/XKKCLQoziCw").is_none(),
            "a video is not a profile"
        );
        assert_eq!(service_of("https://linktr.ee/bellarmrz"), Some("Linktree"));
        assert_eq!(service_of("www.instabio.cc/x"), Some("instabio"));
        assert_eq!(service_of("https://example.org"), None);
    }
}
