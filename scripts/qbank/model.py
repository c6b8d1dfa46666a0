"""The bank as typed, read-only objects, built from data that has passed validation."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any, Literal

Difficulty = Literal["easy", "medium", "hard"]
DIFFICULTIES: tuple[Difficulty, ...] = ("easy", "medium", "hard")


@dataclass(frozen=True)
class Reference:
    title: str
    url: str


@dataclass(frozen=True)
class Snippet:
    language: str
    code: str
    line: int  # where the code starts in the bank file
    title: str | None = None
    requires: tuple[str, ...] = ()
    runs: bool = True
    checks: tuple[str, ...] = ()


@dataclass(frozen=True)
class Question:
    id: str
    topic: str
    question: str
    difficulty: Difficulty
    tags: tuple[str, ...]
    answer: str
    line: int
    why_asked: str | None = None
    key_points: tuple[str, ...] = ()
    follow_ups: tuple[str, ...] = ()
    snippet: Snippet | None = None
    references: tuple[Reference, ...] = ()
    related: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()  # former ids, still valid in links
    reviewed: str | None = None  # YYYY-MM-DD of the last independent technical review


@dataclass(frozen=True)
class Topic:
    id: str
    title: str
    summary: str
    order: int
    icon: str | None = None


@dataclass(frozen=True)
class Bank:
    topics: tuple[Topic, ...]
    tags: tuple[str, ...]
    questions: tuple[Question, ...]

    def by_topic(self, topic_id: str) -> list[Question]:
        return [q for q in self.questions if q.topic == topic_id]

    def question(self, question_id: str) -> Question:
        return next(q for q in self.questions if q.id == question_id)


def difficulty_counts(questions: Iterable[Question]) -> dict[str, int]:
    """How many questions of each difficulty, and in all."""
    counter = Counter(q.difficulty for q in questions)
    return {**{d: counter[d] for d in DIFFICULTIES}, "total": sum(counter.values())}


def taken_ids(data: dict[str, Any]) -> set[str]:
    """Every question id and alias in valid bank data: names a new id must avoid."""
    questions = data["questions"]
    return {q["id"] for q in questions} | {a for q in questions for a in q.get("aliases", [])}


# The line in the bank file of the value at a data path such as ("questions", 3, "answer").
LineOf = Callable[[tuple[str | int, ...]], int]


def build_bank(data: dict[str, Any], line_of: LineOf) -> Bank:
    """Typed objects from data that passed validation."""
    topics = sorted((Topic(**topic) for topic in data["topics"]), key=lambda t: t.order)
    questions = tuple(
        _question(raw, ("questions", index), line_of) for index, raw in enumerate(data["questions"])
    )
    return Bank(topics=tuple(topics), tags=tuple(data["tags"]), questions=questions)


def _question(raw: dict[str, Any], path: tuple[str | int, ...], line_of: LineOf) -> Question:
    fields = dict(raw)
    if "snippet" in fields:
        snippet = dict(fields["snippet"])
        for name in ("requires", "checks"):
            snippet[name] = tuple(snippet.get(name, ()))
        # A block scalar (code: |) starts on the line after its key.
        snippet["line"] = line_of((*path, "snippet", "code")) + 1
        fields["snippet"] = Snippet(**snippet)
    fields["references"] = tuple(Reference(**ref) for ref in fields.get("references", ()))
    for name in ("tags", "key_points", "follow_ups", "related", "aliases"):
        fields[name] = tuple(fields.get(name, ()))
    return Question(**fields, line=line_of(path))
