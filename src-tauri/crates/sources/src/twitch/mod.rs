//! Twitch connector (Helix API; needs a client id and secret, no keyless path).
//!
//! Main type: [`TwitchSource`]. One vet sends:
//!
//! 1. `POST {auth}/oauth2/token` (form `client_id`, `client_secret`,
//!    `grant_type=client_credentials`; role `token`) unless a cached app token
//!    is still valid. The token is kept in memory with its expiry, refreshed
//!    once when Helix answers 401, and never stored: the form body is not
//!    recorded and the stored response has its `access_token` replaced by
//!    `REDACTED`;
//! 2. `GET {api}/helix/users?login=NAME` (role `user`);
//! 3. `GET {api}/helix/channels/followers?broadcaster_id=ID&first=1` (role
//!    `followers`) for the follower total;
//! 4. `GET {api}/helix/videos?user_id=ID&first=50` (role `videos`) for views.
//!
//! A video link (`twitch.tv/videos/ID`) first asks `GET /helix/videos?id=ID`
//! (role `video_owner`) for its owner. Twitch exposes no likes, comments or (to
//! an app token) follower list; those parts are marked missing. Channel info
//! (`/helix/channels`) and the retired `/helix/users/follows` are not requested
//! (see [`channels`]). Base URLs:
//! `SCOUT_TWITCH_BASE_URL` (default `https://api.twitch.tv`) and
//! `SCOUT_TWITCH_AUTH_BASE_URL` (default `https://id.twitch.tv`).

pub mod channels;
mod input;
mod map;
mod wire;

use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, Instant};

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use scout_core::{AccountKey, AccountRef, Part, Platform, Snapshot};
use serde::de::DeserializeOwned;
use url::Url;

use crate::error::CredentialProblem;
use crate::http::{self, HttpClient, REDACTED, Request};
use crate::{Credentials, FetchContext, Fetched, RawResponse, SecretName, Source, SourceError};

pub(crate) use input::{parse_prefixed, parse_url};
pub use map::duration_secs;
use wire::{FollowersResponse, HelixError, TokenResponse, UsersResponse, VideosResponse};

const PLATFORM: Platform = Platform::Twitch;

/// Default Helix base URL.
pub const DEFAULT_API_BASE: &str = "https://api.twitch.tv";
/// Default OAuth base URL.
pub const DEFAULT_AUTH_BASE: &str = "https://id.twitch.tv";

const ROLE_TOKEN: &str = "token";
const ROLE_USER: &str = "user";
const ROLE_FOLLOWERS: &str = "followers";
const ROLE_VIDEOS: &str = "videos";
const ROLE_VIDEO_OWNER: &str = "video_owner";

/// A token is refreshed this long before Twitch says it expires.
const TOKEN_MARGIN: Duration = Duration::from_secs(60);

/// An app access token held in memory only.
struct CachedToken {
    client_id: String,
    token: String,
    expires_at: Instant,
}

/// The client id and secret of one vet.
struct AppCredentials {
    client_id: String,
    client_secret: String,
}

/// Reads Twitch channels through Helix with an app access token.
#[derive(Clone)]
pub struct TwitchSource {
    http: HttpClient,
    api_base: Url,
    auth_base: Url,
    token: Arc<Mutex<Option<CachedToken>>>,
}

impl std::fmt::Debug for TwitchSource {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TwitchSource")
            .field("api_base", &self.api_base.as_str())
            .field("auth_base", &self.auth_base.as_str())
            .finish_non_exhaustive()
    }
}

impl TwitchSource {
    /// A source using `SCOUT_TWITCH_BASE_URL` / `SCOUT_TWITCH_AUTH_BASE_URL`
    /// when set, else the public Twitch hosts.
    pub fn new(http: HttpClient) -> Self {
        let api = http::base_url("twitch", DEFAULT_API_BASE);
        let auth = http::base_url("twitch_auth", DEFAULT_AUTH_BASE);
        Self::with_base_urls(http, api, auth)
    }

    /// A source talking to the given Helix and OAuth base URLs (tests).
    pub fn with_base_urls(http: HttpClient, api_base: Url, auth_base: Url) -> Self {
        Self {
            http,
            api_base,
            auth_base,
            token: Arc::new(Mutex::new(None)),
        }
    }

    fn cached_token(&self, client_id: &str) -> Option<String> {
        let guard = self.token.lock().unwrap_or_else(PoisonError::into_inner);
        guard
            .as_ref()
            .filter(|t| t.client_id == client_id && t.expires_at > Instant::now() + TOKEN_MARGIN)
            .map(|t| t.token.clone())
    }

