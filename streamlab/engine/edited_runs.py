"""Runs of edited code, the web process's side: each in a fresh process of its own, forked from a fork server.

A process per run is what lets Stop end code that never yields, loops for ever or holds the GIL: the run's
process is told to stop, and killed `GRACE_S` later if it has not ended. No other run shares it, so nothing else
is lost with it, and what the code did to its interpreter dies with the process. The fork server (multiprocessing's
"forkserver") imported the SDKs once (`PRELOAD`), so a run's process is a fork, not a new interpreter: a room
pressing Run on edited code pays a few milliseconds each, not a second. Messages are those of `worker_pool`.
"""

from __future__ import annotations

import asyncio
import itertools
import multiprocessing
import shutil
import signal
import tempfile
import threading

from streamlab.engine import edit_sandbox
from streamlab.engine.worker_pool import Deliver, Worker
from streamlab.engine.worker_process import Job
from streamlab.hosting import sdk_environment
from streamlab.hosting.editing import Editing

GRACE_S = 0.5  # after Stop, how long a run's process may take to end by itself before it is killed
PRELOAD = ["openai", "anthropic", "httpx2", "langchain_openai", "langchain_core", "fastapi", "pydantic",
           "streamlab.engine.fork_server_warm_up"]


class EditedRuns:
    """Start and end the processes of edited runs; one per run, none when nobody edits."""

    def __init__(self, editing: Editing, preload: tuple[str, ...] = ()):
        """`preload`: more modules for the fork server to import, those the program's main script imports above
        all: multiprocessing runs the main script again in each forked process (`app.py`: a few lines once its
        imports are there, ~0.15 s of CPU per run when they are not)."""
        self.editing = editing
        self.context = multiprocessing.get_context("forkserver")
        self.context.set_forkserver_preload([m for m in (*preload, *PRELOAD) if _installed(m)])
        self.uids = itertools.count()
        self.lock = threading.Lock()
        self.running: set[Worker] = set()

    def warm(self) -> None:
        """Start the fork server (it imports the SDKs: a second or two), so that the first edited run does not wait."""
        from multiprocessing import forkserver

        forkserver.ensure_running()

    def begin(self, job: Job, deliver: Deliver, loop: asyncio.AbstractEventLoop | None = None) -> Worker:
        """Start `job` in a new process; its messages reach `deliver` on `loop` (default: the running one). Starting
        a process waits for the fork server's answer: call it off the event loop (`asyncio.to_thread`)."""
        folder = tempfile.mkdtemp(prefix="streamlab-edit-")
        uid = edit_sandbox.uid_for(next(self.uids)) if self.editing.sandboxed else 0
        edit_sandbox.own_folder(folder, uid)
        spec = edit_sandbox.Sandbox(folder, self.editing.sandboxed, self.editing.cpu_s, self.editing.memory_mb,
                                    self.editing.file_mb, uid, self.editing.wall_s)
        worker = Worker(self.context, None, target=edit_sandbox.serve_edited,
                        args=(spec, sdk_environment.held_sdk_environment()), name="streamlab-edited-run")
        worker.gone = lambda: self._gone(worker)
        worker.folder = folder
        worker.routes[1] = (loop or asyncio.get_running_loop(), deliver)
        with self.lock:
            self.running.add(worker)
        worker.send(("start", 1, job))
        return worker

    def _gone(self, worker: Worker) -> str:
        worker.process.join(1)
        if worker.process.exitcode == -signal.SIGXCPU:
            return f"Your code used its {self.editing.cpu_s} seconds of CPU time, so its process was ended."
        if worker.process.exitcode == -signal.SIGKILL:
            return "Your code's process was ended (it may have run out of memory)."
        return f"Your code's process ended by itself (exit code {worker.process.exitcode}) before the run was over."

    def end(self, worker: Worker) -> None:
        """The web side is done with this run: stop its process (killed if it does not end in `GRACE_S`), then
        remove its folder. Returns at once; the waiting happens in a thread."""
        if worker.routes.pop(1, None) is not None and worker.alive:
            try:
                worker.send(("stop", 1))
            except OSError:
                pass
        threading.Thread(target=self._finish, args=(worker,), daemon=True, name="edited-run-end").start()

    def _finish(self, worker: Worker) -> None:
        """Once per worker: the thread `end` started and `close` may both come here; the first one finishes it."""
        with self.lock:
            if getattr(worker, "finishing", False):
                return
            worker.finishing = True
        worker.process.join(GRACE_S)
        if worker.process.is_alive():
            worker.process.kill()
            worker.process.join(3)
        worker.reader.join(3)
        worker.conn.close()
        shutil.rmtree(worker.folder, ignore_errors=True)
        with self.lock:
            self.running.discard(worker)

    def pids(self) -> list[int]:
        with self.lock:
            return [w.process.pid for w in self.running if w.process.pid]

    def close(self) -> None:
        with self.lock:
            workers = list(self.running)
        for worker in workers:
            if worker.process.is_alive():
                worker.process.kill()
            self._finish(worker)


def _installed(module: str) -> bool:
    import importlib.util

    try:
        return importlib.util.find_spec(module) is not None
    except (ImportError, ValueError):
        return False

