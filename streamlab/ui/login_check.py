"""Gradio's login check, made async on a page without a login.

Gradio guards the queue's requests (`/queue/join` and `/queue/data`, two for each press of Run) and most of its
other routes with a `login_check` dependency written as a plain function, so FastAPI runs it in a worker thread:
two thread hops, each a wait for a thread and for the event loop's next turn, before a run even starts. In a room
of 100 that loop is busy, and each hop costs a turn of it; the first updates of the room came ~0.1 s later.
Without `auth` the check lets everyone in and reads nothing, so here it is replaced (FastAPI's
`dependency_overrides`) by an async function that does the same. With a login configured Gradio's own check
stays."""

from __future__ import annotations

from fastapi import HTTPException


def install(gradio_app) -> bool:
    """Override the login check of `gradio_app` (Gradio's App, as mounted) when it has no login; True if done."""
    if gradio_app.auth is not None or gradio_app.auth_dependency is not None:
        return False

    async def open_door() -> None:
        """What Gradio's check does without a login: nothing. Should a login be set on the app later, no one
        passes (Gradio's own check is not here to ask for it)."""
        if gradio_app.auth is not None or gradio_app.auth_dependency is not None:
            raise HTTPException(status_code=401, detail="Not authenticated")

    guards = [route.dependant.dependencies for route in gradio_app.routes if getattr(route, "path", "") == "/config"]
    checks = {d.call for found in guards for d in found if getattr(d.call, "__name__", "") == "login_check"}
    for check in checks:  # the page's config is guarded by the same check as the queue
        gradio_app.dependency_overrides[check] = open_door
    return bool(checks)
