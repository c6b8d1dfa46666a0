"""A corpus of malformed banks (tests/malformed/): each is rejected with exit code 1 and a
file:line:col message naming the expected problem, never a traceback, in bounded time and
memory."""

from __future__ import annotations

import re
import resource
import subprocess
import sys
from pathlib import Path

import pytest

CORPUS = sorted((Path(__file__).parent / "malformed").glob("*.yml"))
MEMORY = 1 << 30  # bytes of address space the validator may use


def _expectation(path: Path) -> tuple[str, int]:
    """The code and line a corpus file's header promises (the line of its needle)."""
    raw = path.read_bytes()
    header = re.search(rb"# expect: (\w+) at the line of: (.+)\n", raw)
    code, needle = header.group(1).decode(), header.group(2)
    after_header = raw.index(b"\n", header.end() - 1) + 1
    position = raw.find(needle, after_header)
    position = position if position >= 0 else raw.find(needle)
    return code, raw.count(b"\n", 0, position) + 1


def _limit_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY, MEMORY))


def test_the_corpus_is_large_and_varied():
    assert len(CORPUS) >= 30
    codes = {_expectation(path)[0] for path in CORPUS}
    assert len(codes) >= 20


@pytest.mark.parametrize("path", CORPUS, ids=[p.stem for p in CORPUS])
def test_malformed_bank_is_rejected_clearly(path):
    code, line = _expectation(path)
    result = subprocess.run(
        [sys.executable, "-m", "qbank", "validate", str(path)],
        capture_output=True,
        text=True,
        timeout=20,
        preexec_fn=_limit_memory,
    )
    output = result.stdout + result.stderr
    assert result.returncode == 1, output
    assert "Traceback" not in output
    expected = re.compile(rf"^{re.escape(str(path))}:{line}:\d+: {code} \S", re.MULTILINE)
    assert expected.search(result.stdout), f"expected {code} at line {line}:\n{output}"
