#!/usr/bin/env python3
"""What presenter programs see in a PDF deckgen wrote, printed as JSON for
the integration tests (tests/present.rs) to pin.

    presenters.py poppler FILE.pdf     links, notes and outline through poppler's
                                       own API (python3-gi, gir1.2-poppler-0.18),
                                       the calls pdfpc, pympress and Okular make
    presenters.py pdfpc FILE.pdf PORT  starts pdfpc on its own Xvfb display with its
                                       REST server on PORT and prints its page count,
                                       duration, each page's notes as it shows them,
                                       and the page a click on each link to a slide
                                       opens (clicked with xdotool)
    presenters.py pdfpc-steps FILE.pdf PORT
                                       the same pdfpc: its page and slide counts (the
                                       slides its overview shows and its counter
                                       counts), the slide each page belongs to, and
                                       where its "next slide" key (nextOverlay) goes
                                       from each page
    presenters.py pympress FILE.pdf    pympress's own document model (pympress.document,
                                       which its window drives): each page's label,
                                       where its next-slide and previous-slide keys
                                       go from each page, and its outline's pages

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
                "label": page.get_label(),
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


def xvfb():
    """Starts an X server on a free display; returns it and the display."""
    read, write = os.pipe()
    server = subprocess.Popen(
        ["Xvfb", "-displayfd", str(write), "-screen", "0", "1280x1200x24", "-nolisten", "tcp"],
        pass_fds=[write],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    os.close(write)
    number = b""
    while not number.endswith(b"\n"):
        chunk = os.read(read, 16)
        if not chunk:
            sys.exit("Xvfb did not start")
        number += chunk
    os.close(read)
    return server, ":" + number.decode().strip()


def xdotool(display, *args):
    result = subprocess.run(
        ["xdotool", *args],
        env=dict(os.environ, DISPLAY=display),
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stdout


def goto_links(path):
    """Each page's links to destinations, with the centre of each link's
    area in PDF points (y up), through poppler as pdfpc maps them."""
    import gi

    gi.require_version("Poppler", "0.18")
    from gi.repository import GLib, Poppler

    doc = Poppler.Document.new_from_file(GLib.filename_to_uri(os.path.abspath(path)), None)
    size = doc.get_page(0).get_size()
    pages = {}
    for index in range(doc.get_n_pages()):
        mappings = doc.get_page(index).get_link_mapping()
        for mapping in mappings:
            action = mapping.action
            if action.type == Poppler.ActionType.GOTO_DEST:
                area = mapping.area
                centre = ((area.x1 + area.x2) / 2, (area.y1 + area.y2) / 2)
                name = action.goto_dest.dest.named_dest
                pages.setdefault(index, []).append((name, centre))
    return size, pages


def pdfpc(path, port, steps=False):
    """pdfpc's page count, duration and notes as it renders them, and where
    a click on each link to a slide takes it; with `steps`, how it groups
    the pages into slides instead."""
    password = "deckgen"
    size, links = goto_links(path)
    server, display = xvfb()
    with tempfile.TemporaryDirectory() as config:
        os.makedirs(os.path.join(config, "pdfpc"))
        with open(os.path.join(config, "pdfpc", "pdfpcrc"), "w") as rc:
            rc.write(f"option rest-passwd {password}\n")
        log = open(os.path.join(config, "log"), "w+")
        command = [
            "pdfpc", "--enable-rest-server", "--rest-port", str(port),
            "--windowed", "both", os.path.abspath(path),
        ]
        env = dict(os.environ, XDG_CONFIG_HOME=config, DISPLAY=display)
        process = subprocess.Popen(
            command, stdout=log, stderr=subprocess.STDOUT, env=env, start_new_session=True
        )
        auth = urllib.request.HTTPBasicAuthHandler()
        auth.add_password("pdfpc REST service", f"http://127.0.0.1:{port}/", "pdfpc", password)
        opener = urllib.request.build_opener(auth)

        def request(path, body=None):
            data = None if body is None else json.dumps(body).encode()
            method = "GET" if body is None else "PUT"
            url = f"http://127.0.0.1:{port}{path}"
            with opener.open(urllib.request.Request(url, data, method=method), timeout=5) as response:
                return response.read().decode("utf-8")

        def fail(message):
            log.seek(0)
            sys.exit(f"{message}\npdfpc said:\n{log.read()}")

        def slide():
            return json.loads(request("/api/state"))["slide"]

        try:
            started = time.monotonic()
            while True:
                try:
                    # The first call takes control of the session.
                    request("/api/helo")
                    break
                except OSError:
                    if process.poll() is not None or time.monotonic() - started > 30:
                        fail(f"pdfpc did not answer on port {port}")
                    time.sleep(0.1)
            meta = json.loads(request("/api/meta"))
            if steps:
                return pdfpc_steps(meta, request)
            notes = {}
            for index in range(meta["slides"]):
                parser = NoteText()
                parser.feed(request(f"/api/notes/{index}/html"))
                text = parser.text()
                if text:
                    notes[str(index)] = text

            def window(name):
                deadline = time.monotonic() + 10
                while time.monotonic() < deadline:
                    found = subprocess.run(
                        ["xdotool", "search", "--onlyvisible", "--name", name],
                        env=dict(os.environ, DISPLAY=display),
                        capture_output=True,
                        text=True,
                    ).stdout.split()
                    if found:
                        return found[0]
                    time.sleep(0.1)
                fail(f"no window named {name!r}")

            # Both windows open at the top-left corner: move the presenter's
            # out of the way, and find where the audience's shows the slide.
            xdotool(display, "windowmove", window("pdfpc - presenter"), "0", "700")
            window = window("pdfpc - presentation")
            xdotool(display, "windowmove", "--sync", window, "0", "0")
            xdotool(display, "windowraise", window)
            shape = dict(
                line.split("=") for line in xdotool(display, "getwindowgeometry", "--shell", window).split()
            )
            width, height = float(shape["WIDTH"]), float(shape["HEIGHT"])
            scale = min(width / size[0], height / size[1])
            left = (width - size[0] * scale) / 2
            top = (height - size[1] * scale) / 2
            followed = {}
            for page, page_links in sorted(links.items()):
                for name, (x, y) in page_links:
                    request("/api/control", {"action": "gotoPage", "argument": str(page + 1)})
                    if slide() != page:
                        fail(f"pdfpc did not go to page {page + 1}")
                    # Let the page settle. (A click during a transition only
                    # turns the page, so decks checked here have none.)
                    time.sleep(0.5)
                    click = (round(left + x * scale), round(top + (size[1] - y) * scale))
                    xdotool(display, "mousemove", str(click[0]), str(click[1]), "click", "1")
                    deadline = time.monotonic() + 3
                    while slide() == page and time.monotonic() < deadline:
                        time.sleep(0.05)
                    followed.setdefault(str(page), []).append([name, slide()])
                followed[str(page)].sort()
            return {
                "slides": meta["slides"],
                "duration": meta["duration"],
                "notes": notes,
                "followed": followed,
            }
        finally:
            os.killpg(process.pid, signal.SIGTERM)
            process.wait(timeout=10)
            server.terminate()
            server.wait(timeout=10)


def pdfpc_steps(meta, request):
    """How pdfpc groups the pages into slides: its counts, each page's
    slide (from 0, as its counter shows it less one), the page its "next
    slide" action (nextOverlay, Page Down) reaches from each page, and the
    page its "go to slide N" (gotoPage) opens for each slide."""

    def state():
        shown = json.loads(request("/api/state"))
        return shown["slide"], shown["user_slide"]

    def act(action, argument=None, settled=lambda: True):
        body = {"action": action}
        if argument is not None:
            body["argument"] = argument
        request("/api/control", body)
        deadline = time.monotonic() + 3
        while not settled() and time.monotonic() < deadline:
            time.sleep(0.05)

    def page_is(page):
        return lambda: state()[0] == page

    def first_then(page):
        """Goes to the first page, then turns `page` pages one by one."""
        act("gotoFirst", settled=page_is(0))
        for turned in range(1, page + 1):
            act("next", settled=page_is(turned))

    slide_of_page = []
    next_slide_from = []
    for page in range(meta["slides"]):
        first_then(page)
        slide_of_page.append(state()[1])
        act("nextOverlay", settled=lambda: state()[0] != page)
        next_slide_from.append(state()[0])
    goto_slide = []
    for slide in range(meta["user_slides"]):
        act("gotoPage", str(slide + 1), settled=lambda: state()[1] == slide)
        goto_slide.append(state()[0])
    return {
        "pages": meta["slides"],
        "slides": meta["user_slides"],
        "slide_of_page": slide_of_page,
        "next_slide_from": next_slide_from,
        "goto_slide": goto_slide,
    }


def pympress(path):
    """What pympress's document model, which its window drives, makes of
    the pages: labels, the page its next-slide and previous-slide keys
    reach from each page, and the page each bookmark opens."""
    import gi

    gi.require_version("Poppler", "0.18")
    from gi.repository import GLib
    from pympress import document

    doc = document.Document.create(None, GLib.filename_to_uri(os.path.abspath(path)))
    pages = range(doc.pages_number())

    def bookmarks(index):
        found = []
        for page, entry in sorted(index.items()):
            found.append({"title": entry["title"], "page": page})
            found.extend(bookmarks(entry.get("children", {})))
        return found

    return {
        "labels": [doc.page_labels[page] for page in pages],
        "next_slide_from": [doc.label_after(page) for page in pages],
        "previous_slide_from": [doc.label_before(page) for page in pages],
        "outline": bookmarks(doc.get_structure()),
    }


def main():
    if len(sys.argv) == 3 and sys.argv[1] == "poppler":
        report = poppler(sys.argv[2])
    elif len(sys.argv) == 3 and sys.argv[1] == "pympress":
        report = pympress(sys.argv[2])
    elif len(sys.argv) == 4 and sys.argv[1] == "pdfpc":
        report = pdfpc(sys.argv[2], int(sys.argv[3]))
    elif len(sys.argv) == 4 and sys.argv[1] == "pdfpc-steps":
        report = pdfpc(sys.argv[2], int(sys.argv[3]), steps=True)
    else:
        sys.exit(__doc__)
    print(json.dumps(report, indent=1, ensure_ascii=False))


if __name__ == "__main__":
    main()
