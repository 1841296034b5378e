#!/usr/bin/env bash
# Builds and tests the debug variants (CI runs this after run-tests.sh): the
# checked contracts (-DFTPY_DEBUG=ON, include/ftpy/contracts.h) on, every
# test and stress script, one build of each flavour:
#   build-debug      free-threaded, clang, -Wthread-safety -Werror=thread-safety
#                    over the Abseil annotations (ABSL_GUARDED_BY)
#   build-debug-gil  GIL build, g++, the switch dispatch loop
#                    (-DFTPY_COMPUTED_GOTO=OFF) instead of computed goto
# -Og -g: optimized enough that the stress scripts finish, debuggable.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
bash "$root/scripts/install-deps.sh"
debug=(-DCMAKE_BUILD_TYPE=Debug "-DCMAKE_CXX_FLAGS_DEBUG=-Og -g" -DFTPY_DEBUG=ON -DFTPY_BENCH=OFF)

echo "== build-debug (free-threaded, clang, thread-safety analysis, contracts checked)"
CC=clang CXX=clang++ bash "$root/scripts/build.sh" "$root/build-debug" "${debug[@]}" -DFTPY_THREAD_SAFETY_ANALYSIS=ON
(cd "$root/build-debug" && ctest -j "$(nproc)" --output-on-failure)

echo "== build-debug-gil (GIL, switch dispatch, contracts checked)"
bash "$root/scripts/build.sh" "$root/build-debug-gil" "${debug[@]}" -DFTPY_GIL=ON -DFTPY_COMPUTED_GOTO=OFF
(cd "$root/build-debug-gil" && ctest -j "$(nproc)" --output-on-failure)
