//! The registry: one [`crate::Source`] per platform, sharing one [`HttpClient`].
//!
//! Each source reads its base URL override (`SCOUT_<SOURCE>_BASE_URL`) when
//! the registry is built.

use scout_core::{AccountRef, Platform};

use crate::bluesky::BlueskySource;
use crate::http::HttpClient;
use crate::instagram::InstagramSource;
use crate::mastodon::MastodonSource;
use crate::tiktok::TiktokSource;
use crate::twitch::TwitchSource;
use crate::youtube::YoutubeSource;
use crate::{FetchContext, Fetched, Source, SourceError};

/// Every platform's source.
pub struct Registry {
    sources: Vec<Box<dyn Source>>,
}

impl std::fmt::Debug for Registry {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_list()
            .entries(self.sources.iter().map(|s| s.platform()))
            .finish()
    }
}

impl Registry {
    /// All six sources over one HTTP client (rate limits are per host, shared).
    pub fn new(http: HttpClient) -> Self {
        let sources: Vec<Box<dyn Source>> = vec![
            Box::new(BlueskySource::new(http.clone())),
            Box::new(YoutubeSource::new(http.clone())),
            Box::new(MastodonSource::new(http.clone())),
            Box::new(TiktokSource::new(http.clone())),
            Box::new(InstagramSource::new(http.clone())),
            Box::new(TwitchSource::new(http)),
        ];
        Self { sources }
    }

    /// A registry of the given sources (tests).
    pub fn from_sources(sources: Vec<Box<dyn Source>>) -> Self {
        Self { sources }
    }

    /// The source of a platform.
    ///
    /// # Panics
    /// If the registry was built without that platform (only possible with [`Registry::from_sources`]).
    pub fn source(&self, platform: Platform) -> &dyn Source {
        self.sources
            .iter()
            .find(|s| s.platform() == platform)
            .map_or_else(
                || panic!("no {platform} source in this registry"),
                AsRef::as_ref,
            )
    }

    /// Fetch an account through its platform's source.
    pub async fn fetch(
        &self,
        account: &AccountRef,
        ctx: &FetchContext<'_>,
    ) -> Result<Fetched, SourceError> {
        self.source(account.platform).fetch(account, ctx).await
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::http::HttpConfig;

    #[test]
    fn every_platform_has_its_source() {
        let registry = Registry::new(HttpClient::new(HttpConfig::for_tests()).unwrap());
        for platform in Platform::ALL {
            assert_eq!(registry.source(platform).platform(), platform);
        }
        assert_eq!(
            format!("{registry:?}"),
            "[Bluesky, Youtube, Mastodon, Tiktok, Instagram, Twitch]"
        );
    }
}
