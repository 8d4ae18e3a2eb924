#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
# Two jssim binaries compared run by run on the same scenarios (issue 20).
"""Runs two jssim binaries on the same scenarios and compares every output file.

    bench/compare_engines.py OLD_JSSIM NEW_JSSIM [--count 200] [--seed 1] [--runs 200]
                             [--keep DIR] [SCENARIO.yaml ...]

For each scenario (the files named, then COUNT generated ones) both binaries run
`jssim run FILE --per-run --threads 1 --runs RUNS --out DIR`; summary.csv, curve.csv and
compare.csv must be byte-identical, and runs.csv identical in every field but earned_usd,
whose printed values must agree to the cent (its last bits may move with the order of
summation). A generated scenario is a random history of tests/reference/random_histories.py
(dates on the scorer's edges, score overrides, open contracts with futures) given a random
pipeline (fixed and hourly job types, ghosts, rehires, close delays, max_parallel) and random
strategies (own closes of its open contracts, stale closes, accept lists, proposal rates,
until_recovered). The same seed gives the same scenarios.

Prints `compare_engines: N scenarios (G generated), R strategy-runs, M mismatches` and exits
1 on a mismatch (naming the file and the first differing line, keeping the directory), 2 if a
binary fails where the other does not.
"""

from __future__ import annotations

import argparse
import csv
import io
import os
import random
import shutil
import subprocess
import sys
import tempfile

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "tests", "reference"))
import random_histories  # noqa: E402

EXACT_FILES = ("summary.csv", "curve.csv", "compare.csv")
# Scenarios whose runs.csv differ in earned_usd's last digits only.
RUNS_DIFFER_IN_LAST_BITS = 0


def _dist(r: random.Random, lo: float, hi: float) -> str:
    """A random distribution of values in about [lo, hi]."""
    kind = r.choice(["fixed", "uniform", "triangular", "exponential", "lognormal", "choice"])
    a = round(r.uniform(lo, hi), 1)
    b = round(r.uniform(a, hi * 1.5 + 1), 1)
    if kind == "fixed":
        return str(a)
    if kind == "uniform":
        return f"{{uniform: [{a}, {b}]}}"
    if kind == "triangular":
        m = round(r.uniform(a, b), 1)
        return f"{{triangular: [{a}, {m}, {b}]}}"
    if kind == "exponential":
        return f"{{exponential: {{mean: {max(a, 0.5)}}}}}"
    if kind == "lognormal":
        med = max(a, 0.5)
        return f"{{lognormal: {{median: {med}, p90: {max(b, med)}}}}}"
    p = round(r.uniform(0.1, 0.9), 3)
    return f"{{choice: {{{a}: {p}, {b}: {round(1 - p, 3)}}}}}"


def _pipeline(r: random.Random) -> tuple[list[str], list[str]]:
    """The pipeline block and the job type names."""
    names = []
    lines = ["pipeline:", f"  proposals_per_week: {r.choice([2, 5, 8, 12, 20, 30])}"]
    if r.random() < 0.6:
        lines.append(f"  max_parallel: {r.randint(1, 5)}")
    lines.append("  jobs:")
    tables = ["good", "mixed"]
    for j in range(r.randint(1, 4)):
        name = f"job {j}"
        names.append(name)
        hourly = r.random() < 0.4
        fields = [f"name: {name}", f"win_rate: {r.choice([0.01, 0.03, 0.06, 0.1, 0.2])}",
                  f"type: {'hourly' if hourly else 'fixed'}",
                  f"duration_days: {_dist(r, 0, 120 if hourly else 20)}"]
        if hourly:
            fields.append(f"weekly_usd: {_dist(r, 0, 600)}")
        else:
            fields.append(f"value_usd: {_dist(r, 10, 2000)}")
        if r.random() < 0.7:
            fields.append(f"close_delay_days: {_dist(r, 0, 10)}")
        if r.random() < 0.5:
            fields.append(f"ghost: {r.choice([0.02, 0.1, 0.5])}")
        if r.random() < 0.6:
            fields.append(f"rehire: {r.choice([0.1, 0.3, 0.8])}")
        if r.random() < 0.5:
            fields.append(f"outcomes: {r.choice(tables)}")
        lines.append("    - {" + ", ".join(fields) + "}")
    lines += [
        "  outcomes:",
        "    good:",
        "      - {p: 0.85, stars: 5.0, private: 10}",
        "      - {p: 0.05, stars: 4.0, private: 7}",
        "      - {p: 0.05, stars: 2.0, private: 2}",
        "      - {p: 0.05, feedback: none}",
        "    mixed:",
        "      - {p: 0.4, stars: 5.0, private: 9}",
        "      - {p: 0.2, stars: 3.0}",
        "      - {p: 0.1, private: 5}",
        "      - {p: 0.3, feedback: none}",
    ]
    return lines, names


