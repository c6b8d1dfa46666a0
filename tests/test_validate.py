"""`qbank validate`: every kind of bad input gives file:line:col: CODE and a fix, never a crash."""

from __future__ import annotations

import json
import subprocess
import sys

import jsonschema
import pytest
from helpers import line_of
from qbank import paths
from qbank.cli import main


def test_the_small_bank_is_valid(validate_text, valid_text):
    code, out = validate_text(valid_text)
    assert code == 0
    assert out == [out[0]] and "3 questions, no problems" in out[0]


def test_the_real_bank_is_valid():
    result = subprocess.run(
        [sys.executable, "-m", "qbank", "validate"], cwd=paths.ROOT, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout
    assert result.stdout.startswith("questions/bank.yml: ")


def _one_problem(validate_text, text: str) -> str:
    code, out = validate_text(text)
    assert code == 1
    assert len(out) == 1, out
    return out[0]


def test_yaml_syntax_error_points_at_the_line(validate_text, valid_text, tmp_path):
    text = valid_text.replace("question: What is a pixel?", 'question: "What is a pixel?')
    problem = _one_problem(validate_text, text)
    # The unclosed quote runs on until the scanner gives up at the end of the file.
    assert problem.startswith(f"{tmp_path / 'bank.yml'}:")
    assert " E001 invalid YAML (" in problem


def test_bad_indentation_points_at_the_line(validate_text, valid_text, tmp_path):
    text = valid_text.replace("    difficulty: medium", "   difficulty: medium")
    problem = _one_problem(validate_text, text)
    line = line_of(text, "   difficulty: medium")
    assert problem.startswith(f"{tmp_path / 'bank.yml'}:{line}:")
    assert "E001" in problem and "indentation" in problem


def test_tab_indentation_is_named(validate_text, valid_text, tmp_path):
    text = valid_text.replace("    difficulty: easy", "\tdifficulty: easy")
    problem = _one_problem(validate_text, text)
    line = line_of(text, "\tdifficulty")
    assert problem.startswith(f"{tmp_path / 'bank.yml'}:{line}:1: E001")
    assert "indent with spaces, not tabs" in problem


def test_duplicate_key(validate_text, valid_text, tmp_path):
    text = valid_text.replace(
        "    difficulty: easy\n", "    difficulty: easy\n    difficulty: hard\n"
    )
    problem = _one_problem(validate_text, text)
    first, second = line_of(text, "difficulty: easy"), line_of(text, "difficulty: hard")
    assert problem == (
        f"{tmp_path / 'bank.yml'}:{second}:5: E002 duplicate key 'difficulty' "
        f"(first at line {first}): keep one of the two"
    )


def test_missing_field_points_at_the_question(validate_text, valid_text, tmp_path):
    text = valid_text.replace("    answer: One sample of a sampled and quantized image.\n", "")
    problem = _one_problem(validate_text, text)
    line = line_of(text, "id: what-is-a-pixel")
    assert problem == (
        f"{tmp_path / 'bank.yml'}:{line}:5: E101 question 'what-is-a-pixel': "
        "missing required field 'answer': add it"
    )


def test_unknown_field_suggests_the_right_spelling(validate_text, valid_text, tmp_path):
    text = valid_text.replace("    why_asked:", "    why_askd:")
    problem = _one_problem(validate_text, text)
    line = line_of(text, "why_askd")
    assert problem == (
        f"{tmp_path / 'bank.yml'}:{line}:5: E102 question 'intersection-over-union': "
        "unknown field 'why_askd': did you mean 'why_asked'?"
    )


def test_wrong_type(validate_text, valid_text, tmp_path):
    text = valid_text.replace("    tags: [detection, metrics]", "    tags: detection")
    problem = _one_problem(validate_text, text)
    line = line_of(text, "tags: detection")
    assert problem.startswith(f"{tmp_path / 'bank.yml'}:{line}:11: E103 ")
    assert "field 'tags': must be a list (lines starting with '- '), not text" in problem


def test_value_outside_the_allowed_set(validate_text, valid_text, tmp_path):
    text = valid_text.replace("difficulty: hard", "difficulty: expert")
    problem = _one_problem(validate_text, text)
    line = line_of(text, "expert")
    assert problem.endswith("'expert' is not allowed: use one of easy, medium, hard")
    assert f":{line}:17: E104 " in problem


def test_id_that_is_not_kebab_case(validate_text, valid_text, tmp_path):
    text = valid_text.replace("id: what-is-a-pixel", "id: What is a Pixel")
    text = text.replace("related: [what-is-a-pixel]\n", "")
    problem = _one_problem(validate_text, text)
    line = line_of(text, "What is a Pixel")
    assert problem.startswith(f"{tmp_path / 'bank.yml'}:{line}:9: E105 ")
    assert "is not kebab-case" in problem and "e.g. 'what-is-a-pixel'" in problem


def test_duplicate_question_id(validate_text, valid_text, tmp_path):
    text = valid_text.replace("id: what-is-a-pixel", "id: non-maximum-suppression")
    text = text.replace("related: [what-is-a-pixel]\n", "")
    problem = _one_problem(validate_text, text)
    first = line_of(text, "id: non-maximum-suppression")
    second = line_of(text[text.index("id: non-maximum-suppression") + 1 :], "id: non-max")
    assert problem == (
        f"{tmp_path / 'bank.yml'}:{first + second - 1}:9: E201 duplicate question id "
        f"'non-maximum-suppression' (first at line {first}): choose another id"
    )


def test_related_names_an_unknown_id(validate_text, valid_text, tmp_path):
    text = valid_text.replace("related: [what-is-a-pixel]", "related: [what-is-a-pixl]")
    problem = _one_problem(validate_text, text)
    line = line_of(text, "what-is-a-pixl")
    assert problem == (
        f"{tmp_path / 'bank.yml'}:{line}:15: E202 question 'intersection-over-union': "
        "question id 'what-is-a-pixl' does not exist: did you mean 'what-is-a-pixel'?"
    )


@pytest.mark.parametrize("empty", ['""', "'   '", "|\n      \n"])
def test_empty_answer(validate_text, valid_text, tmp_path, empty):
    text = valid_text.replace(
        "answer: One sample of a sampled and quantized image.", f"answer: {empty}"
    )
    problem = _one_problem(validate_text, text)
    line = line_of(text, f"answer: {empty}")
    assert problem == (
        f"{tmp_path / 'bank.yml'}:{line}:13: E203 question 'what-is-a-pixel', "
        "field 'answer': is empty: write the text"
    )


def test_unknown_topic_and_tag(validate_text, valid_text, tmp_path):
    text = valid_text.replace("topic: basics", "topic: basic").replace(
        "tags: [fundamentals]", "tags: [fundamental]"
    )
    code, out = validate_text(text)
    assert code == 1
    assert out == [
        f"{tmp_path / 'bank.yml'}:{line_of(text, 'id: basics')}:9: E207 topic 'basics' has "
        "no questions: add one or remove the topic",
        f"{tmp_path / 'bank.yml'}:{line_of(text, 'topic: basic')}:12: E204 question "
        "'what-is-a-pixel': topic 'basic' does not exist: did you mean 'basics'?",
        f"{tmp_path / 'bank.yml'}:{line_of(text, '[fundamental]')}:12: E205 question "
        "'what-is-a-pixel': tag 'fundamental' does not exist: did you mean 'fundamentals'? "
        "or add it to the 'tags' list at the top",
    ]


def test_every_problem_is_reported_at_once(validate_text, valid_text):
    text = (
        valid_text.replace("    why_asked:", "    why_askd:")
        .replace("difficulty: hard", "difficulty: expert")
        .replace("related: [what-is-a-pixel]", "related: [nope]")
    )
    code, out = validate_text(text)
    assert code == 1
    assert [line.split(" ")[1] for line in out] == ["E102", "E202", "E104"]


def test_invalid_utf8_names_the_line(validate_text, valid_text, tmp_path):
    raw = valid_text.encode().replace(b"What is a pixel?", b"What is a pix\xe9l?")
    problem = _one_problem(validate_text, raw)
    line = line_of(valid_text, "What is a pixel?")
    assert problem.startswith(f"{tmp_path / 'bank.yml'}:{line}:")
    assert "E004 byte 0xe9 is not valid UTF-8: save the file as UTF-8" in problem


def test_yaml_aliases_are_refused(validate_text, valid_text):
    text = valid_text.replace("tags: [detection, metrics]", "tags: &t [detection, metrics]")
    text = text.replace("    tags: [detection]\n", "    tags: *t\n")
    problem = _one_problem(validate_text, text)
    assert " E003 YAML aliases (*name) are not allowed" in problem


def test_empty_file(validate_text, tmp_path):
    problem = _one_problem(validate_text, "# nothing yet\n")
    assert problem == (
        f"{tmp_path / 'bank.yml'}:1:1: E103 the file is empty: "
        "it needs 'topics', 'tags' and 'questions'"
    )


def test_byte_order_mark_and_windows_line_endings_are_accepted(validate_text, valid_text):
    code, _ = validate_text(b"\xef\xbb\xbf" + valid_text.replace("\n", "\r\n").encode())
    assert code == 0


def test_command_line_never_shows_a_traceback(tmp_path):
    bad = tmp_path / "bank.yml"
    bad.write_text("topics: [\n  - {id: x\nquestions: 3\n", encoding="utf-8")
    for argv in (
        ["validate", str(bad)],
        ["stats", "--bank", str(bad)],
        ["validate", "missing.yml"],
    ):
        result = subprocess.run(
            [sys.executable, "-m", "qbank", *argv], capture_output=True, text=True, cwd=tmp_path
        )
        assert result.returncode == 1, result
        assert "Traceback" not in result.stdout + result.stderr
        assert result.stdout.count(": E0") >= 1


def test_list_glued_to_a_text_line_would_not_render(validate_text, valid_text, tmp_path):
    text = valid_text.replace(
        "      Keep the highest-scoring box, drop boxes that overlap it, repeat.\n",
        "      **Steps**\n      - keep the best box\n      - drop overlaps\n",
    )
    problem = _one_problem(validate_text, text)
    assert problem == (
        f"{tmp_path / 'bank.yml'}:{line_of(text, '- keep the best')}:1: E301 question "
        "'non-maximum-suppression', answer: this list follows a text line directly, so it "
        "would show as plain text: add an empty line above it"
    )
    # The same list after an empty line, or inside a code fence, is fine.
    assert validate_text(text.replace("**Steps**\n", "**Steps**\n\n"))[0] == 0


def test_topic_without_questions(validate_text, valid_text, tmp_path):
    text = valid_text.replace("topic: basics", "topic: detection")
    problem = _one_problem(validate_text, text)
    assert problem == (
        f"{tmp_path / 'bank.yml'}:{line_of(text, 'id: basics')}:9: E207 topic 'basics' has "
        "no questions: add one or remove the topic"
    )


def test_github_annotations_point_at_the_line(validate_text, valid_text, tmp_path, capsys):
    text = valid_text.replace("    why_asked:", "    why_askd:")
    path = tmp_path / "bank.yml"
    path.write_text(text, encoding="utf-8")
    assert main(["validate", "--github", str(path)]) == 1
    out = capsys.readouterr().out.splitlines()
    line = line_of(text, "why_askd")
    assert out[1] == (
        f"::error file={path},line={line},col=5,title=E102::question 'intersection-over-union': "
        "unknown field 'why_askd': did you mean 'why_asked'?"
    )


def test_the_schema_itself_is_a_valid_json_schema():
    schema = json.loads(paths.SCHEMA.read_text(encoding="utf-8"))
    jsonschema.validators.validator_for(schema).check_schema(schema)
