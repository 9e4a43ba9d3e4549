#!/usr/bin/env python3
"""resvg's SVG test suite drawn by deckgen, each figure compared with resvg's reference PNG.

    python3 tests/resvg_compare.py --resvg CHECKOUT               # compare with the pins
    python3 tests/resvg_compare.py --resvg CHECKOUT --update      # write the pins anew
    python3 tests/resvg_compare.py --resvg CHECKOUT --deckgen target/debug/deckgen

CHECKOUT is linebender/resvg at the commit `tests/resvg_suite.py` names. The
files `tests/fixtures/resvg/outcomes.txt` pins as placed (with or without a
warning) are built again, a folder a deck, on white pages. Each figure is
cut out of its page where the page's content stream places it, drawn by
poppler (pdftoppm) at the reference's own size, and compared with the
reference flattened on white: the score is the mean difference of the red,
green and blue values of every pixel, from 0 (the same) to 255.

Each file's outcome is pinned in `tests/fixtures/resvg/renders.txt`:
`match SCORE` (SCORE at most MATCH), `differs SCORE`, `refused` (deckgen
refuses it, as outcomes.txt says) or `unsupported by resvg` (resvg's own
test list leaves it out, or its title marks its result as undefined, `(UB)`,
so its reference is no answer). A run fails when a file's outcome changes;
a score that moves by more than DRIFT is printed but is no failure.

Needs poppler-utils (pdftoppm), qpdf and Python's Pillow.
"""

import argparse
import re
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from PIL import Image, ImageChops, ImageStat

import resvg_suite

ROOT = Path(__file__).resolve().parent.parent
PINS = ROOT / "tests" / "fixtures" / "resvg" / "renders.txt"
# A match: edges drawn by two rasterisers differ by about a pixel, which on
# resvg's 200-unit figures at 300 pixels costs a mean of about 1; a lost or
# wrong shape, colour or gradient costs several times that (see the
# totals in the pins' header for how the scores fall).
MATCH = 3.0
DRIFT = 1.0
# resvg's own tests/gen-tests.py leaves these out of its test run.
RESVG_IGNORES = {
    "tests/filters/feMorphology/huge-radius.svg",
    "tests/structure/svg/negative-size.svg",
    "tests/structure/svg/no-size.svg",
    "tests/structure/svg/zero-size.svg",
    "tests/structure/svg/not-UTF-8-encoding.svg",
    "tests/paint-servers/radialGradient/focal-point-correction.svg",
}
TITLE = re.compile(r"<title>([^<]*)</title>")
# A figure's placement, `w 0 0 h x y cm /Name Do`, as deckgen writes it.
PLACED = re.compile(rb"([-\d.]+) 0 0 ([-\d.]+) ([-\d.]+) ([-\d.]+) cm\s+/(\w+) Do")


def unsupported(suite, file):
    """Whether resvg's reference for `file` is no answer to compare with."""
    if file in RESVG_IGNORES:
        return True
    title = TITLE.search((suite / file).read_text(errors="replace"))
    return bool(title and "(UB)" in title[1])


def deck(files):
    """resvg_suite's deck of `files` (a slide each), on white pages."""
    return resvg_suite.deck(files).replace(
        "title_slide: false\n", "title_slide: false\ntheme:\n  background: \"#ffffff\"\n", 1)


def placements(pdf):
    """Each page's last figure placement (x, y from the top, width, height,
    page height), in points, in page order."""
    with tempfile.TemporaryDirectory() as work:
        qdf = Path(work) / "qdf.pdf"
        subprocess.run(["qpdf", "--qdf", "--object-streams=disable", str(pdf), str(qdf)],
                       check=False, capture_output=True)
        data = qdf.read_bytes()
    # qpdf labels each page's content stream, in object order.
    parts = re.split(rb"%% Contents for page (\d+)", data)[1:]
    by_number = {int(number): part for number, part in zip(parts[::2], parts[1::2])}
    pages = [by_number[number] for number in sorted(by_number)]
    heights = [float(m[1]) for m in re.finditer(rb"/MediaBox \[\s*[-\d.]+\s+[-\d.]+\s+[-\d.]+\s+([-\d.]+)", data)]
    height = heights[0] if heights else 0.0
    found = []
    for page in pages:
        stream = page.split(b"endstream", 1)[0]
        spots = list(PLACED.finditer(stream))
        if not spots:
            found.append(None)
            continue
        w, h, x, y = (float(v) for v in spots[-1].groups()[:4])
        found.append((x, height - y - h, w, h))
    return found


def score(pdf, page, spot, reference):
    """The mean difference of the figure on `page` and the `reference` PNG."""
    want = Image.open(reference).convert("RGBA")
    white = Image.new("RGBA", want.size, (255, 255, 255, 255))
    want = Image.alpha_composite(white, want).convert("RGB")
    x, y, w, h = spot
    dpi = 72.0 * want.width / w
    with tempfile.TemporaryDirectory() as work:
        out = Path(work) / "page"
        subprocess.run(["pdftoppm", "-f", str(page), "-l", str(page), "-r", f"{dpi:.4f}",
                        "-x", str(round(x * dpi / 72)), "-y", str(round(y * dpi / 72)),
                        "-W", str(want.width), "-H", str(want.height), "-png", "-singlefile",
                        str(pdf), str(out)], check=True, capture_output=True)
        ours = Image.open(f"{out}.png").convert("RGB")
    if ours.size != want.size:
        ours = ours.resize(want.size)
    stat = ImageStat.Stat(ImageChops.difference(ours, want))
    return sum(stat.mean) / 3


