#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
# Statistical cross-check of `jssim run` against the independent reference Monte Carlo.
"""Compares `jssim run` with sim_reference.py, scenario by scenario and strategy by strategy.

    check_run.py --jssim PATH/TO/jssim [--runs N] [--jobs J] [--no-curve] [SCENARIO.yaml ...]

Without scenarios: every tests/reference/scenarios/*.yaml. For each scenario it runs
`jssim run SCENARIO --runs N --seed 7 --out TMPDIR` and the reference with another seed
(--ref-seed), N defaulting to the scenario's simulation.runs, then checks per strategy:

  - runs and start_jss are equal;
  - p_recovered, p_recovered_3m, _6m, _12m agree: two-proportion z-test, |z| < --z (4)
    (past the horizon: empty in both);
  - median_days, p10_days, p90_days are consistent with the reference's sample: for the
    program's q-quantile v (ceil(qN)-th smallest, empty = censored = infinite) the share
    of reference runs recovered before v must not be significantly above the program's
    (k-1)/N, nor the share recovered on or before v significantly below k/N
    (one-sided two-proportion z-tests at --z);
  - median_days_lo and median_days_hi, the median's exact 95 % interval (MODEL.md section
    9), hold the median and pass the same test as the order statistics of ranks l and u
    that the reference's median_ranks gives for N;
  - curve.csv, which must be there (unless --no-curve): the same recalculation days,
    p_recovered per day (z-test at --z-curve, 5) and jss_p10/p50/p90 per day (the quantile
    test above on the reference's displayed JSS, no score lowest).

Scenarios named deterministic-*.yaml have one possible answer: every column of summary.csv
(and of curve.csv) must be equal to the reference's, and to the `# expect: NAME
p_recovered=P median_days=D` lines of the file.

Prints one line per scenario and strategy, then `N passed, M failed`; exits 1 on any
failure (2 on bad usage).

--self-test then checks that the checks have power: it runs them again on a jssim that
plays every scenario with its win rates 7/6 as high (a wrapper that edits a copy of the
scenario; the reference keeps the file's), and fails unless some check fails there.
"""

from __future__ import annotations

import argparse
import concurrent.futures as cf
import csv
import glob
import math
import os
import re
import subprocess
import sys
import tempfile
import time
from fractions import Fraction

HERE = os.path.dirname(os.path.abspath(__file__))
sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, HERE)
import sim_reference as ref  # noqa: E402

P_COLUMNS = ("p_recovered", "p_recovered_3m", "p_recovered_6m", "p_recovered_12m")
QUANTILES = (("p10_days", Fraction(1, 10)), ("median_days", Fraction(1, 2)),
             ("p90_days", Fraction(9, 10)))
JSS_QUANTILES = (("jss_p10", Fraction(1, 10)), ("jss_p50", Fraction(1, 2)),
                 ("jss_p90", Fraction(9, 10)))
EXPECT = re.compile(r"^#\s*expect:\s*(.+?)\s+p_recovered=(\S*)\s+median_days=(\S*)\s*$")


