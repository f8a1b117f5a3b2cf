"""Lesson 16: serve the stream to a browser as typed Server-Sent Events from our own endpoint."""

import json
import uuid
from typing import Literal

import httpx2
import openai

CLIENT = "async_openai"
PROMPT = "Explain how EventSource works in the browser."
PANES = ("output", "wire")  # the text the page shows; the SSE frames it receives
PAGE = "assets/web/chat.html"  # the browser page this tab embeds
PAGE_SCRIPT = "assets/web/chat.js"  # its JavaScript, shown beside this file
USAGE_FIELDS = {"prompt_tokens", "completion_tokens", "total_tokens"}
SAFE_MESSAGES = {401: "The provider rejected the server's API key.",
                 429: "The provider is rate limiting this server; try again in a moment."}
READ_TIMEOUT_S = 10.0  # no bytes from the provider for this long: the stream has stalled


def sse(event: str, data: dict) -> str:
    return f"event: {event}\ndata: {json.dumps(data, ensure_ascii=False)}\n\n"  # UTF-8: 你好 as written


def explain(exc: Exception) -> str:  # short and safe: no traceback, nothing that could echo a key
    status = getattr(exc, "status_code", None) or 0
    if status in SAFE_MESSAGES or status >= 500:
        return SAFE_MESSAGES.get(status, f"The provider had a server error ({status}); try again.")
    if isinstance(exc, (httpx2.TimeoutException, openai.APITimeoutError)):
        return "The provider stopped sending; the server gave up waiting for the rest of the answer."
    if isinstance(exc, (httpx2.TransportError, openai.APIConnectionError)):
        return "The connection to the provider dropped in the middle of the answer."
    if isinstance(exc, ValueError):
        return "The provider sent a chunk that is not valid JSON."
    return "The provider ended the stream with an error."


async def events(client, prompt, *, model, fault="none", session_id="", read_timeout_s=READ_TIMEOUT_S):
    """Our protocol's events as (type, data): stream_start, stream_chunk…, then stream_end or one error."""
    yield "stream_start", {"message_id": f"msg_{uuid.uuid4().hex}", "session_id": session_id or uuid.uuid4().hex}
    finish_reason, usage = None, None
    try:
        chunks = await client.chat.completions.create(
            model=model, messages=[{"role": "user", "content": prompt}], stream=True,
            stream_options={"include_usage": True}, timeout=openai.Timeout(30.0, read=read_timeout_s),
            extra_headers={"X-Mock-Fault": fault} if fault != "none" else None)
        async with chunks:
            async for chunk in chunks:
                usage = chunk.usage.model_dump(include=USAGE_FIELDS) if chunk.usage else usage
                for choice in chunk.choices:  # the usage chunk has none
                    if choice.delta.content:
                        yield "stream_chunk", {"chunk": choice.delta.content}
                    finish_reason = choice.finish_reason or finish_reason
    except Exception as exc:  # end with an `error` event, never with a cut-off response
        yield "error", {"message": explain(exc)}
        return
    yield "stream_end", {"finish_reason": finish_reason, "usage": usage}


async def sse_events(client, prompt, **options):  # the endpoint's body: GET /api/chat/stream
    async for event, data in events(client, prompt, **options):
        yield sse(event, data)


async def stream(client, prompt, *, model: str = "gpt-5-mini",
                 fault: Literal["none", "server_error", "overloaded", "rate_limit", "auth", "stall", "disconnect",
                               "error_event", "malformed", "split"] = "none"):
    text = ""
    async for event, data in events(client, prompt, model=model, fault=fault):
        yield "wire", sse(event, data)  # the exact text the browser receives
        if event == "stream_chunk":
            text += data["chunk"]
            yield data["chunk"]  # what the page shows
        elif event == "error":
            yield "status", f"{'incomplete' if text else 'failed'}: the page got an error event: {data['message']}"


if __name__ == "__main__":
    try:
        import _standalone  # in StreamLab's repository: options on the command line, the mock when no key is set
    except ImportError:  # a copy on its own: the SDK reads OPENAI_API_KEY and OPENAI_BASE_URL itself
        import asyncio

        async def main():
            async for piece in stream(openai.AsyncOpenAI(), PROMPT):
                print(piece if isinstance(piece, str) else f"\n[{piece[0]}] {piece[1]}", end="", flush=True)

        asyncio.run(main())
    else:
        _standalone.run()
