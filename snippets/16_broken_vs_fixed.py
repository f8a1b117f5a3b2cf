"""Lesson 16: bugs from streaming tutorials that pass on a fast local connection; each runs broken, then fixed."""

import asyncio
import codecs
import json
import time
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
BUG_ERRORS = (UnicodeDecodeError, json.JSONDecodeError, IndexError, openai.OpenAIError)  # shown, not raised


def sse_events(reads, mistake=None):
    """SSE events parsed from the body's reads, as they fall; `mistake` makes one tutorial's error."""
    decoder, buffer = codecs.getincrementaldecoder("utf-8")(), ""
    for raw in reads:
        if mistake == "sse_decode":
            buffer += raw.decode("utf-8")  # BROKEN: a read that ends inside a character raises
        else:
            buffer += decoder.decode(raw)  # FIXED: the first bytes of a cut character wait for the rest
        if mistake == "sse_lines":
            lines, buffer = buffer.split("\n"), ""  # BROKEN: a line cut across two reads becomes two halves
        else:
            *events, buffer = buffer.split("\n\n")  # FIXED: only a blank line ends an event; the rest waits
            lines = "\n".join(events).split("\n")
        for line in lines:
            if line == "data: [DONE]" and mistake != "json_done":  # BROKEN without: json.loads("[DONE]") raises
                return
            if line.startswith("data: "):
                try:
                    yield json.loads(line[len("data: "):])
                except json.JSONDecodeError:
                    if mistake != "sse_lines":
                        raise
                    # BROKEN: the tutorial skips the half line it cannot parse, and the words in it are lost


def raw_sse(client, prompt, *, model, bug, broken, network, **_):
    split = network == "split" and not client.default_headers.get("X-Mock-Fault")  # a fault set in the panel wins
    with client.chat.completions.with_streaming_response.create(
        model=model, messages=[{"role": "user", "content": prompt}], stream=True,
        extra_headers={"X-Mock-Fault": "split"} if split else None,  # the mock cuts mid-line, mid-character
    ) as response:
        for event in sse_events(response.iter_bytes(), bug if broken else None):
            if "error" in event:
                raise RuntimeError(f"The stream carried an error event: {event['error'].get('message')}")
            for choice in event["choices"]:
                yield choice["delta"].get("content") or ""


def with_sdk(client, prompt, *, model, bug, broken, **_):
    messages = [{"role": "user", "content": prompt}]
    if broken and bug == "pre_v1_api":
        chunks = openai.ChatCompletion.create(model=model, messages=messages, stream=True)  # BROKEN: gone in 1.0
    else:
        chunks = client.chat.completions.create(model=model, messages=messages, stream=True,
                                                stream_options={"include_usage": True})
    with chunks:
        for chunk in chunks:
            if broken and bug == "choices_0":
                yield chunk.choices[0].delta.content or ""  # BROKEN: the last chunk, usage, has choices == []
                continue
            for choice in chunk.choices:  # FIXED: a chunk may carry no choice, or several
                yield choice.delta.content or ""


async def two_requests(app):
    """Call the app as a web server does, on one event loop: request A, then B once A's first byte is out.
    Returns when each body piece went out, and what it said."""
    sent, start, a_streams = {"A": [], "B": []}, time.perf_counter(), asyncio.Event()

    async def call(name):
        async def send(message):
            if message.get("body"):
                sent[name].append((time.perf_counter() - start, message["body"].decode()))
                a_streams.set()
        request = {"type": "http.request", "body": b"", "more_body": False}  # a GET: no body
        await app(GET_CHAT, lambda: asyncio.sleep(0, request), send)

    first = asyncio.create_task(call("A"))
    await a_streams.wait()
    await call("B")
    await first
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

    sent = asyncio.run(two_requests(app))
    (a_first, _), (a_last, _), (b_first, _) = sent["A"][0], sent["A"][-1], sent["B"][0]
    yield "".join(text for _, text in sent["A"])
    yield (f"\n\nrequest A streamed from {a_first:.2f} s to {a_last:.2f} s; request B, due when A's first byte "
           f"went out, waited {b_first - a_first:.2f} s for its own first byte: "
           f"{'after A had finished' if b_first >= a_last else 'while A was still streaming'}\n")


