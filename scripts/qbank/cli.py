"""The qbank command: validate the bank, build its pages, show its statistics."""

from __future__ import annotations

import argparse
import json
import os
import signal
import sys
import time
from collections.abc import Sequence
from pathlib import Path

from qbank import paths
from qbank.bank import check, read_bank
from qbank.model import DIFFICULTIES, Bank, difficulty_counts, taken_ids
from qbank.new import insert_question, new_id, question_block
from qbank.problems import BankError
from qbank.registry import publish, read_registry, registry_path
from qbank.similar import near_duplicates
from qbank.write import UnsafeWrite, write_pages


class UsageError(Exception):
    """A command was given something it cannot use; the message says what."""


def _shown(path: Path) -> Path:
    """A path as the user would type it: relative to the working folder when inside it."""
    try:
        return path.resolve().relative_to(Path.cwd().resolve())
    except ValueError:
        return path


def _validate(args: argparse.Namespace) -> int:
    document = check(args.bank)
    # "New" means not yet published; without a registry nothing is known to be new.
    registry = registry_path(args.bank)
    published = set(read_registry(registry))
    warnings = near_duplicates(document, published) if registry.exists() else []
    for warning in warnings:
        print(warning)
        if args.github:
            print(warning.github_annotation("warning"))
    questions = document.data["questions"]
    print(f"{args.bank}: {len(questions)} questions, no problems, {len(warnings)} warnings")
    return 0


# Commands import what only they need (Jupyter, Jinja, Anki), so `qbank validate` starts fast.


def _build(args: argparse.Namespace) -> int:
    from qbank.notebooks import NotebookCache, cached_notebooks
    from qbank.render import render_site, runnable

    started = time.perf_counter()
    bank = read_bank(args.bank)
    pages = render_site(bank, cached_notebooks(runnable(bank), NotebookCache(args.cache)))
    report = write_pages(pages, args.out)
    elapsed = time.perf_counter() - started
    print(
        f"{_shown(args.out)}: {len(report.written)} pages written, "
        f"{len(report.unchanged)} unchanged, {len(report.removed)} removed "
        f"in {elapsed * 1000:.0f} ms"
    )
    return 0


def _execute(args: argparse.Namespace) -> int:
    from qbank.execute import execute
    from qbank.notebooks import NotebookCache
    from qbank.render import runnable

    bank = read_bank(args.bank)
    cache = NotebookCache(args.cache)
    titles = {t.id: t.title for t in bank.topics}
    todo = [q for q in runnable(bank) if not args.only or q.id in args.only]
    failures = []
    started = time.perf_counter()
    for question in todo:
        if not args.force and cache.get(question.snippet) is not None:
            print(f"  cached  {question.id}")
            continue
        run = execute(question, titles[question.topic], args.bank, args.timeout)
        if run.ok:
            cache.put(run.notebook)
            print(f"{run.seconds:6.1f} s  {question.id}")
        else:
            failures.append(run.error)
            print(f"{run.seconds:6.1f} s  {question.id}: FAILED")
    for failure in failures:
        print(failure)
    print(
        f"{len(todo)} snippets, {len(failures)} failed, {time.perf_counter() - started:.1f} s",
        file=sys.stderr,
    )
    return 1 if failures else 0


def _export(args: argparse.Namespace) -> int:
    from qbank.export import to_anki, to_csv, to_json

    bank = read_bank(args.bank)
    if args.format == "anki":
        args.out.write_bytes(to_anki(bank, args.site_url))
    else:
        text = to_json(bank) if args.format == "json" else to_csv(bank)
        args.out.write_text(text, encoding="utf-8", newline="")
    print(f"{_shown(args.out)}: {len(bank.questions)} questions as {args.format}")
    return 0


