"""The registry of published question ids: once a link is out, its id must keep working.

questions/published-ids.txt lists one id per line. A published id must stay the id or an
alias of some question; `qbank publish` appends the ids that are new, touching nothing else.
"""

from __future__ import annotations

from pathlib import Path

from qbank.problems import Problem

REGISTRY_NAME = "published-ids.txt"
HEADER = (
    "# Question ids published on the site, one per line. Never remove a line: when a question\n"
    "# is renamed or merged, list its old id under `aliases` of the question that replaced it.\n"
    "# `qbank publish` appends new ids.\n"
)


def registry_path(bank: Path) -> Path:
    return bank.parent / REGISTRY_NAME


def read_registry(path: Path) -> dict[str, int]:
    """Published ids with their line numbers; empty when there is no registry."""
    if not path.exists():
        return {}
    lines = path.read_text(encoding="utf-8").splitlines()
    return {
        line.strip(): number
        for number, line in enumerate(lines, start=1)
        if line.strip() and not line.lstrip().startswith("#")
    }


def missing_ids(registry: dict[str, int], known: set[str], path: Path) -> list[Problem]:
    """A problem for every published id that is neither an id nor an alias any more."""
    return [
        Problem(
            path,
            line,
            1,
            "E208",
            f"published id '{question_id}' no longer exists: links to it would break. Keep "
            "the question, or add the id to `aliases` of the question that replaced it",
        )
        for question_id, line in registry.items()
        if question_id not in known
    ]


def publish(ids: list[str], path: Path) -> list[str]:
    """Append the ids the registry lacks (in bank order); returns them."""
    registry = read_registry(path)
    new = [question_id for question_id in ids if question_id not in registry]
    if new:
        text = path.read_text(encoding="utf-8") if path.exists() else HEADER
        if text and not text.endswith("\n"):
            text += "\n"
        path.write_text(text + "".join(f"{question_id}\n" for question_id in new), encoding="utf-8")
    return new
