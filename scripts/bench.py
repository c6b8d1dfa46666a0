"""Benchmark the question bank tools at the real size and at 1,000 and 10,000 questions (issue 7).

Synthetic banks are built from questions/bank.yml: its questions are copied round after round
with new ids (`<id>-copy-<round>`) until the bank has the wanted size. Copies keep their text,
code blocks, math, topic and tags; they drop `aliases`, keep only the `related` links to copies
of the same round, and their snippets do not run (`runs: false`), so only the real bank's
notebooks are rendered. Every bank must pass `qbank validate` before anything is timed.

For each bank the script measures, as the median of several runs:

- `qbank validate PATH` (wall time and peak memory), and load + validate in this process;
- page generation alone, `qbank build --out DIR`;
- the full `mkdocs build` with our hook (wall time and peak memory);
- the baseline: MkDocs alone building the same, pre-generated pages without the hook; our
  overhead is full minus baseline (the target: at most 10 % of the baseline at 10,000);
- the search index size and the largest page of the built site;
- for the real bank, the time until an edit of bank.yml shows up under `mkdocs serve`.

Every build runs in a temporary copy of the project. The Markdown table is printed and
written into docs/performance.md between `<!-- bench:start -->` and `<!-- bench:end -->`.

    /work/venv/bin/python scripts/bench.py            # everything (about half an hour)
    /work/venv/bin/python scripts/bench.py --quick    # 1,000 questions only, one run, print only
"""

from __future__ import annotations

import argparse
import copy
import datetime
import os
import platform
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from mkdocs.config import load_config
from qbank.load import load
from qbank.validate import validate

ROOT = Path(__file__).resolve().parents[1]
BANK = ROOT / "questions" / "bank.yml"
PAGE = ROOT / "docs" / "performance.md"
START, END = "<!-- bench:start -->", "<!-- bench:end -->"
TARGET_SIZE = 10_000  # the bank size the overhead target applies to
TARGET_OVERHEAD = 10.0  # per cent of MkDocs' own build time
MB = 1024 * 1024
NOT_MEASURED = "n/a"


# --- running and timing a command -------------------------------------------------------


@dataclass
class Run:
    """One finished command: wall time, CPU time (user + system) and peak resident memory.

    CPU time hardly changes when other programs share the machine; wall time does.
    """

    seconds: float
    cpu_seconds: float
    max_rss_mb: float


def environment(cache: Path) -> dict[str, str]:
    """The environment of every command: `qbank validate` keeps the questions it has checked
    under XDG_CACHE_HOME, so each measurement says which cache folder it starts from."""
    return {**os.environ, "NO_MKDOCS_2_WARNING": "1", "XDG_CACHE_HOME": str(cache)}


def fresh_cache(scratch: Path) -> Path:
    """An empty cache folder, as on a fresh checkout or in CI."""
    return Path(tempfile.mkdtemp(prefix="cache-", dir=scratch))


# Linux starts a child's peak memory at its parent's size when it forks, and this script
# holds whole banks; GNU time forks the command from its own small process instead.
GNU_TIME = Path("/usr/bin/time")


def run(command: list[str], cwd: Path, log: Path, cache: Path) -> Run:
    """Run command to the end and measure it; raise with the log's tail if it fails."""
    peak = log.with_suffix(".maxrss")
    if GNU_TIME.exists():
        command = [str(GNU_TIME), "--format=%M", f"--output={peak}", *command]
    with log.open("w", encoding="utf-8") as out:
        started = time.perf_counter()
        process = subprocess.Popen(
            command, cwd=cwd, stdout=out, stderr=subprocess.STDOUT, env=environment(cache)
        )
        # os.wait4 returns the resource usage of this one child (and of what it waited for).
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - started
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        tail = log.read_text(encoding="utf-8", errors="replace")[-3000:]
        raise RuntimeError(f"{' '.join(command)} failed ({process.returncode}):\n{tail}")
    cpu = usage.ru_utime + usage.ru_stime
    max_rss_kib = int(peak.read_text().split()[-1]) if GNU_TIME.exists() else usage.ru_maxrss
    return Run(seconds, cpu, max_rss_kib / 1024)


def median_run(runs: list[Run]) -> Run:
    return Run(
        statistics.median(r.seconds for r in runs),
        statistics.median(r.cpu_seconds for r in runs),
        statistics.median(r.max_rss_mb for r in runs),
    )


