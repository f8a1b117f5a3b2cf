"""Shared fixtures: one mock provider per test session, on a free port, over real HTTP; Debian's Chromium
driven by Playwright for the browser tests (never `playwright install`: it cannot download here)."""

import sys
import textwrap
from pathlib import Path

import httpx2
import pytest

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from debian_tools import need  # noqa: E402

from streamlab.mock.server import start_in_thread  # noqa: E402

FAST = {"X-Mock-TTFT-Ms": "0", "X-Mock-Token-Ms": "0", "X-Mock-Jitter-Ms": "0"}


@pytest.fixture(scope="session")
def mock_server():
    with start_in_thread() as server:
        yield server


@pytest.fixture(scope="session")
def mock_url(mock_server):
    return mock_server.url


@pytest.fixture
def mock_stats(mock_url):
    """mock_stats() → the session mock's counters now (streams started, cancelled, open, …)."""
    return lambda: httpx2.get(f"{mock_url}/_stats", timeout=5).json()


@pytest.fixture
def fast_headers():
    """Pacing headers for a mock that answers as fast as it can."""
    return dict(FAST)


CHROMIUM = "/usr/bin/chromium"
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync"]


@pytest.fixture(scope="module")
def browser():
    """One Chromium per test module. Module scope on purpose: Playwright's sync API holds an event loop in
    this thread while it is open, and other tests' `asyncio.run` must not meet it. Keep browser tests in
    modules of their own (`test_*_browser.py`)."""
    need(CHROMIUM, "chromium", "the browser tests")
    from playwright.sync_api import expect, sync_playwright

    # what a page shows after a run may take a while on a loaded machine (three test workers, each server's
    # worker processes starting with its first run): 30 s for every expectation unless a test says otherwise
    expect.set_options(timeout=30_000)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        yield browser
        browser.close()


@pytest.fixture
def lesson_root(tmp_path):
    """lesson_root(stem=source, ...) → a folder with snippets/ and lessons/ holding those files."""

    def make(**files):
        (tmp_path / "snippets").mkdir(exist_ok=True)
        (tmp_path / "lessons").mkdir(exist_ok=True)
        for stem, source in files.items():
            (tmp_path / "snippets" / f"{stem}.py").write_text(textwrap.dedent(source), encoding="utf-8")
            (tmp_path / "lessons" / f"{stem}.md").write_text(f"# Lesson {stem}\n\nProse.\n", encoding="utf-8")
        return tmp_path

    return make
