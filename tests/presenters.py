#!/usr/bin/env python3
"""What presenter programs see in a PDF deckgen wrote, printed as JSON for
the integration tests (tests/present.rs) to pin.

    presenters.py poppler FILE.pdf     links, notes and outline through poppler's
                                       own API (python3-gi, gir1.2-poppler-0.18),
                                       the calls pdfpc, pympress and Okular make
    presenters.py pdfpc FILE.pdf PORT  starts pdfpc under xvfb-run with its REST
                                       server on PORT and prints its page count,
                                       duration and each page's notes as it shows them

Run it with Debian's python3, the one python3-gi is installed for.
"""

import html.parser
import json
import os
import re
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request


def poppler(path):
    import gi

    gi.require_version("Poppler", "0.18")
    from gi.repository import GLib, Poppler

    doc = Poppler.Document.new_from_file(GLib.filename_to_uri(os.path.abspath(path)), None)

    def destination(dest):
        """A GotoDest's destination: its name and the page (from 0) that
        find_dest gives it, as pdfpc resolves it; or an explicit page."""
        if dest.type == Poppler.DestType.NAMED:
            found = doc.find_dest(dest.named_dest)
            return {"named": dest.named_dest, "page": found.page_num - 1 if found else None}
        return {"explicit": dest.page_num - 1}

    pages = []
    for index in range(doc.get_n_pages()):
        page = doc.get_page(index)
        links = []
        for mapping in page.get_link_mapping():
            action = mapping.action
            if action.type == Poppler.ActionType.GOTO_DEST:
                links.append(destination(action.goto_dest.dest))
            elif action.type == Poppler.ActionType.URI:
                links.append({"uri": action.uri.uri})
            else:
                links.append({"other": action.type.value_nick})
        links.sort(key=lambda link: json.dumps(link, sort_keys=True))

        def notes():
            return [
                mapping.annot
                for mapping in page.get_annot_mapping()
                if mapping.annot.get_annot_type() == Poppler.AnnotType.TEXT
            ]

        found = notes()
        # pdfpc and pympress read each note, then remove it so that it is not
        # drawn on the slide; poppler can remove only annotations stored as
        # objects of their own.
        for annot in found:
            page.remove_annot(annot)
        pages.append(
            {
                "links": links,
                "notes": [annot.get_contents() for annot in found],
                "notes_left_after_removal": len(notes()),
            }
        )

    def outline(entries):
        items = []
        while entries is not None:
            action = entries.get_action()
            item = {"title": action.goto_dest.title}
            item.update(destination(action.goto_dest.dest))
            child = entries.get_child()
            if child is not None:
                item["children"] = outline(child)
            items.append(item)
            if not entries.next():
                break
        return items

    return {"pages": pages, "outline": outline(Poppler.IndexIter.new(doc))}


class NoteText(html.parser.HTMLParser):
    """The text a browser shows for pdfpc's notes HTML: runs of white space
    are one space, <br> breaks the line and paragraphs are separated by a
    blank line."""

    def __init__(self):
        super().__init__()
        self.parts = []

    def handle_starttag(self, tag, attrs):
        if tag == "br":
            self.parts.append("\n")

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag):
        if tag == "p":
            self.parts.append("\n\n")

    def handle_data(self, data):
        self.parts.append(re.sub(r"[ \t\n\r\f]+", " ", data))

    def text(self):
        lines = "".join(self.parts).split("\n")
        # Spaces around a line break are not shown; no-break spaces are.
        text = "\n".join(line.strip(" ") for line in lines).strip("\n")
        return text.replace("\xa0", " ")


def pdfpc(path, port):
    password = "deckgen"
    with tempfile.TemporaryDirectory() as config:
        os.makedirs(os.path.join(config, "pdfpc"))
        with open(os.path.join(config, "pdfpc", "pdfpcrc"), "w") as rc:
            rc.write(f"option rest-passwd {password}\n")
        log = open(os.path.join(config, "log"), "w+")
        command = [
            "xvfb-run", "-a", "-s", "-screen 0 1280x800x24",
            "pdfpc", "--enable-rest-server", "--rest-port", str(port),
            "--windowed", "both", os.path.abspath(path),
        ]
        env = dict(os.environ, XDG_CONFIG_HOME=config)
        process = subprocess.Popen(
            command, stdout=log, stderr=subprocess.STDOUT, env=env, start_new_session=True
        )
        auth = urllib.request.HTTPBasicAuthHandler()
        auth.add_password("pdfpc REST service", f"http://127.0.0.1:{port}/", "pdfpc", password)
        opener = urllib.request.build_opener(auth)

        def get(path):
            with opener.open(f"http://127.0.0.1:{port}{path}", timeout=5) as response:
                return response.read().decode("utf-8")

        try:
            started = time.monotonic()
            while True:
                try:
                    # The first call takes control of the session.
                    get("/api/helo")
                    break
                except OSError:
                    if process.poll() is not None or time.monotonic() - started > 30:
                        log.seek(0)
                        sys.exit(f"pdfpc did not answer on port {port}:\n{log.read()}")
                    time.sleep(0.1)
            meta = json.loads(get("/api/meta"))
            notes = {}
            for index in range(meta["slides"]):
                parser = NoteText()
                parser.feed(get(f"/api/notes/{index}/html"))
                text = parser.text()
                if text:
                    notes[str(index)] = text
            return {"slides": meta["slides"], "duration": meta["duration"], "notes": notes}
        finally:
            os.killpg(process.pid, signal.SIGTERM)
            process.wait(timeout=10)


def main():
    if len(sys.argv) == 3 and sys.argv[1] == "poppler":
        report = poppler(sys.argv[2])
    elif len(sys.argv) == 4 and sys.argv[1] == "pdfpc":
        report = pdfpc(sys.argv[2], int(sys.argv[3]))
    else:
        sys.exit(__doc__)
    print(json.dumps(report, indent=1, ensure_ascii=False))


if __name__ == "__main__":
    main()
