#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
# Compares `jssim explain --csv` with the reference's enumeration of the hidden ratings.
"""Checks the posterior of the hidden ratings (MODEL.md section 10) against the reference.

    check_explain.py PATH/TO/jssim SCENARIO.yaml [SCENARIO.yaml ...]

For each scenario, enumerates every completion of its `unknown` ratings with the reference
scorer (jss_reference.py: rows of the contract's prior table that give every unknown field,
renormalised; the same enumeration as `jss_reference.py --observed`), keeps those whose
displayed score is observed.jss and that show every score of observed.timeline on its day
(MODEL.md section 11.2), and computes in exact arithmetic each hidden field's
distribution given it. Then compares with the program:

- `jssim explain SCENARIO --csv --decimals 12`: the same (contract, field, value) rows,
  every probability within 1e-9;
- `jssim explain SCENARIO --csv`: the 6-decimal probabilities within half a unit of the
  6th decimal of the exact ones;
- `jssim explain SCENARIO`: the probability that a draw from the priors explains the
  observed score, and `jss_reference.py --observed`'s line for the observed score, both
  equal to the exact one at 6 decimals.

For a scenario with a timeline it also computes the posterior without the timeline and
fails unless the timeline changes some probability by 1e-6 or more (a timeline scenario
that shows nothing new checks nothing new).

Prints one line per scenario; exits 1 on a mismatch, 2 when a program cannot be run.
"""

from __future__ import annotations

import argparse
import itertools
import os
import re
import subprocess
import sys
from dataclasses import replace
from fractions import Fraction

HERE = os.path.dirname(os.path.abspath(__file__))
sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, HERE)
import jss_reference as ref  # noqa: E402

TOLERANCE = 1e-9


def reference_posterior(path: str, use_timeline: bool = True) -> tuple:
    """({(contract, field, value): probability}, P(observed)) in exact arithmetic.

    With a timeline (MODEL.md section 11.2), a completion must also show each of its scores
    on the latest recalculation day on or before its `on`, the history as it stood then
    (ref.score takes back what happened after that day); `use_timeline=False` ignores it.
    """
    sc = ref.load(path)
    t = ref.score_day(sc)
    past = [(ref.recalc_on_or_before(on, sc.rules.recalc_anchor, sc.rules.recalc_every_days),
             jss) for on, jss in (sc.timeline if use_timeline else [])]
    first_table = next(iter(sc.tables))
    slots = []  # (contract index, fields, [(p, stars, private)])
    for i, c in enumerate(sc.history):
        need = [k for k, v in (("stars", c.stars), ("private", c.private)) if v == ref.UNKNOWN]
        if not need:
            continue
        rows = [r for r in sc.tables[c.prior or first_table]
                if all(k in r for k in need) and ref.exact(r["p"]) > 0]
        total = sum(ref.exact(r["p"]) for r in rows)
        slots.append((i, need, [(ref.exact(r["p"]) / total,
                                 ref.exact(r["stars"]) if "stars" in need else c.stars,
                                 r["private"] if "private" in need else c.private)
                                for r in rows]))
    joint: dict = {}
    evidence = Fraction(0)
    for combo in itertools.product(*(opts for _, _, opts in slots)):
        hist = list(sc.history)
        p = Fraction(1)
        for (i, _, _), (q, stars, private) in zip(slots, combo):
            hist[i] = replace(hist[i], stars=stars, private=private)
            p *= q
        shown = ref.score(hist, t, sc.rules).displayed
        if sc.observed_jss is not None and shown != sc.observed_jss:
            continue
        if any(ref.score(hist, day, sc.rules).displayed != jss for day, jss in past):
            continue
        evidence += p
        for (i, need, _), (_, stars, private) in zip(slots, combo):
            for field in need:
                value = Fraction(stars) if field == "stars" else Fraction(private)
                key = (sc.history[i].id, field, value)
                joint[key] = joint.get(key, Fraction(0)) + p
    if evidence == 0:
        raise SystemExit(f"{path}: no completion explains observed (the program must exit 2)")
    return {k: v / evidence for k, v in joint.items()}, evidence


