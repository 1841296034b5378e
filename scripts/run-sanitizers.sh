#!/usr/bin/env bash
# Builds and tests the sanitizer variants (CI runs this after run-tests.sh):
#   build-tsan      free-threaded, ThreadSanitizer: unit tests, every stress
#                   script without and with -X gil=1, every adversarial script
#   build-asan      free-threaded, AddressSanitizer + UndefinedBehaviorSanitizer: every test
#   build-asan-gil  GIL build, AddressSanitizer + UndefinedBehaviorSanitizer: every test
# All check the threading contracts (-DFTPY_DEBUG=ON, include/ftpy/contracts.h)
# and use the system allocator (-DFTPY_SYSTEM_MALLOC=ON): the sanitizers
# cannot see inside mimalloc. Leak detection is on for the unit tests of the
# ASan builds, with immortal objects excluded (make_immortal registers them
# with LeakSanitizer); off for the scripts: like CPython, ftpy does not free
# every module and frame at exit, and has no cycle collector yet.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
bash "$root/scripts/install-deps.sh"
export TSAN_OPTIONS="halt_on_error=1 second_deadlock_stack=1"
export ASAN_OPTIONS="detect_leaks=0 abort_on_error=1"
export UBSAN_OPTIONS="halt_on_error=1 print_stacktrace=1"

echo "== build-tsan (free-threaded, ThreadSanitizer)"
bash "$root/scripts/build.sh" "$root/build-tsan" -DFTPY_SANITIZE=thread -DFTPY_SYSTEM_MALLOC=ON -DFTPY_BENCH=OFF -DFTPY_DEBUG=ON
"$root/build-tsan/tests/ftpy_unit_tests" --gtest_brief=1
for script in "$root"/tests/stress/*.py; do
  for mode in "" "-X gil=1"; do
    echo "tsan: $(basename "$script") $mode"
    # shellcheck disable=SC2086
    timeout 600 "$root/build-tsan/ftpy" $mode "$script" > /dev/null
  done
done
# The adversarial scripts once each (about 5 minutes under TSan on 2 cores);
# -X gil=1 runs them in the release and ASan builds' CTest.
for script in "$root"/tests/stress/adversarial/*.py; do
  echo "tsan: adversarial/$(basename "$script")"
  # The deep chains at a third of their CTest size: 1,000,000-node chains
  # (10,000,000 tuples) took 490 s of the 600 under TSan on 2 cores.
  args=()
  [ "$(basename "$script")" = deep_graphs_any_thread.py ] && args=(300000)
  timeout 600 "$root/build-tsan/ftpy" "$script" "${args[@]}" > /dev/null
done

for variant in "build-asan" "build-asan-gil -DFTPY_GIL=ON"; do
  read -r dir flags <<< "$variant"
  echo "== $dir ${flags:-(free-threaded)}, AddressSanitizer + UndefinedBehaviorSanitizer"
  # shellcheck disable=SC2086
  bash "$root/scripts/build.sh" "$root/$dir" -DFTPY_SANITIZE=address,undefined -DFTPY_SYSTEM_MALLOC=ON \
    -DFTPY_BENCH=OFF -DFTPY_DEBUG=ON $flags
  echo "asan: unit tests with LeakSanitizer"
  ASAN_OPTIONS="detect_leaks=1 abort_on_error=1" "$root/$dir/tests/ftpy_unit_tests" --gtest_brief=1
  # The experiments test times workloads; under ASan it is slow and the stress
  # scripts already cover the same threaded paths.
  (cd "$root/$dir" && ctest -j "$(nproc)" --output-on-failure -E "^experiments$")
done
