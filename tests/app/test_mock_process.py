"""The mock runs in a process of its own; `/mock` on the app's port relays to it as the mock itself would answer:
each write as it comes, the mock's cuts as cuts, a client that leaves closing the mock's stream. The child never
outlives the app."""

import os
import re
import signal
import subprocess
import sys
from pathlib import Path

import httpx2
import pytest
from gradio_client import Client
from polling import wait_for

from deploy.replicas import free_port
from streamlab.web.readiness import answers

ROOT = Path(__file__).resolve().parents[2]
BODY = {"model": "m", "stream": True, "messages": [{"role": "user", "content": "Say hello in five words."}]}


def paced(token_ms: int, fault: str = "") -> dict:
    return {"X-Mock-TTFT-Ms": "0", "X-Mock-Token-Ms": str(token_ms), "X-Mock-Jitter-Ms": "0",
            **({"X-Mock-Fault": fault} if fault else {})}


def test_the_mock_is_another_process_and_the_relay_shows_its_counters(app_server):
    mock = app_server.app.state.mock
    assert mock.pid not in (None, os.getpid()) and mock.process.poll() is None
    # the same counters (read until two readings agree: other tests' streams may still be ending)
    assert wait_for(lambda: httpx2.get(f"{app_server.url}/mock/_stats", timeout=30).json() ==
                    httpx2.get(f"{mock.url}/_stats", timeout=30).json(), timeout=10, every=0.1)


def test_the_relay_passes_each_write_on_as_it_comes(app_server):
    """The first frames reach the client while the mock is still streaming: nothing waits for the whole answer."""
    stats = lambda: httpx2.get(f"{app_server.url}/mock/_stats", timeout=30).json()  # noqa: E731
    with httpx2.stream("POST", f"{app_server.url}/mock/openai/v1/chat/completions", json=BODY,
                       headers=paced(200), timeout=30) as response:
        assert response.status_code == 200 and response.headers["content-type"].startswith("text/event-stream")
        lines = response.iter_lines()
        first = next(line for line in lines if line)
        assert first.startswith("data: {") and stats()["open_streams"] >= 1, "the first frame came before the end"
        rest = [line for line in lines if line]
    assert rest[-1] == "data: [DONE]" and len(rest) > 3


def test_a_stream_the_mock_cuts_is_cut_through_the_relay_too(app_server):
    """The `disconnect` fault: the client sees a broken stream, never a clean end that would look complete."""
    with pytest.raises(httpx2.RemoteProtocolError), httpx2.stream(
            "POST", f"{app_server.url}/mock/openai/v1/chat/completions", json=BODY,
            headers=paced(0, "disconnect"), timeout=30) as response:
        for _ in response.iter_bytes():
            pass


def test_a_client_that_leaves_the_relay_closes_the_mocks_stream(app_server):
    before = httpx2.get(f"{app_server.url}/mock/_stats", timeout=30).json()["streams_cancelled"]
    with httpx2.stream("POST", f"{app_server.url}/mock/openai/v1/chat/completions", json=BODY,
                       headers=paced(0, "stall"), timeout=30) as response:
        next(response.iter_bytes())  # the stream's first frame; then the mock goes silent, and the client leaves
    cancelled = wait_for(lambda: httpx2.get(f"{app_server.url}/mock/_stats", timeout=30).json()["streams_cancelled"]
                         > before, timeout=10, every=0.05)
    assert cancelled, "the mock's stream stayed open after the client left"


def test_an_unknown_path_gets_the_mocks_own_404(app_server):
    reply = httpx2.post(f"{app_server.url}/mock/openai/v1/nothing-here", json={}, timeout=30)
    assert reply.status_code == 404 and "Invalid URL" in reply.text


def test_a_client_that_leaves_before_the_mock_answers_frees_the_relay(app_server):
    """A whole (not streamed) answer under the `stall` fault never comes: the client gives up, and the relay
    lets go of the mock's request too, as it would of a stream."""
    relay = next(route.app for route in app_server.app.routes if getattr(route, "path", "") == "/mock")
    with pytest.raises(httpx2.ReadTimeout):
        httpx2.post(f"{app_server.url}/mock/openai/v1/chat/completions", json={**BODY, "stream": False},
                    headers=paced(0, "stall"), timeout=httpx2.Timeout(30, read=1))
    assert wait_for(lambda: relay.open == 0, timeout=10, every=0.05), f"{relay.open} relayed requests still open"


def test_an_encoded_path_stays_a_path(app_server):
    """`%3F` is a question mark inside the path, not the start of a query: the mock has no such route. An encoded
    newline is a 404 too, never a server error."""
    reply = httpx2.post(f"{app_server.url}/mock/openai/v1/chat/completions%3Fx=1", json=BODY, timeout=30)
    assert reply.status_code == 404 and "Invalid URL" in reply.text, reply.text  # the mock's own 404
    assert httpx2.post(f"{app_server.url}/mock/openai/v1/%0A", json=BODY, timeout=30).status_code == 404


def test_a_request_too_large_is_refused_by_the_relay(app_server):
    reply = httpx2.post(f"{app_server.url}/mock/openai/v1/chat/completions", content=b"x" * (5 * 1024 * 1024),
                        headers={"content-type": "application/json"}, timeout=30)
    assert reply.status_code == 413


def test_a_mock_process_that_dies_is_started_again_where_it_was(start_app_server):
    server = start_app_server()
    mock = server.app.state.mock
    first = mock.pid
    os.kill(first, signal.SIGKILL)
    assert wait_for(lambda: mock.pid not in (None, first) and answers(f"{mock.url}/_stats", 1), timeout=30,
                    every=0.1), "no new mock process answered"
    client = Client(server.url, verbose=False, httpx_kwargs={"timeout": 60})
    result = client.predict("Say hello.", api_name="/run_01_basic")
    assert result[0] and result[1].endswith("Done."), result[1]


@pytest.mark.parametrize("how", [signal.SIGINT, signal.SIGTERM, signal.SIGKILL], ids=["ctrl-c", "stopped", "killed"])
def test_the_mock_process_ends_with_the_app(how):
    port = free_port()
    app = subprocess.Popen([sys.executable, "app.py"], cwd=ROOT, stderr=subprocess.PIPE, text=True,
                           env={**os.environ, "GRADIO_SERVER_PORT": str(port), "STREAMLAB_WORKERS": "0"})
    try:
        assert answers(f"http://127.0.0.1:{port}/mock/_stats", 90), "the app did not start"
        said = ""
        while "the mock runs in process" not in said:
            said = app.stderr.readline()
            assert said, "the app's log ended before it said where the mock runs"
        pid, mock_port = map(int, re.search(r"process (\d+) at http://127\.0\.0\.1:(\d+)/mock", said).groups())
        assert answers(f"http://127.0.0.1:{mock_port}/mock/_stats", 10)
        app.send_signal(how)
        app.wait(timeout=30)
        assert wait_for(lambda: _gone(pid), timeout=10, every=0.05), "the mock's process outlived the app"
    finally:
        if app.poll() is None:
            app.kill()
            app.wait(timeout=10)


def _gone(pid: int) -> bool:
    """Whether process `pid` has ended (a zombie waiting for its parent to reap it has ended too)."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] == "Z"
    except OSError:
        return True