def _strategies(r: random.Random, jobs: list[str], open_ids: list[str], today: str) -> list[str]:
    lines = ["strategies:", "  - name: wait"]
    for s in range(r.randint(0, 4)):
        fields = [f"name: strategy {s}"]
        if r.random() < 0.5:
            fields.append(f"proposals_per_week: {r.choice([0, 3, 10, 15, 40])}")
        if r.random() < 0.3:
            fields.append(f"max_parallel: {r.randint(1, 6)}")
        if r.random() < 0.4:
            fields.append("accept: [" + ", ".join(r.sample(jobs, r.randint(1, len(jobs)))) + "]")
        if open_ids and r.random() < 0.5:
            closes = []
            for cid in r.sample(open_ids, r.randint(1, len(open_ids))):
                on = f", on: {today}" if r.random() < 0.3 else ""
                closes.append(f"{{contract: {cid}{on}}}")
            fields.append("close: [" + ", ".join(closes) + "]")
        if r.random() < 0.4:
            fields.append(f"close_stale_after_days: {r.choice([0, 7, 30, 60])}")
        if r.random() < 0.4:
            fields.append(f"own_close_feedback: {r.choice([0, 0.3, 1])}")
        if r.random() < 0.4:
            fields.append("until_recovered: true")
        lines.append("  - {" + ", ".join(fields) + "}")
    return lines


def generate(index: int, rng: random.Random) -> str:
    """A random history with a random pipeline, strategies and simulation."""
    text = random_histories.Generator(rng).scenario(index)
    head, _, tail = text.partition("pipeline:\n")
    # The history generator's fixed pipeline and simulation lines are replaced;
    # its `score:` block stays.
    score = tail[tail.find("score:"):] if "score:" in tail else ""
    today = next(line.split(":", 1)[1].strip() for line in head.splitlines()
                 if line.strip().startswith("today:"))
    open_ids = []
    for line in head.splitlines():
        if "id: " in line and "ended:" not in line:
            open_ids.append(line.split("id: ", 1)[1].split(",", 1)[0])
    pipeline, jobs = _pipeline(rng)
    lines = [head.rstrip("\n")] + pipeline + _strategies(rng, jobs, open_ids, today)
    target = "{jss: %d, hold: %d}" % (rng.choice([80, 90, 90, 95]), rng.choice([1, 1, 2]))
    if rng.random() < 0.15:
        target = "{top_rated: true}"
    lines.append(f"simulation: {{horizon_months: {rng.choice([3, 6, 12, 24, 36])}, "
                 f"seed: {rng.randint(1, 10**6)}, target: {target}}}")
    return "\n".join(lines) + "\n" + score


def _run(jssim: str, scenario: str, out: str, runs: int) -> subprocess.CompletedProcess:
    return subprocess.run([jssim, "run", scenario, "--per-run", "--threads", "1", "--runs",
                           str(runs), "--out", out], capture_output=True, text=True, check=False)


def _runs_rows(path: str) -> list[list[str]]:
    with open(path, newline="", encoding="utf-8") as f:
        return list(csv.reader(f))


