#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
# An independent reference scorer, written from MODEL.md alone (sections 2-4, 6, 9, 10).
"""Reference implementation of the Job Success Score of MODEL.md.

Written from the contract only, never from the C++ scorer, so that the two can be
compared (tests/reference/check_score.py). Arithmetic is exact (fractions.Fraction);
only the 4-decimal window scores of the CSV go through a float.

    jss_reference.py SCENARIO.yaml [--at DATE] [--csv]   # what `jssim score --csv` prints
    jss_reference.py SCENARIO.yaml --breakdown            # one line per contract
    jss_reference.py SCENARIO.yaml --observed             # section 10: unknown ratings

Without --at the history is scored on the latest recalculation day on or before
`freelancer.today`; with --at on exactly that day. Ratings written `unknown` are taken
as not given (the freelancer cannot see them); --observed enumerates them instead.
Exit status: 0, or 2 for a scenario the reference rejects.
"""

from __future__ import annotations

import argparse
import calendar
import datetime as dt
import itertools
import math
import os
import re
import sys
from dataclasses import dataclass, field, replace
from fractions import Fraction
from typing import Any

import yaml

# ---------------------------------------------------------------------------------------
# YAML: dates stay strings (parsed strictly below), and only true/false are booleans
# (YAML 1.1 would turn `on:` and `no` into booleans).


class _Loader(yaml.SafeLoader):
    pass


_Loader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers
            if tag not in ("tag:yaml.org,2002:timestamp", "tag:yaml.org,2002:bool")]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_Loader.add_implicit_resolver("tag:yaml.org,2002:bool",
                              re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"),
                              list("tTfF"))


class ScenarioError(Exception):
    """Bad input: the scenario, not the reference, is wrong."""


# ---------------------------------------------------------------------------------------
# Dates (section 2)

_ISO = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")


def parse_date(text: Any, where: str) -> dt.date:
    """Exactly YYYY-MM-DD, a date that exists; anything else is an error."""
    if not isinstance(text, str) or not _ISO.match(text):
        raise ScenarioError(f"{where}: expected a date YYYY-MM-DD, got {text!r}")
    y, m, d = (int(g) for g in _ISO.match(text).groups())
    try:
        return dt.date(y, m, d)
    except ValueError:
        raise ScenarioError(f"{where}: {text} is not a date") from None


def add_months(d: dt.date, m: int) -> dt.date:
    """The same day of the month m months later (m < 0: earlier), clamped."""
    y, mo = divmod(d.year * 12 + (d.month - 1) + m, 12)
    return dt.date(y, mo + 1, min(d.day, calendar.monthrange(y, mo + 1)[1]))


def sub_months(d: dt.date, m: int) -> dt.date:
    return add_months(d, -m)


def recalc_on_or_before(d: dt.date, anchor: dt.date, every: int) -> dt.date:
    """The latest recalculation day on or before d (Python's % is never negative)."""
    return d - dt.timedelta(days=(d - anchor).days % every)


# ---------------------------------------------------------------------------------------
# Rules (section 4)


@dataclass(frozen=True)
class Rules:
    name: str = "upwork-2024"
    use_private: bool = True
    private_positive_min: Fraction = Fraction(9)
    private_neutral_min: Fraction = Fraction(7)
    stars_positive_min: Fraction = Fraction(9, 2)
    stars_neutral_min: Fraction = Fraction(7, 2)
    min_clients: int = 2
    min_outcomes: int = 2
    recalc_every_days: int = 14
    recalc_anchor: dt.date = dt.date(2023, 12, 10)
    stale_after_days: int = 90
    stale_open_class: str = "neutral"
    long_term_days: int = 90
    span_bonus_days: int = 91
    weight_max: Fraction = Fraction(8)
    tier_limits: tuple = (Fraction(250), Fraction(1000))
    tier_weights: tuple = (Fraction(1), Fraction(5, 4), Fraction(3, 2))
    # The last day a private rating could be given; None: no such day.
    private_ratings_until: dt.date | None = None

    def private_counts(self, ended: dt.date) -> bool:
        """Whether the private rating of a contract that ended that day counts."""
        return self.use_private and (self.private_ratings_until is None
                                     or ended <= self.private_ratings_until)


NAMED_RULES = {
    "upwork-2024": Rules(),
    "upwork-2026": Rules(name="upwork-2026", use_private=False),
}

