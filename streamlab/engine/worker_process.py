"""Snippet runs in worker processes, the worker's side: `serve` runs what the web process sends over its pipe.

A worker runs a run as `runner.run` would in process: a sync snippet in a thread, an async one as a task, every
connection seen by `run_connections` (checked by the run's guard on a public server). On "stop" it cuts the run's
sockets, so the upstream stream closes at once, and closes the generator and the client. What the runs yield goes
back in shared writes (`LINGER_S`). The messages are listed in `worker_pool`.
"""

from __future__ import annotations

import asyncio
import logging
import signal
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from streamlab.engine import errors, lessons
from streamlab.engine.pump import END, Failure, close_client, start_pump
from streamlab.engine.warm_up import warm_up
from streamlab.hosting import providers, run_connections, sdk_environment
from streamlab.hosting.url_guard import Guard

# After each write the sender rests this long, so that what the runs yield meanwhile shares the next write: a room
# of 50 runs a worker makes ~1,500 pieces a second, and each write costs a wake-up on both sides of the pipe.
# Alone, pieces come ~30 ms apart and each still goes at once; in a room one waits at most this long.
LINGER_S = 0.01


@dataclass(frozen=True)
class Job:
    stem: str
    kind: str
    settings: providers.Settings
    prompt: str
    model: str
    options: dict
    secrets: list[str] = field(default_factory=list, repr=False)
    guard: Guard | None = None
    source: str = field(default="", repr=False)  # edited code, run in a process of its own (edit_sandbox)
    history: list = field(default_factory=list, repr=False)  # a chat lesson's conversation so far (CHAT)



class _Outbox:
    """What a run's pump pushes (items, `Failure`, `END`) → messages to the web process."""

    def __init__(self, send, run_id: int, secrets: list[str], ended: Callable[[], None], describe=None):
        self.send, self.run_id, self.secrets, self.ended = send, run_id, secrets, ended
        self.describe = describe or errors.message_for

    def put_nowait(self, item) -> None:
        if item is END:
            self.send((self.run_id, "end", None))
            self.ended()
        elif isinstance(item, Failure):
            exc = item.error
            self.send((self.run_id, "failure", (self.describe(exc, self.secrets, mid_stream=False),
                                                self.describe(exc, self.secrets, mid_stream=True))))
        else:
            self.send((self.run_id, "item", item))


def _as_text(message):
    """A message whose value pickle cannot carry: the value as its text, as the page would show it."""
    run_id, kind, item = message
    return run_id, kind, (item[0], str(item[1])) if isinstance(item, tuple) else str(item)


class _Sender:
    """Messages to the web process, written by one thread: whatever queued up while it was writing (and resting
    `LINGER_S` after it) goes as one message (one pickle, one write, one wake-up of the web side's reader). Alone,
    each piece goes at once; when a room streams, many pieces share a write."""

    def __init__(self, conn):
        self.conn = conn
        self.queued: list = []
        self.writing = False
        self.ready = threading.Condition()
        threading.Thread(target=self._write, daemon=True, name="sender").start()

    def send(self, message) -> None:
        with self.ready:
            self.queued.append(message)
            self.ready.notify()

    def drain(self, timeout: float = 2.0) -> None:
        """Wait until what was sent so far has been written (a process about to exit)."""
        deadline = time.monotonic() + timeout
        while (self.queued or self.writing) and time.monotonic() < deadline:
            time.sleep(LINGER_S)

    def _write(self) -> None:
        while True:
            with self.ready:
                while not self.queued:
                    self.ready.wait()
                batch, self.queued, self.writing = self.queued, [], True
            try:
                self.conn.send(batch)
            except OSError:  # the web process is gone
                return
            except Exception:  # noqa: BLE001 - a value pickle cannot carry: the others as they are, it as text
                for message in batch:
                    try:
                        self.conn.send([message])
                    except OSError:
                        return
                    except Exception:  # noqa: BLE001
                        self.conn.send([_as_text(message)])
            self.writing = False
            time.sleep(LINGER_S)


class Runs:
    """The runs of one worker process. `describe` turns what a run raised into its two messages (at start,
    mid-stream): `errors.message_for`, or for edited code `edited.explain`, which names the editor's line."""

    def __init__(self, conn, found: dict[str, lessons.Lesson], loop: asyncio.AbstractEventLoop, describe=None):
        self.found, self.loop, self.describe = found, loop, describe
        self.sender = _Sender(conn)
        self.send = self.sender.send
        self.stops: dict[int, Callable[[], None]] = {}

    def dispatch(self, message) -> None:
        if message[0] == "start":
            self.loop.create_task(self.run(message[1], message[2]))
        elif message[0] == "stop" and message[1] in self.stops:
            self.stops[message[1]]()

    async def run(self, run_id: int, job: Job) -> None:
        finished = asyncio.Event()
        outbox = _Outbox(self.send, run_id, job.secrets, lambda: self.loop.call_soon_threadsafe(finished.set),
                         self.describe)
        halt = threading.Event()
        connections = run_connections.RunConnections(job.guard)
        context = run_connections.context_for(connections)
        client = pump = None

        def stop() -> None:
            halt.set()
            run_connections.cut(connections)  # a thread blocked on a stalled read wakes now
            if isinstance(pump, asyncio.Task):
                pump.cancel()

        self.stops[run_id] = stop
        try:
            lesson = self.found[job.stem]
            await asyncio.to_thread(lambda: lesson.module)
            client = await asyncio.to_thread(providers.build_client, job.kind, job.settings)
            gen = lesson.start(client, job.prompt, job.model, job.options, job.history)
            pump = start_pump(lesson, gen, outbox, outbox.put_nowait, halt, context)
            await finished.wait()
        except Exception as exc:  # noqa: BLE001 - before the snippet started: the client, the import
            outbox.put_nowait(Failure(exc))
            outbox.put_nowait(END)
        finally:
            self.stops.pop(run_id, None)
            halt.set()
            if isinstance(pump, asyncio.Task):
                await asyncio.gather(pump, return_exceptions=True)
            if client is not None:
                await close_client(client)


def read_commands(conn, loop: asyncio.AbstractEventLoop, dispatch: Callable, ended: Callable | None = None) -> None:
    """In a thread of its own: each message from the web process to `dispatch` on `loop`, until ("quit",) or the
    pipe's end; then `ended` on `loop`."""

    def read() -> None:
        while True:
            try:
                message = conn.recv()
            except (EOFError, OSError):
                break
            if message == ("quit",):
                break
            loop.call_soon_threadsafe(dispatch, message)
        if ended is not None:
            loop.call_soon_threadsafe(ended)

    threading.Thread(target=read, daemon=True, name="commands").start()


def serve(conn, root: Path | None, held: dict[str, str]) -> None:
    """A worker process: run what the web process sends until its pipe closes."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl+C stops the web process, which stops its workers
    logging.basicConfig(level=logging.WARNING, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    sdk_environment.adopt_sdk_environment(held)
    run_connections.install()
    found = {lesson.stem: lesson for lesson in (lessons.discover(root) if root else lessons.discover())
             if not lesson.error}
    loop = asyncio.new_event_loop()
    runs = Runs(conn, found, loop)
    closed = asyncio.Event()
    read_commands(conn, loop, runs.dispatch, ended=closed.set)
    threading.Thread(target=warm_up, args=(list(found.values()),), daemon=True, name="warm-up").start()
    loop.run_until_complete(closed.wait())
