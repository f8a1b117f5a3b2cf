"""Chat Completions through the unmodified openai SDK: chunk sequence, helpers, usage, finish reasons."""

import asyncio
import re

import openai
import pytest
from openai.lib.streaming.chat import ChatCompletionStreamState

HELLO = [{"role": "user", "content": "Say hello in five words."}]
TOKEN_PROMPT = [{"role": "user", "content": "What is a token, and why do APIs count them?"}]


def test_stream_with_usage_goes_role_then_deltas_then_finish_then_usage_chunk(oai):
    chunks = list(oai.chat.completions.create(model="streamlab-mock", messages=HELLO, stream=True,
                                              stream_options={"include_usage": True}))
    first, *deltas, finish, usage = chunks
    assert first.choices[0].delta.role == "assistant" and first.choices[0].delta.content == ""
    assert all(c.choices[0].delta.content and c.choices[0].finish_reason is None for c in deltas)
    assert "".join(c.choices[0].delta.content for c in deltas) == "Hello there, how are you?"
    assert finish.choices[0].finish_reason == "stop" and finish.choices[0].delta.content is None
    assert usage.choices == [] and usage.usage.completion_tokens == len(deltas)
    assert usage.usage.total_tokens == usage.usage.prompt_tokens + usage.usage.completion_tokens > len(deltas)
    assert all(c.usage is None for c in chunks[:-1])
    assert len({c.id for c in chunks}) == 1 and chunks[0].id.startswith("chatcmpl-")
    assert {c.model for c in chunks} == {"streamlab-mock"} and all(c.object == "chat.completion.chunk" for c in chunks)


def test_async_stream_yields_the_same_chunks_as_sync(oai, async_oai):
    async def collect():
        stream = await async_oai.chat.completions.create(model="streamlab-mock", messages=TOKEN_PROMPT,
                                                         stream=True, stream_options={"include_usage": True})
        return [c async for c in stream]

    async_chunks = asyncio.run(collect())
    sync_chunks = list(oai.chat.completions.create(model="streamlab-mock", messages=TOKEN_PROMPT, stream=True,
                                                   stream_options={"include_usage": True}))
    assert [c.choices[0].delta.content if c.choices else None for c in async_chunks] == \
        [c.choices[0].delta.content if c.choices else None for c in sync_chunks]
    assert async_chunks[-1].usage == sync_chunks[-1].usage


def test_without_include_usage_there_is_no_usage_chunk_and_no_usage_key(oai):
    chunks = list(oai.chat.completions.create(model="streamlab-mock", messages=HELLO, stream=True))
    assert chunks[-1].choices[0].finish_reason == "stop"
    assert all(c.choices for c in chunks) and all("usage" not in c.model_fields_set for c in chunks)


def test_stream_helper_events_and_final_completion(oai):
    with oai.chat.completions.stream(model="streamlab-mock", messages=TOKEN_PROMPT,
                                     stream_options={"include_usage": True}) as stream:
        events = list(stream)
        final = stream.get_final_completion()
    text = "".join(e.delta for e in events if e.type == "content.delta")
    assert [e.type for e in events if e.type == "content.done"] == ["content.done"]
    assert final.choices[0].message.content == text and text.startswith("A token is")
    assert final.choices[0].finish_reason == "stop" and final.usage.completion_tokens > 50


def test_chat_completion_stream_state_accumulates_raw_chunks(oai):
    state = ChatCompletionStreamState()
    for chunk in oai.chat.completions.create(model="streamlab-mock", messages=HELLO, stream=True,
                                             stream_options={"include_usage": True}):
        state.handle_chunk(chunk)
    completion = state.get_final_completion()
    assert completion.choices[0].message.content == "Hello there, how are you?"
    assert completion.usage.completion_tokens == 7


@pytest.mark.parametrize("limit", ["max_tokens", "max_completion_tokens"])
def test_token_limit_cuts_the_answer_with_finish_reason_length(oai, limit):
    chunks = list(oai.chat.completions.create(model="streamlab-mock", messages=TOKEN_PROMPT, stream=True,
                                              stream_options={"include_usage": True}, **{limit: 5}))
    content = [c for c in chunks if c.choices and c.choices[0].delta.content]
    assert len(content) == 5 and chunks[-2].choices[0].finish_reason == "length"
    assert chunks[-1].usage.completion_tokens == 5


def test_non_streaming_returns_a_chat_completion_with_usage(oai):
    reply = oai.chat.completions.create(model="streamlab-mock", messages=HELLO)
    assert reply.object == "chat.completion" and reply.model == "streamlab-mock"
    assert reply.choices[0].message.content == "Hello there, how are you?"
    assert reply.choices[0].finish_reason == "stop"
    assert reply.usage.completion_tokens == 7 and reply.usage.total_tokens == reply.usage.prompt_tokens + 7


def test_usage_counts_exactly_the_content_chunks_for_long_answers(oai):
    for prompt in ("Describe the life of a streamed message, from the first event to the last.",
                   "Write 150 words about lighthouses.", "用两句话解释什么是流式输出大模型的回复。"):
        chunks = list(oai.chat.completions.create(model="streamlab-mock", stream=True,
                                                  messages=[{"role": "user", "content": prompt}],
                                                  stream_options={"include_usage": True}))
        content = [c for c in chunks if c.choices and c.choices[0].delta.content]
        assert chunks[-1].usage.completion_tokens == len(content)
        assert oai.chat.completions.create(model="streamlab-mock", messages=[{"role": "user", "content": prompt}]
                                           ).usage.completion_tokens == len(content)


def test_prompt_tokens_grow_with_the_prompt(oai):
    short = oai.chat.completions.create(model="streamlab-mock", messages=HELLO).usage.prompt_tokens
    longer = oai.chat.completions.create(model="streamlab-mock", messages=[
        {"role": "system", "content": "You are a patient teacher who explains things clearly."}, *HELLO,
    ]).usage.prompt_tokens
    assert 0 < short < longer


def test_same_request_gives_the_same_text_and_a_chinese_prompt_gets_chinese(oai):
    def streamed(prompt):
        return "".join(c.choices[0].delta.content or "" for c in oai.chat.completions.create(
            model="streamlab-mock", messages=[{"role": "user", "content": prompt}], stream=True))

    assert streamed("Explain how a bicycle gear works") == streamed("Explain how a bicycle gear works")
    assert "bicycle gear" in streamed("Explain how a bicycle gear works")
    chinese = streamed("请简单介绍一下长城的历史。")
    assert re.search("[\u4e00-\u9fff]", chinese) and "长城" in chinese
    assert re.search("[\u4e00-\u9fff]{10}", streamed("用两句话解释什么是流式输出大模型的回复。"))


def test_one_token_answers_still_get_the_fault(oai):
    with pytest.raises(openai.APIConnectionError):
        list(oai.chat.completions.create(model="streamlab-mock", messages=HELLO, stream=True, max_tokens=1,
                                         extra_headers={"X-Mock-Fault": "disconnect"}))


def test_stream_options_without_stream_is_a_400_as_on_openai(oai):
    with pytest.raises(openai.BadRequestError, match="stream_options"):
        oai.chat.completions.create(model="streamlab-mock", messages=HELLO, stream_options={"include_usage": True})
