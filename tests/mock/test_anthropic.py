"""Anthropic Messages through the unmodified anthropic SDK: events, text_stream, final message, limits."""

import asyncio

HELLO = [{"role": "user", "content": "Say hello in five words."}]
TOKEN_PROMPT = [{"role": "user", "content": "What is a token, and why do APIs count them?"}]


def test_text_stream_yields_the_answer_piece_by_piece(claude):
    with claude.messages.stream(model="streamlab-mock", max_tokens=1024, messages=HELLO) as stream:
        pieces = list(stream.text_stream)
    assert pieces == ["Hello", " there", ",", " how", " are", " you", "?"]


def test_events_arrive_in_protocol_order_and_final_message_carries_usage(claude):
    with claude.messages.stream(model="streamlab-mock", max_tokens=1024, messages=TOKEN_PROMPT) as stream:
        events = list(stream)
        final = stream.get_final_message()
    types = [e.type for e in events]
    assert types[:2] == ["message_start", "content_block_start"]
    assert types[-3:] == ["content_block_stop", "message_delta", "message_stop"]
    deltas = [e for e in events if e.type == "content_block_delta"]
    assert all(e.index == 0 and e.delta.type == "text_delta" for e in deltas)
    assert final.stop_reason == "end_turn" and final.id.startswith("msg_") and final.model == "streamlab-mock"
    assert final.usage.output_tokens == len(deltas) and final.usage.input_tokens > 0
    assert final.content[0].text == "".join(e.delta.text for e in deltas)


def test_max_tokens_is_honoured_with_stop_reason_max_tokens(claude):
    with claude.messages.stream(model="streamlab-mock", max_tokens=4, messages=TOKEN_PROMPT) as stream:
        pieces = list(stream.text_stream)
        final = stream.get_final_message()
    assert len(pieces) == 4 and final.stop_reason == "max_tokens" and final.usage.output_tokens == 4


def test_async_stream_gives_the_same_text(claude, async_claude):
    async def collect():
        async with async_claude.messages.stream(model="streamlab-mock", max_tokens=1024,
                                                messages=TOKEN_PROMPT) as stream:
            return "".join([t async for t in stream.text_stream])

    with claude.messages.stream(model="streamlab-mock", max_tokens=1024, messages=TOKEN_PROMPT) as stream:
        expected = stream.get_final_text()
    assert asyncio.run(collect()) == expected


def test_non_streaming_message_matches_the_streamed_one(claude):
    message = claude.messages.create(model="streamlab-mock", max_tokens=1024, messages=HELLO)
    assert message.type == "message" and message.role == "assistant" and message.stop_reason == "end_turn"
    assert message.content[0].text == "Hello there, how are you?" and message.usage.output_tokens == 7


def test_system_prompt_and_block_content_are_accepted(claude):
    message = claude.messages.create(model="streamlab-mock", max_tokens=1024, system="Be brief.",
                                     messages=[{"role": "user", "content": [{"type": "text",
                                                                             "text": "Say hello in five words."}]}])
    assert message.content[0].text == "Hello there, how are you?"


def test_missing_max_tokens_or_messages_is_anthropics_400_shape(http):
    for body, field in (({"model": "m", "messages": HELLO}, "max_tokens"), ({"model": "m", "max_tokens": 5},
                                                                           "messages")):
        reply = http.post("/anthropic/v1/messages", json=body)
        assert reply.status_code == 400
        assert reply.json() == {"type": "error", "error": {"type": "invalid_request_error",
                                                           "message": f"{field}: Field required"}}
