"""Check that the bank's reference links still answer: the scheduled link check's engine."""

from __future__ import annotations

import urllib.error
import urllib.request
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, replace

from qbank.load import Document

# Answers that mean the page is gone; others (403, 429, 5xx) often mean "not for robots".
GONE = {404, 410}
USER_AGENT = "Mozilla/5.0 (compatible; cv-interview-bank link check)"


@dataclass(frozen=True)
class Link:
    url: str
    question: str
    line: int
    column: int


@dataclass(frozen=True)
class Result:
    link: Link
    status: str  # "ok", "dead" or "unsure"
    detail: str


def references(document: Document) -> Iterator[Link]:
    for index, question in enumerate(document.data["questions"]):
        for i, reference in enumerate(question.get("references", [])):
            where = document.position(("questions", index, "references", i, "url"))
            yield Link(reference["url"], question["id"], *where)


def fetch(url: str, timeout: float) -> int:
    """The HTTP status of a GET for url (redirects followed); raises OSError on no answer."""
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def check_link(link: Link, timeout: float) -> Result:
    try:
        code = fetch(link.url, timeout)
    except (OSError, ValueError) as error:
        reason = getattr(error, "reason", error)
        return Result(link, "dead", f"no answer ({reason})")
    if code in GONE:
        return Result(link, "dead", f"HTTP {code}")
    return Result(link, "ok" if code < 400 else "unsure", f"HTTP {code}")


def check_links(links: list[Link], timeout: float = 20, workers: int = 8) -> list[Result]:
    """Each distinct URL is fetched once, several at a time; results keep the links' order."""
    unique = list({link.url: link for link in links}.values())
    with ThreadPoolExecutor(workers) as pool:
        checked = {r.link.url: r for r in pool.map(lambda x: check_link(x, timeout), unique)}
    return [replace(checked[link.url], link=link) for link in links]
