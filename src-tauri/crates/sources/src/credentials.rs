//! Secrets a source may use. Values come from the OS keychain (in the `scout`
//! crate); sources only read them and must never log, store or echo them.

/// The secrets Scout knows about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SecretName {
    /// YouTube Data API v3 key.
    YoutubeApiKey,
    /// Twitch application client id.
    TwitchClientId,
    /// Twitch application client secret.
    TwitchClientSecret,
    /// Instagram Graph API access token (for business discovery).
    InstagramGraphToken,
    /// Instagram Graph API: the scout's own business account id that discovery runs as.
    InstagramGraphUserId,
    /// The scout's own Bluesky handle (or DID), for an app-password session (post search).
    BlueskyIdentifier,
    /// A Bluesky app password (Settings → Privacy and security → App passwords).
    BlueskyAppPassword,
}

impl SecretName {
    /// All secrets.
    pub const ALL: [SecretName; 7] = [
        SecretName::YoutubeApiKey,
        SecretName::TwitchClientId,
        SecretName::TwitchClientSecret,
        SecretName::InstagramGraphToken,
        SecretName::InstagramGraphUserId,
        SecretName::BlueskyIdentifier,
        SecretName::BlueskyAppPassword,
    ];

    /// Stable key used as the keychain entry's user name.
    pub fn key(self) -> &'static str {
        match self {
            SecretName::YoutubeApiKey => "youtube-api-key",
            SecretName::TwitchClientId => "twitch-client-id",
            SecretName::TwitchClientSecret => "twitch-client-secret",
            SecretName::InstagramGraphToken => "instagram-graph-token",
            SecretName::InstagramGraphUserId => "instagram-graph-user-id",
            SecretName::BlueskyIdentifier => "bluesky-identifier",
            SecretName::BlueskyAppPassword => "bluesky-app-password",
        }
    }

    /// Human label.
    pub fn label(self) -> &'static str {
        match self {
            SecretName::YoutubeApiKey => "YouTube Data API key",
            SecretName::TwitchClientId => "Twitch client id",
            SecretName::TwitchClientSecret => "Twitch client secret",
            SecretName::InstagramGraphToken => "Instagram Graph API token",
            SecretName::InstagramGraphUserId => "Instagram business account id",
            SecretName::BlueskyIdentifier => "Bluesky handle for the app password",
            SecretName::BlueskyAppPassword => "Bluesky app password",
        }
    }
}

/// Read access to secrets.
pub trait Credentials: Send + Sync {
    /// The secret, if set.
    fn get(&self, name: SecretName) -> Option<String>;
}

/// No secrets at all (keyless paths only).
#[derive(Debug, Clone, Copy, Default)]
pub struct NoCredentials;

impl Credentials for NoCredentials {
    fn get(&self, _name: SecretName) -> Option<String> {
        None
    }
}

impl<S: std::hash::BuildHasher + Send + Sync> Credentials
    for std::collections::HashMap<SecretName, String, S>
{
    fn get(&self, name: SecretName) -> Option<String> {
        std::collections::HashMap::get(self, &name).cloned()
    }
}
