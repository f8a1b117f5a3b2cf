"""Tool calls: deterministic fragments, parallel calls, arguments from the schema, answers that use results."""

import json

from mock_support import ANTHROPIC_TOOLS, OPENAI_TOOLS, RESPONSES_TOOLS, WEATHER_PROMPT

from streamlab.mock.compose.tools import arguments_for

WEATHER = [{"role": "user", "content": WEATHER_PROMPT}]
RESULTS = {"Paris": {"temperature": 18, "unit": "celsius", "condition": "Cloudy"},
           "Tokyo": {"temperature": 24, "unit": "celsius", "condition": "Light rain"}}


def accumulate(chunks):
    """Tool calls stitched together by index, the way a snippet should do it."""
    calls = {}
    for chunk in chunks:
        for delta in (chunk.choices[0].delta.tool_calls or []) if chunk.choices else []:
            call = calls.setdefault(delta.index, {"id": None, "name": None, "arguments": ""})
            call["id"] = call["id"] or delta.id
            call["name"] = call["name"] or (delta.function.name if delta.function else None)
            call["arguments"] += (delta.function.arguments or "") if delta.function else ""
    return [calls[i] for i in sorted(calls)]


def test_two_cities_stream_two_parallel_calls_in_fragments(oai):
    chunks = list(oai.chat.completions.create(model="streamlab-mock", messages=WEATHER, tools=OPENAI_TOOLS,
                                              stream=True))
    fragments = [d for c in chunks for d in (c.choices[0].delta.tool_calls or [])]
    firsts = [f for f in fragments if f.id]
    assert [f.index for f in firsts] == [0, 1] and all(f.id.startswith("call_") for f in firsts)
    assert all(f.type == "function" and f.function.name == "get_weather" and f.function.arguments == ""
               for f in firsts)
    later = [f for f in fragments if not f.id]
    assert all(f.type is None and f.function.name is None and f.function.arguments for f in later)
    assert sum(f.index == 0 for f in later) > 3, "the arguments JSON arrives in several pieces"
    assert chunks[-1].choices[0].finish_reason == "tool_calls"
    calls = accumulate(chunks)
    assert [json.loads(c["arguments"]) for c in calls] == [{"city": "Paris", "unit": "celsius"},
                                                          {"city": "Tokyo", "unit": "celsius"}]


def test_one_city_makes_one_call_and_ids_are_deterministic(oai):
    messages = [{"role": "user", "content": "Is it raining in London?"}]
    first = accumulate(oai.chat.completions.create(model="streamlab-mock", messages=messages, tools=OPENAI_TOOLS,
                                                   stream=True))
    second = accumulate(oai.chat.completions.create(model="streamlab-mock", messages=messages, tools=OPENAI_TOOLS,
                                                    stream=True))
    assert len(first) == 1 and json.loads(first[0]["arguments"])["city"] == "London"
    assert first == second


def test_stream_helper_parses_parallel_tool_calls(oai):
    with oai.chat.completions.stream(model="streamlab-mock", messages=WEATHER, tools=OPENAI_TOOLS) as stream:
        done = [e for e in stream if e.type == "tool_calls.function.arguments.done"]
        final = stream.get_final_completion()
    assert [e.name for e in done] == ["get_weather", "get_weather"]
    assert [json.loads(c.function.arguments)["city"] for c in final.choices[0].message.tool_calls] == \
        ["Paris", "Tokyo"]
    assert final.choices[0].finish_reason == "tool_calls"


def test_prompt_without_a_matching_tool_gets_text(oai):
    chunks = list(oai.chat.completions.create(model="streamlab-mock", tools=OPENAI_TOOLS, stream=True,
                                              messages=[{"role": "user", "content": "Say hello in five words."}]))
    assert chunks[-1].choices[0].finish_reason == "stop" and not accumulate(chunks)