def read_csv(path: str) -> list:
    with open(path, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def z_two(p1: float, n1: int, p2: float, n2: int) -> float:
    """Two-proportion z statistic (pooled); 0 when both are 0 or both are 1."""
    pooled = (p1 * n1 + p2 * n2) / (n1 + n2)
    var = pooled * (1 - pooled) * (1 / n1 + 1 / n2)
    if var <= 0:
        return 0.0 if p1 == p2 else math.inf
    return (p1 - p2) / math.sqrt(var)


def quantile_test(value: str, q: Fraction, n_prog: int, ref_values: list, z_max: float,
                  none_low: bool = False):
    """Is the program's sample q-quantile `value` consistent with the reference's sample?

    Returns None when consistent, else a reason. ref_values: numbers, None = censored
    (infinite), or with none_low None = no score (lowest)."""
    n_ref = len(ref_values)
    k = max(1, math.ceil(q * n_prog))
    if none_low:
        key = [-1 if x is None else x for x in ref_values]
        v = -1 if value == "" else int(value)
    else:
        key = [math.inf if x is None else x for x in ref_values]
        v = math.inf if value == "" else int(value)
    below = sum(1 for x in key if x < v) / n_ref
    upto = sum(1 for x in key if x <= v) / n_ref
    # The program's sample has at most k-1 values below v and at least k up to v.
    z1 = z_two(below, n_ref, (k - 1) / n_prog, n_prog)
    z2 = z_two(k / n_prog, n_prog, upto, n_ref)
    if z1 > z_max:
        return f"{(value or 'empty')}: {below:.4f} of reference runs lie below (z={z1:.1f})"
    if z2 > z_max:
        return f"{(value or 'empty')}: only {upto:.4f} of reference runs lie at or below (z={z2:.1f})"
    return None


def expectations(path: str) -> dict:
    out = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            m = EXPECT.match(line.strip())
            if m:
                out[m.group(1)] = (m.group(2), m.group(3))
    return out


def check_scenario(path: str, jssim: str, runs_opt, seed: int, ref_seed: int, z: float,
                   z_curve: float, use_curve: bool, threads, keep) -> list:
    """[(ok, line)] for one scenario."""
    name = os.path.basename(path)
    deterministic = name.startswith("deterministic-")
    try:
        sc = ref.load(path)
    except ref.Rejected as e:
        return [(False, f"FAIL {name}: the reference rejects it: {e}")]
    runs = runs_opt if runs_opt is not None else sc.runs
    tmp = tempfile.mkdtemp(prefix="check_run_", dir=keep) if keep else None
    tmpobj = None if keep else tempfile.TemporaryDirectory(prefix="check_run_")
    out_dir = tmp if keep else tmpobj.name
    cmd = [jssim, "run", path, "--runs", str(runs), "--seed", str(seed), "--out", out_dir]
    if threads:
        cmd += ["--threads", str(threads)]
    t0 = time.monotonic()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    results = ref.simulate(sc, runs, ref_seed, curve=use_curve)
    stdout, stderr = proc.communicate()
    elapsed = time.monotonic() - t0
    try:
        if proc.returncode != 0:
            return [(False, f"FAIL {name}: `{' '.join(cmd)}` exited {proc.returncode}: "
                            f"{(stderr or stdout).strip()[:500]}")]
        summary_path = os.path.join(out_dir, "summary.csv")
        if not os.path.exists(summary_path):
            return [(False, f"FAIL {name}: no summary.csv in {out_dir}")]
        prog = {r["strategy"]: r for r in read_csv(summary_path)}
        curve_path = os.path.join(out_dir, "curve.csv")
        curve = {}
        if use_curve:
            if not os.path.exists(curve_path):
                return [(False, f"FAIL {name}: no curve.csv in {out_dir}")]
            for r in read_csv(curve_path):
                curve.setdefault(r["strategy"], []).append(r)
        expect = expectations(path) if deterministic else {}
        lines = []
        for res in results:
            lines.append(compare_strategy(name, sc, res, prog.get(res.name), curve, use_curve,
                                          runs, z, z_curve, deterministic, expect))
        for extra in sorted(set(prog) - {r.name for r in results}):
            lines.append((False, f"FAIL {name} / {extra}: not a strategy of the scenario"))
        lines.append((True, f"     {name}: {runs} runs, {elapsed:.1f}s"))
        return lines
    finally:
        if tmpobj is not None:
            tmpobj.cleanup()


def compare_strategy(name, sc, res, row, curve, use_curve, runs, z, z_curve, deterministic,
                     expect):
    label = f"{name} / {res.name}"
    if row is None:
        return False, f"FAIL {label}: missing from summary.csv"
    mine = ref.summarize(sc, res)
    mine_text = {k: ref.cell(v) for k, v in mine.items()}
    problems, notes = [], []

    if row.get("runs") != str(runs):
        problems.append(f"runs {row.get('runs')} != {runs}")
    if row.get("start_jss") != mine_text["start_jss"]:
        problems.append(f"start_jss {row.get('start_jss')!r} != reference "
                        f"{mine_text['start_jss']!r}")
    notes.append(f"start_jss {row.get('start_jss')}")

    if deterministic:
        for col in ref.SUMMARY_COLUMNS[1:]:
            if col in P_COLUMNS and mine[col] is not None:
                same = _float_eq(row.get(col), mine[col])
            else:
                same = row.get(col, "") == mine_text[col]
            if not same:
                problems.append(f"{col} {row.get(col)!r} != reference {mine_text[col]!r}")
        want = expect.get(res.name)
        if want is None:
            problems.append("no `# expect:` line for this strategy")
        else:
            for col, w in zip(("p_recovered", "median_days"), want):
                if row.get(col) != w:
                    problems.append(f"{col} {row.get(col)!r} != expected {w!r}")
                if mine_text[col] != w:
                    problems.append(f"reference {col} {mine_text[col]!r} != expected {w!r}")
        notes.append(f"p_recovered {row.get('p_recovered')} median {row.get('median_days') or '-'}"
                     " (exact)")
    else:
        for col in P_COLUMNS:
            if mine[col] is None:  # past the horizon: empty in both
                if row.get(col) != "":
                    problems.append(f"{col} {row.get(col)!r} past the horizon, expected empty")
                continue
            try:
                p_prog = float(row[col])
            except (KeyError, ValueError):
                problems.append(f"{col} unreadable: {row.get(col)!r}")
                continue
            zz = z_two(p_prog, runs, mine[col], res.runs)
            if abs(zz) >= z:
                problems.append(f"{col} {p_prog:.4f} vs reference {mine[col]:.4f} (z={zz:.1f})")
            if col in ("p_recovered", "p_recovered_6m"):
                notes.append(f"{col[2:]} {p_prog:.3f}/{mine[col]:.3f}")
        for col, q in QUANTILES:
            value = row.get(col, "")
            if value != "" and not re.fullmatch(r"\d+", value):
                problems.append(f"{col} unreadable: {value!r}")
                continue
            why = quantile_test(value, q, runs, res.times, z)
            if why:
                problems.append(f"{col} {why} (reference {mine_text[col] or 'empty'})")
        problems += check_median_interval(row, runs, res.times, z)
        notes.append(f"median {row.get('median_days') or '-'}/{mine_text['median_days'] or '-'}")

    if use_curve:
        rows = curve.get(res.name)
        if rows is None:
            problems.append("no rows in curve.csv")
        else:
            problems += compare_curve(sc, res, rows, runs, z_curve, deterministic)
    if problems:
        return False, f"FAIL {label}: " + "; ".join(problems[:6]) + \
            (f"; ... {len(problems) - 6} more" if len(problems) > 6 else "")
    return True, f"PASS {label}: " + ", ".join(notes)


def check_median_interval(row, runs, ref_times, z) -> list:
    """The program's median interval against the reference's sample: its ends are the
    order statistics of ranks l and u (ref.median_ranks), so each must pass the quantile
    test at l/N and u/N, and they must hold the median (empty = not recovered = last)."""
    ranks = ref.median_ranks(runs)
    cells = {c: row.get(c, "") for c in ("median_days_lo", "median_days", "median_days_hi")}
    for col, value in cells.items():
        if value != "" and not re.fullmatch(r"\d+", value):
            return [f"{col} unreadable: {value!r}"]
    if ranks is None:
        return [] if cells["median_days_lo"] == cells["median_days_hi"] == "" else \
            ["median interval given for too few runs"]
    order = [math.inf if cells[c] == "" else int(cells[c]) for c in cells]
    if not order[0] <= order[1] <= order[2]:
        return [f"median interval [{cells['median_days_lo']}, {cells['median_days_hi']}] "
                f"does not hold the median {cells['median_days']}"]
    problems = []
    for col, rank in (("median_days_lo", ranks[0]), ("median_days_hi", ranks[1])):
        why = quantile_test(cells[col], Fraction(rank, runs), runs, ref_times, z)
        if why:
            problems.append(f"{col} (rank {rank} of {runs}) {why}")
    return problems


def _float_eq(text, value) -> bool:
    try:
        return abs(float(text) - value) < 5e-7
    except (TypeError, ValueError):
        return False


def compare_curve(sc, res, rows, runs, z_curve, deterministic) -> list:
    problems = []
    dates = [r.get("date") for r in rows]
    want = [ref.iso(d) for d in sc.recalc_days]
    if dates != want:
        return [f"curve.csv dates {dates[:3]}... != recalculation days {want[:3]}... "
                f"({len(dates)} vs {len(want)})"]
    bad = 0
    first = None
    for k, (r, day) in enumerate(zip(rows, sc.recalc_days)):
        days = day - sc.today
        issues = []
        if r.get("days") != str(days):
            issues.append(f"days {r.get('days')} != {days}")
        p_ref = sum(1 for t in res.times if t is not None and t <= days) / res.runs
        try:
            p_prog = float(r["p_recovered"])
        except (KeyError, ValueError):
            issues.append(f"p_recovered unreadable {r.get('p_recovered')!r}")
            p_prog = None
        vals = res.jss[k]
        if deterministic:
            if p_prog is not None and abs(p_prog - p_ref) > 5e-7:
                issues.append(f"p_recovered {p_prog} != {p_ref:.6f}")
            for col, q in JSS_QUANTILES:
                mine = ref.cell(ref.jss_quantile(vals, q))
                if r.get(col, "") != mine:
                    issues.append(f"{col} {r.get(col)!r} != {mine!r}")
        else:
            if p_prog is not None:
                zz = z_two(p_prog, runs, p_ref, res.runs)
                if abs(zz) >= z_curve:
                    issues.append(f"p_recovered {p_prog:.4f} vs {p_ref:.4f} (z={zz:.1f})")
            for col, q in JSS_QUANTILES:
                value = r.get(col, "")
                if value != "" and not re.fullmatch(r"\d+", value):
                    issues.append(f"{col} unreadable {value!r}")
                    continue
                why = quantile_test(value, q, runs, vals, z_curve, none_low=True)
                if why:
                    issues.append(f"{col} {why} (reference "
                                  f"{ref.cell(ref.jss_quantile(vals, q)) or 'empty'})")
        if issues:
            bad += 1
            if first is None:
                first = f"{r.get('date')}: " + ", ".join(issues)
    if bad:
        problems.append(f"curve.csv: {bad} of {len(rows)} days off, first {first}")
    return problems


def corrupted_jssim(real: str, directory: str) -> str:
    """A jssim that runs each scenario with its win rates 7/6 as high (at most 1): an
    error in the offer rate that the checks must see, for --self-test."""
    path = os.path.join(directory, "jssim-win-rates-7-6")
    with open(path, "w", encoding="utf-8") as f:
        f.write(f"""#!{sys.executable}
import os, re, sys, tempfile
args = sys.argv[1:]
if len(args) >= 2 and args[0] == "run":
    with open(args[1], encoding="utf-8") as f:
        text = f.read()
    text = re.sub(r"(win_rate:\\s*)([0-9.]+)",
                  lambda m: m.group(1) + repr(min(1.0, float(m.group(2)) * 7 / 6)), text)
    fd, copy = tempfile.mkstemp(suffix=".yaml", dir={directory!r})
    with os.fdopen(fd, "w", encoding="utf-8") as f:
        f.write(text)
    args[1] = copy
os.execv({real!r}, [{real!r}] + args)
""")
    os.chmod(path, 0o755)
    return path


def run_checks(paths, args, jobs: int, quiet: bool = False) -> tuple[int, int]:
    """Checks every scenario of `paths` (check_scenario's arguments after the path in
    `args`), printing each line unless `quiet`; returns (passed, failed)."""
    passed = failed = 0
    with cf.ProcessPoolExecutor(max_workers=max(1, jobs)) as pool:
        futures = [pool.submit(check_scenario, p, *args) for p in paths]
        for p, fut in zip(paths, futures):
            try:
                lines = fut.result()
            except Exception as e:  # a crash of the check itself is a failure too
                lines = [(False, f"FAIL {os.path.basename(p)}: {type(e).__name__}: {e}")]
            for ok, line in lines:
                if not quiet:
                    print(line, flush=True)
                if line.startswith("PASS"):
                    passed += 1
                elif line.startswith("FAIL"):
                    failed += 1
    return passed, failed


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("scenarios", nargs="*")
    ap.add_argument("--jssim", required=True, help="the jssim program")
    ap.add_argument("--runs", type=int, help="runs per strategy (default: the scenario's)")
    ap.add_argument("--seed", type=int, default=7, help="seed of jssim (default 7)")
    ap.add_argument("--ref-seed", type=int, default=20261126, help="seed of the reference")
    ap.add_argument("--threads", type=int, help="passed to jssim run")
    ap.add_argument("--z", type=float, default=4.0, help="|z| limit of the summary tests")
    ap.add_argument("--z-curve", type=float, default=5.0, help="|z| limit per curve day")
    ap.add_argument("--no-curve", action="store_true", help="ignore curve.csv")
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 1,
                    help="scenarios checked at once")
    ap.add_argument("--keep", metavar="DIR", help="keep jssim's output under DIR")
    ap.add_argument("--self-test", action="store_true",
                    help="then require the checks to fail on win rates 7/6 as high")
    a = ap.parse_args(argv)
    if not (os.path.isfile(a.jssim) and os.access(a.jssim, os.X_OK)):
        print(f"check_run.py: --jssim {a.jssim}: not an executable file", file=sys.stderr)
        return 2
    paths = a.scenarios or sorted(glob.glob(os.path.join(HERE, "scenarios", "*.yaml")))
    if not paths:
        print("check_run.py: no scenarios", file=sys.stderr)
        return 2
    jssim = os.path.abspath(a.jssim)
    t0 = time.monotonic()
    args = (jssim, a.runs, a.seed, a.ref_seed, a.z, a.z_curve, not a.no_curve, a.threads,
            a.keep)
    passed, failed = run_checks(paths, args, a.jobs)
    print(f"     checked in {time.monotonic() - t0:.0f}s")
    print(f"{passed} passed, {failed} failed")
    if a.self_test:
        with tempfile.TemporaryDirectory(prefix="check_run_self_test_") as d:
            wrong = (corrupted_jssim(jssim, d),) + args[1:]
            _, caught = run_checks(paths, wrong, a.jobs, quiet=True)
        ok = caught > 0
        print(f"{'PASS' if ok else 'FAIL'} self-test: win rates 7/6 as high fail {caught} "
              f"check{'' if caught == 1 else 's'}")
        failed += 0 if ok else 1
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
