#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Runs `jssim init` on every contracts CSV of the bad corpus, and on hostile ones.

    check_bad_csv.py --jssim build/release/app/jssim --tmp /tmp/bad-csv tests/bad-csv

`expected.txt` holds one line per file, `NAME.csv LINE:COLUMN fragment` (`-` for a line or
column the problem has none of). For each, `jssim init --history FILE --out DIR/s.yaml
--today 2026-11-26` must exit with status 2 (never 1, a bug's, never a signal), print
exactly one problem, on a line that starts `FILE:LINE:COLUMN: ` and contains the fragment,
and leave DIR/s.yaml unwritten. Then, generated here: a file over 4 MiB, a sheet of more
than 20,000 rows, an --out that exists (kept without --force, replaced with it), and a bad
sheet with --force (the existing file stays). Prints one line per failure; exits 1 if any.
"""
from __future__ import annotations

import pathlib
import re
import subprocess
import sys

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1] / "support"))
import jssim_check  # noqa: E402

TODAY = "2026-11-26"
GOOD = ("id,client,type,started,ended,earned,last_paid,stars\n"
        "logo,acme,fixed,2026-05-25,2026-06-12,1500,2026-06-12,5.0\n"
        "teaser,bolt,fixed,2026-06-15,2026-07-10,1200,2026-07-10,5.0\n")


def init(jssim: str, csv: pathlib.Path, out: pathlib.Path,
         *extra: str) -> subprocess.CompletedProcess:
    return jssim_check.run([jssim, "init", "--history", str(csv), "--out", str(out),
                            "--today", TODAY, *extra], timeout=60)


def problems_in(stderr: str, path: str) -> list[str]:
    return [l for l in stderr.splitlines()
            if l.startswith(path + ":") and not re.search(r": \d+ problems? found", l)]


def check_file(jssim: str, path: pathlib.Path, where: str, fragment: str,
               tmp: pathlib.Path) -> list[str]:
    out = jssim_check.fresh_folder(tmp / path.stem) / "s.yaml"
    done = init(jssim, path, out)
    failures = []
    if done.returncode != 2:
        failures.append(f"{path.name}: exit status {done.returncode}, expected 2\n{done.stderr}")
    problems = problems_in(done.stderr, str(path))
    if len(problems) != 1:
        failures.append(f"{path.name}: expected exactly one problem, got {len(problems)}:\n"
                        f"{done.stderr}")
    else:
        line, _, column = where.partition(":")
        prefix = str(path) + ":"
        if line != "-":
            prefix += line + ":"
            if column not in ("", "-"):
                prefix += column + ":"
        if not problems[0].startswith(prefix + " "):
            failures.append(f"{path.name}: expected the problem at {prefix}, got:\n{problems[0]}")
        if fragment not in problems[0]:
            failures.append(f"{path.name}: expected `{fragment}` in:\n{problems[0]}")
    if out.exists():
        failures.append(f"{path.name}: {out} was written")
    return failures


def check_generated(jssim: str, tmp: pathlib.Path) -> list[str]:
    failures = []
    folder = jssim_check.fresh_folder(tmp / "generated")
    out = folder / "s.yaml"
    big = folder / "big.csv"
    big.write_bytes(GOOD.encode() + b"x" * (4 * 1024 * 1024))
    rows = folder / "rows.csv"
    rows.write_text("id,client,started\n" +
                    "".join(f"c{i},client{i % 50},2026-01-01\n" for i in range(20002)))
    for csv, fragment in ((big, "more than the 4194304 a contracts CSV may be"),
                          (rows, "more than 20000 rows of contracts")):
        done = init(jssim, csv, out)
        if done.returncode != 2 or fragment not in done.stderr or out.exists():
            failures.append(f"{csv.name}: expected exit 2, `{fragment}` and no {out.name}; got "
                            f"{done.returncode}:\n{done.stderr[:2000]}")
    good = folder / "good.csv"
    good.write_text(GOOD)
    out.write_text("# hers\n")
    done = init(jssim, good, out)
    if done.returncode != 2 or "give --force" not in done.stderr or out.read_text() != "# hers\n":
        failures.append(f"an existing --out: expected exit 2, `give --force`, the file kept; got "
                        f"{done.returncode}:\n{done.stderr}")
    bad = folder / "bad.csv"
    bad.write_text(GOOD.replace("2026-06-12,1500", "12/06/2026,1500"))
    done = init(jssim, bad, out, "--force")
    if done.returncode != 2 or out.read_text() != "# hers\n":
        failures.append(f"a bad sheet with --force: expected exit 2 and the old file kept; got "
                        f"{done.returncode}:\n{done.stderr}")
    done = init(jssim, good, out, "--force")
    if done.returncode != 0 or not out.read_text().startswith("# A scenario written by"):
        failures.append(f"--force: expected the file replaced; got {done.returncode}:\n"
                        f"{done.stderr}")
    leftovers = [p.name for p in folder.iterdir() if p.name.startswith(".")]
    if leftovers:
        failures.append(f"temporaries left behind: {leftovers}")
    return failures


def main() -> int:
    parser = jssim_check.arguments(__doc__)
    parser.add_argument("folder", type=pathlib.Path, help="tests/bad-csv")
    args = parser.parse_args()
    expected = {}
    for line in (args.folder / "expected.txt").read_text(encoding="utf-8").splitlines():
        name, where, fragment = line.split(" ", 2)
        expected[name] = (where, fragment)
    files = jssim_check.files_in([args.folder], "*.csv")
    failures = []
    for path in files:
        if path.name not in expected:
            failures.append(f"{path.name}: no line in expected.txt")
            continue
        failures += check_file(args.jssim, path, *expected[path.name], args.tmp)
    for name in sorted(set(expected) - {p.name for p in files}):
        failures.append(f"{name}: in expected.txt, but no such file")
    failures += check_generated(args.jssim, args.tmp)
    return jssim_check.report(failures, f"{len(files)} bad contracts CSVs and 5 generated cases, "
                                        f"{len(failures)} failures")


if __name__ == "__main__":
    sys.exit(main())
