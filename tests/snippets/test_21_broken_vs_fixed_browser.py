"""Lesson 21: the relay passes the provider's SSE bytes on as they arrive — cut mid-character by the mock's
`split` fault — and the tab's Run shows the exact text the page receives."""

import asyncio
import json

from streamlab.engine import lessons
from streamlab.hosting import providers

STEM = "21_broken_vs_fixed_browser"


def chunks_of(text):
    """The Chat Completions chunks in a relayed body; the first frame is the `retry:` hint, the last [DONE]."""
    frames = text.split("\n\n")
    assert frames[0] == "retry: 500" and frames[-2:] == ["data: [DONE]", ""]
    return [json.loads(frame.removeprefix("data: ")) for frame in frames[1:-2]]


def content(chunks):
    return "".join(c["choices"][0]["delta"].get("content") or "" for c in chunks if c["choices"])


def test_the_run_shows_the_relayed_sse_and_it_adds_up_to_the_answer(run_snippet, mock_answer):
    prompt = lessons.load(STEM).prompt
    chunks = chunks_of(run_snippet(STEM).text())
    assert content(chunks) == mock_answer(prompt) and chunks[-1]["choices"][0]["finish_reason"] == "stop"


def test_max_tokens_cuts_the_answer_short_with_finish_reason_length(run_snippet, mock_answer):
    chunks = chunks_of(run_snippet(STEM, max_tokens=12).text())
    assert chunks[-1]["choices"][0]["finish_reason"] == "length"
    assert mock_answer(lessons.load(STEM).prompt).startswith(content(chunks)) and len(chunks) < 20


def relayed_pieces(mock_url, split):
    lesson = lessons.load(STEM)
    settings = providers.Settings(mock_url=mock_url, ttft_ms=0, token_ms=0, jitter_ms=0)

    async def collect():
        async with providers.build_client("async_openai", settings, max_retries=0) as client:
            return [piece async for piece in lesson.module.relay(client, lesson.prompt, model="m", split=split)]

    return asyncio.run(collect())


def cut_mid_character(piece):
    try:
        piece.decode("utf-8")
    except UnicodeDecodeError:
        return True
    return False


def test_the_relay_passes_on_reads_cut_mid_character_as_they_came(mock_url):
    pieces = relayed_pieces(mock_url, split=True)
    assert any(cut_mid_character(p) for p in pieces)
    assert content(chunks_of(b"".join(pieces).decode())) == content(chunks_of(b"".join(
        relayed_pieces(mock_url, split=False)).decode()))


def test_without_split_every_read_holds_whole_frames(mock_url):
    assert all(p.endswith(b"\n\n") for p in relayed_pieces(mock_url, split=False))


def test_the_run_ends_with_an_error_when_the_relayed_stream_carries_one(run_snippet):
    run = run_snippet(STEM, mock_fault="error_event", raises=True)
    assert isinstance(run.error, RuntimeError) and "error event" in str(run.error)
    assert '"error":' in run.text(), "the page gets the error event as the provider sent it"
    assert isinstance(run_snippet(STEM, mock_fault="malformed", raises=True).error, json.JSONDecodeError)
