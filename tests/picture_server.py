#!/usr/bin/env python3
"""A local https server of pictures for deckgen's download tests.

Listens on 127.0.0.1 only, with the test certificate in tests/fixtures/https
(signed by the test CA there), on a free port it prints as its first line.
It counts the requests for each path (path and query) in the JSON file
COUNTS, rewritten after each request, and answers:

  /files/NAME[?anything]   the file NAME of the folder given (200);
                           `type=` in the query sets the Content-Type
  /redirect/NAME           302 to /files/NAME
  /to-http/NAME            302 to http://127.0.0.1:PORT/files/NAME
  /stall                   the headers, then nothing for a minute
  /huge                    a declared length of 300 MiB, then a trickle
  /page                    a web page (text/html), not a picture
  anything else            404

Usage: picture_server.py CERT KEY FOLDER COUNTS
"""

import http.server
import json
import os
import ssl
import sys
import threading
import time
from urllib.parse import parse_qs, urlsplit


class Pictures(http.server.BaseHTTPRequestHandler):
    counts = {}
    lock = threading.Lock()
    folder = "."
    counts_file = "counts.json"

    def log_message(self, *args):
        pass

    def send(self, status, body, content_type="application/octet-stream", extra=()):
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for name, value in extra:
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self):
        url = urlsplit(self.path)
        with self.lock:
            self.counts[self.path] = self.counts.get(self.path, 0) + 1
            with open(self.counts_file + ".tmp", "w") as file:
                json.dump(self.counts, file)
            os.replace(self.counts_file + ".tmp", self.counts_file)
        port = self.server.server_address[1]
        if url.path.startswith("/files/"):
            name = os.path.basename(url.path[len("/files/"):])
            path = os.path.join(self.folder, name)
            if not os.path.isfile(path):
                self.send(404, b"not found", "text/plain")
                return
            with open(path, "rb") as file:
                body = file.read()
            kind = parse_qs(url.query).get("type", ["application/octet-stream"])[0]
            self.send(200, body, kind)
        elif url.path.startswith("/redirect/"):
            to = "/files/" + url.path[len("/redirect/"):]
            self.send(302, b"", "text/plain", [("Location", to)])
        elif url.path.startswith("/to-http/"):
            to = f"http://127.0.0.1:{port}/files/" + url.path[len("/to-http/"):]
            self.send(302, b"", "text/plain", [("Location", to)])
        elif url.path == "/stall":
            self.send_response(200)
            self.send_header("Content-Type", "image/png")
            self.send_header("Content-Length", "1000")
            self.end_headers()
            self.wfile.flush()
            time.sleep(60)
        elif url.path == "/huge":
            self.send_response(200)
            self.send_header("Content-Type", "image/png")
            self.send_header("Content-Length", str(300 << 20))
            self.end_headers()
            try:
                for _ in range(600):
                    self.wfile.write(b"\0" * 4096)
                    time.sleep(0.1)
            except OSError:
                pass
        elif url.path == "/page":
            self.send(200, b"<!doctype html><title>Sign in</title>", "text/html; charset=utf-8")
        else:
            self.send(404, b"not found", "text/plain")


def main():
    cert, key, folder, counts = sys.argv[1:5]
    Pictures.folder = folder
    Pictures.counts_file = counts
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Pictures)
    server.daemon_threads = True
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    server.socket = context.wrap_socket(server.socket, server_side=True)
    print(server.server_address[1], flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
