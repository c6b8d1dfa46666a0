"""Shared by the browser tests: Debian's Chromium driven by Playwright, and the built site
served over HTTP. Test modules import the fixtures (`from browser import base_url, ...`)."""

from __future__ import annotations

import functools
import http.server
import io
import os
import re
import shutil
import threading
from pathlib import Path

import pytest

CHROMIUM = (
    os.environ.get("CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")
)
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

if not CHROMIUM and os.environ.get("CI") != "true":
    pytest.skip(
        "Chromium is not installed (apt-get install chromium); CI always runs these tests",
        allow_module_level=True,
    )

sync_api = pytest.importorskip("playwright.sync_api")
expect = sync_api.expect


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    """The built site, with sitemap.xml naming this server's address in place of site_url's:
    Material's instant navigation only follows links that its sitemap lists, port included."""

    def send_head(self):
        if self.path.split("?")[0] != "/sitemap.xml":
            return super().send_head()
        sitemap = Path(self.translate_path("/sitemap.xml")).read_text(encoding="utf-8")
        origin = f"http://{self.headers['Host']}"
        body = re.sub(r"<loc>https?://[^/<]+", f"<loc>{origin}", sitemap).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/xml")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)

    def log_message(self, format, *args):
        pass


@pytest.fixture(scope="module")
def base_url(request):
    """The site over HTTP: the session's fresh build, or for quick runs an already built
    site named by QBANK_SITE (`mkdocs build --strict --site-dir DIR`)."""
    site = os.environ.get("QBANK_SITE") or request.getfixturevalue("site")
    handler = functools.partial(_QuietHandler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


@pytest.fixture(scope="module")
def browser():
    assert CHROMIUM, "CI must install Chromium (apt-get install chromium)"
    with sync_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield chromium
        chromium.close()


def new_page(browser, width: int = 1100, height: int = 800, **options):
    """A page in a fresh context, with its own storage."""
    context = browser.new_context(viewport={"width": width, "height": height}, **options)
    return context.new_page()


@pytest.fixture
def page(browser):
    page = new_page(browser)
    yield page
    page.context.close()
