"""Presenter mode and the keys in Chromium: on a projector (1280×720 at 150 %), full HD, a laptop and a phone the
open lesson's code and its live output are both on screen after Run; Ctrl+Enter runs, Esc stops."""

import re
from urllib.parse import parse_qs, urlparse

import pytest
from lesson_pages import SIZES, assert_no_line_clipped, box_inside_viewport, load, open_lesson, screenshot
from playwright.sync_api import expect

from streamlab.engine import lessons

LESSON = "11_raw_wire"  # the lesson with the most controls above its output, and the longest lines
LESSONS = {lesson.stem: lesson for lesson in lessons.discover()}


def on_screen(stem: str) -> tuple[str, ...]:
    """What the room must see whole after Run: the code and the main output pane; for a web lesson (its output a
    browser page in the tab), its Python, its page's JavaScript and the page."""
    if LESSONS[stem].attributes.get("PAGE"):
        return f"#code-{stem}", f"#script-{stem}", f"#page-{stem}"
    return f"#code-{stem}", f"#pane-{stem}-0"


@pytest.mark.parametrize("size", SIZES)
def test_in_presenter_mode_the_code_and_the_output_are_both_on_screen_after_run(browser, app_server, size):
    context = browser.new_context(**SIZES[size])
    try:
        page = context.new_page()
        load(page, f"{app_server.url}/?lesson={LESSON}&present=1")
        expect(page.locator("#page")).to_have_attribute("data-present", "")
        expect(page.locator("#page-head")).to_be_hidden()  # the intro and the provider panel are out of the way
        expect(page.locator("#provider-panel")).to_be_hidden()
        page.keyboard.press("Control+Enter")
        expect(page.locator(f"#status-{LESSON}")).to_contain_text("Done", timeout=90_000)
        expect(page.locator(f"#pane-{LESSON}-0 textarea")).not_to_have_value("")
        page.wait_for_timeout(100)  # the layout settles after the last frame
        for part in (f"#code-{LESSON}", f"#pane-{LESSON}-0"):
            inside, box = box_inside_viewport(page, part)
            assert inside, f"{part} is not wholly on screen at {size}: {box}"
        assert_no_line_clipped(page, LESSON)
        if size in ("1280x720-zoom150", "1920x1080"):
            screenshot(page, f"presenter-{size}")
    finally:
        context.close()


@pytest.fixture(scope="module")
def projector(browser, app_server):
    """One presenter-mode page on a projector, shared by the lessons below in turn (as a presenter walks the
    course); each lesson is a test of its own, so each has the whole test timeout for its run."""
    context = browser.new_context(**SIZES["1280x720-zoom150"])
    page = context.new_page()
    load(page, f"{app_server.url}/?present=1")
    yield page
    context.close()


@pytest.mark.parametrize("stem", sorted(LESSONS))
def test_on_a_projector_each_lessons_code_and_output_fit_on_screen_together_after_run(projector, stem):
    page = projector
    open_lesson(page, stem)
    page.keyboard.press("Control+Enter")  # the lesson's whole output, as the room sees it after Run
    expect(page.locator(f"#status-{stem}")).to_contain_text("Done", timeout=90_000)
    page.wait_for_timeout(100)  # the panels are fitted to the window at the next frame
    for part in on_screen(stem):
        inside, box = box_inside_viewport(page, part)
        assert inside, f"{part} is not wholly on screen: {box}"


def test_ctrl_enter_runs_the_open_lesson_and_escape_stops_it(page, app_server):
    load(page, f"{app_server.url}/?lesson=01_basic")
    prompt = page.locator("#prompt-01_basic textarea")
    prompt.fill("Write a long, detailed explanation of how rivers shape valleys over millions of years.")
    prompt.focus()
    page.keyboard.press("Control+Enter")
    pane = page.locator("#pane-01_basic-0 textarea")
    expect(pane).to_have_value(re.compile(r"\S+\s+\S+\s+\S+"), timeout=60_000)  # a few words in: mid-stream
    assert "\n" not in prompt.input_value(), "the keys run the lesson; they type no new line"
    page.keyboard.press("Escape")
    expect(page.locator("#status-01_basic")).to_contain_text("Stopped")
    open_lesson(page, "02_async")  # the keys act on the lesson that is open
    page.keyboard.press("Meta+Enter")
    expect(page.locator("#pane-02_async-0 textarea")).not_to_have_value("", timeout=90_000)
    expect(page.locator("#status-02_async")).to_contain_text("Done", timeout=90_000)


def test_the_toggle_switches_presenter_mode_and_the_address_says_so(page, app_server):
    load(page, f"{app_server.url}/?lang=en")
    toggle = page.locator("#course-nav .present-toggle")
    toggle.click()
    expect(page.locator("#page")).to_have_attribute("data-present", "")
    expect(toggle).to_have_attribute("aria-pressed", "true")
    expect(page.locator("#page-head")).to_be_hidden()
    assert parse_qs(urlparse(page.url).query) == {"lang": ["en"], "present": ["1"]}
    toggle.click()
    expect(page.locator("#page")).not_to_have_attribute("data-present", "")
    expect(page.locator("#page-head")).to_be_visible()
    assert parse_qs(urlparse(page.url).query) == {"lang": ["en"]}
