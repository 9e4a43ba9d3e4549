#!/usr/bin/env python3
"""resvg's own SVG test suite through deckgen, each file's outcome pinned.

    git clone https://github.com/linebender/resvg && git -C resvg checkout COMMIT
    python3 tests/resvg_suite.py --resvg resvg               # compare with the pins
    python3 tests/resvg_suite.py --resvg resvg --update      # write the pins anew
    python3 tests/resvg_suite.py --resvg resvg --deckgen target/debug/deckgen
    python3 tests/resvg_suite.py --resvg resvg --pdf-check   # and pdf-check every PDF

COMMIT is the one `tests/fixtures/resvg/README.md` names (also below). Each
SVG under `crates/resvg/tests/tests/` is built as the image of a one-slide
deck, and its outcome is compared with `tests/fixtures/resvg/outcomes.txt`
(the files of a folder share a deck, so 110 builds cover its 109 folders):
`ok` (placed, no warning), `warning: MESSAGE` (placed; the message says
what is lost), or `error: MESSAGE` (refused), one line per message, in the
format of `tests/fixtures/corpus/outcomes.txt`. A panic, a signal or a
time-out is never an outcome: it fails the run whatever the pins say.

`--pdf-check` keeps the PDF of every build that succeeds (in `--keep`,
one a deck) and runs `../shared/tools/pdf-check` on each, expecting a page
a file, two at a time under `nice -n 10` (a few seconds a PDF); a PDF that
fails it fails the run.

`cargo test` runs the files copied into `tests/fixtures/resvg/tests/` (a
fixed subset) against the same pins; this script runs them all, two at a
time.
"""

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PINS = ROOT / "tests" / "fixtures" / "resvg" / "outcomes.txt"
COMMIT = "08c79a3148df4ce8ab08fca72204b142b95423dd"
HEADLINE = re.compile(r"^(error|warning): deck\.yaml:(\d+):\d+: (.*)$")
TIMEOUT = 300
PDF_CHECK = ROOT.parent / "shared" / "tools" / "pdf-check"
# The line of a deck's first image (as in tests/corpus.rs).
FIRST_LINE = 7


def deck(files):
    """A deck showing each of `files` on a slide of its own, from line FIRST_LINE on."""
    slides = "".join(f"      - image: \"{file}\"\n" for file in files)
    return ("title: resvg\ntitle_slide: false\nsections:\n  - title: Suite\n"
            f"    divider: false\n    slides:\n{slides}")


def kept_name(files):
    """The name a build's PDF is kept under: its folder's path, or its one
    file's when it was built alone."""
    name = files[0][:-len(".svg")] if len(files) == 1 else str(Path(files[0]).parent)
    return name.replace("/", "-") + ".pdf"


def build(deckgen, suite, files, keep=None):
    """(exit code, {file: [pinned lines]}, stderr) of one build of `files`;
    with `keep`, a PDF written goes there (`kept_name`)."""
    with tempfile.TemporaryDirectory() as work:
        # The deck names the files as the pins do; `../resources` in them
        # resolves through the links.
        os.symlink(suite / "tests", Path(work) / "tests")
        os.symlink(suite / "resources", Path(work) / "resources")
        (Path(work) / "deck.yaml").write_text(deck(files))
        try:
            done = subprocess.run([str(deckgen), "deck.yaml", "-o", "out.pdf", "--no-pdfpc"],
                                  cwd=work, capture_output=True, text=True, timeout=TIMEOUT,
                                  env={**os.environ, "SOURCE_DATE_EPOCH": "0"})
        except subprocess.TimeoutExpired:
            return None, {}, f"no result in {TIMEOUT} s"
        if keep is not None and done.returncode == 0:
            shutil.move(Path(work) / "out.pdf", keep / kept_name(files))
    lines = {file: [] for file in files}
    for line in done.stderr.splitlines():
        match = HEADLINE.match(line)
        if match:
            file = files[int(match[2]) - FIRST_LINE]
            lines[file].append(f"{file} => {match[1]}: {match[3]}")
    return done.returncode, lines, done.stderr


def outcomes(deckgen, suite, files, keep=None):
    """({file: pinned lines}, [failures]) for `files`, built together: the
    refused files are found by their errors and the rest built again
    without them, since a deck that is refused is not laid out and so gets
    none of the warnings of layout. A crash is tracked down file by file."""
    code, lines, stderr = build(deckgen, suite, files, keep)
    if code not in (0, 1):
        if len(files) == 1:
            return {}, [f"{files[0]}: exit {code}\n{stderr}"]
        found, failures = {}, []
        for file in files:
            one, failed = outcomes(deckgen, suite, [file], keep)
            found.update(one)
            failures += failed
        return found, failures
    refused = {file: found for file, found in lines.items()
               if any(" => error: " in line for line in found)}
    if code == 1 and not refused:
        return {}, [f"{files[0]} and the rest of its folder: refused with no error naming a file\n{stderr}"]
    if code == 0 or len(refused) == len(files):
        return {file: found or [f"{file} => ok"] for file, found in lines.items()}, []
    rest, failures = outcomes(deckgen, suite, [file for file in files if file not in refused], keep)
    return {**refused, **rest}, failures


