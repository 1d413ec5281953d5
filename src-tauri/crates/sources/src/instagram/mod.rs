//! Instagram connector: the public web profile JSON, or Graph API business
//! discovery when the scout has a Graph token.
//!
//! Main type: [`InstagramSource`]. One vet sends:
//!
//! * with `InstagramGraphToken` + `InstagramGraphUserId`:
//!   `GET {graph}/{ig-user-id}?fields=business_discovery.username(NAME){…}`
//!   (role `graph_profile`; the token goes in `access_token`, marked secret).
//!   Business discovery finds only professional (business / creator) accounts;
//!   when it answers "Cannot find User" (code 110 / sub-code 2207013) the web
//!   profile is read instead;
//! * otherwise: `GET {web}/api/v1/users/web_profile_info/?username=NAME` with
//!   `x-ig-app-id: 936619743392459` (role `web_profile`).
//!
//! A post link (`/p/CODE/`, `/reel/CODE/`) is first traced to its owner through
//! the post page `GET {web}/p/CODE/` (role `post_page`); Instagram usually
//! shows that page only after a login, which is a [`SourceError::LoginWall`].
//! A login redirect, a login page instead of JSON, `{"require_login":true}` or
//! "Please wait a few minutes" are [`SourceError::LoginWall`] as well, never an
//! empty profile. Hidden like counts stay unknown (`likes_hidden`), never 0.
//! Base URLs: `SCOUT_INSTAGRAM_BASE_URL` (default `https://www.instagram.com`)
//! and `SCOUT_INSTAGRAM_GRAPH_BASE_URL` (default [`DEFAULT_GRAPH_BASE`]).

mod input;
mod map;
mod wire;

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use scout_core::{AccountKey, AccountRef, Part, Platform, Snapshot};
use url::Url;

use crate::error::CredentialProblem;
use crate::http::{self, HttpClient, Request};
use crate::input::InputError;
use crate::{Credentials, FetchContext, Fetched, RawResponse, SecretName, Source, SourceError};

pub(crate) use input::{parse_prefixed, parse_url};
use wire::{GraphErrorBody, GraphResponse, WebProfileResponse, WebStatus, WebUser};

const PLATFORM: Platform = Platform::Instagram;

/// Default web base URL.
pub const DEFAULT_WEB_BASE: &str = "https://www.instagram.com";
/// Default Graph API base URL (versioned).
pub const DEFAULT_GRAPH_BASE: &str = "https://graph.facebook.com/v19.0";
/// The public web app id Instagram's own web client sends.
pub const WEB_APP_ID: &str = "936619743392459";
/// Media read through business discovery.
pub const GRAPH_MEDIA_LIMIT: usize = 50;

const ROLE_WEB: &str = "web_profile";
const ROLE_GRAPH: &str = "graph_profile";
const ROLE_POST_PAGE: &str = "post_page";

const LOGIN_HINT: &str = "add an Instagram Graph API token and business account id (`scout keys set instagram` or Settings) to read it through the Graph API";

/// Reads Instagram profiles.
#[derive(Debug, Clone)]
pub struct InstagramSource {
    http: HttpClient,
    web_base: Url,
    graph_base: Url,
}

impl InstagramSource {
    /// A source using `SCOUT_INSTAGRAM_BASE_URL` / `SCOUT_INSTAGRAM_GRAPH_BASE_URL`
    /// when set, else the public hosts.
    pub fn new(http: HttpClient) -> Self {
        let web = http::base_url("instagram", DEFAULT_WEB_BASE);
        let graph = http::base_url("instagram_graph", DEFAULT_GRAPH_BASE);
        Self::with_base_urls(http, web, graph)
    }

    /// A source talking to the given web and Graph base URLs (tests).
    pub fn with_base_urls(http: HttpClient, web_base: Url, graph_base: Url) -> Self {
        Self {
            http,
            web_base,
            graph_base,
        }
    }

