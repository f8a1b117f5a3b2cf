"""Lesson 11 shows a `curl -N` command; run exactly that, against the running app's own mock, and read the bytes.
The command names the address the run used: the mock's own process (the path from `/mock` on is the same on the
app's port, which relays to it)."""

import os
import re
import subprocess

import pytest
from gradio_client import Client

from streamlab.engine import lessons

LESSON = lessons.load("11_raw_wire")


@pytest.mark.parametrize("through_app_port", [False, True], ids=["as-shown", "via-app-port"])
@pytest.mark.parametrize("wire", ["openai", "anthropic"])
def test_curl_command_shown_in_the_tab_streams_from_the_running_app(app_server, wire, through_app_port):
    """As shown, and with the app's own address in its place (what the lesson tells a learner on another machine
    to do), keeping the path from `/mock` on."""
    options = {o.name: o.default for o in LESSON.options} | {"wire": wire}
    result = Client(app_server.url, verbose=False).predict(LESSON.prompt, *options.values(),
                                                           api_name="/run_11_raw_wire")
    command = result[LESSON.panes.index("curl")].strip()
    assert command.startswith(f"curl -N {app_server.app.state.mock.url}/"), command
    if through_app_port:
        command = command.replace(app_server.app.state.mock.url, f"{app_server.url}/mock")
    env = {"PATH": os.environ["PATH"], "OPENAI_API_KEY": "any-key", "ANTHROPIC_API_KEY": "any-key"}
    out = subprocess.run(["bash", "-c", command + " -i -s"], env=env, capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    head, _, body = out.stdout.replace("\r\n", "\n").partition("\n\n")
    assert head.startswith("HTTP/1.1 200") and "content-type: text/event-stream" in head.lower()
    lines = [line for line in body.splitlines() if line]
    if wire == "openai":
        assert all(line.startswith("data: ") for line in lines) and lines[-1] == "data: [DONE]"
        assert len(lines) > 5
    else:
        events = [line for line in lines if line.startswith("event: ")]
        assert events[0] == "event: message_start" and events[-1] == "event: message_stop"
        assert all(re.match(r"(event|data): ", line) for line in lines)
        assert len(events) * 2 == len(lines), "every event line has its data line"
