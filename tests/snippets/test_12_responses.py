"""Lesson 12: the Responses API's typed events, text deltas, usage on response.completed, argument deltas."""

import json

import pytest

from streamlab.engine import lessons
from streamlab.hosting import providers

STEM = "12_responses"
PROMPT = lessons.load(STEM).prompt
WEATHER = "What's the weather in Paris and Tokyo right now?"


@pytest.fixture
def reference(mock_url):
    """A plain (non-streaming) Responses call to the mock."""
    client = providers.build_client("openai", providers.Settings(mock_url=mock_url, ttft_ms=0, token_ms=0))
    return lambda prompt, **extra: client.responses.create(model="streamlab-mock", input=prompt, **extra)


def event_types(run):
    return run.text("events").splitlines()


def test_text_deltas_join_to_the_whole_answer(run_snippet, reference):
    run = run_snippet(STEM)
    assert run.text() == reference(PROMPT).output_text
    assert run.text().startswith("Chat Completions takes a list of messages")
    assert len(run.pieces()) == event_types(run).count("response.output_text.delta") > 10


def test_events_arrive_in_their_documented_order(run_snippet):
    types = event_types(run_snippet(STEM))
    assert types[0] == "response.created" and types[-1] == "response.completed"
    for earlier, later in [("response.output_item.added", "response.output_text.delta"),
                           ("response.output_text.delta", "response.output_text.done"),
                           ("response.output_text.done", "response.output_item.done")]:
        assert types.index(earlier) < types.index(later)


def test_usage_comes_from_response_completed(run_snippet, reference):
    run = run_snippet(STEM)
    usage = reference(PROMPT).usage
    assert run.usage == {"input_tokens": usage.input_tokens, "output_tokens": usage.output_tokens,
                         "total_tokens": usage.total_tokens}
    assert run.usage["output_tokens"] > 0


def test_function_call_arguments_stream_as_deltas(run_snippet, reference):
    run = run_snippet(STEM, prompt=WEATHER, tools=True)
    final = reference(WEATHER, tools=lessons.load(STEM).module.TOOLS)
    calls = [item for item in final.output if item.type == "function_call"]
    assert calls, "the mock answers the weather prompt with a function call when a tool is offered"
    types = event_types(run)
    assert types.count("response.function_call_arguments.delta") > len(calls)
    assert types.count("response.function_call_arguments.done") == len(calls)
    lines = run.text("arguments").splitlines()
    assert len(lines) == len(calls)
    for line, call in zip(lines, calls):
        name, _, arguments = line.partition("(")
        assert name == call.name
        assert json.loads(arguments[:-1]) == json.loads(call.arguments)
    assert run.text() == ""  # a function call, no text


def test_without_tools_no_arguments_are_shown(run_snippet):
    run = run_snippet(STEM, prompt=WEATHER)
    assert run.text("arguments") == "" and run.text().startswith("I don't have live weather data")


def test_an_error_event_in_the_stream_raises_and_keeps_the_partial_text(run_snippet, reference):
    run = run_snippet(STEM, mock_fault="error_event", raises=True)
    assert isinstance(run.error, RuntimeError) and "error event" in str(run.error)
    assert run.pieces() and reference(PROMPT).output_text.startswith(run.text())
    assert event_types(run)[-1] == "error" and "response.completed" not in event_types(run)
