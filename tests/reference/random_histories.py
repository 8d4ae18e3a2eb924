#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
# Random but valid scenarios (MODEL.md section 6) that exercise every rule of section 4.
"""Writes N seeded random scenarios into a directory.

    random_histories.py OUTDIR [--count 300] [--seed 1]

Each file is a complete scenario (freelancer, history, pipeline with one job and one
outcome table, simulation), often with a `score:` block of overrides. Dates are drawn
around the edges that matter on the scoring day: window starts (month ends included),
the stale limit, tier limits of earned, span bonus steps. Each file also carries lines
`# at: YYYY-MM-DD` naming extra days to score it on with `--at` (check_score.py reads
them). The same seed gives the same files, byte for byte.
"""

from __future__ import annotations

import argparse
import calendar
import datetime as dt
import os
import random
import sys

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import jss_reference as ref  # noqa: E402

DAY = dt.timedelta(days=1)


def _month_end(y: int, m: int) -> dt.date:
    return dt.date(y, m, calendar.monthrange(y, m)[1])


def _num(x) -> str:
    """A YAML number: integers without a point, others as short decimals."""
    if isinstance(x, int):
        return str(x)
    text = f"{x:.2f}".rstrip("0")
    return text + "0" if text.endswith(".") else text


class Generator:
    def __init__(self, rng: random.Random):
        self.rng = rng

    # -- pieces -----------------------------------------------------------------------
    def today(self) -> dt.date:
        r = self.rng
        roll = r.random()
        if roll < 0.05:
            return dt.date(2024, 2, 29)
        y, m = r.randint(2024, 2027), r.randint(1, 12)
        if roll < 0.35:
            return _month_end(y, m)
        return dt.date(y, m, r.randint(1, calendar.monthrange(y, m)[1]))

    def overrides(self) -> dict:
        r = self.rng
        if r.random() < 0.45:
            return {}
        o: dict = {}
        options = {
            "rules": lambda: r.choice(["upwork-2024", "upwork-2026", "upwork-2026"]),
            "stale_open_class": lambda: r.choice(["neutral", "positive", "negative", "excluded"]),
            "stale_after_days": lambda: r.choice([30, 60, 90, 120]),
            "long_term_days": lambda: r.choice([0, 30, 90, 180]),
            "span_bonus_days": lambda: r.choice([30, 91, 120]),
            "weight_max": lambda: r.choice([1, 2, 3, 8, 20]),
            "min_clients": lambda: r.choice([1, 2, 3, 5]),
            "min_outcomes": lambda: r.choice([1, 2, 3, 6]),
            "recalc_every_days": lambda: r.choice([1, 7, 14, 30]),
            "recalc_anchor": lambda: str(dt.date(2023, 12, 10) + r.randint(-900, 900) * DAY),
            "tier_limits": lambda: r.choice([[250, 1000], [100, 500], [0, 5000]]),
            "tier_weights": lambda: r.choice([[1.0, 1.25, 1.5], [1, 2, 3], [0.5, 1, 4.25]]),
        }
        for key in r.sample(sorted(options), r.randint(1, 5)):
            o[key] = options[key]()
        if r.random() < 0.3:
            o["private_positive_min"] = r.choice([8, 9, 10])
            o["private_neutral_min"] = r.choice([5, 7, o["private_positive_min"]])
        if r.random() < 0.3:
            o["stars_positive_min"] = r.choice([4.0, 4.5, 4.8, 5.0])
            o["stars_neutral_min"] = r.choice([3.0, 3.5, 4.0])
        return o

    def edges(self, t: dt.date, rules: ref.Rules) -> list:
        """Days where one day more or less changes a contract's class or window."""
        days = []
        for m in (3, 6, 12, 24):
            s = ref.sub_months(t, m)
            days += [s - DAY, s, s + DAY]
        s = t - rules.stale_after_days * DAY
        days += [s - DAY, s, s + DAY, t, t - DAY]
        return days

    def earned(self):
        r = self.rng
        roll = r.random()
        if roll < 0.2:
            return 0
        if roll < 0.45:
            return r.choice([250, 250.01, 251, 249.99, 1000, 1000.01, 1001, 1, 0.5, 500, 2000])
        if roll < 0.7:
            return r.randint(1, 5000)
        return round(10 ** r.uniform(0, 4.7), 2)

    # -- a scenario ---------------------------------------------------------------------
    def scenario(self, index: int) -> str:
        r = self.rng
        today = self.today()
        over = self.overrides()
        rules = ref.rules_from(over or None)
        t0 = ref.recalc_on_or_before(today, rules.recalc_anchor, rules.recalc_every_days)
        edges = self.edges(t0, rules)

        if r.random() < 0.12:
            n = r.randint(0, 2)
        else:
            n = r.randint(3, 36)
        n_clients = max(1, min(n, r.choice([1, 2, 3, 4, n // 3 + 1, n // 2 + 1, n // 2 + 1, n, n,
                                                n, n, n, n, n])))
        clients = [f"client-{k:02d}" for k in range(n_clients)]
        flagged = {c for c in clients if r.random() < 0.08}
        # Some clients come back often: a skewed choice.
        weights = [1 / (k + 1) ** r.choice([0, 1]) for k in range(n_clients)]

        def day_between(lo: dt.date, hi: dt.date) -> dt.date:
            return lo + r.randint(0, max(0, (hi - lo).days)) * DAY

        first_day = today - 1000 * DAY
        # Most freelancers do good work: a share of contracts gets top feedback.
        quality = r.choice([0.0, 0.5, 0.8, 0.9, 0.95])
        lines = []
        ends = []  # the contracts' end days, where the private-rating era may stop
        for k in range(n):
            client = r.choices(clients, weights)[0]
            fields = [f"id: job-{k:02d}", f"client: {client}",
                      f"type: {r.choice(['fixed', 'fixed', 'hourly'])}"]
            is_open = r.random() < 0.25
            if r.random() < 0.35:
                anchor = r.choice(edges)  # the contract's reference date lands on an edge
            else:
                anchor = day_between(first_day, today)
            anchor = min(anchor, today)
            if is_open:
                ref_day = anchor  # last activity
                started = ref_day - r.choice([0, 0, r.randint(0, 400)]) * DAY
                ended = None
            else:
                ended = anchor
                started = ended - r.choice([0, r.randint(0, 30), r.randint(0, 500)]) * DAY
            fields.append(f"started: {started}")
            if ended is not None:
                fields.append(f"ended: {ended}")
                ends.append(ended)
            earned = self.earned()
            if is_open and r.random() < 0.5:
                earned = r.choice([0, earned])
            if earned:
                last = ended if ended is not None else anchor
                if r.random() < 0.3:
                    last = day_between(started, last)
                span = r.choice([0, 0, 89, 90, 91, 181, 182, 183, 364, 365, 728,
                                 r.randint(0, 800)])
                first = max(started, last - span * DAY)
                fields += [f"earned: {_num(earned)}", f"last_paid: {last}"]
                if first != last or r.random() < 0.3:
                    fields.append(f"first_paid: {first}")
            elif is_open:
                pass  # last activity is the start: move the start onto the edge
            if is_open and not earned:
                fields[3] = f"started: {anchor}"
            if ended is not None and r.random() < quality:
                fields.append(f"stars: {r.choice(['5.0', '5.0', '4.9', '4.5'])}")
                if r.random() < 0.6:
                    fields.append(f"private: {r.choice([9, 10, 10])}")
            elif ended is not None:
                roll = r.random()
                if roll < 0.7:
                    fields.append("stars: " + r.choice(
                        ["1.0", "2.0", "3.0", "3.4", "3.5", "3.6", "4.0", "4.4", "4.5", "4.6",
                         "4.8", "5.0", "5.0", "5.0"]))
                if r.random() < 0.55:
                    fields.append(f"private: {r.choice([0, 3, 5, 6, 7, 8, 9, 10, 10, 10])}")
                if roll > 0.97:
                    fields.append(f"{r.choice(['stars', 'private'])}: unknown")
                    fields = _dedupe(fields)
            if r.random() < 0.05:
                fields.append("disputed: true")
            if client in flagged and r.random() < 0.9:
                fields.append("client_flagged: true")
            if is_open:
                if r.random() < 0.3:
                    fields.append("paused: true")
                if r.random() < 0.5:
                    if r.random() < 0.4:
                        fields.append("future: {ghost: 1}")
                    else:
                        fields.append("future: {ends_in_days: {uniform: [7, 60]}, ghost: 0.3, "
                                      "weekly_usd: 50}")
            lines.append("  - {" + ", ".join(fields) + "}")

        ats = sorted({day_between(today - 800 * DAY, today) for _ in range(r.randint(0, 2))}
                     | ({r.choice(edges)} if r.random() < 0.3 else set()))
        out = [f"# Random history {index}, generated by tests/reference/random_histories.py.",
               f"# Scored on {t0} (the latest recalculation day on or before today)."]
        out += [f"# at: {d}" for d in ats if d <= today]
        out += ["freelancer:", f"  name: random-{index}", f"  today: {today}"]
        out += ["history: []"] if not lines else ["history:"] + lines
        out += [
            "pipeline:",
            "  proposals_per_week: 5",
            "  jobs:",
            "    - {name: small job, win_rate: 0.1, type: fixed, "
            "duration_days: {uniform: [3, 20]}, value_usd: {uniform: [50, 400]}}",
            "  outcomes:",
            "    good:",
            "      - {p: 0.8, stars: 5.0, private: 10}",
            "      - {p: 0.1, stars: 4.0, private: 7}",
            "      - {p: 0.05, stars: 2.0, private: 2}",
            "      - {p: 0.05, feedback: none}",
            "simulation: {runs: 10, horizon_months: 6, seed: 1}",
        ]
        # The last day of private ratings, on an end day or next to one, drawn from a generator
        # of its own so that the rest of each scenario stays what earlier versions wrote.
        side = random.Random(1_000_003 * index + 17)
        if ends and side.random() < 0.25:
            over = dict(over)
            over["private_ratings_until"] = str(side.choice(ends) + side.choice([-1, 0, 0, 1]) * DAY)
        if over:
            out.append("score:")
            for key, value in over.items():
                if isinstance(value, list):
                    value = "[" + ", ".join(_num(v) for v in value) + "]"
                elif isinstance(value, float):
                    value = _num(value)
                out.append(f"  {key}: {value}")
        return "\n".join(out) + "\n"


def _dedupe(fields: list) -> list:
    """Keeps the last of two fields with the same key (an `unknown` replaces a value)."""
    seen: dict = {}
    for f in fields:
        seen[f.split(":", 1)[0]] = f
    return list(seen.values())


def main(argv: list | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("outdir")
    ap.add_argument("--count", type=int, default=300)
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args(argv)
    os.makedirs(args.outdir, exist_ok=True)
    gen = Generator(random.Random(args.seed))
    for i in range(args.count):
        path = os.path.join(args.outdir, f"random-{i:04d}.yaml")
        with open(path, "w", encoding="utf-8") as f:
            f.write(gen.scenario(i))
        ref.load(path)  # every file must be valid: fail loudly here, not in the comparison
    print(f"random_histories: wrote {args.count} scenarios to {args.outdir}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
