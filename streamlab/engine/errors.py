"""Turn anything a run raises into a message for the learner: what happened, what to do. Never a key.

SDK exceptions are recognised by name and status code, so this module imports no SDK.
"""

from __future__ import annotations

import json

from streamlab.hosting.safe_text import ProviderError, scrub, short
from streamlab.hosting.url_guard import AddressRefused


def _provider_message(exc, secrets=()) -> str:
    """The provider's own short explanation, if it sent one as JSON (`{"error": {"message": …}}`); never a
    raw response body, which may come from any host a URL points at."""
    body = getattr(exc, "body", None)
    if isinstance(body, dict):
        inner = body.get("error", body)
        if isinstance(inner, dict) and isinstance(inner.get("message"), str):
            return short(scrub(inner["message"], secrets))  # keys hidden before escaping changes how they look
    if getattr(exc, "response", None) is not None or getattr(exc, "status_code", None) is not None:
        return ""  # an HTTP error without a JSON message: its status says enough
    message = getattr(exc, "message", None) or str(exc)
    return short(scrub(message.splitlines()[0], secrets)) if message else ""


def refusal_behind(exc: BaseException):
    """The AddressRefused behind `exc` (the connection guard said no), if any."""
    seen = 0
    while exc is not None and seen < 10:
        if isinstance(exc, AddressRefused):
            return exc
        exc, seen = exc.__cause__ or exc.__context__, seen + 1
    return None


def _retry_after(exc) -> str:
    response = getattr(exc, "response", None)
    headers = getattr(response, "headers", None) or {}
    value = str(headers.get("retry-after") or "").strip()
    return f" The provider asks to wait {value} s before retrying." if value.isdigit() and len(value) < 6 else ""


INCOMPLETE = "The partial text above is kept, but the answer is incomplete."
DROPPED = "The connection dropped in the middle of the stream. The partial text above is kept."


def describe(exc: BaseException, mid_stream: bool = False, secrets=()) -> str:
    """A plain-language message for an exception raised during a run; `mid_stream` when some of the answer had
    already arrived, and then the message always says the answer is incomplete. `secrets` are hidden from
    what the provider said before it is escaped."""
    message = _explain(exc, mid_stream, secrets)
    if mid_stream and "partial text" not in message:
        message += " " + INCOMPLETE
    return message


def _explain(exc: BaseException, mid_stream: bool, secrets=()) -> str:
    if isinstance(exc, ProviderError):
        return str(exc)
    refused = refusal_behind(exc)
    if refused is not None:
        return f"{refused} Nothing was sent there."
    name = type(exc).__name__
    status = getattr(exc, "status_code", None)
    detail = _provider_message(exc, secrets)
    if name in ("APITimeoutError", "ReadTimeout", "TimeoutException", "TimeoutError"):
        return ("The provider stopped sending data and the read timeout fired. The partial text above is "
                "all that arrived; try again, or raise the timeout if the model is slow to start.")
    if name in ("APIConnectionError", "OpenAIConnectionError", "ConnectError", "ConnectionError",
                "RemoteProtocolError", "ReadError"):
        if mid_stream or type(exc.__cause__).__name__ in ("RemoteProtocolError", "ReadError"):
            return DROPPED
        return ("Could not reach the provider. Check the base URL in the provider panel (and that the "
                "server is up), then run again.")
    if status == 401 or name == "AuthenticationError":
        return ("The provider rejected the API key (401 Unauthorized). Check the key in the provider panel "
                "— it stays in this browser session — or switch back to Mock.")
    if status == 403 or name == "PermissionDeniedError":
        return "The key has no access to this model or endpoint (403). Pick another model or check the account."
    if status == 404 or name == "NotFoundError":
        said = f": {detail}" if detail else ""
        return f"The provider does not know this model or route (404){said}. Check the model name and base URL."
    if status == 429 or name == "RateLimitError":
        return f"Rate limited (429): too many requests for this key right now.{_retry_after(exc)}"
    if status == 529 or name == "OverloadedError":
        return "The provider is overloaded (529). Wait a moment and run again."
    said = f": {detail}" if detail else "."
    if isinstance(status, int) and status >= 500:
        return f"The provider had a server error ({status}){said} Run again in a moment."
    if isinstance(status, int) and status >= 400:
        return f"The provider refused the request ({status}){said}"
    if name == "APIStatusError" or name == "APIError":
        return f"The provider sent an error in the middle of the stream: {detail}"
    if isinstance(exc, json.JSONDecodeError) or "JSONDecodeError" in name:
        return "The provider sent a chunk that is not valid JSON, so the stream could not be read further."
    if name in ("IncompleteRead", "StreamClosedError"):
        return DROPPED
    if mid_stream:
        return f"The stream failed part-way: {detail.rstrip('.') or name}."
    return f"The run failed: {name}: {detail}" if detail else f"The run failed: {name}."


class WorkerFailure(Exception):
    """A run failed in a worker process, which described it both ways (it cannot know how much was shown)."""

    def __init__(self, at_start: str, mid_stream: str):
        super().__init__(at_start, mid_stream)
        self.at_start, self.mid_stream = at_start, mid_stream


def message_for(exc: BaseException, secrets: list[str] = (), mid_stream: bool = False) -> str:
    if isinstance(exc, WorkerFailure):
        return scrub(exc.mid_stream if mid_stream else exc.at_start, secrets)
    return scrub(describe(exc, mid_stream, secrets), secrets)
