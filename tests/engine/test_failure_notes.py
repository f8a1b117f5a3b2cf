"""A failure line a lesson prints is not answer text: lessons 17–19 under a provider's refusal end failed (no
answer arrived), not "incomplete … partial text kept", with no first token timed; lesson 21's `retry:` line for
the browser is not its first token; and a message never ends in two full stops."""

import asyncio

import pytest

from streamlab.engine import lessons, runner
from streamlab.hosting import providers

BROKEN_VS_FIXED = ["17_broken_sse_parser", "18_broken_sdk_calls", "19_broken_server"]


def last_frame(mock_url, stem, fault=""):
    lesson = lessons.load(stem)
    settings = providers.Settings(mock_url=mock_url, ttft_ms=0, token_ms=0, jitter_ms=0, fault=fault)

    async def run():
        async for frame in runner.run(lesson, settings, lesson.prompt, {}, session=f"notes-{stem}-{fault}"):
            pass
        return frame
    return asyncio.run(run())


@pytest.mark.parametrize("fault", ["auth", "rate_limit", "server_error", "overloaded"])
@pytest.mark.parametrize("stem", BROKEN_VS_FIXED)
def test_a_refused_request_ends_failed_with_the_lesson_s_failure_line_shown_but_not_counted(mock_url, stem, fault):
    frame = last_frame(mock_url, stem, fault)
    assert frame.status == "failed", (frame.status, frame.message)
    assert "partial text" not in frame.message
    assert frame.metrics.chunks == 0 and frame.metrics.first_at is None
    assert "✗" in frame.panes["broken"]  # the tutorial's code failing is still shown, as the lesson's note


def test_the_browser_lesson_s_retry_line_is_not_its_first_token(mock_url):
    frame = last_frame(mock_url, "21_broken_vs_fixed_browser")
    assert frame.status == "done" and frame.panes["output"].startswith("retry: 500\n\n")
    assert frame.message == "", "a note is the pane's, never the status line's"
    assert frame.metrics.panes["output"].chars == len(frame.panes["output"]) - len("retry: 500\n\n")


def test_an_error_event_in_the_browser_lesson_reads_as_one_sentence(mock_url):
    frame = last_frame(mock_url, "21_broken_vs_fixed_browser", "error_event")
    assert frame.status == "incomplete" and ".." not in frame.message
    assert "the page receives it as it is. The partial text above is kept" in frame.message
