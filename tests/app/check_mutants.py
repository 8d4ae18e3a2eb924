#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Random single-defect mutants of the good scenarios against the real program.

    check_mutants.py --jssim build/release/app/jssim --tmp build/release/tests/tmp/mutants \
        [--count 40] [--seed 1] [--jobs 0] scenarios/*.yaml

tests/bad/ holds defects a person wrote down on purpose; this makes the ones nobody
thought of. From each good scenario it makes --count mutants, each with one defect
of a kind a person editing YAML makes (see KINDS): a line deleted, duplicated,
re-indented or swapped with another; a value of the wrong type (text, a list, a
map, nothing, -3, 1e308, .nan, 2026-02-30, an unclosed quote); a key misspelt or
moved to another level; the file cut at a random byte; a random byte inserted
(NUL, 0xFF, a control character, a YAML indicator); a date after today or before
the contract started; a probability table that no longer sums to 1; an id, name
or table renamed so that a reference names nothing. The mutants depend only on
--seed, the scenario's name and text and the mutant's number, not on --count or
--jobs, so any failure is reproduced by the same command.

For each mutant, `jssim check FILE` and `jssim run FILE --runs 20 --threads 1
--out DIR` (DIR a fresh folder), each within 10 seconds, must

  - exit with status 0 or 2: never 1 (the status of a bug), never a signal, never
    a timeout; and both the same (a mutation may leave a valid scenario: a comment
    deleted, a number changed to another valid one);
  - with status 0: `run` wrote its files (summary.csv) in DIR;
  - with status 2: print a problem on a line that starts with `FILE:LINE:` (or
    `FILE:LINE:COLUMN:`), FILE the mutant (or a file it extends) and LINE one of
    its lines; only a file with nothing but comments and blanks may say so without
    a line; and `run` must leave DIR nonexistent (or empty);
  - print no sanitizer report (AddressSanitizer, "runtime error:", ...), so that
    the same check runs against a sanitizer build.

Some mutants are certainly wrong, and then exit status 0 is a failure too, and
check's problems must include one on the line named (class Expect):

  - a NUL byte, a control character other than tab, LF and the CR of CRLF, or
    invalid UTF-8 anywhere (docs/limits.md): refused on its line;
  - a value replaced by an unclosed quote: refused on that line (docs/limits.md:
    "jssim names the line of the quote");
  - a number (a key of NUMERIC_KEYS) replaced by text, a list, a map, nothing, a
    negative, 1e308, .nan, a date or a boolean: refused on that line;
  - a key of the format misspelt: refused on that line, naming the misspelt key;
  - a `key:` line duplicated, a contract's date moved after today or before it
    started, a p of a table changed by more than the 1e-9 tolerance: refused.

Prints the counts by kind of mutation and outcome, one line per failure, with the
mutant kept under TMP/failures/ (beside the files it extends), and exits 1 if
any failed.
"""
from __future__ import annotations

import concurrent.futures
import dataclasses
import datetime
import hashlib
import os
import pathlib
import random
import re
import shutil
import signal
import subprocess
import sys
import time

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1] / "support"))
import jssim_check  # noqa: E402

TIMEOUT = 10.0  # seconds, per command: a bad file is refused in milliseconds
RUNS = "20"
SANITIZER = re.compile(r"AddressSanitizer|LeakSanitizer|UndefinedBehaviorSanitizer|"
                       r"ThreadSanitizer|MemorySanitizer|runtime error:|==\d+==ERROR")


# --------------------------------------------------------------------------- text helpers

def code_end(line: str) -> int:
    """Where the code of a line ends: at a comment (`#` at the start or after a blank,
    outside quotes) or at the line end."""
    quote = None
    i = 0
    n = len(line.rstrip("\r\n"))
    while i < n:
        c = line[i]
        if quote:
            if c == quote:
                if quote == "'" and i + 1 < n and line[i + 1] == "'":
                    i += 1
                else:
                    quote = None
            elif c == "\\" and quote == '"':
                i += 1
        elif c in "\"'" and (i == 0 or line[i - 1] in " \t[{,:-"):
            quote = c
        elif c == "#" and (i == 0 or line[i - 1] in " \t"):
            return i
        i += 1
    return n


def code(line: str) -> str:
    return line[:code_end(line)]


def indent_of(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def newline_of(line: str) -> str:
    return line[len(line.rstrip("\r\n")):] or "\n"


KEY = re.compile(r"(?:^[ \t]*(?:-[ \t]+)*|[{,][ \t]*)(?P<key>[A-Za-z_][\w-]*)[ \t]*:(?=[ \t]|$)")
# A scalar after `key: ` up to a flow indicator, a comment or the line end.
VALUE = re.compile(r"(?:^[ \t]*(?:-[ \t]+)*|[{,][ \t]*)[A-Za-z_][\w-]*[ \t]*:[ \t]+"
                   r"(?P<v>\"[^\"\n]*\"|'[^'\n]*'|[^ \t{}\[\],#\n][^{}\[\],#\n]*?)"
                   r"[ \t]*(?=[,}\]]|$)")
# An item of a flow sequence: `[40, 250]`, `[quick wins, close the dead contract]`.
ITEM = re.compile(r"(?<=[\[,])[ \t]*(?P<v>\"[^\"\n]*\"|'[^'\n]*'|[^ \t{}\[\],:#\n][^{}\[\],:#\n]*?)"
                  r"[ \t]*(?=[,\]])")
# A scalar item of a block sequence: `  - 12`.
BLOCK_ITEM = re.compile(r"^[ \t]*-[ \t]+(?P<v>[^ \t{}\[\]#\n][^:#\n]*?)[ \t]*$")
DATE = re.compile(r"(?<![\w-])(?P<v>\d{4}-\d{2}-\d{2})(?![\w-])")
BLOCK_KEY_LINE = re.compile(r"^(?P<indent> *)(?P<key>[A-Za-z_][\w-]*)[ \t]*:(?=[ \t]|$)")


@dataclasses.dataclass
class Expect:
    """What a mutation must certainly cause, where that is known: a refusal (exit 2),
    with a problem on this line (1-based) that contains this text."""
    line: int | None = None
    text: str | None = None
    why: str = ""


# Every key of the scenario format (MODEL.md section 6, input/scenario_loader.cpp): one
# misspelt is an unknown key, refused on its line.
SCHEMA_KEYS = {
    "freelancer", "history", "observed", "pipeline", "strategies", "simulation", "score",
    "extends", "sensitivity", "name", "today", "id", "client", "type", "started", "ended",
    "earned", "first_paid", "last_paid", "stars", "private", "disputed", "client_flagged",
    "paused", "future", "prior", "outcomes", "ends_in_days", "ghost", "weekly_usd", "jss",
    "proposals_per_week", "max_parallel", "jobs", "win_rate", "duration_days", "value_usd",
    "close_delay_days", "rehire", "p", "feedback", "accept", "close",
    "close_stale_after_days", "own_close_feedback", "until_recovered", "contract", "on",
    "runs", "horizon_months", "seed", "target", "hold", "top_rated", "rules",
    "private_positive_min", "private_neutral_min", "stars_positive_min", "stars_neutral_min",
    "min_clients", "min_outcomes", "stale_after_days", "stale_open_class", "long_term_days",
    "span_bonus_days", "weight_max", "tier_limits", "tier_weights", "recalc_every_days",
    "recalc_anchor", "uniform", "triangular", "exponential", "mean", "lognormal", "median",
    "p90", "choice", "outcome", "strategy", "points", "parameters", "path", "low", "high",
    "label",
}
# Keys whose value is a number (or a list of numbers): text, a list, a map, nothing, a
# negative, an absurd or not-a-number value, a date, a boolean there is refused.
NUMERIC_KEYS = {
    "earned", "stars", "private", "ghost", "weekly_usd", "jss", "proposals_per_week",
    "max_parallel", "win_rate", "duration_days", "value_usd", "close_delay_days", "rehire",
    "p", "close_stale_after_days", "own_close_feedback", "runs", "horizon_months", "seed",
    "hold", "ends_in_days", "private_positive_min", "private_neutral_min",
    "stars_positive_min", "stars_neutral_min", "min_clients", "min_outcomes",
    "stale_after_days", "long_term_days", "span_bonus_days", "weight_max", "tier_limits",
    "tier_weights", "recalc_every_days", "uniform", "triangular", "mean", "median", "p90",
    "points", "low", "high",
}
# Dates of a contract: after today, or before the contract started, is refused.
CONTRACT_DATES = {"started", "ended", "first_paid", "last_paid"}


@dataclasses.dataclass
class Site:
    line: int   # index into lines
    start: int  # span in the line
    end: int
    text: str


class Doc:
    """A scenario's text as lines, with the places a mutation can hit."""

    def __init__(self, text: str):
        self.text = text
        self.lines = re.findall(r"[^\n]*\n|[^\n]+$", text)  # LF only, as jssim counts

    def join(self, lines: list[str] | None = None) -> str:
        return "".join(self.lines if lines is None else lines)

    def code_lines(self) -> list[int]:
        return [i for i, l in enumerate(self.lines) if code(l).strip()]

    def sites(self, pattern: re.Pattern, group: str = "v") -> list[Site]:
        out = []
        for i, line in enumerate(self.lines):
            c = code(line).rstrip("\r\n")
            for m in pattern.finditer(c):
                out.append(Site(i, m.start(group), m.end(group), m.group(group)))
        return out

    def keys(self) -> list[Site]:
        return self.sites(KEY, "key")

    def values(self) -> list[Site]:
        seen = set()
        out = []
        for s in self.sites(VALUE) + self.sites(ITEM) + self.sites(BLOCK_ITEM):
            if (s.line, s.start) not in seen:
                seen.add((s.line, s.start))
                out.append(s)
        return out

    def replace(self, site: Site, new: str) -> str:
        lines = list(self.lines)
        l = lines[site.line]
        lines[site.line] = l[:site.start] + new + l[site.end:]
        return self.join(lines)

    def key_of(self, site: Site) -> str | None:
        """The key just before a value site on its line."""
        before = self.lines[site.line][:site.start]
        m = re.search(r"([A-Za-z_][\w-]*)[ \t]*:[ \t]*$", before)
        if m:
            return m.group(1)
        m = re.search(r"([A-Za-z_][\w-]*)[ \t]*:[ \t]*\[[^\[\]{}]*$", before)
        return m.group(1) + "[]" if m else None

    def today(self) -> datetime.date | None:
        m = re.search(r"^[ \t]+today:[ \t]*(\d{4}-\d{2}-\d{2})", self.text, re.M)
        return parse_date(m.group(1)) if m else None


def parse_date(s: str) -> datetime.date | None:
    try:
        return datetime.date.fromisoformat(s)
    except ValueError:
        return None


# --------------------------------------------------------------------------- mutations
# Each takes (rng, doc, raw bytes, context) and returns (new text or bytes, detail[,
# Expect]) or None when the scenario has nowhere to apply it.

def m_delete_line(rng, doc, raw, ctx):
    pool = doc.code_lines() if rng.random() < 0.85 else list(range(len(doc.lines)))
    if not pool:
        return None
    i = rng.choice(pool)
    lines = list(doc.lines)
    del lines[i]
    return doc.join(lines), f"line {i + 1} deleted"


def m_duplicate_line(rng, doc, raw, ctx):
    pool = doc.code_lines()
    if not pool:
        return None
    i = rng.choice(pool)
    lines = list(doc.lines)
    lines.insert(i + 1, lines[i] if lines[i].endswith("\n") else lines[i] + "\n")
    expect = None
    if BLOCK_KEY_LINE.match(code(lines[i])):  # `key: ...` twice in one mapping
        expect = Expect(None, None, "a key given twice")
    return doc.join(lines), f"line {i + 1} duplicated", expect


def m_indentation(rng, doc, raw, ctx):
    pool = doc.code_lines()
    if not pool:
        return None
    i = rng.choice(pool)
    line = doc.lines[i]
    ind = indent_of(line)
    body = line[ind:]
    choices = ["+1", "+2", "tab", "tab-for-2"]
    if ind >= 1:
        choices.append("-1")
    if ind >= 2:
        choices.append("-2")
    how = rng.choice(choices)
    if how == "+1":
        new = " " * (ind + 1) + body
    elif how == "+2":
        new = " " * (ind + 2) + body
    elif how == "-1":
        new = " " * (ind - 1) + body
    elif how == "-2":
        new = " " * (ind - 2) + body
    elif how == "tab":
        new = "\t" + line
    else:  # the first two spaces (or the start) become a tab
        new = "\t" + " " * max(0, ind - 2) + body
    lines = list(doc.lines)
    lines[i] = new
    return doc.join(lines), f"line {i + 1} indented {how}"


RETYPES = [
    ("text", ["abc", "twelve", "five stars", "none"]),
    ("list", ["[1, 2]", "[]", "[abc]"]),
    ("map", ["{a: 1}", "{}"]),
    ("distribution", ["{uniform: [1, 2]}", "{exponential: {mean: 3}}"]),
    ("empty", ["", "~", "null", "''", '""']),
    ("negative", ["-3", "-0.5", "-1", "-100000"]),
    ("huge", ["1e308", "1e309", "-1e308", "99999999999999999999"]),
    ("large", ["1e18", "4294967297", "1e12"]),
    ("nan", [".nan", "NaN", ".inf", "-.inf", "+.inf", "nan", "inf"]),
    ("date", ["2026-02-30", "2026-13-01", "0000-00-00", "2025-02-29", "9999-12-31",
              "2026-1-5", "2026-11-26T10:00:00"]),
    ("unclosed-quote", ['"abc', "'abc", '"', "'"]),
    ("odd-number", ["0", "0.0", "0x10", "1_000", "1e-320", "+5", "010", "5.", ".5", "1/2"]),
    ("bool", ["true", "yes", "off"]),
    ("yaml", ["&a 5", "*a", "!!str 5", "!!binary aGk=", "|", ">", "!x 1", "? a", "@x", "`x"]),
]


def m_retype_value(rng, doc, raw, ctx):
    sites = doc.values()
    if not sites:
        return None
    s = rng.choice(sites)
    group, options = rng.choice(RETYPES)
    new = rng.choice(options)
    if new == s.text:
        new = new + "0"
    key = doc.key_of(s) or "item"
    detail = f"line {s.line + 1}: {key}: {s.text!r} -> {new!r} ({group})"
    expect = None
    if group == "unclosed-quote":
        expect = Expect(s.line + 1, None, "an unclosed quote")
    elif key.rstrip("[]") in NUMERIC_KEYS and group in (
            "text", "list", "map", "empty", "negative", "huge", "nan", "date", "bool"):
        expect = Expect(s.line + 1, None, f"{group} for the number {key}")
    return doc.replace(s, new), detail, expect


def misspell(rng, word: str) -> str:
    for _ in range(20):
        i = rng.randrange(len(word))
        how = rng.choice(["swap", "drop", "double", "upper", "replace"])
        if how == "swap" and len(word) >= 2:
            i = min(i, len(word) - 2)
            w = word[:i] + word[i + 1] + word[i] + word[i + 2:]
        elif how == "drop" and len(word) >= 2:
            w = word[:i] + word[i + 1:]
        elif how == "double":
            w = word[:i] + word[i] + word[i:]
        elif how == "upper":
            w = word[:i] + word[i].swapcase() + word[i + 1:]
        else:
            w = word[:i] + rng.choice("aeiou_-") + word[i + 1:]
        if w != word and w and re.match(r"[A-Za-z_]", w):
            return w
    return word + "s"


def m_misspell_key(rng, doc, raw, ctx):
    keys = doc.keys()
    if not keys:
        return None
    s = rng.choice(keys)
    new = misspell(rng, s.text)
    expect = None
    if s.text in SCHEMA_KEYS and new not in SCHEMA_KEYS:
        expect = Expect(s.line + 1, new, f"the unknown key {new!r}")
    return doc.replace(s, new), f"line {s.line + 1}: key {s.text!r} -> {new!r}", expect


def subtree_end(lines: list[str], i: int) -> int:
    """The end (exclusive) of the block under line i: the following lines indented
    deeper, or blank / comment lines between them."""
    ind = indent_of(lines[i])
    j = i + 1
    last = i + 1
    while j < len(lines):
        c = code(lines[j])
        if c.strip():
            if indent_of(c) <= ind:
                break
            last = j + 1
        j += 1
    return last


def m_move_key(rng, doc, raw, ctx):
    lines = list(doc.lines)
    block = [i for i, l in enumerate(lines) if BLOCK_KEY_LINE.match(code(l))]
    targets = [i for i, l in enumerate(lines)
               if re.match(r"^[ \t]*(?:-[ \t]+)?[A-Za-z_][\w-]*[ \t]*:(?=[ \t]|$)", code(l))]
    flow = [s for s in doc.sites(re.compile(
        r"(?:(?<=\{)|(?<=,))[ \t]*(?P<v>[A-Za-z_][\w-]*:[ \t]+[^{}\[\],#\n]+?)[ \t]*(?=[,}])"))]
    if not targets or not (block or flow):
        return None
    if block and (not flow or rng.random() < 0.5):
        i = rng.choice(block)
        end = subtree_end(lines, i)
        moved = lines[i:end]
        ind = indent_of(moved[0])
        key = BLOCK_KEY_LINE.match(code(moved[0])).group("key")
        rest = lines[:i] + lines[end:]
        # A target line of another level: insert the subtree before it at its key's column.
        choices = []
        for t, l in enumerate(rest):
            m = re.match(r"^([ \t]*(?:-[ \t]+)?)[A-Za-z_][\w-]*[ \t]*:(?=[ \t]|$)", code(l))
            if m and len(m.group(1)) != ind:
                choices.append((t, len(m.group(1))))
        choices.append((len(rest), 0))  # or at the end, at the top level
        t, col = rng.choice(choices)
        if col == ind:
            col = ind + 2
        delta = col - ind
        shifted = []
        for l in moved:
            if not l.strip():
                shifted.append(l)
            elif delta >= 0:
                shifted.append(" " * delta + l)
            else:
                shifted.append(l[min(-delta, indent_of(l)):])
        if shifted and not shifted[-1].endswith("\n"):
            shifted[-1] += "\n"
        if t == len(rest) and rest and not rest[-1].endswith("\n"):
            rest[-1] += "\n"
        new = rest[:t] + shifted + rest[t:]
        return "".join(new), (f"line {i + 1}: key {key!r} ({end - i} lines) moved from column "
                               f"{ind} to {col}, before line {t + 1} of the rest")
    s = rng.choice(flow)
    line = lines[s.line]
    # Take `k: v` out of its flow mapping with one of its commas.
    a, b = s.start, s.end
    after = line[b:]
    before = line[:a]
    m_after = re.match(r"[ \t]*,[ \t]*", after)
    m_before = re.search(r",[ \t]*$", before)
    if m_before:
        before = before[:m_before.start()]
    elif m_after:
        after = after[m_after.end():]
    lines[s.line] = before + after
    t = rng.choice(targets)
    m = re.match(r"^([ \t]*(?:-[ \t]+)?)", lines[t])
    col = len(m.group(1)) if m else 0
    col = rng.choice([col, max(0, col - 2), col + 2, 0])
    lines.insert(t, " " * col + s.text + "\n")
    return "".join(lines), f"line {s.line + 1}: {s.text!r} moved out of its {{}} to column {col}"


def m_truncate(rng, doc, raw, ctx):
    if not raw:
        return None
    cut = rng.randrange(len(raw))
    return raw[:cut], f"cut at byte {cut} of {len(raw)}"


SPECIAL_BYTES = [0x00, 0xFF, 0xFE, 0x01, 0x07, 0x08, 0x09, 0x0B, 0x0C, 0x0D, 0x1B, 0x7F,
                 0x80, 0xBF, 0xC0, 0xC3, 0xE2, 0xF0, 0xF8,
                 0x22, 0x27, 0x3A, 0x23, 0x7B, 0x7D, 0x5B, 0x5D, 0x2C, 0x2D, 0x3F, 0x26,
                 0x2A, 0x21, 0x7C, 0x3E, 0x25, 0x40, 0x60, 0x0A, 0x20, 0x5C]


def m_insert_byte(rng, doc, raw, ctx):
    pos = rng.randrange(len(raw) + 1)
    byte = rng.choice(SPECIAL_BYTES) if rng.random() < 0.8 else rng.randrange(256)
    line = raw[:pos].count(b"\n") + 1
    return raw[:pos] + bytes([byte]) + raw[pos:], f"byte 0x{byte:02X} inserted at {pos} (line {line})"


def m_swap_lines(rng, doc, raw, ctx):
    pool = doc.code_lines()
    if len(pool) < 2:
        return None
    if rng.random() < 0.5:
        k = rng.randrange(len(pool) - 1)
        i, j = pool[k], pool[k + 1]
    else:
        i, j = sorted(rng.sample(pool, 2))
    lines = list(doc.lines)
    li, lj = lines[i], lines[j]
    nl_i, nl_j = newline_of(li), newline_of(lj)
    lines[i] = lj.rstrip("\r\n") + nl_i
    lines[j] = li.rstrip("\r\n") + (nl_j if lj.endswith(("\n", "\r")) else "")
    return doc.join(lines), f"lines {i + 1} and {j + 1} swapped"


def m_date(rng, doc, raw, ctx):
    sites = [s for s in doc.sites(DATE) if parse_date(s.text)]
    if not sites:
        return None
    s = rng.choice(sites)
    today = doc.today() or ctx.get("today") or datetime.date(2026, 11, 26)
    key = doc.key_of(s) or "item"
    mode = rng.choice(["after-today", "before-started"])
    if mode == "after-today" and key != "today":
        new = today + datetime.timedelta(days=rng.choice([1, 2, 30, 400]))
    else:
        started = None
        # The `started` of the same contract: on this line, or up to 12 lines above.
        for k in range(s.line, max(-1, s.line - 12), -1):
            m = re.search(r"started:[ \t]*(\d{4}-\d{2}-\d{2})", code(doc.lines[k]))
            if m:
                started = parse_date(m.group(1))
                break
        if key == "started" or started is None:
            base = parse_date(s.text) if key == "started" else today
            mode = "before-today" if key != "started" else "started-after-today"
            new = (today + datetime.timedelta(days=rng.choice([1, 10])) if key == "started"
                   else base - datetime.timedelta(days=rng.choice([1, 365, 4000])))
        else:
            new = started - datetime.timedelta(days=rng.choice([1, 7, 400]))
    expect = None
    if key in CONTRACT_DATES:
        expect = Expect(None, None, f"{key} {mode}")
    return (doc.replace(s, new.isoformat()), f"line {s.line + 1}: {key}: {s.text} -> {new} ({mode})",
            expect)


PROB = re.compile(r"(?:[{,][ \t]*|^[ \t]*(?:-[ \t]+)?)p[ \t]*:[ \t]+(?P<v>[-+.\d][\w.+-]*)")
CHOICE = re.compile(r"choice[ \t]*:[ \t]*\{(?P<v>[^}]*)\}")


def m_probability_table(rng, doc, raw, ctx):
    sites = doc.sites(PROB)
    for s in doc.sites(CHOICE):
        for m in re.finditer(r":[ \t]*(?P<p>[-+.\d][\w.+-]*)", s.text):
            sites.append(Site(s.line, s.start + m.start("p"), s.start + m.end("p"), m.group("p")))
    if not sites:
        return None
    s = rng.choice(sites)
    try:
        old = float(s.text)
    except ValueError:
        return None
    how = rng.choice(["+0.01", "-0.01", "+0.1", "+1e-6", "+1e-12", "x10", "0", "1", "/2"])
    new = {"+0.01": old + 0.01, "-0.01": old - 0.01, "+0.1": old + 0.1, "+1e-6": old + 1e-6,
           "+1e-12": old + 1e-12, "x10": old * 10, "0": 0.0, "1": 1.0, "/2": old / 2}[how]
    text = repr(round(new, 15))
    expect = None
    if abs(new - old) > 1e-8:  # beyond the tolerance of 1e-9 on the sum
        expect = Expect(None, None, "a table of p that does not sum to 1")
    return doc.replace(s, text), f"line {s.line + 1}: p {s.text} -> {text} ({how})", expect


REF_VALUE = re.compile(r"(?:^[ \t]*(?:-[ \t]+)?|[{,][ \t]*)(?:id|name|contract|outcomes|strategy|extends)"
                       r"[ \t]*:[ \t]+(?P<v>[^ \t{}\[\],#\n][^{}\[\],#\n]*?)[ \t]*(?=[,}]|$)")
REF_LIST = re.compile(r"(?:accept|extends)[ \t]*:[ \t]*\[(?P<v>[^\]]*)\]")
TABLE_KEY = re.compile(r"^[ \t]{2,}(?P<v>[A-Za-z_][\w-]*)[ \t]*:[ \t]*$")
PATH_REF = re.compile(r"\[(?P<v>[A-Za-z][^\]\[\"]*)\]")


def m_break_reference(rng, doc, raw, ctx):
    sites = doc.sites(REF_VALUE) + doc.sites(PATH_REF)
    for s in doc.sites(REF_LIST):
        for m in re.finditer(r"[^,]+", s.text):
            name = m.group(0).strip()
            if name:
                off = s.start + m.start() + m.group(0).index(name)
                sites.append(Site(s.line, off, off + len(name), name))
    # The names of outcome tables: keys of `outcomes:` alone on their line.
    in_outcomes = None
    for i, l in enumerate(doc.lines):
        c = code(l).rstrip()
        if not c.strip():
            continue
        if re.match(r"^[ \t]*outcomes[ \t]*:[ \t]*$", c):
            in_outcomes = indent_of(c)
            continue
        if in_outcomes is not None:
            if indent_of(c) <= in_outcomes:
                in_outcomes = None
            else:
                m = TABLE_KEY.match(c)
                if m and indent_of(c) == in_outcomes + 2:
                    sites.append(Site(i, m.start("v"), m.end("v"), m.group("v")))
    if not sites:
        return None
    # Prefer a name used more than once: a definition and its reference.
    counts = {}
    for s in sites:
        counts[s.text] = counts.get(s.text, 0) + 1
    shared = [s for s in sites if counts[s.text] > 1]
    s = rng.choice(shared if shared and rng.random() < 0.85 else sites)
    how = rng.choice(["suffix", "typo"])
    if how == "suffix":
        stem, dot, ext = s.text.rpartition(".") if s.text.endswith(".yaml") else (s.text, "", "")
        new = stem + "-old" + dot + ext
    else:
        new = misspell(rng, s.text)
    return doc.replace(s, new), f"line {s.line + 1}: {s.text!r} renamed {new!r}"


KINDS = {
    "delete-line": m_delete_line,
    "duplicate-line": m_duplicate_line,
    "indentation": m_indentation,
    "retype-value": m_retype_value,
    "misspell-key": m_misspell_key,
    "move-key": m_move_key,
    "truncate": m_truncate,
    "insert-byte": m_insert_byte,
    "swap-lines": m_swap_lines,
    "date": m_date,
    "probability-table": m_probability_table,
    "break-reference": m_break_reference,
}


@dataclasses.dataclass
class Mutant:
    scenario: pathlib.Path
    index: int
    kind: str
    detail: str
    data: bytes
    expect: Expect | None = None
    name: str = ""


def make_mutant(scenario: pathlib.Path, raw: bytes, seed: int, index: int, ctx) -> Mutant:
    # Seeded by (seed, scenario, index) alone: mutant 17 is the same whatever --count.
    digest = hashlib.sha256(f"{seed}\0{scenario.name}\0{index}".encode()).digest()
    rng = random.Random(int.from_bytes(digest[:8], "little"))
    text = raw.decode("utf-8", "surrogateescape")
    doc = Doc(text)
    kinds = list(KINDS)
    first = kinds[index % len(kinds)]  # every kind as often as every other
    order = [first] + [k for k in rng.sample(kinds, len(kinds)) if k != first]
    for kind in order:
        result = KINDS[kind](rng, doc, raw, ctx)
        if result is None:
            continue
        data, detail, *rest = result
        if isinstance(data, str):
            data = data.encode("utf-8", "surrogateescape")
        expect = rest[0] if rest else None
        if expect is None or expect.line is None:
            expect = encoding_expect(data) or expect
        return Mutant(scenario, index, kind, detail, data, expect)
    raise RuntimeError(f"{scenario}: no mutation applies")


def encoding_expect(data: bytes) -> Expect | None:
    """docs/limits.md: a NUL byte, a control character or invalid UTF-8 is refused with its
    line; a tab, LF, CRLF and a UTF-8 byte-order mark are fine."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as e:
        return Expect(data[:e.start].count(b"\n") + 1, None, "invalid UTF-8")
    for m in re.finditer(r"[\x00-\x08\x0b-\x1f\x7f]", text):
        c = m.group(0)
        if c == "\r" and text[m.end():m.end() + 1] == "\n":
            continue
        return Expect(text[:m.start()].count("\n") + 1, None,
                      f"the control character U+{ord(c):04X}")
    return None


# --------------------------------------------------------------------------- running

def extends_closure(path: pathlib.Path, seen: set | None = None) -> list[pathlib.Path]:
    """The files `path` extends, directly or not (relative to its folder)."""
    seen = set() if seen is None else seen
    out = []
    try:
        text = path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return out
    m = re.search(r"^extends[ \t]*:[ \t]*[\"']?([^\"'#\n]+?)[\"']?[ \t]*(?:#.*)?$", text, re.M)
    if m:
        base = (path.parent / m.group(1).strip())
        key = base.resolve()
        if key not in seen and base.is_file():
            seen.add(key)
            out.append(base)
            out += extends_closure(base, seen)
    return out


def copy_bases(scenario: pathlib.Path, folder: pathlib.Path) -> list[pathlib.Path]:
    """Copies the files `scenario` extends into `folder`, at the same relative paths."""
    copied = []
    for base in extends_closure(scenario):
        rel = os.path.relpath(base, scenario.parent)
        dest = folder / rel
        if ".." in pathlib.PurePath(rel).parts:
            continue  # outside the scenario's folder: left where it is
        dest.parent.mkdir(parents=True, exist_ok=True)
        if not dest.exists():
            shutil.copyfile(base, dest)
        copied.append(dest)
    return copied


def describe(status: int | None) -> str:
    if status is None:
        return f"no answer within {TIMEOUT:g} s"
    return jssim_check.describe_status(status)


def run(command: list[str]) -> tuple[int | None, str, float]:
    start = time.monotonic()
    proc = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, start_new_session=True)
    try:
        _, err = proc.communicate(timeout=TIMEOUT)
        status = proc.returncode
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        _, err = proc.communicate()
        status = None
    return status, err.decode("utf-8", "replace"), time.monotonic() - start


def only_comments(data: bytes) -> bool:
    text = data.decode("utf-8", "replace").lstrip("\ufeff")
    return all(not code(l).strip() for l in text.splitlines())


def line_counts(path: pathlib.Path, data: bytes, bases: list[pathlib.Path]) -> dict[str, int]:
    def lines(data: bytes) -> int:  # CR alone ends a line too, for YAML
        return len(re.findall(rb"\r\n|\r|\n", data)) + 1
    counts = {str(path): lines(data)}
    for b in bases:
        counts[str(b)] = lines(b.read_bytes())
    return counts


def judge(jssim: str, mutant: Mutant, path: pathlib.Path, bases: list[pathlib.Path],
          out_dir: pathlib.Path) -> tuple[int | None, list[str], str]:
    """Runs check and run on one mutant; returns (check's status, problems, the first
    line check printed on stderr)."""
    problems = []
    shutil.rmtree(out_dir, ignore_errors=True)
    results = {
        "check": run([jssim, "check", str(path)]),
        "run": run([jssim, "run", str(path), "--runs", RUNS, "--threads", "1",
                    "--out", str(out_dir)]),
    }
    counts = line_counts(path, mutant.data, bases)
    located = re.compile(r"^(?P<file>" + "|".join(re.escape(f) for f in counts) +
                         r"):(?P<line>\d+):(?:\d+:)? \S")
    for verb, (status, err, _) in results.items():
        where = f"jssim {verb}"
        if SANITIZER.search(err):
            problems.append(f"{where}: sanitizer report:\n{indent(err)}")
        if status not in (0, 2):
            problems.append(f"{where}: {describe(status)}, expected 0 or 2\n{indent(err)}")
            continue
        if status == 2:
            hits = [m for m in map(located.match, err.splitlines()) if m]
            if not hits:
                if only_comments(mutant.data) and re.search(
                        "^" + re.escape(str(path)) + r": \S", err, re.M):
                    pass  # nothing but comments: no line to name
                else:
                    problems.append(f"{where}: exit status 2 without a `FILE:LINE:` "
                                    f"problem:\n{indent(err)}")
            for m in hits:
                n = int(m.group("line"))
                if not 1 <= n <= counts[m.group("file")]:
                    problems.append(f"{where}: line {n} is not a line of {m.group('file')} "
                                    f"({counts[m.group('file')]} lines):\n{indent(m.string)}")
    check_status, run_status = results["check"][0], results["run"][0]
    expect = mutant.expect
    if expect and check_status == 0:
        problems.append(f"jssim check: exit status 0, but the mutant holds {expect.why}: "
                        f"expected exit status 2" + (f" and a problem on line {expect.line}"
                                                     if expect.line else ""))
    elif expect and check_status == 2 and (expect.line or expect.text):
        err = results["check"][1]
        lines = [m for m in map(located.match, err.splitlines()) if m
                 and m.group("file") == str(path)]
        if expect.line:
            lines = [m for m in lines if int(m.group("line")) == expect.line]
        if expect.text:
            lines = [m for m in lines if expect.text in m.string]
        if not lines:
            want = " ".join(filter(None, [f"on line {expect.line}" if expect.line else "",
                                          f"naming `{expect.text}`" if expect.text else ""]))
            problems.append(f"jssim check: the mutant holds {expect.why}, but no problem "
                            f"{want}:\n{indent(err)}")
    if check_status in (0, 2) and run_status in (0, 2) and check_status != run_status:
        problems.append(f"jssim check: {describe(check_status)} but jssim run: "
                        f"{describe(run_status)}\n{indent(results['run'][1])}")
    if run_status == 0:
        if not (out_dir / "summary.csv").is_file():
            problems.append(f"jssim run: exit status 0 but no {out_dir}/summary.csv")
    elif out_dir.exists() and any(out_dir.iterdir()):
        problems.append(f"jssim run: {describe(run_status)} but wrote into {out_dir}: "
                        f"{sorted(p.name for p in out_dir.iterdir())}")
    first = (results["check"][1].splitlines() or [""])[0]
    return check_status, problems, first


def indent(text: str, limit: int = 12) -> str:
    lines = text.rstrip("\n").splitlines()
    shown = lines[:limit] + ([f"... {len(lines) - limit} more lines"] if len(lines) > limit else [])
    return "\n".join("    | " + l for l in shown)


def main() -> int:
    global TIMEOUT
    parser = jssim_check.arguments(__doc__)
    parser.add_argument("--count", type=int, default=40, help="mutants per scenario (40)")
    parser.add_argument("--seed", type=int, default=1, help="the seed of the mutations (1)")
    parser.add_argument("--jobs", type=int, default=0,
                        help="mutants checked at once (0: one per core)")
    parser.add_argument("--timeout", type=float, default=TIMEOUT,
                        help=f"seconds per command ({TIMEOUT:g})")
    parser.add_argument("--only", type=int, action="append", default=[], metavar="INDEX",
                        help="check only this mutant number (repeatable), to reproduce one")
    parser.add_argument("--keep", action="store_true", help="keep every mutant, not just failures")
    parser.add_argument("--verbose", action="store_true",
                        help="one line per mutant: its outcome, the mutation and the first problem")
    parser.add_argument("scenarios", nargs="+", type=pathlib.Path, help="good scenarios")
    args = parser.parse_args()
    TIMEOUT = args.timeout
    jssim = os.path.abspath(args.jssim) if os.sep in args.jssim else args.jssim

    tmp = args.tmp
    shutil.rmtree(tmp / "mutants", ignore_errors=True)
    shutil.rmtree(tmp / "failures", ignore_errors=True)
    jssim_check.fresh_folder(tmp / "out")

    # Every scenario must load before it is mutated, or its mutants mean nothing.
    for scenario in args.scenarios:
        status, err, _ = run([jssim, "check", str(scenario)])
        if status != 0:
            print(f"{scenario}: the good scenario itself fails jssim check "
                  f"({describe(status)}):\n{indent(err)}", file=sys.stderr)
            return 1

    jobs = []  # (mutant, path, bases)
    for number, scenario in enumerate(args.scenarios):
        raw = scenario.read_bytes()
        folder = tmp / "mutants" / scenario.stem
        if folder.exists():  # two scenarios of the same name in different folders
            folder = tmp / "mutants" / f"{scenario.stem}-{number}"
        folder.mkdir(parents=True, exist_ok=True)
        bases = copy_bases(scenario, folder)
        base_today = None
        for b in extends_closure(scenario):
            d = Doc(b.read_text(encoding="utf-8", errors="replace")).today()
            if d:
                base_today = d
                break
        ctx = {"today": base_today}
        indices = args.only or range(args.count)
        for index in indices:
            mutant = make_mutant(scenario, raw, args.seed, index, ctx)
            mutant.name = f"{scenario.stem}-s{args.seed}-{index:04d}-{mutant.kind}"
            path = folder / f"{mutant.name}.yaml"
            path.write_bytes(mutant.data)
            jobs.append((mutant, path, bases))

    workers = args.jobs or os.cpu_count() or 1
    started = time.monotonic()
    tally: dict[str, dict[str, int]] = {}
    failures = []

    def one(job):
        mutant, path, bases = job
        status, problems, first = judge(jssim, mutant, path, bases, tmp / "out" / mutant.name)
        return job, status, problems, first

    with concurrent.futures.ThreadPoolExecutor(max_workers=workers) as pool:
        for (mutant, path, bases), status, problems, first in pool.map(one, jobs):
            if args.verbose:
                outcome = "FAIL" if problems else f"exit {status}"
                print(f"{outcome}\t{mutant.name}\t{mutant.detail}\t{first}")
            row = tally.setdefault(mutant.kind, {"total": 0, "0": 0, "2": 0, "failed": 0})
            row["total"] += 1
            if problems:
                row["failed"] += 1
                kept = tmp / "failures" / path.name
                kept.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(path, kept)
                copy_bases(mutant.scenario, kept.parent)
                failures.append((mutant, kept, problems))
            elif status in (0, 2):
                row[str(status)] += 1
            if not args.keep:
                path.unlink(missing_ok=True)
                shutil.rmtree(tmp / "out" / mutant.name, ignore_errors=True)

    seconds = time.monotonic() - started
    for mutant, kept, problems in failures:
        print(f"FAIL {mutant.kind}: {mutant.scenario} mutant {mutant.index} (seed {args.seed}): "
              f"{mutant.detail}", file=sys.stderr)
        print(f"  kept as {kept}; again: {sys.argv[0]} --jssim {args.jssim} --tmp {tmp} "
              f"--seed {args.seed} --only {mutant.index} {mutant.scenario}", file=sys.stderr)
        for p in problems:
            print("  " + p.replace("\n", "\n  "), file=sys.stderr)
    total = {"total": 0, "0": 0, "2": 0, "failed": 0}
    print(f"{'kind':<20}{'mutants':>9}{'exit 0':>9}{'exit 2':>9}{'failed':>9}")
    for kind in KINDS:
        row = tally.get(kind, {"total": 0, "0": 0, "2": 0, "failed": 0})
        for k in total:
            total[k] += row[k]
        print(f"{kind:<20}{row['total']:>9}{row['0']:>9}{row['2']:>9}{row['failed']:>9}")
    print(f"{'all':<20}{total['total']:>9}{total['0']:>9}{total['2']:>9}{total['failed']:>9}")
    print(f"{total['total']} mutants of {len(args.scenarios)} scenarios (seed {args.seed}), "
          f"{len(failures)} failures, {seconds:.1f} s")
    if failures:
        print(f"the failing mutants are in {tmp / 'failures'}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
