"""Stop closes the upstream stream at once even while the provider stalls mid-stream: a sync snippet's thread
blocked in a read is woken by cutting the run's sockets, an async snippet's task is cancelled. Every lesson,
each with whatever streams it has open when Stop comes (lesson 15 has three at once, lesson 19 opens its own
from a server thread)."""

import asyncio
import time

import httpx2
import pytest
from polling import wait_for

from streamlab.engine import lessons, runner
from streamlab.hosting import providers, run_connections

EVERY_LESSON = [lesson.stem for lesson in lessons.discover()]


@pytest.mark.parametrize("stem", EVERY_LESSON)
def test_stop_during_a_stall_closes_the_upstream_within_a_second(stem, mock_url, mock_stats):
    lesson = lessons.load(stem)
    settings = providers.Settings(mock_url=mock_url, ttft_ms=0, token_ms=0, jitter_ms=0, fault="stall")
    before = mock_stats()

    async def scenario():
        frames = []

        async def consume():
            async for frame in runner.run(lesson, settings, lesson.prompt, {}, f"stall-{stem}", 0.02):
                frames.append(frame)

        task = asyncio.create_task(consume())
        opened = await asyncio.to_thread(
            wait_for, lambda: mock_stats()["streams_started"] > before["streams_started"], 10, 0.02)
        assert opened, "the stream started"
        await asyncio.sleep(0.3)  # the stall is under way: the snippet waits on a read
        open_at_stop = mock_stats()["open_streams"] - before["open_streams"]
        assert runner.request_stop(f"stall-{stem}", stem)
        stopped_at = time.monotonic()
        # counted from Stop: the run's own ending (in this loop) and the mock's count, within one second
        closed = asyncio.create_task(asyncio.to_thread(
            wait_for, lambda: mock_stats()["open_streams"] == before["open_streams"], 1.0, 0.02))
        await asyncio.wait_for(task, 5)
        return frames[-1], await closed, time.monotonic() - stopped_at, open_at_stop

    final, closed, took, open_at_stop = asyncio.run(scenario())
    assert final.status == "stopped"
    assert open_at_stop >= 1, "a stream was open when Stop came"
    assert closed, f"the mock still had a stream open {took:.1f} s after Stop"
    assert mock_stats()["streams_cancelled"] == before["streams_cancelled"] + open_at_stop


def test_a_run_that_was_cut_opens_no_new_connection(mock_url, mock_stats):
    # what lets Stop hold against a snippet that tries again once its stream is cut (a retry, request B of
    # lesson 19): the run's next connection is refused before it is made
    run = run_connections.RunConnections()
    context = run_connections.context_for(run)
    url = f"{mock_url}/openai/v1/chat/completions"
    body = {"model": "m", "messages": [{"role": "user", "content": "hi"}]}
    before = mock_stats()["requests"]
    assert context.run(httpx2.post, url, json=body, timeout=5).status_code == 200  # before the cut: made
    run_connections.cut(run)
    with pytest.raises(httpx2.ConnectError, match="This run was stopped"):
        context.run(httpx2.post, url, json=body, timeout=5)
    assert mock_stats()["requests"] == before + 1, "the request after the cut reached the mock"
