"""The bank as downloads: JSON (versioned), CSV and an Anki deck. Pure: text or bytes out."""

from __future__ import annotations

import csv
import hashlib
import html
import io
import json
import tempfile
from dataclasses import asdict
from functools import cache
from pathlib import Path
from typing import Any

import genanki
import markdown

from qbank.model import DIFFICULTIES, Bank, Question

# Bump when a field is renamed or removed (adding a field keeps the version).
JSON_SCHEMA_VERSION = 1
# Where each download lives, relative to the site root.
DOWNLOADS = {"json": "questions.json", "csv": "questions.csv", "anki": "cv-interview-bank.apkg"}
# What the practice page loads: questions.json without the answers (a seventh of its size;
# the page shows each answer from its topic page).
PRACTICE_INDEX = "questions-index.json"
INDEX_FIELDS = ("id", "topic", "question", "difficulty", "tags", "url", "why_asked")
CSV_FIELDS = ("id", "topic", "difficulty", "tags", "question", "answer", "key_points", "url")


def question_url(question: Question) -> str:
    """Where a question lives, relative to the site root."""
    return f"topics/{question.topic}/#{question.id}"


def _record(question: Question) -> dict[str, Any]:
    return {
        "id": question.id,
        "topic": question.topic,
        "question": question.question,
        "difficulty": question.difficulty,
        "tags": list(question.tags),
        "url": question_url(question),
        "permalink": f"q/{question.id}/",
        "why_asked": question.why_asked,
        "answer": question.answer,
        "key_points": list(question.key_points),
        "follow_ups": list(question.follow_ups),
        "references": [asdict(ref) for ref in question.references],
        "related": list(question.related),
        "reviewed": question.reviewed,
    }


def to_json(bank: Bank, fields: tuple[str, ...] | None = None) -> str:
    """Every question with its Markdown source, or only the given fields of each; urls are
    relative to the site root."""
    records = [_record(q) for q in bank.questions]
    if fields:
        records = [{name: record[name] for name in fields} for record in records]
    document = {
        "schema": JSON_SCHEMA_VERSION,
        "count": len(bank.questions),
        "topics": [
            {"id": t.id, "title": t.title, "summary": t.summary, "url": f"topics/{t.id}/"}
            for t in bank.topics
        ],
        "tags": list(bank.tags),
        "difficulties": list(DIFFICULTIES),
        "questions": records,
    }
    # Compact: pages download these files.
    return json.dumps(document, ensure_ascii=False, separators=(",", ":"))


def to_csv(bank: Bank) -> str:
    """One row per question for spreadsheets; lists are joined with newlines."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_FIELDS)
    for q in bank.questions:
        key_points = "\n".join(f"- {point}" for point in q.key_points)
        row = (q.id, q.topic, q.difficulty, " ".join(q.tags), q.question, q.answer, key_points)
        writer.writerow((*row, question_url(q)))
    return out.getvalue()


# Anki: ids must stay the same across builds, so that re-importing updates cards in place.
def _stable_id(name: str) -> int:
    return int.from_bytes(hashlib.sha256(name.encode()).digest()[:4], "big") | 1 << 30


_MODEL = genanki.Model(
    _stable_id("cv-interview-bank model"),
    "CV Interview Bank",
    fields=[{"name": "Id"}, {"name": "Question"}, {"name": "Answer"}, {"name": "Link"}],
    templates=[
        {
            "name": "Card",
            "qfmt": "<p class=question>{{Question}}</p>",
            "afmt": "{{FrontSide}}<hr id=answer>{{Answer}}"
            '<p class=link><a href="{{Link}}">See it on the site</a></p>',
        }
    ],
    css=".card { font-family: system-ui, sans-serif; font-size: 18px; text-align: left; }"
    " .question { font-weight: 600; } pre { white-space: pre-wrap; } .link { font-size: 14px; }",
)


@cache
def _markdown() -> markdown.Markdown:
    return markdown.Markdown(
        extensions=["tables", "pymdownx.superfences", "pymdownx.arithmatex"],
        extension_configs={"pymdownx.arithmatex": {"generic": True}},
    )


def _html(text: str) -> str:
    """Markdown to HTML for Anki, which typesets the \\( \\) and \\[ \\] math itself."""
    return _markdown().reset().convert(text)


def _back(question: Question) -> str:
    parts = [question.answer]
    if question.key_points:
        parts.append("**Key points**\n\n" + "\n".join(f"- {p}" for p in question.key_points))
    return _html("\n\n".join(parts))


def to_anki(bank: Bank, site_url: str) -> bytes:
    """An Anki deck (.apkg) with one card per question and a subdeck per topic."""
    decks = {
        t.id: genanki.Deck(_stable_id(f"deck {t.id}"), f"CV Interview Bank::{t.title}")
        for t in bank.topics
    }
    for q in bank.questions:
        note = genanki.Note(
            model=_MODEL,
            # The question is plain text (Anki's template escapes nothing: escape it here).
            fields=[q.id, html.escape(q.question), _back(q), site_url + question_url(q)],
            tags=[*q.tags, q.difficulty],
            guid=genanki.guid_for(q.id),
        )
        decks[q.topic].add_note(note)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "deck.apkg"
        # A fixed time stamp makes the file the same for the same bank.
        genanki.Package(list(decks.values())).write_to_file(path, timestamp=1_700_000_000)
        return path.read_bytes()


def cached_anki(bank: Bank, site_url: str, folder: Path, allow_stale: bool, source: str) -> bytes:
    """The Anki deck from a cache keyed by source, the bank's JSON (a deck takes a second per
    few hundred questions). allow_stale (for `mkdocs serve`) returns the last deck built."""
    key = hashlib.sha256(
        "\0".join((site_url, source, Path(__file__).read_text("utf-8"))).encode()
    ).hexdigest()[:16]
    path = folder / f"{key}.apkg"
    if path.exists():
        return path.read_bytes()
    decks = sorted(folder.glob("*.apkg"), key=lambda p: p.stat().st_mtime)
    if allow_stale and decks:
        return decks[-1].read_bytes()
    deck = to_anki(bank, site_url)
    folder.mkdir(parents=True, exist_ok=True)
    for old in decks:
        old.unlink()
    path.write_bytes(deck)
    return deck


def site_downloads(
    bank: Bank, site_url: str, cache: Path, allow_stale: bool = False
) -> dict[str, str | bytes]:
    """The download files of the site and the practice page's index, by path relative to
    the site root."""
    data = to_json(bank)
    return {
        PRACTICE_INDEX: to_json(bank, INDEX_FIELDS),
        DOWNLOADS["json"]: data,
        DOWNLOADS["csv"]: to_csv(bank),
        DOWNLOADS["anki"]: cached_anki(bank, site_url, cache, allow_stale, source=data),
    }
