"""Lesson 20: `wait_for` around the request leaves a stalled stream waiting; a deadline per chunk ends it."""

import asyncio
import contextvars
import queue
import time
from concurrent.futures import ThreadPoolExecutor

import openai

CLIENT = "openai"
PROMPT = "用两句话解释什么是流式输出大模型的回复。"
PANES = ("broken", "fixed")  # the tutorial's version runs first, then the fixed one
RANGES = {"read_timeout_s": (0.1, 10.0), "give_up_after_s": (0.5, 30.0)}
REQUEST_TIMEOUT_S = 10.0  # for the wait_for around create(...)
STALL = {"X-Mock-Fault": "stall", "X-Mock-Stall-After": "12"}  # the mock: 12 tokens, then silence


def stall_guard(client, prompt, *, model, broken, read_timeout_s, give_up_after_s):
    pieces = queue.SimpleQueue()  # the text as it arrives, from the thread the async client runs in

    async def read():
        mock = {k: v for k, v in client.default_headers.items() if k.lower().startswith("x-mock-")}
        async with openai.AsyncOpenAI(api_key=client.api_key, base_url=client.base_url, max_retries=0,
                                      default_headers=STALL | mock) as aclient:  # a fault picked in the panel wins
            opened = None
            try:
                async with asyncio.timeout(give_up_after_s):  # the demo's own cap, for the broken one
                    chunks = await asyncio.wait_for(aclient.chat.completions.create(  # guards the request only
                        model=model, messages=[{"role": "user", "content": prompt}], stream=True), REQUEST_TIMEOUT_S)
                    opened = time.perf_counter()  # the headers are in: from here on, only the stream can stall
                    while True:
                        if broken:
                            chunk = await anext(chunks, None)  # BROKEN: waits as long as the provider stays silent
                        else:
                            async with asyncio.timeout(read_timeout_s):  # FIXED: a deadline for every chunk
                                chunk = await anext(chunks, None)
                        if chunk is None:
                            return ""
                        pieces.put("".join(choice.delta.content or "" for choice in chunk.choices))
            except TimeoutError:
                if opened is None:
                    raise  # the request itself timed out: that is no stall
            waited = time.perf_counter() - opened
            return (f"\n✗ still waiting {waited:.1f} s into the stream: this demo's cap stopped it, a server would "
                    "wait for ever\n" if broken else f"\n✓ no chunk for {read_timeout_s} s: gave up {waited:.1f} s "
                    "into the stream, the text so far kept\n")

    with ThreadPoolExecutor(1) as pool:  # asyncio.run in a thread of its own, with this run's context (lesson 19)
        done = pool.submit(contextvars.copy_context().run, asyncio.run, read())
        done.add_done_callback(lambda _: pieces.put(None))
        while (piece := pieces.get()) is not None:
            yield piece
    yield done.result()  # the last line, or what the read raised


def stream(client, prompt, *, model: str = "gpt-5-mini", read_timeout_s: float = 1.0, give_up_after_s: float = 3.0):
    options = dict(model=model, read_timeout_s=read_timeout_s, give_up_after_s=give_up_after_s)
    try:
        for piece in stall_guard(client, prompt, broken=True, **options):
            yield "broken", piece
    except openai.OpenAIError as exc:  # the provider failed: show how, then run the fixed version
        yield "broken", f"\n✗ {type(exc).__name__}: {(str(exc).strip() or 'no message').splitlines()[0]}\n"
    for piece in stall_guard(client, prompt, broken=False, **options):  # a provider's failure ends the run
        yield "fixed", piece


if __name__ == "__main__":
    try:
        import _standalone  # in StreamLab's repository: options on the command line, the mock when no key is set
    except ImportError:  # a copy on its own: the SDK reads OPENAI_API_KEY and OPENAI_BASE_URL itself
        for piece in stream(openai.OpenAI(), PROMPT):
            print(piece if isinstance(piece, str) else f"\n[{piece[0]}] {piece[1]}", end="", flush=True)
    else:
        _standalone.run()
