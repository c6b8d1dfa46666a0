"""Small helpers shared by the tests."""


def line_of(text: str, needle: str) -> int:
    """The 1-based line of the first occurrence of needle in text."""
    index = text.index(needle)
    return text.count("\n", 0, index) + 1
