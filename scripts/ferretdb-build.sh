#!/usr/bin/env bash
# Builds FerretDB (a MongoDB-compatible server, Apache-2.0) into .tools/ferretdb for the MongoDB
# tests, from the Go module proxy. Does nothing when the right version is already there; quiet on
# success, prints the build log on failure.
#
# `go install …/cmd/ferretdb@v1.24.2` is not used: the proxy may refuse the module's version list
# (403) during go install's deprecation check, and a binary built as a dependency of another module
# panics at start because build/version/version.txt is empty in the published module. So the
# module source is downloaded, its version file filled in, and built as its own main module.
set -euo pipefail
cd "$(dirname "$0")/.."

VERSION=v1.24.2
DEST=.tools/ferretdb

# The version is read into a variable first: `--version | grep -q` can fail under pipefail when grep
# stops reading early (SIGPIPE), which would trigger a rebuild for nothing.
has_version() {
  local out
  out=$("$1" --version 2>/dev/null) || return 1
  grep -qx "version: $VERSION" <<<"$out"
}

if [ -x "$DEST" ] && has_version "$DEST"; then
  exit 0
fi

GO=$(command -v go || true)
if [ -z "$GO" ] && [ -x /usr/local/go/bin/go ]; then GO=/usr/local/go/bin/go; fi
if [ -z "$GO" ]; then
  echo "ferretdb-build: Go is needed to build FerretDB $VERSION for the MongoDB tests (https://go.dev/dl/)" >&2
  exit 1
fi

mkdir -p "$(dirname "$DEST")"
# Test files loading in parallel may all find it missing; one builds, the others wait and reuse it.
if command -v flock >/dev/null 2>&1; then
  exec 9>"$(dirname "$DEST")/.ferretdb-build.lock"
  flock 9
  if [ -x "$DEST" ] && has_version "$DEST"; then exit 0; fi
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
log="$work/build.log"

build() {
  local dir
  dir=$("$GO" mod download -json "github.com/FerretDB/FerretDB@$VERSION" | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p')
  [ -n "$dir" ] || { echo "module source not found after go mod download" >&2; return 1; }
  cp -R "$dir" "$work/src"
  chmod -R u+w "$work/src"
  echo "$VERSION" > "$work/src/build/version/version.txt"
  echo "wijkverbinder-tests" > "$work/src/build/version/package.txt"
  (cd "$work/src" && "$GO" build -buildvcs=false -trimpath -o "$work/ferretdb" ./cmd/ferretdb)
  has_version "$work/ferretdb" || { echo "the built binary does not report $VERSION" >&2; return 1; }
}

if ! build >"$log" 2>&1; then
  echo "ferretdb-build: building FerretDB $VERSION failed:" >&2
  cat "$log" >&2
  exit 1
fi
# Moved into place whole, so a test starting meanwhile never runs a half-written binary.
mv "$work/ferretdb" "$DEST.tmp.$$"
mv "$DEST.tmp.$$" "$DEST"
