"""Stop closes the upstream stream at once even while the provider stalls mid-stream: a sync snippet's thread
blocked in a read is woken by cutting the run's sockets, an async snippet's task is cancelled."""

import asyncio
import time

import pytest
from polling import wait_for

from streamlab import lessons, providers, runner


@pytest.mark.parametrize("stem", ["01_basic", "02_async"])
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
        assert runner.request_stop(f"stall-{stem}", stem)
        stopped_at = time.monotonic()
        # counted from Stop: the run's own ending (in this loop) and the mock's count, within one second
        closed = asyncio.create_task(asyncio.to_thread(
            wait_for, lambda: mock_stats()["open_streams"] == before["open_streams"], 1.0, 0.02))
        await asyncio.wait_for(task, 5)
        return frames[-1], await closed, time.monotonic() - stopped_at

    final, closed, took = asyncio.run(scenario())
    assert final.status == "stopped"
    assert closed, f"the mock still had the stream open {took:.1f} s after Stop"
    assert mock_stats()["streams_cancelled"] == before["streams_cancelled"] + 1
