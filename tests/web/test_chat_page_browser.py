"""Lesson 16's page in headless Chromium: both readers (fetch + ReadableStream, EventSource) render the stream."""

import re

import pytest
from playwright.sync_api import expect

from streamlab.engine import lessons

PROMPT = lessons.load("16_web_integration").prompt
WAIT_MS = 15_000
PANES = ("#fetch", "#eventsource")
EVENTS_IN_ORDER = re.compile(r"^stream_start, stream_chunk ×\d+, stream_end$")


@pytest.fixture
def page(open_page):
    return open_page("/static/web/chat.html")


def send(page, prompt=PROMPT, fault="none"):
    page.fill("#prompt", prompt)
    page.select_option("#fault", fault)
    page.click("#send")


def test_the_page_opens_with_the_lesson_prompt(page):
    expect(page.locator("#prompt")).to_have_value(PROMPT)
    expect(page.locator("#send")).to_have_text("Send")


def test_on_a_chinese_page_the_labels_are_chinese_and_both_readers_still_stream(open_page, web_server):
    page = open_page("/static/web/chat.html", lang="zh")
    expect(page.locator("#send")).to_have_text("发送")
    expect(page.locator("#fetch-title")).to_contain_text("手写的 SSE 解析器")
    send(page, prompt="你好")
    for pane in PANES:
        expect(page.locator(f"{pane} .output")).to_have_text(web_server.answer("你好"), timeout=WAIT_MS)


def test_both_readers_render_the_whole_answer(page, web_server):
    send(page)
    answer = web_server.answer(PROMPT)
    for pane in PANES:
        expect(page.locator(f"{pane} .status")).to_have_text("done", timeout=WAIT_MS)
        expect(page.locator(f"{pane} .output")).to_have_text(answer)
        expect(page.locator(f"{pane} .finish")).to_have_text("stop")
        expect(page.locator(f"{pane} .usage")).to_contain_text("completion")
        expect(page.locator(f"{pane} .events")).to_have_text(EVENTS_IN_ORDER)
        expect(page.locator(f"{pane} .error")).to_be_hidden()
        expect(page.locator(f"{pane} .connection")).to_have_text("closed")  # an open EventSource would reconnect


def test_a_provider_fault_shows_the_error_in_both_panes(page):
    send(page, fault="rate_limit")
    for pane in PANES:
        expect(page.locator(f"{pane} .error")).to_have_text(
            "The provider is rate limiting this server; try again in a moment.", timeout=WAIT_MS)
        expect(page.locator(f"{pane} .status")).to_have_text("error")
        expect(page.locator(f"{pane} .output")).to_have_text("")


def test_a_mid_stream_disconnect_keeps_the_text_so_far_and_shows_the_error(page, web_server):
    send(page, fault="disconnect")
    answer = web_server.answer(PROMPT)
    for pane in PANES:
        expect(page.locator(f"{pane} .error")).to_contain_text("connection", timeout=WAIT_MS)
        partial = page.locator(f"{pane} .output").text_content()
        assert partial and answer.startswith(partial) and partial != answer


def test_a_refused_request_is_explained_by_each_reader(page):
    page.evaluate("document.getElementById('fault').add(new Option('meteor', 'meteor'))")
    send(page, fault="meteor")
    expect(page.locator("#fetch .error")).to_contain_text("Unknown fault 'meteor'", timeout=WAIT_MS)
    expect(page.locator("#eventsource .error")).to_contain_text("cannot read the status", timeout=WAIT_MS)


def test_stop_closes_both_requests_and_the_upstream_streams(page, web_server, slow_stream, streams_closed):
    cancelled = web_server.mock.state.stats.streams_cancelled
    send(page)
    for pane in PANES:
        expect(page.locator(f"{pane} .status")).to_contain_text("streaming", timeout=WAIT_MS)
    expect(page.locator("#fetch .output")).not_to_have_text("", timeout=WAIT_MS)
    page.click("#stop")
    for pane in PANES:
        expect(page.locator(f"{pane} .status")).to_have_text("stopped")
        expect(page.locator(f"{pane} .connection")).to_have_text("closed")
    assert streams_closed(within_s=3), "the endpoint kept streaming after the page stopped"
    assert web_server.mock.state.stats.streams_cancelled == cancelled + 2
    expect(page.locator("#stop")).to_be_disabled()
