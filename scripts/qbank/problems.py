"""Problems found in a bank: one line each, pointing at the file, line and column."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

# Every problem code, with what it means. CONTRIBUTING.md lists the same table.
CODES = {
    "E001": "the file is not valid YAML",
    "E002": "a key appears twice in the same mapping",
    "E003": "YAML anchors, aliases and tags are not used in the bank",
    "E004": "the file cannot be read as UTF-8 text",
    "E101": "a required field is missing",
    "E102": "a field is not part of the schema",
    "E103": "a field has the wrong type",
    "E104": "a field has a value the schema does not allow",
    "E105": "an id is not kebab-case",
    "E201": "two questions or two topics share an id, or an alias repeats an id",
    "E202": "'related' names an id that does not exist",
    "E203": "an answer or other text field is empty",
    "E204": "a question names a topic that does not exist",
    "E205": "a question uses a tag that is not in the vocabulary",
    "E206": "two topics share an order",
    "E207": "a topic has no questions",
    "E208": "a published id no longer exists (keep it, or list it in `aliases`)",
    "E301": "a Markdown list follows a text line without an empty line, so it would not render",
    "E302": "raw HTML outside the small allow-list, or with an event handler",
    "E303": "a javascript:, vbscript: or data: link",
    "E304": "a reference behind a URL shortener",
    "E305": "a code fence that is never closed",
    "E306": "a table header cell is empty",
    "W001": "warning: a new question reads like an existing one",
}


@dataclass(frozen=True, order=True)
class Problem:
    """One thing to fix, at a 1-based line and column of a file."""

    path: Path
    line: int
    column: int
    code: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.column}: {self.code} {self.message}"

    def github_annotation(self, level: str = "error") -> str:
        """The same problem as a GitHub Actions workflow command (an annotation on the diff)."""
        return (
            f"::{level} file={self.path},line={self.line},col={self.column},"
            f"title={self.code}::{self.message}"
        )


class BankError(Exception):
    """The bank cannot be used; carries every problem that says why."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("\n".join(map(str, problems)))
        self.problems = problems
