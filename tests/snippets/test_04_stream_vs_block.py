"""Lesson 4: the same prompt streamed and blocking, side by side, with time to first text for each."""

import re

import pytest
from polling import wait_for

from streamlab.engine import lessons
from streamlab.hosting import providers

STEM = "04_stream_vs_block"
PROMPT = lessons.load(STEM).prompt
TIMING = re.compile(r"^(streaming|blocking) +first text +([\d.]+) s +total +([\d.]+) s$")


@pytest.fixture
def answer(mock_answer):
    return mock_answer(PROMPT)


def timings(run):
    rows = [TIMING.match(line) for line in run.text("timing").splitlines()]
    assert all(rows) and len(rows) == 2, run.text("timing")
    return {m[1]: (float(m[2]), float(m[3])) for m in rows}


def test_both_panes_end_with_the_same_answer(run_snippet, answer):
    run = run_snippet(STEM)
    assert run.text("streaming") == run.text("blocking") == answer
    assert answer.startswith("Streaming makes apps feel faster")


def test_streaming_arrives_in_many_pieces_blocking_in_one(run_snippet):
    run = run_snippet(STEM)
    assert len(run.pieces("streaming")) > 20
    assert len(run.pieces("blocking")) == 1
    assert run.pieces() == []  # nothing goes to a pane that is not declared


def test_streamed_text_shows_up_long_before_the_blocking_answer(run_snippet):
    run = run_snippet(STEM, pacing_ms=10)
    order = [item[0] for item in run.items if item[0] in ("streaming", "blocking")]
    assert order[0] == "streaming"
    assert order.index("blocking") > order.count("streaming") / 2  # most was readable before the block came
    times = timings(run)
    streaming_first, streaming_total = times["streaming"]
    blocking_first, blocking_total = times["blocking"]
    assert blocking_first == blocking_total  # nothing visible until everything is done
    # the lesson's point, with room for a loaded machine: the first streamed text comes well before the end
    assert streaming_first < streaming_total / 2
    assert streaming_first < blocking_first / 2


def test_stop_cancels_the_requests_and_closes_the_stream(mock_url, mock_stats, first_then_stop):
    lesson = lessons.load(STEM)
    settings = providers.Settings(mock_url=mock_url, ttft_ms=0, token_ms=50, jitter_ms=0)
    client = providers.build_client("async_openai", settings)
    before = mock_stats()["streams_cancelled"]
    item, tasks = first_then_stop(lesson.start(client, PROMPT, settings.resolved_model, {}))
    assert item[0] == "streaming"
    assert len(tasks) == 2 and all(t.cancelled() for t in tasks)
    wait_for(lambda: mock_stats()["streams_cancelled"] != before, timeout=5)
    assert mock_stats()["streams_cancelled"] == before + 1  # the mock saw the streaming client go away
