#!/usr/bin/env bash
# Configures and builds one variant: scripts/build.sh BUILD_DIR [cmake options...]
set -euo pipefail
dir=${1:-build}
shift || true
cmake -S "$(dirname "$0")/.." -B "$dir" -G Ninja -DCMAKE_BUILD_TYPE=Release "$@" > /dev/null
cmake --build "$dir" -j "$(nproc)"