def compare_dirs(a: str, b: str) -> str | None:
    """None when the outputs agree, else what differs first."""
    for name in EXACT_FILES:
        pa, pb = os.path.join(a, name), os.path.join(b, name)
        if os.path.exists(pa) != os.path.exists(pb):
            return f"{name}: written by one binary only"
        if not os.path.exists(pa):
            continue
        with open(pa, "rb") as fa, open(pb, "rb") as fb:
            la, lb = fa.read().splitlines(), fb.read().splitlines()
        if la != lb:
            for i, (x, y) in enumerate(zip(la, lb)):
                if x != y:
                    return f"{name} line {i + 1}: {x!r} != {y!r}"
            return f"{name}: {len(la)} lines != {len(lb)} lines"
    with open(os.path.join(a, "runs.csv"), "rb") as fa, open(os.path.join(b, "runs.csv"), "rb") as fb:
        if fa.read() == fb.read():
            return None
    global RUNS_DIFFER_IN_LAST_BITS  # noqa: PLW0603
    ra, rb = _runs_rows(os.path.join(a, "runs.csv")), _runs_rows(os.path.join(b, "runs.csv"))
    if len(ra) != len(rb) or not ra:
        return f"runs.csv: {len(ra)} rows != {len(rb)} rows"
    if ra[0] != rb[0]:
        return f"runs.csv header: {ra[0]} != {rb[0]}"
    money = ra[0].index("earned_usd")
    for i, (x, y) in enumerate(zip(ra[1:], rb[1:])):
        if x[:money] + x[money + 1:] != y[:money] + y[money + 1:]:
            return f"runs.csv line {i + 2}: {x} != {y}"
        if round(float(x[money]) * 100) != round(float(y[money]) * 100):
            return f"runs.csv line {i + 2}: earned_usd {x[money]} != {y[money]} (by a cent)"
    RUNS_DIFFER_IN_LAST_BITS += 1
    return None


def main(argv: list | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("old")
    ap.add_argument("new")
    ap.add_argument("scenarios", nargs="*")
    ap.add_argument("--count", type=int, default=200)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--runs", type=int, default=200)
    ap.add_argument("--keep", help="write the scenarios and outputs here and keep them")
    args = ap.parse_intermixed_args(argv)

    work = args.keep or tempfile.mkdtemp(prefix="compare_engines.")
    os.makedirs(work, exist_ok=True)
    rng = random.Random(args.seed)
    files = list(args.scenarios)
    for i in range(args.count):
        path = os.path.join(work, f"generated-{i:04d}.yaml")
        with open(path, "w", encoding="utf-8") as f:
            f.write(generate(i, rng))
        files.append(path)

    mismatches = 0
    strategy_runs = 0
    compared = 0
    refused = 0
    for k, path in enumerate(files):
        a, b = os.path.join(work, f"old-{k:04d}"), os.path.join(work, f"new-{k:04d}")
        ra, rb = _run(args.old, path, a, args.runs), _run(args.new, path, b, args.runs)
        if ra.returncode != rb.returncode:
            print(f"{path}: exit {ra.returncode} (old) != {rb.returncode} (new)\n"
                  f"{ra.stderr}{rb.stderr}", file=sys.stderr)
            return 2
        if ra.returncode != 0:
            # Both refuse it (an observed score no draw gives, say): the same message?
            if ra.stderr != rb.stderr:
                print(f"{path}: both refuse it, differently:\n{ra.stderr}{rb.stderr}",
                      file=sys.stderr)
                mismatches += 1
            refused += 1
            continue
        diff = compare_dirs(a, b)
        compared += 1
        strategy_runs += len(_runs_rows(os.path.join(a, "runs.csv"))) - 1
        if diff is not None:
            mismatches += 1
            print(f"{path}: {diff}", file=sys.stderr)
        else:
            shutil.rmtree(a)
            shutil.rmtree(b)
    print(f"compare_engines: {len(files)} scenarios ({args.count} generated), {compared} "
          f"compared, {refused} refused by both, {strategy_runs} strategy-runs, "
          f"{mismatches} mismatches; runs.csv byte-identical in all but "
          f"{RUNS_DIFFER_IN_LAST_BITS} (earned_usd's last digits)")
    if mismatches == 0 and not args.keep:
        shutil.rmtree(work)
    elif mismatches:
        print(f"compare_engines: kept {work}", file=sys.stderr)
    return 1 if mismatches else 0


if __name__ == "__main__":
    sys.exit(main())