CLASSES = ("positive", "neutral", "negative", "excluded")

# The built-in priors of a hidden private rating by star band, as docs/score-rules.md
# tabulates them: (p, private) rows. `prior:` may name them, or say `by-stars`.
BUILTIN_PRIORS = {
    "private-if-5-stars": [("0.70", 10), ("0.15", 9), ("0.08", 8), ("0.04", 7), ("0.02", 5),
                           ("0.01", 2)],
    "private-if-4-stars": [("0.30", 10), ("0.20", 9), ("0.20", 8), ("0.15", 7), ("0.10", 5),
                           ("0.05", 2)],
    "private-if-3-stars": [("0.05", 10), ("0.10", 9), ("0.15", 8), ("0.25", 7), ("0.30", 5),
                           ("0.15", 2)],
    "private-if-2-stars": [("0.05", 9), ("0.05", 8), ("0.10", 7), ("0.30", 5), ("0.50", 2)],
    "private-if-1-stars": [("0.05", 7), ("0.15", 5), ("0.30", 2), ("0.50", 0)],
}


def exact(x: Any) -> Fraction:
    """A YAML number as an exact fraction of its decimal text (4.5 is 9/2, not a double)."""
    return Fraction(str(x))


def _is_number(x: Any) -> bool:
    return isinstance(x, (int, float)) and not isinstance(x, bool) and math.isfinite(x)


def _is_int(x: Any) -> bool:
    return isinstance(x, int) and not isinstance(x, bool)


def rules_from(block: Any) -> Rules:
    """The rule set of a scenario's `score:` block: the named set, then each override."""
    if block is None:
        return Rules()
    if not isinstance(block, dict):
        raise ScenarioError("score: expected a mapping")
    name = block.get("rules", "upwork-2024")
    if name not in NAMED_RULES:
        raise ScenarioError(f"score.rules: unknown rule set {name!r}")
    r = NAMED_RULES[name]
    changes: dict[str, Any] = {}
    for key, value in block.items():
        where = f"score.{key}"
        if key == "rules":
            continue
        if key in ("private_positive_min", "private_neutral_min", "stars_positive_min",
                   "stars_neutral_min", "weight_max"):
            if not _is_number(value) or value < 0:
                raise ScenarioError(f"{where}: expected a number >= 0")
            changes[key] = exact(value)
        elif key in ("min_clients", "min_outcomes", "stale_after_days", "long_term_days"):
            if not _is_int(value) or value < 0:
                raise ScenarioError(f"{where}: expected an integer >= 0")
            changes[key] = value
        elif key in ("recalc_every_days", "span_bonus_days"):
            if not _is_int(value) or value < 1:
                raise ScenarioError(f"{where}: expected an integer >= 1")
            changes[key] = value
        elif key in ("recalc_anchor", "private_ratings_until"):
            changes[key] = parse_date(value, where)
        elif key == "stale_open_class":
            if value not in CLASSES:
                raise ScenarioError(f"{where}: expected one of {', '.join(CLASSES)}")
            changes[key] = value
        elif key == "tier_limits":
            if (not isinstance(value, list) or len(value) != 2
                    or not all(_is_number(v) and v >= 0 for v in value) or value[0] > value[1]):
                raise ScenarioError(f"{where}: expected two increasing numbers >= 0")
            changes[key] = tuple(exact(v) for v in value)
        elif key == "tier_weights":
            if (not isinstance(value, list) or len(value) != 3
                    or not all(_is_number(v) and v > 0 for v in value)):
                raise ScenarioError(f"{where}: expected three numbers > 0")
            changes[key] = tuple(exact(v) for v in value)
        else:
            raise ScenarioError(f"{where}: unknown key")
    return replace(r, **changes)


# ---------------------------------------------------------------------------------------
# Contracts (sections 3 and 6)

UNKNOWN = "unknown"


@dataclass
class Contract:
    """A history contract as written in the scenario, as of today."""
    id: str
    client: str
    started: dt.date
    ended: dt.date | None = None
    earned: Fraction = Fraction(0)
    first_paid: dt.date | None = None
    last_paid: dt.date | None = None
    stars: Fraction | str | None = None      # None, a value or UNKNOWN
    private: int | str | None = None         # None, a value or UNKNOWN
    disputed: bool = False
    client_flagged: bool = False
    prior: str | None = None                 # the table unknown ratings come from


