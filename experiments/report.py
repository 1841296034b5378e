"""Turns the runner's rows (workload, variant, threads, run, seconds, rss_kb)
into the Markdown report: times, speedups and efficiency, the single-thread
cost of each variant against the GIL build and against CPython, and peak
memory. Shared by run.py and plot.py."""
import math
import statistics


def group(rows):
    """{(workload, variant, threads): [seconds of each run, in run order]}."""
    times = {}
    for r in sorted(rows, key=lambda r: int(r["run"])):
        times.setdefault((r["workload"], r["variant"], int(r["threads"])), []).append(float(r["seconds"]))
    return times


def ordered(rows, key):
    seen = []
    for r in rows:
        if r[key] not in seen:
            seen.append(r[key])
    return seen


def speedup(times, workload, variant, threads, base_threads):
    return statistics.median(times[(workload, variant, base_threads)]) / statistics.median(
        times[(workload, variant, threads)])


def ratios(times, workloads, variant, baseline, threads):
    """Per workload: (median ratio, min per-run ratio, max per-run ratio,
    best-run ratio). The best-run ratio divides the fastest run of each: on a
    shared machine noise only ever adds time, so the minimum is the least
    disturbed estimate (design/experiments.md has how much less it moved)."""
    out = {}
    for w in workloads:
        a, b = times.get((w, variant, threads)), times.get((w, baseline, threads))
        if a and b:
            per_run = [x / y for x, y in zip(a, b)]
            out[w] = (statistics.median(a) / statistics.median(b), min(per_run), max(per_run), min(a) / min(b))
    return out


PYTHON = "python3"


def peak_memory(rows):
    """{(workload, variant, threads): median peak RSS in MB} for rows that
    carry one (CSV files from before rss_kb have none)."""
    kb = {}
    for r in rows:
        if r.get("rss_kb") not in (None, "", "0", 0):
            kb.setdefault((r["workload"], r["variant"], int(r["threads"])), []).append(float(r["rss_kb"]))
    return {k: statistics.median(v) / 1024 for k, v in kb.items()}


def geomean(values):
    values = list(values)
    return math.exp(sum(math.log(v) for v in values) / len(values)) if values else float("nan")


def ratio_table(times, workloads, names, baseline, t0, label, best_runs):
    """Markdown lines: each other variant's single-thread time over
    `baseline`'s, per workload and as geometric means."""
    others = [v for v in names if v != baseline]
    if not others:
        return []
    out = ["", f"## Single-thread time over {label} ({t0} thread; median, min-max of per-run ratios)", ""]
    out.append("| workload | " + " | ".join(others) + " |")
    out.append("| --- |" + " --- |" * len(others))
    table = {v: ratios(times, workloads, v, baseline, t0) for v in others}
    for w in workloads:
        out.append(f"| {w} | " + " | ".join(
            f"{table[v][w][0]:.3f} ({table[v][w][1]:.2f}-{table[v][w][2]:.2f})" for v in others) + " |")
    out.append("| **geometric mean** | " + " | ".join(
        f"**{geomean(r[0] for r in table[v].values()):.3f}**" for v in others) + " |")
    if best_runs:
        out.append("| geometric mean of best-run ratios (fastest run over fastest run) | " + " | ".join(
            f"{geomean(r[3] for r in table[v].values()):.3f}" for v in others) + " |")
    return out


def render(rows, machine, command, variants, pngs, quick):
    times = group(rows)
    workloads, names = ordered(rows, "workload"), ordered(rows, "variant")
    threads = sorted({int(r["threads"]) for r in rows})
    runs = max(int(r["run"]) for r in rows)
    t0 = threads[0]
    out = ["# ftpy experiment report", ""]
    out.append(f"Machine: {machine}.  ")
    out.append(f"Command: `{command}` ({runs} runs per cell, interleaved; "
               f"{'quick (small totals)' if quick else 'full totals'}). Times are medians in seconds.")
    out.append("")
    out.append("| variant | what it is |")
    out.append("| --- | --- |")
    for v in names:
        out.append(f"| {v} | {variants.get(v, 'CPython ' + v + ' (reference)')} |")

    if "gil" in names and "ft" in names and "countdown" in workloads and len(threads) > 1:
        t1 = threads[1]
        out += ["", f"## The classic result (countdown, {t0} vs {t1} threads)", ""]
        for v in names:
            s = speedup(times, "countdown", v, t1, t0)
            out.append(f"- {v}: {statistics.median(times[('countdown', v, t0)]):.3f} s → "
                       f"{statistics.median(times[('countdown', v, t1)]):.3f} s, speedup {s:.2f}x")

    out += ["", "## Time (median, min-max over runs)", ""]
    out.append("| workload | variant | " + " | ".join(f"{t} thr" for t in threads) + " |")
    out.append("| --- | --- |" + " --- |" * len(threads))
    for w in workloads:
        for v in names:
            cells = []
            for t in threads:
                ts = times[(w, v, t)]
                cells.append(f"{statistics.median(ts):.3f} ({min(ts):.3f}-{max(ts):.3f})")
            out.append(f"| {w} | {v} | " + " | ".join(cells) + " |")

    if len(threads) > 1:
        out += ["", f"## Speedup over {t0} thread (parallel efficiency)", ""]
        out.append("| workload | " + " | ".join(f"{v} {t} thr" for v in names for t in threads[1:]) + " |")
        out.append("| --- |" + " --- |" * (len(names) * (len(threads) - 1)))
        for w in workloads:
            cells = []
            for v in names:
                for t in threads[1:]:
                    s = speedup(times, w, v, t, t0)
                    cells.append(f"{s:.2f}x ({s / (t / t0):.0%})")
            out.append(f"| {w} | " + " | ".join(cells) + " |")

    baseline = "gil" if "gil" in names else names[0]
    out += ratio_table(times, workloads, names, baseline, t0, f"{baseline}'s", best_runs=True)
    if PYTHON in names and baseline != PYTHON:
        out += ratio_table(times, workloads, names, PYTHON, t0, f"CPython's ({PYTHON})", best_runs=False)

    memory = peak_memory(rows)
    if memory:
        out += ["", f"## Peak memory ({t0} thread; median peak RSS in MB" +
                (f", and over {PYTHON}'s" if PYTHON in names else "") + ")", ""]
        out.append("| workload | " + " | ".join(names) + " |")
        out.append("| --- |" + " --- |" * len(names))
        ratio_lists = {v: [] for v in names}
        for w in workloads:
            cells = []
            for v in names:
                mb = memory.get((w, v, t0))
                base = memory.get((w, PYTHON, t0))
                if mb is None:
                    cells.append("-")
                elif base and v != PYTHON:
                    ratio_lists[v].append(mb / base)
                    cells.append(f"{mb:.1f} ({mb / base:.2f}x)")
                else:
                    cells.append(f"{mb:.1f}")
            out.append(f"| {w} | " + " | ".join(cells) + " |")
        if PYTHON in names:
            out.append("| **geometric mean of ratios** | " + " | ".join(
                f"**{geomean(ratio_lists[v]):.2f}x**" if ratio_lists[v] else "-" for v in names) + " |")

    if pngs:
        out += ["", "## Plots", ""]
        for png in pngs:
            out.append(f"![{png[:-4]}]({png})")
            out.append("")
    return "\n".join(out).rstrip() + "\n"
