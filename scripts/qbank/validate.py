"""Check a loaded bank against questions/schema.json and the rules a schema cannot state.

Every problem is reported at once, each with the line and column to fix and a message
that says how. Checks never raise on malformed data: they skip what the schema flags.
"""

from __future__ import annotations

import difflib
import json
import re
from collections.abc import Iterable, Iterator
from functools import cache
from typing import TYPE_CHECKING, Any

from qbank.load import DataPath, Document
from qbank.paths import SCHEMA
from qbank.problems import Problem

if TYPE_CHECKING:
    import jsonschema

_TYPE_NAMES = {
    "object": "a mapping (key: value lines)",
    "array": "a list (lines starting with '- ')",
    "string": "text",
    "integer": "a whole number",
    "boolean": "true or false",
    "null": "empty",
}


@cache
def _validator(part: str = "bank") -> Any:
    """The schema for a whole bank; for 'header', one that skips checking each question; for
    'question', one for a bank holding only questions (checked one at a time)."""
    import jsonschema  # on first use: a run with every question cached never needs it

    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    cls = jsonschema.validators.validator_for(schema)  # tests check the schema itself
    if part == "header":
        questions = {**schema["properties"]["questions"], "items": True}
        schema = {**schema, "properties": {**schema["properties"], "questions": questions}}
    elif part == "question":
        schema = {**schema, "required": ["questions"]}
    return cls(schema)


def validate(document: Document) -> list[Problem]:
    """Every problem in the document, sorted by position."""
    problems = list(_schema_problems(document))
    problems += bank_rules(document)
    problems += _markdown_rules(document)
    return sorted(set(problems))


# The same checks in parts, for checking only the questions that changed (incremental.py).
def question_problems(document: Document) -> list[Problem]:
    """Problems of a document that holds only `questions:` (no topics or tags)."""
    return [*_schema_problems(document, "question"), *_markdown_rules(document)]


def header_problems(document: Document) -> list[Problem]:
    """Problems of the whole bank except those inside each question."""
    return list(_schema_problems(document, "header"))


# --- schema ---------------------------------------------------------------------------


def _schema_problems(document: Document, part: str = "bank") -> Iterator[Problem]:
    for error in _validator(part).iter_errors(document.data):
        yield from _explain(error, document)


def _explain(error: jsonschema.ValidationError, document: Document) -> Iterator[Problem]:
    path: DataPath = tuple(error.absolute_path)
    where = _where(path, document.data)
    keyword = error.validator

    def at(position: tuple[int, int], code: str, message: str) -> Problem:
        return Problem(document.path, *position, code, message)

    if keyword == "required":
        present = error.instance if isinstance(error.instance, dict) else {}
        for name in error.validator_value:
            if name not in present:
                yield at(
                    document.position(path),
                    "E101",
                    f"{where}missing required field '{name}': add it",
                )
    elif keyword == "additionalProperties":
        allowed = list(error.schema.get("properties", {}))
        for name in error.instance:
            if name not in allowed:
                yield at(
                    document.key_position((*path, name)),
                    "E102",
                    f"{where}unknown field '{name}': {_suggest(str(name), allowed, 'field')}",
                )
    elif keyword == "type":
        expected = _TYPE_NAMES.get(error.validator_value, error.validator_value)
        got = _TYPE_NAMES.get(_json_type(error.instance), type(error.instance).__name__)
        if error.instance is None and not path:
            message = "the file is empty: it needs 'topics', 'tags' and 'questions'"
        else:
            message = f"{where}must be {expected}, not {got}"
        # A wrong block (mapping or list) is reported at its key, where the reader looks.
        multiline = isinstance(error.instance, dict | list) and path in document.keys
        yield at(
            document.key_position(path) if multiline else document.position(path), "E103", message
        )
    elif keyword == "pattern" and error.validator_value == r"\S":
        yield at(document.position(path), "E203", f"{where}is empty: write the text")
    elif keyword == "pattern" and error.validator_value.startswith("^[a-z0-9]+"):
        yield at(
            document.position(path),
            "E105",
            f"{where}{error.instance!r} is not kebab-case: use lowercase letters, digits and "
            f"single hyphens, e.g. {_kebab(str(error.instance))!r}",
        )
    elif keyword == "pattern" and error.validator_value.startswith("^https://"):
        yield at(
            document.position(path),
            "E104",
            f"{where}{error.instance!r} is not an https:// URL without spaces: "
            "link a stable https page (arXiv abs page, DOI or official docs)",
        )
    elif keyword == "enum":
        choices = ", ".join(map(str, error.validator_value))
        yield at(
            document.position(path),
            "E104",
            f"{where}{error.instance!r} is not allowed: use one of {choices}",
        )
    elif keyword == "minItems" and error.validator_value == 1:
        yield at(
            document.position(path), "E203", f"{where}is an empty list: add an item or remove it"
        )
    else:
        yield at(document.position(path), "E104", f"{where}{error.message}")