def compare(deckgen, suite, files):
    """({file: outcome}, [failures]) for `files`, all placed, built as one deck."""
    with tempfile.TemporaryDirectory() as work:
        for name in ("tests", "resources"):
            Path(work, name).symlink_to(suite / name)
        Path(work, "deck.yaml").write_text(deck(files))
        done = subprocess.run([str(deckgen), "deck.yaml", "-o", "out.pdf", "--no-pdfpc"], cwd=work,
                              capture_output=True, text=True, timeout=resvg_suite.TIMEOUT,
                              env={"SOURCE_DATE_EPOCH": "0", "PATH": "/usr/bin:/bin"})
        if done.returncode != 0:
            return {}, [f"{files[0]} and the rest of its folder: exit {done.returncode}\n{done.stderr}"]
        pdf = Path(work, "out.pdf")
        spots = placements(pdf)
        found, failures = {}, []
        for page, (file, spot) in enumerate(zip(files, spots), start=1):
            if spot is None:
                failures.append(f"{file}: no figure found on page {page}")
                continue
            value = score(pdf, page, spot, suite / file.replace(".svg", ".png"))
            found[file] = f"{'match' if value <= MATCH else 'differs'} {value:.2f}"
        return found, failures


def read(path):
    pins = {}
    for line in path.read_text().splitlines():
        if line.strip() and not line.startswith("#"):
            file, outcome = line.split(" => ", 1)
            pins.setdefault(file, []).append(outcome)
    return pins


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--resvg", type=Path, required=True, help="a checkout of linebender/resvg")
    parser.add_argument("--deckgen", type=Path, help="the binary (default: a release build)")
    parser.add_argument("--update", action="store_true", help="write the outcomes as the pins")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--only", default="", help="only the files whose path starts so (no --update)")
    args = parser.parse_args()
    if args.only and args.update:
        sys.exit("--update writes the pins of the whole suite: give no --only")
    suite = (args.resvg / "crates" / "resvg" / "tests").resolve()
    deckgen = args.deckgen
    if deckgen is None:
        subprocess.run(["cargo", "build", "--release", "--quiet"], cwd=ROOT, check=True)
        deckgen = ROOT / "target" / "release" / "deckgen"
    deckgen = deckgen.resolve()
    built = read(resvg_suite.PINS)
    files = sorted(file for file in built if file.startswith(args.only))
    outcome = {}
    folders = {}
    for file in files:
        if unsupported(suite, file):
            outcome[file] = "unsupported by resvg"
        elif any(line.startswith("error:") for line in built[file]):
            outcome[file] = "refused"
        else:
            folders.setdefault(str(Path(file).parent), []).append(file)
    with ThreadPoolExecutor(args.jobs) as pool:
        results = list(pool.map(lambda group: compare(deckgen, suite, group), folders.values()))
    failures = [failure for _, failed in results for failure in failed]
    for found, _ in results:
        outcome.update(found)
    kinds = {}
    for value in outcome.values():
        kind = value.split(" ", 1)[0] if value[0] in "md" else value
        kinds[kind] = kinds.get(kind, 0) + 1
    totals = ", ".join(f"{count} {kind}" for kind, count in sorted(kinds.items()))
    print(f"{len(files)} files: {totals}; {len(failures)} failed")
    for failure in failures:
        print(f"FAILED {failure}")
    if args.update:
        header = [
            "# deckgen's drawing of each SVG of resvg's test suite against resvg's reference",
            f"# PNG (see tests/resvg_compare.py): mean RGB difference on white, 0-255; a match",
            f"# is at most {MATCH}. Written by `python3 tests/resvg_compare.py --resvg CHECKOUT --update`.",
            f"# Totals: {totals}.",
        ]
        PINS.write_text("\n".join(header + [f"{file} => {outcome[file]}" for file in files
                                            if file in outcome]) + "\n")
        print(f"wrote {PINS.relative_to(ROOT)}")
        return 1 if failures else 0
    pins = {file: lines[0] for file, lines in read(PINS).items()} if PINS.exists() else {}
    changed = 0
    for file in files:
        now, was = outcome.get(file), pins.get(file)
        if now is None:
            continue
        if was is None:
            print(f"NOT PINNED {file}: {now}")
            continue
        if now.split(" ")[0] != was.split(" ")[0]:
            changed += 1
            print(f"CHANGED {file}: pinned {was}, now {now}")
        elif now[0] in "md" and abs(float(now.split(" ")[1]) - float(was.split(" ")[1])) > DRIFT:
            print(f"moved {file}: pinned {was}, now {now}")
    print(f"{changed} outcomes differ from the pins")
    return 1 if failures or changed else 0


if __name__ == "__main__":
    sys.exit(main())
