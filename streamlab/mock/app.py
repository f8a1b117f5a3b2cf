"""The mock provider as a Starlette app; mount it anywhere (StreamLab mounts it at `/mock`)."""

from __future__ import annotations

import json
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from .compose.conversation import Conversation, RequestError, plan, seed_of
from .wire import anthropic_messages, faults, openai_chat, openai_responses
from .wire.pacing import Pacing
from .wire.stats import Stats
from .wire.streaming import DelayedJSON, Driver, EventStream, hide_abort_tracebacks

MODELS = ("streamlab-mock", "gpt-5-mini", "claude-haiku-4-5")


@dataclass(frozen=True)
class Api:
    provider: str  # whose error shapes and headers: "openai" | "anthropic"
    path: str
    parse: Callable[[dict, str], Conversation]
    frames: Callable  # (conversation, reply, body) -> frames
    complete: Callable
    error_frame: Callable[[int], bytes]
    malformed_frame: bytes
    preamble: bool = False  # say a sentence before tool calls, as Claude does

    @property
    def request_id_header(self) -> str:
        return "request-id" if self.provider == "anthropic" else "x-request-id"


CHAT = Api("openai", "/openai/v1/chat/completions", openai_chat.parse,
           lambda c, r, b: openai_chat.frames(c, r, bool((b.get("stream_options") or {}).get("include_usage"))),
           openai_chat.complete, openai_chat.error_frame, openai_chat.MALFORMED_FRAME)
RESPONSES = Api("openai", "/openai/v1/responses", openai_responses.parse,
                lambda c, r, b: openai_responses.frames(c, r), openai_responses.complete,
                openai_responses.error_frame, openai_responses.MALFORMED_FRAME)
MESSAGES = Api("anthropic", "/anthropic/v1/messages", anthropic_messages.parse,
               lambda c, r, b: anthropic_messages.frames(c, r), anthropic_messages.complete,
               anthropic_messages.error_frame, anthropic_messages.MALFORMED_FRAME, preamble=True)


async def _serve(request: Request, api: Api, stats: Stats):
    stats.requests += 1
    headers = {api.request_id_header: "req_" + uuid.uuid4().hex[:24]}

    def bad(message: str, param=None, code=None, status: int = 400):
        stats.bad_requests += 1
        return faults.request_error(api.provider, status, message, param, code, headers)

    try:
        fault = faults.fault_of(request.headers)
    except faults.UnknownFault as err:
        return bad(str(err), None, "unknown_fault")
    if fault:
        stats.faults_injected += 1
    if fault in faults.STATUS_FAULTS:
        return faults.status_fault(api.provider, fault)
    try:
        body = json.loads(await request.body() or b"null")
    except (ValueError, UnicodeDecodeError):
        return bad("We could not parse the JSON body of your request. Please send valid JSON.")
    if not isinstance(body, dict):
        return bad("The request body must be a JSON object.")
    try:
        conversation = api.parse(body, seed_of(body, api.path))
    except RequestError as err:
        return bad(err.message, err.param, err.code, err.status)
    reply = plan(conversation, preamble=api.preamble)
    pacing = Pacing.from_headers(request.headers, conversation.seed)
    if conversation.stream:
        driver = Driver(api.frames(conversation, reply, body), pacing, reply.tokens_streamed, fault,
                        api.error_frame, api.malformed_frame, faults.stall_after(request.headers))
        return EventStream(driver, stats, headers)
    if fault == "error_event":
        return faults.status_fault(api.provider, "server_error")
    data = faults.MALFORMED if fault == "malformed" else faults.dumps(api.complete(conversation, reply))
    return DelayedJSON(data, pacing.total(reply.tokens_streamed), fault, headers)


def _provider_of(request: Request) -> str:
    return "anthropic" if "/anthropic" in request.url.path else "openai"


async def _server_error(request: Request, exc: Exception):
    """A bug in the mock still answers in the provider's shape (Starlette logs the traceback)."""
    body = faults.anthropic_error("Internal server error", "api_error") if _provider_of(request) == "anthropic" \
        else faults.openai_error("The mock had an internal error.", "server_error")
    return faults.json_response(body, 500)


async def _http_error(request: Request, exc: HTTPException):
    message = f"Invalid URL ({request.method} {request.url.path})" if exc.status_code == 404 else \
        f"Method {request.method} is not allowed on {request.url.path}." if exc.status_code == 405 else exc.detail
    return faults.request_error(_provider_of(request), exc.status_code, message, headers=exc.headers)


def create_app() -> Starlette:
    """A fresh mock with its own counters (`app.state.stats`, also served at `GET /_stats`)."""
    stats = Stats()
    hide_abort_tracebacks()

    def route(api: Api) -> Route:
        async def endpoint(request: Request):
            return await _serve(request, api, stats)

        return Route(api.path, endpoint, methods=["POST"])

    async def stats_endpoint(request: Request):
        return JSONResponse(stats.snapshot())

    async def models(request: Request):
        data = [{"id": m, "object": "model", "created": int(time.time()), "owned_by": "streamlab"} for m in MODELS]
        return JSONResponse({"object": "list", "data": data})

    app = Starlette(
        routes=[route(CHAT), route(RESPONSES), route(MESSAGES), Route("/_stats", stats_endpoint),
                Route("/openai/v1/models", models)],
        exception_handlers={HTTPException: _http_error, Exception: _server_error},
    )
    app.state.stats = stats
    return app
