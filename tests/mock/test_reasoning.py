"""Reasoning on all three wire formats, read through the unmodified SDKs: the thinking comes first, in its own
field, only when the request asks for it the way the real API is asked, and usage counts it."""

import time

import anthropic
import httpx2
import openai
import pytest
from mock_support import ANTHROPIC_TOOLS, OPENAI_TOOLS, RESPONSES_TOOLS, WEATHER_PROMPT

from streamlab.mock.compose import reasoning

PROMPT = "Why is the sky blue?"
MESSAGES = [{"role": "user", "content": PROMPT}]
THINK = {"type": "enabled", "budget_tokens": 1024}


def chat_stream(oai, model="deepseek-reasoner", **extra):
    return list(oai.chat.completions.create(model=model, messages=MESSAGES, stream=True,
                                            stream_options={"include_usage": True}, **extra))


def chat_parts(chunks):
    """[(field, text)] of each chunk with text, in order: "thinking" from `reasoning_content`, "answer"."""
    found = []
    for chunk in chunks:
        for choice in chunk.choices:
            thought = getattr(choice.delta, "reasoning_content", None)  # an extra field: not in the SDK's types
            found += [("thinking", thought)] if thought else []
            found += [("answer", choice.delta.content)] if choice.delta.content else []
    return found


def assert_thinking_first(parts):
    kinds = [kind for kind, _ in parts]
    assert "thinking" in kinds and "answer" in kinds
    assert kinds == sorted(kinds, key=lambda k: k != "thinking"), "every thinking piece comes before the answer"


def joined(parts, kind):
    return "".join(text for k, text in parts if k == kind)


# ---- Chat Completions: `delta.reasoning_content` (DeepSeek, Qwen) --------------------------------------------
def test_deepseek_reasoner_streams_reasoning_content_before_content(oai):
    chunks = chat_stream(oai)
    parts = chat_parts(chunks)
    assert_thinking_first(parts)
    first = chunks[0].choices[0].delta
    assert first.role == "assistant" and first.content is None and first.model_extra == {"reasoning_content": ""}
    thinking_chunk = next(c for c in chunks if c.choices and c.choices[0].delta.model_extra.get("reasoning_content"))
    assert thinking_chunk.choices[0].delta.content is None  # DeepSeek's shape: the other field is null
    assert joined(parts, "thinking") == "\n\n".join(reasoning.thoughts(PROMPT))
    plain = oai.chat.completions.create(model="streamlab-mock", messages=MESSAGES)
    assert joined(parts, "answer") == plain.choices[0].message.content  # thinking first does not change the answer


def test_chat_usage_counts_reasoning_tokens_inside_completion_tokens(oai):
    chunks = chat_stream(oai)
    parts, usage = chat_parts(chunks), chunks[-1].usage
    assert chunks[-1].choices == []
    assert usage.completion_tokens_details.reasoning_tokens == sum(k == "thinking" for k, _ in parts) > 50
    assert usage.completion_tokens == len(parts)


def test_qwen_enable_thinking_turns_reasoning_on_for_any_model(oai):
    parts = chat_parts(chat_stream(oai, model="qwen-plus", extra_body={"enable_thinking": True}))
    assert_thinking_first(parts)
    assert chat_parts(chat_stream(oai, model="qwen-plus", extra_body={"enable_thinking": False})) == \
        [("answer", text) for _, text in chat_parts(chat_stream(oai, model="qwen-plus"))]


def test_a_chat_request_without_reasoning_has_no_reasoning_field(oai):
    chunks = chat_stream(oai, model="gpt-5-mini")
    assert all("reasoning_content" not in c.choices[0].delta.model_extra for c in chunks if c.choices)
    assert chunks[-1].usage.completion_tokens_details.reasoning_tokens == 0


def test_non_streamed_chat_reply_carries_the_whole_reasoning(oai):
    reply = oai.chat.completions.create(model="deepseek-reasoner", messages=MESSAGES)
    assert reply.choices[0].message.reasoning_content == "\n\n".join(reasoning.thoughts(PROMPT))
    assert reply.usage.completion_tokens_details.reasoning_tokens > 0


def test_thinking_counts_against_max_completion_tokens(oai):
    chunks = chat_stream(oai, max_completion_tokens=10)
    assert [k for k, _ in chat_parts(chunks)] == ["thinking"] * 10
    assert chunks[-2].choices[0].finish_reason == "length"


# ---- Responses: a `reasoning` output item with summary parts -------------------------------------------------
def responses_events(oai, **extra):
    return list(oai.responses.create(model="gpt-5-mini", input=PROMPT, stream=True, **extra))


