//! API keys and tokens in the OS keychain (`keyring`): the macOS Keychain, the Windows
//! Credential Manager, and on Linux the Secret Service (GNOME Keyring, `KWallet`)
//! or, where no session bus runs, the kernel keyutils keyring.
//!
//! [`Keychain`] implements [`scout_sources::Credentials`], so sources read
//! secrets without knowing where they live. Secrets never reach SQLite, logs,
//! exports or error messages: errors name the secret, never its value.

use scout_sources::{Credentials, SecretName};
use std::sync::{Arc, OnceLock};

/// The keychain service name every Scout secret is filed under.
pub const SERVICE: &str = "app.scout.desktop";

/// A keychain failure, without the secret.
#[derive(Debug, thiserror::Error)]
pub enum KeyError {
    /// No OS keychain could be opened.
    #[error(
        "no OS keychain is available ({0}); on Linux start a Secret Service (GNOME Keyring) or run inside a kernel keyring session"
    )]
    NoKeychain(String),
    /// The keychain refused the operation.
    #[error("the OS keychain refused to {action} the {label}: {message}")]
    Keychain {
        /// set / read / clear
        action: &'static str,
        /// which secret
        label: &'static str,
        /// the backend's message
        message: String,
    },
    /// The secret name is unknown.
    #[error(
        "unknown key '{0}': expected one of youtube-api-key, twitch-client-id, twitch-client-secret, instagram-graph-token, instagram-graph-user-id, bluesky-identifier, bluesky-app-password"
    )]
    UnknownName(String),
    /// An empty secret.
    #[error("the {0} is empty; nothing was stored")]
    Empty(&'static str),
}

/// Which secrets belong to which source (for `scout keys … <source>`).
pub fn secrets_of(source: &str) -> Option<&'static [SecretName]> {
    match source {
        "youtube" => Some(&[SecretName::YoutubeApiKey]),
        "twitch" => Some(&[SecretName::TwitchClientId, SecretName::TwitchClientSecret]),
        "instagram" => Some(&[
            SecretName::InstagramGraphToken,
            SecretName::InstagramGraphUserId,
        ]),
        "bluesky" => Some(&[
            SecretName::BlueskyIdentifier,
            SecretName::BlueskyAppPassword,
        ]),
        _ => None,
    }
}

/// Parse a secret's key (`youtube-api-key`).
pub fn secret_by_key(key: &str) -> Result<SecretName, KeyError> {
    SecretName::ALL
        .into_iter()
        .find(|s| s.key() == key)
        .ok_or_else(|| KeyError::UnknownName(key.to_string()))
}

static STORE: OnceLock<Result<Arc<keyring_core::CredentialStore>, String>> = OnceLock::new();

fn store() -> Result<Arc<keyring_core::CredentialStore>, KeyError> {
    STORE
        .get_or_init(open_store)
        .clone()
        .map_err(KeyError::NoKeychain)
}

/// Choose the platform's store. `SCOUT_KEYCHAIN=keyutils|secret-service` forces one on Linux.
fn open_store() -> Result<Arc<keyring_core::CredentialStore>, String> {
    #[cfg(target_os = "linux")]
    {
        let forced = std::env::var("SCOUT_KEYCHAIN").unwrap_or_default();
        let try_ss = || -> Result<Arc<keyring_core::CredentialStore>, String> {
            zbus_secret_service_keyring_store::Store::new()
                .map(|s| s as Arc<keyring_core::CredentialStore>)
                .map_err(|e| format!("Secret Service: {e}"))
        };
        let try_ku = || -> Result<Arc<keyring_core::CredentialStore>, String> {
            linux_keyutils_keyring_store::Store::new()
                .map(|s| s as Arc<keyring_core::CredentialStore>)
                .map_err(|e| format!("kernel keyutils: {e}"))
        };
        match forced.as_str() {
            "keyutils" => try_ku(),
            "secret-service" => try_ss(),
            _ => {
                if std::env::var_os("DBUS_SESSION_BUS_ADDRESS").is_some() {
                    try_ss().or_else(|a| try_ku().map_err(|b| format!("{a}; {b}")))
                } else {
                    try_ku()
                }
            }
        }
    }
    #[cfg(target_os = "macos")]
    {
        apple_native_keyring_store::keychain::Store::new()
            .map(|s| s as Arc<keyring_core::CredentialStore>)
            .map_err(|e| format!("macOS Keychain: {e}"))
    }
    #[cfg(target_os = "windows")]
    {
        windows_native_keyring_store::Store::new()
            .map(|s| s as Arc<keyring_core::CredentialStore>)
            .map_err(|e| format!("Windows Credential Manager: {e}"))
    }
    #[cfg(not(any(target_os = "linux", target_os = "macos", target_os = "windows")))]
    {
        Err("this build has no keychain backend for this OS".to_string())
    }
}

