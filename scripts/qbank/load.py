"""Load a bank file: safe YAML, plain Python data, and the position of every value.

The YAML is composed into nodes (never constructed into arbitrary objects), then turned
into dicts, lists and strings while recording where each value and key stands, so that
every later check can point at a line and column.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from qbank.problems import BankError, Problem

# libyaml is much faster when PyYAML was built with it; the pure-Python loader is identical.
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

# A place in the data: keys and list indexes from the root, e.g. ("questions", 3, "answer").
DataPath = tuple[str | int, ...]
# A 1-based (line, column).
Position = tuple[int, int]

# Plain scalars keep YAML's meaning (true, 3, null); dates stay text, as in JSON.
_CONSTRUCTOR = yaml.constructor.SafeConstructor()
_SCALARS = {
    f"tag:yaml.org,2002:{name}": yaml.constructor.SafeConstructor.yaml_constructors[
        f"tag:yaml.org,2002:{name}"
    ]
    for name in ("int", "bool", "null", "float")
}
_TEXT_TAGS = {"tag:yaml.org,2002:str", "tag:yaml.org,2002:timestamp"}
_ALLOWED_TAGS = {*_SCALARS, *_TEXT_TAGS, "tag:yaml.org,2002:map", "tag:yaml.org,2002:seq"}


@dataclass
class Document:
    """A loaded bank file: its data, and where each value and mapping key stands."""

    path: Path
    data: Any
    values: dict[DataPath, Position] = field(default_factory=dict)
    keys: dict[DataPath, Position] = field(default_factory=dict)

    def position(self, path: DataPath) -> Position:
        """The position of the value at path, or of its nearest ancestor that has one."""
        while path not in self.values and path:
            path = path[:-1]
        return self.values.get(path, (1, 1))

    def key_position(self, path: DataPath) -> Position:
        """The position of the key that names path (falls back to its value)."""
        return self.keys.get(path) or self.position(path)


def load(path: Path) -> Document:
    """Read and parse a bank file. Raises BankError with file:line:col problems."""
    return parse(read(path), path)


def read(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as error:
        problem = Problem(path, 1, 1, "E004", f"cannot read the file: {error.strerror}")
        raise BankError([problem]) from None


MAX_BYTES = 64 * 1024 * 1024  # a bank of 10,000 full questions is about 25 MB
MAX_DEPTH = 32  # the bank itself nests 5 levels deep


def parse(raw: bytes, path: Path) -> Document:
    """Parse the bytes of a bank file (a UTF-8 byte order mark and CRLF are accepted)."""
    if len(raw) > MAX_BYTES:
        message = f"the file is {len(raw) >> 20} MB; the limit is {MAX_BYTES >> 20} MB"
        raise BankError([Problem(path, 1, 1, "E004", message)])
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw.count(b"\n", 0, error.start) + 1
        column = error.start - (raw.rfind(b"\n", 0, error.start) + 1) + 1
        raise BankError(
            [
                Problem(
                    path,
                    line,
                    column,
                    "E004",
                    f"byte 0x{raw[error.start]:02x} is not valid UTF-8: save the file as UTF-8",
                )
            ]
        ) from None
    try:
        root = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as error:
        raise BankError([_syntax_problem(path, error)]) from None
    except yaml.YAMLError as error:  # errors without a position, e.g. a bad character
        raise BankError([Problem(path, 1, 1, "E001", f"invalid YAML: {error}")]) from None

    document = Document(path, None)
    if root is None:
        return document
    problems: list[Problem] = []
    document.data = _convert(root, (), document, problems, seen=set())
    if problems:
        raise BankError(problems)
    return document


def _syntax_problem(path: Path, error: yaml.MarkedYAMLError) -> Problem:
    mark = error.problem_mark or error.context_mark
    if "end of stream" in (error.problem or "") and error.context_mark:
        mark = error.context_mark  # where the unclosed quote or bracket started
    line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    what = " ".join(part for part in (error.context, error.problem) if part)
    hint = "check the indentation and quoting on this line or the one above"
    if "tab" in what or "'\\t'" in what:
        hint = "indent with spaces, not tabs"
    return Problem(path, line, column, "E001", f"invalid YAML ({what}): {hint}")


def _convert(
    node: yaml.Node,
    path: DataPath,
    document: Document,
    problems: list[Problem],
    seen: set[int],
) -> Any:
    """Turn a node into plain data, recording positions; aliases and custom tags are refused."""
    line, column = node.start_mark.line + 1, node.start_mark.column + 1
    document.values[path] = (line, column)
    if len(path) > MAX_DEPTH:
        message = f"values nested more than {MAX_DEPTH} levels deep: check the indentation"
        problems.append(Problem(document.path, line, column, "E001", message))
        return None
    if id(node) in seen:
        problems.append(
            Problem(
                document.path,
                line,
                column,
                "E003",
                "YAML aliases (*name) are not allowed: write the value out in full",
            )
        )
        return None
    seen.add(id(node))

    if node.tag not in _ALLOWED_TAGS:
        problems.append(
            Problem(
                document.path,
                line,
                column,
                "E003",
                f"the YAML tag {node.tag.replace('tag:yaml.org,2002:', '!!')} is not allowed: "
                "remove it",
            )
        )
        return None
    if isinstance(node, yaml.MappingNode):
        return dict(_convert_mapping(node, path, document, problems, seen))
    if isinstance(node, yaml.SequenceNode):
        return [
            _convert(item, (*path, index), document, problems, seen)
            for index, item in enumerate(node.value)
        ]
    if node.tag in _TEXT_TAGS:
        return node.value
    return _SCALARS[node.tag](_CONSTRUCTOR, node)


def _convert_mapping(
    node: yaml.MappingNode,
    path: DataPath,
    document: Document,
    problems: list[Problem],
    seen: set[int],
) -> Iterator[tuple[Any, Any]]:
    first_seen: dict[Any, int] = {}
    for key_node, value_node in node.value:
        if not isinstance(key_node, yaml.ScalarNode):
            problems.append(
                Problem(
                    document.path,
                    key_node.start_mark.line + 1,
                    key_node.start_mark.column + 1,
                    "E001",
                    "a mapping key must be plain text",
                )
            )
            continue
        key = key_node.value
        key_line = key_node.start_mark.line + 1
        if key in first_seen:
            problems.append(
                Problem(
                    document.path,
                    key_line,
                    key_node.start_mark.column + 1,
                    "E002",
                    f"duplicate key '{key}' (first at line {first_seen[key]}): keep one of the two",
                )
            )
            continue
        first_seen[key] = key_line
        document.keys[(*path, key)] = (key_line, key_node.start_mark.column + 1)
        yield key, _convert(value_node, (*path, key), document, problems, seen)
