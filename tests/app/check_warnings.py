#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Valid but meaningless scenarios: `jssim check` and `jssim run` warn, and still work.

    check_warnings.py --jssim build/release/app/jssim --tmp build/release/tests/tmp/warnings \
        --scenario scenarios/seed-story.yaml

Each case spoils the seed story in one way that loads but means nothing, or that a
spreadsheet would misread (model/scenario_warnings.hpp): `check` must exit 0, print a
`FILE:LINE: KEY: warning:` line holding the fragment and count the warning on its `ok`
line; `run` must print the same warning and exit 0. The seed story itself must get no
warning, so that a check that warns about everything fails. Prints one line per failure
and exits 1 if any.
"""
from __future__ import annotations

import pathlib
import subprocess
import sys

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1] / "support"))
import jssim_check  # noqa: E402

# Every name LibreOffice Calc turned into a number, a date or a formula (issue 19).
SPREADSHEET_NAMES = ["Oct 1", "1/2", "50%", "007", "=1+1", "jan-12", "0042"]


def cases(story: str) -> list[tuple[str, str, str, str]]:
    """(name, scenario text, key path, fragment of the warning)."""
    out = []

    def spoil(name: str, old: str, new: str, key: str, fragment: str) -> None:
        assert old in story, f"{name}: `{old}` is not in the scenario"
        out.append((name, story.replace(old, new, 1), key, fragment))

    spoil("target.jss with top_rated", "target: {jss: 90, hold: 1}",
          "target: {jss: 95, hold: 1, top_rated: true}", "simulation.target.jss", "not used")
    spoil("no recalculation day within the horizon", "simulation:\n",
          "score: {recalc_every_days: 1000}\nsimulation:\n", "score.recalc_every_days",
          "no recalculation day falls within the horizon")
    out[-1] = (out[-1][0], out[-1][1].replace("horizon_months: 24", "horizon_months: 1"),
               out[-1][2], out[-1][3])
    spoil("a strategy identical to the baseline", "  - name: close the dead contract\n",
          "  - name: also wait\n    proposals_per_week: 8\n  - name: close the dead contract\n",
          "strategies[1]", "plays exactly as the baseline `wait`")
    spoil("a close after the horizon", "on: 2026-11-27}", "on: 2029-01-15}",
          "strategies[1].close[0].on", "after the horizon")
    for i, name in enumerate(SPREADSHEET_NAMES):
        quoted = '"' + name + '"'
        spoil(f"the strategy name {name}", "  - name: quick wins\n", f"  - name: {quoted}\n",
              "strategies[2].name", "a spreadsheet opening the CSV files reads")
    spoil("the contract id 0042", "{id: logo,", '{id: "0042",', "history[0].id",
          "a spreadsheet opening")
    return out


def main() -> int:
    args = jssim_check.arguments(__doc__, scenario=True).parse_args()
    jssim_check.fresh_folder(args.tmp)
    story = args.scenario.read_text(encoding="utf-8")
    failures = []

    def run(command: list[str]) -> subprocess.CompletedProcess:
        return jssim_check.run(command, timeout=120)

    clean = run([args.jssim, "check", str(args.scenario)])
    if clean.returncode != 0 or "warning" in clean.stderr + clean.stdout:
        failures.append(f"{args.scenario}: expected no warning, got status "
                        f"{clean.returncode}:\n{clean.stderr}")

    for index, (name, text, key, fragment) in enumerate(cases(story)):
        path = args.tmp / f"case-{index}.yaml"
        path.write_text(text, encoding="utf-8")
        prefix = f"{path}:"
        for verb, extra in [("check", []),
                            ("run", ["--runs", "20", "--threads", "1",
                                     "--out", str(args.tmp / f"out-{index}")])]:
            done = run([args.jssim, verb, str(path), *extra])
            where = f"{name}: jssim {verb}"
            if done.returncode != 0:
                failures.append(f"{where}: exit status {done.returncode}, expected 0\n"
                                f"{done.stderr}")
                continue
            warnings = [line for line in done.stderr.splitlines()
                        if line.startswith(prefix) and f" {key}: warning: " in line]
            if not any(fragment in line for line in warnings):
                failures.append(f"{where}: expected a warning at {key} holding `{fragment}`, "
                                f"got:\n{done.stderr}")
            if verb == "check" and "warning)" not in done.stdout:
                failures.append(f"{where}: the ok line does not count the warning:\n"
                                f"{done.stdout}")
        print(f"{name}: checked")

    return jssim_check.report(failures, f"{len(cases(story))} meaningless scenarios, "
                                        f"{len(failures)} failures")


if __name__ == "__main__":
    sys.exit(main())
