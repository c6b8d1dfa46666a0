"""The bank as typed, read-only objects, built from data that has passed validation."""

from __future__ import annotations

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


def build_bank(data: dict[str, Any], lines: dict[int, int]) -> Bank:
    """Typed objects from valid data; lines maps a question's index to its line in the file."""
    topics = sorted((Topic(**topic) for topic in data["topics"]), key=lambda t: t.order)
    questions = tuple(_question(raw, lines[index]) for index, raw in enumerate(data["questions"]))
    return Bank(topics=tuple(topics), tags=tuple(data["tags"]), questions=questions)


def _question(raw: dict[str, Any], line: int) -> Question:
    fields = dict(raw)
    if "snippet" in fields:
        snippet = dict(fields["snippet"])
        fields["snippet"] = Snippet(
            **{**snippet, **{k: tuple(snippet[k]) for k in ("requires", "checks") if k in snippet}}
        )
    fields["references"] = tuple(Reference(**ref) for ref in fields.get("references", ()))
    for name in ("tags", "key_points", "follow_ups", "related"):
        fields[name] = tuple(fields.get(name, ()))
    return Question(**fields, line=line)
