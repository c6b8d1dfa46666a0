"""Render the bank into Markdown pages with Jinja templates: pure, no file system writes."""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Mapping
from functools import cache

import jinja2
import nbformat

from qbank.export import CSV_FIELDS, DOWNLOADS, JSON_SCHEMA_VERSION, question_url
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

    common = {
        "marker": MARKER,
        "difficulties": DIFFICULTIES,
        "link": lambda q: f"topics/{q.topic}.md#{q.id}",  # from the site root
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
    pages.update(_browse_pages(env, bank, common))
    pages["downloads.md"] = env.get_template("downloads.md.j2").render(
        total=len(bank.questions),
        files=DOWNLOADS,
        csv_fields=CSV_FIELDS,
        schema_version=JSON_SCHEMA_VERSION,
        **common,
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


def _browse_pages(env: jinja2.Environment, bank: Bank, common: dict) -> dict[str, str]:
    """A page per tag, an index of tags, and a page per difficulty."""
    tagged: dict[str, list[Question]] = defaultdict(list)
    for question in bank.questions:
        for tag in question.tags:
            tagged[tag].append(question)
    used = sorted(tagged)  # tags of the vocabulary that no question uses get no page
    pages = {
        "tags/index.md": env.get_template("tags.md.j2").render(
            tags=[(tag, len(tagged[tag])) for tag in used], **common
        )
    }
    for tag in used:
        pages[f"tags/{tag}.md"] = env.get_template("tag.md.j2").render(
            tag=tag, questions=tagged[tag], topics=_topics_of(bank, tagged[tag]), **common
        )
    for difficulty in DIFFICULTIES:
        questions = [q for q in bank.questions if q.difficulty == difficulty]
        pages[f"difficulty/{difficulty}.md"] = env.get_template("difficulty.md.j2").render(
            difficulty=difficulty,
            questions=questions,
            topics=_topics_of(bank, questions),
            **common,
        )
    return pages


def _topics_of(bank: Bank, questions: list[Question]) -> list[Topic]:
    present = {q.topic for q in questions}
    return [t for t in bank.topics if t.id in present]


def render_redirects(bank: Bank) -> dict[str, str]:
    """A small HTML page at q/<id>/ (and at each alias) that sends the browser to the question,
    so a shared permalink survives moves between topics and renames."""
    template = _environment(autoescape=True).get_template("redirect.html.j2")
    pages = {}
    for question in bank.questions:
        target = "../../" + question_url(question)  # from q/<name>/ to the site root
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