@pytest.mark.parametrize("summary", ["auto", "concise", "detailed"])
def test_responses_reasoning_summary_streams_before_the_message(oai, summary):
    events = responses_events(oai, reasoning={"effort": "low", "summary": summary})
    types = [e.type for e in events]
    added = [e for e in events if e.type == "response.output_item.added"]
    assert [(e.output_index, e.item.type) for e in added] == [(0, "reasoning"), (1, "message")]
    assert added[0].item.summary == []
    last_thought = max(i for i, t in enumerate(types) if t.startswith("response.reasoning_summary"))
    assert last_thought < types.index("response.output_item.added", types.index("response.output_item.done"))
    assert last_thought < types.index("response.output_text.delta")
    parts = reasoning.thoughts(PROMPT)
    for index, paragraph in enumerate(parts):  # one summary part per paragraph, in the documented order
        mine = [e for e in events if getattr(e, "summary_index", None) == index]
        assert [e.type for e in mine[:2]] == ["response.reasoning_summary_part.added",
                                             "response.reasoning_summary_text.delta"]
        assert [e.type for e in mine[-2:]] == ["response.reasoning_summary_text.done",
                                              "response.reasoning_summary_part.done"]
        assert "".join(e.delta for e in mine if e.type.endswith("text.delta")) == mine[-2].text == paragraph
        assert mine[-1].part.text == paragraph and {e.item_id for e in mine} == {added[0].item.id}
    final = events[-1].response
    assert final.output[0].type == "reasoning" and [s.text for s in final.output[0].summary] == parts
    assert final.output_text == responses_events(oai)[-1].response.output_text


def test_responses_usage_reports_reasoning_tokens(oai):
    events = responses_events(oai, reasoning={"summary": "auto"})
    deltas = sum(e.type == "response.reasoning_summary_text.delta" for e in events)
    text = sum(e.type == "response.output_text.delta" for e in events)
    usage = events[-1].response.usage
    breaks = len(reasoning.thoughts(PROMPT)) - 1  # the paragraph breaks between summary parts are tokens too
    assert usage.output_tokens_details.reasoning_tokens == deltas + breaks
    assert usage.output_tokens == deltas + breaks + text


def test_responses_stream_helper_keeps_the_reasoning_item(oai):
    with oai.responses.stream(model="gpt-5-mini", input=PROMPT, reasoning={"summary": "auto"}) as stream:
        summary = "".join(e.delta for e in stream if e.type == "response.reasoning_summary_text.delta")
        final = stream.get_final_response()
    assert [item.type for item in final.output] == ["reasoning", "message"]
    assert summary == "".join(reasoning.thoughts(PROMPT)) and final.output_text


@pytest.mark.parametrize("extra", [{}, {"reasoning": {"effort": "low"}}], ids=["plain", "effort-only"])
def test_responses_without_a_summary_show_no_reasoning(oai, extra):
    events = responses_events(oai, **extra)
    assert not [e for e in events if "reasoning" in e.type]
    assert [item.type for item in events[-1].response.output] == ["message"]
    assert events[-1].response.usage.output_tokens_details.reasoning_tokens == 0


# ---- Anthropic Messages: a `thinking` block with a signature --------------------------------------------------
@pytest.mark.parametrize("thinking", [THINK, {"type": "adaptive"}], ids=["enabled", "adaptive"])
def test_anthropic_thinking_block_comes_first_and_is_signed(claude, thinking):
    with claude.messages.stream(model="claude-haiku-4-5", max_tokens=2048, messages=MESSAGES,
                                thinking=thinking) as stream:
        events = list(stream)
        message = stream.get_final_message()
    starts = [e for e in events if e.type == "content_block_start"]
    assert [(e.index, e.content_block.type) for e in starts] == [(0, "thinking"), (1, "text")]
    assert (starts[0].content_block.thinking, starts[0].content_block.signature) == ("", "")
    deltas = [(e.index, e.delta.type) for e in events if e.type == "content_block_delta"]
    thinking_deltas = [d for d in deltas if d[0] == 0]
    assert thinking_deltas[-1] == (0, "signature_delta") and thinking_deltas.count((0, "signature_delta")) == 1
    assert set(thinking_deltas[:-1]) == {(0, "thinking_delta")}
    assert deltas.index((1, "text_delta")) > deltas.index((0, "signature_delta"))
    helper = [e.type for e in events if e.type in ("thinking", "text")]  # the SDK's own helper events
    assert helper.index("text") == helper.count("thinking")
    block, text = message.content
    assert isinstance(block, anthropic.types.ThinkingBlock) and block.thinking == "\n\n".join(
        reasoning.thoughts(PROMPT))
    assert len(block.signature) > 100 and text.type == "text" and text.text
    assert message.usage.output_tokens_details.thinking_tokens == len(thinking_deltas) - 1
    assert message.usage.output_tokens > message.usage.output_tokens_details.thinking_tokens


def test_anthropic_without_thinking_has_no_thinking_block(claude):
    message = claude.messages.create(model="claude-haiku-4-5", max_tokens=1024, messages=MESSAGES,
                                     thinking={"type": "disabled"})
    assert [b.type for b in message.content] == ["text"] and message.usage.output_tokens_details is None


@pytest.mark.parametrize(("max_tokens", "budget", "words"), [(2048, 512, "greater than or equal to 1024"),
                                                             (1024, 1024, "must be greater than")])
def test_anthropic_refuses_a_budget_the_real_api_refuses(claude, max_tokens, budget, words):
    with pytest.raises(anthropic.BadRequestError, match=words):
        claude.messages.create(model="claude-haiku-4-5", max_tokens=max_tokens, messages=MESSAGES,
                               thinking={"type": "enabled", "budget_tokens": budget})


