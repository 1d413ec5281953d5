#!/usr/bin/env bash
# Scout's one setup script.
#
#   ./dev.sh app    install what is missing, then start the desktop app on the demo workspace
#   ./dev.sh test   install what is missing, then run every test (what CI runs)
#
# Works on a fresh Debian 12 / Ubuntu 22.04+ machine with Rust (rustup) and Node 20+.
# Installs system packages with apt (as root, or through sudo).
set -euo pipefail
cd "$(dirname "$0")"
ROOT=$(pwd)

APT_PACKAGES=(libwebkit2gtk-4.1-dev build-essential file libxdo-dev libssl-dev
  libayatana-appindicator3-dev librsvg2-dev xvfb xauth webkit2gtk-driver dbus-x11
  gnome-keyring libsecret-1-dev keyutils fonts-dejavu-core poppler-utils postgresql sqlite3)

log() { printf '\033[1;34m==>\033[0m %s\n' "$*" >&2; }

sudo_() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

install_system() {
  local missing=()
  for p in "${APT_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  if [ ${#missing[@]} -gt 0 ]; then
    log "installing system packages: ${missing[*]}"
    sudo_ apt-get update -qq
    DEBIAN_FRONTEND=noninteractive sudo_ apt-get install -y -qq "${missing[@]}" >/dev/null
  fi
  command -v cargo >/dev/null || { echo "Rust is missing: install it from https://rustup.rs" >&2; exit 1; }
  command -v npm >/dev/null || { echo "Node.js 20+ and npm are missing: install them (e.g. apt-get install nodejs npm)" >&2; exit 1; }
}

install_ui() {
  if [ ! -d ui/node_modules ] || [ ui/package-lock.json -nt ui/node_modules/.package-lock.json ]; then
    log "installing UI packages (npm ci)"
    (cd ui && npm ci --no-audit --no-fund --loglevel=error)
  fi
}

install_driver() {
  if ! command -v tauri-driver >/dev/null; then
    log "installing tauri-driver"
    cargo install tauri-driver --locked --version '^2' --quiet
  fi
}

# Debug info off: halves target/ and speeds up the 2-core CI build.
export CARGO_PROFILE_DEV_DEBUG=0
export CARGO_TERM_COLOR=${CARGO_TERM_COLOR:-never}

build_app() {
  log "building the desktop app (UI embedded)"
  (cd ui && npm run app:build >/dev/null)
}

cmd_app() {
  install_system
  install_ui
  cargo build -p scout-cli --quiet
  build_app
  export SCOUT_DATA_DIR="${SCOUT_DATA_DIR:-${XDG_DATA_HOME:-$HOME/.local/share}/scout-demo}"
  if [ ! -s "$SCOUT_DATA_DIR/scout.db" ]; then
    log "loading the demo workspace into $SCOUT_DATA_DIR"
    target/debug/scout demo
  fi
  log "starting Scout on $SCOUT_DATA_DIR"
  exec target/debug/scout-app
}

cmd_test() {
  install_system
  install_ui
  install_driver
  local started=$SECONDS

  log "rust: format and lints"
  cargo fmt --all --check
  cargo clippy --workspace --all-targets --quiet -- -D warnings

  # A throwaway PostgreSQL cluster (free port, temp folder) for the team server's and
  # the sync tests; stopped and removed when this script exits.
  # shellcheck source=tests/support/with-postgres.sh
  source "$ROOT/tests/support/with-postgres.sh"
  pg_start

  log "rust: unit and integration tests"
  cargo test --workspace --no-fail-fast

  log "rust: OS keychain through the kernel keyring (keyutils)"
  SCOUT_KEYCHAIN=keyutils keyctl session - \
    cargo test -p scout-cli --test keychain -- --test-threads=1

  log "rust: team sync against the PostgreSQL cluster, token in the kernel keyring"
  SCOUT_KEYCHAIN=keyutils keyctl session - \
    cargo test -p scout-cli --test team

  log "rust: OS keychain through the Secret Service (gnome-keyring)"
  dbus-run-session -- bash "$ROOT/tests/support/with-gnome-keyring.sh" \
    env SCOUT_KEYCHAIN=secret-service cargo test -p scout-cli --test keychain -- --test-threads=1

  log "ui: typecheck and component tests"
  (cd ui && npm run typecheck && npm test)

  log "desktop: build and end-to-end test in the real webview (Xvfb + tauri-driver)"
  build_app
  cargo build -p scout-cli --quiet
  xvfb-run -a -s "-screen 0 1440x900x24" node --test --test-concurrency=1 tests/e2e/

  log "installer: build the .deb, install it with dpkg, start the installed app under Xvfb"
  (cd ui && npm run tauri -- build --debug --bundles deb >/dev/null)
  local deb
  deb=$(ls -t target/debug/bundle/deb/*.deb | head -1)
  sudo_ dpkg -i "$deb" >/dev/null
  SCOUT_APP_BIN=/usr/bin/scout-app xvfb-run -a node --test tests/installer/

  log "all tests passed in $((SECONDS - started)) s"
}

case "${1:-}" in
  app) cmd_app ;;
  test) cmd_test ;;
  *) echo "usage: ./dev.sh app | test" >&2; exit 2 ;;
esac
