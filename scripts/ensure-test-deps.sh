#!/usr/bin/env bash
# Installs what the tests need outside npm, once: Debian's Chromium for the browser tests,
# FerretDB (a MongoDB-compatible server, built from the Go module proxy) for the MongoDB tests, and
# Debian's PostgreSQL for the benchmark's FerretDB.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ ! -x /usr/bin/chromium ]; then
  echo "ensure-test-deps: installing Debian chromium for the browser tests" >&2
  if [ "$(id -u)" -ne 0 ]; then
    echo "ensure-test-deps: run as root, or install the Debian package 'chromium' first" >&2
    exit 1
  fi
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq chromium >/dev/null
fi

# PostgreSQL for FerretDB's PostgreSQL backend in the benchmark (scripts/postgres-run.sh); the
# MongoDB tests use FerretDB on SQLite and do not need it.
if ! ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "ensure-test-deps: PostgreSQL is missing: the benchmark falls back to FerretDB on SQLite (run as root to install it)" >&2
  else
    echo "ensure-test-deps: installing Debian postgresql for the benchmark's FerretDB" >&2
    export DEBIAN_FRONTEND=noninteractive
    # Not fatal: without it the benchmark measures FerretDB on SQLite and says so.
    { apt-get update -qq && apt-get install -y -qq --no-install-recommends postgresql >/dev/null; } ||
      echo "ensure-test-deps: installing postgresql failed: the benchmark falls back to FerretDB on SQLite" >&2
  fi
fi

bash scripts/ferretdb-build.sh
