"""Attack fixtures: a listening server on 127.0.0.1 that records who connects and what they send (the
"attacker's server" a visitor points the app at), a record of every connection this process opens, and the
whole app in public or local mode with owner keys in its environment."""

import socket
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from streamlab.hosting.mode import Hosting
from streamlab.web.background import BackgroundServer

sys.path.insert(0, str(Path(__file__).parent))

from owner_keys import OWNER_KEYS  # noqa: E402


class Listener(ThreadingHTTPServer):
    """Counts connections, keeps each request's headers, answers with `reply` (status, content type, body)."""
    daemon_threads = True

    def __init__(self):
        self.connections = 0
        self.requests: list[dict] = []
        self.reply = (200, "text/plain", b"logged")
        super().__init__(("127.0.0.1", 0), _Handler)
        self.url = f"http://127.0.0.1:{self.server_address[1]}"
        self.port = self.server_address[1]

    def get_request(self):
        connection = super().get_request()
        self.connections += 1
        return connection

    def seen(self) -> str:
        return "\n".join(str(r) for r in self.requests)


class _Handler(BaseHTTPRequestHandler):
    def do_GET(self):
        self._answer()

    def do_POST(self):
        self.rfile.read(int(self.headers.get("content-length") or 0))
        self._answer()

    def _answer(self):
        self.server.requests.append({k.lower(): v for k, v in self.headers.items()})
        status, content_type, body = self.server.reply
        self.send_response(status)
        self.send_header("content-type", content_type)
        self.send_header("content-length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture
def listener():
    server = Listener()
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


_connects: list[tuple] = []


def _record(event, args):
    if event == "socket.connect" and isinstance(args[1], tuple):
        _connects.append((str(args[1][0]), args[1][1]))


@pytest.fixture(scope="session")
def connects():
    """connects() → every (address, port) this test process has connected to since the fixture started."""
    sys.addaudithook(_record)
    start = len(_connects)
    return lambda: _connects[start:]


@pytest.fixture
def owner_keys(monkeypatch):
    """The owner's keys in the environment, each with its endpoint; `point_at(url)` aims every configured
    endpoint at the app's own mock, so nothing in a test ever goes to a real provider."""
    for name, value in OWNER_KEYS.items():
        monkeypatch.setenv(name, value)

    def point_at(app_url: str) -> None:
        monkeypatch.setenv("OPENAI_BASE_URL", f"{app_url}/mock/openai/v1")
        monkeypatch.setenv("ANTHROPIC_BASE_URL", f"{app_url}/mock/anthropic")
        monkeypatch.setenv("STREAMLAB_COMPATIBLE_BASE_URL", f"{app_url}/mock/openai/v1")
    return point_at


@pytest.fixture
def start_app():
    """start_app(**hosting) → the whole app on 127.0.0.1 with that Hosting; stopped at the end."""
    started = []

    def start(**hosting):
        started.append(BackgroundServer(concurrency=16, hosting=Hosting(**hosting)).start())
        return started[-1]

    yield start
    for server in started:
        server.stop()


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def everything(caplog, capfd):
    """everything(app) → all that was logged or printed so far, and every page and schema the app serves."""
    import logging

    import httpx2

    caplog.set_level(logging.DEBUG)

    def text(app) -> str:
        out, err = capfd.readouterr()
        pages = [httpx2.get(f"{app.url}{path}", timeout=10).text
                 for path in ("/", "/config", "/gradio_api/info", "/gradio_api/openapi.json")]
        return "\n".join([caplog.text, out, err, *pages])
    return text
