"""Every runnable snippet executes as-is in its own kernel, with its checks, and shows output."""

from __future__ import annotations

import dataclasses

import pytest
from conftest import BANK, executed
from qbank import paths
from qbank.execute import execute

RUNNABLE = [q for q in BANK.questions if q.snippet and q.snippet.runs]


def test_there_are_enough_runnable_snippets():
    assert len(RUNNABLE) >= 13


@pytest.mark.slow
@pytest.mark.parametrize("question", RUNNABLE, ids=[q.id for q in RUNNABLE])
def test_snippet_runs_and_its_checks_hold(question):
    run = executed(question)
    assert run.ok, run.error
    outputs = [o for cell in run.notebook.cells if cell.cell_type == "code" for o in cell.outputs]
    assert outputs, f"the snippet of {question.id} shows no output"
    assert not [o for o in outputs if o.output_type == "error"]


@pytest.mark.slow
def test_dcgan_generator_makes_one_28x28_image_in_tanh_range():
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
    run = execute(
        dataclasses.replace(question, snippet=snippet), "Generative models", paths.BANK_FILE, 300
    )
    assert run.ok, run.error
    outputs = run.notebook.cells[1].outputs
    assert "image shape: (1, 28, 28, 1)" in "".join(o.get("text", "") for o in outputs)
    assert any("image/png" in o.get("data", {}) for o in outputs), "no image is shown"


def test_a_failing_snippet_names_its_line_in_the_bank():
    question = BANK.question("what-is-image-generation")
    broken = dataclasses.replace(question.snippet, code="x = 1\nraise ValueError('boom')\n")
    run = execute(dataclasses.replace(question, snippet=broken), "t", paths.BANK_FILE, 60)
    assert run.error == (
        f"questions/bank.yml:{question.snippet.line + 1}: snippet of "
        "'what-is-image-generation' failed: ValueError: boom"
    )


def test_a_false_check_fails_the_snippet():
    question = BANK.question("what-is-image-generation")
    snippet = dataclasses.replace(question.snippet, code="x = 2\n", checks=("x == 3",))
    run = execute(dataclasses.replace(question, snippet=snippet), "t", paths.BANK_FILE, 60)
    assert run.error is not None
    assert run.error.endswith("failed: AssertionError: check failed: x == 3")
