"""Snippet runs in worker processes: the SDK's parsing of every chunk off the web server's one event loop.

The web process keeps the page, Gradio's queue, the mock and each run's bookkeeping (`runner.run`). What the
snippet does (build the client, call the provider, parse the stream) happens in one of `size` worker
processes, each with its own interpreter and GIL. They import the same snippet files the page shows, so the
code shown is still the code run.

Messages over one pipe per worker, pickled:
    web → worker   ("start", run_id, Job)        ("stop", run_id)          ("quit",)
    worker → web   a list of: (run_id, "item", value)   (run_id, "failure", (message at start, message
                   mid-stream))   (run_id, "end", None) — all that queued while the last list was written
A worker runs a run as `runner.run` would in process: a sync snippet in a thread, an async one as a task,
every connection seen by `run_connections` (checked by the run's guard on a public server). On "stop" it cuts
the run's sockets, so the upstream stream closes at once, and closes the generator and the client.
Workers start with the first run (or `start()`), and a worker that dies is replaced by the next run.
"""

from __future__ import annotations

import asyncio
import itertools
import logging
import multiprocessing
import os
import signal
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from streamlab import errors, lessons, providers, run_connections
from streamlab.url_guard import Guard

log = logging.getLogger("streamlab.workers")
Deliver = Callable[[str, object], None]  # (kind, payload) of one message, called on the run's event loop
# After each write the sender rests this long, so that what the runs yield meanwhile shares the next write: a room
# of 50 runs a worker makes ~1,500 pieces a second, and each write costs a wake-up on both sides of the pipe.
# Alone, pieces come ~30 ms apart and each still goes at once; in a room one waits at most this long.
LINGER_S = 0.01
GONE = "The worker process running this lesson stopped. Run again."


def size_from_env() -> int:
    """STREAMLAB_WORKERS: how many worker processes; "auto" (the default) is one per core, 0 runs in process."""
    raw = os.environ.get("STREAMLAB_WORKERS", "auto").strip().lower()
    return (os.cpu_count() or 1) if raw in ("", "auto") else max(0, int(raw))


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


# ---------------------------------------------------------------- the web process's side


class _Worker:
    def __init__(self, context, root: Path | None):
        self.conn, child = context.Pipe()
        self.process = context.Process(target=serve, args=(child, root, providers.held_sdk_environment()),
                                       daemon=True, name="streamlab-worker")
        self.process.start()
        child.close()
        self.routes: dict[int, tuple[asyncio.AbstractEventLoop, Deliver]] = {}
        self.lock = threading.Lock()
        self.alive = True
        self.reader = threading.Thread(target=self._read, daemon=True, name=f"worker-{self.process.pid}-reader")
        self.reader.start()

    def send(self, message) -> None:
        with self.lock:
            self.conn.send(message)

    def _read(self) -> None:
        while True:
            # what has arrived so far goes to each event loop in one callback: one wake-up of the loop for many
            # chunks when a room streams at once, instead of one per chunk
            batches: dict[asyncio.AbstractEventLoop, list] = {}
            try:
                while True:
                    for run_id, kind, payload in self.conn.recv():  # what the worker's sender had queued
                        route = self.routes.pop(run_id, None) if kind == "end" else self.routes.get(run_id)
                        if route is not None:
                            batches.setdefault(route[0], []).append((route[1], kind, payload))
                    if not self.conn.poll():
                        break
            except (EOFError, OSError):
                self._deliver(batches)
                break
            self._deliver(batches)
        self.alive = False
        ended: dict[asyncio.AbstractEventLoop, list] = {}  # every run it had ends with a plain message
        for loop, deliver in list(self.routes.values()):
            ended.setdefault(loop, []).extend([(deliver, "failure", (GONE, GONE)), (deliver, "end", None)])
        self.routes.clear()
        self._deliver(ended)

    @staticmethod
    def _deliver(batches: dict[asyncio.AbstractEventLoop, list]) -> None:
        for loop, messages in batches.items():
            try:
                loop.call_soon_threadsafe(_each, messages)
            except RuntimeError:  # that loop is closed: the server is shutting down
                pass

    def stop(self) -> None:
        """Ask the worker to quit, wait for it, then close the pipe once the reader has seen its end (closing
        it under a reader still in `recv` would break that read mid-call)."""
        self.alive = False
        try:
            self.send(("quit",))
        except OSError:
            pass
        self.process.join(timeout=3)
        if self.process.is_alive():
            self.process.kill()
            self.process.join(timeout=3)
        self.reader.join(timeout=3)  # the worker's end of the pipe closed with it: the reader ends at EOF
        self.conn.close()


def _each(messages: list) -> None:
    for deliver, kind, payload in messages:
        deliver(kind, payload)


