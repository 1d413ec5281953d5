//! TikTok connector: the public profile page's embedded JSON (no key).
//!
//! Main type: [`TiktokSource`]. One vet sends `GET {base}/@USER` (role
//! `profile_page`) and reads the first embedded-data script it finds:
//! `__UNIVERSAL_DATA_FOR_REHYDRATION__` → `__DEFAULT_SCOPE__["webapp.user-detail"]`
//! (`userInfo.{user, stats, statsV2}`, `itemList`), else `SIGI_STATE`
//! (`UserModule`, `ItemModule`), else `__NEXT_DATA__` (`props.pageProps`); see
//! [`wire`] for where that structure comes from. A link to a video whose URL
//! lacks the author (`/embed/v2/ID`) first reads the video page
//! `GET {base}/@_/video/ID` (role `video_page`) for its author.
//!
//! TikTok's `statusCode` 10202 and 10221 mean no such account
//! ([`SourceError::NotFound`]); 10222 (private account) and 10216 (private
//! video) are [`SourceError::Private`]; any other non-zero code is
//! [`SourceError::Unavailable`], as yt-dlp reports it ("not available, status
//! code N"). A page without embedded data is a captcha or login page
//! ([`SourceError::LoginWall`]) when it says so, else
//! [`SourceError::LayoutChanged`] naming the scripts that were looked for.
//! TikTok's page gives no follower list and no comment text; those parts are
//! marked missing, as are videos when the page does not embed them.
//! Base URL: `SCOUT_TIKTOK_BASE_URL` (default `https://www.tiktok.com`).

mod input;
mod map;
pub mod official;
mod wire;

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use scout_core::{AccountKey, AccountRef, Part, Platform, Snapshot};
use url::Url;

use crate::http::{self, HttpClient, Request};
use crate::input::InputError;
use crate::{Credentials, FetchContext, Fetched, RawResponse, Source, SourceError};

pub(crate) use input::{parse_prefixed, parse_url};
use map::ProfilePage;

const PLATFORM: Platform = Platform::Tiktok;

/// Default base URL.
pub const DEFAULT_BASE: &str = "https://www.tiktok.com";

/// User agent for TikTok web pages: browser-compatible, still naming Scout.
pub const PAGE_USER_AGENT: &str = "Mozilla/5.0 (compatible; Scout/0.1; +local creator vetting)";

const ROLE_PROFILE: &str = "profile_page";
const ROLE_VIDEO: &str = "video_page";

/// Reads public TikTok profiles from their web page.
#[derive(Debug, Clone)]
pub struct TiktokSource {
    http: HttpClient,
    base: Url,
}

impl TiktokSource {
    /// A source using `SCOUT_TIKTOK_BASE_URL` when set, else tiktok.com.
    pub fn new(http: HttpClient) -> Self {
        let base = http::base_url("tiktok", DEFAULT_BASE);
        Self::with_base_url(http, base)
    }

    /// A source talking to `base` (tests).
    pub fn with_base_url(http: HttpClient, base: Url) -> Self {
        Self { http, base }
    }

    fn page_request(&self, path: &str, role: &str) -> Request {
        // TikTok embeds the page data only for browser-like clients (yt-dlp
        // sends `User-Agent: Mozilla/5.0` for these pages); Scout still names itself.
        Request::get(PLATFORM, role, http::endpoint(&self.base, path))
            .header("User-Agent", PAGE_USER_AGENT)
            .header("Accept", "text/html,application/xhtml+xml")
            .header("Accept-Language", "en-US,en;q=0.9")
    }
}

fn host_of(raw: &RawResponse) -> String {
    Url::parse(&raw.url)
        .ok()
        .and_then(|u| u.host_str().map(str::to_string))
        .unwrap_or_else(|| "-".into())
}

/// The `@name` a stored page request asked for.
fn requested_name(raw: &RawResponse) -> String {
    Url::parse(&raw.url)
        .ok()
        .and_then(|u| {
            u.path_segments().and_then(|mut s| {
                s.find(|p| p.starts_with('@'))
                    .map(|p| p.trim_start_matches('@').to_string())
            })
        })
        .unwrap_or_default()
}

fn login_wall() -> SourceError {
    SourceError::LoginWall {
        platform: PLATFORM,
        hint: "TikTok showed a captcha or login page; try again later (Scout does not log in to TikTok)".into(),
    }
}

/// Whether a page without embedded data is a captcha / login / verification page.
fn is_wall_page(html: &str) -> bool {
    let lower = html.to_ascii_lowercase();
    [
        "captcha",
        "verify to continue",
        "/login",
        "log in to tiktok",
        "tiktok-verify-page",
    ]
    .iter()
    .any(|m| lower.contains(m))
}

/// The typed error for a non-zero TikTok `statusCode`.
fn status_error(code: i64, account: &str, msg: Option<&str>) -> SourceError {
    match code {
        10202 | 10221 => SourceError::NotFound {
            platform: PLATFORM,
            account: account.to_string(),
        },
        10216 | 10222 => SourceError::Private {
            platform: PLATFORM,
            account: account.to_string(),
        },
        other => SourceError::Unavailable {
            platform: PLATFORM,
            account: account.to_string(),
            state: match msg.filter(|m| !m.is_empty()) {
                Some(m) => format!("not available (TikTok status code {other}: {m})"),
                None => format!("not available (TikTok status code {other})"),
            },
        },
    }
}

