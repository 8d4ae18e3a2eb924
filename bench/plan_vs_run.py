#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Times `jssim plan` against `jssim run` of the same plans written as strategies, at the run
count where the race stopped (docs/plan.md, "Speed").

    bench/plan_vs_run.py [--jssim build/release/app/jssim] [--scenario bench/plan-24.yaml]
                         [--threads 2] [--repeat 3]

Prints, for each command, the best wall-clock and CPU time (user + system, of the child) of
--repeat runs, and the strategy-runs each played.
"""
import argparse
import csv
import os
import resource
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests", "app"))
from check_plan import parse_plan_name, strategy_yaml  # noqa: E402

import yaml  # noqa: E402


def timed(cmd):
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(cmd, capture_output=True, text=True)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0:
        sys.exit(f"{' '.join(cmd)} failed:\n{done.stderr}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu, done.stdout


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    ap = argparse.ArgumentParser()
    ap.add_argument("--jssim", default=os.path.join(here, "..", "build", "release", "app", "jssim"))
    ap.add_argument("--scenario", default=os.path.join(here, "plan-24.yaml"))
    ap.add_argument("--threads", default="2")
    ap.add_argument("--runs-max", default=None)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    scenario = os.path.abspath(args.scenario)
    tmp = tempfile.mkdtemp(prefix="jssim-plan-bench-")
    extra = ["--runs-max", args.runs_max] if args.runs_max else []
    plan_cmd = [args.jssim, "plan", scenario, "--threads", args.threads, "--out",
                os.path.join(tmp, "plan")] + extra
    plan_times = [timed(plan_cmd) for _ in range(args.repeat)]
    with open(os.path.join(tmp, "plan", "plan.csv"), newline="") as f:
        rows = list(csv.DictReader(f))
    played = [r for r in rows if int(r["runs"]) > 0]
    runs = max(int(r["runs"]) for r in played)
    plays = sum(int(r["runs"]) for r in played)
    strategies = [strategy_yaml(r["plan"], parse_plan_name(r["plan"])) for r in played]
    as_run = os.path.join(tmp, "as-run.yaml")
    with open(as_run, "w") as f:
        # The scenario's own strategy (`wait`, the race's baseline) and the plans.
        yaml.safe_dump({"extends": scenario, "strategies": strategies}, f, sort_keys=False)
    run_cmd = [args.jssim, "run", as_run, "--runs", str(runs), "--threads", args.threads,
               "--out", os.path.join(tmp, "run")]
    run_times = [timed(run_cmd) for _ in range(args.repeat)]
    with open(os.path.join(tmp, "run", "summary.csv"), newline="") as f:
        strategies_run = len(list(csv.DictReader(f)))
    print(f"scenario {args.scenario}: {len(played)} plans played, the race stopped at {runs} runs")
    print(f"  jssim plan: wall {min(t[0] for t in plan_times):.2f} s, "
          f"cpu {min(t[1] for t in plan_times):.2f} s; plan-runs {plays} (+ the baseline's "
          f"{runs} and the pacer's)")
    print(f"  jssim run --runs {runs} of {strategies_run} strategies: wall "
          f"{min(t[0] for t in run_times):.2f} s, cpu {min(t[1] for t in run_times):.2f} s; "
          f"strategy-runs {runs * strategies_run}")
    print(f"  load average: {os.getloadavg()}")


if __name__ == "__main__":
    main()
