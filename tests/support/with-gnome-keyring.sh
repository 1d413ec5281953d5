#!/usr/bin/env bash
# Run a command with an unlocked GNOME Keyring Secret Service on the current
# (private, dbus-run-session) bus, in a throwaway data folder. Used by CI.
set -euo pipefail
export XDG_DATA_HOME=$(mktemp -d)
export XDG_RUNTIME_DIR=${XDG_RUNTIME_DIR:-$(mktemp -d)}
# A non-empty password creates and unlocks the login keyring.
eval "$(printf 'scout-ci\n' | gnome-keyring-daemon --unlock --components=secrets)"
eval "$(gnome-keyring-daemon --start --components=secrets)"
export GNOME_KEYRING_CONTROL
# Wait until the daemon owns org.freedesktop.secrets, so no second (locked) one is activated.
for _ in $(seq 1 50); do
  if dbus-send --session --print-reply --dest=org.freedesktop.DBus /org/freedesktop/DBus \
      org.freedesktop.DBus.NameHasOwner string:org.freedesktop.secrets 2>/dev/null | grep -q true; then
    break
  fi
  sleep 0.1
done
"$@"
