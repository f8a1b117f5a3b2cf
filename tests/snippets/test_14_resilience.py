"""Lesson 14: retries with backoff that honour Retry-After, only before the first token; partial text kept."""

import asyncio
import time

import httpx2
import pytest

from streamlab.engine import lessons, runner
from streamlab.hosting import providers

STEM = "14_resilience"
PROMPT = lessons.load(STEM).prompt


@pytest.fixture
def run(mock_url):
    """Run the lesson with its own `fault` option (the mock's fault header comes from the snippet alone)."""

    def go(**options):
        lesson = lessons.load(STEM)
        settings = providers.Settings(mock_url=mock_url, ttft_ms=0, token_ms=0, jitter_ms=0)
        chosen = {o.name: o.default for o in lesson.options} | options
        client = providers.build_client("openai", settings)  # SDK retries on: the snippet must turn them off
        started = time.perf_counter()
        items = list(lesson.start(client, PROMPT, settings.resolved_model, chosen))
        main = "".join(i for i in items if isinstance(i, str))
        attempts = "".join(i[1] for i in items if isinstance(i, tuple) and i[0] == "attempts")
        status = [i[1] for i in items if isinstance(i, tuple) and i[0] == "status"]
        assert len(status) <= 1 and (not status or items[-1] == ("status", status[0])), "one outcome, said last"
        return main, attempts.splitlines(), time.perf_counter() - started, items, (status or [None])[0]

    return go


@pytest.fixture
def answer(mock_answer):
    return mock_answer(PROMPT)


def attempt_lines(log):
    return [line for line in log if line.startswith("attempt ")]


def test_without_a_fault_the_answer_streams_in_one_attempt(run, answer):
    text, log, _, items, status = run()
    assert text == answer and answer.startswith("Once there was a small office network")
    assert len([i for i in items if isinstance(i, str)]) > 20
    assert log == [f"attempt 1: complete after {len([i for i in items if isinstance(i, str)])} chunks"]
    assert status is None  # no outcome declared: the run ends as done


def requests_seen(mock_url):
    return httpx2.get(f"{mock_url}/_stats").json()["requests"]


def test_rate_limit_waits_as_long_as_retry_after_says_then_gives_up(run, mock_url):
    before = requests_seen(mock_url)
    text, log, elapsed, _, status = run(fault="rate_limit", max_attempts=3)
    assert requests_seen(mock_url) - before == 3  # our three attempts, and no hidden SDK retries
    assert len(attempt_lines(log)) == 3
    assert log.count("waiting 1.0 s (Retry-After)") == 2  # the mock sends `retry-after: 1`
    assert all("RateLimitError" in line for line in attempt_lines(log))
    assert elapsed >= 2.0  # two real waits of the advertised second
    assert log[-1] == "giving up"
    assert text == ""  # no answer text, and no failure words posing as one
    assert status == "failed: gave up after 3 attempts (RateLimitError)"


def test_server_error_backs_off_exponentially(run):
    _, log, elapsed, _, status = run(fault="server_error", max_attempts=3)
    assert [line for line in log if line.startswith("waiting")] == ["waiting 0.5 s (backoff)",
                                                                    "waiting 1.0 s (backoff)"]
    assert elapsed >= 1.5
    assert len(attempt_lines(log)) == 3 and "InternalServerError" in log[0]
    assert status == "failed: gave up after 3 attempts (InternalServerError)"


def test_disconnect_after_the_first_token_keeps_the_partial_text_and_does_not_retry(run, answer):
    partial, log, _, items, status = run(fault="disconnect", max_attempts=3)
    assert len(attempt_lines(log)) == 1 and log[0].startswith("attempt 1: connection dropped")
    chunks = len([i for i in items if isinstance(i, str)])
    assert status == f"incomplete: the stream broke after {chunks} chunks (connection dropped)"
    assert chunks > 0 and partial and answer.startswith(partial) and partial != answer


def test_error_event_mid_stream_keeps_the_partial_text(run, answer):
    partial, log, _, items, status = run(fault="error_event")
    assert len(attempt_lines(log)) == 1 and log[0].startswith("attempt 1: error event")
    assert answer.startswith(partial) and partial != answer
    assert status == f"incomplete: the stream broke after {len([i for i in items if isinstance(i, str)])} chunks " \
                     "(error event)"


def test_a_stall_is_detected_within_the_read_timeout(run):
    text, log, elapsed, _, status = run(fault="stall", max_attempts=1, read_timeout_s=0.5)
    assert 0.5 <= elapsed < 1.5, "the configured 0.5 s read timeout, not the 2 s default, ended the wait"
    assert len(attempt_lines(log)) == 1 and "stalled" in log[0]
    assert (text, status) == ("", "failed: gave up after 1 attempt (stalled)")  # it stalls before the first token


def test_an_auth_error_is_not_retried(run):
    text, log, elapsed, _, status = run(fault="auth", max_attempts=3)
    assert len(attempt_lines(log)) == 1 and "AuthenticationError" in log[0]
    assert not [line for line in log if line.startswith("waiting")]
    assert (text, status) == ("", "failed: gave up after 1 attempt (AuthenticationError)")


def test_rate_limit_through_the_runner_ends_failed_not_done(mock_url):
    """The tab's view: the run's status is failed, its words are the lesson's, and no figure counts them."""
    lesson = lessons.load(STEM)
    settings = providers.Settings(mock_url=mock_url, ttft_ms=0, token_ms=0, jitter_ms=0)

    async def last_frame():
        async for frame in runner.run(lesson, settings, PROMPT, {"fault": "rate_limit", "max_attempts": 2}, "t10"):
            pass
        return frame
    frame = asyncio.run(last_frame())
    assert (frame.status, frame.message) == ("failed", "Gave up after 2 attempts (RateLimitError)")
    assert frame.panes["output"] == "" and frame.metrics.first_at is None and frame.metrics.chunks == 0
    assert "giving up" in frame.panes["attempts"]
