"""Faults chosen with the `X-Mock-Fault` header, and every error body in each provider's real shape."""

from __future__ import annotations

import json

from starlette.responses import Response

FAULT_HEADER = "x-mock-fault"
STALL_AFTER_HEADER = "x-mock-stall-after"  # with `stall`: the tokens a stream sends before it goes silent (default 0)
STATUS_FAULTS = ("auth", "rate_limit", "server_error", "overloaded")
STREAM_FAULTS = ("stall", "disconnect", "error_event", "malformed")
WIRE_FAULTS = ("split",)  # the answer is whole and correct; only how its bytes are cut into writes changes
FAULTS = STATUS_FAULTS + STREAM_FAULTS + WIRE_FAULTS
SPLIT_GAP_S = 0.01  # between the writes of one split frame, so each arrives in a read of its own

# fault -> (status, OpenAI error type, code, message)
_OPENAI = {
    "auth": (401, "invalid_request_error", "invalid_api_key",
             "Incorrect API key provided. (StreamLab mock: simulated `auth` fault; any key works otherwise.)"),
    "rate_limit": (429, "requests", "rate_limit_exceeded",
                   "Rate limit reached for requests. Please try again in 1s. (StreamLab mock: simulated fault.)"),
    "server_error": (500, "server_error", None,
                     "The server had an error while processing your request. Sorry about that! (StreamLab mock)"),
    "overloaded": (503, "server_error", "overloaded",
                   "The engine is currently overloaded, please try again later. (StreamLab mock)"),
}
# fault -> (status, Anthropic error type, message)
_ANTHROPIC = {
    "auth": (401, "authentication_error", "invalid x-api-key (StreamLab mock: simulated `auth` fault)"),
    "rate_limit": (429, "rate_limit_error", "Number of request tokens has exceeded your rate limit. (StreamLab mock)"),
    "server_error": (500, "api_error", "Internal server error (StreamLab mock)"),
    "overloaded": (529, "overloaded_error", "Overloaded (StreamLab mock)"),
}
_ANTHROPIC_TYPE_BY_STATUS = {400: "invalid_request_error", 404: "not_found_error", 405: "invalid_request_error"}


class UnknownFault(ValueError):
    pass


# Any key is accepted, except one starting with this: it is refused with a 401, as a real provider refuses
# a wrong key, so the invalid-key path can be tried offline. The key is only compared, never kept or echoed.
REJECTED_KEY_PREFIX = "sk-invalid"


def _key_is_rejected(headers) -> bool:
    auth = headers.get("authorization") or ""
    key = auth[7:] if auth[:7].lower() == "bearer " else headers.get("x-api-key") or ""
    return key.strip().startswith(REJECTED_KEY_PREFIX)


def stall_after(headers) -> int:
    """How many tokens a `stall` stream sends before its silence: X-Mock-Stall-After (0, the default, to 1000)."""
    raw = (headers.get(STALL_AFTER_HEADER) or "").strip()
    return min(1000, int(raw)) if raw.isdigit() else 0


def fault_of(headers) -> str | None:
    """The fault this request asks for, None for none; UnknownFault for a name we don't know."""
    raw = (headers.get(FAULT_HEADER) or "").strip().lower().replace("-", "_")
    if raw in ("", "none", "off"):
        return "auth" if _key_is_rejected(headers) else None
    if raw not in FAULTS:
        raise UnknownFault(f"Unknown X-Mock-Fault {raw!r}; expected one of: {', '.join(FAULTS)}.")
    return raw


def openai_error(message: str, type_: str = "invalid_request_error", param=None, code=None) -> dict:
    return {"error": {"message": message, "type": type_, "param": param, "code": code}}


def anthropic_error(message: str, type_: str = "invalid_request_error") -> dict:
    return {"type": "error", "error": {"type": type_, "message": message}}


def json_response(body: dict, status: int, headers: dict | None = None) -> Response:
    data = json.dumps(body, ensure_ascii=False).encode()
    return Response(data, status_code=status, headers=headers, media_type="application/json")


def request_error(provider: str, status: int, message: str, param=None, code=None, headers=None) -> Response:
    """A 4xx in the provider's shape (bad JSON, missing fields, unknown route, wrong method, unknown fault)."""
    if provider == "anthropic":
        body = anthropic_error(message, _ANTHROPIC_TYPE_BY_STATUS.get(status, "invalid_request_error"))
    else:
        body = openai_error(message, "invalid_request_error", param, code)
    return json_response(body, status, headers)


def status_fault(provider: str, fault: str) -> Response:
    headers = {"retry-after": "1", "retry-after-ms": "1000"} if fault == "rate_limit" else {}
    if provider == "anthropic":
        status, type_, message = _ANTHROPIC[fault]
        return json_response(anthropic_error(message, type_), status, headers)
    status, type_, code, message = _OPENAI[fault]
    return json_response(openai_error(message, type_, None, code), status, headers)


def sse(data: bytes | str, event: str | None = None) -> bytes:
    if isinstance(data, str):
        data = data.encode()
    head = b"event: " + event.encode() + b"\n" if event else b""
    return head + b"data: " + data + b"\n\n"


def dumps(obj) -> bytes:
    return json.dumps(obj, ensure_ascii=False, separators=(",", ":")).encode()


MALFORMED = b"{not json"


def split_frame(data: bytes, number: int) -> list[bytes]:
    """The `split` fault: one SSE frame cut into several writes at awkward, deterministic byte boundaries.

    Every frame ends in a write of its own holding only the final newline, so the blank line that ends the
    event comes late. Even-numbered frames are also cut inside their last line: in the middle of its first
    multi-byte UTF-8 character when it has one, else half-way along the line. Joined, the pieces are `data`."""
    cuts = {len(data) - 1} if data.endswith(b"\n\n") else set()
    if number % 2 == 0:
        line_start = data.rfind(b"\n", 0, len(data) - 2) + 1
        lead = next((i for i in range(line_start, len(data)) if data[i] >= 0xC0), None)
        cuts.add(lead + 1 if lead is not None else (line_start + len(data) - 2) // 2)
    bounds = [0, *sorted(c for c in cuts if 0 < c < len(data)), len(data)]
    return [data[a:b] for a, b in zip(bounds, bounds[1:])]
