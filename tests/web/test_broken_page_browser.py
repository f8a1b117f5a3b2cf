"""Lesson 21's page in headless Chromium: each tutorial bug runs broken and fixed on the same relayed stream; the
broken pane shows the failure (U+FFFD, lost words, a thrown error, a model asked again), the fixed one the text."""

import pytest
from playwright.sync_api import expect

from streamlab.engine import lessons

PROMPT = lessons.load("21_broken_vs_fixed_browser").prompt
WAIT_MS = 20_000


@pytest.fixture
def page(open_page):
    return open_page("/static/web/broken.html")


def run(page, bug, split=True):
    page.select_option("#bug", bug)
    page.set_checked("#split", split)
    page.click("#send")
    for pane in ("#broken", "#fixed"):
        expect(page.locator(f"{pane} .status")).not_to_have_text("streaming…", timeout=WAIT_MS)
    return page.locator("#broken .output").text_content(), page.locator("#fixed .output").text_content()


def test_the_page_offers_the_lesson_prompt(page):
    expect(page.locator("#prompt")).to_have_value(PROMPT)
    expect(page.locator("#send")).to_have_text("Run both")


def test_on_a_chinese_page_the_labels_are_chinese_and_the_code_runs_the_same(open_page):
    page = open_page("/static/web/broken.html", lang="zh")
    expect(page.locator("#send")).to_have_text("两个都运行")
    expect(page.locator("label[for=prompt]")).to_have_text("提示词")
    broken, fixed = run(page, "decode_no_stream")
    assert "\ufffd" in broken and "\ufffd" not in fixed


def test_decoding_without_stream_true_shows_u_fffd_and_the_fixed_reader_the_exact_text(page, web_server):
    broken, fixed = run(page, "decode_no_stream")
    assert fixed == web_server.answer(PROMPT)
    assert "\ufffd" in broken and broken.replace("\ufffd", "") != fixed
    expect(page.locator("#broken .error")).to_contain_text("× U+FFFD where characters were cut across reads")
    expect(page.locator("#fixed .status")).to_have_text("done: [DONE]")
    expect(page.locator("#fixed .error")).to_be_hidden()


def test_splitting_each_read_on_newlines_loses_words_without_an_error(page, web_server):
    broken, fixed = run(page, "split_lines")
    assert fixed == web_server.answer(PROMPT)
    assert "\ufffd" not in broken and len(broken) < len(fixed)
    rest = iter(fixed)
    assert all(ch in rest for ch in broken), "the answer with holes, in order"
    expect(page.locator("#broken .error")).to_have_text(f"✗ {len(fixed) - len(broken)} characters lost, with no error")


def test_json_parse_of_done_throws_after_the_whole_answer(page, web_server):
    broken, fixed = run(page, "json_done")
    assert broken == fixed == web_server.answer(PROMPT)
    expect(page.locator("#broken .error")).to_contain_text("✗ SyntaxError:")
    expect(page.locator("#broken .error")).to_contain_text("[DONE]")
    expect(page.locator("#fixed .status")).to_have_text("done: [DONE]")


def test_an_eventsource_closed_only_on_stop_asks_the_model_again_after_length(page, web_server):
    broken, fixed = run(page, "eventsource_stop")
    assert fixed and web_server.answer(PROMPT).startswith(fixed) and fixed != web_server.answer(PROMPT)
    expect(page.locator("#fixed .finish")).to_have_text("length")
    expect(page.locator("#fixed .requests")).to_have_text("1")
    expect(page.locator("#fixed .status")).to_have_text("done: [DONE], closed")
    assert broken == fixed * 3, "each reconnection asked the model again and streamed the answer again"
    expect(page.locator("#broken .requests")).to_have_text("3")
    expect(page.locator("#broken .error")).to_contain_text("asked the model 3 times for one answer")


@pytest.mark.parametrize("bug", ["split_lines", "decode_no_stream"])
def test_on_whole_frames_the_broken_readers_pass(page, web_server, bug):
    broken, fixed = run(page, bug, split=False)
    assert broken == fixed == web_server.answer(PROMPT)
    expect(page.locator("#broken .error")).to_be_hidden()


@pytest.mark.parametrize("bug", ["split_lines", "eventsource_stop"])  # a fetch reader, an EventSource reader
def test_stop_ends_both_panes_and_closes_the_upstream_streams(page, web_server, slow_stream, streams_closed, bug):
    if bug == "eventsource_stop":  # its answer is cut at 12 tokens: slow enough that Stop comes mid-stream
        web_server.app.state.mock_pacing = {**web_server.app.state.mock_pacing, "X-Mock-Token-Ms": "400"}
    cancelled = web_server.mock.state.stats.streams_cancelled
    expect(page.locator("#stop")).to_be_disabled()
    page.select_option("#bug", bug)
    page.fill("#prompt", "Write a long, detailed explanation of how rivers shape valleys over millions of years.")
    page.click("#send")
    for pane in ("#broken", "#fixed"):
        expect(page.locator(f"{pane} .output")).not_to_have_text("", timeout=WAIT_MS)
    page.click("#stop")
    for pane in ("#broken", "#fixed"):
        expect(page.locator(f"{pane} .status")).to_have_text("stopped by you")
        expect(page.locator(f"{pane} .error")).to_be_hidden()  # a stop is no failure
    assert streams_closed(within_s=3), "the relay kept streaming after the page stopped"
    assert web_server.mock.state.stats.streams_cancelled == cancelled + 2
    expect(page.locator("#stop")).to_be_disabled()
