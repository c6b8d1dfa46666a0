"""Snippet notebooks: one per runnable snippet, and the cache of executed ones.

A notebook is the question's snippet as a code cell, with a title and a link back to the
question. Executed notebooks (see execute.py) are cached under a key made of everything
that can change their outputs, so unchanged snippets are never run again.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import nbformat

from qbank.marker import MARKER
from qbank.model import Question, Snippet

CACHE_FORMAT = 1  # bump to invalidate every cached notebook


def cache_key(snippet: Snippet) -> str:
    """What decides a snippet's outputs: its code, requirements and checks."""
    payload = json.dumps(
        [CACHE_FORMAT, snippet.language, snippet.code, snippet.requires, snippet.checks]
    )
    return hashlib.sha256(payload.encode()).hexdigest()[:20]


def notebook_path(question: Question) -> str:
    return f"snippets/{question.id}.ipynb"


def build_notebook(question: Question, topic_title: str) -> nbformat.NotebookNode:
    """The unexecuted notebook of a question's snippet."""
    snippet = question.snippet
    assert snippet is not None
    back = f"../../topics/{question.topic}/#{question.id}"
    needs = " ".join(snippet.requires)
    intro = [
        f"# {question.question}",
        "",
        f"Code for [this question]({back}) of the *{topic_title}* topic of the "
        "Computer Vision Interview Bank.",
    ]
    if needs:
        intro += ["", f"Needs `pip install {needs}`; runs on a CPU in seconds."]
    notebook = nbformat.v4.new_notebook()
    notebook.metadata.update(
        {
            "kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"},
            "language_info": {"name": "python"},
            "qbank": {"question": question.id, "key": cache_key(snippet), "note": MARKER},
        }
    )
    # Fixed cell ids (nbformat would pick random ones) keep the file identical across builds.
    notebook.cells = [
        nbformat.v4.new_markdown_cell("\n".join(intro), id="question"),
        nbformat.v4.new_code_cell(snippet.code.rstrip(), id="snippet"),
    ]
    return notebook


class NotebookCache:
    """Executed notebooks on disk, one file per cache key."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def _path(self, key: str) -> Path:
        return self.folder / f"{key}.ipynb"

    def get(self, snippet: Snippet) -> nbformat.NotebookNode | None:
        path = self._path(cache_key(snippet))
        if not path.exists():
            return None
        return nbformat.reads(path.read_text(encoding="utf-8"), as_version=4)

    def put(self, notebook: nbformat.NotebookNode) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        path = self._path(notebook.metadata["qbank"]["key"])
        path.write_text(nbformat.writes(notebook), encoding="utf-8")


def cached_notebooks(
    questions: list[Question], cache: NotebookCache
) -> dict[str, nbformat.NotebookNode]:
    """The executed notebooks the cache holds for these questions, by question id."""
    found = {q.id: cache.get(q.snippet) for q in questions if q.snippet}
    return {question_id: nb for question_id, nb in found.items() if nb is not None}
