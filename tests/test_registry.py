"""Published ids never break: removing one fails validation unless an alias keeps it."""

from __future__ import annotations

import shutil

import pytest
from conftest import BANK, VALID_BANK
from helpers import line_of
from qbank import paths
from qbank.cli import main
from qbank.registry import read_registry


@pytest.fixture
def project(tmp_path):
    """The small valid bank with all three of its ids published."""
    shutil.copy(VALID_BANK, tmp_path / "bank.yml")
    assert main(["publish", "--bank", str(tmp_path / "bank.yml")]) == 0
    return tmp_path


def _validate(project, capsys) -> tuple[int, list[str]]:
    code = main(["validate", str(project / "bank.yml")])
    return code, capsys.readouterr().out.splitlines()


def test_publish_appends_only_new_ids_and_keeps_every_byte(project, capsys):
    registry = project / "published-ids.txt"
    registry.write_text(registry.read_text() + "# a note kept as is\n", encoding="utf-8")
    before = registry.read_text(encoding="utf-8")
    bank = project / "bank.yml"
    text = bank.read_text(encoding="utf-8")
    bank.write_text(
        text.replace("id: what-is-a-pixel", "id: what-is-a-voxel")
        .replace("related: [what-is-a-pixel]", "related: [what-is-a-voxel]")
        .replace("id: what-is-a-voxel", "id: what-is-a-voxel\n    aliases: [what-is-a-pixel]")
    )
    capsys.readouterr()
    assert main(["publish", "--bank", str(bank)]) == 0
    after = registry.read_text(encoding="utf-8")
    assert after == before + "what-is-a-voxel\n"
    assert list(read_registry(registry)) == [
        "intersection-over-union",
        "non-maximum-suppression",
        "what-is-a-pixel",
        "what-is-a-voxel",
    ]


def test_removing_a_published_id_fails_with_what_to_do(project, capsys):
    bank = project / "bank.yml"
    text = bank.read_text(encoding="utf-8")
    bank.write_text(
        text.replace("id: what-is-a-pixel", "id: what-is-a-voxel").replace(
            "related: [what-is-a-pixel]", "related: [what-is-a-voxel]"
        ),
        encoding="utf-8",
    )
    code, out = _validate(project, capsys)
    registry = project / "published-ids.txt"
    line = line_of(registry.read_text(encoding="utf-8"), "what-is-a-pixel")
    assert code == 1
    assert out == [
        f"{registry}:{line}:1: E208 published id 'what-is-a-pixel' no longer exists: links "
        "to it would break. Keep the question, or add the id to `aliases` of the question "
        "that replaced it"
    ]
    # The fix the message names: the old id becomes an alias of the renamed question.
    bank.write_text(
        bank.read_text(encoding="utf-8").replace(
            "id: what-is-a-voxel", "id: what-is-a-voxel\n    aliases: [what-is-a-pixel]"
        ),
        encoding="utf-8",
    )
    assert _validate(project, capsys)[0] == 0


def test_an_alias_cannot_be_an_existing_id(project, capsys):
    bank = project / "bank.yml"
    text = bank.read_text(encoding="utf-8").replace(
        "id: what-is-a-pixel", "id: what-is-a-pixel\n    aliases: [non-maximum-suppression]"
    )
    bank.write_text(text, encoding="utf-8")
    code, out = _validate(project, capsys)
    assert code == 1
    assert out == [
        f"{bank}:{line_of(text, 'aliases: [non')}:15: E201 alias 'non-maximum-suppression' is "
        "already the id of question 'non-maximum-suppression': an alias must be a former id "
        "that no question uses"
    ]


def test_every_question_of_the_real_bank_is_published():
    published = read_registry(paths.BANK.parent / "published-ids.txt")
    unpublished = [q.id for q in BANK.questions if q.id not in published]
    assert not unpublished, f"run `qbank publish` to register: {', '.join(unpublished)}"


def test_a_new_question_that_reads_like_an_existing_one_gets_a_warning(project, capsys):
    bank = project / "bank.yml"
    duplicate = (
        "\n  - id: iou-meaning\n    topic: detection\n"
        "    question: What does IoU measure exactly?\n    difficulty: easy\n"
        "    tags: [metrics]\n    answer: Overlap divided by union.\n"
    )
    text = bank.read_text(encoding="utf-8") + duplicate
    bank.write_text(text, encoding="utf-8")
    code, out = _validate(project, capsys)
    assert code == 0  # a warning, not an error
    assert out[0] == (
        f"{bank}:{line_of(text, 'question: What does IoU measure exactly')}:15: W001 question "
        f"'iou-meaning' reads like 'intersection-over-union' (line "
        f"{line_of(text, 'id: intersection-over-union')}, 84% similar): merge them, or make "
        "the difference clear in the question"
    )
    assert out[1].endswith("4 questions, no problems, 1 warnings")
