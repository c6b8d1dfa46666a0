"""The downloads: questions.json, the CSV and the Anki deck, from the command and on the site."""

from __future__ import annotations

import csv
import json
import sqlite3
import zipfile

import pytest
from conftest import BANK, VALID_BANK
from qbank.cli import main


@pytest.fixture
def export(tmp_path):
    def run(fmt: str, bank=VALID_BANK):
        out = tmp_path / f"bank.{fmt}"
        assert main(["export", "--bank", str(bank), "--format", fmt, "--out", str(out)]) == 0
        return out

    return run


def test_json_has_every_question_with_its_source_and_a_schema_version(export):
    data = json.loads(export("json").read_text(encoding="utf-8"))
    assert data["schema"] == 1
    assert data["count"] == len(data["questions"]) == 3
    assert [t["id"] for t in data["topics"]] == ["detection", "basics"]
    iou = data["questions"][0]
    assert iou["id"] == "intersection-over-union"
    assert iou["url"] == "topics/detection/#intersection-over-union"
    assert iou["permalink"] == "q/intersection-over-union/"
    assert iou["answer"].startswith("The overlap of two boxes divided by their union:")
    assert iou["references"][0]["url"] == "https://doi.org/10.1007/s11263-009-0275-4"


def test_csv_opens_as_one_row_per_question_with_multiline_answers_intact(export):
    with export("csv").open(encoding="utf-8", newline="") as file:
        rows = list(csv.DictReader(file))
    assert [r["id"] for r in rows] == [
        "intersection-over-union",
        "non-maximum-suppression",
        "what-is-a-pixel",
    ]
    assert rows[0]["answer"].count("\n") == 2
    assert rows[0]["key_points"] == "- Ranges from 0 to 1"
    assert rows[0]["tags"] == "detection metrics"


def _notes(deck_path) -> list[tuple[str, str, str]]:
    with zipfile.ZipFile(deck_path) as deck:
        database = deck_path.with_suffix(".anki2")
        database.write_bytes(deck.read("collection.anki2"))
    with sqlite3.connect(database) as connection:
        return connection.execute("SELECT guid, flds, tags FROM notes ORDER BY id").fetchall()


def test_anki_deck_has_one_card_per_question_with_html_answers(export):
    notes = _notes(export("anki"))
    assert len(notes) == 3
    _, fields, tags = notes[0]
    question_id, front, back, link = fields.split("\x1f")
    assert question_id == "intersection-over-union"
    assert front == "What does IoU measure?"
    assert "<strong>Key points</strong>" in back and "<li>Ranges from 0 to 1</li>" in back
    assert "\\(\\mathrm{IoU}" in back  # Anki typesets \( \) math itself
    assert link.startswith("http") and link.endswith("/topics/detection/#intersection-over-union")
    assert set(tags.split()) == {"detection", "metrics", "easy"}


def test_reimporting_a_newer_deck_updates_the_same_cards(export, tmp_path):
    first = [guid for guid, _, _ in _notes(export("anki"))]
    changed = tmp_path / "changed.yml"
    changed.write_text(
        VALID_BANK.read_text(encoding="utf-8").replace("What is a pixel?", "What is a pel?"),
        encoding="utf-8",
    )
    second = [guid for guid, _, _ in _notes(export("anki", changed))]
    assert first == second


@pytest.mark.slow
def test_the_site_offers_the_downloads_it_links_to(site):
    data = json.loads((site / "questions.json").read_text(encoding="utf-8"))
    assert data["count"] == len(BANK.questions)
    for question in data["questions"][:: max(1, len(BANK.questions) // 20)]:
        page = site / question["url"].split("#")[0] / "index.html"
        assert f'id="{question["id"]}"' in page.read_text(encoding="utf-8")
    assert (site / "questions.csv").read_text(encoding="utf-8").startswith("id,topic,difficulty")
    assert len(_notes(site / "cv-interview-bank.apkg")) == len(BANK.questions)
    # The practice page's index: every question, none of the answers, a fraction of the size.
    index = json.loads((site / "questions-index.json").read_text(encoding="utf-8"))
    assert [q["id"] for q in index["questions"]] == [q["id"] for q in data["questions"]]
    assert "answer" not in index["questions"][0] and index["questions"][0]["question"]
    assert (site / "questions-index.json").stat().st_size < (
        site / "questions.json"
    ).stat().st_size / 5
    downloads = (site / "downloads" / "index.html").read_text(encoding="utf-8")
    for name in ("../questions.json", "../questions.csv", "../cv-interview-bank.apkg"):
        assert f'href="{name}"' in downloads
