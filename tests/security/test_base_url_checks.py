"""In public mode a visitor's base URL is refused before any connection unless it is a public https address;
each refusal says why. The visitor brings their own key here: the URL is the attack."""

import pytest
from gradio_session import GradioSession, choose, run

from streamlab.hosting.mode import Hosting
from streamlab.web.background import BackgroundServer

VISITOR_KEY = "sk-visitor-LEAKCHECK-0a0b"
PORT = "{port}"  # the listener's port, filled in per test
REFUSED = [
    ("http://127.0.0.1:{port}/v1", "must use https://"),
    ("https://127.0.0.1:{port}/v1", "is a loopback address"),
    ("https://localhost:{port}/v1", "localhost resolves to a loopback address"),
    ("https://0x7f000001:{port}/v1", "0x7f000001 is a loopback address"),
    ("https://2130706433:{port}/v1", "2130706433 is a loopback address"),
    ("https://127.1:{port}/v1", "127.1 is a loopback address"),
    ("https://[::1]:{port}/v1", "is a loopback address"),
    ("https://[::ffff:127.0.0.1]:{port}/v1", "is a loopback address"),
    ("https://10.1.2.3/v1", "is a private-network address"),
    ("https://172.16.0.9/v1", "is a private-network address"),
    ("https://192.168.1.1/v1", "is a private-network address"),
    ("https://169.254.169.254/latest/meta-data", "link-local address (where cloud metadata services live)"),
    ("https://100.64.0.1/v1", "shared (carrier-grade NAT) address"),
    ("https://[fd00::1]/v1", "is a private-network address"),
    ("https://[fec0::1]/v1", "is a private-network address"),
    ("https://0.0.0.0:{port}/v1", "is the unspecified address"),
    ("https://224.0.0.1/v1", "is a multicast address"),
    ("file:///etc/passwd", "must start with https://"),
    ("ftp://127.0.0.1:{port}/v1", "must start with https://"),
    ("https://user:pass@api.example.com/v1", "must not contain a user name or password"),
    ("https://api.example.com/" + "v" * 400, "the limit is 300"),
]


@pytest.fixture(scope="module")
def public_app():
    with BackgroundServer(concurrency=8, hosting=Hosting(public=True)) as app:
        yield app


@pytest.mark.parametrize(("url", "reason"), REFUSED, ids=[u for u, _ in REFUSED])
def test_a_non_public_base_url_is_refused_before_any_connection(public_app, listener, connects, url, reason):
    url = url.format(port=listener.port)
    visitor = GradioSession(public_app.url)
    summary = choose(visitor, "compatible", base_url=url, key=VISITOR_KEY)
    before = len(connects())
    text, status = run(visitor, "01_basic", "Say hello.")
    assert reason in status, status
    assert text == "" and listener.connections == 0
    app_port = public_app.port
    opened = [address for address in connects()[before:] if address[1] != app_port]
    assert opened == [], f"the run connected to {opened}"
    assert "LEAKCHECK" not in status + summary


def test_the_built_in_mock_is_always_allowed(public_app):
    visitor = GradioSession(public_app.url)
    choose(visitor, "compatible", base_url=f"{public_app.url}/mock/openai/v1", key=VISITOR_KEY)
    text, status = run(visitor, "01_basic", "Say hello.")
    assert status.endswith("Done.") and text


def test_a_path_that_climbs_out_of_the_mock_is_not_the_mock(public_app):
    visitor = GradioSession(public_app.url)
    choose(visitor, "compatible", base_url=f"{public_app.url}/mock/../gradio_api", key=VISITOR_KEY)
    _, status = run(visitor, "01_basic", "Say hello.")
    assert "must use https://" in status
