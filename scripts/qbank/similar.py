"""Warn when a new question reads like one already in the bank (rapidfuzz)."""

from __future__ import annotations

from rapidfuzz import fuzz, process, utils

from qbank.load import Document
from qbank.problems import Problem

# token_sort_ratio of the question texts, 0-100. The closest pair of distinct questions in
# the bank scored 74 when this was set; a reworded duplicate scores well above 80.
THRESHOLD = 80


def near_duplicates(document: Document, published: set[str]) -> list[Problem]:
    """A warning for each unpublished question that reads like another question."""
    questions = document.data["questions"]
    texts = [q["question"] for q in questions]
    new = [i for i, q in enumerate(questions) if q["id"] not in published]
    if not new:
        return []
    scores = process.cdist(
        [texts[i] for i in new],
        texts,
        scorer=fuzz.token_sort_ratio,
        processor=utils.default_process,
        score_cutoff=THRESHOLD,
        workers=-1,
    )
    warnings = []
    for row, index in enumerate(new):
        for other, score in enumerate(scores[row]):
            if other == index or score < THRESHOLD:
                continue
            line = document.position(("questions", other))[0]
            warnings.append(
                Problem(
                    document.path,
                    *document.position(("questions", index, "question")),
                    "W001",
                    f"question '{questions[index]['id']}' reads like '{questions[other]['id']}' "
                    f"(line {line}, {score:.0f}% similar): merge them, or make the difference "
                    "clear in the question",
                )
            )
    return warnings
