"""Shared fixtures: the small valid bank, a way to break it, and the built site."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from qbank import paths
from qbank.cli import main

HERE = Path(__file__).parent
VALID_BANK = HERE / "banks" / "valid.yml"


@pytest.fixture
def valid_text() -> str:
    return VALID_BANK.read_text(encoding="utf-8")


@pytest.fixture
def validate_text(tmp_path, capsys):
    """Write a bank, run `qbank validate` on it; return (exit code, output lines)."""

    def run(text: str | bytes) -> tuple[int, list[str]]:
        path = tmp_path / "bank.yml"
        if isinstance(text, str):
            path.write_text(text, encoding="utf-8")
        else:
            path.write_bytes(text)
        code = main(["validate", str(path)])
        captured = capsys.readouterr()
        return code, captured.out.splitlines()

    return run


@pytest.fixture(scope="session")
def site(tmp_path_factory) -> Path:
    """The real site, built once with `mkdocs build --strict`."""
    out = tmp_path_factory.mktemp("site")
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(out)],
        cwd=paths.ROOT,
        capture_output=True,
        text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "WARNING" not in result.stderr, result.stderr
    return out
