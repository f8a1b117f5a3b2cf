"""Glue: serve lesson 16's snippet as `GET /api/chat/stream` on the app's own server, and lesson 21's relay (the
mock's raw Chat Completions SSE, cut by its `split` fault unless `split=false`) as `GET /api/relay/stream`.

The SSE logic (framing, events, error messages) lives in `snippets/16_web_integration.py`, the file the
lesson shows; this module only validates the query, builds a mock client, and streams the snippet's
`sse_events(...)`. The app includes `router` and sets `app.state.mock_url` (root of the mock, as runs reach it);
`app.state.mock_pacing` (optional) is a dict of `X-Mock-*-Ms` pacing headers, e.g. 0s for tests, and
`app.state.read_timeout_s` (optional) overrides how long a stalled upstream is waited for.
Whether the stream ends, fails, or the browser goes away, the generator and the client are closed.
"""

from __future__ import annotations

import asyncio
import logging
import re
import threading
from collections.abc import Callable

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse, StreamingResponse

from streamlab.engine import lessons
from streamlab.hosting import providers

STEM = "16_web_integration"
PATH = "/api/chat/stream"
RELAY_STEM = "21_broken_vs_fixed_browser"  # lesson 21: the provider's own SSE bytes, relayed unchanged
RELAY_PATH = "/api/relay/stream"
MAX_PROMPT_CHARS = 4000
PUBLIC_MAX_OPEN_STREAMS = 32  # a public server: streams open at once on this endpoint, all visitors together
SESSION_ID = re.compile(r"^[A-Za-z0-9_.:-]{1,100}$")
SSE_HEADERS = {"Cache-Control": "no-cache", "X-Accel-Buffering": "no"}
PACING_FIELDS = {"x-mock-ttft-ms": "ttft_ms", "x-mock-token-ms": "token_ms", "x-mock-jitter-ms": "jitter_ms"}

log = logging.getLogger("streamlab.web")
router = APIRouter()
_open_clients: set = set()
_lessons: dict[str, lessons.Lesson] = {}
_lock = threading.Lock()


def open_streams() -> int:
    """How many endpoint streams still hold an upstream client (0 once every stream is closed)."""
    return len(_open_clients)


def _load(stem: str = STEM) -> lessons.Lesson:
    """The lesson, loaded once; importing its snippet (and openai) happens here, off the event loop."""
    with _lock:
        if stem not in _lessons:
            lesson = lessons.load(stem)
            if lesson.error:
                raise RuntimeError(lesson.error)
            lesson.module  # noqa: B018 - import the snippet now
            _lessons[stem] = lesson
    return _lessons[stem]


async def _begin(request: Request, stem: str, path: str, problem_of: Callable[[lessons.Lesson], str]):
    """(lesson, settings, client) for one stream on the app's own mock, or the response that refuses it: a 503
    when the lesson cannot be loaded or a public server is at its limit, a 400 when `problem_of(lesson)` finds
    something wrong with the request."""
    try:
        lesson = await asyncio.to_thread(_load, stem)
    except Exception as exc:  # noqa: BLE001 - a broken lesson file must not become a 500 with a traceback
        log.error("lesson %s cannot serve %s: %s", stem, path, exc)
        return _error(503, "The lesson behind this endpoint could not be loaded; see the server log.")
    problem = problem_of(lesson)
    if problem:
        return _error(400, problem)
    hosting = getattr(request.app.state, "hosting", None)
    limit = getattr(request.app.state, "max_open_streams", PUBLIC_MAX_OPEN_STREAMS)
    if hosting is not None and hosting.public and open_streams() >= limit:
        return _error(503, f"This public server already serves {limit} streams on this endpoint; try again in a "
                           "moment.")
    pacing = {PACING_FIELDS[k.lower()]: int(v) for k, v in getattr(request.app.state, "mock_pacing", {}).items()}
    settings = providers.Settings(mock_url=getattr(request.app.state, "mock_url", ""), **pacing)
    try:  # no retries: the browser shows a failure at once and the user decides to send again
        client = providers.build_client("async_openai", settings, max_retries=0)
    except providers.ProviderError as exc:
        return _error(503, str(exc))
    _open_clients.add(client)
    return lesson, settings, client


def _faults(lesson: lessons.Lesson) -> tuple:
    return next((o.choices for o in lesson.options if o.name == "fault"), ("none",))


def _prompt_problem(prompt: str) -> str:
    if not prompt.strip():
        return "The prompt is empty: pass ?prompt=... with some text."
    if len(prompt) > MAX_PROMPT_CHARS:
        return f"The prompt is {len(prompt):,} characters; the limit is {MAX_PROMPT_CHARS:,}."
    return ""


def _problem(lesson: lessons.Lesson, prompt: str, fault: str, session_id: str) -> str:
    if _prompt_problem(prompt):
        return _prompt_problem(prompt)
    if fault not in _faults(lesson):
        return f"Unknown fault {fault[:40]!r}; choose one of: {', '.join(_faults(lesson))}."
    if session_id and not SESSION_ID.match(session_id):
        return "session_id may hold only letters, digits and _ . : - (at most 100 characters)."
    return ""


def _error(status: int, message: str) -> JSONResponse:
    return JSONResponse({"error": {"message": message}}, status_code=status)


class _SSEResponse(StreamingResponse):
    """A StreamingResponse that always closes its generator and the run's client when it is done."""

    def __init__(self, events, client):
        super().__init__(events, media_type="text/event-stream", headers=SSE_HEADERS)
        self.client = client

    async def __call__(self, scope, receive, send) -> None:
        try:
            await super().__call__(scope, receive, send)
        finally:
            try:
                await self.body_iterator.aclose()  # closes the upstream SDK stream if still open
            finally:
                await self.client.close()
                _open_clients.discard(self.client)


@router.get(PATH)
async def chat_stream(request: Request, prompt: str = "", fault: str = "none", session_id: str = ""):
    begun = await _begin(request, STEM, PATH, lambda lesson: _problem(lesson, prompt, fault, session_id))
    if isinstance(begun, JSONResponse):
        return begun
    lesson, settings, client = begun
    read_timeout_s = getattr(request.app.state, "read_timeout_s", None) or lesson.module.READ_TIMEOUT_S
    events = lesson.module.sse_events(client, prompt, model=settings.resolved_model, fault=fault,
                                      session_id=session_id, read_timeout_s=read_timeout_s)
    return _SSEResponse(events, client)


def _relay_problem(lesson: lessons.Lesson, prompt: str, max_tokens: int) -> str:
    low, high = next(o.limits for o in lesson.options if o.name == "max_tokens")
    return _prompt_problem(prompt) or ("" if low <= max_tokens <= high else f"max_tokens must be {low}–{high}.")


@router.get(RELAY_PATH)
async def relay_stream(request: Request, prompt: str = "", max_tokens: int = 0, split: bool = True):
    begun = await _begin(request, RELAY_STEM, RELAY_PATH, lambda lesson: _relay_problem(lesson, prompt, max_tokens))
    if isinstance(begun, JSONResponse):
        return begun
    lesson, settings, client = begun
    events = lesson.module.relay(client, prompt, model=settings.resolved_model, max_tokens=max_tokens, split=split)
    return _SSEResponse(events, client)
