"""X-Mock-Fault: each fault reaches the learner as the exception the unmodified SDK really raises.

Worth knowing: anthropic 2.11 lets transport errors that happen *while iterating* a stream escape as the raw
httpx2 exceptions (`ReadTimeout`, `RemoteProtocolError`); it wraps them (`APITimeoutError`,
`APIConnectionError`) only while the request is being sent. openai 3.52 wraps both. Neither wraps a chunk
that is not JSON: that surfaces as `json.JSONDecodeError`.
"""

import json

import anthropic
import httpx2
import openai
import pytest

HI = [{"role": "user", "content": "Explain how EventSource works in the browser."}]

OPENAI_STREAM = {
    "auth": openai.AuthenticationError, "rate_limit": openai.RateLimitError,
    "server_error": openai.InternalServerError, "overloaded": openai.InternalServerError,
    "stall": openai.APITimeoutError, "disconnect": openai.APIConnectionError, "error_event": openai.APIError,
    "malformed": json.JSONDecodeError, "no_such_fault": openai.BadRequestError,
}
ANTHROPIC_STREAM = {
    "auth": anthropic.AuthenticationError, "rate_limit": anthropic.RateLimitError,
    "server_error": anthropic.InternalServerError, "overloaded": anthropic.OverloadedError,
    # mid-stream transport errors: httpx2's own up to anthropic 2.16, wrapped in the SDK's from 2.17
    "stall": (httpx2.ReadTimeout, anthropic.APITimeoutError),
    "disconnect": (httpx2.RemoteProtocolError, anthropic.APIConnectionError), "error_event": anthropic.APIStatusError,
    "malformed": json.JSONDecodeError, "no_such_fault": anthropic.BadRequestError,
}
STATUS = {"auth": (401, 401), "rate_limit": (429, 429), "server_error": (500, 500), "overloaded": (503, 529),
          "no_such_fault": (400, 400), "error_event": (None, 200)}


@pytest.mark.parametrize("fault", OPENAI_STREAM)
def test_openai_stream_fault_raises_the_sdks_exception(oai, fault):
    received = []
    with pytest.raises(OPENAI_STREAM[fault]) as caught:
        for chunk in oai.chat.completions.create(model="streamlab-mock", messages=HI, stream=True,
                                                 extra_headers={"X-Mock-Fault": fault}):
            received.append(chunk)
    if fault == "disconnect":
        assert type(caught.value) is openai.APIConnectionError
    if fault in ("disconnect", "error_event", "malformed"):
        assert received[0].choices[0].delta.role == "assistant"
        assert [c for c in received if c.choices[0].delta.content], "some text arrives before the fault"
        assert all(c.choices[0].finish_reason is None for c in received)
    if fault == "stall":
        assert len(received) == 1 and received[0].choices[0].delta.role == "assistant"
    if STATUS.get(fault, (None,))[0]:
        assert caught.value.status_code == STATUS[fault][0]
        assert set(caught.value.body) >= {"message", "type", "param", "code"}


def test_a_stall_can_come_after_some_text(mock_url, fast_headers):
    client = openai.OpenAI(api_key="k", base_url=f"{mock_url}/openai/v1", max_retries=0,
                           timeout=openai.Timeout(10.0, read=0.5))
    text = []
    with pytest.raises(openai.APITimeoutError):
        for chunk in client.chat.completions.create(model="streamlab-mock", messages=HI, stream=True, extra_headers={
                **fast_headers, "X-Mock-Fault": "stall", "X-Mock-Stall-After": "4"}):
            text += [choice.delta.content for choice in chunk.choices if choice.delta.content]
    assert len(text) == 4, "four tokens, then silence"


@pytest.mark.parametrize("fault", ANTHROPIC_STREAM)
def test_anthropic_stream_fault_raises_the_sdks_exception(claude, fault):
    text = []
    with pytest.raises(ANTHROPIC_STREAM[fault]) as caught:
        with claude.messages.stream(model="streamlab-mock", max_tokens=1024, messages=HI,
                                    extra_headers={"X-Mock-Fault": fault}) as stream:
            for piece in stream.text_stream:
                text.append(piece)
    if fault in ("disconnect", "error_event", "malformed"):
        assert text, "some text arrives before the fault"
    if fault in STATUS:
        assert caught.value.status_code == STATUS[fault][1]
        assert caught.value.body["type"] == "error" and caught.value.body["error"]["message"]
    if fault == "error_event":
        assert caught.value.body["error"]["type"] == "overloaded_error"


