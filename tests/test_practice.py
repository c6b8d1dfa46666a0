"""Practice mode, progress and reading tools in a real browser: what a reader sees and does
with the keyboard on the practice page, the topic pages and the home page."""

# ruff: noqa: F811 (the fixtures imported from browser.py are test arguments)

from __future__ import annotations

import json
import re

import pytest
from browser import base_url, browser, expect, new_page, page  # noqa: F401 (fixtures)
from conftest import BANK

KEY = "qbank.progress"
TOPIC = BANK.question("non-maximum-suppression").topic
TOPIC_QUESTIONS = [q for q in BANK.questions if q.topic == TOPIC]


def _new_order() -> list[str]:
    """New questions come interleaved: each topic's first question, then each second, ..."""
    rank = {}
    for index, q in enumerate(BANK.questions):
        rank[q.id] = (sum(1 for p in BANK.questions[:index] if p.topic == q.topic), index)
    return sorted(rank, key=rank.get)


NEW_ORDER = _new_order()


def _progress(page) -> dict:
    return json.loads(page.evaluate(f"localStorage.getItem('{KEY}')") or "null")


def _open_practice(page, base_url) -> None:
    page.goto(f"{base_url}/practice/")
    expect(page.locator(".qb-card__question")).to_be_visible()


def _status(page):
    return page.locator(".qb-card__status")


def _question(page):
    return page.locator(".qb-card__question")


def _rate(page, key: str) -> None:
    """Reveal the answer with Space, then rate with 1, 2 or 3: the keyboard only."""
    page.keyboard.press("Space")
    expect(page.get_by_role("group", name="How well did you know it?")).to_be_visible()
    page.keyboard.press(key)


def _seed(page, cards: dict) -> None:
    """Progress in storage before the site's scripts run."""
    document = json.dumps({"version": 1, "cards": cards})
    page.add_init_script(f"localStorage.setItem('{KEY}', {json.dumps(document)})")


def test_practice_loads_the_small_index_and_the_full_bank_only_when_an_answer_needs_it(
    page, base_url
):
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url.rsplit("/", 1)[-1]))
    # The topic pages cannot be fetched: the answer comes as plain text from questions.json.
    page.route(re.compile(r"/topics/"), lambda route: route.abort())
    _open_practice(page, base_url)
    assert "questions-index.json" in requested and "questions.json" not in requested

    first = BANK.question(NEW_ORDER[0])
    page.keyboard.press("Space")
    answer = page.get_by_role("region", name="Answer")
    expect(answer).to_contain_text("The formatted answer could not be loaded.")
    expect(answer).to_contain_text(first.key_points[0])
    assert "questions.json" in requested


def test_reveal_and_rate_with_the_keyboard(page, base_url):
    _open_practice(page, base_url)
    first = BANK.question(NEW_ORDER[0])
    expect(_question(page)).to_have_text(first.question)
    expect(_status(page)).to_have_text(f"0 due · {len(BANK.questions)} new · 0 reviewed")
    answer = page.get_by_role("region", name="Answer")
    expect(answer).to_be_hidden()

    page.keyboard.press("Space")
    # The answer is the topic page's rendered answer (its key points are a list there).
    expect(answer).to_be_visible()
    expect(answer).to_contain_text(first.key_points[0])
    expect(answer).to_be_focused()
    page.keyboard.press("1")

    expect(_status(page)).to_have_text(f"0 due · {len(BANK.questions) - 1} new · 1 reviewed")
    expect(_question(page)).to_have_text(BANK.question(NEW_ORDER[1]).question)
    expect(_question(page)).to_be_focused()
    card = _progress(page)["cards"][first.id]
    assert card["topic"] == first.topic
    assert (card["box"], card["last"]) == (2, "know")
    assert card["due"] > card["reviewed"], "a known question is not due again today"


def test_not_yet_comes_back_after_three_other_questions(page, base_url):
    _open_practice(page, base_url)
    _rate(page, "3")
    expect(_status(page)).to_contain_text("1 due · ")
    for index in (1, 2, 3):
        expect(_question(page)).to_have_text(BANK.question(NEW_ORDER[index]).question)
        _rate(page, "2")
    expect(_question(page)).to_have_text(BANK.question(NEW_ORDER[0]).question)
    expect(_status(page)).to_contain_text("4 reviewed")


