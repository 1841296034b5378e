#!/usr/bin/env python3
"""Runs tests/soak/workload.py and checks that its resident memory stops
growing after warm-up (design/testing.md, "Soak test").

    python3 tests/soak/run_soak.py --interp build/ftpy --rounds 400
    python3 tests/soak/run_soak.py --interp build/ftpy --rounds 60 --expect-growth -- --leak

After each round the workload prints "round N"; the driver then reads the
child's VmRSS from /proc. The first --warmup fraction of the rounds is
warm-up. The check compares the median RSS of the last quarter of the
rounds with the median of the quarter that follows warm-up: growth beyond
--tolerance (a fraction) plus --slack-mb fails. A leak of a constant size
per round shows up as a linear rise between the two windows; a plateau
(allocator caches, QSBR backlog) does not. --expect-growth inverts the
verdict, to show the check can fail (run with the workload's --leak).

Exits 1 on failure and prints the RSS series either way.
"""
import argparse
import os
import statistics
import subprocess
import sys

WORKLOAD = os.path.join(os.path.dirname(os.path.abspath(__file__)), "workload.py")


def rss_kb(pid):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--interp", default=sys.executable, help="interpreter command (default: this python3)")
    ap.add_argument("--rounds", type=int, default=400)
    ap.add_argument("--warmup", type=float, default=0.25, help="fraction of rounds that is warm-up")
    ap.add_argument("--tolerance", type=float, default=0.10, help="allowed relative growth")
    ap.add_argument("--slack-mb", type=float, default=4.0, help="allowed absolute growth")
    ap.add_argument("--expect-growth", action="store_true", help="pass only if memory grows")
    ap.add_argument("workload_args", nargs="*", help="extra workload flags (after --)")
    args = ap.parse_args()

    cmd = args.interp.split() + [WORKLOAD, str(args.rounds)] + args.workload_args
    env = dict(os.environ, PYTHONHASHSEED="0")
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, text=True, env=env)
    series = []
    done = False
    for line in proc.stdout:
        if line.startswith("round "):
            series.append(rss_kb(proc.pid))
        elif line.strip() == "done":
            done = True
    rc = proc.wait()
    if rc != 0 or not done or len(series) != args.rounds:
        print(f"FAIL: workload exited {rc} after {len(series)} of {args.rounds} rounds")
        return 1

    start = max(1, int(args.rounds * args.warmup))
    quarter = max(1, (args.rounds - start) // 4)
    early = statistics.median(series[start:start + quarter])
    late = statistics.median(series[-quarter:])
    growth_kb = late - early
    allowed_kb = early * args.tolerance + args.slack_mb * 1024
    per_round = growth_kb / max(1, args.rounds - quarter - start)
    step = max(1, args.rounds // 20)
    print("RSS MB by round: " + " ".join(f"{i}:{series[i] / 1024:.1f}" for i in range(0, args.rounds, step)))
    print(f"peak {max(series) / 1024:.1f} MB; after warm-up {early / 1024:.1f} MB, "
          f"last quarter {late / 1024:.1f} MB: growth {growth_kb / 1024:+.1f} MB "
          f"({per_round:+.1f} KB/round), allowed {allowed_kb / 1024:.1f} MB")
    grew = growth_kb > allowed_kb
    if args.expect_growth:
        print("ok: growth detected" if grew else "FAIL: expected growth, memory stayed flat")
        return 0 if grew else 1
    print("FAIL: memory keeps growing after warm-up" if grew else "ok: flat after warm-up")
    return 1 if grew else 0


if __name__ == "__main__":
    sys.exit(main())
