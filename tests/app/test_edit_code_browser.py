"""Editing a lesson's code in Chromium: the edit runs and streams, stays in this browser after a reload, is never
seen by another browser, and Reset brings the lesson's code back; errors name the editor's line; an endless loop
ends on Stop within a second, and on the wall clock without Stop; the app then serves another learner."""

import os
import time

import pytest
from lesson_pages import code_panels, load, screenshot
from playwright.sync_api import expect
from polling import wait_for

from streamlab.engine.lessons import load as load_lesson
from streamlab.web.background import BackgroundServer

STEM = "01_basic"
LAST_LINE = "yield chunk.choices[0].delta.content"
ORIGINAL = load_lesson(STEM).source


@pytest.fixture(scope="module")
def server():
    os.environ["STREAMLAB_EDIT_WALL_S"] = "4"
    try:
        with BackgroundServer(concurrency=8) as app:
            yield app
    finally:
        del os.environ["STREAMLAB_EDIT_WALL_S"]


def editor_text(page, stem=STEM, panel=0) -> str:
    return code_panels(page, stem)[panel]["document"]


def replace_code(page, text: str, selector=f"#code-{STEM}") -> None:
    """Select all in the editor and put `text` in its place, as a paste would (no auto-indent)."""
    page.locator(f"{selector} .cm-content").click()
    page.keyboard.press("Control+a")
    page.keyboard.insert_text(text)


def run_lesson(page, stem=STEM, wait="Done"):
    page.locator(f"#run-{stem}").click()
    expect(page.locator(f"#status-{stem}")).to_contain_text(wait, timeout=60_000)


def test_an_edit_streams_stays_after_a_reload_is_private_and_reset_brings_the_lesson_back(browser, server):
    context = browser.new_context(viewport={"width": 1600, "height": 1000})
    page = context.new_page()
    load(page, f"{server.url}/?lesson={STEM}")
    line = page.locator(f"#code-{STEM} .cm-line", has_text=LAST_LINE).first
    line.click()
    page.keyboard.press("End")
    page.keyboard.type(".upper()")
    expect(page.locator(f'.edit-mark[data-key="{STEM}"]')).to_be_visible()
    page.locator(f"#prompt-{STEM} textarea").fill("Explain in two sentences what streaming an LLM response means.")
    page.locator(f"#run-{STEM}").click()
    pane = page.locator(f"#pane-{STEM}-0 textarea")
    expect(pane).not_to_have_value("", timeout=60_000)
    partial = pane.input_value()
    expect(page.locator(f"#status-{STEM}")).to_contain_text("Done", timeout=60_000)
    final = pane.input_value()
    assert partial == partial.upper() and final == final.upper() and len(final) > len(partial) > 0
    assert final.startswith("STREAMING AN LLM RESPONSE MEANS")
    expect(page.locator(f"#metrics-{STEM}")).to_contain_text("first token")
    screenshot(page, "edited-lesson-1")

    page.reload()
    load(page, f"{server.url}/?lesson={STEM}")
    expect(page.locator(f'.edit-mark[data-key="{STEM}"]')).to_be_visible()
    assert f"{LAST_LINE}.upper()" in editor_text(page)

    other = browser.new_context(viewport={"width": 1600, "height": 1000})
    stranger = other.new_page()
    load(stranger, f"{server.url}/?lesson={STEM}")
    assert editor_text(stranger) == ORIGINAL.rstrip()
    expect(stranger.locator(f'.edit-mark[data-key="{STEM}"]')).to_be_hidden()
    other.close()

    page.locator(f"#reset-{STEM}").click()
    expect(page.locator(f'.edit-mark[data-key="{STEM}"]')).to_be_hidden()
    page.wait_for_function(f"() => !document.querySelector('#code-{STEM} .cm-content').textContent"
                           ".includes('.upper()')")
    assert editor_text(page) == ORIGINAL.rstrip()
    page.reload()
    load(page, f"{server.url}/?lesson={STEM}")
    assert editor_text(page) == ORIGINAL.rstrip()
    context.close()


@pytest.mark.parametrize(("before", "after", "said"), [
    ("def stream(client", "def stream((client", "Line 7 of the editor is not valid Python"),
    ('CLIENT = "openai"', 'CLIENT = "openai"\nanswer = 1 / 0',
     "Your code raised ZeroDivisionError: division by zero (line 4 of the editor: answer = 1 / 0)"),
])
def test_an_error_in_the_edited_code_names_the_editor_s_line(page, server, before, after, said):
    load(page, f"{server.url}/?lesson={STEM}")
    replace_code(page, ORIGINAL.replace(before, after, 1))
    run_lesson(page, wait="Failed")
    expect(page.locator(f"#status-{STEM}")).to_contain_text(said)


def test_an_endless_loop_ends_on_stop_within_a_second_then_on_the_wall_clock(page, server, browser):
    load(page, f"{server.url}/?lesson={STEM}")
    looping = ORIGINAL.replace("        for chunk in chunks:", "        yield 'looping'\n        while True:\n"
                               "            pass\n        for chunk in chunks:", 1)
    replace_code(page, looping)
    page.locator(f"#run-{STEM}").click()
    expect(page.locator(f"#pane-{STEM}-0 textarea")).to_have_value("looping", timeout=60_000)
    pressed = time.perf_counter()
    page.locator(f"#stop-{STEM}").click()
    expect(page.locator(f"#status-{STEM}")).to_contain_text("Stopped", timeout=5_000)
    assert time.perf_counter() - pressed < 1.0
    assert wait_for(lambda: not server.app.state.edits.pids(), timeout=3), "the stopped run's process is still there"

    run_lesson(page, wait="Incomplete")  # no Stop this time: the wall clock (4 s here) ends it
    expect(page.locator(f"#status-{STEM}")).to_contain_text("Your code ran for 4 s, the limit for edited code here")
    expect(page.locator(f"#pane-{STEM}-0 textarea")).to_have_value("looping")

    other = browser.new_context(viewport={"width": 1600, "height": 1000})
    learner = other.new_page()
    load(learner, f"{server.url}/?lesson={STEM}")
    run_lesson(learner)
    assert learner.locator(f"#pane-{STEM}-0 textarea").input_value().startswith("Streaming an LLM response")
    other.close()

