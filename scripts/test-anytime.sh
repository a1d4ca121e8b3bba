#!/usr/bin/env bash
# Runs the whole suite at hours, days and in a time zone where a hidden dependency on the wall clock
# would show: Sunday night, Wednesday late evening and a holiday in Amsterdam, and on a machine in
# Los Angeles. Debian's faketime starts the clock at that moment and lets it run; the monotonic clock
# behind timers stays real, so timeouts behave as usual.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v faketime >/dev/null; then
  echo "test-anytime: installing Debian faketime" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq && apt-get install -y -qq faketime >/dev/null
fi
bash scripts/ensure-test-deps.sh

runs=(
  "Europe/Amsterdam|2026-12-06 03:00:00|Sunday 03:00 in Amsterdam"
  "Europe/Amsterdam|2026-12-02 23:30:00|Wednesday 23:30 in Amsterdam"
  "Europe/Amsterdam|2026-12-25 10:00:00|Christmas Day 10:00 in Amsterdam"
  "America/Los_Angeles|2026-12-04 18:00:00|Friday 18:00 in Los Angeles (Saturday 03:00 in Amsterdam)"
)
failed=0
for run in "${runs[@]}"; do
  IFS='|' read -r zone moment label <<<"$run"
  echo "=== test-anytime: $label ===" >&2
  if ! TZ="$zone" FAKETIME_DONT_FAKE_MONOTONIC=1 faketime -f "@$moment" npx jest --runInBand "$@"; then
    echo "=== test-anytime: FAILED at $label ===" >&2
    failed=1
  fi
done
exit "$failed"
