#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
# Instructions per strategy-run of `jssim run`, counted by callgrind (bench/README.md).
"""Counts the instructions of one strategy-run of `jssim run`, with valgrind's callgrind.

    bench/instructions.py [--jssim build/release/app/jssim] [--runs N] [SCENARIO.yaml ...]

For each scenario (default: scenarios/seed-story.yaml with 1,000 runs and bench/heavy.yaml with
200), runs `jssim run` on one thread under callgrind with N and with 2N runs, and divides the
difference by N times the number of strategies: what is the same for any number of runs
(loading, planning, writing the files) cancels out. Instruction counts do not move with the
machine's load, unlike the times; they take about a minute.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
DEFAULTS = [(os.path.join(ROOT, "scenarios", "seed-story.yaml"), 1000),
            (os.path.join(ROOT, "bench", "heavy.yaml"), 200)]


def instructions(jssim: str, scenario: str, runs: int, work: str) -> int:
    out = os.path.join(work, "callgrind.out")
    done = subprocess.run(
        ["valgrind", "--tool=callgrind", f"--callgrind-out-file={out}", jssim, "run", scenario,
         "--runs", str(runs), "--threads", "1", "--out", os.path.join(work, "out")],
        capture_output=True, text=True, check=False)
    if done.returncode != 0:
        sys.exit(f"instructions: jssim run {scenario} failed under valgrind:\n{done.stderr}")
    found = re.search(r"Collected : (\d+)", done.stderr)
    if not found:
        sys.exit(f"instructions: no count in valgrind's output:\n{done.stderr}")
    return int(found.group(1))


def strategies(jssim: str, scenario: str, work: str) -> int:
    out = os.path.join(work, "count")
    subprocess.run([jssim, "run", scenario, "--runs", "1", "--threads", "1", "--out", out],
                   capture_output=True, check=True)
    with open(os.path.join(out, "summary.csv"), encoding="utf-8") as f:
        return sum(1 for _ in f) - 1


def main(argv: list | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("scenarios", nargs="*")
    ap.add_argument("--jssim", default=os.path.join(ROOT, "build", "release", "app", "jssim"))
    ap.add_argument("--runs", type=int, help="N (default 1,000 for the seed story, 200 else)")
    args = ap.parse_args(argv)
    if shutil.which("valgrind") is None:
        print("instructions: valgrind is not installed: no instruction counts")
        return 0
    todo = [(s, args.runs or 1000) for s in args.scenarios] if args.scenarios else \
        [(s, args.runs or n) for s, n in DEFAULTS]
    work = tempfile.mkdtemp(prefix="jssim-instructions.")
    try:
        for scenario, runs in todo:
            n = strategies(args.jssim, scenario, work)
            once = instructions(args.jssim, scenario, runs, work)
            twice = instructions(args.jssim, scenario, 2 * runs, work)
            per = (twice - once) / (runs * n)
            print(f"instructions/{os.path.basename(scenario)}: {per:,.0f} per strategy-run "
                  f"({n} strategies, {runs:,} and {2 * runs:,} runs: {once:,} and {twice:,})")
    finally:
        shutil.rmtree(work)
    return 0


if __name__ == "__main__":
    sys.exit(main())