def pdf_checks(keep, found, jobs):
    """([(PDF, its files)], [(PDF, its files, pdf-check's failing rows)]):
    every PDF kept, checked for a page a file it places."""
    placed = {}
    for file, pinned in found.items():
        if not any(" => error: " in line for line in pinned):
            placed.setdefault(str(Path(file).parent), []).append(file)
    pdfs = []
    for folder, files in sorted(placed.items()):
        whole = keep / kept_name(files)
        if whole.exists():
            pdfs.append((whole, files))
        else:  # built file by file after a crash
            pdfs += [(keep / kept_name([file]), [file]) for file in files]

    def check(pdf, files):
        if not pdf.exists():
            return "no PDF was written"
        done = subprocess.run(["nice", "-n", "10", str(PDF_CHECK), str(pdf), "--quiet",
                               "--expect-pages", str(len(files))],
                              capture_output=True, text=True)
        return None if done.returncode == 0 else (done.stdout + done.stderr).strip()

    with ThreadPoolExecutor(jobs) as pool:
        results = list(pool.map(lambda item: check(*item), pdfs))
    failed = [(pdf, files, rows) for (pdf, files), rows in zip(pdfs, results) if rows is not None]
    return pdfs, failed


def read_pins():
    pins = {}
    for line in PINS.read_text().splitlines():
        if line.strip() and not line.startswith("#"):
            pins.setdefault(line.split(" => ", 1)[0], []).append(line)
    return pins


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--resvg", type=Path, required=True, help="a checkout of linebender/resvg")
    parser.add_argument("--deckgen", type=Path, help="the binary (default: a release build)")
    parser.add_argument("--update", action="store_true", help="write the outcomes as the pins")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--only", default="", help="only the files whose path starts so (no --update)")
    parser.add_argument("--pdf-check", action="store_true",
                        help="keep every PDF and run ../shared/tools/pdf-check on each")
    parser.add_argument("--keep", type=Path, default=ROOT / "target" / "resvg-suite",
                        help="where --pdf-check keeps the PDFs (its PDFs are deleted first)")
    args = parser.parse_args()
    keep = None
    if args.pdf_check:
        if not PDF_CHECK.exists():
            sys.exit(f"--pdf-check needs {PDF_CHECK}")
        keep = args.keep.resolve()
        keep.mkdir(parents=True, exist_ok=True)
        for old in keep.glob("*.pdf"):
            old.unlink()
    head = subprocess.run(["git", "-C", str(args.resvg), "rev-parse", "HEAD"],
                          capture_output=True, text=True).stdout.strip()
    if head and head != COMMIT:
        sys.exit(f"the checkout is at {head}; the pins are for {COMMIT}")
    suite = (args.resvg / "crates" / "resvg" / "tests").resolve()
    deckgen = args.deckgen
    if deckgen is None:
        subprocess.run(["cargo", "build", "--release", "--quiet"], cwd=ROOT, check=True)
        deckgen = ROOT / "target" / "release" / "deckgen"
    deckgen = deckgen.resolve()
    files = sorted(str(path.relative_to(suite)) for path in (suite / "tests").rglob("*.svg"))
    if args.only:
        if args.update:
            sys.exit("--update writes the pins of the whole suite: give no --only")
        files = [file for file in files if file.startswith(args.only)]
    folders = {}
    for file in files:
        folders.setdefault(str(Path(file).parent), []).append(file)
    with ThreadPoolExecutor(args.jobs) as pool:
        results = list(pool.map(lambda group: outcomes(deckgen, suite, group, keep),
                                folders.values()))
    found = {file: pinned for done, _ in results for file, pinned in done.items()}
    failures = [failure for _, failed in results for failure in failed]
    lines = [line for file in files for line in found.get(file, [])]
    counts = {"ok": 0, "warning": 0, "error": 0}
    for pinned in found.values():
        kinds = {line.split(" => ", 1)[1].split(":", 1)[0] for line in pinned}
        counts["error" if "error" in kinds else "warning" if "warning" in kinds else "ok"] += 1
    print(f"{len(files)} files: {counts['ok']} placed, {counts['warning']} placed with a warning, "
          f"{counts['error']} refused, {len(failures)} failed (panic, signal or time-out)")
    for failure in failures:
        print(f"FAILED {failure}")
    if keep is not None:
        pdfs, failed = pdf_checks(keep, found, args.jobs)
        print(f"pdf-check: {len(pdfs)} PDFs (in {keep}), {len(pdfs) - len(failed)} passed, "
              f"{len(failed)} failed")
        for pdf, files, rows in failed:
            print(f"PDF-CHECK FAILED {pdf.name} ({len(files)} files: {files[0]} ...)\n{rows}")
        failures += [f"pdf-check {pdf.name}" for pdf, _, _ in failed]
    if args.update:
        header = [line for line in PINS.read_text().splitlines() if line.startswith("#")] \
            if PINS.exists() else []
        PINS.write_text("\n".join(header + lines) + "\n")
        print(f"wrote {PINS.relative_to(ROOT)}")
        return 1 if failures else 0
    pins = read_pins()
    changed = [file for file in files if file in found and pins.get(file) != found[file]]
    for file in changed:
        print(f"CHANGED {file}\n  pinned: {pins.get(file)}\n  now:    {found[file]}")
    missing = [] if args.only else sorted(set(pins) - set(files))
    for file in missing:
        print(f"PINNED BUT NOT IN THE SUITE {file}")
    print(f"{len(changed)} outcomes differ from the pins")
    return 1 if failures or changed or missing else 0


if __name__ == "__main__":
    sys.exit(main())
