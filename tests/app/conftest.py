"""The whole app (page, mock, static files, SSE endpoint) on a free 127.0.0.1 port, and a page to drive it."""

import logging

import pytest

from streamlab.web.background import BackgroundServer


@pytest.fixture
def start_app_server():
    """start_app_server() → another BackgroundServer (for environments set by the test); stopped at the end."""
    started = []

    def start():
        started.append(BackgroundServer(concurrency=16).start())
        return started[-1]

    yield start
    for server in started:
        server.stop()


@pytest.fixture(scope="session")
def app_server():
    server = BackgroundServer(concurrency=16).start()
    if server.pool is not None:
        server.pool.start()  # as `python app.py` does: the first browser test's run does not wait for them
    yield server
    server.stop()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1600, "height": 1000})
    page = context.new_page()
    page.set_default_timeout(30_000)
    yield page
    context.close()


@pytest.fixture
def everything_logged(caplog, capfd):
    """everything_logged() → all that was logged or printed (stdout, stderr) during the test so far."""
    caplog.set_level(logging.DEBUG)

    def text():
        out, err = capfd.readouterr()
        return caplog.text + out + err
    return text