def stall_guard(client, prompt, *, model, broken, read_timeout_s, give_up_after_s, **_):
    async def answer(text, opened):
        mock = {k: v for k, v in client.default_headers.items() if k.lower().startswith("x-mock-")}
        async with openai.AsyncOpenAI(api_key=client.api_key, base_url=client.base_url, max_retries=0,
                                      default_headers={"X-Mock-Fault": "stall"} | mock) as aclient:  # panel wins
            chunks = await asyncio.wait_for(aclient.chat.completions.create(  # guards the request, not the stream
                model=model, messages=[{"role": "user", "content": prompt}], stream=True), REQUEST_TIMEOUT_S)
            opened.append(time.perf_counter())  # the headers are in: from here on, only the stream can stall
            while True:
                if broken:
                    chunk = await anext(chunks, None)  # BROKEN: waits as long as the provider stays silent
                else:
                    async with asyncio.timeout(read_timeout_s):  # FIXED: a deadline for every chunk
                        chunk = await anext(chunks, None)
                if chunk is None:
                    return
                text.extend(choice.delta.content or "" for choice in chunk.choices)

    async def shown():
        text, opened = [], []
        try:
            await asyncio.wait_for(answer(text, opened), give_up_after_s)  # the demo's own cap, for the broken one
            return "".join(text)
        except TimeoutError:
            if not opened:
                raise  # the request itself timed out: that is no stall
            waited = time.perf_counter() - opened[0]
            return "".join(text) + (f"\n✗ still waiting {waited:.1f} s into the stream: this demo's cap stopped it, "
                                    "a server would wait for ever" if broken else f"\n✓ no chunk for {read_timeout_s}"
                                    f" s: gave up {waited:.1f} s into the stream, the text so far kept") + "\n"

    yield asyncio.run(shown())


CASES = {"sse_lines": raw_sse, "sse_decode": raw_sse, "json_done": raw_sse, "choices_0": with_sdk,
         "pre_v1_api": with_sdk, "sync_in_async": server_waits, "wait_for_stall": stall_guard}


def stream(client, prompt, *, model: str = "gpt-5-mini",
           bug: Literal["sse_lines", "sse_decode", "json_done", "choices_0", "pre_v1_api", "sync_in_async",
                        "wait_for_stall"] = "sse_lines",
           network: Literal["split", "whole"] = "split", read_timeout_s: float = 1.0, give_up_after_s: float = 3.0):
    options = dict(model=model, bug=bug, network=network, read_timeout_s=read_timeout_s,
                   give_up_after_s=give_up_after_s)
    texts = {"broken": "", "fixed": ""}
    try:
        for piece in CASES[bug](client, prompt, broken=True, **options):
            texts["broken"] += piece
            yield "broken", piece
    except BUG_ERRORS as exc:  # the tutorial's code fails: show how, then run the fixed version
        yield "broken", f"\n✗ {type(exc).__name__}: {(str(exc).strip() or 'no message').splitlines()[0]}\n"
    for piece in CASES[bug](client, prompt, broken=False, **options):  # a provider's failure ends the run
        texts["fixed"] += piece
        yield "fixed", piece
    if bug == "sse_lines" and texts["broken"] != texts["fixed"]:
        yield "broken", f"\n✗ {len(texts['fixed']) - len(texts['broken'])} characters lost, with no error\n"


if __name__ == "__main__":
    try:
        import _standalone  # in StreamLab's repository: options on the command line, the mock when no key is set
    except ImportError:  # a copy on its own: the SDK reads OPENAI_API_KEY and OPENAI_BASE_URL itself
        import openai

        for piece in stream(openai.OpenAI(), PROMPT):
            print(piece if isinstance(piece, str) else f"\n[{piece[0]}] {piece[1]}", end="", flush=True)
    else:
        _standalone.run()
