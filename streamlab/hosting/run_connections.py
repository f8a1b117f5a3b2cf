"""Every connection a run opens, whoever opens it: checked by the run's guard, and remembered so that Stop can
cut it.

A Python audit hook (PEP 578) sees each `socket.connect` in the process; a context variable says which run
(if any) the connecting code belongs to. The runner starts a run's work in `context_for(...)`: tasks and
threads started from there inherit it, so the SDK's connections, a snippet's own HTTP client and redirects
are all seen. In public mode the run's `Guard` refuses non-public addresses before the connection is made.
On Stop, `cut(...)` shuts the run's sockets down: a thread blocked reading a stalled stream wakes at once
and the upstream sees the connection close, instead of waiting for the read timeout. A run that has been cut
opens no new connection: a snippet that tries again after the cut (a retry, a second request) is refused.

Threads a snippet starts itself begin with empty context variables; a snippet that calls the provider from
one hands it its context (`contextvars.copy_context().run`), as lesson 19 does for its server thread.
"""

from __future__ import annotations

import contextvars
import socket
import sys
import threading
import weakref
from dataclasses import dataclass, field

from streamlab.hosting.url_guard import Guard


@dataclass
class RunConnections:
    guard: Guard | None = None
    sockets: weakref.WeakSet = field(default_factory=weakref.WeakSet)
    stopped: bool = False  # cut: no new connection
    lock: threading.Lock = field(default_factory=threading.Lock, repr=False)


_current: contextvars.ContextVar[RunConnections | None] = contextvars.ContextVar("streamlab_run_connections",
                                                                                  default=None)
_installed = threading.Lock()
_hook_on = False
_process_guard: list[Guard] = []  # a process that runs one run of untrusted code: every connection, any thread


def _audit(event: str, args: tuple) -> None:
    if event != "socket.connect":
        return
    if _process_guard:
        _process_guard[0].check(args[0].family, args[1])
    run = _current.get()
    if run is not None:
        sock, address = args
        if run.guard is not None:
            run.guard.check(sock.family, address)
        with run.lock:
            if run.stopped:
                raise ConnectionAbortedError("This run was stopped: it opens no new connection.")
            run.sockets.add(sock)


def install() -> None:
    """Install the audit hook (once per process; audit hooks cannot be removed)."""
    global _hook_on
    with _installed:
        if not _hook_on:
            sys.addaudithook(_audit)
            _hook_on = True


def guard_process(guard: Guard) -> None:
    """Check every connection of this process with `guard`, whatever thread or context opens it; for good (a
    process of edited code: a thread it starts itself has no run context, and must not escape the guard)."""
    install()
    if not _process_guard:
        _process_guard.append(guard)


def context_for(run: RunConnections) -> contextvars.Context:
    """A copy of the current context in which `run` sees every connection. Run a run's work in it:
    `asyncio.create_task(coro, context=ctx)`, `threading.Thread(target=ctx.run, ...)`."""
    install()
    ctx = contextvars.copy_context()
    ctx.run(_current.set, run)
    return ctx


def cut(run: RunConnections) -> int:
    """Shut down every socket the run still holds, and refuse it new ones; how many were cut."""
    with run.lock:
        run.stopped = True
        held = list(run.sockets)
    count = 0
    for sock in held:
        try:
            sock.shutdown(socket.SHUT_RDWR)
            count += 1
        except OSError:
            pass  # already closed
    return count