@dataclass
class View:
    """A contract as the scorer sees it on day T (section 3): only facts dated <= T."""
    contract: Contract
    ended: dt.date | None
    earned: Fraction
    first_paid: dt.date | None
    last_paid: dt.date | None
    stars: Fraction | None
    private: int | None

    @property
    def last_activity(self) -> dt.date:
        return self.last_paid if self.last_paid is not None else self.contract.started

    @property
    def span_days(self) -> int:
        if self.first_paid is None:
            return 0
        return (self.last_paid - self.first_paid).days


def as_of(c: Contract, t: dt.date) -> View | None:
    """Section 2, scoring on a day T: None for a contract not started by T."""
    if c.started > t:
        return None
    ended = c.ended if c.ended is not None and c.ended <= t else None
    # Feedback is dated at the end; unknown ratings count as not given.
    stars = c.stars if ended is not None and c.stars != UNKNOWN else None
    private = c.private if ended is not None and c.private != UNKNOWN else None
    earned, first, last = c.earned, c.first_paid, c.last_paid
    if earned <= 0 or first is None:
        earned, first, last = Fraction(0), None, None
    elif t < first:
        earned, first, last = Fraction(0), None, None
    elif t < last:
        earned = earned * ((t - first).days + 1) / ((last - first).days + 1)
        last = t
    return View(c, ended, earned, first, last, stars, private)


def classify(v: View, t: dt.date, r: Rules) -> str:
    """The class of rule 1-5 of section 4."""
    c = v.contract
    if c.client_flagged:
        return "excluded"
    if c.disputed:
        return "negative"
    long_term = v.span_days >= r.long_term_days
    if v.ended is not None:
        private = v.private if r.private_counts(v.ended) else None
        if private is not None:
            if private >= r.private_positive_min:
                return "positive"
            return "neutral" if private >= r.private_neutral_min else "negative"
        if v.stars is not None:
            if v.stars >= r.stars_positive_min:
                return "positive"
            return "neutral" if v.stars >= r.stars_neutral_min else "negative"
        return "positive" if long_term else "excluded"
    idle = (t - v.last_activity).days
    if long_term and idle < r.stale_after_days:
        return "positive"
    if idle >= r.stale_after_days:
        return r.stale_open_class
    return "excluded"


