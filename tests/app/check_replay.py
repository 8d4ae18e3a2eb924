#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""`jssim replay` tells the same story as `jssim run`: for rows of runs.csv
(several strategies, recovered and censored runs), the replay of that
(strategy, run) recovers on the same day and ends with the same JSS, in its CSV
and in its text.

    check_replay.py --jssim build/app/jssim --scenario scenarios/seed-story.yaml \
        [--scenario MORE.yaml ...] --runs 200 --out /tmp/replay --count 20

For each scenario: `jssim run --per-run` into OUT/<scenario name>/, then about
--count rows of its runs.csv replayed. Exits 1 on any difference.
"""
import argparse
import csv
import io
import re
import sys
from pathlib import Path

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "support"))
import jssim_check  # noqa: E402


def pick(rows, count):
    """About `count` rows, spread over the strategies, the runs, and over
    recovered and censored runs where both exist."""
    by_strategy = {}
    for row in rows:
        by_strategy.setdefault(row["strategy"], []).append(row)
    per = max(1, -(-count // len(by_strategy)))
    chosen = []
    for strategy_rows in by_strategy.values():
        groups = [[r for r in strategy_rows if r["recovered"] == "true"],
                  [r for r in strategy_rows if r["recovered"] == "false"]]
        groups = [g for g in groups if g]
        for k, group in enumerate(groups):
            n = per // len(groups) + (1 if k < per % len(groups) else 0)
            step = max(1, len(group) // max(n, 1))
            chosen += group[::step][:n]
    return chosen


def check(args, scenario, row):
    """The problems of one row's replay, as sentences."""
    name, index = row["strategy"], row["run"]
    base = [args.jssim, "replay", scenario, "--strategy", name, "--run", index]
    where = f"{Path(scenario).name}: strategy {name!r}, run {index}"
    problems = []

    days = list(csv.DictReader(io.StringIO(jssim_check.output_of(base + ["--csv"]))))
    if not days:
        return [f"{where}: the replay CSV has no recalculation day"]
    flags = [d["recovered"] for d in days]
    if any(f not in ("true", "false") for f in flags):
        problems.append(f"{where}: recovered holds {sorted(set(flags))}")
    first_true = next((d for d in days if d["recovered"] == "true"), None)
    if first_true and any(f == "false" for f in flags[flags.index("true"):]):
        problems.append(f"{where}: recovered goes back to false after the recovery day")
    if row["recovered"] == "true":
        if row["days"] == "0":
            if first_true is not days[0]:
                problems.append(f"{where}: runs.csv recovers today, the replay does not")
        elif first_true is None:
            problems.append(f"{where}: runs.csv recovers on {row['recovery_date']}, "
                            "the replay never")
        elif (first_true["date"], first_true["days"]) != (row["recovery_date"], row["days"]):
            problems.append(f"{where}: runs.csv recovers on {row['recovery_date']} "
                            f"({row['days']} days), the replay on {first_true['date']} "
                            f"({first_true['days']} days)")
    elif first_true is not None:
        problems.append(f"{where}: runs.csv does not recover, the replay does on "
                        f"{first_true['date']}")
    if days[-1]["jss"] != row["final_jss"]:
        problems.append(f"{where}: final JSS {row['final_jss']!r} in runs.csv, "
                        f"{days[-1]['jss']!r} in the replay CSV")

    text = jssim_check.output_of(base)
    final = re.search(r"^Final JSS (\S+);", text, re.M)
    shown = final.group(1) if final else None
    if shown != (row["final_jss"] or "none"):
        problems.append(f"{where}: the replay text ends with final JSS {shown!r}, "
                        f"runs.csv has {row['final_jss']!r}")
    recovered = re.search(r"^Recovered on (\S+) after (\d+) days", text, re.M)
    if row["recovered"] == "true":
        expected = (row["recovery_date"], row["days"])
        if not recovered or recovered.groups() != expected:
            problems.append(f"{where}: the replay text does not say it recovered on "
                            f"{expected[0]} after {expected[1]} days")
    elif recovered or "Not recovered within the horizon" not in text:
        problems.append(f"{where}: the replay text does not say it did not recover")
    return problems


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--jssim", required=True)
    parser.add_argument("--scenario", required=True, action="append")
    parser.add_argument("--runs", default="200")
    parser.add_argument("--out", required=True, help="folder for jssim run's files")
    parser.add_argument("--count", type=int, default=20, help="rows of runs.csv to replay")
    args = parser.parse_args()

    failed = False
    for scenario in args.scenario:
        out = Path(args.out) / Path(scenario).stem
        jssim_check.output_of([args.jssim, "run", scenario, "--per-run", "--runs", args.runs,
                               "--threads", "2", "--out", str(out)])
        with open(out / "runs.csv", newline="") as f:
            rows = list(csv.DictReader(f))
        chosen = pick(rows, args.count)
        problems = [p for row in chosen for p in check(args, scenario, row)]
        for p in problems:
            print(p)
        strategies = len({r["strategy"] for r in chosen})
        recovered = sum(r["recovered"] == "true" for r in chosen)
        print(f"{Path(scenario).name}: {len(chosen)} replays of {strategies} strategies "
              f"({recovered} recovered, {len(chosen) - recovered} not): {len(problems)} problems")
        failed = failed or bool(problems)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
