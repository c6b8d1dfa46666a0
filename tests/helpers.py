"""Small helpers shared by the tests."""

from __future__ import annotations

from hypothesis import strategies as st


def line_of(text: str, needle: str) -> int:
    """The 1-based line of the first occurrence of needle in text."""
    index = text.index(needle)
    return text.count("\n", 0, index) + 1


def mutations(
    source: bytes, fragments: list[bytes], remove: int, insert: int, edits: int
) -> st.SearchStrategy[bytes]:
    """source with 1 to `edits` spans of up to `remove` bytes replaced, each by one of the
    fragments or by up to `insert` random bytes: the careless edits a contributor might make."""
    edit = st.tuples(
        st.integers(0, len(source)),
        st.integers(0, remove),
        st.one_of(st.sampled_from(fragments), st.binary(max_size=insert)),
    )

    def apply(changes: list[tuple[int, int, bytes]]) -> bytes:
        raw = source
        for at, removed, inserted in changes:
            raw = raw[:at] + inserted + raw[at + removed :]
        return raw

    return st.lists(edit, min_size=1, max_size=edits).map(apply)
