#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""A scenario's history, written as a spreadsheet would, comes back through `jssim init`.

    check_roundtrip.py --jssim build/release/app/jssim --tmp /tmp/roundtrip \
        scenarios tests/reference/scenarios tests/reference/compare

For every scenario, its history (an `extends:` chain merged) is written to a contracts CSV
in each dialect a spreadsheet writes (plain; `;` with decimal commas; CRLF; a byte-order
mark; every field quoted; columns shuffled; headers upper-case with spaces around; names
with commas, quotes and accents), `jssim init --today <its today>` reads it, and:

- the scenario written from each dialect is byte for byte the one written from the plain
  CSV (the awkward names aside);
- for the plain CSV and the awkward names, `jssim score --csv` of the result equals the
  original's (the CSV holds no `score:` parameters, so the original's `score:` section, if
  any, is appended to the result first), `jssim check` accepts it, and `jssim run --runs 50`
  runs it.

Prints one line per failure and exits 1 if any.
"""
from __future__ import annotations

import datetime
import pathlib
import random
import subprocess
import sys

import yaml

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1] / "support"))
import jssim_check  # noqa: E402

COLUMNS = ["id", "client", "type", "started", "ended", "earned", "first_paid", "last_paid",
           "stars", "private", "disputed", "client_flagged", "paused"]
DIALECTS = ["plain", "semicolon-decimal-comma", "crlf", "bom", "quoted", "shuffled",
            "upper-case-headers", "awkward-names"]


def merged(base: dict, over: dict) -> dict:
    out = dict(base)
    for key, value in over.items():
        if isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = merged(out[key], value)
        else:
            out[key] = value
    return out


def load(path: pathlib.Path) -> dict:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    base = data.pop("extends", None)
    if base:
        data = merged(load(path.parent / base), data)
    return data


def cell_text(key: str, value, decimal_comma: bool) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, float):
        text = repr(value)
        if text.endswith(".0") and key != "stars":
            text = text[:-2]
        return text.replace(".", ",") if decimal_comma else text
    return str(value)


def quote(text: str, separator: str, always: bool) -> str:
    if always or any(c in text for c in (separator, '"', "\n", "\r")) or text != text.strip():
        return '"' + text.replace('"', '""') + '"'
    return text


def awkward(name: str) -> str:
    return f'{name}, "the" caf\u00e9'


def write_csv(history: list[dict], dialect: str, path: pathlib.Path) -> None:
    columns = [c for c in COLUMNS if any(c in h for h in history)] or ["id", "client", "started"]
    for required in ("id", "client", "started"):
        if required not in columns:
            columns.append(required)
    if dialect == "shuffled":
        random.Random(7).shuffle(columns)
    separator = ";" if dialect == "semicolon-decimal-comma" else ","
    decimal_comma = dialect == "semicolon-decimal-comma"
    always = dialect == "quoted"
    newline = "\r\n" if dialect == "crlf" else "\n"
    header = []
    for c in columns:
        header.append(f"  {c.upper()} " if dialect == "upper-case-headers" else c)
    lines = [separator.join(quote(h, separator, always) for h in header)]
    for contract in history:
        row = []
        for c in columns:
            value = contract.get(c)
            if dialect == "awkward-names" and c in ("id", "client") and value is not None:
                value = awkward(str(value))
            row.append(quote(cell_text(c, value, decimal_comma), separator, always))
        lines.append(separator.join(row))
    text = newline.join(lines) + newline
    data = text.encode("utf-8")
    if dialect == "bom":
        data = b"\xef\xbb\xbf" + data
    path.write_bytes(data)


def run(command: list[str]) -> subprocess.CompletedProcess:
    return jssim_check.run(command, timeout=120)


def check_one(jssim: str, scenario: pathlib.Path, tmp: pathlib.Path) -> list[str]:
    data = load(scenario)
    history = data.get("history") or []
    today = data["freelancer"]["today"]
    today = today.isoformat() if isinstance(today, datetime.date) else str(today)
    original = run([jssim, "score", str(scenario), "--csv"])
    if original.returncode != 0:
        return [f"{scenario}: jssim score of the original failed:\n{original.stderr}"]
    failures = []
    plain_text = None
    for dialect in DIALECTS:
        where = f"{scenario.name} ({dialect})"
        folder = jssim_check.fresh_folder(tmp / scenario.stem / dialect)
        csv_path = folder / "contracts.csv"
        out = folder / "scenario.yaml"
        write_csv(history, dialect, csv_path)
        done = run([jssim, "init", "--history", str(csv_path), "--out", str(out),
                    "--today", today])
        if done.returncode != 0:
            failures.append(f"{where}: jssim init exited {done.returncode}:\n{done.stderr}")
            continue
        # A dialect is only a way of writing the same sheet: the scenario must be the plain
        # one's, byte for byte; then scoring, checking and running it again would prove nothing.
        text = out.read_text(encoding="utf-8")
        if dialect == "plain":
            plain_text = text
        elif dialect != "awkward-names":
            if plain_text is not None and text != plain_text:
                failures.append(f"{where}: the scenario differs from the plain CSV's")
            continue
        if "score" in data:
            with out.open("a", encoding="utf-8") as f:
                f.write("# The original's score parameters, which a contracts CSV does not "
                        "hold:\n")
                f.write(yaml.safe_dump({"score": data["score"]}, sort_keys=False))
        scored = run([jssim, "score", str(out), "--csv"])
        if scored.returncode != 0 or scored.stdout != original.stdout:
            failures.append(f"{where}: score --csv differs:\n--- original\n{original.stdout}"
                            f"--- from init ({scored.returncode})\n{scored.stdout}{scored.stderr}")
        checked = run([jssim, "check", str(out)])
        if checked.returncode != 0:
            failures.append(f"{where}: jssim check refused it:\n{checked.stderr}")
        ran = run([jssim, "run", str(out), "--runs", "50", "--threads", "1",
                   "--out", str(folder / "run")])
        if ran.returncode != 0:
            failures.append(f"{where}: jssim run --runs 50 exited {ran.returncode}:\n"
                            f"{ran.stderr}")
    return failures


def main() -> int:
    args, files = jssim_check.scenarios_from_arguments(__doc__, "scenarios")
    failures = [f for path in files for f in check_one(args.jssim, path, args.tmp)]
    return jssim_check.report(failures, f"{len(files)} scenarios x {len(DIALECTS)} dialects, "
                                        f"{len(failures)} failures")


if __name__ == "__main__":
    sys.exit(main())
