#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Structural checks of cmalint's memory map (SVG) and HTML page.

For every fixture with directives, cmalint runs once with --format json and
--map, and the picture must show what the report says: one element per
region with the region's node, kind, status, base and size in its title,
every zone, every overlap between regions with an address, the headroom
terms with the report's exact bytes, the regions in address order on the
axis, and every text inside the image without overlapping another.

The showcase boards (SHOWCASE) are also compared byte for byte with their
golden pictures in fixtures/svg/; --bless rewrites those.

usage: memmap_check.py CMALINT [--bless]
"""
import glob
import html.parser
import json
import os
import re
import shlex
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

NS = "{http://www.w3.org/2000/svg}"
CHAR_W = 7.3  # the picture's estimate of a 12 px monospace glyph; fonts are narrower
SHOWCASE = [
    "fixtures/examples/e2000q.dts",
    "fixtures/boards/rpi-like.dts",
    "fixtures/boards/qcom-like.dts",
    "fixtures/boards/statuses.dts",
]
HR_TERMS = ["ram", "nomap", "reserved", "cma", "struct_pages", "kernel_image", "swiotlb", "min_watermark"]

failures = []


def fail(where, msg):
    failures.append(f"{where}: {msg}")


def directives(path):
    opts, expect_exit = [], None
    with open(path, encoding="utf-8") as f:
        for line in f:
            s = line.strip().lstrip("/*").strip()
            if s.startswith("cmalint:"):
                opts += shlex.split(s[len("cmalint:"):])
            elif s.startswith("expect-exit:"):
                expect_exit = int(s.split(":", 1)[1])
    return opts, expect_exit


def fixtures():
    out = []
    for path in sorted(glob.glob("fixtures/**/*.dts", recursive=True)):
        if "oracle-runs" in path:
            continue
        base = os.path.basename(path)
        opts, _ = directives(path)
        with open(path, encoding="utf-8") as f:
            has = any(re.search(r"\b(cmalint|expect[a-z-]*):", l) for l in f)
        if base.startswith(("bad-", "good-")) or has:
            out.append(path)
    # CMALINT_TEST_SAMPLE=N (4 in the sanitizer build): every Nth, and the showcase boards
    every = int(os.environ.get("CMALINT_TEST_SAMPLE") or os.environ.get("CMALINT_TEST_SAMPLE_DEFAULT") or 1)
    return [p for i, p in enumerate(out) if i % every == 0 or p in SHOWCASE]


def hexs(v):
    return "0x%x" % v


def title_of(el):
    t = el.find(NS + "title")
    return t.text if t is not None and t.text else ""


def text_box(el):
    """Bounding box of a <text> (estimated), or None when rotated."""
    if el.get("transform"):
        return None
    s = "".join(el.itertext())
    size = float(el.get("font-size", "12"))
    w = len(s) * CHAR_W * size / 12
    x, y = float(el.get("x")), float(el.get("y"))
    anchor = el.get("text-anchor", "start")
    if anchor == "middle":
        x -= w / 2
    elif anchor == "end":
        x -= w
    return (x, y - size * 0.8, x + w, y + size * 0.2, s)


def check_svg(where, root, board):
    mem = board["memory"]
    regions = mem["regions"]
    width = float(root.get("width"))
    height = float(root.get("height"))
    ids = {}
    for el in root.iter():
        i = el.get("id")
        if i:
            if i in ids:
                fail(where, f"id '{i}' appears twice")
            ids[i] = el

    # one element per region, with the report's facts in its title
    for n, r in enumerate(regions):
        el = ids.get(f"region-{n}")
        if el is None:
            fail(where, f"region {n} ({r['node']}) is not in the picture")
            continue
        t = title_of(el)
        name = r["node"]
        if r["kind"] == "memreserve":
            name = "/memreserve/ #"
        for want in (name, f"kind: {r['kind']}", f"status: {r['status']}", f"size: {hexs(r['size'])}"):
            if want not in t:
                fail(where, f"region-{n} title lacks '{want}': {t!r}")
        if r["base"] is not None:
            want = f"base: {hexs(r['base'])}\n"
        elif "base_max" in r:
            want = f"base: at or below {hexs(r['base_max'])}"
        else:
            want = "base: none"
        if want not in t:
            fail(where, f"region-{n} title lacks '{want.strip()}': {t!r}")
        if el.get("data-status") != r["status"] or el.get("data-kind") != r["kind"]:
            fail(where, f"region-{n} data-status/data-kind differ from the report")
    extra = [i for i in ids if re.fullmatch(r"region-\d+", i) and int(i[7:]) >= len(regions)]
    if extra:
        fail(where, f"regions the report does not have: {extra}")

    # on the axis, regions are in address order and inside the picture
    placed = []
    for n, r in enumerate(regions):
        el = ids.get(f"region-{n}")
        base = r["base"] if r["base"] is not None else r.get("base_max")
        if el is None or base is None or not r["size"] or r["status"] == "disabled":
            continue
        rect = el.find(NS + "rect")
        y, h = float(rect.get("y")), float(rect.get("height"))
        x, w = float(rect.get("x")), float(rect.get("width"))
        if x < 0 or y < 0 or x + w > width or y + h > height or h <= 0:
            fail(where, f"region-{n} is drawn outside the picture or empty")
        placed.append((base, base + r["size"], y, y + h, n))
    placed.sort()
    for a, b in zip(placed, placed[1:]):
        if a[0] < b[0] and not a[2] < b[2]:
            fail(where, f"region-{a[4]} (base {hexs(a[0])}) is not above region-{b[4]} (base {hexs(b[0])})")
        if a[1] <= b[0] and a[3] > b[2] + 0.5:
            fail(where, f"region-{a[4]} ends below the start of region-{b[4]}")

    # zones
    for z in mem["zones"]:
        el = ids.get(f"zone-{z['name']}")
        if el is None:
            fail(where, f"zone {z['name']} is not in the picture")
        elif hexs(z["base"]) not in title_of(el) or hexs(z["end"] - 1) not in title_of(el):
            fail(where, f"zone-{z['name']} title lacks its span: {title_of(el)!r}")

    # overlaps: every pair of regions with an address that share memory
    want = set()
    for i, a in enumerate(regions):
        for j in range(i + 1, len(regions)):
            c = regions[j]
            if a["base"] is None or c["base"] is None or not a["size"] or not c["size"]:
                continue
            if "disabled" in (a["status"], c["status"]):
                continue
            if a["base"] < c["base"] + c["size"] and c["base"] < a["base"] + a["size"]:
                want.add(f"overlap-{i}-{j}")
    have = {i for i in ids if i.startswith("overlap-")}
    if want != have:
        fail(where, f"overlaps drawn {sorted(have)}, expected {sorted(want)}")

    # the headroom bar: the report's exact numbers
    if mem["non_cma_headroom_bytes"] is None:
        if any(i.startswith("headroom-") for i in ids):
            fail(where, "a headroom bar without a headroom estimate")
    else:
        for term in HR_TERMS:
            el = ids.get(f"headroom-{term}")
            if el is None:
                fail(where, f"headroom term {term} is missing")
            elif int(el.get("data-bytes")) != mem["headroom"][term]:
                fail(where, f"headroom-{term} is {el.get('data-bytes')} bytes, the report says {mem['headroom'][term]}")
        el = ids.get("headroom-non_cma")
        if el is None or int(el.get("data-bytes")) != mem["non_cma_headroom_bytes"]:
            fail(where, "headroom-non_cma differs from non_cma_headroom_bytes")
        terms = sum(mem["headroom"][t] for t in HR_TERMS[1:])
        if mem["headroom"]["ram"] - terms != mem["non_cma_headroom_bytes"]:
            fail(where, "RAM minus the terms is not the headroom")
        if f"({mem['non_cma_headroom_bytes']} bytes)" not in "".join(ids["headroom-non_cma"].itertext()):
            fail(where, "headroom-non_cma title lacks the exact bytes")

    # legibility: every text inside the picture, no two overlapping
    boxes = [b for b in (text_box(t) for t in root.iter(NS + "text")) if b]
    for b in boxes:
        if b[0] < 0 or b[2] > width + 0.5 or b[1] < 0 or b[3] > height:
            fail(where, f"text '{b[4]}' reaches outside the picture")
    boxes.sort()
    for i, a in enumerate(boxes):
        for b in boxes[i + 1:]:
            if b[0] >= a[2]:
                break
            if a[1] < b[3] - 1 and b[1] < a[3] - 1:
                fail(where, f"texts '{a[4]}' and '{b[4]}' overlap")


def run(argv, **kw):
    return subprocess.run(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE, **kw)


class PageParser(html.parser.HTMLParser):
    def __init__(self):
        super().__init__()
        self.rows, self.ids, self.external = [], [], []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "tr" and "board-row" in (a.get("class") or ""):
            self.rows.append(a.get("id"))
        if a.get("id"):
            self.ids.append(a["id"])
        for k in ("src", "href"):
            if k in a and not a[k].startswith("#"):
                self.external.append(f"{tag} {k}={a[k]}")


def check_html(cmalint, tmp):
    inputs = SHOWCASE
    out = os.path.join(tmp, "page.html")
    p = run([cmalint, "--kernel", "6.1", "--format", "json", *inputs])
    report = json.loads(p.stdout)
    p = run([cmalint, "--kernel", "6.1", "--format", "html", "-o", out, *inputs, os.path.join(tmp, "missing.dts")])
    if p.returncode != 2:
        fail("html", f"a missing input exits {p.returncode}, not 2")
    with open(out, encoding="utf-8") as f:
        page = f.read()
    parser = PageParser()
    parser.feed(page)
    if parser.rows != [f"row-{i}" for i in range(len(inputs))]:
        fail("html", f"board rows {parser.rows}")
    if parser.external or re.search(r"url\((?!#)|@import", page):
        fail("html", f"external resources: {parser.external}")
    if "missing.dts" not in page:
        fail("html", "the input that could not be read is not listed")
    for i, b in enumerate(report["boards"]):
        for n in range(len(b["memory"]["regions"])):
            if f"b{i}-region-{n}" not in parser.ids:
                fail("html", f"board {i} region {n} is not on the page")
        if f'id="board-{i}"' not in page:
            fail("html", f"no section for board {i}")
        for f_ in b["findings"]:
            if f_["rule"] not in page:
                fail("html", f"finding {f_['rule']} of board {i} is not on the page")
    if len(parser.ids) != len(set(parser.ids)):
        fail("html", "duplicate ids on the page")


def check_map_option(cmalint, tmp):
    # several boards into a directory: one SVG per board, named after the input
    d = os.path.join(tmp, "maps") + "/"
    p = run([cmalint, "--kernel", "6.1", "--format", "json", "--map", d, *SHOWCASE])
    if p.returncode not in (0, 1):
        fail("--map DIR/", f"exit {p.returncode}: {p.stderr.decode()}")
    names = sorted(os.listdir(d)) if os.path.isdir(d) else []
    want = sorted(os.path.splitext(os.path.basename(x))[0] + ".svg" for x in SHOWCASE)
    if names != want:
        fail("--map DIR/", f"wrote {names}, expected {want}")
    report = json.loads(p.stdout)
    for b in report["boards"]:
        n = os.path.splitext(os.path.basename(b["input"]))[0]
        check_svg(f"--map DIR/ {n}", ET.parse(os.path.join(d, n + ".svg")).getroot(), b)
    # several boards into one file is a usage error, and nothing is written
    f = os.path.join(tmp, "one.svg")
    p = run([cmalint, "--map", f, *SHOWCASE])
    if p.returncode != 2 or os.path.exists(f) or p.stdout:
        fail("--map FILE", f"several inputs into one file: exit {p.returncode}")
    # a map that cannot be written: exit 2, one line on stderr, no report
    p = run([cmalint, "--format", "json", "--map", os.path.join(tmp, "no", "such", "dir.svg"), SHOWCASE[0]])
    if p.returncode != 2 or p.stdout or p.stderr.decode().count("\n") != 1:
        fail("--map unwritable", f"exit {p.returncode}, stdout {len(p.stdout)} bytes, stderr {p.stderr!r}")
    # --format svg with several boards: one document holding every map
    p = run([cmalint, "--kernel", "6.1", "--format", "svg", *SHOWCASE])
    root = ET.fromstring(p.stdout)
    for i in range(len(SHOWCASE)):
        if root.find(f".//*[@id='b{i}-memmap']") is None:
            fail("--format svg", f"board {i} missing from the combined document")


def main():
    if len(sys.argv) < 2:
        print(__doc__, file=sys.stderr)
        return 2
    cmalint = os.path.abspath(sys.argv[1])
    bless = "--bless" in sys.argv[2:]
    os.chdir(os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
    checked = 0
    with tempfile.TemporaryDirectory(prefix="cmalint-memmap.") as tmp:
        svg = os.path.join(tmp, "map.svg")
        for path in fixtures():
            opts, expect_exit = directives(path)
            if os.path.exists(svg):
                os.unlink(svg)
            p = run([cmalint, "--format", "json", "--map", svg, *opts, path])
            if p.returncode == 2:
                if expect_exit != 2:
                    fail(path, f"exit 2: {p.stderr.decode().strip()}")
                elif os.path.exists(svg):
                    fail(path, "a map was written for an input that could not be read")
                continue
            board = json.loads(p.stdout)["boards"][0]
            try:
                root = ET.parse(svg).getroot()
            except (ET.ParseError, FileNotFoundError) as e:
                fail(path, f"no well-formed SVG: {e}")
                continue
            check_svg(path, root, board)
            checked += 1
            if path in SHOWCASE:
                golden = os.path.join("fixtures/svg", os.path.splitext(os.path.basename(path))[0] + ".svg")
                with open(svg, "rb") as f:
                    got = f.read()
                if bless:
                    os.makedirs("fixtures/svg", exist_ok=True)
                    with open(golden, "wb") as f:
                        f.write(got)
                elif not os.path.exists(golden):
                    fail(path, f"no golden picture {golden} (run with --bless)")
                else:
                    with open(golden, "rb") as f:
                        if f.read() != got:
                            fail(path, f"the picture differs from {golden} (look at it, then --bless)")
        check_html(cmalint, tmp)
        check_map_option(cmalint, tmp)
    for f in failures:
        print("FAIL", f)
    print(f"memmap: {checked} pictures checked, {len(failures)} failures")
    if checked < len(SHOWCASE):
        print("FAIL too few pictures checked")
        return 1
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
