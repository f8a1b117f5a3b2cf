"""Lesson 2: the same stream from AsyncOpenAI, as an async generator that hangs up when cancelled."""

import asyncio
import inspect

import pytest
from polling import wait_for

from streamlab.engine import lessons
from streamlab.hosting import providers

STEM = "02_async"
HAIKU = "The prompt has been sent\na cursor blinks in silence\nthen one word appears"


def test_stream_is_an_async_generator_using_the_async_client():
    lesson = lessons.load(STEM)
    assert lesson.is_async and lesson.client_kind == "async_openai"
    assert inspect.isasyncgenfunction(lesson.module.stream)


def test_haiku_arrives_in_pieces_that_join_to_the_curated_answer(run_snippet):
    run = run_snippet(STEM)
    assert run.text() == HAIKU
    assert len(run.pieces()) > 10
    assert all(run.pieces())
    assert sum("\n" in p for p in run.pieces()) == 2  # line breaks arrive inside deltas, untouched


def test_pieces_match_a_sync_stream_of_the_same_prompt(run_snippet):
    assert run_snippet(STEM).pieces() == run_snippet("01_basic", prompt=lessons.load(STEM).prompt).pieces()


def test_cancelling_the_task_closes_the_upstream_stream(mock_url, mock_stats):
    """What Stop does to an async lesson: cancel the task; `async with` must hang up."""
    lesson = lessons.load(STEM)
    settings = providers.Settings(mock_url=mock_url, ttft_ms=0, token_ms=50, jitter_ms=0)
    before = mock_stats()

    async def run_then_cancel():
        agen = lesson.start(providers.build_client("async_openai", settings, max_retries=0), lesson.prompt,
                            "streamlab-mock", {})
        first = asyncio.Event()

        async def consume():
            async for _ in agen:
                first.set()

        task = asyncio.create_task(consume())
        await first.wait()
        task.cancel()
        with pytest.raises(asyncio.CancelledError):
            await task

    asyncio.run(run_then_cancel())
    wait_for(lambda: mock_stats()["streams_cancelled"] != before["streams_cancelled"], timeout=5)
    after = mock_stats()
    assert after["streams_cancelled"] == before["streams_cancelled"] + 1
    assert after["streams_completed"] == before["streams_completed"]