def test_progress_survives_a_reload(page, base_url):
    _open_practice(page, base_url)
    _rate(page, "1")
    _rate(page, "3")
    page.reload()
    expect(page.locator(".qb-store")).to_contain_text("You have practised 2 questions and know 1.")
    # The "not yet" question is due today, so it comes first.
    expect(_question(page)).to_have_text(BANK.question(NEW_ORDER[1]).question)
    expect(_status(page)).to_have_text(f"1 due · {len(BANK.questions) - 2} new · 0 reviewed")


def test_buttons_work_like_the_keys(page, base_url):
    _open_practice(page, base_url)
    page.get_by_role("button", name="Show answer").focus()
    page.keyboard.press("Enter")
    page.get_by_role("button", name="Partly").click()
    assert _progress(page)["cards"][NEW_ORDER[0]]["last"] == "partly"


def test_choose_topics_and_difficulty(page, base_url):
    _open_practice(page, base_url)
    page.get_by_text("Choose questions:").click()
    topics = page.get_by_role("group", name="Topics")
    topics.get_by_role("button", name="None").click()
    expect(page.get_by_role("heading", name="No question matches your choice")).to_be_visible()
    topics.get_by_role("checkbox", name=re.compile(r"^Object detection")).check()
    hard = [q for q in TOPIC_QUESTIONS if q.difficulty == "hard"]
    page.get_by_role("group", name="Difficulty").get_by_role("checkbox", name="Easy").uncheck()
    page.get_by_role("group", name="Difficulty").get_by_role("checkbox", name="Medium").uncheck()
    expect(page.locator(".qb-choose__current")).to_have_text(
        f"1 of {len(BANK.topics)} topics · hard · any tag: {len(hard)} questions"
    )
    expect(_status(page)).to_have_text(f"0 due · {len(hard)} new · 0 reviewed")
    expect(_question(page)).to_have_text(hard[0].question)
    # The choice is kept for the next visit.
    page.reload()
    expect(_question(page)).to_have_text(hard[0].question)


def test_summary_when_nothing_is_due_and_practise_anyway(page, base_url):
    future = "2999-01-01"
    cards = {
        q.id: {"topic": q.topic, "box": 5, "due": future, "last": "know", "reviewed": "2024-01-01"}
        for q in BANK.questions
    }
    _seed(page, cards)
    _open_practice(page, base_url)
    total = len(BANK.questions)
    expect(_question(page)).to_have_text("Nothing is due")
    expect(page.locator(".qb-card")).to_contain_text(f"You know {total} of the {total} chosen")
    expect(_status(page)).to_have_text("0 due · 0 new · 0 reviewed")
    page.get_by_role("button", name="Practise anyway").click()
    expect(_status(page)).to_have_text(f"0 due · 0 new · {total} ahead of schedule · 0 reviewed")
    expect(_question(page)).to_have_text(BANK.questions[0].question)


def test_export_then_import(page, base_url, tmp_path):
    _open_practice(page, base_url)
    _rate(page, "1")
    _rate(page, "2")
    before = _progress(page)
    with page.expect_download() as download:
        page.get_by_role("button", name="Export progress").click()
    name = download.value.suggested_filename
    assert re.fullmatch(r"qbank-progress-\d{4}-\d{2}-\d{2}\.json", name)
    saved = tmp_path / name
    download.value.save_as(saved)
    assert json.loads(saved.read_text()) == before
    expect(page.get_by_role("status").filter(has_text="Exported")).to_have_text(
        "Exported your progress on 2 questions."
    )

    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Reset progress").click()
    expect(page.locator(".qb-store")).to_contain_text("You have not practised any question yet.")

    with page.expect_file_chooser() as chooser:
        page.get_by_role("button", name="Import progress").click()
    chooser.value.set_files(saved)
    expect(page.locator(".qb-message")).to_have_text(
        f"Imported your progress on 2 questions from “{saved.name}”."
    )
    expect(page.locator(".qb-store")).to_contain_text("You have practised 2 questions and know 1.")
    assert _progress(page) == before


