"""Pacing: TTFT, per-token time and jitter per request, overridable by headers; 0 means as fast as possible."""

import asyncio
import time

import pytest

from streamlab.mock.wire.pacing import Clock, Pacing

HELLO = [{"role": "user", "content": "Say hello in five words."}]  # 7 tokens


def timed_stream(oai, headers):
    """(seconds to the first content chunk, seconds to the end) for one streamed answer."""
    client = oai.with_options(set_default_headers=headers, timeout=10)
    start = time.monotonic()
    first = None
    for chunk in client.chat.completions.create(model="streamlab-mock", messages=HELLO, stream=True):
        if first is None and chunk.choices[0].delta.content:
            first = time.monotonic() - start
    return first, time.monotonic() - start


def test_ttft_header_delays_the_first_token(oai, fast_headers):
    slow_first, _ = timed_stream(oai, {**fast_headers, "X-Mock-TTFT-Ms": "400"})
    assert slow_first >= 0.4 * 0.95  # never sooner than asked (a loaded machine can only make it later)


def test_token_header_spaces_the_tokens(oai, fast_headers):
    _, slow_total = timed_stream(oai, {**fast_headers, "X-Mock-Token-Ms": "60"})
    # six gaps between seven tokens, never shorter than asked (a loaded machine can only make it longer)
    assert slow_total >= 6 * 0.06 * 0.95


def test_default_pacing_is_realistic_and_zero_pacing_is_much_faster(oai, fast_headers):
    default_first, default_total = timed_stream(oai, {})
    _, fast_total = timed_stream(oai, fast_headers)
    assert 0.25 < default_first < 3 and default_total > 0.25 + 6 * 0.02
    assert fast_total < default_total / 2


def test_non_streaming_waits_for_the_whole_generation(oai, fast_headers):
    client = oai.with_options(default_headers={"X-Mock-TTFT-Ms": "200", "X-Mock-Token-Ms": "50"}, timeout=10)
    start = time.monotonic()
    client.chat.completions.create(model="streamlab-mock", messages=HELLO)
    assert time.monotonic() - start > 0.2 + 6 * 0.05 * 0.8


def test_jitter_is_deterministic_per_request_and_bounded():
    pacing = Pacing(ttft_ms=300, token_ms=30, jitter_ms=10, seed="abc")
    assert pacing.delays(20) == Pacing(300, 30, 10, "abc").delays(20)
    assert pacing.delays(20) != Pacing(300, 30, 10, "xyz").delays(20)
    assert 0.29 <= pacing.delays(20)[0] <= 0.31 and all(0.02 <= d <= 0.04 for d in pacing.delays(20)[1:])


@pytest.mark.parametrize("headers, expected", [
    ({}, (300, 30, 10)),
    ({"x-mock-ttft-ms": "0", "x-mock-token-ms": "0", "x-mock-jitter-ms": "0"}, (0, 0, 0)),
    ({"x-mock-ttft-ms": "abc", "x-mock-token-ms": "-5"}, (300, 0, 10)),
])
def test_pacing_headers_are_read_with_sane_fallbacks(headers, expected):
    pacing = Pacing.from_headers(headers, "seed")
    assert (pacing.ttft_ms, pacing.token_ms, pacing.jitter_ms) == expected


def test_a_late_frame_does_not_push_the_later_tokens_back():
    """The stream keeps the model's timeline: after a hold-up it sends what is due at once, then keeps pace."""
    now, slept = [0.0], []

    async def sleep(seconds):  # the clock's own: patching asyncio.sleep would reach every thread's event loop
        slept.append(round(seconds, 3))
        now[0] += seconds

    async def stream():
        clock = Clock(now=lambda: now[0], sleep=sleep)
        await clock.pause(0.1, 1)  # the first token, on time
        now[0] += 0.25  # the server was busy elsewhere for 250 ms
        for number in range(2, 6):
            await clock.pause(0.1, number)
        return now[0]

    ended = asyncio.run(stream())
    assert slept == [0.1, 0.05, 0.1]  # tokens 2 and 3 were already due: no wait; token 4 waits only 50 ms
    assert ended == pytest.approx(0.5)  # five tokens 100 ms apart end at 0.5 s, as the model would