    /// The owner of a post, from the post page (usually behind a login).
    async fn post_owner(
        &self,
        code: &str,
        raw: &mut Vec<RawResponse>,
    ) -> Result<String, SourceError> {
        let url = with_trailing_slash(http::endpoint(&self.web_base, &format!("p/{code}")));
        let resp = self
            .http
            .send(Request::get(PLATFORM, ROLE_POST_PAGE, url))
            .await?;
        let owner = match resp.status {
            404 => {
                return Err(SourceError::NotFound {
                    platform: PLATFORM,
                    account: format!("post {code}"),
                });
            }
            200..=299 => owner_in_post_page(&String::from_utf8_lossy(&resp.body)),
            _ => None,
        };
        raw.push(resp);
        owner.ok_or_else(|| SourceError::LoginWall {
            platform: PLATFORM,
            hint: "use the profile link instead of a post link (Instagram names a post's author only to logged-in visitors)".into(),
        })
    }
}

/// `url` with a trailing `/` on its path (Instagram's web paths end in one).
fn with_trailing_slash(mut url: Url) -> Url {
    if let Ok(mut segments) = url.path_segments_mut() {
        segments.pop_if_empty().push("");
    }
    url
}

/// The owner's username in a post page's embedded GraphQL `shortcode_media`
/// (`"owner":{"id":"…","username":"…"}`), if the page carries it.
fn owner_in_post_page(html: &str) -> Option<String> {
    let re = regex::Regex::new(
        r#""owner"\s*:\s*\{\s*"id"\s*:\s*"\d+"\s*,\s*"username"\s*:\s*"([A-Za-z0-9._]{1,30})""#,
    )
    .ok()?;
    re.captures(html).map(|c| c[1].to_ascii_lowercase())
}

fn host_of(raw: &RawResponse) -> String {
    Url::parse(&raw.url)
        .ok()
        .and_then(|u| u.host_str().map(str::to_string))
        .unwrap_or_else(|| "-".into())
}

/// Whether a body is an HTML page (a login page served instead of JSON).
fn looks_like_html(body: &[u8]) -> bool {
    let start = body
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .map_or(&[][..], |i| &body[i..]);
    start.first() == Some(&b'<')
}

fn login_wall() -> SourceError {
    SourceError::LoginWall {
        platform: PLATFORM,
        hint: LOGIN_HINT.into(),
    }
}

/// The user in a web profile response, or the typed error it means.
fn read_web(raw: &RawResponse, username: &str) -> Result<WebUser, SourceError> {
    let not_found = || SourceError::NotFound {
        platform: PLATFORM,
        account: username.to_string(),
    };
    if raw.status == 404 {
        return Err(not_found());
    }
    if looks_like_html(&raw.body) {
        // A redirect to /accounts/login/ (followed by the client) or a login form.
        return Err(login_wall());
    }
    let status: WebStatus = serde_json::from_slice(&raw.body).unwrap_or_default();
    let asks_login = status.require_login == Some(true)
        || status
            .message
            .as_deref()
            .is_some_and(|m| m.contains("Please wait a few minutes") || m.contains("login"));
    if asks_login || matches!(raw.status, 401 | 403) || (300..400).contains(&raw.status) {
        return Err(login_wall());
    }
    if !(200..300).contains(&raw.status) {
        return Err(SourceError::Http {
            platform: PLATFORM,
            host: host_of(raw),
            status: raw.status,
        });
    }
    let parsed: WebProfileResponse =
        serde_json::from_slice(&raw.body).map_err(|e| SourceError::LayoutChanged {
            platform: PLATFORM,
            what: format!("web profile: {{data: {{user}}}} ({e})"),
        })?;
    if parsed.status.as_deref().is_some_and(|s| s != "ok") {
        return Err(login_wall());
    }
    let user = parsed.data.and_then(|d| d.user).ok_or_else(not_found)?;
    if user.is_private == Some(true) {
        return Err(SourceError::Private {
            platform: PLATFORM,
            account: user.username,
        });
    }
    Ok(user)
}

/// The typed error of a failed Graph API response.
fn graph_error(raw: &RawResponse, username: &str) -> SourceError {
    let error = serde_json::from_slice::<GraphErrorBody>(&raw.body)
        .ok()
        .map(|b| b.error);
    match error.as_ref().map(|e| (e.code, e.error_subcode)) {
        Some((Some(110), _) | (_, Some(2_207_013))) => SourceError::NotFound {
            platform: PLATFORM,
            account: username.to_string(),
        },
        Some((Some(190), _)) => SourceError::Credentials {
            platform: PLATFORM,
            which: SecretName::InstagramGraphToken.label().into(),
            problem: CredentialProblem::Invalid,
        },
        Some((Some(4 | 17 | 32 | 613 | 80_002), _)) => SourceError::RateLimited {
            platform: PLATFORM,
            host: host_of(raw),
            retry_after: None,
        },
        _ => SourceError::Http {
            platform: PLATFORM,
            host: host_of(raw),
            status: raw.status,
        },
    }
}

