"""GET /api/relay/stream: lesson 21's relay of the mock's raw Chat Completions SSE, over real HTTP."""

import httpx2
import pytest

from streamlab.engine import lessons
from streamlab.web import lesson_endpoints

PROMPT = lessons.load(lesson_endpoints.RELAY_STEM).prompt


def get_relay(web_server, **params) -> httpx2.Response:
    return httpx2.get(f"{web_server.url}{lesson_endpoints.RELAY_PATH}", params=params, timeout=30)


def test_the_relay_sends_the_providers_own_sse_after_a_retry_hint(web_server):
    reply = get_relay(web_server, prompt=PROMPT)
    assert reply.status_code == 200 and reply.headers["content-type"].startswith("text/event-stream")
    frames = reply.text.split("\n\n")
    assert frames[0] == "retry: 500" and frames[-2:] == ["data: [DONE]", ""]
    assert all(frame.startswith('data: {"id":"chatcmpl-') for frame in frames[1:-2])


@pytest.mark.parametrize("params, message", [
    ({"prompt": " "}, "The prompt is empty"),
    ({"prompt": PROMPT, "max_tokens": 4001}, "max_tokens must be 0–4000."),
    ({"prompt": PROMPT, "max_tokens": -1}, "max_tokens must be 0–4000."),
])
def test_bad_input_is_refused_with_a_400_before_any_stream(web_server, params, message):
    reply = get_relay(web_server, **params)
    assert reply.status_code == 400 and message in reply.json()["error"]["message"]
