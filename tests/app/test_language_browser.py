"""The page in the learner's language, in Chromium: the browser's language, `?lang=`, and the switch.

The page's own words come from Gradio's i18n (so they are in the page once it has started); text made at
run time (status, metrics) follows the same choice through the `streamlab_lang` cookie.
"""

import re

import pytest
from lesson_pages import open_lesson, screenshot
from playwright.sync_api import expect

from streamlab.engine import lessons

LESSONS = [lesson for lesson in lessons.discover() if not lesson.error]
CJK = re.compile(r"[\u4e00-\u9fff]")


def title(lesson, lang):
    if lang == "en":
        return lesson.title
    return lessons.title_of((lessons.ROOT / "lessons" / lang / lesson.prose_path.name).read_text("utf-8"), lesson.stem)


def proses(page, lang):
    """Open each lesson in turn; the first line of its prose, as the page shows it."""
    shown = []
    for lesson in LESSONS:
        open_lesson(page, lesson.stem)
        expect(page.locator(f"#nav-{lesson.stem}")).to_contain_text(title(lesson, lang))
        prose = page.locator(f"#tab-{lesson.stem} .lesson-prose").first
        expect(prose).to_be_visible()
        shown.append(prose.inner_text().strip().splitlines()[0])
    return shown


def open_page(browser, url, locale):
    context = browser.new_context(locale=locale, viewport={"width": 1600, "height": 1000})
    page = context.new_page()
    page.set_default_timeout(30_000)
    page.goto(url)
    expect(page.locator("#run-01_basic")).to_be_visible(timeout=60_000)
    return context, page


def test_a_chinese_browser_gets_the_whole_course_in_chinese(browser, app_server):
    context, page = open_page(browser, app_server.url, "zh-CN")
    try:
        assert page.evaluate("document.documentElement.lang") == "zh-CN"
        expect(page.locator("#intro")).to_contain_text("边看边学大模型的流式输出")
        expect(page.locator("#run-01_basic")).to_have_text("运行")
        assert proses(page, "zh") == [title(lesson, "zh") for lesson in LESSONS]
        open_lesson(page, "01_basic")
        expect(page.locator("#prompt-01_basic textarea")).to_have_value("写一首关于春天的诗")
        page.locator("#run-01_basic").click()
        expect(page.locator("#status-01_basic")).to_have_text("完成。", timeout=60_000)
        expect(page.locator("#metrics-01_basic")).to_contain_text("首 token 延迟")
        assert CJK.search(page.locator("#pane-01_basic-0 textarea").input_value())
        screenshot(page, "chinese-1600x1000")
    finally:
        context.close()


def test_an_english_browser_gets_english(browser, app_server):
    context, page = open_page(browser, app_server.url, "en-US")
    try:
        expect(page.locator("#intro")).to_contain_text("Learn LLM response streaming")
        expect(page.locator("#run-01_basic")).to_have_text("Run")
        assert proses(page, "en") == [lesson.title for lesson in LESSONS]
        open_lesson(page, "01_basic")
        expect(page.locator("#prompt-01_basic textarea")).to_have_value(LESSONS[0].prompt)
    finally:
        context.close()


@pytest.mark.parametrize("locale, other, words", [("en-US", "zh", "运行"), ("zh-CN", "en", "Run")])
def test_lang_link_and_switch_choose_the_language_and_it_is_remembered(browser, app_server, locale, other, words):
    context, page = open_page(browser, f"{app_server.url}/?lang={other}", locale)
    try:
        expect(page.locator("#run-01_basic")).to_have_text(words)
        page.goto(app_server.url)  # no parameter now: the choice is remembered in this browser
        expect(page.locator("#run-01_basic")).to_have_text(words)
        back = "en" if other == "zh" else "zh"
        page.locator("#language-switch").get_by_text("English" if back == "en" else "中文").click()
        page.wait_for_url(re.compile(rf"lang={back}"))
        expect(page.locator("#run-01_basic")).to_have_text("Run" if back == "en" else "运行")
        open_lesson(page, "11_raw_wire")  # moving on to another lesson keeps the language, and so does a reload
        expect(page.locator("#run-11_raw_wire")).to_have_text("Run" if back == "en" else "运行")
        page.reload()
        expect(page.locator("#tab-11_raw_wire")).to_be_visible(timeout=60_000)
        expect(page.locator("#run-11_raw_wire")).to_have_text("Run" if back == "en" else "运行")
        open_lesson(page, "01_basic")
        page.locator("#run-01_basic").click()
        done = "Done." if back == "en" else "完成。"
        expect(page.locator("#status-01_basic")).to_have_text(done, timeout=60_000)
    finally:
        context.close()
