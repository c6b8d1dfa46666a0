"""Render the bank into Markdown pages with Jinja templates: pure, no file system writes."""

from __future__ import annotations

import json
from collections.abc import Mapping
from functools import cache

import jinja2
import nbformat

from qbank.marker import MARKER
from qbank.model import DIFFICULTIES, Bank, Question, Topic, difficulty_counts
from qbank.notebooks import build_notebook, notebook_path
from qbank.paths import TEMPLATES


@cache
def _environment(autoescape: bool = False) -> jinja2.Environment:
    """Markdown templates are not escaped (Markdown does that); HTML templates are."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        autoescape=autoescape,
    )
    env.filters["yaml_string"] = json.dumps  # a JSON string is a valid YAML scalar
    env.filters["icon"] = lambda name: f":{name.replace('/', '-')}:"
    return env


def topic_path(topic: Topic) -> str:
    return f"topics/{topic.id}.md"


def runnable(bank: Bank) -> list[Question]:
    return [q for q in bank.questions if q.snippet and q.snippet.runs]


def render_site(
    bank: Bank, executed: Mapping[str, nbformat.NotebookNode] | None = None
) -> dict[str, str]:
    """Every page of the bank, as {path relative to the docs root: Markdown or notebook JSON}.

    executed holds the executed notebooks available (by question id); a runnable snippet
    without one gets its notebook without outputs.
    """
    env = _environment()
    executed = executed or {}
    titles = {t.id: t.title for t in bank.topics}

    def link(question: Question, from_topic: Topic | None = None) -> str:
        if from_topic is not None and question.topic == from_topic.id:
            return f"#{question.id}"
        prefix = "" if from_topic is not None else "topics/"
        return f"{prefix}{question.topic}.md#{question.id}"

    common = {
        "marker": MARKER,
        "difficulties": DIFFICULTIES,
        "link": link,
        "related": related_questions(bank),
        "notebook_path": notebook_path,
    }
    pages = {
        "index.md": env.get_template("home.md.j2").render(
            bank=bank,
            counts={t.id: difficulty_counts(bank.by_topic(t.id)) for t in bank.topics},
            total=difficulty_counts(bank.questions),
            topic_path=topic_path,
            **common,
        )
    }
    template = env.get_template("topic.md.j2")
    for topic in bank.topics:
        questions = bank.by_topic(topic.id)
        pages[topic_path(topic)] = template.render(
            topic=topic, questions=questions, counts=difficulty_counts(questions), **common
        )
    snippets = runnable(bank)
    for question in snippets:
        notebook = executed.get(question.id) or build_notebook(question, titles[question.topic])
        pages[notebook_path(question)] = nbformat.writes(notebook)
    pages["snippets/index.md"] = env.get_template("snippets.md.j2").render(
        snippets=snippets,
        titles=titles,
        versions={qid: nb.metadata["qbank"]["versions"] for qid, nb in executed.items()},
        **common,
    )
    return pages


def render_redirects(bank: Bank) -> dict[str, str]:
    """A small HTML page at q/<id>/ (and at each alias) that sends the browser to the question,
    so a shared permalink survives moves between topics and renames."""
    template = _environment(autoescape=True).get_template("redirect.html.j2")
    pages = {}
    for question in bank.questions:
        target = f"../../topics/{question.topic}/#{question.id}"
        for name in (question.id, *question.aliases):
            pages[f"q/{name}/index.html"] = template.render(question=question, target=target)
    return pages


def related_questions(bank: Bank) -> dict[str, list[Question]]:
    """For each question, those it names, then those that name it: links go both ways."""
    by_id = {q.id: q for q in bank.questions}
    related: dict[str, list[Question]] = {
        q.id: [by_id[r] for r in q.related] for q in bank.questions
    }
    for question in bank.questions:
        for other in question.related:
            if question not in related[other]:
                related[other].append(question)
    return related
