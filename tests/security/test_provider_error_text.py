"""What comes back from a provider error is its status and its own short message, escaped and cut; never a
raw body from whatever host a URL points at. (Local mode: a learner may point at their own machine.)"""

import json

import pytest
from gradio_session import GradioSession, choose, run

from streamlab.hosting import safe_text

PAGE = b"<html><body><h1>Internal admin</h1><p>secret-token=ADMIN-LEAKCHECK</p><script>x()</script></body></html>"
NOISY = "<img src=x onerror=alert(1)> **quota** exceeded " + "detail " * 300


@pytest.mark.parametrize(("reply", "expect"), [
    ((500, "text/html", PAGE * 20), "The provider had a server error (500). Run again in a moment."),
    ((404, "text/html", PAGE), "does not know this model or route (404). Check the model name and base URL."),
    ((400, "application/json", json.dumps({"error": {"message": NOISY}}).encode()),
     "The provider refused the request (400): &lt;img src=x onerror=alert(1)&gt; \\*\\*quota\\*\\* exceeded"),
])
def test_a_provider_error_shows_status_and_a_short_escaped_message_only(start_app, listener, reply, expect):
    app = start_app(public=False)
    listener.reply = reply
    visitor = GradioSession(app.url)
    choose(visitor, "compatible", base_url=f"{listener.url}/v1", key="sk-visitor-own-9")
    text, status = run(visitor, "01_basic", "Say hello.")
    assert expect in status, status
    assert "LEAKCHECK" not in status and "<h1>" not in status and "<img" not in status
    icon, _, words = status.partition("</svg>")  # the status line's own icon, then what it says
    assert icon.startswith('<svg class="run-icon') and "<svg" not in words
    assert len(words) < safe_text.MAX_DETAIL_CHARS + 300
