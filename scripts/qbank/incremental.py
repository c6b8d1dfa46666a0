"""Check only the questions that changed since the last run.

A bank file is a header (topics, tags) followed by `questions:`, a list of items. Each item's
text is parsed and checked on its own once; when it passes, its data is cached under the hash
of its text. A later run parses only new or edited items, then checks the header and the
rules across questions on the whole bank. Anything unexpected (a problem, a layout the
splitter does not recognise, an unreadable cache) returns None, and the caller takes the full
path, so what is reported never depends on the cache.
"""

from __future__ import annotations

import hashlib
import marshal
import os
import re
import tempfile
from functools import cache
from pathlib import Path
from typing import Any

from qbank.load import MAX_BYTES, DataPath, Document, Position, parse
from qbank.problems import BankError
from qbank.validate import bank_rules, header_problems, question_problems

# Bump when what a cached entry holds, or the checks behind it, change meaning.
_FORMAT = 1
_SOURCES = ("load.py", "validate.py", "incremental.py")
_QUESTIONS = re.compile(r"^questions:[ \t]*(#.*)?$", re.MULTILINE)
_FIRST_ITEM = re.compile(r"^( *)- ", re.MULTILINE)

# A cached question: its data, and where its fields stand, in lines from its first line.
Entry = tuple[dict[str, Any], dict[DataPath, Position]]


def cache_file(bank: Path) -> Path | None:
    """Where the checked questions of a project's bank (questions/ beside mkdocs.yml) are kept:
    in the user's cache folder, outside the repository, so no pull request can supply one."""
    bank = bank.resolve()
    if not (bank.parent.parent / "mkdocs.yml").exists():
        return None
    folder = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "qbank"
    return folder / f"checked-{_digest(str(bank))}.marshal"


def split(text: str) -> tuple[str, list[tuple[int, str]]] | None:
    """The header text and each question item as (first line number, text); None when the
    file does not have the usual layout (questions last, items at one indentation)."""
    found = _QUESTIONS.search(text)
    if not found:
        return None
    body_start = found.end() + 1
    body = text[body_start:]
    first = _FIRST_ITEM.search(body)
    if not first or body[: first.start()].strip():
        return None
    indent = first.group(1)
    if _stray_line(len(indent)).search(body):
        return None
    starts = [first.start()]
    while (found_at := body.find("\n" + indent + "- ", starts[-1])) != -1:
        starts.append(found_at + 1)
    line = text.count("\n", 0, body_start) + 1 + body.count("\n", 0, first.start())
    items = []
    for begin, end in zip(starts, [*starts[1:], len(body)], strict=True):
        items.append((line, body[begin:end]))
        line += items[-1][1].count("\n")
    return text[: found.start()], items


@cache
def _stray_line(indent: int) -> re.Pattern[str]:
    """A line that is neither an item at this indentation, nor indented deeper, nor blank
    or a comment at the margin: the questions would not be the last part of the file."""
    if indent == 0:
        return re.compile(r"\n(?:[^ \n\r#-]|-[^ ])")
    fewer = rf"| {{1,{indent - 1}}}[^ \n\r]" if indent > 1 else ""
    return re.compile(rf"\n(?:[^ \n\r#]{fewer}| {{{indent}}}(?:[^ \n\r-]|-[^ ]))")


def _digest(*parts: str) -> str:
    return hashlib.blake2b("\0".join(parts).encode(), digest_size=16).hexdigest()


def _code_version() -> str:
    here = Path(__file__).parent
    return _digest(str(_FORMAT), *((here / name).read_text("utf-8") for name in _SOURCES))


def _check_item(path: Path, item: str) -> Entry | None:
    """Parse and check one question alone; None if it has any problem."""
    try:
        document = parse(("questions:\n" + item).encode("utf-8"), path)
    except BankError:
        return None
    questions = document.data.get("questions") if isinstance(document.data, dict) else None
    if not isinstance(questions, list) or len(questions) != 1 or question_problems(document):
        return None
    # Keep where the item and its fields stand (what building and warnings point at); a
    # problem's exact place always comes from the full path.
    values = {
        p[2:]: (line - 2, column)  # less the "questions:" line added above, and 1-based
        for p, (line, column) in document.values.items()
        if p[:2] == ("questions", 0) and (len(p) <= 3 or p[2:] == ("snippet", "code"))
    }
    return questions[0], values


def quick_check(path: Path, raw: bytes, cache: Path | None) -> Document | None:
    """The checked document when every question is cached or passes on its own and the bank
    as a whole has no problem; None means: take the full path."""
    if cache is None or len(raw) > MAX_BYTES or os.environ.get("QBANK_NO_CACHE"):
        return None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return None
    parts = split(text)
    if parts is None:
        return None
    header_text, items = parts
    try:
        header = parse(header_text.encode("utf-8"), path)
    except BankError:
        return None
    if not isinstance(header.data, dict) or "questions" in header.data:
        return None

    version = _code_version()
    stored_header, stored = _read(cache, version)
    keys = [_digest(item) for _, item in items]
    entries: dict[str, Entry] = {}
    for key, (_, item) in zip(keys, items, strict=True):
        entry = stored.get(key) or _check_item(path, item)
        if entry is None:
            return None
        entries[key] = entry

    document = Document(path, {**header.data, "questions": []}, header.values, header.keys)
    for index, (key, (first_line, _)) in enumerate(zip(keys, items, strict=True)):
        data, values = entries[key]
        document.data["questions"].append(data)
        for sub, (line, column) in values.items():
            document.values[("questions", index, *sub)] = (first_line + line, column)
    document.values[("questions",)] = (items[0][0], 1) if items else (1, 1)
    # The header's own checks depend only on its text, given at least one question.
    header_key = _digest(header_text) if items else ""
    if header_key != stored_header and header_problems(document):
        return None
    if bank_rules(document):
        return None
    if entries.keys() != stored.keys() or header_key != stored_header:
        _write(cache, version, header_key, entries)
    return document


def _read(cache: Path, version: str) -> tuple[str, dict[str, Entry]]:
    """The checked header's hash and the checked questions, or nothing."""
    # marshal is the fastest format for plain data; the file is ours, outside the repository.
    try:
        stored = marshal.loads(cache.read_bytes())
        if stored["version"] == version:
            return stored["header"], stored["entries"]
    except (OSError, ValueError, EOFError, TypeError, KeyError):
        pass
    return "", {}


def _write(cache: Path, version: str, header: str, entries: dict[str, Entry]) -> None:
    """Replace the cache in one step (other runs may read it meanwhile); failures are fine."""
    try:
        cache.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=cache.parent, delete=False) as file:
            marshal.dump({"version": version, "header": header, "entries": entries}, file)
        os.replace(file.name, cache)
    except (OSError, ValueError):
        pass
