#!/usr/bin/env bash
# Installs, builds, and runs every test (GoogleTest units and the script
# tests checked against CPython 3.11's recorded output).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
bash "$root/scripts/install-deps.sh"
bash "$root/scripts/build.sh" "$root/build"
cd "$root/build"
ctest -j "$(nproc)" --output-on-failure