/// The OS keychain, as Scout's credential source.
#[derive(Debug, Clone, Copy, Default)]
pub struct Keychain;

impl Keychain {
    fn entry(name: SecretName) -> Result<keyring_core::Entry, KeyError> {
        let store = store()?;
        keyring_core::Entry::new_in_store(&store, SERVICE, name.key()).map_err(|e| {
            KeyError::Keychain {
                action: "open",
                label: name.label(),
                message: e.to_string(),
            }
        })
    }

    /// Store a secret (trimmed; empty refused).
    pub fn set(name: SecretName, secret: &str) -> Result<(), KeyError> {
        let secret = secret.trim();
        if secret.is_empty() {
            return Err(KeyError::Empty(name.label()));
        }
        Self::entry(name)?
            .set_password(secret)
            .map_err(|e| KeyError::Keychain {
                action: "store",
                label: name.label(),
                message: e.to_string(),
            })
    }

    /// Remove a secret (absent is fine).
    pub fn clear(name: SecretName) -> Result<(), KeyError> {
        match Self::entry(name)?.delete_credential() {
            Ok(()) | Err(keyring_core::Error::NoEntry) => Ok(()),
            Err(e) => Err(KeyError::Keychain {
                action: "clear",
                label: name.label(),
                message: e.to_string(),
            }),
        }
    }

    /// Read a secret; `Ok(None)` when not set.
    pub fn read(name: SecretName) -> Result<Option<String>, KeyError> {
        match Self::entry(name)?.get_password() {
            Ok(s) => Ok(Some(s)),
            Err(keyring_core::Error::NoEntry) => Ok(None),
            Err(e) => Err(KeyError::Keychain {
                action: "read",
                label: name.label(),
                message: e.to_string(),
            }),
        }
    }

    /// Whether a secret is set (errors count as not set).
    pub fn is_set(name: SecretName) -> bool {
        matches!(Self::read(name), Ok(Some(_)))
    }
}

/// A team device token in the OS keychain, under an entry named for the server, the
/// team workspace and the device (`team:<server>#<workspace>/<device>`), so two team
/// workspaces on one machine, or two local workspaces in one team, keep their own.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TeamToken {
    entry: String,
}

impl TeamToken {
    /// The entry for this server, workspace and device.
    pub fn new(server_url: &str, workspace: &str, device: &str) -> TeamToken {
        TeamToken {
            entry: format!(
                "team:{}#{workspace}/{device}",
                server_url.trim_end_matches('/')
            ),
        }
    }

    /// The keychain entry's name (never the token).
    pub fn entry_name(&self) -> &str {
        &self.entry
    }

    fn entry(&self) -> Result<keyring_core::Entry, KeyError> {
        let store = store()?;
        keyring_core::Entry::new_in_store(&store, SERVICE, &self.entry).map_err(|e| {
            KeyError::Keychain {
                action: "open",
                label: "team device token",
                message: e.to_string(),
            }
        })
    }

    /// Store the token.
    pub fn set(&self, token: &str) -> Result<(), KeyError> {
        if token.trim().is_empty() {
            return Err(KeyError::Empty("team device token"));
        }
        self.entry()?
            .set_password(token.trim())
            .map_err(|e| KeyError::Keychain {
                action: "store",
                label: "team device token",
                message: e.to_string(),
            })
    }

    /// Read the token; `Ok(None)` when absent.
    pub fn read(&self) -> Result<Option<String>, KeyError> {
        match self.entry()?.get_password() {
            Ok(s) => Ok(Some(s)),
            Err(keyring_core::Error::NoEntry) => Ok(None),
            Err(e) => Err(KeyError::Keychain {
                action: "read",
                label: "team device token",
                message: e.to_string(),
            }),
        }
    }

    /// Remove the token (absent is fine).
    pub fn clear(&self) -> Result<(), KeyError> {
        match self.entry()?.delete_credential() {
            Ok(()) | Err(keyring_core::Error::NoEntry) => Ok(()),
            Err(e) => Err(KeyError::Keychain {
                action: "clear",
                label: "team device token",
                message: e.to_string(),
            }),
        }
    }
}

impl Credentials for Keychain {
    fn get(&self, name: SecretName) -> Option<String> {
        match Keychain::read(name) {
            Ok(v) => v,
            Err(e) => {
                // No keychain means no key: the keyless path runs; Settings shows the state.
                tracing::debug!("keychain unavailable for {}: {e}", name.label());
                None
            }
        }
    }
}
