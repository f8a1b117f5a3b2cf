"""Cassettes: a real provider's streams, kept to be served again offline, byte for byte and at their own pace.

A cassette is one run of a lesson, in JSON lines a person can read and diff: a first line about the run, then for
each HTTP exchange a line with the request (method, path, the few headers that say what the body is, the JSON
body) and the response's status and content headers, then one line for each read of its body: the exchange, the
time since the request went out, and the bytes (`text`, or `b64` when a read cut a character in two). No key,
`Authorization`, `x-api-key` or cookie is ever written: request headers are kept from a short list only.

The mock finds an exchange by its endpoint and its body without the model name (`key_of`): the same lesson,
prompt and options ask the same thing whichever model answered. `Store` reads every `*.jsonl` of its folders,
and reads them again when a request finds nothing and a folder changed (a run recorded since).
"""

from __future__ import annotations

import asyncio
import base64
import hashlib
import json
import time
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from pathlib import Path

ENDPOINTS = {"chat/completions": "chat", "responses": "responses", "messages": "messages"}
REQUEST_HEADERS = ("content-type", "accept", "anthropic-version", "anthropic-beta", "openai-beta")
RESPONSE_HEADERS = ("content-type", "content-encoding")
FORMAT = 1


def endpoint_of(path: str) -> str:
    """"chat", "responses" or "messages" for a request path of any provider's base URL; "" for anything else."""
    path = path.rstrip("/")
    return next((name for suffix, name in ENDPOINTS.items() if path.endswith("/" + suffix)), "")


def key_of(endpoint: str, body) -> str:
    kept = {k: v for k, v in body.items() if k != "model"} if isinstance(body, dict) else body
    return hashlib.sha256(f"{endpoint}\x1f{json.dumps(kept, sort_keys=True, ensure_ascii=False)}".encode()).hexdigest()


@dataclass
class Exchange:
    method: str
    path: str
    request_headers: dict
    body: object
    status: int = 0
    headers: dict = field(default_factory=dict)
    reads: list[tuple[float, bytes]] = field(default_factory=list)  # (seconds since the request went out, bytes)

    @property
    def key(self) -> str:
        return key_of(endpoint_of(self.path), self.body)


def dumps(meta: dict, exchanges: list[Exchange]) -> str:
    lines = [{"cassette": FORMAT, **meta}]
    for i, ex in enumerate(exchanges):
        lines.append({"exchange": i, "request": {"method": ex.method, "path": ex.path, "headers": ex.request_headers,
                                                 "body": ex.body}, "status": ex.status, "headers": ex.headers})
        for at, data in ex.reads:
            try:
                lines.append({"exchange": i, "t": round(at, 4), "text": data.decode("utf-8")})
            except UnicodeDecodeError:
                lines.append({"exchange": i, "t": round(at, 4), "b64": base64.b64encode(data).decode("ascii")})
    return "".join(json.dumps(line, ensure_ascii=False) + "\n" for line in lines)


def loads(text: str) -> list[Exchange]:
    exchanges: list[Exchange] = []
    for line in text.splitlines():
        item = json.loads(line) if line.strip() else {}
        if "request" in item:
            request = item["request"]
            exchanges.append(Exchange(request["method"], request["path"], request.get("headers", {}),
                                      request.get("body"), item.get("status", 200), item.get("headers", {})))
        elif "t" in item:
            data = item["text"].encode("utf-8") if "text" in item else base64.b64decode(item["b64"])
            exchanges[item["exchange"]].reads.append((float(item["t"]), data))
    return exchanges


class Store:
    """The exchanges of every cassette in `folders`, by `key_of`; the newest recording of a request wins."""

    def __init__(self, folders: list[Path]):
        self.folders = [Path(f) for f in folders]
        self.found: dict[str, Exchange] = {}
        self.seen: dict[Path, float] = {}
        self.load()

    def _changed(self) -> bool:
        return any(self._stamp(folder) != self.seen.get(folder) for folder in self.folders)

    @staticmethod
    def _stamp(folder: Path) -> float:
        return folder.stat().st_mtime if folder.is_dir() else -1.0

    def load(self) -> None:
        found = {}
        for folder in self.folders:
            self.seen[folder] = self._stamp(folder)
            files = sorted(folder.glob("*.jsonl"), key=lambda p: p.stat().st_mtime) if folder.is_dir() else []
            for path in files:
                try:
                    found.update({ex.key: ex for ex in loads(path.read_text(encoding="utf-8"))})
                except (OSError, ValueError, KeyError, IndexError):
                    continue  # a file that is not a cassette
        self.found = found

    def find(self, endpoint: str, body) -> Exchange | None:
        key = key_of(endpoint, body)
        if key not in self.found and self._changed():
            self.load()
        return self.found.get(key)


class Replay:
    """An exchange's body, each read at its recorded time (divided by `speed`; 0: as fast as possible)."""

    def __init__(self, exchange: Exchange, speed: float = 1.0):
        self.exchange, self.speed = exchange, speed
        self.outcome = "completed"

    async def __aiter__(self) -> AsyncIterator[bytes]:
        start = time.perf_counter()
        for at, data in self.exchange.reads:
            if self.speed > 0:
                wait = at / self.speed - (time.perf_counter() - start)
                if wait > 0:
                    await asyncio.sleep(wait)
            yield data
