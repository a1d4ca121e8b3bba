#!/usr/bin/env bash
# Runs FerretDB (built by ferretdb-build.sh when missing) in the foreground for trying the bot on
# its MongoDB store locally:  bash scripts/ferretdb-run.sh  then, in another shell,
# MONGODB_URI=mongodb://127.0.0.1:27017/ npm start
# Usage: ferretdb-run.sh [port] [data folder]   (defaults: 27017, ./data/ferretdb)
set -euo pipefail
cd "$(dirname "$0")/.."
PORT=${1:-27017}
DIR=${2:-./data/ferretdb}
bash scripts/ferretdb-build.sh
mkdir -p "$DIR/sqlite" "$DIR/state"
exec .tools/ferretdb --handler=sqlite --sqlite-url="file:$(cd "$DIR/sqlite" && pwd)/" --listen-addr="127.0.0.1:$PORT" \
  --state-dir="$DIR/state" --debug-addr=- --telemetry=disable --log-level=warn
