"""A room larger than Gradio's default of 40 events at once: every learner's run starts together.

Gradio's queue processes at most `max_threads` events at once over the whole page (40 unless set). Left at
that, a room of 100 pressing Run starts in waves of 40, the last wave after two whole runs. The runs here
stall at the mock (its `stall` fault) so they stay open: every one of them must be streaming at the same
time, counted at the mock, with no timing involved."""

import asyncio
import contextlib

import httpx2
from gradio_session import event_body, index_of, new_session_hash, panel_index, stream_event
from polling import wait_for

from streamlab.web.background import BackgroundServer

LEARNERS = 50  # more than Gradio's 40


async def learner(url: str, config: dict, started: asyncio.Queue, leave: asyncio.Event) -> None:
    """Choose the stalling mock in this session, press Run on lesson 1, say when the run's first frame arrives
    (the run is under way), stay until told to leave."""
    session = new_session_hash()
    async with httpx2.AsyncClient(timeout=httpx2.Timeout(60)) as http:
        stalling = ["mock", "Custom URL", "", "", "", "instant", "stall", False]
        await stream_event(http, url, event_body(config, panel_index(config), stalling, session))
        body = event_body(config, index_of(config, api_name="run_01_basic"), [None, "Hello", None], session)
        joined = await http.post(f"{url}/gradio_api/queue/join", json=body)
        event_id = joined.json()["event_id"]
        async with http.stream("GET", f"{url}/gradio_api/queue/data", params={"session_hash": session}) as events:
            async def follow() -> None:  # read on, as a page does, until the learner leaves
                said = False
                async for line in events.aiter_lines():
                    if not said and line.startswith("data:") and event_id in line and '"process_generating"' in line:
                        started.put_nowait(session)
                        said = True

            reading = asyncio.create_task(follow())
            await leave.wait()  # the learner closes the page: Gradio cancels the run
            reading.cancel()
            await asyncio.gather(reading, return_exceptions=True)


def test_a_room_larger_than_gradios_default_streams_at_once():
    with BackgroundServer(concurrency=64) as server:
        config = httpx2.get(f"{server.url}/config", timeout=30).json()

        async def room() -> tuple[int, int]:
            started, leave = asyncio.Queue(), asyncio.Event()
            tasks = [asyncio.create_task(learner(server.url, config, started, leave)) for _ in range(LEARNERS)]
            try:
                # bounded: a run that never starts leaves a count short, and the test fails on it
                runs_started = 0
                with contextlib.suppress(TimeoutError):
                    for _ in range(LEARNERS):
                        await asyncio.wait_for(started.get(), 30)
                        runs_started += 1
                await asyncio.to_thread(wait_for, lambda: server.stats()["open_streams"] >= LEARNERS, 30, 0.2)
                return runs_started, server.stats()["open_streams"]
            finally:
                leave.set()
                await asyncio.wait_for(asyncio.gather(*tasks, return_exceptions=True), 60)

        runs_started, open_streams = asyncio.run(room())
    assert open_streams == LEARNERS, f"{open_streams} of {LEARNERS} runs streamed at once"
    assert runs_started == LEARNERS
