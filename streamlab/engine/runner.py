"""Drive one lesson run: the snippet's generator → coalesced frames for the UI.

The snippet runs as written: a sync generator in a thread of its own, an async one as a task on the
server's loop. What it yields lands in a queue; the UI gets at most one frame per `frame_s`, so a fast
stream does not flood the browser, and the first token is shown at once. While nothing arrives (waiting for
the first token, a stall) a frame still goes out every `metrics.REFRESH_S`, so elapsed time keeps growing.
A run ends as done, stopped, failed (nothing of the answer arrived) or incomplete (some did): a snippet that
catches a failure itself says which with a `("status", …)` item. Stop, a failure, or the browser
going away all end in the same `finally`: the snippet's generator is closed (its `with` blocks close the
upstream HTTP stream) and the run's client is closed.
"""

from __future__ import annotations

import asyncio
import logging
import os
import threading
import time
import uuid
from dataclasses import dataclass, field, replace

import httpx2

from streamlab.engine import edited, errors, inputs
from streamlab.engine.edited_runs import EditedRuns
from streamlab.engine.lessons import NOTE, OUTCOMES, STATUS, USAGE, Lesson
from streamlab.engine.metrics import REFRESH_S, Metrics
from streamlab.engine.pump import END, Failure, close_client, start_pump
from streamlab.engine.worker_pool import Pool
from streamlab.engine.worker_process import Job
from streamlab.hosting import providers, recorder, run_connections, url_guard
from streamlab.hosting.limits import Limits
from streamlab.hosting.mode import Hosting

log = logging.getLogger("streamlab.run")
FRAME_S = 1 / float(os.environ.get("STREAMLAB_UI_FPS", "20"))
# All runs of this process together send at most this many UI updates a second (each costs Gradio ~0.7 ms of
# CPU on its one event loop): with a room streaming at once each run refreshes a little less often, instead of
# everyone waiting for a saturated queue. A run's first token and its last frame are never held back.
UPDATES_PER_S = float(os.environ.get("STREAMLAB_UI_UPDATES_PER_S", "240"))
_streaming = [0]  # runs streaming now in this process (a list: mutated from the runs' tasks)


def frame_interval(frame_s: float = FRAME_S) -> float:
    """Seconds between two UI updates of one run: its own cap, stretched to keep every run within budget."""
    return max(frame_s, _streaming[0] / UPDATES_PER_S)


_STOP = object()
REPLAYED = "Replayed from a recording."
NOT_RECORDED = "No recording matched this run, so the mock answered it."
PARTLY_RECORDED = "Part of this run had no recording: the mock answered that part."
_active: dict[tuple[str, str], asyncio.Queue] = {}


@dataclass
class Frame:
    panes: dict[str, str]
    metrics: Metrics
    status: str = "running"  # running, then done | stopped | failed | incomplete
    message: str = ""
    final: bool = False
    updates: int = field(default=0)


def _declared(value, secrets: list[str]) -> tuple[str, str] | None:
    """A snippet's ("status", "failed: <why>" / "incomplete: <why>") → (outcome, why, capitalised); else None."""
    text = errors.scrub(value, secrets, key_shapes=False) if isinstance(value, str) else ""
    outcome, _, words = text.partition(":")
    if outcome.strip().lower() not in OUTCOMES:
        log.warning("ignored a status item that declares no outcome: %r", text[:80])
        return None
    words = inputs.no_lone_surrogates(words.strip())
    return outcome.strip().lower(), words[:1].upper() + words[1:]


def request_stop(session: str, stem: str) -> bool:
    """Ask the run of `stem` in this browser session to stop; False when none is running."""
    queue = _active.get((session, stem))
    if queue is None:
        return False
    queue.put_nowait(_STOP)
    return True


async def _replayed(settings: providers.Settings) -> str:
    """What a run on "recorded" found: its requests' recordings, or the mock's own answers (asked of the mock)."""
    try:
        async with httpx2.AsyncClient(timeout=5) as client:
            asked = await client.get(f"{settings.mock_url.rstrip('/')}/_replay", params={"run": settings.run_tag})
            found = asked.json()
    except (httpx2.HTTPError, ValueError):
        return ""
    if not found.get("missed"):
        return REPLAYED if found.get("replayed") else ""
    return PARTLY_RECORDED if found.get("replayed") else NOT_RECORDED


