"""Answers are written fresh: no long run of words is shared with a stored reference text."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import BANK

REFERENCES = Path(__file__).parent / "reference-texts"
RUN = 12  # words in a row that count as copying


def words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9]+(?:'[a-z]+)?", text.lower())


def runs(text: str, n: int = RUN) -> set[tuple[str, ...]]:
    w = words(text)
    return {tuple(w[i : i + n]) for i in range(len(w) - n + 1)}


def shared_run(text: str, reference: set[tuple[str, ...]]) -> str | None:
    common = runs(text) & reference
    return " ".join(min(common)) if common else None


def _reference_runs() -> dict[str, set[tuple[str, ...]]]:
    files = [p for p in sorted(REFERENCES.iterdir()) if p.suffix in {".md", ".txt"}]
    return {p.name: runs(p.read_text(encoding="utf-8")) for p in files if p.name != "README.md"}


_REFERENCE_RUNS = _reference_runs()


def test_the_check_catches_a_copied_sentence():
    source = (
        "Non-maximum suppression keeps the highest scoring box and removes every other box "
        "that overlaps it."
    )
    reference = runs(source)
    assert shared_run("As they say, " + source.lower(), reference) is not None
    assert (
        shared_run("Keep the best box, drop the boxes overlapping it, and repeat.", reference)
        is None
    )


@pytest.mark.parametrize("question", BANK.questions, ids=[q.id for q in BANK.questions])
def test_answer_shares_no_long_run_with_references(question):
    text = "\n".join([question.answer, question.why_asked or "", *question.key_points])
    for name, reference in _REFERENCE_RUNS.items():
        copied = shared_run(text, reference)
        assert copied is None, f"{question.id} repeats {RUN}+ words of {name}: '{copied}'"