def repeat(times: int, measure: Callable[[], Run]) -> Run:
    return median_run([measure() for _ in range(times)])


def qbank(*args: str) -> list[str]:
    return [sys.executable, "-m", "qbank", *args]


def mkdocs(*args: str) -> list[str]:
    return [sys.executable, "-m", "mkdocs", *args]


# --- synthetic banks --------------------------------------------------------------------


class _Dumper(yaml.SafeDumper):
    """Writes every value out in full (no &anchors) and multi-line text as `|` blocks."""

    def ignore_aliases(self, data: Any) -> bool:
        return True

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        super().increase_indent(flow, False)  # lists indented under their key, as in the bank


def _represent_text(dumper: yaml.SafeDumper, text: str) -> yaml.ScalarNode:
    style = "|" if "\n" in text else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", text, style=style)


_Dumper.add_representer(str, _represent_text)


def copy_question(question: dict[str, Any], round_: int, copied: set[str]) -> dict[str, Any]:
    """A copy of question with a new id; related links point at copies of the same round."""
    clone = copy.deepcopy(question)
    clone["id"] = f"{question['id']}-copy-{round_}"
    clone.pop("aliases", None)
    related = [f"{r}-copy-{round_}" for r in question.get("related", [])]
    related = [r for r in related if r in copied]
    if related:
        clone["related"] = related
    else:
        clone.pop("related", None)
    if "snippet" in clone:
        clone["snippet"]["runs"] = False
    return clone


def synthetic_bank(real: dict[str, Any], size: int) -> dict[str, Any]:
    """The real bank's topics, tags and questions, then copies of its questions up to size."""
    originals = real["questions"]
    if size < len(originals):
        raise ValueError(f"a synthetic bank needs at least the {len(originals)} real questions")
    questions = list(originals)
    round_ = 0
    while len(questions) < size:
        round_ += 1
        batch = originals[: size - len(questions)]
        copied = {f"{q['id']}-copy-{round_}" for q in batch}
        questions += [copy_question(q, round_, copied) for q in batch]
    return {"topics": real["topics"], "tags": real["tags"], "questions": questions}


def write_bank(data: dict[str, Any], path: Path) -> None:
    text = yaml.dump(data, Dumper=_Dumper, allow_unicode=True, width=10_000, sort_keys=False)
    path.write_text(text, encoding="utf-8")


# --- temporary projects ---------------------------------------------------------------


def copy_site_sources(project: Path) -> None:
    """What every build needs besides the bank: configuration, docs, notebook caches."""
    project.mkdir(parents=True)
    for name in ("mkdocs.yml", "CONTRIBUTING.md"):
        shutil.copy(ROOT / name, project / name)
    shutil.copytree(ROOT / "docs", project / "docs")
    if (ROOT / ".cache").is_dir():  # executed notebooks and mkdocs-jupyter's conversions
        shutil.copytree(ROOT / ".cache", project / ".cache")


def hook_project(project: Path, bank: Path) -> None:
    """A project that builds like the repository: the hook generates the pages."""
    copy_site_sources(project)
    (project / "questions").mkdir()
    shutil.copy(ROOT / "questions" / "schema.json", project / "questions" / "schema.json")
    shutil.copy(bank, project / "questions" / "bank.yml")
    if bank == BANK and (ROOT / "questions" / "published-ids.txt").exists():
        shutil.copy(ROOT / "questions" / "published-ids.txt", project / "questions")
    # mkdocs.yml names the hook by path; the qbank package comes from the installed copy.
    (project / "scripts").symlink_to(ROOT / "scripts", target_is_directory=True)


# The baseline keeps notebooks out of the search index, as the site does (front matter
# would say so for a Markdown page, but a notebook has none); it generates nothing.
SEARCH_EXCLUDE_HOOK = """\
def on_page_context(context, page, config, nav):
    if page.file.src_uri.endswith(".ipynb"):
        page.meta["search"] = {"exclude": True}
    return context
"""


