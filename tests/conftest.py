"""Shared fixtures: the small valid bank, a way to break it, and the built site."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from qbank import paths
from qbank.bank import read_bank
from qbank.cli import main
from qbank.execute import Execution, execute
from qbank.model import Question
from qbank.notebooks import NotebookCache
from qbank.problems import BankError

HERE = Path(__file__).parent
VALID_BANK = HERE / "banks" / "valid.yml"
try:
    BANK = read_bank(paths.BANK)
except BankError as error:  # say what to fix instead of failing every test with a traceback
    pytest.exit(f"questions/bank.yml has problems (run `qbank validate`):\n{error}", returncode=1)
_TITLES = {t.id: t.title for t in BANK.topics}
_EXECUTIONS: dict[str, Execution] = {}


def executed(question: Question) -> Execution:
    """Execute a snippet once per test session (never from the cache), caching the result
    where the site build finds it."""
    if question.id not in _EXECUTIONS:
        run = execute(question, _TITLES[question.topic], paths.BANK_FILE, timeout=300)
        if run.ok:
            NotebookCache(paths.NOTEBOOK_CACHE).put(run.notebook)
        _EXECUTIONS[question.id] = run
    return _EXECUTIONS[question.id]


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
    """The real site, with every snippet's output, built once with `mkdocs build --strict`."""
    for question in BANK.questions:
        if question.snippet and question.snippet.runs:
            executed(question)
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
