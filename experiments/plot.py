#!/usr/bin/env python3
"""Plots the runner's results.csv: scaling.png (speedup against threads, one
panel per workload, one line per variant, the ideal line dashed; only with
more than one thread count), overhead.png (single-thread time of each
variant over the GIL build's) and python3.png (over CPython's, when it ran).
Prints the names of the files it wrote.

    /usr/bin/python3 experiments/plot.py experiments/out/results.csv experiments/out
"""
import csv
import math
import os
import statistics
import sys

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

from report import group, ordered, ratios  # noqa: E402


def main():
    csv_path, out_dir = sys.argv[1], sys.argv[2]
    with open(csv_path) as f:
        rows = list(csv.DictReader(f))
    times = group(rows)
    workloads, variants = ordered(rows, "workload"), ordered(rows, "variant")
    threads = sorted({int(r["threads"]) for r in rows})

    written = []
    if len(threads) > 1:
        scaling(times, workloads, variants, threads, out_dir)
        written.append("scaling.png")
    baseline = "gil" if "gil" in variants else variants[0]
    relative(times, workloads, variants, threads[0], baseline, os.path.join(out_dir, "overhead.png"))
    written.append("overhead.png")
    if "python3" in variants and len(variants) > 1:
        relative(times, workloads, variants, threads[0], "python3", os.path.join(out_dir, "python3.png"))
        written.append("python3.png")
    print(" ".join(written))  # run.py reads the names


def scaling(times, workloads, variants, threads, out_dir):
    cols = min(4, len(workloads))
    nrows = math.ceil(len(workloads) / cols)
    fig, axes = plt.subplots(nrows, cols, figsize=(3.2 * cols, 2.8 * nrows), squeeze=False)
    for i, w in enumerate(workloads):
        ax = axes[i // cols][i % cols]
        ax.plot(threads, [t / threads[0] for t in threads], "k--", linewidth=0.8, label="ideal")
        for v in variants:
            base = statistics.median(times[(w, v, threads[0])])
            ax.plot(threads, [base / statistics.median(times[(w, v, t)]) for t in threads], marker="o", label=v)
        ax.set_title(w, fontsize=9)
        ax.set_xticks(threads)
        ax.tick_params(labelsize=7)
        ax.set_ylim(bottom=0)
    for j in range(len(workloads), nrows * cols):
        axes[j // cols][j % cols].axis("off")
    axes[0][0].set_ylabel("speedup")
    handles, labels = axes[0][0].get_legend_handles_labels()
    fig.legend(handles, labels, loc="lower center", ncol=len(labels), fontsize=8)
    fig.suptitle("Speedup over one thread (fixed total work)", fontsize=10)
    fig.tight_layout(rect=(0, 0.05, 1, 0.97))
    fig.savefig(os.path.join(out_dir, "scaling.png"), dpi=90)



def relative(times, workloads, variants, t0, baseline, path):
    others = [v for v in variants if v != baseline]
    fig, ax = plt.subplots(figsize=(max(6, 0.6 * len(workloads) * max(1, len(others))), 3.5))
    width = 0.8 / max(1, len(others))
    for k, v in enumerate(others):
        r = ratios(times, workloads, v, baseline, t0)
        xs = [i + k * width for i in range(len(workloads))]
        med = [r[w][0] for w in workloads]
        err = [[r[w][0] - r[w][1] for w in workloads], [r[w][2] - r[w][0] for w in workloads]]
        ax.bar(xs, med, width, yerr=err, capsize=2, label=v)
    ax.axhline(1.0, color="k", linewidth=0.8)
    ax.set_xticks([i + width * (len(others) - 1) / 2 for i in range(len(workloads))])
    ax.set_xticklabels(workloads, rotation=35, ha="right", fontsize=8)
    ax.set_ylabel(f"1-thread time / {baseline}")
    ax.legend(fontsize=8)
    ax.set_title(f"Single-thread time relative to {baseline} (bars: median; whiskers: min-max per run)", fontsize=9)
    fig.tight_layout()
    fig.savefig(path, dpi=90)


if __name__ == "__main__":
    main()
