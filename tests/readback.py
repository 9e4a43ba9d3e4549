"""Reads a deckgen PDF back with pdfplumber, as a text extractor that knows
positions, fonts and colours sees it, and prints it as JSON for
tests/readback.rs: per page its words (text, box, font, fill colour), its
link annotations (box, URI) and its structure tree (type, attributes,
children). Run as `python3 tests/readback.py FILE.pdf`."""

import json
import sys

import pdfplumber


def colour(value):
    """A fill colour as a list of components (one for gray, three for RGB)."""
    if value is None:
        return []
    if isinstance(value, (int, float)):
        return [round(float(value), 3)]
    return [round(float(component), 3) for component in value]


def word(found):
    return {
        "text": found["text"],
        "x0": round(found["x0"], 2),
        "x1": round(found["x1"], 2),
        "top": round(found["top"], 2),
        "bottom": round(found["bottom"], 2),
        # Without the subset tag: `ABCDEF+NotoSans-Bold` is `NotoSans-Bold`.
        "font": found["fontname"].split("+", 1)[-1],
        "colour": colour(found["non_stroking_color"]),
    }


def link(annot):
    return {
        "x0": round(annot["x0"], 2),
        "x1": round(annot["x1"], 2),
        "top": round(annot["top"], 2),
        "bottom": round(annot["bottom"], 2),
        "uri": annot.get("uri"),
    }


def element(found):
    return {
        "type": found["type"],
        "attributes": found.get("attributes", {}),
        "children": [element(child) for child in found.get("children", [])],
    }


def page(found):
    words = found.extract_words(
        extra_attrs=["fontname", "non_stroking_color"], keep_blank_chars=False
    )
    return {
        "words": [word(w) for w in words],
        "links": [link(a) for a in found.annots if a["data"].get("Subtype") is not None and a["data"]["Subtype"].name == "Link"],
        "tree": [element(e) for e in found.structure_tree],
    }


def main():
    with pdfplumber.open(sys.argv[1]) as pdf:
        json.dump({"pages": [page(p) for p in pdf.pages]}, sys.stdout)


main()
