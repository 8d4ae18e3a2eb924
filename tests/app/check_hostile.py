#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Hostile input and a hostile command line against the real program.

    check_hostile.py --jssim build/release/app/jssim --tmp build/release/tests/tmp/hostile \
        --scenario scenarios/seed-story.yaml [--max-seconds 5] [--max-rss-mb 200]

Generates its inputs at test time into --tmp (a 100 MB file is never
committed): a 100 MB file, /dev/zero, 3.9 MiB of small values, 10,000 levels
of nesting in four forms, alias bombs, binary garbage, invalid UTF-8, UTF-16,
a NUL byte, a 3 MiB key, a 4 MiB number, 90,000 unknown keys, 30,000 contracts, 2,000
strategies scored daily; then bad command lines (--runs 0, -1, abc; --seed -5;
--threads 99999; --out at a file, under a file, in /proc; a directory as the
scenario); `extends` of files that are not scenarios, whose content must never be
quoted; invisible characters in a path and a key (and in the --out folder that run, plan
and sensitivity name when done); refusals whose advice must name only
what drives the cost. Each must end with exit status 2 (never a signal, never 1, the
status of a bug), a message naming the file or the option, within
--max-seconds of wall time and --max-rss-mb of peak memory (measured by
/usr/bin/time), and `jssim run` must create no output.
docs/limits.md documents the limits these probe.
"""
from __future__ import annotations

import os
import pathlib
import random
import resource
import shutil
import signal
import subprocess
import sys
import time

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1] / "support"))
import jssim_check  # noqa: E402


class Case:
    def __init__(self, name: str, args: list[str], fragments: list[str],
                 verbs: tuple[str, ...] = ("check", "run"),
                 absent: tuple[str, ...] = (), present: tuple[str, ...] = (),
                 unsaid: tuple[str, ...] = ()):
        self.name = name
        self.args = args
        self.fragments = fragments
        self.unsaid = unsaid    # texts the message must not hold
        self.verbs = verbs
        self.absent = absent    # paths the refused command must not leave
        self.present = present  # paths (links too) it must not remove


def run_measured(command: list[str], timeout: float) -> tuple[int, str, str, float, float]:
    """Runs `command`; returns (status, stdout, stderr, seconds, peak RSS in MB), a negative
    status being the signal that ended it.

    The peak comes from /usr/bin/time, which forks the command from its own small image.
    Without it, from getrusage(RUSAGE_CHILDREN), which Linux makes the largest of every child
    so far, counting the pages each shared with this Python before exec: an upper bound."""
    rss_file = TMP / "rss"
    timed = pathlib.Path("/usr/bin/time").exists()
    argv = ["/usr/bin/time", "-f", "%M %x", "-o", str(rss_file), *command] if timed else command
    start = time.monotonic()
    with open(os.devnull, "rb") as devnull, \
            open(TMP / "stdout", "w+b") as out, open(TMP / "stderr", "w+b") as err:
        # A session of its own, so that a hang is killed with /usr/bin/time's child.
        proc = subprocess.Popen(argv, stdin=devnull, stdout=out, stderr=err,
                                start_new_session=True)
        try:
            proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
        seconds = time.monotonic() - start
        status = proc.returncode
        rss = 0.0
        if timed and rss_file.exists():
            # `%M %x`, after "Command terminated by signal N" when a signal ended it.
            lines = rss_file.read_text().split("\n")
            last = [l for l in lines if l.strip()][-1].split()
            rss = int(last[0]) / 1024.0
            for line in lines:
                if line.startswith("Command terminated by signal"):
                    status = -int(line.split()[-1])
        else:
            rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024.0
        out.seek(0)
        err.seek(0)
        return (status, out.read().decode("utf-8", "replace"),
                err.read().decode("utf-8", "replace"), seconds, rss)


TMP = pathlib.Path(".")


def write(name: str, data: bytes | str) -> str:
    path = TMP / name
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return str(path)


def nested_flow_sequence(depth: int) -> str:
    return "freelancer: " + "[" * depth + "]" * depth + "\n"


def nested_flow_mapping(depth: int) -> str:
    return "freelancer: " + "{a: " * depth + "1" + "}" * depth + "\n"


def nested_block_mapping(depth: int) -> str:
    # Each level one space deeper than the last: 10,000 levels would be 50 MB of
    # indentation, refused by its size; 2,500 levels fit in 3.2 MB.
    return "".join(" " * i + f"k{i}:\n" for i in range(depth)) + " " * depth + "x\n"


def nested_block_sequence(depth: int) -> str:
    # `- - - - x`: compact nested sequences on one line.
    return "history:\n  " + "- " * depth + "x\n"


def alias_bomb(levels: int, width: int) -> str:
    lines = ["a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    for i in range(1, levels):
        lines.append(f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * width) + "]")
    return "\n".join(lines) + "\n"


def scenario_cases(seed_story: str) -> list[Case]:
    cases = []
    # 100 MB: refused by its size before a byte is read.
    path = TMP / "huge.yaml"
    with open(path, "wb") as f:
        f.write(seed_story.encode())
        chunk = ("# " + "x" * 1021 + "\n").encode() * 1024  # 1 MiB of comments
        for _ in range(100):
            f.write(chunk)
    cases.append(Case("a 100 MB file", [str(path)], [str(path), "MiB"]))
    # A device with no end: read up to the limit, then refused.
    cases.append(Case("/dev/zero as the scenario", ["/dev/zero"], ["/dev/zero"]))
    # Just under the size limit, all values: refused by the count of values.
    many = "history:\n" + "".join(f"  - [{i}, {i}, {i}, {i}, {i}]\n" for i in range(120_000))
    cases.append(Case("3.9 MiB of small values", [write("many-values.yaml", many[:4_000_000]
                                                         .rpartition("\n")[0] + "\n")],
                      ["many-values.yaml", "more than 200000 values"]))
    for depth, name, text in [(10_000, "flow sequences", nested_flow_sequence(10_000)),
                              (10_000, "flow mappings", nested_flow_mapping(10_000)),
                              (2_500, "block mappings", nested_block_mapping(2_500)),
                              (10_000, "block sequences", nested_block_sequence(10_000))]:
        p = write(f"nested-{name.replace(' ', '-')}.yaml", text)
        cases.append(Case(f"{depth:,} levels of {name}", [p], [p, "levels deep"]))
    p = write("alias-bomb.yaml", alias_bomb(10, 10))
    cases.append(Case("an alias bomb (10^10 values)", [p], [p, "alias bomb"]))
    p = write("alias-bomb-wide.yaml", alias_bomb(4, 2000))
    cases.append(Case("a wide alias bomb (8 x 10^9 values)", [p], [p, "alias bomb"]))
    rng = random.Random(20261126)
    p = write("garbage.yaml", bytes(rng.getrandbits(8) for _ in range(1 << 16)))
    cases.append(Case("64 KiB of binary garbage", [p], [p]))
    p = write("garbage-ascii.yaml", "".join(
        rng.choice("{}[]:-,&*!|>'\"#% \n\tabc123") for _ in range(1 << 16)))
    cases.append(Case("64 KiB of YAML punctuation", [p], [p]))
    p = write("latin1.yaml", seed_story.replace("Katarina", "Katar\u00edna").encode("latin-1"))
    cases.append(Case("a Latin-1 name (invalid UTF-8)", [p], [p + ":", "UTF-8"]))
    p = write("overlong.yaml", seed_story.encode().replace(b"Katarina", b"Kat\xc0\xafrina"))
    cases.append(Case("an overlong UTF-8 sequence", [p], [p + ":", "UTF-8"]))
    p = write("surrogate.yaml", seed_story.encode().replace(b"Katarina", b"Kat\xed\xa0\x80rina"))
    cases.append(Case("an encoded surrogate", [p], [p + ":", "UTF-8"]))
    p = write("truncated.yaml", seed_story.encode() + b"# \xe2\x82")
    cases.append(Case("a truncated UTF-8 sequence at the end", [p], [p + ":", "UTF-8"]))
    p = write("utf16.yaml", seed_story.encode("utf-16"))
    cases.append(Case("a UTF-16 file", [p], [p + ":1:1:", "UTF-16"]))
    p = write("nul.yaml", seed_story.replace("Katarina", "Kata\0rina"))
    cases.append(Case("a NUL byte", [p], [p + ":", "NUL"]))
    p = write("long-key.yaml", seed_story.replace("  today:", "  " + "k" * (3 << 20) + ": 1\n  today:"))
    cases.append(Case("a 3 MiB key", [p], [p + ":", "YAML syntax error"]))
    # Just under the size limit, one plain scalar: yaml-cpp's scanner is slowest on those.
    digits = (4 << 20) - len(seed_story.encode()) - 100
    p = write("long-bad-value.yaml", seed_story.replace("runs: 10000", "runs: " + "9" * digits))
    cases.append(Case("a 4 MiB number", [p], [p + ":", "simulation.runs"]))
    keys = seed_story + "".join(f"junk{i}: {i}\n" for i in range(90_000))
    p = write("many-keys.yaml", keys)
    cases.append(Case("90,000 unknown keys", [p], [p, "more problems not shown"]))
    contracts = seed_story.replace("history:\n", "history:\n" + "".join(
        f"  - {{id: c{i}, client: x{i}, started: 2026-01-0{1 + i % 9}}}\n" for i in range(30_000)))
    p = write("many-contracts.yaml", contracts)
    cases.append(Case("30,000 contracts (close to the limit of values)", [p], [p]))
    # Valid YAML, but 2,000 strategies scored daily for 10 years: the tallies alone would
    # take 20 GB. `run` must refuse it before allocating, and `check` with it: check agrees
    # with run.
    strategies = "strategies:\n" + "".join(f"  - {{name: s{i}}}\n" for i in range(2000))
    start, end = seed_story.index("strategies:"), seed_story.index("simulation:")
    p = write("many-strategies.yaml", seed_story[:start] + strategies +
              "score: {recalc_every_days: 1}\nsimulation:\n  horizon_months: 120\n")
    cases.append(Case("2,000 strategies scored daily for 10 years", [p], ["memory"]))
    # `extends` of a file that is not a scenario: refused, and nothing of it is quoted (a
    # coach or a CI job running someone else's scenario must not print its secrets).
    secret = write("secret.yaml", "password: hunter2\ntoken: s3cr3t-t0ken\n")
    passwd = write("passwd-like.yaml", "root:x:0:0:root:/root:/bin/bash\n")
    listed = write("listed.yaml", "- hunter2\n- s3cr3t-t0ken\n")
    garbage = write("garbage-base.yaml", "hunter2: [unclosed\n")
    for base, why in [(secret, "none of its top-level keys is a scenario's"),
                      (passwd, "not a scenario"), (listed, "not a scenario"),
                      (garbage, garbage),
                      ("/etc/passwd", "a file named .yaml or .yml"),
                      ("/etc/shadow", "a file named .yaml or .yml")]:
        p = write(f"extends-{pathlib.Path(base).stem}.yaml", f"extends: {base}\n" + seed_story)
        cases.append(Case(f"extends: {base}", [p], [why],
                          unsaid=("hunter2", "s3cr3t", "root:x", "/bin/bash")))
    # What does not show is written <U+XXXX> in a path, never raw: a right-to-left override
    # would reverse the rest of the terminal's line.
    p = str(TMP / "bidi\u202etxt.yaml")
    cases.append(Case("a path holding a right-to-left override", [p],
                      ["bidi<U+202E>txt.yaml"], unsaid=("\u202e",)))
    p = write("zero-width-key.yaml", seed_story.replace("  seed: 1", "  seed\u200b: 1"))
    cases.append(Case("a key holding a zero-width space", [p],
                      ["seed<U+200B>: unknown key; did you mean `seed`?"], unsaid=("\u200b",)))
    # Fifteen hidden private ratings (4^15 combinations) and a score none of them shows:
    # `run` refuses it before any run, as `check` does (53 %, which about 1 draw in 3,500
    # shows, is found by the search and runs). Nothing must be left of an output folder.
    hidden = "".join(
        f"  - {{id: c{i}, client: cl{i}, type: fixed, started: 2026-{1 + i % 12:02d}-01, "
        f"ended: 2026-{1 + i % 12:02d}-10, earned: 500, last_paid: 2026-{1 + i % 12:02d}-10, "
        f"stars: 5.0, private: unknown}}\n" for i in range(15))
    p = write("rare-observed.yaml", (
        "freelancer: {name: Min, today: 2026-12-26}\nhistory:\n" + hidden +
        "observed: {jss: 52}\npipeline:\n  proposals_per_week: 8\n  jobs:\n"
        "    - {name: quick, win_rate: 0.1, type: fixed, duration_days: 5, value_usd: 100}\n"
        "  outcomes:\n    good:\n      - {p: 0.97, stars: 5.0, private: 10}\n"
        "      - {p: 0.01, stars: 5.0, private: 8}\n      - {p: 0.01, stars: 5.0, private: 6}\n"
        "      - {p: 0.01, stars: 5.0, private: 2}\nsimulation: {runs: 100}\n"))
    cases.append(Case("an observed score no combination of many hidden ratings gives", [p],
                      [p + ":", "observed.jss", "no combination"], ("run",)))
    return cases


def command_line_cases(seed: str) -> list[Case]:
    a_file = write("a-file.txt", "not a directory\n")
    dangling = str(TMP / "dangling")
    os.symlink("nowhere/target", dangling)
    cases = [
        Case("--runs 0", ["--runs", "0"], ["--runs"]),
        Case("--runs -1", ["--runs", "-1"], ["--runs"]),
        Case("--runs abc", ["--runs", "abc"], ["--runs"]),
        Case("--runs 1e99", ["--runs", "1e99"], ["--runs"]),
        Case("--runs 18446744073709551616", ["--runs", "18446744073709551616"], ["--runs"]),
        Case("--runs beyond the limit", ["--runs", "100000001"], ["--runs"]),
        Case("--seed -5", ["--seed", "-5"], ["--seed"]),
        Case("--threads 99999", ["--threads", "99999"], ["--threads"]),
        Case("--threads -1", ["--threads", "-1"], ["--threads"]),
        Case("--out at a file", ["--out", a_file], ["jssim run: --out", a_file]),
        Case("--out under a file", ["--out", a_file + "/out"], [a_file]),
        Case("--out in /proc", ["--out", "/proc/jssim-no-such-dir/out"], ["/proc/jssim-no-such-dir"]),
        Case("an unknown option", ["--rusn", "5"], ["--rusn"]),
        Case("--out ''", ["--out", ""], ["--out", "empty path"]),
        # The folder checked is the folder written: through a file and back is refused
        # before a million runs (the time limit fails a refusal after them), and makes
        # nothing.
        Case("--out through a file and ..",
             ["--runs", "1000000", "--out", a_file + "/../made"], [a_file],
             absent=(str(TMP / "made"),)),
        # A dangling symbolic link is not a folder the command made: it stays.
        Case("--out at a dangling symbolic link", ["--out", dangling], [dangling],
             present=(dangling,)),
        # A name too long for the file system, two levels under a new folder: refused,
        # and the new folder goes again.
        Case("--out under a name too long", ["--out", str(TMP / "new" / ("x" * 300) / "c")],
             ["File name too long"], absent=(str(TMP / "new"),)),
    ]
    for c in cases:
        c.args = [seed, *c.args]
    cases.append(Case("a directory as the scenario", [str(TMP)], [str(TMP), "directory"]))
    cases.append(Case("a missing scenario", [str(TMP / "no-such.yaml")], ["no-such.yaml"]))
    # A refusal's advice names what drives the cost, and only the levers the scenario has.
    story = pathlib.Path(seed).read_text(encoding="utf-8")
    start, end = story.index("strategies:"), story.index("simulation:")
    one = write("one-strategy.yaml", story[:start] + "strategies:\n  - name: wait\n" +
                story[end:].replace("horizon_months: 24", "horizon_months: 120"))
    cases.append(Case("10^8 runs of one strategy", [one, "--runs", "100000000", "--threads", "1"],
                      ["fewer runs", "simulation.horizon_months"], unsaid=("strategies",)))
    month = write("one-month.yaml", story.replace("horizon_months: 24", "horizon_months: 1"))
    cases.append(Case("--per-run records of 4 x 10^7 runs",
                      [month, "--runs", "40000000", "--per-run", "--threads", "1"],
                      ["--per-run's records", "leave out --per-run", "fewer --runs"],
                      unsaid=("recalc_every_days", "horizon_months", "--threads")))
    return cases


def main() -> int:
    global TMP
    parser = jssim_check.arguments(__doc__, scenario=True)
    parser.add_argument("--max-seconds", type=float, default=5.0)
    parser.add_argument("--max-rss-mb", type=float, default=200.0)
    args = parser.parse_args()
    TMP = jssim_check.fresh_folder(args.tmp)
    seed_story = args.scenario.read_text(encoding="utf-8")
    seed = write("seed.yaml", seed_story)

    failures = []
    checked = 0

    def expect(case: Case, verb: str, extra: list[str]) -> None:
        nonlocal checked
        checked += 1
        command = [args.jssim, verb, *case.args, *extra]
        status, _, err, seconds, rss = run_measured(command, timeout=max(30.0, args.max_seconds))
        where = f"{case.name}: jssim {verb}"
        if status < 0:
            failures.append(f"{where}: {jssim_check.describe_status(status)}\n{err[-2000:]}")
            return
        if status != 2:
            failures.append(f"{where}: exit status {status}, expected 2\n{err[-2000:]}")
        for fragment in case.fragments:
            if fragment not in err:
                failures.append(f"{where}: expected `{fragment[:80]}` in the message:\n"
                                f"{err[:2000]}")
        for text in case.unsaid:
            if text in err:
                failures.append(f"{where}: `{text}` must not be in the message:\n{err[:2000]}")
        if len(err) > 64 * 1024:
            failures.append(f"{where}: {len(err)} bytes of messages; they must stay readable")
        if "internal error" in err:
            failures.append(f"{where}: an internal error:\n{err[:2000]}")
        if seconds > args.max_seconds:
            failures.append(f"{where}: took {seconds:.2f} s (limit {args.max_seconds} s)")
        if rss > args.max_rss_mb:
            failures.append(f"{where}: peak RSS {rss:.0f} MB (limit {args.max_rss_mb} MB)")
        print(f"{where}: status {status}, {seconds:.2f} s, {rss:.0f} MB")

    for case in scenario_cases(seed_story):
        if "check" in case.verbs:
            expect(case, "check", [])
        out = TMP / "out-of-bad-run"
        expect(case, "run", ["--runs", "10", "--threads", "1", "--out", str(out)])
        if out.exists():
            failures.append(f"{case.name}: jssim run created {out}")
            shutil.rmtree(out)
    for case in command_line_cases(seed):
        out = TMP / "out-of-bad-command"
        extra = [] if "--out" in case.args else ["--out", str(out)]
        expect(case, "run", extra)
        if out.exists():
            failures.append(f"{case.name}: jssim run created {out}")
            shutil.rmtree(out)
        for path in case.absent:
            if os.path.lexists(path):
                failures.append(f"{case.name}: jssim run left {path}")
        for path in case.present:
            if not os.path.lexists(path):
                failures.append(f"{case.name}: jssim run removed {path}")
    # A path's invisible characters are written <U+XXXX> in every message, the lines
    # that say where the files went included (plan printed its folder raw once).
    scenarios = args.scenario.parent
    out = TMP / "out\u202ebidi"
    for verb, scenario, extra in (
            ("run", args.scenario, ["--runs", "10"]),
            ("plan", scenarios / "seed-story-plan.yaml", ["--runs-max", "20"]),
            ("sensitivity", scenarios / "seed-story-sensitivity.yaml", ["--runs", "10"])):
        checked += 1
        done = jssim_check.run([args.jssim, verb, str(scenario), *extra, "--threads", "1",
                                "--out", str(out)], timeout=120)
        said = done.stdout + done.stderr
        if done.returncode != 0 or "out<U+202E>bidi" not in said or "\u202e" in said:
            failures.append(f"jssim {verb} --out {ascii(str(out))}: status {done.returncode}, expected 0 "
                            f"and the folder written out<U+202E>bidi, never raw:\n{said[-2000:]}")
        shutil.rmtree(out, ignore_errors=True)
    (TMP / "huge.yaml").unlink()  # 100 MB: not left in the build tree

    return jssim_check.report(failures, f"{checked} hostile invocations, {len(failures)} failures")


if __name__ == "__main__":
    sys.exit(main())
