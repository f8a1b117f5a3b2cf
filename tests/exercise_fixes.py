"""Fixed versions of the exercises' starting code (exercises/): what a learner who solved them may write."""

FIXED_PARSER = '''
import codecs
import json

CLIENT = "openai"


def sse_events(reads):
    decoder, buffer = codecs.getincrementaldecoder("utf-8")(), ""
    for raw in reads:
        buffer += decoder.decode(raw)
        *events, buffer = buffer.split("\\n\\n")
        for event in events:
            for line in event.split("\\n"):
                if line == "data: [DONE]":
                    return
                if line.startswith("data: "):
                    yield json.loads(line[len("data: "):])


def stream(client, prompt, *, model: str = "gpt-5-mini"):
    with client.chat.completions.with_streaming_response.create(
        model=model, messages=[{"role": "user", "content": prompt}], stream=True,
    ) as response:
        for event in sse_events(response.iter_bytes()):
            for choice in event["choices"]:
                yield choice["delta"].get("content") or ""
'''
FIXED_CALL = '''
CLIENT = "openai"


def stream(client, prompt, *, model: str = "gpt-5-mini"):
    chunks = client.chat.completions.create(
        model=model, messages=[{"role": "user", "content": prompt}], stream=True,
        stream_options={"include_usage": True},
    )
    for chunk in chunks:
        for choice in chunk.choices:
            yield choice.delta.content or ""
'''