    fn forget_token(&self) {
        *self.token.lock().unwrap_or_else(PoisonError::into_inner) = None;
    }

    /// A valid app token: the cached one, or a new one (its response, redacted, goes to `raw`).
    async fn app_token(
        &self,
        creds: &AppCredentials,
        raw: &mut Vec<RawResponse>,
    ) -> Result<String, SourceError> {
        if let Some(token) = self.cached_token(&creds.client_id) {
            return Ok(token);
        }
        let url = http::endpoint(&self.auth_base, "oauth2/token");
        let form = vec![
            ("client_id".to_string(), creds.client_id.clone()),
            ("client_secret".to_string(), creds.client_secret.clone()),
            ("grant_type".to_string(), "client_credentials".to_string()),
        ];
        let mut resp = self
            .http
            .send(Request::get(PLATFORM, ROLE_TOKEN, url).post_form(form))
            .await?;
        let parsed = match resp.status {
            200..=299 => serde_json::from_slice::<TokenResponse>(&resp.body).map_err(|e| {
                SourceError::LayoutChanged {
                    platform: PLATFORM,
                    what: format!("OAuth token response: {{access_token, expires_in}} ({e})"),
                }
            }),
            400 | 401 | 403 => {
                let message = helix_message(&resp);
                let which = if message.contains("secret") {
                    SecretName::TwitchClientSecret
                } else {
                    SecretName::TwitchClientId
                };
                Err(SourceError::Credentials {
                    platform: PLATFORM,
                    which: which.label().into(),
                    problem: CredentialProblem::Invalid,
                })
            }
            status => Err(SourceError::Http {
                platform: PLATFORM,
                host: host_of(&resp),
                status,
            }),
        };
        redact_token(&mut resp);
        raw.push(resp);
        let parsed = parsed?;
        let lifetime = Duration::from_secs(parsed.expires_in.unwrap_or(3600));
        *self.token.lock().unwrap_or_else(PoisonError::into_inner) = Some(CachedToken {
            client_id: creds.client_id.clone(),
            token: parsed.access_token.clone(),
            expires_at: Instant::now() + lifetime,
        });
        Ok(parsed.access_token)
    }

    /// The Helix base URL in use.
    pub fn api_base(&self) -> &Url {
        &self.api_base
    }

    /// A Helix `GET` for discovery (channel search) with the same app token,
    /// cache and 401 refresh as a vet; token responses (redacted) go to `raw`.
    pub async fn helix_get(
        &self,
        credentials: &dyn Credentials,
        url: Url,
        role: &str,
        raw: &mut Vec<RawResponse>,
    ) -> Result<RawResponse, SourceError> {
        let creds = app_credentials(credentials)?;
        self.helix(&creds, url, role, raw).await
    }

    /// A Helix `GET` with the app token; a 401 refreshes the token once.
    async fn helix(
        &self,
        creds: &AppCredentials,
        url: Url,
        role: &str,
        raw: &mut Vec<RawResponse>,
    ) -> Result<RawResponse, SourceError> {
        for attempt in 0..2 {
            let token = self.app_token(creds, raw).await?;
            let req = Request::get(PLATFORM, role, url.clone())
                .header("Client-Id", creds.client_id.clone())
                .header("Authorization", format!("Bearer {token}"));
            let resp = self.http.send(req).await?;
            if resp.status != 401 {
                return Ok(resp);
            }
            self.forget_token();
            if attempt == 1 {
                break;
            }
        }
        Err(SourceError::Credentials {
            platform: PLATFORM,
            which: SecretName::TwitchClientId.label().into(),
            problem: CredentialProblem::Invalid,
        })
    }
}

/// Replace the `access_token` value in a stored token response by `REDACTED`.
fn redact_token(resp: &mut RawResponse) {
    let Ok(mut value) = serde_json::from_slice::<serde_json::Value>(&resp.body) else {
        return;
    };
    if let Some(token) = value.get_mut("access_token") {
        *token = serde_json::Value::String(REDACTED.to_string());
        if let Ok(body) = serde_json::to_vec(&value) {
            resp.body = body;
        }
    }
}

fn app_credentials(credentials: &dyn Credentials) -> Result<AppCredentials, SourceError> {
    let get = |name: SecretName| {
        credentials
            .get(name)
            .filter(|v| !v.trim().is_empty())
            .ok_or_else(|| SourceError::Credentials {
                platform: PLATFORM,
                which: format!(
                    "{} (create an application at dev.twitch.tv/console)",
                    name.label()
                ),
                problem: CredentialProblem::Missing,
            })
    };
    Ok(AppCredentials {
        client_id: get(SecretName::TwitchClientId)?.trim().to_string(),
        client_secret: get(SecretName::TwitchClientSecret)?.trim().to_string(),
    })
}

