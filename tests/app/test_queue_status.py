"""A room pressing Run together: each learner hears its place in the queue, but not again for every other
learner's run that starts (Gradio's default, which sent a room of 100 ~1,700 such messages as it began)."""

import asyncio
import json
import time

import httpx2
from gradio_session import event_body, index_of, load_index, new_session_hash, stream_event

from streamlab.web.background import BackgroundServer
from streamlab.web.server import QUEUE_STATUS_S

LEARNERS = 40


async def learner(url: str, config: dict, go: asyncio.Event, ready: asyncio.Queue) -> list[str]:
    """Open the page, press Run on lesson 1 with the others, return the kinds of message the run's stream carried."""
    session = new_session_hash()
    async with httpx2.AsyncClient(timeout=httpx2.Timeout(60)) as http:
        await stream_event(http, url, event_body(config, load_index(config), [], session))
        ready.put_nowait(session)
        await go.wait()
        body = event_body(config, index_of(config, api_name="run_01_basic"), [None, "Hello", None], session)
        pressed = time.monotonic()
        joined = await http.post(f"{url}/gradio_api/queue/join", json=body)
        event_id, kinds, waited = joined.json()["event_id"], [], 0.0
        async with http.stream("GET", f"{url}/gradio_api/queue/data", params={"session_hash": session}) as events:
            async for line in events.aiter_lines():
                if line.startswith("data:"):
                    message = json.loads(line[5:])
                    if message.get("event_id") == event_id:
                        kinds.append(message["msg"])
                        if message["msg"] == "process_starts":
                            waited = time.monotonic() - pressed
                        if message["msg"] == "process_completed":
                            break
        return kinds, waited


def test_a_room_hears_its_place_once_not_once_per_run_that_starts():
    with BackgroundServer(concurrency=64) as server:
        config = httpx2.get(f"{server.url}/config", timeout=30).json()

        async def room() -> list[tuple[list[str], float]]:
            go, ready = asyncio.Event(), asyncio.Queue()
            tasks = [asyncio.create_task(learner(server.url, config, go, ready)) for _ in range(LEARNERS)]
            for _ in range(LEARNERS):
                await asyncio.wait_for(ready.get(), 60)
            go.set()
            return await asyncio.wait_for(asyncio.gather(*tasks), 120)

        streams = asyncio.run(room())
    assert all(kinds[-1] == "process_completed" and "process_generating" in kinds for kinds, _ in streams)
    assert all(kinds[0] == "estimation" for kinds, _ in streams), "each learner hears its place first"
    # once on joining, then at most once per QUEUE_STATUS_S of waiting (one more for a tick that falls between):
    # never once for each other run that starts (Gradio's default: 1, 2, 3, … up to ~40 here, within a second)
    too_many = [(kinds.count("estimation"), round(waited, 2)) for kinds, waited in streams
                if kinds.count("estimation") > 2 + int(waited / QUEUE_STATUS_S)]
    assert too_many == [], f"(place messages, seconds waited): {too_many}"