def _links(args: argparse.Namespace) -> int:
    from qbank.links import check_links, references

    links = list(references(check(args.bank)))
    results = check_links(links, timeout=args.timeout)
    dead = [r for r in results if r.status == "dead"]
    for result in results:
        if result.status != "ok":
            link = result.link
            print(
                f"{args.bank}:{link.line}:{link.column}: {result.status} {link.url} "
                f"({result.detail}) in question '{link.question}'"
            )
    unsure = sum(r.status == "unsure" for r in results)
    count = len(results)
    print(f"{count} reference link{'s' * (count != 1)}: {len(dead)} dead, {unsure} not checkable")
    return 1 if dead else 0


def _publish(args: argparse.Namespace) -> int:
    document = check(args.bank)
    path = registry_path(args.bank)
    new = publish([q["id"] for q in document.data["questions"]], path)
    shown = ", ".join(new[:10]) + (", ..." if len(new) > 10 else "")
    print(f"{path}: {len(new)} new ids published" + (f": {shown}" if new else ""))
    return 0


def _ask(value: str | None, prompt: str, choices: list[str] | None = None) -> str:
    """An option's value, or an answer typed at the prompt when running interactively."""
    while not value:
        if not sys.stdin.isatty():
            raise UsageError(f"missing --{prompt.split()[0].lower()}")
        hint = f" ({', '.join(choices)})" if choices else ""
        value = input(f"{prompt}{hint}: ").strip()
    if choices and value not in choices:
        raise UsageError(f"'{value}' is not one of: {', '.join(choices)}")
    return value


def _new(args: argparse.Namespace) -> int:
    document = check(args.bank)
    data = document.data
    topic = _ask(args.topic, "Topic", [t["id"] for t in data["topics"]])
    question = _ask(args.question, "Question")
    difficulty = _ask(args.difficulty, "Difficulty", list(DIFFICULTIES))
    tags = args.tags or [t.strip() for t in _ask(None, "Tags (comma-separated)").split(",")]
    unknown = [t for t in tags if t not in data["tags"]]
    if unknown:
        raise UsageError(f"unknown tags {', '.join(unknown)}: use tags from the bank's list")
    question_id = new_id(question, taken_ids(data))
    indent = " " * (document.position(("questions", 0))[1] - 3)
    block = question_block(question_id, topic, question, difficulty, tags, indent)
    raw = args.bank.read_bytes()
    bom = b"\xef\xbb\xbf" if raw.startswith(b"\xef\xbb\xbf") else b""
    updated, line = insert_question(raw[len(bom) :].decode("utf-8"), document, topic, block)
    args.bank.write_bytes(bom + updated.encode("utf-8"))
    print(f"{args.bank}:{line}: added '{question_id}'. Next: write its answer, then validate.")
    return 0


def stats(bank: Bank) -> dict[str, dict[str, int]]:
    """Question counts per topic and difficulty, plus a 'total' row."""
    table = {t.id: difficulty_counts(bank.by_topic(t.id)) for t in bank.topics}
    return {**table, "total": difficulty_counts(bank.questions)}


