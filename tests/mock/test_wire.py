"""Exact bytes on the wire, error shapes for bad requests, secrets never echoed, mounting under a prefix."""

import json

import anthropic
import openai
import pytest
from starlette.applications import Starlette
from starlette.routing import Mount

from streamlab.mock import create_app
from streamlab.mock.server import start_in_thread

HELLO = [{"role": "user", "content": "Say hello in five words."}]
CANARY = "sk-streamlab-canary-SECRET-4242"


def post_raw(http, path, body, fast_headers, **headers):
    return http.post(path, json=body, headers={**fast_headers, **headers})


def test_openai_stream_is_data_lines_ending_in_done(http, fast_headers):
    reply = post_raw(http, "/openai/v1/chat/completions", {"model": "m", "messages": HELLO, "stream": True,
                                                               "stream_options": {"include_usage": True}},
                     fast_headers)
    assert reply.status_code == 200 and reply.headers["content-type"].startswith("text/event-stream")
    raw = reply.content
    assert raw.endswith(b"data: [DONE]\n\n") and b"event:" not in raw
    blocks = raw.split(b"\n\n")[:-1]
    assert all(b.startswith(b"data: ") and b"\n" not in b for b in blocks)
    chunks = [json.loads(b[6:]) for b in blocks[:-1]]
    assert chunks[0]["choices"][0] == {"index": 0, "delta": {"role": "assistant", "content": ""},
                                       "logprobs": None, "finish_reason": None}
    assert chunks[-2]["choices"][0]["delta"] == {} and chunks[-2]["choices"][0]["finish_reason"] == "stop"
    assert chunks[-1]["choices"] == [] and set(chunks[-1]["usage"]) >= {"prompt_tokens", "completion_tokens",
                                                                        "total_tokens"}
    assert all(c["usage"] is None for c in chunks[:-1])
    assert all({"id", "object", "created", "model", "system_fingerprint"} <= set(c) for c in chunks)


def test_anthropic_stream_is_event_and_data_pairs(http, fast_headers):
    reply = post_raw(http, "/anthropic/v1/messages", {"model": "m", "max_tokens": 100, "messages": HELLO,
                                                          "stream": True}, fast_headers)
    assert reply.headers["content-type"].startswith("text/event-stream")
    blocks = reply.content.split(b"\n\n")
    assert blocks.pop() == b""
    names = []
    for block in blocks:
        event, data = block.split(b"\n")
        assert event.startswith(b"event: ") and data.startswith(b"data: ")
        assert json.loads(data[6:])["type"] == event[7:].decode()
        names.append(event[7:].decode())
    assert names[:3] == ["message_start", "ping", "content_block_start"]
    assert names[-3:] == ["content_block_stop", "message_delta", "message_stop"]
    start = json.loads(blocks[0].split(b"\n")[1][6:])["message"]
    assert start["content"] == [] and start["stop_reason"] is None and start["id"].startswith("msg_")
    assert set(start["usage"]) >= {"input_tokens", "output_tokens"}


def test_responses_stream_is_typed_event_pairs(http, fast_headers):
    reply = post_raw(http, "/openai/v1/responses", {"model": "m", "input": "Say hello in five words.",
                                                        "stream": True}, fast_headers)
    blocks = reply.content.split(b"\n\n")[:-1]
    for number, block in enumerate(blocks):
        event, data = block.split(b"\n")
        payload = json.loads(data[6:])
        assert payload["type"] == event[7:].decode() and payload["sequence_number"] == number


@pytest.mark.parametrize("path, body, status, fragment", [
    ("/openai/v1/chat/completions", b"{not json", 400, "parse the JSON"),
    ("/openai/v1/chat/completions", b'{"model": "m"}', 400, "'messages'"),
    ("/openai/v1/chat/completions", b'{"model": "m", "messages": []}', 400, "messages"),
    ("/openai/v1/chat/completions", b'{"model": "m", "messages": [{"role": "wizard"}]}', 400, "role"),
    ("/openai/v1/chat/completions", b'{"model": "m", "messages": [{"role": "user", "content": "hi"}], '
                                    b'"max_tokens": 0}', 400, "max_tokens"),
    ("/openai/v1/chat/completions", b"[1, 2]", 400, "JSON object"),
    ("/openai/v1/responses", b'{"model": "m"}', 400, "'input'"),
    ("/openai/v1/embeddings", b"{}", 404, "Invalid URL"),
])
def test_bad_openai_requests_get_openais_error_shape(http, path, body, status, fragment):
    reply = http.post(path, content=body, headers={"content-type": "application/json"})
    assert reply.status_code == status
    error = reply.json()["error"]
    assert set(error) == {"message", "type", "param", "code"} and fragment in error["message"]


