"""Lesson 16's endpoint and page, served the way the app serves them, on a free 127.0.0.1 port."""

import socket
import threading

import pytest
import uvicorn
from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles
from polling import wait_for

from streamlab import mock
from streamlab.engine import lessons
from streamlab.engine.lessons import ROOT
from streamlab.hosting import providers
from streamlab.web import lesson_endpoints
from streamlab.web.readiness import answers

NO_PACING = {"X-Mock-TTFT-Ms": "0", "X-Mock-Token-Ms": "0", "X-Mock-Jitter-Ms": "0"}


class WebServer:
    def __init__(self):
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.url = f"http://127.0.0.1:{self.sock.getsockname()[1]}"
        self.app = FastAPI()
        self.mock = mock.create_app()
        self.app.mount("/mock", self.mock)
        self.app.include_router(lesson_endpoints.router)
        self.app.mount("/static", StaticFiles(directory=ROOT / "assets"))
        self.app.state.mock_url = f"{self.url}/mock"
        self.app.state.mock_pacing = dict(NO_PACING)
        self.server = uvicorn.Server(uvicorn.Config(self.app, log_level="warning", lifespan="off",
                                                   timeout_graceful_shutdown=1))
        self.thread = threading.Thread(target=self.server.run, kwargs={"sockets": [self.sock]}, daemon=True)

    def start(self):
        self.thread.start()
        if not answers(f"{self.url}/static/web/chat.html", timeout=30):
            raise RuntimeError("the web test server did not start within 30 s")
        return self

    def stop(self):
        self.server.should_exit = True
        self.thread.join(timeout=10)
        if self.thread.is_alive():  # an open stream still holds a connection: cut it
            self.server.force_exit = True
            self.thread.join(timeout=10)
        self.sock.close()

    @property
    def default_read_timeout_s(self) -> float:
        return lessons.load(lesson_endpoints.STEM).module.READ_TIMEOUT_S

    def answer(self, prompt: str) -> str:
        """The mock's answer to `prompt`, asked without streaming: what the stream must add up to."""
        settings = providers.Settings(mock_url=self.app.state.mock_url, ttft_ms=0, token_ms=0, jitter_ms=0)
        client = providers.build_client("openai", settings, max_retries=0)
        with client:
            reply = client.chat.completions.create(model=providers.DEFAULT_MODELS["mock"],
                                                   messages=[{"role": "user", "content": prompt}])
        return reply.choices[0].message.content


@pytest.fixture(scope="session")
def web_server():
    server = WebServer().start()
    yield server
    server.stop()


@pytest.fixture
def slow_stream(web_server):
    """Pace the mock at 40 ms per token for one test, so a stream is still running when we act on it."""
    web_server.app.state.mock_pacing = {"X-Mock-TTFT-Ms": "0", "X-Mock-Token-Ms": "40", "X-Mock-Jitter-Ms": "0"}
    yield
    web_server.app.state.mock_pacing = dict(NO_PACING)


@pytest.fixture
def short_read_timeout(web_server):
    """A 0.5 s read timeout for one test, so a stalled upstream is given up on quickly."""
    web_server.app.state.read_timeout_s = 0.5
    yield 0.5
    del web_server.app.state.read_timeout_s


@pytest.fixture
def streams_closed(web_server):
    """streams_closed(within_s) -> True once the endpoint holds no upstream client and the mock has no open
    stream; the mock's counters (`cancelled`: the client went away) are in `web_server.mock.state.stats`."""

    def wait(within_s: float = 5.0) -> bool:
        def closed():
            return lesson_endpoints.open_streams() == 0 and web_server.mock.state.stats.open_streams == 0

        return wait_for(closed, timeout=within_s, every=0.02)

    return wait


@pytest.fixture
def open_page(browser, web_server):
    """open_page(path, lang="") → a Playwright page on the web server (in `lang`, as StreamLab's page sets it);
    the test fails if the page raised an error."""
    contexts, page_errors = [], []

    def open(path, lang=""):
        context = browser.new_context(base_url=web_server.url)
        if lang:  # what StreamLab's page tells its embedded pages: the learner's language
            context.add_cookies([{"name": "streamlab_lang", "value": lang, "url": web_server.url}])
        contexts.append(context)
        page = context.new_page()
        page.on("pageerror", lambda error: page_errors.append(error))
        page.goto(path)
        return page

    yield open
    for context in contexts:
        context.close()
    assert not page_errors, f"the page raised: {page_errors}"
