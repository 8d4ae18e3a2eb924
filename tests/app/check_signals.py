#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Outputs are replaced whole or not at all, whatever happens to `jssim run`.

    check_signals.py --jssim build/release/app/jssim --tmp build/release/tests/tmp/signals \
        --scenario scenarios/seed-story.yaml

1. A good run writes DIR; its files are the reference bytes.
2. A run that fails at the end (curve.csv is a directory) exits 2, names the
   file, and leaves summary.csv byte-identical.
3. SIGINT a second into a run of hours: the workers stop within seconds, the
   message says so, the exit status is 130, and DIR is byte-identical.
4. SIGINT into a fresh --out two levels deep: no folder is left behind.
5. SIGTERM (not handled: the default action kills): DIR is byte-identical.
In every case no temporary `.NAME.tmp-*` file is left in DIR.
"""
from __future__ import annotations

import pathlib
import shutil
import signal
import subprocess
import sys
import time

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1] / "support"))
import jssim_check  # noqa: E402

# Long enough never to finish within the test (hours), within the limit of
# docs/limits.md: 20,000,000 x 3 strategies x 731 days = 4.4e10 run-days.
LONG_RUNS = "20000000"
STOP_WITHIN = 10.0  # seconds from the signal to the exit, on a loaded CI machine


def snapshot(directory: pathlib.Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(directory.iterdir()) if p.is_file()}


def leftovers(directory: pathlib.Path) -> list[str]:
    return sorted(p.name for p in directory.iterdir() if ".tmp-" in p.name)


def interrupt(jssim: str, scenario: pathlib.Path, out: pathlib.Path, sig: int,
              failures: list[str]) -> tuple[int, str] | None:
    """Starts a run of hours into `out`, sends `sig` after about a second, and
    returns (status, stderr), or None if it did not stop in time."""
    proc = subprocess.Popen([jssim, "run", scenario, "--runs", LONG_RUNS, "--threads", "2",
                             "--out", str(out)],
                            stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, errors="replace")
    time.sleep(1.5)  # past loading: the workers are running
    if proc.poll() is not None:
        failures.append(f"{signal.Signals(sig).name}: the run ended before the signal, status "
                        f"{proc.returncode}:\n{proc.stderr.read()}")
        return None
    sent = time.monotonic()
    proc.send_signal(sig)
    try:
        _, err = proc.communicate(timeout=STOP_WITHIN)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.communicate()
        failures.append(f"{signal.Signals(sig).name}: still running {STOP_WITHIN} s after the "
                        "signal: the workers did not stop")
        return None
    print(f"{signal.Signals(sig).name}: stopped {time.monotonic() - sent:.2f} s after the "
          f"signal, status {proc.returncode}")
    return proc.returncode, err


def main() -> int:
    args = jssim_check.arguments(__doc__, scenario=True).parse_args()
    jssim_check.fresh_folder(args.tmp)
    failures: list[str] = []

    # 1. The reference output.
    out = args.tmp / "out"
    done = jssim_check.run([args.jssim, "run", args.scenario, "--runs", "300", "--threads", "2",
                            "--out", str(out)])
    if done.returncode != 0:
        print(f"the reference run failed, status {done.returncode}:\n{done.stderr}",
              file=sys.stderr)
        return 1
    before = snapshot(out)
    if "summary.csv" not in before or "curve.csv" not in before:
        print(f"the reference run wrote {sorted(before)}", file=sys.stderr)
        return 1

    def unchanged(what: str, directory: pathlib.Path, expected: dict[str, bytes]) -> None:
        after = snapshot(directory)
        for name, data in expected.items():
            if after.get(name) != data:
                failures.append(f"{what}: {name} changed")
        if sorted(after) != sorted(expected):
            failures.append(f"{what}: the files are now {sorted(after)}, were {sorted(expected)}")
        if leftovers(directory):
            failures.append(f"{what}: temporary files left: {leftovers(directory)}")

    # 2. A failure at the end: curve.csv is a directory.
    failed = args.tmp / "failed"
    shutil.copytree(out, failed)
    (failed / "curve.csv").unlink()
    (failed / "curve.csv").mkdir()
    expected = snapshot(failed)
    done = jssim_check.run([args.jssim, "run", args.scenario, "--runs", "50", "--seed", "9",
                            "--threads", "2", "--out", str(failed)])
    if done.returncode != 2:
        failures.append(f"curve.csv a directory: status {done.returncode}, expected 2\n"
                        f"{done.stderr}")
    if "curve.csv" not in done.stderr or "directory" not in done.stderr:
        failures.append(f"curve.csv a directory: the message does not say so:\n{done.stderr}")
    unchanged("curve.csv a directory", failed, expected)

    # 3. SIGINT: stop, say so, 130, nothing replaced.
    result = interrupt(args.jssim, args.scenario, out, signal.SIGINT, failures)
    if result:
        status, err = result
        if status != 130:
            failures.append(f"SIGINT: status {status}, expected 130\n{err}")
        if "interrupted" not in err:
            failures.append(f"SIGINT: stderr does not say it was interrupted:\n{err}")
    unchanged("SIGINT", out, before)

    # 4. SIGINT into a fresh folder two levels deep: neither it nor the parent made for it is
    # left behind.
    fresh = args.tmp / "fresh"
    result = interrupt(args.jssim, args.scenario, fresh / "deeper", signal.SIGINT, failures)
    if result and result[0] != 130:
        failures.append(f"SIGINT into a fresh folder: status {result[0]}, expected 130")
    if fresh.exists():
        failures.append(f"SIGINT into a fresh folder: {fresh} is left behind, holding "
                        f"{sorted(p.name for p in fresh.iterdir())}")

    # 5. SIGTERM: the default action; still nothing replaced, nothing left.
    result = interrupt(args.jssim, args.scenario, out, signal.SIGTERM, failures)
    if result and result[0] != -signal.SIGTERM:
        failures.append(f"SIGTERM: status {result[0]}, expected death by SIGTERM")
    unchanged("SIGTERM", out, before)

    return jssim_check.report(failures, f"{len(failures)} failures")


if __name__ == "__main__":
    sys.exit(main())
