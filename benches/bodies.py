#!/usr/bin/env python3
"""deckgen against Typst on slides of lists and code, in the same run.

    python3 benches/bodies.py              # 500 slides, 5 timed runs of each
    python3 benches/bodies.py --slides 200 --runs 9

It writes, under target/bench/bodies/, a deck of N slides, each a title, a
three-level list with bold, italic, inline code and a link, and a
highlighted code block (Rust, Python and JavaScript in turn), as a deckgen
YAML deck and as the same content in Typst markup (its lists, strong and
emph, raw blocks with their language, one page per slide). It builds
deckgen in release mode, installs the pinned typst (the Python binding,
which bundles the compiler) in the virtual environment benches/compare.py
uses, and reports the median wall time of the timed runs (after one
untimed warm-up) and deckgen's time over Typst's, against the target of
0.2 (issue 22). Typst's time is the compile call alone, timed inside its
Python process.
"""

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WORK = ROOT / "target" / "bench" / "bodies"
VENV = ROOT / "target" / "bench" / "venv"
VENV_PYTHON = VENV / "bin" / "python"
TYPST = "typst==0.15.2"
TARGET = 0.2

CODE = {
    "rust": [
        "fn mean(xs: &[f64]) -> f64 {",
        "    // The average of the values.",
        "    let sum: f64 = xs.iter().sum();",
        "    sum / xs.len() as f64",
        "}",
    ],
    "python": [
        "def mean(xs: list[float]) -> float:",
        "    # The average of the values.",
        "    total = sum(xs)",
        "    return total / len(xs)",
    ],
    "javascript": [
        "function mean(xs) {",
        "  // The average of the values.",
        "  const sum = xs.reduce((a, b) => a + b, 0);",
        "  return sum / xs.length;",
        "}",
    ],
}


def yaml_deck(slides):
    out = ["title: Bodies benchmark", "sections:", "  - title: Lists and code", "    slides:"]
    languages = list(CODE)
    for n in range(slides):
        language = languages[n % len(languages)]
        out.append(f"      - title: Slide {n + 1}")
        out.append("        body: |")
        body = [
            f"- The **first** point of slide {n + 1}, with `code` and a [link](https://example.org)",
            "  - a *nested* point",
            "    - and a deeper one",
            "- The second point",
            "",
            f"```{language}",
            *CODE[language],
            "```",
        ]
        out.extend(f"          {line}" if line else "" for line in body)
    return "\n".join(out) + "\n"


def typst_deck(slides):
    out = [
        '#set page(width: 338.67mm, height: 190.5mm, margin: 1.5cm)',
        "#set text(size: 24pt)",
    ]
    languages = list(CODE)
    for n in range(slides):
        language = languages[n % len(languages)]
        if n:
            out.append("#pagebreak()")
        out += [
            f"= Slide {n + 1}",
            f'- The *first* point of slide {n + 1}, with `code` and a #link("https://example.org")[link]',
            "  - a _nested_ point",
            "    - and a deeper one",
            "- The second point",
            "",
            f"```{language}",
            *CODE[language],
            "```",
        ]
    return "\n".join(out) + "\n"


def timed(command, runs):
    subprocess.run(command, check=True, capture_output=True)
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command, check=True, capture_output=True)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def typst_time(source, output, runs):
    script = (
        "import statistics, sys, time, typst\n"
        f"typst.compile({str(source)!r}, output={str(output)!r})\n"
        "times = []\n"
        f"for _ in range({runs}):\n"
        "    start = time.perf_counter()\n"
        f"    typst.compile({str(source)!r}, output={str(output)!r})\n"
        "    times.append(time.perf_counter() - start)\n"
        "print(statistics.median(times))\n"
    )
    result = subprocess.run([str(VENV_PYTHON), "-c", script], check=True, capture_output=True, text=True)
    return float(result.stdout.strip())


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--slides", type=int, default=500)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    WORK.mkdir(parents=True, exist_ok=True)
    if not VENV_PYTHON.exists():
        subprocess.run([sys.executable, "-m", "venv", str(VENV)], check=True)
    subprocess.run([str(VENV_PYTHON), "-m", "pip", "install", "-q", TYPST], check=True)
    subprocess.run(["cargo", "build", "--release", "--quiet"], cwd=ROOT, check=True)
    deck = WORK / "deck.yaml"
    deck.write_text(yaml_deck(args.slides))
    source = WORK / "deck.typ"
    source.write_text(typst_deck(args.slides))
    deckgen = ROOT / "target" / "release" / "deckgen"
    ours = timed([str(deckgen), str(deck), "-o", str(WORK / "deckgen.pdf"), "--no-pdfpc"], args.runs)
    theirs = typst_time(source, WORK / "typst.pdf", args.runs)
    ratio = ours / theirs
    verdict = "meets" if ratio <= TARGET else "misses"
    print(f"{args.slides} slides of lists and code, median of {args.runs} runs")
    print(f"deckgen {ours:.3f} s, Typst {theirs:.3f} s: {ratio:.2f} x Typst's time ({verdict} the {TARGET} x target)")


if __name__ == "__main__":
    main()
