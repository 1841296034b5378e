#!/usr/bin/env bash
# Installs the Debian packages ftpy builds with (run as root on Debian 12).
# Idempotent: does nothing when everything is present.
set -euo pipefail
packages=(build-essential cmake ninja-build python3 libabsl-dev libmimalloc-dev libgmp-dev
          libgtest-dev libbenchmark-dev python3-matplotlib clang libclang-rt-14-dev
          libicu-dev unicode-data zlib1g-dev libssl-dev libb2-dev libpython3.11-stdlib libpython3.11-testsuite)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "installing: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq "${missing[@]}"
fi
