"""An anonymous caller holding the public server's mock open: the `stall` fault keeps a relayed stream open for as
long as its caller stays. A public server relays at most PUBLIC_MAX_OPEN requests at once; the next gets a plain
503 until one ends, and the lessons' runs, which call the mock's own process, go on."""

import asyncio

import httpx2
from gradio_client import Client

from streamlab.hosting.mode import Hosting
from streamlab.web.background import BackgroundServer
from streamlab.web.mock_relay import PUBLIC_MAX_OPEN

STALL = {"X-Mock-TTFT-Ms": "0", "X-Mock-Token-Ms": "0", "X-Mock-Fault": "stall"}
BODY = {"model": "m", "stream": True, "messages": [{"role": "user", "content": "Hello"}]}


def test_a_public_server_relays_a_bounded_number_of_requests_at_once():
    with BackgroundServer(concurrency=8, hosting=Hosting(public=True, runs_per_minute=1000)) as server:
        url = f"{server.url}/mock/openai/v1/chat/completions"

        async def attack() -> tuple:
            async with httpx2.AsyncClient(timeout=30, limits=httpx2.Limits(max_connections=None)) as http:
                async def hold() -> None:  # opens a stalled stream, reads its first frame, stays
                    async with http.stream("POST", url, json=BODY, headers=STALL) as response:
                        statuses.append(response.status_code)
                        if response.status_code == 200:
                            chunks = response.aiter_bytes()  # kept: a dropped iterator closes the stream
                            await chunks.__anext__()
                            first_frames.append(1)
                            if len(first_frames) == PUBLIC_MAX_OPEN:
                                opened.set()
                            await leave.wait()

                statuses: list[int] = []
                first_frames: list[int] = []
                opened, leave = asyncio.Event(), asyncio.Event()
                held = [asyncio.create_task(hold()) for _ in range(PUBLIC_MAX_OPEN)]
                await asyncio.wait_for(opened.wait(), 30)
                refused = await http.post(url, json=BODY, headers=STALL)
                stats = await http.get(f"{server.url}/mock/_stats")
                # while the relay is full, a learner's run still streams: it calls the mock's own process
                result = await asyncio.to_thread(lambda: Client(server.url, verbose=False, httpx_kwargs={
                    "timeout": 60}).predict("Say hello.", api_name="/run_01_basic"))
                leave.set()
                await asyncio.wait_for(asyncio.gather(*held), 30)
                # the server lets go of each held stream as it sees its caller leave: asked again until let in
                again = None
                for _ in range(50):
                    again = await http.post(url, json=BODY, headers={"X-Mock-TTFT-Ms": "0", "X-Mock-Token-Ms": "0"})
                    if again.status_code != 503:
                        break
                    await asyncio.sleep(0.1)
                return statuses, refused.status_code, again.status_code, refused.text, result, stats

        statuses, refused, again, said, result, stats = asyncio.run(attack())
    assert statuses == [200] * PUBLIC_MAX_OPEN
    assert refused == 503 and "try again in a moment" in said
    assert stats.status_code == 200 and stats.json()["open_streams"] >= PUBLIC_MAX_OPEN, "the counters stay readable"
    assert again == 200, "a request gets through once the held streams have ended"
    assert result[0] and result[1].endswith("Done."), result[1]
