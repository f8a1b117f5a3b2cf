"""X-Mock-Fault: split — the whole answer, cut into writes at awkward byte boundaries; the SDKs don't mind.

A hand-written parser that splits each read on newlines, or decodes each read on its own, does mind: lesson 17
shows it. Here: the cuts really land mid-line and mid-character on the wire, and every official parser still
gets the exact text."""

import json

import pytest
from mock_support import FAST

from streamlab.mock.wire.faults import split_frame

ZH = "用两句话解释什么是流式输出大模型的回复。"
SPLIT = {"X-Mock-Fault": "split"}


def _raw_reads(http, prompt):
    body = {"model": "m", "stream": True, "messages": [{"role": "user", "content": prompt}]}
    with http.stream("POST", "/openai/v1/chat/completions", json=body, headers=FAST | SPLIT) as response:
        return list(response.iter_raw())


def _cut_mid_character(piece: bytes) -> bool:
    try:
        piece.decode("utf-8")
    except UnicodeDecodeError:
        return True
    return False


def test_reads_end_mid_character_and_mid_event_yet_join_into_whole_events(http):
    reads = _raw_reads(http, ZH)
    assert any(_cut_mid_character(piece) for piece in reads), "some read ends inside a UTF-8 character"
    assert any(not piece.endswith(b"\n\n") for piece in reads), "some read ends inside an event"
    events = b"".join(reads).decode("utf-8").split("\n\n")
    assert events[-2:] == ["data: [DONE]", ""]
    chunks = [json.loads(e.removeprefix("data: ")) for e in events[:-2]]
    text = "".join(c["choices"][0]["delta"].get("content") or "" for c in chunks if c["choices"])
    assert text.startswith("流式输出是指") and len(reads) > 2 * len(events)


@pytest.mark.parametrize("number", [0, 1, 2, 7])
@pytest.mark.parametrize("frame", ['data: {"delta":"流式"}\n\n'.encode(), b'event: ping\ndata: {"type":"ping"}\n\n',
                                   b"data: [DONE]\n\n"])
def test_split_frame_pieces_join_into_the_frame_and_the_blank_line_comes_last(frame, number):
    pieces = split_frame(frame, number)
    assert b"".join(pieces) == frame and pieces[-1] == b"\n" and len(pieces) == (3 if number % 2 == 0 else 2)
    assert pieces == split_frame(frame, number), "deterministic"


def test_an_even_frame_is_cut_inside_its_first_multi_byte_character():
    first, rest, _ = split_frame('data: {"delta":"流式"}\n\n'.encode(), 0)
    assert first.endswith(b"\xe6") and rest.startswith(b"\xb5\x81")


def _chat(oai, prompt, headers):
    chunks = oai.chat.completions.create(model="m", messages=[{"role": "user", "content": prompt}], stream=True,
                                         stream_options={"include_usage": True}, extra_headers=headers)
    return "".join(c.choices[0].delta.content or "" for c in chunks if c.choices)


def _responses(oai, prompt, headers):
    events = oai.responses.create(model="m", input=prompt, stream=True, extra_headers=headers)
    return "".join(e.delta for e in events if e.type == "response.output_text.delta")


def _messages(claude, prompt, headers):
    with claude.messages.stream(model="m", max_tokens=1024, messages=[{"role": "user", "content": prompt}],
                                extra_headers=headers) as stream:
        return "".join(stream.text_stream)


@pytest.mark.parametrize("prompt", [ZH, "Say hello in five words."])
@pytest.mark.parametrize("read", [_chat, _responses, _messages])
def test_the_official_sdks_parse_a_split_stream_into_the_exact_text(oai, claude, read, prompt):
    client = claude if read is _messages else oai
    whole = read(client, prompt, {})
    assert read(client, prompt, SPLIT) == whole and len(whole) > 10
