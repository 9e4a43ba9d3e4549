#!/usr/bin/env python3
"""What a translucent scatter costs against rsvg-convert (issue 26, item 3).

matplotlib draws each point of `scatter(..., alpha=0.3)` as a path with a
graphics state of its own, so an SVG of N points names N graphics states.
Their cost once grew with the square of N (each name was looked for in the
whole content). Makes scatters of 500 to 4000 points with matplotlib
(`pip install matplotlib`), builds each as a one-slide deck, converts each
with `rsvg-convert -f pdf`, and prints the median wall and CPU times (user
+ system) and their ratios, with the load average before and after. The
issue's target: at 3000 points, at most 5 times rsvg-convert's wall time.
Exits 1 when the 3000-point wall ratio is above 5.

    python3 benches/scatter.py [--runs 5] [--deckgen target/release/deckgen]
"""
import argparse
import os
import resource
import statistics
import subprocess
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DECK = """title: Bench
title_slide: false
sections:
  - title: S
    divider: false
    slides:
      - image: scatter.svg
"""
POINTS = [500, 1000, 2000, 3000, 4000]
TARGET_POINTS, TARGET_RATIO = 3000, 5.0


def scatter(path, points):
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    import numpy as np
    rng = np.random.default_rng(26)
    fig, ax = plt.subplots(figsize=(6.4, 4.0))
    ax.scatter(rng.normal(size=points), rng.normal(size=points), alpha=0.3)
    fig.savefig(path, metadata={"Date": None})
    plt.close(fig)


def cpu_of_children():
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def median_times(command, folder, runs):
    """The median wall and CPU (user + system) seconds of `runs` runs."""
    walls, cpus = [], []
    for _ in range(runs):
        cpu = cpu_of_children()
        start = time.perf_counter()
        subprocess.run(command, cwd=folder, check=True, stdout=subprocess.DEVNULL,
                       env=dict(os.environ, SOURCE_DATE_EPOCH="0"))
        walls.append(time.perf_counter() - start)
        cpus.append(cpu_of_children() - cpu)
    return statistics.median(walls), statistics.median(cpus)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--deckgen", default=os.path.join(ROOT, "target", "release", "deckgen"))
    args = parser.parse_args()
    deckgen = os.path.abspath(args.deckgen)
    print(f"load average {' '.join(f'{load:.2f}' for load in os.getloadavg())}")
    print(f"{'points':>6} {'deckgen wall':>12} {'rsvg wall':>9} {'ratio':>5} "
          f"{'deckgen CPU':>11} {'rsvg CPU':>8} {'ratio':>5}")
    ratio_at_target = None
    with tempfile.TemporaryDirectory() as folder:
        with open(os.path.join(folder, "deck.yaml"), "w") as deck:
            deck.write(DECK)
        for points in POINTS:
            scatter(os.path.join(folder, "scatter.svg"), points)
            ours = median_times([deckgen, "deck.yaml", "-o", "out.pdf", "--quiet"], folder,
                                args.runs)
            theirs = median_times(["rsvg-convert", "-f", "pdf", "-o", "rsvg.pdf", "scatter.svg"],
                                  folder, args.runs)
            ratio = ours[0] / theirs[0]
            if points == TARGET_POINTS:
                ratio_at_target = ratio
            print(f"{points:>6} {ours[0]:>12.3f} {theirs[0]:>9.3f} {ratio:>5.1f} "
                  f"{ours[1]:>11.3f} {theirs[1]:>8.3f} {ours[1] / max(theirs[1], 1e-3):>5.1f}")
    print(f"load average {' '.join(f'{load:.2f}' for load in os.getloadavg())}")
    ok = ratio_at_target is not None and ratio_at_target <= TARGET_RATIO
    print(f"{TARGET_POINTS} points: {ratio_at_target:.1f}x rsvg-convert "
          f"({'within' if ok else 'above'} the {TARGET_RATIO:.0f}x target)")
    raise SystemExit(0 if ok else 1)


if __name__ == "__main__":
    main()
