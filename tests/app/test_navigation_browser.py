"""The course list in Chromium: every lesson one click away at every supported size (no overflow menu), its code
shown whole and never cut off, deep links, the address following the open lesson, readable log panes."""

from urllib.parse import parse_qs, urlparse

import pytest
from lesson_pages import SIZES, assert_no_line_clipped, code_panels, load, open_lesson, screenshot
from playwright.sync_api import expect

from streamlab.engine import lessons

LESSONS = lessons.discover()


def query(page) -> dict:
    return {name: values[0] for name, values in parse_qs(urlparse(page.url).query).items()}


@pytest.fixture
def sized_page(browser):
    contexts = []

    def make(size: str):
        contexts.append(browser.new_context(**SIZES[size]))
        page = contexts[-1].new_page()
        page.set_default_timeout(30_000)
        return page

    yield make
    for context in contexts:
        context.close()


@pytest.mark.parametrize("size", SIZES)
def test_every_lesson_is_one_click_away_and_shows_its_whole_file_unclipped(sized_page, app_server, size):
    page = sized_page(size)
    load(page, app_server.url)
    width = page.viewport_size["width"]
    assert not page.get_by_role("button", name="More tabs").is_visible(), "no lesson hides in an overflow menu"
    expect(page.locator("#lesson-tabs [role=tablist]")).to_be_hidden()  # the list replaces Gradio's tab bar
    for lesson in LESSONS:
        link = page.locator(f"#nav-{lesson.stem}")
        expect(link).to_be_visible()
        box = link.bounding_box()
        assert 0 <= box["x"] and box["x"] + box["width"] <= width, f"{lesson.stem} sticks out of the page: {box}"
        open_lesson(page, lesson.stem)
        expect(link).to_have_attribute("aria-current", "page")
        assert query(page)["lesson"] == lesson.stem
        expect(page.locator(f"#run-{lesson.stem}")).to_be_visible()
        assert_no_line_clipped(page, lesson.stem)
        python = next(panel for panel in code_panels(page, lesson.stem) if panel["id"] == f"code-{lesson.stem}")
        # the whole file as it is on disk (gr.Code drops the newline that ends the file's last line)
        assert python["document"] == lesson.source.removesuffix("\n"), "the code panel shows the whole file"
        drawn = python["drawn"]
        assert drawn and drawn == lesson.source.splitlines()[:len(drawn)], "the file's top is in view, unchanged"
        if lesson.stem == "11_raw_wire" and size in ("1600x1000", "390x844"):
            page.evaluate("window.scrollTo(0, 0)")
            screenshot(page, f"navigation-{size}")
    assert len(page.locator("#course-nav a[data-lesson]").all()) == len(LESSONS)


def test_a_deep_link_opens_its_lesson_and_the_address_follows_the_lesson_opened(page, app_server):
    load(page, f"{app_server.url}/?lang=en&lesson=11_raw_wire")
    expect(page.locator("#run-11_raw_wire")).to_be_visible()
    expect(page.locator("#nav-11_raw_wire")).to_have_attribute("aria-current", "page")
    expect(page.locator("#run-01_basic")).to_be_hidden()
    open_lesson(page, "07_langchain")
    assert query(page) == {"lang": "en", "lesson": "07_langchain"}, "the other parameters are kept"
    load(page, page.url)
    expect(page.locator("#run-07_langchain")).to_be_visible()
    load(page, f"{app_server.url}/?lesson=99_not_a_lesson")  # an unknown lesson: the course opens at its start
    expect(page.locator("#run-01_basic")).to_be_visible()
    expect(page.locator("#nav-01_basic")).to_have_attribute("aria-current", "page")


def test_a_link_to_a_renamed_lesson_opens_it_under_its_new_name(page, app_server):
    load(page, f"{app_server.url}/?lang=en&lesson=19_broken_vs_fixed_browser")  # lesson 20 until it became 20
    expect(page.locator("#run-21_broken_vs_fixed_browser")).to_be_visible()
    expect(page.locator("#nav-21_broken_vs_fixed_browser")).to_have_attribute("aria-current", "page")
    assert query(page) == {"lang": "en", "lesson": "21_broken_vs_fixed_browser"}


def test_the_list_speaks_the_pages_language(page, app_server):
    load(page, f"{app_server.url}/?lang=zh")
    chapter = page.locator('#course-nav [data-chapter="basics"] h2')
    expect(chapter).to_have_text("基础", use_inner_text=True)  # the text shown: the English words are there, hidden
    expect(page.locator("#nav-01_basic .nav-title")).not_to_contain_text("Basic", use_inner_text=True)


def test_log_panes_are_monospace_and_hold_an_80_column_line(page, app_server):
    """Lesson 11's wire, parsed and curl panes and lesson 7's event log: monospace, and at 1600 px an 80-column
    line fits without wrapping."""
    measure = """selector => {
        const pane = document.querySelector(selector), style = getComputedStyle(pane);
        const ctx = document.createElement("canvas").getContext("2d");
        ctx.font = `${style.fontSize} ${style.fontFamily}`;
        return {narrow: ctx.measureText("i").width, wide: ctx.measureText("W").width,
                line: ctx.measureText("x".repeat(80)).width,
                room: pane.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight)};
    }"""
    load(page, f"{app_server.url}/?lesson=11_raw_wire")
    for stem, panes in (("11_raw_wire", (1, 2, 3)), ("07_langchain", (1,))):
        open_lesson(page, stem)
        for i in panes:
            font = page.evaluate(measure, f"#pane-{stem}-{i} textarea")
            assert font["narrow"] == font["wide"], f"pane {i} of {stem} is not monospace: {font}"
            assert font["line"] <= font["room"], f"pane {i} of {stem} wraps an 80-column line: {font}"
