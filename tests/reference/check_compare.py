#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
# An independent check of compare.csv: recomputed from runs.csv, and bounded by the reference.
"""Checks `jssim run --all-pairs --per-run`'s compare.csv two ways.

    check_compare.py PATH/TO/jssim --out TMPDIR [--runs N] [--ref-runs M] [--self-test]

1. Recomputed from runs.csv (every scenario of tests/reference/compare/, scenarios/ and
   tests/reference/scenarios/, at --runs N for the two scenarios of part 2, at
   --sweep-runs for the others, and at 5 runs, where the median's interval has no ends).
   For each pair (strategy A against baseline B) of compare.csv, from the per-run times
   alone, in exact arithmetic (fractions, integers, 50-digit decimals), with the
   definitions written in analysis/compare.hpp, paired.hpp and statistics.hpp:
     - p_earlier, p_same, p_later: A strictly earlier, the same day or both censored, A
       strictly later; a censored run is later than any recovery;
     - the gain B - A in days (plus or minus infinity when only one recovered, 0 when
       neither did), its median, the ceil(N/2)-th smallest, and the ends of its exact
       binomial order-statistic 95 % interval: X_(l), X_(u) with l the largest rank in
       0..N such that P(Bin(N, 1/2) <= l - 1) <= 2.5 %, u the smallest in 1..N+1 such that
       P(Bin(N, 1/2) >= u) <= 2.5 %, rank 0 minus and N+1 plus infinity (written empty);
     - the Wilson score 95 % interval of each of the three probabilities;
     - McNemar's two-sided p on "recovered on or before add_months(today, 6)" (the date of
       summary.csv's p_recovered_6m, which must agree with runs.csv too): 1 without
       discordant runs; the exact binomial test min(1, 2 P(Bin(b + c, 1/2) <= min(b, c)))
       below 25 discordant runs; from 25 on chi-square (1 df) with Edwards' continuity
       correction max(0, |b - c| - 1)^2 / (b + c); and the two discordant counts.
   Every field must equal compare.csv to its printed precision (6 decimals, a p-value
   below 1e-4 to its 4 significant digits). The rows must be the pairs of the strategies
   of runs.csv in jssim's order; runs.csv itself must be whole (runs 0..N-1, recovery
   date = today + days).

2. Against the independent simulator (sim_reference.py, its own random streams, with no
   pairing between strategies), on tests/reference/compare/*.yaml, whose
   `# never later: STRATEGY vs BASELINE` lines name pairs where STRATEGY can only be
   earlier than or the same as BASELINE in every run, and on scenarios/seed-story.yaml:
     - never later: compare.csv has p_later == 0 and no run where only the baseline
       recovers within 6 months, p_earlier's Wilson lower end is at least 5 %; jssim's own
       curves (curve.csv) never put the baseline above the strategy; the reference's
       curves put the strategy at or above the baseline on every recalculation day
       (one-sided z < --z);
     - the marginal curves of jssim and of the reference agree on every recalculation
       day (|z| < --z-curve, as in check_run.py), so that the bounds below compare two
       views of one model;
     - Frechet-type bounds, for every pair: whatever the coupling, P(T_A < T_B) >=
       sup_d (F_A(d) - F_B(d)) and P(T_A > T_B) >= sup_d (F_B(d) - F_A(d)), with F the
       probability of having recovered by day d. With the reference's curves (another
       sample): no day may put the bound above jssim's p_earlier (p_later) by --z standard
       errors of the difference; with jssim's own curves (the same sample) they hold
       exactly, up to the 6 decimals printed.

--self-test then corrupts copies of the compare.csv files (p_earlier swapped with p_later,
McNemar without continuity correction, Wald for Wilson, a median gain moved by 14 days)
and expects every corruption to be reported: it passes only if each one makes a check
fail. Prints one line per check, then `N passed, M failed`; exits 0 when all pass, 1
otherwise, 2 on bad usage.
"""

from __future__ import annotations

import argparse
import calendar
import concurrent.futures as cf
import csv
import datetime as dt
import glob
import math
import os
import re
import statistics
import subprocess
import sys
import time
from decimal import Decimal, localcontext
from fractions import Fraction

import yaml

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, HERE)
import sim_reference as ref  # noqa: E402

SEED_STORY = os.path.join(ROOT, "scenarios", "seed-story.yaml")
COMPARE_DIR = os.path.join(HERE, "compare")
NEVER_LATER = re.compile(r"^#\s*never later:\s*(.+?)\s+vs\s+(.+?)\s*$")
# The two-sided 95 % normal quantile, from the standard library, not from the program.
Z95 = statistics.NormalDist().inv_cdf(0.975)
# Half a unit in the 6th decimal, and room for the program's double rounding.
HALF_ULP6 = Decimal("5e-7")
SLACK = Decimal("1e-12")
MIN_EARLIER_LO = 0.05           # "p_earlier clearly above 0": Wilson lower end
PI = Decimal("3.14159265358979323846264338327950288419716939937510582097494459")
DBL_MIN = Decimal("2.2250738585072014e-308")
INF = math.inf


