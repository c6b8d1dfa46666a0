"""`qbank stats`: counts by topic and difficulty."""

from __future__ import annotations

import json

from conftest import VALID_BANK
from qbank.cli import main


def test_stats_json(capsys):
    assert main(["stats", "--bank", str(VALID_BANK), "--json"]) == 0
    table = json.loads(capsys.readouterr().out)
    assert table == {
        "detection": {"easy": 1, "medium": 1, "hard": 0, "total": 2},
        "basics": {"easy": 0, "medium": 0, "hard": 1, "total": 1},
        "total": {"easy": 1, "medium": 1, "hard": 1, "total": 3},
    }


def test_stats_table(capsys):
    assert main(["stats", "--bank", str(VALID_BANK)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split() == ["topic", "easy", "medium", "hard", "total"]
    assert lines[1].split() == ["detection", "1", "1", "0", "2"]
    assert lines[-1].split() == ["total", "1", "1", "1", "3"]
