"""The mock provider as a Starlette app; mount it anywhere (StreamLab mounts it at `/mock`)."""

from __future__ import annotations

import json
import time
import uuid
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from .compose.conversation import Conversation, RequestError, plan, seed_of
from .wire import anthropic_messages, faults, openai_chat, openai_responses
from .wire.cassette import Exchange, Replay, Store, endpoint_of
from .wire.pacing import Pacing
from .wire.stats import Stats
from .wire.streaming import DelayedJSON, Driver, EventStream, hide_abort_tracebacks

MODELS = ("streamlab-mock", "gpt-5-mini", "claude-haiku-4-5")
REPLAY_HEADER = "x-mock-replay"  # "1": serve the recorded exchange that matches this request, if there is one
REPLAY_SPEED_HEADER = "x-mock-replay-speed"  # 2: twice as fast as recorded; 0: as fast as possible
RUN_HEADER = "x-streamlab-run"  # the app's tag for one run: GET /_replay?run=TAG says what its requests found


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


class Replays:
    """The cassettes this mock serves, and for each run tag (the last 1,000) how many of its requests found one."""

    def __init__(self, folders: list[Path]):
        self.store = Store(folders)
        self.runs: OrderedDict[str, dict[str, int]] = OrderedDict()

    def find(self, request: Request, body: dict) -> Exchange | None:
        exchange = self.store.find(endpoint_of(request.url.path), body)
        tag = request.headers.get(RUN_HEADER, "")[:64]
        if tag:
            counts = self.runs.setdefault(tag, {"replayed": 0, "missed": 0})
            counts["replayed" if exchange else "missed"] += 1
            self.runs.move_to_end(tag)
            while len(self.runs) > 1000:
                self.runs.popitem(last=False)
        return exchange

    @staticmethod
    def respond(exchange: Exchange, request: Request, stats: Stats):
        try:
            speed = min(100.0, max(0.0, float(request.headers.get(REPLAY_SPEED_HEADER) or 1)))
        except ValueError:
            speed = 1.0
        if exchange.status != 200:
            return Response(b"".join(data for _, data in exchange.reads), exchange.status, exchange.headers)
        return EventStream(Replay(exchange, speed), stats, {**exchange.headers, "x-mock-replay": "hit"})


async def _serve(request: Request, api: Api, stats: Stats, replays: Replays):
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
    if request.headers.get(REPLAY_HEADER):
        exchange = replays.find(request, body)
        if exchange is not None:
            return replays.respond(exchange, request, stats)
        headers["x-mock-replay"] = "miss"  # no recording of this request: the mock answers it
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


def create_app(cassettes: list[Path] = ()) -> Starlette:
    """A fresh mock with its own counters (`app.state.stats`, also served at `GET /_stats`), serving the recorded
    streams of the `cassettes` folders to requests that ask for a replay (the `X-Mock-Replay` header)."""
    stats = Stats()
    replays = Replays(list(cassettes))
    hide_abort_tracebacks()

    def route(api: Api) -> Route:
        async def endpoint(request: Request):
            return await _serve(request, api, stats, replays)

        return Route(api.path, endpoint, methods=["POST"])

    async def stats_endpoint(request: Request):
        return JSONResponse(stats.snapshot())

    async def replay_endpoint(request: Request):
        return JSONResponse(replays.runs.get(request.query_params.get("run", ""), {"replayed": 0, "missed": 0}))

    async def models(request: Request):
        data = [{"id": m, "object": "model", "created": int(time.time()), "owned_by": "streamlab"} for m in MODELS]
        return JSONResponse({"object": "list", "data": data})

    app = Starlette(
        routes=[route(CHAT), route(RESPONSES), route(MESSAGES), Route("/_stats", stats_endpoint),
                Route("/_replay", replay_endpoint),
                Route("/openai/v1/models", models)],
        exception_handlers={HTTPException: _http_error, Exception: _server_error},
    )
    app.state.stats = stats
    return app
