"""Execute a snippet notebook in a fresh Jupyter kernel, evaluating the snippet's checks."""

from __future__ import annotations

import json
import os
import re
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError, CellTimeoutError, DeadKernelError

from qbank.model import Question
from qbank.notebooks import build_notebook

# Quiet library start-up logs in the kernel's stderr (the environment can still override).
_KERNEL_ENV = {"TF_CPP_MIN_LOG_LEVEL": "3", "PYTHONWARNINGS": "ignore::DeprecationWarning"}

# Hidden cells, run after the snippet and removed before the notebook is saved.
_CHECKS_CELL = """\
_qbank_failed = [check for check in {checks!r} if not eval(check)]
assert not _qbank_failed, "check failed: " + "; ".join(_qbank_failed)
"""
_VERSIONS_CELL = """\
import importlib.metadata as _m, json as _j, platform as _p
def _qbank_version(name):
    try:
        return _m.version(name)
    except _m.PackageNotFoundError:
        dists = _m.packages_distributions().get(name.replace("-", "_"), [])
        return _m.version(dists[0]) if dists else None
print(_j.dumps({{"python": _p.python_version(), **{{n: _qbank_version(n) for n in {names!r}}}}}))
"""


@dataclass(frozen=True)
class Execution:
    question: Question
    notebook: nbformat.NotebookNode
    seconds: float
    error: str | None = None  # "questions/bank.yml:LINE: ..." when the snippet failed

    @property
    def ok(self) -> bool:
        return self.error is None


def execute(question: Question, topic_title: str, bank_file: Path, timeout: float) -> Execution:
    """Run the snippet in a fresh kernel, check it, and return the notebook with outputs."""
    snippet = question.snippet
    assert snippet is not None
    notebook = build_notebook(question, topic_title)
    names = sorted(set(snippet.requires))
    notebook.cells += [
        nbformat.v4.new_code_cell(_CHECKS_CELL.format(checks=list(snippet.checks)), id="checks"),
        nbformat.v4.new_code_cell(_VERSIONS_CELL.format(names=names), id="versions"),
    ]
    started = time.perf_counter()
    with tempfile.TemporaryDirectory() as workdir:
        client = NotebookClient(
            notebook,
            kernel_name="python3",
            timeout=timeout,
            resources={"metadata": {"path": workdir}},
        )
        try:
            # Cell errors arrive as messages; the kernel's own stderr is only start-up noise.
            client.execute(env=_KERNEL_ENV | dict(os.environ), stderr=subprocess.DEVNULL)
        except CellExecutionError as error:
            failure = _failure(question, bank_file, error)
            return Execution(question, notebook, _since(started), failure)
        except (CellTimeoutError, DeadKernelError, TimeoutError) as error:
            message = f"{bank_file}:{snippet.line}: snippet of '{question.id}' did not finish"
            return Execution(question, notebook, _since(started), f"{message}: {error}")
    versions = json.loads(notebook.cells.pop()["outputs"][0]["text"])
    notebook.cells.pop()  # the checks
    notebook.metadata["qbank"]["versions"] = versions
    listed = ", ".join(f"{name} {version}" for name, version in versions.items() if version)
    notebook.cells.append(
        nbformat.v4.new_markdown_cell(f"*Executed with {listed}.*", id="ran-with")
    )
    return Execution(question, notebook, _since(started))


def _since(started: float) -> float:
    return time.perf_counter() - started


def _failure(question: Question, bank_file: Path, error: CellExecutionError) -> str:
    """Point at the bank line of the failing snippet line when the traceback names it."""
    snippet = question.snippet
    assert snippet is not None
    # Frames in the snippet's own cell (the first one executed) read "Cell In[1], line N".
    frames = re.findall(r"Cell In\[1\], line (\d+)", _strip_ansi(str(error)))
    line = snippet.line + int(frames[-1]) - 1 if frames else snippet.line
    return f"{bank_file}:{line}: snippet of '{question.id}' failed: {error.ename}: {error.evalue}"


def _strip_ansi(text: str) -> str:
    return re.sub(r"\x1b\[[0-9;]*m", "", text)
