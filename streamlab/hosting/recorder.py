"""Recording a real provider's streams as cassettes (`streamlab.mock.wire.cassette`), on this machine only.

A run records when the server is in local mode and either the operator set `STREAMLAB_RECORD=DIR` (every run on a
real provider, into DIR) or the learner turned on *Record* in the provider panel (into the first cassettes
folder). Never in public mode: a visitor's runs are not written to the server's disk. The run's SDK client gets a
transport that keeps each exchange: the request with a short list of headers (never a key, `Authorization`,
`x-api-key` or cookie), and every read of the response with its time since the request went out. The cassette is
written again after each exchange ends, so a run stopped half-way keeps what it streamed.

The mock serves what these folders hold (`cassette_folders`): `STREAMLAB_CASSETTES` (folders separated as in
PATH; default `cassettes/` in the checkout, so a folder shipped with the app, e.g. in a Space, is picked up at
start) and the `STREAMLAB_RECORD` folder.
"""

from __future__ import annotations

import asyncio
import os
import threading
import time
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

import httpx2

from streamlab.hosting.mode import Hosting
from streamlab.hosting.safe_text import scrub
from streamlab.mock.wire.cassette import REQUEST_HEADERS, RESPONSE_HEADERS, Exchange, dumps

DEFAULT_FOLDER = Path(__file__).resolve().parents[2] / "cassettes"
REAL = ("openai", "anthropic", "compatible")


def cassette_folders() -> list[Path]:
    named = [Path(p) for p in os.environ.get("STREAMLAB_CASSETTES", "").split(os.pathsep) if p.strip()]
    recording = os.environ.get("STREAMLAB_RECORD", "").strip()
    return (named or [DEFAULT_FOLDER]) + ([Path(recording)] if recording else [])


def folder_for(provider: str, asked: bool, hosting: Hosting) -> str:
    """Where a run on `provider` records ("" for nowhere); `asked`: the learner's switch in the panel."""
    if hosting.public or provider not in REAL:
        return ""
    recording = os.environ.get("STREAMLAB_RECORD", "").strip()
    return recording or (str(cassette_folders()[0]) if asked else "")


class Recording:
    """One run's exchanges, written to `folder` as one cassette named after the lesson."""

    def __init__(self, folder: str, label: str, secrets: list[str]):
        self.path = Path(folder) / f"{label or 'run'}-{time.strftime('%Y%m%d-%H%M%S')}-{uuid.uuid4().hex[:6]}.jsonl"
        self.label, self.secrets = label, [s for s in secrets if s]
        self.exchanges: list[Exchange] = []
        self.lock = threading.Lock()

    def begin(self, method: str, path: str, headers: dict, content: bytes) -> Exchange:
        try:
            body = httpx2.Response(200, content=content).json()
        except ValueError:
            body = content.decode("utf-8", "replace")
        kept = {k.lower(): v for k, v in headers.items() if k.lower() in REQUEST_HEADERS}
        exchange = Exchange(method, path, kept, body)
        with self.lock:
            self.exchanges.append(exchange)
        return exchange

    def save(self) -> None:
        with self.lock:
            text = dumps({"lesson": self.label, "recorded": time.strftime("%Y-%m-%dT%H:%M:%S%z")}, self.exchanges)
        if any(secret in text for secret in self.secrets):  # never: no header that could hold one is kept
            text = scrub(text, self.secrets)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.path.write_text(text, encoding="utf-8")


# Not passed on: what belongs to each hop (the relay asks the provider for its bytes as they are, `identity`).
HOP_HEADERS = {"host", "content-length", "connection", "keep-alive", "transfer-encoding", "accept-encoding", "te",
               "upgrade", "proxy-connection", "proxy-authorization"}


class Relay:
    """A loopback HTTP server for one run that records: each request goes on to `target` (the provider's base URL)
    as it came, its answer comes back as it streams, and `recording` keeps both. `url` replaces the base URL."""

    def __init__(self, target: str, recording: Recording, verify):
        parts = urlsplit(target)
        self.origin, self.recording = f"{parts.scheme}://{parts.netloc}", recording
        self.upstream = httpx2.Client(verify=verify, timeout=httpx2.Timeout(600.0, connect=30.0))
        relay = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"  # the SDK keeps its connection; each answer goes chunked

            def do_POST(self):  # noqa: N802 - http.server's name
                relay.pass_on(self)

            do_GET = do_DELETE = do_POST  # noqa: N815

            def log_message(self, *args):  # the server's log is the app's, not stderr
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}{parts.path.rstrip('/')}"
        threading.Thread(target=self.server.serve_forever, daemon=True, name="record-relay").start()

    def pass_on(self, handler: BaseHTTPRequestHandler) -> None:
        content = handler.rfile.read(int(handler.headers.get("content-length") or 0))
        headers = {k: v for k, v in handler.headers.items() if k.lower() not in HOP_HEADERS}
        exchange = self.recording.begin(handler.command, handler.path, headers, content)
        start = time.perf_counter()
        try:
            # the provider is asked for its bytes as they are: the cassette holds what the client reads
            with self.upstream.stream(handler.command, self.origin + handler.path, content=content,
                                      headers={**headers, "accept-encoding": "identity"}) as response:
                exchange.status = response.status_code
                exchange.headers = {k: v for k, v in response.headers.items() if k.lower() in RESPONSE_HEADERS}
                handler.send_response(response.status_code)
                for name, value in response.headers.items():
                    if name.lower() not in HOP_HEADERS:
                        handler.send_header(name, value)
                handler.send_header("Transfer-Encoding", "chunked")
                handler.end_headers()
                for data in response.iter_raw():
                    exchange.reads.append((time.perf_counter() - start, data))
                    handler.wfile.write(b"%x\r\n%s\r\n" % (len(data), data))
                    handler.wfile.flush()
                handler.wfile.write(b"0\r\n\r\n")
        except httpx2.HTTPError:  # the provider could not be reached: the client sees its connection end
            handler.close_connection = True
        except OSError:  # the client went away (Stop): leaving `stream` closed the provider's answer
            handler.close_connection = True
        finally:
            self.recording.save()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()
        self.upstream.close()

    def ends_with(self, client) -> None:
        """Close this relay when the run's HTTP client closes (the run's end); from an async client's `aclose`, off
        its event loop (stopping the server waits for its loop's next turn, up to half a second)."""
        if hasattr(client, "aclose"):
            closing = client.aclose

            async def aclose():
                await closing()
                await asyncio.to_thread(self.close)
            client.aclose = aclose
        else:
            closing = client.close

            def close():
                closing()
                self.close()
            client.close = close
