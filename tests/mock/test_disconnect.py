"""A client that goes away mid-stream stops the generation at once, and the mock counts it as cancelled."""

import http.client
import json
import time
from urllib.parse import urlsplit

import openai
from polling import wait_for

SLOW = {"X-Mock-TTFT-Ms": "0", "X-Mock-Token-Ms": "40", "X-Mock-Jitter-Ms": "0"}
LONG = [{"role": "user", "content": "Describe the life of a streamed message, from the first event to the last."}]


def assert_cancelled_and_closed(stats, before):
    assert wait_for(lambda: stats()["streams_cancelled"] == before["streams_cancelled"] + 1), stats()
    assert wait_for(lambda: stats()["open_streams"] == 0), stats()
    sent = stats()["chunks_sent"]
    time.sleep(0.2)  # several token intervals: nothing more may be sent for the closed stream
    assert stats()["chunks_sent"] == sent


def test_openai_client_closing_after_three_chunks_cancels_the_stream(oai, stats):
    client = oai.with_options(default_headers=SLOW, timeout=10)
    before = stats()
    stream = client.chat.completions.create(model="streamlab-mock", messages=LONG, stream=True)
    chunks = [next(stream) for _ in range(3)]
    assert stats()["open_streams"] == 1
    stream.close()
    assert chunks[2].choices[0].delta.content
    assert_cancelled_and_closed(stats, before)


def test_anthropic_client_leaving_the_stream_early_cancels_it(claude, stats):
    client = claude.with_options(default_headers=SLOW, timeout=10)
    before = stats()
    with client.messages.stream(model="streamlab-mock", max_tokens=1024, messages=LONG) as stream:
        for _, _text in zip(range(3), stream.text_stream):
            pass
    assert_cancelled_and_closed(stats, before)


def test_raw_socket_closed_mid_stream_is_noticed(mock_url, stats):
    before = stats()
    url = urlsplit(mock_url)
    conn = http.client.HTTPConnection(url.hostname, url.port, timeout=5)
    conn.request("POST", "/openai/v1/chat/completions", headers={**SLOW, "content-type": "application/json"},
                 body=json.dumps({"model": "m", "messages": LONG, "stream": True}))
    response = conn.getresponse()
    lines = [response.readline() for _ in range(6)]  # three `data:` lines and their blank lines
    assert [line[:6] for line in lines[::2]] == [b"data: "] * 3
    conn.close()
    assert_cancelled_and_closed(stats, before)


def test_a_stalled_stream_ends_when_the_client_times_out(oai, stats):
    before = stats()
    try:
        list(oai.chat.completions.create(model="streamlab-mock", messages=LONG, stream=True,
                                         extra_headers={"X-Mock-Fault": "stall"}))
    except openai.APITimeoutError:
        pass
    assert_cancelled_and_closed(stats, before)


def test_a_completed_stream_is_counted_completed(oai, stats):
    before = stats()
    list(oai.chat.completions.create(model="streamlab-mock", messages=LONG, stream=True))
    after = stats()
    assert after["streams_started"] == before["streams_started"] + 1
    assert after["streams_completed"] == before["streams_completed"] + 1 and after["open_streams"] == 0
