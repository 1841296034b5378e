#!/usr/bin/env bash
# The soak test (design/testing.md, "Soak test"): a mixed multi-threaded
# workload for a fixed number of rounds on each build, checking that resident
# memory is flat after warm-up; then the same check run against a workload
# that leaks on purpose, which must fail it. Needs build/ and build-gil/
# (scripts/run-tests.sh). SOAK_ROUNDS sets the length (CI: 150; default 400,
# about a minute per interpreter on 2 cores).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
rounds=${SOAK_ROUNDS:-400}
for interp in "$root/build/ftpy" "$root/build/ftpy -X gil=1" "$root/build-gil/ftpy"; do
  echo "== soak: $interp, $rounds rounds"
  # --cycles: each round also drops cyclic garbage, which the cycle
  # collector must free for memory to stay flat (design/gc.md).
  python3 "$root/tests/soak/run_soak.py" --interp "$interp" --rounds "$rounds" -- --cycles
done
echo "== soak: the check itself (a workload that keeps 1 MB per round must fail it)"
python3 "$root/tests/soak/run_soak.py" --interp "$root/build/ftpy" --rounds 60 --expect-growth -- --leak
