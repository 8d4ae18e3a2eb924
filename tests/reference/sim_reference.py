#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
# An independent reference Monte Carlo of MODEL.md sections 2, 4, 5, 6 and 7, written from the text alone.
"""Reference Monte Carlo of the JSS recovery model (MODEL.md), for statistical cross-checks.

    sim_reference.py SCENARIO.yaml [--runs N] [--seed S] [--strategy NAME] [--out DIR]
                     [--verify-scorer K]

Prints the columns of `summary.csv` (MODEL.md section 9) on stdout. With --out DIR it writes
DIR/summary.csv and DIR/curve.csv instead (like `jssim run --out`). --verify-scorer K rescores
the first K runs of each strategy with tests/reference/jss_reference.py (an exact scorer
written by someone else) on every recalculation day and stops on any difference.

It does not use the C++ program's random streams: compare its results statistically
(check_run.py). Exit status: 0, or 2 for a scenario it rejects or does not model.

Readings of MODEL.md (where the text leaves a choice; the C++ program should agree):

 1. Offers of one job type: a Poisson process in continuous time t >= 0 from today at
    rate proposals_per_week * win_rate / 7 per day; an offer at t lands on day
    today + ceil(t), so no offer lands on today itself. Offers of one day are handled in
    the order of their t (across job types), after that day's rehire offers.
 2. A rehire offer is an offer "declined like any offer": it is subject to `accept` and
    to `max_parallel`, with the settings in force that day.
 3. Rehire follows any close whose class (section 4, on the close day) is positive: a
    client close, and also an own close (scheduled or stale) of a pipeline job, even when
    the client is a ghost that answered the own close. History contracts never rehire
    (a `future` has no `rehire`). The new job has the same client id and type, and draws
    all its attributes (duration, value, ghost, rehire, close delay, row) afresh.
 4. A ghost hourly client still pays `weekly_usd` weekly and the pro-rata last week at
    the work end (section 7: a ghost "never pays a fixed job"; hourly pay is not
    withheld); it only never closes. A ghost fixed-job client pays nothing.
 5. Hourly pay: weekly_usd on start+7k for every k >= 1 with start+7k <= work end, then
    weekly_usd * r / 7 at the work end where r = days since the last weekly payday
    (r = 0: no extra payment). A payment of $0 is no payment (no first/last_paid).
 6. An own close (scheduled `close` or stale close) of an unpaid fixed job pays nothing:
    the job's value is only paid by the client's own close. The contract ends that day;
    pending payments and the client's close are cancelled.
 7. A job with duration 0 takes no slot (it runs on no day start <= d < start). History
    contracts take no slot. max_parallel counts won jobs with start <= d < work end,
    including those accepted earlier the same day.
 8. History `future`: unless a ghost, pays weekly_usd (a distribution, drawn once per
    run) on today+7k for every k >= 1 with today+7k <= its end day (no pro-rata part),
    and ends on today + ends_in_days. A ghost, or an open contract without `future`, never
    acts again. Every history contract still has a row (its future.outcomes table, else
    the first table), drawn once per run, for an own close.
 9. Own-close feedback: with probability own_close_feedback (the strategy's setting in
    force that day) the client answers with its row; a `feedback: none` row answers
    nothing. Otherwise no feedback.
10. A stale close is tested on every day d >= today with the contract open; "its work
    end" of a pipeline job is start + duration; history contracts have no work end.
    Payments of day d count for last_activity on d (they come first in the day).
11. A scheduled `close` of a contract that has already ended does nothing; one after the
    horizon never happens. A client close on the same day comes first (same-day order).
12. Events created during a day for that same day (a duration-0 job accepted in the
    offers phase that the client closes with delay 0, and the rehire that may follow)
    still happen that day, before the recalculation.
13. until_recovered: after the recalculation on which the run recovers (that day's
    events are done), proposals_per_week, accept and max_parallel revert to the
    pipeline's, close_stale_after_days to none and own_close_feedback to its default 0.3
    (the pipeline has neither), and the scheduled closes not yet done are cancelled. By
    memorylessness, offers from the next day on come at the pipeline's rate. When
    start_jss already meets the target the settings are the pipeline's from the start
    (closes on today cancelled too).
14. Recovery with hold k counts only simulated recalculation days (today < d <= horizon);
    start_jss meeting the target is day 0 whatever k is. "No score" never meets the
    target. A run is followed to the horizon only for curve.csv.
15. start_jss: history only (no simulated event of today), scored on the latest
    recalculation day R0 <= today with the past-day rules of section 2. Simulated
    recalculations see every history fact as written (all are dated <= today < T).
16. Money is exact (fractions of the drawn doubles); drawn days are floor(x + 1/2).
    pipeline.proposals_per_week defaults to 0 when absent.
17. Every random attribute of a won job (duration, value or weekly pay, ghost, close
    delay, outcome row) is drawn when it is won; a rehire is a new job with new draws.
18. summary.csv's median interval: ranks l = max{l : P(B <= l-1) <= 0.025}, B ~ Bin(N,
    1/2), and u = N + 1 - l; empty when l < 1 or the time at a rank is censored.
    curve.csv: p_recovered = share of runs recovered on or before the date; jss quantile
    q = ceil(qN)-th smallest displayed JSS, no score lowest and written empty.
"""

from __future__ import annotations

import argparse
import bisect
import calendar
import csv
import datetime as dt
import heapq
import io
import math
import os
import random
import re
import sys
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

import yaml

HALF = Fraction(1, 2)
Z90 = 1.2815515655446004
MONTHS = (3, 6, 12, 24)


class Rejected(Exception):
    """A scenario this reference cannot or will not simulate (exit status 2)."""