def weight(v: View, r: Rules) -> Fraction:
    if v.earned <= r.tier_limits[0]:
        tier = r.tier_weights[0]
    elif v.earned <= r.tier_limits[1]:
        tier = r.tier_weights[1]
    else:
        tier = r.tier_weights[2]
    return min(r.weight_max, tier + v.span_days // r.span_bonus_days)


def reference_date(v: View) -> dt.date:
    return v.ended if v.ended is not None else v.last_activity


@dataclass
class Scored:
    view: View
    cls: str
    weight: Fraction
    ref: dt.date


@dataclass
class Window:
    months: int | None            # None for trending and displayed
    eligible: bool
    score: Fraction | None        # exact; None when not eligible
    contracts: list = field(default_factory=list)


@dataclass
class Result:
    day: dt.date
    scored: list
    windows: dict                 # "3m" ... "24m", "trending" -> Window
    displayed: int | None


def window_score(members: list) -> Fraction:
    p = sum((s.weight for s in members if s.cls == "positive"), Fraction(0))
    u = sum((s.weight for s in members if s.cls == "neutral"), Fraction(0))
    n = sum((s.weight for s in members if s.cls == "negative"), Fraction(0))
    return 100 * max(Fraction(0), (p - n) / (p + u + n))


def score(history: list, t: dt.date, r: Rules) -> Result:
    """The whole of section 4 on day t."""
    scored = []
    for c in history:
        v = as_of(c, t)
        if v is None:
            continue
        scored.append(Scored(v, classify(v, t, r), weight(v, r), reference_date(v)))
    counted = [s for s in scored if s.cls != "excluded"]
    windows: dict[str, Window] = {}
    for m in (3, 6, 12, 24):
        start = sub_months(t, m)
        members = [s for s in counted if start <= s.ref <= t]
        clients = {s.view.contract.client for s in members}
        eligible = (bool(members) and len(clients) >= r.min_clients
                    and len(members) >= r.min_outcomes)
        # An empty window has no score; a non-empty one always has a defined score.
        windows[f"{m}m"] = Window(m, eligible, window_score(members) if members else None,
                                  members)
    s3, s6 = windows["3m"], windows["6m"]
    # S_6's window contains S_3's, so S_6 is eligible (and scored) whenever S_3 is.
    trending = Window(None, s3.eligible,
                      (s3.score + s6.score) / 2 if s3.eligible else None)
    windows["trending"] = trending
    candidates = [w.score for k, w in windows.items()
                  if k in ("6m", "12m", "24m", "trending") and w.eligible]
    displayed = math.floor(max(candidates) + Fraction(1, 2)) if candidates else None
    return Result(t, scored, windows, displayed)


# ---------------------------------------------------------------------------------------
# Scenario loading: enough validation to trust a scenario the reference scores.

# `sensitivity` is jssim's study of the scenario's numbers (docs/sensitivity.md) and `plan`
# its search for the best strategy (docs/plan.md): they change nothing of the score, so the
# reference accepts them and ignores them.
TOP_KEYS = {"freelancer", "history", "pipeline", "simulation", "observed", "strategies", "score",
            "sensitivity", "plan"}
TOP_REQUIRED = {"freelancer", "history", "pipeline", "simulation"}
CONTRACT_KEYS = {"id", "client", "type", "started", "ended", "paused", "earned", "last_paid",
                 "first_paid", "stars", "private", "disputed", "client_flagged", "future",
                 "prior"}
FUTURE_KEYS = {"outcomes", "ends_in_days", "ghost", "weekly_usd"}
PIPELINE_KEYS = {"proposals_per_week", "max_parallel", "jobs", "outcomes"}
JOB_KEYS = {"name", "win_rate", "type", "duration_days", "value_usd", "close_delay_days",
            "ghost", "rehire", "outcomes", "weekly_usd"}
ROW_KEYS = {"p", "stars", "private", "feedback"}
# `extends` composes strategies, which the score does not read.
STRATEGY_KEYS = {"name", "proposals_per_week", "max_parallel", "accept", "close",
                 "close_stale_after_days", "own_close_feedback", "until_recovered", "extends"}
SIMULATION_KEYS = {"runs", "horizon_months", "seed", "target"}


def _mapping(x: Any, where: str, keys: set, required: set = frozenset()) -> dict:
    if not isinstance(x, dict):
        raise ScenarioError(f"{where}: expected a mapping")
    for k in x:
        if k not in keys:
            raise ScenarioError(f"{where}.{k}: unknown key")
    for k in required:
        if k not in x:
            raise ScenarioError(f"{where}.{k}: missing key")
    return x


def _probability(x: Any, where: str) -> Fraction:
    if not _is_number(x) or not 0 <= x <= 1:
        raise ScenarioError(f"{where}: expected a probability in [0, 1]")
    return exact(x)


def _check_distribution(x: Any, where: str) -> None:
    if _is_number(x):
        if x < 0:
            raise ScenarioError(f"{where}: negative")
        return
    if not isinstance(x, dict) or len(x) != 1:
        raise ScenarioError(f"{where}: expected a number or a distribution")
    (kind, arg), = x.items()
    if kind == "uniform":
        ok = isinstance(arg, list) and len(arg) == 2 and all(_is_number(a) and a >= 0
                                                             for a in arg) and arg[0] <= arg[1]
    elif kind == "triangular":
        ok = (isinstance(arg, list) and len(arg) == 3
              and all(_is_number(a) and a >= 0 for a in arg) and arg[0] <= arg[1] <= arg[2])
    elif kind == "exponential":
        ok = (isinstance(arg, dict) and set(arg) == {"mean"} and _is_number(arg["mean"])
              and arg["mean"] >= 0)
    elif kind == "lognormal":
        ok = (isinstance(arg, dict) and set(arg) == {"median", "p90"}
              and all(_is_number(a) and a >= 0 for a in arg.values())
              and arg["p90"] >= arg["median"])
    elif kind == "choice":
        ok = (isinstance(arg, dict) and arg
              and all(_is_number(a) and a >= 0 for a in arg)
              and abs(sum(_probability(p, where) for p in arg.values()) - 1) <= Fraction(1, 10**9))
    else:
        raise ScenarioError(f"{where}: unknown distribution {kind!r}")
    if not ok:
        raise ScenarioError(f"{where}: bad {kind} distribution")


def _check_table(rows: Any, where: str) -> list:
    if not isinstance(rows, list) or not rows:
        raise ScenarioError(f"{where}: expected a list of rows")
    total = Fraction(0)
    for i, row in enumerate(rows):
        w = f"{where}[{i}]"
        _mapping(row, w, ROW_KEYS, {"p"})
        total += _probability(row["p"], f"{w}.p")
        if "feedback" in row:
            if row["feedback"] != "none" or "stars" in row or "private" in row:
                raise ScenarioError(f"{w}: `feedback: none` stands alone")
        elif "stars" not in row and "private" not in row:
            raise ScenarioError(f"{w}: a row gives stars and/or private, or feedback: none")
        if "stars" in row:
            _stars(row["stars"], f"{w}.stars", allow_unknown=False)
        if "private" in row:
            _private(row["private"], f"{w}.private", allow_unknown=False)
    if abs(total - 1) > Fraction(1, 10**9):
        raise ScenarioError(f"{where}: probabilities sum to {float(total)}, not 1")
    return rows


def _stars(x: Any, where: str, allow_unknown: bool = True) -> Fraction | str:
    if allow_unknown and x == UNKNOWN:
        return UNKNOWN
    if not _is_number(x) or not 1 <= x <= 5:
        raise ScenarioError(f"{where}: expected stars from 1.0 to 5.0")
    return exact(x)


def _private(x: Any, where: str, allow_unknown: bool = True) -> int | str:
    if allow_unknown and x == UNKNOWN:
        return UNKNOWN
    if not _is_int(x) or not 0 <= x <= 10:
        raise ScenarioError(f"{where}: expected an integer from 0 to 10")
    return x


def _bool(x: Any, where: str) -> bool:
    if not isinstance(x, bool):
        raise ScenarioError(f"{where}: expected true or false")
    return x


@dataclass
class Scenario:
    path: str
    today: dt.date
    history: list
    rules: Rules
    tables: dict                  # name -> rows, in file order
    observed_jss: int | None
    # observed.timeline (MODEL.md section 11.2): (on, jss or None for `none`), in file order.
    timeline: list = field(default_factory=list)


def _merged(base: Any, over: Any, key: str) -> Any:
    """`over` written over `base` as jssim's `extends` does (input/detail/compose.hpp):
    mappings key by key, the base's keys first; the top-level strategies by name; any
    other value replaced."""
    if isinstance(base, dict) and isinstance(over, dict):
        out = dict(base)
        for k, v in over.items():
            out[k] = _merged(base[k], v, k if not key else f"{key}.{k}") if k in base else v
        return out
    if key == "strategies" and isinstance(base, list) and isinstance(over, list):
        names = {s.get("name"): i for i, s in enumerate(base) if isinstance(s, dict)}
        out = list(base)
        for s in over:
            name = s.get("name") if isinstance(s, dict) else None
            if name is not None and name in names:
                out[names[name]] = s
            else:
                out.append(s)
        return out
    return over


def _read(path: str, chain: tuple = ()) -> Any:
    """The document of `path`, with the files it `extends` merged in."""
    real = os.path.realpath(path)
    if real in chain:
        raise ScenarioError(f"{path}: extends cycle")
    try:
        with open(path, encoding="utf-8") as f:
            doc = yaml.load(f, Loader=_Loader)  # noqa: S506 - a safe loader subclass
    except (OSError, yaml.YAMLError) as e:
        raise ScenarioError(str(e)) from None
    if isinstance(doc, dict) and "extends" in doc:
        base = os.path.join(os.path.dirname(path), str(doc.pop("extends")))
        doc = _merged(_read(base, chain + (real,)), doc, "")
        doc.pop("extends", None)
    return doc


def load(path: str) -> Scenario:
    doc = _read(path)
    _mapping(doc, "scenario", TOP_KEYS, TOP_REQUIRED)

    fl = _mapping(doc["freelancer"], "freelancer", {"name", "today"}, {"today"})
    today = parse_date(fl["today"], "freelancer.today")

    pl = _mapping(doc["pipeline"], "pipeline", PIPELINE_KEYS, {"jobs", "outcomes"})
    tables = _mapping(pl["outcomes"], "pipeline.outcomes", set(pl["outcomes"] or {}))
    if not tables:
        raise ScenarioError("pipeline.outcomes: at least one table")
    for name, rows in tables.items():
        _check_table(rows, f"pipeline.outcomes.{name}")
    if not _is_number(pl.get("proposals_per_week", 0)) or pl.get("proposals_per_week", 0) < 0:
        raise ScenarioError("pipeline.proposals_per_week: expected a number >= 0")
    if "max_parallel" in pl and (not _is_int(pl["max_parallel"]) or pl["max_parallel"] < 1):
        raise ScenarioError("pipeline.max_parallel: expected an integer >= 1")
    if not isinstance(pl["jobs"], list) or not pl["jobs"]:
        raise ScenarioError("pipeline.jobs: at least one job")
    job_names = set()
    for i, job in enumerate(pl["jobs"]):
        w = f"pipeline.jobs[{i}]"
        _mapping(job, w, JOB_KEYS, {"name", "win_rate", "duration_days"})
        if job["name"] in job_names:
            raise ScenarioError(f"{w}.name: duplicate job name")
        job_names.add(job["name"])
        _probability(job["win_rate"], f"{w}.win_rate")
        kind = job.get("type", "fixed")
        if kind not in ("fixed", "hourly"):
            raise ScenarioError(f"{w}.type: expected fixed or hourly")
        need = "value_usd" if kind == "fixed" else "weekly_usd"
        if need not in job:
            raise ScenarioError(f"{w}.{need}: missing key ({kind} jobs)")
        for key in ("duration_days", "value_usd", "close_delay_days", "weekly_usd"):
            if key in job:
                _check_distribution(job[key], f"{w}.{key}")
        for key in ("ghost", "rehire"):
            if key in job:
                _probability(job[key], f"{w}.{key}")
        if "outcomes" in job and job["outcomes"] not in tables:
            raise ScenarioError(f"{w}.outcomes: no table {job['outcomes']!r}")

    history = []
    ids = set()
    if not isinstance(doc["history"], list):
        raise ScenarioError("history: expected a list")
    for i, item in enumerate(doc["history"]):
        w = f"history[{i}]"
        _mapping(item, w, CONTRACT_KEYS, {"id", "client", "started"})
        cid = str(item["id"])
        if cid in ids:
            raise ScenarioError(f"{w}.id: duplicate id {cid!r}")
        ids.add(cid)
        w = f"history[{cid}]"
        if item.get("type", "fixed") not in ("fixed", "hourly"):
            raise ScenarioError(f"{w}.type: expected fixed or hourly")
        c = Contract(id=cid, client=str(item["client"]),
                     started=parse_date(item["started"], f"{w}.started"))
        if "ended" in item:
            c.ended = parse_date(item["ended"], f"{w}.ended")
            if c.ended < c.started:
                raise ScenarioError(f"{w}.ended: before started")
        earned = item.get("earned", 0)
        if not _is_number(earned) or earned < 0:
            raise ScenarioError(f"{w}.earned: expected USD >= 0")
        c.earned = exact(earned)
        if c.earned > 0:
            if "last_paid" not in item:
                raise ScenarioError(f"{w}.last_paid: required when earned > 0")
            c.last_paid = parse_date(item["last_paid"], f"{w}.last_paid")
            c.first_paid = (parse_date(item["first_paid"], f"{w}.first_paid")
                            if "first_paid" in item else c.last_paid)
            if c.first_paid > c.last_paid:
                raise ScenarioError(f"{w}.first_paid: after last_paid")
            if c.first_paid < c.started:
                raise ScenarioError(f"{w}.first_paid: before started")
        elif "last_paid" in item or "first_paid" in item:
            raise ScenarioError(f"{w}: payment dates without earnings")
        if "stars" in item:
            c.stars = _stars(item["stars"], f"{w}.stars")
        if "private" in item:
            c.private = _private(item["private"], f"{w}.private")
        if (c.stars is not None or c.private is not None) and c.ended is None:
            raise ScenarioError(f"{w}: a rating on an open contract")
        c.disputed = _bool(item.get("disputed", False), f"{w}.disputed")
        c.client_flagged = _bool(item.get("client_flagged", False), f"{w}.client_flagged")
        _bool(item.get("paused", False), f"{w}.paused")
        if "prior" in item:
            name = item["prior"]
            if name == "by-stars":
                # The band: the stars rounded half up (docs/score-rules.md).
                if not isinstance(c.stars, Fraction):
                    raise ScenarioError(f"{w}.prior: by-stars needs the contract's stars")
                name = f"private-if-{min(5, max(1, math.floor(c.stars + Fraction(1, 2))))}-stars"
            if name not in tables and name in BUILTIN_PRIORS:
                tables[name] = [{"p": p, "private": v} for p, v in BUILTIN_PRIORS[name]]
            if name not in tables:
                raise ScenarioError(f"{w}.prior: no table {name!r}")
            c.prior = name
        if "future" in item:
            if c.ended is not None:
                raise ScenarioError(f"{w}.future: only for open contracts")
            fu = _mapping(item["future"], f"{w}.future", FUTURE_KEYS)
            ghost = _probability(fu.get("ghost", 0), f"{w}.future.ghost")
            if ghost != 1 and "ends_in_days" not in fu:
                raise ScenarioError(f"{w}.future.ends_in_days: required unless ghost is 1")
            for key in ("ends_in_days", "weekly_usd"):
                if key in fu:
                    _check_distribution(fu[key], f"{w}.future.{key}")
            if "outcomes" in fu and fu["outcomes"] not in tables:
                raise ScenarioError(f"{w}.future.outcomes: no table {fu['outcomes']!r}")
        for d, key in ((c.started, "started"), (c.ended, "ended"), (c.last_paid, "last_paid")):
            if d is not None and d > today:
                raise ScenarioError(f"{w}.{key}: after freelancer.today")
        if c.ended is not None and c.last_paid is not None and c.last_paid > c.ended:
            raise ScenarioError(f"{w}.last_paid: after ended")
        history.append(c)

    strategies = doc.get("strategies", [])
    if not isinstance(strategies, list):
        raise ScenarioError("strategies: expected a list")
    names = set()
    for i, st in enumerate(strategies):
        w = f"strategies[{i}]"
        _mapping(st, w, STRATEGY_KEYS, {"name"})
        if st["name"] in names:
            raise ScenarioError(f"{w}.name: duplicate strategy name")
        names.add(st["name"])
        for j, cl in enumerate(st.get("close", [])):
            _mapping(cl, f"{w}.close[{j}]", {"contract", "on"}, {"contract"})
            if str(cl["contract"]) not in ids:
                raise ScenarioError(f"{w}.close[{j}].contract: no contract {cl['contract']!r}")
            if "on" in cl and parse_date(cl["on"], f"{w}.close[{j}].on") < today:
                raise ScenarioError(f"{w}.close[{j}].on: before today")
        for name in st.get("accept", []):
            if name not in job_names:
                raise ScenarioError(f"{w}.accept: no job type {name!r}")
        if "own_close_feedback" in st:
            _probability(st["own_close_feedback"], f"{w}.own_close_feedback")
        if "until_recovered" in st:
            _bool(st["until_recovered"], f"{w}.until_recovered")

    sim = _mapping(doc["simulation"] or {}, "simulation", SIMULATION_KEYS)
    if "target" in sim:
        # `top_rated` (jssim's Top Rated target) changes nothing of the score.
        _mapping(sim["target"], "simulation.target", {"jss", "hold", "top_rated"})

    observed = None
    timeline: list = []
    if "observed" in doc:
        ob = _mapping(doc["observed"], "observed", {"jss", "timeline"}, {"jss"})
        if not _is_int(ob["jss"]) or not 0 <= ob["jss"] <= 100:
            raise ScenarioError("observed.jss: expected an integer from 0 to 100")
        observed = ob["jss"]
        for j, item in enumerate(ob.get("timeline") or []):
            w = f"observed.timeline[{j}]"
            entry = _mapping(item, w, {"on", "jss"}, {"on", "jss"})
            on = parse_date(entry["on"], f"{w}.on")
            if on > today:
                raise ScenarioError(f"{w}.on: after today")
            jss = entry["jss"]
            if jss == "none":
                jss = None
            elif not _is_int(jss) or not 0 <= jss <= 100:
                raise ScenarioError(f"{w}.jss: expected an integer from 0 to 100 or none")
            timeline.append((on, jss))

    rules = rules_from(doc.get("score"))
    for c in history:
        # No private rating, neither known nor hidden, after the last day one could be given.
        if (c.private == UNKNOWN and c.ended is not None
                and not (rules.private_ratings_until is None or c.ended <= rules.private_ratings_until)):
            c.private = None
    return Scenario(path, today, history, rules, tables, observed,
                    timeline)


# ---------------------------------------------------------------------------------------
# Output (section 9)

ROWS = ("3m", "6m", "12m", "24m", "trending")


def score_day(sc: Scenario, at: dt.date | None = None) -> dt.date:
    if at is not None:
        return at
    return recalc_on_or_before(sc.today, sc.rules.recalc_anchor, sc.rules.recalc_every_days)


def csv_lines(res: Result) -> list:
    """The lines of `jssim score --csv`, header first."""
    lines = ["window,eligible,score"]
    for key in ROWS:
        w = res.windows[key]
        text = f"{float(w.score):.4f}" if w.eligible else ""
        lines.append(f"{key},{'true' if w.eligible else 'false'},{text}")
    shown = res.displayed is not None
    lines.append(f"displayed,{'true' if shown else 'false'},{res.displayed if shown else ''}")
    return lines


def breakdown_lines(res: Result) -> list:
    lines = [f"scored on {res.day}"]
    for s in res.scored:
        v = s.view
        lines.append(
            f"  {v.contract.id:<24} {v.contract.client:<14} {s.cls:<9} w={str(s.weight):<6}"
            f" r={s.ref} earned={float(v.earned):.2f} span={v.span_days}"
            f" {'ended' if v.ended else 'open'}")
    for key in ROWS:
        w = res.windows[key]
        sc = "-" if w.score is None else f"{float(w.score):.4f} ({w.score})"
        lines.append(f"  {key:<8} eligible={w.eligible!s:<5} score={sc}")
    lines.append(f"  displayed {res.displayed}")
    return lines


def observed_lines(sc: Scenario, at: dt.date | None) -> list:
    """Section 10: every completion of the unknown ratings from its prior table."""
    t = score_day(sc, at)
    first_table = next(iter(sc.tables))
    slots = []  # (contract index, [(p, stars, private)])
    for i, c in enumerate(sc.history):
        if c.stars != UNKNOWN and c.private != UNKNOWN:
            continue
        rows = sc.tables[c.prior or first_table]
        need = [k for k, v in (("stars", c.stars), ("private", c.private)) if v == UNKNOWN]
        fits = [r for r in rows if all(k in r for k in need)]
        if not fits:
            return [f"{c.id}: no row of its prior table gives {', '.join(need)}"]
        total = sum(exact(r["p"]) for r in fits)
        slots.append((i, [(exact(r["p"]) / total,
                           exact(r["stars"]) if "stars" in need else c.stars,
                           r["private"] if "private" in need else c.private) for r in fits]))
    dist: dict = {}
    for combo in itertools.product(*(opts for _, opts in slots)):
        hist = list(sc.history)
        p = Fraction(1)
        for (i, _), (q, stars, private) in zip(slots, combo):
            hist[i] = replace(hist[i], stars=stars, private=private)
            p *= q
        shown = score(hist, t, sc.rules).displayed
        dist[shown] = dist.get(shown, Fraction(0)) + p
    lines = [f"{len(slots)} contracts with unknown ratings, scored on {t}"]
    for shown in sorted(dist, key=lambda x: -1 if x is None else x):
        mark = "  <- observed" if shown == sc.observed_jss else ""
        lines.append(f"  displayed {shown}: p = {float(dist[shown]):.6f}{mark}")
    return lines


def main(argv: list | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("scenario")
    ap.add_argument("--at", help="score on exactly this day (YYYY-MM-DD)")
    ap.add_argument("--csv", action="store_true", help="the CSV of `jssim score --csv` (default)")
    ap.add_argument("--breakdown", action="store_true", help="one line per contract")
    ap.add_argument("--observed", action="store_true", help="enumerate unknown ratings")
    args = ap.parse_args(argv)
    try:
        sc = load(args.scenario)
        at = parse_date(args.at, "--at") if args.at is not None else None
    except ScenarioError as e:
        print(f"{args.scenario}: {e}", file=sys.stderr)
        return 2
    if args.observed:
        print("\n".join(observed_lines(sc, at)))
        return 0
    res = score(sc.history, score_day(sc, at), sc.rules)
    print("\n".join(breakdown_lines(res) if args.breakdown else csv_lines(res)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
