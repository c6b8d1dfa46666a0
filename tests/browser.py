"""Shared by the browser tests: Debian's Chromium driven by Playwright, and the built site
served over HTTP. Test modules import the fixtures (`from browser import base_url, ...`)."""

from __future__ import annotations

import functools
import http.server
import os
import re
import shutil
import threading

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


def _local_sitemap(route) -> None:
    """Serve sitemap.xml with this server's address in place of site_url's: Material's
    instant navigation only follows links that its sitemap lists, port included."""
    origin = re.match(r"https?://[^/]+", route.request.url).group()
    response = route.fetch()
    body = re.sub(r"<loc>https?://[^/<]+", f"<loc>{origin}", response.text())
    route.fulfill(response=response, body=body)


def new_page(browser, width: int = 1100, height: int = 800, **options):
    """A page in a fresh context (its own storage) that never reaches the network."""
    context = browser.new_context(viewport={"width": width, "height": height}, **options)
    context.route("**/sitemap.xml", _local_sitemap)
    return context.new_page()


@pytest.fixture
def page(browser):
    page = new_page(browser)
    yield page
    page.context.close()
