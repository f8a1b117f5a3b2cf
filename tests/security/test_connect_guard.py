"""The guard on every connection a visitor's run opens in public mode: it checks the address actually
connected to, so a redirect, a second DNS answer, or a snippet's own HTTP client cannot reach loopback."""

import asyncio
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import httpx2
import pytest

from streamlab.engine import lessons, runner
from streamlab.hosting import providers, run_connections, url_guard
from streamlab.hosting.mode import Hosting

OWN_CLIENT = '''
import httpx2
CLIENT = "openai"
PROMPT = "go"
TARGET = "http://127.0.0.1:{port}/"

def stream(client, prompt):
    yield "asking… "
    yield httpx2.get(TARGET, timeout=5).text  # a client of the snippet's own, not the run's
'''


PUBLIC_ONLY = url_guard.Guard()


def guarded_get(url: str, guard=PUBLIC_ONLY, **kwargs):
    context = run_connections.context_for(run_connections.RunConnections(guard))
    return context.run(httpx2.get, url, timeout=5, **kwargs)


@pytest.mark.parametrize("host", ["127.0.0.1", "localhost", "0x7f000001"])
def test_a_connection_to_loopback_is_refused_whatever_the_spelling(listener, host):
    with pytest.raises(httpx2.ConnectError) as caught:
        guarded_get(f"http://{host}:{listener.port}/")
    assert "Refused to connect to 127.0.0.1: it is a loopback address" in str(caught.value)
    assert listener.connections == 0


def test_outside_the_guard_the_same_connection_is_made(listener):
    assert httpx2.get(f"{listener.url}/", timeout=5).text == "logged"  # the guard, not the listener, said no


def test_a_redirect_to_loopback_is_not_followed(listener):
    class Redirect(BaseHTTPRequestHandler):
        def do_GET(self):
            self.send_response(302)
            self.send_header("location", f"{listener.url}/stolen")
            self.send_header("content-length", "0")
            self.end_headers()

        def log_message(self, *args):
            pass

    redirector = ThreadingHTTPServer(("127.0.0.1", 0), Redirect)
    threading.Thread(target=redirector.serve_forever, daemon=True).start()
    try:  # the redirecting host is allowed (as the app's own mock is); where it points is not
        allowed = url_guard.Guard(frozenset({("127.0.0.1", redirector.server_address[1])}))
        with pytest.raises(httpx2.ConnectError, match="loopback"):
            guarded_get(f"http://127.0.0.1:{redirector.server_address[1]}/", allowed, follow_redirects=True)
    finally:
        redirector.shutdown()
        redirector.server_close()
    assert listener.connections == 0


def final(lesson, settings, hosting, options=None):
    async def last():
        frame = None
        async for frame in runner.run(lesson, settings, lesson.prompt or "go", options or {}, "guard", 0.05,
                                      hosting=hosting):
            pass
        return frame
    return asyncio.run(last())


def test_a_snippet_with_its_own_http_client_cannot_reach_loopback(lesson_root, listener, mock_url):
    root = lesson_root(**{"01_own": OWN_CLIENT.replace("{port}", str(listener.port))})
    settings = providers.Settings(provider="compatible", api_key="sk-visitor-1", mock_url=mock_url,
                                  base_url=f"{mock_url}/openai/v1")
    frame = final(lessons.load("01_own", root), settings, Hosting(public=True))
    assert frame.status == "incomplete"  # "asking… " had reached the output pane
    assert frame.message.startswith("Refused to connect to 127.0.0.1: it is a loopback address")
    assert "Nothing was sent there." in frame.message and "partial text above is kept" in frame.message
    assert frame.panes["output"] == "asking… " and listener.connections == 0
    local = final(lessons.load("01_own", root), settings, Hosting(public=False))
    assert local.status == "done" and listener.connections == 1  # a local run is not guarded


def test_lessons_with_their_own_clients_still_reach_the_built_in_mock(mock_url):
    settings = providers.Settings(provider="compatible", api_key="sk-visitor-1", mock_url=mock_url,
                                  base_url=f"{mock_url}/openai/v1")
    per_request = final(lessons.load("15_concurrency"), settings, Hosting(public=True), {"clients": "per request"})
    assert per_request.status == "done", per_request.message
    assert all(per_request.panes.values()), per_request.panes.keys()



def test_a_lesson_that_serves_from_a_thread_of_its_own_is_guarded_there_too(listener):
    # lesson 19 calls the provider from a server thread it starts itself; a base URL that reaches loopback at
    # connect time (a DNS answer changed after the URL was checked) is refused in that thread as in the run's own
    import openai

    lesson = lessons.load("19_broken_server")
    client = openai.OpenAI(api_key="sk-visitor-1", base_url=f"{listener.url}/v1", max_retries=0)
    context = run_connections.context_for(run_connections.RunConnections(PUBLIC_ONLY))
    with pytest.raises(openai.APIConnectionError):  # the fixed half's failure ends the run
        context.run(lambda: list(lesson.start(client, lesson.prompt, "gpt-5-mini", {})))
    assert listener.connections == 0, "the server thread reached loopback"
