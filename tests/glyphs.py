#!/usr/bin/env python3
"""Prints the glyphs, filled rectangles, images and stroked lines of a PDF's
page as pdfplumber reads them back (text, box in points from the page's top
left, size, font; a line's ends and width), as JSON, for tests/math.rs and
tests/math_captions.rs:
python3 glyphs.py FILE.pdf PAGE"""
import json
import sys

import pdfplumber

with pdfplumber.open(sys.argv[1]) as pdf:
    page = pdf.pages[int(sys.argv[2]) - 1]
    glyphs = [
        {
            "text": c["text"],
            "x0": c["x0"],
            "x1": c["x1"],
            "top": c["top"],
            "bottom": c["bottom"],
            "size": c["size"],
            "font": c["fontname"],
        }
        for c in page.chars
    ]
    rects = [
        {"x0": r["x0"], "x1": r["x1"], "top": r["top"], "bottom": r["bottom"]}
        for r in page.rects
    ]
    images = [
        {"x0": i["x0"], "x1": i["x1"], "top": i["top"], "bottom": i["bottom"]}
        for i in page.images
    ]
    lines = [
        {"from": line["pts"][0], "to": line["pts"][-1], "width": line["linewidth"]}
        for line in page.lines
    ]
    json.dump(
        {"glyphs": glyphs, "rects": rects, "images": images, "lines": lines}, sys.stdout
    )
