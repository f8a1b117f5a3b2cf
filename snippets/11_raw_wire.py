"""Lesson 11: read the raw SSE lines off the wire, parse them by hand, and print the same request as curl."""

import json
import shlex
from typing import Literal

CLIENT = "openai"
PROMPT = "Say hello in five words."
PANES = ("output", "wire", "parsed", "curl")
WEATHER = {"name": "get_weather", "description": "Current weather for a city.",
           "parameters": {"type": "object", "properties": {"city": {"type": "string"}}, "required": ["city"]}}


def fields_of(data):
    """What one parsed event carries: text, a tool call's name or argument fragment, why the answer ended."""
    choice = (data.get("choices") or [{}])[0]  # an OpenAI chunk (the usage chunk has no choices)
    delta = choice.get("delta") or data.get("delta") or {}  # … or an Anthropic event
    call = (delta.get("tool_calls") or [{}])[0].get("function") or data.get("content_block") or {}
    return {"text": delta.get("content") or delta.get("text"), "tool": call.get("name"),
            "arguments": call.get("arguments") or delta.get("partial_json"),
            "finished": choice.get("finish_reason") or delta.get("stop_reason")}


def stream(client, prompt, *, model: str = "gpt-5-mini", wire: Literal["openai", "anthropic"] = "openai",
           max_tokens: int = 0, tools: bool = False):
    body = {"model": model, "messages": [{"role": "user", "content": prompt}], "stream": True}
    if wire == "openai":
        api, path, headers = client.chat.completions, "chat/completions", {"Authorization": "Bearer $OPENAI_API_KEY"}
        body |= {"max_completion_tokens": max_tokens} if max_tokens else {}
        body |= {"tools": [{"type": "function", "function": WEATHER}], "tool_choice": "required"} if tools else {}
    else:
        api, path = client.messages, "v1/messages"
        headers = {"x-api-key": "$ANTHROPIC_API_KEY", "anthropic-version": client.default_headers["anthropic-version"]}
        body["max_tokens"] = max_tokens or 1024
        tool = {"name": WEATHER["name"], "description": WEATHER["description"], "input_schema": WEATHER["parameters"]}
        body |= {"tools": [tool], "tool_choice": {"type": "any"}} if tools else {}
    headers |= {k: v for k, v in client.default_headers.items() if k.lower().startswith("x-mock-")}
    with api.with_streaming_response.create(**body) as response:
        for line in response.iter_lines():  # each SSE line as it arrives, before any parsing
            yield "wire", line + "\n"
            if not line.startswith("data:"):
                continue  # `event:` names, and the blank line that ends each event
            payload = line[len("data:"):].strip()
            if payload == "[DONE]":
                yield "parsed", "[DONE]: end of stream\n"
                continue
            data = json.loads(payload)
            if "error" in data:  # an error inside a 200 OK stream: what arrived so far is not the whole answer
                yield "parsed", f"error: {data['error']}\n"
                raise RuntimeError(f"The stream carried an error event: {data['error'].get('message')}")
            fields = fields_of(data)
            shown = [f"{name}={value!r}" for name, value in fields.items() if value and name != "finished"]
            shown += [f"finished: {fields['finished']}"] if fields["finished"] else []
            yield "parsed", f"{data.get('type') or data.get('object')}{': ' if shown else ''}{', '.join(shown)}\n"
            if fields["text"]:
                yield fields["text"]
    headers["Content-Type"] = "application/json"
    extra = "".join(f' -H "{name}: {value}"' for name, value in headers.items())
    quoted = shlex.quote(json.dumps(body, ensure_ascii=False))  # 你好 as typed, not \u4f60\u597d
    yield "curl", f"curl -N {client.base_url}{path}{extra} -d {quoted}\n"


if __name__ == "__main__":
    try:
        import _standalone  # in StreamLab's repository: options on the command line, the mock when no key is set
    except ImportError:  # a copy on its own: the SDK reads OPENAI_API_KEY and OPENAI_BASE_URL itself
        import openai

        for piece in stream(openai.OpenAI(), PROMPT):
            print(piece if isinstance(piece, str) else f"\n[{piece[0]}] {piece[1]}", end="", flush=True)
    else:
        _standalone.run()
