#!/usr/bin/env python3
"""deckgen against Typst and img2pdf on the same photos, in the same run.

Run from anywhere, on a machine with Python 3 (with venv) and cargo:

    python3 benches/compare.py            # 5 timed runs of each tool per deck
    python3 benches/compare.py --runs 9
    python3 benches/compare.py --all      # the whole record, for a quiet machine

Everything it needs goes under target/bench/: a virtual environment with the
pinned typst (the Python binding, which bundles the compiler) and img2pdf,
the photos shipped in scikit-image's wheel (downloaded, not installed), three
large pictures made from them, the decks, and results.md with the table.

A scale series (500, 1000, 2000 and 5000 slides of the same pictures) runs
deckgen and Typst on ever longer decks and reports, for each length, the
median wall time, the peak memory and the bytes a page costs beyond the
images; it draws them as docs/scale.png and checks the targets: under 400
bytes a page at 5000 slides, 5000 slides in at most 2.5 x the memory and
11 x the time of 500. `--only scale` runs the series alone.

`--all` is the whole record in one command, for a quiet machine: the
benchmark decks, the sample deck, the scale series and benches/bodies.py's
500 slides of lists and code, each tool run fresh 5 times (after one
untimed run) in the same sitting, img2pdf once (it takes seconds a run and
is no target), the load average printed before and after each part, and a
table of the targets met or missed. It takes about 4 minutes on the
project's 2-core machine once deckgen is built.

For each deck (500 slides, 46 slides, and deckgen alone on the repository's
sample deck) and each tool it reports the median wall time of the timed runs
(after one untimed warm-up), the peak resident memory (the child's
ru_maxrss, the figure `/usr/bin/time -v` prints), the output size, and the
output size over the sum of the distinct image files the deck uses, and the
median CPU time (user + system, all threads), which shows the work done even
when other programs share the machine. Typst runs in a Python process; its
wall time is the compile call alone, timed inside that process, so Python's
start-up is not charged to it (its CPU time and memory are the process's).
The 500-slide deck cycles through the 16 photos and three large pictures
(two 4000x3000 JPEGs, one 3000x2000 PNG), the 46-slide deck through the 16
photos alone; both have a title slide and a divider every 15 slides.
"""

import argparse
import os
import platform
import statistics
import subprocess
import sys
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WORK = ROOT / "target" / "bench"
VENV = WORK / "venv"
VENV_PYTHON = VENV / "bin" / "python"
PACKAGES = ["typst==0.15.2", "img2pdf==0.6.3", "pillow==13.0.0", "matplotlib==3.11.2"]
SKIMAGE = "scikit-image==0.26.0"
# Real photographs from skimage/data (colour and gray), none with alpha.
PHOTOS = [
    "astronaut.png", "brick.png", "camera.png", "chelsea.png", "coffee.png",
    "coins.png", "grass.png", "gravel.png", "hubble_deep_field.jpg", "ihc.png",
    "moon.png", "motorcycle_left.png", "motorcycle_right.png", "page.png",
    "retina.jpg", "rocket.jpg",
]
LARGE = [("large-1.jpg", 4000, 3000), ("large-2.jpg", 4000, 3000), ("large-3.png", 3000, 2000)]
PAGE = ("338.67mm", "190.5mm")
SCALE = [500, 1000, 2000, 5000]
CHART = ROOT / "docs" / "scale.png"


def run(command, **kwargs):
    print("+", " ".join(str(c) for c in command), file=sys.stderr)
    subprocess.run(command, check=True, **kwargs)


def ensure_venv():
    """Re-runs this script inside target/bench/venv, creating it first."""
    if not Path("/usr/bin/time").exists():
        raise SystemExit("needs GNU time for peak memory: apt-get install time")
    if Path(sys.prefix).resolve() == VENV.resolve():
        return
    if not VENV_PYTHON.exists():
        run([sys.executable, "-m", "venv", VENV])
    run([VENV_PYTHON, "-m", "pip", "install", "--quiet", *PACKAGES])
    os.execv(VENV_PYTHON, [str(VENV_PYTHON), __file__, *sys.argv[1:]])