def test_follow_up_with_tool_results_answers_with_those_results(oai):
    first = oai.chat.completions.create(model="streamlab-mock", messages=WEATHER, tools=OPENAI_TOOLS)
    assert first.choices[0].finish_reason == "tool_calls"
    calls = first.choices[0].message.tool_calls
    messages = [*WEATHER, first.choices[0].message.model_dump(exclude_none=True)]
    for call in calls:
        city = json.loads(call.function.arguments)["city"]
        messages.append({"role": "tool", "tool_call_id": call.id, "content": json.dumps(RESULTS[city])})
    chunks = list(oai.chat.completions.create(model="streamlab-mock", messages=messages, tools=OPENAI_TOOLS,
                                              stream=True))
    text = "".join(c.choices[0].delta.content or "" for c in chunks)
    assert "Paris" in text and "18°C" in text and "Tokyo" in text and "24°C" in text
    assert chunks[-1].choices[0].finish_reason == "stop"


def test_anthropic_tool_use_streams_input_json_and_final_blocks(claude):
    with claude.messages.stream(model="streamlab-mock", max_tokens=512, messages=WEATHER,
                                tools=ANTHROPIC_TOOLS) as stream:
        events = list(stream)
        final = stream.get_final_message()
    partial = [e.partial_json for e in events if e.type == "input_json"]
    assert len(partial) > 6 and final.stop_reason == "tool_use"
    uses = [b for b in final.content if b.type == "tool_use"]
    assert [u.input for u in uses] == [{"city": "Paris", "unit": "celsius"}, {"city": "Tokyo", "unit": "celsius"}]
    assert all(u.id.startswith("toolu_") and u.name == "get_weather" for u in uses)
    assert final.content[0].type == "text" and "Paris" in final.content[0].text


def test_anthropic_follow_up_with_tool_results_uses_them(claude):
    first = claude.messages.create(model="streamlab-mock", max_tokens=512, messages=WEATHER, tools=ANTHROPIC_TOOLS)
    uses = [b for b in first.content if b.type == "tool_use"]
    results = [{"type": "tool_result", "tool_use_id": u.id, "content": json.dumps(RESULTS[u.input["city"]])}
               for u in uses]
    messages = [*WEATHER, {"role": "assistant", "content": [b.model_dump() for b in first.content]},
                {"role": "user", "content": results}]
    with claude.messages.stream(model="streamlab-mock", max_tokens=512, messages=messages,
                                tools=ANTHROPIC_TOOLS) as stream:
        text = "".join(stream.text_stream)
        final = stream.get_final_message()
    assert "18°C" in text and "24°C" in text and final.stop_reason == "end_turn"


def test_responses_function_calls_then_follow_up_uses_outputs(oai):
    with oai.responses.stream(model="streamlab-mock", input=WEATHER_PROMPT, tools=RESPONSES_TOOLS) as stream:
        types = [e.type for e in stream]
        final = stream.get_final_response()
    assert types.count("response.output_item.added") == 2 and "response.function_call_arguments.delta" in types
    calls = [o for o in final.output if o.type == "function_call"]
    assert [json.loads(c.arguments)["city"] for c in calls] == ["Paris", "Tokyo"]
    follow = [{"role": "user", "content": WEATHER_PROMPT}, *[c.model_dump(exclude_none=True) for c in calls]]
    follow += [{"type": "function_call_output", "call_id": c.call_id,
                "output": json.dumps(RESULTS[json.loads(c.arguments)["city"]])} for c in calls]
    answer = oai.responses.create(model="streamlab-mock", input=follow, tools=RESPONSES_TOOLS)
    assert "18°C" in answer.output_text and "24°C" in answer.output_text


def test_arguments_follow_the_schema():
    schema = {"type": "object", "required": ["location", "days"],
              "properties": {"location": {"type": "string"}, "days": {"type": "integer"},
                             "units": {"type": "string", "enum": ["metric", "imperial"]},
                             "note": {"type": "string"}}}
    args = arguments_for(schema, "Paris")
    assert args["location"] == "Paris" and args["units"] == "metric" and "note" not in args
    assert isinstance(args["days"], int) and 1 <= args["days"] <= 10  # plausible, since the prompt states none
    assert arguments_for({}, "Paris") == {}
