"""A learner's key stays theirs: never in another session, a log line, an error message, the page or the API."""

import asyncio

import httpx2

from streamlab.engine import lessons, runner
from streamlab.hosting import providers

FAKE_KEY = "sk-invalid-LEAKCHECK-7f3a9c2e"  # the mock rejects keys starting with sk-invalid, like a real provider
ENV_KEY = "sk-env-LEAKCHECK-server-93b1"


def final_frame(lesson, settings):
    async def last():
        frame = None
        async for frame in runner.run(lesson, settings, lesson.prompt, {}, "key-test"):
            pass
        return frame
    return asyncio.run(last())


def test_rejected_key_gives_a_clear_message_without_the_key(app_server, everything_logged):
    lesson = lessons.load("01_basic")
    settings = providers.Settings(provider="compatible", base_url=f"{app_server.url}/mock/openai/v1",
                                  api_key=FAKE_KEY)
    frame = final_frame(lesson, settings)
    assert frame.status == "failed"
    assert "rejected the API key (401" in frame.message
    assert "LEAKCHECK" not in frame.message and "LEAKCHECK" not in everything_logged()


def test_unreachable_base_url_says_so_without_the_key(everything_logged):
    lesson = lessons.load("01_basic")
    settings = providers.Settings(provider="compatible", base_url="http://127.0.0.1:9/v1", api_key=FAKE_KEY)
    frame = final_frame(lesson, settings)
    assert frame.status == "failed" and "Could not reach the provider" in frame.message
    assert "LEAKCHECK" not in frame.message and "LEAKCHECK" not in everything_logged()


def test_server_key_from_the_environment_is_not_on_the_page_or_in_the_api(monkeypatch, start_app_server):
    monkeypatch.setenv("STREAMLAB_PROVIDER", "openai")
    monkeypatch.setenv("OPENAI_API_KEY", ENV_KEY)
    server = start_app_server()
    for path in ("/", "/config", "/gradio_api/info", "/gradio_api/openapi.json"):
        response = httpx2.get(f"{server.url}{path}", timeout=10)
        assert "LEAKCHECK" not in response.text, path
    config = httpx2.get(f"{server.url}/config", timeout=10).text
    assert "the key configured on the server" in config
