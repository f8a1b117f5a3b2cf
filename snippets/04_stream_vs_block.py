"""Lesson 4: the same prompt streamed and not streamed, at the same time: when does the reader see text?"""

import asyncio
import time

CLIENT = "async_openai"
PROMPT = "Write a short paragraph about why streaming makes apps feel faster."
PANES = ("streaming", "blocking", "timing")
MEASURE = ("streaming", "blocking")  # the metrics set the two side by side


async def stream(client, prompt, *, model: str = "gpt-5-mini"):
    messages = [{"role": "user", "content": prompt}]
    queue = asyncio.Queue()  # both requests put what they show here; the loop below yields it
    start = time.perf_counter()

    def timing(name, first, total):
        return "timing", f"{name:<9}  first text {first:5.2f} s   total {total:5.2f} s\n"

    async def streaming():
        first = None
        async with await client.chat.completions.create(model=model, messages=messages, stream=True) as chunks:
            async for chunk in chunks:
                if chunk.choices and chunk.choices[0].delta.content:
                    first = first or time.perf_counter() - start
                    queue.put_nowait(("streaming", chunk.choices[0].delta.content))
        queue.put_nowait(timing("streaming", first or 0.0, time.perf_counter() - start))

    async def blocking():
        reply = await client.chat.completions.create(model=model, messages=messages)
        done = time.perf_counter() - start  # one reading: its first text is its whole answer
        queue.put_nowait(("blocking", reply.choices[0].message.content))
        queue.put_nowait(timing("blocking", done, done))

    tasks = [asyncio.create_task(streaming()), asyncio.create_task(blocking())]
    both = asyncio.gather(*tasks)
    both.add_done_callback(lambda _: queue.put_nowait(None))  # ends the loop below
    try:
        while (item := await queue.get()) is not None:
            yield item
        await both  # raises the first error, if there was one
    finally:
        for task in tasks:
            task.cancel()  # Stop, or an error in one request, must not leave the other running


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
