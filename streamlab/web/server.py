"""The one web server: the Gradio page at `/`, the mock at `/mock`, static assets at `/static`, the
web-integration SSE endpoint at `/api/chat/stream`. One port; the lessons' snippets run in worker processes
(streamlab.engine.worker_pool), one per core unless STREAMLAB_WORKERS says otherwise, and the mock in a process of
its own (streamlab.web.mock_process), which `/mock` relays to and the runs reach directly."""

from __future__ import annotations

import asyncio
import contextlib
import importlib.util
import logging
import os
import sys
import threading
from dataclasses import dataclass, field
from pathlib import Path

from fastapi import FastAPI, HTTPException
from fastapi.staticfiles import StaticFiles

from streamlab.engine import lessons
from streamlab.engine.edited_runs import EditedRuns
from streamlab.engine.lessons import ROOT
from streamlab.engine.warm_up import warm_up
from streamlab.engine.worker_pool import Pool, size_from_env
from streamlab.hosting import editing, providers, run_connections, sdk_environment
from streamlab.hosting.mode import Hosting
from streamlab.web import lesson_endpoints, mock_relay
from streamlab.web.mock_process import MockProcess
from streamlab.web.renamed_lessons import RenamedLessons

log = logging.getLogger("streamlab")
ASSETS = ROOT / "assets"
# How long the server keeps an idle HTTP connection open (uvicorn's own default, said here so that a balancer in
# front can let go of its idle connections first: deploy/nginx/streamlab.conf keeps them 4 s).
KEEP_ALIVE_S = 5
QUEUE_STATUS_S = 1.0  # how often a learner waiting in Gradio's queue hears its place


@dataclass(frozen=True)
class Config:
    host: str = "127.0.0.1"
    port: int = 7860
    concurrency: int = 128  # runs of one lesson at once: a workshop room of 100 presses Run together
    lessons_root: Path | None = None  # a folder holding snippets/ and lessons/; None: this checkout
    hosting: Hosting = field(default_factory=Hosting.from_env)  # public or local mode, from the environment
    # Browser sessions whose state the server keeps (least recently used go first). Gradio's own default is
    # 10,000; a session keeps what it changed (streamlab/ui/sessions.py), some tens of KB; 200 is two sessions for
    # each learner of a room of 100.
    session_capacity: int = field(default_factory=lambda: max(10, int(os.environ.get("STREAMLAB_SESSION_CAPACITY",
                                                                                          "200"))))
    workers: int = field(default_factory=size_from_env)  # processes that run the snippets; 0: in this one

    @classmethod
    def from_env(cls) -> Config:
        return cls(host=os.environ.get("GRADIO_SERVER_NAME", "127.0.0.1"),
                   port=int(os.environ.get("GRADIO_SERVER_PORT", "7860")),
                   concurrency=max(1, int(os.environ.get("STREAMLAB_CONCURRENCY", "128"))))

    @property
    def queue_slots(self) -> int:
        """Events Gradio's queue processes at once, over every event of the page. Gradio's own default is 40
        (`max_threads`): a room of 100 pressing Run would start in waves of 40, the last after two whole runs.
        A room's runs, and beside them room for the short events (opening the page, Stop, the panel)."""
        return self.concurrency + 64

    @property
    def mock_url(self) -> str:
        """The mock as reached through this server's own port (relayed to the mock's process; loopback unless
        bound to one specific address)."""
        local = self.host if self.host not in ("0.0.0.0", "::", "") else "127.0.0.1"
        return f"http://{local}:{self.port}/mock"


