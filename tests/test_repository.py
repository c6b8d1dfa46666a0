"""The repository itself: lint, format, and GitHub workflows that are valid and hardened."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from qbank import paths

BIN = Path(sys.executable).parent


def _run(*argv: str) -> subprocess.CompletedProcess[str]:
    tool = shutil.which(argv[0], path=str(BIN)) or argv[0]
    return subprocess.run([tool, *argv[1:]], cwd=paths.ROOT, capture_output=True, text=True)


@pytest.mark.parametrize(
    "argv", [("ruff", "check", "."), ("ruff", "format", "--check", ".")], ids=["lint", "format"]
)
def test_ruff(argv):
    result = _run(*argv)
    assert result.returncode == 0, result.stdout + result.stderr


def test_workflows_match_the_github_schema():
    workflows = sorted(str(p) for p in (paths.ROOT / ".github" / "workflows").glob("*.yml"))
    assert len(workflows) >= 2
    result = _run("check-jsonschema", "--builtin-schema", "vendor.github-workflows", *workflows)
    assert result.returncode == 0, result.stdout + result.stderr


def test_workflows_pass_zizmor():
    result = _run("zizmor", "--offline", "--no-progress", ".github/workflows")
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize(
    ("schema", "pattern"),
    [
        ("vendor.github-issue-forms", ".github/ISSUE_TEMPLATE/[!c]*.yml"),
        ("vendor.github-issue-config", ".github/ISSUE_TEMPLATE/config.yml"),
        ("vendor.dependabot", ".github/dependabot.yml"),
    ],
)
def test_github_files_match_their_schemas(schema, pattern):
    files = sorted(str(p) for p in paths.ROOT.glob(pattern))
    assert files, pattern
    result = _run("check-jsonschema", "--builtin-schema", schema, *files)
    assert result.returncode == 0, result.stdout + result.stderr


def test_pre_commit_runs_the_validator():
    config = yaml.safe_load((paths.ROOT / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    hooks = {hook["id"]: hook for repo in config["repos"] for hook in repo["hooks"]}
    assert hooks["qbank-validate"]["entry"] == "qbank validate"