def baseline_project(project: Path, hooked: Path, scratch: Path) -> None:
    """A project where MkDocs alone builds the pages that the hook generates in hooked.

    The pages come from `qbank build --out`, merged into the docs; the nav is the one the
    hook makes; the notebook caches are the hooked project's, so both start equally warm.
    """
    copy_site_sources(project)
    shutil.rmtree(project / ".cache", ignore_errors=True)
    shutil.copytree(hooked / ".cache", project / ".cache")
    generated = scratch / "baseline-generated"
    build = qbank(
        "build",
        "--bank",
        str(hooked / "questions" / "bank.yml"),
        "--out",
        str(generated),
        "--cache",
        str(project / ".cache" / "qbank-notebooks"),
    )
    run(build, scratch, scratch / "baseline-generate.log", fresh_cache(scratch))
    shutil.copytree(generated, project / "docs", dirs_exist_ok=True)
    (project / "search_exclude.py").write_text(SEARCH_EXCLUDE_HOOK, encoding="utf-8")
    config = (project / "mkdocs.yml").read_text(encoding="utf-8")
    config = drop_block(drop_block(config, "hooks"), "nav")
    config += "\nhooks:\n  - search_exclude.py\n" + nav_yaml(hooked)
    (project / "mkdocs.yml").write_text(config, encoding="utf-8")


def drop_block(config: str, key: str) -> str:
    """mkdocs.yml without the top-level key and its indented lines (the text stays as is,
    since the file has !ENV and !!python/name tags that a safe YAML round trip would lose)."""
    kept, inside = [], False
    for line in config.splitlines(keepends=True):
        if line.startswith(f"{key}:"):
            inside = True
            continue
        if inside and line.strip() and not line.startswith((" ", "#")):
            inside = False
        if not inside:
            kept.append(line)
    return "".join(kept)


def nav_yaml(hooked: Path) -> str:
    """The nav that the hook makes for the project in hooked (it fills sections from the bank)."""
    config = load_config(str(hooked / "mkdocs.yml"))
    config = config.plugins.on_config(config)  # runs every plugin's on_config, the hook's too
    dump = yaml.safe_dump({"nav": config.nav}, sort_keys=False, allow_unicode=True, width=10_000)
    return "\n" + dump


# --- measurements ---------------------------------------------------------------------


@dataclass
class Result:
    """Every figure measured for one bank; None where not measured."""

    label: str
    questions: int
    bank_mb: float
    validate_cold: Run | None = None
    validate_edited: Run | None = None
    validate_unchanged: Run | None = None
    load_validate_s: float | None = None
    generate: Run | None = None
    full: Run | None = None
    baseline: Run | None = None
    search_index_bytes: int | None = None
    largest_page: tuple[str, int] | None = None
    serve_edit_s: float | None = None
    notes: list[str] = field(default_factory=list)

    def overhead_percent(self, cpu: bool = False) -> float | None:
        """What the hook adds to the baseline build, in per cent of the baseline."""
        if self.full is None or self.baseline is None:
            return None
        if cpu:
            return (self.full.cpu_seconds / self.baseline.cpu_seconds - 1) * 100
        return (self.full.seconds / self.baseline.seconds - 1) * 100


def in_process_validate(bank: Path, runs: int) -> float:
    """Median seconds of load + validate of the whole bank (no cache) in this process, so
    without Python's start and imports."""
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        problems = validate(load(bank))
        times.append(time.perf_counter() - started)
        if problems:
            raise RuntimeError(f"{bank} has {len(problems)} problems, e.g. {problems[0]}")
    return statistics.median(times)


def full_build(project: Path, log: Path, scratch: Path) -> Run:
    """`mkdocs build` with the hook, from a clean slate as in CI (no .generated/, no cache)."""
    shutil.rmtree(project / ".generated", ignore_errors=True)
    return run(mkdocs("build"), project, log, fresh_cache(scratch))


def edit_question(bank: Path, original: str, line: str, marker: str) -> None:
    """Write the original bank with one question's text changed."""
    bank.write_text(original.replace(line, f"{line} {marker}", 1), encoding="utf-8")