def _where(path: DataPath, data: Any) -> str:
    """'question 'iou', field 'tags': ' for a path into the bank; '' at the root."""
    if not path:
        return ""
    if len(path) >= 2 and path[0] in ("questions", "topics") and isinstance(path[1], int):
        kind = path[0][:-1]
        item = data[path[0]][path[1]]
        item_id = item.get("id") if isinstance(item, dict) else None
        label = f"{kind} '{item_id}'" if isinstance(item_id, str) else f"{kind} #{path[1] + 1}"
        rest = path[2:]
    else:
        label, rest = "", path
    field = "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in rest).lstrip(".")
    parts = [part for part in (label, f"field '{field}'" if field else "") if part]
    return ", ".join(parts) + ": "


def _json_type(value: Any) -> str:
    for name, types in (
        ("boolean", bool),
        ("integer", int),
        ("string", str),
        ("array", list),
        ("object", dict),
    ):
        if isinstance(value, types):
            return name
    return "null" if value is None else type(value).__name__


def _kebab(text: str) -> str:
    words = "".join(c.lower() if c.isalnum() else " " for c in text).split()
    return "-".join(words) or "my-question-id"


def _suggest(name: str, choices: Iterable[str], kind: str) -> str:
    choices = list(choices)
    close = difflib.get_close_matches(name, choices, n=1)
    if close:
        return f"did you mean '{close[0]}'?"
    if len(choices) > 12:
        return f"fix the {kind} or remove it"
    return f"remove it (allowed {kind}s: {', '.join(choices)})"


# --- rules across entries ---------------------------------------------------------------


def bank_rules(document: Document) -> list[Problem]:
    data = document.data if isinstance(document.data, dict) else {}
    topics = _entries(data, "topics")
    questions = _entries(data, "questions")
    tags = (
        [t for t in data.get("tags", []) if isinstance(t, str)]
        if isinstance(data.get("tags"), list)
        else []
    )

    problems = _duplicates(document, topics, "id", "E201", "topic id")
    problems += _duplicates(document, topics, "order", "E206", "topic order")
    problems += _duplicates(document, questions, "id", "E201", "question id")
    problems += _alias_clashes(document, questions)

    topic_ids = [t["id"] for _, t in topics if isinstance(t.get("id"), str)]
    question_ids = {q["id"] for _, q in questions if isinstance(q.get("id"), str)}
    used_topics = {q.get("topic") for _, q in questions}
    for index, topic in topics:
        if questions and topic.get("id") in topic_ids and topic["id"] not in used_topics:
            problems.append(
                Problem(
                    document.path,
                    *document.position(("topics", index, "id")),
                    "E207",
                    f"topic '{topic['id']}' has no questions: add one or remove the topic",
                )
            )
    for index, question in questions:
        base = ("questions", index)
        label = f"question '{question.get('id')}'"
        topic = question.get("topic")
        if isinstance(topic, str) and topic_ids and topic not in topic_ids:
            problems.append(
                Problem(
                    document.path,
                    *document.position((*base, "topic")),
                    "E204",
                    f"{label}: topic '{topic}' does not exist: "
                    f"{_suggest(topic, topic_ids, 'topic')}",
                )
            )
        for field, known, code, hint in (
            ("tags", tags, "E205", "or add it to the 'tags' list at the top"),
            ("related", question_ids, "E202", ""),
        ):
            values = question.get(field)
            if not isinstance(values, list) or not known:
                continue
            for i, value in enumerate(values):
                if isinstance(value, str) and value not in known:
                    what = "tag" if field == "tags" else "question id"
                    suggestion = _suggest(value, sorted(known), what)
                    problems.append(
                        Problem(
                            document.path,
                            *document.position((*base, field, i)),
                            code,
                            f"{label}: {what} '{value}' does not exist: "
                            f"{suggestion} {hint}".rstrip(),
                        )
                    )
                elif field == "related" and value == question.get("id"):
                    problems.append(
                        Problem(
                            document.path,
                            *document.position((*base, field, i)),
                            code,
                            f"{label}: a question cannot be related to itself: remove '{value}'",
                        )
                    )
    return problems