fn host_of(raw: &RawResponse) -> String {
    Url::parse(&raw.url)
        .ok()
        .and_then(|u| u.host_str().map(str::to_string))
        .unwrap_or_else(|| "-".into())
}

fn helix_message(raw: &RawResponse) -> String {
    serde_json::from_slice::<HelixError>(&raw.body)
        .map(|e| e.message)
        .unwrap_or_default()
}

fn parse_json<T: DeserializeOwned>(raw: &RawResponse, what: &str) -> Result<T, SourceError> {
    serde_json::from_slice(&raw.body).map_err(|e| SourceError::LayoutChanged {
        platform: PLATFORM,
        what: format!("{what} ({e})"),
    })
}

fn query_value(raw: &RawResponse, key: &str) -> String {
    Url::parse(&raw.url)
        .ok()
        .and_then(|u| {
            u.query_pairs()
                .find(|(k, _)| k == key)
                .map(|(_, v)| v.into_owned())
        })
        .unwrap_or_default()
}

/// The user in a `/helix/users` response, or the typed error it means.
fn read_user(raw: &RawResponse) -> Result<wire::User, SourceError> {
    let login = query_value(raw, "login");
    let not_found = || SourceError::NotFound {
        platform: PLATFORM,
        account: login.clone(),
    };
    match raw.status {
        200..=299 => {}
        // Helix answers 400 for a login that cannot exist.
        400 | 404 => return Err(not_found()),
        status => {
            return Err(SourceError::Http {
                platform: PLATFORM,
                host: host_of(raw),
                status,
            });
        }
    }
    let users: UsersResponse = parse_json(raw, "helix users: {data: [User]}")?;
    users.data.into_iter().next().ok_or_else(not_found)
}

fn snapshot_from(raw: &[RawResponse], fetched_at: DateTime<Utc>) -> Result<Snapshot, SourceError> {
    let user_raw = raw
        .iter()
        .rev()
        .find(|r| r.role == ROLE_USER)
        .ok_or_else(|| SourceError::LayoutChanged {
            platform: PLATFORM,
            what: "the stored responses hold no Helix user".into(),
        })?;
    let user = read_user(user_raw)?;
    let mut warnings = Vec::new();
    let mut follower_total = None;
    let mut follower_entries = 0usize;
    if let Some(f) = raw.iter().rev().find(|r| r.role == ROLE_FOLLOWERS) {
        if (200..300).contains(&f.status) {
            let followers: FollowersResponse =
                parse_json(f, "helix channel followers: {total, data}")?;
            follower_total = followers.total;
            follower_entries = followers.data.len();
        } else {
            warnings.push(format!(
                "the follower total could not be read ({}: {})",
                f.status,
                helix_message(f)
            ));
        }
    }
    let mut snap = Snapshot::new(PLATFORM, map::profile(&user, follower_total), fetched_at);
    snap.warnings = warnings;
    if follower_total.is_none() {
        snap.mark_missing(
            Part::FollowerCount,
            "Twitch did not report the follower total",
        );
    }
    match raw.iter().rev().find(|r| r.role == ROLE_VIDEOS) {
        Some(v) if (200..300).contains(&v.status) => {
            let videos: VideosResponse = parse_json(v, "helix videos: {data: [Video]}")?;
            for video in &videos.data {
                match map::post(video) {
                    Some(post) => snap.posts.push(post),
                    None => snap
                        .warnings
                        .push(format!("video {} has no date and was left out", video.id)),
                }
            }
            snap.posts.sort_by_key(|p| std::cmp::Reverse(p.created_at));
        }
        Some(v) => {
            snap.warnings.push(format!(
                "videos could not be read ({}: {})",
                v.status,
                helix_message(v)
            ));
            snap.mark_missing(Part::Posts, "Twitch did not return the channel's videos");
        }
        None => snap.mark_missing(Part::Posts, "no videos were fetched"),
    }
    snap.mark_missing(
        Part::Likes,
        "Twitch does not publish like counts for videos",
    );
    snap.mark_missing(Part::Comments, "Twitch videos have no public comments API");
    if follower_entries == 0 {
        snap.mark_missing(
            Part::FollowerSample,
            "Twitch lists a channel's followers only to its moderators; Scout reads the total",
        );
    }
    Ok(snap)
}

#[async_trait]
impl Source for TwitchSource {
    fn platform(&self) -> Platform {
        PLATFORM
    }