BAD_FILES = {
    "not-json": ("{oops", "it is not valid JSON"),
    "other-json": ('{"questions": []}', "it is not a progress file from this site"),
    "newer": (
        '{"version": 2, "cards": {}}',
        "it was saved by a newer version of this site (format 2)",
    ),
    "bad-box": (
        '{"version": 1, "cards": {"x": {"topic": "cnn", "box": 9, "due": "2025-01-01",'
        ' "last": "know", "reviewed": "2025-01-01"}}}',
        'the entry for "x" has a box that is not a whole number from 1 to 5',
    ),
}


@pytest.mark.parametrize("content, problem", BAD_FILES.values(), ids=BAD_FILES.keys())
def test_a_bad_file_is_refused_and_progress_kept(page, base_url, content, problem):
    _open_practice(page, base_url)
    _rate(page, "1")
    before = _progress(page)
    bad = {"name": "progress.json", "mimeType": "application/json", "buffer": content.encode()}
    page.locator("input[type=file]").set_input_files(files=[bad])
    expect(page.locator(".qb-message")).to_have_text(
        f"Could not import “progress.json”: {problem}. Your progress is unchanged."
    )
    assert _progress(page) == before
    expect(page.locator(".qb-store")).to_contain_text("You have practised 1 question and know 1.")


def test_reset_asks_first(page, base_url):
    _open_practice(page, base_url)
    _rate(page, "1")
    page.once("dialog", lambda dialog: dialog.dismiss())
    page.get_by_role("button", name="Reset progress").click()
    expect(page.locator(".qb-message")).to_have_text("Nothing was deleted.")
    assert _progress(page)["cards"]
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Reset progress").click()
    expect(page.locator(".qb-message")).to_have_text("Your progress was reset.")
    assert _progress(page) == {"version": 1, "cards": {}}
    expect(_status(page)).to_have_text(f"0 due · {len(BANK.questions)} new · 1 reviewed")


def test_practice_fits_a_phone(browser, base_url):
    page = new_page(browser, width=360, height=740, is_mobile=True, has_touch=True)
    try:
        _open_practice(page, base_url)
        page.get_by_text("Choose questions:").click()
        # A question whose answer has a wide table.
        page.get_by_role("group", name="Topics").get_by_role("button", name="None").click()
        page.get_by_role("checkbox", name=re.compile(r"^Object detection")).check()
        page.get_by_text("Choose questions:").click()
        page.get_by_role("button", name="Show answer").click()
        expect(page.get_by_role("region", name="Answer").locator("table")).to_be_visible()
        width = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
        assert width[0] <= width[1], f"the page scrolls sideways: {width}"
        rating = page.get_by_role("group", name="How well did you know it?")
        expect(rating).to_be_in_viewport()  # it stays at the bottom of the screen
    finally:
        page.context.close()


# ---- Topic pages ----


def _toolbar(page):
    return page.get_by_role("group", name="Reading options")


def _visible_questions(page) -> list[str]:
    return page.locator("h2[data-line]:visible").evaluate_all("els => els.map(e => e.id)")


def test_filters_on_a_topic_page(page, base_url):
    page.goto(f"{base_url}/topics/{TOPIC}/")
    toolbar = _toolbar(page)
    count = toolbar.get_by_role("status")
    expect(count).to_have_text(f"Showing all {len(TOPIC_QUESTIONS)} questions")

    hard = toolbar.get_by_role("button", name="Hard")
    hard.focus()
    page.keyboard.press("Space")  # a real button: the keyboard works
    expect(hard).to_have_attribute("aria-pressed", "true")
    wanted = [q for q in TOPIC_QUESTIONS if q.difficulty == "hard"]
    expect(count).to_have_text(f"Showing {len(wanted)} of {len(TOPIC_QUESTIONS)} questions")
    assert _visible_questions(page) == [q.id for q in wanted]
    easy = next(q for q in TOPIC_QUESTIONS if q.difficulty == "easy")
    expect(page.locator(f"#{easy.id} + .qb-question-body > details.answer").first).to_be_hidden()
    assert "difficulty=hard" in page.url

    tag = wanted[0].tags[0]
    toolbar.get_by_label("Tag").select_option(tag)
    wanted = [q for q in wanted if tag in q.tags]
    expect(count).to_have_text(f"Showing {len(wanted)} of {len(TOPIC_QUESTIONS)} questions")
    assert _visible_questions(page) == [q.id for q in wanted]

    toolbar.get_by_role("button", name="Clear filters").click()
    expect(count).to_have_text(f"Showing all {len(TOPIC_QUESTIONS)} questions")
    expect(hard).to_have_attribute("aria-pressed", "false")
    assert len(_visible_questions(page)) == len(TOPIC_QUESTIONS)


