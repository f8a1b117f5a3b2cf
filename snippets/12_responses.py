"""Lesson 12: the Responses API streams typed events: text deltas, argument deltas, usage on completion."""

CLIENT = "openai"
WIRE = "responses"  # the tab names the Responses format, not the client's usual Chat Completions
PROMPT = "Summarise the difference between the Responses API and Chat Completions."
PANES = ("output", "events", "arguments")
TOOLS = [{
    "type": "function",
    "name": "get_weather",
    "description": "Current weather for a city.",
    "parameters": {"type": "object", "properties": {"city": {"type": "string"}}, "required": ["city"],
                   "additionalProperties": False},
    "strict": True,
}]


def stream(client, prompt, *, model: str = "gpt-5-mini", tools: bool = False):
    extra = {"tools": TOOLS} if tools else {}
    with client.responses.create(model=model, input=prompt, stream=True, **extra) as events:
        for event in events:  # every event names its type: dispatch on it
            yield "events", f"{event.type}\n"
            if event.type == "response.output_text.delta":
                yield event.delta
            elif event.type == "response.output_item.added" and event.item.type == "function_call":
                yield "arguments", f"{event.item.name}("
            elif event.type == "response.function_call_arguments.delta":
                yield "arguments", event.delta
            elif event.type == "response.function_call_arguments.done":
                yield "arguments", ")\n"
            elif event.type == "error":  # a failure inside the 200 OK stream: the text so far is incomplete
                raise RuntimeError(f"The stream carried an error event: {event.message}")
            elif event.type == "response.completed":
                usage = event.response.usage
                yield "usage", {"input_tokens": usage.input_tokens, "output_tokens": usage.output_tokens,
                                "total_tokens": usage.total_tokens}


if __name__ == "__main__":
    try:
        import _standalone  # in StreamLab's repository: options on the command line, the mock when no key is set
    except ImportError:  # a copy on its own: the SDK reads OPENAI_API_KEY and OPENAI_BASE_URL itself
        import openai

        for piece in stream(openai.OpenAI(), PROMPT):
            print(piece if isinstance(piece, str) else f"\n[{piece[0]}] {piece[1]}", end="", flush=True)
    else:
        _standalone.run()
