"""Rendering and writing the generated Markdown."""

from __future__ import annotations

import subprocess
import sys

import nbformat
import pytest
from conftest import VALID_BANK
from helpers import line_of
from qbank import paths
from qbank.bank import read_bank
from qbank.marker import MARKER
from qbank.render import render_redirects, render_site
from qbank.write import UnsafeWrite, write_pages


@pytest.fixture(scope="module")
def pages() -> dict[str, str]:
    return render_site(read_bank(VALID_BANK))


def test_one_page_per_topic_a_home_page_and_the_snippets(pages):
    assert sorted(pages) == [
        "difficulty/easy.md",
        "difficulty/hard.md",
        "difficulty/medium.md",
        "downloads.md",
        "index.md",
        "snippets/index.md",
        "snippets/non-maximum-suppression.ipynb",
        "tags/detection.md",
        "tags/fundamentals.md",
        "tags/index.md",
        "tags/metrics.md",
        "topics/basics.md",
        "topics/detection.md",
    ]
    assert all(MARKER in text for text in pages.values())
    assert all(
        MARKER in text.splitlines()[1] for name, text in pages.items() if name.endswith(".md")
    )


def test_snippet_notebook_links_back_and_has_the_code(pages):
    notebook = nbformat.reads(pages["snippets/non-maximum-suppression.ipynb"], as_version=4)
    intro, code = notebook.cells
    assert intro.source.startswith("# What is non-maximum suppression?\n")
    assert "[this question](../../topics/detection/#non-maximum-suppression)" in intro.source
    assert "`pip install numpy`" in intro.source
    assert code.source == "import numpy as np\nscores = np.array([0.9, 0.8])"
    assert code.outputs == []


def test_an_executed_notebook_replaces_the_bare_one(pages):
    bank = read_bank(VALID_BANK)
    notebook = nbformat.reads(pages["snippets/non-maximum-suppression.ipynb"], as_version=4)
    notebook.cells[1].outputs = [nbformat.v4.new_output("stream", text="ran\n")]
    notebook.metadata["qbank"]["versions"] = {"python": "3.11.7", "numpy": "2.4.6"}
    rendered = render_site(bank, {"non-maximum-suppression": notebook})
    again = nbformat.reads(rendered["snippets/non-maximum-suppression.ipynb"], as_version=4)
    assert again.cells[1].outputs[0].text == "ran\n"
    assert "| python 3.11.7, numpy 2.4.6 |" in rendered["snippets/index.md"]
    assert "not executed yet: run `qbank execute`" in pages["snippets/index.md"]


def test_questions_have_their_id_as_anchor_in_file_order(pages):
    detection = pages["topics/detection.md"]
    headings = [line for line in detection.splitlines() if line.startswith("## ")]
    text = VALID_BANK.read_text(encoding="utf-8")
    iou, nms = line_of(text, "id: intersection-over-union"), line_of(text, "id: non-maximum-supp")
    assert headings == [
        f'## What does IoU measure? {{ #intersection-over-union data-line="{iou}" '
        'data-topic="detection" data-difficulty="easy" data-tags="detection metrics" }',
        f'## What is non-maximum suppression? {{ #non-maximum-suppression data-line="{nms}" '
        'data-topic="detection" data-difficulty="medium" data-tags="detection" }',
    ]


def test_answer_key_points_references_and_related_sit_in_a_collapsed_block(pages):
    detection = pages["topics/detection.md"]
    block = detection.split('??? answer "Answer"\n\n', 1)[1].split("\n</div>")[0]
    assert block.startswith("    The overlap of two boxes divided by their union:\n")
    assert "    $\\mathrm{IoU} = |A \\cap B| / |A \\cup B|$." in block
    assert "    **Key points**\n\n    - Ranges from 0 to 1\n" in block
    assert "    - Why is IoU a poor loss for disjoint boxes?\n" in block
    assert "    - [The PASCAL VOC challenge](https://doi.org/10.1007/s11263-009-0275-4)" in block
    assert "    **Related:** [What is a pixel?](../topics/basics.md#what-is-a-pixel)" in block


def test_each_question_is_its_heading_then_one_block(pages):
    detection = pages["topics/detection.md"]
    questions = detection.split("\n## ")[1:]
    assert len(questions) == 2
    for question in questions:
        heading, rest = question.split("\n\n", 1)
        assert rest.startswith('<div class="qb-question-body" markdown>\n\n'), heading
        assert rest.rstrip().endswith("</div>"), heading


def test_badges_and_why_asked(pages):
    detection = pages["topics/detection.md"]
    assert (
        "[Easy](../difficulty/easy.md){ .qb-badge .qb-badge--easy "
        'title="All easy questions" } '
        '[`detection`{ .qb-tag }](../tags/detection.md "Questions tagged detection") '
        '[`metrics`{ .qb-tag }](../tags/metrics.md "Questions tagged metrics")'
        "\n\n**Why it is asked:** Checks"
    ) in detection


def test_snippet_is_an_indented_fence_with_its_requirements(pages):
    detection = pages["topics/detection.md"]
    assert (
        "    **Code** (needs `numpy`)\n\n    ```python\n    import numpy as np\n"
        "    scores = np.array([0.9, 0.8])\n    ```\n\n"
        "    [:material-notebook-outline: Run it: the notebook with its output]"
        "(../snippets/non-maximum-suppression.ipynb){ .qb-run }\n"
    ) in detection


def test_related_links_cross_pages(pages):
    assert (
        "**Related:** [What is a pixel?](../topics/basics.md#what-is-a-pixel)"
        in pages["topics/detection.md"]
    )