def test_filters_from_a_link(page, base_url):
    page.goto(f"{base_url}/topics/{TOPIC}/?difficulty=easy,medium&tag=no-such-tag")
    wanted = [q for q in TOPIC_QUESTIONS if q.difficulty in ("easy", "medium")]
    expect(_toolbar(page).get_by_role("status")).to_have_text(
        f"Showing {len(wanted)} of {len(TOPIC_QUESTIONS)} questions"
    )
    expect(_toolbar(page).get_by_role("button", name="Easy")).to_have_attribute(
        "aria-pressed", "true"
    )
    expect(_toolbar(page).get_by_label("Tag")).to_have_value("")


def test_a_link_to_a_hidden_question_clears_the_filters(page, base_url):
    easy = next(q for q in TOPIC_QUESTIONS if q.difficulty == "easy")
    page.goto(f"{base_url}/topics/{TOPIC}/?difficulty=hard#{easy.id}")
    expect(page.locator(f"h2#{easy.id}")).to_be_in_viewport()
    expect(
        page.locator(f"h2#{easy.id} + .qb-question-body > details.answer").first
    ).to_have_attribute("open", "")
    expect(_toolbar(page).get_by_role("status")).to_have_text(
        f"Showing all {len(TOPIC_QUESTIONS)} questions"
    )
    # The same from a link on the page (the table of contents) while filtered.
    _toolbar(page).get_by_role("button", name="Hard").click()
    hidden = next(q for q in TOPIC_QUESTIONS if q.difficulty == "medium")
    page.evaluate(f"location.hash = '#{hidden.id}'")
    expect(page.locator(f"h2#{hidden.id}")).to_be_in_viewport()
    expect(_toolbar(page).get_by_role("status")).to_have_text(
        f"Showing all {len(TOPIC_QUESTIONS)} questions"
    )


def test_expand_all_and_collapse_all(page, base_url):
    page.goto(f"{base_url}/topics/{TOPIC}/")
    answers = page.locator("details.answer")
    expect(answers).to_have_count(len(TOPIC_QUESTIONS))
    _toolbar(page).get_by_role("button", name="Expand all").click()
    expect(page.locator("details.answer[open]")).to_have_count(len(TOPIC_QUESTIONS))
    _toolbar(page).get_by_role("button", name="Collapse all").click()
    expect(page.locator("details.answer[open]")).to_have_count(0)


