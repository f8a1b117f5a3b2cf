"""Serve a mock app with uvicorn in a daemon thread: for tests, benchmarks and standalone snippets."""

from __future__ import annotations

import asyncio
import socket
import threading
import time

import uvicorn

from .app import create_app

STARTUP_TIMEOUT = 10.0


class MockServer:
    def __init__(self, host: str, port: int, app=None):
        self.app = app if app is not None else create_app()
        self.host = host
        # proto must be IPPROTO_TCP: asyncio only sets TCP_NODELAY on such sockets (else ~40 ms per keep-alive reply)
        self._socket = socket.socket(socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP)
        self._socket.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self._socket.bind((host, port))
        self.port = self._socket.getsockname()[1]
        config = uvicorn.Config(self.app, loop="asyncio", log_level="warning", access_log=False, lifespan="off",
                                timeout_graceful_shutdown=1)
        self._server = uvicorn.Server(config)
        self._thread = threading.Thread(target=asyncio.run, args=(self._serve(),), name=f"streamlab-mock:{self.port}",
                                        daemon=True)
        self._loop: asyncio.AbstractEventLoop | None = None
        self._stopped = False

    async def _serve(self) -> None:
        self._loop = asyncio.get_running_loop()
        await self._server.serve(sockets=[self._socket])

    def _drop_connections(self) -> None:
        """Close every client connection: open streams see a disconnect and end quietly, as cancelled."""
        for connection in list(self._server.server_state.connections):
            connection.transport.close()

    @property
    def url(self) -> str:
        return f"http://{self.host}:{self.port}"

    def start(self) -> MockServer:
        self._thread.start()
        deadline = time.monotonic() + STARTUP_TIMEOUT
        while not self._server.started:
            if not self._thread.is_alive() or time.monotonic() > deadline:
                self.stop()
                raise RuntimeError(f"the mock server did not start on {self.url}")
            self._thread.join(0.01)
        with socket.create_connection((self.host, self.port), timeout=STARTUP_TIMEOUT):
            pass
        return self

    def cpu_time(self) -> float:
        """CPU seconds used so far by the server's thread (its event loop): for benchmarks."""
        return time.clock_gettime(time.pthread_getcpuclockid(self._thread.ident))

    def stop(self) -> None:
        if self._stopped:
            return
        self._stopped = True
        if self._loop is not None and self._thread.is_alive():
            try:
                self._loop.call_soon_threadsafe(self._drop_connections)
            except RuntimeError:  # the loop already closed
                pass
        self._server.should_exit = True
        if self._thread.is_alive():
            self._thread.join(3)
            if self._thread.is_alive():
                self._server.force_exit = True
                self._thread.join(5)
        self._socket.close()

    def __enter__(self) -> MockServer:
        return self

    def __exit__(self, *exc) -> None:
        self.stop()


def start_in_thread(port: int = 0, host: str = "127.0.0.1", *, app=None) -> MockServer:
    """A running mock on `host:port` (0: a free port); `.url` is its root, `.stop()` shuts it down.

    `app` serves another ASGI app instead of a fresh `create_app()` (e.g. one that mounts the mock).
    """
    return MockServer(host, port, app).start()