@pytest.mark.parametrize("fault, expected", [
    ("auth", openai.AuthenticationError), ("rate_limit", openai.RateLimitError),
    ("overloaded", openai.InternalServerError), ("error_event", openai.InternalServerError),
    ("disconnect", openai.APIConnectionError), ("stall", openai.APITimeoutError),
    ("malformed", json.JSONDecodeError),
])
def test_openai_non_streaming_fault_raises_the_sdks_exception(oai, fault, expected):
    with pytest.raises(expected):
        oai.chat.completions.create(model="streamlab-mock", messages=HI, extra_headers={"X-Mock-Fault": fault})


@pytest.mark.parametrize("fault, expected", [
    ("overloaded", anthropic.OverloadedError), ("disconnect", anthropic.APIConnectionError),
    ("stall", anthropic.APITimeoutError),
])
def test_anthropic_non_streaming_fault_raises_the_sdks_exception(claude, fault, expected):
    with pytest.raises(expected):
        claude.messages.create(model="streamlab-mock", max_tokens=64, messages=HI,
                               extra_headers={"X-Mock-Fault": fault})


@pytest.mark.parametrize("fault, expected", [("rate_limit", openai.RateLimitError),
                                             ("disconnect", openai.APIConnectionError),
                                             ("malformed", json.JSONDecodeError)])
def test_responses_stream_fault_raises_the_sdks_exception(oai, fault, expected):
    with pytest.raises(expected):
        list(oai.responses.create(model="streamlab-mock", input="Say hello in five words.", stream=True,
                                  extra_headers={"X-Mock-Fault": fault}))


def test_responses_error_event_is_a_typed_error_event_and_no_completion(oai):
    with oai.responses.stream(model="streamlab-mock", input=HI[0]["content"],
                              extra_headers={"X-Mock-Fault": "error_event"}) as stream:
        events = list(stream)
        with pytest.raises(RuntimeError, match="response.completed"):
            stream.get_final_response()
    assert events[-1].type == "error" and events[-1].code == "server_error"
    assert "response.completed" not in [e.type for e in events]


@pytest.mark.parametrize("path, body", [
    ("/openai/v1/chat/completions", {"model": "m", "messages": HI}),
    ("/anthropic/v1/messages", {"model": "m", "max_tokens": 5, "messages": HI}),
])
def test_rate_limit_says_when_to_retry(http, path, body):
    reply = http.post(path, json=body, headers={"X-Mock-Fault": "rate_limit"})
    assert reply.status_code == 429
    assert reply.headers["retry-after"] == "1" and reply.headers["retry-after-ms"] == "1000"


def test_sdk_retries_a_rate_limit_after_retry_after(oai, stats):
    client = oai.with_options(max_retries=1, default_headers={"X-Mock-Fault": "rate_limit"})
    before = stats()["faults_injected"]
    with pytest.raises(openai.RateLimitError):
        client.chat.completions.create(model="streamlab-mock", messages=HI)
    assert stats()["faults_injected"] == before + 2, "the SDK retried once, after the Retry-After second"


@pytest.mark.parametrize("wire", ["openai", "anthropic"])
def test_a_key_starting_with_sk_invalid_is_refused_like_a_wrong_key(mock_url, http, wire):
    key = "sk-invalid-REFUSED-5c1e"
    if wire == "openai":
        client = openai.OpenAI(base_url=f"{mock_url}/openai/v1", api_key=key, max_retries=0)
        call = lambda: client.chat.completions.create(model="m", messages=HI, stream=True)  # noqa: E731
        error = openai.AuthenticationError
    else:
        client = anthropic.Anthropic(base_url=f"{mock_url}/anthropic", api_key=key, max_retries=0)
        call = lambda: client.messages.create(model="m", max_tokens=50, messages=HI, stream=True)  # noqa: E731
        error = anthropic.AuthenticationError
    with pytest.raises(error) as raised:
        call()
    assert "REFUSED" not in str(raised.value) and "REFUSED" not in raised.value.response.text
    assert "REFUSED" not in http.get("/_stats").text
    client.close()
