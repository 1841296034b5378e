#!/usr/bin/env bash
# The main job: install, build, and time the countdown of 50,000,000 on ftpy,
# on one thread and split over two (and on python3 when present, for reference).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
bash "$root/scripts/install-deps.sh"
bash "$root/scripts/build.sh" "$root/build"
for script in countdown countdown_threads; do
  case $script in
    countdown) echo "== countdown(50_000_000), 1 thread ==" ;;
    *) echo "== countdown(25_000_000) on each of 2 threads ==" ;;
  esac
  echo -n "ftpy:    "; "$root/build/ftpy" "$root/experiments/$script.py"
  if command -v python3 > /dev/null; then
    echo -n "python3: "; python3 "$root/experiments/$script.py"
  fi
done
