"""Checking only the questions that changed: same answers as checking everything, faster."""

from __future__ import annotations

import pytest
import yaml
from conftest import VALID_BANK
from helpers import mutations
from hypothesis import HealthCheck, given, settings
from qbank import incremental, paths
from qbank.bank import check
from qbank.load import parse
from qbank.problems import BankError
from qbank.validate import validate


@pytest.fixture
def project(tmp_path, monkeypatch):
    """A bank inside a project (questions/ beside mkdocs.yml), with its own cache folder."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.delenv("QBANK_NO_CACHE", raising=False)
    (tmp_path / "mkdocs.yml").write_text("site_name: test\n", encoding="utf-8")
    (tmp_path / "questions").mkdir()
    bank = tmp_path / "questions" / "bank.yml"
    bank.write_bytes(VALID_BANK.read_bytes())
    return bank


@pytest.fixture
def parsed_items(monkeypatch) -> list[str]:
    """The question items parsed from text (not taken from the cache) during a test."""
    seen: list[str] = []
    original = incremental._check_item

    def spy(path, item):
        seen.append(item.split("\n")[0])
        return original(path, item)

    monkeypatch.setattr(incremental, "_check_item", spy)
    return seen


def _full(path) -> list[str]:
    """What the full path reports for a file: its problems, or [] when it is valid."""
    document = parse(path.read_bytes(), path)
    return [str(p) for p in validate(document)]


def test_a_second_run_parses_only_the_edited_question(project, parsed_items):
    check(project)
    assert len(parsed_items) == 3
    assert incremental.cache_file(project).exists()
    parsed_items.clear()
    check(project)
    assert parsed_items == []
    text = project.read_text(encoding="utf-8")
    project.write_text(text.replace("One sample of", "A single sample of"), encoding="utf-8")
    document = check(project)
    assert parsed_items == ["  - id: what-is-a-pixel"]
    assert document.data["questions"][2]["answer"].startswith("A single sample of")


def test_the_cached_result_equals_the_full_check_of_the_real_bank(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    raw = paths.BANK.read_bytes()
    cache = tmp_path / "checked.marshal"
    for _ in range(2):  # cold, then from the cache
        quick = incremental.quick_check(paths.BANK, raw, cache)
        full = parse(raw, paths.BANK)
        assert quick is not None and quick.data == full.data
        for index, question in enumerate(full.data["questions"]):
            at = ("questions", index)
            assert quick.position(at) == full.position(at)
            assert quick.position((*at, "question")) == full.position((*at, "question"))
            if "snippet" in question:
                code = (*at, "snippet", "code")
                assert quick.position(code) == full.position(code)


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("id: what-is-a-pixel", "id: intersection-over-union"),  # duplicate id across questions
        ("related: [what-is-a-pixel]", "related: [what-is-a-voxel]"),  # unknown related id
        ("tags: [fundamentals]", "tags: [fundamental]"),  # tag not in the vocabulary
        ("One sample of", "<script>alert(1)</script> One sample of"),  # in one question
        ("  - id: basics", "  - id: basics\n    colour: blue"),  # in the header
    ],
)
def test_with_a_warm_cache_problems_are_reported_exactly_as_without(project, old, new):
    check(project)  # warm
    text = project.read_text(encoding="utf-8")
    assert old in text
    project.write_text(text.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(BankError) as error:
        check(project)
    assert [str(p) for p in error.value.problems] == _full(project) != []


def test_a_damaged_cache_is_ignored(project):
    check(project)
    cache = incremental.cache_file(project)
    for damage in (b"", b"\x00garbage", cache.read_bytes()[:100]):
        cache.write_bytes(damage)
        assert len(check(project).data["questions"]) == 3


def test_banks_outside_a_project_are_not_cached(tmp_path):
    assert incremental.cache_file(tmp_path / "bank.yml") is None


VALID = VALID_BANK.read_bytes()
FRAGMENTS = [b"\n", b"  ", b"- ", b"# c\n", b"questions:\n", b"  - id: x\n", b"\t", b": "]


@settings(
    max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(raw=mutations(VALID, FRAGMENTS, remove=20, insert=6, edits=4))
def test_whatever_the_edit_the_quick_check_never_accepts_what_the_full_check_rejects(raw, tmp_path):
    cache = tmp_path / "checked.marshal"
    path = tmp_path / "bank.yml"
    assert incremental.quick_check(path, VALID, cache) is not None  # warm with the valid bank
    quick = incremental.quick_check(path, raw, cache)
    if quick is not None:
        full = parse(raw, path)
        assert validate(full) == []
        assert quick.data == full.data


def test_items_at_the_margin_are_split_too(project, parsed_items):
    """PyYAML's own layout puts list items at column 0 (`- id: ...`)."""
    data = yaml.safe_load(project.read_text(encoding="utf-8"))
    project.write_text(yaml.safe_dump(data, sort_keys=False, width=1000), encoding="utf-8")
    first = check(project).data
    assert len(parsed_items) == 3
    assert check(project).data == first == parse(project.read_bytes(), project).data
    assert len(parsed_items) == 3  # the second run took every question from the cache
