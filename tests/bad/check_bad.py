#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Runs `jssim check` and `jssim run` on every scenario of the bad corpus.

    check_bad.py --jssim build/release/app/jssim --tmp build/release/tests/tmp/bad tests/bad

Each file names its one defect in its first line (tests/bad/README.md):

    # expect: line 44: pipeline.jobs[0].win_rate: expected a probability

and both commands must exit with status 2 (never a signal, never 1, the status
of a bug), print exactly one problem, on a line that starts with the file's path
and that line number (`FILE:44:` or `FILE:44:7:`) and contains the fragment, and
`jssim run --out DIR` must leave DIR nonexistent. Prints one line per failure
and exits 1 if any.
"""
from __future__ import annotations

import pathlib
import re
import subprocess
import sys

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1] / "support"))
import jssim_check  # noqa: E402

EXPECT = re.compile(r"^# expect: (?:line (?P<line>\d+): )?(?P<fragment>.+?)\s*$")
TIMEOUT = 60  # seconds; a bad file is refused in milliseconds, a hang fails


def expectation(path: pathlib.Path) -> tuple[int | None, str]:
    first = path.read_text(encoding="utf-8").partition("\n")[0]
    match = EXPECT.match(first)
    if not match:
        raise ValueError(f"{path}: the first line is not `# expect: [line N: ]fragment`")
    line = match.group("line")
    return (int(line) if line else None, match.group("fragment"))


def problems_in(stderr: str, path: str) -> list[str]:
    """The diagnostic lines about `path`, without check's closing count."""
    prefix = path + ":"
    return [l for l in stderr.splitlines()
            if l.startswith(prefix) and not re.search(r": \d+ problems? found$", l)]


def check_one(jssim: str, path: pathlib.Path, tmp: pathlib.Path) -> list[str]:
    line, fragment = expectation(path)
    name = str(path)
    failures = []
    out_dir = jssim_check.fresh_folder(tmp / path.stem) / "out"
    commands = {
        "check": [jssim, "check", name],
        "run": [jssim, "run", name, "--runs", "20", "--threads", "1", "--out", str(out_dir)],
    }
    for verb, command in commands.items():
        try:
            done = jssim_check.run(command, timeout=TIMEOUT)
        except subprocess.TimeoutExpired:
            failures.append(f"{path.name}: jssim {verb} did not finish in {TIMEOUT} s")
            continue
        where = f"{path.name}: jssim {verb}"
        if done.returncode != 2:
            status = jssim_check.describe_status(done.returncode)
            failures.append(f"{where}: {status}, expected 2\n{done.stderr}")
            continue
        problems = problems_in(done.stderr, name)
        if len(problems) != 1:
            failures.append(f"{where}: expected exactly one problem naming the file, got "
                            f"{len(problems)}:\n{done.stderr}")
            continue
        problem = problems[0]
        if line is not None and not re.match(re.escape(name) + rf":{line}(:\d+)?: ", problem):
            failures.append(f"{where}: expected the problem on line {line}, got:\n{problem}")
        if fragment not in problem:
            failures.append(f"{where}: expected `{fragment}` in:\n{problem}")
    if out_dir.exists():
        failures.append(f"{path.name}: jssim run created {out_dir}: "
                        f"{sorted(p.name for p in out_dir.iterdir())}")
    return failures


def main() -> int:
    args, files = jssim_check.scenarios_from_arguments(__doc__, "bad scenarios")
    failures = [f for path in files for f in check_one(args.jssim, path, args.tmp)]
    return jssim_check.report(failures, f"{len(files)} bad scenarios, {len(failures)} failures")


if __name__ == "__main__":
    sys.exit(main())