async def run(lesson: Lesson, settings: providers.Settings, prompt: str, options: dict | None = None,
              session: str = "", frame_s: float = FRAME_S, hosting: Hosting | None = None,
              limits: Limits | None = None, pool: Pool | None = None, source: str | None = None,
              edits: EditedRuns | None = None, fresh: bool = False, history: list | None = None):
    """Yield Frames for one run of `lesson`; the last one has `final=True`.

    `settings` are the session's choices; `providers.resolve` decides here which key goes to which URL.
    `hosting` (default: a local run) and `limits` (a public server's run limits) come from the app; so does
    `pool`, the worker processes that run the snippet (None: in this process). `source` is the editor's text
    (None: the lesson's own); when it differs from the lesson's code it runs in a process of its own from
    `edits`, if this server lets visitors edit (`edits.editing`), within its wall-clock limit; so does `source` with
    `fresh` (an exercise: the learner's code, even unchanged, never the pool's lessons). `history`: a chat
    lesson's conversation so far (CHAT)."""
    loop = asyncio.get_running_loop()
    main = lesson.panes[0]
    metrics = Metrics(measured=lesson.measured)
    declared = None  # (outcome, message) from the snippet's own ("status", …) item
    frame = Frame({pane: "" for pane in lesson.panes}, metrics)
    queue: asyncio.Queue = asyncio.Queue()
    key = (session, lesson.stem)
    client = pump = ticket = None
    release = None
    counted = False
    connections = None
    hosting = hosting or Hosting()
    halt = threading.Event()
    secrets = providers.secrets_of(settings)
    changed = edited.is_edit(lesson, source) or (fresh and source is not None)
    note, deadline = "", None  # what the page cannot follow of an edit; when an edited run is ended
    yield frame
    try:
        prompt = inputs.prompt(prompt)
        chosen = inputs.options(lesson, options or {})
        turns = inputs.history(history)
        if changed:
            if edits is None or not edits.editing.enabled:
                raise edited.EditError(edited.REFUSED.get(edits.editing.why_off if edits else "", edited.OFF))
            lesson, note = edited.prepare(lesson, source)
        kind = lesson.kind_for(chosen)
        if limits is not None:  # before any work a refused run should not cause (a DNS lookup, a client)
            release = limits.admit(session, lesson.stem)
        _active[key] = queue  # Stop reaches this run from here on
        settings = await asyncio.to_thread(providers.resolve, settings, hosting)  # may resolve a host name
        settings = replace(settings, record_dir=recorder.folder_for(settings.provider, settings.record, hosting),
                           run_label=lesson.stem, run_tag=uuid.uuid4().hex if settings.provider == "recorded" else "")
        providers.check(kind, settings)
        if limits is not None and settings.key_source == "server":
            limits.admit_shared(session, settings.provider)
        if hosting.public and settings.key_source == "server":  # the owner's endpoint is not shown to visitors
            secrets += [settings.base_url] if settings.base_url not in providers.OFFICIAL_URLS.values() else []
        # a learner's URL on a public server: every connection the run opens is checked where it lands
        guard = url_guard.guard_for(settings.mock_urls) if hosting.public and settings.key_source == "learner" else None
        if changed and edits.editing.sandboxed:  # edited code on a shared server: public addresses and the mock's
            guard = url_guard.guard_for((settings.mock_url,))  # own process; not this server's port (its relay)
        if pool is not None or changed:
            def deliver(what: str, payload) -> None:
                queue.put_nowait(payload if what == "item" else END if what == "end"
                                 else Failure(errors.WorkerFailure(*payload)))

            job = Job(lesson.stem, kind, settings, prompt, settings.resolved_model, chosen, secrets, guard,
                      source=lesson.source if changed else "", history=turns)
            metrics.started = time.perf_counter()
            # a process of its own is started off the loop: it waits for the fork server, which forks one at a time
            ticket = (edits, await asyncio.to_thread(edits.begin, job, deliver, loop)) if changed else \
                (pool, pool.begin(job, deliver))
            deadline = loop.time() + edits.editing.wall_s if changed else None
        else:
            connections = run_connections.RunConnections(guard)
            context = run_connections.context_for(connections)
            await asyncio.to_thread(lambda: lesson.module)  # first run imports the snippet (and its SDK)
            client = await asyncio.to_thread(providers.build_client, kind, settings)
            metrics.started = time.perf_counter()
            gen = lesson.start(client, prompt, settings.resolved_model, chosen, turns)

            def push(item):
                try:
                    loop.call_soon_threadsafe(queue.put_nowait, item)
                except RuntimeError:  # the loop is gone: the server is shutting down
                    halt.set()
            pump = start_pump(lesson, gen, queue, push, halt, context)
        last_shown, dirty = 0.0, False  # 0.0: the first piece is shown as soon as it arrives
        last_frame = loop.time()  # any frame, ticks included
        _streaming[0] += 1
        counted = True
        while True:
            interval = frame_interval(frame_s)
            if dirty and loop.time() - last_shown >= interval:
                frame.updates += 1
                yield frame
                last_shown = last_frame = loop.time()
                dirty = False
            # with nothing new to show, a frame still goes out on the metrics' cadence: elapsed keeps growing
            due = last_shown + interval if dirty else last_frame + max(interval, REFRESH_S)
            if deadline is not None:
                if loop.time() >= deadline:
                    raise edited.RunLimit(f"Your code ran for {edits.editing.wall_s:g} s, the limit for edited code "
                                          "here, so it was ended.")
                due = min(due, deadline)
            try:
                item = await asyncio.wait_for(queue.get(), max(0.0, due - loop.time()))
            except TimeoutError:
                if not dirty:
                    frame.updates += 1
                    yield frame
                    last_frame = loop.time()
                continue
            if item is END:
                frame.status, frame.message = declared or ("done", note)
                break
            if item is _STOP:
                frame.status = "stopped"
                frame.message = f"Stopped after {metrics.chunks} chunks. The partial text is kept."
                break
            if isinstance(item, Failure):
                raise item.error
            pane, value = item if isinstance(item, tuple) else (main, item)
            if pane == STATUS:
                declared = _declared(value, secrets) or declared
                continue
            if pane == NOTE and isinstance(value, tuple) and len(value) == 2 and value[0] in frame.panes:
                shown = errors.scrub(str(value[1]), secrets, key_shapes=False)  # shown, never measured
                frame.panes[value[0]] += inputs.no_lone_surrogates(shown)
                dirty = True
                continue
            if pane == USAGE:
                # token counts only: a provider's usage fields are shown in the page, so nothing but numbers
                metrics.usage = {k: v for k, v in value.items() if isinstance(v, int) and not isinstance(v, bool)} \
                    if isinstance(value, dict) else None
                continue
            # a snippet may echo a provider error: hide the learner's key, keep teaching placeholders
            text = errors.scrub(value if isinstance(value, str) else str(value), secrets, key_shapes=False)
            text = inputs.no_lone_surrogates(text)  # a provider may send "\ud800"; the page's JSON cannot
            frame.panes[pane] = frame.panes.get(pane, "") + text
            metrics.record(pane, text)
            dirty = True
    except Exception as exc:  # noqa: BLE001 - every failure becomes a message, never a crash
        frame.status = "incomplete" if metrics.chunks else "failed"
        frame.message = errors.message_for(exc, secrets, mid_stream=metrics.chunks > 0)
    finally:
        metrics.finish()
        if counted:
            _streaming[0] -= 1
        if release is not None:
            release()
        if _active.get(key) is queue:  # a newer run of the same tab may have taken the slot
            del _active[key]
        halt.set()
        if connections is not None and frame.status != "done":
            run_connections.cut(connections)  # a thread blocked on a stalled read wakes now
        if ticket is not None:
            ticket[0].end(ticket[1])  # a run still going in its worker (Stop, a failure, the browser gone) stops
        if isinstance(pump, asyncio.Task):
            pump.cancel()
            await asyncio.gather(pump, return_exceptions=True)
        if client is not None:
            await close_client(client)
        if frame.status == "done" and settings.run_tag:  # asked once the run has let go of what it held
            frame.message = await _replayed(settings)
        log.info("run lesson=%s provider=%s status=%s chunks=%d ttft_ms=%s%s", lesson.stem, settings.provider,
                 frame.status, metrics.chunks, metrics.summary()["ttft_ms"],
                 f" message={frame.message!r}" if frame.status in OUTCOMES else "")
    frame.final = True
    yield frame
