"""Lesson 15: several prompts streamed at once with asyncio.gather; one shared client, or one per request."""

import asyncio
import time
from typing import Literal

import openai

CLIENT = "async_openai"
PROMPT = "Name three rivers.\nName three mountains.\nName three deserts."
PANES = ("answer 1", "answer 2", "answer 3", "timing")
MEASURE = ("answer 1", "answer 2", "answer 3")  # the metrics show each answer's own figures


async def stream(client, prompt, *, model: str = "gpt-5-mini",
                 clients: Literal["shared", "per request"] = "shared"):
    questions = [line.strip() for line in prompt.splitlines() if line.strip()][:3]  # one pane each
    queue = asyncio.Queue()
    start = time.perf_counter()

    async def ask(pane, question):
        # copy() alone would share the connection pool; a new HTTP client gives this request its own.
        own = client if clients == "shared" else client.copy(http_client=openai.DefaultAsyncHttpxClient())
        first = None
        try:
            messages = [{"role": "user", "content": question}]
            async with await own.chat.completions.create(model=model, messages=messages, stream=True) as chunks:
                async for chunk in chunks:
                    if chunk.choices and chunk.choices[0].delta.content:
                        first = first or time.perf_counter() - start
                        queue.put_nowait((pane, chunk.choices[0].delta.content))
        finally:
            if own is not client:
                await own.close()  # a client of your own must be closed, or its connections leak
        done = time.perf_counter() - start
        queue.put_nowait(("timing", f"{pane}: first token {first or 0:.3f} s, done {done:.3f} s\n"))

    tasks = [asyncio.create_task(ask(f"answer {i}", q)) for i, q in enumerate(questions, 1)]
    everything = asyncio.gather(*tasks)
    everything.add_done_callback(lambda _: queue.put_nowait(None))
    try:
        while (item := await queue.get()) is not None:
            yield item
        await everything
    finally:
        for task in tasks:
            task.cancel()
    wall = time.perf_counter() - start
    yield "timing", f"all {len(questions)} ({clients} client): {wall:.3f} s wall time\n"


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
