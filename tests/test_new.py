"""`qbank new` adds a well-formed question skeleton and leaves every other byte alone."""

from __future__ import annotations

import subprocess
import sys

import pytest
from conftest import VALID_BANK
from qbank.cli import main

ARGS = [
    "--topic",
    "detection",
    "--question",
    "How does Soft-NMS differ from NMS?",
    "--difficulty",
    "medium",
    "--tags",
    "detection,metrics",
]


@pytest.mark.parametrize(
    ("prefix", "newline"), [(b"", b"\n"), (b"\xef\xbb\xbf", b"\r\n")], ids=["lf", "bom-crlf"]
)
def test_new_question_is_inserted_after_its_topic_and_nothing_else_changes(
    tmp_path, capsys, prefix, newline
):
    original = prefix + VALID_BANK.read_bytes().replace(b"\n", newline)
    bank = tmp_path / "bank.yml"
    bank.write_bytes(original)
    assert main(["new", "--bank", str(bank), *ARGS]) == 0
    out = capsys.readouterr().out
    assert "added 'soft-nms-differ-from-nms'" in out

    updated = bank.read_bytes()
    block = (
        b"  - id: soft-nms-differ-from-nms\n    topic: detection\n"
        b"    question: How does Soft-NMS differ from NMS?\n    difficulty: medium\n"
        b"    tags: [detection, metrics]\n"
        b"    # Write the answer in Markdown: lead with the direct answer (CONTRIBUTING.md).\n"
        b'    answer: ""\n'
    ).replace(b"\n", newline)
    start = updated.index(block)
    # Removing the new block (and the blank line before it) gives back the original bytes.
    assert updated[: start - len(newline)] + updated[start + len(block) :] == original
    # It sits after the last detection question, before the basics topic's question.
    assert updated.index(b"id: non-maximum-suppression") < start
    assert start < updated.index(b"id: what-is-a-pixel")
    line = updated[:start].count(b"\n") + 1
    assert f"bank.yml:{line}: added" in out

    # The skeleton is well-formed: the only problem left is the answer to write.
    assert main(["validate", str(bank)]) == 1
    problems = capsys.readouterr().out.splitlines()
    assert len(problems) == 1 and " E203 " in problems[0] and "'answer'" in problems[0]


def test_ids_stay_unique(tmp_path, capsys):
    bank = tmp_path / "bank.yml"
    bank.write_bytes(VALID_BANK.read_bytes())
    question = ["--question", "What is non-maximum suppression?"]
    other = ["--topic", "detection", "--difficulty", "easy", "--tags", "detection"]
    assert main(["new", "--bank", str(bank), *question, *other]) == 0
    assert "added 'non-maximum-suppression-2'" in capsys.readouterr().out


def test_missing_options_without_a_terminal_is_a_clear_error(tmp_path):
    bank = tmp_path / "bank.yml"
    bank.write_bytes(VALID_BANK.read_bytes())
    result = subprocess.run(
        [sys.executable, "-m", "qbank", "new", "--bank", str(bank), "--topic", "detection"],
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
    )
    assert result.returncode == 1
    assert result.stderr.strip() == "qbank: missing --question"
    assert bank.read_bytes() == VALID_BANK.read_bytes()
