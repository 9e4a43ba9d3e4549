#!/usr/bin/env python3
"""What a vector figure costs against the same figure as a PNG.

Builds one-slide decks that show the matplotlib chart of
tests/fixtures/figures (as SVG, as PDF, and as PNGs that pdftoppm renders
from the PDF at 150 and 300 ppi) and a deck with a caption only, and
reports the median wall time of `deckgen deck.yaml` and the PDF's size,
each also less the caption-only deck's. Needs pdftoppm; uses the binary
given with --deckgen (default: target/debug/deckgen, so the figures are a
debug build's unless you pass another).

    python3 benches/figures.py [--runs 9] [--deckgen target/debug/deckgen]
"""
import argparse
import os
import shutil
import statistics
import subprocess
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
FIXTURES = os.path.join(ROOT, "tests", "fixtures", "figures")
DECK = """title: Bench
title_slide: false
sections:
  - title: S
    divider: false
    slides:
      - caption: A chart
{image}"""


def build(folder, deckgen, runs):
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run([deckgen, "deck.yaml", "-o", "out.pdf", "--quiet"], cwd=folder,
                       check=True, env=dict(os.environ, SOURCE_DATE_EPOCH="0"))
        times.append(time.perf_counter() - start)
    return statistics.median(times), os.path.getsize(os.path.join(folder, "out.pdf"))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument("--deckgen", default=os.path.join(ROOT, "target", "debug", "deckgen"))
    args = parser.parse_args()
    deckgen = os.path.abspath(args.deckgen)
    rows = []
    with tempfile.TemporaryDirectory() as folder:
        for name in ("chart.svg", "chart.pdf"):
            shutil.copy(os.path.join(FIXTURES, name), folder)
        for ppi in (150, 300):
            subprocess.run(["pdftoppm", "-png", "-r", str(ppi), "-singlefile",
                            os.path.join(FIXTURES, "chart.pdf"),
                            os.path.join(folder, f"chart{ppi}")], check=True)
        cases = [("caption only", None), ("SVG figure", "chart.svg"), ("PDF figure", "chart.pdf"),
                 ("PNG, 150 ppi", "chart150.png"), ("PNG, 300 ppi", "chart300.png")]
        for label, image in cases:
            line = f"        image: {image}\n" if image else ""
            with open(os.path.join(folder, "deck.yaml"), "w") as deck:
                deck.write(DECK.format(image=line))
            seconds, size = build(folder, deckgen, args.runs)
            source = os.path.getsize(os.path.join(folder, image)) if image else 0
            rows.append((label, seconds, size, source))
    base_seconds, base_size = rows[0][1], rows[0][2]
    print("| deck | input file | wall time (median) | time over caption only | PDF size | bytes over caption only |")
    print("| --- | ---: | ---: | ---: | ---: | ---: |")
    for label, seconds, size, source in rows:
        print(f"| {label} | {source:,} B | {seconds * 1000:.0f} ms | {(seconds - base_seconds) * 1000:+.0f} ms "
              f"| {size:,} B | {size - base_size:+,} B |")


if __name__ == "__main__":
    main()
