#!/usr/bin/env bash
# Builds and tests the sanitizer variants (CI runs this after run-tests.sh):
#   build-tsan      free-threaded, ThreadSanitizer: unit tests, every stress
#                   and adversarial script, and the scripts that exercise
#                   the GIL hand-off again under -X gil=1
#   build-asan      free-threaded, clang, AddressSanitizer + UndefinedBehavior-
#                   Sanitizer: every test; compiled with clang's thread-safety
#                   analysis as errors (the Abseil lock annotations), the
#                   portable switch dispatch loop, and the fuzzer's coverage
#                   instrumentation, so that scripts/run-fuzz.sh reuses it
#                   (FUZZ_BUILD=build-asan)
#   build-asan-gil  with ASAN_GIL=1 only (not in CI, for time): the GIL build,
#                   g++, AddressSanitizer + UndefinedBehaviorSanitizer: every test
# All check the threading contracts (-DFTPY_DEBUG=ON, include/ftpy/contracts.h),
# which is what scripts/run-debug.sh's builds add, so CI does not run those,
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
  echo "tsan: $(basename "$script")"
  # The slowest under TSan at a smaller size: 135 s and 56 s at full size
  # on 2 cores (quadratic list.remove and set copies), and 160 s for 2,000
  # threads at once (each TSan thread is costly to create).
  args=()
  case "$(basename "$script")" in
    list_mutation.py) args=(1) ;;
    inplace_updates_shared.py) args=(700) ;;
    thousands_of_threads.py) args=(500) ;;
  esac
  timeout 600 "$root/build-tsan/ftpy" "$script" "${args[@]}" > /dev/null
done
# -X gil=1 once more for the scripts whose threads hand the GIL and the
# objects' locks to each other (blocking, thread start and exit, owner
# hand-off); CTest runs every stress script under -X gil=1 in the release build.
for name in sync_primitives rlock_shared thread_churn exiting_owner_handoff owner_writes \
            shared_dict_reads cross_thread_objects io_shared; do
  echo "tsan: $name.py -X gil=1"
  timeout 600 "$root/build-tsan/ftpy" -X gil=1 "$root/tests/stress/$name.py" > /dev/null
done
# The adversarial scripts once each (about 5 minutes under TSan on 2 cores);
# -X gil=1 runs them in the release build's CTest.
for script in "$root"/tests/stress/adversarial/*.py; do
  echo "tsan: adversarial/$(basename "$script")"
  # The deep chains at a tenth of their CTest size: 1,000,000-node chains
  # (10,000,000 tuples) took 490 s of the 600 under TSan on 2 cores, and
  # 300,000 took 232 s.
  args=()
  [ "$(basename "$script")" = deep_graphs_any_thread.py ] && args=(100000)
  timeout 600 "$root/build-tsan/ftpy" "$script" "${args[@]}" > /dev/null
done

asan=(-DFTPY_SANITIZE=address,undefined -DFTPY_SYSTEM_MALLOC=ON -DFTPY_BENCH=OFF -DFTPY_DEBUG=ON)
dirs=(build-asan)
[ "${ASAN_GIL:-0}" = 1 ] && dirs+=(build-asan-gil)
for dir in "${dirs[@]}"; do
  echo "== $dir, AddressSanitizer + UndefinedBehaviorSanitizer"
  if [ "$dir" = build-asan ]; then
    CC=clang CXX=clang++ bash "$root/scripts/build.sh" "$root/$dir" "${asan[@]}" \
      -DFTPY_THREAD_SAFETY_ANALYSIS=ON -DFTPY_FUZZ=ON -DFTPY_COMPUTED_GOTO=OFF
  else
    bash "$root/scripts/build.sh" "$root/$dir" "${asan[@]}" -DFTPY_GIL=ON
  fi
  echo "asan: unit tests with LeakSanitizer"
  ASAN_OPTIONS="detect_leaks=1 abort_on_error=1" "$root/$dir/tests/ftpy_unit_tests" --gtest_brief=1
  # The experiments test times workloads; under ASan it is slow and the stress
  # scripts already cover the same threaded paths.
  (cd "$root/$dir" && ctest -j "$(nproc)" --output-on-failure -E "^experiments$")
done