def measure_validate(project: Path, scratch: Path, runs: int, result: Result) -> None:
    """`qbank validate`: first run (no cache), after editing one question, nothing changed."""
    bank = project / "questions" / "bank.yml"
    command, log = qbank("validate", str(bank)), scratch / "validate.log"
    result.validate_cold = repeat(runs, lambda: run(command, project, log, fresh_cache(scratch)))

    warm = fresh_cache(scratch)
    original = bank.read_text(encoding="utf-8")
    line, _ = editable_question(original)
    edits = iter(range(1, runs + 1))

    def edited() -> Run:
        edit_question(bank, original, line, f"(bench edit {next(edits)})")
        return run(command, project, log, warm)

    run(command, project, log, warm)  # fills the cache
    result.validate_edited = repeat(runs, edited)
    bank.write_text(original, encoding="utf-8")
    run(command, project, log, warm)
    result.validate_unchanged = repeat(runs, lambda: run(command, project, log, warm))


def site_figures(site: Path, result: Result) -> None:
    result.search_index_bytes = (site / "search" / "search_index.json").stat().st_size
    largest = max(site.rglob("*.html"), key=lambda p: p.stat().st_size)
    result.largest_page = (str(largest.relative_to(site)), largest.stat().st_size)


def measure_bank(label: str, bank: Path, scratch: Path, args: argparse.Namespace) -> Result:
    """Every measurement for one bank file, in projects under scratch."""
    count = len(yaml.load(bank.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)["questions"])
    result = Result(f"{label} ({count:,} questions)", count, bank.stat().st_size / MB)
    project, baseline = scratch / "project", scratch / "baseline"
    hook_project(project, bank)
    checked = project / "questions" / "bank.yml"
    log = scratch / "command.log"

    say(f"{result.label}: qbank validate x{args.runs}, three ways")
    measure_validate(project, scratch, args.runs, result)
    result.load_validate_s = in_process_validate(checked, args.runs)

    say(f"{result.label}: qbank build --out x{args.runs}")

    def generate() -> Run:
        out = scratch / "generated"
        shutil.rmtree(out, ignore_errors=True)
        command = qbank("build", "--bank", str(checked), "--out", str(out))
        return run(command, project, log, fresh_cache(scratch))

    result.generate = repeat(args.runs, generate)

    say(f"{result.label}: mkdocs build with the hook x{args.build_runs}")
    result.full = repeat(args.build_runs, lambda: full_build(project, log, scratch))
    site_figures(project / "site", result)

    say(f"{result.label}: mkdocs build without the hook (baseline) x{args.build_runs}")
    baseline_project(baseline, project, scratch)
    result.baseline = repeat(
        args.build_runs, lambda: run(mkdocs("build"), baseline, log, fresh_cache(scratch))
    )
    return result


# --- mkdocs serve -----------------------------------------------------------------------


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except OSError:
        return None


def _wait_until(ready: Callable[[], bool], seconds: float) -> float | None:
    """Seconds until ready() is true (polled every 0.1 s), or None after the deadline."""
    started = time.monotonic()
    while time.monotonic() - started < seconds:
        if ready():
            return time.monotonic() - started
        time.sleep(0.1)
    return None


def editable_question(text: str) -> tuple[str, str]:
    """A `question:` line of the bank written as plain text, and its topic's id."""
    data = yaml.load(text, Loader=yaml.CSafeLoader)
    for question in data["questions"]:
        line = f"    question: {question['question']}"
        if f"\n{line}\n" in text:
            return line, question["topic"]
    raise RuntimeError("no question line to edit in the bank")


def serve_edit_seconds(project: Path, edits: int, timeout: float, cache: Path) -> list[float]:
    """Seconds from saving an edited bank.yml to the edit showing on its topic page."""
    bank = project / "questions" / "bank.yml"
    original = bank.read_text(encoding="utf-8")
    line, topic = editable_question(original)
    port = _free_port()
    url = f"http://127.0.0.1:{port}/topics/{topic}/"
    log = project / "serve.log"

    def builds() -> int:
        return log.read_text(encoding="utf-8", errors="replace").count("Documentation built in")

    with log.open("w", encoding="utf-8") as out:
        server = subprocess.Popen(
            mkdocs("serve", "--dev-addr", f"127.0.0.1:{port}"),
            cwd=project,
            stdout=out,
            stderr=subprocess.STDOUT,
            env=environment(cache),
        )
    try:
        if _wait_until(lambda: _get(url) is not None, 300) is None:
            raise RuntimeError(f"mkdocs serve did not start; see {log}")
        seconds = []
        for n in range(1, edits + 1):
            built, marker = builds(), f"(bench edit {n})"
            edit_question(bank, original, line, marker)
            took = _wait_until(lambda m=marker: m in (_get(url) or ""), timeout)
            if took is None:
                raise RuntimeError(f"the edit did not show up within {timeout} s; see {log}")
            seconds.append(took)
            # Let the rebuild finish before the next edit, so edits do not overlap.
            _wait_until(lambda b=built: builds() > b, timeout)
        return seconds
    finally:
        server.terminate()
        server.wait(timeout=30)


