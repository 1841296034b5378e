#!/usr/bin/env bash
# The main job: install, build, and time the countdown of 50,000,000 on ftpy
# (and on python3 when present, for reference).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
bash "$root/scripts/install-deps.sh"
bash "$root/scripts/build.sh" "$root/build"
echo "== countdown(50_000_000), 1 thread =="
echo -n "ftpy:    "; "$root/build/ftpy" "$root/experiments/countdown.py"
if command -v python3 > /dev/null; then
  echo -n "python3: "; python3 "$root/experiments/countdown.py"
fi