/// The discovered account in a Graph response, or the typed error it means.
fn read_graph(raw: &RawResponse, username: &str) -> Result<wire::BusinessDiscovery, SourceError> {
    if !(200..300).contains(&raw.status)
        || serde_json::from_slice::<GraphErrorBody>(&raw.body).is_ok()
    {
        return Err(graph_error(raw, username));
    }
    let parsed: GraphResponse =
        serde_json::from_slice(&raw.body).map_err(|e| SourceError::LayoutChanged {
            platform: PLATFORM,
            what: format!("Graph business discovery: {{business_discovery}} ({e})"),
        })?;
    parsed
        .business_discovery
        .ok_or_else(|| SourceError::LayoutChanged {
            platform: PLATFORM,
            what: "Graph response without business_discovery".into(),
        })
}

/// The username a stored request asked for.
fn requested_username(raw: &RawResponse) -> String {
    let Ok(url) = Url::parse(&raw.url) else {
        return String::new();
    };
    if let Some((_, v)) = url.query_pairs().find(|(k, _)| k == "username") {
        return v.into_owned();
    }
    url.query_pairs()
        .find(|(k, _)| k == "fields")
        .and_then(|(_, v)| {
            let start = v.find("username(")? + "username(".len();
            let end = v[start..].find(')')? + start;
            Some(v[start..end].to_string())
        })
        .unwrap_or_default()
}

fn snapshot_from(raw: &[RawResponse], fetched_at: DateTime<Utc>) -> Result<Snapshot, SourceError> {
    let graph = raw.iter().rev().find(|r| r.role == ROLE_GRAPH);
    let web = raw.iter().rev().find(|r| r.role == ROLE_WEB);
    let mut notes = Vec::new();
    if let Some(g) = graph {
        let username = requested_username(g);
        match read_graph(g, &username) {
            Ok(bd) => return Ok(graph_snapshot(&bd, &username, fetched_at)),
            Err(SourceError::NotFound { .. }) if web.is_some() => notes.push(format!(
                "business discovery did not find '{username}' (not a business or creator account); read the public web profile"
            )),
            Err(e) => return Err(e),
        }
    }
    let Some(web) = web else {
        return Err(SourceError::LayoutChanged {
            platform: PLATFORM,
            what: "the stored responses hold no profile".into(),
        });
    };
    let user = read_web(web, &requested_username(web))?;
    let mut snap = web_snapshot(&user, fetched_at);
    snap.warnings.splice(0..0, notes);
    Ok(snap)
}

fn web_snapshot(user: &WebUser, fetched_at: DateTime<Utc>) -> Snapshot {
    let mut snap = Snapshot::new(PLATFORM, map::web_profile(user), fetched_at);
    let hide_all = user.hide_like_and_view_counts == Some(true);
    let edges = user
        .edge_owner_to_timeline_media
        .as_ref()
        .map(|m| m.edges.as_slice())
        .unwrap_or_default();
    for edge in edges {
        match map::web_post(&edge.node, hide_all) {
            Some(post) => snap.posts.push(post),
            None => snap.warnings.push(format!(
                "post {} has no timestamp and was left out",
                edge.node.shortcode
            )),
        }
    }
    snap.posts.sort_by_key(|p| std::cmp::Reverse(p.created_at));
    if snap.profile.followers.is_none() {
        snap.mark_missing(
            Part::FollowerCount,
            "the web profile did not include the follower count",
        );
    }
    let hidden = snap.posts.iter().filter(|p| p.likes_hidden).count();
    if hide_all {
        snap.mark_missing(
            Part::Likes,
            "the creator hides like and view counts on Instagram",
        );
    } else if hidden > 0 {
        snap.mark_missing(
            Part::Likes,
            format!(
                "the creator hides like counts on {hidden} of {} posts",
                snap.posts.len()
            ),
        );
    }
    if user.edge_owner_to_timeline_media.is_none() {
        snap.mark_missing(Part::Posts, "the web profile did not include recent posts");
    }
    snap.mark_missing(
        Part::Comments,
        "Instagram's public profile gives comment counts but no comment text without a login",
    );
    snap.mark_missing(
        Part::FollowerSample,
        "Instagram shows follower lists only to logged-in users",
    );
    snap
}

