"""Exercise 17: the tutorials' SDK call, with their two bugs. Fix it, then press Check my fix."""

import openai

CLIENT = "openai"
PROMPT = "用两句话解释什么是流式输出大模型的回复。"


def stream(client, prompt, *, model: str = "gpt-5-mini"):
    chunks = openai.ChatCompletion.create(  # the call of openai < 1.0; `client` is the SDK client of today
        model=model, messages=[{"role": "user", "content": prompt}], stream=True,
        stream_options={"include_usage": True},  # the last chunk carries the token counts
    )
    for chunk in chunks:
        yield chunk.choices[0].delta.content or ""
