#!/usr/bin/env bash
# Fuzzes the front end (tokenizer, parser, compiler) with libFuzzer for a
# bounded time: builds tests/fuzz/compile_fuzzer with clang, ASan and UBSan in
# build-fuzz/, seeds it with every script in tests/scripts and every past
# finding in tests/fuzz/regressions, and runs it for FUZZ_SECONDS (default
# 180). FUZZ_BUILD=DIR reuses a build already configured that way (CI
# passes build-asan, which scripts/run-sanitizers.sh configures with
# -DFTPY_FUZZ=ON). Exits non-zero on any crash, hang or sanitizer report; the input is
# left in build-fuzz/findings/. Fix the bug, then copy the input to
# tests/fuzz/regressions/ so `ctest` replays it in every build.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
seconds=${FUZZ_SECONDS:-180}
bash "$root/scripts/install-deps.sh"
build="$root/${FUZZ_BUILD:-build-fuzz}"
if [ -z "${FUZZ_BUILD:-}" ]; then
  CC=clang CXX=clang++ cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DFTPY_FUZZ=ON \
    -DFTPY_SANITIZE=address,undefined -DFTPY_SYSTEM_MALLOC=ON -DFTPY_BENCH=OFF > /dev/null
fi
cmake --build "$build" --target compile_fuzzer -j "$(nproc)"
rm -rf "$build/corpus" "$build/findings" "$build"/fuzz-*.log
mkdir -p "$build/corpus" "$build/findings"
cp "$root"/tests/scripts/*.py "$build/corpus/"
cp "$root"/tests/fuzz/regressions/* "$build/corpus/" 2>/dev/null || true
echo "fuzzing the compiler for ${seconds}s on $(nproc) workers"
export ASAN_OPTIONS=detect_leaks=0:abort_on_error=1
export UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1
cd "$build"  # libFuzzer writes fuzz-N.log into the working directory
"$build/tests/fuzz/compile_fuzzer" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=4096 -max_len=8192 \
  -dict="$root/tests/fuzz/python.dict" -artifact_prefix="$build/findings/" \
  -jobs="$(nproc)" -workers="$(nproc)" -print_final_stats=1 "$build/corpus" > "$build/fuzz.log" 2>&1 || true
cat "$build/fuzz.log"
cat "$build"/fuzz-*.log 2>/dev/null | grep -E "^(#[0-9]+ *DONE|stat::number_of_executed_units|==[0-9]+==ERROR|SUMMARY)" || true
if ls "$build/findings/"* > /dev/null 2>&1; then
  echo "fuzzing found inputs that crash or hang the compiler:" >&2
  ls -l "$build/findings/" >&2
  tail -n 60 "$build"/fuzz-*.log >&2 || true
  exit 1
fi
echo "fuzzing: no findings"
