"""`qbank new`: add a question skeleton to the bank, touching no other byte of the file."""

from __future__ import annotations

import json
import re

from qbank.load import Document

_FILLER = {
    "a", "an", "and", "are", "can", "do", "does", "for", "how", "in", "is", "it", "of", "on",
    "or", "the", "to", "what", "when", "which", "why", "with", "would", "you", "your",
}  # fmt: skip


def new_id(question: str, taken: set[str]) -> str:
    """A short kebab-case id from the question's meaningful words, unique in the bank."""
    words = re.findall(r"[a-z0-9]+", question.lower())
    meaningful = [w for w in words if w not in _FILLER] or words or ["question"]
    base = "-".join(meaningful[:6])
    candidate, n = base, 2
    while candidate in taken:
        candidate, n = f"{base}-{n}", n + 1
    return candidate


def _scalar(text: str) -> str:
    """Text as a YAML scalar: plain when safe, else double-quoted (JSON is valid YAML)."""
    plain = re.fullmatch(r"[A-Za-z0-9(][^:#\"'\n]*", text) and not text.endswith(" ")
    return text if plain else json.dumps(text, ensure_ascii=False)


def question_block(
    question_id: str, topic: str, question: str, difficulty: str, tags: list[str], indent: str
) -> str:
    """The YAML of a new question whose answer is still to be written (validate says so)."""
    inner = indent + "  "
    return (
        f"{indent}- id: {question_id}\n"
        f"{inner}topic: {topic}\n"
        f"{inner}question: {_scalar(question)}\n"
        f"{inner}difficulty: {difficulty}\n"
        f"{inner}tags: [{', '.join(tags)}]\n"
        f"{inner}# Write the answer in Markdown: lead with the direct answer (CONTRIBUTING.md).\n"
        f'{inner}answer: ""\n'
    )


def insert_question(text: str, document: Document, topic: str, block: str) -> tuple[str, int]:
    """The bank text with block added after the topic's last question; and its first line.

    Everything else is kept byte for byte, line endings included.
    """
    questions = document.data["questions"]
    starts = [document.position(("questions", i))[0] for i in range(len(questions))]
    in_topic = [i for i, q in enumerate(questions) if q.get("topic") == topic]
    newline = "\r\n" if "\r\n" in text else "\n"
    lines = text.splitlines(keepends=True)
    if in_topic and in_topic[-1] + 1 < len(questions):
        at = starts[in_topic[-1] + 1] - 1  # before the next topic's first question
        # Keep the blank lines that separate blocks on the far side of the new one.
        while at > 0 and not lines[at - 1].strip():
            at -= 1
        insertion = newline + block.replace("\n", newline)
    else:
        at = len(lines)
        ending = "" if not lines or lines[-1].endswith(("\n", "\r")) else newline
        insertion = ending + newline + block.replace("\n", newline)
    head = "".join(lines[:at])
    first_line = head.count("\n") + insertion[: insertion.index("-")].count("\n") + 1
    return head + insertion + "".join(lines[at:]), first_line
