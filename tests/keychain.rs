//! The OS keychain through the real backend (no mock): CI runs this binary twice,
//! inside `keyctl session` (kernel keyutils) and inside `dbus-run-session` with an
//! unlocked GNOME Keyring (Secret Service), with `SCOUT_KEYCHAIN` naming the backend.

use scout::Workspace;
use scout_sources::{Credentials, SecretName};

fn workspace() -> (tempfile::TempDir, Workspace) {
    let dir = tempfile::tempdir().expect("temp dir");
    let ws = Workspace::open(Some(dir.path().to_path_buf())).expect("workspace");
    (dir, ws)
}

#[test]
fn a_secret_is_stored_read_and_cleared_through_the_os_keychain() {
    let (_dir, ws) = workspace();
    let secret = format!(
        "scout-test-{}-{}",
        std::process::id(),
        chrono::Utc::now().timestamp_nanos_opt().unwrap_or(0)
    );
    ws.set_key("twitch-client-secret", &secret)
        .expect("store in the keychain");
    assert_eq!(
        scout::keys::Keychain
            .get(SecretName::TwitchClientSecret)
            .as_deref(),
        Some(secret.as_str())
    );
    let status = ws.key_status();
    let row = status
        .iter()
        .find(|k| k.name == "twitch-client-secret")
        .expect("listed");
    assert!(row.set, "status shows the key as set");
    assert!(
        !format!("{status:?}").contains(&secret),
        "status never carries the value"
    );
    ws.clear_key("twitch-client-secret").expect("clear");
    assert_eq!(
        scout::keys::Keychain.get(SecretName::TwitchClientSecret),
        None
    );
    assert!(
        !ws.key_status()
            .iter()
            .find(|k| k.name == "twitch-client-secret")
            .expect("listed")
            .set
    );
}

#[test]
fn an_empty_secret_is_refused_and_an_unknown_name_is_named() {
    let (_dir, ws) = workspace();
    let e = ws
        .set_key("youtube-api-key", "   ")
        .expect_err("empty refused");
    assert!(e.to_string().contains("empty"), "{e}");
    let e = ws.set_key("youtube-key", "x").expect_err("unknown refused");
    assert!(e.to_string().contains("youtube-key"), "{e}");
}
