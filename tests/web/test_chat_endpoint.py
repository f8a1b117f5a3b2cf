"""GET /api/chat/stream: typed SSE events from lesson 16's snippet, over real HTTP against the mock."""

import json
import time

import httpx2
import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from streamlab.engine import lessons
from streamlab.hosting.mode import Hosting
from streamlab.web import lesson_endpoints

PROMPT = lessons.load("16_web_integration").prompt


def parse_sse(text: str) -> list[tuple[str, dict]]:
    """`event:` / `data:` frames separated by blank lines → [(type, data), ...]."""
    events = []
    for frame in text.split("\n\n"):
        if not frame.strip():
            continue
        fields = dict(line.split(": ", 1) for line in frame.split("\n"))
        assert set(fields) == {"event", "data"}, frame
        events.append((fields["event"], json.loads(fields["data"])))
    return events


def get_stream(web_server, **params) -> httpx2.Response:
    return httpx2.get(f"{web_server.url}{lesson_endpoints.PATH}", params=params, timeout=30)


def test_events_arrive_in_order_and_chunks_add_up_to_the_answer(web_server):
    events = parse_sse(get_stream(web_server, prompt=PROMPT).text)
    types = [t for t, _ in events]
    assert types[0] == "stream_start" and types[-1] == "stream_end"
    assert set(types[1:-1]) == {"stream_chunk"} and len(types) > 4
    chunks = [data["chunk"] for t, data in events if t == "stream_chunk"]
    assert all(chunks)
    assert "".join(chunks) == web_server.answer(PROMPT)


def test_stream_end_carries_finish_reason_and_usage(web_server):
    *_, (kind, end) = parse_sse(get_stream(web_server, prompt=PROMPT).text)
    assert kind == "stream_end" and end["finish_reason"] == "stop"
    usage = end["usage"]
    assert usage["prompt_tokens"] > 0 and usage["completion_tokens"] > 0
    assert usage["total_tokens"] == usage["prompt_tokens"] + usage["completion_tokens"]


def test_stream_start_echoes_the_session_id_and_names_the_message(web_server):
    (kind, start), *_ = parse_sse(get_stream(web_server, prompt=PROMPT, session_id="tab-42").text)
    assert kind == "stream_start"
    assert start["session_id"] == "tab-42" and start["message_id"].startswith("msg_")


def test_each_stream_gets_fresh_ids_when_no_session_id_is_given(web_server):
    first, second = (parse_sse(get_stream(web_server, prompt=PROMPT).text)[0][1] for _ in range(2))
    assert first["session_id"] and first["session_id"] != second["session_id"]
    assert first["message_id"] != second["message_id"]


def test_response_headers_keep_proxies_from_buffering(web_server):
    response = get_stream(web_server, prompt=PROMPT)
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/event-stream")
    assert response.headers["cache-control"] == "no-cache"
    assert response.headers["x-accel-buffering"] == "no"


@pytest.mark.parametrize("fault, words", [
    ("server_error", "server error"),
    ("rate_limit", "rate limiting"),
    ("auth", "rejected"),
    ("error_event", "error"),
])
def test_a_provider_fault_becomes_an_error_event_with_a_plain_message(web_server, fault, words):
    response = get_stream(web_server, prompt=PROMPT, fault=fault)
    events = parse_sse(response.text)
    assert response.status_code == 200
    assert events[0][0] == "stream_start"
    kind, error = events[-1]
    assert kind == "error" and words in error["message"].lower()
    assert "Traceback" not in response.text and "mock-key" not in response.text
    assert "stream_end" not in [t for t, _ in events]


def test_a_stalled_upstream_ends_with_an_error_event_once_the_read_timeout_fires(web_server, short_read_timeout):
    started = time.monotonic()
    response = get_stream(web_server, prompt=PROMPT, fault="stall")
    took = time.monotonic() - started
    events = parse_sse(response.text)
    assert [t for t, _ in events] == ["stream_start", "error"]
    assert "stopped sending" in events[-1][1]["message"]
    # the mock stays silent for ever; only the read timeout (0.5 s) ends the wait, well inside the default 10 s
    assert short_read_timeout <= took < web_server.default_read_timeout_s


