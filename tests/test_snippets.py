"""Every runnable snippet in the bank runs as-is in its own process, and its checks hold."""

from __future__ import annotations

import dataclasses

import pytest
from qbank import paths
from qbank.bank import read_bank
from qbank.snippets import run_snippet

BANK = read_bank(paths.BANK)
RUNNABLE = [q for q in BANK.questions if q.snippet and q.snippet.runs]
TIMEOUT = 300  # seconds: importing TensorFlow on a small CI machine takes a while


@pytest.mark.slow
@pytest.mark.parametrize("question", RUNNABLE, ids=[q.id for q in RUNNABLE])
def test_snippet_runs(question, tmp_path):
    run = run_snippet(question.snippet, paths.BANK_FILE, tmp_path, TIMEOUT)
    assert run.ok, (
        f"the snippet of '{question.id}' (questions/bank.yml:{question.snippet.line}) failed:\n"
        f"{run.stderr[-3000:]}"
    )


@pytest.mark.slow
def test_dcgan_generator_makes_one_28x28_image_in_tanh_range(tmp_path):
    question = BANK.question("what-is-image-generation")
    # These checks belong to the test, whatever the bank's own checks say.
    snippet = dataclasses.replace(
        question.snippet,
        checks=(
            "image.shape == (1, 28, 28, 1)",
            "-1.0 <= float(image.min()) <= float(image.max()) <= 1.0",
            "float(image.std()) > 0",  # a real image, not a constant
        ),
    )
    run = run_snippet(snippet, paths.BANK_FILE, tmp_path, TIMEOUT)
    assert run.ok, run.stderr[-3000:]
    assert "image shape: (1, 28, 28, 1)" in run.stdout


def test_a_failing_snippet_names_the_bank_line(tmp_path):
    question = BANK.question("what-is-image-generation")
    broken = dataclasses.replace(question.snippet, code="x = 1\nraise ValueError('boom')\n")
    run = run_snippet(broken, paths.BANK_FILE, tmp_path, TIMEOUT)
    assert not run.ok
    assert f'File "questions/bank.yml", line {question.snippet.line + 1}' in run.stderr


def test_a_false_check_fails_the_snippet(tmp_path):
    snippet = dataclasses.replace(
        BANK.question("what-is-image-generation").snippet, code="x = 2\n", checks=("x == 3",)
    )
    run = run_snippet(snippet, paths.BANK_FILE, tmp_path, TIMEOUT)
    assert run.returncode == 3 and "check failed: x == 3" in run.stderr