# --- the table and the page -------------------------------------------------------------


def _s(run_: Run | None) -> str:
    """Wall time, then CPU time in brackets."""
    if run_ is None:
        return NOT_MEASURED
    return f"{run_.seconds:.2f} s ({run_.cpu_seconds:.2f} s)"


def _mb(value: float | None) -> str:
    return NOT_MEASURED if value is None else f"{value:.0f} MB"


def rows(results: list[Result]) -> list[list[str]]:
    """One row per measurement: name, one cell per bank, target, whether it is met."""

    def row(name: str, cell: Callable[[Result], str], target: str = "", met: str = "") -> list[str]:
        return [name, *(cell(r) for r in results), target, met]

    def overhead(r: Result) -> str:
        wall, cpu = r.overhead_percent(), r.overhead_percent(cpu=True)
        if r.full is None or r.baseline is None or wall is None or cpu is None:
            return NOT_MEASURED
        return f"{r.full.seconds - r.baseline.seconds:+.2f} s, {wall:+.1f} % ({cpu:+.1f} %)"

    def met(cpu: bool) -> str:
        at_target = [r.overhead_percent(cpu) for r in results if r.questions == TARGET_SIZE]
        if not at_target or at_target[0] is None:
            return ""
        return "yes" if at_target[0] <= TARGET_OVERHEAD else "**no**"

    def under(seconds: float, value: Callable[[Result], float | None], size: int | None) -> str:
        """Whether the bank of this size (None: the real bank) stays under the limit."""
        at = [
            value(r)
            for r in results
            if (r.questions == size if size else r.label.startswith("Real"))
        ]
        if not at or at[0] is None:
            return "-"
        return "yes" if at[0] < seconds else "**no**"

    def per_question(r: Result) -> str:
        if r.search_index_bytes is None:
            return NOT_MEASURED
        return f"{r.search_index_bytes / MB:.1f} MB ({r.search_index_bytes / r.questions:,.0f} B)"

    def largest(r: Result) -> str:
        if r.largest_page is None:
            return NOT_MEASURED
        name, size = r.largest_page
        return f"`{name}` ({size / MB:.1f} MB)"

    return [
        row("Bank file", lambda r: f"{r.bank_mb:.1f} MB"),
        row("`qbank validate PATH`, first run (no cache)", lambda r: _s(r.validate_cold)),
        row("`qbank validate`, one question edited", lambda r: _s(r.validate_edited)),
        row(
            "`qbank validate`, nothing changed",
            lambda r: _s(r.validate_unchanged),
            "< 1 s at 10,000",
            under(1, lambda r: r.validate_unchanged and r.validate_unchanged.seconds, 10_000),
        ),
        row(
            "load + validate, whole bank, in process",
            lambda r: NOT_MEASURED if r.load_validate_s is None else f"{r.load_validate_s:.2f} s",
        ),
        row(
            "`qbank validate` peak memory (first run)",
            lambda r: _mb(r.validate_cold and r.validate_cold.max_rss_mb),
        ),
        row("`qbank build --out DIR` (pages only)", lambda r: _s(r.generate)),
        row(
            "`mkdocs build` with our hook",
            lambda r: _s(r.full),
            "< 5 s, real bank",
            under(5, lambda r: r.full and r.full.seconds, None),
        ),
        row("`mkdocs build` alone, same pages (baseline)", lambda r: _s(r.baseline)),
        row(
            "Our overhead: full minus baseline",
            overhead,
            f"≤ {TARGET_OVERHEAD:.0f} % at {TARGET_SIZE:,}",
            f"{met(cpu=False) or '-'} ({met(cpu=True) or '-'})",
        ),
        row("`mkdocs build` peak memory", lambda r: _mb(r.full and r.full.max_rss_mb)),
        row("Search index (per question)", per_question),
        row("Largest page", largest),
        row(
            "Edit visible under `mkdocs serve`",
            lambda r: NOT_MEASURED if r.serve_edit_s is None else f"{r.serve_edit_s:.1f} s",
            "< 2 s, real bank",
            under(2, lambda r: r.serve_edit_s, None),
        ),
    ]