# ----------------------------------------------------------------------------------------
# Files

def read_csv(path: str) -> list:
    with open(path, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def scenario_setting(path: str, section: str, key: str):
    """SECTION.KEY of a scenario, following `extends: FILE` (relative to the file) to the
    base that sets it; None if none does."""
    for _ in range(16):
        with open(path, encoding="utf-8") as f:
            doc = yaml.safe_load(f)
        value = (doc.get(section) or {}).get(key)
        if value is not None:
            return value
        if "extends" not in doc:
            break
        path = os.path.join(os.path.dirname(path), str(doc["extends"]))
    return None


def scenario_today(path: str) -> dt.date:
    """freelancer.today."""
    today = scenario_setting(path, "freelancer", "today")
    if today is None:
        raise ValueError(f"{path}: no freelancer.today")
    return today if isinstance(today, dt.date) else dt.date.fromisoformat(str(today))


def knows_six_months(path: str) -> bool:
    """Whether simulation.horizon_months (default 24) is 6 or more: with a shorter horizon
    the runs stop before 6 months, and jssim leaves p_recovered_6m, mcnemar_p and the
    runs_6m counts empty."""
    months = scenario_setting(path, "simulation", "horizon_months")
    return months is None or int(months) >= 6


def add_months(day: dt.date, m: int) -> dt.date:
    """The same day m calendar months later, clamped to the month's length (MODEL.md 2)."""
    y, mo = divmod(day.year * 12 + day.month - 1 + m, 12)
    return dt.date(y, mo + 1, min(day.day, calendar.monthrange(y, mo + 1)[1]))


def run_jssim(jssim: str, scenario: str, runs: int, seed: int, out: str):
    """None, or why `jssim run` failed."""
    cmd = [jssim, "run", scenario, "--runs", str(runs), "--seed", str(seed), "--per-run",
           "--all-pairs", "--out", out, "--threads", "1"]
    try:
        done = subprocess.run(cmd, capture_output=True, text=True, timeout=300)
    except (OSError, subprocess.TimeoutExpired) as e:
        return f"`{' '.join(cmd)}`: {e}"
    if done.returncode != 0:
        return f"`{' '.join(cmd)}` exited {done.returncode}: {(done.stderr or done.stdout).strip()[:300]}"
    for name in ("compare.csv", "runs.csv", "summary.csv", "curve.csv"):
        if not os.path.isfile(os.path.join(out, name)):
            return f"`{' '.join(cmd)}` wrote no {name}"
    return None


class Runs:
    """runs.csv: per strategy (in the file's order) the days to recover, None if censored."""

    def __init__(self, path: str, today: dt.date):
        self.names: list = []
        self.times: dict = {}
        self.problems: list = []
        rows = read_csv(path)
        for r in rows:
            name = r["strategy"]
            if name not in self.times:
                self.names.append(name)
                self.times[name] = []
            t = self.times[name]
            if r["run"] != str(len(t)):
                self.problems.append(f"runs.csv: {name!r} run {r['run']} where {len(t)} was due")
            if r["recovered"] == "true":
                days = int(r["days"])
                when = dt.date.fromisoformat(r["recovery_date"])
                if when - today != dt.timedelta(days=days):
                    self.problems.append(f"runs.csv: {name!r} run {r['run']}: {when} is not "
                                         f"today {today} + {days} days")
                t.append(days)
            elif r["recovered"] == "false" and r["days"] == "" and r["recovery_date"] == "":
                t.append(None)
            else:
                self.problems.append(f"runs.csv: {name!r} run {r['run']}: recovered "
                                     f"{r['recovered']!r} with days {r['days']!r}")
                t.append(None)
        sizes = {len(t) for t in self.times.values()}
        if len(sizes) > 1:
            self.problems.append(f"runs.csv: strategies with different run counts {sorted(sizes)}")
        self.n = sizes.pop() if len(sizes) == 1 else 0


# ----------------------------------------------------------------------------------------
# The statistics, from their definitions

def key(t):
    """A time to recover on the extended reals: censored is +infinity."""
    return INF if t is None else t


def gain(ta, tb):
    """B - A; both censored is a tie (0)."""
    if ta is None and tb is None:
        return 0
    return key(tb) - key(ta)


_RANKS: dict = {}


def median_ranks(n: int):
    """(l, u) of the exact equal-tailed 95 % interval for the median of n runs, 0 and n+1
    standing for unbounded ends; both found by direct search in integers."""
    if n in _RANKS:
        return _RANKS[n]
    total = 1 << n
    binom = [1] * (n + 1)
    for i in range(1, n + 1):
        binom[i] = binom[i - 1] * (n - i + 1) // i
    # P(B <= l - 1) <= 1/40  <=>  40 * sum_{i < l} C(n, i) <= 2^n
    lower, below = 0, 0
    for l in range(1, n + 1):
        below += binom[l - 1]
        if 40 * below <= total:
            lower = l
        else:
            break
    # P(B >= u) <= 1/40, the smallest u in 1..n+1 (n+1 always qualifies)
    upper, above = n + 1, 0
    for u in range(n, 0, -1):
        above += binom[u]
        if 40 * above <= total:
            upper = u
        else:
            break
    _RANKS[n] = (lower, upper)
    return lower, upper


def wilson(x: int, n: int):
    """The Wilson score interval (z = Phi^-1(0.975)), as 50-digit decimals."""
    with localcontext() as c:
        c.prec = 50
        nn, z = Decimal(n), Decimal(Z95)
        p = Decimal(x) / nn
        z2 = z * z
        den = 1 + z2 / nn
        center = (p + z2 / (2 * nn)) / den
        half = z * (p * (1 - p) / nn + z2 / (4 * nn * nn)).sqrt() / den
        return max(Decimal(0), center - half), min(Decimal(1), center + half)


def wald(x: int, n: int):
    """The Wald interval: a wrong method, for --self-test."""
    p = x / n
    h = Z95 * math.sqrt(p * (1 - p) / n)
    return max(0.0, p - h), min(1.0, p + h)


def erfc_decimal(x2: Fraction) -> Decimal:
    """erfc(sqrt(x2)), to about 12 significant digits, also far below the doubles' range."""
    x = math.sqrt(x2)
    if x < 25:
        return Decimal(math.erfc(x))
    with localcontext() as c:
        c.prec = 60
        X2 = Decimal(x2.numerator) / Decimal(x2.denominator)
        X = X2.sqrt()
        # erfc(x) = exp(-x^2) / (x sqrt(pi)) * sum_k (-1)^k (2k-1)!! / (2x^2)^k, x >= 25
        s, term = Decimal(1), Decimal(1)
        for k in range(1, 30):
            term = -term * (2 * k - 1) / (2 * X2)
            s += term
        return (-X2).exp() / (X * PI.sqrt()) * s


def mcnemar(b: int, c: int, corrected: bool = True) -> Decimal:
    """McNemar's two-sided p as documented in statistics.hpp (without the correction only
    for --self-test)."""
    m = b + c
    if m == 0:
        return Decimal(1)
    if m < 25:
        k = min(b, c)
        tail = Fraction(sum(math.comb(m, i) for i in range(k + 1)), 1 << m)
        p = min(Fraction(1), 2 * tail)
        with localcontext() as ctx:
            ctx.prec = 50
            return Decimal(p.numerator) / Decimal(p.denominator)
    gap = abs(b - c)
    d = max(0, gap - 1) if corrected else gap
    stat = Fraction(d * d, m)
    return erfc_decimal(stat / 2)   # P(chi2_1 >= s) = erfc(sqrt(s / 2))


def exact_pair(ta_list: list, tb_list: list, six: int) -> dict:
    """Every quantity of one compare.csv row; A the strategy, B the baseline."""
    n = len(ta_list)
    earlier = same = later = 0
    gains = []
    b6 = c6 = 0
    for ta, tb in zip(ta_list, tb_list):
        ka, kb = key(ta), key(tb)
        if ka < kb:
            earlier += 1
        elif ka == kb:
            same += 1
        else:
            later += 1
        gains.append(gain(ta, tb))
        a_in = ta is not None and ta <= six
        b_in = tb is not None and tb <= six
        b6 += a_in and not b_in
        c6 += b_in and not a_in
    gains.sort()
    l, u = median_ranks(n)

    def at(rank):
        if rank == 0:
            return -INF
        if rank == n + 1:
            return INF
        return gains[rank - 1]

    return {
        "runs": n, "counts": (earlier, same, later),
        "p": tuple(Fraction(k, n) for k in (earlier, same, later)),
        "wilson": tuple(wilson(k, n) for k in (earlier, same, later)),
        "median": at((n + 1) // 2), "lo": at(l), "hi": at(u), "ranks": (l, u),
        "b6": b6, "c6": c6, "mcnemar": mcnemar(b6, c6),
    }


# ----------------------------------------------------------------------------------------
# Printed fields against exact values

FIXED6 = re.compile(r"^-?\d+\.\d{6}$")
SCI = re.compile(r"^(\d)\.(\d{3})e([+-]\d{2,3})$")


def to_decimal(value) -> Decimal:
    if isinstance(value, Decimal):
        return value
    if isinstance(value, Fraction):
        with localcontext() as c:
            c.prec = 50
            return Decimal(value.numerator) / Decimal(value.denominator)
    return Decimal(value)


def fixed_ok(text: str, exact) -> bool:
    """`text` is `exact` with 6 decimals (either neighbour at an exact tie)."""
    if not FIXED6.match(text or ""):
        return False
    return abs(Decimal(text) - to_decimal(exact)) <= HALF_ULP6 + SLACK


def p_value_ok(text: str, exact: Decimal):
    """(ok, note): a p-value, 6 decimals from 1e-4 up, else 4 significant digits."""
    if FIXED6.match(text or ""):
        if abs(Decimal(text) - exact) > HALF_ULP6 + SLACK:
            return False, None
        if exact >= Decimal("1e-4") * (1 - SLACK):
            return True, None
        if Decimal(text) == 0 and exact < DBL_MIN:
            return True, f"p = {exact:.3e} underflows a double and is written {text}"
        return False, None
    m = SCI.match(text or "")
    if not m:
        return False, None
    if exact >= Decimal("1e-4") * (1 + SLACK):
        return False, None
    unit = Decimal(10) ** (int(m.group(3)) - 3)
    return abs(Decimal(text) - exact) <= unit / 2 * (1 + SLACK), None


def int_ok(text: str, value) -> bool:
    """An integer field; infinite values are written empty."""
    if value in (INF, -INF):
        return text == ""
    return text == str(value)


def show(value) -> str:
    if value == INF:
        return "+inf"
    if value == -INF:
        return "-inf"
    if isinstance(value, (Fraction, Decimal)):
        return f"{float(value):.6f}"
    return str(value)


# ----------------------------------------------------------------------------------------
# Part 1

COLUMNS = ["strategy", "baseline", "p_earlier", "p_same", "p_later", "median_gain_days",
           "median_gain_lo", "median_gain_hi", "mcnemar_p", "runs", "p_earlier_lo",
           "p_earlier_hi", "p_same_lo", "p_same_hi", "p_later_lo", "p_later_hi",
           "runs_6m_strategy_only", "runs_6m_baseline_only"]
COVER = ("McNemar exact (0 < b + c < 25)", "McNemar chi-square (b + c >= 25)",
         "no discordant run", "p-value below 1e-4", "an infinite median gain",
         "an interval end unbounded (rank 0 or N + 1)", "an interval end infinite at a rank "
         "in 1..N", "an odd number of runs")


def check_exact(label: str, out_dir: str, today: dt.date, compare_path: str | None = None,
                cover: dict | None = None, six_known: bool = True):
    """(ok, line, notes): compare.csv recomputed from runs.csv. `cover` counts the rows
    that took each of the definitions' branches (COVER). Without `six_known` (a horizon
    before 6 months) the 6-month columns must be empty."""
    compare_path = compare_path or os.path.join(out_dir, "compare.csv")
    runs = Runs(os.path.join(out_dir, "runs.csv"), today)
    problems = list(runs.problems)
    notes = []
    six_date = add_months(today, 6)
    six = (six_date - today).days
    # summary.csv's p_recovered_6m counts the same recoveries ("by 6 months").
    for row in read_csv(os.path.join(out_dir, "summary.csv")):
        t = runs.times.get(row["strategy"])
        if t is None:
            problems.append(f"summary.csv strategy {row['strategy']!r} not in runs.csv")
            continue
        within = Fraction(sum(1 for x in t if x is not None and x <= six), len(t))
        if not six_known:
            if row["p_recovered_6m"] != "":
                problems.append(f"{row['strategy']!r}: summary.csv p_recovered_6m "
                                f"{row['p_recovered_6m']} past the horizon, expected empty")
        elif not fixed_ok(row["p_recovered_6m"], within):
            problems.append(f"{row['strategy']!r}: summary.csv p_recovered_6m "
                            f"{row['p_recovered_6m']} but {show(within)} of runs.csv by {six_date}")
    rows = read_csv(compare_path)
    with open(compare_path, newline="", encoding="utf-8") as f:
        header = next(csv.reader(f), [])
    if header != COLUMNS:
        return False, f"FAIL exact {label}: compare.csv columns {header} != {COLUMNS}", notes
    names = runs.names
    want = [(names[a], names[b]) for b in range(len(names)) for a in range(b + 1, len(names))]
    got = [(r["strategy"], r["baseline"]) for r in rows]
    if got != want:
        problems.append(f"rows {got} are not the pairs {want}")
    fields = 0
    for r in rows:
        a, b = r["strategy"], r["baseline"]
        if a not in runs.times or b not in runs.times:
            continue
        e = exact_pair(runs.times[a], runs.times[b], six)
        where = f"{a!r} vs {b!r}"
        if cover is not None:
            m, (l, u), n = e["b6"] + e["c6"], e["ranks"], e["runs"]
            m = m if six_known else -1  # no McNemar row past the horizon
            for name, hit in zip(COVER, (
                    0 < m < 25, m >= 25, m == 0, six_known and e["mcnemar"] < Decimal("1e-4"),
                    e["median"] in (INF, -INF), l == 0 or u == n + 1,
                    (l >= 1 and e["lo"] == -INF) or (u <= n and e["hi"] == INF), n % 2 == 1)):
                cover[name] = cover.get(name, 0) + bool(hit)
        checks = [("runs", r["runs"] == str(e["runs"]), e["runs"])]
        for col, k in (("p_earlier", 0), ("p_same", 1), ("p_later", 2)):
            checks.append((col, fixed_ok(r[col], e["p"][k]), e["p"][k]))
            checks.append((col + "_lo", fixed_ok(r[col + "_lo"], e["wilson"][k][0]),
                           e["wilson"][k][0]))
            checks.append((col + "_hi", fixed_ok(r[col + "_hi"], e["wilson"][k][1]),
                           e["wilson"][k][1]))
        for col, k in (("median_gain_days", "median"), ("median_gain_lo", "lo"),
                       ("median_gain_hi", "hi")):
            checks.append((col, int_ok(r[col], e[k]), e[k]))
        if six_known:
            checks.append(("runs_6m_strategy_only", r["runs_6m_strategy_only"] == str(e["b6"]),
                           e["b6"]))
            checks.append(("runs_6m_baseline_only", r["runs_6m_baseline_only"] == str(e["c6"]),
                           e["c6"]))
            ok, note = p_value_ok(r["mcnemar_p"], e["mcnemar"])
            checks.append(("mcnemar_p", ok, e["mcnemar"]))
            if note:
                notes.append(f"{label}: {where}: {note}")
        else:
            for col in ("runs_6m_strategy_only", "runs_6m_baseline_only", "mcnemar_p"):
                checks.append((col, r[col] == "", "empty"))
        for col, ok, value in checks:
            fields += 1
            if not ok:
                extra = f" (ranks {e['ranks'][0]}, {e['ranks'][1]})" if "gain" in col else ""
                if col == "mcnemar_p":
                    extra = f" (b {e['b6']}, c {e['c6']})"
                want = f"{value:.6e}" if col == "mcnemar_p" and six_known else show(value)
                problems.append(f"{where}: {col} {r[col]!r} != {want}{extra}")
    head = f"exact {label}: {len(rows)} rows of compare.csv"
    if problems:
        more = f"; ... {len(problems) - 5} more" if len(problems) > 5 else ""
        return False, f"FAIL {head}: " + "; ".join(problems[:5]) + more, notes
    return True, (f"PASS {head}, {fields} fields equal to their recomputation from "
                  f"{runs.n} runs of runs.csv (6 months = {six_date})"), notes


# ----------------------------------------------------------------------------------------
# Part 2

def reference_times(path: str, runs: int, seed: int) -> dict:
    """Run in a worker: the reference's days to recover per strategy."""
    sc = ref.load(path)
    res = ref.simulate(sc, runs, seed)
    return {"days": [d - sc.today for d in sc.recalc_days],
            "times": {r.name: r.times for r in res}, "runs": runs}


def cdf(times: list, d: int) -> float:
    return sum(1 for t in times if t is not None and t <= d) / len(times)


def var_p(p: float, n: int) -> float:
    """The variance of a proportion p of n, smoothed away from 0 and 1."""
    q = (p * n + 0.5) / (n + 1)
    return q * (1 - q) / n


def jssim_curves(out_dir: str) -> dict:
    """curve.csv: per strategy, {days: p_recovered}."""
    curves = {}
    for r in read_csv(os.path.join(out_dir, "curve.csv")):
        curves.setdefault(r["strategy"], {})[int(r["days"])] = float(r["p_recovered"])
    return curves


def never_later_pairs(path: str) -> list:
    pairs = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            m = NEVER_LATER.match(line.strip())
            if m:
                pairs.append((m.group(1), m.group(2)))
    return pairs


def check_never_later(label, row, curves, reft, strategy, baseline, z_max):
    """(a) compare.csv and jssim's own curves; (b) the reference's curves."""
    lines = []
    where = f"{label}: {strategy} vs {baseline}"
    if row is None:
        return [(False, f"FAIL never-later {where}: no such row in compare.csv")]
    problems = []
    p_earlier, p_later = float(row["p_earlier"]), float(row["p_later"])
    if row["p_later"] != "0.000000":
        problems.append(f"p_later {row['p_later']} != 0")
    # Empty when the horizon comes before 6 months; p_later already covers it then.
    if row["runs_6m_baseline_only"] not in ("0", ""):
        problems.append(f"{row['runs_6m_baseline_only']} runs where only {baseline!r} "
                        "recovers within 6 months")
    if float(row["p_earlier_lo"]) < MIN_EARLIER_LO:
        problems.append(f"p_earlier {p_earlier:.4f} (Wilson lower end {row['p_earlier_lo']}) "
                        f"is not clearly above 0 (< {MIN_EARLIER_LO})")
    fa, fb = curves.get(baseline, {}), curves.get(strategy, {})
    worst_day, worst = None, 0.0
    for d in sorted(fa):
        if d in fb and fa[d] - fb[d] > worst:
            worst_day, worst = d, fa[d] - fb[d]
    if worst > 1e-6:
        problems.append(f"jssim's curve.csv puts {baseline!r} above on day {worst_day} by {worst:.6f}")
    head = f"never-later {where} (jssim)"
    if problems:
        lines.append((False, f"FAIL {head}: " + "; ".join(problems)))
    else:
        six = (f"runs within 6 months only under the strategy {row['runs_6m_strategy_only']}, "
               "under the baseline 0" if row["runs_6m_strategy_only"] != ""
               else "6 months past the horizon")
        lines.append((True, f"PASS {head}: p_later {row['p_later']}, p_earlier {p_earlier:.4f} "
                            f"[{row['p_earlier_lo']}, {row['p_earlier_hi']}], {six}; curve.csv: "
                            "the baseline never above"))
    # (b) the reference: the strategy's curve at or above the baseline's, within sampling error
    ta, tb, m = reft["times"].get(baseline), reft["times"].get(strategy), reft["runs"]
    if ta is None or tb is None:
        lines.append((False, f"FAIL never-later {where} (reference): no such strategy"))
        return lines
    zmax, zday, gaps = -INF, None, []
    for d in reft["days"]:
        pa, pb = cdf(ta, d), cdf(tb, d)
        z = (pa - pb) / math.sqrt(var_p(pa, m) + var_p(pb, m))
        gaps.append(pb - pa)
        if z > zmax:
            zmax, zday = z, d
    head = f"never-later {where} (reference, {m} runs each)"
    text = (f"F_strategy(d) - F_baseline(d) from {min(gaps):+.4f} to {max(gaps):+.4f} over "
            f"{len(gaps)} recalculation days, the baseline above by at most z = {zmax:+.2f} "
            f"(day {zday}), limit {z_max}")
    lines.append((zmax < z_max, f"{'PASS' if zmax < z_max else 'FAIL'} {head}: {text}"))
    return lines


def frechet(row, curves, reft, strategy, baseline, z_max, label):
    """Both bounds, with the reference's curves (within z_max) and jssim's own (exact)."""
    where = f"{label}: {strategy} vs {baseline}"
    if row is None:
        return (False, f"FAIL frechet {where}: no such row in compare.csv")
    n = int(row["runs"])
    ts, tb, m = reft["times"].get(strategy), reft["times"].get(baseline), reft["runs"]
    if ts is None or tb is None:
        return (False, f"FAIL frechet {where}: not strategies of the reference")
    problems, parts = [], []
    for col, first, second, sign in (("p_earlier", ts, tb, +1), ("p_later", tb, ts, -1)):
        p = float(row[col])
        best, best_day, zmax, zday = -INF, None, -INF, None
        for d in reft["days"]:
            f1, f2 = cdf(first, d), cdf(second, d)
            bound = f1 - f2
            sd = math.sqrt(var_p(f1, m) + var_p(f2, m) + var_p(p, n))
            z = (bound - p) / sd
            if bound > best:
                best, best_day = bound, d
            if z > zmax:
                zmax, zday = z, d
        # jssim's own curves: the same runs, so the bound holds exactly
        own, own_day = -INF, None
        c1 = curves.get(strategy if sign > 0 else baseline, {})
        c2 = curves.get(baseline if sign > 0 else strategy, {})
        for d in sorted(c1):
            if d in c2 and c1[d] - c2[d] > own:
                own, own_day = c1[d] - c2[d], d
        own = max(own, 0.0)
        name = "F_s - F_b" if sign > 0 else "F_b - F_s"
        parts.append(f"{col} {p:.4f} >= sup({name}) = {max(best, 0):.4f} (reference, day "
                     f"{best_day}; largest z {zmax:+.1f} on day {zday}), "
                     f"{own:.4f} (jssim's curve.csv, day {own_day})")
        if zmax >= z_max:
            problems.append(f"{col} {p:.6f} below the reference's bound "
                            f"{cdf(first, zday) - cdf(second, zday):.6f} on day {zday} "
                            f"(z = {zmax:.1f})")
        if own > p + 1e-6:
            problems.append(f"{col} {p:.6f} below the bound {own:.6f} of jssim's own "
                            f"curve.csv on day {own_day}")
    head = f"frechet {where}"
    if problems:
        return (False, f"FAIL {head}: " + "; ".join(problems))
    return (True, f"PASS {head}: " + "; ".join(parts))


def check_marginals(label, curves, reft, n_prog, z_curve):
    """Per strategy, jssim's and the reference's P(recovered by day d) agree."""
    lines = []
    m = reft["runs"]
    for name, times in reft["times"].items():
        c = curves.get(name)
        if c is None:
            lines.append((False, f"FAIL marginals {label}: {name}: not in curve.csv"))
            continue
        if sorted(c) != sorted(reft["days"]):
            lines.append((False, f"FAIL marginals {label}: {name}: curve.csv days differ from "
                                 "the recalculation days"))
            continue
        worst, wday = 0.0, None
        for d in reft["days"]:
            p1, p2 = c[d], cdf(times, d)
            pooled = (p1 * n_prog + p2 * m) / (n_prog + m)
            var = pooled * (1 - pooled) * (1 / n_prog + 1 / m)
            z = 0.0 if var <= 0 and p1 == p2 else (INF if var <= 0 else (p1 - p2) / math.sqrt(var))
            if abs(z) > abs(worst):
                worst, wday = z, d
        ok = abs(worst) < z_curve
        lines.append((ok, f"{'PASS' if ok else 'FAIL'} marginals {label}: {name}: jssim and the "
                          f"reference agree on {len(c)} recalculation days (largest |z| "
                          f"{abs(worst):.1f} on day {wday}, limit {z_curve}; by the horizon "
                          f"{c[max(c)]:.4f} / {cdf(times, max(c)):.4f})"))
    return lines


def part2(label, scenario, out_dir, compare_path, reft, n_prog, z, z_curve):
    rows = {(r["strategy"], r["baseline"]): r for r in read_csv(compare_path)}
    curves = jssim_curves(out_dir)
    lines = []
    if compare_path == os.path.join(out_dir, "compare.csv"):
        lines += check_marginals(label, curves, reft, n_prog, z_curve)
    pairs = never_later_pairs(scenario)
    for s, b in pairs:
        lines += check_never_later(label, rows.get((s, b)), curves, reft, s, b, z)
    for (s, b), row in rows.items():
        lines.append(frechet(row, curves, reft, s, b, z, label))
    return lines


# ----------------------------------------------------------------------------------------
# --self-test: corrupted copies must fail

def corrupt(src: str, dst: str, how: str):
    rows = read_csv(src)
    with open(src, newline="", encoding="utf-8") as f:
        header = next(csv.reader(f))
    done = False
    for r in rows:
        n = int(r["runs"])
        if how == "swap":
            for a, b in (("p_earlier", "p_later"), ("p_earlier_lo", "p_later_lo"),
                         ("p_earlier_hi", "p_later_hi")):
                r[a], r[b] = r[b], r[a]
            done = done or r["p_earlier"] != r["p_later"]
        elif how == "mcnemar-uncorrected":
            if r["runs_6m_strategy_only"] == "":  # a horizon before 6 months
                continue
            bb, cc = int(r["runs_6m_strategy_only"]), int(r["runs_6m_baseline_only"])
            if bb + cc >= 25 and bb != cc:
                p = mcnemar(bb, cc, corrected=False)
                r["mcnemar_p"] = f"{p:.6f}" if p >= Decimal("1e-4") else f"{float(p):.3e}"
                done = True
        elif how == "wald":
            for col in ("p_earlier", "p_same", "p_later"):
                k = round(float(r[col]) * n)
                if 0 < k < n:
                    lo, hi = wald(k, n)
                    r[col + "_lo"], r[col + "_hi"] = f"{lo:.6f}", f"{hi:.6f}"
                    done = True
        elif how == "median+14" and not done and r["median_gain_days"] != "":
            r["median_gain_days"] = str(int(r["median_gain_days"]) + 14)
            done = True
    with open(dst, "w", newline="", encoding="utf-8") as f:
        w = csv.DictWriter(f, fieldnames=header, lineterminator="\n")
        w.writeheader()
        w.writerows(rows)
    return done


# ----------------------------------------------------------------------------------------

def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("jssim", help="the jssim program")
    ap.add_argument("--out", required=True, help="a folder for jssim's outputs (created)")
    ap.add_argument("--runs", type=int, default=4000,
                    help="jssim runs for the scenarios of part 2 (default 4000)")
    ap.add_argument("--sweep-runs", type=int, default=599,
                    help="jssim runs for the other scenarios of part 1 (default 599, odd)")
    ap.add_argument("--ref-runs", type=int, default=3000,
                    help="reference runs per strategy (default 3000)")
    ap.add_argument("--seed", type=int, default=7, help="seed of jssim (default 7)")
    ap.add_argument("--ref-seed", type=int, default=20261126, help="seed of the reference")
    ap.add_argument("--z", type=float, default=4.0, help="z limit of the bounds (default 4)")
    ap.add_argument("--z-curve", type=float, default=5.0,
                    help="|z| limit per day of the marginal curves (default 5)")
    ap.add_argument("--self-test", action="store_true",
                    help="also check that corrupted copies of compare.csv fail")
    a = ap.parse_args(argv)
    if not (os.path.isfile(a.jssim) and os.access(a.jssim, os.X_OK)):
        print(f"check_compare.py: {a.jssim}: not an executable file", file=sys.stderr)
        return 2
    jssim = os.path.abspath(a.jssim)
    os.makedirs(a.out, exist_ok=True)
    t0 = time.monotonic()

    bounded = sorted(glob.glob(os.path.join(COMPARE_DIR, "*.yaml"))) + [SEED_STORY]
    if len(bounded) < 2:
        print("check_compare.py: no scenario in tests/reference/compare/", file=sys.stderr)
        return 2
    sweep = [p for p in sorted(glob.glob(os.path.join(ROOT, "scenarios", "*.yaml"))) +
             sorted(glob.glob(os.path.join(HERE, "scenarios", "*.yaml"))) if p not in bounded]
    tiny = [SEED_STORY, os.path.join(ROOT, "scenarios", "agency-veteran.yaml")]
    jobs = [(p, a.runs) for p in bounded] + [(p, a.sweep_runs) for p in sweep] + \
           [(p, 5) for p in tiny if os.path.isfile(p)]

    results = []      # (ok, line)
    notes = []
    cover = {}
    with cf.ProcessPoolExecutor(max_workers=max(1, min(2, os.cpu_count() or 1))) as pool:
        refs = {p: pool.submit(reference_times, p, a.ref_runs, a.ref_seed) for p in bounded}
        outputs = {}
        for path, runs in jobs:
            label = f"{os.path.basename(path)} ({runs} runs)"
            out = os.path.join(a.out, f"{os.path.splitext(os.path.basename(path))[0]}-{runs}")
            why = run_jssim(jssim, path, runs, a.seed, out)
            if why:
                results.append((False, f"FAIL exact {label}: {why}"))
                print(results[-1][1], flush=True)
                continue
            outputs[(path, runs)] = out
            try:
                ok, line, nn = check_exact(label, out, scenario_today(path), cover=cover,
                                           six_known=knows_six_months(path))
            except (KeyError, ValueError, OSError) as e:
                ok, line, nn = False, f"FAIL exact {label}: {type(e).__name__}: {e}", []
            results.append((ok, line))
            notes += nn
            print(line, flush=True)
        missing = [name for name in COVER if not cover.get(name)]
        text = ", ".join(f"{name} {cover.get(name, 0)}" for name in COVER)
        results.append((not missing, f"{'FAIL' if missing else 'PASS'} coverage: rows recomputed "
                                     f"per branch of the definitions: {text}"))
        print(results[-1][1], flush=True)
        ref_results = {}
        for path in bounded:
            label = os.path.basename(path)
            try:
                ref_results[path] = refs[path].result()
            except Exception as e:  # a crash of the reference is a failure too
                results.append((False, f"FAIL reference {label}: {type(e).__name__}: {e}"))
                print(results[-1][1], flush=True)
                continue
            out = outputs.get((path, a.runs))
            if out is None:
                continue
            try:
                lines = part2(label, path, out, os.path.join(out, "compare.csv"),
                              ref_results[path], a.runs, a.z, a.z_curve)
            except (KeyError, ValueError, OSError) as e:
                lines = [(False, f"FAIL reference {label}: {type(e).__name__}: {e}")]
            for ok, line in lines:
                results.append((ok, line))
                print(line, flush=True)

    if a.self_test:
        st_dir = os.path.join(a.out, "self-test")
        os.makedirs(st_dir, exist_ok=True)
        expect = {"swap": ("exact", "never-later", "frechet"), "mcnemar-uncorrected": ("exact",),
                  "wald": ("exact",), "median+14": ("exact",)}
        for how, kinds in expect.items():
            detected, applied, first, failed_kinds = 0, False, None, set()
            for path in bounded:
                out = outputs.get((path, a.runs))
                if out is None or path not in ref_results:
                    continue
                stem = os.path.splitext(os.path.basename(path))[0]
                dst = os.path.join(st_dir, f"{stem}-{how}.csv")
                if not corrupt(os.path.join(out, "compare.csv"), dst, how):
                    continue
                applied = True
                label = f"{os.path.basename(path)} [{how}]"
                lines = [check_exact(label, out, scenario_today(path), dst,
                                     six_known=knows_six_months(path))[:2]]
                lines += part2(label, path, out, dst, ref_results[path], a.runs, a.z, a.z_curve)
                fails = [line for ok, line in lines if not ok]
                detected += len(fails)
                failed_kinds |= {line.split()[1] for line in fails}
                if fails and first is None:
                    first = fails[0][:200]
            unseen = [k for k in kinds if k not in failed_kinds]
            ok = applied and not unseen
            line = (f"{'PASS' if ok else 'FAIL'} self-test {how}: "
                    + (f"{detected} checks fail on the corrupted compare.csv files "
                       f"({', '.join(sorted(failed_kinds))}), e.g. {first}" if ok
                       else "the corruption could not be applied" if not applied
                       else f"no {' or '.join(unseen)} check noticed the corruption"))
            results.append((ok, line))
            print(line, flush=True)

    for note in notes:
        print(f"NOTE {note}")
    passed = sum(1 for ok, _ in results if ok)
    failed = len(results) - passed
    print(f"     checked in {time.monotonic() - t0:.0f}s")
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
