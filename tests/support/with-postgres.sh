#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for the team server's and the sync tests.
#
#   bash tests/support/with-postgres.sh CMD ARGS...   start a cluster, run CMD with
#                                                     SCOUT_TEST_DATABASE_URL set, stop it
#   source tests/support/with-postgres.sh; pg_start   (dev.sh) start it and stop it on exit
#
# The cluster lives in a temporary folder, listens on a free loopback port with trust
# auth (loopback only), and is removed when it stops. PostgreSQL refuses to run as root:
# as root (CI) the cluster runs as the `postgres` user from a folder it owns.
set -euo pipefail

pg_bindir() {
  local d
  for d in /usr/lib/postgresql/*/bin; do
    [ -x "$d/initdb" ] && { echo "$d"; return 0; }
  done
  command -v initdb >/dev/null && { dirname "$(command -v initdb)"; return 0; }
  echo "PostgreSQL server binaries (initdb, pg_ctl) not found: apt-get install postgresql" >&2
  return 1
}

pg_as() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

# A port nothing on loopback answers on (pg_ctl start fails loudly if it is taken meanwhile).
pg_free_port() {
  local p
  for _ in $(seq 1 100); do
    p=$((20000 + RANDOM % 40000))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then echo "$p"; return 0; fi
  done
  echo "no free loopback port found" >&2
  return 1
}

pg_start() {
  local bin port
  bin=$(pg_bindir)
  port=$(pg_free_port)
  PG_TMP=$(mktemp -d /tmp/scout-pg.XXXXXX)
  if [ "$(id -u)" = 0 ]; then chown postgres: "$PG_TMP"; fi
  chmod 700 "$PG_TMP"
  pg_as "$bin/initdb" -D "$PG_TMP/data" -U scout --auth=trust --encoding=UTF8 --no-locale >"$PG_TMP/initdb.log" 2>&1 ||
    { cat "$PG_TMP/initdb.log" >&2; return 1; }
  # Loopback TCP only; the socket goes to the private folder. fsync off: a test cluster.
  pg_as "$bin/pg_ctl" -D "$PG_TMP/data" -l "$PG_TMP/server.log" -w -t 60 \
    -o "-c listen_addresses=127.0.0.1 -p $port -k $PG_TMP -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
    start >/dev/null || { cat "$PG_TMP/server.log" >&2; return 1; }
  PG_BIN=$bin
  export SCOUT_TEST_DATABASE_URL="postgres://scout@127.0.0.1:$port/postgres"
  trap pg_stop EXIT
  printf '\033[1;34m==>\033[0m PostgreSQL test cluster on 127.0.0.1:%s (%s)\n' "$port" "$PG_TMP" >&2
}

pg_stop() {
  if [ -n "${PG_TMP:-}" ] && [ -d "$PG_TMP/data" ]; then
    pg_as "$PG_BIN/pg_ctl" -D "$PG_TMP/data" -m fast -w stop >/dev/null 2>&1 || true
    rm -rf "$PG_TMP"
  fi
  PG_TMP=
}

if [ "${BASH_SOURCE[0]}" = "$0" ]; then
  [ $# -gt 0 ] || { echo "usage: $0 CMD ARGS..." >&2; exit 2; }
  pg_start
  set +e
  "$@"
  rc=$?
  pg_stop
  exit $rc
fi
