"""Lesson 9: structured output streamed: the parsed object grows, tool arguments fill in, refusals apart."""

import json
from typing import Literal

import openai
from pydantic import BaseModel

CLIENT = "openai"
PROMPT = "Plan 2 nights in Lisbon for Ana, who is 34 years old, with a budget of 400 euros: museums, markets and fado."
PANES = ("output", "parsed", "refusal")
RANGES = {"max_tokens": (0, 4000)}


class Trip(BaseModel):
    """Book a trip: where, for whom, how long, what to do."""

    city: str
    traveller: str
    age: int
    nights: int
    budget_eur: int
    activities: list[str]


def stream(client, prompt, *, model: str = "gpt-5-mini", shape: Literal["response_format", "tool"] = "response_format",
           max_tokens: int = 0):
    if shape == "tool":  # the same model as a tool's parameters; tool_choice makes the model call it
        extra = {"tools": [openai.pydantic_function_tool(Trip, name="book_trip")],
                 "tool_choice": {"type": "function", "function": {"name": "book_trip"}}}
    else:  # the model as the answer's shape: the SDK sends its strict JSON schema
        extra = {"response_format": Trip}
    if max_tokens:  # a cap the JSON may not fit in: the stream then raises LengthFinishReasonError
        extra["max_completion_tokens"] = max_tokens
    messages = [{"role": "user", "content": prompt}]
    shown = state = None
    with client.chat.completions.stream(model=model, messages=messages, **extra) as events:
        for event in events:
            if event.type == "content.delta":  # a slice of the JSON, and the object parsed from all so far
                yield event.delta
                state = event.parsed
            elif event.type == "tool_calls.function.arguments.delta":  # the same for a tool call's arguments
                yield event.arguments_delta
                state = event.parsed_arguments
            elif event.type == "refusal.delta":  # a refusal is not JSON: it streams in a field of its own
                yield "refusal", event.delta
            if state != shown:  # a new state when a value is complete: strings appear whole
                shown = state
                yield "parsed", json.dumps(state, ensure_ascii=False) + "\n"
        message = events.get_final_completion().choices[0].message
    for call in message.tool_calls or []:  # validated at the end: a Trip, no longer a dict
        yield "parsed", f"{call.function.name} → {call.function.parsed_arguments!r}\n"
    if message.parsed:  # None after a refusal
        yield "parsed", f".parsed → {message.parsed!r}\n"


if __name__ == "__main__":
    try:
        import _standalone  # in StreamLab's repository: options on the command line, the mock when no key is set
    except ImportError:  # a copy on its own: the SDK reads OPENAI_API_KEY and OPENAI_BASE_URL itself
        import openai

        for piece in stream(openai.OpenAI(), PROMPT):
            print(piece if isinstance(piece, str) else f"\n[{piece[0]}] {piece[1]}", end="", flush=True)
    else:
        _standalone.run()