def run(cmd: list) -> str:
    try:
        done = subprocess.run(cmd, capture_output=True, text=True, timeout=600)
    except OSError as e:
        print(f"check_explain: cannot run {cmd[0]}: {e}", file=sys.stderr)
        sys.exit(2)
    if done.returncode != 0:
        print(f"check_explain: {' '.join(cmd)} exited {done.returncode}:\n{done.stderr}",
              file=sys.stderr)
        sys.exit(2)
    return done.stdout


def parse_csv(text: str) -> dict:
    lines = text.strip().splitlines()
    if not lines or lines[0] != "contract,field,value,probability":
        raise ValueError(f"header is {lines[0] if lines else 'missing'!r}")
    out = {}
    for ln in lines[1:]:
        contract, field, value, p = ln.split(",")
        out[(contract, field, Fraction(value))] = Fraction(p)
    return out


def compare(got: dict, want: dict, tolerance: Fraction) -> list:
    problems = []
    for key in sorted(set(got) | set(want), key=str):
        if key not in got:
            problems.append(f"{key}: missing in jssim (reference {float(want[key]):.12f})")
        elif key not in want:
            problems.append(f"{key}: jssim gives {float(got[key]):.12f}, the reference 0")
        elif abs(got[key] - want[key]) > tolerance:
            problems.append(f"{key}: jssim {float(got[key]):.12f}, reference "
                            f"{float(want[key]):.12f}")
    return problems


def main(argv: list | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("jssim")
    ap.add_argument("scenarios", nargs="+")
    args = ap.parse_args(argv)
    failed = False
    for path in args.scenarios:
        want, evidence = reference_posterior(path)
        problems = compare(parse_csv(run([args.jssim, "explain", path, "--csv", "--decimals",
                                          "12"])), want, Fraction(TOLERANCE))
        half = Fraction(1, 2 * 10**6) + Fraction(TOLERANCE)
        problems += [f"6 decimals: {p}" for p in
                     compare(parse_csv(run([args.jssim, "explain", path, "--csv"])), want, half)]
        sc = ref.load(path)
        if sc.observed_jss is not None:
            exact6 = f"{float(evidence):.6f}"
            text = run([args.jssim, "explain", path])
            m = re.search(r"gives (?:it|them all) with probability (\d+\.\d+)", text)
            if not m or m.group(1) != exact6:
                problems.append(f"P(observed): jssim explain says {m.group(1) if m else 'nothing'},"
                                f" exact {exact6}")
            listing = run([sys.executable, os.path.join(HERE, "jss_reference.py"), path,
                           "--observed"])
            m = re.search(rf"displayed {sc.observed_jss}: p = (\d+\.\d+)  <- observed", listing)
            # jss_reference.py --observed knows today's score only.
            if not sc.timeline and (not m or m.group(1) != exact6):
                problems.append(f"P(observed): jss_reference.py --observed says "
                                f"{m.group(1) if m else 'nothing'}, exact {exact6}")
        moved = ""
        if sc.timeline:
            # A timeline scenario must show that the timeline matters.
            alone, _ = reference_posterior(path, use_timeline=False)
            key = max(set(want) | set(alone),
                      key=lambda k: abs(want.get(k, 0) - alone.get(k, 0)))
            change = abs(want.get(key, 0) - alone.get(key, 0))
            if change < Fraction(1, 10**6):
                problems.append("the timeline does not change the posterior")
            moved = (f"; the timeline moves {key[0]} {key[1]} = {float(key[2]):g} from "
                     f"{float(alone.get(key, 0)):.6f} to {float(want.get(key, 0)):.6f}")
        if problems:
            failed = True
            print(f"check_explain: {path}: {len(problems)} mismatches")
            for p in problems:
                print(f"  {p}")
        else:
            print(f"check_explain: {path}: {len(want)} values agree within {TOLERANCE} "
                  f"(P(observed) = {float(evidence):.6f}){moved}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
