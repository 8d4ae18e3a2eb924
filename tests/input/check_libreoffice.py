#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""What LibreOffice Calc itself writes as CSV reads back exactly through `jssim init`.

    check_libreoffice.py --jssim build/release/app/jssim --tmp /tmp/libreoffice

Writes a flat spreadsheet (.fods) of contracts (ISO-formatted date cells, decimals, a
boolean, names with accents, commas and quotes), converts it with headless LibreOffice

- in English (en-US): `,` separated, `.` decimals, TRUE/FALSE;
- in German (de-DE, set in the LibreOffice profile): `;` separated, decimal commas,
  WAHR/FALSCH;

runs `jssim init` on each CSV and requires that the history it writes holds exactly the
sheet's values. A third sheet has its dates in the US format (05/25/26): init must refuse it with
exit 2 and the advice on ISO dates. Each conversion has a LibreOffice
profile of its own under --tmp, so parallel tests do not collide. soffice missing is a
failure, not a skip: the test would vanish unseen (scripts/install-deps installs
libreoffice-calc-nogui).
"""
from __future__ import annotations

import datetime
import html
import pathlib
import shutil
import subprocess
import sys

import yaml

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1] / "support"))
import jssim_check  # noqa: E402

TODAY = "2026-11-26"

# (id, client, type, started, ended, earned, last_paid, stars, private, paused)
CONTRACTS = [
    ("logo", "Acme Studio", "fixed", "2026-05-25", "2026-06-12", 1500.5, "2026-06-12", 4.5, 10,
     False),
    ('intro "short", v2', "Zo\u00eb Caf\u00e9, Ltd.", "fixed", "2026-06-15", "2026-07-10",
     1200, "2026-07-10", 5.0, 9, False),
    ("stimme", "M\u00fcller & S\u00f6hne", "hourly", "2026-06-20", "2026-08-14", 12345.75,
     "2026-08-14", 3.5, 7, False),
    ("audiobook", "Echo B\u00fccher", "fixed", "2026-07-01", None, 0, None, None, None, True),
]
HEADER = ["id", "client", "type", "started", "ended", "earned", "last_paid", "stars", "private",
          "paused"]

FODS_HEAD = """<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
 xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0"
 xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"
 xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"
 xmlns:number="urn:oasis:names:tc:opendocument:xmlns:datastyle:1.0"
 xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"
 office:version="1.2" office:mimetype="application/vnd.oasis.opendocument.spreadsheet">
 <office:automatic-styles>
  <number:date-style style:name="iso">
   <number:year number:style="long"/><number:text>-</number:text>
   <number:month number:style="long"/><number:text>-</number:text>
   <number:day number:style="long"/>
  </number:date-style>
  <number:date-style style:name="us">
   <number:month/><number:text>/</number:text><number:day/><number:text>/</number:text>
   <number:year/>
  </number:date-style>
  <number:boolean-style style:name="yesno"><number:boolean/></number:boolean-style>
  <style:style style:name="isodate" style:family="table-cell" style:data-style-name="iso"/>
  <style:style style:name="usdate" style:family="table-cell" style:data-style-name="us"/>
  <style:style style:name="boolean" style:family="table-cell" style:data-style-name="yesno"/>
 </office:automatic-styles>
 <office:body><office:spreadsheet><table:table table:name="contracts">
"""
FODS_TAIL = "</table:table></office:spreadsheet></office:body></office:document>\n"


def text_cell(text: str) -> str:
    return (f'<table:table-cell office:value-type="string"><text:p>{html.escape(text)}</text:p>'
            "</table:table-cell>")


def fods(iso_dates: bool) -> str:
    rows = ["<table:table-row>" + "".join(text_cell(h) for h in HEADER) + "</table:table-row>"]
    for c in CONTRACTS:
        cells = []
        for key, value in zip(HEADER, c):
            if value is None:
                cells.append("<table:table-cell/>")
            elif key in ("started", "ended", "last_paid"):
                style = f' table:style-name="{"isodate" if iso_dates else "usdate"}"'
                cells.append(f'<table:table-cell{style} office:value-type="date" '
                             f'office:date-value="{value}"/>')
            elif isinstance(value, bool):
                cells.append(f'<table:table-cell table:style-name="boolean" '
                             f'office:value-type="boolean" '
                             f'office:boolean-value="{"true" if value else "false"}"/>')
            elif isinstance(value, (int, float)):
                cells.append(f'<table:table-cell office:value-type="float" '
                             f'office:value="{value}"/>')
            else:
                cells.append(text_cell(value))
        rows.append("<table:table-row>" + "".join(cells) + "</table:table-row>")
    return FODS_HEAD + "\n".join(rows) + "\n" + FODS_TAIL


def profile(folder: pathlib.Path, locale: str) -> str:
    user = folder / "profile" / "user"
    user.mkdir(parents=True, exist_ok=True)
    (user / "registrymodifications.xcu").write_text(f"""<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry"
 xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Setup/L10N"><prop oor:name="ooSetupSystemLocale" oor:op="fuse"><value>{locale}</value></prop></item>
