"""The provider panel's mock controls reach the runs of that session: speed sets the pace, fault the failure."""

import re
import tempfile
from pathlib import Path

from lesson_pages import open_lesson
from playwright.sync_api import expect

from streamlab.engine import lessons
from streamlab.ui.provider_panel import SPEEDS

LESSONS = [lesson for lesson in lessons.discover() if not lesson.error]
SHOTS = Path(tempfile.gettempdir())  # screenshots to look at, not to compare


def fresh_page_with_mock(page, url, speed=None, fault=None):
    """A newly loaded page (no earlier run to mistake for this one) with the mock's controls set."""
    page.goto(url)
    page.locator("#provider-panel").get_by_text("Provider").first.click()
    panel = page.locator("#provider-panel")
    if speed:
        panel.get_by_label(speed).check()
    if fault:
        panel.get_by_label("Mock fault (every run fails this way)").click()
        page.get_by_role("option", name=fault).click()
    summary = page.locator("#provider-summary")  # the panel's settings have reached the server once it says so
    expect(summary).to_contain_text(f"at {speed or 'realistic'} speed")
    if fault:
        expect(summary).to_contain_text(f"fails with the {fault} fault")


def first_token_ms(page) -> int:
    """Run lesson 1 until its first text arrives, stop it, and read the first-token time from the metrics."""
    page.locator("#run-01_basic").click()
    expect(page.locator("#pane-01_basic-0 textarea")).not_to_have_value("", timeout=90_000)
    page.locator("#stop-01_basic").click()  # a slow run is cut short; an instant one may already be done
    expect(page.locator("#status-01_basic")).to_contain_text(re.compile("Stopped|Done"), timeout=90_000)
    cell = page.locator("#metrics-01_basic td").nth(1).inner_text()  # the output row: pane, first token, …
    return int(re.fullmatch(r"(\d+) ms", cell.strip()).group(1))


def test_mock_speed_chosen_in_the_panel_sets_the_pace_of_the_next_run(page, app_server):
    fresh_page_with_mock(page, app_server.url, speed="slow")
    slow = first_token_ms(page)
    fresh_page_with_mock(page, app_server.url, speed="instant")
    instant = first_token_ms(page)
    ttft, _, jitter = SPEEDS["slow"]
    assert slow >= ttft - jitter, f"slow speed gave its first token after only {slow} ms"
    assert instant * 2 < slow, f"instant ({instant} ms) should be far quicker than slow ({slow} ms)"


def test_mock_fault_chosen_in_the_panel_makes_the_next_run_fail_that_way(page, app_server):
    fresh_page_with_mock(page, app_server.url, fault="rate_limit")
    page.locator("#run-01_basic").click()
    status = page.locator("#status-01_basic")
    expect(status).to_contain_text("Failed. Rate limited (429)", timeout=90_000)
    expect(status.locator("svg.run-icon-failed")).to_be_visible()  # drawn: no emoji font needed
    expect(page.locator("#metrics-01_basic")).to_contain_text(re.compile(r"output\s+—\s+0\s+0"))  # no first token


def test_a_mock_fault_is_shown_next_to_run_on_every_tab_and_the_reset_clears_it(page, app_server):
    page.goto(app_server.url)
    note = page.locator("#mock-state-01_basic")
    expect(page.locator("#run-01_basic")).to_be_visible()
    expect(note).to_be_hidden()  # a normal mock says nothing
    fresh_page_with_mock(page, app_server.url, speed="slow", fault="rate_limit")
    page.locator("#provider-panel").get_by_text("Provider").first.click()  # the panel closed again
    expect(note).to_be_visible()
    expect(note).to_contain_text("every run fails with rate_limit")
    expect(note).to_contain_text("Mock speed: slow")
    run, shown = page.locator("#run-01_basic").bounding_box(), note.bounding_box()
    assert 0 <= shown["y"] - (run["y"] + run["height"]) < 40, "the note sits right under Run"
    page.screenshot(path=str(SHOTS / "mock_state_on.png"))
    open_lesson(page, LESSONS[1].stem)  # another lesson's tab says the same
    expect(page.locator(f"#mock-state-{LESSONS[1].stem}")).to_contain_text("every run fails with rate_limit")
    open_lesson(page, LESSONS[0].stem)
    page.locator("#mock-reset-01_basic").click()
    expect(note).to_be_hidden()
    summary = page.locator("#provider-summary")
    expect(summary).to_contain_text("at realistic speed")
    expect(summary).not_to_contain_text("fails with")
    page.locator("#run-01_basic").click()  # the session's settings are back to normal: the run succeeds
    expect(page.locator("#status-01_basic")).to_contain_text("Done.", timeout=90_000)
    panel = page.locator("#provider-panel")
    page.locator("#provider-panel").get_by_text("Provider").first.click()
    expect(panel.get_by_label("realistic")).to_be_checked()
