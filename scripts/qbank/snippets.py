"""Run a question's code snippet in its own Python process and evaluate its checks."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from qbank.model import Snippet

# Runs inside the child process. The code is padded with blank lines so that a traceback's
# line numbers are the lines of the bank file itself.
_RUNNER = """
import json, sys
job = json.load(sys.stdin)
namespace = {"__name__": "__main__"}
exec(compile("\\n" * (job["line"] - 1) + job["code"], job["file"], "exec"), namespace)
failed = [check for check in job["checks"] if not eval(check, namespace)]
for check in failed:
    print(f"check failed: {check}", file=sys.stderr)
sys.exit(3 if failed else 0)
"""


@dataclass(frozen=True)
class SnippetRun:
    returncode: int
    stdout: str
    stderr: str

    @property
    def ok(self) -> bool:
        return self.returncode == 0


def run_snippet(snippet: Snippet, bank_file: Path, workdir: Path, timeout: float) -> SnippetRun:
    """Execute the snippet headless (matplotlib draws off-screen) in workdir."""
    job = {"code": snippet.code, "checks": snippet.checks, "line": snippet.line}
    job["file"] = str(bank_file)
    env = {**os.environ, "MPLBACKEND": "Agg", "TF_CPP_MIN_LOG_LEVEL": "2"}
    process = subprocess.run(
        [sys.executable, "-c", _RUNNER],
        input=json.dumps(job),
        capture_output=True,
        text=True,
        cwd=workdir,
        env=env,
        timeout=timeout,
    )
    return SnippetRun(process.returncode, process.stdout, process.stderr)
