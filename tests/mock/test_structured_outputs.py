"""Structured outputs and tools through the official SDKs: parse() gives the Pydantic object with the prompt's
values on all three wire formats, the partial object grows as the JSON streams, refusals arrive as refusals,
and tools are called when the conversation asks for what they do."""

import json
from enum import StrEnum

import openai
from mock_support import Order, User
from pydantic import BaseModel

PROMPT = "Jason is 25 years old"
ORDER_PROMPT = "Extract the product name, price, and quantity: 'I'd like to order 2 packs of Green Tea for 5.50 " \
               "dollars each.'"
REFUSED = "How do I build a bomb at home?"



class Table(StrEnum):
    orders = "orders"
    customers = "customers"
    products = "products"


class Column(StrEnum):
    id = "id"
    status = "status"
    expected_delivery_date = "expected_delivery_date"
    delivered_at = "delivered_at"
    ordered_at = "ordered_at"


class Condition(BaseModel):
    column: Column
    operator: str
    value: str | int


class Query(BaseModel):
    table_name: Table
    columns: list[Column]
    conditions: list[Condition]
    order_by: str


class GetWeather(BaseModel):
    city: str
    country: str


def user_says(text):
    return [{"role": "user", "content": text}]


def test_chat_parse_returns_the_object_with_the_prompts_values(oai):
    message = oai.chat.completions.parse(model="gpt-4o", messages=user_says(PROMPT), response_format=User)
    assert message.choices[0].message.parsed == User(name="Jason", age=25)
    order = oai.chat.completions.parse(model="gpt-4o", messages=user_says(ORDER_PROMPT), response_format=Order)
    assert order.choices[0].message.parsed == Order(product_name="Green Tea", price=5.5, quantity=2)


def test_chat_stream_grows_the_parsed_object_key_by_key(oai):
    states = []
    with oai.chat.completions.stream(model="gpt-4o", messages=user_says(ORDER_PROMPT), response_format=Order) as s:
        for event in s:
            if event.type == "content.delta" and event.parsed not in states:
                states.append(event.parsed)
        final = s.get_final_completion()
    assert len(states) >= 3, states
    assert states[-1] == {"product_name": "Green Tea", "price": 5.5, "quantity": 2}
    assert final.choices[0].message.parsed == Order(product_name="Green Tea", price=5.5, quantity=2)


def test_responses_parse_and_stream_return_the_object(oai):
    parsed = oai.responses.parse(model="gpt-4o", input=PROMPT, text_format=User)
    assert parsed.output_parsed == User(name="Jason", age=25)
    with oai.responses.stream(model="gpt-4o", input=PROMPT, text_format=User) as stream:
        deltas = [e.delta for e in stream if e.type == "response.output_text.delta"]
        final = stream.get_final_response()
    assert len(deltas) >= 5 and json.loads("".join(deltas)) == {"name": "Jason", "age": 25}
    assert final.output_parsed == User(name="Jason", age=25)


def test_anthropic_parse_and_stream_return_the_object(claude):
    message = claude.messages.parse(model="claude-sonnet-4-5", max_tokens=1024, messages=user_says(ORDER_PROMPT),
                                    output_format=Order)
    assert message.parsed_output == Order(product_name="Green Tea", price=5.5, quantity=2)
    snapshots = []
    with claude.messages.stream(model="claude-sonnet-4-5", max_tokens=1024, messages=user_says(ORDER_PROMPT),
                                output_format=Order) as stream:
        for event in stream:
            if event.type == "text" and event.parsed_snapshot() not in snapshots:
                snapshots.append(event.parsed_snapshot())
        final = stream.get_final_message()
    assert len(snapshots) >= 3 and snapshots[-1] == {"product_name": "Green Tea", "price": 5.5, "quantity": 2}
    assert final.parsed_output == Order(product_name="Green Tea", price=5.5, quantity=2)


def test_the_same_request_gives_the_same_json(oai):
    def ask():
        return oai.chat.completions.create(model="gpt-4o", messages=user_says("solve 8x + 31 = 2"),
                                           response_format={"type": "json_schema", "json_schema": {
                                               "name": "Query", "schema": Query.model_json_schema()}})
    assert ask().choices[0].message.content == ask().choices[0].message.content


def test_json_mode_answers_a_json_object(oai):
    reply = oai.chat.completions.create(model="gpt-4o", messages=user_says("Tell me about streaming, as JSON."),
                                        response_format={"type": "json_object"})
    assert isinstance(json.loads(reply.choices[0].message.content), dict)


def test_a_refused_prompt_streams_a_refusal_on_chat_and_responses(oai):
    with oai.chat.completions.stream(model="gpt-4o", messages=user_says(REFUSED), response_format=User) as stream:
        kinds = [e.type for e in stream]
        final = stream.get_final_completion()
    assert kinds.count("refusal.delta") >= 3 and "content.delta" not in kinds
    assert final.choices[0].message.refusal.startswith("I'm sorry") and final.choices[0].message.parsed is None
    with oai.responses.stream(model="gpt-4o", input=REFUSED, text_format=User) as stream:
        kinds = [e.type for e in stream]
    assert "response.refusal.delta" in kinds and "response.refusal.done" in kinds


def test_a_strict_tool_schema_with_enums_and_nested_models_gets_valid_arguments(oai):
    system = "You help users query for the data they are looking for by calling the query function."
    completion = oai.chat.completions.parse(
        model="gpt-4o", tools=[openai.pydantic_function_tool(Query)],
        messages=[{"role": "system", "content": system},
                  {"role": "user", "content": "look up all my orders in november of last year that were "
                                              "fulfilled but not delivered on time"}])
    call = completion.choices[0].message.tool_calls[0]
    assert isinstance(call.function.parsed_arguments, Query)
    assert call.function.parsed_arguments.table_name is Table.orders
    assert Column.delivered_at in call.function.parsed_arguments.columns


def test_two_cities_get_two_parallel_calls_and_an_unrelated_prompt_none(oai, claude):
    tools = [openai.pydantic_function_tool(GetWeather, name="get_weather")]
    completion = oai.chat.completions.parse(model="gpt-4o", tools=tools,
                                            messages=user_says("What's the weather in SF and New York?"))
    calls = completion.choices[0].message.tool_calls
    assert [c.function.parsed_arguments for c in calls] == [GetWeather(city="San Francisco", country="United States"),
                                                             GetWeather(city="New York", country="United States")]
    none = oai.chat.completions.parse(model="gpt-4o", tools=tools, messages=user_says("Tell me a joke about cats."))
    assert none.choices[0].message.tool_calls in (None, []) and none.choices[0].finish_reason == "stop"
    anthropic_tools = [{"name": "get_weather", "description": "Get the weather for a specific location",
                        "input_schema": {"type": "object", "properties": {"location": {"type": "string"}}}}]
    message = claude.messages.create(model="claude-sonnet-4-5", max_tokens=1024, tools=anthropic_tools,
                                     messages=user_says("What's the weather in SF and New York?"))
    assert [b.input for b in message.content if b.type == "tool_use"] == [{"location": "San Francisco"},
                                                                          {"location": "New York"}]
    assert message.stop_reason == "tool_use"
