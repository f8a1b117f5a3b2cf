"""Two StreamLab replicas behind nginx, configured by deploy/nginx/ (only the ports changed), all on 127.0.0.1:
a room of learners each kept on one replica by the affinity cookie, streaming lesson 1 to its exact end through
the balancer; the mock and /api/chat/stream reachable and unbuffered through it too."""

import asyncio
from dataclasses import dataclass

import httpx2
import pytest
from debian_tools import need
from gradio_session import Run, event_body, index_of, load_index, new_session_hash, panel_index, stream_event

from deploy.replicas import NGINX, Replicas
from streamlab.engine import lessons

LEARNERS = 100
PROMPT = lessons.load("01_basic").prompt
WEB_PROMPT = lessons.load("16_web_integration").prompt
# The provider panel: the mock at its realistic pace. A run then lasts ~2 s, long enough to be seen growing under
# the 240 updates a second a replica shares among its runs; the room's time is CPU, not the mock's pace.
MOCK = ["mock", "Custom URL", "", "", "", "realistic", "none", False]
REQUEST_TIMEOUT_S = 60
ROOM_DEADLINE_S = 150
# starting two Gradio apps takes ~10 s of CPU, and minutes of a busy shared machine: the first test pays for it
pytestmark = pytest.mark.timeout(360)


@pytest.fixture(scope="module")
def balanced():
    need(NGINX, "nginx", "the replica test")
    with Replicas(2, env={"STREAMLAB_CONCURRENCY": str(LEARNERS)}) as replicas:
        yield replicas


def mock_stats(url: str) -> dict:
    return httpx2.get(f"{url}/mock/_stats", timeout=10).json()


def replica_of(balanced: Replicas, upstream: str) -> str:
    """The replica's own URL from nginx's X-Upstream header (one address: the request was not passed on)."""
    url = f"http://{upstream}"
    assert url in balanced.replica_urls, upstream
    return url


@dataclass
class Learner:
    run: Run
    upstreams: list[str]  # X-Upstream of every answer this learner got, page and event streams included
    cookie: str | None


async def learner(url: str, config: dict, everyone_opened: asyncio.Barrier) -> Learner:
    """Opens the page (its own cookie jar: its own route), chooses the mock, waits for the room, presses Run."""
    upstreams: list[str] = []

    async def note(response: httpx2.Response) -> None:
        upstreams.append(response.headers.get("x-upstream", ""))

    async with httpx2.AsyncClient(timeout=REQUEST_TIMEOUT_S, event_hooks={"response": [note]}) as http:
        try:
            (await http.get(f"{url}/")).raise_for_status()
            session = new_session_hash()
            for index, data in ((load_index(config), []), (panel_index(config), MOCK)):
                assert (await stream_event(http, url, event_body(config, index, data, session))).success
        except BaseException:
            await everyone_opened.abort()  # the others stop waiting for this learner
            raise
        await everyone_opened.wait()
        body = event_body(config, index_of(config, api_name="run_01_basic"), [None, PROMPT, None], session)
        return Learner(await stream_event(http, url, body), upstreams, http.cookies.get("streamlab_route"))


async def room(url: str) -> list[Learner]:
    config = httpx2.get(f"{url}/config", timeout=REQUEST_TIMEOUT_S).json()
    barrier = asyncio.Barrier(LEARNERS)
    tasks = [learner(url, config, barrier) for _ in range(LEARNERS)]
    return await asyncio.wait_for(asyncio.gather(*tasks), ROOM_DEADLINE_S)


def expected_text(mock_url: str) -> str:
    reply = httpx2.post(f"{mock_url}/openai/v1/chat/completions", timeout=30,
                        headers={"Authorization": "Bearer test-key", "X-Mock-TTFT-Ms": "0", "X-Mock-Token-Ms": "0"},
                        json={"model": "m", "messages": [{"role": "user", "content": PROMPT}]})
    return reply.json()["choices"][0]["message"]["content"]


def test_the_page_sends_its_own_requests_to_the_balancer(balanced):
    config = httpx2.get(f"{balanced.url}/config", timeout=30).json()
    assert config["root"] == balanced.url


def test_a_first_visit_gets_a_route_cookie_and_keeps_its_replica(balanced):
    with httpx2.Client(timeout=30) as http:
        first = http.get(f"{balanced.url}/mock/_stats")
        assert "streamlab_route=" in first.headers["set-cookie"]
        assert "HttpOnly" in first.headers["set-cookie"]
        again = [http.get(f"{balanced.url}/mock/_stats") for _ in range(5)]
    assert {r.headers["x-upstream"] for r in again} == {first.headers["x-upstream"]}
    assert not any("set-cookie" in r.headers for r in again)


def follow_while_upstream_streams(balanced: Replicas, request: httpx2.Request, first: str, last: str) -> None:
    """Read the SSE answer to `request` through nginx: when the line holding `first` arrives, the replica's mock
    is still streaming (nginx passed it on at once, not when the upstream answer was complete); `last` ends it."""
    with httpx2.Client(timeout=30) as http:
        response = http.send(request, stream=True)
        try:
            assert response.status_code == 200
            replica = replica_of(balanced, response.headers["x-upstream"])
            lines = response.iter_lines()
            assert any(first in line for line in lines)
            assert mock_stats(replica)["open_streams"] >= 1
            assert any(last in line for line in lines)
        finally:
            response.close()


def test_the_web_endpoint_streams_through_the_balancer_unbuffered(balanced):
    request = httpx2.Request("GET", f"{balanced.url}/api/chat/stream", params={"prompt": WEB_PROMPT})
    follow_while_upstream_streams(balanced, request, "event: stream_chunk", "event: stream_end")


def test_the_mock_streams_through_the_balancer_unbuffered(balanced):
    request = httpx2.Request("POST", f"{balanced.url}/mock/openai/v1/chat/completions",
                             headers={"Authorization": "Bearer test-key", "X-Mock-Token-Ms": "30"},
                             json={"model": "m", "stream": True, "messages": [{"role": "user", "content": PROMPT}]})
    follow_while_upstream_streams(balanced, request, "data: {", "data: [DONE]")


def test_a_room_streams_lesson_one_through_the_balancer_each_learner_on_one_replica(balanced):
    expected = expected_text(f"{balanced.replica_urls[0]}/mock")
    started = {url: mock_stats(url)["streams_completed"] for url in balanced.replica_urls}

    learners = asyncio.run(room(balanced.url))

    for one in learners:
        assert one.run.success and one.run.text == expected
        assert one.run.partials >= 2  # the text was seen growing before its end: it streamed
        assert one.cookie and len(set(one.upstreams)) == 1  # the page, the events and their streams: one replica
    served = {url: sum(replica_of(balanced, one.upstreams[0]) == url for one in learners)
              for url in balanced.replica_urls}
    assert all(served.values()), served  # the routes spread the room over both replicas
    for url, count in served.items():  # each replica's runs streamed from its own mock, not through nginx
        assert mock_stats(url)["streams_completed"] - started[url] == count
