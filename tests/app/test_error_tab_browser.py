"""A lesson that cannot load becomes an error tab, and the lessons beside it still run."""

import shutil

import pytest
from lesson_pages import open_lesson
from playwright.sync_api import expect

from streamlab.engine import lessons
from streamlab.web.background import BackgroundServer

BROKEN = "03_usage"


@pytest.fixture
def app_with_a_broken_lesson(tmp_path):
    for folder in ("snippets", "lessons"):
        shutil.copytree(lessons.ROOT / folder, tmp_path / folder, ignore=shutil.ignore_patterns("__pycache__"))
    snippet = tmp_path / "snippets" / f"{BROKEN}.py"
    snippet.write_text(snippet.read_text(encoding="utf-8") + "\ndef half_written(:\n", encoding="utf-8")
    with BackgroundServer(concurrency=4, lessons_root=tmp_path) as server:
        yield server


def test_a_broken_lesson_shows_its_error_and_the_others_still_run(page, app_with_a_broken_lesson):
    page.goto(app_with_a_broken_lesson.url)
    expect(page.locator("#lesson-tabs")).to_be_visible()
    open_lesson(page, BROKEN)
    expect(page.locator(f"#tab-{BROKEN} .prose.lesson-error")).to_have_count(2)  # the notice, then the error
    error = page.locator(f"#tab-{BROKEN}")
    expect(error).to_contain_text("This lesson could not be loaded")
    expect(error).to_contain_text(f"{BROKEN}.py")
    expect(error).to_contain_text("SyntaxError")  # what is wrong, not only that something is
    expect(error).to_contain_text("The other lessons work as usual.")
    expect(page.locator(f"#run-{BROKEN}")).to_have_count(0)

    open_lesson(page, "01_basic")
    page.locator("#run-01_basic").click()
    expect(page.locator("#status-01_basic")).to_contain_text("Done", timeout=60_000)
    expect(page.locator("#pane-01_basic-0 textarea")).not_to_have_value("")