/// The embedded data of a stored profile page, or the typed error it means.
fn read_profile(raw: &RawResponse) -> Result<ProfilePage, SourceError> {
    let account = requested_name(raw);
    match raw.status {
        200..=299 => {}
        404 | 410 => {
            return Err(SourceError::NotFound {
                platform: PLATFORM,
                account,
            });
        }
        401 | 403 => return Err(login_wall()),
        status => {
            return Err(SourceError::Http {
                platform: PLATFORM,
                host: host_of(raw),
                status,
            });
        }
    }
    let html = String::from_utf8_lossy(&raw.body);
    let Some((variant, data)) = wire::find_page_data(&html) else {
        if is_wall_page(&html) {
            return Err(login_wall());
        }
        return Err(SourceError::LayoutChanged {
            platform: PLATFORM,
            what: "the profile page has no __UNIVERSAL_DATA_FOR_REHYDRATION__, SIGI_STATE or __NEXT_DATA__ script".into(),
        });
    };
    let data = data.map_err(|e| SourceError::LayoutChanged {
        platform: PLATFORM,
        what: format!("the page's embedded JSON does not parse ({e})"),
    })?;
    let page =
        map::profile_page(variant, &data, &account).map_err(|what| SourceError::LayoutChanged {
            platform: PLATFORM,
            what,
        })?;
    if let Some(code) = page.status_code.filter(|c| *c != 0) {
        return Err(status_error(code, &account, page.status_msg.as_deref()));
    }
    let Some(user) = &page.user else {
        // Status 0 with no user: TikTok's challenge pages look like this.
        return Err(login_wall());
    };
    if user.private_account == Some(true) || user.secret == Some(true) {
        return Err(SourceError::Private {
            platform: PLATFORM,
            account: user.unique_id.clone(),
        });
    }
    Ok(page)
}

fn snapshot_from(raw: &[RawResponse], fetched_at: DateTime<Utc>) -> Result<Snapshot, SourceError> {
    let page_raw = raw
        .iter()
        .rev()
        .find(|r| r.role == ROLE_PROFILE)
        .ok_or_else(|| SourceError::LayoutChanged {
            platform: PLATFORM,
            what: "the stored responses hold no profile page".into(),
        })?;
    let page = read_profile(page_raw)?;
    let user = page.user.clone().unwrap_or_default();
    let mut snap = Snapshot::new(PLATFORM, map::profile(&user, &page.stats), fetched_at);
    let skipped = map::add_posts(&mut snap, &page);
    if skipped > 0 {
        snap.warnings.push(format!(
            "{skipped} embedded videos had no id or date and were left out"
        ));
    }
    if snap.profile.followers.is_none() {
        snap.mark_missing(
            Part::FollowerCount,
            "the profile page did not include the follower count",
        );
    }
    if page.items.is_empty() {
        snap.mark_missing(
            Part::Posts,
            "TikTok's profile page did not embed recent videos (TikTok loads them with a signed request Scout does not make)",
        );
    }
    snap.mark_missing(
        Part::Comments,
        "TikTok's public page gives comment counts but no comment text",
    );
    snap.mark_missing(
        Part::FollowerSample,
        "TikTok's public page gives no follower list",
    );
    Ok(snap)
}

#[async_trait]
impl Source for TiktokSource {
    fn platform(&self) -> Platform {
        PLATFORM
    }

    async fn fetch(
        &self,
        account: &AccountRef,
        ctx: &FetchContext<'_>,
    ) -> Result<Fetched, SourceError> {
        let mut raw = Vec::new();
        let name = match &account.key {
            AccountKey::Handle(name) => name.trim_start_matches('@').to_string(),
            AccountKey::Content(video_id) => {
                (ctx.progress)("TikTok: finding the video's author");
                let resp = self
                    .http
                    .send(self.page_request(&format!("@_/video/{video_id}"), ROLE_VIDEO))
                    .await?;
                let html = String::from_utf8_lossy(&resp.body).into_owned();
                let (status, author) = match wire::find_page_data(&html) {
                    Some((variant, Ok(data))) => map::video_author(variant, &data, video_id),
                    _ if is_wall_page(&html) => return Err(login_wall()),
                    _ => (None, None),
                };
                raw.push(resp);
                if let Some(code) = status.filter(|c| *c != 0) {
                    return Err(status_error(code, &format!("video {video_id}"), None));
                }
                author.ok_or_else(|| SourceError::LayoutChanged {
                    platform: PLATFORM,
                    what: "the video page names no author (webapp.video-detail.itemInfo.itemStruct.author)".into(),
                })?
            }
            _ => {
                return Err(SourceError::Input(InputError::new(
                    account.display(),
                    "a TikTok username or link",
                )));
            }
        };
        (ctx.progress)(&format!("TikTok: reading @{name}"));
        let resp = self
            .http
            .send(self.page_request(&format!("@{name}"), ROLE_PROFILE))
            .await?;
        read_profile(&resp)?;
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

    fn capabilities(&self, _credentials: &dyn Credentials) -> String {
        "TikTok needs no key (and has none Scout can use): the public profile page's followers, following, \
         total likes and video count, plus the recent videos with views, likes, comments and shares when the page \
         embeds them. No follower list or comment text."
            .to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn status_codes() {
        assert_eq!(status_error(10202, "x", None).code(), "not_found");
        assert_eq!(status_error(10221, "x", None).code(), "not_found");
        assert_eq!(status_error(10222, "x", None).code(), "private");
        assert_eq!(status_error(10216, "x", None).code(), "private");
        let other = status_error(10101, "x", Some("server error"));
        assert_eq!(other.code(), "unavailable");
        assert!(other.to_string().contains("10101"), "{other}");
    }
}
