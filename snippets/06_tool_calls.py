"""Lesson 6: stream tool calls: gather argument fragments by index, run the tools, stream the answer."""

import json

CLIENT = "openai"
PROMPT = "What's the weather in Paris and Tokyo right now?"
PANES = ("output", "tool calls")
TOOLS = [{"type": "function", "function": {
    "name": "get_weather",
    "description": "Current weather for a city.",
    "parameters": {"type": "object", "properties": {"city": {"type": "string"}}, "required": ["city"]},
}}]


def get_weather(city):
    """A local fake tool: the same city always gets the same weather."""
    degrees = 5 + sum(map(ord, city)) % 25
    return {"city": city, "temperature_c": degrees, "sky": "sunny" if degrees > 15 else "cloudy"}


def stream(client, prompt, *, model: str = "gpt-5-mini"):
    messages = [{"role": "user", "content": prompt}]
    for _ in range(3):  # model → tools → model; a cap so a model that keeps calling tools cannot loop forever
        calls, finish = {}, None
        with client.chat.completions.create(model=model, messages=messages, tools=TOOLS, stream=True) as chunks:
            for chunk in chunks:
                for choice in chunk.choices:  # empty in a usage-only chunk
                    finish = choice.finish_reason or finish
                    if choice.delta.content:
                        yield choice.delta.content
                    for part in choice.delta.tool_calls or []:
                        call = calls.setdefault(part.index, {"id": "", "name": "", "arguments": ""})
                        call["id"] = part.id or call["id"]
                        if part.function:
                            call["name"] = part.function.name or call["name"]
                            call["arguments"] += part.function.arguments or ""
                            yield "tool calls", f"[{part.index}] {call['name']} += {part.function.arguments!r}\n"
        if finish != "tool_calls":
            return
        messages.append({"role": "assistant", "content": None, "tool_calls": [
            {"id": c["id"], "type": "function", "function": {"name": c["name"], "arguments": c["arguments"]}}
            for c in calls.values()]})
        for call in calls.values():
            result = json.dumps(get_weather(**json.loads(call["arguments"])), ensure_ascii=False)  # 北京, not \u5317
            yield "tool calls", f"get_weather({call['arguments']}) → {result}\n"
            messages.append({"role": "tool", "tool_call_id": call["id"], "content": result})


if __name__ == "__main__":
    try:
        import _standalone  # in StreamLab's repository: options on the command line, the mock when no key is set
    except ImportError:  # a copy on its own: the SDK reads OPENAI_API_KEY and OPENAI_BASE_URL itself
        import openai

        for piece in stream(openai.OpenAI(), PROMPT):
            print(piece if isinstance(piece, str) else f"\n[{piece[0]}] {piece[1]}", end="", flush=True)
    else:
        _standalone.run()