fn graph_snapshot(
    bd: &wire::BusinessDiscovery,
    username: &str,
    fetched_at: DateTime<Utc>,
) -> Snapshot {
    let mut snap = Snapshot::new(PLATFORM, map::graph_profile(bd, username), fetched_at);
    for media in bd
        .media
        .as_ref()
        .map(|m| m.data.as_slice())
        .unwrap_or_default()
    {
        match map::graph_post(media) {
            Some(post) => snap.posts.push(post),
            None => snap.warnings.push(format!(
                "media {} has no timestamp and was left out",
                media.id
            )),
        }
    }
    snap.posts.sort_by_key(|p| std::cmp::Reverse(p.created_at));
    let hidden = snap.posts.iter().filter(|p| p.likes_hidden).count();
    if hidden > 0 {
        snap.mark_missing(
            Part::Likes,
            format!(
                "the creator hides like counts on {hidden} of {} posts",
                snap.posts.len()
            ),
        );
    }
    if bd.media.is_none() {
        snap.mark_missing(Part::Posts, "business discovery returned no media");
    }
    snap.mark_missing(Part::Views, "business discovery does not report views");
    snap.mark_missing(
        Part::Comments,
        "business discovery gives comment counts but no comment text",
    );
    snap.mark_missing(
        Part::FollowerSample,
        "the Graph API gives no follower list for other accounts",
    );
    snap
}

/// Token and business account id, when both are set.
fn graph_credentials(credentials: &dyn Credentials) -> Option<(String, String)> {
    let token = credentials
        .get(SecretName::InstagramGraphToken)
        .filter(|v| !v.trim().is_empty())?;
    let user_id = credentials
        .get(SecretName::InstagramGraphUserId)
        .filter(|v| !v.trim().is_empty())?;
    Some((token.trim().to_string(), user_id.trim().to_string()))
}

#[async_trait]
impl Source for InstagramSource {
    fn platform(&self) -> Platform {
        PLATFORM
    }

    async fn fetch(
        &self,
        account: &AccountRef,
        ctx: &FetchContext<'_>,
    ) -> Result<Fetched, SourceError> {
        let mut raw = Vec::new();
        let username = match &account.key {
            AccountKey::Handle(name) => name.trim_start_matches('@').to_ascii_lowercase(),
            AccountKey::Content(code) => {
                (ctx.progress)("Instagram: finding the post's author");
                self.post_owner(code, &mut raw).await?
            }
            _ => {
                return Err(SourceError::Input(InputError::new(
                    account.display(),
                    "an Instagram username or profile link",
                )));
            }
        };

        if let Some((token, user_id)) = graph_credentials(ctx.credentials) {
            (ctx.progress)("Instagram: business discovery (Graph API)");
            let fields = format!(
                "business_discovery.username({username}){{followers_count,follows_count,media_count,name,username,\
                 biography,website,profile_picture_url,media.limit({limit}){{caption,like_count,comments_count,\
                 timestamp,permalink,media_type,media_product_type}}}}",
                limit = ctx.limits.posts.clamp(1, GRAPH_MEDIA_LIMIT)
            );
            let mut url = http::endpoint(&self.graph_base, &user_id);
            url.query_pairs_mut()
                .append_pair("fields", &fields)
                .append_pair("access_token", &token);
            let resp = self
                .http
                .send(Request::get(PLATFORM, ROLE_GRAPH, url).secret_param("access_token"))
                .await?;
            match read_graph(&resp, &username) {
                Ok(_) => {
                    raw.push(resp);
                    let snapshot = snapshot_from(&raw, Utc::now())?;
                    return Ok(Fetched { snapshot, raw });
                }
                Err(SourceError::NotFound { .. }) => raw.push(resp),
                Err(e) => return Err(e),
            }
        }

        (ctx.progress)("Instagram: reading the public profile");
        let mut url = with_trailing_slash(http::endpoint(
            &self.web_base,
            "api/v1/users/web_profile_info",
        ));
        url.query_pairs_mut().append_pair("username", &username);
        let req = Request::get(PLATFORM, ROLE_WEB, url)
            .header("x-ig-app-id", WEB_APP_ID)
            .header("Accept", "application/json");
        let resp = self.http.send(req).await?;
        read_web(&resp, &username)?;
        raw.push(resp);
        let snapshot = snapshot_from(&raw, Utc::now())?;
        Ok(Fetched { snapshot, raw })
    }