def test_mark_known_then_see_the_counts_elsewhere(browser, base_url):
    # Wide enough for Material's navigation sidebar, so the test can click its links.
    page = new_page(browser, width=1400)
    try:
        question = TOPIC_QUESTIONS[1]
        page.goto(f"{base_url}/topics/{TOPIC}/")
        known = page.locator(f".md-content .qb-known[data-topic='{TOPIC}']")
        expect(known).to_have_text("")
        toggle = page.locator(f"h2#{question.id} + .qb-question-body > .qb-actions").get_by_role(
            "button", name="Mark as known"
        )
        expect(toggle).to_have_attribute("aria-pressed", "false")
        toggle.focus()
        page.keyboard.press("Enter")
        expect(toggle).to_have_attribute("aria-pressed", "true")
        expect(known).to_have_text(f"1 / {len(TOPIC_QUESTIONS)} known")
        card = _progress(page)["cards"][question.id]
        assert (card["topic"], card["last"]) == (TOPIC, "know") and card["box"] >= 4

        # Instant navigation: the page changes without a reload.
        page.evaluate("window.stillTheSamePage = true")
        page.locator(".md-nav--primary").get_by_role("link", name="Home", exact=True).click()
        # Material's navigation.tracking may still add the old page's section to the address.
        page.wait_for_url(re.compile(re.escape(f"{base_url}/") + "(#.*)?$"))
        expect(page.locator(f".qb-known[data-topic='{TOPIC}']")).to_have_text(
            f"1 / {len(TOPIC_QUESTIONS)} known"
        )
        other = next(t for t in BANK.topics if t.id != TOPIC)
        expect(page.locator(f".qb-known[data-topic='{other.id}']")).to_have_text("")

        page.locator(".md-footer__link--next").click()  # the page after Home
        expect(page.locator(".qb-store")).to_contain_text(
            "You have practised 1 question and know 1."
        )
        assert page.evaluate("window.stillTheSamePage"), "the page was reloaded"

        # Unmarking sets the question back to "not yet": it is due today.
        page.go_back()
        page.go_back()
        toggle.click()
        expect(toggle).to_have_attribute("aria-pressed", "false")
        expect(known).to_have_text(f"0 / {len(TOPIC_QUESTIONS)} known")
        assert _progress(page)["cards"][question.id]["last"] == "not-yet"
    finally:
        page.context.close()


def test_printing_opens_every_answer(page, base_url):
    page.goto(f"{base_url}/topics/{TOPIC}/")
    first = page.locator("details.answer").first
    first.locator("summary").click()  # one answer open before printing
    page.emulate_media(media="print")
    expect(_toolbar(page)).to_be_hidden()
    expect(page.locator(".qb-known-toggle").first).to_be_hidden()
    expect(page.locator(".md-header")).to_be_hidden()
    expect(page.locator(".md-sidebar--primary")).to_be_hidden()
    # emulate_media does not fire beforeprint: fire it as the browser would.
    page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
    expect(page.locator("details.answer:not([open])")).to_have_count(0)
    page.evaluate("window.dispatchEvent(new Event('afterprint'))")
    page.emulate_media(media="screen")
    expect(page.locator("details.answer[open]")).to_have_count(1)
    expect(first).to_have_attribute("open", "")


# ---- The schedule itself (progress.js, pure functions) ----


@pytest.mark.parametrize(
    "box, rating, expected_box, days",
    [
        (None, "know", 2, 1),
        (None, "partly", 1, 1),
        (None, "not-yet", 1, 0),
        (2, "know", 3, 3),
        (3, "know", 4, 7),
        (4, "know", 5, 16),
        (5, "know", 5, 16),
        (4, "partly", 4, 7),
        (5, "not-yet", 1, 0),
    ],
)
def test_leitner_boxes(page, base_url, box, rating, expected_box, days):
    page.goto(f"{base_url}/")
    card = page.evaluate(
        """([box, rating]) => {
          const card = box && { topic: "cnn", box, due: "2025-01-01", last: "partly",
                                reviewed: "2024-12-01" };
          return qbProgress.rate(card, rating, "cnn", "2025-02-27");
        }""",
        [box, rating],
    )
    due = page.evaluate(f"qbProgress.addDays('2025-02-27', {days})")
    assert card == {
        "topic": "cnn",
        "box": expected_box,
        "due": due,
        "last": rating,
        "reviewed": "2025-02-27",
    }


def test_due_questions_come_first_weakest_first(page, base_url):
    page.goto(f"{base_url}/")
    plan = page.evaluate(
        """() => {
          const card = (box, due) => ({ topic: "t", box, due, last: "partly", reviewed: due });
          const questions = ["a", "b", "c", "d", "e", "f"].map((id) => ({ id, topic: "t" }));
          const progress = { version: 1, cards: {
            a: card(3, "2025-01-01"), b: card(1, "2025-01-05"), c: card(2, "2025-03-01"),
            e: card(1, "2025-01-02"), f: card(4, "2025-02-01") } };
          return qbProgress.schedule(questions, progress, "2025-02-01");
        }"""
    )
    assert plan == {"due": ["e", "b", "a", "f"], "fresh": ["d"], "later": ["c"]}
