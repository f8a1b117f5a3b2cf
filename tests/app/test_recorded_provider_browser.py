"""The provider panel's Recorded choice in Chromium: a run replays a recorded stream and says so; a prompt with no
recording is answered by the mock, and the status says that too; the Record switch shows for real providers only."""

import asyncio
from concurrent.futures import ThreadPoolExecutor

import pytest
from lesson_pages import load, screenshot
from playwright.sync_api import expect

from streamlab.engine import lessons, runner
from streamlab.hosting import providers
from streamlab.mock.server import start_in_thread
from streamlab.web.background import BackgroundServer


def record_lesson_one(folder) -> str:
    """Lesson 1 run on a stand-in provider (the mock, by base URL) and recorded into `folder`: its text."""
    lesson = lessons.load("01_basic")

    async def whole(url):
        settings = providers.Settings(provider="compatible", api_key="sk-browser-test-key", base_url=f"{url}/openai/v1")
        return [frame async for frame in runner.run(lesson, settings, lesson.prompt)][-1]

    with start_in_thread() as stand_in, ThreadPoolExecutor(1) as thread:  # no event loop of Playwright's there
        frame = thread.submit(asyncio.run, whole(stand_in.url)).result()
    assert frame.status == "done" and list(folder.glob("01_basic-*.jsonl"))
    return frame.panes["output"]


@pytest.fixture(scope="module")
def replaying_server(tmp_path_factory):
    folder = tmp_path_factory.mktemp("cassettes")
    patch = pytest.MonkeyPatch()
    patch.setenv("STREAMLAB_RECORD", str(folder))
    try:
        text = record_lesson_one(folder)
        patch.delenv("STREAMLAB_RECORD")
        patch.setenv("STREAMLAB_CASSETTES", str(folder))  # read by the app's mock process as it starts
        server = BackgroundServer(concurrency=8).start()
    finally:
        patch.undo()
    yield server, text
    server.stop()


def choose(page, label: str) -> None:
    page.locator("#provider-panel").get_by_text("Provider").first.click()
    page.locator("#provider-panel").get_by_label(label, exact=True).check()


def test_recorded_replays_the_stream_and_a_prompt_with_no_recording_gets_the_mocks_answer(page, replaying_server):
    server, recorded = replaying_server
    load(page, f"{server.url}/?lesson=01_basic")
    choose(page, "Recorded (offline)")
    expect(page.locator("#provider-summary")).to_contain_text("Recorded — no key needed")
    expect(page.locator("#api-key")).to_be_hidden()
    expect(page.locator("#record-runs")).to_be_hidden()
    page.locator("#run-01_basic").click()
    status = page.locator("#status-01_basic")
    expect(status).to_contain_text("Done. Replayed from a recording.", timeout=90_000)
    expect(page.locator("#pane-01_basic-0 textarea")).to_have_value(recorded)
    screenshot(page, "recorded-provider")
    page.locator("#prompt-01_basic textarea").fill("Say this is a test")
    page.locator("#run-01_basic").click()
    expect(status).to_contain_text("No recording matched this run, so the mock answered it.", timeout=90_000)
    expect(page.locator("#pane-01_basic-0 textarea")).to_have_value("This is a test.")


def test_the_record_switch_shows_for_a_real_provider_only(page, replaying_server):
    server, _ = replaying_server
    load(page, server.url)
    choose(page, "OpenAI")
    expect(page.locator("#record-runs")).to_be_visible()
    page.locator("#provider-panel").get_by_label("Mock (no key)", exact=True).check()
    expect(page.locator("#record-runs")).to_be_hidden()
