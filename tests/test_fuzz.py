"""Property-based: whatever bytes a contributor saves, the loader and validator either accept
the bank or report problems with a position; they never crash."""

from __future__ import annotations

import yaml
from conftest import VALID_BANK
from helpers import mutations
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from qbank.bank import read_bank
from qbank.problems import BankError

VALID = VALID_BANK.read_bytes()
FRAGMENTS = [
    *b"\n  \t - : [ ] { } &a *a !! ' \" # | > ~ null true 123 1e9 2026-11-25".split(b" "),
    *[b"id: x\n", b"\xff", b"\x00", b"---\n", b"...\n", b"\t"],
]
FUZZ = settings(
    max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


def _outcome(raw: bytes, tmp_path) -> None:
    path = tmp_path / "bank.yml"
    path.write_bytes(raw)
    try:
        bank = read_bank(path)
    except BankError as error:
        assert error.problems
        for problem in error.problems:
            assert problem.line >= 1 and problem.column >= 1
            assert problem.code[0] in "EW" and problem.message
    else:
        assert bank.questions


@settings(
    max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(raw=mutations(VALID, FRAGMENTS, remove=40, insert=8, edits=5))
def test_mutated_banks_are_valid_or_cleanly_rejected(raw, tmp_path):
    _outcome(raw, tmp_path)


yaml_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=10), children, max_size=4)
    ),
    max_leaves=30,
)


@settings(
    max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    data=st.fixed_dictionaries(
        {},
        optional={"topics": yaml_values, "tags": yaml_values, "questions": yaml_values},
    )
    | yaml_values
)
def test_random_documents_are_cleanly_rejected(data, tmp_path):
    _outcome(yaml.safe_dump(data, allow_unicode=True).encode(), tmp_path)
