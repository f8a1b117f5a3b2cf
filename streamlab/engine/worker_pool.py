"""Snippet runs in worker processes, the web process's side: `Pool` starts `size` worker processes and hands
each run to the least busy one; what the run yields comes back to the run's event loop.

The web process keeps the page, Gradio's queue and each run's bookkeeping (`runner.run`). What the snippet does
(build the client, call the provider, parse the stream) happens in a worker process (`worker_process`), each with
its own interpreter and GIL. They import the same snippet files the page shows, so the code shown is still the
code run.

Messages over one pipe per worker, pickled:
    web → worker   ("start", run_id, Job)        ("stop", run_id)          ("quit",)
    worker → web   a list of: (run_id, "item", value)   (run_id, "failure", (message at start, message
                   mid-stream))   (run_id, "end", None) — all that queued while the last list was written
Workers start with the first run (or `start()`), and a worker that dies is replaced by the next run; the runs it
had end with a plain message.
"""

from __future__ import annotations

import asyncio
import itertools
import multiprocessing
import os
import threading
from collections.abc import Callable
from pathlib import Path

from streamlab.engine.worker_process import Job, serve
from streamlab.hosting import sdk_environment

Deliver = Callable[[str, object], None]  # (kind, payload) of one message, called on the run's event loop
GONE = "The worker process running this lesson stopped. Run again."


def size_from_env() -> int:
    """STREAMLAB_WORKERS: how many worker processes; "auto" (the default) is one per core, 0 runs in process."""
    raw = os.environ.get("STREAMLAB_WORKERS", "auto").strip().lower()
    return (os.cpu_count() or 1) if raw in ("", "auto") else max(0, int(raw))


class Worker:
    """One worker process and its pipe. `target(child_conn, *args)` runs in it (default: `serve` for the pool);
    `gone()` says what a run it had hears when the process dies."""

    def __init__(self, context, root: Path | None, target=serve, args: tuple | None = None, gone=lambda: GONE,
                 name: str = "streamlab-worker"):
        self.conn, child = context.Pipe()
        args = (root, sdk_environment.held_sdk_environment()) if args is None else args
        self.gone = gone
        self.process = context.Process(target=target, args=(child, *args), daemon=True, name=name)
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
        said = self.gone() if self.routes else ""
        for loop, deliver in list(self.routes.values()):
            ended.setdefault(loop, []).extend([(deliver, "failure", (said, said)), (deliver, "end", None)])
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
        self.workers: list[Worker] = []
        self.ids = itertools.count(1)
        self.lock = threading.Lock()
        self.context = multiprocessing.get_context("spawn")  # never fork a process with threads and a loop

    def start(self) -> Pool:
        with self.lock:
            self.workers = [w for w in self.workers if w.alive]
            while len(self.workers) < self.size:
                self.workers.append(Worker(self.context, self.root))
        return self

    def pids(self) -> list[int]:
        return [w.process.pid for w in self.workers if w.alive]

    def begin(self, job: Job, deliver: Deliver) -> tuple[Worker, int]:
        """Start `job` on a worker; its messages reach `deliver` on the calling event loop. → a ticket for `end`."""
        self.start()
        worker = min(self.workers, key=lambda w: len(w.routes))
        run_id = next(self.ids)
        worker.routes[run_id] = (asyncio.get_running_loop(), deliver)
        worker.send(("start", run_id, job))
        return worker, run_id

    def end(self, ticket: tuple[Worker, int]) -> None:
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