<item oor:path="/org.openoffice.Setup/L10N"><prop oor:name="ooLocale" oor:op="fuse"><value>{locale}</value></prop></item>
</oor:items>
""")
    return (folder / "profile").resolve().as_uri()


def convert(soffice: str, folder: pathlib.Path, locale: str, separator: int,
            sheets: dict[str, bool]) -> dict[str, pathlib.Path]:
    """Converts one .fods per name (True: ISO date cells) in one LibreOffice start."""
    paths = []
    for name, iso_dates in sheets.items():
        paths.append(folder / f"{name}.fods")
        paths[-1].write_text(fods(iso_dates), encoding="utf-8")
    # Separator, text delimiter ("), UTF-8 (76), first line 1, no cell formats, language 0
    # (the profile's), quoted fields as text off, save cell contents as shown.
    options = f"{separator},34,76,1,,0,false,true"
    command = [soffice, f"-env:UserInstallation={profile(folder, locale)}", "--headless",
               "--convert-to", f"csv:Text - txt - csv (StarCalc):{options}",
               "--outdir", str(folder), *map(str, paths)]
    done = jssim_check.run(command, timeout=300)
    csvs = {name: folder / f"{name}.csv" for name in sheets}
    if done.returncode != 0 or not all(p.exists() for p in csvs.values()):
        raise RuntimeError(f"soffice failed ({done.returncode}):\n{done.stdout}{done.stderr}")
    return csvs


def expected_history() -> list[dict]:
    out = []
    for c in CONTRACTS:
        entry = dict(zip(HEADER, c))
        out.append({k: v for k, v in entry.items() if v is not None})
    return out


def as_read(h: dict) -> dict:
    """A history entry of init's YAML in the sheet's terms."""
    out = {}
    for key in HEADER:
        if key not in h:
            continue
        value = h[key]
        if isinstance(value, datetime.date):
            value = value.isoformat()
        out[key] = value
    return out


def compare(csv: pathlib.Path, jssim: str, folder: pathlib.Path, what: str) -> list[str]:
    out = folder / "scenario.yaml"
    done = jssim_check.run([jssim, "init", "--history", str(csv), "--out", str(out),
                            "--today", TODAY])
    if done.returncode != 0:
        return [f"{what}: jssim init exited {done.returncode}:\n{done.stderr}\n--- the CSV:\n"
                f"{csv.read_text(encoding='utf-8', errors='replace')}"]
    history = yaml.safe_load(out.read_text(encoding="utf-8"))["history"]
    failures = []
    for want, got in zip(expected_history(), history):
        got = as_read(got)
        for key, value in want.items():
            if key == "paused" and value is False:
                if got.get("paused", False) is not False:
                    failures.append(f"{what}: {want['id']}: paused: expected false, got "
                                    f"{got.get('paused')}")
                continue
            if key == "earned" and value == 0:
                continue
            if got.get(key) != value:
                failures.append(f"{what}: {want['id']}: {key}: expected {value!r}, got "
                                f"{got.get(key)!r}\n--- the CSV:\n"
                                f"{csv.read_text(encoding='utf-8', errors='replace')}")
    if len(history) != len(CONTRACTS):
        failures.append(f"{what}: expected {len(CONTRACTS)} contracts, got {len(history)}")
    return failures


def main() -> int:
    parser = jssim_check.arguments(__doc__)
    parser.add_argument("--soffice", default=shutil.which("soffice") or "")
    args = parser.parse_args()
    if not args.soffice:
        print("soffice not found: install libreoffice-calc-nogui (scripts/install-deps)",
              file=sys.stderr)
        return 1
    failures = []
    for what, locale, separator, expect_separator in (("English", "en-US", 44, ","),
                                                      ("German", "de-DE", 59, ";")):
        folder = jssim_check.fresh_folder(args.tmp / what)
        sheets = {"contracts": True}
        if what == "English":
            sheets["local-dates"] = False
        try:
            csvs = convert(args.soffice, folder, locale, separator, sheets)
        except (RuntimeError, subprocess.TimeoutExpired) as e:
            failures.append(f"{what}: {e}")
            continue
        csv = csvs["contracts"]
        text = csv.read_text(encoding="utf-8")
        if expect_separator not in text.splitlines()[0]:
            failures.append(f"{what}: expected `{expect_separator}` in the header:\n{text}")
        for shown in ({"English": ("1500.5", "TRUE"), "German": ("1500,5", "WAHR")}[what]):
            if shown not in text:
                failures.append(f"{what}: expected `{shown}` in what LibreOffice wrote:\n{text}")
        failures += compare(csv, args.jssim, folder, what)
        if "local-dates" not in csvs:
            continue
        # Dates in the sheet's US format (05/25/26): refused, with the advice.
        local = csvs["local-dates"]
        done = jssim_check.run([args.jssim, "init", "--history", str(local), "--out",
                                str(folder / "s.yaml"), "--today", TODAY])
        if (done.returncode != 2 or "YYYY-MM-DD" not in done.stderr or
                "Format > Cells" not in done.stderr or (folder / "s.yaml").exists()):
            failures.append(f"local dates: expected exit 2 with the ISO advice, got "
                            f"{done.returncode}:\n{done.stderr}\n--- the CSV:\n"
                            f"{local.read_text(encoding='utf-8', errors='replace')}")
    return jssim_check.report(failures, "3 sheets converted by LibreOffice, "
                                        f"{len(failures)} failures")


if __name__ == "__main__":
    sys.exit(main())