# ----------------------------------------------------------------------------------------
# YAML: dates stay strings; only true/false are booleans (`on:` must stay a key).

class _Loader(yaml.SafeLoader):
    pass


_Loader.yaml_implicit_resolvers = {
    k: [(tag, rx) for tag, rx in v
        if tag not in ("tag:yaml.org,2002:timestamp", "tag:yaml.org,2002:bool")]
    for k, v in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_Loader.add_implicit_resolver("tag:yaml.org,2002:bool",
                              re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"),
                              list("tTfF"))


def date_of(text: Any, where: str) -> int:
    """An ISO date as a day number (proleptic ordinal)."""
    m = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", str(text)) if isinstance(text, str) else None
    if not m:
        raise Rejected(f"{where}: expected YYYY-MM-DD, got {text!r}")
    try:
        return dt.date(*(int(g) for g in m.groups())).toordinal()
    except ValueError:
        raise Rejected(f"{where}: {text} is not a date") from None


def iso(day: int) -> str:
    return dt.date.fromordinal(day).isoformat()


def add_months(day: int, m: int) -> int:
    d = dt.date.fromordinal(day)
    y, mo = divmod(d.year * 12 + d.month - 1 + m, 12)
    return dt.date(y, mo + 1, min(d.day, calendar.monthrange(y, mo + 1)[1])).toordinal()


def num(x: Any, where: str) -> Fraction:
    """A YAML number, exactly as written (4.5 is 9/2)."""
    if isinstance(x, bool) or not isinstance(x, (int, float)) or not math.isfinite(x):
        raise Rejected(f"{where}: expected a number, got {x!r}")
    return Fraction(str(x))


def round_days(x) -> int:
    """Drawn days, rounded half up."""
    return math.floor(x + HALF)


# ----------------------------------------------------------------------------------------
# Rules (section 4)

@dataclass
class Rules:
    use_private: bool = True
    private_positive_min: Fraction = Fraction(9)
    private_neutral_min: Fraction = Fraction(7)
    stars_positive_min: Fraction = Fraction(9, 2)
    stars_neutral_min: Fraction = Fraction(7, 2)
    min_clients: int = 2
    min_outcomes: int = 2
    recalc_every_days: int = 14
    recalc_anchor: int = dt.date(2023, 12, 10).toordinal()
    stale_after_days: int = 90
    stale_open_class: str = "neutral"
    long_term_days: int = 90
    span_bonus_days: int = 91
    weight_max: Fraction = Fraction(8)
    tier_limits: tuple = (Fraction(250), Fraction(1000))
    tier_weights: tuple = (Fraction(1), Fraction(5, 4), Fraction(3, 2))
    private_ratings_until: int | None = None  # the last day a private rating could be given

    def finish(self) -> None:
        # Weights as integers in units of 1/scale, so window sums are exact integers.
        scale = 1
        for f in (*self.tier_weights, self.weight_max):
            scale = scale * f.denominator // math.gcd(scale, f.denominator)
        self.scale = scale
        self.tw = tuple(int(w * scale) for w in self.tier_weights)
        self.wmax = int(self.weight_max * scale)


def rules_from(block: Any) -> Rules:
    r = Rules()
    if block is None:
        r.finish()
        return r
    if not isinstance(block, dict):
        raise Rejected("score: expected a mapping")
    for key, value in block.items():
        w = f"score.{key}"
        if key == "rules":
            if value == "upwork-2026":
                r.use_private = False
            elif value != "upwork-2024":
                raise Rejected(f"{w}: unknown rule set {value!r}")
        elif key in ("private_positive_min", "private_neutral_min", "stars_positive_min",
                     "stars_neutral_min", "weight_max"):
            setattr(r, key, num(value, w))
        elif key in ("min_clients", "min_outcomes", "stale_after_days", "long_term_days",
                     "recalc_every_days", "span_bonus_days"):
            if isinstance(value, bool) or not isinstance(value, int) or value < 0:
                raise Rejected(f"{w}: expected an integer")
            setattr(r, key, value)
        elif key == "recalc_anchor":
            r.recalc_anchor = date_of(value, w)
        elif key == "private_ratings_until":
            r.private_ratings_until = date_of(value, w)
        elif key == "stale_open_class":
            if value not in ("positive", "neutral", "negative", "excluded"):
                raise Rejected(f"{w}: bad class {value!r}")
            r.stale_open_class = value
        elif key == "tier_limits":
            r.tier_limits = tuple(num(v, w) for v in value)
        elif key == "tier_weights":
            r.tier_weights = tuple(num(v, w) for v in value)
        else:
            raise Rejected(f"{w}: unknown key")
    if r.recalc_every_days < 1 or r.span_bonus_days < 1:
        raise Rejected("score: recalc_every_days and span_bonus_days must be >= 1")
    r.finish()
    return r


POS, NEU, NEG, EXC = 0, 1, 2, 3
CLASS_OF = {"positive": POS, "neutral": NEU, "negative": NEG, "excluded": EXC}


class Contract:
    """One contract of one run, as the scorer sees it (section 3); mutable as days pass."""
    __slots__ = ("id", "client", "start", "end", "earned", "first_paid", "last_paid", "stars",
                 "private", "disputed", "flagged", "job", "work_end", "row", "ghost", "fixed",
                 "value", "cached")

    def __init__(self, cid, client, start):
        self.id = cid
        self.client = client
        self.start = start
        self.end = None
        self.earned = Fraction(0)
        self.first_paid = None
        self.last_paid = None
        self.stars = None
        self.private = None
        self.disputed = False
        self.flagged = False
        self.job = None          # the JobType of a pipeline job; None for history
        self.work_end = None
        self.row = None
        self.ghost = False
        self.fixed = False
        self.value = Fraction(0)
        self.cached = None       # (class, weight, reference day) once ended

    def pay(self, day: int, amount: Fraction) -> None:
        if amount <= 0:
            return
        self.earned += amount
        if self.first_paid is None:
            self.first_paid = day
        self.last_paid = day


def weight(earned: Fraction, span: int, r: Rules) -> int:
    if earned <= r.tier_limits[0]:
        t = r.tw[0]
    elif earned <= r.tier_limits[1]:
        t = r.tw[1]
    else:
        t = r.tw[2]
    return min(r.wmax, t + r.scale * (span // r.span_bonus_days))


def classify(c: Contract, t: int, r: Rules, ended: bool, earned: Fraction, first, last,
             stars, private) -> tuple:
    """(class, integer weight, reference day) of a contract with these facts on day t."""
    span = 0 if first is None else last - first
    w = weight(earned, span, r)
    last_activity = last if last is not None else c.start
    ref = c.end if ended else last_activity
    if c.flagged:
        return EXC, w, ref
    if c.disputed:
        return NEG, w, ref
    long_term = span >= r.long_term_days
    if ended:
        p = private if r.use_private and (r.private_ratings_until is None
                                          or c.end <= r.private_ratings_until) else None
        if p is not None:
            cls = POS if p >= r.private_positive_min else NEU if p >= r.private_neutral_min else NEG
        elif stars is not None:
            cls = POS if stars >= r.stars_positive_min else NEU if stars >= r.stars_neutral_min else NEG
        else:
            cls = POS if long_term else EXC
        return cls, w, ref
    idle = t - last_activity
    if long_term and idle < r.stale_after_days:
        return POS, w, ref
    if idle >= r.stale_after_days:
        return CLASS_OF[r.stale_open_class], w, ref
    return EXC, w, ref


def classify_now(c: Contract, t: int, r: Rules) -> tuple:
    """The class on day t >= every fact of c (simulated days)."""
    if c.cached is not None:
        return c.cached
    res = classify(c, t, r, c.end is not None, c.earned, c.first_paid, c.last_paid,
                   c.stars, c.private)
    if c.end is not None:
        c.cached = res   # nothing changes after the end
    return res


def classify_past(c: Contract, t: int, r: Rules):
    """Section 2, a day t before today: only facts dated <= t, payments spread evenly."""
    if c.start > t:
        return None
    ended = c.end is not None and c.end <= t
    earned, first, last = c.earned, c.first_paid, c.last_paid
    if first is None or t < first:
        earned, first, last = Fraction(0), None, None
    elif t < last:
        earned = earned * (t - first + 1) / (last - first + 1)
        last = t
    return classify(c, t, r, ended, earned, first, last,
                    c.stars if ended else None, c.private if ended else None)


class Windows:
    """Window starts of each scoring day, computed once."""

    def __init__(self):
        self.memo = {}

    def starts(self, t: int) -> tuple:
        s = self.memo.get(t)
        if s is None:
            s = self.memo[t] = tuple(add_months(t, -m) for m in MONTHS)
        return s


def displayed(items, t: int, r: Rules, wins: Windows):
    """Displayed JSS (int) or None from (class, weight, ref, client) of contracts on day t.

    The windows are nested, so each counted contract falls in one band (3m, 6m minus 3m,
    ...) and a window is the union of the bands up to it. Exact integer arithmetic:
    rounding half up is monotone, so the largest rounded candidate is the rounded
    largest, and floor(a/b + 1/2) = (2a + b) // 2b."""
    s3, s6, s12, s24 = wins.starts(t)
    pun = [[0, 0, 0] for _ in range(4)]            # P, U, N weights per band
    count = [0, 0, 0, 0]
    clients = [set(), set(), set(), set()]
    for cls, w, ref, client in items:
        if cls == EXC or ref > t or ref < s24:
            continue
        b = 0 if ref >= s3 else 1 if ref >= s6 else 2 if ref >= s12 else 3
        pun[b][cls] += w
        count[b] += 1
        clients[b].add(client)
    best = None
    p = u = n = k = 0
    seen = set()
    x3 = d3 = None                                  # S_3 = 100 * x3 / d3 when eligible
    for b in range(4):
        p += pun[b][0]
        u += pun[b][1]
        n += pun[b][2]
        k += count[b]
        seen |= clients[b]
        if not (k > 0 and k >= r.min_outcomes and len(seen) >= r.min_clients):
            continue
        x, d = max(0, p - n), p + u + n
        if b == 0:
            x3, d3 = x, d                           # S_3 alone is never displayed
            continue
        a, den = 100 * x, d
        cand = (2 * a + den) // (2 * den)
        best = cand if best is None or cand > best else best
        if b == 1 and x3 is not None:               # trending = (S_3 + S_6) / 2
            a, den = 100 * (x3 * d + x * d3), 2 * d3 * d
            cand = (2 * a + den) // (2 * den)
            best = cand if cand > best else best
    return best


def latest_recalc(day: int, r: Rules) -> int:
    return day - (day - r.recalc_anchor) % r.recalc_every_days


# ----------------------------------------------------------------------------------------
# Scenario (section 6)

class Dist:
    """A distribution of days or USD; draw() gives a Fraction (fixed) or a float."""

    def __init__(self, spec: Any, where: str):
        self.where = where
        if isinstance(spec, (int, float)) and not isinstance(spec, bool):
            self.kind, self.arg = "fixed", num(spec, where)
            if self.arg < 0:
                raise Rejected(f"{where}: negative")
            return
        if not isinstance(spec, dict) or len(spec) != 1:
            raise Rejected(f"{where}: expected a number or a distribution")
        (kind, arg), = spec.items()
        self.kind = kind
        if kind == "uniform":
            a, b = (float(num(v, where)) for v in arg)
            self.arg = (a, b)
        elif kind == "triangular":
            lo, mode, hi = (float(num(v, where)) for v in arg)
            self.arg = (lo, hi, mode)
        elif kind == "exponential":
            self.arg = float(num(arg["mean"], where))
        elif kind == "lognormal":
            med, p90 = float(num(arg["median"], where)), float(num(arg["p90"], where))
            if p90 < med:
                raise Rejected(f"{where}: p90 < median")
            sigma = math.log(p90 / med) / Z90 if med > 0 else 0.0
            self.arg = (med, sigma)
        elif kind == "choice":
            vals, cum, tot = [], [], Fraction(0)
            for v, p in arg.items():
                vals.append(num(v, where))
                tot += num(p, where)
                cum.append(float(tot))
            if abs(tot - 1) > Fraction(1, 10**9):
                raise Rejected(f"{where}: probabilities sum to {float(tot)}")
            self.arg = (vals, cum)
        else:
            raise Rejected(f"{where}: unknown distribution {kind!r}")

    def draw(self, rng: random.Random):
        k, a = self.kind, self.arg
        if k == "fixed":
            return a
        if k == "uniform":
            return rng.uniform(a[0], a[1])
        if k == "triangular":
            return rng.triangular(a[0], a[1], a[2])
        if k == "exponential":
            return rng.expovariate(1.0 / a) if a > 0 else 0.0
        if k == "lognormal":
            return a[0] * math.exp(a[1] * rng.gauss(0.0, 1.0)) if a[0] > 0 else 0.0
        vals, cum = a
        i = bisect.bisect_right(cum, rng.random())
        return vals[min(i, len(vals) - 1)]


def money(x) -> Fraction:
    return x if isinstance(x, Fraction) else Fraction(x)


class Table:
    """An outcome table: rows (stars, private); `feedback: none` is (None, None)."""

    def __init__(self, rows: Any, where: str):
        if not isinstance(rows, list) or not rows:
            raise Rejected(f"{where}: expected a list of rows")
        self.rows, self.cum = [], []
        tot = Fraction(0)
        for i, row in enumerate(rows):
            w = f"{where}[{i}]"
            if not isinstance(row, dict) or "p" not in row:
                raise Rejected(f"{w}: a row needs p")
            tot += num(row["p"], f"{w}.p")
            stars = row.get("stars")
            private = row.get("private")
            if stars == "unknown" or private == "unknown":
                raise Rejected(f"{w}: unknown ratings are out of scope")
            self.rows.append((num(stars, f"{w}.stars") if stars is not None else None,
                              int(private) if private is not None else None))
            self.cum.append(float(tot))
        if abs(tot - 1) > Fraction(1, 10**9):
            raise Rejected(f"{where}: probabilities sum to {float(tot)}")

    def draw(self, rng: random.Random) -> tuple:
        i = bisect.bisect_right(self.cum, rng.random())
        return self.rows[min(i, len(self.rows) - 1)]


@dataclass
class JobType:
    index: int
    name: str
    win_rate: float
    hourly: bool
    duration: Dist
    value: Dist | None
    weekly: Dist | None
    delay: Dist | None
    ghost: float
    rehire: float
    table: Table


@dataclass
class HistoryItem:
    contract: Contract                 # the facts as of today (copied per run)
    table: Table                       # its row table for an own close / its end
    has_future: bool = False
    ghost: float = 0.0
    ends: Dist | None = None
    weekly: Dist | None = None


@dataclass
class Strategy:
    name: str
    ppw: float
    accept: frozenset | None
    max_parallel: int | None
    closes: list                       # (day, contract id)
    stale_after: int | None
    own_close_feedback: float
    until_recovered: bool


@dataclass
class Scenario:
    path: str
    today: int
    horizon: int
    rules: Rules
    history: list
    jobs: list
    pipeline_ppw: float
    pipeline_max_parallel: int | None
    strategies: list
    runs: int
    seed: int
    target: int
    hold: int
    recalc_days: list = field(default_factory=list)


def _get(d: dict, key: str, where: str):
    if key not in d:
        raise Rejected(f"{where}.{key}: missing key")
    return d[key]


def load(path: str) -> Scenario:
    try:
        with open(path, encoding="utf-8") as f:
            doc = yaml.load(f, Loader=_Loader)  # noqa: S506 (a SafeLoader subclass)
    except (OSError, yaml.YAMLError) as e:
        raise Rejected(str(e)) from None
    if not isinstance(doc, dict):
        raise Rejected("expected a mapping at the top")
    for k in doc:
        if k not in ("freelancer", "history", "pipeline", "simulation", "observed",
                     "strategies", "score"):
            raise Rejected(f"{k}: unknown key")
    today = date_of(_get(_get(doc, "freelancer", "scenario"), "today", "freelancer"),
                    "freelancer.today")
    rules = rules_from(doc.get("score"))

    pl = _get(doc, "pipeline", "scenario")
    tables_doc = _get(pl, "outcomes", "pipeline")
    if not isinstance(tables_doc, dict) or not tables_doc:
        raise Rejected("pipeline.outcomes: at least one table")
    tables = {name: Table(rows, f"pipeline.outcomes.{name}") for name, rows in tables_doc.items()}
    first_table = next(iter(tables.values()))

    def table_named(name, where):
        if name is None:
            return first_table
        if name not in tables:
            raise Rejected(f"{where}: no table {name!r}")
        return tables[name]

    jobs = []
    for i, j in enumerate(_get(pl, "jobs", "pipeline")):
        w = f"pipeline.jobs[{i}]"
        hourly = j.get("type", "fixed") == "hourly"
        jobs.append(JobType(
            index=i, name=_get(j, "name", w), win_rate=float(num(_get(j, "win_rate", w), w)),
            hourly=hourly, duration=Dist(_get(j, "duration_days", w), f"{w}.duration_days"),
            value=None if hourly else Dist(_get(j, "value_usd", w), f"{w}.value_usd"),
            weekly=Dist(_get(j, "weekly_usd", w), f"{w}.weekly_usd") if hourly else None,
            delay=Dist(j["close_delay_days"], f"{w}.close_delay_days")
            if "close_delay_days" in j else None,
            ghost=float(num(j.get("ghost", 0), f"{w}.ghost")),
            rehire=float(num(j.get("rehire", 0), f"{w}.rehire")),
            table=table_named(j.get("outcomes"), f"{w}.outcomes")))
    if not jobs:
        raise Rejected("pipeline.jobs: at least one job")
    job_names = {j.name for j in jobs}
    pipeline_ppw = float(num(pl.get("proposals_per_week", 0), "pipeline.proposals_per_week"))
    pipeline_mp = pl.get("max_parallel")

    history = []
    ids = set()
    for i, h in enumerate(_get(doc, "history", "scenario") or []):
        w = f"history[{i}]"
        cid = str(_get(h, "id", w))
        ids.add(cid)
        c = Contract(cid, "h:" + str(_get(h, "client", w)), date_of(_get(h, "started", w),
                                                                     f"{w}.started"))
        if "ended" in h:
            c.end = date_of(h["ended"], f"{w}.ended")
        c.earned = num(h.get("earned", 0), f"{w}.earned")
        if c.earned > 0:
            c.last_paid = date_of(_get(h, "last_paid", w), f"{w}.last_paid")
            c.first_paid = date_of(h["first_paid"], f"{w}.first_paid") if "first_paid" in h \
                else c.last_paid
        else:
            c.earned = Fraction(0)
        if h.get("stars") == "unknown" or h.get("private") == "unknown":
            raise Rejected(f"{w}: unknown ratings (section 10) are out of scope here")
        if "stars" in h:
            c.stars = num(h["stars"], f"{w}.stars")
        if "private" in h:
            c.private = int(h["private"])
        c.disputed = bool(h.get("disputed", False))
        c.flagged = bool(h.get("client_flagged", False))
        for day in (c.start, c.end, c.last_paid):
            if day is not None and day > today:
                raise Rejected(f"{w}: a date after freelancer.today")
        fu = h.get("future")
        item = HistoryItem(c, first_table)
        if fu is not None:
            if c.end is not None:
                raise Rejected(f"{w}.future: only for open contracts")
            item.has_future = True
            item.table = table_named(fu.get("outcomes"), f"{w}.future.outcomes")
            item.ghost = float(num(fu.get("ghost", 0), f"{w}.future.ghost"))
            if "ends_in_days" in fu:
                item.ends = Dist(fu["ends_in_days"], f"{w}.future.ends_in_days")
            elif item.ghost != 1:
                raise Rejected(f"{w}.future.ends_in_days: required unless ghost is 1")
            if "weekly_usd" in fu:
                item.weekly = Dist(fu["weekly_usd"], f"{w}.future.weekly_usd")
        history.append(item)

    strategies = []
    for i, s in enumerate(doc.get("strategies") or [{"name": "baseline"}]):
        w = f"strategies[{i}]"
        closes = []
        for j, cl in enumerate(s.get("close", []) or []):
            cid = str(_get(cl, "contract", f"{w}.close[{j}]"))
            if cid not in ids:
                raise Rejected(f"{w}.close[{j}].contract: no contract {cid!r}")
            on = date_of(cl["on"], f"{w}.close[{j}].on") if "on" in cl else today
            if on < today:
                raise Rejected(f"{w}.close[{j}].on: before freelancer.today")
            closes.append((on, cid))
        accept = s.get("accept")
        if accept is not None:
            for a in accept:
                if a not in job_names:
                    raise Rejected(f"{w}.accept: no job type {a!r}")
            accept = frozenset(accept)
        for k in s:
            if k not in ("name", "proposals_per_week", "max_parallel", "accept", "close",
                         "close_stale_after_days", "own_close_feedback", "until_recovered"):
                raise Rejected(f"{w}.{k}: unknown key")
        strategies.append(Strategy(
            name=str(_get(s, "name", w)),
            ppw=float(num(s["proposals_per_week"], w)) if "proposals_per_week" in s
            else pipeline_ppw,
            accept=accept,
            max_parallel=s.get("max_parallel", pipeline_mp),
            closes=closes,
            stale_after=s.get("close_stale_after_days"),
            own_close_feedback=float(num(s.get("own_close_feedback", 0.3), w)),
            until_recovered=bool(s.get("until_recovered", False))))

    sim = _get(doc, "simulation", "scenario") or {}
    target = sim.get("target") or {}
    for k in target:
        if k not in ("jss", "hold"):
            raise Rejected(f"simulation.target.{k}: out of scope (only jss and hold)")
    horizon = add_months(today, int(sim.get("horizon_months", 24)))
    sc = Scenario(path=path, today=today, horizon=horizon, rules=rules, history=history,
                  jobs=jobs, pipeline_ppw=pipeline_ppw, pipeline_max_parallel=pipeline_mp,
                  strategies=strategies, runs=int(sim.get("runs", 10000)),
                  seed=int(sim.get("seed", 1)), target=int(target.get("jss", 90)),
                  hold=int(target.get("hold", 1)))
    first = today + 1 + (-(today + 1 - rules.recalc_anchor)) % rules.recalc_every_days
    sc.recalc_days = list(range(first, horizon + 1, rules.recalc_every_days))
    observed = doc.get("observed")
    if observed is not None and "jss" in observed:
        if start_jss(sc) != observed["jss"]:
            raise Rejected(f"observed.jss {observed['jss']} differs from start_jss "
                           f"{start_jss(sc)} (nothing is unknown)")
    return sc


def start_jss(sc: Scenario):
    t = latest_recalc(sc.today, sc.rules)
    items = []
    for h in sc.history:
        res = classify_past(h.contract, t, sc.rules)
        if res is not None:
            items.append((*res, h.contract.client))
    return displayed(items, t, sc.rules, Windows())


# ----------------------------------------------------------------------------------------
# One run (section 7)

PAY, WORK_END, CLIENT_CLOSE, OWN_CLOSE, STALE, REHIRE, OFFER, RECALC = range(8)


def copy_contract(c: Contract) -> Contract:
    n = Contract(c.id, c.client, c.start)
    n.end, n.earned, n.first_paid, n.last_paid = c.end, c.earned, c.first_paid, c.last_paid
    n.stars, n.private, n.disputed, n.flagged = c.stars, c.private, c.disputed, c.flagged
    return n


class Run:
    def __init__(self, sc: Scenario, st: Strategy, rng: random.Random, wins: Windows,
                 follow_to_horizon: bool, verify=None):
        self.sc, self.st, self.rng, self.wins = sc, st, rng, wins
        self.follow = follow_to_horizon
        self.verify = verify
        self.r = sc.rules
        self.today = sc.today
        self.heap = []
        self.seq = 0
        self.contracts = []
        self.by_id = {}
        self.running = []            # work-end days of won jobs with duration > 0
        self.next_client = 0
        # settings in force
        self.ppw = st.ppw
        self.accept = st.accept
        self.max_parallel = st.max_parallel
        self.stale_after = st.stale_after
        self.ofb = st.own_close_feedback
        self.closes_on = True
        self.gen = [0] * len(sc.jobs)
        self.recovered = None
        self.streak = 0
        self.jss = []                # displayed JSS per simulated recalculation day

    def push(self, day, phase, sub, kind, obj=None):
        if day > self.sc.horizon:
            return
        self.seq += 1
        heapq.heappush(self.heap, (day, phase, sub, self.seq, kind, obj))

    # -- settings ------------------------------------------------------------------------
    def revert(self, now_t: float):
        sc = self.sc
        self.ppw = sc.pipeline_ppw
        self.accept = None
        self.max_parallel = sc.pipeline_max_parallel
        self.stale_after = None
        self.ofb = 0.3
        self.closes_on = False
        for j in sc.jobs:
            self.gen[j.index] += 1
            self.schedule_offer(j, now_t)

    def schedule_offer(self, j: JobType, after_t: float):
        rate = self.ppw * j.win_rate / 7.0
        if rate <= 0:
            return
        t = after_t + self.rng.expovariate(rate)
        day = self.today + math.ceil(t)
        if day <= self.sc.horizon:
            self.push(day, OFFER, t, "offer", (j, self.gen[j.index], t))

    # -- events --------------------------------------------------------------------------
    def stale_candidate(self, c: Contract) -> int:
        last_activity = c.last_paid if c.last_paid is not None else c.start
        d = max(self.today, last_activity + self.stale_after)
        if c.work_end is not None:
            d = max(d, c.work_end)
        return d

    def close(self, c: Contract, day: int, feedback: bool):
        c.end = day
        if feedback:
            c.stars, c.private = c.row
        cls = classify_now(c, day, self.r)[0]
        if c.job is not None and cls == POS and c.job.rehire > 0:
            if self.rng.random() < c.job.rehire:
                self.push(day, REHIRE, 0.0, "rehire", (c.job, c.client))

    def own_close(self, c: Contract, day: int):
        self.close(c, day, self.rng.random() < self.ofb)

    def offer(self, j: JobType, day: int, client=None):
        if self.accept is not None and j.name not in self.accept:
            return
        if self.max_parallel is not None:
            self.running = [e for e in self.running if e > day]
            if len(self.running) >= self.max_parallel:
                return
        rng = self.rng
        if client is None:
            self.next_client += 1
            client = f"p:{self.next_client}"
        c = Contract(f"job{self.seq}", client, day)
        c.job = j
        dur = round_days(j.duration.draw(rng))
        c.work_end = day + dur
        if dur > 0:
            self.running.append(c.work_end)
        c.ghost = rng.random() < j.ghost
        c.row = j.table.draw(rng)
        delay = round_days(j.delay.draw(rng)) if j.delay is not None else 0
        c.fixed = not j.hourly
        self.contracts.append(c)
        if j.hourly:
            weekly = money(j.weekly.draw(rng))
            k = 1
            while day + 7 * k <= c.work_end:
                self.push(day + 7 * k, PAY, 0.0, "pay", (c, weekly))
                k += 1
            rest = c.work_end - (day + 7 * (k - 1))
            if rest > 0:
                self.push(c.work_end, PAY, 0.0, "pay", (c, weekly * rest / 7))
        else:
            c.value = money(j.value.draw(rng))
        if not c.ghost:
            self.push(c.work_end + delay, CLIENT_CLOSE, 0.0, "client_close", c)
        if self.stale_after is not None:
            self.push(self.stale_candidate(c), STALE, 0.0, "stale", c)

    def recalc(self, day: int):
        r = self.r
        s24 = self.wins.starts(day)[3]
        keep, items = [], []
        for c in self.contracts:
            cls, w, ref = classify_now(c, day, r)
            if c.end is not None and ref < s24:
                continue         # ended and out of every window for good
            keep.append(c)
            items.append((cls, w, ref, c.client))
        self.contracts = keep
        j = displayed(items, day, r, self.wins)
        if self.verify is not None:
            self.verify(self, day, j)
        self.jss.append(j)
        if self.recovered is None:
            if j is not None and j >= self.sc.target:
                self.streak += 1
                if self.streak >= self.sc.hold:
                    self.recovered = day - self.today
                    if self.st.until_recovered:
                        self.revert(float(day - self.today))
            else:
                self.streak = 0

    # -- the run -------------------------------------------------------------------------
    def simulate(self, start):
        sc, rng, today = self.sc, self.rng, self.today
        for h in sc.history:
            c = copy_contract(h.contract)
            c.row = h.table.draw(rng)
            self.contracts.append(c)
            self.by_id[c.id] = c
            if c.end is not None or not h.has_future:
                continue
            c.ghost = rng.random() < h.ghost
            if c.ghost:
                continue
            end = today + round_days(h.ends.draw(rng))
            weekly = money(h.weekly.draw(rng)) if h.weekly is not None else Fraction(0)
            if weekly > 0:
                k = 1
                while today + 7 * k <= min(end, sc.horizon):
                    self.push(today + 7 * k, PAY, 0.0, "pay", (c, weekly))
                    k += 1
            self.push(end, CLIENT_CLOSE, 0.0, "client_close", c)
        if start is not None and start >= sc.target:
            self.recovered = 0
            if self.st.until_recovered:
                self.ppw, self.accept = sc.pipeline_ppw, None
                self.max_parallel, self.stale_after = sc.pipeline_max_parallel, None
                self.ofb, self.closes_on = 0.3, False
            if not self.follow:
                return self
        if self.closes_on:
            for day, cid in self.st.closes:
                self.push(day, OWN_CLOSE, 0.0, "own_close", self.by_id[cid])
        if self.stale_after is not None:
            for c in self.contracts:
                if c.end is None:
                    self.push(self.stale_candidate(c), STALE, 0.0, "stale", c)
        for j in sc.jobs:
            self.schedule_offer(j, 0.0)
        for d in sc.recalc_days:
            self.push(d, RECALC, 0.0, "recalc")

        heap = self.heap
        while heap:
            day, phase, sub, _, kind, obj = heapq.heappop(heap)
            if kind == "pay":
                c, amount = obj
                if c.end is None:
                    c.pay(day, amount)
            elif kind == "client_close":
                c = obj
                if c.end is None:
                    if c.fixed:
                        c.pay(day, c.value)
                    self.close(c, day, True)
            elif kind == "own_close":
                if self.closes_on and obj.end is None:
                    self.own_close(obj, day)
            elif kind == "stale":
                c = obj
                if c.end is None and self.stale_after is not None:
                    cand = self.stale_candidate(c)
                    if cand <= day:
                        self.own_close(c, day)
                    else:
                        self.push(cand, STALE, 0.0, "stale", c)
            elif kind == "rehire":
                j, client = obj
                self.offer(j, day, client)
            elif kind == "offer":
                j, gen, t = obj
                if gen == self.gen[j.index]:
                    self.offer(j, day)
                    self.schedule_offer(j, t)
            elif kind == "recalc":
                self.recalc(day)
                if self.recovered is not None and not self.follow:
                    break
        return self


# ----------------------------------------------------------------------------------------
# Many runs and the summary (sections 5 and 9)

@dataclass
class StrategyResult:
    name: str
    runs: int
    start_jss: int | None
    times: list                 # days to recover, None when censored
    jss: list | None            # per recalculation day: list of displayed JSS (None: no score)


def simulate(sc: Scenario, runs: int, seed: int, only: str | None = None,
             curve: bool = False, verify_runs: int = 0) -> list:
    start = start_jss(sc)
    wins = Windows()
    out = []
    verify = make_verifier(sc) if verify_runs else None
    for si, st in enumerate(sc.strategies):
        if only is not None and st.name != only:
            continue
        rng = random.Random(seed * 1_000_003 + si)
        times = []
        jss = [[] for _ in sc.recalc_days] if curve else None
        for i in range(runs):
            run = Run(sc, st, rng, wins, curve, verify if i < verify_runs else None)
            run.simulate(start)
            times.append(run.recovered)
            if curve:
                if len(run.jss) < len(sc.recalc_days):
                    # recovered at day 0 without following: not possible with curve=True
                    raise AssertionError("curve needs every recalculation day")
                for k, v in enumerate(run.jss):
                    jss[k].append(v)
        out.append(StrategyResult(st.name, runs, start, times, jss))
    if only is not None and not out:
        raise Rejected(f"--strategy: no strategy {only!r}")
    return out


def make_verifier(sc: Scenario):
    """Rescore a run's state with jss_reference.py (exact, written independently)."""
    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    import jss_reference as jr
    rules = jr.load(sc.path).rules

    def verify(run: Run, day: int, shown):
        hist = []
        for c in run.contracts:
            hist.append(jr.Contract(
                id=c.id, client=c.client, started=dt.date.fromordinal(c.start),
                ended=dt.date.fromordinal(c.end) if c.end is not None else None,
                earned=c.earned,
                first_paid=dt.date.fromordinal(c.first_paid) if c.first_paid else None,
                last_paid=dt.date.fromordinal(c.last_paid) if c.last_paid else None,
                stars=c.stars, private=c.private, disputed=c.disputed,
                client_flagged=c.flagged))
        theirs = jr.score(hist, dt.date.fromordinal(day), rules).displayed
        if theirs != shown:
            raise AssertionError(f"{sc.path}: scorer differs on {iso(day)}: "
                                 f"sim_reference {shown}, jss_reference {theirs}")
    return verify


Q10, Q50, Q90 = Fraction(1, 10), Fraction(1, 2), Fraction(9, 10)


def quantile(sorted_times: list, q: Fraction):
    """The ceil(qN)-th smallest time; None when it is censored (or N == 0)."""
    n = len(sorted_times)
    k = max(1, math.ceil(q * n)) if n else 0
    if k == 0 or k > n:
        return None
    return sorted_times[k - 1]


def median_ranks(n: int):
    """Exact binomial order-statistic 95 % interval ranks (l, u) for the median, or None."""
    if n < 1:
        return None
    total = 1 << n               # P(B <= k) <= 0.025  <=>  1000 * cum <= 25 * 2^n
    cum, term, k = 0, 1, 0       # term = C(n, k)
    best = -1
    while k <= n:
        cum += term
        if cum * 1000 > total * 25:
            break
        best = k
        term = term * (n - k) // (k + 1)
        k += 1
    l = best + 1
    if l < 1:
        return None
    return l, n + 1 - l


def summarize(sc: Scenario, res: StrategyResult) -> dict:
    n = res.runs
    inf = float("inf")
    st = sorted(t if t is not None else inf for t in res.times)
    st_none = [None if t == inf else t for t in st]

    def p_by(limit_days):
        return sum(1 for t in res.times if t is not None and t <= limit_days) / n

    def p_by_months(months):
        # Past the horizon the runs have stopped: the share is not known.
        day = add_months(sc.today, months)
        return None if day > sc.horizon else p_by(day - sc.today)

    med = quantile(st_none, Q50)
    lo = hi = None
    ranks = median_ranks(n)
    if ranks is not None:
        lo, hi = st_none[ranks[0] - 1], st_none[ranks[1] - 1]
    return {
        "strategy": res.name, "runs": n,
        "start_jss": res.start_jss,
        "p_recovered": sum(1 for t in res.times if t is not None) / n,
        "p_recovered_3m": p_by_months(3),
        "p_recovered_6m": p_by_months(6),
        "p_recovered_12m": p_by_months(12),
        "median_days": med, "median_days_lo": lo, "median_days_hi": hi,
        "p10_days": quantile(st_none, Q10), "p90_days": quantile(st_none, Q90),
    }


SUMMARY_COLUMNS = ["strategy", "runs", "start_jss", "p_recovered", "p_recovered_3m",
                   "p_recovered_6m", "p_recovered_12m", "median_days", "median_days_lo",
                   "median_days_hi", "p10_days", "p90_days"]
CURVE_COLUMNS = ["strategy", "date", "days", "p_recovered", "jss_p10", "jss_p50", "jss_p90"]


def cell(v) -> str:
    if v is None:
        return ""
    if isinstance(v, float):
        return f"{v:.6f}"
    return str(v)


def summary_csv(sc: Scenario, results: list) -> str:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(SUMMARY_COLUMNS)
    for res in results:
        row = summarize(sc, res)
        w.writerow([cell(row[k]) for k in SUMMARY_COLUMNS])
    return buf.getvalue()


def jss_quantile(values: list, q: Fraction):
    """ceil(qN)-th smallest displayed JSS, no score lowest (None)."""
    s = sorted(values, key=lambda v: -1 if v is None else v)
    k = max(1, math.ceil(q * len(s)))
    return s[k - 1]


def curve_csv(sc: Scenario, results: list) -> str:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(CURVE_COLUMNS)
    for res in results:
        for k, day in enumerate(sc.recalc_days):
            days = day - sc.today
            p = sum(1 for t in res.times if t is not None and t <= days) / res.runs
            vals = res.jss[k]
            w.writerow([res.name, iso(day), days, f"{p:.6f}",
                        cell(jss_quantile(vals, Q10)), cell(jss_quantile(vals, Q50)),
                        cell(jss_quantile(vals, Q90))])
    return buf.getvalue()


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("scenario")
    ap.add_argument("--runs", type=int)
    ap.add_argument("--seed", type=int)
    ap.add_argument("--strategy")
    ap.add_argument("--out", help="write DIR/summary.csv and DIR/curve.csv")
    ap.add_argument("--verify-scorer", type=int, default=0, metavar="K",
                    help="rescore the first K runs of each strategy with jss_reference.py")
    a = ap.parse_args(argv)
    try:
        sc = load(a.scenario)
        runs = a.runs if a.runs is not None else sc.runs
        seed = a.seed if a.seed is not None else sc.seed
        if runs < 1:
            raise Rejected("--runs: at least 1")
        results = simulate(sc, runs, seed, a.strategy, curve=a.out is not None,
                           verify_runs=a.verify_scorer)
    except Rejected as e:
        print(f"{a.scenario}: {e}", file=sys.stderr)
        return 2
    if a.out is None:
        sys.stdout.write(summary_csv(sc, results))
        return 0
    os.makedirs(a.out, exist_ok=True)
    for name, text in (("summary.csv", summary_csv(sc, results)),
                       ("curve.csv", curve_csv(sc, results))):
        tmp = os.path.join(a.out, name + ".tmp")
        with open(tmp, "w", encoding="utf-8", newline="") as f:
            f.write(text)
        os.replace(tmp, os.path.join(a.out, name))
    return 0


if __name__ == "__main__":
    sys.exit(main())