def _alias_clashes(
    document: Document, questions: list[tuple[int, dict[str, Any]]]
) -> list[Problem]:
    """An alias must not be any question's id or another question's alias."""
    owners: dict[str, str] = {}
    for _, question in questions:
        if isinstance(question.get("id"), str):
            owners[question["id"]] = f"the id of question '{question['id']}'"
    problems = []
    for index, question in questions:
        aliases = question.get("aliases")
        if not isinstance(aliases, list):
            continue
        for i, alias in enumerate(aliases):
            if not isinstance(alias, str):
                continue
            if alias in owners:
                problems.append(
                    Problem(
                        document.path,
                        *document.position(("questions", index, "aliases", i)),
                        "E201",
                        f"alias '{alias}' is already {owners[alias]}: "
                        "an alias must be a former id that no question uses",
                    )
                )
            else:
                owners[alias] = f"an alias of question '{question.get('id')}'"
    return problems


def _entries(data: dict[str, Any], key: str) -> list[tuple[int, dict[str, Any]]]:
    items = data.get(key)
    if not isinstance(items, list):
        return []
    return [(i, item) for i, item in enumerate(items) if isinstance(item, dict)]


def _duplicates(
    document: Document,
    entries: list[tuple[int, dict[str, Any]]],
    field: str,
    code: str,
    what: str,
) -> list[Problem]:
    first: dict[Any, int] = {}
    problems = []
    kind = what.split()[0]
    for index, entry in entries:
        value = entry.get(field)
        if not isinstance(value, str | int) or isinstance(value, bool):
            continue
        path = (f"{kind}s", index, field)
        line = document.position(path)[0]
        if value in first:
            problems.append(
                Problem(
                    document.path,
                    *document.position(path),
                    code,
                    f"duplicate {what} {value!r} (first at line {first[value]}): "
                    f"choose another {field}",
                )
            )
        else:
            first[value] = line
    return problems


# --- Markdown that would render wrongly, or carry a script ----------------------------

_LIST_ITEM = re.compile(r"^([-*+]|\d+[.)]) ")
_TABLE_RULE = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$")
_FENCE = re.compile(r"^\s*(```|~~~)")
_CODE_SPAN = re.compile(r"`[^`\n]*`")
_TAG = re.compile(r"<\s*(/?)\s*([a-zA-Z][a-zA-Z0-9-]*)([^<>]*)>")
_EVENT_HANDLER = re.compile(r"\bon[a-z]+\s*=", re.IGNORECASE)
_UNSAFE_URL = re.compile(r"(?:javascript|vbscript|data)\s*:", re.IGNORECASE)
_MARKDOWN_URL = re.compile(r"\]\(\s*<?([^)\s>]*)")
# Raw HTML an answer may use; everything else is Markdown's job.
ALLOWED_TAGS = {"sub", "sup", "kbd", "br", "abbr", "mark", "small"}
URL_SHORTENERS = {
    "bit.ly", "buff.ly", "cutt.ly", "goo.gl", "is.gd", "lnkd.in", "ow.ly", "rebrand.ly",
    "shorturl.at", "t.co", "tiny.cc", "tinyurl.com",
}  # fmt: skip
TEXT_FIELDS = ("question", "why_asked", "answer")


