"""Lesson 19: a sync client inside `async def` on a server, run broken, then fixed: what the next request waits for."""

import asyncio
import contextvars
import queue
import time
from concurrent.futures import ThreadPoolExecutor

import openai
from fastapi import FastAPI
from fastapi.responses import StreamingResponse

CLIENT = "openai"
PROMPT = "用两句话解释什么是流式输出大模型的回复。"
PANES = ("broken", "fixed")  # the tutorial's version runs first, then the fixed one
GET_CHAT = {"type": "http", "method": "GET", "path": "/chat", "query_string": b"", "headers": []}  # for the app


async def two_requests(app, show):
    """Call the app as a web server does, on one loop: A, then B once A's first byte is out. → what each sent, when"""
    sent, start, a_streams = {"A": [], "B": []}, time.perf_counter(), asyncio.Event()

    async def call(name):
        async def send(message):
            if message.get("body"):
                text = message["body"].decode()
                sent[name].append((time.perf_counter() - start, text))
                a_streams.set()
                if name == "A":
                    show(text)
        try:
            await app(GET_CHAT, lambda: asyncio.sleep(0, {"type": "http.request", "body": b""}), send)  # no body
        finally:
            a_streams.set()  # also when A fails before its first byte: B goes all the same

    first = asyncio.create_task(call("A"))
    await a_streams.wait()
    await asyncio.gather(first, call("B"))
    return sent


def server_waits(client, prompt, *, model, broken):
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
        # a pool thread starts with no context variables: hand it this one's (the app's record of the run's sockets)
        served = pool.submit(contextvars.copy_context().run, asyncio.run, two_requests(app, pieces.put))
        served.add_done_callback(lambda _: pieces.put(None))
        while (piece := pieces.get()) is not None:
            yield piece
    sent = served.result()  # or what the server raised
    (a_first, _), (a_last, _), (b_first, _) = sent["A"][0], sent["A"][-1], sent["B"][0]
    yield (f"\n\nrequest A streamed from {a_first:.2f} s to {a_last:.2f} s; request B, due when A's first byte "
           f"went out, waited {b_first - a_first:.2f} s for its own first byte: "
           f"{'after A had finished' if b_first >= a_last else 'while A was still streaming'}\n")


def stream(client, prompt, *, model: str = "gpt-5-mini"):
    try:
        for piece in server_waits(client, prompt, model=model, broken=True):
            yield "broken", piece
    except openai.OpenAIError as exc:  # the provider failed: show how, then run the fixed version
        yield "note", ("broken", f"\n✗ {type(exc).__name__}: {(str(exc).strip() or 'no message').splitlines()[0]}\n")
    for piece in server_waits(client, prompt, model=model, broken=False):  # a provider's failure ends the run
        yield "fixed", piece


if __name__ == "__main__":
    try:
        import _standalone  # in StreamLab's repository: options on the command line, the mock when no key is set
    except ImportError:  # a copy on its own: the SDK reads OPENAI_API_KEY and OPENAI_BASE_URL itself
        for piece in stream(openai.OpenAI(), PROMPT):
            print(piece if isinstance(piece, str) else f"\n[{piece[0]}] {piece[1]}", end="", flush=True)
    else:
        _standalone.run()
