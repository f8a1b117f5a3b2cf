"""Lesson 10: Anthropic's named events, the helper text events, and tool input arriving as partial JSON."""

import json

import httpx2
import pytest

from streamlab.engine import lessons
from streamlab.hosting import providers

STEM = "10_anthropic"
PROMPT = lessons.load(STEM).prompt
WEATHER = "What's the weather in Paris and Tokyo right now?"
PING = "ping  ← on the wire, dropped by the SDK"


@pytest.fixture
def reference(mock_url):
    """A plain (non-streaming) Anthropic call to the mock: what the stream must add up to."""
    client = providers.build_client("anthropic", providers.Settings(mock_url=mock_url, ttft_ms=0, token_ms=0))
    return lambda prompt, **extra: client.messages.create(
        model="streamlab-mock", max_tokens=1024, messages=[{"role": "user", "content": prompt}], **extra)


def event_lines(run):
    return [line for line in run.text("events").splitlines() if line]


def test_text_arrives_in_pieces_that_join_to_the_whole_answer(run_snippet, reference):
    run = run_snippet(STEM)
    assert len(run.pieces()) > 10
    assert run.text() == reference(PROMPT).content[0].text
    assert run.text().startswith("It begins when the client sends a request")


def test_events_pane_follows_the_message_life_cycle(run_snippet):
    lines = event_lines(run_snippet(STEM))
    deltas = [line for line in lines if line.startswith("content_block_delta")]
    assert len(deltas) > 10 and set(deltas) == {"content_block_delta  text_delta"}
    assert [line for line in lines if not line.startswith("content_block_delta")] == [
        "message_start", PING, "content_block_start  text", "content_block_stop", "message_delta",
        "message_stop", "stop_reason: end_turn"]
    assert lines.index("content_block_stop") > lines.index(deltas[0])


def test_usage_matches_a_plain_request_and_comes_after_the_stop(run_snippet, reference):
    run = run_snippet(STEM)
    expected = reference(PROMPT).usage
    assert run.usage == {"input_tokens": expected.input_tokens, "output_tokens": expected.output_tokens}
    assert run.usage["output_tokens"] > 0
    assert run.items[-1] == ("usage", run.usage)


def test_tool_input_grows_from_partial_json_to_the_full_arguments(run_snippet, reference):
    run = run_snippet(STEM, prompt=WEATHER, tools=True)
    final = reference(WEATHER, tools=lessons.load(STEM).module.TOOLS)
    calls = [block.input for block in final.content if block.type == "tool_use"]
    assert calls, "the mock answers the weather prompt with a tool call when a tool is offered"
    lines = run.text("tool input").splitlines()
    assert len(lines) > len(calls)  # each call's arguments arrive in several pieces
    snapshots = [json.loads(line.split(" → ", 1)[1]) for line in lines]
    assert snapshots[-1] == calls[-1]
    assert snapshots[0] != calls[0]  # the first snapshot is only part of the object
    events = event_lines(run)
    assert events.count("content_block_start  tool_use") == len(calls)
    assert "content_block_delta  input_json_delta" in events
    assert events[-1] == "stop_reason: tool_use"


def test_a_chinese_city_shows_as_written_in_the_tool_input(run_snippet):
    lines = run_snippet(STEM, prompt="北京天气怎么样？", tools=True).text("tool input").splitlines()
    assert lines and lines[-1].endswith('→ {"city": "北京"}'), lines
    assert "\\u" not in "".join(lines)


def test_without_tools_there_is_no_tool_input(run_snippet):
    assert run_snippet(STEM, prompt=WEATHER).text("tool input") == ""


@pytest.mark.parametrize("prompt, tools", [(PROMPT, False), (WEATHER, True)])
def test_the_event_log_names_every_event_on_the_wire_in_order_pings_included(run_snippet, mock_url, prompt, tools):
    run = run_snippet(STEM, prompt=prompt, tools=tools)
    logged = [line.split()[0] for line in event_lines(run)[:-1]]  # the last line is the stop reason
    # the same request, read as raw SSE with no SDK at all
    settings = providers.Settings(mock_url=mock_url, ttft_ms=0, token_ms=0, jitter_ms=0)
    base_url, key, headers = providers.connection("anthropic", settings)
    body = {"model": "streamlab-mock", "max_tokens": 1024, "stream": True,
            "messages": [{"role": "user", "content": prompt}]} | ({"tools": lessons.load(STEM).module.TOOLS}
                                                                   if tools else {})
    raw = httpx2.post(f"{base_url}/v1/messages", json=body, headers=headers | {"x-api-key": key,
                      "anthropic-version": "2023-06-01"}, timeout=30)
    on_the_wire = [line[len("event: "):] for line in raw.text.splitlines() if line.startswith("event: ")]
    assert "ping" in on_the_wire
    assert logged == on_the_wire
