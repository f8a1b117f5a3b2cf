"""Links made before a lesson was renamed still open it: `GET /?lesson=<old stem>` is sent on (307) to the same
address with the lesson's stem of today, every other parameter kept. The old names are data:
`lessons/renamed.json` (read by `engine.lessons.renamed`)."""

from __future__ import annotations

from urllib.parse import parse_qsl, urlencode


class RenamedLessons:
    """ASGI middleware in front of the page (`GET /` and `HEAD /`, nothing else)."""

    def __init__(self, app, renamed: dict[str, str]):
        self.app, self.renamed = app, renamed

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http" or scope["method"] not in ("GET", "HEAD") or scope["path"] != "/":
            return await self.app(scope, receive, send)
        query = parse_qsl(scope.get("query_string", b"").decode("latin-1"), keep_blank_values=True)
        if not any(name == "lesson" and value in self.renamed for name, value in query):
            return await self.app(scope, receive, send)
        moved = urlencode([(name, self.renamed.get(value, value) if name == "lesson" else value)
                           for name, value in query])
        # relative: the browser keeps the page's own path, behind whatever proxy serves it
        await send({"type": "http.response.start", "status": 307,
                    "headers": [(b"location", f"?{moved}".encode("latin-1")), (b"content-length", b"0"),
                                (b"cache-control", b"no-store")]})
        await send({"type": "http.response.body", "body": b""})
