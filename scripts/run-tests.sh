#!/usr/bin/env bash
# Installs, builds, and runs every test (GoogleTest units, the script tests
# checked against CPython 3.11's recorded output, the stress scripts) on both
# builds: the free-threaded one (build/) and the GIL one (build-gil/).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
bash "$root/scripts/install-deps.sh"
for variant in "build" "build-gil -DFTPY_GIL=ON"; do
  read -r dir flags <<< "$variant"
  echo "== $dir ${flags:-(free-threaded)}"
  # shellcheck disable=SC2086
  bash "$root/scripts/build.sh" "$root/$dir" $flags
  (cd "$root/$dir" && ctest -j "$(nproc)" --output-on-failure)
done
