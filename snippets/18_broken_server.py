"""Lesson 18: two server-side bugs from the tutorials, each run broken, then fixed: what the other requests wait for."""

import asyncio
import contextvars
import queue
import time
from concurrent.futures import ThreadPoolExecutor
from typing import Literal

import openai
from fastapi import FastAPI
from fastapi.responses import StreamingResponse

CLIENT = "openai"
PROMPT = "用两句话解释什么是流式输出大模型的回复。"
PANES = ("broken", "fixed")  # the tutorial's version runs first, then the fixed one
RANGES = {"read_timeout_s": (0.1, 10.0), "give_up_after_s": (0.5, 30.0)}
REQUEST_TIMEOUT_S = 10.0  # for the wait_for around create(...)
GET_CHAT = {"type": "http", "asgi": {"version": "3.0", "spec_version": "2.4"}, "http_version": "1.1",
            "method": "GET", "path": "/chat", "raw_path": b"/chat", "query_string": b"", "headers": [],
            "root_path": "", "scheme": "http", "server": ("127.0.0.1", 8000)}  # what a web server hands the app


async def two_requests(app, show):
    """Call the app as a web server does, on one event loop: request A, then B once A's first byte is out.
    Shows A's body as it goes out; returns when each body piece went out, and what it said."""
    sent, start, a_streams = {"A": [], "B": []}, time.perf_counter(), asyncio.Event()

    async def call(name):
        async def send(message):
            if message.get("body"):
                text = message["body"].decode()
                sent[name].append((time.perf_counter() - start, text))
                a_streams.set()
                if name == "A":
                    show(text)
        request = {"type": "http.request", "body": b"", "more_body": False}  # a GET: no body
        try:
            await app(GET_CHAT, lambda: asyncio.sleep(0, request), send)
        finally:
            a_streams.set()  # also when A fails before its first byte: B goes all the same

    first = asyncio.create_task(call("A"))
    await a_streams.wait()
    await asyncio.gather(first, call("B"))
    return sent


def server_waits(client, prompt, *, model, broken, **_):
    def answer():  # the sync client: each step waits for the network, holding whatever thread runs it
        for chunk in client.chat.completions.create(model=model, messages=[{"role": "user", "content": prompt}],
                                                    stream=True):
            for choice in chunk.choices:
                yield choice.delta.content or ""

    async def answer_in_async_def():  # BROKEN: inside `async def`, every wait blocks the server's event loop
        for piece in answer():
            yield piece

    app = FastAPI()

    @app.get("/chat")
    async def chat():  # FIXED: hand Starlette the plain generator; it runs each step in a worker thread
        return StreamingResponse(answer_in_async_def() if broken else answer(), media_type="text/plain")

    pieces = queue.SimpleQueue()
    with ThreadPoolExecutor(1) as pool:  # the server gets a thread of its own; A's body comes here as it goes out
        # a pool thread starts with empty context variables: hand it this thread's (tracing, or here the app's
        # record of this run's connections, which its Stop button cuts) so its requests belong to the same run
        served = pool.submit(contextvars.copy_context().run, asyncio.run, two_requests(app, pieces.put))
        served.add_done_callback(lambda _: pieces.put(None))
        while (piece := pieces.get()) is not None:
            yield piece
    sent = served.result()  # or what the server raised
    (a_first, _), (a_last, _), (b_first, _) = sent["A"][0], sent["A"][-1], sent["B"][0]
    yield (f"\n\nrequest A streamed from {a_first:.2f} s to {a_last:.2f} s; request B, due when A's first byte "
           f"went out, waited {b_first - a_first:.2f} s for its own first byte: "
           f"{'after A had finished' if b_first >= a_last else 'while A was still streaming'}\n")


def stall_guard(client, prompt, *, model, broken, read_timeout_s, give_up_after_s):
    async def shown():
        mock = {k: v for k, v in client.default_headers.items() if k.lower().startswith("x-mock-")}
        async with openai.AsyncOpenAI(api_key=client.api_key, base_url=client.base_url, max_retries=0,
                                      default_headers={"X-Mock-Fault": "stall"} | mock) as aclient:  # panel wins
            text, opened = "", None
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
                            return text
                        text += "".join(choice.delta.content or "" for choice in chunk.choices)
            except TimeoutError:
                if opened is None:
                    raise  # the request itself timed out: that is no stall
            waited = time.perf_counter() - opened
            return text + (f"\n✗ still waiting {waited:.1f} s into the stream: this demo's cap stopped it, a server "
                           "would wait for ever\n" if broken else f"\n✓ no chunk for {read_timeout_s} s: gave up "
                           f"{waited:.1f} s into the stream, the text so far kept\n")

    yield asyncio.run(shown())


def stream(client, prompt, *, model: str = "gpt-5-mini",
           bug: Literal["sync_in_async", "wait_for_stall"] = "sync_in_async",
           read_timeout_s: float = 1.0, give_up_after_s: float = 3.0):
    options = dict(model=model, read_timeout_s=read_timeout_s, give_up_after_s=give_up_after_s)
    case = server_waits if bug == "sync_in_async" else stall_guard
    try:
        for piece in case(client, prompt, broken=True, **options):
            yield "broken", piece
    except openai.OpenAIError as exc:  # the provider failed: show how, then run the fixed version
        yield "broken", f"\n✗ {type(exc).__name__}: {(str(exc).strip() or 'no message').splitlines()[0]}\n"
    for piece in case(client, prompt, broken=False, **options):  # a provider's failure ends the run
        yield "fixed", piece


if __name__ == "__main__":
    try:
        import _standalone  # in StreamLab's repository: options on the command line, the mock when no key is set
    except ImportError:  # a copy on its own: the SDK reads OPENAI_API_KEY and OPENAI_BASE_URL itself
        import openai

        for piece in stream(openai.OpenAI(), PROMPT):
            print(piece if isinstance(piece, str) else f"\n[{piece[0]}] {piece[1]}", end="", flush=True)
    else:
        _standalone.run()
