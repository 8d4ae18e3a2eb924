# SPDX-License-Identifier: MIT
"""What the Python checks of the built program share: their command line, their scratch
folders, running jssim, and the report of failures that ends them.

The scripts of tests/app, tests/bad, tests/bad-csv and tests/input each check the program in
their own way, and each wrote these few pieces out again. The module lives in a folder of its
own because the test tree mirrors the source tree (STYLE.md): it is the test of no library,
and it belongs to none of the folders that use it. A script finds it from its own path, so
that it runs from any working directory, under CTest or by hand, without PYTHONPATH:

    sys.dont_write_bytecode = True  # no __pycache__ in the source tree
    sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1] / "support"))
    import jssim_check  # noqa: E402

The independent reference (tests/reference/) does not use it: it is written from MODEL.md
alone, shares its own modules, and its checks have command lines of their own (most take the
program as their first argument) and count passed and failed checks instead.

Python 3.11, standard library only.
"""
from __future__ import annotations

import argparse
import pathlib
import shutil
import signal
import subprocess
import sys
from collections.abc import Iterable


def arguments(doc: str, *, scenario: bool = False) -> argparse.ArgumentParser:
    """A parser described by the first paragraph of `doc` (the script's docstring) with the
    options every check takes: --jssim, the program, and --tmp, a scratch folder (a Path);
    with `scenario`, --scenario too (a Path). The script adds its own options.

        args = jssim_check.arguments(__doc__, scenario=True).parse_args()
    """
    parser = argparse.ArgumentParser(description=doc.partition("\n\n")[0])
    parser.add_argument("--jssim", required=True, help="the jssim program")
    parser.add_argument("--tmp", required=True, type=pathlib.Path, help="a scratch directory")
    if scenario:
        parser.add_argument("--scenario", required=True, type=pathlib.Path,
                            help="a valid scenario to start from")
    return parser


def scenarios_from_arguments(doc: str, what: str) -> tuple[argparse.Namespace, list[pathlib.Path]]:
    """The arguments of a check of each scenario it is given: --jssim, --tmp, then `what`,
    files or folders of them (a folder stands for its *.yaml); and those files, in order.
    Stops the script (status 1) when they name none.

        args, files = jssim_check.scenarios_from_arguments(__doc__, "bad scenarios")
    """
    parser = arguments(doc)
    parser.add_argument("paths", nargs="+", type=pathlib.Path,
                        help=f"{what}, or folders of them (*.yaml)")
    args = parser.parse_args()
    files = files_in(args.paths, "*.yaml")
    if not files:
        sys.exit(f"no {what} found")
    return args, files


def fresh_folder(path: pathlib.Path) -> pathlib.Path:
    """`path` as an empty folder: what an earlier run left there removed, its parents made."""
    shutil.rmtree(path, ignore_errors=True)
    path.mkdir(parents=True)
    return path


def files_in(paths: Iterable[pathlib.Path], pattern: str) -> list[pathlib.Path]:
    """The files named, where a folder stands for its files that match `pattern`, by name."""
    files: list[pathlib.Path] = []
    for path in paths:
        files += sorted(path.glob(pattern)) if path.is_dir() else [path]
    return files


def run(command: list, timeout: float | None = None) -> subprocess.CompletedProcess:
    """`command` run to its end with its output captured as text, bytes that are no UTF-8
    replaced (a bad byte is then a failure to report, not a traceback). Any exit status is
    returned; subprocess.TimeoutExpired after `timeout` seconds."""
    return subprocess.run(command, capture_output=True, text=True, errors="replace",
                          timeout=timeout, check=False)


def output_of(command: list) -> str:
    """The standard output of `command`, which must succeed: otherwise the script stops
    (status 1) with the command, its status and its standard error."""
    done = run(command)
    if done.returncode != 0:
        sys.exit(f"FAIL: {' '.join(map(str, command))} exited {done.returncode}:\n"
                 f"{done.stderr}")
    return done.stdout


def describe_status(status: int) -> str:
    """An exit status in words: `exit status 1`, or `killed by SIGSEGV` for a signal."""
    if status < 0:
        try:
            return f"killed by {signal.Signals(-status).name}"
        except ValueError:
            return f"killed by signal {-status}"
    return f"exit status {status}"


def report(failures: list[str], summary: str) -> int:
    """The end of a check: each failure on standard error, then `summary` on standard output;
    returns the exit status, 1 if anything failed, else 0.

        return jssim_check.report(failures, f"{len(files)} files, {len(failures)} failures")
    """
    for failure in failures:
        print(failure, file=sys.stderr)
    print(summary)
    return 1 if failures else 0
