"""Sending a reply over HTTP: paced SSE frames, stream faults, and noticing at once when the client goes away.

Starlette's StreamingResponse only watches for `http.disconnect` on ASGI spec < 2.4 and otherwise relies on
`send` failing, which never happens for a stream that is waiting (a stall, a long TTFT). So these responses
always run the body next to a task that waits for `http.disconnect`, and cancel the body when it comes.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator, Callable, Iterable

from .faults import SPLIT_GAP_S, split_frame
from .pacing import Clock, Pacing
from .stats import Stats

META, TOKEN, END = "meta", "token", "end"  # END frames are left out when a fault cuts the stream short
Frame = tuple[str, bytes]


class AbortConnection(Exception):
    """Raised on purpose to make the server drop the connection mid-response (the `disconnect` fault)."""


class _HideAborts(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        return not (record.exc_info and isinstance(record.exc_info[1], AbortConnection))


def hide_abort_tracebacks() -> None:
    """Keep uvicorn from logging our deliberate aborts as application errors (idempotent)."""
    logger = logging.getLogger("uvicorn.error")
    if not any(isinstance(f, _HideAborts) for f in logger.filters):
        logger.addFilter(_HideAborts())


async def _wait_for_disconnect(receive) -> None:
    while (await receive())["type"] != "http.disconnect":
        pass


async def until_disconnect(work, receive) -> bool:
    """Run the coroutine `work`; if the client disconnects first, cancel it. True when the client went away."""
    task = asyncio.ensure_future(work)
    watcher = asyncio.ensure_future(_wait_for_disconnect(receive))
    try:
        done, _ = await asyncio.wait({task, watcher}, return_when=asyncio.FIRST_COMPLETED)
        if task in done:
            task.result()
            return False
        task.cancel()
        await asyncio.gather(task, return_exceptions=True)
        return True
    finally:
        for pending in (task, watcher):
            pending.cancel()


class Driver:
    """Turns a provider's frames into paced bytes, applying a stream fault if one was asked for."""

    def __init__(self, frames: Iterable[Frame], pacing: Pacing, tokens: int, fault: str | None,
                 error_frame: Callable[[int], bytes], malformed_frame: bytes, stall_after: int = 0):
        self.frames, self.pacing, self.tokens, self.fault = frames, pacing, tokens, fault
        self.error_frame, self.malformed_frame = error_frame, malformed_frame
        self.stall_after = stall_after  # with the `stall` fault: tokens sent before the silence
        self.outcome = "completed"

    def _cut_after(self) -> int:
        return max(1, min(5, self.tokens // 3))

    async def __aiter__(self) -> AsyncIterator[bytes]:
        delays = self.pacing.delays(self.tokens)
        clock = Clock()
        tokens_sent = frames_sent = 0
        for kind, data in self.frames:
            cut_here = (kind == TOKEN and tokens_sent == self._cut_after()) or kind == END
            if cut_here and self.fault in ("disconnect", "error_event", "malformed"):
                if self.fault == "disconnect":
                    raise AbortConnection("mock fault: disconnect")
                if self.fault == "error_event":
                    self.outcome = "failed"
                    yield self.error_frame(frames_sent)
                    return
                self.fault = None
                yield self.malformed_frame
            if kind == TOKEN and self.fault == "stall" and tokens_sent == self.stall_after:
                await asyncio.Event().wait()  # silence until the client gives up
            if frames_sent == 0 and not (self.fault == "stall" and self.stall_after == 0):
                await clock.pause(delays[0], 1)
            elif kind == TOKEN and tokens_sent:
                await clock.pause(delays[min(tokens_sent, len(delays) - 1)], frames_sent)
            elif self.pacing.instant:
                await clock.pause(0, frames_sent)
            tokens_sent += kind == TOKEN
            frames_sent += 1
            if self.fault != "split":
                yield data
                continue
            for i, piece in enumerate(split_frame(data, frames_sent - 1)):
                if i:
                    await asyncio.sleep(SPLIT_GAP_S)
                yield piece


class EventStream:
    """An ASGI response carrying SSE frames; counts itself in `stats` from start to whichever end it meets."""

    def __init__(self, driver: Driver, stats: Stats, headers: dict[str, str]):
        self.driver, self.stats = driver, stats
        self.headers = {"content-type": "text/event-stream; charset=utf-8", "cache-control": "no-cache",
                        "x-accel-buffering": "no", **headers}

    async def _send_all(self, send) -> None:
        raw = [(k.encode(), v.encode()) for k, v in self.headers.items()]
        await send({"type": "http.response.start", "status": 200, "headers": raw})
        async for data in self.driver:
            await send({"type": "http.response.body", "body": data, "more_body": True})
            self.stats.chunks_sent += 1
        await send({"type": "http.response.body", "body": b"", "more_body": False})

    async def __call__(self, scope, receive, send) -> None:
        self.stats.stream_started()
        outcome = "cancelled"
        try:
            gone = await until_disconnect(self._send_all(send), receive)
            outcome = "cancelled" if gone else self.driver.outcome
        except AbortConnection:
            outcome = "aborted"
            raise
        finally:
            self.stats.stream_ended(outcome)


class DelayedJSON:
    """A non-streaming reply: the whole body after the whole generation time, or a fault instead."""

    def __init__(self, body: bytes, delay: float, fault: str | None, headers: dict[str, str]):
        self.body, self.delay, self.fault = body, delay, fault
        self.headers = {"content-type": "application/json", "content-length": str(len(body)), **headers}

    async def _respond(self, send) -> None:
        if self.fault == "stall":
            await asyncio.Event().wait()
        if self.delay > 0:
            await asyncio.sleep(self.delay)
        raw = [(k.encode(), v.encode()) for k, v in self.headers.items()]
        await send({"type": "http.response.start", "status": 200, "headers": raw})
        if self.fault == "disconnect":
            await send({"type": "http.response.body", "body": self.body[: len(self.body) // 2], "more_body": True})
            raise AbortConnection("mock fault: disconnect")
        await send({"type": "http.response.body", "body": self.body, "more_body": False})

    async def __call__(self, scope, receive, send) -> None:
        await until_disconnect(self._respond(send), receive)
