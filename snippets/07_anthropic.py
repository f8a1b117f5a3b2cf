"""Lesson 7: Anthropic's Messages stream: named events, the SDK's helper events, tool input as partial JSON."""

import json

CLIENT = "anthropic"
PROMPT = "Describe the life of a streamed message, from the first event to the last."
PANES = ("output", "events", "tool input")
TOOLS = [{
    "name": "get_weather",
    "description": "Current weather for a city.",
    "input_schema": {"type": "object", "properties": {"city": {"type": "string"}}, "required": ["city"]},
}]


def stream(client, prompt, *, model: str = "claude-haiku-4-5", tools: bool = False):
    extra = {"tools": TOOLS} if tools else {}
    messages = [{"role": "user", "content": prompt}]
    with client.messages.stream(model=model, max_tokens=1024, messages=messages, **extra) as events:
        for event in events:
            if event.type == "text":  # a helper event after each text delta: what `events.text_stream` yields
                yield event.text
            elif event.type == "input_json":  # a helper event: the JSON piece, and the tool input parsed so far
                yield "tool input", f"+ {event.partial_json!r:<24} → {json.dumps(event.snapshot)}\n"
            elif event.type == "content_block_start":
                yield "events", f"content_block_start  {event.content_block.type}\n"
            elif event.type == "content_block_delta":
                yield "events", f"content_block_delta  {event.delta.type}\n"
            else:
                yield "events", f"{event.type}\n"
        message = events.get_final_message()  # the whole message, assembled by the SDK from the events
    yield "events", f"\nstop_reason: {message.stop_reason}\n"
    yield "usage", {"input_tokens": message.usage.input_tokens, "output_tokens": message.usage.output_tokens}


if __name__ == "__main__":
    import _standalone  # a key from .env, or the mock started in this process

    _standalone.run()