def _markdown_rules(document: Document) -> list[Problem]:
    data = document.data if isinstance(document.data, dict) else {}
    problems = []
    for index, question in _entries(data, "questions"):
        label = f"question '{question.get('id')}'"
        for field in TEXT_FIELDS:
            text = question.get(field)
            if isinstance(text, str):
                path = ("questions", index, field)
                problems += _markdown_problems(document, path, text, label)
        references = question.get("references")
        for i, reference in enumerate(references if isinstance(references, list) else []):
            url = reference.get("url") if isinstance(reference, dict) else None
            host = url.split("/")[2].lower() if isinstance(url, str) and url.count("/") >= 2 else ""
            if host.removeprefix("www.") in URL_SHORTENERS:
                problems.append(
                    Problem(
                        document.path,
                        *document.position(("questions", index, "references", i, "url")),
                        "E304",
                        f"{label}: {host} is a URL shortener: link the page itself, so readers "
                        "see where it goes and the link cannot be redirected later",
                    )
                )
    return problems


def _markdown_problems(document: Document, path: DataPath, text: str, label: str) -> list[Problem]:
    """Lists glued to text, unclosed code fences, raw HTML off the allow-list, script URLs."""
    # A block scalar (answer: |) starts on the line after its key; a one-line value on it.
    value_line = document.position(path)[0]
    first_line = value_line + 1 if "\n" in text else value_line
    field = path[-1]
    problems = []

    def report(offset: int, code: str, message: str) -> None:
        problems.append(
            Problem(document.path, first_line + offset, 1, code, f"{label}, {field}: {message}")
        )

    fence_opened: int | None = None
    previous = ""
    for offset, line in enumerate(text.splitlines()):
        if _FENCE.match(line):
            fence_opened = offset if fence_opened is None else None
            previous = line
            continue
        if fence_opened is not None:
            continue
        if _TABLE_RULE.match(line) and previous.lstrip().startswith("|"):
            cells = previous.strip().strip("|").split("|")
            if any(not cell.strip() for cell in cells):
                report(
                    offset - 1,
                    "E306",
                    "this table's header row has an empty cell, which screen readers cannot "
                    "announce: name the column (e.g. 'Aspect')",
                )
        if (
            _LIST_ITEM.match(line)
            and previous.strip()
            and not _LIST_ITEM.match(previous)
            and not previous.startswith((" ", "|"))
        ):
            report(
                offset,
                "E301",
                "this list follows a text line directly, so it would show "
                "as plain text: add an empty line above it",
            )
        prose = _CODE_SPAN.sub("", line)
        for tag in _TAG.finditer(prose):
            name = tag.group(2).lower()
            if name not in ALLOWED_TAGS:
                report(
                    offset,
                    "E302",
                    f"raw HTML <{name}> is not allowed: write it in Markdown "
                    f"(allowed tags: {', '.join(sorted(ALLOWED_TAGS))})",
                )
            elif _EVENT_HANDLER.search(tag.group(3)) or _UNSAFE_URL.search(tag.group(3)):
                report(
                    offset,
                    "E302",
                    f"<{name}> carries an event handler or a script URL: remove the attribute",
                )
        for url in _MARKDOWN_URL.findall(prose):
            if _UNSAFE_URL.match(url):
                report(
                    offset,
                    "E303",
                    f"link to '{url[:30]}' is not allowed: links must be "
                    "http(s) addresses or pages of this site",
                )
        previous = line
    if fence_opened is not None:
        report(
            fence_opened,
            "E305",
            "this code fence is never closed, so it would swallow the "
            "rest of the page: close it with the same ``` line",
        )
    return problems
