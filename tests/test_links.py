"""The link check that the scheduled workflow runs, against a local web server."""

from __future__ import annotations

import http.server
import socket
import threading

import pytest
from conftest import VALID_BANK
from helpers import line_of
from qbank.cli import main
from qbank.links import Link, check_links


class _Site(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        if self.path == "/moved":
            self.send_response(301)
            self.send_header("Location", "/here")
        else:
            self.send_response({"/here": 200, "/gone": 404, "/robots-only": 403}[self.path])
        self.end_headers()

    def log_message(self, format, *args):
        pass


@pytest.fixture
def server():
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Site)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_gone_and_unreachable_pages_are_dead_blocked_ones_unsure(server):
    urls = [f"{server}/{name}" for name in ("here", "moved", "gone", "robots-only")]
    urls.append(f"http://127.0.0.1:{_closed_port()}/")
    results = check_links([Link(url, "q", 1, 1) for url in urls], timeout=5)
    assert [(r.status, r.detail[:8]) for r in results] == [
        ("ok", "HTTP 200"),
        ("ok", "HTTP 200"),
        ("dead", "HTTP 404"),
        ("unsure", "HTTP 403"),
        ("dead", "no answe"),
    ]


def test_qbank_links_names_the_line_of_each_dead_reference(monkeypatch, capsys):
    monkeypatch.setattr("qbank.links.fetch", lambda url, timeout: 404 if "doi.org" in url else 200)
    assert main(["links", "--bank", str(VALID_BANK)]) == 1
    out = capsys.readouterr().out.splitlines()
    line = line_of(VALID_BANK.read_text(encoding="utf-8"), "url: https://doi.org/")
    assert out == [
        f"{VALID_BANK}:{line}:14: dead https://doi.org/10.1007/s11263-009-0275-4 (HTTP 404) "
        "in question 'intersection-over-union'",
        "1 reference link: 1 dead, 0 not checkable",
    ]
