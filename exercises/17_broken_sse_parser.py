"""Exercise 16: the tutorials' hand-written SSE parser, with their three bugs. Fix it, then press Check my fix."""

import json

CLIENT = "openai"
PROMPT = "用两句话解释什么是流式输出大模型的回复。"


def sse_events(reads):
    """The JSON of each `data:` line in the body's reads (bytes, cut wherever the network cut them)."""
    for raw in reads:
        text = raw.decode("utf-8")  # a read may end in the middle of a character
        for line in text.split("\n"):  # a line may be cut across two reads
            if line.startswith("data: "):
                yield json.loads(line[len("data: "):])  # the last event is "data: [DONE]"


def stream(client, prompt, *, model: str = "gpt-5-mini"):
    with client.chat.completions.with_streaming_response.create(
        model=model, messages=[{"role": "user", "content": prompt}], stream=True,
    ) as response:
        for event in sse_events(response.iter_bytes()):
            for choice in event["choices"]:
                yield choice["delta"].get("content") or ""
