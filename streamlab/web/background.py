"""The whole app on a free 127.0.0.1 port in a thread: for tests, benchmarks and notebooks."""

from __future__ import annotations

import socket
import threading
from pathlib import Path

import httpx2
import uvicorn

from streamlab.engine.worker_pool import size_from_env
from streamlab.hosting.mode import Hosting
from streamlab.web.readiness import answers
from streamlab.web.server import KEEP_ALIVE_S, Config, create_app


class BackgroundServer:
    """The whole app on a free 127.0.0.1 port in a thread: for tests, benchmarks and notebooks."""

    def __init__(self, concurrency: int = 128, lessons_root: Path | None = None, hosting: Hosting | None = None,
                 session_capacity: int = 200, workers: int | None = None, host: str = "127.0.0.1"):
        """`workers`: processes that run the snippets (None: STREAMLAB_WORKERS, by default one per core; 0: in
        this process). They start with the first run. `host`: the address the app believes it listens on (it
        decides who may edit code, streamlab.hosting.editing); the socket is always 127.0.0.1's."""
        # IPPROTO_TCP spelled out: asyncio then sets TCP_NODELAY, avoiding ~40 ms delayed-ACK stalls.
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP)
        self.sock.bind(("127.0.0.1", 0))
        self.port = self.sock.getsockname()[1]
        self.url = f"http://127.0.0.1:{self.port}"
        self.config = Config(host=host, port=self.port, concurrency=concurrency, lessons_root=lessons_root,
                             hosting=hosting or Hosting.from_env(), session_capacity=session_capacity,
                             workers=size_from_env() if workers is None else workers)
        try:
            self.app = create_app(self.config)
        except BaseException:  # a server that refuses to start (streamlab.hosting.editing) holds no socket
            self.sock.close()
            raise
        self.pool = self.app.state.pool
        self.server = uvicorn.Server(uvicorn.Config(self.app, log_level="warning", timeout_keep_alive=KEEP_ALIVE_S,
                                                    loop="asyncio"))
        self.thread = threading.Thread(target=self.server.run, kwargs={"sockets": [self.sock]}, daemon=True)

    def start(self, timeout: float = 30.0) -> BackgroundServer:
        self.thread.start()
        if not answers(f"{self.url}/mock/_stats", timeout):
            raise RuntimeError(f"StreamLab did not start within {timeout:.0f} s")
        return self

    def stats(self) -> dict:
        # generous: tests poll this while the server streams to a room on a loaded machine
        return httpx2.get(f"{self.url}/mock/_stats", timeout=30).json()

    def stop(self) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=10)
        self.sock.close()
        if self.pool is not None:
            self.pool.close()

    def __enter__(self) -> BackgroundServer:
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()
