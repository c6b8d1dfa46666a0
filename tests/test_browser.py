"""The site in a real browser (Debian's Chromium driven by Playwright): permalinks, links to
one question, search results, the per-question actions, the palette toggle and start-up."""

# ruff: noqa: F811 (the fixtures imported from browser.py are test arguments)

from __future__ import annotations

import re

import pytest
from browser import base_url, browser, new_page, page, sync_api  # noqa: F401 (fixtures)
from conftest import BANK


def _landed_on(page, question) -> None:
    """The question's heading is in view below the header and its answer is open."""
    heading = page.locator(f"h2#{question.id}")
    sync_api.expect(heading).to_be_in_viewport()
    header_bottom = page.evaluate(
        "document.querySelector('.md-header').getBoundingClientRect().bottom"
    )
    assert heading.bounding_box()["y"] >= header_bottom - 1, "heading hidden under the header"
    answer = page.locator(f"h2#{question.id} + .qb-question-body > details.answer").first
    sync_api.expect(answer).to_have_attribute("open", "")
    # Nothing floats over the heading (Material's "Back to top" button stays hidden).
    sync_api.expect(page.locator(".md-top")).to_have_attribute("hidden", "")


QUESTIONS = [BANK.questions[0], BANK.question("non-maximum-suppression"), BANK.questions[-1]]


@pytest.mark.parametrize("question", QUESTIONS, ids=[q.id for q in QUESTIONS])
def test_permalink_opens_the_question_with_its_answer(page, base_url, question):
    page.goto(f"{base_url}/q/{question.id}/")
    page.wait_for_url(f"**/topics/{question.topic}/#{question.id}")
    _landed_on(page, question)


def test_link_to_a_question_opens_its_answer(page, base_url):
    question = BANK.question("kalman-filter-tracking")
    page.goto(f"{base_url}/topics/{question.topic}/#{question.id}")
    _landed_on(page, question)


def test_search_result_lands_on_the_question(page, base_url):
    question = BANK.question("non-maximum-suppression")
    page.goto(f"{base_url}/")
    page.keyboard.press("/")
    page.keyboard.type("non-maximum suppression detectors")
    # Material lists the page, then its matching sections: the question is a section.
    result = page.locator(f".md-search-result__link[href$='#{question.id}']").first
    sync_api.expect(result).to_be_visible()
    assert f"/topics/{question.topic}/" in result.get_attribute("href")
    result.click()
    page.wait_for_url(re.compile(rf"/topics/{question.topic}/(\?h=[^#]*)?#{question.id}$"))
    _landed_on(page, question)


def test_search_index_loads_only_when_the_reader_turns_to_search(page, base_url):
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    page.goto(f"{base_url}/topics/cnn/")
    page.wait_for_load_state("networkidle")
    page.mouse.wheel(0, 600)  # reading, not searching
    page.wait_for_timeout(300)
    assert not [url for url in requested if url.endswith("/search/search_index.json")]

    page.locator(".md-search__input").click()
    page.keyboard.type("receptive field")
    result = page.locator(".md-search-result__link[href*='topics/cnn/']").first
    sync_api.expect(result).to_be_visible()
    assert [url for url in requested if url.endswith("/search/search_index.json")]


def test_question_actions(page, base_url):
    question = BANK.question("non-maximum-suppression")
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    page.goto(f"{base_url}/topics/{question.topic}/")
    actions = page.locator(f"h2#{question.id} + .qb-question-body > .qb-actions")
    actions.get_by_text("Copy link").click()
    sync_api.expect(actions.get_by_text("Link copied")).to_be_visible()
    assert page.evaluate("navigator.clipboard.readText()") == f"{base_url}/q/{question.id}/"
    edit = actions.get_by_text("Edit").get_attribute("href")
    assert edit.endswith(f"/blob/main/questions/bank.yml#L{question.line}")
    report = actions.get_by_text("Report a problem").get_attribute("href")
    assert "/issues/new?template=wrong-answer.yml&question-id=non-maximum-suppression" in report


