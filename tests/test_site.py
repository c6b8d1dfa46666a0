"""The built site, as a reader and a search box see it."""

from __future__ import annotations

import importlib.metadata
import json
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from conftest import BANK


def text(element) -> str:
    """What a reader sees: whitespace collapsed, without the heading permalink sign."""
    return " ".join(element.get_text(" ").replace("¶", "").split())


def page(site: Path, relative: str) -> BeautifulSoup:
    return BeautifulSoup(
        (site / relative / "index.html").read_text(encoding="utf-8"), "html.parser"
    )


@pytest.fixture(scope="module")
def topic_pages(site) -> dict[str, BeautifulSoup]:
    return {topic.id: page(site, f"topics/{topic.id}") for topic in BANK.topics}


def test_every_topic_has_a_page_titled_after_it(topic_pages):
    for topic in BANK.topics:
        soup = topic_pages[topic.id]
        assert text(soup.h1) == topic.title
        assert soup.title.get_text().startswith(topic.title)


def test_every_question_is_a_heading_with_its_id_as_anchor(topic_pages):
    for question in BANK.questions:
        heading = topic_pages[question.topic].find(id=question.id)
        assert heading is not None, f"no anchor #{question.id}"
        assert heading.name == "h2"
        assert text(heading) == text(BeautifulSoup(question.question, "html.parser"))


def test_every_answer_is_collapsed_under_its_question(topic_pages):
    for question in BANK.questions:
        heading = topic_pages[question.topic].find(id=question.id)
        # The pages' scripts find a question's parts in the one block after its heading.
        body = heading.find_next_sibling()
        assert body.name == "div" and body["class"] == ["qb-question-body"], question.id
        details = body.find("details", recursive=False)
        assert "answer" in details["class"]
        assert not details.has_attr("open"), f"answer of {question.id} is not collapsed"
        assert details.summary.get_text(strip=True) == "Answer"
        # The answer's first words are inside the block, and the block is under this question.
        words = re.findall(r"[A-Za-z]{4,}", question.answer)[:6]
        assert all(word in text(details) for word in words), (question.id, words)
        next_heading = heading.find_next("h2")
        assert next_heading is None or details.find_previous("h2") is heading


def test_badges_show_difficulty_and_tags(topic_pages):
    for question in BANK.questions:
        heading = topic_pages[question.topic].find(id=question.id)
        badge = heading.find_next(class_="qb-badge")
        assert badge.get_text() == question.difficulty.capitalize()
        assert f"qb-badge--{question.difficulty}" in badge["class"]
        assert badge["href"] == f"../../difficulty/{question.difficulty}/"
        tags = badge.parent.select("a > code.qb-tag")
        assert [t.get_text() for t in tags] == list(question.tags)
        assert [t.parent["href"] for t in tags] == [f"../../tags/{t}/" for t in question.tags]


def test_math_is_marked_for_katex(site, topic_pages):
    soup = topic_pages["object-detection"]
    assert soup.select("details.answer .arithmatex"), "no math found in answers"
    scripts = [s.get("src", "") for s in soup.find_all("script")]
    assert any(src.endswith("javascripts/katex.js") for src in scripts)  # loads KaTeX lazily
    # KaTeX is self-hosted: its script, style sheet and fonts are part of the site.
    for name in ("katex.min.js", "contrib/auto-render.min.js", "katex.min.css"):
        assert (site / "assets" / "katex" / name).is_file(), name
    assert list((site / "assets" / "katex" / "fonts").glob("*.woff2"))


def test_code_snippet_is_highlighted_with_a_copy_button(site):
    soup = page(site, "topics/generative-models")
    heading = soup.find(id="what-is-image-generation")
    block = heading.find_next("details").select_one("div.language-python.highlight")
    assert "generator = keras.Sequential(" in block.get_text()
    assert block.select("code span.kn"), "the code is not syntax-highlighted"
    config = json.loads(soup.find(id="__config").string)
    assert "content.code.copy" in config["features"]


def test_light_and_dark_themes_are_offered(site):
    soup = page(site, ".")
    schemes = {i.get("data-md-color-scheme") for i in soup.select("input[data-md-color-scheme]")}
    assert {"default", "slate"} <= schemes


def test_home_page_has_a_card_per_topic_with_its_count(site):
    soup = page(site, ".")
    cards = soup.select(".grid.cards > ul > li")
    assert len(cards) == len(BANK.topics)
    for card, topic in zip(cards, BANK.topics, strict=True):
        text = card.get_text(" ", strip=True)
        count = len(BANK.by_topic(topic.id))
        assert card.a["href"] == f"topics/{topic.id}/"
        assert f"{count} question" in text and topic.summary in text
        assert ":material-" not in text, "an icon shortcode was not rendered"
    assert soup.find(id="difficulty") is not None
    assert soup.find("a", href="contributing/") is not None


def test_navigation_lists_topics_in_order(site):
    soup = page(site, ".")
    links = [a["href"] for a in soup.select("nav.md-nav--primary a.md-nav__link[href]")]
    topic_links = [href for href in links if "topics/" in href]
    assert topic_links == [f"topics/{t.id}/" for t in BANK.topics]
    # The snippets page lists the notebooks; the navigation (in every page) does not.
    assert [href for href in links if "snippets/" in href] == ["snippets/"]


