"""Lesson 2: the same stream with AsyncOpenAI, as an async generator."""

CLIENT = "async_openai"
PROMPT = "Write a haiku about waiting for the first token."


async def stream(client, prompt, *, model: str = "gpt-5-mini"):
    chunks = await client.chat.completions.create(
        model=model,
        messages=[{"role": "user", "content": prompt}],
        stream=True,
    )
    async with chunks:
        async for chunk in chunks:
            if chunk.choices and chunk.choices[0].delta.content:
                yield chunk.choices[0].delta.content


if __name__ == "__main__":
    import _standalone  # a key from .env, or the mock started in this process

    _standalone.run()
