"""The Responses API through the unmodified openai SDK: typed events, the stream helper, final response."""

import asyncio

import pytest

PROMPT = "Summarise the difference between the Responses API and Chat Completions."


def test_stream_events_come_in_order_with_increasing_sequence_numbers(oai):
    events = list(oai.responses.create(model="streamlab-mock", input=PROMPT, stream=True))
    types = [e.type for e in events]
    assert types[:4] == ["response.created", "response.in_progress", "response.output_item.added",
                         "response.content_part.added"]
    assert types[-4:] == ["response.output_text.done", "response.content_part.done", "response.output_item.done",
                          "response.completed"]
    assert [e.sequence_number for e in events] == list(range(len(events)))
    deltas = [e for e in events if e.type == "response.output_text.delta"]
    done = next(e for e in events if e.type == "response.output_text.done")
    assert "".join(d.delta for d in deltas) == done.text and done.text.startswith("Chat Completions takes")
    assert {d.item_id for d in deltas} == {events[2].item.id} and all(d.logprobs == [] for d in deltas)
    usage = events[-1].response.usage
    assert usage.output_tokens == len(deltas) and usage.total_tokens == usage.input_tokens + len(deltas)
    assert usage.input_tokens_details.cached_tokens == 0 and usage.output_tokens_details.reasoning_tokens == 0


def test_stream_helper_gives_text_deltas_and_final_response(oai):
    with oai.responses.stream(model="streamlab-mock", input=PROMPT) as stream:
        text = "".join(e.delta for e in stream if e.type == "response.output_text.delta")
        final = stream.get_final_response()
    assert final.output_text == text and final.status == "completed" and final.model == "streamlab-mock"
    assert final.id.startswith("resp_") and final.usage.output_tokens > 50


def test_async_stream_gives_the_same_text(oai, async_oai):
    async def collect():
        stream = await async_oai.responses.create(model="streamlab-mock", input=PROMPT, stream=True)
        return "".join([e.delta async for e in stream if e.type == "response.output_text.delta"])

    assert asyncio.run(collect()) == oai.responses.create(model="streamlab-mock", input=PROMPT).output_text


def test_input_list_and_instructions_are_accepted(oai):
    reply = oai.responses.create(model="streamlab-mock", instructions="Answer kindly.", input=[
        {"role": "user", "content": [{"type": "input_text", "text": "Say hello in five words."}]}])
    assert reply.output_text == "Hello there, how are you?" and reply.instructions == "Answer kindly."
    assert reply.usage.input_tokens > oai.responses.create(model="streamlab-mock",
                                                           input="Say hello in five words.").usage.input_tokens


def test_max_output_tokens_ends_incomplete(oai):
    events = list(oai.responses.create(model="streamlab-mock", input=PROMPT, max_output_tokens=6, stream=True))
    assert sum(e.type == "response.output_text.delta" for e in events) == 6
    assert events[-1].type == "response.incomplete"
    assert events[-1].response.incomplete_details.reason == "max_output_tokens"


@pytest.mark.parametrize("body", [{"model": "m"}, {"input": "hi"}])
def test_missing_model_or_input_is_a_400(oai, body):
    import openai

    with pytest.raises(openai.BadRequestError) as caught:
        oai.post("/responses", body=body, cast_to=object)
    assert caught.value.body["code"] == "missing_required_parameter"
