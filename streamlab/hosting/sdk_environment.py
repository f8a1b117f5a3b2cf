"""SDK settings the environment holds (organisation, project, custom headers), kept for the server's own endpoints.

The SDKs read them from the environment by themselves and add them to every request they send, a visitor's URL
included (an `Authorization:` line in OPENAI_CUSTOM_HEADERS even replaces the visitor's key). The app takes them
out of the environment at start (`hold_sdk_environment`) and gives them only to runs on the server's own endpoints
(`server_extras`); the worker processes get them from the web process (`adopt_sdk_environment`).
"""

from __future__ import annotations

import os

SDK_ENV = {"openai": ("OPENAI_ORG_ID", "OPENAI_PROJECT_ID", "OPENAI_CUSTOM_HEADERS"),
           "anthropic": ("ANTHROPIC_CUSTOM_HEADERS",)}
_held: dict[str, str] = {}


def hold_sdk_environment() -> None:
    for names in SDK_ENV.values():
        for name in names:
            if name in os.environ:
                _held[name] = os.environ.pop(name)


def held_sdk_environment() -> dict[str, str]:
    """What `hold_sdk_environment` took: handed to the worker processes, which build the runs' clients."""
    return dict(_held)


def adopt_sdk_environment(held: dict[str, str]) -> None:
    """In a worker process: the web process's held SDK settings, for clients of the server's own endpoints."""
    hold_sdk_environment()
    _held.update(held)


def headers_from(text: str) -> dict[str, str]:
    """`Name: value` lines, as the SDKs read their *_CUSTOM_HEADERS variables."""
    return {line.split(":", 1)[0].strip(): line.split(":", 1)[1].strip() for line in text.split("\n") if ":" in line}


def server_extras(wire: str, key_source: str) -> dict:
    """What the held SDK settings add to a client of the server's own endpoint; nothing for anyone else's."""
    if key_source != "server":
        return {}
    if wire == "anthropic":
        headers = headers_from(_held.get("ANTHROPIC_CUSTOM_HEADERS", ""))
        return {"default_headers": headers} if headers else {}
    extras = {"organization": _held.get("OPENAI_ORG_ID"), "project": _held.get("OPENAI_PROJECT_ID"),
              "default_headers": headers_from(_held.get("OPENAI_CUSTOM_HEADERS", ""))}
    return {k: v for k, v in extras.items() if v}
