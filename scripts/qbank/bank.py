"""Read a bank file into typed objects: load, then validate, then build."""

from __future__ import annotations

from pathlib import Path

from qbank.incremental import cache_file, quick_check
from qbank.load import Document, parse, read
from qbank.model import Bank, build_bank, taken_ids
from qbank.problems import BankError
from qbank.registry import missing_ids, read_registry, registry_path
from qbank.validate import validate


def check(path: Path) -> Document:
    """Load and validate, against the registry of published ids when there is one;
    raises BankError listing every problem."""
    raw = read(path)
    document = quick_check(path, raw, cache_file(path))  # only what changed since last time
    if document is None:
        document = parse(raw, path)
        problems = validate(document)
    else:
        problems = []
    registry = registry_path(path)
    if not problems and registry.exists():
        problems = missing_ids(read_registry(registry), taken_ids(document.data), registry)
    if problems:
        raise BankError(problems)
    return document


def read_bank(path: Path) -> Bank:
    """The valid bank at path; raises BankError listing every problem."""
    document = check(path)
    return build_bank(document.data, lambda data_path: document.position(data_path)[0])
