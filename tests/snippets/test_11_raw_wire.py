"""Lesson 11: the SSE lines on the wire, a minimal parser beside them, and the same request as curl."""

import ast
import json
import os
import subprocess

import pytest

from streamlab.engine import lessons
from streamlab.hosting import providers

STEM = "11_raw_wire"
ANSWER = "Hello there, how are you?"


def wire_lines(run):
    return run.text("wire").splitlines()


def data_lines(text):
    return [line for line in text.splitlines() if line.startswith("data:")]


def texts_in(text, wire):
    """The text deltas carried by the `data:` lines of an SSE body."""
    found = []
    for line in data_lines(text):
        if line == "data: [DONE]":
            continue
        data = json.loads(line[len("data:"):])
        if wire == "openai":
            found += [c["delta"].get("content") or "" for c in data["choices"]]
        elif data["type"] == "content_block_delta":
            found.append(data["delta"].get("text", ""))
    return [t for t in found if t]


@pytest.mark.parametrize("wire", ["openai", "anthropic"])
def test_rendered_text_is_the_text_carried_on_the_wire(run_snippet, wire):
    run = run_snippet(STEM, wire=wire)
    assert run.text() == ANSWER
    assert run.pieces() == texts_in(run.text("wire"), wire)
    assert len(run.pieces()) >= 5


def test_openai_wire_is_data_lines_ending_with_done(run_snippet):
    run = run_snippet(STEM, wire="openai")
    lines = [line for line in wire_lines(run) if line]
    assert all(line.startswith("data: ") for line in lines)
    assert lines[-1] == "data: [DONE]"
    assert "" in wire_lines(run)  # the blank line that ends each event is shown too
    assert json.loads(lines[0][6:])["choices"][0]["delta"]["role"] == "assistant"
    parsed = run.text("parsed").splitlines()
    assert parsed[-1] == "[DONE]: end of stream"
    assert parsed[-2].endswith("finished: stop")


def test_anthropic_wire_names_every_event_and_shows_pings(run_snippet):
    run = run_snippet(STEM, wire="anthropic")
    lines = [line for line in wire_lines(run) if line]
    names = [line[len("event: "):] for line in lines if line.startswith("event: ")]
    assert len(names) == len(data_lines(run.text("wire")))  # an event: line before every data: line
    assert names[0] == "message_start" and names[-1] == "message_stop"
    assert "ping" in names
    assert names.index("message_delta") < names.index("message_stop")
    parsed = run.text("parsed").splitlines()
    assert any(line.startswith("message_delta") and line.endswith("finished: end_turn") for line in parsed)


@pytest.mark.parametrize(("wire", "reason"), [("openai", "length"), ("anthropic", "max_tokens")])
def test_a_small_max_tokens_cuts_the_answer_and_says_why(run_snippet, wire, reason):
    run = run_snippet(STEM, wire=wire, max_tokens=3)
    assert ANSWER.startswith(run.text()) and len(run.text()) < len(ANSWER)
    assert len(run.pieces()) == 3
    assert any(line.endswith(f"finished: {reason}") for line in run.text("parsed").splitlines())


@pytest.mark.parametrize("wire", ["openai", "anthropic"])
def test_curl_command_names_the_key_variable_never_the_key(run_snippet, wire):
    command = run_snippet(STEM, wire=wire).text("curl")
    header = '"Authorization: Bearer $OPENAI_API_KEY"' if wire == "openai" else '"x-api-key: $ANTHROPIC_API_KEY"'
    assert command.startswith("curl -N ") and f" -H {header}" in command  # each provider's own key header
    assert providers.MOCK_PLACEHOLDER_KEY not in command


@pytest.mark.parametrize("wire", ["openai", "anthropic"])
def test_printed_curl_command_streams_the_same_answer(run_snippet, wire):
    run = run_snippet(STEM, wire=wire)
    env = {"PATH": os.environ["PATH"], "OPENAI_API_KEY": "any-key", "ANTHROPIC_API_KEY": "any-key"}
    # -i adds the response headers to the output; the command itself is run exactly as printed.
    result = subprocess.run(["bash", "-c", run.text("curl").strip() + " -i -s"], env=env, capture_output=True,
                            text=True, timeout=30)
    assert result.returncode == 0, result.stderr
    head, _, body = result.stdout.replace("\r\n", "\n").partition("\n\n")
    assert head.startswith("HTTP/1.1 200")
    assert "content-type: text/event-stream" in head.lower()
    assert texts_in(body, wire) == run.pieces()
    last = data_lines(body)[-1] if wire == "openai" else [ln for ln in body.splitlines() if ln][-2]
    assert last == ("data: [DONE]" if wire == "openai" else "event: message_stop")


