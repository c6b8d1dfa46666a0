"""`mkdocs serve`: a contributor edits the bank and the page shows the change."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from qbank import paths


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except OSError:
        return None


def _wait_for(url: str, text: str, seconds: float) -> float | None:
    """Seconds until the page at url contains text, or None after the deadline."""
    start = time.monotonic()
    while time.monotonic() - start < seconds:
        body = _get(url)
        if body is not None and text in body:
            return time.monotonic() - start
        time.sleep(0.1)
    return None


@pytest.fixture
def project(tmp_path) -> Path:
    """A copy of the project's site sources, so the test can edit the bank freely."""
    for name in ("mkdocs.yml", "CONTRIBUTING.md"):
        shutil.copy(paths.ROOT / name, tmp_path / name)
    for name in ("docs", "questions", "scripts"):
        ignore = shutil.ignore_patterns("__pycache__")
        shutil.copytree(paths.ROOT / name, tmp_path / name, ignore=ignore)
    return tmp_path


@pytest.mark.slow
def test_editing_the_bank_shows_up_under_mkdocs_serve(project):
    port = _free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}"],
        cwd=project,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    try:
        url = f"http://127.0.0.1:{port}/topics/cnn/"
        assert _wait_for(url, "Why are pooling layers", 60) is not None, "serve did not start"

        bank = project / "questions" / "bank.yml"
        text = bank.read_text(encoding="utf-8")
        old = next(line for line in text.splitlines() if "question: Why are pooling layers" in line)
        bank.write_text(text.replace(old, old + " (edited)"), encoding="utf-8")

        seconds = _wait_for(url, "(edited)", 30)
        assert seconds is not None, "the edit did not show up within 30 s"
        print(f"edit visible after {seconds:.1f} s")
    finally:
        server.terminate()
        server.wait(timeout=10)
