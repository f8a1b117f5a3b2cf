"""Run a snippet's generator and hand on what it yields, in the web process or in a worker process.

An async generator runs as a task on the calling event loop, putting each item in a queue; a sync one runs in a
thread of its own, handing each item to `push`. Either ends with `END` after its last item; a failure becomes a
`Failure` item first. `close_client` closes a run's SDK client and its HTTP clients, best effort.
"""

from __future__ import annotations

import asyncio
import logging
import threading
from dataclasses import dataclass

from streamlab.engine.lessons import Lesson

log = logging.getLogger("streamlab.run")
END = object()  # the last item of every run


@dataclass
class Failure:
    error: BaseException


def _pump_thread(gen, push, halt: threading.Event) -> None:
    try:
        for item in gen:
            push(item)
            if halt.is_set():
                break
    except BaseException as exc:  # noqa: BLE001 - handed to the UI as a Failure
        push(Failure(exc))
    finally:
        try:
            gen.close()
        except BaseException as exc:  # noqa: BLE001
            log.debug("closing a snippet generator raised %s", type(exc).__name__)
        push(END)


async def _pump_task(agen, queue: asyncio.Queue) -> None:
    try:
        async for item in agen:
            queue.put_nowait(item)
    except Exception as exc:  # noqa: BLE001 - handed to the UI as a Failure
        queue.put_nowait(Failure(exc))
    finally:
        await agen.aclose()
        queue.put_nowait(END)


def start_pump(lesson: Lesson, gen, queue, push, halt: threading.Event, context):
    """Run a snippet's generator, here or in a worker process: an async one as a task on this loop, feeding
    `queue`; a sync one in a thread of its own, handing each item to `push`. Its connections are the `context`'s."""
    if lesson.is_async:
        return asyncio.create_task(_pump_task(gen, queue), context=context)
    thread = threading.Thread(target=context.run, args=(_pump_thread, gen, push, halt), daemon=True,
                              name=f"run-{lesson.stem}")
    thread.start()
    return thread


async def close_client(client) -> None:
    targets = (client, getattr(client, "http_client", None), getattr(client, "http_async_client", None))
    for target in targets:
        close = getattr(target, "close", None)
        if close is None:
            continue
        try:
            result = close()
            if asyncio.iscoroutine(result):
                await result
        except Exception as exc:  # noqa: BLE001 - closing is best effort
            log.debug("closing a client raised %s", type(exc).__name__)