def _stats(args: argparse.Namespace) -> int:
    table = stats(read_bank(args.bank))
    if args.json:
        print(json.dumps(table, indent=2))
        return 0
    columns = [*DIFFICULTIES, "total"]
    width = max(map(len, table))
    print(f"{'topic':<{width}}  " + "  ".join(f"{c:>6}" for c in columns))
    for name, row in table.items():
        if name == "total":
            print("-" * (width + 8 * len(columns)))
        print(f"{name:<{width}}  " + "  ".join(f"{row[c]:>6}" for c in columns))
    return 0


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="qbank",
        description="Validate the question bank, build its Markdown pages, show statistics.",
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    default_bank = _shown(paths.BANK)

    validate = commands.add_parser("validate", help="check the bank and report every problem")
    validate.add_argument("bank", nargs="?", type=Path, default=default_bank, metavar="PATH")
    validate.add_argument(
        "--github",
        action="store_true",
        default=os.environ.get("GITHUB_ACTIONS") == "true",
        help="also print GitHub Actions annotations (default: on inside GitHub Actions)",
    )
    validate.set_defaults(run=_validate)

    build = commands.add_parser("build", help="write the generated Markdown pages")
    build.add_argument("--bank", type=Path, default=default_bank, metavar="PATH")
    build.add_argument("--out", type=Path, default=_shown(paths.GENERATED), metavar="DIR")
    build.add_argument("--cache", type=Path, default=_shown(paths.NOTEBOOK_CACHE), metavar="DIR")
    build.set_defaults(run=_build)

    execute_ = commands.add_parser(
        "execute", help="run the snippets whose outputs are not cached yet (notebooks)"
    )
    execute_.add_argument("--bank", type=Path, default=default_bank, metavar="PATH")
    execute_.add_argument("--cache", type=Path, default=_shown(paths.NOTEBOOK_CACHE), metavar="DIR")
    execute_.add_argument("--force", action="store_true", help="run even when cached")
    execute_.add_argument("--only", nargs="+", metavar="ID", help="only these question ids")
    execute_.add_argument("--timeout", type=float, default=300, help="seconds per cell")
    execute_.set_defaults(run=_execute)

    export = commands.add_parser("export", help="write the bank as JSON, CSV or an Anki deck")
    export.add_argument("--bank", type=Path, default=default_bank, metavar="PATH")
    export.add_argument("--format", choices=("json", "csv", "anki"), required=True)
    export.add_argument("--out", type=Path, required=True, metavar="FILE")
    export.add_argument(
        "--site-url",
        default=os.environ.get("SITE_URL", "http://127.0.0.1:8000/"),
        help="where the Anki cards link to (default: $SITE_URL or the local server)",
    )
    export.set_defaults(run=_export)

    links = commands.add_parser("links", help="check that reference links still answer")
    links.add_argument("--bank", type=Path, default=default_bank, metavar="PATH")
    links.add_argument("--timeout", type=float, default=20, help="seconds per link")
    links.set_defaults(run=_links)

    publish_ = commands.add_parser(
        "publish", help="add new question ids to questions/published-ids.txt"
    )
    publish_.add_argument("--bank", type=Path, default=default_bank, metavar="PATH")
    publish_.set_defaults(run=_publish)

    new = commands.add_parser("new", help="add a question skeleton to the bank")
    new.add_argument("--bank", type=Path, default=default_bank, metavar="PATH")
    new.add_argument("--topic", help="topic id")
    new.add_argument("--question", help="the question text")
    new.add_argument("--difficulty", choices=DIFFICULTIES)
    new.add_argument("--tags", type=lambda v: [t.strip() for t in v.split(",")], help="a,b")
    new.set_defaults(run=_new)

    stats_ = commands.add_parser("stats", help="count questions by topic and difficulty")
    stats_.add_argument("--bank", type=Path, default=default_bank, metavar="PATH")
    stats_.add_argument("--json", action="store_true", help="print JSON")
    stats_.set_defaults(run=_stats)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    if hasattr(signal, "SIGPIPE"):  # `qbank validate | head` ends quietly
        signal.signal(signal.SIGPIPE, signal.SIG_DFL)
    args = _parser().parse_args(argv)
    try:
        return args.run(args)
    except BankError as error:
        for problem in error.problems:
            print(problem)
        if getattr(args, "github", False):
            for problem in error.problems:
                print(problem.github_annotation())
        count = len(error.problems)
        print(f"Found {count} problem{'s' * (count != 1)}.", file=sys.stderr)
        return 1
    except (UnsafeWrite, UsageError) as error:
        print(f"qbank: {error}", file=sys.stderr)
        return 1
    except Exception as error:  # a bug in qbank, never a reason to show a traceback
        if os.environ.get("QBANK_DEBUG"):
            raise
        print(
            f"qbank: internal error ({type(error).__name__}: {error}). "
            "Please report it; run with QBANK_DEBUG=1 for details.",
            file=sys.stderr,
        )
        return 2
