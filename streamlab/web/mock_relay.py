"""`/mock` on the app's own port: each request passed to the mock's own process (streamlab.web.mock_process), its answer
streamed back as the mock writes it.

The lessons' runs talk to the mock's process directly; this relay is for everything outside the app that knows only
the one public port: `curl`, the official SDKs pointed at `…/mock/openai/v1`, a balancer's health check, the stats.
It keeps what a learner would see from the mock itself: the status, the headers, each write as its own chunk, a
stream the mock cuts (the `disconnect` fault) cut here too, and a learner who goes away closing the mock's stream.
"""

from __future__ import annotations

import httpx2

from streamlab.mock.wire.streaming import AbortConnection, hide_abort_tracebacks, until_disconnect

# Connection-level headers belong to one hop; `host` names this server, not the mock's.
HOP_HEADERS = {b"connection", b"keep-alive", b"proxy-authenticate", b"proxy-authorization", b"te", b"trailer",
               b"transfer-encoding", b"upgrade", b"host", b"content-length"}
# The server relaying adds its own; the mock's would go out twice.
OWN_HEADERS = {b"date", b"server"}
# Silence the relay waits through before it gives up on the mock: a stalled stream, a mock that does not answer.
READ_TIMEOUT_S = 300
MAX_BODY_BYTES = 4 * 1024 * 1024  # a request larger than any lesson sends: refused, not held in memory
# A public server: requests relayed at once, all visitors together. The lessons' runs do not pass here (they call the
# mock's process directly); this bounds what anonymous callers can hold open (a `stall` stream stays open until its
# caller leaves).
PUBLIC_MAX_OPEN = 32


class MockRelay:
    def __init__(self, target: str, max_open: int | None = None):
        """`max_open`: requests relayed at once (None: no limit); more get a 503 until one ends."""
        self.target = target.rstrip("/")  # e.g. http://127.0.0.1:40123/mock
        self.max_open = max_open
        self.open = 0
        self._client: httpx2.AsyncClient | None = None
        hide_abort_tracebacks()

    @property
    def client(self) -> httpx2.AsyncClient:
        if self._client is None:  # made on the server's event loop, at the first request
            self._client = httpx2.AsyncClient(timeout=httpx2.Timeout(READ_TIMEOUT_S, connect=10),
                                              limits=httpx2.Limits(max_connections=None,
                                                                   max_keepalive_connections=20))
        return self._client

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] != "http":
            return
        # the counters stay readable (a health check, a presenter's look) however many streams are held
        if self.max_open is not None and self.open >= self.max_open and _path_inside(scope) != "/_stats":
            await _plain(send, 503, f"This public server already relays {self.max_open} requests to its mock; "
                                    "try again in a moment.")
            return
        self.open += 1
        try:
            await self._relay(scope, receive, send)
        finally:
            self.open -= 1

    async def _relay(self, scope, receive, send) -> None:
        try:
            body = await _read_body(receive)
        except _Gone:
            return
        if body is None:
            await _plain(send, 413, "Request body too large.")
            return
        query = scope.get("query_string", b"")
        url = self.target + _path_inside(scope) + (f"?{query.decode('latin-1')}" if query else "")
        headers = [(k, v) for k, v in scope["headers"] if k.lower() not in HOP_HEADERS]
        try:
            request = self.client.build_request(scope["method"], url, headers=headers, content=body)
        except (httpx2.InvalidURL, ValueError):
            await _plain(send, 400, "Invalid URL.")
            return

        async def exchange() -> None:
            try:
                upstream = await self.client.send(request, stream=True)
            except httpx2.HTTPError:
                await _plain(send, 502, "The mock is not answering.")
                return
            try:
                await _pass_on(upstream, send)
            finally:
                await upstream.aclose()

        # the whole exchange, the wait for the mock's headers included, ends when the client leaves
        await until_disconnect(exchange(), receive)


async def _pass_on(upstream: httpx2.Response, send) -> None:
    headers = [(k, v) for k, v in upstream.headers.raw if k.lower() not in HOP_HEADERS | OWN_HEADERS]
    if "content-length" in upstream.headers:  # a whole JSON answer: its length, as the mock said it
        headers.append((b"content-length", upstream.headers["content-length"].encode()))
    await send({"type": "http.response.start", "status": upstream.status_code, "headers": headers})
    try:
        async for chunk in upstream.aiter_raw():
            await send({"type": "http.response.body", "body": chunk, "more_body": True})
    except httpx2.HTTPError as exc:  # the mock cut the stream: cut this one too, not end it as if complete
        raise AbortConnection("the mock closed the stream") from exc
    await send({"type": "http.response.body", "body": b"", "more_body": False})


class _Gone(Exception):
    """The client went away before its request was read."""


async def _read_body(receive) -> bytes | None:
    """The request's body; None when it is larger than MAX_BODY_BYTES."""
    parts, size = [], 0
    while True:
        message = await receive()
        if message["type"] == "http.disconnect":
            raise _Gone
        parts.append(message.get("body", b""))
        size += len(parts[-1])
        if size > MAX_BODY_BYTES:
            return None
        if not message.get("more_body", False):
            return b"".join(parts)


def _path_inside(scope) -> str:
    """The request's path below where the relay is mounted, as the client sent it (still percent-encoded: a
    `%3F` stays part of the path, never becomes a query). Starlette keeps the full path in `path`/`raw_path`."""
    raw = scope.get("raw_path") or scope["path"].encode()
    root = scope.get("root_path", "").encode()
    return (raw[len(root):] if root and raw.startswith(root) else raw).decode("latin-1")


async def _plain(send, status: int, text: str) -> None:
    body = text.encode()
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", b"text/plain; charset=utf-8"),
                            (b"content-length", str(len(body)).encode())]})
    await send({"type": "http.response.body", "body": body})