def test_edit_button_opens_the_bank(topic_pages):
    edit = topic_pages["cnn"].find("a", title="Edit this page")
    assert edit["href"].endswith("/edit/main/questions/bank.yml")


def test_search_index_finds_every_question_and_lands_on_it(site):
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    by_location = {doc["location"]: doc for doc in index["docs"]}
    for question in BANK.questions:
        doc = by_location.get(f"topics/{question.topic}/#{question.id}")
        assert doc is not None, f"{question.id} is not in the search index"
        assert BeautifulSoup(doc["title"], "html.parser").get_text() == question.question
        # The answer's words are searchable in that same section.
        words = [w for w in question.answer.split() if w.isalpha()]
        word = max(words[:20], key=len)
        assert word in doc["text"], f"'{word}' of {question.id} is not indexed"


def test_contributing_guide_is_on_the_site(site):
    soup = page(site, "contributing")
    assert text(soup.h1) == "Contributing"
    assert "qbank validate" in soup.get_text()


RUNNABLE = [q for q in BANK.questions if q.snippet and q.snippet.runs]


def test_each_snippet_links_to_its_notebook_page_with_real_outputs(site, topic_pages):
    for question in RUNNABLE:
        heading = topic_pages[question.topic].find(id=question.id)
        link = heading.find_next("details").find("a", class_="qb-run")
        assert link["href"] == f"../../snippets/{question.id}/"
        notebook = page(site, f"snippets/{question.id}")
        outputs = notebook.select(".jp-OutputArea-output")
        assert outputs, f"the notebook page of {question.id} shows no output"
        back = notebook.find("a", string="this question")
        assert back["href"] == f"../../topics/{question.topic}/#{question.id}"
        download = notebook.find("a", attrs={"download": True})
        assert download["href"].endswith(f"/snippets/{question.id}/{question.id}.ipynb")
        assert (site / "snippets" / question.id / f"{question.id}.ipynb").is_file()


def test_dcgan_notebook_page_shows_the_generated_image(site):
    soup = page(site, "snippets/what-is-image-generation")
    text_ = text(soup)
    assert "image shape: (1, 28, 28, 1)" in text_
    images = soup.select(".jp-OutputArea-output img[src^='data:image/png;base64,']")
    assert len(images) == 1


def test_snippets_page_states_the_versions_they_ran_with(site):
    soup = page(site, "snippets")
    rows = soup.select("table tbody tr")
    assert len(rows) == len(RUNNABLE)
    dcgan = next(row for row in rows if "dcgan_generator.py" in text(row))
    assert f"keras {importlib.metadata.version('keras')}" in text(dcgan)
    assert "not executed yet" not in text(soup)


def test_every_question_has_a_permalink_page_to_its_topic(site):
    for question in BANK.questions:
        redirect = (site / "q" / question.id / "index.html").read_text(encoding="utf-8")
        target = f"../../topics/{question.topic}/#{question.id}"
        assert f'<meta http-equiv="refresh" content="0; url={target}">' in redirect


def test_tag_and_difficulty_pages_list_every_question_they_should(site):
    for tag in {t for q in BANK.questions for t in q.tags}:
        links = {a["href"] for a in page(site, f"tags/{tag}").select("article li a")}
        tagged = {f"../../topics/{q.topic}/#{q.id}" for q in BANK.questions if tag in q.tags}
        assert links == tagged, tag
    for difficulty in ("easy", "medium", "hard"):
        links = [a["href"] for a in page(site, f"difficulty/{difficulty}").select("article li a")]
        level = [q for q in BANK.questions if q.difficulty == difficulty]
        assert sorted(links) == sorted(f"../../topics/{q.topic}/#{q.id}" for q in level)


def test_home_coverage_grid_counts_each_topic_by_difficulty(site):
    home = page(site, "")
    rows = {
        row.td.a["href"]: [text(cell) for cell in row.find_all("td")[1:5]]
        for row in home.select("#coverage ~ table tbody tr")
        if row.td.a
    }
    for topic in BANK.topics:
        questions = BANK.by_topic(topic.id)
        expected = [
            str(sum(q.difficulty == d for q in questions)) for d in ("easy", "medium", "hard")
        ]
        assert rows[f"topics/{topic.id}/"] == [*expected, str(len(questions))]


def test_links_to_other_sites_open_safely_in_a_new_tab(topic_pages):
    external = [
        a
        for soup in topic_pages.values()
        for a in soup.select("article a[href^='http']:not(.md-content__button)")
    ]
    assert len(external) > len(BANK.questions)  # the references, at least
    for link in external:
        assert link.get("rel") == ["noopener"] and link.get("target") == "_blank", link


def test_search_index_holds_each_answer_once_and_no_lists_or_notebooks(site):
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    locations = [doc["location"] for doc in index["docs"]]
    assert not [x for x in locations if x.startswith(("tags/", "difficulty/", "snippets/"))][1:]
    written = sum(
        len(" ".join((q.question, q.why_asked or "", q.answer, *q.key_points, *q.follow_ups)))
        + sum(len(ref.title) for ref in q.references)
        + len(q.snippet.code if q.snippet else "")
        for q in BANK.questions
    )
    size = (site / "search" / "search_index.json").stat().st_size
    # Markup and escaping add to what the questions say, but nothing is indexed twice
    # (related-question links and review dates are kept out).
    assert size < 1.5 * written, (size, written)
    assert not any("Last reviewed" in doc["text"] for doc in index["docs"])