def test_anthropic_non_streamed_reply_has_the_same_thinking_and_signature(claude):
    with claude.messages.stream(model="claude-haiku-4-5", max_tokens=2048, messages=MESSAGES, thinking=THINK) as s:
        streamed = s.get_final_message()
    whole = claude.messages.create(model="claude-haiku-4-5", max_tokens=2048, messages=MESSAGES, thinking=THINK)
    assert whole.content[0] == streamed.content[0] and whole.usage.output_tokens == streamed.usage.output_tokens


# ---- the same thoughts everywhere, tools after thinking, faults and pacing during thinking ---------------------
def test_the_same_prompt_gets_the_same_thinking_on_every_format(oai, claude):
    chat = joined(chat_parts(chat_stream(oai)), "thinking")
    summary = responses_events(oai, reasoning={"summary": "auto"})[-1].response.output[0].summary
    message = claude.messages.create(model="claude-haiku-4-5", max_tokens=2048, messages=MESSAGES, thinking=THINK)
    assert chat == "\n\n".join(s.text for s in summary) == message.content[0].thinking
    assert chat == joined(chat_parts(chat_stream(oai)), "thinking")  # and again: deterministic


def test_a_chinese_prompt_gets_chinese_thinking(oai):
    chunks = list(oai.chat.completions.create(model="deepseek-reasoner", stream=True,
                                              messages=[{"role": "user", "content": "什么是向量数据库？"}]))
    thinking = joined(chat_parts(chunks), "thinking")
    assert "向量数据库" in thinking and thinking.count("\n\n") >= 2 and not any(c.isascii() and c.isalpha()
                                                                              for c in thinking)


def test_tool_calls_follow_the_thinking_on_every_format(oai, claude):
    chat = list(oai.chat.completions.create(model="deepseek-reasoner", tools=OPENAI_TOOLS, stream=True,
                                            messages=[{"role": "user", "content": WEATHER_PROMPT}]))
    kinds = ["thinking" if c.choices[0].delta.model_extra.get("reasoning_content") else
             "call" if c.choices[0].delta.tool_calls else "" for c in chat]
    assert kinds.index("call") > max(i for i, k in enumerate(kinds) if k == "thinking")
    final = oai.responses.create(model="gpt-5-mini", input=WEATHER_PROMPT, tools=RESPONSES_TOOLS,
                                 reasoning={"summary": "auto"})
    assert [item.type for item in final.output] == ["reasoning", "function_call", "function_call"]
    with claude.messages.stream(model="claude-haiku-4-5", max_tokens=2048, thinking=THINK, tools=ANTHROPIC_TOOLS,
                                messages=[{"role": "user", "content": WEATHER_PROMPT}]) as stream:
        message = stream.get_final_message()
    assert [b.type for b in message.content] == ["thinking", "text", "tool_use", "tool_use"]
    assert [b.input["city"] for b in message.content[2:]] == ["Paris", "Tokyo"]


def test_a_fault_can_strike_while_the_model_is_still_thinking(oai, claude):
    faulty = oai.with_options(default_headers={"X-Mock-TTFT-Ms": "0", "X-Mock-Token-Ms": "0",
                                               "X-Mock-Fault": "error_event"})
    seen = []
    with pytest.raises(openai.APIError):
        for chunk in faulty.chat.completions.create(model="deepseek-reasoner", messages=MESSAGES, stream=True):
            seen.append(chunk)
    assert [k for k, _ in chat_parts(seen)] == ["thinking"] * 5  # cut after a few pieces, before any answer
    cut = claude.with_options(default_headers={"X-Mock-TTFT-Ms": "0", "X-Mock-Token-Ms": "0",
                                               "X-Mock-Fault": "disconnect"})
    thoughts = []
    # the connection drops mid-stream (anthropic from 2.17 wraps httpx2's error in its own)
    with pytest.raises((httpx2.RemoteProtocolError, anthropic.APIConnectionError)):
        with cut.messages.stream(model="claude-haiku-4-5", max_tokens=2048, messages=MESSAGES,
                                 thinking=THINK) as stream:
            for event in stream:
                thoughts += [event.thinking] if event.type == "thinking" else []
    assert 0 < len(thoughts) < 10


def test_thinking_is_paced_like_any_other_tokens(oai):
    paced = oai.with_options(default_headers={"X-Mock-TTFT-Ms": "0", "X-Mock-Token-Ms": "4", "X-Mock-Jitter-Ms": "0"})
    start, first_thought, first_answer = time.perf_counter(), None, None
    for chunk in paced.chat.completions.create(model="deepseek-reasoner", messages=MESSAGES, stream=True):
        delta = chunk.choices[0].delta
        if first_thought is None and getattr(delta, "reasoning_content", None):
            first_thought = time.perf_counter() - start
        if first_answer is None and delta.content:
            first_answer = time.perf_counter() - start
    thoughts = len(reasoning.pieces(PROMPT))
    assert first_answer - first_thought >= 0.004 * (thoughts - 1) * 0.9  # the answer waits for the thinking