    async fn fetch(
        &self,
        account: &AccountRef,
        ctx: &FetchContext<'_>,
    ) -> Result<Fetched, SourceError> {
        let creds = app_credentials(ctx.credentials)?;
        let mut raw = Vec::new();
        (ctx.progress)("Twitch: signing in with the app credentials");
        let mut users_url = http::endpoint(&self.api_base, "helix/users");
        match &account.key {
            AccountKey::Handle(login) => {
                users_url
                    .query_pairs_mut()
                    .append_pair("login", &login.to_ascii_lowercase());
            }
            AccountKey::Id(id) => {
                users_url.query_pairs_mut().append_pair("id", id);
            }
            AccountKey::Content(video_id) => {
                let mut url = http::endpoint(&self.api_base, "helix/videos");
                url.query_pairs_mut().append_pair("id", video_id);
                let resp = self.helix(&creds, url, ROLE_VIDEO_OWNER, &mut raw).await?;
                let owner = match resp.status {
                    200..=299 => {
                        parse_json::<VideosResponse>(&resp, "helix videos: {data: [Video]}")?
                            .data
                            .into_iter()
                            .find_map(|v| v.user_id)
                    }
                    400 | 404 => None,
                    status => {
                        return Err(SourceError::Http {
                            platform: PLATFORM,
                            host: host_of(&resp),
                            status,
                        });
                    }
                };
                raw.push(resp);
                let owner = owner.ok_or_else(|| SourceError::NotFound {
                    platform: PLATFORM,
                    account: format!("video {video_id}"),
                })?;
                users_url.query_pairs_mut().append_pair("id", &owner);
            }
            AccountKey::CustomUrl(_) | AccountKey::LegacyUser(_) => {
                return Err(SourceError::Input(crate::input::InputError::new(
                    account.display(),
                    "a Twitch channel name",
                )));
            }
        }
        (ctx.progress)("Twitch: reading the channel");
        let user_raw = self.helix(&creds, users_url, ROLE_USER, &mut raw).await?;
        let user = read_user(&user_raw)?;
        raw.push(user_raw);

        let mut url = http::endpoint(&self.api_base, "helix/channels/followers");
        url.query_pairs_mut()
            .append_pair("broadcaster_id", &user.id)
            .append_pair("first", "1");
        let followers = self.helix(&creds, url, ROLE_FOLLOWERS, &mut raw).await?;
        raw.push(followers);

        (ctx.progress)("Twitch: reading videos");
        let first = ctx.limits.posts.clamp(1, 100);
        let mut url = http::endpoint(&self.api_base, "helix/videos");
        url.query_pairs_mut()
            .append_pair("user_id", &user.id)
            .append_pair("first", &first.to_string());
        let videos = self.helix(&creds, url, ROLE_VIDEOS, &mut raw).await?;
        raw.push(videos);

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
        let what = "the channel profile, the follower total and the last 50 videos with their views \
                    (Twitch publishes no likes, comments or follower list)";
        if app_credentials(credentials).is_ok() {
            format!("Twitch (Helix, with your client id and secret): {what}.")
        } else {
            format!(
                "Twitch has no keyless access: without a client id and secret Scout cannot read Twitch; \
                 a free application at dev.twitch.tv/console adds {what}."
            )
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn token_bodies_are_redacted() {
        let mut raw = RawResponse {
            role: ROLE_TOKEN.into(),
            url: "https://id.twitch.tv/oauth2/token".into(),
            status: 200,
            content_type: Some("application/json".into()),
            fetched_at: Utc::now(),
            body: br#"{"access_token":"jostpf5q0uzmxmkba9iyug38kjtgh","expires_in":5011271,"token_type":"bearer"}"#.to_vec(),
        };
        redact_token(&mut raw);
        let body = String::from_utf8(raw.body).unwrap();
        assert!(!body.contains("jostpf5q0uzmxmkba9iyug38kjtgh"), "{body}");
        assert!(body.contains(r#""access_token":"REDACTED""#), "{body}");
        assert!(body.contains("5011271"));
    }

    #[test]
    fn missing_credentials_say_which() {
        let none = crate::NoCredentials;
        let Err(err) = app_credentials(&none) else {
            panic!("no credentials must fail")
        };
        assert_eq!(err.code(), "credentials");
        assert!(err.to_string().contains("Twitch client id"), "{err}");
        let mut only_id = std::collections::HashMap::new();
        only_id.insert(SecretName::TwitchClientId, "abc".to_string());
        let Err(err) = app_credentials(&only_id) else {
            panic!("a missing secret must fail")
        };
        assert!(err.to_string().contains("Twitch client secret"), "{err}");
    }
}
