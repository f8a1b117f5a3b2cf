"""Lesson 8: read the raw SSE lines off the wire, parse them by hand, and print the same request as curl."""

import json
import shlex
from typing import Literal

CLIENT = "openai"
PROMPT = "Say hello in five words."
PANES = ("output", "wire", "parsed", "curl")


def stream(client, prompt, *, model: str = "gpt-5-mini", wire: Literal["openai", "anthropic"] = "openai",
           max_tokens: int = 0):
    body = {"model": model, "messages": [{"role": "user", "content": prompt}], "stream": True}
    if wire == "openai":
        api, path, key, headers = client.chat.completions, "chat/completions", "OPENAI_API_KEY", {}
        body |= {"max_completion_tokens": max_tokens} if max_tokens else {}
    else:
        api, path, key = client.messages, "v1/messages", "ANTHROPIC_API_KEY"
        headers = {"anthropic-version": client.default_headers["anthropic-version"]}
        body["max_tokens"] = max_tokens or 1024
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
            choice = (data.get("choices") or [{}])[0]  # an OpenAI chunk (the usage chunk has no choices)
            delta = choice.get("delta") or data.get("delta") or {}  # … or an Anthropic event
            text = delta.get("content") or delta.get("text")
            end = choice.get("finish_reason") or delta.get("stop_reason")
            ending = f", finished: {end}" if end else ""
            yield "parsed", f"{data.get('type') or data.get('object')}: text={text!r}{ending}\n"
            if text:
                yield text
    auth = f'-H "Authorization: Bearer ${key}" -H "Content-Type: application/json"'
    extra = "".join(f' -H "{name}: {value}"' for name, value in headers.items())
    yield "curl", f"curl -N {client.base_url}{path} {auth}{extra} -d {shlex.quote(json.dumps(body))}\n"


if __name__ == "__main__":
    import _standalone  # a key from .env, or the mock started in this process

    _standalone.run()