    fn reparse(
        &self,
        raw: &[RawResponse],
        fetched_at: DateTime<Utc>,
    ) -> Result<Snapshot, SourceError> {
        snapshot_from(raw, fetched_at)
    }

    fn capabilities(&self, credentials: &dyn Credentials) -> String {
        let keyless = "without a key: the public web profile (followers, following, bio, links) and the 12 latest posts \
                       with likes (unless hidden), comment counts and video views, while Instagram serves it without a login";
        if graph_credentials(credentials).is_some() {
            format!(
                "Instagram with a Graph API token: business discovery for business and creator accounts (followers, \
                 the last {GRAPH_MEDIA_LIMIT} posts with likes and comment counts), falling back to the public web \
                 profile for personal accounts; {keyless}."
            )
        } else {
            format!(
                "Instagram {keyless}; a Graph API token and business account id add business discovery \
                 (the last {GRAPH_MEDIA_LIMIT} posts of business and creator accounts, without the login wall)."
            )
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn raw(status: u16, body: &str) -> RawResponse {
        RawResponse {
            role: ROLE_WEB.into(),
            url: "https://www.instagram.com/api/v1/users/web_profile_info/?username=someone".into(),
            status,
            content_type: None,
            fetched_at: Utc::now(),
            body: body.as_bytes().to_vec(),
        }
    }

    #[test]
    fn login_walls() {
        for (status, body) in [
            (
                200,
                "<!DOCTYPE html><html><body><form id=\"loginForm\"></form></body></html>",
            ),
            (
                401,
                r#"{"message":"Please wait a few minutes before you try again.","require_login":true,"status":"fail"}"#,
            ),
            (
                200,
                r#"{"message":"Please wait a few minutes before you try again.","status":"fail"}"#,
            ),
            (302, ""),
        ] {
            let err = read_web(&raw(status, body), "someone").unwrap_err();
            assert_eq!(err.code(), "login_wall", "{status} {body}");
        }
    }

    #[test]
    fn unknown_and_private_users() {
        assert_eq!(
            read_web(&raw(404, ""), "someone").unwrap_err().code(),
            "not_found"
        );
        assert_eq!(
            read_web(
                &raw(200, r#"{"data":{"user":null},"status":"ok"}"#),
                "someone"
            )
            .unwrap_err()
            .code(),
            "not_found"
        );
        let private =
            r#"{"data":{"user":{"id":"1","username":"someone","is_private":true}},"status":"ok"}"#;
        assert_eq!(
            read_web(&raw(200, private), "someone").unwrap_err().code(),
            "private"
        );
        assert_eq!(
            read_web(&raw(200, r#"{"data":{"user":{"id":"1""#), "someone")
                .unwrap_err()
                .code(),
            "layout_changed"
        );
    }

    #[test]
    fn owner_from_post_page() {
        let page = r#"<script>{"shortcode_media":{"id":"31","shortcode":"CpvsbyVM5NO","owner":{"id":"3955093777","username":"The_Holy_Crusader"}}}</script>"#;
        assert_eq!(
            owner_in_post_page(page).as_deref(),
            Some("the_holy_crusader")
        );
        assert_eq!(owner_in_post_page("<html>Log in</html>"), None);
    }

    #[test]
    fn username_from_graph_fields() {
        let mut r = raw(200, "{}");
        r.url = "https://graph.facebook.com/v19.0/17841/?fields=business_discovery.username%28bluebottle%29%7Bname%7D&access_token=REDACTED".into();
        assert_eq!(requested_username(&r), "bluebottle");
    }
}
