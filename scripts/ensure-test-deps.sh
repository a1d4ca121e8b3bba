#!/usr/bin/env bash
# Installs what the tests need outside npm, once: Debian's Chromium for the browser tests and
# FerretDB (a MongoDB-compatible server, built from the Go module proxy) for the MongoDB tests.
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

bash scripts/ferretdb-build.sh