def table(results: list[Result]) -> str:
    header = ["Measurement", *(r.label for r in results), "Target", "Met"]
    lines = ["| " + " | ".join(header) + " |", "|" + " --- |" * len(header)]
    lines += ["| " + " | ".join(cells) + " |" for cells in rows(results)]
    return "\n".join(lines)


def machine(load: tuple[float, float]) -> str:
    """When and where: cores, system, Python, and how busy the machine was (other programs
    running at the same time slow the wall times down)."""
    today = datetime.date.today().isoformat()
    return (
        f"Measured on {today}: {os.cpu_count()} CPU cores, {platform.system()} "
        f"{platform.machine()}, Python {platform.python_version()}; load average "
        f"{load[0]:.1f} at the start and {load[1]:.1f} at the end."
    )


def report(results: list[Result], args: argparse.Namespace, load: tuple[float, float]) -> str:
    runs = (
        f"Times are medians of {args.runs} runs ({args.build_runs} for `mkdocs build`); "
        "CPU time (user + system) in brackets, as it varies less when the machine is shared; "
        "peak memory is the maximum resident set size of the command's process."
    )
    return "\n\n".join([machine(load) + " " + runs, table(results)])


def write_page(text: str, page: Path = PAGE) -> None:
    """Replace only the part of the page between the bench markers."""
    content = page.read_text(encoding="utf-8")
    if START not in content or END not in content:
        raise RuntimeError(f"{page} lacks the {START} and {END} markers")
    before, rest = content.split(START, 1)
    _, after = rest.split(END, 1)
    page.write_text(f"{before}{START}\n{text}\n{END}{after}", encoding="utf-8")


# --- main -------------------------------------------------------------------------------


def say(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--sizes",
        type=int,
        nargs="*",
        default=[1_000, 10_000],
        metavar="N",
        help="synthetic bank sizes; none for the real bank only (default: 1000 10000)",
    )
    parser.add_argument("--runs", type=int, default=5, help="runs of the fast steps (default 5)")
    parser.add_argument(
        "--build-runs", type=int, default=3, help="runs of each mkdocs build (default 3)"
    )
    parser.add_argument(
        "--serve-edits",
        type=int,
        default=3,
        help="edits timed under mkdocs serve, 0 to skip (default 3)",
    )
    parser.add_argument("--no-write", action="store_true", help="print the table only")
    parser.add_argument(
        "--quick",
        action="store_true",
        help="only the 1000-question bank, one run, print only: about two minutes",
    )
    args = parser.parse_args(argv)
    if args.quick:
        args.sizes, args.runs, args.build_runs, args.serve_edits = [1_000], 1, 1, 0
        args.no_write = True
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    real = yaml.load(BANK.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
    results = []
    with tempfile.TemporaryDirectory(prefix="qbank-bench-") as tmp:
        scratch = Path(tmp)
        os.environ["XDG_CACHE_HOME"] = str(fresh_cache(scratch))  # for the hook run in process
        load_before = os.getloadavg()[0]
        banks = [] if args.quick else [("Real bank", BANK)]
        for size in args.sizes:
            path = scratch / f"bank-{size}.yml"
            write_bank(synthetic_bank(real, size), path)
            # Each synthetic bank must be valid before it is timed (no registry beside it).
            run(qbank("validate", str(path)), scratch, scratch / "check.log", fresh_cache(scratch))
            banks.append(("Synthetic", path))
        for label, bank in banks:
            results.append(measure_bank(label, bank, scratch / bank.stem, args))
            print(table(results), file=sys.stderr, flush=True)  # so far, in case of a stop
        if args.serve_edits and not args.quick:
            say(f"real bank: {args.serve_edits} edits under mkdocs serve")
            project = scratch / "serve"
            hook_project(project, BANK)
            edits = serve_edit_seconds(project, args.serve_edits, 300, fresh_cache(scratch))
            results[0].serve_edit_s = statistics.median(edits)
    text = report(results, args, (load_before, os.getloadavg()[0]))
    print(text)
    if not args.no_write:
        write_page(text)
        print(f"\nwritten to {PAGE.relative_to(ROOT)}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
