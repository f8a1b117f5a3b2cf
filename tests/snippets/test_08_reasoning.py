"""Lesson 8: the thinking streams first, into its own pane, on all three APIs; then the answer; usage counts it."""

import asyncio

import pytest

from streamlab.engine import lessons, runner
from streamlab.hosting import providers
from streamlab.mock.compose import reasoning

STEM = "08_reasoning"
PROMPT = lessons.load(STEM).prompt
WIRES = ["chat", "responses", "anthropic"]


def kinds(run):
    """"thinking" or "answer" for each piece of text the snippet yielded, in order."""
    return ["answer" if isinstance(item, str) else item[0] for item in run.items
            if isinstance(item, str) or item[0] == "thinking"]


@pytest.mark.parametrize("wire", WIRES)
def test_the_thinking_streams_before_any_of_the_answer(run_snippet, mock_answer, wire):
    run = run_snippet(STEM, wire=wire)
    order = kinds(run)
    first_answer = order.index("answer")
    assert order[:first_answer] == ["thinking"] * first_answer and "thinking" not in order[first_answer:]
    assert first_answer > 50 and len(order) - first_answer > 20  # both come in many pieces
    assert run.text("thinking") == "\n\n".join(reasoning.thoughts(PROMPT))
    assert run.text("thinking").startswith("A bat and a ball cost $1.10 together")
    assert run.text() == mock_answer(PROMPT) and run.text().startswith("The ball costs 5 cents")


@pytest.mark.parametrize("wire", WIRES)
def test_usage_counts_the_thinking_as_reasoning_tokens(run_snippet, wire):
    run = run_snippet(STEM, wire=wire)
    assert run.items[-1] == ("usage", run.usage)
    assert run.usage["reasoning_tokens"] == len(run.pieces("thinking"))  # one thinking token per piece
    out = run.usage.get("completion_tokens", run.usage.get("output_tokens"))
    assert out == len(run.pieces("thinking")) + len(run.pieces())  # thinking is billed as output


@pytest.mark.parametrize("wire", WIRES)
def test_without_thinking_the_same_answer_comes_alone(run_snippet, wire):
    run = run_snippet(STEM, wire=wire, thinking=False)
    assert kinds(run) == ["answer"] * len(run.pieces()) and run.text().startswith("The ball costs 5 cents")
    assert not run.usage.get("reasoning_tokens")


def test_a_chinese_prompt_gets_chinese_thinking(run_snippet):
    run = run_snippet(STEM, prompt="球拍和球一共 1.10 元，球拍比球贵 1 元。球多少钱？")
    assert run.text("thinking").startswith("题目是：球拍和球一共 1.10 元") and "x = 0.05" in run.text("thinking")
    assert run.text().startswith("球的价格是 0.05 元")


@pytest.mark.parametrize("wire", WIRES)
def test_a_fault_while_thinking_ends_the_run_before_any_answer(run_snippet, wire):
    run = run_snippet(STEM, wire=wire, mock_fault="error_event", raises=True)
    assert run.pieces("thinking") and not run.pieces()
    assert "\n\n".join(reasoning.thoughts(PROMPT)).startswith(run.text("thinking"))


def test_the_metrics_time_the_first_thinking_before_the_first_answer_token(mock_url):
    settings = providers.Settings(mock_url=mock_url, ttft_ms=0, token_ms=2, jitter_ms=0)

    async def last_frame():
        async for frame in runner.run(lessons.load(STEM), settings, PROMPT, {}, session="metrics-14"):
            pass
        return frame

    frame = asyncio.run(last_frame())
    summary = frame.metrics.summary()
    assert frame.status == "done"
    assert summary["first_thinking_ms"] + 200 < summary["ttft_ms"]  # ~200 thinking tokens at 2 ms each come first
    table = frame.metrics.markdown()
    assert summary["panes"]["thinking"]["ttft_ms"] == summary["first_thinking_ms"]
    assert "| answer |" in table and "| thinking |" in table and "of which reasoning" in table  # a row each
