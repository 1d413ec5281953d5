#!/usr/bin/env bash
# Desktop end-to-end test: build the app with the UI embedded (if needed), make sure
# tauri-driver is installed, then run the node test under a virtual X server.
#
#   tests/e2e/run.sh            build if missing, then test
#   SCOUT_E2E_REBUILD=1 tests/e2e/run.sh   rebuild first
set -euo pipefail
cd "$(dirname "$0")/../.."
export CARGO_PROFILE_DEV_DEBUG=0

if [ ! -d ui/node_modules ]; then
  (cd ui && npm ci --no-audit --no-fund --loglevel=error)
fi
if [ ! -x target/debug/scout-app ] || [ "${SCOUT_E2E_REBUILD:-0}" = 1 ]; then
  echo "==> building the desktop app (UI embedded)" >&2
  (cd ui && npm run app:build)
fi
if [ ! -x target/debug/scout ] || [ "${SCOUT_E2E_REBUILD:-0}" = 1 ]; then
  echo "==> building the scout CLI (fills the demo workspace)" >&2
  cargo build -p scout-cli --quiet || echo "scout CLI did not build: the test loads the demo through the app instead" >&2
fi
if ! command -v tauri-driver >/dev/null && [ ! -x "${CARGO_HOME:-$HOME/.cargo}/bin/tauri-driver" ]; then
  echo "==> installing tauri-driver" >&2
  cargo install tauri-driver --locked --quiet
fi
command -v WebKitWebDriver >/dev/null || { echo "WebKitWebDriver is missing: apt-get install webkit2gtk-driver" >&2; exit 1; }

exec xvfb-run -a -s "-screen 0 1440x900x24" node --test --test-concurrency=1 tests/e2e/
