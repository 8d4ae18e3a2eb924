#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
# Compares `jssim score --csv` with the reference scorer on random histories.
"""Checks the C++ scorer against tests/reference/jss_reference.py.

    check_score.py PATH/TO/jssim [--count 300] [--seed 1] [--keep DIR] [FILE.yaml ...]

Generates --count random scenarios (random_histories.py) into a temporary directory (or
--keep DIR), scores each with `jssim score FILE --csv` and again with `--at DAY` for every
`# at: DAY` line of the file, and compares with the reference: the same header and rows,
every eligibility flag and displayed value equal, every window score within 0.01. Files
given after the options are checked too (e.g. scenarios/*.yaml). Prints a summary line;
exits 1 on any mismatch (naming the file, the --at day and the rows; the directory is
kept), 2 when the binary cannot be run.
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
sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, HERE)
import jss_reference as ref  # noqa: E402
import random_histories  # noqa: E402

TOLERANCE = 0.01
ROWS = ["3m", "6m", "12m", "24m", "trending", "displayed"]


def parse_csv(text: str) -> dict:
    """{window: (eligible, score text)}; raises ValueError when malformed."""
    lines = [ln.rstrip("\r") for ln in text.strip().splitlines()]
    if not lines or lines[0] != "window,eligible,score":
        raise ValueError(f"header is {lines[0] if lines else 'missing'!r}")
    rows = {}
    for ln in lines[1:]:
        parts = ln.split(",")
        if len(parts) != 3 or parts[1] not in ("true", "false"):
            raise ValueError(f"malformed row {ln!r}")
        rows[parts[0]] = (parts[1] == "true", parts[2])
    if list(rows) != ROWS:
        raise ValueError(f"rows are {list(rows)}, expected {ROWS}")
    return rows


def compare(got: dict, want: dict) -> list:
    """The differences, as readable lines; empty when they agree."""
    out = []
    for key in ROWS:
        (ge, gs), (we, ws) = got[key], want[key]
        if ge != we:
            out.append(f"{key}: eligible {ge} (jssim) vs {we} (reference)")
            continue
        if not we:
            if gs != "":
                out.append(f"{key}: score {gs!r} where not eligible (expected empty)")
            continue
        if key == "displayed":
            if gs != ws:
                out.append(f"displayed: {gs} (jssim) vs {ws} (reference)")
            continue
        try:
            g = float(gs)
        except ValueError:
            out.append(f"{key}: score {gs!r} is not a number")
            continue
        if not re.fullmatch(r"-?\d+\.\d{4}", gs):
            out.append(f"{key}: score {gs!r} does not have 4 decimals")
        if abs(g - float(ws)) > TOLERANCE:
            out.append(f"{key}: {gs} (jssim) vs {ws} (reference)")
    return out


def at_days(path: str) -> list:
    with open(path, encoding="utf-8") as f:
        return re.findall(r"^# at: (\d{4}-\d{2}-\d{2})\s*$", f.read(), re.M)


def reference_csv(path: str, at: str | None) -> str:
    sc = ref.load(path)
    day = ref.parse_date(at, "--at") if at else None
    return "\n".join(ref.csv_lines(ref.score(sc.history, ref.score_day(sc, day), sc.rules)))


def main(argv: list | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("jssim", help="the built jssim binary")
    ap.add_argument("files", nargs="*", help="more scenarios to check")
    ap.add_argument("--count", type=int, default=300)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--keep", help="write the random scenarios here and keep them")
    ap.add_argument("--max-report", type=int, default=20, help="mismatches printed in full")
    args = ap.parse_intermixed_args(argv)

    if not os.access(args.jssim, os.X_OK):
        print(f"check_score: {args.jssim} is not an executable", file=sys.stderr)
        return 2
    outdir = args.keep or tempfile.mkdtemp(prefix="jssim-check-score-")
    random_histories.main([outdir, "--count", str(args.count), "--seed", str(args.seed)])
    files = sorted(os.path.join(outdir, f) for f in os.listdir(outdir) if f.endswith(".yaml"))
    files += args.files

    scorings = 0
    bad_files: list = []
    for path in files:
        for at in [None] + at_days(path):
            cmd = [args.jssim, "score", path, "--csv"] + (["--at", at] if at else [])
            label = path + (f" --at {at}" if at else "")
            scorings += 1
            try:
                run = subprocess.run(cmd, capture_output=True, text=True, timeout=60)
            except (OSError, subprocess.TimeoutExpired) as e:
                print(f"check_score: cannot run {' '.join(cmd)}: {e}", file=sys.stderr)
                return 2
            want = parse_csv(reference_csv(path, at))
            if run.returncode != 0:
                diffs = [f"exit status {run.returncode}: {run.stderr.strip()[:300]}"]
            else:
                try:
                    diffs = compare(parse_csv(run.stdout), want)
                except ValueError as e:
                    diffs = [f"unreadable output ({e}): {run.stdout[:200]!r}"]
            if diffs:
                bad_files.append(label)
                if len(bad_files) <= args.max_report:
                    print(f"MISMATCH {label}")
                    for d in diffs:
                        print(f"  {d}")
    ok = not bad_files
    print(f"check_score: {len(files)} scenarios, {scorings} scorings, "
          f"{len(bad_files)} mismatches" + ("" if ok else f" (files kept in {outdir})"))
    if ok and not args.keep:
        shutil.rmtree(outdir, ignore_errors=True)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