class Pool:
    """`size` worker processes for snippet runs; `begin` hands one run to the least busy of them."""

    def __init__(self, size: int, root: Path | None = None):
        self.size, self.root = size, root
        self.workers: list[_Worker] = []
        self.ids = itertools.count(1)
        self.lock = threading.Lock()
        self.context = multiprocessing.get_context("spawn")  # never fork a process with threads and a loop

    def start(self) -> Pool:
        with self.lock:
            self.workers = [w for w in self.workers if w.alive]
            while len(self.workers) < self.size:
                self.workers.append(_Worker(self.context, self.root))
        return self

    def pids(self) -> list[int]:
        return [w.process.pid for w in self.workers if w.alive]

    def begin(self, job: Job, deliver: Deliver) -> tuple[_Worker, int]:
        """Start `job` on a worker; its messages reach `deliver` on the calling event loop. → a ticket for `end`."""
        self.start()
        worker = min(self.workers, key=lambda w: len(w.routes))
        run_id = next(self.ids)
        worker.routes[run_id] = (asyncio.get_running_loop(), deliver)
        worker.send(("start", run_id, job))
        return worker, run_id

    def end(self, ticket: tuple[_Worker, int]) -> None:
        """The web side is done with this run: if it is still going (Stop, a failure, the browser gone), stop it."""
        worker, run_id = ticket
        if worker.routes.pop(run_id, None) is not None and worker.alive:
            try:
                worker.send(("stop", run_id))
            except OSError:
                pass

    def close(self) -> None:
        with self.lock:
            for worker in self.workers:
                worker.stop()
            self.workers = []


# ---------------------------------------------------------------- the worker process's side


class _Outbox:
    """What a run's pump pushes (items, `runner.Failure`, `runner._END`) → messages to the web process."""

    def __init__(self, send, run_id: int, secrets: list[str], ended: Callable[[], None]):
        self.send, self.run_id, self.secrets, self.ended = send, run_id, secrets, ended

    def put_nowait(self, item) -> None:
        from streamlab import runner

        if item is runner._END:
            self.send((self.run_id, "end", None))
            self.ended()
        elif isinstance(item, runner.Failure):
            exc = item.error
            self.send((self.run_id, "failure", (errors.message_for(exc, self.secrets, mid_stream=False),
                                                errors.message_for(exc, self.secrets, mid_stream=True))))
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
        self.ready = threading.Condition()
        threading.Thread(target=self._write, daemon=True, name="sender").start()

    def send(self, message) -> None:
        with self.ready:
            self.queued.append(message)
            self.ready.notify()

    def _write(self) -> None:
        while True:
            with self.ready:
                while not self.queued:
                    self.ready.wait()
                batch, self.queued = self.queued, []
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
            time.sleep(LINGER_S)


class _Runs:
    def __init__(self, conn, found: dict[str, lessons.Lesson], loop: asyncio.AbstractEventLoop):
        self.found, self.loop = found, loop
        self.send = _Sender(conn).send
        self.stops: dict[int, Callable[[], None]] = {}

    def dispatch(self, message) -> None:
        if message[0] == "start":
            self.loop.create_task(self.run(message[1], message[2]))
        elif message[0] == "stop" and message[1] in self.stops:
            self.stops[message[1]]()

    async def run(self, run_id: int, job: Job) -> None:
        from streamlab import runner

        finished = asyncio.Event()
        outbox = _Outbox(self.send, run_id, job.secrets, lambda: self.loop.call_soon_threadsafe(finished.set))
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
            gen = lesson.start(client, job.prompt, job.model, job.options)
            pump = runner.start_pump(lesson, gen, outbox, outbox.put_nowait, halt, context)
            await finished.wait()
        except Exception as exc:  # noqa: BLE001 - before the snippet started: the client, the import
            outbox.put_nowait(runner.Failure(exc))
            outbox.put_nowait(runner._END)
        finally:
            self.stops.pop(run_id, None)
            halt.set()
            if isinstance(pump, asyncio.Task):
                await asyncio.gather(pump, return_exceptions=True)
            if client is not None:
                await runner._close(client)


def serve(conn, root: Path | None, held: dict[str, str]) -> None:
    """A worker process: run what the web process sends until its pipe closes."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl+C stops the web process, which stops its workers
    logging.basicConfig(level=logging.WARNING, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    providers.adopt_sdk_environment(held)
    run_connections.install()
    found = {lesson.stem: lesson for lesson in (lessons.discover(root) if root else lessons.discover())
             if not lesson.error}
    loop = asyncio.new_event_loop()
    runs = _Runs(conn, found, loop)
    closed = asyncio.Event()

    def read() -> None:
        while True:
            try:
                message = conn.recv()
            except (EOFError, OSError):
                break
            if message == ("quit",):
                break
            loop.call_soon_threadsafe(runs.dispatch, message)
        loop.call_soon_threadsafe(closed.set)

    threading.Thread(target=read, daemon=True, name="commands").start()
    from streamlab.server import warm_up

    threading.Thread(target=warm_up, args=(list(found.values()),), daemon=True, name="warm-up").start()
    loop.run_until_complete(closed.wait())
