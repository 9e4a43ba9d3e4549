#!/usr/bin/env python3
"""How long deckgen takes to refuse hostile input, and to read many comments.

The tests pin what these runs do (the refusal, its message, that work grows
in proportion to the input); the wall time they take is measured here, never
in a test. Reports the median wall time of each run:

- a YAML deck whose aliases expand to ten billion items (refused);
- an SVG figure whose entities expand likewise (refused);
- `deckgen check` of a Markdown deck with 20,000 and 40,000
  `<!-- deckgen: ... -->` comments (twice the comments should take about
  twice the time).

Uses the binary given with --deckgen (default: target/debug/deckgen, so
the figures are a debug build's unless you pass another).

    python3 benches/hostile.py [--runs 5] [--deckgen target/debug/deckgen]
"""
import argparse
import os
import statistics
import subprocess
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def laughs_yaml():
    yaml = "a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n"
    for level in range(1, 10):
        yaml += f"a{level}: &a{level} [{', '.join([f'*a{level - 1}'] * 10)}]\n"
    return yaml + "title: *a9\nsections: []\n"


def laughs_svg():
    svg = '<?xml version="1.0"?>\n<!DOCTYPE svg [\n<!ENTITY a "lollollol">\n'
    for level in range(1, 10):
        svg += f'<!ENTITY {chr(97 + level)} "{("&" + chr(96 + level) + ";") * 10}">\n'
    return svg + (']>\n<svg xmlns="http://www.w3.org/2000/svg" width="100" height="50">'
                  '<text>&j;</text></svg>')


def comments_md(count):
    return "---\ntitle: T\n---\n\n## One\n\nText\n\n" + "<!-- deckgen: {fit: cover} -->\n" * count


CASES = [
    ("YAML alias bomb, refused", {"deck.yaml": laughs_yaml()}, ["deck.yaml", "-o", "out.pdf"], 1),
    ("SVG entity bomb, refused", {
        "deck.yaml": "title: T\nsections:\n  - title: S\n    slides:\n      - image: bomb.svg\n",
        "bomb.svg": laughs_svg(),
    }, ["deck.yaml", "-o", "out.pdf"], 1),
    ("check, 20,000 deckgen comments", {"talk.md": comments_md(20_000)}, ["check", "talk.md"], 0),
    ("check, 40,000 deckgen comments", {"talk.md": comments_md(40_000)}, ["check", "talk.md"], 0),
]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--deckgen", default=os.path.join(ROOT, "target", "debug", "deckgen"))
    args = parser.parse_args()
    print(f"{'case':<34} {'median s':>9}")
    for name, files, arguments, code in CASES:
        with tempfile.TemporaryDirectory() as folder:
            for file, text in files.items():
                with open(os.path.join(folder, file), "w") as out:
                    out.write(text)
            times = []
            for _ in range(args.runs):
                start = time.perf_counter()
                run = subprocess.run([args.deckgen, *arguments], cwd=folder,
                                     capture_output=True)
                times.append(time.perf_counter() - start)
                if run.returncode != code:
                    raise SystemExit(f"{name}: exit {run.returncode}\n{run.stderr.decode()}")
        print(f"{name:<34} {statistics.median(times):>9.2f}")


if __name__ == "__main__":
    main()
