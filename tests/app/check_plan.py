#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Independent checks of `jssim plan` (docs/plan.md) against plain `jssim run`.

1. Every plan of plan.csv that was played is written as a strategy (from its name), and
   `jssim run --per-run` plays them all on the same seed: each plan's estimate and
   vs_baseline in plan.csv must equal what its first `runs` runs in runs.csv give, computed
   here from the run-by-run days (so the race's runs are the runs of a plain run: common
   random numbers kept when plans are dropped).
2. best.yaml pasted under `strategies:` and run on a fresh seed gives a median within
   plan.csv's interval of the best plan.
3. On that fresh seed the best plan is at least as good as every hand-written strategy of
   the scenario that the grid contains.

    check_plan.py --jssim build/release/app/jssim --scenario scenarios/seed-story-plan.yaml \
        --tmp /tmp/check-plan --runs-max 2000
"""
import csv
import math
import os
import pathlib
import sys

import yaml

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1] / "support"))
import jssim_check  # noqa: E402

INF = math.inf


def read_csv(path):
    with open(path, newline="") as f:
        return list(csv.DictReader(f))


def parse_plan_name(name):
    """`proposals_per_week=15; accept=[quick fixed]; ...` as strategy settings."""
    settings = {}
    for part in name.split("; "):
        key, value = part.split("=", 1)
        if value == "none":
            continue
        if key in ("proposals_per_week", "own_close_feedback"):
            settings[key] = float(value)
        elif key in ("max_parallel", "close_stale_after_days"):
            settings[key] = int(value)
        elif key == "until_recovered":
            settings[key] = value == "true"
        elif key == "accept":
            settings[key] = sorted(v for v in value[1:-1].split(", ") if v)
        elif key == "close":
            closes = []
            for item in (v for v in value[1:-1].split(", ") if v):
                contract, _, on = item.partition(" on ")
                closes.append({"contract": contract, "on": on or None})
            if closes:
                settings[key] = closes
        else:
            sys.exit(f"FAIL: unknown lever {key} in plan name {name!r}")
    return settings


def canonical(settings, today):
    """Settings compared between hand-written strategies and plans."""
    out = {}
    for key, value in settings.items():
        if key in ("name", "extends"):
            continue
        if key == "accept":
            value = sorted(value)
        if key == "close":
            # PyYAML reads the key `on` as YAML 1.1's boolean true.
            value = sorted((c["contract"], str(c.get("on") or c.get(True) or today))
                           for c in value)
            if not value:
                continue
        if key == "proposals_per_week" or key == "own_close_feedback":
            value = float(value)
        if key == "own_close_feedback" and value == 0.3:
            continue
        if key == "until_recovered" and value is False:
            continue
        out[key] = value
    return out


def strategy_yaml(name, settings):
    body = {"name": name}
    for key, value in settings.items():
        if key == "close":
            body[key] = [{k: v for k, v in c.items() if v is not None} for c in value]
        else:
            body[key] = value
    return body


def times(rows, n):
    return [int(r["days"]) if r["recovered"] == "true" else INF for r in rows[:n]]


def quantile_rank(q, n):
    return max(1, math.ceil(q * n - 1e-9))


def median(values):
    return sorted(values)[quantile_rank(0.5, len(values)) - 1]


def rmst(values, horizon):
    return sum(min(v, horizon) for v in values) / len(values)


def difference(b, a):
    if a == INF and b == INF:
        return 0
    return b - a


def fmt_objective(objective, x):
    if x == INF or x == -INF:
        return ""
    if objective == "median_days":
        return f"{x:.0f}"
    if objective == "rmst_days":
        return f"{x:.2f}"
    return f"{x:.6f}"


def main():
    ap = jssim_check.arguments(__doc__, scenario=True)
    ap.add_argument("--runs-max", type=int, default=2000)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--fresh-seed", type=int, default=1234)
    ap.add_argument("--expect-contained", action="store_true",
                    help="fail when the grid holds none of the scenario's strategies")
    args = ap.parse_args()
    jssim_check.fresh_folder(args.tmp)
    scenario = os.path.abspath(args.scenario)
    with open(scenario) as f:
        plan_doc = yaml.safe_load(f)
    base_doc = plan_doc
    if "extends" in plan_doc:
        with open(os.path.join(os.path.dirname(scenario), plan_doc["extends"])) as f:
            base_doc = yaml.safe_load(f)
    today = str(base_doc["freelancer"]["today"])
    objective = plan_doc["plan"].get("objective", "median_days")
    if objective not in ("median_days", "rmst_days"):
        sys.exit("FAIL: this check knows median_days and rmst_days objectives only")

    # --- 1. plan.csv against a plain run of the same plans ---------------------------
    out_plan = os.path.join(args.tmp, "plan")
    jssim_check.output_of([args.jssim, "plan", scenario, "--runs-max", str(args.runs_max),
                           "--seed", str(args.seed), "--threads", "2", "--out", out_plan])
    rows = read_csv(os.path.join(out_plan, "plan.csv"))
    played = [r for r in rows if int(r["runs"]) > 0]
    if not played:
        sys.exit("FAIL: plan.csv has no plan that was played")
    most = max(int(r["runs"]) for r in played)
    hand = base_doc.get("strategies") or [{"name": "baseline"}]
    for s in plan_doc.get("strategies") or []:
        hand.append(s)
    strategies = [strategy_yaml(f"plan {i}", parse_plan_name(r["plan"]))
                  for i, r in enumerate(played)]
    # The worlds are the race's when the busiest rate of the run is the race's.
    pipeline_ppw = float(base_doc["pipeline"]["proposals_per_week"])

    def busiest(items):
        b = 0.0
        for s in items:
            own = s.get("proposals_per_week")
            if own is not None:
                b = max(b, float(own))
            if own is None or s.get("until_recovered"):
                b = max(b, pipeline_ppw)
        return b

    race_busiest = busiest([hand[0]] + strategies)
    if busiest(hand + strategies) != race_busiest:
        sys.exit("FAIL: the scenario's own strategies send more proposals than any plan; "
                 "this check cannot replay the race's worlds")
    all_plans = os.path.join(args.tmp, "all-plans.yaml")
    with open(all_plans, "w") as f:
        yaml.safe_dump({"extends": scenario, "strategies": strategies}, f, sort_keys=False)
    out_run = os.path.join(args.tmp, "run")
    jssim_check.output_of([args.jssim, "run", all_plans, "--runs", str(most),
                           "--seed", str(args.seed), "--threads", "2", "--per-run",
                           "--out", out_run])
    per_run = {}
    for r in read_csv(os.path.join(out_run, "runs.csv")):
        per_run.setdefault(r["strategy"], []).append(r)
    for rs in per_run.values():
        rs.sort(key=lambda r: int(r["run"]))
    baseline = hand[0]["name"]
    horizon = None
    if objective == "rmst_days":
        months = int(base_doc["simulation"].get("horizon_months", 24))
        y, m, d = (int(x) for x in today.split("-"))
        import datetime
        start = datetime.date(y, m, d)
        total = m - 1 + months
        end_year, end_month = y + total // 12, total % 12 + 1
        import calendar
        end = datetime.date(end_year, end_month,
                            min(d, calendar.monthrange(end_year, end_month)[1]))
        horizon = (end - start).days
    failures = []
    for i, r in enumerate(played):
        n = int(r["runs"])
        mine = times(per_run[f"plan {i}"], n)
        base = times(per_run[baseline], n)
        if objective == "median_days":
            est = median(mine)
            diffs = [difference(b, a) for a, b in zip(base, mine)]
            vs = median(diffs)
        else:
            est = rmst(mine, horizon)
            vs = rmst(mine, horizon) - rmst(base, horizon)
        if fmt_objective(objective, est) != r["estimate"]:
            failures.append(f"{r['plan']}: estimate {r['estimate']!r}, a plain run gives "
                            f"{fmt_objective(objective, est)!r} on its {n} runs")
        if fmt_objective(objective, vs) != r["vs_baseline"]:
            failures.append(f"{r['plan']}: vs_baseline {r['vs_baseline']!r}, a plain run "
                            f"gives {fmt_objective(objective, vs)!r} on its {n} runs")
    print(f"1. {len(played)} plans of plan.csv (up to {most} runs) against a plain run: "
          f"{len(failures)} differ")

    # --- 2. best.yaml on a fresh seed --------------------------------------------------
    best = rows[0]
    with open(os.path.join(out_plan, "best.yaml")) as f:
        best_block = f.read()
    fresh = os.path.join(args.tmp, "fresh.yaml")
    with open(fresh, "w") as f:
        f.write(f"extends: {yaml.safe_dump(scenario).splitlines()[0]}\nstrategies:\n")
        f.write(best_block)
    out_fresh = os.path.join(args.tmp, "fresh")
    jssim_check.output_of([args.jssim, "run", fresh, "--runs", best["runs"],
                           "--seed", str(args.fresh_seed), "--threads", "2", "--out", out_fresh])
    summary = {r["strategy"]: r for r in read_csv(os.path.join(out_fresh, "summary.csv"))}
    if best["plan"] not in summary:
        failures.append(f"best.yaml's strategy is not named {best['plan']!r}")
    else:
        column = "median_days" if objective == "median_days" else "rmst_days"
        again = float(summary[best["plan"]][column] or INF)
        lo = float(best["estimate_lo"] or -INF)
        hi = float(best["estimate_hi"] or INF)
        print(f"2. best plan on seed {args.fresh_seed}: {column} {again} "
              f"(plan.csv: {best['estimate']} in [{lo}, {hi}])")
        if not lo <= again <= hi:
            failures.append(f"best.yaml on seed {args.fresh_seed} gives {column} {again}, "
                            f"outside plan.csv's interval [{lo}, {hi}]")
        # --- 3. at least as good as the hand-written strategies the grid holds --------
        grid = {repr(canonical(parse_plan_name(r["plan"]), today)): r["plan"] for r in rows}
        contained = 0
        for s in hand:
            key = repr(canonical(s, today))
            if key not in grid or s["name"] not in summary:
                continue
            contained += 1
            theirs = float(summary[s["name"]][column] or INF)
            print(f"3. hand-written `{s['name']}` is plan {grid[key]!r}: {column} {theirs}; "
                  f"best {again}")
            if again > theirs:
                failures.append(f"the best plan ({again}) is worse than the hand-written "
                                f"`{s['name']}` ({theirs}) on seed {args.fresh_seed}")
        if contained == 0 and args.expect_contained:
            failures.append("the grid holds none of the scenario's strategies; nothing to "
                            "compare the best plan with")
    for f in failures:
        print("FAIL:", f)
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