def test_curl_carries_the_mock_pacing_headers(run_snippet):
    command = run_snippet(STEM, pacing_ms=7).text("curl")
    assert '-H "X-Mock-TTFT-Ms: 7"' in command and '-H "X-Mock-Token-Ms: 7"' in command
    assert lessons.load(STEM).prompt in command


def tool_arguments(run):
    """The argument fragments the parsed pane showed, joined: the JSON the tool call carries."""
    return "".join(ast.literal_eval(line.split("arguments=", 1)[1].split(", finished")[0])
                   for line in run.text("parsed").splitlines() if "arguments=" in line)


def test_with_tools_the_openai_stream_ends_with_finish_reason_tool_calls(run_snippet):
    run = run_snippet(STEM, prompt="What's the weather in Paris?", tools=True)
    chunks = [json.loads(line[6:]) for line in data_lines(run.text("wire")) if line != "data: [DONE]"]
    calls = [c["choices"][0]["delta"]["tool_calls"][0] for c in chunks if c["choices"][0]["delta"].get("tool_calls")]
    assert calls[0]["function"]["name"] == "get_weather" and calls[0]["id"].startswith("call_")
    assert [c["choices"][0]["finish_reason"] for c in chunks][-1] == "tool_calls"
    assert wire_lines(run)[-2] == "data: [DONE]"
    parsed = run.text("parsed").splitlines()
    assert any("tool='get_weather'" in line for line in parsed)
    assert parsed[-2].endswith("finished: tool_calls")
    assert json.loads(tool_arguments(run)) == {"city": "Paris"}
    assert run.text() == ""  # a forced tool call carries no text
    assert '"tool_choice": "required"' in run.text("curl")


def test_with_tools_the_anthropic_stream_has_a_tool_use_block_and_stop_reason_tool_use(run_snippet):
    run = run_snippet(STEM, prompt="What's the weather in Paris?", wire="anthropic", tools=True)
    events = [json.loads(line[6:]) for line in data_lines(run.text("wire"))]
    blocks = [e["content_block"] for e in events if e["type"] == "content_block_start"]
    assert blocks[-1]["type"] == "tool_use" and blocks[-1]["name"] == "get_weather"
    deltas = [e["delta"] for e in events if e["type"] == "content_block_delta"]
    assert any(d["type"] == "input_json_delta" for d in deltas)
    assert next(e for e in events if e["type"] == "message_delta")["delta"]["stop_reason"] == "tool_use"
    assert any(line.endswith("finished: tool_use") for line in run.text("parsed").splitlines())
    assert json.loads(tool_arguments(run)) == {"city": "Paris"}


@pytest.mark.parametrize("wire", ["openai", "anthropic"])
def test_an_error_event_on_the_wire_raises_and_keeps_the_partial_text(run_snippet, wire):
    run = run_snippet(STEM, wire=wire, mock_fault="error_event", raises=True)
    assert isinstance(run.error, RuntimeError) and "error event" in str(run.error)
    assert run.pieces() and ANSWER.startswith(run.text()) and run.text() != ANSWER
    assert run.text("parsed").splitlines()[-1].startswith("error: ")
    assert "[DONE]" not in run.text("wire") and "message_stop" not in run.text("wire")


@pytest.mark.parametrize("wire", ["openai", "anthropic"])
def test_chinese_stays_chinese_in_the_curl_command_and_the_parsed_events(run_snippet, wire):
    run = run_snippet(STEM, prompt="你好", wire=wire)
    assert '"content": "你好"' in run.text("curl") and "\\u" not in run.text("curl")
    assert "\\u" not in run.text("parsed") and "\\u" not in run.text("wire")
    assert run.text().startswith("你好") and "".join(ast.literal_eval(line.split("text=", 1)[1]) for line in
                                                      run.text("parsed").splitlines() if "text=" in line) == run.text()
    env = {"PATH": os.environ["PATH"], "OPENAI_API_KEY": "any-key", "ANTHROPIC_API_KEY": "any-key"}
    result = subprocess.run(["bash", "-c", run.text("curl").strip() + " -s"], env=env, capture_output=True,
                            text=True, timeout=30)
    assert texts_in(result.stdout, wire) == run.pieces()  # the command, Chinese as typed, asks the same question
