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
    try:
        import _standalone  # in StreamLab's repository: options on the command line, the mock when no key is set
    except ImportError:  # a copy on its own: the SDK reads OPENAI_API_KEY and OPENAI_BASE_URL itself
        import asyncio

        import openai

        async def main():
            async for piece in stream(openai.AsyncOpenAI(), PROMPT):
                print(piece if isinstance(piece, str) else f"\n[{piece[0]}] {piece[1]}", end="", flush=True)

        asyncio.run(main())
    else:
        _standalone.run()