def test_math_is_typeset_when_an_answer_opens_and_katex_loads_only_then(page, base_url):
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    page.goto(f"{base_url}/")
    page.wait_for_load_state("networkidle")
    assert not [url for url in requested if "/katex/" in url], "the home page has no math"

    page.goto(f"{base_url}/topics/object-detection/")
    answer = page.locator("details.answer:has(.arithmatex)").first
    assert answer.locator(".katex").count() == 0  # closed: not typeset yet
    answer.locator("summary").click()
    sync_api.expect(answer.locator(".katex").first).to_be_visible()
    assert any(url.endswith("katex.min.js") for url in requested)


def test_phone_navigation_drawer_is_left_out_of_the_page_until_opened(browser, base_url):
    page = new_page(browser, width=390, height=844)
    page.goto(f"{base_url}/topics/cnn/")
    drawer = page.locator(".md-sidebar--primary")
    sync_api.expect(drawer).to_be_hidden()  # display: none, so not styled on page load
    page.locator("label.md-header__button[for='__drawer']").click()
    link = drawer.get_by_role("link", name="Object detection")
    sync_api.expect(link).to_be_in_viewport()
    link.click()
    page.wait_for_url("**/topics/object-detection/")
    sync_api.expect(drawer).to_be_hidden()
    page.context.close()


def test_palette_toggle_follows_the_system_then_light_then_dark_and_is_remembered(
    browser, base_url
):
    page = new_page(browser, width=1280, color_scheme="dark")  # navigation in the sidebar
    toggle = page.locator("label[for^='__palette_']:visible")
    scheme = page.locator("body")

    page.goto(f"{base_url}/topics/cnn/")  # first visit: the system's dark scheme, at once
    sync_api.expect(scheme).to_have_attribute("data-md-color-scheme", "slate")
    sync_api.expect(toggle).to_have_attribute("title", "Switch to light mode")
    assert page.evaluate("document.querySelector('meta[name=color-scheme]').content") == "dark"

    toggle.click()
    sync_api.expect(scheme).to_have_attribute("data-md-color-scheme", "default")
    toggle.click()
    sync_api.expect(scheme).to_have_attribute("data-md-color-scheme", "slate")
    sync_api.expect(toggle).to_have_attribute("title", "Switch to system preference")
    page.reload()
    sync_api.expect(scheme).to_have_attribute("data-md-color-scheme", "slate")
    page.get_by_role("link", name="Object detection").first.click()  # instant navigation
    page.wait_for_url("**/topics/object-detection/")
    sync_api.expect(toggle).to_have_attribute("title", "Switch to system preference")

    toggle.click()  # back to the system's scheme, and following it when it changes
    page.emulate_media(color_scheme="light")
    sync_api.expect(scheme).to_have_attribute("data-md-color-scheme", "default")
    page.locator("input[name='__palette']").first.focus()  # the keyboard switches too
    page.keyboard.press("Enter")
    sync_api.expect(toggle).to_have_attribute("title", "Switch to dark mode")
    page.context.close()


def test_page_start_up_rewrites_no_link(page, base_url):
    """Material's instant navigation makes every relative link absolute when it starts; done
    after the page is styled, that reloads the stylesheets and restyles every element.
    resolve-links.html does it before, so the bundle finds nothing left to change."""
    page.add_init_script("""
        window.qbLateRewrites = [];
        new MutationObserver((records) => {
          if (!window.document$) return;  // before Material's bundle: nothing is styled yet
          for (const r of records)  // a <script> is never styled (the bundle's own is rewritten)
            if (r.target.tagName !== "SCRIPT") qbLateRewrites.push(r.target.outerHTML);
        }).observe(document, { subtree: true, attributeFilter: ["href", "src"] });
    """)
    page.goto(f"{base_url}/topics/cnn/")
    page.wait_for_load_state("networkidle")
    stylesheet = page.evaluate(
        "document.querySelector('link[rel=stylesheet]').getAttribute('href')"
    )
    assert stylesheet.startswith(base_url)
    assert page.evaluate("qbLateRewrites") == []