def photos():
    """The scikit-image photos, from its wheel, in target/bench/images."""
    images = WORK / "images"
    images.mkdir(parents=True, exist_ok=True)
    if all((images / name).exists() for name in PHOTOS):
        return images
    wheels = WORK / "wheels"
    run([sys.executable, "-m", "pip", "download", "--quiet", "--no-deps",
         "--only-binary", ":all:", SKIMAGE, "-d", wheels])
    wheel = next(wheels.glob("scikit_image-*.whl"))
    with zipfile.ZipFile(wheel) as archive:
        for name in PHOTOS:
            (images / name).write_bytes(archive.read(f"skimage/data/{name}"))
    return images


def large_pictures(images):
    """Three large pictures: mosaics of the colour photos, resampled."""
    from PIL import Image

    colour = [Image.open(images / n).convert("RGB") for n in PHOTOS
              if Image.open(images / n).mode == "RGB"]
    for index, (name, width, height) in enumerate(LARGE):
        if (images / name).exists():
            continue
        canvas = Image.new("RGB", (width, height))
        tiles = 3
        tile = (width // tiles, height // tiles)
        for cell in range(tiles * tiles):
            photo = colour[(cell + index * 4) % len(colour)].resize(tile, Image.LANCZOS)
            canvas.paste(photo, ((cell % tiles) * tile[0], (cell // tiles) * tile[1]))
        if name.endswith(".jpg"):
            canvas.save(images / name, quality=90)
        else:
            canvas.save(images / name)


def slides(count, names):
    """(section, title, caption, image) for `count` slides, 15 to a section."""
    for index in range(count):
        image = names[index % len(names)]
        yield (index // 15 + 1, f"Slide {index + 1}",
               f"Photo {image.split('.')[0].replace('_', ' ')}, shown whole", image)


def write_decks(name, count, names):
    """deck.yaml and deck.typ with the same pages; the images they use."""
    folder = WORK / name
    folder.mkdir(exist_ok=True)
    yaml = [f"title: Benchmark, {count} slides", "author: deckgen", "sections:"]
    typ = [
        f'#set page(width: {PAGE[0]}, height: {PAGE[1]}, margin: 36pt,'
        ' footer: context align(right, text(size: 12pt, counter(page).display())))',
        "#set text(size: 24pt)",
        f'#align(center + horizon, text(size: 40pt, weight: "bold")[Benchmark, {count} slides])',
    ]
    section = None
    used = set()
    for number, title, caption, image in slides(count, names):
        if number != section:
            section = number
            yaml += [f"  - title: Part {number}", "    slides:"]
            typ += [
                '#page(fill: rgb("#2f6fde"), align(center + horizon, text(fill: white)'
                f'[Section {number} \\ #text(size: 40pt, weight: "bold")[Part {number}]]))',
            ]
        used.add(image)
        yaml += [f"      - title: {title}", f"        caption: {caption}",
                 f"        image: ../images/{image}"]
        typ += [
            "#page[",
            f'  #text(size: 40pt, weight: "bold")[{title}]',
            f"  #par[{caption}]",
            f'  #image("../images/{image}", width: 100%, height: 1fr, fit: "contain")',
            "]",
        ]
    (folder / "deck.yaml").write_text("\n".join(yaml) + "\n")
    (folder / "deck.typ").write_text("\n".join(typ) + "\n")
    order = [f"../images/{image}" for _, _, _, image in slides(count, names)]
    return folder, sorted(used), order


def measure(command, cwd, runs, inner_time=False):
    """Median wall seconds, median CPU seconds (user + system) and peak RSS
    in MB over the runs, after one untimed warm-up. CPU time and the peak
    come from /usr/bin/time: a child of this Python process would report
    this process's own size from before exec."""
    walls, cpus, peaks = [], [], []
    rss_file = WORK / "rss.txt"
    for attempt in range(runs + 1):
        start = time.perf_counter()
        done = subprocess.run(["/usr/bin/time", "-f", "%M %U %S", "-o", rss_file, *command],
                              cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                              env={**os.environ, "SOURCE_DATE_EPOCH": "1795000000"})
        wall = time.perf_counter() - start
        if done.returncode != 0:
            raise SystemExit(f"failed: {command}")
        if attempt == 0:
            continue
        walls.append(float(done.stdout.decode().strip()) if inner_time else wall)
        rss, user, system = rss_file.read_text().split()[-3:]
        peaks.append(int(rss) / 1024)
        cpus.append(float(user) + float(system))
    return statistics.median(walls), statistics.median(cpus), max(peaks)


TYPST = ("import sys, time, typst\n"
         "start = time.perf_counter()\n"
         "typst.compile(sys.argv[1], output=sys.argv[2], root=sys.argv[3])\n"
         "print(time.perf_counter() - start)\n")


def decoded_mb(paths):
    from PIL import Image

    largest = 0
    for path in paths:
        with Image.open(path) as image:
            largest = max(largest, image.width * image.height * len(image.getbands()))
    return largest / 1e6


def machine():
    model = next((line.split(":", 1)[1].strip() for line in open("/proc/cpuinfo")
                  if line.startswith("model name")), platform.processor())
    memory = next(int(line.split()[1]) for line in open("/proc/meminfo")
                  if line.startswith("MemTotal"))
    rustc = subprocess.run(["rustc", "--version"], capture_output=True, text=True).stdout.strip()
    import img2pdf
    import typst

    return (f"{model}, {os.cpu_count()} cores, {memory / 1e6:.1f} GB RAM; "
            f"{platform.system()} {platform.release()}; {rustc}; "
            f"typst (Python binding) {typst.__version__}; img2pdf {img2pdf.__version__}; "
            f"load average before the run {os.getloadavg()[0]:.2f}")


def pages(count):
    """Pages of a benchmark deck: the title, a divider every 15 slides, the slides."""
    return 1 + (count + 14) // 15 + count


def scale_series(deckgen, images, runs):
    """(tool, slides, wall, cpu, rss, bytes per page) for each length of the series."""
    large = [name for name, _, _ in LARGE]
    rows = []
    for count in SCALE:
        folder, used, _ = write_decks(f"scale{count}", count, PHOTOS + large)
        inputs = sum((images / image).stat().st_size for image in used)
        tools = [
            ("deckgen", [deckgen, "deck.yaml", "-o", "deckgen.pdf"], "deckgen.pdf", False),
            ("typst", [sys.executable, "-c", TYPST, "deck.typ", "typst.pdf", str(WORK)],
             "typst.pdf", True),
        ]
        for tool, command, output, inner in tools:
            wall, cpu, rss = measure(command, folder, runs, inner)
            size = (folder / output).stat().st_size
            rows.append((tool, count, wall, cpu, rss, (size - inputs) / pages(count)))
    return rows


def scale_report(rows):
    """The series as a table, the targets, and the chart."""
    lines = [
        "| slides | pages | tool | median wall | median CPU | peak RSS | bytes a page beyond the images |",
        "| ---: | ---: | --- | ---: | ---: | ---: | ---: |",
    ]
    for tool, count, wall, cpu, rss, per_page in rows:
        lines.append(f"| {count} | {pages(count)} | {tool} | {wall:.3f} s | {cpu:.2f} s | "
                     f"{rss:.1f} MB | {per_page:,.0f} |")
    lines.append("")
    for tool in ("deckgen", "typst"):
        by = {count: (wall, cpu, rss, per_page)
              for t, count, wall, cpu, rss, per_page in rows if t == tool}
        first, last = by[SCALE[0]], by[SCALE[-1]]
        lines.append(
            f"{tool}: {SCALE[-1]} slides take {last[0] / first[0]:.1f} x the wall time and "
            f"{last[1] / first[1]:.1f} x the CPU time of {SCALE[0]}, {last[2] / first[2]:.2f} x "
            f"the memory; {last[3]:,.0f} bytes a page at {SCALE[-1]} slides")
    draw_chart(rows)
    lines.append(f"Chart: {CHART.relative_to(ROOT)}")
    return lines


def draw_chart(rows):
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib import pyplot

    figure, axes = pyplot.subplots(1, 3, figsize=(12, 3.6), dpi=100)
    panels = [(2, "median wall time (s)"), (4, "peak memory (MB)"),
              (5, "bytes a page beyond the images")]
    for axis, (column, title) in zip(axes, panels):
        for tool, style in (("deckgen", "o-"), ("typst", "s--")):
            points = [(row[1], row[column]) for row in rows if row[0] == tool]
            axis.plot([p[0] for p in points], [p[1] for p in points], style, label=tool)
        axis.set_title(title, fontsize=10)
        axis.set_xlabel("slides")
        axis.set_xticks(SCALE)
        axis.grid(alpha=0.3)
    axes[0].set_ylim(bottom=0)
    axes[1].set_ylim(bottom=0)
    # Typst's pages cost thousands of bytes, deckgen's hundreds: a log scale.
    axes[2].set_yscale("log")
    axes[2].axhline(400, color="gray", linewidth=0.8, linestyle=":", label="400 bytes")
    axes[0].legend()
    figure.tight_layout()
    figure.savefig(CHART)


def targets(rows, scale_rows, bodies_ratio):
    """The issue's targets, each with its figure and whether it is met."""
    by = {(deck, tool): (wall, cpu, rss) for deck, _, _, tool, wall, cpu, rss, _, _ in rows}
    lines = ["| target | figure | met |", "| --- | --- | --- |"]

    def line(target, figure, met):
        lines.append(f"| {target} | {figure} | {'yes' if met else '**no**'} |")

    if ("deck46", "deckgen") in by:
        ours, theirs = by[("deck46", "deckgen")][0], by[("deck46", "typst")][0]
        line("seed deck (46 slides) ≤ 0.2 × Typst's wall time",
             f"{ours:.3f} s against {theirs:.3f} s: {ours / theirs:.2f} ×", ours / theirs <= 0.2)
    if ("sample deck", "deckgen") in by:
        wall = by[("sample deck", "deckgen")][0]
        line("sample deck under 0.15 s", f"{wall:.3f} s", wall < 0.15)
    if scale_rows:
        ours = {count: row for tool, count, *row in scale_rows if tool == "deckgen"}
        first, last = ours[SCALE[0]], ours[SCALE[-1]]
        line(f"peak RSS at {SCALE[-1]} slides ≤ 2.5 × at {SCALE[0]}",
             f"{last[2]:.1f} / {first[2]:.1f} MB = {last[2] / first[2]:.2f} ×",
             last[2] / first[2] <= 2.5)
        line(f"bytes a page beyond the images, {SCALE[-1]} slides, tags on, ≤ 400",
             f"{last[3]:.0f}", last[3] <= 400)
    if bodies_ratio is not None:
        line("500 slides of lists and code ≤ 0.2 × Typst's wall time",
             f"{bodies_ratio:.2f} ×", bodies_ratio <= 0.2)
    return lines


def main():
    started = time.perf_counter()
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=5, help="timed runs per tool and deck")
    parser.add_argument("--scale-runs", type=int, default=2,
                        help="timed runs per tool and length in the scale series")
    parser.add_argument("--deckgen", type=Path,
                        help="a deckgen binary to measure instead of building one with cargo")
    parser.add_argument("--only", choices=["decks", "scale"],
                        help="run only the benchmark decks, or only the scale series")
    parser.add_argument("--all", action="store_true",
                        help="everything, 5 fresh runs each, with the bodies benchmark and the targets")
    args = parser.parse_args()
    if args.all:
        args.runs = max(args.runs, 5)
        args.scale_runs = max(args.scale_runs, 5)
        args.only = None
    ensure_venv()
    images = photos()
    large_pictures(images)
    deckgen = args.deckgen.resolve() if args.deckgen else ROOT / "target" / "release" / "deckgen"
    if not args.deckgen:
        run(["cargo", "build", "--release", "--quiet"], cwd=ROOT)
    described = machine()
    print(f"Machine: {described}", file=sys.stderr)
    scale_lines, scale_rows = [], []
    if args.only != "decks":
        load = os.getloadavg()[0]
        scale_rows = scale_series(deckgen, images, args.scale_runs)
        scale_lines = ["", f"Scale series, {args.scale_runs} timed runs each (load average "
                       f"{load:.2f} before, {os.getloadavg()[0]:.2f} after):", "",
                       *scale_report(scale_rows)]
    if args.only == "scale":
        report = "\n".join([f"Machine: {described}", *scale_lines,
                            f"Load average after the run: {os.getloadavg()[0]:.2f}"]) + "\n"
        (WORK / "results.md").write_text(report)
        print(report)
        return
    load = os.getloadavg()[0]
    rows = []
    large = [name for name, _, _ in LARGE]
    # img2pdf takes seconds a run on the long deck and is no target: once, with --all.
    img2pdf_runs = 1 if args.all else args.runs
    # The large pictures in the long deck only; the short one is like a talk
    # with a photo on most slides.
    for name, count, names in [("deck500", 500, PHOTOS + large), ("deck46", 46, PHOTOS)]:
        folder, used, order = write_decks(name, count, names)
        inputs = sum((images / image).stat().st_size for image in used)
        bound = 2 * decoded_mb([images / image for image in used]) + 64
        tools = [
            ("deckgen", [deckgen, "deck.yaml", "-o", "deckgen.pdf"], "deckgen.pdf", False,
             args.runs),
            ("typst", [sys.executable, "-c", TYPST, "deck.typ", "typst.pdf", str(WORK)],
             "typst.pdf", True, args.runs),
            ("img2pdf", [VENV / "bin" / "img2pdf", "--pagesize", "x".join(PAGE),
                         "--fit", "into", "-o", "img2pdf.pdf", *order], "img2pdf.pdf", False,
             img2pdf_runs),
        ]
        for tool, command, output, inner, runs in tools:
            wall, cpu, rss = measure(command, folder, runs, inner)
            size = (folder / output).stat().st_size
            rows.append((name, len(used), inputs, tool, wall, cpu, rss, size, bound))
    sample_inputs = sum(p.stat().st_size for p in (ROOT / "images").iterdir())
    wall, cpu, rss = measure([deckgen, "deck.yaml", "-o", WORK / "sample.pdf"], ROOT, args.runs)
    sample_bound = 2 * decoded_mb(sorted((ROOT / "images").iterdir())) + 64
    rows.append(("sample deck", len(list((ROOT / "images").iterdir())), sample_inputs,
                 "deckgen", wall, cpu, rss, (WORK / "sample.pdf").stat().st_size, sample_bound))
    lines = [
        f"Machine: {described}; {args.runs} timed runs each"
        f"{' (img2pdf 1)' if args.all else ''}; load average {load:.2f} before the decks, "
        f"{os.getloadavg()[0]:.2f} after.",
        "",
        "| deck | distinct images (bytes) | tool | median wall | median CPU | peak RSS "
        "| output bytes | output / images |",
        "| --- | --- | --- | ---: | ---: | ---: | ---: | ---: |",
    ]
    for deck, distinct, inputs, tool, wall, cpu, rss, size, bound in rows:
        lines.append(f"| {deck} | {distinct} ({inputs:,}) | {tool} | {wall:.3f} s | "
                     f"{cpu:.2f} s | {rss:.1f} MB | {size:,} | {size / inputs:.3f} |")
    lines.append("")
    for deck, distinct, inputs, tool, wall, cpu, rss, size, bound in rows:
        if tool == "deckgen":
            lines.append(f"{deck}: size limit 1.02 x images + 100 KB = "
                         f"{1.02 * inputs + 100_000:,.0f} bytes; RSS limit 2 x largest decoded "
                         f"image + output + 64 MB = {bound + size / 1e6:.1f} MB")
    lines += scale_lines
    bodies_ratio = None
    if args.all:
        import bodies

        body_lines, bodies_ratio = bodies.measure(deckgen, 500, args.runs)
        lines += ["", *body_lines]
        lines += ["", *targets(rows, scale_rows, bodies_ratio)]
    lines.append("")
    lines.append(f"Load average after the run: {os.getloadavg()[0]:.2f}; "
                 f"{time.perf_counter() - started:.0f} s in all.")
    report = "\n".join(lines) + "\n"
    (WORK / "results.md").write_text(report)
    print(report)


if __name__ == "__main__":
    main()