def test_home_page_lists_topics_in_order_with_counts(pages):
    home = pages["index.md"]
    assert home.index("[Object detection](topics/detection.md)") < home.index(
        "[Basics](topics/basics.md)"
    )
    assert "2 questions · 1 easy · 1 medium" in home
    assert "1 question · 1 hard" in home
    assert "## Difficulty { #difficulty }" in home


def test_home_coverage_grid_links_counts_to_difficulty_lists(pages):
    home = pages["index.md"]
    assert (
        "| [Object detection](topics/detection.md) | [1](difficulty/easy.md#detection) | "
        "[1](difficulty/medium.md#detection) | 0 | 2 | "
        '<span class="qb-known" data-topic="detection" data-total="2"></span> |'
    ) in home
    assert "| **All** | **1** | **1** | **1** | **3** | |" in home


def test_tag_and_difficulty_pages_list_their_questions_by_topic(pages):
    detection = pages["tags/detection.md"]
    assert "# Questions tagged `detection`" in detection
    assert "## Object detection { #detection }" in detection
    assert "- [What does IoU measure?](../topics/detection.md#intersection-over-union)" in detection
    assert "What is a pixel?" not in detection
    assert "| [`metrics`](metrics.md) | 1 |" in pages["tags/index.md"]
    hard = pages["difficulty/hard.md"]
    assert "- [What is a pixel?](../topics/basics.md#what-is-a-pixel)" in hard
    assert "IoU" not in hard
    # Lists repeat question titles: keep them out of search, which finds the questions.
    assert "search:\n  exclude: true" in pages["tags/detection.md"]


def test_write_only_changes_what_changed(tmp_path, pages):
    first = write_pages(pages, tmp_path)
    assert len(first.written) == len(pages)
    home = tmp_path / "index.md"
    stamp = home.stat().st_mtime_ns
    again = write_pages(pages, tmp_path)
    assert again.written == [] and len(again.unchanged) == len(pages)
    assert home.stat().st_mtime_ns == stamp


def test_write_removes_stale_generated_pages_and_keeps_other_files(tmp_path, pages):
    write_pages(pages, tmp_path)
    notes = tmp_path / "topics" / "my-notes.md"
    notes.write_text("# Mine\n", encoding="utf-8")
    fewer = {k: v for k, v in pages.items() if k != "topics/basics.md"}
    report = write_pages(fewer, tmp_path)
    assert report.removed == [tmp_path / "topics" / "basics.md"]
    assert notes.read_text(encoding="utf-8") == "# Mine\n"


def test_write_never_overwrites_a_file_it_did_not_generate(tmp_path, pages):
    mine = tmp_path / "index.md"
    mine.write_text("# My hand-written home page\n", encoding="utf-8")
    with pytest.raises(UnsafeWrite, match="was not generated by qbank"):
        write_pages(pages, tmp_path)
    assert mine.read_text(encoding="utf-8") == "# My hand-written home page\n"


def test_qbank_build_writes_the_pages_mkdocs_uses(tmp_path, site):
    result = subprocess.run(
        [sys.executable, "-m", "qbank", "build", "--out", str(tmp_path)],
        capture_output=True,
        text=True,
        cwd=paths.ROOT,
    )
    assert result.returncode == 0, result.stderr
    built = sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*.*"))
    used = sorted(p.relative_to(paths.GENERATED) for p in paths.GENERATED.rglob("*.*"))
    assert built == used and len(built) > 2
    for relative in built:
        assert (tmp_path / relative).read_text() == (paths.GENERATED / relative).read_text()


def test_generated_pages_are_ignored_by_git():
    paths_ = [".generated/index.md", ".generated/topics/x.md", "site/index.html"]
    result = subprocess.run(
        ["git", "check-ignore", *paths_], cwd=paths.ROOT, capture_output=True, text=True
    )
    assert result.stdout.split() == paths_


def test_rendering_twice_gives_identical_files():
    # Identical output keeps time stamps and every downstream cache (mkdocs-jupyter) valid.
    bank = read_bank(VALID_BANK)
    assert render_site(bank) == render_site(bank)


def test_related_links_go_both_ways(pages):
    # Only intersection-over-union names what-is-a-pixel; the link shows on both.
    assert (
        "**Related:** [What does IoU measure?](../topics/detection.md#intersection-over-union)"
        in pages["topics/basics.md"]
    )


def test_last_review_date_is_shown(tmp_path):
    text = VALID_BANK.read_text(encoding="utf-8").replace(
        "    related: [what-is-a-pixel]\n",
        "    related: [what-is-a-pixel]\n    reviewed: 2026-11-25\n",
    )
    bank_file = tmp_path / "bank.yml"
    bank_file.write_text(text, encoding="utf-8")
    pages = render_site(read_bank(bank_file))
    assert (
        "    *Last reviewed 2026-11-25.*{ .qb-reviewed data-search-exclude }"
        in pages["topics/detection.md"]
    )


def test_permalink_pages_redirect_ids_and_aliases(tmp_path):
    text = VALID_BANK.read_text(encoding="utf-8").replace(
        "id: what-is-a-pixel", "id: what-is-a-pixel\n    aliases: [pixel-definition]"
    )
    bank_file = tmp_path / "bank.yml"
    bank_file.write_text(text, encoding="utf-8")
    pages = render_redirects(read_bank(bank_file))
    assert sorted(pages) == [
        "q/intersection-over-union/index.html",
        "q/non-maximum-suppression/index.html",
        "q/pixel-definition/index.html",
        "q/what-is-a-pixel/index.html",
    ]
    alias = pages["q/pixel-definition/index.html"]
    assert (
        '<meta http-equiv="refresh" content="0; url=../../topics/basics/#what-is-a-pixel">' in alias
    )
    assert "<title>What is a pixel?</title>" in alias
