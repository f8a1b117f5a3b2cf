"""Clients pointed at the session's mock: pacing 0, no retries (to see each exception class), 1 s read timeout.

Building an HTTP client loads the CA bundle (~0.2 s here), so the sync clients are shared by the session;
tests that need other options derive them with `client.with_options(...)`, which reuses the connection pool.
"""

import anthropic
import httpx2
import openai
import pytest
from mock_support import FAST, TIMEOUT


@pytest.fixture(scope="session")
def ssl_context():
    return httpx2.create_ssl_context()


@pytest.fixture(scope="session")
def http(mock_url, ssl_context):
    """A raw HTTP client; relative URLs go to the mock's root."""
    with httpx2.Client(base_url=mock_url, verify=ssl_context, timeout=10) as client:
        yield client


@pytest.fixture(scope="session")
def oai(mock_url):
    with openai.OpenAI(base_url=f"{mock_url}/openai/v1", api_key="test-key", default_headers=FAST, max_retries=0,
                       timeout=TIMEOUT) as client:
        yield client


@pytest.fixture(scope="session")
def claude(mock_url):
    with anthropic.Anthropic(base_url=f"{mock_url}/anthropic", api_key="test-key", default_headers=FAST,
                             max_retries=0, timeout=TIMEOUT) as client:
        yield client


@pytest.fixture
def async_oai(mock_url, ssl_context):
    """Per test: an async client's connections belong to the event loop of the test's `asyncio.run`."""
    return openai.AsyncOpenAI(base_url=f"{mock_url}/openai/v1", api_key="test-key", default_headers=FAST,
                              max_retries=0, timeout=TIMEOUT, http_client=httpx2.AsyncClient(verify=ssl_context))


@pytest.fixture
def async_claude(mock_url, ssl_context):
    return anthropic.AsyncAnthropic(base_url=f"{mock_url}/anthropic", api_key="test-key", default_headers=FAST,
                                    max_retries=0, timeout=TIMEOUT,
                                    http_client=httpx2.AsyncClient(verify=ssl_context))


@pytest.fixture
def stats(http):
    """stats() -> the mock's /_stats JSON."""
    return lambda: http.get("/_stats").json()
