#!/usr/bin/env bash
# The main job: install what is missing, then run the quick experiment: build
# the free-threaded and GIL variants, run every workload on 1, 2 and all cores' threads
# (and on python3 for reference), and write experiments/out/ (results.csv,
# report.md, scaling.png, overhead.png). Extra arguments go to the runner,
# e.g. `bash scripts/run-main.sh --threads 1,2,4,8`.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
bash "$root/scripts/install-deps.sh"
python3 "$root/experiments/run.py" --quick "$@"
