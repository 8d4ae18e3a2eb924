#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""report.html and the charts as a browser shows them: headless Chromium opens the
pages `jssim run`, `jssim sensitivity` and `jssim plan` write, at a desktop and a phone
width, and prints them to PDF.

    check_report.py --jssim build/app/jssim --tmp /tmp/report \
        --run scenarios/seed-story.yaml [--run MORE.yaml ...] \
        [--measure tests/app/twelve-strategies.yaml ...] \
        [--sensitivity tests/app/sensitivity-long-paths.yaml ...] \
        [--plan scenarios/seed-story-plan.yaml ...]

For each page it checks:
- it is self-contained (no script, linked style, font or image, no URL but the SVG
  namespace) and renders: screenshots at 1280 and 390 px wide are PNG files of that
  width with more than one colour;
- its text, as the browser lays it out, holds every strategy (studied parameter, plan) and
  every non-empty cell of summary.csv and compare.csv (tornado.csv, plan.csv), as written;
- at both widths no element runs past the right edge of the page, unless a box that
  scrolls (or clips) holds it, and the page does not scroll sideways;
- in each inline chart no two texts overlap, measured with the browser's own getBBox();
- printed, the PDF has A4 pages (pdfinfo, from poppler-utils).

The measurements come from a copy of the page with a script added at its end that
writes them into the DOM, read back with --dump-dom. Chromium missing is a failure, not
a skip: scripts/install-deps installs it. Exits 1 with every problem found.
"""
import csv
import json
import re
import shutil
import sys
import zlib
from pathlib import Path

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "support"))
import jssim_check  # noqa: E402

DESKTOP = 1280
PHONE = 390

# Runs in the browser once the page has been laid out in two frames, one as wide as a
# desktop's window and one as a phone's (Chromium's headless window is at least 500 px
# wide; a frame has the viewport it is given, and its media queries follow); writes its
# findings, as JSON, into <pre id="measurements">.
MEASURE = r"""
<script>
function measure(frame) {
  const win = frame.contentWindow, doc = frame.contentDocument;
  const found = {width: win.innerWidth, scroll_width: doc.documentElement.scrollWidth,
                 overflowing: [], overlaps: [], texts: 0, text: doc.body.innerText};
  const clipsX = (el) => ['auto', 'scroll', 'hidden', 'clip'].includes(
      win.getComputedStyle(el).overflowX);
  const describe = (el) => el.tagName.toLowerCase() +
      (typeof el.className === 'string' && el.className ? '.' + el.className : '') +
      ': ' + (el.textContent || '').trim().slice(0, 60);
  for (const el of doc.body.querySelectorAll('*')) {
    const r = el.getBoundingClientRect();
    if (r.width === 0 && r.height === 0) continue;
    if (r.right <= win.innerWidth + 1 && r.left >= -1) continue;
    // Held by a box that scrolls or clips (an SVG clips too), itself within the page.
    let held = false;
    for (let a = el.parentElement; a && a !== doc.body && !held; a = a.parentElement) {
      if (clipsX(a)) {
        const ar = a.getBoundingClientRect();
        held = ar.right <= win.innerWidth + 1 && ar.left >= -1;
      }
    }
    if (!held) found.overflowing.push(describe(el) + ' [' + Math.round(r.left) + ', ' +
                                      Math.round(r.right) + ']');
  }
  doc.querySelectorAll('svg').forEach((svg, index) => {
    const boxes = [];
    svg.querySelectorAll('text').forEach((t) => {
      if (!t.textContent.trim()) return;
      const b = t.getBBox();
      // In the chart's own units; the rotated axis title is left out.
      boxes.push({text: t.textContent, x0: b.x, x1: b.x + b.width, y0: b.y, y1: b.y + b.height,
                  transformed: t.hasAttribute('transform')});
    });
    found.texts += boxes.length;
    const vb = svg.viewBox.baseVal;
    for (const b of boxes) {
      if (b.transformed) continue;
      if (b.x0 < -0.5 || b.x1 > vb.width + 0.5 || b.y0 < -0.5 || b.y1 > vb.height + 0.5) {
        found.overlaps.push('chart ' + index + ': "' + b.text + '" leaves the chart');
      }
    }
    for (let i = 0; i < boxes.length; ++i) {
      for (let j = i + 1; j < boxes.length; ++j) {
        const a = boxes[i], b = boxes[j];
        if (a.transformed || b.transformed) continue;
        // Glyph boxes include the line's leading: a pixel or two of it may touch.
        const w = Math.min(a.x1, b.x1) - Math.max(a.x0, b.x0);
        const h = Math.min(a.y1, b.y1) - Math.max(a.y0, b.y0);
        if (w > 1 && h > 2) {
          found.overlaps.push('chart ' + index + ': "' + a.text + '" and "' + b.text + '"');
        }
      }
    }
  });
  return found;
}
window.addEventListener('load', () => {
  const all = {};
  document.querySelectorAll('iframe').forEach((f) => { all[f.width] = measure(f); });
  const pre = document.createElement('pre');
  pre.id = 'measurements';
  pre.textContent = JSON.stringify(all);
  document.body.appendChild(pre);
});
</script>
"""


def measuring_page(html):
    """A page that shows `html` in a desktop-wide and a phone-wide frame and measures both."""
    escaped = html.replace("&", "&amp;").replace('"', "&quot;")
    frames = "".join(f'<iframe width="{w}" height="1800" srcdoc="{escaped}"></iframe>'
                     for w in (DESKTOP, PHONE))
    return f"<!DOCTYPE html><html><body>{frames}{MEASURE}</body></html>"


class Checks:
    def __init__(self):
        self.problems = []

    def expect(self, condition, message):
        if not condition:
            self.problems.append(message)
        return condition


def chromium_binary():
    for name in ("chromium", "chromium-browser", "google-chrome"):
        path = shutil.which(name)
        if path:
            return path
    return None


def browser(chromium, profile, *args, timeout=120):
    command = [chromium, "--headless=new", "--no-sandbox", "--disable-gpu",
               "--hide-scrollbars", "--no-first-run", "--disable-extensions",
               f"--user-data-dir={profile}", *args]
    return jssim_check.run(command, timeout=timeout)


def png_facts(path):
    """(width, height, distinct byte values in the image data) of a PNG file."""
    data = path.read_bytes()
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        return None
    width = int.from_bytes(data[16:20], "big")
    height = int.from_bytes(data[20:24], "big")
    idat = b""
    at = 8
    while at < len(data):
        length = int.from_bytes(data[at:at + 4], "big")
        kind = data[at + 4:at + 8]
        if kind == b"IDAT":
            idat += data[at + 8:at + 8 + length]
        at += 12 + length
    pixels = zlib.decompress(idat)
    return width, height, len(set(pixels[: 4 * 1024 * 1024]))


def csv_cells(path):
    with open(path, newline="", encoding="utf-8") as f:
        rows = list(csv.reader(f))
    return [cell for row in rows[1:] for cell in row if cell]


def check_page(args, checks, chromium, page, names, csv_files, label, measure_only=False,
               charts=True):
    html = page.read_text(encoding="utf-8")
    # Self-contained: the only URL is the SVG namespace.
    for pattern, what in ((r"<script", "a script"), (r"<link", "a linked file"),
                          (r"<img", "an image"), (r"\bsrc=", "a src attribute"),
                          (r"@import", "an imported style"), (r"url\(", "a url()"),
                          (r"@font-face", "a font")):
        checks.expect(not re.search(pattern, html), f"{label}: report.html holds {what}")
    urls = set(re.findall(r"https?://[^\s\"'<>)]+", html))
    checks.expect(urls <= {"http://www.w3.org/2000/svg"},
                  f"{label}: report.html names URLs {sorted(urls)}")

    tmp = args.tmp / label
    tmp.mkdir(parents=True, exist_ok=True)
    profile = tmp / "profile"
    shots = {}
    for width in () if measure_only else (DESKTOP, PHONE):
        shot = tmp / f"report-{width}.png"
        shot.unlink(missing_ok=True)
        done = browser(chromium, profile, f"--window-size={width},1800",
                       f"--screenshot={shot}", page.as_uri())
        if not checks.expect(shot.exists(), f"{label}: no screenshot at {width} px: "
                                            f"{done.stderr[-400:]}"):
            continue
        facts = png_facts(shot)
        checks.expect(facts is not None and facts[0] == width,
                      f"{label}: the screenshot at {width} px is {facts}")
        checks.expect(facts is not None and facts[2] > 8,
                      f"{label}: the screenshot at {width} px is blank")
        shots[width] = shot

    # The page laid out, measured from within.
    measured = tmp / "measured.html"
    measured.write_text(measuring_page(html), encoding="utf-8")
    done = browser(chromium, profile, "--window-size=1400,1000", "--virtual-time-budget=10000",
                   "--dump-dom", measured.as_uri())
    found = re.search(r'<pre id="measurements">(.*?)</pre>', done.stdout, re.S)
    if checks.expect(found, f"{label}: the measurements are missing (status {done.returncode}): "
                            f"{done.stderr[-400:]}"):
        text = found.group(1).replace("&lt;", "<").replace("&gt;", ">").replace(
            "&quot;", '"').replace("&amp;", "&")
        for width, m in sorted(json.loads(text).items()):
            width = int(width)
            checks.expect(m["width"] == width,
                          f"{label}: the frame was {m['width']} px wide, not {width}")
            checks.expect(m["scroll_width"] <= width,
                          f"{label}: at {width} px the page scrolls sideways to "
                          f"{m['scroll_width']} px")
            checks.expect(not m["overflowing"],
                          f"{label}: at {width} px these run past the page: {m['overflowing'][:8]}")
            checks.expect(not m["overlaps"],
                          f"{label}: at {width} px chart texts overlap: {m['overlaps'][:8]}")
            if charts:
                checks.expect(m["texts"] > 20,
                              f"{label}: only {m['texts']} chart texts measured")
            shown = m["text"]
            for name in names:
                checks.expect(name in shown,
                              f"{label}: at {width} px the page does not show {name!r}")
            for csv_file in csv_files:
                for cell in csv_cells(csv_file):
                    checks.expect(cell in shown,
                                  f"{label}: at {width} px the page does not show "
                                  f"{csv_file.name}'s {cell!r}")

    # Printed on A4.
    pdf = tmp / "report.pdf"
    if measure_only:
        return shots, None
    pdf.unlink(missing_ok=True)
    done = browser(chromium, profile, "--no-pdf-header-footer", f"--print-to-pdf={pdf}",
                   page.as_uri())
    if checks.expect(pdf.exists() and pdf.stat().st_size > 10000,
                     f"{label}: no PDF printed: {done.stderr[-400:]}"):
        info = jssim_check.run(["pdfinfo", str(pdf)])
        if checks.expect(info.returncode == 0, f"{label}: pdfinfo fails: {info.stderr}"):
            pages = re.search(r"^Pages:\s+(\d+)", info.stdout, re.M)
            size = re.search(r"^Page size:\s+([\d.]+) x ([\d.]+) pts", info.stdout, re.M)
            checks.expect(pages and int(pages.group(1)) >= 2,
                          f"{label}: the PDF has {pages and pages.group(1)} pages")
            checks.expect(size and abs(float(size.group(1)) - 595) < 2
                          and abs(float(size.group(2)) - 842) < 2,
                          f"{label}: the PDF's pages are not A4: {size and size.group(0)}")
    return shots, pdf


def run_jssim(args, checks, command):
    done = jssim_check.run([args.jssim, *command])
    return checks.expect(done.returncode == 0,
                         f"jssim {' '.join(command)}: exit {done.returncode}\n{done.stderr}")


def main():
    ap = jssim_check.arguments(__doc__)
    ap.add_argument("--run", action="append", default=[], help="a scenario for jssim run")
    ap.add_argument("--measure", action="append", default=[],
                    help="a scenario for jssim run whose page is only measured (no "
                         "screenshots, no PDF)")
    ap.add_argument("--sensitivity", action="append", default=[],
                    help="a scenario for jssim sensitivity, whose page is only measured")
    ap.add_argument("--plan", action="append", default=[],
                    help="a scenario for jssim plan, whose page is only measured")
    ap.add_argument("--runs", type=int, default=2000)
    args = ap.parse_args()
    checks = Checks()
    chromium = chromium_binary()
    if chromium is None:
        sys.exit("check_report.py: Chromium is not installed (scripts/install-deps installs "
                 "it): the report cannot be checked in a browser")
    if shutil.which("pdfinfo") is None:
        sys.exit("check_report.py: pdfinfo (poppler-utils) is not installed "
                 "(scripts/install-deps installs it)")
    tmp = jssim_check.fresh_folder(args.tmp)

    for scenario in args.run + args.measure:
        measure_only = scenario in args.measure
        label = "run-" + Path(scenario).stem
        out = tmp / label / "out"
        if not run_jssim(args, checks, ["run", scenario, "--runs", str(args.runs), "--out",
                                        str(out)]):
            continue
        names = [row[0] for row in csv.reader(open(out / "summary.csv", encoding="utf-8"))][1:]
        shots, pdf = check_page(args, checks, chromium, out / "report.html", names,
                                [out / "summary.csv", out / "compare.csv"], label, measure_only)
        print(f"{label}: {', '.join(str(s) for s in shots.values())}, {pdf or 'measured'}")
    for scenario in args.sensitivity:
        label = "sensitivity-" + Path(scenario).stem
        out = tmp / label / "out"
        if not run_jssim(args, checks, ["sensitivity", scenario, "--points", "16", "--runs",
                                        "100", "--out", str(out)]):
            continue
        with open(out / "tornado.csv", encoding="utf-8", newline="") as f:
            paths = [row["parameter"] for row in csv.DictReader(f)]
        # Measured only (its layout is the run's page's): each launch of Chromium takes
        # seconds.
        check_page(args, checks, chromium, out / "report.html", paths, [out / "tornado.csv"],
                   label, measure_only=True)
        print(f"{label}: measured")

    for scenario in args.plan:
        label = "plan-" + Path(scenario).stem
        out = tmp / label / "out"
        if not run_jssim(args, checks, ["plan", scenario, "--runs-max", "500", "--out",
                                        str(out)]):
            continue
        with open(out / "plan.csv", encoding="utf-8", newline="") as f:
            plans = [row["plan"] for row in csv.DictReader(f)]
        # A plan's page has tables and no chart.
        check_page(args, checks, chromium, out / "report.html", plans, [out / "plan.csv"],
                   label, measure_only=True, charts=False)
        print(f"{label}: measured")

    if not args.run and not args.measure and not args.sensitivity and not args.plan:
        checks.expect(False, "nothing to check: give --run, --sensitivity or --plan")
    for problem in checks.problems:
        print(problem, file=sys.stderr)
    if checks.problems:
        sys.exit(1)
    print("report.html renders, holds every strategy and CSV number, fits the page and prints "
          "on A4")


if __name__ == "__main__":
    main()