def test_a_dropped_upstream_connection_gives_chunks_then_an_error(web_server):
    events = parse_sse(get_stream(web_server, prompt=PROMPT, fault="disconnect").text)
    types = [t for t, _ in events]
    assert types[0] == "stream_start" and types[-1] == "error"
    assert types.count("stream_chunk") >= 1 and set(types[1:-1]) == {"stream_chunk"}
    assert web_server.answer(PROMPT).startswith("".join(d["chunk"] for t, d in events if t == "stream_chunk"))
    assert "connection" in events[-1][1]["message"].lower()


@pytest.mark.parametrize("params, words", [
    ({"prompt": ""}, "empty"),
    ({"prompt": "   "}, "empty"),
    ({}, "empty"),
    ({"prompt": "x" * (lesson_endpoints.MAX_PROMPT_CHARS + 1)}, "limit"),
    ({"prompt": PROMPT, "fault": "meteor"}, "unknown fault"),
    ({"prompt": PROMPT, "session_id": "<script>"}, "session_id"),
])
def test_bad_input_is_a_400_with_a_json_message(web_server, params, words):
    response = get_stream(web_server, **params)
    assert response.status_code == 400
    assert words in response.json()["error"]["message"].lower()


def test_a_prompt_of_exactly_the_limit_is_accepted(web_server):
    response = get_stream(web_server, prompt="y" * lesson_endpoints.MAX_PROMPT_CHARS)
    assert response.status_code == 200 and parse_sse(response.text)[-1][0] == "stream_end"


def test_the_client_is_closed_after_every_stream(web_server, streams_closed):
    for fault in ("none", "auth", "disconnect"):
        get_stream(web_server, prompt=PROMPT, fault=fault)
    assert streams_closed(within_s=5)


def test_a_browser_that_goes_away_closes_the_upstream_stream_early(web_server, slow_stream, streams_closed):
    cancelled = web_server.mock.state.stats.streams_cancelled
    with httpx2.stream("GET", f"{web_server.url}{lesson_endpoints.PATH}", params={"prompt": PROMPT}, timeout=30) as r:
        lines = r.iter_lines()
        assert next(lines) == "event: stream_start"
        assert lesson_endpoints.open_streams() == 1
        while next(lines) != "event: stream_chunk":
            pass
        left_at = time.monotonic()
    # the whole answer takes seconds at 40 ms per token; the endpoint lets go well before that
    assert streams_closed(within_s=1.5), "the endpoint kept its upstream stream after the browser left"
    assert time.monotonic() - left_at < 1.5
    assert web_server.mock.state.stats.streams_cancelled == cancelled + 1


def test_without_a_mock_url_the_endpoint_answers_503_not_500():
    app = FastAPI()
    app.include_router(lesson_endpoints.router)
    with TestClient(app) as client:
        response = client.get(lesson_endpoints.PATH, params={"prompt": PROMPT})
    assert response.status_code == 503
    assert "mock provider is not running" in response.json()["error"]["message"]


def test_a_public_server_bounds_the_streams_open_at_once(web_server, slow_stream, streams_closed):
    web_server.app.state.hosting = Hosting(public=True)
    web_server.app.state.max_open_streams = 1
    try:
        url = f"{web_server.url}{lesson_endpoints.PATH}"
        with httpx2.stream("GET", url, params={"prompt": PROMPT}, timeout=30) as r:
            lines = r.iter_lines()  # kept: a dropped iterator closes the response
            assert next(lines) == "event: stream_start"
            second = httpx2.get(f"{web_server.url}{lesson_endpoints.PATH}", params={"prompt": PROMPT}, timeout=30)
            assert second.status_code == 503
            assert "already serves 1 streams on this endpoint" in second.json()["error"]["message"]
        assert streams_closed(within_s=2)
        assert httpx2.get(f"{web_server.url}{lesson_endpoints.PATH}", params={"prompt": "Hi"}, timeout=30).is_success
    finally:
        del web_server.app.state.hosting, web_server.app.state.max_open_streams