@pytest.mark.parametrize("method, path, body, status", [
    ("POST", "/anthropic/v1/messages", b"{nope", 400),
    ("POST", "/anthropic/v1/messages", b'{"model": "m", "max_tokens": 9, "messages": [{"role": "system"}]}', 400),
    ("POST", "/anthropic/v1/messages", b'{"model": "m", "max_tokens": 0, "messages": [{"role": "user"}]}', 400),
    ("POST", "/anthropic/v1/complete", b"{}", 404),
    ("GET", "/anthropic/v1/messages", b"", 405),
])
def test_bad_anthropic_requests_get_anthropics_error_shape(http, method, path, body, status):
    reply = http.request(method, path, content=body)
    assert reply.status_code == status
    assert reply.json()["type"] == "error" and reply.json()["error"]["message"]


def test_wrong_method_on_openai_route_is_405_in_openais_shape(http):
    reply = http.get("/openai/v1/chat/completions")
    assert reply.status_code == 405 and reply.json()["error"]["type"] == "invalid_request_error"


def test_bad_requests_through_the_sdks_raise_bad_request_error(oai, claude):
    with pytest.raises(openai.BadRequestError):
        oai.chat.completions.create(model="streamlab-mock", messages=[])
    with pytest.raises(anthropic.BadRequestError):
        claude.messages.create(model="streamlab-mock", max_tokens=10, messages=[])


def test_the_api_key_is_never_echoed_anywhere(http, oai, fast_headers):
    seen = []
    key_headers = {"Authorization": f"Bearer {CANARY}", "x-api-key": CANARY, "api-key": CANARY}
    for path, body in (("/openai/v1/chat/completions", {"model": "m", "messages": HELLO, "stream": True}),
                       ("/openai/v1/responses", {"model": "m", "input": "hi"}),
                       ("/anthropic/v1/messages", {"model": "m", "max_tokens": 20, "messages": HELLO}),
                       ("/anthropic/v1/messages", {"model": "m"}), ("/openai/v1/nowhere", {})):
        for fault in ("", "auth", "error_event", "unknown"):
            reply = post_raw(http, path, body, fast_headers, **key_headers, **{"X-Mock-Fault": fault})
            seen += [reply.text, str(reply.headers)]
    seen.append(http.get("/_stats").text)
    with pytest.raises(openai.AuthenticationError) as caught:
        oai.with_options(api_key=CANARY, default_headers={"X-Mock-Fault": "auth"}).chat.completions.create(
            model="m", messages=HELLO)
    seen += [str(caught.value), str(caught.value.body), caught.value.response.text]
    assert not [s for s in seen if CANARY in s or "canary" in s.lower()]


def test_stats_report_the_counters_others_rely_on(stats):
    snapshot = stats()
    assert {"streams_started", "streams_completed", "streams_cancelled", "open_streams", "requests",
            "faults_injected", "chunks_sent"} <= set(snapshot)
    assert all(isinstance(v, int) for v in snapshot.values())


def test_models_route_lists_the_mock_model(oai):
    assert "streamlab-mock" in [m.id for m in oai.models.list()]


def test_each_app_has_its_own_counters():
    first, second = create_app(), create_app()
    first.state.stats.requests += 1
    assert second.state.stats.requests == 0


def test_mounted_under_a_prefix_it_serves_both_sdks(http, oai, claude):
    parent = Starlette(routes=[Mount("/mock", app=create_app())])
    with start_in_thread(app=parent) as server:
        root = f"{server.url}/mock"
        chat = oai.with_options(base_url=f"{root}/openai/v1")
        text = "".join(c.choices[0].delta.content or "" for c in chat.chat.completions.create(
            model="m", messages=HELLO, stream=True))
        with claude.with_options(base_url=f"{root}/anthropic").messages.stream(
                model="m", max_tokens=50, messages=HELLO) as stream:
            assert stream.get_final_text() == text == "Hello there, how are you?"
        assert http.get(f"{root}/_stats").json()["streams_completed"] == 2
        assert http.post(f"{root}/anthropic/v1/nope").json()["error"]["type"] == "not_found_error"
