#!/usr/bin/env bash
# Runs a throwaway PostgreSQL server (Debian's package, installed by ensure-test-deps.sh) in the
# foreground, for FerretDB's PostgreSQL backend in the benchmark. Trust authentication on loopback
# only; the data folder is the caller's to delete. PostgreSQL refuses to run as root, so as root it
# runs as the package's `postgres` user.
# Usage: postgres-run.sh <data folder> <port>
set -euo pipefail
DIR=$1
PORT=$2
BIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
if [ -z "$BIN" ]; then
  echo "postgres-run: PostgreSQL is not installed (bash scripts/ensure-test-deps.sh installs it)" >&2
  exit 1
fi
as_owner() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
mkdir -p "$DIR"
if [ "$(id -u)" -eq 0 ]; then chown postgres "$DIR"; fi
if [ ! -f "$DIR/PG_VERSION" ]; then
  as_owner "$BIN/initdb" -D "$DIR" -A trust -U postgres --no-instructions >/dev/null
fi
exec_as() { if [ "$(id -u)" -eq 0 ]; then exec runuser -u postgres -- "$@"; else exec "$@"; fi; }
exec_as "$BIN/postgres" -D "$DIR" -p "$PORT" -k "$DIR" -c listen_addresses=127.0.0.1 -c logging_collector=off