def create_app(config: Config) -> FastAPI:
    # no calls home: Gradio's usage analytics and version check would send visitors' activity elsewhere
    os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")
    import gradio as gr  # here, after the line above: Gradio reads it when imported, and so do the page's modules

    from streamlab.i18n.page_language import PageLanguage
    from streamlab.ui import login_check, navigation, sessions
    from streamlab.ui.page import build_demo

    # who may run code typed in the page: refused here, before anything starts, on a server that could leak a key
    allowed = editing.Editing.decide(config.hosting, config.host)
    login = editing.check_start(allowed)
    edits = EditedRuns(allowed, preload=("dotenv", __name__))  # what app.py imports: see EditedRuns
    run_connections.install()  # each run's connections: checked in public mode, cut on Stop
    _no_matplotlib_lookups()
    sdk_environment.hold_sdk_environment()  # SDK settings from the environment go to the server's endpoints only
    # the mock runs in its own process while the server runs (its port is chosen now); `/mock` relays to it
    mock = MockProcess()  # on 127.0.0.1: only this machine's processes reach it there

    @contextlib.asynccontextmanager
    async def lifespan(_app):
        await asyncio.to_thread(mock.start)
        if allowed.enabled:  # the fork server of edited runs imports the SDKs once, ahead of the first edited run
            threading.Thread(target=edits.warm, daemon=True, name="edited-runs-warm-up").start()
        try:
            yield
        finally:
            await asyncio.to_thread(edits.close)
            await asyncio.to_thread(mock.stop)

    app = FastAPI(title="StreamLab", docs_url=None, redoc_url=None, openapi_url=None, lifespan=lifespan)
    app.state.mock = mock
    app.state.mock_url = mock.url  # where runs reach the mock: its own process
    app.state.hosting = config.hosting
    app.state.edits = edits
    relayed_at_once = mock_relay.PUBLIC_MAX_OPEN if config.hosting.public else None  # the runs do not pass here
    app.mount("/mock", mock_relay.MockRelay(mock.url, max_open=relayed_at_once))
    app.include_router(lesson_endpoints.router)

    # Gradio's deep links (a button this page does not have) save a session's component values to the server's
    # disk at any visitor's request, a typed key among them, and show them to whoever opens the link: refused
    @app.api_route("/gradio_api/deep_link", methods=["GET", "POST"], include_in_schema=False)
    def no_deep_links() -> None:
        raise HTTPException(404, "Not Found")

    app.mount("/static", StaticFiles(directory=ASSETS), name="static")
    found = lessons.discover(config.lessons_root) if config.lessons_root else lessons.discover()
    app.state.lessons = found
    # the snippets run in worker processes, off this process's event loop and GIL; they start with the first
    # run, or at `serve()`, and stop with the server
    app.state.pool = Pool(config.workers, config.lessons_root) if config.workers else None
    demo = build_demo(providers.MockUrls(mock.url, config.mock_url), found, config.hosting, app.state.pool, edits)
    demo.max_threads = config.queue_slots  # read by queue(); also sizes the thread limiter of sync callbacks
    # A learner waiting in the queue is told its place once a second. Gradio's default ("auto") tells every waiting
    # learner again each time any run starts: a room of 100 pressing Run at once got ~1,700 such messages, 17 per
    # learner, sent over the same event loop as everyone's first update, and delaying it.
    demo.queue(default_concurrency_limit=config.concurrency, status_update_rate=QUEUE_STATUS_S)
    demo.state_session_capacity = config.session_capacity
    css = (ASSETS / "streamlab.css").read_text(encoding="utf-8")
    app.state.demo = demo
    # the page opens in the learner's language (`?lang=`, the switch, the browser), at the lesson a link names
    # (`?lesson=`), in presenter mode if asked (`?present=1`)
    app.add_middleware(PageLanguage, extra_head=navigation.HEAD)
    # a link made before a lesson was renamed opens it under its new name
    app.add_middleware(RenamedLessons, renamed=lessons.renamed(config.lessons_root or ROOT))
    gr.mount_gradio_app(app, demo, path="/", theme=gr.themes.Soft(), css=css, footer_links=["api"],
                        run_history=False, i18n=demo.streamlab_i18n, auth=login)
    sessions.install(app, demo)  # a visitor's session keeps what changed, not a copy of the whole page's config
    if not login and not login_check.install(sessions.gradio_app_of(app, demo)):  # no thread hop per queue request
        log.warning("Gradio's login check was not found; each queue request runs it in a worker thread")
    return app


def _no_matplotlib_lookups() -> None:
    """Gradio imports matplotlib around every call of an event, each step of a streaming one included, to set its
    backend. Without matplotlib installed (this app draws no plots with it) each of those imports fails after
    searching every folder of `sys.path`: two searches per UI update, ~5 % of the web process's CPU while a room
    streams. `None` in `sys.modules` is Python's own way to say "not importable": the import fails at once."""
    if "matplotlib" not in sys.modules and importlib.util.find_spec("matplotlib") is None:
        sys.modules["matplotlib"] = None


def serve(config: Config | None = None) -> None:
    import uvicorn

    config = config or Config.from_env()
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    # a line for every HTTP request the server makes (each one `/mock` relays, each `/api/chat/stream` run) is
    # noise beside an access log that is off; warnings and errors still show
    logging.getLogger("httpx2").setLevel(logging.WARNING)
    app = create_app(config)
    pool = app.state.pool
    if pool is not None:
        pool.start()  # each worker imports the snippets and their SDKs ahead of the first run
    else:
        threading.Thread(target=warm_up, args=(app.state.lessons,), daemon=True, name="warm-up").start()
    allowed = app.state.edits.editing
    log.info("StreamLab on http://%s:%d (mock at %s), %s mode, snippets run in %s; editing %s", config.host,
             config.port, config.mock_url, "public" if config.hosting.public else "local",
             f"{pool.size} worker processes" if pool else "this process",
             "sandboxed" if allowed.sandboxed else "on" if allowed.enabled else f"off ({allowed.why_off})")
    try:
        # loop="asyncio": the connection guard is a Python audit hook, which uvloop's C sockets would not call
        uvicorn.run(app, host=config.host, port=config.port, log_level="warning", timeout_graceful_shutdown=3,
                    timeout_keep_alive=KEEP_ALIVE_S, loop="asyncio")
    finally:
        if pool is not None:
            pool.close()
