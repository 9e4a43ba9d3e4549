#!/usr/bin/env python3
"""Renders each formula of formulas.txt with Marp CLI (MathJax, in Debian's
chromium) and writes the width-to-height ratio of its ink to
tests/fixtures/math/mathjax-ratios.tsv, which `cargo test` compares with
deckgen's own renders (tests/math.rs) without needing chromium.

    npm install @marp-team/marp-cli   # with PUPPETEER_SKIP_DOWNLOAD=1
    MARP=node_modules/.bin/marp CHROME_PATH=/usr/bin/chromium python3 benches/mathjax/measure.py
"""
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from PIL import Image

HERE = Path(__file__).resolve().parent
OUT = HERE.parent.parent / "tests/fixtures/math/mathjax-ratios.tsv"


def ink_ratio(png):
    """Width over height of the box around the pixels darker than mid-gray."""
    image = Image.open(png).convert("L")
    box = image.point(lambda v: 255 if v < 128 else 0).getbbox()
    return (box[2] - box[0]) / (box[3] - box[1])


def main():
    formulas = [l for l in (HERE / "formulas.txt").read_text().splitlines() if l.strip()]
    marp = os.environ.get("MARP", "marp")
    version = subprocess.run([marp, "--version"], capture_output=True, text=True).stdout.strip()
    with tempfile.TemporaryDirectory() as work:
        deck = Path(work) / "f.md"
        slides = [f"$$\n{f}\n$$\n" for f in formulas]
        deck.write_text("---\nmarp: true\nmath: mathjax\n---\n\n" + "\n---\n\n".join(slides))
        subprocess.run(
            [marp, "--no-stdin", "--images", "png", "--allow-local-files", str(deck), "-o", str(Path(work) / "f.png")],
            check=True,
        )
        pngs = sorted(Path(work).glob("f.*.png"))
        assert len(pngs) == len(formulas), pngs
        lines = [
            f"# Width-to-height ratio of each formula's ink as MathJax draws it, through {version.splitlines()[0] if version else 'Marp CLI'}",
            "# and Debian's chromium; written by benches/mathjax/measure.py (formulas from benches/mathjax/formulas.txt).",
        ]
        lines += [f"{ink_ratio(png):.3f}\t{formula}" for png, formula in zip(pngs, formulas)]
    OUT.write_text("\n".join(lines) + "\n")
    print(f"wrote {OUT}", file=sys.stderr)


main()
