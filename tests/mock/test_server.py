"""Running the mock: in a thread for tests, and on its own with `python -m streamlab.mock`."""

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx2

from streamlab.mock.server import start_in_thread

ROOT = Path(__file__).resolve().parents[2]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_start_in_thread_serves_on_a_free_port_and_stops_idempotently(http):
    server = start_in_thread()
    assert server.url == f"http://127.0.0.1:{server.port}" and server.port > 0
    assert http.get(f"{server.url}/_stats").status_code == 200
    server.stop()
    server.stop()
    try:
        http.get(f"{server.url}/_stats", timeout=1)
        raise AssertionError("the server still answers after stop()")
    except httpx2.ConnectError:
        pass


def test_stop_ends_open_streams_quickly(oai):
    with start_in_thread() as server:
        client = oai.with_options(base_url=f"{server.url}/openai/v1", timeout=10)
        stream = client.chat.completions.create(model="m", messages=[{"role": "user", "content": "hi"}],
                                                stream=True, extra_headers={"X-Mock-Fault": "stall"})
        next(stream)
        started = time.monotonic()
        server.stop()
        assert time.monotonic() - started < 2
        assert server.app.state.stats.snapshot()["open_streams"] == 0


def test_python_m_streamlab_mock_serves_and_prints_base_urls(http):
    port = free_port()
    proc = subprocess.Popen([sys.executable, "-m", "streamlab.mock", "--port", str(port)], cwd=ROOT,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                            env={**os.environ, "PYTHONUNBUFFERED": "1"})
    try:
        banner = [proc.stdout.readline() for _ in range(3)]
        assert f"http://127.0.0.1:{port}/openai/v1" in banner[1] and f"http://127.0.0.1:{port}/anthropic" in banner[2]
        deadline = time.monotonic() + 15
        while True:
            try:
                reply = http.post(f"http://127.0.0.1:{port}/openai/v1/chat/completions", timeout=2,
                                    headers={"X-Mock-TTFT-Ms": "0", "X-Mock-Token-Ms": "0"},
                                    json={"model": "m", "messages": [{"role": "user",
                                                                      "content": "Say hello in five words."}]})
                break
            except httpx2.ConnectError:
                assert time.monotonic() < deadline and proc.poll() is None, "the mock did not start"
                time.sleep(0.05)
        assert reply.json()["choices"][0]["message"]["content"] == "Hello there, how are you?"
    finally:
        proc.send_signal(signal.SIGINT)
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
