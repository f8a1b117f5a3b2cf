"""The app's mock provider in a process of its own, on a loopback port the app chooses.

A room of 100 streams 100 answers from the mock at once; served by the web process, the mock's paced writes shared
one event loop (and one GIL) with Gradio's queue, and every learner's first update waited behind them. Here it has
its own interpreter. The web process binds the listening socket itself, before the child starts, and hands it over
(`pass_fds`): the port is known at once, and a request sent while the child is still starting waits in the socket's
backlog instead of failing. The lessons' runs reach the mock at `url`; `/mock` on the app's own port relays to it
(streamlab.web.mock_relay), for curl, the official SDKs and anything else outside the app.

The child lives as long as the web process: it reads its stdin, a pipe from the parent, and exits when that pipe
closes, which happens however the parent ends (a clean stop, Ctrl-C, a kill). A child that ends on its own (killed,
out of memory) is started again on the same socket: the runs it was streaming fail with a connection error, the
next ones find the mock where it was.

    python -m streamlab.web.mock_process FD      (started by MockProcess, not by hand: `python -m streamlab.mock` is)
"""

from __future__ import annotations

import logging
import os
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

from streamlab.hosting import recorder
from streamlab.web.readiness import answers

log = logging.getLogger("streamlab.mock")
PREFIX = "/mock"  # the same path as on the app's own port, so the two URLs differ only in their port
START_TIMEOUT_S = 30.0
RESTART_PAUSE_S = 1.0  # between a child's end and its replacement: a child that cannot start does not spin
ROOT = Path(__file__).resolve().parents[2]  # the checkout: streamlab/web/ is two folders down


class MockProcess:
    def __init__(self, host: str = "127.0.0.1"):
        # IPPROTO_TCP spelled out: asyncio then sets TCP_NODELAY on the accepted connections (no delayed-ACK stalls)
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP)
        self.sock.bind((host, 0))
        self.sock.listen(2048)  # a room's runs connect at once
        self.url = f"http://{host}:{self.sock.getsockname()[1]}{PREFIX}"
        self.process: subprocess.Popen | None = None
        self._lock = threading.Lock()
        self._stopping = threading.Event()

    @property
    def pid(self) -> int | None:
        return self.process.pid if self.process else None

    def start(self, timeout: float = START_TIMEOUT_S) -> MockProcess:
        """Start the child and wait until it answers; from then on a watcher starts it again whenever it ends."""
        with self._lock:
            if self.process is not None or self._stopping.is_set():
                return self
            process = self._spawn()
        if not answers(f"{self.url}/_stats", timeout):
            self.stop()
            raise RuntimeError(f"the mock did not start on {self.url}")
        log.info("the mock runs in process %d at %s", process.pid, self.url)
        threading.Thread(target=self._watch, args=(process,), daemon=True, name="mock-watch").start()
        return self

    def _spawn(self) -> subprocess.Popen:
        fd = self.sock.fileno()
        # its own session: Ctrl-C in a terminal reaches the web process only, which ends the mock when it is done
        # with its own graceful stop (closing the pipe), not while runs are still finishing
        self.process = subprocess.Popen([sys.executable, "-m", "streamlab.web.mock_process", str(fd)], pass_fds=[fd],
                                        stdin=subprocess.PIPE, cwd=ROOT, start_new_session=True,
                                        env={**os.environ, "PYTHONPATH": _with_root(os.environ)})
        return self.process

    def _watch(self, process: subprocess.Popen) -> None:
        """Start the child again each time it ends while the app runs (after a pause that grows while starting
        fails: out of memory, out of file descriptors)."""
        pause = RESTART_PAUSE_S
        while True:
            code = process.wait()
            process.stdin.close()
            while True:
                if self._stopping.wait(pause):
                    return
                with self._lock:
                    if self._stopping.is_set():
                        return
                    try:
                        process = self._spawn()
                    except OSError as exc:
                        log.error("the mock's process could not be started again: %s", exc)
                        pause = min(pause * 2, 30.0)
                        continue
                pause = RESTART_PAUSE_S
                break
            log.warning("the mock's process ended (exit code %s); started again as process %d", code, process.pid)

    def stop(self) -> None:
        self._stopping.set()
        with self._lock:
            process, self.process = self.process, None
        if process is not None:
            process.stdin.close()  # the child's cue to stop
            try:
                process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(timeout=5)
        self.sock.close()


def _with_root(env) -> str:
    """PYTHONPATH with this checkout first, so the child imports the same streamlab as its parent."""
    return os.pathsep.join(p for p in (str(ROOT), env.get("PYTHONPATH", "")) if p)


def main(fd: int) -> None:
    import uvicorn
    from starlette.applications import Starlette
    from starlette.routing import Mount

    from streamlab.mock import create_app

    sock = socket.socket(fileno=fd)
    app = Starlette(routes=[Mount(PREFIX, app=create_app(recorder.cassette_folders()))])
    server = uvicorn.Server(uvicorn.Config(app, loop="asyncio", log_level="warning", access_log=False,
                                           lifespan="off", timeout_graceful_shutdown=1))

    def exit_with_parent() -> None:
        sys.stdin.buffer.read()  # returns at EOF: the parent closed the pipe, or is gone
        server.should_exit = True
        time.sleep(3)
        os._exit(0)  # streams still open after the grace period

    threading.Thread(target=exit_with_parent, daemon=True, name="exit-with-parent").start()
    server.run(sockets=[sock])


if __name__ == "__main__":
    main(int(sys.argv[1]))
